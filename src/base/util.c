/* util.c - allocation that never fails, growable strings, atomic writes. */
#include "util.h"

#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void oom(void)
{
	static const char msg[] = "bienban: out of memory\n";
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
		/* nothing left to do */
	}
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		oom();
	return xrealloc(p, nmemb * size);
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		oom();
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

int set_cause(char **cause, const char *fmt, ...)
{
	if (cause) {
		va_list ap;
		va_start(ap, fmt);
		/* Format first: the old message may be one of the arguments. */
		char *msg = xvasprintf(fmt, ap);
		va_end(ap);
		free(*cause);
		*cause = msg;
	}
	return -1;
}

static void strbuf_grow(struct strbuf *sb, size_t more)
{
	if (sb->len + more + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + more + 1) {
		if (cap > SIZE_MAX / 2)
			oom();
		cap *= 2;
	}
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_grow(sb, n);
	if (n)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
	if (s)
		strbuf_add(sb, s, strlen(s));
}

void strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		oom();
	strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	va_end(ap);
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void strbuf_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

int str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

int str_empty(const char *s)
{
	return !s || !*s;
}

int str_ends_with(const char *s, const char *tail)
{
	if (!s || str_empty(tail))
		return 0;
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && memcmp(s + n - k, tail, k) == 0;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int atomic_write_file(const char *path, const void *data, size_t len, int mode, int overwrite,
		      char **cause)
{
	struct stat sb;
	int exists = stat(path, &sb) == 0;
	if (exists && S_ISDIR(sb.st_mode))
		return set_cause(cause, _("%s is a directory; give a file name"), path);
	/* Only a regular file is ever replaced: a rename over /dev/null, a
	 * FIFO or a socket would put a file where the device was. */
	if (exists && !S_ISREG(sb.st_mode))
		return set_cause(cause,
				 _("%s is not a regular file (a device, FIFO or socket): bienban "
				   "writes only files; to send a document to a program, leave "
				   "out -o and use a pipe"),
				 path);
	if (!overwrite && (exists || access(path, F_OK) == 0))
		return set_cause(cause, _("%s already exists (use --force to overwrite)"), path);
	/* A new file gets mode & ~umask, as open(2) would give it; a replaced
	 * one keeps its own mode. umask can only be read by setting it. */
	mode_t mask = umask(077);
	umask(mask);
	mode_t fmode = exists ? sb.st_mode & 07777 : (mode_t)mode & ~mask;
	/* A private file (no group or other bits asked: a recovery file)
	 * gets exactly its mode, whatever was there or the umask says. */
	if (((mode_t)mode & 077) == 0)
		fmode = (mode_t)mode;
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		/* Name the file asked for; the temporary name means nothing to
		 * the user (a missing or unwritable directory, usually). */
		set_cause(cause, _("cannot create %s: %s"), path, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, fmode) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		set_cause(cause, _("cannot write %s: %s"), path, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (close(fd) < 0) {
		set_cause(cause, _("cannot write %s: %s"), path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (!overwrite) {
		/* link() fails if path appeared meanwhile: no silent clobbering.
		 * Filesystems without hard links (vfat USB sticks) refuse it;
		 * there a rename after a last existence check is the best we have. */
		int r = link(tmp, path);
		if (r < 0 && (errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS) &&
		    access(path, F_OK) < 0)
			r = rename(tmp, path);
		if (r < 0) {
			set_cause(cause, _("cannot create %s: %s"), path, strerror(errno));
			unlink(tmp);
			free(tmp);
			return -1;
		}
		unlink(tmp);
	} else if (rename(tmp, path) < 0) {
		set_cause(cause, _("cannot replace %s: %s"), path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	char *dcopy = xstrdup(path);
	int dfd = open(dirname(dcopy), O_RDONLY | O_DIRECTORY);
	free(dcopy);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

time_t now_wall(void)
{
	/* For tests that replay a meeting: the minute in force is read from
	 * the file (written by the test as it goes), so stamps are known. */
	const char *clock = getenv("BIENBAN_CLOCK_FILE");
	if (clock && clock[0]) {
		FILE *f = fopen(clock, "re");
		char line[32] = "";
		struct tm tm = {0};
		int ok = f && fgets(line, sizeof line, f) &&
			 sscanf(line, "%4d-%2d-%2dT%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
				&tm.tm_hour, &tm.tm_min) == 5;
		if (f)
			fclose(f);
		if (ok) {
			tm.tm_year -= 1900;
			tm.tm_mon -= 1;
			tm.tm_isdst = -1;
			time_t t = mktime(&tm);
			if (t != (time_t)-1)
				return t;
		}
	}
	return time(NULL);
}

void now_iso_minute(char buf[17])
{
	time_t t = now_wall();
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, 17, "%Y-%m-%dT%H:%M", &tm);
}

void now_iso_second(char buf[20])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, 20, "%Y-%m-%dT%H:%M:%S", &tm);
}

long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Process-global by nature: one start-up per process. */
static struct {
	const char *name;
	long long us;
} marks[16];
static int n_marks;

void start_mark(const char *name)
{
	if (n_marks >= (int)BB_ARRAY_LEN(marks))
		return;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	marks[n_marks].name = name;
	marks[n_marks].us = (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	n_marks++;
}

void start_marks_write(void)
{
	const char *path = getenv("BIENBAN_START_TIMES");
	if (!n_marks || str_empty(path)) {
		n_marks = 0;
		return;
	}
	FILE *f = fopen(path, "we");
	for (int i = 0; f && i < n_marks; i++)
		fprintf(f, "%s %lld\n", marks[i].name, marks[i].us);
	if (f)
		fclose(f);
	n_marks = 0;
}
