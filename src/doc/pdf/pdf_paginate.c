/* pdf_paginate.c - the flow placed on A4 pages and drawn with Cairo:
 * pieces marked "keep with next" move to the next page together, a
 * table's header row comes again on every page it continues on, and each
 * document numbers its pages from the second one, centred at the top. */
#include <stdio.h>

#include "pdf_layout.h"

#define PAGENO_SIZE 13

struct pager {
	const struct pdf_flow *f;
	cairo_t *cr;
	double y;    /* where the next piece goes */
	int page;    /* page of the current document, from 1 */
	int pages;   /* pages written in all */
	int on_page; /* pieces on the current page */
	int signs;   /* signature areas named so far */
};

static void draw_page_number(struct pager *pg)
{
	char num[16];
	snprintf(num, sizeof num, "%d", pg->page);
	PangoLayout *l = pango_layout_new(pg->f->pc);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family_static(fd, pg->f->family);
	pango_font_description_set_size(fd, PAGENO_SIZE * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, num, -1);
	pango_layout_set_width(l, (int)(PDF_TEXT_W * PANGO_SCALE));
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	cairo_move_to(pg->cr, PDF_LEFT, PDF_PAGENO_Y);
	pango_cairo_show_layout(pg->cr, l);
	g_object_unref(l);
}

static void new_page(struct pager *pg, int new_document)
{
	if (pg->pages)
		cairo_show_page(pg->cr);
	pg->pages++;
	pg->page = new_document ? 1 : pg->page + 1;
	pg->y = PDF_TOP;
	pg->on_page = 0;
	if (pg->page >= 2)
		draw_page_number(pg);
}

static void draw_box(struct pager *pg, const struct pdf_piece *pc, double y)
{
	const struct pdf_box *b = pc->box;
	cairo_t *cr = pg->cr;
	for (size_t i = 0; i < b->n_cells; i++) {
		cairo_move_to(cr, PDF_LEFT + b->cells[i].x, y + b->cells[i].y);
		pango_cairo_show_layout(cr, b->cells[i].layout);
	}
	if (b->n_cols) {
		cairo_set_line_width(cr, 0.5);
		for (size_t c = 0; c < b->n_cols; c++)
			cairo_rectangle(cr, PDF_LEFT + b->col_x[c], y, b->col_w[c], pc->h);
		cairo_stroke(cr);
	}
	/* Where the signing tool puts the signer's image: a named
	 * destination at its top-left corner. */
	for (size_t s = 0; s < b->n_signs; s++) {
		char attrs[96];
		snprintf(attrs, sizeof attrs, "name='signature-%d' x=%.2f y=%.2f", ++pg->signs,
			 PDF_LEFT + b->sign_x[s], y + b->sign_y[s]);
		cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs);
		cairo_tag_end(cr, CAIRO_TAG_DEST);
	}
}

static void draw(struct pager *pg, const struct pdf_piece *pc, double y)
{
	if (pc->kind == PP_LINE) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(pc->layout, pc->line);
		cairo_move_to(pg->cr, PDF_LEFT + pc->x, y + pc->base);
		pango_cairo_show_layout_line(pg->cr, line);
	} else {
		draw_box(pg, pc, y);
	}
	pg->on_page++;
}

/* Height from piece i on of what must stay with it on one page (its gap
 * included unless at the top); just piece i when that is over a page. */
static double kept_height(const struct pdf_flow *f, size_t i, int at_top)
{
	double h = at_top ? f->v[i].h : f->v[i].gap + f->v[i].h;
	for (size_t k = i; k + 1 < f->n && f->v[k].keep_next && !f->v[k + 1].new_section; k++)
		h += f->v[k + 1].gap + f->v[k + 1].h;
	if (h > PDF_BODY_H)
		h = at_top ? f->v[i].h : f->v[i].gap + f->v[i].h;
	return h;
}

int pdf_paginate(const struct pdf_flow *f, cairo_t *cr)
{
	struct pager pg = {.f = f, .cr = cr};
	cairo_set_source_rgb(cr, 0, 0, 0);
	new_page(&pg, 1);
	for (size_t i = 0; i < f->n; i++) {
		const struct pdf_piece *pc = &f->v[i];
		if (pc->new_section)
			new_page(&pg, 1);
		int at_top = pg.on_page == 0;
		if (!at_top && pg.y + kept_height(f, i, 0) > PDF_PAGE_H - PDF_BOTTOM + 0.01) {
			new_page(&pg, 0);
			at_top = 1;
			if (pc->head) {
				draw(&pg, pc->head, pg.y);
				pg.y += pc->head->h;
				at_top = 0;
			}
		}
		double y = at_top ? pg.y : pg.y + pc->gap;
		draw(&pg, pc, y);
		pg.y = y + pc->h;
	}
	cairo_show_page(cr);
	return pg.pages;
}
