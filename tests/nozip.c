/* nozip.c - an LD_PRELOAD shim for tests/cli/export_nozip.sh: dlopen of
 * libzip fails, as on a machine where libzip is not installed; every other
 * dlopen goes through. */
#include <dlfcn.h>
#include <string.h>

static int refused; /* the next dlerror() explains the refusal */

void *dlopen(const char *file, int flags)
{
	if (file && strncmp(file, "libzip", 6) == 0) {
		refused = 1;
		return NULL;
	}
	void *(*real)(const char *, int) = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
	return real(file, flags);
}

char *dlerror(void)
{
	if (refused) {
		refused = 0;
		return "cannot open shared object file: hidden by the nozip test shim";
	}
	char *(*real)(void) = (char *(*)(void))dlsym(RTLD_NEXT, "dlerror");
	return real();
}
