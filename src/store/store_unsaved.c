/* store_unsaved.c - the live screen's writes waiting for the store
 * (store_unsaved.h): applying one entry, and the recovery file that keeps
 * them across a kill -9 or a hangup. The file is text, one entry a line:
 *   bienban-unsaved 1
 *   store /abs/path/bienban.db
 *   meeting 4
 *   note<TAB>at<TAB>item<TAB>attendee<TAB>kind<TAB>who<TAB>text<TAB>due<TAB>to<TAB>unit
 * fields escaped (\\ \t \n \r), an empty field for none (a file written
 * before "unit" was added has 9 fields). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "i18n.h"
#include "store_live.h"
#include "store_unsaved.h"
#include "store_write.h"
#include "text.h"
#include "util.h"

#define UNSAVED_MAX (64L << 20) /* a recovery file is a few notes: refuse junk */

void pending_free(struct pending *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].who);
		free(p[i].unit);
		free(p[i].text);
		free(p[i].due);
	}
	free(p);
}

/* ==== applying an entry ==== */

/* 1 if the meeting holds this note already, 0 if not, -1. */
static int note_stored(struct store *s, int64_t meeting, const struct pending *p, char **cause)
{
	char *t = NULL, *sp = NULL;
	if (store_required_text("note", p->text, &t, cause) < 0 ||
	    store_optional_text("speaker", p->who, &sp, cause) < 0) {
		free(t);
		return -1;
	}
	sqlite3_stmt *st = db_prep(s,
				   "SELECT count(*) FROM notes WHERE meeting_id = ?1 AND at = ?2"
				   " AND coalesce(speaker, '') = ?3 AND kind = ?4 AND text = ?5"
				   " AND (?6 IS NULL OR item_id = ?6)",
				   cause);
	int r = -1;
	if (st) {
		db_bind_int(st, 1, meeting);
		db_bind_text(st, 2, p->at);
		db_bind_text(st, 3, sp ? sp : "");
		db_bind_text(st, 4, note_kind_name(p->kind));
		db_bind_text(st, 5, t);
		db_bind_id(st, 6, p->item);
		int64_t count = 0;
		r = db_id(s, st, &count, cause);
		if (r == 1)
			r = count > 0;
	}
	free(t);
	free(sp);
	return r;
}

/* 1 if the note is there, 0 if not (or it cannot tell). */
static int note_exists(struct store *s, int64_t note)
{
	sqlite3_stmt *st = db_prep(s, "SELECT count(*) FROM notes WHERE id = ?1", NULL);
	if (!st)
		return 0;
	db_bind_int(st, 1, note);
	int64_t count = 0;
	return db_id(s, st, &count, NULL) == 1 && count > 0;
}

int store_pending_apply(struct store *s, int64_t meeting, const struct pending *p, int clear_draft,
			int64_t *item, char **cause)
{
	switch (p->what) {
	case PENDING_NOTE: {
		struct live_note n = {
		    .item = p->item, .speaker = p->who, .kind = p->kind, .text = p->text};
		n.at = p->at[0] ? p->at : NULL;
		if (!p->restored)
			return store_live_note_add(s, meeting, &n, clear_draft, NULL, item, cause);
		if (store_begin(s, cause) < 0)
			return -1;
		int r = note_stored(s, meeting, p, cause);
		if (r == 0)
			r = store_live_note_add(s, meeting, &n, clear_draft, NULL, item, cause);
		if (r == 1 && item)
			*item = p->item;
		return store_write_end(s, 0, r < 0 ? -1 : 0, cause);
	}
	case PENDING_PROPOSAL: {
		struct live_note n = {.item = p->item,
				      .speaker = p->who,
				      .kind = NK_PROPOSAL,
				      .text = p->text,
				      .at = p->at[0] ? p->at : NULL};
		return store_live_proposal_add(s, meeting, &n, p->unit, clear_draft, NULL, cause);
	}
	case PENDING_DIRECTIVE:
		return store_live_directive_add(s, meeting, p->text, p->who, p->due, NULL, cause);
	case PENDING_LATE:
		return store_live_late(s, p->attendee, p->at[0] ? p->at : NULL, cause);
	case PENDING_MOVE:
		return store_live_move_at(s, meeting, p->item, p->to, p->at[0] ? p->at : NULL,
					  cause);
	case PENDING_EDIT:
		return store_live_note_edit(s, p->to, p->who, p->kind, p->text, cause);
	case PENDING_DELETE:
		if (p->restored && !note_exists(s, p->to))
			return 0;
		return store_live_note_delete(s, p->to, cause);
	case PENDING_START:
		return store_live_start_at(s, meeting, p->item, p->at[0] ? p->at : NULL, cause);
	case PENDING_END: {
		/* Restored: a meeting already ended (the process died between
		 * the commit and the rewrite of its file) is done. */
		enum meeting_status ms;
		if (p->restored && store_meeting_writable(s, meeting, &ms, NULL) == 0 &&
		    ms != MS_LIVE)
			return 0;
		return store_live_end_at(s, meeting, p->at[0] ? p->at : NULL, cause);
	}
	case PENDING_LINE:
		break;
	}
	return set_cause(cause, _("internal error: not a write"));
}

