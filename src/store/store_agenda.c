/* store_agenda.c - the agenda_items table: its one inserter and one
 * updater, a meeting's agenda read with its notes, the live screen's
 * current item, and the edit screen's writes (store_edit.h). Notes are
 * store_notes.c's. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_edit.h"
#include "store_rows.h"
#include "store_write.h"
#include "text.h"
#include "util.h"

/* ==== the table ==== */

int item_insert(struct store *s, int64_t meeting, int64_t pos, const struct agenda_item *it,
		int64_t *id, char **cause)
{
	static const char *const names[] = {"title",	   "presenter",	 "planned_start",
					    "planned_end", "started_at", "ended_at"};
	const char *in[] = {it->title,	     it->presenter,  it->planned_start,
			    it->planned_end, it->started_at, it->ended_at};
	char *v[6];
	if (db_texts(names, in, v, 6, cause) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(
	    s,
	    "INSERT INTO agenda_items(meeting_id, position, title, presenter,"
	    " planned_start, planned_end, started_at, ended_at, kind) VALUES (?1, coalesce(?2,"
	    " (SELECT coalesce(max(position) + 1, 0) FROM agenda_items WHERE meeting_id ="
	    " ?1)), ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	    cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, meeting);
		if (pos != STORE_APPEND)
			db_bind_int(st, 2, pos);
		db_bind_text(st, 3, v[0] ? v[0] : "");
		for (int i = 1; i < 6; i++)
			db_bind_text(st, 3 + i, v[i]);
		/* IK_AUTO is stored NULL: detected when the documents are made. */
		db_bind_text(st, 9, it->kind == IK_AUTO ? NULL : item_kind_name(it->kind));
		rc = db_insert(s, st, id, cause);
	}
	db_texts_free(v, 6);
	return rc;
}

int item_update(struct store *s, int64_t id, int col, const char *text, int64_t num, char **cause)
{
	static const char *const sql[] = {
	    [IC_TITLE] = "UPDATE agenda_items SET title = ?2 WHERE id = ?1",
	    [IC_PRESENTER] = "UPDATE agenda_items SET presenter = ?2 WHERE id = ?1",
	    [IC_PLANNED_START] = "UPDATE agenda_items SET planned_start = ?2 WHERE id = ?1",
	    [IC_PLANNED_END] = "UPDATE agenda_items SET planned_end = ?2 WHERE id = ?1",
	    [IC_STARTED_AT] = "UPDATE agenda_items SET started_at = ?2 WHERE id = ?1",
	    [IC_ENDED_AT] = "UPDATE agenda_items SET ended_at = ?2 WHERE id = ?1",
	    [IC_KIND] = "UPDATE agenda_items SET kind = ?2 WHERE id = ?1",
	    [IC_POSITION] = "UPDATE agenda_items SET position = ?3 WHERE id = ?1",
	    [IC_START_ONCE] =
		"UPDATE agenda_items SET started_at = ?2 WHERE id = ?1 AND started_at IS NULL",
	    [IC_RESUME] = "UPDATE agenda_items SET started_at = coalesce(started_at, ?2),"
			  " ended_at = NULL WHERE id = ?1",
	    [IC_END_RUNNING] = "UPDATE agenda_items SET ended_at = ?2 WHERE meeting_id = ?1"
			       " AND started_at IS NOT NULL AND ended_at IS NULL",
	};
	return DB_UPDATE_COL(s, "agenda_items", sql, id, col, text, num, cause);
}

int agenda_load(struct store *s, struct meeting *m, char **cause)
{
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT id, title, presenter, planned_start, planned_end,"
		    " started_at, ended_at, kind FROM agenda_items WHERE meeting_id = ?1"
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
		const char *kind = (const char *)sqlite3_column_text(st, 7);
		int k = kind ? item_kind_parse(kind) : IK_AUTO;
		it->kind = k < 0 ? IK_AUTO : (enum item_kind)k;
	}
	if (r < 0)
		return -1;
	st = db_prep(s,
		     "SELECT " STORE_NOTE_COLS " FROM notes WHERE item_id = ?1"
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
			store_row_note(st, 0, &it->notes[it->n_notes++]);
		}
		if (r < 0)
			return -1;
	}
	return 0;
}

