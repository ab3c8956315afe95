/* store_review.c - status transitions and approval, directives followed up
 * across meetings, and the carryovers table (its one inserter, shared with
 * the interchange's store_follow_carry_put). The change log is
 * store_changelog.c's; the outcomes' status store_outcomes.c's. */
#include "store_review.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "i18n.h"
#include "store_follow.h"
#include "store_rows.h"
#include "store_write.h"
#include "text.h"
#include "util.h"

/* ==== status and approval ==== */

int store_status_allowed(enum meeting_status from, enum meeting_status to)
{
	return (from == MS_DRAFT && to == MS_LIVE) || (from == MS_LIVE && to == MS_CLOSED) ||
	       (from == MS_CLOSED && to == MS_APPROVED) || (from == MS_APPROVED && to == MS_CLOSED);
}

const char *store_status_word(enum meeting_status st)
{
	/* Marked as the TUI marks them, so both share one translation. */
	static const char *const marked[MS__COUNT] = {NC_("value", "draft"), NC_("value", "live"),
						      NC_("value", "closed"),
						      NC_("value", "approved")};
	if ((unsigned)st >= MS__COUNT)
		return meeting_status_name(st);
	const char *t = gettext(marked[st]);
	return t == marked[st] ? meeting_status_name(st) : t;
}

/* Why from -> to is refused, in words a user can act on. */
static int refuse(int64_t id, enum meeting_status from, enum meeting_status to, char **cause)
{
	long long m = (long long)id;
	if (from == to)
		return set_cause(cause, _("meeting %lld is already %s"), m, store_status_word(to));
	if (to == MS_APPROVED && from == MS_DRAFT)
		return set_cause(
		    cause, _("meeting %lld is a draft; only a closed meeting can be approved"), m);
	if (to == MS_APPROVED && from == MS_LIVE)
		return set_cause(cause, _("meeting %lld is live; end it before approving"), m);
	if (from == MS_APPROVED)
		return set_cause(cause,
				 _("meeting %lld is approved; reopen it with a reason first"), m);
	return set_cause(cause, _("meeting %lld cannot go from %s to %s"), m,
			 store_status_word(from), store_status_word(to));
}

int store_meeting_set_status(struct store *s, int64_t id, enum meeting_status to,
			     const char *reason, char **cause)
{
	char *why = NULL;
	if (db_text("reason", reason, &why, cause) < 0)
		return -1;
	if (why)
		text_trim(why);
	if (store_begin(s, cause) < 0) {
		free(why);
		return -1;
	}
	enum meeting_status from;
	int r = store_meeting_status(s, id, &from, cause);
	if (r == 0)
		set_cause(cause, _("no meeting with id %lld"), (long long)id);
	if (r != 1)
		goto fail;
	if (!store_status_allowed(from, to)) {
		refuse(id, from, to, cause);
		goto fail;
	}
	if (from == MS_APPROVED && str_empty(why)) {
		set_cause(cause, _("reopening meeting %lld needs a reason"), (long long)id);
		goto fail;
	}
	/* updated_at: store_write_end stamps it. */
	if (meeting_update(s, id, MC_STATUS, meeting_status_name(to), 0, cause) < 0 ||
	    change_log_insert(s, id, "status", meeting_status_name(from), meeting_status_name(to),
			      str_empty(why) ? NULL : why, cause) < 0)
		goto fail;
	free(why);
	return store_write_end(s, id, 0, cause);
fail:
	free(why);
	store_rollback(s);
	return -1;
}

int store_meeting_approve(struct store *s, int64_t id, char **cause)
{
	return store_meeting_set_status(s, id, MS_APPROVED, NULL, cause);
}

int store_meeting_reopen(struct store *s, int64_t id, const char *reason, char **cause)
{
	enum meeting_status from;
	int r = store_meeting_status(s, id, &from, cause);
	if (r == 0)
		return set_cause(cause, _("no meeting with id %lld"), (long long)id);
	if (r < 0)
		return -1;
	if (from != MS_APPROVED)
		return set_cause(cause,
				 _("meeting %lld is %s, not approved; there is nothing to reopen"),
				 (long long)id, store_status_word(from));
	return store_meeting_set_status(s, id, MS_CLOSED, reason, cause);
}

