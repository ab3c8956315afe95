/* bench_typing.c - how bienban's live note line compares with nano and vim
 * when a secretary types: bytes sent to the terminal per typed character,
 * time per key, and start-up time to the first usable screen. Runs each
 * program in the same pty + libvterm harness as the tests (tests/vt).
 *
 * Usage: bench_typing [--startup-only] BIENBAN_BIN [ROUNDS]
 * --startup-only times only the start-ups (ROUNDS each, default 50), the
 * programs taken in turn so that load from elsewhere falls on all alike;
 * it adds bienban's home screen, on the demo store and, when
 * $BIENBAN_BENCH_DB names an existing store, on that one (read-only).
 * (meson: `meson compile -C build bench_typing && build/tests/bench/bench_typing
 * build/bienban`, or `meson test -C build --benchmark`). Not a test: it
 * prints figures and exits 0; it never fails on slowness. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vt.h"

/* 200 characters of Vietnamese (NFC code points), a typical note. */
static const char sentence[] =
    "Đồng chí Hà Duy Trung, Bí thư Tỉnh đoàn, chỉ đạo: các huyện đoàn cần đẩy mạnh "
    "phong trào thanh niên tình nguyện, hỗ trợ kinh phí cho đoàn viên khó khăn và "
    "báo cáo kết quả trước ngày 30 tháng 6 năm này";

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Value at quantile q (0..1) of n sorted values. */
static double quantile(double *v, size_t n, double q)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, cmp_double);
	size_t i = (size_t)(q * (double)(n - 1) + 0.5);
	return v[i];
}

struct program {
	const char *name;
	char **argv;
	const char *ready;  /* text on the first usable screen */
	const char *full;   /* --startup-only: text only its data brings, or NULL */
	const char *before; /* keys to send before typing (vim: "i"), may be NULL */
	char **env;
	char **typing_env;     /* env for the typing run (bienban: BIENBAN_KEY_TIMES) */
	const char *key_times; /* where that run writes its per-key times */
	int prime; /* --startup-only: run once and quit with q before the rounds
		    * (bienban: leaves the home screen's snapshot) */
};

struct result {
	double startup_ms;
	double bytes_median, bytes_p99, bytes_total;
	double first_median, first_p99;		/* key write -> first byte back */
	double last_median, last_p99, last_max; /* key write -> last byte of the answer */
	double cpu_per_key;			/* ms of CPU the program used per key */
	double in_median, in_p99, in_max;	/* internal: key read -> screen updated */
	double in_first[5];			/* the first keys' of them */
	unsigned long max_writes, keys_writing; /* store writes inside a key's handling */
	size_t n_in;
	size_t chars;
};

/* Start the program and time until its ready text shows and it falls
 * quiet. Returns the vt or NULL. */
/* Poll in 1 ms steps until text shows (vt_wait_text waits for 20 ms of
 * quiet, which would hide the difference). 0, or -1 after 5 s. */
static int poll_text(struct vt *vt, const char *text, double t0)
{
	while (!vt_contains(vt, text) && now_ms() - t0 < 5000)
		if (vt_pump(vt, 1) < 0)
			break;
	return vt_contains(vt, text) ? 0 : -1;
}

/* Start the program and time until its ready text shows (and, with
 * full_ms, until its full text) and it falls quiet. t0_out: the
 * monotonic ms the fork was timed from. Returns the vt or NULL. */
static struct vt *start_full(const struct program *p, char **env, double *ms, double *full_ms,
			     double *t0_out)
{
	double t0 = now_ms();
	if (t0_out)
		*t0_out = t0;
	struct vt *vt = vt_spawn(24, 80, p->argv, env);
	if (!vt)
		return NULL;
	const char *missing = NULL;
	if (poll_text(vt, p->ready, t0) < 0)
		missing = p->ready;
	else
		*ms = now_ms() - t0;
	if (!missing && full_ms) {
		*full_ms = *ms;
		if (p->full && poll_text(vt, p->full, t0) < 0)
			missing = p->full;
		else if (p->full)
			*full_ms = now_ms() - t0;
	}
	if (missing) {
		char *s = vt_screen(vt);
		fprintf(stderr, "%s: never showed \"%s\":\n%s\n", p->name, missing, s);
		free(s);
		vt_free(vt);
		return NULL;
	}
	vt_wait_quiet(vt, 100, 2000);
	return vt;
}

