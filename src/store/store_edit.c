/* store_edit.c - the edit machinery every table file shares
 * (store_write.h): typed times and dates, one column set, one row moved,
 * one row deleted, each logged; the edits themselves live with their
 * tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_edit.h"
#include "store_review.h"
#include "store_write.h"
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

/* dd/mm/yyyy, or dd/mm/yy as offices also write it (30/9/23: 2023), at
 * the start of t: 1 and the day, month, year and the bytes read; else 0. */
static int parse_dmy(const char *t, int *d, int *mo, int *y, int *n)
{
	int y0 = 0, y1 = 0;
	if (sscanf(t, "%2d/%2d/%n%4d%n", d, mo, &y0, y, &y1) != 3)
		return 0;
	if (y1 - y0 == 2)
		*y += 2000;
	else if (y1 - y0 != 4)
		return 0;
	*n = y1;
	return 1;
}

char *store_parse_date(const char *in, char **cause)
{
	int y, mo, d, n = 0;
	char *t = xstrdup(in ? in : "");
	text_trim(t);
	int ok = (sscanf(t, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && !t[n]) ||
		 (parse_dmy(t, &d, &mo, &y, &n) && !t[n]);
	if (ok && !valid_ymd(y, mo, d) && y >= 1900 && y <= 9999) {
		/* Written right, a day the calendar does not have: say that,
		 * not how to write a date. */
		if (mo >= 1 && mo <= 12)
			set_cause(cause, _("\"%s\": month %d of %d has no day %d"), t, mo, y, d);
		else
			set_cause(cause, _("\"%s\" is not a date: no month %d"), t, mo);
		free(t);
		return NULL;
	}
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
	int y = 0, mo = 0, d = 0, h, mi, n = 0, k = 0;
	char *t = xstrdup(in ? in : "");
	text_trim(t);
	int ok = 0;
	if (sscanf(t, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) == 5 && !t[n])
		ok = 1;
	else if (sscanf(t, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &h, &mi, &n) == 5 && !t[n])
		ok = 1;
	else if (parse_dmy(t, &d, &mo, &y, &n) && t[n] == ' ' &&
		 sscanf(t + n, " %2d:%2d%n", &h, &mi, &k) == 2 && !t[n + k])
		ok = 1;
	else if (sscanf(t, "%2d:%2d%n", &h, &mi, &n) == 2 && !t[n] && day &&
		 sscanf(day, "%4d-%2d-%2d", &y, &mo, &d) == 3)
		ok = 1;
	if (ok && !valid_ymd(y, mo, d) && y >= 1900 && y <= 9999 && mo >= 1 && mo <= 12) {
		/* Written right, a day the calendar does not have. */
		set_cause(cause, _("\"%s\": month %d of %d has no day %d"), t, mo, y, d);
		free(t);
		return NULL;
	}
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

/* ==== rows and meetings ==== */

/* The meeting of a row: sql is "SELECT meeting_id FROM t WHERE id = ?1". */
int store_row_meeting(struct store *s, const char *sql, int64_t id, const char *what,
		      int64_t *meeting, char **cause)
{
	sqlite3_stmt *st = db_prep(s, sql, cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int r = db_id(s, st, meeting, cause);
	if (r == 0)
		return set_cause(cause, _("no %s with id %lld"), change_object_word(what),
				 (long long)id);
	return r < 0 ? -1 : 0;
}

char *store_meeting_day(struct store *s, int64_t meeting)
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

char *store_meeting_time(struct store *s, int64_t meeting, const char *in, char **cause)
{
	char *day = store_meeting_day(s, meeting);
	char *t = store_parse_time(in, day, cause);
	free(day);
	return t;
}

/* ==== one column of one row ==== */

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
		if (c->kind == CK_REQUIRED || c->kind == CK_TASK || c->kind == CK_KIND ||
		    c->kind == CK_FLAG)
			return set_cause(cause, _("%s: may not be empty"), c->field);
		return 0;
	}
	if (c->kind == CK_TIME) {
		*out = store_meeting_time(s, meeting, v, cause);
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
	if (c->kind == CK_FLAG && !str_eq(v, "0") && !str_eq(v, "1")) {
		set_cause(cause, _("%s: \"%s\" is not 0 or 1"), c->field, v);
		free(v);
		return -1;
	}
	if (c->kind == CK_KIND && note_kind_parse(v) < 0) {
		set_cause(cause, _("%s: \"%s\" is not a kind of note"), c->field, v);
		free(v);
		return -1;
	}
	if (c->kind == CK_ITEM_KIND) {
		int k = item_kind_parse(v);
		if (k < 0) {
			set_cause(cause,
				  _("%s: \"%s\" is not auto, regular, reports or conclusions"),
				  c->field, v);
			free(v);
			return -1;
		}
		if (k == IK_AUTO) {
			free(v);
			v = NULL;
		}
	}
	*out = v;
	return 0;
}

int store_set_column(struct store *s, const struct column *c, int64_t id, const char *value,
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
			set_cause(cause, _("no %s with id %lld"), change_object_word(c->what),
				  (long long)id);
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
			rc = c->update(s, id, c->col, v, 0, cause);
			if (rc == 0) {
				char *what =
				    xasprintf("%s %lld: %s", c->what, (long long)id, c->field);
				rc = store_log_change(s, meeting, what, old, v, cause);
				free(what);
			}
			if (rc == 0 && c->follow && c->follow(s, meeting, id, old, v, cause) < 0)
				rc = -1;
		}
	}
	free(old);
	free(v);
	return store_write_end(s, meeting, rc, cause);
fail:
	store_rollback(s);
	return -1;
}

