/* test_doc.c - the document model and the renderers, without a store:
 * Vietnamese dates, file names, escaping, columns by display width, the
 * list of missing pieces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "render.h"
#include "text.h"
#include "util.h"

static void expect_str(char *got, const char *want)
{
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_dates(void **state)
{
	expect_str(doc_date_vn("2023-02-09T08:00"), "ngày 09 tháng 02 năm 2023");
	expect_str(doc_date_vn("2023-04-14"), "ngày 14 tháng 4 năm 2023");
	expect_str(doc_date_vn("2023-01-05T14:00"), "ngày 05 tháng 01 năm 2023");
	expect_str(doc_date_vn("2023-12-31T23:59"), "ngày 31 tháng 12 năm 2023");
	expect_str(doc_date_vn("2023-10-01"), "ngày 01 tháng 10 năm 2023");
	expect_str(doc_date_vn("2024-02-29"), "ngày 29 tháng 02 năm 2024");
	expect_str(doc_date_vn("2023-02-29"), NULL);
	expect_str(doc_date_vn("12/4/2023"), NULL);
	expect_str(doc_date_vn(NULL), NULL);
	expect_str(doc_time_vn("2023-04-12T08:00"), "08 giờ 00 phút");
	expect_str(doc_time_vn("2023-04-12T11:30"), "11 giờ 30 phút");
	expect_str(doc_time_vn("2023-04-12"), NULL);
	expect_str(doc_time_vn("2023-04-12T25:00"), NULL);
	expect_str(doc_date_short("2023-06-30"), "30/06/2023");
	/* padded as the dateline: the day below 10, months 1 and 2 */
	expect_str(doc_date_short("2027-01-15"), "15/01/2027");
	expect_str(doc_date_short("2027-03-05"), "05/03/2027");
	expect_str(doc_date_short("2027-02-01T08:00"), "01/02/2027");
	expect_str(doc_date_short("2023-12-30"), "30/12/2023");
	expect_str(doc_period_vn("I/2023"), "quý I/2023");
	expect_str(doc_period_vn("4/2023"), "quý IV/2023");
	expect_str(doc_period_vn("Q9"), NULL);
}

static void test_file_name(void **state)
{
	struct meeting *m = meeting_new();
	m->id = 7;
	m->cluster = 4;
	m->period = xstrdup("I/2023");
	m->starts_at = xstrdup("2023-04-12T08:00");
	expect_str(doc_file_name(m, DOC_MINUTES, "docx"), "bien-ban-cum-4-quy-I-2023.docx");
	expect_str(doc_file_name(m, DOC_CONCLUSIONS, "odt"),
		   "thong-bao-ket-luan-cum-4-quy-I-2023.odt");
	m->cluster = 0;
	free(m->period);
	m->period = NULL;
	expect_str(doc_file_name(m, DOC_MINUTES, "txt"), "bien-ban-2023-04-12.txt");
	meeting_free(m);
}

static void test_xml_escape(void **state)
{
	struct strbuf sb = {0};
	strbuf_adds(&sb, "");
	render_xml_escape(&sb, "<a & \"b\" 'c'>\x01\x1b\xc2\x85\xef\xbf\xbe ế");
	assert_string_equal(sb.buf, "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt; ế");
	strbuf_free(&sb);
}

/* A meeting built by hand (not through the store, so NFD stays NFD). */
static struct meeting *edge_meeting(int complete)
{
	struct meeting *m = meeting_new();
	m->id = 3;
	m->title = xstrdup("Hội nghị <thử> & \"kiểm tra\"\x1b[2J");
	m->starts_at = xstrdup("2023-02-09T07:30");
	if (!complete)
		return m;
	m->ends_at = xstrdup("2023-02-09T16:05");
	m->location = xstrdup("Hội trường");
	m->document_number = xstrdup("7");
	m->n_attendees = 2;
	m->attendees = xcalloc(2, sizeof *m->attendees);
	m->attendees[0].name = xstrdup("Ha\xcc\x80 Duy Trung"); /* NFD */
	m->attendees[0].title = xstrdup("Bí thư Tỉnh đoàn");
	m->attendees[0].role = ROLE_CHAIR;
	m->attendees[1].name = xstrdup("Nguye\xcc\x82\xcc\x83n Va\xcc\x86n A");
	m->attendees[1].role = ROLE_SECRETARY;
	m->n_conclusions = 1;
	m->conclusions = xcalloc(1, sizeof(char *));
	m->conclusions[0] = xstrdup("Kết luận <1> & \x07 chuông");
	return m;
}

static void sample_org(struct org *o)
{
	memset(o, 0, sizeof *o);
	o->n_issuer = 1;
	o->issuer = xcalloc(1, sizeof(char *));
	/* "BCH ĐOÀN TỈNH" with combining marks: one column per letter. */
	o->issuer[0] = xstrdup("BCH ĐOA\xcc\x80N TI\xcc\x89NH");
	o->place = xstrdup("Bình Định");
	o->symbol = xstrdup("TĐTN-VP");
	o->superior = xstrdup("ĐOÀN TNCS HỒ CHÍ MINH");
	o->n_recipients = 1;
	o->recipients = xcalloc(1, sizeof(char *));
	o->recipients[0] = xstrdup("Lưu VP");
}

static char *render(const struct renderer *r, const struct doc *d, int width)
{
	struct render_opts ro = {.width = width};
	struct strbuf out = {0};
	char *cause = NULL;
	assert_int_equal(r->render(d, &ro, &out, &cause), 0);
	assert_null(cause);
	return strbuf_detach(&out);
}

