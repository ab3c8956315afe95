/* sqlite_dl.c - libsqlite3 opened with dlopen by the first store_open (see
 * sqlite_dl.h). */
#define BB_SQLITE_DL_IMPL
#include "sqlite_dl.h"

#include "i18n.h"
#include "util.h"

#ifdef BB_SQLITE_SONAME

#include <dlfcn.h>

struct bb_sqlite3_api bb_sqlite3_api;
static int loaded;

int bb_sqlite3_load(char **cause)
{
	if (loaded)
		return 0;
	/* RTLD_LOCAL: its symbols serve this table. Never closed: the
	 * connections live as long as the program. */
	void *h = dlopen(BB_SQLITE_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		return set_cause(cause, _("cannot load SQLite (%s): %s"), BB_SQLITE_SONAME,
				 why ? why : "?");
	}
	struct bb_sqlite3_api t;
	/* dlsym returns an object pointer; POSIX guarantees that converting it
	 * to the function's pointer type works. */
#define BB_SQLITE_LOAD(f)                                                                          \
	if (!(t.f = (__typeof__(t.f))dlsym(h, #f))) {                                              \
		dlclose(h);                                                                        \
		return set_cause(cause, _("cannot load SQLite (%s): %s"), BB_SQLITE_SONAME,        \
				 "no " #f);                                                        \
	}
	BB_SQLITE_FUNCS(BB_SQLITE_LOAD)
#undef BB_SQLITE_LOAD
	bb_sqlite3_api = t;
	loaded = 1;
	return 0;
}

#else /* libsqlite3 is linked */

int bb_sqlite3_load(char **cause)
{
	(void)cause;
	return 0;
}

#endif
