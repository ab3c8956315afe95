/* live.c - live note taking: the current agenda item with its elapsed
 * time and the wall clock, the item's last notes, and the note line.
 * Nothing typed is lost: the line is saved as a draft within a second of
 * the last key, and a note the store refuses stays in the line, marked
 * NOT SAVED, and is retried. This file: keymaps, loading, keys, the
 * timer, open and done (live.h lists the others). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live.h"
#include "store_edit.h"
#include "text.h"

/* ==== keys ==== */

static const struct keybind live_binds[] = {
    KCH('\r', ACT_SAVE_NOTE),
    KFN(KEY_ENTER, ACT_SAVE_NOTE),
    KFN(KEY_F(2), ACT_SPEAKER),
    KCH(KCTRL('o'), ACT_SPEAKER),
    KFN(KEY_F(3), ACT_KIND),
    KCH(KCTRL('t'), ACT_KIND),
    /* Every action has a control key too, for terminals without F-keys
     * (vt100 has F1-F4 only, some SSH clients none): ^R recommendation,
     * ^G giao (assign) a task, ^Y, ^S start (ui.c turns XON/XOFF off so
     * ^S is not flow control), ^X end. Not ^B (tmux) nor ^A (screen),
     * nor the editor's ^A ^E ^B ^F ^D ^K ^U ^W ^J; ^C ^Z ^\ are signals. */
    KFN(KEY_F(4), ACT_PROPOSAL),
    KCH(KCTRL('r'), ACT_PROPOSAL),
    KFN(KEY_F(5), ACT_DIRECTIVE),
    KCH(KCTRL('g'), ACT_DIRECTIVE),
    KFN(KEY_F(6), ACT_LATE),
    KCH(KCTRL('y'), ACT_LATE),
    /* ^V kết luận (IEXTEN's literal-next acts only in canonical mode),
     * ^Q answer (XON is off, as for ^S), ^] the carried-over items. */
    KFN(KEY_F(11), ACT_CONCLUSION),
    KCH(KCTRL('v'), ACT_CONCLUSION),
    KFN(KEY_F(12), ACT_ANSWER),
    KCH(KCTRL('q'), ACT_ANSWER),
    KFN(KEY_F(17), ACT_CARRIED), /* Shift-F5 */
    KCH(KCTRL(']'), ACT_CARRIED),
    KFN(KEY_F(7), ACT_PREV_ITEM),
    KFN(KEY_PPAGE, ACT_PREV_ITEM),
    KCH(KCTRL('p'), ACT_PREV_ITEM),
    KFN(KEY_F(8), ACT_NEXT_ITEM),
    KFN(KEY_NPAGE, ACT_NEXT_ITEM),
    KCH(KCTRL('n'), ACT_NEXT_ITEM),
    KFN(KEY_F(9), ACT_START_MEETING),
    KCH(KCTRL('s'), ACT_START_MEETING),
    KFN(KEY_F(10), ACT_END_MEETING),
    KCH(KCTRL('x'), ACT_END_MEETING),
    KFN(KEY_UP, ACT_NOTES),
    KFN(KEY_F(1), ACT_HELP),
    KCH(KCTRL('l'), ACT_REFRESH),
    KCH(27, ACT_BACK),
    /* The speaker and kind in force: Shift-F2 (or ^_, which is also
     * Ctrl-/) the previous speaker; Shift-F3 the kind before; Alt-1..6
     * each kind, in the order of F3. */
    KFN(KEY_F(14), ACT_PREV_SPEAKER),
    KCH(KCTRL('_'), ACT_PREV_SPEAKER),
    KFN(KEY_F(15), ACT_KIND_PREV),
    KFN(KEY_ALT_DIGIT(1), ACT_KIND_STATEMENT),
    KFN(KEY_ALT_DIGIT(2), ACT_KIND_REPORT),
    KFN(KEY_ALT_DIGIT(3), ACT_KIND_QUESTION),
    KFN(KEY_ALT_DIGIT(4), ACT_KIND_ANSWER),
    KFN(KEY_ALT_DIGIT(5), ACT_KIND_PROPOSAL),
    KFN(KEY_ALT_DIGIT(6), ACT_KIND_DECISION),
};
/* The key line in order of need for what the meeting is at; what does not
 * fit at 80 columns (the Vietnamese labels are long) is further right,
 * shown on a wider terminal, and all of it is in the help (F1). Taking
 * notes under an item: */
