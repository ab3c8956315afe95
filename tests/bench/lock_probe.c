/* lock_probe.c - how long a command holds a store's write lock.
 *
 *   lock_probe STORE COMMAND [ARG...]
 *
 * Runs COMMAND and, until it exits, tries BEGIN IMMEDIATE on STORE every
 * 10 ms without waiting (busy timeout 0), as a live secretary's write
 * would. Prints the command's wall time, the total time the lock was
 * refused and the longest run of refusals (the longest a writer waited),
 * then exits with the command's status. A benchmark tool, not a test. */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: lock_probe STORE COMMAND [ARG...]\n");
		return 2;
	}
	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "lock_probe: %s: %s\n", argv[1], sqlite3_errmsg(db));
		return 2;
	}
	sqlite3_busy_timeout(db, 0);
	double start = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	double held = 0, longest = 0, run = 0, last = now_ms();
	int status = 0;
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		double t = now_ms();
		int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			run = 0;
		} else {
			held += t - last;
			run += t - last;
			if (run > longest)
				longest = run;
		}
		last = t;
		if (w == pid)
			break;
		struct timespec ten = {0, 10 * 1000 * 1000};
		nanosleep(&ten, NULL);
	}
	fprintf(stderr, "lock_probe: command %.0f ms; lock refused %.0f ms in all, longest wait %.0f ms\n",
		now_ms() - start, held, longest);
	sqlite3_close(db);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
