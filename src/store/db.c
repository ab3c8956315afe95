/* db.c - open the store with the right pragmas, migrate it, and wrap
 * SQLite for the store_*.c files: cached statements, nested transactions. */
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
#include "store_search.h"
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

int db_fail(struct store *s, const char *what, char **cause)
{
	int code = sqlite3_extended_errcode(s->db);
	if ((code & 0xff) == SQLITE_FULL)
		return set_cause(cause, _("%s: the disk is full"), what);
	if ((code & 0xff) == SQLITE_READONLY)
		return set_cause(cause, _("%s: the store is read-only"), what);
	return set_cause(cause, "%s: %s", what, sqlite3_errmsg(s->db));
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
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		db_fail(s, "preparing a query", cause);
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
	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		int code = sqlite3_extended_errcode(s->db) & 0xff;
		if (code == SQLITE_FULL)
			set_cause(cause, _("the disk is full"));
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
		set_cause(cause, "%s: %s", field, why);
		free(why);
		return -1;
	}
	return 0;
}

/* ---- transactions ---- */

int store_begin(struct store *s, char **cause)
{
	if (s->readonly) {
		struct stat sb;
		if (stat(s->path, &sb) == 0 && (access(s->path, W_OK) < 0 || !(sb.st_mode & 0222)))
			return set_cause(cause, _("%s is read-only (no write permission)"),
					 s->path);
		return set_cause(cause, _("the store is open read-only"));
	}
	if (s->txn_depth++ > 0)
		return 0;
	s->txn_failed = 0;
	if (db_exec(s, "BEGIN IMMEDIATE", cause) < 0) {
		s->txn_depth = 0;
		return -1;
	}
	return 0;
}

