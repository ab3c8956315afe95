/* screen_meeting_tabs.c - the list tabs of the meeting screen: attendees
 * (roll call), agenda with its notes, proposals, conclusions and
 * directives. Rows are built from the loaded meeting and found again by
 * id after every reload. */
#include <stdlib.h>
#include <string.h>

#include "listview.h"
#include "screens.h"
#include "store_directory.h"
#include "store_edit.h"
#include "text.h"

/* A row of a tab: what it is and the id of the record. */
enum row_kind {
	RK_HEADING,
	RK_EMPTY,
	RK_ATTENDEE,
	RK_ITEM,
	RK_NOTE,
	RK_PROPOSAL,
	RK_CONCLUSION,
	RK_DIRECTIVE
};

struct trow {
	enum row_kind kind;
	int64_t id;
	int index;   /* index in its meeting array (or conclusions list) */
	int sub;     /* notes: index in the item */
	int section; /* conclusions tab: 0 conclusions, 1 directives */
};

struct ltab {
	struct mtab *t;
	struct trow *rows;
	size_t n;
	struct listview lv;
	struct text_row *concl; /* conclusions with ids */
	size_t n_concl;
	/* A row just added: selected by the next rebuild, so that the
	 * "Enter sets ..." message that follows an add means that row. */
	enum row_kind want_kind;
	int64_t want_id;
};

static struct ltab *L(struct mtab *t)
{
	return t->data;
}

static void add_row(struct ltab *l, enum row_kind k, int64_t id, int index, int sub, int section)
{
	l->rows = xreallocarray(l->rows, l->n + 1, sizeof *l->rows);
	l->rows[l->n++] = (struct trow){k, id, index, sub, section};
}

static struct trow *sel_row(struct ltab *l)
{
	return l->n && l->lv.sel < (int64_t)l->n ? &l->rows[l->lv.sel] : NULL;
}

/* Select the row of that kind and id, if it is there. */
static int select_id(struct ltab *l, enum row_kind k, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->rows[i].kind == k && l->rows[i].id == id) {
			listview_select(&l->lv, (int64_t)i);
			return 1;
		}
	return 0;
}

static void skip_heading(struct ltab *l, int dir)
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

static void lt_open(struct mtab *t)
{
	struct ltab *l = xcalloc(1, sizeof *l);
	l->t = t;
	listview_init(&l->lv, l, NULL, draw_row);
	t->data = l;
}

static void lt_close(struct mtab *t)
{
	struct ltab *l = L(t);
	if (!l)
		return;
	for (size_t i = 0; i < l->n_concl; i++)
		free(l->concl[i].text);
	free(l->concl);
	free(l->rows);
	free(l);
}

/* By kind and id: the ids of different tables overlap. */
static void lt_focus(struct mtab *t, enum meeting_row_kind kind, int64_t id)
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
			select_id(L(t), kinds[i].rk, id);
			return;
		}
}

/* Rebuild the rows from t->m, keeping the selected record. */
static void rebuild(struct mtab *t, void (*build)(struct ltab *l))
{
	struct ltab *l = L(t);
	struct trow *old = sel_row(l);
	struct trow keep = old ? *old : (struct trow){RK_HEADING, 0, 0, 0, 0};
	int64_t old_sel = l->lv.sel;
	free(l->rows);
	l->rows = NULL;
	l->n = 0;
	if (t->m)
		build(l);
	listview_set_count(&l->lv, (int64_t)l->n);
	if (l->want_id && select_id(l, l->want_kind, l->want_id))
		l->want_id = 0;
	else if (!select_id(l, keep.kind, keep.id))
		listview_select(&l->lv, old_sel);
	skip_heading(l, 1);
}

/* The selected record's text in full, wrapped, under the list. */
static void draw_detail(WINDOW *w, int y, int rows, int width, const char *text)
{
	if (!text || rows <= 0)
		return;
	mvwhline(w, y - 1, 0, ACS_HLINE, width);
	size_t *st, *ln;
	size_t n = text_wrap(text, (size_t)width - 2, &st, &ln);
	for (size_t i = 0; i < n && (int)i < rows; i++) {
		char *line = xstrndup(text + st[i], ln[i]);
		ui_put(w, y + (int)i, 1, width - 2, line, A_NORMAL);
		free(line);
	}
	free(st);
	free(ln);
}

/* ==== rows ==== */

static void put_cols(WINDOW *w, int y, int *x, int width, int colw, const char *s, attr_t a)
{
	if (*x >= width)
		return;
	int cw = colw > width - *x ? width - *x : colw;
	ui_put(w, y, *x, cw - 1, s ? s : "", a);
	*x += cw;
}

