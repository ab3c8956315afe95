/* test_check.c - bienban check on a store damaged by hand: text that is
 * not NFC in any column a document shows, notes filed under another
 * meeting's agenda item, and dangling references, each reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "doc.h"
#include "interchange.h"
#include "store.h"
#include "util.h"

static const char doc_json[] =
    "{\"format\": \"bienban/1\","
    " \"organization\": {\"issuer\": [\"BCH ĐOÀN TỈNH BÌNH ĐỊNH\"], \"place\": \"Bình Định\"},"
    " \"meetings\": ["
    "  {\"title\": \"Hội nghị Cụm 4\", \"starts_at\": \"2023-04-12T08:00\","
    "   \"location\": \"Hội trường Thị đoàn Hoài Nhơn\","
    "   \"attendees\": [{\"name\": \"Hà Duy Trung\", \"title\": \"Bí thư Tỉnh đoàn\","
    "                    \"role\": \"chair\", \"presence\": \"present\"}],"
    "   \"agenda\": [{\"title\": \"Báo cáo\", \"notes\": [{\"text\": \"Đoàn viên\","
    "                 \"speaker\": \"Hà Duy Trung\"}]}],"
    "   \"proposals\": [{\"unit\": \"Huyện đoàn An Lão\", \"text\": \"Đề nghị hỗ trợ\"}],"
    "   \"conclusions\": [{\"text\": \"Ghi nhận kết quả\"}],"
    "   \"directives\": [{\"text\": \"Gửi báo cáo\", \"owner\": \"Đoàn Khối\"}]},"
    "  {\"title\": \"Hội nghị Cụm 1\", \"starts_at\": \"2023-04-13T08:00\","
    "   \"agenda\": [{\"title\": \"Báo cáo\"}]}]}";

static struct store *store_with_doc(void)
{
	struct store *s;
	char *cause = NULL;
	if (store_open(&s, ":memory:", 0, &cause) < 0)
		fail_msg("open: %s", cause);
	struct interchange doc;
	struct strbuf warn = {0};
	if (interchange_parse(doc_json, strlen(doc_json), &doc, &warn, &cause) < 0)
		fail_msg("parse: %s", cause);
	int64_t *ids;
	size_t n;
	if (interchange_import(s, &doc, &ids, &n, &cause) < 0)
		fail_msg("import: %s", cause);
	assert_int_equal(n, 2);
	free(ids);
	interchange_free(&doc);
	strbuf_free(&warn);
	return s;
}

static void exec(struct store *s, const char *sql)
{
	char *cause = NULL;
	if (db_exec(s, sql, &cause) < 0)
		fail_msg("%s: %s", sql, cause);
}

static int check(struct store *s, char **report)
{
	char *cause = NULL;
	int n = store_check(s, report, &cause);
	if (n < 0)
		fail_msg("check: %s", cause);
	return n;
}

/* "Đoàn" with the grave as a combining mark: not NFC. */
#define NFD_DOAN "'Đoa' || char(0x300) || 'n'"

static void test_clean_store_is_ok(void **state)
{
	(void)state;
	struct store *s = store_with_doc();
	char *report;
	assert_int_equal(check(s, &report), 0);
	assert_string_equal(report, "");
	free(report);
	store_close(s);
}

static void test_nfd_found_in_every_shown_column(void **state)
{
	(void)state;
	struct store *s = store_with_doc();
	exec(s, "UPDATE directives SET owner = " NFD_DOAN);
	exec(s, "UPDATE proposals SET answer = " NFD_DOAN);
	exec(s, "UPDATE conclusions SET text = " NFD_DOAN);
	exec(s, "UPDATE meetings SET location = " NFD_DOAN " WHERE id = 1");
	exec(s, "UPDATE attendees SET title = " NFD_DOAN);
	exec(s, "UPDATE agenda_items SET presenter = " NFD_DOAN " WHERE meeting_id = 1");
	exec(s, "UPDATE settings SET value = " NFD_DOAN " WHERE key = 'place'");
	char *report;
	int n = check(s, &report);
	static const char *const want[] = {
	    "text: directive 1 (owner) is not valid NFC UTF-8",
	    "text: proposal 1 (answer) is not valid NFC UTF-8",
	    "text: conclusion 1 (text) is not valid NFC UTF-8",
	    "text: meeting 1 (location) is not valid NFC UTF-8",
	    "text: attendee 1 (title) is not valid NFC UTF-8",
	    "text: item 1 (presenter) is not valid NFC UTF-8",
	    "(place) is not valid NFC UTF-8",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(report, want[i]))
			fail_msg("missing \"%s\" in:\n%s", want[i], report);
	assert_true(n >= 7);
	free(report);
	store_close(s);
}

static void test_note_under_another_meetings_item(void **state)
{
	(void)state;
	struct store *s = store_with_doc();
	exec(s, "UPDATE notes SET meeting_id = 2");
	char *report;
	assert_true(check(s, &report) >= 1);
	if (!strstr(report, "consistency: note 1 is in meeting 2, its agenda item is in meeting 1"))
		fail_msg("report:\n%s", report);
	free(report);
	store_close(s);
}

static void test_dangling_reference_in_words(void **state)
{
	(void)state;
	struct store *s = store_with_doc();
	exec(s, "PRAGMA foreign_keys = OFF");
	exec(s, "UPDATE directives SET closed_meeting_id = 777");
	char *report;
	assert_int_equal(check(s, &report), 1);
	assert_string_equal(report, "foreign key: directives row 1 refers to a row of meetings "
				    "that does not exist\n");
	free(report);
	store_close(s);
}

/* A meeting that ends before it starts is reported (issue 10); one that
 * ends after it starts is not. */
