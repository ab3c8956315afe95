/* test_review.c - status transitions and their refusals, the change log,
 * directives across meetings, status follow-up and carry-overs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "embedded.h"
#include "store.h"
#include "store_review.h"
#include "util.h"

static struct meeting *quarter(const char *starts, const char *period, enum meeting_status st)
{
	struct meeting *m = meeting_new();
	m->title = xasprintf("Hội nghị giao ban Cụm thi đua số 4 quý %s", period);
	m->cluster = 4;
	m->period = xstrdup(period);
	m->status = st;
	m->starts_at = xstrdup(starts);
	m->n_directives = 3;
	m->directives = xcalloc(3, sizeof *m->directives);
	m->directives[0].text = xasprintf("Tổ chức Hội trại tòng quân (%s)", period);
	m->directives[0].owner = xstrdup("Huyện đoàn Tuy Phước");
	m->directives[0].due = xstrdup("2023-06-30");
	m->directives[1].text = xasprintf("Báo cáo công tác hè (%s)", period);
	m->directives[1].owner = xstrdup("Thị đoàn An Nhơn");
	m->directives[1].due = xstrdup("2023-09-30");
	m->directives[2].text = xasprintf("Rà soát đoàn viên (%s)", period);
	m->directives[2].owner = xstrdup("Huyện đoàn Tuy Phước");
	m->directives[2].status = TS_DONE;
	m->n_proposals = 2;
	m->proposals = xcalloc(2, sizeof *m->proposals);
	m->proposals[0].text = xasprintf("Đề nghị hỗ trợ kinh phí (%s)", period);
	m->proposals[0].unit = xstrdup("Huyện đoàn Phù Cát");
	m->proposals[0].item_index = -1;
	m->proposals[1].text = xasprintf("Đề nghị tập huấn (%s)", period);
	m->proposals[1].answer = xstrdup("Tỉnh đoàn tổ chức trong tháng 5");
	m->proposals[1].status = TS_DONE;
	m->proposals[1].item_index = -1;
	return m;
}

static int64_t add(struct store *s, struct meeting *m)
{
	int64_t id;
	char *cause = NULL;
	if (store_meeting_insert(s, m, &id, &cause) < 0)
		fail_msg("insert: %s", cause);
	meeting_free(m);
	return id;
}

static struct store *open_memory(void)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	return s;
}

/* Expect a failure whose message contains `part`. */
static void refused(int rc, char **cause, const char *part)
{
	assert_int_equal(rc, -1);
	assert_non_null(*cause);
	if (!strstr(*cause, part))
		fail_msg("'%s' does not say '%s'", *cause, part);
	free(*cause);
	*cause = NULL;
}

