/* bb-vt.c - run a program in a virtual terminal under a script of keys
 * and checks; the screen tests are such scripts (tests/screens/).
 *
 * usage: bb-vt [-s ROWSxCOLS] SCRIPT -- PROGRAM [ARGS...]
 *
 * Script lines (blank lines and "#" comments are ignored):
 *   wait TEXT          the screen shows TEXT within the timeout (5 s)
 *   gone TEXT          the screen stops showing TEXT
 *   type TEXT          type TEXT (escapes: \r \n \t \e \\ \xNN)
 *   key NAME [N]       press a named key (vt.h) N times
 *   quiet [MS]         wait until the program is silent for MS (100)
 *   sleep MS           pause
 *   resize ROWS COLS   resize the terminal
 *   expect FILE        the screen equals FILE (relative to the script);
 *                      BB_UPDATE_GOLDEN=1 writes FILE instead
 *   contains TEXT      the screen shows TEXT now
 *   lacks TEXT         the screen does not show TEXT now
 *   cursor ROW COL     the cursor is there
 *   sh COMMAND         run COMMAND with /bin/sh; it must exit 0
 *   signal NAME        send SIGTERM, SIGHUP, SIGKILL, SIGINT to the program
 *   hangup             close the terminal (the program gets SIGHUP)
 *   exit [CODE]        the program exits (with CODE) within the timeout
 * Environment: BB_VT_TIMEOUT (ms, default 5000). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "vt.h"

static int timeout_ms = 5000;

static char *unescape(const char *s)
{
	char *out = malloc(strlen(s) + 1), *p = out;
	if (!out)
		abort();
	while (*s) {
		if (*s != '\\' || !s[1]) {
			*p++ = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'r':
			*p++ = '\r';
			break;
		case 'n':
			*p++ = '\n';
			break;
		case 't':
			*p++ = '\t';
			break;
		case 'e':
			*p++ = '\033';
			break;
		case 'x': {
			char hex[3] = {s[1], s[1] ? s[2] : 0, 0};
			*p++ = (char)strtol(hex, NULL, 16);
			s += 2;
			break;
		}
		default:
			*p++ = *s;
		}
		s++;
	}
	*p = '\0';
	return out;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0;
	char *s = malloc(cap);
	size_t n;
	while ((n = fread(s + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2) {
			cap *= 2;
			s = realloc(s, cap);
		}
	}
	fclose(f);
	s[len] = '\0';
	return s;
}

static int signal_named(const char *name)
{
	if (!strcmp(name, "SIGTERM"))
		return SIGTERM;
	if (!strcmp(name, "SIGHUP"))
		return SIGHUP;
	if (!strcmp(name, "SIGKILL"))
		return SIGKILL;
	if (!strcmp(name, "SIGINT"))
		return SIGINT;
	return -1;
}

static void show(struct vt *vt, const char *why)
{
	char *scr = vt_screen(vt);
	fprintf(stderr, "%s\n---- screen ----\n%s---- end ----\n", why, scr);
	free(scr);
}

int main(int argc, char **argv)
{
	int rows = 24, cols = 80, argi = 1;
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		if (sscanf(argv[2], "%dx%d", &rows, &cols) != 2)
			return fprintf(stderr, "bb-vt: bad size %s\n", argv[2]), 2;
		argi = 3;
	}
	if (argc < argi + 3 || strcmp(argv[argi + 1], "--") != 0)
		return fprintf(stderr, "usage: bb-vt [-s ROWSxCOLS] SCRIPT -- PROGRAM [ARGS...]\n"),
		       2;
	const char *script = argv[argi];
	if (getenv("BB_VT_TIMEOUT"))
		timeout_ms = atoi(getenv("BB_VT_TIMEOUT"));
	char *dir = strdup(script), *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	FILE *f = fopen(script, "r");
	if (!f)
		return perror(script), 2;
	struct vt *vt = vt_spawn(rows, cols, argv + argi + 2, NULL);
	if (!vt)
		return 2;
	char line[4096];
	int lineno = 0, failed = 0;
	while (!failed && fgets(line, sizeof line, f)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		char *cmd = line;
		while (*cmd == ' ' || *cmd == '\t')
			cmd++;
		if (!*cmd || *cmd == '#')
			continue;
		char *arg = strchr(cmd, ' ');
		if (arg)
			*arg++ = '\0';
		else
			arg = "";
		char where[64];
		snprintf(where, sizeof where, "%s:%d: %s", script, lineno, cmd);
		if (!strcmp(cmd, "wait") || !strcmp(cmd, "gone")) {
			char *t = unescape(arg);
			int r = !strcmp(cmd, "wait") ? vt_wait_text(vt, t, timeout_ms)
						     : vt_wait_gone(vt, t, timeout_ms);
			if (r < 0) {
				fprintf(stderr, "%s \"%s\": timed out\n", where, t);
				show(vt, "");
				failed = 1;
			}
			free(t);
		} else if (!strcmp(cmd, "type")) {
			char *t = unescape(arg);
			vt_type(vt, t);
			free(t);
			vt_pump(vt, 30);
		} else if (!strcmp(cmd, "key")) {
			char name[32];
			int n = 1;
			if (sscanf(arg, "%31s %d", name, &n) < 1 || n < 1)
				n = 1;
			for (int i = 0; i < n && !failed; i++) {
				if (vt_key(vt, name) < 0) {
					fprintf(stderr, "%s: unknown key %s\n", where, name);
					failed = 1;
				}
				vt_pump(vt, 30);
			}
		} else if (!strcmp(cmd, "quiet")) {
			vt_wait_quiet(vt, *arg ? atoi(arg) : 100, timeout_ms);
		} else if (!strcmp(cmd, "sleep")) {
			vt_pump(vt, atoi(arg));
		} else if (!strcmp(cmd, "resize")) {
			int r, c;
			if (sscanf(arg, "%d %d", &r, &c) == 2)
				vt_resize(vt, r, c);
			vt_wait_quiet(vt, 150, timeout_ms);
		} else if (!strcmp(cmd, "expect")) {
			vt_wait_quiet(vt, 150, timeout_ms);
			char *path = arg[0] == '/' ? strdup(arg) : NULL;
			if (!path) {
				path = malloc(strlen(dir) + strlen(arg) + 2);
				sprintf(path, "%s/%s", dir, arg);
			}
			char *scr = vt_screen(vt);
			if (getenv("BB_UPDATE_GOLDEN")) {
				FILE *g = fopen(path, "w");
				if (g) {
					fputs(scr, g);
					fclose(g);
				}
			} else {
				char *want = slurp(path);
				if (!want || strcmp(want, scr) != 0) {
					fprintf(stderr,
						"%s %s: screen differs\n---- expected ----\n%s",
						where, path, want ? want : "(missing file)\n");
					show(vt, "");
					failed = 1;
				}
				free(want);
			}
			free(scr);
			free(path);
		} else if (!strcmp(cmd, "contains") || !strcmp(cmd, "lacks")) {
			char *t = unescape(arg);
			vt_pump(vt, 50);
			int has = vt_contains(vt, t);
			if (has != !strcmp(cmd, "contains")) {
				fprintf(stderr, "%s \"%s\"\n", where, t);
				show(vt, "");
				failed = 1;
			}
			free(t);
		} else if (!strcmp(cmd, "cursor")) {
			int r, c, rr, cc;
			vt_wait_quiet(vt, 100, timeout_ms);
			vt_cursor(vt, &rr, &cc);
			if (sscanf(arg, "%d %d", &r, &c) != 2 || r != rr || c != cc) {
				fprintf(stderr, "%s: cursor at %d %d, want %s\n", where, rr, cc,
					arg);
				failed = 1;
			}
		} else if (!strcmp(cmd, "sh")) {
			vt_pump(vt, 20);
			int st = system(arg);
			if (st != 0) {
				fprintf(stderr, "%s \"%s\": exit status %d\n", where, arg, st);
				show(vt, "");
				failed = 1;
			}
		} else if (!strcmp(cmd, "signal")) {
			int sig = signal_named(arg);
			if (sig < 0 || vt_kill(vt, sig) < 0) {
				fprintf(stderr, "%s %s: cannot send\n", where, arg);
				failed = 1;
			}
		} else if (!strcmp(cmd, "hangup")) {
			vt_hangup(vt);
		} else if (!strcmp(cmd, "exit")) {
			int st;
			if (vt_wait_exit(vt, timeout_ms, &st) < 0) {
				fprintf(stderr, "%s: the program did not exit\n", where);
				show(vt, "");
				failed = 1;
			} else if (*arg && (!WIFEXITED(st) || WEXITSTATUS(st) != atoi(arg))) {
				fprintf(stderr, "%s: exit status %d, want %s\n", where,
					WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), arg);
				failed = 1;
			}
		} else {
			fprintf(stderr, "%s: unknown command\n", where);
			failed = 1;
		}
	}
	fclose(f);
	vt_free(vt);
	free(dir);
	if (failed)
		return 1;
	printf("%s: ok\n", script);
	return 0;
}
