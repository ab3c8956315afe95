/* zipw.c - libzip loaded with dlopen when the first docx or odt is written.
 *
 * Why: libzip brings libcrypto, libbz2 and libz with it, and the dynamic
 * loader maps and relocates all of them at every start of bienban (libcrypto
 * alone has ~21,000 relocations): about 3 ms, more than nano needs for its
 * whole start-up, for a library that only docx/odt export uses. So when
 * meson found libzip's SONAME (BB_ZIP_SONAME, see meson.build) bienban does
 * not link it and opens it here on first use; otherwise it is linked as
 * usual and the table holds the linked functions. */
#include "i18n.h"
#include "zipw.h"

#include "util.h"

#ifdef BB_ZIP_SONAME

#include <dlfcn.h>

static struct zipw table;
static int loaded;

const struct zipw *zipw_get(const char *format, char **cause)
{
	if (loaded)
		return &table;
	/* RTLD_LOCAL: libzip's symbols serve this table only. The handle is
	 * never closed: libcrypto cannot be unloaded anyway (NODELETE). */
	void *h = dlopen(BB_ZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		set_cause(cause, _("%s export needs libzip (%s): %s"), format, BB_ZIP_SONAME,
			  why ? why : "cannot load it");
		return NULL;
	}
	struct zipw t;
	/* dlsym returns an object pointer; POSIX guarantees that converting it
	 * to the function's pointer type works. */
#define ZIPW_LOAD(f)                                                                               \
	if (!(t.f = (__typeof__(t.f))dlsym(h, #f))) {                                              \
		const char *why = dlerror();                                                       \
		set_cause(cause, _("%s export needs libzip (%s): %s"), format, BB_ZIP_SONAME,      \
			  why ? why : "no " #f);                                                   \
		dlclose(h);                                                                        \
		return NULL;                                                                       \
	}
	ZIPW_FUNCS(ZIPW_LOAD)
#undef ZIPW_LOAD
	table = t;
	loaded = 1;
	return &table;
}

const char *zipw_soname(void)
{
	return BB_ZIP_SONAME;
}

#else /* libzip is linked */

static const struct zipw table = {
#define ZIPW_LINKED(f) .f = f,
    ZIPW_FUNCS(ZIPW_LINKED)
#undef ZIPW_LINKED
};

const struct zipw *zipw_get(const char *format, char **cause)
{
	(void)format;
	(void)cause;
	return &table;
}

const char *zipw_soname(void)
{
	return NULL;
}

#endif
