/* screen_directives.c - directives across meetings (O from anywhere):
 * owner, due date, status, overdue ones marked; open only or all, one
 * unit only; s changes the status, Enter opens the meeting that set it. */
#include <stdlib.h>
#include <string.h>

#include "listview.h"
#include "screens.h"
#include "store_review.h"
#include "text.h"

struct dirs {
	struct ui *ui;
	struct directive_filter filter;
	char *unit; /* the filter's text, owned */
	struct listview lv;
	struct directive_row *page;
	size_t n_page;
	int w_meeting; /* the meeting column's width for this page */
	/* The directives whose status s changed here (filter.kept_*): they
	 * stay in their rows until the filter changes. */
	struct strbuf kept_open, kept_closed;
	long long closed_here; /* of kept_open, those not open now */
};

/* A filter changed: the list is sorted afresh, nothing kept. */
static void forget_kept(struct dirs *d)
{
	strbuf_free(&d->kept_open);
	strbuf_free(&d->kept_closed);
	d->filter.kept_open = d->filter.kept_closed = NULL;
	d->closed_here = 0;
}

/* Keep a directive in its row from now on (see struct dirs). */
static void keep(struct dirs *d, const struct directive_row *r)
{
	char id[32];
	snprintf(id, sizeof id, ",%lld,", (long long)r->id);
	const char *kept[] = {d->kept_open.buf, d->kept_closed.buf};
	for (int i = 0; i < 2; i++)
		if (kept[i] && strstr(kept[i], id))
			return;
	struct strbuf *sb = r->status == TS_OPEN ? &d->kept_open : &d->kept_closed;
	strbuf_adds(sb, sb->len ? id + 1 : id);
	d->filter.kept_open = d->kept_open.buf;
	d->filter.kept_closed = d->kept_closed.buf;
}

static const struct keybind dirs_binds[] = {
    KCH('\r', ACT_OPEN),       KFN(KEY_ENTER, ACT_OPEN),  KCH('s', ACT_STATUS),
    KCH('o', ACT_TOGGLE_OPEN), KCH('u', ACT_FILTER_UNIT),
};
static const enum action dirs_bar[] = {ACT_OPEN, ACT_STATUS, ACT_TOGGLE_OPEN, ACT_FILTER_UNIT,
				       ACT_BACK};
const struct keymap keymap_directives =
    KEYMAP("directives", N_("Directives across meetings"), dirs_binds, dirs_bar, &keymap_generic);

static void free_page(struct dirs *d)
{
	for (size_t i = 0; i < d->n_page; i++)
		directive_row_free(&d->page[i]);
	free(d->page);
	d->page = NULL;
	d->n_page = 0;
}

/* The meeting column names it as the home screen does, by cluster and
 * period ("3 · III/2023"), which a reviewer knows it by; a meeting of no
 * cluster by its period alone, else its number. As wide as the page's
 * widest and the heading, at most W_MEETING. */
enum { W_DUE = 12, W_STATUS = 11, W_MEETING = 16, W_OWNER = 24 };

static void meeting_label(const struct directive_row *r, char *buf, size_t size)
{
	if (r->cluster > 0 && r->period && *r->period)
		snprintf(buf, size, "%d · %s", r->cluster, r->period);
	else if (r->period && *r->period)
		snprintf(buf, size, "%s", r->period);
	else
		snprintf(buf, size, "#%lld", (long long)r->meeting_id);
}

static int meeting_width(const struct dirs *d)
{
	size_t w = text_width(_("Cluster, period"));
	char buf[32];
	for (size_t i = 0; i < d->n_page; i++) {
		meeting_label(&d->page[i], buf, sizeof buf);
		size_t k = text_width(buf);
		w = k > w ? k : w;
	}
	return w + 1 < W_MEETING ? (int)w + 1 : W_MEETING;
}

static int fetch(void *ctx, int64_t offset, int limit, char **cause)
{
	struct dirs *d = ctx;
	free_page(d);
	d->w_meeting = meeting_width(d);
	if (limit <= 0)
		return 0;
	int r = store_directives_page(ui_store(d->ui), &d->filter, offset, limit, &d->page,
				      &d->n_page, cause);
	d->w_meeting = meeting_width(d);
	return r;
}

static const struct directive_row *row_at(struct dirs *d, int64_t index)
{
	int64_t i = index - d->lv.page_off;
	return i >= 0 && (size_t)i < d->n_page ? &d->page[i] : NULL;
}

