/* render_odt.c - OpenDocument text (LibreOffice) through libzip: the same
 * page, type and tables as the docx, in ODF's own terms; the first page
 * uses a master page without the page-number header. */
#include <stdlib.h>
#include <string.h>

#include "render.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define NS                                                                                         \
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                       \
	"xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                         \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                           \
	"xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                         \
	"xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "                \
	"xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "                  \
	"xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "                           \
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\""
#define FONTS                                                                                      \
	"<office:font-face-decls><style:font-face style:name=\"Times New Roman\" "                 \
	"svg:font-family=\"&apos;Times New Roman&apos;\" style:font-family-generic=\"roman\" "     \
	"style:font-pitch=\"variable\"/></office:font-face-decls>"
#define TEXT_W_CM 16.0 /* A4 less 3 cm and 2 cm */

static const char mimetype[] = "application/vnd.oasis.opendocument.text";

static const char manifest[] =
    XML_DECL "<manifest:manifest "
	     "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
	     "manifest:version=\"1.3\">"
	     "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" "
	     "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
	     "<manifest:file-entry manifest:full-path=\"content.xml\" "
	     "manifest:media-type=\"text/xml\"/>"
	     "<manifest:file-entry manifest:full-path=\"styles.xml\" "
	     "manifest:media-type=\"text/xml\"/>"
	     "<manifest:file-entry manifest:full-path=\"meta.xml\" "
	     "manifest:media-type=\"text/xml\"/>"
	     "</manifest:manifest>\n";

/* The page: top margin 10 mm + header 6 mm + 4 mm gap = text at 20 mm. */
static const char styles[] = XML_DECL
    "<office:document-styles " NS ">" FONTS "<office:styles>"
    "<style:default-style style:family=\"paragraph\">"
    "<style:paragraph-properties fo:margin-top=\"0cm\" fo:margin-bottom=\"0.212cm\" "
    "fo:line-height=\"110%\" fo:orphans=\"2\" fo:widows=\"2\"/>"
    "<style:text-properties style:font-name=\"Times New Roman\" fo:font-size=\"14pt\" "
    "style:font-size-complex=\"14pt\" fo:language=\"vi\" fo:country=\"VN\" "
    "fo:color=\"#000000\"/></style:default-style>"
    "<style:default-style style:family=\"table-cell\">"
    "<style:table-cell-properties fo:padding=\"0cm\"/></style:default-style>"
    "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>"
    "<style:style style:name=\"Header\" style:family=\"paragraph\" "
    "style:parent-style-name=\"Standard\" style:class=\"extra\">"
    "<style:paragraph-properties fo:text-align=\"center\" fo:margin-bottom=\"0cm\"/>"
    "<style:text-properties fo:font-size=\"13pt\"/></style:style>"
    "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" "
    "style:family=\"paragraph\" style:parent-style-name=\"Standard\" "
    "style:default-outline-level=\"1\" style:class=\"text\">"
    "<style:paragraph-properties fo:margin-top=\"0.423cm\" fo:margin-bottom=\"0cm\" "
    "fo:text-align=\"center\" fo:keep-with-next=\"always\"/>"
    "<style:text-properties fo:font-size=\"16pt\" fo:font-weight=\"bold\"/></style:style>"
    "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" "
    "style:family=\"paragraph\" style:parent-style-name=\"Standard\" "
    "style:default-outline-level=\"2\" style:class=\"text\">"
    "<style:paragraph-properties fo:margin-top=\"0.212cm\" fo:margin-bottom=\"0.212cm\" "
    "fo:keep-with-next=\"always\"/>"
    "<style:text-properties fo:font-weight=\"bold\"/></style:style>"
    /* The paragraph that ends a document ending in a table. */
    "<style:style style:name=\"Tiny\" style:family=\"paragraph\" "
    "style:parent-style-name=\"Standard\"><style:paragraph-properties fo:margin-top=\"0cm\" "
    "fo:margin-bottom=\"0cm\" fo:line-height=\"0.035cm\"/>"
    "<style:text-properties fo:font-size=\"1pt\" style:font-size-complex=\"1pt\"/>"
    "</style:style>"
    "</office:styles><office:automatic-styles>"
    "<style:page-layout style:name=\"pmNumbered\"><style:page-layout-properties "
    "fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" "
    "fo:margin-top=\"1cm\" fo:margin-bottom=\"2cm\" fo:margin-left=\"3cm\" "
    "fo:margin-right=\"2cm\"/><style:header-style><style:header-footer-properties "
    "fo:min-height=\"0.6cm\" fo:margin-bottom=\"0.4cm\"/></style:header-style>"
    "</style:page-layout>"
    "<style:page-layout style:name=\"pmFirst\"><style:page-layout-properties "
    "fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" "
    "fo:margin-top=\"2cm\" fo:margin-bottom=\"2cm\" fo:margin-left=\"3cm\" "
    "fo:margin-right=\"2cm\"/></style:page-layout>"
    "</office:automatic-styles><office:master-styles>"
    "<style:master-page style:name=\"Standard\" style:page-layout-name=\"pmNumbered\">"
    "<style:header><text:p text:style-name=\"Header\">"
    "<text:page-number text:select-page=\"current\">2</text:page-number></text:p>"
    "</style:header></style:master-page>"
    "<style:master-page style:name=\"First_20_Page\" style:display-name=\"First Page\" "
    "style:page-layout-name=\"pmFirst\" style:next-style-name=\"Standard\"/>"
    "</office:master-styles></office:document-styles>\n";

