/* test_store.c - the store: opening, pragmas, migrations, meetings, NFC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "embedded.h"
#include "store.h"
#include "store_directory.h"
#include "store_edit.h"
#include "util.h"

static char tmpdir[64];

static int setup_dir(void **state)
{
	strcpy(tmpdir, "/tmp/bb-test-store-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown_dir(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

static struct meeting *sample_meeting(void)
{
	struct meeting *m = meeting_new();
	m->title = xstrdup("Hội nghị giao ban Cụm thi đua số 4 quý I/2023");
	m->conference = xstrdup("Hội nghị giao ban các Cụm thi đua quý I/2023");
	m->cluster = 4;
	m->period = xstrdup("I/2023");
	m->status = MS_CLOSED;
	m->starts_at = xstrdup("2023-04-12T08:00");
	m->n_attendees = 1;
	m->attendees = xcalloc(1, sizeof *m->attendees);
	/* "Hà Duy Trung" with the à typed as a + combining grave (NFD). */
	m->attendees[0].name = xstrdup("Ha\xcc\x80 Duy Trung");
	m->attendees[0].role = ROLE_CHAIR;
	m->n_agenda = 1;
	m->agenda = xcalloc(1, sizeof *m->agenda);
	m->agenda[0].title = xstrdup("Báo cáo");
	m->agenda[0].n_notes = 2;
	m->agenda[0].notes = xcalloc(2, sizeof(struct note));
	m->agenda[0].notes[0].text = xstrdup("Mở đầu");
	m->agenda[0].notes[0].kind = NK_REPORT;
	m->agenda[0].notes[1].text = xstrdup("Kiến nghị");
	m->agenda[0].notes[1].kind = NK_PROPOSAL;
	m->n_conclusions = 1;
	m->conclusions = xcalloc(1, sizeof(char *));
	m->conclusions[0] = xstrdup("Ghi nhận");
	return m;
}

static void test_open_memory_and_pragmas(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	sqlite3_stmt *st = db_prep(s, "PRAGMA foreign_keys", NULL);
	assert_int_equal(db_row(s, st, NULL), 1);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_reset(st);
	st = db_prep(s, "PRAGMA user_version", NULL);
	assert_int_equal(db_row(s, st, NULL), 1);
	assert_int_equal(sqlite3_column_int(st, 0), store_schema_latest());
	sqlite3_reset(st);
	st = db_prep(s, "PRAGMA synchronous", NULL);
	assert_int_equal(db_row(s, st, NULL), 1);
	assert_int_equal(sqlite3_column_int(st, 0), 2); /* FULL */
	sqlite3_reset(st);
	store_close(s);
}

static void test_file_created_0600_in_0700_dir_and_wal(void **state)
{
	char *path = xasprintf("%s/sub/dir/bb.db", tmpdir);
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, path, 0, &cause), -1); /* no STORE_CREATE */
	assert_non_null(strstr(cause, "no such store"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_open(&s, path, STORE_CREATE, &cause), 0);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char *dir = xasprintf("%s/sub/dir", tmpdir);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	sqlite3_stmt *st = db_prep(s, "PRAGMA journal_mode", NULL);
	assert_int_equal(db_row(s, st, NULL), 1);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_reset(st);
	store_close(s);
	free(dir);
	free(path);
}

static void test_newer_schema_refused(void **state)
{
	char *path = xasprintf("%s/newer.db", tmpdir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), 0);
	sqlite3_close(db);
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, path, 0, &cause), -1);
	assert_non_null(strstr(cause, "newer than this bienban knows"));
	free(cause);
	free(path);
}

static void test_old_schema_migrated(void **state)
{
	/* A version-0 store (an empty SQLite file) is upgraded to the latest. */
	char *path = xasprintf("%s/old.db", tmpdir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE keep(x); INSERT INTO keep VALUES (42)",
				      NULL, NULL, NULL),
			 0);
	sqlite3_close(db);
	struct store *s;
	char *cause = NULL;
	/* Read-only cannot migrate and says so. */
	assert_int_equal(store_open(&s, path, STORE_READONLY, &cause), -1);
	assert_non_null(strstr(cause, "needs upgrading"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_open(&s, path, 0, &cause), 0);
	sqlite3_stmt *st = db_prep(s, "SELECT x FROM keep", NULL);
	assert_int_equal(db_row(s, st, NULL), 1);
	assert_int_equal(sqlite3_column_int(st, 0), 42);
	sqlite3_reset(st);
	st = db_prep(s, "SELECT count(*) FROM meetings", NULL);
	assert_int_equal(db_row(s, st, NULL), 1);
	sqlite3_reset(st);
	store_close(s);
	free(path);
}

