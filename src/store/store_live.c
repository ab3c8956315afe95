/* store_live.c - live note taking: meeting progress, notes, corrections,
 * late arrivals, captured proposals and directives, and drafts. Additions
 * while the meeting is live are the recording itself and are not logged;
 * corrections (note edit/delete) are logged once the meeting left draft,
 * and additions to a closed meeting are logged too. */
#include "store_live.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_edit.h"
#include "store_review.h"
#include "store_rows.h"
#include "text.h"
#include "util.h"

/* ==== helpers ==== */

/* Finish a write: commit, or roll back and keep the first cause. */
static int finish(struct store *s, int rc, char **cause)
{
	if (rc < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

/* The current item of a meeting by the rule in store_live.h; *item = 0 if
 * the meeting has no item. */
static int current_item(struct store *s, int64_t meeting, int64_t *item, char **cause)
{
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT id FROM agenda_items WHERE meeting_id = ?1 ORDER BY"
		    " CASE WHEN started_at IS NOT NULL AND ended_at IS NULL THEN 0"
		    "      WHEN started_at IS NULL THEN 1 ELSE 2 END,"
		    " CASE WHEN started_at IS NOT NULL AND ended_at IS NULL THEN -position"
		    "      WHEN started_at IS NULL THEN position ELSE -position END,"
		    " id LIMIT 1",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	*item = r ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return 0;
}

/* 0 if the item belongs to the meeting, else -1 with cause. */
static int item_of(struct store *s, int64_t meeting, int64_t item, char **cause)
{
	sqlite3_stmt *st = db_prep(s, "SELECT meeting_id FROM agenda_items WHERE id = ?1", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, item);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	int64_t m = r ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (m != meeting)
		return set_cause(cause, _("no agenda item %lld in meeting %lld"), (long long)item,
				 (long long)meeting);
	return 0;
}

/* Log an addition: only once the meeting is closed (see the top). */
static int log_addition(struct store *s, int64_t meeting, enum meeting_status st, const char *what,
			const char *value, char **cause)
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
	return set_cause(cause, "%s is empty", what);
}

/* NFC, trimmed copy of a required text; "what: empty" if blank. */
static int required_text(const char *what, const char *in, char **out, char **cause)
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
static int optional_text(const char *what, const char *in, char **out, char **cause)
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

/* ==== loading ==== */

void live_meeting_free(struct live_meeting *m)
{
	if (!m)
		return;
	free(m->title);
	free(m->starts_at);
	free(m->ends_at);
	for (size_t i = 0; i < m->n_items; i++) {
		free(m->items[i].title);
		free(m->items[i].presenter);
		free(m->items[i].started_at);
		free(m->items[i].ended_at);
	}
	free(m->items);
	for (size_t i = 0; i < m->n_attendees; i++)
		attendee_clear(&m->attendees[i]);
	free(m->attendees);
	for (size_t i = 0; i < m->n_units; i++)
		free(m->units[i]);
	free(m->units);
	free(m);
}

static void add_unit(struct live_meeting *m, const char *u)
{
	if (str_empty(u))
		return;
	for (size_t i = 0; i < m->n_units; i++)
		if (strcmp(m->units[i], u) == 0)
			return;
	m->units = xreallocarray(m->units, m->n_units + 1, sizeof *m->units);
	m->units[m->n_units++] = xstrdup(u);
}

static int load_items(struct store *s, struct live_meeting *m, char **cause)
{
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT a.id, a.title, a.presenter, a.started_at, a.ended_at,"
		    " (SELECT count(*) FROM notes n WHERE n.item_id = a.id)"
		    " FROM agenda_items a WHERE a.meeting_id = ?1 ORDER BY a.position, a.id",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		m->items = xreallocarray(m->items, m->n_items + 1, sizeof *m->items);
		struct live_item *it = &m->items[m->n_items++];
		it->id = sqlite3_column_int64(st, 0);
		it->title = db_col_text(st, 1);
		it->presenter = db_col_text(st, 2);
		it->started_at = db_col_text(st, 3);
		it->ended_at = db_col_text(st, 4);
		it->n_notes = sqlite3_column_int(st, 5);
	}
	if (r < 0)
		return -1;
	int64_t cur;
	if (current_item(s, m->id, &cur, cause) < 0)
		return -1;
	for (size_t i = 0; i < m->n_items; i++)
		if (m->items[i].id == cur)
			m->current = i;
	return 0;
}

