/* screen_review.c - a meeting's review keys: the change log (H), approving
 * (A) and reopening with a reason (R), and the follow-up of the previous
 * meeting's open directives and proposals (F). */
#include <stdlib.h>
#include <string.h>

#include "listview.h"
#include "screens.h"
#include "store_review.h"
#include "text.h"

/* ==== approve, reopen ==== */

static int approve_yes(struct screen *sc, void *ctx)
{
	int64_t id = *(int64_t *)ctx;
	char *cause = NULL;
	if (store_meeting_approve(ui_store(sc->ui), id, &cause) < 0) {
		ui_error(sc->ui, _("Cannot approve: %s"), cause);
		free(cause);
		return UI_REDRAW;
	}
	ui_info(sc->ui, _("Meeting %lld approved: it is read-only now"), (long long)id);
	return UI_RELOAD_ALL;
}

int screen_approve_open(struct ui *ui, int64_t meeting)
{
	enum meeting_status st = MS_DRAFT;
	char *cause = NULL;
	if (store_meeting_writable(ui_store(ui), meeting, &st, &cause) < 0 ||
	    !store_status_allowed(st, MS_APPROVED)) {
		if (!cause)
			store_meeting_set_status(ui_store(ui), meeting, MS_APPROVED, NULL, &cause);
		ui_error(ui, _("Cannot approve: %s"), cause ? cause : "?");
		free(cause);
		return -1;
	}
	int64_t *id = xmalloc(sizeof *id);
	*id = meeting;
	char *q = xasprintf(_("Approve the minutes of meeting %lld? Nobody can edit them after "
			      "that."),
			    (long long)meeting);
	ui_confirm(ui, q, approve_yes, id);
	free(q);
	return 0;
}

static int reopen_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	int64_t id = *(int64_t *)ctx;
	char *why = NULL;
	if (store_meeting_reopen(ui_store(sc->ui), id, text, &why) < 0) {
		*cause = why;
		return -1;
	}
	ui_info(sc->ui, _("Meeting %lld reopened; the reason is in its change log"), (long long)id);
	return UI_RELOAD_ALL;
}

int screen_reopen_open(struct ui *ui, int64_t meeting)
{
	enum meeting_status st = MS_DRAFT;
	char *cause = NULL;
	if (store_meeting_writable(ui_store(ui), meeting, &st, &cause) == 0 || st != MS_APPROVED) {
		free(cause);
		if (ui_readonly(ui))
			ui_error(ui, "%s", _("The store is open read-only"));
		else
			ui_error(ui, "%s", _("Only approved minutes are reopened"));
		return -1;
	}
	free(cause);
	if (ui_readonly(ui)) {
		ui_error(ui, "%s", _("The store is open read-only"));
		return -1;
	}
	int64_t *id = xmalloc(sizeof *id);
	*id = meeting;
	ui_prompt(ui, _("Why reopen the approved minutes?"), "", reopen_done, id);
	return 0;
}

/* ==== the change log ==== */

struct clog {
	struct ui *ui;
	int64_t meeting;
	enum meeting_status status;
	struct change_entry *e;
	size_t n;
	struct listview lv;
};

static const struct keybind clog_binds[] = {
    KCH('A', ACT_APPROVE),
    KCH('R', ACT_REOPEN),
    KCH('w', ACT_SAVE_FILE),
};
static const enum action clog_bar[] = {ACT_APPROVE, ACT_REOPEN, ACT_SAVE_FILE, ACT_BACK};
const struct keymap keymap_changelog =
    KEYMAP("changelog", N_("Change log of a meeting"), clog_binds, clog_bar, &keymap_generic);

static void clog_free(struct clog *c)
{
	for (size_t i = 0; i < c->n; i++)
		change_entry_free(&c->e[i]);
	free(c->e);
	c->e = NULL;
	c->n = 0;
}

/* The length of the store's time at p: 16 for "2023-04-12T08:20", 10 for
 * "2023-04-12" (not followed by a time), else 0. */
static size_t iso_at(const char *p)
{
	static const char shape[] = "dddd-dd-ddTdd:dd";
	size_t i = 0;
	for (; shape[i] && p[i]; i++)
		if (shape[i] == 'd' ? !(p[i] >= '0' && p[i] <= '9') : p[i] != shape[i])
			break;
	return i == 16 ? 16 : i == 10 ? 10 : 0;
}

