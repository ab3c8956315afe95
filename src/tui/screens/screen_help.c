/* screen_help.c - the help screen, generated from the keymap chain of the
 * screen it was opened on (keys.h), so it can never disagree with the keys. */
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "listview.h"
#include "screens.h"
#include "text.h"

struct help_line {
	char *keys; /* NULL for a heading */
	char *text;
};

/* A row on screen: a line's keys and a piece of its text, wrapped to
 * the width (Vietnamese explanations run past 80 columns). */
struct help_row {
	const struct help_line *line;
	char *text; /* this row's piece of line->text */
	int first;  /* the line's first row: shows the keys */
};

struct help {
	struct ui *ui;
	struct help_line *lines;
	size_t n;
	struct help_row *rows;
	size_t n_rows;
	int rows_width; /* the width rows were wrapped for, 0 before */
	struct listview lv;
};

enum { HELP_TEXT_X = 22 };

static void free_rows(struct help *h)
{
	for (size_t i = 0; i < h->n_rows; i++)
		free(h->rows[i].text);
	free(h->rows);
	h->rows = NULL;
	h->n_rows = 0;
}

static void add_row(struct help *h, const struct help_line *l, const char *text, size_t len,
		    int first)
{
	h->rows = xreallocarray(h->rows, h->n_rows + 1, sizeof *h->rows);
	h->rows[h->n_rows].line = l;
	h->rows[h->n_rows].text = xstrndup(text, len);
	h->rows[h->n_rows].first = first;
	h->n_rows++;
}

/* Wrap the lines' texts for width columns; the top line stays the line
 * it was. */
static void wrap_rows(struct help *h, int width)
{
	const struct help_line *top =
	    h->lv.top >= 0 && (size_t)h->lv.top < h->n_rows ? h->rows[h->lv.top].line : NULL;
	free_rows(h);
	int cols = width - HELP_TEXT_X > 20 ? width - HELP_TEXT_X : 20;
	int64_t new_top = 0;
	for (size_t i = 0; i < h->n; i++) {
		const struct help_line *l = &h->lines[i];
		if (l == top)
			new_top = (int64_t)h->n_rows;
		if (!l->keys) {
			add_row(h, l, l->text, strlen(l->text), 1);
			continue;
		}
		size_t *starts = NULL, *lens = NULL;
		size_t n = text_wrap(l->text, (size_t)cols, &starts, &lens);
		if (!n)
			add_row(h, l, "", 0, 1);
		for (size_t j = 0; j < n; j++)
			add_row(h, l, l->text + starts[j], lens[j], j == 0);
		free(starts);
		free(lens);
	}
	h->rows_width = width;
	listview_set_count(&h->lv, (int64_t)h->n_rows);
	h->lv.top = h->lv.sel = new_top;
}

static const struct keybind help_binds[] = {KCH('q', ACT_BACK)};
static const enum action help_bar[] = {ACT_BACK};
static const struct keymap keymap_help =
    KEYMAP("help", N_("Help"), help_binds, help_bar, &keymap_generic);

static void add(struct help *h, const char *keys, const char *text)
{
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
	h->lines[h->n].keys = keys ? xstrdup(keys) : NULL;
	h->lines[h->n].text = xstrdup(text);
	h->n++;
}

/* The lines for one keymap chain: each keymap's own actions under its
 * title, nearest first; an action shows once, with all its keys. */
static void add_chain(struct help *h, const struct keymap *chain)
{
	int seen[ACT__COUNT] = {0};
	for (const struct keymap *km = chain; km; km = km->parent) {
		int heading = 0;
		for (size_t i = 0; i < km->n_binds; i++) {
			enum action a = km->binds[i].act;
			if (seen[a] || a == ACT_NONE)
				continue;
			char keys[96];
			keymap_keys_for(chain, a, keys, sizeof keys);
			if (!keys[0])
				continue;
			if (!heading) {
				if (h->n)
					add(h, "", "");
				add(h, NULL, _(km->title));
				heading = 1;
			}
			seen[a] = 1;
			add(h, keys, action_help(a));
		}
	}
}

