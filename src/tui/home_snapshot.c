/* home_snapshot.c - the home screen's first page kept between runs (see
 * home_snapshot.h).
 *
 * The file: a line "bienban home snapshot 1", a line of the stamp (store
 * file: device, inode, size, mtime seconds and nanoseconds; then the same
 * of STORE-wal, or -1 0 0 0 0 when there is none), a line of the count
 * of meetings and the number N of rows kept, then N rows, each a line "ID CLUSTER STATUS LEN_START LEN_PERIOD LEN_TITLE"
 * followed by those three texts' bytes and a newline. Lengths, not
 * separators: a title may hold any character. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "home_snapshot.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define MAGIC "bienban home snapshot 1\n"
/* A snapshot is a few kilobytes; anything larger is not one. */
#define SNAP_MAX (1 << 20)

struct stamp {
	long long v[10];
};

static void stamp_file(const char *path, long long *v)
{
	struct stat sb;
	if (stat(path, &sb) < 0) {
		v[0] = -1;
		v[1] = v[2] = v[3] = v[4] = 0;
		return;
	}
	/* A device and inode pair cannot both be -1: the mark of "none". */
	v[0] = (long long)sb.st_dev;
	v[1] = (long long)sb.st_ino;
	v[2] = (long long)sb.st_size;
	v[3] = (long long)sb.st_mtim.tv_sec;
	v[4] = (long long)sb.st_mtim.tv_nsec;
}

/* The store and its log as they are now; -1 if the store is not there. */
static int stamp_now(const char *path, struct stamp *st)
{
	stamp_file(path, st->v);
	if (st->v[0] == -1)
		return -1;
	char *wal = xasprintf("%s-wal", path);
	stamp_file(wal, st->v + 5);
	free(wal);
	return 0;
}

/* $XDG_CACHE_HOME/bienban/home-snapshot, or under ~/.cache; NULL if neither
 * can be named. With create, the folders are made (0700). */
static char *snapshot_path(int create)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char *base;
	if (xdg && *xdg == '/')
		base = xstrdup(xdg);
	else if (home && *home == '/')
		base = xasprintf("%s/.cache", home);
	else
		return NULL;
	char *dir = xasprintf("%s/bienban", base);
	if (create && ((mkdir(base, 0700) < 0 && errno != EEXIST) ||
		       (mkdir(dir, 0700) < 0 && errno != EEXIST))) {
		free(base);
		free(dir);
		return NULL;
	}
	char *path = xasprintf("%s/home-snapshot", dir);
	free(base);
	free(dir);
	return path;
}

void home_snapshot_free(struct home_snapshot *snap)
{
	for (size_t i = 0; i < snap->n; i++)
		meeting_row_free(&snap->rows[i]);
	free(snap->rows);
	*snap = (struct home_snapshot){0};
}

/* The whole file, NUL-terminated, or NULL. */
static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	struct stat sb;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size > SNAP_MAX) {
		close(fd);
		return NULL;
	}
	char *buf = xmalloc((size_t)sb.st_size + 1);
	size_t got = 0;
	while (got < (size_t)sb.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)sb.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return buf;
}

/* n numbers separated by spaces up to a newline, from *p (moved past it). */
static int numbers(const char **p, const char *end, long long *v, int n)
{
	const char *s = *p;
	for (int i = 0; i < n; i++) {
		if (s >= end)
			return -1;
		char *e;
		errno = 0;
		v[i] = strtoll(s, &e, 10);
		if (e == s || errno || e >= end || *e != (i + 1 < n ? ' ' : '\n'))
			return -1;
		s = e + 1;
	}
	*p = s;
	return 0;
}

/* A text of len bytes at *p: valid UTF-8 without NUL, copied. */
static char *text_at(const char **p, const char *end, long long len)
{
	if (len < 0 || len > end - *p || memchr(*p, '\0', (size_t)len) ||
	    !text_valid_utf8(*p, (size_t)len, NULL))
		return NULL;
	char *t = xmalloc((size_t)len + 1);
	memcpy(t, *p, (size_t)len);
	t[len] = '\0';
	*p += len;
	return t;
}