/* A value with the store's times in the reader's form ("đến muộn
 * 2023-04-14T08:20" reads "đến muộn 14/04/2023 08:20"), as the rest of the
 * screen shows times; the saved TSV keeps them as stored. Takes v. */
static char *times_in_words(char *v)
{
	if (!v || !strchr(v, '-'))
		return v;
	struct strbuf sb = {0};
	for (const char *p = v; *p;) {
		size_t n = (p == v || !(p[-1] >= '0' && p[-1] <= '9')) ? iso_at(p) : 0;
		if (n && !(p[n] >= '0' && p[n] <= '9')) {
			char iso[17], tm[32];
			memcpy(iso, p, n);
			iso[n] = '\0';
			strbuf_adds(&sb, ui_time(iso, tm, sizeof tm));
			p += n;
		} else {
			strbuf_addc(&sb, *p++);
		}
	}
	free(v);
	return strbuf_detach(&sb);
}

/* "Meeting 4: status: approved → closed — reason", in the reader's words */
static char *clog_change(const struct change_entry *e)
{
	struct strbuf sb = {0};
	char *what = change_entry_words_named(e);
	char *old = times_in_words(change_value_words(e, e->old_value));
	char *new = times_in_words(change_value_words(e, e->new_value));
	strbuf_addf(&sb, "%s: %s → %s", what, old ? old : "∅", new ? new : "∅");
	free(what);
	free(old);
	free(new);
	if (e->reason)
		strbuf_addf(&sb, " — %s", e->reason);
	return strbuf_detach(&sb);
}

static void clog_row(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected)
{
	struct clog *c = ctx;
	if (index < 0 || (size_t)index >= c->n)
		return;
	const struct change_entry *e = &c->e[index];
	attr_t base = selected ? ui_attr(ST_SELECTED) : A_NORMAL;
	ui_put_fill(w, y, 0, width, "", base);
	char tm[32], at[17];
	snprintf(at, sizeof at, "%s", e->at ? e->at : "");
	int x = 1;
	ui_put(w, y, x, 16, ui_time(at, tm, sizeof tm), selected ? base : ui_attr(ST_DIM));
	x += 18;
	ui_put(w, y, x, 10, e->who, base);
	x += 11;
	char *ch = clog_change(e);
	ui_put(w, y, x, width - x, ch, base);
	free(ch);
}

static int clog_reload(struct screen *sc)
{
	struct clog *c = sc->data;
	char *cause = NULL;
	clog_free(c);
	if (store_change_log(ui_store(c->ui), c->meeting, &c->e, &c->n, &cause) < 0) {
		ui_error(c->ui, _("Cannot read the change log: %s"), cause);
		free(cause);
	}
	store_meeting_writable(ui_store(c->ui), c->meeting, &c->status, NULL);
	listview_set_count(&c->lv, (int64_t)c->n);
	return UI_REDRAW;
}

static void clog_draw(struct screen *sc, WINDOW *w)
{
	struct clog *c = sc->data;
	int width = getmaxx(w), height = getmaxy(w);
	screen_set_title(sc, _("Change log of meeting %lld"), (long long)c->meeting);
	char *line = xasprintf(ngettext("Status: %s · %zu change since it left draft",
					"Status: %s · %zu changes since it left draft", c->n),
			       ui_status_name(c->status), c->n);
	ui_put(w, 0, 1, width - 2, line, ui_attr(ST_HEADING));
	free(line);
	if (c->n == 0) {
		ui_put(w, 2, 2, width - 4,
		       _("No change recorded: the meeting was never edited after "
			 "it left draft."),
		       A_NORMAL);
		return;
	}
	attr_t hd = ui_attr(ST_DIM);
	ui_put(w, 1, 1, 16, _("When"), hd);
	ui_put(w, 1, 19, 10, _("Who"), hd);
	ui_put(w, 1, 30, width - 30, _("What: old → new — reason"), hd);
	/* Under the list, the selected change whole (its row is cut): a rule
	 * and three rows, the last cut with an ellipsis. */
	enum { DETAIL = 4 };
	int detail = height >= 13 ? DETAIL : 0;
	listview_draw(&c->lv, c->ui, w, 2, height - 2 - detail, width);
	if (!detail || c->lv.sel < 0 || (size_t)c->lv.sel >= c->n)
		return;
	char *ch = clog_change(&c->e[c->lv.sel]);
	ui_put_detail(w, height - detail + 1, DETAIL - 1, width, ch, A_NORMAL);
	free(ch);
}

