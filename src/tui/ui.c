/* ui.c - the terminal interface framework: screens on a stack, the
 * status line's messages, questions and prompts, and the reaction flags
 * (ui_impl.h lists the framework's other files). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui_impl.h"

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

void ui_screen_free(struct screen *sc)
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
	ui_screen_free(ui->stack[--ui->depth]);
	/* The screen uncovered is read again: the one that was over it may
	 * have changed what it shows (the live screen ended the meeting, and
	 * the overview still said it was going on). */
	struct screen *top = ui->stack[ui->depth - 1];
	if (ui->store && top->ops->reload)
		top->ops->reload(top);
	top->dirty = 1;
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

void ui_tick_soon(struct ui *ui)
{
	ui->tick_soon = 1;
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

const char *ui_store_path(struct ui *ui)
{
	return ui->store_path;
}

int ui_ending(struct ui *ui)
{
	return ui->ending;
}

void ui_exit_note(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(ui->exit_note);
	ui->exit_note = xvasprintf(fmt, ap);
	va_end(ap);
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

void ui_text_kept(struct ui *ui)
{
	ui->text_kept = 1;
}

void ui_key_begins(struct ui *ui)
{
	ui->text_kept = 0;
	store_clear_failure(ui->store);
}

void ui_busy_words(struct ui *ui)
{
	int kept = ui->text_kept || ui->modal == MODAL_PROMPT;
	ui->text_kept = 0;
	if (store_last_failure(ui->store) != STORE_FAIL_BUSY || !ui->msg || !ui->msg_error)
		return;
	char *holder = store_lock_holder(ui->store);
	const char *who = holder ? holder : _("another writer");
	free(ui->msg);
	ui->msg = kept ? xasprintf(_("Kept; Enter tries again (waiting for %s)"), who)
		       : xasprintf(_("Not done; press the key again (waiting for %s)"), who);
	/* Not an alarm: nothing is lost. What to do first: a long holder's
	 * name may be cut at 80 columns. */
	ui->msg_error = ui->modal == MODAL_PROMPT;
	ui->all_dirty = 1;
	free(holder);
}

void ui_readonly_refusal(struct ui *ui, enum action act)
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
		ui_readonly_refusal(ui, ACT_NONE);
		return 1;
	}
	if (meeting <= 0)
		return 0;
	enum meeting_status st;
	char *cause = NULL;
	if (store_meeting_writable(ui->store, meeting, &st, &cause) < 0) {
		if (st == MS_APPROVED)
			ui_error(ui, _("Refused: this meeting is approved; reopen it with a reason "
				       "first (R in the meeting)"));
		else
			ui_error(ui, _("Refused: %s"), cause);
		free(cause);
		return 1;
	}
	return 0;
}

void ui_modal_close(struct ui *ui)
{
	if (ui->modal == MODAL_PROMPT)
		editor_done(&ui->prompt);
	free(ui->modal_ctx);
	free(ui->modal_label);
	free(ui->modal_detail);
	free(ui->confirm_no);
	ui->confirm_no = NULL;
	ui->modal_ctx = NULL;
	ui->modal_label = NULL;
	ui->modal_detail = NULL;
	ui->modal_answers = 0;
	ui->confirm_keys_only = 0;
	ui->quit_asked = 0;
	ui->modal = MODAL_NONE;
	ui->all_dirty = 1;
}

void ui_confirm(struct ui *ui, const char *question, int (*yes)(struct screen *sc, void *ctx),
		void *ctx)
{
	if (ui->modal)
		ui_modal_close(ui);
	ui->modal = MODAL_CONFIRM;
	/* TRANSLATORS: the answers a confirmation takes, the capital one
	 * being Enter's (Esc says no): the letters of the translations of
	 * "y" in the context "confirm: yes key" and of "n" ("(C/k)"). */
	ui->modal_label = xasprintf("%s %s", question, _("(Y/n)"));
	ui->modal_answers = strlen(_("(Y/n)"));
	ui->confirm_yes = yes;
	ui->modal_ctx = ctx;
	ui->all_dirty = 1;
}

void ui_confirm_typing(struct ui *ui, const char *question,
		       int (*yes)(struct screen *sc, void *ctx), void *ctx)
{
	ui_confirm(ui, question, yes, ctx);
	free(ui->modal_label);
	/* TRANSLATORS: the answers of a question asked while typing:
	 * Enter is yes, Esc no; letters go on into the text. */
	ui->modal_label = xasprintf("%s %s", question, _("(Enter/Esc)"));
	ui->modal_answers = strlen(_("(Enter/Esc)"));
	ui->modal_detail = xstrdup(_("Enter: yes · Esc: no · typing goes on where it was"));
	ui->confirm_keys_only = 1;
}

void ui_confirm_no_says(struct ui *ui, const char *said)
{
	if (ui->modal != MODAL_CONFIRM)
		return;
	free(ui->confirm_no);
	ui->confirm_no = xstrdup(said);
}

void ui_confirm_more(struct ui *ui, const char *question, const char *detail,
		     int (*yes)(struct screen *sc, void *ctx), void *ctx)
{
	ui_confirm(ui, question, yes, ctx);
	ui->modal_detail = detail ? xstrdup(detail) : NULL;
}

void ui_prompt(struct ui *ui, const char *label, const char *initial, ui_prompt_fn done, void *ctx)
{
	if (ui->modal)
		ui_modal_close(ui);
	ui->modal = MODAL_PROMPT;
	ui->modal_label = xstrdup(label);
	ui->prompt_done = done;
	ui->modal_ctx = ctx;
	editor_init(&ui->prompt, initial, 0);
	ui->all_dirty = 1;
}

void ui_prompt_preselect(struct ui *ui)
{
	if (ui->modal == MODAL_PROMPT)
		editor_preselect(&ui->prompt);
}

/* ==== flags ==== */

void ui_reload_all(struct ui *ui)
{
	for (int i = 0; i < ui->depth; i++) {
		struct screen *sc = ui->stack[i];
		if (sc->ops->reload)
			sc->ops->reload(sc);
		sc->dirty = 1;
	}
	ui->all_dirty = 1;
}

void ui_apply(struct ui *ui, struct screen *sc, int flags)
{
	if (flags & UI_QUIT) {
		ui->quit = 1;
		return;
	}
	if (flags & UI_RELOAD_ALL)
		ui_reload_all(ui);
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
