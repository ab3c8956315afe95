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

/* The objects of a change, as stored, and as a reader sees them. */
static const char *const objects[] = {"meeting",  "attendee",	"agenda item", "note",
				      "proposal", "conclusion", "directive"};

void change_phrase_parse(const char *phrase, const char *old_value, const char *new_value,
			 char **what, int64_t *item, char **field)
{
	*item = 0;
	*field = NULL;
	if (str_eq(phrase, "status")) {
		*what = xstrdup("meeting");
		*field = xstrdup("status");
		return;
	}
	const char *v = new_value ? new_value : old_value;
	if (str_eq(phrase, "carried over") && v) {
		for (size_t i = 4; i < BB_ARRAY_LEN(objects); i += 2) { /* proposal, directive */
			size_t n = strlen(objects[i]);
			if (strncmp(v, objects[i], n) == 0 && v[n] == ' ' && v[n + 1] >= '0' &&
			    v[n + 1] <= '9') {
				*what = xstrdup(objects[i]);
				*item = strtoll(v + n + 1, NULL, 10);
				*field = xstrdup("carried over");
				return;
			}
		}
	}
	for (size_t i = 0; i < BB_ARRAY_LEN(objects); i++) {
		size_t n = strlen(objects[i]);
		if (strncmp(phrase, objects[i], n) != 0 || phrase[n] != ' ')
			continue;
		const char *rest = phrase + n + 1;
		if (str_eq(rest, "added")) {
			*what = xstrdup(objects[i]);
			*field = xstrdup("added");
			return;
		}
		if (*rest < '0' || *rest > '9')
			break;
		char *end;
		long long id = strtoll(rest, &end, 10);
		if (*end == ':')
			end++;
		if (*end != ' ' || !end[1])
			break;
		*what = xstrdup(objects[i]);
		*item = id;
		*field = xstrdup(end + 1);
		return;
	}
	*what = xstrdup(phrase);
}

int change_log_insert(struct store *s, int64_t meeting, const char *what, const char *old_value,
		      const char *new_value, const char *reason, char **cause)
{
	char now[32];
	now_iso_second(now);
	struct change_entry e = {.at = now,
				 .who = (char *)store_user(),
				 .old_value = (char *)old_value,
				 .new_value = (char *)new_value,
				 .reason = (char *)reason};
	change_phrase_parse(what, old_value, new_value, &e.what, &e.item, &e.field);
	if (str_eq(e.what, "meeting") && !e.item)
		e.item = meeting; /* "status" */
	int rc = change_log_put(s, meeting, &e, cause);
	free(e.what);
	free(e.field);
	return rc;
}

