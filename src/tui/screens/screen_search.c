/* screen_search.c - the search screen (/ from anywhere): a query line and
 * the hits newest first, each with its meeting, item, speaker, time and a
 * snippet with the matched words marked; Enter opens the meeting there.
 * The hits can be narrowed to a cluster, a period, a speaker or unit and a
 * kind, as bienban search's options do. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "editor.h"
#include "screens.h"
#include "store_search.h"
#include "text.h"

#define PAGE 50		     /* hits read at a time */
#define HIT_LINES 3	     /* screen lines per hit */
#define CAP SEARCH_COUNT_CAP /* counting stops here: "1000+" */

struct search {
	struct ui *ui;
	struct editor query;
	int editing;	/* the query line has the keyboard */
	char *searched; /* the query of the hits shown */
	struct search_hit *hits;
	size_t n;
	int more;	/* another page may follow */
	int64_t total;	/* counted, at most CAP; -1 while not counted yet */
	int drawn;	/* the hits were drawn since the search (count after) */
	int64_t resume; /* the budget stopped the search here: tick() goes on */
	int64_t oldest; /* the smallest key read: the next page's before */
	int uncounted;	/* the count ran out of time: "and more" */
	size_t sel, top;
	int64_t sel_key; /* the selection, found again after a reload */
	char today[16];	 /* local date of the search (ISO): overdue directives */
	/* The filters (0 / NULL: any), as struct search_query has them. */
	int cluster, quarter, year;
	char *speaker;	  /* words of the speaker, presenter, unit or owner */
	const char *kind; /* a static kind name (kinds[] below) */
	int refilter;	  /* a filter changed: search again at the reload */
	int snip_words;	  /* the snippets' words when read (snippet_words()) */
};

/* The kinds a search can keep, in the picker's order: the note kinds,
 * then what is not a note. */
static const char *const kinds[] = {"statement", "report",     "question",  "answer", "proposal",
				    "decision",	 "item",       "conclusion", "directive"};

static const struct keybind search_binds[] = {
    KCH('\r', ACT_OPEN),
    KFN(KEY_ENTER, ACT_OPEN),
    KCH('/', ACT_SEARCH),
    KCH('e', ACT_SEARCH),
    KCH('c', ACT_FILTER_CLUSTER),
    KCH('p', ACT_FILTER_PERIOD),
    KCH('s', ACT_FILTER_SPEAKER),
    KCH('t', ACT_FILTER_KIND),
};
static const enum action search_bar[] = {ACT_OPEN,	    ACT_SEARCH,		ACT_FILTER_CLUSTER,
					 ACT_FILTER_PERIOD, ACT_FILTER_SPEAKER, ACT_FILTER_KIND,
					 ACT_BACK};
const struct keymap keymap_search =
    KEYMAP("search", N_("Search results"), search_binds, search_bar, &keymap_generic);
/* While the query line has the keyboard: the editor's keys (it reads
 * them itself), the key line saying what Enter does here (searches, not
 * "save"), and no "next field" (Tab goes to the hits, as ↓ does). */
static const struct keybind query_binds[] = {
    KCH('\r', ACT_SEARCH), KFN(KEY_ENTER, ACT_SEARCH), KCH(27, ACT_BACK),
    KCH('\t', ACT_DOWN),
};
static const enum action query_bar[] = {ACT_SEARCH, ACT_BACK};
static const struct keymap keymap_query =
    KEYMAP("search-query", N_("Typing the search"), query_binds, query_bar, &keymap_editor);

static void free_hits(struct search *s)
{
	for (size_t i = 0; i < s->n; i++)
		search_hit_free(&s->hits[i]);
	free(s->hits);
	s->hits = NULL;
	s->n = 0;
}

/* Words of a snippet: about as many as the snippet's row holds at the
 * terminal's width, five columns a Vietnamese word with its space (15 at
 * 80 columns, 11 at 60; a longer one is cut with an ellipsis); a later
 * resize cuts or leaves room. */
