/* render_txt.c - plain UTF-8 text: wrapped and centred by display width
 * (a letter with combining marks is one column), the header and the
 * signatures side by side. */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "text.h"

/* Lines of one laid-out paragraph or cell. */
struct lines {
	char **v;
	size_t n;
};

static void lines_add(struct lines *l, char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
}

static void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void add_spaces(struct strbuf *sb, size_t n)
{
	while (n--)
		strbuf_addc(sb, ' ');
}

/* Wrap text into wrap (<= cols) columns; each line aligned within cols
 * (centred or left) after an indent (first line: first, others: rest). */
static void layout_text(struct lines *l, const char *text, size_t cols, size_t wrap,
			enum doc_align align, const char *first, const char *rest)
{
	size_t indent = text_width(first);
	size_t avail = wrap > indent + 1 ? wrap - indent : 1;
	size_t *starts, *lens;
	/* Wrapped with the spaces that bind ("quý I/2023") as no-break
	 * spaces, which are printed as spaces again. */
	struct strbuf bound = {0};
	int binds = 0;
	strbuf_adds(&bound, "");
	for (const char *c = text; *c; c++)
		if (doc_space_binds(c))
			strbuf_adds(&bound, "\xc2\xa0"), binds = 1;
		else
			strbuf_addc(&bound, *c);
	size_t n = text_wrap(bound.buf, avail, &starts, &lens);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = {0};
		const char *line = bound.buf + starts[i];
		size_t w = text_width_n(line, lens[i]) + indent;
		if (align == DA_CENTER && w < cols)
			add_spaces(&sb, (cols - w) / 2);
		strbuf_adds(&sb, i ? rest : first);
		for (size_t k = 0; k < lens[i]; k++)
			if (binds && k + 1 < lens[i] && line[k] == '\xc2' && line[k + 1] == '\xa0')
				strbuf_addc(&sb, ' '), k++;
			else
				strbuf_addc(&sb, line[k]);
		lines_add(l, strbuf_detach(&sb));
	}
	strbuf_free(&bound);
	free(starts);
	free(lens);
}

static void layout_para(struct lines *l, const struct doc_para *p, size_t cols, size_t wrap)
{
	if (p->rule > 0) {
		struct strbuf sb = {0};
		size_t w = (size_t)p->rule < cols ? (size_t)p->rule : cols;
		if (p->align == DA_CENTER)
			add_spaces(&sb, (cols - w) / 2);
		while (w--)
			strbuf_addc(&sb, '-');
		lines_add(l, strbuf_detach(&sb));
		return;
	}
	char *text = doc_para_text(p);
	if (!*text)
		lines_add(l, xstrdup(""));
	else if (p->bullet)
		layout_text(l, text, cols, wrap, p->align, "- ", "  ");
	else
		layout_text(l, text, cols, wrap, p->align, "", "");
	free(text);
}

/* Append a line without trailing spaces. */
static void put_line(struct strbuf *out, const char *s, size_t len)
{
	while (len && s[len - 1] == ' ')
		len--;
	strbuf_add(out, s, len);
	strbuf_addc(out, '\n');
}

/* Append s padded with spaces to cols display columns. */
static void put_padded(struct strbuf *sb, const char *s, size_t cols)
{
	size_t w = text_width(s);
	strbuf_adds(sb, s);
	if (w < cols)
		add_spaces(sb, cols - w);
}

/* The widest right-hand paragraph of c set on one line, in columns. */
static size_t right_natural(const struct doc_columns *c)
{
	size_t most = 0;
	for (size_t r = 0; r < c->n_rows; r++) {
		struct lines l = {0};
		layout_para(&l, &c->rows[r].right, 4096, 4096);
		for (size_t i = 0; i < l.n; i++) {
			/* centred or right-aligned in the 4096: the text alone */
			const char *t = l.v[i];
			while (*t == ' ')
				t++;
			size_t w = text_width(t), n = strlen(t);
			while (n && t[n - 1] == ' ') {
				n--;
				w--;
			}
			most = w > most ? w : most;
		}
		lines_free(&l);
	}
	return most;
}

