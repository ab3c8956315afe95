/* doc_minutes.c - the body of the minutes (biên bản): attendance, the
 * agenda items with their notes, what was carried over, the closing. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "doc_build.h"
#include "text.h"

/* The title with the unit it does not name: "Phó Giám đốc" and "Báo Bình
 * Định" give "Phó Giám đốc Báo Bình Định"; the words the title ends with
 * and the unit starts with are said once ("Bí thư Huyện đoàn" and "Huyện
 * đoàn Phù Cát": "Bí thư Huyện đoàn Phù Cát"). NULL when the title names
 * the unit already. Folded comparisons: marks and case aside. */
static char *title_with_unit(const char *title, const char *unit)
{
	char *ft = text_fold(title), *fu = text_fold(unit);
	if (strstr(ft, fu)) {
		free(ft);
		free(fu);
		return NULL;
	}
	/* The words: the title's and the unit's folded, to compare; the
	 * unit's as written, to print. */
	char *ucopy = xstrdup(unit), *save;
	char *tw[32], *uw[32], *uf[32];
	size_t nt = 0, nu = 0, nf = 0;
	for (char *w = strtok_r(ft, " ", &save); w && nt < 32; w = strtok_r(NULL, " ", &save))
		tw[nt++] = w;
	for (char *w = strtok_r(ucopy, " ", &save); w && nu < 32; w = strtok_r(NULL, " ", &save))
		uw[nu++] = w;
	for (char *w = strtok_r(fu, " ", &save); w && nf < 32; w = strtok_r(NULL, " ", &save))
		uf[nf++] = w;
	if (nf < nu)
		nu = nf;
	size_t overlap = 0;
	for (size_t k = nt < nu ? nt : nu; k > 0 && !overlap; k--) {
		int same = 1;
		for (size_t i = 0; i < k && same; i++)
			same = str_eq(tw[nt - k + i], uf[i]);
		if (same)
			overlap = k;
	}
	struct strbuf sb = {0};
	strbuf_adds(&sb, title);
	for (size_t i = overlap; i < nu; i++) {
		strbuf_addc(&sb, ' ');
		strbuf_adds(&sb, uw[i]);
	}
	free(ft);
	free(ucopy);
	free(fu);
	return strbuf_detach(&sb);
}

/* s with its first letter small when the word goes on in small letters
 * ("Bận công tác" → "bận công tác"; "UBND", "Hà Nội …" as they are only
 * when their second letter is a capital). Allocated. */
static char *small_first(const char *s)
{
	utf8proc_int32_t a, b = 0;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &a);
	if (n <= 0 || !utf8proc_isupper(a))
		return xstrdup(s);
	if (s[n])
		utf8proc_iterate((const utf8proc_uint8_t *)s + n, -1, &b);
	if (!utf8proc_islower(b))
		return xstrdup(s);
	utf8proc_uint8_t buf[8];
	utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(a), buf);
	return xasprintf("%.*s%s", (int)k, (const char *)buf, s + n);
}

static void add_attendee_line(struct doc *d, const struct meeting *m, const struct attendee *a,
			      int last)
{
	struct doc_para *p = dm_body(d);
	p->tight = 1;
	p->bullet = 1;
	/* Who the person is: the title, with the unit when the title does not
	 * name it ("Phó Giám đốc Báo Bình Định", a guest's); without a title
	 * the unit (a late arrival added live as "Name, unit"). The notice
	 * names those units too. Not the host bodies: "Chuyên viên" of the
	 * "Văn phòng Tỉnh đoàn" reads as the minutes always had it. */
	char *who = !str_empty(a->title) && !str_empty(a->unit) && !dm_is_host_unit(m, a->unit)
			? title_with_unit(a->title, a->unit)
			: NULL;
	/* No title: the unit says who, unless the name says it already
	 * ("Bí thư Đoàn Công an tỉnh" of "Đoàn Công an tỉnh", a seat named by
	 * its title, as a stand-in's absent principal often is). */
	const char *own = who ? who : a->title;
	if (str_empty(own) && !str_empty(a->unit)) {
		char *fn = text_fold(a->name ? a->name : ""), *fu = text_fold(a->unit);
		if (!strstr(fn, fu))
			own = a->unit;
		free(fn);
		free(fu);
	}
	dm_run_person(p, 0, a->name, own, 1);
	free(who);
	if (a->presence == PRES_LATE) {
		char *t = doc_time_vn(a->arrived_at);
		if (t)
			dm_runf(p, 0, " (đến muộn, lúc %s)", t);
		else
			dm_run(p, 0, " (đến muộn)");
		free(t);
	}
	if (!str_empty(a->substitute_for)) {
		dm_run(p, 0, " (dự thay đồng chí ");
		dm_run_user(p, 0, a->substitute_for);
		dm_run(p, 0, ")");
	}
	if (!str_empty(a->reason)) {
		/* "(lý do: bận công tác đột xuất)": the reason goes on the
		 * sentence, in small letters, typed "Bận công tác…" as a note
		 * would be (an acronym, "UBND huyện mời họp", stays). */
		char *r = small_first(a->reason);
		dm_run(p, 0, " (lý do: ");
		dm_run_user(p, 0, r);
		dm_run(p, 0, ")");
		free(r);
	}
	dm_run(p, 0, last ? "." : ";");
}

