/* store_directory.h - the directory behind the meetings: clusters, their
 * units, and people (name, title, unit) from which attendees are added.
 * Editing the directory never changes past minutes (attendees are
 * snapshots). All return 0, or -1 with an allocated *cause. */
#ifndef BB_STORE_DIRECTORY_H
#define BB_STORE_DIRECTORY_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct unit_row {
	int64_t id;
	char *name;
	int64_t cluster_id; /* 0: none */
	int n_people;
};
struct person_row {
	int64_t id;
	char *name, *title; /* title may be NULL */
	int64_t unit_id;    /* 0: none */
	char *unit;	    /* unit name, may be NULL */
};
void unit_row_free(struct unit_row *r);	    /* members only */
void person_row_free(struct person_row *r); /* members only */

/* ==== clusters (listing: store_clusters in store.h) ==== */

/* Add a cluster; the number must be unused. name NULL: "Cụm thi đua số N". */
int store_cluster_add(struct store *s, int number, const char *name, int64_t *id, char **cause);
/* Rename a cluster (name required, stored NFC). */
int store_cluster_rename(struct store *s, int64_t id, const char *name, char **cause);
/* Give a cluster another number (> 0, unused). */
int store_cluster_renumber(struct store *s, int64_t id, int number, char **cause);
/* Delete a cluster; its units stay, without a cluster; its meetings keep
 * their minutes but lose the cluster. */
int store_cluster_delete(struct store *s, int64_t id, char **cause);

/* Sort names (NUL-terminated, none NULL) in place in Vietnamese
 * alphabetical order, the order of COLLATE vi (ICU, loaded at first use);
 * for lists read in another order (the live screen's speaker units). */
void store_names_sort(struct store *s, char **names, size_t n);

/* ==== units ==== */

/* Units of a cluster (cluster 0: units without a cluster), in Vietnamese
 * alphabetical order (COLLATE vi, ICU). */
int store_units(struct store *s, int64_t cluster, struct unit_row **rows, size_t *n, char **cause);
/* Add a unit (name unique) at the end of the cluster's (0: none) units. */
int store_unit_add(struct store *s, int64_t cluster, const char *name, int64_t *id, char **cause);
/* Rename a unit (name required, unique). */
int store_unit_rename(struct store *s, int64_t id, const char *name, char **cause);
/* Delete a unit; its people stay, without a unit. */
int store_unit_delete(struct store *s, int64_t id, char **cause);
/* Move a unit to another cluster (0: none), at the end of its units. */
int store_unit_move(struct store *s, int64_t id, int64_t cluster, char **cause);

/* ==== people ==== */

/* People of a unit (0: without a unit), by name in Vietnamese
 * alphabetical order (COLLATE vi, ICU: a ă â b c d đ e ê ..., tones in order). */
int store_people(struct store *s, int64_t unit, struct person_row **rows, size_t *n, char **cause);
/* People whose name, title or unit matches query ignoring case and marks
 * ("ha duy" finds "Hà Duy Trung"), by name; one page, and the total.
 * Besides the directory, people who attended a meeting before and are not
 * in it are listed with id = -(an attendee id) (store_attendee_add_person
 * takes such ids too). */
int store_people_search(struct store *s, const char *query, int64_t offset, int limit,
			struct person_row **rows, size_t *n, int64_t *total, char **cause);
/* Add a person (name required; title may be NULL) to a unit (0: none). */
int store_person_add(struct store *s, int64_t unit, const char *name, const char *title,
		     int64_t *id, char **cause);
/* Set name and title (title "" or NULL: none). */
int store_person_set(struct store *s, int64_t id, const char *name, const char *title,
		     char **cause);
/* Move a person to another unit (0: none). */
int store_person_move(struct store *s, int64_t id, int64_t unit, char **cause);
/* Delete a person; attendees copied from them keep their names. */
int store_person_delete(struct store *s, int64_t id, char **cause);

#endif
