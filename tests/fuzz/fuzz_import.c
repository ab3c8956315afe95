/* fuzz_import.c - libFuzzer target: the interchange import. Any bytes are
 * parsed as a bienban/1 document; what parses is imported into an empty
 * store in memory and exported again; the same bytes go through the
 * streaming reader of the CLI's import too. Nothing may crash, leak or trip
 * the sanitizers; a document that imports must export. tests/fuzz/run.sh
 * builds and runs it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interchange.h"
#include "store.h"
#include "util.h"

static int drop_meeting(void *ctx, size_t i, struct meeting *m, struct interchange_follow *fo,
			size_t done, char **cause)
{
	(void)ctx;
	(void)i;
	(void)done;
	(void)cause;
	interchange_meeting_free(m, fo);
	return 0;
}

/* The streaming reader (the CLI import's): parsed meeting by meeting. */
static void stream(const char *buf, size_t size)
{
	struct interchange doc;
	struct strbuf warnings = {0};
	char *cause = NULL;
	if (interchange_parse_stream(buf, size, &doc, drop_meeting, NULL, &warnings, &cause) == 0)
		interchange_free(&doc);
	free(cause);
	strbuf_free(&warnings);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The import reads a NUL-terminated buffer, as cli_read_file gives. */
	char *buf = xmalloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	stream(buf, size);
	struct interchange doc;
	struct strbuf warnings = {0};
	char *cause = NULL;
	int rc = interchange_parse(buf, size, &doc, &warnings, &cause);
	free(buf);
	strbuf_free(&warnings);
	if (rc < 0) {
		free(cause);
		return 0;
	}
	struct store *s;
	if (store_open(&s, ":memory:", STORE_CREATE, &cause) < 0) {
		fprintf(stderr, "cannot open a store in memory: %s\n", cause);
		abort();
	}
	int64_t *ids = NULL;
	size_t n = 0;
	if (interchange_import_warn(s, &doc, &warnings, &ids, &n, &cause) == 0) {
		char *out = interchange_export(s, ids, n, &cause);
		if (!out) {
			fprintf(stderr, "imported but cannot export: %s\n", cause);
			abort();
		}
		free(out);
		free(ids);
	}
	free(cause);
	strbuf_free(&warnings);
	interchange_free(&doc);
	store_close(s);
	return 0;
}
