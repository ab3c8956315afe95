/* pdf_layout.h - inside the PDF module: the document model turned into a
 * flow of unbreakable pieces (a line of a paragraph, a table row, a
 * borderless column block) that pdf_paginate.c places on A4 pages. */
#ifndef BB_PDF_LAYOUT_H
#define BB_PDF_LAYOUT_H

#include <pango/pangocairo.h>

#include "doc.h"

/* Points: A4 and the margins of formats/bien-ban.md (20/20/30/20 mm). */
#define PT_MM(x) ((x)*72.0 / 25.4)
#define PDF_PAGE_W PT_MM(210.0)
#define PDF_PAGE_H PT_MM(297.0)
#define PDF_TOP PT_MM(20.0)
#define PDF_BOTTOM PT_MM(20.0)
#define PDF_LEFT PT_MM(30.0)
#define PDF_RIGHT PT_MM(20.0)
#define PDF_TEXT_W (PDF_PAGE_W - PDF_LEFT - PDF_RIGHT)
#define PDF_BODY_H (PDF_PAGE_H - PDF_TOP - PDF_BOTTOM)
/* The page number's line starts 10 mm from the top edge (docx: header
 * at 567 twips). */
#define PDF_PAGENO_Y PT_MM(10.0)
/* Between a signer's title and name: room for the signature image (Nghị
 * định 30/2020, Phụ lục I: the signer's image centred between title and
 * name, the seal's image over its left third), at its printed size. */
#define PDF_SIGN_SPACE PT_MM(30.0)
#define PDF_SIGN_W PT_MM(45.0)

/* A piece placed on the page as a whole. */
struct pdf_cell {
	PangoLayout *layout; /* drawn with its top-left at (x, y) */
	double x, y;	     /* relative to the piece's left margin and top */
};

struct pdf_box {
	struct pdf_cell *cells;
	size_t n_cells;
	/* A table row's borders: one rectangle per column, the row high. */
	size_t n_cols;
	double col_x[DOC_TABLE_MAX_COLS], col_w[DOC_TABLE_MAX_COLS];
	/* Signature areas (a signer's image with the seal over its left
	 * third): rectangles relative to the piece, recorded as named
	 * destinations "signature-N" for signing tools. */
	size_t n_signs;
	double sign_x[2], sign_y[2];
};

enum pdf_piece_kind { PP_LINE, PP_BOX };

struct pdf_piece {
	enum pdf_piece_kind kind;
	double h;	 /* height in points */
	double gap;	 /* space above, dropped at the top of a page */
	int keep_next;	 /* no page break between this piece and the next */
	int new_section; /* a new document starts here: new page, numbering again */
	/* PP_LINE: line `line` of `layout`, its left end x from the margin,
	 * its baseline `base` below the piece's top. */
	PangoLayout *layout;
	int line;
	double x, base;
	/* PP_BOX */
	struct pdf_box *box;
	/* A table row: the table's header row, repeated after a page break. */
	const struct pdf_piece *head;
};

struct pdf_flow {
	struct pdf_piece *v;
	size_t n, cap;
	GPtrArray *owned; /* the layouts, unreferenced with the flow */
	GPtrArray *boxes; /* the boxes, freed with the flow */
	PangoContext *pc;
	const char *family;
};

/* Build the flow of d: one PangoLayout per paragraph and cell, shaped by
 * HarfBuzz in the font family f->family. */
void pdf_flow_build(struct pdf_flow *f, const struct doc *d);
void pdf_flow_free(struct pdf_flow *f);

/* Place the flow on pages of cr's PDF surface and draw it; page numbers
 * from the second page of each document. Returns the pages written. */
int pdf_paginate(const struct pdf_flow *f, cairo_t *cr);

#endif