static void test_version1_store_upgraded_keeping_data(void **state)
{
	/* A store written by the first release (schema 1 only) is upgraded to
	 * every later migration on open, and its meetings survive. */
	char *path = xasprintf("%s/v1.db", tmpdir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, embedded_find("001_init.sql")->data, NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "PRAGMA user_version = 1;"
				      "INSERT INTO meetings(id, title, starts_at) VALUES"
				      " (5, 'Hội nghị cũ', '2019-01-10T08:00');"
				      "INSERT INTO agenda_items(id, meeting_id, position, title)"
				      " VALUES (1, 5, 0, 'Nội dung');"
				      "INSERT INTO notes(meeting_id, item_id, position, text)"
				      " VALUES (5, 1, 0, 'Đoàn viên phát biểu');",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, path, 0, &cause), 0);
	sqlite3_stmt *st = db_prep(s, "PRAGMA user_version", NULL);
	assert_int_equal(db_row(s, st, NULL), 1);
	assert_int_equal(sqlite3_column_int(st, 0), store_schema_latest());
	sqlite3_reset(st);
	struct meeting *m;
	assert_int_equal(store_meeting_load(s, 5, &m, &cause), 0);
	assert_string_equal(m->agenda[0].notes[0].text, "Đoàn viên phát biểu");
	meeting_free(m);
	store_close(s);
	free(path);
}

static void test_not_a_database(void **state)
{
	char *path = xasprintf("%s/garbage.db", tmpdir);
	FILE *f = fopen(path, "w");
	fputs("this is not a database, just some text that is long enough to be a header......", f);
	fclose(f);
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, path, 0, &cause), -1);
	assert_non_null(strstr(cause, "cannot open"));
	free(cause);
	free(path);
}

static void test_meeting_roundtrip_nfc(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	struct meeting *m = sample_meeting();
	int64_t id;
	assert_int_equal(store_meeting_insert(s, m, &id, &cause), 0);
	meeting_free(m);
	struct meeting *back;
	assert_int_equal(store_meeting_load(s, id, &back, &cause), 0);
	assert_string_equal(back->attendees[0].name, "Hà Duy Trung"); /* NFC now */
	assert_int_equal(back->cluster, 4);
	assert_int_equal(back->status, MS_CLOSED);
	assert_int_equal(back->n_agenda, 1);
	assert_int_equal(back->agenda[0].n_notes, 2);
	assert_string_equal(back->agenda[0].notes[1].text, "Kiến nghị");
	assert_int_equal(back->agenda[0].notes[1].kind, NK_PROPOSAL);
	assert_string_equal(back->conclusions[0], "Ghi nhận");
	assert_string_equal(meeting_role(back, ROLE_CHAIR)->name, "Hà Duy Trung");
	meeting_free(back);

	struct meeting_row *rows;
	size_t n;
	struct meeting_filter f = {.cluster = 4};
	assert_int_equal(store_meetings_page(s, &f, 0, 10, &rows, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].chair, "Hà Duy Trung");
	meeting_row_free(&rows[0]);
	free(rows);
	f.cluster = 3;
	assert_int_equal(store_meetings_page(s, &f, 0, 10, &rows, &n, &cause), 0);
	assert_int_equal(n, 0);
	free(rows);
	f = (struct meeting_filter){.quarter = 1, .year = 2023};
	int64_t count;
	assert_int_equal(store_meetings_count(s, &f, &count, &cause), 0);
	assert_int_equal(count, 1);
	f.quarter = 2;
	assert_int_equal(store_meetings_count(s, &f, &count, &cause), 0);
	assert_int_equal(count, 0);

	assert_int_equal(store_meeting_load(s, 999, &back, &cause), -1);
	assert_string_equal(cause, "no meeting with id 999");
	free(cause);
	store_close(s);
}

