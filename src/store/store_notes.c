/* store_notes.c - the notes table: its one inserter and one updater, and
 * every write to it: the edit screen's (store_edit.h) and the live
 * screen's timestamped notes and corrections (store_live.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_edit.h"
#include "store_live.h"
#include "store_rows.h"
#include "store_write.h"
#include "text.h"
#include "util.h"

/* ==== the table ==== */

/* The one deletion of a note, for the edit and the live screen. */
#define NOTE_DELETE "DELETE FROM notes WHERE id = ?1"

void store_row_note(sqlite3_stmt *st, int col, struct note *n)
{
	memset(n, 0, sizeof *n);
	n->id = sqlite3_column_int64(st, col);
	n->at = db_col_text(st, col + 1);
	n->speaker = db_col_text(st, col + 2);
	n->kind = store_col_note_kind(st, col + 3);
	n->text = db_col_text(st, col + 4);
	n->after_conclusions = sqlite3_column_int(st, col + 5) != 0;
}

int note_insert(struct store *s, int64_t meeting, int64_t item, int64_t pos, const struct note *n,
		int64_t *id, char **cause)
{
	static const char *const names[] = {"at", "speaker", "text"};
	const char *in[] = {n->at, n->speaker, n->text};
	char *v[3];
	if (db_texts(names, in, v, 3, cause) < 0)
		return -1;
	sqlite3_stmt *st =
	    db_prep(s,
		    "INSERT INTO notes(meeting_id, item_id, position, at, speaker,"
		    " kind, text, after_conclusions) VALUES (?1, ?2, coalesce(?3, (SELECT"
		    " coalesce(max(position) + 1, 0) FROM notes WHERE item_id = ?2)),"
		    " ?4, ?5, ?6, ?7, ?8)",
		    cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, meeting);
		db_bind_int(st, 2, item);
		if (pos != STORE_APPEND)
			db_bind_int(st, 3, pos);
		db_bind_text(st, 4, v[0]);
		db_bind_text(st, 5, v[1]);
		db_bind_text(st, 6, note_kind_name(n->kind));
		db_bind_text(st, 7, v[2] ? v[2] : "");
		db_bind_int(st, 8, n->after_conclusions != 0);
		rc = db_insert(s, st, id, cause);
	}
	db_texts_free(v, 3);
	return rc;
}

int store_after_conclusions(struct store *s, int64_t meeting)
{
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT EXISTS (SELECT 1 FROM conclusions WHERE meeting_id = ?1)"
		    " OR EXISTS (SELECT 1 FROM directives WHERE meeting_id = ?1)",
		    NULL);
	if (!st)
		return 0;
	db_bind_int(st, 1, meeting);
	int64_t yes = 0;
	if (db_id(s, st, &yes, NULL) < 0)
		return 0;
	return yes != 0;
}

int store_notes_before_conclusions(struct store *s, int64_t meeting, char **cause)
{
	sqlite3_stmt *st =
	    db_prep(s, "UPDATE notes SET after_conclusions = 0 WHERE meeting_id = ?1 AND after_conclusions",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	return db_done(s, st, cause);
}

int note_update(struct store *s, int64_t id, int col, const char *text, int64_t num, char **cause)
{
	static const char *const sql[] = {
	    [NC_AT] = "UPDATE notes SET at = ?2 WHERE id = ?1",
	    [NC_SPEAKER] = "UPDATE notes SET speaker = ?2 WHERE id = ?1",
	    [NC_KIND] = "UPDATE notes SET kind = ?2 WHERE id = ?1",
	    [NC_TEXT] = "UPDATE notes SET text = ?2 WHERE id = ?1",
	    [NC_POSITION] = "UPDATE notes SET position = ?3 WHERE id = ?1",
	    [NC_AFTER] = "UPDATE notes SET after_conclusions = CAST(?2 AS INTEGER) WHERE id = ?1",
	};
	return DB_UPDATE_COL(s, "notes", sql, id, col, text, num, cause);
}

/* ==== edits (store_edit.h) ==== */

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
	int rc = store_row_meeting(s, "SELECT meeting_id FROM agenda_items WHERE id = ?1", item,
				   "agenda item", &meeting, cause);
	if (rc < 0) {
		store_rollback(s);
		free(t);
		free(sp);
		return -1;
	}
	rc = store_meeting_writable(s, meeting, NULL, cause);
	if (rc == 0 && !str_empty(at)) {
		when = store_meeting_time(s, meeting, at, cause);
		rc = when ? 0 : -1;
	}
	int64_t nid = 0;
	if (rc == 0) {
		struct note row = {.at = when, .speaker = sp, .kind = kind, .text = t};
		rc = note_insert(s, meeting, item, STORE_APPEND, &row, &nid, cause);
	}
	if (rc == 0) {
		if (id)
			*id = nid;
		rc = store_log_added(s, meeting, "note", nid, t, cause);
	}
	free(t);
	free(sp);
	free(when);
	return store_write_end(s, meeting, rc, cause);
}

/* An answer note edited: the proposal whose answer it was, the same text,
 * takes it as edited (an answer given in a later item: doc_minutes.c). */
static int answer_note_follow(struct store *s, int64_t meeting, int64_t id, const char *old,
			      const char *v, char **cause)
{
	return store_follow_text(
	    s, meeting, id, old, v,
	    "SELECT id, answer FROM proposals WHERE meeting_id = ?1 AND trim(answer) = trim(?2)"
	    " AND EXISTS (SELECT 1 FROM notes WHERE id = ?3 AND kind = 'answer')"
	    " ORDER BY position, id LIMIT 1",
	    "proposal", "answer", proposal_update, TC_ANSWER, cause);
}

