/* test_carry.c - what was carried over into a meeting, as its minutes show
 * it: tests/fixtures/carry-over.json (four meetings of cluster 4) with
 * items carried through the store API as the follow-up screen does, the
 * minutes of quarter II compared with tests/golden/carry-minutes.{txt,md,
 * html} (BB_UPDATE_GOLDEN=1 rewrites them), the same section in docx and
 * odt, the status as of each meeting, and the notice left without it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "doc.h"
#include "interchange.h"
#include "render.h"
#include "store.h"
#include "store_edit.h"
#include "store_review.h"
#include "util.h"

#define SECTION "KẾT QUẢ THỰC HIỆN NHIỆM VỤ, KIẾN NGHỊ KỲ TRƯỚC"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot read %s", path);
	struct strbuf sb = {0};
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	if (len)
		*len = sb.len;
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

static char *src_path(const char *rel)
{
	const char *src = getenv("BIENBAN_SRC");
	return xasprintf("%s/%s", src ? src : "..", rel);
}

/* The fixture's meetings: 1 quarter IV/2022, 2 quarter I/2023, 3 quarter
 * II/2023, 4 quarter III/2023, all of cluster 4. */
static struct store *fixture(void)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	char *path = src_path("tests/fixtures/carry-over.json");
	size_t len;
	char *data = slurp(path, &len);
	free(path);
	struct interchange doc;
	struct strbuf warnings = {0};
	if (interchange_parse(data, len, &doc, &warnings, &cause) < 0)
		fail_msg("parse: %s", cause);
	free(data);
	strbuf_free(&warnings);
	int64_t *ids;
	size_t n;
	if (interchange_import(s, &doc, &ids, &n, &cause) < 0)
		fail_msg("import: %s", cause);
	interchange_free(&doc);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ids[i], (int64_t)i + 1);
	free(ids);
	return s;
}

static void ok(int rc, char **cause)
{
	if (rc < 0)
		fail_msg("%s", *cause ? *cause : "?");
}

/* Carry every candidate into meeting, in the order offered; returns how
 * many there were. */
static size_t carry_all(struct store *s, int64_t meeting)
{
	char *cause = NULL;
	struct carry_item *c;
	size_t n;
	ok(store_carry_candidates(s, meeting, &c, &n, &cause), &cause);
	for (size_t i = 0; i < n; i++) {
		ok(store_carry_add(s, meeting, c[i].kind, c[i].id, &cause), &cause);
		carry_item_free(&c[i]);
	}
	free(c);
	return n;
}

/* Meeting 1's directive goes into 2 (still open); 3 takes what 2 left
 * open and settles some; 4 settles the one from 1. */
static struct store *carried_store(void)
{
	struct store *s = fixture();
	char *cause = NULL;
	assert_int_equal(carry_all(s, 2), 1);
	ok(store_meeting_approve(s, 2, &cause), &cause);
	/* meeting 2's 4 directives and 2 proposals, and meeting 1's */
	assert_int_equal(carry_all(s, 3), 7);
	struct carry_item *c;
	size_t n;
	ok(store_carryovers(s, 3, &c, &n, &cause), &cause);
	assert_int_equal(n, 7);
	assert_int_equal(c[0].from_meeting, 1); /* the oldest first */
	int64_t hoi_trai = 0, khao_sat = 0, kinh_phi = 0;
	for (size_t i = 0; i < n; i++) {
		if (strstr(c[i].text, "Hội trại tòng quân năm 2023"))
			hoi_trai = c[i].id;
		if (strstr(c[i].text, "Câu lạc bộ"))
			khao_sat = c[i].id;
		if (c[i].kind == CARRY_PROPOSAL && strstr(c[i].text, "kinh phí"))
			kinh_phi = c[i].id;
		carry_item_free(&c[i]);
	}
	free(c);
	assert_true(hoi_trai && khao_sat && kinh_phi);
	ok(store_directive_set_status(s, hoi_trai, TS_DONE, 3, &cause), &cause);
	ok(store_directive_set_status(s, khao_sat, TS_DROPPED, 3, &cause), &cause);
	ok(store_proposal_set_status(s, kinh_phi, TS_DONE, "Tỉnh đoàn hỗ trợ 20 triệu đồng", 3,
				     &cause),
	   &cause);
	/* quarter III: meeting 1's directive, carried on from 3, done there */
	ok(store_carry_add(s, 4, CARRY_DIRECTIVE, 1, &cause), &cause);
	ok(store_directive_set_status(s, 1, TS_DONE, 4, &cause), &cause);
	return s;
}