static int load_people(struct store *s, struct live_meeting *m, char **cause)
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
		struct attendee *a = &m->attendees[m->n_attendees++];
		store_row_attendee(st, 0, a);
		add_unit(m, a->unit);
	}
	if (r < 0)
		return -1;
	st = db_prep(s,
		     "SELECT u.name FROM units u JOIN meetings m ON u.cluster_id = m.cluster_id"
		     " WHERE m.id = ?1 ORDER BY u.position, u.id",
		     cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	while ((r = db_row(s, st, cause)) == 1)
		add_unit(m, (const char *)sqlite3_column_text(st, 0));
	return r;
}

int store_live_load(struct store *s, int64_t meeting, struct live_meeting **out, char **cause)
{
	*out = NULL;
	sqlite3_stmt *st = db_prep(
	    s, "SELECT title, status, starts_at, ends_at FROM meetings WHERE id = ?1", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	if (r == 0)
		return set_cause(cause, _("no meeting with id %lld"), (long long)meeting);
	struct live_meeting *m = xcalloc(1, sizeof *m);
	m->id = meeting;
	m->title = db_col_text(st, 0);
	m->status = store_col_meeting_status(st, 1);
	m->starts_at = db_col_text(st, 2);
	m->ends_at = db_col_text(st, 3);
	sqlite3_reset(st);
	if (load_items(s, m, cause) < 0 || load_people(s, m, cause) < 0) {
		live_meeting_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

void live_notes_free(struct note *notes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(notes[i].at);
		free(notes[i].speaker);
		free(notes[i].text);
	}
	free(notes);
}

int store_live_notes(struct store *s, int64_t item, int limit, struct note **notes, size_t *n,
		     char **cause)
{
	*notes = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prep(s,
				   "SELECT id, at, speaker, kind, text FROM"
				   " (SELECT id, at, speaker, kind, text, position FROM notes"
				   "  WHERE item_id = ?1 ORDER BY position DESC, id DESC LIMIT ?2)"
				   " ORDER BY position, id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, item);
	db_bind_int(st, 2, limit > 0 ? limit : -1);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*notes = xreallocarray(*notes, *n + 1, sizeof **notes);
		struct note *no = &(*notes)[(*n)++];
		no->id = sqlite3_column_int64(st, 0);
		no->at = db_col_text(st, 1);
		no->speaker = db_col_text(st, 2);
		no->kind = store_col_note_kind(st, 3);
		no->text = db_col_text(st, 4);
	}
	if (r < 0) {
		live_notes_free(*notes, *n);
		*notes = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* ==== progress ==== */

/* Stamp the item (0: the current one) started if it never was. */
static int start_item(struct store *s, int64_t meeting, int64_t item, const char *now, char **cause)
{
	if (item && item_of(s, meeting, item, cause) < 0)
		return -1;
	if (!item && current_item(s, meeting, &item, cause) < 0)
		return -1;
	if (!item)
		return 0;
	sqlite3_stmt *st = db_prep(
	    s, "UPDATE agenda_items SET started_at = ?2 WHERE id = ?1 AND started_at IS NULL",
	    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, item);
	db_bind_text(st, 2, now);
	return db_done(s, st, cause);
}

int store_live_start(struct store *s, int64_t meeting, int64_t item, char **cause)
{
	enum meeting_status ms;
	char now[17];
	now_iso_minute(now);
	if (store_begin(s, cause) < 0)
		return -1;
	int rc = store_meeting_writable(s, meeting, &ms, cause);
	if (rc == 0 && ms == MS_DRAFT)
		rc = store_meeting_set_status(s, meeting, MS_LIVE, NULL, cause);
	if (rc == 0 && ms == MS_DRAFT) {
		sqlite3_stmt *st =
		    db_prep(s, "UPDATE meetings SET starts_at = ?2 WHERE id = ?1", cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, meeting);
			db_bind_text(st, 2, now);
			rc = db_done(s, st, cause);
		}
		ms = MS_LIVE;
	}
	if (rc == 0 && ms == MS_LIVE)
		rc = start_item(s, meeting, item, now, cause);
	return finish(s, rc, cause);
}

int store_live_move(struct store *s, int64_t meeting, int64_t from, int64_t to, char **cause)
{
	enum meeting_status ms;
	char now[17];
	now_iso_minute(now);
	if (store_begin(s, cause) < 0)
		return -1;
	int rc = store_meeting_writable(s, meeting, &ms, cause);
	if (rc == 0 && from)
		rc = item_of(s, meeting, from, cause);
	if (rc == 0)
		rc = item_of(s, meeting, to, cause);
	if (rc == 0 && ms == MS_LIVE && from != to) {
		sqlite3_stmt *st = NULL;
		if (from) {
			st = db_prep(s, "UPDATE agenda_items SET ended_at = ?2 WHERE id = ?1",
				     cause);
			rc = st ? 0 : -1;
			if (st) {
				db_bind_int(st, 1, from);
				db_bind_text(st, 2, now);
				rc = db_done(s, st, cause);
			}
		}
		if (rc == 0) {
			st =
			    db_prep(s,
				    "UPDATE agenda_items SET started_at = coalesce(started_at, ?2),"
				    " ended_at = NULL WHERE id = ?1",
				    cause);
			rc = st ? 0 : -1;
			if (st) {
				db_bind_int(st, 1, to);
				db_bind_text(st, 2, now);
				rc = db_done(s, st, cause);
			}
		}
	}
	return finish(s, rc, cause);
}

int store_live_end(struct store *s, int64_t meeting, char **cause)
{
	enum meeting_status ms;
	char now[17];
	now_iso_minute(now);
	if (store_begin(s, cause) < 0)
		return -1;
	int rc = store_meeting_writable(s, meeting, &ms, cause);
	if (rc == 0 && ms != MS_LIVE)
		rc = set_cause(cause, _("meeting %lld is %s, not live"), (long long)meeting,
			       store_status_word(ms));
	if (rc == 0)
		rc = store_meeting_set_status(s, meeting, MS_CLOSED, NULL, cause);
	if (rc == 0) {
		sqlite3_stmt *st =
		    db_prep(s,
			    "UPDATE agenda_items SET ended_at = ?2 WHERE meeting_id ="
			    " ?1 AND started_at IS NOT NULL AND ended_at IS NULL",
			    cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, meeting);
			db_bind_text(st, 2, now);
			rc = db_done(s, st, cause);
		}
	}
	if (rc == 0) {
		sqlite3_stmt *st =
		    db_prep(s, "UPDATE meetings SET ends_at = ?2 WHERE id = ?1", cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, meeting);
			db_bind_text(st, 2, now);
			rc = db_done(s, st, cause);
		}
	}
	return finish(s, rc, cause);
}

/* ==== notes ==== */

/* The item for a new note: the given one (checked), else the current
 * one, else a new LIVE_DEFAULT_ITEM. */
static int note_item(struct store *s, int64_t meeting, enum meeting_status ms, int64_t want,
		     const char *now, int64_t *item, char **cause)
{
	if (want) {
		*item = want;
		return item_of(s, meeting, want, cause);
	}
	if (current_item(s, meeting, item, cause) < 0)
		return -1;
	if (*item)
		return 0;
	sqlite3_stmt *st =
	    db_prep(s,
		    "INSERT INTO agenda_items(meeting_id, position, title, started_at)"
		    " VALUES (?1, 0, ?2, ?3)",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_text(st, 2, LIVE_DEFAULT_ITEM);
	db_bind_text(st, 3, ms == MS_LIVE ? now : NULL);
	if (db_done(s, st, cause) < 0)
		return -1;
	*item = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static int clear_draft_text(struct store *s, int64_t meeting, char **cause)
{
	char now[20];
	now_iso_second(now);
	sqlite3_stmt *st = db_prep(s,
				   "UPDATE drafts SET text = '', updated_at = ?3"
				   " WHERE meeting_id = ?1 AND author = ?2",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_text(st, 2, store_user());
	db_bind_text(st, 3, now);
	return db_done(s, st, cause);
}

int store_live_note_add(struct store *s, int64_t meeting, const struct live_note *n,
			int clear_draft, int64_t *id, int64_t *item, char **cause)
{
	char *text = NULL, *speaker = NULL;
	char now[17];
	now_iso_minute(now);
	if (required_text("note", n->text, &text, cause) < 0 ||
	    optional_text("speaker", n->speaker, &speaker, cause) < 0) {
		free(text);
		return -1;
	}
	if (store_begin(s, cause) < 0) {
		free(text);
		free(speaker);
		return -1;
	}
	enum meeting_status ms;
	int64_t it = 0;
	int rc = store_meeting_writable(s, meeting, &ms, cause);
	if (rc == 0)
		rc = note_item(s, meeting, ms, n->item, now, &it, cause);
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(
		    s,
		    "INSERT INTO notes(meeting_id, item_id, position, at, speaker, kind, text)"
		    " VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM notes"
		    " WHERE item_id = ?2), ?3, ?4, ?5, ?6)",
		    cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, meeting);
			db_bind_int(st, 2, it);
			db_bind_text(st, 3, now);
			db_bind_text(st, 4, speaker);
			db_bind_text(st, 5, note_kind_name(n->kind));
			db_bind_text(st, 6, text);
			rc = db_done(s, st, cause);
		}
	}
	int64_t nid = rc == 0 ? sqlite3_last_insert_rowid(s->db) : 0;
	if (rc == 0)
		rc = log_addition(s, meeting, ms, "note added", text, cause);
	if (rc == 0 && clear_draft)
		rc = clear_draft_text(s, meeting, cause);
	free(text);
	free(speaker);
	if (finish(s, rc, cause) < 0)
		return -1;
	if (id)
		*id = nid;
	if (item)
		*item = it;
	return 0;
}

/* Meeting, speaker, kind and text of a note; -1 with cause if unknown. */
static int note_get(struct store *s, int64_t note, int64_t *meeting, struct note *out, char **cause)
{
	sqlite3_stmt *st =
	    db_prep(s, "SELECT meeting_id, speaker, kind, text FROM notes WHERE id = ?1", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, note);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	if (r == 0)
		return set_cause(cause, _("no note with id %lld"), (long long)note);
	*meeting = sqlite3_column_int64(st, 0);
	out->id = note;
	out->speaker = db_col_text(st, 1);
	out->kind = store_col_note_kind(st, 2);
	out->text = db_col_text(st, 3);
	sqlite3_reset(st);
	return 0;
}

static int log_field(struct store *s, int64_t meeting, int64_t note, const char *field,
		     const char *old_value, const char *new_value, char **cause)
{
	if (str_eq(old_value, new_value))
		return 0;
	char what[64];
	snprintf(what, sizeof what, "note %lld %s", (long long)note, field);
	return store_log_change(s, meeting, what, old_value, new_value, cause);
}

int store_live_note_edit(struct store *s, int64_t note, const char *speaker, enum note_kind kind,
			 const char *text, char **cause)
{
	char *t = NULL, *sp = NULL;
	if (required_text("note", text, &t, cause) < 0 ||
	    optional_text("speaker", speaker, &sp, cause) < 0) {
		free(t);
		return -1;
	}
	if (store_begin(s, cause) < 0) {
		free(t);
		free(sp);
		return -1;
	}
	struct note old = {0};
	int64_t meeting = 0;
	int rc = note_get(s, note, &meeting, &old, cause);
	if (rc == 0)
		rc = store_meeting_writable(s, meeting, NULL, cause);
	if (rc == 0)
		rc = log_field(s, meeting, note, "speaker", old.speaker, sp, cause);
	if (rc == 0)
		rc = log_field(s, meeting, note, "kind", note_kind_name(old.kind),
			       note_kind_name(kind), cause);
	if (rc == 0)
		rc = log_field(s, meeting, note, "text", old.text, t, cause);
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(
		    s, "UPDATE notes SET speaker = ?2, kind = ?3, text = ?4 WHERE id = ?1", cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, note);
			db_bind_text(st, 2, sp);
			db_bind_text(st, 3, note_kind_name(kind));
			db_bind_text(st, 4, t);
			rc = db_done(s, st, cause);
		}
	}
	free(old.speaker);
	free(old.text);
	free(t);
	free(sp);
	return finish(s, rc, cause);
}