/* ==== directives across meetings ==== */

void directive_row_free(struct directive_row *r)
{
	if (!r)
		return;
	free(r->meeting_title);
	free(r->meeting_starts);
	free(r->period);
	free(r->text);
	free(r->owner);
	free(r->due);
}

/* A directive given to OWNER_ALL_UNITS is every unit's of its
 * meeting: a unit's filter (?2, folded) finds it when the meeting's units
 * (as kept when it closed, else its cluster's now) include a unit of the
 * directory whose name matches. The directory's few hundred names are
 * folded once (an uncorrelated IN), not the units of every meeting; the
 * owner is compared as the live screen's picker writes it (folding it a
 * second time doubled the list's time on the ten-year store). */
#define SHARED_OWNER                                                                               \
	"(d.owner = '" OWNER_ALL_UNITS "' AND (EXISTS (SELECT 1 FROM meeting_units mu"          \
	" WHERE mu.meeting_id = m.id AND mu.name IN (SELECT name FROM units"                       \
	" WHERE instr(bb_fold(name), ?2) > 0)) OR (NOT EXISTS (SELECT 1 FROM meeting_units mu"      \
	" WHERE mu.meeting_id = m.id) AND m.cluster_id IN (SELECT cluster_id FROM units"           \
	" WHERE instr(bb_fold(name), ?2) > 0))))"

int store_directives_page(struct store *s, const struct directive_filter *f, int64_t offset,
			  int limit, struct directive_row **rows, size_t *n, char **cause)
{
	*rows = NULL;
	*n = 0;
	struct directive_filter none = {0};
	if (!f)
		f = &none;
	char today[16];
	if (f->today) {
		snprintf(today, sizeof today, "%s", f->today);
	} else {
		time_t t = time(NULL);
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
	}
	/* The owner filter matches folded words anywhere in the owner, so
	 * "tuy phuoc" finds "Huyện đoàn Tuy Phước". */
	char *unit = NULL;
	if (!str_empty(f->unit)) {
		char *folded = text_fold(f->unit);
		unit = xstrdup(text_trim(folded));
		free(folded);
	}
	sqlite3_stmt *st = db_prep(
	    s,
	    "SELECT d.id, d.meeting_id, m.title, m.starts_at, coalesce(c.number, 0), m.period,"
	    " d.text, d.owner, d.due, d.status, coalesce(d.closed_meeting_id, 0),"
	    " d.status = 'open' AND d.due IS NOT NULL AND d.due < ?4"
	    " FROM directives d JOIN meetings m ON m.id = d.meeting_id"
	    " LEFT JOIN clusters c ON c.id = m.cluster_id"
	    " WHERE (?1 = 0 OR d.status = 'open' OR instr(?7, ',' || d.id || ',') > 0)"
	    " AND (?2 IS NULL OR instr(bb_fold(d.owner), ?2) > 0 OR " SHARED_OWNER ")"
	    " AND (?3 = 0 OR c.number = ?3)"
	    " ORDER BY CASE WHEN instr(?7, ',' || d.id || ',') > 0 THEN 0"
	    "  WHEN instr(?8, ',' || d.id || ',') > 0 THEN 1 ELSE d.status <> 'open' END,"
	    " d.due IS NULL, d.due, m.starts_at DESC, d.position, d.id"
	    " LIMIT ?5 OFFSET ?6",
	    cause);
	if (!st) {
		free(unit);
		return -1;
	}
	db_bind_int(st, 1, f->open_only);
	db_bind_text(st, 2, unit);
	db_bind_int(st, 3, f->cluster);
	db_bind_text(st, 4, today);
	db_bind_int(st, 5, limit > 0 ? limit : -1);
	db_bind_int(st, 6, offset);
	db_bind_text(st, 7, f->kept_open ? f->kept_open : "");
	db_bind_text(st, 8, f->kept_closed ? f->kept_closed : "");
	free(unit);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		struct directive_row *d = &(*rows)[(*n)++];
		d->id = sqlite3_column_int64(st, 0);
		d->meeting_id = sqlite3_column_int64(st, 1);
		d->meeting_title = db_col_text(st, 2);
		d->meeting_starts = db_col_text(st, 3);
		d->cluster = sqlite3_column_int(st, 4);
		d->period = db_col_text(st, 5);
		d->text = db_col_text(st, 6);
		d->owner = db_col_text(st, 7);
		d->due = db_col_text(st, 8);
		d->status = store_col_task_status(st, 9);
		d->closed_in = sqlite3_column_int64(st, 10);
		d->overdue = sqlite3_column_int(st, 11);
	}
	if (r < 0) {
		for (size_t i = 0; i < *n; i++)
			directive_row_free(&(*rows)[i]);
		free(*rows);
		*rows = NULL;
		*n = 0;
	}
	return r;
}

