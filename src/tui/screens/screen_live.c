/* screen_live.c - live note taking: the current agenda item with its
 * elapsed time and the wall clock, the item's last notes, and the note
 * line. Nothing typed is lost: the line is saved as a draft within a
 * second of the last key, and a note the store refuses stays in the line,
 * marked NOT SAVED, and is retried. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "editor.h"
#include "screens.h"
#include "store_edit.h"
#include "store_live.h"
#include "text.h"
#include "ui.h"

#define LIVE_NOTES 60	   /* notes of the item kept for display */
#define DRAFT_IDLE_MS 250  /* save the draft this long after the last key */
#define DRAFT_MAX_MS 700   /* and at least this often while typing goes on */
#define RETRY_MS 2000	   /* retry a failed write this often */
#define RETRY_QUIET_MS 800 /* but not while the secretary is typing */
#define LINE_ROWS 2	   /* rows of the note line */

enum live_mode {
	LM_LINE,   /* typing a new note */
	LM_SELECT, /* choosing an earlier note (Up) */
	LM_EDIT,   /* correcting the chosen note in the line */
};

/* One screen row of the notes. */
struct note_row {
	char *text;  /* visible, wrapped */
	size_t note; /* index into notes */
	int first;   /* the note's first row (starts with its time) */
};

struct live {
	struct ui *ui;
	struct screen *sc;
	int64_t meeting;
	struct live_meeting *m; /* replaced on every reload */
	int64_t item;		/* the current item's id, 0 while there is none */
	int follow;		/* follow the store's current item (live meetings) */
	struct note *notes;	/* the last notes of the item, oldest first */
	size_t n_notes;
	struct note_row *rows; /* the notes laid out for rows_width */
	size_t n_rows;
	int rows_width, rows_stale;
	struct editor line;
	char *speaker;
	enum note_kind kind;
	enum live_mode mode;
	size_t sel;	 /* LM_SELECT, LM_EDIT: index into notes */
	int64_t edit_id; /* LM_EDIT: the note being corrected */
	char *stash;	 /* LM_EDIT: the unfinished line, put aside */
	char *stash_speaker;
	enum note_kind stash_kind;
	/* What the store holds as our draft (to save only changes). */
	int draft_known;
	char *saved_text, *saved_speaker;
	enum note_kind saved_kind;
	int64_t saved_item;
	long long last_key, first_unsaved;
	/* Writes that failed: shown until they succeed, retried on a timer. */
	int note_failed, draft_failed;
	char *fail_cause;
	long long retry_at;
	int minute; /* minute of the day on screen */
};

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
};
/* In order of need: what does not fit at 80 columns (prev item, late,
 * start/end — the header says how to start —, notes) is in the help. */
static const enum action live_bar[] = {ACT_SAVE_NOTE,	ACT_SPEAKER,   ACT_KIND, ACT_NEXT_ITEM,
				       ACT_PROPOSAL,	ACT_DIRECTIVE, ACT_HELP, ACT_START_MEETING,
				       ACT_END_MEETING, ACT_PREV_ITEM, ACT_LATE, ACT_NOTES};
/* No parent: every letter goes to the note line. */
const struct keymap keymap_live = KEYMAP(
    "live", N_("Live note taking (letters go to the note line)"), live_binds, live_bar, NULL);

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
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return tm.tm_hour * 60 + tm.tm_min;
}

/* Minutes since an ISO minute, or -1. */
static int minutes_since(const char *iso)
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
	double d = difftime(time(NULL), t) / 60;
	return d < 0 ? 0 : (int)d;
}

/* "08:30" of "2023-04-12T08:30", or the text as it is. */
static const char *hhmm(const char *iso)
{
	return strlen(iso) >= 16 && iso[10] == 'T' ? iso + 11 : iso;
}

static int locked(struct live *lv)
{
	return ui_readonly(lv->ui) || !lv->m || lv->m->status == MS_APPROVED;
}

