/* bench_review.c - review on a big store (tests/bench/gen_store.c): time
 * to the home screen (store open + the first page the home screen reads,
 * and the real binary in a pty), opening a meeting, and search latency
 * p50/p95 for a rare word, a common word ("Đoàn"), a phrase and a prefix;
 * peak resident memory.
 *
 * Usage: bench_review STORE [BIENBAN_BIN] [ROUNDS]
 * Not a test: prints figures and exits 0 whatever they are. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

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

/* Time one query class: rounds searches cycling through the queries;
 * each is the first page (50 hits) a user sees. */
static void bench_search(struct store *s, const char *what, const char *const *queries, size_t nq,
			 int rounds)
{
	double *t = xcalloc((size_t)rounds, sizeof *t);
	int64_t total = 0;
	char *cause = NULL;
	size_t first_page = 0;
	for (int r = 0; r < rounds; r++) {
		struct search_query q = {.text = queries[(size_t)r % nq]};
		struct search_hit *h;
		size_t n;
		double t0 = ms_now();
		if (store_search(s, &q, 0, 50, &h, &n, &cause) < 0)
			die(q.text, cause);
		t[r] = ms_now() - t0;
		if (r == 0)
			first_page = n;
		for (size_t i = 0; i < n; i++)
			search_hit_free(&h[i]);
		free(h);
	}
	struct search_query q = {.text = queries[0]};
	double t0 = ms_now();
	if (store_search_count(s, &q, 0, &total, &cause) < 0)
		die("count", cause);
	double count_ms = ms_now() - t0;
	char extra[128];
	snprintf(extra, sizeof extra, "(%zu shown; \"%s\" has %lld hits, counted in %.0f ms)",
		 first_page, queries[0], (long long)total, count_ms);
	report(what, t, (size_t)rounds, extra);
	free(t);
}

/* The real program: start it in a pty on the store and wait for the home
 * screen to show the newest meeting. */
static void bench_binary(const char *bin, const char *store, const char *ready, int rounds)
{
	double *t = xcalloc((size_t)rounds, sizeof *t);
	long hwm = 0;
	int ok = 0;
	for (int r = 0; r < rounds; r++) {
		char *argv[] = {(char *)bin, "--db", (char *)store, "--read-only", NULL};
		char *env[] = {"LANG=C.UTF-8", "LC_ALL=C.UTF-8", NULL};
		double t0 = ms_now();
		struct vt *vt = vt_spawn(24, 80, argv, env);
		if (!vt)
			break;
		if (vt_wait_text(vt, ready, 5000) < 0) {
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
			if (vt_wait_text(vt, "newest first", 5000) == 0)
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
	if (ok) {
		char extra[96];
		snprintf(extra, sizeof extra, "(bienban in a pty; peak RSS %.1f MB)",
			 (double)hwm / 1024.0);
		report("start-up of bienban to home screen", t, (size_t)ok, extra);
	}
	free(t);
}

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

	static const char *const rare[] = {"khủng", "xiếc",  "diều",  "ngầm", "pháo",
					   "lân",   "robot", "drone", "kính", "yoga"};
	static const char *const common[] = {"Đoàn"};
	static const char *const phrase[] = {"\"phong trào thanh niên\"",
					     "\"thanh niên tình nguyện\"", "\"hiến máu nhân đạo\""};
	static const char *const prefix[] = {"tình nguy*", "khởi ngh*", "chuyển đổ*", "phong tr*",
					     "nguyê*"};
	static const char *const short_prefix[] = {"ng*"};
	static const char *const two_words[] = {"đoàn viên kinh phí"};
	bench_search(s, "search: rare word", rare, BB_ARRAY_LEN(rare), rounds);
	bench_search(s, "search: common word (Đoàn)", common, 1, rounds);
	bench_search(s, "search: phrase", phrase, BB_ARRAY_LEN(phrase), rounds);
	bench_search(s, "search: prefix", prefix, BB_ARRAY_LEN(prefix), rounds);
	bench_search(s, "search: two-letter prefix (ng*)", short_prefix, 1, rounds / 4);
	bench_search(s, "search: three common words", two_words, 1, rounds);
	store_close(s);
	printf("peak RSS of this benchmark process: %.1f MB\n", (double)rss_peak_kb() / 1024.0);

	if (bin && newest[0])
		bench_binary(bin, path, newest, rounds / 10 < 10 ? 10 : rounds / 10);
	return 0;
}