static void draw_row(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected)
{
	struct ltab *l = ctx;
	const struct meeting *m = l->t->m;
	const struct trow *r = &l->rows[index];
	attr_t base = selected ? ui_attr(ST_SELECTED) : A_NORMAL;
	attr_t dim = selected ? base : ui_attr(ST_DIM);
	char buf[96], tm[32], tm2[32];
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
	case RK_ATTENDEE: {
		const struct attendee *a = &m->attendees[r->index];
		snprintf(buf, sizeof buf, "%2d.", r->index + 1);
		put_cols(w, y, &x, width, 4, buf, base);
		put_cols(w, y, &x, width, 24, a->name, base);
		put_cols(w, y, &x, width, 11, ui_role_name(a->role), base);
		const char *pn = ui_presence_name(a->presence);
		if (a->presence == PRES_LATE && a->arrived_at) {
			const char *hm = strchr(a->arrived_at, 'T');
			snprintf(buf, sizeof buf, "%s %s", pn, hm ? hm + 1 : a->arrived_at);
		} else {
			snprintf(buf, sizeof buf, "%s", pn);
		}
		put_cols(w, y, &x, width, 15, buf,
			 a->presence == PRES_PRESENT ? base : (selected ? base : A_BOLD));
		char *rest = a->unit ? xasprintf("%s", a->unit) : xstrdup(a->title ? a->title : "");
		put_cols(w, y, &x, width, width - x, rest, dim);
		free(rest);
		return;
	}
	case RK_ITEM: {
		const struct agenda_item *it = &m->agenda[r->index];
		snprintf(buf, sizeof buf, "%d.", r->index + 1);
		put_cols(w, y, &x, width, 4, buf, selected ? base : A_BOLD);
		const char *s1 = it->started_at ? it->started_at : it->planned_start;
		const char *s2 = it->started_at ? it->ended_at : it->planned_end;
		const char *h1 = s1 && strchr(s1, 'T') ? strchr(s1, 'T') + 1 : "";
		const char *h2 = s2 && strchr(s2, 'T') ? strchr(s2, 'T') + 1 : "";
		snprintf(tm, sizeof tm, "%s%s%s", h1, *h1 || *h2 ? "–" : "", h2);
		int tw = 14;
		int titlew = width - x - tw - 1;
		char *title = it->presenter ? xasprintf("%s (%s)", it->title, it->presenter)
					    : xstrdup(it->title);
		put_cols(w, y, &x, width, titlew, title, selected ? base : A_BOLD);
		free(title);
		put_cols(w, y, &x, width, tw, tm, dim);
		(void)tm2;
		return;
	}
	case RK_NOTE: {
		const struct note *n = &m->agenda[r->index].notes[r->sub];
		const char *hm = n->at && strchr(n->at, 'T') ? strchr(n->at, 'T') + 1 : "";
		x = 5;
		put_cols(w, y, &x, width, 6, hm, dim);
		char *who = xasprintf("%s%s[%s]", n->speaker ? n->speaker : "",
				      n->speaker ? " " : "", ui_note_kind_name(n->kind));
		int ww = (int)text_width(who) + 2;
		if (ww > 30)
			ww = 30;
		put_cols(w, y, &x, width, ww, who, dim);
		free(who);
		put_cols(w, y, &x, width, width - x, n->text, base);
		return;
	}
	case RK_PROPOSAL: {
		const struct proposal *p = &m->proposals[r->index];
		snprintf(buf, sizeof buf, "%2d.", r->index + 1);
		put_cols(w, y, &x, width, 4, buf, base);
		put_cols(w, y, &x, width, 10, ui_task_status_name(p->status),
			 p->status == TS_OPEN && !selected ? A_BOLD : base);
		put_cols(w, y, &x, width, 22, p->unit ? p->unit : "", dim);
		put_cols(w, y, &x, width, width - x, p->text, base);
		return;
	}
	case RK_CONCLUSION: {
		snprintf(buf, sizeof buf, "%2d.", r->index + 1);
		put_cols(w, y, &x, width, 4, buf, base);
		put_cols(w, y, &x, width, width - x, l->concl[r->index].text, base);
		return;
	}
	case RK_DIRECTIVE: {
		const struct directive *d = &m->directives[r->index];
		snprintf(buf, sizeof buf, "%2d.", r->index + 1);
		put_cols(w, y, &x, width, 4, buf, base);
		put_cols(w, y, &x, width, 10, ui_task_status_name(d->status),
			 d->status == TS_OPEN && !selected ? A_BOLD : base);
		put_cols(w, y, &x, width, 12, ui_time(d->due, tm, sizeof tm), dim);
		put_cols(w, y, &x, width, 20, d->owner ? d->owner : "", dim);
		put_cols(w, y, &x, width, width - x, d->text, base);
		return;
	}
	}
}

