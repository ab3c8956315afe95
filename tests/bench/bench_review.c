/* bench_review.c - review on a big store (tests/bench/gen_store.c): time
 * to the home screen (store open + the first page the home screen reads,
 * and the real binary in a pty), opening a meeting, and search latency
 * p50/p95 for a rare word, a common word ("Đoàn"), a phrase and a prefix;
 * peak resident memory.
 *
 * Usage: bench_review STORE [BIENBAN_BIN] [ROUNDS]
 * Not a test: prints figures and exits 0 whatever they are. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "store.h"
#include "store_search.h"
#include "util.h"
#include "vt.h"

static double ms_now(void)
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

static double quantile(double *v, size_t n, double q)
{
	qsort(v, n, sizeof *v, cmp_double);
	size_t i = (size_t)(q * (double)(n - 1) + 0.5);
	return v[i < n ? i : n - 1];
}

static void report(const char *what, double *v, size_t n, const char *extra)
{
	double max = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	double p50 = quantile(v, n, 0.50), p95 = quantile(v, n, 0.95);
	printf("%-34s p50 %7.2f ms   p95 %7.2f ms   max %7.2f ms  %s\n", what, p50, p95, max,
	       extra ? extra : "");
}

static long rss_peak_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void die(const char *what, char *cause)
{
	fprintf(stderr, "bench_review: %s: %s\n", what, cause ? cause : "?");
	exit(1);
}

/* The floor of a query: FTS5 alone walking the index newest first for one
 * page of keys, no budget, no joins (bench-only direct SQL). */
