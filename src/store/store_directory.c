/* store_directory.c - the clusters, units and people tables: the directory
 * from which attendees are added. cluster_insert is the one place a
 * cluster gets its default name. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_directory.h"
#include "text.h"
#include "store_rows.h"
#include "store_write.h"
#include "util.h"

void unit_row_free(struct unit_row *r)
{
	free(r->name);
}

void person_row_free(struct person_row *r)
{
	free(r->name);
	free(r->title);
	free(r->unit);
}

enum directory_col {
	DIR_CLUSTER_NAME,   /* text */
	DIR_CLUSTER_NUMBER, /* num */
	DIR_UNIT_NAME,	    /* text */
	DIR_UNIT_CLUSTER,   /* num (0: none); the unit goes to the end of it */
	DIR_PERSON_NAME,    /* text */
	DIR_PERSON_TITLE,   /* text */
	DIR_PERSON_UNIT,    /* num (0: none) */
};

/* The directory's one updater (clusters, units, people), inside the
 * caller's transaction. */
static int directory_update(struct store *s, int col, int64_t id, const char *text, int64_t num,
			    char **cause)
{
	static const char *const sql[] = {
	    [DIR_CLUSTER_NAME] = "UPDATE clusters SET name = ?2 WHERE id = ?1",
	    [DIR_CLUSTER_NUMBER] = "UPDATE clusters SET number = ?3 WHERE id = ?1",
	    [DIR_UNIT_NAME] = "UPDATE units SET name = ?2 WHERE id = ?1",
	    [DIR_UNIT_CLUSTER] = "UPDATE units SET cluster_id = nullif(?3, 0), position ="
				 " (SELECT coalesce(max(position) + 1, 0) FROM units"
				 " WHERE coalesce(cluster_id, 0) = ?3) WHERE id = ?1",
	    [DIR_PERSON_NAME] = "UPDATE people SET name = ?2 WHERE id = ?1",
	    [DIR_PERSON_TITLE] = "UPDATE people SET title = ?2 WHERE id = ?1",
	    [DIR_PERSON_UNIT] = "UPDATE people SET unit_id = nullif(?3, 0) WHERE id = ?1",
	};
	return DB_UPDATE_COL(s, "directory", sql, id, col, text, num, cause);
}

/* One update (sql NULL) or deletion (sql: "DELETE FROM t WHERE id = ?1")
 * of one row in its own transaction; "that row no longer exists" if it
 * changed nothing. */
static int write1(struct store *s, const char *sql, int col, int64_t id, const char *text,
		  int64_t num, char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	int rc;
	if (sql) {
		sqlite3_stmt *st = db_prep(s, sql, cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, id);
			rc = db_done(s, st, cause);
		}
	} else {
		rc = directory_update(s, col, id, text, num, cause);
	}
	if (rc == 0 && sqlite3_changes(s->db) == 0)
		rc = set_cause(cause, _("that row no longer exists"));
	return store_write_end(s, 0, rc, cause);
}

/* A UNIQUE failure reads better in the user's terms. */
static int unique_cause(char **cause, const char *what)
{
	if (cause && *cause && strstr(*cause, "UNIQUE")) {
		free(*cause);
		*cause = NULL;
		return set_cause(cause, "%s", what);
	}
	return -1;
}

/* ==== clusters ==== */

int cluster_insert(struct store *s, int number, const char *name, int64_t *id, char **cause)
{
	char *fallback = NULL, *nfc = NULL;
	if (str_empty(name))
		name = fallback = xasprintf("Cụm thi đua số %d", number);
	int rc = db_text("cluster name", name, &nfc, cause);
	free(fallback);
	if (rc < 0)
		return -1;
	sqlite3_stmt *st = db_prep(s, "INSERT INTO clusters(number, name) VALUES (?1, ?2)", cause);
	rc = -1;
	if (st) {
		db_bind_int(st, 1, number);
		db_bind_text(st, 2, nfc);
		rc = db_insert(s, st, id, cause);
	}
	free(nfc);
	return rc;
}

int store_cluster_add(struct store *s, int number, const char *name, int64_t *id, char **cause)
{
	if (number <= 0)
		return set_cause(cause, _("a cluster number is a whole number above 0"));
	char *n = NULL;
	if (text_nfc_trim(name, &n, cause) < 0 || store_begin(s, cause) < 0) {
		free(n);
		return -1;
	}
	int rc = cluster_insert(s, number, n, id, cause);
	free(n);
	if (store_write_end(s, 0, rc, cause) < 0)
		return unique_cause(cause, _("that cluster number is already used"));
	return 0;
}

