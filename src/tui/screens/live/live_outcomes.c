/* live_outcomes.c - what the chair settles, captured without leaving the
 * live screen: a conclusion (F11 / ^V), the answer to a proposal (F12 /
 * ^Q: the last raised by default, or one chosen; the answer, then the
 * status), and the results of the items carried over from the previous
 * meeting of the cluster (Shift-F5 / ^]: a panel, one key each for done,
 * not done and dropped). */
#include <stdlib.h>
#include <string.h>

#include "listview.h"
#include "live.h"
#include "store_review.h"
#include "text.h"

/* ==== a conclusion ==== */

static int conclusion_step(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct live *lv = sc->data;
	(void)ctx;
	if (store_live_conclusion_add(ui_store(lv->ui), lv->meeting, text, NULL, cause) < 0)
		return -1;
	if (str_eq(text, editor_text(&lv->line)))
		editor_set(&lv->line, "");
	live_outcome_saved(lv, 0);
	return UI_RELOAD;
}

int live_conclusion_start(struct live *lv)
{
	ui_prompt(lv->ui, _("Conclusion:"), editor_text(&lv->line), conclusion_step, NULL);
	return UI_REDRAW;
}

/* ==== the answer to a proposal ==== */

/* The proposals, newest first (the first row, the default, is the last
 * one raised), and the answer as it goes through its questions. One
 * block: the ui frees a picker's or a prompt's ctx with free(). */
struct answer_ctx {
	struct live *lv;
	int64_t proposal;
	int item_index; /* where the proposal was raised, -1 if unknown */
	int from_line;	/* the answer is the note line's */
	char answer[];
};

static struct answer_ctx *answer_new(struct live *lv, int64_t proposal, int item_index,
				     const char *answer, int from_line)
{
	size_t la = answer ? strlen(answer) + 1 : 1;
	struct answer_ctx *a = xcalloc(1, sizeof *a + la);
	a->lv = lv;
	a->proposal = proposal;
	a->item_index = item_index;
	a->from_line = from_line;
	if (answer)
		memcpy(a->answer, answer, la);
	return a;
}

static int status_fetch(struct ui *ui, void *ctx, const char *query, int64_t offset, int limit,
			struct picker_row **rows, size_t *n, int64_t *total, char **cause)
{
	static const enum task_status order[] = {TS_DONE, TS_OPEN, TS_DROPPED};
	char *fq = text_fold(query);
	*rows = NULL;
	*n = 0;
	*total = 0;
	for (size_t i = 0; i < 3; i++) {
		const char *name = ui_task_status_name(order[i]);
		char *f = text_fold(name);
		if (strstr(f, fq))
			picker_add_row(rows, n, total, offset, limit, order[i], name,
				order[i] == TS_DONE   ? _("accepted, settled")
				: order[i] == TS_OPEN ? _("still to be settled")
						      : _("not taken up"));
		free(f);
	}
	free(fq);
	(void)ui;
	(void)ctx;
	(void)cause;
	return 0;
}

/* Who gave an answer noted under a later item: the speaker in force,
 * unless that is the proposing unit or one of its people (after a
 * unit's proposal the secretary often has not yet chosen who answers;
 * a unit does not answer its own proposal): then the chair. */
static const char *answerer(const struct live *lv, int64_t proposal)
{
	const char *unit = NULL;
	for (size_t i = 0; i < lv->n_props; i++)
		if (lv->props[i].id == proposal)
			unit = lv->props[i].unit;
	const char *who = lv->speaker;
	if (!unit || !unit[0] || !who)
		return who;
	const struct attendee *a = live_attendee_by_name(lv, who);
	if (!str_eq(who, unit) && !(a && str_eq(a->unit, unit)))
		return who;
	for (size_t i = 0; lv->m && i < lv->m->n_attendees; i++)
		if (lv->m->attendees[i].role == ROLE_CHAIR)
			return lv->m->attendees[i].name;
	return who;
}

