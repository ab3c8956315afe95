/* vt.h - test harness: run a program in a pseudo-terminal and read its
 * screen back through libvterm, the way a user's terminal would show it. */
#ifndef BB_VT_H
#define BB_VT_H

#include <stddef.h>
#include <sys/types.h>

struct vt;

/* Start argv[0] (searched in PATH) in a new pty of rows x cols. env is a
 * NULL-terminated list of "NAME=value" added to (or replacing in) the
 * current environment, may be NULL; TERM defaults to xterm-256color.
 * Returns NULL (with a message on stderr) if the pty cannot be made. */
struct vt *vt_spawn(int rows, int cols, char *const argv[], char *const env[]);
/* Kill (SIGKILL) the program if still running, reap it, free everything. */
void vt_free(struct vt *vt);

/* Send bytes to the program as if typed. 0, or -1 if the pty is gone. */
int vt_send(struct vt *vt, const char *bytes, size_t len);
int vt_type(struct vt *vt, const char *text); /* a NUL-terminated string */
/* Send a named key: Enter Esc Tab BTab Up Down Left Right Home End PgUp
 * PgDn Backspace Del Ins F1..F12, S-F2 S-F3 S-F5, C-a..C-z. -1 if unknown. */
int vt_key(struct vt *vt, const char *name);

/* Read what the program wrote for up to timeout_ms (stops early once
 * something arrived and nothing more came for 20 ms). Returns the bytes
 * read, 0 on timeout, -1 once the program closed the pty. */
int vt_pump(struct vt *vt, int timeout_ms);
/* Pump until the screen shows text (UTF-8, NFC as displayed). 0 if it
 * appeared within timeout_ms, -1 if not. */
int vt_wait_text(struct vt *vt, const char *text, int timeout_ms);
/* Pump until the screen no longer shows text. */
int vt_wait_gone(struct vt *vt, const char *text, int timeout_ms);
/* Pump until the program has been silent for quiet_ms (at most
 * timeout_ms in all). 0 if it went quiet, -1 if it kept writing. */
int vt_wait_quiet(struct vt *vt, int quiet_ms, int timeout_ms);

/* The screen as text: rows joined by '\n', trailing blanks trimmed, each
 * cell's characters (base + combining) in UTF-8. Allocated. */
char *vt_screen(struct vt *vt);
/* One row of it (0-based). Allocated. */
char *vt_row(struct vt *vt, int row);
/* 1 if the screen currently shows text. */
int vt_contains(struct vt *vt, const char *text);
/* Cursor position. */
void vt_cursor(struct vt *vt, int *row, int *col);

/* Resize the pty and the virtual screen (the program gets SIGWINCH). */
void vt_resize(struct vt *vt, int rows, int cols);
/* Close our side of the pty, as a dropped SSH link does (SIGHUP). */
void vt_hangup(struct vt *vt);
/* Send a signal to the program. */
int vt_kill(struct vt *vt, int sig);
pid_t vt_pid(const struct vt *vt);
/* Wait up to timeout_ms for the program to exit; 0 and *status (as from
 * waitpid) if it did, -1 if still running. Keeps reading its output. */
int vt_wait_exit(struct vt *vt, int timeout_ms, int *status);

/* Total bytes the program has written to the terminal so far. */
size_t vt_bytes(const struct vt *vt);

#endif