/* The full text of the selected row, for the detail area. Allocated. */
static char *detail_of(struct ltab *l)
{
	const struct meeting *m = l->t->m;
	const struct trow *r = sel_row(l);
	char tm[32];
	if (!r || !m)
		return NULL;
	struct strbuf sb = {0};
	switch (r->kind) {
	case RK_ATTENDEE: {
		const struct attendee *a = &m->attendees[r->index];
		strbuf_adds(&sb, a->name);
		if (a->title)
			strbuf_addf(&sb, " — %s", a->title);
		if (a->unit)
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
		strbuf_addf(&sb, _(" — %zu notes"), it->n_notes);
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

static void lt_draw_list(struct mtab *t, WINDOW *w, const char *empty)
{
	struct ltab *l = L(t);
	int width = getmaxx(w), height = getmaxy(w);
	int detail = height >= 14 ? 3 : 2;
	if (l->n == 0) {
		ui_put(w, 1, 2, width - 4, empty, ui_attr(ST_DIM));
		return;
	}
	listview_draw(&l->lv, t->ui, w, 0, height - detail - 1, width);
	char *d = detail_of(l);
	draw_detail(w, height - detail, detail, width, d);
	free(d);
}

/* ==== shared actions ==== */

static int report(struct ui *ui, int rc, char *cause, const char *done)
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
	return report(sc->ui, rc, cause, _("Deleted"));
}

static void ask_delete(struct ui *ui, const char *what, int64_t id,
		       int (*del)(struct store *s, int64_t id, char **cause))
{
	struct del_ctx *d = xmalloc(sizeof *d);
	d->id = id;
	d->del = del;
	char *q = xasprintf(_("Delete %s?"), what);
	ui_confirm(ui, q, delete_yes, d);
	free(q);
}

/* Ctx of the prompts and forms below: the record and its meeting. */
struct rec {
	int64_t meeting, id;
	int kind;
	struct meeting *m; /* loaded by refresh */
	struct ltab *l;	   /* adds: the tab that selects the new row */
};

static struct rec *rec_new(int64_t meeting, int64_t id, int kind)
{
	struct rec *r = xcalloc(1, sizeof *r);
	r->meeting = meeting;
	r->id = id;
	r->kind = kind;
	return r;
}

static void rec_refresh(struct ui *ui, void *ctx)
{
	struct rec *r = ctx;
	meeting_free(r->m);
	r->m = NULL;
	store_meeting_load(ui_store(ui), r->meeting, &r->m, NULL);
}

/* The ctx of an add prompt: the new row is selected in l's next rebuild. */
static struct rec *rec_add(struct ltab *l, int64_t id, int kind)
{
	struct rec *r = rec_new(l->t->meeting_id, id, kind);
	r->l = l;
	return r;
}

/* An add succeeded: select the new row once the tab is rebuilt. */
static void rec_added(struct rec *r, enum row_kind k, int64_t id)
{
	if (r->l) {
		r->l->want_kind = k;
		r->l->want_id = id;
	}
}

static int64_t rec_meeting(void *ctx)
{
	return ((struct rec *)ctx)->meeting;
}

/* Forms free ctx with free(): the loaded meeting goes with the screen's
 * reload; keep it small by freeing it after each read. */
static void rec_release(struct rec *r)
{
	meeting_free(r->m);
	r->m = NULL;
}

static int row_move(struct mtab *t, int64_t id, int delta,
		    int (*mv)(struct store *s, int64_t id, int delta, char **cause))
{
	char *cause = NULL;
	int rc = mv(ui_store(t->ui), id, delta, &cause);
	struct ltab *l = L(t);
	int flags = report(t->ui, rc, cause, NULL);
	if (rc == 0)
		listview_select(&l->lv, l->lv.sel + delta);
	return flags;
}

/* ==== attendees ==== */

static const struct keybind attendee_binds[] = {
    KCH('\r', ACT_EDIT),     KFN(KEY_ENTER, ACT_EDIT), KCH('a', ACT_ADD),
    KFN(KEY_IC, ACT_ADD),    KCH('g', ACT_ADD_GUEST),  KCH('d', ACT_DELETE),
    KFN(KEY_DC, ACT_DELETE), KCH('K', ACT_MOVE_UP),    KCH('J', ACT_MOVE_DOWN),
    KCH('p', ACT_PRESENT),   KCH('l', ACT_LATE),       KCH('x', ACT_EXCUSED),
    KCH('b', ACT_ABSENT),    KCH('r', ACT_ROLE),       KCH('s', ACT_SUBSTITUTE),
};
static const enum action attendee_bar[] = {ACT_PRESENT, ACT_LATE, ACT_EXCUSED,	 ACT_ABSENT,
					   ACT_ROLE,	ACT_ADD,  ACT_ADD_GUEST, ACT_EDIT};
const struct keymap keymap_attendees =
    KEYMAP("meeting.attendees", N_("Meeting: attendees (roll call)"), attendee_binds, attendee_bar,
	   &keymap_meeting);

static void build_attendees(struct ltab *l)
{
	for (size_t i = 0; i < l->t->m->n_attendees; i++)
		add_row(l, RK_ATTENDEE, l->t->m->attendees[i].id, (int)i, 0, 0);
}

static void att_reload(struct mtab *t)
{
	rebuild(t, build_attendees);
}

static void att_draw(struct mtab *t, WINDOW *w)
{
	lt_draw_list(t, w, _("No attendees yet: a adds from the directory, g adds a guest."));
}

enum {
	AT_NAME = ATF_NAME,
	AT_TITLE = ATF_TITLE,
	AT_UNIT = ATF_UNIT,
	AT_SUBST = ATF_SUBSTITUTE_FOR,
	AT_REASON = ATF_REASON,
	AT_ARRIVED = ATF_ARRIVED_AT,
	AT_ROLE = 50,
	AT_PRESENCE
};

static const char *role_choice(int i)
{
	return ui_role_name((enum role)i);
}

static const char *presence_choice(int i)
{
	return ui_presence_name((enum presence)i);
}

static const struct form_field attendee_fields[] = {
    {N_("Name"), FK_TEXT, AT_NAME, 0, NULL, NULL},
    {N_("Title"), FK_TEXT, AT_TITLE, 0, NULL, NULL},
    {N_("Unit"), FK_TEXT, AT_UNIT, 0, NULL, NULL},
    {N_("Role"), FK_CHOICE, AT_ROLE, ROLE__COUNT, role_choice, NULL},
    {N_("Presence"), FK_CHOICE, AT_PRESENCE, PRES__COUNT, presence_choice, NULL},
    {N_("Arrived at"), FK_TEXT, AT_ARRIVED, 0, NULL, N_("late: HH:MM")},
    {N_("Reason"), FK_TEXT, AT_REASON, 0, NULL, N_("excused or absent: why")},
    {N_("Standing in for"), FK_TEXT, AT_SUBST, 0, NULL, N_("name of the person replaced")},
};

static const struct attendee *find_attendee(const struct meeting *m, int64_t id)
{
	for (size_t i = 0; m && i < m->n_attendees; i++)
		if (m->attendees[i].id == id)
			return &m->attendees[i];
	return NULL;
}

static char *att_get(struct ui *ui, void *ctx, int key)
{
	struct rec *r = ctx;
	if (!r->m)
		rec_refresh(ui, ctx);
	const struct attendee *a = find_attendee(r->m, r->id);
	char tm[32];
	if (!a)
		return NULL;
	switch (key) {
	case AT_NAME:
		return xstrdup(a->name);
	case AT_TITLE:
		return xstrdup(a->title);
	case AT_UNIT:
		return xstrdup(a->unit);
	case AT_SUBST:
		return xstrdup(a->substitute_for);
	case AT_REASON:
		return xstrdup(a->reason);
	case AT_ARRIVED:
		return a->arrived_at ? xstrdup(ui_time(a->arrived_at, tm, sizeof tm)) : NULL;
	case AT_ROLE:
		return xasprintf("%d", a->role);
	case AT_PRESENCE:
		return xasprintf("%d", a->presence);
	}
	return NULL;
}

static int att_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct rec *r = ctx;
	struct store *s = ui_store(ui);
	rec_release(r);
	if (key == AT_ROLE)
		return store_attendee_set_role(s, r->id, (enum role)atoi(value), cause);
	if (key == AT_PRESENCE)
		return store_attendee_set_presence(s, r->id, (enum presence)atoi(value), NULL,
						   cause);
	return store_attendee_set(s, r->id, (enum attendee_field)key, value, cause);
}

static void rec_free_refresh(struct ui *ui, void *ctx)
{
	rec_release(ctx);
	(void)ui;
}

static void rec_free(void *ctx)
{
	rec_release(ctx);
	free(ctx);
}

static const struct form_ops attendee_form = {.get = att_get,
					      .set = att_set,
					      .meeting = rec_meeting,
					      .prepare = rec_free_refresh,
					      .free_ctx = rec_free};

static int person_fetch(struct ui *ui, void *ctx, const char *query, int64_t offset, int limit,
			struct picker_row **rows, size_t *n, int64_t *total, char **cause)
{
	struct person_row *p;
	size_t np;
	(void)ctx;
	if (store_people_search(ui_store(ui), query, offset, limit, &p, &np, total, cause) < 0)
		return -1;
	*rows = xcalloc(np + 1, sizeof **rows);
	*n = np;
	for (size_t i = 0; i < np; i++) {
		(*rows)[i].id = p[i].id;
		(*rows)[i].label = xstrdup(p[i].name);
		if (p[i].title || p[i].unit)
			(*rows)[i].detail = xasprintf("%s%s%s", p[i].title ? p[i].title : "",
						      p[i].title && p[i].unit ? " — " : "",
						      p[i].unit ? p[i].unit : "");
		person_row_free(&p[i]);
	}
	free(p);
	return 0;
}

static int person_pick(struct ui *ui, void *ctx, int64_t id, const char *query, char **cause)
{
	struct rec *r = ctx;
	(void)query;
	int64_t aid;
	if (store_attendee_add_person(ui_store(ui), r->meeting, id, &aid, cause) < 0)
		return -1;
	rec_added(r, RK_ATTENDEE, aid);
	ui_info(ui, "%s", _("Attendee added"));
	return 0;
}

static int guest_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	struct attendee a = {.name = (char *)text, .role = ROLE_GUEST, .presence = PRES_PRESENT};
	int64_t id;
	if (store_attendee_add(ui_store(sc->ui), r->meeting, &a, &id, cause) < 0)
		return -1;
	rec_added(r, RK_ATTENDEE, id);
	ui_info(sc->ui, "%s", _("Guest added: Enter edits the title and unit"));
	return UI_RELOAD_ALL;
}

