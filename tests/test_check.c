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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clean_store_is_ok),
	    cmocka_unit_test(test_nfd_found_in_every_shown_column),
	    cmocka_unit_test(test_note_under_another_meetings_item),
	    cmocka_unit_test(test_dangling_reference_in_words),
	    cmocka_unit_test(test_end_before_start),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
