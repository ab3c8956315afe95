/* store_reindex.c - rebuilding search_doc and the full-text index from
 * the source tables (check --rebuild-index) aside, then swapping them in
 * with one short write transaction; checking them is store_check.c's and
 * store_search.c's.
 *
 * The build reads the store from one snapshot (a deferred transaction
 * that writes only to a private attached database) and holds no lock
 * another writer waits for: on the ten-year store it is four minutes of
 * tokenising. The aside database is SQLite's own temporary database
 * (ATTACH ''): a file of mode 0600 in $SQLITE_TMPDIR or $TMPDIR that is
 * unlinked as soon as it is opened, so a crash or kill -9 leaves nothing
 * behind. Then BEGIN IMMEDIATE: the rows of search_doc that other writers
 * changed since the snapshot are taken from the store into the aside
 * index (as the triggers would have written them), the differences
 * between the aside search_doc and the store's are applied, and the
 * index's shadow tables are copied in whole. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_reindex.h"
#include "util.h"

static void (*hold_fn)(void *);
static void *hold_arg;

void store_reindex_set_hold(void (*fn)(void *), void *arg)
{
	hold_fn = fn;
	hold_arg = arg;
}

/* The aside tables. search_doc and search are made like the store's (the
 * index from its own CREATE statement, so with its prefixes); old_doc is
 * the store's search_doc at the snapshot; touched the keys at which the
 * store's search_doc may differ from the aside one; changed the rows
 * (src, src_id) that other writers changed after the snapshot. */
static const char *const aside_tables_sql =
    "CREATE TABLE bb_aside.search_doc ("
    " key INTEGER PRIMARY KEY, src INTEGER NOT NULL, src_id INTEGER NOT NULL,"
    " meeting_id INTEGER NOT NULL, text TEXT NOT NULL, speaker TEXT, meta TEXT NOT NULL,"
    " UNIQUE (src, src_id)) STRICT;"
    "CREATE TABLE bb_aside.old_doc ("
    " key INTEGER PRIMARY KEY, src INTEGER NOT NULL, src_id INTEGER NOT NULL,"
    " meeting_id INTEGER NOT NULL, text TEXT NOT NULL, speaker TEXT, meta TEXT NOT NULL);"
    "CREATE INDEX bb_aside.old_doc_src ON old_doc(src, src_id);"
    "CREATE TABLE bb_aside.touched(key INTEGER PRIMARY KEY);"
    "CREATE TABLE bb_aside.changed(src INTEGER, src_id INTEGER,"
    " PRIMARY KEY (src, src_id)) WITHOUT ROWID;";

/* What search_doc must hold, from the snapshot. A row that the store's
 * search_doc already holds as it should be keeps its key (so an intact
 * store's search_doc is not rewritten at all, and hits keep their order);
 * the others take the next keys of their meeting's minute, in the order
 * the first indexing gives them. */
