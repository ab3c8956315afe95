/* store_live.c - what the live screen shows (store_live.h) and the
 * meeting's progress: start, moving between items, end. The live screen's
 * writes to a table live with the table (store_attendees.c, store_notes.c,
 * store_outcomes_edit.c, store_drafts.c); see store_write.h for the one
 * transaction policy, and for why live additions are not logged. */
#include "store_live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_review.h"
#include "store_rows.h"
#include "store_write.h"
#include "util.h"

/* ==== loading ==== */

void live_meeting_free(struct live_meeting *m)
{
	if (!m)
		return;
	free(m->title);
	free(m->starts_at);
	free(m->ends_at);
	for (size_t i = 0; i < m->n_items; i++) {
		free(m->items[i].title);
		free(m->items[i].presenter);
		free(m->items[i].started_at);
		free(m->items[i].ended_at);
	}
	free(m->items);
	for (size_t i = 0; i < m->n_attendees; i++)
		attendee_clear(&m->attendees[i]);
	free(m->attendees);
	for (size_t i = 0; i < m->n_units; i++)
		free(m->units[i]);
	free(m->units);
	free(m);
}

static void add_unit(struct live_meeting *m, const char *u)
{
	if (str_empty(u))
		return;
	for (size_t i = 0; i < m->n_units; i++)
		if (strcmp(m->units[i], u) == 0)
			return;
	m->units = xreallocarray(m->units, m->n_units + 1, sizeof *m->units);
	m->units[m->n_units++] = xstrdup(u);
}

static int load_items(struct store *s, struct live_meeting *m, char **cause)
{
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT a.id, a.title, a.presenter, a.started_at, a.ended_at,"
		    " (SELECT count(*) FROM notes n WHERE n.item_id = a.id), a.kind"
		    " FROM agenda_items a WHERE a.meeting_id = ?1 ORDER BY a.position, a.id",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	int r;
	while ((r = db_row(s, st, cause)) == 1) {
		m->items = xreallocarray(m->items, m->n_items + 1, sizeof *m->items);
		struct live_item *it = &m->items[m->n_items++];
		it->id = sqlite3_column_int64(st, 0);
		it->title = db_col_text(st, 1);
		it->presenter = db_col_text(st, 2);
		it->started_at = db_col_text(st, 3);
		it->ended_at = db_col_text(st, 4);
		it->n_notes = sqlite3_column_int(st, 5);
		const char *k = (const char *)sqlite3_column_text(st, 6);
		int kind = k ? item_kind_parse(k) : IK_AUTO;
		it->kind = kind < 0 ? IK_AUTO : (enum item_kind)kind;
	}
	if (r < 0)
		return -1;
	int64_t cur;
	if (store_current_item(s, m->id, &cur, cause) < 0)
		return -1;
	for (size_t i = 0; i < m->n_items; i++)
		if (m->items[i].id == cur)
			m->current = i;
	return 0;
}

static int load_people(struct store *s, struct live_meeting *m, char **cause)
{
	if (attendees_read(s, m->id, &m->attendees, &m->n_attendees, cause) < 0)
		return -1;
	for (size_t i = 0; i < m->n_attendees; i++)
		add_unit(m, m->attendees[i].unit);
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT u.name FROM units u JOIN meetings m ON u.cluster_id = m.cluster_id"
		    " WHERE m.id = ?1 ORDER BY u.position, u.id",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, m->id);
	int r;
	while ((r = db_row(s, st, cause)) == 1)
		add_unit(m, (const char *)sqlite3_column_text(st, 0));
	return r;
}