static char *render(struct store *s, int64_t meeting, enum doc_kind k, const struct renderer *r,
		    int width, size_t *len)
{
	struct doc *d;
	char *cause = NULL;
	ok(doc_build(s, k, &meeting, 1, &d, NULL, &cause), &cause);
	struct render_opts ro = {.width = width};
	struct strbuf out = {0};
	ok(r->render(d, &ro, &out, &cause), &cause);
	doc_free(d);
	if (len)
		*len = out.len;
	return out.buf ? strbuf_detach(&out) : xstrdup("");
}

static void golden(const char *name, const char *got)
{
	char *rel = xasprintf("tests/golden/%s", name);
	char *path = src_path(rel);
	free(rel);
	const char *update = getenv("BB_UPDATE_GOLDEN");
	if (update && strcmp(update, "1") == 0) {
		char *cause = NULL;
		ok(atomic_write_file(path, got, strlen(got), 0644, 1, &cause), &cause);
		free(path);
		return;
	}
	char *want = slurp(path, NULL);
	if (strcmp(want, got) != 0) {
		fprintf(stderr, "%s differs from the golden file; got:\n%s\n", path, got);
		fail_msg("%s differs", name);
	}
	free(want);
	free(path);
}

/* The minutes of quarter II in the three text formats. */
static void test_golden(void **state)
{
	(void)state;
	struct store *s = carried_store();
	char *t = render(s, 3, DOC_MINUTES, &render_txt, 80, NULL);
	golden("carry-minutes.txt", t);
	/* before the conclusions, after the agenda */
	const char *sec = strstr(t, SECTION);
	assert_non_null(sec);
	assert_true(sec > strstr(t, "I. ĐÁNH GIÁ KẾT QUẢ CÔNG TÁC QUÝ II/2023"));
	assert_true(sec < strstr(t, "KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ"));
	free(t);
	t = render(s, 3, DOC_MINUTES, &render_md, 0, NULL);
	golden("carry-minutes.md", t);
	free(t);
	t = render(s, 3, DOC_MINUTES, &render_html, 0, NULL);
	golden("carry-minutes.html", t);
	free(t);
	store_close(s);
}

/* A programme with a follow-up item ("Theo dõi thực hiện kết luận Hội
 * nghị quý trước"): the carried-over tables go under it, no section of
 * their own, so that the minutes keep the programme's numbering. */
static void test_carried_under_follow_up_item(void **state)
{
	(void)state;
	struct store *s = carried_store();
	char *cause = NULL;
	int64_t id = 0;
	ok(store_item_add(s, 3, "Theo dõi thực hiện kết luận Hội nghị quý trước", &id, &cause),
	   &cause);
	char *t = render(s, 3, DOC_MINUTES, &render_txt, 200, NULL);
	assert_null(strstr(t, SECTION));
	const char *item = strstr(t, "II. THEO DÕI THỰC HIỆN KẾT LUẬN HỘI NGHỊ QUÝ TRƯỚC");
	const char *table = strstr(t, "Nhiệm vụ chuyển từ");
	const char *concl = strstr(t, "III. KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ");
	assert_non_null(item);
	assert_non_null(table);
	assert_non_null(concl);
	assert_true(item < table && table < concl);
	free(t);
	store_close(s);
}

