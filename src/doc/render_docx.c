/* render_docx.c - Office Open XML (Word) through libzip: A4, the margins,
 * Times New Roman and the sizes of formats/bien-ban.md, borderless header
 * and signature tables, page numbers from page 2. */
#include <stdlib.h>
#include <string.h>

#include "render.h"

/* Twips (1/1440 inch): A4 and the margins 20/20/30/20 mm. */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_TOP 1134
#define MARGIN_BOTTOM 1134
#define MARGIN_LEFT 1701
#define MARGIN_RIGHT 1134
#define TEXT_W (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)
#define FIRST_LINE 720 /* 1.27 cm */

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define R_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static const char content_types[] =
    XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	     "<Default Extension=\"rels\" "
	     "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	     "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	     "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
	     "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	     "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
	     "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	     "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
	     "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
	     "<Override PartName=\"/word/header1.xml\" ContentType=\"application/"
	     "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
	     "<Override PartName=\"/word/header2.xml\" ContentType=\"application/"
	     "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
	     "<Override PartName=\"/docProps/core.xml\" "
	     "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	     "</Types>\n";

static const char root_rels[] = XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

static const char document_rels[] = XML_DECL
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/header\" Target=\"header1.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/header\" Target=\"header2.xml\"/>"
    "</Relationships>\n";

#define FONT "Times New Roman"
static const char styles[] = XML_DECL
    "<w:styles " W_NS ">"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"" FONT "\" w:hAnsi=\"" FONT "\" w:eastAsia=\"" FONT "\" w:cs=\"" FONT
    "\"/>"
    "<w:color w:val=\"000000\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"
    "<w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/>"
    "</w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after=\"120\" w:line=\"264\" "
    "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"0\"/><w:jc w:val=\"center\"/>"
    "<w:outlineLvl w:val=\"0\"/></w:pPr>"
    "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
    "<w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"120\"/>"
    "<w:outlineLvl w:val=\"1\"/></w:pPr>"
    "<w:rPr><w:b/><w:bCs/></w:rPr></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
    "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
    "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
    "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
    "</w:tblCellMar></w:tblPr></w:style>"
    "</w:styles>\n";

static const char settings[] =
    XML_DECL "<w:settings " W_NS "><w:defaultTabStop w:val=\"720\"/>"
	     "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
	     "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	     "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
	     "</w:settings>\n";

/* Page number, centred in the top margin, 13 pt; the first page has an
 * empty header of its own (titlePg). */
static const char header_page[] = XML_DECL
    "<w:hdr " W_NS "><w:p><w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr>"
    "<w:fldChar w:fldCharType=\"begin\"/></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr>"
    "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr>"
    "<w:fldChar w:fldCharType=\"separate\"/></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr><w:t>2</w:t></w:r>"
    "<w:r><w:rPr><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr>"
    "<w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>\n";

static const char header_first[] =
    XML_DECL "<w:hdr " W_NS "><w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p></w:hdr>\n";

static void docx_runs(struct strbuf *out, const struct doc_para *p)
{
	for (size_t i = 0; i < p->n_runs; i++) {
		unsigned st = p->runs[i].style;
		strbuf_adds(out, "<w:r><w:rPr>");
		if (st & DS_BOLD)
			strbuf_adds(out, "<w:b/><w:bCs/>");
		if (st & DS_ITALIC)
			strbuf_adds(out, "<w:i/><w:iCs/>");
		if (p->size != DOC_SIZE_BODY)
			strbuf_addf(out, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", p->size,
				    p->size);
		if (st & DS_UNDERLINE)
			strbuf_adds(out, "<w:u w:val=\"single\"/>");
		strbuf_adds(out, "</w:rPr><w:t xml:space=\"preserve\">");
		render_xml_escape(out, p->runs[i].text);
		strbuf_adds(out, "</w:t></w:r>");
	}
}

/* in_cell: paragraphs of the tables, with no space after; after_table:
 * the first paragraph after a table keeps a space from it; keep: on the
 * page of what follows (keep-with-next, which in a table keeps the rows
 * together). */
