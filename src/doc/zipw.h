/* zipw.h - the libzip functions bienban uses, through a table that is
 * filled when a docx or odt export first needs it (src/doc/zipw.c says why). */
#ifndef BB_ZIPW_H
#define BB_ZIPW_H

#include <zip.h>

/* Every libzip function called anywhere in bienban: one X(name) each. */
#define ZIPW_FUNCS(X)                                                                              \
	X(zip_close)                                                                               \
	X(zip_discard)                                                                             \
	X(zip_error_fini)                                                                          \
	X(zip_error_init)                                                                          \
	X(zip_error_strerror)                                                                      \
	X(zip_file_add)                                                                            \
	X(zip_file_set_mtime)                                                                      \
	X(zip_open_from_source)                                                                    \
	X(zip_set_file_compression)                                                                \
	X(zip_source_buffer)                                                                       \
	X(zip_source_buffer_create)                                                                \
	X(zip_source_close)                                                                        \
	X(zip_source_free)                                                                         \
	X(zip_source_keep)                                                                         \
	X(zip_source_open)                                                                         \
	X(zip_source_read)                                                                         \
	X(zip_source_stat)                                                                         \
	X(zip_strerror)

/* Pointers with the exact types of zip.h: call z->zip_close(za) etc. */
struct zipw {
#define ZIPW_MEMBER(f) __typeof__(f) *f;
	ZIPW_FUNCS(ZIPW_MEMBER)
#undef ZIPW_MEMBER
};

/* The table, loading libzip on the first call (later calls return the same
 * table at once). NULL with *cause "FORMAT export needs libzip (SONAME):
 * why" when libzip cannot be loaded or lacks a function; a later call tries
 * again. format names the export in that message ("docx"). Not
 * thread-safe (bienban exports from one thread). */
const struct zipw *zipw_get(const char *format, char **cause);

/* The SONAME dlopen'ed ("libzip.so.4"), or NULL when libzip is linked. */
const char *zipw_soname(void);

#endif
