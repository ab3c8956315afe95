/* store_rows.h - store-private (store_*.c only, like db.h): each table's
 * reader, ONE inserter and ONE updater, defined in the file that owns the
 * table (README "Code map") and used by every writer alike: the TUI edits,
 * the live screen, review and the import. Inserters and updaters run
 * inside the caller's transaction (store_write.h), store what they are
 * given (already NFC: see db_text) and log nothing. */
#ifndef BB_STORE_ROWS_H
#define BB_STORE_ROWS_H

#include <sqlite3.h>
#include <stdint.h>

#include "model.h"
#include "store.h"
#include "store_review.h"

/* A position to insert at: STORE_APPEND puts the row after its siblings. */
#define STORE_APPEND (-1)

/* Enumeration columns by their interchange spelling. A NULL or unknown
 * value (never written by this program) reads as the first value: draft,
 * statement, open (store_meetings.c). */
enum meeting_status store_col_meeting_status(sqlite3_stmt *st, int col);
enum note_kind store_col_note_kind(sqlite3_stmt *st, int col);
enum task_status store_col_task_status(sqlite3_stmt *st, int col);
/* -1 (unknown) becomes def; parse takes NULL. */
int store_col_enum(sqlite3_stmt *st, int col, int (*parse)(const char *), int def);

/* ==== meetings and conferences (store_meetings.c) ==== */

enum meeting_col {
	MC_TITLE,
	MC_STARTS_AT,
	MC_ENDS_AT,
	MC_LOCATION,
	MC_HOST_UNIT,
	MC_DOCUMENT_NUMBER,
	MC_NOTICE_NUMBER,
	MC_STATUS,	  /* text: the interchange spelling */
	MC_UPDATED_AT,	  /* text */
	MC_CONFERENCE_ID, /* num */
	MC_CLUSTER_ID,	  /* num */
	MC_PERIOD,	  /* text "I/2023", num its key year*10+quarter */
};
int meeting_update(struct store *s, int64_t id, int col, const char *text, int64_t num,
		   char **cause);

/* A meeting's status (read as store_col_meeting_status does): 1 with
 * *status set, 0 if there is no such meeting (*cause untouched), -1 with
 * *cause on error. */
int store_meeting_status(struct store *s, int64_t id, enum meeting_status *status, char **cause);

/* The id of the conference titled title (NFC already), inserted with
 * period (may be NULL) when there is none. 0, or -1 with *cause. */
int store_conference_ensure(struct store *s, const char *title, const char *period, int64_t *id,
			    char **cause);

/* ==== clusters (store_directory.c) ==== */

/* The id of cluster `number`, inserted when missing (cluster_insert). */
int store_cluster_ensure(struct store *s, int number, const char *name, int64_t *id, char **cause);
/* Insert a cluster; name NULL or "" gets the default "Cụm thi đua số N"
 * (the one place it is made). name is NFC'd here. */
int cluster_insert(struct store *s, int number, const char *name, int64_t *id, char **cause);

/* ==== attendees (store_attendees.c) ==== */

/* The attendees columns store_row_attendee reads, in its order; a string
 * literal, to paste into a db_prep() statement. */
#define STORE_ATTENDEE_COLS                                                                        \
	"id, name, title, unit, role, presence, reason, arrived_at, substitute_for"
/* Fill *a (overwritten, not freed first) from the STORE_ATTENDEE_COLS
 * columns of the current row, starting at column col. Unknown role reads
 * as delegate, unknown presence as present. */
void store_row_attendee(sqlite3_stmt *st, int col, struct attendee *a);
/* Append the meeting's attendees, in order, to *out (*n of them). */
int attendees_read(struct store *s, int64_t meeting, struct attendee **out, size_t *n,
		   char **cause);
/* Insert an attendee (every field, name "" when NULL) at pos (or
 * STORE_APPEND), linked to person (0: none). */
int attendee_insert(struct store *s, int64_t meeting, int64_t pos, const struct attendee *a,
		    int64_t person, int64_t *id, char **cause);
enum attendee_col {
	AC_NAME,
	AC_TITLE,
	AC_UNIT,
	AC_SUBSTITUTE_FOR,
	AC_REASON,
	AC_ARRIVED_AT,
	AC_ROLE,
	AC_PRESENCE, /* text: the interchange spelling */
	AC_POSITION, /* num */
};
int attendee_update(struct store *s, int64_t id, int col, const char *text, int64_t num,
		    char **cause);

/* ==== agenda items and notes (store_agenda.c, store_notes.c) ==== */

/* Insert an item with its stamps (not its notes) at pos (or STORE_APPEND). */
int item_insert(struct store *s, int64_t meeting, int64_t pos, const struct agenda_item *it,
		int64_t *id, char **cause);
