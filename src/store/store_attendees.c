/* store_attendees.c - the attendees table: its reader, its one inserter
 * and one updater, and every write to it: the edit screen's (store_edit.h)
 * and the live screen's late arrival (store_live.h). */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_edit.h"
#include "store_live.h"
#include "store_review.h"
#include "store_rows.h"
#include "store_write.h"
#include "text.h"
#include "util.h"

/* ==== the table ==== */

void store_row_attendee(sqlite3_stmt *st, int col, struct attendee *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, col);
	a->name = db_col_text(st, col + 1);
	a->title = db_col_text(st, col + 2);
	a->unit = db_col_text(st, col + 3);
	a->role = (enum role)store_col_enum(st, col + 4, role_parse, ROLE_DELEGATE);
	a->presence = (enum presence)store_col_enum(st, col + 5, presence_parse, PRES_PRESENT);
	a->reason = db_col_text(st, col + 6);
	a->arrived_at = db_col_text(st, col + 7);
	a->substitute_for = db_col_text(st, col + 8);
}

int attendees_read(struct store *s, int64_t meeting, struct attendee **out, size_t *n, char **cause)
{
	sqlite3_stmt *st = db_prep(s,
				   "SELECT " STORE_ATTENDEE_COLS " FROM attendees"
				   " WHERE meeting_id = ?1 ORDER BY position, id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		store_row_attendee(st, 0, &(*out)[(*n)++]);
	}
	return r;
}

