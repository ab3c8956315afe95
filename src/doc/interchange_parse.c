/* interchange_parse.c - parse and validate a bienban/1 document (SPEC
 * section 5) into meetings, clusters, settings and follow-up references. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "interchange.h"
#include "interchange_field.h"
#include "text.h"

static int ic_parse_org(json_t *o, struct org *org, struct strbuf *warnings, char **cause)
{
	static const char *const known[] = {"issuer",
					    "place",
					    "symbol",
					    "superior",
					    "recipients",
					    "notice_signer_for",
					    "notice_signer_title",
					    "notice_signer_name",
					    "notice_body_org",
					    NULL};
	const char *path = "organization";
	if (ic_expect_object(o, path, cause) < 0)
		return -1;
	ic_warn_unknown(o, path, known, warnings);
	json_t *issuer = json_object_get(o, "issuer");
	if (json_is_string(issuer)) { /* one line given as a plain string */
		org->issuer = xcalloc(1, sizeof *org->issuer);
		org->n_issuer = 1;
		if (ic_get_str(o, "issuer", path, S_ANY, &org->issuer[0], cause) < 0)
			return -1;
	} else if (ic_get_strv(o, "issuer", path, &org->issuer, &org->n_issuer, cause) < 0)
		return -1;
	if (ic_get_strv(o, "recipients", path, &org->recipients, &org->n_recipients, cause) < 0)
		return -1;
	/* "recipients": [] empties the list on purpose (a dotted line in the
	 * documents); no member keeps the default list. */
	if (!org->recipients && json_is_array(json_object_get(o, "recipients")))
		org->recipients = xcalloc(1, sizeof *org->recipients);
	if (ic_get_str(o, "place", path, S_ANY, &org->place, cause) < 0 ||
	    ic_get_str(o, "symbol", path, S_ANY, &org->symbol, cause) < 0 ||
	    ic_get_str(o, "superior", path, S_ANY, &org->superior, cause) < 0 ||
	    ic_get_str(o, "notice_signer_for", path, S_ANY, &org->notice_signer_for, cause) < 0 ||
	    ic_get_str(o, "notice_signer_title", path, S_ANY, &org->notice_signer_title, cause) <
		0 ||
	    ic_get_str(o, "notice_signer_name", path, S_ANY, &org->notice_signer_name, cause) < 0 ||
	    ic_get_str(o, "notice_body_org", path, S_ANY, &org->notice_body_org, cause) < 0)
		return -1;
	return 0;
}

static int parse_cluster(json_t *o, const char *path, struct cluster *c, struct strbuf *warnings,
			 char **cause)
{
	static const char *const known[] = {"number", "name", "units", NULL};
	if (ic_expect_object(o, path, cause) < 0)
		return -1;
	ic_warn_unknown(o, path, known, warnings);
	if (ic_get_cluster_number(o, "number", path, 1, &c->number, cause) < 0 ||
	    ic_get_str(o, "name", path, S_ANY, &c->name, cause) < 0 ||
	    ic_get_strv(o, "units", path, &c->units, &c->n_units, cause) < 0)
		return -1;
	return 0;
}

static int parse_attendee(json_t *o, const char *path, struct attendee *a, struct strbuf *warnings,
			  char **cause)
{
	static const char *const known[] = {"name",	  "title",	    "unit",
					    "role",	  "presence",	    "reason",
					    "arrived_at", "substitute_for", NULL};
	if (ic_expect_object(o, path, cause) < 0)
		return -1;
	ic_warn_unknown(o, path, known, warnings);
	int role, presence;
	if (ic_get_str(o, "name", path, S_REQUIRED, &a->name, cause) < 0 ||
	    ic_get_str(o, "title", path, S_ANY, &a->title, cause) < 0 ||
	    ic_get_str(o, "unit", path, S_ANY, &a->unit, cause) < 0 ||
	    ic_get_enum(o, "role", path, role_parse, "chair, secretary, delegate, guest, reporter",
			ROLE_DELEGATE, &role, cause) < 0 ||
	    ic_get_enum(o, "presence", path, presence_parse, "present, late, excused, absent",
			PRES_PRESENT, &presence, cause) < 0 ||
	    ic_get_str(o, "reason", path, S_ANY, &a->reason, cause) < 0 ||
	    ic_get_str(o, "arrived_at", path, S_TIME, &a->arrived_at, cause) < 0 ||
	    ic_get_str(o, "substitute_for", path, S_ANY, &a->substitute_for, cause) < 0)
		return -1;
	a->role = (enum role)role;
	a->presence = (enum presence)presence;
	return 0;
}

