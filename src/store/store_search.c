/* store_search.c - the "bbfold" FTS5 tokenizer, literal query building,
 * searching newest first, and checking the index against the text. */
#include "store_search.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "db.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

/* ==== folding and tokens ==== */

/* Folding one code point at a time through text_fold gives the same result
 * as folding the whole word for everything below the Hangul jamo (where
 * composition starts to matter) and for Latin Extended Additional
 * (U+1E00-U+1EFF: "ệ", "ấ", "ở", a base letter and marks each), at a
 * fraction of the cost: the tokenizer sees every word of a million notes
 * when an index is built, and every word of a hit when its snippet is
 * made. Without the second range, every Vietnamese word with two marks
 * went through text_fold whole. */
#define FOLD_LOW 0x1100
#define FOLD_EXT 0x1E00
#define FOLD_TABLE (FOLD_LOW + 0x100)
#define FOLD_UNKNOWN 0xff
static unsigned char fold_len[FOLD_TABLE];
static char fold_str[FOLD_TABLE][7];
static int fold_ready;

static void fold_init(void)
{
	memset(fold_len, FOLD_UNKNOWN, sizeof fold_len);
	fold_ready = 1;
}

/* Folded form of cp into *out; its length, or -1 if it is not one the
 * table holds (then the caller folds the whole word). */
static int fold_cp(utf8proc_int32_t cp, const char **out)
{
	int i = cp >= 0 && cp < FOLD_LOW		  ? (int)cp
		: cp >= FOLD_EXT && cp < FOLD_EXT + 0x100 ? FOLD_LOW + (int)(cp - FOLD_EXT)
							  : -1;
	if (i < 0)
		return -1;
	if (fold_len[i] == FOLD_UNKNOWN) {
		utf8proc_uint8_t enc[8] = {0};
		utf8proc_encode_char(cp, enc);
		char *f = text_fold((const char *)enc);
		size_t n = strlen(f);
		if (n < sizeof fold_str[i]) {
			memcpy(fold_str[i], f, n);
			fold_len[i] = (unsigned char)n;
		} else {
			fold_len[i] = FOLD_UNKNOWN - 1;
		}
		free(f);
	}
	if (fold_len[i] == FOLD_UNKNOWN - 1)
		return -1;
	*out = fold_str[i];
	return fold_len[i];
}

/* Letters, combining marks and digits make words; everything else
 * (spaces, punctuation, symbols, controls) separates them. */
static int is_word_cp(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

/* The next code point at text[off..len) and its length (0 when the bytes
 * are not UTF-8), whether it is part of a word in *word. ASCII, most of
 * the bytes of Vietnamese minutes, is decided without utf8proc. */
static utf8proc_ssize_t next_cp(const char *text, size_t len, size_t off, utf8proc_int32_t *cp,
				int *word)
{
	unsigned char b = (unsigned char)text[off];
	if (b < 0x80) {
		*cp = b;
		*word = (unsigned)((b | 0x20) - 'a') < 26u || (unsigned)(b - '0') < 10u;
		return 1;
	}
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + off,
					      (utf8proc_ssize_t)(len - off), cp);
	*word = n > 0 && is_word_cp(*cp);
	return n;
}

int search_tokens(const char *text, size_t len,
		  int (*fn)(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end),
		  void *ctx)
{
	if (!fold_ready)
		fold_init();
	struct strbuf tok = {0};
	size_t off = 0;
	int rc = 0;
	while (off < len && rc == 0) {
		utf8proc_int32_t cp;
		int word;
		utf8proc_ssize_t n = next_cp(text, len, off, &cp, &word);
		if (!word) {
			off += n > 0 ? (size_t)n : 1;
			continue;
		}
		size_t start = off;
		int slow = 0;
		strbuf_reset(&tok);
		while (off < len) {
			n = next_cp(text, len, off, &cp, &word);
			if (!word)
				break;
			const char *f;
			int fl = !slow ? fold_cp(cp, &f) : -1;
			if (fl < 0)
				slow = 1;
			else if (fl > 0)
				strbuf_add(&tok, f, (size_t)fl);
			off += (size_t)n;
		}
		if (slow) {
			char *word = xstrndup(text + start, off - start);
			char *f = text_fold(word);
			strbuf_reset(&tok);
			strbuf_adds(&tok, f);
			free(f);
			free(word);
		}
		if (tok.len > 0)
			rc = fn(ctx, tok.buf, tok.len, start, off);
	}
	strbuf_free(&tok);
	return rc;
}

/* ==== the FTS5 tokenizer ==== */

struct fts_call {
	void *ctx;
	int (*token)(void *ctx, int flags, const char *tok, int len, int start, int end);
};

static int fts_token(void *ctx, const char *tok, size_t tok_len, size_t start, size_t end)
{
	struct fts_call *c = ctx;
	if (tok_len > INT_MAX || end > INT_MAX)
		return SQLITE_TOOBIG;
	return c->token(c->ctx, 0, tok, (int)tok_len, (int)start, (int)end);
}