static void test_txt_columns_by_width(void **state)
{
	struct meeting *m = edge_meeting(1);
	struct org o;
	sample_org(&o);
	struct doc *d = doc_new();
	struct strbuf missing = {0};
	doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, &missing);
	assert_null(missing.buf);
	char *txt = render(&render_txt, d, 80);
	/* The right column starts at column 36 (45 % of 80), counted in
	 * display columns although the left holds combining marks. */
	char *line = strstr(txt, "ĐOÀN TNCS HỒ CHÍ MINH");
	assert_non_null(line);
	char *start = line;
	while (start > txt && start[-1] != '\n')
		start--;
	size_t col = text_width_n(start, (size_t)(line - start));
	size_t w = text_width("ĐOÀN TNCS HỒ CHÍ MINH");
	assert_int_equal(col, 36 + (44 - w) / 2);
	assert_non_null(strstr(txt, "Số: 7-BB/TĐTN-VP"));
	assert_non_null(strstr(txt, "Bình Định, ngày 09 tháng 02 năm 2023"));
	/* The secretary's NFD name is centred under "THƯ KÝ" by width (its
	 * last occurrence: the signature). */
	line = NULL;
	for (char *p = strstr(txt, "Nguye\xcc\x82"); p; p = strstr(p + 1, "Nguye\xcc\x82"))
		line = p;
	assert_non_null(line);
	start = line;
	while (start > txt && start[-1] != '\n')
		start--;
	col = text_width_n(start, (size_t)(line - start));
	assert_int_equal(col, (40 - text_width("Nguyễn Văn A")) / 2);
	/* Control characters and escape sequences never reach a document,
	 * not even in their visible form (the TUI shows that). */
	assert_null(strchr(txt, '\x1b'));
	assert_null(strchr(txt, '\x07'));
	assert_null(strstr(txt, "^["));
	assert_null(strstr(txt, "[2J"));
	assert_non_null(strstr(txt, "\"kiểm tra\"\n"));
	free(txt);
	doc_free(d);
	meeting_free(m);
	org_free(&o);
}

static void test_missing_pieces(void **state)
{
	struct meeting *m = edge_meeting(0);
	struct org o;
	sample_org(&o);
	struct doc *d = doc_new();
	struct strbuf missing = {0};
	doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, &missing);
	assert_string_equal(missing.buf, "no chair, no secretary, no end time, no location, no "
					 "document number, no conclusions");
	char *txt = render(&render_txt, d, 80);
	assert_non_null(strstr(txt, "Số:      -BB/TĐTN-VP"));
	assert_non_null(strstr(txt, "Chủ trì: Đồng chí ......"));
	assert_non_null(strstr(txt, "kết thúc vào lúc ...... giờ ...... phút, ngày 09 tháng 02"));
	free(txt);
	strbuf_free(&missing);
	doc_free(d);
	/* The notice's blank place fits on the first line after the date (a
	 * longer one went to the next line and stretched the justified first
	 * line across the page in the PDF). */
	d = doc_new();
	doc_add_meeting(d, DOC_CONCLUSIONS, m, &o, NULL, NULL);
	txt = render(&render_txt, d, 1000);
	assert_non_null(strstr(txt, "Ngày 09 tháng 02 năm 2023, tại "
				    "........................................, Ban"));
	free(txt);
	doc_free(d);
	meeting_free(m);
	org_free(&o);
}

/* An end before the start is never printed: the minutes leave the end
 * blank (bienban check reports the meeting); a later end is printed. */
static void test_end_before_start_left_blank(void **state)
{
	(void)state;
	for (int before = 0; before < 2; before++) {
		struct meeting *m = edge_meeting(1);
		free(m->ends_at);
		m->ends_at = xstrdup(before ? "2023-02-09T06:45" : "2023-02-09T10:15");
		struct org o;
		sample_org(&o);
		struct doc *d = doc_new();
		doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, NULL);
		char *txt = render(&render_txt, d, 80);
		if (before) {
			assert_null(strstr(txt, "06 giờ 45"));
			assert_non_null(strstr(txt, "kết thúc vào lúc ...... giờ ...... phút"));
		} else {
			assert_non_null(strstr(txt, "kết thúc vào lúc 10 giờ 15 phút"));
		}
		free(txt);
		doc_free(d);
		meeting_free(m);
		org_free(&o);
	}
}

/* Every text format escapes what it must; nothing raw gets through. */
static void test_escaping(void **state)
{
	struct meeting *m = edge_meeting(1);
	struct org o;
	sample_org(&o);
	struct doc *d = doc_new();
	doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, NULL);
	char *html = render(&render_html, d, 0);
	assert_non_null(strstr(html, "Hội nghị &lt;thử&gt; &amp; &quot;kiểm tra&quot;</"));
	assert_non_null(strstr(html, "Kết luận &lt;1&gt; &amp; chuông"));
	assert_null(strstr(html, "^"));
	assert_null(strstr(html, "[2J"));
	assert_null(strstr(html, "<thử>"));
	char *md = render(&render_md, d, 0);
	assert_non_null(strstr(md, "Hội nghị \\<thử\\> \\& \\\"kiểm tra\\\""));
	assert_null(strstr(md, "2J"));
	assert_non_null(strstr(md, "**1.** Kết luận"));
	for (const char *p = html; *p; p++)
		assert_true((unsigned char)*p >= 0x20 || *p == '\n');
	for (const char *p = md; *p; p++)
		assert_true((unsigned char)*p >= 0x20 || *p == '\n');
	struct render_opts ro = {0};
	struct strbuf zip = {0};
	char *cause = NULL;
	assert_int_equal(render_docx.render(d, &ro, &zip, &cause), 0);
	assert_true(zip.len > 1000 && memcmp(zip.buf, "PK\x03\x04", 4) == 0);
	strbuf_free(&zip);
	assert_int_equal(render_odt.render(d, &ro, &zip, &cause), 0);
	assert_true(zip.len > 1000 && memcmp(zip.buf + 30, "mimetype", 8) == 0);
	strbuf_free(&zip);
	free(html);
	free(md);
	doc_free(d);
	meeting_free(m);
	org_free(&o);
}

/* A line break typed in a conclusion or a directive reads as a space in
 * the documents, never as a raw newline or a "↵" in a table cell. */