int store_directives_count(struct store *s, const struct directive_filter *f, int64_t *n,
			   char **cause)
{
	struct directive_filter none = {0};
	if (!f)
		f = &none;
	char *unit = NULL;
	if (!str_empty(f->unit)) {
		char *folded = text_fold(f->unit);
		unit = xstrdup(text_trim(folded));
		free(folded);
	}
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT count(*) FROM directives d JOIN meetings m"
		    " ON m.id = d.meeting_id LEFT JOIN clusters c ON c.id = m.cluster_id"
		    " WHERE (?1 = 0 OR d.status = 'open' OR instr(?4, ',' || d.id || ',') > 0)"
		    " AND (?2 IS NULL OR instr(bb_fold(d.owner), ?2) > 0 OR " SHARED_OWNER ")"
		    " AND (?3 = 0 OR c.number = ?3)",
		    cause);
	if (!st) {
		free(unit);
		return -1;
	}
	db_bind_int(st, 1, f->open_only);
	db_bind_text(st, 2, unit);
	db_bind_int(st, 3, f->cluster);
	db_bind_text(st, 4, f->kept_open ? f->kept_open : "");
	free(unit);
	int r = db_row(s, st, cause);
	if (r != 1)
		return r < 0 ? -1 : 0;
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* ==== carrying over ==== */

