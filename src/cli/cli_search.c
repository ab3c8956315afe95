/* cli_search.c - `bienban search`: full-text search, as text (marks
 * in bold on a terminal) or as JSON. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "store_search.h"
#include "text.h"
#include "util.h"

/* "2023-04-12T08:20" -> "2023-04-12 08:20" (at most 16 characters). */
/* A hit's time as list and show write it (14/04/2023 10:12 in
 * Vietnamese); the JSON keeps the stored form. */
static void put_time(const char *iso)
{
	char buf[32];
	const char *w = cli_when(iso, buf);
	printf("%-16s", w && *w ? w : "-");
}

/* ==== search ==== */

/* The snippet with its marks shown: bold on a terminal, [ ] elsewhere;
 * each piece made visible on its own so that stored text cannot inject
 * escapes. */
static void put_snippet(const char *snip, int tty)
{
	const char *p = snip ? snip : "";
	while (*p) {
		size_t n = strcspn(p, "\x01\x02");
		if (n) {
			char *piece = xstrndup(p, n);
			char *vis = text_visible(piece, 0);
			fputs(vis, stdout);
			free(vis);
			free(piece);
		}
		p += n;
		if (*p == SEARCH_MARK_ON)
			fputs(tty ? "\033[1m" : "[", stdout);
		else if (*p == SEARCH_MARK_OFF)
			fputs(tty ? "\033[22m" : "]", stdout);
		if (*p)
			p++;
	}
}

/* Plain snippet and its highlighted ranges in code points, for JSON. */
static json_t *snippet_json(const char *snip, json_t **ranges)
{
	struct strbuf plain = {0};
	*ranges = json_array();
	size_t cps = 0, start = 0;
	for (const char *p = snip ? snip : ""; *p; p++) {
		if (*p == SEARCH_MARK_ON) {
			start = cps;
		} else if (*p == SEARCH_MARK_OFF) {
			json_array_append_new(
			    *ranges, json_pack("[II]", (json_int_t)start, (json_int_t)cps));
		} else {
			strbuf_addc(&plain, *p);
			if (((unsigned char)*p & 0xc0) != 0x80)
				cps++;
		}
	}
	json_t *j = json_string(plain.buf ? plain.buf : "");
	if (!j) /* invalid UTF-8 cannot be in the store; keep JSON valid anyway */
		j = json_string("");
	strbuf_free(&plain);
	return j;
}

static json_t *hit_json(const struct search_hit *h)
{
	json_t *o = json_object();
	json_t *ranges;
	json_object_set_new(o, "meeting_id", json_integer(h->meeting_id));
	json_object_set_new(o, "meeting_title", cli_json_str(h->meeting_title));
	json_object_set_new(o, "cluster", h->cluster ? json_integer(h->cluster) : json_null());
	json_object_set_new(o, "period", cli_json_str(h->period));
	json_object_set_new(o, "starts_at", cli_json_str(h->starts_at));
	json_object_set_new(o, "source", json_string(search_src_name(h->src)));
	json_object_set_new(o, "id", json_integer(h->src_id));
	json_object_set_new(o, "kind", cli_json_str(h->kind));
	if (h->item_id)
		json_object_set_new(o, "item",
				    json_pack("{sI sI so}", "id", (json_int_t)h->item_id, "number",
					      (json_int_t)h->item_index + 1, "title",
					      cli_json_str(h->item_title)));
	else
		json_object_set_new(o, "item", json_null());
	json_object_set_new(o, "speaker", cli_json_str(h->speaker));
	json_object_set_new(o, "at", cli_json_str(h->at));
	json_object_set_new(o, "snippet", snippet_json(h->snippet, &ranges));
	json_object_set_new(o, "highlights", ranges);
	json_object_set_new(o, "key", json_integer(h->key));
	return o;
}

/* What a hit can be, as --kind names it (search_kind_valid). */
static const char *const kinds[] = {"statement", "report",     "question",  "answer", "proposal",
				    "decision",	 "item",       "conclusion", "directive"};

/* The kind of a hit in the reader's words, as the search screen names it:
 * a note kind, or what else the text is (search_src_name()). */
static const char *kind_word(const char *kind)
{
	int k = note_kind_parse(kind);
	if (k >= 0)
		return note_kind_word((enum note_kind)k);
	if (str_eq(kind, "item"))
		return _("agenda item");
	if (str_eq(kind, "conclusion"))
		return _("conclusion");
	if (str_eq(kind, "directive"))
		return _("directive");
	return kind;
}

