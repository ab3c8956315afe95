/* interchange_export.c - meetings of a store as one bienban/1 document. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "interchange.h"
#include "text.h"
#include "store_follow.h"

/* Text of the store as JSON strings, taken as they are: json_string
 * would give NULL for invalid UTF-8 (a hand-edited store), and the field
 * would silently go missing. invalid_field finds them before anything is
 * written. */
static json_t *jstr(const char *s)
{
	return s ? json_string_nocheck(s) : json_null();
}

static void set_opt(json_t *o, const char *key, const char *s)
{
	if (s)
		json_object_set_new(o, key, json_string_nocheck(s));
}

static json_t *strv(char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string_nocheck(v[i] ? v[i] : ""));
	return a;
}

/* The JSON path (into path) of the first string of v that is not valid
 * UTF-8: 1 if there is one, else 0. */
static int invalid_field(json_t *v, char *path, size_t cap)
{
	size_t len = strlen(path);
	if (json_is_string(v))
		return !text_valid_utf8(json_string_value(v), json_string_length(v), NULL);
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
		{
			snprintf(path + len, cap - len, "[%zu]", i);
			if (invalid_field(e, path, cap))
				return 1;
		}
	} else if (json_is_object(v)) {
		const char *key;
		json_t *e;
		json_object_foreach(v, key, e)
		{
			snprintf(path + len, cap - len, "%s%s", len ? "." : "", key);
			if (invalid_field(e, path, cap))
				return 1;
		}
	}
	path[len] = '\0';
	return 0;
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

static json_t *export_attendees(const struct meeting *m)
{
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
	return arr;
}

static json_t *export_agenda(const struct meeting *m)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < m->n_agenda; i++) {
		const struct agenda_item *it = &m->agenda[i];
		json_t *o = json_object();
		json_object_set_new(o, "title", jstr(it->title));
		json_object_set_new(o, "presenter", jstr(it->presenter));
		set_opt(o, "planned_start", it->planned_start);
		set_opt(o, "planned_end", it->planned_end);
		json_object_set_new(o, "started_at", jstr(it->started_at));
		json_object_set_new(o, "ended_at", jstr(it->ended_at));
		if (it->kind != IK_AUTO) /* absent: detected, as before the field */
			json_object_set_new(o, "kind", json_string(item_kind_name(it->kind)));
		json_t *notes = json_array();
		for (size_t k = 0; k < it->n_notes; k++) {
			const struct note *n = &it->notes[k];
			json_t *no = json_object();
			json_object_set_new(no, "at", jstr(n->at));
			json_object_set_new(no, "speaker", jstr(n->speaker));
			json_object_set_new(no, "kind", json_string(note_kind_name(n->kind)));
			json_object_set_new(no, "text", jstr(n->text));
			if (n->after_conclusions) /* absent: before them, as before the field */
				json_object_set_new(no, "after_conclusions", json_true());
			json_array_append_new(notes, no);
		}
		json_object_set_new(o, "notes", notes);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *export_proposals(const struct meeting *m)
{
	json_t *arr = json_array();
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
	return arr;
}

static json_t *export_conclusions(const struct meeting *m)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < m->n_conclusions; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "text", jstr(m->conclusions[i]));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *export_directives(const struct meeting *m)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < m->n_directives; i++) {
		const struct directive *d = &m->directives[i];
		json_t *o = json_object();
		json_object_set_new(o, "text", jstr(d->text));
		json_object_set_new(o, "owner", jstr(d->owner));
		json_object_set_new(o, "due", jstr(d->due));
		json_object_set_new(o, "status", json_string(task_status_name(d->status)));
		json_array_append_new(arr, o);
	}
	return arr;
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
	if (m->notice_number)
		json_object_set_new(j, "notice_number", json_string(m->notice_number));
	json_object_set_new(j, "attendees", export_attendees(m));
	json_object_set_new(j, "agenda", export_agenda(m));
	json_object_set_new(j, "proposals", export_proposals(m));
	json_object_set_new(j, "conclusions", export_conclusions(m));
	json_object_set_new(j, "directives", export_directives(m));
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

/* "change_log" of the meeting, when it has one: its history travels with
 * it (an approved meeting stays approved elsewhere, with its reasons). */
static int export_log(struct store *s, const struct meeting *m, json_t *j, char **cause)
{
	struct change_entry *e;
	size_t n;
	if (store_change_log(s, m->id, &e, &n, cause) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "at", jstr(e[i].at));
		json_object_set_new(o, "who", jstr(e[i].who));
		json_object_set_new(o, "what", jstr(e[i].what));
		json_object_set_new(o, "item", e[i].item ? json_integer(e[i].item) : json_null());
		json_object_set_new(o, "field", jstr(e[i].field));
		json_object_set_new(o, "old", jstr(e[i].old_value));
		json_object_set_new(o, "new", jstr(e[i].new_value));
		json_object_set_new(o, "reason", jstr(e[i].reason));
		json_array_append_new(arr, o);
		change_entry_free(&e[i]);
	}
	free(e);
	if (n)
		json_object_set_new(j, "change_log", arr);
	else
		json_decref(arr);
	return 0;
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
	return rc == 0 ? export_log(s, m, j, cause) : rc;
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
	char field[512] = "";
	if (invalid_field(root, field, sizeof field)) {
		set_cause(cause,
			  _("%s: the store holds text that is not valid UTF-8 there (see 'bienban "
			    "check'); nothing was exported"),
			  field);
		goto out;
	}
	char *dump = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!dump) {
		set_cause(cause, _("cannot encode the document as JSON"));
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
