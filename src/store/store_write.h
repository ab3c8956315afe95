/* store_write.h - store-private (store_*.c only, like db.h): the one
 * transaction policy of every write, and the edit machinery the table files
 * share (one column, one move, one deletion).
 *
 * The policy, for every writer (TUI edits, the live screen, review, the
 * import, the directory):
 *  - a write is store_begin (store.h) ... store_write_end; a write to a
 *    meeting's rows begins with store_write_begin, which also refuses a
 *    read-only store or an approved meeting (store_meeting_writable);
 *  - it stamps: store_write_end, when the write succeeded, names a
 *    meeting (meeting != 0) and changed a row since the outermost BEGIN,
 *    sets that meeting's updated_at to the current second (meeting_update
 *    MC_UPDATED_AT) in the same transaction;
 *  - it logs: the wrapper logs nothing itself. Each writer logs its change
 *    with store_log_change (store.h), which records only meetings that left
 *    draft: additions, corrections, moves and deletions. The one exception
 *    is the live recording itself: what the live screen adds while the
 *    meeting is live is not logged (store_live.h). */
#ifndef BB_STORE_WRITE_H
#define BB_STORE_WRITE_H

#include <stdint.h>

#include "model.h"
#include "store.h"

/* store_begin, then store_meeting_writable(meeting, status): 0, or -1 with
 * *cause and nothing left open. */
int store_write_begin(struct store *s, int64_t meeting, enum meeting_status *status, char **cause);
/* rc < 0: roll back and return -1 (the first cause is kept). Else stamp
 * the meeting (if not 0, and a row changed) and commit: 0, or -1. */
int store_write_end(struct store *s, int64_t meeting, int rc, char **cause);

/* ==== the edit machinery (store_edit.c) ==== */

/* One table's updater (store_rows.h): set column col of row id; text
 * binds ?2, num ?3 (0 as NULL). */
typedef int (*store_updater)(struct store *s, int64_t id, int col, const char *text, int64_t num,
			     char **cause);

/* CK_ITEM_KIND: an item_kind spelling; empty or "auto" stored NULL.
 * CK_FLAG: "0" or "1", required. */
enum ckind { CK_TEXT, CK_REQUIRED, CK_TIME, CK_DATE, CK_TASK, CK_KIND, CK_ITEM_KIND, CK_FLAG };

/* One editable column of one table. */
struct column {
	const char *what; /* "agenda item", for messages and the change log */
	const char *field;
	enum ckind kind;
	const char *get; /* SELECT meeting_id, column FROM t WHERE id = ?1 */
	store_updater update;
	int col;
	/* May be NULL: after the column of row id (of meeting) changed from
	 * old to v, in the same transaction, keep in step what the documents
	 * tie to it by its text (an answer's note and its proposal); < 0 on
	 * failure. */
	int (*follow)(struct store *s, int64_t meeting, int64_t id, const char *old, const char *v,
		      char **cause);
};

/* One text tied to another by equal text (an answer given in a later item
 * is a note of that item, and the proposal's answer: doc_minutes.c prints
 * it once): find is "SELECT id, column FROM t WHERE meeting_id = ?1 AND
 * trim(column) = trim(?2) AND id <> ?3 ... LIMIT 1" (other conditions its
 * own); that row, if any, takes v, logged as what (e.g. "note"): 1, or 0
 * when there is none (or old or v is empty), or -1. */
int store_follow_text(struct store *s, int64_t meeting, int64_t id, const char *old,
		      const char *v, const char *find, const char *what, const char *field,
		      store_updater update, int col, char **cause);

/* Set a column as typed (NFC, trimmed, empty as NULL; times and dates
 * normalised; enumerations checked), logged, in one write. */
int store_set_column(struct store *s, const struct column *c, int64_t id, const char *value,
		     char **cause);

/* A table's order: scope is "SELECT meeting_id, <scope> FROM t WHERE
 * id = ?1", list "SELECT id FROM t WHERE <scope> = ?1 ORDER BY position,
 * id"; positions are written with update(col). */
struct order {
	const char *what;
	const char *scope;
	const char *list;
	store_updater update;
	int col;
};
/* Move a row up (delta < 0) or down within its scope, logged. */
int store_move_row(struct store *s, const struct order *o, int64_t id, int delta, char **cause);

/* Delete a row: get is "SELECT meeting_id, <text> FROM t WHERE id = ?1",
 * del "DELETE FROM t WHERE id = ?1"; logged with the old text. */
int store_delete_row(struct store *s, const char *what, const char *get, const char *del,
		     int64_t id, char **cause);

/* Log an added row ("<what> <id>: added", text as the new value). */
int store_log_added(struct store *s, int64_t meeting, const char *what, int64_t id,
		    const char *text, char **cause);

/* The meeting of a row: sql is "SELECT meeting_id FROM t WHERE id = ?1";
 * "no <what> with id N" when there is none. */
int store_row_meeting(struct store *s, const char *sql, int64_t id, const char *what,
		      int64_t *meeting, char **cause);

/* The meeting's starts_at (the day of a bare "HH:MM"), allocated or NULL. */
char *store_meeting_day(struct store *s, int64_t meeting);

/* A typed time (store_parse_time) on the meeting's day; NULL with cause. */
char *store_meeting_time(struct store *s, int64_t meeting, const char *in, char **cause);

/* ==== the live screen's additions (store_edit.c) ==== */

/* Log what the live screen added to a meeting of status st: only once it
 * is closed (while live it is the recording itself). */
int store_log_live_addition(struct store *s, int64_t meeting, enum meeting_status st,
			    const char *what, const char *value, char **cause);
/* NFC, trimmed copy of a required text; "note is empty" (what: note,
 * proposal, directive) if blank. */
int store_required_text(const char *what, const char *in, char **out, char **cause);
/* NFC, trimmed copy of an optional text; NULL when blank. */
int store_optional_text(const char *what, const char *in, char **out, char **cause);

#endif