static void test_line_breaks_in_one_line_fields(void **state)
{
	struct meeting *m = edge_meeting(1);
	struct org o;
	sample_org(&o);
	free(m->conclusions[0]);
	m->conclusions[0] = xstrdup("Ghi nhận kết quả;\n  biểu dương các đơn vị");
	m->n_directives = 1;
	m->directives = xcalloc(1, sizeof *m->directives);
	m->directives[0].text = xstrdup("Rà soát nhân sự\n\ntrước 30/6");
	struct doc *d = doc_new();
	doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, NULL);
	char *txt = render(&render_txt, d, 200);
	assert_non_null(strstr(txt, "Ghi nhận kết quả; biểu dương các đơn vị"));
	assert_non_null(strstr(txt, "Rà soát nhân sự trước 30/6"));
	assert_null(strstr(txt, "↵"));
	char *md = render(&render_md, d, 0);
	assert_null(strstr(md, "↵"));
	assert_null(strstr(md, "nhân sự\n"));
	free(md);
	free(txt);
	doc_free(d);
	meeting_free(m);
	org_free(&o);
}

/* With no recipients in the settings, "Nơi nhận:" still gets a line to
 * write them in by hand, not a heading over nothing. */
static void test_no_recipients_leaves_a_blank(void **state)
{
	struct meeting *m = edge_meeting(1);
	struct org o;
	sample_org(&o);
	free(o.recipients[0]);
	free(o.recipients);
	o.recipients = NULL;
	o.n_recipients = 0;
	struct doc *d = doc_new();
	doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, NULL);
	char *txt = render(&render_txt, d, 80);
	const char *n = strstr(txt, "Nơi nhận:");
	assert_non_null(n);
	assert_non_null(strstr(n, "- .............................."));
	free(txt);
	doc_free(d);
	meeting_free(m);
	org_free(&o);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void add_note(struct agenda_item *it, const char *speaker, enum note_kind k,
		     const char *text)
{
	it->notes = xreallocarray(it->notes, it->n_notes + 1, sizeof *it->notes);
	struct note *n = &it->notes[it->n_notes++];
	memset(n, 0, sizeof *n);
	n->speaker = xstrdup(speaker);
	n->kind = k;
	n->text = xstrdup(text);
}

/* Append an attendee (present) to m; NULL fields stay empty. */
static void add_attendee(struct meeting *m, const char *name, const char *title, const char *unit,
			 enum role role)
{
	m->attendees = xreallocarray(m->attendees, m->n_attendees + 1, sizeof *m->attendees);
	struct attendee *a = &m->attendees[m->n_attendees++];
	memset(a, 0, sizeof *a);
	a->name = name ? xstrdup(name) : NULL;
	a->title = title ? xstrdup(title) : NULL;
	a->unit = unit ? xstrdup(unit) : NULL;
	a->role = role;
}

/* Issue 11's structure: one sequence of sections, the conclusions item as
 * the conclusions section, a unit's report numbered whoever gives it, a
 * proposal once with its answer, the host body not among the units, no
 * "Các đơn vị trong Cụm" outside a cluster. */
/* An attendee with no title whose name is the seat of its unit ("Bí thư
 * Đoàn Công an tỉnh", brought back by P as the person a stand-in replaced):
 * the unit is not said again after a dash. */
static void test_seat_named_attendee(void **state)
{
	(void)state;
	struct meeting *m = edge_meeting(1);
	add_attendee(m, "Bí thư Đoàn Công an tỉnh", NULL, "Đoàn Công an tỉnh", ROLE_DELEGATE);
	add_attendee(m, "Trần Văn Bảy", NULL, "Đoàn Công an tỉnh", ROLE_DELEGATE);
	/* excused: the reason in small letters on the sentence, an acronym
	 * as typed */
	add_attendee(m, "Lê Thị Chín", "Bí thư Huyện đoàn Tuy An", NULL, ROLE_DELEGATE);
	m->attendees[m->n_attendees - 1].presence = PRES_EXCUSED;
	m->attendees[m->n_attendees - 1].reason = xstrdup("Bận công tác đột xuất");
	add_attendee(m, "Võ Văn Mười", "Bí thư Huyện đoàn Sơn Hòa", NULL, ROLE_DELEGATE);
	m->attendees[m->n_attendees - 1].presence = PRES_EXCUSED;
	m->attendees[m->n_attendees - 1].reason = xstrdup("UBND huyện mời họp");
	struct org o;
	sample_org(&o);
	struct doc *d = doc_new();
	doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, NULL);
	char *txt = render(&render_txt, d, 1000);
	assert_non_null(strstr(txt, "- Đồng chí Bí thư Đoàn Công an tỉnh;"));
	assert_null(strstr(txt, "Bí thư Đoàn Công an tỉnh – Đoàn Công an tỉnh"));
	/* a person's name still gets the unit */
	assert_non_null(strstr(txt, "Đồng chí Trần Văn Bảy – Đoàn Công an tỉnh"));
	assert_non_null(strstr(txt, "(lý do: bận công tác đột xuất)"));
	assert_non_null(strstr(txt, "(lý do: UBND huyện mời họp)"));
	free(txt);
	doc_free(d);
	meeting_free(m);
	org_free(&o);
}

/* A narrow page: the dateline stays on one line, the header's left
 * column giving up what the right one needs (it wrapped "… năm" / "2023"
 * at 60 columns). */
static void test_narrow_dateline(void **state)
{
	(void)state;
	struct meeting *m = edge_meeting(1);
	struct org o;
	sample_org(&o);
	struct doc *d = doc_new();
	doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, NULL);
	for (int width = 56; width <= 80; width += 4) {
		char *txt = render(&render_txt, d, width);
		const char *day = strstr(txt, "ngày ");
		assert_non_null(day);
		const char *eol = strchr(day, '\n');
		const char *year = strstr(day, "năm ");
		assert_non_null(year);
		if (!(eol && year < eol))
			fail_msg("width %d:\n%.600s", width, txt);
		free(txt);
	}
	doc_free(d);
	meeting_free(m);
	org_free(&o);
}

/* The properties of a file of several meetings (a conference export):
 * the conference's title, no one minutes' number; of one meeting, its
 * title and number. */
