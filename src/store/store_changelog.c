/* store_changelog.c - the change_log table: its one inserter, the rule of
 * what is logged (store_log_change), and reading it (store_review.h). */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_review.h"
#include "store_rows.h"
#include "text.h"
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
	return change_log_insert(s, meeting, what, old_value, new_value, NULL, cause);
}

int change_log_insert(struct store *s, int64_t meeting, const char *what, const char *old_value,
		      const char *new_value, const char *reason, char **cause)
{
	char now[32];
	now_iso_second(now);
	sqlite3_stmt *st = db_prep(s,
				   "INSERT INTO change_log(meeting_id, at, who, what, old_value,"
				   " new_value, reason) VALUES (?1,?2,?3,?4,?5,?6,?7)",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, store_user());
	db_bind_text(st, 4, what);
	db_bind_text(st, 5, old_value);
	db_bind_text(st, 6, new_value);
	db_bind_text(st, 7, reason);
	return db_done(s, st, cause);
}

/* ==== the change log ==== */

void change_entry_free(struct change_entry *e)
{
	if (!e)
		return;
	free(e->at);
	free(e->who);
	free(e->what);
	free(e->old_value);
	free(e->new_value);
	free(e->reason);
}

char *change_log_tsv(const struct change_entry *e, size_t n)
{
	struct strbuf sb = {0};
	strbuf_adds(&sb, "at\twho\twhat\told\tnew\treason\n");
	for (size_t i = 0; i < n; i++) {
		const char *f[] = {e[i].at,	   e[i].who,	   e[i].what,
				   e[i].old_value, e[i].new_value, e[i].reason};
		for (size_t k = 0; k < BB_ARRAY_LEN(f); k++) {
			char *vis = text_visible(f[k] ? f[k] : "", 0);
			if (k)
				strbuf_addc(&sb, '\t');
			strbuf_adds(&sb, vis);
			free(vis);
		}
		strbuf_addc(&sb, '\n');
	}
	return strbuf_detach(&sb);
}

int store_change_log(struct store *s, int64_t meeting, struct change_entry **out, size_t *n,
		     char **cause)
{
	*out = NULL;
	*n = 0;
	if (!store_meeting_exists(s, meeting))
		return set_cause(cause, _("no meeting with id %lld"), (long long)meeting);
	sqlite3_stmt *st = db_prep(s,
				   "SELECT id, at, who, what, old_value, new_value, reason"
				   " FROM change_log WHERE meeting_id = ?1 ORDER BY id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct change_entry *e = &(*out)[(*n)++];
		e->id = sqlite3_column_int64(st, 0);
		e->at = db_col_text(st, 1);
		e->who = db_col_text(st, 2);
		e->what = db_col_text(st, 3);
		e->old_value = db_col_text(st, 4);
		e->new_value = db_col_text(st, 5);
		e->reason = db_col_text(st, 6);
	}
	return r;
}
