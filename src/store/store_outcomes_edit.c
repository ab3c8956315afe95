/* store_outcomes_edit.c - the writes of the edit screen (store_edit.h) and
 * the live screen (store_live.h) to proposals, conclusions and directives,
 * through the tables' inserters and updaters (store_outcomes.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_edit.h"
#include "store_live.h"
#include "store_rows.h"
#include "store_write.h"
#include "text.h"
#include "util.h"

/* ==== proposals ==== */

int store_proposal_add(struct store *s, int64_t meeting, const char *unit, const char *text,
		       int64_t *id, char **cause)
{
	char *t = NULL, *u = NULL;
	if (text_nfc_trim(text, &t, cause) < 0)
		return -1;
	if (!t)
		return set_cause(cause, _("a proposal needs text"));
	if (text_nfc_trim(unit, &u, cause) < 0 || store_write_begin(s, meeting, NULL, cause) < 0) {
		free(t);
		free(u);
		return -1;
	}
	struct proposal row = {.unit = u, .text = t};
	int64_t pid = 0;
	int rc = proposal_insert(s, meeting, 0, STORE_APPEND, &row, &pid, cause);
	if (rc == 0) {
		if (id)
			*id = pid;
		rc = store_log_added(s, meeting, "proposal", pid, t, cause);
	}
	free(t);
	free(u);
	return store_write_end(s, meeting, rc, cause);
}

/* An answer edited: the note of a later item that gave it, the same
 * text (one in another item than the proposal's first), says it as
 * edited (else the minutes print both). */
static int answer_follow(struct store *s, int64_t meeting, int64_t id, const char *old,
			 const char *v, char **cause)
{
	return store_follow_text(s, meeting, id, old, v,
				 "SELECT id, text FROM notes WHERE meeting_id = ?1 AND kind = 'answer'"
				 " AND trim(text) = trim(?2) ORDER BY item_id IS"
				 " (SELECT item_id FROM proposals WHERE id = ?3), id LIMIT 1",
				 "note", "text", note_update, NC_TEXT, cause);
}

#define PROP_GET(col) "SELECT meeting_id, " col " FROM proposals WHERE id = ?1"
static const struct column proposal_cols[PF__COUNT] = {
    [PF_UNIT] = {"proposal", "unit", CK_TEXT, PROP_GET("unit"), proposal_update, TC_UNIT},
    [PF_TEXT] = {"proposal", "text", CK_REQUIRED, PROP_GET("text"), proposal_update, TC_TEXT},
    [PF_ANSWER] = {"proposal", "answer", CK_TEXT, PROP_GET("answer"), proposal_update, TC_ANSWER,
		   answer_follow},
    [PF_STATUS] = {"proposal", "status", CK_TASK, PROP_GET("status"), proposal_update, TC_STATUS},
};

int store_proposal_set(struct store *s, int64_t id, enum proposal_field f, const char *value,
		       char **cause)
{
	if ((unsigned)f >= PF__COUNT)
		return set_cause(cause, _("unknown proposal field"));
	return store_set_column(s, &proposal_cols[f], id, value, cause);
}

int store_proposal_delete(struct store *s, int64_t id, char **cause)
{
	return store_delete_row(s, "proposal", PROP_GET("text"),
				"DELETE FROM proposals WHERE id = ?1", id, cause);
}

static const struct order proposal_order = {
    "proposal", "SELECT meeting_id, meeting_id FROM proposals WHERE id = ?1",
    "SELECT id FROM proposals WHERE meeting_id = ?1 ORDER BY position, id", proposal_update,
    TC_POSITION};

int store_proposal_move(struct store *s, int64_t id, int delta, char **cause)
{
	return store_move_row(s, &proposal_order, id, delta, cause);
}

/* ==== conclusions ==== */

int store_conclusions_list(struct store *s, int64_t meeting, struct text_row **rows, size_t *n,
			   char **cause)
{
	*rows = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prep(
	    s, "SELECT id, text FROM conclusions WHERE meeting_id = ?1 ORDER BY position, id",
	    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		(*rows)[*n].id = sqlite3_column_int64(st, 0);
		(*rows)[*n].text = db_col_text(st, 1);
		(*n)++;
	}
	return r;
}

/* Append a conclusion or a directive: one text. */
static int add_text_row(struct store *s, int64_t meeting, const char *what, const char *text,
			int64_t *id, char **cause)
{
	char *t = NULL;
	if (text_nfc_trim(text, &t, cause) < 0)
		return -1;
	int directive = str_eq(what, "directive");
	if (!t)
		/* Whole sentences, so a translation can word them. */
		return set_cause(cause, "%s",
				 directive ? _("a directive needs text")
					   : _("a conclusion needs text"));
	if (store_write_begin(s, meeting, NULL, cause) < 0) {
		free(t);
		return -1;
	}
	int64_t rid = 0;
	struct directive d = {.text = t};
	int rc = directive ? directive_insert(s, meeting, STORE_APPEND, &d, &rid, cause)
			   : conclusion_insert(s, meeting, STORE_APPEND, t, &rid, cause);
	if (rc == 0) {
		if (id)
			*id = rid;
		rc = store_log_added(s, meeting, what, rid, t, cause);
	}
	free(t);
	return store_write_end(s, meeting, rc, cause);
}

