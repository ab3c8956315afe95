/* The core layers (src/base, src/store, src/doc) never touch the terminal:
 * this directory is first on their include path, so a curses include in
 * them stops the build here. The terminal belongs to src/tui. */
#error "curses is for src/tui only; the core layers do not use the terminal"
