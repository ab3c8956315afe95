/* live_queue.c - the live screen's saving path: every write the secretary
 * confirms (a note with Enter, a proposal, a directive, a late arrival, a
 * move, a note's correction or deletion)
 * goes into an ordered queue and is written at once if the store takes
 * it; if another writer holds the lock, or the disk is full, it waits in
 * the queue with its own time, speaker, kind and item, shown under the
 * notes, and is retried from the loop's ticks. No write waits for the
 * lock (store_set_nowait): a keystroke never blocks. Whatever waits is
 * also in a recovery file (store_unsaved.h), with the unfinished line, so
 * a kill -9 or a hangup loses nothing; leaving while something waits asks
 * first. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "live.h"
#include "store_unsaved.h"

#define BUSY_RETRY_MS 250 /* another writer: try again this often (a try costs nothing) */

struct live_queue {
	struct pending *p; /* in the order they were confirmed */
	size_t n;
	enum store_fail why; /* of the last failed try; NONE when all is written */
	char *cause;	     /* its words */
	char *holder;	     /* BUSY: who holds the lock (NULL: cannot tell) */
	long long retry_at;
	int waited;		   /* something had to wait: say so once it is saved */
	char *file;		   /* the recovery file as last written, or NULL */
	int file_failed;	   /* it could be written nowhere */
	char *file_line;	   /* the line it holds (NULL: none) */
	int file_dirty;		   /* the queue changed since it was written */
	unsigned refused;	   /* entries the store refused by a rule, so far */
	int told_stranded;	   /* said that the meeting was approved meanwhile */
	enum store_fail draft_why; /* the draft's last failure */
	char *draft_holder;
};

static struct live_queue *Q(const struct live *lv)
{
	return lv->q;
}

void live_queue_init(struct live *lv)
{
	lv->q = xcalloc(1, sizeof *lv->q);
	store_set_nowait(ui_store(lv->ui), 1);
}

int live_queue_has(const struct live *lv, enum pending_what what)
{
	for (size_t i = 0; i < live_queue_len(lv); i++)
		if (Q(lv)->p[i].what == what)
			return 1;
	return 0;
}

unsigned live_queue_refused(const struct live *lv)
{
	return Q(lv) ? Q(lv)->refused : 0;
}

size_t live_queue_len(const struct live *lv)
{
	return Q(lv) ? Q(lv)->n : 0;
}

const struct pending *live_queue_at(const struct live *lv, size_t i)
{
	return &Q(lv)->p[i];
}

/* ==== the recovery file ==== */

/* The unfinished line, when the store does not hold it: NULL if it does
 * (or there is none). */
static const char *unsaved_line(const struct live *lv)
{
	const char *text =
	    lv->mode == LM_EDIT ? (lv->stash ? lv->stash : "") : editor_text(&lv->line);
	if (!text[0] || !live_draft_dirty(lv))
		return NULL;
	return text;
}

/* Write (or remove) the recovery file: the queue and the line not in the
 * store. Only when either changed since the last write. */
void live_queue_persist(struct live *lv)
{
	struct live_queue *q = Q(lv);
	const char *line = q->n || lv->draft_failed ? unsaved_line(lv) : NULL;
	if (!q->file_dirty && str_eq(line, q->file_line) &&
	    (q->file || q->file_failed) == (q->n || line))
		return;
	size_t n = q->n + (line != NULL);
	struct pending *all = xcalloc(n ? n : 1, sizeof *all);
	if (q->n)
		memcpy(all, q->p, q->n * sizeof *all);
	if (line) {
		struct pending *l = &all[q->n];
		l->what = PENDING_LINE;
		now_iso_minute(l->at);
		l->item = lv->item;
		l->kind = lv->mode == LM_EDIT ? lv->stash_kind : lv->kind;
		l->who = (char *)(lv->mode == LM_EDIT ? lv->stash_speaker : lv->speaker);
		l->text = (char *)line;
	}
	char *where = NULL, *cause = NULL;
	int rc = store_unsaved_save(ui_store(lv->ui), lv->meeting, all, n, &where, &cause);
	free(all); /* the strings belong to the queue and the line */
	free(cause);
	free(q->file);
	q->file = where;
	q->file_failed = rc < 0;
	live_set_str(&q->file_line, line);
	q->file_dirty = rc < 0;
}

