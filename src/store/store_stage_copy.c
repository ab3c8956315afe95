/* store_stage_copy.c - the copy of a staged import into the store, in the
 * caller's BEGIN IMMEDIATE transaction with the staging store attached as
 * bb_stage (store_stage.c): the re-checks, then every table with one
 * INSERT ... SELECT, ids renumbered, the copied tables' triggers set aside
 * (a rollback puts them back), the search rows keyed and indexed once. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_search.h"
#include "store_stage_copy.h"
#include "util.h"

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

/* The units each imported closed or approved meeting keeps
 * (db/010_meeting_units.sql, whose triggers the copy sets aside): those
 * its file lists for its cluster, else its cluster's in the store after
 * the merge. Not the merged list where the file has one: a file's units
 * joining a cluster must not change its own meetings' counts either. */
static const char *const units_sql =
    "INSERT INTO main.meeting_units(meeting_id, position, name)"
    " SELECT mm.new_id, f.position, f.name FROM bb_stage.meetings s"
    " JOIN temp.bb_mmap mm ON mm.stage_id = s.id"
    " JOIN bb_stage.clusters sc ON sc.id = s.cluster_id"
    " JOIN temp.bb_file_units f ON f.number = sc.number"
    " WHERE s.status IN ('closed', 'approved');"
    "INSERT INTO main.meeting_units(meeting_id, position, name)"
    " SELECT mm.new_id, row_number() OVER (PARTITION BY mm.new_id ORDER BY u.position, u.id) - 1,"
    "  u.name FROM bb_stage.meetings s JOIN temp.bb_mmap mm ON mm.stage_id = s.id"
    " JOIN main.meetings m ON m.id = mm.new_id JOIN main.units u ON u.cluster_id = m.cluster_id"
    " WHERE s.status IN ('closed', 'approved')"
    " AND NOT EXISTS (SELECT 1 FROM main.meeting_units x WHERE x.meeting_id = mm.new_id);"
    "DROP TABLE temp.bb_file_units;";

static int copy_units(struct store *s, const struct cluster *clusters, size_t n_clusters,
		      char **cause)
{
	if (db_exec(s,
		    "CREATE TEMP TABLE IF NOT EXISTS bb_file_units(number INTEGER NOT NULL,"
		    " position INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (number, position));"
		    "DELETE FROM temp.bb_file_units;",
		    cause) < 0)
		return -1;
	for (size_t i = 0; i < n_clusters; i++)
		for (size_t k = 0; k < clusters[i].n_units; k++) {
			sqlite3_stmt *q = db_prep(s,
						  "INSERT OR IGNORE INTO temp.bb_file_units(number,"
						  " position, name) VALUES (?1, ?2, ?3)",
						  cause);
			if (!q)
				return -1;
			char *name = NULL; /* as the merge stored it: NFC */
			if (db_text("unit", clusters[i].units[k], &name, cause) < 0)
				return -1;
			db_bind_int(q, 1, clusters[i].number);
			db_bind_int(q, 2, (int64_t)k);
			db_bind_text(q, 3, name);
			int r = db_done(s, q, cause);
			free(name);
			if (r < 0)
				return -1;
		}
	return db_exec(s, units_sql, cause);
}

int stage_copy_in(struct store *s, const struct org *org, const struct cluster *clusters,
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
	if (rc == 0)
		rc = copy_units(s, clusters, n_clusters, cause);
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

int stage_read_ids(struct store *s, int64_t **ids, size_t *n, char **cause)
{
	sqlite3_stmt *q = db_prep(s, "SELECT new_id FROM temp.bb_mmap ORDER BY pos", cause);
	if (!q)
		return -1;
	return db_ids(s, q, ids, n, cause);
}

