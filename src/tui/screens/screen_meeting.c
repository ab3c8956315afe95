/* screen_meeting.c - one meeting with tabs (meeting_tabs[] in the
 * registry), and its overview tab: the meeting's own fields. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "screens.h"
#include "store_edit.h"
#include "text.h"

#define MAX_TABS 16

struct mscreen {
	struct ui *ui;
	int64_t id;
	struct meeting *m;
	struct mtab tabs[MAX_TABS];
	size_t n_tabs, cur;
	WINDOW *sub; /* the tab's area: the body below the tab bar */
};

static const struct keybind meeting_binds[] = {
    KCH('\t', ACT_NEXT_TAB),	 KFN(KEY_BTAB, ACT_PREV_TAB), KFN(KEY_RIGHT, ACT_NEXT_TAB),
    KFN(KEY_LEFT, ACT_PREV_TAB), KCH('1', ACT_GOTO_TAB),      KCH('2', ACT_GOTO_TAB),
    KCH('3', ACT_GOTO_TAB),	 KCH('4', ACT_GOTO_TAB),      KCH('5', ACT_GOTO_TAB),
    KCH('6', ACT_GOTO_TAB),	 KCH('L', ACT_LIVE),	      KCH('H', ACT_CHANGELOG),
    KCH('E', ACT_EXPORT),	 KCH('A', ACT_APPROVE),	      KCH('R', ACT_REOPEN),
    KCH('F', ACT_FOLLOWUP),
};
static const enum action meeting_bar[] = {ACT_NEXT_TAB};
const struct keymap keymap_meeting =
    KEYMAP("meeting", N_("A meeting (every tab)"), meeting_binds, meeting_bar, &keymap_generic);

static struct mtab *cur_tab(struct mscreen *ms)
{
	return &ms->tabs[ms->cur];
}

static void set_title(struct screen *sc, struct mscreen *ms)
{
	if (ms->m)
		screen_set_title(sc, "%lld · %s", (long long)ms->id, ms->m->title);
	else
		screen_set_title(sc, _("Meeting %lld"), (long long)ms->id);
}

static int load(struct screen *sc)
{
	struct mscreen *ms = sc->data;
	struct meeting *m = NULL;
	char *cause = NULL;
	if (store_meeting_load(ui_store(ms->ui), ms->id, &m, &cause) < 0) {
		ui_error(ms->ui, _("Cannot read meeting %lld: %s"), (long long)ms->id, cause);
		free(cause);
		return -1;
	}
	meeting_free(ms->m);
	ms->m = m;
	for (size_t i = 0; i < ms->n_tabs; i++) {
		ms->tabs[i].m = m;
		if (ms->tabs[i].ops->reload)
			ms->tabs[i].ops->reload(&ms->tabs[i]);
	}
	set_title(sc, ms);
	return 0;
}

static int meeting_reload(struct screen *sc)
{
	struct mscreen *ms = sc->data;
	if (load(sc) < 0 && !store_meeting_exists(ui_store(ms->ui), ms->id)) {
		/* Deleted by someone else: nothing left to show. */
		meeting_free(ms->m);
		ms->m = NULL;
		for (size_t i = 0; i < ms->n_tabs; i++)
			ms->tabs[i].m = NULL;
	}
	return UI_REDRAW;
}

static void meeting_draw(struct screen *sc, WINDOW *w)
{
	struct mscreen *ms = sc->data;
	int width = getmaxx(w), height = getmaxy(w);
	/* The tab bar. The tabs are padded with a space on either side and
	 * separated by one more; when that does not fit (the six Vietnamese
	 * labels need 85 columns), the separators go first, so at 80 columns
	 * every label is still whole. Narrower still, the current tab keeps
	 * its whole label and the others are cut to an equal width, down to
	 * their number: the tab one is on is always named. */
	char *label[MAX_TABS];
	int lw[MAX_TABS], full = 0, bare = 0;
	size_t n = ms->n_tabs;
	for (size_t i = 0; i < n; i++) {
		label[i] = xasprintf(" %zu %s ", i + 1, _(ms->tabs[i].ops->label));
		lw[i] = (int)text_width(label[i]);
		full += lw[i] + 1;
		bare += lw[i];
	}
	int sep = full - 1 <= width, cap = INT_MAX;
	if (bare > width) {
		/* The widest cut that lets the others fit beside the current
		 * one; " 5 " (three columns) at the least. */
		int rest = width - lw[ms->cur < n ? ms->cur : 0];
		for (cap = 3;; cap++) {
			int wider = 0, sum = 0;
			for (size_t i = 0; i < n; i++) {
				if (i == ms->cur)
					continue;
				wider |= lw[i] > cap;
				sum += lw[i] < cap + 1 ? lw[i] : cap + 1;
			}
			if (!wider || sum > rest)
				break;
		}
	}
	int x = 0;
	for (size_t i = 0; i < n; i++) {
		int room = width - x;
		if (i != ms->cur && lw[i] > cap)
			room = room < cap ? room : cap;
		x += ui_put(w, 0, x, room, label[i],
			    ui_attr(i == ms->cur ? ST_TAB_ACTIVE : ST_TAB));
		free(label[i]);
		if (sep && x < width)
			x += ui_put(w, 0, x, width - x, " ", A_NORMAL);
	}
	if (!ms->m) {
		ui_put(w, 2, 2, width - 4, _("This meeting is no longer in the store."), A_BOLD);
		return;
	}
	/* The tab's window is made again whenever its size is not the one
	 * wanted, read from the window itself: a resize while another screen
	 * was on top shrinks it with the body (ncurses' wresize clips the
	 * subwindows of a shrinking window) and does not grow it back. */
	if (!ms->sub || getmaxy(ms->sub) != height - 1 || getmaxx(ms->sub) != width) {
		if (ms->sub)
			delwin(ms->sub);
		ms->sub = derwin(w, height - 1, width, 1, 0);
	}
	if (!ms->sub)
		return;
	werase(ms->sub);
	struct mtab *t = cur_tab(ms);
	t->ops->draw(t, ms->sub);
	touchwin(w);
}