static void add_absentees(struct doc *d, const struct meeting *m, enum presence which,
			  const char *label)
{
	size_t n = 0, seen = 0;
	for (size_t i = 0; i < m->n_attendees; i++)
		n += m->attendees[i].presence == which;
	if (!n)
		return;
	dm_label_line(d, label)->tight = 1;
	for (size_t i = 0; i < m->n_attendees; i++)
		if (m->attendees[i].presence == which)
			add_attendee_line(d, m, &m->attendees[i], ++seen == n);
}

static void add_attendance(struct doc *d, const struct meeting *m, const struct cluster *cl)
{
	dm_label_line(d, "Thành phần tham dự:")->tight = 1;
	size_t n = 0, seen = 0;
	for (size_t i = 0; i < m->n_attendees; i++)
		n += dm_is_present(&m->attendees[i]) && m->attendees[i].role != ROLE_CHAIR;
	for (size_t i = 0; i < m->n_attendees; i++) {
		const struct attendee *a = &m->attendees[i];
		if (dm_is_present(a) && a->role != ROLE_CHAIR)
			add_attendee_line(d, m, a, ++seen == n);
	}
	struct attendance at;
	dm_count_attendance(m, cl, &at);
	if (at.n_present_units) {
		struct doc_para *p = dm_body(d);
		p->tight = 1;
		dm_run(p, 0, "Đại diện các đơn vị: ");
		for (size_t i = 0; i < at.n_present_units; i++) {
			if (i)
				dm_run(p, 0, ", ");
			dm_run_user(p, 0, at.present_units[i]);
		}
		dm_run(p, 0, ".");
	}
	add_absentees(d, m, PRES_EXCUSED, "Vắng có lý do:");
	add_absentees(d, m, PRES_ABSENT, "Vắng không lý do:");
	struct doc_para *p = dm_body(d);
	p->tight = 1;
	if (at.units_total)
		dm_runf(p, DS_ITALIC, "Tổng số: %zu đại biểu, %zu/%zu đơn vị có mặt.", at.people,
			at.units_present, at.units_total);
	else
		dm_runf(p, DS_ITALIC, "Tổng số: %zu đại biểu.", at.people);
	dm_free_attendance(&at);
}

static void add_role_line(struct doc *d, const char *label, const struct attendee *a)
{
	struct doc_para *p = dm_label_line(d, label);
	p->tight = 1;
	dm_run(p, 0, " ");
	if (a)
		dm_run_person(p, 0, a->name, a->title, 1);
	else
		dm_run(p, 0, "Đồng chí " BLANK_NAME);
	dm_run(p, 0, ".");
}

static const char *kind_verb(enum note_kind k)
{
	switch (k) {
	case NK_REPORT:
		return "báo cáo";
	case NK_QUESTION:
		return "hỏi";
	case NK_ANSWER:
		return "trả lời";
	case NK_PROPOSAL:
		return "kiến nghị";
	case NK_DECISION:
		return "kết luận";
	default:
		return "phát biểu";
	}
}

/* The text of a note as paragraphs (one per stored line); the first gets
 * the lead-in already put in p. end (may be NULL): the punctuation the
 * last line must end with. */
