/* live_capture.c - the live screen's dialogs: the speaker and late
 * arrival pickers, and the prompts that capture a proposal, a conclusion
 * or a directive. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live.h"
#include "store_directory.h"
#include "store_edit.h"
#include "text.h"

#define PICK_NONE INT64_MIN	   /* "(none)" */
#define PICK_TYPED (INT64_MIN + 1) /* the text typed, as a name */

struct pick_ctx {
	struct live *lv;
	enum pick_what what;
};

static int matches(const char *folded_query, const char *a, const char *b)
{
	if (!folded_query[0])
		return 1;
	char *s = xasprintf("%s %s", a ? a : "", b ? b : "");
	char *f = text_fold(s);
	int r = strstr(f, folded_query) != NULL;
	free(f);
	free(s);
	return r;
}

static void add_row(struct picker_row **rows, size_t *n, int64_t *total, int64_t offset, int limit,
		    int64_t id, const char *label, const char *detail)
{
	int64_t index = (*total)++;
	if (index < offset || index >= offset + limit)
		return;
	*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
	(*rows)[*n].id = id;
	(*rows)[*n].label = xstrdup(label);
	(*rows)[*n].detail = detail ? xstrdup(detail) : NULL;
	(*n)++;
}

static int pick_fetch(struct ui *ui, void *ctx, const char *query, int64_t offset, int limit,
		      struct picker_row **rows, size_t *n, int64_t *total, char **cause)
{
	struct pick_ctx *pc = ctx;
	const struct live_meeting *m = pc->lv->m;
	*rows = NULL;
	*n = 0;
	*total = 0;
	char *fq = text_fold(query);
	if (pc->what == PICK_SPEAKER && !query[0])
		add_row(rows, n, total, offset, limit, PICK_NONE, _("(none)"), NULL);
	for (size_t i = 0; m && i < m->n_attendees; i++) {
		const struct attendee *a = &m->attendees[i];
		if (!matches(fq, a->name, a->unit))
			continue;
		char *detail = a->presence == PRES_LATE
				   ? xasprintf("%s · %s", a->unit ? a->unit : "",
					       ui_presence_name(a->presence))
				   : xstrdup(a->unit ? a->unit : "");
		add_row(rows, n, total, offset, limit, a->id, a->name, detail);
		free(detail);
	}
	if (pc->what == PICK_SPEAKER) {
		for (size_t j = 0; m && j < m->n_units; j++)
			if (matches(fq, m->units[j], NULL))
				add_row(rows, n, total, offset, limit, -(int64_t)(j + 1),
					m->units[j], _("unit"));
		if (query[0])
			add_row(rows, n, total, offset, limit, PICK_TYPED, query,
				_("another speaker, as typed"));
	}
	free(fq);
	(void)ui;
	(void)cause;
	return 0;
}

static int pick_done(struct ui *ui, void *ctx, int64_t id, const char *query, char **cause)
{
	struct pick_ctx *pc = ctx;
	struct live *lv = pc->lv;
	const struct live_meeting *m = lv->m;
	if (pc->what == PICK_LATE) {
		/* Queued like a note, with the minute it was marked. */
		struct pending p = {.what = PENDING_LATE, .attendee = id};
		now_iso_minute(p.at);
		size_t before = live_queue_len(lv);
		live_queue_push(lv, &p);
		ui_info(ui, "%s",
			live_queue_len(lv) > before
			    ? _("Arrived late, now: saved as soon as the store takes writes")
			    : _("Marked as arrived late, now"));
		return 0;
	}
	if (id == PICK_NONE) {
		live_set_str(&lv->speaker, NULL);
	} else if (id == PICK_TYPED) {
		char *t = xstrdup(query);
		text_trim(t);
		live_set_str(&lv->speaker, t[0] ? t : NULL);
		free(t);
	} else if (id < 0) {
		size_t j = (size_t)(-id - 1);
		if (!m || j >= m->n_units)
			return set_cause(cause, "%s", _("The list changed; choose again"));
		live_set_str(&lv->speaker, m->units[j]);
	} else {
		const struct attendee *a = NULL;
		for (size_t i = 0; m && i < m->n_attendees; i++)
			if (m->attendees[i].id == id)
				a = &m->attendees[i];
		if (!a)
			return set_cause(cause, "%s", _("The list changed; choose again"));
		live_set_str(&lv->speaker, a->name);
	}
	lv->last_key = now_ms();
	return 0;
}

int live_open_picker(struct live *lv, enum pick_what what)
{
	/* The picker covers this screen: save the line first. */
	if (live_draft_dirty(lv))
		live_draft_save(lv);
	/* Units in Vietnamese order (not read so: ICU would load at start). */
	store_names_sort(ui_store(lv->ui), lv->m->units, lv->m->n_units);
	struct pick_ctx *pc = xcalloc(1, sizeof *pc);
	pc->lv = lv;
	pc->what = what;
	screen_picker_open(lv->ui, what == PICK_SPEAKER ? _("Speaker") : _("Arrived late"),
			   pick_fetch, pick_done, pc);
	return UI_OK;
}

