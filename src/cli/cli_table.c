/* cli_table.c - the command table, and what comes from it: the lookup,
 * the help (global, per command, and the README's command list) and
 * getopt_long's option arrays. To add a command: write its function and
 * its row (struct cli_command) in the file of its family, declare the row
 * in cli.h, list it in commands[] below, and paste `bienban
 * --help-markdown` into the README (tests/cli/cli_basic.sh compares). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

static const struct cli_command *const commands[] = {
    &cli_cmd_live,   &cli_cmd_init,   &cli_cmd_demo,   &cli_cmd_list,	    &cli_cmd_show,
    &cli_cmd_export, &cli_cmd_import, &cli_cmd_search, &cli_cmd_directives, &cli_cmd_approve,
    &cli_cmd_reopen, &cli_cmd_log,    &cli_cmd_check,
};

const struct cli_option cli_globals[] = {
    {"db", CLI_GLOBAL_DB, 0, "FILE", N_("the store (below)")},
    {"read-only", CLI_GLOBAL_READONLY, 0, NULL, N_("open the store for review only")},
    {NULL, 0, 0, NULL, NULL},
};

const struct cli_command *cli_find(const char *name)
{
	for (size_t i = 0; i < BB_ARRAY_LEN(commands); i++)
		if (str_eq(commands[i]->name, name))
			return commands[i];
	return NULL;
}

/* ==== usage lines ==== */

/* Lines end before column HELP_WIDTH; a form's "what" and an option's
 * help start at WHAT_COL and OPTION_COL after the line's indent. Widths
 * count terminal columns (the help is translatable). */
#define HELP_WIDTH 79
#define WHAT_COL 45
#define OPTION_COL 24

/* Append text at column col (the line holds col columns already; col <
 * at), word-wrapped so that each line ends before HELP_WIDTH, the next
 * lines starting at column at, then a newline. */
static void add_wrapped(struct strbuf *sb, size_t col, size_t at, const char *text)
{
	size_t *starts, *lens, n = text_wrap(text, HELP_WIDTH - at, &starts, &lens);
	strbuf_addf(sb, "%*s", (int)(at - col), "");
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addf(sb, "\n%*s", (int)at, "");
		strbuf_add(sb, text + starts[i], lens[i]);
	}
	strbuf_addc(sb, '\n');
	free(starts);
	free(lens);
}

/* A placeholder of a synopsis ("MEETING", "FILE") in the reader's words;
 * anything else (options, values) as it is. n: its length in word. */
static void add_placeholder(struct strbuf *sb, const char *word, size_t n, int english)
{
	static const char *const names[] = {
	    NC_("placeholder", "MEETING"), NC_("placeholder", "FILE"),
	    NC_("placeholder", "QUERY"),   NC_("placeholder", "TEXT"),
	    NC_("placeholder", "ID"),	   NC_("placeholder", "FORMAT"),
	    NC_("placeholder", "KIND"),	   NC_("placeholder", "Q/YYYY")};
	for (size_t i = 0; !english && i < BB_ARRAY_LEN(names); i++) {
		const char *en = strchr(names[i], '\004') + 1;
		if (strlen(en) == n && strncmp(en, word, n) == 0) {
			strbuf_adds(sb, C_(names[i]));
			return;
		}
	}
	strbuf_add(sb, word, n);
}

/* A synopsis' words with their placeholders translated (unless english). */
static void add_args(struct strbuf *sb, const char *p, size_t n, int english)
{
	const char *end = p + n;
	while (p < end) {
		size_t k = 0;
		while (p + k < end && ((p[k] >= 'A' && p[k] <= 'Z') || p[k] == '/'))
			k++;
		if (k) {
			add_placeholder(sb, p, k, english);
			p += k;
		} else {
			strbuf_addc(sb, *p++);
		}
	}
}

/* Append "bienban NAME ARGS" after first (a prefix such as "Usage: "),
 * cut at spaces outside brackets so that no line is wider than
 * HELP_WIDTH; the cut lines start under ARGS. Returns the width of the
 * last line. */