static void draw_row(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected)
{
	struct help *h = ctx;
	const struct help_row *r = &h->rows[index];
	(void)selected;
	if (!r->line->keys) {
		ui_put(w, y, 1, width - 1, r->text, ui_attr(ST_HEADING));
		return;
	}
	if (r->first)
		ui_put(w, y, 3, HELP_TEXT_X - 4, r->line->keys, ui_attr(ST_LABEL));
	ui_put(w, y, HELP_TEXT_X, width - HELP_TEXT_X, r->text, A_NORMAL);
}

static void help_draw(struct screen *sc, WINDOW *w)
{
	struct help *h = sc->data;
	if (h->rows_width != getmaxx(w))
		wrap_rows(h, getmaxx(w));
	listview_draw(&h->lv, h->ui, w, 0, getmaxy(w), getmaxx(w));
}

static int help_key(struct screen *sc, const struct ui_event *ev)
{
	struct help *h = sc->data;
	/* The help scrolls as a page: the selection is the top line. */
	int height = h->lv.height > 0 ? h->lv.height : 1;
	int64_t max_top = h->lv.n - height > 0 ? h->lv.n - height : 0;
	switch (ev->act) {
	case ACT_UP:
		h->lv.top--;
		break;
	case ACT_DOWN:
		h->lv.top++;
		break;
	case ACT_PAGE_UP:
		h->lv.top -= height;
		break;
	case ACT_PAGE_DOWN:
		h->lv.top += height;
		break;
	case ACT_FIRST:
		h->lv.top = 0;
		break;
	case ACT_LAST:
		h->lv.top = max_top;
		break;
	case ACT_HELP:
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
	if (h->lv.top > max_top)
		h->lv.top = max_top;
	if (h->lv.top < 0)
		h->lv.top = 0;
	h->lv.sel = h->lv.top;
	return UI_REDRAW;
}

static const struct keymap *help_keymap(struct screen *sc)
{
	(void)sc;
	return &keymap_help;
}

static void help_done(struct screen *sc)
{
	struct help *h = sc->data;
	for (size_t i = 0; i < h->n; i++) {
		free(h->lines[i].keys);
		free(h->lines[i].text);
	}
	free(h->lines);
	free_rows(h);
	free(h);
}

static const struct screen_ops help_ops = {
    .name = "help", .keymap = help_keymap, .draw = help_draw, .key = help_key, .done = help_done};

int screen_help_open(struct ui *ui)
{
	struct screen *below = ui_top(ui);
	struct help *h = xcalloc(1, sizeof *h);
	h->ui = ui;
	const struct keymap *chain =
	    below && below->ops->keymap ? below->ops->keymap(below) : &keymap_generic;
	add_chain(h, chain);
	if (chain != &keymap_editor) {
		add(h, "", "");
		add(h, NULL, _(keymap_editor.title));
		add(h, "←/→", _("Move by letter (grapheme)"));
		add(h, "Home/^A End/^E",
		    _("Start/end of the row; pressed again, of the whole text"));
		add(h, "^←/Alt-b ^→/Alt-f", _("A word back/forward"));
		add(h, "Backspace/Del", _("Delete a letter before or after the cursor"));
		add(h, "^W Alt-d", _("Delete the word before/after the cursor"));
		add(h, "^U ^K", _("Delete to the start/end of the whole text"));
		add(h, "Enter", _("Save the field (leaving it with Tab or arrows saves too)"));
		add(h, "^J", _("Line break in a multi-line field"));
		add(h, "Esc", _("Cancel the edit"));
	}
	listview_init(&h->lv, h, NULL, draw_row);
	wrap_rows(h, COLS); /* again at the first draw if the window differs */
	struct screen *sc = ui_push(ui, &help_ops, h);
	screen_set_title(sc, _("Help: %s"), below && below->title ? below->title : "");
	return 0;
}
