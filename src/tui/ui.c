/* ui.c - the terminal interface's main loop: screens on a stack, keys to
 * actions, the status line, prompts, and one doupdate() per turn. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "editor.h"
#include "registry.h"
#include "text.h"
#include "ui.h"

/* Key codes for the bracketed paste markers (above every curses key). */
#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END (KEY_MAX + 2)

enum modal { MODAL_NONE, MODAL_CONFIRM, MODAL_PROMPT };

struct ui {
	struct store *store;
	int readonly;
	int readonly_asked; /* --read-only, rather than an unwritable file */
	struct screen **stack;
	int depth, cap;
	WINDOW *hdr, *body, *status, *bar;
	WINDOW *input; /* a pad: reading keys from it never refreshes anything */
	int too_small;
	int quit;
	int all_dirty;
	/* status line */
	char *msg;
	int msg_error;
	/* a question or a prompt in the status line */
	enum modal modal;
	char *modal_label;
	int (*confirm_yes)(struct screen *sc, void *ctx);
	ui_prompt_fn prompt_done;
	void *modal_ctx;
	struct editor prompt;
	/* where the terminal cursor goes after drawing */
	WINDOW *cur_win;
	int cur_y, cur_x;
	int64_t data_version;
	int colors;
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* ==== screens ==== */

struct screen *ui_push(struct ui *ui, const struct screen_ops *ops, void *data)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	sc->ops = ops;
	sc->ui = ui;
	sc->data = data;
	sc->dirty = 1;
	if (ui->depth == ui->cap) {
		ui->cap = ui->cap ? ui->cap * 2 : 8;
		ui->stack = xreallocarray(ui->stack, (size_t)ui->cap, sizeof *ui->stack);
	}
	ui->stack[ui->depth++] = sc;
	ui->all_dirty = 1;
	return sc;
}

static void screen_free(struct screen *sc)
{
	if (sc->ops->done)
		sc->ops->done(sc);
	free(sc->title);
	free(sc);
}

void ui_pop(struct ui *ui)
{
	if (ui->depth <= 1)
		return;
	screen_free(ui->stack[--ui->depth]);
	ui->stack[ui->depth - 1]->dirty = 1;
	ui->all_dirty = 1;
}

