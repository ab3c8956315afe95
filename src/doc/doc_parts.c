/* doc_parts.c - what the minutes and the notice share: people and
 * attendance, the header, the title, the signatures, proposals, the list
 * of conclusions and the table of directives. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doc_build.h"
#include "text.h"

/* ==== people ==== */

int dm_is_representative(const char *name)
{
	/* "Đại diện Văn phòng…"; "Các đơn vị trong Cụm", the reports item's
	 * presenter, is many, never one comrade */
	return name && (strncmp(name, "Đại diện", strlen("Đại diện")) == 0 ||
			strncmp(name, "Các ", strlen("Các ")) == 0);
}

/* A name without the "Đồng chí " (or "đ/c ") a secretary may have typed
 * before it: the lead-in says it already. Points into name. */
static const char *bare_name(const char *name)
{
	size_t l = text_comrade_len(name);
	return l && name[l] ? name + l : name;
}

/* "Đồng chí Hà Duy Trung – Bí thư Tỉnh đoàn" (capital or not); the title
 * is left out when it only repeats the name. A name
 * typed with its title and no title given ("ông Nguyễn Văn Tâm, Chủ
 * tịch UBND huyện") is split at its comma. */
void dm_run_person(struct doc_para *p, unsigned style, const char *name, const char *title,
		   int capital)
{
	name = bare_name(name);
	if (str_empty(name)) {
		dm_run(p, style, capital ? "Đồng chí " BLANK_NAME : "đồng chí " BLANK_NAME);
		return;
	}
	char *own = NULL;
	if (str_empty(title) && !dm_is_representative(name)) {
		/* A speaker typed "ông Nguyễn Văn Tâm, Chủ tịch UBND huyện" (not
		 * one of the attendees): the name, then its title after the
		 * dash, as an attendee's. */
		name += text_honorific_len(name);
		const char *comma = strstr(name, ", ");
		if (comma && comma > name && comma[2]) {
			own = xstrndup(name, (size_t)(comma - name));
			name = own;
			title = comma + 2;
		}
	}
	if (!dm_is_representative(name))
		dm_run(p, style, capital ? "Đồng chí " : "đồng chí ");
	dm_run_user(p, style, name);
	if (!str_empty(title) && !str_eq(title, name)) {
		dm_run(p, style, " " EN_DASH " ");
		dm_run_user(p, style, title);
	}
	free(own);
}

const struct attendee *dm_find_attendee(const struct meeting *m, const char *name)
{
	for (size_t i = 0; name && i < m->n_attendees; i++)
		if (str_eq(m->attendees[i].name, name))
			return &m->attendees[i];
	return NULL;
}

int dm_is_present(const struct attendee *a)
{
	return a->presence == PRES_PRESENT || a->presence == PRES_LATE;
}

/* Append a unit name to a list unless it is there already. */
static void add_unit(char ***units, size_t *n, const char *unit)
{
	if (str_empty(unit))
		return;
	for (size_t i = 0; i < *n; i++)
		if (str_eq((*units)[i], unit))
			return;
	*units = xreallocarray(*units, *n + 1, sizeof **units);
	(*units)[(*n)++] = xstrdup(unit);
}

void dm_free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void dm_free_attendance(struct attendance *at)
{
	dm_free_list(at->present_units, at->n_present_units);
	dm_free_list(at->host_units, at->n_host_units);
	dm_free_list(at->other_units, at->n_other_units);
	memset(at, 0, sizeof *at);
}

/* True if s ends with the word t, compared without regard to case. */
static int ends_with_ci(const char *s, const char *t)
{
	char *us = text_upper(s), *ut = text_upper(t);
	size_t ls = strlen(us), lt = strlen(ut);
	int r = ls >= lt && strcmp(us + ls - lt, ut) == 0 && (ls == lt || us[ls - lt - 1] == ' ');
	free(us);
	free(ut);
	return r;
}

int dm_is_host_unit(const struct meeting *m, const char *unit)
{
	if (str_empty(unit))
		return 0;
	if (ends_with_ci(unit, "Tỉnh đoàn") ||
	    ends_with_ci(unit, "Thành đoàn trực thuộc Trung ương"))
		return 1;
	const struct attendee *chair = meeting_role(m, ROLE_CHAIR);
	const struct attendee *sec = meeting_role(m, ROLE_SECRETARY);
	return (chair && str_eq(chair->unit, unit)) || (sec && str_eq(sec->unit, unit));
}

