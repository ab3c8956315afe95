/* test_search.c - full-text search: Vietnamese folding in the tokenizer,
 * literal queries, snippets of the original text, the index kept in step
 * by the triggers, newest first, filters, check and rebuild. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <utf8proc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "embedded.h"
#include "interchange.h"
#include "store.h"
#include "store_reindex.h"
#include "store_search.h"
#include "text.h"
#include "util.h"

/* ---- helpers ---- */

struct toks {
	struct strbuf folded; /* "tok|tok|" */
	struct strbuf orig;   /* the original text of each token, "|"-joined */
	const char *text;
};

static int collect(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
	struct toks *t = ctx;
	strbuf_add(&t->folded, tok, len);
	strbuf_addc(&t->folded, '|');
	strbuf_add(&t->orig, t->text + start, end - start);
	strbuf_addc(&t->orig, '|');
	return 0;
}

static void check_tokens(const char *text, const char *folded, const char *orig)
{
	struct toks t = {{0}, {0}, text};
	search_tokens(text, strlen(text), collect, &t);
	assert_string_equal(t.folded.buf ? t.folded.buf : "", folded);
	if (orig)
		assert_string_equal(t.orig.buf ? t.orig.buf : "", orig);
	strbuf_free(&t.folded);
	strbuf_free(&t.orig);
}

static struct meeting *meeting_at(const char *starts, int cluster, const char *period,
				  const char *const *notes, size_t n_notes)
{
	struct meeting *m = meeting_new();
	m->title = xasprintf("Hội nghị giao ban Cụm thi đua số %d quý %s", cluster, period);
	m->cluster = cluster;
	m->period = xstrdup(period);
	m->status = MS_CLOSED;
	m->starts_at = xstrdup(starts);
	m->n_agenda = 1;
	m->agenda = xcalloc(1, sizeof *m->agenda);
	m->agenda[0].title = xstrdup("Báo cáo kết quả công tác Đoàn");
	m->agenda[0].presenter = xstrdup("Văn phòng Tỉnh đoàn");
	m->agenda[0].n_notes = n_notes;
	m->agenda[0].notes = xcalloc(n_notes, sizeof(struct note));
	for (size_t i = 0; i < n_notes; i++) {
		m->agenda[0].notes[i].text = xstrdup(notes[i]);
		m->agenda[0].notes[i].speaker = xstrdup("Hà Duy Trung");
		m->agenda[0].notes[i].kind = i % 2 ? NK_PROPOSAL : NK_REPORT;
		m->agenda[0].notes[i].at = xasprintf("%.11s08:%02zu", starts, 10 + i);
	}
	m->n_conclusions = 1;
	m->conclusions = xcalloc(1, sizeof(char *));
	m->conclusions[0] = xstrdup("Các đơn vị triển khai nhiệm vụ quý tiếp theo.");
	m->n_directives = 1;
	m->directives = xcalloc(1, sizeof *m->directives);
	m->directives[0].text = xstrdup("Tổ chức Hội trại tòng quân");
	m->directives[0].owner = xstrdup("Huyện đoàn Tuy Phước");
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

static size_t hits(struct store *s, const struct search_query *q, struct search_hit **out)
{
	size_t n;
	char *cause = NULL;
	if (store_search(s, q, 0, 100, out, &n, &cause) < 0)
		fail_msg("search '%s': %s", q->text, cause);
	return n;
}

static size_t count(struct store *s, const char *text)
{
	struct search_query q = {.text = text};
	struct search_hit *h;
	size_t n = hits(s, &q, &h);
	for (size_t i = 0; i < n; i++)
		search_hit_free(&h[i]);
	free(h);
	return n;
}

static void free_hits(struct search_hit *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		search_hit_free(&h[i]);
	free(h);
}

static int check(struct store *s, char **report)
{
	struct strbuf sb = {0};
	char *cause = NULL;
	int n = store_search_check(s, &sb, &cause);
	if (n < 0)
		fail_msg("check: %s", cause);
	*report = strbuf_detach(&sb);
	return n;
}

static void exec(struct store *s, const char *sql)
{
	char *cause = NULL;
	if (db_exec(s, sql, &cause) < 0)
		fail_msg("%s: %s", sql, cause);
}

static struct store *demo_store(void)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	static const char *const notes[] = {
	    "Hội nghị đánh giá kết quả công tác ĐOÀN quý I",
	    /* typed with combining marks: "Đoàn viên thanh niên" */
	    "\xc4\x90oa\xcc\x80n vie\xcc\x82n thanh nie\xcc\x82n tham gia",
	    "Đề nghị hỗ trợ kinh phí cho phong trào tình nguyện",
	};
	add(s, meeting_at("2023-04-12T08:00", 4, "I/2023", notes, 3));
	return s;
}