static int parse_note(json_t *o, const char *path, struct note *n, struct strbuf *warnings,
		      char **cause)
{
	static const char *const known[] = {"at", "speaker", "kind", "text", "after_conclusions",
					    NULL};
	if (ic_expect_object(o, path, cause) < 0)
		return -1;
	ic_warn_unknown(o, path, known, warnings);
	int kind;
	if (ic_get_str(o, "at", path, S_TIME, &n->at, cause) < 0 ||
	    ic_get_str(o, "speaker", path, S_ANY, &n->speaker, cause) < 0 ||
	    ic_get_enum(o, "kind", path, note_kind_parse,
			"statement, report, question, answer, proposal, decision", NK_STATEMENT,
			&kind, cause) < 0 ||
	    ic_get_str(o, "text", path, S_REQUIRED, &n->text, cause) < 0 ||
	    ic_get_bool(o, "after_conclusions", path, &n->after_conclusions, cause) < 0)
		return -1;
	n->kind = (enum note_kind)kind;
	return 0;
}

static int parse_item(json_t *o, const char *path, struct agenda_item *it, struct strbuf *warnings,
		      char **cause)
{
	static const char *const known[] = {"title",	   "presenter",	 "planned_start",
					    "planned_end", "started_at", "ended_at",
					    "kind",	   "notes",	 NULL};
	if (ic_expect_object(o, path, cause) < 0)
		return -1;
	ic_warn_unknown(o, path, known, warnings);
	if (ic_get_str(o, "title", path, S_REQUIRED, &it->title, cause) < 0 ||
	    ic_get_str(o, "presenter", path, S_ANY, &it->presenter, cause) < 0 ||
	    ic_get_str(o, "planned_start", path, S_TIME, &it->planned_start, cause) < 0 ||
	    ic_get_str(o, "planned_end", path, S_TIME, &it->planned_end, cause) < 0 ||
	    ic_get_str(o, "started_at", path, S_TIME, &it->started_at, cause) < 0 ||
	    ic_get_str(o, "ended_at", path, S_TIME, &it->ended_at, cause) < 0)
		return -1;
	/* Absent (or "auto"): detected from the title and notes. */
	int kind;
	if (ic_get_enum(o, "kind", path, item_kind_parse, "auto, regular, reports, conclusions",
			IK_AUTO, &kind, cause) < 0)
		return -1;
	it->kind = (enum item_kind)kind;
	int err;
	json_t *arr = ic_get_array(o, "notes", path, cause, &err);
	if (err)
		return -1;
	size_t i;
	json_t *v;
	it->notes = xcalloc(json_array_size(arr) + 1, sizeof *it->notes);
	json_array_foreach(arr, i, v)
	{
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof sub, "%s.notes[%zu]", path, i);
		it->n_notes = i + 1;
		if (parse_note(v, sub, &it->notes[i], warnings, cause) < 0)
			return -1;
	}
	return 0;
}

/* A meeting reference {"title": ..., "starts_at": ...} in member key of o;
 * absent or null leaves ref empty. */