static void draw_row(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected)
{
	struct dirs *d = ctx;
	const struct directive_row *r = row_at(d, index);
	if (!r)
		return;
	attr_t base = selected ? ui_attr(ST_SELECTED) : A_NORMAL;
	ui_put_fill(w, y, 0, width, "", base);
	char tm[32], buf[32];
	int x = 1;
	ui_put(w, y, x, W_DUE - 1, r->due ? ui_time(r->due, tm, sizeof tm) : "-", base);
	x += W_DUE;
	attr_t st = selected		   ? base
		    : r->overdue	   ? ui_attr(ST_ERROR)
		    : r->status == TS_OPEN ? ui_attr(ST_STATUS_LIVE)
					   : ui_attr(ST_DIM);
	ui_put(w, y, x, W_STATUS - 1, r->overdue ? _("overdue") : ui_task_status_name(r->status),
	       st);
	x += W_STATUS;
	int wm = d->w_meeting;
	meeting_label(r, buf, sizeof buf);
	ui_put(w, y, x, wm - 1, buf, selected ? base : ui_attr(ST_DIM));
	x += wm;
	int wo = width - x > 50 ? W_OWNER : (width - x) / 3;
	ui_put(w, y, x, wo - 1, r->owner ? r->owner : "-", base);
	x += wo;
	ui_put(w, y, x, width - x, r->text, base);
}

enum { DETAIL_ROWS = 5 };

/* The selected directive at rows y.. y+rows-1 (DETAIL_ROWS at least): a
 * rule, the meeting (date and title), the due date and owner, the text on
 * the rows left (cut with an ellipsis after that). The meeting's date
 * first: the title is cut, the date never. */
static void draw_detail(struct dirs *d, WINDOW *w, int y, int rows, int width)
{
	const struct directive_row *r = row_at(d, d->lv.sel);
	mvwhline(w, y, 0, ACS_HLINE, width);
	if (!r)
		return;
	/* The text on the last two rows first: ui_put_detail draws its rule
	 * on the row above them, which the owner's line then covers. */
	ui_put_detail(w, y + 3, rows - 3, width, r->text, ui_attr(ST_HEADING));
	char tm[32], *line;
	line = xasprintf("%s · %s",
			 r->meeting_starts ? ui_time(r->meeting_starts, tm, sizeof tm) : "-",
			 r->meeting_title ? r->meeting_title : "");
	ui_put(w, y + 1, 1, width - 2, line, ui_attr(ST_DIM));
	free(line);
	/* The date first: a long owner is cut, the date never. */
	if (r->due)
		line = xasprintf(_("Due %s · owner: %s"), ui_time(r->due, tm, sizeof tm),
				 r->owner ? r->owner : "-");
	else
		line = xasprintf(_("No due date · owner: %s"), r->owner ? r->owner : "-");
	ui_put_fill(w, y + 2, 0, width, "", A_NORMAL);
	ui_put(w, y + 2, 1, width - 2, line, A_NORMAL);
	free(line);
}

static int directives_reload(struct screen *sc)
{
	struct dirs *d = sc->data;
	int64_t n = 0;
	char *cause = NULL;
	if (store_directives_count(ui_store(d->ui), &d->filter, &n, &cause) < 0) {
		ui_error(d->ui, _("Cannot read the directives: %s"), cause);
		free(cause);
	}
	/* The selection stays where it was: a status change keeps the row in
	 * place (filter.kept_*). */
	listview_set_count(&d->lv, n);
	return UI_REDRAW;
}

static void directives_draw(struct screen *sc, WINDOW *w)
{
	struct dirs *d = sc->data;
	int width = getmaxx(w), height = getmaxy(w);
	screen_set_title(sc, "%s", _("Directives"));
	char *line;
	/* The open ones: not those kept in their rows once closed here. */
	long long shown = d->lv.n - (d->filter.open_only ? d->closed_here : 0);
	if (d->unit)
		line = xasprintf(d->filter.open_only ? _("Open directives of “%s”: %lld")
						     : _("All directives of “%s”: %lld"),
				 d->unit, shown);
	else
		line = xasprintf(d->filter.open_only ? _("Open directives: %lld")
						     : _("All directives: %lld"),
				 shown);
	ui_put(w, 0, 1, width - 2, line, ui_attr(ST_HEADING));
	free(line);
	if (d->lv.n == 0) {
		ui_put(w, 2, 2, width - 4, _("No directive here. o shows all, u another unit."),
		       A_NORMAL);
		return;
	}
	/* Below the list, the selected directive whole: its meeting, owner and
	 * text, which the row cuts (a reviewer reads it without opening the
	 * meeting). Left out when the window is lower than the smallest terminal
	 * bienban runs in gives it (13 rows: the list keeps 6). */
	int detail = height >= 13 ? DETAIL_ROWS : 0;
	/* Rows the list does not fill go to the text (up to three more). */
	int spare = height - 2 - detail - (int)d->lv.n;
	if (detail && spare > 0)
		detail += spare < 3 ? spare : 3;
	listview_draw(&d->lv, d->ui, w, 2, height - 2 - detail, width);
	/* The headings after the rows: the list's fetch sets the meeting
	 * column's width for the page it shows. */
	attr_t hd = ui_attr(ST_DIM);
	int x = 1;
	ui_put(w, 1, x, W_DUE - 1, _("Due"), hd);
	x += W_DUE;
	ui_put(w, 1, x, W_STATUS - 1, _("Status"), hd);
	x += W_STATUS;
	int wm = d->w_meeting ? d->w_meeting : meeting_width(d);
	ui_put(w, 1, x, wm - 1, _("Cluster, period"), hd);
	x += wm;
	int wo = width - x > 50 ? W_OWNER : (width - x) / 3;
	ui_put(w, 1, x, wo - 1, _("Owner"), hd);
	x += wo;
	ui_put(w, 1, x, width - x, _("Directive"), hd);
	if (detail)
		draw_detail(d, w, height - detail, detail, width);
}

