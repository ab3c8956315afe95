/* store_unsaved.h - the live screen's writes that the store has not taken
 * yet (another writer holds the lock, the disk is full): each one as it
 * was confirmed (its own time, speaker, kind, item), written in order when
 * the store takes writes again, and kept meanwhile in a recovery file
 * beside the store, "<store>.unsaved-<pid>" (mode 0600, written
 * atomically), so that a kill -9 or a hangup loses none of them; the next
 * `bienban live` offers to restore the file of a process that is gone.
 * When the store's directory cannot be written either (the same full
 * disk), the file goes to $XDG_RUNTIME_DIR/bienban/ (else
 * /tmp/bienban-<uid>/, 0700). Functions return 0, or -1 with *cause. */
#ifndef BB_STORE_UNSAVED_H
#define BB_STORE_UNSAVED_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "store.h"

enum pending_what {
	PENDING_NOTE,	   /* a note confirmed with Enter */
	PENDING_PROPOSAL,  /* a proposal (text, who: the speaker, unit), a note too */
	PENDING_DIRECTIVE, /* a directive (text, who: the owner, due) */
	PENDING_LATE,	   /* an attendee arrived late at `at` */
	PENDING_MOVE,	   /* from agenda item `item` to `to`, stamped at `at` */
	PENDING_LINE,	   /* the unfinished note line (only in the file, last) */
	PENDING_EDIT,	   /* a note `to` corrected: who (speaker), kind, text */
	PENDING_DELETE,	   /* a note `to` deleted */
	PENDING_START,	   /* the meeting started at `at` (item: the current one) */
	PENDING_END,	   /* the meeting ended at `at` */
};

/* One write waiting for the store. Strings are owned (NULL: none). */
struct pending {
	enum pending_what what;
	char at[17];	     /* ISO minute of the key that confirmed it */
	int64_t item;	     /* NOTE, PROPOSAL, LINE: agenda item (0: the current one) */
	int64_t attendee;    /* LATE */
	int64_t to;	     /* MOVE: the item moved to; EDIT, DELETE: the note */
	enum note_kind kind; /* NOTE, LINE, EDIT */
	char *who;	     /* NOTE, LINE, EDIT, PROPOSAL: speaker; DIRECTIVE: owner */
	char *unit;	     /* PROPOSAL: the proposing unit (NULL: the speaker's) */
	char *text;	     /* NOTE, PROPOSAL, DIRECTIVE, LINE, EDIT */
	char *due;	     /* DIRECTIVE: as typed (30/06/2023 or ISO) */
	int restored;	     /* came from a recovery file: skip a note already stored */
};
/* Free the members of n entries, then the array. */
void pending_free(struct pending *p, size_t n);

/* Write one entry to the store (not LINE), in one transaction: a note
 * with its own time at the end of its item (clear_draft: and the draft's
 * text emptied in the same transaction), a proposal, a directive, a late
 * arrival, a move between agenda items (stamped at its time), a note's
 * correction or deletion (a restored deletion of a note already gone is
 * done). *item (if not NULL) gets a note's item. A restored note that
 * the store already holds (same item, time, speaker, kind and text: the
 * process died between the commit and the rewrite of its file) is not
 * added twice. On failure store_last_failure() tells a busy lock or a
 * full disk (try again) from a refusal. */
int store_pending_apply(struct store *s, int64_t meeting, const struct pending *p, int clear_draft,
			int64_t *item, char **cause);

/* Write the entries (n > 0) as this process's recovery file for the
 * meeting, replacing the last one; n == 0 removes it. *where (if not
 * NULL) gets the file's path (allocated; NULL when removed). */
int store_unsaved_save(struct store *s, int64_t meeting, const struct pending *p, size_t n,
		       char **where, char **cause);
/* A live screen closes while its process goes on (another meeting may be
 * opened next, whose file would take the same name): its file is renamed
 * "<file>.<meeting>", offered once the process is gone. */
int store_unsaved_keep(const char *path, int64_t meeting, char **cause);
/* Recovery files of the meeting in this store left by processes that are
 * gone (oldest first). *paths allocated, each path too. */
int store_unsaved_find(struct store *s, int64_t meeting, char ***paths, size_t *n);
/* Read a recovery file: its entries in order (marked restored). */
int store_unsaved_load(const char *path, struct pending **p, size_t *n, char **cause);

#endif