static int parse_ref(json_t *o, const char *key, const char *path, int required,
		     struct interchange_ref *ref, struct strbuf *warnings, char **cause)
{
	static const char *const known[] = {"title", "starts_at", NULL};
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return required ? ic_fail(cause, path, key, _("required field is missing%s"), NULL)
				: 0;
	char sub[PATH_MAX_LEN];
	snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", key);
	if (ic_expect_object(v, sub, cause) < 0)
		return -1;
	ic_warn_unknown(v, sub, known, warnings);
	if (ic_get_str(v, "title", sub, S_REQUIRED, &ref->title, cause) < 0 ||
	    ic_get_str(v, "starts_at", sub, S_REQUIRED, &ref->starts_at, cause) < 0)
		return -1;
	if (!iso_time_valid(ref->starts_at)) {
		char *vis = text_quote(ref->starts_at);
		ic_fail(cause, sub, "starts_at", _("\"%s\" is not a time like 2023-04-12T08:00"),
			vis);
		free(vis);
		return -1;
	}
	return 0;
}

static int carry_kind_parse(const char *s)
{
	return strcmp(s, "directive") == 0  ? CARRY_DIRECTIVE
	       : strcmp(s, "proposal") == 0 ? CARRY_PROPOSAL
					    : -1;
}

static int parse_carry(json_t *o, const char *path, struct interchange_carry *c,
		       struct strbuf *warnings, char **cause)
{
	static const char *const known[] = {"kind", "from", "index", NULL};
	if (ic_expect_object(o, path, cause) < 0)
		return -1;
	ic_warn_unknown(o, path, known, warnings);
	int kind;
	if (!json_object_get(o, "kind") || json_is_null(json_object_get(o, "kind")))
		return ic_fail(cause, path, "kind", _("required field is missing%s"), NULL);
	if (ic_get_enum(o, "kind", path, carry_kind_parse, "directive, proposal", CARRY_DIRECTIVE,
			&kind, cause) < 0 ||
	    parse_ref(o, "from", path, 1, &c->from, warnings, cause) < 0)
		return -1;
	c->kind = (enum carry_kind)kind;
	json_t *idx = json_object_get(o, "index");
	if (!idx || json_is_null(idx))
		return ic_fail(cause, path, "index", _("required field is missing%s"), NULL);
	if (!json_is_integer(idx) || json_integer_value(idx) < 0)
		return ic_fail(cause, path, "index", _("expected a non-negative integer%s"), NULL);
	c->index = (size_t)json_integer_value(idx);
	return 0;
}

/* An entry of the change log: {"at", "who", "what", "item", "field", "old",
 * "new", "reason"}, at and what required. */
static int parse_log_entry(json_t *o, const char *path, struct change_entry *e,
			   struct strbuf *warnings, char **cause)
{
	static const char *const known[] = {"at",  "who", "what",   "item", "field",
					    "old", "new", "reason", NULL};
	if (ic_expect_object(o, path, cause) < 0)
		return -1;
	ic_warn_unknown(o, path, known, warnings);
	json_t *item = json_object_get(o, "item");
	if (item && !json_is_null(item)) {
		if (!json_is_integer(item) || json_integer_value(item) < 1)
			return ic_fail(cause, path, "item", _("expected a positive integer%s"),
				       NULL);
		e->item = json_integer_value(item);
	}
	if (ic_get_str(o, "at", path, S_REQUIRED, &e->at, cause) < 0)
		return -1;
	if (!iso_time_valid(e->at)) {
		char *vis = text_visible(e->at, 0);
		ic_fail(cause, path, "at", _("\"%s\" is not a time like 2023-04-12T08:00"), vis);
		free(vis);
		return -1;
	}
	if (ic_get_str(o, "who", path, S_ANY, &e->who, cause) < 0 ||
	    ic_get_str(o, "what", path, S_REQUIRED, &e->what, cause) < 0 ||
	    ic_get_str(o, "field", path, S_ANY, &e->field, cause) < 0 ||
	    ic_get_str(o, "old", path, S_ANY, &e->old_value, cause) < 0 ||
	    ic_get_str(o, "new", path, S_ANY, &e->new_value, cause) < 0 ||
	    ic_get_str(o, "reason", path, S_ANY, &e->reason, cause) < 0)
		return -1;
	if (!e->who)
		e->who = xstrdup("");
	return 0;
}

