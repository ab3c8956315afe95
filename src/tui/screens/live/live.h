/* live.h - the live note-taking screen's own contract, shared by its
 * files (src/tui/screens/live/): the screen's state (struct live) and what
 * each file offers the others.
 *   live.c          keymaps, loading, keys, the timer, open and done
 *   live_line.c     the note line: the draft, saving and correcting notes
 *   live_draw.c     drawing: the item, the clock, the notes, the line
 *   live_items.c    the meeting and its items: start, end, move, delete
 *   live_capture.c  the dialogs: speaker and late-arrival pickers, the
 *                   proposal and directive (owner type-ahead) captures
 *   live_outcomes.c a conclusion, the answer to a proposal, the panel of
 *                   the items carried over from the previous meeting
 *   live_speaker.c  the speaker and kind in force: the kind that fits a
 *                   speaker, the previous speaker, the item's presenter
 *   live_queue.c    the saving path: the ordered queue of confirmed writes
 *                   that wait for the store, the recovery file, leaving
 * A new capture dialog goes into live_capture.c (or a live_NAME.c of its
 * own), its key into live_binds[] in live.c. */
#ifndef BB_LIVE_H
#define BB_LIVE_H

#include <stdint.h>

#include "editor.h"
#include "screens.h"
#include "store_live.h"
#include "store_unsaved.h"

#define LIVE_NOTES 60	   /* notes of the item kept for display */
#define DRAFT_IDLE_MS 250  /* save the draft this long after the last key */
#define DRAFT_MAX_MS 700   /* and at least this often while typing goes on */
#define RETRY_MS 2000	   /* retry a failed write this often */
#define RETRY_QUIET_MS 800 /* but not while the secretary is typing */
#define LINE_ROWS 2	   /* rows of the note box at least (it grows to a third) */

enum live_mode {
	LM_LINE,   /* typing a new note */
	LM_SELECT, /* choosing an earlier note (Up) */
	LM_EDIT,   /* correcting the chosen note in the line */
};

/* One screen row of the notes. */
struct note_row {
	char *text;  /* visible, wrapped */
	size_t note; /* index into notes; SIZE_MAX: not a note to choose */
	int first;   /* the note's first row (starts with its time) */
	int label;   /* columns of its label to show as one ("Kết luận 2:") */
};

struct live {
	struct ui *ui;
	struct screen *sc;
	int64_t meeting;
	struct live_meeting *m; /* replaced on every reload */
	int64_t item;		/* the current item's id, 0 while there is none */
	int follow;		/* follow the store's current item (live meetings) */
	struct note *notes;	/* the last notes of the item, oldest first */
	size_t n_notes;
	struct proposal *props; /* the meeting's proposals: their answers show
				 * under the notes that raised them */
	size_t n_props;
	struct live_outcome *outs; /* the conclusions and directives so far:
				    * shown under the conclusions item */
	size_t n_outs;
	struct note_row *rows; /* the notes laid out for rows_width */
	size_t n_rows;
	size_t outs_from, outs_to; /* the conclusions' rows; SIZE_MAX: none */
	int rows_width, rows_stale;
	struct editor line;
	char *speaker;
	enum note_kind kind;
	int kind_set;	    /* the secretary chose the kind for this note */
	char *prev_speaker; /* the speaker before the last change (^_) */
	enum live_mode mode;
	size_t sel;	 /* LM_SELECT, LM_EDIT: index into notes */
	int64_t edit_id; /* LM_EDIT: the note being corrected */
	char *stash;	 /* LM_EDIT: the unfinished line, put aside */
	char *stash_speaker;
	enum note_kind stash_kind;
	int stash_kind_set;
	char *stash_prev; /* its prev_speaker */
	/* What the store holds as our draft (to save only changes). */
	int draft_known;
	char *saved_text, *saved_speaker;
	enum note_kind saved_kind;
	int64_t saved_item;
	long long last_key, first_unsaved;
	/* The draft's last save failed: shown until one succeeds, retried on a
	 * timer. Confirmed writes wait in q (live_queue.c). */
	int draft_failed;
	char *fail_cause;
	long long retry_at;
	struct live_queue *q;
	int minute;    /* minute of the day on screen */
	int closed_ok; /* adding notes to the closed meeting was confirmed */
};

/* The ctx of the delete question. */
struct note_ctx {
	struct live *lv;
	int64_t id;
};

/* What a picker of the live screen chooses. */
enum pick_what { PICK_SPEAKER, PICK_LATE, PICK_OWNER };

/* ==== live.c ==== */

/* Minutes since an ISO minute, or -1. */
int live_minutes_since(const char *iso);
/* "08:30" of "2023-04-12T08:30", or the text as it is. */
const char *live_hhmm(const char *iso);
/* 1 if nothing may be written: read-only store, no meeting, or approved. */
int live_locked(struct live *lv);
/* Index of the agenda item with that id in lv->m, or -1. */
int live_item_index(const struct live *lv, int64_t item);
/* Index of the item under which the conclusions and directives show, as
 * the minutes place them: the last item of kind conclusions, else the last
 * one titled "Kết luận …" of no kind set, else the last; -1 if none. */
int live_outcomes_item(const struct live *lv);
/* Say that a conclusion (0) or a directive (1) was saved, and under which
 * item it shows when that is not the current one. */