static void test_end_before_start(void **state)
{
	(void)state;
	struct store *s = store_with_doc();
	char *report;
	exec(s, "UPDATE meetings SET starts_at = '2023-04-12T08:00', ends_at = '2023-04-12T11:00'"
		" WHERE id = 1");
	assert_int_equal(check(s, &report), 0);
	free(report);
	exec(s, "UPDATE meetings SET ends_at = '2023-04-12T07:30' WHERE id = 1");
	assert_int_equal(check(s, &report), 1);
	assert_string_equal(report, "times: meeting 1 ends (2023-04-12T07:30) before it starts "
				    "(2023-04-12T08:00)\n");
	free(report);
	store_close(s);
}

/* Every value the program would refuse, with its table, row and field;
 * the well-formed ones around them are not reported. */
static void test_refused_values_reported(void **state)
{
	(void)state;
	struct store *s = store_with_doc();
	exec(s, "PRAGMA ignore_check_constraints = ON");
	exec(s, "UPDATE attendees SET presence = 'late', arrived_at = 'zz'");
	exec(s, "UPDATE notes SET kind = 'rant', at = CAST(x'32ff' AS TEXT)");
	exec(s, "UPDATE meetings SET ends_at = '2023-04-12T07:30' WHERE id = 1");
	exec(s, "UPDATE meetings SET status = 'lost', period = 'V/2023' WHERE id = 2");
	exec(s, "UPDATE directives SET due = '2023-13-01', status = 'maybe'");
	exec(s, "UPDATE proposals SET status = ''");
	exec(s, "UPDATE attendees SET role = 'king'");
	exec(s, "UPDATE agenda_items SET started_at = '2023-04-12T09:00',"
		" ended_at = '2023-04-12T08:59:59' WHERE meeting_id = 1");
	exec(s, "UPDATE agenda_items SET planned_start = '2023-04-13T24:00' WHERE meeting_id = 2");
	char *report;
	int n = check(s, &report);
	static const char *const want[] = {
	    "value: attendee 1, arrived_at: \"zz\" is not a time like 2023-04-12T08:00\n",
	    "value: note 1, at: \"2\\xFF\" is not a time like 2023-04-12T08:00\n",
	    "value: note 1, kind: \"rant\" is not one of statement, report, question, answer, "
	    "proposal, decision\n",
	    "times: meeting 1 ends (2023-04-12T07:30) before it starts (2023-04-12T08:00)\n",
	    "value: meeting 2, status: \"lost\" is not one of draft, live, closed, approved\n",
	    "value: meeting 2, period: \"V/2023\" is not a quarter like I/2023\n",
	    "value: directive 1, due: \"2023-13-01\" is not a date like 2023-06-30\n",
	    "value: directive 1, status: \"maybe\" is not one of open, done, dropped\n",
	    "value: proposal 1, status: \"\" is not one of open, done, dropped\n",
	    "value: attendee 1, role: \"king\" is not one of chair, secretary, delegate, guest, "
	    "reporter\n",
	    "value: item 1, ended_at: 2023-04-12T08:59:59 is before started_at 2023-04-12T09:00\n",
	    "value: item 2, planned_start: \"2023-04-13T24:00\" is not a time like "
	    "2023-04-12T08:00\n",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(report, want[i]))
			fail_msg("missing \"%s\" in:\n%s", want[i], report);
	/* The well-formed values of the same rows are not reported. */
	assert_null(strstr(report, "starts_at: \""));
	assert_null(strstr(report, "item 1, started_at"));
	assert_int_equal(n, (int)(sizeof want / sizeof *want));
	free(report);
	store_close(s);
}

/* A 50 MB value is quoted in at most 80 columns. */
static void test_long_value_quoted_short(void **state)
{
	(void)state;
	struct store *s = store_with_doc();
	exec(s, "UPDATE attendees SET arrived_at = 'x' || printf('%.*c', 1000000, 'y')");
	char *report;
	assert_int_equal(check(s, &report), 1);
	assert_true(strlen(report) < 200);
	assert_non_null(strstr(report, "\"xyyy"));
	assert_non_null(strstr(report, "y…\" is not a time"));
	free(report);
	store_close(s);
}

/* A cluster that cannot be read (the store is damaged) fails the export:
 * minutes without their cluster must not pass for a successful one. */
static void test_damaged_cluster_fails_export(void **state)
{
	struct store *s = store_with_doc();
	exec(s, "INSERT INTO clusters(number, name) VALUES (4, 'Cụm thi đua số 4')");
	exec(s, "UPDATE meetings SET cluster_id = (SELECT id FROM clusters WHERE number = 4)"
		" WHERE id = 1");
	int64_t id = 1;
	struct doc *d = NULL;
	char *cause = NULL;
	assert_int_equal(doc_build(s, DOC_MINUTES, &id, 1, &d, NULL, &cause), 0);
	doc_free(d);
	exec(s, "ALTER TABLE units RENAME TO units_gone");
	d = NULL;
	assert_int_equal(doc_build(s, DOC_MINUTES, &id, 1, &d, NULL, &cause), -1);
	assert_null(d);
	assert_non_null(cause);
	free(cause);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clean_store_is_ok),
	    cmocka_unit_test(test_nfd_found_in_every_shown_column),
	    cmocka_unit_test(test_note_under_another_meetings_item),
	    cmocka_unit_test(test_dangling_reference_in_words),
	    cmocka_unit_test(test_end_before_start),
	    cmocka_unit_test(test_refused_values_reported),
	    cmocka_unit_test(test_long_value_quoted_short),
	    cmocka_unit_test(test_damaged_cluster_fails_export),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