static double floor_ms(struct store *s, const char *expr)
{
	sqlite3_stmt *st = NULL;
	double t0 = ms_now();
	if (sqlite3_prepare_v2(s->db,
			       "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid DESC"
			       " LIMIT 50",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	return ms_now() - t0;
}

#define GOAL_MS 20.0

/* Time one query class as bienban search and the search screen run it:
 * the first page (50 hits) within SEARCH_BUDGET_MS, then the count to
 * SEARCH_COUNT_CAP within its budget. Prints p95 of each against the goal
 * and against the floor (FTS5 alone, unbounded, one page). Returns 1 if
 * the page's p95 is within the goal. */
static int bench_search(struct store *s, const char *what, const char *const *queries, size_t nq,
			const struct search_query *filter, int rounds)
{
	double *t = xcalloc((size_t)rounds, sizeof *t);
	double *c = xcalloc((size_t)rounds, sizeof *c);
	double *f = xcalloc((size_t)rounds, sizeof *f);
	char *cause = NULL;
	size_t first_page = 0, stops = 0, uncounted = 0;
	for (int r = 0; r < rounds; r++) {
		struct search_query q = *filter;
		q.text = queries[(size_t)r % nq];
		struct search_hit *h;
		size_t n;
		int64_t stopped, total;
		int done;
		double t0 = ms_now();
		if (store_search_within(s, &q, 0, 50, SEARCH_BUDGET_MS, &h, &n, &stopped, &cause) <
		    0)
			die(q.text, cause);
		t[r] = ms_now() - t0;
		stops += stopped != 0;
		if (r == 0)
			first_page = n;
		for (size_t i = 0; i < n; i++)
			search_hit_free(&h[i]);
		free(h);
		t0 = ms_now();
		if (store_search_count_within(s, &q, SEARCH_COUNT_CAP, SEARCH_BUDGET_MS, &total,
					      &done, &cause) < 0)
			die("count", cause);
		c[r] = ms_now() - t0;
		uncounted += !done;
		char *expr = search_expr(q.text);
		struct strbuf full = {0};
		strbuf_addf(&full, "text : (%s)", expr);
		if (q.cluster)
			strbuf_addf(&full, " AND meta : \"c%d\"", q.cluster);
		if (q.year)
			strbuf_addf(&full, " AND meta : \"y%d\"", q.year);
		f[r] = r < 20 ? floor_ms(s, full.buf) : f[r % 20];
		strbuf_free(&full);
		free(expr);
	}
	double p95 = quantile(t, (size_t)rounds, 0.95);
	double c95 = quantile(c, (size_t)rounds, 0.95);
	double f95 = quantile(f, (size_t)(rounds < 20 ? rounds : 20), 0.95);
	printf("%-40s page p95 %6.2f ms (%4.2fx goal, floor %6.2f ms)  count p95 %5.2f ms"
	       "  [%zu hits%s%s] %s\n",
	       what, p95, p95 / GOAL_MS, f95, c95, first_page, stops ? ", budget stopped" : "",
	       uncounted ? ", count stopped" : "", p95 <= GOAL_MS ? "ok" : "MISSED");
	free(t);
	free(c);
	free(f);
	return p95 <= GOAL_MS;
}

/* bienban search as a process: p95 wall time and peak RSS of the child,
 * the queries of a class in turn with the option opt (NULL: none). Returns
 * 1 if within the goal and 8 MB. */
static int bench_cli_search(const char *bin, const char *store, const char *what,
			    const char *const *queries, size_t nq, const char *opt, const char *arg,
			    int rounds, double nano_ms)
{
	double *t = xcalloc((size_t)rounds, sizeof *t);
	double *cpu = xcalloc((size_t)rounds, sizeof *cpu);
	long rss = 0;
	for (int r = 0; r < rounds; r++) {
		char *argv[10];
		int k = 0;
		argv[k++] = (char *)bin;
		argv[k++] = "search";
		argv[k++] = "--db";
		argv[k++] = (char *)store;
		if (opt) {
			argv[k++] = (char *)opt;
			argv[k++] = (char *)arg;
		}
		argv[k++] = "--";
		argv[k++] = (char *)queries[(size_t)r % nq];
		argv[k] = NULL;
		double t0 = ms_now();
		pid_t pid = fork();
		if (pid == 0) {
			int fd = open("/dev/null", O_WRONLY);
			dup2(fd, 1);
			dup2(fd, 2);
			execv(bin, argv);
			_exit(127);
		}
		int status;
		struct rusage ru;
		wait4(pid, &status, 0, &ru);
		t[r] = ms_now() - t0;
		/* Its CPU time too: on a loaded machine the wall time also
		 * holds the waits for a core. */
		cpu[r] = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
			 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
		if (ru.ru_maxrss > rss)
			rss = ru.ru_maxrss;
	}
	double p95 = quantile(t, (size_t)rounds, 0.95);
	double p50 = quantile(t, (size_t)rounds, 0.50);
	double c95 = quantile(cpu, (size_t)rounds, 0.95);
	int ok = p95 <= GOAL_MS && rss <= 8 * 1024;
	printf(
	    "%-48s p50 %6.2f p95 %6.2f ms (%4.2fx goal; %4.2fx nano's start-up; CPU p95 %5.2f ms)"
	    " peak RSS %.1f MB %s\n",
	    what, p50, p95, p95 / GOAL_MS, nano_ms > 0 ? p95 / nano_ms : 0, c95,
	    (double)rss / 1024.0, ok ? "ok" : "MISSED");
	free(t);
	free(cpu);
	return ok;
}

/* Wait for text in 1 ms steps (vt_wait_text would add its 20 ms of
 * quiet to every start-up). 0, or -1 after timeout_ms. */
static int poll_text(struct vt *vt, const char *text, int timeout_ms)
{
	double t0 = ms_now();
	while (!vt_contains(vt, text) && ms_now() - t0 < timeout_ms)
		if (vt_pump(vt, 1) < 0)
			break;
	return vt_contains(vt, text) ? 0 : -1;
}

/* The peer: nano opening a small file in the same kind of pty, to its
 * key bar. ms, or -1 if it cannot be run. */
static double nano_once(const char *file)
{
	char *argv[] = {"nano", "--ignorercfiles", (char *)file, NULL};
	char *env[] = {"LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=xterm-256color", NULL};
	double t0 = ms_now();
	struct vt *vt = vt_spawn(24, 80, argv, env);
	if (!vt)
		return -1;
	double ms = poll_text(vt, "^X", 5000) < 0 ? -1 : ms_now() - t0;
	vt_free(vt);
	return ms;
}

/* The start-ups, nano and bienban in turn (so that the machine's load
 * falls on both alike): nano to its key bar; bienban on the store, in a
 * pty, to its frame (the title and the key line, drawn before the store
 * is read) and to the home screen showing the newest meeting. p95s in
 * *nano_p95, *frame_p95 and *home_p95 (0 for what did not run). */
static void bench_startups(const char *bin, const char *store, const char *ready, int rounds,
			   double *nano_p95, double *frame_p95, double *home_p95)
{
	double *t = xcalloc((size_t)rounds, sizeof *t);
	double *tf = xcalloc((size_t)rounds, sizeof *tf);
	double *tn = xcalloc((size_t)rounds, sizeof *tn);
	long hwm = 0;
	int ok = 0, n_nano = 0, nano = 1;
	char file[] = "/tmp/bench-nano-XXXXXX";
	int fd = mkstemp(file);
	if (fd >= 0) {
		(void)!write(fd, "Biên bản\n", 10);
		close(fd);
	}
	*nano_p95 = *frame_p95 = *home_p95 = 0;
	for (int r = 0; r < rounds; r++) {
		if (nano) {
			double ms = nano_once(file);
			if (ms < 0)
				nano = 0;
			else
				tn[n_nano++] = ms;
		}
		char *argv[] = {(char *)bin, "--db", (char *)store, "--read-only", NULL};
		char *env[] = {"LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=xterm-256color", NULL};
		double t0 = ms_now();
		struct vt *vt = vt_spawn(24, 80, argv, env);
		if (!vt)
			break;
		int shown = poll_text(vt, "q quit", 5000);
		tf[ok] = ms_now() - t0;
		if (shown < 0 || poll_text(vt, ready, 5000) < 0) {
			char *scr = vt_screen(vt);
			fprintf(stderr, "bench_review: the home screen never showed \"%s\":\n%s\n",
				ready, scr);
			free(scr);
			vt_free(vt);
			break;
		}
		t[ok++] = ms_now() - t0;
		/* The last round also searches for the common word in the
		 * search screen, so the peak memory covers a search. */
		if (r == rounds - 1) {
			vt_wait_quiet(vt, 50, 1000);
			double s0 = ms_now();
			vt_type(vt, "/Đoàn\r");
			if (vt_wait_text(vt, "newest meeting first", 5000) == 0)
				printf(
				    "%-34s %.1f ms (typing \"/Đoàn\" + Enter to the hits shown)\n",
				    "search screen in bienban", ms_now() - s0);
		}
		char path[64], line[256];
		snprintf(path, sizeof path, "/proc/%d/status", (int)vt_pid(vt));
		FILE *f = fopen(path, "r");
		while (f && fgets(line, sizeof line, f))
			if (strncmp(line, "VmHWM:", 6) == 0 && atol(line + 6) > hwm)
				hwm = atol(line + 6);
		if (f)
			fclose(f);
		vt_free(vt);
	}
	unlink(file);
	if (n_nano) {
		report("start-up of nano (peer)", tn, (size_t)n_nano,
		       "(in a pty, to its key bar; in turn with bienban)");
		*nano_p95 = quantile(tn, (size_t)n_nano, 0.95);
	}
	if (ok) {
		char extra[96];
		snprintf(extra, sizeof extra, "(bienban in a pty; peak RSS %.1f MB)",
			 (double)hwm / 1024.0);
		report("start-up of bienban to its frame", tf, (size_t)ok,
		       "(title and key line, before the store is read)");
		report("start-up of bienban to home screen", t, (size_t)ok, extra);
		*home_p95 = quantile(t, (size_t)ok, 0.95);
		*frame_p95 = quantile(tf, (size_t)ok, 0.95);
	}
	free(t);
	free(tf);
	free(tn);
}

/* Read the store once so that every figure is on a warm page cache (a
 * store not read for a while, or just migrated, is partly on disk: its
 * first searches then wait for it, 100-400 ms). */
static void warm_cache(const char *path)
{
	FILE *f = fopen(path, "rb");
	static char buf[1 << 16];
	while (f && fread(buf, 1, sizeof buf, f) == sizeof buf)
		;
	if (f)
		fclose(f);
}

/* The search kinds of issue 12, each with and without a filter. */
static const char *const rare[] = {"khủng", "xiếc",  "diều",  "ngầm", "pháo",
				   "lân",   "robot", "drone", "kính", "yoga"};
static const char *const common[] = {"Đoàn"};
static const char *const phrase[] = {"\"phong trào thanh niên\"", "\"thanh niên tình nguyện\"",
				     "\"hiến máu nhân đạo\""};
static const char *const p1[] = {"n*", "t*", "đ*"};
static const char *const p2[] = {"ng*", "th*", "đo*"};
static const char *const p3[] = {"ngu*", "tha*", "đoà*"};
static const char *const p4[] = {"nguy*", "than*", "phon*"};
static const char *const p5[] = {"nguyê*", "thanh*", "phong*"};
static const char *const p6[] = {"nguyên*", "nghiệp*", "chương*"};
static const char *const words5[] = {"đoàn viên kinh phí tổ chức cơ sở",
				     "công tác thanh niên phong trào hoạt động"};
static const char *const words7[] = {"đoàn viên kinh phí tổ chức cơ sở triển khai kết quả",
				     "công tác thanh niên phong trào hoạt động các và trong"};
static const char *const nothing[] = {"\"thanh niên các đoàn viên kinh phí tổ chức\"",
				      "\"Đoàn và của đã được\""};
static const struct {
	const char *name;
	const char *const *q;
	size_t n;
} classes[] = {
    {"rare word", rare, BB_ARRAY_LEN(rare)},
    {"common word (Đoàn)", common, 1},
    {"phrase", phrase, BB_ARRAY_LEN(phrase)},
    {"prefix, 1 letter", p1, 3},
    {"prefix, 2 letters", p2, 3},
    {"prefix, 3 letters", p3, 3},
    {"prefix, 4 letters", p4, 3},
    {"prefix, 5 letters", p5, 3},
    {"prefix, 6 letters", p6, 3},
    {"5 common words", words5, 2},
    {"7 common words", words7, 2},
    {"phrase matching nothing", nothing, 2},
};
static const struct search_query filters[] = {{0}, {.cluster = 7}, {.year = 2019}};
static const char *const filter_names[] = {"", " --cluster 7", " --period 2019"};
static const char *const filter_opts[] = {NULL, "--cluster", "--period"};
static const char *const filter_args[] = {NULL, "7", "2019"};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_review STORE [BIENBAN_BIN] [ROUNDS]\n");
		return 2;
	}
	const char *path = argv[1];
	const char *bin = argc > 2 && argv[2][0] ? argv[2] : NULL;
	int rounds = argc > 3 ? atoi(argv[3]) : 200;
	if (rounds < 10)
		rounds = 10;
	char *cause = NULL;
	struct store *s;
	warm_cache(path);

	/* Start-up: what the home screen does before its first draw. */
	double *t = xcalloc((size_t)rounds, sizeof *t);
	char newest[64] = "";
	for (int r = 0; r < rounds; r++) {
		double t0 = ms_now();
		if (store_open(&s, path, STORE_READONLY, &cause) < 0)
			die(path, cause);
		struct meeting_row *rows;
		size_t n;
		int64_t count;
		if (store_meetings_count(s, NULL, &count, &cause) < 0 ||
		    store_meetings_page(s, NULL, 0, 50, &rows, &n, &cause) < 0)
			die("home page", cause);
		t[r] = ms_now() - t0;
		if (r == 0 && n > 0)
			snprintf(newest, sizeof newest, "%s", rows[0].period ? rows[0].period : "");
		for (size_t i = 0; i < n; i++)
			meeting_row_free(&rows[i]);
		free(rows);
		store_close(s);
	}
	printf("store: %s\n", path);
	report("start-up (open + home page query)", t, (size_t)rounds, NULL);
	free(t);

	if (store_open(&s, path, STORE_READONLY, &cause) < 0)
		die(path, cause);
	/* Opening a meeting: load it whole, as the meeting screen does. */
	int64_t meetings;
	if (store_meetings_count(s, NULL, &meetings, &cause) < 0)
		die("count", cause);
	t = xcalloc((size_t)rounds, sizeof *t);
	unsigned long long seed = 42;
	for (int r = 0; r < rounds; r++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		int64_t id = 1 + (int64_t)((seed >> 33) % (unsigned long long)meetings);
		struct meeting *m;
		double t0 = ms_now();
		if (store_meeting_load(s, id, &m, &cause) < 0)
			die("load", cause);
		t[r] = ms_now() - t0;
		meeting_free(m);
	}
	report("opening a meeting (load all of it)", t, (size_t)rounds, NULL);
	free(t);

	int met = 0, all = 0;
	for (size_t k = 0; k < BB_ARRAY_LEN(classes); k++)
		for (size_t fi = 0; fi < BB_ARRAY_LEN(filters); fi++) {
			char what[96];
			snprintf(what, sizeof what, "search: %s%s", classes[k].name,
				 filter_names[fi]);
			met += bench_search(s, what, classes[k].q, classes[k].n, &filters[fi],
					    rounds / 2 < 10 ? 10 : rounds / 2);
			all++;
		}
	printf("search classes within %.0f ms (p95): %d of %d\n", GOAL_MS, met, all);
	store_close(s);
	printf("peak RSS of this benchmark process: %.1f MB\n", (double)rss_peak_kb() / 1024.0);

	if (bin && newest[0]) {
		int r10 = rounds / 10 < 10 ? 10 : rounds / 10;
		/* The start-ups at least 50 times each: the machine's load
		 * moves single runs by milliseconds. */
		int rs = r10 < 50 ? 50 : r10;
		double nano, frame, mine;
		bench_startups(bin, path, newest, rs, &nano, &frame, &mine);
		if (nano > 0 && mine > 0) {
			printf("start-up to the frame / nano's: %.2fx (p95) %s\n", frame / nano,
			       frame <= nano ? "ok" : "MISSED");
			printf("start-up to the home screen / nano's: %.2fx (p95) %s\n",
			       mine / nano, mine <= nano ? "ok" : "MISSED");
		}
		/* Every kind as a process too, each filter, 20 rounds at least
		 * (so that the p95 is not the maximum). */
		int rc = rounds / 2 < 20 ? 20 : rounds / 2, cli_met = 0, cli_all = 0;
		double load[3] = {0};
		getloadavg(load, 3);
		printf("bienban search as a process (load average %.2f):\n", load[0]);
		for (size_t k = 0; k < BB_ARRAY_LEN(classes); k++)
			for (size_t fi = 0; fi < BB_ARRAY_LEN(filters); fi++) {
				char what[96];
				snprintf(what, sizeof what, "bienban search: %s%s", classes[k].name,
					 filter_names[fi]);
				cli_met +=
				    bench_cli_search(bin, path, what, classes[k].q, classes[k].n,
						     filter_opts[fi], filter_args[fi], rc, nano);
				cli_all++;
			}
		getloadavg(load, 3);
		printf("bienban search within %.0f ms (p95) and 8 MB: %d of %d (load average now "
		       "%.2f)\n",
		       GOAL_MS, cli_met, cli_all, load[0]);
	}
	return 0;
}