static int snippet_words(void)
{
	int words = (COLS - 4) / 5;
	return words < 6 ? 6 : words > 48 ? 48 : words;
}

static struct search_query query_of(const struct search *s)
{
	return (struct search_query){.text = s->searched,
				     .cluster = s->cluster,
				     .quarter = s->quarter,
				     .year = s->year,
				     .speaker = s->speaker,
				     .kind = s->kind,
				     .snippet_words = snippet_words()};
}

static int filtered(const struct search *s)
{
	return s->cluster || s->year || s->speaker || s->kind;
}

/* Append the next page of hits (after the last one shown). */
static int load_more(struct search *s)
{
	struct search_query q = query_of(s);
	s->snip_words = q.snippet_words;
	struct search_hit *h;
	size_t n;
	char *cause = NULL;
	int64_t before = s->resume ? s->resume : s->n ? s->oldest : 0;
	int64_t stopped = 0;
	if (store_search_within(ui_store(s->ui), &q, before, PAGE, SEARCH_BUDGET_MS, &h, &n,
				&stopped, &cause) < 0) {
		ui_error(s->ui, _("Cannot search: %s"), cause);
		free(cause);
		s->more = 0;
		s->resume = 0;
		return -1;
	}
	s->resume = stopped;
	/* The next page goes on below the oldest key read; the page itself
	 * reads in the minutes' order within each meeting. */
	if (n)
		s->oldest = search_hits_oldest(h, n);
	search_hits_minutes_order(h, n);
	s->hits = xreallocarray(s->hits, s->n + n + 1, sizeof *s->hits);
	if (n)
		memcpy(s->hits + s->n, h, n * sizeof *h);
	s->n += n;
	free(h);
	s->more = n == PAGE || stopped;
	if (stopped)
		ui_tick_soon(s->ui);
	return 0;
}

/* The count never holds the first page back: it is made by tick() once
 * the page is on the terminal (ui_tick_soon), and it stops at CAP. */
static void want_count(struct search *s)
{
	s->total = s->more ? -1 : (int64_t)s->n;
	s->uncounted = 0;
	s->drawn = 0;
	if (s->total < 0)
		ui_tick_soon(s->ui);
}

/* After a draw: a search the time budget stopped goes on (one budget per
 * turn, so keys are read in between) until a page is full; then the hits
 * are counted, within a budget too. */
static int search_reload(struct screen *sc);

static int search_tick(struct screen *sc, long long now_ms)
{
	(void)now_ms;
	struct search *s = sc->data;
	/* The terminal was resized: the snippets read again at the new width
	 * (they kept the old one's words), the selection kept. */
	if (s->searched && s->n && !s->resume && s->snip_words &&
	    s->snip_words != snippet_words())
		return search_reload(sc);
	if (!s->drawn || !s->searched)
		return UI_OK;
	if (s->resume) {
		if (s->n >= PAGE) {
			/* The rest when the selection gets there; not counted. */
			s->drawn = 0;
			s->total = (int64_t)s->n;
			s->uncounted = 1;
			return UI_REDRAW;
		}
		s->drawn = 0;
		load_more(s); /* ui_tick_soon again if the budget stops it again */
		if (!s->resume)
			want_count(s);
		return UI_REDRAW;
	}
	if (s->total >= 0)
		return UI_OK;
	struct search_query q = query_of(s);
	char *cause = NULL;
	int done = 1;
	if (store_search_count_within(ui_store(s->ui), &q, CAP, 3 * SEARCH_BUDGET_MS, &s->total,
				      &done, &cause) < 0) {
		free(cause);
		done = 0;
	}
	if (!done) {
		s->total = (int64_t)s->n;
		s->uncounted = 1;
	}
	return UI_REDRAW;
}

