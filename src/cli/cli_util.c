/* cli_util.c - what every command shares: messages, opening the store,
 * parsing ids, clusters and periods, reading and writing files. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
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

/* The command being run, for the usage errors' hint (cli_usage_command). */
static const char *usage_command;

void cli_usage_command(const char *name)
{
	usage_command = name;
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	char *vis = text_visible(msg, 1);
	fprintf(stderr, "bienban: %s\n", vis);
	if (usage_command)
		/* TRANSLATORS: %s the command (search). */
		fprintf(stderr, _("Try 'bienban %s --help' for its options.\n"), usage_command);
	else
		fprintf(stderr, "%s\n", _("Try 'bienban --help' for more information."));
	free(vis);
	free(msg);
	return EXIT_USAGE;
}

/* store_open is about to upgrade the store's schema: once per version,
 * and a minute on a large store when a migration remakes its index. Said
 * on a terminal only (scripts read stderr for errors). */
static void say_upgrade(void *ctx, const char *path, int from, int to)
{
	(void)ctx;
	if (!isatty(STDERR_FILENO))
		return;
	char *vis = text_visible(path, 0);
	fprintf(stderr,
		_("bienban: upgrading %s from schema %d to %d for this version of bienban "
		  "(once; a large store takes a minute)…\n"),
		vis, from, to);
	free(vis);
}

int cli_open(const struct cli *c, int flags, struct store **out)
{
	char *path = c->db_path ? xstrdup(c->db_path) : store_default_path();
	char *cause = NULL;
	if (c->readonly)
		flags = (flags | STORE_READONLY) & ~STORE_CREATE;
	store_on_upgrade(say_upgrade, NULL);
	int rc = store_open(out, path, flags, &cause);
	store_on_upgrade(NULL, NULL);
	if (rc < 0) {
		cli_error("%s", cause);
		free(cause);
	}
	free(path);
	return rc;
}

/* A number from 1, digits only (strtoll would take " 4" and "+4" too);
 * -1 if arg is not one. */
static int positive(const char *arg, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(arg, &end, 10);
	if (!(*arg >= '0' && *arg <= '9') || errno || end == arg || *end || v < 1)
		return -1;
	*out = v;
	return 0;
}

int cli_parse_id(const char *arg, long long *id)
{
	if (positive(arg, id) < 0) {
		cli_usage_error(_("'%s' is not a meeting id (see 'bienban list')"), arg);
		return -1;
	}
	return 0;
}

int cli_parse_conference_id(const char *arg, long long *id)
{
	if (positive(arg, id) < 0) {
		cli_usage_error(_("'%s' is not a conference id (bienban show MEETING names its "
				  "conference and its id)"),
				arg);
		return -1;
	}
	return 0;
}

int cli_parse_cluster(const char *arg, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (!(*arg >= '0' && *arg <= '9') || errno || end == arg || *end || v < 1 || v > 9999)
		return cli_usage_error(_("--cluster takes a cluster number, not '%s'"), arg), -1;
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
		return cli_usage_error(
			   _("--period takes a quarter like I/2023 or a year, not '%s'"), arg),
		       -1;
	return 0;
}

size_t cli_import_limit(void)
{
	/* For the tests only: a smaller limit, so that refusing a FIFO that
	 * never ends needs no gigabyte. Never larger than the stated one. */
	const char *env = getenv("BIENBAN_TEST_IMPORT_LIMIT");
	char *end;
	unsigned long long v = env ? strtoull(env, &end, 10) : 0;
	if (env && *env >= '0' && *env <= '9' && !*end && v > 0 && v < CLI_IMPORT_MAX)
		return (size_t)v;
	return CLI_IMPORT_MAX;
}

