/* pdf_flow.c - the document model as a flow of pieces for the PDF: each
 * paragraph a Pango layout cut into its lines, each table row and each
 * borderless block (header, signatures) one piece, with the page-flow
 * rules of formats/bien-ban.md as "keep with next" marks. */
#include <string.h>

#include "pdf_layout.h"

/* Line pitch in em: the docx's 1.1 lines of Times New Roman (and of
 * Liberation Serif, same metrics), whose single line with its line gap
 * is 1.149 em; so 14 pt type goes on 17.7 pt lines, as in Word and
 * LibreOffice. */
#define LINE_PITCH_EM (1.149 * 1.1)
#define FIRST_LINE PT_MM(12.7)
#define PARA_AFTER 6.0
#define CELL_PAD_X 5.4 /* docx: 108 twips */
/* docx: no top or bottom cell margin (Word's default); LibreOffice's row
 * is its lines and the 0.5 pt border, a quarter point each side. 2.0 made
 * every row 3.5 pt taller than LibreOffice's, a table row a page earlier
 * in a long meeting (tests/cli/export_pdf.sh compares the pages). */
#define CELL_PAD_Y 0.25

static struct pdf_piece *add_piece(struct pdf_flow *f, enum pdf_piece_kind kind, double h)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->v = g_realloc_n(f->v, f->cap, sizeof *f->v);
	}
	struct pdf_piece *p = &f->v[f->n++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->h = h;
	return p;
}

static void add_attr(PangoAttrList *al, PangoAttribute *a, size_t start, size_t end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(al, a);
}

/* Pango breaks a line after a slash that follows a letter (for URLs):
 * "quý I/" then "2023" on the next line, where Word and LibreOffice keep
 * "I/2023" whole. So each run of non-blank characters holding a slash is
 * marked as one word (a word wider than the line still breaks, by
 * letters). */
static void keep_slashed_words(PangoAttrList *al, const char *text)
{
#if PANGO_VERSION_CHECK(1, 50, 0)
	for (const char *p = text; *p;) {
		while (*p == ' ')
			p++;
		const char *start = p;
		int slash = 0;
		while (*p && *p != ' ')
			slash |= *p++ == '/';
		if (slash)
			add_attr(al, pango_attr_word_new(), (size_t)(start - text),
				 (size_t)(p - text));
	}
#else
	(void)al;
	(void)text;
#endif
}

/* A layout of p, width points wide (0: no wrapping). Owned by f. */
static PangoLayout *para_layout(struct pdf_flow *f, const struct doc_para *p, double width,
				int in_cell)
{
	GString *t = g_string_new(NULL);
	PangoAttrList *al = pango_attr_list_new();
	if (p->bullet)
		g_string_append(t, "- ");
	for (size_t i = 0; i < p->n_runs; i++) {
		const struct doc_run *r = &p->runs[i];
		if (!r->text || !*r->text)
			continue;
		size_t start = t->len;
		/* The model's text is valid UTF-8; a bad byte must not stop
		 * the export, Pango would drop the whole paragraph. */
		if (g_utf8_validate(r->text, -1, NULL)) {
			for (const char *c = r->text; *c; c++)
				if (doc_space_binds(c))
					g_string_append(t, "\xc2\xa0");
				else
					g_string_append_c(t, *c);
		} else {
			gchar *ok = g_utf8_make_valid(r->text, -1);
			g_string_append(t, ok);
			g_free(ok);
		}
		if (r->style & DS_BOLD)
			add_attr(al, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, t->len);
		if (r->style & DS_ITALIC)
			add_attr(al, pango_attr_style_new(PANGO_STYLE_ITALIC), start, t->len);
		if (r->style & DS_UNDERLINE)
			add_attr(al, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start,
				 t->len);
	}
	keep_slashed_words(al, t->str);
	PangoLayout *l = pango_layout_new(f->pc);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family_static(fd, f->family);
	pango_font_description_set_size(fd, (gint)(p->size / 2.0 * PANGO_SCALE));
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, t->str, (int)t->len);
	pango_layout_set_attributes(l, al);
	pango_attr_list_unref(al);
	g_string_free(t, TRUE);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l,
				   p->align == DA_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	if (p->align == DA_JUSTIFY && !in_cell)
		pango_layout_set_justify(l, TRUE);
	if (p->indent && !in_cell)
		pango_layout_set_indent(l, (int)(FIRST_LINE * PANGO_SCALE));
	g_ptr_array_add(f->owned, l);
	return l;
}