static struct vt *start(const struct program *p, char **env, double *ms)
{
	return start_full(p, env, ms, NULL, NULL);
}

/* Send one character and time the answer: first and last byte, stopping
 * after 30 ms of silence. Returns the bytes the program wrote. */
static size_t type_one(struct vt *vt, const char *ch, size_t len, double *first, double *last)
{
	size_t before = vt_bytes(vt);
	double t0 = now_ms();
	vt_send(vt, ch, len);
	*first = *last = -1;
	size_t seen = before;
	for (;;) {
		if (vt_pump(vt, 0) < 0)
			break;
		size_t got = vt_bytes(vt);
		if (got > seen) {
			if (*first < 0)
				*first = now_ms() - t0;
			*last = now_ms() - t0;
			seen = got;
		}
		double since = now_ms() - t0 - (*last < 0 ? 0 : *last);
		if ((*last >= 0 && since > 30) || now_ms() - t0 > 1000)
			break;
		usleep(100);
	}
	return vt_bytes(vt) - before;
}

/* CPU time the process has used, in ms (/proc/PID/schedstat, in ns). */
static double cpu_ms(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
	FILE *f = fopen(path, "r");
	unsigned long long ns = 0;
	if (f) {
		if (fscanf(f, "%llu", &ns) != 1)
			ns = 0;
		fclose(f);
	}
	return (double)ns / 1e6;
}

static int run(const struct program *p, int rounds, struct result *r)
{
	memset(r, 0, sizeof *r);
	double *starts = calloc((size_t)rounds, sizeof *starts);
	for (int i = 0; i < rounds; i++) {
		struct vt *vt = start(p, p->env, &starts[i]);
		if (!vt)
			return -1;
		vt_free(vt);
	}
	r->startup_ms = quantile(starts, (size_t)rounds, 0.5);
	free(starts);

	double ignored;
	struct vt *vt = start(p, p->typing_env ? p->typing_env : p->env, &ignored);
	if (!vt)
		return -1;
	if (p->before) {
		vt_type(vt, p->before);
		vt_wait_quiet(vt, 100, 2000);
	}
	size_t cap = sizeof sentence;
	double *bytes = calloc(cap, sizeof *bytes), *first = calloc(cap, sizeof *first),
	       *last = calloc(cap, sizeof *last);
	size_t n = 0;
	double cpu0 = cpu_ms(vt_pid(vt));
	for (const char *c = sentence; *c;) {
		size_t len = 1;
		while ((c[len] & 0xc0) == 0x80)
			len++;
		double f, l;
		size_t b = type_one(vt, c, len, &f, &l);
		bytes[n] = (double)b;
		first[n] = f;
		last[n] = l;
		r->bytes_total += (double)b;
		n++;
		c += len;
	}
	r->chars = n;
	r->cpu_per_key = (cpu_ms(vt_pid(vt)) - cpu0) / (double)n;
	char *screen = vt_screen(vt);
	if (!strstr(screen, "30 tháng 6 năm này"))
		fprintf(stderr, "%s: the typed text is not on the screen:\n%s\n", p->name, screen);
	free(screen);
	if (p->key_times) {
		/* Leave cleanly so the times file is complete: Esc, and Enter
		 * says yes to leaving with the line kept as the draft. */
		vt_key(vt, "Esc");
		vt_wait_quiet(vt, 50, 1000);
		vt_type(vt, "\r");
		vt_wait_exit(vt, 2000, NULL);
		FILE *f = fopen(p->key_times, "r");
		double *in = calloc(cap, sizeof *in);
		unsigned long *wr = calloc(cap, sizeof *wr);
		long long us;
		unsigned long w, pr;
		char line[128];
		/* "US WRITES PREPARES" a key (src/tui/ui_loop.c, key_time). */
		while (f && r->n_in < cap && fgets(line, sizeof line, f) &&
		       sscanf(line, "%lld %lu %lu", &us, &w, &pr) == 3) {
			wr[r->n_in] = w;
			in[r->n_in++] = (double)us / 1000;
		}
		if (f)
			fclose(f);
		/* The typed characters' lines; then come the Esc's (the Enter
		 * that leaves writes none). */
		if (r->n_in > n)
			r->n_in = n;
		for (size_t i = 0; i < r->n_in; i++) {
			if (wr[i] > r->max_writes)
				r->max_writes = wr[i];
			r->keys_writing += wr[i] > 0;
		}
		free(wr);
		for (size_t i = 0; i < 5; i++)
			r->in_first[i] = i < r->n_in ? in[i] : -1;
		r->in_median = quantile(in, r->n_in, 0.5);
		r->in_p99 = quantile(in, r->n_in, 0.99);
		r->in_max = quantile(in, r->n_in, 1.0);
		free(in);
	}
	vt_free(vt);
	r->bytes_median = quantile(bytes, n, 0.5);
	r->bytes_p99 = quantile(bytes, n, 0.99);
	r->first_median = quantile(first, n, 0.5);
	r->first_p99 = quantile(first, n, 0.99);
	r->last_median = quantile(last, n, 0.5);
	r->last_p99 = quantile(last, n, 0.99);
	r->last_max = quantile(last, n, 1.0);
	free(bytes);
	free(first);
	free(last);
	return 0;
}

