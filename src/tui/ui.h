/* ui.h - the terminal interface framework: a stack of screens over one
 * store, a main loop that turns keys into actions, and the drawing rules.
 *
 * ==== How the loop works ====
 * Each turn: wait for a key with a timeout (UI_TICK_MS, no busy loop);
 * turn it into a struct ui_event (actions looked up in the top screen's
 * keymap chain; a bracketed paste arrives as ONE event); give it to the
 * top screen's key(); act on the returned flags; every turn poll
 * store_data_version() and, when another program (a secretary typing live)
 * committed, reload every screen on the stack; then draw what is dirty
 * into windows with wnoutrefresh and call doupdate() once. Nothing ever
 * calls clear() on a keystroke. SIGWINCH arrives as KEY_RESIZE; SIGHUP,
 * SIGTERM and SIGINT only set a flag; the loop then closes every screen
 * (done() saves what it must) and leaves — after asking, for ^C and ^\,
 * when a screen's ask_quit() has something to lose. Below UI_MIN_COLS x UI_MIN_ROWS
 * only a centred "window too small" message is drawn and keys wait.
 *
 * ==== Layout ====
 *   row 0          header: "bienban · <screen title>" and [read-only]
 *   rows 1..H-3    the body window, given to the top screen's draw()
 *   row H-2        status line: messages, errors, prompts, confirmations
 *   row H-1        key line, generated from the screen's keymap bar
 *
 * ==== How to add a screen ====
 *   1. src/tui/screens/screen_NAME.c (or a folder of its own when it
 *      grows, as src/tui/screens/live/ did, with a private NAME.h) with a
 *      `static const struct screen_ops` holding its name and callbacks
 *      (below), named NAME_key, NAME_draw, NAME_reload..., and a keymap
 *      (keys.h) whose parent is &keymap_generic; new actions go into
 *      BB_ACTIONS in keys.h (one line each, with help text). Add the file
 *      to meson.build (bbtui) and po/POTFILES.in.
 *   2. An opener `int screen_NAME_open(struct ui *ui, ...)` declared in
 *      src/tui/screens.h that allocates its state and calls ui_push().
 *      All its state lives in that allocation: no file-level variables.
 *   3. key() returns UI_* flags and never draws; draw() only draws into
 *      the window it gets (werase it first); reload() re-reads its rows
 *      from the store and finds its selection again by id (never keep
 *      model pointers across a reload).
 *   4. The framework (this header, ui*.c, the widgets) never names a
 *      screen: to open it from a global key (like / for search), bind the
 *      action in keymap_generic (src/tui/keys.c) and map the action to the
 *      opener in ui_globals[] (src/tui/ui_registry.c, registry.h); list
 *      its keymap in ui_keymaps[] there. To add a tab to the meeting
 *      screen, write src/tui/screens/screen_meeting_TAB.c with a struct
 *      meeting_tab_ops (screens.h; the list tabs share meeting_list.h)
 *      and add it to meeting_tabs[] in src/tui/ui_registry.c.
 *   5. Screen tests: tests/screens/NAME.script (tests/screens/run.sh).
 * Texts shown go through _() (i18n.h); stored text is drawn with
 * ui_put() which makes control characters visible. */
#ifndef BB_UI_H
#define BB_UI_H

#include <stdint.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "tui.h"
#include "keys.h"
#include "store.h"
#include "util.h"

#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16
#define UI_TICK_MS 300	    /* key wait: how often data_version and tick() are polled */
#define UI_IDLE_MAX_MS 1000 /* idle() runs at least this often while keys keep coming */

struct ui;
struct screen;

/* ==== events ==== */

enum ui_event_type {
	UI_EV_KEY,   /* a key: fn/code/act/text */
	UI_EV_PASTE, /* bracketed paste: text holds all of it (UTF-8) */
};