static int parse_proposal(json_t *o, const char *path, size_t n_agenda, struct proposal *p,
			  struct interchange_ref *closed, struct strbuf *warnings, char **cause)
{
	static const char *const known[] = {"unit", "text",	 "answer", "status",
					    "item", "closed_in", NULL};
	if (ic_expect_object(o, path, cause) < 0)
		return -1;
	ic_warn_unknown(o, path, known, warnings);
	int status;
	if (ic_get_str(o, "unit", path, S_ANY, &p->unit, cause) < 0 ||
	    ic_get_str(o, "text", path, S_REQUIRED, &p->text, cause) < 0 ||
	    ic_get_str(o, "answer", path, S_ANY, &p->answer, cause) < 0 ||
	    ic_get_enum(o, "status", path, task_status_parse, "open, done, dropped", TS_OPEN,
			&status, cause) < 0)
		return -1;
	p->status = (enum task_status)status;
	p->item_index = -1;
	json_t *item = json_object_get(o, "item");
	if (item && !json_is_null(item)) {
		if (!json_is_integer(item) || json_integer_value(item) < 0 ||
		    (size_t)json_integer_value(item) >= n_agenda)
			return ic_fail(cause, path, "item",
				       _("expected the index of an agenda item%s"), NULL);
		p->item_index = (int)json_integer_value(item);
	}
	return parse_ref(o, "closed_in", path, 0, closed, warnings, cause);
}

static int parse_directive(json_t *o, const char *path, struct directive *d,
			   struct interchange_ref *closed, struct strbuf *warnings, char **cause)
{
	static const char *const known[] = {"text", "owner", "due", "status", "closed_in", NULL};
	if (ic_expect_object(o, path, cause) < 0)
		return -1;
	ic_warn_unknown(o, path, known, warnings);
	int status;
	if (ic_get_str(o, "text", path, S_REQUIRED, &d->text, cause) < 0 ||
	    ic_get_str(o, "owner", path, S_ANY, &d->owner, cause) < 0 ||
	    ic_get_str(o, "due", path, S_DATE, &d->due, cause) < 0 ||
	    ic_get_enum(o, "status", path, task_status_parse, "open, done, dropped", TS_OPEN,
			&status, cause) < 0)
		return -1;
	d->status = (enum task_status)status;
	return parse_ref(o, "closed_in", path, 0, closed, warnings, cause);
}

/* Parse the array member key of o with one parser per element. */
#define PARSE_ARRAY(o, key, path, arr, count, fn, ...)                                             \
	do {                                                                                       \
		int err_;                                                                          \
		json_t *a_ = ic_get_array(o, key, path, cause, &err_);                             \
		if (err_)                                                                          \
			return -1;                                                                 \
		size_t i_;                                                                         \
		json_t *v_;                                                                        \
		arr = xcalloc(json_array_size(a_) + 1, sizeof *arr);                               \
		json_array_foreach(a_, i_, v_)                                                     \
		{                                                                                  \
			char sub_[PATH_MAX_LEN];                                                   \
			snprintf(sub_, sizeof sub_, "%s.%s[%zu]", path, key, i_);                  \
			count = i_ + 1;                                                            \
			if (fn(v_, sub_, __VA_ARGS__) < 0)                                         \
				return -1;                                                         \
		}                                                                                  \
	} while (0)