char *dm_title_body(const char *title)
{
	/* The posts; the longest that begins the title is cut off. */
	static const char *const posts[] = {
	    "Phó Bí thư Thường trực", "Phó Chủ tịch Thường trực", "Phó Bí thư", "Bí thư",
	    "Phó Chủ tịch", "Chủ tịch", "Phó Trưởng", "Trưởng", "Phó Giám đốc", "Giám đốc",
	    "Phó Chánh", "Chánh", "Phó Tổng Biên tập", "Tổng Biên tập", "Phó Thủ trưởng",
	    "Thủ trưởng", "Phó Hiệu trưởng", "Hiệu trưởng", "Ủy viên", "Chuyên viên",
	    "Phóng viên", "Cán bộ", "Đại diện", "Phó Tổng Giám đốc", "Tổng Giám đốc"};
	if (str_empty(title))
		return NULL;
	size_t len = strcspn(title, ",;(");
	const char *rest = NULL;
	size_t best = 0;
	for (size_t i = 0; i < BB_ARRAY_LEN(posts); i++) {
		size_t n = strlen(posts[i]);
		if (n > best && n < len && strncmp(title, posts[i], n) == 0 && title[n] == ' ') {
			best = n;
			rest = title + n + 1;
		}
	}
	if (!rest)
		return NULL;
	while (*rest == ' ')
		rest++;
	size_t n = (size_t)(title + len - rest);
	while (n && rest[n - 1] == ' ')
		n--;
	if (!n)
		return NULL;
	/* a body's name starts with a capital ("Ban Tuyên giáo …", "UBND
	 * …"), not a post's further words ("Bí thư chi đoàn") */
	return text_starts_capital(rest) ? xstrndup(rest, n) : NULL;
}

void dm_count_attendance(const struct meeting *m, const struct cluster *cl, struct attendance *at)
{
	memset(at, 0, sizeof *at);
	char **all = NULL;
	size_t n_all = 0;
	for (size_t i = 0; i < m->n_attendees; i++) {
		const struct attendee *a = &m->attendees[i];
		const char *unit = a->unit;
		/* A guest typed "Name, title" has no unit: the body its title
		 * names ("Phó Chủ tịch UBND thị xã An Nhơn"), unless one of
		 * the host's own. */
		char *body = NULL;
		if (str_empty(unit) && a->role == ROLE_GUEST) {
			body = dm_title_body(a->title);
			if (body && dm_is_host_unit(m, body)) {
				free(body);
				body = NULL;
			}
			unit = body;
		}
		int host = dm_is_host_unit(m, unit);
		if (dm_is_present(a)) {
			at->people++;
			if (host)
				add_unit(&at->host_units, &at->n_host_units, unit);
			else
				add_unit(&at->present_units, &at->n_present_units, unit);
		}
		if (!host)
			add_unit(&all, &n_all, unit);
		free(body);
	}
	if (cl && cl->n_units) {
		at->units_total = cl->n_units;
		for (size_t u = 0; u < cl->n_units; u++)
			for (size_t i = 0; i < at->n_present_units; i++)
				if (str_eq(cl->units[u], at->present_units[i])) {
					at->units_present++;
					break;
				}
		/* List only the cluster's units, in the cluster's order; the
		 * others (a guest's) apart. */
		char **mine = NULL;
		size_t n_mine = 0;
		for (size_t u = 0; u < cl->n_units; u++)
			for (size_t i = 0; i < at->n_present_units; i++)
				if (str_eq(cl->units[u], at->present_units[i]))
					add_unit(&mine, &n_mine, cl->units[u]);
		for (size_t i = 0; i < at->n_present_units; i++) {
			size_t u = 0;
			while (u < cl->n_units && !str_eq(cl->units[u], at->present_units[i]))
				u++;
			if (u == cl->n_units)
				add_unit(&at->other_units, &at->n_other_units,
					 at->present_units[i]);
		}
		dm_free_list(at->present_units, at->n_present_units);
		at->present_units = mine;
		at->n_present_units = n_mine;
	} else {
		at->units_total = n_all;
		at->units_present = at->n_present_units;
	}
	dm_free_list(all, n_all);
}

/* ==== header, title, signatures ==== */

