/* screen_meeting_attendees.c - the attendees tab (roll call): presence, roles,
 * substitutes, guests; a person picked from the directory. */
#include <stdlib.h>
#include <string.h>

#include "meeting_list.h"
#include "store_directory.h"
#include "store_edit.h"
#include "text.h"

/* ==== attendees ==== */

static const struct keybind attendee_binds[] = {
    KCH('\r', ACT_EDIT),	 KFN(KEY_ENTER, ACT_EDIT), KCH('a', ACT_ADD),
    KFN(KEY_IC, ACT_ADD),	 KCH('g', ACT_ADD_GUEST),  KCH('d', ACT_DELETE),
    KFN(KEY_DC, ACT_DELETE),	 KCH('K', ACT_MOVE_UP),	   KCH('J', ACT_MOVE_DOWN),
    KCH('p', ACT_PRESENT),	 KCH('l', ACT_LATE),	   KCH('x', ACT_EXCUSED),
    KCH('b', ACT_ABSENT),	 KCH('r', ACT_ROLE),	   KCH('s', ACT_SUBSTITUTE),
    KCH('P', ACT_FROM_PREVIOUS),
};
static const enum action attendee_bar[] = {ACT_PRESENT, ACT_LATE, ACT_EXCUSED,	 ACT_ABSENT,
					   ACT_ROLE,	ACT_ADD,  ACT_ADD_GUEST, ACT_EDIT};
const struct keymap keymap_attendees =
    KEYMAP("meeting.attendees", N_("Meeting: attendees (roll call)"), attendee_binds, attendee_bar,
	   &keymap_meeting);

static void build_attendees(struct ltab *l)
{
	for (size_t i = 0; i < l->t->m->n_attendees; i++)
		mlist_add(l, RK_ATTENDEE, l->t->m->attendees[i].id, (int)i, 0, 0);
}

static void att_reload(struct mtab *t)
{
	mlist_rebuild(t, build_attendees);
}

static void att_draw(struct mtab *t, WINDOW *w)
{
	mlist_draw(t, w,
		   _("No attendees yet: P takes the list of the cluster's previous meeting, a adds "
		     "from the directory, g adds a guest."));
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

static const char *presence_choice(int i)
{
	return ui_presence_name((enum presence)i);
}

static const struct form_field attendee_fields[] = {
    {N_("Name"), FK_TEXT, AT_NAME, 0, NULL, NULL},
    {N_("Job title"), FK_TEXT, AT_TITLE, 0, NULL, NULL},
    {N_("Unit"), FK_TEXT, AT_UNIT, 0, NULL, NULL},
    /* Not cycled: chosen from the list of roles (r in the tab). */
    {N_("Role"), FK_READONLY, AT_ROLE, 0, NULL,
     N_("r in the attendee list chooses the role from a short list")},
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

/* ---- the role, chosen from a short list ---- */

/* One allocation (the picker frees its ctx with free()): the names of
 * who holds the chair and the secretary live in text, at off[role] (0:
 * nobody; text[0] is a NUL). */
struct role_ctx {
	int64_t attendee;
	size_t off[ROLE__COUNT];
	char text[];
};

static int role_fetch(struct ui *ui, void *ctx, const char *query, int64_t offset, int limit,
		      struct picker_row **rows, size_t *n, int64_t *total, char **cause)
{
	struct role_ctx *rc = ctx;
	(void)ui;
	(void)cause;
	*rows = NULL;
	*n = 0;
	*total = 0;
	char *fq = text_fold(query);
	for (int r = 0; r < ROLE__COUNT; r++) {
		char *f = text_fold(ui_role_name((enum role)r));
		int match = strstr(f, fq) != NULL;
		free(f);
		if (!match)
			continue;
		int64_t index = (*total)++;
		if (index < offset || index >= offset + limit)
			continue;
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		(*rows)[*n].id = r;
		(*rows)[*n].label = xstrdup(ui_role_name((enum role)r));
		(*rows)[*n].detail = rc->off[r] ? xstrdup(rc->text + rc->off[r]) : NULL;
		(*n)++;
	}
	free(fq);
	return 0;
}

static int role_pick(struct ui *ui, void *ctx, int64_t id, const char *query, char **cause)
{
	struct role_ctx *rc = ctx;
	(void)query;
	if (store_attendee_set_role(ui_store(ui), rc->attendee, (enum role)id, cause) < 0)
		return -1; /* the picker shows who holds the role */
	return UI_RELOAD_ALL;
}

/* r: the roles in a short list (type-ahead); the chair and the secretary
 * show who holds them, and the store refuses a second one. */
static int role_open(struct mtab *t, const struct attendee *a)
{
	const struct attendee *holder[ROLE__COUNT] = {0};
	size_t len = 1;
	for (size_t i = 0; i < t->m->n_attendees; i++) {
		const struct attendee *o = &t->m->attendees[i];
		if ((o->role == ROLE_CHAIR || o->role == ROLE_SECRETARY) && !holder[o->role]) {
			holder[o->role] = o;
			len += strlen(o->name) + 1;
		}
	}
	struct role_ctx *rc = xcalloc(1, sizeof *rc + len);
	rc->attendee = a->id;
	size_t at = 1;
	for (int r = 0; r < ROLE__COUNT; r++)
		if (holder[r]) {
			rc->off[r] = at;
			memcpy(rc->text + at, holder[r]->name, strlen(holder[r]->name) + 1);
			at += strlen(holder[r]->name) + 1;
		}
	char *title = xasprintf(_("Role of %s"), a->name);
	screen_picker_open(t->ui, title, role_fetch, role_pick, rc);
	free(title);
	return UI_OK;
}

static char *att_get(struct ui *ui, void *ctx, int key)
{
	struct rec *r = ctx;
	if (!r->m)
		mrec_refresh(ui, ctx);
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
		return xstrdup(ui_role_name(a->role));
	case AT_PRESENCE:
		return xasprintf("%d", a->presence);
	}
	return NULL;
}

static int att_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct rec *r = ctx;
	struct store *s = ui_store(ui);
	mrec_release(r);
	if (key == AT_PRESENCE)
		return store_attendee_set_presence(s, r->id, (enum presence)atoi(value), NULL,
						   cause);
	return store_attendee_set(s, r->id, (enum attendee_field)key, value, cause);
}

