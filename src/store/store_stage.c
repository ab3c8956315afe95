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

/* ---- the copy ---- */

/* The tables copied, in an order their foreign keys allow, and what each
 * column of the store becomes (any other column is copied as it is, so
 * that a later migration's columns come along). */
struct col_map {
	const char *col, *expr;
};
struct table_copy {
	const char *name;
	const char *from; /* FROM clause; the staged row is s, its meeting mm */
	struct col_map map[6];
};

#define MEETING_JOIN " JOIN temp.bb_mmap mm ON mm.stage_id = s.meeting_id"
static const struct table_copy tables[] = {
    {"meetings",
     "bb_stage.meetings s JOIN temp.bb_mmap mm ON mm.stage_id = s.id",
     {{"id", "mm.new_id"},
      {"conference_id", "(SELECT c.id FROM main.conferences c WHERE c.title ="
			" (SELECT x.title FROM bb_stage.conferences x WHERE x.id = s.conference_id))"},
      {"cluster_id", "(SELECT c.id FROM main.clusters c WHERE c.number ="
		     " (SELECT x.number FROM bb_stage.clusters x WHERE x.id = s.cluster_id))"},
      {"previous_id", "(SELECT p.new_id FROM temp.bb_mmap p WHERE p.stage_id = s.previous_id)"},
      {NULL, NULL}}},
    {"attendees",
     "bb_stage.attendees s" MEETING_JOIN,
     {{"id", "s.id + @attendees"}, {"meeting_id", "mm.new_id"}, {"person_id", "NULL"}, {NULL, NULL}}},
    {"agenda_items",
     "bb_stage.agenda_items s" MEETING_JOIN,
     {{"id", "s.id + @agenda_items"}, {"meeting_id", "mm.new_id"}, {NULL, NULL}}},
    {"notes",
     "bb_stage.notes s" MEETING_JOIN,
     {{"id", "s.id + @notes"},
      {"meeting_id", "mm.new_id"},
      {"item_id", "s.item_id + @agenda_items"},
      {NULL, NULL}}},
    {"proposals",
     "bb_stage.proposals s" MEETING_JOIN,
     {{"id", "s.id + @proposals"},
      {"meeting_id", "mm.new_id"},
      {"item_id", "s.item_id + @agenda_items"},
      {"note_id", "s.note_id + @notes"},
      {"closed_meeting_id", "NULL"},
      {NULL, NULL}}},
    {"conclusions",
     "bb_stage.conclusions s" MEETING_JOIN,
     {{"id", "s.id + @conclusions"}, {"meeting_id", "mm.new_id"}, {NULL, NULL}}},
    {"directives",
     "bb_stage.directives s" MEETING_JOIN,
     {{"id", "s.id + @directives"},
      {"meeting_id", "mm.new_id"},
      {"closed_meeting_id", "NULL"},
      {NULL, NULL}}},
    {"change_log",
     "bb_stage.change_log s" MEETING_JOIN,
     {{"id", "s.id + @change_log"}, {"meeting_id", "mm.new_id"}, {NULL, NULL}}},
};
#define N_TABLES (sizeof tables / sizeof tables[0])

/* The largest id of each copied table in the store: the staged ids are
 * added to it. */
struct offsets {
	int64_t v[N_TABLES];
};

