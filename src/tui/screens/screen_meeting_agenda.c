/* screen_meeting_agenda.c - the agenda tab: the items with their notes, each
 * edited in a form; items and notes added, moved, deleted. */
#include <stdlib.h>
#include <string.h>

#include "meeting_list.h"
#include "store_directory.h"
#include "store_edit.h"
#include "text.h"

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
		mlist_add(l, RK_ITEM, m->agenda[i].id, (int)i, 0, 0);
		for (size_t j = 0; j < m->agenda[i].n_notes; j++)
			mlist_add(l, RK_NOTE, m->agenda[i].notes[j].id, (int)i, (int)j, 0);
	}
}

static void ag_reload(struct mtab *t)
{
	mlist_rebuild(t, build_agenda);
}

static void ag_draw(struct mtab *t, WINDOW *w)
{
	mlist_draw(t, w, _("No agenda yet: a adds an item."));
}

enum {
	AG_TITLE = IF_TITLE,
	AG_PRESENTER = IF_PRESENTER,
	AG_PSTART = IF_PLANNED_START,
	AG_PEND = IF_PLANNED_END,
	AG_START = IF_STARTED_AT,
	AG_END = IF_ENDED_AT,
	AG_KIND = IF_KIND
};

static const char *item_kind_choice(int i)
{
	return ui_item_kind_name((enum item_kind)i);
}

static const struct form_field item_fields[] = {
    {N_("Title"), FK_MULTILINE, AG_TITLE, 0, NULL, NULL},
    {N_("Presenter"), FK_TEXT, AG_PRESENTER, 0, NULL, NULL},
    {N_("Planned start"), FK_TEXT, AG_PSTART, 0, NULL, N_("HH:MM")},
    {N_("Planned end"), FK_TEXT, AG_PEND, 0, NULL, N_("HH:MM")},
    {N_("Started at"), FK_TEXT, AG_START, 0, NULL, N_("HH:MM")},
    {N_("Ended at"), FK_TEXT, AG_END, 0, NULL, N_("HH:MM")},
    /* "conclusions": the minutes' conclusions section whatever the title */
    {N_("Kind"), FK_CHOICE, AG_KIND, IK__COUNT, item_kind_choice, NULL},
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
		mrec_refresh(ui, ctx);
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
	case AG_KIND:
		return xasprintf("%d", it->kind);
	}
	return NULL;
}

/* Who a speaker or presenter typed by hand names, as the live screen's
 * F2 finds them: an attendee or a unit of the meeting typed whole or in
 * part ("hoai an": Huyện đoàn Hoài Ân), the chair and the secretary by
 * their role ("chu tri"). *out is the name to store (allocated; NULL for
 * an empty value); 1 when it is not what was typed (the message says
 * whom it became), 2 when it names no one (kept as typed, said so), 0
 * when typed as it is, -1 with cause when it fits several. */
static int resolve_person(struct ui *ui, const struct meeting *m, const char *typed, char **out,
			  char **cause)
{
	*out = NULL;
	char *t = xstrdup(typed ? typed : "");
	text_trim(t);
	if (!t[0] || !m) {
		*out = t[0] ? t : NULL;
		if (!t[0])
			free(t);
		return 0;
	}
	size_t n = m->n_attendees;
	const char **people = xcalloc(n + 1, sizeof *people);
	const char **units = xcalloc(n + 1, sizeof *units);
	const char *found = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct attendee *a = &m->attendees[i];
		people[i] = a->name;
		units[i] = a->unit;
		if (str_eq(t, a->name) || str_eq(t, a->unit))
			found = t;
	}
	char *f = text_fold(t);
	text_trim(f);
	const struct attendee *chair = meeting_role(m, ROLE_CHAIR), *sec = meeting_role(m, ROLE_SECRETARY);
	if (!found && chair && (str_eq(f, "chu tri") || str_eq(f, "chair")))
		found = chair->name;
	if (!found && sec && (str_eq(f, "thu ky") || str_eq(f, "secretary")))
		found = sec->name;
	free(f);
	int several = 0;
	if (!found)
		found = text_one_named(t, people, n, &several);
	if (!found && !several)
		found = text_one_named(t, units, n, &several);
	free(people);
	free(units);
	int rc;
	if (several) {
		rc = set_cause(cause, _("“%s” fits more than one attendee or unit: type more of the name"),
			       t);
	} else if (!found) {
		ui_info(ui, _("Saved as typed: “%s” is no attendee or unit of this meeting"), t);
		*out = xstrdup(t);
		rc = 2;
	} else if (found == t) {
		*out = xstrdup(t);
		rc = 0;
	} else {
		*out = xstrdup(found);
		rc = 1;
	}
	free(t);
	return rc;
}