int store_cluster_rename(struct store *s, int64_t id, const char *name, char **cause)
{
	char *n = NULL;
	if (text_nfc_trim(name, &n, cause) < 0)
		return -1;
	if (!n)
		return set_cause(cause, _("a cluster needs a name"));
	int rc = write1(s, NULL, DIR_CLUSTER_NAME, id, n, 0, cause);
	free(n);
	return rc;
}

int store_cluster_renumber(struct store *s, int64_t id, int number, char **cause)
{
	if (number <= 0)
		return set_cause(cause, _("a cluster number is a whole number above 0"));
	if (write1(s, NULL, DIR_CLUSTER_NUMBER, id, NULL, number, cause) < 0)
		return unique_cause(cause, _("that cluster number is already used"));
	return 0;
}

int store_cluster_delete(struct store *s, int64_t id, char **cause)
{
	return write1(s, "DELETE FROM clusters WHERE id = ?1", 0, id, NULL, 0, cause);
}

/* ==== units ==== */

int store_units(struct store *s, int64_t cluster, struct unit_row **rows, size_t *n, char **cause)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prep(s,
				   "SELECT u.id, u.name, coalesce(u.cluster_id, 0),"
				   " (SELECT count(*) FROM people p WHERE p.unit_id = u.id)"
				   " FROM units u WHERE coalesce(u.cluster_id, 0) = ?1"
				   " ORDER BY u.name COLLATE vi, u.id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, cluster);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		struct unit_row *u = &(*rows)[(*n)++];
		u->id = sqlite3_column_int64(st, 0);
		u->name = db_col_text(st, 1);
		u->cluster_id = sqlite3_column_int64(st, 2);
		u->n_people = sqlite3_column_int(st, 3);
	}
	return r;
}

/* The units table's one inserter: a unit named name (NFC'd here) in
 * cluster (0: none) at pos (STORE_APPEND: after the cluster's units). A
 * name that exists already: with merge, the unit joins the cluster if it
 * has none; without, "a unit with that name exists already". */
static int unit_insert(struct store *s, int64_t cluster, const char *name, int64_t pos, int merge,
		       int64_t *id, char **cause)
{
	char *nfc = NULL;
	if (db_text("unit", name, &nfc, cause) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(
	    s,
	    "INSERT INTO units(name, cluster_id, position) VALUES (?1, nullif(?2, 0),"
	    " coalesce(?3, (SELECT coalesce(max(position) + 1, 0) FROM units"
	    "  WHERE coalesce(cluster_id, 0) = ?2)))"
	    " ON CONFLICT(name) DO UPDATE SET cluster_id = coalesce(cluster_id, nullif(?2, 0))"
	    " WHERE ?4",
	    cause);
	int rc = -1;
	if (st) {
		db_bind_text(st, 1, nfc);
		db_bind_int(st, 2, cluster);
		if (pos != STORE_APPEND)
			db_bind_int(st, 3, pos);
		db_bind_int(st, 4, merge);
		rc = db_done(s, st, cause);
	}
	free(nfc);
	if (rc < 0)
		return -1;
	if (merge)
		return 0;
	/* Without merge a name in use changes nothing. */
	if (sqlite3_changes(s->db) == 0)
		return set_cause(cause, _("a unit with that name exists already"));
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_unit_add(struct store *s, int64_t cluster, const char *name, int64_t *id, char **cause)
{
	char *n = NULL;
	if (text_nfc_trim(name, &n, cause) < 0)
		return -1;
	if (!n)
		return set_cause(cause, _("a unit needs a name"));
	int rc = store_begin(s, cause);
	if (rc == 0)
		rc = store_write_end(s, 0, unit_insert(s, cluster, n, STORE_APPEND, 0, id, cause),
				     cause);
	free(n);
	return rc;
}

int store_unit_rename(struct store *s, int64_t id, const char *name, char **cause)
{
	char *n = NULL;
	if (text_nfc_trim(name, &n, cause) < 0)
		return -1;
	if (!n)
		return set_cause(cause, _("a unit needs a name"));
	int rc = write1(s, NULL, DIR_UNIT_NAME, id, n, 0, cause);
	free(n);
	if (rc < 0)
		return unique_cause(cause, _("a unit with that name exists already"));
	return 0;
}

int store_unit_delete(struct store *s, int64_t id, char **cause)
{
	return write1(s, "DELETE FROM units WHERE id = ?1", 0, id, NULL, 0, cause);
}

int store_unit_move(struct store *s, int64_t id, int64_t cluster, char **cause)
{
	return write1(s, NULL, DIR_UNIT_CLUSTER, id, NULL, cluster, cause);
}

/* ==== people ==== */

static void read_person(sqlite3_stmt *st, struct person_row *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->name = db_col_text(st, 1);
	p->title = db_col_text(st, 2);
	p->unit_id = sqlite3_column_int64(st, 3);
	p->unit = db_col_text(st, 4);
}

int store_people(struct store *s, int64_t unit, struct person_row **rows, size_t *n, char **cause)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT p.id, p.name, p.title, coalesce(p.unit_id, 0), u.name"
		    " FROM people p LEFT JOIN units u ON u.id = p.unit_id"
		    " WHERE coalesce(p.unit_id, 0) = ?1 ORDER BY p.name COLLATE vi, p.id",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, unit);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		read_person(st, &(*rows)[(*n)++]);
	}
	return r;
}