static int bbfold_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)argv;
	(void)argc;
	/* Stateless: any non-NULL pointer will do. */
	*out = (Fts5Tokenizer *)ctx;
	return SQLITE_OK;
}

static void bbfold_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int bbfold_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			   int (*token)(void *, int, const char *, int, int, int))
{
	(void)t;
	(void)flags; /* documents and queries fold alike */
	if (!text || len <= 0)
		return SQLITE_OK;
	struct fts_call c = {ctx, token};
	return search_tokens(text, (size_t)len, fts_token, &c);
}

static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, text_fold(s), -1, free);
}

int store_search_register(struct sqlite3 *db)
{
	static fts5_tokenizer tokenizer = {bbfold_create, bbfold_delete, bbfold_tokenize};
	static int tag;
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	/* Called on a connection opened elsewhere too (the tests): the
	 * library's table may not be loaded yet (sqlite_dl.h). */
	if (bb_sqlite3_load(NULL) < 0)
		return SQLITE_ERROR;
	int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	rc = api->xCreateTokenizer(api, "bbfold", &tag, &tokenizer, NULL);
	if (rc != SQLITE_OK)
		return rc;
	return sqlite3_create_function_v2(db, "bb_fold", 1,
					  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
					  NULL, sql_fold, NULL, NULL, NULL);
}

/* ==== building queries ==== */

struct phrase {
	struct strbuf *sb;
	int words;
};

static int add_word(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
	(void)start;
	(void)end;
	struct phrase *p = ctx;
	if (p->words++)
		strbuf_addc(p->sb, ' ');
	/* Folded words are letters and digits only; doubling quotes anyway
	 * keeps the phrase a phrase whatever the tokenizer becomes. */
	for (size_t i = 0; i < len; i++) {
		if (tok[i] == '"')
			strbuf_addc(p->sb, '"');
		strbuf_addc(p->sb, tok[i]);
	}
	return 0;
}

/* Append s[0..len) as one quoted FTS5 phrase (with " *" for a prefix) to
 * out; nothing if it holds no word. Returns 1 if something was added. */
static int add_phrase(struct strbuf *out, const char *s, size_t len, int prefix, int first)
{
	struct strbuf words = {0};
	struct phrase p = {&words, 0};
	search_tokens(s, len, add_word, &p);
	if (p.words) {
		if (!first)
			strbuf_addc(out, ' ');
		strbuf_addc(out, '"');
		strbuf_add(out, words.buf, words.len);
		strbuf_addc(out, '"');
		if (prefix)
			strbuf_adds(out, " *");
	}
	strbuf_free(&words);
	return p.words > 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *search_expr(const char *query)
{
	struct strbuf out = {0};
	int terms = 0;
	size_t i = 0, n = query ? strlen(query) : 0;
	while (i < n) {
		if (is_space(query[i])) {
			i++;
			continue;
		}
		size_t a, b;
		int prefix = 0;
		if (query[i] == '"') {
			a = ++i;
			while (i < n && query[i] != '"')
				i++;
			b = i;
			if (i < n)
				i++; /* the closing quote; a missing one ends the query */
			while (i < n && query[i] == '*') {
				prefix = 1;
				i++;
			}
		} else {
			a = i;
			while (i < n && !is_space(query[i]) && query[i] != '"')
				i++;
			b = i;
			while (b > a && query[b - 1] == '*') {
				prefix = 1;
				b--;
			}
		}
		terms += add_phrase(&out, query + a, b - a, prefix, terms == 0);
	}
	if (!terms) {
		strbuf_free(&out);
		return NULL;
	}
	return strbuf_detach(&out);
}

static int count_word(void *ctx, const char *tok, size_t len, size_t start, size_t end)
{
	(void)tok;
	(void)len;
	(void)start;
	(void)end;
	/* Stop at one past the limit: the rest need not be read. */
	return ++*(int *)ctx > SEARCH_MAX_WORDS;
}

int search_query_check(const char *query, char **cause)
{
	if (!query)
		return 0;
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)query; *p; p++)
		if ((*p & 0xc0) != 0x80 && ++chars > SEARCH_MAX_CHARS)
			break;
	int words = 0;
	if (chars <= SEARCH_MAX_CHARS)
		search_tokens(query, strlen(query), count_word, &words);
	if (chars > SEARCH_MAX_CHARS || words > SEARCH_MAX_WORDS)
		return set_cause(cause,
				 _("the search is too long: at most %d words and %d characters"),
				 SEARCH_MAX_WORDS, SEARCH_MAX_CHARS);
	return 0;
}

/* ==== searching ==== */

static const char *const src_names[] = {NULL,	  "note",	"item",	    "proposal",
					"answer", "conclusion", "directive"};

