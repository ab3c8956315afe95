/* live_line.c - the live screen's note line: the draft saved while
 * typing, saving a note, correcting an earlier one. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live.h"
#include "store_edit.h"
#include "text.h"

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

int live_draft_dirty(const struct live *lv)
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
int live_draft_save(struct live *lv)
{
	const char *text, *speaker;
	enum note_kind kind;
	draft_content(lv, &text, &speaker, &kind);
	char *cause = NULL;
	if (store_draft_save(ui_store(lv->ui), lv->meeting, lv->item, speaker, kind, text, &cause) <
	    0) {
		lv->draft_failed = 1;
		live_set_failure(lv, cause);
		live_queue_draft_failed(lv);
		return -1;
	}
	lv->draft_failed = 0;
	lv->draft_known = 1;
	live_set_str(&lv->saved_text, text);
	live_set_str(&lv->saved_speaker, speaker);
	lv->saved_kind = kind;
	lv->saved_item = lv->item;
	lv->first_unsaved = 0;
	free(lv->fail_cause);
	lv->fail_cause = NULL;
	return 0;
}

/* ==== actions ==== */

static int closed_yes(struct screen *sc, void *ctx)
{
	struct live *lv = sc->data;
	(void)ctx;
	lv->closed_ok = 1;
	return live_save_note(lv);
}

int live_save_note(struct live *lv)
{
	const char *text = editor_text(&lv->line);
	char *trimmed = xstrdup(text);
	text_trim(trimmed);
	int blank = trimmed[0] == '\0';
	free(trimmed);
	if (blank) {
		ui_info(lv->ui, "%s", _("Type the note first, then Enter saves it"));
		return UI_REDRAW;
	}
	/* After F10 the screen stays: a line typed then would go into minutes
	 * that may be signed. The first one asks (once a session). */
	if (lv->m->status == MS_CLOSED && !lv->closed_ok) {
		ui_confirm(lv->ui, _("Meeting closed: add this note to its minutes?"), closed_yes,
			   NULL);
		return UI_REDRAW;
	}
	/* The note is what was confirmed, now: its time, speaker, kind and
	 * item go with it even if the store takes it only later. */
	struct pending p = {.what = PENDING_NOTE, .item = lv->item, .kind = lv->kind};
	now_iso_minute(p.at);
	p.who = lv->speaker ? xstrdup(lv->speaker) : NULL;
	p.text = xstrdup(text);
	editor_set(&lv->line, "");
	/* The kind stays for this speaker's next note, but no longer as set:
	 * another speaker gets the kind that fits them. */
	lv->kind_set = 0;
	return live_queue_push(lv, &p);
}

/* The end of a correction: the unfinished line back as it was put aside,
 * with its speaker, kind (and whether the secretary set it) and the
 * speaker before it, whatever the correction changed. */
static void put_back_line(struct live *lv)
{
	editor_set(&lv->line, lv->stash ? lv->stash : "");
	live_set_str(&lv->speaker, lv->stash_speaker);
	live_set_str(&lv->prev_speaker, lv->stash_prev);
	lv->kind = lv->stash_kind;
	lv->kind_set = lv->stash_kind_set;
	free(lv->stash);
	free(lv->stash_speaker);
	free(lv->stash_prev);
	lv->stash = lv->stash_speaker = lv->stash_prev = NULL;
	lv->mode = LM_LINE;
}

int live_save_edit(struct live *lv)
{
	char *trimmed = xstrdup(editor_text(&lv->line));
	text_trim(trimmed);
	int blank = trimmed[0] == '\0';
	free(trimmed);
	if (blank) {
		/* Delete a note with d; an empty correction is no note. */
		ui_error(lv->ui, "%s", _("A note cannot be empty: type its text, or Esc"));
		ui_text_kept(lv->ui);
		return UI_REDRAW;
	}
	/* The correction goes through the saving queue: written now, or in
	 * order once the store takes writes again (kept in the recovery file
	 * meanwhile), so nothing typed waits in the line for the lock. */
	struct pending p = {.what = PENDING_EDIT, .to = lv->edit_id, .kind = lv->kind};
	now_iso_minute(p.at);
	p.who = lv->speaker ? xstrdup(lv->speaker) : NULL;
	p.text = xstrdup(editor_text(&lv->line));
	put_back_line(lv);
	unsigned refused = live_queue_refused(lv);
	int flags = live_queue_push(lv, &p);
	if (live_queue_refused(lv) == refused && !live_queue_has(lv, PENDING_EDIT))
		ui_info(lv->ui, "%s", _("Note corrected (recorded in the change log)"));
	return flags | UI_RELOAD;
}

void live_begin_edit(struct live *lv)
{
	const struct note *n = &lv->notes[lv->sel];
	lv->stash = xstrdup(editor_text(&lv->line));
	lv->stash_speaker = lv->speaker ? xstrdup(lv->speaker) : NULL;
	lv->stash_kind = lv->kind;
	lv->stash_kind_set = lv->kind_set;
	lv->stash_prev = lv->prev_speaker ? xstrdup(lv->prev_speaker) : NULL;
	live_set_str(&lv->speaker, n->speaker);
	/* The note's kind is its own: choosing another speaker for it (F2)
	 * corrects who said it, not what it was. */
	lv->kind = n->kind;
	lv->kind_set = 1;
	lv->edit_id = n->id;
	editor_set(&lv->line, n->text);
	lv->mode = LM_EDIT;
}

void live_cancel_edit(struct live *lv)
{
	put_back_line(lv);
}