/* bb_fold(text): text_fold for matching without case and marks. */
static void fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	if (!t) {
		sqlite3_result_null(ctx);
		return;
	}
	char *f = text_fold(t);
	sqlite3_result_text(ctx, f, -1, free);
}

/* The directory, and people who attended before but are not in it (an
 * attendee id, negated): a store filled by import has no directory yet. */
#define PEOPLE_CANDIDATES                                                                          \
	"WITH cand(id, name, title, unit_id, unit) AS ("                                           \
	" SELECT p.id, p.name, p.title, coalesce(p.unit_id, 0), u.name"                            \
	" FROM people p LEFT JOIN units u ON u.id = p.unit_id"                                     \
	" UNION ALL SELECT -min(a.id), a.name, a.title, 0, a.unit FROM attendees a"                \
	" WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.name = a.name)"                         \
	" GROUP BY a.name, a.title, a.unit) "
#define PEOPLE_MATCH                                                                               \
	" (?1 = '' OR instr(bb_fold(name || ' ' || coalesce(title, '') || ' '"                     \
	" || coalesce(unit, '')), ?1) > 0)"

int store_people_search(struct store *s, const char *query, int64_t offset, int limit,
			struct person_row **rows, size_t *n, int64_t *total, char **cause)
{
	*rows = NULL;
	*n = 0;
	*total = 0;
	/* The directory is small (hundreds of people): folding each name is
	 * cheaper than keeping a folded copy in sync. */
	if (sqlite3_create_function(s->db, "bb_fold", 1,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
				    fold_fn, NULL, NULL) != SQLITE_OK)
		return db_fail(s, _("registering bb_fold"), cause);
	char *fq = text_fold(query ? query : "");
	text_trim(fq);
	sqlite3_stmt *st =
	    db_prep(s, PEOPLE_CANDIDATES "SELECT count(*) FROM cand WHERE" PEOPLE_MATCH, cause);
	int r = -1;
	if (!st)
		goto out;
	db_bind_text(st, 1, fq);
	if (db_row(s, st, cause) != 1)
		goto out;
	*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = db_prep(s,
		     PEOPLE_CANDIDATES "SELECT id, name, title, unit_id, unit FROM cand"
				       " WHERE" PEOPLE_MATCH
				       " ORDER BY name COLLATE vi, id LIMIT ?2 OFFSET ?3",
		     cause);
	if (!st)
		goto out;
	db_bind_text(st, 1, fq);
	db_bind_int(st, 2, limit);
	db_bind_int(st, 3, offset);
	while ((r = db_row(s, st, cause)) == 1) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		read_person(st, &(*rows)[(*n)++]);
	}
out:
	free(fq);
	return r < 0 ? -1 : 0;
}

int store_person_add(struct store *s, int64_t unit, const char *name, const char *title,
		     int64_t *id, char **cause)
{
	char *n = NULL, *t = NULL;
	if (text_nfc_trim(name, &n, cause) < 0 || text_nfc_trim(title, &t, cause) < 0) {
		free(n);
		return -1;
	}
	if (!n) {
		free(t);
		return set_cause(cause, _("a person needs a name"));
	}
	int rc = -1;
	if (store_begin(s, cause) == 0) {
		sqlite3_stmt *st = db_prep(
		    s, "INSERT INTO people(name, title, unit_id) VALUES (?1, ?2, ?3)", cause);
		if (st) {
			db_bind_text(st, 1, n);
			db_bind_text(st, 2, t);
			db_bind_id(st, 3, unit);
			rc = db_insert(s, st, id, cause);
		}
		if (rc < 0)
			store_rollback(s);
		else
			rc = store_commit(s, cause);
	}
	free(n);
	free(t);
	return rc;
}

