/* store_collate.c - Vietnamese alphabetical order for SQLite: the "vi"
 * collation (ORDER BY name COLLATE vi), through ICU's vi collator (a, ă,
 * â, b, c, d, đ, e, ê, ... with the tones in their order: a à ả ã á ạ),
 * never byte order. ICU is the one library with a complete Vietnamese
 * tailoring (glibc's strcoll needs a vi_VN locale installed and the
 * terminal's locale to be Vietnamese). ICU is loaded with dlopen and the
 * collator opened at the first comparison, not when the store opens: most
 * start-ups sort no names, and linking ICU's three libraries (C++) cost
 * about 1.3 ms of every start-up. ICU's symbols carry its version
 * (ucol_open_72): unicode/urename.h spells them, and the library's name
 * is that of the ICU bienban was built with. If ICU cannot be loaded,
 * names compare byte by byte (NFC; never a crash, never a failed query). */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/uvernum.h>

#include "db.h"
#include "store_rows.h"
#include "util.h"

#define ICU_NAME_(f) #f
#define ICU_NAME(f) ICU_NAME_(f) /* "ucol_open_72": the macro expanded */
#define ICU_LIB "libicui18n.so." U_ICU_VERSION_SHORT

struct collate {
	UCollator *coll;
	int failed; /* ICU or its collator failed once: do not retry on every pair */
	void *lib;
	__typeof__(ucol_open) *open;
	__typeof__(ucol_close) *close;
	__typeof__(ucol_strcollUTF8) *coll_utf8;
};

/* Load ICU and open the vi collator; 0, or -1 (then c->failed). */
static int collate_open(struct collate *c)
{
	c->lib = dlopen(ICU_LIB, RTLD_NOW | RTLD_LOCAL);
	if (c->lib) {
		*(void **)&c->open = dlsym(c->lib, ICU_NAME(ucol_open));
		*(void **)&c->close = dlsym(c->lib, ICU_NAME(ucol_close));
		*(void **)&c->coll_utf8 = dlsym(c->lib, ICU_NAME(ucol_strcollUTF8));
	}
	if (c->open && c->close && c->coll_utf8) {
		UErrorCode e = U_ZERO_ERROR;
		c->coll = c->open("vi", &e);
		if (U_FAILURE(e))
			c->coll = NULL;
	}
	if (!c->coll)
		c->failed = 1;
	return c->coll ? 0 : -1;
}

static int bytes_cmp(int la, const void *a, int lb, const void *b)
{
	int n = memcmp(a, b, (size_t)(la < lb ? la : lb));
	return n ? n : la - lb;
}

static int vi_cmp(void *arg, int la, const void *a, int lb, const void *b)
{
	struct collate *c = arg;
	if (!c->coll && (c->failed || collate_open(c) < 0))
		return bytes_cmp(la, a, lb, b);
	UErrorCode e = U_ZERO_ERROR;
	UCollationResult r = c->coll_utf8(c->coll, a, la, b, lb, &e);
	if (U_FAILURE(e))
		return bytes_cmp(la, a, lb, b);
	if (r == UCOL_EQUAL) /* a total order: equal names by their bytes */
		return bytes_cmp(la, a, lb, b);
	return r == UCOL_LESS ? -1 : 1;
}

static void vi_free(void *arg)
{
	struct collate *c = arg;
	if (c->coll)
		c->close(c->coll);
	/* ICU stays loaded: it keeps process-wide caches (the collation
	 * data) that unloading would leave dangling; dlopen counts, so a
	 * second store shares the same copy. */
	free(c);
}

int store_collate_register(struct store *s)
{
	struct collate *c = xcalloc(1, sizeof *c);
	int rc = sqlite3_create_collation_v2(s->db, "vi", SQLITE_UTF8, c, vi_cmp, vi_free);
	if (rc != SQLITE_OK)
		free(c); /* xDestroy is not called when registering fails */
	else
		s->collate = c; /* SQLite frees it (vi_free) when the store closes */
	return rc;
}

static int names_cmp(const void *a, const void *b, void *arg)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	return vi_cmp(arg, (int)strlen(x), x, (int)strlen(y), y);
}

void store_names_sort(struct store *s, char **names, size_t n)
{
	if (s->collate && n > 1)
		qsort_r(names, n, sizeof *names, names_cmp, s->collate);
}
