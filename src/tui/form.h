/* form.h - the form widget behind screen_form_open() and the meeting
 * overview: labelled fields, one per row, edited in place; an edit is
 * stored when confirmed (Enter, Tab, arrows) and an error keeps the text. */
#ifndef BB_FORM_H
#define BB_FORM_H

#include "editor.h"
#include "ui.h"

/* ==== forms: a list of labelled fields edited in place ==== */

enum form_kind {
	FK_TEXT,      /* one line */
	FK_MULTILINE, /* wrapped text; ^J for a line break */
	FK_CHOICE,    /* Enter or Space cycles through choices */
	FK_READONLY,  /* shown, never edited */
};
struct form_field {
	const char *label; /* N_() */
	enum form_kind kind;
	int key; /* field id passed to get/set */
	/* FK_CHOICE: n_choices translated names come from choice_name(i). */
	int n_choices;
	const char *(*choice_name)(int i);
	const char *hint; /* N_(), shown dimmed when empty: "YYYY-MM-DDTHH:MM" */
};
struct form_ops {
	/* Current value of a field (allocated, may be NULL); FK_CHOICE as
	 * the decimal index. */
	char *(*get)(struct ui *ui, void *ctx, int key);
	/* Store a value (NFC text, or the choice index in decimal). 0, 1 when
	 * it said something itself (the form then does not say "Saved"), or
	 * -1 with cause: the error is shown and the text stays in the field. */
	int (*set)(struct ui *ui, void *ctx, int key, const char *value, char **cause);
	/* The meeting the form edits (for the approved check), or 0. */
	int64_t (*meeting)(void *ctx);
	/* Called before the fields are read again (load a row once rather
	 * than per field). Optional. */
	void (*prepare)(struct ui *ui, void *ctx);
	/* Free ctx when the form closes; NULL: free(). */
	void (*free_ctx)(void *ctx);
	/* A title that follows the record: title_fmt (N_(), one %s) with the
	 * value of the field title_key, made again after every save (the
	 * attendee form's "Attendee: {name}" once the name is corrected).
	 * NULL: the title screen_form_open was given stays. */
	const char *title_fmt;
	int title_key;
};
/* A screen with fields; Esc/q returns. ctx is freed with ops->free_ctx. */
int screen_form_open(struct ui *ui, const char *title, const struct form_field *fields,
		     size_t n_fields, const struct form_ops *ops, void *ctx);

struct formw {
	struct ui *ui;
	const struct form_field *fields;
	size_t n;
	const struct form_ops *ops;
	void *ctx;
	char **values; /* current values, from ops->get */
	size_t sel;
	int editing;
	struct editor ed;
	int top;
};

extern const struct keymap keymap_form;

void formw_init(struct formw *f, struct ui *ui, const struct form_field *fields, size_t n,
		const struct form_ops *ops, void *ctx);
void formw_done(struct formw *f);
/* Read every value again (after a reload). */
void formw_reload(struct formw *f);
void formw_draw(struct formw *f, WINDOW *w, int y0, int height, int width);
/* UI_* flags; UI_UNHANDLED for keys the form does not use. */
int formw_key(struct formw *f, const struct ui_event *ev);
/* Select the field with that key. */
void formw_select(struct formw *f, int key);

#endif
