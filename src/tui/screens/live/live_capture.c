/* live_capture.c - the live screen's dialogs: the speaker and late
 * arrival pickers (a late arrival may be someone not on the list yet: from
 * the directory, or typed), and the captures of a proposal (a note of kind
 * proposal with its proposal) and of a directive (owner by type-ahead over
 * the meeting's units and people, or typed). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live.h"
#include "store_directory.h"
#include "store_edit.h"
#include "text.h"

#define PICK_NONE INT64_MIN	   /* "(none)" */
#define PICK_TYPED (INT64_MIN + 1) /* the text typed, as a name */
#define PICK_ALL_UNITS (INT64_MIN + 2) /* an owner: every unit of the cluster */
#define PICK_TYPED_GUEST (INT64_MIN + 3) /* a speaker typed, added as a guest */
/* The owner of a directive to every unit, as the minutes write it (the
 * documents are Vietnamese whatever the interface's language). */
/* A person of the directory (late arrivals, speakers): PICK_PERSON + the id that
 * store_people_search gives (negative for an earlier attendee). */
#define PICK_PERSON (INT64_C(1) << 50)
#define PICK_PEOPLE 200 /* directory matches offered at most */

struct capture_ctx;
static void due_prompt(struct live *lv, const char *text, const char *owner, int from_line);

