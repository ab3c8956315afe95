/* store_outcomes.c - the proposals, conclusions and directives tables:
 * their one inserter and one updater each, a meeting's outcomes read, their
 * status followed up across meetings (store_review.h) and the interchange's
 * follow-up (store_follow.h). The edit and live screens' writes are
 * store_outcomes_edit.c's. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_follow.h"
#include "store_review.h"
#include "store_live.h"
#include "store_rows.h"
#include "store_write.h"
#include "util.h"

/* ==== the tables ==== */

int proposal_insert(struct store *s, int64_t meeting, int64_t item, int64_t pos,
		    const struct proposal *p, int64_t *id, char **cause)
{
	static const char *const names[] = {"unit", "text", "answer"};
	const char *in[] = {p->unit, p->text, p->answer};
	char *v[3];
	if (db_texts(names, in, v, 3, cause) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(
	    s,
	    "INSERT INTO proposals(meeting_id, item_id, position, unit, text, answer, status)"
	    " VALUES (?1, ?2, coalesce(?3, (SELECT coalesce(max(position) + 1, 0) FROM"
	    " proposals WHERE meeting_id = ?1)), ?4, ?5, ?6, ?7)",
	    cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, meeting);
		db_bind_id(st, 2, item);
		if (pos != STORE_APPEND)
			db_bind_int(st, 3, pos);
		db_bind_text(st, 4, v[0]);
		db_bind_text(st, 5, v[1] ? v[1] : "");
		db_bind_text(st, 6, v[2]);
		db_bind_text(st, 7, task_status_name(p->status));
		rc = db_insert(s, st, id, cause);
	}
	db_texts_free(v, 3);
	return rc;
}

int conclusion_insert(struct store *s, int64_t meeting, int64_t pos, const char *text, int64_t *id,
		      char **cause)
{
	char *v = NULL;
	if (db_text("text", text, &v, cause) < 0)
		return -1;
	sqlite3_stmt *st = db_prep(s,
				   "INSERT INTO conclusions(meeting_id, position, text) VALUES (?1,"
				   " coalesce(?2, (SELECT coalesce(max(position) + 1, 0) FROM"
				   " conclusions WHERE meeting_id = ?1)), ?3)",
				   cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, meeting);
		if (pos != STORE_APPEND)
			db_bind_int(st, 2, pos);
		db_bind_text(st, 3, v ? v : "");
		rc = db_insert(s, st, id, cause);
	}
	free(v);
	return rc;
}

int directive_insert(struct store *s, int64_t meeting, int64_t pos, const struct directive *d,
		     int64_t *id, char **cause)
{
	static const char *const names[] = {"text", "owner", "due"};
	const char *in[] = {d->text, d->owner, d->due};
	char *v[3];
	if (db_texts(names, in, v, 3, cause) < 0)
		return -1;
	sqlite3_stmt *st =
	    db_prep(s,
		    "INSERT INTO directives(meeting_id, position, text, owner, due,"
		    " status) VALUES (?1, coalesce(?2, (SELECT coalesce(max(position)"
		    " + 1, 0) FROM directives WHERE meeting_id = ?1)), ?3, ?4, ?5, ?6)",
		    cause);
	int rc = -1;
	if (st) {
		db_bind_int(st, 1, meeting);
		if (pos != STORE_APPEND)
			db_bind_int(st, 2, pos);
		db_bind_text(st, 3, v[0] ? v[0] : "");
		db_bind_text(st, 4, v[1]);
		db_bind_text(st, 5, v[2]);
		db_bind_text(st, 6, task_status_name(d->status));
		rc = db_insert(s, st, id, cause);
	}
	db_texts_free(v, 3);
	return rc;
}

int proposal_update(struct store *s, int64_t id, int col, const char *text, int64_t num,
		    char **cause)
{
	static const char *const sql[] = {
	    [TC_TEXT] = "UPDATE proposals SET text = ?2 WHERE id = ?1",
	    [TC_UNIT] = "UPDATE proposals SET unit = ?2 WHERE id = ?1",
	    [TC_ANSWER] = "UPDATE proposals SET answer = ?2 WHERE id = ?1",
	    [TC_STATUS] = "UPDATE proposals SET status = ?2 WHERE id = ?1",
	    [TC_CLOSED] = "UPDATE proposals SET closed_meeting_id = nullif(?3, 0) WHERE id = ?1",
	    [TC_STATUS_IN] = "UPDATE proposals SET status = ?2, closed_meeting_id = nullif(?3, 0)"
			     " WHERE id = ?1",
	    [TC_POSITION] = "UPDATE proposals SET position = ?3 WHERE id = ?1",
	};
	return DB_UPDATE_COL(s, "proposals", sql, id, col, text, num, cause);
}

int conclusion_update(struct store *s, int64_t id, int col, const char *text, int64_t num,
		      char **cause)
{
	static const char *const sql[] = {
	    [TC_TEXT] = "UPDATE conclusions SET text = ?2 WHERE id = ?1",
	    [TC_POSITION] = "UPDATE conclusions SET position = ?3 WHERE id = ?1",
	};
	return DB_UPDATE_COL(s, "conclusions", sql, id, col, text, num, cause);
}

