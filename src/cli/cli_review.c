/* cli_review.c - the review commands: search, directives, approve, reopen
 * and log (the change log of a meeting). */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "store_review.h"
#include "store_search.h"
#include "text.h"
#include "util.h"

/* ==== helpers ==== */

/* Print s padded (or cut) to exactly cols terminal columns, made visible. */
static void put_cell(const char *s, size_t cols)
{
	char *vis = text_visible(s ? s : "", 0);
	size_t w = 0, n = text_fit(vis, strlen(vis), cols, &w);
	fwrite(vis, 1, n, stdout);
	for (; w < cols; w++)
		putchar(' ');
	free(vis);
}

static json_t *json_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* "2023-04-12T08:20" -> "2023-04-12 08:20" (at most 16 characters). */
static void put_time(const char *iso)
{
	char buf[17] = "";
	if (iso)
		snprintf(buf, sizeof buf, "%s", iso);
	if (strlen(buf) > 10 && buf[10] == 'T')
		buf[10] = ' ';
	printf("%-16s", buf[0] ? buf : "-");
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
	json_object_set_new(o, "meeting_title", json_str(h->meeting_title));
	json_object_set_new(o, "cluster", h->cluster ? json_integer(h->cluster) : json_null());
	json_object_set_new(o, "period", json_str(h->period));
	json_object_set_new(o, "starts_at", json_str(h->starts_at));
	json_object_set_new(o, "source", json_string(search_src_name(h->src)));
	json_object_set_new(o, "id", json_integer(h->src_id));
	json_object_set_new(o, "kind", json_str(h->kind));
	if (h->item_id)
		json_object_set_new(o, "item",
				    json_pack("{sI sI so}", "id", (json_int_t)h->item_id, "number",
					      (json_int_t)h->item_index + 1, "title",
					      json_str(h->item_title)));
	else
		json_object_set_new(o, "item", json_null());
	json_object_set_new(o, "speaker", json_str(h->speaker));
	json_object_set_new(o, "at", json_str(h->at));
	json_object_set_new(o, "snippet", snippet_json(h->snippet, &ranges));
	json_object_set_new(o, "highlights", ranges);
	json_object_set_new(o, "key", json_integer(h->key));
	return o;
}

static void hit_text(const struct search_hit *h, int tty)
{
	printf("%lld  ", (long long)h->meeting_id);
	put_time(h->at ? h->at : h->starts_at);
	fputs("  ", stdout);
	cli_put_visible(stdout, h->meeting_title);
	putchar('\n');
	fputs("    ", stdout);
	if (h->item_id) {
		printf("%d. ", h->item_index + 1);
		cli_put_visible(stdout, h->item_title);
		fputs(" — ", stdout);
	}
	fputs(h->kind, stdout);
	if (h->speaker) {
		fputs(", ", stdout);
		cli_put_visible(stdout, h->speaker);
	}
	fputs("\n    ", stdout);
	put_snippet(h->snippet, tty);
	fputs("\n\n", stdout);
}

