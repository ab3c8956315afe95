/* test_interchange.c - bienban/1 JSON: round trip and every rejection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "embedded.h"
#include "interchange.h"
#include "store.h"
#include "store_edit.h"
#include "util.h"

#include <jansson.h>

static struct store *open_mem(void)
{
	struct store *s;
	char *cause = NULL;
	assert_int_equal(store_open(&s, ":memory:", 0, &cause), 0);
	return s;
}

/* Every test runs twice: through interchange_parse and
 * interchange_import, then through the streaming, staged import of the
 * CLI (interchange_import_stream). */
static int streaming;

/* Import text into s; returns the rc and leaves the cause for checks. */
static int import_text(struct store *s, const char *json, char **cause, struct strbuf *warnings)
{
	if (streaming) {
		int64_t *ids;
		size_t n;
		int rc = interchange_import_stream(s, json, strlen(json), warnings, NULL, NULL,
						   &ids, &n, cause);
		if (rc == 0)
			free(ids);
		return rc;
	}
	struct interchange doc;
	int rc = interchange_parse(json, strlen(json), &doc, warnings, cause);
	if (rc < 0)
		return rc;
	int64_t *ids;
	size_t n;
	rc = interchange_import(s, &doc, &ids, &n, cause);
	if (rc == 0)
		free(ids);
	interchange_free(&doc);
	return rc;
}

static char *export_all(struct store *s)
{
	int64_t ids[64];
	size_t n = 0;
	struct meeting_row *rows;
	size_t nr;
	assert_int_equal(store_meetings_page(s, NULL, 0, 64, &rows, &nr, NULL), 0);
	/* oldest first, like a conference */
	for (size_t i = nr; i-- > 0;) {
		ids[n++] = rows[i].id;
		meeting_row_free(&rows[i]);
	}
	free(rows);
	char *cause = NULL;
	char *out = interchange_export(s, ids, n, &cause);
	assert_non_null(out);
	return out;
}

static void test_demo_roundtrip_byte_identical(void **state)
{
	const struct embedded_file *demo = embedded_find("demo.json");
	assert_non_null(demo);
	struct store *a = open_mem(), *b = open_mem();
	char *cause = NULL;
	struct strbuf warnings = {0};
	assert_int_equal(import_text(a, demo->data, &cause, &warnings), 0);
	assert_int_equal(warnings.len, 0); /* the demo uses only known fields */
	char *first = export_all(a);
	assert_int_equal(import_text(b, first, &cause, NULL), 0);
	char *second = export_all(b);
	assert_string_equal(first, second);
	/* The demo has the conference's four meetings with the report's chairs. */
	assert_non_null(strstr(first, "\"Hà Duy Trung\""));
	assert_non_null(strstr(first, "\"Huỳnh Thị Thanh Nguyệt\""));
	assert_non_null(strstr(first, "\"Phạm Hồng Hiệp\""));
	assert_non_null(strstr(first, "\"Nguyễn Thành Trung\""));
	int64_t n;
	assert_int_equal(store_meetings_count(b, NULL, &n, &cause), 0);
	assert_int_equal(n, 4);
	free(first);
	free(second);
	store_close(a);
	store_close(b);
}

static const char minimal[] =
    "{\"format\":\"bienban/"
    "1\",\"meetings\":[{\"title\":\"Họp\",\"starts_at\":\"2023-04-12T08:00\"}]}";

/* An agenda item's kind: kept through import, the store and export;
 * absent (or "auto") stays absent, so older documents read as before. */
static const char kinds[] =
    "{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"Họp\",\"starts_at\":"
    "\"2023-04-12T08:00\",\"agenda\":[{\"title\":\"Báo cáo\",\"kind\":\"reports\"},"
    "{\"title\":\"Ý kiến chỉ đạo\",\"kind\":\"conclusions\"},{\"title\":\"Kết luận"
    " kiểm tra\",\"kind\":\"regular\"},{\"title\":\"Khác\"},{\"title\":\"Nữa\","
    "\"kind\":\"auto\"}]}]}";

