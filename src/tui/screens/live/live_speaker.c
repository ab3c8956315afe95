/* live_speaker.c - the speaker and the note kind in force on the live
 * screen. The kind follows the speaker: choosing another speaker resets it
 * to what fits (a unit's reporter under a reports item: report; otherwise
 * statement) unless the secretary set it for the note being typed, so a
 * kind never carries over silently to another speaker's notes. Moving to
 * the next item makes its presenter the speaker; ^_ goes back to the
 * previous speaker. */
#include <stdlib.h>
#include <string.h>

#include "live.h"
#include "text.h"

/* A reports item: its title says "báo cáo" (folded: "bao cao"). */
static int reports_item(const struct live *lv)
{
	int idx = live_item_index(lv, lv->item);
	if (idx < 0 || !lv->m->items[idx].title)
		return 0;
	char *f = text_fold(lv->m->items[idx].title);
	int r = strstr(f, "bao cao") != NULL;
	free(f);
	return r;
}

enum note_kind live_fitting_kind(const struct live *lv, const char *speaker)
{
	if (!speaker || !lv->m || !reports_item(lv))
		return NK_STATEMENT;
	const struct attendee *a = live_attendee_by_name(lv, speaker);
	if (a)
		return a->unit && a->unit[0] && a->role != ROLE_CHAIR && a->role != ROLE_SECRETARY
			   ? NK_REPORT
			   : NK_STATEMENT;
	/* A unit chosen as the speaker reports for itself. */
	for (size_t j = 0; j < lv->m->n_units; j++)
		if (str_eq(lv->m->units[j], speaker))
			return NK_REPORT;
	return NK_STATEMENT;
}

void live_set_speaker(struct live *lv, const char *speaker)
{
	if (!str_eq(speaker, lv->speaker)) {
		live_set_str(&lv->prev_speaker, lv->speaker);
		live_set_str(&lv->speaker, speaker);
	}
	if (!lv->kind_set)
		lv->kind = live_fitting_kind(lv, lv->speaker);
}

void live_set_kind(struct live *lv, enum note_kind kind)
{
	lv->kind = kind;
	lv->kind_set = 1;
}

int live_prev_speaker(struct live *lv)
{
	if (!lv->prev_speaker && !lv->speaker) {
		ui_info(lv->ui, "%s", _("No previous speaker yet"));
		return UI_REDRAW;
	}
	char *prev = lv->prev_speaker ? xstrdup(lv->prev_speaker) : NULL;
	live_set_speaker(lv, prev);
	free(prev);
	lv->last_key = now_ms();
	return UI_REDRAW;
}

void live_item_entered(struct live *lv)
{
	int idx = live_item_index(lv, lv->item);
	if (idx < 0 || !lv->m->items[idx].presenter || !lv->m->items[idx].presenter[0])
		return;
	live_set_speaker(lv, lv->m->items[idx].presenter);
}

void live_define_keys(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	for (int d = 0; d <= 9; d++) {
		char seq[3] = {'\033', (char)('0' + d), 0};
		if (key_defined(seq) <= 0)
			define_key(seq, KEY_ALT_DIGIT(d));
	}
}