static int save_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct clog *c = sc->data;
	char *path = text_trim(xstrdup(text));
	if (!*path) {
		free(path);
		set_cause(cause, "%s", _("Give a file name"));
		return -1;
	}
	char *tsv = change_log_tsv(c->e, c->n);
	int rc = atomic_write_file(path, tsv, strlen(tsv), 0666, 0, cause);
	free(tsv);
	if (rc == 0)
		ui_info(c->ui, _("Change log saved to %s"), path);
	free(path);
	(void)ctx;
	return rc < 0 ? -1 : UI_REDRAW;
}

static int clog_key(struct screen *sc, const struct ui_event *ev)
{
	struct clog *c = sc->data;
	if (listview_key(&c->lv, ev->act))
		return UI_REDRAW;
	switch (ev->act) {
	case ACT_APPROVE:
		screen_approve_open(c->ui, c->meeting);
		return UI_REDRAW;
	case ACT_REOPEN:
		screen_reopen_open(c->ui, c->meeting);
		return UI_REDRAW;
	case ACT_SAVE_FILE: {
		/* Named as the documents are, in Vietnamese without marks
		 * ("bien-ban-…"): the change log of meeting 4. */
		char *name = xasprintf("nhat-ky-thay-doi-cuoc-hop-%lld.tsv", (long long)c->meeting);
		ui_prompt(c->ui, _("Save the change log (tab-separated) to:"), name, save_done,
			  NULL);
		free(name);
		return UI_OK;
	}
	default:
		return UI_UNHANDLED;
	}
}

static const struct keymap *clog_keymap(struct screen *sc)
{
	(void)sc;
	return &keymap_changelog;
}

static void clog_done(struct screen *sc)
{
	struct clog *c = sc->data;
	clog_free(c);
	free(c);
}

static const struct screen_ops clog_ops = {
    .name = "changelog",
    .keymap = clog_keymap,
    .draw = clog_draw,
    .key = clog_key,
    .reload = clog_reload,
    .done = clog_done,
};

int screen_changelog_open(struct ui *ui, int64_t meeting)
{
	struct clog *c = xcalloc(1, sizeof *c);
	c->ui = ui;
	c->meeting = meeting;
	listview_init(&c->lv, c, NULL, clog_row);
	struct screen *sc = ui_push(ui, &clog_ops, c);
	screen_set_title(sc, _("Change log of meeting %lld"), (long long)meeting);
	clog_reload(sc);
	return 0;
}

/* ==== follow-up: carry over from the previous meeting ==== */

struct follow {
	struct ui *ui;
	int64_t meeting, previous;
	char *previous_title;
	struct carry_item *items;
	size_t n;
	struct listview lv;
};

static const struct keybind follow_binds[] = {
    KCH(' ', ACT_CARRY), KCH('c', ACT_CARRY),	   KCH('s', ACT_STATUS),
    KCH('\r', ACT_OPEN), KFN(KEY_ENTER, ACT_OPEN),
};
static const enum action follow_bar[] = {ACT_CARRY, ACT_STATUS, ACT_OPEN, ACT_BACK};
const struct keymap keymap_followup = KEYMAP("followup", N_("Follow-up of the previous meeting"),
					     follow_binds, follow_bar, &keymap_generic);

static void follow_free(struct follow *f)
{
	for (size_t i = 0; i < f->n; i++)
		carry_item_free(&f->items[i]);
	free(f->items);
	f->items = NULL;
	f->n = 0;
}

static void follow_row(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected)
{
	struct follow *f = ctx;
	if (index < 0 || (size_t)index >= f->n)
		return;
	const struct carry_item *c = &f->items[index];
	attr_t base = selected ? ui_attr(ST_SELECTED) : A_NORMAL;
	ui_put_fill(w, y, 0, width, "", base);
	char tm[32];
	int x = 1;
	x += ui_put(w, y, x, 4, c->carried ? "[x]" : "[ ]", base) + 1;
	x += ui_put(w, y, x, 11, c->kind == CARRY_DIRECTIVE ? _("directive") : _("proposal"),
		    selected ? base : ui_attr(ST_DIM)) +
	     1;
	x = 18;
	ui_put(w, y, x, 10, ui_task_status_name(c->status),
	       selected		      ? base
	       : c->status == TS_OPEN ? ui_attr(ST_STATUS_LIVE)
				      : ui_attr(ST_DIM));
	x += 11;
	ui_put(w, y, x, 11, c->due ? ui_time(c->due, tm, sizeof tm) : "", base);
	x += 12;
	struct strbuf sb = {0};
	strbuf_adds(&sb, c->text ? c->text : "");
	if (c->owner)
		strbuf_addf(&sb, " — %s", c->owner);
	ui_put(w, y, x, width - x, sb.buf, base);
	strbuf_free(&sb);
}