static void test_conference_properties(void **state)
{
	(void)state;
	struct meeting *a = edge_meeting(1), *b = edge_meeting(1);
	a->conference = xstrdup("Hội nghị giao ban các Cụm thi đua quý I/2023");
	b->conference = xstrdup(a->conference);
	struct org o;
	sample_org(&o);
	struct doc *d = doc_new();
	doc_add_meeting(d, DOC_MINUTES, a, &o, NULL, NULL);
	assert_non_null(d->subject);
	assert_string_equal(d->title, "Hội nghị <thử> & \"kiểm tra\"");
	doc_add_meeting(d, DOC_MINUTES, b, &o, NULL, NULL);
	assert_string_equal(d->title, "Hội nghị giao ban các Cụm thi đua quý I/2023");
	assert_null(d->subject);
	doc_free(d);
	meeting_free(a);
	meeting_free(b);
	org_free(&o);
}

static void test_structure(void **state)
{
	struct meeting *m = edge_meeting(1);
	m->attendees[0].unit = xstrdup("Tỉnh đoàn");
	m->attendees[1].unit = xstrdup("Văn phòng Tỉnh đoàn");
	add_attendee(m, "Lê Văn Cường", "Bí thư Thành đoàn", "Thành đoàn Vũng Tàu", ROLE_REPORTER);
	add_attendee(m, "Phạm Thị Dung", NULL, "Huyện đoàn Long Điền", ROLE_DELEGATE);
	m->n_agenda = 2;
	m->agenda = xcalloc(2, sizeof *m->agenda);
	m->agenda[0].title = xstrdup("Báo cáo của các đơn vị");
	add_note(&m->agenda[0], "Lê Văn Cường", NK_REPORT,
		 "Đồng chí Lê Văn Cường báo cáo kết quả quý I;");
	/* the unit the subject of the sentence: the words stay as typed */
	add_note(&m->agenda[0], "Phạm Thị Dung", NK_REPORT,
		 "Huyện đoàn Long Điền là địa bàn ven biển, nhiều đoàn viên đi biển dài ngày");
	add_note(&m->agenda[0], "Phạm Thị Dung", NK_PROPOSAL,
		 "Đề nghị hỗ trợ kinh phí (ghi nhanh)");
	m->agenda[1].title = xstrdup("Kết luận của đồng chí chủ trì");
	add_note(&m->agenda[1], "Hà Duy Trung", NK_DECISION, "Ghi lại trong khi họp.");
	/* a conclusion noted live, then listed: printed once, in the list */
	add_note(&m->agenda[1], "Hà Duy Trung", NK_DECISION, "kết luận <1> & chuông");
	/* the same first four words: that conclusion as the chair said it */
	add_note(&m->agenda[1], "Hà Duy Trung", NK_DECISION, "Kết luận <1> & thêm lời nói");
	m->n_proposals = 1;
	m->proposals = xcalloc(1, sizeof *m->proposals);
	m->proposals[0].item_index = 0;
	m->proposals[0].unit = xstrdup("Huyện đoàn Long Điền");
	m->proposals[0].text = xstrdup("Đề nghị Tỉnh đoàn hỗ trợ kinh phí.");
	m->proposals[0].answer = xstrdup("Tỉnh đoàn sẽ xem xét.");
	struct org o;
	sample_org(&o);
	free(o.recipients[0]);
	free(o.recipients);
	o.n_recipients = 2;
	o.recipients = xcalloc(2, sizeof(char *));
	o.recipients[0] = xstrdup("Các đơn vị trong Cụm");
	o.recipients[1] = xstrdup("Lưu VP");
	struct doc *d = doc_new();
	doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, NULL);
	char *txt = render(&render_txt, d, 1000);
	assert_non_null(strstr(txt, "\nI. BÁO CÁO CỦA CÁC ĐƠN VỊ\n"));
	assert_non_null(strstr(txt, "\nII. KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ\n"));
	assert_int_equal(count(txt, "KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ"), 1);
	/* A decision noted there that no conclusion says is the chair's words,
	 * printed; one that repeats a conclusion is not printed again. */
	assert_non_null(strstr(txt, "kết luận: Ghi lại trong khi họp.\n"));
	assert_int_equal(count(txt, "Kết luận <1> & chuông"), 1);
	assert_null(strstr(txt, "kết luận <1>"));
	assert_null(strstr(txt, "thêm lời nói"));
	assert_non_null(strstr(txt, "\n1. Thành đoàn Vũng Tàu: đồng chí Lê Văn Cường – Bí thư "
				    "Thành đoàn báo cáo kết quả quý I.\n"));
	assert_int_equal(count(txt, "Lê Văn Cường"), 2); /* attendance and the report */
	assert_non_null(strstr(txt, "báo cáo: Huyện đoàn Long Điền là địa bàn ven biển, nhiều đoàn "
				    "viên đi biển dài ngày."));
	/* no title: the unit says who she is, as the notice names it */
	assert_non_null(strstr(txt, "Đồng chí Phạm Thị Dung – Huyện đoàn Long Điền"));
	/* a title that does not name the unit gets it, the words both say
	 * once: "Bí thư Thành đoàn" of "Thành đoàn Vũng Tàu" */
	assert_non_null(strstr(txt, "- Đồng chí Lê Văn Cường – Bí thư Thành đoàn Vũng Tàu;"));
	assert_int_equal(count(txt, "Tỉnh đoàn sẽ xem xét."), 1);
	assert_int_equal(count(txt, "hỗ trợ kinh phí"), 1);
	assert_non_null(strstr(txt, "Tổng số: 4 đại biểu, 2/2 đơn vị có mặt."));
	assert_null(strstr(txt, "Các đơn vị trong Cụm"));
	assert_non_null(strstr(txt, "- Lưu VP."));
	char *md = render(&render_md, d, 0);
	assert_non_null(strstr(md, "**1.** Kết luận"));
	free(md);
	free(txt);
	doc_free(d);
	/* The item the first note of a meeting without an agenda made, titled
	 * "Nội dung" before: under the "Nội dung:" label, not "I. NỘI DUNG". */
	free(m->agenda[0].title);
	m->agenda[0].title = xstrdup(LIVE_DEFAULT_ITEM_OLD);
	d = doc_new();
	doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, NULL);
	txt = render(&render_txt, d, 1000);
	assert_non_null(strstr(txt, "\nI. DIỄN BIẾN HỘI NGHỊ\n"));
	assert_null(strstr(txt, "NỘI DUNG"));
	free(txt);
	doc_free(d);
	free(m->agenda[0].title);
	m->agenda[0].title = xstrdup("Báo cáo của các đơn vị");
	d = doc_new();
	doc_add_meeting(d, DOC_CONCLUSIONS, m, &o, NULL, NULL);
	txt = render(&render_txt, d, 1000);
	assert_non_null(strstr(txt, "Dự Hội nghị có 4 đại biểu, gồm đại diện Tỉnh đoàn, Văn "
				    "phòng Tỉnh đoàn và 2 đơn vị: Thành đoàn Vũng Tàu, Huyện đoàn "
				    "Long Điền."));
	free(txt);
	doc_free(d);
	/* A proposal typed whole with who proposes gets no second lead-in. */
	free(m->proposals[0].text);
	m->proposals[0].text = xstrdup("Bí thư Huyện đoàn Long Điền: đề xuất tổ chức giải bóng đá");
	d = doc_new();
	doc_add_meeting(d, DOC_CONCLUSIONS, m, &o, NULL, NULL);
	txt = render(&render_txt, d, 1000);
	assert_non_null(strstr(txt, "\nBí thư Huyện đoàn Long Điền: đề xuất tổ chức giải bóng đá.\n"));
	assert_null(strstr(txt, "kiến nghị: Bí thư"));
	free(txt);
	doc_free(d);
	meeting_free(m);
	org_free(&o);
}

