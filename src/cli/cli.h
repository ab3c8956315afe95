/* cli.h - private to src/cli/ (and src/main.c, which dispatches): the
 * command table, and what the commands share. Each command is a row of
 * the table (cli_table.c) defined beside its function in the file of its
 * family (cli_store.c, cli_list.c, cli_io.c, cli_search.c, cli_review.c,
 * cli_live.c): its name, its usage, its options with their help, and the
 * function that runs it; `bienban --help`, `bienban COMMAND --help`, the
 * option parsing (cli_getopt) and the README's command list
 * (`bienban --help-markdown`) all come from it. A command returns the exit
 * status: 0 success, 1 failure, 2 usage. */
#ifndef BB_CLI_H
#define BB_CLI_H

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>

#include "store.h"
#include "util.h"

#define EXIT_USAGE 2

/* An option of a command. The help strings are N_() marked: the help
 * shows them through _(). */
struct cli_option {
	const char *name; /* "format" for --format */
	int key;	  /* what cli_getopt returns for it */
	int short_too;	  /* -KEY is accepted too (key is then a letter) */
	const char *arg;  /* "FILE" when it takes a value, else NULL */
	const char *help;
};

/* One way to call a command: what follows "bienban NAME", and what it
 * does. */
struct cli_form {
	const char *args; /* "MEETING [--json]", or "" */
	const char *what; /* one line, N_() marked; may be NULL */
};

#define CLI_MAX_FORMS 2
#define CLI_MAX_OPTIONS 12

struct cli;

struct cli_command {
	const char *name;
	struct cli_form forms[CLI_MAX_FORMS]; /* the first is the main one */
	const struct cli_option *options;     /* ends with {NULL}; may be NULL */
	/* argv[0] is the command's name; c->cmd is this row. */
	int (*run)(struct cli *c, int argc, char **argv);
};

/* The context of a run: the global options, and the command's options as
 * getopt_long wants them (built by the first cli_getopt). */
struct cli {
	const char *db_path; /* --db, or NULL for the default */
	int readonly;	     /* --read-only */
	const char *argv0;
	const struct cli_command *cmd;
	struct option longopts[CLI_MAX_OPTIONS + 1];
	char shortopts[2 * CLI_MAX_OPTIONS + 2];
	int getopt_ready;
	char bad_short[3]; /* "-x": the short option cli_bad_option names */
};

/* ==== the table (cli_table.c) ==== */

/* The options that go with every command (and with none), before or
 * after it: --db FILE, --read-only. Ends with {NULL}. */
extern const struct cli_option cli_globals[];
enum { CLI_GLOBAL_DB = 'D', CLI_GLOBAL_READONLY = 'R' };

/* The command called name, or NULL. */
const struct cli_command *cli_find(const char *name);
/* Print the usage of every command (bienban --help); with markdown, the
 * fenced block of the README's "Command line" (bienban --help-markdown). */
void cli_help_all(FILE *f, int markdown);
/* Print a command's usage and options (bienban COMMAND --help). */
void cli_help(FILE *f, const struct cli_command *cmd);
/* True if argv (a command's arguments, argv[0] its name) asks for its
 * help: "--help" or "-h" before any "--", and not the value of an option. */
int cli_wants_help(const struct cli_command *cmd, int argc, char **argv);
/* The option of options that argument a names exactly ("--name",
 * "--name=VALUE" for one that takes a value, "-K" for one with
 * short_too), or NULL. */
const struct cli_option *cli_option_match(const struct cli_option *options, const char *a);
/* getopt_long over the options of c->cmd: the key of the next option,
 * ':' for a missing value, '?' for an unknown option, -1 at the end
 * (optind then indexes the first operand). The first call resets getopt;
 * getopt prints nothing. */
int cli_getopt(struct cli *c, int argc, char **argv);
/* The option that the last cli_getopt refused ('?' or ':'), as typed:
 * "-x" of a group such as "-doan" (getopt is in its middle, so
 * argv[optind - 1] would name the argument before), else the argument,
 * "--frobnicate". */
const char *cli_bad_option(struct cli *c, char **argv);
/* The usage error for what cli_getopt refused (ch: ':' a missing value,
 * else an unknown option), naming the command and the option; the exit
 * status to return. */