struct ui_event {
	enum ui_event_type type;
	int fn;		  /* 1: code is a curses KEY_* function key */
	int code;	  /* KEY_* when fn, else the character's Unicode value */
	enum action act;  /* bound in the top screen's keymap chain, or ACT_NONE */
	const char *text; /* UTF-8 of the typed character or of the paste; "" for fn keys */
	int alt;	  /* 1: Alt with the key (sent as ESC before it); act is ACT_NONE */
};

/* ==== reaction flags: what key(), reload() and tick() return ==== */

enum {
	UI_OK = 0,		/* handled, nothing to do */
	UI_REDRAW = 1 << 0,	/* draw this screen again */
	UI_RELOAD = 1 << 1,	/* re-read this screen from the store, then draw */
	UI_RELOAD_ALL = 1 << 2, /* every screen on the stack reloads (after an edit) */
	UI_POP = 1 << 3,	/* close this screen (done()) and show the one below */
	UI_QUIT = 1 << 4,	/* leave the program */
	UI_UNHANDLED = 1 << 5,	/* not this screen's key: the generic keys get it */
};

/* ==== screens ==== */

struct screen_ops {
	const char *name; /* "home", "meeting", "clusters", "help"...: tests, help */
	/* Current keymap (may change with the tab or mode). Required. */
	const struct keymap *(*keymap)(struct screen *sc);
	/* Draw into body (already sized; werase it first). Required. */
	void (*draw)(struct screen *sc, WINDOW *body);
	/* Handle an event; return UI_* flags. UI_UNHANDLED lets the generic
	 * keys (back, quit, help, refresh, global screens) have it. */
	int (*key)(struct screen *sc, const struct ui_event *ev);
	/* Re-read from the store; keep the selection by id. Optional. */
	int (*reload)(struct screen *sc);
	/* Called every loop turn (at least every UI_TICK_MS) with monotonic
	 * ms: clocks, drafts. Optional; returns UI_* flags. */
	int (*tick)(struct screen *sc, long long now_ms);
	/* Called after the screen was drawn when no key waits (and at least
	 * every UI_IDLE_MAX_MS while keys keep coming): work that writes,
	 * such as the live screen's draft, so that it never falls between a
	 * key and its screen update. Optional; returns UI_* flags. */
	int (*idle)(struct screen *sc, long long now_ms);
	/* Save what must be saved and free sc->data. Called on pop and when
	 * the program leaves (also on SIGHUP/SIGTERM). Optional. */
	void (*done)(struct screen *sc);
	/* 1: while the window is too small, key() still gets the typing keys
	 * (characters, Backspace, a paste; act ACT_NONE), so typing goes on
	 * blind into a text line (the live note line); any other key, and
	 * every key on a screen without it, is refused: the too-small message
	 * says so and the terminal beeps. */
	int types_when_small;
	/* The user asked the program to end (^C, ^\): 0 lets it end; 1 when
	 * the screen asked first (ui_confirm, whose yes returns UI_QUIT)
	 * because something would be lost. The same key again while that
	 * question shows ends it. Optional. */
	int (*ask_quit)(struct screen *sc);
	/* 1 while text typed on the screen is not in the store yet (a field
	 * being edited), 2 while it is but would be kept (the live screen's
	 * line, its draft), 3 for text that Enter does not save (a search):
	 * ^C then does not end the program at once, it says what a second one
	 * does (ui_loop.c, ask_quit). Optional. */
	int (*typing)(struct screen *sc);
};

struct screen {
	const struct screen_ops *ops;
	struct ui *ui;
	void *data;  /* the screen's own state */
	char *title; /* header text; set with screen_set_title() */
	int dirty;   /* needs draw() */
};

/* Push a new screen on top. data is the screen's state (ops->done frees
 * it). Returns the screen. The caller then does its first load; a screen
 * whose load failed should call ui_error() and return UI_POP from its
 * next key, or be popped with ui_pop(). */