/* ==== writing ==== */

static void forget_failure(struct live_queue *q)
{
	q->why = STORE_FAIL_NONE;
	free(q->cause);
	free(q->holder);
	q->cause = q->holder = NULL;
}

static void free_members(struct pending *p)
{
	free(p->who);
	free(p->unit);
	free(p->text);
	free(p->due);
	memset(p, 0, sizeof *p);
}

/* A refused entry's text, in front of the unfinished line (the one put
 * aside while a correction is in the line). */
static void text_back(struct live *lv, const char *text)
{
	if (lv->mode == LM_EDIT) {
		char *back =
		    lv->stash && lv->stash[0] ? xasprintf("%s %s", text, lv->stash) : xstrdup(text);
		free(lv->stash);
		lv->stash = back;
		return;
	}
	const char *cur = editor_text(&lv->line);
	char *back = cur[0] ? xasprintf("%s %s", text, cur) : xstrdup(text);
	editor_set(&lv->line, back);
	free(back);
}

/* Write the queue in order until one is refused. UI_* flags. */
static int flush(struct live *lv)
{
	struct live_queue *q = Q(lv);
	struct store *s = ui_store(lv->ui);
	size_t done = 0;
	int flags = UI_OK;
	while (done < q->n) {
		struct pending *p = &q->p[done];
		char *cause = NULL;
		int64_t item = 0;
		/* The store's draft predates this note (drafts are saved only
		 * when nothing waits): empty it with the note, atomically. */
		int rc = store_pending_apply(s, lv->meeting, p, 1, &item, &cause);
		if (rc < 0 && store_last_failure(s) == STORE_FAIL_NONE && p->what == PENDING_NOTE &&
		    p->item) {
			/* Refused, not failed: its item went away meanwhile (deleted
			 * in another window). Under the current item, then. */
			free(cause);
			cause = NULL;
			p->item = 0;
			rc = store_pending_apply(s, lv->meeting, p, 1, &item, &cause);
		}
		if (rc < 0 && store_last_failure(s) == STORE_FAIL_NONE) {
			/* Refused by a rule (the meeting was approved meanwhile, the
			 * note corrected was deleted elsewhere...): trying again
			 * cannot help, and it must not hold up the rest. Said in
			 * words; the text of a note, a correction, a proposal or a
			 * directive goes back to the line (and so to the draft):
			 * nothing typed is lost. */
			if (p->text && p->what != PENDING_LINE) {
				ui_error(lv->ui, _("Not saved: %s (its text is back in the line)"),
					 cause ? cause : "?");
				text_back(lv, p->text);
			} else {
				ui_error(lv->ui, _("Not saved: %s"), cause ? cause : "?");
			}
			free(cause);
			q->refused++;
			free_members(p);
			done++;
			flags |= UI_REDRAW;
			continue;
		}
		if (rc < 0) {
			enum store_fail why = store_last_failure(s);
			free(q->cause);
			q->cause = cause ? cause : xstrdup("?");
			free(q->holder);
			q->holder = why == STORE_FAIL_BUSY ? store_lock_holder(s) : NULL;
			q->why = why;
			q->retry_at =
			    now_ms() + (why == STORE_FAIL_BUSY ? BUSY_RETRY_MS : RETRY_MS);
			q->waited = 1;
			flags |= UI_REDRAW;
			break;
		}
		if (p->what == PENDING_NOTE) {
			if (!lv->item)
				lv->item = item;
			lv->draft_known = 0; /* its text went with the note */
		}
		free_members(p);
		done++;
	}
	if (done) {
		memmove(q->p, q->p + done, (q->n - done) * sizeof *q->p);
		q->n -= done;
		q->file_dirty = 1;
		lv->rows_stale = 1;
		flags |= UI_RELOAD;
	}
	if (q->n == 0) {
		if (q->why != STORE_FAIL_NONE)
			flags |= UI_REDRAW;
		forget_failure(q);
		if (q->waited && done) {
			ui_info(lv->ui, "%s", _("Saved: everything typed is in the store now"));
			q->waited = 0;
		}
	}
	live_queue_persist(lv);
	return flags;
}

