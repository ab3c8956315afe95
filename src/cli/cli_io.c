/* cli_io.c - import, and export as interchange JSON or as a formatted
 * document (txt, md, html, docx, odt). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "doc.h"
#include "interchange.h"
#include "render.h"
#include "util.h"

int cmd_import(struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error("import takes one file (or - for standard input)");
	if (c->readonly)
		return cli_usage_error("import cannot be --read-only");
	char *cause = NULL;
	size_t len;
	char *data = cli_read_file(argv[1], &len, &cause);
	if (!data) {
		cli_error("%s", cause);
		free(cause);
		return 1;
	}
	struct interchange doc;
	struct strbuf warnings = {0};
	int rc = interchange_parse(data, len, &doc, &warnings, &cause);
	free(data);
	if (warnings.len) {
		/* One "bienban: warning: ..." line per unknown field. */
		for (char *line = warnings.buf, *nl; *line; line = nl + 1) {
			nl = strchr(line, '\n');
			*nl = '\0';
			cli_error("warning: %s: %s", argv[1], line);
		}
	}
	strbuf_free(&warnings);
	if (rc < 0) {
		cli_error("%s: %s (nothing was imported)", argv[1], cause);
		free(cause);
		return 1;
	}
	struct store *s;
	if (cli_open(c, STORE_CREATE, &s) < 0) {
		interchange_free(&doc);
		return 1;
	}
	int64_t *ids;
	size_t n;
	int ir = interchange_import_warn(s, &doc, &warnings, &ids, &n, &cause);
	/* References to meetings neither here nor in the store: one line each. */
	for (char *line = warnings.buf, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		cli_error("warning: %s: %s", argv[1], line);
	}
	strbuf_free(&warnings);
	if (ir < 0) {
		rc = cli_error("%s: %s (nothing was imported)", argv[1], cause);
		free(cause);
	} else {
		printf("imported %zu meeting%s:", n, n == 1 ? "" : "s");
		for (size_t i = 0; i < n; i++)
			printf(" %lld", (long long)ids[i]);
		putchar('\n');
		free(ids);
		rc = 0;
	}
	store_close(s);
	interchange_free(&doc);
	return rc;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
					     {"document", required_argument, NULL, 'd'},
					     {"output", required_argument, NULL, 'o'},
					     {"force", no_argument, NULL, 'F'},
					     {"width", required_argument, NULL, 'w'},
					     {"conference", required_argument, NULL, 'C'},
					     {NULL, 0, NULL, 0}};
	const char *format = "txt", *document = "minutes", *output = NULL, *conference = NULL;
	int force = 0, ch;
	long width = 80;
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			format = optarg;
			break;
		case 'd':
			document = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'w': {
			char *end;
			width = strtol(optarg, &end, 10);
			if (end == optarg || *end || width < 40 || width > 1000)
				return cli_usage_error("--width takes a number from 40 to 1000");
			break;
		}
		case 'C':
			conference = optarg;
			break;
		case ':':
			return cli_usage_error("export: option '%s' needs a value",
					       argv[optind - 1]);
		default:
			return cli_usage_error("export: unknown option '%s'", argv[optind - 1]);
		}
	}
	int kind = doc_kind_parse(document);
	if (kind < 0)
		return cli_usage_error("--document is minutes or conclusions, not '%s'", document);
	const struct renderer *r = NULL;
	if (strcmp(format, "json") != 0 && !(r = render_find(format)))
		return cli_usage_error("--format '%s' is not one of %s, json", format,
				       render_names());
	long long id = 0, conf = 0;
	if (conference) {
		if (optind != argc)
			return cli_usage_error("export --conference takes no meeting id");
		if (cli_parse_id(conference, &conf) < 0)
			return EXIT_USAGE;
	} else {
		if (optind + 1 != argc)
			return cli_usage_error("export takes one meeting id (or --conference ID)");
		if (cli_parse_id(argv[optind], &id) < 0)
			return EXIT_USAGE;
	}
	if (r && r->binary && !output && isatty(STDOUT_FILENO))
		return cli_usage_error("--format %s is a binary file: give -o FILE", format);

	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	char *cause = NULL;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = 1;
	if (conf) {
		if (store_conference_meetings(s, conf, &ids, &n, &cause) < 0)
			goto out;
		if (!n) {
			cause = xasprintf("conference %lld has no meetings", conf);
			goto out;
		}
	} else {
		ids = xmalloc(sizeof *ids);
		ids[0] = id;
		n = 1;
	}
	if (!r) {
		char *doc = interchange_export(s, ids, n, &cause);
		if (!doc)
			goto out;
		rc = cli_write_output(output, doc, strlen(doc), force) < 0 ? 1 : 0;
		free(doc);
		goto out;
	}
	struct doc *d;
	struct strbuf warnings = {0};
	if (doc_build(s, kind, ids, n, &d, &warnings, &cause) < 0)
		goto out;
	/* One warning line per meeting with blanks left for handwriting. */
	for (char *line = warnings.buf, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		cli_error("warning: %s", line);
	}
	strbuf_free(&warnings);
	struct render_opts ro = {.width = (int)width};
	struct strbuf out = {0};
	if (r->render(d, &ro, &out, &cause) == 0)
		rc = cli_write_output(output, out.buf, out.len, force) < 0 ? 1 : 0;
	strbuf_free(&out);
	doc_free(d);
out:
	if (cause) {
		cli_error("%s", cause);
		free(cause);
	}
	free(ids);
	store_close(s);
	return rc;
}