/* Document k of m, as text 1000 columns wide, in cluster 3 of the
 * units Long Điền and Vân Canh (the tests of speakers that are units). */
static char *cluster3_txt(enum doc_kind k, const struct meeting *m, const struct org *o)
{
	char *units[] = {"Huyện đoàn Long Điền", "Huyện đoàn Vân Canh"};
	struct cluster cl = {.number = 3, .name = "Cụm thi đua số 3", .units = units, .n_units = 2};
	struct doc *d = doc_new();
	doc_add_meeting(d, k, m, o, &cl, NULL);
	char *txt = render(&render_txt, d, 1000);
	doc_free(d);
	return txt;
}

/* A unit given the floor (the live screen's speaker picker offers the
 * cluster's units): no "Đồng chí" before it. With one delegate present it
 * is that delegate's report; with none to name, the unit's own, numbered
 * among the reports; its other notes lead with the unit. A note that
 * repeats the unit's "... báo cáo:" is not said twice. */
static void test_unit_as_speaker(void **state)
{
	(void)state;
	struct meeting *m = edge_meeting(1);
	m->attendees[0].unit = xstrdup("Tỉnh đoàn");
	m->attendees[1].unit = xstrdup("Văn phòng Tỉnh đoàn");
	add_attendee(m, "Phạm Thị Dung", "Bí thư Huyện đoàn", "Huyện đoàn Long Điền",
		     ROLE_DELEGATE);
	m->n_agenda = 1;
	m->agenda = xcalloc(1, sizeof *m->agenda);
	m->agenda[0].title = xstrdup("Báo cáo của các đơn vị");
	add_note(&m->agenda[0], "Huyện đoàn Vân Canh", NK_REPORT,
		 "Vân Canh hoàn thành các chỉ tiêu quý");
	add_note(&m->agenda[0], "Huyện đoàn Long Điền", NK_REPORT,
		 "Huyện đoàn Long Điền báo cáo: hoàn thành 100% chỉ tiêu");
	add_note(&m->agenda[0], "Huyện đoàn Vân Canh", NK_STATEMENT, "Xin bổ sung một ý");
	add_note(&m->agenda[0], "Huyện đoàn Long Điền", NK_STATEMENT, "Thống nhất với báo cáo");
	/* a note that names its speaker itself, typed whole */
	add_note(&m->agenda[0], "Phạm Thị Dung", NK_QUESTION,
		 "Đồng chí Phạm Thị Dung – Bí thư Huyện đoàn hỏi về kinh phí");
	add_note(&m->agenda[0], "Huyện đoàn Vân Canh", NK_STATEMENT, "Huyện đoàn Vân Canhx");
	add_note(&m->agenda[0], "Huyện đoàn Long Điền", NK_STATEMENT,
		 "Huyện đoàn Long Điền đề nghị bổ sung chỉ tiêu");
	/* the delegate chosen as speaker, the note naming her unit */
	add_note(&m->agenda[0], "Phạm Thị Dung", NK_STATEMENT,
		 "Huyện đoàn Long Điền thống nhất với dự thảo");
	/* a speaker typed with "Đồng chí" before the name */
	add_note(&m->agenda[0], "Đồng chí Lê Văn Xuân", NK_STATEMENT, "Ý kiến của đồng chí Xuân");
	/* the bare name at the start, the verb at the start, a small letter */
	add_note(&m->agenda[0], "Phạm Thị Dung", NK_QUESTION, "Phạm Thị Dung hỏi thêm về kinh phí");
	add_note(&m->agenda[0], "Lê Văn Xuân", NK_STATEMENT, "phát biểu thêm ý kiến");
	add_note(&m->agenda[0], "Phạm Thị Dung", NK_STATEMENT, "đồng chí Phạm Thị Dung đề nghị thêm");
	struct org o;
	sample_org(&o);
	char *txt = cluster3_txt(DOC_MINUTES, m, &o);
	assert_null(strstr(txt, "Đồng chí Huyện đoàn"));
	assert_null(strstr(txt, "đồng chí Huyện đoàn"));
	assert_non_null(strstr(txt, "\n1. Huyện đoàn Vân Canh báo cáo: Vân Canh hoàn thành các chỉ "
				    "tiêu quý.\n"));
	assert_non_null(strstr(txt, "\n2. Huyện đoàn Long Điền: đồng chí Phạm Thị Dung – Bí thư "
				    "Huyện đoàn báo cáo: hoàn thành 100% chỉ tiêu.\n"));
	assert_non_null(strstr(txt, "\nHuyện đoàn Vân Canh phát biểu: Xin bổ sung một ý.\n"));
	/* the unit's delegate speaks for it as a person, whatever the kind */
	assert_non_null(strstr(txt, "\nĐồng chí Phạm Thị Dung – Bí thư Huyện đoàn phát biểu: "
				    "Thống nhất với báo cáo.\n"));
	/* said once: no lead-in before a note that names its speaker */
	assert_non_null(strstr(txt, "\nĐồng chí Phạm Thị Dung – Bí thư Huyện đoàn hỏi về kinh "
				    "phí.\n"));
	assert_null(strstr(txt, "hỏi: Đồng chí"));
	/* a name is matched whole: "Vân Canhx" is not the unit */
	assert_non_null(strstr(txt, "\nHuyện đoàn Vân Canh phát biểu: Huyện đoàn Vân Canhx.\n"));
	/* a unit's delegate speaks for it: the unit named first is enough */
	assert_non_null(strstr(txt, "\nHuyện đoàn Long Điền đề nghị bổ sung chỉ tiêu.\n"));
	assert_non_null(strstr(txt, "\nHuyện đoàn Long Điền thống nhất với dự thảo.\n"));
	/* "Đồng chí" said once */
	assert_non_null(strstr(txt, "\nĐồng chí Lê Văn Xuân phát biểu: Ý kiến của đồng chí Xuân.\n"));
	assert_null(strstr(txt, "Đồng chí Đồng chí"));
	assert_non_null(strstr(txt, "\nĐồng chí Phạm Thị Dung hỏi thêm về kinh phí.\n"));
	assert_non_null(strstr(txt, "\nĐồng chí Lê Văn Xuân phát biểu thêm ý kiến.\n"));
	assert_null(strstr(txt, "phát biểu: phát biểu"));
	assert_non_null(strstr(txt, "\nĐồng chí Phạm Thị Dung đề nghị thêm.\n"));
	free(txt);
	/* The notice names a guest's body from outside the cluster with the
	 * host bodies (it was counted among the delegates, never named). */
	add_attendee(m, "Nguyễn Văn Khách", NULL, "Hội đồng Đội tỉnh", ROLE_GUEST);
	/* A guest's report is not numbered among the units' reports. */
	add_note(&m->agenda[0], "Nguyễn Văn Khách", NK_REPORT, "Kết quả công tác Đội");
	txt = cluster3_txt(DOC_MINUTES, m, &o);
	assert_non_null(
	    strstr(txt, "\nĐồng chí Nguyễn Văn Khách báo cáo: Kết quả công tác Đội.\n"));
	assert_null(strstr(txt, "3. Hội đồng Đội tỉnh"));
	free(txt);
	txt = cluster3_txt(DOC_CONCLUSIONS, m, &o);
	assert_non_null(strstr(txt,
			       "Dự Hội nghị có 4 đại biểu, gồm đại diện Tỉnh đoàn, Văn phòng "
			       "Tỉnh đoàn, Hội đồng Đội tỉnh và 1 đơn vị trong Cụm: Huyện đoàn "
			       "Long Điền."));
	free(txt);
	/* Guests typed "Name, title", no unit: the body their title names
	 * after the post; not one of the host's own offices, nor a title
	 * that names no body. */
	add_attendee(m, "Trương Văn Dũng", "Phó Chủ tịch UBND thị xã An Nhơn", NULL, ROLE_GUEST);
	add_attendee(m, "Nguyễn Thị Lan", "Phó Trưởng Ban Tuyên giáo Tỉnh ủy Bình Định", NULL,
		     ROLE_GUEST);
	add_attendee(m, "Trần Văn Bình", "Trưởng Ban Tuyên giáo Tỉnh đoàn", NULL, ROLE_GUEST);
	add_attendee(m, "Lê Hoa", "Nhà báo", NULL, ROLE_GUEST);
	add_attendee(m, "Võ An", "Bí thư chi đoàn", NULL, ROLE_GUEST);
	txt = cluster3_txt(DOC_CONCLUSIONS, m, &o);
	assert_non_null(strstr(txt, "Dự Hội nghị có 9 đại biểu, gồm đại diện Tỉnh đoàn, Văn phòng "
				    "Tỉnh đoàn, Hội đồng Đội tỉnh, UBND thị xã An Nhơn, Ban Tuyên "
				    "giáo Tỉnh ủy Bình Định và 1 đơn vị trong Cụm: Huyện đoàn "
				    "Long Điền."));
	free(txt);
	meeting_free(m);
	org_free(&o);
}

