/* interchange_field.h - private to src/doc: reading the fields of a
 * bienban/1 document (interchange_field.c), for the parser and the
 * importer. Every reader returns 0, or -1 with *cause naming the JSON path
 * ("meetings[2].attendees[0].role: ..."). */
#ifndef BB_INTERCHANGE_FIELD_H
#define BB_INTERCHANGE_FIELD_H

#include <jansson.h>
#include <stddef.h>

#include "interchange.h"
#include "util.h"

/* A path like "meetings[2].attendees[0]" is built in a fixed buffer. */
#define PATH_MAX_LEN 128

/* Set *cause to "path.key: fmt" (fmt has one %s, for arg); returns -1. */
int ic_fail(char **cause, const char *path, const char *key, const char *fmt, const char *arg);
/* One line "path.key: unknown field ignored" in *warnings (may be NULL)
 * for each member of obj not in known (NULL-terminated). */
void ic_warn_unknown(json_t *obj, const char *path, const char *const *known,
		     struct strbuf *warnings);

/* Where the string readers report the control characters they removed
 * (NULL: nowhere); set for the length of one parse. */
void ic_set_warnings(struct strbuf *warnings);
/* ic_set_nfc(0): strings are copied as they are, not normalised to NFC
 * (the store normalises what it writes); ic_text is that copy. */
void ic_set_nfc(int on);
/* The document's parts (interchange_parse.c), for the streaming reader. */
int ic_parse_format(json_t *root, struct strbuf *warnings, char **cause);
/* Everything of the top level but "meetings": the format, the
 * organization and the clusters, into doc. */
int ic_parse_head(json_t *root, struct interchange *doc, struct strbuf *warnings, char **cause);
int ic_parse_meeting(json_t *o, const char *path, struct meeting *m,
		     struct interchange_follow *fo, struct strbuf *warnings, char **cause);
int ic_text(const char *in, char **out, char **why);

enum str_check { S_ANY, S_REQUIRED, S_TIME, S_DATE };

/* Read an optional (or required, or time, or date) string member as NFC
 * into *out (allocated; NULL when absent or null), control characters
 * other than newline removed with a warning. */
int ic_get_str(json_t *obj, const char *key, const char *path, enum str_check check, char **out,
	       char **cause);
/* An optional boolean member: absent or null is 0. */
int ic_get_bool(json_t *obj, const char *key, const char *path, int *out, char **cause);
/* Read an enum member with parse; absent or null gives def. expected
 * lists the values for the error. */
int ic_get_enum(json_t *obj, const char *key, const char *path, int (*parse)(const char *),
		const char *expected, int def, int *out, char **cause);
/* The array member key of obj, or NULL when absent or null; *err is -1
 * (with *cause) when it is not an array. */
json_t *ic_get_array(json_t *obj, const char *key, const char *path, char **cause, int *err);
/* An array of strings, as NFC (allocated). */
int ic_get_strv(json_t *obj, const char *key, const char *path, char ***out, size_t *n,
		char **cause);
int ic_expect_object(json_t *v, const char *path, char **cause);
/* A cluster number 1..9999 (0 when absent and not required). */
int ic_get_cluster_number(json_t *obj, const char *key, const char *path, int required, int *out,
			  char **cause);

#endif