struct screen *ui_top(struct ui *ui)
{
	return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

int ui_depth(struct ui *ui)
{
	return ui->depth;
}

void screen_set_title(struct screen *sc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *t = xvasprintf(fmt, ap);
	va_end(ap);
	if (!str_eq(t, sc->title))
		sc->ui->all_dirty = 1;
	free(sc->title);
	sc->title = t;
}

struct store *ui_store(struct ui *ui)
{
	return ui->store;
}

int ui_readonly(struct ui *ui)
{
	return ui->readonly;
}

/* ==== messages ==== */

static void set_msg(struct ui *ui, int error, const char *fmt, va_list ap)
{
	free(ui->msg);
	ui->msg = xvasprintf(fmt, ap);
	ui->msg_error = error;
	ui->all_dirty = 1;
}

void ui_info(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_msg(ui, 0, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_msg(ui, 1, fmt, ap);
	va_end(ap);
}

static void readonly_refusal(struct ui *ui, enum action act)
{
	const char *what = act != ACT_NONE ? action_help(act) : _("Editing");
	const char *fmt = ui->readonly_asked
			      ? _("%s: refused, the store is open for review (--read-only)")
			      : _("%s: refused, you cannot write to the store file");
	/* The reason must show: a help sentence too long for the line gives
	 * way to the key's short label. */
	char *msg = xasprintf(fmt, what);
	if (act != ACT_NONE && (int)text_width(msg) > COLS) {
		free(msg);
		msg = xasprintf(fmt, action_label(act));
	}
	ui_error(ui, "%s", msg);
	free(msg);
}

int ui_edit_refused(struct ui *ui, int64_t meeting)
{
	if (ui->readonly) {
		readonly_refusal(ui, ACT_NONE);
		return 1;
	}
	if (meeting <= 0)
		return 0;
	enum meeting_status st;
	char *cause = NULL;
	if (store_meeting_writable(ui->store, meeting, &st, &cause) < 0) {
		if (st == MS_APPROVED)
			ui_error(ui, _("Refused: this meeting is approved; reopen it with a reason "
				       "first (bienban reopen)"));
		else
			ui_error(ui, _("Refused: %s"), cause);
		free(cause);
		return 1;
	}
	return 0;
}

static void modal_close(struct ui *ui)
{
	if (ui->modal == MODAL_PROMPT)
		editor_done(&ui->prompt);
	free(ui->modal_ctx);
	free(ui->modal_label);
	ui->modal_ctx = NULL;
	ui->modal_label = NULL;
	ui->modal = MODAL_NONE;
	ui->all_dirty = 1;
}

void ui_confirm(struct ui *ui, const char *question, int (*yes)(struct screen *sc, void *ctx),
		void *ctx)
{
	if (ui->modal)
		modal_close(ui);
	ui->modal = MODAL_CONFIRM;
	ui->modal_label = xasprintf("%s %s", question, _("(y/n)"));
	ui->confirm_yes = yes;
	ui->modal_ctx = ctx;
	ui->all_dirty = 1;
}

void ui_prompt(struct ui *ui, const char *label, const char *initial, ui_prompt_fn done, void *ctx)
{
	if (ui->modal)
		modal_close(ui);
	ui->modal = MODAL_PROMPT;
	ui->modal_label = xstrdup(label);
	ui->prompt_done = done;
	ui->modal_ctx = ctx;
	editor_init(&ui->prompt, initial, 0);
	ui->all_dirty = 1;
}

/* ==== drawing helpers ==== */

enum {
	PAIR_HEADER = 1,
	PAIR_SELECTED,
	PAIR_KEYBAR,
	PAIR_KEY,
	PAIR_ERROR,
	PAIR_INFO,
	PAIR_DIM,
	PAIR_TAB_ACTIVE,
	PAIR_HEADING,
	PAIR_DRAFT,
	PAIR_LIVE,
	PAIR_CLOSED,
	PAIR_APPROVED
};

static int ui_colors;

static void init_colors(void)
{
	ui_colors = has_colors() && start_color() == OK && COLOR_PAIRS > PAIR_APPROVED;
	if (!ui_colors)
		return;
	use_default_colors();
	init_pair(PAIR_HEADER, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_KEYBAR, -1, -1);
	init_pair(PAIR_KEY, COLOR_BLACK, COLOR_WHITE);
	init_pair(PAIR_ERROR, COLOR_WHITE, COLOR_RED);
	init_pair(PAIR_INFO, COLOR_GREEN, -1);
	init_pair(PAIR_DIM, COLOR_BLUE, -1);
	init_pair(PAIR_TAB_ACTIVE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_HEADING, COLOR_YELLOW, -1);
	init_pair(PAIR_DRAFT, COLOR_MAGENTA, -1);
	init_pair(PAIR_LIVE, COLOR_RED, -1);
	init_pair(PAIR_CLOSED, COLOR_GREEN, -1);
	init_pair(PAIR_APPROVED, COLOR_CYAN, -1);
}

attr_t ui_attr(enum ui_style st)
{
	if (!ui_colors) {
		/* Monochrome (vt100, TERM=linux without colours): reverse for
		 * bars and the selection, bold for what needs attention. */
		switch (st) {
		case ST_HEADER:
		case ST_SELECTED:
		case ST_KEY:
		case ST_ERROR:
		case ST_TAB_ACTIVE:
			return A_REVERSE;
		case ST_HEADING:
		case ST_LABEL:
		case ST_STATUS_LIVE:
			return A_BOLD;
		case ST_INFO:
			return A_BOLD;
		default:
			return A_NORMAL;
		}
	}
	switch (st) {
	case ST_HEADER:
		return COLOR_PAIR(PAIR_HEADER) | A_BOLD;
	case ST_SELECTED:
		return COLOR_PAIR(PAIR_SELECTED);
	case ST_KEYBAR:
		return COLOR_PAIR(PAIR_KEYBAR);
	case ST_KEY:
		return COLOR_PAIR(PAIR_KEY);
	case ST_ERROR:
		return COLOR_PAIR(PAIR_ERROR) | A_BOLD;
	case ST_INFO:
		return COLOR_PAIR(PAIR_INFO) | A_BOLD;
	case ST_DIM:
		return COLOR_PAIR(PAIR_DIM);
	case ST_LABEL:
		return A_BOLD;
	case ST_TAB:
		return A_NORMAL;
	case ST_TAB_ACTIVE:
		return COLOR_PAIR(PAIR_TAB_ACTIVE) | A_BOLD;
	case ST_HEADING:
		return COLOR_PAIR(PAIR_HEADING) | A_BOLD;
	case ST_STATUS_DRAFT:
		return COLOR_PAIR(PAIR_DRAFT);
	case ST_STATUS_LIVE:
		return COLOR_PAIR(PAIR_LIVE) | A_BOLD;
	case ST_STATUS_CLOSED:
		return COLOR_PAIR(PAIR_CLOSED);
	case ST_STATUS_APPROVED:
		return COLOR_PAIR(PAIR_APPROVED);
	default:
		return A_NORMAL;
	}
}

int ui_put(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	if (width <= 0 || !text)
		return 0;
	char *vis = text_visible(text, 0);
	size_t len = strlen(vis), used = 0;
	size_t fit = text_fit(vis, len, (size_t)width, &used);
	if (fit < len) {
		/* Too wide: cut one column shorter and end with an ellipsis. */
		fit = text_fit(vis, len, (size_t)width - 1, &used);
		memcpy(vis + fit, "…", sizeof "…");
		used++;
	} else {
		vis[fit] = '\0';
	}
	wattr_set(w, attr, PAIR_NUMBER(attr), NULL);
	mvwaddstr(w, y, x, vis);
	wattr_set(w, A_NORMAL, 0, NULL);
	free(vis);
	return (int)used;
}

void ui_put_fill(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	int used = ui_put(w, y, x, width, text, attr);
	if (used < width) {
		wattr_set(w, attr, PAIR_NUMBER(attr), NULL);
		mvwhline(w, y, x + used, ' ', width - used);
		wattr_set(w, A_NORMAL, 0, NULL);
	}
}

void ui_set_cursor(struct ui *ui, WINDOW *w, int y, int x)
{
	ui->cur_win = w;
	ui->cur_y = y;
	ui->cur_x = x;
}

/* ==== layout and drawing ==== */

static void layout_windows(struct ui *ui)
{
	int rows = LINES, cols = COLS;
	ui->too_small = rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
	if (rows < 4 || cols < 1)
		return;
	if (!ui->hdr) {
		ui->hdr = newwin(1, cols, 0, 0);
		ui->body = newwin(rows - 3, cols, 1, 0);
		ui->status = newwin(1, cols, rows - 2, 0);
		ui->bar = newwin(1, cols, rows - 1, 0);
		return;
	}
	/* Shrink before moving so no window ever sticks out of the screen. */
	wresize(ui->hdr, 1, cols);
	wresize(ui->body, rows - 3, cols);
	wresize(ui->status, 1, cols);
	wresize(ui->bar, 1, cols);
	mvwin(ui->status, rows - 2, 0);
	mvwin(ui->bar, rows - 1, 0);
}

static const struct keymap *top_keymap(struct ui *ui)
{
	struct screen *sc = ui_top(ui);
	if (ui->modal == MODAL_PROMPT)
		return &keymap_editor;
	return sc && sc->ops->keymap ? sc->ops->keymap(sc) : &keymap_generic;
}

static void draw_header(struct ui *ui)
{
	WINDOW *w = ui->hdr;
	int cols = getmaxx(w);
	struct screen *sc = ui_top(ui);
	char *left = xasprintf(" bienban · %s", sc && sc->title ? sc->title : "");
	const char *right = ui->readonly ? _("[read-only]") : "";
	int rw = (int)text_width(right);
	werase(w);
	ui_put_fill(w, 0, 0, cols, "", ui_attr(ST_HEADER));
	ui_put(w, 0, 0, cols - rw - 2, left, ui_attr(ST_HEADER));
	if (rw)
		ui_put(w, 0, cols - rw - 1, rw, right, ui_attr(ST_HEADER));
	free(left);
	wnoutrefresh(w);
}

static void draw_status(struct ui *ui)
{
	WINDOW *w = ui->status;
	int cols = getmaxx(w);
	werase(w);
	if (ui->modal == MODAL_CONFIRM) {
		ui_put(w, 0, 0, cols, ui->modal_label, ui_attr(ST_LABEL));
		ui_set_cursor(ui, w, 0,
			      (int)text_width(ui->modal_label) < cols
				  ? (int)text_width(ui->modal_label)
				  : cols - 1);
	} else if (ui->modal == MODAL_PROMPT) {
		int lw = ui_put(w, 0, 0, cols / 2, ui->modal_label, ui_attr(ST_LABEL));
		lw += ui_put(w, 0, lw, 1, " ", A_NORMAL);
		/* While a prompt is open an error from its callback shows on
		 * the key line instead (draw_bar). */
		editor_draw(&ui->prompt, ui, w, 0, lw, cols - lw, 1, 1);
	} else if (ui->msg) {
		ui_put(w, 0, 0, cols, ui->msg, ui_attr(ui->msg_error ? ST_ERROR : ST_INFO));
	}
	wnoutrefresh(w);
}

static void draw_bar(struct ui *ui)
{
	WINDOW *w = ui->bar;
	int cols = getmaxx(w), x = 0;
	werase(w);
	if (ui->modal == MODAL_PROMPT && ui->msg && ui->msg_error) {
		ui_put(w, 0, 0, cols, ui->msg, ui_attr(ST_ERROR));
		wnoutrefresh(w);
		return;
	}
	const struct keymap *chain = top_keymap(ui);
	/* The bars of the chain, nearest first; an action shows once. The
	 * generic keys (help, back) always keep their place at the end. */
	enum action shown[64];
	size_t n_shown = 0;
	int reserve = 0;
	for (int pass = 0; pass < 3; pass++) {
		for (const struct keymap *km = chain; km; km = km->parent) {
			if ((km == &keymap_generic) != (pass != 1))
				continue;
			for (size_t i = 0; i < km->n_bar; i++) {
				enum action a = km->bar[i];
				int dup = 0;
				for (size_t j = 0; j < n_shown; j++)
					dup |= shown[j] == a;
				if (dup || n_shown == BB_ARRAY_LEN(shown))
					continue;
				if (ui->readonly && (actions[a].flags & AF_EDIT))
					continue; /* a reviewer's key line shows what works */
				char key[32];
				keymap_key_for(chain, a, key, sizeof key);
				if (!key[0])
					continue;
				const char *label = action_label(a);
				int need = (int)text_width(key) + 1 + (int)text_width(label) + 1;
				if (pass == 0) {
					reserve += need;
					continue;
				}
				if (x + need > cols - (pass == 1 ? reserve : 0))
					continue;
				x += ui_put(w, 0, x, cols - x, key, ui_attr(ST_KEY));
				x += ui_put(w, 0, x, cols - x, " ", A_NORMAL);
				x += ui_put(w, 0, x, cols - x, label, ui_attr(ST_KEYBAR));
				x += ui_put(w, 0, x, cols - x, " ", A_NORMAL);
				shown[n_shown++] = a;
			}
		}
	}
	wnoutrefresh(w);
}

static void draw_too_small(struct ui *ui)
{
	werase(stdscr);
	const char *msg = _("Window too small");
	char *need = xasprintf(_("at least %d×%d"), UI_MIN_COLS, UI_MIN_ROWS);
	int y = LINES / 2 - 1;
	int w1 = (int)text_width(msg), w2 = (int)text_width(need);
	ui_put(stdscr, y < 0 ? 0 : y, w1 < COLS ? (COLS - w1) / 2 : 0, COLS, msg, A_BOLD);
	if (y + 1 < LINES)
		ui_put(stdscr, y + 1, w2 < COLS ? (COLS - w2) / 2 : 0, COLS, need, A_NORMAL);
	free(need);
	wnoutrefresh(stdscr);
	curs_set(0);
}

static void draw(struct ui *ui)
{
	struct screen *sc = ui_top(ui);
	if (ui->too_small) {
		if (ui->all_dirty || (sc && sc->dirty))
			draw_too_small(ui);
		ui->all_dirty = 0;
		if (sc)
			sc->dirty = 0;
		doupdate();
		return;
	}
	if (!ui->all_dirty && !(sc && sc->dirty))
		return;
	ui->cur_win = NULL;
	draw_header(ui);
	if (sc) {
		werase(ui->body);
		sc->ops->draw(sc, ui->body);
		wnoutrefresh(ui->body);
		sc->dirty = 0;
	}
	draw_bar(ui);
	draw_status(ui); /* last: a prompt's cursor wins over the body's */
	if (ui->cur_win) {
		wmove(ui->cur_win, ui->cur_y, ui->cur_x);
		wnoutrefresh(ui->cur_win);
		curs_set(1);
	} else {
		curs_set(0);
	}
	ui->all_dirty = 0;
	doupdate();
}

/* ==== flags ==== */

static void reload_all(struct ui *ui)
{
	for (int i = 0; i < ui->depth; i++) {
		struct screen *sc = ui->stack[i];
		if (sc->ops->reload)
			sc->ops->reload(sc);
		sc->dirty = 1;
	}
	ui->all_dirty = 1;
}

static void apply(struct ui *ui, struct screen *sc, int flags)
{
	if (flags & UI_QUIT) {
		ui->quit = 1;
		return;
	}
	if (flags & UI_RELOAD_ALL)
		reload_all(ui);
	else if ((flags & UI_RELOAD) && sc->ops->reload)
		sc->ops->reload(sc);
	if (flags & (UI_REDRAW | UI_RELOAD | UI_RELOAD_ALL))
		sc->dirty = 1;
	if ((flags & UI_POP) && sc == ui_top(ui)) {
		if (ui->depth > 1)
			ui_pop(ui);
		else
			ui->quit = 1;
	}
}

/* ==== input ==== */

/* UTF-8 of a character into buf[8]. */
static const char *utf8_of(wint_t c, char *buf)
{
	uint32_t u = (uint32_t)c;
	if (u < 0x80) {
		buf[0] = (char)u;
		buf[1] = 0;
	} else if (u < 0x800) {
		buf[0] = (char)(0xc0 | (u >> 6));
		buf[1] = (char)(0x80 | (u & 0x3f));
		buf[2] = 0;
	} else if (u < 0x10000) {
		buf[0] = (char)(0xe0 | (u >> 12));
		buf[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (u & 0x3f));
		buf[3] = 0;
	} else {
		buf[0] = (char)(0xf0 | (u >> 18));
		buf[1] = (char)(0x80 | ((u >> 12) & 0x3f));
		buf[2] = (char)(0x80 | ((u >> 6) & 0x3f));
		buf[3] = (char)(0x80 | (u & 0x3f));
		buf[4] = 0;
	}
	return buf;
}

/* Read a bracketed paste up to its end marker (or a pause of a second). */
static char *read_paste(struct ui *ui)
{
	struct strbuf sb = {0};
	wtimeout(ui->input, 1000);
	for (;;) {
		wint_t c;
		int r = wget_wch(ui->input, &c);
		if (r == ERR)
			break;
		if (r == KEY_CODE_YES) {
			if (c == KEY_PASTE_END)
				break;
			if (c == KEY_ENTER)
				strbuf_addc(&sb, '\n');
			continue;
		}
		char u[8];
		strbuf_adds(&sb, c == '\r' ? "\n" : utf8_of(c, u));
	}
	wtimeout(ui->input, UI_TICK_MS);
	if (!sb.buf)
		strbuf_adds(&sb, "");
	return strbuf_detach(&sb);
}

/* 1 if the terminal went away (read error, hangup). */
static int terminal_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	if (poll(&p, 1, 0) < 0)
		return errno != EINTR;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static void generic_action(struct ui *ui, struct screen *sc, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_BACK:
		if (ui->depth > 1)
			ui_pop(ui);
		return;
	case ACT_QUIT:
		if (ui->depth > 1)
			ui_pop(ui);
		else
			ui->quit = 1;
		return;
	case ACT_REFRESH:
		reload_all(ui);
		clearok(curscr, TRUE);
		return;
	default:
		break;
	}
	for (const struct ui_global *g = ui_globals; g->act != ACT_NONE; g++)
		if (g->act == ev->act) {
			if (g->open)
				g->open(ui);
			else
				ui_error(ui, _("%s: not available yet"), action_help(ev->act));
			return;
		}
	(void)sc;
	if (ev->type == UI_EV_KEY && ev->act == ACT_NONE) {
		char name[32];
		keys_name(ev->fn, ev->code, name, sizeof name);
		ui_info(ui, _("The key %s does nothing here; press ? for help"), name);
	}
}

static void modal_key(struct ui *ui, const struct ui_event *ev)
{
	struct screen *sc = ui_top(ui);
	if (ui->modal == MODAL_CONFIRM) {
		int yes = ev->type == UI_EV_KEY && !ev->fn && (ev->code == 'y' || ev->code == 'Y');
		int (*fn)(struct screen *, void *) = ui->confirm_yes;
		void *ctx = ui->modal_ctx;
		ui->modal_ctx = NULL;
		modal_close(ui);
		if (yes)
			apply(ui, sc, fn(sc, ctx));
		else
			ui_info(ui, _("Cancelled"));
		free(ctx);
		return;
	}
	int r = editor_key(&ui->prompt, ev);
	ui->all_dirty = 1;
	if (r == ED_CANCEL) {
		modal_close(ui);
		ui_info(ui, _("Cancelled"));
		return;
	}
	if (r != ED_CONFIRM)
		return;
	char *cause = NULL;
	char *text = xstrdup(editor_text(&ui->prompt));
	ui_prompt_fn done = ui->prompt_done;
	void *ctx = ui->modal_ctx;
	free(ui->msg);
	ui->msg = NULL;
	int flags = done(sc, ctx, text, &cause);
	free(text);
	if (flags < 0) {
		/* The text stays in the prompt, the reason below it. */
		ui_error(ui, "%s", cause ? cause : _("Failed"));
		free(cause);
		return;
	}
	/* done() may have opened another prompt (a second question). */
	if (ui->modal == MODAL_PROMPT && ui->modal_ctx == ctx)
		modal_close(ui);
	apply(ui, sc, flags);
}

static void handle_event(struct ui *ui, struct ui_event *ev)
{
	struct screen *sc = ui_top(ui);
	/* A new key clears the last message (unless a prompt shows its error). */
	if (!ui->modal && ui->msg) {
		free(ui->msg);
		ui->msg = NULL;
		ui->all_dirty = 1;
	}
	if (ui->too_small)
		return;
	if (ui->modal) {
		modal_key(ui, ev);
		return;
	}
	ev->act =
	    ev->type == UI_EV_KEY ? keymap_lookup(top_keymap(ui), ev->fn, ev->code) : ACT_NONE;
	if (ui->readonly && (actions[ev->act].flags & AF_EDIT)) {
		readonly_refusal(ui, ev->act);
		return;
	}
	int flags = sc->ops->key ? sc->ops->key(sc, ev) : UI_UNHANDLED;
	if (flags & UI_UNHANDLED) {
		generic_action(ui, sc, ev);
		flags &= ~UI_UNHANDLED;
	}
	/* The screen may have pushed another; apply to the one that asked. */
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i] == sc) {
			apply(ui, sc, flags);
			break;
		}
}

