/* editor.h - the text field widget: single-line and multi-line editing by
 * grapheme cluster and display width (text.h, utf8proc). Vietnamese typed
 * precomposed or with combining marks moves and deletes as whole letters;
 * the buffer is kept NFC; a bracketed paste is one insertion.
 *
 * Keys (while a field has the keyboard): Left/Right; Home/^A to the start
 * of the screen row, a second press (already there) to the start of the
 * whole text; End/^E the same towards the end; Ctrl-Left/Alt-b and
 * Ctrl-Right/Alt-f a word back/forward (text_word_prev/next: Vietnamese
 * syllables, never inside a grapheme); Up/Down between lines of a
 * multi-line field; Backspace (KEY_BACKSPACE, 127 and 8), Del and ^D;
 * ^U and ^K delete to the start/end of the whole text, ^W and
 * Alt-Backspace the word before the cursor, Alt-d the word after it;
 * Enter confirms; Tab/Down (single-line)/Shift-Tab/Up confirm and move to
 * the next/previous field; Esc cancels; ^J inserts a line break in a
 * multi-line field. */
#ifndef BB_EDITOR_H
#define BB_EDITOR_H

#include <stddef.h>

#include "ui.h"

struct editor {
	struct strbuf buf; /* the text, UTF-8 NFC */
	size_t cur;	   /* cursor: byte offset on a grapheme boundary */
	int multiline;
	int wrap;     /* one line of text (no newlines, Up/Down leave it), drawn
		       * wrapped over the rows it is given: a prompt's long
		       * answer shows whole (editor_init sets 0) */
	int top;      /* multi-line: first visible wrapped line */
	int hscroll;  /* single-line: first visible column */
	int changed;  /* the text differs from the initial one */
	int width;    /* multi-line: columns of the last draw; Up/Down follow it */
	int selected; /* the whole text is selected (editor_preselect) */
};

/* What editor_key did with an event. */
enum editor_result {
	ED_IGNORED, /* not an editing key (the caller may use it) */
	ED_CHANGED, /* the text or the cursor changed: redraw */
	ED_CONFIRM, /* Enter: save */
	ED_NEXT,    /* Tab (or Down on a single line): save, go to the next field */
	ED_PREV,    /* Shift-Tab (or Up on a single line): save, previous field */
	ED_CANCEL,  /* Esc */
};

/* The keymap while a field has the keyboard (for the help screen and the
 * key line; the editor itself reads the key codes). No parent: letters
 * are text. */
extern const struct keymap keymap_editor;

void editor_init(struct editor *ed, const char *text, int multiline);
void editor_done(struct editor *ed);
/* Replace the whole text; cursor at the end. */
void editor_set(struct editor *ed, const char *text);
/* Select the whole (pre-filled) text, as forms do on entry: the first
 * printable key or paste replaces it, Backspace or Del deletes it, a
 * movement key keeps it for editing, Enter keeps it. Drawn reversed while
 * selected. */
void editor_preselect(struct editor *ed);
/* Insert UTF-8 at the cursor (control characters other than newline in a
 * multi-line field are dropped; newlines become spaces on a single line). */
void editor_insert(struct editor *ed, const char *text);
int editor_key(struct editor *ed, const struct ui_event *ev);
/* The text (NFC), not a copy: valid until the next editor call. */
const char *editor_text(const struct editor *ed);
/* Rows the text takes wrapped to width columns (at least 1), as drawn. */
int editor_rows(struct editor *ed, int width);
/* Draw into w at (y, x), width columns, height rows (1 for a single
 * line); with focus, places the terminal cursor (ui_set_cursor). */
void editor_draw(struct editor *ed, struct ui *ui, WINDOW *w, int y, int x, int width, int height,
		 int focus);

#endif
