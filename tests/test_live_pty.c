/* test_live_pty.c - live note taking through a real pseudo-terminal: the
 * real binary typed at through a pty, its screen read back with libvterm,
 * its store read with SQLite. kill -9 at random moments, hangup, SIGTERM,
 * a reviewer that sees new notes, two secretaries at once (a full disk and
 * another writer holding the lock: test_live_wait.c).
 * LIVE_KILL_ROUNDS (default 50) and LIVE_SEED make a run reproducible. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "vt.h"

static const char *bin, *src;
static char dir[64], db[160];
static unsigned seed;

/* ==== helpers ==== */

static long long ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static char *nfc(const char *s)
{
	return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
}

static char *nfd(const char *s)
{
	return (char *)utf8proc_NFD((const utf8proc_uint8_t *)s);
}

/* 1 if a is a prefix of b, compared canonically decomposed (a prefix of
 * NFD input normalises to something that is not a byte prefix in NFC). */
static int canonical_prefix(const char *a, const char *b)
{
	char *da = nfd(a), *db_ = nfd(b);
	int r = strncmp(da, db_, strlen(da)) == 0;
	free(da);
	free(db_);
	return r;
}

static void run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fail_msg("command failed: %s", cmd);
}

/* A fresh store at path holding tests/live/meeting.json as meeting 1. */
static void fresh_store(const char *path)
{
	run("rm -f '%s' '%s-wal' '%s-shm'", path, path, path);
	run("'%s' init --db '%s' >/dev/null && '%s' import '%s/tests/live/meeting.json' --db '%s' "
	    ">/dev/null",
	    bin, path, bin, src, path);
}

static sqlite3 *open_db(const char *path)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	return h;
}