/* The meeting's own fields (not its lists). */
static int parse_meeting_fields(json_t *o, const char *path, struct meeting *m,
				struct strbuf *warnings, char **cause)
{
	static const char *const known[] = {
	    "id",	  "title",     "conference",	  "cluster",
	    "period",	  "status",    "starts_at",	  "ends_at",
	    "location",	  "host_unit", "document_number", "notice_number",
	    "attendees",  "agenda",    "proposals",	  "conclusions",
	    "directives", "carried",   "change_log",	  NULL};
	if (ic_expect_object(o, path, cause) < 0)
		return -1;
	ic_warn_unknown(o, path, known, warnings);
	json_t *id = json_object_get(o, "id");
	if (id && !json_is_null(id)) {
		if (!json_is_integer(id) || json_integer_value(id) < 1)
			return ic_fail(cause, path, "id", _("expected a positive integer%s"), NULL);
		m->id = json_integer_value(id);
	}
	int status;
	if (ic_get_str(o, "title", path, S_REQUIRED, &m->title, cause) < 0 ||
	    ic_get_str(o, "conference", path, S_ANY, &m->conference, cause) < 0 ||
	    ic_get_cluster_number(o, "cluster", path, 0, &m->cluster, cause) < 0 ||
	    ic_get_str(o, "period", path, S_ANY, &m->period, cause) < 0 ||
	    ic_get_enum(o, "status", path, meeting_status_parse, "draft, live, closed, approved",
			MS_DRAFT, &status, cause) < 0 ||
	    ic_get_str(o, "starts_at", path, S_REQUIRED, &m->starts_at, cause) < 0 ||
	    ic_get_str(o, "ends_at", path, S_TIME, &m->ends_at, cause) < 0 ||
	    ic_get_str(o, "location", path, S_ANY, &m->location, cause) < 0 ||
	    ic_get_str(o, "host_unit", path, S_ANY, &m->host_unit, cause) < 0 ||
	    ic_get_str(o, "document_number", path, S_ANY, &m->document_number, cause) < 0 ||
	    ic_get_str(o, "notice_number", path, S_ANY, &m->notice_number, cause) < 0)
		return -1;
	m->status = (enum meeting_status)status;
	if (!iso_time_valid(m->starts_at)) {
		char *vis = text_quote(m->starts_at);
		ic_fail(cause, path, "starts_at", _("\"%s\" is not a time like 2023-04-12T08:00"),
			vis);
		free(vis);
		return -1;
	}
	if (m->ends_at && strcmp(m->ends_at, m->starts_at) < 0) {
		/* An end typed before the start: the minutes would say so. */
		ic_fail(cause, path, "ends_at", _("\"%s\" is before the meeting's start (starts_at)"),
			m->ends_at);
		return -1;
	}
	if (m->period) {
		char *norm = period_normalize(m->period);
		if (!norm) {
			char *vis = text_quote(m->period);
			ic_fail(cause, path, "period", _("\"%s\" is not a quarter like I/2023"),
				vis);
			free(vis);
			return -1;
		}
		free(m->period);
		m->period = norm;
	}
	return 0;
}

/* "conclusions": objects {"text": ...}, or bare strings. */
static int parse_conclusions(json_t *o, const char *path, struct meeting *m,
			     struct strbuf *warnings, char **cause)
{
	int err;
	json_t *arr = ic_get_array(o, "conclusions", path, cause, &err);
	if (err)
		return -1;
	size_t i;
	json_t *v;
	m->conclusions = xcalloc(json_array_size(arr) + 1, sizeof *m->conclusions);
	json_array_foreach(arr, i, v)
	{
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof sub, "%s.conclusions[%zu]", path, i);
		if (json_is_string(v)) { /* a bare string is accepted too */
			char *why = NULL;
			if (ic_text(json_string_value(v), &m->conclusions[i], &why) < 0) {
				ic_fail(cause, sub, NULL, "%s", why);
				free(why);
				return -1;
			}
			m->n_conclusions = i + 1;
			continue;
		}
		static const char *const cknown[] = {"text", NULL};
		if (ic_expect_object(v, sub, cause) < 0)
			return -1;
		ic_warn_unknown(v, sub, cknown, warnings);
		m->n_conclusions = i + 1;
		if (ic_get_str(v, "text", sub, S_REQUIRED, &m->conclusions[i], cause) < 0)
			return -1;
	}
	return 0;
}