int store_conclusion_add(struct store *s, int64_t meeting, const char *text, int64_t *id,
			 char **cause)
{
	return add_text_row(s, meeting, "conclusion", text, id, cause);
}

static const struct column conclusion_col = {
    "conclusion",      "text",
    CK_REQUIRED,       "SELECT meeting_id, text FROM conclusions WHERE id = ?1",
    conclusion_update, TC_TEXT,
    NULL};

int store_conclusion_set(struct store *s, int64_t id, const char *text, char **cause)
{
	return store_set_column(s, &conclusion_col, id, text, cause);
}

int store_conclusion_delete(struct store *s, int64_t id, char **cause)
{
	return store_delete_row(s, "conclusion",
				"SELECT meeting_id, text FROM conclusions WHERE id = ?1",
				"DELETE FROM conclusions WHERE id = ?1", id, cause);
}

static const struct order conclusion_order = {
    "conclusion", "SELECT meeting_id, meeting_id FROM conclusions WHERE id = ?1",
    "SELECT id FROM conclusions WHERE meeting_id = ?1 ORDER BY position, id", conclusion_update,
    TC_POSITION};

int store_conclusion_move(struct store *s, int64_t id, int delta, char **cause)
{
	return store_move_row(s, &conclusion_order, id, delta, cause);
}

/* ==== directives ==== */

int store_directive_add(struct store *s, int64_t meeting, const char *text, int64_t *id,
			char **cause)
{
	return add_text_row(s, meeting, "directive", text, id, cause);
}

#define DIR_GET(col) "SELECT meeting_id, " col " FROM directives WHERE id = ?1"
static const struct column directive_cols[DF__COUNT] = {
    [DF_TEXT] = {"directive", "text", CK_REQUIRED, DIR_GET("text"), directive_update, TC_TEXT},
    [DF_OWNER] = {"directive", "owner", CK_TEXT, DIR_GET("owner"), directive_update, TC_OWNER},
    [DF_DUE] = {"directive", "due", CK_DATE, DIR_GET("due"), directive_update, TC_DUE},
    [DF_STATUS] = {"directive", "status", CK_TASK, DIR_GET("status"), directive_update, TC_STATUS},
};

int store_directive_set(struct store *s, int64_t id, enum directive_field f, const char *value,
			char **cause)
{
	if ((unsigned)f >= DF__COUNT)
		return set_cause(cause, _("unknown directive field"));
	return store_set_column(s, &directive_cols[f], id, value, cause);
}

int store_directive_delete(struct store *s, int64_t id, char **cause)
{
	return store_delete_row(s, "directive", DIR_GET("text"),
				"DELETE FROM directives WHERE id = ?1", id, cause);
}

static const struct order directive_order = {
    "directive", "SELECT meeting_id, meeting_id FROM directives WHERE id = ?1",
    "SELECT id FROM directives WHERE meeting_id = ?1 ORDER BY position, id", directive_update,
    TC_POSITION};

int store_directive_move(struct store *s, int64_t id, int delta, char **cause)
{
	return store_move_row(s, &directive_order, id, delta, cause);
}

/* ==== the live screen (store_live.h) ==== */

int store_live_proposal_add(struct store *s, int64_t meeting, const struct live_note *n,
			    const char *unit, int clear_draft, int64_t *id, char **cause)
{
	char *t = NULL, *u = NULL, *sp = NULL;
	char now[17];
	if (n->at)
		snprintf(now, sizeof now, "%s", n->at);
	else
		now_iso_minute(now);
	if (store_required_text("proposal", n->text, &t, cause) < 0 ||
	    store_optional_text("unit", unit, &u, cause) < 0 ||
	    store_optional_text("speaker", n->speaker, &sp, cause) < 0) {
		free(t);
		free(u);
		return -1;
	}
	enum meeting_status ms;
	if (store_write_begin(s, meeting, &ms, cause) < 0) {
		free(t);
		free(u);
		free(sp);
		return -1;
	}
	int64_t it = 0, nid = 0, pid = 0;
	int rc = store_note_item(s, meeting, ms, n->item, now, &it, cause);
	/* The note of kind proposal, at its time in the item's timeline; its
	 * proposal comes with it (db/007_proposal_notes.sql). */
	if (rc == 0) {
		struct note row = {.at = now,
				   .speaker = sp,
				   .kind = NK_PROPOSAL,
				   .text = t,
				   .after_conclusions = store_after_conclusions(s, meeting)};
		rc = note_insert(s, meeting, it, STORE_APPEND, &row, &nid, cause);
	}
	if (rc == 0) {
		sqlite3_stmt *st = db_prep(s, "SELECT id FROM proposals WHERE note_id = ?1", cause);
		rc = st ? 0 : -1;
		if (st) {
			db_bind_int(st, 1, nid);
			int r = db_row(s, st, cause);
			if (r == 1)
				pid = sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
			rc = r < 0 ? -1
			     : r == 0
				 ? set_cause(cause, "proposal of note %lld missing", (long long)nid)
				 : 0;
		}
	}
	if (rc == 0 && u)
		rc = proposal_update(s, pid, TC_UNIT, u, 0, cause);
	if (rc == 0)
		rc = store_log_live_addition(s, meeting, ms, "proposal added", t, cause);
	if (rc == 0 && clear_draft)
		rc = draft_clear_text(s, meeting, cause);
	free(t);
	free(u);
	free(sp);
	if (store_write_end(s, meeting, rc, cause) < 0)
		return -1;
	if (id)
		*id = pid;
	return 0;
}