static void test_transitions_and_refusals(void **state)
{
	struct store *s = open_memory();
	int64_t m = add(s, quarter("2023-04-12T08:00", "I/2023", MS_DRAFT));
	char *cause = NULL;
	refused(store_meeting_approve(s, m, &cause), &cause, "is a draft; only a closed meeting");
	refused(store_meeting_reopen(s, m, "sửa", &cause), &cause, "not approved");
	refused(store_meeting_set_status(s, m, MS_CLOSED, NULL, &cause), &cause,
		"cannot go from draft to closed");
	assert_int_equal(store_meeting_set_status(s, m, MS_LIVE, NULL, &cause), 0);
	refused(store_meeting_approve(s, m, &cause), &cause, "is live; end it before approving");
	refused(store_meeting_set_status(s, m, MS_LIVE, NULL, &cause), &cause, "already live");
	assert_int_equal(store_meeting_set_status(s, m, MS_CLOSED, NULL, &cause), 0);
	assert_int_equal(store_meeting_approve(s, m, &cause), 0);
	/* approved: read-only everywhere */
	enum meeting_status st;
	refused(store_meeting_writable(s, m, &st, &cause), &cause, "approved; reopen it");
	assert_int_equal(st, MS_APPROVED);
	refused(store_directive_set_status(s, 1, TS_DONE, 0, &cause), &cause, "approved");
	refused(store_meeting_set_status(s, m, MS_LIVE, NULL, &cause), &cause, "approved");
	/* reopening needs a reason */
	refused(store_meeting_reopen(s, m, NULL, &cause), &cause, "needs a reason");
	refused(store_meeting_reopen(s, m, "  \t ", &cause), &cause, "needs a reason");
	refused(store_meeting_reopen(s, 99, "x", &cause), &cause, "no meeting with id 99");
	/* the reason typed with combining marks is stored NFC */
	assert_int_equal(
	    store_meeting_reopen(s, m, " Sai so\xcc\x82\xcc\x81 lie\xcc\x82\xcc\xa3u ", &cause), 0);
	assert_int_equal(store_meeting_writable(s, m, &st, &cause), 0);
	assert_int_equal(st, MS_CLOSED);
	assert_int_equal(store_status_allowed(MS_DRAFT, MS_APPROVED), 0);
	assert_int_equal(store_status_allowed(MS_APPROVED, MS_CLOSED), 1);

	struct change_entry *e;
	size_t n;
	assert_int_equal(store_change_log(s, m, &e, &n, &cause), 0);
	assert_int_equal(n, 4);
	static const char *const from[] = {"draft", "live", "closed", "approved"};
	static const char *const to[] = {"live", "closed", "approved", "closed"};
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(e[i].what, "meeting");
		assert_int_equal(e[i].item, m);
		assert_string_equal(e[i].field, "status");
		assert_string_equal(e[i].old_value, from[i]);
		assert_string_equal(e[i].new_value, to[i]);
		assert_string_equal(e[i].who, store_user());
		assert_int_equal(strlen(e[i].at), 19);
	}
	assert_null(e[0].reason);
	assert_string_equal(e[3].reason, "Sai số liệu");
	for (size_t i = 0; i < n; i++)
		change_entry_free(&e[i]);
	free(e);
	refused(store_change_log(s, 42, &e, &n, &cause), &cause, "no meeting with id 42");
	store_close(s);
}

static void test_readonly_store_refuses(void **state)
{
	char dir[] = "/tmp/bb-test-review-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/r.db", dir);
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, path, STORE_CREATE, &cause), 0);
	int64_t m = add(s, quarter("2023-04-12T08:00", "I/2023", MS_CLOSED));
	store_close(s);
	assert_int_equal(store_open(&s, path, STORE_READONLY, &cause), 0);
	refused(store_meeting_approve(s, m, &cause), &cause, "read-only");
	refused(store_directive_set_status(s, 1, TS_DONE, 0, &cause), &cause, "read-only");
	struct change_entry *e;
	size_t n;
	assert_int_equal(store_change_log(s, m, &e, &n, &cause), 0);
	assert_int_equal(n, 0);
	free(e);
	store_close(s);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
}