int ic_parse_meeting(json_t *o, const char *path, struct meeting *m,
			 struct interchange_follow *fo, struct strbuf *warnings, char **cause)
{
	if (parse_meeting_fields(o, path, m, warnings, cause) < 0)
		return -1;
	PARSE_ARRAY(o, "attendees", path, m->attendees, m->n_attendees, parse_attendee,
		    &m->attendees[i_], warnings, cause);
	PARSE_ARRAY(o, "agenda", path, m->agenda, m->n_agenda, parse_item, &m->agenda[i_], warnings,
		    cause);
	/* Both arrays are sized like the ones PARSE_ARRAY allocates. */
	fo->proposal_closed = xcalloc(json_array_size(json_object_get(o, "proposals")) + 1,
				      sizeof *fo->proposal_closed);
	fo->directive_closed = xcalloc(json_array_size(json_object_get(o, "directives")) + 1,
				       sizeof *fo->directive_closed);
	PARSE_ARRAY(o, "proposals", path, m->proposals, m->n_proposals, parse_proposal, m->n_agenda,
		    &m->proposals[i_], &fo->proposal_closed[i_], warnings, cause);
	PARSE_ARRAY(o, "directives", path, m->directives, m->n_directives, parse_directive,
		    &m->directives[i_], &fo->directive_closed[i_], warnings, cause);
	PARSE_ARRAY(o, "carried", path, fo->carried, fo->n_carried, parse_carry, &fo->carried[i_],
		    warnings, cause);
	PARSE_ARRAY(o, "change_log", path, fo->log, fo->n_log, parse_log_entry, &fo->log[i_],
		    warnings, cause);
	return parse_conclusions(o, path, m, warnings, cause);
}

/* The "format" member, and the unknown members of the top level. */
int ic_parse_format(json_t *root, struct strbuf *warnings, char **cause)
{
	static const char *const known[] = {"format", "organization", "clusters", "meetings", NULL};
	if (!json_is_object(root))
		return set_cause(cause, _("document: expected a JSON object"));
	json_t *format = json_object_get(root, "format");
	if (!json_is_string(format))
		return set_cause(cause, _("format: required field is missing (expected \"%s\")"),
				 INTERCHANGE_FORMAT);
	if (strcmp(json_string_value(format), INTERCHANGE_FORMAT) != 0) {
		char *vis = text_quote(json_string_value(format));
		set_cause(cause, _("format: \"%s\" is not \"%s\""), vis, INTERCHANGE_FORMAT);
		free(vis);
		return -1;
	}
	ic_warn_unknown(root, "", known, warnings);
	return 0;
}

static int ic_parse_clusters(json_t *root, struct interchange *doc, struct strbuf *warnings,
			  char **cause)
{
	int err;
	json_t *arr = ic_get_array(root, "clusters", "", cause, &err);
	if (err)
		return -1;
	size_t i;
	json_t *v;
	doc->clusters = xcalloc(json_array_size(arr) + 1, sizeof *doc->clusters);
	json_array_foreach(arr, i, v)
	{
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof sub, "clusters[%zu]", i);
		doc->n_clusters = i + 1;
		if (parse_cluster(v, sub, &doc->clusters[i], warnings, cause) < 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (doc->clusters[j].number == doc->clusters[i].number)
				return set_cause(cause, _("%s.number: duplicate cluster %d"), sub,
						 doc->clusters[i].number);
	}
	return 0;
}

/* Meeting i against the ones before it: the same id, or the same title
 * and start. */
static int check_duplicate(const struct interchange *doc, size_t i, const char *sub, char **cause)
{
	for (size_t j = 0; j < i; j++) {
		struct meeting *a = doc->meetings[j], *b = doc->meetings[i];
		if (b->id && a->id == b->id)
			return set_cause(cause, _("%s.id: duplicate id %lld"), sub,
					 (long long)b->id);
		if (str_eq(a->title, b->title) && str_eq(a->starts_at, b->starts_at))
			return set_cause(cause,
					 _("%s: duplicate of meetings[%zu] (same title "
					   "and start)"),
					 sub, j);
	}
	return 0;
}

