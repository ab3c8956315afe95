/* interchange.c - the bienban/1 JSON document, through jansson. */
#include "interchange.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store_follow.h"
#include "text.h"

/* ==== validation helpers ==== */

/* A path like "meetings[2].attendees[0]" is built in a fixed buffer. */
#define PATH_MAX_LEN 128

static int fail(char **cause, const char *path, const char *key, const char *fmt, const char *arg)
{
	char *msg = xasprintf(fmt, arg ? arg : "");
	if (key)
		set_cause(cause, "%s%s%s: %s", path, *path ? "." : "", key, msg);
	else
		set_cause(cause, "%s: %s", *path ? path : "document", msg);
	free(msg);
	return -1;
}

static void warn_unknown(json_t *obj, const char *path, const char *const *known,
			 struct strbuf *warnings)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		int ok = 0;
		for (size_t i = 0; known[i]; i++)
			if (strcmp(known[i], key) == 0)
				ok = 1;
		if (!ok && warnings) {
			char *vis = text_visible(key, 0);
			strbuf_addf(warnings, "%s%s%s: unknown field ignored\n", path,
				    *path ? "." : "", vis);
			free(vis);
		}
	}
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int valid_date(const char *s)
{
	if (strlen(s) < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2))
		return 0;
	int mon = atoi(s + 5), day = atoi(s + 8);
	return mon >= 1 && mon <= 12 && day >= 1 && day <= 31;
}

/* "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS". */
static int valid_time(const char *s)
{
	size_t len = strlen(s);
	if ((len != 16 && len != 19) || !valid_date(s) || s[10] != 'T' || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2))
		return 0;
	if (atoi(s + 11) > 23 || atoi(s + 14) > 59)
		return 0;
	return len == 16 || (s[16] == ':' && digits(s + 17, 2) && atoi(s + 17) <= 59);
}

enum str_check { S_ANY, S_REQUIRED, S_TIME, S_DATE };

/* Read an optional (or required) string member as NFC. */
static int get_str(json_t *obj, const char *key, const char *path, enum str_check check, char **out,
		   char **cause)
{
	*out = NULL;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (check == S_REQUIRED)
			return fail(cause, path, key, "required field is missing%s", NULL);
		return 0;
	}
	if (!json_is_string(v))
		return fail(cause, path, key, "expected a string%s", NULL);
	char *why = NULL;
	if (text_nfc(json_string_value(v), out, &why) < 0) {
		fail(cause, path, key, "%s", why);
		free(why);
		return -1;
	}
	if (check == S_REQUIRED && str_empty(text_trim(*out)))
		return fail(cause, path, key, "must not be empty%s", NULL);
	if ((check == S_TIME && !valid_time(*out)) || (check == S_DATE && !valid_date(*out))) {
		char *vis = text_visible(*out, 0);
		fail(cause, path, key,
		     check == S_TIME ? "\"%s\" is not a time like 2023-04-12T08:00"
				     : "\"%s\" is not a date like 2023-06-30",
		     vis);
		free(vis);
		return -1;
	}
	return 0;
}

/* Read an enum member; absent or null gives def. */
static int get_enum(json_t *obj, const char *key, const char *path, int (*parse)(const char *),
		    const char *expected, int def, int *out, char **cause)
{
	*out = def;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return fail(cause, path, key, "expected a string%s", NULL);
	int r = parse(json_string_value(v));
	if (r < 0) {
		char *vis = text_visible(json_string_value(v), 0);
		char *msg = xasprintf("unknown value \"%s\" (expected %s)", vis, expected);
		fail(cause, path, key, "%s", msg);
		free(msg);
		free(vis);
		return -1;
	}
	*out = r;
	return 0;
}

static json_t *get_array(json_t *obj, const char *key, const char *path, char **cause, int *err)
{
	*err = 0;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_array(v)) {
		*err = fail(cause, path, key, "expected an array%s", NULL);
		return NULL;
	}
	return v;
}

static int get_strv(json_t *obj, const char *key, const char *path, char ***out, size_t *n,
		    char **cause)
{
	*out = NULL;
	*n = 0;
	int err;
	json_t *arr = get_array(obj, key, path, cause, &err);
	if (err)
		return -1;
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof sub, "%s%s%s[%zu]", path, *path ? "." : "", key, i);
		if (!json_is_string(v))
			return fail(cause, sub, NULL, "expected a string%s", NULL);
		char *s = NULL, *why = NULL;
		if (text_nfc(json_string_value(v), &s, &why) < 0) {
			fail(cause, sub, NULL, "%s", why);
			free(why);
			return -1;
		}
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = s;
	}
	return 0;
}

static int expect_object(json_t *v, const char *path, char **cause)
{
	return json_is_object(v) ? 0 : fail(cause, path, NULL, "expected an object%s", NULL);
}

/* ==== parsing ==== */

