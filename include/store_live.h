/* store_live.h - live note taking in the store: the meeting's progress
 * (start, agenda item stamps, end), timestamped notes under the current
 * item, corrections with the change log, late arrivals, proposals and
 * directives captured on the fly, and the secretary's unfinished note line
 * (draft). Every write is one short BEGIN IMMEDIATE transaction. Functions
 * return 0 on success and -1 with an allocated message in *cause. */
#ifndef BB_STORE_LIVE_H
#define BB_STORE_LIVE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "store.h"


/* ==== what the live screen shows ==== */

struct live_item {
	int64_t id;
	char *title, *presenter;
	char *started_at, *ended_at; /* ISO minutes, NULL until stamped */
	int n_notes;
	enum item_kind kind; /* as the secretary set it; IK_AUTO: from the title */
};

struct live_meeting {
	int64_t id;
	char *title;
	enum meeting_status status;
	char *starts_at, *ends_at;
	int period_key; /* year * 10 + quarter of its period (20271: I/2027); 0 if none */
	struct live_item *items;
	size_t n_items;
	size_t current; /* index of the current item (see store_live_load) */
	struct attendee *attendees;
	size_t n_attendees;
	char **units; /* speaker choices besides people: attendee and cluster units */
	size_t n_units;
};
/* Free it and all it holds; NULL is a no-op. */
void live_meeting_free(struct live_meeting *m);

/* Load what the live screen needs. The current item is the last one that
 * was started and not ended; else the first never started; else the last.
 * A meeting without agenda items has n_items 0 (store_live_note_add
 * creates LIVE_DEFAULT_ITEM). *out is allocated. */
int store_live_load(struct store *s, int64_t meeting, struct live_meeting **out, char **cause);

/* The last `limit` notes of an item, oldest first (limit <= 0: all).
 * *notes is allocated; free with live_notes_free. */
int store_live_notes(struct store *s, int64_t item, int limit, struct note **notes, size_t *n,
		     char **cause);
/* Free n notes from store_live_notes and the array. */
void live_notes_free(struct note *notes, size_t n);

/* ==== progress of the meeting ==== */

/* Start the meeting: a draft becomes live (store_meeting_set_status, so the
 * transition is in the change log) and starts_at is stamped with
 * the current minute (the actual start replaces the planned one, because
 * the minutes record when the meeting opened); `item` (0: the current
 * one) is stamped started if it never was. A live meeting only gets the
 * item stamp; a closed one is left as it is (notes added to it go to the
 * change log). */
int store_live_start(struct store *s, int64_t meeting, int64_t item, char **cause);
/* The same, stamped at `at` (an ISO minute: when the key was pressed, for
 * a start that waited for the store); NULL: now. */
int store_live_start_at(struct store *s, int64_t meeting, int64_t item, const char *at,
			char **cause);

/* Move from item `from` to item `to` of the same meeting: `from` gets
 * ended_at = now, `to` gets started_at = now if it never started and its
 * ended_at cleared (it is running again). Only stamps while the meeting
 * is live; otherwise it does nothing (moving is just looking). */
int store_live_move(struct store *s, int64_t meeting, int64_t from, int64_t to, char **cause);
/* The same, stamped at `at` (an ISO minute: when the key was pressed, for
 * a move that waited for the store); NULL: now. */
int store_live_move_at(struct store *s, int64_t meeting, int64_t from, int64_t to, const char *at,
		       char **cause);

/* End the meeting: the running item and the meeting get ended_at/ends_at
 * = now and the status becomes closed (store_meeting_set_status, logged).
 * Only from live. */
int store_live_end(struct store *s, int64_t meeting, char **cause);
/* The same, stamped at `at` (NULL: now). */
int store_live_end_at(struct store *s, int64_t meeting, const char *at, char **cause);

/* ==== notes ==== */

struct live_note {
	int64_t item;	     /* agenda item; 0: the meeting's current item */
	const char *speaker; /* NULL or "" for none */
	enum note_kind kind;
	const char *text; /* required, not blank */
	const char *at;	  /* ISO minute it was confirmed (a queued note); NULL: now */
};

/* Add a note stamped with n->at (else the current minute) at the end of
 * its item. If
 * the meeting has no agenda item, LIVE_DEFAULT_ITEM is created. When
 * clear_draft is set, the caller's draft for the meeting is deleted in the
 * same transaction, so a confirmed note never comes back as a draft.
 * Added to a closed meeting, the note is logged. *id (if not NULL) gets
 * the note's id and *item (if not NULL) its item. Refused for an approved
 * meeting or a read-only store. */