int live_queue_push(struct live *lv, struct pending *p)
{
	struct live_queue *q = Q(lv);
	q->p = xreallocarray(q->p, q->n + 1, sizeof *q->p);
	q->p[q->n++] = *p;
	memset(p, 0, sizeof *p);
	q->file_dirty = 1;
	lv->rows_stale = 1;
	/* Behind others that wait, it waits too (in order); else now. */
	if (q->n > 1 && q->why != STORE_FAIL_NONE) {
		live_queue_persist(lv);
		return UI_REDRAW;
	}
	return flush(lv) | UI_REDRAW;
}

int live_queue_tick(struct live *lv, long long now)
{
	struct live_queue *q = Q(lv);
	if (!q->n) {
		/* The line alone could not be saved as the draft: keep it in
		 * the file until it is. */
		if (lv->draft_failed || q->file)
			live_queue_persist(lv);
		return UI_OK;
	}
	if (now < q->retry_at)
		return UI_OK;
	/* A full disk costs a real try: not while the secretary types. */
	if (q->why != STORE_FAIL_BUSY && now - lv->last_key < RETRY_QUIET_MS)
		return UI_OK;
	int flags = flush(lv);
	/* While it waits, the line typed meanwhile goes into the file too. */
	if (q->n && now - lv->last_key >= DRAFT_IDLE_MS)
		live_queue_persist(lv);
	return flags;
}

void live_queue_draft_failed(struct live *lv)
{
	struct live_queue *q = Q(lv);
	struct store *s = ui_store(lv->ui);
	q->draft_why = store_last_failure(s);
	free(q->draft_holder);
	q->draft_holder = q->draft_why == STORE_FAIL_BUSY ? store_lock_holder(s) : NULL;
	if (q->draft_why == STORE_FAIL_BUSY)
		lv->retry_at = now_ms() + BUSY_RETRY_MS;
}

int live_unsaved(const struct live *lv)
{
	return live_queue_len(lv) > 0 || (lv->draft_failed && unsaved_line(lv));
}

/* "2 notes + the unfinished line" as words for the state line and the
 * questions. Allocated. */
static char *describe(size_t notes, size_t other, int line)
{
	struct strbuf sb = {0};
	if (notes)
		strbuf_addf(&sb, ngettext("%zu note", "%zu notes", notes), notes);
	if (other) {
		strbuf_adds(&sb, sb.len ? " + " : "");
		strbuf_addf(&sb, ngettext("%zu entry", "%zu entries", other), other);
	}
	if (line) {
		strbuf_adds(&sb, sb.len ? " + " : "");
		strbuf_adds(&sb, _("the unfinished line"));
	}
	if (!sb.buf)
		strbuf_adds(&sb, "");
	return strbuf_detach(&sb);
}

static char *what_waits(const struct live *lv)
{
	size_t notes = 0, other = 0;
	for (size_t i = 0; i < live_queue_len(lv); i++) {
		if (Q(lv)->p[i].what == PENDING_NOTE)
			notes++;
		else
			other++;
	}
	return describe(notes, other, unsaved_line(lv) && (lv->draft_failed || live_queue_len(lv)));
}