static struct doc_row *add_row(struct doc_columns *c)
{
	c->rows = xreallocarray(c->rows, c->n_rows + 1, sizeof *c->rows);
	struct doc_row *r = &c->rows[c->n_rows++];
	dm_para_init(&r->left, DA_CENTER, 0);
	dm_para_init(&r->right, DA_CENTER, 0);
	return r;
}

/* Advance widths of Times New Roman (and of Liberation Serif, which has
 * the same metrics) in thousandths of an em, for the letters a-z and A-Z
 * of the regular, italic and bold faces; a Vietnamese letter is as wide as
 * its base letter. Enough to size the header's columns. */
static const short times_lower[3][26] = {
    {444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778,
     500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444},
    {500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444, 278, 722,
     500, 500, 500, 500, 389, 389, 278, 500, 444, 667, 444, 444, 389},
    {500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833,
     556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444},
};
static const short times_upper[3][26] = {
    {722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
     722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611},
    {611, 611, 667, 722, 611, 611, 722, 722, 333, 444, 667, 556, 833,
     667, 722, 611, 722, 611, 500, 556, 722, 611, 833, 611, 556, 556},
    {722, 667, 722, 722, 667, 611, 778, 778, 389, 500,	778, 667, 944,
     722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667},
};

/* Width in points of text in Times New Roman of style and size (half
 * points). */
static double text_points(const char *text, unsigned style, int size)
{
	int face = style & DS_BOLD ? 2 : style & DS_ITALIC ? 1 : 0;
	long em = 0;
	for (const char *t = text ? text : ""; *t;) {
		size_t n = 1;
		while (t[n] && ((unsigned char)t[n] & 0xc0) == 0x80)
			n++;
		char ch[8] = {0};
		memcpy(ch, t, n < 7 ? n : 7);
		t += n;
		char *f = text_fold(ch), *u = text_upper(ch);
		unsigned char c = (unsigned char)f[0];
		int upper = strcmp(u, ch) == 0;
		if (str_eq(ch, "đ") || str_eq(ch, "Đ"))
			c = 'd';
		if (c >= 'a' && c <= 'z')
			em += upper ? times_upper[face][c - 'a'] : times_lower[face][c - 'a'];
		else if (c >= '0' && c <= '9')
			em += 500;
		else if (c == ' ' || c == ',' || c == '.')
			em += 250;
		else
			em += 333;
		free(f);
		free(u);
	}
	return em * (size / 2.0) / 1000.0;
}

/* The text width of the page (A4 less 30 and 20 mm) in points. */
#define TEXT_POINTS (160.0 / 25.4 * 72.0)

void dm_add_header(struct doc *d, enum doc_kind k, const struct meeting *m, const struct org *o,
		   int *missing_place)
{
	struct doc_columns *c = &dm_add_block(d, DB_COLUMNS)->cols;
	c->left_pct = 45;
	/* Rows: issuer lines | superior, its rule; "***"; number | dateline. */
	char *superior = dm_upper_clean(o->superior);
	int rule = (int)text_width(superior);
	struct doc_row *r = add_row(c);
	dm_run(&r->right, DS_BOLD | DS_UNDERLINE, superior);
	r->right.size = 30;
	free(superior);
	for (size_t i = 0; i < o->n_issuer; i++) {
		if (i)
			r = add_row(c);
		char *u = dm_upper_clean(o->issuer[i]);
		dm_run(&r->left, DS_BOLD, u);
		free(u);
		if (i == 1)
			r->right.rule = rule;
	}
	r = add_row(c);
	dm_run(&r->left, 0, "***");
	if (o->n_issuer < 2)
		r->right.rule = rule;
	r = add_row(c);
	const char *type = k == DOC_CONCLUSIONS ? "TB" : "BB";
	char *sym = dm_clean(str_empty(o->symbol) ? "" : o->symbol);
	const char *num = k == DOC_MINUTES ? m->document_number : m->notice_number;
	if (str_empty(num)) {
		dm_runf(&r->left, 0, "Số: " BLANK_NUMBER "-%s/%s", type, sym);
	} else if (strchr(num, '-') || strchr(num, '/')) {
		dm_run(&r->left, 0, "Số: ");
		dm_run_user(&r->left, 0, num);
	} else {
		char *n = dm_clean(num);
		dm_runf(&r->left, 0, "Số: %s-%s/%s", n, type, sym);
		free(n);
	}
	free(sym);
	r->right.size = 26;
	char *date = doc_date_vn(m->starts_at);
	if (str_empty(o->place))
		*missing_place = 1;
	char *place = str_empty(o->place) ? xstrdup("..............") : dm_clean(o->place);
	dm_runf(&r->right, DS_ITALIC, "%s, %s", place, date ? date : BLANK_DATE);
	free(place);
	free(date);
	/* Columns sized from their content: the right one as wide as its
	 * widest line (the dateline must never wrap) and a margin, the left
	 * one the rest, 45 % when both fit. */
	double right = 0, left = 0;
	for (size_t i = 0; i < c->n_rows; i++) {
		for (int side = 0; side < 2; side++) {
			const struct doc_para *p = side ? &c->rows[i].right : &c->rows[i].left;
			char *t = doc_para_text(p);
			double w = text_points(t, p->n_runs ? p->runs[0].style : 0, p->size);
			free(t);
			if (side && w > right)
				right = w;
			if (!side && w > left)
				left = w;
		}
	}
	int right_pct = (int)((right + 18.0) * 100.0 / TEXT_POINTS + 0.999);
	int left_pct = (int)((left + 12.0) * 100.0 / TEXT_POINTS + 0.999);
	if (right_pct > 55 && right_pct <= 80)
		c->left_pct = 100 - right_pct;
	else if (left_pct > 45 && left_pct + 55 <= 100)
		c->left_pct = left_pct;
	else if (left_pct > 45)
		c->left_pct = 100 - (right_pct > 55 ? right_pct : 55);
}

