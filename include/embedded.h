/* embedded.h - data files compiled into the binary: db/NNN_*.sql and db/demo.json. */
#ifndef BB_EMBEDDED_H
#define BB_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* base name, "001_init.sql" */
	const char *data; /* NUL-terminated */
	size_t len;
};
/* Terminated by an entry with name NULL. */
extern const struct embedded_file embedded_files[];

/* The embedded file with that base name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