/* What each item had become by the meeting whose minutes are printed. */
static void test_status_as_of_meeting(void **state)
{
	(void)state;
	struct store *s = carried_store();
	char *t = render(s, 3, DOC_MINUTES, &render_txt, 400, NULL);
	assert_non_null(strstr(t, "Nhiệm vụ chuyển từ Hội nghị giao ban công tác Đoàn, Hội, Đội "
				  "Cụm thi đua số 4 quý IV/2022 (ngày 10 tháng 01 năm 2023):"));
	assert_non_null(strstr(t,
			       "Nhiệm vụ, kiến nghị chuyển từ Hội nghị giao ban công tác Đoàn, "
			       "Hội, Đội Cụm thi đua số 4 quý I/2023 (ngày 12 tháng 4 năm 2023):"));
	/* Meeting 1's directive was settled in meeting 4, after this one:
	 * here it is still open, and overdue. */
	struct {
		const char *text, *unit, *due, *result;
	} rows[] = {
	    {"Hoàn thành Đại hội Chi đoàn tại các chi đoàn còn lại", "Huyện đoàn Tây Sơn",
	     "31/03/2023", "Chưa hoàn thành"},
	    {"Tổ chức Hội trại tòng quân năm 2023", "Huyện đoàn Tuy Phước", "30/06/2023",
	     "Đã hoàn thành"},
	    {"Gửi báo cáo sơ kết Tháng Thanh niên", "Thị đoàn An Nhơn", "15/05/2023",
	     "Chưa hoàn thành"},
	    {"Khảo sát nhu cầu thành lập", "Các đơn vị trong Cụm", "|", "Không tiếp tục thực hiện"},
	    {"Chuẩn bị nội dung Hội nghị giao ban quý III/2023", "Huyện đoàn Phù Cát", "30/09/2023",
	     "Đang thực hiện"},
	    {"Kiến nghị: Đề nghị Tỉnh đoàn hỗ trợ kinh phí", "Huyện đoàn Phù Cát", "|",
	     "Đã giải quyết"},
	    {"Kiến nghị: Đề nghị mở lớp tập huấn", "Thị đoàn An Nhơn", "|", "Chưa giải quyết"},
	};
	for (size_t i = 0; i < BB_ARRAY_LEN(rows); i++) {
		const char *row = strstr(t, rows[i].text);
		if (!row)
			fail_msg("no row for %s", rows[i].text);
		const char *end = strchr(row, '\n');
		char *line = xasprintf("%.*s", (int)(end - row), row);
		const char *unit = strstr(line, rows[i].unit);
		const char *due = unit ? strstr(unit, rows[i].due) : NULL;
		const char *result = due ? strstr(due, rows[i].result) : NULL;
		if (!result)
			fail_msg("row '%s' does not say %s, %s, %s", line, rows[i].unit,
				 rows[i].due, rows[i].result);
		free(line);
	}
	free(t);

	/* quarter III: the directive of quarter IV/2022 done there */
	t = render(s, 4, DOC_MINUTES, &render_txt, 400, NULL);
	const char *row = strstr(t, "Hoàn thành Đại hội Chi đoàn tại các chi đoàn còn lại");
	assert_non_null(row);
	assert_non_null(strstr(row, "Đã hoàn thành"));
	assert_true(strstr(row, "Đã hoàn thành") < strchr(row, '\n'));
	free(t);

	/* quarter I: one carried, still open at the time */
	t = render(s, 2, DOC_MINUTES, &render_txt, 400, NULL);
	assert_non_null(strstr(t, SECTION));
	free(t);
	/* quarter IV/2022: nothing carried, no section */
	t = render(s, 1, DOC_MINUTES, &render_txt, 80, NULL);
	assert_null(strstr(t, SECTION));
	free(t);
	/* the notice of conclusions announces this meeting's assignments only */
	t = render(s, 3, DOC_CONCLUSIONS, &render_txt, 80, NULL);
	assert_null(strstr(t, SECTION));
	assert_null(strstr(t, "chuyển từ"));
	free(t);
	store_close(s);
}

/* The named member of a zip held in memory. Allocated. */
static char *zip_member(const char *data, size_t len, const char *name)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	assert_non_null(src);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(z);
	zip_stat_t st;
	assert_int_equal(zip_stat(z, name, 0, &st), 0);
	zip_file_t *f = zip_fopen(z, name, 0);
	assert_non_null(f);
	char *out = xmalloc(st.size + 1);
	assert_int_equal(zip_fread(f, out, st.size), (zip_int64_t)st.size);
	out[st.size] = '\0';
	zip_fclose(f);
	zip_close(z);
	zip_error_fini(&ze);
	return out;
}

/* docx and odt carry the same section through the same model. */
/* A unit joining cluster 4, as the clusters screen or an import's merge
 * adds it. */
static void add_unit(struct store *s, const char *name)
{
	char *cause = NULL;
	char *units[] = {(char *)name};
	struct cluster c = {.number = 4, .units = units, .n_units = 1};
	ok(store_begin(s, &cause), &cause);
	ok(store_cluster_merge(s, &c, &cause), &cause);
	ok(store_commit(s, &cause), &cause);
}

/* The minutes of a closed or approved meeting keep the units its cluster
 * had when it closed (db/010_meeting_units.sql): a unit that joins the
 * cluster later changes none of them. A draft follows its cluster until
 * it closes, then keeps what it had. */
