/* test_search_put.c - migration 003 (one INSTEAD OF trigger on the view
 * search_put instead of ten copies of the same INSERT ... SELECT) indexes
 * exactly what 002's triggers did: the same writes on a store with the
 * triggers of 002 and on one with those of 003 leave the same search_doc
 * rows (keys, order, filter words) and the same full-text answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "store.h"
#include "store_search.h"
#include "util.h"

/* A raw connection with the schema up to migration `upto`, set up as
 * bienban's writers are (tokenizer, foreign keys, trusted schema). */
static sqlite3 *open_at(int upto)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(store_search_register(db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "PRAGMA foreign_keys = ON;"
				      "PRAGMA trusted_schema = ON;",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	static const char *const files[] = {"001_init.sql", "002_search.sql", "003_search_put.sql"};
	for (int i = 0; i < upto; i++) {
		const struct embedded_file *f = embedded_find(files[i]);
		assert_non_null(f);
		char *err = NULL;
		if (sqlite3_exec(db, f->data, NULL, NULL, &err) != SQLITE_OK)
			fail_msg("%s: %s", files[i], err);
	}
	return db;
}

static void exec_both(sqlite3 *a, sqlite3 *b, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(a, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("002: %s: %s", sql, err);
	if (sqlite3_exec(b, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("003: %s: %s", sql, err);
}

/* The rows of a query, one line each, "|"-separated. */
static char *dump(sqlite3 *db, const char *sql)
{
	struct strbuf out = {0};
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *t = sqlite3_column_text(st, i);
			strbuf_adds(&out, t ? (const char *)t : "NULL");
			strbuf_addc(&out, '|');
		}
		strbuf_addc(&out, '\n');
	}
	sqlite3_finalize(st);
	return out.buf ? out.buf : xstrdup("");
}

static const char doc_sql[] =
    "SELECT key, src, src_id, meeting_id, text, speaker, meta FROM search_doc ORDER BY key";

/* search_doc equal on both, and each index whole; returns the row count. */
static int same_index(sqlite3 *a, sqlite3 *b)
{
	char *da = dump(a, doc_sql), *db = dump(b, doc_sql);
	assert_string_equal(da, db);
	int rows = 0;
	for (const char *p = da; *p; p++)
		rows += *p == '\n';
	free(da);
	free(db);
	exec_both(a, b, "INSERT INTO search(search) VALUES ('integrity-check')");
	return rows;
}

static void test_003_indexes_like_002(void **state)
{
	sqlite3 *a = open_at(2), *b = open_at(3);
	/* 003 is what b has: the notes trigger goes through the view. */
	char *trg = dump(b, "SELECT sql FROM sqlite_schema WHERE name = 'notes_search_ai'");
	assert_non_null(strstr(trg, "search_put"));
	free(trg);

	/* Two meetings in the same minute share a block of keys; a third in
	 * another cluster and quarter. */
	exec_both(
	    a, b,
	    "INSERT INTO clusters(id, number, name) VALUES (1, 4, 'Cụm 4'), (2, 5, 'Cụm 5');"
	    "INSERT INTO meetings(id, cluster_id, title, period, period_key, starts_at) VALUES"
	    " (1, 1, 'Hội nghị giao ban Cụm 4', 'I/2023', 20231, '2023-04-12T08:00'),"
	    " (2, 1, 'Hội nghị Đoàn khối', 'I/2023', 20231, '2023-04-12T08:00'),"
	    " (3, 2, 'Hội nghị tổng kết', 'IV/2023', 20234, '2023-12-20T14:30');"
	    "INSERT INTO agenda_items(id, meeting_id, position, title, presenter) VALUES"
	    " (1, 1, 1, 'Báo cáo kết quả công tác Đoàn', 'Hà Duy Trung'),"
	    " (2, 1, 2, 'Thảo luận', NULL), (3, 2, 1, 'Nội dung', NULL),"
	    " (4, 3, 1, 'Tổng kết năm', 'Nguyễn Văn Đông');");
	exec_both(
	    a, b,
	    "INSERT INTO notes(id, meeting_id, item_id, position, speaker, kind, text) VALUES"
	    " (1, 1, 1, 1, 'Hà Duy Trung', 'report', 'Đoàn viên tham gia tình nguyện'),"
	    " (2, 1, 2, 2, NULL, 'question', 'Kinh phí hỗ trợ ra sao?'),"
	    " (3, 2, 3, 1, 'Nguyễn Văn Đông', 'statement', 'Phong trào thanh niên'),"
	    " (4, 3, 4, 1, NULL, 'decision', 'Khen thưởng tập thể');"
	    "INSERT INTO proposals(id, meeting_id, item_id, position, unit, text, answer) VALUES"
	    " (1, 1, 2, 1, 'Huyện đoàn Tuy Phước', 'Bổ sung kinh phí', NULL),"
	    " (2, 1, 2, 2, NULL, 'Tập huấn cán bộ', ''),"
	    " (3, 3, 4, 1, 'Thành đoàn', 'Mở lớp kỹ năng', 'Đồng ý, giao Ban Tổ chức');"
	    "INSERT INTO conclusions(id, meeting_id, position, text) VALUES"
	    " (1, 1, 1, 'Các đơn vị báo cáo trước ngày 30/6');"
	    "INSERT INTO directives(id, meeting_id, position, text, owner, due) VALUES"
	    " (1, 1, 1, 'Tổ chức hội thao', 'Huyện đoàn Tuy Phước', '2023-06-30'),"
	    " (2, 3, 1, 'Tổng kết phong trào', NULL, NULL);");
	assert_int_equal(same_index(a, b), 15);

	/* Updates that change indexed text, and one that does not. */
	exec_both(a, b,
		  "UPDATE notes SET text = 'Đoàn viên tham gia hiến máu' WHERE id = 1;"
		  "UPDATE notes SET kind = 'answer' WHERE id = 2;"
		  "UPDATE notes SET position = 5 WHERE id = 3;"
		  "UPDATE notes SET meeting_id = 2, item_id = 3 WHERE id = 4;"
		  "UPDATE agenda_items SET title = 'Báo cáo sơ kết' WHERE id = 1;"
		  "UPDATE agenda_items SET presenter = 'Trần Thị Thu' WHERE id = 2;"
		  "UPDATE proposals SET answer = 'Đã bố trí kinh phí' WHERE id = 1;"
		  "UPDATE proposals SET answer = '' WHERE id = 3;"
		  "UPDATE proposals SET unit = 'Đoàn trường' WHERE id = 2;"
		  "UPDATE conclusions SET text = 'Báo cáo trước ngày 15/7' WHERE id = 1;"
		  "UPDATE directives SET owner = 'Ban Phong trào' WHERE id = 2;"
		  "UPDATE directives SET status = 'done' WHERE id = 1;");
	assert_int_equal(same_index(a, b), 15);

	/* A meeting moved in time and to another cluster: its rows get new
	 * keys and filter words (meetings_search_au, the same in both). */
	exec_both(a, b,
		  "UPDATE meetings SET starts_at = '2023-04-13T07:30', cluster_id = 2 WHERE id = 2;"
		  "INSERT INTO notes(id, meeting_id, item_id, position, kind, text) VALUES"
		  " (5, 2, 3, 9, 'proposal', 'Đề nghị thêm chỉ tiêu');");
	assert_int_equal(same_index(a, b), 16);

	/* Deletes, one of them a whole meeting (cascade). */
	exec_both(a, b,
		  "DELETE FROM notes WHERE id = 2;"
		  "DELETE FROM proposals WHERE id = 1;"
		  "DELETE FROM meetings WHERE id = 3;");
	assert_int_equal(same_index(a, b), 10);

	/* And the full-text answers, folded Vietnamese included. */
	const char *q = "SELECT rowid FROM search WHERE search MATCH 'doan' ORDER BY rowid";
	char *ra = dump(a, q), *rb = dump(b, q);
	assert_string_equal(ra, rb);
	assert_true(strlen(ra) > 0);
	free(ra);
	free(rb);
	sqlite3_close(a);
	sqlite3_close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_003_indexes_like_002),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