static void test_invalid_utf8_rejected_nothing_written(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	struct meeting *m = sample_meeting();
	free(m->agenda[0].notes[1].text);
	m->agenda[0].notes[1].text = xstrdup("ok \xC3\x28 bad");
	int64_t id;
	assert_int_equal(store_meeting_insert(s, m, &id, &cause), -1);
	assert_non_null(strstr(cause, "invalid UTF-8 at byte 3"));
	assert_non_null(strstr(cause, "agenda[0].notes[1]"));
	free(cause);
	meeting_free(m);
	int64_t count;
	assert_int_equal(store_meetings_count(s, NULL, &count, &cause), 0);
	assert_int_equal(count, 0); /* the transaction was rolled back whole */
	store_close(s);
}

static void test_readonly_refuses_writes(void **state)
{
	char *path = xasprintf("%s/ro.db", tmpdir);
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, path, STORE_CREATE, &cause), 0);
	store_close(s);
	assert_int_equal(store_open(&s, path, STORE_READONLY, &cause), 0);
	assert_int_equal(store_readonly(s), 1);
	struct meeting *m = sample_meeting();
	int64_t id;
	assert_int_equal(store_meeting_insert(s, m, &id, &cause), -1);
	assert_non_null(strstr(cause, "read-only"));
	free(cause);
	meeting_free(m);
	store_close(s);
	free(path);
}

static void test_approved_not_writable_and_change_log(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	struct meeting *m = sample_meeting();
	int64_t id;
	m->status = MS_APPROVED;
	assert_int_equal(store_meeting_insert(s, m, &id, &cause), 0);
	assert_int_equal(store_meeting_writable(s, id, NULL, &cause), -1);
	assert_non_null(strstr(cause, "approved"));
	free(cause);
	cause = NULL;
	m->status = MS_CLOSED;
	free(m->starts_at);
	m->starts_at = xstrdup("2023-07-12T08:00");
	m->id = 0;
	int64_t id2;
	assert_int_equal(store_meeting_insert(s, m, &id2, &cause), 0);
	meeting_free(m);
	enum meeting_status st;
	assert_int_equal(store_meeting_writable(s, id2, &st, &cause), 0);
	assert_int_equal(st, MS_CLOSED);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_log_change(s, id2, "note 1 text", "cũ", "mới", &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	sqlite3_stmt *q =
	    db_prep(s, "SELECT who, what, old_value, new_value FROM change_log", NULL);
	assert_int_equal(db_row(s, q, NULL), 1);
	assert_string_equal((const char *)sqlite3_column_text(q, 0), store_user());
	assert_string_equal((const char *)sqlite3_column_text(q, 3), "mới");
	sqlite3_reset(q);
	store_close(s);
}

static void test_org_defaults_and_set(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	assert_true(store_org_empty(s));
	struct org o;
	assert_int_equal(store_org_get(s, &o, &cause), 0);
	assert_string_equal(o.superior, "ĐOÀN TNCS HỒ CHÍ MINH");
	assert_int_equal(o.n_recipients, 3);
	free(o.place);
	o.place = xstrdup("Bình Định");
	assert_int_equal(store_org_set(s, &o, &cause), 0);
	org_free(&o);
	assert_false(store_org_empty(s));
	assert_int_equal(store_org_get(s, &o, &cause), 0);
	assert_string_equal(o.place, "Bình Định");
	assert_string_equal(o.recipients[2], "Lưu VP");
	org_free(&o);
	store_close(s);
}

static void test_nested_transaction_rollback(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	assert_int_equal(store_begin(s, &cause), 0);
	struct meeting *m = sample_meeting();
	int64_t id;
	assert_int_equal(store_meeting_insert(s, m, &id, &cause), 0); /* inner commit */
	meeting_free(m);
	store_rollback(s); /* outer rollback drops it */
	assert_false(store_meeting_exists(s, id));
	store_close(s);
}

/* The units table has one inserter for the clusters screen and the import:
 * adding a name in use is refused; merging it puts a unit that has no
 * cluster into the cluster, which gets the default name. */
static void test_units_add_and_merge(void **state)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	int64_t c1, u;
	assert_int_equal(store_cluster_add(s, 1, NULL, &c1, &cause), 0);
	assert_int_equal(store_unit_add(s, 0, "Đoàn trường A", &u, &cause), 0);
	assert_int_equal(store_unit_add(s, c1, "Đoàn trường A", NULL, &cause), -1);
	assert_non_null(strstr(cause, "exists already"));
	free(cause);
	cause = NULL;
	char *units[] = {"Đoàn trường A", "Đoàn trường B"};
	struct cluster c = {.number = 2, .units = units, .n_units = 2};
	assert_int_equal(store_cluster_merge(s, &c, &cause), 0);
	struct cluster got;
	assert_int_equal(store_cluster_get(s, 2, &got, &cause), 0);
	assert_string_equal(got.name, "Cụm thi đua số 2");
	assert_int_equal(got.n_units, 2);
	assert_string_equal(got.units[0], "Đoàn trường A");
	assert_string_equal(got.units[1], "Đoàn trường B");
	cluster_free(&got);
	assert_int_equal(store_cluster_get(s, 1, &got, &cause), 0);
	assert_string_equal(got.name, "Cụm thi đua số 1");
	assert_int_equal(got.n_units, 0);
	cluster_free(&got);
	store_close(s);
}

