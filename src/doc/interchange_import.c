/* interchange_import.c - store a parsed bienban/1 document, all or
 * nothing, and resolve its follow-up references. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "interchange.h"
#include "interchange_field.h"
#include "store_follow.h"
#include "store_search.h"
#include "store_stage.h"
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

/* A carry-over's index names no proposal (directive) of its meeting. */
static void warn_index(struct strbuf *warnings, const char *path, int proposal, size_t index)
{
	if (warnings)
		strbuf_addf(warnings,
			    proposal ? _("%s.index: that meeting has no proposal %zu; skipped\n")
				     : _("%s.index: that meeting has no directive %zu; skipped\n"),
			    path, index);
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
			warn_index(warnings, path, proposal, c->index);
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


/* ==== the streaming import (issues 12 and 16) ==== */

/* What the follow-ups of a staged meeting still need once every meeting
 * is staged: its references. */
struct staged {
	size_t pos;
	int64_t stage_id;
	size_t n_proposals, n_directives;
	struct interchange_follow *fo;
};

struct stream {
	struct store *s;
	struct store_stage *st;
	struct staged *m;
	size_t n, cap, size, count;
	void (*progress)(void *ctx, size_t done, size_t total, size_t bytes, size_t size);
	void *ctx;
};

/* The change log is written as the document gives it, normalised here
 * (the parser left the text as it came). */
static int log_put(struct store *g, int64_t id, const struct change_entry *e, char **cause)
{
	struct change_entry c = {.item = e->item};
	const char *in[] = {e->at, e->who, e->what, e->field, e->old_value, e->new_value, e->reason};
	char **out[] = {&c.at, &c.who, &c.what, &c.field, &c.old_value, &c.new_value, &c.reason};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < BB_ARRAY_LEN(in); i++)
		rc = text_nfc(in[i], out[i], cause);
	if (rc == 0)
		rc = store_follow_log_put(g, id, &c, cause);
	change_entry_free(&c);
	return rc;
}

/* Tests only: BIENBAN_TEST_STAGE_PAUSE=FILE creates FILE once the first
 * meeting is staged and waits (up to a minute) until the test removes
 * it, so that a test can write to the store while the import stages. */
static void test_pause(void)
{
	const char *f = getenv("BIENBAN_TEST_STAGE_PAUSE");
	if (!f || !*f)
		return;
	FILE *fp = fopen(f, "w");
	if (!fp)
		return;
	fclose(fp);
	struct stat sb;
	for (int i = 0; i < 6000 && stat(f, &sb) == 0; i++)
		usleep(10000);
}

static int has_refs(const struct meeting *m, const struct interchange_follow *fo)
{
	if (fo->n_carried)
		return 1;
	for (size_t k = 0; k < m->n_proposals; k++)
		if (fo->proposal_closed[k].title)
			return 1;
	for (size_t k = 0; k < m->n_directives; k++)
		if (fo->directive_closed[k].title)
			return 1;
	return 0;
}

static int stage_one(void *vctx, size_t i, struct meeting *m, struct interchange_follow *fo,
		     size_t done, char **cause)
{
	struct stream *c = vctx;
	struct store *g = store_stage_store(c->st);
	int64_t sid;
	int rc = store_stage_meeting(c->st, c->s, i, m->id, m, &sid, cause);
	for (size_t k = 0; rc == 0 && k < fo->n_log; k++)
		if (log_put(g, sid, &fo->log[k], cause) < 0) {
			set_cause(cause, "meetings[%zu].change_log[%zu]: %s", i, k, *cause);
			rc = -1;
		}
	for (size_t k = 0; k < fo->n_log; k++)
		change_entry_free(&fo->log[k]);
	free(fo->log);
	fo->log = NULL;
	fo->n_log = 0;
	if (rc == 0 && has_refs(m, fo)) {
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 64;
			c->m = xreallocarray(c->m, c->cap, sizeof *c->m);
		}
		c->m[c->n++] = (struct staged){.pos = i,
					       .stage_id = sid,
					       .n_proposals = m->n_proposals,
					       .n_directives = m->n_directives,
					       .fo = fo};
		fo = NULL;
	}
	interchange_meeting_free(m, fo);
	c->count = i + 1;
	if (rc == 0 && i == 0)
		test_pause();
	if (rc == 0 && c->progress)
		c->progress(c->ctx, i + 1, 0, done, c->size);
	return rc;
}

/* The meeting a reference names: the document's first (staged), then the
 * store's. 1 with *stage or *main set, 0 if none, -1 with cause. */
static int resolve_staged(struct stream *c, const struct interchange_ref *ref, int64_t *stage,
			  int64_t *main, char **cause)
{
	*stage = *main = 0;
	char *title = NULL;
	if (text_nfc(ref->title, &title, cause) < 0)
		return -1;
	int r = store_meeting_find(store_stage_store(c->st), title, ref->starts_at, stage, cause);
	if (r == 0)
		r = store_meeting_find(c->s, title, ref->starts_at, main, cause);
	free(title);
	return r;
}