int store_live_note_add(struct store *s, int64_t meeting, const struct live_note *n,
			int clear_draft, int64_t *id, int64_t *item, char **cause);

/* Correct a note's speaker, kind and text (text required). Logged with
 * the old and new value unless the meeting is a draft; refused when it is
 * approved. */
int store_live_note_edit(struct store *s, int64_t note, const char *speaker, enum note_kind kind,
			 const char *text, char **cause);

/* Delete a note (logged with its old value unless the meeting is a draft;
 * refused when approved). "no note with id N" if unknown. */
int store_live_note_delete(struct store *s, int64_t note, char **cause);

/* ==== people and outcomes ==== */

/* Mark an attendee as arrived late at `at` (ISO minute; NULL: now).
 * Logged unless the meeting is a draft. */
int store_live_late(struct store *s, int64_t attendee, const char *at, char **cause);

/* Capture a proposal raised under n->item (0: the current one, created
 * if the meeting has none) by n->speaker (may be NULL) for a unit (NULL:
 * the speaker's unit, or the speaker): a note of kind proposal (n->kind is
 * ignored) stamped n->at (NULL: now) at the end of the item, and the
 * proposal linked to it (one thing: see db/006_proposal_notes.sql), in one
 * transaction. clear_draft as for store_live_note_add. *id (if not NULL)
 * receives the proposal's id. While the meeting is live the addition is
 * the recording itself: not logged (a closed meeting logs it). */
int store_live_proposal_add(struct store *s, int64_t meeting, const struct live_note *n,
			    const char *unit, int clear_draft, int64_t *id, char **cause);

/* The meeting's proposals, in the order they were raised (by their note's
 * time, then their order; item_index the index of their item among the
 * meeting's items in order, -1 if none; note_id set). *out allocated;
 * free with live_proposals_free. */
int store_live_proposals(struct store *s, int64_t meeting, struct proposal **out, size_t *n,
			 char **cause);
void live_proposals_free(struct proposal *p, size_t n);

/* The chair's answer to a proposal (may be NULL: none) and its status; a
 * done or dropped proposal is settled in its own meeting. Logged only
 * once the meeting is closed, as additions are. Answered anew, the answer
 * note of the meeting that held the old answer takes the new one
 * (*renoted = 1, may be NULL): an answer is one note, printed once. */
int store_live_proposal_answer(struct store *s, int64_t proposal, const char *answer,
			       enum task_status status, int *renoted, char **cause);

/* Append a conclusion of the chair to the meeting's ordered conclusions.
 * Logged as above. */
int store_live_conclusion_add(struct store *s, int64_t meeting, const char *text, int64_t *id,
			      char **cause);

/* What the chair concluded and directed so far, as the minutes list it:
 * the conclusions in order, then the directives in order (owner and due,
 * ISO, may be NULL). *out allocated; free with live_outcomes_free. */
struct live_outcome {
	int directive;
	char *text, *owner, *due;
};
int store_live_outcomes(struct store *s, int64_t meeting, struct live_outcome **out, size_t *n,
			char **cause);
void live_outcomes_free(struct live_outcome *o, size_t n);

/* Capture a directive: text, owner (may be NULL), due date (may be NULL;
 * 2023-06-30 or 30/06/2023 through store_parse_date, stored ISO; a day
 * that does not exist is refused with a message). Logged as above. */
int store_live_directive_add(struct store *s, int64_t meeting, const char *text, const char *owner,
			     const char *due, int64_t *id, char **cause);

/* ==== the draft: the unfinished note line ==== */

struct live_draft {
	int64_t item;  /* 0 if none */
	char *speaker; /* NULL if none */
	enum note_kind kind;
	char *text;
	char *updated_at;
};
void live_draft_free(struct live_draft *d); /* members only */

/* Prepare the statements of store_draft_save ahead of the first save
 * (the live screen does it when it opens: the first save is then no
 * dearer than the others). Writes nothing; a no-op when read-only. */
int store_draft_prepare(struct store *s, char **cause);
/* Save the caller's (store_user()) unfinished line for the meeting: one
 * upsert in one short transaction. Blank text deletes the draft. */
int store_draft_save(struct store *s, int64_t meeting, int64_t item, const char *speaker,
		     enum note_kind kind, const char *text, char **cause);
/* 1 and *d filled if the caller has a draft for the meeting, 0 if not,
 * -1 on error. */
int store_draft_load(struct store *s, int64_t meeting, struct live_draft *d, char **cause);
/* Delete the caller's draft for the meeting (none: no-op). */
int store_draft_clear(struct store *s, int64_t meeting, char **cause);

#endif