/* A proposal typed starting with the verb ("Kiến nghị Tỉnh đoàn …"):
 * the verb once, in the notice and in the minutes' list of proposals. */
static void test_proposal_verb_once(void **state)
{
	(void)state;
	struct meeting *m = edge_meeting(1);
	m->n_proposals = 2;
	m->proposals = xcalloc(2, sizeof *m->proposals);
	m->proposals[0].item_index = -1;
	m->proposals[0].unit = xstrdup("Huyện đoàn Vân Canh");
	m->proposals[0].text = xstrdup("Kiến nghị Tỉnh đoàn tổ chức lớp tập huấn");
	m->proposals[0].answer = xstrdup("Đồng ý");
	m->proposals[1].item_index = -1;
	m->proposals[1].text = xstrdup("kiến nghị: bổ sung kinh phí");
	struct org o;
	sample_org(&o);
	for (int k = DOC_MINUTES; k <= DOC_CONCLUSIONS; k++) {
		char *txt = cluster3_txt((enum doc_kind)k, m, &o);
		assert_non_null(
		    strstr(txt, "Huyện đoàn Vân Canh kiến nghị Tỉnh đoàn tổ chức lớp tập huấn."));
		assert_null(strstr(txt, "kiến nghị: Kiến nghị"));
		assert_null(strstr(txt, "Kiến nghị: kiến nghị"));
		free(txt);
	}
	meeting_free(m);
	org_free(&o);
}

/* Answers the chair gives in the closing item (F12 there makes them notes
 * of it too): printed once, under each proposal as bien-ban.md has it,
 * naming who answered, and not again in the closing item; two answers of
 * the same words are two notes for two proposals. A proposal answered
 * without such a note keeps "Ý kiến trả lời:". A group ("Các đơn vị
 * trong Cụm") takes no "Đồng chí". */