static void test_item_kind_roundtrip(void **state)
{
	struct store *a = open_mem(), *b = open_mem();
	char *cause = NULL;
	assert_int_equal(import_text(a, kinds, &cause, NULL), 0);
	struct meeting *m;
	assert_int_equal(store_meeting_load(a, 1, &m, &cause), 0);
	assert_int_equal(m->n_agenda, 5);
	assert_int_equal(m->agenda[0].kind, IK_REPORTS);
	assert_int_equal(m->agenda[1].kind, IK_CONCLUSIONS);
	assert_int_equal(m->agenda[2].kind, IK_REGULAR);
	assert_int_equal(m->agenda[3].kind, IK_AUTO);
	assert_int_equal(m->agenda[4].kind, IK_AUTO);
	int64_t item = m->agenda[3].id, other = m->agenda[1].id;
	meeting_free(m);
	char *first = export_all(a);
	assert_non_null(strstr(first, "\"kind\": \"reports\""));
	assert_non_null(strstr(first, "\"kind\": \"conclusions\""));
	assert_non_null(strstr(first, "\"kind\": \"regular\""));
	assert_null(strstr(first, "\"auto\"")); /* unset is absent */
	assert_int_equal(import_text(b, first, &cause, NULL), 0);
	char *second = export_all(b);
	assert_string_equal(first, second);
	free(second);
	free(first);
	/* Set by the secretary (the agenda tab's Kind field), and unset. */
	assert_int_equal(store_item_set(a, item, IF_KIND, "conclusions", &cause), 0);
	assert_int_equal(store_item_set(a, other, IF_KIND, "auto", &cause), 0);
	assert_int_equal(store_item_set(a, other, IF_KIND, "boss", &cause), -1);
	assert_non_null(strstr(cause, "not auto, regular, reports or conclusions"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_meeting_load(a, 1, &m, &cause), 0);
	assert_int_equal(m->agenda[3].kind, IK_CONCLUSIONS);
	assert_int_equal(m->agenda[1].kind, IK_AUTO);
	meeting_free(m);
	store_close(a);
	store_close(b);
}

static void test_minimal_document(void **state)
{
	struct store *s = open_mem();
	char *cause = NULL;
	assert_int_equal(import_text(s, minimal, &cause, NULL), 0);
	struct meeting *m;
	assert_int_equal(store_meeting_load(s, 1, &m, &cause), 0);
	assert_string_equal(m->title, "Họp");
	assert_int_equal(m->status, MS_DRAFT);
	assert_int_equal(m->cluster, 0);
	assert_null(m->conference);
	meeting_free(m);
	/* Importing it again is a duplicate, refused. */
	assert_int_equal(import_text(s, minimal, &cause, NULL), -1);
	assert_non_null(strstr(cause, "duplicate"));
	free(cause);
	store_close(s);
}

struct reject {
	const char *json;
	const char *expect; /* substring of the error */
};

static const struct reject rejects[] = {
    {"{\"format\":\"bienban/1\",", "malformed JSON at line 1"},
    {"[1,2]", "document: expected a JSON object"},
    {"{\"meetings\":[]}", "format: required field is missing"},
    {"{\"format\":\"bienban/2\"}", "format: \"bienban/2\" is not \"bienban/1\""},
    {"{\"format\":\"bienban/1\",\"meetings\":{}}", "meetings: expected an array"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"starts_at\":\"2023-04-12T08:00\"}]}",
     "meetings[0].title: required field is missing"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\"}]}",
     "meetings[0].starts_at: required field is missing"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"12/4/2023\"}]}",
     "meetings[0].starts_at: \"12/4/2023\" is not a time"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":7,\"starts_at\":\"2023-04-12T08:00\"}]}",
     "meetings[0].title: expected a string"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\","
     "\"attendees\":[{\"name\":\"A\",\"role\":\"boss\"}]}]}",
     "meetings[0].attendees[0].role: unknown value \"boss\""},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\","
     "\"agenda\":[{\"title\":\"I\",\"notes\":[{\"text\":\"a\",\"kind\":\"rant\"}]}]}]}",
     "meetings[0].agenda[0].notes[0].kind: unknown value \"rant\""},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\","
     "\"agenda\":[{\"title\":\"I\",\"kind\":\"summary\"}]}]}",
     "meetings[0].agenda[0].kind: unknown value \"summary\""},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\","
     "\"status\":\"finished\"}]}",
     "meetings[0].status: unknown value \"finished\""},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\","
     "\"directives\":[{\"text\":\"t\",\"due\":\"30/6/2023\"}]}]}",
     "meetings[0].directives[0].due: \"30/6/2023\" is not a date"},
    /* a day the month does not have, and 29 February of a common year */
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-02-30T08:00\"}]}",
     "meetings[0].starts_at: \"2023-02-30T08:00\" is not a time"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-31T08:00\"}]}",
     "meetings[0].starts_at: \"2023-04-31T08:00\" is not a time"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\","
     "\"directives\":[{\"text\":\"t\",\"due\":\"2023-02-29\"}]}]}",
     "meetings[0].directives[0].due: \"2023-02-29\" is not a date"},
    /* an end before the start */
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-01-05T08:00\","
     "\"ends_at\":\"2023-01-05T07:00\",\"status\":\"closed\"}]}",
     "meetings[0].ends_at: \"2023-01-05T07:00\" is before the meeting's start"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\","
     "\"period\":\"Q5/2023\"}]}",
     "meetings[0].period: \"Q5/2023\" is not a quarter"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\","
     "\"cluster\":\"4\"}]}",
     "meetings[0].cluster: expected a cluster number"},
    {"{\"format\":\"bienban/1\",\"format\":\"bienban/1\"}", "duplicate object key"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"id\":3,\"title\":\"x\",\"starts_at\":"
     "\"2023-04-12T08:00\"},{\"id\":3,\"title\":\"y\",\"starts_at\":\"2023-04-12T08:00\"}]}",
     "meetings[1].id: duplicate id 3"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\"},"
     "{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\"}]}",
     "meetings[1]: duplicate of meetings[0]"},
    {"{\"format\":\"bienban/1\",\"clusters\":[{\"number\":1},{\"number\":1}]}",
     "clusters[1].number: duplicate cluster 1"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\","
     "\"agenda\":[{\"title\":\"I\",\"notes\":[{\"text\":\"   \"}]}]}]}",
     "meetings[0].agenda[0].notes[0].text: must not be empty"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"x\",\"starts_at\":\"2023-04-12T08:00\","
     "\"proposals\":[{\"text\":\"p\",\"item\":5}]}]}",
     "meetings[0].proposals[0].item: expected the index of an agenda item"},
    {"{\"format\":\"bienban/1\",\"meetings\":[{\"title\":\"a\\u0000b\",\"starts_at\":"
     "\"2023-04-12T08:00\"}]}",
     "malformed JSON"},
};

