/* form.c - labelled fields edited in place, and the form screen. */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "text.h"

static const struct keybind form_binds[] = {
    KCH('\r', ACT_EDIT), KFN(KEY_ENTER, ACT_EDIT), KCH('e', ACT_EDIT),
    KCH(' ', ACT_CYCLE), KCH('q', ACT_BACK),
};
static const enum action form_bar[] = {ACT_EDIT, ACT_BACK};
const struct keymap keymap_form =
    KEYMAP("form", N_("Editing a record"), form_binds, form_bar, &keymap_generic);

void formw_init(struct formw *f, struct ui *ui, const struct form_field *fields, size_t n,
		const struct form_ops *ops, void *ctx)
{
	memset(f, 0, sizeof *f);
	f->ui = ui;
	f->fields = fields;
	f->n = n;
	f->ops = ops;
	f->ctx = ctx;
	f->values = xcalloc(n, sizeof *f->values);
	formw_reload(f);
}

static void free_values(struct formw *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->values[i]);
		f->values[i] = NULL;
	}
}

void formw_done(struct formw *f)
{
	if (f->editing)
		editor_done(&f->ed);
	free_values(f);
	free(f->values);
}

void formw_reload(struct formw *f)
{
	free_values(f);
	if (f->ops->prepare)
		f->ops->prepare(f->ui, f->ctx);
	for (size_t i = 0; i < f->n; i++)
		f->values[i] = f->ops->get(f->ui, f->ctx, f->fields[i].key);
}

void formw_select(struct formw *f, int key)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->fields[i].key == key)
			f->sel = i;
}

static int label_width(struct formw *f, int width)
{
	int lw = 0;
	for (size_t i = 0; i < f->n; i++) {
		int w = (int)text_width(_(f->fields[i].label));
		if (w > lw)
			lw = w;
	}
	/* At most two fifths of the width: the settings' longest Vietnamese
	 * label ("Thông báo: chức vụ người ký", 27 columns) whole at 80. */
	lw += 3;
	return lw > width * 2 / 5 ? width * 2 / 5 : lw;
}

static const char *shown_value(struct formw *f, size_t i)
{
	const struct form_field *fd = &f->fields[i];
	const char *v = f->values[i];
	if (fd->kind == FK_CHOICE) {
		int idx = v ? atoi(v) : 0;
		return idx >= 0 && idx < fd->n_choices ? fd->choice_name(idx) : "";
	}
	return v ? v : "";
}

void formw_draw(struct formw *f, WINDOW *w, int y0, int height, int width)
{
	int lw = label_width(f, width);
	int edit_rows = f->editing && f->fields[f->sel].kind == FK_MULTILINE ? 6 : 1;
	/* Keep the selected field (and its editor) on screen. */
	if ((int)f->sel < f->top)
		f->top = (int)f->sel;
	while ((int)f->sel - f->top + edit_rows > height && f->top < (int)f->sel)
		f->top++;
	int y = y0;
	for (size_t i = (size_t)f->top; i < f->n && y < y0 + height; i++) {
		const struct form_field *fd = &f->fields[i];
		int sel = i == f->sel;
		attr_t la = sel ? ui_attr(ST_SELECTED) : ui_attr(ST_LABEL);
		ui_put_fill(w, y, 0, lw, "", la);
		ui_put(w, y, 1, lw - 2, _(fd->label), la);
		int vx = lw + 1, vw = width - vx - 1;
		if (sel && f->editing) {
			int rows = fd->kind == FK_MULTILINE ? edit_rows : 1;
			if (y + rows > y0 + height)
				rows = y0 + height - y;
			editor_draw(&f->ed, f->ui, w, y, vx, vw, rows, 1);
			y += rows;
			continue;
		}
		const char *v = shown_value(f, i);
		if (!*v && fd->hint)
			ui_put(w, y, vx, vw, _(fd->hint), ui_attr(ST_DIM));
		else if (fd->kind == FK_READONLY)
			ui_put(w, y, vx, vw, v, ui_attr(ST_DIM));
		else
			ui_put(w, y, vx, vw, v, A_NORMAL);
		y++;
	}
}

/* Store the editor's text into the selected field. 0 when stored (or
 * unchanged), -1 when the store refused it (the message is shown). */
static int commit(struct formw *f)
{
	const struct form_field *fd = &f->fields[f->sel];
	const char *text = editor_text(&f->ed);
	const char *old = f->values[f->sel] ? f->values[f->sel] : "";
	if (strcmp(text, old) == 0) {
		editor_done(&f->ed);
		f->editing = 0;
		return 0;
	}
	char *cause = NULL;
	int rc = f->ops->set(f->ui, f->ctx, fd->key, text, &cause);
	if (rc < 0) {
		ui_error(f->ui, _("Not saved: %s"), cause ? cause : "?");
		ui_text_kept(f->ui); /* the text stays in the field */
		free(cause);
		return -1;
	}
	editor_done(&f->ed);
	f->editing = 0;
	if (rc == 0)
		ui_info(f->ui, _("Saved: %s"), _(fd->label));
	formw_reload(f);
	return 0;
}

static int refused(struct formw *f)
{
	int64_t m = f->ops->meeting ? f->ops->meeting(f->ctx) : 0;
	return ui_edit_refused(f->ui, m);
}

/* Open the selected text field in the editor (a one-line value selected,
 * as in the forms people know: typing replaces it, Enter keeps it). */
static void open_editor(struct formw *f)
{
	const struct form_field *fd = &f->fields[f->sel];
	editor_init(&f->ed, f->values[f->sel], fd->kind == FK_MULTILINE);
	if (fd->kind != FK_MULTILINE)
		editor_preselect(&f->ed);
	f->editing = 1;
}

