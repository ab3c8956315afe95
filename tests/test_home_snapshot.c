/* test_home_snapshot.c - the home screen's snapshot (src/tui/home_snapshot.c):
 * read back as written, any text kept to the byte; never served once the
 * store has changed or is gone; a damaged file (every truncation, a wrong
 * number, invalid UTF-8) is no snapshot, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "home_snapshot.h"
#include "store.h"
#include "store_edit.h"
#include "util.h"

static char dir[32];
static char *db, *file;

static void create_meeting(const char *title, int cluster)
{
	struct store *s;
	char *cause = NULL;
	int64_t id;
	assert_int_equal(store_open(&s, db, STORE_CREATE, &cause), 0);
	assert_int_equal(store_meeting_create(s, title, "2023-04-14T08:00", cluster, NULL, &id,
					      &cause),
			 0);
	store_close(s);
}

/* The snapshot of the store now, written as bienban leaves. */
static void leave(void)
{
	struct store *s;
	char *cause = NULL;
	struct home_snapshot snap;
	assert_int_equal(store_open(&s, db, STORE_CREATE, &cause), 0);
	assert_int_equal(home_snapshot_take(s, HOME_SNAPSHOT_ROWS, &snap), 0);
	store_close(s);
	assert_int_equal(home_snapshot_write(db, &snap), 0);
	home_snapshot_free(&snap);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = xmalloc(1 << 20);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

static void put(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/bb-snap-XXXXXX");
	assert_non_null(mkdtemp(dir));
	db = xasprintf("%s/s.db", dir);
	char *cache = xasprintf("%s/cache", dir);
	setenv("XDG_CACHE_HOME", cache, 1);
	file = xasprintf("%s/bienban/home-snapshot", cache);
	free(cache);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(db);
	free(file);
	return 0;
}

static void test_round_trip_and_stale(void **state)
{
	(void)state;
	struct home_snapshot snap;
	/* No store, no snapshot. */
	assert_int_equal(home_snapshot_read(db, HOME_SNAPSHOT_ROWS, &snap), 0);
	create_meeting("Hội nghị giao ban Cụm thi đua số 3 quý I/2023", 3);
	create_meeting("Họp Cụm 4", 4);
	/* A store with no snapshot yet. */
	assert_int_equal(home_snapshot_read(db, HOME_SNAPSHOT_ROWS, &snap), 0);
	leave();
	assert_int_equal(access(file, R_OK), 0);
	assert_int_equal(home_snapshot_read(db, HOME_SNAPSHOT_ROWS, &snap), 1);
	assert_int_equal(snap.count, 2);
	assert_int_equal(snap.n, 2);
	assert_string_equal(snap.rows[0].title, "Họp Cụm 4");
	assert_int_equal(snap.rows[0].cluster, 4);
	assert_int_equal(snap.rows[0].status, MS_DRAFT);
	assert_string_equal(snap.rows[0].starts_at, "2023-04-14T08:00");
	assert_string_equal(snap.rows[1].title, "Hội nghị giao ban Cụm thi đua số 3 quý I/2023");
	home_snapshot_free(&snap);
	/* Another program writes the store: the snapshot is not served. */
	create_meeting("Họp đột xuất", 3);
	assert_int_equal(home_snapshot_read(db, HOME_SNAPSHOT_ROWS, &snap), 0);
	leave();
	assert_int_equal(home_snapshot_read(db, HOME_SNAPSHOT_ROWS, &snap), 1);
	assert_int_equal(snap.count, 3);
	assert_int_equal(snap.n, 3);
	home_snapshot_free(&snap);
	/* A screen of one row reads one row, and still the whole count. */
	assert_int_equal(home_snapshot_read(db, 1, &snap), 1);
	assert_int_equal(snap.count, 3);
	assert_int_equal(snap.n, 1);
	assert_string_equal(snap.rows[0].title, "Họp đột xuất");
	home_snapshot_free(&snap);
	/* Nor once the store is gone. */
	char *moved = xasprintf("%s.moved", db);
	assert_int_equal(rename(db, moved), 0);
	assert_int_equal(home_snapshot_read(db, HOME_SNAPSHOT_ROWS, &snap), 0);
	assert_int_equal(rename(moved, db), 0);
	free(moved);
	/* Nor when another file stands in its place (same size and time,
	 * another inode). */
	size_t len;
	char *copy = slurp(db, &len);
	assert_int_equal(unlink(db), 0);
	put(db, copy, len);
	free(copy);
	assert_int_equal(home_snapshot_read(db, HOME_SNAPSHOT_ROWS, &snap), 0);
}

/* Any bytes a title may hold come back as they were (lengths, not
 * separators); the rows a caller gives are written as given. */
static void test_any_text(void **state)
{
	(void)state;
	create_meeting("x", 1);
	struct meeting_row rows[2] = {
	    {.id = 12345, .title = xstrdup("Tab\there\nnewline 7 8 9\n"), .cluster = 12,
	     .period = xstrdup("III/2023"), .starts_at = xstrdup("2023-09-01T07:30"),
	     .status = MS_APPROVED},
	    {.id = 7, .title = xstrdup(""), .period = NULL, .starts_at = xstrdup(""),
	     .status = MS_LIVE},
	};
	struct home_snapshot snap = {.count = 99999, .rows = rows, .n = 2};
	assert_int_equal(home_snapshot_write(db, &snap), 0);
	struct home_snapshot back;
	assert_int_equal(home_snapshot_read(db, HOME_SNAPSHOT_ROWS, &back), 1);
	assert_int_equal(back.count, 99999);
	assert_int_equal(back.n, 2);
	assert_int_equal(back.rows[0].id, 12345);
	assert_string_equal(back.rows[0].title, "Tab\there\nnewline 7 8 9\n");
	assert_string_equal(back.rows[0].period, "III/2023");
	assert_int_equal(back.rows[0].cluster, 12);
	assert_int_equal(back.rows[0].status, MS_APPROVED);
	assert_string_equal(back.rows[1].title, "");
	assert_null(back.rows[1].period);
	assert_int_equal(back.rows[1].status, MS_LIVE);
	home_snapshot_free(&back);
	for (size_t i = 0; i < 2; i++)
		meeting_row_free(&rows[i]);
}

/* Every truncation of a good file, and each byte changed in turn, is a
 * snapshot refused (or, for a change a text can take, one read whole) —
 * never a crash or a read past the end (ASan build). */
static void test_damaged(void **state)
{
	(void)state;
	create_meeting("Hội nghị Cụm 2", 2);
	leave();
	size_t len;
	char *good = slurp(file, &len);
	struct home_snapshot snap;
	for (size_t cut = 0; cut < len; cut++) {
		put(file, good, cut);
		assert_int_equal(home_snapshot_read(db, HOME_SNAPSHOT_ROWS, &snap), 0);
	}
	char *bad = xmalloc(len);
	for (size_t i = 0; i < len; i++) {
		memcpy(bad, good, len);
		bad[i] = (char)0xff; /* never valid UTF-8, never a digit */
		put(file, bad, len);
		int r = home_snapshot_read(db, HOME_SNAPSHOT_ROWS, &snap);
		if (r)
			home_snapshot_free(&snap);
		assert_int_equal(r, 0);
	}
	/* The good file, put back, is read. */
	put(file, good, len);
	assert_int_equal(home_snapshot_read(db, HOME_SNAPSHOT_ROWS, &snap), 1);
	home_snapshot_free(&snap);
	free(bad);
	free(good);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_round_trip_and_stale, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_any_text, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
