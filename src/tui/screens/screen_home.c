/* screen_home.c - the home screen: every meeting, newest first, paged from
 * the store, with cluster and period filters. */
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "home_snapshot.h"
#include "interchange.h"
#include "listview.h"
#include "screens.h"
#include "store_edit.h"
#include "text.h"

struct home {
	struct ui *ui;
	struct meeting_filter filter;
	struct listview lv;
	struct meeting_row *page; /* the visible page only */
	size_t n_page;
	int64_t sel_id; /* the selection, found again by id after a reload */
	int64_t want_id; /* a meeting just created: selected at the next reload */
	int stale;	/* not loaded since a reload while hidden (see reload) */
	int loaded;	/* read once: before, the frame shows an empty list */
	/* The list as the last run left it (home_snapshot.h), drawn until
	 * the store is open and read. */
	struct home_snapshot snap;
};

static const struct keybind home_binds[] = {
    KCH('\r', ACT_OPEN),       KCH('c', ACT_FILTER_CLUSTER), KCH('p', ACT_FILTER_PERIOD),
    KCH('a', ACT_NEW_MEETING), KFN(KEY_IC, ACT_NEW_MEETING), KCH('d', ACT_DELETE),
    KFN(KEY_DC, ACT_DELETE),   KCH('C', ACT_CLUSTERS),	     KCH('D', ACT_LOAD_DEMO),
    KCH('q', ACT_QUIT),
};
static const enum action home_bar[] = {ACT_OPEN,	  ACT_NEW_MEETING, ACT_FILTER_CLUSTER,
				       ACT_FILTER_PERIOD, ACT_CLUSTERS,	   ACT_SEARCH,
				       ACT_DIRECTIVES,	  ACT_SETTINGS};
const struct keymap keymap_home =
    KEYMAP("home", N_("Meetings (home)"), home_binds, home_bar, &keymap_generic);