/* ---- tests ---- */

static void test_tokens_fold_vietnamese(void **state)
{
	check_tokens("Hội nghị", "hoi|nghi|", "Hội|nghị|");
	check_tokens("ĐOÀN Đoàn đoàn doan", "doan|doan|doan|doan|", NULL);
	/* NFD: marks belong to their word and disappear in the folded form */
	check_tokens("Ho\xcc\x82\xcc\xa3i nghi\xcc\xa3", "hoi|nghi|",
		     "Ho\xcc\x82\xcc\xa3i|nghi\xcc\xa3|");
	/* punctuation and symbols separate, digits stay in words */
	check_tokens("hội-nghị, quý I/2023: don't", "hoi|nghi|quy|i|2023|don|t|", NULL);
	/* invalid bytes separate words instead of breaking the tokenizer */
	check_tokens("ab\xff"
		     "cd",
		     "ab|cd|", NULL);
	check_tokens("", "", NULL);
	check_tokens(" \"():*^ ", "", NULL);
}

struct fold_check {
	const char *text;
	int bad;
};

static int fold_token(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
	struct fold_check *c = ctx;
	char *word = xstrndup(c->text + start, end - start);
	char *whole = text_fold(word);
	if (strlen(whole) != len || memcmp(whole, tok, len) != 0)
		c->bad++;
	free(whole);
	free(word);
	return 0;
}

/* The tokenizer folds Latin letters and marks a code point at a time:
 * that must give what folding the whole word gives, for every pair of a
 * Latin Extended Additional letter (U+1E00-U+1EFF, "ệ") with a letter or
 * mark before or after it. */
static void test_fold_table_matches_text_fold(void **state)
{
	static const int ranges[][2] = {
	    {'A', 'Z'}, {'a', 'z'}, {0xc0, 0x24f}, {0x300, 0x36f}, {0x1e00, 0x1eff}};
	int bad = 0;
	for (int x = 0x1e00; x <= 0x1eff; x++)
		for (size_t r = 0; r < BB_ARRAY_LEN(ranges); r++)
			for (int y = ranges[r][0]; y <= ranges[r][1]; y++)
				for (int order = 0; order < 2; order++) {
					utf8proc_uint8_t buf[16] = {0};
					utf8proc_ssize_t n =
					    utf8proc_encode_char(order ? y : x, buf);
					utf8proc_encode_char(order ? x : y, buf + n);
					struct fold_check c = {(const char *)buf, 0};
					search_tokens(c.text, strlen(c.text), fold_token, &c);
					if (c.bad && bad++ < 5)
						print_message("U+%04X U+%04X folds apart\n",
							      order ? y : x, order ? x : y);
				}
	assert_int_equal(bad, 0);
}

static void test_expr_is_literal(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"hoi nghi", "\"hoi\" \"nghi\""},
	    {"hội-nghị", "\"hoi nghi\""},
	    {"don't", "\"don t\""},
	    {"NOT", "\"not\""},
	    {"NEAR(", "\"near\""},
	    {"a OR b", "\"a\" \"or\" \"b\""},
	    {"\"phong trào\"", "\"phong trao\""},
	    {"\"phong trào", "\"phong trao\""},
	    {"thanh ni*", "\"thanh\" \"ni\" *"},
	    {"\"hội ng\"*", "\"hoi ng\" *"},
	    {"col:word", "\"col word\""},
	    {"ĐOÀN", "\"doan\""},
	};
	for (size_t i = 0; i < BB_ARRAY_LEN(cases); i++) {
		char *e = search_expr(cases[i].in);
		assert_non_null(e);
		assert_string_equal(e, cases[i].out);
		free(e);
	}
	static const char *const empty[] = {"", "   ", "\"", ":", "*", "\"\"", "()", "^-+"};
	for (size_t i = 0; i < BB_ARRAY_LEN(empty); i++)
		assert_null(search_expr(empty[i]));
}

static void test_folding_finds_original(void **state)
{
	struct store *s = demo_store();
	assert_int_equal(count(s, "hoi nghi"), 1);
	assert_int_equal(count(s, "HỘI NGHỊ"), 1);
	/* "Đoàn" precomposed, "ĐOÀN", the NFD note, the agenda item, the
	 * directive owner is not text but the title of the item is. */
	size_t doan = count(s, "doan");
	assert_int_equal(doan, 3);
	assert_int_equal(count(s, "ĐOÀN"), doan);
	assert_int_equal(count(s, "Đoàn"), doan);
	/* marks are ignored altogether: a misplaced one still matches */
	assert_int_equal(count(s, "d\xc3\xb2"
				  "an"),
			 doan);
	assert_int_equal(count(s, "vie\xcc\x82n"), 1); /* NFD query */
	assert_int_equal(count(s, "viên"), 1);
	assert_int_equal(count(s, "\"thanh niên\""), 1);
	assert_int_equal(count(s, "\"niên thanh\""), 0);
	assert_int_equal(count(s, "ngh*"), 2); /* nghị twice */
	assert_int_equal(count(s, "nguy*"), 1);
	store_close(s);
}

