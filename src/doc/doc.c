/* doc.c - the document model (formats/bien-ban.md): the kinds of
 * document, the blocks and runs the builders append (doc_build.h), and
 * putting a meeting's document together from its parts (doc_parts.c,
 * doc_minutes.c, doc_notice.c). All the wording and the Vietnamese dates
 * live in src/doc, once, so that every format says the same thing. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "doc_build.h"
#include "text.h"

/* The kinds of document: their name on the command line and the body
 * after the header. Indexed by enum doc_kind. */
static const struct {
	const char *name;
	dm_add_body_fn *add_body;
} kinds[] = {
    [DOC_MINUTES] = {"minutes", dm_add_minutes},
    [DOC_CONCLUSIONS] = {"conclusions", dm_add_notice},
};

const char *doc_kind_name(enum doc_kind k)
{
	return (size_t)k < BB_ARRAY_LEN(kinds) ? kinds[k].name : kinds[DOC_MINUTES].name;
}

int doc_kind_parse(const char *s)
{
	for (size_t i = 0; i < BB_ARRAY_LEN(kinds); i++)
		if (str_eq(s, kinds[i].name))
			return (int)i;
	return -1;
}

/* ==== the model ==== */

struct doc *doc_new(void)
{
	return xcalloc(1, sizeof(struct doc));
}