static int status_done(struct ui *ui, void *ctx, int64_t id, const char *query, char **cause)
{
	struct answer_ctx *a = ctx;
	struct live *lv = a->lv;
	(void)query;
	int renoted = 0;
	if (store_live_proposal_answer(ui_store(ui), a->proposal, a->answer, (enum task_status)id,
				       &renoted, cause) < 0)
		return -1;
	if (a->from_line && a->answer[0] && str_eq(a->answer, editor_text(&lv->line)))
		editor_set(&lv->line, "");
	/* Answered under a later item (the chair answers in the closing
	 * item): what was said there is a note of that item too, by the
	 * speaker in force, so the item is not empty on the screen; the
	 * minutes print the answer once, under its proposal, naming that
	 * speaker (doc_minutes.c, answer_notes). */
	int here = live_item_index(lv, lv->item);
	char *blank = xstrdup(a->answer);
	text_trim(blank);
	int noted = 0;
	char *by = NULL;
	if (renoted) {
		/* Answered again: the note that gave the old answer says the
		 * new one (store_live_proposal_answer); no second note. */
		noted = 1;
	} else if (blank[0] && lv->item && a->item_index >= 0 && here >= 0 &&
		   here != a->item_index) {
		struct pending p = {.what = PENDING_NOTE, .item = lv->item, .kind = NK_ANSWER};
		now_iso_minute(p.at);
		const char *who = answerer(lv, a->proposal);
		p.who = who ? xstrdup(who) : NULL;
		p.text = xstrdup(a->answer);
		unsigned refused = live_queue_refused(lv);
		live_queue_push(lv, &p);
		noted = live_queue_refused(lv) == refused;
		if (noted && who)
			by = xstrdup(who);
	}
	free(blank);
	if (renoted)
		ui_info(ui, _("Answer changed, and the note that gave it; the proposal is %s"),
			ui_task_status_name((enum task_status)id));
	else if (noted && by)
		/* TRANSLATORS: %1$s who answered (the note's speaker), %2$s the
		 * proposal's new status. */
		ui_info(ui, _("Answer saved, also as a note of this item by %1$s; the proposal is %2$s"),
			by, ui_task_status_name((enum task_status)id));
	else if (noted)
		ui_info(ui, _("Answer saved, also as a note of this item; the proposal is %s"),
			ui_task_status_name((enum task_status)id));
	else
		ui_info(ui, _("Answer saved; the proposal is %s"),
			ui_task_status_name((enum task_status)id));
	free(by);
	return 0;
}

static int answer_step(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct live *lv = sc->data;
	const struct answer_ctx *a = ctx;
	(void)cause;
	/* The proposal's status in force is chosen at first (open, for one
	 * just raised): Enter, Enter after the answer never settles a
	 * promise as done by itself. */
	int64_t now = TS_OPEN;
	for (size_t i = 0; i < lv->n_props; i++)
		if (lv->props[i].id == a->proposal)
			now = lv->props[i].status;
	screen_picker_open_at(
	    lv->ui, _("Status of the proposal"), status_fetch, status_done,
	    answer_new(lv, a->proposal, a->item_index, text,
		       text[0] && str_eq(text, editor_text(&lv->line))),
	    now);
	return UI_REDRAW;
}

/* The answer prompt for a proposal: the note line (or the answer given so
 * far) to start from. */
static void answer_prompt(struct live *lv, const struct proposal *p)
{
	const char *line = editor_text(&lv->line);
	/* The question names whose proposal it answers (the picker that
	 * chose it is gone). */
	char *label = !str_empty(p->unit) ? xasprintf(_("Answer to %s:"), p->unit)
					  : xstrdup(_("Answer:"));
	ui_prompt(lv->ui, label, line[0] ? line : p->answer, answer_step,
		  answer_new(lv, p->id, p->item_index, NULL, 0));
	free(label);
}

static int proposal_fetch(struct ui *ui, void *ctx, const char *query, int64_t offset, int limit,
			  struct picker_row **rows, size_t *n, int64_t *total, char **cause)
{
	struct answer_ctx *a = ctx;
	struct proposal *p;
	size_t np;
	*rows = NULL;
	*n = 0;
	*total = 0;
	if (store_live_proposals(ui_store(ui), a->lv->meeting, &p, &np, cause) < 0)
		return -1;
	char *fq = text_fold(query);
	text_trim(fq);
	for (size_t i = np; i-- > 0;) {
		char *all = xasprintf("%s %s", p[i].unit ? p[i].unit : "", p[i].text);
		char *f = text_fold(all);
		if (!fq[0] || strstr(f, fq)) {
			/* Whether it is answered first: the row cuts its end. */
			char *detail = xasprintf("%s · %s",
						 p[i].answer ? ui_task_status_name(p[i].status)
							     : _("no answer yet"),
						 p[i].unit ? p[i].unit : "");
			picker_add_row(rows, n, total, offset, limit, p[i].id, p[i].text, detail);
			free(detail);
		}
		free(f);
		free(all);
	}
	free(fq);
	live_proposals_free(p, np);
	return 0;
}