static int item_index(const struct live *lv, int64_t item)
{
	for (size_t i = 0; lv->m && i < lv->m->n_items; i++)
		if (lv->m->items[i].id == item)
			return (int)i;
	return -1;
}

static const struct attendee *attendee_by_name(const struct live *lv, const char *name)
{
	for (size_t i = 0; name && lv->m && i < lv->m->n_attendees; i++)
		if (str_eq(lv->m->attendees[i].name, name))
			return &lv->m->attendees[i];
	return NULL;
}

static void set_str(char **dst, const char *src)
{
	char *copy = src ? xstrdup(src) : NULL;
	free(*dst);
	*dst = copy;
}

static void set_failure(struct live *lv, char *cause)
{
	free(lv->fail_cause);
	lv->fail_cause = cause ? cause : xstrdup("?");
	lv->retry_at = now_ms() + RETRY_MS;
}

/* ==== the draft ==== */

/* The unfinished line: put aside while a note is being corrected. */
static void draft_content(const struct live *lv, const char **text, const char **speaker,
			  enum note_kind *kind)
{
	if (lv->mode == LM_EDIT) {
		*text = lv->stash ? lv->stash : "";
		*speaker = lv->stash_speaker;
		*kind = lv->stash_kind;
	} else {
		*text = editor_text(&lv->line);
		*speaker = lv->speaker;
		*kind = lv->kind;
	}
}

static int draft_dirty(const struct live *lv)
{
	const char *text, *speaker;
	enum note_kind kind;
	draft_content(lv, &text, &speaker, &kind);
	if (!lv->draft_known)
		return text[0] || speaker || kind != NK_STATEMENT;
	return !str_eq(text, lv->saved_text) || !str_eq(speaker, lv->saved_speaker) ||
	       kind != lv->saved_kind || lv->item != lv->saved_item;
}

