/* store_meeting_edit.c - editing a meeting's own row (store_edit.h):
 * its fields and references, a new draft, deleting a draft. Written
 * through meeting_update, the meetings table's one updater. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "store_edit.h"
#include "store_rows.h"
#include "store_write.h"
#include "text.h"
#include "util.h"

#define MEETING_GET(col) "SELECT id, " col " FROM meetings WHERE id = ?1"
static const struct column meeting_text_cols[MF__COUNT] = {
    [MF_TITLE] = {"meeting", "title", CK_REQUIRED, MEETING_GET("title"), meeting_update, MC_TITLE},
    [MF_STARTS_AT] = {"meeting", "starts_at", CK_TIME, MEETING_GET("starts_at"), meeting_update,
		      MC_STARTS_AT},
    [MF_ENDS_AT] = {"meeting", "ends_at", CK_TIME, MEETING_GET("ends_at"), meeting_update,
		    MC_ENDS_AT},
    [MF_LOCATION] = {"meeting", "location", CK_TEXT, MEETING_GET("location"), meeting_update,
		     MC_LOCATION},
    [MF_HOST_UNIT] = {"meeting", "host_unit", CK_TEXT, MEETING_GET("host_unit"), meeting_update,
		      MC_HOST_UNIT},
    [MF_DOCUMENT_NUMBER] = {"meeting", "document_number", CK_TEXT, MEETING_GET("document_number"),
			    meeting_update, MC_DOCUMENT_NUMBER},
    [MF_NOTICE_NUMBER] = {"meeting", "notice_number", CK_TEXT, MEETING_GET("notice_number"),
			  meeting_update, MC_NOTICE_NUMBER},
};

/* The old value of one column of the meeting (allocated, NULL for NULL);
 * sql selects it by ?1. With *extra (if not NULL) the second column. */
