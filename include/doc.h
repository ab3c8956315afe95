/* doc.h - the document model of the exported minutes (biên bản) and
 * notice of conclusions (thông báo kết luận): built once from a meeting and
 * the organisation settings, with all the Vietnamese wording and date
 * formatting of formats/bien-ban.md; every renderer (render.h) lays out
 * this model and nothing else. No curses, no SQL. */
#ifndef BB_DOC_H
#define BB_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "store.h"
#include "store_review.h"
#include "util.h"

enum doc_kind { DOC_MINUTES, DOC_CONCLUSIONS };

/* Spelling on the command line ("minutes", "conclusions"); parse returns
 * -1 if unknown. */
const char *doc_kind_name(enum doc_kind k);
int doc_kind_parse(const char *s);

/* ==== the model ==== */

enum { DS_BOLD = 1, DS_ITALIC = 2, DS_UNDERLINE = 4 };

/* A piece of text with one style. Text is UTF-8 with no control
 * characters (stored text went through text_strip_controls) and not
 * escaped. */
struct doc_run {
	char *text;
	unsigned style; /* DS_* bits */
};

enum doc_align { DA_JUSTIFY, DA_LEFT, DA_CENTER };

/* Font sizes in half points, as docx writes them. */
enum { DOC_SIZE_BODY = 28, DOC_SIZE_RECIPIENTS = 22 };

struct doc_para {
	struct doc_run *runs;
	size_t n_runs;
	enum doc_align align;
	int size;      /* half points: 28 is 14 pt */
	int heading;   /* 0 body, 1 the document type, 2 a section */
	int bullet;    /* a "- " list line; the dash is not in the runs */
	int indent;    /* first-line indent of body text (docx, odt, html) */
	int tight;     /* plain text and Markdown: no blank line before it */
	int rule;      /* > 0: a rule under the paragraph above, as wide as
			* this many columns; plain text draws it with dashes,
			* the others underline the text above (DS_UNDERLINE) and
			* keep this paragraph as an empty line */
	int keep_next; /* paged formats: on the same page as the block after
			* it (the closing line with the signatures, a label
			* with its table, a proposal with its answer) */
};

/* A borderless two-column block (header, signatures): row by row, so that
 * the lines of both sides stay level. */
struct doc_row {
	struct doc_para left, right;
};
struct doc_columns {
	int left_pct; /* width of the left column in percent */
	int whole;    /* paged formats: never split across pages (the
		       * signatures with "Nơi nhận"); rows never split anyway */
	int stacked;  /* each column flows on its own, its paragraphs one under
		       * the other whatever the other column holds beside them
		       * (the notice's "Nơi nhận" beside its signer: a line of
		       * the signer's larger type must not space the recipients
		       * apart): column k is the paragraphs of rows 0 to
		       * stack_len[k] - 1. Else row r's two are side by side. */
	size_t stack_len[2];
	struct doc_row *rows;
	size_t n_rows;
};

/* A table with a header row and borders (the directives); the header row
 * repeats on every page, and a row never splits across pages. */
#define DOC_TABLE_MAX_COLS 6
struct doc_table {
	size_t n_cols;
	char *head[DOC_TABLE_MAX_COLS];
	int width_pct[DOC_TABLE_MAX_COLS];
	enum doc_align align[DOC_TABLE_MAX_COLS];
	char **cells; /* n_rows * n_cols, row by row */
	size_t n_rows;
	int keep_next; /* paged formats: its last row on the same page as the
			* block after it (the closing line and signatures
			* never start a page alone) */
};

/* DB_PAGE_BREAK starts the next document of a conference export: a new
 * page, and in the paged formats a section of its own whose page numbers
 * start again at 1, with none on its first page. */
enum doc_block_kind { DB_PARA, DB_COLUMNS, DB_TABLE, DB_PAGE_BREAK };

struct doc_block {
	enum doc_block_kind kind;
	struct doc_para para;	 /* DB_PARA */
	struct doc_columns cols; /* DB_COLUMNS */
	struct doc_table table;	 /* DB_TABLE */
};

struct doc {
	char *title; /* for the HTML <title> and document properties: the
		      * meeting's, a conference's for several meetings */
	/* Document properties (the PDF's information), from the first
	 * meeting: the issuing body ("BCH ĐOÀN TỈNH BÌNH ĐỊNH"), the number
	 * ("12-BB/TĐTN-VP", blanks trimmed; none for several meetings, each
	 * of its own number), the cluster and period ("Cụm thi đua số 4, quý
	 * I/2023"; of every meeting, for a conference). Any may be NULL. */
	char *author, *subject, *keywords;
	struct doc_block *blocks;
	size_t n_blocks;
	size_t n_meetings; /* added so far */
};

struct doc *doc_new(void);
void doc_free(struct doc *d);

/* Plain text of a paragraph: its runs joined, without the bullet.
 * Allocated. */
