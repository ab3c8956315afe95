/* interchange_ahead.c - interchange_parse_stream with the parse a few
 * meetings ahead, on a thread of its own (interchange.h).
 *
 * The import's staging spends about a fifth of its time in jansson and the
 * checks of each meeting, the rest in SQLite. With the parser on a second
 * thread the two overlap: each() still sees every meeting in order, on
 * the calling thread (the only one that touches the store), and at most
 * AHEAD parsed meetings wait in between, so memory stays that of a few
 * meetings. The parser's thread touches nothing but the document's bytes,
 * jansson's trees of its own, the model structs it hands over and the
 * warnings (which each() must not write meanwhile). */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "interchange.h"
#include "util.h"

#define AHEAD 4

struct parsed {
	size_t i, done;
	struct meeting *m;
	struct interchange_follow *fo;
};

struct ahead {
	pthread_mutex_t mu;
	pthread_cond_t moved; /* a meeting was queued or taken, or the end */
	struct parsed q[AHEAD];
	size_t head, len;
	int finished, stop; /* the parser is done; the caller wants no more */
	/* the parser's input and result */
	const char *data;
	size_t size;
	struct interchange *doc;
	struct strbuf *warnings;
	int rc;
	char *cause;
};

/* The parser's each(): queue the meeting, waiting while the queue is full;
 * refused once the caller has stopped (its own error comes first). */
static int queue_meeting(void *vctx, size_t i, struct meeting *m, struct interchange_follow *fo,
			 size_t done, char **cause)
{
	struct ahead *a = vctx;
	pthread_mutex_lock(&a->mu);
	while (a->len == AHEAD && !a->stop)
		pthread_cond_wait(&a->moved, &a->mu);
	int stop = a->stop;
	if (!stop) {
		a->q[(a->head + a->len) % AHEAD] = (struct parsed){i, done, m, fo};
		a->len++;
		pthread_cond_broadcast(&a->moved);
	}
	pthread_mutex_unlock(&a->mu);
	if (stop) {
		interchange_meeting_free(m, fo);
		return set_cause(cause, "stopped");
	}
	return 0;
}

static void *parse_thread(void *arg)
{
	struct ahead *a = arg;
	a->rc = interchange_parse_stream(a->data, a->size, a->doc, queue_meeting, a, a->warnings,
					 &a->cause);
	pthread_mutex_lock(&a->mu);
	a->finished = 1;
	pthread_cond_broadcast(&a->moved);
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

/* The next parsed meeting: 1 and *p, or 0 once the parser is done and
 * the queue empty. */
static int take(struct ahead *a, struct parsed *p)
{
	pthread_mutex_lock(&a->mu);
	while (a->len == 0 && !a->finished)
		pthread_cond_wait(&a->moved, &a->mu);
	int got = a->len > 0;
	if (got) {
		*p = a->q[a->head];
		a->head = (a->head + 1) % AHEAD;
		a->len--;
		pthread_cond_broadcast(&a->moved);
	}
	pthread_mutex_unlock(&a->mu);
	return got;
}

static void stop_parser(struct ahead *a)
{
	pthread_mutex_lock(&a->mu);
	a->stop = 1;
	pthread_cond_broadcast(&a->moved);
	pthread_mutex_unlock(&a->mu);
}

int interchange_parse_ahead(const char *data, size_t len, struct interchange *doc,
			    int (*each)(void *ctx, size_t i, struct meeting *m,
					struct interchange_follow *fo, size_t done, char **cause),
			    void *ctx, struct strbuf *warnings, char **cause)
{
	struct ahead a = {.data = data, .size = len, .doc = doc, .warnings = warnings};
	pthread_mutex_init(&a.mu, NULL);
	pthread_cond_init(&a.moved, NULL);
	/* Signals stay with the calling thread (the staging file's handler,
	 * the terminal's). */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	pthread_t t;
	int started = pthread_create(&t, NULL, parse_thread, &a) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!started) { /* no thread to be had: parse on this one */
		pthread_cond_destroy(&a.moved);
		pthread_mutex_destroy(&a.mu);
		return interchange_parse_stream(data, len, doc, each, ctx, warnings, cause);
	}
	int rc = 0;
	struct parsed p;
	while (rc == 0 && take(&a, &p))
		if (each(ctx, p.i, p.m, p.fo, p.done, cause) < 0)
			rc = -1;
	if (rc < 0)
		stop_parser(&a);
	pthread_join(t, NULL);
	while (take(&a, &p)) /* queued after the caller's error */
		interchange_meeting_free(p.m, p.fo);
	if (rc == 0 && a.rc < 0) {
		rc = -1;
		*cause = a.cause;
		a.cause = NULL;
	} else if (rc < 0 && a.rc == 0) {
		/* the caller failed after the parser was done: doc is filled */
		interchange_free(doc);
	}
	free(a.cause);
	pthread_cond_destroy(&a.moved);
	pthread_mutex_destroy(&a.mu);
	return rc;
}