/* Automatic paragraph styles are made as the document needs them. */
struct pstyle {
	enum doc_align align;
	int size, indent, in_cell, heading, keep;
};

struct odt {
	struct strbuf body;
	struct pstyle *ps;
	size_t n_ps;
	int col_pct[101]; /* column widths in use */
	int tables;
	int break_next; /* the next table or paragraph starts a new document:
			 * a first page, page numbers from 1 */
	int first_done; /* the first page's master page is set */
};

static size_t pstyle_of(struct odt *o, const struct doc_para *p, int in_cell)
{
	struct pstyle k = {p->align, p->size, p->indent, in_cell, p->heading, p->keep_next};
	for (size_t i = 0; i < o->n_ps; i++)
		if (!memcmp(&o->ps[i], &k, sizeof k))
			return i + 1;
	o->ps = xreallocarray(o->ps, o->n_ps + 1, sizeof *o->ps);
	memset(&o->ps[o->n_ps], 0, sizeof k);
	o->ps[o->n_ps] = k;
	return ++o->n_ps;
}

/* Escaped text; spaces after a space become <text:s/>, which ODF keeps. */
static void odt_text(struct strbuf *out, const char *s)
{
	struct strbuf esc = {0};
	strbuf_adds(&esc, "");
	render_xml_escape(&esc, s);
	for (size_t i = 0; i < esc.len; i++) {
		if (esc.buf[i] == ' ' && (i == 0 || esc.buf[i - 1] == ' ')) {
			size_t n = 0;
			while (i < esc.len && esc.buf[i] == ' ')
				n++, i++;
			strbuf_addf(out, "<text:s text:c=\"%zu\"/>", n);
			i--;
		} else {
			strbuf_addc(out, esc.buf[i]);
		}
	}
	strbuf_free(&esc);
}

static void odt_para(struct odt *o, const struct doc_para *p, int in_cell)
{
	size_t ps = pstyle_of(o, p, in_cell);
	const char *tag = p->heading ? "text:h" : "text:p";
	const char *brk = "";
	if (o->break_next && !in_cell) {
		brk = "B"; /* the same style, starting a new page */
		o->break_next = 0;
	}
	strbuf_addf(&o->body, "<%s text:style-name=\"P%zu%s\"", tag, ps, brk);
	if (p->heading)
		strbuf_addf(&o->body, " text:outline-level=\"%d\"", p->heading);
	strbuf_addc(&o->body, '>');
	if (p->bullet)
		strbuf_adds(&o->body, "- ");
	for (size_t i = 0; i < p->n_runs; i++) {
		unsigned st = p->runs[i].style;
		if (st)
			strbuf_addf(&o->body, "<text:span text:style-name=\"T%u\">", st);
		odt_text(&o->body, p->runs[i].text);
		if (st)
			strbuf_adds(&o->body, "</text:span>");
	}
	strbuf_addf(&o->body, "</%s>", tag);
}