int store_live_proposal_answer(struct store *s, int64_t proposal, const char *answer,
			       enum task_status status, int *renoted, char **cause)
{
	if (renoted)
		*renoted = 0;
	char *a = NULL, *old = NULL;
	int64_t meeting = 0;
	enum task_status was;
	if (store_optional_text("answer", answer, &a, cause) < 0)
		return -1;
	if (store_begin(s, cause) < 0) {
		free(a);
		return -1;
	}
	int rc = store_task_get(s, 1, proposal, &meeting, &was, &old, cause);
	if (rc < 0) {
		store_rollback(s);
		free(a);
		return -1;
	}
	enum meeting_status ms = MS_DRAFT;
	rc = store_meeting_writable(s, meeting, &ms, cause);
	if (rc == 0)
		rc = proposal_update(s, proposal, TC_ANSWER, a, 0, cause);
	/* Answered again: the note that gave the answer before says it anew. */
	if (rc == 0 && !str_eq(old, a)) {
		int r = answer_follow(s, meeting, proposal, old, a, cause);
		if (r < 0)
			rc = -1;
		else if (renoted)
			*renoted = r;
	}
	/* Answered in its own meeting: that is where it was settled. */
	if (rc == 0)
		rc = proposal_update(s, proposal, TC_STATUS_IN, task_status_name(status),
				     status == TS_OPEN ? 0 : meeting, cause);
	if (rc == 0 && ms == MS_CLOSED) {
		char what[64];
		char *ov = xasprintf("%s: %s", task_status_name(was), old ? old : "");
		char *nv = xasprintf("%s: %s", task_status_name(status), a ? a : "");
		snprintf(what, sizeof what, "proposal %lld answer", (long long)proposal);
		rc = store_log_change(s, meeting, what, ov, nv, cause);
		free(ov);
		free(nv);
	}
	free(old);
	free(a);
	return store_write_end(s, meeting, rc, cause);
}

int store_live_conclusion_add(struct store *s, int64_t meeting, const char *text, int64_t *id,
			      char **cause)
{
	char *t = NULL;
	if (store_required_text("conclusion", text, &t, cause) < 0)
		return -1;
	enum meeting_status ms;
	if (store_write_begin(s, meeting, &ms, cause) < 0) {
		free(t);
		return -1;
	}
	int rc = conclusion_insert(s, meeting, STORE_APPEND, t, id, cause);
	if (rc == 0)
		rc = store_notes_before_conclusions(s, meeting, cause);
	if (rc == 0)
		rc = store_log_live_addition(s, meeting, ms, "conclusion added", t, cause);
	free(t);
	return store_write_end(s, meeting, rc, cause);
}

int store_live_directive_add(struct store *s, int64_t meeting, const char *text, const char *owner,
			     const char *due, int64_t *id, char **cause)
{
	char *t = NULL, *o = NULL, *d = NULL;
	if (store_required_text("directive", text, &t, cause) < 0 ||
	    store_optional_text("owner", owner, &o, cause) < 0 ||
	    store_optional_text("due date", due, &d, cause) < 0) {
		free(t);
		free(o);
		return -1;
	}
	if (d) {
		/* The same rule as everywhere else: a real day, ISO or dd/mm/yyyy. */
		char *iso = store_parse_date(d, cause);
		free(d);
		d = iso;
		if (!d) {
			free(t);
			free(o);
			return -1;
		}
	}
	if (store_begin(s, cause) < 0) {
		free(t);
		free(o);
		free(d);
		return -1;
	}
	enum meeting_status ms;
	int rc = store_meeting_writable(s, meeting, &ms, cause);
	if (rc == 0) {
		struct directive row = {.text = t, .owner = o, .due = d};
		rc = directive_insert(s, meeting, STORE_APPEND, &row, id, cause);
	}
	if (rc == 0)
		rc = store_notes_before_conclusions(s, meeting, cause);
	if (rc == 0)
		rc = store_log_live_addition(s, meeting, ms, "directive added", t, cause);
	free(t);
	free(o);
	free(d);
	return store_write_end(s, meeting, rc, cause);
}
