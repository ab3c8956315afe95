/* cli_review.c - the review commands: directives, approve, reopen and
 * log (the change log of a meeting). */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "store_review.h"
#include "text.h"
#include "util.h"

/* ==== directives ==== */

/* The owner column: a unit's name whole ("Đoàn Khối doanh nghiệp tỉnh" is
 * 27), a longer one cut with "…". */
#define OWNER_W 30

static json_t *directive_json(const struct directive_row *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(d->id));
	json_object_set_new(o, "meeting_id", json_integer(d->meeting_id));
	json_object_set_new(o, "meeting_title", cli_json_str(d->meeting_title));
	json_object_set_new(o, "cluster", d->cluster ? json_integer(d->cluster) : json_null());
	json_object_set_new(o, "period", cli_json_str(d->period));
	json_object_set_new(o, "text", cli_json_str(d->text));
	json_object_set_new(o, "owner", cli_json_str(d->owner));
	json_object_set_new(o, "due", cli_json_str(d->due));
	json_object_set_new(o, "status", json_string(task_status_name(d->status)));
	json_object_set_new(o, "overdue", json_boolean(d->overdue));
	json_object_set_new(o, "closed_meeting_id",
			    d->closed_in ? json_integer(d->closed_in) : json_null());
	return o;
}

static const char *task_w(int i)
{
	return task_status_word((enum task_status)i);
}

/* The status column: the widest status or OVERDUE in this language. */
static int status_width(void)
{
	int w = cli_words_width(task_w, TS__COUNT, _("STATUS"), 8);
	return cli_words_width(task_w, 0, _("OVERDUE"), w);
}

static void directive_text(const struct directive_row *d)
{
	char day[16];
	printf("%5lld  %-10s  ", (long long)d->id, cli_day(d->due, day));
	/* TRANSLATORS: the status of an open directive past its due date in
	 * 'bienban directives' (8 columns). */
	cli_put_padded(d->overdue ? _("OVERDUE") : task_status_word(d->status), status_width());
	printf("  %*lld  ", cli_words_width(task_w, 0, _("MEETING"), 7), (long long)d->meeting_id);
	cli_put_cell(d->owner ? d->owner : "-", OWNER_W);
	fputs("  ", stdout);
	cli_put_visible(stdout, d->text);
	putchar('\n');
}

/* The options of directives into *f and *json; 0, or the exit status of
 * a usage error. */
static int directives_options(struct cli *c, int argc, char **argv, struct directive_filter *f,
			      int *json)
{
	int ch;
	while ((ch = cli_getopt(c, argc, argv)) != -1) {
		switch (ch) {
		case 'o':
			f->open_only = 1;
			break;
		case 'u':
			f->unit = optarg;
			break;
		case 'c':
			if (cli_parse_cluster(optarg, &f->cluster) < 0)
				return EXIT_USAGE;
			break;
		case 'j':
			*json = 1;
			break;
		default:
			return cli_option_error(c, argv, ch);
		}
	}
	if (optind < argc)
		return cli_usage_error(_("directives: unexpected argument '%s'"), argv[optind]);
	if (f->unit && !text_valid_utf8(f->unit, strlen(f->unit), NULL))
		return cli_usage_error(_("--unit is not valid UTF-8"));
	return 0;
}

static void directives_heading(void)
{
	/* TRANSLATORS: the column headings of 'bienban directives' (at
	 * most 5, 10, 8, 7 and 30 columns wide). */
	cli_put_padded(_("ID"), -5);
	fputs("  ", stdout);
	cli_put_padded(_("DUE"), 10);
	fputs("  ", stdout);
	cli_put_padded(_("STATUS"), status_width());
	fputs("  ", stdout);
	cli_put_padded(_("MEETING"), -cli_words_width(task_w, 0, _("MEETING"), 7));
	fputs("  ", stdout);
	cli_put_padded(_("OWNER"), OWNER_W);
	printf("  %s\n", _("DIRECTIVE"));
}

static int cmd_directives(struct cli *c, int argc, char **argv)
{
	struct directive_filter f = {0};
	int json = 0;
	int rc = directives_options(c, argc, argv, &f, &json);
	if (rc)
		return rc;
	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	json_t *arr = json ? json_array() : NULL;
	char *cause = NULL;
	int64_t offset = 0;
	size_t shown = 0;
	for (;;) {
		struct directive_row *rows;
		size_t n;
		if (store_directives_page(s, &f, offset, 256, &rows, &n, &cause) < 0) {
			rc = cli_error("%s", cause);
			free(cause);
			break;
		}
		/* The headings over the first row: none over "no directives". */
		if (!json && shown == 0 && n > 0)
			directives_heading();
		for (size_t i = 0; i < n; i++) {
			if (json)
				json_array_append_new(arr, directive_json(&rows[i]));
			else
				directive_text(&rows[i]);
			directive_row_free(&rows[i]);
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
		printf("%s\n", _("no directives"));
	}
	json_decref(arr);
	store_close(s);
	return rc;
}

/* ==== approve, reopen ==== */

static int cmd_approve(struct cli *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1])
			/* TRANSLATORS: %s the option given to approve, which has none. */
			return cli_usage_error(_("approve: unknown option '%s' (approve takes a meeting id only)"),
					       argv[i]);
	if (argc != 2)
		return cli_usage_error(_("approve takes one meeting id"));
	long long id;
	if (cli_parse_id(argv[1], &id) < 0)
		return EXIT_USAGE;
	if (c->readonly)
		return cli_error(_("the store is open read-only; approving changes it"));
	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	char *cause = NULL;
	int rc = 0;
	if (store_meeting_approve(s, id, &cause) < 0) {
		rc = cli_error("%s", cause);
		free(cause);
	} else {
		printf(_("meeting %lld approved; it is read-only now\n"), id);
	}
	store_close(s);
	return rc;
}

