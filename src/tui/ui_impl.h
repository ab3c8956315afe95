/* ui_impl.h - the inside of the framework, shared by its files only
 * (ui.c: screens, messages, prompts, flags; ui_draw.c: styles and
 * drawing; ui_loop.c: keys, the main loop, start and end; ui_names.c:
 * display names). Screens use ui.h and never include this header. */
#ifndef BB_UI_IMPL_H
#define BB_UI_IMPL_H

#include <stdio.h>

#include "editor.h"
#include "ui.h"

/* Key codes for the bracketed paste markers (above every curses key). */
#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END (KEY_MAX + 2)

enum modal { MODAL_NONE, MODAL_CONFIRM, MODAL_PROMPT };

struct ui {
	struct store *store;
	const char *store_path; /* the store's file (tui_run's) */
	int readonly;
	int readonly_asked; /* --read-only, rather than an unwritable file */
	int upgraded_to; /* the schema store_open upgraded the store to, or 0 */
	struct screen **stack;
	int depth, cap;
	WINDOW *hdr, *body, *status, *bar;
	int status_rows; /* 1; more while a prompt's text wraps (ui_draw.c) */
	WINDOW *input; /* a pad: reading keys from it never refreshes anything */
	int too_small;
	int small_refused; /* a key was refused while too small: say so */
	int small_typed;   /* typing went on while too small: say where */
	int quit;
	int all_dirty;
	/* status line */
	char *msg;
	int msg_error;
	int text_kept; /* this key's failed write left its text where it was typed */
	/* a question or a prompt in the status line */
	enum modal modal;
	char *modal_label;
	size_t modal_answers; /* a question's label ends in its answers, "(Y/n)",
			       * this many bytes: they always show */
	char *modal_detail; /* a question's second row (ui_confirm_more), or NULL */
	char *confirm_no;   /* said when a question is declined, or NULL: "Cancelled" */
	int confirm_keys_only; /* only Enter and Esc answer: letters are typing */
	int quit_asked;	    /* the open question is a screen's ask_quit() */
	int quit_armed;	    /* ^C came while text was being typed: the next one ends */
	int ending;	    /* the program is leaving: the screens are being freed */
	char *exit_note;    /* said on the plain terminal once curses has ended */
	int (*confirm_yes)(struct screen *sc, void *ctx);
	ui_prompt_fn prompt_done;
	void *modal_ctx;
	struct editor prompt;
	/* where the terminal cursor goes after drawing */
	WINDOW *cur_win;
	int cur_y, cur_x;
	int64_t data_version;
	int tick_soon; /* ui_tick_soon(): the next key wait does not wait */
	int colors;
	/* Benchmark hook (tests/bench/bench_typing.c, issue 4): with
	 * $BIENBAN_KEY_TIMES naming a file, the microseconds from reading each
	 * key to the end of its screen update are written there, one a line. */
	FILE *key_times;
};

/* ==== ui.c: the stack, messages, prompts, flags ==== */
/* done() the screen and free it (not on the stack any more). */
void ui_screen_free(struct screen *sc);
/* "<action>: refused, ..." in the status line. */
void ui_readonly_refusal(struct ui *ui, enum action act);
/* Close the question or prompt of the status line. */
void ui_modal_close(struct ui *ui);
/* Before a key: forget the store's last failure (ui_busy_words). */
void ui_key_begins(struct ui *ui);
/* After it: an error of a write that found another program holding the
 * store's lock becomes calm words naming that program, and what to do. */
void ui_busy_words(struct ui *ui);
/* Every screen on the stack reloads and is drawn again. */
void ui_reload_all(struct ui *ui);
/* Act on the UI_* flags that screen sc returned. */
void ui_apply(struct ui *ui, struct screen *sc, int flags);

/* ==== ui_draw.c: styles, the windows, drawing ==== */
/* Colour pairs, if the terminal has colours (once, at start). */
void ui_init_colors(void);
/* Create or resize the header, body, status and key line windows. */
void ui_layout_windows(struct ui *ui);
/* The keymap chain keys are looked up in: the prompt's or the top screen's. */
const struct keymap *ui_top_keymap(struct ui *ui);
/* Draw what is dirty with wnoutrefresh, then one doupdate(). */
void ui_draw(struct ui *ui);

#endif