/* Save the draft now. 0, or -1 with the failure recorded. */
static int draft_save(struct live *lv)
{
	const char *text, *speaker;
	enum note_kind kind;
	draft_content(lv, &text, &speaker, &kind);
	char *cause = NULL;
	if (store_draft_save(ui_store(lv->ui), lv->meeting, lv->item, speaker, kind, text, &cause) <
	    0) {
		lv->draft_failed = 1;
		set_failure(lv, cause);
		return -1;
	}
	lv->draft_failed = 0;
	lv->draft_known = 1;
	set_str(&lv->saved_text, text);
	set_str(&lv->saved_speaker, speaker);
	lv->saved_kind = kind;
	lv->saved_item = lv->item;
	lv->first_unsaved = 0;
	if (!lv->note_failed) {
		free(lv->fail_cause);
		lv->fail_cause = NULL;
	}
	return 0;
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

static int reload(struct screen *sc)
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
	if (item_index(lv, lv->item) < 0 || (m->status == MS_LIVE && lv->follow))
		lv->item = store_item;
	int64_t selected = lv->sel < lv->n_notes ? lv->notes[lv->sel].id : 0;
	free_notes(lv);
	if (lv->item &&
	    store_live_notes(s, lv->item, LIVE_NOTES, &lv->notes, &lv->n_notes, &cause) < 0) {
		ui_error(lv->ui, _("Cannot read the notes: %s"), cause);
		free(cause);
	}
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

/* ==== drawing ==== */

static void draw_top(struct live *lv, WINDOW *w, int width)
{
	const struct live_meeting *m = lv->m;
	int idx = item_index(lv, lv->item);
	const struct live_item *it = idx >= 0 ? &m->items[idx] : NULL;
	enum ui_style st = m->status == MS_LIVE	      ? ST_STATUS_LIVE
			   : m->status == MS_CLOSED   ? ST_STATUS_CLOSED
			   : m->status == MS_APPROVED ? ST_STATUS_APPROVED
						      : ST_STATUS_DRAFT;
	/* Right: elapsed time of the item and the wall clock (per minute). */
	char right[64], clock[8];
	snprintf(clock, sizeof clock, "%02d:%02d", lv->minute / 60, lv->minute % 60);
	int el = it && m->status == MS_LIVE && !it->ended_at ? minutes_since(it->started_at) : -1;
	if (el >= 0) {
		char *e = xasprintf(_("%d min"), el);
		snprintf(right, sizeof right, "%s · %s", e, clock);
		free(e);
	} else {
		snprintf(right, sizeof right, "%s", clock);
	}
	int rw = (int)text_width(right);
	char *badge = xasprintf("[%s]", ui_status_name(m->status));
	int x = ui_put(w, 0, 0, width, badge, ui_attr(st));
	free(badge);
	x += ui_put(w, 0, x, 1, " ", A_NORMAL);
	char *title = it ? xasprintf("%d/%zu %s", idx + 1, m->n_items, it->title)
			 : xstrdup(_("No agenda item yet: the first note creates one"));
	ui_put(w, 0, x, width - x - rw - 1, title, ui_attr(ST_HEADING));
	free(title);
	if (rw < width)
		ui_put(w, 0, width - rw, rw, right, ui_attr(ST_LABEL));

	struct strbuf sb = {0};
	if (m->status == MS_DRAFT && !locked(lv))
		strbuf_adds(&sb, _("Meeting not started: F9 starts it (or ^S)"));
	else if (it && it->started_at) {
		strbuf_addf(&sb, _("started %s"), hhmm(it->started_at));
		if (it->ended_at)
			strbuf_addf(&sb, " – %s", hhmm(it->ended_at));
	} else if (it) {
		strbuf_adds(&sb, _("not started"));
	}
	if (it && it->presenter)
		strbuf_addf(&sb, "%s%s %s", sb.len ? " · " : "", _("presenter:"), it->presenter);
	ui_put(w, 1, 0, width, sb.buf ? sb.buf : "", ui_attr(ST_DIM));
	strbuf_free(&sb);
	mvwhline(w, 2, 0, ACS_HLINE, width);
}

/* One note as text: "08:31 Speaker (kind): text". Allocated. */
static char *note_line(const struct note *n)
{
	struct strbuf sb = {0};
	if (n->at && strlen(n->at) >= 16)
		strbuf_add(&sb, n->at + 11, 5);
	else
		strbuf_adds(&sb, "--:--");
	strbuf_addc(&sb, ' ');
	if (n->speaker)
		strbuf_adds(&sb, n->speaker);
	if (n->kind != NK_STATEMENT)
		strbuf_addf(&sb, "%s(%s)", n->speaker ? " " : "", ui_note_kind_name(n->kind));
	if (n->speaker || n->kind != NK_STATEMENT)
		strbuf_adds(&sb, ": ");
	strbuf_adds(&sb, n->text);
	char *vis = text_visible(sb.buf, 0);
	strbuf_free(&sb);
	return vis;
}

/* The notes wrapped to the width, made visible once per reload rather
 * than on every key (typing redraws the screen at each character). */
static void layout_notes(struct live *lv, int width)
{
	for (size_t i = 0; i < lv->n_rows; i++)
		free(lv->rows[i].text);
	free(lv->rows);
	lv->rows = NULL;
	lv->n_rows = 0;
	size_t cols = width > 4 ? (size_t)width - 2 : 2;
	for (size_t k = 0; k < lv->n_notes; k++) {
		char *text = note_line(&lv->notes[k]);
		size_t *starts, *lens;
		size_t n = text_wrap(text, cols, &starts, &lens);
		lv->rows = xreallocarray(lv->rows, lv->n_rows + n, sizeof *lv->rows);
		for (size_t i = 0; i < n; i++) {
			struct note_row *r = &lv->rows[lv->n_rows++];
			r->text = xstrndup(text + starts[i], lens[i]);
			r->note = k;
			r->first = i == 0;
		}
		free(starts);
		free(lens);
		free(text);
	}
	lv->rows_width = width;
	lv->rows_stale = 0;
}

/* The notes, newest at the bottom of rows [y0, y1). */
static void draw_notes(struct live *lv, WINDOW *w, int y0, int y1, int width)
{
	if (lv->n_notes == 0 && y1 > y0) {
		ui_put(w, y0, 0, width, _("No notes under this item yet."), ui_attr(ST_DIM));
		return;
	}
	if (lv->rows_stale || lv->rows_width != width)
		layout_notes(lv, width);
	int y = y1;
	attr_t dim = ui_attr(ST_DIM), sel = ui_attr(ST_SELECTED);
	for (size_t i = lv->n_rows; i-- > 0 && y > y0;) {
		const struct note_row *r = &lv->rows[i];
		int x = r->first ? 0 : 2;
		y--;
		if (lv->mode != LM_LINE && r->note == lv->sel) {
			ui_put_fill(w, y, 0, width, "", sel);
			wattr_set(w, sel, PAIR_NUMBER(sel), NULL);
			mvwaddstr(w, y, x, r->text); /* already visible and fitted */
			wattr_set(w, A_NORMAL, 0, NULL);
			continue;
		}
		mvwaddstr(w, y, x, r->text);
		if (r->first)
			mvwchgat(w, y, 0, 5, dim, PAIR_NUMBER(dim), NULL);
	}
}

static void draw(struct screen *sc, WINDOW *w)
{
	struct live *lv = sc->data;
	int height = getmaxy(w), width = getmaxx(w);
	if (!lv->m)
		return;
	draw_top(lv, w, width);
	int line_y = height - LINE_ROWS;
	int banner_y = line_y - 2;
	draw_notes(lv, w, 3, banner_y, width);

	/* The save state: nothing to say while all is saved. */
	if (lv->note_failed || lv->draft_failed) {
		char *msg = xasprintf(lv->note_failed ? _("NOT SAVED - retrying (%s)")
						      : _("Draft NOT SAVED - retrying (%s)"),
				      lv->fail_cause ? lv->fail_cause : "?");
		ui_put_fill(w, banner_y, 0, width, msg, ui_attr(ST_ERROR));
		free(msg);
	} else {
		mvwhline(w, banner_y, 0, ACS_HLINE, width);
	}

	if (locked(lv)) {
		const char *why = ui_readonly(lv->ui)
				      ? _("Review (read-only): new notes appear as they are saved.")
				      : _("This meeting is approved: it cannot be changed.");
		ui_put(w, banner_y + 1, 0, width, why, ui_attr(ST_DIM));
		return;
	}
	const char *speaker = lv->speaker;
	enum note_kind kind = lv->kind;
	int x = ui_put(w, banner_y + 1, 0, width, _("Speaker:"), ui_attr(ST_LABEL));
	x += ui_put(w, banner_y + 1, x, 1, " ", A_NORMAL);
	const struct attendee *a = attendee_by_name(lv, speaker);
	char *who = speaker
			? (a && a->unit ? xasprintf("%s (%s)", speaker, a->unit) : xstrdup(speaker))
			: xstrdup(_("(none)"));
	x += ui_put(w, banner_y + 1, x, width - x - 20, who, A_BOLD);
	free(who);
	x += ui_put(w, banner_y + 1, x, width - x, "  ", A_NORMAL);
	x += ui_put(w, banner_y + 1, x, width - x, _("Kind:"), ui_attr(ST_LABEL));
	x += ui_put(w, banner_y + 1, x, width - x, " ", A_NORMAL);
	ui_put(w, banner_y + 1, x, width - x, ui_note_kind_name(kind), A_BOLD);
	int ex = 2;
	if (lv->mode == LM_EDIT)
		ex = ui_put(w, line_y, 0, width / 3, _("Correcting:"), ui_attr(ST_HEADING)) + 1;
	else
		ui_put(w, line_y, 0, 2, ">", ui_attr(ST_LABEL));
	editor_draw(&lv->line, lv->ui, w, line_y, ex, width - ex, LINE_ROWS, lv->mode != LM_SELECT);
	/* The note line is plain text: an underlined field would cost an
	 * attribute change per typed character on the wire. (mvwchgat moves
	 * the window's cursor; the ui places the terminal's from editor_draw.) */
	for (int r = 0; r < LINE_ROWS; r++)
		mvwchgat(w, line_y + r, ex, width - ex, A_NORMAL, 0, NULL);
}

/* ==== actions ==== */

static int save_note(struct live *lv)
{
	const char *text = editor_text(&lv->line);
	char *trimmed = xstrdup(text);
	text_trim(trimmed);
	int blank = trimmed[0] == '\0';
	free(trimmed);
	if (blank) {
		if (lv->note_failed) {
			lv->note_failed = 0;
			return UI_REDRAW;
		}
		ui_info(lv->ui, "%s", _("Type the note first, then Enter saves it"));
		return UI_REDRAW;
	}
	struct live_note n = {
	    .item = lv->item, .speaker = lv->speaker, .kind = lv->kind, .text = text};
	int64_t item = 0;
	char *cause = NULL;
	if (store_live_note_add(ui_store(lv->ui), lv->meeting, &n, 1, NULL, &item, &cause) < 0) {
		/* The text stays in the line; tick() retries. */
		lv->note_failed = 1;
		set_failure(lv, cause);
		return UI_REDRAW;
	}
	lv->note_failed = 0;
	free(lv->fail_cause);
	lv->fail_cause = NULL;
	lv->item = item;
	editor_set(&lv->line, "");
	/* The store cleared the draft's text with the note; saving the
	 * draft again keeps the speaker and kind for a restart. */
	lv->draft_known = 0;
	return UI_RELOAD;
}

static int save_edit(struct live *lv)
{
	char *cause = NULL;
	if (store_live_note_edit(ui_store(lv->ui), lv->edit_id, lv->speaker, lv->kind,
				 editor_text(&lv->line), &cause) < 0) {
		ui_error(lv->ui, _("Not saved: %s"), cause);
		free(cause);
		return UI_REDRAW;
	}
	editor_set(&lv->line, lv->stash ? lv->stash : "");
	set_str(&lv->speaker, lv->stash_speaker);
	lv->kind = lv->stash_kind;
	free(lv->stash);
	free(lv->stash_speaker);
	lv->stash = lv->stash_speaker = NULL;
	lv->mode = LM_LINE;
	ui_info(lv->ui, "%s", _("Note corrected (recorded in the change log)"));
	return UI_RELOAD;
}

static void begin_edit(struct live *lv)
{
	const struct note *n = &lv->notes[lv->sel];
	lv->stash = xstrdup(editor_text(&lv->line));
	lv->stash_speaker = lv->speaker ? xstrdup(lv->speaker) : NULL;
	lv->stash_kind = lv->kind;
	set_str(&lv->speaker, n->speaker);
	lv->kind = n->kind;
	lv->edit_id = n->id;
	editor_set(&lv->line, n->text);
	lv->mode = LM_EDIT;
}

static void cancel_edit(struct live *lv)
{
	editor_set(&lv->line, lv->stash ? lv->stash : "");
	set_str(&lv->speaker, lv->stash_speaker);
	lv->kind = lv->stash_kind;
	free(lv->stash);
	free(lv->stash_speaker);
	lv->stash = lv->stash_speaker = NULL;
	lv->mode = LM_LINE;
}

struct note_ctx {
	struct live *lv;
	int64_t id;
};

static int delete_yes(struct screen *sc, void *ctx)
{
	struct live *lv = sc->data;
	struct note_ctx *c = ctx;
	char *cause = NULL;
	if (store_live_note_delete(ui_store(lv->ui), c->id, &cause) < 0) {
		ui_error(lv->ui, _("Not deleted: %s"), cause);
		free(cause);
		return UI_REDRAW;
	}
	ui_info(lv->ui, "%s", _("Note deleted (recorded in the change log)"));
	lv->mode = LM_LINE;
	return UI_RELOAD;
}

static int move_item(struct live *lv, int dir)
{
	int idx = item_index(lv, lv->item);
	if (!lv->m || lv->m->n_items == 0) {
		ui_info(lv->ui, "%s", _("This meeting has no agenda items"));
		return UI_REDRAW;
	}
	int to = idx + dir;
	if (to < 0 || (size_t)to >= lv->m->n_items) {
		ui_info(lv->ui, "%s",
			dir > 0 ? _("This is the last agenda item")
				: _("This is the first agenda item"));
		return UI_REDRAW;
	}
	int64_t target = lv->m->items[to].id;
	if (!locked(lv) && lv->m->status == MS_LIVE) {
		char *cause = NULL;
		if (store_live_move(ui_store(lv->ui), lv->meeting, lv->item, target, &cause) < 0) {
			ui_error(lv->ui, _("NOT SAVED: cannot move to the item: %s"), cause);
			free(cause);
			return UI_REDRAW;
		}
	}
	lv->item = target;
	/* A reviewer who looks elsewhere stops following the secretary
	 * until they come back to the running item. */
	lv->follow =
	    lv->m->status != MS_LIVE || target == lv->m->items[lv->m->current].id || !locked(lv);
	lv->mode = LM_LINE;
	return UI_RELOAD;
}

static int start_meeting(struct live *lv)
{
	if (lv->m->status != MS_DRAFT) {
		ui_info(lv->ui, _("The meeting is already %s"), ui_status_name(lv->m->status));
		return UI_REDRAW;
	}
	char *cause = NULL;
	if (store_live_start(ui_store(lv->ui), lv->meeting, lv->item, &cause) < 0) {
		ui_error(lv->ui, _("NOT SAVED: cannot start the meeting: %s"), cause);
		free(cause);
		return UI_REDRAW;
	}
	lv->follow = 1;
	ui_info(lv->ui, "%s", _("The meeting is live; its start time is stamped"));
	return UI_RELOAD;
}

static int end_yes(struct screen *sc, void *ctx)
{
	struct live *lv = sc->data;
	char *cause = NULL;
	(void)ctx;
	if (store_live_end(ui_store(lv->ui), lv->meeting, &cause) < 0) {
		ui_error(lv->ui, _("NOT SAVED: cannot end the meeting: %s"), cause);
		free(cause);
		return UI_REDRAW;
	}
	ui_info(lv->ui, "%s", _("The meeting is closed; its end time is stamped"));
	return UI_RELOAD;
}

static int end_meeting(struct live *lv)
{
	if (lv->m->status != MS_LIVE) {
		ui_info(lv->ui, "%s", _("Only a live meeting can be ended"));
		return UI_REDRAW;
	}
	const char *text = editor_text(&lv->line);
	if (text[0]) {
		ui_error(lv->ui, "%s", _("The note line is not empty: save it (Enter) first"));
		return UI_REDRAW;
	}
	ui_confirm(lv->ui, _("End the meeting now?"), end_yes, NULL);
	return UI_REDRAW;
}

/* ---- choosing a speaker or a late arrival ---- */

enum pick_what { PICK_SPEAKER, PICK_LATE };
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
		if (store_live_late(ui_store(ui), id, NULL, cause) < 0)
			return -1;
		ui_info(ui, "%s", _("Marked as arrived late, now"));
		return 0;
	}
	if (id == PICK_NONE) {
		set_str(&lv->speaker, NULL);
	} else if (id == PICK_TYPED) {
		char *t = xstrdup(query);
		text_trim(t);
		set_str(&lv->speaker, t[0] ? t : NULL);
		free(t);
	} else if (id < 0) {
		size_t j = (size_t)(-id - 1);
		if (!m || j >= m->n_units)
			return set_cause(cause, "%s", _("The list changed; choose again"));
		set_str(&lv->speaker, m->units[j]);
	} else {
		const struct attendee *a = NULL;
		for (size_t i = 0; m && i < m->n_attendees; i++)
			if (m->attendees[i].id == id)
				a = &m->attendees[i];
		if (!a)
			return set_cause(cause, "%s", _("The list changed; choose again"));
		set_str(&lv->speaker, a->name);
	}
	lv->last_key = now_ms();
	return 0;
}