const char *search_src_name(enum search_src src)
{
	return src >= SEARCH_NOTE && src <= SEARCH_DIRECTIVE ? src_names[src] : "?";
}

static const char *const kinds[] = {"statement", "report", "question",	 "answer",   "proposal",
				    "decision",	 "item",   "conclusion", "directive"};

int search_kind_valid(const char *kind, char **cause)
{
	for (size_t i = 0; i < BB_ARRAY_LEN(kinds); i++)
		if (str_eq(kind, kinds[i]))
			return 0;
	return set_cause(cause,
			 _("unknown kind '%s' (statement, report, question, answer, proposal, "
			   "decision, item, conclusion, directive)"),
			 kind ? kind : "");
}

void search_hit_free(struct search_hit *h)
{
	if (!h)
		return;
	free(h->meeting_title);
	free(h->period);
	free(h->starts_at);
	free(h->item_title);
	free(h->speaker);
	free(h->at);
	free(h->kind);
	free(h->snippet);
	free(h->due);
}

/* The whole MATCH expression: the user's words in the text column, the
 * filters as words of the meta and speaker columns, so that FTS5 does all
 * the work and a page stops early. NULL when there is nothing to search. */
static char *match_expr(const struct search_query *q, char **cause)
{
	if (q->kind && search_kind_valid(q->kind, cause) < 0)
		return NULL;
	if (search_query_check(q->text, cause) < 0 || search_query_check(q->speaker, cause) < 0)
		return NULL;
	char *words = search_expr(q->text);
	if (!words)
		return NULL;
	struct strbuf sb = {0};
	strbuf_addf(&sb, "text : (%s)", words);
	free(words);
	if (q->cluster > 0)
		strbuf_addf(&sb, " AND meta : \"c%d\"", q->cluster);
	if (q->year > 0 && q->quarter > 0)
		strbuf_addf(&sb, " AND meta : \"p%d\"", q->year * 10 + q->quarter);
	else if (q->year > 0)
		strbuf_addf(&sb, " AND meta : \"y%d\"", q->year);
	if (q->kind)
		strbuf_addf(&sb, " AND meta : \"k%s\"", q->kind);
	char *who = search_expr(q->speaker);
	if (who) {
		strbuf_addf(&sb, " AND speaker : (%s)", who);
		free(who);
	}
	return strbuf_detach(&sb);
}