static int presence_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	if (store_attendee_set_presence(ui_store(sc->ui), r->id, (enum presence)r->kind, text,
					cause) < 0)
		return -1;
	return UI_RELOAD_ALL;
}

static int subst_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	if (store_attendee_set(ui_store(sc->ui), r->id, ATF_SUBSTITUTE_FOR, text, cause) < 0)
		return -1;
	return UI_RELOAD_ALL;
}

static int att_key(struct mtab *t, const struct ui_event *ev)
{
	struct ltab *l = L(t);
	if (listview_key(&l->lv, ev->act))
		return UI_REDRAW;
	struct trow *r = sel_row(l);
	const struct attendee *a = r ? &t->m->attendees[r->index] : NULL;
	struct store *s = ui_store(t->ui);
	char *cause = NULL;
	switch (ev->act) {
	case ACT_ADD:
		screen_picker_open(t->ui, _("Add an attendee from the directory"), person_fetch,
				   person_pick, rec_add(l, 0, 0));
		return UI_OK;
	case ACT_ADD_GUEST:
		ui_prompt(t->ui, _("Name of the guest:"), "", guest_done, rec_add(l, 0, 0));
		return UI_OK;
	default:
		break;
	}
	if (!a)
		return UI_UNHANDLED;
	switch (ev->act) {
	case ACT_EDIT: {
		char *title = xasprintf(_("Attendee: %s"), a->name);
		screen_form_open(t->ui, title, attendee_fields, BB_ARRAY_LEN(attendee_fields),
				 &attendee_form, rec_new(t->meeting_id, a->id, 0));
		free(title);
		return UI_OK;
	}
	case ACT_DELETE: {
		char *what = xasprintf(_("the attendee %s"), a->name);
		ask_delete(t->ui, what, a->id, store_attendee_delete);
		free(what);
		return UI_OK;
	}
	case ACT_MOVE_UP:
		return row_move(t, a->id, -1, store_attendee_move);
	case ACT_MOVE_DOWN:
		return row_move(t, a->id, 1, store_attendee_move);
	case ACT_PRESENT:
		return report(t->ui,
			      store_attendee_set_presence(s, a->id, PRES_PRESENT, NULL, &cause),
			      cause, NULL);
	case ACT_ABSENT:
		return report(t->ui,
			      store_attendee_set_presence(s, a->id, PRES_ABSENT, NULL, &cause),
			      cause, NULL);
	case ACT_LATE: {
		char now[17];
		now_iso_minute(now);
		ui_prompt(t->ui, _("Arrived at (HH:MM):"), now + 11, presence_done,
			  rec_new(t->meeting_id, a->id, PRES_LATE));
		return UI_OK;
	}
	case ACT_EXCUSED:
		ui_prompt(t->ui, _("Excused, reason:"), a->reason ? a->reason : "", presence_done,
			  rec_new(t->meeting_id, a->id, PRES_EXCUSED));
		return UI_OK;
	case ACT_ROLE:
		return report(t->ui,
			      store_attendee_set_role(
				  s, a->id, (enum role)((a->role + 1) % ROLE__COUNT), &cause),
			      cause, NULL);
	case ACT_SUBSTITUTE:
		ui_prompt(t->ui, _("Standing in for (name):"),
			  a->substitute_for ? a->substitute_for : "", subst_done,
			  rec_new(t->meeting_id, a->id, 0));
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

const struct meeting_tab_ops tab_attendees = {
    .name = "attendees",
    .label = N_("Attendees"),
    .keymap = &keymap_attendees,
    .open = lt_open,
    .draw = att_draw,
    .key = att_key,
    .reload = att_reload,
    .focus = lt_focus,
    .close = lt_close,
};

/* ==== agenda and notes ==== */

static const struct keybind agenda_binds[] = {
    KCH('\r', ACT_EDIT),     KFN(KEY_ENTER, ACT_EDIT), KCH('a', ACT_ADD),
    KFN(KEY_IC, ACT_ADD),    KCH('n', ACT_ADD_NOTE),   KCH('d', ACT_DELETE),
    KFN(KEY_DC, ACT_DELETE), KCH('K', ACT_MOVE_UP),    KCH('J', ACT_MOVE_DOWN),
};
static const enum action agenda_bar[] = {ACT_EDIT,   ACT_ADD,	  ACT_ADD_NOTE,
					 ACT_DELETE, ACT_MOVE_UP, ACT_MOVE_DOWN};
const struct keymap keymap_agenda = KEYMAP("meeting.agenda", N_("Meeting: agenda and notes"),
					   agenda_binds, agenda_bar, &keymap_meeting);

static void build_agenda(struct ltab *l)
{
	const struct meeting *m = l->t->m;
	for (size_t i = 0; i < m->n_agenda; i++) {
		add_row(l, RK_ITEM, m->agenda[i].id, (int)i, 0, 0);
		for (size_t j = 0; j < m->agenda[i].n_notes; j++)
			add_row(l, RK_NOTE, m->agenda[i].notes[j].id, (int)i, (int)j, 0);
	}
}

static void ag_reload(struct mtab *t)
{
	rebuild(t, build_agenda);
}

static void ag_draw(struct mtab *t, WINDOW *w)
{
	lt_draw_list(t, w, _("No agenda yet: a adds an item."));
}

enum {
	AG_TITLE = IF_TITLE,
	AG_PRESENTER = IF_PRESENTER,
	AG_PSTART = IF_PLANNED_START,
	AG_PEND = IF_PLANNED_END,
	AG_START = IF_STARTED_AT,
	AG_END = IF_ENDED_AT
};

static const struct form_field item_fields[] = {
    {N_("Title"), FK_MULTILINE, AG_TITLE, 0, NULL, NULL},
    {N_("Presenter"), FK_TEXT, AG_PRESENTER, 0, NULL, NULL},
    {N_("Planned start"), FK_TEXT, AG_PSTART, 0, NULL, N_("HH:MM")},
    {N_("Planned end"), FK_TEXT, AG_PEND, 0, NULL, N_("HH:MM")},
    {N_("Started at"), FK_TEXT, AG_START, 0, NULL, N_("HH:MM")},
    {N_("Ended at"), FK_TEXT, AG_END, 0, NULL, N_("HH:MM")},
};

static const struct agenda_item *find_item(const struct meeting *m, int64_t id)
{
	for (size_t i = 0; m && i < m->n_agenda; i++)
		if (m->agenda[i].id == id)
			return &m->agenda[i];
	return NULL;
}

static char *time_or_null(const char *iso)
{
	char tm[32];
	return iso ? xstrdup(ui_time(iso, tm, sizeof tm)) : NULL;
}

static char *item_get(struct ui *ui, void *ctx, int key)
{
	struct rec *r = ctx;
	if (!r->m)
		rec_refresh(ui, ctx);
	const struct agenda_item *it = find_item(r->m, r->id);
	if (!it)
		return NULL;
	switch (key) {
	case AG_TITLE:
		return xstrdup(it->title);
	case AG_PRESENTER:
		return xstrdup(it->presenter);
	case AG_PSTART:
		return time_or_null(it->planned_start);
	case AG_PEND:
		return time_or_null(it->planned_end);
	case AG_START:
		return time_or_null(it->started_at);
	case AG_END:
		return time_or_null(it->ended_at);
	}
	return NULL;
}

static int item_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct rec *r = ctx;
	rec_release(r);
	return store_item_set(ui_store(ui), r->id, (enum item_field)key, value, cause);
}

static const struct form_ops item_form = {.get = item_get,
					  .set = item_set,
					  .meeting = rec_meeting,
					  .prepare = rec_free_refresh,
					  .free_ctx = rec_free};

enum { NT_AT = NF_AT, NT_SPEAKER = NF_SPEAKER, NT_KIND = NF_KIND, NT_TEXT = NF_TEXT };

static const char *kind_choice(int i)
{
	return ui_note_kind_name((enum note_kind)i);
}

static const struct form_field note_fields[] = {
    {N_("Time"), FK_TEXT, NT_AT, 0, NULL, N_("HH:MM")},
    {N_("Speaker"), FK_TEXT, NT_SPEAKER, 0, NULL, NULL},
    {N_("Kind"), FK_CHOICE, NT_KIND, NK__COUNT, kind_choice, NULL},
    {N_("Text"), FK_MULTILINE, NT_TEXT, 0, NULL, NULL},
};

static const struct note *find_note(const struct meeting *m, int64_t id)
{
	for (size_t i = 0; m && i < m->n_agenda; i++)
		for (size_t j = 0; j < m->agenda[i].n_notes; j++)
			if (m->agenda[i].notes[j].id == id)
				return &m->agenda[i].notes[j];
	return NULL;
}

static char *note_get(struct ui *ui, void *ctx, int key)
{
	struct rec *r = ctx;
	if (!r->m)
		rec_refresh(ui, ctx);
	const struct note *n = find_note(r->m, r->id);
	if (!n)
		return NULL;
	switch (key) {
	case NT_AT:
		return time_or_null(n->at);
	case NT_SPEAKER:
		return xstrdup(n->speaker);
	case NT_KIND:
		return xasprintf("%d", n->kind);
	case NT_TEXT:
		return xstrdup(n->text);
	}
	return NULL;
}

static int note_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct rec *r = ctx;
	rec_release(r);
	if (key == NT_KIND)
		value = note_kind_name((enum note_kind)atoi(value));
	return store_note_set(ui_store(ui), r->id, (enum note_field)key, value, cause);
}