/* --kind as typed: a kind's name, or its words in the reader's language
 * as the hits print them ("kết luận", "ket luan"); NULL if none. */
static const char *kind_named(const char *typed)
{
	char *f = text_fold(typed);
	text_trim(f);
	const char *found = NULL;
	for (size_t i = 0; !found && i < BB_ARRAY_LEN(kinds); i++) {
		char *w = text_fold(kind_word(kinds[i]));
		if (str_eq(f, kinds[i]) || str_eq(f, w))
			found = kinds[i];
		free(w);
	}
	free(f);
	return found;
}

static void hit_text(const struct search_hit *h, int tty)
{
	printf("%lld  ", (long long)h->meeting_id);
	/* A note's or an item's own time, else the meeting's day only. */
	char day[11] = "";
	const char *when = h->at;
	if (!when || (h->src != SEARCH_NOTE && h->src != SEARCH_ITEM)) {
		snprintf(day, sizeof day, "%s", h->starts_at ? h->starts_at : "");
		when = day;
	}
	put_time(when);
	fputs("  ", stdout);
	cli_put_visible(stdout, h->meeting_title);
	putchar('\n');
	fputs("    ", stdout);
	if (h->item_id) {
		printf("%d. ", h->item_index + 1);
		cli_put_visible(stdout, h->item_title);
		fputs(" · ", stdout);
	}
	fputs(kind_word(h->kind), stdout);
	if (h->speaker) {
		fputs(" · ", stdout);
		cli_put_visible(stdout, h->speaker);
	}
	fputs("\n    ", stdout);
	put_snippet(h->snippet, tty);
	fputs("\n\n", stdout);
}

/* The options of search into *q, *json and *limit; 0, or the exit status
 * of a usage error. */
static int search_options(struct cli *c, int argc, char **argv, struct search_query *q, int *json,
			  int *limit, int *all)
{
	char *end, *cause = NULL;
	long v;
	int ch;
	while ((ch = cli_getopt(c, argc, argv)) != -1) {
		switch (ch) {
		case 'j':
			*json = 1;
			break;
		case 'a':
			*all = 1;
			break;
		case 'c':
			if (cli_parse_cluster(optarg, &q->cluster) < 0)
				return EXIT_USAGE;
			break;
		case 'p':
			if (cli_parse_period(optarg, &q->quarter, &q->year) < 0)
				return EXIT_USAGE;
			break;
		case 's':
			q->speaker = optarg;
			break;
		case 'k':
			q->kind = kind_named(optarg);
			if (!q->kind)
				q->kind = optarg;
			if (search_kind_valid(q->kind, &cause) < 0) {
				cli_usage_error(_("--kind: %s"), cause);
				free(cause);
				return EXIT_USAGE;
			}
			break;
		case 'l':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || v < 1 || v > 1000000)
				return cli_usage_error(_("--limit takes a number, 1 or more, not '%s'"),
						       optarg);
			*limit = (int)v;
			break;
		case ':':
			return cli_usage_error(_("search: option '%s' needs a value"),
					       cli_bad_option(c, argv));
		default:
			return cli_usage_error(_("search: unknown option '%s' (a query starting "
						 "with '-' goes after '--')"),
					       cli_bad_option(c, argv));
		}
	}
	return 0;
}

/* The words of the query, which may come as separate arguments, into
 * *text; 0, or the exit status of a usage error. */
static int search_text(int argc, char **argv, struct strbuf *text)
{
	if (optind >= argc)
		return cli_usage_error(_("search needs a query"));
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			strbuf_addc(text, ' ');
		strbuf_adds(text, argv[i]);
	}
	if (!text_valid_utf8(text->buf, text->len, NULL))
		return cli_usage_error(_("the query is not valid UTF-8"));
	/* Terminal sequences pasted with the words (a colour, a title) go
	 * whole, as they do in the search screen's line: the words remain. */
	char *clean = text_strip_controls(text->buf, 0);
	strbuf_reset(text);
	strbuf_adds(text, clean);
	free(clean);
	if (!text->buf || text->len == strspn(text->buf, " \t\n"))
		return cli_usage_error(_("search needs a query"));
	return 0;
}

static void print_hits(const struct search_hit *hits, size_t n, int json)
{
	if (json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, hit_json(&hits[i]));
		char *dump = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		puts(dump);
		free(dump);
		json_decref(arr);
		return;
	}
	int tty = isatty(STDOUT_FILENO);
	for (size_t i = 0; i < n; i++)
		hit_text(&hits[i], tty);
}