static void free_page(struct home *h)
{
	for (size_t i = 0; i < h->n_page; i++)
		meeting_row_free(&h->page[i]);
	free(h->page);
	h->page = NULL;
	h->n_page = 0;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Rows [offset, offset + limit) of the snapshot, as far as it has them. */
static void fetch_snapshot(struct home *h, int64_t offset, int limit)
{
	const struct home_snapshot *sn = &h->snap;
	if (offset < 0 || (uint64_t)offset >= sn->n)
		return;
	size_t n = sn->n - (size_t)offset < (size_t)limit ? sn->n - (size_t)offset : (size_t)limit;
	h->page = xcalloc(n, sizeof *h->page);
	for (size_t i = 0; i < n; i++) {
		const struct meeting_row *r = &sn->rows[(size_t)offset + i];
		h->page[i] = (struct meeting_row){.id = r->id,
						  .title = dup_or_null(r->title),
						  .cluster = r->cluster,
						  .period = dup_or_null(r->period),
						  .starts_at = dup_or_null(r->starts_at),
						  .status = r->status};
	}
	h->n_page = n;
}

static int fetch(void *ctx, int64_t offset, int limit, char **cause)
{
	struct home *h = ctx;
	free_page(h);
	if (limit <= 0)
		return 0;
	if (!ui_store(h->ui)) {
		fetch_snapshot(h, offset, limit);
		return 0;
	}
	return store_meetings_page(ui_store(h->ui), &h->filter, offset, limit, &h->page, &h->n_page,
				   cause);
}

static const struct meeting_row *row_at(struct home *h, int64_t index)
{
	int64_t i = index - h->lv.page_off;
	return i >= 0 && (size_t)i < h->n_page ? &h->page[i] : NULL;
}

static enum ui_style status_style(enum meeting_status s)
{
	static const enum ui_style st[] = {ST_STATUS_DRAFT, ST_STATUS_LIVE, ST_STATUS_CLOSED,
					   ST_STATUS_APPROVED};
	return (unsigned)s < BB_ARRAY_LEN(st) ? st[s] : ST_NORMAL;
}

/* Column layout: id, start, cluster, period, status, then the title. The
 * id column is as wide as the largest id on the page, plus a space, and at
 * least W_ID: ids of five digits and more never touch the start. */
enum { W_ID = 5, W_TIME = 17, W_DATE = 11, W_CLUSTER = 8, W_PERIOD = 9, W_STATUS = 12 };

static int id_width(const struct home *h)
{
	int64_t max = 0;
	for (size_t i = 0; i < h->n_page; i++)
		if (h->page[i].id > max)
			max = h->page[i].id;
	int digits = 1;
	while (max >= 10) {
		max /= 10;
		digits++;
	}
	return digits + 1 > W_ID ? digits + 1 : W_ID;
}

static void draw_row(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected)
{
	struct home *h = ctx;
	const struct meeting_row *r = row_at(h, index);
	if (!r)
		return;
	attr_t base = selected ? ui_attr(ST_SELECTED) : A_NORMAL;
	ui_put_fill(w, y, 0, width, "", base);
	char buf[64], tm[32];
	int x = 0;
	int wid = id_width(h);
	snprintf(buf, sizeof buf, "%*lld", wid - 1, (long long)r->id);
	ui_put(w, y, x, wid - 1, buf, base);
	x += wid;
	/* Below 100 columns the start shows its date only: the room goes to
	 * the title. */
	int wtime = width < 100 ? W_DATE : W_TIME;
	ui_time(r->starts_at, tm, sizeof tm);
	if (wtime == W_DATE && strlen(tm) > 10)
		tm[10] = '\0';
	ui_put(w, y, x, wtime, tm, base);
	x += wtime;
	if (r->cluster)
		snprintf(buf, sizeof buf, "%5d", r->cluster);
	else
		buf[0] = '\0';
	ui_put(w, y, x, W_CLUSTER - 1, buf, base);
	x += W_CLUSTER;
	/* One column free after the widest period, "III/2023". */
	ui_put(w, y, x, W_PERIOD - 1, r->period ? r->period : "", base);
	x += W_PERIOD;
	/* Padded in its own colour: spaces that are not plain blanks are
	 * painted as spaces, where blanks cost ncurses a cursor move (a fifth
	 * of the first paint of 22 rows). */
	ui_put_fill(w, y, x, W_STATUS, ui_status_name(r->status),
		    selected ? base : ui_attr(status_style(r->status)));
	x += W_STATUS;
	/* Titles of one conference share a long start; keep their ends. */
	ui_put_middle(w, y, x, width - x, r->title, base);
}

static void remember_selection(struct home *h)
{
	const struct meeting_row *r = row_at(h, h->lv.sel);
	h->sel_id = r ? r->id : 0;
}

/* Under another screen the list is not read, only marked stale, and read
 * when the screen is on top again (tick): `bienban live` opens the home
 * screen under the live screen, and on a store of 10,000 meetings its
 * count and first page took 5 ms of every start-up, and again after each
 * change another process made. */
static int home_reload(struct screen *sc)
{
	struct home *h = sc->data;
	if (ui_top(h->ui) != sc) {
		h->stale = 1;
		return UI_OK;
	}
	h->stale = 0;
	h->loaded = 1;
	home_snapshot_free(&h->snap);
	int64_t n = 0;
	char *cause = NULL;
	remember_selection(h);
	if (h->want_id) {
		h->sel_id = h->want_id;
		h->want_id = 0;
	}
	if (store_meetings_count(ui_store(h->ui), &h->filter, &n, &cause) < 0) {
		ui_error(h->ui, _("Cannot read the meetings: %s"), cause);
		free(cause);
	}
	listview_set_count(&h->lv, n);
	/* Keep the selected meeting if it is still on the visible page. */
	if (h->sel_id) {
		int64_t top = h->lv.top;
		int limit = h->lv.height > 0 ? h->lv.height : 1;
		if (fetch(h, top, (int)(n - top < limit ? n - top : limit), NULL) == 0) {
			h->lv.page_off = top;
			h->lv.page_len = (int)h->n_page;
			h->lv.stale = 0;
			for (size_t i = 0; i < h->n_page; i++)
				if (h->page[i].id == h->sel_id)
					listview_select(&h->lv, top + (int64_t)i);
		}
	}
	return UI_REDRAW;
}

static void home_draw(struct screen *sc, WINDOW *w)
{
	struct home *h = sc->data;
	/* The frame drawn before the store is opened (tui_run): the title
	 * and the key line, the list area empty until the first tick. */
	if (!h->loaded)
		return;
	int width = getmaxx(w), height = getmaxy(w);
	struct strbuf f = {0};
	filter_describe(&f, h->filter.cluster, h->filter.quarter, h->filter.year);
	screen_set_title(sc, "%s", _("Meetings"));
	char *line = f.len ? xasprintf(ngettext("%s: %lld meeting", "%s: %lld meetings",
						(unsigned long)h->lv.n),
				       f.buf, (long long)h->lv.n)
			   : xasprintf(_("All meetings: %lld"), (long long)h->lv.n);
	ui_put(w, 0, 1, width - 2, line, ui_attr(ST_HEADING));
	free(line);
	strbuf_free(&f);
	if (h->lv.n == 0) {
		int y = 2;
		if (h->filter.cluster || h->filter.year) {
			ui_put(w, y, 2, width - 4,
			       _("No meeting matches the filter. Press c or p to change it."),
			       A_NORMAL);
			return;
		}
		ui_put(w, y++, 2, width - 4, _("There is no meeting in this store yet."), A_BOLD);
		y++;
		ui_put(w, y++, 2, width - 4, _("Press a to create a meeting,"), A_NORMAL);
		ui_put(w, y++, 2, width - 4,
		       _("or D to load the demo conference (quarter I/2023, four clusters),"),
		       A_NORMAL);
		ui_put(w, y++, 2, width - 4,
		       _("or leave (q) and run: bienban import FILE  /  bienban demo"), A_NORMAL);
		return;
	}
	/* The rows first: they read the page that sizes the id column. */
	listview_draw(&h->lv, h->ui, w, 2, height - 2, width);
	int x = 0;
	attr_t hd = ui_attr(ST_DIM);
	int wid = id_width(h);
	ui_put(w, 1, x + wid - 2, 1, "#", hd);
	x += wid;
	int wtime = width < 100 ? W_DATE : W_TIME;
	ui_put(w, 1, x, wtime - 1, _("Starts"), hd);
	x += wtime;
	ui_put(w, 1, x, W_CLUSTER - 1, _("Cluster"), hd);
	x += W_CLUSTER;
	ui_put(w, 1, x, W_PERIOD - 1, _("Period"), hd);
	x += W_PERIOD;
	ui_put(w, 1, x, W_STATUS - 1, _("Status"), hd);
	x += W_STATUS;
	ui_put(w, 1, x, width - x, _("Title"), hd);
}

/* ==== filters ==== */

static int cluster_pick(struct ui *ui, void *ctx, int64_t id, const char *query, char **cause)
{
	struct home *h = *(struct home **)ctx;
	h->filter.cluster = (int)id;
	h->lv.sel = h->lv.top = 0;
	h->sel_id = 0;
	(void)ui;
	(void)query;
	(void)cause;
	return 0;
}

static int period_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct home *h = sc->data;
	if (filter_period_parse(text, &h->filter.quarter, &h->filter.year, cause) < 0)
		return -1;
	h->lv.sel = h->lv.top = 0;
	h->sel_id = 0;
	(void)ctx;
	return UI_RELOAD;
}