static int follow_reload(struct screen *sc)
{
	struct follow *f = sc->data;
	char *cause = NULL;
	follow_free(f);
	free(f->previous_title);
	f->previous_title = NULL;
	f->previous = 0;
	struct store *s = ui_store(f->ui);
	int r = store_meeting_previous(s, f->meeting, &f->previous, &cause);
	if (r == 1) {
		struct meeting *m;
		if (store_meeting_load(s, f->previous, &m, NULL) == 0) {
			f->previous_title = xstrdup(m->title);
			meeting_free(m);
		}
		r = store_carry_candidates(s, f->meeting, &f->items, &f->n, &cause);
	}
	if (r < 0) {
		ui_error(f->ui, _("Cannot read the follow-up: %s"), cause);
		free(cause);
	}
	listview_set_count(&f->lv, (int64_t)f->n);
	return UI_REDRAW;
}

static void follow_draw(struct screen *sc, WINDOW *w)
{
	struct follow *f = sc->data;
	int width = getmaxx(w), height = getmaxy(w);
	screen_set_title(sc, _("Follow-up for meeting %lld"), (long long)f->meeting);
	if (!f->previous) {
		ui_put_wrapped(w, 0, 1, width - 2, height,
			       _("No previous meeting: no meeting of its cluster comes before this "
				 "one, and none is named as its previous."),
			       ui_attr(ST_HEADING), NULL);
		return;
	}
	char *line = xasprintf(_("Open from meeting %lld: %s"), (long long)f->previous,
			       f->previous_title ? f->previous_title : "");
	ui_put(w, 0, 1, width - 2, line, ui_attr(ST_HEADING));
	free(line);
	if (f->n == 0) {
		ui_put(w, 2, 2, width - 4,
		       _("Nothing is open: every directive and proposal was settled."), A_NORMAL);
		return;
	}
	ui_put(w, 1, 1, width - 2,
	       _("Space: put on this meeting's agenda (or take off) · s: done, dropped, open"),
	       ui_attr(ST_DIM));
	listview_draw(&f->lv, f->ui, w, 2, height - 2, width);
}