static const enum action live_bar[] = {
    ACT_SAVE_NOTE,  ACT_SPEAKER,   ACT_NEXT_ITEM,     ACT_PROPOSAL,	ACT_ANSWER,
    ACT_HELP,	    ACT_KIND,	   ACT_CONCLUSION,    ACT_DIRECTIVE,	ACT_START_MEETING,
    ACT_END_MEETING, ACT_CARRIED,  ACT_LATE,	      ACT_PREV_SPEAKER, ACT_PREV_ITEM,
    ACT_NOTES};
/* Under the conclusions item: the chair concludes, directs, answers, and
 * the meeting ends. */
static const enum action live_bar_closing[] = {
    ACT_SAVE_NOTE, ACT_CONCLUSION, ACT_DIRECTIVE,  ACT_ANSWER,	  ACT_SPEAKER,
    ACT_END_MEETING, ACT_HELP,	   ACT_KIND,	   ACT_PROPOSAL,  ACT_PREV_ITEM,
    ACT_CARRIED,   ACT_LATE,	   ACT_PREV_SPEAKER, ACT_NEXT_ITEM, ACT_NOTES};
/* Before the start: start it. */
static const enum action live_bar_draft[] = {
    ACT_SAVE_NOTE, ACT_START_MEETING, ACT_SPEAKER,   ACT_NEXT_ITEM, ACT_HELP,
    ACT_KIND,	   ACT_LATE,	      ACT_PROPOSAL,  ACT_PREV_ITEM, ACT_CARRIED,
    ACT_PREV_SPEAKER, ACT_NOTES};
/* No parent: every letter goes to the note line. The three share their
 * keys; only their key lines differ (the help lists keymap_live). */
const struct keymap keymap_live = KEYMAP(
    "live", N_("Live note taking (letters go to the note line)"), live_binds, live_bar, NULL);
static const struct keymap keymap_live_closing =
    KEYMAP("live", N_("Live note taking (letters go to the note line)"), live_binds,
	   live_bar_closing, NULL);
static const struct keymap keymap_live_draft =
    KEYMAP("live", N_("Live note taking (letters go to the note line)"), live_binds,
	   live_bar_draft, NULL);

static const struct keybind notes_binds[] = {
    KFN(KEY_UP, ACT_UP),      KFN(KEY_DOWN, ACT_DOWN),	    KCH('\r', ACT_EDIT),
    KFN(KEY_ENTER, ACT_EDIT), KFN(KEY_DC, ACT_DELETE),	    KCH(27, ACT_BACK),
    KFN(KEY_F(1), ACT_HELP),  KCH(KCTRL('l'), ACT_REFRESH),
};
static const enum action notes_bar[] = {ACT_EDIT, ACT_DELETE, ACT_BACK, ACT_UP, ACT_DOWN};
const struct keymap keymap_live_notes = KEYMAP(
    "live.notes", N_("Live note taking: choosing a note to correct"), notes_binds, notes_bar, NULL);

/* ==== helpers ==== */

static int current_minute(void)
{
	time_t t = now_wall();
	struct tm tm;
	localtime_r(&t, &tm);
	return tm.tm_hour * 60 + tm.tm_min;
}

/* Minutes since an ISO minute, or -1. */
int live_minutes_since(const char *iso)
{
	struct tm tm = {0};
	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			   &tm.tm_hour, &tm.tm_min) != 5)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1)
		return -1;
	double d = difftime(now_wall(), t) / 60;
	return d < 0 ? 0 : (int)d;
}

/* "08:30" of "2023-04-12T08:30", or the text as it is. */
const char *live_hhmm(const char *iso)
{
	return strlen(iso) >= 16 && iso[10] == 'T' ? iso + 11 : iso;
}

int live_locked(struct live *lv)
{
	return ui_readonly(lv->ui) || !lv->m || lv->m->status == MS_APPROVED;
}

