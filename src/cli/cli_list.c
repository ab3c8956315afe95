/* cli_list.c - the store commands: init, demo, list, show, check; and the
 * helpers every command shares. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "embedded.h"
#include "interchange.h"
#include "store_search.h"
#include "text.h"
#include "util.h"

/* ==== shared helpers ==== */

int cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	char *vis = text_visible(msg, 1);
	fprintf(stderr, "bienban: %s\n", vis);
	free(vis);
	free(msg);
	return 1;
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	char *vis = text_visible(msg, 1);
	fprintf(stderr, "bienban: %s\nTry 'bienban --help' for more information.\n", vis);
	free(vis);
	free(msg);
	return EXIT_USAGE;
}

int cli_open(const struct cli *c, int flags, struct store **out)
{
	char *path = c->db_path ? xstrdup(c->db_path) : store_default_path();
	char *cause = NULL;
	if (c->readonly)
		flags = (flags | STORE_READONLY) & ~STORE_CREATE;
	int rc = store_open(out, path, flags, &cause);
	if (rc < 0) {
		cli_error("%s", cause);
		free(cause);
	}
	free(path);
	return rc;
}

int cli_parse_id(const char *arg, long long *id)
{
	char *end;
	errno = 0;
	long long v = strtoll(arg, &end, 10);
	if (errno || end == arg || *end || v < 1) {
		cli_usage_error("'%s' is not a meeting id (see 'bienban list')", arg);
		return -1;
	}
	*id = v;
	return 0;
}

int cli_parse_cluster(const char *arg, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 1 || v > 9999)
		return cli_usage_error("--cluster takes a cluster number, not '%s'", arg), -1;
	*out = (int)v;
	return 0;
}

int cli_parse_period(const char *arg, int *quarter, int *year)
{
	char *end;
	long y = strtol(arg, &end, 10);
	*quarter = 0;
	if (!*end && strlen(arg) == 4 && y > 0) {
		*year = (int)y;
		return 0;
	}
	if (period_parse(arg, quarter, year) < 0)
		return cli_usage_error("--period takes a quarter like I/2023 or a year, not '%s'",
				       arg),
		       -1;
	return 0;
}

char *cli_read_file(const char *path, size_t *len, char **cause)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		set_cause(cause, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	struct strbuf sb = {0};
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	int err = ferror(f) ? errno : 0;
	if (f != stdin)
		fclose(f);
	if (err) {
		set_cause(cause, "cannot read %s: %s", path, strerror(err));
		strbuf_free(&sb);
		return NULL;
	}
	*len = sb.len;
	return strbuf_detach(&sb);
}