static int unit_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct dirs *d = sc->data;
	char *t = text_trim(xstrdup(text));
	free(d->unit);
	d->unit = *t ? t : NULL;
	if (!*t)
		free(t);
	d->filter.unit = d->unit;
	forget_kept(d);
	d->lv.sel = d->lv.top = 0;
	(void)ctx;
	(void)cause;
	return UI_RELOAD;
}

static int directives_key(struct screen *sc, const struct ui_event *ev)
{
	struct dirs *d = sc->data;
	if (listview_key(&d->lv, ev->act))
		return UI_REDRAW;
	const struct directive_row *r = row_at(d, d->lv.sel);
	switch (ev->act) {
	case ACT_OPEN:
		if (r) {
			screen_meeting_open(d->ui, r->meeting_id, "conclusions", MR_DIRECTIVE,
					    r->id);
		}
		return UI_REDRAW;
	case ACT_STATUS: {
		if (!r)
			return UI_OK;
		enum task_status next = (enum task_status)((r->status + 1) % TS__COUNT);
		char *cause = NULL;
		/* It stays in its row, so that s again changes the same one. */
		keep(d, r);
		enum task_status was = r->status;
		/* No meeting to record it in: the directive's own meeting logs
		 * it (refused there once approved). */
		if (store_directive_set_status(ui_store(d->ui), r->id, next, 0, &cause) < 0) {
			enum meeting_status ms = MS_DRAFT;
			char *why = NULL;
			/* Approved minutes stay as signed: where its follow-up goes. */
			store_meeting_writable(ui_store(d->ui), r->meeting_id, &ms, &why);
			if (ms == MS_APPROVED)
				ui_error(d->ui,
					 _("Directive %lld is of approved minutes (meeting %lld): record "
					   "what became of it in the cluster's next meeting, F there"),
					 (long long)r->id, (long long)r->meeting_id);
			else
				ui_error(d->ui, _("Cannot change the status: %s"), cause);
			free(why);
			free(cause);
			return UI_REDRAW;
		}
		d->closed_here += (was == TS_OPEN) - (next == TS_OPEN);
		/* Seen under one unit's filter, a directive to every unit of the
		 * cluster: its status is theirs all. */
		if (d->unit && str_eq(r->owner, OWNER_ALL_UNITS))
			ui_info(d->ui, _("Directive %lld, given to every unit of the cluster: %s"),
				(long long)r->id, ui_task_status_name(next));
		else
			ui_info(d->ui, _("Directive %lld: %s"), (long long)r->id,
				ui_task_status_name(next));
		return UI_RELOAD_ALL;
	}
	case ACT_TOGGLE_OPEN:
		forget_kept(d);
		d->filter.open_only = !d->filter.open_only;
		d->lv.sel = d->lv.top = 0;
		return UI_RELOAD;
	case ACT_FILTER_UNIT:
		ui_prompt(d->ui, _("Unit (words of its name, empty for all):"),
			  d->unit ? d->unit : "", unit_done, NULL);
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

static const struct keymap *directives_keymap(struct screen *sc)
{
	(void)sc;
	return &keymap_directives;
}

static void directives_done(struct screen *sc)
{
	struct dirs *d = sc->data;
	free_page(d);
	free(d->unit);
	forget_kept(d);
	free(d);
}

static const struct screen_ops dirs_ops = {
    .name = "directives",
    .keymap = directives_keymap,
    .draw = directives_draw,
    .key = directives_key,
    .reload = directives_reload,
    .done = directives_done,
};

int screen_directives_open(struct ui *ui)
{
	struct dirs *d = xcalloc(1, sizeof *d);
	d->ui = ui;
	d->filter.open_only = 1;
	listview_init(&d->lv, d, fetch, draw_row);
	struct screen *sc = ui_push(ui, &dirs_ops, d);
	screen_set_title(sc, "%s", _("Directives"));
	directives_reload(sc);
	return 0;
}
