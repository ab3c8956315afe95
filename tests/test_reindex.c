/* test_reindex.c - check --rebuild-index: built aside while other writers
 * write (their notes searchable after the swap), repairs a damaged index,
 * leaves an intact one as it was, and other connections see the new
 * index. */
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
#include "store.h"
#include "store_reindex.h"
#include "store_search.h"
#include "util.h"

/* ---- helpers ---- */

static void exec(struct store *s, const char *sql)
{
	char *cause = NULL;
	if (db_exec(s, sql, &cause) < 0)
		fail_msg("%s: %s", sql, cause);
}

static int64_t int_of(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static char *text_of(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(st, 0);
	char *v = xstrdup(t ? (const char *)t : "");
	sqlite3_finalize(st);
	return v;
}

static int by_src(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;
	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	return x->src_id < y->src_id ? -1 : x->src_id > y->src_id;
}

/* The hits of a search, as "src:id," in their order (sorted: as a set). */
static char *hits_as(struct store *s, const char *text, int sorted)
{
	struct search_query q = {.text = text};
	struct search_hit *h;
	size_t n;
	char *cause = NULL;
	if (store_search(s, &q, 0, 1000, &h, &n, &cause) < 0)
		fail_msg("search '%s': %s", text, cause);
	if (sorted)
		qsort(h, n, sizeof *h, by_src);
	struct strbuf sb = {0};
	strbuf_addc(&sb, '[');
	for (size_t i = 0; i < n; i++) {
		char *one = xasprintf("%d:%lld,", (int)h[i].src, (long long)h[i].src_id);
		strbuf_add(&sb, one, strlen(one));
		free(one);
		search_hit_free(&h[i]);
	}
	free(h);
	strbuf_addc(&sb, ']');
	return strbuf_detach(&sb);
}

static char *hit_list(struct store *s, const char *text)
{
	return hits_as(s, text, 0);
}

static size_t count(struct store *s, const char *text)
{
	struct search_query q = {.text = text};
	struct search_hit *h;
	size_t n;
	char *cause = NULL;
	if (store_search(s, &q, 0, 1000, &h, &n, &cause) < 0)
		fail_msg("search '%s': %s", text, cause);
	for (size_t i = 0; i < n; i++)
		search_hit_free(&h[i]);
	free(h);
	return n;
}

/* The index agrees with search_doc and search_doc with the text. */
static void assert_intact(struct store *s)
{
	exec(s, "INSERT INTO search(search) VALUES ('integrity-check')");
	struct strbuf sb = {0};
	char *cause = NULL;
	int n = store_search_check(s, &sb, &cause);
	if (n != 0)
		fail_msg("check: %d %s %s", n, sb.buf ? sb.buf : "", cause ? cause : "");
	strbuf_free(&sb);
}

static void rebuild(struct store *s)
{
	char *cause = NULL;
	if (store_search_rebuild(s, &cause) < 0)
		fail_msg("rebuild: %s", cause);
}

struct fixture {
	char dir[64];
	char *path;
	struct store *s; /* the one that rebuilds */
	struct store *w; /* another writer */
	struct store *r; /* a reader that keeps its connection */
};

/* A store with 30 meetings of 20 notes each (and their agenda items,
 * conclusions and directives), opened three times. */
static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/bb-test-reindex-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->path = xasprintf("%s/s.db", f->dir);
	char *cause = NULL;
	if (store_open(&f->s, f->path, STORE_CREATE, &cause) < 0)
		fail_msg("open: %s", cause);
	exec(f->s,
	     "BEGIN IMMEDIATE;"
	     "INSERT INTO clusters(number, name) VALUES (4, 'Cụm 4');"
	     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)"
	     " INSERT INTO meetings(title, cluster_id, period_key, starts_at, status)"
	     " SELECT 'Giao ban quý ' || i, 1, 20230 + i % 4 + 1,"
	     "  printf('2023-%02d-%02dT08:00', i % 12 + 1, i % 28 + 1), 'closed' FROM n;"
	     "INSERT INTO agenda_items(meeting_id, position, title, presenter)"
	     " SELECT id, 1, 'Báo cáo kết quả công tác Đoàn', 'Văn phòng' FROM meetings;"
	     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)"
	     " INSERT INTO notes(meeting_id, item_id, position, text, speaker, kind)"
	     " SELECT a.meeting_id, a.id, n.i, 'Ý kiến số ' || n.i || ' về phong trào thanh niên'"
	     "  || CASE WHEN n.i % 5 = 0 THEN ' tình nguyện' ELSE '' END,"
	     "  'Hà Duy Trung', 'report' FROM agenda_items a, n;"
	     "INSERT INTO conclusions(meeting_id, position, text)"
	     " SELECT id, 1, 'Các đơn vị triển khai nhiệm vụ quý tiếp theo' FROM meetings;"
	     "INSERT INTO directives(meeting_id, position, text, owner)"
	     " SELECT id, 1, 'Tổ chức Hội trại tòng quân', 'Huyện đoàn Tuy Phước' FROM meetings;"
	     "COMMIT;");
	if (store_open(&f->w, f->path, 0, &cause) < 0 || store_open(&f->r, f->path, 0, &cause) < 0)
		fail_msg("open: %s", cause);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_reindex_set_hold(NULL, NULL);
	store_close(f->r);
	store_close(f->w);
	store_close(f->s);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->path);
	free(f);
	return 0;
}