/* ---- proposals and directives: a few questions in the status line ---- */

/* One block (the ui frees a prompt's ctx with free()): the answers so far
 * are stored after the struct. */
struct capture_ctx {
	int directive;
	int step;	  /* answers given so far */
	int from_line;	  /* the text was the note line's */
	char *text, *who; /* proposal: unit (who); directive: text, owner (who) */
	char data[];
};

static struct capture_ctx *capture_new(int directive, int step, int from_line, const char *text,
				       const char *who)
{
	size_t lt = text ? strlen(text) + 1 : 0, lw = who ? strlen(who) + 1 : 0;
	struct capture_ctx *c = xcalloc(1, sizeof *c + lt + lw + 1);
	c->directive = directive;
	c->step = step;
	c->from_line = from_line;
	if (text) {
		c->text = c->data;
		memcpy(c->text, text, lt);
	}
	if (who) {
		c->who = c->data + lt;
		memcpy(c->who, who, lw);
	}
	return c;
}

static int capture_finish(struct live *lv, const struct capture_ctx *c, const char *last,
			  char **cause)
{
	/* Into the saving queue (live_queue.c) like a note: written now, or
	 * kept in order until the store takes writes again. */
	struct pending p = {.what = c->directive ? PENDING_DIRECTIVE : PENDING_PROPOSAL};
	now_iso_minute(p.at);
	if (c->directive) {
		/* The due date is typed as everywhere else (30/06/2023 or
		 * 2023-06-30), checked now; the store keeps the ISO day. */
		char *t = xstrdup(last ? last : "");
		text_trim(t);
		if (t[0] && !(p.due = store_parse_date(t, cause))) {
			free(t);
			return -1;
		}
		free(t);
		p.text = xstrdup(c->text ? c->text : "");
		p.who = c->who ? xstrdup(c->who) : NULL;
	} else {
		p.item = lv->item;
		p.text = xstrdup(last ? last : "");
		p.who = c->who ? xstrdup(c->who) : NULL;
	}
	char *blank = xstrdup(p.text);
	text_trim(blank);
	int empty = !blank[0];
	free(blank);
	if (empty) {
		free(p.text);
		free(p.who);
		free(p.due);
		return set_cause(cause, "%s",
				 c->directive ? _("directive is empty") : _("proposal is empty"));
	}
	const char *used = c->directive ? c->text : last;
	if (c->from_line && str_eq(used, editor_text(&lv->line)))
		editor_set(&lv->line, "");
	size_t before = live_queue_len(lv);
	unsigned refused = live_queue_refused(lv);
	int flags = live_queue_push(lv, &p);
	if (live_queue_refused(lv) != refused)
		; /* refused by a rule: its words show, its text is in the line */
	else if (live_queue_len(lv) > before)
		ui_info(lv->ui, "%s",
			c->directive ? _("Directive kept: saved as soon as the store takes writes")
				     : _("Proposal kept: saved as soon as the store takes writes"));
	else
		ui_info(lv->ui, "%s",
			c->directive ? _("Directive saved")
				     : _("Proposal saved (the proposals tab lists it)"));
	return flags | UI_RELOAD;
}

/* Proposal: unit, then text. Directive: text, then owner, then due date.
 * A failed last step keeps its prompt (and ctx) for another try. */
static int capture_step(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct live *lv = sc->data;
	const struct capture_ctx *c = ctx;
	const char *line = editor_text(&lv->line);
	struct capture_ctx *next = NULL;
	const char *label = NULL, *initial = NULL;
	if (!c->directive && c->step == 0) {
		next = capture_new(0, 1, line[0] != '\0', NULL, text);
		label = _("Proposal:");
		initial = line;
	} else if (c->directive && c->step == 0) {
		next = capture_new(1, 1, text[0] && str_eq(text, line), text, NULL);
		label = _("Owner (unit or person):");
	} else if (c->directive && c->step == 1) {
		next = capture_new(1, 2, c->from_line, c->text, text);
		label = _("Due date (30/06/2023, empty for none):");
	} else {
		return capture_finish(lv, c, text, cause);
	}
	/* ui_prompt frees the old ctx: nothing of c is used after this. */
	ui_prompt(lv->ui, label, initial, capture_step, next);
	return UI_REDRAW;
}

int live_capture_start(struct live *lv, int directive)
{
	if (directive) {
		ui_prompt(lv->ui, _("Directive:"), editor_text(&lv->line), capture_step,
			  capture_new(1, 0, 0, NULL, NULL));
	} else {
		const struct attendee *a = live_attendee_by_name(lv, lv->speaker);
		const char *unit = a && a->unit ? a->unit : lv->speaker;
		ui_prompt(lv->ui, _("Proposal of the unit:"), unit, capture_step,
			  capture_new(0, 0, 0, NULL, NULL));
	}
	return UI_REDRAW;
}
