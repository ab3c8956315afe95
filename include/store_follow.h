/* store_follow.h - follow-up data as the interchange document moves it:
 * where proposals were closed, and carry-overs written without the
 * editing rules (for an import into meetings it is creating). */
#ifndef BB_STORE_FOLLOW_H
#define BB_STORE_FOLLOW_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "store_review.h"

/* closed_meeting_id of each proposal of a meeting, in the order
 * store_meeting_load gives them (0 where none). *closed allocated. */
int store_follow_proposals_closed(struct store *s, int64_t meeting, int64_t **closed, size_t *n,
				  char **cause);

/* Set the meeting where a directive or proposal was closed (0: none).
 * Not logged and no writability check: for an import, which runs inside
 * the caller's transaction. */
int store_follow_set_closed(struct store *s, enum carry_kind kind, int64_t id, int64_t closed_in,
			    char **cause);

/* Append an item to a meeting's carry-over list (adding twice is a
 * no-op). Not logged and no writability check, like the above. */
int store_follow_carry_put(struct store *s, int64_t meeting, enum carry_kind kind, int64_t id,
			   char **cause);

/* Append an entry to a meeting's change log as it is in the document
 * (its time, login name, what, item, field, values, reason). Not checked
 * for writability, like the above: the import of an approved meeting
 * brings its history with it. */
int store_follow_log_put(struct store *s, int64_t meeting, const struct change_entry *e,
			 char **cause);

#endif
