/* store_check.c - store_check: integrity, foreign keys, NFC text,
 * consistency and the full-text index. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_search.h"
#include "text.h"
#include "util.h"

/* ==== the full-text index (store_search.h) ==== */

#define CHECK_SHOWN 20 /* problem lines of one kind before "and N more" */
/* FTS5's integrity-check is a write statement: it holds the write lock
 * while it reads the whole index. Give up after this long, well inside the
 * busy timeout of a secretary saving a note meanwhile (5 s). */
#define FTS_CHECK_MS 2000

static int check_deadline(void *ctx)
{
	return now_ms() > *(long long *)ctx;
}

static int check_rows(struct store *s, sqlite3_stmt *st, const char *fmt, struct strbuf *report,
		      char **cause)
{
	int r, found = 0;
	while ((r = db_row(s, st, cause)) == 1) {
		if (found < CHECK_SHOWN) {
			int src = sqlite3_column_int(st, 0);
			const char *what = sqlite3_column_type(st, 0) == SQLITE_TEXT
					       ? (const char *)sqlite3_column_text(st, 0)
					       : search_src_name((enum search_src)src);
			strbuf_addf(report, fmt, what, (long long)sqlite3_column_int64(st, 1));
			strbuf_addc(report, '\n');
		}
		found++;
	}
	if (r < 0)
		return -1;
	if (found > CHECK_SHOWN)
		strbuf_addf(report, "search: … and %d more like this\n", found - CHECK_SHOWN);
	return found;
}

/* The index against its content, as FTS5 itself checks it (a write
 * statement, so only on a writable store): problems found, or -1. */
static int fts_integrity(struct store *s, struct strbuf *report, char **cause)
{
	int problems = 0;
	if (!s->readonly) {
		sqlite3_stmt *st = db_prep(
		    s, "INSERT INTO search(search, rank) VALUES ('integrity-check', 1)", cause);
		if (!st)
			return -1;
		long long deadline = now_ms() + FTS_CHECK_MS;
		sqlite3_progress_handler(s->db, 10000, check_deadline, &deadline);
		int rc = sqlite3_step(st);
		sqlite3_progress_handler(s->db, 0, NULL, NULL);
		if (rc != SQLITE_DONE) {
			int code = sqlite3_extended_errcode(s->db);
			if ((code & 0xff) == SQLITE_INTERRUPT || (code & 0xff) == SQLITE_BUSY) {
				/* too big to check without holding up writers, or
				 * one is writing: the comparisons below still run */
			} else if ((code & 0xff) == SQLITE_CORRUPT) {
				strbuf_addf(report, "search: the full-text index does not match "
						    "its text\n");
				problems++;
			} else {
				db_fail(s, _("checking the search index"), cause);
				sqlite3_reset(st);
				return -1;
			}
		}
		sqlite3_reset(st);
	}
	return problems;
}

/* The comparisons of the index with its content, readable without
 * writing: each query lists (src, src_id) of the rows fmt reports. */
static const struct {
	const char *sql, *fmt;
} search_checks[] = {
    /* Every row of the index has its content row and the other way round. */
    {"SELECT d.src, d.src_id FROM search_doc d WHERE NOT EXISTS"
     " (SELECT 1 FROM search_docsize z WHERE z.id = d.key)",
     "search: %s %lld is not in the full-text index"},
    {"SELECT 'row', z.id FROM search_docsize z WHERE NOT EXISTS"
     " (SELECT 1 FROM search_doc d WHERE d.key = z.id)",
     "search: the full-text index holds %s %lld, which search_doc lacks"},
    /* search_doc against the text it copies. */
    {"SELECT s.src, s.src_id FROM search_src s"
     " LEFT JOIN search_doc d ON d.src = s.src AND d.src_id = s.src_id"
     " WHERE d.key IS NULL",
     "search: %s %lld is missing from the search index"},
    {"SELECT s.src, s.src_id FROM search_src s"
     " JOIN search_doc d ON d.src = s.src AND d.src_id = s.src_id"
     " JOIN search_base b ON b.meeting_id = s.meeting_id"
     " WHERE d.text IS NOT s.text OR d.speaker IS NOT s.speaker"
     " OR d.meeting_id IS NOT s.meeting_id OR d.meta IS NOT b.meta || ' k' || s.kind"
     " OR d.key <= b.base OR d.key >= b.base + 16777216",
     "search: the index of %s %lld is out of date"},
    {"SELECT d.src, d.src_id FROM search_doc d WHERE CASE d.src"
     " WHEN 1 THEN NOT EXISTS (SELECT 1 FROM notes WHERE id = d.src_id)"
     " WHEN 2 THEN NOT EXISTS (SELECT 1 FROM agenda_items WHERE id = d.src_id)"
     " WHEN 3 THEN NOT EXISTS (SELECT 1 FROM proposals WHERE id = d.src_id)"
     " WHEN 4 THEN NOT EXISTS (SELECT 1 FROM proposals WHERE id = d.src_id"
     "  AND answer IS NOT NULL AND answer <> '')"
     " WHEN 5 THEN NOT EXISTS (SELECT 1 FROM conclusions WHERE id = d.src_id)"
     " WHEN 6 THEN NOT EXISTS (SELECT 1 FROM directives WHERE id = d.src_id)"
     " ELSE 1 END",
     "search: the index holds %s %lld, which no longer exists"},
};