static double clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The lowest and highest key of the index (rowid look-ups, not scans). */
static int key_range(struct store *s, int64_t *lo, int64_t *hi, char **cause)
{
	sqlite3_stmt *st = db_prep(s,
				   "SELECT coalesce((SELECT min(key) FROM search_doc), 0),"
				   " coalesce((SELECT max(key) FROM search_doc), 0)",
				   cause);
	if (!st)
		return -1;
	int r = db_row(s, st, cause);
	if (r == 1) {
		*lo = sqlite3_column_int64(st, 0);
		*hi = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return r < 0 ? -1 : 0;
}

/* The keys of a --period's meetings: every row of a meeting has a key in
 * [base, base + 2^24), base its start in minutes times 2^24 (search_base
 * in db/002_search.sql; the expression below is the same), so the hits of
 * a period lie between its first meeting's base and its last one's. The
 * covering index meetings_period gives the first and last start as text
 * (0.3 ms for a year of the ten-year store, where converting every start
 * took 1.4 ms); text sorts as time but for the separator ("T" or " ")
 * between a date and its hour, so a day is added either side. A start that
 * does not convert narrows nothing. Narrows [*lo, *hi]; 1 when the period
 * has no meeting. */
#define KEY_DAY (1440LL * 16777216)
static int period_range(struct store *s, const struct search_query *q, int64_t *lo, int64_t *hi,
			char **cause)
{
	if (q->year <= 0)
		return 0;
	int from = q->quarter > 0 ? q->year * 10 + q->quarter : q->year * 10;
	int to = q->quarter > 0 ? from : q->year * 10 + 9;
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT count(*), (CAST(strftime('%s', min(starts_at)) AS INTEGER)"
		    " / 60) * 16777216, (CAST(strftime('%s', max(starts_at)) AS INTEGER)"
		    " / 60) * 16777216 FROM meetings WHERE period_key BETWEEN ?1 AND ?2",
		    cause);
	if (!st)
		return -1;
	db_bind_int(st, 1, from);
	db_bind_int(st, 2, to);
	int r = db_row(s, st, cause);
	if (r < 0)
		return -1;
	int none = r == 1 && sqlite3_column_int64(st, 0) == 0;
	if (r == 1 && !none && sqlite3_column_type(st, 1) != SQLITE_NULL &&
	    sqlite3_column_type(st, 2) != SQLITE_NULL) {
		int64_t a = sqlite3_column_int64(st, 1) - KEY_DAY;
		int64_t b = sqlite3_column_int64(st, 2) + KEY_DAY + 16777215;
		if (a > *lo)
			*lo = a;
		if (b < *hi)
			*hi = b;
	}
	sqlite3_reset(st);
	return none;
}

/* A store of fewer than SMALL_STORE meetings is always searched whole:
 * its slowest query is a few milliseconds, and what it finds must not
 * depend on how fast the machine is (nor on a sanitizer build's pace). */
#define SMALL_STORE 2000 /* as in the query below */
static int small_store(struct store *s)
{
	sqlite3_stmt *st = db_prep(
	    s, "SELECT count(*) FROM (SELECT 1 FROM meetings LIMIT 2000)", NULL);
	if (!st || db_row(s, st, NULL) != 1)
		return 0;
	int small = sqlite3_column_int64(st, 0) < SMALL_STORE;
	sqlite3_reset(st);
	return small;
}

int store_search(struct store *s, const struct search_query *q, int64_t before, int limit,
		 struct search_hit **hits, size_t *n, char **cause)
{
	int64_t stopped;
	return store_search_within(s, q, before, limit, 0, hits, n, &stopped, cause);
}

static int has_phrase(const char *expr);

/* The deadline of a page, checked by SQLite every few hundred steps of a
 * statement (sqlite3_progress_handler) once armed: a window that would run
 * past it is interrupted instead of finished. */
struct deadline {
	double at;
	int armed;
};

static int page_deadline(void *ctx)
{
	const struct deadline *d = ctx;
	return d->armed && clock_ms() >= d->at;
}

/* Append the hits with lo <= key < hi, newest first, at most limit in all
 * (counting those already in *hits). 1 if the deadline interrupted it:
 * then the hits appended are the newest of the window and *upto the key
 * down to which it was searched. */
static int search_window(struct store *s, const struct search_query *q, const char *expr,
			 int64_t lo, int64_t hi, int limit, struct deadline *dl,
			 struct search_hit **hits, size_t *n, int64_t *upto, char **cause);

int store_search_within(struct store *s, const struct search_query *q, int64_t before, int limit,
			int budget_ms, struct search_hit **hits, size_t *n, int64_t *stopped,
			char **cause)
{
	*hits = NULL;
	*n = 0;
	*stopped = 0;
	if (limit <= 0)
		limit = 50;
	char *why = NULL;
	char *expr = match_expr(q, &why);
	if (!expr) {
		if (why) {
			*cause = why;
			return -1;
		}
		return 0;
	}
	int64_t first = 0, last = 0;
	int none = key_range(s, &first, &last, cause);
	/* Windows are sized on the whole index's span, whatever the period
	 * keeps of it: a window's cost is mostly its hits and FTS5's set-up,
	 * so a period's year in a 256th each would be ten times the windows
	 * for nothing. */
	int64_t span = last - first + 1;
	if (none == 0)
		none = period_range(s, q, &first, &last, cause);
	if (none != 0) { /* an error, or a period without meetings */
		free(expr);
		return none < 0 ? -1 : 0;
	}
	int64_t hi = before > 0 && before <= last ? before : last + 1;
	int rc = 0;
	if (budget_ms > 0 && small_store(s))
		budget_ms = 0;
	/* Newest first, a window of keys at a time; a phrase reads each
	 * window in ascending order: FTS5 (3.40) walks a phrase's lists
	 * backwards only by loading all of them, 90 ms for a phrase of
	 * common words, where a window read forwards costs in proportion to
	 * its size. Stop when the page is full, the oldest key is reached,
	 * or the budget is spent. */
	double t0 = clock_ms();
	struct deadline dl = {t0 + budget_ms, 0};
	if (budget_ms > 0)
		sqlite3_progress_handler(s->db, 200, page_deadline, &dl);
	int phrase = has_phrase(expr);
	/* Each window costs FTS5 its set-up in every segment of the index:
	 * words and prefixes, read newest first and stopping at the page's
	 * end, start with a 256th and may grow to the whole; a phrase read
	 * forwards costs its whole window, so its windows start at a 1024th
	 * and stay at most a 32nd (about 4 ms on the ten-year store). */
	int64_t win = phrase ? span / 1024 + 1 : span / 256 + 1;
	int64_t max_win = phrase ? span / 32 + 1 : span;
	while (rc == 0 && *n < (size_t)limit && hi > first) {
		int64_t lo = hi - first > win ? hi - win : first;
		double w0 = clock_ms();
		int64_t upto = lo;
		rc = search_window(s, q, expr, lo, hi, limit, &dl, hits, n, &upto, cause);
		if (rc == 1) { /* the deadline, in the middle of a window */
			rc = 0;
			if (*n < (size_t)limit)
				*stopped = upto;
			break;
		}
		if (rc < 0 || lo <= first)
			break;
		int64_t hi_was = hi;
		hi = lo;
		/* The next window twice as wide while that fits the budget
		 * comfortably, half as wide when this one took more than what
		 * is left: a sparse match of common words stays in small
		 * steps, a rare word gets to the oldest meeting in a few. */
		double took = clock_ms() - w0, left = budget_ms - (clock_ms() - t0);
		if (budget_ms > 0 && took > left && win > span / 4096 + 1)
			win /= 2;
		else if ((budget_ms <= 0 || took * 8 < left) && win < max_win)
			win = win * 2 < max_win ? win * 2 : max_win;
		/* A phrase's window cannot be interrupted while FTS5 looks for
		 * its first match (one step of SQLite's): no wider than what
		 * this one's pace says fits in most of what is left. */
		if (phrase && budget_ms > 0 && took > 0 && left > 0) {
			double fit = (double)(hi_was - lo) * left * 0.8 / took;
			if ((double)win > fit)
				win = fit > (double)(span / 4096 + 1) ? (int64_t)fit
								      : span / 4096 + 1;
		}
		if (*n < (size_t)limit && budget_ms != 0 &&
		    (budget_ms < 0 || clock_ms() - t0 >= budget_ms)) {
			*stopped = hi;
			break;
		}
		/* The first window is always searched whole (so that going on
		 * from *stopped always gets further); the others stop at the
		 * deadline. */
		dl.armed = 1;
	}
	if (budget_ms > 0)
		sqlite3_progress_handler(s->db, 0, NULL, NULL);
	free(expr);
	if (rc < 0) {
		for (size_t i = 0; i < *n; i++)
			search_hit_free(&(*hits)[i]);
		free(*hits);
		*hits = NULL;
		*n = 0;
		*stopped = 0;
		return -1;
	}
	return 0;
}

static int window_rows(struct store *s, const struct search_query *q, const char *expr, int64_t lo,
		       int64_t hi, int limit, int desc, struct deadline *dl,
		       struct search_hit **hits, size_t *n, char **cause);

static int search_window(struct store *s, const struct search_query *q, const char *expr,
			 int64_t lo, int64_t hi, int limit, struct deadline *dl,
			 struct search_hit **hits, size_t *n, int64_t *upto, char **cause)
{
	size_t need = (size_t)limit - *n;
	size_t start = *n;
	if (!has_phrase(expr)) {
		int r = window_rows(s, q, expr, lo, hi, (int)need, 1, dl, hits, n, cause);
		if (r == 1)
			*upto = *n > start ? (*hits)[*n - 1].key : hi;
		return r;
	}
	/* A phrase: the keys of the window, ascending; the newest `need` of
	 * them, then their rows. */
	sqlite3_stmt *ks = db_prep(s,
				   "SELECT rowid FROM search WHERE search MATCH ?1"
				   " AND rowid >= ?2 AND rowid < ?3",
				   cause);
	if (!ks)
		return -1;
	db_bind_text(ks, 1, expr);
	db_bind_int(ks, 2, lo);
	db_bind_int(ks, 3, hi);
	int64_t *ring = xcalloc(need, sizeof *ring);
	size_t seen = 0;
	int kr;
	while ((kr = sqlite3_step(ks)) == SQLITE_ROW)
		ring[seen++ % need] = sqlite3_column_int64(ks, 0);
	if (kr != SQLITE_DONE) {
		int late = kr == SQLITE_INTERRUPT && dl->armed;
		if (!late)
			db_fail(s, _("reading the store"), cause);
		sqlite3_reset(ks);
		free(ring);
		*upto = hi; /* read forwards: nothing of it is known */
		return late ? 1 : -1;
	}
	sqlite3_reset(ks);
	if (seen == 0) {
		free(ring);
		return 0;
	}
	/* The oldest key kept: the page is the hits from it up. */
	int64_t from = seen <= need ? ring[0] : ring[seen % need];
	free(ring);
	/* At most `need` rows whose keys are known: not worth interrupting. */
	int armed = dl->armed;
	dl->armed = 0;
	int r = window_rows(s, q, expr, from, hi, (int)need, 0, dl, hits, n, cause);
	dl->armed = armed;
	/* Read ascending: newest first on the page. */
	for (size_t a = start, b = *n; b > a + 1; a++, b--) {
		struct search_hit tmp = (*hits)[a];
		(*hits)[a] = (*hits)[b - 1];
		(*hits)[b - 1] = tmp;
	}
	return r;
}

/* 1 if the MATCH expression holds a phrase of two words or more. */
static int has_phrase(const char *expr)
{
	int in = 0;
	for (const char *p = expr; *p; p++) {
		if (*p == '"')
			in = !in; /* a doubled quote toggles twice */
		else if (in && *p == ' ')
			return 1;
	}
	return 0;
}

#define HIT_SQL                                                                                    \
	"SELECT d.key, d.src, d.src_id, d.meeting_id, m.title, coalesce(c.number, 0),"             \
	" m.period, m.starts_at, snippet(search, 0, char(1), char(2), '…', ?4),"                 \
	" d.speaker, n.at, n.kind, coalesce(i.id, 0), i.title, i.started_at,"                      \
	" (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = i.meeting_id AND"              \
	"  (a.position < i.position OR (a.position = i.position AND a.id < i.id))),"               \
	" dr.due, dr.status"                                                                       \
	" FROM search CROSS JOIN search_doc d ON d.key = search.rowid"                                   \
	" JOIN meetings m ON m.id = d.meeting_id"                                                  \
	" LEFT JOIN clusters c ON c.id = m.cluster_id"                                             \
	" LEFT JOIN notes n ON d.src = 1 AND n.id = d.src_id"                                      \
	" LEFT JOIN proposals p ON d.src IN (3, 4) AND p.id = d.src_id"                            \
	" LEFT JOIN directives dr ON d.src = 6 AND dr.id = d.src_id"                               \
	" LEFT JOIN agenda_items i ON i.id = CASE d.src WHEN 1 THEN n.item_id"                     \
	"  WHEN 2 THEN d.src_id WHEN 3 THEN p.item_id WHEN 4 THEN p.item_id END"                   \
	" WHERE search MATCH ?1 AND search.rowid < ?2 AND search.rowid >= ?5"
static const char hit_sql_desc[] = HIT_SQL " ORDER BY search.rowid DESC LIMIT ?3";
static const char hit_sql_asc[] = HIT_SQL " ORDER BY search.rowid LIMIT ?3";
#undef HIT_SQL

/* Append the hits with lo <= key < hi, at most limit, newest first when
 * desc, else oldest first; 1 if the deadline interrupted it (the hits
 * appended so far stay). */
static int window_rows(struct store *s, const struct search_query *q, const char *expr, int64_t lo,
		       int64_t hi, int limit, int desc, struct deadline *dl,
		       struct search_hit **hits, size_t *n, char **cause)
{
	sqlite3_stmt *st = db_prep(s, desc ? hit_sql_desc : hit_sql_asc, cause);
	if (!st)
		return -1;
	db_bind_text(st, 1, expr);
	db_bind_int(st, 2, hi);
	db_bind_int(st, 3, limit);
	db_bind_int(st, 5, lo);
	db_bind_int(st, 4, q->snippet_words > 0 && q->snippet_words <= 64 ? q->snippet_words : 24);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		*hits = xreallocarray(*hits, *n + 1, sizeof **hits);
		struct search_hit *h = &(*hits)[(*n)++];
		memset(h, 0, sizeof *h);
		h->key = sqlite3_column_int64(st, 0);
		int src = sqlite3_column_int(st, 1);
		h->src = src >= SEARCH_NOTE && src <= SEARCH_DIRECTIVE ? (enum search_src)src
								       : SEARCH_NOTE;
		h->src_id = sqlite3_column_int64(st, 2);
		h->meeting_id = sqlite3_column_int64(st, 3);
		h->meeting_title = db_col_text(st, 4);
		h->cluster = sqlite3_column_int(st, 5);
		h->period = db_col_text(st, 6);
		h->starts_at = db_col_text(st, 7);
		h->snippet = db_col_text(st, 8);
		h->speaker = db_col_text(st, 9);
		h->at = db_col_text(st, 10);
		h->kind = db_col_text(st, 11);
		if (!h->kind)
			h->kind = xstrdup(search_src_name(h->src));
		h->item_id = sqlite3_column_int64(st, 12);
		h->item_title = db_col_text(st, 13);
		if (!h->at)
			h->at = db_col_text(st, 14);
		h->item_index = h->item_id ? sqlite3_column_int(st, 15) : -1;
		h->due = db_col_text(st, 16);
		const char *status = (const char *)sqlite3_column_text(st, 17);
		int ts = status ? task_status_parse(status) : -1;
		h->status = ts >= 0 ? ts : -1;
	}
	int late = r == SQLITE_INTERRUPT && dl && dl->armed;
	if (r != SQLITE_DONE && !late)
		db_fail(s, _("reading the store"), cause);
	sqlite3_reset(st);
	return r == SQLITE_DONE ? 0 : late ? 1 : -1;
}