static int have(const char *prog)
{
	char *cmd = NULL;
	if (asprintf(&cmd, "command -v %s >/dev/null 2>&1", prog) < 0)
		return 0;
	int ok = system(cmd) == 0;
	free(cmd);
	return ok;
}

/* The milestones bienban wrote ($BIENBAN_START_TIMES, src/base/util.c),
 * as ms from t0, into ms[] by name; the number read. */
static const char *const mark_names[] = {"main", "locale", "curses", "frame", "store", "screen"};
enum { N_MARKS = sizeof mark_names / sizeof mark_names[0] };

static int read_marks(const char *file, double t0, double *ms)
{
	FILE *f = fopen(file, "r");
	int n = 0;
	char name[32];
	long long us;
	for (int i = 0; i < N_MARKS; i++)
		ms[i] = -1;
	while (f && fscanf(f, "%31s %lld", name, &us) == 2)
		for (int i = 0; i < N_MARKS; i++)
			if (strcmp(name, mark_names[i]) == 0) {
				ms[i] = (double)us / 1e3 - t0;
				n++;
			}
	if (f)
		fclose(f);
	unlink(file);
	return n;
}

/* --startup-only: ROUNDS start-ups of each program, in turn: to the
 * ready text (bienban: its frame, title and key line) and to the full
 * text (bienban: the first screen with its data), medians and p95, and
 * each against nano's; then bienban's own milestones. */
