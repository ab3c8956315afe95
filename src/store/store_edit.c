/* store_edit.c - piecewise edits of a meeting for the terminal interface:
 * fields, attendees, agenda items and notes, proposals, conclusions and
 * directives. One short transaction per edit, change-logged after draft. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "i18n.h"
#include "store_edit.h"
#include "store_rows.h"
#include "text.h"
#include "util.h"

/* ==== times ==== */

/* A real day: 31/02 or 29/02/2023 would be printed in the minutes as is. */
static int valid_ymd(int y, int mo, int d)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[mo - 1] + (mo == 2 && leap);
}

char *store_parse_date(const char *in, char **cause)
{
	int y, mo, d, n = 0;
	char *t = xstrdup(in ? in : "");
	text_trim(t);
	int ok = (sscanf(t, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && !t[n]) ||
		 (sscanf(t, "%2d/%2d/%4d%n", &d, &mo, &y, &n) == 3 && !t[n]);
	if (!ok || !valid_ymd(y, mo, d)) {
		set_cause(cause, _("\"%s\" is not a date like 2023-06-30 or 30/06/2023"), t);
		free(t);
		return NULL;
	}
	free(t);
	return xasprintf("%04d-%02d-%02d", y, mo, d);
}

char *store_parse_time(const char *in, const char *day, char **cause)
{
	int y = 0, mo = 0, d = 0, h, mi, n = 0;
	char *t = xstrdup(in ? in : "");
	text_trim(t);
	int ok = 0;
	if (sscanf(t, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) == 5 && !t[n])
		ok = 1;
	else if (sscanf(t, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &h, &mi, &n) == 5 && !t[n])
		ok = 1;
	else if (sscanf(t, "%2d/%2d/%4d %2d:%2d%n", &d, &mo, &y, &h, &mi, &n) == 5 && !t[n])
		ok = 1;
	else if (sscanf(t, "%2d:%2d%n", &h, &mi, &n) == 2 && !t[n] && day &&
		 sscanf(day, "%4d-%2d-%2d", &y, &mo, &d) == 3)
		ok = 1;
	if (!ok || !valid_ymd(y, mo, d) || h < 0 || h > 23 || mi < 0 || mi > 59) {
		set_cause(cause,
			  _("\"%s\" is not a time like 2023-04-12 08:00, 12/04/2023 08:00%s"), t,
			  day ? _(" or 08:00") : "");
		free(t);
		return NULL;
	}
	free(t);
	return xasprintf("%04d-%02d-%02dT%02d:%02d", y, mo, d, h, mi);
}

/* ==== transactions around one edit ==== */

/* Begin, and check that the meeting may be edited. */
static int edit_begin(struct store *s, int64_t meeting, char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	if (store_meeting_writable(s, meeting, NULL, cause) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* Touch the meeting and commit; or roll back when rc < 0. */
static int edit_end(struct store *s, int64_t meeting, int rc, char **cause)
{
	if (rc == 0) {
		sqlite3_stmt *st =
		    db_prep(s,
			    "UPDATE meetings SET updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now',"
			    " 'localtime') WHERE id = ?1",
			    cause);
		if (!st)
			rc = -1;
		else {
			db_bind_int(st, 1, meeting);
			rc = db_done(s, st, cause);
		}
	}
	if (rc < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

/* The meeting of a row: sql is "SELECT meeting_id FROM t WHERE id = ?1". */
static int row_meeting(struct store *s, const char *sql, int64_t id, const char *what,
		       int64_t *meeting, char **cause)
{
	sqlite3_stmt *st = db_prep(s, sql, cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	if (r == 0)
		return set_cause(cause, "no %s with id %lld", what, (long long)id);
	*meeting = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

static char *meeting_day(struct store *s, int64_t meeting)
{
	sqlite3_stmt *st = db_prep(s, "SELECT starts_at FROM meetings WHERE id = ?1", NULL);
	if (!st)
		return NULL;
	db_bind_int(st, 1, meeting);
	char *v = NULL;
	if (db_row(s, st, NULL) == 1) {
		v = db_col_text(st, 0);
		sqlite3_reset(st);
	}
	return v;
}

/* ==== one column of one row ==== */

enum ckind { CK_TEXT, CK_REQUIRED, CK_TIME, CK_DATE, CK_TASK, CK_KIND };

struct column {
	const char *what; /* "agenda item", for messages and the change log */
	const char *field;
	enum ckind kind;
	const char *get; /* SELECT meeting_id, column FROM t WHERE id = ?1 */
	const char *set; /* UPDATE t SET column = ?2 WHERE id = ?1 */
};

/* The value to store for a typed one: NFC, trimmed, NULL when empty;
 * times and dates normalised; enumerations checked. */
static int normalise(struct store *s, const struct column *c, int64_t meeting, const char *in,
		     char **out, char **cause)
{
	*out = NULL;
	char *v = NULL;
	if (text_nfc_trim(in, &v, cause) < 0)
		return set_cause(cause, "%s: %s", c->field, *cause);
	if (!v) {
		if (c->kind == CK_REQUIRED || c->kind == CK_TASK || c->kind == CK_KIND)
			return set_cause(cause, _("%s: may not be empty"), c->field);
		return 0;
	}
	if (c->kind == CK_TIME) {
		char *day = meeting_day(s, meeting);
		*out = store_parse_time(v, day, cause);
		free(day);
		free(v);
		return *out ? 0 : -1;
	}
	if (c->kind == CK_DATE) {
		*out = store_parse_date(v, cause);
		free(v);
		return *out ? 0 : -1;
	}
	if (c->kind == CK_TASK && task_status_parse(v) < 0) {
		set_cause(cause, _("%s: \"%s\" is not open, done or dropped"), c->field, v);
		free(v);
		return -1;
	}
	if (c->kind == CK_KIND && note_kind_parse(v) < 0) {
		set_cause(cause, _("%s: \"%s\" is not a kind of note"), c->field, v);
		free(v);
		return -1;
	}
	*out = v;
	return 0;
}

static int set_column(struct store *s, const struct column *c, int64_t id, const char *value,
		      char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(s, c->get, cause);
	if (!st)
		goto fail;
	db_bind_int(st, 1, id);
	int r = db_row(s, st, cause);
	if (r <= 0) {
		if (r == 0)
			set_cause(cause, "no %s with id %lld", c->what, (long long)id);
		goto fail;
	}
	int64_t meeting = sqlite3_column_int64(st, 0);
	char *old = db_col_text(st, 1);
	sqlite3_reset(st);
	char *v = NULL;
	int rc = -1;
	if (store_meeting_writable(s, meeting, NULL, cause) == 0 &&
	    normalise(s, c, meeting, value, &v, cause) == 0) {
		rc = 0;
		if (!str_eq(old, v) || (!old) != (!v)) {
			st = db_prep(s, c->set, cause);
			rc = -1;
			if (st) {
				db_bind_int(st, 1, id);
				db_bind_text(st, 2, v);
				rc = db_done(s, st, cause);
			}
			if (rc == 0) {
				char *what =
				    xasprintf("%s %lld: %s", c->what, (long long)id, c->field);
				rc = store_log_change(s, meeting, what, old, v, cause);
				free(what);
			}
		}
	}
	free(old);
	free(v);
	return edit_end(s, meeting, rc, cause);
fail:
	store_rollback(s);
	return -1;
}

/* ==== order ==== */

struct order {
	const char *what;
	const char *scope;  /* SELECT meeting_id, scope FROM t WHERE id = ?1 */
	const char *list;   /* SELECT id FROM t WHERE scope = ?1 ORDER BY position, id */
	const char *setpos; /* UPDATE t SET position = ?2 WHERE id = ?1 */
};

static int move_row(struct store *s, const struct order *o, int64_t id, int delta, char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(s, o->scope, cause);
	int64_t meeting = 0, scope = 0;
	int rc = -1;
	if (!st)
		goto out;
	db_bind_int(st, 1, id);
	int r = db_row(s, st, cause);
	if (r <= 0) {
		if (r == 0)
			set_cause(cause, "no %s with id %lld", o->what, (long long)id);
		goto out;
	}
	meeting = sqlite3_column_int64(st, 0);
	scope = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (store_meeting_writable(s, meeting, NULL, cause) < 0)
		goto out;
	int64_t *ids = NULL;
	size_t n = 0, at = 0;
	st = db_prep(s, o->list, cause);
	if (!st)
		goto out;
	db_bind_int(st, 1, scope);
	while ((r = db_row(s, st, cause)) == 1) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		if (sqlite3_column_int64(st, 0) == id)
			at = n;
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (r < 0) {
		free(ids);
		goto out;
	}
	size_t to = delta < 0 ? (at > 0 ? at - 1 : at) : (at + 1 < n ? at + 1 : at);
	int64_t tmp = ids[at];
	ids[at] = ids[to];
	ids[to] = tmp;
	rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		st = db_prep(s, o->setpos, cause);
		if (!st) {
			rc = -1;
			break;
		}
		db_bind_int(st, 1, ids[i]);
		db_bind_int(st, 2, (int64_t)i);
		rc = db_done(s, st, cause);
	}
	free(ids);
	if (rc == 0 && to != at) {
		char *what = xasprintf("%s %lld: position", o->what, (long long)id);
		char a[24], b[24];
		snprintf(a, sizeof a, "%zu", at + 1);
		snprintf(b, sizeof b, "%zu", to + 1);
		rc = store_log_change(s, meeting, what, a, b, cause);
		free(what);
	}
	return edit_end(s, meeting, rc, cause);
out:
	store_rollback(s);
	return -1;
}

/* Delete a row: get is "SELECT meeting_id, <text> FROM t WHERE id = ?1". */
static int delete_row(struct store *s, const char *what, const char *get, const char *del,
		      int64_t id, char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(s, get, cause);
	if (!st)
		goto fail;
	db_bind_int(st, 1, id);
	int r = db_row(s, st, cause);
	if (r <= 0) {
		if (r == 0)
			set_cause(cause, "no %s with id %lld", what, (long long)id);
		goto fail;
	}
	int64_t meeting = sqlite3_column_int64(st, 0);
	char *old = db_col_text(st, 1);
	sqlite3_reset(st);
	int rc = store_meeting_writable(s, meeting, NULL, cause);
	if (rc == 0) {
		st = db_prep(s, del, cause);
		rc = -1;
		if (st) {
			db_bind_int(st, 1, id);
			rc = db_done(s, st, cause);
		}
	}
	if (rc == 0) {
		char *w = xasprintf("%s %lld: deleted", what, (long long)id);
		rc = store_log_change(s, meeting, w, old, NULL, cause);
		free(w);
	}
	free(old);
	return edit_end(s, meeting, rc, cause);
fail:
	store_rollback(s);
	return -1;
}

/* Log an added row inside the transaction. */
static int log_added(struct store *s, int64_t meeting, const char *what, int64_t id,
		     const char *text, char **cause)
{
	char *w = xasprintf("%s %lld: added", what, (long long)id);
	int rc = store_log_change(s, meeting, w, NULL, text, cause);
	free(w);
	return rc;
}

/* ==== meetings ==== */

static int cluster_id_of(struct store *s, int number, int64_t *id, char **cause)
{
	sqlite3_stmt *st = db_prep(s, "SELECT id FROM clusters WHERE number = ?1", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, number);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	if (r == 1) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 0;
	}
	char *name = xasprintf("Cụm thi đua số %d", number);
	st = db_prep(s, "INSERT INTO clusters(number, name) VALUES (?1, ?2)", cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, number);
		db_bind_text(st, 2, name);
		rc = db_done(s, st, cause);
	}
	free(name);
	*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

static const struct column meeting_text_cols[MF__COUNT] = {
    [MF_TITLE] = {"meeting", "title", CK_REQUIRED, "SELECT id, title FROM meetings WHERE id = ?1",
		  "UPDATE meetings SET title = ?2 WHERE id = ?1"},
    [MF_STARTS_AT] = {"meeting", "starts_at", CK_TIME,
		      "SELECT id, starts_at FROM meetings WHERE id = ?1",
		      "UPDATE meetings SET starts_at = ?2 WHERE id = ?1"},
    [MF_ENDS_AT] = {"meeting", "ends_at", CK_TIME, "SELECT id, ends_at FROM meetings WHERE id = ?1",
		    "UPDATE meetings SET ends_at = ?2 WHERE id = ?1"},
    [MF_LOCATION] = {"meeting", "location", CK_TEXT,
		     "SELECT id, location FROM meetings WHERE id = ?1",
		     "UPDATE meetings SET location = ?2 WHERE id = ?1"},
    [MF_HOST_UNIT] = {"meeting", "host_unit", CK_TEXT,
		      "SELECT id, host_unit FROM meetings WHERE id = ?1",
		      "UPDATE meetings SET host_unit = ?2 WHERE id = ?1"},
    [MF_DOCUMENT_NUMBER] = {"meeting", "document_number", CK_TEXT,
			    "SELECT id, document_number FROM meetings WHERE id = ?1",
			    "UPDATE meetings SET document_number = ?2 WHERE id = ?1"},
};

/* Conference, cluster and period: references and derived columns. */
static int set_meeting_ref(struct store *s, int64_t id, enum meeting_field f, const char *value,
			   char **cause)
{
	char *v = NULL;
	if (text_nfc_trim(value, &v, cause) < 0)
		return -1;
	if (edit_begin(s, id, cause) < 0) {
		free(v);
		return -1;
	}
	int rc = -1;
	sqlite3_stmt *st;
	const char *what = "";
	char *old = NULL, *newv = NULL;
	if (f == MF_CLUSTER) {
		what = "cluster";
		long n = 0;
		char *end = NULL;
		if (v)
			n = strtol(v, &end, 10);
		if (v && (*end || n < 0 || n > 100000)) {
			set_cause(cause, _("cluster: \"%s\" is not a cluster number"), v);
			goto out;
		}
		int64_t cid = 0;
		if (n > 0 && cluster_id_of(s, (int)n, &cid, cause) < 0)
			goto out;
		st = db_prep(s,
			     "SELECT (SELECT number FROM clusters c WHERE c.id = m.cluster_id)"
			     " FROM meetings m WHERE m.id = ?1",
			     cause);
		if (!st)
			goto out;
		db_bind_int(st, 1, id);
		if (db_row(s, st, cause) == 1) {
			old = db_col_text(st, 0);
			sqlite3_reset(st);
		}
		st = db_prep(s, "UPDATE meetings SET cluster_id = ?2 WHERE id = ?1", cause);
		if (!st)
			goto out;
		db_bind_int(st, 1, id);
		db_bind_id(st, 2, cid);
		rc = db_done(s, st, cause);
		newv = n > 0 ? xasprintf("%ld", n) : NULL;
	} else if (f == MF_PERIOD) {
		what = "period";
		int q = 0, y = 0;
		if (v && period_parse(v, &q, &y) < 0) {
			set_cause(cause, _("period: \"%s\" is not a quarter like I/2023"), v);
			goto out;
		}
		newv = v ? period_normalize(v) : NULL;
		st = db_prep(s, "SELECT period FROM meetings WHERE id = ?1", cause);
		if (!st)
			goto out;
		db_bind_int(st, 1, id);
		if (db_row(s, st, cause) == 1) {
			old = db_col_text(st, 0);
			sqlite3_reset(st);
		}
		st = db_prep(s, "UPDATE meetings SET period = ?2, period_key = ?3 WHERE id = ?1",
			     cause);
		if (!st)
			goto out;
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, newv);
		db_bind_id(st, 3, v ? y * 10 + q : 0);
		rc = db_done(s, st, cause);
	} else {
		what = "conference";
		int64_t cid = 0;
		st = db_prep(s,
			     "SELECT f.title, m.period FROM meetings m LEFT JOIN conferences f"
			     " ON f.id = m.conference_id WHERE m.id = ?1",
			     cause);
		if (!st)
			goto out;
		db_bind_int(st, 1, id);
		char *period = NULL;
		if (db_row(s, st, cause) == 1) {
			old = db_col_text(st, 0);
			period = db_col_text(st, 1);
			sqlite3_reset(st);
		}
		if (v && store_conference_ensure(s, v, period, &cid, cause) < 0) {
			free(period);
			goto out;
		}
		free(period);
		st = db_prep(s, "UPDATE meetings SET conference_id = ?2 WHERE id = ?1", cause);
		if (!st)
			goto out;
		db_bind_int(st, 1, id);
		db_bind_id(st, 2, cid);
		rc = db_done(s, st, cause);
		newv = v ? xstrdup(v) : NULL;
	}
	if (rc == 0 && !(str_eq(old, newv) && (!old) == (!newv))) {
		char *w = xasprintf("meeting %lld: %s", (long long)id, what);
		rc = store_log_change(s, id, w, old, newv, cause);
		free(w);
	}
out:
	free(v);
	free(old);
	free(newv);
	return edit_end(s, id, rc, cause);
}

int store_meeting_set(struct store *s, int64_t id, enum meeting_field f, const char *value,
		      char **cause)
{
	if ((unsigned)f >= MF__COUNT)
		return set_cause(cause, "unknown meeting field");
	if (f == MF_CLUSTER || f == MF_PERIOD || f == MF_CONFERENCE)
		return set_meeting_ref(s, id, f, value, cause);
	return set_column(s, &meeting_text_cols[f], id, value, cause);
}

int store_meeting_create(struct store *s, const char *title, const char *starts_at, int cluster,
			 const char *period, int64_t *id, char **cause)
{
	char *t = NULL, *start = NULL;
	char now[17];
	if (text_nfc_trim(title, &t, cause) < 0)
		return -1;
	if (!t)
		return set_cause(cause, _("a meeting needs a title"));
	if (starts_at) {
		start = store_parse_time(starts_at, NULL, cause);
		if (!start) {
			free(t);
			return -1;
		}
	} else {
		now_iso_minute(now);
		start = xstrdup(now);
	}
	struct meeting *m = meeting_new();
	m->title = t;
	m->starts_at = start;
	m->cluster = cluster;
	m->period = period ? xstrdup(period) : NULL;
	m->status = MS_DRAFT;
	int rc = store_meeting_insert(s, m, id, cause);
	meeting_free(m);
	return rc;
}

int store_meeting_delete(struct store *s, int64_t id, char **cause)
{
	enum meeting_status st;
	if (store_begin(s, cause) < 0)
		return -1;
	if (store_meeting_writable(s, id, &st, cause) < 0) {
		store_rollback(s);
		return -1;
	}
	if (st != MS_DRAFT) {
		store_rollback(s);
		return set_cause(cause, _("only a draft meeting can be deleted"));
	}
	sqlite3_stmt *q = db_prep(s, "DELETE FROM meetings WHERE id = ?1", cause);
	int rc = -1;
	if (q) {
		db_bind_int(q, 1, id);
		rc = db_done(s, q, cause);
	}
	if (rc < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

/* ==== attendees ==== */

static int next_position(struct store *s, const char *sql, int64_t scope, int64_t *pos,
			 char **cause)
{
	sqlite3_stmt *st = db_prep(s, sql, cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, scope);
	if (db_row(s, st, cause) != 1)
		return -1;
	*pos = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

static int insert_attendee_row(struct store *s, int64_t meeting, const struct attendee *a,
			       int64_t person, int64_t *id, char **cause)
{
	static const char *const names[] = {"name", "title", "unit", "substitute_for"};
	const char *in[] = {a->name, a->title, a->unit, a->substitute_for};
	char *v[4] = {0};
	int rc = -1;
	for (int i = 0; i < 4; i++)
		if (text_nfc_trim(in[i], &v[i], cause) < 0) {
			set_cause(cause, "%s: %s", names[i], *cause);
			goto out;
		}
	if (!v[0]) {
		set_cause(cause, _("an attendee needs a name"));
		goto out;
	}
	int64_t pos;
	if (next_position(s,
			  "SELECT coalesce(max(position) + 1, 0) FROM attendees"
			  " WHERE meeting_id = ?1",
			  meeting, &pos, cause) < 0)
		goto out;
	sqlite3_stmt *st =
	    db_prep(s,
		    "INSERT INTO attendees(meeting_id, position, person_id, name, title, unit,"
		    " role, presence, substitute_for) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
		    cause);
	if (!st)
		goto out;
	db_bind_int(st, 1, meeting);
	db_bind_int(st, 2, pos);
	db_bind_id(st, 3, person);
	db_bind_text(st, 4, v[0]);
	db_bind_text(st, 5, v[1]);
	db_bind_text(st, 6, v[2]);
	db_bind_text(st, 7, role_name(a->role));
	db_bind_text(st, 8, presence_name(a->presence));
	db_bind_text(st, 9, v[3]);
	if (db_done(s, st, cause) < 0)
		goto out;
	int64_t aid = sqlite3_last_insert_rowid(s->db);
	if (id)
		*id = aid;
	rc = log_added(s, meeting, "attendee", aid, v[0], cause);
out:
	for (int i = 0; i < 4; i++)
		free(v[i]);
	return rc;
}

int store_attendee_add(struct store *s, int64_t meeting, const struct attendee *a, int64_t *id,
		       char **cause)
{
	if (edit_begin(s, meeting, cause) < 0)
		return -1;
	int rc = insert_attendee_row(s, meeting, a, 0, id, cause);
	return edit_end(s, meeting, rc, cause);
}

int store_attendee_add_person(struct store *s, int64_t meeting, int64_t person, int64_t *id,
			      char **cause)
{
	if (edit_begin(s, meeting, cause) < 0)
		return -1;
	int rc = -1;
	sqlite3_stmt *st =
	    person > 0 ? db_prep(s,
				 "SELECT p.name, p.title, u.name FROM people p"
				 " LEFT JOIN units u ON u.id = p.unit_id WHERE p.id = ?1",
				 cause)
		       : db_prep(s, "SELECT name, title, unit FROM attendees WHERE id = ?1", cause);
	if (st) {
		db_bind_int(st, 1, person > 0 ? person : -person);
		int r = db_row(s, st, cause);
		if (r == 0)
			set_cause(cause, _("no person with id %lld"), (long long)person);
		if (r == 1) {
			struct attendee a = {.name = db_col_text(st, 0),
					     .title = db_col_text(st, 1),
					     .unit = db_col_text(st, 2),
					     .role = ROLE_DELEGATE,
					     .presence = PRES_PRESENT};
			sqlite3_reset(st);
			rc =
			    insert_attendee_row(s, meeting, &a, person > 0 ? person : 0, id, cause);
			free(a.name);
			free(a.title);
			free(a.unit);
		}
	}
	return edit_end(s, meeting, rc, cause);
}

#define ATT_GET(col) "SELECT meeting_id, " col " FROM attendees WHERE id = ?1"
#define ATT_SET(col) "UPDATE attendees SET " col " = ?2 WHERE id = ?1"
static const struct column attendee_cols[ATF__COUNT] = {
    [ATF_NAME] = {"attendee", "name", CK_REQUIRED, ATT_GET("name"), ATT_SET("name")},
    [ATF_TITLE] = {"attendee", "title", CK_TEXT, ATT_GET("title"), ATT_SET("title")},
    [ATF_UNIT] = {"attendee", "unit", CK_TEXT, ATT_GET("unit"), ATT_SET("unit")},
    [ATF_SUBSTITUTE_FOR] = {"attendee", "substitute_for", CK_TEXT, ATT_GET("substitute_for"),
			    ATT_SET("substitute_for")},
    [ATF_REASON] = {"attendee", "reason", CK_TEXT, ATT_GET("reason"), ATT_SET("reason")},
    [ATF_ARRIVED_AT] = {"attendee", "arrived_at", CK_TIME, ATT_GET("arrived_at"),
			ATT_SET("arrived_at")},
};

int store_attendee_set(struct store *s, int64_t id, enum attendee_field f, const char *value,
		       char **cause)
{
	if ((unsigned)f >= ATF__COUNT)
		return set_cause(cause, "unknown attendee field");
	return set_column(s, &attendee_cols[f], id, value, cause);
}

static const struct column attendee_role_col = {"attendee", "role", CK_REQUIRED, ATT_GET("role"),
						ATT_SET("role")};

int store_attendee_set_role(struct store *s, int64_t id, enum role r, char **cause)
{
	if ((unsigned)r >= ROLE__COUNT)
		return set_cause(cause, "unknown role");
	return set_column(s, &attendee_role_col, id, role_name(r), cause);
}

int store_attendee_set_presence(struct store *s, int64_t id, enum presence p, const char *detail,
				char **cause)
{
	if ((unsigned)p >= PRES__COUNT)
		return set_cause(cause, "unknown presence");
	int64_t meeting;
	if (store_begin(s, cause) < 0)
		return -1;
	if (row_meeting(s, "SELECT meeting_id FROM attendees WHERE id = ?1", id, "attendee",
			&meeting, cause) < 0 ||
	    store_meeting_writable(s, meeting, NULL, cause) < 0) {
		store_rollback(s);
		return -1;
	}
	char *arrived = NULL, *reason = NULL, *old = NULL;
	int rc = 0;
	if (p == PRES_LATE) {
		char *day = meeting_day(s, meeting);
		if (str_empty(detail)) {
			char now[17];
			now_iso_minute(now);
			arrived = xstrdup(now);
		} else if (!(arrived = store_parse_time(detail, day, cause))) {
			rc = -1;
		}
		free(day);
	} else if (p != PRES_PRESENT) {
		rc = text_nfc_trim(detail, &reason, cause);
	}
	sqlite3_stmt *st;
	if (rc == 0 && (st = db_prep(s,
				     "SELECT presence || coalesce(' ' || arrived_at, '')"
				     " || coalesce(' ' || reason, '') FROM attendees WHERE id = ?1",
				     cause))) {
		db_bind_int(st, 1, id);
		if (db_row(s, st, cause) == 1) {
			old = db_col_text(st, 0);
			sqlite3_reset(st);
		}
	}
	if (rc == 0) {
		st = db_prep(s,
			     "UPDATE attendees SET presence = ?2, arrived_at = ?3, reason = ?4"
			     " WHERE id = ?1",
			     cause);
		rc = -1;
		if (st) {
			db_bind_int(st, 1, id);
			db_bind_text(st, 2, presence_name(p));
			db_bind_text(st, 3, arrived);
			db_bind_text(st, 4, reason);
			rc = db_done(s, st, cause);
		}
	}
	if (rc == 0) {
		char *w = xasprintf("attendee %lld: presence", (long long)id);
		char *nv =
		    xasprintf("%s%s%s%s%s", presence_name(p), arrived ? " " : "",
			      arrived ? arrived : "", reason ? " " : "", reason ? reason : "");
		rc = store_log_change(s, meeting, w, old, nv, cause);
		free(w);
		free(nv);
	}
	free(arrived);
	free(reason);
	free(old);
	return edit_end(s, meeting, rc, cause);
}

int store_attendee_delete(struct store *s, int64_t id, char **cause)
{
	return delete_row(s, "attendee", "SELECT meeting_id, name FROM attendees WHERE id = ?1",
			  "DELETE FROM attendees WHERE id = ?1", id, cause);
}

static const struct order attendee_order = {
    "attendee", "SELECT meeting_id, meeting_id FROM attendees WHERE id = ?1",
    "SELECT id FROM attendees WHERE meeting_id = ?1 ORDER BY position, id",
    "UPDATE attendees SET position = ?2 WHERE id = ?1"};

int store_attendee_move(struct store *s, int64_t id, int delta, char **cause)
{
	return move_row(s, &attendee_order, id, delta, cause);
}

/* ==== agenda items ==== */

int store_item_add(struct store *s, int64_t meeting, const char *title, int64_t *id, char **cause)
{
	char *t = NULL;
	if (text_nfc_trim(title, &t, cause) < 0)
		return -1;
	if (!t)
		return set_cause(cause, _("an agenda item needs a title"));
	if (edit_begin(s, meeting, cause) < 0) {
		free(t);
		return -1;
	}
	int64_t pos;
	int rc = next_position(s,
			       "SELECT coalesce(max(position) + 1, 0) FROM agenda_items"
			       " WHERE meeting_id = ?1",
			       meeting, &pos, cause);
	sqlite3_stmt *st = NULL;
	if (rc == 0)
		st = db_prep(s,
			     "INSERT INTO agenda_items(meeting_id, position, title)"
			     " VALUES (?1, ?2, ?3)",
			     cause);
	if (!st)
		rc = -1;
	if (rc == 0) {
		db_bind_int(st, 1, meeting);
		db_bind_int(st, 2, pos);
		db_bind_text(st, 3, t);
		rc = db_done(s, st, cause);
	}
	if (rc == 0) {
		int64_t iid = sqlite3_last_insert_rowid(s->db);
		if (id)
			*id = iid;
		rc = log_added(s, meeting, "agenda item", iid, t, cause);
	}
	free(t);
	return edit_end(s, meeting, rc, cause);
}

#define ITEM_GET(col) "SELECT meeting_id, " col " FROM agenda_items WHERE id = ?1"
#define ITEM_SET(col) "UPDATE agenda_items SET " col " = ?2 WHERE id = ?1"
static const struct column item_cols[IF__COUNT] = {
    [IF_TITLE] = {"agenda item", "title", CK_REQUIRED, ITEM_GET("title"), ITEM_SET("title")},
    [IF_PRESENTER] = {"agenda item", "presenter", CK_TEXT, ITEM_GET("presenter"),
		      ITEM_SET("presenter")},
    [IF_PLANNED_START] = {"agenda item", "planned_start", CK_TIME, ITEM_GET("planned_start"),
			  ITEM_SET("planned_start")},
    [IF_PLANNED_END] = {"agenda item", "planned_end", CK_TIME, ITEM_GET("planned_end"),
			ITEM_SET("planned_end")},
    [IF_STARTED_AT] = {"agenda item", "started_at", CK_TIME, ITEM_GET("started_at"),
		       ITEM_SET("started_at")},
    [IF_ENDED_AT] = {"agenda item", "ended_at", CK_TIME, ITEM_GET("ended_at"),
		     ITEM_SET("ended_at")},
};

int store_item_set(struct store *s, int64_t id, enum item_field f, const char *value, char **cause)
{
	if ((unsigned)f >= IF__COUNT)
		return set_cause(cause, "unknown agenda item field");
	return set_column(s, &item_cols[f], id, value, cause);
}

int store_item_delete(struct store *s, int64_t id, char **cause)
{
	return delete_row(s, "agenda item", ITEM_GET("title"),
			  "DELETE FROM agenda_items WHERE id = ?1", id, cause);
}

static const struct order item_order = {
    "agenda item", "SELECT meeting_id, meeting_id FROM agenda_items WHERE id = ?1",
    "SELECT id FROM agenda_items WHERE meeting_id = ?1 ORDER BY position, id",
    "UPDATE agenda_items SET position = ?2 WHERE id = ?1"};

int store_item_move(struct store *s, int64_t id, int delta, char **cause)
{
	return move_row(s, &item_order, id, delta, cause);
}

/* ==== notes ==== */

int store_note_add(struct store *s, int64_t item, const char *at, const char *speaker,
		   enum note_kind kind, const char *text, int64_t *id, char **cause)
{
	int64_t meeting;
	char *t = NULL, *sp = NULL, *when = NULL;
	if (text_nfc_trim(text, &t, cause) < 0)
		return -1;
	if (!t)
		return set_cause(cause, _("a note needs text"));
	if (text_nfc_trim(speaker, &sp, cause) < 0) {
		free(t);
		return -1;
	}
	if (store_begin(s, cause) < 0) {
		free(t);
		free(sp);
		return -1;
	}
	int rc = row_meeting(s, "SELECT meeting_id FROM agenda_items WHERE id = ?1", item,
			     "agenda item", &meeting, cause);
	if (rc < 0) {
		store_rollback(s);
		free(t);
		free(sp);
		return -1;
	}
	rc = store_meeting_writable(s, meeting, NULL, cause);
	if (rc == 0 && !str_empty(at)) {
		{
			char *day = meeting_day(s, meeting);
			when = store_parse_time(at, day, cause);
			free(day);
			rc = when ? 0 : -1;
		}
	}
	int64_t pos = 0;
	if (rc == 0)
		rc = next_position(s,
				   "SELECT coalesce(max(position) + 1, 0) FROM notes"
				   " WHERE item_id = ?1",
				   item, &pos, cause);
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(s,
					   "INSERT INTO notes(meeting_id, item_id, position, at,"
					   " speaker, kind, text) VALUES (?1,?2,?3,?4,?5,?6,?7)",
					   cause);
		rc = -1;
		if (st) {
			db_bind_int(st, 1, meeting);
			db_bind_int(st, 2, item);
			db_bind_int(st, 3, pos);
			db_bind_text(st, 4, when);
			db_bind_text(st, 5, sp);
			db_bind_text(st, 6, note_kind_name(kind));
			db_bind_text(st, 7, t);
			rc = db_done(s, st, cause);
		}
	}
	if (rc == 0) {
		int64_t nid = sqlite3_last_insert_rowid(s->db);
		if (id)
			*id = nid;
		rc = log_added(s, meeting, "note", nid, t, cause);
	}
	free(t);
	free(sp);
	free(when);
	return edit_end(s, meeting, rc, cause);
}

#define NOTE_GET(col) "SELECT meeting_id, " col " FROM notes WHERE id = ?1"
#define NOTE_SET(col) "UPDATE notes SET " col " = ?2 WHERE id = ?1"
static const struct column note_cols[NF__COUNT] = {
    [NF_AT] = {"note", "at", CK_TIME, NOTE_GET("at"), NOTE_SET("at")},
    [NF_SPEAKER] = {"note", "speaker", CK_TEXT, NOTE_GET("speaker"), NOTE_SET("speaker")},
    [NF_KIND] = {"note", "kind", CK_KIND, NOTE_GET("kind"), NOTE_SET("kind")},
    [NF_TEXT] = {"note", "text", CK_REQUIRED, NOTE_GET("text"), NOTE_SET("text")},
};

int store_note_set(struct store *s, int64_t id, enum note_field f, const char *value, char **cause)
{
	if ((unsigned)f >= NF__COUNT)
		return set_cause(cause, "unknown note field");
	return set_column(s, &note_cols[f], id, value, cause);
}

int store_note_delete(struct store *s, int64_t id, char **cause)
{
	return delete_row(s, "note", NOTE_GET("text"), "DELETE FROM notes WHERE id = ?1", id,
			  cause);
}

static const struct order note_order = {
    "note", "SELECT meeting_id, item_id FROM notes WHERE id = ?1",
    "SELECT id FROM notes WHERE item_id = ?1 ORDER BY position, id",
    "UPDATE notes SET position = ?2 WHERE id = ?1"};

int store_note_move(struct store *s, int64_t id, int delta, char **cause)
{
	return move_row(s, &note_order, id, delta, cause);
}

/* ==== proposals ==== */

int store_proposal_add(struct store *s, int64_t meeting, const char *unit, const char *text,
		       int64_t *id, char **cause)
{
	char *t = NULL, *u = NULL;
	if (text_nfc_trim(text, &t, cause) < 0)
		return -1;
	if (!t)
		return set_cause(cause, _("a proposal needs text"));
	if (text_nfc_trim(unit, &u, cause) < 0 || edit_begin(s, meeting, cause) < 0) {
		free(t);
		free(u);
		return -1;
	}
	int64_t pos;
	int rc = next_position(s,
			       "SELECT coalesce(max(position) + 1, 0) FROM proposals"
			       " WHERE meeting_id = ?1",
			       meeting, &pos, cause);
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(s,
					   "INSERT INTO proposals(meeting_id, position, unit, text)"
					   " VALUES (?1, ?2, ?3, ?4)",
					   cause);
		rc = -1;
		if (st) {
			db_bind_int(st, 1, meeting);
			db_bind_int(st, 2, pos);
			db_bind_text(st, 3, u);
			db_bind_text(st, 4, t);
			rc = db_done(s, st, cause);
		}
	}
	if (rc == 0) {
		int64_t pid = sqlite3_last_insert_rowid(s->db);
		if (id)
			*id = pid;
		rc = log_added(s, meeting, "proposal", pid, t, cause);
	}
	free(t);
	free(u);
	return edit_end(s, meeting, rc, cause);
}

#define PROP_GET(col) "SELECT meeting_id, " col " FROM proposals WHERE id = ?1"
#define PROP_SET(col) "UPDATE proposals SET " col " = ?2 WHERE id = ?1"
static const struct column proposal_cols[PF__COUNT] = {
    [PF_UNIT] = {"proposal", "unit", CK_TEXT, PROP_GET("unit"), PROP_SET("unit")},
    [PF_TEXT] = {"proposal", "text", CK_REQUIRED, PROP_GET("text"), PROP_SET("text")},
    [PF_ANSWER] = {"proposal", "answer", CK_TEXT, PROP_GET("answer"), PROP_SET("answer")},
    [PF_STATUS] = {"proposal", "status", CK_TASK, PROP_GET("status"), PROP_SET("status")},
};

int store_proposal_set(struct store *s, int64_t id, enum proposal_field f, const char *value,
		       char **cause)
{
	if ((unsigned)f >= PF__COUNT)
		return set_cause(cause, "unknown proposal field");
	return set_column(s, &proposal_cols[f], id, value, cause);
}

int store_proposal_delete(struct store *s, int64_t id, char **cause)
{
	return delete_row(s, "proposal", PROP_GET("text"), "DELETE FROM proposals WHERE id = ?1",
			  id, cause);
}

static const struct order proposal_order = {
    "proposal", "SELECT meeting_id, meeting_id FROM proposals WHERE id = ?1",
    "SELECT id FROM proposals WHERE meeting_id = ?1 ORDER BY position, id",
    "UPDATE proposals SET position = ?2 WHERE id = ?1"};

int store_proposal_move(struct store *s, int64_t id, int delta, char **cause)
{
	return move_row(s, &proposal_order, id, delta, cause);
}

/* ==== conclusions ==== */

int store_conclusions_list(struct store *s, int64_t meeting, struct text_row **rows, size_t *n,
			   char **cause)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prep(
	    s, "SELECT id, text FROM conclusions WHERE meeting_id = ?1 ORDER BY position, id",
	    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		(*rows)[*n].id = sqlite3_column_int64(st, 0);
		(*rows)[*n].text = db_col_text(st, 1);
		(*n)++;
	}
	return r;
}

/* Append a row with one text column (conclusions, directives). */
static int add_text_row(struct store *s, int64_t meeting, const char *what, const char *pos_sql,
			const char *ins_sql, const char *text, int64_t *id, char **cause)
{
	char *t = NULL;
	if (text_nfc_trim(text, &t, cause) < 0)
		return -1;
	if (!t)
		/* Whole sentences, so a translation can word them. */
		return set_cause(cause, "%s",
				 str_eq(what, "directive") ? _("a directive needs text")
							   : _("a conclusion needs text"));
	if (edit_begin(s, meeting, cause) < 0) {
		free(t);
		return -1;
	}
	int64_t pos;
	int rc = next_position(s, pos_sql, meeting, &pos, cause);
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(s, ins_sql, cause);
		rc = -1;
		if (st) {
			db_bind_int(st, 1, meeting);
			db_bind_int(st, 2, pos);
			db_bind_text(st, 3, t);
			rc = db_done(s, st, cause);
		}
	}
	if (rc == 0) {
		int64_t rid = sqlite3_last_insert_rowid(s->db);
		if (id)
			*id = rid;
		rc = log_added(s, meeting, what, rid, t, cause);
	}
	free(t);
	return edit_end(s, meeting, rc, cause);
}

int store_conclusion_add(struct store *s, int64_t meeting, const char *text, int64_t *id,
			 char **cause)
{
	return add_text_row(
	    s, meeting, "conclusion",
	    "SELECT coalesce(max(position) + 1, 0) FROM conclusions WHERE meeting_id = ?1",
	    "INSERT INTO conclusions(meeting_id, position, text) VALUES (?1, ?2, ?3)", text, id,
	    cause);
}

static const struct column conclusion_col = {
    "conclusion", "text", CK_REQUIRED, "SELECT meeting_id, text FROM conclusions WHERE id = ?1",
    "UPDATE conclusions SET text = ?2 WHERE id = ?1"};

int store_conclusion_set(struct store *s, int64_t id, const char *text, char **cause)
{
	return set_column(s, &conclusion_col, id, text, cause);
}

int store_conclusion_delete(struct store *s, int64_t id, char **cause)
{
	return delete_row(s, "conclusion", "SELECT meeting_id, text FROM conclusions WHERE id = ?1",
			  "DELETE FROM conclusions WHERE id = ?1", id, cause);
}

static const struct order conclusion_order = {
    "conclusion", "SELECT meeting_id, meeting_id FROM conclusions WHERE id = ?1",
    "SELECT id FROM conclusions WHERE meeting_id = ?1 ORDER BY position, id",
    "UPDATE conclusions SET position = ?2 WHERE id = ?1"};

int store_conclusion_move(struct store *s, int64_t id, int delta, char **cause)
{
	return move_row(s, &conclusion_order, id, delta, cause);
}

/* ==== directives ==== */

int store_directive_add(struct store *s, int64_t meeting, const char *text, int64_t *id,
			char **cause)
{
	return add_text_row(
	    s, meeting, "directive",
	    "SELECT coalesce(max(position) + 1, 0) FROM directives WHERE meeting_id = ?1",
	    "INSERT INTO directives(meeting_id, position, text) VALUES (?1, ?2, ?3)", text, id,
	    cause);
}

#define DIR_GET(col) "SELECT meeting_id, " col " FROM directives WHERE id = ?1"
#define DIR_SET(col) "UPDATE directives SET " col " = ?2 WHERE id = ?1"
static const struct column directive_cols[DF__COUNT] = {
    [DF_TEXT] = {"directive", "text", CK_REQUIRED, DIR_GET("text"), DIR_SET("text")},
    [DF_OWNER] = {"directive", "owner", CK_TEXT, DIR_GET("owner"), DIR_SET("owner")},
    [DF_DUE] = {"directive", "due", CK_DATE, DIR_GET("due"), DIR_SET("due")},
    [DF_STATUS] = {"directive", "status", CK_TASK, DIR_GET("status"),
		   "UPDATE directives SET status = ?2, closed_meeting_id = CASE ?2 WHEN 'open'"
		   " THEN NULL ELSE coalesce(closed_meeting_id, meeting_id) END WHERE id = ?1"},
};

int store_directive_set(struct store *s, int64_t id, enum directive_field f, const char *value,
			char **cause)
{
	if ((unsigned)f >= DF__COUNT)
		return set_cause(cause, "unknown directive field");
	return set_column(s, &directive_cols[f], id, value, cause);
}

int store_directive_delete(struct store *s, int64_t id, char **cause)
{
	return delete_row(s, "directive", DIR_GET("text"), "DELETE FROM directives WHERE id = ?1",
			  id, cause);
}

static const struct order directive_order = {
    "directive", "SELECT meeting_id, meeting_id FROM directives WHERE id = ?1",
    "SELECT id FROM directives WHERE meeting_id = ?1 ORDER BY position, id",
    "UPDATE directives SET position = ?2 WHERE id = ?1"};

int store_directive_move(struct store *s, int64_t id, int delta, char **cause)
{
	return move_row(s, &directive_order, id, delta, cause);
}
