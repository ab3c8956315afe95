/* screen_preview.c - the meeting screen's preview tab (the plain-text
 * rendering of the minutes or of the notice, scrollable, rebuilt whenever
 * the meeting changes) and the export dialog (format, then file name). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc.h"
#include "render.h"
#include "screens.h"
#include "text.h"

/* The document the preview shows or was exported last, and the format
 * exported last: the export dialog offers them first (after "tb odt" it
 * offered "biên-bản odt"), and a meeting's preview opens on that
 * document. Session-wide on purpose (one interface per process): a choice
 * remembered across meetings, not one tab's state. */
static enum doc_kind shown_kind = DOC_MINUTES;
static const struct renderer *last_format = &render_docx;

/* Build the document of kind k for m with the store's settings. Missing
 * pieces go to *missing (may be NULL). */
static struct doc *build(struct ui *ui, const struct meeting *m, enum doc_kind k,
			 struct strbuf *missing)
{
	struct doc *d = doc_new();
	char *cause = NULL;
	if (doc_add_stored(d, ui_store(ui), k, m, missing, &cause) < 0) {
		ui_error(ui, "%s", cause);
		free(cause);
	}
	return d;
}

/* ==== the preview tab ==== */

struct preview {
	enum doc_kind kind;
	char *text; /* the rendering, lines split in place */
	char **lines;
	size_t n_lines;
	int width; /* rendered for this many columns */
	int top;   /* first line shown */
	int height;
	char *missing;
};

static void preview_clear(struct preview *p)
{
	free(p->text);
	free(p->lines);
	free(p->missing);
	p->text = NULL;
	p->lines = NULL;
	p->missing = NULL;
	p->n_lines = 0;
}

static void preview_render(struct mtab *t, int width)
{
	struct preview *p = t->data;
	preview_clear(p);
	p->width = width;
	if (!t->m)
		return;
	struct strbuf missing = {0};
	struct doc *d = build(t->ui, t->m, p->kind, &missing);
	struct render_opts ro = {.width = width};
	struct strbuf out = {0};
	render_txt.render(d, &ro, &out, NULL);
	doc_free(d);
	p->missing = missing.buf;
	p->text = out.buf ? out.buf : xstrdup("");
	for (char *s = p->text, *nl; *s; s = nl + 1) {
		p->lines = xreallocarray(p->lines, p->n_lines + 1, sizeof *p->lines);
		p->lines[p->n_lines++] = s;
		nl = strchr(s, '\n');
		if (!nl)
			break;
		*nl = '\0';
	}
}

static void pv_open(struct mtab *t)
{
	struct preview *p = xcalloc(1, sizeof *p);
	p->kind = shown_kind;
	t->data = p;
}

static void pv_close(struct mtab *t)
{
	struct preview *p = t->data;
	preview_clear(p);
	free(p);
	t->data = NULL;
}

/* The meeting was read again (an edit, or another program's): render
 * again at the next draw. */
static void pv_reload(struct mtab *t)
{
	struct preview *p = t->data;
	p->width = 0;
}

static void pv_draw(struct mtab *t, WINDOW *w)
{
	struct preview *p = t->data;
	int width = getmaxx(w), height = getmaxy(w);
	/* Rendered as printed (80 columns), narrower if the window is. */
	int want = width - 1 < 80 ? width - 1 : 80;
	if (want < 40)
		want = 40;
	if (p->width != want)
		preview_render(t, want);
	shown_kind = p->kind;
	int body = height - 1;
	p->height = body;
	if (p->top > (int)p->n_lines - body)
		p->top = (int)p->n_lines - body;
	if (p->top < 0)
		p->top = 0;
	for (int y = 0; y < body && p->top + y < (int)p->n_lines; y++)
		ui_put(w, y, 0, width, p->lines[p->top + y], A_NORMAL);
	/* A line under it: which document, where we are, what is missing. */
	char *info =
	    xasprintf("%s · %d–%d/%zu%s%s",
		      p->kind == DOC_CONCLUSIONS ? _("Notice of conclusions") : _("Minutes"),
		      p->n_lines ? p->top + 1 : 0,
		      p->top + body < (int)p->n_lines ? p->top + body : (int)p->n_lines, p->n_lines,
		      p->missing ? " · " : "", p->missing ? p->missing : "");
	ui_put_fill(w, height - 1, 0, width, info, ui_attr(ST_DIM));
	free(info);
}

static int pv_key(struct mtab *t, const struct ui_event *ev)
{
	struct preview *p = t->data;
	int page = p->height > 1 ? p->height - 1 : 1;
	switch (ev->act) {
	case ACT_UP:
		p->top--;
		break;
	case ACT_DOWN:
		p->top++;
		break;
	case ACT_PAGE_UP:
		p->top -= page;
		break;
	case ACT_PAGE_DOWN:
	case ACT_OPEN:
		p->top += page;
		break;
	case ACT_FIRST:
		p->top = 0;
		break;
	case ACT_LAST:
		p->top = (int)p->n_lines;
		break;
	case ACT_DOCUMENT:
		p->kind = p->kind == DOC_MINUTES ? DOC_CONCLUSIONS : DOC_MINUTES;
		shown_kind = p->kind;
		p->width = 0;
		p->top = 0;
		break;
	default:
		return UI_UNHANDLED;
	}
	return UI_REDRAW;
}