int store_live_load(struct store *s, int64_t meeting, struct live_meeting **out, char **cause)
{
	*out = NULL;
	sqlite3_stmt *st = db_prep(
	    s,
	    "SELECT title, status, starts_at, ends_at, coalesce(period_key, 0) FROM meetings"
	    " WHERE id = ?1",
	    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	if (r == 0)
		return set_cause(cause, _("no meeting with id %lld"), (long long)meeting);
	struct live_meeting *m = xcalloc(1, sizeof *m);
	m->id = meeting;
	m->title = db_col_text(st, 0);
	m->status = store_col_meeting_status(st, 1);
	m->starts_at = db_col_text(st, 2);
	m->ends_at = db_col_text(st, 3);
	m->period_key = (int)sqlite3_column_int64(st, 4);
	sqlite3_reset(st);
	if (load_items(s, m, cause) < 0 || load_people(s, m, cause) < 0) {
		live_meeting_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

/* ==== progress ==== */

/* Stamp the item (0: the current one) started if it never was. */
static int start_item(struct store *s, int64_t meeting, int64_t item, const char *now, char **cause)
{
	if (item && store_item_of(s, meeting, item, cause) < 0)
		return -1;
	if (!item && store_current_item(s, meeting, &item, cause) < 0)
		return -1;
	if (!item)
		return 0;
	return item_update(s, item, IC_START_ONCE, now, 0, cause);
}

int store_live_start(struct store *s, int64_t meeting, int64_t item, char **cause)
{
	return store_live_start_at(s, meeting, item, NULL, cause);
}

int store_live_start_at(struct store *s, int64_t meeting, int64_t item, const char *at,
			char **cause)
{
	enum meeting_status ms;
	char now[17];
	now_iso_minute(now);
	if (at && strlen(at) == 16)
		snprintf(now, sizeof now, "%s", at);
	if (store_write_begin(s, meeting, &ms, cause) < 0)
		return -1;
	int rc = 0;
	if (rc == 0 && ms == MS_DRAFT)
		rc = store_meeting_set_status(s, meeting, MS_LIVE, NULL, cause);
	if (rc == 0 && ms == MS_DRAFT) {
		rc = meeting_update(s, meeting, MC_STARTS_AT, now, 0, cause);
		ms = MS_LIVE;
	}
	if (rc == 0 && ms == MS_LIVE)
		rc = start_item(s, meeting, item, now, cause);
	return store_write_end(s, meeting, rc, cause);
}

int store_live_move(struct store *s, int64_t meeting, int64_t from, int64_t to, char **cause)
{
	return store_live_move_at(s, meeting, from, to, NULL, cause);
}

int store_live_move_at(struct store *s, int64_t meeting, int64_t from, int64_t to, const char *at,
		       char **cause)
{
	enum meeting_status ms;
	char now[17];
	now_iso_minute(now);
	if (at && strlen(at) == 16)
		snprintf(now, sizeof now, "%s", at);
	if (store_write_begin(s, meeting, &ms, cause) < 0)
		return -1;
	int rc = 0;
	if (rc == 0 && from)
		rc = store_item_of(s, meeting, from, cause);
	if (rc == 0)
		rc = store_item_of(s, meeting, to, cause);
	if (rc == 0 && ms == MS_LIVE && from != to) {
		if (from)
			rc = item_update(s, from, IC_ENDED_AT, now, 0, cause);
		if (rc == 0)
			rc = item_update(s, to, IC_RESUME, now, 0, cause);
	}
	return store_write_end(s, meeting, rc, cause);
}

int store_live_end(struct store *s, int64_t meeting, char **cause)
{
	return store_live_end_at(s, meeting, NULL, cause);
}

int store_live_end_at(struct store *s, int64_t meeting, const char *at, char **cause)
{
	enum meeting_status ms;
	char now[17];
	now_iso_minute(now);
	if (at && strlen(at) == 16)
		snprintf(now, sizeof now, "%s", at);
	if (store_write_begin(s, meeting, &ms, cause) < 0)
		return -1;
	int rc = 0;
	if (rc == 0 && ms != MS_LIVE)
		rc = set_cause(cause, _("meeting %lld is %s, not live"), (long long)meeting,
			       store_status_word(ms));
	if (rc == 0)
		rc = store_meeting_set_status(s, meeting, MS_CLOSED, NULL, cause);
	if (rc == 0)
		rc = item_update(s, meeting, IC_END_RUNNING, now, 0, cause);
	if (rc == 0)
		rc = meeting_update(s, meeting, MC_ENDS_AT, now, 0, cause);
	return store_write_end(s, meeting, rc, cause);
}
