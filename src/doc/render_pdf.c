/* render_pdf.c - PDF export. The layout itself (Pango shaping and line
 * breaking, Cairo's PDF surface) lives in the module bienban-pdf.so
 * (src/doc/pdf/), which this file opens with dlopen on the first PDF
 * export: Pango, Cairo, HarfBuzz, fontconfig and FreeType are some twenty
 * libraries the dynamic loader would otherwise map at every start of
 * bienban, for one export format (as zipw.c does for libzip). */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "pdf_module.h"
#include "render.h"

#ifndef BB_PDF_LIBDIR
#define BB_PDF_LIBDIR "/usr/local/lib/bienban"
#endif

static const struct bb_pdf_module *module;

/* The directory of the running program, or NULL. Allocated. */
static char *program_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(buf);
}

/* Open the module at path: 0, or -1 with *cause. */
static int load_from(const char *path, char **cause)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		return set_cause(cause, _("PDF export: cannot load the module: %s"),
				 why ? why : path);
	}
	/* dlsym returns an object pointer; POSIX guarantees the conversion
	 * to a function pointer works. */
	bb_pdf_entry_fn entry = (bb_pdf_entry_fn)dlsym(h, BB_PDF_ENTRY);
	const struct bb_pdf_module *m = entry ? entry() : NULL;
	if (!m || m->abi != BB_PDF_ABI || m->doc_size != sizeof(struct doc) ||
	    m->block_size != sizeof(struct doc_block)) {
		dlclose(h);
		return set_cause(cause,
				 _("PDF export: %s belongs to another version of bienban "
				   "(install both from the same build)"),
				 path);
	}
	module = m;
	return 0;
}

/* The module: $BIENBAN_PDF_MODULE if set (tests), else beside the
 * program (the build tree), else in LIBDIR/bienban (installed). Loaded
 * once; NULL with *cause, and a later call tries again. */
static const struct bb_pdf_module *pdf_module(char **cause)
{
	if (module)
		return module;
	const char *env = getenv("BIENBAN_PDF_MODULE");
	if (env && *env)
		return load_from(env, cause) == 0 ? module : NULL;
	char *dir = program_dir();
	char *beside = dir ? xasprintf("%s/%s", dir, BB_PDF_MODULE_NAME) : NULL;
	free(dir);
	const char *installed = BB_PDF_LIBDIR "/" BB_PDF_MODULE_NAME;
	int rc = -1;
	if (beside && access(beside, F_OK) == 0)
		rc = load_from(beside, cause);
	else if (access(installed, F_OK) == 0)
		rc = load_from(installed, cause);
	else
		set_cause(cause,
			  _("PDF export needs %s, which is neither beside the program nor in "
			    "%s: build bienban with libpango1.0-dev and libcairo2-dev installed"),
			  BB_PDF_MODULE_NAME, BB_PDF_LIBDIR);
	free(beside);
	return rc == 0 ? module : NULL;
}

static int append(void *ctx, const unsigned char *data, size_t len)
{
	strbuf_add(ctx, (const char *)data, len);
	return 0;
}

/* Now, or $SOURCE_DATE_EPOCH for a reproducible file. */
static long long creation_time(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e && *e) {
		char *end;
		errno = 0;
		long long t = strtoll(e, &end, 10);
		if (!*end && !errno && t >= 0)
			return t;
	}
	return (long long)time(NULL);
}

static int pdf_render(const struct doc *d, const struct render_opts *opts, struct strbuf *out,
		      char **cause)
{
	(void)opts;
	const struct bb_pdf_module *m = pdf_module(cause);
	if (!m)
		return -1;
	struct bb_pdf_job job = {.write = append, .ctx = out, .created = creation_time()};
	char err[256] = "";
	if (m->render(d, &job, err, sizeof err) < 0)
		return set_cause(cause, _("PDF export failed: %s"), err);
	return 0;
}

const struct renderer render_pdf = {"pdf", 1, pdf_render};