static const struct form_ops attendee_form = {.get = att_get,
					      .set = att_set,
					      .meeting = mrec_meeting,
					      .prepare = mrec_free_refresh,
					      .free_ctx = mrec_free,
					      .title_fmt = N_("Attendee: %s"),
					      .title_key = AT_NAME};

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
	mrec_added(r, RK_ATTENDEE, aid);
	ui_info(ui, "%s", _("Attendee added"));
	return 0;
}

/* "Name, title" as a secretary writes it ("Lê Văn Phúc, Phó Bí thư
 * Huyện đoàn Hoài Ân"): the name in *name, the title after the first
 * comma in *title (NULL if none). One allocation, in *name. */
static void split_name_title(const char *text, char **name, char **title)
{
	*name = xstrdup(text ? text : "");
	*title = strchr(*name, ',');
	if (*title) {
		*(*title)++ = '\0';
		text_trim(*title);
		if (!**title)
			*title = NULL;
	}
	text_trim(*name);
}

static int guest_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	char *name, *title;
	split_name_title(text, &name, &title);
	struct attendee a = {
	    .name = name, .title = title, .role = ROLE_GUEST, .presence = PRES_PRESENT};
	int64_t id;
	int rc = store_attendee_add(ui_store(sc->ui), r->meeting, &a, &id, cause);
	free(name);
	if (rc < 0)
		return -1;
	mrec_added(r, RK_ATTENDEE, id);
	ui_info(sc->ui, "%s",
		title ? _("Guest added: Enter edits the unit")
		      : _("Guest added: Enter edits the title and unit"));
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

/* s on someone excused or absent: the person standing in for them is
 * added (a delegate of the same unit, present), naming them. */
static int stand_in_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	mrec_refresh(sc->ui, r);
	const struct attendee *away = r->m ? find_attendee(r->m, r->id) : NULL;
	if (!away) {
		mrec_release(r);
		return set_cause(cause, "%s", _("The list changed; choose again"));
	}
	char *name, *title;
	split_name_title(text, &name, &title);
	struct attendee a = {.name = name,
			     .title = title,
			     .unit = away->unit,
			     .role = ROLE_DELEGATE,
			     .presence = PRES_PRESENT,
			     .substitute_for = away->name};
	int64_t id;
	int rc = store_attendee_add(ui_store(sc->ui), r->meeting, &a, &id, cause);
	if (rc == 0) {
		mrec_added(r, RK_ATTENDEE, id);
		if (a.title)
			ui_info(sc->ui, _("Added, standing in for %s"), away->name);
		else
			ui_info(sc->ui, _("Added, standing in for %s: Enter edits the title"),
				away->name);
	}
	free(name);
	mrec_release(r);
	return rc < 0 ? -1 : UI_RELOAD_ALL;
}

