/* sqlite_dl.h - libsqlite3 opened with dlopen by the first store_open,
 * after the interface's first paint (sqlite_dl.c).
 *
 * Why: libsqlite3 is linked with BIND_NOW, and the dynamic loader binds its
 * 1,596 symbols before main: 1.2 M of the 5.3 M instructions that come
 * before the home screen's first paint (README, Start-up). When meson
 * found its SONAME (BB_SQLITE_SONAME) bienban does not link it: the store
 * layer's calls go through a table filled by bb_sqlite3_load(), the names
 * made macros here, so the code reads as plain SQLite. Otherwise (a static
 * build, -Dsqlite_dlopen=disabled) the library is linked and loading is a
 * no-op. Include after <sqlite3.h> (db.h does); sqlite_dl.c defines
 * BB_SQLITE_DL_IMPL to see the table's members by their names. */
#ifndef BB_SQLITE_DL_H
#define BB_SQLITE_DL_H

#include <sqlite3.h>

/* 0, or -1 with *cause: the library cannot be opened. Loads once. */
int bb_sqlite3_load(char **cause);

#ifdef BB_SQLITE_SONAME

/* Every SQLite function the store layer calls. */
#define BB_SQLITE_FUNCS(X) \
	X(sqlite3_bind_int64) \
	X(sqlite3_bind_null) \
	X(sqlite3_bind_pointer) \
	X(sqlite3_bind_text) \
	X(sqlite3_busy_timeout) \
	X(sqlite3_changes) \
	X(sqlite3_clear_bindings) \
	X(sqlite3_close) \
	X(sqlite3_column_int) \
	X(sqlite3_column_int64) \
	X(sqlite3_column_text) \
	X(sqlite3_column_type) \
	X(sqlite3_config) \
	X(sqlite3_create_collation_v2) \
	X(sqlite3_create_function) \
	X(sqlite3_create_function_v2) \
	X(sqlite3_errmsg) \
	X(sqlite3_exec) \
	X(sqlite3_extended_errcode) \
	X(sqlite3_extended_result_codes) \
	X(sqlite3_file_control) \
	X(sqlite3_finalize) \
	X(sqlite3_free) \
	X(sqlite3_last_insert_rowid) \
	X(sqlite3_mprintf) \
	X(sqlite3_open_v2) \
	X(sqlite3_prepare_v2) \
	X(sqlite3_prepare_v3) \
	X(sqlite3_progress_handler) \
	X(sqlite3_reset) \
	X(sqlite3_result_null) \
	X(sqlite3_result_text) \
	X(sqlite3_step) \
	X(sqlite3_total_changes) \
	X(sqlite3_value_text)

struct bb_sqlite3_api {
#define BB_SQLITE_MEMBER(f) __typeof__(f) *f;
	BB_SQLITE_FUNCS(BB_SQLITE_MEMBER)
#undef BB_SQLITE_MEMBER
};
extern struct bb_sqlite3_api bb_sqlite3_api;

#ifndef BB_SQLITE_DL_IMPL
#define sqlite3_bind_int64 (*bb_sqlite3_api.sqlite3_bind_int64)
#define sqlite3_bind_null (*bb_sqlite3_api.sqlite3_bind_null)
#define sqlite3_bind_pointer (*bb_sqlite3_api.sqlite3_bind_pointer)
#define sqlite3_bind_text (*bb_sqlite3_api.sqlite3_bind_text)
#define sqlite3_busy_timeout (*bb_sqlite3_api.sqlite3_busy_timeout)
#define sqlite3_changes (*bb_sqlite3_api.sqlite3_changes)
#define sqlite3_clear_bindings (*bb_sqlite3_api.sqlite3_clear_bindings)
#define sqlite3_close (*bb_sqlite3_api.sqlite3_close)
#define sqlite3_column_int (*bb_sqlite3_api.sqlite3_column_int)
#define sqlite3_column_int64 (*bb_sqlite3_api.sqlite3_column_int64)
#define sqlite3_column_text (*bb_sqlite3_api.sqlite3_column_text)
#define sqlite3_column_type (*bb_sqlite3_api.sqlite3_column_type)
#define sqlite3_config (*bb_sqlite3_api.sqlite3_config)
#define sqlite3_create_collation_v2 (*bb_sqlite3_api.sqlite3_create_collation_v2)
#define sqlite3_create_function (*bb_sqlite3_api.sqlite3_create_function)
#define sqlite3_create_function_v2 (*bb_sqlite3_api.sqlite3_create_function_v2)
#define sqlite3_errmsg (*bb_sqlite3_api.sqlite3_errmsg)
#define sqlite3_exec (*bb_sqlite3_api.sqlite3_exec)
#define sqlite3_extended_errcode (*bb_sqlite3_api.sqlite3_extended_errcode)
#define sqlite3_extended_result_codes (*bb_sqlite3_api.sqlite3_extended_result_codes)
#define sqlite3_file_control (*bb_sqlite3_api.sqlite3_file_control)
#define sqlite3_finalize (*bb_sqlite3_api.sqlite3_finalize)
#define sqlite3_free (*bb_sqlite3_api.sqlite3_free)
#define sqlite3_last_insert_rowid (*bb_sqlite3_api.sqlite3_last_insert_rowid)
#define sqlite3_mprintf (*bb_sqlite3_api.sqlite3_mprintf)
#define sqlite3_open_v2 (*bb_sqlite3_api.sqlite3_open_v2)
#define sqlite3_prepare_v2 (*bb_sqlite3_api.sqlite3_prepare_v2)
#define sqlite3_prepare_v3 (*bb_sqlite3_api.sqlite3_prepare_v3)
#define sqlite3_progress_handler (*bb_sqlite3_api.sqlite3_progress_handler)
#define sqlite3_reset (*bb_sqlite3_api.sqlite3_reset)
#define sqlite3_result_null (*bb_sqlite3_api.sqlite3_result_null)
#define sqlite3_result_text (*bb_sqlite3_api.sqlite3_result_text)
#define sqlite3_step (*bb_sqlite3_api.sqlite3_step)
#define sqlite3_total_changes (*bb_sqlite3_api.sqlite3_total_changes)
#define sqlite3_value_text (*bb_sqlite3_api.sqlite3_value_text)
#endif

#endif /* BB_SQLITE_SONAME */

#endif