static int proposal_done(struct ui *ui, void *ctx, int64_t id, const char *query, char **cause)
{
	struct answer_ctx *a = ctx;
	struct proposal *p;
	size_t np;
	(void)query;
	if (store_live_proposals(ui_store(ui), a->lv->meeting, &p, &np, cause) < 0)
		return -1;
	size_t i = 0;
	while (i < np && p[i].id != id)
		i++;
	if (i == np) {
		live_proposals_free(p, np);
		return set_cause(cause, "%s", _("The list changed; choose again"));
	}
	answer_prompt(a->lv, &p[i]);
	live_proposals_free(p, np);
	return 0;
}

int live_answer_start(struct live *lv)
{
	struct proposal *p;
	size_t np;
	char *cause = NULL;
	if (store_live_proposals(ui_store(lv->ui), lv->meeting, &p, &np, &cause) < 0) {
		ui_error(lv->ui, _("Cannot read the proposals: %s"), cause);
		free(cause);
		return UI_REDRAW;
	}
	if (np == 0)
		ui_info(lv->ui, "%s", _("No proposal in this meeting yet: F4 captures one"));
	else
		/* The newest is the first row: Enter answers the last raised. */
		screen_picker_open(lv->ui, _("Answer which proposal (the last raised first)"),
				   proposal_fetch, proposal_done, answer_new(lv, 0, -1, NULL, 0));
	live_proposals_free(p, np);
	return UI_REDRAW;
}

/* ==== the items carried over from the previous meeting ==== */

struct carried {
	struct live *lv;
	struct carry_item *items;
	size_t n;
	struct listview view;
};

static const struct keybind carried_binds[] = {
    KCH('d', ACT_CARRY_DONE),
    KCH('n', ACT_CARRY_OPEN),
    KCH('x', ACT_CARRY_DROPPED),
};
static const enum action carried_bar[] = {ACT_CARRY_DONE, ACT_CARRY_OPEN, ACT_CARRY_DROPPED,
					  ACT_BACK};
const struct keymap keymap_live_carried =
    KEYMAP("live.carried", N_("Live note taking: results of the items carried over"), carried_binds,
	   carried_bar, &keymap_generic);

static void carried_free_items(struct carried *c)
{
	for (size_t i = 0; i < c->n; i++)
		carry_item_free(&c->items[i]);
	free(c->items);
	c->items = NULL;
	c->n = 0;
}

static void carried_row(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected)
{
	struct carried *c = ctx;
	if (index < 0 || (size_t)index >= c->n)
		return;
	const struct carry_item *it = &c->items[index];
	attr_t base = selected ? ui_attr(ST_SELECTED) : A_NORMAL;
	ui_put_fill(w, y, 0, width, "", base);
	/* Carried and still open: reported as not done. */
	const char *state = it->status != TS_OPEN ? ui_task_status_name(it->status)
			    : it->carried	  ? _("not done")
						  : ui_task_status_name(TS_OPEN);
	/* Numbered, as the messages name them ("Recorded 2: done; on to 3"). */
	char num[16];
	snprintf(num, sizeof num, "%2lld.", (long long)index + 1);
	int x = 1;
	x += ui_put(w, y, x, 4, num, selected ? base : ui_attr(ST_DIM)) + 1;
	ui_put(w, y, x, 10, state,
	       selected		       ? base
	       : it->status == TS_OPEN ? ui_attr(ST_STATUS_LIVE)
				       : ui_attr(ST_DIM));
	x += 11;
	ui_put(w, y, x, 10, it->kind == CARRY_DIRECTIVE ? _("directive") : _("proposal"),
	       selected ? base : ui_attr(ST_DIM));
	x += 11;
	struct strbuf sb = {0};
	strbuf_adds(&sb, it->text ? it->text : "");
	if (it->owner)
		strbuf_addf(&sb, " — %s", it->owner);
	ui_put(w, y, x, width - x, sb.buf, base);
	strbuf_free(&sb);
}

static int carried_reload(struct screen *sc)
{
	struct carried *c = sc->data;
	char *cause = NULL;
	carried_free_items(c);
	if (store_carry_candidates(ui_store(c->lv->ui), c->lv->meeting, &c->items, &c->n, &cause) <
	    0) {
		ui_error(c->lv->ui, _("Cannot read the follow-up: %s"), cause);
		free(cause);
	}
	listview_set_count(&c->view, (int64_t)c->n);
	return UI_REDRAW;
}