static int table_index(const char *name, size_t len)
{
	for (size_t i = 0; i < N_TABLES; i++)
		if (strlen(tables[i].name) == len && strncmp(tables[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

/* expr with each @table replaced by that table's offset. */
static char *subst(const char *expr, const struct offsets *off)
{
	struct strbuf b = {0};
	for (const char *p = expr; *p;) {
		if (*p != '@') {
			strbuf_addc(&b, *p++);
			continue;
		}
		const char *q = ++p;
		while (*q == '_' || (*q >= 'a' && *q <= 'z'))
			q++;
		int t = table_index(p, (size_t)(q - p));
		strbuf_addf(&b, "%lld", t < 0 ? 0LL : (long long)off->v[t]);
		p = q;
	}
	return strbuf_detach(&b);
}

/* INSERT INTO main.T(every column) SELECT ... FROM the staged rows. */
static char *copy_sql(struct store *s, const struct table_copy *t, const struct offsets *off,
		      char **cause)
{
	sqlite3_stmt *q = NULL;
	char *sql = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q, 'main') ORDER BY cid",
				    t->name);
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(q);
		db_fail(s, t->name, cause);
		return NULL;
	}
	struct strbuf cols = {0}, vals = {0};
	int n = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(q, 0);
		const char *expr = NULL;
		for (size_t i = 0; t->map[i].col; i++)
			if (strcmp(t->map[i].col, c) == 0)
				expr = t->map[i].expr;
		char *e = expr ? subst(expr, off) : xasprintf("s.\"%s\"", c);
		strbuf_addf(&cols, "%s\"%s\"", n ? ", " : "", c);
		strbuf_addf(&vals, "%s%s", n ? ", " : "", e);
		free(e);
		n++;
	}
	sqlite3_finalize(q);
	char *c = strbuf_detach(&cols), *v = strbuf_detach(&vals);
	char *out = xasprintf("INSERT INTO main.\"%s\"(%s) SELECT %s FROM %s", t->name, c, v,
			      t->from);
	free(c);
	free(v);
	return out;
}

/* The triggers of the copied tables, set aside during the copy (the
 * search rows and the proposals of notes are copied as staged). */
struct aside {
	char **sql;
	size_t n;
};

static void aside_free(struct aside *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->sql[i]);
	free(a->sql);
	memset(a, 0, sizeof *a);
}

static int aside_begin(struct store *s, struct aside *a, char **cause)
{
	sqlite3_stmt *q = db_prep(s,
				  "SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger'"
				  " AND tbl_name IN ('meetings', 'attendees', 'agenda_items', 'notes',"
				  " 'proposals', 'conclusions', 'directives', 'change_log',"
				  " 'carryovers')",
				  cause);
	if (!q)
		return -1;
	int r;
	while ((r = db_row(s, q, cause)) == 1) {
		a->sql = xreallocarray(a->sql, a->n + 2, sizeof *a->sql);
		a->sql[a->n++] = db_col_text(q, 0);
		a->sql[a->n++] = db_col_text(q, 1);
	}
	if (r < 0)
		return -1;
	for (size_t i = 0; i < a->n; i += 2) {
		char *drop = xasprintf("DROP TRIGGER main.\"%s\"", a->sql[i]);
		r = db_exec(s, drop, cause);
		free(drop);
		if (r < 0)
			return -1;
	}
	return 0;
}

static int aside_end(struct store *s, struct aside *a, char **cause)
{
	for (size_t i = 1; i < a->n; i += 2)
		if (db_exec(s, a->sql[i], cause) < 0)
			return -1;
	return 0;
}

static int exec_free(struct store *s, char *sql, char **cause)
{
	int rc = sql ? db_exec(s, sql, cause) : -1;
	free(sql);
	return rc;
}

static int64_t count1(struct store *s, const char *sql, char **cause)
{
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
		sqlite3_finalize(q);
		db_fail(s, "import", cause);
		return -1;
	}
	int64_t v = -1;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW)
		db_fail(s, "import", cause);
	return v;
}

/* The checks that another writer may have made false while staging. */
static int recheck(struct store *s, char **cause)
{
	sqlite3_stmt *q = db_prep(s,
				  "SELECT p.pos, x.id FROM bb_stage.bb_imp_meeting p"
				  " JOIN bb_stage.meetings m ON m.id = p.stage_id"
				  " JOIN main.meetings x ON x.starts_at = m.starts_at"
				  " AND x.title = m.title ORDER BY p.pos LIMIT 1",
				  cause);
	if (!q)
		return -1;
	int r = db_row(s, q, cause);
	if (r < 0)
		return -1;
	if (r == 1) {
		long long pos = sqlite3_column_int64(q, 0), id = sqlite3_column_int64(q, 1);
		sqlite3_reset(q);
		return set_cause(cause,
				 _("meetings[%lld]: duplicate of meeting %lld, which another "
				   "writer stored while this import was being prepared (same title "
				   "and start)"),
				 pos, id);
	}
	int64_t gone = count1(s,
			      "SELECT (SELECT count(*) FROM bb_stage.bb_imp_closed c"
			      " WHERE c.at_main > 0 AND c.at_main NOT IN (SELECT id FROM main.meetings))"
			      " + (SELECT count(*) FROM bb_stage.bb_imp_carry c WHERE c.item_main > 0"
			      " AND c.item_main NOT IN (SELECT id FROM main.directives WHERE c.kind = 0"
			      " UNION ALL SELECT id FROM main.proposals WHERE c.kind = 1))",
			      cause);
	if (gone < 0)
		return -1;
	if (gone > 0)
		return set_cause(cause,
				 _("a meeting, directive or proposal of the store that this import "
				   "refers to was deleted by another writer while the import was "
				   "being prepared"));
	return 0;
}