int live_item_index(const struct live *lv, int64_t item)
{
	for (size_t i = 0; lv->m && i < lv->m->n_items; i++)
		if (lv->m->items[i].id == item)
			return (int)i;
	return -1;
}

int live_outcomes_item(const struct live *lv)
{
	const struct live_meeting *m = lv->m;
	if (!m || !m->n_items)
		return -1;
	for (size_t i = m->n_items; i-- > 0;) /* the secretary's choice first */
		if (m->items[i].kind == IK_CONCLUSIONS)
			return (int)i;
	for (size_t i = m->n_items; i-- > 0;) {
		if (m->items[i].kind != IK_AUTO)
			continue;
		char *f = text_fold(m->items[i].title);
		int yes = strncmp(f, "ket luan", 8) == 0;
		free(f);
		if (yes)
			return (int)i;
	}
	return (int)m->n_items - 1;
}

void live_outcome_saved(struct live *lv, int directive)
{
	int at = live_outcomes_item(lv);
	if (at < 0 || live_item_index(lv, lv->item) == at)
		ui_info(lv->ui, "%s", directive ? _("Directive saved") : _("Conclusion saved"));
	else if (directive)
		ui_info(lv->ui, _("Directive saved: it shows under item %d/%zu, as in the minutes"),
			at + 1, lv->m->n_items);
	else
		ui_info(lv->ui, _("Conclusion saved: it shows under item %d/%zu, as in the minutes"),
			at + 1, lv->m->n_items);
}

const struct attendee *live_attendee_by_name(const struct live *lv, const char *name)
{
	for (size_t i = 0; name && lv->m && i < lv->m->n_attendees; i++)
		if (str_eq(lv->m->attendees[i].name, name))
			return &lv->m->attendees[i];
	return NULL;
}

void live_set_str(char **dst, const char *src)
{
	char *copy = src ? xstrdup(src) : NULL;
	free(*dst);
	*dst = copy;
}

void live_set_failure(struct live *lv, char *cause)
{
	free(lv->fail_cause);
	lv->fail_cause = cause ? cause : xstrdup("?");
	lv->retry_at = now_ms() + RETRY_MS;
}

/* ==== loading ==== */

static void free_notes(struct live *lv)
{
	live_notes_free(lv->notes, lv->n_notes);
	lv->notes = NULL;
	lv->n_notes = 0;
	for (size_t i = 0; i < lv->n_rows; i++)
		free(lv->rows[i].text);
	free(lv->rows);
	lv->rows = NULL;
	lv->n_rows = 0;
	lv->rows_stale = 1;
}

static int live_reload(struct screen *sc)
{
	struct live *lv = sc->data;
	struct store *s = ui_store(lv->ui);
	struct live_meeting *m = NULL;
	char *cause = NULL;
	if (store_live_load(s, lv->meeting, &m, &cause) < 0) {
		ui_error(lv->ui, _("Cannot read the meeting: %s"), cause);
		free(cause);
		return UI_REDRAW;
	}
	live_meeting_free(lv->m);
	lv->m = m;
	screen_set_title(sc, _("Live: %s"), m->title);
	int64_t store_item = m->n_items ? m->items[m->current].id : 0;
	if (live_item_index(lv, lv->item) < 0 ||
	    (m->status == MS_LIVE && lv->follow && !live_queue_has(lv, PENDING_MOVE)))
		lv->item = store_item;
	int64_t selected = lv->sel < lv->n_notes ? lv->notes[lv->sel].id : 0;
	free_notes(lv);
	if (lv->item &&
	    store_live_notes(s, lv->item, LIVE_NOTES, &lv->notes, &lv->n_notes, &cause) < 0) {
		ui_error(lv->ui, _("Cannot read the notes: %s"), cause);
		free(cause);
		cause = NULL;
	}
	live_proposals_free(lv->props, lv->n_props);
	lv->props = NULL;
	lv->n_props = 0;
	if (store_live_proposals(s, lv->meeting, &lv->props, &lv->n_props, &cause) < 0) {
		free(cause); /* the notes show without the answers */
		cause = NULL;
	}
	live_outcomes_free(lv->outs, lv->n_outs);
	lv->outs = NULL;
	lv->n_outs = 0;
	if (store_live_outcomes(s, lv->meeting, &lv->outs, &lv->n_outs, &cause) < 0)
		free(cause); /* the notes show without them */
	/* Keep the chosen note by id; if it is gone, leave the choosing. */
	if (lv->mode != LM_LINE) {
		size_t i = 0;
		while (i < lv->n_notes && lv->notes[i].id != selected)
			i++;
		if (i < lv->n_notes)
			lv->sel = i;
		else if (lv->mode == LM_SELECT)
			lv->mode = LM_LINE;
	}
	return UI_REDRAW;
}

