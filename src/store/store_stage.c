/* store_stage.c - an import staged outside the store's write lock
 * (store_stage.h). The staging store is an ordinary bienban store in a
 * private file, filled by the ordinary inserters (its search rows once at
 * the end, its own index never: only the rows are wanted); the copy
 * into the store is set-based, with the triggers of the copied tables set
 * aside inside its transaction (a rollback puts them back). */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "i18n.h"
#include "store_search.h"
#include "store_stage.h"
#include "store_stage_copy.h"
#include "util.h"

#define STAGE_PREFIX "bienban-import-"

struct store_stage {
	struct store *db;
	char *path;
};

/* ---- the file, removed on every way out ---- */

/* One staging file at a time per process; the handler may only read it. */
static char stage_file[4096];
static struct sigaction old_act[4];
static const int stage_signals[4] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

static void unlink_stage(const char *path)
{
	/* async-signal-safe: no allocation */
	char buf[sizeof stage_file + 16];
	static const char *const ext[] = {"", "-journal", "-wal", "-shm"};
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof stage_file)
		return;
	for (size_t i = 0; i < 4; i++) {
		memcpy(buf, path, n);
		size_t k = strlen(ext[i]);
		memcpy(buf + n, ext[i], k + 1);
		unlink(buf);
	}
}

static void on_signal(int sig)
{
	unlink_stage(stage_file);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void guard(int on)
{
	if (on) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		for (int i = 0; i < 4; i++) {
			sigaction(stage_signals[i], NULL, &old_act[i]);
			/* a signal the caller ignores stays ignored */
			if (old_act[i].sa_handler != SIG_IGN)
				sigaction(stage_signals[i], &sa, NULL);
		}
	} else {
		for (int i = 0; i < 4; i++)
			sigaction(stage_signals[i], &old_act[i], NULL);
	}
}

static const char *tmp_dir(void)
{
	const char *t = getenv("TMPDIR");
	return t && *t ? t : "/tmp";
}

/* Staging files of imports whose process is gone (kill -9, a crash). */
static void sweep(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)) != 0)
			continue;
		char *end;
		long pid = strtol(e->d_name + strlen(STAGE_PREFIX), &end, 10);
		if (pid <= 0 || *end != '-' || strstr(end, ".db") == NULL)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
}

/* The staging store fills its search rows once, at the end
 * (stage_search_sql): the triggers that would write them row by row, and
 * the index's, are dropped for good (the file is thrown away). */
static int drop_search_triggers(struct store *g, char **cause)
{
	sqlite3_stmt *q = db_prep(g,
				  "SELECT name FROM main.sqlite_schema WHERE type = 'trigger'"
				  " AND (name GLOB '*_search_*' OR tbl_name = 'search_doc')",
				  cause);
	if (!q)
		return -1;
	char **names = NULL;
	size_t n = 0;
	int r;
	while ((r = db_row(g, q, cause)) == 1) {
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = db_col_text(q, 0);
	}
	for (size_t i = 0; i < n; i++) {
		char *drop = xasprintf("DROP TRIGGER main.\"%s\"", names[i]);
		if (r == 0 && db_exec(g, drop, cause) < 0)
			r = -1;
		free(drop);
		free(names[i]);
	}
	free(names);
	return r < 0 ? -1 : 0;
}

/* The staged meetings' search rows, keyed in the order a rebuild gives
 * (db/002_search.sql): by meeting, source, position. The keys are worked
 * out first from the narrow columns, so that the sort holds no text. */
static const char *const stage_search_sql =
    "CREATE TEMP TABLE bb_order(src INTEGER NOT NULL, src_id INTEGER NOT NULL,"
    " key INTEGER NOT NULL, PRIMARY KEY (src, src_id)) WITHOUT ROWID;"
    "INSERT INTO temp.bb_order(src, src_id, key)"
    " SELECT s.src, s.src_id, b.base + row_number() OVER (PARTITION BY b.base"
    "  ORDER BY s.meeting_id, s.src, s.pos, s.src_id)"
    " FROM search_src s JOIN search_base b ON b.meeting_id = s.meeting_id;"
    "INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)"
    " SELECT o.key, s.src, s.src_id, s.meeting_id, s.text, s.speaker,"
    "  b.meta || ' k' || s.kind"
    " FROM search_src s JOIN temp.bb_order o ON o.src = s.src AND o.src_id = s.src_id"
    " JOIN search_base b ON b.meeting_id = s.meeting_id ORDER BY o.key;"
    "DROP TABLE temp.bb_order;";

