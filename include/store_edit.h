/* store_edit.h - editing a meeting piece by piece (the terminal interface's
 * writes): the meeting's fields, attendees and roll call, agenda items and
 * their notes, proposals, conclusions and directives. Each call is one
 * short transaction that first checks store_meeting_writable() (read-only
 * store, approved meeting) and, for a meeting that left draft, records
 * the edit with store_log_change(). Text is validated and stored NFC; an
 * empty optional field is stored as NULL. Times are accepted as
 * "YYYY-MM-DDTHH:MM", "YYYY-MM-DD HH:MM", "DD/MM/YYYY HH:MM" or "HH:MM"
 * (on the meeting's day) and stored as "YYYY-MM-DDTHH:MM"; dates as
 * "YYYY-MM-DD" or "DD/MM/YYYY", stored "YYYY-MM-DD". All return 0, or -1
 * with an allocated *cause. */
#ifndef BB_STORE_EDIT_H
#define BB_STORE_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "store.h"

/* ==== meetings ==== */

enum meeting_field {
	MF_TITLE,
	MF_CONFERENCE, /* conference title: found or created; "" for none */
	MF_CLUSTER,    /* cluster number in decimal; "" or "0" for none */
	MF_PERIOD,     /* "I/2023" (or "1/2023"); "" for none */
	MF_STARTS_AT,
	MF_ENDS_AT,
	MF_LOCATION,
	MF_HOST_UNIT,
	MF_DOCUMENT_NUMBER,
	MF_NOTICE_NUMBER, /* the notice of conclusions' own number */
	MF__COUNT
};
/* Set one field to a typed value (rules at the top; the period is
 * normalised, a new conference or cluster created). Logged after draft. */
int store_meeting_set(struct store *s, int64_t id, enum meeting_field f, const char *value,
		      char **cause);
/* Create a draft meeting starting at starts_at (a time as above; NULL
 * for now), in cluster (0: none) and period (NULL: the quarter of the
 * start). Setting MF_STARTS_AT later moves an empty period, or one that
 * was the old start's quarter, to the new start's quarter. */
int store_meeting_create(struct store *s, const char *title, const char *starts_at, int cluster,
			 const char *period, int64_t *id, char **cause);
/* Delete a meeting that is still a draft (others are refused). */
int store_meeting_delete(struct store *s, int64_t id, char **cause);

/* ==== attendees ==== */

enum attendee_field {
	ATF_NAME,
	ATF_TITLE,
	ATF_UNIT,
	ATF_SUBSTITUTE_FOR,
	ATF_REASON,	/* excused/absent reason */
	ATF_ARRIVED_AT, /* late: time */
	ATF__COUNT
};
/* Append an attendee typed by hand (a guest, say). */
int store_attendee_add(struct store *s, int64_t meeting, const struct attendee *a, int64_t *id,
		       char **cause);
/* Append a person from the directory: name, title and unit are copied
 * (snapshot); role delegate, present. A negative person is -(attendee id)
 * from store_people_search: that earlier attendee's name, title and unit. */
int store_attendee_add_person(struct store *s, int64_t meeting, int64_t person, int64_t *id,
			      char **cause);
/* The name of attendee id, as stored (NFC, trimmed): *name allocated. */
int store_attendee_name(struct store *s, int64_t id, char **name, char **cause);
/* Set one field to a typed value (rules at the top); name required. */
int store_attendee_set(struct store *s, int64_t id, enum attendee_field f, const char *value,
		       char **cause);
/* Set the role (the interchange spelling is stored). */
int store_attendee_set_role(struct store *s, int64_t id, enum role r, char **cause);
/* Preparing a meeting: add the attendees of the previous meeting of its
 * cluster (store_meeting_previous), each snapshotted afresh from the
 * directory (by person id, else by name; one no longer there as it was
 * recorded), with their roles, present, without the previous meeting's
 * guests, its one-off substitutes or anyone already on the list. *prev
 * receives the meeting taken from, *added how many were added. 0, or -1
 * with cause (also when there is no previous meeting). */
int store_attendees_from_previous(struct store *s, int64_t meeting, int64_t *prev, size_t *added,
				  char **cause);
/* Set the presence; detail is the arrival time for PRES_LATE, the reason
 * for PRES_EXCUSED/PRES_ABSENT (may be NULL), ignored for PRES_PRESENT.
 * The field that does not apply is cleared. */
int store_attendee_set_presence(struct store *s, int64_t id, enum presence p, const char *detail,
				char **cause);
/* Delete an attendee (logged with the name). */
int store_attendee_delete(struct store *s, int64_t id, char **cause);
/* Move up (delta -1) or down (+1) in the meeting's order. */
int store_attendee_move(struct store *s, int64_t id, int delta, char **cause);

/* ==== agenda items and their notes ==== */

