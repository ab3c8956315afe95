/* store_search.h - full-text search over everything said in the meetings:
 * the "bbfold" FTS5 tokenizer (Vietnamese folded for matching, offsets into
 * the original text), literal query building, searching newest first and
 * checking that the index is in step with the text. */
#ifndef BB_STORE_SEARCH_H
#define BB_STORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "util.h"

struct sqlite3;

/* ==== connection set-up (db.c only) ==== */

/* Register the "bbfold" tokenizer and the bb_fold() SQL function on a new
 * connection. Must run before any statement touches the search tables,
 * migrations included. Returns an SQLite result code. */
int store_search_register(struct sqlite3 *db);

/* ==== tokens ==== */

/* Call fn for each word of text[0..len): runs of letters, digits and
 * combining marks; folded (lower case, marks stripped, đ -> d, as
 * text_fold) into tok[0..tok_len); start and end are byte offsets in text.
 * Stops and returns fn's value when it is not 0. Invalid UTF-8 bytes
 * separate words. */
int search_tokens(const char *text, size_t len,
		  int (*fn)(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end),
		  void *ctx);

/* The FTS5 expression for what a user typed, taken literally: each word is
 * a quoted phrase (AND between them), "quoted phrases" stay phrases, a
 * trailing * makes a prefix; FTS operators and punctuation are just words.
 * Allocated; NULL when the query holds no word at all. */
char *search_expr(const char *query);

/* The longest query searched (README, "Limits"): longer ones are refused
 * in words, so that no query costs more than a bounded, linear time. */
#define SEARCH_MAX_WORDS 64
#define SEARCH_MAX_CHARS 1000
/* 0 if query (NULL: none) is within SEARCH_MAX_WORDS words and
 * SEARCH_MAX_CHARS characters; else -1 with *cause saying the limits.
 * store_search and store_search_count check their text and speaker. */
int search_query_check(const char *query, char **cause);

/* ==== searching ==== */

/* Where a hit comes from. */
enum search_src {
	SEARCH_NOTE = 1,
	SEARCH_ITEM,	   /* agenda item title */
	SEARCH_PROPOSAL,   /* proposal text */
	SEARCH_ANSWER,	   /* answer to a proposal */
	SEARCH_CONCLUSION, /* conclusion */
	SEARCH_DIRECTIVE,  /* directive text */
};
/* "note", "item", "proposal", "answer", "conclusion", "directive". */
const char *search_src_name(enum search_src src);

/* Marks around the matched words in search_hit.snippet. Stored text that
 * holds these bytes itself only mis-highlights; show the pieces between
 * the marks through text_visible. */
#define SEARCH_MARK_ON '\x01'
#define SEARCH_MARK_OFF '\x02'

struct search_query {
	const char *text;    /* what the user typed */
	int cluster;	     /* 0: any */
	int quarter, year;   /* 0: any; a year alone is the whole year */
	const char *speaker; /* words of the speaker, presenter, unit or owner; NULL: any */
	const char *kind;    /* note kind or "item", "proposal", "answer",
				"conclusion", "directive"; NULL: any */
	int snippet_words;   /* words around the match in a snippet; 0: 24 */
};

struct search_hit {
	int64_t key; /* position in the index; pass as `before` for the next page */
	enum search_src src;
	int64_t src_id; /* note, agenda item, proposal, conclusion or directive id */
	int64_t meeting_id;
	char *meeting_title;
	int cluster; /* 0 if none */
	char *period;
	char *starts_at;
	int64_t item_id;  /* agenda item of the hit, 0 if none */
	int item_index;	  /* its position in the meeting's agenda, -1 if none */
	char *item_title; /* NULL if none */
	char *speaker;	  /* speaker, presenter, unit or owner; may be NULL */
	char *at;	  /* note time (ISO), else the item's start; may be NULL */
	char *kind;	  /* note kind, else search_src_name() */
	char *snippet;	  /* original text around the match, SEARCH_MARK_ON/OFF */
	char *due;	  /* a directive's due date (ISO), else NULL */
	int status;	  /* a directive's enum task_status, else -1 */
};
void search_hit_free(struct search_hit *h); /* members only */

