/* store_stage_copy.h - the copy of a staged import (store_stage_copy.c),
 * for store_stage.c only. */
#ifndef BB_STORE_STAGE_COPY_H
#define BB_STORE_STAGE_COPY_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* Inside the store's transaction, bb_stage attached: re-check, copy, index. */
int stage_copy_in(struct store *s, const struct org *org, const struct cluster *clusters,
		  size_t n_clusters, char **cause);
/* The new meeting ids, in the document's order. */
int stage_read_ids(struct store *s, int64_t **ids, size_t *n, char **cause);

#endif
