/* live_items.c - the live screen's actions on the meeting and its items:
 * start and end the meeting, move between items, delete a note. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live.h"
#include "store_edit.h"
#include "text.h"

int live_delete_yes(struct screen *sc, void *ctx)
{
	struct live *lv = sc->data;
	struct note_ctx *c = ctx;
	/* Through the saving queue, in order with the notes. */
	struct pending p = {.what = PENDING_DELETE, .to = c->id};
	now_iso_minute(p.at);
	unsigned refused = live_queue_refused(lv);
	int flags = live_queue_push(lv, &p);
	if (live_queue_refused(lv) == refused && !live_queue_has(lv, PENDING_DELETE))
		ui_info(lv->ui, "%s", _("Note deleted (recorded in the change log)"));
	lv->mode = LM_LINE;
	return flags | UI_RELOAD;
}

int live_move_item(struct live *lv, int dir)
{
	int idx = live_item_index(lv, lv->item);
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
	if (!live_locked(lv) && lv->m->status == MS_LIVE) {
		/* The stamps go through the saving queue (live_queue.c): written
		 * now, or in order with the minute of this key. */
		struct pending p = {.what = PENDING_MOVE, .item = lv->item, .to = target};
		now_iso_minute(p.at);
		live_queue_push(lv, &p);
	}
	lv->item = target;
	/* The kind follows the item too: a report under the reports item, a
	 * statement under the discussion (it stayed "report" after F8),
	 * unless the secretary set one for the note being typed. */
	if (!lv->kind_set)
		lv->kind = live_fitting_kind(lv, lv->speaker);
	if (!live_locked(lv) && lv->mode != LM_EDIT)
		live_item_entered(lv);
	/* A reviewer who looks elsewhere stops following the secretary
	 * until they come back to the running item. */
	lv->follow = lv->m->status != MS_LIVE || target == lv->m->items[lv->m->current].id ||
		     !live_locked(lv);
	lv->mode = LM_LINE;
	return UI_RELOAD;
}

/* Minutes from the planned start to now (negative: before it), and now
 * as an ISO minute in out[17]; 0, or -1 if planned has no date and time. */
static int from_planned(const char *planned, long *minutes, char *out)
{
	time_t now = now_wall(); /* the clock the start is stamped with */
	struct tm tm = {0}, nt;
	localtime_r(&now, &nt);
	strftime(out, 17, "%Y-%m-%dT%H:%M", &nt);
	if (!planned || sscanf(planned, "%4d-%2d-%2dT%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			       &tm.tm_hour, &tm.tm_min) != 5)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1)
		return -1;
	*minutes = (long)(difftime(now, t) / 60);
	return 0;
}

/* "12/04/2023" of "2023-04-12T08:30" into out[11]. */
static const char *dmy(const char *iso, char *out)
{
	snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	return out;
}

static int start_yes(struct screen *sc, void *ctx)
{
	(void)ctx;
	struct live *lv = sc->data;
	/* Through the saving queue, stamped at the minute of this key: the
	 * notes typed next follow it in order. */
	struct pending p = {.what = PENDING_START, .item = lv->item};
	now_iso_minute(p.at);
	unsigned refused = live_queue_refused(lv);
	int flags = live_queue_push(lv, &p);
	lv->follow = 1;
	/* The first item's presenter speaks first (unless one is chosen). */
	if (!lv->speaker)
		live_item_entered(lv);
	if (live_queue_refused(lv) == refused && !live_queue_has(lv, PENDING_START))
		ui_info(lv->ui, "%s", _("The meeting is live; its start time is stamped"));
	return flags | UI_RELOAD;
}

/* F9/^S: start now; asked first on another day than the planned one or
 * more than START_SLACK_MIN from the planned time, saying what the
 * minutes will record (the start is the time of the key). */
#define START_SLACK_MIN 120
int live_start_meeting(struct live *lv)
{
	if (lv->m->status != MS_DRAFT) {
		ui_info(lv->ui, _("The meeting is already %s"), ui_status_name(lv->m->status));
		return UI_REDRAW;
	}
	if (live_queue_has(lv, PENDING_START)) {
		ui_info(lv->ui, "%s", _("The start is stamped and waits to be saved"));
		return UI_REDRAW;
	}
	const char *planned = lv->m->starts_at;
	long minutes = 0;
	char now[17], d1[11], d2[11];
	if (from_planned(planned, &minutes, now) < 0 ||
	    (strncmp(planned, now, 10) == 0 && labs(minutes) <= START_SLACK_MIN))
		return start_yes(lv->sc, NULL);
	char *q = xasprintf(_("Planned for %s %s. Start now, recording %s %s?"), dmy(planned, d1),
			    live_hhmm(planned), dmy(now, d2), live_hhmm(now));
	ui_confirm(lv->ui, q, start_yes, NULL);
	free(q);
	return UI_REDRAW;
}

static int end_yes(struct screen *sc, void *ctx)
{
	struct live *lv = sc->data;
	(void)ctx;
	/* Through the saving queue, stamped at the minute of this key. */
	struct pending p = {.what = PENDING_END};
	now_iso_minute(p.at);
	unsigned refused = live_queue_refused(lv);
	int flags = live_queue_push(lv, &p);
	if (live_queue_refused(lv) == refused && !live_queue_has(lv, PENDING_END))
		ui_info(lv->ui, "%s", _("The meeting is closed; its end time is stamped"));
	return flags | UI_RELOAD;
}

int live_end_meeting(struct live *lv)
{
	if (live_queue_len(lv)) {
		ui_error(lv->ui, "%s",
			 _("Notes are still waiting to be saved: end the meeting once they are"));
		return UI_REDRAW;
	}
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