void dm_add_title(struct doc *d, const char *type, const char *subject_prefix,
		  const struct meeting *m)
{
	struct doc_para *p = dm_line(d, DA_CENTER, 32);
	p->heading = 1;
	dm_run(p, DS_BOLD, type);
	p = dm_line(d, DA_CENTER, 0);
	p->tight = 1;
	if (subject_prefix)
		dm_run(p, DS_BOLD, subject_prefix);
	dm_run_user(p, DS_BOLD, m->title);
	p = dm_line(d, DA_CENTER, 0);
	p->tight = 1;
	dm_run(p, 0, "-----------");
}

/* A recipient as typed on paper, "- Đồng chí Bí thư (b/c);": without the
 * dash (the document puts its own) and the spaces after it. */
static const char *no_dash(const char *r)
{
	static const char *const dashes[] = {"- ", "\xe2\x80\x93 ", "\xe2\x80\x94 ", "+ ",
					     "\xe2\x80\xa2 "}; /* - – — + • */
	if (!r)
		return r;
	while (*r == ' ')
		r++;
	for (size_t i = 0; i < BB_ARRAY_LEN(dashes); i++)
		if (strncmp(r, dashes[i], strlen(dashes[i])) == 0) {
			r += strlen(dashes[i]);
			while (*r == ' ')
				r++;
			break;
		}
	return r;
}

/* The recipients of the document: the stored list; the default list of
 * formats/bien-ban.md when none is stored (store_org_get gives it); a
 * dotted line when the list was deliberately emptied. A meeting outside
 * any cluster sends nothing to "Các đơn vị trong Cụm". Returns the row
 * after the last line. */
static size_t add_recipient_lines(struct doc_columns *c, size_t row, const struct meeting *m,
				  const struct org *o)
{
	struct doc_para *p = &c->rows[row++].left;
	p->align = DA_LEFT;
	p->size = 26; /* 13 pt, upright, bold (HD29) */
	dm_run(p, DS_BOLD, "Nơi nhận:");
	size_t n = 0, last = 0;
	for (size_t i = 0; i < o->n_recipients; i++)
		if (m->cluster > 0 || !str_eq(no_dash(o->recipients[i]), "Các đơn vị trong Cụm"))
			n++, last = i;
	for (size_t i = 0; i < o->n_recipients; i++) {
		const char *r = no_dash(o->recipients[i]);
		if (m->cluster <= 0 && str_eq(r, "Các đơn vị trong Cụm"))
			continue;
		if (row >= c->n_rows)
			add_row(c);
		p = &c->rows[row++].left;
		p->align = DA_LEFT;
		p->size = DOC_SIZE_RECIPIENTS;
		p->bullet = 1;
		dm_run_user_end(p, 0, r, i == last ? "." : ";");
	}
	if (n == 0) {
		/* Emptied on purpose: a dotted line for the office to write in. */
		if (row >= c->n_rows)
			add_row(c);
		p = &c->rows[row++].left;
		p->align = DA_LEFT;
		p->size = DOC_SIZE_RECIPIENTS;
		p->bullet = 1;
		dm_run(p, 0, "..............................");
	}
	return row;
}

