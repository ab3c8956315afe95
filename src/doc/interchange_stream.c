/* interchange_stream.c - the streaming reader of a bienban/1 document
 * (issue 12): the top level is scanned here only as far as its members
 * go, each member's value parsed by jansson on its own and "meetings"
 * element by element, each checked as interchange_parse checks it
 * (interchange_parse.c) and handed on before the next is read. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "interchange.h"
#include "interchange_field.h"
#include "text.h"

/* Each value is handed to jansson on its own (JSON_DISABLE_EOF_CHECK says
 * how many bytes it took), so that only one meeting's tree is in memory at
 * a time. */

struct scan {
	const char *start, *p, *end;
	/* line and column (in characters, as jansson counts) of mark */
	const char *mark;
	int line, col;
};

/* Line and column just before p, counted on from the last mark. */
static void scan_where(struct scan *sc, const char *p, int *line, int *col)
{
	for (const char *q = sc->mark; q < p; q++) {
		if (*q == '\n') {
			sc->line++;
			sc->col = 0;
		} else if (((unsigned char)*q & 0xc0) != 0x80)
			sc->col++;
	}
	sc->mark = p;
	*line = sc->line;
	*col = sc->col;
}

static void skip_ws(struct scan *sc)
{
	while (sc->p < sc->end &&
	       (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r'))
		sc->p++;
}

static int malformed(const char *path, int line, int col, const char *detail, char **cause)
{
	if (detail && strstr(detail, "JSON_ALLOW_NUL"))
		set_cause(cause,
			  _("malformed JSON at line %d, column %d: \\u0000 (a NUL "
			    "character) is not allowed in text"),
			  line, col);
	/* jansson's words and the scanner's are English: said only in English,
	 * the place is enough in another language. */
	else if (detail && str_eq(i18n_language(), "en"))
		set_cause(cause, "malformed JSON at line %d, column %d: %s", line, col, detail);
	else
		set_cause(cause, _("malformed JSON at line %d, column %d"), line, col);
	if (path)
		set_cause(cause, "%s: %s", path, *cause);
	return -1;
}

/* A malformed document at the scanner's position. */
static int scan_fail(struct scan *sc, const char *detail, char **cause)
{
	int line, col;
	/* jansson reports the character it stopped at: count it */
	scan_where(sc, sc->p < sc->end ? sc->p + 1 : sc->p, &line, &col);
	return malformed(NULL, line, col, sc->p < sc->end ? detail : "premature end of input",
			 cause);
}

/* One JSON value at the scanner's position, parsed by jansson; the
 * scanner moves past it. path names it in errors (NULL: the top level). */
static json_t *scan_value(struct scan *sc, const char *path, char **cause)
{
	int line, col;
	scan_where(sc, sc->p, &line, &col);
	json_error_t jerr;
	json_t *v = json_loadb(sc->p, (size_t)(sc->end - sc->p),
			       JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK,
			       &jerr);
	if (!v) {
		/* jansson counts from the start of the value */
		int l = line + jerr.line - 1, c = jerr.line <= 1 ? col + jerr.column : jerr.column;
		malformed(path, l, c, jerr.text, cause);
		return NULL;
	}
	sc->p += jerr.position;
	return v;
}

/* The "meetings" array, one element at a time. */
static int scan_meetings(struct scan *sc, struct interchange *doc,
			 int (*each)(void *ctx, size_t i, struct meeting *m,
				     struct interchange_follow *fo, size_t done, char **cause),
			 void *ctx, struct strbuf *warnings, char **cause)
{
	skip_ws(sc);
	if (sc->p >= sc->end || *sc->p != '[') {
		/* not an array: say it as for a whole document */
		json_t *v = scan_value(sc, NULL, cause);
		if (!v)
			return -1;
		json_t *o = json_object();
		json_object_set_new(o, "meetings", v);
		int err;
		ic_get_array(o, "meetings", "", cause, &err);
		json_decref(o);
		return err ? -1 : 0;
	}
	sc->p++;
	size_t i = 0;
	for (;;) {
		skip_ws(sc);
		if (sc->p < sc->end && *sc->p == ']' && i == 0)
			break;
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof sub, "meetings[%zu]", i);
		json_t *v = scan_value(sc, sub, cause);
		if (!v)
			return -1;
		struct meeting *m = meeting_new();
		struct interchange_follow *fo = xcalloc(1, sizeof *fo);
		int rc = ic_parse_meeting(v, sub, m, fo, warnings, cause);
		json_decref(v);
		if (rc < 0) {
			interchange_meeting_free(m, fo);
			return -1;
		}
		doc->n_meetings = ++i;
		if (each(ctx, i - 1, m, fo, (size_t)(sc->p - sc->start), cause) < 0)
			return -1;
		skip_ws(sc);
		if (sc->p < sc->end && *sc->p == ',') {
			sc->p++;
			continue;
		}
		if (sc->p < sc->end && *sc->p == ']')
			break;
		return scan_fail(sc, "',' or ']' expected", cause);
	}
	sc->p++;
	return 0;
}

/* Where the meetings go. */
struct sink {
	struct interchange *doc;
	int (*each)(void *ctx, size_t i, struct meeting *m, struct interchange_follow *fo,
		    size_t done, char **cause);
	void *ctx;
	struct strbuf *warnings;
};

/* One member "key": value of the top level; "meetings" is streamed, the
 * others are kept in root. */
static int scan_member(struct scan *sc, json_t *root, int *seen_meetings, const struct sink *k,
		       char **cause)
{
	json_t *key = scan_value(sc, NULL, cause);
	if (!key)
		return -1;
	char *name = xstrdup(json_string_value(key));
	json_decref(key);
	int rc = -1;
	skip_ws(sc);
	if (sc->p >= sc->end || *sc->p != ':') {
		scan_fail(sc, "':' expected", cause);
		goto out;
	}
	sc->p++;
	skip_ws(sc);
	if (json_object_get(root, name) || (*seen_meetings && strcmp(name, "meetings") == 0)) {
		scan_fail(sc, "duplicate object key", cause);
		goto out;
	}
	if (strcmp(name, "meetings") == 0) {
		*seen_meetings = 1;
		rc = scan_meetings(sc, k->doc, k->each, k->ctx, k->warnings, cause);
		goto out;
	}
	json_t *v = scan_value(sc, NULL, cause);
	if (!v)
		goto out;
	json_object_set_new(root, name, v);
	/* a wrong format is said before any meeting is read */
	rc = strcmp(name, "format") == 0 ? ic_parse_format(root, NULL, cause) : 0;
out:
	free(name);
	return rc;
}

/* The top-level object, its members one by one, and nothing after it. */
static int scan_top(struct scan *sc, json_t *root, const struct sink *k, char **cause)
{
	skip_ws(sc);
	if (sc->p >= sc->end || *sc->p != '{') {
		/* not an object: jansson says what it is */
		json_t *v = scan_value(sc, NULL, cause);
		if (!v)
			return -1;
		json_decref(v);
		return set_cause(cause, _("document: expected a JSON object"));
	}
	sc->p++;
	int seen_meetings = 0;
	for (int first = 1;; first = 0) {
		skip_ws(sc);
		if (first && sc->p < sc->end && *sc->p == '}')
			break;
		if (sc->p >= sc->end || *sc->p != '"')
			return scan_fail(sc, first ? "string or '}' expected" : "string expected",
					 cause);
		if (scan_member(sc, root, &seen_meetings, k, cause) < 0)
			return -1;
		skip_ws(sc);
		if (sc->p < sc->end && *sc->p == ',') {
			sc->p++;
			continue;
		}
		if (sc->p < sc->end && *sc->p == '}')
			break;
		return scan_fail(sc, "',' or '}' expected", cause);
	}
	sc->p++;
	skip_ws(sc);
	return sc->p < sc->end ? scan_fail(sc, "end of file expected", cause) : 0;
}

int interchange_parse_stream(const char *data, size_t len, struct interchange *doc,
			     int (*each)(void *ctx, size_t i, struct meeting *m,
					 struct interchange_follow *fo, size_t done,
					 char **cause),
			     void *ctx, struct strbuf *warnings, char **cause)
{
	memset(doc, 0, sizeof *doc);
	size_t bom = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	size_t bad;
	if (!text_valid_utf8(data + bom, len - bom, &bad))
		return set_cause(cause, _("invalid UTF-8 at byte %zu"), bad + bom);
	struct scan sc = {.start = data, .p = data + bom, .end = data + len, .mark = data + bom,
			  .line = 1};
	const struct sink k = {.doc = doc, .each = each, .ctx = ctx, .warnings = warnings};
	ic_set_warnings(warnings);
	ic_set_nfc(0); /* the store normalises what it writes */
	json_t *root = json_object(); /* the top level but "meetings" */
	int rc = scan_top(&sc, root, &k, cause);
	if (rc == 0) {
		/* "meetings" is known: the rest is checked as in a whole document */
		json_object_set_new(root, "meetings", json_array());
		rc = ic_parse_head(root, doc, warnings, cause);
	}
	ic_set_nfc(1);
	ic_set_warnings(NULL);
	json_decref(root);
	doc->n_meetings = 0; /* the meetings went to each() */
	if (rc < 0)
		interchange_free(doc);
	return rc;
}
static void ref_free(struct interchange_ref *ref)
{
	free(ref->title);
	free(ref->starts_at);
}

void interchange_follow_free(struct interchange_follow *fo, const struct meeting *m)
{
	for (size_t k = 0; fo->proposal_closed && k < m->n_proposals; k++)
		ref_free(&fo->proposal_closed[k]);
	free(fo->proposal_closed);
	for (size_t k = 0; fo->directive_closed && k < m->n_directives; k++)
		ref_free(&fo->directive_closed[k]);
	free(fo->directive_closed);
	for (size_t k = 0; k < fo->n_carried; k++)
		ref_free(&fo->carried[k].from);
	free(fo->carried);
	for (size_t k = 0; k < fo->n_log; k++)
		change_entry_free(&fo->log[k]);
	free(fo->log);
	memset(fo, 0, sizeof *fo);
}

void interchange_meeting_free(struct meeting *m, struct interchange_follow *fo)
{
	if (fo && m)
		interchange_follow_free(fo, m);
	free(fo);
	meeting_free(m);
}