static const struct keybind preview_binds[] = {
    KCH('d', ACT_DOCUMENT),
    KCH(' ', ACT_PAGE_DOWN),
};
static const enum action preview_bar[] = {ACT_DOCUMENT, ACT_PAGE_DOWN, ACT_EXPORT};
const struct keymap keymap_preview =
    KEYMAP("meeting.preview", N_("Meeting: preview"), preview_binds, preview_bar, &keymap_meeting);

const struct meeting_tab_ops tab_preview = {
    .name = "preview",
    .label = N_("Preview"),
    .keymap = &keymap_preview,
    .open = pv_open,
    .draw = pv_draw,
    .key = pv_key,
    .reload = pv_reload,
    .close = pv_close,
};

/* ==== the export dialog ==== */

struct export_ctx {
	int64_t meeting;
	enum doc_kind kind;
	const struct renderer *r;
	char signer[160]; /* the notice's signer for this export only ("": the settings') */
	char path[];	  /* the file, for the overwrite question; "" before */
};

static struct export_ctx *export_ctx_new(int64_t meeting, enum doc_kind kind,
					 const struct renderer *r, const char *path)
{
	struct export_ctx *x = xcalloc(1, sizeof *x + strlen(path) + 1);
	x->meeting = meeting;
	x->kind = kind;
	x->r = r;
	strcpy(x->path, path);
	return x;
}

/* Export to x->path, overwriting only if asked. The status line says how
 * it went, with the pieces left blank. */
static int export_write(struct ui *ui, const struct export_ctx *x, int overwrite, char **cause)
{
	struct doc *d;
	struct strbuf warnings = {0};
	if (doc_build_signed(ui_store(ui), x->kind, &x->meeting, 1, x->signer, &d, &warnings,
			     cause) < 0)
		return -1;
	struct render_opts ro = {.width = 80};
	struct strbuf out = {0};
	int rc = x->r->render(d, &ro, &out, cause);
	doc_free(d);
	if (rc == 0)
		rc = atomic_write_file(x->path, out.buf ? out.buf : "", out.len, 0666, overwrite,
				       cause);
	strbuf_free(&out);
	if (rc == 0) {
		/* The whole path: over SSH, "the folder bienban was started
		 * from" is easily lost. */
		char *full = realpath(x->path, NULL);
		const char *where = full ? full : x->path;
		if (warnings.len) {
			warnings.buf[warnings.len - 1] = '\0'; /* one line */
			ui_info(ui, _("Exported to %s (%s)"), where, warnings.buf);
		} else {
			ui_info(ui, _("Exported to %s"), where);
		}
		free(full);
	}
	strbuf_free(&warnings);
	return rc;
}

static int overwrite_yes(struct screen *sc, void *ctx)
{
	char *cause = NULL;
	if (export_write(sc->ui, ctx, 1, &cause) < 0) {
		ui_error(sc->ui, _("Cannot export: %s"), cause);
		free(cause);
	}
	return UI_REDRAW;
}

static int file_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	const struct export_ctx *x = ctx;
	char *path = text_trim(xstrdup(text));
	if (!*path) {
		free(path);
		*cause = xstrdup(_("Give a file name"));
		return -1;
	}
	struct export_ctx *to = export_ctx_new(x->meeting, x->kind, x->r, path);
	memcpy(to->signer, x->signer, sizeof to->signer);
	free(path);
	struct stat st;
	if (stat(to->path, &st) == 0) {
		/* The question takes over; to is freed when it closes. */
		char *q = xasprintf(_("%s exists. Replace it?"), to->path);
		ui_confirm(sc->ui, q, overwrite_yes, to);
		free(q);
		return UI_REDRAW;
	}
	int rc = export_write(sc->ui, to, 0, cause);
	free(to);
	return rc < 0 ? -1 : UI_REDRAW;
}

/* The file name prompt, with the default name of the document. */
static int ask_file(struct screen *sc, int64_t meeting, enum doc_kind kind,
		    const struct renderer *r, const char *signer, char **cause)
{
	struct meeting *m = NULL;
	if (store_meeting_load(ui_store(sc->ui), meeting, &m, cause) < 0)
		return -1;
	char *name = doc_file_name(m, kind, r->name);
	meeting_free(m);
	/* The context is freed by the ui when this prompt gives way to the
	 * next. */
	struct export_ctx *x = export_ctx_new(meeting, kind, r, "");
	snprintf(x->signer, sizeof x->signer, "%s", signer ? signer : "");
	ui_prompt(sc->ui, _("File name: "), name, file_done, x);
	free(name);
	return UI_REDRAW;
}

/* The signer's name: kept in the settings (empty: left blank, asked
 * again next time); a read-only store keeps nothing, the name signs this
 * export only. Then the file name. */
