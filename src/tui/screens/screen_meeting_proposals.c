/* screen_meeting_proposals.c - the proposals tab: proposals from units, with their
 * answers and follow-up status. */
#include <stdlib.h>
#include <string.h>

#include "meeting_list.h"
#include "store_directory.h"
#include "store_edit.h"
#include "text.h"

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
		mlist_add(l, RK_PROPOSAL, l->t->m->proposals[i].id, (int)i, 0, 0);
}

static void pr_reload(struct mtab *t)
{
	mlist_rebuild(t, build_proposals);
}

static void pr_draw(struct mtab *t, WINDOW *w)
{
	mlist_draw(t, w, _("No proposals yet: a adds one."));
}

static const struct form_field proposal_fields[] = {
    {N_("Unit"), FK_TEXT, PF_UNIT, 0, NULL, NULL},
    {N_("Proposal"), FK_MULTILINE, PF_TEXT, 0, NULL, NULL},
    {N_("Answer"), FK_MULTILINE, PF_ANSWER, 0, NULL, N_("the chair's answer")},
    {N_("Status"), FK_CHOICE, PF_STATUS, TS__COUNT, mlist_task_choice, NULL},
};

static char *prop_get(struct ui *ui, void *ctx, int key)
{
	struct rec *r = ctx;
	if (!r->m)
		mrec_refresh(ui, ctx);
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
	mrec_release(r);
	if (key == PF_STATUS)
		value = task_status_name((enum task_status)atoi(value));
	return store_proposal_set(ui_store(ui), r->id, (enum proposal_field)key, value, cause);
}

static const struct form_ops proposal_form = {.get = prop_get,
					      .set = prop_set,
					      .meeting = mrec_meeting,
					      .prepare = mrec_free_refresh,
					      .free_ctx = mrec_free};

static int prop_add_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct rec *r = ctx;
	int64_t id;
	if (store_proposal_add(ui_store(sc->ui), r->meeting, NULL, text, &id, cause) < 0)
		return -1;
	mrec_added(r, RK_PROPOSAL, id);
	ui_info(sc->ui, "%s", _("Proposal added: Enter sets the unit and the answer"));
	return UI_RELOAD_ALL;
}

static int pr_key(struct mtab *t, const struct ui_event *ev)
{
	struct ltab *l = mlist_of(t);
	if (listview_key(&l->lv, ev->act))
		return UI_REDRAW;
	if (ev->act == ACT_ADD) {
		ui_prompt(t->ui, _("Proposal:"), "", prop_add_done, mrec_add(l, 0, 0));
		return UI_OK;
	}
	struct trow *r = mlist_sel(l);
	if (!r)
		return UI_UNHANDLED;
	const struct proposal *p = &t->m->proposals[r->index];
	char *cause = NULL;
	switch (ev->act) {
	case ACT_EDIT: {
		char *title = xasprintf(_("Proposal %d"), r->index + 1);
		screen_form_open(t->ui, title, proposal_fields, BB_ARRAY_LEN(proposal_fields),
				 &proposal_form, mrec_new(t->meeting_id, p->id, 0));
		free(title);
		return UI_OK;
	}
	case ACT_STATUS:
		return mlist_report(
		    t->ui,
		    store_proposal_set(ui_store(t->ui), p->id, PF_STATUS,
				       task_status_name((p->status + 1) % TS__COUNT), &cause),
		    cause, NULL);
	case ACT_DELETE: {
		char *what = xasprintf(_("proposal %d"), r->index + 1);
		mlist_ask_delete(t->ui, what, p->id, store_proposal_delete);
		free(what);
		return UI_OK;
	}
	case ACT_MOVE_UP:
		return mlist_move(t, p->id, -1, store_proposal_move);
	case ACT_MOVE_DOWN:
		return mlist_move(t, p->id, 1, store_proposal_move);
	default:
		return UI_UNHANDLED;
	}
}

const struct meeting_tab_ops tab_proposals = {
    .name = "proposals",
    .label = N_("Proposals"),
    .keymap = &keymap_proposals,
    .open = mlist_open,
    .draw = pr_draw,
    .key = pr_key,
    .reload = pr_reload,
    .focus = mlist_focus,
    .close = mlist_close,
};
