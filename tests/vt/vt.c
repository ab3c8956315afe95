/* vt.c - pseudo-terminal + libvterm harness for screen and terminal tests. */
#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>
#include <vterm.h>

struct vt {
	int fd; /* pty master, -1 after hangup */
	pid_t pid;
	int exited, status;
	VTerm *term;
	VTermScreen *screen;
	int rows, cols;
	size_t bytes;
};

static long long ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* libvterm's answers to the program's queries (cursor position, device
 * attributes) go back to it, as a real terminal's would. */
static void answer(const char *s, size_t len, void *user)
{
	struct vt *vt = user;
	if (vt->fd >= 0 && write(vt->fd, s, len) < 0) {
		/* the program is gone; nothing to answer */
	}
}

struct vt *vt_spawn(int rows, int cols, char *const argv[], char *const env[])
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	int fd;
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return NULL;
	}
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		for (size_t i = 0; env && env[i]; i++)
			putenv(env[i]);
		execvp(argv[0], argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	struct vt *vt = calloc(1, sizeof *vt);
	if (!vt)
		abort();
	vt->fd = fd;
	vt->pid = pid;
	vt->rows = rows;
	vt->cols = cols;
	vt->term = vterm_new(rows, cols);
	vterm_set_utf8(vt->term, 1);
	vterm_output_set_callback(vt->term, answer, vt);
	vt->screen = vterm_obtain_screen(vt->term);
	vterm_screen_enable_altscreen(vt->screen, 1);
	vterm_screen_reset(vt->screen, 1);
	return vt;
}

static void reap(struct vt *vt, int flags)
{
	if (vt->exited)
		return;
	int st;
	pid_t r = waitpid(vt->pid, &st, flags);
	if (r == vt->pid) {
		vt->exited = 1;
		vt->status = st;
	}
}

void vt_free(struct vt *vt)
{
	if (!vt)
		return;
	if (!vt->exited) {
		kill(vt->pid, SIGKILL);
		reap(vt, 0);
	}
	if (vt->fd >= 0)
		close(vt->fd);
	vterm_free(vt->term);
	free(vt);
}

int vt_send(struct vt *vt, const char *bytes, size_t len)
{
	while (len && vt->fd >= 0) {
		ssize_t w = write(vt->fd, bytes, len);
		if (w < 0) {
			if (errno == EAGAIN || errno == EINTR) {
				vt_pump(vt, 5);
				continue;
			}
			return -1;
		}
		bytes += w;
		len -= (size_t)w;
	}
	return vt->fd >= 0 ? 0 : -1;
}

int vt_type(struct vt *vt, const char *text)
{
	return vt_send(vt, text, strlen(text));
}

static const struct {
	const char *name, *seq;
} keys[] = {
    {"Enter", "\r"},	 {"Esc", "\033"},     {"Tab", "\t"},	     {"BTab", "\033[Z"},
    {"Up", "\033[A"},	 {"Down", "\033[B"},  {"Right", "\033[C"},   {"Left", "\033[D"},
    {"Home", "\033[H"},	 {"End", "\033[F"},   {"PgUp", "\033[5~"},   {"PgDn", "\033[6~"},
    {"Ins", "\033[2~"},	 {"Del", "\033[3~"},  {"Backspace", "\177"}, {"F1", "\033OP"},
    {"F2", "\033OQ"},	 {"F3", "\033OR"},    {"F4", "\033OS"},	     {"F5", "\033[15~"},
    {"F6", "\033[17~"},	 {"F7", "\033[18~"},  {"F8", "\033[19~"},    {"F9", "\033[20~"},
    {"F10", "\033[21~"}, {"F11", "\033[23~"}, {"F12", "\033[24~"},
    /* xterm's Shift-F keys (terminfo kf13..kf24) */
    {"S-F2", "\033[1;2Q"}, {"S-F3", "\033[1;2R"}, {"S-F5", "\033[15;2~"},
};

int vt_key(struct vt *vt, const char *name)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(keys[i].name, name) == 0)
			return vt_type(vt, keys[i].seq);
	if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z' && !name[3]) {
		char c = (char)(name[2] - 'a' + 1);
		return vt_send(vt, &c, 1);
	}
	return -1;
}

int vt_pump(struct vt *vt, int timeout_ms)
{
	if (vt->fd < 0)
		return -1;
	long long end = ms_now() + timeout_ms;
	int total = 0;
	for (;;) {
		long long left = end - ms_now();
		if (total > 0 && left > 20)
			left = 20; /* got something: stop once it pauses */
		if (left < 0)
			left = 0;
		struct pollfd p = {.fd = vt->fd, .events = POLLIN};
		int r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return total;
		char buf[8192];
		ssize_t n = read(vt->fd, buf, sizeof buf);
		if (n > 0) {
			vterm_input_write(vt->term, buf, (size_t)n);
			vt->bytes += (size_t)n;
			total += (int)n;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		/* EOF or EIO: the program closed its side. */
		reap(vt, WNOHANG);
		return total ? total : -1;
	}
}

static void put_utf8(char **p, uint32_t cp)
{
	utf8proc_uint8_t buf[4];
	utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, buf);
	memcpy(*p, buf, (size_t)n);
	*p += n;
}

