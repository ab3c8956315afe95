/* db.c - the SQLite wrapper of the store_*.c files: cached statements,
 * binding and stepping, and the migrations (db/NNN_*.sql). */
#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "embedded.h"
#include "i18n.h"
#include "store_review.h"
#include "text.h"
#include "util.h"

/* ---- embedded files ---- */

const struct embedded_file *embedded_find(const char *name)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* Migration N is the embedded file whose name starts with "NNN_" and ends
 * in ".sql". */
static const struct embedded_file *migration(int n)
{
	char prefix[16];
	snprintf(prefix, sizeof prefix, "%03d_", n);
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		size_t len = strlen(f->name);
		if (strncmp(f->name, prefix, 4) == 0 && len > 4 &&
		    strcmp(f->name + len - 4, ".sql") == 0)
			return f;
	}
	return NULL;
}

int store_schema_latest(void)
{
	int n = 0;
	while (migration(n + 1))
		n++;
	return n;
}

/* ---- statements ---- */

/* The words for a damaged store, the same for every command. */
static int damaged(struct store *s, char **cause)
{
	return set_cause(cause,
			 _("%s: the store is damaged (run 'bienban check'; restore it from "
			   "a backup)"),
			 s->path);
}

int db_fail(struct store *s, const char *what, char **cause)
{
	int code = sqlite3_extended_errcode(s->db);
	s->last_fail = (code & 0xff) == SQLITE_BUSY   ? STORE_FAIL_BUSY
		       : (code & 0xff) == SQLITE_FULL ? STORE_FAIL_FULL
						      : STORE_FAIL_OTHER;
	/* Never "database is locked": say what it means. */
	if ((code & 0xff) == SQLITE_BUSY)
		return set_cause(cause, _("%s: another program is writing to the store"), what);
	if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
		return damaged(s, cause);
	if ((code & 0xff) == SQLITE_FULL)
		return set_cause(cause, _("%s: the disk is full"), what);
	if ((code & 0xff) == SQLITE_READONLY)
		return set_cause(cause, _("%s: the store is read-only"), what);
	return set_cause(cause, "%s: %s", what, sqlite3_errmsg(s->db));
}

/* Another connection changed the schema (check --rebuild-index drops and
 * makes again the index and its triggers): SQLite reads it again and
 * retries once, but a statement whose triggers reach the FTS5 table can
 * meet the change a second time while FTS5 connects to it, and fails with
 * SQLITE_SCHEMA ("no such table: notes"). The schema is read by then: a
 * few more tries succeed. */
#define SCHEMA_TRIES 4

static int prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	int rc;
	for (int i = 0; i < SCHEMA_TRIES; i++) {
		rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
		if (rc != SQLITE_SCHEMA)
			break;
	}
	return rc;
}

sqlite3_stmt *db_prep(struct store *s, const char *sql, char **cause)
{
	for (size_t i = 0; i < s->n_cache; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_stmt *st = s->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	sqlite3_stmt *st = NULL;
	s->n_prepares++;
	if (prepare(s, sql, &st) != SQLITE_OK) {
		db_fail(s, _("preparing a query"), cause);
		return NULL;
	}
	if (s->n_cache == s->cap_cache) {
		s->cap_cache = s->cap_cache ? s->cap_cache * 2 : 32;
		s->cache = xreallocarray(s->cache, s->cap_cache, sizeof *s->cache);
	}
	s->cache[s->n_cache].sql = sql;
	s->cache[s->n_cache].stmt = st;
	s->n_cache++;
	return st;
}

int db_bind_text(sqlite3_stmt *st, int idx, const char *text)
{
	if (!text)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, text, -1, SQLITE_TRANSIENT);
}

int db_bind_int(sqlite3_stmt *st, int idx, int64_t v)
{
	return sqlite3_bind_int64(st, idx, v);
}

int db_bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
	return id ? sqlite3_bind_int64(st, idx, id) : sqlite3_bind_null(st, idx);
}

int db_row(struct store *s, sqlite3_stmt *st, char **cause)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	db_fail(s, _("reading the store"), cause);
	sqlite3_reset(st);
	return -1;
}

int db_done(struct store *s, sqlite3_stmt *st, char **cause)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(st);
		return 0;
	}
	db_fail(s, _("writing the store"), cause);
	sqlite3_reset(st);
	if (s->txn_depth)
		s->txn_failed = 1;
	return -1;
}

char *db_col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? xstrdup((const char *)t) : NULL;
}