/* ---- tests ---- */

static void test_intact_store_unchanged(void **state)
{
	struct fixture *f = *state;
	char *before = hit_list(f->s, "thanh nien");
	char *tn = hit_list(f->s, "tinh nguyen");
	char *doc = text_of(f->s, "SELECT group_concat(key || src || src_id || text || meta, '|')"
				  " FROM (SELECT * FROM search_doc ORDER BY key)");
	assert_int_equal(count(f->s, "tinh nguyen"), 120);
	/* the reader has read the old index (and cached its structure) */
	assert_int_equal(count(f->r, "tinh nguyen"), 120);
	int64_t secure = int_of(f->s, "PRAGMA secure_delete");
	exec(f->s, "INSERT INTO search(search, rank) VALUES ('automerge', 6)");
	rebuild(f->s);
	assert_int_equal(int_of(f->s, "PRAGMA secure_delete"), secure); /* as it was */
	/* FTS5's settings, raised for the bulk fill aside, are the store's */
	assert_int_equal(int_of(f->s, "SELECT v FROM search_config WHERE k = 'automerge'"), 6);
	assert_int_equal(int_of(f->s, "SELECT coalesce((SELECT v FROM search_config"
				      " WHERE k = 'hashsize'), 1048576)"),
			 1048576);
	assert_intact(f->s);
	char *after = hit_list(f->s, "thanh nien");
	char *tn2 = hit_list(f->s, "tinh nguyen");
	char *doc2 = text_of(f->s, "SELECT group_concat(key || src || src_id || text || meta, '|')"
				   " FROM (SELECT * FROM search_doc ORDER BY key)");
	assert_string_equal(before, after);
	assert_string_equal(tn, tn2);
	assert_string_equal(doc, doc2); /* the same keys: hits in the same order */
	char *r_after = hit_list(f->r, "tinh nguyen");
	assert_string_equal(tn, r_after);
	/* and the triggers are back: a new note is found at once */
	exec(f->w, "INSERT INTO notes(meeting_id, item_id, position, text, kind)"
		   " VALUES (3, 3, 99, 'Biểu dương Đoàn trường', 'report')");
	assert_int_equal(count(f->r, "bieu duong"), 1);
	assert_int_equal(count(f->s, "bieu duong"), 1);
	assert_intact(f->s);
	/* Rebuilt again while the writer's connection holds the old schema:
	 * its next correction and note (whose triggers reach the index) go in
	 * at once — SQLite met the change twice there and failed with "no
	 * such table: notes" (db.c, prepare()). */
	rebuild(f->s);
	exec(f->w, "UPDATE notes SET text = 'Tuyên dương Đoàn trường' WHERE text = 'Biểu dương Đoàn trường'");
	rebuild(f->s);
	exec(f->w, "INSERT INTO notes(meeting_id, item_id, position, text, kind)"
		   " VALUES (3, 3, 100, 'Tổng kết chiến dịch', 'answer')");
	assert_int_equal(count(f->r, "tuyen duong"), 1);
	assert_int_equal(count(f->r, "tong ket chien dich"), 1);
	assert_intact(f->s);
	free(before);
	free(after);
	free(tn);
	free(tn2);
	free(doc);
	free(doc2);
	free(r_after);
}

static void test_damaged_index_repaired(void **state)
{
	struct fixture *f = *state;
	char *before = hits_as(f->s, "thanh nien", 1);
	/* blocks of the index overwritten, rows of search_doc deleted, changed
	 * and made up by hand */
	exec(f->s, "UPDATE search_data SET block = zeroblob(length(block)) WHERE id IN"
		   " (SELECT id FROM search_data WHERE id > 10 ORDER BY id LIMIT 3)");
	exec(f->s, "DELETE FROM search_doc WHERE src = 5 AND src_id % 3 = 0");
	exec(f->s, "UPDATE search_doc SET text = 'khác' WHERE src = 1 AND src_id % 7 = 0");
	exec(f->s, "INSERT INTO search_doc(key, src, src_id, meeting_id, text, meta)"
		   " VALUES (5, 6, 999, 1, 'x', 'c0')");
	struct strbuf sb = {0};
	char *cause = NULL;
	assert_true(store_search_check(f->s, &sb, &cause) > 0);
	strbuf_free(&sb);
	assert_int_equal(count(f->r, "x"), 1); /* the reader has read it */
	rebuild(f->s);
	assert_int_equal(count(f->r, "x"), 0);
	assert_intact(f->s);
	/* the same hits; the repaired rows come last in their meeting */
	char *after = hits_as(f->s, "thanh nien", 1);
	assert_string_equal(before, after);
	assert_int_equal(count(f->s, "trien khai"), 30);
	assert_int_equal(count(f->r, "trien khai"), 30);
	assert_int_equal(count(f->r, "khac"), 0);
	char *r_after = hits_as(f->r, "thanh nien", 1);
	assert_string_equal(before, r_after);
	free(before);
	free(after);
	free(r_after);
}

