/* fuzz_search.c - libFuzzer target: the search query builder. Any bytes
 * are taken as what a user typed (text, then after a NUL byte the speaker
 * filter) and searched in a store holding the demo; the expression must
 * be one FTS5 accepts (a syntax error here is a query the user could not
 * make literal), and nothing may crash. tests/fuzz/run.sh builds and runs
 * it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "interchange.h"
#include "store.h"
#include "store_search.h"
#include "util.h"

static struct store *demo_store(void)
{
	static struct store *s;
	if (s)
		return s;
	char *cause = NULL;
	const struct embedded_file *demo = embedded_find("demo.json");
	struct interchange doc;
	struct strbuf w = {0};
	int64_t *ids;
	size_t n;
	if (!demo || store_open(&s, ":memory:", STORE_CREATE, &cause) < 0 ||
	    interchange_parse(demo->data, strlen(demo->data), &doc, &w, &cause) < 0 ||
	    interchange_import(s, &doc, &ids, &n, &cause) < 0) {
		fprintf(stderr, "cannot load the demo: %s\n", cause ? cause : "?");
		abort();
	}
	free(ids);
	strbuf_free(&w);
	interchange_free(&doc);
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s = demo_store();
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	size_t tlen = strlen(text);
	const char *speaker = tlen + 1 < size ? text + tlen + 1 : NULL;
	char *expr = search_expr(text);
	free(expr);
	struct search_query q = {.text = text, .speaker = speaker};
	struct search_hit *hits = NULL;
	size_t n = 0;
	char *cause = NULL;
	int too_long = search_query_check(text, NULL) < 0 || search_query_check(speaker, NULL) < 0;
	int rc = store_search(s, &q, 0, 5, &hits, &n, &cause);
	if (rc < 0 && !too_long) {
		/* A refusal is only ever the length limit. */
		fprintf(stderr, "search refused a query: %s\n", cause ? cause : "?");
		abort();
	}
	for (size_t i = 0; i < n; i++)
		search_hit_free(&hits[i]);
	free(hits);
	free(cause);
	free(text);
	return 0;
}