static void test_nasty_queries_never_fail(void **state)
{
	struct store *s = demo_store();
	static const char *const q[] = {"\"",	     "\"\"",
					":",	     "NOT",
					"NEAR(",     "NEAR(a b",
					"AND",	     "OR OR",
					"(",	     ")",
					"*",	     "**",
					"^",	     "-",
					"+",	     "{text}:x",
					"text:",     "meta : c4",
					"'",	     "don't",
					"a\"b",	     "\"a\"\"b\"",
					"\\",	     "%",
					"_",	     ";DROP TABLE notes;",
					"hội-nghị*", "\xff\xfe",
					"*hoi",	     "x*y*",
					"rank:1",    "NEAR(\"a\" \"b\", 2)"};
	for (size_t i = 0; i < BB_ARRAY_LEN(q); i++) {
		struct search_query sq = {.text = q[i]};
		struct search_hit *h;
		size_t n;
		char *cause = NULL;
		int rc = store_search(s, &sq, 0, 10, &h, &n, &cause);
		if (rc != 0)
			fail_msg("query '%s' failed: %s", q[i], cause);
		free_hits(h, n);
		int64_t c;
		assert_int_equal(store_search_count(s, &sq, 0, &c, &cause), 0);
		assert_int_equal(c, (int64_t)n);
	}
	/* The words of operators are searched as words. */
	assert_int_equal(count(s, "meta : c4"), 0);
	assert_int_equal(count(s, "NOT hội"), 0);
	assert_int_equal(count(s, "hội-nghị"), 1);
	store_close(s);
}

static void test_snippet_marks_original_text(void **state)
{
	struct store *s = demo_store();
	struct search_query q = {.text = "doan quy"};
	struct search_hit *h;
	size_t n = hits(s, &q, &h);
	assert_int_equal(n, 1);
	assert_string_equal(h[0].snippet,
			    "Hội nghị đánh giá kết quả công tác \x01ĐOÀN\x02 \x01quý\x02 I");
	assert_int_equal(h[0].src, SEARCH_NOTE);
	assert_string_equal(h[0].kind, "report");
	assert_string_equal(h[0].speaker, "Hà Duy Trung");
	assert_string_equal(h[0].item_title, "Báo cáo kết quả công tác Đoàn");
	assert_int_equal(h[0].item_index, 0);
	assert_string_equal(h[0].at, "2023-04-12T08:10");
	free_hits(h, n);
	/* The NFD note is stored NFC; the snippet shows the stored text. */
	q.text = "vien";
	n = hits(s, &q, &h);
	assert_int_equal(n, 1);
	assert_non_null(strstr(h[0].snippet, "\x01viên\x02"));
	free_hits(h, n);
	store_close(s);
}

/* A directive's hit says where it stands (due date, status); other hits
 * say nothing of it. */
static void test_directive_hit_has_due_and_status(void **state)
{
	(void)state;
	struct store *s = demo_store();
	struct search_query q = {.text = "tong quan"};
	struct search_hit *h;
	size_t n = hits(s, &q, &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].src, SEARCH_DIRECTIVE);
	assert_int_equal(h[0].status, TS_OPEN);
	assert_null(h[0].due);
	free_hits(h, n);
	exec(s, "UPDATE directives SET due = '2023-05-15', status = 'done'");
	n = hits(s, &q, &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].status, TS_DONE);
	assert_string_equal(h[0].due, "2023-05-15");
	free_hits(h, n);
	q.text = "kinh phi";
	n = hits(s, &q, &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].src, SEARCH_NOTE);
	assert_int_equal(h[0].status, -1);
	assert_null(h[0].due);
	free_hits(h, n);
	store_close(s);
}

