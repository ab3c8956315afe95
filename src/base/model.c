/* model.c - enum spellings, periods, and freeing the model structs. */
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "util.h"

static const char *const status_names[] = {"draft", "live", "closed", "approved"};
static const char *const role_names[] = {"chair", "secretary", "delegate", "guest", "reporter"};
static const char *const presence_names[] = {"present", "late", "excused", "absent"};
static const char *const kind_names[] = {"statement", "report",	  "question",
					 "answer",    "proposal", "decision"};
static const char *const task_names[] = {"open", "done", "dropped"};
static const char *const item_kind_names[] = {"auto", "regular", "reports", "conclusions"};

static const char *name_of(const char *const *names, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? names[v] : "?";
}

static int parse_of(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

#define ENUM_FUNCS(fn, type, tbl)                                                                  \
	const char *fn##_name(enum type v)                                                         \
	{                                                                                          \
		return name_of(tbl, BB_ARRAY_LEN(tbl), (int)v);                                    \
	}                                                                                          \
	int fn##_parse(const char *s)                                                              \
	{                                                                                          \
		return parse_of(tbl, BB_ARRAY_LEN(tbl), s);                                        \
	}

ENUM_FUNCS(meeting_status, meeting_status, status_names)
ENUM_FUNCS(role, role, role_names)
ENUM_FUNCS(presence, presence, presence_names)
ENUM_FUNCS(note_kind, note_kind, kind_names)
ENUM_FUNCS(task_status, task_status, task_names)
ENUM_FUNCS(item_kind, item_kind, item_kind_names)

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void org_free(struct org *o)
{
	if (!o)
		return;
	free_strv(o->issuer, o->n_issuer);
	free_strv(o->recipients, o->n_recipients);
	free(o->place);
	free(o->symbol);
	free(o->superior);
	free(o->notice_signer_for);
	free(o->notice_signer_title);
	free(o->notice_signer_name);
	free(o->notice_body_org);
	memset(o, 0, sizeof *o);
}

void cluster_free(struct cluster *c)
{
	if (!c)
		return;
	free(c->name);
	free_strv(c->units, c->n_units);
	memset(c, 0, sizeof *c);
}

void attendee_clear(struct attendee *a)
{
	if (!a)
		return;
	free(a->name);
	free(a->title);
	free(a->unit);
	free(a->reason);
	free(a->arrived_at);
	free(a->substitute_for);
	memset(a, 0, sizeof *a);
}

struct meeting *meeting_new(void)
{
	return xcalloc(1, sizeof(struct meeting));
}

void meeting_free(struct meeting *m)
{
	if (!m)
		return;
	free(m->title);
	free(m->conference);
	free(m->period);
	free(m->starts_at);
	free(m->ends_at);
	free(m->location);
	free(m->host_unit);
	free(m->document_number);
	free(m->notice_number);
	for (size_t i = 0; i < m->n_attendees; i++)
		attendee_clear(&m->attendees[i]);
	free(m->attendees);
	for (size_t i = 0; i < m->n_agenda; i++) {
		struct agenda_item *it = &m->agenda[i];
		free(it->title);
		free(it->presenter);
		free(it->planned_start);
		free(it->planned_end);
		free(it->started_at);
		free(it->ended_at);
		for (size_t j = 0; j < it->n_notes; j++) {
			free(it->notes[j].at);
			free(it->notes[j].speaker);
			free(it->notes[j].text);
		}
		free(it->notes);
	}
	free(m->agenda);
	for (size_t i = 0; i < m->n_proposals; i++) {
		free(m->proposals[i].unit);
		free(m->proposals[i].text);
		free(m->proposals[i].answer);
	}
	free(m->proposals);
	free_strv(m->conclusions, m->n_conclusions);
	for (size_t i = 0; i < m->n_directives; i++) {
		free(m->directives[i].text);
		free(m->directives[i].owner);
		free(m->directives[i].due);
	}
	free(m->directives);
	free(m);
}

const struct attendee *meeting_role(const struct meeting *m, enum role r)
{
	for (size_t i = 0; i < m->n_attendees; i++)
		if (m->attendees[i].role == r)
			return &m->attendees[i];
	return NULL;
}

void meeting_row_free(struct meeting_row *r)
{
	if (!r)
		return;
	free(r->title);
	free(r->period);
	free(r->starts_at);
	free(r->chair);
	memset(r, 0, sizeof *r);
}

static const char *const roman[] = {"I", "II", "III", "IV"};

/* After "quý " (any case, with or without its mark) or "Q": the period
 * as the documents write it, "quý I/2023". */
static const char *after_quarter_word(const char *s)
{
	static const char *const words[] = {"qu\xc3\xbd", "Qu\xc3\xbd", "QU\xc3\x9d", "quy", "Quy",
					    "QUY"};
	while (*s == ' ')
		s++;
	for (size_t i = 0; i < BB_ARRAY_LEN(words); i++) {
		size_t n = strlen(words[i]);
		if (strncmp(s, words[i], n) == 0 && s[n] == ' ') {
			s += n;
			while (*s == ' ')
				s++;
			return s;
		}
	}
	return s;
}

int period_parse(const char *s, int *quarter, int *year)
{
	if (!s)
		return -1;
	s = after_quarter_word(s);
	const char *slash = strchr(s, '/');
	if (!slash || slash == s)
		return -1;
	size_t qlen = (size_t)(slash - s);
	int q = 0;
	for (int i = 0; i < 4; i++)
		if (strlen(roman[i]) == qlen && strncasecmp(roman[i], s, qlen) == 0)
			q = i + 1;
	if (!q && qlen == 1 && s[0] >= '1' && s[0] <= '4')
		q = s[0] - '0';
	if (!q)
		return -1;
	const char *y = slash + 1;
	if (strlen(y) != 4)
		return -1;
	for (int i = 0; i < 4; i++)
		if (y[i] < '0' || y[i] > '9')
			return -1;
	if (quarter)
		*quarter = q;
	if (year)
		*year = atoi(y);
	return 0;
}

char *period_normalize(const char *s)
{
	int q, y;
	if (period_parse(s, &q, &y) < 0)
		return NULL;
	return xasprintf("%s/%04d", roman[q - 1], y);
}

/* "I".."IV" or "1".."4" at *p, then "/" or " năm ", then four digits. */
static char *period_at(const char *p)
{
	int q = 0;
	size_t n = 0;
	while (p[n] == 'I' || p[n] == 'i' || p[n] == 'V' || p[n] == 'v')
		n++;
	for (int i = 0; i < 4 && n; i++)
		if (strlen(roman[i]) == n && strncasecmp(roman[i], p, n) == 0)
			q = i + 1;
	if (!n && p[0] >= '1' && p[0] <= '4') {
		q = p[0] - '0';
		n = 1;
	}
	if (!q)
		return NULL;
	p += n;
	if (*p == '/')
		p++;
	else if (p[0] == ' ' && (p[1] == 'n' || p[1] == 'N') && (unsigned char)p[2] == 0xc4 &&
		 ((unsigned char)p[3] == 0x83 || (unsigned char)p[3] == 0x82) &&
		 (p[4] == 'm' || p[4] == 'M') && p[5] == ' ') /* " năm ", " NĂM " */
		p += 6;
	else
		return NULL;
	for (int i = 0; i < 4; i++)
		if (p[i] < '0' || p[i] > '9')
			return NULL;
	if (p[4] >= '0' && p[4] <= '9')
		return NULL;
	return xasprintf("%s/%.4s", roman[q - 1], p);
}

char *period_in_title(const char *title)
{
	for (const char *p = title; p && *p; p++) {
		/* "quý", "Quý" or "QUÝ" and a space */
		if ((p[0] != 'q' && p[0] != 'Q') || (p[1] != 'u' && p[1] != 'U') ||
		    (unsigned char)p[2] != 0xc3 ||
		    ((unsigned char)p[3] != 0xbd && (unsigned char)p[3] != 0x9d) || p[4] != ' ')
			continue;
		if (p != title &&
		    ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z')))
			continue;
		char *q = period_at(p + 5);
		if (q)
			return q;
	}
	return NULL;
}

/* The length of word (lower, upper: its two spellings) and a space at s,
 * the ASCII letters compared without case ("Cụm", "cụm", "CỤM"); 0 if
 * not there. */
static size_t word_at(const char *s, const char *lower, const char *upper)
{
	const char *w[] = {lower, upper};
	for (int c = 0; c < 2; c++) {
		size_t l = strlen(w[c]);
		if (strncasecmp(s, w[c], l) == 0 && s[l] == ' ')
			return l + 1;
	}
	return 0;
}

int cluster_in_title(const char *title)
{
	/* "Cụm thi đua số 2", "cụm thi đua 12", "CỤM THI ĐUA SỐ 3", "Cụm 4" */
	for (const char *p = title; p && *p; p++) {
		if (p != title && ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z')))
			continue;
		size_t l = word_at(p, "c\xe1\xbb\xa5m", "C\xe1\xbb\xa4M"); /* cụm */
		if (!l)
			continue;
		const char *q = p + l;
		size_t t = word_at(q, "thi", "THI");
		size_t d = t ? word_at(q + t, "\xc4\x91ua", "\xc4\x90UA") : 0; /* đua */
		if (t && d)
			q += t + d;
		q += word_at(q, "s\xe1\xbb\x91", "S\xe1\xbb\x90"); /* số */
		if (*q < '1' || *q > '9')
			continue;
		int n = 0;
		while (*q >= '0' && *q <= '9' && n < 100000)
			n = n * 10 + (*q++ - '0');
		if ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))
			continue; /* "số 2a", a number too long */
		return n;
	}
	return 0;
}

/* ==== the values in words (marked as the TUI marks them: one translation) ==== */

static const char *word_of(const char *const *marked, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? C_(marked[v]) : "?";
}

const char *meeting_status_word(enum meeting_status s)
{
	static const char *const n[] = {NC_("value", "draft"), NC_("value", "live"),
					NC_("value", "closed"), NC_("value", "approved")};
	return word_of(n, BB_ARRAY_LEN(n), (int)s);
}

const char *role_word(enum role r)
{
	static const char *const n[] = {NC_("value", "chair"), NC_("value", "secretary"),
					NC_("value", "delegate"), NC_("value", "guest"),
					NC_("value", "reporter")};
	return word_of(n, BB_ARRAY_LEN(n), (int)r);
}

const char *presence_word(enum presence p)
{
	static const char *const n[] = {NC_("value", "present"), NC_("value", "late"),
					NC_("value", "excused"), NC_("value", "absent")};
	return word_of(n, BB_ARRAY_LEN(n), (int)p);
}

const char *note_kind_word(enum note_kind k)
{
	static const char *const n[] = {NC_("value", "statement"), NC_("value", "report"),
					NC_("value", "question"),  NC_("value", "answer"),
					NC_("value", "proposal"),  NC_("value", "decision")};
	return word_of(n, BB_ARRAY_LEN(n), (int)k);
}

const char *task_status_word(enum task_status s)
{
	static const char *const n[] = {NC_("value", "open"), NC_("value", "done"),
					NC_("value", "dropped")};
	return word_of(n, BB_ARRAY_LEN(n), (int)s);
}

static int all_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int date_prefix_valid(const char *s)
{
	if (strlen(s) < 10 || !all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2) ||
	    s[7] != '-' || !all_digits(s + 8, 2))
		return 0;
	int year = atoi(s), mon = (s[5] - '0') * 10 + s[6] - '0', day = (s[8] - '0') * 10 + s[9] - '0';
	/* The days of that month: 30/02 and 31/04 are no dates. */
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (mon < 1 || mon > 12 || day < 1)
		return 0;
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return day <= days[mon - 1] + (mon == 2 && leap);
}

int iso_date_valid(const char *s)
{
	return s && strlen(s) == 10 && date_prefix_valid(s);
}

int iso_time_valid(const char *s)
{
	size_t len = s ? strlen(s) : 0;
	if ((len != 16 && len != 19) || !date_prefix_valid(s) || s[10] != 'T' ||
	    !all_digits(s + 11, 2) || s[13] != ':' || !all_digits(s + 14, 2))
		return 0;
	if ((s[11] - '0') * 10 + s[12] - '0' > 23 || (s[14] - '0') * 10 + s[15] - '0' > 59)
		return 0;
	return len == 16 ||
	       (s[16] == ':' && all_digits(s + 17, 2) && (s[17] - '0') * 10 + s[18] - '0' <= 59);
}
