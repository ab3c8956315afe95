/* pdf_module.c - the entry of bienban-pdf.so: a Cairo PDF surface (A4,
 * fonts embedded as subsets), the font family chosen, the document
 * information filled from the model, and the flow laid out on it. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>

#include "pdf_layout.h"
#include "pdf_module.h"

/* Times New Roman when the machine has it, else Liberation Serif (same
 * metrics), else whatever fontconfig calls serif. */
static const char *pick_family(void)
{
	static const char *chosen;
	if (chosen)
		return chosen;
	static const char *const wanted[] = {"Times New Roman", "Liberation Serif"};
	PangoFontMap *fm = pango_cairo_font_map_get_default();
	PangoFontFamily **fams = NULL;
	int n = 0;
	pango_font_map_list_families(fm, &fams, &n);
	for (size_t w = 0; !chosen && w < G_N_ELEMENTS(wanted); w++)
		for (int i = 0; i < n; i++)
			if (g_ascii_strcasecmp(pango_font_family_get_name(fams[i]), wanted[w]) ==
			    0) {
				chosen = wanted[w];
				break;
			}
	g_free(fams);
	if (!chosen)
		chosen = "serif";
	return chosen;
}

struct sink {
	struct bb_pdf_job *job;
	int failed;
};

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *s = closure;
	if (s->failed || s->job->write(s->job->ctx, data, len) < 0) {
		s->failed = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static void set_meta(cairo_surface_t *sf, cairo_pdf_metadata_t what, const char *v)
{
	if (v && *v && g_utf8_validate(v, -1, NULL))
		cairo_pdf_surface_set_metadata(sf, what, v);
}

static void set_info(cairo_surface_t *sf, const struct doc *d, long long created)
{
	set_meta(sf, CAIRO_PDF_METADATA_TITLE, d->title);
	set_meta(sf, CAIRO_PDF_METADATA_AUTHOR, d->author);
	set_meta(sf, CAIRO_PDF_METADATA_SUBJECT, d->subject);
	set_meta(sf, CAIRO_PDF_METADATA_KEYWORDS, d->keywords);
	set_meta(sf, CAIRO_PDF_METADATA_CREATOR, "bienban");
	time_t t = (time_t)created;
	struct tm tm;
	char date[32];
	if (gmtime_r(&t, &tm) && strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, date);
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, date);
	}
}

static int render(const struct doc *d, struct bb_pdf_job *job, char *err, size_t err_len)
{
	struct sink sink = {job, 0};
	cairo_surface_t *sf =
	    cairo_pdf_surface_create_for_stream(sink_write, &sink, PDF_PAGE_W, PDF_PAGE_H);
	cairo_pdf_surface_restrict_to_version(sf, CAIRO_PDF_VERSION_1_5);
	set_info(sf, d, job->created);
	cairo_t *cr = cairo_create(sf);
	struct pdf_flow f = {0};
	f.family = pick_family();
	PangoContext *pc = pango_cairo_create_context(cr);
	/* The surface's unit is the point: 1 pt of type is 1 unit. */
	pango_cairo_context_set_resolution(pc, 72);
	/* Glyphs where the font puts them: at 72 units an inch, rounding
	 * each advance to a whole point (Pango's default, and hinted metrics)
	 * spaced the letters of 11 pt text apart (the recipients). */
	pango_context_set_round_glyph_positions(pc, FALSE);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(pc, pango_language_from_string("vi"));
	f.pc = pc;
	pdf_flow_build(&f, d);
	job->pages = pdf_paginate(&f, cr);
	job->font = f.family;
	pdf_flow_free(&f);
	g_object_unref(pc);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	cairo_status_t st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS || sink.failed) {
		snprintf(err, err_len, "%s",
			 sink.failed ? "cannot write the PDF" : cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

static const struct bb_pdf_module module = {
    .abi = BB_PDF_ABI,
    .doc_size = sizeof(struct doc),
    .block_size = sizeof(struct doc_block),
    .render = render,
};

__attribute__((visibility("default"))) const struct bb_pdf_module *bb_pdf_module(void);
const struct bb_pdf_module *bb_pdf_module(void)
{
	return &module;
}