static void test_triggers_keep_index_in_step(void **state)
{
	struct store *s = demo_store();
	char *report;
	assert_int_equal(check(s, &report), 0);
	free(report);
	/* update: the old words go, the new ones come */
	exec(s,
	     "UPDATE notes SET text = 'Tuyên dương tập thể xuất sắc' WHERE text LIKE 'Đề nghị%'");
	assert_int_equal(count(s, "kinh phi"), 0);
	assert_int_equal(count(s, "tuyen duong"), 1);
	/* agenda item, conclusion, directive, proposal answer */
	exec(s, "UPDATE agenda_items SET title = 'Phương hướng quý II'");
	assert_int_equal(count(s, "phuong huong"), 1);
	exec(s, "INSERT INTO proposals(meeting_id, position, unit, text, answer) VALUES"
		" (1, 0, 'Thị đoàn An Nhơn', 'Xin bổ sung biên chế', 'Tỉnh đoàn ghi nhận')");
	assert_int_equal(count(s, "bien che"), 1);
	assert_int_equal(count(s, "ghi nhan"), 1);
	exec(s, "UPDATE proposals SET answer = NULL");
	assert_int_equal(count(s, "ghi nhan"), 0);
	exec(s, "UPDATE directives SET text = 'Hiến máu tình nguyện'");
	assert_int_equal(count(s, "hien mau"), 1);
	assert_int_equal(check(s, &report), 0);
	free(report);
	/* delete: gone from the index */
	exec(s, "DELETE FROM notes WHERE text LIKE 'Tuyên%'");
	assert_int_equal(count(s, "tuyen duong"), 0);
	exec(s, "DELETE FROM meetings");
	assert_int_equal(count(s, "doan"), 0);
	assert_int_equal(check(s, &report), 0);
	free(report);
	store_close(s);
}

/* An answer given under a later item is a note of it too, with the
 * proposal's words: search finds it once, as the note (who answered,
 * when), whichever of the two was written first; the proposal's answer
 * comes back to the index when the note goes or says something else. */
static void test_answer_found_once(void **state)
{
	(void)state;
	struct store *s = demo_store();
	char *report;
	exec(s, "INSERT INTO proposals(meeting_id, position, unit, text, answer) VALUES"
		" (1, 0, 'Thị đoàn An Nhơn', 'Xin bổ sung biên chế', 'Tỉnh đoàn ghi nhận')");
	assert_int_equal(count(s, "ghi nhan"), 1);
	exec(s, "INSERT INTO notes(meeting_id, item_id, position, speaker, kind, text)"
		" SELECT 1, min(id), 9, 'Hà Duy Trung', 'answer', 'Tỉnh đoàn ghi nhận'"
		" FROM agenda_items WHERE meeting_id = 1");
	assert_int_equal(count(s, "ghi nhan"), 1);
	struct search_query q = {.text = "ghi nhan"};
	struct search_hit *h;
	size_t n = hits(s, &q, &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].src, SEARCH_NOTE);
	assert_string_equal(h[0].speaker, "Hà Duy Trung");
	free_hits(h, n);
	int64_t total = 0;
	char *cause = NULL;
	assert_int_equal(store_search_count(s, &q, 100, &total, &cause), 0);
	assert_int_equal(total, 1);
	assert_int_equal(check(s, &report), 0);
	free(report);
	/* the note corrected: both are found, each with its words */
	exec(s, "UPDATE notes SET text = 'Tỉnh đoàn ghi nhận, sẽ xem xét' WHERE kind = 'answer'");
	assert_int_equal(count(s, "ghi nhan"), 2);
	assert_int_equal(count(s, "xem xet"), 1);
	/* back to the same words, then another kind: once, then twice again */
	exec(s, "UPDATE notes SET text = 'Tỉnh đoàn ghi nhận' WHERE kind = 'answer'");
	assert_int_equal(count(s, "ghi nhan"), 1);
	exec(s, "UPDATE notes SET kind = 'statement' WHERE text = 'Tỉnh đoàn ghi nhận'");
	assert_int_equal(count(s, "ghi nhan"), 2);
	exec(s, "UPDATE notes SET kind = 'answer' WHERE text = 'Tỉnh đoàn ghi nhận'");
	assert_int_equal(count(s, "ghi nhan"), 1);
	assert_int_equal(check(s, &report), 0);
	free(report);
	/* the proposal's answer edited away from the note's, then back */
	exec(s, "UPDATE proposals SET answer = 'Đã giải quyết' WHERE unit = 'Thị đoàn An Nhơn'");
	assert_int_equal(count(s, "ghi nhan"), 1);
	assert_int_equal(count(s, "giai quyet"), 1);
	exec(s, "UPDATE proposals SET answer = 'Tỉnh đoàn ghi nhận' WHERE unit = 'Thị đoàn An Nhơn'");
	assert_int_equal(count(s, "ghi nhan"), 1);
	assert_int_equal(count(s, "giai quyet"), 0);
	/* the note deleted: the proposal's answer is found again */
	exec(s, "DELETE FROM notes WHERE kind = 'answer'");
	assert_int_equal(count(s, "ghi nhan"), 1);
	n = hits(s, &q, &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].src, SEARCH_ANSWER);
	free_hits(h, n);
	assert_int_equal(check(s, &report), 0);
	free(report);
	store_close(s);
}