static void render_columns(struct strbuf *out, const struct doc_columns *c, size_t width)
{
	size_t lw = width * (size_t)c->left_pct / 100, rw = width - lw;
	/* A narrow page (--width 60, the preview on a small terminal): the
	 * right column takes what its longest line needs (the dateline, the
	 * motto) from the left, which wraps, while the left keeps 17 columns
	 * (its "Số: 15-BB/TĐTN-VP"): "ngày 14 tháng 4 năm" and "2023" were set
	 * on two lines. */
	size_t need = right_natural(c);
	if (need > rw && width >= need + 17) {
		rw = need;
		lw = width - rw;
	}
	for (size_t r = 0; r < c->n_rows; r++) {
		struct lines left = {0}, right = {0};
		/* The left column wraps one short of its width: a full line
		 * centred in it still leaves a blank before the right one. */
		layout_para(&left, &c->rows[r].left, lw, lw > 1 ? lw - 1 : lw);
		layout_para(&right, &c->rows[r].right, rw, rw);
		size_t n = left.n > right.n ? left.n : right.n;
		for (size_t i = 0; i < n; i++) {
			struct strbuf sb = {0};
			put_padded(&sb, i < left.n ? left.v[i] : "", lw);
			strbuf_adds(&sb, i < right.n ? right.v[i] : "");
			put_line(out, sb.buf, sb.len);
			strbuf_free(&sb);
		}
		lines_free(&left);
		lines_free(&right);
	}
}

static void table_rule(struct strbuf *out, const size_t *w, size_t n)
{
	strbuf_addc(out, '+');
	for (size_t c = 0; c < n; c++) {
		for (size_t i = 0; i < w[c] + 2; i++)
			strbuf_addc(out, '-');
		strbuf_addc(out, '+');
	}
	strbuf_addc(out, '\n');
}

static void table_row(struct strbuf *out, char *const *cells, const size_t *w,
		      const struct doc_table *t)
{
	struct lines l[DOC_TABLE_MAX_COLS] = {{0}};
	size_t height = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		enum doc_align a = t->align[c] == DA_CENTER ? DA_CENTER : DA_LEFT;
		layout_text(&l[c], cells[c] ? cells[c] : "", w[c], w[c], a, "", "");
		if (l[c].n > height)
			height = l[c].n;
	}
	for (size_t i = 0; i < height; i++) {
		struct strbuf sb = {0};
		strbuf_addc(&sb, '|');
		for (size_t c = 0; c < t->n_cols; c++) {
			strbuf_addc(&sb, ' ');
			put_padded(&sb, i < l[c].n ? l[c].v[i] : "", w[c]);
			strbuf_adds(&sb, " |");
		}
		put_line(out, sb.buf, sb.len);
		strbuf_free(&sb);
	}
	for (size_t c = 0; c < t->n_cols; c++)
		lines_free(&l[c]);
}

static void render_table(struct strbuf *out, const struct doc_table *t, size_t width)
{
	size_t w[DOC_TABLE_MAX_COLS], frame = 3 * t->n_cols + 1, used = 0;
	size_t avail = width > frame + 2 * t->n_cols ? width - frame : 2 * t->n_cols;
	for (size_t c = 0; c < t->n_cols; c++) {
		w[c] = avail * (size_t)t->width_pct[c] / 100;
		if (w[c] < 2)
			w[c] = 2;
		used += w[c];
	}
	if (used < avail)
		w[1 < t->n_cols ? 1 : 0] += avail - used;
	table_rule(out, w, t->n_cols);
	table_row(out, t->head, w, t);
	table_rule(out, w, t->n_cols);
	for (size_t r = 0; r < t->n_rows; r++) {
		table_row(out, &t->cells[r * t->n_cols], w, t);
		table_rule(out, w, t->n_cols);
	}
}

static int txt_render(const struct doc *d, const struct render_opts *opts, struct strbuf *out,
		      char **cause)
{
	size_t width = opts && opts->width > 0 ? (size_t)opts->width : 80;
	int at_top = 1;
	for (size_t i = 0; i < d->n_blocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		if (b->kind == DB_PAGE_BREAK) {
			/* A form feed: the printer starts the next meeting on a
			 * new page. */
			strbuf_adds(out, "\f\n");
			at_top = 1;
			continue;
		}
		if (!at_top && !(b->kind == DB_PARA && b->para.tight))
			strbuf_addc(out, '\n');
		at_top = 0;
		if (b->kind == DB_COLUMNS) {
			render_columns(out, &b->cols, width);
		} else if (b->kind == DB_TABLE) {
			render_table(out, &b->table, width);
		} else {
			struct lines l = {0};
			layout_para(&l, &b->para, width, width);
			for (size_t k = 0; k < l.n; k++)
				put_line(out, l.v[k], strlen(l.v[k]));
			lines_free(&l);
		}
	}
	/* The empty rows left for signing need no trailing blank lines. */
	while (out->len > 1 && out->buf[out->len - 1] == '\n' && out->buf[out->len - 2] == '\n')
		out->buf[--out->len] = '\0';
	(void)cause;
	return 0;
}

const struct renderer render_txt = {"txt", 0, txt_render};