static void goto_tab(struct mscreen *ms, size_t i)
{
	struct mtab *t = cur_tab(ms);
	if (i >= ms->n_tabs || t->editing)
		return;
	ms->cur = i;
}

static int meeting_key(struct screen *sc, const struct ui_event *ev)
{
	struct mscreen *ms = sc->data;
	struct mtab *t = cur_tab(ms);
	if (!ms->m)
		return UI_UNHANDLED;
	if (!t->editing && (actions[ev->act].flags & AF_EDIT) && ui_edit_refused(ms->ui, ms->id))
		return UI_REDRAW;
	int flags = t->ops->key ? t->ops->key(t, ev) : UI_UNHANDLED;
	if (!(flags & UI_UNHANDLED) || t->editing)
		return flags & ~UI_UNHANDLED;
	switch (ev->act) {
	case ACT_NEXT_TAB:
		goto_tab(ms, (ms->cur + 1) % ms->n_tabs);
		return UI_REDRAW;
	case ACT_PREV_TAB:
		goto_tab(ms, (ms->cur + ms->n_tabs - 1) % ms->n_tabs);
		return UI_REDRAW;
	case ACT_GOTO_TAB:
		goto_tab(ms, (size_t)(ev->code - '1'));
		return UI_REDRAW;
	default:
		break;
	}
	for (const struct ui_meeting_action *a = ui_meeting_actions; a->act != ACT_NONE; a++)
		if (a->act == ev->act) {
			if (a->open)
				a->open(ms->ui, ms->id);
			else
				ui_error(ms->ui, _("%s: not available yet"), action_help(ev->act));
			return UI_REDRAW;
		}
	return UI_UNHANDLED;
}

static int meeting_tick(struct screen *sc, long long now)
{
	struct mscreen *ms = sc->data;
	struct mtab *t = cur_tab(ms);
	return t->ops->tick && ms->m ? t->ops->tick(t, now) : UI_OK;
}

static const struct keymap *meeting_keymap(struct screen *sc)
{
	struct mscreen *ms = sc->data;
	struct mtab *t = cur_tab(ms);
	if (t->editing)
		return &keymap_editor;
	return t->ops->keymap ? t->ops->keymap : &keymap_meeting;
}

static void meeting_done(struct screen *sc)
{
	struct mscreen *ms = sc->data;
	for (size_t i = 0; i < ms->n_tabs; i++)
		if (ms->tabs[i].ops->close)
			ms->tabs[i].ops->close(&ms->tabs[i]);
	if (ms->sub)
		delwin(ms->sub);
	meeting_free(ms->m);
	free(ms);
}

/* A field of the tab (the overview's) has the keyboard. */
static int meeting_typing(struct screen *sc)
{
	struct mscreen *ms = sc->data;
	return ms->n_tabs > 0 && cur_tab(ms)->editing;
}

static const struct screen_ops meeting_ops = {
    .name = "meeting",
    .keymap = meeting_keymap,
    .draw = meeting_draw,
    .key = meeting_key,
    .reload = meeting_reload,
    .tick = meeting_tick,
    .done = meeting_done,
    .typing = meeting_typing,
};

