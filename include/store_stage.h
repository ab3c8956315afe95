/* store_stage.h - an import staged outside the store's write lock (issue
 * 16): the rows go first into a private staging store (a file of its own,
 * 0600, in $TMPDIR), written while other programs write the store; then
 * one short transaction on the store re-checks what may have changed
 * meanwhile and copies everything with set-based INSERT ... SELECT, the
 * ids renumbered, and indexes the new search rows in one statement. */
#ifndef BB_STORE_STAGE_H
#define BB_STORE_STAGE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "store.h"
#include "store_review.h"

struct store_stage;

/* Create and open the staging store (removing the ones of earlier imports
 * whose process is gone) and begin its transaction. The file is removed
 * by store_stage_free, and on SIGINT, SIGTERM, SIGHUP or SIGQUIT. */
int store_stage_open(struct store_stage **out, char **cause);
/* The staging store itself, for the ordinary inserters. */
struct store *store_stage_store(struct store_stage *st);
/* Its file's path (for tests and messages). */
const char *store_stage_path(const struct store_stage *st);

/* Stage meeting pos of the document (doc_id its "id", 0 if none): the
 * same id twice, the same title and start twice, or a meeting already in
 * s (read, no lock) is refused with the JSON path in *cause. */
int store_stage_meeting(struct store_stage *st, struct store *s, size_t pos, int64_t doc_id,
			const struct meeting *m, int64_t *stage_id, char **cause);
/* A directive or proposal (its staging id) closed in a meeting, staged
 * (at_stage) or already in the store (at_main). */
int store_stage_closed(struct store_stage *st, enum carry_kind kind, int64_t row, int64_t at_stage,
		       int64_t at_main, char **cause);
/* An item carried over into staged meeting `meeting`: a staged one
 * (item_stage) or one already in the store (item_main). */
int store_stage_carry(struct store_stage *st, int64_t meeting, enum carry_kind kind,
		      int64_t item_stage, int64_t item_main, char **cause);

/* Commit the staging transaction and copy everything into s in one
 * BEGIN IMMEDIATE transaction: org (into a store without one), then the
 * clusters, then the meetings and all their rows. A meeting another
 * writer stored meanwhile, or a meeting or item referred to that was
 * deleted meanwhile, fails it all and s is unchanged. *ids (allocated, in
 * the document's order) receives the new meeting ids. */
int store_stage_copy(struct store_stage *st, struct store *s, const struct org *org,
		     const struct cluster *clusters, size_t n_clusters, int64_t **ids, size_t *n,
		     char **cause);

/* Close and remove the staging store; NULL is a no-op. */
void store_stage_free(struct store_stage *st);

#endif