int db_exec(struct store *s, const char *sql, char **cause)
{
	char *err = NULL;
	int rc;
	for (int i = 0; i < SCHEMA_TRIES; i++) {
		/* Tried again only when nothing of it ran (see prepare()). */
		int before = sqlite3_total_changes(s->db);
		rc = sqlite3_exec(s->db, sql, NULL, NULL, &err);
		if (rc != SQLITE_SCHEMA || sqlite3_total_changes(s->db) != before)
			break;
		sqlite3_free(err);
		err = NULL;
	}
	if (rc != SQLITE_OK) {
		int code = sqlite3_extended_errcode(s->db) & 0xff;
		s->last_fail = code == SQLITE_BUSY   ? STORE_FAIL_BUSY
			       : code == SQLITE_FULL ? STORE_FAIL_FULL
						     : STORE_FAIL_OTHER;
		if (code == SQLITE_BUSY)
			set_cause(cause, _("another program is writing to the store"));
		else if (code == SQLITE_FULL)
			set_cause(cause, _("the disk is full"));
		else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
			damaged(s, cause);
		else
			set_cause(cause, "%s", err ? err : sqlite3_errmsg(s->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

int db_text(const char *field, const char *in, char **out, char **cause)
{
	char *why = NULL;
	if (text_nfc(in, out, &why) < 0) {
		set_cause(cause, "%s: %s", change_field_word(field), why);
		free(why);
		return -1;
	}
	return 0;
}

int db_update(struct store *s, const char *sql, int64_t id, const char *text, int64_t num,
	      char **cause)
{
	sqlite3_stmt *st = db_prep(s, sql, cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, text);
	db_bind_int(st, 3, num);
	return db_done(s, st, cause);
}

int db_update_col(struct store *s, const char *table, const char *const *sql, size_t n, int64_t id,
		  int col, const char *text, int64_t num, char **cause)
{
	if (col < 0 || (size_t)col >= n || !sql[col])
		return set_cause(cause, _("internal error: no %s column %d"), table, col);
	return db_update(s, sql[col], id, text, num, cause);
}

int db_insert(struct store *s, sqlite3_stmt *st, int64_t *id, char **cause)
{
	if (db_done(s, st, cause) < 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int db_id(struct store *s, sqlite3_stmt *st, int64_t *id, char **cause)
{
	int r = db_row(s, st, cause);
	if (r == 1) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return r;
}

int db_ids(struct store *s, sqlite3_stmt *st, int64_t **ids, size_t *n, char **cause)
{
	*ids = NULL;
	*n = 0;
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (r < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return r;
}

int db_texts(const char *const *names, const char *const *in, char **out, size_t n, char **cause)
{
	for (size_t i = 0; i < n; i++) {
		if (db_text(names[i], in[i], &out[i], cause) < 0) {
			for (size_t j = 0; j < i; j++)
				free(out[j]);
			memset(out, 0, n * sizeof *out);
			return -1;
		}
	}
	return 0;
}

void db_texts_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
}

/* ---- migrations ---- */

static int user_version(struct store *s, int *v, char **cause)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s, _("reading the schema version"), cause);
	int rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_fail(s, _("reading the schema version"), cause);
	return 0;
}

static void (*upgrade_fn)(void *ctx, const char *path, int from, int to);
static void *upgrade_ctx;

void store_on_upgrade(void (*fn)(void *ctx, const char *path, int from, int to), void *ctx)
{
	upgrade_fn = fn;
	upgrade_ctx = ctx;
}

/* Bring the schema up to date, one transaction per migration. */
int db_migrate(struct store *s, char **cause)
{
	int have, latest = store_schema_latest();
	if (user_version(s, &have, cause) < 0)
		return -1;
	/* Only bienban writes user_version, from 0 up: anything below was
	 * written by hand or is damage. Never look for migration -1. */
	if (have < 0)
		return set_cause(cause,
				 _("%s has schema version %d, which no bienban ever wrote: "
				   "it is damaged or not a bienban store"),
				 s->path, have);
	if (have > latest)
		return set_cause(cause,
				 _("%s has schema version %d, newer than this bienban knows (%d); "
				   "use a newer bienban"),
				 s->path, have, latest);
	if (have == latest)
		return 0;
	if (s->readonly)
		return set_cause(cause,
				 _("%s has schema version %d and needs upgrading to %d; "
				   "open it once without --read-only"),
				 s->path, have, latest);
	/* A new store (version 0) is made in milliseconds: nothing to say. */
	if (have > 0 && upgrade_fn)
		upgrade_fn(upgrade_ctx, s->path, have, latest);
	for (int v = have + 1; v <= latest; v++) {
		/* Not store_begin: migrations run while opening, before any
		 * transaction, and db.c stays below store.c. */
		if (db_exec(s, "BEGIN IMMEDIATE", cause) < 0)
			return -1;
		/* Another process may have migrated while we waited for the lock. */
		int now;
		if (user_version(s, &now, cause) < 0) {
			db_exec(s, "ROLLBACK", NULL);
			return -1;
		}
		if (now >= v) {
			db_exec(s, "ROLLBACK", NULL);
			continue;
		}
		char *why = NULL;
		char pragma[48];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
		const struct embedded_file *m = migration(v);
		if (!m) {
			db_exec(s, "ROLLBACK", NULL);
			return set_cause(cause, _("internal error: no migration %d"), v);
		}
		if (db_exec(s, m->data, &why) < 0 || db_exec(s, pragma, &why) < 0) {
			db_exec(s, "ROLLBACK", NULL);
			set_cause(cause, _("upgrading %s to schema %d: %s"), s->path, v, why);
			free(why);
			return -1;
		}
		if (db_exec(s, "COMMIT", cause) < 0) {
			db_exec(s, "ROLLBACK", NULL);
			return -1;
		}
	}
	return 0;
}
