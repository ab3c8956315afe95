/* screen_meeting_conclusions.c - the conclusions tab: the conclusions and the
 * directives (owner, due date, status) of the meeting. */
#include <stdlib.h>
#include <string.h>

#include "meeting_list.h"
#include "store_directory.h"
#include "store_edit.h"
#include "text.h"

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
	mlist_add(l, RK_HEADING, 0, 0, 0, 0);
	for (size_t i = 0; i < l->n_concl; i++)
		mlist_add(l, RK_CONCLUSION, l->concl[i].id, (int)i, 0, 0);
	if (!l->n_concl)
		mlist_add(l, RK_EMPTY, 0, 0, 0, 0);
	mlist_add(l, RK_HEADING, 0, 0, 0, 1);
	for (size_t i = 0; i < t->m->n_directives; i++)
		mlist_add(l, RK_DIRECTIVE, t->m->directives[i].id, (int)i, 0, 1);
	if (!t->m->n_directives)
		mlist_add(l, RK_EMPTY, 1, 0, 0, 1);
}

static void co_reload(struct mtab *t)
{
	mlist_rebuild(t, build_conclusions);
}

static void co_draw(struct mtab *t, WINDOW *w)
{
	mlist_draw(t, w, "");
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
    .get = concl_get, .set = concl_set, .meeting = mrec_meeting};

static const struct form_field directive_fields[] = {
    {N_("Directive"), FK_MULTILINE, DF_TEXT, 0, NULL, NULL},
    {N_("Owner"), FK_TEXT, DF_OWNER, 0, NULL, N_("unit or person")},
    {N_("Due"), FK_TEXT, DF_DUE, 0, NULL, N_("DD/MM/YYYY")},
    {N_("Status"), FK_CHOICE, DF_STATUS, TS__COUNT, mlist_task_choice, NULL},
};

static char *dir_get(struct ui *ui, void *ctx, int key)
{
	struct rec *r = ctx;
	char tm[32];
	if (!r->m)
		mrec_refresh(ui, ctx);
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

/* The owner typed in the form as the live screen's picker would take it:
 * words of one of the meeting's attendees' units or names ("hoai an") stand for
 * its name as the minutes print it ("Huyện đoàn Hoài Ân"); no match, or
 * more than one, is kept as typed. Allocated, or NULL to keep value. */
static char *owner_named(const struct meeting *m, const char *value)
{
	if (!m || str_empty(value) || !m->n_attendees)
		return NULL;
	char *fq = text_fold(value);
	text_trim(fq);
	const char *found = NULL;
	int n = 0, exact = 0;
	/* The units first (a unit's delegate holds its name too: "phu cat"
	 * is the unit), then the people. A name typed whole without its
	 * marks ("huyen doan phu my") is that name. */
	for (int pass = 0; pass < 2 && !n && fq[0]; pass++)
		for (size_t k = 0; k < m->n_attendees && !exact; k++) {
			const struct attendee *a = &m->attendees[k];
			const char *name = pass ? a->name : a->unit;
			if (str_empty(name) || str_eq(found, name))
				continue;
			char *f = text_fold(name);
			if (strcmp(f, fq) == 0 || strstr(f, fq)) {
				exact = strcmp(f, fq) == 0;
				found = exact || !n ? name : found;
				n = exact ? 1 : n + 1;
			}
			free(f);
		}
	free(fq);
	return n == 1 && !str_eq(found, value) ? xstrdup(found) : NULL;
}

static int dir_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct rec *r = ctx;
	char day[11] = "";
	if (!r->m)
		mrec_refresh(ui, ctx);
	if (r->m && r->m->starts_at && strlen(r->m->starts_at) >= 10)
		snprintf(day, sizeof day, "%.10s", r->m->starts_at);
	char *named = NULL;
	if (key == DF_OWNER && !str_empty(value)) {
		/* A date typed here belongs in the due date. */
		char *date = store_parse_date(value, NULL);
		free(date);
		if (date) {
			mrec_release(r);
			return set_cause(cause, _("“%s” is a date: the due date goes in Due"), value);
		}
		named = owner_named(r->m, value);
	}
	mrec_release(r);
	if (named) {
		int rc = store_directive_set(ui_store(ui), r->id, DF_OWNER, named, cause);
		if (rc == 0)
			ui_info(ui, _("Saved: Owner: %s (for “%s”)"), named, value);
		free(named);
		return rc < 0 ? -1 : 1;
	}
	if (key == DF_STATUS)
		value = task_status_name((enum task_status)atoi(value));
	if (store_directive_set(ui_store(ui), r->id, (enum directive_field)key, value, cause) < 0)
		return -1;
	/* A due date before the meeting's day is taken, and said, as on the
	 * live screen: a typo in the year is the usual cause. */
	char *due = key == DF_DUE && day[0] && value && *value ? store_parse_date(value, NULL) : NULL;
	int early = due && strcmp(due, day) < 0;
	if (early)
		ui_info(ui, _("Saved; the due date %s is before the meeting's day"), value);
	free(due);
	return early; /* 1: said, the form says nothing more */
}