static int follow_key(struct screen *sc, const struct ui_event *ev)
{
	struct follow *f = sc->data;
	if (listview_key(&f->lv, ev->act))
		return UI_REDRAW;
	if (f->lv.sel < 0 || (size_t)f->lv.sel >= f->n)
		return ev->act == ACT_CARRY || ev->act == ACT_STATUS || ev->act == ACT_OPEN
			   ? UI_OK
			   : UI_UNHANDLED;
	const struct carry_item *c = &f->items[f->lv.sel];
	struct store *s = ui_store(f->ui);
	char *cause = NULL;
	int rc;
	switch (ev->act) {
	case ACT_CARRY:
		rc = c->carried ? store_carry_remove(s, f->meeting, c->kind, c->id, &cause)
				: store_carry_add(s, f->meeting, c->kind, c->id, &cause);
		break;
	case ACT_STATUS: {
		enum task_status next = (enum task_status)((c->status + 1) % TS__COUNT);
		/* Reported in this meeting: it records where it was settled;
		 * settling it also puts it on this meeting's list. */
		rc = c->kind == CARRY_DIRECTIVE
			 ? store_directive_set_status(s, c->id, next, f->meeting, &cause)
			 : store_proposal_set_status(s, c->id, next, NULL, f->meeting, &cause);
		if (rc == 0 && !c->carried)
			rc = store_carry_add(s, f->meeting, c->kind, c->id, &cause);
		break;
	}
	case ACT_OPEN:
		if (c->kind == CARRY_DIRECTIVE)
			screen_meeting_open(f->ui, c->from_meeting, "conclusions", MR_DIRECTIVE,
					    c->id);
		else
			screen_meeting_open(f->ui, c->from_meeting, "proposals", MR_PROPOSAL,
					    c->id);
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
	if (rc < 0) {
		ui_error(f->ui, "%s", cause ? cause : "?");
		free(cause);
		return UI_REDRAW;
	}
	if (rc == 1)
		ui_info(f->ui,
			c->kind == CARRY_DIRECTIVE
			    ? _("Directive %lld is open again: it was settled in this meeting")
			    : _("Proposal %lld is open again: it was settled in this meeting"),
			(long long)c->id);
	return UI_RELOAD_ALL;
}

static const struct keymap *follow_keymap(struct screen *sc)
{
	(void)sc;
	return &keymap_followup;
}

static void follow_done(struct screen *sc)
{
	struct follow *f = sc->data;
	follow_free(f);
	free(f->previous_title);
	free(f);
}

static const struct screen_ops follow_ops = {
    .name = "followup",
    .keymap = follow_keymap,
    .draw = follow_draw,
    .key = follow_key,
    .reload = follow_reload,
    .done = follow_done,
};

int screen_followup_open(struct ui *ui, int64_t meeting)
{
	struct follow *f = xcalloc(1, sizeof *f);
	f->ui = ui;
	f->meeting = meeting;
	listview_init(&f->lv, f, NULL, follow_row);
	struct screen *sc = ui_push(ui, &follow_ops, f);
	screen_set_title(sc, _("Follow-up for meeting %lld"), (long long)meeting);
	follow_reload(sc);
	return 0;
}

/* ==== the offer when a meeting is prepared ==== */

/* Carry every open item offered, then show them on the follow-up screen,
 * where Space takes one off again and s records its result. */
static int offer_yes(struct screen *sc, void *ctx)
{
	int64_t meeting = *(int64_t *)ctx;
	struct store *s = ui_store(sc->ui);
	struct carry_item *c;
	size_t n, carried = 0;
	char *cause = NULL;
	int rc = store_carry_candidates(s, meeting, &c, &n, &cause);
	int failed = rc < 0;
	for (size_t i = 0; !failed && i < n; i++)
		if (!c[i].carried && c[i].status == TS_OPEN) {
			failed = store_carry_add(s, meeting, c[i].kind, c[i].id, &cause) < 0;
			carried += !failed;
		}
	if (rc == 0) {
		for (size_t i = 0; i < n; i++)
			carry_item_free(&c[i]);
		free(c);
	}
	if (failed) {
		ui_error(sc->ui, _("Cannot carry over: %s"), cause);
		free(cause);
		return UI_RELOAD_ALL;
	}
	screen_followup_open(sc->ui, meeting);
	ui_info(sc->ui, _("Carried over: %zu. Space takes one off; s marks it done or dropped"),
		carried);
	return UI_RELOAD_ALL;
}

int screen_followup_offer(struct ui *ui, int64_t meeting)
{
	struct store *s = ui_store(ui);
	enum meeting_status st;
	struct carry_item *c = NULL;
	size_t n = 0, open = 0;
	int64_t prev = 0;
	/* Only while the meeting is prepared, and only once it has nothing
	 * carried yet: after that, F is where the list is kept. */
	if (store_readonly(s) || store_meeting_writable(s, meeting, &st, NULL) < 0 ||
	    st != MS_DRAFT || store_carryovers(s, meeting, &c, &n, NULL) < 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		carry_item_free(&c[i]);
	free(c);
	if (n || store_meeting_previous(s, meeting, &prev, NULL) != 1 ||
	    store_carry_candidates(s, meeting, &c, &n, NULL) < 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		open += !c[i].carried && c[i].status == TS_OPEN;
		carry_item_free(&c[i]);
	}
	free(c);
	if (!open)
		return 0;
	/* The meeting named by its quarter: "Meeting 4" read as cluster 4. */
	struct meeting *pm = NULL;
	char *q;
	if (store_meeting_load(s, prev, &pm, NULL) == 0 && pm && !str_empty(pm->period))
		q = xasprintf(ngettext("Meeting %lld (%s) left %zu directive or proposal open: "
				       "carry over?",
				       "Meeting %lld (%s) left %zu directives and proposals open: "
				       "carry over?",
				       open),
			      (long long)prev, pm->period, open);
	else
		q = xasprintf(
		    ngettext("Meeting %lld left %zu directive or proposal open: carry it over?",
			     "Meeting %lld left %zu directives and proposals open: carry them "
			     "over?",
			     open),
		    (long long)prev, open);
	meeting_free(pm);
	int64_t *ctx = xmalloc(sizeof *ctx);
	*ctx = meeting;
	ui_confirm(ui, q, offer_yes, ctx);
	ui_confirm_no_says(ui, _("Nothing carried over: F lists them to choose from"));
	free(q);
	return 1;
}