static int past_deadline(void *ctx)
{
	return clock_ms() >= *(const double *)ctx;
}

int store_search_count(struct store *s, const struct search_query *q, int64_t cap, int64_t *n,
		       char **cause)
{
	int done;
	return store_search_count_within(s, q, cap, 0, n, &done, cause);
}

int store_search_count_within(struct store *s, const struct search_query *q, int64_t cap,
			      int budget_ms, int64_t *n, int *done, char **cause)
{
	*n = 0;
	*done = 1;
	char *why = NULL;
	char *expr = match_expr(q, &why);
	if (!expr) {
		if (why) {
			*cause = why;
			return -1;
		}
		return 0;
	}
	/* A period's hits lie within its meetings' keys: FTS5 seeks there. */
	int64_t lo = INT64_MIN, hi = INT64_MAX;
	int none = period_range(s, q, &lo, &hi, cause);
	if (none != 0) { /* an error, or a period without meetings */
		free(expr);
		return none < 0 ? -1 : 0;
	}
	sqlite3_stmt *st =
	    db_prep(s,
		    "SELECT count(*) FROM (SELECT 1 FROM search WHERE search MATCH ?1"
		    " AND rowid >= ?3 AND rowid <= ?4 LIMIT ?2)",
		    cause);
	if (!st) {
		free(expr);
		return -1;
	}
	db_bind_text(st, 1, expr);
	db_bind_int(st, 2, cap > 0 ? cap : -1);
	db_bind_int(st, 3, lo);
	db_bind_int(st, 4, hi);
	double deadline = clock_ms() + budget_ms;
	if (budget_ms > 0)
		sqlite3_progress_handler(s->db, 1000, past_deadline, &deadline);
	int r = sqlite3_step(st);
	if (budget_ms > 0)
		sqlite3_progress_handler(s->db, 0, NULL, NULL);
	free(expr);
	if (r == SQLITE_INTERRUPT || (budget_ms > 0 && r != SQLITE_ROW && clock_ms() >= deadline)) {
		sqlite3_reset(st);
		*done = 0;
		return 0;
	}
	if (r != SQLITE_ROW) {
		db_fail(s, _("reading the store"), cause);
		sqlite3_reset(st);
		return -1;
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

void search_key_date(int64_t key, char *buf, size_t size)
{
	time_t t = (time_t)(key / 16777216) * 60;
	struct tm tm;
	if (size == 0)
		return;
	if (!gmtime_r(&t, &tm) || strftime(buf, size, "%Y-%m-%d", &tm) == 0)
		buf[0] = '\0';
}

/* ==== filling the index once for a bulk insert ==== */

/* FTS5 (3.40) writes its pending terms to disk at every statement of a
 * transaction that touches it, so importing 700 meetings one row at a time
 * wrote some 70,000 tiny index segments and merged them again: 9 s. While
 * deferred, the triggers from search_doc to the index are set aside (in
 * the transaction: a rollback puts them back) and temporary triggers note
 * the keys written instead; store_search_defer_end indexes them in one
 * statement. Rows of search_doc that were indexed before and change in
 * between are taken out of the index at once, as the triggers would. */
static const char *const defer_sql =
    "CREATE TEMP TABLE IF NOT EXISTS bb_new_keys(key INTEGER PRIMARY KEY);"
    "DELETE FROM temp.bb_new_keys;"
    "CREATE TEMP TRIGGER bb_defer_ai AFTER INSERT ON main.search_doc BEGIN"
    " INSERT OR IGNORE INTO bb_new_keys(key) VALUES (new.key); END;"
    "CREATE TEMP TRIGGER bb_defer_ad AFTER DELETE ON main.search_doc BEGIN"
    " INSERT INTO search(search, rowid, text, speaker, meta)"
    "  SELECT 'delete', old.key, old.text, old.speaker, old.meta"
    "  WHERE old.key NOT IN (SELECT key FROM bb_new_keys);"
    " DELETE FROM bb_new_keys WHERE key = old.key; END;"
    "CREATE TEMP TRIGGER bb_defer_au AFTER UPDATE ON main.search_doc BEGIN"
    " INSERT INTO search(search, rowid, text, speaker, meta)"
    "  SELECT 'delete', old.key, old.text, old.speaker, old.meta"
    "  WHERE old.key NOT IN (SELECT key FROM bb_new_keys);"
    " DELETE FROM bb_new_keys WHERE key = old.key;"
    " INSERT OR IGNORE INTO bb_new_keys(key) VALUES (new.key); END;";

/* For that one statement FTS5 holds up to 8 MB of pending terms (its
 * default, 1 MB, flushed a segment for every megabyte) and merges nothing
 * automatically (with automerge 4 it merged those segments as they came):
 * 718 meetings (33.7 MB) were indexed 3 s faster and left six segments of
 * some 8 MB for later merges, with the same peak memory. Both settings
 * are put back after it, in the same transaction; a rollback puts back
 * the rows, and FTS5 re-reads them because its cookie moved. */
static const char *const undefer_sql =
    "CREATE TEMP TABLE IF NOT EXISTS bb_fts_cfg(k TEXT PRIMARY KEY, v);"
    "DELETE FROM temp.bb_fts_cfg;"
    "INSERT INTO temp.bb_fts_cfg(k, v) SELECT k, v FROM main.search_config"
    " WHERE k IN ('hashsize', 'automerge');"
    "INSERT INTO main.search(search, rank) VALUES ('hashsize', 8388608);"
    "INSERT INTO main.search(search, rank) VALUES ('automerge', 0);"
    "INSERT INTO main.search(rowid, text, speaker, meta)"
    " SELECT d.key, d.text, d.speaker, d.meta FROM temp.bb_new_keys n"
    " JOIN main.search_doc d ON d.key = n.key ORDER BY n.key;"
    "INSERT INTO main.search(search, rank) SELECT 'hashsize',"
    " coalesce((SELECT v FROM temp.bb_fts_cfg WHERE k = 'hashsize'), 1048576);"
    "INSERT INTO main.search(search, rank) SELECT 'automerge',"
    " coalesce((SELECT v FROM temp.bb_fts_cfg WHERE k = 'automerge'), 4);"
    "DROP TRIGGER temp.bb_defer_ai;"
    "DROP TRIGGER temp.bb_defer_ad;"
    "DROP TRIGGER temp.bb_defer_au;"
    "DELETE FROM temp.bb_new_keys;";

struct search_defer {
	char **sql; /* name, sql, name, sql... of the triggers set aside */
	size_t n;
};

static void defer_free(struct search_defer *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->sql[i]);
	free(d->sql);
	free(d);
}

int store_search_defer_begin(struct store *s, struct search_defer **out, char **cause)
{
	*out = NULL;
	struct search_defer *d = xcalloc(1, sizeof *d);
	sqlite3_stmt *st = db_prep(s,
				   "SELECT name, sql FROM main.sqlite_schema WHERE type = 'trigger'"
				   " AND tbl_name = 'search_doc'",
				   cause);
	int r = -1;
	if (!st)
		goto fail;
	while ((r = db_row(s, st, cause)) == 1) {
		d->sql = xreallocarray(d->sql, d->n + 2, sizeof *d->sql);
		d->sql[d->n++] = db_col_text(st, 0);
		d->sql[d->n++] = db_col_text(st, 1);
	}
	if (r < 0)
		goto fail;
	for (size_t i = 0; i < d->n; i += 2) {
		char *drop = xasprintf("DROP TRIGGER main.\"%s\"", d->sql[i]);
		r = db_exec(s, drop, cause);
		free(drop);
		if (r < 0)
			goto fail;
	}
	if (db_exec(s, defer_sql, cause) < 0)
		goto fail;
	*out = d;
	return 0;
fail:
	defer_free(d);
	return -1;
}

int store_search_defer_end(struct store *s, struct search_defer *d, char **cause)
{
	if (!d)
		return 0;
	int rc = db_exec(s, undefer_sql, cause);
	for (size_t i = 1; rc == 0 && i < d->n; i += 2)
		rc = db_exec(s, d->sql[i], cause);
	defer_free(d);
	return rc;
}

void store_search_defer_abandon(struct store *s, struct search_defer *d)
{
	if (!d)
		return;
	/* The transaction is rolled back (main triggers come back); the temp
	 * triggers are not part of it when created before: drop them. */
	db_exec(s,
		"DROP TRIGGER IF EXISTS temp.bb_defer_ai; DROP TRIGGER IF EXISTS temp.bb_defer_ad;"
		"DROP TRIGGER IF EXISTS temp.bb_defer_au;",
		NULL);
	defer_free(d);
}

/* ==== the minutes' order within a meeting ==== */

static int64_t hit_major(const struct search_hit *h)
{
	if (h->src == SEARCH_CONCLUSION)
		return INT32_MAX - 1;
	if (h->src == SEARCH_DIRECTIVE)
		return INT32_MAX;
	return h->item_index >= 0 ? h->item_index : INT32_MAX - 2;
}

/* Within an item: its title, its notes by time, then what has no time of
 * its own there (a proposal added in its tab, an answer). */
static int hit_class(const struct search_hit *h)
{
	return h->src == SEARCH_ITEM ? 0 : h->src == SEARCH_NOTE ? 1 : 2;
}

static int minutes_cmp(const void *pa, const void *pb)
{
	const struct search_hit *a = pa, *b = pb;
	int64_t ma = hit_major(a), mb = hit_major(b);
	if (ma != mb)
		return ma < mb ? -1 : 1;
	int ca = hit_class(a), cb = hit_class(b);
	if (ca != cb)
		return ca - cb;
	if (ca == 1 && a->at && b->at) {
		int c = strcmp(a->at, b->at);
		if (c)
			return c;
	}
	return a->key < b->key ? -1 : a->key > b->key;
}

void search_hits_minutes_order(struct search_hit *hits, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && hits[j].meeting_id == hits[i].meeting_id)
			j++;
		if (j - i > 1)
			qsort(hits + i, j - i, sizeof *hits, minutes_cmp);
		i = j;
	}
}

int64_t search_hits_oldest(const struct search_hit *hits, size_t n)
{
	int64_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || hits[i].key < k)
			k = hits[i].key;
	return k;
}