static void note_text(struct doc *d, struct doc_para *p, const char *text, const char *end)
{
	char *c = text_strip_controls(text ? text : "", 1);
	char *save = NULL;
	int first = 1;
	for (char *l = strtok_r(c, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		text_trim(l);
		if (!*l)
			continue;
		if (!first) {
			/* A line pasted into the note is a paragraph of its own,
			 * a sentence: the one before gets its full stop unless it
			 * ends one or leads into the next (":", ";", ","). */
			struct doc_run *r = p->n_runs ? &p->runs[p->n_runs - 1] : NULL;
			size_t n = r ? strlen(r->text) : 0;
			if (end && n && !strchr(";:,", r->text[n - 1]) && !dm_ends_sentence(r->text))
				dm_run(p, 0, end);
			p = dm_body(d);
		}
		dm_run(p, 0, l);
		first = 0;
	}
	if (end && !first && p->n_runs) {
		struct doc_run *r = &p->runs[p->n_runs - 1];
		size_t n = strlen(r->text);
		while (n && r->text[n - 1] == ' ')
			r->text[--n] = '\0';
		if (n && strchr(";:,", r->text[n - 1]))
			r->text[--n] = '\0';
		if (n && !dm_ends_sentence(r->text))
			dm_run(p, 0, end);
	}
	free(c);
}

/* An agenda item that is the chair's conclusions: by the kind the
 * secretary set, else by its title ("Kết luận ...") or because every note
 * in it is a conclusion. */
static int is_conclusions_item(const struct agenda_item *it)
{
	if (it->kind != IK_AUTO)
		return it->kind == IK_CONCLUSIONS;
	char *u = dm_upper_clean(it->title);
	int yes = strncmp(u, "KẾT LUẬN", strlen("KẾT LUẬN")) == 0;
	free(u);
	if (yes)
		return 1;
	size_t decisions = 0;
	for (size_t i = 0; i < it->n_notes; i++)
		decisions += it->notes[i].kind == NK_DECISION;
	return it->n_notes && decisions == it->n_notes;
}

static struct doc_para *add_section(struct doc *d, size_t *sec, const char *upper_title)
{
	struct doc_para *p = dm_line(d, DA_LEFT, 0);
	p->heading = 2;
	p->indent = 1; /* HD29: headings indented like the paragraphs */
	const char *r = dm_roman(*sec);
	if (r)
		dm_runf(p, DS_BOLD, "%s. %s", r, upper_title);
	else
		dm_runf(p, DS_BOLD, "%zu. %s", *sec + 1, upper_title);
	++*sec;
	return p;
}

/* The proposal a proposal note records: the one linked to it (a store's
 * meeting: db/006_proposal_notes.sql makes them one record); else, for a
 * document read from a file, one not linked elsewhere with the same text,
 * else the first one not yet placed raised in the same item by the
 * speaker's unit. -1 if none. */
static long proposal_of_note(const struct meeting *m, size_t idx, const struct note *n,
			     const struct attendee *a, const char *placed)
{
	for (size_t k = 0; n->id && k < m->n_proposals; k++)
		if (m->proposals[k].note_id == n->id)
			return placed[k] ? -1 : (long)k;
	for (size_t k = 0; k < m->n_proposals; k++)
		if (!placed[k] && !m->proposals[k].note_id && str_eq(m->proposals[k].text, n->text))
			return (long)k;
	for (size_t k = 0; a && k < m->n_proposals; k++)
		if (!placed[k] && !m->proposals[k].note_id &&
		    m->proposals[k].item_index == (int)idx && !str_empty(a->unit) &&
		    str_eq(m->proposals[k].unit, a->unit))
			return (long)k;
	return -1;
}

/* The bytes "{name}" or "Đồng chí {name}" take at the start of t, or 0. */
static size_t speaker_at(const char *t, const char *name)
{
	size_t n = name ? strlen(name) : 0, l = text_comrade_len(t);
	if (!n)
		return 0;
	if (l && strncmp(t + l, name, n) == 0)
		return l + n;
	return strncmp(t, name, n) == 0 ? n : 0;
}

/* Text of a report without what the lead-in already says: "Báo cáo ",
 * the speaker's name or "Đồng chí {name}" at its start. Points into t. */
static const char *report_rest(const char *t, const char *name, int *said_report)
{
	*said_report = 0;
	size_t k = speaker_at(t, name);
	if (k) {
		/* The name is the lead-in's only when a colon or a dash, or the
		 * verb, follows it ("Huyện đoàn X: …", "Huyện đoàn X – …",
		 * "Huyện đoàn X báo cáo …"); as the subject of the sentence
		 * ("Huyện đoàn X là địa bàn miền núi…") it stays, the words as
		 * recorded. */
		const char *r = t + k;
		while (*r == ' ')
			r++;
		int sep = *r == ':' || *r == '-' || strncmp(r, "–", strlen("–")) == 0;
		int verb = strncmp(r, "báo cáo", strlen("báo cáo")) == 0 ||
			   strncmp(r, "Báo cáo", strlen("Báo cáo")) == 0;
		if (!sep && !verb)
			return t;
		while (*r == ' ' || *r == ':' || *r == '-')
			r++;
		if (strncmp(r, "–", strlen("–")) == 0)
			r += strlen("–");
		while (*r == ' ')
			r++;
		t = r;
	}
	if (strncmp(t, "Báo cáo", strlen("Báo cáo")) == 0 ||
	    strncmp(t, "báo cáo", strlen("báo cáo")) == 0) {
		const char *r = t + strlen("Báo cáo");
		if (*r == ':') { /* "báo cáo: …": the lead-in's colon is enough */
			for (r++; *r == ' '; r++)
				;
			return r;
		}
		if (*r == ' ') {
			*said_report = 1;
			return r + 1;
		}
	}
	return t;
}

/* 1 if a note names its speaker itself at its start: "{name} …" or
 * "Đồng chí {name} …" (a secretary who types the whole sentence), the
 * name whole ("Vân Canhx" is not "Vân Canh"). */
static int names_speaker(const char *t, const char *name)
{
	if (!t)
		return 0;
	while (*t == ' ')
		t++;
	size_t k = speaker_at(t, name);
	return k && (t[k] == '\0' || strchr(" ,:-(", t[k]) || strncmp(t + k, "–", strlen("–")) == 0);
}

/* s with its first letter in capitals (a note typed "đồng chí Trung đề
 * nghị …" starts a sentence of the minutes). Allocated. */
static char *capitalized(const char *s)
{
	size_t n = text_next_grapheme(s, strlen(s), 0);
	char *first = xstrndup(s, n), *up = text_upper(first);
	char *out = xasprintf("%s%s", up, s + n);
	free(first);
	free(up);
	return out;
}

/* A note that starts with the verb its lead-in would say ("phát biểu
 * thêm ý kiến", "Hỏi về …"): the text to follow the speaker's name, the
 * verb in small letters ("Đồng chí X hỏi về …"); NULL if it does not. */
static char *after_verb(const char *text, enum note_kind k)
{
	const char *v = kind_verb(k);
	size_t n = strlen(v);
	if (str_empty(text))
		return NULL;
	if (strncmp(text, v, n) == 0 && text[n] == ' ')
		return xstrdup(text);
	char *c = capitalized(v);
	size_t cn = strlen(c);
	char *out = strncmp(text, c, cn) == 0 && text[cn] == ' ' ? xasprintf("%s%s", v, text + cn)
								 : NULL;
	free(c);
	return out;
}

/* The same, also without the unit's name at its start ("Thị đoàn An
 * Nhơn báo cáo: …" typed under the unit's lead-in). */
static const char *report_rest_unit(const char *t, const char *name, const char *unit,
				    int *said_report)
{
	t = report_rest(t, name, said_report);
	if (!*said_report && !str_empty(unit))
		t = report_rest(t, unit, said_report);
	return t;
}

/* A speaker that is a unit, not a person (the live screen's speaker
 * picker offers the cluster's units as well as the people): nobody's
 * name, and one of the cluster's units or an attendee's. */
static int is_unit_speaker(const struct meeting *m, const struct cluster *cl, const char *speaker)
{
	if (str_empty(speaker) || dm_find_attendee(m, speaker))
		return 0;
	for (size_t i = 0; cl && i < cl->n_units; i++)
		if (str_eq(cl->units[i], speaker))
			return 1;
	for (size_t i = 0; i < m->n_attendees; i++)
		if (str_eq(m->attendees[i].unit, speaker))
			return 1;
	/* a unit named as a proposal's (F4 makes it the speaker) */
	for (size_t i = 0; i < m->n_proposals; i++)
		if (str_eq(m->proposals[i].unit, speaker))
			return 1;
	return 0;
}

/* The one attendee present for a unit; NULL if none or several. */
static const struct attendee *unit_delegate(const struct meeting *m, const char *unit)
{
	const struct attendee *found = NULL;
	for (size_t i = 0; i < m->n_attendees; i++) {
		const struct attendee *a = &m->attendees[i];
		if (!str_eq(a->unit, unit) || !dm_is_present(a) || a->role == ROLE_GUEST)
			continue;
		if (found)
			return NULL;
		found = a;
	}
	return found;
}

/* A unit speaking with nobody to name: "1. Huyện đoàn Vân Canh báo cáo: …"
 * (numbered among the units' reports unless it is the host; the text
 * added here), "Huyện đoàn Vân Canh kiến nghị: " (the caller adds the
 * text). No "đồng chí": a unit is not a person. */
static void unit_lead(struct doc *d, struct doc_para *p, const struct meeting *m,
		      const struct note *n, int *reports)
{
	if (n->kind == NK_REPORT && !dm_is_host_unit(m, n->speaker)) {
		dm_runf(p, DS_BOLD, "%d.", ++*reports);
		dm_run(p, 0, " ");
	}
	dm_run_user(p, 0, n->speaker);
	if (n->kind != NK_REPORT) { /* the caller adds the text */
		dm_runf(p, 0, " %s: ", kind_verb(n->kind));
		return;
	}
	int said;
	const char *t = report_rest(n->text ? n->text : "", n->speaker, &said);
	dm_run(p, 0, said ? " báo cáo " : " báo cáo: ");
	note_text(d, p, t, ".");
}

/* Two texts the same but for spaces at their ends. */
static int same_text(const char *a, const char *b)
{
	while (*a == ' ')
		a++;
	while (*b == ' ')
		b++;
	size_t la = strlen(a), lb = strlen(b);
	while (la && a[la - 1] == ' ')
		la--;
	while (lb && b[lb - 1] == ' ')
		lb--;
	return la == lb && memcmp(a, b, la) == 0;
}

/* Answers given under a later item than their proposal's (F12 there, in
 * the closing item mostly) are notes of that item too (live_outcomes.c):
 * the minutes print each once, under its proposal as bien-ban.md has it,
 * saying who answered ("Đồng chí X – T trả lời: …"), and not again in
 * the item where it was said. ans[k] is the note that holds the answer
 * of proposal k, or NULL; each note answers one proposal (two proposals
 * answered "Đồng ý." are two notes). concl: the item printed last, as
 * the conclusions. */
static const struct note **answer_notes(const struct meeting *m, size_t concl)
{
	const struct note **ans = xcalloc(m->n_proposals + 1, sizeof *ans);
	for (size_t idx = 0; idx < m->n_agenda; idx++) {
		const struct agenda_item *it = &m->agenda[idx];
		for (size_t i = 0; i < it->n_notes; i++) {
			const struct note *n = &it->notes[i];
			if (n->kind != NK_ANSWER || str_empty(n->text))
				continue;
			for (size_t k = 0; k < m->n_proposals; k++) {
				const struct proposal *pr = &m->proposals[k];
				int pi = pr->item_index;
				/* raised in an item printed before this one */
				int before = pi >= 0 && (size_t)pi != idx && (size_t)pi != concl &&
					     (idx == concl || (size_t)pi < idx);
				if (!ans[k] && before && !str_empty(pr->answer) &&
				    same_text(pr->answer, n->text)) {
					ans[k] = n;
					break;
				}
			}
		}
	}
	return ans;
}

/* Proposal k (its text when with_text) and its answer: "Ý kiến trả lời:
 * …", or who gave it when the answer is a note of a later item (ans). */
static void add_proposal(struct doc *d, const struct meeting *m, const struct cluster *cl,
			 const struct note **ans, size_t k, int with_text)
{
	const struct proposal *pr = &m->proposals[k];
	const struct note *n = ans[k];
	struct doc_para *p = dm_add_proposal(d, pr, with_text, !n);
	if (!n)
		return;
	if (p)
		p->keep_next = 1; /* the answer on the same page */
	p = dm_body(d);
	const struct attendee *a = dm_find_attendee(m, n->speaker);
	if (a)
		dm_run_person(p, DS_ITALIC, a->name, a->title, 1);
	else if (is_unit_speaker(m, cl, n->speaker))
		dm_run_user(p, DS_ITALIC, n->speaker);
	else
		dm_run_person(p, DS_ITALIC, n->speaker, NULL, 1);
	dm_run(p, DS_ITALIC, " trả lời: ");
	dm_run_user_sentence(p, DS_ITALIC, pr->answer);
}

/* The proposal whose answer note n holds, or -1. */
static long answered_by(const struct meeting *m, const struct note **ans, const struct note *n)
{
	for (size_t k = 0; k < m->n_proposals; k++)
		if (ans[k] == n)
			return (long)k;
	return -1;
}

/* A text as repeats_conclusion compares it: controls out, folded (marks
 * and case aside), one space between words, no closing punctuation. */
static char *comparable(const char *text)
{
	char *c = text_strip_controls(text ? text : "", 0);
	char *f = text_fold(c);
	free(c);
	size_t o = 0;
	for (size_t i = 0; f[i]; i++) {
		int sp = f[i] == ' ' || f[i] == '\t' || f[i] == '\n';
		if (sp && (o == 0 || f[o - 1] == ' '))
			continue;
		f[o++] = sp ? ' ' : f[i];
	}
	while (o && strchr(" .;:,!", f[o - 1]))
		o--;
	f[o] = '\0';
	return f;
}

/* The length of the first n words of a comparable text, or 0 if it has
 * fewer. */
static size_t words_prefix(const char *s, int n)
{
	size_t i = 0;
	for (int w = 0; w < n; w++) {
		while (s[i] && s[i] != ' ')
			i++;
		if (w + 1 < n) {
			if (!s[i])
				return 0;
			i++;
		}
	}
	return i;
}

/* 1 if a decision note says what one of the meeting's conclusions says:
 * the one within the other, or the same first four words ("Ghi nhận, biểu
 * dương kết quả…" noted live as the chair spoke, then listed in its
 * approved words). The conclusions noted live as decisions and then
 * listed; a decision of other words is the chair's own, printed. */
static int repeats_conclusion(const struct meeting *m, const char *text)
{
	char *t = comparable(text);
	size_t tp = words_prefix(t, 4);
	int yes = 0;
	for (size_t i = 0; t[0] && !yes && i < m->n_conclusions; i++) {
		char *c = comparable(m->conclusions[i]);
		size_t cp = words_prefix(c, 4);
		yes = c[0] && (strstr(c, t) || strstr(t, c) ||
			       (tp && cp == tp && strncmp(t, c, tp) == 0));
		free(c);
	}
	free(t);
	return yes;
}

/* The notes of an item, then the proposals raised there not yet placed.
 * skip_decisions: leave out the decision notes that repeat a conclusion
 * (the conclusions section lists them as approved); any other decision
 * noted there is printed, as the chair's words. */
/* Which notes of an item add_item_notes prints: all of them, or, in the
 * conclusions item, those said before the conclusions and those typed
 * after them (note.after_conclusions), which follow the directives. */
enum notes_part { NOTES_ALL, NOTES_BEFORE, NOTES_AFTER };

static int in_part(const struct note *n, enum notes_part part)
{
	return part == NOTES_ALL || (part == NOTES_AFTER) == (n->after_conclusions != 0);
}

static void add_item_notes(struct doc *d, const struct meeting *m, const struct cluster *cl,
			   size_t idx, char *placed, const struct note **ans, int skip_decisions,
			   enum notes_part part)
{
	const struct agenda_item *it = &m->agenda[idx];
	int reports = 0;
	for (size_t i = 0; i < it->n_notes; i++) {
		const struct note *n = &it->notes[i];
		if (skip_decisions && n->kind == NK_DECISION && repeats_conclusion(m, n->text))
			continue;
		if (!in_part(n, part))
			continue;
		/* An answer said under its proposal is not said here again;
		 * the note before it is the one printed before. */
		if (answered_by(m, ans, n) >= 0)
			continue;
		const struct note *prev = NULL;
		for (size_t j = i; j-- > 0 && !prev;)
			if (answered_by(m, ans, &it->notes[j]) < 0 && in_part(&it->notes[j], part))
				prev = &it->notes[j];
		const struct attendee *a = dm_find_attendee(m, n->speaker);
		int unit = !a && is_unit_speaker(m, cl, n->speaker);
		if (unit) /* its delegate, when it has one */
			a = unit_delegate(m, n->speaker);
		/* who the lead-in names: the unit's delegate speaks as a person */
		const char *who = a ? a->name : n->speaker;
		int same = prev && prev->kind == n->kind && !str_empty(n->speaker) &&
			   str_eq(prev->speaker, n->speaker) &&
			   !(skip_decisions && prev->kind == NK_DECISION &&
			     repeats_conclusion(m, prev->text));
		struct doc_para *p = dm_body(d);
		char *own = NULL; /* the text as printed, when it differs */
		if (same || str_empty(n->speaker)) {
			/* the same speaker goes on: no lead-in */
		} else if (n->kind != NK_REPORT &&
			   (names_speaker(n->text, who) ||
			    (unit && names_speaker(n->text, n->speaker)) ||
			    (a && !dm_is_host_unit(m, a->unit) && names_speaker(n->text, a->unit)))) {
			/* "Đồng chí Hà Duy Trung – Bí thư Tỉnh đoàn phát biểu khai
			 * mạc…" typed whole: the note says who speaks, once; a
			 * person's bare name gets its "Đồng chí" ("Hà Duy Trung khai
			 * mạc…"), and the sentence its capital. */
			const char *t = n->text;
			while (*t == ' ')
				t++;
			int person = !(unit && !a) && names_speaker(t, who) && !text_comrade_len(t) &&
				     !dm_is_representative(who);
			if (person)
				dm_run(p, 0, "Đồng chí ");
			own = person ? xstrdup(t) : capitalized(t);
		} else if (n->kind != NK_REPORT && !(unit && !a) &&
			   (own = after_verb(n->text, n->kind)) != NULL) {
			/* "phát biểu thêm ý kiến" typed under the lead-in: the verb
			 * once, "Đồng chí X – T phát biểu thêm ý kiến." */
			dm_run_person(p, 0, who, a ? a->title : NULL, 1);
			dm_run(p, 0, " ");
		} else if (unit && !a) {
			unit_lead(d, p, m, n, &reports);
			if (n->kind == NK_REPORT)
				continue;
		} else if (n->kind == NK_REPORT && a && !str_empty(a->unit) &&
			   a->role != ROLE_GUEST && !dm_is_host_unit(m, a->unit)) {
			/* A unit's report, whoever gives it: "1. Unit: đồng chí X – T
			 * báo cáo …." */
			dm_runf(p, DS_BOLD, "%d.", ++reports);
			dm_run(p, 0, " ");
			dm_run_user(p, 0, a->unit);
			dm_run(p, 0, ": ");
			dm_run_person(p, 0, a->name, a->title, 0);
			int said;
			const char *t =
			    report_rest_unit(n->text ? n->text : "", a->name, a->unit, &said);
			dm_run(p, 0, said ? " báo cáo " : " báo cáo: ");
			note_text(d, p, t, ".");
			continue;
		} else if (n->kind == NK_REPORT) {
			/* A report of the host body, of a guest (not one of the
			 * units reporting) or of someone without a unit: the same
			 * lead-in without the number, and a text that starts
			 * "Báo cáo …" not said twice. */
			dm_run_person(p, 0, who, a ? a->title : NULL, 1);
			int said;
			const char *t = report_rest(n->text ? n->text : "", who, &said);
			dm_run(p, 0, said ? " báo cáo " : " báo cáo: ");
			note_text(d, p, t, ".");
			continue;
		} else {
			dm_run_person(p, 0, who, a ? a->title : NULL, 1);
			dm_runf(p, 0, " %s: ", kind_verb(n->kind));
		}
		/* Every note a sentence: "…" typed live without a full stop
		 * prints with one. */
		note_text(d, p, own ? own : n->text, ".");
		free(own);
		if (n->kind != NK_PROPOSAL)
			continue;
		long k = proposal_of_note(m, idx, n, a, placed);
		if (k >= 0) {
			placed[k] = 1;
			add_proposal(d, m, cl, ans, (size_t)k, 0);
		}
	}
	for (size_t k = 0; k < m->n_proposals; k++)
		if (!placed[k] && m->proposals[k].item_index == (int)idx) {
			placed[k] = 1;
			add_proposal(d, m, cl, ans, k, 1);
		}
}

static void add_item(struct doc *d, const struct meeting *m, const struct cluster *cl, size_t idx,
		     char *placed, const struct note **ans, size_t *sec)
{
	const struct agenda_item *it = &m->agenda[idx];
	/* The item made at the first note of a meeting without an agenda, of
	 * a store before it was renamed: not "Nội dung: / I. NỘI DUNG". */
	const char *t = str_eq(it->title, LIVE_DEFAULT_ITEM_OLD) ? LIVE_DEFAULT_ITEM : it->title;
	char *title = str_empty(t) ? xstrdup(BLANK_TEXT) : dm_upper_clean(t);
	add_section(d, sec, title);
	free(title);
	add_item_notes(d, m, cl, idx, placed, ans, 0, NOTES_ALL);
}

/* ==== what was carried over from earlier meetings ==== */

/* What had become of a carried item by meeting m: settled in a meeting
 * that starts after m, it was still open at m. */
static enum task_status carry_status_at(const struct carry_item *c, const struct meeting *m)
{
	if (c->status == TS_OPEN || !c->closed_in || c->closed_in == m->id || !c->closed_starts ||
	    !m->starts_at)
		return c->status;
	int cmp = strcmp(c->closed_starts, m->starts_at);
	return cmp > 0 || (cmp == 0 && c->closed_in > m->id) ? TS_OPEN : c->status;
}

/* "Đã hoàn thành", "Đang thực hiện"...: the result column. An open
 * directive is "not done" once its due date is before the meeting's day,
 * and "under way" while it is not. */
static const char *carry_result(const struct carry_item *c, const struct meeting *m)
{
	enum task_status st = carry_status_at(c, m);
	if (c->kind == CARRY_PROPOSAL)
		return st == TS_DONE	  ? "Đã giải quyết"
		       : st == TS_DROPPED ? "Không tiếp tục xem xét"
					  : "Chưa giải quyết";
	if (st == TS_DONE)
		return "Đã hoàn thành";
	if (st == TS_DROPPED)
		return "Không tiếp tục thực hiện";
	struct when due = dm_parse_when(c->due), day = dm_parse_when(m->starts_at);
	if (due.has_date && day.has_date && strncmp(c->due, m->starts_at, 10) < 0)
		return "Chưa hoàn thành";
	return "Đang thực hiện";
}

/* One table of the items carried from one earlier meeting (those of
 * c[first]'s meeting), led in by where they come from; marks them in
 * done[]. */
static void add_carried_from(struct doc *d, const struct meeting *m, const struct carry_item *c,
			     size_t n, size_t first, char *done)
{
	int64_t from = c[first].from_meeting;
	size_t rows = 0, proposals = 0;
	for (size_t i = first; i < n; i++)
		if (c[i].from_meeting == from) {
			rows++;
			proposals += c[i].kind == CARRY_PROPOSAL;
		}
	struct doc_para *p = dm_body(d);
	dm_run(p, 0,
	       proposals == rows ? "Kiến nghị, đề xuất chuyển từ "
	       : proposals	 ? "Nhiệm vụ, kiến nghị chuyển từ "
				 : "Nhiệm vụ chuyển từ ");
	dm_run_user_end(p, 0, c[first].from_title, "");
	char *date = doc_date_vn(c[first].from_starts);
	if (date)
		dm_runf(p, 0, " (%s)", date);
	free(date);
	dm_run(p, 0, ":");
	p->keep_next = 1; /* with its table */

	struct doc_table *t = &dm_add_block(d, DB_TABLE)->table;
	static const char *const head[] = {"TT", "Nội dung", "Đơn vị", "Thời hạn", "Kết quả"};
	static const int width[] = {8, 32, 18, 18, 24}; /* "Thời hạn" as in dm_add_directives */
	static const enum doc_align align[] = {DA_CENTER, DA_JUSTIFY, DA_LEFT, DA_CENTER, DA_LEFT};
	t->n_cols = 5;
	for (size_t k = 0; k < 5; k++) {
		t->head[k] = xstrdup(head[k]);
		t->width_pct[k] = width[k];
		t->align[k] = align[k];
	}
	t->n_rows = rows;
	t->cells = xcalloc(rows * t->n_cols, sizeof *t->cells);
	size_t r = 0;
	for (size_t i = first; i < n; i++) {
		if (c[i].from_meeting != from)
			continue;
		done[i] = 1;
		char **row = &t->cells[r++ * 5];
		row[0] = xasprintf("%zu", r);
		char *text = dm_clean(c[i].text);
		/* Among directives, a proposal says what it is. */
		row[1] = c[i].kind == CARRY_PROPOSAL && proposals < rows
			     ? xasprintf("Kiến nghị: %s", text)
			     : xstrdup(text);
		free(text);
		row[2] = dm_clean(c[i].owner);
		row[3] = c[i].kind == CARRY_DIRECTIVE ? doc_date_short(c[i].due) : NULL;
		if (!row[3])
			row[3] = xstrdup("");
		row[4] = xstrdup(carry_result(&c[i], m));
	}
}

/* The section on what was carried into m, one table per meeting the items
 * came from, in the order they were carried. Nothing when none was. */
/* What was carried over: a section of its own, or (sec NULL) the tables
 * only, under the agenda item that is the follow-up (follow_item). */
static void add_carried(struct doc *d, const struct meeting *m, const struct carry_item *c,
			size_t n, size_t *sec)
{
	if (!n)
		return;
	if (sec)
		add_section(d, sec, "KẾT QUẢ THỰC HIỆN NHIỆM VỤ, KIẾN NGHỊ KỲ TRƯỚC");
	char *done = xcalloc(n, 1);
	for (size_t i = 0; i < n; i++)
		if (!done[i])
			add_carried_from(d, m, c, n, i, done);
	free(done);
}

/* The agenda item that is the follow-up of the previous meeting ("Theo
 * dõi thực hiện kết luận Hội nghị quý trước", "Kết quả thực hiện nhiệm vụ
 * kỳ trước"), not the conclusions item: the carried-over tables go under
 * it, so that the minutes keep the programme's numbering. n_agenda if
 * none. */
static size_t follow_item(const struct meeting *m, size_t concl)
{
	static const char *const words[] = {"ky truoc", "quy truoc", "hoi nghi truoc",
					    "cuoc hop truoc", "theo doi thuc hien"};
	for (size_t i = 0; i < m->n_agenda; i++) {
		if (i == concl || str_empty(m->agenda[i].title))
			continue;
		char *f = text_fold(m->agenda[i].title);
		int yes = 0;
		for (size_t k = 0; k < BB_ARRAY_LEN(words) && !yes; k++)
			yes = strstr(f, words[k]) != NULL;
		free(f);
		if (yes)
			return i;
	}
	return m->n_agenda;
}

/* 1 unless the meeting's end is known and earlier than its start (an end
 * without a date is on the start's day). */
static int end_after_start(const struct meeting *m)
{
	struct when a = dm_parse_when(m->starts_at), b = dm_parse_when(m->ends_at);
	if (!a.has_time || !b.has_time)
		return 1;
	if (!b.has_date) {
		b.y = a.y;
		b.mo = a.mo;
		b.d = a.d;
	}
	long ka = (((a.y * 13L + a.mo) * 32 + a.d) * 24 + a.h) * 60 + a.mi;
	long kb = (((b.y * 13L + b.mo) * 32 + b.d) * 24 + b.h) * 60 + b.mi;
	return kb >= ka;
}

void dm_add_minutes(struct doc *d, const struct meeting *m, const struct org *o,
		    const struct cluster *cl, const struct carry_item *carried, size_t n_carried)
{
	dm_add_title(d, "BIÊN BẢN", NULL, m);

	struct doc_para *p = dm_label_line(d, "Thời gian:");
	char *t = doc_time_vn(m->starts_at), *date = doc_date_vn(m->starts_at);
	dm_runf(p, 0, " Vào lúc %s, %s.", t ? t : BLANK_TIME, date ? date : BLANK_DATE);
	free(t);
	free(date);
	p = dm_label_line(d, "Địa điểm:");
	p->tight = 1;
	dm_run(p, 0, " ");
	if (str_empty(m->location))
		dm_run(p, 0, BLANK_TEXT ".");
	else
		dm_run_user_end(p, 0, m->location, ".");
	add_attendance(d, m, cl);
	add_role_line(d, "Chủ trì:", meeting_role(m, ROLE_CHAIR));
	add_role_line(d, "Thư ký:", meeting_role(m, ROLE_SECRETARY));
	p = dm_label_line(d, "Nội dung:");
	p->tight = 1;
	p->keep_next = 1; /* with the first section */

	/* One sequence of sections: the agenda items, the proposals raised
	 * outside any, what was carried over, the conclusions. The item that
	 * is the chair's conclusions becomes the conclusions section. */
	size_t sec = 0, concl = m->n_agenda;
	for (size_t i = m->n_agenda; i-- > 0;) /* the secretary's choice first */
		if (m->agenda[i].kind == IK_CONCLUSIONS) {
			concl = i;
			break;
		}
	for (size_t i = m->n_agenda; concl == m->n_agenda && i-- > 0;)
		if (is_conclusions_item(&m->agenda[i])) {
			concl = i;
			break;
		}
	char *placed = xcalloc(m->n_proposals + 1, 1);
	const struct note **ans = answer_notes(m, concl);
	size_t follow = n_carried ? follow_item(m, concl) : m->n_agenda;
	for (size_t i = 0; i < m->n_agenda; i++)
		if (i != concl) {
			add_item(d, m, cl, i, placed, ans, &sec);
			if (i == follow)
				add_carried(d, m, carried, n_carried, NULL);
		}
	size_t left = 0;
	for (size_t k = 0; k < m->n_proposals; k++)
		left += !placed[k] &&
			(concl == m->n_agenda || m->proposals[k].item_index != (int)concl);
	if (left) {
		add_section(d, &sec, "KIẾN NGHỊ, ĐỀ XUẤT CỦA CÁC ĐƠN VỊ");
		for (size_t k = 0; k < m->n_proposals; k++)
			if (!placed[k] &&
			    (concl == m->n_agenda || m->proposals[k].item_index != (int)concl)) {
				placed[k] = 1;
				add_proposal(d, m, cl, ans, k, 1);
			}
	}
	if (follow == m->n_agenda)
		add_carried(d, m, carried, n_carried, &sec);

	add_section(d, &sec, "KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ");
	if (concl < m->n_agenda)
		add_item_notes(d, m, cl, concl, placed, ans, m->n_conclusions > 0, NOTES_BEFORE);
	if (m->n_conclusions || concl == m->n_agenda)
		dm_add_conclusion_list(d, m);
	dm_add_directives(d, m, "Nhiệm vụ được giao:");
	/* What was said once they were given: the closing words, the minutes
	 * read out and adopted. */
	if (concl < m->n_agenda)
		add_item_notes(d, m, cl, concl, placed, ans, m->n_conclusions > 0, NOTES_AFTER);
	free(placed);
	free(ans);

	/* The date of the end, or of the start when the end is unknown. An
	 * end before the start (bienban check reports it) is left blank to
	 * fill by hand, never printed. */
	const char *ends = end_after_start(m) ? m->ends_at : NULL;
	t = doc_time_vn(ends);
	date = doc_date_vn(dm_parse_when(ends).has_date ? ends : m->starts_at);
	p = dm_closing(d);
	dm_runf(p, 0, "Hội nghị kết thúc vào lúc %s, %s./.", t ? t : BLANK_TIME,
		date ? date : BLANK_DATE);
	free(t);
	free(date);
	dm_add_minutes_signatures(d, m, o);
}