static void test_units_kept_at_closing(void **state)
{
	(void)state;
	struct store *s = carried_store();
	char *cause = NULL;
	char *before = render(s, 3, DOC_MINUTES, &render_txt, 400, NULL);
	assert_non_null(strstr(before, "/4 đơn vị có mặt."));
	add_unit(s, "Huyện đoàn Hoài Nhơn");
	char *after = render(s, 3, DOC_MINUTES, &render_txt, 400, NULL);
	assert_string_equal(before, after);

	int64_t id;
	ok(store_meeting_create(s, "Hội nghị giao ban Cụm thi đua số 4 quý I/2024",
				"2024-03-20T08:00", 4, NULL, &id, &cause),
	   &cause);
	char *t = render(s, id, DOC_MINUTES, &render_txt, 400, NULL);
	assert_non_null(strstr(t, "0/5 đơn vị có mặt."));
	free(t);
	ok(store_meeting_set_status(s, id, MS_LIVE, NULL, &cause), &cause);
	add_unit(s, "Huyện đoàn An Lão");
	t = render(s, id, DOC_MINUTES, &render_txt, 400, NULL);
	assert_non_null(strstr(t, "0/6 đơn vị có mặt.")); /* live: still following */
	free(t);
	ok(store_meeting_set_status(s, id, MS_CLOSED, NULL, &cause), &cause);
	add_unit(s, "Huyện đoàn Vân Canh");
	t = render(s, id, DOC_MINUTES, &render_txt, 400, NULL);
	assert_non_null(strstr(t, "0/6 đơn vị có mặt."));
	free(t);
	free(after);
	after = render(s, 3, DOC_MINUTES, &render_txt, 400, NULL);
	assert_string_equal(before, after);
	free(before);
	free(after);
	store_close(s);
}

static void test_office(void **state)
{
	(void)state;
	struct store *s = carried_store();
	struct {
		const struct renderer *r;
		const char *member;
	} f[] = {{&render_docx, "word/document.xml"}, {&render_odt, "content.xml"}};
	for (size_t i = 0; i < 2; i++) {
		size_t len;
		char *bytes = render(s, 3, DOC_MINUTES, f[i].r, 0, &len);
		char *xml = zip_member(bytes, len, f[i].member);
		const char *sec = strstr(xml, SECTION);
		if (!sec)
			fail_msg("%s: no section", f[i].r->name);
		assert_true(sec < strstr(xml, "KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ"));
		assert_non_null(strstr(sec, "Không tiếp tục thực hiện"));
		assert_non_null(strstr(sec, "Kiến nghị: Đề nghị mở lớp tập huấn"));
		assert_non_null(strstr(sec, "Thị đoàn An Nhơn")); /* typed NFD, stored NFC */
		free(xml);
		free(bytes);
	}
	store_close(s);
}

static int64_t *all_ids(void)
{
	int64_t *ids = xcalloc(4, sizeof *ids);
	for (size_t i = 0; i < 4; i++)
		ids[i] = (int64_t)i + 1;
	return ids;
}

/* Parse and import json into s; the import's warnings go to *warnings. */
static int import_json(struct store *s, const char *json, struct strbuf *warnings, char **cause)
{
	struct interchange doc;
	if (interchange_parse(json, strlen(json), &doc, warnings, cause) < 0)
		return -1;
	int64_t *ids;
	size_t n;
	int rc = interchange_import_warn(s, &doc, warnings, &ids, &n, cause);
	if (rc == 0)
		free(ids);
	interchange_free(&doc);
	return rc;
}

/* The carry-overs and closing meetings travel in the interchange
 * document: export, import into an empty store, export again gives the
 * same bytes, and the minutes read the same. */