static void startup_only(const struct program *progs, size_t n, int rounds, const char *marks)
{
	size_t R = (size_t)rounds;
	double *t = calloc(n * R, sizeof *t), *tf = calloc(n * R, sizeof *tf);
	double *mk = calloc(n * R * N_MARKS, sizeof *mk);
	int *ok = calloc(n, sizeof *ok), *skip = calloc(n, sizeof *skip);
	int *n_mk = calloc(n, sizeof *n_mk);
	for (size_t i = 0; i < n; i++) {
		skip[i] = !have(progs[i].argv[0]);
		if (skip[i] || !progs[i].prime)
			continue;
		double ms, full;
		struct vt *vt = start_full(&progs[i], progs[i].env, &ms, &full, NULL);
		int status = -1;
		if (vt) {
			vt_type(vt, "q");
			vt_wait_exit(vt, 5000, &status);
			vt_free(vt);
		}
		if (status != 0) {
			fprintf(stderr, "%s: did not quit cleanly once\n", progs[i].name);
			skip[i] = 1;
		}
	}
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < n; i++) {
			if (skip[i])
				continue;
			double ms, full, t0;
			unlink(marks);
			struct vt *vt = start_full(&progs[i], progs[i].env, &ms, &full, &t0);
			if (!vt) {
				skip[i] = 1;
				continue;
			}
			vt_free(vt);
			t[i * R + (size_t)ok[i]] = ms;
			tf[i * R + (size_t)ok[i]] = full;
			ok[i]++;
			double m[N_MARKS];
			if (read_marks(marks, t0, m) == N_MARKS) {
				for (int k = 0; k < N_MARKS; k++)
					mk[(i * N_MARKS + (size_t)k) * R + (size_t)n_mk[i]] = m[k];
				n_mk[i]++;
			}
		}
	}
	size_t nano = n;
	for (size_t i = 0; i < n; i++)
		if (strcmp(progs[i].name, "nano") == 0 && ok[i])
			nano = i;
	double nano50 = 0, nano95 = 0;
	if (nano < n) {
		nano50 = quantile(t + nano * R, (size_t)ok[nano], 0.5);
		nano95 = quantile(t + nano * R, (size_t)ok[nano], 0.95);
	}
	printf("start-up, %d rounds, the programs in turn, ms from fork: to the first usable\n"
	       "screen (bienban: its frame: title, key line, empty list), and to the screen\n"
	       "with its data (bienban: the list or the live screen drawn)\n\n",
	       rounds);
	printf("%-25s %7s %7s %7s %7s %9s %9s %11s %11s\n", "program", "min", "median", "p95",
	       "p99", "data p50", "data p95", "/nano p50", "/nano p95");
	for (size_t i = 0; i < n; i++) {
		double *v = t + i * R, *f = tf + i * R;
		size_t k = (size_t)ok[i];
		if (!k) {
			printf("%-25s (%s)\n", progs[i].name, skip[i] ? "not run" : "failed");
			continue;
		}
		double p50 = quantile(v, k, 0.5), p95 = quantile(v, k, 0.95);
		double d50 = quantile(f, k, 0.5), d95 = quantile(f, k, 0.95);
		printf("%-25s %7.2f %7.2f %7.2f %7.2f %9.2f %9.2f", progs[i].name,
		       quantile(v, k, 0), p50, p95, quantile(v, k, 0.99), d50, d95);
		if (nano50 > 0)
			printf(" %5.2f/%-5.2f %5.2f/%-5.2f", p50 / nano50, d50 / nano50,
			       p95 / nano95, d95 / nano95);
		printf("\n");
	}
	if (nano50 > 0)
		printf("(/nano: frame/data against nano's median and p95)\n");
	printf("\nbienban's milestones ($BIENBAN_START_TIMES), median ms from fork:\n");
	printf("%-25s", "program");
	for (int m = 0; m < N_MARKS; m++)
		printf(" %7s", mark_names[m]);
	printf("\n");
	for (size_t i = 0; i < n; i++) {
		if (!n_mk[i])
			continue;
		printf("%-25s", progs[i].name);
		for (int m = 0; m < N_MARKS; m++)
			printf(" %7.2f",
			       quantile(mk + (i * N_MARKS + (size_t)m) * R, (size_t)n_mk[i], 0.5));
		printf("\n");
	}
	printf("main: exec and the dynamic loader done; locale: setlocale and gettext bound;\n"
	       "curses: terminfo read, terminal set up; frame: drawn; store: SQLite opened,\n"
	       "schema parsed, migrations checked; screen: the first screen's data read and\n"
	       "drawn (the whole start-up).\n");
	free(t);
	free(tf);
	free(mk);
	free(ok);
	free(skip);
	free(n_mk);
}