/* ==== the recovery file ==== */

static const char *const what_names[] = {
    [PENDING_NOTE] = "note", [PENDING_PROPOSAL] = "proposal", [PENDING_DIRECTIVE] = "directive",
    [PENDING_LATE] = "late", [PENDING_LINE] = "line",	      [PENDING_MOVE] = "move",
    [PENDING_EDIT] = "edit", [PENDING_DELETE] = "delete",     [PENDING_START] = "start",
    [PENDING_END] = "end",
};

static void add_field(struct strbuf *sb, const char *v)
{
	strbuf_addc(sb, '\t');
	for (const char *c = v ? v : ""; *c; c++) {
		switch (*c) {
		case '\\':
			strbuf_adds(sb, "\\\\");
			break;
		case '\t':
			strbuf_adds(sb, "\\t");
			break;
		case '\n':
			strbuf_adds(sb, "\\n");
			break;
		case '\r':
			strbuf_adds(sb, "\\r");
			break;
		default:
			strbuf_addc(sb, *c);
		}
	}
}

/* Unescape one field in place; NULL when empty. Allocated. */
static char *field_value(const char *f, size_t len)
{
	if (len == 0)
		return NULL;
	char *out = xmalloc(len + 1), *o = out;
	for (size_t i = 0; i < len; i++) {
		if (f[i] == '\\' && i + 1 < len) {
			char c = f[++i];
			*o++ = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
		} else {
			*o++ = f[i];
		}
	}
	*o = '\0';
	return out;
}

/* The store's absolute path (as the file names it). Allocated. */
static char *store_real(struct store *s)
{
	char buf[PATH_MAX];
	return xstrdup(realpath(store_path(s), buf) ? buf : store_path(s));
}

/* The fallback directory, created 0700 and checked to be ours. */
static char *fallback_dir(int create)
{
	const char *rt = getenv("XDG_RUNTIME_DIR");
	char *dir = !str_empty(rt) && rt[0] == '/'
			? xasprintf("%s/bienban", rt)
			: xasprintf("/tmp/bienban-%u", (unsigned)getuid());
	if (create)
		mkdir(dir, 0700);
	struct stat sb;
	if (lstat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode) || sb.st_uid != getuid() ||
	    (sb.st_mode & 077)) {
		free(dir);
		return NULL;
	}
	return dir;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

static char *primary_path(struct store *s, int pid)
{
	return xasprintf("%s.unsaved-%d", store_path(s), pid);
}

static char *fallback_path(struct store *s, int pid, int create)
{
	char *dir = fallback_dir(create);
	if (!dir)
		return NULL;
	char *p = xasprintf("%s/%s.unsaved-%d", dir, base_name(store_path(s)), pid);
	free(dir);
	return p;
}

