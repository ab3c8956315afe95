/* test_pdf.c - the PDF renderer on documents built by hand: Vietnamese
 * letters with stacked marks (ặ ẫ ự Ỵ ...) typed precomposed (NFC) or
 * decomposed (NFD) are shaped to the same glyphs (the two PDFs render to
 * the same pixels) and read back as the same text; a paragraph of the
 * wrong UTF-8 still exports. Needs poppler-utils (skipped without).
 *
 * Usage: test_pdf MODULE  (the path of bienban-pdf.so; meson passes it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "doc.h"
#include "render.h"
#include "text.h"
#include "util.h"

static const char letters[] =
    "Đặng Thị Ẫn, Lưu Văn Ựa, Ỵ Quyết, Nguyễn Thị Ặm: Hội nghị ghi nhận, biểu dương "
    "những kết quả đạt được; Ỷ Lại, Ữa, Ậu, Ẵng, Ẳn, Ỡ, Ợi, Ửu — "
    "ặ ẫ ự ỵ ằ ẳ ẵ ắ ầ ẩ ẫ ấ ậ ề ể ễ ế ệ ồ ổ ỗ ố ộ ờ ở ỡ ớ ợ ừ ử ữ ứ ự.";

static char tmpdir[] = "/tmp/bb-test-pdf-XXXXXX";

/* A document of a centred bold title and a justified paragraph of text. */
static struct doc *one_para_doc(const char *text)
{
	struct doc *d = doc_new();
	d->title = xstrdup("thử");
	d->n_blocks = 2;
	d->blocks = xcalloc(2, sizeof *d->blocks);
	for (int i = 0; i < 2; i++) {
		struct doc_para *p = &d->blocks[i].para;
		d->blocks[i].kind = DB_PARA;
		p->runs = xcalloc(1, sizeof *p->runs);
		p->n_runs = 1;
		p->runs[0].text = xstrdup(text);
		p->runs[0].style = i ? 0 : DS_BOLD;
		p->align = i ? DA_JUSTIFY : DA_CENTER;
		p->indent = i;
		p->size = i ? DOC_SIZE_BODY : 32;
	}
	return d;
}

static void write_pdf(struct doc *d, const char *path)
{
	struct strbuf out = {0};
	char *cause = NULL;
	struct render_opts ro = {0};
	int rc = render_find("pdf")->render(d, &ro, &out, &cause);
	if (rc < 0)
		fprintf(stderr, "%s\n", cause);
	assert_int_equal(rc, 0);
	assert_true(out.len > 300);
	assert_memory_equal(out.buf, "%PDF-1.", 7);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(out.buf, 1, out.len, f), out.len);
	assert_int_equal(fclose(f), 0);
	strbuf_free(&out);
}

/* The output of a shell command. Allocated. */
static char *run(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *cmd = xvasprintf(fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	struct strbuf sb = {0};
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		strbuf_add(&sb, buf, n);
	assert_int_equal(pclose(p), 0);
	free(cmd);
	strbuf_adds(&sb, "");
	return strbuf_detach(&sb);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct strbuf sb = {0};
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

static void test_nfc_nfd_same(void **state)
{
	(void)state;
	if (system("command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null") != 0)
		skip();
	char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)letters);
	assert_non_null(nfd);
	assert_true(strlen(nfd) > strlen(letters)); /* really decomposed */
	const char *texts[] = {letters, nfd};
	char *pgm[2], *txt[2];
	size_t len[2];
	for (int i = 0; i < 2; i++) {
		char *pdf = xasprintf("%s/%d.pdf", tmpdir, i);
		struct doc *d = one_para_doc(texts[i]);
		write_pdf(d, pdf);
		doc_free(d);
		free(run("pdftoppm -r 100 -gray -f 1 -l 1 -singlefile '%s' '%s/%d'", pdf, tmpdir,
			 i));
		char *img = xasprintf("%s/%d.pgm", tmpdir, i);
		pgm[i] = read_all(img, &len[i]);
		free(img);
		char *t = run("pdftotext '%s' -", pdf);
		txt[i] = (char *)utf8proc_NFC((const utf8proc_uint8_t *)t);
		free(t);
		free(pdf);
	}
	/* The same glyphs in the same places, whichever way it was typed. */
	assert_int_equal(len[0], len[1]);
	assert_memory_equal(pgm[0], pgm[1], len[0]);
	/* The letters read back (pdftotext wraps lines: compare words). */
	for (int i = 0; i < 2; i++) {
		assert_non_null(strstr(txt[i], "Đặng Thị Ẫn, Lưu Văn Ựa, Ỵ Quyết"));
		assert_non_null(strstr(txt[i], "ặ ẫ ự ỵ"));
		free(pgm[i]);
		free(txt[i]);
	}
	free(nfd);
}