void dm_para_done(struct doc_para *p)
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
		dm_para_done(&b->para);
		for (size_t r = 0; r < b->cols.n_rows; r++) {
			dm_para_done(&b->cols.rows[r].left);
			dm_para_done(&b->cols.rows[r].right);
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
	free(d->author);
	free(d->subject);
	free(d->keywords);
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

struct doc_block *dm_add_block(struct doc *d, enum doc_block_kind kind)
{
	d->blocks = xreallocarray(d->blocks, d->n_blocks + 1, sizeof *d->blocks);
	struct doc_block *b = &d->blocks[d->n_blocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

void dm_para_init(struct doc_para *p, enum doc_align a, int size)
{
	memset(p, 0, sizeof *p);
	p->align = a;
	p->size = size ? size : DOC_SIZE_BODY;
}

/* A body paragraph: justified, first-line indent. */
struct doc_para *dm_body(struct doc *d)
{
	struct doc_para *p = &dm_add_block(d, DB_PARA)->para;
	dm_para_init(p, DA_JUSTIFY, 0);
	p->indent = 1;
	return p;
}

struct doc_para *dm_line(struct doc *d, enum doc_align a, int size)
{
	struct doc_para *p = &dm_add_block(d, DB_PARA)->para;
	dm_para_init(p, a, size);
	return p;
}

/* Append text as a run (merged into the last run when the style is the
 * same). Text is ours or already cleaned. */
void dm_run(struct doc_para *p, unsigned style, const char *text)
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

void dm_runf(struct doc_para *p, unsigned style, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	dm_run(p, style, s);
	free(s);
}

/* Stored text made safe for a document: on one line, with no control
 * character nor terminal control sequence at all (a document is read on
 * paper, where "^[[31m" is only noise; the TUI shows them). A line break typed in
 * a multi-line field (a conclusion, a directive) reads as a space here:
 * in a title or a table cell a "↵" would only puzzle the reader. (Notes
 * keep their lines as paragraphs: note_text.) Allocated. */
char *dm_clean(const char *s)
{
	char *c = text_strip_controls(s ? s : "", 1);
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
void dm_run_user(struct doc_para *p, unsigned style, const char *stored)
{
	char *c = dm_clean(stored);
	dm_run(p, style, c);
	free(c);
}

/* Append stored text and make it end with a full stop (or the given
 * punctuation) unless it already ends with one. */
void dm_run_user_end(struct doc_para *p, unsigned style, const char *stored, const char *end)
{
	char *c = dm_clean(stored);
	size_t n = strlen(c);
	while (n && c[n - 1] == ' ')
		c[--n] = '\0';
	if (n && strchr(".;:!?", c[n - 1]))
		c[--n] = '\0';
	dm_run(p, style, c);
	dm_run(p, style, end);
	free(c);
}

/* Does text (its first n bytes) end a sentence: ".", "!", "?" or "…"? */
static int ends_sentence(const char *t, size_t n)
{
	static const char ellipsis[] = "\xe2\x80\xa6"; /* … */
	if (n && strchr(".!?", t[n - 1]))
		return 1;
	return n >= 3 && memcmp(t + n - 3, ellipsis, 3) == 0;
}

void dm_run_user_sentence(struct doc_para *p, unsigned style, const char *stored)
{
	char *c = dm_clean(stored);
	size_t n = strlen(c);
	while (n && c[n - 1] == ' ')
		c[--n] = '\0';
	if (n && strchr(";:,", c[n - 1]))
		c[--n] = '\0';
	dm_run(p, style, c);
	if (n && !ends_sentence(c, n))
		dm_run(p, style, ".");
	free(c);
}

int dm_ends_sentence(const char *t)
{
	return ends_sentence(t, strlen(t));
}

char *dm_upper_clean(const char *stored)
{
	char *c = dm_clean(stored);
	char *u = text_upper(c);
	free(c);
	return u;
}

/* ==== putting it together ==== */

/* What the settings lack, the same for every meeting (a conference's
 * export says it once, split_settings). No comma in them: the list is
 * comma-separated. */
#define SETTING_NO_SIGNER N_("no signer name in the settings (S in bienban)")
#define SETTING_NO_PLACE N_("no place name in the settings (S in bienban)")

static void note_missing(struct strbuf *missing, const char *what)
{
	if (!missing)
		return;
	if (missing->len)
		strbuf_adds(missing, ", ");
	strbuf_adds(missing, what);
}

/* The document properties: author and subject from the first meeting
 * (the subject is the number as the header prints it, header at block
 * `header`), keywords added for every meeting. */
static void add_properties(struct doc *d, size_t header, const struct meeting *m,
			   const struct org *o, const struct cluster *cl)
{
	if (!d->author && o->n_issuer) {
		struct strbuf sb = {0};
		for (size_t i = 0; i < o->n_issuer; i++) {
			char *c = dm_clean(o->issuer[i]);
			strbuf_addf(&sb, "%s%s", i ? " " : "", c);
			free(c);
		}
		d->author = strbuf_detach(&sb);
	}
	const struct doc_columns *c = &d->blocks[header].cols;
	for (size_t r = 0; d->n_meetings == 1 && !d->subject && r < c->n_rows; r++) {
		char *t = doc_para_text(&c->rows[r].left);
		if (strncmp(t, "Số:", strlen("Số:")) == 0) {
			const char *n = t + strlen("Số:");
			while (*n == ' ')
				n++;
			if (*n != '-') /* no number: no subject */
				d->subject = xstrdup(n);
		}
		free(t);
	}
	struct strbuf kw = {0};
	if (cl && !str_empty(cl->name)) {
		char *n = dm_clean(cl->name);
		strbuf_adds(&kw, n);
		free(n);
	} else if (m->cluster > 0) {
		strbuf_addf(&kw, "Cụm thi đua số %d", m->cluster);
	}
	char *period = doc_period_vn(m->period);
	if (period)
		strbuf_addf(&kw, "%s%s", kw.len ? ", " : "", period);
	free(period);
	if (kw.len && !(d->keywords && strstr(d->keywords, kw.buf))) {
		char *k = d->keywords ? xasprintf("%s; %s", d->keywords, kw.buf) : xstrdup(kw.buf);
		free(d->keywords);
		d->keywords = k;
	}
	strbuf_free(&kw);
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
		dm_add_block(d, DB_PAGE_BREAK);
	d->n_meetings++;
	if (!d->title) {
		d->title = dm_clean(m->title);
	} else if (d->n_meetings == 2) {
		/* Several meetings: the file is the conference's (its title,
		 * else the first meeting's), and no one minutes' number. */
		if (!str_empty(m->conference)) {
			free(d->title);
			d->title = dm_clean(m->conference);
		}
		free(d->subject);
		d->subject = NULL;
	}
	const struct attendee *chair = meeting_role(m, ROLE_CHAIR);
	int missing_place = 0;
	size_t header = d->n_blocks;
	dm_add_header(d, k, m, o, &missing_place);
	add_properties(d, header, m, o, cluster);
	kinds[(size_t)k < BB_ARRAY_LEN(kinds) ? k : DOC_MINUTES].add_body(d, m, o, cluster, carried,
									  n_carried);

	if (!chair)
		note_missing(missing, _("no chair"));
	if (k == DOC_MINUTES && !meeting_role(m, ROLE_SECRETARY))
		note_missing(missing, _("no secretary"));
	if (!dm_parse_when(m->starts_at).has_time)
		note_missing(missing, _("no start time"));
	if (k == DOC_MINUTES && !dm_parse_when(m->ends_at).has_time)
		note_missing(missing, _("no end time"));
	if (str_empty(m->location))
		note_missing(missing, _("no location"));
	if (str_empty(k == DOC_MINUTES ? m->document_number : m->notice_number))
		note_missing(missing,
			     k == DOC_MINUTES ? _("no document number") : _("no notice number"));
	if (!m->n_conclusions)
		note_missing(missing, _("no conclusions"));
	if (k == DOC_CONCLUSIONS && str_empty(o->notice_signer_name))
		note_missing(missing, _(SETTING_NO_SIGNER));
	if (missing_place)
		note_missing(missing, _(SETTING_NO_PLACE));
}

static int add_stored(struct doc *d, struct store *s, enum doc_kind k, const struct meeting *m,
		      const char *signer, struct strbuf *missing, char **cause);

int doc_add_stored(struct doc *d, struct store *s, enum doc_kind k, const struct meeting *m,
		   struct strbuf *missing, char **cause)
{
	return add_stored(d, s, k, m, NULL, missing, cause);
}

/* doc_add_stored, the notice's signer named for this document only when
 * signer is not NULL. */
static int add_stored(struct doc *d, struct store *s, enum doc_kind k, const struct meeting *m,
		      const char *signer, struct strbuf *missing, char **cause)
{
	struct org o;
	if (store_org_get(s, &o, cause) < 0)
		return -1;
	if (signer && *signer) {
		free(o.notice_signer_name);
		o.notice_signer_name = xstrdup(signer);
	}
	struct carry_item *c = NULL;
	size_t n = 0;
	if (k == DOC_MINUTES && store_carryovers(s, m->id, &c, &n, cause) < 0) {
		org_free(&o);
		return -1;
	}
	/* A meeting's cluster is a foreign key: failing to read it means the
	 * store is damaged, and minutes without their cluster must not pass
	 * for a successful export. */
	struct cluster cl;
	int have_cluster = m->cluster > 0;
	if (have_cluster && (store_cluster_get(s, m->cluster, &cl, cause) < 0 ||
			     store_meeting_units(s, m->id, &cl, cause) < 0)) {
		cluster_free(&cl); /* store_cluster_get clears it first */
		for (size_t i = 0; i < n; i++)
			carry_item_free(&c[i]);
		free(c);
		org_free(&o);
		return -1;
	}
	doc_add_meeting_carried(d, k, m, &o, have_cluster ? &cl : NULL, c, n, missing);
	if (have_cluster)
		cluster_free(&cl);
	for (size_t i = 0; i < n; i++)
		carry_item_free(&c[i]);
	free(c);
	org_free(&o);
	return 0;
}

/* 1 if the piece of a missing list (len bytes at p) is one the settings
 * lack: the same message, in whatever language it was made. */
static int settings_piece(const char *p, size_t len)
{
	const char *const settings_msgs[] = {SETTING_NO_SIGNER, SETTING_NO_PLACE};
	for (size_t i = 0; i < BB_ARRAY_LEN(settings_msgs); i++) {
		const char *msg = _(settings_msgs[i]);
		if (strlen(msg) == len && memcmp(msg, p, len) == 0)
			return 1;
	}
	return 0;
}

/* Split the ", "-separated list of what a meeting lacks into its own
 * pieces (appended to own) and those of the settings (appended to
 * settings unless it holds them already). */
static void split_settings(const char *missing, struct strbuf *own, struct strbuf *settings)
{
	const char *p = missing;
	while (*p) {
		size_t len = strcspn(p, ",");
		int is_setting = settings_piece(p, len);
		struct strbuf *to = is_setting ? settings : own;
		int seen = 0;
		if (is_setting && settings->len) {
			for (const char *q = settings->buf; *q;) {
				size_t ql = strcspn(q, ",");
				if (ql == len && memcmp(q, p, len) == 0)
					seen = 1;
				q += ql;
				q += strspn(q, ", ");
			}
		}
		if (!seen) {
			if (to->len)
				strbuf_adds(to, ", ");
			strbuf_add(to, p, len);
		}
		p += len;
		p += strspn(p, ", ");
	}
}

int doc_build(struct store *s, enum doc_kind k, const int64_t *ids, size_t n, struct doc **out,
	      struct strbuf *warnings, char **cause)
{
	return doc_build_signed(s, k, ids, n, NULL, out, warnings, cause);
}

int doc_build_signed(struct store *s, enum doc_kind k, const int64_t *ids, size_t n,
		     const char *signer, struct doc **out, struct strbuf *warnings, char **cause)
{
	*out = NULL;
	struct doc *d = doc_new();
	/* What the settings lack is the same for every meeting of a
	 * conference: said once, after the meetings' own lines. */
	struct strbuf settings = {0};
	for (size_t i = 0; i < n; i++) {
		struct meeting *m;
		if (store_meeting_load(s, ids[i], &m, cause) < 0) {
			doc_free(d);
			return -1;
		}
		struct strbuf missing = {0};
		int rc = add_stored(d, s, k, m, signer, &missing, cause);
		if (rc == 0 && missing.len && warnings) {
			struct strbuf own = {0};
			if (n == 1)
				strbuf_adds(&own, missing.buf);
			else
				split_settings(missing.buf, &own, &settings);
			if (own.len)
				strbuf_addf(warnings, _("meeting %lld: %s — blanks left\n"),
					    (long long)m->id, own.buf);
			strbuf_free(&own);
		}
		strbuf_free(&missing);
		meeting_free(m);
		if (rc < 0) {
			strbuf_free(&settings);
			doc_free(d);
			return -1;
		}
	}
	if (settings.len && warnings)
		strbuf_addf(warnings, _("all %zu meetings: %s — blanks left\n"), n, settings.buf);
	strbuf_free(&settings);
	*out = d;
	return 0;
}