static double layout_h(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double pitch_of(const struct doc_para *p)
{
	return p->size / 2.0 * LINE_PITCH_EM;
}

/* A layout for a table cell or a column block, its lines LINE_PITCH_EM
 * apart; *h its height, *dy where its text starts below the top (half
 * the extra space above each line, half below). */
static PangoLayout *cell_layout(struct pdf_flow *f, const struct doc_para *p, double width,
				double *h, double *dy)
{
	PangoLayout *l = para_layout(f, p, width, 1);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int y0, y1;
	pango_layout_iter_get_line_yrange(it, &y0, &y1);
	pango_layout_iter_free(it);
	double extra = pitch_of(p) - (double)(y1 - y0) / PANGO_SCALE;
	if (extra < 0)
		extra = 0;
	pango_layout_set_spacing(l, (int)(extra * PANGO_SCALE));
	*h = layout_h(l) + extra;
	*dy = extra / 2;
	return l;
}

static double layout_natural_w(struct pdf_flow *f, const struct doc_para *p)
{
	PangoLayout *l = para_layout(f, p, 0, 1);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

static struct pdf_box *box_new(struct pdf_flow *f)
{
	struct pdf_box *b = g_new0(struct pdf_box, 1);
	g_ptr_array_add(f->boxes, b);
	return b;
}

static void box_cell(struct pdf_box *b, PangoLayout *l, double x, double y)
{
	b->cells = g_realloc_n(b->cells, b->n_cells + 1, sizeof *b->cells);
	b->cells[b->n_cells++] = (struct pdf_cell){l, x, y};
}

/* ==== paragraphs ==== */

/* The lines of a body paragraph as pieces; space above it `before`. */
static void add_para(struct pdf_flow *f, const struct doc_para *p, double before)
{
	PangoLayout *l = para_layout(f, p, PDF_TEXT_W, 0);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	size_t first = f->n;
	int line = 0;
	do {
		int y0, y1;
		PangoRectangle log;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &log);
		double natural = (double)(y1 - y0) / PANGO_SCALE, h = pitch_of(p);
		if (h < natural)
			h = natural;
		struct pdf_piece *pc = add_piece(f, PP_LINE, h);
		pc->layout = l;
		pc->line = line++;
		pc->x = (double)log.x / PANGO_SCALE;
		pc->base = (double)(pango_layout_iter_get_baseline(it) - y0) / PANGO_SCALE +
			   (h - natural) / 2;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	f->v[first].gap = before;
	size_t n = f->n - first;
	/* No first line alone at the foot of a page, no last line alone at
	 * the head of one; headings and centred title lines go with what
	 * follows them, and so does a paragraph the model keeps with the
	 * next block (the closing line with the signatures: keep-with-next
	 * and keep-lines in the docx). */
	if (n >= 2) {
		f->v[first].keep_next = 1;
		f->v[f->n - 2].keep_next = 1;
	}
	if (p->heading || p->align == DA_CENTER || p->keep_next)
		for (size_t i = first; i < f->n; i++)
			f->v[i].keep_next = 1;
}

/* ==== tables ==== */

static struct pdf_piece *add_row(struct pdf_flow *f, const struct doc_table *t, char *const *texts,
				 int head)
{
	struct pdf_box *b = box_new(f);
	b->n_cols = t->n_cols;
	double x = 0, h = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		b->col_x[c] = x;
		b->col_w[c] = PDF_TEXT_W * t->width_pct[c] / 100.0;
		x += b->col_w[c];
	}
	PangoLayout *ls[DOC_TABLE_MAX_COLS];
	double dy[DOC_TABLE_MAX_COLS];
	for (size_t c = 0; c < t->n_cols; c++) {
		struct doc_run r = {(char *)(texts[c] ? texts[c] : ""), head ? DS_BOLD : 0};
		struct doc_para p = {.runs = &r,
				     .n_runs = 1,
				     .align =
					 head || t->align[c] == DA_CENTER ? DA_CENTER : DA_LEFT,
				     .size = DOC_SIZE_BODY};
		double ch;
		ls[c] = cell_layout(f, &p, b->col_w[c] - 2 * CELL_PAD_X, &ch, &dy[c]);
		if (ch > h)
			h = ch;
	}
	for (size_t c = 0; c < t->n_cols; c++)
		box_cell(b, ls[c], b->col_x[c] + CELL_PAD_X, CELL_PAD_Y + dy[c]);
	struct pdf_piece *pc = add_piece(f, PP_BOX, h + 2 * CELL_PAD_Y);
	pc->box = b;
	return pc;
}

static void add_table(struct pdf_flow *f, const struct doc_table *t, double before)
{
	size_t head = f->n;
	add_row(f, t, t->head, 1)->gap = before;
	f->v[head].keep_next = 1;
	for (size_t r = 0; r < t->n_rows; r++)
		add_row(f, t, &t->cells[r * t->n_cols], 0);
	if (t->keep_next && t->n_rows)
		f->v[f->n - 1].keep_next = 1;
	/* Pointers into f->v only once it stops growing: indices for now. */
	for (size_t i = head + 1; i < f->n; i++)
		f->v[i].head = (const struct pdf_piece *)(uintptr_t)(head + 1);
}

/* ==== borderless blocks ==== */

/* The header: row by row, so that both sides stay level. The columns
 * are sized from their content: the right one widens to hold its
 * longest line (the dateline) unwrapped, taking the room from the left
 * one: the dateline never wraps, the issuing body may (a long place name
 * such as "Thành phố Hồ Chí Minh" leaves no room for both). */
static void add_header(struct pdf_flow *f, const struct doc_columns *c)
{
	double wl = PDF_TEXT_W * c->left_pct / 100.0, wr = PDF_TEXT_W - wl, need = 0;
	for (size_t r = 0; r < c->n_rows; r++) {
		double w = layout_natural_w(f, &c->rows[r].right) + 1;
		if (w > need)
			need = w;
	}
	if (need > wr) {
		wr = need < PDF_TEXT_W * 0.75 ? need : PDF_TEXT_W * 0.75;
		wl = PDF_TEXT_W - wr;
	}
	struct pdf_box *b = box_new(f);
	double y = 0;
	for (size_t r = 0; r < c->n_rows; r++) {
		double h, hr, dy, dyr;
		PangoLayout *l = cell_layout(f, &c->rows[r].left, wl, &h, &dy);
		PangoLayout *rl = cell_layout(f, &c->rows[r].right, wr, &hr, &dyr);
		box_cell(b, l, 0, y + dy);
		box_cell(b, rl, wl, y + dyr);
		y += h > hr ? h : hr;
	}
	add_piece(f, PP_BOX, y)->box = b;
}

/* A stacked block (the notice's "Nơi nhận" beside its signer): each
 * column on its own. A signer's column (its first line bold at the body
 * size, "TL. BAN THƯỜNG VỤ ...") gets the space to sign where its first
 * empty rows are, before the name. */
static void add_stacked(struct pdf_flow *f, const struct doc_columns *c)
{
	double w[2] = {PDF_TEXT_W * c->left_pct / 100.0, 0};
	w[1] = PDF_TEXT_W - w[0];
	double x[2] = {0, w[0]}, height = 0;
	struct pdf_box *b = box_new(f);
	for (int col = 0; col < 2; col++) {
		size_t n = doc_stack_len(c, col);
#define CELL(r) (col ? &c->rows[(r)].right : &c->rows[(r)].left)
		const struct doc_para *t = n ? CELL(0) : NULL;
		int signer = t && t->size == DOC_SIZE_BODY && t->n_runs && (t->runs[0].style & DS_BOLD);
		double y = 0;
		for (size_t r = 0; r < n;) {
			if (signer && doc_para_empty(CELL(r))) {
				signer = 0; /* once */
				while (r < n && doc_para_empty(CELL(r)))
					r++;
				if (b->n_signs < 2) {
					b->sign_x[b->n_signs] = x[col] + (w[col] - PDF_SIGN_W) / 2;
					b->sign_y[b->n_signs++] = y;
				}
				y += PDF_SIGN_SPACE;
				continue;
			}
			double h, dy;
			PangoLayout *l = cell_layout(f, CELL(r), w[col], &h, &dy);
			box_cell(b, l, x[col], y + dy);
			y += h;
			r++;
		}
#undef CELL
		if (y > height)
			height = y;
	}
	add_piece(f, PP_BOX, height)->box = b;
}

/* Signatures: row by row, except the rows where a signer's column is
 * empty between the title and the name: that gap becomes the room for
 * the signature image and the seal (PDF_SIGN_SPACE), while the other
 * column (the notice's "Nơi nhận") goes on line by line beside it. */
static void add_signatures(struct pdf_flow *f, const struct doc_columns *c)
{
	double w[2] = {PDF_TEXT_W * c->left_pct / 100.0, 0};
	w[1] = PDF_TEXT_W - w[0];
	double x[2] = {0, w[0]};
	size_t n = c->n_rows, gap_from = 0, gap_to = n; /* [gap_from, gap_to) */
	int signer[2] = {0, 0}, signers = 0;
	for (int col = 0; col < 2; col++) {
		/* A signer's column starts with a title at the body size in
		 * bold ("CHỦ TRÌ"), then empty rows up to the name, if there is
		 * one (then perhaps "Nơi nhận"); the notice's "Nơi nhận" column
		 * does not. */
		size_t first = n, lead_end = n, next = n;
		for (size_t r = 0; r < n; r++) {
			const struct doc_para *p = col ? &c->rows[r].right : &c->rows[r].left;
			int empty = doc_para_empty(p);
			if (first == n && !empty)
				first = r;
			else if (first < n && lead_end == n && empty)
				lead_end = r;
			else if (lead_end < n && next == n && !empty)
				next = r;
		}
		const struct doc_para *t =
		    first < n ? (col ? &c->rows[first].right : &c->rows[first].left) : NULL;
		if (!t || t->size != DOC_SIZE_BODY || !t->n_runs || !(t->runs[0].style & DS_BOLD) ||
		    lead_end == n)
			continue;
		size_t to = next; /* the name's row, or the end */
		signer[col] = 1;
		signers++;
		if (lead_end > gap_from)
			gap_from = lead_end;
		if (to < gap_to)
			gap_to = to;
	}
	if (!signers || gap_from >= gap_to)
		gap_from = gap_to = n;
	struct pdf_box *b = box_new(f);
	double y = 0;
	for (size_t r = 0; r < n;) {
		if (r == gap_from) {
			double stack[2] = {0, 0};
			for (size_t g = gap_from; g < gap_to; g++)
				for (int col = 0; col < 2; col++) {
					const struct doc_para *p =
					    col ? &c->rows[g].right : &c->rows[g].left;
					if (doc_para_empty(p))
						continue;
					double h, dy;
					PangoLayout *l = cell_layout(f, p, w[col], &h, &dy);
					box_cell(b, l, x[col], y + stack[col] + dy);
					stack[col] += h;
				}
			double h = PDF_SIGN_SPACE;
			for (int col = 0; col < 2; col++)
				if (stack[col] > h)
					h = stack[col];
			for (int col = 0; col < 2 && b->n_signs < 2; col++)
				if (signer[col]) {
					b->sign_x[b->n_signs] = x[col] + (w[col] - PDF_SIGN_W) / 2;
					b->sign_y[b->n_signs++] = y + (h - PDF_SIGN_SPACE) / 2;
				}
			y += h;
			r = gap_to;
			continue;
		}
		double h, hr, dy, dyr;
		PangoLayout *l = cell_layout(f, &c->rows[r].left, w[0], &h, &dy);
		PangoLayout *rl = cell_layout(f, &c->rows[r].right, w[1], &hr, &dyr);
		box_cell(b, l, x[0], y + dy);
		box_cell(b, rl, x[1], y + dyr);
		y += h > hr ? h : hr;
		r++;
	}
	add_piece(f, PP_BOX, y)->box = b;
}

/* ==== the whole document ==== */

void pdf_flow_build(struct pdf_flow *f, const struct doc *d)
{
	f->owned = g_ptr_array_new_with_free_func(g_object_unref);
	f->boxes = g_ptr_array_new();
	/* section: the first piece of the current document; after: the
	 * space below the block before (docx: 6 pt under a paragraph, none
	 * under a title or a table), which the next block's space above
	 * replaces when larger, as Word and LibreOffice lay out the docx. */
	size_t section = 0;
	int new_section = 0, after_block = 0;
	double after = 0;
	for (size_t i = 0; i < d->n_blocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		size_t start = f->n;
		int first = start == section;
		switch (b->kind) {
		case DB_PAGE_BREAK:
			section = f->n;
			new_section = f->n > 0;
			after_block = 0;
			after = 0;
			continue;
		case DB_PARA: {
			const struct doc_para *p = &b->para;
			double before = p->heading == 1 ? 12 : p->heading ? 6 : after_block ? 6 : 0;
			add_para(f, p, first ? 0 : before > after ? before : after);
			after = p->heading == 1 ? 0 : PARA_AFTER;
			break;
		}
		case DB_TABLE:
			/* What leads into a table stays with its first rows. */
			if (!first)
				f->v[f->n - 1].keep_next = 1;
			add_table(f, &b->table, after);
			after = 0;
			break;
		case DB_COLUMNS:
			/* A block kept whole is the signatures (with "Nơi nhận"),
			 * the other one the header. */
			if (b->cols.stacked) {
				add_stacked(f, &b->cols);
				f->v[start].gap = first ? 0 : after;
			} else if (b->cols.whole) {
				add_signatures(f, &b->cols);
				f->v[start].gap = first ? 0 : after;
			} else {
				add_header(f, &b->cols);
			}
			after = 0;
			break;
		}
		if (new_section && f->n > start) {
			f->v[start].new_section = 1;
			new_section = 0;
		}
		after_block = b->kind == DB_TABLE || b->kind == DB_COLUMNS;
	}
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].head)
			f->v[i].head = &f->v[(uintptr_t)f->v[i].head - 1];
}

static void free_box(gpointer p, gpointer unused)
{
	(void)unused;
	struct pdf_box *b = p;
	g_free(b->cells);
	g_free(b);
}

void pdf_flow_free(struct pdf_flow *f)
{
	if (f->owned)
		g_ptr_array_free(f->owned, TRUE);
	if (f->boxes) {
		g_ptr_array_foreach(f->boxes, free_box, NULL);
		g_ptr_array_free(f->boxes, TRUE);
	}
	g_free(f->v);
	memset(f, 0, sizeof *f);
}
