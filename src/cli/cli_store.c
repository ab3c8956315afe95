/* cli_store.c - the store commands: init, demo and check. */
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "embedded.h"
#include "i18n.h"
#include "interchange.h"
#include "store_reindex.h"
#include "store_search.h"
#include "util.h"

static int cmd_init(struct cli *c, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage_error(_("init takes no arguments"));
	(void)argv;
	if (c->readonly)
		return cli_usage_error(_("init cannot be --read-only"));
	struct store *s;
	if (cli_open(c, STORE_CREATE, &s) < 0)
		return 1;
	printf(_("store ready: %s (schema %d)\n"), store_path(s), store_schema_latest());
	store_close(s);
	return 0;
}

static int cmd_demo(struct cli *c, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage_error(_("demo takes no arguments"));
	(void)argv;
	if (c->readonly)
		return cli_usage_error(_("demo cannot be --read-only"));
	const struct embedded_file *f = embedded_find("demo.json");
	struct interchange doc;
	struct strbuf warnings = {0};
	char *cause = NULL;
	if (interchange_parse(f->data, f->len, &doc, &warnings, &cause) < 0) {
		cli_error(_("demo data: %s"), cause);
		free(cause);
		strbuf_free(&warnings);
		return 1;
	}
	strbuf_free(&warnings);
	struct store *s;
	if (cli_open(c, STORE_CREATE, &s) < 0) {
		interchange_free(&doc);
		return 1;
	}
	int rc = 0;
	int64_t existing;
	if (doc.n_meetings &&
	    store_meeting_find(s, doc.meetings[0]->title, doc.meetings[0]->starts_at, &existing,
			       NULL) == 1) {
		printf(_("the demo conference is already in %s\n"), store_path(s));
	} else {
		int64_t *ids;
		size_t n;
		if (interchange_import(s, &doc, &ids, &n, &cause) < 0) {
			rc = cli_error(_("demo data: %s"), cause);
			free(cause);
		} else {
			printf(ngettext("demo conference loaded into %s: %zu meeting\n",
					"demo conference loaded into %s: %zu meetings\n", n),
			       store_path(s), n);
			free(ids);
		}
	}
	store_close(s);
	interchange_free(&doc);
	return rc;
}

/* ==== check ==== */

/* For the tests only (tests/cli/reindex.sh): with
 * BIENBAN_TEST_REINDEX_HOLD=FILE, the rebuild, its index built aside and
 * not yet swapped in, creates FILE and waits until it is removed. */
static void hold_while_file(void *arg)
{
	const char *path = arg;
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	close(fd);
	while (access(path, F_OK) == 0)
		usleep(20000);
}

static int cmd_check(struct cli *c, int argc, char **argv)
{
	int rebuild = 0, ch;
	while ((ch = cli_getopt(c, argc, argv)) != -1) {
		if (ch != 'r')
			return cli_usage_error(_("check takes no arguments but --rebuild-index"));
		rebuild = 1;
	}
	if (optind < argc)
		return cli_usage_error(_("check takes no arguments but --rebuild-index"));
	if (rebuild && c->readonly)
		return cli_usage_error(_("check --rebuild-index cannot be --read-only"));
	struct store *s;
	if (cli_open(c, 0, &s) < 0)
		return 1;
	char *report = NULL, *cause = NULL;
	/* The search index is derived data: when check finds it out of step
	 * (a store edited by hand, say), rebuilding it from the text repairs
	 * it (built aside, swapped in by one short transaction) before the check
	 * runs again. */
	if (rebuild) {
		const char *hold = getenv("BIENBAN_TEST_REINDEX_HOLD");
		if (hold && *hold)
			store_reindex_set_hold(hold_while_file, (void *)hold);
		if (store_search_rebuild(s, &cause) < 0) {
			int rc = cli_error(_("rebuilding the search index: %s"), cause);
			free(cause);
			store_close(s);
			return rc;
		}
		printf(_("%s: search index rebuilt\n"), store_path(s));
	}
	int n = store_check(s, &report, &cause);
	int rc = 0;
	if (n < 0) {
		rc = cli_error("%s", cause);
		free(cause);
	} else if (n > 0) {
		cli_put_visible(stdout, report);
		rc = cli_error(
		    ngettext("%d problem found in %s", "%d problems found in %s", (unsigned long)n),
		    n, store_path(s));
	} else {
		printf(_("%s: ok\n"), store_path(s));
	}
	free(report);
	store_close(s);
	return rc;
}

/* ==== the rows of the command table ==== */

const struct cli_command cli_cmd_init = {
    .name = "init",
    .forms = {{"", N_("create an empty store")}},
    .run = cmd_init,
};

const struct cli_command cli_cmd_demo = {
    .name = "demo",
    .forms = {{"", N_("a store with the demo conference")}},
    .run = cmd_demo,
};

static const struct cli_option check_options[] = {
    {"rebuild-index", 'r', 0, NULL,
     N_("rebuild the search index from the text first (it is derived data)")},
    {NULL, 0, 0, NULL, NULL},
};

const struct cli_command cli_cmd_check = {
    .name = "check",
    .forms = {{"[--rebuild-index]", N_("integrity and consistency check")}},
    .options = check_options,
    .run = cmd_check,
};