static void test_interchange_round_trip(void **state)
{
	(void)state;
	struct store *s = carried_store();
	char *cause = NULL;
	int64_t *ids = all_ids();
	char *first = interchange_export(s, ids, 4, &cause);
	if (!first)
		fail_msg("export: %s", cause);
	assert_non_null(strstr(first, "\"carried\": ["));
	assert_non_null(strstr(first, "\"kind\": \"proposal\""));
	assert_non_null(strstr(first, "\"closed_in\": {"));
	assert_non_null(strstr(first, "\"change_log\": ["));

	struct store *t;
	ok(store_open(&t, ":memory:", 0, &cause), &cause);
	struct strbuf warnings = {0};
	ok(import_json(t, first, &warnings, &cause), &cause);
	assert_int_equal(warnings.len, 0);
	strbuf_free(&warnings);
	char *second = interchange_export(t, ids, 4, &cause);
	if (!second)
		fail_msg("export: %s", cause);
	assert_string_equal(first, second);

	/* The approved meeting is approved in the copy, with its history:
	 * the same entries, worded the same. */
	struct meeting *two;
	ok(store_meeting_load(t, 2, &two, &cause), &cause);
	assert_int_equal(two->status, MS_APPROVED);
	meeting_free(two);
	struct change_entry *ea, *eb;
	size_t na, nb;
	ok(store_change_log(s, 2, &ea, &na, &cause), &cause);
	ok(store_change_log(t, 2, &eb, &nb, &cause), &cause);
	assert_true(na > 0);
	assert_int_equal(na, nb);
	char *tsv_a = change_log_tsv(ea, na), *tsv_b = change_log_tsv(eb, nb);
	assert_string_equal(tsv_a, tsv_b);
	assert_non_null(strstr(tsv_a, "\tstatus\tclosed\tapproved"));
	free(tsv_a);
	free(tsv_b);
	for (size_t i = 0; i < na; i++)
		change_entry_free(&ea[i]);
	for (size_t i = 0; i < nb; i++)
		change_entry_free(&eb[i]);
	free(ea);
	free(eb);

	struct carry_item *c;
	size_t n;
	ok(store_carryovers(t, 3, &c, &n, &cause), &cause);
	assert_int_equal(n, 7);
	for (size_t i = 0; i < n; i++)
		carry_item_free(&c[i]);
	free(c);
	char *want = render(s, 3, DOC_MINUTES, &render_txt, 80, NULL);
	char *got = render(t, 3, DOC_MINUTES, &render_txt, 80, NULL);
	assert_non_null(strstr(got, SECTION));
	assert_string_equal(want, got);
	free(want);
	free(got);
	want = render(s, 4, DOC_MINUTES, &render_txt, 80, NULL);
	got = render(t, 4, DOC_MINUTES, &render_txt, 80, NULL);
	assert_string_equal(want, got);
	free(want);
	free(got);

	/* The later meeting on its own, into a store that has the others:
	 * its references resolve against the store. The others' items closed
	 * in it cannot be resolved before it is there: warnings. */
	struct store *u;
	ok(store_open(&u, ":memory:", 0, &cause), &cause);
	int64_t others[] = {1, 2, 4}, three = 3;
	char *rest = interchange_export(s, others, 3, &cause);
	char *only = interchange_export(s, &three, 1, &cause);
	assert_non_null(rest);
	assert_non_null(only);
	warnings = (struct strbuf){0};
	ok(import_json(u, rest, &warnings, &cause), &cause);
	assert_non_null(warnings.buf);
	assert_non_null(strstr(warnings.buf, "meetings[1].directives[0].closed_in: no meeting"));
	strbuf_free(&warnings);
	warnings = (struct strbuf){0};
	ok(import_json(u, only, &warnings, &cause), &cause);
	assert_int_equal(warnings.len, 0);
	strbuf_free(&warnings);
	free(rest);
	int64_t found;
	assert_int_equal(store_meeting_find(u,
					    "Hội nghị giao ban công tác Đoàn, Hội, Đội Cụm thi "
					    "đua số 4 quý II/2023",
					    "2023-07-12T08:00", &found, &cause),
			 1);
	ok(store_carryovers(u, found, &c, &n, &cause), &cause);
	assert_int_equal(n, 7);
	for (size_t i = 0; i < n; i++)
		carry_item_free(&c[i]);
	free(c);
	free(only);
	store_close(u);

	free(first);
	free(second);
	free(ids);
	store_close(t);
	store_close(s);
}

#define DOC_HEAD                                                                                   \
	"{\"format\": \"bienban/1\", \"meetings\": [{\"title\": \"Hội nghị giao ban quý "     \
	"III/2023\", \"starts_at\": \"2023-10-10T08:00\", "

