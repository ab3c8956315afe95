/* doc_build.h - private to src/doc: what the builders of the document
 * model share. doc.c appends blocks and runs; doc_date.c reads stored
 * dates; doc_parts.c holds the pieces both documents use; doc_minutes.c
 * and doc_notice.c write the body of each kind. A new kind of document is
 * a body function of type dm_add_body_fn and a row in doc.c's table. */
#ifndef BB_DOC_BUILD_H
#define BB_DOC_BUILD_H

#include "doc.h"

/* Blanks left for handwriting. */
#define BLANK_NAME "........................................"
#define BLANK_TIME "...... giờ ...... phút"
#define BLANK_DATE "ngày ...... tháng ...... năm ........"
#define BLANK_NUMBER "     " /* "Số:      -BB/TĐTN-VP" */
#define BLANK_TEXT "................................................................"
#define EN_DASH "–"

/* A stored date and time, parsed (dm_parse_when). */
struct when {
	int y, mo, d, h, mi;
	int has_date, has_time;
};

/* Attendance counts: n present people, m of the k units present. Units
 * are those of the cluster when there is one, else those named among the
 * attendees, the host bodies (dm_is_host_unit) never among them.
 * present_units (allocated) lists the units present, host_units the host
 * bodies present, other_units those present from outside the cluster (a
 * guest's: the notice names them with the host bodies). */
struct attendance {
	size_t people, units_present, units_total;
	char **present_units;
	size_t n_present_units;
	char **host_units;
	size_t n_host_units;
	char **other_units;
	size_t n_other_units;
};

/* doc.c */
void dm_para_done(struct doc_para *p);
struct doc_block *dm_add_block(struct doc *d, enum doc_block_kind kind);
void dm_para_init(struct doc_para *p, enum doc_align a, int size);
/* A body paragraph: justified, first-line indent. */
struct doc_para *dm_body(struct doc *d);
struct doc_para *dm_line(struct doc *d, enum doc_align a, int size);
/* Append text as a run (merged into the last run when the style is the
 * same). Text is ours or already cleaned. */
void dm_run(struct doc_para *p, unsigned style, const char *text);
void dm_runf(struct doc_para *p, unsigned style, const char *fmt, ...) BB_PRINTF(3, 4);
/* Stored text made safe for a document: on one line, control characters
 * and terminal control sequences removed (text_strip_controls). A line break typed in
 * a multi-line field (a conclusion, a directive) reads as a space here:
 * in a title or a table cell a "↵" would only puzzle the reader. (Notes
 * keep their lines as paragraphs: note_text.) Allocated. */
char *dm_clean(const char *s);
/* Append stored text. */
void dm_run_user(struct doc_para *p, unsigned style, const char *stored);
/* Append stored text and make it end with a full stop (or the given
 * punctuation) unless it already ends with one. */
void dm_run_user_end(struct doc_para *p, unsigned style, const char *stored, const char *end);
/* Append stored text as a sentence: a final ";", ":" or "," becomes a
 * full stop, and one is added unless it ends with ".", "!", "?" or "…"
 * (a proposal, an answer, a conclusion typed live without one). */
void dm_run_user_sentence(struct doc_para *p, unsigned style, const char *stored);
/* Does t end with ".", "!", "?" or "…"? */
int dm_ends_sentence(const char *t);
char *dm_upper_clean(const char *stored);

/* doc_date.c */
/* Parse "YYYY-MM-DD" with an optional "THH:MM...". Stored values only:
 * never the machine's clock or locale. */
struct when dm_parse_when(const char *s);

/* doc_parts.c */
/* True if a stored "name" is a description such as "Đại diện Ban Chấp
 * hành" or a group ("Các đơn vị trong Cụm"), which takes no "đồng chí"
 * before it. */
int dm_is_representative(const char *name);
/* "Đồng chí Hà Duy Trung – Bí thư Tỉnh đoàn" (capital or not); the title
 * is left out when it only repeats the name. */
void dm_run_person(struct doc_para *p, unsigned style, const char *name, const char *title,
		   int capital);
const struct attendee *dm_find_attendee(const struct meeting *m, const char *name);
int dm_is_present(const struct attendee *a);
void dm_free_list(char **v, size_t n);
/* True if unit is one of the bodies holding the meeting rather than a unit
 * taking part: the Tỉnh đoàn and its offices ("... Tỉnh đoàn"), the
 * chair's and the secretary's unit. */
int dm_is_host_unit(const struct meeting *m, const char *unit);
/* The body a title names after its post ("Phó Trưởng Ban Tuyên giáo Tỉnh
 * ủy" → "Ban Tuyên giáo Tỉnh ủy", "Phó Chủ tịch UBND thị xã An Nhơn" →
 * "UBND thị xã An Nhơn"; up to a comma), allocated; NULL if it starts with
 * no post known or nothing like a name follows. */
char *dm_title_body(const char *title);
void dm_free_attendance(struct attendance *at);
void dm_count_attendance(const struct meeting *m, const struct cluster *cl, struct attendance *at);
void dm_add_header(struct doc *d, enum doc_kind k, const struct meeting *m, const struct org *o,
		   int *missing_place);
void dm_add_title(struct doc *d, const char *type, const char *subject_prefix,
		  const struct meeting *m);
/* THƯ KÝ | CHỦ TRÌ, space to sign, the names; then "Nơi nhận" on the
 * left, all one block that stays whole on a page. */
void dm_add_minutes_signatures(struct doc *d, const struct meeting *m, const struct org *o);
/* "Nơi nhận" on the left, the signer on the right (HD29), one block. */
void dm_add_notice_signatures(struct doc *d, const struct meeting *m, const struct org *o);
/* The paragraph before the signatures (the closing line): kept on their
 * page, with the body paragraph before it. */
struct doc_para *dm_closing(struct doc *d);
struct doc_para *dm_label_line(struct doc *d, const char *label);
/* A proposal with its answer: "{unit} kiến nghị: …" (with_text) and
 * "Ý kiến trả lời: …" (with_answer: not when the caller says who
 * answered, below it). The last paragraph added, or NULL. */
struct doc_para *dm_add_proposal(struct doc *d, const struct proposal *pr, int with_text,
				 int with_answer);
/* The conclusions numbered "1.", "2.", … (the numbers bold). */
void dm_add_conclusion_list(struct doc *d, const struct meeting *m);
/* Section numbers: "I", "II", … Static. */
const char *dm_roman(size_t i);
void dm_add_directives(struct doc *d, const struct meeting *m, const char *label);

/* doc_minutes.c */
/* The body of a document of its kind, after the header (dm_add_header):
 * the rows of doc.c's table of kinds. The notice leaves carried out. */
typedef void dm_add_body_fn(struct doc *d, const struct meeting *m, const struct org *o,
			    const struct cluster *cl, const struct carry_item *carried,
			    size_t n_carried);
dm_add_body_fn dm_add_minutes;

/* doc_notice.c */
dm_add_body_fn dm_add_notice;

#endif
