/* cli_util.c - what every command shares: messages, opening the store,
 * parsing ids, clusters and periods, reading and writing files. */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "text.h"
#include "util.h"

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

void cli_warnings(struct strbuf *warnings, const char *prefix)
{
	for (char *line = warnings->buf, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		if (prefix)
			cli_error("warning: %s: %s", prefix, line);
		else
			cli_error("warning: %s", line);
	}
	strbuf_free(warnings);
}

json_t *cli_json_str(const char *s)
{
	return s ? json_string(s) : json_null();
}