static void run_search(struct search *s)
{
	free_hits(s);
	free(s->searched);
	s->searched = xstrdup(editor_text(&s->query));
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(s->today, sizeof s->today, "%Y-%m-%d", &tm))
		s->today[0] = '\0';
	s->sel = s->top = 0;
	s->total = 0;
	s->resume = 0;
	if (load_more(s) < 0)
		return;
	want_count(s);
}

/* The snippet on one line: the marked words in bold, each piece made
 * visible, cut to width. */
static void draw_snippet(WINDOW *w, int y, int x, int width, const char *snip, attr_t base)
{
	attr_t hl = base | A_BOLD | A_UNDERLINE;
	int on = 0;
	const char *p = snip ? snip : "";
	while (*p && width > 0) {
		size_t n = strcspn(p, "\x01\x02");
		if (n) {
			char *piece = xstrndup(p, n);
			int used = ui_put(w, y, x, width, piece, on ? hl : base);
			free(piece);
			x += used;
			width -= used;
		}
		p += n;
		if (*p == SEARCH_MARK_ON)
			on = 1;
		else if (*p == SEARCH_MARK_OFF)
			on = 0;
		if (*p)
			p++;
	}
}

/* A kind as the screen names it: "báo cáo", "nội dung", "kết luận"... */
static const char *kind_label(const char *kind)
{
	int k = note_kind_parse(kind);
	if (k >= 0)
		return ui_note_kind_name((enum note_kind)k);
	if (strcmp(kind, "item") == 0)
		return _("agenda item");
	if (strcmp(kind, "conclusion") == 0)
		return _("conclusion");
	if (strcmp(kind, "directive") == 0)
		return _("directive");
	return kind;
}

static void draw_hit(struct search *s, WINDOW *w, int y, int width, size_t i)
{
	const struct search_hit *h = &s->hits[i];
	int sel = i == s->sel && !s->editing;
	attr_t base = sel ? ui_attr(ST_SELECTED) : A_NORMAL;
	for (int k = 0; k < HIT_LINES - 1; k++)
		ui_put_fill(w, y + k, 0, width, "", base);
	char tm[32], buf[64];
	int x = 1;
	/* A note's or an item's own time; what has none (a conclusion, a
	 * directive, an answer) its meeting's day, not the meeting's start
	 * as if said then. */
	char day[11] = "";
	const char *when = h->at;
	if (!when || (h->src != SEARCH_NOTE && h->src != SEARCH_ITEM)) {
		snprintf(day, sizeof day, "%s", h->starts_at ? h->starts_at : "");
		when = day;
	}
	ui_put(w, y, x, 17, ui_time(when, tm, sizeof tm), sel ? base : ui_attr(ST_DIM));
	x += 17; /* "14/04/2023 08:21 ": a column, the day alone too */
	snprintf(buf, sizeof buf, "#%lld", (long long)h->meeting_id);
	x += ui_put(w, y, x, 8, buf, sel ? base : ui_attr(ST_DIM)) + 1;
	ui_put(w, y, x, width - x, h->meeting_title, base | A_BOLD);
	struct strbuf sb = {0};
	if (h->item_id)
		strbuf_addf(&sb, "%d. %s", h->item_index + 1, h->item_title ? h->item_title : "");
	strbuf_addf(&sb, "%s%s", sb.len ? " · " : "", kind_label(h->kind));
	if (h->speaker)
		strbuf_addf(&sb, " · %s", h->speaker);
	if (h->status >= 0) {
		/* A directive: where it stands, as the directives screen says. */
		if (h->due)
			strbuf_addf(&sb, _(" · due %s"), ui_time(h->due, tm, sizeof tm));
		int overdue = h->status == TS_OPEN && h->due && strcmp(h->due, s->today) < 0;
		strbuf_addf(&sb, " · %s",
			    overdue ? _("overdue") : ui_task_status_name((enum task_status)h->status));
	}
	ui_put(w, y + 1, 3, width - 4, sb.buf, sel ? base : ui_attr(ST_DIM));
	strbuf_free(&sb);
	draw_snippet(w, y + 1 + 1, 3, width - 4, h->snippet, base);
}

