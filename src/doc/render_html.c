/* render_html.c - one self-contained HTML file whose print CSS lays the
 * document out on A4 like the office's paper (formats/bien-ban.md): print
 * it to PDF from a browser. */
#include <stdlib.h>
#include <string.h>

#include "render.h"

static const char css[] =
    "@page { size: A4; margin: 20mm 20mm 20mm 30mm;\n"
    "  @top-center { content: counter(page); font: 13pt \"Times New Roman\", \"Liberation Serif\","
    " serif; } }\n"
    "@page :first { @top-center { content: none; } }\n"
    "html { background: #fff; }\n"
    "body { font-family: \"Times New Roman\", \"Liberation Serif\", serif; font-size: 14pt;\n"
    "  color: #000; line-height: 1.2; max-width: 160mm; margin: 0 auto; }\n"
    "@media screen { body { padding: 20mm 0; } }\n"
    "p { margin: 0 0 6pt; text-align: justify; }\n"
    "p.in { text-indent: 1.27cm; }\n"
    "p.c { text-align: center; }\n"
    "p.l { text-align: left; }\n"
    "p.keep { break-after: avoid; page-break-after: avoid; }\n"
    "h1 { font-size: 16pt; text-align: center; margin: 12pt 0 0; }\n"
    "h2 { font-size: 14pt; margin: 6pt 0; text-align: left; text-indent: 1.27cm;"
    " break-after: avoid; }\n"
    "table { border-collapse: collapse; width: 100%; }\n"
    "table.cols td { border: 0; padding: 0; vertical-align: top; }\n"
    "table.cols p { margin: 0; }\n"
    "table.cols.head td + td p { white-space: nowrap; }\n"
    "table.cols.sign { margin-top: 12pt; break-inside: avoid; page-break-inside: avoid; }\n"
    "tr { break-inside: avoid; page-break-inside: avoid; }\n"
    "thead { display: table-header-group; }\n"
    "table.grid { margin: 0 0 6pt; }\n"
    "table.grid.keep { break-after: avoid; page-break-after: avoid; }\n"
    "table.grid th, table.grid td { border: 1px solid #000; padding: 2pt 4pt;"
    " vertical-align: top; }\n";

/* The documents of a conference: each on new pages (a change of page name
 * breaks the page where named pages are known, the rule where they are
 * not); bb-page writes a page number from 2 on and a blank for 1. */
static const char conference_css[] =
    "section.doc + section.doc { break-before: page; page-break-before: always; }\n"
    "@counter-style bb-blank { system: cyclic; symbols: \" \"; }\n"
    "@counter-style bb-page { system: extends decimal; range: 2 infinite;"
    " fallback: bb-blank; }\n";

static const char *align_class(enum doc_align a)
{
	return a == DA_CENTER ? "c" : a == DA_LEFT ? "l" : "j";
}

/* Escaped text; a space after a space becomes a no-break space so that
 * blanks kept for handwriting stay as wide as in the other formats. */
static void html_text(struct strbuf *out, const char *s)
{
	struct strbuf esc = {0};
	strbuf_adds(&esc, "");
	render_xml_escape(&esc, s);
	for (size_t i = 0; i < esc.len; i++) {
		if (esc.buf[i] == ' ' && i && esc.buf[i - 1] == ' ')
			strbuf_adds(out, "&#160;");
		else
			strbuf_addc(out, esc.buf[i]);
	}
	strbuf_free(&esc);
}

static void html_runs(struct strbuf *out, const struct doc_para *p, unsigned mask)
{
	for (size_t i = 0; i < p->n_runs; i++) {
		unsigned st = p->runs[i].style & ~mask;
		if (st & DS_BOLD)
			strbuf_adds(out, "<strong>");
		if (st & DS_ITALIC)
			strbuf_adds(out, "<em>");
		if (st & DS_UNDERLINE)
			strbuf_adds(out, "<u>");
		html_text(out, p->runs[i].text);
		if (st & DS_UNDERLINE)
			strbuf_adds(out, "</u>");
		if (st & DS_ITALIC)
			strbuf_adds(out, "</em>");
		if (st & DS_BOLD)
			strbuf_adds(out, "</strong>");
	}
}

static void html_para(struct strbuf *out, const struct doc_para *p)
{
	if (p->heading) {
		strbuf_addf(out, "<h%d>", p->heading);
		html_runs(out, p, DS_BOLD);
		strbuf_addf(out, "</h%d>\n", p->heading);
		return;
	}
	strbuf_addf(out, "<p class=\"%s%s%s\"", align_class(p->align), p->indent ? " in" : "",
		    p->keep_next ? " keep" : "");
	if (p->size != DOC_SIZE_BODY)
		strbuf_addf(out,
			    " style=\"font-size:%g"
			    "pt\"",
			    p->size / 2.0);
	strbuf_addc(out, '>');
	if (p->bullet)
		strbuf_adds(out, "- ");
	if (p->n_runs)
		html_runs(out, p, 0);
	else
		strbuf_adds(out, "&#160;");
	strbuf_adds(out, "</p>\n");
}