static void test_rejections_leave_store_unchanged(void **state)
{
	struct store *s = open_mem();
	char *cause = NULL;
	const struct embedded_file *demo = embedded_find("demo.json");
	assert_int_equal(import_text(s, demo->data, &cause, NULL), 0);
	char *before = export_all(s);
	for (size_t i = 0; i < BB_ARRAY_LEN(rejects); i++) {
		cause = NULL;
		int rc = import_text(s, rejects[i].json, &cause, NULL);
		if (rc != -1 || !cause || !strstr(cause, rejects[i].expect))
			fail_msg("case %zu: rc %d, cause \"%s\", expected \"%s\"", i, rc,
				 cause ? cause : "(none)", rejects[i].expect);
		free(cause);
	}
	char *after = export_all(s);
	assert_string_equal(before, after);
	free(before);
	free(after);
	store_close(s);
}

static void test_invalid_utf8_position(void **state)
{
	struct store *s = open_mem();
	char *cause = NULL;
	/* byte 41 is a lone 0xFF inside the title */
	const char *bad = "{\"format\":\"bienban/1\",\"meetings\":[{\"t\":\"\xff\"}]}";
	assert_int_equal(import_text(s, bad, &cause, NULL), -1);
	char *expect = xasprintf("invalid UTF-8 at byte %zu", (size_t)(strchr(bad, '\xff') - bad));
	assert_string_equal(cause, expect);
	free(expect);
	free(cause);
	store_close(s);
}