static void search_draw(struct screen *sc, WINDOW *w)
{
	struct search *s = sc->data;
	int width = getmaxx(w), height = getmaxy(w);
	screen_set_title(sc, "%s", _("Search"));
	int lw = ui_put(w, 0, 1, width / 2, _("Search:"), ui_attr(ST_LABEL));
	editor_draw(&s->query, s->ui, w, 0, lw + 2, width - lw - 3, 1, s->editing);
	char *line;
	if (!s->searched)
		line = xstrdup(_("Type words and press Enter. \"quoted words\" for a phrase, word* "
				 "for a prefix; marks and case do not matter."));
	else if (s->resume && s->n == 0) {
		char day[16];
		search_key_date(s->resume, day, sizeof day);
		line = xasprintf(_("Searching… nothing since %s yet"), day);
	} else if (s->resume && s->n < PAGE) {
		char day[16];
		search_key_date(s->resume, day, sizeof day);
		line = xasprintf(_("%zu hits since %s, searching further back…"), s->n, day);
	} else if (s->n == 0 && filtered(s))
		line = xstrdup(_("Nothing found (c, p, s, t: change the filters)."));
	else if (s->n == 0)
		line = xstrdup(_("Nothing found."));
	else if (s->uncounted)
		line = xasprintf(_("%zu hits and more, newest meeting first"), s->n);
	else if (s->total < 0)
		line = xasprintf(_("%zu hits and more, newest meeting first (counting…)"), s->n);
	else if (s->total >= CAP)
		line = xasprintf(_("More than %d hits, newest meeting first"), CAP - 1);
	else
		line = xasprintf(ngettext("%lld hit, newest meeting first", "%lld hits, newest meeting first",
					  (unsigned long)s->total),
				 (long long)s->total);
	int x = 1;
	if (filtered(s)) {
		/* What the hits are narrowed to, before what was found. */
		struct strbuf f = {0};
		filter_describe(&f, s->cluster, s->quarter, s->year);
		if (s->speaker)
			strbuf_addf(&f, "%s%s", f.len ? " · " : "", s->speaker);
		if (s->kind)
			strbuf_addf(&f, "%s%s", f.len ? " · " : "", kind_label(s->kind));
		x += ui_put(w, 1, x, width / 2, f.buf, ui_attr(ST_LABEL)) + 2;
		strbuf_free(&f);
	}
	ui_put(w, 1, x, width - x - 1, line, ui_attr(ST_DIM));
	free(line);
	if (!s->searched && height > 4)
		ui_put(w, 3, 1, width - 2,
		       _("Tab, then c, p, s or t: only a cluster, a period, a speaker or unit, a "
			 "kind."),
		       ui_attr(ST_DIM));
	s->drawn = 1;
	int rows = (height - 2) / HIT_LINES;
	if (rows < 1 || s->n == 0)
		return;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + (size_t)rows)
		s->top = s->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && s->top + (size_t)r < s->n; r++)
		draw_hit(s, w, 2 + r * HIT_LINES, width, s->top + (size_t)r);
}

/* Open the meeting on the tab that holds the hit, with its row selected
 * (by kind: a note and an agenda item may share an id). */
static void open_hit(struct search *s, const struct search_hit *h)
{
	const char *tab = "agenda";
	enum meeting_row_kind kind = MR_NOTE;
	switch (h->src) {
	case SEARCH_NOTE:
		break;
	case SEARCH_ITEM:
		kind = MR_ITEM;
		break;
	case SEARCH_PROPOSAL:
	case SEARCH_ANSWER: /* src_id is the proposal */
		tab = "proposals";
		kind = MR_PROPOSAL;
		break;
	case SEARCH_CONCLUSION:
		tab = "conclusions";
		kind = MR_CONCLUSION;
		break;
	case SEARCH_DIRECTIVE:
		tab = "conclusions";
		kind = MR_DIRECTIVE;
		break;
	}
	screen_meeting_open(s->ui, h->meeting_id, tab, kind, h->src_id);
}