static int poll_store(struct ui *ui)
{
	int64_t v = store_data_version(ui->store);
	if (v == ui->data_version)
		return 0;
	ui->data_version = v;
	reload_all(ui);
	return 1;
}

/* Benchmark hook (tests/bench/bench_typing.c, issue 4): with
 * $BIENBAN_KEY_TIMES naming a file, the microseconds from reading each key
 * to the end of its screen update are written there, one per line. */
static FILE *key_times;

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void loop(struct ui *ui)
{
	int fast_errors = 0;
	long long key_read = 0;
	while (!ui->quit && !got_signal) {
		long long now = now_ms();
		for (int i = 0; i < ui->depth; i++) {
			struct screen *sc = ui->stack[i];
			if (sc->ops->tick)
				apply(ui, sc, sc->ops->tick(sc, now));
		}
		if (ui->quit)
			break;
		draw(ui);
		if (key_times && key_read) {
			fprintf(key_times, "%lld\n", now_us() - key_read);
			key_read = 0;
		}
		wint_t c;
		long long before = now_ms();
		int r = wget_wch(ui->input, &c);
		if (r == ERR) {
			/* A timeout, a signal, or a terminal that is gone: a read
			 * that fails at once, again and again, is a hangup. */
			if (now_ms() - before < UI_TICK_MS / 3 && !got_signal) {
				if (terminal_gone() || ++fast_errors > 50)
					break;
			} else {
				fast_errors = 0;
			}
			poll_store(ui);
			continue;
		}
		fast_errors = 0;
		if (key_times)
			key_read = now_us();
		struct ui_event ev = {.type = UI_EV_KEY, .text = ""};
		char u[8];
		char *paste = NULL;
		if (r == KEY_CODE_YES) {
			if (c == KEY_RESIZE) {
				layout_windows(ui);
				clearok(curscr, TRUE);
				for (int i = 0; i < ui->depth; i++)
					ui->stack[i]->dirty = 1;
				ui->all_dirty = 1;
				continue;
			}
			if (c == KEY_PASTE_BEGIN) {
				paste = read_paste(ui);
				ev.type = UI_EV_PASTE;
				ev.text = paste;
			} else if (c == KEY_PASTE_END) {
				continue;
			} else {
				ev.fn = 1;
				ev.code = (int)c;
			}
		} else {
			ev.code = (int)c;
			ev.text = utf8_of(c, u);
		}
		handle_event(ui, &ev);
		free(paste);
		poll_store(ui);
	}
}