static size_t add_synopsis(struct strbuf *sb, const char *first, const char *name, const char *args,
			   int english)
{
	size_t indent = text_width(first);
	size_t lead = indent + strlen("bienban") + (name ? 1 + strlen(name) : 0);
	strbuf_addf(sb, "%sbienban%s%s", first, name ? " " : "", name ? name : "");
	size_t col = lead;
	for (const char *p = args; *p;) {
		/* the next word: up to a space outside brackets */
		int depth = 0;
		size_t n = 0;
		while (p[n] && (depth || p[n] != ' ')) {
			depth += p[n] == '[' ? 1 : p[n] == ']' ? -1 : 0;
			n++;
		}
		if (col + 1 + n > HELP_WIDTH && col > lead) {
			strbuf_addf(sb, "\n%*s", (int)lead, "");
			col = lead;
		}
		strbuf_addc(sb, ' ');
		size_t at = sb->len;
		add_args(sb, p, n, english);
		col += 1 + text_width_n(sb->buf + at, sb->len - at);
		p += n;
		while (*p == ' ')
			p++;
	}
	return col;
}

/* One form: its synopsis, and what it does at WHAT_COL (on the next line
 * when the synopsis reaches that far); in English when english is set. */
static void add_form(struct strbuf *sb, const char *first, const char *name,
		     const struct cli_form *form, int english)
{
	size_t col = add_synopsis(sb, first, name, form->args, english);
	size_t at = text_width(first) + WHAT_COL;
	if (!form->what) {
		strbuf_addc(sb, '\n');
		return;
	}
	if (col + 2 > at) {
		strbuf_addc(sb, '\n');
		col = 0;
	}
	add_wrapped(sb, col, at, english ? form->what : _(form->what));
}

/* Every form of every command, flush left: the README's list (which is
 * in English). */
static void add_commands(struct strbuf *sb, int english)
{
	struct strbuf globals = {0};
	for (const struct cli_option *o = cli_globals; o->name; o++)
		strbuf_addf(&globals, "%s[--%s%s%s]", o == cli_globals ? "" : " ", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
	add_form(sb, "", NULL, &(struct cli_form){globals.buf, N_("open the terminal interface")},
		 english);
	strbuf_free(&globals);
	for (size_t i = 0; i < BB_ARRAY_LEN(commands); i++)
		for (size_t k = 0; k < CLI_MAX_FORMS && commands[i]->forms[k].args; k++)
			add_form(sb, "", commands[i]->name, &commands[i]->forms[k], english);
	add_form(sb, "", NULL, &(struct cli_form){"--help | --version", NULL}, english);
}

/* "  -o, --output FILE   help" for each option. */
static void add_options(struct strbuf *sb, const struct cli_option *options)
{
	for (const struct cli_option *o = options; o && o->name; o++) {
		size_t at = sb->len;
		if (o->short_too)
			strbuf_addf(sb, "  -%c, --%s", o->key, o->name);
		else
			strbuf_addf(sb, "  --%s", o->name);
		if (o->arg) {
			strbuf_addc(sb, ' ');
			add_args(sb, o->arg, strlen(o->arg), 0);
		}
		size_t w = text_width_n(sb->buf + at, sb->len - at);
		if (w + 2 > OPTION_COL) {
			strbuf_addc(sb, '\n');
			w = 0;
		}
		add_wrapped(sb, w, OPTION_COL, _(o->help));
	}
}

void cli_help_all(FILE *f, int markdown)
{
	struct strbuf sb = {0};
	if (markdown) {
		strbuf_adds(&sb, "```\n");
		add_commands(&sb, 1);
		strbuf_adds(&sb, "```\n");
	} else {
		strbuf_addf(&sb, "%s\n\n",
			    _("Usage: bienban [COMMAND [ARGUMENTS]] [--db FILE] [--read-only]"));
		add_commands(&sb, 0);
		strbuf_addf(&sb, "\n%s\n", _("Global options go before or after the command:"));
		add_options(&sb, cli_globals);
		strbuf_addf(
		    &sb, "%s\n%s\n",
		    _("The store is --db FILE, else $BIENBAN_DB, else\n"
		      "$XDG_DATA_HOME/bienban/bienban.db (~/.local/share/bienban/bienban.db)."),
		    _("'bienban COMMAND --help' shows the options of a command."));
	}
	fputs(sb.buf, f);
	strbuf_free(&sb);
}

void cli_help(FILE *f, const struct cli_command *cmd)
{
	struct strbuf sb = {0};
	/* TRANSLATORS: before the first usage line of a command; the next
	 * lines are indented as wide. */
	const char *usage = _("Usage: ");
	char pad[32];
	snprintf(pad, sizeof pad, "%*s", (int)text_width(usage), "");
	for (size_t k = 0; k < CLI_MAX_FORMS && cmd->forms[k].args; k++) {
		add_synopsis(&sb, k ? pad : usage, cmd->name, cmd->forms[k].args, 0);
		strbuf_addc(&sb, '\n');
	}
	strbuf_addc(&sb, '\n');
	for (size_t k = 0; k < CLI_MAX_FORMS && cmd->forms[k].args; k++)
		if (cmd->forms[k].what)
			add_wrapped(&sb, 0, 0, _(cmd->forms[k].what));
	if (cmd->options && cmd->options->name) {
		strbuf_addf(&sb, "\n%s\n", _("Options:"));
		add_options(&sb, cmd->options);
	}
	strbuf_addf(&sb, "\n%s\n",
		    _("Global options: --db FILE, --read-only (see 'bienban --help')."));
	fputs(sb.buf, f);
	strbuf_free(&sb);
}

/* ==== options ==== */

const struct cli_option *cli_option_match(const struct cli_option *options, const char *a)
{
	for (const struct cli_option *o = options; o && o->name; o++) {
		size_t n = strlen(o->name);
		if (a[0] == '-' && a[1] == '-' && strncmp(a + 2, o->name, n) == 0 &&
		    (a[2 + n] == '\0' || (a[2 + n] == '=' && o->arg)))
			return o;
		if (o->short_too && a[0] == '-' && a[1] == o->key && a[2] == '\0')
			return o;
	}
	return NULL;
}

int cli_wants_help(const struct cli_command *cmd, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			return 0;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return 1;
		const struct cli_option *o = cli_option_match(cmd->options, a);
		if (o && o->arg && !strchr(a, '='))
			i++; /* its value, whatever it says */
	}
	return 0;
}