int cli_write_output(const char *path, const char *data, size_t len, int force)
{
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return cli_error("cannot write to standard output: %s", strerror(errno)),
			       -1;
		return 0;
	}
	char *cause = NULL;
	if (atomic_write_file(path, data, len, 0644, force, &cause) < 0) {
		cli_error("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

void cli_put_visible(FILE *f, const char *s)
{
	char *vis = text_visible(s ? s : "", 1);
	fputs(vis, f);
	free(vis);
}

/* ==== init and demo ==== */

int cmd_init(struct cli *c, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage_error("init takes no arguments");
	(void)argv;
	if (c->readonly)
		return cli_usage_error("init cannot be --read-only");
	struct store *s;
	if (cli_open(c, STORE_CREATE, &s) < 0)
		return 1;
	printf("store ready: %s (schema %d)\n", store_path(s), store_schema_latest());
	store_close(s);
	return 0;
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage_error("demo takes no arguments");
	(void)argv;
	if (c->readonly)
		return cli_usage_error("demo cannot be --read-only");
	const struct embedded_file *f = embedded_find("demo.json");
	struct interchange doc;
	struct strbuf warnings = {0};
	char *cause = NULL;
	if (interchange_parse(f->data, f->len, &doc, &warnings, &cause) < 0) {
		cli_error("demo data: %s", cause);
		free(cause);
		strbuf_free(&warnings);
		return 1;
	}
	strbuf_free(&warnings);
	struct store *s;
	if (cli_open(c, STORE_CREATE, &s) < 0) {
		interchange_free(&doc);
		return 1;
	}
	int rc = 0;
	int64_t existing;
	if (doc.n_meetings &&
	    store_meeting_find(s, doc.meetings[0]->title, doc.meetings[0]->starts_at, &existing,
			       NULL) == 1) {
		printf("the demo conference is already in %s\n", store_path(s));
	} else {
		int64_t *ids;
		size_t n;
		if (interchange_import(s, &doc, &ids, &n, &cause) < 0) {
			rc = cli_error("demo data: %s", cause);
			free(cause);
		} else {
			printf("demo conference loaded into %s: %zu meetings\n", store_path(s), n);
			free(ids);
		}
	}
	store_close(s);
	interchange_free(&doc);
	return rc;
}

/* ==== list ==== */

static int parse_filter(const char *cluster, const char *period, struct meeting_filter *f)
{
	memset(f, 0, sizeof *f);
	if (cluster && cli_parse_cluster(cluster, &f->cluster) < 0)
		return -1;
	if (period && cli_parse_period(period, &f->quarter, &f->year) < 0)
		return -1;
	return 0;
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"cluster", required_argument, NULL, 'c'},
					     {"period", required_argument, NULL, 'p'},
					     {"json", no_argument, NULL, 'j'},
					     {NULL, 0, NULL, 0}};
	const char *cluster = NULL, *period = NULL;
	int json = 0, ch;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cluster = optarg;
			break;
		case 'p':
			period = optarg;
			break;
		case 'j':
			json = 1;
			break;
		default:
			return cli_usage_error("list: unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("list: unexpected argument '%s'", argv[optind]);
	struct meeting_filter f;
	if (parse_filter(cluster, period, &f) < 0)
		return EXIT_USAGE;
	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	json_t *arr = json ? json_array() : NULL;
	char *cause = NULL;
	int rc = 0;
	int64_t offset = 0;
	if (!json)
		printf("%5s  %-10s  %4s  %-8s  %-8s  %s\n", "ID", "DATE", "CUM", "PERIOD", "STATUS",
		       "TITLE");
	for (;;) {
		struct meeting_row *rows;
		size_t n;
		if (store_meetings_page(s, &f, offset, 256, &rows, &n, &cause) < 0) {
			rc = cli_error("%s", cause);
			free(cause);
			break;
		}
		for (size_t i = 0; i < n; i++) {
			struct meeting_row *r = &rows[i];
			if (json) {
				json_t *o = json_object();
				json_object_set_new(o, "id", json_integer(r->id));
				json_object_set_new(o, "title", json_string(r->title));
				json_object_set_new(o, "cluster",
						    r->cluster ? json_integer(r->cluster)
							       : json_null());
				json_object_set_new(
				    o, "period", r->period ? json_string(r->period) : json_null());
				json_object_set_new(o, "starts_at", json_string(r->starts_at));
				json_object_set_new(o, "status",
						    json_string(meeting_status_name(r->status)));
				json_object_set_new(o, "chair",
						    r->chair ? json_string(r->chair) : json_null());
				/* for export --conference ID */
				json_object_set_new(o, "conference_id",
						    r->conference_id
							? json_integer(r->conference_id)
							: json_null());
				json_array_append_new(arr, o);
			} else {
				char cl[16] = "-";
				if (r->cluster)
					snprintf(cl, sizeof cl, "%d", r->cluster);
				printf("%5lld  %-10.10s  %4s  %-8s  %-8s  ", (long long)r->id,
				       r->starts_at, cl, r->period ? r->period : "-",
				       meeting_status_name(r->status));
				cli_put_visible(stdout, r->title);
				putchar('\n');
			}
			meeting_row_free(r);
		}
		free(rows);
		if (n < 256)
			break;
		offset += (int64_t)n;
	}
	if (json && rc == 0) {
		char *dump = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		puts(dump);
		free(dump);
	}
	json_decref(arr);
	store_close(s);
	return rc;
}

/* ==== show ==== */

static void field(const char *label, const char *value)
{
	printf("%-16s", label);
	cli_put_visible(stdout, value ? value : "-");
	putchar('\n');
}

static void print_meeting(const struct meeting *m)
{
	char buf[32];
	cli_put_visible(stdout, m->title);
	printf("\n\n");
	snprintf(buf, sizeof buf, "%lld", (long long)m->id);
	field("id", buf);
	char *conf = m->conference ? xasprintf("%s (id %lld, for export --conference)",
					       m->conference, (long long)m->conference_id)
				   : NULL;
	field("conference", conf);
	free(conf);
	snprintf(buf, sizeof buf, "%d", m->cluster);
	field("cluster", m->cluster ? buf : NULL);
	field("period", m->period);
	field("status", meeting_status_name(m->status));
	field("starts", m->starts_at);
	field("ends", m->ends_at);
	field("location", m->location);
	field("host unit", m->host_unit);
	field("number", m->document_number);
	printf("\nattendees (%zu)\n", m->n_attendees);
	for (size_t i = 0; i < m->n_attendees; i++) {
		const struct attendee *a = &m->attendees[i];
		printf("  %-9s %-8s ", role_name(a->role), presence_name(a->presence));
		cli_put_visible(stdout, a->name);
		if (!str_empty(a->title)) {
			fputs(" – ", stdout);
			cli_put_visible(stdout, a->title);
		}
		if (!str_empty(a->unit)) {
			fputs(" (", stdout);
			cli_put_visible(stdout, a->unit);
			fputs(")", stdout);
		}
		if (a->arrived_at)
			printf(" arrived %s",
			       a->arrived_at + (strlen(a->arrived_at) > 11 ? 11 : 0));
		if (a->reason) {
			fputs(" reason: ", stdout);
			cli_put_visible(stdout, a->reason);
		}
		if (a->substitute_for) {
			fputs(" substitute for ", stdout);
			cli_put_visible(stdout, a->substitute_for);
		}
		putchar('\n');
	}
	printf("\nagenda (%zu)\n", m->n_agenda);
	for (size_t i = 0; i < m->n_agenda; i++) {
		const struct agenda_item *it = &m->agenda[i];
		printf("  %zu. ", i + 1);
		cli_put_visible(stdout, it->title);
		if (it->presenter) {
			fputs(" — ", stdout);
			cli_put_visible(stdout, it->presenter);
		}
		putchar('\n');
		for (size_t k = 0; k < it->n_notes; k++) {
			const struct note *n = &it->notes[k];
			const char *t = n->at && strlen(n->at) >= 16 ? n->at + 11 : "--:--";
			printf("     %.5s %-9s ", t, note_kind_name(n->kind));
			if (n->speaker) {
				cli_put_visible(stdout, n->speaker);
				fputs(": ", stdout);
			}
			cli_put_visible(stdout, n->text);
			putchar('\n');
		}
	}
	printf("\nproposals (%zu)\n", m->n_proposals);
	for (size_t i = 0; i < m->n_proposals; i++) {
		const struct proposal *p = &m->proposals[i];
		printf("  %zu. [%s] ", i + 1, task_status_name(p->status));
		if (p->unit) {
			cli_put_visible(stdout, p->unit);
			fputs(": ", stdout);
		}
		cli_put_visible(stdout, p->text);
		if (p->answer) {
			fputs("\n     answer: ", stdout);
			cli_put_visible(stdout, p->answer);
		}
		putchar('\n');
	}
	printf("\nconclusions (%zu)\n", m->n_conclusions);
	for (size_t i = 0; i < m->n_conclusions; i++) {
		printf("  %zu. ", i + 1);
		cli_put_visible(stdout, m->conclusions[i]);
		putchar('\n');
	}
	printf("\ndirectives (%zu)\n", m->n_directives);
	for (size_t i = 0; i < m->n_directives; i++) {
		const struct directive *d = &m->directives[i];
		printf("  %zu. [%s] ", i + 1, task_status_name(d->status));
		cli_put_visible(stdout, d->text);
		if (d->owner) {
			fputs(" — ", stdout);
			cli_put_visible(stdout, d->owner);
		}
		if (d->due)
			printf(" (due %s)", d->due);
		putchar('\n');
	}
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error("show takes one meeting id");
	long long id;
	if (cli_parse_id(argv[1], &id) < 0)
		return EXIT_USAGE;
	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	struct meeting *m;
	char *cause = NULL;
	int rc = 0;
	if (store_meeting_load(s, id, &m, &cause) < 0) {
		rc = cli_error("%s", cause);
		free(cause);
	} else {
		print_meeting(m);
		meeting_free(m);
	}
	store_close(s);
	return rc;
}

/* ==== check ==== */

int cmd_check(struct cli *c, int argc, char **argv)
{
	int rebuild = argc == 2 && strcmp(argv[1], "--rebuild-index") == 0;
	if (argc > 1 && !rebuild)
		return cli_usage_error("check takes no arguments but --rebuild-index");
	if (rebuild && c->readonly)
		return cli_usage_error("check --rebuild-index cannot be --read-only");
	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	char *report = NULL, *cause = NULL;
	/* The search index is derived data: when check finds it out of step
	 * (a store edited by hand, say), rebuilding it from the text repairs
	 * it, in one transaction, before the check runs again. */
	if (rebuild) {
		if (store_search_rebuild(s, &cause) < 0) {
			int rc = cli_error("rebuilding the search index: %s", cause);
			free(cause);
			store_close(s);
			return rc;
		}
		printf("%s: search index rebuilt\n", store_path(s));
	}
	int n = store_check(s, &report, &cause);
	int rc = 0;
	if (n < 0) {
		rc = cli_error("%s", cause);
		free(cause);
	} else if (n > 0) {
		cli_put_visible(stdout, report);
		rc = cli_error("%d problem%s found in %s", n, n == 1 ? "" : "s", store_path(s));
	} else {
		printf("%s: ok\n", store_path(s));
	}
	free(report);
	store_close(s);
	return rc;
}