struct screen *ui_push(struct ui *ui, const struct screen_ops *ops, void *data);
/* Close the top screen now (calls done()). Never pops the last one. */
void ui_pop(struct ui *ui);
/* The top screen. */
struct screen *ui_top(struct ui *ui);
/* Number of screens on the stack. */
int ui_depth(struct ui *ui);
/* Run the screens' tick() again as soon as this turn's screen is on the
 * terminal, without waiting UI_TICK_MS for a key: for work that must not
 * hold back what is drawn (the search screen counts its hits so). A key
 * already typed is still read first. */
void ui_tick_soon(struct ui *ui);
void screen_set_title(struct screen *sc, const char *fmt, ...) BB_PRINTF(2, 3);

/* ==== the program ==== */
/* tui_run (include/tui.h) opens the interface on the store named by the
 * command line (created if missing, unless --read-only); start_meeting > 0
 * opens that meeting on top of the home screen; with start_live, its live
 * note-taking screen (ui_screens.live in registry.h). */

struct store *ui_store(struct ui *ui);
/* The store's file name, also before the store is open. */
const char *ui_store_path(struct ui *ui);
/* 1 while the program is leaving (the screens' done() run then). */
int ui_ending(struct ui *ui);
/* A line to say on the terminal after the interface has ended (what a
 * screen kept on leaving); the last one said stands. */
void ui_exit_note(struct ui *ui, const char *fmt, ...) BB_PRINTF(2, 3);
/* 1 if the store is read-only (--read-only or not writable). */
int ui_readonly(struct ui *ui);

/* If edits are not allowed (read-only store; or meeting > 0 is approved),
 * show why in the status line and return 1; else 0. The loop already
 * refuses AF_EDIT actions on a read-only store before key() sees them,
 * so screens call this for the meeting check. */
int ui_edit_refused(struct ui *ui, int64_t meeting);

/* ==== the status line ==== */

/* A message in the status line until the next key. Text is translated by
 * the caller: ui_info(ui, _("Saved")); ui_error(ui, _("Cannot save: %s"), cause). */
void ui_info(struct ui *ui, const char *fmt, ...) BB_PRINTF(2, 3);
void ui_error(struct ui *ui, const char *fmt, ...) BB_PRINTF(2, 3);

/* No write of the interface waits for another program's lock (the store
 * runs with store_set_nowait): a write that finds it held fails at once.
 * The framework then turns the error the screen showed into calm words
 * naming the other writer ("Waiting for an import (process 4242): ...")
 * and what to do: a prompt keeps its text ("Enter tries again"); so does a
 * widget that calls ui_text_kept() after its write failed (a form field,
 * the live screen's correction); else "press the key again". The live
 * screen's notes do not fail: they wait in its queue (live_queue.c). */
void ui_text_kept(struct ui *ui);

/* Ask a yes/no question in the status line ("Delete item 2? (Y/n)"; in
 * Vietnamese "(C/k)"). If the user answers yes (Enter, or the language's
 * letter: y, c for có), yes(sc, ctx) runs and its flags are applied; any
 * other key (Esc, n, k) cancels. ctx is freed with free() afterwards (may be NULL). */
void ui_confirm(struct ui *ui, const char *question, int (*yes)(struct screen *sc, void *ctx),
		void *ctx);

/* The same with a second row, on the key line while it is asked, saying
 * what each answer does (a question that must fit 80 columns). */
void ui_confirm_more(struct ui *ui, const char *question, const char *detail,
		     int (*yes)(struct screen *sc, void *ctx), void *ctx);

/* Ask for one line of text in the status line, starting with initial. On
 * Enter, done(sc, ctx, text, &cause) runs: 0 closes the prompt; -1 shows
 * cause (allocated; freed by the ui) and keeps the text in the prompt.
 * Esc cancels. text is NFC. ctx is freed with free() when the prompt
 * closes. Returns the flags of done() through the loop. */
typedef int (*ui_prompt_fn)(struct screen *sc, void *ctx, const char *text, char **cause);
void ui_prompt(struct ui *ui, const char *label, const char *initial, ui_prompt_fn done, void *ctx);
/* Right after ui_prompt: the initial text is a proposal (a time, a date)
 * shown selected: typing replaces it, Enter keeps it, a movement key
 * keeps it for editing (editor_preselect). */