static const char *const mmap_sql =
    "CREATE TEMP TABLE IF NOT EXISTS bb_mmap(stage_id INTEGER PRIMARY KEY,"
    " new_id INTEGER NOT NULL UNIQUE, pos INTEGER NOT NULL, base INTEGER);"
    "DELETE FROM temp.bb_mmap;"
    /* the document's id where it is free in the store */
    "INSERT INTO temp.bb_mmap(stage_id, new_id, pos)"
    " SELECT p.stage_id, p.doc_id, p.pos FROM bb_stage.bb_imp_meeting p"
    " WHERE p.doc_id > 0 AND NOT EXISTS (SELECT 1 FROM main.meetings m WHERE m.id = p.doc_id);"
    /* the others after every id there is */
    "INSERT INTO temp.bb_mmap(stage_id, new_id, pos)"
    " SELECT p.stage_id, (SELECT max(coalesce((SELECT max(id) FROM main.meetings), 0),"
    " coalesce((SELECT max(new_id) FROM temp.bb_mmap), 0))) + row_number() OVER (ORDER BY p.pos),"
    " p.pos FROM bb_stage.bb_imp_meeting p"
    " WHERE p.stage_id NOT IN (SELECT stage_id FROM temp.bb_mmap);";

/* The search rows as staged, under the store's keys: each after the
 * store's last key of its minute, in the staged order. The new keys are
 * worked out on their own first, so that only integers are sorted. */
static const char *const search_sql =
    "UPDATE temp.bb_mmap SET base = (SELECT b.base FROM main.search_base b"
    " WHERE b.meeting_id = bb_mmap.new_id);"
    "CREATE TEMP TABLE IF NOT EXISTS bb_keys(old INTEGER PRIMARY KEY, new INTEGER NOT NULL);"
    "DELETE FROM temp.bb_keys;"
    "INSERT INTO temp.bb_keys(old, new)"
    " WITH sd AS (SELECT d.key, mm.base FROM bb_stage.search_doc d"
    "  JOIN temp.bb_mmap mm ON mm.stage_id = d.meeting_id),"
    " nb AS (SELECT base, coalesce((SELECT max(x.key) FROM main.search_doc x"
    "  WHERE x.key >= u.base AND x.key < u.base + 16777216), u.base) AS next"
    "  FROM (SELECT DISTINCT base FROM sd) u)"
    " SELECT sd.key, nb.next + row_number() OVER (PARTITION BY sd.base ORDER BY sd.key)"
    " FROM sd JOIN nb ON nb.base = sd.base;"
    "INSERT INTO main.search_doc(key, src, src_id, meeting_id, text, speaker, meta)"
    " SELECT k.new, d.src,"
    "  d.src_id + CASE d.src WHEN 1 THEN @notes WHEN 2 THEN @agenda_items"
    "  WHEN 3 THEN @proposals WHEN 4 THEN @proposals WHEN 5 THEN @conclusions"
    "  ELSE @directives END, mm.new_id, d.text, d.speaker, d.meta"
    " FROM bb_stage.search_doc d JOIN temp.bb_keys k ON k.old = d.key"
    " JOIN temp.bb_mmap mm ON mm.stage_id = d.meeting_id;"
    "DROP TABLE temp.bb_keys;";