/* ==== keys ==== */

static int leave_line_yes(struct screen *sc, void *ctx)
{
	(void)ctx;
	/* Then the saving path's own question if anything waits unsaved. */
	return live_leave(sc->data);
}

/* Esc: back to the screen below, or out of the program when the live
 * screen is the only one (`bienban live N`); asked first while the note
 * line holds text (it stays as the draft either way), then live_leave. */
static int leave_line(struct live *lv)
{
	char *t = xstrdup(editor_text(&lv->line));
	int empty = text_trim(t)[0] == '\0';
	free(t);
	if (empty)
		return live_leave(lv);
	/* Asked while typing: a word typed on after an Esc pressed by
	 * mistake ("các đơn vị") must not answer it. */
	ui_confirm_typing(
	    lv->ui,
	    ui_depth(lv->ui) > 1
		? _("The note line is not empty: leave the live screen? (it is kept as your draft)")
		: _("The note line is not empty: leave bienban? (it is kept as your draft)"),
	    leave_line_yes, NULL);
	return UI_REDRAW;
}

static int live_key(struct screen *sc, const struct ui_event *ev);

/* A conclusion, an answer, a proposal or a directive. */
static int capture_start(struct live *lv, enum action act)
{
	switch (act) {
	case ACT_CONCLUSION:
		return live_conclusion_start(lv);
	case ACT_ANSWER:
		return live_answer_start(lv);
	case ACT_PROPOSAL:
		return live_capture_start(lv, 0);
	default:
		return live_capture_start(lv, 1);
	}
}

static int capture_closed_yes(struct screen *sc, void *ctx)
{
	struct live *lv = sc->data;
	lv->closed_ok = 1;
	return capture_start(lv, *(enum action *)ctx);
}

/* What F4, F5, F11 and F12 capture goes into the minutes as a note does:
 * on a meeting closed after F10, asked first as a note is (once a
 * session), not written into minutes that may be signed. */
static int capture_guarded(struct live *lv, enum action act)
{
	if (lv->m && lv->m->status == MS_CLOSED && !lv->closed_ok) {
		enum action *a = xcalloc(1, sizeof *a);
		*a = act;
		ui_confirm(lv->ui, _("Meeting closed: add this to its minutes?"), capture_closed_yes,
			   a);
		return UI_REDRAW;
	}
	return capture_start(lv, act);
}

static int key_select(struct screen *sc, struct live *lv, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_UP:
		if (lv->sel > 0)
			lv->sel--;
		return UI_REDRAW;
	case ACT_DOWN:
		if (lv->sel + 1 < lv->n_notes)
			lv->sel++;
		else
			lv->mode = LM_LINE;
		return UI_REDRAW;
	case ACT_BACK:
		lv->mode = LM_LINE;
		return UI_REDRAW;
	case ACT_EDIT:
		if (ui_edit_refused(lv->ui, lv->meeting) || lv->sel >= lv->n_notes)
			return UI_REDRAW;
		live_begin_edit(lv);
		return UI_REDRAW;
	case ACT_DELETE: {
		if (ui_edit_refused(lv->ui, lv->meeting) || lv->sel >= lv->n_notes)
			return UI_REDRAW;
		struct note_ctx *c = xcalloc(1, sizeof *c);
		c->lv = lv;
		c->id = lv->notes[lv->sel].id;
		/* Which note, in the question: the one chosen may be scrolled
		 * far from the line, and Del is one key. */
		const struct note *n = &lv->notes[lv->sel];
		char *vis = text_visible(n->text ? n->text : "", 0);
		size_t w = 0, cut = text_fit(vis, strlen(vis), 24, &w);
		char *start = cut < strlen(vis) ? xasprintf("%.*s…", (int)cut, vis) : xstrdup(vis);
		char *q = xasprintf(_("Delete the note of %s at %s, “%s”? The change log keeps it."),
				    n->speaker ? n->speaker : "?", n->at ? live_hhmm(n->at) : "?",
				    start);
		ui_confirm(lv->ui, q, live_delete_yes, c);
		free(q);
		free(start);
		free(vis);
		return UI_REDRAW;
	}
	case ACT_HELP:
	case ACT_REFRESH:
		return UI_UNHANDLED;
	default:
		/* Anything else goes back to the note line and acts there. */
		lv->mode = LM_LINE;
		return live_key(sc, ev) | UI_REDRAW;
	}
}