#define NOTE_GET(col) "SELECT meeting_id, " col " FROM notes WHERE id = ?1"
static const struct column note_cols[NF__COUNT] = {
    [NF_AT] = {"note", "at", CK_TIME, NOTE_GET("at"), note_update, NC_AT},
    [NF_SPEAKER] = {"note", "speaker", CK_TEXT, NOTE_GET("speaker"), note_update, NC_SPEAKER},
    [NF_KIND] = {"note", "kind", CK_KIND, NOTE_GET("kind"), note_update, NC_KIND},
    [NF_TEXT] = {"note", "text", CK_REQUIRED, NOTE_GET("text"), note_update, NC_TEXT,
		 answer_note_follow},
    [NF_AFTER_CONCLUSIONS] = {"note", "after_conclusions", CK_FLAG, NOTE_GET("after_conclusions"),
			      note_update, NC_AFTER},
};

int store_note_set(struct store *s, int64_t id, enum note_field f, const char *value, char **cause)
{
	if ((unsigned)f >= NF__COUNT)
		return set_cause(cause, _("unknown note field"));
	return store_set_column(s, &note_cols[f], id, value, cause);
}

int store_note_delete(struct store *s, int64_t id, char **cause)
{
	return store_delete_row(s, "note", NOTE_GET("text"), NOTE_DELETE, id, cause);
}

static const struct order note_order = {
    "note", "SELECT meeting_id, item_id FROM notes WHERE id = ?1",
    "SELECT id FROM notes WHERE item_id = ?1 ORDER BY position, id", note_update, NC_POSITION};

int store_note_move(struct store *s, int64_t id, int delta, char **cause)
{
	return store_move_row(s, &note_order, id, delta, cause);
}

/* ==== the live screen (store_live.h) ==== */

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
				   "SELECT " STORE_NOTE_COLS " FROM"
				   " (SELECT id, at, speaker, kind, text, after_conclusions, position"
				   "  FROM notes"
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
		store_row_note(st, 0, &(*notes)[(*n)++]);
	}
	if (r < 0) {
		live_notes_free(*notes, *n);
		*notes = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* The item for a new note: the given one (checked), else the current
 * one, else a new LIVE_DEFAULT_ITEM. */
int store_note_item(struct store *s, int64_t meeting, enum meeting_status ms, int64_t want,
		    char *now, int64_t *item, char **cause)
{
	if (want) {
		*item = want;
		return store_item_of(s, meeting, want, cause);
	}
	if (store_current_item(s, meeting, item, cause) < 0)
		return -1;
	if (*item)
		return 0;
	struct agenda_item row = {.title = LIVE_DEFAULT_ITEM,
				  .started_at = ms == MS_LIVE ? now : NULL};
	return item_insert(s, meeting, STORE_APPEND, &row, item, cause);
}

/* 1 if s looks like "2023-04-12T08:15". */
static int iso_minute(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd";
	if (strlen(s) != 16)
		return 0;
	for (size_t i = 0; i < 16; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	return 1;
}

int store_live_note_add(struct store *s, int64_t meeting, const struct live_note *n,
			int clear_draft, int64_t *id, int64_t *item, char **cause)
{
	char *text = NULL, *speaker = NULL;
	char now[17];
	now_iso_minute(now);
	if (n->at && !iso_minute(n->at))
		return set_cause(cause, _("note time: not an ISO minute: %s"), n->at);
	if (store_required_text("note", n->text, &text, cause) < 0 ||
	    store_optional_text("speaker", n->speaker, &speaker, cause) < 0) {
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
		rc = store_note_item(s, meeting, ms, n->item, now, &it, cause);
	int64_t nid = 0;
	if (rc == 0) {
		struct note row = {.at = n->at ? (char *)n->at : now,
				   .speaker = speaker,
				   .kind = n->kind,
				   .text = text,
				   .after_conclusions = store_after_conclusions(s, meeting)};
		rc = note_insert(s, meeting, it, STORE_APPEND, &row, &nid, cause);
	}
	if (rc == 0)
		rc = store_log_live_addition(s, meeting, ms, "note added", text, cause);
	if (rc == 0 && clear_draft)
		rc = draft_clear_text(s, meeting, cause);
	free(text);
	free(speaker);
	if (store_write_end(s, meeting, rc, cause) < 0)
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
	if (store_required_text("note", text, &t, cause) < 0 ||
	    store_optional_text("speaker", speaker, &sp, cause) < 0) {
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
	if (rc == 0)
		rc = note_update(s, note, NC_SPEAKER, sp, 0, cause);
	if (rc == 0)
		rc = note_update(s, note, NC_KIND, note_kind_name(kind), 0, cause);
	if (rc == 0)
		rc = note_update(s, note, NC_TEXT, t, 0, cause);
	if (rc == 0 && kind == NK_ANSWER && old.kind == NK_ANSWER &&
	    answer_note_follow(s, meeting, note, old.text, t, cause) < 0)
		rc = -1;
	free(old.speaker);
	free(old.text);
	free(t);
	free(sp);
	return store_write_end(s, meeting, rc, cause);
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
		sqlite3_stmt *st = db_prep(s, NOTE_DELETE, cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, note);
			rc = db_done(s, st, cause);
		}
	}
	free(old.speaker);
	free(old.text);
	return store_write_end(s, meeting, rc, cause);
}
