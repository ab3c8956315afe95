/* registry.h - how the framework reaches screens without naming one: the
 * screens it opens itself (home at start, a meeting or its live screen
 * from the command line, help), the screens a generic key opens from
 * anywhere, and every keymap. Filled in src/tui/ui_registry.c, the one
 * framework file that names screens; ui.c includes only this header. */
#ifndef BB_REGISTRY_H
#define BB_REGISTRY_H

#include <stdint.h>

#include "keys.h"

struct ui;

/* The screens the framework opens by itself. Each pushes its screen and
 * returns 0, or -1 after ui_error(). */
struct ui_screens {
	int (*home)(struct ui *ui);			/* the first screen; required */
	int (*meeting)(struct ui *ui, int64_t meeting); /* `bienban open ID`: first tab */
	/* `bienban live ID`: live note taking; NULL while not built (the
	 * start then says so). */
	int (*live)(struct ui *ui, int64_t meeting);
	/* The live screen's keys, for the frame `bienban live ID` draws
	 * before the store is read (its key line). */
	const struct keymap *live_keys;
};
extern const struct ui_screens ui_screens;

/* Screens that a key of the generic keymap opens from anywhere (help,
 * clusters, search, open directives...). open is NULL while not built:
 * the key then says so. Terminated by ACT_NONE. */
struct ui_global {
	enum action act;
	int (*open)(struct ui *ui);
};
extern const struct ui_global ui_globals[];

/* Every keymap, for the README key tables (`bienban keys`). NULL-ended. */
extern const struct keymap *const ui_keymaps[];

#endif
