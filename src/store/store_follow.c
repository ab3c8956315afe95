/* store_follow.c - follow-up data for the interchange document. */
#include "store_follow.h"

#include <stdlib.h>

#include "db.h"
#include "util.h"

int store_follow_proposals_closed(struct store *s, int64_t meeting, int64_t **closed, size_t *n,
				  char **cause)
{
	*closed = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prep(s,
				   "SELECT coalesce(closed_meeting_id, 0) FROM proposals"
				   " WHERE meeting_id = ?1 ORDER BY position, id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*closed = xreallocarray(*closed, *n + 1, sizeof **closed);
		(*closed)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (r < 0) {
		free(*closed);
		*closed = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int store_follow_set_closed(struct store *s, enum carry_kind kind, int64_t id, int64_t closed_in,
			    char **cause)
{
	sqlite3_stmt *st =
	    kind == CARRY_PROPOSAL
		? db_prep(s, "UPDATE proposals SET closed_meeting_id = ?2 WHERE id = ?1", cause)
		: db_prep(s, "UPDATE directives SET closed_meeting_id = ?2 WHERE id = ?1", cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	db_bind_id(st, 2, closed_in);
	return db_done(s, st, cause);
}

int store_follow_carry_put(struct store *s, int64_t meeting, enum carry_kind kind, int64_t id,
			   char **cause)
{
	sqlite3_stmt *st =
	    kind == CARRY_PROPOSAL
		? db_prep(s,
			  "INSERT OR IGNORE INTO carryovers(meeting_id, position, proposal_id)"
			  " VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM carryovers"
			  " WHERE meeting_id = ?1), ?2)",
			  cause)
		: db_prep(s,
			  "INSERT OR IGNORE INTO carryovers(meeting_id, position, directive_id)"
			  " VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM carryovers"
			  " WHERE meeting_id = ?1), ?2)",
			  cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_int(st, 2, id);
	return db_done(s, st, cause);
}
