/* store_changelog.c - the change_log table. */
#include "db.h"
#include "store_rows.h"
#include "util.h"

int store_log_change(struct store *s, int64_t meeting, const char *what, const char *old_value,
		     const char *new_value, char **cause)
{
	/* No such meeting counts as a draft: nothing to log (the edit itself
	 * reports the missing meeting). */
	enum meeting_status status = MS_DRAFT;
	if (store_meeting_status(s, meeting, &status, cause) < 0)
		return -1;
	if (status == MS_DRAFT)
		return 0;
	char now[20];
	now_iso_second(now);
	sqlite3_stmt *st =
	    db_prep(s,
		    "INSERT INTO change_log(meeting_id, at, who, what, old_value, new_value)"
		    " VALUES (?1,?2,?3,?4,?5,?6)",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, store_user());
	db_bind_text(st, 4, what);
	db_bind_text(st, 5, old_value);
	db_bind_text(st, 6, new_value);
	return db_done(s, st, cause);
}
