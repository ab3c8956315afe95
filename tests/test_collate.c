/* test_collate.c - names in Vietnamese alphabetical order (COLLATE vi,
 * ICU): the letters a ă â b c d đ e ê ... o ô ơ ... u ư, the tones of a
 * vowel in their order (ngang, huyền, hỏi, ngã, sắc, nặng), whether typed
 * precomposed or not; never byte order. The expected order is the
 * alphabet's, written down once; each test shuffles it first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store.h"
#include "store_directory.h"
#include "text.h"
#include "util.h"

/* In Vietnamese order; byte order differs (đ, ă, â, ê, ơ, ư are above z). */
static const char *const alphabet[] = {
    "An",   "Ăn",    "Ân",  "Bình", "Cường", "Dũng", "Đức", "Em",   "Ênh",  "Giang", "Hà", "Hải",
    "Hạnh", "Khánh", "Lan", "Minh", "Oanh",  "Ông",  "Ơn",  "Phúc", "Uyên", "Ưng",   "Vy", "Yến",
};
/* One vowel with each tone, in the order of the tones. */
static const char *const tones[] = {"ma", "mà", "mả", "mã", "má", "mạ"};

/* Order names with ORDER BY x COLLATE vi; out[i] allocated. */
static void sort_vi(struct store *s, const char *const *in, size_t n, char **out)
{
	sqlite3_exec(s->db, "CREATE TEMP TABLE IF NOT EXISTS t(x TEXT); DELETE FROM t", NULL, NULL,
		     NULL);
	sqlite3_stmt *ins;
	assert_int_equal(sqlite3_prepare_v2(s->db, "INSERT INTO t VALUES (?1)", -1, &ins, NULL),
			 SQLITE_OK);
	/* Inserted back to front and interleaved, so no input order survives. */
	for (size_t k = 0; k < n; k++) {
		size_t i = k % 2 ? k / 2 : n - 1 - k / 2;
		sqlite3_bind_text(ins, 1, in[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	sqlite3_stmt *sel;
	assert_int_equal(
	    sqlite3_prepare_v2(s->db, "SELECT x FROM t ORDER BY x COLLATE vi", -1, &sel, NULL),
	    SQLITE_OK);
	size_t i = 0;
	while (sqlite3_step(sel) == SQLITE_ROW && i < n)
		out[i++] = xstrdup((const char *)sqlite3_column_text(sel, 0));
	assert_int_equal(i, n);
	sqlite3_finalize(sel);
}

static void check_order(struct store *s, const char *const *want, size_t n)
{
	char **got = xcalloc(n, sizeof *got);
	sort_vi(s, want, n, got);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(got[i], want[i]);
		free(got[i]);
	}
	free(got);
}

static void test_alphabet(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	check_order(s, alphabet, BB_ARRAY_LEN(alphabet));
	check_order(s, tones, BB_ARRAY_LEN(tones));
	/* Byte order would differ: the test can fail. */
	assert_true(strcmp("Đức", "Em") > 0);
	assert_true(strcmp("Ân", "Bình") > 0);
	store_close(s);
}

/* Decomposed input (as some keyboards send) sorts as its NFC form. */
static void test_decomposed(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	const char *const nfd[] = {"ma",	 "ma\xcc\x80", "ma\xcc\x89",
				   "ma\xcc\x83", "ma\xcc\x81", "ma\xcc\xa3"};
	check_order(s, nfd, BB_ARRAY_LEN(nfd));
	store_close(s);
}

/* The directory lists people of a unit in that order. */
static void test_people(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	size_t n = BB_ARRAY_LEN(alphabet);
	for (size_t k = 0; k < n; k++) {
		int64_t id;
		assert_int_equal(store_person_add(s, 0, alphabet[n - 1 - k], NULL, &id, &cause), 0);
	}
	struct person_row *rows;
	size_t got;
	assert_int_equal(store_people(s, 0, &rows, &got, &cause), 0);
	assert_int_equal(got, n);
	for (size_t i = 0; i < got; i++) {
		assert_string_equal(rows[i].name, alphabet[i]);
		person_row_free(&rows[i]);
	}
	free(rows);
	struct person_row *found;
	int64_t total;
	assert_int_equal(store_people_search(s, "", 0, 100, &found, &got, &total, &cause), 0);
	assert_int_equal(got, n);
	for (size_t i = 0; i < got; i++) {
		assert_string_equal(found[i].name, alphabet[i]);
		person_row_free(&found[i]);
	}
	free(found);
	store_close(s);
}

/* Names read in another order sort the same way in C. */
static void test_names_sort(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	size_t n = BB_ARRAY_LEN(alphabet);
	char **v = xcalloc(n, sizeof *v);
	for (size_t k = 0; k < n; k++) /* back to front, interleaved */
		v[k] = xstrdup(alphabet[k % 2 ? k / 2 : n - 1 - k / 2]);
	store_names_sort(s, v, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(v[i], alphabet[i]);
		free(v[i]);
	}
	free(v);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_alphabet),
	    cmocka_unit_test(test_decomposed),
	    cmocka_unit_test(test_people),
	    cmocka_unit_test(test_names_sort),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
