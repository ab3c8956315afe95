/* screen_meeting_list.c - what the list tabs of the meeting screen share
 * (meeting_list.h): rows, drawing of a row and of the detail area, the
 * delete question, and the ctx of the tabs' prompts and forms. */
#include <stdlib.h>
#include <string.h>

#include "meeting_list.h"
#include "store_edit.h"
#include "text.h"

struct ltab *mlist_of(struct mtab *t)
{
	return t->data;
}

void mlist_add(struct ltab *l, enum row_kind k, int64_t id, int index, int sub, int section)
{
	l->rows = xreallocarray(l->rows, l->n + 1, sizeof *l->rows);
	l->rows[l->n++] = (struct trow){k, id, index, sub, section};
}

struct trow *mlist_sel(struct ltab *l)
{
	return l->n && l->lv.sel < (int64_t)l->n ? &l->rows[l->lv.sel] : NULL;
}

/* Select the row of that kind and id, if it is there. */
static int mlist_select(struct ltab *l, enum row_kind k, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->rows[i].kind == k && l->rows[i].id == id) {
			listview_select(&l->lv, (int64_t)i);
			return 1;
		}
	return 0;
}

void mlist_skip_heading(struct ltab *l, int dir)
{
	while (l->n && l->rows[l->lv.sel].kind == RK_HEADING) {
		int64_t next = l->lv.sel + dir;
		if (next < 0 || next >= (int64_t)l->n) {
			dir = -dir;
			next = l->lv.sel + dir;
			if (next < 0 || next >= (int64_t)l->n)
				return;
		}
		listview_select(&l->lv, next);
	}
}

static void draw_row(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected);

void mlist_open(struct mtab *t)
{
	struct ltab *l = xcalloc(1, sizeof *l);
	l->t = t;
	listview_init(&l->lv, l, NULL, draw_row);
	t->data = l;
}

void mlist_close(struct mtab *t)
{
	struct ltab *l = mlist_of(t);
	if (!l)
		return;
	for (size_t i = 0; i < l->n_concl; i++)
		free(l->concl[i].text);
	free(l->concl);
	free(l->rows);
	free(l);
}

/* By kind and id: the ids of different tables overlap. */
void mlist_focus(struct mtab *t, enum meeting_row_kind kind, int64_t id)
{
	static const struct {
		enum meeting_row_kind mr;
		enum row_kind rk;
	} kinds[] = {
	    {MR_ATTENDEE, RK_ATTENDEE},
	    {MR_ITEM, RK_ITEM},
	    {MR_NOTE, RK_NOTE},
	    {MR_PROPOSAL, RK_PROPOSAL},
	    {MR_CONCLUSION, RK_CONCLUSION},
	    {MR_DIRECTIVE, RK_DIRECTIVE},
	};
	for (size_t i = 0; i < BB_ARRAY_LEN(kinds); i++)
		if (kinds[i].mr == kind) {
			mlist_select(mlist_of(t), kinds[i].rk, id);
			return;
		}
}

/* Rebuild the rows from t->m, keeping the selected record. */
void mlist_rebuild(struct mtab *t, void (*build)(struct ltab *l))
{
	struct ltab *l = mlist_of(t);
	struct trow *old = mlist_sel(l);
	struct trow keep = old ? *old : (struct trow){RK_HEADING, 0, 0, 0, 0};
	int64_t old_sel = l->lv.sel;
	free(l->rows);
	l->rows = NULL;
	l->n = 0;
	if (t->m)
		build(l);
	listview_set_count(&l->lv, (int64_t)l->n);
	if (l->want_id && mlist_select(l, l->want_kind, l->want_id))
		l->want_id = 0;
	else if (!mlist_select(l, keep.kind, keep.id))
		listview_select(&l->lv, old_sel);
	mlist_skip_heading(l, 1);
}

/* ==== rows ==== */

static void mlist_put_cols(WINDOW *w, int y, int *x, int width, int colw, const char *s, attr_t a)
{
	if (*x >= width)
		return;
	int cw = colw > width - *x ? width - *x : colw;
	ui_put(w, y, *x, cw - 1, s ? s : "", a);
	*x += cw;
}

/* An attendee's row: number, name, role, presence (with the arrival of
 * the late), unit or title. */
