/* fuzz_import.c - libFuzzer target: the interchange import. Any bytes are
 * parsed as a bienban/1 document; what parses is imported into an empty
 * store in memory and exported again. Nothing may crash, leak or trip the
 * sanitizers; a document that imports must export. tests/fuzz/run.sh
 * builds and runs it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interchange.h"
#include "store.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The import reads a NUL-terminated buffer, as cli_read_file gives. */
	char *buf = xmalloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
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