static void run_typing(struct program *progs, size_t n_progs, int rounds, const char *txt);

int main(int argc, char **argv)
{
	int only_startup = argc > 1 && strcmp(argv[1], "--startup-only") == 0;
	if (only_startup) {
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: bench_typing [--startup-only] BIENBAN_BIN [ROUNDS]\n");
		return 2;
	}
	int rounds = argc > 2 ? atoi(argv[2]) : only_startup ? 50 : 10;
	if (rounds < 1)
		rounds = 1;
	char dir[] = "/tmp/bb-bench-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char db[128], txt[128], cmd[512];
	snprintf(db, sizeof db, "%s/bench.db", dir);
	snprintf(txt, sizeof txt, "%s/note.txt", dir);
	snprintf(cmd, sizeof cmd, "'%s' demo --db '%s' >/dev/null", argv[1], db);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot make the demo store\n");
		return 1;
	}
	static char *env[] = {"LC_ALL=C.UTF-8", "TERM=xterm-256color", NULL};
	char *bb_argv[] = {argv[1], "live", "1", "--db", db, NULL};
	char times[160], times_env[200];
	snprintf(times, sizeof times, "%s/keys.txt", dir);
	snprintf(times_env, sizeof times_env, "BIENBAN_KEY_TIMES=%s", times);
	char *bb_env[] = {"LC_ALL=C.UTF-8", "TERM=xterm-256color", times_env, NULL};
	char *nano_argv[] = {"nano", "--ignorercfiles", txt, NULL};
	char *vim_argv[] = {"vim", "-u", "NONE", "-N", "-n", "-i", "NONE", txt, NULL};
	struct program progs[] = {
	    {"bienban live", bb_argv, "F2", NULL, NULL, env, bb_env, times, 0},
	    {"nano", nano_argv, "^X", NULL, NULL, env, NULL, NULL, 0},
	    {"vim -u NONE", vim_argv, "~", NULL, "i", env, NULL, NULL, 0},
	};
	if (only_startup) {
		char *home_argv[] = {argv[1], "--db", db, NULL};
		const char *big = getenv("BIENBAN_BENCH_DB");
		char *big_argv[] = {argv[1], "--db", (char *)big, "--read-only", NULL};
		char marks[160], marks_env[200];
		snprintf(marks, sizeof marks, "%s/marks.txt", dir);
		snprintf(marks_env, sizeof marks_env, "BIENBAN_START_TIMES=%s", marks);
		char *mk_env[] = {"LC_ALL=C.UTF-8", "TERM=xterm-256color", marks_env, NULL};
		/* The same with a cache folder: the home screen's snapshot
		 * (src/tui/home_snapshot.h), left by a first run that quits. The
		 * others have no HOME and no XDG_CACHE_HOME: no snapshot. */
		char cache_env[200], cache_big[200];
		snprintf(cache_env, sizeof cache_env, "XDG_CACHE_HOME=%s/cache", dir);
		snprintf(cache_big, sizeof cache_big, "XDG_CACHE_HOME=%s/cache-big", dir);
		char *sn_env[] = {"LC_ALL=C.UTF-8", "TERM=xterm-256color", marks_env, cache_env,
				  NULL};
		char *sb_env[] = {"LC_ALL=C.UTF-8", "TERM=xterm-256color", marks_env, cache_big,
				  NULL};
		int have_big = big && access(big, R_OK) == 0;
		/* nano showing as much text as the home screen on that store:
		 * the same meetings as `bienban list` prints them, 21 rows. */
		char rows[128];
		snprintf(rows, sizeof rows, "%s/rows.txt", dir);
		char *nano_rows_argv[] = {"nano", "--ignorercfiles", rows, NULL};
		if (have_big) {
			snprintf(cmd, sizeof cmd,
				 "'%s' list --db '%s' --read-only | sed -n '2,22p' >'%s'", argv[1],
				 big, rows);
			have_big = system(cmd) == 0;
		}
		struct program sp[] = {
		    {"bienban live", bb_argv, "F2", "Live:", NULL, mk_env, NULL, NULL, 0},
		    {"bienban (home)", home_argv, "q quit", "All meetings:", NULL, mk_env, NULL,
		     NULL, 0},
		    {"bienban (home, snapshot)", home_argv, "q quit", "All meetings:", NULL, sn_env,
		     NULL, NULL, 1},
		    {"bienban (home, big)", big_argv, "q quit", "All meetings:", NULL, mk_env, NULL,
		     NULL, 0},
		    {"bienban (big, snapshot)", big_argv, "q quit", "All meetings:", NULL, sb_env,
		     NULL, NULL, 1},
		    progs[1],
		    {"nano, the list's 21 rows", nano_rows_argv, "^X", NULL, NULL, env, NULL, NULL,
		     0},
		    progs[2],
		};
		size_t n = sizeof sp / sizeof sp[0];
		if (!have_big) {
			memmove(&sp[3], &sp[5], sizeof sp[0]);
			memmove(&sp[4], &sp[7], sizeof sp[0]);
			n -= 3;
		}
		startup_only(sp, n, rounds, marks);
	} else {
		run_typing(progs, sizeof progs / sizeof progs[0], rounds, txt);
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return 0;
}