static void test_failure_late_in_import_rolls_back_everything(void **state)
{
	/* The second meeting is a duplicate of one already in the store: the
	 * first, new, meeting must not be stored either. */
	struct store *s = open_mem();
	char *cause = NULL;
	assert_int_equal(import_text(s, minimal, &cause, NULL), 0);
	const char *two = "{\"format\":\"bienban/1\",\"meetings\":["
			  "{\"title\":\"Mới\",\"starts_at\":\"2023-05-01T08:00\"},"
			  "{\"title\":\"Họp\",\"starts_at\":\"2023-04-12T08:00\"}]}";
	assert_int_equal(import_text(s, two, &cause, NULL), -1);
	assert_non_null(strstr(cause, "meetings[1]: duplicate of meeting 1"));
	free(cause);
	int64_t n;
	assert_int_equal(store_meetings_count(s, NULL, &n, &cause), 0);
	assert_int_equal(n, 1);
	store_close(s);
}

static void test_unknown_fields_warn_and_nfd_normalised(void **state)
{
	struct store *s = open_mem();
	char *cause = NULL;
	struct strbuf w = {0};
	const char *doc =
	    "{\"format\":\"bienban/1\",\"future\":1,\"meetings\":[{\"title\":"
	    "\"Ho\xcc\x9b\xcc\xa3p\",\"starts_at\":\"2023-04-12T08:00\",\"colour\":\"red\","
	    "\"attendees\":[{\"name\":\"Nguye\xcc\x82\xcc\x83n\"}],"
	    "\"agenda\":[{\"title\":\"I\",\"notes\":[{\"text\":\"Ho\xcc\x9b\xcc\xa3p\",\"mood\":1}]}]}]}";
	assert_int_equal(import_text(s, doc, &cause, &w), 0);
	assert_non_null(strstr(w.buf, "future: unknown field ignored"));
	assert_non_null(strstr(w.buf, "meetings[0].colour: unknown field ignored"));
	assert_non_null(
	    strstr(w.buf, "meetings[0].agenda[0].notes[0].mood: unknown field ignored"));
	strbuf_free(&w);
	struct meeting *m;
	assert_int_equal(store_meeting_load(s, 1, &m, &cause), 0);
	assert_string_equal(m->title, "Hợp"); /* NFD o+horn+dot below -> NFC ợ */
	/* every text, also where the streaming import leaves it to the store */
	assert_string_equal(m->agenda[0].notes[0].text, "Hợp");
	assert_string_equal(m->attendees[0].name, "Nguyễn");
	meeting_free(m);
	store_close(s);
}

