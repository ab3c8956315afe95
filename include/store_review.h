/* store_review.h - the life of a meeting after it is written: status
 * transitions and approval, the change log, directives and proposals
 * followed up across meetings, and carrying them onto a later agenda.
 * Same conventions as store.h: 0 or -1 with an allocated *cause. */
#ifndef BB_STORE_REVIEW_H
#define BB_STORE_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "store.h"

/* ==== status and approval ==== */

/* Move a meeting to status `to`. Allowed: draft -> live (start),
 * live -> closed (end), closed -> approved (approve), approved -> closed
 * (reopen: reason required, non-empty). Anything else fails with a reason
 * users can read ("meeting 4 is live; end it before approving"). Every
 * transition is written to the change log (what "status", old, new, and
 * the reason) in the same transaction. Refused on a read-only store.
 * Callers in a transaction of their own may call it inside it. */
int store_meeting_set_status(struct store *s, int64_t id, enum meeting_status to,
			     const char *reason, char **cause);
/* Shorthands: closed -> approved; approved -> closed with a reason. */
int store_meeting_approve(struct store *s, int64_t id, char **cause);
int store_meeting_reopen(struct store *s, int64_t id, const char *reason, char **cause);
/* 1 if the transition from -> to is one store_meeting_set_status allows
 * (reason aside), else 0. For greying out keys. */
int store_status_allowed(enum meeting_status from, enum meeting_status to);
/* The status as the interface words it, for messages: the translation of
 * the "value"-context msgid the TUI shows ("đã duyệt"), or the English
 * name untranslated. Static storage. */
const char *store_status_word(enum meeting_status st);

/* ==== the change log ==== */

/* An entry is data, worded only when shown (change_entry_words), so it
 * reads in the reader's language whenever it was written. */
struct change_entry {
	int64_t id;
	char *at;  /* "2023-04-12T08:15:02" */
	char *who; /* login name */
	/* What changed: meeting, attendee, agenda item, note, proposal,
	 * conclusion, directive (or an old phrase of no known shape, and then
	 * field is NULL). */
	char *what;
	int64_t item; /* which one (its id in the store), 0 if none */
	/* A column ("title", "status", "arrived_at"), or "added", "deleted",
	 * "position", "carried over"; may be NULL. */
	char *field;
	char *old_value, *new_value, *reason; /* each may be NULL */
	/* Who or what the row is now, for a reader: an attendee's name, an
	 * item's title, a note's speaker, a proposal's unit, a directive's
	 * owner; NULL when it has none or is gone. */
	char *name;
};
void change_entry_free(struct change_entry *e); /* members only */
/* The object of a change or an error ("agenda item") in the reader's
 * words, lower case ("nội dung"); an unknown one as it is. Static. */
const char *change_object_word(const char *what);
/* A field of a change, or a field an error or check names ("due date",
 * "arrived_at"), in the reader's words ("thời hạn"); an object as
 * change_object_word; anything else as it is. Static. */
const char *change_field_word(const char *field);
/* The entry in the reader's words: "Note 52: text" ("Ý kiến 52: nội
 * dung"), "Directive 7: carried over", and for the meeting of the log
 * itself only the field ("status"). Allocated. */
char *change_entry_words(const struct change_entry *e);
/* The same naming who or what the row is now when it is known
 * ("Attendee 18 (Lê Văn Ba): presence"), for the screen; the saved and
 * exported log keeps change_entry_words's. Allocated. */
char *change_entry_words_named(const struct change_entry *e);
/* A value of the entry in the reader's words: status, presence, kind and
 * role values translated ("late 08:30" -> "đến muộn 08:30"), any other
 * text as stored; NULL stays NULL. Allocated. */
char *change_value_words(const struct change_entry *e, const char *value);
/* Split a phrase as store_log_change() takes it into *what (allocated),
 * *item and *field (allocated or NULL); old_value/new_value are the
 * values logged with it (for "carried over"). */
void change_phrase_parse(const char *phrase, const char *old_value, const char *new_value,
			 char **what, int64_t *item, char **field);
/* The change log as a tab-separated file (what `bienban log` prints and
 * the change-log screen saves): a header line "at who what old new
 * reason" (English, for programs), then one line per entry with what,
 * old and new worded for the reader (change_entry_words,
 * change_value_words), each value made visible (text_visible, so tabs and
 * newlines in it cannot break the format), NULL as empty. Allocated. */
char *change_log_tsv(const struct change_entry *e, size_t n);

