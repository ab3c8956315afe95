/* tui.h - the terminal interface, as the command line starts it. Every
 * other TUI header is private to src/tui/. */
#ifndef BB_TUI_H
#define BB_TUI_H

#include <stdint.h>

#include "cli.h"

/* Run the terminal interface on the store named by c: the home screen,
 * or meeting start_meeting (> 0), in live note taking when start_live.
 * Returns the exit status. */
int ui_run(struct cli *c, int64_t start_meeting, int start_live);

#endif