static void test_ids_kept_when_free(void **state)
{
	struct store *s = open_mem();
	char *cause = NULL;
	const char *doc = "{\"format\":\"bienban/1\",\"meetings\":[{\"id\":7,\"title\":\"a\","
			  "\"starts_at\":\"2023-04-12T08:00\"}]}";
	assert_int_equal(import_text(s, doc, &cause, NULL), 0);
	assert_true(store_meeting_exists(s, 7));
	const char *doc2 = "{\"format\":\"bienban/1\",\"meetings\":[{\"id\":7,\"title\":\"b\","
			   "\"starts_at\":\"2023-04-12T08:00\"}]}";
	assert_int_equal(import_text(s, doc2, &cause, NULL), 0); /* new id, 7 untouched */
	struct meeting *m;
	assert_int_equal(store_meeting_load(s, 7, &m, &cause), 0);
	assert_string_equal(m->title, "a");
	meeting_free(m);
	assert_int_equal(store_meeting_load(s, 8, &m, &cause), 0);
	assert_string_equal(m->title, "b");
	meeting_free(m);
	store_close(s);
}

/* A store edited by hand with invalid UTF-8: the export fails naming the
 * field, rather than leaving the field out and succeeding. */
static void test_export_of_invalid_utf8_names_the_field(void **state)
{
	struct store *s = open_mem();
	char *cause = NULL;
	assert_int_equal(import_text(s, minimal, &cause, NULL), 0);
	char *good = export_all(s);
	free(good);
	assert_int_equal(
	    db_exec(s, "UPDATE meetings SET location = CAST(x'48ff49' AS TEXT)", &cause), 0);
	int64_t id = 1;
	char *out = interchange_export(s, &id, 1, &cause);
	assert_null(out);
	if (!cause || !strstr(cause, "meetings[0].location: the store holds text that is not "
				     "valid UTF-8"))
		fail_msg("cause: %s", cause ? cause : "(none)");
	free(cause);
	store_close(s);
}

/* ==== the streaming reader ==== */

struct seen {
	size_t n;
};

static int count_meeting(void *ctx, size_t i, struct meeting *m, struct interchange_follow *fo,
			 size_t done, char **cause)
{
	struct seen *c = ctx;
	assert_int_equal(i, c->n);
	c->n++;
	interchange_meeting_free(m, fo);
	return 0;
}

/* Three meetings over several lines; the third's text is "third". */
static const char three[] = "{\n"
			    "  \"format\": \"bienban/1\",\n"
			    "  \"meetings\": [\n"
			    "    {\"title\": \"Một\", \"starts_at\": \"2023-04-12T08:00\"},\n"
			    "    {\"title\": \"Hai ở đây\",\n"
			    "     \"starts_at\": \"2023-05-12T08:00\"},\n"
			    "    {\"title\": \"Ba ở đây\", \"starts_at\": \"2023-06-12T08:00\",\n"
			    "     \"agenda\": [{\"title\": \"I\", \"notes\": [{\"text\": \"third\"}]}]}\n"
			    "  ]\n"
			    "}\n";

/* What jansson says of the whole text: line and column. */
static void whole_error(const char *text, int *line, int *col)
{
	json_error_t e;
	json_t *v = json_loadb(text, strlen(text), JSON_REJECT_DUPLICATES, &e);
	assert_null(v);
	*line = e.line;
	*col = e.column;
}

static char *replaced(const char *text, const char *what, const char *with)
{
	const char *at = strstr(text, what);
	assert_non_null(at);
	return xasprintf("%.*s%s%s", (int)(at - text), text, with, at + strlen(what));
}

/* The reader tests run twice: through interchange_parse_stream, then
 * through interchange_parse_ahead (the parse on a thread of its own). */
static int ahead;

static int stream(const char *text, struct seen *seen, char **cause)
{
	struct interchange doc;
	seen->n = 0;
	int rc = ahead ? interchange_parse_ahead(text, strlen(text), &doc, count_meeting, seen, NULL,
						 cause)
		       : interchange_parse_stream(text, strlen(text), &doc, count_meeting, seen, NULL,
						  cause);
	if (rc == 0)
		interchange_free(&doc);
	return rc;
}

static void test_stream_reads_each_meeting(void **state)
{
	struct seen seen;
	char *cause = NULL;
	assert_int_equal(stream(three, &seen, &cause), 0);
	assert_int_equal(seen.n, 3);
}

