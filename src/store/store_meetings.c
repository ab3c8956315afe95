/* store_meetings.c - the meetings and conferences tables: the list, a whole
 * meeting loaded or inserted, status and the editing rule. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_rows.h"
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
	int r = db_row(s, st, cause);
	if (r == 1) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return r;
}

/* ==== loading a meeting ==== */

/* -1 (unknown) becomes the default; the parse functions take NULL. */
static int col_enum(sqlite3_stmt *st, int col, int (*parse)(const char *), int def)
{
	int v = parse((const char *)sqlite3_column_text(st, col));
	return v < 0 ? def : v;
}

enum meeting_status store_col_meeting_status(sqlite3_stmt *st, int col)
{
	return (enum meeting_status)col_enum(st, col, meeting_status_parse, MS_DRAFT);
}

enum note_kind store_col_note_kind(sqlite3_stmt *st, int col)
{
	return (enum note_kind)col_enum(st, col, note_kind_parse, NK_STATEMENT);
}

enum task_status store_col_task_status(sqlite3_stmt *st, int col)
{
	return (enum task_status)col_enum(st, col, task_status_parse, TS_OPEN);
}

void store_row_attendee(sqlite3_stmt *st, int col, struct attendee *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, col);
	a->name = db_col_text(st, col + 1);
	a->title = db_col_text(st, col + 2);
	a->unit = db_col_text(st, col + 3);
	a->role = (enum role)col_enum(st, col + 4, role_parse, ROLE_DELEGATE);
	a->presence = (enum presence)col_enum(st, col + 5, presence_parse, PRES_PRESENT);
	a->reason = db_col_text(st, col + 6);
	a->arrived_at = db_col_text(st, col + 7);
	a->substitute_for = db_col_text(st, col + 8);
}

static int load_attendees(struct store *s, struct meeting *m, char **cause)
{
	sqlite3_stmt *st = db_prep(s,
				   "SELECT " STORE_ATTENDEE_COLS " FROM attendees"
				   " WHERE meeting_id = ?1 ORDER BY position, id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		m->attendees =
		    xreallocarray(m->attendees, m->n_attendees + 1, sizeof *m->attendees);
		store_row_attendee(st, 0, &m->attendees[m->n_attendees++]);
	}
	return r;
}

static int load_agenda(struct store *s, struct meeting *m, char **cause)
{
	sqlite3_stmt *st = db_prep(s,
				   "SELECT id, title, presenter, planned_start, planned_end,"
				   " started_at, ended_at FROM agenda_items WHERE meeting_id = ?1"
				   " ORDER BY position, id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		m->agenda = xreallocarray(m->agenda, m->n_agenda + 1, sizeof *m->agenda);
		struct agenda_item *it = &m->agenda[m->n_agenda++];
		memset(it, 0, sizeof *it);
		it->id = sqlite3_column_int64(st, 0);
		it->title = db_col_text(st, 1);
		it->presenter = db_col_text(st, 2);
		it->planned_start = db_col_text(st, 3);
		it->planned_end = db_col_text(st, 4);
		it->started_at = db_col_text(st, 5);
		it->ended_at = db_col_text(st, 6);
	}
	if (r < 0)
		return -1;
	st = db_prep(s,
		     "SELECT id, at, speaker, kind, text FROM notes WHERE item_id = ?1"
		     " ORDER BY position, id",
		     cause);
	if (!st)
		return -1;
	for (size_t i = 0; i < m->n_agenda; i++) {
		struct agenda_item *it = &m->agenda[i];
		sqlite3_reset(st);
		db_bind_int(st, 1, it->id);
		while ((r = db_row(s, st, cause)) == 1) {
			it->notes = xreallocarray(it->notes, it->n_notes + 1, sizeof *it->notes);
			struct note *n = &it->notes[it->n_notes++];
			n->id = sqlite3_column_int64(st, 0);
			n->at = db_col_text(st, 1);
			n->speaker = db_col_text(st, 2);
			n->kind = store_col_note_kind(st, 3);
			n->text = db_col_text(st, 4);
		}
		if (r < 0)
			return -1;
	}
	return 0;
}