/* ==== creating ==== */

static int new_meeting_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct home *h = sc->data;
	char *t = xstrdup(text);
	text_trim(t);
	if (!*t) {
		free(t);
		set_cause(cause, "%s", _("A meeting needs a title"));
		return -1;
	}
	int64_t id;
	char *err = NULL;
	int rc = store_meeting_create(ui_store(h->ui), t, NULL, h->filter.cluster, NULL, &id, &err);
	free(t);
	if (rc < 0) {
		set_cause(cause, _("Cannot create the meeting: %s"), err);
		free(err);
		return -1;
	}
	/* Selected when the list is read again (back from the meeting): d
	 * then means this draft, not the row the cursor was on. */
	h->want_id = id;
	screen_meeting_open(h->ui, id, "overview", MR_NONE, 0);
	ui_info(h->ui, _("Meeting %lld created as a draft"), (long long)id);
	screen_followup_offer(h->ui, id);
	(void)ctx;
	return UI_RELOAD_ALL;
}

static int load_demo(struct home *h)
{
	const struct embedded_file *f = embedded_find("demo.json");
	struct interchange doc;
	char *cause = NULL;
	struct strbuf warnings = {0};
	int rc = interchange_parse(f->data, f->len, &doc, &warnings, &cause);
	strbuf_free(&warnings);
	if (rc == 0) {
		int64_t *ids;
		size_t n;
		rc = interchange_import(ui_store(h->ui), &doc, &ids, &n, &cause);
		interchange_free(&doc);
		if (rc == 0) {
			ui_info(h->ui,
				ngettext("Demo conference loaded: %zu meeting",
					 "Demo conference loaded: %zu meetings", n),
				n);
			free(ids);
			return UI_RELOAD_ALL;
		}
	}
	ui_error(h->ui, _("Cannot load the demo: %s"), cause);
	free(cause);
	return UI_REDRAW;
}