void ui_prompt_preselect(struct ui *ui);
/* What the open question says when it is declined, instead of
 * "Cancelled" (nothing was cancelled by a "not now"). */
/* The same, asked while text is being typed (leaving the live screen
 * with a note in its line): only Enter says yes and Esc no; any other
 * key, the yes and no letters too ("các" starts with the Vietnamese yes,
 * c), declines it and goes where it was typed. */
void ui_confirm_typing(struct ui *ui, const char *question,
		       int (*yes)(struct screen *sc, void *ctx), void *ctx);
void ui_confirm_no_says(struct ui *ui, const char *said);

/* ==== drawing ==== */

enum ui_style {
	ST_NORMAL,
	ST_HEADER,   /* top line */
	ST_SELECTED, /* the selected row */
	ST_KEYBAR,   /* bottom line */
	ST_KEY,	     /* a key name in the bottom line */
	ST_ERROR,    /* an error message */
	ST_INFO,     /* an information message */
	ST_DIM,	     /* secondary text: times, units, hints */
	ST_LABEL,    /* a field's label */
	ST_TAB,	     /* a tab name */
	ST_TAB_ACTIVE,
	ST_HEADING, /* a section heading inside a screen */
	ST_STATUS_DRAFT,
	ST_STATUS_LIVE,
	ST_STATUS_CLOSED,
	ST_STATUS_APPROVED,
	ST__COUNT
};
/* Attributes for a style: colour pairs when the terminal has colours,
 * else A_REVERSE/A_BOLD/A_UNDERLINE so monochrome stays readable. */
attr_t ui_attr(enum ui_style st);

/* Draw text at (y, x) in at most width columns with attr: control
 * characters made visible (text_visible), cut at a grapheme boundary
 * with "…" when too wide. Returns the columns used. */
int ui_put(WINDOW *w, int y, int x, int width, const char *text, attr_t attr);
/* Same, but a text too wide loses its middle (text_elide_middle): the
 * titles of one conference differ at their ends. */
int ui_put_middle(WINDOW *w, int y, int x, int width, const char *text, attr_t attr);
/* Same as ui_put, then pad with spaces (in attr) to exactly width columns. */
void ui_put_fill(WINDOW *w, int y, int x, int width, const char *text, attr_t attr);
/* text wrapped at word ends to width columns over at most rows rows from
 * (y, x); the rows used. *end_x (may be NULL) gets the column after the
 * last row's text. */
int ui_put_wrapped(WINDOW *w, int y, int x, int width, int rows, const char *text, attr_t attr,
		   int *end_x);
/* A selected row's text in full under a list: a rule at row y - 1, then
 * the text wrapped over at most rows rows from y, one column in from each
 * side; when it needs more, the last row holds the rest cut with "…". */
void ui_put_detail(WINDOW *w, int y, int rows, int width, const char *text, attr_t attr);
/* Put the terminal cursor at (y, x) of w once this turn's drawing is done
 * (for a text field); without a call this turn, the cursor is hidden. */
void ui_set_cursor(struct ui *ui, WINDOW *w, int y, int x);

/* Translated display name of an enum value (for lists and forms). */
const char *ui_status_name(enum meeting_status s);
const char *ui_role_name(enum role r);
const char *ui_presence_name(enum presence p);
const char *ui_task_status_name(enum task_status s);
const char *ui_note_kind_name(enum note_kind k);
/* An agenda item's kind as shown (IK_AUTO: "from the title"). */
const char *ui_item_kind_name(enum item_kind k);

/* Display form of an ISO time: "2023-04-12T08:00" -> "12/04/2023 08:00",
 * "2023-04-12" -> "12/04/2023"; other text is returned as is. Into buf. */
const char *ui_time(const char *iso, char *buf, size_t size);

#endif