enum item_field {
	IF_TITLE,
	IF_PRESENTER,
	IF_PLANNED_START,
	IF_PLANNED_END,
	IF_STARTED_AT,
	IF_ENDED_AT,
	IF_KIND, /* value: an item_kind spelling, "conclusions"; "" or "auto": detected */
	IF__COUNT
};
/* Append an agenda item. */
int store_item_add(struct store *s, int64_t meeting, const char *title, int64_t *id, char **cause);
/* Set one field of an agenda item; times as at the top, title required. */
int store_item_set(struct store *s, int64_t id, enum item_field f, const char *value, char **cause);
/* Delete an item and its notes. */
int store_item_delete(struct store *s, int64_t id, char **cause);
/* Move up (delta -1) or down (+1) in the meeting's order. */
int store_item_move(struct store *s, int64_t id, int delta, char **cause);

enum note_field {
	NF_AT,
	NF_SPEAKER,
	NF_KIND, /* value: the interchange spelling, "report" */
	NF_TEXT,
	NF_AFTER_CONCLUSIONS, /* "1": printed after the conclusions (db/011), "0" before */
	NF__COUNT
};
/* Append a note under an agenda item (writing the minutes afterwards;
 * live note taking has its own path). at NULL or "": no time. */
int store_note_add(struct store *s, int64_t item, const char *at, const char *speaker,
		   enum note_kind kind, const char *text, int64_t *id, char **cause);
/* Set one field of a note; NF_TEXT required, NF_KIND an interchange
 * spelling, NF_AT a time as at the top. */
int store_note_set(struct store *s, int64_t id, enum note_field f, const char *value, char **cause);
/* Delete a note (logged with its text). */
int store_note_delete(struct store *s, int64_t id, char **cause);
/* Move within its agenda item. */
int store_note_move(struct store *s, int64_t id, int delta, char **cause);

/* ==== proposals ==== */

enum proposal_field { PF_UNIT, PF_TEXT, PF_ANSWER, PF_STATUS, PF__COUNT };
/* Append a proposal of unit (may be NULL or "") with text (required). */
int store_proposal_add(struct store *s, int64_t meeting, const char *unit, const char *text,
		       int64_t *id, char **cause);
/* PF_STATUS takes "open", "done" or "dropped". */
int store_proposal_set(struct store *s, int64_t id, enum proposal_field f, const char *value,
		       char **cause);
/* Delete a proposal (logged with its text). */
int store_proposal_delete(struct store *s, int64_t id, char **cause);
/* Move up (delta -1) or down (+1) in the meeting's order. */
int store_proposal_move(struct store *s, int64_t id, int delta, char **cause);

/* ==== conclusions ==== */

struct text_row {
	int64_t id;
	char *text;
};
/* The meeting's conclusions in order, with their ids (struct meeting has
 * only the texts). Free each text, then the array. */
int store_conclusions_list(struct store *s, int64_t meeting, struct text_row **rows, size_t *n,
			   char **cause);
/* Append a conclusion (text required). */
int store_conclusion_add(struct store *s, int64_t meeting, const char *text, int64_t *id,
			 char **cause);
/* Replace a conclusion's text (required). */
int store_conclusion_set(struct store *s, int64_t id, const char *text, char **cause);
/* Delete a conclusion (logged with its text). */
int store_conclusion_delete(struct store *s, int64_t id, char **cause);
/* Move up (delta -1) or down (+1) in the meeting's order. */
int store_conclusion_move(struct store *s, int64_t id, int delta, char **cause);

/* ==== directives ==== */

enum directive_field { DF_TEXT, DF_OWNER, DF_DUE, DF_STATUS, DF__COUNT };
/* Append a directive (text required; no owner or due date yet). */
int store_directive_add(struct store *s, int64_t meeting, const char *text, int64_t *id,
			char **cause);
/* DF_STATUS takes "open", "done" or "dropped"; done/dropped records this
 * meeting as where it was closed, open clears it. */
int store_directive_set(struct store *s, int64_t id, enum directive_field f, const char *value,
			char **cause);
/* Delete a directive (logged with its text). */
int store_directive_delete(struct store *s, int64_t id, char **cause);
/* Move up (delta -1) or down (+1) in the meeting's order. */
int store_directive_move(struct store *s, int64_t id, int delta, char **cause);

/* ==== time input ==== */

/* Normalise a typed time (forms above) into "YYYY-MM-DDTHH:MM"; day is
 * "YYYY-MM-DD..." used for a bare "HH:MM" (may be NULL). Allocated, or
 * NULL with cause. */
char *store_parse_time(const char *in, const char *day, char **cause);
/* Normalise a typed date into "YYYY-MM-DD". Allocated, or NULL with cause. */
char *store_parse_date(const char *in, char **cause);

#endif