static void test_answers_in_a_later_item(void **state)
{
	(void)state;
	struct meeting *m = edge_meeting(1);
	m->n_agenda = 2;
	m->agenda = xcalloc(2, sizeof *m->agenda);
	m->agenda[0].title = xstrdup("Kiến nghị, đề xuất của các đơn vị");
	m->agenda[1].title = xstrdup("Kết luận của đồng chí chủ trì");
	add_note(&m->agenda[0], "Các đơn vị trong Cụm", NK_STATEMENT, "Thống nhất với báo cáo");
	/* a guest typed as the speaker, "Name, title", with an "ông" */
	add_note(&m->agenda[0], "ông Nguyễn Văn Tâm, Chủ tịch UBND huyện", NK_STATEMENT,
		 "Chào mừng Hội nghị");
	add_note(&m->agenda[0], "Huyện đoàn Vân Canh", NK_PROPOSAL, "Đề nghị hỗ trợ kinh phí");
	add_note(&m->agenda[0], "Huyện đoàn Long Điền", NK_PROPOSAL, "Đề nghị tập huấn cán bộ");
	add_note(&m->agenda[0], "Thành đoàn Quy Nhơn", NK_PROPOSAL, "Đề nghị thêm chỉ tiêu");
	add_note(&m->agenda[1], "Hà Duy Trung", NK_ANSWER, "Đồng ý.");
	add_note(&m->agenda[1], "Hà Duy Trung", NK_ANSWER, "Đồng ý.");
	m->n_proposals = 3;
	m->proposals = xcalloc(3, sizeof *m->proposals);
	static const char *const unit[] = {"Huyện đoàn Vân Canh", "Huyện đoàn Long Điền",
					   "Thành đoàn Quy Nhơn"};
	static const char *const text[] = {"Đề nghị hỗ trợ kinh phí", "Đề nghị tập huấn cán bộ",
					   "Đề nghị thêm chỉ tiêu"};
	static const char *const answer[] = {"Đồng ý.", "Đồng ý. ", "Sẽ xem xét."};
	for (size_t k = 0; k < 3; k++) {
		m->proposals[k].item_index = 0;
		m->proposals[k].unit = xstrdup(unit[k]);
		m->proposals[k].text = xstrdup(text[k]);
		m->proposals[k].answer = xstrdup(answer[k]);
	}
	struct org o;
	sample_org(&o);
	char *txt = cluster3_txt(DOC_MINUTES, m, &o);
	assert_non_null(strstr(txt, "\nCác đơn vị trong Cụm phát biểu: Thống nhất với báo cáo.\n"));
	assert_null(strstr(txt, "Đồng chí Các"));
	assert_non_null(strstr(txt, "\nĐồng chí Nguyễn Văn Tâm – Chủ tịch UBND huyện phát biểu: "
				    "Chào mừng Hội nghị.\n"));
	/* a unit named by a proposal alone is a unit: no "Đồng chí" */
	assert_non_null(strstr(txt, "\nThành đoàn Quy Nhơn kiến nghị: Đề nghị thêm chỉ tiêu.\n"));
	const char *concl = strstr(txt, "KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ");
	assert_non_null(concl);
	/* under each proposal, who answered */
	const char *p1 = strstr(txt, "\nHuyện đoàn Vân Canh kiến nghị: Đề nghị hỗ trợ kinh phí.\n\n"
				     "Đồng chí Hà Duy Trung trả lời: Đồng ý.\n");
	const char *p2 = strstr(txt, "\nHuyện đoàn Long Điền kiến nghị: Đề nghị tập huấn cán bộ.\n\n"
				     "Đồng chí Hà Duy Trung trả lời: Đồng ý.\n");
	assert_non_null(p1);
	assert_non_null(p2);
	assert_true(p1 < concl && p2 < concl);
	/* the third, answered without a note, as before */
	const char *a3 = strstr(txt, "\nÝ kiến trả lời: Sẽ xem xét.\n");
	assert_non_null(a3);
	assert_true(a3 < concl);
	/* not said again in the closing item */
	assert_null(strstr(concl, "Đồng ý"));
	assert_null(strstr(txt, "Ý kiến trả lời: Đồng ý"));
	free(txt);
	meeting_free(m);
	org_free(&o);
}

/* The kind the secretary set wins over the title: an item titled
 * otherwise but marked "conclusions" is the conclusions section, one
 * titled "Kết luận ..." but marked "regular" is a section of its own. */
static void test_item_kind(void **state)
{
	struct meeting *m = edge_meeting(1);
	free(m->conclusions[0]);
	free(m->conclusions);
	m->conclusions = NULL;
	m->n_conclusions = 0;
	m->n_agenda = 3;
	m->agenda = xcalloc(3, sizeof *m->agenda);
	m->agenda[0].title = xstrdup("Kết luận kiểm tra quý I");
	m->agenda[0].kind = IK_REGULAR;
	add_note(&m->agenda[0], "Lê Văn Cường", NK_STATEMENT, "Đoàn kiểm tra đã làm việc.");
	m->agenda[1].title = xstrdup("Ý kiến chỉ đạo của đồng chí Bí thư");
	m->agenda[1].kind = IK_CONCLUSIONS;
	add_note(&m->agenda[1], "Hà Duy Trung", NK_STATEMENT, "Các đơn vị hoàn thành trước 30/6.");
	m->agenda[2].title = xstrdup("Kết luận của đồng chí chủ trì");
	/* Left unset, after the item marked: the mark wins over the title. */
	struct org o;
	sample_org(&o);
	struct doc *d = doc_new();
	doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, NULL);
	char *txt = render(&render_txt, d, 1000);
	assert_non_null(strstr(txt, "\nI. KẾT LUẬN KIỂM TRA QUÝ I\n"));
	assert_non_null(strstr(txt, "\nII. KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ\n"));
	assert_non_null(strstr(txt, "\nIII. KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ\n"));
	assert_null(strstr(txt, "Ý KIẾN CHỈ ĐẠO")); /* no section of its own */
	const char *last = strstr(txt, "\nIII. KẾT LUẬN");
	assert_non_null(strstr(last, "Các đơn vị hoàn thành trước 30/6."));
	free(txt);
	doc_free(d);
	/* Unset, the same items are detected by title: the last "Kết luận"
	 * is the conclusions section, the middle item a section. */
	for (size_t i = 0; i < m->n_agenda; i++)
		m->agenda[i].kind = IK_AUTO;
	d = doc_new();
	doc_add_meeting(d, DOC_MINUTES, m, &o, NULL, NULL);
	txt = render(&render_txt, d, 1000);
	assert_non_null(strstr(txt, "\nII. Ý KIẾN CHỈ ĐẠO CỦA ĐỒNG CHÍ BÍ THƯ\n"));
	assert_int_equal(count(txt, "KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ"), 1);
	free(txt);
	doc_free(d);
	meeting_free(m);
	org_free(&o);
}