/* 0 if the kind is one --kind accepts, else -1 with a cause listing them. */
int search_kind_valid(const char *kind, char **cause);

/* One page of hits, newest meeting first: at most limit hits with key <
 * before (0: from the newest). A query without any word gives no hits.
 * *hits is allocated (free each with search_hit_free, then the array).
 * Never fails because of what the user typed. */
int store_search(struct store *s, const struct search_query *q, int64_t before, int limit,
		 struct search_hit **hits, size_t *n, char **cause);
/* Like store_search, but within about budget_ms (0: no limit): the index
 * is searched newest first a slice of time at a time, and when the budget
 * is spent before the page is full, *stopped is the key down to which
 * everything was searched (pass it as `before` to go on; the hits found so
 * far are in *hits). *stopped is 0 when the page is full or the oldest
 * meeting was reached. The first slice is always searched; a negative
 * budget searches one slice per call (for tests). */
int store_search_within(struct store *s, const struct search_query *q, int64_t before, int limit,
			int budget_ms, struct search_hit **hits, size_t *n, int64_t *stopped,
			char **cause);
/* The time budget of a page in bienban search and the search screen. */
#define SEARCH_BUDGET_MS 10
/* The start of the meeting of a key, as "YYYY-MM-DD" (UTC minutes of the
 * stored start) into buf of at least 11 bytes. */
void search_key_date(int64_t key, char *buf, size_t size);

/* Within each run of hits of one meeting (a page is newest meeting first,
 * and a meeting's hits come together), the order the minutes read them
 * in: by agenda item (its title, then its notes by time, then proposals
 * and answers raised there), then the conclusions, then the directives.
 * The index's own order within a meeting is the order things were typed
 * or imported in, newest first: directive 5 before directive 1. Sorting
 * moves the page's oldest key: take the next page's `before` first
 * (search_hits_oldest). */
void search_hits_minutes_order(struct search_hit *hits, size_t n);
/* The smallest key of the hits (the next page's `before`), or 0. */
int64_t search_hits_oldest(const struct search_hit *hits, size_t n);

/* Counts stop here ("1000+ hits"): counting further costs more than the
 * first page and tells a reader nothing. */
#define SEARCH_COUNT_CAP 1000

/* Number of hits, counting at most cap (0: no cap): *n == cap means "cap
 * or more". */
int store_search_count(struct store *s, const struct search_query *q, int64_t cap, int64_t *n,
		       char **cause);

/* ==== keeping the index in step ==== */

/* Append to *report one line per problem of the search index: the FTS5
 * integrity-check against its content (a write statement: skipped on a
 * read-only store, and given up after 2 s so that writers never wait
 * long), the index's rows against search_doc's, and search_doc against
 * the source tables (missing, extra or stale rows, keys out of their
 * meeting's range). Returns the number of problems, or -1 with cause. */
int store_search_check(struct store *s, struct strbuf *report, char **cause);
/* Like store_search_count, within about budget_ms (0: no limit): *done is
 * 0 when the budget ran out first (then *n is 0: not known). */
int store_search_count_within(struct store *s, const struct search_query *q, int64_t cap,
			      int budget_ms, int64_t *n, int *done, char **cause);

/* Rebuilding the index: store_reindex.h. */

/* A bulk insert (import): inside a transaction (store_begin), between
 * begin and end, rows written to the searchable tables are indexed once,
 * at end, instead of row by row (see store_search.c); searches in between
 * do not see them. On failure, roll back the transaction first, then call
 * abandon. */
struct search_defer;
int store_search_defer_begin(struct store *s, struct search_defer **d, char **cause);
int store_search_defer_end(struct store *s, struct search_defer *d, char **cause);
void store_search_defer_abandon(struct store *s, struct search_defer *d);

#endif