static int open_picker(struct live *lv, enum pick_what what)
{
	/* The picker covers this screen: save the line first. */
	if (draft_dirty(lv))
		draft_save(lv);
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
	struct store *s = ui_store(lv->ui);
	int rc;
	if (c->directive) {
		/* The due date is typed as everywhere else (30/06/2023 or
		 * 2023-06-30); the store keeps the ISO day. */
		char *t = xstrdup(last ? last : ""), *due = NULL;
		text_trim(t);
		if (t[0] && !(due = store_parse_date(t, cause))) {
			free(t);
			return -1;
		}
		free(t);
		rc = store_live_directive_add(s, lv->meeting, c->text, c->who, due, NULL, cause);
		free(due);
	} else
		rc = store_live_proposal_add(s, lv->meeting, lv->item, c->who, last, NULL, cause);
	if (rc < 0)
		return -1;
	const char *used = c->directive ? c->text : last;
	if (c->from_line && str_eq(used, editor_text(&lv->line)))
		editor_set(&lv->line, "");
	ui_info(lv->ui, "%s",
		c->directive ? _("Directive saved")
			     : _("Proposal saved (the proposals tab lists it)"));
	return UI_RELOAD;
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

static int capture_start(struct live *lv, int directive)
{
	if (directive) {
		ui_prompt(lv->ui, _("Directive:"), editor_text(&lv->line), capture_step,
			  capture_new(1, 0, 0, NULL, NULL));
	} else {
		const struct attendee *a = attendee_by_name(lv, lv->speaker);
		const char *unit = a && a->unit ? a->unit : lv->speaker;
		ui_prompt(lv->ui, _("Proposal of the unit:"), unit, capture_step,
			  capture_new(0, 0, 0, NULL, NULL));
	}
	return UI_REDRAW;
}

/* ==== keys ==== */

static int key(struct screen *sc, const struct ui_event *ev);

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
		begin_edit(lv);
		return UI_REDRAW;
	case ACT_DELETE: {
		if (ui_edit_refused(lv->ui, lv->meeting) || lv->sel >= lv->n_notes)
			return UI_REDRAW;
		struct note_ctx *c = xcalloc(1, sizeof *c);
		c->lv = lv;
		c->id = lv->notes[lv->sel].id;
		ui_confirm(lv->ui, _("Delete this note? The change log keeps it."), delete_yes, c);
		return UI_REDRAW;
	}
	case ACT_HELP:
	case ACT_REFRESH:
		return UI_UNHANDLED;
	default:
		/* Anything else goes back to the note line and acts there. */
		lv->mode = LM_LINE;
		return key(sc, ev) | UI_REDRAW;
	}
}

