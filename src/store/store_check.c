/* store_check.c - store_check: integrity, foreign keys, NFC text,
 * consistency and the full-text index. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store_search.h"
#include "util.h"

/* ==== checking ==== */

int store_check(struct store *s, char **report, char **cause)
{
	struct strbuf sb = {0};
	int problems = 0;
	sqlite3_stmt *st = db_prep(s, "PRAGMA integrity_check", cause);
	if (!st)
		return -1;
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line && strcmp(line, "ok") != 0) {
			strbuf_addf(&sb, "integrity: %s\n", line);
			problems++;
		}
	}
	if (r < 0)
		goto fail;
	st = db_prep(s, "PRAGMA foreign_key_check", cause);
	if (!st)
		goto fail;
	while ((r = db_row(s, st, cause)) == 1) {
		strbuf_addf(&sb,
			    "foreign key: %s row %lld refers to a row of %s that does not exist\n",
			    sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
			    sqlite3_column_text(st, 2));
		problems++;
	}
	if (r < 0)
		goto fail;
	/* Text must be NFC; a store edited by hand may not be. Every text
	 * that reaches a document or a search is looked at. */
	st = db_prep(s,
		     "SELECT 'note', id, 'text', text FROM notes UNION ALL"
		     " SELECT 'note', id, 'speaker', speaker FROM notes UNION ALL"
		     " SELECT 'meeting', id, 'title', title FROM meetings UNION ALL"
		     " SELECT 'meeting', id, 'location', location FROM meetings UNION ALL"
		     " SELECT 'meeting', id, 'host unit', host_unit FROM meetings UNION ALL"
		     " SELECT 'meeting', id, 'document number', document_number FROM meetings"
		     " UNION ALL SELECT 'attendee', id, 'name', name FROM attendees UNION ALL"
		     " SELECT 'attendee', id, 'title', title FROM attendees UNION ALL"
		     " SELECT 'attendee', id, 'unit', unit FROM attendees UNION ALL"
		     " SELECT 'attendee', id, 'reason', reason FROM attendees UNION ALL"
		     " SELECT 'attendee', id, 'substitute for', substitute_for FROM attendees"
		     " UNION ALL SELECT 'item', id, 'title', title FROM agenda_items UNION ALL"
		     " SELECT 'item', id, 'presenter', presenter FROM agenda_items UNION ALL"
		     " SELECT 'proposal', id, 'unit', unit FROM proposals UNION ALL"
		     " SELECT 'proposal', id, 'text', text FROM proposals UNION ALL"
		     " SELECT 'proposal', id, 'answer', answer FROM proposals UNION ALL"
		     " SELECT 'conclusion', id, 'text', text FROM conclusions UNION ALL"
		     " SELECT 'directive', id, 'text', text FROM directives UNION ALL"
		     " SELECT 'directive', id, 'owner', owner FROM directives UNION ALL"
		     " SELECT 'conference', id, 'title', title FROM conferences UNION ALL"
		     " SELECT 'cluster', id, 'name', name FROM clusters UNION ALL"
		     " SELECT 'unit', id, 'name', name FROM units UNION ALL"
		     " SELECT 'person', id, 'name', name FROM people UNION ALL"
		     " SELECT 'person', id, 'title', title FROM people UNION ALL"
		     " SELECT 'setting', rowid, key, value FROM settings",
		     cause);
	if (!st)
		goto fail;
	while ((r = db_row(s, st, cause)) == 1) {
		const char *text = (const char *)sqlite3_column_text(st, 3);
		char *nfc = NULL;
		if (text && (db_text("text", text, &nfc, NULL) < 0 || !str_eq(nfc, text))) {
			strbuf_addf(&sb, "text: %s %lld (%s) is not valid NFC UTF-8\n",
				    sqlite3_column_text(st, 0),
				    (long long)sqlite3_column_int64(st, 1),
				    sqlite3_column_text(st, 2));
			problems++;
		}
		free(nfc);
	}
	if (r < 0)
		goto fail;
	/* A note belongs to the meeting of its agenda item. */
	st = db_prep(s,
		     "SELECT n.id, n.meeting_id, a.meeting_id FROM notes n"
		     " JOIN agenda_items a ON a.id = n.item_id WHERE a.meeting_id != n.meeting_id",
		     cause);
	if (!st)
		goto fail;
	while ((r = db_row(s, st, cause)) == 1) {
		strbuf_addf(&sb,
			    "consistency: note %lld is in meeting %lld, its agenda item "
			    "is in meeting %lld\n",
			    (long long)sqlite3_column_int64(st, 0),
			    (long long)sqlite3_column_int64(st, 1),
			    (long long)sqlite3_column_int64(st, 2));
		problems++;
	}
	if (r < 0)
		goto fail;
	/* The full-text index against the text (store_search.c). */
	r = store_search_check(s, &sb, cause);
	if (r < 0)
		goto fail;
	problems += r;
	*report = strbuf_detach(&sb);
	return problems;
fail:
	strbuf_free(&sb);
	return -1;
}