/* Dates and times as the store and the interchange take them: a day
 * the month has (29 February in leap years only), hours 00-23. */
static void test_iso_dates(void **state)
{
	(void)state;
	assert_true(iso_date_valid("2023-06-30"));
	assert_true(iso_date_valid("2024-02-29"));
	assert_true(iso_date_valid("2000-02-29"));
	assert_false(iso_date_valid("1900-02-29"));
	assert_false(iso_date_valid("2023-02-29"));
	assert_false(iso_date_valid("2023-02-30"));
	assert_false(iso_date_valid("2023-04-31"));
	assert_true(iso_date_valid("2023-12-31"));
	assert_false(iso_date_valid("2023-13-01"));
	assert_false(iso_date_valid("2023-06-00"));
	assert_false(iso_date_valid("2023-06-30x"));
	assert_true(iso_time_valid("2023-04-12T08:00"));
	assert_true(iso_time_valid("2023-04-12T23:59:59"));
	assert_false(iso_time_valid("2023-02-30T08:00"));
	assert_false(iso_time_valid("2023-04-12T24:00"));
}

static void test_period(void **state)
{
	int q, y;
	assert_int_equal(period_parse("III/2024", &q, &y), 0);
	assert_int_equal(q, 3);
	assert_int_equal(y, 2024);
	assert_int_equal(period_parse("V/2024", &q, &y), -1);
	assert_int_equal(period_parse("I/24", &q, &y), -1);
	char *p = period_normalize("2/2023");
	assert_string_equal(p, "II/2023");
	free(p);
	p = period_normalize("iv/2023");
	assert_string_equal(p, "IV/2023");
	free(p);
	assert_int_equal(role_parse("chairman"), -1);
	assert_int_equal(role_parse("secretary"), ROLE_SECRETARY);
	assert_string_equal(note_kind_name(NK_DECISION), "decision");
}

