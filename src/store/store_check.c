/* store_check.c - store_check: integrity, foreign keys, NFC text,
 * consistency and the full-text index. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "model.h"
#include "text.h"
#include "store_review.h"
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
			strbuf_addf(report, _(fmt), change_object_word(what),
				    (long long)sqlite3_column_int64(st, 1));
			strbuf_addc(report, '\n');
		}
		found++;
	}
	if (r < 0)
		return -1;
	if (found > CHECK_SHOWN)
		strbuf_addf(report, _("search: … and %d more like this\n"), found - CHECK_SHOWN);
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
				strbuf_addf(report, "%s",
					    _("search: the full-text index does not match "
					      "its text\n"));
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
     N_("search: %s %lld is not in the full-text index")},
    {"SELECT 'row', z.id FROM search_docsize z WHERE NOT EXISTS"
     " (SELECT 1 FROM search_doc d WHERE d.key = z.id)",
     N_("search: the full-text index holds %s %lld, which search_doc lacks")},
    /* search_doc against the text it copies. */
    {"SELECT s.src, s.src_id FROM search_src s"
     " LEFT JOIN search_doc d ON d.src = s.src AND d.src_id = s.src_id"
     " WHERE d.key IS NULL",
     N_("search: %s %lld is missing from the search index")},
    {"SELECT s.src, s.src_id FROM search_src s"
     " JOIN search_doc d ON d.src = s.src AND d.src_id = s.src_id"
     " JOIN search_base b ON b.meeting_id = s.meeting_id"
     " WHERE d.text IS NOT s.text OR d.speaker IS NOT s.speaker"
     " OR d.meeting_id IS NOT s.meeting_id OR d.meta IS NOT b.meta || ' k' || s.kind"
     " OR d.key <= b.base OR d.key >= b.base + 16777216",
     N_("search: the index of %s %lld is out of date")},
    {"SELECT d.src, d.src_id FROM search_doc d WHERE CASE d.src"
     " WHEN 1 THEN NOT EXISTS (SELECT 1 FROM notes WHERE id = d.src_id)"
     " WHEN 2 THEN NOT EXISTS (SELECT 1 FROM agenda_items WHERE id = d.src_id)"
     " WHEN 3 THEN NOT EXISTS (SELECT 1 FROM proposals WHERE id = d.src_id)"
     " WHEN 4 THEN NOT EXISTS (SELECT 1 FROM proposals WHERE id = d.src_id"
     "  AND answer IS NOT NULL AND answer <> '')"
     " WHEN 5 THEN NOT EXISTS (SELECT 1 FROM conclusions WHERE id = d.src_id)"
     " WHEN 6 THEN NOT EXISTS (SELECT 1 FROM directives WHERE id = d.src_id)"
     " ELSE 1 END",
     N_("search: the index holds %s %lld, which no longer exists")},
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
			strbuf_addf(sb, _("integrity: %s\n"), line);
			problems++;
		}
	}
	if (r < 0)
		return -1;
	st = db_prep(s, "PRAGMA foreign_key_check", cause);
	if (!st)
		return -1;
	while ((r = db_row(s, st, cause)) == 1) {
		strbuf_addf(
		    sb, _("foreign key: %s row %lld refers to a row of %s that does not exist\n"),
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
			strbuf_addf(sb, _("text: %s %lld (%s) is not valid NFC UTF-8\n"),
				    change_object_word((const char *)sqlite3_column_text(st, 0)),
				    (long long)sqlite3_column_int64(st, 1),
				    change_field_word((const char *)sqlite3_column_text(st, 2)));
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
			    _("consistency: note %lld is in meeting %lld, its agenda item "
			      "is in meeting %lld\n"),
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
		/* TRANSLATORS: %1$lld the meeting, %2$s its end, %3$s its start
		 * (ISO times); "times:" begins the line as "text:" does. */
		strbuf_addf(sb, _("times: meeting %1$lld ends (%2$s) before it starts (%3$s)\n"),
			    (long long)sqlite3_column_int64(st, 0),
			    (const char *)sqlite3_column_text(st, 2),
			    (const char *)sqlite3_column_text(st, 1));
		problems++;
	}
	return r < 0 ? -1 : problems;
}

/* ---- values the program itself would refuse ---- */

static int valid_time(const char *v)
{
	return iso_time_valid(v);
}

static int valid_date(const char *v)
{
	return iso_date_valid(v);
}

static int valid_period(const char *v)
{
	int q, y;
	return period_parse(v, &q, &y) == 0;
}

static int valid_meeting_status(const char *v)
{
	return meeting_status_parse(v) >= 0;
}

static int valid_role(const char *v)
{
	return role_parse(v) >= 0;
}

static int valid_presence(const char *v)
{
	return presence_parse(v) >= 0;
}

static int valid_note_kind(const char *v)
{
	return note_kind_parse(v) >= 0;
}

static int valid_task_status(const char *v)
{
	return task_status_parse(v) >= 0;
}

/* One rule per kind of value: a query listing (what, id, field, value) of
 * the values to look at (NULLs left out), and the test each must pass;
 * expected (N_() marked) says what the value should be like. A new rule
 * (control characters, say) is one more row. */