static int key(struct screen *sc, const struct ui_event *ev)
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
			cancel_edit(lv);
			return UI_REDRAW;
		}
		return UI_POP;
	case ACT_PREV_ITEM:
		return move_item(lv, -1);
	case ACT_NEXT_ITEM:
		return move_item(lv, +1);
	case ACT_NOTES:
		break; /* Up: the editor first, then the notes */
	default:
		break;
	}
	if (locked(lv)) {
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
		return lv->mode == LM_EDIT ? save_edit(lv) : save_note(lv);
	case ACT_SPEAKER:
		return open_picker(lv, PICK_SPEAKER);
	case ACT_KIND:
		lv->kind = (enum note_kind)((lv->kind + 1) % NK__COUNT);
		lv->last_key = now_ms();
		return UI_REDRAW;
	case ACT_LATE:
		return open_picker(lv, PICK_LATE);
	case ACT_PROPOSAL:
		return lv->mode == LM_EDIT ? UI_OK : capture_start(lv, 0);
	case ACT_DIRECTIVE:
		return lv->mode == LM_EDIT ? UI_OK : capture_start(lv, 1);
	case ACT_START_MEETING:
		return start_meeting(lv);
	case ACT_END_MEETING:
		return end_meeting(lv);
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

static const struct keymap *keymap(struct screen *sc)
{
	struct live *lv = sc->data;
	return lv->mode == LM_SELECT ? &keymap_live_notes : &keymap_live;
}

/* ==== time ==== */

static int tick(struct screen *sc, long long now)
{
	struct live *lv = sc->data;
	int flags = UI_OK;
	int minute = current_minute();
	if (minute != lv->minute) {
		lv->minute = minute;
		flags |= UI_REDRAW;
	}
	if (locked(lv))
		return flags;
	int failing = lv->note_failed || lv->draft_failed;
	if (failing && now < lv->retry_at)
		return flags;
	if (lv->note_failed) {
		/* Retry the line as it is now, once the typing paused. */
		if (now - lv->last_key < RETRY_QUIET_MS)
			return flags;
		flags |= save_note(lv) | UI_REDRAW;
		if (lv->note_failed)
			return flags;
		ui_info(lv->ui, "%s", _("Saved now: the store accepts writes again"));
	}
	if (draft_dirty(lv)) {
		if (!lv->first_unsaved)
			lv->first_unsaved = now;
		if (failing || now - lv->last_key >= DRAFT_IDLE_MS ||
		    now - lv->first_unsaved >= DRAFT_MAX_MS) {
			int was = lv->draft_failed;
			draft_save(lv);
			if (was != lv->draft_failed)
				flags |= UI_REDRAW;
		}
	}
	return flags;
}

static void done(struct screen *sc)
{
	struct live *lv = sc->data;
	/* Leaving (also on SIGHUP, SIGTERM or a lost terminal): the line is
	 * saved as it is; a note that was not saved stays as the draft. */
	if (!locked(lv) && draft_dirty(lv))
		draft_save(lv);
	live_meeting_free(lv->m);
	free_notes(lv);
	editor_done(&lv->line);
	free(lv->speaker);
	free(lv->stash);
	free(lv->stash_speaker);
	free(lv->saved_text);
	free(lv->saved_speaker);
	free(lv->fail_cause);
	free(lv);
}

static const struct screen_ops live_ops = {
    .name = "live",
    .keymap = keymap,
    .draw = draw,
    .key = key,
    .reload = reload,
    .tick = tick,
    .done = done,
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
	struct screen *sc = ui_push(ui, &live_ops, lv);
	lv->sc = sc;
	reload(sc);
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
	} else if (r == 1 && !locked(lv)) {
		editor_set(&lv->line, d.text);
		lv->speaker = d.speaker;
		d.speaker = NULL;
		lv->kind = d.kind;
		/* Outside a live meeting, go back to where the line was typed. */
		if (lv->m->status != MS_LIVE && d.item && item_index(lv, d.item) >= 0 &&
		    d.item != lv->item) {
			lv->item = d.item;
			reload(sc);
		}
		lv->draft_known = 1;
		lv->saved_text = d.text;
		d.text = NULL;
		set_str(&lv->saved_speaker, lv->speaker);
		lv->saved_kind = lv->kind;
		lv->saved_item = d.item;
		if (lv->saved_text[0])
			ui_info(ui, "%s", _("Your unfinished note is back in the line"));
	}
	if (r == 1)
		live_draft_free(&d);
	return 0;
}