static const char *const aside_doc_sql =
    "INSERT INTO bb_aside.old_doc SELECT key, src, src_id, meeting_id, text, speaker, meta"
    " FROM main.search_doc;"
    "INSERT INTO bb_aside.search_doc(key, src, src_id, meeting_id, text, speaker, meta)"
    " SELECT d.key, s.src, s.src_id, s.meeting_id, s.text, s.speaker, d.meta"
    " FROM main.search_src s JOIN main.search_base b ON b.meeting_id = s.meeting_id"
    " JOIN main.search_doc d ON d.src = s.src AND d.src_id = s.src_id"
    " WHERE d.meeting_id = s.meeting_id AND d.text IS s.text AND d.speaker IS s.speaker"
    " AND d.meta IS b.meta || ' k' || s.kind"
    " AND d.key > b.base AND d.key < b.base + 16777216;"
    "INSERT INTO bb_aside.search_doc(key, src, src_id, meeting_id, text, speaker, meta)"
    " SELECT coalesce((SELECT max(a.key) FROM bb_aside.search_doc a"
    "   WHERE a.key >= b.base AND a.key < b.base + 16777216), b.base)"
    "  + row_number() OVER (PARTITION BY b.base ORDER BY s.meeting_id, s.src, s.pos, s.src_id),"
    " s.src, s.src_id, s.meeting_id, s.text, s.speaker, b.meta || ' k' || s.kind"
    " FROM main.search_src s JOIN main.search_base b ON b.meeting_id = s.meeting_id"
    " WHERE NOT EXISTS (SELECT 1 FROM bb_aside.search_doc a"
    "  WHERE a.src = s.src AND a.src_id = s.src_id);"
    /* the keys the rebuild repairs */
    "INSERT OR IGNORE INTO bb_aside.touched SELECT o.key FROM bb_aside.old_doc o"
    " WHERE NOT EXISTS (SELECT 1 FROM bb_aside.search_doc a WHERE a.key = o.key"
    "  AND a.src = o.src AND a.src_id = o.src_id AND a.meeting_id = o.meeting_id"
    "  AND a.text = o.text AND a.speaker IS o.speaker AND a.meta = o.meta);"
    "INSERT OR IGNORE INTO bb_aside.touched SELECT a.key FROM bb_aside.search_doc a"
    " WHERE NOT EXISTS (SELECT 1 FROM bb_aside.old_doc o WHERE o.key = a.key"
    "  AND a.src = o.src AND a.src_id = o.src_id AND a.meeting_id = o.meeting_id"
    "  AND a.text = o.text AND a.speaker IS o.speaker AND a.meta = o.meta);";

/* Under the write lock, when another connection wrote after the snapshot:
 * which rows of search_doc it changed, and the aside index brought up to
 * date with them. The store's rows for those (src, src_id) are what the
 * triggers wrote from the current text; they keep their key unless a
 * repaired row took it in the aside, then take the next key of the
 * minute. */
static const char *const reconcile_sql =
    "INSERT OR IGNORE INTO bb_aside.changed SELECT o.src, o.src_id FROM bb_aside.old_doc o"
    " WHERE NOT EXISTS (SELECT 1 FROM main.search_doc m WHERE m.key = o.key"
    "  AND m.src = o.src AND m.src_id = o.src_id AND m.meeting_id = o.meeting_id"
    "  AND m.text = o.text AND m.speaker IS o.speaker AND m.meta = o.meta);"
    "INSERT OR IGNORE INTO bb_aside.changed SELECT m.src, m.src_id FROM main.search_doc m"
    " WHERE NOT EXISTS (SELECT 1 FROM bb_aside.old_doc o WHERE o.key = m.key"
    "  AND m.src = o.src AND m.src_id = o.src_id AND m.meeting_id = o.meeting_id"
    "  AND m.text = o.text AND m.speaker IS o.speaker AND m.meta = o.meta);"
    "INSERT OR IGNORE INTO bb_aside.touched SELECT o.key"
    " FROM bb_aside.changed c CROSS JOIN bb_aside.old_doc o"
    " ON o.src = c.src AND o.src_id = c.src_id;"
    "INSERT OR IGNORE INTO bb_aside.touched SELECT m.key"
    " FROM bb_aside.changed c CROSS JOIN main.search_doc m"
    " ON m.src = c.src AND m.src_id = c.src_id;"
    "INSERT INTO bb_aside.search(search, rowid, text, speaker, meta)"
    " SELECT 'delete', a.key, a.text, a.speaker, a.meta"
    " FROM bb_aside.changed c CROSS JOIN bb_aside.search_doc a"
    " ON a.src = c.src AND a.src_id = c.src_id;"
    "INSERT OR IGNORE INTO bb_aside.touched SELECT a.key"
    " FROM bb_aside.changed c CROSS JOIN bb_aside.search_doc a"
    " ON a.src = c.src AND a.src_id = c.src_id;"
    "DELETE FROM bb_aside.search_doc WHERE (src, src_id) IN"
    " (SELECT src, src_id FROM bb_aside.changed);"
    "INSERT INTO bb_aside.search_doc(key, src, src_id, meeting_id, text, speaker, meta)"
    " SELECT m.key, m.src, m.src_id, m.meeting_id, m.text, m.speaker, m.meta"
    " FROM bb_aside.changed c CROSS JOIN main.search_doc m ON m.src = c.src AND m.src_id = c.src_id"
    " WHERE NOT EXISTS (SELECT 1 FROM bb_aside.search_doc a WHERE a.key = m.key);"
    "INSERT INTO bb_aside.search_doc(key, src, src_id, meeting_id, text, speaker, meta)"
    " SELECT (SELECT max(a.key) FROM bb_aside.search_doc a"
    "   WHERE a.key >= m.key / 16777216 * 16777216"
    "   AND a.key < (m.key / 16777216 + 1) * 16777216)"
    "  + row_number() OVER (PARTITION BY m.key / 16777216 ORDER BY m.key),"
    " m.src, m.src_id, m.meeting_id, m.text, m.speaker, m.meta"
    " FROM bb_aside.changed c CROSS JOIN main.search_doc m ON m.src = c.src AND m.src_id = c.src_id"
    " WHERE NOT EXISTS (SELECT 1 FROM bb_aside.search_doc a"
    "  WHERE a.src = m.src AND a.src_id = m.src_id);"
    "INSERT OR IGNORE INTO bb_aside.touched SELECT a.key"
    " FROM bb_aside.changed c CROSS JOIN bb_aside.search_doc a"
    " ON a.src = c.src AND a.src_id = c.src_id;"
    "INSERT INTO bb_aside.search(rowid, text, speaker, meta)"
    " SELECT a.key, a.text, a.speaker, a.meta"
    " FROM bb_aside.changed c CROSS JOIN bb_aside.search_doc a"
    " ON a.src = c.src AND a.src_id = c.src_id;";

