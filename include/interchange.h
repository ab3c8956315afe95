/* interchange.h - the bienban/1 JSON document (SPEC section 5): parse and
 * validate it, import it into a store all or nothing, export meetings. */
#ifndef BB_INTERCHANGE_H
#define BB_INTERCHANGE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "store.h"
#include "store_review.h"
#include "util.h"

#define INTERCHANGE_FORMAT "bienban/1"

/* A meeting named by title and start (ids differ between stores). */
struct interchange_ref {
	char *title, *starts_at; /* both NULL: no reference */
};

/* An item of an earlier meeting carried over into a meeting: its
 * position in that meeting's directives or proposals. */
struct interchange_carry {
	enum carry_kind kind;
	struct interchange_ref from;
	size_t index;
};

/* Follow-up data of one meeting ("carried", "closed_in"). */
struct interchange_follow {
	struct interchange_carry *carried;
	size_t n_carried;
	struct interchange_ref *directive_closed; /* one per directive */
	struct interchange_ref *proposal_closed;  /* one per proposal */
	struct change_entry *log;		  /* "change_log", oldest first */
	size_t n_log;
};

/* A parsed document. */
struct interchange {
	int has_org;
	struct org org;
	struct cluster *clusters;
	size_t n_clusters;
	struct meeting **meetings;
	struct interchange_follow *follow; /* one per meeting */
	size_t n_meetings;
};
void interchange_free(struct interchange *doc); /* members only */

/* Parse and validate a document. Text must be valid UTF-8 (reported with
 * the byte position) and is normalised to NFC. On error returns -1 and
 * *cause names the JSON path: "meetings[2].attendees[0].role: unknown
 * value \"boss\"". Unknown fields are listed in *warnings, one line each. */
int interchange_parse(const char *data, size_t len, struct interchange *doc,
		      struct strbuf *warnings, char **cause);

/* Import a parsed document in one transaction: either every meeting is
 * stored or nothing changes. Organisation settings are taken only into a
 * store that has none. A meeting already in the store (same title and
 * start) is refused as a duplicate. *ids (allocated) receives the new ids. */
int interchange_import(struct store *s, const struct interchange *doc, int64_t **ids, size_t *n,
		       char **cause);
/* Same, and the carry-overs and closing meetings of the document, each
 * resolved against the document's meetings first, then the store's; one
 * that names no such meeting or item is skipped with a line in *warnings
 * (may be NULL). */
int interchange_import_warn(struct store *s, const struct interchange *doc, struct strbuf *warnings,
			    int64_t **ids, size_t *n, char **cause);
/* Same, calling progress(ctx, done, total) after each meeting stored and
 * once more with done == total before the search index is written and the
 * transaction committed (progress may be NULL). */
int interchange_import_progress(struct store *s, const struct interchange *doc,
				struct strbuf *warnings,
				void (*progress)(void *ctx, size_t done, size_t total), void *ctx,
				int64_t **ids, size_t *n, char **cause);

/* Parse a document meeting by meeting (issue 12): each meeting is
 * checked as in interchange_parse and handed to each() (which owns m and
 * fo, and frees them with interchange_meeting_free) with the bytes read
 * so far, before the next is read; its JSON is freed before. Strings are
 * not normalised to NFC: the store does that as it writes them. doc
 * receives the organisation and the clusters (no meetings). */
int interchange_parse_stream(const char *data, size_t len, struct interchange *doc,
			     int (*each)(void *ctx, size_t i, struct meeting *m,
					 struct interchange_follow *fo, size_t done,
					 char **cause),
			     void *ctx, struct strbuf *warnings, char **cause);
/* The same, with the parse a few meetings ahead on a thread of its own
 * (interchange_ahead.c): each() is called in order on the calling
 * thread, and must not write to warnings. */
int interchange_parse_ahead(const char *data, size_t len, struct interchange *doc,
			    int (*each)(void *ctx, size_t i, struct meeting *m,
					struct interchange_follow *fo, size_t done, char **cause),
			    void *ctx, struct strbuf *warnings, char **cause);
void interchange_meeting_free(struct meeting *m, struct interchange_follow *fo);
/* The members of fo (m gives the counts of its proposals and directives). */
void interchange_follow_free(struct interchange_follow *fo, const struct meeting *m);

/* Import a document as it is read (issue 16): each meeting is parsed,
 * checked and staged outside the store's write lock, then everything is
 * copied in one short transaction; all or nothing as interchange_import.
 * progress(ctx, done, total, bytes, size) after each meeting staged
 * (total 0: not known yet), then once with total = done before the copy
 * (may be NULL). *ids (allocated, the document's order) gets the new ids. */
int interchange_import_stream(struct store *s, const char *data, size_t len,
			      struct strbuf *warnings,
			      void (*progress)(void *ctx, size_t done, size_t total, size_t bytes,
					       size_t size),
			      void *ctx, int64_t **ids, size_t *n, char **cause);

/* Export the meetings as one document (allocated, ends with a newline).
 * Export, import into an empty store and export again gives the same
 * bytes. */
char *interchange_export(struct store *s, const int64_t *ids, size_t n, char **cause);

#endif
