/* store_meetings.c - the meetings and conferences tables: the list, a whole
 * meeting loaded or inserted, status and the editing rule. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_rows.h"
#include "store_write.h"
#include "util.h"

/* ==== the meetings list ==== */

#define FILTER_WHERE                                                                               \
	" WHERE (?1 = 0 OR c.number = ?1)"                                                         \
	" AND (?2 = 0 OR m.period_key = ?2)"                                                       \
	" AND (?3 = 0 OR m.period_key / 10 = ?3)"                                                  \
	" AND (?4 = 0 OR m.conference_id = ?4)"

static void bind_filter(sqlite3_stmt *st, const struct meeting_filter *f)
{
	struct meeting_filter none = {0};
	if (!f)
		f = &none;
	db_bind_int(st, 1, f->cluster);
	db_bind_int(st, 2, f->quarter && f->year ? f->year * 10 + f->quarter : 0);
	db_bind_int(st, 3, !f->quarter && f->year ? f->year : 0);
	db_bind_int(st, 4, f->conference);
}

int store_meetings_page(struct store *s, const struct meeting_filter *f, int64_t offset, int limit,
			struct meeting_row **rows, size_t *n, char **cause)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prep(
	    s,
	    "SELECT m.id, m.title, coalesce(c.number, 0), m.period, m.starts_at, m.status,"
	    " (SELECT a.name FROM attendees a WHERE a.meeting_id = m.id AND a.role = 'chair'"
	    "  ORDER BY a.position LIMIT 1), coalesce(m.conference_id, 0)"
	    " FROM meetings m LEFT JOIN clusters c ON c.id = m.cluster_id" FILTER_WHERE
	    " ORDER BY m.starts_at DESC, m.id DESC LIMIT ?5 OFFSET ?6",
	    cause);
	if (!st)
		return -1;
	bind_filter(st, f);
	db_bind_int(st, 5, limit);
	db_bind_int(st, 6, offset);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		struct meeting_row *row = &(*rows)[(*n)++];
		row->id = sqlite3_column_int64(st, 0);
		row->title = db_col_text(st, 1);
		row->cluster = sqlite3_column_int(st, 2);
		row->period = db_col_text(st, 3);
		row->starts_at = db_col_text(st, 4);
		row->status = store_col_meeting_status(st, 5);
		row->chair = db_col_text(st, 6);
		row->conference_id = sqlite3_column_int64(st, 7);
	}
	return r;
}

