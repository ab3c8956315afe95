/* doc.c - build the document model of the minutes and the notice of
 * conclusions (formats/bien-ban.md): all the wording and the Vietnamese
 * dates live here, once, so that every format says the same thing. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "text.h"

/* Blanks left for handwriting. */
#define BLANK_NAME "........................................"
#define BLANK_TIME "...... giờ ...... phút"
#define BLANK_DATE "ngày ...... tháng ...... năm ........"
#define BLANK_NUMBER "     " /* "Số:      -BB/TĐTN-VP" */
#define BLANK_TEXT "................................................................"
#define EN_DASH "–"

const char *doc_kind_name(enum doc_kind k)
{
	return k == DOC_CONCLUSIONS ? "conclusions" : "minutes";
}

int doc_kind_parse(const char *s)
{
	if (str_eq(s, "minutes"))
		return DOC_MINUTES;
	if (str_eq(s, "conclusions"))
		return DOC_CONCLUSIONS;
	return -1;
}

/* ==== the model ==== */

struct doc *doc_new(void)
{
	return xcalloc(1, sizeof(struct doc));
}

static void para_done(struct doc_para *p)
{
	for (size_t i = 0; i < p->n_runs; i++)
		free(p->runs[i].text);
	free(p->runs);
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_blocks; i++) {
		struct doc_block *b = &d->blocks[i];
		para_done(&b->para);
		for (size_t r = 0; r < b->cols.n_rows; r++) {
			para_done(&b->cols.rows[r].left);
			para_done(&b->cols.rows[r].right);
		}
		free(b->cols.rows);
		for (size_t c = 0; c < b->table.n_cols; c++)
			free(b->table.head[c]);
		for (size_t c = 0; c < b->table.n_rows * b->table.n_cols; c++)
			free(b->table.cells[c]);
		free(b->table.cells);
	}
	free(d->blocks);
	free(d->title);
	free(d);
}

char *doc_para_text(const struct doc_para *p)
{
	struct strbuf sb = {0};
	strbuf_adds(&sb, "");
	for (size_t i = 0; i < p->n_runs; i++)
		strbuf_adds(&sb, p->runs[i].text);
	return strbuf_detach(&sb);
}

