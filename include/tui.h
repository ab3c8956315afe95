/* tui.h - the terminal interface, as src/main.c starts it. Every other TUI
 * header is private to src/tui/; the TUI knows nothing of the command
 * line (src/cli/). */
#ifndef BB_TUI_H
#define BB_TUI_H

#include <stdint.h>

struct tui_start {
	const char *db_path; /* the store, or NULL for store_default_path() */
	int readonly;	     /* --read-only: open for review only */
	int64_t meeting;     /* > 0: open this meeting over the home screen */
	int live;	     /* with meeting: straight into live note taking */
};

/* Run the terminal interface: open the store (created if missing, unless
 * read-only), the home screen, and the meeting asked for. Errors before the
 * screen starts (no terminal, no such meeting, a store that cannot be
 * opened) are printed as "bienban: ..." on stderr. Returns the exit
 * status. */
int tui_run(const struct tui_start *st);

#endif