int change_log_put(struct store *s, int64_t meeting, const struct change_entry *e, char **cause)
{
	sqlite3_stmt *st =
	    db_prep(s,
		    "INSERT INTO change_log(meeting_id, at, who, what, item_id, field,"
		    " old_value, new_value, reason) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, meeting);
	db_bind_text(st, 2, e->at);
	db_bind_text(st, 3, e->who);
	db_bind_text(st, 4, e->what);
	db_bind_id(st, 5, e->item);
	db_bind_text(st, 6, e->field);
	db_bind_text(st, 7, e->old_value);
	db_bind_text(st, 8, e->new_value);
	db_bind_text(st, 9, e->reason);
	return db_done(s, st, cause);
}

/* ==== the change log in words ==== */

const char *change_object_word(const char *what)
{
	/* The change log's objects, and the other rows check names. */
	static const char *const words[] = {
	    NC_("object", "meeting"), NC_("object", "attendee"),   NC_("object", "agenda item"),
	    NC_("object", "item"),    NC_("object", "note"),	   NC_("object", "proposal"),
	    NC_("object", "answer"),  NC_("object", "conclusion"), NC_("object", "directive"),
	    NC_("object", "cluster"), NC_("object", "unit"),	   NC_("object", "person"),
	    NC_("object", "setting"), NC_("object", "row")};
	for (size_t i = 0; what && i < BB_ARRAY_LEN(words); i++)
		if (str_eq(what, strchr(words[i], '\004') + 1))
			return C_(words[i]);
	return what;
}

/* The fields, as the change log names them (a column of the store, or
 * what happened to the whole row), and as errors and check name them. */
static const char *const fields[][2] = {
    {"added", N_("added")},
    {"deleted", N_("deleted")},
    {"position", N_("position")},
    {"carried over", N_("carried over")},
    {"status", N_("status")},
    {"title", N_("title")},
    {"presenter", N_("presenter")},
    {"planned_start", N_("planned start")},
    {"planned_end", N_("planned end")},
    {"started_at", N_("started at")},
    {"ended_at", N_("ended at")},
    {"name", N_("name")},
    {"unit", N_("unit")},
    {"role", N_("role")},
    {"presence", N_("presence")},
    {"substitute_for", N_("standing in for")},
    {"reason", N_("reason")},
    {"arrived_at", N_("arrived at")},
    {"starts_at", N_("start")},
    {"ends_at", N_("end")},
    {"location", N_("location")},
    {"host_unit", N_("host unit")},
    {"document_number", N_("document number")},
    {"notice_number", N_("notice number")},
    {"conference", N_("conference")},
    {"cluster", N_("cluster")},
    {"period", N_("period")},
    {"at", N_("time")},
    {"speaker", N_("speaker")},
    {"kind", N_("kind")},
    {"text", N_("text")},
    {"after_conclusions", N_("after the conclusions")},
    {"answer", N_("answer")},
    {"owner", N_("owner")},
    {"due", N_("due date")},
    {"due date", N_("due date")},
    {"host unit", N_("host unit")},
    {"document number", N_("document number")},
    {"substitute for", N_("standing in for")},
    {"cluster name", N_("cluster name")},
    {"draft", N_("unfinished note")},
};

const char *change_field_word(const char *field)
{
	for (size_t i = 0; field && i < BB_ARRAY_LEN(fields); i++)
		if (str_eq(field, fields[i][0]))
			return _(fields[i][1]);
	return change_object_word(field);
}

static char *entry_words(const struct change_entry *e, int named)
{
	/* TRANSLATORS: what a change-log entry changed. */
	static const char *const object_words[] = {
	    N_("Meeting"),  N_("Attendee"),   N_("Agenda item"), N_("Note"),
	    N_("Proposal"), N_("Conclusion"), N_("Directive")};
	const char *obj = e->what ? e->what : "";
	for (size_t i = 0; i < BB_ARRAY_LEN(objects); i++)
		if (str_eq(obj, objects[i]))
			obj = _(object_words[i]);
	if (!e->field)
		return xstrdup(obj);
	const char *field = change_field_word(e->field);
	if (str_eq(e->field, "carried over") && !e->new_value)
		field = _("no longer carried over");
	/* The meeting's own fields: it is the meeting of the log. */
	if (str_eq(e->what, "meeting"))
		return xstrdup(field);
	if (e->item && e->name && named)
		/* TRANSLATORS: a change-log entry naming who or what the row
		 * is now: "Attendee 18 (Lê Văn Ba): presence". */
		return xasprintf(_("%s %lld (%s): %s"), obj, (long long)e->item, e->name, field);
	if (e->item)
		/* TRANSLATORS: a change-log entry: "Note 52: text". */
		return xasprintf(_("%s %lld: %s"), obj, (long long)e->item, field);
	/* TRANSLATORS: a change-log entry without an id: "Note: added". */
	return xasprintf(_("%s: %s"), obj, field);
}

char *change_entry_words(const struct change_entry *e)
{
	return entry_words(e, 0);
}

char *change_entry_words_named(const struct change_entry *e)
{
	return entry_words(e, 1);
}

char *change_value_words(const struct change_entry *e, const char *value)
{
	if (!value)
		return NULL;
	if (!e->field)
		return xstrdup(value);
	if (str_eq(e->field, "carried over")) {
		/* "directive 12", as stored (English, like every stored value):
		 * in the reader's words, "Nhiệm vụ 12". */
		static const char *const carried[][2] = {{"directive ", N_("Directive")},
							 {"proposal ", N_("Proposal")}};
		for (size_t i = 0; i < BB_ARRAY_LEN(carried); i++) {
			size_t l = strlen(carried[i][0]);
			if (strncmp(value, carried[i][0], l) == 0)
				return xasprintf("%s %s", _(carried[i][1]), value + l);
		}
		return xstrdup(value);
	}
	size_t n = strcspn(value, " ");
	char word[16];
	if (n >= sizeof word)
		return xstrdup(value);
	memcpy(word, value, n);
	word[n] = '\0';
	const char *w = NULL;
	int v = -1;
	if (str_eq(e->field, "status") && str_eq(e->what, "meeting")) {
		if ((v = meeting_status_parse(word)) >= 0)
			w = meeting_status_word((enum meeting_status)v);
	} else if (str_eq(e->field, "status")) {
		if ((v = task_status_parse(word)) >= 0)
			w = task_status_word((enum task_status)v);
	} else if (str_eq(e->field, "presence")) {
		if ((v = presence_parse(word)) >= 0)
			w = presence_word((enum presence)v);
	} else if (str_eq(e->field, "kind")) {
		if ((v = note_kind_parse(word)) >= 0)
			w = note_kind_word((enum note_kind)v);
	} else if (str_eq(e->field, "role")) {
		if ((v = role_parse(word)) >= 0)
			w = role_word((enum role)v);
	}
	return w ? xasprintf("%s%s", w, value + n) : xstrdup(value);
}

/* ==== the change log ==== */

void change_entry_free(struct change_entry *e)
{
	if (!e)
		return;
	free(e->at);
	free(e->who);
	free(e->what);
	free(e->field);
	free(e->old_value);
	free(e->new_value);
	free(e->reason);
	free(e->name);
}

char *change_log_tsv(const struct change_entry *e, size_t n)
{
	struct strbuf sb = {0};
	strbuf_adds(&sb, "at\twho\twhat\told\tnew\treason\n");
	for (size_t i = 0; i < n; i++) {
		char *what = change_entry_words(&e[i]);
		char *old = change_value_words(&e[i], e[i].old_value);
		char *new = change_value_words(&e[i], e[i].new_value);
		const char *f[] = {e[i].at, e[i].who, what, old, new, e[i].reason};
		for (size_t k = 0; k < BB_ARRAY_LEN(f); k++) {
			char *vis = text_visible(f[k] ? f[k] : "", 0);
			if (k)
				strbuf_addc(&sb, '\t');
			strbuf_adds(&sb, vis);
			free(vis);
		}
		free(what);
		free(old);
		free(new);
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
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT id, at, who, what, old_value, new_value, reason, item_id,"
		    " field, CASE what"
		    "  WHEN 'attendee' THEN (SELECT name FROM attendees WHERE id = item_id)"
		    "  WHEN 'agenda item' THEN (SELECT title FROM agenda_items WHERE id = item_id)"
		    "  WHEN 'note' THEN (SELECT speaker FROM notes WHERE id = item_id)"
		    "  WHEN 'proposal' THEN (SELECT unit FROM proposals WHERE id = item_id)"
		    "  WHEN 'directive' THEN (SELECT owner FROM directives WHERE id = item_id) END"
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
		e->item = sqlite3_column_int64(st, 7);
		e->field = db_col_text(st, 8);
		e->name = db_col_text(st, 9);
	}
	return r;
}