static void draw_attendee(WINDOW *w, int y, int width, const struct attendee *a, int index,
			  int selected)
{
	attr_t base = selected ? ui_attr(ST_SELECTED) : A_NORMAL;
	attr_t dim = selected ? base : ui_attr(ST_DIM);
	char buf[96];
	int x = 1;
	snprintf(buf, sizeof buf, "%2d.", index + 1);
	mlist_put_cols(w, y, &x, width, 4, buf, base);
	mlist_put_cols(w, y, &x, width, 24, a->name, base);
	mlist_put_cols(w, y, &x, width, 11, ui_role_name(a->role), base);
	const char *pn = ui_presence_name(a->presence);
	if (a->presence == PRES_LATE && a->arrived_at) {
		const char *hm = strchr(a->arrived_at, 'T');
		snprintf(buf, sizeof buf, "%s %s", pn, hm ? hm + 1 : a->arrived_at);
	} else {
		snprintf(buf, sizeof buf, "%s", pn);
	}
	mlist_put_cols(w, y, &x, width, 15, buf,
		       a->presence == PRES_PRESENT ? base : (selected ? base : A_BOLD));
	char *rest = a->unit ? xasprintf("%s", a->unit) : xstrdup(a->title ? a->title : "");
	mlist_put_cols(w, y, &x, width, width - x, rest, dim);
	free(rest);
}

/* An agenda item's row: number, title (presenter), times held or planned. */
static void draw_item(WINDOW *w, int y, int width, const struct agenda_item *it, int index,
		      int selected)
{
	attr_t base = selected ? ui_attr(ST_SELECTED) : A_NORMAL;
	attr_t dim = selected ? base : ui_attr(ST_DIM);
	char buf[96], tm[32];
	int x = 1;
	snprintf(buf, sizeof buf, "%d.", index + 1);
	mlist_put_cols(w, y, &x, width, 4, buf, selected ? base : A_BOLD);
	const char *s1 = it->started_at ? it->started_at : it->planned_start;
	const char *s2 = it->started_at ? it->ended_at : it->planned_end;
	const char *h1 = s1 && strchr(s1, 'T') ? strchr(s1, 'T') + 1 : "";
	const char *h2 = s2 && strchr(s2, 'T') ? strchr(s2, 'T') + 1 : "";
	snprintf(tm, sizeof tm, "%s%s%s", h1, *h1 || *h2 ? "–" : "", h2);
	int tw = 14;
	int titlew = width - x - tw - 1;
	/* A kind the secretary set is shown before the title, as a note's is. */
	char *kind =
	    it->kind != IK_AUTO ? xasprintf("[%s] ", ui_item_kind_name(it->kind)) : xstrdup("");
	char *title = it->presenter ? xasprintf("%s%s (%s)", kind, it->title, it->presenter)
				    : xasprintf("%s%s", kind, it->title);
	free(kind);
	mlist_put_cols(w, y, &x, width, titlew, title, selected ? base : A_BOLD);
	free(title);
	mlist_put_cols(w, y, &x, width, tw, tm, dim);
}

/* "Hà Duy Trung [report]": who said a note, and its kind. */
static char *note_who(const struct note *n)
{
	return xasprintf("%s%s[%s]", n->speaker ? n->speaker : "", n->speaker ? " " : "",
			 ui_note_kind_name(n->kind));
}

/* The speaker column of an item's notes: as wide as its widest (at most
 * 30 columns, three eighths of the row), so that the notes' text starts
 * in one column under the item. */
static int who_width(const struct agenda_item *it, int width)
{
	int max = width * 3 / 8 < 30 ? width * 3 / 8 : 30, ww = 0;
	for (size_t i = 0; i < it->n_notes && ww < max; i++) {
		char *who = note_who(&it->notes[i]);
		int k = (int)text_width(who) + 2;
		free(who);
		ww = k > ww ? k : ww;
	}
	return ww < max ? ww : max;
}