int store_search_check(struct store *s, struct strbuf *report, char **cause)
{
	int problems = fts_integrity(s, report, cause);
	if (problems < 0)
		return -1;
	for (size_t i = 0; i < sizeof search_checks / sizeof *search_checks; i++) {
		/* The statements are cached by address: the table's literals. */
		sqlite3_stmt *st = db_prep(s, search_checks[i].sql, cause);
		int r = st ? check_rows(s, st, search_checks[i].fmt, report, cause) : -1;
		if (r < 0)
			return -1;
		problems += r;
	}
	return problems;
}

/* ==== checking ==== */

/* SQLite's own integrity and foreign key checks: problems found, or -1. */
static int check_sqlite(struct store *s, struct strbuf *sb, char **cause)
{
	int problems = 0;
	sqlite3_stmt *st = db_prep(s, "PRAGMA integrity_check", cause);
	if (!st)
		return -1;
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line && strcmp(line, "ok") != 0) {
			strbuf_addf(sb, "integrity: %s\n", line);
			problems++;
		}
	}
	if (r < 0)
		return -1;
	st = db_prep(s, "PRAGMA foreign_key_check", cause);
	if (!st)
		return -1;
	while ((r = db_row(s, st, cause)) == 1) {
		strbuf_addf(sb,
			    "foreign key: %s row %lld refers to a row of %s that does not exist\n",
			    sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
			    sqlite3_column_text(st, 2));
		problems++;
	}
	return r < 0 ? -1 : problems;
}

/* Text that is not NFC, or holds control characters: problems found, or
 * -1. */
static int check_nfc(struct store *s, struct strbuf *sb, char **cause)
{
	int problems = 0;
	/* Text must be NFC, without control characters other than newline
	 * and tab; a store edited by hand may not be. Every text that reaches
	 * a document or a search is looked at. */
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT 'note', id, 'text', text FROM notes UNION ALL"
		    " SELECT 'note', id, 'speaker', speaker FROM notes UNION ALL"
		    " SELECT 'meeting', id, 'title', title FROM meetings UNION ALL"
		    " SELECT 'meeting', id, 'location', location FROM meetings UNION ALL"
		    " SELECT 'meeting', id, 'host unit', host_unit FROM meetings UNION ALL"
		    " SELECT 'meeting', id, 'document number', document_number FROM meetings"
		    " UNION ALL SELECT 'meeting', id, 'notice number', notice_number FROM meetings"
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
		return -1;
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		const char *text = (const char *)sqlite3_column_text(st, 3);
		char *nfc = NULL;
		if (text && (db_text("text", text, &nfc, NULL) < 0 || !str_eq(nfc, text))) {
			strbuf_addf(sb, "text: %s %lld (%s) is not valid NFC UTF-8\n",
				    sqlite3_column_text(st, 0),
				    (long long)sqlite3_column_int64(st, 1),
				    sqlite3_column_text(st, 2));
			problems++;
		} else if (text && text_has_controls(text)) {
			/* Shown visibly on screen, left out of documents: a
			 * terminal's escape sequence pasted into a note. */
			strbuf_addf(sb, _("text: %s %lld (%s) holds control characters\n"),
				    sqlite3_column_text(st, 0),
				    (long long)sqlite3_column_int64(st, 1),
				    sqlite3_column_text(st, 2));
			problems++;
		}
		free(nfc);
	}
	return r < 0 ? -1 : problems;
}

/* Notes that are not in the meeting of their agenda item: problems found, or -1. */
static int check_notes(struct store *s, struct strbuf *sb, char **cause)
{
	int problems = 0;
	/* A note belongs to the meeting of its agenda item. */
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT n.id, n.meeting_id, a.meeting_id FROM notes n"
		    " JOIN agenda_items a ON a.id = n.item_id WHERE a.meeting_id != n.meeting_id",
		    cause);
	if (!st)
		return -1;
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		strbuf_addf(sb,
			    "consistency: note %lld is in meeting %lld, its agenda item "
			    "is in meeting %lld\n",
			    (long long)sqlite3_column_int64(st, 0),
			    (long long)sqlite3_column_int64(st, 1),
			    (long long)sqlite3_column_int64(st, 2));
		problems++;
	}
	return r < 0 ? -1 : problems;
}

/* Meetings that end before they start (an end typed by hand, a start
 * moved later, an import): the minutes would say so. Problems, or -1. */
static int check_times(struct store *s, struct strbuf *sb, char **cause)
{
	int problems = 0;
	sqlite3_stmt *st = db_prep(s,
				   "SELECT id, starts_at, ends_at FROM meetings"
				   " WHERE ends_at IS NOT NULL AND ends_at < starts_at ORDER BY id",
				   cause);
	if (!st)
		return -1;
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		strbuf_addf(sb, "times: meeting %lld ends (%s) before it starts (%s)\n",
			    (long long)sqlite3_column_int64(st, 0),
			    (const char *)sqlite3_column_text(st, 2),
			    (const char *)sqlite3_column_text(st, 1));
		problems++;
	}
	return r < 0 ? -1 : problems;
}

int store_check(struct store *s, char **report, char **cause)
{
	struct strbuf sb = {0};
	int (*const checks[])(struct store *, struct strbuf *, char **) = {
	    check_sqlite, check_nfc, check_notes, check_times, store_search_check};
	int problems = 0;
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
		int r = checks[i](s, &sb, cause);
		if (r < 0) {
			strbuf_free(&sb);
			return -1;
		}
		problems += r;
	}
	*report = strbuf_detach(&sb);
	return problems;
}