static int cmd_reopen(struct cli *c, int argc, char **argv)
{
	const char *reason = NULL;
	int ch;
	while ((ch = cli_getopt(c, argc, argv)) != -1) {
		if (ch != 'r')
			return cli_option_error(c, argv, ch);
		reason = optarg;
	}
	if (optind + 1 != argc)
		return cli_usage_error(_("reopen takes one meeting id and --reason TEXT"));
	long long id;
	if (cli_parse_id(argv[optind], &id) < 0)
		return EXIT_USAGE;
	if (!reason)
		return cli_usage_error(_("reopen needs --reason TEXT: why the approved minutes "
					 "change"));
	char *trimmed = text_trim(xstrdup(reason));
	int empty = str_empty(trimmed);
	free(trimmed);
	if (empty)
		return cli_usage_error(_("reopen needs a reason that is not empty"));
	if (c->readonly)
		return cli_error(_("the store is open read-only; reopening changes it"));
	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	char *cause = NULL;
	int rc = 0;
	if (store_meeting_reopen(s, id, reason, &cause) < 0) {
		rc = cli_error("%s", cause);
		free(cause);
	} else {
		printf(_("meeting %lld reopened (closed); the reason is in its change log\n"), id);
	}
	store_close(s);
	return rc;
}

/* ==== log ==== */

static int cmd_log(struct cli *c, int argc, char **argv)
{
	const char *out = NULL;
	int json = 0, force = 0, ch;
	while ((ch = cli_getopt(c, argc, argv)) != -1) {
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
			return cli_option_error(c, argv, ch);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(_("log takes one meeting id"));
	if (force && !out)
		return cli_usage_error(_("--force goes with -o FILE"));
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
			json_array_append_new(
			    arr,
			    json_pack("{sI ss ss ss so so so so so}", "id", (json_int_t)e[i].id,
				      "at", e[i].at, "who", e[i].who, "what", e[i].what, "item",
				      e[i].item ? json_integer(e[i].item) : json_null(), "field",
				      cli_json_str(e[i].field), "old", cli_json_str(e[i].old_value),
				      "new", cli_json_str(e[i].new_value), "reason",
				      cli_json_str(e[i].reason)));
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

/* ==== the rows of the command table ==== */

static const struct cli_option directives_opts[] = {
    {"open", 'o', 0, NULL, N_("only those still open")},
    {"unit", 'u', 0, "U", N_("only those of unit U")},
    {"cluster", 'c', 0, "N", N_("only those of cluster N's meetings")},
    {"json", 'j', 0, NULL, N_("a JSON array, for scripts")},
    {NULL, 0, 0, NULL, NULL},
};

const struct cli_command cli_cmd_directives = {
    .name = "directives",
    .forms = {{"[--open] [--unit U] [--cluster N] [--json]",
	       N_("directives and their follow-up")}},
    .options = directives_opts,
    .run = cmd_directives,
};

const struct cli_command cli_cmd_approve = {
    .name = "approve",
    .forms = {{"MEETING", N_("approve closed minutes")}},
    .run = cmd_approve,
};

static const struct cli_option reopen_opts[] = {
    {"reason", 'r', 0, "TEXT", N_("why the approved minutes change (in the change log)")},
    {NULL, 0, 0, NULL, NULL},
};

const struct cli_command cli_cmd_reopen = {
    .name = "reopen",
    .forms = {{"MEETING --reason TEXT", N_("reopen approved minutes")}},
    .options = reopen_opts,
    .run = cmd_reopen,
};

static const struct cli_option log_opts[] = {
    {"json", 'j', 0, NULL, N_("a JSON array, not tab-separated lines")},
    {"output", 'o', 1, "FILE", N_("write FILE (atomically), not standard output")},
    {"force", 'f', 0, NULL, N_("with -o: overwrite FILE if it exists")},
    {NULL, 0, 0, NULL, NULL},
};

const struct cli_command cli_cmd_log = {
    .name = "log",
    .forms = {{"MEETING [--json] [-o FILE [--force]]", N_("the change log of a meeting")}},
    .options = log_opts,
    .run = cmd_log,
};