int store_live_note_delete(struct store *s, int64_t note, char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	struct note old = {0};
	int64_t meeting = 0;
	int rc = note_get(s, note, &meeting, &old, cause);
	if (rc == 0)
		rc = store_meeting_writable(s, meeting, NULL, cause);
	if (rc == 0) {
		char what[64];
		snprintf(what, sizeof what, "note %lld deleted", (long long)note);
		char *value = xasprintf("%s%s%s", old.speaker ? old.speaker : "",
					old.speaker ? ": " : "", old.text ? old.text : "");
		rc = store_log_change(s, meeting, what, value, NULL, cause);
		free(value);
	}
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(s, "DELETE FROM notes WHERE id = ?1", cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, note);
			rc = db_done(s, st, cause);
		}
	}
	free(old.speaker);
	free(old.text);
	return finish(s, rc, cause);
}

/* ==== people and outcomes ==== */

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
	if (rc == 0) {
		st = db_prep(
		    s, "UPDATE attendees SET presence = 'late', arrived_at = ?2 WHERE id = ?1",
		    cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, attendee);
			db_bind_text(st, 2, at);
			rc = db_done(s, st, cause);
		}
	}
	free(name);
	free(presence);
	return finish(s, rc, cause);
}

int store_live_proposal_add(struct store *s, int64_t meeting, int64_t item, const char *unit,
			    const char *text, int64_t *id, char **cause)
{
	char *t = NULL, *u = NULL;
	if (required_text("proposal", text, &t, cause) < 0 ||
	    optional_text("unit", unit, &u, cause) < 0) {
		free(t);
		return -1;
	}
	if (store_begin(s, cause) < 0) {
		free(t);
		free(u);
		return -1;
	}
	enum meeting_status ms;
	int rc = store_meeting_writable(s, meeting, &ms, cause);
	if (rc == 0 && item)
		rc = item_of(s, meeting, item, cause);
	if (rc == 0) {
		sqlite3_stmt *st =
		    db_prep(s,
			    "INSERT INTO proposals(meeting_id, item_id, position, unit, text)"
			    " VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM proposals"
			    " WHERE meeting_id = ?1), ?3, ?4)",
			    cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, meeting);
			db_bind_id(st, 2, item);
			db_bind_text(st, 3, u);
			db_bind_text(st, 4, t);
			rc = db_done(s, st, cause);
		}
	}
	if (rc == 0 && id)
		*id = sqlite3_last_insert_rowid(s->db);
	if (rc == 0)
		rc = log_addition(s, meeting, ms, "proposal added", t, cause);
	free(t);
	free(u);
	return finish(s, rc, cause);
}