static int live_key(struct screen *sc, const struct ui_event *ev)
{
	struct live *lv = sc->data;
	if (!lv->m)
		return ev->act == ACT_BACK ? UI_POP : UI_UNHANDLED;
	if (lv->mode == LM_SELECT)
		return key_select(sc, lv, ev);
	switch (ev->act) {
	case ACT_HELP:
	case ACT_REFRESH:
		return UI_UNHANDLED;
	case ACT_BACK:
		if (lv->mode == LM_EDIT) {
			live_cancel_edit(lv);
			return UI_REDRAW;
		}
		return live_locked(lv) ? UI_POP : leave_line(lv);
	case ACT_PREV_ITEM:
		return live_move_item(lv, -1);
	case ACT_NEXT_ITEM:
		return live_move_item(lv, +1);
	case ACT_NOTES:
		break; /* Up: the editor first, then the notes */
	default:
		break;
	}
	if (live_locked(lv)) {
		if (ev->act == ACT_NOTES && lv->n_notes) {
			lv->mode = LM_SELECT;
			lv->sel = lv->n_notes - 1;
			return UI_REDRAW;
		}
		ui_edit_refused(lv->ui, lv->meeting);
		return UI_REDRAW;
	}
	switch (ev->act) {
	case ACT_SAVE_NOTE:
		lv->last_key = now_ms();
		return lv->mode == LM_EDIT ? live_save_edit(lv) : live_save_note(lv);
	case ACT_SPEAKER:
		return live_open_picker(lv, PICK_SPEAKER);
	case ACT_KIND:
	case ACT_KIND_PREV:
		live_set_kind(
		    lv, (enum note_kind)((lv->kind + (ev->act == ACT_KIND ? 1 : NK__COUNT - 1)) %
					 NK__COUNT));
		lv->last_key = now_ms();
		return UI_REDRAW;
	case ACT_KIND_STATEMENT:
	case ACT_KIND_REPORT:
	case ACT_KIND_QUESTION:
	case ACT_KIND_ANSWER:
	case ACT_KIND_PROPOSAL:
	case ACT_KIND_DECISION:
		live_set_kind(lv, (enum note_kind)(NK_STATEMENT + (ev->act - ACT_KIND_STATEMENT)));
		lv->last_key = now_ms();
		return UI_REDRAW;
	case ACT_PREV_SPEAKER:
		return live_prev_speaker(lv);
	case ACT_LATE:
		/* F6 records an arrival now: once the meeting has ended, now is
		 * after its end (the minutes would count someone who came when
		 * it was over). The attendees tab records one at its time. */
		if (lv->m && lv->m->status == MS_CLOSED) {
			ui_error(lv->ui,
				 _("The meeting ended at %s: an arrival now would be after its end; "
				   "the attendees tab records one at its time (l)"),
				 lv->m->ends_at ? live_hhmm(lv->m->ends_at) : "?");
			return UI_REDRAW;
		}
		return live_open_picker(lv, PICK_LATE);
	case ACT_CONCLUSION:
	case ACT_ANSWER:
	case ACT_PROPOSAL:
	case ACT_DIRECTIVE:
		return lv->mode == LM_EDIT ? UI_OK : capture_guarded(lv, ev->act);
	case ACT_CARRIED:
		return live_carried_open(lv);
	case ACT_START_MEETING:
		return live_start_meeting(lv);
	case ACT_END_MEETING:
		return live_end_meeting(lv);
	default:
		break;
	}
	int r = editor_key(&lv->line, ev);
	if (r == ED_CHANGED) {
		long long now = now_ms();
		lv->last_key = now;
		if (!lv->first_unsaved)
			lv->first_unsaved = now;
		return UI_REDRAW;
	}
	if (r == ED_PREV && lv->mode == LM_LINE && lv->n_notes) {
		lv->mode = LM_SELECT;
		lv->sel = lv->n_notes - 1;
		return UI_REDRAW;
	}
	return UI_OK;
}