/* A table that starts a document (the first, or one after a page break)
 * comes after an empty paragraph of no height, which carries the first
 * page's master page (and numbers pages from 1 again after a break):
 * Writer does not move a keep-with-next chain ("Nội dung:" and the first
 * heading) over to the next page when the page starts with a table, and
 * leaves the chain's first paragraph alone at the page's foot (seen with
 * LibreOffice 7.4). Whole: the table never breaks between rows. */
static void table_start(struct odt *o, const int *pct, size_t n, int whole)
{
	if (!o->first_done || o->break_next) {
		strbuf_addf(&o->body, "<text:p text:style-name=\"%s\"/>",
			    o->first_done ? "LeadBreak" : "LeadFirst");
		o->first_done = 1;
		o->break_next = 0;
	}
	strbuf_addf(&o->body, "<table:table table:name=\"Table%d\" table:style-name=\"Tab%s\">",
		    ++o->tables, whole ? "Whole" : "");
	for (size_t c = 0; c < n; c++) {
		o->col_pct[pct[c]] = 1;
		strbuf_addf(&o->body, "<table:table-column table:style-name=\"Col%d\"/>", pct[c]);
	}
}

static void cell(struct odt *o, const struct doc_para *p, const char *cell_style)
{
	strbuf_addf(&o->body,
		    "<table:table-cell table:style-name=\"%s\" office:value-type=\"string\">",
		    cell_style);
	odt_para(o, p, 1);
	strbuf_adds(&o->body, "</table:table-cell>");
}

static void odt_columns(struct odt *o, const struct doc_columns *c)
{
	int pct[2] = {c->left_pct, 100 - c->left_pct};
	table_start(o, pct, 2, c->whole);
	if (c->stacked) {
		/* One row: each cell holds its column's paragraphs. */
		strbuf_adds(&o->body, "<table:table-row table:style-name=\"Row\">");
		for (int col = 0; col < 2; col++) {
			size_t n = doc_stack_len(c, col);
			strbuf_adds(&o->body, "<table:table-cell table:style-name=\"CellPlain\""
					      " office:value-type=\"string\">");
			for (size_t r = 0; r < n; r++)
				odt_para(o, col ? &c->rows[r].right : &c->rows[r].left, 1);
			if (!n)
				strbuf_adds(&o->body, "<text:p/>");
			strbuf_adds(&o->body, "</table:table-cell>");
		}
		strbuf_adds(&o->body, "</table:table-row></table:table>");
		return;
	}
	for (size_t r = 0; r < c->n_rows; r++) {
		strbuf_adds(&o->body, "<table:table-row table:style-name=\"Row\">");
		cell(o, &c->rows[r].left, "CellPlain");
		cell(o, &c->rows[r].right, "CellPlain");
		strbuf_adds(&o->body, "</table:table-row>");
	}
	strbuf_adds(&o->body, "</table:table>");
}

/* keep: a row kept with the paragraph after the table (its cells'
 * paragraphs keep-with-next, as LibreOffice reads docx's; a table's own
 * keep-with-next moved the closing line away from the signatures). */
static void grid_cell(struct odt *o, const char *text, enum doc_align a, int bold, int keep)
{
	struct doc_run r = {(char *)(text ? text : ""), bold ? DS_BOLD : 0};
	struct doc_para p = {.runs = &r,
			     .n_runs = 1,
			     .align = a == DA_CENTER ? DA_CENTER : DA_LEFT,
			     .size = DOC_SIZE_BODY,
			     .keep_next = keep};
	cell(o, &p, "CellGrid");
}