int attendee_insert(struct store *s, int64_t meeting, int64_t pos, const struct attendee *a,
		    int64_t person, int64_t *id, char **cause)
{
	static const char *const names[] = {"name",   "title",	    "unit",
					    "reason", "arrived_at", "substitute_for"};
	const char *in[] = {a->name,   a->title,      a->unit,
			    a->reason, a->arrived_at, a->substitute_for};
	char *v[6];
	if (db_texts(names, in, v, 6, cause) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(
	    s,
	    "INSERT INTO attendees(meeting_id, position, person_id, name, title, unit, role,"
	    " presence, reason, arrived_at, substitute_for) VALUES (?1, coalesce(?2,"
	    " (SELECT coalesce(max(position) + 1, 0) FROM attendees WHERE meeting_id = ?1)),"
	    " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	    cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, meeting);
		if (pos != STORE_APPEND)
			db_bind_int(st, 2, pos);
		db_bind_id(st, 3, person);
		db_bind_text(st, 4, v[0] ? v[0] : "");
		db_bind_text(st, 5, v[1]);
		db_bind_text(st, 6, v[2]);
		db_bind_text(st, 7, role_name(a->role));
		db_bind_text(st, 8, presence_name(a->presence));
		db_bind_text(st, 9, v[3]);
		db_bind_text(st, 10, v[4]);
		db_bind_text(st, 11, v[5]);
		rc = db_insert(s, st, id, cause);
	}
	db_texts_free(v, 6);
	return rc;
}

int attendee_update(struct store *s, int64_t id, int col, const char *text, int64_t num,
		    char **cause)
{
	static const char *const sql[] = {
	    [AC_NAME] = "UPDATE attendees SET name = ?2 WHERE id = ?1",
	    [AC_TITLE] = "UPDATE attendees SET title = ?2 WHERE id = ?1",
	    [AC_UNIT] = "UPDATE attendees SET unit = ?2 WHERE id = ?1",
	    [AC_SUBSTITUTE_FOR] = "UPDATE attendees SET substitute_for = ?2 WHERE id = ?1",
	    [AC_REASON] = "UPDATE attendees SET reason = ?2 WHERE id = ?1",
	    [AC_ARRIVED_AT] = "UPDATE attendees SET arrived_at = ?2 WHERE id = ?1",
	    [AC_ROLE] = "UPDATE attendees SET role = ?2 WHERE id = ?1",
	    [AC_PRESENCE] = "UPDATE attendees SET presence = ?2 WHERE id = ?1",
	    [AC_POSITION] = "UPDATE attendees SET position = ?3 WHERE id = ?1",
	};
	return DB_UPDATE_COL(s, "attendees", sql, id, col, text, num, cause);
}

/* Presence, arrival and reason together (each may be NULL but presence). */
static int update_presence(struct store *s, int64_t id, const char *presence, const char *arrived,
			   const char *reason, char **cause)
{
	if (attendee_update(s, id, AC_PRESENCE, presence, 0, cause) < 0 ||
	    attendee_update(s, id, AC_ARRIVED_AT, arrived, 0, cause) < 0)
		return -1;
	return attendee_update(s, id, AC_REASON, reason, 0, cause);
}

/* ==== edits (store_edit.h) ==== */

/* Where a guest added by hand goes: the attendance is listed by rank, and
 * guests (invited leaders of other bodies, mostly) come before the host's
 * staff and the units' delegates: after the last guest, or first but for
 * the chair (whom the minutes name apart). A stand-in goes right after the
 * one they stand in for, in their unit's place. The rows from there on
 * move down one; the secretary may move any row. 0 with *pos, or
 * STORE_APPEND when neither applies. */
static int added_position(struct store *s, int64_t meeting, const struct attendee *a,
			  int64_t *pos, char **cause)
{
	*pos = STORE_APPEND;
	sqlite3_stmt *st;
	if (!str_empty(a->substitute_for)) {
		st = db_prep(s,
			     "SELECT position + 1 FROM attendees WHERE meeting_id = ?1 AND name = ?2"
			     " ORDER BY position LIMIT 1",
			     cause);
		if (!st)
			return -1;
		db_bind_int(st, 1, meeting);
		db_bind_text(st, 2, a->substitute_for);
	} else if (a->role == ROLE_GUEST) {
		st = db_prep(s,
			     "SELECT coalesce((SELECT max(position) + 1 FROM attendees"
			     " WHERE meeting_id = ?1 AND role = 'guest'), (SELECT min(position)"
			     " FROM attendees WHERE meeting_id = ?1 AND role <> 'chair'), 0)",
			     cause);
		if (!st)
			return -1;
		db_bind_int(st, 1, meeting);
	} else {
		return 0;
	}
	int64_t at;
	int r = db_id(s, st, &at, cause);
	if (r <= 0) /* the one stood in for is not on the list: at the end */
		return r;
	*pos = at;
	st = db_prep(s,
		     "UPDATE attendees SET position = position + 1 WHERE meeting_id = ?1"
		     " AND position >= ?2",
		     cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_int(st, 2, at);
	return db_done(s, st, cause);
}

/* A hand-typed or directory attendee: name required, trimmed; role,
 * presence and substitute as given (no reason or arrival yet). */
static int add_row(struct store *s, int64_t meeting, const struct attendee *a, int64_t person,
		   int64_t *id, char **cause)
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
	struct attendee row = {.name = v[0],
			       .title = v[1],
			       .unit = v[2],
			       .substitute_for = v[3],
			       .role = a->role,
			       .presence = a->presence};
	int64_t aid, pos;
	if (added_position(s, meeting, &row, &pos, cause) < 0)
		goto out;
	if (attendee_insert(s, meeting, pos, &row, person, &aid, cause) < 0)
		goto out;
	if (id)
		*id = aid;
	rc = store_log_added(s, meeting, "attendee", aid, v[0], cause);
out:
	for (int i = 0; i < 4; i++)
		free(v[i]);
	return rc;
}

int store_attendee_add(struct store *s, int64_t meeting, const struct attendee *a, int64_t *id,
		       char **cause)
{
	if (store_write_begin(s, meeting, NULL, cause) < 0)
		return -1;
	int rc = add_row(s, meeting, a, 0, id, cause);
	return store_write_end(s, meeting, rc, cause);
}

/* The same person is on a meeting's list once: refused when an attendee
 * of the meeting is that person of the directory, or has their name and
 * unit (an earlier meeting's attendee, or one typed by hand). 0, or -1
 * with *cause naming the row. */
static int already_listed(struct store *s, int64_t meeting, int64_t person,
			  const struct attendee *a, char **cause)
{
	sqlite3_stmt *st = db_prep(
	    s,
	    "SELECT (SELECT count(*) FROM attendees b WHERE b.meeting_id = ?1"
	    "  AND (b.position < x.position OR (b.position = x.position AND b.id <= x.id)))"
	    " FROM attendees x WHERE x.meeting_id = ?1"
	    " AND ((?2 > 0 AND x.person_id = ?2) OR (x.name = ?3 AND x.unit IS ?4))"
	    " ORDER BY x.position, x.id LIMIT 1",
	    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_int(st, 2, person);
	db_bind_text(st, 3, a->name);
	db_bind_text(st, 4, a->unit);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	int rc = 0;
	if (r == 1)
		rc = set_cause(cause, _("%s is already on the list (row %lld)"), a->name,
			       (long long)sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return rc;
}

int store_attendee_add_person(struct store *s, int64_t meeting, int64_t person, int64_t *id,
			      char **cause)
{
	if (store_write_begin(s, meeting, NULL, cause) < 0)
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
			rc = already_listed(s, meeting, person > 0 ? person : 0, &a, cause);
			if (rc == 0)
				rc = add_row(s, meeting, &a, person > 0 ? person : 0, id, cause);
			free(a.name);
			free(a.title);
			free(a.unit);
		}
	}
	return store_write_end(s, meeting, rc, cause);
}

int store_attendee_name(struct store *s, int64_t id, char **name, char **cause)
{
	*name = NULL;
	sqlite3_stmt *st = db_prep(s, "SELECT name FROM attendees WHERE id = ?1", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int r = db_row(s, st, cause);
	if (r == 1)
		*name = db_col_text(st, 0);
	sqlite3_reset(st);
	if (r == 0)
		return set_cause(cause, _("no attendee with id %lld"), (long long)id);
	return r < 0 ? -1 : 0;
}

/* The previous meeting's attendees, each afresh from the directory (by
 * person id, else by name) or as recorded there; guests are not taken,
 * nor those who stood in for someone that once (the one they stood in
 * for is: their row, or, when the list did not hold them, their name
 * with the stand-in's unit, so that the unit is not lost), nor a second
 * chair or secretary (then a delegate). */
#define PREVIOUS_ATTENDEES                                                                         \
	"SELECT coalesce(p.id, q.id, 0), coalesce(p.name, q.name, a.name),"                        \
	" CASE WHEN coalesce(p.id, q.id) IS NULL THEN a.title ELSE coalesce(p.title, q.title) "    \
	"END,"                                                                                     \
	" CASE WHEN coalesce(p.id, q.id) IS NULL THEN a.unit"                                      \
	"  ELSE (SELECT name FROM units WHERE id = coalesce(p.unit_id, q.unit_id)) END,"           \
	" CASE WHEN a.role IN ('chair', 'secretary') AND EXISTS (SELECT 1 FROM attendees b"        \
	"  WHERE b.meeting_id = ?2 AND b.role = a.role) THEN 'delegate' ELSE a.role END"           \
	" FROM (SELECT id, position, role, person_id, name, title, unit FROM attendees"            \
	"  WHERE meeting_id = ?1 AND role <> 'guest' AND coalesce(substitute_for, '') = ''"        \
	"  UNION ALL SELECT x.id, x.position, x.role, NULL, x.substitute_for, NULL, x.unit"        \
	"  FROM attendees x WHERE x.meeting_id = ?1 AND x.role <> 'guest'"                         \
	"  AND coalesce(x.substitute_for, '') <> '' AND NOT EXISTS (SELECT 1 FROM attendees y"     \
	"   WHERE y.meeting_id = ?1 AND y.name = x.substitute_for)) a"                             \
	" LEFT JOIN people p ON p.id = a.person_id"                                                \
	" LEFT JOIN people q ON a.person_id IS NULL AND q.id ="                                    \
	"  (SELECT min(id) FROM people WHERE name = a.name)"                                       \
	" WHERE NOT EXISTS (SELECT 1 FROM attendees b WHERE b.meeting_id = ?2"                     \
	"  AND b.name = coalesce(p.name, q.name, a.name))"                                         \
	" ORDER BY a.position, a.id"

int store_attendees_from_previous(struct store *s, int64_t meeting, int64_t *prev, size_t *added,
				  char **cause)
{
	*added = 0;
	*prev = 0;
	if (store_write_begin(s, meeting, NULL, cause) < 0)
		return -1;
	int rc = store_meeting_previous(s, meeting, prev, cause);
	if (rc <= 0) {
		if (rc == 0)
			rc = set_cause(
			    cause, "%s",
			    _("no earlier meeting of this cluster to take the list from"));
		return store_write_end(s, meeting, -1, cause);
	}
	sqlite3_stmt *st = db_prep(s, PREVIOUS_ATTENDEES, cause);
	rc = st ? 0 : -1;
	struct attendee *list = NULL;
	int64_t *person = NULL;
	size_t n = 0;
	if (st) {
		db_bind_int(st, 1, *prev);
		db_bind_int(st, 2, meeting);
		int r;
		while ((r = db_row(s, st, cause)) == 1) {
			list = xreallocarray(list, n + 1, sizeof *list);
			person = xreallocarray(person, n + 1, sizeof *person);
			person[n] = sqlite3_column_int64(st, 0);
			list[n] = (struct attendee){.name = db_col_text(st, 1),
						    .title = db_col_text(st, 2),
						    .unit = db_col_text(st, 3),
						    .presence = PRES_PRESENT};
			char *role = db_col_text(st, 4);
			list[n].role = ROLE_DELEGATE;
			for (int k = 0; k < ROLE__COUNT; k++)
				if (str_eq(role, role_name((enum role)k)))
					list[n].role = (enum role)k;
			free(role);
			n++;
		}
		rc = r < 0 ? -1 : 0;
	}
	/* Inserted after the read (the statement is done): the list, in order. */
	for (size_t i = 0; i < n; i++) {
		int64_t id;
		if (rc == 0 && add_row(s, meeting, &list[i], person[i], &id, cause) == 0)
			(*added)++;
		else
			rc = -1;
		free(list[i].name);
		free(list[i].title);
		free(list[i].unit);
	}
	free(list);
	free(person);
	return store_write_end(s, meeting, rc, cause);
}

/* A late arrival comes while the meeting runs: an arrival time (ISO
 * minute) before its start, or after its end when it has one, is
 * refused, saying both times. 0, or -1 with *cause. Also the follow hook
 * of the arrival field (id and old unused). */
static int arrival_in_meeting(struct store *s, int64_t meeting, int64_t id, const char *old,
			      const char *arrived, char **cause)
{
	(void)id;
	(void)old;
	if (!arrived)
		return 0;
	sqlite3_stmt *st =
	    db_prep(s, "SELECT starts_at, ends_at FROM meetings WHERE id = ?1", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	char *start = r == 1 ? db_col_text(st, 0) : NULL;
	char *end = r == 1 ? db_col_text(st, 1) : NULL;
	sqlite3_reset(st);
	int rc = 0;
	/* "YYYY-MM-DDTHH:MM" compared as text; shown as HH:MM. A start or end
	 * without a time (a day alone) sorts before every minute of its day,
	 * and an end of that kind is not checked. */
#define HHMM(t) (int)(strlen(t) >= 16 ? 5 : strlen(t)), (strlen(t) >= 16 ? (t) + 11 : (t))
	if (start && strncmp(arrived, start, 16) < 0)
		rc = set_cause(cause,
			       _("%.*s is before the meeting started (%.*s): a late arrival comes "
				 "after it"),
			       HHMM(arrived), HHMM(start));
	else if (end && strlen(end) >= 16 && strncmp(arrived, end, 16) > 0)
		rc = set_cause(cause,
			       _("%.*s is after the meeting ended (%.*s): a late arrival comes "
				 "before it"),
			       HHMM(arrived), HHMM(end));
#undef HHMM
	free(start);
	free(end);
	return rc;
}

#define ATT_GET(col) "SELECT meeting_id, " col " FROM attendees WHERE id = ?1"
static const struct column attendee_cols[ATF__COUNT] = {
    [ATF_NAME] = {"attendee", "name", CK_REQUIRED, ATT_GET("name"), attendee_update, AC_NAME},
    [ATF_TITLE] = {"attendee", "title", CK_TEXT, ATT_GET("title"), attendee_update, AC_TITLE},
    [ATF_UNIT] = {"attendee", "unit", CK_TEXT, ATT_GET("unit"), attendee_update, AC_UNIT},
    [ATF_SUBSTITUTE_FOR] = {"attendee", "substitute_for", CK_TEXT, ATT_GET("substitute_for"),
			    attendee_update, AC_SUBSTITUTE_FOR},
    [ATF_REASON] = {"attendee", "reason", CK_TEXT, ATT_GET("reason"), attendee_update, AC_REASON},
    [ATF_ARRIVED_AT] = {"attendee", "arrived_at", CK_TIME, ATT_GET("arrived_at"), attendee_update,
			AC_ARRIVED_AT, arrival_in_meeting},
};

int store_attendee_set(struct store *s, int64_t id, enum attendee_field f, const char *value,
		       char **cause)
{
	if ((unsigned)f >= ATF__COUNT)
		return set_cause(cause, _("unknown attendee field"));
	return store_set_column(s, &attendee_cols[f], id, value, cause);
}

static const struct column attendee_role_col = {
    "attendee", "role", CK_REQUIRED, ATT_GET("role"), attendee_update, AC_ROLE, NULL};

/* The other attendee of the same meeting who holds role r, allocated, or
 * NULL (none, or an error: then *cause is set and -1 returned in *rc). */
static char *role_holder(struct store *s, int64_t id, enum role r, int *rc, char **cause)
{
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT o.name FROM attendees a JOIN attendees o"
		    " ON o.meeting_id = a.meeting_id AND o.id <> a.id"
		    " WHERE a.id = ?1 AND o.role = ?2 ORDER BY o.position, o.id LIMIT 1",
		    cause);
	*rc = st ? 0 : -1;
	if (!st)
		return NULL;
	db_bind_id(st, 1, id);
	db_bind_text(st, 2, role_name(r));
	char *name = NULL;
	int got = db_row(s, st, cause);
	if (got > 0)
		name = db_col_text(st, 0);
	else if (got < 0)
		*rc = -1;
	sqlite3_reset(st);
	return name;
}

int store_attendee_set_role(struct store *s, int64_t id, enum role r, char **cause)
{
	if ((unsigned)r >= ROLE__COUNT)
		return set_cause(cause, _("unknown role"));
	if (r == ROLE_CHAIR || r == ROLE_SECRETARY) {
		/* One chair and one secretary sign the minutes. */
		int rc;
		char *who = role_holder(s, id, r, &rc, cause);
		if (rc < 0)
			return -1;
		if (who) {
			rc = set_cause(
			    cause,
			    r == ROLE_CHAIR
				? _("%s already chairs this meeting: give them another "
				    "role first")
				: _("%s is already the secretary of this meeting: give them "
				    "another role first"),
			    who);
			free(who);
			return rc;
		}
	}
	return store_set_column(s, &attendee_role_col, id, role_name(r), cause);
}

int store_attendee_set_presence(struct store *s, int64_t id, enum presence p, const char *detail,
				char **cause)
{
	if ((unsigned)p >= PRES__COUNT)
		return set_cause(cause, _("unknown presence"));
	int64_t meeting;
	if (store_begin(s, cause) < 0)
		return -1;
	if (store_row_meeting(s, "SELECT meeting_id FROM attendees WHERE id = ?1", id, "attendee",
			      &meeting, cause) < 0 ||
	    store_meeting_writable(s, meeting, NULL, cause) < 0) {
		store_rollback(s);
		return -1;
	}
	char *arrived = NULL, *reason = NULL, *old = NULL;
	int rc = 0;
	if (p == PRES_LATE) {
		if (str_empty(detail)) {
			char now[17];
			now_iso_minute(now);
			arrived = xstrdup(now);
		} else if (!(arrived = store_meeting_time(s, meeting, detail, cause))) {
			rc = -1;
		}
		if (rc == 0)
			rc = arrival_in_meeting(s, meeting, id, NULL, arrived, cause);
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
	if (rc == 0)
		rc = update_presence(s, id, presence_name(p), arrived, reason, cause);
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
	return store_write_end(s, meeting, rc, cause);
}

int store_attendee_delete(struct store *s, int64_t id, char **cause)
{
	return store_delete_row(s, "attendee",
				"SELECT meeting_id, name FROM attendees WHERE id = ?1",
				"DELETE FROM attendees WHERE id = ?1", id, cause);
}

static const struct order attendee_order = {
    "attendee", "SELECT meeting_id, meeting_id FROM attendees WHERE id = ?1",
    "SELECT id FROM attendees WHERE meeting_id = ?1 ORDER BY position, id", attendee_update,
    AC_POSITION};

int store_attendee_move(struct store *s, int64_t id, int delta, char **cause)
{
	return store_move_row(s, &attendee_order, id, delta, cause);
}

/* ==== the live screen (store_live.h) ==== */

static int valid_minute(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd";
	if (strlen(s) != 16)
		return 0;
	for (size_t i = 0; i < 16; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	return 1;
}

int store_live_late(struct store *s, int64_t attendee, const char *at, char **cause)
{
	char now[17];
	if (!at) {
		now_iso_minute(now);
		at = now;
	} else if (!valid_minute(at)) {
		return set_cause(cause, _("arrival time must look like 2023-04-12T08:15"));
	}
	if (store_begin(s, cause) < 0)
		return -1;
	sqlite3_stmt *st =
	    db_prep(s, "SELECT meeting_id, name, presence FROM attendees WHERE id = ?1", cause);
	int rc = st ? 0 : -1;
	int64_t meeting = 0;
	char *name = NULL, *presence = NULL;
	if (st) {
		db_bind_int(st, 1, attendee);
		int r = db_row(s, st, cause);
		if (r == 0)
			rc = set_cause(cause, _("no attendee with id %lld"), (long long)attendee);
		else if (r < 0)
			rc = -1;
		if (r == 1) {
			meeting = sqlite3_column_int64(st, 0);
			name = db_col_text(st, 1);
			presence = db_col_text(st, 2);
			sqlite3_reset(st);
		}
	}
	if (rc == 0)
		rc = store_meeting_writable(s, meeting, NULL, cause);
	if (rc == 0) {
		char what[96], *value = xasprintf("late %s", at);
		snprintf(what, sizeof what, "attendee %lld presence", (long long)attendee);
		rc = store_log_change(s, meeting, what, presence, value, cause);
		free(value);
	}
	/* Here after all: an excuse or the reason of an absence no longer
	 * holds (the attendees tab's l clears it too). */
	if (rc == 0)
		rc = update_presence(s, attendee, "late", at, NULL, cause);
	free(name);
	free(presence);
	return store_write_end(s, meeting, rc, cause);
}