static void html_columns(struct strbuf *out, const struct doc_columns *c, int first)
{
	strbuf_addf(out, "<table class=\"cols%s\">\n", first ? " head" : " sign");
	strbuf_addf(out,
		    "<colgroup><col style=\"width:%d%%\"><col style=\"width:%d%%\"></colgroup>\n",
		    c->left_pct, 100 - c->left_pct);
	if (c->stacked) {
		/* One row: each cell holds its column's paragraphs. */
		strbuf_adds(out, "<tr>");
		for (int col = 0; col < 2; col++) {
			size_t n = doc_stack_len(c, col);
			strbuf_adds(out, "<td>");
			for (size_t r = 0; r < n; r++)
				html_para(out, col ? &c->rows[r].right : &c->rows[r].left);
			strbuf_adds(out, "</td>");
		}
		strbuf_adds(out, "</tr>\n</table>\n");
		return;
	}
	for (size_t r = 0; r < c->n_rows; r++) {
		strbuf_adds(out, "<tr><td>");
		html_para(out, &c->rows[r].left);
		strbuf_adds(out, "</td><td>");
		html_para(out, &c->rows[r].right);
		strbuf_adds(out, "</td></tr>\n");
	}
	strbuf_adds(out, "</table>\n");
}

static void html_table(struct strbuf *out, const struct doc_table *t)
{
	/* keep: its last row goes along with what follows (the closing line
	 * and the signatures), as the docx's keepNext does. */
	strbuf_addf(out, "<table class=\"grid%s\">\n<colgroup>", t->keep_next ? " keep" : "");
	for (size_t c = 0; c < t->n_cols; c++)
		strbuf_addf(out, "<col style=\"width:%d%%\">", t->width_pct[c]);
	strbuf_adds(out, "</colgroup>\n<thead><tr>");
	for (size_t c = 0; c < t->n_cols; c++) {
		strbuf_adds(out, "<th>");
		html_text(out, t->head[c]);
		strbuf_adds(out, "</th>");
	}
	strbuf_adds(out, "</tr></thead>\n");
	for (size_t r = 0; r < t->n_rows; r++) {
		strbuf_adds(out, "<tr>");
		for (size_t c = 0; c < t->n_cols; c++) {
			strbuf_addf(out, "<td style=\"text-align:%s\">",
				    t->align[c] == DA_CENTER ? "center" : "left");
			html_text(out, t->cells[r * t->n_cols + c]);
			strbuf_adds(out, "</td>");
		}
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</table>\n");
}

static int html_render(const struct doc *d, const struct render_opts *opts, struct strbuf *out,
		       char **cause)
{
	strbuf_adds(out,
		    "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>");
	html_text(out, d->title ? d->title : "");
	strbuf_adds(out, "</title>\n<style>\n");
	strbuf_adds(out, css);
	/* Several documents (a conference): each is a section printed on
	 * pages of its own name, whose own counter numbers them from 1 with
	 * none on its first page (the page counter runs on across named
	 * pages, and :first is only the file's first page). Checked with
	 * Chromium's print (tests/cli/export_pages.sh). */
	size_t n_docs = 1;
	for (size_t i = 0; i < d->n_blocks; i++)
		n_docs += d->blocks[i].kind == DB_PAGE_BREAK;
	if (n_docs > 1) {
		strbuf_adds(out, conference_css);
		for (size_t k = 1; k <= n_docs; k++)
			strbuf_addf(out,
				    "@page m%zu { counter-increment: m%zu;"
				    " @top-center { content: counter(m%zu, bb-page); } }\n",
				    k, k, k);
	}
	strbuf_adds(out, "</style>\n</head>\n<body>\n");
	size_t doc_no = 1;
	if (n_docs > 1)
		strbuf_adds(out, "<section class=\"doc\" style=\"page: m1\">\n");
	int first_cols = 1;
	for (size_t i = 0; i < d->n_blocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		switch (b->kind) {
		case DB_PAGE_BREAK:
			strbuf_addf(out,
				    "</section>\n<section class=\"doc\" style=\"page: m%zu\">\n",
				    ++doc_no);
			first_cols = 1;
			break;
		case DB_COLUMNS:
			html_columns(out, &b->cols, first_cols);
			first_cols = 0;
			break;
		case DB_TABLE:
			html_table(out, &b->table);
			break;
		case DB_PARA:
			html_para(out, &b->para);
			break;
		}
	}
	if (n_docs > 1)
		strbuf_adds(out, "</section>\n");
	strbuf_adds(out, "</body>\n</html>\n");
	(void)opts;
	(void)cause;
	return 0;
}

const struct renderer render_html = {"html", 0, html_render};
