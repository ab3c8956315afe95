/* test_live.c - live note taking in the store: progress stamps, notes,
 * corrections and the change log, drafts, and two writers at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db.h"
#include "store.h"
#include "store_edit.h"
#include "store_live.h"
#include "util.h"

static char tmpdir[64];

static int setup_dir(void **state)
{
	strcpy(tmpdir, "/tmp/bb-test-live-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown_dir(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

/* A draft meeting with two attendees and n_items agenda items. */
static int64_t add_meeting(struct store *s, size_t n_items)
{
	struct meeting *m = meeting_new();
	m->title = xstrdup("Hội nghị giao ban Cụm thi đua số 4 quý II/2024");
	m->status = MS_DRAFT;
	m->starts_at = xstrdup("2024-07-10T08:00");
	m->n_attendees = 2;
	m->attendees = xcalloc(2, sizeof *m->attendees);
	m->attendees[0].name = xstrdup("Hà Duy Trung");
	m->attendees[0].unit = xstrdup("Tỉnh đoàn");
	m->attendees[0].role = ROLE_CHAIR;
	m->attendees[1].name = xstrdup("Nguyễn Thị Lan");
	m->attendees[1].unit = xstrdup("Huyện đoàn Tuy Phước");
	m->n_agenda = n_items;
	m->agenda = xcalloc(n_items ? n_items : 1, sizeof *m->agenda);
	for (size_t i = 0; i < n_items; i++)
		m->agenda[i].title = xasprintf("Nội dung %zu", i + 1);
	int64_t id;
	char *cause = NULL;
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_meeting_insert(s, m, &id, &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	meeting_free(m);
	return id;
}

static int64_t count(struct store *s, const char *sql, int64_t arg)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, arg);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The one write policy (store_write.h): a write that changes a meeting's
 * rows stamps its updated_at, the live screen's as the edit screen's; a
 * write that changes nothing leaves it. */
