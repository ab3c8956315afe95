/* util.h - allocation that never fails, growable strings, error causes. */
#ifndef BB_UTIL_H
#define BB_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <time.h>
#include <stdio.h>

#if defined(__GNUC__)
#define BB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define BB_PRINTF(a, b)
#endif

#define BB_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Out of memory is fatal: these print "bienban: out of memory" and exit(1). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size; overflow-checked. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
/* Copy of s (NULL stays NULL). Caller frees. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Allocated formatted string. Caller frees. */
char *xasprintf(const char *fmt, ...) BB_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap);

/* Set *cause (when cause is not NULL) to an allocated message; returns -1
 * so that callers can write `return set_cause(cause, "...")`. */
int set_cause(char **cause, const char *fmt, ...) BB_PRINTF(2, 3);

/* A growable NUL-terminated byte string. Zero-initialise to start. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) BB_PRINTF(2, 3);
void strbuf_reset(struct strbuf *sb);
/* Give up ownership of the buffer (never NULL); the strbuf is reset. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);

/* Same string, treating NULL as "". */
int str_eq(const char *a, const char *b);
/* True if s is NULL or "". */
int str_empty(const char *s);
/* True if s ends with a non-empty tail (NULLs: false). */
int str_ends_with(const char *s, const char *tail);

/* Write len bytes to path atomically: a temp file in the same directory,
 * fsync, rename, fsync of the directory. A new file gets mode & ~umask
 * (pass 0666 for a document); a file replaced (overwrite) keeps its
 * mode. A private mode (no group or other bits, 0600) is always given
 * exactly. Only a regular file is replaced: a directory, device, FIFO or
 * socket at path is refused. If !overwrite and path exists, fails.
 * Returns 0, or -1 with *cause. */
int atomic_write_file(const char *path, const void *data, size_t len, int mode, int overwrite,
		      char **cause);

/* The wall clock that notes and the meeting's progress are stamped with:
 * time(NULL), or, when $BIENBAN_CLOCK_FILE names a file starting with a
 * local minute "YYYY-MM-DDTHH:MM", that minute (re-read at each call): the
 * clock of the tests that replay a whole meeting. */
time_t now_wall(void);
/* now_wall() as local ISO 8601 minutes "YYYY-MM-DDTHH:MM" into buf[17]. */
void now_iso_minute(char buf[17]);
/* Wall clock now as local ISO 8601 seconds "YYYY-MM-DDTHH:MM:SS" into
 * buf[20] (the store's change-log and updated_at times). */
void now_iso_second(char buf[20]);
/* Monotonic milliseconds. */
long long now_ms(void);

/* Benchmarks only: the start-up's milestones. start_mark() notes the
 * monotonic time (CLOCK_MONOTONIC, the clock a benchmark that forked the
 * program reads too) under a name; start_marks_write() writes them all,
 * "NAME MICROSECONDS" a line, to the file $BIENBAN_START_TIMES names, if
 * any, once the start-up is over (so no writing falls inside it). At
 * most 16 marks; more are dropped. */
void start_mark(const char *name);
void start_marks_write(void);

#endif