/* A page of the demo, each meeting's hits in its minutes' order (items in
 * order, their notes by time, then conclusions, then directives), and
 * pages read on from the oldest key gather every hit once. */
static void test_hits_in_minutes_order(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	const struct embedded_file *demo = embedded_find("demo.json");
	assert_non_null(demo);
	int64_t *ids = NULL;
	size_t nid = 0;
	assert_int_equal(interchange_import_stream(s, demo->data, demo->len, NULL, NULL, NULL, &ids,
						   &nid, &cause),
			 0);
	free(ids);
	struct search_query q = {.text = "doan"};
	struct search_hit *all;
	size_t n_all;
	assert_int_equal(store_search(s, &q, 0, 1000, &all, &n_all, &cause), 0);
	assert_true(n_all > 40);
	search_hits_minutes_order(all, n_all);
	int rank_seen = 0;
	for (size_t i = 0; i < n_all; i++) {
		const struct search_hit *h = &all[i];
		int new_meeting = i == 0 || all[i - 1].meeting_id != h->meeting_id;
		int rank = h->src == SEARCH_DIRECTIVE ? 3 : h->src == SEARCH_CONCLUSION ? 2 : 1;
		if (new_meeting)
			rank_seen = rank;
		assert_true(rank >= rank_seen); /* no note after a conclusion, etc. */
		rank_seen = rank;
		if (!new_meeting && rank == 1 && all[i - 1].src != SEARCH_CONCLUSION &&
		    all[i - 1].src != SEARCH_DIRECTIVE && all[i - 1].item_index >= 0 && h->item_index >= 0)
			assert_true(all[i - 1].item_index <= h->item_index);
		if (!new_meeting && h->src == SEARCH_NOTE && all[i - 1].src == SEARCH_NOTE &&
		    all[i - 1].item_index == h->item_index)
			assert_true(strcmp(all[i - 1].at, h->at) <= 0);
	}
	/* Pages of 7, each sorted, read on from the oldest key: the same hits. */
	size_t got = 0;
	int64_t before = 0;
	for (int guard = 0; guard < 100; guard++) {
		struct search_hit *h;
		size_t n;
		assert_int_equal(store_search(s, &q, before, 7, &h, &n, &cause), 0);
		if (n == 0) {
			free(h);
			break;
		}
		before = search_hits_oldest(h, n);
		search_hits_minutes_order(h, n);
		for (size_t i = 0; i < n; i++) {
			int found = 0;
			for (size_t j = 0; j < n_all; j++)
				found += all[j].key == h[i].key;
			assert_int_equal(found, 1);
			search_hit_free(&h[i]);
		}
		free(h);
		got += n;
	}
	assert_int_equal(got, n_all);
	free_hits(all, n_all);
	store_close(s);
}

static char *config(struct store *s, const char *k)
{
	sqlite3_stmt *q = db_prep(s, "SELECT v FROM search_config WHERE k = ?1", NULL);
	assert_non_null(q);
	sqlite3_bind_text(q, 1, k, -1, SQLITE_STATIC);
	char *v = sqlite3_step(q) == SQLITE_ROW ? xstrdup((const char *)sqlite3_column_text(q, 0))
						 : NULL;
	sqlite3_reset(q);
	return v;
}

static void assert_config(struct store *s, const char *k, const char *want)
{
	char *v = config(s, k);
	assert_non_null(v);
	assert_string_equal(v, want);
	free(v);
}

/* A bulk insert indexed once (the import's copy): the rows are found,
 * the index is whole, and FTS5's settings, raised for that one statement,
 * are the store's again afterwards, after a commit or a rollback alike. */
static void test_deferred_index_keeps_settings(void **state)
{
	(void)state;
	struct store *s = demo_store();
	char *cause = NULL, *report;
	exec(s, "INSERT INTO search(search, rank) VALUES ('automerge', 8)");
	for (int round = 0; round < 2; round++) {
		struct search_defer *d = NULL;
		assert_int_equal(store_begin(s, &cause), 0);
		assert_int_equal(store_search_defer_begin(s, &d, &cause), 0);
		exec(s, "WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 60)"
			" INSERT INTO notes(meeting_id, item_id, position, kind, text)"
			" SELECT 1, (SELECT min(id) FROM agenda_items WHERE meeting_id = 1), 1000 + v,"
			" 'report', 'Hiến máu tình nguyện đợt ' || v FROM n");
		assert_int_equal(store_search_defer_end(s, d, &cause), 0);
		assert_config(s, "automerge", "8");
		assert_config(s, "hashsize", "1048576");
		if (round == 0) {
			assert_int_equal(store_commit(s, &cause), 0);
			assert_int_equal(count(s, "hien mau"), 60);
		} else {
			store_rollback(s);
			assert_int_equal(count(s, "hien mau"), 60); /* the first round's */
		}
		assert_config(s, "automerge", "8");
		assert_int_equal(check(s, &report), 0);
		free(report);
	}
	store_close(s);
}