/* What is typed live ends without a full stop more often than not: the
 * documents end every note, proposal, answer and conclusion with one; a
 * question or an exclamation keeps its mark, "…" stays, a final ";" or
 * "," becomes the stop (the walk-through's minutes printed "… chuyển đổi
 * số" and "… trong cụm" bare). */
static void test_sentences_end_with_a_stop(void **state)
{
	(void)state;
	struct meeting *m = edge_meeting(1);
	free(m->conclusions[0]);
	m->conclusions[0] = xstrdup("Ghi nhận kết quả của các đơn vị trong cụm");
	m->n_agenda = 1;
	m->agenda = xcalloc(1, sizeof *m->agenda);
	m->agenda[0].title = xstrdup("Thảo luận");
	add_note(&m->agenda[0], "Lê Văn Cường", NK_STATEMENT,
		 "Thống nhất chương trình gồm 4 nội dung");
	add_note(&m->agenda[0], "Lê Văn Cường", NK_STATEMENT, "Tiếp tục rà soát đoàn viên,");
	add_note(&m->agenda[0], "Hà Duy Trung", NK_QUESTION, "Kinh phí lấy từ đâu?");
	add_note(&m->agenda[0], "Phạm Thị Dung", NK_ANSWER, "Từ nguồn xã hội hóa…");
	/* Lines pasted into one note: a paragraph each, each a sentence, a
	 * line that leads into the next kept as it is. */
	add_note(&m->agenda[0], "Phạm Thị Dung", NK_STATEMENT,
		 "Tiếp sức mùa thi\nGồm các việc sau:\nDòng một;\nDòng hai");
	/* The host body's report, typed "Báo cáo …": not "báo cáo: Báo cáo". */
	add_note(&m->agenda[0], "Hà Duy Trung", NK_REPORT, "Báo cáo tóm tắt kết quả quý II");
	m->n_proposals = 1;
	m->proposals = xcalloc(1, sizeof *m->proposals);
	m->proposals[0].item_index = 0;
	m->proposals[0].unit = xstrdup("Huyện đoàn Long Điền");
	m->proposals[0].text = xstrdup("Đề nghị hỗ trợ kinh phí tổ chức Ngày hội thanh niên");
	m->proposals[0].answer = xstrdup("Tỉnh đoàn sẽ xem xét trong quý III ");
	struct org o;
	sample_org(&o);
	for (int doc = 0; doc < 2; doc++) {
		struct doc *d = doc_new();
		doc_add_meeting(d, doc ? DOC_CONCLUSIONS : DOC_MINUTES, m, &o, NULL, NULL);
		char *txt = render(&render_txt, d, 1000);
		assert_non_null(strstr(txt, "trong cụm.\n"));
		assert_non_null(strstr(txt, "Ngày hội thanh niên.\n"));
		assert_non_null(strstr(txt, "Tỉnh đoàn sẽ xem xét trong quý III.\n"));
		if (!doc) {
			assert_non_null(strstr(txt, "gồm 4 nội dung.\n"));
			assert_non_null(strstr(txt, "rà soát đoàn viên.\n"));
			assert_non_null(strstr(txt, "lấy từ đâu?\n"));
			assert_non_null(strstr(txt, "xã hội hóa…\n"));
			assert_non_null(strstr(txt, ": Tiếp sức mùa thi.\n\nGồm các việc sau:\n\n"
						    "Dòng một;\n\nDòng hai.\n"));
			assert_non_null(strstr(txt, " báo cáo tóm tắt kết quả quý II.\n"));
			assert_null(strstr(txt, "báo cáo: Báo cáo"));
			assert_null(strstr(txt, "?."));
			assert_null(strstr(txt, "…."));
		}
		free(txt);
		doc_free(d);
	}
	meeting_free(m);
	org_free(&o);
}

static void test_find(void **state)
{
	assert_ptr_equal(render_find("txt"), &render_txt);
	assert_ptr_equal(render_find("odt"), &render_odt);
	assert_null(render_find("json"));
	assert_ptr_equal(render_find("pdf"), &render_pdf);
	assert_null(render_find("rtf"));
	assert_int_equal(doc_kind_parse("conclusions"), DOC_CONCLUSIONS);
	assert_int_equal(doc_kind_parse("agenda"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_file_name),
	    cmocka_unit_test(test_xml_escape),
	    cmocka_unit_test(test_txt_columns_by_width),
	    cmocka_unit_test(test_missing_pieces),
	    cmocka_unit_test(test_end_before_start_left_blank),
	    cmocka_unit_test(test_escaping),
	    cmocka_unit_test(test_find),
	    cmocka_unit_test(test_no_recipients_leaves_a_blank),
	    cmocka_unit_test(test_line_breaks_in_one_line_fields),
	    cmocka_unit_test(test_structure),
	    cmocka_unit_test(test_conference_properties),
	    cmocka_unit_test(test_narrow_dateline),
	    cmocka_unit_test(test_seat_named_attendee),
	    cmocka_unit_test(test_unit_as_speaker),
	    cmocka_unit_test(test_answers_in_a_later_item),
	    cmocka_unit_test(test_proposal_verb_once),
	    cmocka_unit_test(test_item_kind),
	    cmocka_unit_test(test_sentences_end_with_a_stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
