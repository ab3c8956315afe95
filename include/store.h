/* store.h - the bienban store: one SQLite file. The only way the rest of
 * the program reads or writes data. Functions return 0 on success and -1
 * with an allocated message in *cause (when cause is not NULL) on failure;
 * they never print and never exit. Text passed in must be valid UTF-8; the
 * store normalises it to NFC. */
#ifndef BB_STORE_H
#define BB_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct store;

/* ==== opening ==== */

enum {
	STORE_READONLY = 1, /* open for review: every write is refused */
	STORE_CREATE = 2,   /* create the file (0600) and its directory (0700) */
};

/* Open (and migrate) the store at path; ":memory:" opens a private
 * in-memory store. WAL, synchronous=FULL, busy_timeout, foreign keys on.
 * A store whose schema is newer than this program is refused. */
int store_open(struct store **out, const char *path, int flags, char **cause);
/* fn is called (with ctx) when store_open is about to upgrade an existing
 * store's schema from version `from` to `to` — once per new version of
 * bienban, and a migration that remakes the search index takes a minute on
 * a large store — so that the person waiting is told. NULL: nobody. */
void store_on_upgrade(void (*fn)(void *ctx, const char *path, int from, int to), void *ctx);
/* What store_open checks of the file before SQLite reads it, alone: that
 * it exists (or is created, with STORE_CREATE), is a regular file and not
 * empty; *readonly is 1 when asked for or when the file is not writable.
 * A few system calls, no SQLite: the terminal interface asks this before
 * it draws its first frame and opens the store after. */
int store_probe(const char *path, int flags, int *readonly, char **cause);
/* Finalize its statements and close it; NULL is a no-op. */
void store_close(struct store *s);
/* For tests and benchmarks: write transactions this connection has
 * begun (tried, whether or not they got the lock) and statements it has
 * prepared, since it was opened. */
void store_counts(const struct store *s, unsigned long *writes, unsigned long *prepares);
/* 1 if opened read-only (asked for, or the file is not writable). */
int store_readonly(const struct store *s);
/* The path it was opened with (owned by the store). */
const char *store_path(const struct store *s);
/* Schema version this program writes (number of db/NNN_*.sql files). */
int store_schema_latest(void);
/* Changes whenever another connection commits (PRAGMA data_version):
 * poll it to see a secretary's new notes. */
int64_t store_data_version(struct store *s);
/* Default store path: $BIENBAN_DB, else $XDG_DATA_HOME/bienban/bienban.db,
 * else ~/.local/share/bienban/bienban.db. Allocated. */
char *store_default_path(void);

/* ==== transactions ==== */

/* Every write of the store, whoever makes it (edit screen, live screen,
 * review, import), follows one policy (src/store/store_write.h): it is one
 * transaction; a write to a meeting's rows is refused for an approved
 * meeting and, when it changes a row, stamps the meeting's updated_at;
 * the change log records what changed in a meeting that left draft,
 * except what the live screen records while the meeting is live
 * (store_live.h). */

/* BEGIN IMMEDIATE; nested calls only count depth. Keep them short. */
int store_begin(struct store *s, char **cause);
/* COMMIT the outermost transaction (inner calls only count down); one
 * that an inner call marked failed is rolled back: "the change was not
 * saved". */
int store_commit(struct store *s, char **cause);
/* Roll back the outermost transaction (inner calls mark it failed). */
void store_rollback(struct store *s);

/* ==== writing without waiting (the live screen) ==== */

/* Why the last write that failed failed: the lock held by another writer
 * (SQLITE_BUSY: try again soon), a full disk, or anything else. */
enum store_fail { STORE_FAIL_NONE, STORE_FAIL_BUSY, STORE_FAIL_FULL, STORE_FAIL_OTHER };

/* While on, store_begin does not wait for another writer's lock (no busy
 * timeout): a write that cannot get it at once fails at once with
 * store_last_failure() == STORE_FAIL_BUSY, so a keystroke never waits.
 * The whole terminal interface runs with it on. Off (the default, the
 * command line), it waits up to 5 s. */
void store_set_nowait(struct store *s, int on);
/* The reason of the last failed write since the last store_begin. */
enum store_fail store_last_failure(const struct store *s);
/* Forget it (the interface does before each key, so that a failure it
 * then sees is that key's). */
void store_clear_failure(struct store *s);
/* Who holds the store's write lock, in words for the user ("an import
 * (process 4242)", "a check", "another secretary", "another program
 * (python3)"), read from the system's lock table (Linux /proc/locks) and
 * the holder's command line; NULL when it cannot tell. Allocated. */