static int parse_org(json_t *o, struct org *org, struct strbuf *warnings, char **cause)
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
	if (expect_object(o, path, cause) < 0)
		return -1;
	warn_unknown(o, path, known, warnings);
	json_t *issuer = json_object_get(o, "issuer");
	if (json_is_string(issuer)) { /* one line given as a plain string */
		org->issuer = xcalloc(1, sizeof *org->issuer);
		org->n_issuer = 1;
		if (get_str(o, "issuer", path, S_ANY, &org->issuer[0], cause) < 0)
			return -1;
	} else if (get_strv(o, "issuer", path, &org->issuer, &org->n_issuer, cause) < 0)
		return -1;
	if (get_strv(o, "recipients", path, &org->recipients, &org->n_recipients, cause) < 0 ||
	    get_str(o, "place", path, S_ANY, &org->place, cause) < 0 ||
	    get_str(o, "symbol", path, S_ANY, &org->symbol, cause) < 0 ||
	    get_str(o, "superior", path, S_ANY, &org->superior, cause) < 0 ||
	    get_str(o, "notice_signer_for", path, S_ANY, &org->notice_signer_for, cause) < 0 ||
	    get_str(o, "notice_signer_title", path, S_ANY, &org->notice_signer_title, cause) < 0 ||
	    get_str(o, "notice_signer_name", path, S_ANY, &org->notice_signer_name, cause) < 0 ||
	    get_str(o, "notice_body_org", path, S_ANY, &org->notice_body_org, cause) < 0)
		return -1;
	return 0;
}

static int get_cluster_number(json_t *obj, const char *key, const char *path, int required,
			      int *out, char **cause)
{
	*out = 0;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return required ? fail(cause, path, key, "required field is missing%s", NULL) : 0;
	if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 9999)
		return fail(cause, path, key, "expected a cluster number from 1 to 9999%s", NULL);
	*out = (int)json_integer_value(v);
	return 0;
}

static int parse_cluster(json_t *o, const char *path, struct cluster *c, struct strbuf *warnings,
			 char **cause)
{
	static const char *const known[] = {"number", "name", "units", NULL};
	if (expect_object(o, path, cause) < 0)
		return -1;
	warn_unknown(o, path, known, warnings);
	if (get_cluster_number(o, "number", path, 1, &c->number, cause) < 0 ||
	    get_str(o, "name", path, S_ANY, &c->name, cause) < 0 ||
	    get_strv(o, "units", path, &c->units, &c->n_units, cause) < 0)
		return -1;
	return 0;
}

static int parse_attendee(json_t *o, const char *path, struct attendee *a, struct strbuf *warnings,
			  char **cause)
{
	static const char *const known[] = {"name",	  "title",	    "unit",
					    "role",	  "presence",	    "reason",
					    "arrived_at", "substitute_for", NULL};
	if (expect_object(o, path, cause) < 0)
		return -1;
	warn_unknown(o, path, known, warnings);
	int role, presence;
	if (get_str(o, "name", path, S_REQUIRED, &a->name, cause) < 0 ||
	    get_str(o, "title", path, S_ANY, &a->title, cause) < 0 ||
	    get_str(o, "unit", path, S_ANY, &a->unit, cause) < 0 ||
	    get_enum(o, "role", path, role_parse, "chair, secretary, delegate, guest, reporter",
		     ROLE_DELEGATE, &role, cause) < 0 ||
	    get_enum(o, "presence", path, presence_parse, "present, late, excused, absent",
		     PRES_PRESENT, &presence, cause) < 0 ||
	    get_str(o, "reason", path, S_ANY, &a->reason, cause) < 0 ||
	    get_str(o, "arrived_at", path, S_TIME, &a->arrived_at, cause) < 0 ||
	    get_str(o, "substitute_for", path, S_ANY, &a->substitute_for, cause) < 0)
		return -1;
	a->role = (enum role)role;
	a->presence = (enum presence)presence;
	return 0;
}

static int parse_note(json_t *o, const char *path, struct note *n, struct strbuf *warnings,
		      char **cause)
{
	static const char *const known[] = {"at", "speaker", "kind", "text", NULL};
	if (expect_object(o, path, cause) < 0)
		return -1;
	warn_unknown(o, path, known, warnings);
	int kind;
	if (get_str(o, "at", path, S_TIME, &n->at, cause) < 0 ||
	    get_str(o, "speaker", path, S_ANY, &n->speaker, cause) < 0 ||
	    get_enum(o, "kind", path, note_kind_parse,
		     "statement, report, question, answer, proposal, decision", NK_STATEMENT, &kind,
		     cause) < 0 ||
	    get_str(o, "text", path, S_REQUIRED, &n->text, cause) < 0)
		return -1;
	n->kind = (enum note_kind)kind;
	return 0;
}