static int att_key(struct mtab *t, const struct ui_event *ev)
{
	struct ltab *l = mlist_of(t);
	if (listview_key(&l->lv, ev->act))
		return UI_REDRAW;
	struct trow *r = mlist_sel(l);
	const struct attendee *a = r ? &t->m->attendees[r->index] : NULL;
	struct store *s = ui_store(t->ui);
	char *cause = NULL;
	switch (ev->act) {
	case ACT_ADD:
		screen_picker_open(t->ui, _("Add an attendee from the directory"), person_fetch,
				   person_pick, mrec_add(l, 0, 0));
		return UI_OK;
	case ACT_ADD_GUEST:
		ui_prompt(t->ui, _("Name, title of the guest:"), "", guest_done, mrec_add(l, 0, 0));
		return UI_OK;
	case ACT_FROM_PREVIOUS: {
		int64_t prev;
		size_t added;
		if (store_attendees_from_previous(s, t->meeting_id, &prev, &added, &cause) < 0)
			return mlist_report(t->ui, -1, cause, NULL);
		ui_info(t->ui,
			_("%zu attendees taken from meeting %lld (afresh from the directory)"),
			added, (long long)prev);
		return UI_RELOAD_ALL;
	}
	default:
		break;
	}
	if (!a)
		return UI_UNHANDLED;
	switch (ev->act) {
	case ACT_EDIT: {
		char *title = xasprintf(_("Attendee: %s"), a->name);
		screen_form_open(t->ui, title, attendee_fields, BB_ARRAY_LEN(attendee_fields),
				 &attendee_form, mrec_new(t->meeting_id, a->id, 0));
		free(title);
		return UI_OK;
	}
	case ACT_DELETE: {
		char *what = xasprintf(_("the attendee %s"), a->name);
		mlist_ask_delete(t->ui, what, a->id, store_attendee_delete);
		free(what);
		return UI_OK;
	}
	case ACT_MOVE_UP:
		return mlist_move(t, a->id, -1, store_attendee_move);
	case ACT_MOVE_DOWN:
		return mlist_move(t, a->id, 1, store_attendee_move);
	case ACT_PRESENT:
		return mlist_report(
		    t->ui, store_attendee_set_presence(s, a->id, PRES_PRESENT, NULL, &cause), cause,
		    NULL);
	case ACT_ABSENT:
		return mlist_report(
		    t->ui, store_attendee_set_presence(s, a->id, PRES_ABSENT, NULL, &cause), cause,
		    NULL);
	case ACT_LATE: {
		/* While the meeting runs, now; before or after it, its start
		 * (what the store accepts earliest), to type over. */
		char at[17];
		const char *st = t->m->starts_at;
		if (t->m->status == MS_LIVE || !st || strlen(st) < 16)
			now_iso_minute(at);
		else
			snprintf(at, sizeof at, "%.16s", st);
		ui_prompt(t->ui, _("Arrived at (HH:MM):"), at + 11, presence_done,
			  mrec_new(t->meeting_id, a->id, PRES_LATE));
		ui_prompt_preselect(t->ui); /* typing 08:45 replaces the time */
		return UI_OK;
	}
	case ACT_EXCUSED:
		ui_prompt(t->ui, _("Excused, reason:"), a->reason ? a->reason : "", presence_done,
			  mrec_new(t->meeting_id, a->id, PRES_EXCUSED));
		return UI_OK;
	case ACT_ROLE:
		return role_open(t, a);
	case ACT_SUBSTITUTE: {
		/* Either way round, the question says who is who: on the one
		 * away, s adds who stands in for them (the question names
		 * them); on the one who came, s asks whom they stand in for
		 * (they are on the detail line above). */
		char *q;
		if (a->presence == PRES_EXCUSED || a->presence == PRES_ABSENT) {
			q = xasprintf(_("Name, title of who stands in for %s:"), a->name);
			ui_prompt(t->ui, q, "", stand_in_done, mrec_add(l, a->id, 0));
		} else {
			q = xstrdup(_("Standing in for whom (name of the one away):"));
			ui_prompt(t->ui, q, a->substitute_for ? a->substitute_for : "", subst_done,
				  mrec_new(t->meeting_id, a->id, 0));
		}
		free(q);
		return UI_OK;
	}
	default:
		return UI_UNHANDLED;
	}
}

const struct meeting_tab_ops tab_attendees = {
    .name = "attendees",
    .label = N_("Attendees"),
    .keymap = &keymap_attendees,
    .open = mlist_open,
    .draw = att_draw,
    .key = att_key,
    .reload = att_reload,
    .focus = mlist_focus,
    .close = mlist_close,
};