static const struct form_ops note_form = {.get = note_get,
					  .set = note_set,
					  .meeting = rec_meeting,
					  .prepare = rec_free_refresh,
					  .free_ctx = rec_free};

static int item_add_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	int64_t id;
	if (store_item_add(ui_store(sc->ui), r->meeting, text, &id, cause) < 0)
		return -1;
	rec_added(r, RK_ITEM, id);
	ui_info(sc->ui, "%s", _("Agenda item added: Enter sets the presenter and times"));
	return UI_RELOAD_ALL;
}

static int note_add_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	int64_t id;
	if (store_note_add(ui_store(sc->ui), r->id, NULL, NULL, NK_STATEMENT, text, &id, cause) < 0)
		return -1;
	rec_added(r, RK_NOTE, id);
	ui_info(sc->ui, "%s", _("Note added: Enter sets the speaker, time and kind"));
	return UI_RELOAD_ALL;
}

static int ag_key(struct mtab *t, const struct ui_event *ev)
{
	struct ltab *l = L(t);
	if (listview_key(&l->lv, ev->act))
		return UI_REDRAW;
	struct trow *r = sel_row(l);
	if (ev->act == ACT_ADD) {
		ui_prompt(t->ui, _("Title of the new agenda item:"), "", item_add_done,
			  rec_add(l, 0, 0));
		return UI_OK;
	}
	if (!r)
		return UI_UNHANDLED;
	const struct agenda_item *it = &t->m->agenda[r->index];
	int is_note = r->kind == RK_NOTE;
	switch (ev->act) {
	case ACT_ADD_NOTE:
		ui_prompt(t->ui, _("Note:"), "", note_add_done, rec_add(l, it->id, 0));
		return UI_OK;
	case ACT_EDIT: {
		char *title = is_note ? xasprintf(_("Note under: %s"), it->title)
				      : xasprintf(_("Agenda item %d"), r->index + 1);
		if (is_note)
			screen_form_open(t->ui, title, note_fields, BB_ARRAY_LEN(note_fields),
					 &note_form, rec_new(t->meeting_id, r->id, 0));
		else
			screen_form_open(t->ui, title, item_fields, BB_ARRAY_LEN(item_fields),
					 &item_form, rec_new(t->meeting_id, r->id, 0));
		free(title);
		return UI_OK;
	}
	case ACT_DELETE: {
		char *what = is_note ? xstrdup(_("this note"))
				     : xasprintf(_("agenda item %d and its %zu notes"),
						 r->index + 1, it->n_notes);
		ask_delete(t->ui, what, r->id, is_note ? store_note_delete : store_item_delete);
		free(what);
		return UI_OK;
	}
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN: {
		int delta = ev->act == ACT_MOVE_UP ? -1 : 1;
		char *cause = NULL;
		int rc = is_note ? store_note_move(ui_store(t->ui), r->id, delta, &cause)
				 : store_item_move(ui_store(t->ui), r->id, delta, &cause);
		return report(t->ui, rc, cause, NULL); /* the selection follows by id */
	}
	default:
		return UI_UNHANDLED;
	}
}