/* The store's search_doc made equal to the aside one (with its triggers
 * set aside), at the touched keys only. */
static const char *const apply_doc_sql =
    "DELETE FROM main.search_doc WHERE key IN (SELECT m.key"
    " FROM bb_aside.touched t CROSS JOIN main.search_doc m ON m.key = t.key"
    " WHERE NOT EXISTS (SELECT 1 FROM bb_aside.search_doc a WHERE a.key = m.key"
    "  AND a.src = m.src AND a.src_id = m.src_id AND a.meeting_id = m.meeting_id"
    "  AND a.text = m.text AND a.speaker IS m.speaker AND a.meta = m.meta));"
    "INSERT INTO main.search_doc(key, src, src_id, meeting_id, text, speaker, meta)"
    " SELECT a.key, a.src, a.src_id, a.meeting_id, a.text, a.speaker, a.meta"
    " FROM bb_aside.touched t CROSS JOIN bb_aside.search_doc a ON a.key = t.key"
    " WHERE NOT EXISTS (SELECT 1 FROM main.search_doc m WHERE m.key = a.key);";

/* FTS5's shadow tables for an external-content index with column sizes. */
static const char *const shadow_sql =
    "DELETE FROM main.search_data; DELETE FROM main.search_idx;"
    "DELETE FROM main.search_docsize; DELETE FROM main.search_config;"
    "INSERT INTO main.search_data SELECT * FROM bb_aside.search_data;"
    "INSERT INTO main.search_idx SELECT * FROM bb_aside.search_idx;"
    "INSERT INTO main.search_docsize SELECT * FROM bb_aside.search_docsize;"
    "INSERT INTO main.search_config SELECT * FROM bb_aside.search_config;";

struct reindex {
	struct store *s;
	char *fts_sql;	 /* CREATE VIRTUAL TABLE search ... as the store has it */
	char **triggers; /* name, sql, name, sql... of search_doc's triggers */
	size_t n_triggers;
	int64_t version; /* PRAGMA data_version at the snapshot */
};