/* A malformed entry refuses the document and names the place. */
static void test_interchange_malformed(void **state)
{
	(void)state;
	static const struct {
		const char *json, *cause;
	} bad[] = {
	    {DOC_HEAD "\"carried\": [{\"kind\": 1, \"from\": {\"title\": \"Hội nghị\", "
		      "\"starts_at\": \"2023-07-12T08:00\"}, \"index\": 0}]}]}",
	     "meetings[0].carried[0].kind: expected a string"},
	    {DOC_HEAD "\"carried\": [{\"kind\": \"directive\", \"from\": {\"title\": \"Hội "
		      "nghị\", \"starts_at\": \"2023-07-12T08:00\"}, \"index\": \"2\"}]}]}",
	     "meetings[0].carried[0].index: expected a non-negative integer"},
	    {DOC_HEAD "\"carried\": [{\"kind\": \"task\", \"from\": {\"title\": \"Hội nghị\", "
		      "\"starts_at\": \"2023-07-12T08:00\"}, \"index\": 0}]}]}",
	     "meetings[0].carried[0].kind: unknown value \"task\" (expected directive, "
	     "proposal)"},
	    {DOC_HEAD "\"carried\": [{\"kind\": \"directive\", \"from\": \"Hội nghị\", "
		      "\"index\": 0}]}]}",
	     "meetings[0].carried[0].from: expected an object"},
	    {DOC_HEAD "\"carried\": {}}]}", "meetings[0].carried: expected an array"},
	    {DOC_HEAD "\"directives\": [{\"text\": \"Báo cáo\", \"closed_in\": {\"title\": "
		      "\"Hội nghị\", \"starts_at\": \"12/7/2023\"}}]}]}",
	     "meetings[0].directives[0].closed_in.starts_at: \"12/7/2023\" is not a time like "
	     "2023-04-12T08:00"},
	};
	for (size_t i = 0; i < BB_ARRAY_LEN(bad); i++) {
		struct store *s;
		char *cause = NULL;
		ok(store_open(&s, ":memory:", 0, &cause), &cause);
		struct strbuf warnings = {0};
		assert_int_equal(import_json(s, bad[i].json, &warnings, &cause), -1);
		assert_string_equal(cause, bad[i].cause);
		free(cause);
		strbuf_free(&warnings);
		store_close(s);
	}
}

/* A reference to a meeting neither in the document nor in the store, or to
 * an item it does not have, is skipped with a warning; the rest is kept. */
static void test_interchange_unresolved(void **state)
{
	(void)state;
	struct store *s = fixture();
	char *cause = NULL;
	const char *json =
	    DOC_HEAD "\"directives\": [{\"text\": \"Báo cáo kết quả\", \"status\": \"done\", "
		     "\"closed_in\": {\"title\": \"Hội nghị không có\", \"starts_at\": "
		     "\"2023-01-01T08:00\"}}], \"carried\": ["
		     "{\"kind\": \"directive\", \"from\": {\"title\": \"Hội nghị bất thường\", "
		     "\"starts_at\": \"2023-08-01T08:00\"}, \"index\": 0},"
		     "{\"kind\": \"proposal\", \"from\": {\"title\": \"Hội nghị giao ban công tác "
		     "Đoàn, Hội, Đội Cụm thi đua số 4 quý IV/2022\", \"starts_at\": "
		     "\"2023-01-10T08:00\"}, \"index\": 5},"
		     "{\"kind\": \"directive\", \"from\": {\"title\": \"Hội nghị giao ban công tác "
		     "Đoàn, Hội, Đội Cụm thi đua số 4 quý IV/2022\", \"starts_at\": "
		     "\"2023-01-10T08:00\"}, \"index\": 0}]}]}";
	struct strbuf warnings = {0};
	ok(import_json(s, json, &warnings, &cause), &cause);
	assert_string_equal(warnings.buf,
			    "meetings[0].directives[0].closed_in: no meeting \"Hội nghị không "
			    "có\" starting 2023-01-01T08:00; skipped\n"
			    "meetings[0].carried[0]: no meeting \"Hội nghị bất thường\" starting "
			    "2023-08-01T08:00; skipped\n"
			    "meetings[0].carried[1].index: that meeting has no proposal 5; "
			    "skipped\n");
	strbuf_free(&warnings);
	struct carry_item *c;
	size_t n;
	ok(store_carryovers(s, 5, &c, &n, &cause), &cause);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].kind, CARRY_DIRECTIVE);
	assert_int_equal(c[0].from_meeting, 1);
	assert_non_null(strstr(c[0].text, "Hoàn thành Đại hội Chi đoàn"));
	carry_item_free(&c[0]);
	free(c);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_golden),
	    cmocka_unit_test(test_carried_under_follow_up_item),
	    cmocka_unit_test(test_status_as_of_meeting),
	    cmocka_unit_test(test_units_kept_at_closing),
	    cmocka_unit_test(test_office),
	    cmocka_unit_test(test_interchange_round_trip),
	    cmocka_unit_test(test_interchange_malformed),
	    cmocka_unit_test(test_interchange_unresolved),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