char *cli_read_file(const char *path, size_t max, size_t *len, char **cause)
{
	int is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		set_cause(cause, _("cannot open %s: %s"), path, strerror(errno));
		return NULL;
	}
	struct stat sb;
	const char *refused = NULL;
	if (fstat(fd, &sb) == 0) {
		/* /dev/zero, /dev/urandom, a terminal: never a file to read. */
		if ((S_ISCHR(sb.st_mode) && !isatty(fd)) || S_ISBLK(sb.st_mode))
			refused = _("%s is a device, not a file");
	} else {
		sb.st_mode = 0;
	}
	if (refused) {
		set_cause(cause, refused, is_stdin ? _("standard input") : path);
		if (!is_stdin)
			close(fd);
		return NULL;
	}
	/* At most max bytes, whatever it is: a FIFO or a pipe may never end. */
	struct strbuf sb_data = {0};
	char buf[65536];
	int err = 0, too_big = S_ISREG(sb.st_mode) && (unsigned long long)sb.st_size > max;
	while (!too_big) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			break;
		}
		if (n == 0)
			break;
		if (sb_data.len + (size_t)n > max)
			too_big = 1;
		else
			strbuf_add(&sb_data, buf, (size_t)n);
	}
	if (!is_stdin)
		close(fd);
	if (too_big || err) {
		if (too_big) {
			char size[32];
			if (max % ((size_t)1 << 30) == 0)
				snprintf(size, sizeof size, "%zu GiB", max >> 30);
			else if (max % ((size_t)1 << 20) == 0)
				snprintf(size, sizeof size, "%zu MiB", max >> 20);
			else
				snprintf(size, sizeof size, "%zu bytes", max);
			set_cause(cause,
				  _("%s is larger than %s, the most bienban imports "
				    "(nothing was imported)"),
				  is_stdin ? _("standard input") : path, size);
		} else
			set_cause(cause, _("cannot read %s: %s"), path, strerror(err));
		strbuf_free(&sb_data);
		return NULL;
	}
	*len = sb_data.len;
	if (!sb_data.buf)
		return xstrdup("");
	return strbuf_detach(&sb_data);
}

int cli_write_output(const char *path, const char *data, size_t len, int force)
{
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return cli_error(_("cannot write to standard output: %s"), strerror(errno)),
			       -1;
		return 0;
	}
	char *cause = NULL;
	if (atomic_write_file(path, data, len, 0666, force, &cause) < 0) {
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
			cli_error(_("warning: %s: %s"), prefix, line);
		else
			cli_error(_("warning: %s"), line);
	}
	strbuf_free(warnings);
}

json_t *cli_json_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

int cli_words_width(const char *(*word)(int), int n, const char *also, int min)
{
	int w = min;
	for (int i = 0; i < n; i++)
		if ((int)text_width(word(i)) > w)
			w = (int)text_width(word(i));
	if (also && (int)text_width(also) > w)
		w = (int)text_width(also);
	return w;
}

const char *cli_day(const char *iso, char *out)
{
	if (!iso) {
		strcpy(out, "-");
		return out;
	}
	int y, m, d, n = 0;
	if (strlen(iso) >= 10 && sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10) {
		/* TRANSLATORS: how a table of 'bienban list' and 'bienban
		 * directives' writes a day: %Y the year, %m the month, %d the
		 * day (two digits each but the year); 10 columns. */
		const char *f = C_(NC_("table day", "%Y-%m-%d"));
		size_t o = 0;
		for (; *f && o < 12; f++) {
			if (f[0] == '%' && (f[1] == 'Y' || f[1] == 'm' || f[1] == 'd')) {
				int v = f[1] == 'Y' ? y : f[1] == 'm' ? m : d;
				o += (size_t)snprintf(out + o, 16 - o, f[1] == 'Y' ? "%04d" : "%02d", v);
				f++;
			} else {
				out[o++] = *f;
			}
		}
		out[o < 15 ? o : 15] = '\0';
		return out;
	}
	snprintf(out, 16, "%.10s", iso);
	return out;
}

const char *cli_when(const char *iso, char *out)
{
	if (!iso)
		return NULL;
	char day[16];
	cli_day(iso, day);
	if (strlen(iso) >= 16 && iso[10] == 'T')
		snprintf(out, 32, "%s %.5s", day, iso + 11);
	else
		snprintf(out, 32, "%s", day);
	return out;
}

void cli_put_cell(const char *s, size_t cols)
{
	char *vis = text_visible(s ? s : "", 0);
	size_t len = strlen(vis), w = 0, n = text_fit(vis, len, cols, &w);
	if (n < len && cols > 0) {
		n = text_fit(vis, len, cols - 1, &w);
		fwrite(vis, 1, n, stdout);
		fputs("…", stdout);
		w++;
	} else {
		fwrite(vis, 1, n, stdout);
	}
	for (; w < cols; w++)
		putchar(' ');
	free(vis);
}

void cli_put_padded(const char *s, int width)
{
	int right = width < 0;
	size_t w = (size_t)(right ? -width : width), have = text_width(s);
	if (right)
		for (size_t i = have; i < w; i++)
			putchar(' ');
	cli_put_visible(stdout, s);
	if (!right)
		for (size_t i = have; i < w; i++)
			putchar(' ');
}