static int move_sel(struct search *s, enum action act)
{
	size_t page = 5;
	switch (act) {
	case ACT_UP:
		if (s->sel > 0)
			s->sel--;
		else
			s->editing = 1; /* up from the first hit: back to the query */
		break;
	case ACT_DOWN:
		if (s->sel + 1 < s->n)
			s->sel++;
		break;
	case ACT_PAGE_UP:
		s->sel = s->sel > page ? s->sel - page : 0;
		break;
	case ACT_PAGE_DOWN:
		s->sel = s->sel + page < s->n ? s->sel + page : (s->n ? s->n - 1 : 0);
		break;
	case ACT_FIRST:
		s->sel = 0;
		break;
	case ACT_LAST:
		s->sel = s->n ? s->n - 1 : 0;
		break;
	default:
		return 0;
	}
	/* Read the next page when the selection reaches the end. */
	if (s->more && s->sel + 1 >= s->n)
		load_more(s);
	return 1;
}

/* ==== filters ==== */

/* A filter changed: the same words are searched again by the reload that
 * follows (a picker's choice reloads every screen; the prompts return
 * UI_RELOAD), once. */
static void refilter(struct search *s)
{
	s->refilter = 1;
}

static int cluster_pick(struct ui *ui, void *ctx, int64_t id, const char *query, char **cause)
{
	struct search *s = *(struct search **)ctx;
	s->cluster = (int)id;
	refilter(s);
	(void)ui;
	(void)query;
	(void)cause;
	return 0;
}

static int period_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct search *s = sc->data;
	(void)ctx;
	if (filter_period_parse(text, &s->quarter, &s->year, cause) < 0)
		return -1;
	refilter(s);
	return UI_RELOAD;
}

static int speaker_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct search *s = sc->data;
	(void)ctx;
	char *t = xstrdup(text ? text : "");
	text_trim(t);
	/* Words to find among the speakers' (checked as the query is). */
	if (t[0] && search_query_check(t, cause) < 0) {
		free(t);
		return -1;
	}
	free(s->speaker);
	s->speaker = NULL;
	if (t[0])
		s->speaker = t;
	else
		free(t);
	refilter(s);
	return UI_RELOAD;
}

static int kind_fetch(struct ui *ui, void *ctx, const char *query, int64_t offset, int limit,
		      struct picker_row **rows, size_t *n, int64_t *total, char **cause)
{
	char *fq = text_fold(query);
	*rows = NULL;
	*n = 0;
	*total = 0;
	for (size_t i = 0; i <= sizeof kinds / sizeof *kinds; i++) {
		const char *label = i == 0 ? _("All kinds") : kind_label(kinds[i - 1]);
		char *f = text_fold(label);
		if (strstr(f, fq))
			picker_add_row(rows, n, total, offset, limit, (int64_t)i, label, NULL);
		free(f);
	}
	free(fq);
	(void)ui;
	(void)ctx;
	(void)cause;
	return 0;
}

static int kind_pick(struct ui *ui, void *ctx, int64_t id, const char *query, char **cause)
{
	struct search *s = *(struct search **)ctx;
	s->kind = id > 0 && (size_t)id <= sizeof kinds / sizeof *kinds ? kinds[id - 1] : NULL;
	refilter(s);
	(void)ui;
	(void)query;
	(void)cause;
	return 0;
}