int store_live_directive_add(struct store *s, int64_t meeting, const char *text, const char *owner,
			     const char *due, int64_t *id, char **cause)
{
	char *t = NULL, *o = NULL, *d = NULL;
	if (required_text("directive", text, &t, cause) < 0 ||
	    optional_text("owner", owner, &o, cause) < 0 ||
	    optional_text("due date", due, &d, cause) < 0) {
		free(t);
		free(o);
		return -1;
	}
	if (d) {
		/* The same rule as everywhere else: a real day, ISO or dd/mm/yyyy. */
		char *iso = store_parse_date(d, cause);
		free(d);
		d = iso;
		if (!d) {
			free(t);
			free(o);
			return -1;
		}
	}
	if (store_begin(s, cause) < 0) {
		free(t);
		free(o);
		free(d);
		return -1;
	}
	enum meeting_status ms;
	int rc = store_meeting_writable(s, meeting, &ms, cause);
	if (rc == 0) {
		sqlite3_stmt *st =
		    db_prep(s,
			    "INSERT INTO directives(meeting_id, position, text, owner, due)"
			    " VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM directives"
			    " WHERE meeting_id = ?1), ?2, ?3, ?4)",
			    cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, meeting);
			db_bind_text(st, 2, t);
			db_bind_text(st, 3, o);
			db_bind_text(st, 4, d);
			rc = db_done(s, st, cause);
		}
	}
	if (rc == 0 && id)
		*id = sqlite3_last_insert_rowid(s->db);
	if (rc == 0)
		rc = log_addition(s, meeting, ms, "directive added", t, cause);
	free(t);
	free(o);
	free(d);
	return finish(s, rc, cause);
}