/* A speaker or presenter field: resolved (resolve_person), then stored. */
static int person_set(struct ui *ui, struct rec *r, const char *value, char **cause,
		      int (*store)(struct ui *ui, int64_t id, const char *who, char **cause),
		      const char *field)
{
	if (!r->m)
		mrec_refresh(ui, r);
	char *who = NULL;
	int how = resolve_person(ui, r->m, value, &who, cause);
	mrec_release(r);
	if (how < 0)
		return -1;
	int rc = store(ui, r->id, who, cause);
	if (rc == 0 && how == 1)
		ui_info(ui, _("Saved: %s %s"), field, who);
	free(who);
	return rc < 0 ? -1 : how ? 1 : 0;
}

static int presenter_store(struct ui *ui, int64_t id, const char *who, char **cause)
{
	return store_item_set(ui_store(ui), id, IF_PRESENTER, who, cause);
}

static int item_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct rec *r = ctx;
	if (key == AG_PRESENTER)
		return person_set(ui, r, value, cause, presenter_store, _("Presenter"));
	mrec_release(r);
	if (key == AG_KIND)
		value = item_kind_name((enum item_kind)atoi(value));
	return store_item_set(ui_store(ui), r->id, (enum item_field)key, value, cause);
}

static const struct form_ops item_form = {.get = item_get,
					  .set = item_set,
					  .meeting = mrec_meeting,
					  .prepare = mrec_free_refresh,
					  .free_ctx = mrec_free};

enum {
	NT_AT = NF_AT,
	NT_SPEAKER = NF_SPEAKER,
	NT_KIND = NF_KIND,
	NT_TEXT = NF_TEXT,
	NT_AFTER = NF_AFTER_CONCLUSIONS
};

static const char *kind_choice(int i)
{
	return ui_note_kind_name((enum note_kind)i);
}

/* Where the minutes print a note of the conclusions item (db/011). */
static const char *after_choice(int i)
{
	return i ? _("after the conclusions and directives") : _("before the conclusions");
}

static const struct form_field note_fields[] = {
    {N_("Time"), FK_TEXT, NT_AT, 0, NULL, N_("HH:MM")},
    {N_("Speaker"), FK_TEXT, NT_SPEAKER, 0, NULL, NULL},
    {N_("Kind"), FK_CHOICE, NT_KIND, NK__COUNT, kind_choice, NULL},
    {N_("Text"), FK_MULTILINE, NT_TEXT, 0, NULL, NULL},
    /* under the conclusions item: the closing words after them */
    {N_("In the minutes"), FK_CHOICE, NT_AFTER, 2, after_choice, NULL},
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
		mrec_refresh(ui, ctx);
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
	case NT_AFTER:
		return xasprintf("%d", n->after_conclusions != 0);
	}
	return NULL;
}

static int speaker_store(struct ui *ui, int64_t id, const char *who, char **cause)
{
	return store_note_set(ui_store(ui), id, NF_SPEAKER, who, cause);
}