int cmd_search(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
					     {"cluster", required_argument, NULL, 'c'},
					     {"period", required_argument, NULL, 'p'},
					     {"speaker", required_argument, NULL, 's'},
					     {"kind", required_argument, NULL, 'k'},
					     {"limit", required_argument, NULL, 'l'},
					     {NULL, 0, NULL, 0}};
	struct search_query q = {0};
	int json = 0, ch, limit = 50;
	char *end, *cause = NULL;
	long v;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 'c':
			if (cli_parse_cluster(optarg, &q.cluster) < 0)
				return EXIT_USAGE;
			break;
		case 'p':
			if (cli_parse_period(optarg, &q.quarter, &q.year) < 0)
				return EXIT_USAGE;
			break;
		case 's':
			q.speaker = optarg;
			break;
		case 'k':
			q.kind = optarg;
			if (search_kind_valid(q.kind, &cause) < 0) {
				cli_usage_error("--kind: %s", cause);
				free(cause);
				return EXIT_USAGE;
			}
			break;
		case 'l':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || v < 1 || v > 1000000)
				return cli_usage_error("--limit takes a number from 1, not '%s'",
						       optarg);
			limit = (int)v;
			break;
		default:
			return cli_usage_error("search: unknown option '%s' (a query starting "
					       "with '-' goes after '--')",
					       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("search needs a query");
	/* The words of the query may come as separate arguments. */
	struct strbuf text = {0};
	for (int i = optind; i < argc; i++) {
		if (i > optind)
			strbuf_addc(&text, ' ');
		strbuf_adds(&text, argv[i]);
	}
	if (!text_valid_utf8(text.buf, text.len, NULL)) {
		strbuf_free(&text);
		return cli_usage_error("the query is not valid UTF-8");
	}
	if (!text.buf || text.len == strspn(text.buf, " \t\n")) {
		strbuf_free(&text);
		return cli_usage_error("search needs a query");
	}
	q.text = text.buf;
	struct store *s;
	if (cli_open(c, 0, &s) < 0) {
		strbuf_free(&text);
		return 1;
	}
	struct search_hit *hits = NULL;
	size_t n = 0;
	int64_t total = 0;
	int rc = 0;
	if (store_search(s, &q, 0, limit, &hits, &n, &cause) < 0 ||
	    (!json && n == (size_t)limit &&
	     store_search_count(s, &q, 100000, &total, &cause) < 0)) {
		rc = cli_error("%s", cause);
		free(cause);
	} else if (json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, hit_json(&hits[i]));
		char *dump = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		puts(dump);
		free(dump);
		json_decref(arr);
	} else {
		int tty = isatty(STDOUT_FILENO);
		for (size_t i = 0; i < n; i++)
			hit_text(&hits[i], tty);
		if (n == 0)
			printf("no results\n");
		else if (total > (int64_t)n)
			printf("%zu of %s%lld results shown (--limit N for more)\n", n,
			       total >= 100000 ? "over " : "", (long long)total);
	}
	for (size_t i = 0; i < n; i++)
		search_hit_free(&hits[i]);
	free(hits);
	store_close(s);
	strbuf_free(&text);
	return rc;
}

/* ==== directives ==== */

int cmd_directives(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"open", no_argument, NULL, 'o'},
					     {"unit", required_argument, NULL, 'u'},
					     {"cluster", required_argument, NULL, 'c'},
					     {"json", no_argument, NULL, 'j'},
					     {NULL, 0, NULL, 0}};
	struct directive_filter f = {0};
	int json = 0, ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			f.open_only = 1;
			break;
		case 'u':
			f.unit = optarg;
			break;
		case 'c':
			if (cli_parse_cluster(optarg, &f.cluster) < 0)
				return EXIT_USAGE;
			break;
		case 'j':
			json = 1;
			break;
		default:
			return cli_usage_error("directives: unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("directives: unexpected argument '%s'", argv[optind]);
	if (f.unit && !text_valid_utf8(f.unit, strlen(f.unit), NULL))
		return cli_usage_error("--unit is not valid UTF-8");
	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	json_t *arr = json ? json_array() : NULL;
	char *cause = NULL;
	int rc = 0;
	int64_t offset = 0;
	size_t shown = 0;
	if (!json)
		printf("%5s  %-10s  %-8s  %7s  %-24s  %s\n", "ID", "DUE", "STATUS", "MEETING",
		       "OWNER", "DIRECTIVE");
	for (;;) {
		struct directive_row *rows;
		size_t n;
		if (store_directives_page(s, &f, offset, 256, &rows, &n, &cause) < 0) {
			rc = cli_error("%s", cause);
			free(cause);
			break;
		}
		for (size_t i = 0; i < n; i++) {
			struct directive_row *d = &rows[i];
			if (json) {
				json_t *o = json_object();
				json_object_set_new(o, "id", json_integer(d->id));
				json_object_set_new(o, "meeting_id", json_integer(d->meeting_id));
				json_object_set_new(o, "meeting_title", json_str(d->meeting_title));
				json_object_set_new(o, "cluster",
						    d->cluster ? json_integer(d->cluster)
							       : json_null());
				json_object_set_new(o, "period", json_str(d->period));
				json_object_set_new(o, "text", json_str(d->text));
				json_object_set_new(o, "owner", json_str(d->owner));
				json_object_set_new(o, "due", json_str(d->due));
				json_object_set_new(o, "status",
						    json_string(task_status_name(d->status)));
				json_object_set_new(o, "overdue", json_boolean(d->overdue));
				json_object_set_new(o, "closed_meeting_id",
						    d->closed_in ? json_integer(d->closed_in)
								 : json_null());
				json_array_append_new(arr, o);
			} else {
				printf("%5lld  %-10.10s  %-8s  %7lld  ", (long long)d->id,
				       d->due ? d->due : "-",
				       d->overdue ? "OVERDUE" : task_status_name(d->status),
				       (long long)d->meeting_id);
				put_cell(d->owner ? d->owner : "-", 24);
				fputs("  ", stdout);
				cli_put_visible(stdout, d->text);
				putchar('\n');
			}
			directive_row_free(d);
		}
		free(rows);
		shown += n;
		if (n < 256)
			break;
		offset += (int64_t)n;
	}
	if (json && rc == 0) {
		char *dump = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		puts(dump);
		free(dump);
	} else if (!json && rc == 0 && shown == 0) {
		printf("no directives\n");
	}
	json_decref(arr);
	store_close(s);
	return rc;
}

