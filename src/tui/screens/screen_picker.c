/* screen_picker.c - choose a row from a list narrowed by typing (people
 * for the roll call, clusters for a filter or a move). */
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "listview.h"
#include "screens.h"

struct picker {
	struct ui *ui;
	picker_fetch_fn fetch;
	picker_pick_fn pick;
	void *ctx;
	struct editor query;
	struct listview lv;
	struct picker_row *page;
	size_t n_page;
	int64_t total;
};

static const struct keybind picker_binds[] = {
    KCH('\r', ACT_CHOOSE),	   KFN(KEY_ENTER, ACT_CHOOSE), KCH(27, ACT_BACK),
    KFN(KEY_UP, ACT_UP),	   KFN(KEY_DOWN, ACT_DOWN),  KFN(KEY_PPAGE, ACT_PAGE_UP),
    KFN(KEY_NPAGE, ACT_PAGE_DOWN),
};
static const enum action picker_bar[] = {ACT_CHOOSE, ACT_BACK};
/* No parent: letters go to the type-ahead line. */
const struct keymap keymap_picker = KEYMAP("picker", N_("Choosing from a list (type to narrow it)"),
					   picker_binds, picker_bar, NULL);

static void free_page(struct picker *p)
{
	for (size_t i = 0; i < p->n_page; i++) {
		free(p->page[i].label);
		free(p->page[i].detail);
	}
	free(p->page);
	p->page = NULL;
	p->n_page = 0;
}

static int fetch(void *ctx, int64_t offset, int limit, char **cause)
{
	struct picker *p = ctx;
	free_page(p);
	int64_t total = 0;
	if (limit <= 0)
		limit = 1;
	int rc = p->fetch(p->ui, p->ctx, editor_text(&p->query), offset, limit, &p->page,
			  &p->n_page, &total, cause);
	if (rc == 0 && total != p->total) {
		p->total = total;
		p->lv.n = total;
	}
	return rc;
}

static const struct picker_row *row_at(struct picker *p, int64_t index)
{
	int64_t i = index - p->lv.page_off;
	return i >= 0 && (size_t)i < p->n_page ? &p->page[i] : NULL;
}

static void draw_row(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected)
{
	struct picker *p = ctx;
	const struct picker_row *r = row_at(p, index);
	if (!r)
		return;
	attr_t a = selected ? ui_attr(ST_SELECTED) : A_NORMAL;
	ui_put_fill(w, y, 0, width, "", a);
	int used = ui_put(w, y, 2, width / 2 + 8, r->label, a);
	if (r->detail)
		ui_put(w, y, 2 + used + 2, width - used - 5, r->detail,
		       selected ? a : ui_attr(ST_DIM));
}

/* Count the matches and show the first page. */
static void refilter(struct picker *p)
{
	p->lv.sel = p->lv.top = 0;
	char *cause = NULL;
	p->lv.n = 1; /* fetch sets the real count */
	if (fetch(p, 0, p->lv.height > 0 ? p->lv.height : 10, &cause) < 0) {
		ui_error(p->ui, "%s", cause);
		free(cause);
	}
	listview_set_count(&p->lv, p->total);
}

static void picker_draw(struct screen *sc, WINDOW *w)
{
	struct picker *p = sc->data;
	int width = getmaxx(w), height = getmaxy(w);
	int lw = ui_put(w, 0, 1, width / 2, _("Find:"), ui_attr(ST_LABEL));
	editor_draw(&p->query, p->ui, w, 0, lw + 2, width - lw - 3, 1, 1);
	char *count = xasprintf(_("%lld found"), (long long)p->total);
	ui_put(w, 1, 1, width - 2, count, ui_attr(ST_DIM));
	free(count);
	listview_draw(&p->lv, p->ui, w, 2, height - 2, width);
}

static int picker_key(struct screen *sc, const struct ui_event *ev)
{
	struct picker *p = sc->data;
	if (listview_key(&p->lv, ev->act))
		return UI_REDRAW;
	if (ev->act == ACT_BACK)
		return UI_POP;
	if (ev->act == ACT_CHOOSE) {
		const struct picker_row *r = row_at(p, p->lv.sel);
		if (!r) {
			ui_error(p->ui, "%s", _("Nothing to choose: change the text"));
			return UI_REDRAW;
		}
		char *cause = NULL;
		if (p->pick(p->ui, p->ctx, r->id, editor_text(&p->query), &cause) < 0) {
			ui_error(p->ui, "%s", cause ? cause : "?");
			free(cause);
			return UI_REDRAW;
		}
		return UI_POP | UI_RELOAD_ALL;
	}
	int r = editor_key(&p->query, ev);
	if (r == ED_CHANGED) {
		refilter(p);
		return UI_REDRAW;
	}
	if (r == ED_CANCEL)
		return UI_POP;
	return UI_OK;
}

static int picker_reload(struct screen *sc)
{
	struct picker *p = sc->data;
	p->lv.stale = 1;
	return UI_REDRAW;
}

static const struct keymap *picker_keymap(struct screen *sc)
{
	(void)sc;
	return &keymap_picker;
}

static void picker_done(struct screen *sc)
{
	struct picker *p = sc->data;
	free_page(p);
	editor_done(&p->query);
	free(p->ctx);
	free(p);
}

/* Text typed into the search (a new owner, a name): ^C asks again (3:
 * Enter picks a row here, it saves nothing typed). */
static int picker_typing(struct screen *sc)
{
	struct picker *p = sc->data;
	return *editor_text(&p->query) != '\0' ? 3 : 0;
}

static const struct screen_ops picker_ops = {
    .name = "picker",
    .keymap = picker_keymap,
    .draw = picker_draw,
    .key = picker_key,
    .reload = picker_reload,
    .done = picker_done,
    .typing = picker_typing,
};

int screen_picker_open(struct ui *ui, const char *title, picker_fetch_fn fetch_fn,
		       picker_pick_fn pick, void *ctx)
{
	return screen_picker_open_at(ui, title, fetch_fn, pick, ctx, PICKER_NO_ROW);
}

int screen_picker_open_at(struct ui *ui, const char *title, picker_fetch_fn fetch_fn,
			  picker_pick_fn pick, void *ctx, int64_t select)
{
	struct picker *p = xcalloc(1, sizeof *p);
	p->ui = ui;
	p->fetch = fetch_fn;
	p->pick = pick;
	p->ctx = ctx;
	editor_init(&p->query, "", 0);
	listview_init(&p->lv, p, fetch, draw_row);
	struct screen *sc = ui_push(ui, &picker_ops, p);
	screen_set_title(sc, "%s", title);
	refilter(p);
	for (size_t i = 0; select != PICKER_NO_ROW && i < p->n_page; i++)
		if (p->page[i].id == select)
			p->lv.sel = p->lv.page_off + (int64_t)i;
	return 0;
}

void picker_add_row(struct picker_row **rows, size_t *n, int64_t *total, int64_t offset,
		    int limit, int64_t id, const char *label, const char *detail)
{
	int64_t index = (*total)++;
	if (index < offset || index >= offset + limit)
		return;
	*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
	(*rows)[*n].id = id;
	(*rows)[*n].label = xstrdup(label);
	(*rows)[*n].detail = detail ? xstrdup(detail) : NULL;
	(*n)++;
}