/* The current item of a meeting by the rule in store_live.h; *item = 0 if
 * the meeting has no item. */
int store_current_item(struct store *s, int64_t meeting, int64_t *item, char **cause)
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
	*item = 0;
	return db_id(s, st, item, cause) < 0 ? -1 : 0;
}

/* 0 if the item belongs to the meeting, else -1 with cause. */
int store_item_of(struct store *s, int64_t meeting, int64_t item, char **cause)
{
	sqlite3_stmt *st = db_prep(s, "SELECT meeting_id FROM agenda_items WHERE id = ?1", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, item);
	int64_t m = 0;
	if (db_id(s, st, &m, cause) < 0)
		return -1;
	if (m != meeting)
		return set_cause(cause, _("no agenda item %lld in meeting %lld"), (long long)item,
				 (long long)meeting);
	return 0;
}

/* ==== edits (store_edit.h) ==== */

int store_item_add(struct store *s, int64_t meeting, const char *title, int64_t *id, char **cause)
{
	char *t = NULL;
	if (text_nfc_trim(title, &t, cause) < 0)
		return -1;
	if (!t)
		return set_cause(cause, _("an agenda item needs a title"));
	if (store_write_begin(s, meeting, NULL, cause) < 0) {
		free(t);
		return -1;
	}
	struct agenda_item row = {.title = t};
	int64_t iid = 0;
	int rc = item_insert(s, meeting, STORE_APPEND, &row, &iid, cause);
	if (rc == 0) {
		if (id)
			*id = iid;
		rc = store_log_added(s, meeting, "agenda item", iid, t, cause);
	}
	free(t);
	return store_write_end(s, meeting, rc, cause);
}

#define ITEM_GET(col) "SELECT meeting_id, " col " FROM agenda_items WHERE id = ?1"
static const struct column item_cols[IF__COUNT] = {
    [IF_TITLE] = {"agenda item", "title", CK_REQUIRED, ITEM_GET("title"), item_update, IC_TITLE},
    [IF_PRESENTER] = {"agenda item", "presenter", CK_TEXT, ITEM_GET("presenter"), item_update,
		      IC_PRESENTER},
    [IF_PLANNED_START] = {"agenda item", "planned_start", CK_TIME, ITEM_GET("planned_start"),
			  item_update, IC_PLANNED_START},
    [IF_PLANNED_END] = {"agenda item", "planned_end", CK_TIME, ITEM_GET("planned_end"), item_update,
			IC_PLANNED_END},
    [IF_STARTED_AT] = {"agenda item", "started_at", CK_TIME, ITEM_GET("started_at"), item_update,
		       IC_STARTED_AT},
    [IF_ENDED_AT] = {"agenda item", "ended_at", CK_TIME, ITEM_GET("ended_at"), item_update,
		     IC_ENDED_AT},
    [IF_KIND] = {"agenda item", "kind", CK_ITEM_KIND, ITEM_GET("kind"), item_update, IC_KIND},
};

int store_item_set(struct store *s, int64_t id, enum item_field f, const char *value, char **cause)
{
	if ((unsigned)f >= IF__COUNT)
		return set_cause(cause, _("unknown agenda item field"));
	return store_set_column(s, &item_cols[f], id, value, cause);
}

int store_item_delete(struct store *s, int64_t id, char **cause)
{
	return store_delete_row(s, "agenda item", ITEM_GET("title"),
				"DELETE FROM agenda_items WHERE id = ?1", id, cause);
}

static const struct order item_order = {
    "agenda item", "SELECT meeting_id, meeting_id FROM agenda_items WHERE id = ?1",
    "SELECT id FROM agenda_items WHERE meeting_id = ?1 ORDER BY position, id", item_update,
    IC_POSITION};

int store_item_move(struct store *s, int64_t id, int delta, char **cause)
{
	return store_move_row(s, &item_order, id, delta, cause);
}