static int parse_item(json_t *o, const char *path, struct agenda_item *it, struct strbuf *warnings,
		      char **cause)
{
	static const char *const known[] = {"title",	   "presenter",	 "planned_start",
					    "planned_end", "started_at", "ended_at",
					    "notes",	   NULL};
	if (expect_object(o, path, cause) < 0)
		return -1;
	warn_unknown(o, path, known, warnings);
	if (get_str(o, "title", path, S_REQUIRED, &it->title, cause) < 0 ||
	    get_str(o, "presenter", path, S_ANY, &it->presenter, cause) < 0 ||
	    get_str(o, "planned_start", path, S_TIME, &it->planned_start, cause) < 0 ||
	    get_str(o, "planned_end", path, S_TIME, &it->planned_end, cause) < 0 ||
	    get_str(o, "started_at", path, S_TIME, &it->started_at, cause) < 0 ||
	    get_str(o, "ended_at", path, S_TIME, &it->ended_at, cause) < 0)
		return -1;
	int err;
	json_t *arr = get_array(o, "notes", path, cause, &err);
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
		return required ? fail(cause, path, key, "required field is missing%s", NULL) : 0;
	char sub[PATH_MAX_LEN];
	snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", key);
	if (expect_object(v, sub, cause) < 0)
		return -1;
	warn_unknown(v, sub, known, warnings);
	if (get_str(v, "title", sub, S_REQUIRED, &ref->title, cause) < 0 ||
	    get_str(v, "starts_at", sub, S_REQUIRED, &ref->starts_at, cause) < 0)
		return -1;
	if (!valid_time(ref->starts_at)) {
		char *vis = text_visible(ref->starts_at, 0);
		fail(cause, sub, "starts_at", "\"%s\" is not a time like 2023-04-12T08:00", vis);
		free(vis);
		return -1;
	}
	return 0;
}

static void ref_free(struct interchange_ref *ref)
{
	free(ref->title);
	free(ref->starts_at);
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
	if (expect_object(o, path, cause) < 0)
		return -1;
	warn_unknown(o, path, known, warnings);
	int kind;
	if (!json_object_get(o, "kind") || json_is_null(json_object_get(o, "kind")))
		return fail(cause, path, "kind", "required field is missing%s", NULL);
	if (get_enum(o, "kind", path, carry_kind_parse, "directive, proposal", CARRY_DIRECTIVE,
		     &kind, cause) < 0 ||
	    parse_ref(o, "from", path, 1, &c->from, warnings, cause) < 0)
		return -1;
	c->kind = (enum carry_kind)kind;
	json_t *idx = json_object_get(o, "index");
	if (!idx || json_is_null(idx))
		return fail(cause, path, "index", "required field is missing%s", NULL);
	if (!json_is_integer(idx) || json_integer_value(idx) < 0)
		return fail(cause, path, "index", "expected a non-negative integer%s", NULL);
	c->index = (size_t)json_integer_value(idx);
	return 0;
}

static int parse_proposal(json_t *o, const char *path, size_t n_agenda, struct proposal *p,
			  struct interchange_ref *closed, struct strbuf *warnings, char **cause)
{
	static const char *const known[] = {"unit", "text",	 "answer", "status",
					    "item", "closed_in", NULL};
	if (expect_object(o, path, cause) < 0)
		return -1;
	warn_unknown(o, path, known, warnings);
	int status;
	if (get_str(o, "unit", path, S_ANY, &p->unit, cause) < 0 ||
	    get_str(o, "text", path, S_REQUIRED, &p->text, cause) < 0 ||
	    get_str(o, "answer", path, S_ANY, &p->answer, cause) < 0 ||
	    get_enum(o, "status", path, task_status_parse, "open, done, dropped", TS_OPEN, &status,
		     cause) < 0)
		return -1;
	p->status = (enum task_status)status;
	p->item_index = -1;
	json_t *item = json_object_get(o, "item");
	if (item && !json_is_null(item)) {
		if (!json_is_integer(item) || json_integer_value(item) < 0 ||
		    (size_t)json_integer_value(item) >= n_agenda)
			return fail(cause, path, "item", "expected the index of an agenda item%s",
				    NULL);
		p->item_index = (int)json_integer_value(item);
	}
	return parse_ref(o, "closed_in", path, 0, closed, warnings, cause);
}

static int parse_directive(json_t *o, const char *path, struct directive *d,
			   struct interchange_ref *closed, struct strbuf *warnings, char **cause)
{
	static const char *const known[] = {"text", "owner", "due", "status", "closed_in", NULL};
	if (expect_object(o, path, cause) < 0)
		return -1;
	warn_unknown(o, path, known, warnings);
	int status;
	if (get_str(o, "text", path, S_REQUIRED, &d->text, cause) < 0 ||
	    get_str(o, "owner", path, S_ANY, &d->owner, cause) < 0 ||
	    get_str(o, "due", path, S_DATE, &d->due, cause) < 0 ||
	    get_enum(o, "status", path, task_status_parse, "open, done, dropped", TS_OPEN, &status,
		     cause) < 0)
		return -1;
	d->status = (enum task_status)status;
	return parse_ref(o, "closed_in", path, 0, closed, warnings, cause);
}