const struct meeting_tab_ops tab_agenda = {
    .name = "agenda",
    .label = N_("Agenda"),
    .keymap = &keymap_agenda,
    .open = lt_open,
    .draw = ag_draw,
    .key = ag_key,
    .reload = ag_reload,
    .focus = lt_focus,
    .close = lt_close,
};

/* ==== proposals ==== */

static const struct keybind proposal_binds[] = {
    KCH('\r', ACT_EDIT),     KFN(KEY_ENTER, ACT_EDIT), KCH('a', ACT_ADD),
    KFN(KEY_IC, ACT_ADD),    KCH('s', ACT_STATUS),     KCH('d', ACT_DELETE),
    KFN(KEY_DC, ACT_DELETE), KCH('K', ACT_MOVE_UP),    KCH('J', ACT_MOVE_DOWN),
};
static const enum action proposal_bar[] = {ACT_EDIT, ACT_ADD, ACT_STATUS, ACT_DELETE};
const struct keymap keymap_proposals = KEYMAP("meeting.proposals", N_("Meeting: proposals"),
					      proposal_binds, proposal_bar, &keymap_meeting);

static void build_proposals(struct ltab *l)
{
	for (size_t i = 0; i < l->t->m->n_proposals; i++)
		add_row(l, RK_PROPOSAL, l->t->m->proposals[i].id, (int)i, 0, 0);
}

static void pr_reload(struct mtab *t)
{
	rebuild(t, build_proposals);
}

static void pr_draw(struct mtab *t, WINDOW *w)
{
	lt_draw_list(t, w, _("No proposals yet: a adds one."));
}

static const char *task_choice(int i)
{
	return ui_task_status_name((enum task_status)i);
}

static const struct form_field proposal_fields[] = {
    {N_("Unit"), FK_TEXT, PF_UNIT, 0, NULL, NULL},
    {N_("Proposal"), FK_MULTILINE, PF_TEXT, 0, NULL, NULL},
    {N_("Answer"), FK_MULTILINE, PF_ANSWER, 0, NULL, N_("the chair's answer")},
    {N_("Status"), FK_CHOICE, PF_STATUS, TS__COUNT, task_choice, NULL},
};

static char *prop_get(struct ui *ui, void *ctx, int key)
{
	struct rec *r = ctx;
	if (!r->m)
		rec_refresh(ui, ctx);
	for (size_t i = 0; r->m && i < r->m->n_proposals; i++) {
		const struct proposal *p = &r->m->proposals[i];
		if (p->id != r->id)
			continue;
		switch (key) {
		case PF_UNIT:
			return xstrdup(p->unit);
		case PF_TEXT:
			return xstrdup(p->text);
		case PF_ANSWER:
			return xstrdup(p->answer);
		case PF_STATUS:
			return xasprintf("%d", p->status);
		}
	}
	return NULL;
}

