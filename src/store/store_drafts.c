/* store_drafts.c - the drafts table: the secretary's unfinished note line
 * (store_live.h), saved on a timer and emptied by the confirmed note. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store_live.h"
#include "store_rows.h"
#include "store_write.h"
#include "util.h"

int draft_clear_text(struct store *s, int64_t meeting, char **cause)
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

void live_draft_free(struct live_draft *d)
{
	if (!d)
		return;
	free(d->speaker);
	free(d->text);
	free(d->updated_at);
	memset(d, 0, sizeof *d);
}

/* The statements of a draft save, by address (db_prep): store_draft_prepare
 * prepares them ahead of the first save. */
static const char draft_put_sql[] =
    "INSERT INTO drafts(meeting_id, author, item_id, speaker, kind, text, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(meeting_id, author) DO UPDATE"
    " SET item_id = excluded.item_id, speaker = excluded.speaker,"
    " kind = excluded.kind, text = excluded.text, updated_at = excluded.updated_at";
static const char sync_normal_sql[] = "PRAGMA synchronous = NORMAL";
static const char sync_full_sql[] = "PRAGMA synchronous = FULL";

int store_draft_prepare(struct store *s, char **cause)
{
	if (s->readonly)
		return 0;
	return db_prep(s, draft_put_sql, cause) && db_prep(s, sync_normal_sql, cause) &&
		       db_prep(s, sync_full_sql, cause)
		   ? 0
		   : -1;
}

int store_draft_save(struct store *s, int64_t meeting, int64_t item, const char *speaker,
		     enum note_kind kind, const char *text, char **cause)
{
	char *t = NULL, *sp = NULL;
	char now[20];
	now_iso_second(now);
	/* Kept as typed (only NFC), so the line comes back exactly. */
	if (db_text("draft", text ? text : "", &t, cause) < 0 ||
	    store_optional_text("speaker", speaker, &sp, cause) < 0) {
		free(t);
		return -1;
	}
	/* A draft is written on a timer while the secretary types: it must
	 * survive a crash or a kill -9 (the OS has it once the commit returns)
	 * but need not wait for the disk. synchronous=NORMAL in WAL mode
	 * skips the fsync; the next confirmed note (FULL) syncs it too. */
	sqlite3_stmt *sync = db_prep(s, sync_normal_sql, cause);
	int rc = sync ? db_done(s, sync, cause) : -1;
	if (rc == 0)
		rc = store_begin(s, cause);
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(s, draft_put_sql, cause);
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
		rc = store_write_end(s, 0, rc, cause);
	}
	sync = db_prep(s, sync_full_sql, NULL);
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
	return store_write_end(s, 0, rc, cause);
}