static struct doc_block *add_block(struct doc *d, enum doc_block_kind kind)
{
	d->blocks = xreallocarray(d->blocks, d->n_blocks + 1, sizeof *d->blocks);
	struct doc_block *b = &d->blocks[d->n_blocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

static void para_init(struct doc_para *p, enum doc_align a, int size)
{
	memset(p, 0, sizeof *p);
	p->align = a;
	p->size = size ? size : DOC_SIZE_BODY;
}

/* A body paragraph: justified, first-line indent. */
static struct doc_para *body(struct doc *d)
{
	struct doc_para *p = &add_block(d, DB_PARA)->para;
	para_init(p, DA_JUSTIFY, 0);
	p->indent = 1;
	return p;
}

static struct doc_para *line(struct doc *d, enum doc_align a, int size)
{
	struct doc_para *p = &add_block(d, DB_PARA)->para;
	para_init(p, a, size);
	return p;
}

/* Append text as a run (merged into the last run when the style is the
 * same). Text is ours or already cleaned. */
static void run(struct doc_para *p, unsigned style, const char *text)
{
	if (str_empty(text))
		return;
	if (p->n_runs && p->runs[p->n_runs - 1].style == style) {
		struct doc_run *r = &p->runs[p->n_runs - 1];
		char *t = xasprintf("%s%s", r->text, text);
		free(r->text);
		r->text = t;
		return;
	}
	p->runs = xreallocarray(p->runs, p->n_runs + 1, sizeof *p->runs);
	p->runs[p->n_runs].text = xstrdup(text);
	p->runs[p->n_runs++].style = style;
}

static void runf(struct doc_para *p, unsigned style, const char *fmt, ...) BB_PRINTF(3, 4);
static void runf(struct doc_para *p, unsigned style, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	run(p, style, s);
	free(s);
}

/* Stored text made safe for a document: on one line, control characters
 * shown as "^[" and the like, never passed through. A line break typed in
 * a multi-line field (a conclusion, a directive) reads as a space here:
 * in a title or a table cell a "↵" would only puzzle the reader. (Notes
 * keep their lines as paragraphs: note_text.) Allocated. */
static char *clean(const char *s)
{
	char *c = text_visible(s ? s : "", 1);
	char *w = c;
	for (char *r = c; *r; r++) {
		if (*r == '\n') {
			while (w > c && w[-1] == ' ')
				w--;
			if (w > c)
				*w++ = ' ';
			while (r[1] == ' ' || r[1] == '\n')
				r++;
			continue;
		}
		*w++ = *r;
	}
	*w = '\0';
	return c;
}

/* Append stored text. */
static void run_user(struct doc_para *p, unsigned style, const char *stored)
{
	char *c = clean(stored);
	run(p, style, c);
	free(c);
}

/* Append stored text and make it end with a full stop (or the given
 * punctuation) unless it already ends with one. */
static void run_user_end(struct doc_para *p, unsigned style, const char *stored, const char *end)
{
	char *c = clean(stored);
	size_t n = strlen(c);
	while (n && c[n - 1] == ' ')
		c[--n] = '\0';
	if (n && strchr(".;:!?", c[n - 1]))
		c[--n] = '\0';
	run(p, style, c);
	run(p, style, end);
	free(c);
}

static char *upper_clean(const char *stored)
{
	char *c = clean(stored);
	char *u = text_upper(c);
	free(c);
	return u;
}

/* ==== Vietnamese dates ==== */

struct when {
	int y, mo, d, h, mi;
	int has_date, has_time;
};

static int days_in(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Parse "YYYY-MM-DD" with an optional "THH:MM...". Stored values only:
 * never the machine's clock or locale. */
static struct when parse_when(const char *s)
{
	struct when w = {0};
	int n = 0;
	if (!s || sscanf(s, "%4d-%2d-%2d%n", &w.y, &w.mo, &w.d, &n) != 3 || n != 10)
		return w;
	if (w.y < 1 || w.mo < 1 || w.mo > 12 || w.d < 1 || w.d > days_in(w.y, w.mo))
		return w;
	w.has_date = 1;
	int m = 0;
	if ((s[10] == 'T' || s[10] == ' ') && sscanf(s + 11, "%2d:%2d%n", &w.h, &w.mi, &m) == 2 &&
	    m == 5 && w.h >= 0 && w.h < 24 && w.mi >= 0 && w.mi < 60)
		w.has_time = 1;
	return w;
}

static char *date_words(const struct when *w)
{
	/* Months 1 and 2 are padded so that "tháng 1" cannot be read as
	 * "tháng 10..12" in a handwritten correction; the others are not. */
	if (w->mo <= 2)
		return xasprintf("ngày %02d tháng %02d năm %d", w->d, w->mo, w->y);
	return xasprintf("ngày %02d tháng %d năm %d", w->d, w->mo, w->y);
}

char *doc_date_vn(const char *iso)
{
	struct when w = parse_when(iso);
	return w.has_date ? date_words(&w) : NULL;
}

char *doc_time_vn(const char *iso)
{
	struct when w = parse_when(iso);
	return w.has_time ? xasprintf("%02d giờ %02d phút", w.h, w.mi) : NULL;
}

char *doc_date_short(const char *iso)
{
	struct when w = parse_when(iso);
	return w.has_date ? xasprintf("%d/%d/%d", w.d, w.mo, w.y) : NULL;
}

char *doc_period_vn(const char *period)
{
	int q, y;
	static const char *const roman[] = {"I", "II", "III", "IV"};
	if (period_parse(period, &q, &y) < 0)
		return NULL;
	return xasprintf("quý %s/%d", roman[q - 1], y);
}

char *doc_file_name(const struct meeting *m, enum doc_kind k, const char *ext)
{
	struct strbuf sb = {0};
	strbuf_adds(&sb, k == DOC_CONCLUSIONS ? "thong-bao-ket-luan" : "bien-ban");
	if (m && m->cluster > 0)
		strbuf_addf(&sb, "-cum-%d", m->cluster);
	int q, y;
	static const char *const roman[] = {"I", "II", "III", "IV"};
	struct when w = parse_when(m ? m->starts_at : NULL);
	if (m && period_parse(m->period, &q, &y) == 0)
		strbuf_addf(&sb, "-quy-%s-%d", roman[q - 1], y);
	else if (w.has_date)
		strbuf_addf(&sb, "-%04d-%02d-%02d", w.y, w.mo, w.d);
	if (m && m->cluster <= 0 && !w.has_date)
		strbuf_addf(&sb, "-%lld", (long long)m->id);
	strbuf_addf(&sb, ".%s", ext);
	return strbuf_detach(&sb);
}

/* ==== people ==== */

/* True if a stored "name" is a description such as "Đại diện Ban Chấp
 * hành", which takes no "đồng chí" before it. */
static int is_representative(const char *name)
{
	return name && strncmp(name, "Đại diện", strlen("Đại diện")) == 0;
}

/* "Đồng chí Hà Duy Trung – Bí thư Tỉnh đoàn" (capital or not); the title
 * is left out when it only repeats the name. */
static void run_person(struct doc_para *p, unsigned style, const char *name, const char *title,
		       int capital)
{
	if (str_empty(name)) {
		run(p, style, capital ? "Đồng chí " BLANK_NAME : "đồng chí " BLANK_NAME);
		return;
	}
	if (!is_representative(name))
		run(p, style, capital ? "Đồng chí " : "đồng chí ");
	run_user(p, style, name);
	if (!str_empty(title) && !str_eq(title, name)) {
		run(p, style, " " EN_DASH " ");
		run_user(p, style, title);
	}
}

static const struct attendee *find_attendee(const struct meeting *m, const char *name)
{
	for (size_t i = 0; name && i < m->n_attendees; i++)
		if (str_eq(m->attendees[i].name, name))
			return &m->attendees[i];
	return NULL;
}

static int is_present(const struct attendee *a)
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

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Attendance counts: n present people, m of the k units present. Units
 * are those of the cluster when there is one, else those named among the
 * attendees. present_units (allocated) lists the units present. */
struct attendance {
	size_t people, units_present, units_total;
	char **present_units;
	size_t n_present_units;
};

static void count_attendance(const struct meeting *m, const struct cluster *cl,
			     struct attendance *at)
{
	memset(at, 0, sizeof *at);
	char **all = NULL;
	size_t n_all = 0;
	for (size_t i = 0; i < m->n_attendees; i++) {
		const struct attendee *a = &m->attendees[i];
		if (is_present(a)) {
			at->people++;
			add_unit(&at->present_units, &at->n_present_units, a->unit);
		}
		add_unit(&all, &n_all, a->unit);
	}
	if (cl && cl->n_units) {
		at->units_total = cl->n_units;
		for (size_t u = 0; u < cl->n_units; u++)
			for (size_t i = 0; i < at->n_present_units; i++)
				if (str_eq(cl->units[u], at->present_units[i])) {
					at->units_present++;
					break;
				}
		/* List only the cluster's units, in the cluster's order. */
		char **mine = NULL;
		size_t n_mine = 0;
		for (size_t u = 0; u < cl->n_units; u++)
			for (size_t i = 0; i < at->n_present_units; i++)
				if (str_eq(cl->units[u], at->present_units[i]))
					add_unit(&mine, &n_mine, cl->units[u]);
		free_list(at->present_units, at->n_present_units);
		at->present_units = mine;
		at->n_present_units = n_mine;
	} else {
		at->units_total = n_all;
		at->units_present = at->n_present_units;
	}
	free_list(all, n_all);
}

/* ==== header, title, signatures ==== */

static struct doc_row *add_row(struct doc_columns *c)
{
	c->rows = xreallocarray(c->rows, c->n_rows + 1, sizeof *c->rows);
	struct doc_row *r = &c->rows[c->n_rows++];
	para_init(&r->left, DA_CENTER, 0);
	para_init(&r->right, DA_CENTER, 0);
	return r;
}

static void add_header(struct doc *d, enum doc_kind k, const struct meeting *m, const struct org *o,
		       int *missing_place)
{
	struct doc_columns *c = &add_block(d, DB_COLUMNS)->cols;
	c->left_pct = 45;
	/* Rows: issuer lines | superior, its rule; "***"; number | dateline. */
	char *superior = upper_clean(o->superior);
	int rule = (int)text_width(superior);
	struct doc_row *r = add_row(c);
	run(&r->right, DS_BOLD | DS_UNDERLINE, superior);
	r->right.size = 30;
	free(superior);
	for (size_t i = 0; i < o->n_issuer; i++) {
		if (i)
			r = add_row(c);
		char *u = upper_clean(o->issuer[i]);
		run(&r->left, DS_BOLD, u);
		free(u);
		if (i == 1)
			r->right.rule = rule;
	}
	r = add_row(c);
	run(&r->left, 0, "***");
	if (o->n_issuer < 2)
		r->right.rule = rule;
	r = add_row(c);
	const char *type = k == DOC_CONCLUSIONS ? "TB" : "BB";
	char *sym = clean(str_empty(o->symbol) ? "" : o->symbol);
	const char *num = k == DOC_MINUTES ? m->document_number : NULL;
	if (str_empty(num)) {
		runf(&r->left, 0, "Số: " BLANK_NUMBER "-%s/%s", type, sym);
	} else if (strchr(num, '-') || strchr(num, '/')) {
		run(&r->left, 0, "Số: ");
		run_user(&r->left, 0, num);
	} else {
		char *n = clean(num);
		runf(&r->left, 0, "Số: %s-%s/%s", n, type, sym);
		free(n);
	}
	free(sym);
	r->right.size = 26;
	char *date = doc_date_vn(m->starts_at);
	if (str_empty(o->place))
		*missing_place = 1;
	char *place = str_empty(o->place) ? xstrdup("..............") : clean(o->place);
	runf(&r->right, DS_ITALIC, "%s, %s", place, date ? date : BLANK_DATE);
	free(place);
	free(date);
}

static void add_title(struct doc *d, const char *type, const char *subject_prefix,
		      const struct meeting *m)
{
	struct doc_para *p = line(d, DA_CENTER, 32);
	p->heading = 1;
	run(p, DS_BOLD, type);
	p = line(d, DA_CENTER, 0);
	p->tight = 1;
	if (subject_prefix)
		run(p, DS_BOLD, subject_prefix);
	run_user(p, DS_BOLD, m->title);
	p = line(d, DA_CENTER, 0);
	p->tight = 1;
	run(p, 0, "-----------");
}

static void add_recipient_lines(struct doc_para *(*next)(void *), void *ctx, const struct org *o)
{
	struct doc_para *p = next(ctx);
	p->align = DA_LEFT;
	p->size = 26;
	run(p, DS_BOLD | DS_ITALIC, "Nơi nhận:");
	for (size_t i = 0; i < o->n_recipients; i++) {
		p = next(ctx);
		p->align = DA_LEFT;
		p->size = DOC_SIZE_RECIPIENTS;
		p->bullet = 1;
		run_user_end(p, 0, o->recipients[i], i + 1 == o->n_recipients ? "." : ";");
	}
	if (o->n_recipients == 0) {
		/* None set: a dotted line for the office to write them in. */
		p = next(ctx);
		p->align = DA_LEFT;
		p->size = DOC_SIZE_RECIPIENTS;
		p->bullet = 1;
		run(p, 0, "..............................");
	}
}

static struct doc_para *next_body_line(void *ctx)
{
	struct doc_para *p = line(ctx, DA_LEFT, 0);
	p->tight = 1;
	return p;
}

struct left_cursor {
	struct doc_columns *c;
	size_t row;
};

static struct doc_para *next_left_cell(void *ctx)
{
	struct left_cursor *lc = ctx;
	if (lc->row >= lc->c->n_rows)
		add_row(lc->c);
	return &lc->c->rows[lc->row++].left;
}

/* THƯ KÝ | CHỦ TRÌ, space to sign, the names; then "Nơi nhận". */
static void add_minutes_signatures(struct doc *d, const struct meeting *m, const struct org *o)
{
	const struct attendee *chair = meeting_role(m, ROLE_CHAIR);
	const struct attendee *sec = meeting_role(m, ROLE_SECRETARY);
	struct doc_columns *c = &add_block(d, DB_COLUMNS)->cols;
	c->left_pct = 50;
	struct doc_row *r = add_row(c);
	run(&r->left, DS_BOLD, "THƯ KÝ");
	run(&r->right, DS_BOLD, "CHỦ TRÌ");
	for (int i = 0; i < 4; i++)
		add_row(c);
	r = add_row(c);
	if (sec)
		run_user(&r->left, DS_BOLD, sec->name);
	if (chair)
		run_user(&r->right, DS_BOLD, chair->name);
	/* An empty line between the signatures and "Nơi nhận". */
	line(d, DA_LEFT, 0)->tight = 1;
	add_recipient_lines(next_body_line, d, o);
}

/* "Nơi nhận" on the left, the signer on the right (HD29). */
static void add_notice_signatures(struct doc *d, const struct org *o)
{
	struct doc_columns *c = &add_block(d, DB_COLUMNS)->cols;
	c->left_pct = 45;
	struct doc_row *r = add_row(c);
	char *u = upper_clean(o->notice_signer_for);
	run(&r->right, DS_BOLD, u);
	free(u);
	r = add_row(c);
	u = upper_clean(o->notice_signer_title);
	run(&r->right, 0, u);
	free(u);
	struct left_cursor lc = {c, 0};
	add_recipient_lines(next_left_cell, &lc, o);
	while (c->n_rows < 7)
		add_row(c);
	r = add_row(c);
	if (!str_empty(o->notice_signer_name))
		run_user(&r->right, DS_BOLD, o->notice_signer_name);
}

/* ==== body of the minutes ==== */

static struct doc_para *label_line(struct doc *d, const char *label)
{
	struct doc_para *p = body(d);
	run(p, DS_BOLD, label);
	return p;
}

static void add_attendee_line(struct doc *d, const struct attendee *a, int last)
{
	struct doc_para *p = body(d);
	p->tight = 1;
	p->bullet = 1;
	run_person(p, 0, a->name, a->title, 1);
	if (a->presence == PRES_LATE) {
		char *t = doc_time_vn(a->arrived_at);
		if (t)
			runf(p, 0, " (đến muộn, lúc %s)", t);
		else
			run(p, 0, " (đến muộn)");
		free(t);
	}
	if (!str_empty(a->substitute_for)) {
		run(p, 0, " (dự thay đồng chí ");
		run_user(p, 0, a->substitute_for);
		run(p, 0, ")");
	}
	if (!str_empty(a->reason)) {
		run(p, 0, " (lý do: ");
		run_user(p, 0, a->reason);
		run(p, 0, ")");
	}
	run(p, 0, last ? "." : ";");
}

static void add_absentees(struct doc *d, const struct meeting *m, enum presence which,
			  const char *label)
{
	size_t n = 0, seen = 0;
	for (size_t i = 0; i < m->n_attendees; i++)
		n += m->attendees[i].presence == which;
	if (!n)
		return;
	label_line(d, label)->tight = 1;
	for (size_t i = 0; i < m->n_attendees; i++)
		if (m->attendees[i].presence == which)
			add_attendee_line(d, &m->attendees[i], ++seen == n);
}

static void add_attendance(struct doc *d, const struct meeting *m, const struct cluster *cl)
{
	label_line(d, "Thành phần tham dự:")->tight = 1;
	size_t n = 0, seen = 0;
	for (size_t i = 0; i < m->n_attendees; i++)
		n += is_present(&m->attendees[i]) && m->attendees[i].role != ROLE_CHAIR;
	for (size_t i = 0; i < m->n_attendees; i++) {
		const struct attendee *a = &m->attendees[i];
		if (is_present(a) && a->role != ROLE_CHAIR)
			add_attendee_line(d, a, ++seen == n);
	}
	struct attendance at;
	count_attendance(m, cl, &at);
	if (at.n_present_units) {
		struct doc_para *p = body(d);
		p->tight = 1;
		run(p, 0, "Đại diện các đơn vị: ");
		for (size_t i = 0; i < at.n_present_units; i++) {
			if (i)
				run(p, 0, ", ");
			run_user(p, 0, at.present_units[i]);
		}
		run(p, 0, ".");
	}
	add_absentees(d, m, PRES_EXCUSED, "Vắng có lý do:");
	add_absentees(d, m, PRES_ABSENT, "Vắng không lý do:");
	struct doc_para *p = body(d);
	p->tight = 1;
	if (at.units_total)
		runf(p, DS_ITALIC, "Tổng số: %zu đại biểu, %zu/%zu đơn vị có mặt.", at.people,
		     at.units_present, at.units_total);
	else
		runf(p, DS_ITALIC, "Tổng số: %zu đại biểu.", at.people);
	free_list(at.present_units, at.n_present_units);
}

static void add_role_line(struct doc *d, const char *label, const struct attendee *a)
{
	struct doc_para *p = label_line(d, label);
	p->tight = 1;
	run(p, 0, " ");
	if (a)
		run_person(p, 0, a->name, a->title, 1);
	else
		run(p, 0, "Đồng chí " BLANK_NAME);
	run(p, 0, ".");
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
 * the lead-in already put in p. */
static void note_text(struct doc *d, struct doc_para *p, const char *text)
{
	char *c = text_visible(text ? text : "", 1);
	char *save = NULL;
	int first = 1;
	for (char *l = strtok_r(c, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		text_trim(l);
		if (!*l)
			continue;
		if (!first)
			p = body(d);
		run(p, 0, l);
		first = 0;
	}
	free(c);
}

/* A proposal with its answer: "{unit} kiến nghị: …" and "Trả lời: …". */
static void add_proposal(struct doc *d, const struct proposal *pr, int with_text)
{
	struct doc_para *p;
	if (with_text) {
		p = body(d);
		if (!str_empty(pr->unit)) {
			run_user(p, DS_BOLD, pr->unit);
			run(p, 0, " kiến nghị: ");
		} else {
			run(p, 0, "Kiến nghị: ");
		}
		run_user(p, 0, pr->text);
	}
	if (!str_empty(pr->answer)) {
		p = body(d);
		run(p, DS_ITALIC, "Ý kiến trả lời: ");
		run_user(p, DS_ITALIC, pr->answer);
	}
}

static const char *const roman_numerals[] = {"I",    "II",  "III",  "IV",    "V",   "VI",   "VII",
					     "VIII", "IX",  "X",    "XI",    "XII", "XIII", "XIV",
					     "XV",   "XVI", "XVII", "XVIII", "XIX", "XX"};

static void add_item(struct doc *d, const struct meeting *m, size_t idx, char *placed)
{
	const struct agenda_item *it = &m->agenda[idx];
	struct doc_para *p = line(d, DA_LEFT, 0);
	p->heading = 2;
	char *title = str_empty(it->title) ? xstrdup(BLANK_TEXT) : upper_clean(it->title);
	if (idx < BB_ARRAY_LEN(roman_numerals))
		runf(p, DS_BOLD, "%s. %s", roman_numerals[idx], title);
	else
		runf(p, DS_BOLD, "%zu. %s", idx + 1, title);
	free(title);
	int reports = 0;
	for (size_t i = 0; i < it->n_notes; i++) {
		const struct note *n = &it->notes[i];
		const struct note *prev = i ? &it->notes[i - 1] : NULL;
		const struct attendee *a = find_attendee(m, n->speaker);
		int same = prev && prev->kind == n->kind && !str_empty(n->speaker) &&
			   str_eq(prev->speaker, n->speaker);
		p = body(d);
		if (same || str_empty(n->speaker)) {
			/* the same speaker goes on: no lead-in */
		} else if (n->kind == NK_REPORT && a && !str_empty(a->unit) &&
			   (a->role == ROLE_DELEGATE || a->role == ROLE_GUEST)) {
			/* A unit's report: "1. Unit: đồng chí X – T báo cáo …" */
			runf(p, DS_BOLD, "%d.", ++reports);
			run(p, 0, " ");
			run_user(p, 0, a->unit);
			run(p, 0, ": ");
			run_person(p, 0, a->name, a->title, 0);
			const char *t = n->text ? n->text : "";
			if (strncmp(t, "Báo cáo ", strlen("Báo cáo ")) == 0) {
				run(p, 0, " báo cáo ");
				note_text(d, p, t + strlen("Báo cáo "));
			} else {
				run(p, 0, " báo cáo: ");
				note_text(d, p, t);
			}
			continue;
		} else {
			run_person(p, 0, n->speaker, a ? a->title : NULL, 1);
			runf(p, 0, " %s: ", kind_verb(n->kind));
		}
		note_text(d, p, n->text);
		if (n->kind != NK_PROPOSAL)
			continue;
		for (size_t k = 0; k < m->n_proposals; k++)
			if (!placed[k] && str_eq(m->proposals[k].text, n->text)) {
				placed[k] = 1;
				add_proposal(d, &m->proposals[k], 0);
				break;
			}
	}
	for (size_t k = 0; k < m->n_proposals; k++)
		if (!placed[k] && m->proposals[k].item_index == (int)idx) {
			placed[k] = 1;
			add_proposal(d, &m->proposals[k], 1);
		}
}

static void add_conclusion_list(struct doc *d, const struct meeting *m)
{
	for (size_t i = 0; i < m->n_conclusions; i++) {
		struct doc_para *p = body(d);
		runf(p, 0, "%zu. ", i + 1);
		run_user(p, 0, m->conclusions[i]);
	}
	if (!m->n_conclusions)
		run(body(d), 0, BLANK_TEXT);
}

static void add_directives(struct doc *d, const struct meeting *m, const char *label)
{
	if (!m->n_directives)
		return;
	label_line(d, label);
	struct doc_table *t = &add_block(d, DB_TABLE)->table;
	static const char *const head[] = {"TT", "Nội dung nhiệm vụ", "Đơn vị thực hiện",
					   "Thời hạn"};
	static const int width[] = {8, 50, 27, 15};
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
		row[1] = clean(dv->text);
		row[2] = clean(dv->owner);
		row[3] = doc_date_short(dv->due);
		if (!row[3])
			row[3] = xstrdup("");
	}
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
	struct when due = parse_when(c->due), day = parse_when(m->starts_at);
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
	struct doc_para *p = body(d);
	run(p, 0,
	    proposals == rows ? "Kiến nghị, đề xuất chuyển từ "
	    : proposals	      ? "Nhiệm vụ, kiến nghị chuyển từ "
			      : "Nhiệm vụ chuyển từ ");
	run_user_end(p, 0, c[first].from_title, "");
	char *date = doc_date_vn(c[first].from_starts);
	if (date)
		runf(p, 0, " (%s)", date);
	free(date);
	run(p, 0, ":");

	struct doc_table *t = &add_block(d, DB_TABLE)->table;
	static const char *const head[] = {"TT", "Nội dung", "Đơn vị", "Thời hạn", "Kết quả"};
	static const int width[] = {8, 34, 18, 16, 24};
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
		char *text = clean(c[i].text);
		/* Among directives, a proposal says what it is. */
		row[1] = c[i].kind == CARRY_PROPOSAL && proposals < rows
			     ? xasprintf("Kiến nghị: %s", text)
			     : xstrdup(text);
		free(text);
		row[2] = clean(c[i].owner);
		row[3] = c[i].kind == CARRY_DIRECTIVE ? doc_date_short(c[i].due) : NULL;
		if (!row[3])
			row[3] = xstrdup("");
		row[4] = xstrdup(carry_result(&c[i], m));
	}
}

/* The section on what was carried into m, one table per meeting the items
 * came from, in the order they were carried. Nothing when none was. */
static void add_carried(struct doc *d, const struct meeting *m, const struct carry_item *c,
			size_t n)
{
	if (!n)
		return;
	struct doc_para *p = line(d, DA_LEFT, 0);
	p->heading = 2;
	run(p, DS_BOLD, "KẾT QUẢ THỰC HIỆN NHIỆM VỤ, KIẾN NGHỊ KỲ TRƯỚC");
	char *done = xcalloc(n, 1);
	for (size_t i = 0; i < n; i++)
		if (!done[i])
			add_carried_from(d, m, c, n, i, done);
	free(done);
}

static void add_minutes(struct doc *d, const struct meeting *m, const struct org *o,
			const struct cluster *cl, const struct carry_item *carried,
			size_t n_carried)
{
	add_title(d, "BIÊN BẢN", NULL, m);

	struct doc_para *p = label_line(d, "Thời gian:");
	char *t = doc_time_vn(m->starts_at), *date = doc_date_vn(m->starts_at);
	runf(p, 0, " Vào lúc %s, %s.", t ? t : BLANK_TIME, date ? date : BLANK_DATE);
	free(t);
	free(date);
	p = label_line(d, "Địa điểm:");
	p->tight = 1;
	run(p, 0, " ");
	if (str_empty(m->location))
		run(p, 0, BLANK_TEXT ".");
	else
		run_user_end(p, 0, m->location, ".");
	add_attendance(d, m, cl);
	add_role_line(d, "Chủ trì:", meeting_role(m, ROLE_CHAIR));
	add_role_line(d, "Thư ký:", meeting_role(m, ROLE_SECRETARY));
	label_line(d, "Nội dung:")->tight = 1;

	char *placed = xcalloc(m->n_proposals + 1, 1);
	for (size_t i = 0; i < m->n_agenda; i++)
		add_item(d, m, i, placed);
	size_t left = 0;
	for (size_t k = 0; k < m->n_proposals; k++)
		left += !placed[k];
	if (left) {
		p = line(d, DA_LEFT, 0);
		p->heading = 2;
		run(p, DS_BOLD, "KIẾN NGHỊ, ĐỀ XUẤT CỦA CÁC ĐƠN VỊ");
		for (size_t k = 0; k < m->n_proposals; k++)
			if (!placed[k])
				add_proposal(d, &m->proposals[k], 1);
	}
	free(placed);
	add_carried(d, m, carried, n_carried);

	p = line(d, DA_LEFT, 0);
	p->heading = 2;
	run(p, DS_BOLD, "KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ");
	add_conclusion_list(d, m);
	add_directives(d, m, "Nhiệm vụ được giao:");

	/* The date of the end, or of the start when the end is unknown. */
	t = doc_time_vn(m->ends_at);
	date = doc_date_vn(parse_when(m->ends_at).has_date ? m->ends_at : m->starts_at);
	p = body(d);
	runf(p, 0, "Hội nghị kết thúc vào lúc %s, %s./.", t ? t : BLANK_TIME,
	     date ? date : BLANK_DATE);
	free(t);
	free(date);
	add_minutes_signatures(d, m, o);
}

/* ==== the notice of conclusions ==== */

static void add_notice(struct doc *d, const struct meeting *m, const struct org *o,
		       const struct cluster *cl)
{
	const struct attendee *chair = meeting_role(m, ROLE_CHAIR);
	struct strbuf subject = {0};
	strbuf_adds(&subject, "Kết luận của ");
	{
		struct doc_para tmp;
		para_init(&tmp, DA_LEFT, 0);
		run_person(&tmp, 0, chair ? chair->name : NULL, chair ? chair->title : NULL, 0);
		char *who = doc_para_text(&tmp);
		strbuf_adds(&subject, who);
		free(who);
		para_done(&tmp);
	}
	strbuf_adds(&subject, " tại ");
	add_title(d, "THÔNG BÁO", subject.buf, m);
	strbuf_free(&subject);

	char *body_org = str_empty(o->notice_body_org) ? xstrdup("Ban Thường vụ Tỉnh đoàn")
						       : clean(o->notice_body_org);
	struct doc_para *p = body(d);
	char *date = doc_date_vn(m->starts_at);
	if (date)
		date[0] = 'N'; /* "Ngày 12 tháng 4 năm 2023" starts the sentence */
	runf(p, 0, "%s, tại ", date ? date : "Ngày ...... tháng ...... năm ........");
	free(date);
	if (str_empty(m->location))
		run(p, 0, BLANK_TEXT);
	else
		run_user_end(p, 0, m->location, "");
	runf(p, 0, ", %s tổ chức ", body_org);
	run_user_end(p, 0, m->title, ". ");
	run_person(p, 0, chair ? chair->name : NULL, chair ? chair->title : NULL, 1);
	run(p, 0, " chủ trì Hội nghị. ");
	struct attendance at;
	count_attendance(m, cl, &at);
	runf(p, 0, "Dự Hội nghị có %zu đại biểu", at.people);
	if (at.n_present_units) {
		run(p, 0, " đại diện các đơn vị: ");
		for (size_t i = 0; i < at.n_present_units; i++) {
			if (i)
				run(p, 0, ", ");
			run_user(p, 0, at.present_units[i]);
		}
	}
	free_list(at.present_units, at.n_present_units);
	run(p, 0, ". Sau khi nghe báo cáo của các đơn vị và ý kiến thảo luận của đại biểu, ");
	run_person(p, 0, chair ? chair->name : NULL, NULL, 0);
	run(p, 0, " kết luận như sau:");

	add_conclusion_list(d, m);
	add_directives(d, m, "Phân công thực hiện:");
	size_t answered = 0;
	for (size_t k = 0; k < m->n_proposals; k++)
		answered += !str_empty(m->proposals[k].answer);
	if (answered) {
		label_line(d, "Trả lời kiến nghị, đề xuất của các đơn vị:");
		for (size_t k = 0; k < m->n_proposals; k++)
			if (!str_empty(m->proposals[k].answer))
				add_proposal(d, &m->proposals[k], 1);
	}
	p = body(d);
	runf(p, 0, "%s thông báo để các đơn vị biết, thực hiện./.", body_org);
	free(body_org);
	add_notice_signatures(d, o);
}

/* ==== putting it together ==== */

static void note_missing(struct strbuf *missing, const char *what)
{
	if (!missing)
		return;
	if (missing->len)
		strbuf_adds(missing, ", ");
	strbuf_adds(missing, what);
}

void doc_add_meeting(struct doc *d, enum doc_kind k, const struct meeting *m, const struct org *o,
		     const struct cluster *cluster, struct strbuf *missing)
{
	doc_add_meeting_carried(d, k, m, o, cluster, NULL, 0, missing);
}

void doc_add_meeting_carried(struct doc *d, enum doc_kind k, const struct meeting *m,
			     const struct org *o, const struct cluster *cluster,
			     const struct carry_item *carried, size_t n_carried,
			     struct strbuf *missing)
{
	if (d->n_blocks)
		add_block(d, DB_PAGE_BREAK);
	if (!d->title)
		d->title = clean(m->title);
	const struct attendee *chair = meeting_role(m, ROLE_CHAIR);
	int missing_place = 0;
	add_header(d, k, m, o, &missing_place);
	if (k == DOC_CONCLUSIONS)
		add_notice(d, m, o, cluster);
	else
		add_minutes(d, m, o, cluster, carried, n_carried);

	if (!chair)
		note_missing(missing, "no chair");
	if (k == DOC_MINUTES && !meeting_role(m, ROLE_SECRETARY))
		note_missing(missing, "no secretary");
	if (!parse_when(m->starts_at).has_time)
		note_missing(missing, "no start time");
	if (k == DOC_MINUTES && !parse_when(m->ends_at).has_time)
		note_missing(missing, "no end time");
	if (str_empty(m->location))
		note_missing(missing, "no location");
	if (k == DOC_MINUTES && str_empty(m->document_number))
		note_missing(missing, "no document number");
	if (!m->n_conclusions)
		note_missing(missing, "no conclusions");
	if (k == DOC_CONCLUSIONS && str_empty(o->notice_signer_name))
		note_missing(missing, "no signer name in the settings");
	if (missing_place)
		note_missing(missing, "no place name in the settings");
}

int doc_add_stored(struct doc *d, struct store *s, enum doc_kind k, const struct meeting *m,
		   struct strbuf *missing, char **cause)
{
	struct org o;
	if (store_org_get(s, &o, cause) < 0)
		return -1;
	struct carry_item *c = NULL;
	size_t n = 0;
	if (k == DOC_MINUTES && store_carryovers(s, m->id, &c, &n, cause) < 0) {
		org_free(&o);
		return -1;
	}
	struct cluster cl;
	int have_cluster = m->cluster > 0 && store_cluster_get(s, m->cluster, &cl, NULL) == 0;
	doc_add_meeting_carried(d, k, m, &o, have_cluster ? &cl : NULL, c, n, missing);
	if (have_cluster)
		cluster_free(&cl);
	for (size_t i = 0; i < n; i++)
		carry_item_free(&c[i]);
	free(c);
	org_free(&o);
	return 0;
}

int doc_build(struct store *s, enum doc_kind k, const int64_t *ids, size_t n, struct doc **out,
	      struct strbuf *warnings, char **cause)
{
	*out = NULL;
	struct doc *d = doc_new();
	for (size_t i = 0; i < n; i++) {
		struct meeting *m;
		if (store_meeting_load(s, ids[i], &m, cause) < 0) {
			doc_free(d);
			return -1;
		}
		struct strbuf missing = {0};
		int rc = doc_add_stored(d, s, k, m, &missing, cause);
		if (rc == 0 && missing.len && warnings)
			strbuf_addf(warnings, "meeting %lld: %s — blanks left\n", (long long)m->id,
				    missing.buf);
		strbuf_free(&missing);
		meeting_free(m);
		if (rc < 0) {
			doc_free(d);
			return -1;
		}
	}
	*out = d;
	return 0;
}
