/* render.h - the formats of an exported document: each renderer lays out
 * the document model of doc.h into bytes. The command line and the
 * terminal interface share them. */
#ifndef BB_RENDER_H
#define BB_RENDER_H

#include "doc.h"
#include "util.h"

struct render_opts {
	int width; /* txt: columns per line (default 80) */
};

struct renderer {
	const char *name; /* "txt", also the file extension */
	int binary;	  /* a zip file, not text for a terminal */
	/* Append the rendering of d to *out (text is UTF-8; binary formats
	 * may hold NUL bytes: use out->len). Returns 0, or -1 with *cause. */
	int (*render)(const struct doc *d, const struct render_opts *opts, struct strbuf *out,
		      char **cause);
};

extern const struct renderer render_txt;
extern const struct renderer render_md;
extern const struct renderer render_html;
extern const struct renderer render_docx;
extern const struct renderer render_odt;
/* Laid out by the module bienban-pdf.so, loaded on first use. */
extern const struct renderer render_pdf;

/* The renderer called name, or NULL. */
const struct renderer *render_find(const char *name);
/* "txt, md, html, docx, odt, pdf" for messages, from the table of formats
 * (render.c). Static. */
const char *render_names(void);

/* ==== helpers the renderers share (render.c) ==== */

/* Escape text for XML and HTML: & < > " ' and drop what XML 1.0 forbids
 * (controls other than tab and newline, U+FFFE, U+FFFF). */
void render_xml_escape(struct strbuf *out, const char *s);

/* A zip archive built in memory (libzip). NULL with *cause when libzip
 * cannot be loaded: "FORMAT export needs libzip (libzip.so.4): why". */
struct render_zip;
struct render_zip *render_zip_new(const char *format, char **cause);
/* Add a member; stored uncompressed when !deflate (the ODF "mimetype"
 * must be first and stored). data is copied. */
int render_zip_add(struct render_zip *z, const char *name, const char *data, size_t len,
		   int deflate, char **cause);
/* Close the archive and append its bytes to *out; frees z either way. */
int render_zip_finish(struct render_zip *z, struct strbuf *out, char **cause);
void render_zip_discard(struct render_zip *z);

#endif