int live_queue_stranded(struct live *lv)
{
	struct live_queue *q = Q(lv);
	if (!q || !q->n || q->told_stranded || ui_readonly(lv->ui))
		return UI_OK;
	q->told_stranded = 1;
	q->file_dirty = 1;
	live_queue_persist(lv);
	char *what = what_waits(lv);
	ui_error(lv->ui,
		 _("The meeting was approved meanwhile: %s not saved, kept for 'bienban live' "
		   "once it is reopened, in %s"),
		 what, q->file ? q->file : _("memory only"));
	free(what);
	return UI_REDRAW;
}

char *live_save_state(const struct live *lv, int *alarm)
{
	const struct live_queue *q = Q(lv);
	*alarm = 0;
	if (!q)
		return NULL;
	enum store_fail why = q->n ? q->why : lv->draft_failed ? q->draft_why : STORE_FAIL_NONE;
	if (why == STORE_FAIL_NONE)
		return NULL;
	char *what = what_waits(lv);
	char *r;
	if (why == STORE_FAIL_BUSY) {
		const char *holder = q->n ? q->holder : q->draft_holder;
		r = holder
			? xasprintf(_("Waiting for %s: %s kept, saved when it is done"), holder,
				    what)
			: xasprintf(_("Waiting for another writer: %s kept, saved when it is done"),
				    what);
	} else {
		*alarm = 1;
		const char *cause = q->n ? q->cause : lv->fail_cause;
		r = q->file_failed || !q->file
			? xasprintf(_("NOT SAVED - retrying (%s): %s kept in memory"),
				    cause ? cause : "?", what)
			: xasprintf(_("NOT SAVED - retrying (%s): %s kept in %s"),
				    cause ? cause : "?", what, q->file);
	}
	free(what);
	return r;
}

/* ==== leaving ==== */

static int leave_yes(struct screen *sc, void *ctx)
{
	(void)sc;
	(void)ctx;
	return UI_POP;
}

static int quit_yes(struct screen *sc, void *ctx)
{
	(void)sc;
	(void)ctx;
	return UI_QUIT;
}

/* Leaving (quit: the program ends) while something is not saved: one more
 * try first, then ask. 0 when nothing is lost (leave now), 1 when asked. */
static int ask_leave(struct live *lv, int quit)
{
	struct live_queue *q = Q(lv);
	/* One more try first: often the other writer is done. */
	if (q->n)
		flush(lv);
	if (!q->n && live_draft_dirty(lv))
		live_draft_save(lv);
	if (!live_unsaved(lv))
		return 0;
	live_queue_persist(lv);
	char *what = what_waits(lv);
	/* The question on the status line, what the answers do on the key
	 * line below it: each fits 80 columns (the file's name may be cut). */
	char *question = xasprintf(_("Leave with %s not saved?"), what);
	char *detail =
	    q->file_failed
		? xstrdup(_("n keeps waiting; y leaves and loses it: it could not be kept "
			    "in a file either"))
		: xasprintf(_("n keeps waiting; y leaves, keeping it for the next "
			      "'bienban live' in %s"),
			    q->file ? q->file : "?");
	ui_confirm_more(lv->ui, question, detail, quit ? quit_yes : leave_yes, NULL);
	free(detail);
	free(question);
	free(what);
	return 1;
}

int live_leave(struct live *lv)
{
	return ask_leave(lv, 0) ? UI_REDRAW : UI_POP;
}

int live_ask_quit(struct live *lv)
{
	return ask_leave(lv, 1);
}

