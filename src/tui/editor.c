/* editor.c - the grapheme-aware text field (single and multi-line). */
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "text.h"

static const struct keybind editor_binds[] = {
    KCH('\r', ACT_CONFIRM),	 KFN(KEY_ENTER, ACT_CONFIRM),  KCH('\t', ACT_NEXT_FIELD),
    KFN(KEY_BTAB, ACT_PREV_FIELD), KCH(KCTRL('j'), ACT_NEWLINE), KCH(27, ACT_BACK),
};
static const enum action editor_bar[] = {ACT_CONFIRM, ACT_BACK, ACT_NEXT_FIELD};
const struct keymap keymap_editor =
    KEYMAP("editor", N_("Editing a field"), editor_binds, editor_bar, NULL);

void editor_init(struct editor *ed, const char *text, int multiline)
{
	memset(ed, 0, sizeof *ed);
	ed->multiline = multiline;
	ed->width = 40; /* until the first draw */
	editor_set(ed, text);
	ed->changed = 0;
}

void editor_done(struct editor *ed)
{
	strbuf_free(&ed->buf);
}

void editor_set(struct editor *ed, const char *text)
{
	char *nfc = NULL;
	strbuf_reset(&ed->buf);
	if (text && text_nfc(text, &nfc, NULL) == 0 && nfc) {
		strbuf_adds(&ed->buf, nfc);
		free(nfc);
	} else if (text) {
		strbuf_adds(&ed->buf, text);
	}
	if (!ed->buf.buf)
		strbuf_adds(&ed->buf, "");
	ed->cur = ed->buf.len;
	ed->hscroll = ed->top = 0;
	ed->changed = 1;
	ed->selected = 0;
}

const char *editor_text(const struct editor *ed)
{
	return ed->buf.buf ? ed->buf.buf : "";
}

static size_t count_graphemes(const char *s, size_t len, size_t upto)
{
	size_t n = 0;
	for (size_t off = 0; off < upto && off < len; off = text_next_grapheme(s, len, off))
		n++;
	return n;
}

static size_t skip_graphemes(const char *s, size_t len, size_t n)
{
	size_t off = 0;
	while (n-- && off < len)
		off = text_next_grapheme(s, len, off);
	return off;
}

/* Re-normalise to NFC, keeping the cursor after the same number of
 * grapheme clusters (composition never crosses a cluster boundary). */
static void renormalise(struct editor *ed)
{
	size_t g = count_graphemes(ed->buf.buf, ed->buf.len, ed->cur);
	char *nfc = NULL;
	if (text_nfc(ed->buf.buf, &nfc, NULL) < 0 || !nfc)
		return;
	strbuf_reset(&ed->buf);
	strbuf_adds(&ed->buf, nfc);
	free(nfc);
	ed->cur = skip_graphemes(ed->buf.buf, ed->buf.len, g);
}

void editor_insert(struct editor *ed, const char *text)
{
	struct strbuf clean = {0};
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == '\r' || *p == '\n') {
			/* \r\n pasted from Windows is one break. */
			if (*p == '\r' && p[1] == '\n')
				p++;
			strbuf_addc(&clean, ed->multiline ? '\n' : ' ');
		} else if (*p == '\t') {
			strbuf_addc(&clean, ' ');
		} else if (*p < 0x20 || *p == 0x7f) {
			continue; /* control characters never enter a field */
		} else {
			strbuf_addc(&clean, (char)*p);
		}
	}
	if (!clean.len) {
		strbuf_free(&clean);
		return;
	}
	/* Drop C1 controls and invalid bytes: the field keeps only text. */
	if (!text_valid_utf8(clean.buf, clean.len, NULL)) {
		char *vis = text_visible(clean.buf, 1);
		strbuf_reset(&clean);
		strbuf_adds(&clean, vis);
		free(vis);
	}
	struct strbuf nb = {0};
	strbuf_add(&nb, ed->buf.buf, ed->cur);
	strbuf_add(&nb, clean.buf, clean.len);
	strbuf_adds(&nb, ed->buf.buf + ed->cur);
	ed->cur += clean.len;
	strbuf_free(&ed->buf);
	ed->buf = nb;
	strbuf_free(&clean);
	renormalise(ed);
	ed->changed = 1;
}