int screen_meeting_open(struct ui *ui, int64_t id, const char *tab, enum meeting_row_kind kind,
			int64_t row)
{
	struct mscreen *ms = xcalloc(1, sizeof *ms);
	ms->ui = ui;
	ms->id = id;
	struct screen *sc = ui_push(ui, &meeting_ops, ms);
	for (size_t i = 0; meeting_tabs[i] && ms->n_tabs < MAX_TABS; i++) {
		struct mtab *t = &ms->tabs[ms->n_tabs++];
		t->ops = meeting_tabs[i];
		t->ui = ui;
		t->sc = sc;
		t->meeting_id = id;
		if (tab && strcmp(tab, t->ops->name) == 0)
			ms->cur = ms->n_tabs - 1;
	}
	for (size_t i = 0; i < ms->n_tabs; i++)
		if (ms->tabs[i].ops->open)
			ms->tabs[i].ops->open(&ms->tabs[i]);
	/* load() hands the meeting to every tab (reload). */
	if (load(sc) < 0) {
		ui_pop(ui);
		return -1;
	}
	if (kind != MR_NONE && row > 0 && cur_tab(ms)->ops->focus)
		cur_tab(ms)->ops->focus(cur_tab(ms), kind, row);
	return 0;
}

/* ==== the overview tab ==== */

enum {
	OV_TITLE = MF_TITLE,
	OV_CONFERENCE = MF_CONFERENCE,
	OV_CLUSTER = MF_CLUSTER,
	OV_PERIOD = MF_PERIOD,
	OV_STARTS = MF_STARTS_AT,
	OV_ENDS = MF_ENDS_AT,
	OV_LOCATION = MF_LOCATION,
	OV_HOST = MF_HOST_UNIT,
	OV_DOCNO = MF_DOCUMENT_NUMBER,
	OV_NOTICENO = MF_NOTICE_NUMBER,
	OV_CHAIR = 100,
	OV_SECRETARY,
	OV_STATUS,
};

static const struct form_field overview_fields[] = {
    {N_("Title"), FK_MULTILINE, OV_TITLE, 0, NULL, NULL},
    {N_("Conference"), FK_TEXT, OV_CONFERENCE, 0, NULL, NULL},
    {N_("Cluster"), FK_TEXT, OV_CLUSTER, 0, NULL, N_("number, e.g. 4")},
    {N_("Period"), FK_TEXT, OV_PERIOD, 0, NULL, N_("quarter, e.g. I/2023")},
    {N_("Starts"), FK_TEXT, OV_STARTS, 0, NULL, N_("YYYY-MM-DD HH:MM")},
    {N_("Ends"), FK_TEXT, OV_ENDS, 0, NULL, N_("HH:MM or YYYY-MM-DD HH:MM")},
    {N_("Location"), FK_TEXT, OV_LOCATION, 0, NULL, NULL},
    {N_("Host unit"), FK_TEXT, OV_HOST, 0, NULL, NULL},
    {N_("Chair"), FK_READONLY, OV_CHAIR, 0, NULL,
     N_("set in the Attendees tab (r changes the role)")},
    {N_("Secretary"), FK_READONLY, OV_SECRETARY, 0, NULL,
     N_("set in the Attendees tab (r changes the role)")},
    {N_("Document number"), FK_TEXT, OV_DOCNO, 0, NULL, N_("e.g. 12-BB/TĐTN-VP")},
    {N_("Notice number"), FK_TEXT, OV_NOTICENO, 0, NULL,
     N_("the notice of conclusions' own number, e.g. 15-TB/TĐTN-VP")},
    {N_("Status"), FK_READONLY, OV_STATUS, 0, NULL,
     N_("changes with live note taking, approve and reopen")},
};

static const struct keybind overview_binds[] = {
    KCH('\r', ACT_EDIT),
    KFN(KEY_ENTER, ACT_EDIT),
    KCH('e', ACT_EDIT),
};
static const enum action overview_bar[] = {ACT_EDIT, ACT_LIVE, ACT_EXPORT};
const struct keymap keymap_overview = KEYMAP("meeting.overview", N_("Meeting: overview"),
					     overview_binds, overview_bar, &keymap_meeting);

static char *attendee_with_role(const struct meeting *m, enum role r)
{
	const struct attendee *a = meeting_role(m, r);
	if (!a)
		return NULL;
	return a->title ? xasprintf("%s — %s", a->name, a->title) : xstrdup(a->name);
}