int cli_getopt(struct cli *c, int argc, char **argv)
{
	if (!c->getopt_ready) {
		c->getopt_ready = 1;
		size_t n = 0, s = 0;
		c->shortopts[s++] = ':'; /* a missing value is ':', not '?' */
		for (const struct cli_option *o = c->cmd->options; o && o->name; o++, n++) {
			if (n == CLI_MAX_OPTIONS) { /* a row too long: the table's bug */
				fprintf(stderr, "bienban: %s: more than %d options\n", c->cmd->name,
					CLI_MAX_OPTIONS);
				abort();
			}
			c->longopts[n] = (struct option){
			    o->name, o->arg ? required_argument : no_argument, NULL, o->key};
			if (o->short_too) {
				c->shortopts[s++] = (char)o->key;
				if (o->arg)
					c->shortopts[s++] = ':';
			}
		}
		c->shortopts[s] = '\0';
		optind = 0;
		opterr = 0;
	}
	return getopt_long(argc, argv, c->shortopts, c->longopts, NULL);
}

const char *cli_bad_option(struct cli *c, char **argv)
{
	if (optopt > 0 && optopt < 0x80 && optopt != '?') {
		/* A short one (a long one's optopt is its key, which for the
		 * ones with short_too is a letter too: then the argument is
		 * the long option when it starts with "--"). */
		const char *a = optind > 0 ? argv[optind - 1] : NULL;
		if (!a || strncmp(a, "--", 2) != 0) {
			snprintf(c->bad_short, sizeof c->bad_short, "-%c", optopt);
			return c->bad_short;
		}
	}
	return optind > 0 ? argv[optind - 1] : "";
}

int cli_option_error(struct cli *c, char **argv, int ch)
{
	const char *opt = cli_bad_option(c, argv);
	if (ch == ':')
		/* TRANSLATORS: %1$s the command (list), %2$s the option. */
		return cli_usage_error(_("%1$s: option '%2$s' needs a value"), c->cmd->name, opt);
	/* TRANSLATORS: %1$s the command (list), %2$s the option. */
	return cli_usage_error(_("%1$s: unknown option '%2$s'"), c->cmd->name, opt);
}