/* ==== start and end ==== */

/* "bienban: <message>" on stderr, control characters made visible. */
static void start_error(const char *fmt, ...) BB_PRINTF(1, 2);
static void start_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	char *vis = text_visible(msg, 1);
	fprintf(stderr, "bienban: %s\n", vis);
	free(vis);
	free(msg);
}

static int bracketed_paste_ok(void)
{
	const char *term = getenv("TERM");
	/* The Linux console and real VT100s do not know mode 2004. */
	return term && strncmp(term, "vt", 2) != 0 && strcmp(term, "linux") != 0;
}

static int start_curses(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		start_error("%s", _("the terminal interface needs a terminal (see bienban --help)"));
		return -1;
	}
	if (!getenv("ESCDELAY"))
		set_escdelay(50);
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		start_error(_("cannot use the terminal type '%s'"),
			  getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	/* XON/XOFF off: ^S would freeze the screen until ^Q (a secretary
	 * pressing ^S out of habit thinks the program hung), and the live
	 * screen binds ^S. def_prog_mode() makes ncurses keep it after ^Z. */
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		def_prog_mode();
	}
	intrflush(stdscr, FALSE);
	init_colors();
	/* Cursor keys in both modes: a terminal (or a multiplexer) that
	 * ignores the keypad-transmit mode sends the normal-mode forms. */
	static const struct {
		const char *seq;
		int key;
	} alt_keys[] = {
	    {"\033[A", KEY_UP},	   {"\033[B", KEY_DOWN}, {"\033[C", KEY_RIGHT},
	    {"\033[D", KEY_LEFT},  {"\033OA", KEY_UP},	 {"\033OB", KEY_DOWN},
	    {"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT}, {"\033[H", KEY_HOME},
	    {"\033[F", KEY_END},   {"\033OH", KEY_HOME}, {"\033OF", KEY_END},
	    {"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[Z", KEY_BTAB},
	};
	for (size_t i = 0; i < BB_ARRAY_LEN(alt_keys); i++)
		if (key_defined(alt_keys[i].seq) <= 0)
			define_key(alt_keys[i].seq, alt_keys[i].key);
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	if (bracketed_paste_ok()) {
		fputs("\033[?2004h", stdout);
		fflush(stdout);
	}
	return 0;
}

static void stop_curses(void)
{
	if (bracketed_paste_ok()) {
		fputs("\033[?2004l", stdout);
		fflush(stdout);
	}
	endwin();
}

static int open_store(const struct tui_start *st, struct store **out)
{
	char *path = st->db_path ? xstrdup(st->db_path) : store_default_path();
	char *cause = NULL;
	int flags = st->readonly ? STORE_READONLY : STORE_CREATE;
	int rc = store_open(out, path, flags, &cause);
	if (rc < 0) {
		start_error("%s", cause);
		free(cause);
	}
	free(path);
	return rc;
}

int tui_run(const struct tui_start *st)
{
	struct ui ui = {0};
	struct store *s;
	int64_t start_meeting = st->meeting;
	int start_live = st->live;
	if (open_store(st, &s) < 0)
		return 1;
	ui.store = s;
	ui.readonly = store_readonly(s);
	ui.readonly_asked = st->readonly;
	if (start_meeting > 0 && !store_meeting_exists(s, start_meeting)) {
		start_error(_("no meeting with id %lld (see bienban list)"),
			  (long long)start_meeting);
		store_close(s);
		return 1;
	}
	if (start_live && !ui_screens.live) {
		start_error("%s", _("live note taking is not available yet"));
		store_close(s);
		return 1;
	}
	if (start_curses() < 0) {
		store_close(s);
		return 1;
	}
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL); /* ^\: leave saving, not a core dump */
	layout_windows(&ui);
	ui.input = newpad(1, 1);
	keypad(ui.input, TRUE);
	wtimeout(ui.input, UI_TICK_MS);
	ui.data_version = store_data_version(s);
	ui_screens.home(&ui);
	if (start_meeting > 0) {
		if (start_live)
			ui_screens.live(&ui, start_meeting);
		else
			ui_screens.meeting(&ui, start_meeting);
	}
	if (getenv("BIENBAN_KEY_TIMES"))
		key_times = fopen(getenv("BIENBAN_KEY_TIMES"), "we");
	loop(&ui);
	if (key_times)
		fclose(key_times);
	/* Close every screen from the top: done() saves what it must. */
	if (ui.modal)
		modal_close(&ui);
	while (ui.depth > 0)
		screen_free(ui.stack[--ui.depth]);
	free(ui.stack);
	free(ui.msg);
	delwin(ui.hdr);
	delwin(ui.body);
	delwin(ui.status);
	delwin(ui.bar);
	delwin(ui.input);
	stop_curses();
	store_close(s);
	return 0;
}