static int parse_meetings(json_t *root, struct interchange *doc, struct strbuf *warnings,
			  char **cause)
{
	int err;
	json_t *arr = ic_get_array(root, "meetings", "", cause, &err);
	if (err)
		return -1;
	size_t i;
	json_t *v;
	doc->meetings = xcalloc(json_array_size(arr) + 1, sizeof *doc->meetings);
	doc->follow = xcalloc(json_array_size(arr) + 1, sizeof *doc->follow);
	json_array_foreach(arr, i, v)
	{
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof sub, "meetings[%zu]", i);
		doc->meetings[i] = meeting_new();
		doc->n_meetings = i + 1;
		if (ic_parse_meeting(v, sub, doc->meetings[i], &doc->follow[i], warnings, cause) < 0 ||
		    check_duplicate(doc, i, sub, cause) < 0)
			return -1;
		/* Its JSON is no longer needed: free it before the next, so
		 * that the tree and the meetings are not both whole at once. */
		json_array_set_new(arr, i, json_null());
	}
	return 0;
}

int ic_parse_head(json_t *root, struct interchange *doc, struct strbuf *warnings, char **cause)
{
	int rc = ic_parse_format(root, warnings, cause);
	json_t *org = rc == 0 ? json_object_get(root, "organization") : NULL;
	if (org && !json_is_null(org)) {
		doc->has_org = 1;
		rc = ic_parse_org(org, &doc->org, warnings, cause);
	}
	if (rc == 0)
		rc = ic_parse_clusters(root, doc, warnings, cause);
	return rc;
}

int interchange_parse(const char *data, size_t len, struct interchange *doc,
		      struct strbuf *warnings, char **cause)
{
	memset(doc, 0, sizeof *doc);
	/* Notepad and other Windows editors save UTF-8 with a byte order
	 * mark; RFC 8259 lets a parser ignore it, and the office's files
	 * come that way. */
	size_t bom = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	data += bom;
	len -= bom;
	size_t bad;
	if (!text_valid_utf8(data, len, &bad))
		return set_cause(cause, _("invalid UTF-8 at byte %zu"), bad + bom);
	json_error_t jerr;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		if (strstr(jerr.text, "JSON_ALLOW_NUL"))
			return set_cause(cause,
					 _("malformed JSON at line %d, column %d: \\u0000 (a NUL "
					   "character) is not allowed in text"),
					 jerr.line, jerr.column);
		/* The parser's own words (jansson's) are English: said only in
		 * English, the place is enough in another language. */
		if (str_eq(i18n_language(), "en"))
			return set_cause(cause, "malformed JSON at line %d, column %d: %s",
					 jerr.line, jerr.column, jerr.text);
		return set_cause(cause, _("malformed JSON at line %d, column %d"), jerr.line,
				 jerr.column);
	}
	ic_set_warnings(warnings);
	int rc = ic_parse_head(root, doc, warnings, cause);
	if (rc == 0)
		rc = parse_meetings(root, doc, warnings, cause);
	ic_set_warnings(NULL);
	json_decref(root);
	if (rc < 0)
		interchange_free(doc);
	return rc;
}

void interchange_free(struct interchange *doc)
{
	org_free(&doc->org);
	for (size_t i = 0; i < doc->n_clusters; i++)
		cluster_free(&doc->clusters[i]);
	free(doc->clusters);
	for (size_t i = 0; i < doc->n_meetings; i++) {
		interchange_follow_free(&doc->follow[i], doc->meetings[i]);
		meeting_free(doc->meetings[i]);
	}
	free(doc->meetings);
	free(doc->follow);
	memset(doc, 0, sizeof *doc);
}