static int signer_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	const struct export_ctx *x = ctx;
	char *name = text_trim(xstrdup(text));
	if (*name && store_readonly(ui_store(sc->ui))) {
		int rc = ask_file(sc, x->meeting, x->kind, x->r, name, cause);
		free(name);
		return rc;
	}
	if (*name) {
		struct org o;
		if (store_org_get(ui_store(sc->ui), &o, cause) < 0) {
			free(name);
			return -1;
		}
		free(o.notice_signer_name);
		o.notice_signer_name = name;
		int rc = store_org_set(ui_store(sc->ui), &o, cause);
		org_free(&o);
		if (rc < 0)
			return -1;
	} else {
		free(name);
	}
	return ask_file(sc, x->meeting, x->kind, x->r, NULL, cause);
}

/* The documents as the export prompt names them, in the reader's words
 * ("biên-bản", "thông-báo"; one word each). */
static const char *const kind_words[] = {
    /* TRANSLATORS: the export prompt's word for the minutes: one word
     * (hyphens, no spaces). */
    [DOC_MINUTES] = NC_("export document", "minutes"),
    /* TRANSLATORS: the export prompt's word for the notice of
     * conclusions: one word (hyphens, no spaces). */
    [DOC_CONCLUSIONS] = NC_("export document", "conclusions"),
};

/* 1 if the folded word f names document k: its English name, its
 * translation, or a short form. */
static int names_kind(const char *f, enum doc_kind k)
{
	char *t = text_fold(C_(kind_words[k]));
	int yes = str_eq(f, t) ||
		  (k == DOC_MINUTES &&
		   (str_eq(f, "minutes") || str_eq(f, "bb") || str_eq(f, "bien-ban"))) ||
		  (k == DOC_CONCLUSIONS &&
		   (str_eq(f, "conclusions") || str_eq(f, "tb") || str_eq(f, "thong-bao")));
	free(t);
	return yes;
}

/* The document the folded word f, or f and the next word g ("thông báo",
 * typed as two), names: its kind, and 1 or 2 words used; 0 if none. */
static int kind_words_at(const char *f, const char *g, enum doc_kind *kind)
{
	for (int k = DOC_MINUTES; k <= DOC_CONCLUSIONS; k++) {
		if (names_kind(f, (enum doc_kind)k)) {
			*kind = (enum doc_kind)k;
			return 1;
		}
		char *two = g ? xasprintf("%s-%s", f, g) : NULL;
		int yes = two && names_kind(two, (enum doc_kind)k);
		free(two);
		if (yes) {
			*kind = (enum doc_kind)k;
			return 2;
		}
	}
	return 0;
}

/* "docx", "minutes odt", "tb html", "biên-bản docx", "thông báo pdf": a
 * format and, optionally, which document. */
static int format_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct export_ctx *x = ctx;
	char *copy = xstrdup(text), *save = NULL;
	const struct renderer *r = NULL;
	enum doc_kind kind = x->kind;
	char *words[16];
	size_t n = 0;
	for (char *w = strtok_r(copy, " ,", &save); w && n < BB_ARRAY_LEN(words);
	     w = strtok_r(NULL, " ,", &save))
		words[n++] = w;
	char *fold[16];
	for (size_t i = 0; i < n; i++)
		fold[i] = text_fold(words[i]);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0;) {
		int used = kind_words_at(fold[i], i + 1 < n ? fold[i + 1] : NULL, &kind);
		if (used) {
			i += (size_t)used;
		} else if (render_find(fold[i])) {
			r = render_find(fold[i++]);
		} else {
			*cause = xasprintf(_("Unknown format or document '%s': %s %s, %s"), words[i],
					   C_(kind_words[DOC_MINUTES]),
					   C_(kind_words[DOC_CONCLUSIONS]), render_names());
			rc = -1;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(fold[i]);
	free(copy);
	if (rc < 0)
		return -1;
	if (!r) {
		*cause = xasprintf(_("Which format? %s"), render_names());
		return -1;
	}
	last_format = r;
	shown_kind = kind;
	/* The notice is signed by a name the settings may lack: ask for it
	 * rather than leave a blank under "CHÁNH VĂN PHÒNG". */
	struct org o;
	if (kind == DOC_CONCLUSIONS && store_org_get(ui_store(sc->ui), &o, cause) == 0) {
		int lacking = str_empty(o.notice_signer_name);
		org_free(&o);
		if (lacking) {
			ui_prompt(sc->ui,
				  _("Notice signed by (name): "), "",
				  signer_done, export_ctx_new(x->meeting, kind, r, ""));
			return UI_REDRAW;
		}
	}
	return ask_file(sc, x->meeting, kind, r, NULL, cause);
}

int screen_export_open(struct ui *ui, int64_t meeting)
{
	struct export_ctx *x = export_ctx_new(meeting, shown_kind, NULL, "");
	char *initial = xasprintf("%s %s", C_(kind_words[shown_kind]), last_format->name);
	ui_prompt(ui, _("Export (minutes/notice, docx odt pdf html md txt): "), initial, format_done, x);
	/* The suggestion is selected: typing replaces it ("thông báo pdf"
	 * was added to it), Enter takes it. */
	ui_prompt_preselect(ui);
	free(initial);
	return 0;
}