static void docx_para(struct strbuf *out, const struct doc_para *p, int in_cell, int after_table,
		      int keep)
{
	strbuf_adds(out, "<w:p><w:pPr>");
	if (p->heading)
		strbuf_addf(out, "<w:pStyle w:val=\"Heading%d\"/>", p->heading);
	if (keep || p->keep_next)
		strbuf_adds(out, "<w:keepNext/><w:keepLines/>");
	if (in_cell)
		strbuf_adds(out, "<w:spacing w:after=\"0\"/>");
	else if (after_table && !p->heading)
		strbuf_adds(out, "<w:spacing w:before=\"120\"/>");
	if (p->indent)
		strbuf_addf(out, "<w:ind w:firstLine=\"%d\"/>", FIRST_LINE);
	strbuf_addf(out, "<w:jc w:val=\"%s\"/>",
		    p->align == DA_CENTER ? "center"
		    : p->align == DA_LEFT ? "left"
					  : "both");
	if (p->size != DOC_SIZE_BODY)
		strbuf_addf(out, "<w:rPr><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>",
			    p->size, p->size);
	strbuf_adds(out, "</w:pPr>");
	if (p->bullet) {
		struct doc_para dash = *p;
		struct doc_run r = {"- ", 0};
		dash.runs = &r;
		dash.n_runs = 1;
		docx_runs(out, &dash);
	}
	docx_runs(out, p);
	strbuf_adds(out, "</w:p>");
}