static const struct value_rule {
	const char *sql;
	int (*valid)(const char *value);
	const char *expected;
} value_rules[] = {
    {"SELECT 'meeting', id, 'starts_at', starts_at FROM meetings UNION ALL"
     " SELECT 'meeting', id, 'ends_at', ends_at FROM meetings WHERE ends_at IS NOT NULL"
     " UNION ALL SELECT 'attendee', id, 'arrived_at', arrived_at FROM attendees"
     " WHERE arrived_at IS NOT NULL UNION ALL"
     " SELECT 'item', id, 'planned_start', planned_start FROM agenda_items"
     " WHERE planned_start IS NOT NULL UNION ALL"
     " SELECT 'item', id, 'planned_end', planned_end FROM agenda_items"
     " WHERE planned_end IS NOT NULL UNION ALL"
     " SELECT 'item', id, 'started_at', started_at FROM agenda_items"
     " WHERE started_at IS NOT NULL UNION ALL"
     " SELECT 'item', id, 'ended_at', ended_at FROM agenda_items"
     " WHERE ended_at IS NOT NULL UNION ALL"
     " SELECT 'note', id, 'at', at FROM notes WHERE at IS NOT NULL",
     valid_time, N_("a time like 2023-04-12T08:00")},
    {"SELECT 'directive', id, 'due', due FROM directives WHERE due IS NOT NULL", valid_date,
     N_("a date like 2023-06-30")},
    {"SELECT 'meeting', id, 'period', period FROM meetings WHERE period IS NOT NULL", valid_period,
     N_("a quarter like I/2023")},
    {"SELECT 'meeting', id, 'status', status FROM meetings", valid_meeting_status,
     N_("one of draft, live, closed, approved")},
    {"SELECT 'attendee', id, 'role', role FROM attendees", valid_role,
     N_("one of chair, secretary, delegate, guest, reporter")},
    {"SELECT 'attendee', id, 'presence', presence FROM attendees", valid_presence,
     N_("one of present, late, excused, absent")},
    {"SELECT 'note', id, 'kind', kind FROM notes", valid_note_kind,
     N_("one of statement, report, question, answer, proposal, decision")},
    {"SELECT 'proposal', id, 'status', status FROM proposals UNION ALL"
     " SELECT 'directive', id, 'status', status FROM directives",
     valid_task_status, N_("one of open, done, dropped")},
};

/* Every value of every rule: problems found, or -1. A value may be of
 * any type in a hand-edited store; only text can pass. */
static int check_values(struct store *s, struct strbuf *sb, char **cause)
{
	int problems = 0;
	for (size_t i = 0; i < sizeof value_rules / sizeof *value_rules; i++) {
		sqlite3_stmt *st = db_prep(s, value_rules[i].sql, cause);
		if (!st)
			return -1;
		int r;
		while ((r = db_row(s, st, cause)) == 1) {
			const char *v = (const char *)sqlite3_column_text(st, 3);
			int is_text = sqlite3_column_type(st, 3) == SQLITE_TEXT;
			if (is_text && v && text_valid_utf8(v, strlen(v), NULL) &&
			    value_rules[i].valid(v))
				continue;
			char *q = text_quote(v ? v : "");
			strbuf_addf(sb, _("value: %s %lld, %s: \"%s\" is not %s\n"),
				    sqlite3_column_text(st, 0),
				    (long long)sqlite3_column_int64(st, 1),
				    sqlite3_column_text(st, 2), q, _(value_rules[i].expected));
			free(q);
			problems++;
		}
		if (r < 0)
			return -1;
	}
	return problems;
}

/* Agenda items that end before they start (meetings: check_times):
 * problems found, or -1. Only well-formed times are compared
 * (check_values reports the others); as text, which orders them, seconds
 * or not. */
static int check_order(struct store *s, struct strbuf *sb, char **cause)
{
	sqlite3_stmt *st = db_prep(
	    s,
	    "SELECT 'item', id, 'planned_end', planned_end, 'planned_start',"
	    " planned_start FROM agenda_items WHERE planned_end IS NOT NULL AND planned_start"
	    " IS NOT NULL AND substr(planned_end, 1, 16) < substr(planned_start, 1, 16)"
	    " UNION ALL SELECT 'item', id, 'ended_at', ended_at, 'started_at', started_at"
	    " FROM agenda_items WHERE ended_at IS NOT NULL AND started_at IS NOT NULL"
	    " AND substr(ended_at, 1, 16) < substr(started_at, 1, 16)",
	    cause);
	if (!st)
		return -1;
	int problems = 0, r;
	while ((r = db_row(s, st, cause)) == 1) {
		const char *end = (const char *)sqlite3_column_text(st, 3);
		const char *start = (const char *)sqlite3_column_text(st, 5);
		if (!iso_time_valid(end) || !iso_time_valid(start))
			continue;
		strbuf_addf(sb, _("value: %s %lld, %s: %s is before %s %s\n"),
			    sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
			    sqlite3_column_text(st, 2), end, sqlite3_column_text(st, 4), start);
		problems++;
	}
	return r < 0 ? -1 : problems;
}

int store_check(struct store *s, char **report, char **cause)
{
	struct strbuf sb = {0};
	int (*const checks[])(struct store *, struct strbuf *,
			      char **) = {check_sqlite, check_nfc,   check_values,	check_order,
					  check_notes,	check_times, store_search_check};
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