/* Parse the array member key of o with one parser per element. */
#define PARSE_ARRAY(o, key, path, arr, count, fn, ...)                                             \
	do {                                                                                       \
		int err_;                                                                          \
		json_t *a_ = get_array(o, key, path, cause, &err_);                                \
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

static int parse_meeting(json_t *o, const char *path, struct meeting *m,
			 struct interchange_follow *fo, struct strbuf *warnings, char **cause)
{
	static const char *const known[] = {
	    "id",	 "title",     "conference",  "cluster",	   "period",	      "status",
	    "starts_at", "ends_at",   "location",    "host_unit",  "document_number", "attendees",
	    "agenda",	 "proposals", "conclusions", "directives", "carried",	      NULL};
	if (expect_object(o, path, cause) < 0)
		return -1;
	warn_unknown(o, path, known, warnings);
	json_t *id = json_object_get(o, "id");
	if (id && !json_is_null(id)) {
		if (!json_is_integer(id) || json_integer_value(id) < 1)
			return fail(cause, path, "id", "expected a positive integer%s", NULL);
		m->id = json_integer_value(id);
	}
	int status;
	if (get_str(o, "title", path, S_REQUIRED, &m->title, cause) < 0 ||
	    get_str(o, "conference", path, S_ANY, &m->conference, cause) < 0 ||
	    get_cluster_number(o, "cluster", path, 0, &m->cluster, cause) < 0 ||
	    get_str(o, "period", path, S_ANY, &m->period, cause) < 0 ||
	    get_enum(o, "status", path, meeting_status_parse, "draft, live, closed, approved",
		     MS_DRAFT, &status, cause) < 0 ||
	    get_str(o, "starts_at", path, S_REQUIRED, &m->starts_at, cause) < 0 ||
	    get_str(o, "ends_at", path, S_TIME, &m->ends_at, cause) < 0 ||
	    get_str(o, "location", path, S_ANY, &m->location, cause) < 0 ||
	    get_str(o, "host_unit", path, S_ANY, &m->host_unit, cause) < 0 ||
	    get_str(o, "document_number", path, S_ANY, &m->document_number, cause) < 0)
		return -1;
	m->status = (enum meeting_status)status;
	if (!valid_time(m->starts_at)) {
		char *vis = text_visible(m->starts_at, 0);
		fail(cause, path, "starts_at", "\"%s\" is not a time like 2023-04-12T08:00", vis);
		free(vis);
		return -1;
	}
	if (m->period) {
		char *norm = period_normalize(m->period);
		if (!norm) {
			char *vis = text_visible(m->period, 0);
			fail(cause, path, "period", "\"%s\" is not a quarter like I/2023", vis);
			free(vis);
			return -1;
		}
		free(m->period);
		m->period = norm;
	}
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
	int err;
	json_t *arr = get_array(o, "conclusions", path, cause, &err);
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
			if (text_nfc(json_string_value(v), &m->conclusions[i], &why) < 0) {
				fail(cause, sub, NULL, "%s", why);
				free(why);
				return -1;
			}
			m->n_conclusions = i + 1;
			continue;
		}
		static const char *const cknown[] = {"text", NULL};
		if (expect_object(v, sub, cause) < 0)
			return -1;
		warn_unknown(v, sub, cknown, warnings);
		m->n_conclusions = i + 1;
		if (get_str(v, "text", sub, S_REQUIRED, &m->conclusions[i], cause) < 0)
			return -1;
	}
	return 0;
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
		return set_cause(cause, "invalid UTF-8 at byte %zu", bad + bom);
	json_error_t jerr;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return set_cause(cause, "malformed JSON at line %d, column %d: %s", jerr.line,
				 jerr.column,
				 strstr(jerr.text, "JSON_ALLOW_NUL")
				     ? "\\u0000 (a NUL character) is not allowed in text"
				     : jerr.text);
	int rc = -1;
	static const char *const known[] = {"format", "organization", "clusters", "meetings", NULL};
	if (!json_is_object(root)) {
		set_cause(cause, "document: expected a JSON object");
		goto out;
	}
	json_t *format = json_object_get(root, "format");
	if (!json_is_string(format)) {
		set_cause(cause, "format: required field is missing (expected \"%s\")",
			  INTERCHANGE_FORMAT);
		goto out;
	}
	if (strcmp(json_string_value(format), INTERCHANGE_FORMAT) != 0) {
		char *vis = text_visible(json_string_value(format), 0);
		set_cause(cause, "format: \"%s\" is not \"%s\"", vis, INTERCHANGE_FORMAT);
		free(vis);
		goto out;
	}
	warn_unknown(root, "", known, warnings);
	json_t *org = json_object_get(root, "organization");
	if (org && !json_is_null(org)) {
		doc->has_org = 1;
		if (parse_org(org, &doc->org, warnings, cause) < 0)
			goto out;
	}
	{
		int err;
		json_t *arr = get_array(root, "clusters", "", cause, &err);
		if (err)
			goto out;
		size_t i;
		json_t *v;
		doc->clusters = xcalloc(json_array_size(arr) + 1, sizeof *doc->clusters);
		json_array_foreach(arr, i, v)
		{
			char sub[PATH_MAX_LEN];
			snprintf(sub, sizeof sub, "clusters[%zu]", i);
			doc->n_clusters = i + 1;
			if (parse_cluster(v, sub, &doc->clusters[i], warnings, cause) < 0)
				goto out;
			for (size_t j = 0; j < i; j++)
				if (doc->clusters[j].number == doc->clusters[i].number) {
					set_cause(cause, "%s.number: duplicate cluster %d", sub,
						  doc->clusters[i].number);
					goto out;
				}
		}
		arr = get_array(root, "meetings", "", cause, &err);
		if (err)
			goto out;
		doc->meetings = xcalloc(json_array_size(arr) + 1, sizeof *doc->meetings);
		doc->follow = xcalloc(json_array_size(arr) + 1, sizeof *doc->follow);
		json_array_foreach(arr, i, v)
		{
			char sub[PATH_MAX_LEN];
			snprintf(sub, sizeof sub, "meetings[%zu]", i);
			doc->meetings[i] = meeting_new();
			doc->n_meetings = i + 1;
			if (parse_meeting(v, sub, doc->meetings[i], &doc->follow[i], warnings,
					  cause) < 0)
				goto out;
			for (size_t j = 0; j < i; j++) {
				struct meeting *a = doc->meetings[j], *b = doc->meetings[i];
				if (b->id && a->id == b->id) {
					set_cause(cause, "%s.id: duplicate id %lld", sub,
						  (long long)b->id);
					goto out;
				}
				if (str_eq(a->title, b->title) &&
				    str_eq(a->starts_at, b->starts_at)) {
					set_cause(cause,
						  "%s: duplicate of meetings[%zu] (same title "
						  "and start)",
						  sub, j);
					goto out;
				}
			}
		}
	}
	rc = 0;