/* ==== drafts ==== */

void live_draft_free(struct live_draft *d)
{
	if (!d)
		return;
	free(d->speaker);
	free(d->text);
	free(d->updated_at);
	memset(d, 0, sizeof *d);
}

int store_draft_save(struct store *s, int64_t meeting, int64_t item, const char *speaker,
		     enum note_kind kind, const char *text, char **cause)
{
	char *t = NULL, *sp = NULL;
	char now[20];
	now_iso_second(now);
	/* Kept as typed (only NFC), so the line comes back exactly. */
	if (db_text("draft", text ? text : "", &t, cause) < 0 ||
	    optional_text("speaker", speaker, &sp, cause) < 0) {
		free(t);
		return -1;
	}
	/* A draft is written on a timer while the secretary types: it must
	 * survive a crash or a kill -9 (the OS has it once the commit returns)
	 * but need not wait for the disk. synchronous=NORMAL in WAL mode
	 * skips the fsync; the next confirmed note (FULL) syncs it too. */
	sqlite3_stmt *sync = db_prep(s, "PRAGMA synchronous = NORMAL", cause);
	int rc = sync ? db_done(s, sync, cause) : -1;
	if (rc == 0)
		rc = store_begin(s, cause);
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(
		    s,
		    "INSERT INTO drafts(meeting_id, author, item_id, speaker, kind, text, "
		    "updated_at)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(meeting_id, author) DO UPDATE"
		    " SET item_id = excluded.item_id, speaker = excluded.speaker,"
		    " kind = excluded.kind, text = excluded.text, updated_at = excluded.updated_at",
		    cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, meeting);
			db_bind_text(st, 2, store_user());
			db_bind_id(st, 3, item);
			db_bind_text(st, 4, sp);
			db_bind_text(st, 5, note_kind_name(kind));
			db_bind_text(st, 6, t);
			db_bind_text(st, 7, now);
			rc = db_done(s, st, cause);
		}
		rc = finish(s, rc, cause);
	}
	sync = db_prep(s, "PRAGMA synchronous = FULL", NULL);
	if (sync)
		db_done(s, sync, NULL);
	free(t);
	free(sp);
	return rc;
}

int store_draft_load(struct store *s, int64_t meeting, struct live_draft *d, char **cause)
{
	memset(d, 0, sizeof *d);
	sqlite3_stmt *st = db_prep(s,
				   "SELECT item_id, speaker, kind, text, updated_at FROM drafts"
				   " WHERE meeting_id = ?1 AND author = ?2",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_text(st, 2, store_user());
	int r = db_row(s, st, cause);
	if (r != 1)
		return r;
	d->item = sqlite3_column_int64(st, 0);
	d->speaker = db_col_text(st, 1);
	d->kind = store_col_note_kind(st, 2);
	d->text = db_col_text(st, 3);
	d->updated_at = db_col_text(st, 4);
	sqlite3_reset(st);
	return 1;
}

int store_draft_clear(struct store *s, int64_t meeting, char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	sqlite3_stmt *st =
	    db_prep(s, "DELETE FROM drafts WHERE meeting_id = ?1 AND author = ?2", cause);
	int rc = st ? 0 : -1;
	if (st) {
		db_bind_int(st, 1, meeting);
		db_bind_text(st, 2, store_user());
		rc = db_done(s, st, cause);
	}
	return finish(s, rc, cause);
}