enum item_col {
	IC_TITLE,
	IC_PRESENTER,
	IC_PLANNED_START,
	IC_PLANNED_END,
	IC_STARTED_AT,
	IC_ENDED_AT,
	IC_KIND,	/* text: "regular", "reports", "conclusions" or NULL */
	IC_POSITION,	/* num */
	IC_START_ONCE,	/* started_at = text unless already started */
	IC_RESUME,	/* started_at = coalesce(started_at, text), ended_at NULL */
	IC_END_RUNNING, /* id is a meeting: its started, unended items end at text */
};
int item_update(struct store *s, int64_t id, int col, const char *text, int64_t num, char **cause);
/* Append the meeting's items, each with its notes, to m->agenda. */
int agenda_load(struct store *s, struct meeting *m, char **cause);
/* The current item of a meeting by the rule in store_live.h; 0 if none. */
int store_current_item(struct store *s, int64_t meeting, int64_t *item, char **cause);
/* 0 if the item belongs to the meeting, else -1 with cause. */
int store_item_of(struct store *s, int64_t meeting, int64_t item, char **cause);

/* The item for a new live note of a meeting (status ms): want (checked),
 * else the current one, else a new LIVE_DEFAULT_ITEM (started at now if
 * the meeting is live). */
int store_note_item(struct store *s, int64_t meeting, enum meeting_status ms, int64_t want,
		    char *now, int64_t *item, char **cause);
/* Insert a note at pos (or STORE_APPEND) under item; text "" when NULL. */
int note_insert(struct store *s, int64_t meeting, int64_t item, int64_t pos, const struct note *n,
		int64_t *id, char **cause);
/* 1 if the meeting has conclusions or directives, so that a note typed
 * live now follows them in the minutes (db/011); 0 if not or on error. */
int store_after_conclusions(struct store *s, int64_t meeting);
/* A conclusion or directive was captured live: the notes typed after the
 * ones before it are now before it (only what follows the last one
 * follows them all). */
int store_notes_before_conclusions(struct store *s, int64_t meeting, char **cause);
/* The notes columns store_row_note reads, in its order. */
#define STORE_NOTE_COLS "id, at, speaker, kind, text, after_conclusions"
/* Fill *n (overwritten) from the STORE_NOTE_COLS columns from col on. */
void store_row_note(sqlite3_stmt *st, int col, struct note *n);
enum note_col { NC_AT, NC_SPEAKER, NC_KIND, NC_TEXT, NC_POSITION, NC_AFTER };
int note_update(struct store *s, int64_t id, int col, const char *text, int64_t num, char **cause);

/* ==== outcomes (store_outcomes.c) ==== */

/* Insert a proposal under item (0: none); text "" when NULL. */
int proposal_insert(struct store *s, int64_t meeting, int64_t item, int64_t pos,
		    const struct proposal *p, int64_t *id, char **cause);
int conclusion_insert(struct store *s, int64_t meeting, int64_t pos, const char *text, int64_t *id,
		      char **cause);
int directive_insert(struct store *s, int64_t meeting, int64_t pos, const struct directive *d,
		     int64_t *id, char **cause);
enum task_col {
	TC_TEXT,      /* the only columns of conclusions: TC_TEXT, TC_POSITION */
	TC_UNIT,      /* proposals */
	TC_ANSWER,    /* proposals */
	TC_OWNER,     /* directives */
	TC_DUE,	      /* directives */
	TC_STATUS,    /* text status; a directive is closed in its own meeting
		       * if done/dropped (kept if closed already), open clears */
	TC_CLOSED,    /* num: closed_meeting_id */
	TC_STATUS_IN, /* text status, num the closing meeting (0: none) */
	TC_POSITION,  /* num */
};
int proposal_update(struct store *s, int64_t id, int col, const char *text, int64_t num,
		    char **cause);
int conclusion_update(struct store *s, int64_t id, int col, const char *text, int64_t num,
		      char **cause);
int directive_update(struct store *s, int64_t id, int col, const char *text, int64_t num,
		     char **cause);
/* Append the meeting's proposals, conclusions and directives to m. */
int outcomes_load(struct store *s, struct meeting *m, char **cause);

/* The meeting, status and (proposals, if answer is not NULL) answer of a
 * proposal (proposal != 0) or directive; "no proposal with id N". */
int store_task_get(struct store *s, int proposal, int64_t id, int64_t *meeting,
		   enum task_status *status, char **answer, char **cause);

/* ==== carryovers (store_review.c) ==== */

/* Carry a proposal or directive onto meeting's agenda, at the end;
 * nothing if it is there already. */
int carry_insert(struct store *s, int64_t meeting, enum carry_kind kind, int64_t id, char **cause);

/* ==== change log (store_changelog.c) ==== */

/* Insert a change_log row now by store_user() (reason may be NULL); what
 * is a phrase as store_log_change() takes it, stored split. */
int change_log_insert(struct store *s, int64_t meeting, const char *what, const char *old_value,
		      const char *new_value, const char *reason, char **cause);
/* Insert an entry as it is (at, who, what, item, field, values, reason):
 * an import. */
int change_log_put(struct store *s, int64_t meeting, const struct change_entry *e, char **cause);

/* ==== drafts (store_drafts.c) ==== */

/* Empty the caller's draft text for the meeting (the confirmed note). */
int draft_clear_text(struct store *s, int64_t meeting, char **cause);

/* store_collate.c: register the "vi" collation (Vietnamese alphabetical
 * order, ICU, opened on first use) on a connection. SQLITE_OK or a code. */
int store_collate_register(struct store *s);

#endif