/* The value of a pragma (sql a string literal: db_prep). */
static int pragma_int(struct store *s, const char *sql, int64_t *v, char **cause)
{
	sqlite3_stmt *st = db_prep(s, sql, cause);
	if (!st)
		return -1;
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	if (r == 0)
		return set_cause(cause, _("internal error: no value for a pragma"));
	*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* The store's schema for the index: its CREATE statement, and the
 * triggers from search_doc to it. */
static int read_schema(struct reindex *r, char **cause)
{
	static const char fts_head[] = "CREATE VIRTUAL TABLE search ";
	struct store *s = r->s;
	sqlite3_stmt *st = db_prep(
	    s, "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = 'search'",
	    cause);
	if (!st)
		return -1;
	int k = db_row(s, st, cause);
	if (k < 0)
		return -1;
	if (k == 1) {
		r->fts_sql = db_col_text(st, 0);
		sqlite3_reset(st);
	}
	if (!r->fts_sql || strncmp(r->fts_sql, fts_head, sizeof fts_head - 1) != 0)
		return set_cause(cause, _("internal error: the search index is not as expected"));
	st = db_prep(s,
		     "SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger'"
		     " AND tbl_name = 'search_doc'",
		     cause);
	if (!st)
		return -1;
	while ((k = db_row(s, st, cause)) == 1) {
		r->triggers = xreallocarray(r->triggers, r->n_triggers + 2, sizeof *r->triggers);
		r->triggers[r->n_triggers++] = db_col_text(st, 0);
		r->triggers[r->n_triggers++] = db_col_text(st, 1);
	}
	return k;
}

/* The same index in the aside database. */
static int create_fts(struct reindex *r, const char *schema, char **cause)
{
	static const char fts_head[] = "CREATE VIRTUAL TABLE search ";
	char *sql = xasprintf("CREATE VIRTUAL TABLE %s.search %s", schema,
			      r->fts_sql + sizeof fts_head - 1);
	int rc = db_exec(r->s, sql, cause);
	free(sql);
	return rc;
}

/* Everything but the swap: reads main from one snapshot, writes only the
 * aside database, holds no write lock on the store. */
static int build_aside(struct reindex *r, char **cause)
{
	struct store *s = r->s;
	if (db_exec(s, "BEGIN DEFERRED", cause) < 0)
		return -1;
	/* the first read of main takes the snapshot */
	if (pragma_int(s, "PRAGMA main.data_version", &r->version, cause) < 0 ||
	    read_schema(r, cause) < 0 || db_exec(s, aside_tables_sql, cause) < 0 ||
	    db_exec(s, aside_doc_sql, cause) < 0 || create_fts(r, "bb_aside", cause) < 0 ||
	    db_exec(s,
		    "INSERT OR REPLACE INTO bb_aside.search_config"
		    " SELECT k, v FROM main.search_config WHERE k <> 'version';"
		    /* filled in bulk as an import's new rows are
		     * (store_search.c): 8 MB of pending terms, no automatic
		     * merges; the store's settings again for the merge */
		    "INSERT INTO bb_aside.search(search, rank) VALUES ('hashsize', 8388608);"
		    "INSERT INTO bb_aside.search(search, rank) VALUES ('automerge', 0);"
		    "INSERT INTO bb_aside.search(search) VALUES ('rebuild');"
		    "INSERT INTO bb_aside.search(search, rank) SELECT 'hashsize',"
		    " coalesce((SELECT v FROM main.search_config WHERE k = 'hashsize'), 1048576);"
		    "INSERT INTO bb_aside.search(search, rank) SELECT 'automerge',"
		    " coalesce((SELECT v FROM main.search_config WHERE k = 'automerge'), 4);"
		    /* one segment, as migration 009 leaves it: merged here,
		     * outside the lock, and less to copy in the swap */
		    "INSERT INTO bb_aside.search(search) VALUES ('optimize');",
		    cause) < 0)
		goto fail;
	if (hold_fn)
		hold_fn(hold_arg);
	if (db_exec(s, "COMMIT", cause) < 0)
		goto fail;
	return 0;
fail:
	db_exec(s, "ROLLBACK", NULL);
	return -1;
}

/* How many times the swap waits for the write lock (store_begin waits
 * 5 s): after minutes of building, an import that holds the lock at that
 * moment is waited for rather than the work thrown away. */
#define SWAP_TRIES 12

/* The one short write transaction. */
static int swap_in(struct reindex *r, char **cause)
{
	struct store *s = r->s;
	for (int i = 1;; i++) {
		if (store_begin(s, cause) == 0)
			break;
		if (i == SWAP_TRIES || store_last_failure(s) != STORE_FAIL_BUSY)
			return -1;
		if (cause) {
			free(*cause);
			*cause = NULL;
		}
	}
	int64_t now = 0;
	if (pragma_int(s, "PRAGMA main.data_version", &now, cause) < 0)
		goto fail;
	if (now != r->version && db_exec(s, reconcile_sql, cause) < 0)
		goto fail;
	/* The triggers from search_doc to the index would replay every
	 * change against the old index: set them aside and put them back as
	 * the schema has them. */
	for (size_t i = 0; i < r->n_triggers; i += 2) {
		char *drop = xasprintf("DROP TRIGGER main.\"%s\"", r->triggers[i]);
		int rc = db_exec(s, drop, cause);
		free(drop);
		if (rc < 0)
			goto fail;
	}
	/* Dropped and made again rather than emptied: the new table object
	 * of this connection reads the copied structure afresh (the others
	 * notice the change of data_version). */
	if (db_exec(s, apply_doc_sql, cause) < 0 ||
	    db_exec(s, "DROP TABLE main.search", cause) < 0 || create_fts(r, "main", cause) < 0 ||
	    db_exec(s, shadow_sql, cause) < 0)
		goto fail;
	for (size_t i = 1; i < r->n_triggers; i += 2)
		if (db_exec(s, r->triggers[i], cause) < 0)
			goto fail;
	return store_commit(s, cause);
fail:
	store_rollback(s);
	return -1;
}

int store_search_rebuild(struct store *s, char **cause)
{
	if (s->readonly)
		return store_begin(s, cause); /* refused, with the reason */
	if (s->txn_depth > 0)
		return set_cause(cause, _("internal error: rebuilding inside a transaction"));
	/* '': SQLite's private temporary database, deleted when detached */
	if (db_exec(s, "ATTACH '' AS bb_aside", cause) < 0)
		return -1;
	struct reindex r = {.s = s};
	/* No journal: on any failure the aside database is thrown away whole
	 * (a rollback of the swap leaves it half changed, never the store). */
	int rc = db_exec(s,
			 "PRAGMA bb_aside.journal_mode = OFF; PRAGMA bb_aside.synchronous = OFF;"
			 "PRAGMA bb_aside.cache_size = -65536;",
			 cause);
	if (rc == 0)
		rc = build_aside(&r, cause);
	/* secure_delete (on in Debian's SQLite) would write every page of the
	 * old index once more, as zeros, just before the new index overwrites
	 * it: twice the writing under the lock. FAST zeroes what it can
	 * without more writing; the pages freed beyond the new index's size
	 * keep words of the store's text until reused. */
	int64_t secure = 1;
	if (rc == 0)
		rc = pragma_int(s, "PRAGMA main.secure_delete", &secure, cause);
	if (rc == 0)
		rc = db_exec(s, "PRAGMA main.secure_delete = FAST", cause);
	if (rc == 0)
		rc = swap_in(&r, cause);
	char *restore = xasprintf("PRAGMA main.secure_delete = %lld", (long long)secure);
	db_exec(s, restore, NULL);
	free(restore);
	db_exec(s, "DETACH bb_aside", NULL);
	free(r.fts_sql);
	for (size_t i = 0; i < r.n_triggers; i++)
		free(r.triggers[i]);
	free(r.triggers);
	return rc;
}