static void delete_range(struct editor *ed, size_t a, size_t b)
{
	if (b <= a)
		return;
	memmove(ed->buf.buf + a, ed->buf.buf + b, ed->buf.len - b + 1);
	ed->buf.len -= b - a;
	if (ed->cur > b)
		ed->cur -= b - a;
	else if (ed->cur > a)
		ed->cur = a;
	/* What was on either side now meets, and may compose: "E", a line
	 * break deleted, then a lone U+0301 is "É" (found by fuzz_editor). */
	renormalise(ed);
	ed->changed = 1;
}

/* ==== lines of a multi-line field ==== */

struct layout {
	size_t n;
	size_t *starts, *lens;
};

static void layout(struct editor *ed, int width, struct layout *l)
{
	l->n = text_wrap(editor_text(ed), width > 1 ? (size_t)width - 1 : 1, &l->starts, &l->lens);
	if (l->n == 0) {
		free(l->starts);
		free(l->lens);
		l->starts = xcalloc(1, sizeof *l->starts);
		l->lens = xcalloc(1, sizeof *l->lens);
		l->n = 1;
	}
	/* A text ending in a line break has an empty last line. */
	if (ed->buf.len && ed->buf.buf[ed->buf.len - 1] == '\n' &&
	    l->starts[l->n - 1] + l->lens[l->n - 1] < ed->buf.len) {
		l->starts = xreallocarray(l->starts, l->n + 1, sizeof *l->starts);
		l->lens = xreallocarray(l->lens, l->n + 1, sizeof *l->lens);
		l->starts[l->n] = ed->buf.len;
		l->lens[l->n] = 0;
		l->n++;
	}
}

static void layout_free(struct layout *l)
{
	free(l->starts);
	free(l->lens);
}

static size_t line_of(const struct layout *l, size_t cur)
{
	size_t line = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->starts[i] <= cur)
			line = i;
	return line;
}

/* Byte offset of column col in line i (on a grapheme boundary). */
static size_t offset_at_col(const struct editor *ed, const struct layout *l, size_t i, size_t col)
{
	return l->starts[i] + text_fit(ed->buf.buf + l->starts[i], l->lens[i], col, NULL);
}

static size_t col_of(const struct editor *ed, const struct layout *l, size_t i, size_t cur)
{
	size_t end = l->starts[i] + l->lens[i];
	if (cur > end)
		cur = end;
	/* Wrapping skips the spaces a line starts with, so the cursor can sit
	 * before its line's first letter (at 0 in "   text"). */
	if (cur < l->starts[i])
		return 0;
	return text_width_n(ed->buf.buf + l->starts[i], cur - l->starts[i]);
}

static int vertical(struct editor *ed, int dir)
{
	struct layout l;
	layout(ed, ed->width, &l);
	size_t i = line_of(&l, ed->cur);
	int moved = 0;
	if ((dir < 0 && i > 0) || (dir > 0 && i + 1 < l.n)) {
		size_t col = col_of(ed, &l, i, ed->cur);
		ed->cur = offset_at_col(ed, &l, dir < 0 ? i - 1 : i + 1, col);
		moved = 1;
	}
	layout_free(&l);
	return moved;
}

static size_t line_start(struct editor *ed)
{
	if ((!ed->multiline && !ed->wrap) || ed->width <= 0)
		return 0;
	struct layout l;
	layout(ed, ed->width, &l);
	size_t s = l.starts[line_of(&l, ed->cur)];
	layout_free(&l);
	return s;
}

static size_t line_end(struct editor *ed)
{
	if ((!ed->multiline && !ed->wrap) || ed->width <= 0)
		return ed->buf.len;
	struct layout l;
	layout(ed, ed->width, &l);
	size_t i = line_of(&l, ed->cur);
	size_t e = l.starts[i] + l.lens[i];
	layout_free(&l);
	return e;
}

/* Home/^A: to the start of the screen row; pressed again there (a
 * second press), to the start of the whole text. End/^E likewise. */
static size_t home_of(struct editor *ed)
{
	size_t s = line_start(ed);
	return ed->cur == s ? 0 : s;
}

static size_t end_of(struct editor *ed)
{
	size_t e = line_end(ed);
	return ed->cur == e ? ed->buf.len : e;
}

/* Select-all on entry (editor_preselect): a printable key or a paste
 * replaces the whole text, Backspace or Del deletes it (1: the key is
 * used up); any other key keeps it and acts as usual. */