static void test_writes_stamp_updated_at(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	int64_t m = add_meeting(s, 2);
	char *old = xasprintf("UPDATE meetings SET updated_at = '2000-01-01T00:00:00'"
			      " WHERE id = %lld",
			      (long long)m);
	const char *stale = "SELECT updated_at = '2000-01-01T00:00:00' FROM meetings WHERE id = ?1";
	int64_t items[2];
	for (int i = 0; i < 2; i++) /* inserted together: consecutive ids */
		items[i] =
		    count(s, "SELECT min(id) FROM agenda_items WHERE meeting_id = ?1", m) + i;
	/* A draft is not live: moving between its items only looks. */
	assert_int_equal(sqlite3_exec(s->db, old, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_live_move(s, m, items[0], items[1], &cause), 0);
	assert_int_equal(count(s, stale, m), 1);
	/* A note is a change, recorded live. */
	struct live_note n = {.kind = NK_STATEMENT, .text = "Báo cáo tình hình quý II."};
	assert_int_equal(store_live_note_add(s, m, &n, 0, NULL, NULL, &cause), 0);
	assert_int_equal(count(s, stale, m), 0);
	/* Starting it changes the status and the start. */
	assert_int_equal(sqlite3_exec(s->db, old, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_live_start(s, m, 0, &cause), 0);
	assert_int_equal(count(s, stale, m), 0);
	free(old);
	store_close(s);
}

static char *text_of(struct store *s, const char *sql, int64_t arg)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, arg);
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static int64_t log_rows(struct store *s, int64_t meeting)
{
	return count(s, "SELECT count(*) FROM change_log WHERE meeting_id = ?1", meeting);
}

static void test_note_without_agenda_creates_item(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	int64_t m = add_meeting(s, 0);
	/* "Đoàn" typed with the O and the grave as separate code points. */
	struct live_note n = {.speaker = "  Ha\xcc\x80 Duy Trung ",
			      .kind = NK_REPORT,
			      .text = "Báo cáo của \xc4\x90oa\xcc\x80n trường"};
	int64_t id = 0, item = 0;
	assert_int_equal(store_live_note_add(s, m, &n, 0, &id, &item, &cause), 0);
	assert_true(id > 0 && item > 0);
	char *t = text_of(s, "SELECT title FROM agenda_items WHERE id = ?1", item);
	assert_string_equal(t, LIVE_DEFAULT_ITEM);
	free(t);
	t = text_of(s, "SELECT text FROM notes WHERE id = ?1", id);
	assert_string_equal(t, "Báo cáo của Đoàn trường");
	free(t);
	t = text_of(s, "SELECT speaker FROM notes WHERE id = ?1", id);
	assert_string_equal(t, "Hà Duy Trung");
	free(t);
	t = text_of(s, "SELECT kind FROM notes WHERE id = ?1", id);
	assert_string_equal(t, "report");
	free(t);
	t = text_of(s, "SELECT at FROM notes WHERE id = ?1", id);
	char now[17];
	now_iso_minute(now);
	assert_int_equal(strlen(t), 16);
	assert_memory_equal(t, now, 10); /* same day at least */
	free(t);

	/* The second note goes under the same item, after the first. */
	n.text = "Ý kiến thứ hai";
	n.speaker = NULL;
	int64_t id2, item2;
	assert_int_equal(store_live_note_add(s, m, &n, 0, &id2, &item2, &cause), 0);
	assert_int_equal(item2, item);
	assert_int_equal(count(s, "SELECT position FROM notes WHERE id = ?1", id2), 1);
	assert_int_equal(count(s, "SELECT count(*) FROM agenda_items WHERE meeting_id = ?1", m), 1);

	/* Blank and invalid text are refused and nothing is written. */
	n.text = "   ";
	assert_int_equal(store_live_note_add(s, m, &n, 0, NULL, NULL, &cause), -1);
	assert_string_equal(cause, "note is empty");
	free(cause);
	cause = NULL;
	n.text = "bad \xff byte";
	assert_int_equal(store_live_note_add(s, m, &n, 0, NULL, NULL, &cause), -1);
	assert_non_null(strstr(cause, "invalid UTF-8"));
	free(cause);
	cause = NULL;
	assert_int_equal(count(s, "SELECT count(*) FROM notes WHERE meeting_id = ?1", m), 2);

	/* Last notes, oldest first. */
	struct note *notes;
	size_t nn;
	assert_int_equal(store_live_notes(s, item, 1, &notes, &nn, &cause), 0);
	assert_int_equal(nn, 1);
	assert_string_equal(notes[0].text, "Ý kiến thứ hai");
	live_notes_free(notes, nn);
	assert_int_equal(store_live_notes(s, item, 0, &notes, &nn, &cause), 0);
	assert_int_equal(nn, 2);
	assert_string_equal(notes[0].speaker, "Hà Duy Trung");
	assert_int_equal(notes[0].kind, NK_REPORT);
	assert_null(notes[1].speaker);
	live_notes_free(notes, nn);
	/* The meeting was a draft: nothing logged. */
	assert_int_equal(log_rows(s, m), 0);
	store_close(s);
}

static void test_progress_start_move_end(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	int64_t m = add_meeting(s, 3);
	struct live_meeting *lm;
	assert_int_equal(store_live_load(s, m, &lm, &cause), 0);
	assert_int_equal(lm->status, MS_DRAFT);
	assert_int_equal(lm->n_items, 3);
	assert_int_equal(lm->current, 0);
	assert_int_equal(lm->n_attendees, 2);
	assert_int_equal(lm->n_units, 2);
	assert_string_equal(lm->units[1], "Huyện đoàn Tuy Phước");
	int64_t it1 = lm->items[0].id, it2 = lm->items[1].id, it3 = lm->items[2].id;
	live_meeting_free(lm);

	/* Moving in a draft meeting stamps nothing. */
	assert_int_equal(store_live_move(s, m, it1, it2, &cause), 0);
	assert_null(text_of(s, "SELECT started_at FROM agenda_items WHERE id = ?1", it2));

	char now[17];
	now_iso_minute(now);
	assert_int_equal(store_live_start(s, m, 0, &cause), 0);
	char *t = text_of(s, "SELECT status FROM meetings WHERE id = ?1", m);
	assert_string_equal(t, "live");
	free(t);
	t = text_of(s, "SELECT starts_at FROM meetings WHERE id = ?1", m);
	assert_string_equal(t, now); /* (fails only across a minute boundary) */
	free(t);
	t = text_of(s, "SELECT started_at FROM agenda_items WHERE id = ?1", it1);
	assert_non_null(t);
	free(t);
	/* The start is one status change in the log; starting twice adds none. */
	assert_int_equal(store_live_start(s, m, 0, &cause), 0);
	assert_int_equal(log_rows(s, m), 1);

	assert_int_equal(store_live_move(s, m, it1, it2, &cause), 0);
	assert_int_equal(
	    count(s, "SELECT ended_at IS NOT NULL FROM agenda_items WHERE id = ?1", it1), 1);
	assert_int_equal(
	    count(s, "SELECT started_at IS NOT NULL FROM agenda_items WHERE id = ?1", it2), 1);
	assert_int_equal(store_live_load(s, m, &lm, &cause), 0);
	assert_int_equal(lm->current, 1);
	live_meeting_free(lm);
	/* A note with item 0 goes under the running item. */
	struct live_note n = {.kind = NK_STATEMENT, .text = "Thảo luận"};
	int64_t item;
	assert_int_equal(store_live_note_add(s, m, &n, 0, NULL, &item, &cause), 0);
	assert_int_equal(item, it2);
	/* Back to item 1: it runs again, item 2 is ended. */
	assert_int_equal(store_live_move(s, m, it2, it1, &cause), 0);
	assert_int_equal(count(s, "SELECT ended_at IS NULL FROM agenda_items WHERE id = ?1", it1),
			 1);
	assert_int_equal(store_live_load(s, m, &lm, &cause), 0);
	assert_int_equal(lm->current, 0);
	assert_int_equal(lm->items[1].n_notes, 1);
	live_meeting_free(lm);
	/* An item of another meeting is refused. */
	int64_t other = add_meeting(s, 1);
	int64_t foreign = count(s, "SELECT id FROM agenda_items WHERE meeting_id = ?1", other);
	assert_int_equal(store_live_move(s, m, it1, foreign, &cause), -1);
	assert_non_null(strstr(cause, "no agenda item"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_live_move(s, m, it1, it3, &cause), 0);

	assert_int_equal(store_live_end(s, m, &cause), 0);
	t = text_of(s, "SELECT status FROM meetings WHERE id = ?1", m);
	assert_string_equal(t, "closed");
	free(t);
	assert_int_equal(count(s, "SELECT ends_at IS NOT NULL FROM meetings WHERE id = ?1", m), 1);
	assert_int_equal(
	    count(s, "SELECT ended_at IS NOT NULL FROM agenda_items WHERE id = ?1", it3), 1);
	assert_int_equal(log_rows(s, m), 2);
	/* Ending again is refused: the meeting is not live. */
	assert_int_equal(store_live_end(s, m, &cause), -1);
	assert_non_null(strstr(cause, "not live"));
	free(cause);
	cause = NULL;
	/* A note added to a closed meeting is logged. */
	assert_int_equal(store_live_note_add(s, m, &n, 0, NULL, NULL, &cause), 0);
	assert_int_equal(log_rows(s, m), 3);
	store_close(s);
}

static void test_edit_delete_logged_and_approved_refused(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	int64_t m = add_meeting(s, 1);
	struct live_note n = {
	    .speaker = "Nguyễn Thị Lan", .kind = NK_STATEMENT, .text = "Lỗi chính tả"};
	int64_t id;
	assert_int_equal(store_live_note_add(s, m, &n, 0, &id, NULL, &cause), 0);
	/* Draft meeting: corrected without a log. */
	assert_int_equal(
	    store_live_note_edit(s, id, "Nguyễn Thị Lan", NK_REPORT, "Lỗi chính tả.", &cause), 0);
	assert_int_equal(log_rows(s, m), 0);

	assert_int_equal(store_live_start(s, m, 0, &cause), 0);
	assert_int_equal(store_live_note_edit(s, id, "Hà Duy Trung", NK_REPORT, "Đã sửa", &cause),
			 0);
	/* The start, then speaker and text changed (kind did not): three rows. */
	assert_int_equal(log_rows(s, m), 3);
	char *t = text_of(s,
			  "SELECT old_value FROM change_log WHERE meeting_id = ?1 AND what = "
			  "'note' AND field = 'text'",
			  m);
	assert_string_equal(t, "Lỗi chính tả.");
	free(t);
	t = text_of(s, "SELECT text FROM notes WHERE id = ?1", id);
	assert_string_equal(t, "Đã sửa");
	free(t);
	assert_int_equal(store_live_note_edit(s, id, NULL, NK_REPORT, " ", &cause), -1);
	free(cause);
	cause = NULL;

	int64_t id2;
	n.text = "Sẽ xoá";
	assert_int_equal(store_live_note_add(s, m, &n, 0, &id2, NULL, &cause), 0);
	assert_int_equal(log_rows(s, m), 3); /* live additions are not logged */
	assert_int_equal(store_live_note_delete(s, id2, &cause), 0);
	assert_int_equal(log_rows(s, m), 4);
	t = text_of(s, "SELECT old_value FROM change_log WHERE meeting_id = ?1 ORDER BY id DESC",
		    m);
	assert_string_equal(t, "Nguyễn Thị Lan: Sẽ xoá");
	free(t);
	assert_int_equal(store_live_note_delete(s, id2, &cause), -1);
	assert_string_equal(cause, "no note with id 2");
	free(cause);
	cause = NULL;

	/* Approved: every write is refused and nothing changes. */
	assert_int_equal(store_live_end(s, m, &cause), 0);
	assert_int_equal(db_exec(s, "UPDATE meetings SET status = 'approved'", &cause), 0);
	int64_t before = log_rows(s, m);
	assert_int_equal(store_live_note_edit(s, id, NULL, NK_REPORT, "Không được", &cause), -1);
	assert_non_null(strstr(cause, "approved"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_live_note_delete(s, id, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(store_live_note_add(s, m, &n, 0, NULL, NULL, &cause), -1);
	free(cause);
	cause = NULL;
	struct live_note pn0 = {.text = "Kiến nghị"};
	assert_int_equal(store_live_proposal_add(s, m, &pn0, NULL, 0, NULL, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(log_rows(s, m), before);
	assert_int_equal(count(s, "SELECT count(*) FROM notes WHERE meeting_id = ?1", m), 1);
	store_close(s);
}

static void test_late_proposal_directive(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	int64_t m = add_meeting(s, 1);
	assert_int_equal(store_live_start(s, m, 0, &cause), 0);
	int64_t lan =
	    count(s, "SELECT id FROM attendees WHERE meeting_id = ?1 AND position = 1", m);
	assert_int_equal(store_live_late(s, lan, "2024-07-10T08:25", &cause), 0);
	char *t =
	    text_of(s, "SELECT presence || ' ' || arrived_at FROM attendees WHERE id = ?1", lan);
	assert_string_equal(t, "late 2024-07-10T08:25");
	free(t);
	assert_int_equal(log_rows(s, m), 2);
	assert_int_equal(store_live_late(s, lan, "8:25", &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(store_live_late(s, lan, NULL, &cause), 0);

	int64_t item = count(s, "SELECT id FROM agenda_items WHERE meeting_id = ?1", m);
	int64_t pid;
	struct live_note pn1 = {.item = item, .text = "Đề nghị hỗ trợ kinh phí"};
	assert_int_equal(
	    store_live_proposal_add(s, m, &pn1, "Huyện đoàn Tuy Phước", 0, &pid, &cause), 0);
	t = text_of(s, "SELECT unit || '|' || text || '|' || status FROM proposals WHERE id = ?1",
		    pid);
	assert_string_equal(t, "Huyện đoàn Tuy Phước|Đề nghị hỗ trợ kinh phí|open");
	free(t);
	int64_t did;
	assert_int_equal(store_live_directive_add(s, m, "Tổng kết 6 tháng", "Văn phòng",
						  "2024-07-31", &did, &cause),
			 0);
	t = text_of(s, "SELECT owner || '|' || due || '|' || status FROM directives WHERE id = ?1",
		    did);
	assert_string_equal(t, "Văn phòng|2024-07-31|open");
	free(t);
	/* A day that does not exist is refused, whichever way it is written,
	 * and the reason says what is wrong with it. */
	static const char *const bad[][2] = {
	    {"31/02/2024", "\"31/02/2024\": month 2 of 2024 has no day 31"},
	    {"2023-02-29", "\"2023-02-29\": month 2 of 2023 has no day 29"},
	    {"12/13/2024", "\"12/13/2024\" is not a date: no month 13"},
	    {"cuối tháng", "\"cuối tháng\" is not a date like 2023-06-30 or 30/06/2023"},
	    {"30/9/1800", "\"30/9/1800\" is not a date like 2023-06-30 or 30/06/2023"},
	    {"30/9/023", "\"30/9/023\" is not a date like 2023-06-30 or 30/06/2023"},
	    {"31/9/23", "\"31/9/23\": month 9 of 2023 has no day 31"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(
		    store_live_directive_add(s, m, "Sai hạn", NULL, bad[i][0], NULL, &cause), -1);
		assert_string_equal(cause, bad[i][1]);
		free(cause);
		cause = NULL;
	}
	/* A time on a day that does not exist says so too. */
	assert_null(store_parse_time("31/02/2023 08:00", NULL, &cause));
	assert_string_equal(cause, "\"31/02/2023 08:00\": month 2 of 2023 has no day 31");
	free(cause);
	cause = NULL;
	char *tm = store_parse_time("30/9/23 07:30", NULL, &cause);
	assert_string_equal(tm, "2023-09-30T07:30");
	free(tm);
	/* dd/mm/yy, as offices also write it: the year 20yy. */
	assert_int_equal(
	    store_live_directive_add(s, m, "Báo cáo hè", NULL, "30/9/23", &did, &cause), 0);
	t = text_of(s, "SELECT due FROM directives WHERE id = ?1", did);
	assert_string_equal(t, "2023-09-30");
	free(t);
	/* dd/mm/yyyy, as the office writes it, is stored as ISO. */
	assert_int_equal(
	    store_live_directive_add(s, m, "Báo cáo quý", NULL, "31/7/2024", &did, &cause), 0);
	t = text_of(s, "SELECT due FROM directives WHERE id = ?1", did);
	assert_string_equal(t, "2024-07-31");
	free(t);
	assert_int_equal(store_live_directive_add(s, m, "Không hạn", NULL, "", NULL, &cause), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM directives WHERE meeting_id = ?1", m), 4);
	store_close(s);
}

/* A proposal captured live is a note of kind proposal in the item's
 * timeline, and a note whose kind becomes proposal is a proposal: one
 * thing, whichever side is written (db/007_proposal_notes.sql). */
static void test_proposal_is_a_note(void **state)
{
	struct store *s;
	char *cause = NULL;
	(void)state;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	int64_t m = add_meeting(s, 2);
	assert_int_equal(store_live_start(s, m, 0, &cause), 0);
	int64_t pid = 0;
	struct live_note pn = {.speaker = "Nguyễn Thị Lan", .text = "Đề nghị hỗ trợ kinh phí"};
	assert_int_equal(store_live_proposal_add(s, m, &pn, NULL, 0, &pid, &cause), 0);
	/* The unit comes from the speaker; the note is under the current item. */
	char *t = text_of(s,
			  "SELECT p.unit || '|' || n.speaker || '|' || n.kind || '|' || n.text"
			  " || '|' || (n.item_id = p.item_id) FROM proposals p"
			  " JOIN notes n ON n.id = p.note_id WHERE p.id = ?1",
			  pid);
	assert_string_equal(
	    t, "Huyện đoàn Tuy Phước|Nguyễn Thị Lan|proposal|Đề nghị hỗ trợ kinh phí|1");
	free(t);
	assert_int_equal(count(s, "SELECT count(*) FROM proposals WHERE meeting_id = ?1", m), 1);
	assert_int_equal(store_live_proposal_answer(s, pid, "Tỉnh đoàn hỗ trợ", TS_DONE, NULL, &cause),
			 0);
	t = text_of(s,
		    "SELECT answer || '|' || status || '|' || closed_meeting_id FROM proposals"
		    " WHERE id = ?1",
		    pid);
	char *want = xasprintf("Tỉnh đoàn hỗ trợ|done|%lld", (long long)m);
	assert_string_equal(t, want);
	free(want);
	free(t);
	/* Live, the answer is the recording itself: nothing logged. */
	assert_int_equal(log_rows(s, m), 1);

	/* A plain note set to kind proposal becomes a proposal ... */
	struct live_note n = {
	    .speaker = "Hà Duy Trung", .kind = NK_STATEMENT, .text = "Xin thêm chỉ tiêu"};
	int64_t nid;
	assert_int_equal(store_live_note_add(s, m, &n, 0, &nid, NULL, &cause), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM proposals WHERE meeting_id = ?1", m), 1);
	assert_int_equal(
	    store_live_note_edit(s, nid, "Hà Duy Trung", NK_PROPOSAL, "Xin thêm chỉ tiêu", &cause),
	    0);
	assert_int_equal(count(s, "SELECT count(*) FROM proposals WHERE note_id = ?1", nid), 1);
	t = text_of(s, "SELECT unit FROM proposals WHERE note_id = ?1", nid);
	assert_string_equal(t, "Tỉnh đoàn");
	free(t);
	/* ... whose text follows the note's, and the note the proposal's ... */
	assert_int_equal(store_live_note_edit(s, nid, "Hà Duy Trung", NK_PROPOSAL,
					      "Xin thêm hai chỉ tiêu", &cause),
			 0);
	t = text_of(s, "SELECT text FROM proposals WHERE note_id = ?1", nid);
	assert_string_equal(t, "Xin thêm hai chỉ tiêu");
	free(t);
	int64_t p2 = count(s, "SELECT id FROM proposals WHERE note_id = ?1", nid);
	assert_int_equal(store_proposal_set(s, p2, PF_TEXT, "Xin ba chỉ tiêu", &cause), 0);
	t = text_of(s, "SELECT text FROM notes WHERE id = ?1", nid);
	assert_string_equal(t, "Xin ba chỉ tiêu");
	free(t);
	/* ... and set back to a statement, it is no proposal any more, and
	 * still the note it was (db/012: taking the proposal away took the
	 * note too, and left its search row behind), indexed once ... */
	assert_int_equal(
	    store_live_note_edit(s, nid, "Hà Duy Trung", NK_STATEMENT, "Xin ba chỉ tiêu", &cause),
	    0);
	assert_int_equal(count(s, "SELECT count(*) FROM proposals WHERE note_id = ?1", nid), 0);
	t = text_of(s, "SELECT kind || '|' || text FROM notes WHERE id = ?1", nid);
	assert_string_equal(t, "statement|Xin ba chỉ tiêu");
	free(t);
	assert_int_equal(count(s, "SELECT count(*) FROM search_doc WHERE src = 1 AND src_id = ?1", nid),
			 1);
	/* ... so the next note is saved and indexed. */
	struct live_note n2 = {.speaker = "Hà Duy Trung", .kind = NK_STATEMENT, .text = "Nhất trí"};
	int64_t nid2;
	assert_int_equal(store_live_note_add(s, m, &n2, 0, &nid2, NULL, &cause), 0);
	assert_int_equal(
	    count(s, "SELECT count(*) FROM search_doc WHERE src = 1 AND src_id = ?1", nid2), 1);
	/* The same for a proposal raised live (its answer goes with it). */
	struct live_note pn3 = {.speaker = "Nguyễn Thị Lan", .text = "Đề nghị mở lớp"};
	int64_t pid3;
	assert_int_equal(store_live_proposal_add(s, m, &pn3, NULL, 0, &pid3, &cause), 0);
	int64_t pnote3 = count(s, "SELECT note_id FROM proposals WHERE id = ?1", pid3);
	assert_int_equal(store_live_note_edit(s, pnote3, "Nguyễn Thị Lan", NK_REPORT,
					      "Đề nghị mở lớp", &cause),
			 0);
	assert_int_equal(count(s, "SELECT count(*) FROM notes WHERE id = ?1 AND kind = 'report'",
			       pnote3),
			 1);
	assert_int_equal(count(s, "SELECT count(*) FROM proposals WHERE id = ?1", pid3), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM search_doc d WHERE d.src = 1 AND NOT EXISTS"
				  " (SELECT 1 FROM notes n WHERE n.id = d.src_id)",
			       0),
			 0);
	/* Deleting either side deletes the other. */
	assert_int_equal(store_proposal_delete(s, pid, &cause), 0);
	assert_int_equal(
	    count(s, "SELECT count(*) FROM notes WHERE kind = 'proposal' AND meeting_id = ?1", m),
	    0);
	struct live_note pn2 = {.text = "Mở lớp tập huấn"};
	assert_int_equal(store_live_proposal_add(s, m, &pn2, "Huyện đoàn Phù Cát", 0, &pid, &cause),
			 0);
	int64_t pnote = count(s, "SELECT note_id FROM proposals WHERE id = ?1", pid);
	assert_int_equal(store_live_note_delete(s, pnote, &cause), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM proposals WHERE meeting_id = ?1", m), 0);

	/* Conclusions are appended in order. */
	assert_int_equal(store_live_conclusion_add(s, m, "Thứ nhất", NULL, &cause), 0);
	assert_int_equal(store_live_conclusion_add(s, m, "Thứ hai", NULL, &cause), 0);
	t = text_of(s,
		    "SELECT group_concat(text, '/') FROM (SELECT text FROM conclusions"
		    " WHERE meeting_id = ?1 ORDER BY position)",
		    m);
	assert_string_equal(t, "Thứ nhất/Thứ hai");
	free(t);
	assert_int_equal(store_live_conclusion_add(s, m, "  ", NULL, &cause), -1);
	assert_string_equal(cause, "conclusion is empty");
	free(cause);
	store_close(s);
}

/* A meeting written as a document (import) with a proposal note and its
 * proposal keeps ONE proposal, linked to the note. */
static void test_import_links_proposal_notes(void **state)
{
	struct store *s;
	char *cause = NULL;
	(void)state;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	struct meeting *mt = meeting_new();
	mt->title = xstrdup("Hội nghị");
	mt->status = MS_CLOSED;
	mt->starts_at = xstrdup("2024-07-10T08:00");
	mt->n_agenda = 1;
	mt->agenda = xcalloc(1, sizeof *mt->agenda);
	mt->agenda[0].title = xstrdup("Báo cáo");
	mt->agenda[0].n_notes = 2;
	mt->agenda[0].notes = xcalloc(2, sizeof *mt->agenda[0].notes);
	mt->agenda[0].notes[0].kind = NK_PROPOSAL;
	mt->agenda[0].notes[0].text = xstrdup("Kiến nghị A");
	mt->agenda[0].notes[1].kind = NK_PROPOSAL;
	mt->agenda[0].notes[1].text = xstrdup("Kiến nghị B");
	mt->n_proposals = 1;
	mt->proposals = xcalloc(1, sizeof *mt->proposals);
	mt->proposals[0].item_index = 0;
	mt->proposals[0].unit = xstrdup("Huyện đoàn An Lão");
	mt->proposals[0].text = xstrdup("Kiến nghị B");
	mt->proposals[0].answer = xstrdup("Đồng ý");
	int64_t id;
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_meeting_insert(s, mt, &id, &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	meeting_free(mt);
	/* B took the document's proposal (with its answer); A got one. */
	assert_int_equal(count(s, "SELECT count(*) FROM proposals WHERE meeting_id = ?1", id), 2);
	char *t = text_of(
	    s,
	    "SELECT group_concat(x, '/') FROM (SELECT p.text || ':' || coalesce(p.answer, '-')"
	    " || ':' || coalesce(p.unit, '-') AS x FROM proposals p JOIN notes n ON n.id = "
	    "p.note_id"
	    " WHERE p.meeting_id = ?1 ORDER BY p.position)",
	    id);
	assert_string_equal(t, "Kiến nghị B:Đồng ý:Huyện đoàn An Lão/Kiến nghị A:-:-");
	free(t);
	store_close(s);
}

static void exec_sql(struct store *s, const char *sql)
{
	char *cause = NULL;
	if (db_exec(s, sql, &cause) < 0)
		fail_msg("%s: %s", sql, cause);
}

/* A store at schema 11 where a proposal note was corrected into a report:
 * 007's triggers deleted the note and left its search row, which kept
 * the next note of the same id out of the index and unsaved. Opening it
 * takes the row away (db/012), and the same correction keeps the note. */
static void test_migration_repairs_lost_proposal_note(void **state)
{
	struct store *s;
	char *cause = NULL;
	(void)state;
	char *path = xasprintf("%s/lost.db", tmpdir);
	assert_int_equal(store_open(&s, path, STORE_CREATE, &cause), 0);
	int64_t m = add_meeting(s, 2);
	exec_sql(s, "BEGIN; DROP TRIGGER proposals_note_ad;"
		    "CREATE TRIGGER proposals_note_ad AFTER DELETE ON proposals"
		    " WHEN old.note_id IS NOT NULL BEGIN"
		    " DELETE FROM notes WHERE id = old.note_id; END;"
		    "PRAGMA user_version = 11; COMMIT;");
	assert_int_equal(store_live_start(s, m, 0, &cause), 0);
	struct live_note pn = {.speaker = "Nguyễn Thị Lan", .text = "Đề nghị hỗ trợ kinh phí"};
	int64_t pid;
	assert_int_equal(store_live_proposal_add(s, m, &pn, NULL, 0, &pid, &cause), 0);
	int64_t nid = count(s, "SELECT note_id FROM proposals WHERE id = ?1", pid);
	assert_int_equal(store_live_note_edit(s, nid, "Nguyễn Thị Lan", NK_REPORT,
					      "Đề nghị hỗ trợ kinh phí", &cause),
			 0);
	/* The damage as it was: the note gone, its search row left. */
	assert_int_equal(count(s, "SELECT count(*) FROM notes WHERE id = ?1", nid), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM search_doc WHERE src = 1 AND src_id = ?1", nid),
			 1);
	store_close(s);

	if (store_open(&s, path, 0, &cause) < 0)
		fail_msg("reopen: %s", cause);
	assert_int_equal(count(s, "SELECT count(*) FROM search_doc WHERE src = 1 AND src_id = ?1", nid),
			 0);
	/* The next note takes the freed id and is saved and indexed. */
	struct live_note n = {.speaker = "Hà Duy Trung", .kind = NK_STATEMENT, .text = "Nhất trí"};
	int64_t nid2;
	assert_int_equal(store_live_note_add(s, m, &n, 0, &nid2, NULL, &cause), 0);
	assert_int_equal(
	    count(s, "SELECT count(*) FROM search_doc WHERE src = 1 AND src_id = ?1", nid2), 1);
	/* And the correction now keeps the note. */
	assert_int_equal(store_live_proposal_add(s, m, &pn, NULL, 0, &pid, &cause), 0);
	nid = count(s, "SELECT note_id FROM proposals WHERE id = ?1", pid);
	assert_int_equal(store_live_note_edit(s, nid, "Nguyễn Thị Lan", NK_REPORT,
					      "Đề nghị hỗ trợ kinh phí", &cause),
			 0);
	assert_int_equal(count(s, "SELECT count(*) FROM notes WHERE id = ?1 AND kind = 'report'", nid),
			 1);
	store_close(s);
	unlink(path);
	free(path);
}

/* A store written before db/007 (proposal notes and proposals as two
 * records, paired by text in the minutes) is converted when opened: the
 * pairs are linked, a proposal note without a proposal gets one, and the
 * search index finds each proposal once. The old schema is made by taking
 * 007 away from a new store. */
static void test_migration_links_existing(void **state)
{
	struct store *s;
	char *cause = NULL;
	(void)state;
	char *path = xasprintf("%s/old.db", tmpdir);
	assert_int_equal(store_open(&s, path, STORE_CREATE, &cause), 0);
	int64_t m = add_meeting(s, 2);
	exec_sql(
	    s,
	    "BEGIN;"
	    "DROP TRIGGER notes_proposal_ai; DROP TRIGGER notes_proposal_kind_on;"
	    "DROP TRIGGER notes_proposal_kind_off; DROP TRIGGER notes_proposal_au;"
	    "DROP TRIGGER notes_proposal_speaker; DROP TRIGGER notes_proposal_ad;"
	    "DROP TRIGGER proposals_note_au; DROP TRIGGER proposals_note_ad;"
	    "DROP TRIGGER proposals_search_ai; DROP TRIGGER proposals_search_au;"
	    "DROP VIEW search_src;"
	    "CREATE VIEW search_src(src, src_id, meeting_id, pos, text, speaker, kind) AS"
	    " SELECT 1, id, meeting_id, position, text, speaker, kind FROM notes"
	    " UNION ALL SELECT 3, id, meeting_id, position, text, unit, 'proposal' FROM proposals;"
	    "DROP INDEX proposals_note;"
	    "ALTER TABLE proposals DROP COLUMN note_id;"
	    "CREATE TRIGGER proposals_search_ai AFTER INSERT ON proposals BEGIN"
	    " INSERT INTO search_put VALUES (3, new.id, new.meeting_id, new.text, new.unit,"
	    " 'proposal'); END;"
	    "CREATE TRIGGER proposals_search_au AFTER UPDATE ON proposals"
	    " WHEN old.text IS NOT new.text BEGIN"
	    " DELETE FROM search_doc WHERE src IN (3, 4) AND src_id = old.id;"
	    " INSERT INTO search_put VALUES (3, new.id, new.meeting_id, new.text, new.unit,"
	    " 'proposal'); END;"
	    "ALTER TABLE change_log DROP COLUMN item_id; ALTER TABLE change_log DROP COLUMN field;"
	    "ALTER TABLE notes DROP COLUMN after_conclusions;"
	    "PRAGMA user_version = 6; COMMIT;");
	char *sql = xasprintf(
	    "BEGIN;"
	    "INSERT INTO notes(meeting_id, item_id, position, speaker, kind, text) VALUES"
	    " (%1$lld, (SELECT id FROM agenda_items WHERE meeting_id = %1$lld AND position = 1), 0,"
	    "  'Nguyễn Thị Lan', 'proposal', 'Có đề án'),"
	    " (%1$lld, (SELECT id FROM agenda_items WHERE meeting_id = %1$lld AND position = 1), 1,"
	    "  'Nguyễn Thị Lan', 'proposal', 'Không có đề án');"
	    "INSERT INTO proposals(meeting_id, item_id, position, unit, text, answer) VALUES"
	    " (%1$lld, NULL, 0, 'Huyện đoàn Tuy Phước', 'Có đề án', 'Đồng ý'),"
	    " (%1$lld, NULL, 1, 'Huyện đoàn Tuy Phước', 'Ngoài nội dung', NULL);"
	    "COMMIT;",
	    (long long)m);
	exec_sql(s, sql);
	free(sql);
	assert_int_equal(
	    count(s, "SELECT count(*) FROM search_doc WHERE src = 3 AND meeting_id = ?1", m), 2);
	store_close(s);

	if (store_open(&s, path, 0, &cause) < 0)
		fail_msg("reopen: %s", cause);
	/* Linked by text (with its answer, now under the note's item); the
	 * orphan note got a proposal with the speaker's unit; the proposal of
	 * no note stays as it was. */
	char *t =
	    text_of(s,
		    "SELECT group_concat(x, ' / ') FROM (SELECT p.text || ':' ||"
		    " coalesce(p.answer, '-') || ':' || coalesce(p.unit, '-') || ':' ||"
		    " (p.note_id IS NOT NULL) || (p.item_id IS NOT NULL) AS x FROM proposals p"
		    " WHERE p.meeting_id = ?1 ORDER BY p.position)",
		    m);
	assert_string_equal(t, "Có đề án:Đồng ý:Huyện đoàn Tuy Phước:11 / Ngoài nội dung:-:Huyện"
			       " đoàn Tuy Phước:00 / Không có đề án:-:Huyện đoàn Tuy Phước:11");
	free(t);
	/* Found once: the linked ones as their notes only. */
	assert_int_equal(
	    count(s, "SELECT count(*) FROM search_doc WHERE src = 3 AND meeting_id = ?1", m), 1);
	/* And from now on they are one thing. */
	int64_t nid =
	    count(s, "SELECT id FROM notes WHERE text = 'Có đề án' AND meeting_id = ?1", m);
	assert_int_equal(store_live_note_delete(s, nid, &cause), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM proposals WHERE meeting_id = ?1", m), 2);
	store_close(s);
	free(path);
}

/* The text that sql (one ?1) gives for arg is want. */
static void text_is(struct store *s, const char *sql, int64_t arg, const char *want)
{
	char *t = text_of(s, sql, arg);
	assert_string_equal(t, want);
	free(t);
}

/* An answer given under a later item is the proposal's answer and a note
 * of that item, tied by their text (doc_minutes.c prints it once, under
 * its proposal): correcting either side corrects the other, and answering
 * again rewrites that note instead of adding a second. */
static void test_answer_note_follows(void **state)
{
	struct store *s;
	char *cause = NULL;
	(void)state;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	int64_t m = add_meeting(s, 2);
	int64_t item1 = count(s, "SELECT min(id) FROM agenda_items WHERE meeting_id = ?1", m);
	int64_t item2 = count(s, "SELECT max(id) FROM agenda_items WHERE meeting_id = ?1", m);
	assert_int_equal(store_live_start(s, m, item1, &cause), 0);
	int64_t pid = 0, nid = 0, other = 0;
	struct live_note pn = {.item = item1, .speaker = "Nguyễn Thị Lan", .text = "Xin kinh phí"};
	assert_int_equal(store_live_proposal_add(s, m, &pn, NULL, 0, &pid, &cause), 0);
	assert_int_equal(store_live_proposal_answer(s, pid, "Đồng ý", TS_DONE, NULL, &cause), 0);
	struct live_note an = {
	    .item = item2, .speaker = "Hà Duy Trung", .kind = NK_ANSWER, .text = "Đồng ý"};
	assert_int_equal(store_live_note_add(s, m, &an, 0, &nid, NULL, &cause), 0);
	/* a statement of the same words is no answer: never touched */
	struct live_note st = {.item = item2, .text = "Đồng ý"};
	assert_int_equal(store_live_note_add(s, m, &st, 0, &other, NULL, &cause), 0);
	const char *answer_sql = "SELECT answer FROM proposals WHERE id = ?1";
	const char *note_sql = "SELECT text FROM notes WHERE id = ?1";

	/* the note corrected on the live screen */
	assert_int_equal(store_live_note_edit(s, nid, "Hà Duy Trung", NK_ANSWER,
					      "Đồng ý, hỗ trợ 20 triệu", &cause),
			 0);
	text_is(s, answer_sql, pid, "Đồng ý, hỗ trợ 20 triệu");
	/* the proposal's answer corrected in its tab */
	assert_int_equal(store_proposal_set(s, pid, PF_ANSWER, "Đồng ý, hỗ trợ 30 triệu", &cause), 0);
	text_is(s, note_sql, nid, "Đồng ý, hỗ trợ 30 triệu");
	/* the note corrected in the agenda tab */
	assert_int_equal(store_note_set(s, nid, NF_TEXT, "Đồng ý, hỗ trợ 40 triệu", &cause), 0);
	text_is(s, answer_sql, pid, "Đồng ý, hỗ trợ 40 triệu");
	/* answered again (F12): the same note, no second */
	int renoted = 0;
	assert_int_equal(
	    store_live_proposal_answer(s, pid, "Hỗ trợ 50 triệu", TS_DONE, &renoted, &cause), 0);
	assert_int_equal(renoted, 1);
	text_is(s, note_sql, nid, "Hỗ trợ 50 triệu");
	assert_int_equal(
	    count(s, "SELECT count(*) FROM notes WHERE kind = 'answer' AND meeting_id = ?1", m), 1);
	text_is(s, note_sql, other, "Đồng ý");
	/* cleared, the answer leaves the note as it was said */
	assert_int_equal(store_proposal_set(s, pid, PF_ANSWER, "", &cause), 0);
	text_is(s, note_sql, nid, "Hỗ trợ 50 triệu");
	/* a note of another kind does not move the answer */
	assert_int_equal(store_proposal_set(s, pid, PF_ANSWER, "Hỗ trợ 50 triệu", &cause), 0);
	assert_int_equal(store_note_set(s, other, NF_TEXT, "Hỗ trợ 50 triệu", &cause), 0);
	assert_int_equal(store_note_set(s, other, NF_TEXT, "Thống nhất", &cause), 0);
	text_is(s, answer_sql, pid, "Hỗ trợ 50 triệu");
	store_close(s);
}

static void test_draft_roundtrip_and_cleared_by_note(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	int64_t m = add_meeting(s, 1);
	int64_t item = count(s, "SELECT id FROM agenda_items WHERE meeting_id = ?1", m);
	struct live_draft d;
	assert_int_equal(store_draft_load(s, m, &d, &cause), 0);
	/* NFD in, NFC out; spaces kept as typed. */
	assert_int_equal(store_draft_save(s, m, item, "Nguyễn Thị Lan", NK_QUESTION,
					  "Ho\xcc\x89i ve\xcc\x82\xcc\x80 ", &cause),
			 0);
	assert_int_equal(store_draft_load(s, m, &d, &cause), 1);
	assert_string_equal(d.text, "Hỏi về ");
	assert_string_equal(d.speaker, "Nguyễn Thị Lan");
	assert_int_equal(d.kind, NK_QUESTION);
	assert_int_equal(d.item, item);
	live_draft_free(&d);
	/* Drafts skip the fsync, but the connection is back to FULL after. */
	assert_int_equal(count(s, "PRAGMA synchronous", 0), 2);
	/* Upsert: one row per meeting and author. */
	assert_int_equal(
	    store_draft_save(s, m, item, "Nguyễn Thị Lan", NK_QUESTION, "Hỏi về kinh phí", &cause),
	    0);
	assert_int_equal(count(s, "SELECT count(*) FROM drafts WHERE meeting_id = ?1", m), 1);
	/* Confirming the note clears the text but keeps the speaker. */
	struct live_note n = {.item = item,
			      .speaker = "Nguyễn Thị Lan",
			      .kind = NK_QUESTION,
			      .text = "Hỏi về kinh phí"};
	assert_int_equal(store_live_note_add(s, m, &n, 1, NULL, NULL, &cause), 0);
	assert_int_equal(store_draft_load(s, m, &d, &cause), 1);
	assert_string_equal(d.text, "");
	assert_string_equal(d.speaker, "Nguyễn Thị Lan");
	live_draft_free(&d);
	assert_int_equal(store_draft_clear(s, m, &cause), 0);
	assert_int_equal(store_draft_load(s, m, &d, &cause), 0);
	store_close(s);
}

/* A writer process: n notes, each with a draft save before it. */
static void writer(const char *path, int64_t m, const char *who, int n)
{
	struct store *s;
	char *cause = NULL;
	if (store_open(&s, path, 0, &cause) < 0)
		_exit(10);
	for (int i = 0; i < n; i++) {
		char *text = xasprintf("%s ghi ý kiến số %d", who, i);
		if (store_draft_save(s, m, 0, who, NK_STATEMENT, text, &cause) < 0) {
			fprintf(stderr, "draft: %s\n", cause);
			_exit(11);
		}
		struct live_note note = {.speaker = who, .kind = NK_STATEMENT, .text = text};
		if (store_live_note_add(s, m, &note, 1, NULL, NULL, &cause) < 0) {
			fprintf(stderr, "note: %s\n", cause);
			_exit(12);
		}
		free(text);
	}
	store_close(s);
	_exit(0);
}

static void test_two_writers_lose_nothing(void **state)
{
	char *path = xasprintf("%s/two.db", tmpdir);
	struct store *s, *ro;
	char *cause = NULL;
	assert_int_equal(store_open(&s, path, STORE_CREATE, &cause), 0);
	int64_t m = add_meeting(s, 1);
	assert_int_equal(store_live_start(s, m, 0, &cause), 0);
	assert_int_equal(store_open(&ro, path, STORE_READONLY, &cause), 0);
	int64_t v0 = store_data_version(ro);

	enum { PER = 150 };
	pid_t a = fork();
	if (a == 0)
		writer(path, m, "Hà Duy Trung", PER);
	pid_t b = fork();
	if (b == 0)
		writer(path, m, "Nguyễn Thị Lan", PER);
	int st;
	assert_int_equal(waitpid(a, &st, 0), a);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_int_equal(waitpid(b, &st, 0), b);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);

	assert_int_equal(count(s, "SELECT count(*) FROM notes WHERE meeting_id = ?1", m), 2 * PER);
	assert_int_equal(
	    count(s, "SELECT count(DISTINCT position) FROM notes WHERE meeting_id = ?1", m),
	    2 * PER);
	assert_int_equal(count(s,
			       "SELECT count(*) FROM notes WHERE meeting_id = ?1 AND text ="
			       " 'Nguyễn Thị Lan ghi ý kiến số 149'",
			       m),
			 1);
	/* The reviewer's connection sees that others committed. */
	assert_true(store_data_version(ro) != v0);
	/* And the reviewer cannot write. */
	assert_int_equal(store_draft_save(ro, m, 0, NULL, NK_STATEMENT, "x", &cause), -1);
	assert_string_equal(cause, "the store is open read-only");
	free(cause);
	store_close(ro);
	store_close(s);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_note_without_agenda_creates_item),
	    cmocka_unit_test(test_progress_start_move_end),
	    cmocka_unit_test(test_edit_delete_logged_and_approved_refused),
	    cmocka_unit_test(test_late_proposal_directive),
	    cmocka_unit_test(test_proposal_is_a_note),
	    cmocka_unit_test(test_import_links_proposal_notes),
	    cmocka_unit_test(test_migration_links_existing),
	    cmocka_unit_test(test_migration_repairs_lost_proposal_note),
	    cmocka_unit_test(test_answer_note_follows),
	    cmocka_unit_test(test_draft_roundtrip_and_cleared_by_note),
	    cmocka_unit_test(test_two_writers_lose_nothing),
	    cmocka_unit_test(test_writes_stamp_updated_at),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
