/* live_draw.c - drawing the live screen: the item and the clock, the
 * item's notes laid out for the width, the note line. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live.h"
#include "store_edit.h"
#include "text.h"

/* ==== drawing ==== */

static void draw_top(struct live *lv, WINDOW *w, int width)
{
	const struct live_meeting *m = lv->m;
	int idx = live_item_index(lv, lv->item);
	const struct live_item *it = idx >= 0 ? &m->items[idx] : NULL;
	enum ui_style st = m->status == MS_LIVE	      ? ST_STATUS_LIVE
			   : m->status == MS_CLOSED   ? ST_STATUS_CLOSED
			   : m->status == MS_APPROVED ? ST_STATUS_APPROVED
						      : ST_STATUS_DRAFT;
	/* Right: elapsed time of the item and the wall clock (per minute). */
	char right[64], clock[8];
	snprintf(clock, sizeof clock, "%02d:%02d", lv->minute / 60, lv->minute % 60);
	int el =
	    it && m->status == MS_LIVE && !it->ended_at ? live_minutes_since(it->started_at) : -1;
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
	if (m->status == MS_DRAFT && !live_locked(lv))
		strbuf_adds(&sb, _("Meeting not started: F9 starts it (or ^S)"));
	else if (it && it->started_at) {
		strbuf_addf(&sb, _("started %s"), live_hhmm(it->started_at));
		if (it->ended_at)
			strbuf_addf(&sb, " – %s", live_hhmm(it->ended_at));
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

/* text (visible) wrapped to cols as the rows of note `note` (SIZE_MAX:
 * none to choose), the first `label` columns of its first row a label. */
static void add_rows(struct live *lv, const char *text, size_t cols, size_t note, int label)
{
	size_t *starts, *lens;
	size_t n = text_wrap(text, cols, &starts, &lens);
	lv->rows = xreallocarray(lv->rows, lv->n_rows + n, sizeof *lv->rows);
	for (size_t i = 0; i < n; i++) {
		struct note_row *r = &lv->rows[lv->n_rows++];
		r->text = xstrndup(text + starts[i], lens[i]);
		r->note = note;
		r->first = i == 0;
		r->label = i == 0 ? label : 0;
	}
	free(starts);
	free(lens);
}

/* The conclusions and directives so far, numbered as the minutes number
 * them, then the directives that wait for the store. */
static void layout_outcomes(struct live *lv, size_t cols)
{
	int nc = 0, nd = 0;
	for (size_t k = 0; k < lv->n_outs; k++) {
		const struct live_outcome *o = &lv->outs[k];
		char *label = o->directive ? xasprintf(_("Directive %d:"), ++nd)
					   : xasprintf(_("Conclusion %d:"), ++nc);
		struct strbuf sb = {0};
		strbuf_addf(&sb, "%s %s", label, o->text);
		if (o->owner || o->due) {
			char tm[32];
			strbuf_adds(&sb, " (");
			if (o->owner)
				strbuf_adds(&sb, o->owner);
			if (o->due)
				strbuf_addf(&sb, "%s%s %s", o->owner ? ", " : "", _("due"),
					    ui_time(o->due, tm, sizeof tm));
			strbuf_addc(&sb, ')');
		}
		char *vis = text_visible(sb.buf, 0);
		add_rows(lv, vis, cols, SIZE_MAX, (int)text_width(label));
		free(vis);
		free(label);
		strbuf_free(&sb);
	}
	for (size_t k = 0; k < live_queue_len(lv); k++) {
		const struct pending *p = live_queue_at(lv, k);
		if (p->what != PENDING_DIRECTIVE)
			continue;
		char *label = xasprintf(_("Directive %d:"), ++nd);
		char *text = xasprintf("%s %s  %s", label, p->text, _("(waiting to be saved)"));
		char *vis = text_visible(text, 0);
		add_rows(lv, vis, cols, SIZE_MAX, (int)text_width(label));
		free(vis);
		free(text);
		free(label);
	}
}

/* Note k of the item, with the answer of the proposal it raised. */
static void layout_note(struct live *lv, size_t k, size_t cols)
{
	char *text = note_line(&lv->notes[k]);
	/* A proposal answered (F12): the answer under it, as the minutes
	 * put it. */
	const struct proposal *p = NULL;
	for (size_t j = 0; lv->notes[k].kind == NK_PROPOSAL && j < lv->n_props; j++)
		if (lv->props[j].note_id == lv->notes[k].id && !str_empty(lv->props[j].answer))
			p = &lv->props[j];
	if (p) {
		char *answer = xasprintf(_(" → Answer: %s"), p->answer);
		char *vis = text_visible(answer, 0);
		char *both = xasprintf("%s%s", text, vis);
		free(answer);
		free(vis);
		free(text);
		text = both;
	}
	add_rows(lv, text, cols, k, 0);
	free(text);
}

/* The notes wrapped to the width, made visible once per reload rather
 * than on every key (typing redraws the screen at each character); under
 * the conclusions item, what the chair concluded and directed. */
static void layout_notes(struct live *lv, int width)
{
	for (size_t i = 0; i < lv->n_rows; i++)
		free(lv->rows[i].text);
	free(lv->rows);
	lv->rows = NULL;
	lv->n_rows = 0;
	size_t cols = width > 4 ? (size_t)width - 2 : 2;
	/* Under the conclusions item, as the minutes print it: the notes said
	 * before the conclusions, the conclusions and directives, the notes
	 * typed after them. */
	int outcomes = lv->item && live_item_index(lv, lv->item) == live_outcomes_item(lv);
	lv->outs_from = lv->outs_to = SIZE_MAX;
	for (int part = 0; part < 2; part++) {
		for (size_t k = 0; k < lv->n_notes; k++)
			if (!outcomes || (part == 1) == (lv->notes[k].after_conclusions != 0))
				layout_note(lv, k, cols);
		if (!outcomes)
			break;
		if (part == 0) {
			lv->outs_from = lv->n_rows;
			layout_outcomes(lv, cols);
			lv->outs_to = lv->n_rows;
		}
	}
	/* Then the notes that wait for the store, marked so. */
	for (size_t k = 0; k < live_queue_len(lv); k++) {
		const struct pending *p = live_queue_at(lv, k);
		if (p->what != PENDING_NOTE || (p->item && lv->item && p->item != lv->item))
			continue;
		struct note n = {.at = (char *)p->at, .speaker = p->who, .kind = p->kind};
		n.text = xasprintf("%s  %s", p->text, _("(waiting to be saved)"));
		char *text = note_line(&n);
		free(n.text);
		add_rows(lv, text, cols, SIZE_MAX, 0);
		free(text);
	}
	lv->rows_width = width;
	lv->rows_stale = 0;
}

/* The notes, newest at the bottom of rows [y0, y1). */
static void draw_notes(struct live *lv, WINDOW *w, int y0, int y1, int width)
{
	if (lv->rows_stale || lv->rows_width != width)
		layout_notes(lv, width);
	if (lv->n_rows == 0 && y1 > y0) {
		ui_put(w, y0, 0, width, _("No notes under this item yet."), ui_attr(ST_DIM));
		return;
	}
	int y = y1;
	attr_t dim = ui_attr(ST_DIM), sel = ui_attr(ST_SELECTED), lab = ui_attr(ST_LABEL);
	/* The conclusions leave the notes at least half of the rows (all
	 * they need, if less): the latest ones and the latest notes stay in
	 * sight, and a row says how many are above. */
	size_t from = lv->outs_from, to = lv->outs_to, cut = from;
	int hidden = 0;
	/* Choosing an earlier note (↑): the rows scroll so that the chosen
	 * one is in sight whole (its start, if it is longer than the rows),
	 * the newer ones below it out of sight until it is the last. */
	size_t end = lv->n_rows;
	if (lv->mode != LM_LINE) {
		size_t first = SIZE_MAX, avail = (size_t)(y1 - y0);
		for (size_t i = 0; i < lv->n_rows && first == SIZE_MAX; i++)
			if (lv->rows[i].note == lv->sel)
				first = i;
		if (first != SIZE_MAX && avail > 0 && first + avail < lv->n_rows) {
			end = first + avail; /* its first row at the top */
			from = SIZE_MAX;     /* scrolled: every row as it comes */
		}
	}
	if (from != SIZE_MAX) {
		int avail = y1 - y0, others = (int)(lv->n_rows - (to - from));
		int notes = others < avail / 2 ? others : avail / 2;
		int room = avail - notes - 1;
		if (others > 0 && to - from > (size_t)(room + 1) && room > 0) {
			cut = to - (size_t)room;
			while (cut < to && !lv->rows[cut].first)
				cut++;
			for (size_t i = from; i < cut; i++)
				hidden += lv->rows[i].first;
		}
	}
	for (size_t i = end; i-- > 0 && y > y0;) {
		if (from != SIZE_MAX && i < cut && i >= from) {
			if (i == cut - 1) {
				char *more = xasprintf(
				    ngettext("… %d more above: the conclusions tab lists them all",
					     "… %d more above: the conclusions tab lists them all",
					     (unsigned long)hidden),
				    hidden);
				ui_put(w, --y, 0, width, more, dim);
				free(more);
			}
			continue;
		}
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
		if (r->label)
			mvwchgat(w, y, 0, r->label, lab, PAIR_NUMBER(lab), NULL);
		else if (r->first)
			mvwchgat(w, y, 0, 5, dim, PAIR_NUMBER(dim), NULL);
	}
}

void live_draw(struct screen *sc, WINDOW *w)
{
	struct live *lv = sc->data;
	int height = getmaxy(w), width = getmaxx(w);
	if (!lv->m)
		return;
	draw_top(lv, w, width);
	/* The note box grows with the note, up to a third of the screen,
	 * so the start of a long note stays in sight. */
	int ex = lv->mode == LM_EDIT ? (int)text_width(_("Correcting:")) + 1 : 2;
	if (ex > width / 3 + 1)
		ex = width / 3 + 1;
	int rows = width - ex > 1 ? editor_rows(&lv->line, width - ex) : 1;
	int most = LINES / 3 > LINE_ROWS ? LINES / 3 : LINE_ROWS;
	rows = rows < LINE_ROWS ? LINE_ROWS : rows > most ? most : rows;
	if (rows > height - 6)
		rows = height - 6 > 1 ? height - 6 : 1;
	int line_y = height - rows;
	int banner_y = line_y - 2;

	/* The save state: nothing to say while all is saved; calm words
	 * while another writer has the store, red when it cannot be written.
	 * Wider than the screen (a long holder's name, Vietnamese), it takes
	 * a second row from the notes rather than being cut. */
	int alarm = 0;
	char *state = live_save_state(lv, &alarm);
	size_t *starts = NULL, *lens = NULL, n = 0;
	if (state && (int)text_width(state) > width && banner_y - 1 > 3)
		n = text_wrap(state, (size_t)width, &starts, &lens);
	int two = n >= 2;
	draw_notes(lv, w, 3, banner_y - two, width);
	if (two) {
		attr_t at = ui_attr(alarm ? ST_ERROR : ST_INFO);
		char *first = xstrndup(state + starts[0], lens[0]);
		ui_put_fill(w, banner_y - 1, 0, width, first, at);
		ui_put_fill(w, banner_y, 0, width, state + starts[1], at);
		free(first);
	} else if (state) {
		ui_put_fill(w, banner_y, 0, width, state, ui_attr(alarm ? ST_ERROR : ST_INFO));
	} else {
		mvwhline(w, banner_y, 0, ACS_HLINE, width);
	}
	free(starts);
	free(lens);
	free(state);

	if (live_locked(lv)) {
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
	const struct attendee *a = live_attendee_by_name(lv, speaker);
	char *who = speaker
			? (a && a->unit ? xasprintf("%s (%s)", speaker, a->unit) : xstrdup(speaker))
			: xstrdup(_("(none)"));
	x += ui_put(w, banner_y + 1, x, width - x - 20, who, A_BOLD);
	free(who);
	x += ui_put(w, banner_y + 1, x, width - x, "  ", A_NORMAL);
	x += ui_put(w, banner_y + 1, x, width - x, _("Kind:"), ui_attr(ST_LABEL));
	x += ui_put(w, banner_y + 1, x, width - x, " ", A_NORMAL);
	ui_put(w, banner_y + 1, x, width - x, ui_note_kind_name(kind), A_BOLD);
	if (lv->mode == LM_EDIT)
		ui_put(w, line_y, 0, width / 3, _("Correcting:"), ui_attr(ST_HEADING));
	else
		ui_put(w, line_y, 0, 2, ">", ui_attr(ST_LABEL));
	editor_draw(&lv->line, lv->ui, w, line_y, ex, width - ex, rows, lv->mode != LM_SELECT);
	/* The note line is plain text: an underlined field would cost an
	 * attribute change per typed character on the wire. (mvwchgat moves
	 * the window's cursor; the ui places the terminal's from editor_draw.) */
	for (int r = 0; r < rows; r++)
		mvwchgat(w, line_y + r, ex, width - ex, A_NORMAL, 0, NULL);
}
