/* model.h - plain structs for what the store keeps; no SQLite, no curses. */
#ifndef BB_MODEL_H
#define BB_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* ---- enumerations, with their fixed interchange spellings ---- */

enum meeting_status { MS_DRAFT, MS_LIVE, MS_CLOSED, MS_APPROVED, MS__COUNT };
enum role { ROLE_CHAIR, ROLE_SECRETARY, ROLE_DELEGATE, ROLE_GUEST, ROLE_REPORTER, ROLE__COUNT };
enum presence { PRES_PRESENT, PRES_LATE, PRES_EXCUSED, PRES_ABSENT, PRES__COUNT };
enum note_kind {
	NK_STATEMENT,
	NK_REPORT,
	NK_QUESTION,
	NK_ANSWER,
	NK_PROPOSAL,
	NK_DECISION,
	NK__COUNT
};
enum task_status { TS_OPEN, TS_DONE, TS_DROPPED, TS__COUNT };
/* What an agenda item is, for the documents: IK_AUTO (stored NULL, absent
 * from the interchange) is detected from the title and notes as before;
 * IK_CONCLUSIONS makes the item the conclusions section whatever its
 * title; IK_REGULAR never does; IK_REPORTS is the units' reports. */
enum item_kind { IK_AUTO, IK_REGULAR, IK_REPORTS, IK_CONCLUSIONS, IK__COUNT };

/* A directive's owner that is every unit of its meeting's cluster, as
 * the live screen's picker writes it and the directives' unit filter
 * reads it. */
#define OWNER_ALL_UNITS "Các đơn vị trong Cụm"

/* Interchange spelling of each value ("draft", "chair", ...). */
const char *meeting_status_name(enum meeting_status s);
const char *role_name(enum role r);
const char *presence_name(enum presence p);
const char *note_kind_name(enum note_kind k);
const char *task_status_name(enum task_status s);
const char *item_kind_name(enum item_kind k); /* "auto", "regular", ... */
/* The same values as the interface words them for a reader (gettext,
 * context "value": "đã duyệt", "chủ trì"); the English name where there
 * is no translation. Static storage. The names above are for machines. */
const char *meeting_status_word(enum meeting_status s);
const char *role_word(enum role r);
const char *presence_word(enum presence p);
const char *note_kind_word(enum note_kind k);
const char *task_status_word(enum task_status s);
/* Parse an interchange spelling; returns the value or -1 if unknown. */
int meeting_status_parse(const char *s);
int role_parse(const char *s);
int presence_parse(const char *s);
int note_kind_parse(const char *s);
int task_status_parse(const char *s);
int item_kind_parse(const char *s);

/* ---- organisation settings ---- */

struct org {
	char **issuer; /* issuing body, one string per line */
	size_t n_issuer;
	char *place;	   /* dateline place name, "Bình Định" */
	char *symbol;	   /* document symbol suffix, "TĐTN-VP" */
	char *superior;	   /* right header line, "ĐOÀN TNCS HỒ CHÍ MINH" */
	char **recipients; /* "Nơi nhận" lines, without "- " and ";"; NULL:
			    * none stored (the default list), non-NULL with
			    * n_recipients 0: emptied on purpose */
	size_t n_recipients;
	char *notice_signer_for;   /* "TL. BAN THƯỜNG VỤ TỈNH ĐOÀN" */
	char *notice_signer_title; /* "CHÁNH VĂN PHÒNG" */
	char *notice_signer_name;  /* name, may be NULL */
	char *notice_body_org;	   /* "Ban Thường vụ Tỉnh đoàn" */
};
void org_free(struct org *o); /* frees the members, not o */

/* ---- directory ---- */

struct cluster {
	int64_t id;
	int number;
	char *name;
	char **units; /* unit names in order */
	size_t n_units;
};
void cluster_free(struct cluster *c);

/* ---- a meeting, fully loaded ---- */

struct attendee {
	int64_t id;
	char *name, *title, *unit;
	enum role role;
	enum presence presence;
	char *reason;	      /* excused/absent reason, may be NULL */
	char *arrived_at;     /* late: ISO time, may be NULL */
	char *substitute_for; /* name of the person replaced, may be NULL */
};
/* Free an attendee's strings (not a itself) and zero it, so it can be
 * freed again or refilled; NULL is a no-op. */