static void test_directives_list(void **state)
{
	struct store *s = open_memory();
	add(s, quarter("2023-04-12T08:00", "I/2023", MS_CLOSED));
	add(s, quarter("2023-07-12T08:00", "II/2023", MS_CLOSED));
	struct directive_filter f = {.today = "2023-07-15"};
	struct directive_row *r;
	size_t n;
	char *cause = NULL;
	assert_int_equal(store_directives_page(s, &f, 0, 0, &r, &n, &cause), 0);
	assert_int_equal(n, 6);
	/* open first, by due date, newest meeting first among equals */
	assert_string_equal(r[0].due, "2023-06-30");
	assert_int_equal(r[0].meeting_id, 2);
	assert_int_equal(r[0].overdue, 1);
	assert_int_equal(r[1].meeting_id, 1);
	assert_string_equal(r[2].due, "2023-09-30");
	assert_int_equal(r[2].overdue, 0);
	assert_int_equal(r[4].status, TS_DONE);
	assert_int_equal(r[4].overdue, 0);
	for (size_t i = 0; i < n; i++)
		directive_row_free(&r[i]);
	free(r);
	f.open_only = 1;
	f.unit = "TUY PHUOC";
	assert_int_equal(store_directives_page(s, &f, 0, 0, &r, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(r[0].owner, "Huyện đoàn Tuy Phước");
	for (size_t i = 0; i < n; i++)
		directive_row_free(&r[i]);
	free(r);
	f.unit = "an nhơn";
	f.open_only = 0;
	assert_int_equal(store_directives_page(s, &f, 1, 10, &r, &n, &cause), 0);
	assert_int_equal(n, 1); /* the second page of two */
	directive_row_free(&r[0]);
	free(r);
	store_close(s);
}

static void test_carry_over_and_follow_up(void **state)
{
	struct store *s = open_memory();
	char *cause = NULL;
	int64_t q1 = add(s, quarter("2023-04-12T08:00", "I/2023", MS_APPROVED));
	int64_t other = add(s, quarter("2023-05-01T08:00", "II/2023", MS_CLOSED));
	/* another cluster in between is not in the series */
	assert_int_equal(db_exec(s, "UPDATE meetings SET cluster_id = NULL WHERE id = 2", &cause),
			 0);
	int64_t q2 = add(s, quarter("2023-07-12T08:00", "II/2023", MS_DRAFT));
	int64_t prev = 0;
	assert_int_equal(store_meeting_previous(s, q2, &prev, &cause), 1);
	assert_int_equal(prev, q1);
	assert_int_equal(store_meeting_previous(s, q1, &prev, &cause), 0);
	assert_int_equal(store_meeting_previous(s, other, &prev, &cause), 0);

	struct carry_item *c;
	size_t n;
	assert_int_equal(store_carry_candidates(s, q2, &c, &n, &cause), 0);
	/* two open directives, one open proposal of quarter I */
	assert_int_equal(n, 3);
	assert_int_equal(c[0].kind, CARRY_DIRECTIVE);
	assert_int_equal(c[0].from_meeting, q1);
	assert_string_equal(c[0].due, "2023-06-30");
	assert_int_equal(c[2].kind, CARRY_PROPOSAL);
	assert_string_equal(c[2].owner, "Huyện đoàn Phù Cát");
	assert_int_equal(c[0].carried, 0);
	int64_t d1 = c[0].id, p1 = c[2].id;
	for (size_t i = 0; i < n; i++)
		carry_item_free(&c[i]);
	free(c);

	assert_int_equal(store_carry_add(s, q2, CARRY_DIRECTIVE, d1, &cause), 0);
	assert_int_equal(store_carry_add(s, q2, CARRY_DIRECTIVE, d1, &cause), 0); /* no-op */
	assert_int_equal(store_carry_add(s, q2, CARRY_PROPOSAL, p1, &cause), 0);
	refused(store_carry_add(s, q2, CARRY_DIRECTIVE, 9 * 3, &cause), &cause,
		"no directive with id 27");
	refused(store_carry_add(s, q2, CARRY_DIRECTIVE, 7, &cause), &cause,
		"belongs to meeting 3 itself");
	/* into an approved meeting: refused */
	refused(store_carry_add(s, q1, CARRY_DIRECTIVE, 7, &cause), &cause, "approved");

	/* reported done in quarter II although quarter I is approved */
	assert_int_equal(store_directive_set_status(s, d1, TS_DONE, q2, &cause), 0);
	assert_int_equal(store_proposal_set_status(s, p1, TS_DONE, "Đã cấp kinh phí", q2, &cause),
			 0);
	assert_int_equal(store_carryovers(s, q2, &c, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(c[0].kind, CARRY_DIRECTIVE);
	assert_int_equal(c[0].id, d1);
	assert_int_equal(c[0].status, TS_DONE);
	assert_int_equal(c[0].closed_in, q2);
	assert_int_equal(c[1].kind, CARRY_PROPOSAL);
	assert_string_equal(c[1].answer, "Đã cấp kinh phí");
	assert_int_equal(c[1].closed_in, q2);
	for (size_t i = 0; i < n; i++)
		carry_item_free(&c[i]);
	free(c);
	/* still offered to quarter II (carried), settled items included */
	assert_int_equal(store_carry_candidates(s, q2, &c, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_int_equal(c[0].carried, 1);
	assert_int_equal(c[0].status, TS_DONE);
	for (size_t i = 0; i < n; i++)
		carry_item_free(&c[i]);
	free(c);
	/* a draft's edits are not logged; after it went live they are */
	struct change_entry *e;
	size_t ne;
	assert_int_equal(store_change_log(s, q2, &e, &ne, &cause), 0);
	assert_int_equal(ne, 0);
	free(e);
	assert_int_equal(store_meeting_set_status(s, q2, MS_LIVE, NULL, &cause), 0);
	int64_t d2 = 2; /* the other open directive of quarter I */
	assert_int_equal(store_carry_add(s, q2, CARRY_DIRECTIVE, d2, &cause), 0);
	assert_int_equal(store_directive_set_status(s, d2, TS_DROPPED, q2, &cause), 0);
	/* settled in quarter II and taken off its list: open again (1), offered
	 * again, not carried, so no list hides it */
	assert_int_equal(store_carry_remove(s, q2, CARRY_DIRECTIVE, d2, &cause), 1);
	assert_int_equal(store_carry_candidates(s, q2, &c, &n, &cause), 0);
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		if (c[i].kind == CARRY_DIRECTIVE && c[i].id == d2) {
			found = 1;
			assert_int_equal(c[i].carried, 0);
			assert_int_equal(c[i].status, TS_OPEN);
			assert_int_equal(c[i].closed_in, 0);
		}
		carry_item_free(&c[i]);
	}
	free(c);
	assert_true(found);
	/* an open one taken off stays as it was (0) */
	assert_int_equal(store_carry_add(s, q2, CARRY_DIRECTIVE, d2, &cause), 0);
	assert_int_equal(store_carry_remove(s, q2, CARRY_DIRECTIVE, d2, &cause), 0);
	assert_int_equal(store_change_log(s, q2, &e, &ne, &cause), 0);
	assert_int_equal(ne, 7);
	/* stored as data, worded when shown */
	assert_string_equal(e[1].what, "directive");
	assert_int_equal(e[1].item, 2);
	assert_string_equal(e[1].field, "carried over");
	assert_string_equal(e[1].new_value, "directive 2");
	char *words = change_entry_words(&e[1]);
	assert_string_equal(words, "Directive 2: carried over");
	free(words);
	/* On the screen, who the row is now: the directive's owner. */
	words = change_entry_words_named(&e[1]);
	assert_string_equal(words, "Directive 2 (Thị đoàn An Nhơn): carried over");
	free(words);
	words = change_entry_words(&e[3]);
	assert_string_equal(words, "Directive 2: no longer carried over");
	free(words);
	assert_string_equal(e[2].what, "directive");
	assert_int_equal(e[2].item, 2);
	assert_string_equal(e[2].field, "status");
	assert_string_equal(e[2].old_value, "open");
	assert_string_equal(e[2].new_value, "dropped");
	assert_string_equal(e[3].old_value, "directive 2");
	assert_null(e[3].new_value);
	assert_string_equal(e[4].field, "status");
	assert_string_equal(e[4].old_value, "dropped");
	assert_string_equal(e[4].new_value, "open");
	for (size_t i = 0; i < ne; i++)
		change_entry_free(&e[i]);
	free(e);

	/* quarter III: what is still open after quarter II, incl. what was
	 * carried into it */
	int64_t q3 = add(s, quarter("2023-10-12T08:00", "III/2023", MS_DRAFT));
	assert_int_equal(store_carry_candidates(s, q3, &c, &n, &cause), 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(c[i].status, TS_OPEN);
		assert_int_equal(c[i].from_meeting, q2);
		carry_item_free(&c[i]);
	}
	assert_int_equal(n, 3); /* quarter II's own open ones; quarter I's are settled */
	free(c);
	/* reopening a directive clears where it was closed */
	assert_int_equal(store_directive_set_status(s, d1, TS_OPEN, q3, &cause), 0);
	assert_int_equal(store_carry_candidates(s, q3, &c, &n, &cause), 0);
	assert_int_equal(n, 4);
	assert_int_equal(c[0].id, d1);
	assert_int_equal(c[0].closed_in, 0);
	for (size_t i = 0; i < n; i++)
		carry_item_free(&c[i]);
	free(c);
	store_close(s);
}

/* Entries written before the change log was data (English phrases in
 * `what`) are converted by db/007 to what, item, field, and then read in
 * words like new ones; the C parser agrees with the migration. */
static void test_old_phrases_converted(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	int64_t m;
	struct meeting *q = quarter("2023-04-12T08:00", "I/2023", MS_CLOSED);
	assert_int_equal(store_meeting_insert(s, q, &m, &cause), 0);
	meeting_free(q);
	static const char *const old[][3] = {
	    {"status", "closed", "approved"},
	    {"note 52 text", "a", "b"},
	    {"agenda item 3: added", NULL, "Báo cáo"},
	    {"meeting 1: location", "x", "y"},
	    {"note added", NULL, "t"},
	    {"carried over", NULL, "directive 7"},
	    {"attendee 9 presence", "present", "late 08:30"},
	    {"directive 2 status", "open", "done"},
	    {"something else", "a", "b"},
	};
	static const char *const want[][4] = {
	    /* what, field, words, new in words */
	    {"meeting", "status", "status", "approved"},
	    {"note", "text", "Note 52: text", "b"},
	    {"agenda item", "added", "Agenda item 3: added", "Báo cáo"},
	    {"meeting", "location", "location", "y"},
	    {"note", "added", "Note: added", "t"},
	    {"directive", "carried over", "Directive 7: carried over", "Directive 7"},
	    {"attendee", "presence", "Attendee 9: presence", "late 08:30"},
	    {"directive", "status", "Directive 2: status", "done"},
	    {"something else", NULL, "something else", "b"},
	};
	for (size_t i = 0; i < BB_ARRAY_LEN(old); i++) {
		sqlite3_stmt *st =
		    db_prep(s,
			    "INSERT INTO change_log(meeting_id, at, who, what, old_value,"
			    " new_value) VALUES (?1, '2023-04-12T09:00:00', 'thuky', ?2,"
			    " ?3, ?4)",
			    &cause);
		assert_non_null(st);
		db_bind_int(st, 1, m);
		db_bind_text(st, 2, old[i][0]);
		db_bind_text(st, 3, old[i][1]);
		db_bind_text(st, 4, old[i][2]);
		assert_int_equal(db_done(s, st, &cause), 0);
		/* the C parser splits the phrase the same way */
		char *what, *field;
		int64_t item;
		change_phrase_parse(old[i][0], old[i][1], old[i][2], &what, &item, &field);
		assert_string_equal(what, want[i][0]);
		if (want[i][1])
			assert_string_equal(field, want[i][1]);
		else
			assert_null(field);
		free(what);
		free(field);
	}
	/* As the store was before db/008: the phrase only. */
	assert_int_equal(db_exec(s, "UPDATE change_log SET item_id = NULL, field = NULL", &cause),
			 0);
	const struct embedded_file *f = embedded_find("008_change_log_fields.sql");
	assert_non_null(f);
	/* The ALTERs have run already; the conversion is the rest. */
	const char *updates = strstr(f->data, "UPDATE");
	assert_non_null(updates);
	assert_int_equal(db_exec(s, updates, &cause), 0);
	struct change_entry *e;
	size_t n;
	assert_int_equal(store_change_log(s, m, &e, &n, &cause), 0);
	assert_int_equal(n, BB_ARRAY_LEN(old));
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(e[i].what, want[i][0]);
		if (want[i][1])
			assert_string_equal(e[i].field, want[i][1]);
		else
			assert_null(e[i].field);
		char *w = change_entry_words(&e[i]);
		assert_string_equal(w, want[i][2]);
		free(w);
		w = change_value_words(&e[i], e[i].new_value);
		assert_string_equal(w, want[i][3]);
		free(w);
		change_entry_free(&e[i]);
	}
	assert_int_equal(e[1].item, 52);
	assert_int_equal(e[0].item, m);
	free(e);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_transitions_and_refusals),
	    cmocka_unit_test(test_readonly_store_refuses),
	    cmocka_unit_test(test_directives_list),
	    cmocka_unit_test(test_carry_over_and_follow_up),
	    cmocka_unit_test(test_old_phrases_converted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