int store_meeting_previous(struct store *s, int64_t meeting, int64_t *prev, char **cause)
{
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT coalesce(previous_id, 0), coalesce(cluster_id, 0), starts_at"
		    " FROM meetings WHERE id = ?1",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	if (r == 0)
		return set_cause(cause, _("no meeting with id %lld"), (long long)meeting);
	int64_t previous = sqlite3_column_int64(st, 0);
	int64_t cluster = sqlite3_column_int64(st, 1);
	char *starts = db_col_text(st, 2);
	sqlite3_reset(st);
	if (previous) {
		free(starts);
		*prev = previous;
		return 1;
	}
	if (!cluster) {
		free(starts);
		return 0;
	}
	st = db_prep(s,
		     "SELECT id FROM meetings WHERE cluster_id = ?1 AND id <> ?2"
		     " AND (starts_at < ?3 OR (starts_at = ?3 AND id < ?2))"
		     " ORDER BY starts_at DESC, id DESC LIMIT 1",
		     cause);
	if (!st) {
		free(starts);
		return -1;
	}
	db_bind_int(st, 1, cluster);
	db_bind_int(st, 2, meeting);
	db_bind_text(st, 3, starts);
	free(starts);
	r = db_row(s, st, cause);
	if (r == 1) {
		*prev = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return r;
}

void carry_item_free(struct carry_item *c)
{
	if (!c)
		return;
	free(c->from_title);
	free(c->from_starts);
	free(c->text);
	free(c->owner);
	free(c->due);
	free(c->answer);
	free(c->closed_starts);
}

/* Columns: kind, id, meeting, title, starts, text, owner, due, answer,
 * status, closed_in, carried, closed_starts. */
static int read_carry(struct store *s, sqlite3_stmt *st, struct carry_item **out, size_t *n,
		      char **cause)
{
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		struct carry_item *c = &(*out)[(*n)++];
		c->kind = sqlite3_column_int(st, 0) ? CARRY_PROPOSAL : CARRY_DIRECTIVE;
		c->id = sqlite3_column_int64(st, 1);
		c->from_meeting = sqlite3_column_int64(st, 2);
		c->from_title = db_col_text(st, 3);
		c->from_starts = db_col_text(st, 4);
		c->text = db_col_text(st, 5);
		c->owner = db_col_text(st, 6);
		c->due = db_col_text(st, 7);
		c->answer = db_col_text(st, 8);
		c->status = store_col_task_status(st, 9);
		c->closed_in = sqlite3_column_int64(st, 10);
		c->carried = sqlite3_column_int(st, 11);
		c->closed_starts = db_col_text(st, 12);
	}
	if (r < 0) {
		for (size_t i = 0; i < *n; i++)
			carry_item_free(&(*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return r;
}

int store_carry_candidates(struct store *s, int64_t meeting, struct carry_item **out, size_t *n,
			   char **cause)
{
	*out = NULL;
	*n = 0;
	int64_t prev = 0;
	int r = store_meeting_previous(s, meeting, &prev, cause);
	if (r <= 0)
		return r;
	sqlite3_stmt *st = db_prep(
	    s,
	    "SELECT 0, d.id, d.meeting_id, m.title, m.starts_at, d.text, d.owner, d.due, NULL,"
	    " d.status, coalesce(d.closed_meeting_id, 0),"
	    " EXISTS (SELECT 1 FROM carryovers k WHERE k.meeting_id = ?1 AND k.directive_id = d.id)"
	    " AS carried,"
	    " (SELECT starts_at FROM meetings WHERE id = d.closed_meeting_id),"
	    " m.starts_at AS o1, d.position AS o2"
	    " FROM directives d JOIN meetings m ON m.id = d.meeting_id"
	    " WHERE (d.meeting_id = ?2 OR d.id IN"
	    "  (SELECT directive_id FROM carryovers WHERE meeting_id = ?2))"
	    " AND (d.status = 'open' OR EXISTS (SELECT 1 FROM carryovers k"
	    "  WHERE k.meeting_id = ?1 AND k.directive_id = d.id))"
	    " UNION ALL"
	    " SELECT 1, p.id, p.meeting_id, m.title, m.starts_at, p.text, p.unit, NULL, p.answer,"
	    " p.status, coalesce(p.closed_meeting_id, 0),"
	    " EXISTS (SELECT 1 FROM carryovers k WHERE k.meeting_id = ?1 AND k.proposal_id = p.id),"
	    " (SELECT starts_at FROM meetings WHERE id = p.closed_meeting_id),"
	    " m.starts_at, p.position"
	    " FROM proposals p JOIN meetings m ON m.id = p.meeting_id"
	    " WHERE (p.meeting_id = ?2 OR p.id IN"
	    "  (SELECT proposal_id FROM carryovers WHERE meeting_id = ?2))"
	    " AND (p.status = 'open' OR EXISTS (SELECT 1 FROM carryovers k"
	    "  WHERE k.meeting_id = ?1 AND k.proposal_id = p.id))"
	    " ORDER BY 1, o1, o2, 2",
	    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_int(st, 2, prev);
	return read_carry(s, st, out, n, cause);
}

int store_carryovers(struct store *s, int64_t meeting, struct carry_item **out, size_t *n,
		     char **cause)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prep(
	    s,
	    "SELECT k.proposal_id IS NOT NULL, coalesce(k.directive_id, k.proposal_id), m.id,"
	    " m.title, m.starts_at, coalesce(d.text, p.text), coalesce(d.owner, p.unit), d.due,"
	    " p.answer, coalesce(d.status, p.status),"
	    " coalesce(d.closed_meeting_id, p.closed_meeting_id, 0), 1,"
	    " (SELECT starts_at FROM meetings"
	    "  WHERE id = coalesce(d.closed_meeting_id, p.closed_meeting_id))"
	    " FROM carryovers k LEFT JOIN directives d ON d.id = k.directive_id"
	    " LEFT JOIN proposals p ON p.id = k.proposal_id"
	    " JOIN meetings m ON m.id = coalesce(d.meeting_id, p.meeting_id)"
	    " WHERE k.meeting_id = ?1 ORDER BY k.position, k.id",
	    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	return read_carry(s, st, out, n, cause);
}

int carry_insert(struct store *s, int64_t meeting, enum carry_kind kind, int64_t id, char **cause)
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

int store_follow_carry_put(struct store *s, int64_t meeting, enum carry_kind kind, int64_t id,
			   char **cause)
{
	return carry_insert(s, meeting, kind, id, cause);
}

int store_follow_log_put(struct store *s, int64_t meeting, const struct change_entry *e,
			 char **cause)
{
	return change_log_put(s, meeting, e, cause);
}

/* Remove a carry-over (DELETE; 0 if there was none). */
static int carry_delete(struct store *s, int64_t meeting, enum carry_kind kind, int64_t id,
			char **cause)
{
	sqlite3_stmt *st =
	    kind == CARRY_PROPOSAL
		? db_prep(s, "DELETE FROM carryovers WHERE meeting_id = ?1 AND proposal_id = ?2",
			  cause)
		: db_prep(s, "DELETE FROM carryovers WHERE meeting_id = ?1 AND directive_id = ?2",
			  cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_int(st, 2, id);
	return db_done(s, st, cause);
}

/* An item settled in a meeting stands on that meeting's list: taken off
 * the list, it is open again (logged), so that it never lies settled where
 * neither the list nor the minutes show it. 1 if it was reopened. */
static int carry_reopen_settled(struct store *s, int64_t meeting, int proposal, int64_t id,
				enum task_status status, char **cause)
{
	sqlite3_stmt *st =
	    proposal ? db_prep(s,
			       "UPDATE proposals SET status = 'open', closed_meeting_id = NULL"
			       " WHERE id = ?1 AND closed_meeting_id = ?2 AND status <> 'open'",
			       cause)
		     : db_prep(s,
			       "UPDATE directives SET status = 'open', closed_meeting_id = NULL"
			       " WHERE id = ?1 AND closed_meeting_id = ?2 AND status <> 'open'",
			       cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, meeting);
	if (db_done(s, st, cause) < 0)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return 0;
	char *what = xasprintf("%s %lld status", proposal ? "proposal" : "directive", (long long)id);
	int rc = store_log_change(s, meeting, what, task_status_name(status),
				  task_status_name(TS_OPEN), cause);
	free(what);
	return rc < 0 ? -1 : 1;
}

static int carry_change(struct store *s, int64_t meeting, enum carry_kind kind, int64_t id, int add,
			char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	int proposal = kind == CARRY_PROPOSAL;
	int64_t own;
	enum task_status status;
	char *text = NULL;
	if (store_meeting_writable(s, meeting, NULL, cause) < 0 ||
	    store_task_get(s, proposal, id, &own, &status, NULL, cause) < 0)
		goto fail;
	if (own == meeting) {
		set_cause(cause,
			  proposal ? _("proposal %lld belongs to meeting %lld itself")
				   : _("directive %lld belongs to meeting %lld itself"),
			  (long long)id, (long long)meeting);
		goto fail;
	}
	if ((add ? carry_insert(s, meeting, kind, id, cause)
		 : carry_delete(s, meeting, kind, id, cause)) < 0)
		goto fail;
	int reopened = 0;
	if (sqlite3_changes(s->db) > 0) {
		text = xasprintf("%s %lld", proposal ? "proposal" : "directive", (long long)id);
		if (store_log_change(s, meeting, "carried over", add ? NULL : text,
				     add ? text : NULL, cause) < 0)
			goto fail;
		if (!add &&
		    (reopened = carry_reopen_settled(s, meeting, proposal, id, status, cause)) < 0)
			goto fail;
	}
	free(text);
	if (store_write_end(s, meeting, 0, cause) < 0)
		return -1;
	return reopened;
fail:
	free(text);
	store_rollback(s);
	return -1;
}

int store_carry_add(struct store *s, int64_t meeting, enum carry_kind kind, int64_t id,
		    char **cause)
{
	return carry_change(s, meeting, kind, id, 1, cause);
}

int store_carry_remove(struct store *s, int64_t meeting, enum carry_kind kind, int64_t id,
		       char **cause)
{
	return carry_change(s, meeting, kind, id, 0, cause);
}