/* The budgeted search: pages taken slice by slice and resumed where the
 * budget stopped them give exactly the hits of one unbounded search, in
 * the same order; the bounded count stops at its cap. */
static void test_budgeted_search_resumes(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	static const char *const one[] = {"Đoàn viên tiêu biểu"};
	static const char *const other[] = {"Hội trại tòng quân"};
	for (int i = 0; i < 40; i++) {
		char when[32];
		snprintf(when, sizeof when, "%d-%02d-%02dT08:00", 2015 + i / 4, 1 + (i % 4) * 3,
			 1 + i % 27);
		add(s, meeting_at(when, 1 + i % 3, "I/2015", i % 3 != 1 ? one : other, 1));
	}
	/* Many hits in one meeting: more in one window than a page holds. */
	static const char *const many[] = {"Đoàn viên 1", "Đoàn viên 2", "Đoàn viên 3",
					   "Đoàn viên 4", "Đoàn viên 5", "Đoàn viên 6"};
	add(s, meeting_at("2020-06-15T08:00", 2, "II/2020", many, 6));
	/* A word (read newest first) and a phrase (read by windows forwards). */
	static const char *const texts[] = {"doan", "\"doan vien\""};
	struct search_query q = {0};
	for (size_t t = 0; t < BB_ARRAY_LEN(texts); t++) {
		q.text = texts[t];
		struct search_hit *all;
		size_t n_all = hits(s, &q, &all);
		assert_true(n_all >= 20);
		int64_t before = 0, stopped;
		size_t got = 0;
		int stops = 0;
		for (int guard = 0; guard < 5000; guard++) { /* one 1024th of the span a call */
			struct search_hit *h;
			size_t n;
			assert_int_equal(
			    store_search_within(s, &q, before, 4, -1, &h, &n, &stopped, &cause),
			    0);
			for (size_t i = 0; i < n; i++) {
				assert_true(got < n_all);
				assert_int_equal(h[i].key, all[got].key);
				got++;
			}
			before = stopped ? stopped : n ? h[n - 1].key : 0;
			stops += stopped != 0;
			int last = !stopped && n < 4;
			free_hits(h, n);
			if (last)
				break;
		}
		assert_int_equal(got, n_all);
		assert_true(stops > 0); /* the one-slice budget did stop pages */
		free_hits(all, n_all);
	}
	q.text = "doan"; /* the oldest key (an item title) is a hit */
	int64_t c;
	int done;
	assert_int_equal(store_search_count_within(s, &q, 5, 1000, &c, &done, &cause), 0);
	assert_int_equal(done, 1);
	assert_int_equal(c, 5);
	assert_int_equal(store_search_count_within(s, &q, 0, 0, &c, &done, &cause), 0);
	assert_true(c >= 40);
	store_close(s);
}