/* What another secretary writes while the index is built aside. */
static void write_meanwhile(void *arg)
{
	struct fixture *f = arg;
	/* the lock is free: no waiting */
	store_set_nowait(f->w, 1);
	char *cause = NULL;
	if (store_begin(f->w, &cause) < 0)
		fail_msg("another writer waits: %s", cause);
	exec(f->w, "INSERT INTO notes(meeting_id, item_id, position, text, speaker, kind)"
		   " VALUES (2, 2, 50, 'Đề xuất hội thao quân sự', 'Bí thư', 'proposal'),"
		   " (2, 2, 51, 'Hội thao cấp cụm', NULL, 'report'),"
		   " (7, 7, 52, 'Hội thao truyền thống', NULL, 'report');"
		   /* an edit, a deletion, a meeting moved to another day */
		   "UPDATE notes SET text = 'Ý kiến về hiến máu nhân đạo' WHERE id = 5;"
		   "DELETE FROM notes WHERE id = 6;"
		   "UPDATE meetings SET starts_at = '2024-01-02T08:00' WHERE id = 9;"
		   "UPDATE conclusions SET text = 'Kết luận hiến máu' WHERE id = 3;");
	if (store_commit(f->w, &cause) < 0)
		fail_msg("commit: %s", cause);
	/* searchable at once, from the store's own index */
	assert_int_equal(count(f->r, "hoi thao"), 3);
	/* the rebuild's snapshot does not see it */
	assert_int_equal(int_of(f->s, "SELECT count(*) FROM bb_aside.search_doc"
				      " WHERE text LIKE 'Hội thao%'"),
			 0);
}

static void test_writer_during_rebuild(void **state)
{
	struct fixture *f = *state;
	store_reindex_set_hold(write_meanwhile, f);
	rebuild(f->s);
	store_reindex_set_hold(NULL, NULL);
	assert_intact(f->s);
	assert_int_equal(count(f->s, "hoi thao"), 3);
	assert_int_equal(count(f->r, "hoi thao"), 3);
	assert_int_equal(count(f->w, "hoi thao"), 3);
	assert_int_equal(count(f->r, "hien mau"), 2);
	/* the deleted note is gone, the edited one no longer says so */
	assert_int_equal(int_of(f->s,
				"SELECT count(*) FROM search_doc WHERE src = 1 AND src_id IN (5, 6)"
				" AND text LIKE '%phong trào%'"),
			 0);
	assert_int_equal(count(f->r, "nhan dao"), 1);
	/* the moved meeting's rows have its new keys and filter words */
	assert_int_equal(int_of(f->s, "SELECT count(*) FROM search_doc d, search_base b"
				      " WHERE d.meeting_id = 9 AND b.meeting_id = 9"
				      " AND d.key > b.base AND d.key < b.base + 16777216"
				      " AND d.meta LIKE b.meta || ' k%'"),
			 23);
	/* and later writes go on through the triggers */
	exec(f->w, "DELETE FROM notes WHERE text LIKE 'Hội thao%'");
	assert_int_equal(count(f->r, "hoi thao"), 1);
	assert_intact(f->s);
}

/* Damage, and another writer, at the same time: a repaired row may take
 * the key the other writer's note took in the store. */
static void test_writer_during_repair(void **state)
{
	struct fixture *f = *state;
	/* the first row of meeting 2 out of date: the rebuild gives it the
	 * next key of the meeting, which a new note below takes in the store
	 * meanwhile */
	exec(f->s, "UPDATE search_doc SET text = 'khác' WHERE key = (SELECT min(d.key)"
		   " FROM search_doc d, search_base b WHERE b.meeting_id = 2"
		   " AND d.key > b.base AND d.key < b.base + 16777216)");
	exec(f->s, "DELETE FROM search_doc WHERE src = 6 AND src_id = 4");
	store_reindex_set_hold(write_meanwhile, f);
	rebuild(f->s);
	store_reindex_set_hold(NULL, NULL);
	assert_intact(f->s);
	assert_int_equal(count(f->r, "hoi thao"), 3);
	assert_int_equal(count(f->r, "khac"), 0);
	assert_int_equal(count(f->r, "tong quan"), 30);
	assert_int_equal(count(f->s, "hien mau"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_intact_store_unchanged, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_damaged_index_repaired, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_writer_during_rebuild, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_writer_during_repair, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
