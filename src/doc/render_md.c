/* render_md.c - Markdown (pandoc's dialect, also fine as CommonMark):
 * headings for the document type and sections, pipe tables for the header,
 * signatures and directives, and every character that Markdown would read
 * as markup escaped, so that pandoc renders exactly the text. */
#include <stdlib.h>
#include <string.h>

#include "render.h"

/* Escape inline text. line_start: s begins a line, where "-", "+", "#",
 * ">", "1." and ":" (pandoc's definition list, even after a blank line)
 * would start a block. */
static void md_escape(struct strbuf *out, const char *s, int line_start)
{
	size_t i = 0, n = strlen(s);
	if (line_start) {
		size_t d = 0;
		while (d < n && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d && d < n && (s[d] == '.' || s[d] == ')')) {
			strbuf_add(out, s, d); /* "1\." is text, not a list */
			strbuf_addc(out, '\\');
			strbuf_addc(out, s[d]);
			i = d + 1;
		} else if (n && strchr("-+=:", s[0])) {
			strbuf_addc(out, '\\');
			strbuf_addc(out, s[0]);
			i = 1;
		}
	}
	for (; i < n; i++) {
		char c = s[i];
		char prev = i ? s[i - 1] : 0, next = s[i + 1];
		if (strchr("\\`*_[]{}<>#|~^$@&\"'!", c)) {
			strbuf_addc(out, '\\');
			strbuf_addc(out, c);
		} else if ((c == '.' || c == '-') && (prev == c || next == c)) {
			/* "..." and "--" would become typographic marks */
			strbuf_addc(out, '\\');
			strbuf_addc(out, c);
		} else if (c == ' ' && (prev == ' ' || next == ' ')) {
			/* kept blanks (for handwriting): no-break spaces */
			strbuf_adds(out, "\xc2\xa0");
		} else {
			strbuf_addc(out, c);
		}
	}
}

/* Runs with their emphasis; spaces at the edges of a styled run go
 * outside the markers, where Markdown wants them. */
static void md_runs(struct strbuf *out, const struct doc_para *p, int line_start, unsigned mask)
{
	for (size_t i = 0; i < p->n_runs; i++) {
		const char *t = p->runs[i].text;
		unsigned st = p->runs[i].style & ~mask;
		size_t n = strlen(t), a = 0, b = n;
		while (a < n && t[a] == ' ')
			a++;
		while (b > a && t[b - 1] == ' ')
			b--;
		const char *mark = (st & DS_BOLD) && (st & DS_ITALIC) ? "***"
				   : (st & DS_BOLD)		      ? "**"
				   : (st & DS_ITALIC)		      ? "*"
								      : "";
		if (a == b) {
			md_escape(out, t, line_start && out->len == 0);
			continue;
		}
		strbuf_add(out, t, a);
		if (st & DS_UNDERLINE)
			strbuf_addc(out, '[');
		strbuf_adds(out, mark);
		char *core = xstrndup(t + a, b - a);
		md_escape(out, core, line_start && i == 0 && !*mark && !(st & DS_UNDERLINE));
		free(core);
		strbuf_adds(out, mark);
		if (st & DS_UNDERLINE)
			strbuf_adds(out, "]{.underline}");
		strbuf_adds(out, t + b);
	}
}

static void md_para(struct strbuf *out, const struct doc_para *p)
{
	struct strbuf line = {0};
	strbuf_adds(&line, "");
	if (p->heading)
		strbuf_adds(out, p->heading == 1 ? "# " : "## ");
	else if (p->bullet)
		strbuf_adds(out, "- ");
	/* a heading is bold already */
	md_runs(&line, p, !p->heading && !p->bullet, p->heading ? DS_BOLD : 0);
	strbuf_adds(out, line.buf);
	strbuf_addc(out, '\n');
	strbuf_free(&line);
}

/* A table cell: inline text only, on one line. */
static void md_cell(struct strbuf *out, const struct doc_para *p)
{
	struct strbuf cell = {0};
	strbuf_adds(&cell, "");
	if (p->bullet)
		strbuf_adds(&cell, "\\- ");
	md_runs(&cell, p, 0, 0);
	strbuf_addc(out, ' ');
	strbuf_adds(out, cell.buf);
	strbuf_adds(out, " |");
	strbuf_free(&cell);
}

/* The delimiter row: dashes in proportion to the widths, which pandoc uses
 * for relative column widths. */
static void md_delims(struct strbuf *out, const int *pct, const enum doc_align *align, size_t n)
{
	strbuf_addc(out, '|');
	for (size_t c = 0; c < n; c++) {
		int dashes = pct[c] / 2 > 3 ? pct[c] / 2 : 3;
		strbuf_addc(out, align[c] == DA_CENTER ? ':' : '-');
		while (dashes--)
			strbuf_addc(out, '-');
		strbuf_addc(out, align[c] == DA_CENTER ? ':' : '-');
		strbuf_addc(out, '|');
	}
	strbuf_addc(out, '\n');
}

static void md_columns(struct strbuf *out, const struct doc_columns *c)
{
	int pct[2] = {c->left_pct, 100 - c->left_pct};
	enum doc_align align[2] = {DA_CENTER, DA_CENTER};
	for (size_t r = 0; r < c->n_rows; r++) {
		strbuf_addc(out, '|');
		md_cell(out, &c->rows[r].left);
		md_cell(out, &c->rows[r].right);
		strbuf_addc(out, '\n');
		if (r == 0)
			md_delims(out, pct, align, 2);
	}
}

static void md_table(struct strbuf *out, const struct doc_table *t)
{
	for (size_t r = 0; r <= t->n_rows; r++) {
		char *const *cells = r ? &t->cells[(r - 1) * t->n_cols] : t->head;
		strbuf_addc(out, '|');
		for (size_t c = 0; c < t->n_cols; c++) {
			strbuf_addc(out, ' ');
			md_escape(out, cells[c] ? cells[c] : "", 0);
			strbuf_adds(out, " |");
		}
		strbuf_addc(out, '\n');
		if (r == 0)
			md_delims(out, t->width_pct, t->align, t->n_cols);
	}
}

static int md_render(const struct doc *d, const struct render_opts *opts, struct strbuf *out,
		     char **cause)
{
	for (size_t i = 0; i < d->n_blocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		int list_goes_on = i && b->kind == DB_PARA && b->para.bullet &&
				   d->blocks[i - 1].kind == DB_PARA && d->blocks[i - 1].para.bullet;
		if (i && !list_goes_on)
			strbuf_addc(out, '\n');
		if (b->kind == DB_PAGE_BREAK) {
			strbuf_adds(out, "* * *\n");
		} else if (b->kind == DB_COLUMNS) {
			md_columns(out, &b->cols);
		} else if (b->kind == DB_TABLE) {
			md_table(out, &b->table);
		} else if (b->para.n_runs) {
			md_para(out, &b->para);
		} else {
			strbuf_adds(out, "\xc2\xa0\n"); /* an empty line kept as one */
		}
	}
	(void)opts;
	(void)cause;
	return 0;
}

const struct renderer render_md = {"md", 0, md_render};