static int drop_selection(struct editor *ed, const struct ui_event *ev)
{
	if (!ed->selected)
		return 0;
	ed->selected = 0;
	int printable =
	    ev->type == UI_EV_PASTE || (!ev->fn && !ev->alt && ev->code >= 0x20 &&
					ev->code != 0x7f && !(ev->code >= 0x80 && ev->code < 0xa0));
	int erase = !ev->alt && ((ev->fn && (ev->code == KEY_BACKSPACE || ev->code == KEY_DC)) ||
				 (!ev->fn && (ev->code == 127 || ev->code == 8)));
	if (!printable && !erase)
		return 0;
	strbuf_reset(&ed->buf);
	strbuf_adds(&ed->buf, "");
	ed->cur = 0;
	ed->hscroll = ed->top = 0;
	ed->changed = 1;
	return erase;
}

void editor_preselect(struct editor *ed)
{
	ed->selected = ed->buf.len > 0;
}

/* Alt with a key (ESC prefix): word motion and deletion. */
static int alt_key(struct editor *ed, const struct ui_event *ev)
{
	const char *s = editor_text(ed);
	size_t len = ed->buf.len;
	if (ev->fn) {
		if (ev->code == KEY_LEFT)
			ed->cur = text_word_prev(s, len, ed->cur);
		else if (ev->code == KEY_RIGHT)
			ed->cur = text_word_next(s, len, ed->cur);
		else if (ev->code == KEY_BACKSPACE)
			delete_range(ed, text_word_prev(s, len, ed->cur), ed->cur);
		else
			return ED_IGNORED;
		return ED_CHANGED;
	}
	switch (ev->code) {
	case 'b':
	case 'B':
		ed->cur = text_word_prev(s, len, ed->cur);
		return ED_CHANGED;
	case 'f':
	case 'F':
		ed->cur = text_word_next(s, len, ed->cur);
		return ED_CHANGED;
	case 'd':
	case 'D':
		delete_range(ed, ed->cur, text_word_next(s, len, ed->cur));
		return ED_CHANGED;
	case 127:
	case 8:
		delete_range(ed, text_word_prev(s, len, ed->cur), ed->cur);
		return ED_CHANGED;
	}
	return ED_IGNORED;
}

/* A curses function key (KEY_*). */
static int fn_key(struct editor *ed, int code)
{
	const char *s = editor_text(ed);
	size_t len = ed->buf.len;
	switch (code) {
	case KEY_LEFT:
		ed->cur = text_prev_grapheme(s, len, ed->cur);
		return ED_CHANGED;
	case KEY_RIGHT:
		ed->cur = text_next_grapheme(s, len, ed->cur);
		return ED_CHANGED;
	case KEY_HOME:
		ed->cur = home_of(ed);
		return ED_CHANGED;
	case KEY_END:
		ed->cur = end_of(ed);
		return ED_CHANGED;
	case BB_KEY_CTRL_LEFT:
		ed->cur = text_word_prev(s, len, ed->cur);
		return ED_CHANGED;
	case BB_KEY_CTRL_RIGHT:
		ed->cur = text_word_next(s, len, ed->cur);
		return ED_CHANGED;
	case KEY_UP:
		if (ed->multiline && vertical(ed, -1))
			return ED_CHANGED;
		return ED_PREV;
	case KEY_DOWN:
		if (ed->multiline && vertical(ed, 1))
			return ED_CHANGED;
		return ED_NEXT;
	case KEY_BACKSPACE:
		delete_range(ed, text_prev_grapheme(s, len, ed->cur), ed->cur);
		return ED_CHANGED;
	case KEY_DC:
		delete_range(ed, ed->cur, text_next_grapheme(s, len, ed->cur));
		return ED_CHANGED;
	case KEY_ENTER:
		return ED_CONFIRM;
	case KEY_BTAB:
		return ED_PREV;
	}
	return ED_IGNORED;
}