static void draw_row(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected)
{
	struct ltab *l = ctx;
	const struct meeting *m = l->t->m;
	const struct trow *r = &l->rows[index];
	attr_t base = selected ? ui_attr(ST_SELECTED) : A_NORMAL;
	attr_t dim = selected ? base : ui_attr(ST_DIM);
	char buf[96], tm[32];
	int x = 1;
	ui_put_fill(w, y, 0, width, "", base);
	switch (r->kind) {
	case RK_HEADING:
		ui_put(w, y, 1, width - 2, r->section ? _("Directives") : _("Conclusions"),
		       ui_attr(ST_HEADING));
		return;
	case RK_EMPTY:
		ui_put(w, y, 3, width - 4, _("(none yet — a adds one)"), dim);
		return;
	case RK_ATTENDEE:
		draw_attendee(w, y, width, &m->attendees[r->index], r->index, selected);
		return;
	case RK_ITEM:
		draw_item(w, y, width, &m->agenda[r->index], r->index, selected);
		return;
	case RK_NOTE: {
		const struct note *n = &m->agenda[r->index].notes[r->sub];
		const char *hm = n->at && strchr(n->at, 'T') ? strchr(n->at, 'T') + 1 : "";
		x = 5;
		mlist_put_cols(w, y, &x, width, 6, hm, dim);
		char *who = note_who(n);
		mlist_put_cols(w, y, &x, width, who_width(&m->agenda[r->index], width), who, dim);
		free(who);
		/* A proposal raised here: its status and answer follow it. */
		const struct proposal *p = NULL;
		for (size_t k = 0; n->kind == NK_PROPOSAL && k < m->n_proposals; k++)
			if (m->proposals[k].note_id == n->id)
				p = &m->proposals[k];
		if (!p) {
			mlist_put_cols(w, y, &x, width, width - x, n->text, base);
			return;
		}
		char *t = p->answer ? xasprintf(_("%s → %s: %s"), n->text,
						ui_task_status_name(p->status), p->answer)
				    : xasprintf("%s → %s", n->text, ui_task_status_name(p->status));
		mlist_put_cols(w, y, &x, width, width - x, t, base);
		free(t);
		return;
	}
	case RK_PROPOSAL: {
		const struct proposal *p = &m->proposals[r->index];
		snprintf(buf, sizeof buf, "%2d.", r->index + 1);
		mlist_put_cols(w, y, &x, width, 4, buf, base);
		mlist_put_cols(w, y, &x, width, 10, ui_task_status_name(p->status),
			       p->status == TS_OPEN && !selected ? A_BOLD : base);
		mlist_put_cols(w, y, &x, width, 22, p->unit ? p->unit : "", dim);
		mlist_put_cols(w, y, &x, width, width - x, p->text, base);
		return;
	}
	case RK_CONCLUSION: {
		snprintf(buf, sizeof buf, "%2d.", r->index + 1);
		mlist_put_cols(w, y, &x, width, 4, buf, base);
		mlist_put_cols(w, y, &x, width, width - x, l->concl[r->index].text, base);
		return;
	}
	case RK_DIRECTIVE: {
		const struct directive *d = &m->directives[r->index];
		snprintf(buf, sizeof buf, "%2d.", r->index + 1);
		mlist_put_cols(w, y, &x, width, 4, buf, base);
		mlist_put_cols(w, y, &x, width, 10, ui_task_status_name(d->status),
			       d->status == TS_OPEN && !selected ? A_BOLD : base);
		mlist_put_cols(w, y, &x, width, 12, ui_time(d->due, tm, sizeof tm), dim);
		mlist_put_cols(w, y, &x, width, 20, d->owner ? d->owner : "", dim);
		mlist_put_cols(w, y, &x, width, width - x, d->text, base);
		return;
	}
	}
}

/* The full text of the selected row, for the detail area. Allocated. */
static char *detail_of(struct ltab *l)
{
	const struct meeting *m = l->t->m;
	const struct trow *r = mlist_sel(l);
	char tm[32];
	if (!r || !m)
		return NULL;
	struct strbuf sb = {0};
	switch (r->kind) {
	case RK_ATTENDEE: {
		const struct attendee *a = &m->attendees[r->index];
		/* Each said once: a delegate listed by function ("Bí thư
		 * Huyện đoàn An Lão") has that as name and title, and the unit
		 * at its end. */
		strbuf_adds(&sb, a->name);
		if (a->title && !str_eq(a->title, a->name))
			strbuf_addf(&sb, " — %s", a->title);
		if (a->unit && !str_ends_with(sb.buf, a->unit))
			strbuf_addf(&sb, " — %s", a->unit);
		if (a->substitute_for)
			strbuf_addf(&sb, _(" — standing in for %s"), a->substitute_for);
		if (a->arrived_at)
			strbuf_addf(&sb, _(" — arrived %s"), ui_time(a->arrived_at, tm, sizeof tm));
		if (a->reason)
			strbuf_addf(&sb, _(" — reason: %s"), a->reason);
		break;
	}
	case RK_ITEM: {
		const struct agenda_item *it = &m->agenda[r->index];
		strbuf_adds(&sb, it->title);
		if (it->presenter)
			strbuf_addf(&sb, _(" — presented by %s"), it->presenter);
		if (it->planned_start)
			strbuf_addf(&sb, _(" — planned %s"),
				    ui_time(it->planned_start, tm, sizeof tm));
		if (it->started_at)
			strbuf_addf(&sb, _(" — started %s"),
				    ui_time(it->started_at, tm, sizeof tm));
		if (it->ended_at)
			strbuf_addf(&sb, _(" — ended %s"), ui_time(it->ended_at, tm, sizeof tm));
		if (it->kind != IK_AUTO)
			strbuf_addf(&sb, _(" — kind: %s"), ui_item_kind_name(it->kind));
		strbuf_addf(&sb, ngettext(" — %zu note", " — %zu notes", it->n_notes), it->n_notes);
		break;
	}
	case RK_NOTE: {
		const struct note *n = &m->agenda[r->index].notes[r->sub];
		if (n->speaker)
			strbuf_addf(&sb, "%s: ", n->speaker);
		strbuf_adds(&sb, n->text);
		break;
	}
	case RK_PROPOSAL: {
		const struct proposal *p = &m->proposals[r->index];
		if (p->unit)
			strbuf_addf(&sb, "%s: ", p->unit);
		strbuf_adds(&sb, p->text);
		if (p->answer)
			strbuf_addf(&sb, _(" → Answer: %s"), p->answer);
		break;
	}
	case RK_CONCLUSION:
		strbuf_adds(&sb, l->concl[r->index].text);
		break;
	case RK_DIRECTIVE: {
		const struct directive *d = &m->directives[r->index];
		strbuf_adds(&sb, d->text);
		if (d->owner)
			strbuf_addf(&sb, _(" — owner: %s"), d->owner);
		if (d->due)
			strbuf_addf(&sb, _(" — due %s"), ui_time(d->due, tm, sizeof tm));
		break;
	}
	default:
		break;
	}
	return sb.buf ? strbuf_detach(&sb) : NULL;
}