static void odt_table(struct odt *o, const struct doc_table *t)
{
	table_start(o, t->width_pct, t->n_cols, 0);
	strbuf_adds(&o->body,
		    "<table:table-header-rows><table:table-row table:style-name=\"Row\">");
	for (size_t c = 0; c < t->n_cols; c++)
		grid_cell(o, t->head[c], DA_CENTER, 1, 0);
	strbuf_adds(&o->body, "</table:table-row></table:table-header-rows>");
	for (size_t r = 0; r < t->n_rows; r++) {
		strbuf_adds(&o->body, "<table:table-row table:style-name=\"Row\">");
		for (size_t c = 0; c < t->n_cols; c++)
			grid_cell(o, t->cells[r * t->n_cols + c], t->align[c], 0,
				  t->keep_next && r + 1 == t->n_rows);
		strbuf_adds(&o->body, "</table:table-row>");
	}
	strbuf_adds(&o->body, "</table:table>");
}

/* brk: the variant that starts a new page. */
static void para_style(struct strbuf *out, const char *name, const struct pstyle *k, int brk)
{
	strbuf_addf(out, "<style:style style:name=\"%s\" style:family=\"paragraph\" ", name);
	if (brk) /* a new document: its first page, numbered from 1 */
		strbuf_adds(out, "style:master-page-name=\"First_20_Page\" ");
	strbuf_addf(out, "style:parent-style-name=\"%s\">",
		    k->heading == 1   ? "Heading_20_1"
		    : k->heading == 2 ? "Heading_20_2"
				      : "Standard");
	strbuf_addf(out, "<style:paragraph-properties fo:text-align=\"%s\"",
		    k->align == DA_CENTER ? "center"
		    : k->align == DA_LEFT ? "start"
					  : "justify");
	if (k->indent)
		strbuf_adds(out, " fo:text-indent=\"1.27cm\"");
	if (k->in_cell)
		strbuf_adds(out, " fo:margin-top=\"0cm\" fo:margin-bottom=\"0cm\"");
	if (k->keep)
		strbuf_adds(out, " fo:keep-with-next=\"always\" fo:keep-together=\"always\"");
	strbuf_adds(out, brk ? " style:page-number=\"1\"/>" : "/>");
	strbuf_addf(out,
		    "<style:text-properties fo:font-size=\"%gpt\" "
		    "style:font-size-complex=\"%gpt\"/></style:style>",
		    k->size / 2.0, k->size / 2.0);
}

static char *content_xml(struct odt *o)
{
	struct strbuf out = {0};
	strbuf_adds(&out,
		    XML_DECL "<office:document-content " NS ">" FONTS "<office:automatic-styles>");
	for (size_t i = 0; i < o->n_ps; i++) {
		char name[32];
		snprintf(name, sizeof name, "P%zu", i + 1);
		para_style(&out, name, &o->ps[i], 0);
		snprintf(name, sizeof name, "P%zuB", i + 1);
		para_style(&out, name, &o->ps[i], 1);
	}
	for (unsigned st = 1; st < 8; st++) {
		strbuf_addf(&out,
			    "<style:style style:name=\"T%u\" style:family=\"text\">"
			    "<style:text-properties",
			    st);
		if (st & DS_BOLD)
			strbuf_adds(&out,
				    " fo:font-weight=\"bold\" style:font-weight-complex=\"bold\"");
		if (st & DS_ITALIC)
			strbuf_adds(
			    &out, " fo:font-style=\"italic\" style:font-style-complex=\"italic\"");
		if (st & DS_UNDERLINE)
			strbuf_adds(&out, " style:text-underline-style=\"solid\" "
					  "style:text-underline-width=\"auto\" "
					  "style:text-underline-color=\"font-color\"");
		strbuf_adds(&out, "/></style:style>");
	}
	for (int brk = 0; brk < 2; brk++)
		strbuf_addf(&out,
			    "<style:style style:name=\"Lead%s\" style:family=\"paragraph\" "
			    "style:parent-style-name=\"Tiny\" "
			    "style:master-page-name=\"First_20_Page\">"
			    "<style:paragraph-properties%s/></style:style>",
			    brk ? "Break" : "First", brk ? " style:page-number=\"1\"" : "");
	for (int whole = 0; whole < 2; whole++)
		strbuf_addf(&out,
			    "<style:style style:name=\"Tab%s\" style:family=\"table\">"
			    "<style:table-properties style:width=\"%gcm\" table:align=\"margins\" "
			    "fo:margin-bottom=\"0.212cm\" table:border-model=\"collapsing\"%s/>"
			    "</style:style>",
			    whole ? "Whole" : "", TEXT_W_CM,
			    whole ? " style:may-break-between-rows=\"false\"" : "");
	strbuf_adds(&out, "<style:style style:name=\"Row\" style:family=\"table-row\">"
			  "<style:table-row-properties fo:keep-together=\"always\"/>"
			  "</style:style>");
	for (int pct = 0; pct <= 100; pct++)
		if (o->col_pct[pct])
			strbuf_addf(
			    &out,
			    "<style:style style:name=\"Col%d\" style:family=\"table-column\">"
			    "<style:table-column-properties style:column-width=\"%.3fcm\"/>"
			    "</style:style>",
			    pct, TEXT_W_CM * pct / 100);
	strbuf_adds(&out, "<style:style style:name=\"CellPlain\" style:family=\"table-cell\">"
			  "<style:table-cell-properties fo:padding=\"0cm\" fo:border=\"none\"/>"
			  "</style:style>"
			  "<style:style style:name=\"CellGrid\" style:family=\"table-cell\">"
			  "<style:table-cell-properties fo:padding=\"0.1cm\" "
			  "fo:border=\"0.5pt solid #000000\"/></style:style>");
	strbuf_adds(&out, "</office:automatic-styles><office:body><office:text>");
	strbuf_add(&out, o->body.buf, o->body.len);
	strbuf_adds(&out, "</office:text></office:body></office:document-content>\n");
	return strbuf_detach(&out);
}

