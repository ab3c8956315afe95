/* cli_io.c - import, and export as interchange JSON or as a formatted
 * document (the formats of render.h). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "doc.h"
#include "i18n.h"
#include "interchange.h"
#include "render.h"
#include "util.h"

/* ==== import ==== */

/* A progress line on a terminal, for imports that take over a second. */
struct import_progress {
	int tty, shown;
	long long start, last;
};

static void show_progress(void *ctx, size_t done, size_t total, size_t bytes, size_t size)
{
	struct import_progress *p = ctx;
	long long now = now_ms();
	if (!p->tty || now - p->start < 1000 || (now - p->last < 100 && done != total))
		return;
	p->last = now;
	p->shown = 1;
	if (done != total) /* still reading: how far into the file */
		fprintf(stderr, _("\rimporting: %zu meetings read (%d%%)…"), done,
			size ? (int)(100.0 * (double)bytes / (double)size) : 0);
	else
		fprintf(stderr, _("\rimporting: %zu of %zu meetings, writing the search index…"),
			done, total);
	fflush(stderr);
}

static int cmd_import(struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(_("import takes one file (or - for standard input)"));
	if (c->readonly)
		return cli_usage_error(_("import cannot be --read-only"));
	char *cause = NULL;
	size_t len;
	/* Read whole, then parsed meeting by meeting: the file and one
	 * meeting's tree are in memory, never the tree of the whole. */
	char *data = cli_read_file(argv[1], cli_import_limit(), &len, &cause);
	if (!data) {
		cli_error("%s", cause);
		free(cause);
		return 1;
	}
	struct store *s;
	if (cli_open(c, STORE_CREATE, &s) < 0) {
		free(data);
		return 1;
	}
	struct strbuf warnings = {0};
	int64_t *ids;
	size_t n;
	int rc;
	struct import_progress ip = {.tty = isatty(STDERR_FILENO), .start = now_ms()};
	/* Parsed, checked and staged outside the store's write lock; the lock
	 * is taken for the final copy only (issue 16). */
	int ir = interchange_import_stream(s, data, len, &warnings, show_progress, &ip, &ids, &n,
					   &cause);
	free(data);
	if (ip.shown) /* the progress line gives way to what follows */
		fputs("\r\033[K", stderr);
	/* Unknown fields, and references to meetings neither here nor in the
	 * store: one "bienban: warning: ..." line each. */
	cli_warnings(&warnings, argv[1]);
	if (ir < 0) {
		rc = cli_error(_("%s: %s (nothing was imported)"), argv[1], cause);
		free(cause);
	} else {
		/* A count and the range of the new ids, never every id: an
		 * office's archive is thousands of meetings. */
		int64_t lo = n ? ids[0] : 0, hi = lo;
		for (size_t i = 1; i < n; i++) {
			lo = ids[i] < lo ? ids[i] : lo;
			hi = ids[i] > hi ? ids[i] : hi;
		}
		if (n == 0)
			printf(_("imported no meeting\n"));
		else if (n == 1)
			printf(_("imported 1 meeting: %lld\n"), (long long)lo);
		else if ((int64_t)n == hi - lo + 1)
			printf(_("imported %zu meetings: %lld to %lld\n"), n, (long long)lo,
			       (long long)hi);
		else
			printf(_("imported %zu meetings, ids from %lld to %lld\n"), n,
			       (long long)lo, (long long)hi);
		free(ids);
		rc = 0;
	}
	store_close(s);
	return rc;
}

/* ==== export ==== */

struct export_args {
	const char *format, *document, *output, *conference;
	char *format_buf; /* the format taken from -o's extension */
	int force;
	long width;
	int kind;		  /* enum doc_kind */
	const struct renderer *r; /* NULL for json */
	long long id, conf;	  /* the meeting, or the conference */
};

/* The options of export; 0, or the exit status of a usage error. */
static int export_options(struct cli *c, int argc, char **argv, struct export_args *a)
{
	int ch;
	while ((ch = cli_getopt(c, argc, argv)) != -1) {
		switch (ch) {
		case 'f':
			a->format = optarg;
			break;
		case 'd':
			a->document = optarg;
			break;
		case 'o':
			a->output = optarg;
			break;
		case 'F':
			a->force = 1;
			break;
		case 'w': {
			char *end;
			a->width = strtol(optarg, &end, 10);
			if (end == optarg || *end || a->width < 40 || a->width > 1000)
				return cli_usage_error(_("--width takes a number from 40 to 1000"));
			break;
		}
		case 'C':
			a->conference = optarg;
			break;
		case ':':
			return cli_usage_error(_("export: option '%s' needs a value"),
					       cli_bad_option(c, argv));
		default:
			return cli_usage_error(_("export: unknown option '%s'"), cli_bad_option(c, argv));
		}
	}
	return 0;
}