out:
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
		struct interchange_follow *fo = &doc->follow[i];
		for (size_t k = 0; fo->proposal_closed && k < doc->meetings[i]->n_proposals; k++)
			ref_free(&fo->proposal_closed[k]);
		free(fo->proposal_closed);
		for (size_t k = 0; fo->directive_closed && k < doc->meetings[i]->n_directives; k++)
			ref_free(&fo->directive_closed[k]);
		free(fo->directive_closed);
		for (size_t k = 0; k < fo->n_carried; k++)
			ref_free(&fo->carried[k].from);
		free(fo->carried);
		meeting_free(doc->meetings[i]);
	}
	free(doc->meetings);
	free(doc->follow);
	memset(doc, 0, sizeof *doc);
}

/* ==== importing ==== */

/* The meeting a reference names: the document's first (ids are the new
 * ones), then the store's. 1 and *id, 0 if none, -1 with cause. */
static int resolve(struct store *s, const struct interchange *doc, const int64_t *ids,
		   const struct interchange_ref *ref, int64_t *id, char **cause)
{
	for (size_t j = 0; j < doc->n_meetings; j++)
		if (str_eq(doc->meetings[j]->title, ref->title) &&
		    str_eq(doc->meetings[j]->starts_at, ref->starts_at)) {
			*id = ids[j];
			return 1;
		}
	return store_meeting_find(s, ref->title, ref->starts_at, id, cause);
}

static void warn_ref(struct strbuf *warnings, const char *path, const struct interchange_ref *ref)
{
	if (!warnings)
		return;
	char *vis = text_visible(ref->title, 0);
	strbuf_addf(warnings, "%s: no meeting \"%s\" starting %s; skipped\n", path, vis,
		    ref->starts_at);
	free(vis);
}

/* The carry-overs and closing meetings of meeting i, once every meeting
 * of the document is in the store. */