int store_unsaved_save(struct store *s, int64_t meeting, const struct pending *p, size_t n,
		       char **where, char **cause)
{
	if (where)
		*where = NULL;
	int pid = (int)getpid();
	char *primary = primary_path(s, pid), *fallback = fallback_path(s, pid, n > 0);
	if (n == 0) {
		unlink(primary);
		if (fallback)
			unlink(fallback);
		free(primary);
		free(fallback);
		return 0;
	}
	struct strbuf sb = {0};
	char *real = store_real(s);
	strbuf_adds(&sb, "bienban-unsaved 1\nstore");
	add_field(&sb, real);
	strbuf_addf(&sb, "\nmeeting\t%lld\n", (long long)meeting);
	free(real);
	for (size_t i = 0; i < n; i++) {
		char num[32];
		strbuf_adds(&sb, what_names[p[i].what]);
		add_field(&sb, p[i].at);
		snprintf(num, sizeof num, "%lld", (long long)p[i].item);
		add_field(&sb, num);
		snprintf(num, sizeof num, "%lld", (long long)p[i].attendee);
		add_field(&sb, num);
		add_field(&sb, note_kind_name(p[i].kind));
		add_field(&sb, p[i].who);
		add_field(&sb, p[i].text);
		add_field(&sb, p[i].due);
		snprintf(num, sizeof num, "%lld", (long long)p[i].to);
		add_field(&sb, num);
		add_field(&sb, p[i].unit);
		strbuf_addc(&sb, '\n');
	}
	char *why = NULL;
	int rc = atomic_write_file(primary, sb.buf, sb.len, 0600, 1, &why);
	const char *used = primary, *other = fallback;
	if (rc < 0 && fallback) {
		free(why);
		why = NULL;
		rc = atomic_write_file(fallback, sb.buf, sb.len, 0600, 1, &why);
		used = fallback;
		other = primary;
	}
	strbuf_free(&sb);
	if (rc == 0) {
		if (other)
			unlink(other); /* an older copy in the other place */
		if (where)
			*where = xstrdup(used);
	} else {
		set_cause(cause, "%s", why ? why : "?");
	}
	free(why);
	free(primary);
	free(fallback);
	return rc;
}

/* Read the whole file (at most UNSAVED_MAX). Allocated, or NULL. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return NULL;
	struct strbuf sb = {0};
	char buf[8192];
	size_t r;
	while ((r = fread(buf, 1, sizeof buf, f)) > 0 && sb.len < (size_t)UNSAVED_MAX)
		strbuf_add(&sb, buf, r);
	fclose(f);
	*len = sb.len;
	if (!sb.buf)
		strbuf_adds(&sb, "");
	return strbuf_detach(&sb);
}

/* Split a line into fields at tabs: up to max, *n of them. */
static size_t split(char *line, char **f, size_t *lens, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		char *tab = strchr(p, '\t');
		f[n] = p;
		lens[n] = tab ? (size_t)(tab - p) : strlen(p);
		n++;
		if (!tab)
			break;
		p = tab + 1;
	}
	return n;
}

/* The header of a recovery file: its store and meeting. 0 or -1. */
static int read_header(char **lines, size_t n, char **store, int64_t *meeting)
{
	if (n < 3 || strcmp(lines[0], "bienban-unsaved 1") != 0)
		return -1;
	char *f[3];
	size_t l[3];
	if (split(lines[1], f, l, 3) != 2 || strncmp(f[0], "store", l[0]) != 0)
		return -1;
	*store = field_value(f[1], l[1]);
	if (split(lines[2], f, l, 3) != 2 || strncmp(f[0], "meeting", l[0]) != 0) {
		free(*store);
		return -1;
	}
	*meeting = atoll(f[1]);
	return 0;
}

/* The file's lines (in buf, modified). Allocated array. */
static char **lines_of(char *buf, size_t len, size_t *n)
{
	char **lines = NULL;
	*n = 0;
	char *p = buf, *end = buf + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl)
			*nl = '\0';
		lines = xreallocarray(lines, *n + 1, sizeof *lines);
		lines[(*n)++] = p;
		if (!nl)
			break;
		p = nl + 1;
	}
	return lines;
}

int store_unsaved_load(const char *path, struct pending **out, size_t *n_out, char **cause)
{
	*out = NULL;
	*n_out = 0;
	size_t len = 0;
	char *buf = slurp(path, &len);
	if (!buf)
		return set_cause(cause, _("cannot read %s: %s"), path, strerror(errno));
	size_t n = 0;
	char **lines = lines_of(buf, len, &n);
	char *store = NULL;
	int64_t meeting = 0;
	if (read_header(lines, n, &store, &meeting) < 0) {
		free(lines);
		free(buf);
		return set_cause(cause, _("%s is not a bienban recovery file"), path);
	}
	free(store);
	struct pending *p = NULL;
	size_t np = 0;
	for (size_t i = 3; i < n; i++) {
		char *f[10];
		size_t l[10];
		size_t nf = lines[i][0] ? split(lines[i], f, l, 10) : 0;
		if (nf != 9 && nf != 10)
			continue;
		size_t w = 0;
		while (w < BB_ARRAY_LEN(what_names) && strncmp(f[0], what_names[w], l[0]) != 0)
			w++;
		if (w == BB_ARRAY_LEN(what_names) || strlen(what_names[w]) != l[0])
			continue;
		p = xreallocarray(p, np + 1, sizeof *p);
		struct pending *e = &p[np++];
		memset(e, 0, sizeof *e);
		e->what = (enum pending_what)w;
		e->restored = 1;
		char *at = field_value(f[1], l[1]);
		snprintf(e->at, sizeof e->at, "%s", at ? at : "");
		free(at);
		char *num = field_value(f[2], l[2]);
		e->item = num ? atoll(num) : 0;
		free(num);
		num = field_value(f[3], l[3]);
		e->attendee = num ? atoll(num) : 0;
		free(num);
		char *kind = field_value(f[4], l[4]);
		int k = note_kind_parse(kind ? kind : "");
		e->kind = k < 0 ? NK_STATEMENT : (enum note_kind)k;
		free(kind);
		e->who = field_value(f[5], l[5]);
		e->text = field_value(f[6], l[6]);
		e->due = field_value(f[7], l[7]);
		num = field_value(f[8], l[8]);
		e->to = num ? atoll(num) : 0;
		free(num);
		e->unit = nf == 10 ? field_value(f[9], l[9]) : NULL;
	}
	free(lines);
	free(buf);
	*out = p;
	*n_out = np;
	return 0;
}