static const char *const follow_sql =
    "UPDATE main.directives SET closed_meeting_id = c.at FROM (SELECT k.row + @directives AS id,"
    "  coalesce((SELECT p.new_id FROM temp.bb_mmap p WHERE p.stage_id = k.at_stage), k.at_main)"
    "  AS at FROM bb_stage.bb_imp_closed k WHERE k.kind = 0) c WHERE directives.id = c.id;"
    "UPDATE main.proposals SET closed_meeting_id = c.at FROM (SELECT k.row + @proposals AS id,"
    "  coalesce((SELECT p.new_id FROM temp.bb_mmap p WHERE p.stage_id = k.at_stage), k.at_main)"
    "  AS at FROM bb_stage.bb_imp_closed k WHERE k.kind = 1) c WHERE proposals.id = c.id;"
    "INSERT OR IGNORE INTO main.carryovers(meeting_id, position, directive_id, proposal_id)"
    " SELECT mm.new_id, coalesce((SELECT max(x.position) + 1 FROM main.carryovers x"
    "  WHERE x.meeting_id = mm.new_id), 0)"
    "  + row_number() OVER (PARTITION BY c.meeting ORDER BY c.seq) - 1,"
    "  CASE WHEN c.kind = 0 THEN coalesce(c.item_stage + @directives, c.item_main) END,"
    "  CASE WHEN c.kind = 1 THEN coalesce(c.item_stage + @proposals, c.item_main) END"
    " FROM bb_stage.bb_imp_carry c JOIN temp.bb_mmap mm ON mm.stage_id = c.meeting"
    " ORDER BY c.seq;";

static int copy_rows(struct store *s, char **cause)
{
	struct offsets off;
	for (size_t i = 0; i < N_TABLES; i++) {
		char *sql = xasprintf("SELECT coalesce(max(id), 0) FROM main.\"%s\"", tables[i].name);
		off.v[i] = count1(s, sql, cause);
		free(sql);
		if (off.v[i] < 0)
			return -1;
	}
	if (db_exec(s, mmap_sql, cause) < 0)
		return -1;
	for (size_t i = 0; i < N_TABLES; i++)
		if (exec_free(s, copy_sql(s, &tables[i], &off, cause), cause) < 0)
			return -1;
	if (exec_free(s, subst(follow_sql, &off), cause) < 0)
		return -1;
	return exec_free(s, subst(search_sql, &off), cause);
}

static int copy_in(struct store *s, const struct org *org, const struct cluster *clusters,
		   size_t n_clusters, char **cause)
{
	if (recheck(s, cause) < 0)
		return -1;
	if (org && store_org_empty(s) && store_org_set(s, org, cause) < 0)
		return -1;
	for (size_t i = 0; i < n_clusters; i++)
		if (store_cluster_merge(s, &clusters[i], cause) < 0)
			return set_cause(cause, "clusters[%zu]: %s", i, *cause);
	if (db_exec(s,
		    "INSERT OR IGNORE INTO main.clusters(number, name)"
		    " SELECT number, name FROM bb_stage.clusters ORDER BY id;"
		    "INSERT OR IGNORE INTO main.conferences(title, period)"
		    " SELECT title, period FROM bb_stage.conferences ORDER BY id;",
		    cause) < 0)
		return -1;
	struct aside a = {0};
	struct search_defer *defer = NULL;
	int rc = aside_begin(s, &a, cause);
	if (rc == 0)
		rc = store_search_defer_begin(s, &defer, cause);
	if (rc == 0)
		rc = copy_rows(s, cause);
	if (rc == 0) {
		rc = store_search_defer_end(s, defer, cause);
		defer = NULL;
	}
	if (rc == 0)
		rc = aside_end(s, &a, cause);
	store_search_defer_abandon(s, defer);
	aside_free(&a);
	return rc;
}

static int read_ids(struct store *s, int64_t **ids, size_t *n, char **cause)
{
	sqlite3_stmt *q = db_prep(s, "SELECT new_id FROM temp.bb_mmap ORDER BY pos", cause);
	if (!q)
		return -1;
	return db_ids(s, q, ids, n, cause);
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
	rc = copy_in(s, org, clusters, n_clusters, cause);
	if (rc == 0)
		rc = read_ids(s, ids, n, cause);
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
