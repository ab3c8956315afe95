/* cli_live.c - `bienban live MEETING`: straight into live note taking. */
#include <stdlib.h>
#include <sys/stat.h>

#include "cli.h"
#include "i18n.h"
#include "tui.h"

static int cmd_live(struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(_("live takes one meeting id"));
	long long id;
	if (cli_parse_id(argv[1], &id) < 0)
		return EXIT_USAGE;
	/* The interface creates a missing store; live note taking needs a
	 * meeting, so a missing store is an error here. */
	char *path = c->db_path ? NULL : store_default_path();
	struct stat sb;
	int missing = stat(c->db_path ? c->db_path : path, &sb) < 0;
	if (missing)
		cli_error(_("%s: no such store (create it with 'bienban init')"),
			  c->db_path ? c->db_path : path);
	free(path);
	if (missing)
		return 1;
	return tui_run(&(struct tui_start){
	    .db_path = c->db_path, .readonly = c->readonly, .meeting = id, .live = 1});
}

const struct cli_command cli_cmd_live = {
    .name = "live",
    .forms = {{"MEETING", N_("live note taking")}},
    .run = cmd_live,
};