int store_person_set(struct store *s, int64_t id, const char *name, const char *title, char **cause)
{
	char *n = NULL, *t = NULL;
	if (text_nfc_trim(name, &n, cause) < 0 || text_nfc_trim(title, &t, cause) < 0) {
		free(n);
		return -1;
	}
	if (!n) {
		free(t);
		return set_cause(cause, _("a person needs a name"));
	}
	int rc = store_begin(s, cause);
	if (rc == 0) {
		rc = directory_update(s, DIR_PERSON_NAME, id, n, 0, cause);
		if (rc == 0)
			rc = directory_update(s, DIR_PERSON_TITLE, id, t, 0, cause);
		rc = store_write_end(s, 0, rc, cause);
	}
	free(n);
	free(t);
	return rc;
}

int store_person_move(struct store *s, int64_t id, int64_t unit, char **cause)
{
	return write1(s, NULL, DIR_PERSON_UNIT, id, NULL, unit, cause);
}

int store_person_delete(struct store *s, int64_t id, char **cause)
{
	return write1(s, "DELETE FROM people WHERE id = ?1", 0, id, NULL, 0, cause);
}

/* ==== clusters ==== */

static int cluster_units(struct store *s, struct cluster *c, char **cause)
{
	sqlite3_stmt *st =
	    db_prep(s, "SELECT name FROM units WHERE cluster_id = ?1 ORDER BY position, id", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, c->id);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		c->units = xreallocarray(c->units, c->n_units + 1, sizeof *c->units);
		c->units[c->n_units++] = db_col_text(st, 0);
	}
	return r;
}

int store_clusters(struct store *s, struct cluster **out, size_t *n, char **cause)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st =
	    db_prep(s, "SELECT id, number, name FROM clusters ORDER BY number", cause);
	if (!st)
		return -1;
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct cluster *c = &(*out)[(*n)++];
		memset(c, 0, sizeof *c);
		c->id = sqlite3_column_int64(st, 0);
		c->number = sqlite3_column_int(st, 1);
		c->name = db_col_text(st, 2);
	}
	for (size_t i = 0; r == 0 && i < *n; i++)
		r = cluster_units(s, &(*out)[i], cause);
	return r;
}

int store_cluster_get(struct store *s, int number, struct cluster *out, char **cause)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_prep(s, "SELECT id, name FROM clusters WHERE number = ?1", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, number);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	if (r == 0)
		return set_cause(cause, _("no cluster number %d"), number);
	out->id = sqlite3_column_int64(st, 0);
	out->number = number;
	out->name = db_col_text(st, 1);
	sqlite3_reset(st);
	if (cluster_units(s, out, cause) < 0) {
		/* a damaged store can fail here: leave *out empty */
		cluster_free(out);
		return -1;
	}
	return 0;
}

int store_meeting_units(struct store *s, int64_t meeting, struct cluster *c, char **cause)
{
	sqlite3_stmt *st = db_prep(
	    s, "SELECT name FROM meeting_units WHERE meeting_id = ?1 ORDER BY position", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	char **units = NULL;
	size_t n = 0;
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		units = xreallocarray(units, n + 1, sizeof *units);
		units[n++] = db_col_text(st, 0);
	}
	if (r < 0 || n == 0) {
		for (size_t i = 0; i < n; i++)
			free(units[i]);
		free(units);
		return r < 0 ? -1 : 0;
	}
	for (size_t i = 0; i < c->n_units; i++)
		free(c->units[i]);
	free(c->units);
	c->units = units;
	c->n_units = n;
	return 0;
}

int store_cluster_ensure(struct store *s, int number, const char *name, int64_t *id, char **cause)
{
	sqlite3_stmt *st = db_prep(s, "SELECT id FROM clusters WHERE number = ?1", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, number);
	int r = db_id(s, st, id, cause);
	if (r != 0)
		return r < 0 ? -1 : 0;
	return cluster_insert(s, number, name, id, cause);
}

int store_cluster_merge(struct store *s, const struct cluster *c, char **cause)
{
	int64_t cid;
	if (store_cluster_ensure(s, c->number, c->name, &cid, cause) < 0)
		return -1;
	for (size_t i = 0; i < c->n_units; i++)
		if (unit_insert(s, cid, c->units[i], (int64_t)i, 1, NULL, cause) < 0)
			return -1;
	return 0;
}