static char *meta_xml(const struct doc *d)
{
	struct strbuf out = {0};
	strbuf_adds(&out, XML_DECL "<office:document-meta " NS "><office:meta><dc:title>");
	render_xml_escape(&out, d->title);
	strbuf_adds(&out, "</dc:title><dc:language>vi-VN</dc:language>"
			  "<meta:generator>bienban</meta:generator></office:meta>"
			  "</office:document-meta>\n");
	return strbuf_detach(&out);
}

static int odt_render(const struct doc *d, const struct render_opts *opts, struct strbuf *out,
		      char **cause)
{
	struct odt o = {0};
	strbuf_adds(&o.body, "");
	for (size_t i = 0; i < d->n_blocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		switch (b->kind) {
		case DB_PAGE_BREAK:
			o.break_next = 1;
			break;
		case DB_COLUMNS:
			odt_columns(&o, &b->cols);
			break;
		case DB_TABLE:
			odt_table(&o, &b->table);
			break;
		case DB_PARA:
			odt_para(&o, &b->para, 0);
			break;
		}
	}
	if (d->n_blocks && (d->blocks[d->n_blocks - 1].kind == DB_COLUMNS ||
			    d->blocks[d->n_blocks - 1].kind == DB_TABLE))
		/* Writer adds a paragraph after a table that ends the text; one
		 * of its own in a hidden section takes no room, so a table that
		 * fills the last page never pushes a blank one. */
		strbuf_adds(&o.body, "<text:section text:name=\"End\" text:display=\"none\">"
				     "<text:p text:style-name=\"Tiny\"/></text:section>");
	char *content = content_xml(&o), *meta = meta_xml(d);
	strbuf_free(&o.body);
	free(o.ps);
	struct render_zip *z = render_zip_new("odt", cause);
	int rc = z ? 0 : -1;
	/* "mimetype" first and stored, so that the file says what it is. */
	if (!rc)
		rc = render_zip_add(z, "mimetype", mimetype, strlen(mimetype), 0, cause);
	if (!rc)
		rc = render_zip_add(z, "META-INF/manifest.xml", manifest, strlen(manifest), 1,
				    cause);
	if (!rc)
		rc = render_zip_add(z, "content.xml", content, strlen(content), 1, cause);
	if (!rc)
		rc = render_zip_add(z, "styles.xml", styles, strlen(styles), 1, cause);
	if (!rc)
		rc = render_zip_add(z, "meta.xml", meta, strlen(meta), 1, cause);
	free(content);
	free(meta);
	if (rc < 0) {
		render_zip_discard(z);
		return -1;
	}
	(void)opts;
	return render_zip_finish(z, out, cause);
}

const struct renderer render_odt = {"odt", 1, odt_render};