struct pick_ctx {
	struct live *lv;
	enum pick_what what;
	int from_line; /* PICK_OWNER: the directive's text was the note line's */
	char text[];   /* PICK_OWNER: the directive's text */
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

/* 1 if a and b are the same words, marks and case aside. */
static int same_words(const char *a, const char *b)
{
	char *fa = text_fold(a ? a : ""), *fb = text_fold(b ? b : "");
	int eq = *text_trim(fa) && strcmp(text_trim(fa), text_trim(fb)) == 0;
	free(fa);
	free(fb);
	return eq;
}

/* 1 if an attendee holds the seat that directory person p only names:
 * p is a placeholder called by a title ("Bí thư Thị đoàn Hoài Nhơn") that
 * an attendee has, renamed since to who came ("Nguyễn Văn Hùng"). Not
 * offered as someone missing from the list (the unit would count twice);
 * real people of the same title (two Chuyên viên) still are. */
static int seat_taken(const struct live *lv, const struct person_row *p)
{
	for (size_t i = 0; lv->m && i < lv->m->n_attendees; i++)
		if (same_words(lv->m->attendees[i].title, p->name))
			return 1;
	return 0;
}

/* The directory's people matching query who are not on the meeting's
 * list, as picker rows PICK_PERSON + their id. */
static int directory_rows(const struct live *lv, const char *query, struct picker_row **rows,
			  size_t *n, int64_t *total, int64_t offset, int limit, char **cause)
{
	struct person_row *p = NULL;
	size_t np = 0;
	int64_t all = 0;
	if (store_people_search(ui_store(lv->ui), query, 0, PICK_PEOPLE, &p, &np, &all, cause) < 0)
		return -1;
	for (size_t i = 0; i < np; i++) {
		if (!live_attendee_by_name(lv, p[i].name) && !seat_taken(lv, &p[i])) {
			char *detail =
			    xasprintf("%s · %s", p[i].unit ? p[i].unit : "", _("not on the list: add"));
			picker_add_row(rows, n, total, offset, limit, PICK_PERSON + p[i].id, p[i].name,
				       detail);
			free(detail);
		}
		person_row_free(&p[i]);
	}
	free(p);
	return 0;
}

static int pick_fetch(struct ui *ui, void *ctx, const char *query, int64_t offset, int limit,
		      struct picker_row **rows, size_t *n, int64_t *total, char **cause)
{
	struct pick_ctx *pc = ctx;
	const struct live_meeting *m = pc->lv->m;
	(void)ui;
	*rows = NULL;
	*n = 0;
	*total = 0;
	char *fq = text_fold(query);
	text_trim(fq);
	/* "Đồng chí Hà Duy Trung", "đ/c Trung": the person is looked for by
	 * the name (the documents say "Đồng chí" themselves). */
	static const char *const leads[] = {"dong chi ", "d/c "};
	for (size_t i = 0; i < BB_ARRAY_LEN(leads); i++)
		if (strncmp(fq, leads[i], strlen(leads[i])) == 0)
			memmove(fq, fq + strlen(leads[i]), strlen(fq + strlen(leads[i])) + 1);
	if (pc->what == PICK_SPEAKER && !query[0])
		picker_add_row(rows, n, total, offset, limit, PICK_NONE, _("(none)"), NULL);
	/* Owners: the units first (directives go to units mostly), all of
	 * them at once before each. */
	if (pc->what == PICK_OWNER && m && m->n_units && matches(fq, OWNER_ALL_UNITS, NULL))
		picker_add_row(rows, n, total, offset, limit, PICK_ALL_UNITS, OWNER_ALL_UNITS,
			       _("unit"));
	for (size_t j = 0; pc->what == PICK_OWNER && m && j < m->n_units; j++)
		if (matches(fq, m->units[j], NULL))
			picker_add_row(rows, n, total, offset, limit, -(int64_t)(j + 1), m->units[j],
				_("unit"));
	/* Attendees. A speaker is someone here: not the excused or absent
	 * (typed, their name is still taken as typed). A late arrival is
	 * someone not marked here yet: the excused and absent first, then
	 * those counted present by default; not the ones already marked
	 * late, nor the chair and the secretary, who are plainly here. The
	 * chair and the secretary are found by their role too ("chu tri"). */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; m && i < m->n_attendees; i++) {
			const struct attendee *a = &m->attendees[i];
			int away = a->presence == PRES_EXCUSED || a->presence == PRES_ABSENT;
			if (pc->what == PICK_SPEAKER && away)
				continue;
			if (pc->what == PICK_LATE &&
			    (a->presence == PRES_LATE || a->role == ROLE_CHAIR ||
			     a->role == ROLE_SECRETARY || away != (pass == 0)))
				continue;
			if (pc->what != PICK_LATE && pass == 1)
				continue;
			int chair = a->role == ROLE_CHAIR || a->role == ROLE_SECRETARY;
			/* The role in the interface's words and in Vietnamese
			 * ("chair", "chu tri"), whatever the language. */
			char *who = chair ? xasprintf("%s %s %s", a->unit ? a->unit : "",
						      ui_role_name(a->role),
						      a->role == ROLE_CHAIR ? "chủ trì" : "thư ký")
					  : NULL;
			int hit = matches(fq, a->name, who ? who : a->unit);
			free(who);
			if (!hit)
				continue;
			char *detail = a->presence == PRES_LATE || away
					   ? xasprintf("%s · %s", a->unit ? a->unit : "",
						       ui_presence_name(a->presence))
					   : xstrdup(a->unit ? a->unit : "");
			picker_add_row(rows, n, total, offset, limit, a->id, a->name, detail);
			free(detail);
		}
	if (pc->what == PICK_SPEAKER) {
		for (size_t j = 0; m && j < m->n_units; j++)
			if (matches(fq, m->units[j], NULL))
				picker_add_row(rows, n, total, offset, limit, -(int64_t)(j + 1),
					m->units[j], _("unit"));
	}
	/* Someone not on the list yet, who arrives late or speaks: the
	 * directory's people, added when chosen. */
	if ((pc->what == PICK_LATE || pc->what == PICK_SPEAKER) && fq[0] &&
	    directory_rows(pc->lv, query, rows, n, total, offset, limit, cause) < 0) {
		free(fq);
		return -1;
	}
	/* A speaker typed who is here: a guest in the attendance and its
	 * count ("Name, title", as a guest is added); first when typed so,
	 * with a title, else after the name kept as typed (a group). */
	int guest = pc->what == PICK_SPEAKER && query[0] && fq[0];
	int guest_first = guest && strchr(query, ',');
	if (guest_first)
		picker_add_row(rows, n, total, offset, limit, PICK_TYPED_GUEST, query,
			_("add as a guest (Name, title)"));
	if (query[0] && fq[0])
		picker_add_row(rows, n, total, offset, limit, PICK_TYPED, query,
			pc->what == PICK_SPEAKER ? _("as typed, not an attendee")
			: pc->what == PICK_OWNER ? _("another owner, as typed")
						 : _("not on the list: add as typed (Name, unit)"));
	if (guest && !guest_first)
		picker_add_row(rows, n, total, offset, limit, PICK_TYPED_GUEST, query,
			_("add as a guest (Name, title)"));
	free(fq);
	return 0;
}