void live_queue_done(struct live *lv, int writable)
{
	struct live_queue *q = Q(lv);
	if (!q)
		return;
	/* The end (Esc, SIGHUP, SIGTERM, a lost terminal): a last try, the
	 * line saved as the draft, and whatever is left stays in the
	 * recovery file. */
	if (writable) {
		if (q->n)
			flush(lv);
		if (!q->n && live_draft_dirty(lv))
			live_draft_save(lv);
		q->file_dirty = 1;
		live_queue_persist(lv);
	}
	/* Kept under a name the next live screen of this process cannot
	 * take (also when the meeting was approved meanwhile). */
	if (q->file)
		store_unsaved_keep(q->file, lv->meeting, NULL);
	for (size_t i = 0; i < q->n; i++)
		free_members(&q->p[i]);
	free(q->p);
	free(q->cause);
	free(q->holder);
	free(q->draft_holder);
	free(q->file);
	free(q->file_line);
	free(q);
	lv->q = NULL;
}

/* ==== restoring what a process that is gone left ==== */

/* The files offered, in one block (the ui frees a question's ctx with
 * free()): n NUL-terminated paths one after the other. */
struct restore_ctx {
	size_t n;
	char paths[];
};

static int restore_yes(struct screen *sc, void *ctx)
{
	struct live *lv = sc->data;
	struct restore_ctx *c = ctx;
	struct live_queue *q = Q(lv);
	size_t notes = 0;
	const char *path = c->paths;
	for (size_t f = 0; f < c->n; f++, path += strlen(path) + 1) {
		struct pending *p = NULL;
		size_t n = 0;
		char *cause = NULL;
		if (store_unsaved_load(path, &p, &n, &cause) < 0) {
			ui_error(lv->ui, "%s", cause);
			free(cause);
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			if (p[i].what == PENDING_LINE) {
				/* The line comes back if ours is empty; else it is
				 * kept as a note rather than lost. */
				if (!editor_text(&lv->line)[0] && lv->mode == LM_LINE) {
					editor_set(&lv->line, p[i].text ? p[i].text : "");
					live_set_str(&lv->speaker, p[i].who);
					lv->kind = p[i].kind;
					continue;
				}
				p[i].what = PENDING_NOTE;
			}
			if (p[i].what == PENDING_NOTE)
				notes++;
			q->p = xreallocarray(q->p, q->n + 1, sizeof *q->p);
			q->p[q->n++] = p[i];
			memset(&p[i], 0, sizeof p[i]);
		}
		pending_free(p, n);
		/* Ours holds them now; the old file goes only once it does. */
		q->file_dirty = 1;
		live_queue_persist(lv);
		if (!q->file_failed)
			unlink(path);
	}
	int flags = flush(lv) | UI_REDRAW;
	if (!live_queue_len(lv))
		ui_info(lv->ui,
			ngettext("Restored: %zu note is in the store",
				 "Restored: %zu notes are in the store", notes),
			notes);
	return flags;
}

void live_queue_offer_restore(struct live *lv)
{
	char **paths = NULL;
	size_t n = 0;
	if (live_locked(lv) || store_unsaved_find(ui_store(lv->ui), lv->meeting, &paths, &n) < 0 ||
	    n == 0) {
		free(paths);
		return;
	}
	size_t notes = 0, other = 0, lines = 0, size = 0;
	for (size_t f = 0; f < n; f++) {
		struct pending *p = NULL;
		size_t k = 0;
		if (store_unsaved_load(paths[f], &p, &k, NULL) == 0)
			for (size_t i = 0; i < k; i++) {
				if (p[i].what == PENDING_LINE)
					lines++;
				else if (p[i].what == PENDING_NOTE)
					notes++;
				else
					other++;
			}
		pending_free(p, k);
		size += strlen(paths[f]) + 1;
	}
	struct restore_ctx *c = xcalloc(1, sizeof *c + size);
	c->n = n;
	char *at = c->paths;
	for (size_t f = 0; f < n; f++) {
		size_t l = strlen(paths[f]) + 1;
		memcpy(at, paths[f], l);
		at += l;
		free(paths[f]);
	}
	free(paths);
	char *what = describe(notes, other, lines > 0);
	char *question = xasprintf(_("Restore what was not saved last time (%s)?"), what);
	free(what);
	ui_confirm(lv->ui, question, restore_yes, c);
	free(question);
}
