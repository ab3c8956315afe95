/* cli.h - the command line: shared context and one entry point per
 * subcommand. Each returns the exit status: 0 success, 1 failure, 2 usage. */
#ifndef BB_CLI_H
#define BB_CLI_H

#include <stdio.h>

#include "store.h"

#define EXIT_USAGE 2

struct cli {
	const char *db_path; /* --db, or NULL for the default */
	int readonly;	     /* --read-only */
	const char *argv0;
};

/* Open the store named by the context. flags: STORE_CREATE etc.; the
 * context's --read-only is added. Prints "bienban: ..." and returns -1 on
 * failure. */
int cli_open(const struct cli *c, int flags, struct store **out);
/* Print "bienban: <message>" to stderr; returns 1. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "bienban: <message>" and "Try 'bienban --help'"; returns 2. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parse a meeting id argument; -1 with a message if malformed. */
int cli_parse_id(const char *arg, long long *id);
/* Parse a --cluster argument (a cluster number 1..9999) into *out; -1 with
 * a usage message printed if malformed. */
int cli_parse_cluster(const char *arg, int *out);
/* Parse a --period argument: a quarter "I/2023" (*quarter 1..4, *year) or
 * a whole year "2023" (*quarter 0); -1 with a usage message printed if
 * malformed. */
int cli_parse_period(const char *arg, int *quarter, int *year);
/* Read a whole file ("-" is stdin) into an allocated buffer. */
char *cli_read_file(const char *path, size_t *len, char **cause);
/* Write data to path atomically (refusing to overwrite unless force), or
 * to stdout when path is NULL. Returns 0 or prints the error and -1. */
int cli_write_output(const char *path, const char *data, size_t len, int force);
/* Print text with control characters made visible. */
void cli_put_visible(FILE *f, const char *s);

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
/* Review (cli_review.c): search, directives, approve, reopen, log. */
int cmd_search(struct cli *c, int argc, char **argv);
int cmd_directives(struct cli *c, int argc, char **argv);
int cmd_approve(struct cli *c, int argc, char **argv);
int cmd_reopen(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
int cmd_live(struct cli *c, int argc, char **argv); /* cli_live.c */

#endif