static void table_start(struct strbuf *out, const int *pct, size_t n, int borders)
{
	strbuf_adds(out, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>");
	const char *edges[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
	strbuf_adds(out, "<w:tblBorders>");
	for (size_t i = 0; i < BB_ARRAY_LEN(edges); i++)
		strbuf_addf(out,
			    borders ? "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
				      "w:color=\"000000\"/>"
				    : "<w:%s w:val=\"nil\"/>",
			    edges[i]);
	strbuf_adds(out, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>");
	if (!borders)
		strbuf_adds(out, "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>"
				 "<w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>");
	strbuf_adds(out, "<w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>");
	for (size_t c = 0; c < n; c++)
		strbuf_addf(out, "<w:gridCol w:w=\"%d\"/>", TEXT_W * pct[c] / 100);
	strbuf_adds(out, "</w:tblGrid>");
}

static void cell_start(struct strbuf *out, int pct)
{
	strbuf_addf(out, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>",
		    TEXT_W * pct / 100);
}

/* A block kept whole: every row but the last kept with the next. */
static void docx_columns(struct strbuf *out, const struct doc_columns *c)
{
	int pct[2] = {c->left_pct, 100 - c->left_pct};
	table_start(out, pct, 2, 0);
	if (c->stacked) {
		/* One row: each cell holds its column's paragraphs. */
		strbuf_adds(out, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		for (int col = 0; col < 2; col++) {
			size_t n = doc_stack_len(c, col);
			cell_start(out, pct[col]);
			for (size_t r = 0; r < n; r++)
				docx_para(out, col ? &c->rows[r].right : &c->rows[r].left, 1, 0,
					  r + 1 < n);
			if (!n)
				strbuf_adds(out, "<w:p/>");
			strbuf_adds(out, "</w:tc>");
		}
		strbuf_adds(out, "</w:tr></w:tbl>");
		return;
	}
	for (size_t r = 0; r < c->n_rows; r++) {
		int keep = c->whole && r + 1 < c->n_rows;
		strbuf_adds(out, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		cell_start(out, pct[0]);
		docx_para(out, &c->rows[r].left, 1, 0, keep);
		strbuf_adds(out, "</w:tc>");
		cell_start(out, pct[1]);
		docx_para(out, &c->rows[r].right, 1, 0, keep);
		strbuf_adds(out, "</w:tc></w:tr>");
	}
	strbuf_adds(out, "</w:tbl>");
}

static void grid_cell(struct strbuf *out, int pct, const char *text, enum doc_align a, int bold,
		      int keep)
{
	struct doc_run r = {(char *)(text ? text : ""), bold ? DS_BOLD : 0};
	struct doc_para p = {.runs = &r,
			     .n_runs = 1,
			     .align = a == DA_CENTER ? DA_CENTER : DA_LEFT,
			     .size = DOC_SIZE_BODY};
	cell_start(out, pct);
	docx_para(out, &p, 1, 0, keep);
	strbuf_adds(out, "</w:tc>");
}

static void docx_table(struct strbuf *out, const struct doc_table *t)
{
	table_start(out, t->width_pct, t->n_cols, 1);
	strbuf_adds(out, "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	for (size_t c = 0; c < t->n_cols; c++)
		grid_cell(out, t->width_pct[c], t->head[c], DA_CENTER, 1, 0);
	strbuf_adds(out, "</w:tr>");
	for (size_t r = 0; r < t->n_rows; r++) {
		strbuf_adds(out, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		for (size_t c = 0; c < t->n_cols; c++)
			grid_cell(out, t->width_pct[c], t->cells[r * t->n_cols + c], t->align[c],
				  0, t->keep_next && r + 1 == t->n_rows);
		strbuf_adds(out, "</w:tr>");
	}
	strbuf_adds(out, "</w:tbl>");
}

/* The properties of a section: one per document of a conference export,
 * each with its page numbers from 1, none on its first page. */
static void sect_pr(struct strbuf *out)
{
	strbuf_addf(out,
		    "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
		    "<w:headerReference w:type=\"first\" r:id=\"rId4\"/>"
		    "<w:type w:val=\"nextPage\"/>"
		    "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
		    "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
		    "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
		    "<w:pgNumType w:start=\"1\"/><w:titlePg/></w:sectPr>",
		    PAGE_W, PAGE_H, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT);
}

/* An empty paragraph as small as can be (after a table, holding a
 * section's end): it must never push a page of its own. */
#define TINY_PPR                                                                                   \
	"<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/>"             \
	"<w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr>"

static char *document_xml(const struct doc *d)
{
	struct strbuf out = {0};
	strbuf_adds(&out, XML_DECL "<w:document " W_NS " " R_NS "><w:body>");
	int last_table = 0;
	for (size_t i = 0; i < d->n_blocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		int after_table = last_table;
		last_table = b->kind == DB_COLUMNS || b->kind == DB_TABLE;
		/* A table that starts a document comes after an empty paragraph
		 * of no height: Writer does not move a keep-with-next chain
		 * ("Nội dung:" and the first heading) over to the next page
		 * when the page starts with a table (seen with LibreOffice 7.4). */
		if (last_table && (!i || d->blocks[i - 1].kind == DB_PAGE_BREAK))
			strbuf_adds(&out, "<w:p><w:pPr>" TINY_PPR "</w:pPr></w:p>");
		switch (b->kind) {
		case DB_PAGE_BREAK:
			/* The end of a document: its section ends here. */
			strbuf_adds(&out, "<w:p><w:pPr>" TINY_PPR);
			sect_pr(&out);
			strbuf_adds(&out, "</w:pPr></w:p>");
			last_table = 0;
			break;
		case DB_COLUMNS:
			docx_columns(&out, &b->cols);
			break;
		case DB_TABLE:
			docx_table(&out, &b->table);
			break;
		case DB_PARA:
			docx_para(&out, &b->para, 0, after_table, 0);
			break;
		}
	}
	if (last_table) /* Word wants a paragraph after a table */
		strbuf_adds(&out, "<w:p><w:pPr>" TINY_PPR "</w:pPr></w:p>");
	sect_pr(&out);
	strbuf_adds(&out, "</w:body></w:document>\n");
	return strbuf_detach(&out);
}

static char *core_xml(const struct doc *d)
{
	struct strbuf out = {0};
	strbuf_adds(&out, XML_DECL "<cp:coreProperties "
				   "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
				   "metadata/core-properties\" "
				   "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
				   "<dc:title>");
	render_xml_escape(&out, d->title);
	strbuf_adds(&out, "</dc:title><dc:language>vi-VN</dc:language>"
			  "<dc:creator>bienban</dc:creator></cp:coreProperties>\n");
	return strbuf_detach(&out);
}

static int docx_render(const struct doc *d, const struct render_opts *opts, struct strbuf *out,
		       char **cause)
{
	struct render_zip *z = render_zip_new("docx", cause);
	if (!z)
		return -1;
	char *document = document_xml(d), *core = core_xml(d);
	const struct {
		const char *name, *data;
	} parts[] = {
	    {"[Content_Types].xml", content_types},
	    {"_rels/.rels", root_rels},
	    {"word/document.xml", document},
	    {"word/_rels/document.xml.rels", document_rels},
	    {"word/styles.xml", styles},
	    {"word/settings.xml", settings},
	    {"word/header1.xml", header_page},
	    {"word/header2.xml", header_first},
	    {"docProps/core.xml", core},
	};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < BB_ARRAY_LEN(parts); i++)
		rc = render_zip_add(z, parts[i].name, parts[i].data, strlen(parts[i].data), 1,
				    cause);
	free(document);
	free(core);
	if (rc < 0) {
		render_zip_discard(z);
		return -1;
	}
	(void)opts;
	return render_zip_finish(z, out, cause);
}

const struct renderer render_docx = {"docx", 1, docx_render};