/* One text from SQL (allocated, NULL for none). */
static char *sql1(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static void expect_sql(struct store *s, const char *sql, const char *want)
{
	char *v = sql1(s, sql);
	if (!str_eq(v, want))
		fail_msg("%s: got %s, want %s", sql, v ? v : "NULL", want ? want : "NULL");
	free(v);
}

/* The period comes from the start: at creation, and when the start moves
 * while the period was empty or the old start's quarter; a period typed
 * for another quarter stays (issue 10). */
static void test_period_from_start(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	int64_t id;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	assert_int_equal(store_meeting_create(s, "Họp", "2023-05-10 08:00", 0, NULL, &id, &cause),
			 0);
	expect_sql(s, "SELECT period || ' ' || period_key FROM meetings", "II/2023 20232");
	assert_int_equal(store_meeting_set(s, id, MF_STARTS_AT, "2023-08-01 08:00", &cause), 0);
	expect_sql(s, "SELECT period || ' ' || period_key FROM meetings", "III/2023 20233");
	assert_int_equal(store_meeting_set(s, id, MF_PERIOD, "I/2024", &cause), 0);
	assert_int_equal(store_meeting_set(s, id, MF_STARTS_AT, "2023-11-02 08:00", &cause), 0);
	expect_sql(s, "SELECT period FROM meetings", "I/2024");
	assert_int_equal(store_meeting_set(s, id, MF_PERIOD, "", &cause), 0);
	assert_int_equal(store_meeting_set(s, id, MF_STARTS_AT, "2024-01-15 08:00", &cause), 0);
	expect_sql(s, "SELECT period FROM meetings", "I/2024");
	store_close(s);
}

/* The period a title names wins over the start's quarter: the meeting
 * about the second quarter is held in July (the walk-through created
 * "… quý II/2023" on 12/07/2023 and got III/2023). */
static void test_period_from_title(void **state)
{
	(void)state;
	char *p = period_in_title("Hội nghị giao ban Cụm thi đua số 4 quý II/2023");
	assert_string_equal(p, "II/2023");
	free(p);
	p = period_in_title("Quý 3/2024: giao ban");
	assert_string_equal(p, "III/2024");
	free(p);
	p = period_in_title("Giao ban các cụm quý I/2023, triển khai nhiệm vụ quý II năm 2023");
	assert_string_equal(p, "I/2023");
	free(p);
	p = period_in_title("GIAO BAN QUÝ IV NĂM 2025");
	assert_string_equal(p, "IV/2025");
	free(p);
	assert_null(period_in_title("Họp quý V/2023"));
	assert_null(period_in_title("Họp quý II/23"));
	assert_null(period_in_title("Họp quý"));
	assert_null(period_in_title(NULL));
	/* the cluster, likewise (a new meeting from the list of all clusters) */
	assert_int_equal(cluster_in_title("Hội nghị giao ban Cụm thi đua số 2 quý I/2023"), 2);
	assert_int_equal(cluster_in_title("HỘI NGHỊ GIAO BAN CỤM THI ĐUA SỐ 12"), 12);
	assert_int_equal(cluster_in_title("Giao ban cụm thi đua 3"), 3);
	assert_int_equal(cluster_in_title("Giao ban Cụm 4 quý II/2023"), 4);
	assert_int_equal(cluster_in_title("Giao ban các cụm quý I/2023"), 0);
	assert_int_equal(cluster_in_title("Cụm thi đua số 2a"), 0);
	assert_int_equal(cluster_in_title("Học cụm 0"), 0);
	assert_int_equal(cluster_in_title("Khuyến khích cụm"), 0);
	assert_int_equal(cluster_in_title(NULL), 0);

	struct store *s;
	char *cause = NULL;
	int64_t id;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	assert_int_equal(store_meeting_create(s, "Giao ban Cụm 4 quý II/2023", "2023-07-12 08:00",
					      0, NULL, &id, &cause),
			 0);
	expect_sql(s, "SELECT period || ' ' || period_key FROM meetings", "II/2023 20232");
	expect_sql(s, "SELECT c.number FROM meetings m JOIN clusters c ON c.id = m.cluster_id",
		   "4");
	/* The start moves: the title still says which quarter. */
	assert_int_equal(store_meeting_set(s, id, MF_STARTS_AT, "2023-07-14 08:00", &cause), 0);
	expect_sql(s, "SELECT period FROM meetings", "II/2023");
	/* The title is corrected: the period follows it. */
	assert_int_equal(store_meeting_set(s, id, MF_TITLE, "Giao ban Cụm 4 quý III/2023", &cause),
			 0);
	expect_sql(s, "SELECT period || ' ' || period_key FROM meetings", "III/2023 20233");
	/* A title without a quarter: the start's. */
	assert_int_equal(store_meeting_set(s, id, MF_TITLE, "Giao ban Cụm 4", &cause), 0);
	expect_sql(s, "SELECT period FROM meetings", "III/2023");
	/* Typed by hand for another quarter: kept whatever the title says. */
	assert_int_equal(store_meeting_set(s, id, MF_PERIOD, "IV/2023", &cause), 0);
	assert_int_equal(store_meeting_set(s, id, MF_TITLE, "Giao ban quý I/2024", &cause), 0);
	expect_sql(s, "SELECT period FROM meetings", "IV/2023");
	store_close(s);
}

/* Guests added by hand are listed by rank: after the chair, before the
 * host's staff and the units' delegates, after the guests already there;
 * the others keep their order. */
/* Guests go in by rank; a stand-in after the one they stand in for. */
static void test_guests_added_by_rank(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	int64_t m, id;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	assert_int_equal(store_meeting_create(s, "Quý II", "2026-06-10 08:00", 0, NULL, &m, &cause),
			 0);
	static const char *const names[] = {"Chủ Trì", "Chuyên Viên", "Bí Thư Huyện"};
	static const enum role roles[] = {ROLE_CHAIR, ROLE_SECRETARY, ROLE_DELEGATE};
	for (int i = 0; i < 3; i++) {
		struct attendee a = {.name = (char *)names[i], .role = roles[i]};
		assert_int_equal(store_attendee_add(s, m, &a, &id, &cause), 0);
	}
	struct attendee g1 = {.name = "Khách Một", .role = ROLE_GUEST};
	struct attendee g2 = {.name = "Khách Hai", .role = ROLE_GUEST};
	struct attendee d = {.name = "Bí Thư Thị", .role = ROLE_DELEGATE};
	assert_int_equal(store_attendee_add(s, m, &g1, &id, &cause), 0);
	assert_int_equal(store_attendee_add(s, m, &d, &id, &cause), 0);
	assert_int_equal(store_attendee_add(s, m, &g2, &id, &cause), 0);
	/* A stand-in for the excused delegate takes their unit's place, not
	 * the end of the list. */
	struct attendee sub = {.name = "Phó Bí Thư Huyện",
			       .role = ROLE_DELEGATE,
			       .substitute_for = "Bí Thư Huyện"};
	assert_int_equal(store_attendee_add(s, m, &sub, &id, &cause), 0);
	struct meeting *got = NULL;
	assert_int_equal(store_meeting_load(s, m, &got, &cause), 0);
	static const char *const want[] = {"Chủ Trì",	   "Khách Một",	       "Khách Hai",
					   "Chuyên Viên",  "Bí Thư Huyện",     "Phó Bí Thư Huyện",
					   "Bí Thư Thị"};
	assert_int_equal(got->n_attendees, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(got->attendees[i].name, want[i]);
	meeting_free(got);
	store_close(s);
}

/* Preparing a meeting takes the previous one's attendees afresh from the
 * directory: a title changed since shows the new one; roles kept, guests
 * and one-off substitutes not taken, nobody twice; a second chair is refused by name (issue 10). */
/* A late arrival is a time while the meeting runs: before its start, or
 * after its end once it has one, it is refused, naming both times, and
 * nothing is written; the same through the attendee's form field. */
static void test_late_arrival_within_meeting(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	int64_t m, a;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	assert_int_equal(store_meeting_create(s, "Quý I", "2023-03-10 08:00", 0, NULL, &m, &cause),
			 0);
	struct attendee at = {.name = "Lê Văn Ba", .role = ROLE_DELEGATE, .presence = PRES_PRESENT};
	assert_int_equal(store_attendee_add(s, m, &at, &a, &cause), 0);
	assert_int_equal(store_attendee_set_presence(s, a, PRES_LATE, "07:30", &cause), -1);
	assert_non_null(strstr(cause, "07:30 is before the meeting started (08:00)"));
	free(cause);
	cause = NULL;
	struct meeting *got;
	assert_int_equal(store_meeting_load(s, m, &got, &cause), 0);
	assert_int_equal(got->attendees[0].presence, PRES_PRESENT);
	assert_null(got->attendees[0].arrived_at);
	meeting_free(got);
	assert_int_equal(store_attendee_set_presence(s, a, PRES_LATE, "08:20", &cause), 0);
	assert_int_equal(store_meeting_set(s, m, MF_ENDS_AT, "10:00", &cause), 0);
	assert_int_equal(store_attendee_set_presence(s, a, PRES_LATE, "10:30", &cause), -1);
	assert_non_null(strstr(cause, "10:30 is after the meeting ended (10:00)"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_attendee_set(s, a, ATF_ARRIVED_AT, "07:00", &cause), -1);
	assert_non_null(strstr(cause, "07:00 is before the meeting started (08:00)"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_meeting_load(s, m, &got, &cause), 0);
	assert_int_equal(got->attendees[0].presence, PRES_LATE);
	assert_string_equal(got->attendees[0].arrived_at, "2023-03-10T08:20");
	meeting_free(got);
	assert_int_equal(store_attendee_set(s, a, ATF_ARRIVED_AT, "09:15", &cause), 0);
	store_close(s);
}

/* The same person is not added to a meeting twice: from the directory,
 * or as an earlier meeting's attendee of the same name and unit. */
static void test_attendee_added_once(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	int64_t cl, unit, person, m1, m2, a, b;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	assert_int_equal(store_cluster_add(s, 7, "Cụm 7", &cl, &cause), 0);
	assert_int_equal(store_unit_add(s, cl, "Huyện đoàn An Lão", &unit, &cause), 0);
	assert_int_equal(store_person_add(s, unit, "Đinh Văn Lâm", "Bí thư", &person, &cause), 0);
	assert_int_equal(store_meeting_create(s, "Quý I", "2023-03-10 08:00", 7, NULL, &m1, &cause),
			 0);
	struct attendee c = {.name = "Hà Duy Trung", .role = ROLE_CHAIR, .presence = PRES_PRESENT};
	assert_int_equal(store_attendee_add(s, m1, &c, &b, &cause), 0);
	assert_int_equal(store_attendee_add_person(s, m1, person, &a, &cause), 0);
	assert_int_equal(store_attendee_add_person(s, m1, person, &b, &cause), -1);
	assert_string_equal(cause, "Đinh Văn Lâm is already on the list (row 2)");
	free(cause);
	cause = NULL;
	/* As the earlier meeting's attendee (a negative id) into a meeting
	 * that has them: refused too; into another: taken. */
	assert_int_equal(store_attendee_add_person(s, m1, -a, &b, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(store_meeting_create(s, "Quý II", "2023-06-10 08:00", 7, NULL, &m2, &cause),
			 0);
	assert_int_equal(store_attendee_add_person(s, m2, -a, &b, &cause), 0);
	struct meeting *got;
	assert_int_equal(store_meeting_load(s, m1, &got, &cause), 0);
	assert_int_equal(got->n_attendees, 2);
	meeting_free(got);
	store_close(s);
}

static void test_attendees_from_previous(void **state)
{
	(void)state;
	struct store *s;
	char *cause = NULL;
	int64_t cl, unit, person, a1, b1, guest, chair, other;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	assert_int_equal(store_cluster_add(s, 7, "Cụm 7", &cl, &cause), 0);
	assert_int_equal(store_unit_add(s, cl, "Huyện đoàn Hoài Ân", &unit, &cause), 0);
	assert_int_equal(store_person_add(s, unit, "Lê Văn Ba", "Phó Bí thư", &person, &cause), 0);
	assert_int_equal(store_meeting_create(s, "Quý I", "2023-03-10 08:00", 7, NULL, &a1, &cause),
			 0);
	int64_t att;
	assert_int_equal(store_attendee_add_person(s, a1, person, &att, &cause), 0);
	struct attendee g = {.name = "Khách", .role = ROLE_GUEST, .presence = PRES_PRESENT};
	assert_int_equal(store_attendee_add(s, a1, &g, &guest, &cause), 0);
	struct attendee c = {.name = "Nguyễn Chủ Trì",
			     .role = ROLE_CHAIR,
			     .presence = PRES_LATE,
			     .arrived_at = "2023-03-10T08:20"};
	assert_int_equal(store_attendee_add(s, a1, &c, &chair, &cause), 0);
	/* Stood in for the chair that once: not taken (the chair is). */
	int64_t sub;
	struct attendee st = {.name = "Đinh Văn Quý",
			      .role = ROLE_DELEGATE,
			      .presence = PRES_PRESENT,
			      .substitute_for = "Nguyễn Chủ Trì"};
	assert_int_equal(store_attendee_add(s, a1, &st, &sub, &cause), 0);
	/* Stood in for someone the list did not hold (only the stand-in was
	 * recorded): that one is taken, with the unit, so the unit is not
	 * lost. */
	int64_t sub2;
	struct attendee st2 = {.name = "Phó Bí thư Đoàn Công an tỉnh",
			       .unit = "Đoàn Công an tỉnh",
			       .role = ROLE_DELEGATE,
			       .presence = PRES_PRESENT,
			       .substitute_for = "Bí thư Đoàn Công an tỉnh"};
	assert_int_equal(store_attendee_add(s, a1, &st2, &sub2, &cause), 0);
	/* Promoted since: the directory says so. */
	assert_int_equal(store_person_set(s, person, "Lê Văn Ba", "Bí thư", &cause), 0);
	assert_int_equal(
	    store_meeting_create(s, "Quý II", "2023-06-10 08:00", 7, NULL, &b1, &cause), 0);
	int64_t prev;
	size_t added;
	assert_int_equal(store_attendees_from_previous(s, b1, &prev, &added, &cause), 0);
	assert_int_equal(prev, a1);
	assert_int_equal(added, 3);
	char *q =
	    xasprintf("SELECT group_concat(name || '/' || coalesce(title, '') || '/' || role"
		      " || '/' || presence || '/' || coalesce(arrived_at, '-') || '/' ||"
		      " coalesce(unit, ''), '|')"
		      " FROM (SELECT * FROM attendees WHERE meeting_id = %lld ORDER BY position)",
		      (long long)b1);
	expect_sql(s, q,
		   "Lê Văn Ba/Bí thư/delegate/present/-/Huyện đoàn Hoài Ân|Nguyễn Chủ Trì//chair/"
		   "present/-/|Bí thư Đoàn Công an tỉnh//delegate/present/-/Đoàn Công an tỉnh");
	assert_int_equal(store_attendees_from_previous(s, b1, &prev, &added, &cause), 0);
	assert_int_equal(added, 0);
	free(q);
	/* A second chair is refused, naming who holds it. */
	struct attendee o = {.name = "Trần Khác", .role = ROLE_DELEGATE, .presence = PRES_PRESENT};
	assert_int_equal(store_attendee_add(s, b1, &o, &other, &cause), 0);
	assert_int_equal(store_attendee_set_role(s, other, ROLE_CHAIR, &cause), -1);
	assert_non_null(strstr(cause, "Nguyễn Chủ Trì already chairs this meeting"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_attendee_set_role(s, other, ROLE_SECRETARY, &cause), 0);
	/* The first meeting of a cluster has nothing to take. */
	assert_int_equal(store_attendees_from_previous(s, a1, &prev, &added, &cause), -1);
	free(cause);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_open_memory_and_pragmas),
	    cmocka_unit_test(test_iso_dates),
	    cmocka_unit_test(test_file_created_0600_in_0700_dir_and_wal),
	    cmocka_unit_test(test_newer_schema_refused),
	    cmocka_unit_test(test_old_schema_migrated),
	    cmocka_unit_test(test_version1_store_upgraded_keeping_data),
	    cmocka_unit_test(test_not_a_database),
	    cmocka_unit_test(test_meeting_roundtrip_nfc),
	    cmocka_unit_test(test_invalid_utf8_rejected_nothing_written),
	    cmocka_unit_test(test_readonly_refuses_writes),
	    cmocka_unit_test(test_approved_not_writable_and_change_log),
	    cmocka_unit_test(test_org_defaults_and_set),
	    cmocka_unit_test(test_nested_transaction_rollback),
	    cmocka_unit_test(test_units_add_and_merge),
	    cmocka_unit_test(test_period),
	    cmocka_unit_test(test_period_from_start),
	    cmocka_unit_test(test_period_from_title),
	    cmocka_unit_test(test_attendees_from_previous),
	    cmocka_unit_test(test_late_arrival_within_meeting),
	    cmocka_unit_test(test_attendee_added_once),
	    cmocka_unit_test(test_guests_added_by_rank),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