static void test_stream_bad_json_in_third_meeting(void **state)
{
	/* a missing comma in the third meeting, after non-ASCII text on its
	 * line: named by its path, at jansson's line and column of the file */
	char *bad = replaced(three, "\"Ba ở đây\", ", "\"Ba ở đây\" ");
	struct seen seen;
	char *cause = NULL;
	assert_int_equal(stream(bad, &seen, &cause), -1);
	assert_int_equal(seen.n, 2); /* the first two were handed on before */
	int line, col;
	whole_error(bad, &line, &col);
	char *expect = xasprintf("meetings[2]: malformed JSON at line %d, column %d:", line, col);
	if (strncmp(cause, expect, strlen(expect)) != 0)
		fail_msg("\"%s\", expected \"%s...\"", cause, expect);
	assert_int_equal(line, 7);
	free(expect);
	free(cause);
	free(bad);
}

static void test_stream_invalid_utf8(void **state)
{
	char *bad = replaced(three, "third", "thi\xc3\x28rd");
	struct seen seen;
	char *cause = NULL;
	assert_int_equal(stream(bad, &seen, &cause), -1);
	assert_int_equal(seen.n, 0); /* checked before any meeting */
	char *expect = xasprintf("invalid UTF-8 at byte %zu", (size_t)(strstr(bad, "thi") + 3 - bad));
	assert_string_equal(cause, expect);
	free(expect);
	free(cause);
	free(bad);
}

static void test_stream_truncated(void **state)
{
	struct seen seen;
	char *cause = NULL;
	/* cut inside the third meeting: where jansson would say */
	char *cut = xasprintf("%.*s", (int)(strstr(three, "third") - three), three);
	assert_int_equal(stream(cut, &seen, &cause), -1);
	int line, col;
	whole_error(cut, &line, &col);
	char *expect = xasprintf("meetings[2]: malformed JSON at line %d, column %d:", line, col);
	if (strncmp(cause, expect, strlen(expect)) != 0)
		fail_msg("\"%s\", expected \"%s...\"", cause, expect);
	free(expect);
	free(cause);
	free(cut);
	/* cut between two meetings, and before the end of the document */
	const char *cuts[] = {"    {\"title\": \"Ba", "  ]\n", "}\n"};
	for (size_t i = 0; i < BB_ARRAY_LEN(cuts); i++) {
		cut = xasprintf("%.*s", (int)(strstr(three, cuts[i]) - three), three);
		cause = NULL;
		assert_int_equal(stream(cut, &seen, &cause), -1);
		if (!strstr(cause, "malformed JSON at line") ||
		    (!strstr(cause, "premature end") && !strstr(cause, "end of file")))
			fail_msg("cut %zu: \"%s\"", i, cause);
		free(cause);
		free(cut);
	}
}

static void test_stream_trailing_garbage(void **state)
{
	struct seen seen;
	char *cause = NULL;
	char *bad = xasprintf("%sx\n", three);
	assert_int_equal(stream(bad, &seen, &cause), -1);
	assert_string_equal(cause, "malformed JSON at line 11, column 1: end of file expected");
	free(cause);
	free(bad);
	/* a second document after the first is garbage too */
	bad = xasprintf("%s%s", three, three);
	cause = NULL;
	assert_int_equal(stream(bad, &seen, &cause), -1);
	assert_non_null(strstr(cause, "end of file expected"));
	free(cause);
	free(bad);
}

/* many: n small meetings, the k-th malformed (none if k >= n). */
static char *many(size_t n, size_t k)
{
	struct strbuf b = {0};
	strbuf_adds(&b, "{\"format\": \"bienban/1\", \"meetings\": [\n");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&b, "%s{\"title\": \"Họp %zu\"%s \"starts_at\": \"2023-04-12T08:00\"}\n",
			    i ? "," : "", i, i == k ? "" : ",");
	strbuf_adds(&b, "]}\n");
	return strbuf_detach(&b);
}