static int parse(const char *buf, size_t len, const struct stamp *now, size_t max_rows,
		 struct home_snapshot *out)
{
	const char *p = buf, *end = buf + len;
	size_t ml = strlen(MAGIC);
	if (len < ml || memcmp(p, MAGIC, ml) != 0)
		return -1;
	p += ml;
	struct stamp was;
	long long head[2];
	if (numbers(&p, end, was.v, 10) < 0 || memcmp(was.v, now->v, sizeof was.v) != 0 ||
	    numbers(&p, end, head, 2) < 0 || head[0] < 0 || head[1] < 0 || head[1] > head[0] ||
	    head[1] > 1000)
		return -1;
	out->count = head[0];
	/* Only the rows the screen shows: the rest would cost time before
	 * the first paint for nothing (the store's list follows at once). */
	long long want = (unsigned long long)head[1] < max_rows ? head[1] : (long long)max_rows;
	out->rows = xcalloc((size_t)want + 1, sizeof *out->rows);
	for (long long i = 0; i < want; i++) {
		long long f[6];
		if (numbers(&p, end, f, 6) < 0 || f[0] < 1 || f[1] < 0 || f[1] > 100000 ||
		    f[2] < 0 || f[2] >= MS__COUNT)
			return -1;
		struct meeting_row *r = &out->rows[out->n++];
		r->id = f[0];
		r->cluster = (int)f[1];
		r->status = (enum meeting_status)f[2];
		if (!(r->starts_at = text_at(&p, end, f[3])) || !(r->period = text_at(&p, end, f[4])) ||
		    !(r->title = text_at(&p, end, f[5])) || p >= end || *p++ != '\n')
			return -1;
		if (!*r->period) {
			free(r->period);
			r->period = NULL;
		}
	}
	return want < head[1] || p == end ? 0 : -1;
}

int home_snapshot_read(const char *path, size_t max_rows, struct home_snapshot *out)
{
	*out = (struct home_snapshot){0};
	struct stamp now;
	char *file = snapshot_path(0);
	if (!file || stamp_now(path, &now) < 0) {
		free(file);
		return 0;
	}
	size_t len = 0;
	char *buf = slurp(file, &len);
	free(file);
	int ok = buf && parse(buf, len, &now, max_rows, out) == 0;
	free(buf);
	if (!ok)
		home_snapshot_free(out);
	return ok;
}

int home_snapshot_take(struct store *s, int limit, struct home_snapshot *out)
{
	*out = (struct home_snapshot){0};
	struct meeting_filter all = {0};
	char *cause = NULL;
	if (store_meetings_count(s, &all, &out->count, &cause) < 0 ||
	    store_meetings_page(s, &all, 0, limit, &out->rows, &out->n, &cause) < 0) {
		free(cause);
		home_snapshot_free(out);
		return -1;
	}
	return 0;
}

int home_snapshot_write(const char *path, const struct home_snapshot *snap)
{
	struct stamp now;
	if (stamp_now(path, &now) < 0)
		return -1;
	char *file = snapshot_path(1);
	if (!file)
		return -1;
	struct strbuf sb = {0};
	strbuf_adds(&sb, MAGIC);
	for (int i = 0; i < 10; i++)
		strbuf_addf(&sb, "%lld%c", now.v[i], i < 9 ? ' ' : '\n');
	strbuf_addf(&sb, "%lld %zu\n", (long long)snap->count, snap->n);
	for (size_t i = 0; i < snap->n; i++) {
		const struct meeting_row *r = &snap->rows[i];
		const char *start = r->starts_at ? r->starts_at : "";
		const char *period = r->period ? r->period : "";
		const char *title = r->title ? r->title : "";
		strbuf_addf(&sb, "%lld %d %d %zu %zu %zu\n%s%s%s\n", (long long)r->id, r->cluster,
			    (int)r->status, strlen(start), strlen(period), strlen(title), start,
			    period, title);
	}
	char *cause = NULL;
	int rc = atomic_write_file(file, sb.buf, sb.len, 0600, 1, &cause);
	free(cause);
	free(file);
	strbuf_free(&sb);
	return rc;
}