static const struct form_ops directive_form = {.get = dir_get,
					       .set = dir_set,
					       .meeting = mrec_meeting,
					       .prepare = mrec_free_refresh,
					       .free_ctx = mrec_free};

static int concl_add_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	int64_t id;
	int rc = r->kind ? store_directive_add(ui_store(sc->ui), r->meeting, text, &id, cause)
			 : store_conclusion_add(ui_store(sc->ui), r->meeting, text, &id, cause);
	if (rc < 0)
		return -1;
	mrec_added(r, r->kind ? RK_DIRECTIVE : RK_CONCLUSION, id);
	ui_info(sc->ui, "%s",
		r->kind ? _("Directive added: Enter sets the owner and the due date")
			: _("Conclusion added"));
	return UI_RELOAD_ALL;
}

/* A key on a conclusion's row. */
static int co_conclusion_key(struct mtab *t, const struct trow *r, enum action act)
{
	switch (act) {
	case ACT_EDIT: {
		char *title = xasprintf(_("Conclusion %d"), r->index + 1);
		screen_form_open(t->ui, title, conclusion_fields, 1, &conclusion_form,
				 mrec_new(t->meeting_id, r->id, 0));
		free(title);
		return UI_OK;
	}
	case ACT_DELETE: {
		char *what = xasprintf(_("conclusion %d"), r->index + 1);
		mlist_ask_delete(t->ui, what, r->id, store_conclusion_delete);
		free(what);
		return UI_OK;
	}
	case ACT_MOVE_UP:
		return mlist_move(t, r->id, -1, store_conclusion_move);
	case ACT_MOVE_DOWN:
		return mlist_move(t, r->id, 1, store_conclusion_move);
	case ACT_STATUS:
		ui_info(t->ui, "%s", _("Conclusions have no status; directives do"));
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

/* A key on a directive's row. */
static int co_directive_key(struct mtab *t, const struct trow *r, enum action act)
{
	char *cause = NULL;
	const struct directive *d = &t->m->directives[r->index];
	switch (act) {
	case ACT_EDIT: {
		char *title = xasprintf(_("Directive %d"), r->index + 1);
		screen_form_open(t->ui, title, directive_fields, BB_ARRAY_LEN(directive_fields),
				 &directive_form, mrec_new(t->meeting_id, d->id, 0));
		free(title);
		return UI_OK;
	}
	case ACT_STATUS:
		return mlist_report(
		    t->ui,
		    store_directive_set(ui_store(t->ui), d->id, DF_STATUS,
					task_status_name((d->status + 1) % TS__COUNT), &cause),
		    cause, NULL);
	case ACT_DELETE: {
		char *what = xasprintf(_("directive %d"), r->index + 1);
		mlist_ask_delete(t->ui, what, d->id, store_directive_delete);
		free(what);
		return UI_OK;
	}
	case ACT_MOVE_UP:
		return mlist_move(t, d->id, -1, store_directive_move);
	case ACT_MOVE_DOWN:
		return mlist_move(t, d->id, 1, store_directive_move);
	default:
		return UI_UNHANDLED;
	}
}

static int co_key(struct mtab *t, const struct ui_event *ev)
{
	struct ltab *l = mlist_of(t);
	if (listview_key(&l->lv, ev->act)) {
		mlist_skip_heading(l, ev->act == ACT_UP || ev->act == ACT_PAGE_UP ? -1 : 1);
		return UI_REDRAW;
	}
	struct trow *r = mlist_sel(l);
	if (!r)
		return UI_UNHANDLED;
	if (ev->act == ACT_ADD) {
		ui_prompt(t->ui, r->section ? _("New directive:") : _("New conclusion:"), "",
			  concl_add_done, mrec_add(l, 0, r->section));
		return UI_OK;
	}
	if (r->kind == RK_CONCLUSION)
		return co_conclusion_key(t, r, ev->act);
	if (r->kind == RK_DIRECTIVE)
		return co_directive_key(t, r, ev->act);
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
    .open = mlist_open,
    .draw = co_draw,
    .key = co_key,
    .reload = co_reload,
    .focus = mlist_focus,
    .close = mlist_close,
};