static int prop_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct rec *r = ctx;
	rec_release(r);
	if (key == PF_STATUS)
		value = task_status_name((enum task_status)atoi(value));
	return store_proposal_set(ui_store(ui), r->id, (enum proposal_field)key, value, cause);
}

static const struct form_ops proposal_form = {.get = prop_get,
					      .set = prop_set,
					      .meeting = rec_meeting,
					      .prepare = rec_free_refresh,
					      .free_ctx = rec_free};

static int prop_add_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	int64_t id;
	if (store_proposal_add(ui_store(sc->ui), r->meeting, NULL, text, &id, cause) < 0)
		return -1;
	rec_added(r, RK_PROPOSAL, id);
	ui_info(sc->ui, "%s", _("Proposal added: Enter sets the unit and the answer"));
	return UI_RELOAD_ALL;
}

static int pr_key(struct mtab *t, const struct ui_event *ev)
{
	struct ltab *l = L(t);
	if (listview_key(&l->lv, ev->act))
		return UI_REDRAW;
	if (ev->act == ACT_ADD) {
		ui_prompt(t->ui, _("Proposal:"), "", prop_add_done, rec_add(l, 0, 0));
		return UI_OK;
	}
	struct trow *r = sel_row(l);
	if (!r)
		return UI_UNHANDLED;
	const struct proposal *p = &t->m->proposals[r->index];
	char *cause = NULL;
	switch (ev->act) {
	case ACT_EDIT: {
		char *title = xasprintf(_("Proposal %d"), r->index + 1);
		screen_form_open(t->ui, title, proposal_fields, BB_ARRAY_LEN(proposal_fields),
				 &proposal_form, rec_new(t->meeting_id, p->id, 0));
		free(title);
		return UI_OK;
	}
	case ACT_STATUS:
		return report(t->ui,
			      store_proposal_set(ui_store(t->ui), p->id, PF_STATUS,
						 task_status_name((p->status + 1) % TS__COUNT),
						 &cause),
			      cause, NULL);
	case ACT_DELETE: {
		char *what = xasprintf(_("proposal %d"), r->index + 1);
		ask_delete(t->ui, what, p->id, store_proposal_delete);
		free(what);
		return UI_OK;
	}
	case ACT_MOVE_UP:
		return row_move(t, p->id, -1, store_proposal_move);
	case ACT_MOVE_DOWN:
		return row_move(t, p->id, 1, store_proposal_move);
	default:
		return UI_UNHANDLED;
	}
}

const struct meeting_tab_ops tab_proposals = {
    .name = "proposals",
    .label = N_("Proposals"),
    .keymap = &keymap_proposals,
    .open = lt_open,
    .draw = pr_draw,
    .key = pr_key,
    .reload = pr_reload,
    .focus = lt_focus,
    .close = lt_close,
};

/* ==== conclusions and directives ==== */

static const struct keybind conclusion_binds[] = {
    KCH('\r', ACT_EDIT),     KFN(KEY_ENTER, ACT_EDIT), KCH('a', ACT_ADD),
    KFN(KEY_IC, ACT_ADD),    KCH('s', ACT_STATUS),     KCH('d', ACT_DELETE),
    KFN(KEY_DC, ACT_DELETE), KCH('K', ACT_MOVE_UP),    KCH('J', ACT_MOVE_DOWN),
};
static const enum action conclusion_bar[] = {ACT_EDIT,	 ACT_ADD,     ACT_STATUS,
					     ACT_DELETE, ACT_MOVE_UP, ACT_MOVE_DOWN};
const struct keymap keymap_conclusions =
    KEYMAP("meeting.conclusions", N_("Meeting: conclusions and directives"), conclusion_binds,
	   conclusion_bar, &keymap_meeting);

static void build_conclusions(struct ltab *l)
{
	struct mtab *t = l->t;
	for (size_t i = 0; i < l->n_concl; i++)
		free(l->concl[i].text);
	free(l->concl);
	l->concl = NULL;
	l->n_concl = 0;
	char *cause = NULL;
	if (store_conclusions_list(ui_store(t->ui), t->meeting_id, &l->concl, &l->n_concl, &cause) <
	    0) {
		ui_error(t->ui, "%s", cause);
		free(cause);
	}
	add_row(l, RK_HEADING, 0, 0, 0, 0);
	for (size_t i = 0; i < l->n_concl; i++)
		add_row(l, RK_CONCLUSION, l->concl[i].id, (int)i, 0, 0);
	if (!l->n_concl)
		add_row(l, RK_EMPTY, 0, 0, 0, 0);
	add_row(l, RK_HEADING, 0, 0, 0, 1);
	for (size_t i = 0; i < t->m->n_directives; i++)
		add_row(l, RK_DIRECTIVE, t->m->directives[i].id, (int)i, 0, 1);
	if (!t->m->n_directives)
		add_row(l, RK_EMPTY, 1, 0, 0, 1);
}

static void co_reload(struct mtab *t)
{
	rebuild(t, build_conclusions);
}

static void co_draw(struct mtab *t, WINDOW *w)
{
	lt_draw_list(t, w, "");
}

static const struct form_field conclusion_fields[] = {
    {N_("Conclusion"), FK_MULTILINE, 0, 0, NULL, NULL},
};

static char *concl_get(struct ui *ui, void *ctx, int key)
{
	struct rec *r = ctx;
	struct text_row *rows;
	size_t n;
	char *v = NULL;
	(void)key;
	if (store_conclusions_list(ui_store(ui), r->meeting, &rows, &n, NULL) < 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].id == r->id)
			v = xstrdup(rows[i].text);
		free(rows[i].text);
	}
	free(rows);
	return v;
}