/* The line under the hits: how many there are (counted: 0 when the
 * count did not finish in time, "and more"). */
static void print_total(size_t n, int64_t total, int counted)
{
	if (n == 0)
		printf("%s\n", _("no results"));
	else if (!counted)
		printf(_("%zu results shown, and more (--limit N for more)\n"), n);
	else if (total > (int64_t)n)
		printf(total >= SEARCH_COUNT_CAP ? _("%zu of over %lld results shown (--limit N for more)\n")
						 : _("%zu of %lld results shown (--limit N for more)\n"),
		       n, (long long)total);
}

/* bienban search is a whole process: starting it, opening the store and
 * printing take about 5 ms on the ten-year store, so its page gets a
 * smaller budget than the search screen's (SEARCH_BUDGET_MS) and the count
 * only what is left of CLI_TOTAL_MS, for the whole to answer within 20 ms
 * (README, Scale). */
#define CLI_PAGE_MS 7
#define CLI_TOTAL_MS 9

static int cmd_search(struct cli *c, int argc, char **argv)
{
	struct search_query q = {0};
	int json = 0, limit = 50, all = 0;
	int rc = search_options(c, argc, argv, &q, &json, &limit, &all);
	if (rc)
		return rc;
	struct strbuf text = {0};
	if ((rc = search_text(argc, argv, &text)) != 0) {
		strbuf_free(&text);
		return rc;
	}
	q.text = text.buf;
	struct store *s;
	if (cli_open(c, 0, &s) < 0) {
		strbuf_free(&text);
		return 1;
	}
	struct search_hit *hits = NULL;
	size_t n = 0;
	int64_t total = 0, stopped = 0;
	int counted = 1;
	char *cause = NULL;
	/* Within CLI_PAGE_MS unless --all: a query that needs a whole pass
	 * over ten years of notes says how far it got instead. */
	long long t0 = now_ms();
	int r = store_search_within(s, &q, 0, limit, all ? 0 : CLI_PAGE_MS, &hits, &n, &stopped,
				    &cause);
	if (r < 0) {
		rc = cli_error("%s", cause);
		free(cause);
		goto out;
	}
	/* The page first, then the count: it never holds the hits back. Each
	 * meeting's hits in the order its minutes read them. */
	search_hits_minutes_order(hits, n);
	print_hits(hits, n, json);
	if (!json && n == (size_t)limit) {
		fflush(stdout);
		/* What the page left of the budget, if anything. */
		int left = all ? 0 : CLI_TOTAL_MS - (int)(now_ms() - t0);
		if (!all && left < 1)
			counted = 0;
		else if (store_search_count_within(s, &q, SEARCH_COUNT_CAP, left, &total, &counted,
						   &cause) < 0) {
			rc = cli_error("%s", cause);
			free(cause);
			goto out;
		}
	}
	if (!json)
		/* A count that did not finish in time: "more than shown". */
		print_total(n, total, counted);
	if (stopped) {
		char day[16];
		search_key_date(stopped, day, sizeof day);
		fprintf(json ? stderr : stdout,
			_("Only meetings from %s on were searched within %d ms; --all "
			  "searches every meeting.\n"),
			day, CLI_PAGE_MS);
	}
out:
	for (size_t i = 0; i < n; i++)
		search_hit_free(&hits[i]);
	free(hits);
	store_close(s);
	strbuf_free(&text);
	return rc;
}

/* ==== the row of the command table ==== */

static const struct cli_option search_opts[] = {
    {"json", 'j', 0, NULL, N_("a JSON array with the highlighted ranges, for scripts")},
    {"cluster", 'c', 0, "N", N_("only the meetings of cluster N")},
    {"period", 'p', 0, "Q/YYYY", N_("only a quarter (I/2023, 1/2023) or a year (2023)")},
    {"speaker", 's', 0, "S", N_("only what speaker S said")},
    {"kind", 'k', 0, "K",
     N_("only one kind: statement, report, question, answer, proposal, decision, item, "
	"conclusion, directive")},
    {"limit", 'l', 0, "N", N_("at most N results (default 50)")},
    {"all", 'a', 0, NULL, N_("search every meeting, however long it takes")},
    {NULL, 0, 0, NULL, NULL},
};

const struct cli_command cli_cmd_search = {
    .name = "search",
    .forms = {{"QUERY [--json] [--cluster N] [--period Q/YYYY] [--speaker S] [--kind K] "
	       "[--limit N] [--all]",
	       N_("full-text search")}},
    .options = search_opts,
    .run = cmd_search,
};
