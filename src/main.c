/* main.c - parse the global options and dispatch to a command. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "tui.h"
#include "util.h"

struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
};

static const struct command commands[] = {
    {"init", cmd_init},	      {"demo", cmd_demo},     {"list", cmd_list},
    {"show", cmd_show},	      {"import", cmd_import}, {"export", cmd_export},
    {"check", cmd_check},     {"search", cmd_search}, {"directives", cmd_directives},
    {"approve", cmd_approve}, {"reopen", cmd_reopen}, {"log", cmd_log},
    {"live", cmd_live},
};

static const char usage_text[] =
    "Usage: bienban [--db FILE] [--read-only]            open the terminal interface\n"
    "       bienban live MEETING [--db FILE]             live note taking\n"
    "       bienban init [--db FILE]                     create an empty store\n"
    "       bienban demo [--db FILE]                     create a store with the demo conference\n"
    "       bienban list [--cluster N] [--period Q/YYYY] [--json]\n"
    "       bienban show MEETING\n"
    "       bienban export MEETING [--format txt|md|html|docx|odt|json]\n"
    "                      [--document minutes|conclusions] [-o FILE [--force]] [--width N]\n"
    "       bienban export --conference ID ...           all meetings of a conference\n"
    "       bienban import FILE                          interchange JSON (bienban/1)\n"
    "       bienban search QUERY [--json] [--cluster N] [--period Q/YYYY] [--speaker S]"
    " [--kind K]\n"
    "       bienban directives [--open] [--unit U] [--json]\n"
    "       bienban approve MEETING\n"
    "       bienban reopen MEETING --reason TEXT\n"
    "       bienban log MEETING [--json] [-o FILE [--force]]  the change log of a meeting\n"
    "       bienban check [--db FILE] [--rebuild-index]  integrity and consistency check\n"
    "       bienban --help | --version\n"
    "\n"
    "The store is --db FILE, else $BIENBAN_DB, else\n"
    "$XDG_DATA_HOME/bienban/bienban.db (~/.local/share/bienban/bienban.db).\n";

/* Take the global options out of argv wherever they stand; the rest keeps
 * its order. Returns the new argc, or -1 on a usage error. */
static int take_globals(struct cli *c, int argc, char **argv)
{
	int out = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--db") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("--db needs a file name"), -1;
			c->db_path = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			c->db_path = a + 5;
		} else if (strcmp(a, "--read-only") == 0) {
			c->readonly = 1;
		} else {
			argv[out++] = argv[i];
		}
	}
	argv[out] = NULL;
	return out;
}

int main(int argc, char **argv)
{
	struct cli c = {.argv0 = argv[0]};
	i18n_init();
	argc = take_globals(&c, argc, argv);
	if (argc < 0)
		return EXIT_USAGE;
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("bienban %s\n", BB_VERSION);
		return 0;
	}
	if (argc < 2)
		return tui_run(&(struct tui_start){.db_path = c.db_path, .readonly = c.readonly});
	for (size_t i = 0; i < BB_ARRAY_LEN(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			/* A listing lost to a full disk must not look like success;
			 * a terminal gone with a hangup is the live screen's
			 * business (it saved and left cleanly). */
			int tty = isatty(STDOUT_FILENO);
			int rc = commands[i].run(&c, argc - 1, argv + 1);
			errno = 0;
			if (!tty && (fflush(stdout) != 0 || ferror(stdout)) && rc == 0)
				rc = cli_error("cannot write to standard output%s%s",
					       errno ? ": " : "", errno ? strerror(errno) : "");
			return rc;
		}
	if (argv[1][0] == '-')
		return cli_usage_error("unknown option '%s'", argv[1]);
	return cli_usage_error("unknown command '%s'", argv[1]);
}