static void carried_draw(struct screen *sc, WINDOW *w)
{
	struct carried *c = sc->data;
	int width = getmaxx(w), height = getmaxy(w);
	if (c->n == 0) {
		ui_put(w, 0, 1, width - 2,
		       _("Nothing was carried over: no previous meeting of the cluster left "
			 "anything open."),
		       ui_attr(ST_HEADING));
		return;
	}
	ui_put(w, 0, 1, width - 2,
	       _("Reported now: d done · n not done (stays open) · x dropped · Esc back"),
	       ui_attr(ST_DIM));
	/* The selected item whole below the list: the secretary reads the
	 * task out to the unit (the row cuts it). */
	int detail = height >= 12 ? 3 : 0;
	listview_draw(&c->view, c->lv->ui, w, 1, height - 1 - (detail ? detail + 1 : 0), width);
	if (detail && c->view.sel >= 0 && (size_t)c->view.sel < c->n) {
		const struct carry_item *it = &c->items[c->view.sel];
		struct strbuf sb = {0};
		strbuf_adds(&sb, it->text ? it->text : "");
		if (it->owner)
			strbuf_addf(&sb, " — %s", it->owner);
		if (it->due) {
			char tm[32];
			strbuf_addf(&sb, _(" · due %s"), ui_time(it->due, tm, sizeof tm));
		}
		if (it->from_title)
			strbuf_addf(&sb, " · %s", it->from_title);
		ui_put_detail(w, height - detail, detail, width, sb.buf, A_NORMAL);
		strbuf_free(&sb);
	}
}

static int carried_key(struct screen *sc, const struct ui_event *ev)
{
	struct carried *c = sc->data;
	if (listview_key(&c->view, ev->act))
		return UI_REDRAW;
	enum task_status to;
	switch (ev->act) {
	case ACT_CARRY_DONE:
		to = TS_DONE;
		break;
	case ACT_CARRY_OPEN:
		to = TS_OPEN;
		break;
	case ACT_CARRY_DROPPED:
		to = TS_DROPPED;
		break;
	default:
		return UI_UNHANDLED;
	}
	if (c->view.sel < 0 || (size_t)c->view.sel >= c->n)
		return UI_OK;
	if (ui_edit_refused(c->lv->ui, c->lv->meeting))
		return UI_REDRAW;
	const struct carry_item *it = &c->items[c->view.sel];
	struct store *s = ui_store(c->lv->ui);
	char *cause = NULL;
	/* Reported in this meeting: it records where it was settled, and the
	 * item goes on this meeting's carried list (the minutes show it). */
	int rc = it->kind == CARRY_DIRECTIVE
		     ? store_directive_set_status(s, it->id, to, c->lv->meeting, &cause)
		     : store_proposal_set_status(s, it->id, to, NULL, c->lv->meeting, &cause);
	if (rc == 0 && !it->carried)
		rc = store_carry_add(s, c->lv->meeting, it->kind, it->id, &cause);
	if (rc < 0) {
		ui_error(c->lv->ui, _("NOT SAVED: %s"), cause ? cause : "?");
		free(cause);
		return UI_REDRAW;
	}
	/* On to the next item, as a roll call goes, and said so: a d meant
	 * for the same row again would mark the next one. */
	const char *what = to == TS_OPEN ? _("not done (stays open)") : ui_task_status_name(to);
	if ((size_t)c->view.sel + 1 < c->n) {
		ui_info(c->lv->ui, _("Recorded %d: %s; on to %d"), (int)c->view.sel + 1, what,
			(int)c->view.sel + 2);
		listview_select(&c->view, c->view.sel + 1);
	} else {
		ui_info(c->lv->ui, _("Recorded %d: %s"), (int)c->view.sel + 1, what);
	}
	return UI_RELOAD_ALL;
}

static const struct keymap *carried_keymap(struct screen *sc)
{
	(void)sc;
	return &keymap_live_carried;
}

static void carried_done(struct screen *sc)
{
	struct carried *c = sc->data;
	carried_free_items(c);
	free(c);
}

static const struct screen_ops carried_ops = {
    .name = "live.carried",
    .keymap = carried_keymap,
    .draw = carried_draw,
    .key = carried_key,
    .reload = carried_reload,
    .done = carried_done,
};

int live_carried_open(struct live *lv)
{
	if (live_draft_dirty(lv))
		live_draft_save(lv);
	struct carried *c = xcalloc(1, sizeof *c);
	c->lv = lv;
	listview_init(&c->view, c, NULL, carried_row);
	struct screen *sc = ui_push(lv->ui, &carried_ops, c);
	screen_set_title(sc, "%s", _("Carried over from the previous meeting"));
	carried_reload(sc);
	return UI_REDRAW;
}