static int import_follow(struct store *s, const struct interchange *doc, const int64_t *ids,
			 size_t i, struct strbuf *warnings, char **cause)
{
	const struct interchange_follow *fo = &doc->follow[i];
	const struct meeting *m = doc->meetings[i];
	char path[PATH_MAX_LEN];
	int64_t at;
	int r;
	for (int proposal = 0; proposal < 2; proposal++) {
		size_t count = proposal ? m->n_proposals : m->n_directives;
		const struct interchange_ref *closed =
		    proposal ? fo->proposal_closed : fo->directive_closed;
		for (size_t k = 0; k < count; k++) {
			if (!closed[k].title)
				continue;
			snprintf(path, sizeof path, "meetings[%zu].%s[%zu].closed_in", i,
				 proposal ? "proposals" : "directives", k);
			if ((r = resolve(s, doc, ids, &closed[k], &at, cause)) < 0)
				return -1;
			if (r == 0) {
				warn_ref(warnings, path, &closed[k]);
				continue;
			}
			/* store_meeting_insert kept the document's order */
			struct meeting *own;
			if (store_meeting_load(s, ids[i], &own, cause) < 0)
				return -1;
			int64_t id = proposal ? own->proposals[k].id : own->directives[k].id;
			meeting_free(own);
			if (store_follow_set_closed(s, proposal ? CARRY_PROPOSAL : CARRY_DIRECTIVE,
						    id, at, cause) < 0)
				return -1;
		}
	}
	for (size_t k = 0; k < fo->n_carried; k++) {
		const struct interchange_carry *c = &fo->carried[k];
		snprintf(path, sizeof path, "meetings[%zu].carried[%zu]", i, k);
		if ((r = resolve(s, doc, ids, &c->from, &at, cause)) < 0)
			return -1;
		if (r == 0) {
			warn_ref(warnings, path, &c->from);
			continue;
		}
		if (at == ids[i]) {
			if (warnings)
				strbuf_addf(warnings, "%s: names the meeting itself; skipped\n",
					    path);
			continue;
		}
		struct meeting *from;
		if (store_meeting_load(s, at, &from, cause) < 0)
			return -1;
		int proposal = c->kind == CARRY_PROPOSAL;
		size_t count = proposal ? from->n_proposals : from->n_directives;
		int64_t id = c->index < count ? proposal ? from->proposals[c->index].id
							 : from->directives[c->index].id
					      : 0;
		meeting_free(from);
		if (!id) {
			if (warnings)
				strbuf_addf(warnings,
					    "%s.index: that meeting has no %s %zu; skipped\n", path,
					    proposal ? "proposal" : "directive", c->index);
			continue;
		}
		if (store_follow_carry_put(s, ids[i], c->kind, id, cause) < 0)
			return -1;
	}
	return 0;
}

int interchange_import(struct store *s, const struct interchange *doc, int64_t **ids, size_t *n,
		       char **cause)
{
	return interchange_import_warn(s, doc, NULL, ids, n, cause);
}

int interchange_import_warn(struct store *s, const struct interchange *doc, struct strbuf *warnings,
			    int64_t **ids, size_t *n, char **cause)
{
	*ids = NULL;
	*n = 0;
	if (store_begin(s, cause) < 0)
		return -1;
	if (doc->has_org && store_org_empty(s) && store_org_set(s, &doc->org, cause) < 0)
		goto fail;
	for (size_t i = 0; i < doc->n_clusters; i++)
		if (store_cluster_merge(s, &doc->clusters[i], cause) < 0) {
			set_cause(cause, "clusters[%zu]: %s", i, *cause);
			goto fail;
		}
	*ids = xcalloc(doc->n_meetings + 1, sizeof **ids);
	for (size_t i = 0; i < doc->n_meetings; i++) {
		const struct meeting *m = doc->meetings[i];
		int64_t dup;
		int r = store_meeting_find(s, m->title, m->starts_at, &dup, cause);
		if (r < 0)
			goto fail;
		if (r == 1) {
			set_cause(cause,
				  "meetings[%zu]: duplicate of meeting %lld already in the store"
				  " (same title and start)",
				  i, (long long)dup);
			goto fail;
		}
		if (store_meeting_insert(s, m, &(*ids)[i], cause) < 0) {
			set_cause(cause, "meetings[%zu]: %s", i, *cause);
			goto fail;
		}
		*n = i + 1;
	}
	for (size_t i = 0; i < doc->n_meetings; i++)
		if (import_follow(s, doc, *ids, i, warnings, cause) < 0) {
			set_cause(cause, "meetings[%zu]: %s", i, *cause);
			goto fail;
		}
	if (store_commit(s, cause) < 0)
		goto fail_nocommit;
	return 0;
fail:
	store_rollback(s);
fail_nocommit:
	free(*ids);
	*ids = NULL;
	*n = 0;
	return -1;
}

/* ==== exporting ==== */

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void set_opt(json_t *o, const char *key, const char *s)
{
	if (s)
		json_object_set_new(o, key, json_string(s));
}