/* The letters are drawn: a page with them is darker than an empty one. */
static void test_marks_drawn(void **state)
{
	(void)state;
	if (system("command -v pdftoppm >/dev/null") != 0)
		skip();
	const char *texts[] = {"", "ặ ẫ ự Ỵ ặ ẫ ự Ỵ"};
	long ink[2];
	for (int i = 0; i < 2; i++) {
		char *pdf = xasprintf("%s/ink%d.pdf", tmpdir, i);
		struct doc *d = one_para_doc(texts[i]);
		write_pdf(d, pdf);
		doc_free(d);
		free(run("pdftoppm -r 100 -gray -f 1 -l 1 -singlefile '%s' '%s/ink%d'", pdf, tmpdir,
			 i));
		char *img = xasprintf("%s/ink%d.pgm", tmpdir, i);
		size_t n;
		char *p = read_all(img, &n);
		ink[i] = 0;
		for (size_t k = n > 20 ? 20 : 0; k < n; k++)
			ink[i] += 255 - (unsigned char)p[k];
		free(p);
		free(img);
		free(pdf);
	}
	assert_true(ink[1] > ink[0] + 255 * 200);
}

/* "quý I/2023" is never cut after the slash (Pango would, for URLs),
 * whatever falls at the end of a line; dates stay whole too. */
static void test_slash_kept(void **state)
{
	(void)state;
	if (system("command -v pdftotext >/dev/null") != 0)
		skip();
	struct strbuf sb = {0};
	for (int i = 0; i < 60; i++)
		strbuf_addf(&sb, "%.*squý I/2023 ngày 30/6/2023 ", i % 7, "abcdefg");
	struct doc *d = one_para_doc(sb.buf);
	strbuf_free(&sb);
	char *pdf = xasprintf("%s/slash.pdf", tmpdir);
	write_pdf(d, pdf);
	doc_free(d);
	char *txt = run("pdftotext -layout '%s' -", pdf);
	int lines = 0;
	for (char *save = NULL, *l = strtok_r(txt, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(l);
		while (n && (l[n - 1] == ' ' || l[n - 1] == '\f'))
			l[--n] = '\0';
		if (n && l[n - 1] == '/')
			fail_msg("a line ends with a slash: %s", l);
		lines++;
	}
	assert_true(lines > 20);
	free(txt);
	free(pdf);
}

/* Bytes that are not UTF-8 do not stop the export. */
static void test_bad_utf8(void **state)
{
	(void)state;
	struct doc *d = one_para_doc("ok \xff\xfe tiếp");
	char *pdf = xasprintf("%s/bad.pdf", tmpdir);
	write_pdf(d, pdf);
	doc_free(d);
	free(pdf);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		setenv("BIENBAN_PDF_MODULE", argv[1], 1);
	if (!mkdtemp(tmpdir))
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nfc_nfd_same),
	    cmocka_unit_test(test_marks_drawn),
	    cmocka_unit_test(test_slash_kept),
	    cmocka_unit_test(test_bad_utf8),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char *rm = xasprintf("rm -rf '%s'", tmpdir);
	if (system(rm) != 0)
		rc = 1;
	free(rm);
	return rc;
}