static void test_newest_first_and_paging(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	static const char *const one[] = {"Đoàn viên tiêu biểu"};
	/* inserted out of order: the oldest last */
	int64_t q3 = add(s, meeting_at("2023-10-10T08:00", 1, "III/2023", one, 1));
	int64_t q1 = add(s, meeting_at("2023-04-12T08:00", 1, "I/2023", one, 1));
	int64_t q4 = add(s, meeting_at("2024-01-09T08:00", 2, "IV/2023", one, 1));
	int64_t q0 = add(s, meeting_at("2022-12-30T08:00", 1, "IV/2022", one, 1));
	struct search_query q = {.text = "tieu bieu"};
	struct search_hit *h;
	size_t n = hits(s, &q, &h);
	assert_int_equal(n, 4);
	assert_int_equal(h[0].meeting_id, q4);
	assert_int_equal(h[1].meeting_id, q3);
	assert_int_equal(h[2].meeting_id, q1);
	assert_int_equal(h[3].meeting_id, q0);
	/* paging with the key of the last hit */
	struct search_hit *p;
	size_t m;
	assert_int_equal(store_search(s, &q, h[1].key, 10, &p, &m, &cause), 0);
	assert_int_equal(m, 2);
	assert_int_equal(p[0].meeting_id, q1);
	free_hits(p, m);
	free_hits(h, n);
	/* a meeting moved in time moves in the results */
	exec(s, "UPDATE meetings SET starts_at = '2025-01-01T08:00' WHERE id = 1");
	n = hits(s, &q, &h);
	assert_int_equal(h[0].meeting_id, q3);
	free_hits(h, n);
	char *report;
	assert_int_equal(check(s, &report), 0);
	free(report);
	/* filters */
	q.cluster = 2;
	n = hits(s, &q, &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].meeting_id, q4);
	free_hits(h, n);
	q.cluster = 0;
	q.year = 2023;
	/* A period is searched within its meetings' keys, here from 2023-04
	 * to 2025-01 (III/2023 was moved to 2025), not within its dates. */
	assert_int_equal((n = hits(s, &q, &h)), 3);
	assert_int_equal(h[0].meeting_id, q3);
	assert_int_equal(h[2].meeting_id, q1);
	free_hits(h, n);
	int64_t total;
	int done;
	assert_int_equal(store_search_count_within(s, &q, 0, 0, &total, &done, &cause), 0);
	assert_int_equal(total, 3);
	q.year = 2021; /* no meeting at all */
	assert_int_equal((n = hits(s, &q, &h)), 0);
	assert_int_equal(store_search_count_within(s, &q, 0, 0, &total, &done, &cause), 0);
	assert_int_equal(total, 0);
	q.year = 2023;
	q.quarter = 1;
	n = hits(s, &q, &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].meeting_id, q1);
	free_hits(h, n);
	q.quarter = q.year = 0;
	q.text = "doan";
	q.kind = "directive";
	assert_int_equal((n = hits(s, &q, &h)), 0); /* directives say "Hội trại" */
	free_hits(h, n);
	q.kind = "item";
	assert_int_equal((n = hits(s, &q, &h)), 4);
	free_hits(h, n);
	q.kind = "report";
	q.speaker = "duy trung";
	assert_int_equal((n = hits(s, &q, &h)), 4);
	free_hits(h, n);
	q.speaker = "Nguyệt";
	assert_int_equal((n = hits(s, &q, &h)), 0);
	free_hits(h, n);
	q.kind = "bogus";
	assert_int_equal(store_search(s, &q, 0, 10, &h, &n, &cause), -1);
	assert_non_null(strstr(cause, "unknown kind"));
	free(cause);
	store_close(s);
}

static void test_period_spans_its_meetings_keys(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	static const char *const one[] = {"Đoàn viên tiêu biểu"};
	int64_t a = add(s, meeting_at("2019-01-10T08:00", 1, "I/2019", one, 1));
	int64_t b = add(s, meeting_at("2019-03-01T08:00", 1, "I/2019", one, 1));
	int64_t c = add(s, meeting_at("2019-03-01T07:00", 2, "I/2019", one, 1));
	add(s, meeting_at("2019-04-02T08:00", 1, "II/2019", one, 1));
	/* Written by another program: a space before the hour sorts before
	 * "T", so the latest start of the quarter is not the greatest text. */
	exec(s, "UPDATE meetings SET starts_at = '2019-03-01 09:00' WHERE id = 3");
	struct search_query q = {.text = "tieu bieu", .year = 2019, .quarter = 1};
	struct search_hit *h;
	size_t n = hits(s, &q, &h);
	assert_int_equal(n, 3);
	assert_int_equal(h[0].meeting_id, c);
	assert_int_equal(h[1].meeting_id, b);
	assert_int_equal(h[2].meeting_id, a);
	free_hits(h, n);
	int64_t total;
	int done;
	assert_int_equal(store_search_count_within(s, &q, 0, 0, &total, &done, &cause), 0);
	assert_int_equal(total, 3);
	q.quarter = 0;
	assert_int_equal((n = hits(s, &q, &h)), 4);
	free_hits(h, n);
	store_close(s);
}

static int segments(struct store *s)
{
	sqlite3_stmt *st = db_prep(s, "SELECT count(DISTINCT segid) FROM search_idx", NULL);
	assert_int_equal(db_row(s, st, NULL), 1);
	int n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

static void test_migration_merges_index(void **state)
{
	/* A store of schema 8 whose index grew a segment per transaction is
	 * left with one segment by db/009, and finds the same. */
	char dir[] = "/tmp/bb-search-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/s.db", dir);
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, path, STORE_CREATE, &cause), 0);
	static const char *const one[] = {"Đoàn viên tiêu biểu"};
	for (int i = 0; i < 6; i++) {
		char when[32];
		snprintf(when, sizeof when, "2019-0%d-10T08:00", 1 + i);
		add(s, meeting_at(when, 1, "I/2019", one, 1));
	}
	assert_true(segments(s) > 1);
	exec(s, "ALTER TABLE notes DROP COLUMN after_conclusions; PRAGMA user_version = 8");
	store_close(s);
	assert_int_equal(store_open(&s, path, 0, &cause), 0);
	assert_int_equal(segments(s), 1);
	struct search_query q = {.text = "tieu bieu"};
	struct search_hit *h;
	size_t n = hits(s, &q, &h);
	assert_int_equal(n, 6);
	free_hits(h, n);
	char *report;
	assert_int_equal(check(s, &report), 0);
	free(report);
	store_close(s);
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	unlink(wal);
	unlink(shm);
	unlink(path);
	rmdir(dir);
	free(wal);
	free(shm);
	free(path);
}