int directive_update(struct store *s, int64_t id, int col, const char *text, int64_t num,
		     char **cause)
{
	static const char *const sql[] = {
	    [TC_TEXT] = "UPDATE directives SET text = ?2 WHERE id = ?1",
	    [TC_OWNER] = "UPDATE directives SET owner = ?2 WHERE id = ?1",
	    [TC_DUE] = "UPDATE directives SET due = ?2 WHERE id = ?1",
	    [TC_STATUS] = "UPDATE directives SET status = ?2, closed_meeting_id = CASE ?2 WHEN"
			  " 'open' THEN NULL ELSE coalesce(closed_meeting_id, meeting_id) END"
			  " WHERE id = ?1",
	    [TC_CLOSED] = "UPDATE directives SET closed_meeting_id = nullif(?3, 0) WHERE id = ?1",
	    [TC_STATUS_IN] = "UPDATE directives SET status = ?2, closed_meeting_id = nullif(?3, 0)"
			     " WHERE id = ?1",
	    [TC_POSITION] = "UPDATE directives SET position = ?3 WHERE id = ?1",
	};
	return DB_UPDATE_COL(s, "directives", sql, id, col, text, num, cause);
}

int outcomes_load(struct store *s, struct meeting *m, char **cause)
{
	sqlite3_stmt *st = db_prep(s,
				   "SELECT p.id, p.unit, p.text, p.answer, p.status,"
				   " (SELECT count(*) FROM agenda_items a WHERE a.meeting_id ="
				   "  p.meeting_id AND (a.position < i.position OR (a.position ="
				   "  i.position AND a.id < i.id))), p.item_id,"
				   " coalesce(p.note_id, 0)"
				   " FROM proposals p LEFT JOIN agenda_items i ON i.id = p.item_id"
				   " WHERE p.meeting_id = ?1 ORDER BY p.position, p.id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		m->proposals =
		    xreallocarray(m->proposals, m->n_proposals + 1, sizeof *m->proposals);
		struct proposal *p = &m->proposals[m->n_proposals++];
		p->id = sqlite3_column_int64(st, 0);
		p->unit = db_col_text(st, 1);
		p->text = db_col_text(st, 2);
		p->answer = db_col_text(st, 3);
		p->status = store_col_task_status(st, 4);
		p->item_index =
		    sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 5);
		p->note_id = sqlite3_column_int64(st, 7);
	}
	if (r < 0)
		return -1;
	st = db_prep(s, "SELECT text FROM conclusions WHERE meeting_id = ?1 ORDER BY position, id",
		     cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	while ((r = db_row(s, st, cause)) == 1) {
		m->conclusions =
		    xreallocarray(m->conclusions, m->n_conclusions + 1, sizeof *m->conclusions);
		m->conclusions[m->n_conclusions++] = db_col_text(st, 0);
	}
	if (r < 0)
		return -1;
	st = db_prep(s,
		     "SELECT id, text, owner, due, status, coalesce(closed_meeting_id, 0)"
		     " FROM directives WHERE meeting_id = ?1 ORDER BY position, id",
		     cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	while ((r = db_row(s, st, cause)) == 1) {
		m->directives =
		    xreallocarray(m->directives, m->n_directives + 1, sizeof *m->directives);
		struct directive *d = &m->directives[m->n_directives++];
		d->id = sqlite3_column_int64(st, 0);
		d->text = db_col_text(st, 1);
		d->owner = db_col_text(st, 2);
		d->due = db_col_text(st, 3);
		d->status = store_col_task_status(st, 4);
		d->closed_in = sqlite3_column_int64(st, 5);
	}
	return r;
}

/* ==== status across meetings (store_review.h) ==== */

/* Shared by directives and proposals: the row's meeting, status and
 * (proposals) answer. */
int store_task_get(struct store *s, int proposal, int64_t id, int64_t *meeting,
		   enum task_status *status, char **answer, char **cause)
{
	sqlite3_stmt *st =
	    proposal ? db_prep(s, "SELECT meeting_id, status, answer FROM proposals WHERE id = ?1",
			       cause)
		     : db_prep(s, "SELECT meeting_id, status, NULL FROM directives WHERE id = ?1",
			       cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	if (r == 0)
		return set_cause(cause,
				 proposal ? _("no proposal with id %lld")
					  : _("no directive with id %lld"),
				 (long long)id);
	*meeting = sqlite3_column_int64(st, 0);
	*status = store_col_task_status(st, 1);
	if (answer)
		*answer = db_col_text(st, 2);
	sqlite3_reset(st);
	return 0;
}

static int task_set_status(struct store *s, int proposal, int64_t id, enum task_status status,
			   const char *answer, int64_t in_meeting, char **cause)
{
	char *ans = NULL, *old_answer = NULL;
	if (answer && db_text("answer", answer, &ans, cause) < 0)
		return -1;
	if (store_begin(s, cause) < 0) {
		free(ans);
		return -1;
	}
	int64_t own;
	enum task_status old;
	const char *kind = proposal ? "proposal" : "directive";
	if (store_task_get(s, proposal, id, &own, &old, &old_answer, cause) < 0)
		goto fail;
	int64_t where = in_meeting ? in_meeting : own;
	if (store_meeting_writable(s, where, NULL, cause) < 0)
		goto fail;
	int64_t closed = status == TS_OPEN ? 0 : in_meeting;
	store_updater update = proposal ? proposal_update : directive_update;
	if (update(s, id, TC_STATUS_IN, task_status_name(status), closed, cause) < 0 ||
	    (proposal && answer && proposal_update(s, id, TC_ANSWER, ans, 0, cause) < 0))
		goto fail;
	char *what = xasprintf("%s %lld status", kind, (long long)id);
	int rc = old == status ? 0
			       : store_log_change(s, where, what, task_status_name(old),
						  task_status_name(status), cause);
	free(what);
	if (rc == 0 && answer && !str_eq(old_answer, ans)) {
		what = xasprintf("proposal %lld answer", (long long)id);
		rc = store_log_change(s, where, what, old_answer, ans, cause);
		free(what);
	}
	free(ans);
	free(old_answer);
	return store_write_end(s, where, rc, cause);
fail:
	free(ans);
	free(old_answer);
	store_rollback(s);
	return -1;
}

int store_directive_set_status(struct store *s, int64_t directive, enum task_status status,
			       int64_t in_meeting, char **cause)
{
	return task_set_status(s, 0, directive, status, NULL, in_meeting, cause);
}

int store_proposal_set_status(struct store *s, int64_t proposal, enum task_status status,
			      const char *answer, int64_t in_meeting, char **cause)
{
	return task_set_status(s, 1, proposal, status, answer, in_meeting, cause);
}

/* ==== carrying over ==== */

/* ==== the interchange's follow-up (store_follow.h) ==== */

int store_follow_proposals_closed(struct store *s, int64_t meeting, int64_t **closed, size_t *n,
				  char **cause)
{
	sqlite3_stmt *st = db_prep(s,
				   "SELECT coalesce(closed_meeting_id, 0) FROM proposals"
				   " WHERE meeting_id = ?1 ORDER BY position, id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	return db_ids(s, st, closed, n, cause) < 0 ? -1 : 0;
}

int store_follow_set_closed(struct store *s, enum carry_kind kind, int64_t id, int64_t closed_in,
			    char **cause)
{
	store_updater update = kind == CARRY_PROPOSAL ? proposal_update : directive_update;
	return update(s, id, TC_CLOSED, NULL, closed_in, cause);
}

int store_live_proposals(struct store *s, int64_t meeting, struct proposal **out, size_t *n,
			 char **cause)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prep(s,
				   "SELECT p.id, p.unit, p.text, p.answer, p.status,"
				   " coalesce(p.note_id, 0),"
				   /* the item's index in the live screen's order */
				   " CASE WHEN p.item_id IS NULL THEN -1 ELSE"
				   "  (SELECT count(*) FROM agenda_items a, agenda_items i"
				   "   WHERE i.id = p.item_id AND a.meeting_id = i.meeting_id"
				   "   AND (a.position < i.position"
				   "    OR (a.position = i.position AND a.id < i.id))) END"
				   " FROM proposals p"
				   " LEFT JOIN notes n ON n.id = p.note_id WHERE p.meeting_id = ?1"
				   " ORDER BY coalesce(n.at, ''), p.position, p.id",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct proposal *p = &(*out)[(*n)++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		p->unit = db_col_text(st, 1);
		p->text = db_col_text(st, 2);
		p->answer = db_col_text(st, 3);
		p->status = store_col_task_status(st, 4);
		p->note_id = sqlite3_column_int64(st, 5);
		p->item_index = sqlite3_column_int(st, 6);
	}
	if (r < 0) {
		live_proposals_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int store_live_outcomes(struct store *s, int64_t meeting, struct live_outcome **out, size_t *n,
			char **cause)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prep(s,
				   "SELECT 0, text, NULL, NULL, position, id FROM conclusions"
				   " WHERE meeting_id = ?1"
				   " UNION ALL SELECT 1, text, owner, due, position, id FROM directives"
				   " WHERE meeting_id = ?1 ORDER BY 1, 5, 6",
				   cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct live_outcome *o = &(*out)[(*n)++];
		o->directive = sqlite3_column_int(st, 0);
		o->text = db_col_text(st, 1);
		o->owner = db_col_text(st, 2);
		o->due = db_col_text(st, 3);
	}
	if (r < 0) {
		live_outcomes_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void live_outcomes_free(struct live_outcome *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(o[i].text);
		free(o[i].owner);
		free(o[i].due);
	}
	free(o);
}

void live_proposals_free(struct proposal *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].unit);
		free(p[i].text);
		free(p[i].answer);
	}
	free(p);
}
