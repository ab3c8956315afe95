/* store_reindex.h - rebuilding the search index (check --rebuild-index). */
#ifndef BB_STORE_REINDEX_H
#define BB_STORE_REINDEX_H
#include "store.h"

/* Rebuild search_doc and the FTS index from the source tables: built
 * aside from one snapshot of the store (in a private temporary database,
 * without the write lock), then swapped in by one short write transaction
 * that also takes in what other writers changed meanwhile. 0, or -1 with
 * *cause (the store unchanged). Not inside a transaction. */
int store_search_rebuild(struct store *s, char **cause);

/* For tests: fn(arg) is called by store_search_rebuild when the aside
 * index is built, before the swap, while the snapshot is still held (NULL:
 * nothing). */
void store_reindex_set_hold(void (*fn)(void *), void *arg);
#endif