static json_t *strv(char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *export_org(const struct org *o)
{
	json_t *j = json_object();
	json_object_set_new(j, "issuer", strv(o->issuer, o->n_issuer));
	json_object_set_new(j, "place", jstr(o->place));
	json_object_set_new(j, "symbol", jstr(o->symbol));
	json_object_set_new(j, "superior", jstr(o->superior));
	json_object_set_new(j, "recipients", strv(o->recipients, o->n_recipients));
	json_object_set_new(j, "notice_signer_for", jstr(o->notice_signer_for));
	json_object_set_new(j, "notice_signer_title", jstr(o->notice_signer_title));
	json_object_set_new(j, "notice_signer_name", jstr(o->notice_signer_name));
	json_object_set_new(j, "notice_body_org", jstr(o->notice_body_org));
	return j;
}

static json_t *export_meeting(const struct meeting *m)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(m->id));
	json_object_set_new(j, "title", jstr(m->title));
	json_object_set_new(j, "conference", jstr(m->conference));
	json_object_set_new(j, "cluster", m->cluster ? json_integer(m->cluster) : json_null());
	json_object_set_new(j, "period", jstr(m->period));
	json_object_set_new(j, "status", json_string(meeting_status_name(m->status)));
	json_object_set_new(j, "starts_at", jstr(m->starts_at));
	json_object_set_new(j, "ends_at", jstr(m->ends_at));
	json_object_set_new(j, "location", jstr(m->location));
	json_object_set_new(j, "host_unit", jstr(m->host_unit));
	json_object_set_new(j, "document_number", jstr(m->document_number));

	json_t *arr = json_array();
	for (size_t i = 0; i < m->n_attendees; i++) {
		const struct attendee *a = &m->attendees[i];
		json_t *o = json_object();
		json_object_set_new(o, "name", jstr(a->name));
		json_object_set_new(o, "title", jstr(a->title));
		json_object_set_new(o, "unit", jstr(a->unit));
		json_object_set_new(o, "role", json_string(role_name(a->role)));
		json_object_set_new(o, "presence", json_string(presence_name(a->presence)));
		set_opt(o, "reason", a->reason);
		set_opt(o, "arrived_at", a->arrived_at);
		set_opt(o, "substitute_for", a->substitute_for);
		json_array_append_new(arr, o);
	}
	json_object_set_new(j, "attendees", arr);

	arr = json_array();
	for (size_t i = 0; i < m->n_agenda; i++) {
		const struct agenda_item *it = &m->agenda[i];
		json_t *o = json_object();
		json_object_set_new(o, "title", jstr(it->title));
		json_object_set_new(o, "presenter", jstr(it->presenter));
		set_opt(o, "planned_start", it->planned_start);
		set_opt(o, "planned_end", it->planned_end);
		json_object_set_new(o, "started_at", jstr(it->started_at));
		json_object_set_new(o, "ended_at", jstr(it->ended_at));
		json_t *notes = json_array();
		for (size_t k = 0; k < it->n_notes; k++) {
			const struct note *n = &it->notes[k];
			json_t *no = json_object();
			json_object_set_new(no, "at", jstr(n->at));
			json_object_set_new(no, "speaker", jstr(n->speaker));
			json_object_set_new(no, "kind", json_string(note_kind_name(n->kind)));
			json_object_set_new(no, "text", jstr(n->text));
			json_array_append_new(notes, no);
		}
		json_object_set_new(o, "notes", notes);
		json_array_append_new(arr, o);
	}
	json_object_set_new(j, "agenda", arr);

	arr = json_array();
	for (size_t i = 0; i < m->n_proposals; i++) {
		const struct proposal *p = &m->proposals[i];
		json_t *o = json_object();
		json_object_set_new(o, "unit", jstr(p->unit));
		json_object_set_new(o, "text", jstr(p->text));
		json_object_set_new(o, "answer", jstr(p->answer));
		json_object_set_new(o, "status", json_string(task_status_name(p->status)));
		if (p->item_index >= 0)
			json_object_set_new(o, "item", json_integer(p->item_index));
		json_array_append_new(arr, o);
	}
	json_object_set_new(j, "proposals", arr);

	arr = json_array();
	for (size_t i = 0; i < m->n_conclusions; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "text", jstr(m->conclusions[i]));
		json_array_append_new(arr, o);
	}
	json_object_set_new(j, "conclusions", arr);

	arr = json_array();
	for (size_t i = 0; i < m->n_directives; i++) {
		const struct directive *d = &m->directives[i];
		json_t *o = json_object();
		json_object_set_new(o, "text", jstr(d->text));
		json_object_set_new(o, "owner", jstr(d->owner));
		json_object_set_new(o, "due", jstr(d->due));
		json_object_set_new(o, "status", json_string(task_status_name(d->status)));
		json_array_append_new(arr, o);
	}
	json_object_set_new(j, "directives", arr);
	return j;
}