/* A late arrival not on the list: added, then marked late now. */
static int add_arrival(struct live *lv, int64_t pick, const char *query, char **cause)
{
	struct store *s = ui_store(lv->ui);
	int64_t id = 0;
	if (pick == PICK_TYPED) {
		/* "Name, unit": the unit after the first comma. */
		char *t = xstrdup(query), *comma = strchr(t, ',');
		if (comma)
			*comma++ = '\0';
		text_trim(t);
		if (!t[0]) {
			free(t);
			return set_cause(cause, "%s", _("Type the name of who arrived"));
		}
		char *unit = comma ? xstrdup(comma) : NULL;
		if (unit)
			text_trim(unit);
		struct attendee a = {.name = t,
				     .unit = unit && unit[0] ? unit : NULL,
				     .role = ROLE_DELEGATE,
				     .presence = PRES_PRESENT};
		int rc = store_attendee_add(s, lv->meeting, &a, &id, cause);
		free(t);
		free(unit);
		if (rc < 0)
			return -1;
	} else if (store_attendee_add_person(s, lv->meeting, pick - PICK_PERSON, &id, cause) < 0) {
		return -1;
	}
	return store_live_late(s, id, NULL, cause);
}

/* A speaker not on the list: a person of the directory (a delegate, as
 * the directory has them), or typed "Name, title" (a guest); present.
 * *name: the attendee's name, allocated. */
static int add_speaker(struct live *lv, int64_t pick, const char *query, char **name,
		       char **cause)
{
	struct store *s = ui_store(lv->ui);
	int64_t id = 0;
	if (pick != PICK_TYPED_GUEST) {
		if (store_attendee_add_person(s, lv->meeting, pick - PICK_PERSON, &id, cause) < 0)
			return -1;
		return store_attendee_name(s, id, name, cause);
	}
	char *t = xstrdup(query), *title = strchr(t, ',');
	if (title)
		*title++ = '\0';
	text_trim(t);
	if (title)
		text_trim(title);
	/* "ông Nguyễn Văn Tâm", "đ/c Tâm": the name, without the address */
	char *who = t + text_comrade_len(t);
	who += text_honorific_len(who);
	int rc = -1;
	if (!who[0]) {
		set_cause(cause, "%s", _("Type the name of who speaks"));
	} else {
		struct attendee a = {.name = who,
				     .title = title && title[0] ? title : NULL,
				     .role = ROLE_GUEST,
				     .presence = PRES_PRESENT};
		rc = store_attendee_add(s, lv->meeting, &a, &id, cause);
	}
	if (rc == 0)
		rc = store_attendee_name(s, id, name, cause);
	free(t);
	return rc;
}