static void test_check_finds_damage_and_rebuild_fixes(void **state)
{
	struct store *s = demo_store();
	char *report, *cause = NULL;
	/* the index no longer matches its content */
	exec(s, "INSERT INTO search(search, rowid, text, speaker, meta)"
		" SELECT 'delete', key, text, speaker, meta FROM search_doc LIMIT 1");
	assert_true(check(s, &report) >= 1);
	assert_non_null(strstr(report, "full-text index does not match"));
	free(report);
	if (store_search_rebuild(s, &cause) < 0)
		fail_msg("rebuild: %s", cause);
	assert_int_equal(check(s, &report), 0);
	free(report);
	/* search_doc no longer matches the notes */
	exec(s, "UPDATE search_doc SET text = 'khác' WHERE src = 1");
	assert_int_equal(check(s, &report), 3);
	assert_non_null(strstr(report, "search: the index of note"));
	assert_non_null(strstr(report, "is out of date"));
	free(report);
	exec(s, "DELETE FROM search_doc WHERE src = 5");
	exec(s, "INSERT INTO search_doc(key, src, src_id, meeting_id, text, meta)"
		" VALUES (1, 6, 999, 1, 'x', 'c0')");
	assert_int_equal(check(s, &report), 5);
	assert_non_null(strstr(report, "conclusion 1 is missing from the search index"));
	assert_non_null(strstr(report, "directive 999, which no longer exists"));
	free(report);
	assert_int_equal(store_search_rebuild(s, &cause), 0);
	assert_int_equal(check(s, &report), 0);
	free(report);
	assert_int_equal(count(s, "doan"), 3);
	/* and store_check reports it too */
	exec(s, "DELETE FROM search_doc WHERE src = 2");
	assert_int_equal(store_check(s, &report, &cause), 1);
	assert_non_null(strstr(report, "item 1 is missing"));
	free(report);
	store_close(s);
}

static void test_readonly_connection_searches(void **state)
{
	char dir[] = "/tmp/bb-test-search-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/s.db", dir);
	struct store *s, *r;
	char *cause = NULL;
	assert_int_equal(store_open(&s, path, STORE_CREATE, &cause), 0);
	static const char *const one[] = {"Hội nghị tổng kết"};
	add(s, meeting_at("2023-04-12T08:00", 4, "I/2023", one, 1));
	assert_int_equal(store_open(&r, path, STORE_READONLY, &cause), 0);
	assert_int_equal(count(r, "tong ket"), 1);
	/* a reviewer sees what the secretary adds next */
	exec(s, "INSERT INTO notes(meeting_id, item_id, position, text)"
		" VALUES (1, 1, 5, 'Biểu dương Đoàn trường')");
	assert_int_equal(count(r, "bieu duong"), 1);
	char *report;
	assert_int_equal(check(r, &report), 0); /* without the FTS5 write check */
	free(report);
	store_close(r);
	store_close(s);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tokens_fold_vietnamese),
	    cmocka_unit_test(test_fold_table_matches_text_fold),
	    cmocka_unit_test(test_expr_is_literal),
	    cmocka_unit_test(test_folding_finds_original),
	    cmocka_unit_test(test_nasty_queries_never_fail),
	    cmocka_unit_test(test_snippet_marks_original_text),
	    cmocka_unit_test(test_directive_hit_has_due_and_status),
	    cmocka_unit_test(test_triggers_keep_index_in_step),
	    cmocka_unit_test(test_answer_found_once),
	    cmocka_unit_test(test_hits_in_minutes_order),
	    cmocka_unit_test(test_deferred_index_keeps_settings),
	    cmocka_unit_test(test_newest_first_and_paging),
	    cmocka_unit_test(test_budgeted_search_resumes),
	    cmocka_unit_test(test_period_spans_its_meetings_keys),
	    cmocka_unit_test(test_migration_merges_index),
	    cmocka_unit_test(test_check_finds_damage_and_rebuild_fixes),
	    cmocka_unit_test(test_readonly_connection_searches),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