static int old_value(struct store *s, const char *sql, int64_t id, char **old, char **extra,
		     char **cause)
{
	sqlite3_stmt *st = db_prep(s, sql, cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	if (db_row(s, st, cause) == 1) {
		*old = db_col_text(st, 0);
		if (extra)
			*extra = db_col_text(st, 1);
		sqlite3_reset(st);
	}
	return 0;
}

/* Each setter below: *old and *newv receive what the change log shows. */
static int set_cluster(struct store *s, int64_t id, const char *v, char **old, char **newv,
		       char **cause)
{
	long n = 0;
	char *end = NULL;
	if (v)
		n = strtol(v, &end, 10);
	if (v && (*end || n < 0 || n > 100000))
		return set_cause(cause, _("cluster: \"%s\" is not a cluster number"), v);
	int64_t cid = 0;
	if (n > 0 && store_cluster_ensure(s, (int)n, NULL, &cid, cause) < 0)
		return -1;
	if (old_value(s,
		      "SELECT (SELECT number FROM clusters c WHERE c.id = m.cluster_id)"
		      " FROM meetings m WHERE m.id = ?1",
		      id, old, NULL, cause) < 0)
		return -1;
	*newv = n > 0 ? xasprintf("%ld", n) : NULL;
	return meeting_update(s, id, MC_CLUSTER_ID, NULL, cid, cause);
}

static int set_period(struct store *s, int64_t id, const char *v, char **old, char **newv,
		      char **cause)
{
	int q = 0, y = 0;
	if (v && period_parse(v, &q, &y) < 0)
		return set_cause(cause, _("period: \"%s\" is not a quarter like I/2023"), v);
	*newv = v ? period_normalize(v) : NULL;
	if (old_value(s, "SELECT period FROM meetings WHERE id = ?1", id, old, NULL, cause) < 0)
		return -1;
	return meeting_update(s, id, MC_PERIOD, *newv, v ? y * 10 + q : 0, cause);
}

static int set_conference(struct store *s, int64_t id, const char *v, char **old, char **newv,
			  char **cause)
{
	int64_t cid = 0;
	char *period = NULL;
	if (old_value(s,
		      "SELECT f.title, m.period FROM meetings m LEFT JOIN conferences f"
		      " ON f.id = m.conference_id WHERE m.id = ?1",
		      id, old, &period, cause) < 0)
		return -1;
	int rc = v ? store_conference_ensure(s, v, period, &cid, cause) : 0;
	free(period);
	if (rc < 0)
		return -1;
	*newv = v ? xstrdup(v) : NULL;
	return meeting_update(s, id, MC_CONFERENCE_ID, NULL, cid, cause);
}

/* Conference, cluster and period: references and derived columns. */
static int set_meeting_ref(struct store *s, int64_t id, enum meeting_field f, const char *value,
			   char **cause)
{
	char *v = NULL;
	if (text_nfc_trim(value, &v, cause) < 0)
		return -1;
	if (store_write_begin(s, id, NULL, cause) < 0) {
		free(v);
		return -1;
	}
	char *old = NULL, *newv = NULL;
	const char *what = f == MF_CLUSTER ? "cluster" : f == MF_PERIOD ? "period" : "conference";
	int rc = f == MF_CLUSTER  ? set_cluster(s, id, v, &old, &newv, cause)
		 : f == MF_PERIOD ? set_period(s, id, v, &old, &newv, cause)
				  : set_conference(s, id, v, &old, &newv, cause);
	if (rc == 0 && !(str_eq(old, newv) && (!old) == (!newv))) {
		char *w = xasprintf("meeting %lld: %s", (long long)id, what);
		rc = store_log_change(s, id, w, old, newv, cause);
		free(w);
	}
	free(v);
	free(old);
	free(newv);
	return store_write_end(s, id, rc, cause);
}

/* "II/2023" of "2023-04-12T08:30" (the quarter of its month), allocated,
 * or NULL. */
static char *quarter_of(const char *iso)
{
	static const char *const q[] = {"I", "II", "III", "IV"};
	int y, m;
	if (!iso || sscanf(iso, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
		return NULL;
	return xasprintf("%s/%d", q[(m - 1) / 3], y);
}

/* The period that follows a meeting's title and start: the one the title
 * names ("… quý II/2023": a meeting held in July about the second
 * quarter), else the quarter of the start. Allocated, or NULL. */
static char *period_auto(const char *title, const char *start)
{
	char *p = period_in_title(title);
	return p ? p : quarter_of(start);
}

/* After the title or the start changed: a period that was empty, or the
 * one that followed the old title and start (or the old start's quarter),
 * follows the new ones (a period typed by hand for another quarter is
 * kept). Logged. */
static int follow_period(struct store *s, int64_t id, const char *title, const char *start,
			 const char *period, char **cause)
{
	char *now_title = NULL, *now_start = NULL;
	int rc = old_value(s, "SELECT title, starts_at FROM meetings WHERE id = ?1", id, &now_title,
			   &now_start, cause);
	char *was = period_auto(title, start), *was_q = quarter_of(start);
	char *q = period_auto(now_title, now_start);
	if (rc == 0 && q && (!period || str_eq(period, was) || str_eq(period, was_q)) &&
	    !str_eq(q, period)) {
		char *old = NULL, *newv = NULL;
		rc = set_period(s, id, q, &old, &newv, cause);
		if (rc == 0) {
			char *w = xasprintf("meeting %lld: period", (long long)id);
			rc = store_log_change(s, id, w, old, newv, cause);
			free(w);
		}
		free(old);
		free(newv);
	}
	free(was);
	free(was_q);
	free(q);
	free(now_title);
	free(now_start);
	return rc;
}

/* The title or the start, and the period with them (follow_period). */
static int set_title_or_start(struct store *s, int64_t id, enum meeting_field f, const char *value,
			      char **cause)
{
	if (store_write_begin(s, id, NULL, cause) < 0)
		return -1;
	char *title = NULL, *start = NULL, *period = NULL, *unused = NULL;
	int rc = old_value(s, "SELECT title, starts_at FROM meetings WHERE id = ?1", id, &title,
			   &start, cause);
	if (rc == 0)
		rc = old_value(s, "SELECT period, NULL FROM meetings WHERE id = ?1", id, &period,
			       &unused, cause);
	if (rc == 0)
		rc = store_set_column(s, &meeting_text_cols[f], id, value, cause);
	if (rc == 0)
		rc = follow_period(s, id, title, start, period, cause);
	free(title);
	free(start);
	free(period);
	free(unused);
	return store_write_end(s, id, rc, cause);
}

int store_meeting_set(struct store *s, int64_t id, enum meeting_field f, const char *value,
		      char **cause)
{
	if ((unsigned)f >= MF__COUNT)
		return set_cause(cause, _("unknown meeting field"));
	if (f == MF_CLUSTER || f == MF_PERIOD || f == MF_CONFERENCE)
		return set_meeting_ref(s, id, f, value, cause);
	if (f == MF_STARTS_AT || f == MF_TITLE)
		return set_title_or_start(s, id, f, value, cause);
	return store_set_column(s, &meeting_text_cols[f], id, value, cause);
}

int store_meeting_create(struct store *s, const char *title, const char *starts_at, int cluster,
			 const char *period, int64_t *id, char **cause)
{
	char *t = NULL, *start = NULL;
	char now[17];
	if (text_nfc_trim(title, &t, cause) < 0)
		return -1;
	if (!t)
		return set_cause(cause, _("a meeting needs a title"));
	if (starts_at) {
		start = store_parse_time(starts_at, NULL, cause);
		if (!start) {
			free(t);
			return -1;
		}
	} else {
		now_iso_minute(now);
		start = xstrdup(now);
	}
	struct meeting *m = meeting_new();
	m->title = t;
	m->starts_at = start;
	/* No cluster given (a new meeting from the home screen's list of all
	 * clusters): the one the title names. */
	m->cluster = cluster > 0 ? cluster : cluster_in_title(t);
	/* No period given: the one the title names, else the quarter of the
	 * start. */
	m->period = period ? xstrdup(period) : period_auto(t, start);
	m->status = MS_DRAFT;
	int rc = store_meeting_insert(s, m, id, cause);
	meeting_free(m);
	return rc;
}

int store_meeting_delete(struct store *s, int64_t id, char **cause)
{
	enum meeting_status st;
	if (store_write_begin(s, id, &st, cause) < 0)
		return -1;
	if (st != MS_DRAFT) {
		store_rollback(s);
		return set_cause(cause, _("only a draft meeting can be deleted"));
	}
	sqlite3_stmt *q = db_prep(s, "DELETE FROM meetings WHERE id = ?1", cause);
	int rc = -1;
	if (q) {
		db_bind_int(q, 1, id);
		rc = db_done(s, q, cause);
	}
	/* The meeting is gone: nothing to stamp. */
	return store_write_end(s, 0, rc, cause);
}