static char *ov_get(struct ui *ui, void *ctx, int key)
{
	struct mtab *t = ctx;
	const struct meeting *m = t->m;
	char tm[32];
	(void)ui;
	if (!m)
		return NULL;
	switch (key) {
	case OV_TITLE:
		return xstrdup(m->title);
	case OV_CONFERENCE:
		return xstrdup(m->conference);
	case OV_CLUSTER:
		return m->cluster ? xasprintf("%d", m->cluster) : NULL;
	case OV_PERIOD:
		return xstrdup(m->period);
	case OV_STARTS:
		return m->starts_at ? xstrdup(ui_time(m->starts_at, tm, sizeof tm)) : NULL;
	case OV_ENDS:
		return m->ends_at ? xstrdup(ui_time(m->ends_at, tm, sizeof tm)) : NULL;
	case OV_LOCATION:
		return xstrdup(m->location);
	case OV_HOST:
		return xstrdup(m->host_unit);
	case OV_DOCNO:
		return xstrdup(m->document_number);
	case OV_NOTICENO:
		return xstrdup(m->notice_number);
	case OV_CHAIR:
		return attendee_with_role(m, ROLE_CHAIR);
	case OV_SECRETARY:
		return attendee_with_role(m, ROLE_SECRETARY);
	case OV_STATUS:
		return xstrdup(ui_status_name(m->status));
	}
	return NULL;
}

/* The host unit typed short ("phu cat"): the one unit of the meeting's
 * attendees or its cluster whose name it is (*named), as a speaker or a
 * directive's owner is found; words of several units are refused, to
 * type more; words of none stay as typed (*named NULL). */
static int host_named(struct ui *ui, const struct mtab *t, const char *value, char **named,
		      char **cause)
{
	*named = NULL;
	if (!t->m || !value || !*value)
		return 0;
	const char **units = xcalloc(t->m->n_attendees + 1, sizeof *units);
	size_t n = 0;
	for (size_t i = 0; i < t->m->n_attendees; i++)
		if (!str_empty(t->m->attendees[i].unit))
			units[n++] = t->m->attendees[i].unit;
	struct cluster cl = {0};
	char *why = NULL;
	int have = t->m->cluster > 0 && store_cluster_get(ui_store(ui), t->m->cluster, &cl, &why) == 0;
	free(why);
	if (have) {
		units = xreallocarray(units, n + cl.n_units + 1, sizeof *units);
		for (size_t i = 0; i < cl.n_units; i++)
			units[n++] = cl.units[i];
	}
	int several = 0;
	const char *found = text_one_named(value, units, n, &several);
	int rc = 0;
	if (several)
		rc = set_cause(cause, _("“%s” fits more than one unit: type more of the name"), value);
	else if (found && !str_eq(found, value))
		*named = xstrdup(found);
	free(units);
	if (have)
		cluster_free(&cl);
	return rc;
}

static int ov_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct mtab *t = ctx;
	if (key >= MF__COUNT)
		return set_cause(cause, "%s", _("This field cannot be edited here"));
	char *named = NULL;
	if (key == OV_HOST && host_named(ui, t, value, &named, cause) < 0)
		return -1;
	int rc = store_meeting_set(ui_store(ui), t->meeting_id, (enum meeting_field)key,
				   named ? named : value, cause);
	free(named); /* the field shows the name saved */
	if (rc < 0)
		return -1;
	/* The tab shows t->m: read the meeting again before the form does. */
	struct screen *sc = t->sc;
	load(sc);
	if (key == OV_CLUSTER)
		screen_followup_offer(ui, t->meeting_id);
	return 0;
}

static int64_t ov_meeting(void *ctx)
{
	struct mtab *t = ctx;
	return t->meeting_id;
}

static const struct form_ops overview_ops = {.get = ov_get, .set = ov_set, .meeting = ov_meeting};

static void ov_open(struct mtab *t)
{
	struct formw *f = xcalloc(1, sizeof *f);
	formw_init(f, t->ui, overview_fields, BB_ARRAY_LEN(overview_fields), &overview_ops, t);
	t->data = f;
}

static void ov_draw(struct mtab *t, WINDOW *w)
{
	struct formw *f = t->data;
	formw_draw(f, w, 1, getmaxy(w) - 1, getmaxx(w));
}

static int ov_key(struct mtab *t, const struct ui_event *ev)
{
	struct formw *f = t->data;
	int flags = formw_key(f, ev);
	t->editing = f->editing;
	/* The form's RELOAD_ALL after a save: the meeting was read again. */
	return flags;
}

static void ov_reload(struct mtab *t)
{
	struct formw *f = t->data;
	if (f && !f->editing)
		formw_reload(f);
}

static void ov_close(struct mtab *t)
{
	struct formw *f = t->data;
	if (f) {
		formw_done(f);
		free(f);
	}
}

const struct meeting_tab_ops tab_overview = {
    .name = "overview",
    .label = N_("Overview"),
    .keymap = &keymap_overview,
    .open = ov_open,
    .draw = ov_draw,
    .key = ov_key,
    .reload = ov_reload,
    .close = ov_close,
};
