/* form.h - the form widget behind screen_form_open() and the meeting
 * overview: labelled fields, one per row, edited in place; an edit is
 * stored when confirmed (Enter, Tab, arrows) and an error keeps the text. */
#ifndef BB_FORM_H
#define BB_FORM_H

#include "editor.h"
#include "screens.h"

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