static int64_t q_int(const char *path, const char *sql, const char *arg)
{
	sqlite3 *h = open_db(path);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* The draft text of meeting 1 ("" if none). Allocated. */
static char *draft_text(const char *path)
{
	sqlite3 *h = open_db(path);
	sqlite3_stmt *st = NULL;
	assert_int_equal(
	    sqlite3_prepare_v2(h, "SELECT text FROM drafts WHERE meeting_id = 1", -1, &st, NULL),
	    SQLITE_OK);
	char *t = strdup("");
	if (sqlite3_step(st) == SQLITE_ROW) {
		free(t);
		t = strdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return t;
}

static int64_t notes_with(const char *path, const char *text)
{
	char *t = nfc(text);
	int64_t n = q_int(path, "SELECT count(*) FROM notes WHERE text = ?1", t);
	free(t);
	return n;
}

static void dump(struct vt *vt, const char *why)
{
	char *s = vt_screen(vt);
	fprintf(stderr, "%s; the screen:\n%s\n", why, s);
	free(s);
}

static struct vt *spawn_live(const char *path, int readonly)
{
	char *argv[] = {
	    (char *)bin, "live", "1", "--db", (char *)path, readonly ? "--read-only" : NULL, NULL};
	static char *env[] = {"LC_ALL=C.UTF-8", "TZ=Asia/Ho_Chi_Minh", "LANGUAGE=en", NULL};
	struct vt *vt = vt_spawn(24, 80, argv, env);
	assert_non_null(vt);
	/* "Live:" first: the frame drawn before the store is read already
	 * shows the key line and "[read-only]", the title comes with the
	 * meeting. */
	if (vt_wait_text(vt, "Live:", 10000) < 0 ||
	    vt_wait_text(vt, readonly ? "read-only" : "Speaker:", 10000) < 0) {
		dump(vt, "the live screen did not come up");
		fail();
	}
	return vt;
}

/* 1 if text shows in the notes area (above the note line). */
static int in_notes(struct vt *vt, const char *text)
{
	char *t = nfc(text);
	int found = 0;
	for (int r = 1; r <= 18 && !found; r++) {
		char *row = vt_row(vt, r);
		found = strstr(row, t) != NULL;
		free(row);
	}
	free(t);
	return found;
}

static int wait_in_notes(struct vt *vt, const char *text, int timeout_ms)
{
	long long end = ms() + timeout_ms;
	while (!in_notes(vt, text)) {
		if (ms() > end)
			return -1;
		vt_pump(vt, 20);
	}
	return 0;
}

/* 1 if text shows in the note line (the two rows above the status). */
static int in_line(struct vt *vt, const char *text)
{
	char *t = nfc(text);
	char *a = vt_row(vt, 20), *b = vt_row(vt, 21);
	char *both = malloc(strlen(a) + strlen(b) + 1);
	strcpy(both, a);
	strcat(both, b);
	int r = strstr(both, t) != NULL;
	free(both);
	free(a);
	free(b);
	free(t);
	return r;
}

/* Let time pass while reading the screen (vt_pump returns early once the
 * program pauses). */
static void pause_ms(struct vt *vt, int t)
{
	long long end = ms() + t;
	while (ms() < end) {
		long long left = end - ms();
		if (vt_pump(vt, (int)(left > 50 ? 50 : left)) < 0)
			usleep(1000);
	}
}

/* Type text in small bursts, as a person (or an input method) would. */
static void type_bursts(struct vt *vt, const char *text)
{
	size_t len = strlen(text), i = 0;
	while (i < len) {
		size_t n = 1 + (size_t)(rand() % 8);
		if (i + n > len)
			n = len - i;
		while (i + n < len && (text[i + n] & 0xc0) == 0x80)
			n++; /* whole UTF-8 sequences */
		vt_send(vt, text + i, n);
		i += n;
		vt_pump(vt, rand() % 15);
	}
}

static void kill9(struct vt *vt)
{
	vt_kill(vt, SIGKILL);
	int st;
	assert_int_equal(vt_wait_exit(vt, 3000, &st), 0);
	vt_free(vt);
}

static void start_meeting(struct vt *vt)
{
	vt_key(vt, "F9");
	/* The meeting is planned for another day: F9 asks first (issue 10). */
	if (vt_wait_text(vt, "Start now, recording", 3000) == 0)
		vt_type(vt, "y");
	if (vt_wait_text(vt, "[live]", 3000) < 0) {
		dump(vt, "F9 did not start the meeting");
		fail();
	}
}

/* Sentences to type: some with NFD marks, as some input methods send. */
static const char *const phrases[] = {
    "Huyện đoàn Tuy Phước báo cáo kết quả",
    "Đo\xcc\x82\xcc\x80ng chí Hà Duy Trung đề nghị",	  /* Đồng: o + ^ + ` */
    "Thi\xcc\xa3 đoàn An Nhơn kiến nghị hỗ trợ kinh phí", /* Thị: i + dot below */
    "Các cơ sở Đoàn tổ chức ra quân tình nguyện",
    "Tie\xcc\x82\xcc\x81p tục đẩy mạnh phong trào", /* Tiếp */
};

/* ==== kill -9 at random moments ==== */

static void test_kill9_rounds(void **state)
{
	(void)state;
	fresh_store(db);
	int rounds = getenv("LIVE_KILL_ROUNDS") ? atoi(getenv("LIVE_KILL_ROUNDS")) : 50;
	char **confirmed = NULL;
	size_t n_confirmed = 0;
	int exact_checks = 0, prefix_checks = 0, unconfirmed = 0;
	long long t0 = ms();
	print_message("kill -9 rounds: LIVE_SEED=%u\n", seed);
	for (int round = 0; round < rounds; round++) {
		struct vt *vt = spawn_live(db, 0);
		if (round == 0)
			start_meeting(vt);
		/* What the store holds as the draft must be back in the line. */
		char *draft = draft_text(db);
		/* The screen shows no trailing blanks. */
		char *shown = strdup(draft);
		for (size_t l = strlen(shown); l && shown[l - 1] == ' ';)
			shown[--l] = '\0';
		if (shown[0] && !in_line(vt, shown)) {
			pause_ms(vt, 300);
			if (!in_line(vt, shown)) {
				dump(vt, "the draft did not come back");
				fail_msg("round %d: draft \"%s\" missing", round, draft);
			}
		}
		free(shown);
		/* Finish the restored draft as a note sometimes. */
		int k = rand() % 3, cleared = 0;
		if (draft[0] && rand() % 2) {
			char *note = NULL;
			assert_true(asprintf(&note, "%s (r%d)", draft, round) > 0);
			type_bursts(vt, note + strlen(draft));
			vt_key(vt, "Enter");
			if (wait_in_notes(vt, note, 3000) < 0) {
				dump(vt, "a finished draft was not confirmed");
				fail();
			}
			confirmed = realloc(confirmed, (n_confirmed + 1) * sizeof *confirmed);
			confirmed[n_confirmed++] = note;
		} else if (draft[0]) {
			vt_key(vt, "C-u"); /* start over */
			cleared = 1;
		}
		for (int i = 0; i < k; i++) {
			char *note = NULL;
			assert_true(
			    asprintf(&note, "Ý kiến %d.%d: %s", round, i, phrases[rand() % 5]) > 0);
			type_bursts(vt, note);
			vt_key(vt, "Enter");
			if (wait_in_notes(vt, note, 3000) < 0) {
				dump(vt, "a note was not confirmed");
				fail();
			}
			confirmed = realloc(confirmed, (n_confirmed + 1) * sizeof *confirmed);
			confirmed[n_confirmed++] = note;
		}
		/* An unfinished line, then kill at a random moment. */
		const char *phrase = phrases[rand() % 5];
		size_t cut = (size_t)rand() % (strlen(phrase) + 1);
		while (cut < strlen(phrase) && (phrase[cut] & 0xc0) == 0x80)
			cut++;
		char *partial = NULL; /* unique, so a note saved from it is found once */
		assert_true(asprintf(&partial, "r%d %.*s", round, (int)cut, phrase) > 0);
		type_bursts(vt, partial);
		/* Every tenth round pauses, so the exact check always runs. */
		int mode = round % 10 == 5 ? 0 : 1 + rand() % 9;
		if (getenv("LIVE_VERBOSE"))
			fprintf(stderr,
				"round %d: draft \"%s\", %d notes, partial \"%s\", mode %d\n",
				round, draft, k, partial, mode);
		if (mode < 1) {
			pause_ms(vt, 1050); /* a pause: the draft must be saved exactly */
		} else if (mode == 2 && partial[0]) {
			vt_key(vt, "Enter"); /* killed while the note is being saved */
		} else {
			pause_ms(vt, rand() % 300);
		}
		kill9(vt);

		for (size_t i = 0; i < n_confirmed; i++)
			if (notes_with(db, confirmed[i]) != 1)
				fail_msg("round %d: confirmed note \"%s\" is stored %lld times",
					 round, confirmed[i],
					 (long long)notes_with(db, confirmed[i]));
		char *after = draft_text(db);
		if (mode < 1) {
			char *want = nfc(partial);
			if (strcmp(after, want) != 0)
				fail_msg("round %d: draft \"%s\", want \"%s\" after a pause", round,
					 after, want);
			free(want);
			exact_checks++;
		} else if (mode == 2 && partial[0]) {
			/* Saved as a note (and not also as the draft), or not.
			 * A note is stored without trailing blanks. */
			char *stored = strdup(partial);
			for (size_t l = strlen(stored); l && stored[l - 1] == ' ';)
				stored[--l] = '\0';
			int64_t saved = notes_with(db, stored);
			assert_true(saved <= 1);
			if (saved)
				assert_string_equal(after, "");
			else if (!canonical_prefix(after, partial) &&
				 !(cleared && !strcmp(after, draft)))
				fail_msg("round %d: draft \"%s\" after an unconfirmed \"%s\"",
					 round, after, partial);
			unconfirmed++;
			if (saved) {
				confirmed =
				    realloc(confirmed, (n_confirmed + 1) * sizeof *confirmed);
				confirmed[n_confirmed++] = stored;
			} else {
				free(stored);
			}
		} else {
			/* At most the last second is lost: what is saved is a
			 * prefix of what was typed, or (killed within a second
			 * of ^U) the draft the round started with. */
			if (!canonical_prefix(after, partial) &&
			    !(cleared && !strcmp(after, draft)))
				fail_msg("round %d: draft \"%s\" is not a prefix of \"%s\"", round,
					 after, partial);
			prefix_checks++;
		}
		free(after);
		free(partial);
		free(draft);
	}
	assert_int_equal(q_int(db, "SELECT count(*) FROM notes", NULL), (int64_t)n_confirmed);
	assert_int_equal(
	    q_int(db,
		  "SELECT count(*) FROM notes WHERE text LIKE '%' || char(0x301) || '%'"
		  " OR text LIKE '%' || char(0x302) || '%'",
		  NULL),
	    0); /* stored NFC */
	print_message("kill -9: %d rounds, %zu notes, %d exact drafts, %d prefixes, %d killed "
		      "mid-save, %.1f s (seed %u)\n",
		      rounds, n_confirmed, exact_checks, prefix_checks, unconfirmed,
		      (double)(ms() - t0) / 1000, seed);
	for (size_t i = 0; i < n_confirmed; i++)
		free(confirmed[i]);
	free(confirmed);
}

/* ==== hangup and SIGTERM: save the draft, exit within a second ==== */

static void hangup_or_term(int term)
{
	fresh_store(db);
	struct vt *vt = spawn_live(db, 0);
	const char *text = "Đồng chí Nguyễn Văn Đông phát biểu giữa chừng, câu chưa xong";
	vt_type(vt, text);
	if (vt_wait_text(vt, "chưa xong", 2000) < 0) {
		dump(vt, "typing did not show");
		fail();
	}
	/* Mid-sentence: right after the last key, before any draft timer. */
	long long t0 = ms();
	if (term)
		vt_kill(vt, SIGTERM);
	else
		vt_hangup(vt);
	int st;
	int exited = vt_wait_exit(vt, 1000, &st);
	long long took = ms() - t0;
	if (exited < 0) {
		vt_free(vt);
		fail_msg("still running %lld ms after %s", took, term ? "SIGTERM" : "hangup");
	}
	print_message("%s: exited in %lld ms\n", term ? "SIGTERM" : "hangup", took);
	/* A clean exit (under ASan also: no leak, no error). */
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	vt_free(vt);
	char *d = draft_text(db);
	assert_string_equal(d, text);
	free(d);
}

static void test_hangup_saves_draft(void **state)
{
	(void)state;
	hangup_or_term(0);
}

static void test_sigterm_saves_draft(void **state)
{
	(void)state;
	hangup_or_term(1);
}

/* ==== no key's handling writes to the store ==== */

/* The draft is saved on idle turns only (src/tui/ui.h, screen_ops.idle),
 * never between reading a key and its screen update: with
 * $BIENBAN_KEY_TIMES each key's line says how many write transactions
 * were begun and statements prepared inside its handling. Typed with
 * pauses that make the draft due (250 ms after the last key), the first
 * key alone first, then in a steady run of a key every 40 ms (the draft
 * is due every 700 ms while typing goes on): no key writes, none
 * prepares, and the draft is in the store while the program runs. */
static void test_keys_never_write(void **state)
{
	(void)state;
	fresh_store(db);
	char times[200], env_times[240];
	snprintf(times, sizeof times, "%s/keys.txt", dir);
	unlink(times);
	snprintf(env_times, sizeof env_times, "BIENBAN_KEY_TIMES=%s", times);
	char *argv[] = {(char *)bin, "live", "1", "--db", db, NULL};
	char *env[] = {"LC_ALL=C.UTF-8", "TZ=Asia/Ho_Chi_Minh", "LANGUAGE=en", env_times, NULL};
	struct vt *vt = vt_spawn(24, 80, argv, env);
	assert_non_null(vt);
	if (vt_wait_text(vt, "Speaker:", 10000) < 0) {
		dump(vt, "the live screen did not come up");
		fail();
	}
	const char *text = "Đoàn viên tham gia chiến dịch tình nguyện hè xanh năm nay";
	size_t keys = 0;
	for (const char *c = text; *c; keys++) {
		size_t len = 1;
		while ((c[len] & 0xc0) == 0x80)
			len++;
		vt_send(vt, c, len);
		c += len;
		/* The first keys one by one, each leaving time for a save. */
		pause_ms(vt, keys < 4 ? 400 : 40);
	}
	pause_ms(vt, 600);
	char *d = draft_text(db), *want = nfc(text);
	assert_string_equal(d, want);
	free(d);
	free(want);
	vt_key(vt, "Esc");
	if (vt_wait_text(vt, "leave bienban?", 3000) < 0) {
		dump(vt, "Esc did not ask");
		fail();
	}
	vt_type(vt, "\r");
	int st;
	assert_int_equal(vt_wait_exit(vt, 3000, &st), 0);
	vt_free(vt);
	FILE *f = fopen(times, "r");
	assert_non_null(f);
	char line[128];
	size_t n = 0;
	long long us;
	unsigned long writes, prepares;
	while (n < keys && fgets(line, sizeof line, f)) {
		assert_int_equal(sscanf(line, "%lld %lu %lu", &us, &writes, &prepares), 3);
		if (writes || prepares)
			fail_msg("key %zu of \"%s\": %lu writes, %lu statements prepared in its "
				 "handling",
				 n + 1, text, writes, prepares);
		n++;
	}
	fclose(f);
	assert_int_equal(n, keys);
}

/* ==== a reviewer sees new notes within a second ==== */

static void test_reviewer_sees_note(void **state)
{
	(void)state;
	fresh_store(db);
	struct vt *sec = spawn_live(db, 0);
	start_meeting(sec);
	struct vt *rev = spawn_live(db, 1);
	assert_true(vt_contains(rev, "[live]"));
	long long worst = 0;
	for (int i = 0; i < 3; i++) {
		char *note = NULL;
		assert_true(asprintf(&note, "Ghi nhận ý kiến số %d của Thị đoàn An Nhơn", i) > 0);
		vt_type(sec, note);
		vt_key(sec, "Enter");
		if (wait_in_notes(sec, note, 3000) < 0) {
			dump(sec, "the secretary's note was not confirmed");
			fail();
		}
		long long t0 = ms();
		if (wait_in_notes(rev, note, 1000) < 0) {
			dump(rev, "the reviewer did not see the note within a second");
			fail();
		}
		long long took = ms() - t0;
		if (took > worst)
			worst = took;
		free(note);
		pause_ms(sec, 50 + rand() % 300);
	}
	print_message("reviewer: new notes seen within %lld ms\n", worst);
	/* Typing on the reviewer's screen is refused, with the reason. */
	vt_type(rev, "x");
	if (vt_wait_text(rev, "refused", 1000) < 0) {
		dump(rev, "typing on a reviewer's screen was not refused");
		fail();
	}
	vt_free(rev);
	vt_free(sec);
}

/* ==== two secretaries at once lose nothing ==== */

static void test_two_writers(void **state)
{
	(void)state;
	fresh_store(db);
	struct vt *a = spawn_live(db, 0);
	start_meeting(a);
	struct vt *b = spawn_live(db, 0);
	enum { PER = 15 };
	char *notes[2][PER];
	for (int i = 0; i < PER; i++) {
		for (int w = 0; w < 2; w++) {
			struct vt *vt = w ? b : a;
			assert_true(
			    asprintf(&notes[w][i], "Thư ký %c ghi ý kiến số %d", 'A' + w, i) > 0);
			vt_type(vt, notes[w][i]);
			vt_key(vt, "Enter");
		}
		vt_pump(a, 5);
		vt_pump(b, 5);
	}
	/* Let both finish (a note that met the other's lock waits a moment,
	 * shown as waiting), then every note is stored once. */
	for (int w = 0; w < 2; w++)
		if (wait_in_notes(w ? b : a, notes[w][PER - 1], 5000) < 0) {
			dump(w ? b : a, "the last note did not show");
			fail();
		}
	long long until = ms() + 5000;
	while (q_int(db, "SELECT count(*) FROM notes", NULL) < 2 * PER && ms() < until) {
		vt_pump(a, 20);
		vt_pump(b, 20);
	}
	assert_int_equal(vt_wait_gone(a, "waiting to be saved", 2000), 0);
	assert_int_equal(vt_wait_gone(b, "waiting to be saved", 2000), 0);
	for (int w = 0; w < 2; w++)
		for (int i = 0; i < PER; i++) {
			if (notes_with(db, notes[w][i]) != 1)
				fail_msg("\"%s\" stored %lld times", notes[w][i],
					 (long long)notes_with(db, notes[w][i]));
			free(notes[w][i]);
		}
	assert_int_equal(q_int(db, "SELECT count(*) FROM notes", NULL), 2 * PER);
	assert_false(vt_contains(a, "locked"));
	assert_false(vt_contains(b, "locked"));
	assert_false(vt_contains(a, "NOT SAVED"));
	assert_false(vt_contains(b, "NOT SAVED"));
	vt_free(a);
	vt_free(b);
}

/* ==== the whole flow, key by key ==== */

static char *q_text(const char *path, const char *sql)
{
	sqlite3 *h = open_db(path);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	char *t = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		t = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return t ? t : strdup("(null)");
}

static void expect_db(const char *sql, const char *want)
{
	char *got = q_text(db, sql);
	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", sql, got, want);
	free(got);
}

static void wait_for(struct vt *vt, const char *text)
{
	if (vt_wait_text(vt, text, 3000) < 0) {
		dump(vt, text);
		fail_msg("\"%s\" did not show", text);
	}
}

static void test_flow(void **state)
{
	(void)state;
	fresh_store(db);
	struct vt *vt = spawn_live(db, 0);
	wait_for(vt, "F9 starts it");
	start_meeting(vt);
	expect_db("SELECT status || ' ' || (starts_at != '2024-07-10T08:00') FROM meetings",
		  "live 1");
	expect_db("SELECT started_at IS NOT NULL FROM agenda_items WHERE position = 0", "1");

	/* Speaker by type-ahead (NFD typed, folded match), kind by F3. */
	vt_key(vt, "F2");
	wait_for(vt, "Find:");
	vt_type(vt, "dong");
	wait_for(vt, "Nguyễn Văn Đông");
	vt_key(vt, "Enter");
	wait_for(vt, "Speaker: Nguyễn Văn Đông (Huyện đoàn Tuy Phước)");
	vt_key(vt, "F3");
	wait_for(vt, "Kind: report");
	vt_type(vt, "Ba\xcc\x81o ca\xcc\x81o kết quả quý II");
	vt_key(vt, "Enter");
	assert_int_equal(
	    wait_in_notes(vt, "Nguyễn Văn Đông (report): Báo cáo kết quả quý II", 3000), 0);
	expect_db("SELECT speaker || '|' || kind || '|' || text FROM notes",
		  "Nguyễn Văn Đông|report|Báo cáo kết quả quý II");
	/* The speaker stays for the next note. */
	vt_type(vt, "Bổ sung số liệu");
	vt_key(vt, "Enter");
	assert_int_equal(wait_in_notes(vt, "Nguyễn Văn Đông (report): Bổ sung số liệu", 3000), 0);

	/* Next item: the first ends, the second starts. */
	vt_key(vt, "F8");
	wait_for(vt, "2/4 Báo cáo kết quả công tác quý II/2024");
	expect_db("SELECT (SELECT ended_at IS NOT NULL FROM agenda_items WHERE position = 0) ||"
		  " (SELECT started_at IS NOT NULL FROM agenda_items WHERE position = 1)",
		  "11");
	wait_for(vt, "No notes under this item yet.");

	/* A proposal from the note line: unit (the speaker's), then text. */
	vt_type(vt, "Đề nghị hỗ trợ kinh phí tổ chức hè");
	vt_key(vt, "F4");
	wait_for(vt, "Proposal of the unit:");
	vt_key(vt, "Enter");
	wait_for(vt, "Proposal of ");
	vt_key(vt, "Enter");
	wait_for(vt, "Proposal saved");
	expect_db("SELECT unit || '|' || text || '|' || (item_id = (SELECT id FROM agenda_items"
		  " WHERE position = 1)) FROM proposals",
		  "Huyện đoàn Tuy Phước|Đề nghị hỗ trợ kinh phí tổ chức hè|1");
	/* It is a note of the item too, where it was raised. */
	expect_db(
	    "SELECT n.kind || '|' || n.text FROM notes n JOIN proposals p ON p.note_id = n.id",
	    "proposal|Đề nghị hỗ trợ kinh phí tổ chức hè");
	assert_false(in_line(vt, "Đề nghị"));

	/* A directive with owner and due date; a bad date is refused and
	 * can be corrected in place. */
	vt_key(vt, "F5");
	wait_for(vt, "Directive:");
	vt_type(vt, "Tổng kết công tác hè");
	vt_key(vt, "Enter");
	wait_for(vt, "Owner");
	vt_type(vt, "Thị đoàn An Nhơn");
	vt_key(vt, "Enter");
	wait_for(vt, "Due date");
	vt_type(vt, "31/8");
	vt_key(vt, "Enter");
	wait_for(vt, "2023-06-30");
	vt_key(vt, "C-u");
	vt_type(vt, "2024-08-31");
	vt_key(vt, "Enter");
	wait_for(vt, "Directive saved");
	expect_db("SELECT text || '|' || owner || '|' || due FROM directives",
		  "Tổng kết công tác hè|Thị đoàn An Nhơn|2024-08-31");

	/* A late arrival. */
	vt_key(vt, "F6");
	wait_for(vt, "Find:");
	vt_type(vt, "anh");
	wait_for(vt, "Trần Thị Ngọc Ánh");
	vt_key(vt, "Enter");
	wait_for(vt, "marked as arrived late, at");
	expect_db("SELECT presence || ' ' || (arrived_at IS NOT NULL) FROM attendees WHERE name ="
		  " 'Trần Thị Ngọc Ánh'",
		  "late 1");

	/* Correct a note (Up, Enter, edit, Enter): logged. The unfinished
	 * line is put aside meanwhile and comes back. */
	vt_key(vt, "F7");
	wait_for(vt, "1/4 Khai mạc");
	vt_type(vt, "dở dang");
	vt_key(vt, "Up");
	vt_key(vt, "Up");
	vt_key(vt, "Enter");
	wait_for(vt, "Correcting:");
	vt_key(vt, "End");
	vt_type(vt, " (đã sửa)");
	vt_key(vt, "Enter");
	wait_for(vt, "Note corrected");
	assert_int_equal(wait_in_notes(vt, "Báo cáo kết quả quý II (đã sửa)", 2000), 0);
	assert_true(in_line(vt, "dở dang"));
	expect_db("SELECT count(*) FROM change_log WHERE what = 'note' AND field = 'text' AND"
		  " old_value = 'Báo cáo kết quả quý II' AND new_value = 'Báo cáo kết quả quý II "
		  "(đã sửa)'",
		  "1");

	/* Delete a note, asked first. */
	vt_key(vt, "Up");
	vt_key(vt, "Del");
	wait_for(vt, "Delete the note of ");
	vt_type(vt, "y");
	wait_for(vt, "Note deleted");
	/* Left: the other note of item 1 and the proposal's note of item 2. */
	expect_db("SELECT count(*) FROM notes", "2");
	expect_db("SELECT count(*) FROM change_log WHERE what = 'note' AND field = 'deleted'", "1");

	/* End the meeting: refused while the line holds text, then asked. */
	vt_key(vt, "F10");
	wait_for(vt, "not empty");
	vt_key(vt, "C-u");
	vt_key(vt, "F10");
	wait_for(vt, "End the meeting now?");
	vt_type(vt, "y");
	wait_for(vt, "[closed]");
	expect_db("SELECT status || ' ' || (ends_at IS NOT NULL) FROM meetings", "closed 1");
	expect_db(
	    "SELECT count(*) FROM agenda_items WHERE started_at IS NOT NULL AND ended_at IS NULL",
	    "0");

	/* Leave: Esc in `bienban live N` leaves the program; a clean exit. */
	vt_key(vt, "Esc");
	int st;
	if (vt_wait_exit(vt, 3000, &st) < 0) {
		dump(vt, "Esc did not leave");
		fail();
	}
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	vt_free(vt);
}

static int setup(void **state)
{
	(void)state;
	bin = getenv("BIENBAN_BIN");
	src = getenv("BIENBAN_SRC");
	if (!bin || !src) {
		fprintf(stderr, "BIENBAN_BIN and BIENBAN_SRC must be set (meson test does)\n");
		return -1;
	}
	seed = getenv("LIVE_SEED") ? (unsigned)atoi(getenv("LIVE_SEED")) : (unsigned)time(NULL);
	srand(seed);
	strcpy(dir, "/tmp/bb-test-livepty-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(db, sizeof db, "%s/live.db", dir);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_flow),
	    cmocka_unit_test(test_keys_never_write),
	    cmocka_unit_test(test_hangup_saves_draft),
	    cmocka_unit_test(test_sigterm_saves_draft),
	    cmocka_unit_test(test_reviewer_sees_note),
	    cmocka_unit_test(test_two_writers),
		    cmocka_unit_test(test_kill9_rounds),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