static int load_rest(struct store *s, struct meeting *m, char **cause)
{
	sqlite3_stmt *st = db_prep(s,
				   "SELECT p.id, p.unit, p.text, p.answer, p.status,"
				   " (SELECT count(*) FROM agenda_items a WHERE a.meeting_id ="
				   "  p.meeting_id AND (a.position < i.position OR (a.position ="
				   "  i.position AND a.id < i.id))), p.item_id"
				   " FROM proposals p LEFT JOIN agenda_items i ON i.id = p.item_id"
				   " WHERE p.meeting_id = ?1 ORDER BY p.position, p.id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		m->proposals =
		    xreallocarray(m->proposals, m->n_proposals + 1, sizeof *m->proposals);
		struct proposal *p = &m->proposals[m->n_proposals++];
		p->id = sqlite3_column_int64(st, 0);
		p->unit = db_col_text(st, 1);
		p->text = db_col_text(st, 2);
		p->answer = db_col_text(st, 3);
		p->status = store_col_task_status(st, 4);
		p->item_index =
		    sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 5);
	}
	if (r < 0)
		return -1;
	st = db_prep(s, "SELECT text FROM conclusions WHERE meeting_id = ?1 ORDER BY position, id",
		     cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	while ((r = db_row(s, st, cause)) == 1) {
		m->conclusions =
		    xreallocarray(m->conclusions, m->n_conclusions + 1, sizeof *m->conclusions);
		m->conclusions[m->n_conclusions++] = db_col_text(st, 0);
	}
	if (r < 0)
		return -1;
	st = db_prep(s,
		     "SELECT id, text, owner, due, status, coalesce(closed_meeting_id, 0)"
		     " FROM directives WHERE meeting_id = ?1 ORDER BY position, id",
		     cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	while ((r = db_row(s, st, cause)) == 1) {
		m->directives =
		    xreallocarray(m->directives, m->n_directives + 1, sizeof *m->directives);
		struct directive *d = &m->directives[m->n_directives++];
		d->id = sqlite3_column_int64(st, 0);
		d->text = db_col_text(st, 1);
		d->owner = db_col_text(st, 2);
		d->due = db_col_text(st, 3);
		d->status = store_col_task_status(st, 4);
		d->closed_in = sqlite3_column_int64(st, 5);
	}
	return r;
}

int store_meeting_load(struct store *s, int64_t id, struct meeting **out, char **cause)
{
	*out = NULL;
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT m.title, f.title, coalesce(m.conference_id, 0), coalesce(c.number, 0),"
		    " m.period, m.status, m.starts_at, m.ends_at, m.location, m.host_unit,"
		    " m.document_number FROM meetings m"
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
	sqlite3_reset(st);
	if (load_attendees(s, m, cause) < 0 || load_agenda(s, m, cause) < 0 ||
	    load_rest(s, m, cause) < 0) {
		meeting_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

/* ==== inserting a whole meeting ==== */

/* Normalise each string field through db_text; on failure, cause names the
 * field. The array of pointers is filled with allocated NFC copies. */
static int nfc_fields(const char *const *names, const char *const *in, char **out, size_t n,
		      char **cause)
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

static void free_fields(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
}

int store_conference_ensure(struct store *s, const char *title, const char *period, int64_t *id,
			    char **cause)
{
	sqlite3_stmt *st = db_prep(s, "SELECT id FROM conferences WHERE title = ?1", cause);
	if (!st)
		return -1;
	db_bind_text(st, 1, title);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	if (r == 1) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	st = db_prep(s, "INSERT INTO conferences(title, period) VALUES (?1, ?2)", cause);
	if (!st)
		return -1;
	db_bind_text(st, 1, title);
	db_bind_text(st, 2, period);
	if (db_done(s, st, cause) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int insert_attendee(struct store *s, int64_t mid, size_t pos, const struct attendee *a,
			   char **cause)
{
	static const char *const names[] = {"name",   "title",	    "unit",
					    "reason", "arrived_at", "substitute_for"};
	const char *in[] = {a->name,   a->title,      a->unit,
			    a->reason, a->arrived_at, a->substitute_for};
	char *v[6];
	if (nfc_fields(names, in, v, 6, cause) < 0)
		return -1;
	sqlite3_stmt *st =
	    db_prep(s,
		    "INSERT INTO attendees(meeting_id, position, name, title, unit, role, presence,"
		    " reason, arrived_at, substitute_for) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
		    cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, mid);
		db_bind_int(st, 2, (int64_t)pos);
		db_bind_text(st, 3, v[0] ? v[0] : "");
		db_bind_text(st, 4, v[1]);
		db_bind_text(st, 5, v[2]);
		db_bind_text(st, 6, role_name(a->role));
		db_bind_text(st, 7, presence_name(a->presence));
		db_bind_text(st, 8, v[3]);
		db_bind_text(st, 9, v[4]);
		db_bind_text(st, 10, v[5]);
		rc = db_done(s, st, cause);
	}
	free_fields(v, 6);
	return rc;
}

static int insert_note(struct store *s, int64_t mid, int64_t item, size_t pos, const struct note *n,
		       char **cause)
{
	static const char *const names[] = {"at", "speaker", "text"};
	const char *in[] = {n->at, n->speaker, n->text};
	char *v[3];
	if (nfc_fields(names, in, v, 3, cause) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(s,
				   "INSERT INTO notes(meeting_id, item_id, position, at, speaker,"
				   " kind, text) VALUES (?1,?2,?3,?4,?5,?6,?7)",
				   cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, mid);
		db_bind_int(st, 2, item);
		db_bind_int(st, 3, (int64_t)pos);
		db_bind_text(st, 4, v[0]);
		db_bind_text(st, 5, v[1]);
		db_bind_text(st, 6, note_kind_name(n->kind));
		db_bind_text(st, 7, v[2] ? v[2] : "");
		rc = db_done(s, st, cause);
	}
	free_fields(v, 3);
	return rc;
}

static int insert_item(struct store *s, int64_t mid, size_t pos, const struct agenda_item *it,
		       int64_t *item_id, char **cause)
{
	static const char *const names[] = {"title",	   "presenter",	 "planned_start",
					    "planned_end", "started_at", "ended_at"};
	const char *in[] = {it->title,	     it->presenter,  it->planned_start,
			    it->planned_end, it->started_at, it->ended_at};
	char *v[6];
	if (nfc_fields(names, in, v, 6, cause) < 0)
		return -1;
	sqlite3_stmt *st =
	    db_prep(s,
		    "INSERT INTO agenda_items(meeting_id, position, title, presenter,"
		    " planned_start, planned_end, started_at, ended_at)"
		    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
		    cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, mid);
		db_bind_int(st, 2, (int64_t)pos);
		db_bind_text(st, 3, v[0] ? v[0] : "");
		for (int i = 1; i < 6; i++)
			db_bind_text(st, 3 + i, v[i]);
		rc = db_done(s, st, cause);
	}
	free_fields(v, 6);
	if (rc < 0)
		return -1;
	*item_id = sqlite3_last_insert_rowid(s->db);
	for (size_t j = 0; j < it->n_notes; j++) {
		if (insert_note(s, mid, *item_id, j, &it->notes[j], cause) < 0)
			return set_cause(cause, "%s (agenda[%zu].notes[%zu])", *cause, pos, j);
	}
	return 0;
}

static int insert_proposal(struct store *s, int64_t mid, size_t pos, const struct proposal *p,
			   int64_t item, char **cause)
{
	static const char *const names[] = {"unit", "text", "answer"};
	const char *in[] = {p->unit, p->text, p->answer};
	char *v[3];
	if (nfc_fields(names, in, v, 3, cause) < 0)
		return -1;
	sqlite3_stmt *st =
	    db_prep(s,
		    "INSERT INTO proposals(meeting_id, item_id, position, unit, text,"
		    " answer, status) VALUES (?1,?2,?3,?4,?5,?6,?7)",
		    cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, mid);
		db_bind_id(st, 2, item);
		db_bind_int(st, 3, (int64_t)pos);
		db_bind_text(st, 4, v[0]);
		db_bind_text(st, 5, v[1] ? v[1] : "");
		db_bind_text(st, 6, v[2]);
		db_bind_text(st, 7, task_status_name(p->status));
		rc = db_done(s, st, cause);
	}
	free_fields(v, 3);
	return rc;
}

static int insert_conclusion(struct store *s, int64_t mid, size_t pos, const char *text,
			     char **cause)
{
	char *v = NULL;
	if (db_text("text", text, &v, cause) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(
	    s, "INSERT INTO conclusions(meeting_id, position, text) VALUES (?1,?2,?3)", cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, mid);
		db_bind_int(st, 2, (int64_t)pos);
		db_bind_text(st, 3, v ? v : "");
		rc = db_done(s, st, cause);
	}
	free(v);
	return rc;
}

static int insert_directive(struct store *s, int64_t mid, size_t pos, const struct directive *d,
			    char **cause)
{
	static const char *const names[] = {"text", "owner", "due"};
	const char *in[] = {d->text, d->owner, d->due};
	char *v[3];
	if (nfc_fields(names, in, v, 3, cause) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(s,
				   "INSERT INTO directives(meeting_id, position, text, owner, due,"
				   " status) VALUES (?1,?2,?3,?4,?5,?6)",
				   cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, mid);
		db_bind_int(st, 2, (int64_t)pos);
		db_bind_text(st, 3, v[0] ? v[0] : "");
		db_bind_text(st, 4, v[1]);
		db_bind_text(st, 5, v[2]);
		db_bind_text(st, 6, task_status_name(d->status));
		rc = db_done(s, st, cause);
	}
	free_fields(v, 3);
	return rc;
}

static int insert_meeting_row(struct store *s, const struct meeting *m, int64_t *id, char **cause)
{
	static const char *const names[] = {"title",	 "conference",	   "period",
					    "starts_at", "ends_at",	   "location",
					    "host_unit", "document_number"};
	const char *in[] = {m->title,	m->conference, m->period,    m->starts_at,
			    m->ends_at, m->location,   m->host_unit, m->document_number};
	char *v[8];
	if (nfc_fields(names, in, v, 8, cause) < 0)
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
		    " starts_at, ends_at, location, host_unit, document_number, status)"
		    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
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
	if (db_done(s, st, cause) < 0)
		goto out;
	*id = sqlite3_last_insert_rowid(s->db);
	rc = 0;
out:
	free_fields(v, 8);
	return rc;
}

int store_meeting_insert(struct store *s, const struct meeting *m, int64_t *id, char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	int64_t mid = 0;
	int64_t *items = NULL;
	if (insert_meeting_row(s, m, &mid, cause) < 0)
		goto fail;
	for (size_t i = 0; i < m->n_attendees; i++)
		if (insert_attendee(s, mid, i, &m->attendees[i], cause) < 0) {
			set_cause(cause, "%s (attendees[%zu])", *cause, i);
			goto fail;
		}
	items = xcalloc(m->n_agenda + 1, sizeof *items);
	for (size_t i = 0; i < m->n_agenda; i++)
		if (insert_item(s, mid, i, &m->agenda[i], &items[i], cause) < 0)
			goto fail;
	for (size_t i = 0; i < m->n_proposals; i++) {
		int idx = m->proposals[i].item_index;
		int64_t item = idx >= 0 && (size_t)idx < m->n_agenda ? items[idx] : 0;
		if (insert_proposal(s, mid, i, &m->proposals[i], item, cause) < 0) {
			set_cause(cause, "%s (proposals[%zu])", *cause, i);
			goto fail;
		}
	}
	for (size_t i = 0; i < m->n_conclusions; i++)
		if (insert_conclusion(s, mid, i, m->conclusions[i], cause) < 0) {
			set_cause(cause, "%s (conclusions[%zu])", *cause, i);
			goto fail;
		}
	for (size_t i = 0; i < m->n_directives; i++)
		if (insert_directive(s, mid, i, &m->directives[i], cause) < 0) {
			set_cause(cause, "%s (directives[%zu])", *cause, i);
			goto fail;
		}
	free(items);
	if (id)
		*id = mid;
	return store_commit(s, cause);
fail:
	free(items);
	store_rollback(s);
	return -1;
}

int store_conference_meetings(struct store *s, int64_t conference, int64_t **ids, size_t *n,
			      char **cause)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prep(s,
				   "SELECT m.id FROM meetings m LEFT JOIN clusters c"
				   " ON c.id = m.cluster_id WHERE m.conference_id = ?1"
				   " ORDER BY m.starts_at, c.number, m.id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, conference);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
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
