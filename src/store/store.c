/* store.c - opening and closing the store, and its transactions (the one
 * wrapper every writer goes through: store_write.h). */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "i18n.h"
#include "store_rows.h"
#include "store_search.h"
#include "store_write.h"
#include "util.h"

/* ---- transactions ---- */

/* How long a command waits for another writer's lock (not the terminal
 * interface: store_set_nowait). */
#define STORE_BUSY_MS 5000

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
	s->last_fail = STORE_FAIL_NONE;
	s->txn_changes = sqlite3_total_changes(s->db);
	/* Only the lock is waited for: once BEGIN IMMEDIATE has it, nothing
	 * else in the transaction waits for another writer. */
	if (s->nowait)
		sqlite3_busy_timeout(s->db, 0);
	s->n_writes++;
	int rc = db_exec(s, "BEGIN IMMEDIATE", cause);
	if (s->nowait)
		sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	if (rc < 0) {
		s->txn_depth = 0;
		return -1;
	}
	return 0;
}

void store_set_nowait(struct store *s, int on)
{
	s->nowait = on != 0;
}

enum store_fail store_last_failure(const struct store *s)
{
	return s->last_fail;
}

void store_clear_failure(struct store *s)
{
	s->last_fail = STORE_FAIL_NONE;
}

int store_commit(struct store *s, char **cause)
{
	if (s->txn_depth == 0)
		return set_cause(cause, _("internal error: commit without a transaction"));
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

/* ---- the one write policy (store_write.h) ---- */

int store_write_begin(struct store *s, int64_t meeting, enum meeting_status *status, char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	if (store_meeting_writable(s, meeting, status, cause) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int store_write_end(struct store *s, int64_t meeting, int rc, char **cause)
{
	/* A write that changed nothing (a look, a value set to itself)
	 * leaves the meeting, and the other connections, alone. */
	if (rc == 0 && meeting && sqlite3_total_changes(s->db) != s->txn_changes) {
		char now[20];
		now_iso_second(now);
		rc = meeting_update(s, meeting, MC_UPDATED_AT, now, 0, cause);
	}
	if (rc < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
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

/* The file of a store about to be opened: refused if missing (unless
 * STORE_CREATE) or not a regular file, created 0600 in a 0700 directory;
 * *readonly set when it cannot be written. */
static int open_file(const char *path, int flags, int *readonly, char **cause)
{
	struct stat sb;
	int exists = stat(path, &sb) == 0;
	if (!exists && (*readonly || !(flags & STORE_CREATE)))
		return set_cause(cause, _("%s: no such store (create it with 'bienban init')"),
				 path);
	if (exists && !S_ISREG(sb.st_mode))
		return set_cause(cause, _("%s is not a store file"), path);
	/* An empty file is not a store, and a command that only reads (all
	 * but init, demo, import and the screens) must not turn it into one. */
	if (exists && sb.st_size == 0 && !(flags & STORE_CREATE))
		return set_cause(cause,
				 _("%s is an empty file, not a store (create one with "
				   "'bienban init')"),
				 path);
	/* A reviewer on someone else's store; or a store made read-only
	 * with chmod a-w, which root would otherwise write anyway. */
	if (exists && !*readonly && (access(path, W_OK) < 0 || !(sb.st_mode & 0222)))
		*readonly = 1;
	if (!exists) {
		if (mkdirs(path, cause) < 0)
			return -1;
		/* Create it 0600 ourselves; SQLite would honour the umask. */
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			return set_cause(cause, _("cannot create %s: %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	return 0;
}

int store_probe(const char *path, int flags, int *readonly, char **cause)
{
	*readonly = (flags & STORE_READONLY) != 0;
	if (strcmp(path, ":memory:") == 0)
		return 0;
	return open_file(path, flags, readonly, cause);
}

/* The connection's settings, before anything reads the store; *why on
 * failure. */
static int configure(struct store *s, int memory, char **why)
{
	/* The search tokenizer, before anything touches the index. */
	if (store_search_register(s->db) != SQLITE_OK) {
		*why = xstrdup("cannot register the search tokenizer");
		return -1;
	}
	/* Names sort in Vietnamese order (COLLATE vi); ICU opens lazily. */
	if (store_collate_register(s) != SQLITE_OK) {
		*why = xstrdup("cannot register the vi collation");
		return -1;
	}
	const char *pragmas = "PRAGMA foreign_keys = ON;"
			      "PRAGMA synchronous = FULL;"
			      "PRAGMA trusted_schema = OFF;";
	if (db_exec(s, pragmas, why) < 0)
		return -1;
	/* Writers run the triggers that keep the FTS5 index in step, and SQLite
	 * 3.40 lets schema triggers write FTS5 only with a trusted schema.
	 * Readers, who may open a store someone else owns, keep it off. */
	if (!s->readonly && db_exec(s, "PRAGMA trusted_schema = ON", why) < 0)
		return -1;
	if (!s->readonly && !memory) {
		if (db_exec(s, "PRAGMA journal_mode = WAL", why) < 0)
			return -1;
		/* Keep -wal and -shm when the last writer closes (emptied to 0
		 * bytes): reviewers who may not write the store's directory can
		 * only open a WAL store whose -wal and -shm exist. */
		int persist = 1;
		sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
		if (db_exec(s, "PRAGMA journal_size_limit = 0", why) < 0)
			return -1;
	}
	/* Is it a SQLite database at all? Reading the schema tells. */
	return db_exec(s, "SELECT count(*) FROM sqlite_schema", why);
}

int store_open(struct store **out, const char *path, int flags, char **cause)
{
	*out = NULL;
	/* The library itself, the first time (sqlite_dl.h): after the
	 * interface's first paint. */
	if (bb_sqlite3_load(cause) < 0)
		return -1;
	int memory = strcmp(path, ":memory:") == 0;
	int readonly = (flags & STORE_READONLY) != 0;
	if (!memory && open_file(path, flags, &readonly, cause) < 0)
		return -1;
	int oflags = SQLITE_OPEN_NOMUTEX;
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
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	char *why = NULL;
	if (configure(s, memory, &why) < 0)
		goto fail;
	if (db_migrate(s, cause) < 0) {
		store_close(s);
		return -1;
	}
	*out = s;
	return 0;
fail:;
	int code = sqlite3_extended_errcode(s->db) & 0xff;
	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		set_cause(cause,
			  _("cannot open %s: it is damaged or not a bienban store (run 'bienban "
			    "check'; restore it from a backup)"),
			  path);
	else
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

void store_counts(const struct store *s, unsigned long *writes, unsigned long *prepares)
{
	*writes = s->n_writes;
	*prepares = s->n_prepares;
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