int store_follow_text(struct store *s, int64_t meeting, int64_t id, const char *old,
		      const char *v, const char *find, const char *what, const char *field,
		      store_updater update, int col, char **cause)
{
	if (str_empty(old) || str_empty(v))
		return 0;
	sqlite3_stmt *st = db_prep(s, find, cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_text(st, 2, old);
	db_bind_int(st, 3, id);
	int r = db_row(s, st, cause);
	if (r <= 0)
		return r;
	int64_t other = sqlite3_column_int64(st, 0);
	char *was = db_col_text(st, 1);
	sqlite3_reset(st);
	int rc = update(s, other, col, v, 0, cause);
	if (rc == 0) {
		char *w = xasprintf("%s %lld: %s", what, (long long)other, field);
		rc = store_log_change(s, meeting, w, was, v, cause);
		free(w);
	}
	free(was);
	return rc < 0 ? -1 : 1;
}

/* ==== order ==== */

int store_move_row(struct store *s, const struct order *o, int64_t id, int delta, char **cause)
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
			set_cause(cause, _("no %s with id %lld"), change_object_word(o->what),
				  (long long)id);
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
	if (db_ids(s, st, &ids, &n, cause) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			at = i;
	size_t to = delta < 0 ? (at > 0 ? at - 1 : at) : (at + 1 < n ? at + 1 : at);
	int64_t tmp = ids[at];
	ids[at] = ids[to];
	ids[to] = tmp;
	rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = o->update(s, ids[i], o->col, NULL, (int64_t)i, cause);
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
	return store_write_end(s, meeting, rc, cause);
out:
	store_rollback(s);
	return -1;
}

/* Delete a row: get is "SELECT meeting_id, <text> FROM t WHERE id = ?1". */
int store_delete_row(struct store *s, const char *what, const char *get, const char *del,
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
			set_cause(cause, _("no %s with id %lld"), change_object_word(what),
				  (long long)id);
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
	return store_write_end(s, meeting, rc, cause);
fail:
	store_rollback(s);
	return -1;
}

/* Log an added row inside the transaction. */
int store_log_added(struct store *s, int64_t meeting, const char *what, int64_t id,
		    const char *text, char **cause)
{
	char *w = xasprintf("%s %lld: added", what, (long long)id);
	int rc = store_log_change(s, meeting, w, NULL, text, cause);
	free(w);
	return rc;
}

/* ==== the live screen's additions ==== */

/* Log a live addition: only once the meeting is closed (store_write.h). */
int store_log_live_addition(struct store *s, int64_t meeting, enum meeting_status st,
			    const char *what, const char *value, char **cause)
{
	if (st != MS_CLOSED)
		return 0;
	return store_log_change(s, meeting, what, NULL, value, cause);
}

/* "note is empty", as a whole sentence a translation can word. */
static int empty_cause(const char *what, char **cause)
{
	if (str_eq(what, "note"))
		return set_cause(cause, "%s", _("note is empty"));
	if (str_eq(what, "proposal"))
		return set_cause(cause, "%s", _("proposal is empty"));
	if (str_eq(what, "directive"))
		return set_cause(cause, "%s", _("directive is empty"));
	if (str_eq(what, "conclusion"))
		return set_cause(cause, "%s", _("conclusion is empty"));
	return set_cause(cause, _("%s is empty"), change_object_word(what));
}

/* NFC, trimmed copy of a required text; "what: empty" if blank. */
int store_required_text(const char *what, const char *in, char **out, char **cause)
{
	*out = NULL;
	if (!in)
		return empty_cause(what, cause);
	if (db_text(what, in, out, cause) < 0)
		return -1;
	text_trim(*out);
	if (**out == '\0') {
		free(*out);
		*out = NULL;
		return empty_cause(what, cause);
	}
	return 0;
}

/* NFC, trimmed copy of an optional text; NULL when blank. */
int store_optional_text(const char *what, const char *in, char **out, char **cause)
{
	*out = NULL;
	if (!in)
		return 0;
	if (db_text(what, in, out, cause) < 0)
		return -1;
	text_trim(*out);
	if (**out == '\0') {
		free(*out);
		*out = NULL;
	}
	return 0;
}
