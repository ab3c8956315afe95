/* cli_list.c - looking at meetings: list and show. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

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

/* One meeting of the list, as a JSON object. */
static json_t *row_json(const struct meeting_row *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "title", json_string(r->title));
	json_object_set_new(o, "cluster", r->cluster ? json_integer(r->cluster) : json_null());
	json_object_set_new(o, "period", r->period ? json_string(r->period) : json_null());
	json_object_set_new(o, "starts_at", json_string(r->starts_at));
	json_object_set_new(o, "status", json_string(meeting_status_name(r->status)));
	json_object_set_new(o, "chair", r->chair ? json_string(r->chair) : json_null());
	/* for export --conference ID */
	json_object_set_new(o, "conference_id",
			    r->conference_id ? json_integer(r->conference_id) : json_null());
	return o;
}

static const char *status_word(int i)
{
	return meeting_status_word((enum meeting_status)i);
}
static const char *role_w(int i)
{
	return role_word((enum role)i);
}
static const char *presence_w(int i)
{
	return presence_word((enum presence)i);
}
static const char *kind_w(int i)
{
	return note_kind_word((enum note_kind)i);
}

/* The status column: as wide as the widest status in this language. */
static int status_width(void)
{
	return cli_words_width(status_word, MS__COUNT, _("STATUS"), 8);
}

/* One meeting of the list, as a line of the table. */
/* The cluster column: as wide as its heading in the reader's language
 * ("CLUSTER", "CỤM"), at least 4. */
static int cluster_width(void)
{
	int w = (int)text_width(_("CLUSTER"));
	return w > 4 ? w : 4;
}

static void row_text(const struct meeting_row *r)
{
	char cl[16] = "-";
	if (r->cluster)
		snprintf(cl, sizeof cl, "%d", r->cluster);
	char day[16];
	printf("%5lld  %-10s  %*s  %-8s  ", (long long)r->id, cli_day(r->starts_at, day),
	       cluster_width(), cl, r->period ? r->period : "-");
	cli_put_padded(meeting_status_word(r->status), status_width());
	fputs("  ", stdout);
	cli_put_visible(stdout, r->title);
	putchar('\n');
}

static void list_heading(void)
{
	/* TRANSLATORS: the column headings of 'bienban list' (at most 5,
	 * 10, 8 and 8 columns wide; the cluster's column is as wide as
	 * its heading). */
	cli_put_padded(_("ID"), -5);
	fputs("  ", stdout);
	cli_put_padded(_("DATE"), 10);
	fputs("  ", stdout);
	cli_put_padded(_("CLUSTER"), -cluster_width());
	fputs("  ", stdout);
	cli_put_padded(_("PERIOD"), 8);
	fputs("  ", stdout);
	cli_put_padded(_("STATUS"), status_width());
	printf("  %s\n", _("TITLE"));
}

static int cmd_list(struct cli *c, int argc, char **argv)
{
	const char *cluster = NULL, *period = NULL;
	int json = 0, ch;
	while ((ch = cli_getopt(c, argc, argv)) != -1) {
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
			return cli_option_error(c, argv, ch);
		}
	}
	if (optind < argc)
		return cli_usage_error(_("list: unexpected argument '%s'"), argv[optind]);
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
	size_t listed = 0;
	for (;;) {
		struct meeting_row *rows;
		size_t n;
		if (store_meetings_page(s, &f, offset, 256, &rows, &n, &cause) < 0) {
			rc = cli_error("%s", cause);
			free(cause);
			break;
		}
		/* The headings over the first row: none over "no meetings". */
		if (!json && listed == 0 && n > 0)
			list_heading();
		for (size_t i = 0; i < n; i++) {
			if (json)
				json_array_append_new(arr, row_json(&rows[i]));
			else
				row_text(&rows[i]);
			meeting_row_free(&rows[i]);
		}
		listed += n;
		free(rows);
		if (n < 256)
			break;
		offset += (int64_t)n;
	}
	if (json && rc == 0) {
		char *dump = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		puts(dump);
		free(dump);
	} else if (!json && rc == 0 && offset == 0 && !listed) {
		/* Said, as directives and search say theirs. */
		printf("%s\n", _("no meetings"));
	}
	json_decref(arr);
	store_close(s);
	return rc;
}

/* ==== show ==== */

static void field(const char *label, const char *value)
{
	cli_put_padded(label, 16);
	cli_put_visible(stdout, value ? value : "-");
	putchar('\n');
}