int editor_key(struct editor *ed, const struct ui_event *ev)
{
	if (drop_selection(ed, ev))
		return ED_CHANGED;
	const char *s = editor_text(ed);
	size_t len = ed->buf.len;
	if (ev->alt)
		return alt_key(ed, ev);
	if (ev->type == UI_EV_PASTE) {
		editor_insert(ed, ev->text);
		return ED_CHANGED;
	}
	if (ev->fn)
		return fn_key(ed, ev->code);
	switch (ev->code) {
	case '\r':
		return ED_CONFIRM;
	case '\n':
		if (!ed->multiline)
			return ED_CONFIRM;
		editor_insert(ed, "\n");
		return ED_CHANGED;
	case '\t':
		return ED_NEXT;
	case 27:
		return ED_CANCEL;
	case 127:
	case 8:
		delete_range(ed, text_prev_grapheme(s, len, ed->cur), ed->cur);
		return ED_CHANGED;
	case KCTRL('a'):
		ed->cur = home_of(ed);
		return ED_CHANGED;
	case KCTRL('e'):
		ed->cur = end_of(ed);
		return ED_CHANGED;
	case KCTRL('b'):
		ed->cur = text_prev_grapheme(s, len, ed->cur);
		return ED_CHANGED;
	case KCTRL('f'):
		ed->cur = text_next_grapheme(s, len, ed->cur);
		return ED_CHANGED;
	case KCTRL('d'):
		delete_range(ed, ed->cur, text_next_grapheme(s, len, ed->cur));
		return ED_CHANGED;
	case KCTRL('k'):
		delete_range(ed, ed->cur, len); /* to the end of the whole text */
		return ED_CHANGED;
	case KCTRL('u'):
		delete_range(ed, 0, ed->cur); /* to the start of the whole text */
		return ED_CHANGED;
	case KCTRL('w'):
		delete_range(ed, text_word_prev(s, len, ed->cur), ed->cur);
		return ED_CHANGED;
	}
	if (ev->code < 0x20 || ev->code == 0x7f || (ev->code >= 0x80 && ev->code < 0xa0))
		return ED_IGNORED;
	editor_insert(ed, ev->text);
	return ED_CHANGED;
}

int editor_rows(struct editor *ed, int width)
{
	struct layout l;
	layout(ed, width, &l);
	int n = (int)l.n;
	layout_free(&l);
	return n;
}

/* Draw bytes [a, b) of the text at (y, x) within width columns. */
static void put_span(struct editor *ed, WINDOW *w, int y, int x, int width, size_t a, size_t b,
		     attr_t attr)
{
	char *part = xstrndup(ed->buf.buf + a, b - a);
	ui_put_fill(w, y, x, width, part, attr);
	free(part);
}

void editor_draw(struct editor *ed, struct ui *ui, WINDOW *w, int y, int x, int width, int height,
		 int focus)
{
	if (width < 2)
		return;
	attr_t attr = focus ? (ed->selected ? A_REVERSE : A_UNDERLINE) : A_NORMAL;
	if ((!ed->multiline && !ed->wrap) || height <= 1) {
		/* Scroll horizontally so the cursor stays inside the field,
		 * and no further than the text needs: a field that got wider
		 * (a prompt's text moved under its label) shows its start. */
		size_t cur_col = text_width_n(ed->buf.buf, ed->cur);
		int total = (int)text_width_n(ed->buf.buf, ed->buf.len);
		if (ed->hscroll > total - width + 2)
			ed->hscroll = total - width + 2;
		if ((int)cur_col < ed->hscroll)
			ed->hscroll = (int)cur_col;
		if ((int)cur_col >= ed->hscroll + width - 1)
			ed->hscroll = (int)cur_col - width + 2;
		if (ed->hscroll < 0)
			ed->hscroll = 0;
		size_t a = text_fit(ed->buf.buf, ed->buf.len, (size_t)ed->hscroll, NULL);
		size_t shown = text_width_n(ed->buf.buf, a);
		put_span(ed, w, y, x, width, a, ed->buf.len, attr);
		if (focus)
			ui_set_cursor(ui, w, y, x + (int)(cur_col - shown));
		return;
	}
	ed->width = width;
	struct layout l;
	layout(ed, width, &l);
	size_t cl = line_of(&l, ed->cur);
	/* No empty rows below the text while it has lines above them (the
	 * window grew, or the text got shorter). */
	if (ed->top > 0 && ed->top + height > (int)l.n)
		ed->top = (int)l.n > height ? (int)l.n - height : 0;
	if ((int)cl < ed->top)
		ed->top = (int)cl;
	if ((int)cl >= ed->top + height)
		ed->top = (int)cl - height + 1;
	for (int r = 0; r < height; r++) {
		size_t i = (size_t)(ed->top + r);
		if (i < l.n)
			put_span(ed, w, y + r, x, width, l.starts[i], l.starts[i] + l.lens[i],
				 attr);
		else
			ui_put_fill(w, y + r, x, width, "", A_NORMAL);
	}
	if (focus)
		ui_set_cursor(ui, w, y + (int)cl - ed->top, x + (int)col_of(ed, &l, cl, ed->cur));
	layout_free(&l);
}