/* Tab (dir +1) or Shift-Tab (-1) after a field was saved: on to the next
 * field that can be typed into, skipping read-only ones, and open it, so
 * that what is typed next goes into that field and is never taken as
 * commands of the screen. A choice is only selected (Space cycles it);
 * past the last field the selection stays. */
static void tab_to(struct formw *f, int dir)
{
	size_t i = f->sel;
	for (;;) {
		if ((dir > 0 && i + 1 >= f->n) || (dir < 0 && i == 0))
			return;
		i = dir > 0 ? i + 1 : i - 1;
		if (f->fields[i].kind != FK_READONLY)
			break;
	}
	f->sel = i;
	if (f->fields[i].kind == FK_CHOICE)
		return;
	open_editor(f);
}

int formw_key(struct formw *f, const struct ui_event *ev)
{
	if (f->editing) {
		switch (editor_key(&f->ed, ev)) {
		case ED_CONFIRM:
			commit(f);
			return UI_RELOAD_ALL;
		case ED_NEXT:
			if (commit(f) == 0)
				tab_to(f, +1);
			return UI_RELOAD_ALL;
		case ED_PREV:
			if (commit(f) == 0)
				tab_to(f, -1);
			return UI_RELOAD_ALL;
		case ED_CANCEL:
			editor_done(&f->ed);
			f->editing = 0;
			ui_info(f->ui, "%s", _("Edit cancelled"));
			return UI_REDRAW;
		default:
			return UI_REDRAW;
		}
	}
	const struct form_field *fd = f->n ? &f->fields[f->sel] : NULL;
	switch (ev->act) {
	case ACT_UP:
		if (f->sel > 0)
			f->sel--;
		return UI_REDRAW;
	case ACT_DOWN:
		if (f->sel + 1 < f->n)
			f->sel++;
		return UI_REDRAW;
	case ACT_FIRST:
		f->sel = 0;
		return UI_REDRAW;
	case ACT_LAST:
		f->sel = f->n ? f->n - 1 : 0;
		return UI_REDRAW;
	case ACT_EDIT:
	case ACT_CYCLE:
		if (!fd)
			return UI_OK;
		if (fd->kind == FK_READONLY) {
			ui_info(f->ui, "%s",
				fd->hint ? _(fd->hint) : _("This field cannot be edited here"));
			return UI_REDRAW;
		}
		if (refused(f))
			return UI_REDRAW;
		if (fd->kind == FK_CHOICE) {
			int idx = f->values[f->sel] ? atoi(f->values[f->sel]) : 0;
			char v[16];
			snprintf(v, sizeof v, "%d", (idx + 1) % fd->n_choices);
			char *cause = NULL;
			if (f->ops->set(f->ui, f->ctx, fd->key, v, &cause) < 0) {
				ui_error(f->ui, _("Not saved: %s"), cause ? cause : "?");
				free(cause);
				return UI_REDRAW;
			}
			formw_reload(f);
			/* Enter steps to the next choice: say what it is now, and
			 * that Enter goes on. */
			ui_info(f->ui, _("Saved: %s: %s (Enter: the next one)"), _(fd->label),
				shown_value(f, f->sel));
			return UI_RELOAD_ALL;
		}
		if (ev->act == ACT_CYCLE)
			return UI_OK;
		open_editor(f);
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

/* ==== the form screen ==== */

struct form_screen {
	struct formw f;
	void *ctx;
};

static void fs_draw(struct screen *sc, WINDOW *w)
{
	struct form_screen *fs = sc->data;
	formw_draw(&fs->f, w, 1, getmaxy(w) - 1, getmaxx(w));
}

static int fs_key(struct screen *sc, const struct ui_event *ev)
{
	struct form_screen *fs = sc->data;
	return formw_key(&fs->f, ev);
}

/* The title from the record as it is now (form_ops.title_fmt). */
static void fs_title(struct screen *sc, struct form_screen *fs)
{
	const struct formw *f = &fs->f;
	if (!f->ops->title_fmt)
		return;
	for (size_t i = 0; i < f->n; i++)
		if (f->fields[i].key == f->ops->title_key && f->values[i])
			screen_set_title(sc, _(f->ops->title_fmt), f->values[i]);
}

static int fs_reload(struct screen *sc)
{
	struct form_screen *fs = sc->data;
	if (!fs->f.editing) {
		formw_reload(&fs->f);
		fs_title(sc, fs);
	}
	return UI_REDRAW;
}

static const struct keymap *fs_keymap(struct screen *sc)
{
	struct form_screen *fs = sc->data;
	return fs->f.editing ? &keymap_editor : &keymap_form;
}

static void fs_done(struct screen *sc)
{
	struct form_screen *fs = sc->data;
	if (fs->f.ops->free_ctx)
		fs->f.ops->free_ctx(fs->ctx);
	else
		free(fs->ctx);
	formw_done(&fs->f);
	free(fs);
}

static int fs_typing(struct screen *sc)
{
	struct form_screen *fs = sc->data;
	return fs->f.editing;
}

static const struct screen_ops form_ops = {
    .name = "form",
    .keymap = fs_keymap,
    .draw = fs_draw,
    .key = fs_key,
    .reload = fs_reload,
    .done = fs_done,
    .typing = fs_typing,
};

int screen_form_open(struct ui *ui, const char *title, const struct form_field *fields,
		     size_t n_fields, const struct form_ops *ops, void *ctx)
{
	struct form_screen *fs = xcalloc(1, sizeof *fs);
	fs->ctx = ctx;
	formw_init(&fs->f, ui, fields, n_fields, ops, ctx);
	struct screen *sc = ui_push(ui, &form_ops, fs);
	screen_set_title(sc, "%s", title);
	return 0;
}
