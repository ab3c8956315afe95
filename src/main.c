/* main.c - only dispatches: the global options, the command table's
 * lookup (src/cli/cli.h), the help it prints, and the terminal interface
 * (include/tui.h) when there is no command. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "tui.h"
#include "util.h"

/* Take the global options (cli_globals) out of argv wherever they stand;
 * the rest keeps its order. Returns the new argc, or -1 on a usage
 * error. */
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
		const struct cli_option *o = cli_option_match(cli_globals, a);
		if (!o || a[1] != '-') {
			argv[out++] = argv[i];
			continue;
		}
		const char *value = o->arg ? strchr(a, '=') : NULL;
		if (value)
			value++;
		else if (o->arg && i + 1 >= argc)
			return cli_usage_error(_("--%s needs a file name"), o->name), -1;
		else if (o->arg)
			value = argv[++i];
		if (o->key == CLI_GLOBAL_DB)
			c->db_path = value;
		else if (o->key == CLI_GLOBAL_READONLY)
			c->readonly = 1;
	}
	argv[out] = NULL;
	return out;
}

/* Run a command of the table. A listing lost to a full disk must not
 * look like success; a terminal gone with a hangup is the live screen's
 * business (it saved and left cleanly). */
static int run(struct cli *c, const struct cli_command *cmd, int argc, char **argv)
{
	if (cli_wants_help(cmd, argc, argv)) {
		cli_help(stdout, cmd);
		return 0;
	}
	c->cmd = cmd;
	cli_usage_command(cmd->name);
	int tty = isatty(STDOUT_FILENO);
	int rc = cmd->run(c, argc, argv);
	errno = 0;
	if (!tty && (fflush(stdout) != 0 || ferror(stdout)) && rc == 0)
		rc = cli_error(_("cannot write to standard output%s%s"), errno ? ": " : "",
			       errno ? strerror(errno) : "");
	return rc;
}

int main(int argc, char **argv)
{
	start_mark("main");
	struct cli c = {.argv0 = argv[0]};
	i18n_init();
	start_mark("locale");
	argc = take_globals(&c, argc, argv);
	if (argc < 0)
		return EXIT_USAGE;
	if (argc < 2)
		return tui_run(&(struct tui_start){.db_path = c.db_path, .readonly = c.readonly});
	const char *a = argv[1];
	if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "--help-markdown") == 0) {
		cli_help_all(stdout, strcmp(a, "--help-markdown") == 0);
		return 0;
	}
	if (strcmp(a, "--version") == 0) {
		printf("bienban %s\n", BB_VERSION);
		return 0;
	}
	const struct cli_command *cmd = cli_find(a);
	if (cmd)
		return run(&c, cmd, argc - 1, argv + 1);
	if (a[0] == '-')
		return cli_usage_error(_("unknown option '%s'"), a);
	return cli_usage_error(_("unknown command '%s'"), a);
}