struct failing {
	size_t n, fail_at;
};

static int fail_meeting(void *ctx, size_t i, struct meeting *m, struct interchange_follow *fo,
			size_t done, char **cause)
{
	(void)done;
	struct failing *f = ctx;
	assert_int_equal(i, f->n); /* in order */
	f->n++;
	interchange_meeting_free(m, fo);
	return i == f->fail_at ? set_cause(cause, "meetings[%zu]: refused", i) : 0;
}

/* The read-ahead gives each() every meeting in order and reports the
 * first error in the document's order, whichever side found it: each()'s
 * at meeting 10 before the parser's at 30, the parser's at 10 before
 * each()'s at 30; meetings parsed ahead of an error are freed (ASan's
 * leak check) and the parser, blocked on a full queue, is released. */
static void test_ahead_first_error_wins(void **state)
{
	(void)state;
	struct { size_t bad, fail; const char *want; size_t seen; } cases[] = {
	    {1000, 1000, NULL, 200},
	    {30, 10, "meetings[10]: refused", 11},
	    {10, 30, "meetings[10]: malformed JSON", 10},
	    {1000, 0, "meetings[0]: refused", 1},
	    {1000, 199, "meetings[199]: refused", 200},
	};
	for (size_t c = 0; c < BB_ARRAY_LEN(cases); c++) {
		char *text = many(200, cases[c].bad);
		struct failing f = {0, cases[c].fail};
		struct interchange doc;
		char *cause = NULL;
		int rc = interchange_parse_ahead(text, strlen(text), &doc, fail_meeting, &f, NULL,
						 &cause);
		assert_int_equal(f.n, cases[c].seen);
		if (!cases[c].want) {
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, -1);
			if (strncmp(cause, cases[c].want, strlen(cases[c].want)) != 0)
				fail_msg("case %zu: \"%s\", expected \"%s...\"", c, cause,
					 cases[c].want);
			free(cause);
		}
		interchange_free(&doc);
		free(text);
	}
}

static int ahead_on(void **state)
{
	(void)state;
	ahead = 1;
	return 0;
}

static int stream_on(void **state)
{
	streaming = 1;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_demo_roundtrip_byte_identical),
	    cmocka_unit_test(test_minimal_document),
	    cmocka_unit_test(test_item_kind_roundtrip),
	    cmocka_unit_test(test_rejections_leave_store_unchanged),
	    cmocka_unit_test(test_invalid_utf8_position),
	    cmocka_unit_test(test_failure_late_in_import_rolls_back_everything),
	    cmocka_unit_test(test_unknown_fields_warn_and_nfd_normalised),
	    cmocka_unit_test(test_ids_kept_when_free),
	    cmocka_unit_test(test_export_of_invalid_utf8_names_the_field),
	};
	const struct CMUnitTest reader[] = {
	    cmocka_unit_test(test_stream_reads_each_meeting),
	    cmocka_unit_test(test_stream_bad_json_in_third_meeting),
	    cmocka_unit_test(test_stream_invalid_utf8),
	    cmocka_unit_test(test_stream_truncated),
	    cmocka_unit_test(test_stream_trailing_garbage),
	};
	int rc = cmocka_run_group_tests_name("parse and import", tests, NULL, NULL);
	rc += cmocka_run_group_tests_name("streaming reader", reader, NULL, NULL);
	rc += cmocka_run_group_tests_name("streaming reader, parsing ahead", reader, ahead_on, NULL);
	const struct CMUnitTest ahead_tests[] = {
	    cmocka_unit_test(test_ahead_first_error_wins),
	};
	rc += cmocka_run_group_tests_name("parsing ahead", ahead_tests, NULL, NULL);
	rc += cmocka_run_group_tests_name("streaming, staged import", tests, stream_on, NULL);
	return rc;
}