char *store_lock_holder(struct store *s);

/* ==== organisation settings ==== */

/* Fill *o (zeroed first) from the settings; missing values get the
 * defaults of formats/bien-ban.md. */
int store_org_get(struct store *s, struct org *o, char **cause);
/* Replace the settings with *o. */
int store_org_set(struct store *s, const struct org *o, char **cause);
/* 1 if no organisation settings were ever stored. */
int store_org_empty(struct store *s);

/* ==== clusters and units ==== */

/* All clusters by number, with their units. Free each with cluster_free. */
int store_clusters(struct store *s, struct cluster **out, size_t *n, char **cause);
/* Clusters with the given numbers only (for exporting a meeting). */
int store_cluster_get(struct store *s, int number, struct cluster *out, char **cause);
/* The units a closed or approved meeting keeps from its cluster as it was
 * when it closed (db/010_meeting_units.sql), in place of c's units as they
 * are now; c is left as it is when the meeting keeps none (a draft, a live
 * meeting, a cluster that had no units). */
int store_meeting_units(struct store *s, int64_t meeting, struct cluster *c, char **cause);
/* Create the cluster if missing (name kept if it exists), add the units
 * that are missing and put unit-less ones into it. */
int store_cluster_merge(struct store *s, const struct cluster *c, char **cause);

/* ==== meetings ==== */

struct meeting_filter {
	int cluster;	    /* 0: any */
	int quarter, year;  /* 0: any */
	int64_t conference; /* 0: any */
};

/* One page of the meetings list, newest first. *rows is allocated; free
 * each with meeting_row_free, then the array. */
int store_meetings_page(struct store *s, const struct meeting_filter *f, int64_t offset, int limit,
			struct meeting_row **rows, size_t *n, char **cause);
/* How many meetings match f (NULL: all). */
int store_meetings_count(struct store *s, const struct meeting_filter *f, int64_t *n, char **cause);
/* Load a whole meeting. "no meeting with id N" if unknown. */
int store_meeting_load(struct store *s, int64_t id, struct meeting **out, char **cause);
/* 1 if there is a meeting with that id, else 0 (errors read as 0). */
int store_meeting_exists(struct store *s, int64_t id);
/* Find a meeting by exact title and start: 1 and *id if found, 0 if not,
 * -1 with cause on error. */
int store_meeting_find(struct store *s, const char *title, const char *starts_at, int64_t *id,
		       char **cause);
/* Insert a whole meeting (attendees, agenda, notes, proposals,
 * conclusions, directives). Keeps m->id when it is free, else assigns a
 * new one; *id receives it. Creates the conference and cluster if
 * missing. Call inside a transaction. */
int store_meeting_insert(struct store *s, const struct meeting *m, int64_t *id, char **cause);
/* Meeting ids of a conference, in order of start. */
int store_conference_meetings(struct store *s, int64_t conference, int64_t **ids, size_t *n,
			      char **cause);
/* Conference title, allocated, or NULL with cause. */
char *store_conference_title(struct store *s, int64_t conference, char **cause);

/* ==== editing rules and the change log ==== */

/* Fails with a reason if the meeting may not be edited (approved: "meeting
 * N is approved; reopen it with a reason first"), or is unknown or the
 * store is read-only. *status (if not NULL) receives its status. */
int store_meeting_writable(struct store *s, int64_t id, enum meeting_status *status, char **cause);
/* Record an edit of a meeting that is not a draft (no-op for a draft).
 * who is the login name. Call inside the edit's transaction. what is a
 * phrase stored as data (store_review.h, struct change_entry): "OBJECT ID:
 * FIELD" or "OBJECT ID FIELD" (OBJECT one of meeting, attendee, agenda
 * item, note, proposal, conclusion, directive; FIELD a column, added,
 * deleted or position), "OBJECT added", "status" (the meeting's), or
 * "carried over" with "directive ID"/"proposal ID" as the new (added) or
 * old (removed) value; any other phrase is kept whole, without a field. */
int store_log_change(struct store *s, int64_t meeting, const char *what, const char *old_value,
		     const char *new_value, char **cause);
/* Login name of the user (for the change log and drafts). Static. */
const char *store_user(void);

/* ==== checking ==== */

/* Run integrity and foreign key checks; each problem is appended to
 * *report as a line. Returns the number of problems, or -1 with cause. */
int store_check(struct store *s, char **report, char **cause);

#endif