/* The options and operands of export, checked; 0 or the exit status. */
static int export_args(struct cli *c, int argc, char **argv, struct export_args *a)
{
	int rc = export_options(c, argc, argv, a);
	if (rc)
		return rc;
	a->kind = doc_kind_parse(a->document);
	if (a->kind < 0)
		return cli_usage_error(_("--document is minutes or conclusions, not '%s'"),
				       a->document);
	struct stat st;
	if (!a->format && a->output && !(stat(a->output, &st) == 0 && !S_ISREG(st.st_mode))) {
		/* -o FILE alone: the format is the file's extension (a renderer's
		 * name, or json), so a new renderer brings its extension along.
		 * What is there and is no regular file (a directory, a device,
		 * a FIFO) falls through to the write, which refuses it. */
		const char *dot = strrchr(a->output, '.');
		const char *slash = strrchr(a->output, '/');
		char ext[16] = "";
		if (dot && (!slash || dot > slash) && strlen(dot + 1) < sizeof ext)
			for (size_t i = 0; dot[i + 1]; i++)
				ext[i] = (char)(dot[i + 1] >= 'A' && dot[i + 1] <= 'Z'
						    ? dot[i + 1] - 'A' + 'a'
						    : dot[i + 1]);
		if (!ext[0] || (strcmp(ext, "json") != 0 && !render_find(ext)))
			return cli_usage_error(_("cannot tell the format of '%s' from its "
						 "extension (one of %s, json): give --format"),
					       a->output, render_names());
		a->format_buf = xstrdup(ext);
		a->format = a->format_buf;
	}
	if (!a->format)
		a->format = "txt";
	if (strcmp(a->format, "json") != 0 && !(a->r = render_find(a->format)))
		return cli_usage_error(_("--format '%s' is not one of %s, json"), a->format,
				       render_names());
	if (a->conference) {
		if (optind != argc)
			return cli_usage_error(_("export --conference takes no meeting id"));
		if (cli_parse_conference_id(a->conference, &a->conf) < 0)
			return EXIT_USAGE;
	} else {
		if (optind + 1 != argc)
			return cli_usage_error(
			    _("export takes one meeting id (or --conference ID)"));
		if (cli_parse_id(argv[optind], &a->id) < 0)
			return EXIT_USAGE;
	}
	if (a->r && a->r->binary && !a->output && isatty(STDOUT_FILENO))
		return cli_usage_error(_("--format %s is a binary file: give -o FILE"), a->format);
	return 0;
}

/* The document of the meetings ids, rendered and written; 0 or 1. */
static int export_document(struct store *s, const struct export_args *a, const int64_t *ids,
			   size_t n, char **cause)
{
	if (!a->r) {
		char *doc = interchange_export(s, ids, n, cause);
		if (!doc)
			return 1;
		int rc = cli_write_output(a->output, doc, strlen(doc), a->force) < 0 ? 1 : 0;
		free(doc);
		return rc;
	}
	struct doc *d;
	struct strbuf warnings = {0};
	if (doc_build(s, a->kind, ids, n, &d, &warnings, cause) < 0) {
		strbuf_free(&warnings);
		return 1;
	}
	/* One warning line per meeting with blanks left for handwriting. */
	cli_warnings(&warnings, NULL);
	struct render_opts ro = {.width = (int)a->width};
	struct strbuf out = {0};
	int rc = 1;
	if (a->r->render(d, &ro, &out, cause) == 0)
		rc = cli_write_output(a->output, out.buf, out.len, a->force) < 0 ? 1 : 0;
	strbuf_free(&out);
	doc_free(d);
	return rc;
}

static int cmd_export(struct cli *c, int argc, char **argv)
{
	struct export_args a = {.document = "minutes", .width = 80};
	int rc = export_args(c, argc, argv, &a);
	if (rc) {
		free(a.format_buf);
		return rc;
	}
	struct store *s;
	if (cli_open(c, 0, &s) < 0) {
		free(a.format_buf);
		return 1;
	}
	char *cause = NULL;
	int64_t *ids = NULL;
	size_t n = 0;
	rc = 1;
	if (a.conf) {
		if (store_conference_meetings(s, a.conf, &ids, &n, &cause) < 0)
			goto out;
		if (!n) {
			cause = xasprintf(_("conference %lld has no meetings"), a.conf);
			goto out;
		}
	} else {
		ids = xmalloc(sizeof *ids);
		ids[0] = a.id;
		n = 1;
	}
	rc = export_document(s, &a, ids, n, &cause);
out:
	if (cause) {
		cli_error("%s", cause);
		free(cause);
	}
	free(ids);
	free(a.format_buf);
	store_close(s);
	return rc;
}

/* ==== the rows of the command table ==== */

const struct cli_command cli_cmd_import = {
    .name = "import",
    .forms = {{"FILE", N_("interchange JSON (bienban/1)")}},
    .run = cmd_import,
};

static const struct cli_option export_opts[] = {
    {"format", 'f', 0, "FORMAT",
     N_("txt (the default), md, html, docx, odt, pdf, or json (the interchange)")},
    {"document", 'd', 0, "KIND", N_("minutes (the default) or conclusions (the notice)")},
    {"output", 'o', 1, "FILE", N_("write FILE (atomically), not standard output")},
    {"force", 'F', 0, NULL, N_("with -o: overwrite FILE if it exists")},
    {"width", 'w', 0, "N", N_("txt: columns per line, 40 to 1000 (default 80)")},
    {"conference", 'C', 0, "ID", N_("all meetings of conference ID, in one document")},
    {NULL, 0, 0, NULL, NULL},
};

const struct cli_command cli_cmd_export = {
    .name = "export",
    .forms = {{"MEETING [--format txt|md|html|docx|odt|pdf|json] [--document minutes|conclusions] "
	       "[-o FILE [--force]] [--width N]",
	       N_("a meeting as a document or JSON")},
	      {"--conference ID ...", N_("all meetings of a conference")}},
    .options = export_opts,
    .run = cmd_export,
};