static int note_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct rec *r = ctx;
	if (key == NT_SPEAKER)
		return person_set(ui, r, value, cause, speaker_store, _("Speaker"));
	mrec_release(r);
	if (key == NT_KIND)
		value = note_kind_name((enum note_kind)atoi(value));
	return store_note_set(ui_store(ui), r->id, (enum note_field)key, value, cause);
}

static const struct form_ops note_form = {.get = note_get,
					  .set = note_set,
					  .meeting = mrec_meeting,
					  .prepare = mrec_free_refresh,
					  .free_ctx = mrec_free};

static int item_add_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	int64_t id;
	if (store_item_add(ui_store(sc->ui), r->meeting, text, &id, cause) < 0)
		return -1;
	mrec_added(r, RK_ITEM, id);
	ui_info(sc->ui, "%s", _("Agenda item added: Enter sets the presenter and times"));
	return UI_RELOAD_ALL;
}

static int note_add_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	int64_t id;
	if (store_note_add(ui_store(sc->ui), r->id, NULL, NULL, NK_STATEMENT, text, &id, cause) < 0)
		return -1;
	mrec_added(r, RK_NOTE, id);
	ui_info(sc->ui, "%s", _("Note added: Enter sets the speaker, time and kind"));
	return UI_RELOAD_ALL;
}

static int ag_key(struct mtab *t, const struct ui_event *ev)
{
	struct ltab *l = mlist_of(t);
	if (listview_key(&l->lv, ev->act))
		return UI_REDRAW;
	struct trow *r = mlist_sel(l);
	if (ev->act == ACT_ADD) {
		ui_prompt(t->ui, _("Title of the new agenda item:"), "", item_add_done,
			  mrec_add(l, 0, 0));
		return UI_OK;
	}
	if (!r)
		return UI_UNHANDLED;
	const struct agenda_item *it = &t->m->agenda[r->index];
	int is_note = r->kind == RK_NOTE;
	switch (ev->act) {
	case ACT_ADD_NOTE:
		ui_prompt(t->ui, _("Note:"), "", note_add_done, mrec_add(l, it->id, 0));
		return UI_OK;
	case ACT_EDIT: {
		char *title = is_note ? xasprintf(_("Note under: %s"), it->title)
				      : xasprintf(_("Agenda item %d"), r->index + 1);
		if (is_note)
			screen_form_open(t->ui, title, note_fields, BB_ARRAY_LEN(note_fields),
					 &note_form, mrec_new(t->meeting_id, r->id, 0));
		else
			screen_form_open(t->ui, title, item_fields, BB_ARRAY_LEN(item_fields),
					 &item_form, mrec_new(t->meeting_id, r->id, 0));
		free(title);
		return UI_OK;
	}
	case ACT_DELETE: {
		char *what =
		    is_note ? xstrdup(_("this note"))
			    : xasprintf(ngettext("agenda item %d and its %zu note",
						 "agenda item %d and its %zu notes", it->n_notes),
					r->index + 1, it->n_notes);
		mlist_ask_delete(t->ui, what, r->id,
				 is_note ? store_note_delete : store_item_delete);
		free(what);
		return UI_OK;
	}
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN: {
		int delta = ev->act == ACT_MOVE_UP ? -1 : 1;
		char *cause = NULL;
		int rc = is_note ? store_note_move(ui_store(t->ui), r->id, delta, &cause)
				 : store_item_move(ui_store(t->ui), r->id, delta, &cause);
		return mlist_report(t->ui, rc, cause, NULL); /* the selection follows by id */
	}
	default:
		return UI_UNHANDLED;
	}
}

const struct meeting_tab_ops tab_agenda = {
    .name = "agenda",
    .label = N_("Agenda"),
    .keymap = &keymap_agenda,
    .open = mlist_open,
    .draw = ag_draw,
    .key = ag_key,
    .reload = ag_reload,
    .focus = mlist_focus,
    .close = mlist_close,
};