struct doc_para *dm_closing(struct doc *d)
{
	/* The paragraph before it goes along too, so that the signatures'
	 * page never holds the closing line alone; a table before it (the
	 * directives) sends its last row along. */
	if (d->n_blocks && d->blocks[d->n_blocks - 1].kind == DB_PARA &&
	    !d->blocks[d->n_blocks - 1].para.heading)
		d->blocks[d->n_blocks - 1].para.keep_next = 1;
	if (d->n_blocks && d->blocks[d->n_blocks - 1].kind == DB_TABLE)
		d->blocks[d->n_blocks - 1].table.keep_next = 1;
	struct doc_para *p = dm_body(d);
	p->keep_next = 1;
	return p;
}

/* THƯ KÝ | CHỦ TRÌ, space to sign, the names; then "Nơi nhận" on the
 * left, all one block that stays whole on a page. */
void dm_add_minutes_signatures(struct doc *d, const struct meeting *m, const struct org *o)
{
	const struct attendee *chair = meeting_role(m, ROLE_CHAIR);
	const struct attendee *sec = meeting_role(m, ROLE_SECRETARY);
	struct doc_columns *c = &dm_add_block(d, DB_COLUMNS)->cols;
	c->left_pct = 50;
	c->whole = 1;
	struct doc_row *r = add_row(c);
	dm_run(&r->left, DS_BOLD, "THƯ KÝ");
	dm_run(&r->right, DS_BOLD, "CHỦ TRÌ");
	for (int i = 0; i < 4; i++)
		add_row(c);
	r = add_row(c);
	if (sec)
		dm_run_user(&r->left, DS_BOLD, sec->name);
	if (chair)
		dm_run_user(&r->right, DS_BOLD, chair->name);
	/* An empty line between the signatures and "Nơi nhận". */
	add_row(c);
	add_row(c);
	add_recipient_lines(c, c->n_rows - 1, m, o);
}

/* "Nơi nhận" on the left, the signer on the right (HD29). */
void dm_add_notice_signatures(struct doc *d, const struct meeting *m, const struct org *o)
{
	struct doc_columns *c = &dm_add_block(d, DB_COLUMNS)->cols;
	c->left_pct = 45;
	c->whole = 1;
	c->stacked = 1;
	struct doc_row *r = add_row(c);
	char *u = dm_upper_clean(o->notice_signer_for);
	dm_run(&r->right, DS_BOLD, u);
	free(u);
	r = add_row(c);
	u = dm_upper_clean(o->notice_signer_title);
	dm_run(&r->right, 0, u);
	free(u);
	/* "Nơi nhận:" and the recipients; beside them the signer's column:
	 * its two lines, five empty ones to sign in, the name, however many
	 * recipients there are. */
	c->stack_len[0] = add_recipient_lines(c, 0, m, o);
	while (c->n_rows < 8)
		add_row(c);
	if (!str_empty(o->notice_signer_name))
		dm_run_user(&c->rows[7].right, DS_BOLD, o->notice_signer_name);
	c->stack_len[1] = 8;
}

/* ==== pieces of the body ==== */

struct doc_para *dm_label_line(struct doc *d, const char *label)
{
	struct doc_para *p = dm_body(d);
	dm_run(p, DS_BOLD, label);
	return p;
}

/* 1 if a proposal's text says itself who proposes: it starts with the
 * unit, or with a few words naming it before a colon ("Bí thư Huyện đoàn
 * Hoài Ân: đề xuất …", typed whole). Folded: marks and case aside. */
static int proposal_names_unit(const char *text, const char *unit)
{
	if (str_empty(text) || str_empty(unit))
		return 0;
	const char *colon = strchr(text, ':');
	size_t head = colon && colon - text <= 80 ? (size_t)(colon - text) : 0;
	char *ft = text_fold(text), *fu = text_fold(unit);
	int yes = strncmp(ft, fu, strlen(fu)) == 0;
	if (!yes && head) {
		char *h = xstrndup(text, head), *fh = text_fold(h);
		yes = strstr(fh, fu) != NULL;
		free(h);
		free(fh);
	}
	free(ft);
	free(fu);
	return yes;
}