static void print_attendees(const struct meeting *m)
{
	printf(_("\nattendees (%zu)\n"), m->n_attendees);
	for (size_t i = 0; i < m->n_attendees; i++) {
		const struct attendee *a = &m->attendees[i];
		fputs("  ", stdout);
		cli_put_padded(role_word(a->role), cli_words_width(role_w, ROLE__COUNT, NULL, 9));
		putchar(' ');
		cli_put_padded(presence_word(a->presence),
			       cli_words_width(presence_w, PRES__COUNT, NULL, 8));
		putchar(' ');
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
			printf(_(" arrived %s"),
			       a->arrived_at + (strlen(a->arrived_at) > 11 ? 11 : 0));
		if (a->reason) {
			fputs(_(" reason: "), stdout);
			cli_put_visible(stdout, a->reason);
		}
		if (a->substitute_for) {
			fputs(_(" substitute for "), stdout);
			cli_put_visible(stdout, a->substitute_for);
		}
		putchar('\n');
	}
}

static void print_agenda(const struct meeting *m)
{
	printf(_("\nagenda (%zu)\n"), m->n_agenda);
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
			printf("     %.5s ", t);
			cli_put_padded(note_kind_word(n->kind),
				       cli_words_width(kind_w, NK__COUNT, NULL, 9));
			putchar(' ');
			if (n->speaker) {
				cli_put_visible(stdout, n->speaker);
				fputs(": ", stdout);
			}
			cli_put_visible(stdout, n->text);
			putchar('\n');
		}
	}
}

/* Proposals, conclusions, directives. */
static void print_outcomes(const struct meeting *m)
{
	printf(_("\nproposals (%zu)\n"), m->n_proposals);
	for (size_t i = 0; i < m->n_proposals; i++) {
		const struct proposal *p = &m->proposals[i];
		printf("  %zu. [%s] ", i + 1, task_status_word(p->status));
		if (p->unit) {
			cli_put_visible(stdout, p->unit);
			fputs(": ", stdout);
		}
		cli_put_visible(stdout, p->text);
		if (p->answer) {
			fputs(_("\n     answer: "), stdout);
			cli_put_visible(stdout, p->answer);
		}
		putchar('\n');
	}
	printf(_("\nconclusions (%zu)\n"), m->n_conclusions);
	for (size_t i = 0; i < m->n_conclusions; i++) {
		printf("  %zu. ", i + 1);
		cli_put_visible(stdout, m->conclusions[i]);
		putchar('\n');
	}
	printf(_("\ndirectives (%zu)\n"), m->n_directives);
	for (size_t i = 0; i < m->n_directives; i++) {
		const struct directive *d = &m->directives[i];
		printf("  %zu. [%s] ", i + 1, task_status_word(d->status));
		cli_put_visible(stdout, d->text);
		if (d->owner) {
			fputs(" — ", stdout);
			cli_put_visible(stdout, d->owner);
		}
		char day[16];
		if (d->due)
			printf(_(" (due %s)"), cli_day(d->due, day));
		putchar('\n');
	}
}

static void print_meeting(const struct meeting *m)
{
	char buf[32];
	cli_put_visible(stdout, m->title);
	printf("\n\n");
	snprintf(buf, sizeof buf, "%lld", (long long)m->id);
	/* TRANSLATORS: the labels of 'bienban show' (16 columns with the
	 * space after). */
	field(_("id"), buf);
	char *conf = m->conference ? xasprintf(_("%s (id %lld, for export --conference)"),
					       m->conference, (long long)m->conference_id)
				   : NULL;
	field(_("conference"), conf);
	free(conf);
	snprintf(buf, sizeof buf, "%d", m->cluster);
	field(_("cluster"), m->cluster ? buf : NULL);
	field(_("period"), m->period);
	field(_("status"), meeting_status_word(m->status));
	char when[32];
	field(_("starts"), cli_when(m->starts_at, when));
	field(_("ends"), cli_when(m->ends_at, when));
	field(_("location"), m->location);
	field(_("host unit"), m->host_unit);
	field(_("number"), m->document_number);
	field(_("notice number"), m->notice_number);
	print_attendees(m);
	print_agenda(m);
	print_outcomes(m);
}

static int cmd_show(struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(_("show takes one meeting id"));
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

/* ==== the rows of the command table ==== */

static const struct cli_option list_options[] = {
    {"cluster", 'c', 0, "N", N_("only the meetings of cluster N")},
    {"period", 'p', 0, "Q/YYYY", N_("only a quarter (I/2023, 1/2023) or a year (2023)")},
    {"json", 'j', 0, NULL, N_("a JSON array, for scripts")},
    {NULL, 0, 0, NULL, NULL},
};

const struct cli_command cli_cmd_list = {
    .name = "list",
    .forms = {{"[--cluster N] [--period Q/YYYY] [--json]", N_("the meetings in the store")}},
    .options = list_options,
    .run = cmd_list,
};

const struct cli_command cli_cmd_show = {
    .name = "show",
    .forms = {{"MEETING", N_("a meeting in full")}},
    .run = cmd_show,
};