static int pick_done(struct ui *ui, void *ctx, int64_t id, const char *query, char **cause)
{
	struct pick_ctx *pc = ctx;
	struct live *lv = pc->lv;
	const struct live_meeting *m = lv->m;
	if (pc->what == PICK_LATE) {
		if (id == PICK_TYPED || id > PICK_PERSON / 2) {
			if (add_arrival(lv, id, query, cause) < 0)
				return -1;
			ui_info(ui, "%s", _("Added to the attendees, arrived late now"));
			return 0;
		}
		/* Queued like a note, with the minute it was marked. */
		struct pending p = {.what = PENDING_LATE, .attendee = id};
		now_iso_minute(p.at);
		const char *who = NULL;
		for (size_t i = 0; m && i < m->n_attendees; i++)
			if (m->attendees[i].id == id)
				who = m->attendees[i].name;
		char at[8];
		snprintf(at, sizeof at, "%s", live_hhmm(p.at));
		size_t before = live_queue_len(lv);
		live_queue_push(lv, &p);
		/* TRANSLATORS: %1$s who arrived, %2$s the time (08:40). */
		ui_info(ui,
			live_queue_len(lv) > before
			    ? _("%1$s arrived late, at %2$s: saved as soon as the store takes writes")
			    : _("%1$s marked as arrived late, at %2$s"),
			who ? who : "?", at);
		return 0;
	}
	const char *chosen = NULL;
	char *typed = NULL;
	if (pc->what == PICK_SPEAKER && (id == PICK_TYPED_GUEST || id > PICK_PERSON / 2)) {
		/* Someone speaking who is not on the list: added, then the
		 * speaker, by the name the attendance has. */
		char *name = NULL;
		if (add_speaker(lv, id, query, &name, cause) < 0)
			return -1;
		live_set_speaker(lv, name);
		lv->last_key = now_ms();
		ui_info(ui, _("%s added to the attendees, present"), name);
		free(name);
		return 0;
	}
	if (id == PICK_NONE) {
		chosen = NULL;
	} else if (id == PICK_ALL_UNITS) {
		chosen = OWNER_ALL_UNITS;
	} else if (id == PICK_TYPED) {
		typed = xstrdup(query);
		text_trim(typed);
		chosen = typed[0] ? typed : NULL;
	} else if (id < 0) {
		size_t j = (size_t)(-id - 1);
		if (!m || j >= m->n_units)
			return set_cause(cause, "%s", _("The list changed; choose again"));
		chosen = m->units[j];
	} else {
		const struct attendee *a = NULL;
		for (size_t i = 0; m && i < m->n_attendees; i++)
			if (m->attendees[i].id == id)
				a = &m->attendees[i];
		if (!a)
			return set_cause(cause, "%s", _("The list changed; choose again"));
		chosen = a->name;
	}
	if (pc->what == PICK_OWNER) {
		/* The owner is chosen: the due date is the last question. */
		due_prompt(lv, pc->text, chosen, pc->from_line);
	} else {
		live_set_speaker(lv, chosen);
		lv->last_key = now_ms();
	}
	free(typed);
	return 0;
}

int live_open_picker(struct live *lv, enum pick_what what)
{
	/* The picker covers this screen: save the line first. */
	if (live_draft_dirty(lv))
		live_draft_save(lv);
	/* Units in Vietnamese order (not read so: ICU would load at start). */
	store_names_sort(ui_store(lv->ui), lv->m->units, lv->m->n_units);
	struct pick_ctx *pc = xcalloc(1, sizeof *pc + 1);
	pc->lv = lv;
	pc->what = what;
	screen_picker_open(lv->ui,
			   what == PICK_SPEAKER ? _("Speaker")
						: _("Arrived late (type to find; someone new: "
						    "the directory, or typed)"),
			   pick_fetch, pick_done, pc);
	return UI_OK;
}

/* ---- proposals and directives: a few questions ---- */

/* A proposal: the unit, then the text (the note line's). A directive: the
 * text, then the owner (a picker), then the due date. The ui frees a
 * prompt's ctx with free(): one block, the texts after the struct. */
struct capture_ctx {
	int directive;
	int from_line; /* the text was the note line's */
	char *text, *who;
	char data[];
};

