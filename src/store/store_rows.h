/* store_rows.h - store-private (store_*.c only, like db.h): columns and rows
 * that several store modules read the same way, so a schema or default
 * change is made once. Defined in store.c. */
#ifndef BB_STORE_ROWS_H
#define BB_STORE_ROWS_H

#include <sqlite3.h>
#include <stdint.h>

#include "model.h"
#include "store.h"

/* Enumeration columns by their interchange spelling. A NULL or unknown
 * value (never written by this program) reads as the first value: draft,
 * statement, open. */
enum meeting_status store_col_meeting_status(sqlite3_stmt *st, int col);
enum note_kind store_col_note_kind(sqlite3_stmt *st, int col);
enum task_status store_col_task_status(sqlite3_stmt *st, int col);

/* The attendees columns store_row_attendee reads, in its order; a string
 * literal, to paste into a db_prep() statement. */
#define STORE_ATTENDEE_COLS                                                                        \
	"id, name, title, unit, role, presence, reason, arrived_at, substitute_for"
/* Fill *a (overwritten, not freed first) from the STORE_ATTENDEE_COLS
 * columns of the current row, starting at column col. Unknown role reads
 * as delegate, unknown presence as present. */
void store_row_attendee(sqlite3_stmt *st, int col, struct attendee *a);

/* A meeting's status (read as store_col_meeting_status does): 1 with
 * *status set, 0 if there is no such meeting (*cause untouched), -1 with
 * *cause on error. */
int store_meeting_status(struct store *s, int64_t id, enum meeting_status *status, char **cause);

/* The id of the conference titled title (NFC already), inserted with
 * period (may be NULL) when there is none. 0, or -1 with *cause. */
int store_conference_ensure(struct store *s, const char *title, const char *period, int64_t *id,
			    char **cause);

/* The id of cluster `number`, inserted when missing with name (NFC
 * already; NULL or "" for the default "Cụm thi đua số N"). 0, or -1. */
int store_cluster_ensure(struct store *s, int number, const char *name, int64_t *id, char **cause);

#endif