static const char *const side_sql =
    /* the document's meetings in order, and their ids there */
    "CREATE TABLE bb_imp_meeting(pos INTEGER PRIMARY KEY, stage_id INTEGER NOT NULL UNIQUE,"
    " doc_id INTEGER);"
    "CREATE INDEX bb_imp_meeting_doc ON bb_imp_meeting(doc_id) WHERE doc_id > 0;"
    /* closing meetings and carry-overs, which may name rows of the store */
    "CREATE TABLE bb_imp_closed(kind INTEGER NOT NULL, row INTEGER NOT NULL,"
    " at_stage INTEGER, at_main INTEGER);"
    "CREATE TABLE bb_imp_carry(seq INTEGER PRIMARY KEY, meeting INTEGER NOT NULL,"
    " kind INTEGER NOT NULL, item_stage INTEGER, item_main INTEGER);";

int store_stage_open(struct store_stage **out, char **cause)
{
	*out = NULL;
	const char *dir = tmp_dir();
	sweep(dir);
	char *path = xasprintf("%s/" STAGE_PREFIX "%ld-XXXXXX.db", dir, (long)getpid());
	int fd = mkstemps(path, 3); /* 0600 */
	if (fd < 0) {
		set_cause(cause, _("cannot create a staging file in %s: %s"), dir,
			  strerror(errno));
		free(path);
		return -1;
	}
	close(fd);
	if (strlen(path) >= sizeof stage_file) {
		unlink(path);
		set_cause(cause, _("cannot create a staging file in %s: %s"), dir,
			  strerror(ENAMETOOLONG));
		free(path);
		return -1;
	}
	memcpy(stage_file, path, strlen(path) + 1);
	guard(1);
	struct store_stage *st = xcalloc(1, sizeof *st);
	st->path = path;
	if (store_open(&st->db, path, STORE_CREATE, cause) < 0)
		goto fail;
	/* Thrown away afterwards: no durability wanted, only speed; its rows
	 * meet the store's foreign keys when they are copied. */
	if (db_exec(st->db,
		    "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;"
		    " PRAGMA foreign_keys = OFF;"
		    " PRAGMA cache_size = -8192",
		    cause) < 0 ||
	    store_begin(st->db, cause) < 0)
		goto fail;
	if (db_exec(st->db, side_sql, cause) < 0 || drop_search_triggers(st->db, cause) < 0)
		goto fail;
	*out = st;
	return 0;
fail:
	store_stage_free(st);
	return -1;
}

struct store *store_stage_store(struct store_stage *st)
{
	return st->db;
}

const char *store_stage_path(const struct store_stage *st)
{
	return st->path;
}

void store_stage_free(struct store_stage *st)
{
	if (!st)
		return;
	if (st->db) {
		store_rollback(st->db);
		store_close(st->db);
	}
	unlink_stage(st->path);
	stage_file[0] = '\0';
	guard(0);
	free(st->path);
	free(st);
}

/* ---- staging ---- */