int store_commit(struct store *s, char **cause)
{
	if (s->txn_depth == 0)
		return set_cause(cause, "internal error: commit without a transaction");
	if (--s->txn_depth > 0)
		return 0;
	if (s->txn_failed) {
		db_exec(s, "ROLLBACK", NULL);
		return set_cause(cause, _("the change was not saved"));
	}
	if (db_exec(s, "COMMIT", cause) < 0) {
		db_exec(s, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

void store_rollback(struct store *s)
{
	if (s->txn_depth == 0)
		return;
	if (--s->txn_depth > 0) {
		s->txn_failed = 1;
		return;
	}
	db_exec(s, "ROLLBACK", NULL);
}

/* ---- opening ---- */

static int mkdirs(const char *path, char **cause)
{
	char *copy = xstrdup(path);
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
			set_cause(cause, _("cannot create %s: %s"), copy, strerror(errno));
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

char *store_default_path(void)
{
	const char *env = getenv("BIENBAN_DB");
	if (!str_empty(env))
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (!str_empty(xdg) && xdg[0] == '/')
		return xasprintf("%s/bienban/bienban.db", xdg);
	const char *home = getenv("HOME");
	if (str_empty(home)) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : "/";
	}
	return xasprintf("%s/.local/share/bienban/bienban.db", home);
}

const char *store_user(void)
{
	static char name[64];
	if (name[0])
		return name;
	struct passwd *pw = getpwuid(geteuid());
	const char *n = pw ? pw->pw_name : getenv("USER");
	snprintf(name, sizeof name, "%s", str_empty(n) ? "unknown" : n);
	return name;
}

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

/* Bring the schema up to date, one transaction per migration. */
static int migrate(struct store *s, char **cause)
{
	int have, latest = store_schema_latest();
	if (user_version(s, &have, cause) < 0)
		return -1;
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
	for (int v = have + 1; v <= latest; v++) {
		if (store_begin(s, cause) < 0)
			return -1;
		/* Another process may have migrated while we waited for the lock. */
		int now;
		if (user_version(s, &now, cause) < 0) {
			store_rollback(s);
			return -1;
		}
		if (now >= v) {
			store_rollback(s);
			continue;
		}
		char *why = NULL;
		char pragma[48];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
		if (db_exec(s, migration(v)->data, &why) < 0 || db_exec(s, pragma, &why) < 0) {
			store_rollback(s);
			set_cause(cause, _("upgrading %s to schema %d: %s"), s->path, v, why);
			free(why);
			return -1;
		}
		if (store_commit(s, cause) < 0)
			return -1;
	}
	return 0;
}

int store_open(struct store **out, const char *path, int flags, char **cause)
{
	*out = NULL;
	int memory = strcmp(path, ":memory:") == 0;
	int readonly = (flags & STORE_READONLY) != 0;
	int oflags = SQLITE_OPEN_NOMUTEX;
	if (!memory) {
		struct stat sb;
		int exists = stat(path, &sb) == 0;
		if (!exists && (readonly || !(flags & STORE_CREATE)))
			return set_cause(
			    cause, _("%s: no such store (create it with 'bienban init')"), path);
		if (exists && !S_ISREG(sb.st_mode))
			return set_cause(cause, _("%s is not a store file"), path);
		/* A reviewer on someone else's store; or a store made read-only
		 * with chmod a-w, which root would otherwise write anyway. */
		if (exists && !readonly && (access(path, W_OK) < 0 || !(sb.st_mode & 0222)))
			readonly = 1;
		if (!exists) {
			if (mkdirs(path, cause) < 0)
				return -1;
			/* Create it 0600 ourselves; SQLite would honour the umask. */
			int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
			if (fd < 0 && errno != EEXIST)
				return set_cause(cause, _("cannot create %s: %s"), path,
						 strerror(errno));
			if (fd >= 0)
				close(fd);
		}
	}
	oflags |= readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;

	/* SQLite's memory statistics take a mutex and do accounting on every
	 * allocation, and parsing the schema at the first read allocates
	 * thousands of times: off, that parse is 17% cheaper. bienban reads no
	 * statistics and sets no heap limit (the functions off with it). Only
	 * possible before SQLite initialises, so once; a refusal is harmless. */
	static int configured;
	if (!configured) {
		configured = 1;
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->readonly = readonly;
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		set_cause(cause, _("cannot open %s: %s"), path,
			  s->db ? sqlite3_errmsg(s->db) : "out of memory");
		store_close(s);
		return -1;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	char *why = NULL;
	/* The search tokenizer, before anything touches the index. */
	if (store_search_register(s->db) != SQLITE_OK) {
		why = xstrdup("cannot register the search tokenizer");
		goto fail;
	}
	const char *pragmas = "PRAGMA foreign_keys = ON;"
			      "PRAGMA synchronous = FULL;"
			      "PRAGMA trusted_schema = OFF;";
	if (db_exec(s, pragmas, &why) < 0)
		goto fail;
	/* Writers run the triggers that keep the FTS5 index in step, and SQLite
	 * 3.40 lets schema triggers write FTS5 only with a trusted schema.
	 * Readers, who may open a store someone else owns, keep it off. */
	if (!readonly && db_exec(s, "PRAGMA trusted_schema = ON", &why) < 0)
		goto fail;
	if (!readonly && !memory) {
		if (db_exec(s, "PRAGMA journal_mode = WAL", &why) < 0)
			goto fail;
		/* Keep -wal and -shm when the last writer closes (emptied to 0
		 * bytes): reviewers who may not write the store's directory can
		 * only open a WAL store whose -wal and -shm exist. */
		int persist = 1;
		sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
		if (db_exec(s, "PRAGMA journal_size_limit = 0", &why) < 0)
			goto fail;
	}
	/* Is it a SQLite database at all? Reading the schema tells. */
	if (db_exec(s, "SELECT count(*) FROM sqlite_schema", &why) < 0)
		goto fail;
	if (migrate(s, cause) < 0) {
		store_close(s);
		return -1;
	}
	*out = s;
	return 0;
fail:
	set_cause(cause, _("cannot open %s: %s"), path, why);
	free(why);
	store_close(s);
	return -1;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_cache; i++)
		sqlite3_finalize(s->cache[i].stmt);
	free(s->cache);
	if (s->db)
		sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int store_readonly(const struct store *s)
{
	return s->readonly;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

int64_t store_data_version(struct store *s)
{
	sqlite3_stmt *st = db_prep(s, "PRAGMA data_version", NULL);
	if (!st || sqlite3_step(st) != SQLITE_ROW)
		return -1;
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}