/* The change log of a meeting, oldest first. *out is allocated (free each
 * entry, then the array). "no meeting with id N" if unknown. */
int store_change_log(struct store *s, int64_t meeting, struct change_entry **out, size_t *n,
		     char **cause);

/* ==== directives across meetings ==== */

struct directive_filter {
	int open_only;	   /* only status open */
	const char *unit;  /* owner contains these words (folded); NULL: any */
	int cluster;	   /* 0: any */
	const char *today; /* "YYYY-MM-DD" for overdue; NULL: the local date */
	/* Directives whose status was changed while the list is shown, as
	 * ",12,15,": kept where they were, in the open ones' place
	 * (kept_open: they were open, so open_only keeps them too) or the
	 * others' (kept_closed), so that a row does not move or vanish under
	 * the key that changed it. NULL: none. */
	const char *kept_open, *kept_closed;
};

struct directive_row {
	int64_t id;
	int64_t meeting_id; /* where it was set */
	char *meeting_title;
	char *meeting_starts;
	int cluster;
	char *period;
	char *text, *owner, *due; /* owner, due may be NULL */
	enum task_status status;
	int64_t closed_in; /* meeting where done or dropped, 0 if none */
	int overdue;	   /* open and due before today */
};
void directive_row_free(struct directive_row *r); /* members only */

/* One page of directives: open ones first, by due date (none last), then
 * the newest meetings first. *rows allocated as usual. */
int store_directives_page(struct store *s, const struct directive_filter *f, int64_t offset,
			  int limit, struct directive_row **rows, size_t *n, char **cause);

/* Number of directives the filter lets through. */
int store_directives_count(struct store *s, const struct directive_filter *f, int64_t *n,
			   char **cause);

/* Set a directive's status. in_meeting is the meeting where it was
 * reported (0: none, e.g. from the directives screen): done and dropped
 * record it as closed_meeting_id, open clears it. The change is logged in
 * in_meeting's change log (else the directive's own meeting), which must be
 * writable. */
int store_directive_set_status(struct store *s, int64_t directive, enum task_status status,
			       int64_t in_meeting, char **cause);
/* Same for a proposal; answer (if not NULL) replaces its answer. */
int store_proposal_set_status(struct store *s, int64_t proposal, enum task_status status,
			      const char *answer, int64_t in_meeting, char **cause);

/* ==== carrying over to a later meeting ==== */

/* The meeting before this one in its series: meetings.previous_id if set,
 * else the latest meeting of the same cluster that starts before it.
 * 1 and *prev if found, 0 if none, -1 with cause. */
int store_meeting_previous(struct store *s, int64_t meeting, int64_t *prev, char **cause);

enum carry_kind { CARRY_DIRECTIVE, CARRY_PROPOSAL };

struct carry_item {
	enum carry_kind kind;
	int64_t id;	      /* directive or proposal id */
	int64_t from_meeting; /* meeting where it was set or raised */
	char *from_title;
	char *from_starts;
	char *text;
	char *owner;  /* directive owner, or the proposing unit; may be NULL */
	char *due;    /* directives only; may be NULL */
	char *answer; /* proposals only; may be NULL */
	enum task_status status;
	int64_t closed_in;   /* meeting where done or dropped, 0 if none */
	char *closed_starts; /* start of that meeting, NULL if none */
	int carried;	     /* already on this meeting's carry-over list */
};
void carry_item_free(struct carry_item *c); /* members only */

/* What may be carried into `meeting`: the open directives and open
 * proposals of the previous meeting (store_meeting_previous) and those
 * carried into it that are still open. Empty when there is no previous
 * meeting. Each item says whether it is carried already. */
int store_carry_candidates(struct store *s, int64_t meeting, struct carry_item **out, size_t *n,
			   char **cause);
/* Add an item to / remove it from the carry-over list of a meeting (which
 * must be writable; logged when it is not a draft). Adding twice is a
 * no-op. An item settled in that meeting and removed from its list is open
 * again: store_carry_remove returns 1 then, else 0 (-1 on error). */
int store_carry_add(struct store *s, int64_t meeting, enum carry_kind kind, int64_t id,
		    char **cause);
int store_carry_remove(struct store *s, int64_t meeting, enum carry_kind kind, int64_t id,
		       char **cause);
/* What was carried into a meeting, in order, with each item's status now
 * (closed_in == meeting: settled in this meeting). For the minutes. */
int store_carryovers(struct store *s, int64_t meeting, struct carry_item **out, size_t *n,
		     char **cause);

#endif