static const struct keymap *live_keymap(struct screen *sc)
{
	struct live *lv = sc->data;
	if (lv->mode == LM_SELECT)
		return &keymap_live_notes;
	if (lv->m && lv->m->status == MS_DRAFT && !live_locked(lv))
		return &keymap_live_draft;
	if (lv->m && lv->m->status == MS_LIVE && lv->m->n_items > 1 && lv->item &&
	    live_item_index(lv, lv->item) == live_outcomes_item(lv))
		return &keymap_live_closing;
	return &keymap_live;
}

/* ==== time ==== */

static int live_tick(struct screen *sc, long long now)
{
	struct live *lv = sc->data;
	(void)now;
	int minute = current_minute();
	if (minute != lv->minute) {
		lv->minute = minute;
		return UI_REDRAW;
	}
	return UI_OK;
}

/* What writes (the waiting notes, the draft, the recovery file) runs
 * only here, once the screen is drawn and no key waits (ui.h, idle): a
 * save, the first one included, never stands between a key and its
 * screen update. */
static int live_idle(struct screen *sc, long long now)
{
	struct live *lv = sc->data;
	int flags = UI_OK;
	if (live_locked(lv))
		return flags | live_queue_stranded(lv);
	/* Confirmed writes first, in order; the draft only once none waits
	 * (so a queued note never empties a newer draft). */
	flags |= live_queue_tick(lv, now);
	if (live_queue_len(lv))
		return flags;
	int failing = lv->draft_failed;
	if (failing && now < lv->retry_at)
		return flags;
	if (live_draft_dirty(lv)) {
		if (!lv->first_unsaved)
			lv->first_unsaved = now;
		if (failing || now - lv->last_key >= DRAFT_IDLE_MS ||
		    now - lv->first_unsaved >= DRAFT_MAX_MS) {
			int was = lv->draft_failed;
			live_draft_save(lv);
			if (was != lv->draft_failed)
				flags |= UI_REDRAW;
			if (was && !lv->draft_failed)
				live_queue_persist(lv);
		}
	} else if (failing) {
		/* The line was emptied: nothing left to save. */
		lv->draft_failed = 0;
		live_queue_persist(lv);
		flags |= UI_REDRAW;
	}
	return flags;
}

/* path as a shell word (allocated): as it is when it needs no quoting,
 * else in single quotes (a quote in it as '\''). */