void mlist_draw(struct mtab *t, WINDOW *w, const char *empty)
{
	struct ltab *l = mlist_of(t);
	int width = getmaxx(w), height = getmaxy(w);
	int detail = height >= 14 ? 3 : 2;
	if (l->n == 0) {
		ui_put_wrapped(w, 1, 2, width - 4, height - 2, empty, ui_attr(ST_DIM), NULL);
		return;
	}
	listview_draw(&l->lv, t->ui, w, 0, height - detail - 1, width);
	char *d = detail_of(l);
	ui_put_detail(w, height - detail, detail, width, d, A_NORMAL);
	free(d);
}

/* ==== shared actions ==== */

int mlist_report(struct ui *ui, int rc, char *cause, const char *done)
{
	if (rc < 0) {
		ui_error(ui, _("Not saved: %s"), cause ? cause : "?");
		free(cause);
		return UI_REDRAW;
	}
	if (done)
		ui_info(ui, "%s", done);
	return UI_RELOAD_ALL;
}

struct del_ctx {
	int64_t id;
	int (*del)(struct store *s, int64_t id, char **cause);
};

static int delete_yes(struct screen *sc, void *ctx)
{
	struct del_ctx *d = ctx;
	char *cause = NULL;
	int rc = d->del(ui_store(sc->ui), d->id, &cause);
	return mlist_report(sc->ui, rc, cause, _("Deleted"));
}

void mlist_ask_delete(struct ui *ui, const char *what, int64_t id,
		      int (*del)(struct store *s, int64_t id, char **cause))
{
	struct del_ctx *d = xmalloc(sizeof *d);
	d->id = id;
	d->del = del;
	char *q = xasprintf(_("Delete %s?"), what);
	ui_confirm(ui, q, delete_yes, d);
	free(q);
}

struct rec *mrec_new(int64_t meeting, int64_t id, int kind)
{
	struct rec *r = xcalloc(1, sizeof *r);
	r->meeting = meeting;
	r->id = id;
	r->kind = kind;
	return r;
}

void mrec_refresh(struct ui *ui, void *ctx)
{
	struct rec *r = ctx;
	meeting_free(r->m);
	r->m = NULL;
	store_meeting_load(ui_store(ui), r->meeting, &r->m, NULL);
}

/* The ctx of an add prompt: the new row is selected in l's next rebuild. */
struct rec *mrec_add(struct ltab *l, int64_t id, int kind)
{
	struct rec *r = mrec_new(l->t->meeting_id, id, kind);
	r->l = l;
	return r;
}

/* An add succeeded: select the new row once the tab is rebuilt. */
void mrec_added(struct rec *r, enum row_kind k, int64_t id)
{
	if (r->l) {
		r->l->want_kind = k;
		r->l->want_id = id;
	}
}

int64_t mrec_meeting(void *ctx)
{
	return ((struct rec *)ctx)->meeting;
}

/* Forms free ctx with free(): the loaded meeting goes with the screen's
 * reload; keep it small by freeing it after each read. */
void mrec_release(struct rec *r)
{
	meeting_free(r->m);
	r->m = NULL;
}

int mlist_move(struct mtab *t, int64_t id, int delta,
	       int (*mv)(struct store *s, int64_t id, int delta, char **cause))
{
	char *cause = NULL;
	int rc = mv(ui_store(t->ui), id, delta, &cause);
	struct ltab *l = mlist_of(t);
	int flags = mlist_report(t->ui, rc, cause, NULL);
	if (rc == 0)
		listview_select(&l->lv, l->lv.sel + delta);
	return flags;
}

void mrec_free_refresh(struct ui *ui, void *ctx)
{
	mrec_release(ctx);
	(void)ui;
}

void mrec_free(void *ctx)
{
	mrec_release(ctx);
	free(ctx);
}

const char *mlist_task_choice(int i)
{
	return ui_task_status_name((enum task_status)i);
}
