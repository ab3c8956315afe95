/* store_holder.c - who holds the store's write lock (store.h,
 * store_lock_holder): read from the system's table of file locks and the
 * holder's command line, so that the live screen can say "waiting for an
 * import" rather than "database is locked". No SQL here. Linux only
 * (/proc); elsewhere the holder is unknown and the screen says "another
 * writer". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "db.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

/* SQLite's unix VFS locks byte 120 of the -shm file for the WAL write
 * lock (UNIX_SHM_BASE + WAL_WRITE_LOCK), and, in rollback-journal mode,
 * the RESERVED byte (PENDING_BYTE + 1) of the database file itself. */
#define SHM_WRITE_BYTE 120LL
#define RESERVED_BYTE 0x40000001LL

struct lock_target {
	unsigned maj, min;
	unsigned long ino;
	long long byte;
};

static int target_of(const char *path, long long byte, struct lock_target *t)
{
	struct stat sb;
	if (stat(path, &sb) < 0)
		return -1;
	t->maj = major(sb.st_dev);
	t->min = minor(sb.st_dev);
	t->ino = (unsigned long)sb.st_ino;
	t->byte = byte;
	return 0;
}

/* The pid holding a write lock over one of the targets, or 0. */
static int lock_pid(const struct lock_target *t, size_t n)
{
	FILE *f = fopen("/proc/locks", "re");
	if (!f)
		return 0;
	char line[256];
	int found = 0;
	while (!found && fgets(line, sizeof line, f)) {
		char *tok[12];
		size_t k = 0;
		for (char *save = NULL, *p = strtok_r(line, " \t\n", &save); p && k < 12;
		     p = strtok_r(NULL, " \t\n", &save))
			tok[k++] = p;
		/* "1: POSIX ADVISORY WRITE 4242 08:01:1234 120 120"; waiters
		 * ("1: -> POSIX ...") hold nothing. */
		if (k < 8 || strcmp(tok[1], "->") == 0 || strcmp(tok[3], "WRITE") != 0)
			continue;
		unsigned maj, min;
		unsigned long ino;
		if (sscanf(tok[5], "%x:%x:%lu", &maj, &min, &ino) != 3)
			continue;
		long long start = atoll(tok[6]);
		long long end = strcmp(tok[7], "EOF") == 0 ? -1 : atoll(tok[7]);
		int pid = atoi(tok[4]);
		for (size_t i = 0; i < n && !found; i++)
			if (t[i].maj == maj && t[i].min == min && t[i].ino == ino &&
			    start <= t[i].byte && (end < 0 || t[i].byte <= end) && pid > 0 &&
			    pid != (int)getpid())
				found = pid;
	}
	fclose(f);
	return found;
}

/* The holder's command line as NUL-separated words; *n bytes. */
static char *cmdline(int pid, size_t *n)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return NULL;
	char *buf = xmalloc(4097);
	*n = fread(buf, 1, 4096, f);
	fclose(f);
	buf[*n] = '\0';
	if (*n == 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* What a bienban command line is doing, in words. */
static char *bienban_words(const char *args, size_t n, int pid)
{
	static const struct {
		const char *command;
		const char *words;
	} commands[] = {
	    {"import", N_("an import")},
	    {"check", N_("a check")},
	    {"live", N_("another secretary")},
	    {"approve", N_("an approval")},
	    {"reopen", N_("a reopening")},
	    {"demo", N_("loading the demo")},
	    {"init", N_("creating the store")},
	};
	const char *what = N_("another secretary"); /* no command: the interface */
	int skip = 0;
	for (const char *a = args + strlen(args) + 1; a < args + n; a += strlen(a) + 1) {
		if (skip) {
			skip = 0;
			continue;
		}
		if (strcmp(a, "--db") == 0) {
			skip = 1;
			continue;
		}
		size_t i = 0;
		while (i < BB_ARRAY_LEN(commands) && strcmp(a, commands[i].command) != 0)
			i++;
		if (i < BB_ARRAY_LEN(commands)) {
			what = commands[i].words;
			break;
		}
	}
	return xasprintf(_("%s (process %d)"), _(what), pid);
}

char *store_lock_holder(struct store *s)
{
	if (!s || !s->path || strcmp(s->path, ":memory:") == 0)
		return NULL;
	struct lock_target t[2];
	size_t n = 0;
	char *shm = xasprintf("%s-shm", s->path);
	if (target_of(shm, SHM_WRITE_BYTE, &t[n]) == 0)
		n++;
	free(shm);
	if (target_of(s->path, RESERVED_BYTE, &t[n]) == 0)
		n++;
	int pid = lock_pid(t, n);
	if (!pid)
		return NULL;
	size_t len = 0;
	char *args = cmdline(pid, &len);
	if (!args)
		return xasprintf(_("another program (process %d)"), pid);
	const char *base = strrchr(args, '/') ? strrchr(args, '/') + 1 : args;
	char *r;
	if (strncmp(base, "bienban", 7) == 0) {
		r = bienban_words(args, len, pid);
	} else {
		char name[40];
		snprintf(name, sizeof name, "%s", base);
		char *vis = text_visible(name, 1);
		r = xasprintf(_("another program (%s, process %d)"), vis, pid);
		free(vis);
	}
	free(args);
	return r;
}
