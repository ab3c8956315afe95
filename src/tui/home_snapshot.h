/* home_snapshot.h - the home screen's first page, kept between runs so that
 * start-up draws the list with the frame, before SQLite has parsed the
 * store's schema (issue 12).
 *
 * bienban writes it when it leaves, after the store is closed: the count
 * and the first rows of the unfiltered list, stamped with the store file's
 * and its write-ahead log's identity, size and modification time as they
 * are then. The next start shows it only if both files are still exactly
 * so (nothing has written the store since); the store's own list replaces
 * it in the loop's first turn, and keys typed meanwhile act on that one.
 * It is a cache: a missing, stale, damaged or unwritable snapshot only
 * means the list comes with the store, as before. One file,
 * $XDG_CACHE_HOME/bienban/home-snapshot (~/.cache/...), 0600, written
 * atomically; the last store left is the one it serves. */
#ifndef BB_HOME_SNAPSHOT_H
#define BB_HOME_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct store;

/* Rows kept: a terminal of up to this many lines shows a full list. */
#define HOME_SNAPSHOT_ROWS 100

struct home_snapshot {
	int64_t count;		 /* meetings in the store */
	struct meeting_row *rows; /* the first ones, newest first */
	size_t n;
};

/* The snapshot of the store at path, if there is one and the store has not
 * changed since it was written: 1 and *out filled with its count and at
 * most max_rows rows (the screen's; the rest is not read); else 0. */
int home_snapshot_read(const char *path, size_t max_rows, struct home_snapshot *out);
/* Read the count and the first limit rows from the open store s into
 * *out: 0, or -1 (nothing to write). */
int home_snapshot_take(struct store *s, int limit, struct home_snapshot *out);
/* Stamp *snap with the store at path as it is now (call it after the store
 * is closed: closing checkpoints the log) and write it. 0, or -1. */
int home_snapshot_write(const char *path, const struct home_snapshot *snap);
void home_snapshot_free(struct home_snapshot *snap);

#endif