static struct capture_ctx *capture_new(int directive, int from_line, const char *text,
				       const char *who)
{
	size_t lt = text ? strlen(text) + 1 : 0, lw = who ? strlen(who) + 1 : 0;
	struct capture_ctx *c = xcalloc(1, sizeof *c + lt + lw + 1);
	c->directive = directive;
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

/* The note line held what was captured: it is done with. */
static void line_used(struct live *lv, int from_line, const char *used)
{
	if (from_line && str_eq(used, editor_text(&lv->line)))
		editor_set(&lv->line, "");
}

/* A captured proposal or directive goes into the saving queue
 * (live_queue.c) like a note: written now, or kept in order until the
 * store takes writes again. */
static int capture_push(struct live *lv, struct pending *p, int from_line, const char *used)
{
	int directive = p->what == PENDING_DIRECTIVE;
	line_used(lv, from_line, used);
	size_t before = live_queue_len(lv);
	unsigned refused = live_queue_refused(lv);
	int flags = live_queue_push(lv, p);
	if (live_queue_refused(lv) != refused)
		; /* refused by a rule: its words show, its text is in the line */
	else if (live_queue_len(lv) > before)
		ui_info(lv->ui, "%s",
			directive ? _("Directive kept: saved as soon as the store takes writes")
				  : _("Proposal kept: saved as soon as the store takes writes"));
	else if (directive)
		live_outcome_saved(lv, 1);
	else
		ui_info(lv->ui, "%s", _("Proposal saved, as a note of this item; F12 answers it"));
	return flags | UI_RELOAD;
}

/* The one unit of the meeting (attendees' and cluster's) whose name holds
 * typed, folded ("tay son", "TÂY SƠN"), whole words; a unit named whole
 * wins ("Tỉnh đoàn" beside "Văn phòng Tỉnh đoàn"). NULL if none or more
 * than one (then *several is set, when not NULL), or typed is empty. */
static const char *unit_named(const struct live *lv, const char *typed, int *several)
{
	return text_one_named(typed, lv->m ? (const char *const *)lv->m->units : NULL,
			      lv->m ? lv->m->n_units : 0, several);
}

/* Who raises a proposal of unit: the speaker when they are of that unit
 * (or are it), else the unit's one delegate present (not the excused
 * one a stand-in replaced), else the unit itself; the speaker when no
 * unit is named. */
static const char *proposal_speaker(const struct live *lv, const char *unit)
{
	if (!unit || str_eq(unit, lv->speaker))
		return lv->speaker;
	const struct attendee *a = live_attendee_by_name(lv, lv->speaker);
	if (a && str_eq(a->unit, unit))
		return lv->speaker;
	const struct attendee *one = NULL;
	for (size_t i = 0; lv->m && i < lv->m->n_attendees; i++) {
		const struct attendee *b = &lv->m->attendees[i];
		if (!str_eq(b->unit, unit) || b->role == ROLE_GUEST || b->role == ROLE_CHAIR ||
		    b->role == ROLE_SECRETARY ||
		    (b->presence != PRES_PRESENT && b->presence != PRES_LATE))
			continue; /* one delegate present, as the minutes count */
		if (one)
			return unit; /* two of that unit: which one is not known */
		one = b;
	}
	return one ? one->name : unit;
}

static int due_step(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct live *lv = sc->data;
	const struct capture_ctx *c = ctx;
	/* The due date is typed as everywhere else (30/06/2023 or
	 * 2023-06-30), checked now; the store keeps the ISO day. */
	struct pending p = {.what = PENDING_DIRECTIVE};
	char *t = xstrdup(text ? text : "");
	text_trim(t);
	if (t[0] && !(p.due = store_parse_date(t, cause))) {
		free(t);
		return -1;
	}
	free(t);
	now_iso_minute(p.at);
	/* A due date before the meeting's day is taken (a directive recorded
	 * late), and said: a typo in the year is the usual cause. */
	char early[16] = "";
	const char *day = lv->m && lv->m->starts_at ? lv->m->starts_at : p.at;
	if (p.due && strlen(day) >= 10 && strncmp(p.due, day, 10) < 0)
		snprintf(early, sizeof early, "%.2s/%.2s/%.4s", p.due + 8, p.due + 5, p.due);
	p.text = xstrdup(c->text ? c->text : "");
	p.who = c->who ? xstrdup(c->who) : NULL;
	unsigned refused = live_queue_refused(lv);
	int flags = capture_push(lv, &p, c->from_line, c->text);
	if (early[0] && live_queue_refused(lv) == refused)
		ui_info(lv->ui, _("Directive saved; its due date %s is before the meeting's day"),
			early);
	return flags;
}

/* The example of the due-date question: the last day of the quarter the
 * meeting is held in ("30/09/2023" at a meeting in July reviewing quarter
 * II), or of its period when that ends later ("31/03/2027" for quarter
 * I/2027 prepared in December 2026): a date that fits the meeting and is
 * not already past, rather than one fixed in the text. */
static void due_example(const struct live_meeting *m, char *buf, size_t size)
{
	static const char *const last[] = {"31/03", "30/06", "30/09", "31/12"};
	int y = 0, mo = 0;
	if (!m || !m->starts_at || sscanf(m->starts_at, "%4d-%2d", &y, &mo) != 2 || mo < 1 ||
	    mo > 12) {
		char now[17];
		now_iso_minute(now);
		if (sscanf(now, "%4d-%2d", &y, &mo) != 2 || mo < 1 || mo > 12)
			y = 2023, mo = 6;
	}
	int key = y * 10 + (mo - 1) / 3 + 1; /* the quarter held in, as period_key */
	if (m && m->period_key % 10 >= 1 && m->period_key % 10 <= 4 && m->period_key > key)
		key = m->period_key;
	snprintf(buf, size, "%s/%04d", last[key % 10 - 1], key / 10);
}

static void due_prompt(struct live *lv, const char *text, const char *owner, int from_line)
{
	char example[16];
	due_example(lv->m, example, sizeof example);
	char *label = xasprintf(_("Due date (%s, empty for none):"), example);
	ui_prompt(lv->ui, label, NULL, due_step, capture_new(1, from_line, text, owner));
	free(label);
}

static int capture_step(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct live *lv = sc->data;
	const struct capture_ctx *c = ctx;
	const char *line = editor_text(&lv->line);
	if (c->directive) {
		/* The text is given: the owner next, by type-ahead. */
		char *t = xstrdup(text);
		text_trim(t);
		if (!t[0]) {
			free(t);
			return set_cause(cause, "%s", _("directive is empty"));
		}
		size_t lt = strlen(t) + 1;
		struct pick_ctx *pc = xcalloc(1, sizeof *pc + lt);
		pc->lv = lv;
		pc->what = PICK_OWNER;
		pc->from_line = str_eq(text, line);
		memcpy(pc->text, t, lt);
		free(t);
		screen_picker_open(lv->ui, _("Owner of the directive (type to find, or a new one)"),
				   pick_fetch, pick_done, pc);
		return UI_REDRAW;
	}
	if (!c->text) {
		/* The unit is given: the text next, the note line's. Typed short
		 * ("tay son"), it is the meeting's one unit that it names
		 * (Huyện đoàn Tây Sơn), as the documents must print it. */
		int several = 0;
		const char *unit = unit_named(lv, text, &several);
		if (several)
			/* "huyen doan": which one is not known; the text stays to
			 * type more of it */
			return set_cause(cause, _("\"%s\" names several units of this meeting: "
						  "type more of the name"),
					 text);
		/* The question names whose proposal it is, typed whole too. */
		const char *whose = unit ? unit : text;
		char *label = !str_empty(whose) ? xasprintf(_("Proposal of %s:"), whose)
						: xstrdup(_("Proposal:"));
		ui_prompt(lv->ui, label, line, capture_step,
			  capture_new(0, line[0] != '\0', text, unit ? unit : text));
		free(label);
		return UI_REDRAW;
	}
	/* A proposal is a note of the current item too, at its time, by the
	 * speaker in force, or by the unit named when the speaker is not of
	 * it (the item's presenter, "Các đơn vị trong Cụm", still in force). */
	char *blank = xstrdup(text);
	text_trim(blank);
	int empty = !blank[0];
	free(blank);
	if (empty)
		return set_cause(cause, "%s", _("proposal is empty"));
	struct pending p = {.what = PENDING_PROPOSAL, .item = lv->item};
	now_iso_minute(p.at);
	p.text = xstrdup(text);
	p.unit = c->who && c->who[0] ? xstrdup(c->who) : NULL;
	const char *who = proposal_speaker(lv, p.unit);
	p.who = who ? xstrdup(who) : NULL;
	return capture_push(lv, &p, c->from_line, text);
}

int live_capture_start(struct live *lv, int directive)
{
	if (directive) {
		ui_prompt(lv->ui, _("Directive:"), editor_text(&lv->line), capture_step,
			  capture_new(1, 0, NULL, NULL));
	} else {
		/* The speaker's unit; the speaker when it is one of the
		 * cluster's units; else nothing (a person typed as the speaker
		 * is no unit), and what is typed replaces it. */
		const struct attendee *a = live_attendee_by_name(lv, lv->speaker);
		const char *unit = a && a->unit ? a->unit : NULL;
		for (size_t j = 0; !a && lv->m && lv->speaker && j < lv->m->n_units; j++)
			if (str_eq(lv->m->units[j], lv->speaker))
				unit = lv->speaker;
		ui_prompt(lv->ui, _("Proposal of the unit:"), unit ? unit : "", capture_step,
			  capture_new(0, 0, NULL, NULL));
		ui_prompt_preselect(lv->ui);
	}
	return UI_REDRAW;
}