/* The id of item index of kind in a meeting of store g (0: none). */
static int item_id(struct store *g, int64_t meeting, int proposal, size_t index, int64_t *id,
		   char **cause)
{
	struct meeting *mt;
	if (store_meeting_load(g, meeting, &mt, cause) < 0)
		return -1;
	size_t count = proposal ? mt->n_proposals : mt->n_directives;
	*id = index < count ? proposal ? mt->proposals[index].id : mt->directives[index].id : 0;
	meeting_free(mt);
	return 0;
}

static int follow_staged(struct stream *c, const struct staged *sm, struct strbuf *warnings,
			 char **cause)
{
	const struct interchange_follow *fo = sm->fo;
	struct store *g = store_stage_store(c->st);
	char path[PATH_MAX_LEN];
	int64_t at_s, at_m, id;
	int r;
	for (int proposal = 0; proposal < 2; proposal++) {
		size_t count = proposal ? sm->n_proposals : sm->n_directives;
		const struct interchange_ref *closed =
		    proposal ? fo->proposal_closed : fo->directive_closed;
		for (size_t k = 0; k < count; k++) {
			if (!closed[k].title)
				continue;
			snprintf(path, sizeof path, "meetings[%zu].%s[%zu].closed_in", sm->pos,
				 proposal ? "proposals" : "directives", k);
			if ((r = resolve_staged(c, &closed[k], &at_s, &at_m, cause)) < 0)
				return -1;
			if (r == 0) {
				warn_ref(warnings, path, &closed[k]);
				continue;
			}
			/* store_meeting_insert kept the document's order */
			if (item_id(g, sm->stage_id, proposal, k, &id, cause) < 0 ||
			    store_stage_closed(c->st, proposal ? CARRY_PROPOSAL : CARRY_DIRECTIVE,
					       id, at_s, at_m, cause) < 0)
				return -1;
		}
	}
	for (size_t k = 0; k < fo->n_carried; k++) {
		const struct interchange_carry *ca = &fo->carried[k];
		snprintf(path, sizeof path, "meetings[%zu].carried[%zu]", sm->pos, k);
		if ((r = resolve_staged(c, &ca->from, &at_s, &at_m, cause)) < 0)
			return -1;
		if (r == 0) {
			warn_ref(warnings, path, &ca->from);
			continue;
		}
		if (at_s == sm->stage_id) {
			if (warnings)
				strbuf_addf(warnings, _("%s: names the meeting itself; skipped\n"),
					    path);
			continue;
		}
		int proposal = ca->kind == CARRY_PROPOSAL;
		if (item_id(at_s ? g : c->s, at_s ? at_s : at_m, proposal, ca->index, &id, cause) <
		    0)
			return -1;
		if (!id) {
			warn_index(warnings, path, proposal, ca->index);
			continue;
		}
		if (store_stage_carry(c->st, sm->stage_id, ca->kind, at_s ? id : 0, at_s ? 0 : id,
				      cause) < 0)
			return -1;
	}
	return 0;
}

int interchange_import_stream(struct store *s, const char *data, size_t len,
			      struct strbuf *warnings,
			      void (*progress)(void *ctx, size_t done, size_t total, size_t bytes,
					       size_t size),
			      void *ctx, int64_t **ids, size_t *n, char **cause)
{
	*ids = NULL;
	*n = 0;
	if (store_readonly(s))
		return store_begin(s, cause); /* says why */
	struct stream c = {.s = s, .size = len, .progress = progress, .ctx = ctx};
	struct interchange doc;
	memset(&doc, 0, sizeof doc);
	if (store_stage_open(&c.st, cause) < 0)
		return -1;
	int rc = interchange_parse_ahead(data, len, &doc, stage_one, &c, warnings, cause);
	for (size_t i = 0; rc == 0 && i < c.n; i++)
		if (follow_staged(&c, &c.m[i], warnings, cause) < 0) {
			set_cause(cause, "meetings[%zu]: %s", c.m[i].pos, *cause);
			rc = -1;
		}
	if (rc == 0 && progress) /* all staged; the copy and the index follow */
		progress(ctx, c.count, c.count, len, len);
	if (rc == 0)
		rc = store_stage_copy(c.st, s, doc.has_org ? &doc.org : NULL, doc.clusters,
				      doc.n_clusters, ids, n, cause);
	store_stage_free(c.st);
	for (size_t i = 0; i < c.n; i++) {
		const struct meeting counts = {.n_proposals = c.m[i].n_proposals,
					       .n_directives = c.m[i].n_directives};
		interchange_follow_free(c.m[i].fo, &counts);
		free(c.m[i].fo);
	}
	free(c.m);
	interchange_free(&doc);
	return rc;
}