/* ==== approve, reopen ==== */

int cmd_approve(struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error("approve takes one meeting id");
	long long id;
	if (cli_parse_id(argv[1], &id) < 0)
		return EXIT_USAGE;
	if (c->readonly)
		return cli_error("the store is open read-only; approving changes it");
	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	char *cause = NULL;
	int rc = 0;
	if (store_meeting_approve(s, id, &cause) < 0) {
		rc = cli_error("%s", cause);
		free(cause);
	} else {
		printf("meeting %lld approved; it is read-only now\n", id);
	}
	store_close(s);
	return rc;
}

int cmd_reopen(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"reason", required_argument, NULL, 'r'},
					     {NULL, 0, NULL, 0}};
	const char *reason = NULL;
	int ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'r')
			return cli_usage_error("reopen: unknown option or missing value '%s'",
					       argv[optind - 1]);
		reason = optarg;
	}
	if (optind + 1 != argc)
		return cli_usage_error("reopen takes one meeting id and --reason TEXT");
	long long id;
	if (cli_parse_id(argv[optind], &id) < 0)
		return EXIT_USAGE;
	if (!reason)
		return cli_usage_error("reopen needs --reason TEXT: why the approved minutes "
				       "change");
	char *trimmed = text_trim(xstrdup(reason));
	int empty = str_empty(trimmed);
	free(trimmed);
	if (empty)
		return cli_usage_error("reopen needs a reason that is not empty");
	if (c->readonly)
		return cli_error("the store is open read-only; reopening changes it");
	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	char *cause = NULL;
	int rc = 0;
	if (store_meeting_reopen(s, id, reason, &cause) < 0) {
		rc = cli_error("%s", cause);
		free(cause);
	} else {
		printf("meeting %lld reopened (closed); the reason is in its change log\n", id);
	}
	store_close(s);
	return rc;
}

/* ==== log ==== */

int cmd_log(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
					     {"output", required_argument, NULL, 'o'},
					     {"force", no_argument, NULL, 'f'},
					     {NULL, 0, NULL, 0}};
	const char *out = NULL;
	int json = 0, force = 0, ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 'o':
			out = optarg;
			break;
		case 'f':
			force = 1;
			break;
		default:
			return cli_usage_error("log: unknown option or missing value '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("log takes one meeting id");
	if (force && !out)
		return cli_usage_error("--force goes with -o FILE");
	long long id;
	if (cli_parse_id(argv[optind], &id) < 0)
		return EXIT_USAGE;
	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	struct change_entry *e = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc = 0;
	if (store_change_log(s, id, &e, &n, &cause) < 0) {
		rc = cli_error("%s", cause);
		free(cause);
		store_close(s);
		return rc;
	}
	store_close(s);
	char *data;
	if (json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{sI ss ss ss so so so}", "id",
							     (json_int_t)e[i].id, "at", e[i].at,
							     "who", e[i].who, "what", e[i].what,
							     "old", json_str(e[i].old_value), "new",
							     json_str(e[i].new_value), "reason",
							     json_str(e[i].reason)));
		char *dump = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		data = xasprintf("%s\n", dump);
		free(dump);
		json_decref(arr);
	} else {
		data = change_log_tsv(e, n);
	}
	for (size_t i = 0; i < n; i++)
		change_entry_free(&e[i]);
	free(e);
	if (cli_write_output(out, data, strlen(data), force) < 0)
		rc = 1;
	free(data);
	return rc;
}