static int concl_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct rec *r = ctx;
	(void)key;
	return store_conclusion_set(ui_store(ui), r->id, value, cause);
}

static const struct form_ops conclusion_form = {
    .get = concl_get, .set = concl_set, .meeting = rec_meeting};

static const struct form_field directive_fields[] = {
    {N_("Directive"), FK_MULTILINE, DF_TEXT, 0, NULL, NULL},
    {N_("Owner"), FK_TEXT, DF_OWNER, 0, NULL, N_("unit or person")},
    {N_("Due"), FK_TEXT, DF_DUE, 0, NULL, N_("DD/MM/YYYY")},
    {N_("Status"), FK_CHOICE, DF_STATUS, TS__COUNT, task_choice, NULL},
};

static char *dir_get(struct ui *ui, void *ctx, int key)
{
	struct rec *r = ctx;
	char tm[32];
	if (!r->m)
		rec_refresh(ui, ctx);
	for (size_t i = 0; r->m && i < r->m->n_directives; i++) {
		const struct directive *d = &r->m->directives[i];
		if (d->id != r->id)
			continue;
		switch (key) {
		case DF_TEXT:
			return xstrdup(d->text);
		case DF_OWNER:
			return xstrdup(d->owner);
		case DF_DUE:
			return d->due ? xstrdup(ui_time(d->due, tm, sizeof tm)) : NULL;
		case DF_STATUS:
			return xasprintf("%d", d->status);
		}
	}
	return NULL;
}

static int dir_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct rec *r = ctx;
	rec_release(r);
	if (key == DF_STATUS)
		value = task_status_name((enum task_status)atoi(value));
	return store_directive_set(ui_store(ui), r->id, (enum directive_field)key, value, cause);
}

static const struct form_ops directive_form = {.get = dir_get,
					       .set = dir_set,
					       .meeting = rec_meeting,
					       .prepare = rec_free_refresh,
					       .free_ctx = rec_free};

static int concl_add_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	int64_t id;
	int rc = r->kind ? store_directive_add(ui_store(sc->ui), r->meeting, text, &id, cause)
			 : store_conclusion_add(ui_store(sc->ui), r->meeting, text, &id, cause);
	if (rc < 0)
		return -1;
	rec_added(r, r->kind ? RK_DIRECTIVE : RK_CONCLUSION, id);
	ui_info(sc->ui, "%s",
		r->kind ? _("Directive added: Enter sets the owner and the due date")
			: _("Conclusion added"));
	return UI_RELOAD_ALL;
}

static int co_key(struct mtab *t, const struct ui_event *ev)
{
	struct ltab *l = L(t);
	if (listview_key(&l->lv, ev->act)) {
		skip_heading(l, ev->act == ACT_UP || ev->act == ACT_PAGE_UP ? -1 : 1);
		return UI_REDRAW;
	}
	struct trow *r = sel_row(l);
	if (!r)
		return UI_UNHANDLED;
	char *cause = NULL;
	if (ev->act == ACT_ADD) {
		ui_prompt(t->ui, r->section ? _("New directive:") : _("New conclusion:"), "",
			  concl_add_done, rec_add(l, 0, r->section));
		return UI_OK;
	}
	if (r->kind == RK_CONCLUSION) {
		switch (ev->act) {
		case ACT_EDIT: {
			char *title = xasprintf(_("Conclusion %d"), r->index + 1);
			screen_form_open(t->ui, title, conclusion_fields, 1, &conclusion_form,
					 rec_new(t->meeting_id, r->id, 0));
			free(title);
			return UI_OK;
		}
		case ACT_DELETE: {
			char *what = xasprintf(_("conclusion %d"), r->index + 1);
			ask_delete(t->ui, what, r->id, store_conclusion_delete);
			free(what);
			return UI_OK;
		}
		case ACT_MOVE_UP:
			return row_move(t, r->id, -1, store_conclusion_move);
		case ACT_MOVE_DOWN:
			return row_move(t, r->id, 1, store_conclusion_move);
		case ACT_STATUS:
			ui_info(t->ui, "%s", _("Conclusions have no status; directives do"));
			return UI_REDRAW;
		default:
			return UI_UNHANDLED;
		}
	}
	if (r->kind == RK_DIRECTIVE) {
		const struct directive *d = &t->m->directives[r->index];
		switch (ev->act) {
		case ACT_EDIT: {
			char *title = xasprintf(_("Directive %d"), r->index + 1);
			screen_form_open(t->ui, title, directive_fields,
					 BB_ARRAY_LEN(directive_fields), &directive_form,
					 rec_new(t->meeting_id, d->id, 0));
			free(title);
			return UI_OK;
		}
		case ACT_STATUS:
			return report(t->ui,
				      store_directive_set(
					  ui_store(t->ui), d->id, DF_STATUS,
					  task_status_name((d->status + 1) % TS__COUNT), &cause),
				      cause, NULL);
		case ACT_DELETE: {
			char *what = xasprintf(_("directive %d"), r->index + 1);
			ask_delete(t->ui, what, d->id, store_directive_delete);
			free(what);
			return UI_OK;
		}
		case ACT_MOVE_UP:
			return row_move(t, d->id, -1, store_directive_move);
		case ACT_MOVE_DOWN:
			return row_move(t, d->id, 1, store_directive_move);
		default:
			return UI_UNHANDLED;
		}
	}
	if (ev->act == ACT_EDIT) {
		ui_info(t->ui, "%s", _("Nothing to edit here: a adds one"));
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

const struct meeting_tab_ops tab_conclusions = {
    .name = "conclusions",
    .label = N_("Conclusions"),
    .keymap = &keymap_conclusions,
    .open = lt_open,
    .draw = co_draw,
    .key = co_key,
    .reload = co_reload,
    .focus = lt_focus,
    .close = lt_close,
};