int cli_option_error(struct cli *c, char **argv, int ch);

/* The commands, in the order --help lists them. */
extern const struct cli_command cli_cmd_live, cli_cmd_init, cli_cmd_demo, cli_cmd_list,
    cli_cmd_show, cli_cmd_export, cli_cmd_import, cli_cmd_search, cli_cmd_directives,
    cli_cmd_approve, cli_cmd_reopen, cli_cmd_log, cli_cmd_check;

/* ==== shared helpers (cli_util.c) ==== */

/* Open the store named by the context. flags: STORE_CREATE etc.; the
 * context's --read-only is added. Prints "bienban: ..." and returns -1 on
 * failure. */
int cli_open(const struct cli *c, int flags, struct store **out);
/* Print "bienban: <message>" to stderr; returns 1. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The command being run ("search"): usage errors then point at its own
 * help. */
void cli_usage_command(const char *name);
/* Print "bienban: <message>" and "Try 'bienban CMD --help'" (or 'bienban
 * --help' before a command is known); returns 2. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parse a meeting id argument; -1 with a message if malformed. */
int cli_parse_id(const char *arg, long long *id);
/* The same for a conference's id (export --conference). */
int cli_parse_conference_id(const char *arg, long long *id);
/* Parse a --cluster argument (a cluster number 1..9999) into *out; -1 with
 * a usage message printed if malformed. */
int cli_parse_cluster(const char *arg, int *out);
/* Parse a --period argument: a quarter "I/2023" (*quarter 1..4, *year) or
 * a whole year "2023" (*quarter 0); -1 with a usage message printed if
 * malformed. */
int cli_parse_period(const char *arg, int *quarter, int *year);
/* The most import reads: 1 GiB (README, "Limits"). */
#define CLI_IMPORT_MAX ((size_t)1 << 30)
/* CLI_IMPORT_MAX, or the smaller limit the tests set in
 * BIENBAN_TEST_IMPORT_LIMIT (bytes). */
size_t cli_import_limit(void);
/* Read a whole file ("-" is stdin) of at most max bytes into an allocated
 * buffer (NUL-terminated, *len bytes). A device is refused at once, a
 * larger regular file before reading, anything else (a FIFO, a pipe)
 * once max bytes have come: NULL with *cause. */
char *cli_read_file(const char *path, size_t max, size_t *len, char **cause);
/* Write data to path atomically (refusing to overwrite unless force), or
 * to stdout when path is NULL. Returns 0 or prints the error and -1. */
int cli_write_output(const char *path, const char *data, size_t len, int force);
/* The display width of the widest of the n words word(0..n-1) and of
 * also (may be NULL), but at least min: a column that fits a translated
 * value whatever the language. */
int cli_words_width(const char *(*word)(int), int n, const char *also, int min);
/* Print s (made visible) padded with spaces to width display columns
 * (width < 0: -width columns, aligned right); wider text is not cut. */
void cli_put_padded(const char *s, int width);
/* The day of an ISO time ("2023-06-15...") as the language writes dates in
 * tables: 2023-06-15 in English, 15/06/2023 in Vietnamese; anything else
 * as it is, cut to 10 bytes; "-" for NULL. out holds 16 bytes. */
const char *cli_day(const char *iso, char *out);
/* A stored time ("2023-04-12T08:00") as a reader writes it: cli_day's day
 * and the time ("12/04/2023 08:00" in Vietnamese); out holds 32 bytes.
 * NULL for NULL. */
const char *cli_when(const char *iso, char *out);
/* Print s made visible in exactly cols terminal columns: padded, or cut
 * with "…" at its end. */
void cli_put_cell(const char *s, size_t cols);
/* Print text with control characters made visible. */
void cli_put_visible(FILE *f, const char *s);
/* Print each line of warnings as "bienban: warning: PREFIX: line" (no
 * "PREFIX: " when prefix is NULL), and empty warnings. */
void cli_warnings(struct strbuf *warnings, const char *prefix);
/* A JSON string, or null for NULL. */
json_t *cli_json_str(const char *s);

#endif