int store_meetings_count(struct store *s, const struct meeting_filter *f, int64_t *n, char **cause)
{
	/* Unfiltered, a bare count(*) lets SQLite count the smallest index
	 * instead of joining every row (3 ms on a ten-year store). */
	int any = !f || (!f->cluster && !f->year && !f->conference);
	sqlite3_stmt *st =
	    any ? db_prep(s, "SELECT count(*) FROM meetings", cause)
		: db_prep(s,
			  "SELECT count(*) FROM meetings m"
			  " LEFT JOIN clusters c ON c.id = m.cluster_id" FILTER_WHERE,
			  cause);
	if (!st)
		return -1;
	if (!any)
		bind_filter(st, f);
	if (db_row(s, st, cause) != 1)
		return -1;
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int store_meeting_exists(struct store *s, int64_t id)
{
	sqlite3_stmt *st = db_prep(s, "SELECT 1 FROM meetings WHERE id = ?1", NULL);
	if (!st)
		return 0;
	db_bind_int(st, 1, id);
	int r = db_row(s, st, NULL);
	sqlite3_reset(st);
	return r == 1;
}

int store_meeting_find(struct store *s, const char *title, const char *starts_at, int64_t *id,
		       char **cause)
{
	sqlite3_stmt *st = db_prep(
	    s, "SELECT id FROM meetings WHERE title = ?1 AND starts_at = ?2 LIMIT 1", cause);
	if (!st)
		return -1;
	db_bind_text(st, 1, title);
	db_bind_text(st, 2, starts_at);
	return db_id(s, st, id, cause);
}

/* ==== loading a meeting ==== */

/* -1 (unknown) becomes the default; the parse functions take NULL. */
int store_col_enum(sqlite3_stmt *st, int col, int (*parse)(const char *), int def)
{
	int v = parse((const char *)sqlite3_column_text(st, col));
	return v < 0 ? def : v;
}

enum meeting_status store_col_meeting_status(sqlite3_stmt *st, int col)
{
	return (enum meeting_status)store_col_enum(st, col, meeting_status_parse, MS_DRAFT);
}

enum note_kind store_col_note_kind(sqlite3_stmt *st, int col)
{
	return (enum note_kind)store_col_enum(st, col, note_kind_parse, NK_STATEMENT);
}

enum task_status store_col_task_status(sqlite3_stmt *st, int col)
{
	return (enum task_status)store_col_enum(st, col, task_status_parse, TS_OPEN);
}

int store_meeting_load(struct store *s, int64_t id, struct meeting **out, char **cause)
{
	*out = NULL;
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT m.title, f.title, coalesce(m.conference_id, 0), coalesce(c.number, 0),"
		    " m.period, m.status, m.starts_at, m.ends_at, m.location, m.host_unit,"
		    " m.document_number, m.notice_number FROM meetings m"
		    " LEFT JOIN conferences f ON f.id = m.conference_id"
		    " LEFT JOIN clusters c ON c.id = m.cluster_id WHERE m.id = ?1",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	if (r == 0)
		return set_cause(cause, _("no meeting with id %lld"), (long long)id);
	struct meeting *m = meeting_new();
	m->id = id;
	m->title = db_col_text(st, 0);
	m->conference = db_col_text(st, 1);
	m->conference_id = sqlite3_column_int64(st, 2);
	m->cluster = sqlite3_column_int(st, 3);
	m->period = db_col_text(st, 4);
	m->status = store_col_meeting_status(st, 5);
	m->starts_at = db_col_text(st, 6);
	m->ends_at = db_col_text(st, 7);
	m->location = db_col_text(st, 8);
	m->host_unit = db_col_text(st, 9);
	m->document_number = db_col_text(st, 10);
	m->notice_number = db_col_text(st, 11);
	sqlite3_reset(st);
	if (attendees_read(s, m->id, &m->attendees, &m->n_attendees, cause) < 0 ||
	    agenda_load(s, m, cause) < 0 || outcomes_load(s, m, cause) < 0) {
		meeting_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

/* ==== inserting a whole meeting ==== */

int store_conference_ensure(struct store *s, const char *title, const char *period, int64_t *id,
			    char **cause)
{
	sqlite3_stmt *st = db_prep(s, "SELECT id FROM conferences WHERE title = ?1", cause);
	if (!st)
		return -1;
	db_bind_text(st, 1, title);
	int r = db_id(s, st, id, cause);
	if (r != 0)
		return r < 0 ? -1 : 0;
	st = db_prep(s, "INSERT INTO conferences(title, period) VALUES (?1, ?2)", cause);
	if (!st)
		return -1;
	db_bind_text(st, 1, title);
	db_bind_text(st, 2, period);
	return db_insert(s, st, id, cause);
}

static int insert_meeting_row(struct store *s, const struct meeting *m, int64_t *id, char **cause)
{
	static const char *const names[] = {"title",	 "conference",	    "period",
					    "starts_at", "ends_at",	    "location",
					    "host_unit", "document_number", "notice_number"};
	const char *in[] = {m->title,	  m->conference,      m->period,
			    m->starts_at, m->ends_at,	      m->location,
			    m->host_unit, m->document_number, m->notice_number};
	char *v[9];
	if (db_texts(names, in, v, 9, cause) < 0)
		return -1;
	int rc = -1;
	int64_t conf = 0, cluster = 0;
	int q = 0, y = 0;
	if (v[2] && period_parse(v[2], &q, &y) < 0) {
		set_cause(cause, _("period: \"%s\" is not a quarter like \"I/2023\""), v[2]);
		goto out;
	}
	if (v[1] && store_conference_ensure(s, v[1], v[2], &conf, cause) < 0)
		goto out;
	if (m->cluster > 0 && store_cluster_ensure(s, m->cluster, NULL, &cluster, cause) < 0)
		goto out;
	int keep = m->id > 0 && !store_meeting_exists(s, m->id);
	sqlite3_stmt *st =
	    db_prep(s,
		    "INSERT INTO meetings(id, conference_id, cluster_id, title, period, period_key,"
		    " starts_at, ends_at, location, host_unit, document_number, status,"
		    " notice_number) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
		    cause);
	if (!st)
		goto out;
	db_bind_id(st, 1, keep ? m->id : 0);
	db_bind_id(st, 2, conf);
	db_bind_id(st, 3, cluster);
	db_bind_text(st, 4, v[0] ? v[0] : "");
	char *period = v[2] ? period_normalize(v[2]) : NULL;
	db_bind_text(st, 5, period);
	free(period);
	db_bind_id(st, 6, v[2] ? y * 10 + q : 0);
	db_bind_text(st, 7, v[3] ? v[3] : "");
	for (int i = 4; i < 8; i++)
		db_bind_text(st, 4 + i, v[i]);
	db_bind_text(st, 12, meeting_status_name(m->status));
	db_bind_text(st, 13, v[8]);
	rc = db_insert(s, st, id, cause);
out:
	db_texts_free(v, 9);
	return rc;
}

/* The agenda items of a meeting being inserted; items[i] receives the id
 * of item i. */
static int insert_agenda(struct store *s, int64_t mid, const struct meeting *m, int64_t *items,
			 char **cause)
{
	for (size_t i = 0; i < m->n_agenda; i++)
		if (item_insert(s, mid, (int64_t)i, &m->agenda[i], &items[i], cause) < 0)
			return -1;
	return 0;
}

/* Their notes, once the proposals are in: a note of kind proposal then
 * takes its proposal (db/007_proposal_notes.sql) instead of making a
 * second one. */
static int insert_notes(struct store *s, int64_t mid, const struct meeting *m, const int64_t *items,
			char **cause)
{
	for (size_t i = 0; i < m->n_agenda; i++) {
		const struct agenda_item *it = &m->agenda[i];
		for (size_t j = 0; j < it->n_notes; j++)
			if (note_insert(s, mid, items[i], (int64_t)j, &it->notes[j], NULL, cause) <
			    0)
				return set_cause(cause, "%s (agenda[%zu].notes[%zu])", *cause, i,
						 j);
	}
	return 0;
}

/* Everything of a meeting being inserted but its row, in the order of
 * struct meeting (the notes after the proposals), through each table's one
 * inserter. */
static int insert_rows(struct store *s, int64_t mid, const struct meeting *m, int64_t *items,
		       char **cause)
{
	for (size_t i = 0; i < m->n_attendees; i++)
		if (attendee_insert(s, mid, (int64_t)i, &m->attendees[i], 0, NULL, cause) < 0)
			return set_cause(cause, "%s (attendees[%zu])", *cause, i);
	if (insert_agenda(s, mid, m, items, cause) < 0)
		return -1;
	for (size_t i = 0; i < m->n_proposals; i++) {
		int idx = m->proposals[i].item_index;
		int64_t item = idx >= 0 && (size_t)idx < m->n_agenda ? items[idx] : 0;
		if (proposal_insert(s, mid, item, (int64_t)i, &m->proposals[i], NULL, cause) < 0)
			return set_cause(cause, "%s (proposals[%zu])", *cause, i);
	}
	if (insert_notes(s, mid, m, items, cause) < 0)
		return -1;
	for (size_t i = 0; i < m->n_conclusions; i++)
		if (conclusion_insert(s, mid, (int64_t)i, m->conclusions[i], NULL, cause) < 0)
			return set_cause(cause, "%s (conclusions[%zu])", *cause, i);
	for (size_t i = 0; i < m->n_directives; i++)
		if (directive_insert(s, mid, (int64_t)i, &m->directives[i], NULL, cause) < 0)
			return set_cause(cause, "%s (directives[%zu])", *cause, i);
	return 0;
}

int store_meeting_insert(struct store *s, const struct meeting *m, int64_t *id, char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	int64_t mid = 0;
	int64_t *items = xcalloc(m->n_agenda + 1, sizeof *items);
	int rc = insert_meeting_row(s, m, &mid, cause);
	if (rc == 0)
		rc = insert_rows(s, mid, m, items, cause);
	free(items);
	if (rc == 0 && id)
		*id = mid;
	/* A new meeting's updated_at is its insertion: no stamp. */
	return store_write_end(s, 0, rc, cause);
}

int store_conference_meetings(struct store *s, int64_t conference, int64_t **ids, size_t *n,
			      char **cause)
{
	sqlite3_stmt *st = db_prep(s,
				   "SELECT m.id FROM meetings m LEFT JOIN clusters c"
				   " ON c.id = m.cluster_id WHERE m.conference_id = ?1"
				   " ORDER BY m.starts_at, c.number, m.id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, conference);
	int r = db_ids(s, st, ids, n, cause);
	if (r == 0 && *n == 0)
		return set_cause(cause, _("no conference with id %lld"), (long long)conference);
	return r;
}

char *store_conference_title(struct store *s, int64_t conference, char **cause)
{
	sqlite3_stmt *st = db_prep(s, "SELECT title FROM conferences WHERE id = ?1", cause);
	if (!st)
		return NULL;
	db_bind_int(st, 1, conference);
	int r = db_row(s, st, cause);
	if (r != 1) {
		if (r == 0)
			set_cause(cause, _("no conference with id %lld"), (long long)conference);
		return NULL;
	}
	char *t = db_col_text(st, 0);
	sqlite3_reset(st);
	return t;
}

/* ==== editing rules and the change log ==== */

int store_meeting_status(struct store *s, int64_t id, enum meeting_status *status, char **cause)
{
	sqlite3_stmt *st = db_prep(s, "SELECT status FROM meetings WHERE id = ?1", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int r = db_row(s, st, cause);
	if (r == 1) {
		*status = store_col_meeting_status(st, 0);
		sqlite3_reset(st);
	}
	return r;
}
int store_meeting_writable(struct store *s, int64_t id, enum meeting_status *status, char **cause)
{
	if (s->readonly)
		return set_cause(cause, _("the store is open read-only"));
	enum meeting_status v;
	int r = store_meeting_status(s, id, &v, cause);
	if (r < 0)
		return -1;
	if (r == 0)
		return set_cause(cause, _("no meeting with id %lld"), (long long)id);
	if (status)
		*status = v;
	if (v == MS_APPROVED)
		return set_cause(cause,
				 _("meeting %lld is approved; reopen it with a reason first"),
				 (long long)id);
	return 0;
}

/* ==== the meetings updater ==== */

int meeting_update(struct store *s, int64_t id, int col, const char *text, int64_t num,
		   char **cause)
{
	static const char *const sql[] = {
	    [MC_TITLE] = "UPDATE meetings SET title = ?2 WHERE id = ?1",
	    [MC_STARTS_AT] = "UPDATE meetings SET starts_at = ?2 WHERE id = ?1",
	    [MC_ENDS_AT] = "UPDATE meetings SET ends_at = ?2 WHERE id = ?1",
	    [MC_LOCATION] = "UPDATE meetings SET location = ?2 WHERE id = ?1",
	    [MC_HOST_UNIT] = "UPDATE meetings SET host_unit = ?2 WHERE id = ?1",
	    [MC_DOCUMENT_NUMBER] = "UPDATE meetings SET document_number = ?2 WHERE id = ?1",
	    [MC_NOTICE_NUMBER] = "UPDATE meetings SET notice_number = ?2 WHERE id = ?1",
	    [MC_STATUS] = "UPDATE meetings SET status = ?2 WHERE id = ?1",
	    [MC_UPDATED_AT] = "UPDATE meetings SET updated_at = ?2 WHERE id = ?1",
	    [MC_CONFERENCE_ID] = "UPDATE meetings SET conference_id = nullif(?3, 0) WHERE id = ?1",
	    [MC_CLUSTER_ID] = "UPDATE meetings SET cluster_id = nullif(?3, 0) WHERE id = ?1",
	    [MC_PERIOD] =
		"UPDATE meetings SET period = ?2, period_key = nullif(?3, 0) WHERE id = ?1",
	};
	return DB_UPDATE_COL(s, "meetings", sql, id, col, text, num, cause);
}