static int delete_yes(struct screen *sc, void *ctx)
{
	struct home *h = sc->data;
	int64_t id = *(int64_t *)ctx;
	char *cause = NULL;
	if (store_meeting_delete(ui_store(h->ui), id, &cause) < 0) {
		ui_error(h->ui, _("Cannot delete: %s"), cause);
		free(cause);
		return UI_REDRAW;
	}
	ui_info(h->ui, _("Meeting %lld deleted"), (long long)id);
	return UI_RELOAD;
}

static int home_key(struct screen *sc, const struct ui_event *ev)
{
	struct home *h = sc->data;
	if (listview_key(&h->lv, ev->act))
		return UI_REDRAW;
	const struct meeting_row *r = row_at(h, h->lv.sel);
	switch (ev->act) {
	case ACT_OPEN:
		if (r) {
			h->sel_id = r->id;
			screen_meeting_open(h->ui, r->id, NULL, MR_NONE, 0);
		}
		return UI_REDRAW;
	case ACT_FILTER_CLUSTER: {
		struct home **ctx = xmalloc(sizeof *ctx);
		*ctx = h;
		screen_picker_open(h->ui, _("Show the meetings of cluster"), filter_cluster_fetch,
				   cluster_pick, ctx);
		return UI_OK;
	}
	case ACT_FILTER_PERIOD: {
		char buf[32];
		filter_period_text(buf, sizeof buf, h->filter.quarter, h->filter.year);
		ui_prompt(h->ui, _("Period (I/2023, 2023, empty for all):"), buf, period_done,
			  NULL);
		return UI_OK;
	}
	case ACT_NEW_MEETING:
		ui_prompt(h->ui, _("Title of the new meeting:"), "", new_meeting_done, NULL);
		return UI_OK;
	case ACT_LOAD_DEMO:
		if (h->lv.n > 0 || h->filter.cluster || h->filter.year) {
			ui_error(h->ui, "%s",
				 _("The demo is loaded only into an empty store (bienban demo)"));
			return UI_REDRAW;
		}
		return load_demo(h);
	case ACT_DELETE: {
		if (!r)
			return UI_OK;
		if (r->status != MS_DRAFT) {
			ui_error(h->ui, "%s", _("Only a draft meeting can be deleted"));
			return UI_REDRAW;
		}
		int64_t *id = xmalloc(sizeof *id);
		*id = r->id;
		char *q = xasprintf(_("Delete the draft meeting %lld?"), (long long)r->id);
		ui_confirm(h->ui, q, delete_yes, id);
		free(q);
		return UI_OK;
	}
	default:
		return UI_UNHANDLED;
	}
}

static const struct keymap *home_keymap(struct screen *sc)
{
	(void)sc;
	return &keymap_home;
}

/* Read the list left stale while hidden, before this turn's draw. */
static int home_tick(struct screen *sc, long long now_ms)
{
	struct home *h = sc->data;
	(void)now_ms;
	if (h->stale && ui_top(h->ui) == sc)
		return home_reload(sc);
	return UI_OK;
}

static void home_done(struct screen *sc)
{
	struct home *h = sc->data;
	free_page(h);
	home_snapshot_free(&h->snap);
	free(h);
}

static const struct screen_ops home_ops = {
    .name = "home",
    .keymap = home_keymap,
    .draw = home_draw,
    .key = home_key,
    .reload = home_reload,
    .tick = home_tick,
    .done = home_done,
};

int screen_home_open(struct ui *ui)
{
	struct home *h = xcalloc(1, sizeof *h);
	h->ui = ui;
	listview_init(&h->lv, h, fetch, draw_row);
	struct screen *sc = ui_push(ui, &home_ops, h);
	screen_set_title(sc, "%s", _("Meetings"));
	/* Read on the first turn of the loop, if still on top then. Until
	 * then (the store not open yet) the list the last run left, if the
	 * store is as it was then: drawn with the frame. */
	h->stale = 1;
	if (!ui_store(ui) && ui_store_path(ui) &&
	    home_snapshot_read(ui_store_path(ui), LINES > 0 ? (size_t)LINES : 0, &h->snap)) {
		h->loaded = 1;
		listview_set_count(&h->lv, h->snap.count);
	}
	return 0;
}