int store_stage_meeting(struct store_stage *st, struct store *s, size_t pos, int64_t doc_id,
			const struct meeting *m, int64_t *stage_id, char **cause)
{
	struct store *g = st->db;
	char path[32];
	snprintf(path, sizeof path, "meetings[%zu]", pos);
	sqlite3_stmt *q;
	int r;
	int64_t other;
	if (doc_id > 0) {
		q = db_prep(g, "SELECT pos FROM bb_imp_meeting WHERE doc_id = ?1", cause);
		if (!q)
			return -1;
		db_bind_int(q, 1, doc_id);
		if ((r = db_id(g, q, &other, cause)) < 0)
			return -1;
		if (r == 1)
			return set_cause(cause, _("%s.id: duplicate id %lld"),
					 path, (long long)doc_id);
	}
	if (store_meeting_insert(g, m, stage_id, cause) < 0)
		return set_cause(cause, "meetings[%zu]: %s", pos, *cause);
	q = db_prep(g, "INSERT INTO bb_imp_meeting(pos, stage_id, doc_id) VALUES (?1, ?2, ?3)",
		    cause);
	if (!q)
		return -1;
	db_bind_int(q, 1, (int64_t)pos);
	db_bind_int(q, 2, *stage_id);
	db_bind_id(q, 3, doc_id);
	if (db_done(g, q, cause) < 0)
		return -1;
	/* The same title and start as an earlier meeting of the document, as
	 * stored (normalised). */
	q = db_prep(g,
		    "SELECT p.pos FROM meetings x JOIN meetings m ON m.starts_at = x.starts_at"
		    " AND m.title = x.title AND m.id <> x.id"
		    " JOIN bb_imp_meeting p ON p.stage_id = m.id WHERE x.id = ?1"
		    " ORDER BY p.pos LIMIT 1",
		    cause);
	if (!q)
		return -1;
	db_bind_int(q, 1, *stage_id);
	if ((r = db_id(g, q, &other, cause)) < 0)
		return -1;
	if (r == 1)
		return set_cause(cause, _("%s: duplicate of meetings[%zu] (same title and start)"),
				 path, (size_t)other);
	/* Already in the store: read without a lock; the copy checks again. */
	q = db_prep(g, "SELECT title, starts_at FROM meetings WHERE id = ?1", cause);
	if (!q)
		return -1;
	db_bind_int(q, 1, *stage_id);
	if ((r = db_row(g, q, cause)) != 1)
		return r < 0 ? -1 : set_cause(cause, "meetings[%zu]: not staged", pos);
	char *title = db_col_text(q, 0), *starts = db_col_text(q, 1);
	sqlite3_reset(q);
	r = store_meeting_find(s, title, starts, &other, cause);
	free(title);
	free(starts);
	if (r < 0)
		return -1;
	if (r == 1)
		return set_cause(cause,
				 _("meetings[%zu]: duplicate of meeting %lld already in the store"
				   " (same title and start)"),
				 pos, (long long)other);
	return 0;
}

int store_stage_closed(struct store_stage *st, enum carry_kind kind, int64_t row, int64_t at_stage,
		       int64_t at_main, char **cause)
{
	sqlite3_stmt *q = db_prep(st->db,
				  "INSERT INTO bb_imp_closed(kind, row, at_stage, at_main)"
				  " VALUES (?1, ?2, ?3, ?4)",
				  cause);
	if (!q)
		return -1;
	db_bind_int(q, 1, kind);
	db_bind_int(q, 2, row);
	db_bind_id(q, 3, at_stage);
	db_bind_id(q, 4, at_main);
	return db_done(st->db, q, cause);
}

int store_stage_carry(struct store_stage *st, int64_t meeting, enum carry_kind kind,
		      int64_t item_stage, int64_t item_main, char **cause)
{
	sqlite3_stmt *q = db_prep(st->db,
				  "INSERT INTO bb_imp_carry(meeting, kind, item_stage, item_main)"
				  " VALUES (?1, ?2, ?3, ?4)",
				  cause);
	if (!q)
		return -1;
	db_bind_int(q, 1, meeting);
	db_bind_int(q, 2, kind);
	db_bind_id(q, 3, item_stage);
	db_bind_id(q, 4, item_main);
	return db_done(st->db, q, cause);
}

int store_stage_copy(struct store_stage *st, struct store *s, const struct org *org,
		     const struct cluster *clusters, size_t n_clusters, int64_t **ids, size_t *n,
		     char **cause)
{
	*ids = NULL;
	*n = 0;
	/* The staging store is complete: its search rows, then commit it and
	 * close it. */
	if (db_exec(st->db, stage_search_sql, cause) < 0 || store_commit(st->db, cause) < 0)
		return -1;
	store_close(st->db);
	st->db = NULL;
	char *sql = sqlite3_mprintf("ATTACH %Q AS bb_stage", st->path);
	int rc = db_exec(s, sql, cause);
	sqlite3_free(sql);
	if (rc < 0)
		return -1;
	if (store_begin(s, cause) < 0)
		goto detach;
	rc = stage_copy_in(s, org, clusters, n_clusters, cause);
	if (rc == 0)
		rc = stage_read_ids(s, ids, n, cause);
	if (rc < 0) {
		store_rollback(s);
		free(*ids);
		*ids = NULL;
		*n = 0;
		goto detach;
	}
	if (store_commit(s, cause) < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		rc = -1;
	}
detach:
	db_exec(s, "DROP TABLE IF EXISTS temp.bb_mmap; DETACH bb_stage", NULL);
	return rc < 0 ? -1 : 0;
}
