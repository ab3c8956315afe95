/* db.h - the SQLite wrapper for the store_*.c files (and only them):
 * cached prepared statements, binding helpers, migrations. The store's
 * opening and transactions are store.c's (store.h, store_write.h). */
#ifndef BB_DB_H
#define BB_DB_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "sqlite_dl.h"
#include "store.h"

struct store {
	sqlite3 *db;
	char *path;
	int readonly;
	int txn_depth;
	int txn_failed;
	int txn_changes; /* sqlite3_total_changes at the outermost BEGIN */
	int nowait;	 /* store_set_nowait: BEGIN IMMEDIATE without the busy wait */
	enum store_fail last_fail; /* why the last write failed (store_last_failure) */
	struct stmt_cache {
		const char *sql; /* string literal: compared by address */
		sqlite3_stmt *stmt;
	} * cache;
	size_t n_cache, cap_cache;
	struct collate *collate; /* the "vi" collation's state (store_collate.c) */
	unsigned long n_writes;	 /* write transactions begun (store_counts) */
	unsigned long n_prepares; /* statements prepared (store_counts) */
};

/* A cached prepared statement for sql, reset and with bindings cleared;
 * NULL with *cause on error. sql must be a string literal (cached by
 * address). Never finalize it; it lives until store_close. */
sqlite3_stmt *db_prep(struct store *s, const char *sql, char **cause);
/* Bind NULL for a NULL string; text is bound as given (already NFC). */
int db_bind_text(sqlite3_stmt *st, int idx, const char *text);
int db_bind_int(sqlite3_stmt *st, int idx, int64_t v);
/* Bind 0 as NULL (for optional foreign keys). */
int db_bind_id(sqlite3_stmt *st, int idx, int64_t id);
/* Step a statement that returns no row; reset it. 0, or -1 with cause. */
int db_done(struct store *s, sqlite3_stmt *st, char **cause);
/* Step: 1 for a row, 0 when done (statement reset), -1 with cause. */
int db_row(struct store *s, sqlite3_stmt *st, char **cause);
/* Allocated copy of a text column, NULL for SQL NULL. */
char *db_col_text(sqlite3_stmt *st, int col);
/* Run SQL with no parameters (one or more statements). */
int db_exec(struct store *s, const char *sql, char **cause);
/* Message for the last error of the connection, with context. */
int db_fail(struct store *s, const char *what, char **cause);
/* Run one UPDATE (a table's updater, store_rows.h): ?1 binds id, ?2 text,
 * ?3 num (write nullif(?3, 0) for an optional reference). 0, or -1. */
int db_update(struct store *s, const char *sql, int64_t id, const char *text, int64_t num,
	      char **cause);
/* A table's updater (store_rows.h): run sql[col] (of n; NULL: the table
 * has no such column, an internal error) as db_update does. */
int db_update_col(struct store *s, const char *table, const char *const *sql, size_t n, int64_t id,
		  int col, const char *text, int64_t num, char **cause);
#define DB_UPDATE_COL(s, table, sql, id, col, text, num, cause)                                    \
	db_update_col(s, table, sql, sizeof sql / sizeof *sql, id, col, text, num, cause)
/* Step an INSERT (as db_done); *id (if not NULL) gets the new rowid. */
int db_insert(struct store *s, sqlite3_stmt *st, int64_t *id, char **cause);
/* Step a bound statement whose first column is an id: 1 with *id (the
 * statement reset), 0 if there is no row, -1 with cause. */
int db_id(struct store *s, sqlite3_stmt *st, int64_t *id, char **cause);
/* All the ids (first column) a bound statement returns, allocated: 0, or
 * -1 with cause (and *ids NULL). */
int db_ids(struct store *s, sqlite3_stmt *st, int64_t **ids, size_t *n, char **cause);
/* db_text for n fields at once; on failure cause names the field and out
 * is left all NULL. Free with db_texts_free. */
int db_texts(const char *const *names, const char *const *in, char **out, size_t n, char **cause);
void db_texts_free(char **v, size_t n);
/* Bring the schema of an open store up to date (db/NNN_*.sql, one
 * transaction each); refuses a newer schema, or an older one read-only. */
int db_migrate(struct store *s, char **cause);
/* NFC-normalise text for storing; -1 with cause ("field: invalid UTF-8 at
 * byte N") on invalid input. *out is allocated (NULL for NULL). */
int db_text(const char *field, const char *in, char **out, char **cause);

#endif