/* The typing runs: one table row per program. */
static void run_typing(struct program *progs, size_t n_progs, int rounds, const char *txt)
{
	printf("typing a %zu-byte Vietnamese sentence, one character per write, 80x24, "
	       "start-up median of %d\n\n",
	       strlen(sentence), rounds);
	printf("%-14s %8s %8s %8s %9s %9s %9s %9s %9s %9s\n", "program", "B/ch med", "B/ch p99",
	       "B/ch avg", "cpu ms/k", "1st ms", "done ms", "done p99", "done max", "start ms");
	struct result bb = {0};
	for (size_t i = 0; i < n_progs; i++) {
		if (!have(progs[i].argv[0])) {
			printf("%-14s (not installed)\n", progs[i].name);
			continue;
		}
		unlink(txt);
		struct result r;
		if (run(&progs[i], rounds, &r) < 0) {
			printf("%-14s (failed)\n", progs[i].name);
			continue;
		}
		printf("%-14s %8.0f %8.0f %8.1f %9.3f %9.2f %9.2f %9.2f %9.2f %9.1f\n",
		       progs[i].name, r.bytes_median, r.bytes_p99, r.bytes_total / (double)r.chars,
		       r.cpu_per_key, r.first_median, r.last_median, r.last_p99, r.last_max,
		       r.startup_ms);
		if (i == 0)
			bb = r;
	}
	if (bb.n_in)
		printf("\nbienban, measured inside (BIENBAN_KEY_TIMES): from reading a key to the "
		       "end\n"
		       "of its screen update, %zu keys: median %.3f ms, p99 %.3f ms, max %.3f ms\n",
		       bb.n_in, bb.in_median, bb.in_p99, bb.in_max);
	if (bb.n_in)
		printf(
		    "the first five keys: %.3f %.3f %.3f %.3f %.3f ms; keys whose handling wrote\n"
		    "to the store: %lu (at most %lu writes in one)\n",
		    bb.in_first[0], bb.in_first[1], bb.in_first[2], bb.in_first[3], bb.in_first[4],
		    bb.keys_writing, bb.max_writes);
	printf("\nB/ch: bytes the program wrote to the terminal per typed character.\n"
	       "cpu ms/k: CPU time the program used per key (/proc/PID/schedstat).\n"
	       "1st/done ms: from writing the key to the first/last byte of the answer\n"
	       "(includes pty and scheduling; the answer ends after 30 ms of silence).\n"
	       "start ms: from fork to the first usable screen (median).\n");
}