void live_outcome_saved(struct live *lv, int directive);
/* The attendee of that name (NULL name: none), or NULL. */
const struct attendee *live_attendee_by_name(const struct live *lv, const char *name);
/* Replace *dst with a copy of src (may be NULL). */
void live_set_str(char **dst, const char *src);
/* A write failed: keep cause (taken; NULL: "?") to show, retry in RETRY_MS. */
void live_set_failure(struct live *lv, char *cause);

/* ==== live_line.c ==== */

/* 1 if the line (text, speaker, kind, item) differs from the saved draft. */
int live_draft_dirty(const struct live *lv);
/* Save the draft now. 0, or -1 with the failure recorded. */
int live_draft_save(struct live *lv);
/* Enter on the line: the line becomes a note of the current item, stamped
 * now, written at once or queued (live_queue_push). UI_* flags. */
int live_save_note(struct live *lv);
/* Store the corrected note (or queue it, as a note is), then put the
 * unfinished line back. */
int live_save_edit(struct live *lv);
/* Correct notes[sel] in the line; the unfinished line is put aside. */
void live_begin_edit(struct live *lv);
/* Give up the correction: the unfinished line comes back. */
void live_cancel_edit(struct live *lv);

/* ==== live_draw.c ==== */

/* screen_ops.draw: the item and clock, the notes, the note line. */
void live_draw(struct screen *sc, WINDOW *w);

/* ==== live_items.c ==== */

/* ui_confirm yes: delete the note of ctx (a struct note_ctx). */
int live_delete_yes(struct screen *sc, void *ctx);
/* Go to the next (dir 1) or previous (-1) agenda item. UI_* flags. */
int live_move_item(struct live *lv, int dir);
/* A draft meeting becomes live, its start stamped. UI_* flags. */
int live_start_meeting(struct live *lv);
/* Ask to end a live meeting (refused while the line holds text). */
int live_end_meeting(struct live *lv);

/* ==== live_capture.c ==== */

/* The speaker or late-arrival picker, the line saved as a draft first. */
int live_open_picker(struct live *lv, enum pick_what what);
/* The capture prompts of a directive (1) or of a unit's proposal (0),
 * starting from the note line. UI_* flags. */
int live_capture_start(struct live *lv, int directive);

/* ==== live_queue.c ==== */

/* The queue of the screen, and no write that waits for the lock. */
void live_queue_init(struct live *lv);
/* Leaving: (writable) a last try, the draft, the recovery file; free. */
void live_queue_done(struct live *lv, int writable);
/* Queue a confirmed write (its members taken, *p zeroed) behind the others
 * and write what the store takes now. UI_* flags. */
int live_queue_push(struct live *lv, struct pending *p);
/* From tick(): try the waiting writes again when due. UI_* flags. */
int live_queue_tick(struct live *lv, long long now);
/* How many entries the store refused by a rule so far (their words were
 * shown; a text went back to the line). */
unsigned live_queue_refused(const struct live *lv);
/* Waiting writes, oldest first (to show them under the notes). */
size_t live_queue_len(const struct live *lv);
const struct pending *live_queue_at(const struct live *lv, size_t i);
/* 1 if an entry of that kind waits (a move: do not follow the store's
 * current item until it is written). */
int live_queue_has(const struct live *lv, enum pending_what what);
/* 1 while anything typed is not in the store. */
int live_unsaved(const struct live *lv);
/* Words for the line under the notes, or NULL when all is saved; *alarm
 * is set for a full disk or an error (not for another writer). */
char *live_save_state(const struct live *lv, int *alarm);
/* The meeting was approved while entries waited: they cannot be written
 * here; said once, and they stay in the recovery file. UI_* flags. */
int live_queue_stranded(struct live *lv);
/* Record why the draft could not be saved (after store_draft_save). */
void live_queue_draft_failed(struct live *lv);
/* Rewrite the recovery file if what it must hold changed. */
void live_queue_persist(struct live *lv);
/* Esc: leave, or ask first when something is not saved. UI_* flags. */
int live_leave(struct live *lv);
/* ^C, ^\ (screen_ops.ask_quit): 1 when it asked first, as live_leave. */
int live_ask_quit(struct live *lv);
/* At open: offer what a process that is gone left unsaved. */
void live_queue_offer_restore(struct live *lv);

/* ==== live_outcomes.c ==== */

/* A conclusion of the chair: the note line's text, confirmed in a prompt. */
int live_conclusion_start(struct live *lv);
/* The answer to a proposal: the last raised (or one chosen), its answer
 * and its status. */
int live_answer_start(struct live *lv);
/* The panel of what was carried over from the previous meeting. */
int live_carried_open(struct live *lv);

/* ==== live_speaker.c ==== */

/* The kind that fits a speaker under the current item: a unit's reporter
 * (or the unit) under a reports item ("Báo cáo ..."): report; otherwise
 * statement. */
enum note_kind live_fitting_kind(const struct live *lv, const char *speaker);
/* Make speaker (may be NULL) the one in force; the one before becomes the
 * previous speaker; the kind resets to what fits unless the secretary set
 * it for this note. */
void live_set_speaker(struct live *lv, const char *speaker);
/* The secretary sets the kind (kept across a change of speaker until the
 * note is saved). */
void live_set_kind(struct live *lv, enum note_kind kind);
/* Back to the previous speaker. UI_* flags. */
int live_prev_speaker(struct live *lv);
/* Moved to another item: its presenter (if any) becomes the speaker. */
void live_item_entered(struct live *lv);
/* Register the Alt-digit keys with curses (once). */
void live_define_keys(void);

#endif