void attendee_clear(struct attendee *a);

struct note {
	int64_t id;
	char *at;      /* ISO 8601 minute, may be NULL */
	char *speaker; /* may be NULL */
	enum note_kind kind;
	char *text;
	int after_conclusions; /* typed live after the last conclusion or
				* directive captured: under the conclusions
				* item, printed after them */
};

struct agenda_item {
	int64_t id;
	char *title;
	char *presenter;
	char *planned_start, *planned_end;
	char *started_at, *ended_at;
	enum item_kind kind;
	struct note *notes;
	size_t n_notes;
};

struct proposal {
	int64_t id;
	int item_index; /* agenda index where raised, -1 if none */
	char *unit, *text, *answer;
	enum task_status status;
	/* The note of kind proposal that raised it (its place in the item's
	 * timeline; db/006_proposal_notes.sql keeps the two one thing), 0 if
	 * none or unknown (a document read from a file: then the note of the
	 * same text is the one). */
	int64_t note_id;
};

struct directive {
	int64_t id;
	char *text, *owner, *due; /* due: YYYY-MM-DD, may be NULL */
	enum task_status status;
	int64_t closed_in; /* meeting id where closed, 0 if none */
};

struct meeting {
	int64_t id;
	char *title;
	char *conference; /* conference title, may be NULL */
	int64_t conference_id;
	int cluster;  /* cluster number, 0 if none */
	char *period; /* "I/2023", may be NULL */
	enum meeting_status status;
	char *starts_at, *ends_at;
	char *location, *host_unit, *document_number;
	char *notice_number; /* the notice of conclusions' own number, may be NULL */
	struct attendee *attendees;
	size_t n_attendees;
	struct agenda_item *agenda;
	size_t n_agenda;
	struct proposal *proposals;
	size_t n_proposals;
	char **conclusions;
	size_t n_conclusions;
	struct directive *directives;
	size_t n_directives;
};
struct meeting *meeting_new(void);
void meeting_free(struct meeting *m);
/* First attendee with the role, or NULL. */
const struct attendee *meeting_role(const struct meeting *m, enum role r);

/* A row of the meetings list. */
struct meeting_row {
	int64_t id;
	char *title;
	int cluster;
	char *period;
	char *starts_at;
	enum meeting_status status;
	char *chair;
	int64_t conference_id; /* 0 if none */
};
void meeting_row_free(struct meeting_row *r); /* members only */

/* Period "I/2023" -> quarter 1..4 and year; 0 on success, -1 if malformed. */
int period_parse(const char *s, int *quarter, int *year);
/* Normalise "1/2023", "i/2023", "I/2023" to "I/2023". Allocated, or NULL. */
char *period_normalize(const char *s);
/* The period a title names: "… quý II/2023", "Quý 2/2023", "quý II năm
 * 2023" (NFC text) -> "II/2023", allocated; NULL if it names none. The
 * first one named counts: "… quý I/2023, triển khai nhiệm vụ quý II năm
 * 2023" is the meeting of the first quarter. */
char *period_in_title(const char *title);
/* The cluster a title names: "… Cụm thi đua số 2 quý I/2023" -> 2 (also
 * "Cụm thi đua 2", "Cụm 2", in capitals); 0 if it names none. The first
 * counts. */
int cluster_in_title(const char *title);

/* A date "2023-06-30" (exactly), a time "2023-04-12T08:00" or
 * "2023-04-12T08:00:05", as the store keeps them: 1 if s is one, else 0. */
int iso_date_valid(const char *s);
int iso_time_valid(const char *s);

/* Title of the agenda item created for a meeting that has none, so that
 * notes always have an item to live under. Not "Nội
 * dung": the minutes print it as a section under their "Nội dung:" label,
 * which read "Nội dung: / I. NỘI DUNG" (doc_minutes.c prints an item of
 * that old title as this one). */
#define LIVE_DEFAULT_ITEM "Diễn biến Hội nghị"
#define LIVE_DEFAULT_ITEM_OLD "Nội dung"

#endif