char *vt_row(struct vt *vt, int row)
{
	char *out = malloc((size_t)vt->cols * 4 * VTERM_MAX_CHARS_PER_CELL + 1), *p = out, *end;
	if (!out)
		abort();
	end = out;
	for (int col = 0; col < vt->cols;) {
		VTermScreenCell cell;
		VTermPos pos = {.row = row, .col = col};
		vterm_screen_get_cell(vt->screen, pos, &cell);
		if (cell.chars[0] == 0) {
			*p++ = ' ';
		} else {
			for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
				put_utf8(&p, cell.chars[i]);
			end = p;
		}
		col += cell.width > 0 ? cell.width : 1;
	}
	*end = '\0';
	/* Show combined letters as one NFC string, like a reader would see. */
	utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)out);
	if (nfc) {
		free(out);
		return (char *)nfc;
	}
	return out;
}

char *vt_screen(struct vt *vt)
{
	size_t cap = 1024, len = 0;
	char *s = malloc(cap);
	if (!s)
		abort();
	for (int r = 0; r < vt->rows; r++) {
		char *row = vt_row(vt, r);
		size_t n = strlen(row);
		while (len + n + 2 > cap) {
			cap *= 2;
			s = realloc(s, cap);
			if (!s)
				abort();
		}
		memcpy(s + len, row, n);
		len += n;
		s[len++] = '\n';
		free(row);
	}
	s[len] = '\0';
	return s;
}

int vt_contains(struct vt *vt, const char *text)
{
	char *s = vt_screen(vt);
	int r = strstr(s, text) != NULL;
	free(s);
	return r;
}

void vt_cursor(struct vt *vt, int *row, int *col)
{
	VTermPos pos;
	vterm_state_get_cursorpos(vterm_obtain_state(vt->term), &pos);
	*row = pos.row;
	*col = pos.col;
}

int vt_wait_text(struct vt *vt, const char *text, int timeout_ms)
{
	long long end = ms_now() + timeout_ms;
	for (;;) {
		if (vt_contains(vt, text))
			return 0;
		long long left = end - ms_now();
		if (left <= 0)
			return -1;
		if (vt_pump(vt, (int)(left < 50 ? left : 50)) < 0 && !vt_contains(vt, text))
			return -1;
	}
}

int vt_wait_gone(struct vt *vt, const char *text, int timeout_ms)
{
	long long end = ms_now() + timeout_ms;
	for (;;) {
		if (!vt_contains(vt, text))
			return 0;
		long long left = end - ms_now();
		if (left <= 0)
			return -1;
		if (vt_pump(vt, (int)(left < 50 ? left : 50)) < 0)
			return vt_contains(vt, text) ? -1 : 0;
	}
}

int vt_wait_quiet(struct vt *vt, int quiet_ms, int timeout_ms)
{
	long long end = ms_now() + timeout_ms;
	long long last = ms_now();
	while (ms_now() < end) {
		struct pollfd p = {.fd = vt->fd, .events = POLLIN};
		if (vt->fd < 0)
			return 0;
		int r = poll(&p, 1, 10);
		if (r > 0) {
			if (vt_pump(vt, 0) < 0)
				return 0;
			last = ms_now();
		} else if (ms_now() - last >= quiet_ms) {
			return 0;
		}
	}
	return -1;
}

void vt_resize(struct vt *vt, int rows, int cols)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	vt->rows = rows;
	vt->cols = cols;
	vterm_set_size(vt->term, rows, cols);
	if (vt->fd >= 0)
		ioctl(vt->fd, TIOCSWINSZ, &ws); /* the kernel sends SIGWINCH */
}

void vt_hangup(struct vt *vt)
{
	if (vt->fd >= 0) {
		close(vt->fd);
		vt->fd = -1;
	}
}

int vt_kill(struct vt *vt, int sig)
{
	return vt->exited ? -1 : kill(vt->pid, sig);
}

pid_t vt_pid(const struct vt *vt)
{
	return vt->pid;
}

int vt_wait_exit(struct vt *vt, int timeout_ms, int *status)
{
	long long end = ms_now() + timeout_ms;
	for (;;) {
		reap(vt, WNOHANG);
		if (vt->exited) {
			if (status)
				*status = vt->status;
			return 0;
		}
		if (ms_now() >= end)
			return -1;
		if (vt->fd >= 0) {
			if (vt_pump(vt, 10) < 0)
				usleep(2000);
		} else {
			usleep(5000);
		}
	}
}

size_t vt_bytes(const struct vt *vt)
{
	return vt->bytes;
}