static int search_key(struct screen *sc, const struct ui_event *ev)
{
	struct search *s = sc->data;
	if (s->editing) {
		switch (editor_key(&s->query, ev)) {
		case ED_CHANGED:
			return UI_REDRAW;
		case ED_CONFIRM:
			run_search(s);
			s->editing = s->n == 0;
			return UI_REDRAW;
		case ED_NEXT:
			/* To the hits, or with none to the filters' keys. */
			s->editing = 0;
			return UI_REDRAW;
		case ED_CANCEL:
			if (!s->n)
				return UI_POP;
			s->editing = 0;
			return UI_REDRAW;
		case ED_PREV:
			return UI_OK;
		default:
			return UI_OK;
		}
	}
	if (move_sel(s, ev->act))
		return UI_REDRAW;
	switch (ev->act) {
	case ACT_OPEN:
		if (s->sel < s->n) {
			s->sel_key = s->hits[s->sel].key;
			open_hit(s, &s->hits[s->sel]);
		}
		return UI_REDRAW;
	case ACT_SEARCH:
		s->editing = 1;
		return UI_REDRAW;
	case ACT_FILTER_CLUSTER: {
		struct search **ctx = xmalloc(sizeof *ctx);
		*ctx = s;
		screen_picker_open(s->ui, _("Search the meetings of cluster"), filter_cluster_fetch,
				   cluster_pick, ctx);
		return UI_OK;
	}
	case ACT_FILTER_PERIOD: {
		char buf[32];
		filter_period_text(buf, sizeof buf, s->quarter, s->year);
		ui_prompt(s->ui, _("Period (I/2023, 2023, empty for all):"), buf, period_done, NULL);
		return UI_OK;
	}
	case ACT_FILTER_SPEAKER:
		ui_prompt(s->ui, _("Speaker or unit (words of the name, empty for all):"),
			  s->speaker ? s->speaker : "", speaker_done, NULL);
		return UI_OK;
	case ACT_FILTER_KIND: {
		struct search **ctx = xmalloc(sizeof *ctx);
		*ctx = s;
		screen_picker_open(s->ui, _("Search only"), kind_fetch, kind_pick, ctx);
		return UI_OK;
	}
	default:
		return UI_UNHANDLED;
	}
}

/* A secretary added notes, or an edit elsewhere: search again, keeping
 * the selected hit. */
static int search_reload(struct screen *sc)
{
	struct search *s = sc->data;
	if (s->refilter) {
		s->refilter = 0;
		if (s->searched) {
			char *words = xstrdup(s->searched);
			editor_set(&s->query, words);
			free(words);
			run_search(s);
			s->editing = 0;
		}
		return UI_REDRAW;
	}
	if (!s->searched)
		return UI_REDRAW;
	int64_t key = s->sel < s->n ? s->hits[s->sel].key : 0;
	size_t want = s->n;
	free_hits(s);
	s->sel = s->top = 0;
	s->resume = 0;
	while (load_more(s) == 0 && s->more && s->n < want)
		;
	for (size_t i = 0; i < s->n; i++)
		if (s->hits[i].key == key)
			s->sel = i;
	want_count(s);
	return UI_REDRAW;
}

static const struct keymap *search_keymap(struct screen *sc)
{
	struct search *s = sc->data;
	return s->editing ? &keymap_query : &keymap_search;
}

static void search_done(struct screen *sc)
{
	struct search *s = sc->data;
	free_hits(s);
	free(s->searched);
	free(s->speaker);
	editor_done(&s->query);
	free(s);
}

static const struct screen_ops search_ops = {
    .name = "search",
    .keymap = search_keymap,
    .draw = search_draw,
    .key = search_key,
    .reload = search_reload,
    .tick = search_tick,
    .done = search_done,
};

int screen_search_open(struct ui *ui)
{
	struct search *s = xcalloc(1, sizeof *s);
	s->ui = ui;
	s->editing = 1;
	editor_init(&s->query, "", 0);
	struct screen *sc = ui_push(ui, &search_ops, s);
	screen_set_title(sc, "%s", _("Search"));
	return 0;
}
