/* interchange_import.c - store a parsed bienban/1 document, all or
 * nothing, and resolve its follow-up references. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "interchange.h"
#include "interchange_field.h"
#include "store_follow.h"
#include "store_search.h"
#include "text.h"

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
	char *vis = text_quote(ref->title);
	strbuf_addf(warnings, _("%s: no meeting \"%s\" starting %s; skipped\n"), path, vis,
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
				strbuf_addf(warnings, _("%s: names the meeting itself; skipped\n"),
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
					    proposal ? _("%s.index: that meeting has no proposal "
							 "%zu; skipped\n")
						     : _("%s.index: that meeting has no directive "
							 "%zu; skipped\n"),
					    path, c->index);
			continue;
		}
		if (store_follow_carry_put(s, ids[i], c->kind, id, cause) < 0)
			return -1;
	}
	for (size_t k = 0; k < fo->n_log; k++)
		if (store_follow_log_put(s, ids[i], &fo->log[k], cause) < 0)
			return -1;
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
	return interchange_import_progress(s, doc, warnings, NULL, NULL, ids, n, cause);
}

int interchange_import_progress(struct store *s, const struct interchange *doc,
				struct strbuf *warnings,
				void (*progress)(void *ctx, size_t done, size_t total), void *ctx,
				int64_t **ids, size_t *n, char **cause)
{
	*ids = NULL;
	*n = 0;
	struct search_defer *defer = NULL;
	if (store_begin(s, cause) < 0)
		return -1;
	/* The search index is filled once at the end, not per row. */
	if (store_search_defer_begin(s, &defer, cause) < 0)
		goto fail;
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
				  _("meetings[%zu]: duplicate of meeting %lld already in the store"
				    " (same title and start)"),
				  i, (long long)dup);
			goto fail;
		}
		if (store_meeting_insert(s, m, &(*ids)[i], cause) < 0) {
			set_cause(cause, "meetings[%zu]: %s", i, *cause);
			goto fail;
		}
		*n = i + 1;
		if (progress)
			progress(ctx, i + 1, doc->n_meetings);
	}
	for (size_t i = 0; i < doc->n_meetings; i++)
		if (import_follow(s, doc, *ids, i, warnings, cause) < 0) {
			set_cause(cause, "meetings[%zu]: %s", i, *cause);
			goto fail;
		}
	if (progress) /* all stored; the index and the commit follow */
		progress(ctx, doc->n_meetings, doc->n_meetings);
	int dr = store_search_defer_end(s, defer, cause);
	defer = NULL;
	if (dr < 0)
		goto fail;
	if (store_commit(s, cause) < 0)
		goto fail_nocommit;
	return 0;
fail:
	store_rollback(s);
fail_nocommit:
	store_search_defer_abandon(s, defer);
	free(*ids);
	*ids = NULL;
	*n = 0;
	return -1;
}