static char *shell_quoted(const char *path)
{
	if (!path[strspn(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,@")])
		return xstrdup(path);
	struct strbuf sb = {0};
	strbuf_addc(&sb, '\'');
	for (const char *c = path; *c; c++)
		if (*c == '\'')
			strbuf_adds(&sb, "'\\''");
		else
			strbuf_addc(&sb, *c);
	strbuf_addc(&sb, '\'');
	return strbuf_detach(&sb);
}

static void live_done(struct screen *sc)
{
	struct live *lv = sc->data;
	/* Leaving (also on SIGHUP, SIGTERM or a lost terminal): the waiting
	 * writes and the line are saved if the store takes them, else kept in
	 * the recovery file. */
	live_queue_done(lv, !live_locked(lv));
	/* The program ends (^C, ^\, a signal) with a line typed: it is the
	 * draft now; say so once the terminal is back, or it looks lost. */
	if (ui_ending(lv->ui) && *editor_text(&lv->line) && !live_locked(lv)) {
		/* The command as it must be typed: with the store, unless it is
		 * the default one (following a hint without it failed). */
		char *def = store_default_path();
		const char *path = ui_store_path(lv->ui);
		char *q = path && !str_eq(path, def) ? shell_quoted(path) : NULL;
		char *cmd = q ? xasprintf("bienban live %lld --db %s", (long long)lv->meeting, q)
			      : xasprintf("bienban live %lld", (long long)lv->meeting);
		free(q);
		ui_exit_note(lv->ui,
			     _("the line being typed is kept as the draft of meeting %lld: “%s” goes "
			       "on with it"),
			     (long long)lv->meeting, cmd);
		free(cmd);
		free(def);
	}
	live_meeting_free(lv->m);
	free_notes(lv);
	live_proposals_free(lv->props, lv->n_props);
	live_outcomes_free(lv->outs, lv->n_outs);
	editor_done(&lv->line);
	free(lv->speaker);
	free(lv->prev_speaker);
	free(lv->stash);
	free(lv->stash_speaker);
	free(lv->stash_prev);
	free(lv->saved_text);
	free(lv->saved_speaker);
	free(lv->fail_cause);
	free(lv);
}

static int live_ask_quit_op(struct screen *sc)
{
	struct live *lv = sc->data;
	return lv->m && !live_locked(lv) && live_ask_quit(lv);
}

/* The note line holds text: ^C asks again (it is kept as the draft). */
static int live_typing(struct screen *sc)
{
	struct live *lv = sc->data;
	return lv->m && !live_locked(lv) && *editor_text(&lv->line) ? 2 : 0;
}

static const struct screen_ops live_ops = {
    .name = "live",
    .keymap = live_keymap,
    .draw = live_draw,
    .key = live_key,
    .reload = live_reload,
    .tick = live_tick,
    .idle = live_idle,
    .done = live_done,
    .types_when_small = 1, /* typing goes on into the note line */
    .ask_quit = live_ask_quit_op,
    .typing = live_typing,
};

int screen_live_open(struct ui *ui, int64_t meeting)
{
	struct live *lv = xcalloc(1, sizeof *lv);
	lv->ui = ui;
	lv->meeting = meeting;
	lv->follow = 1;
	lv->kind = NK_STATEMENT;
	lv->minute = current_minute();
	editor_init(&lv->line, "", 1);
	live_queue_init(lv);
	live_define_keys();
	struct screen *sc = ui_push(ui, &live_ops, lv);
	lv->sc = sc;
	live_reload(sc);
	if (!lv->m) {
		ui_pop(ui);
		return -1;
	}
	struct live_draft d;
	char *cause = NULL;
	int r = store_draft_load(ui_store(ui), meeting, &d, &cause);
	if (r < 0) {
		ui_error(ui, _("Cannot read your draft: %s"), cause);
		free(cause);
	} else if (r == 1 && !live_locked(lv)) {
		editor_set(&lv->line, d.text);
		lv->speaker = d.speaker;
		d.speaker = NULL;
		lv->kind = d.kind;
		lv->kind_set = d.kind != live_fitting_kind(lv, lv->speaker);
		/* Outside a live meeting, go back to where the line was typed. */
		if (lv->m->status != MS_LIVE && d.item && live_item_index(lv, d.item) >= 0 &&
		    d.item != lv->item) {
			lv->item = d.item;
			live_reload(sc);
		}
		lv->draft_known = 1;
		lv->saved_text = d.text;
		d.text = NULL;
		live_set_str(&lv->saved_speaker, lv->speaker);
		lv->saved_kind = lv->kind;
		lv->saved_item = d.item;
		if (lv->saved_text[0])
			ui_info(ui, "%s", _("Your unfinished note is back in the line"));
	}
	if (r == 1)
		live_draft_free(&d);
	if (!lv->speaker && !live_locked(lv)) {
		/* No draft says who speaks: the current item's presenter, as
		 * F9 and F8 make them, is the speaker (not a draft to save). */
		live_item_entered(lv);
		if (!lv->draft_known && lv->speaker && !editor_text(&lv->line)[0]) {
			lv->draft_known = 1;
			live_set_str(&lv->saved_text, "");
			live_set_str(&lv->saved_speaker, lv->speaker);
			lv->saved_kind = lv->kind;
			lv->saved_item = lv->item;
		}
	}
	/* The draft's statements now, not at the first save (which says
	 * so if they cannot be). */
	store_draft_prepare(ui_store(ui), NULL);
	live_queue_offer_restore(lv);
	return 0;
}