/* A proposal with its answer: "{unit} kiến nghị: …" and "Trả lời: …". */
struct doc_para *dm_add_proposal(struct doc *d, const struct proposal *pr, int with_text,
				 int with_answer)
{
	struct doc_para *p = NULL;
	if (with_text) {
		p = dm_body(d);
		/* A text that starts with the verb ("Kiến nghị Tỉnh đoàn …"):
		 * the verb once, "Huyện đoàn X kiến nghị Tỉnh đoàn …". */
		const char *rest = NULL;
		static const char *const verbs[] = {"Kiến nghị", "kiến nghị"};
		for (size_t i = 0; !rest && pr->text && i < BB_ARRAY_LEN(verbs); i++)
			if (strncmp(pr->text, verbs[i], strlen(verbs[i])) == 0 &&
			    strchr(" :", pr->text[strlen(verbs[i])]))
				for (rest = pr->text + strlen(verbs[i]); *rest == ' ' || *rest == ':';)
					rest++;
		if (proposal_names_unit(pr->text, pr->unit)) {
			/* its text names the unit: no second lead-in */
			rest = NULL;
		} else if (!str_empty(pr->unit)) {
			dm_run_user(p, DS_BOLD, pr->unit);
			dm_run(p, 0, rest && *rest ? " kiến nghị " : " kiến nghị: ");
		} else if (!rest || !*rest) {
			dm_run(p, 0, "Kiến nghị: ");
		} else {
			rest = NULL; /* "Kiến nghị …" alone says it */
		}
		dm_run_user_sentence(p, 0, rest && *rest ? rest : pr->text);
		/* The answer below on the same page as the proposal. */
		p->keep_next = with_answer && !str_empty(pr->answer);
	}
	if (with_answer && !str_empty(pr->answer)) {
		p = dm_body(d);
		dm_run(p, DS_ITALIC, "Ý kiến trả lời: ");
		dm_run_user_sentence(p, DS_ITALIC, pr->answer);
	}
	return p;
}

void dm_add_conclusion_list(struct doc *d, const struct meeting *m)
{
	for (size_t i = 0; i < m->n_conclusions; i++) {
		struct doc_para *p = dm_body(d);
		dm_runf(p, DS_BOLD, "%zu.", i + 1);
		dm_run(p, 0, " ");
		dm_run_user_sentence(p, 0, m->conclusions[i]);
	}
	if (!m->n_conclusions)
		dm_run(dm_body(d), 0, BLANK_TEXT);
}

void dm_add_directives(struct doc *d, const struct meeting *m, const char *label)
{
	if (!m->n_directives)
		return;
	dm_label_line(d, label)->keep_next = 1; /* never alone at a page's foot */
	struct doc_table *t = &dm_add_block(d, DB_TABLE)->table;
	static const char *const head[] = {"TT", "Nội dung nhiệm vụ", "Đơn vị thực hiện",
					   "Thời hạn"};
	/* "Thời hạn" holds "30/12/2023" on one line at 14 pt. */
	static const int width[] = {8, 48, 26, 18};
	static const enum doc_align align[] = {DA_CENTER, DA_JUSTIFY, DA_LEFT, DA_CENTER};
	t->n_cols = 4;
	for (size_t c = 0; c < 4; c++) {
		t->head[c] = xstrdup(head[c]);
		t->width_pct[c] = width[c];
		t->align[c] = align[c];
	}
	t->n_rows = m->n_directives;
	t->cells = xcalloc(t->n_rows * t->n_cols, sizeof *t->cells);
	for (size_t i = 0; i < m->n_directives; i++) {
		const struct directive *dv = &m->directives[i];
		char **row = &t->cells[i * 4];
		row[0] = xasprintf("%zu", i + 1);
		row[1] = dm_clean(dv->text);
		row[2] = dm_clean(dv->owner);
		row[3] = doc_date_short(dv->due);
		if (!row[3])
			row[3] = xstrdup("");
	}
}

static const char *const roman_numerals[] = {"I",    "II",  "III",  "IV",    "V",   "VI",   "VII",
					     "VIII", "IX",  "X",    "XI",    "XII", "XIII", "XIV",
					     "XV",   "XVI", "XVII", "XVIII", "XIX", "XX"};

const char *dm_roman(size_t i)
{
	return i < BB_ARRAY_LEN(roman_numerals) ? roman_numerals[i] : NULL;
}