/* {"title", "starts_at"} of a stored meeting, or NULL with cause. */
static json_t *export_ref(struct store *s, int64_t meeting, char **cause)
{
	struct meeting *m;
	if (store_meeting_load(s, meeting, &m, cause) < 0)
		return NULL;
	json_t *j = json_object();
	json_object_set_new(j, "title", jstr(m->title));
	json_object_set_new(j, "starts_at", jstr(m->starts_at));
	meeting_free(m);
	return j;
}

/* Add "closed_in" to the directives and proposals of j that have one and
 * "carried" to j when something was carried into m; nothing otherwise, so
 * documents without follow-up data read as before. */
static int export_follow(struct store *s, const struct meeting *m, json_t *j, char **cause)
{
	json_t *arr = json_object_get(j, "directives");
	for (size_t k = 0; k < m->n_directives; k++) {
		if (!m->directives[k].closed_in)
			continue;
		json_t *ref = export_ref(s, m->directives[k].closed_in, cause);
		if (!ref)
			return -1;
		json_object_set_new(json_array_get(arr, k), "closed_in", ref);
	}
	int64_t *closed;
	size_t n_closed;
	if (store_follow_proposals_closed(s, m->id, &closed, &n_closed, cause) < 0)
		return -1;
	arr = json_object_get(j, "proposals");
	for (size_t k = 0; k < n_closed && k < m->n_proposals; k++) {
		if (!closed[k])
			continue;
		json_t *ref = export_ref(s, closed[k], cause);
		if (!ref) {
			free(closed);
			return -1;
		}
		json_object_set_new(json_array_get(arr, k), "closed_in", ref);
	}
	free(closed);
	struct carry_item *c;
	size_t n;
	if (store_carryovers(s, m->id, &c, &n, cause) < 0)
		return -1;
	int rc = 0;
	json_t *carried = json_array();
	for (size_t k = 0; k < n; k++) {
		struct meeting *from = NULL;
		if (rc == 0 && store_meeting_load(s, c[k].from_meeting, &from, cause) < 0)
			rc = -1;
		if (from) {
			int proposal = c[k].kind == CARRY_PROPOSAL;
			size_t count = proposal ? from->n_proposals : from->n_directives;
			size_t index = 0;
			while (index < count && (proposal ? from->proposals[index].id
							  : from->directives[index].id) != c[k].id)
				index++;
			json_t *o = json_object();
			json_object_set_new(o, "kind",
					    json_string(proposal ? "proposal" : "directive"));
			json_t *ref = json_object();
			json_object_set_new(ref, "title", jstr(from->title));
			json_object_set_new(ref, "starts_at", jstr(from->starts_at));
			json_object_set_new(o, "from", ref);
			json_object_set_new(o, "index", json_integer((json_int_t)index));
			json_array_append_new(carried, o);
			meeting_free(from);
		}
		carry_item_free(&c[k]);
	}
	free(c);
	if (rc == 0 && json_array_size(carried))
		json_object_set_new(j, "carried", carried);
	else
		json_decref(carried);
	return rc;
}

char *interchange_export(struct store *s, const int64_t *ids, size_t n, char **cause)
{
	json_t *root = json_object();
	json_t *clusters = json_array(), *meetings = json_array();
	struct org org;
	char *out = NULL;
	int *seen = xcalloc(n + 1, sizeof *seen);
	size_t n_seen = 0;
	json_object_set_new(root, "format", json_string(INTERCHANGE_FORMAT));
	store_org_get(s, &org, cause);
	json_object_set_new(root, "organization", export_org(&org));
	org_free(&org);
	for (size_t i = 0; i < n; i++) {
		struct meeting *m;
		if (store_meeting_load(s, ids[i], &m, cause) < 0)
			goto out;
		json_t *jm = export_meeting(m);
		json_array_append_new(meetings, jm);
		if (export_follow(s, m, jm, cause) < 0) {
			meeting_free(m);
			goto out;
		}
		int known = !m->cluster;
		for (size_t k = 0; k < n_seen; k++)
			known |= seen[k] == m->cluster;
		if (!known) {
			seen[n_seen++] = m->cluster;
			struct cluster c;
			if (store_cluster_get(s, m->cluster, &c, cause) < 0) {
				meeting_free(m);
				goto out;
			}
			json_t *jc = json_object();
			json_object_set_new(jc, "number", json_integer(c.number));
			json_object_set_new(jc, "name", jstr(c.name));
			json_object_set_new(jc, "units", strv(c.units, c.n_units));
			json_array_append_new(clusters, jc);
			cluster_free(&c);
		}
		meeting_free(m);
	}
	json_object_set_new(root, "clusters", clusters);
	json_object_set_new(root, "meetings", meetings);
	clusters = meetings = NULL;
	char *dump = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!dump) {
		set_cause(cause, "cannot encode the document as JSON");
		goto out;
	}
	out = xasprintf("%s\n", dump);
	free(dump);
out:
	json_decref(clusters);
	json_decref(meetings);
	json_decref(root);
	free(seen);
	return out;
}