/* 1 if the file is a recovery file of this store and meeting from a
 * process that is gone. */
static int ours_and_orphaned(const char *path, const char *name, const char *prefix,
			     const char *real, int64_t meeting)
{
	/* "<pid>", or "<pid>.<meeting>" (kept by a live screen that closed
	 * while its process went on: store_unsaved_keep). */
	const char *digits = name + strlen(prefix);
	size_t nd = strspn(digits, "0123456789");
	if (!nd ||
	    (digits[nd] && (digits[nd] != '.' || !digits[nd + 1] ||
			    strspn(digits + nd + 1, "0123456789") != strlen(digits + nd + 1))))
		return 0;
	long pid = atol(digits);
	if (pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
		return 0;
	size_t len = 0;
	char *buf = slurp(path, &len);
	if (!buf)
		return 0;
	size_t n = 0;
	char **lines = lines_of(buf, len, &n);
	char *store = NULL;
	int64_t m = 0;
	int ok = read_header(lines, n, &store, &m) == 0 && str_eq(store, real) && m == meeting;
	free(store);
	free(lines);
	free(buf);
	return ok;
}

static void scan(const char *dir, const char *prefix, const char *real, int64_t meeting,
		 char ***paths, time_t **times, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		struct stat sb;
		if (lstat(path, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_uid != getuid() ||
		    !ours_and_orphaned(path, e->d_name, prefix, real, meeting)) {
			free(path);
			continue;
		}
		*paths = xreallocarray(*paths, *n + 1, sizeof **paths);
		*times = xreallocarray(*times, *n + 1, sizeof **times);
		(*paths)[*n] = path;
		(*times)[*n] = sb.st_mtime;
		(*n)++;
	}
	closedir(d);
}

int store_unsaved_find(struct store *s, int64_t meeting, char ***paths, size_t *n)
{
	*paths = NULL;
	*n = 0;
	if (strcmp(store_path(s), ":memory:") == 0)
		return 0;
	char *real = store_real(s);
	char *dir = xstrdup(store_path(s));
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		strcpy(dir, ".");
	char *prefix = xasprintf("%s.unsaved-", base_name(store_path(s)));
	time_t *times = NULL;
	scan(dir, prefix, real, meeting, paths, &times, n);
	char *fb = fallback_dir(0);
	if (fb)
		scan(fb, prefix, real, meeting, paths, &times, n);
	/* Oldest first (insertion sort: a handful of files). */
	for (size_t i = 1; i < *n; i++)
		for (size_t j = i; j > 0 && times[j] < times[j - 1]; j--) {
			time_t t = times[j];
			times[j] = times[j - 1];
			times[j - 1] = t;
			char *p = (*paths)[j];
			(*paths)[j] = (*paths)[j - 1];
			(*paths)[j - 1] = p;
		}
	free(times);
	free(fb);
	free(prefix);
	free(dir);
	free(real);
	return 0;
}

int store_unsaved_keep(const char *path, int64_t meeting, char **cause)
{
	char *kept = xasprintf("%s.%lld", path, (long long)meeting);
	int rc = 0;
	if (rename(path, kept) < 0)
		rc = set_cause(cause, _("cannot rename %s: %s"), path, strerror(errno));
	free(kept);
	return rc;
}