/* ==== display names ==== */

const char *ui_status_name(enum meeting_status s)
{
	static const char *const n[] = {NC_("value", "draft"), NC_("value", "live"),
					NC_("value", "closed"), NC_("value", "approved")};
	return (unsigned)s < BB_ARRAY_LEN(n) ? C_(n[s]) : "?";
}

const char *ui_role_name(enum role r)
{
	static const char *const n[] = {NC_("value", "chair"), NC_("value", "secretary"),
					NC_("value", "delegate"), NC_("value", "guest"),
					NC_("value", "reporter")};
	return (unsigned)r < BB_ARRAY_LEN(n) ? C_(n[r]) : "?";
}

const char *ui_presence_name(enum presence p)
{
	static const char *const n[] = {NC_("value", "present"), NC_("value", "late"),
					NC_("value", "excused"), NC_("value", "absent")};
	return (unsigned)p < BB_ARRAY_LEN(n) ? C_(n[p]) : "?";
}

const char *ui_task_status_name(enum task_status s)
{
	static const char *const n[] = {NC_("value", "open"), NC_("value", "done"),
					NC_("value", "dropped")};
	return (unsigned)s < BB_ARRAY_LEN(n) ? C_(n[s]) : "?";
}

const char *ui_note_kind_name(enum note_kind k)
{
	static const char *const n[] = {NC_("value", "statement"), NC_("value", "report"),
					NC_("value", "question"),  NC_("value", "answer"),
					NC_("value", "proposal"),  NC_("value", "decision")};
	return (unsigned)k < BB_ARRAY_LEN(n) ? C_(n[k]) : "?";
}

const char *ui_time(const char *iso, char *buf, size_t size)
{
	int y, mo, d, h, mi;
	char tail;
	if (!iso) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) == 5)
		snprintf(buf, size, "%02d/%02d/%04d %02d:%02d", d, mo, y, h, mi);
	else if (sscanf(iso, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3)
		snprintf(buf, size, "%02d/%02d/%04d", d, mo, y);
	else
		snprintf(buf, size, "%s", iso);
	return buf;
}