char *doc_para_text(const struct doc_para *p);

/* ==== building ==== */

/* Append the document of kind k for meeting m to d, preceded by a page
 * break if d already holds one. cluster (may be NULL) gives the units
 * counted in "m/k đơn vị có mặt". What is missing and left blank for
 * handwriting ("no chair", "no end time", ...) is appended to *missing as
 * a comma-separated list (nothing if complete). */
void doc_add_meeting(struct doc *d, enum doc_kind k, const struct meeting *m, const struct org *o,
		     const struct cluster *cluster, struct strbuf *missing);
/* The same, with what was carried into m from earlier meetings (carried,
 * n_carried, as store_carryovers gives them; may be none): the minutes
 * list them before the conclusions, under the meeting each came from, with
 * what had become of each by this meeting (settled later counts as still
 * open, so that the minutes of a meeting never change afterwards). The
 * notice leaves them out: it announces this meeting's conclusions and
 * assignments, and an item still open is assigned again only by a
 * directive of its own. */
void doc_add_meeting_carried(struct doc *d, enum doc_kind k, const struct meeting *m,
			     const struct org *o, const struct cluster *cluster,
			     const struct carry_item *carried, size_t n_carried,
			     struct strbuf *missing);
/* doc_add_meeting_carried for a meeting of the store, with the
 * organisation settings, m's cluster and what was carried into m read from
 * it. 0, or -1 with *cause. */
int doc_add_stored(struct doc *d, struct store *s, enum doc_kind k, const struct meeting *m,
		   struct strbuf *missing, char **cause);

/* Build one document of kind k from the meetings ids (in that order) of the
 * store. Each meeting with missing pieces adds a line "meeting N: no
 * chair, no end time — blanks left" to *warnings (may be NULL). Returns 0,
 * or -1 with *cause (an unknown meeting). */
int doc_build(struct store *s, enum doc_kind k, const int64_t *ids, size_t n, struct doc **out,
	      struct strbuf *warnings, char **cause);
/* doc_build with the notice signed by signer (not NULL, not empty) rather
 * than the settings' name: a reader of a read-only store names who signs
 * this one export. */
int doc_build_signed(struct store *s, enum doc_kind k, const int64_t *ids, size_t n,
		     const char *signer, struct doc **out, struct strbuf *warnings, char **cause);

/* ==== Vietnamese dates ==== */

/* "ngày 09 tháng 02 năm 2023" / "ngày 14 tháng 4 năm 2023" for the date
 * part of an ISO 8601 value ("2023-02-09" or "2023-02-09T08:00"): day
 * below 10 and months 1 and 2 take a leading zero. Allocated; NULL if
 * the value has no valid date. */
char *doc_date_vn(const char *iso);
/* "08 giờ 00 phút" for the time of "2023-04-12T08:00". Allocated; NULL
 * if there is no valid time. */
char *doc_time_vn(const char *iso);
/* "30/6/2023" for a deadline "2023-06-30". Allocated; NULL if malformed. */
char *doc_date_short(const char *iso);
/* "quý I/2023" for the period "I/2023". Allocated; NULL if malformed. */
char *doc_period_vn(const char *period);

/* A default file name: "bien-ban-cum-4-quy-I-2023.docx",
 * "thong-bao-ket-luan-cum-4-quy-I-2023.odt", or with the meeting's date
 * when it has no cluster or period. ext without the dot. Allocated. */
char *doc_file_name(const struct meeting *m, enum doc_kind k, const char *ext);

/* Is p, a space, one that a line must not break at: the one before a
 * quarter such as "I/2023" ("quý I/2023", "QUÝ IV/2022"), which office
 * suites otherwise leave as "QUÝ" at a line's end and "I/2023" on the
 * next. The renderers that lay out lines print it as a no-break space
 * (txt wraps as if it were one and prints a space). */
static inline int doc_space_binds(const char *p)
{
	if (*p != ' ')
		return 0;
	size_t n = 0;
	while (n < 5 && (p[1 + n] == 'I' || p[1 + n] == 'V' || p[1 + n] == 'X'))
		n++;
	return n && p[1 + n] == '/' && p[2 + n] >= '0' && p[2 + n] <= '9';
}

/* How many paragraphs column col (0 left, 1 right) of a stacked block has.
 * Inline, as the next: the PDF module calls no function of the program. */
static inline size_t doc_stack_len(const struct doc_columns *c, int col)
{
	return c->stack_len[col] < c->n_rows ? c->stack_len[col] : c->n_rows;
}

/* 1 if p shows nothing (no text, no bullet). */
static inline int doc_para_empty(const struct doc_para *p)
{
	for (size_t i = 0; i < p->n_runs; i++)
		if (p->runs[i].text && *p->runs[i].text)
			return 0;
	return !p->bullet;
}

#endif
