/* render.c - the table of formats, and what the XML formats share: escaping
 * and a zip archive built in memory with libzip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render.h"
#include "zipw.h"

/* The formats, in the order messages list them. A new format is a file
 * render_NAME.c defining render_NAME (render.h), and a row here. */
static const struct renderer *const renderers[] = {
    &render_txt, &render_md, &render_html, &render_docx, &render_odt, &render_pdf,
};

const struct renderer *render_find(const char *name)
{
	for (size_t i = 0; i < BB_ARRAY_LEN(renderers); i++)
		if (str_eq(renderers[i]->name, name))
			return renderers[i];
	return NULL;
}

const char *render_names(void)
{
	static char names[128];
	if (!names[0]) {
		size_t len = 0;
		for (size_t i = 0; i < BB_ARRAY_LEN(renderers) && len < sizeof names; i++)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
						i ? ", " : "", renderers[i]->name);
	}
	return names;
}

void render_xml_escape(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		switch (*p) {
		case '&':
			strbuf_adds(out, "&amp;");
			break;
		case '<':
			strbuf_adds(out, "&lt;");
			break;
		case '>':
			strbuf_adds(out, "&gt;");
			break;
		case '"':
			strbuf_adds(out, "&quot;");
			break;
		case '\'':
			strbuf_adds(out, "&#39;");
			break;
		case ' ':
			strbuf_adds(out, doc_space_binds((const char *)p) ? "\xc2\xa0" : " ");
			break;
		default:
			if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f) {
				break; /* not allowed in XML 1.0 */
			} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
				p++; /* a C1 control */
			} else if (*p == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) {
				p += 2; /* U+FFFE, U+FFFF */
			} else {
				strbuf_addc(out, (char)*p);
			}
		}
		p++;
	}
}

/* ==== zip ==== */

struct render_zip {
	const struct zipw *zw; /* libzip, loaded by the first archive */
	zip_source_t *src;
	zip_t *za;
};

/* A fixed time for every member, so that the same document gives the same
 * bytes (goldens, reproducible files). */
#define ZIP_MTIME ((time_t)946684800) /* 2000-01-01 */

struct render_zip *render_zip_new(const char *format, char **cause)
{
	const struct zipw *zw = zipw_get(format, cause);
	if (!zw)
		return NULL;
	zip_error_t err;
	zw->zip_error_init(&err);
	zip_source_t *src = zw->zip_source_buffer_create(NULL, 0, 0, &err);
	if (!src) {
		set_cause(cause, "zip: %s", zw->zip_error_strerror(&err));
		zw->zip_error_fini(&err);
		return NULL;
	}
	zw->zip_source_keep(src); /* we read the bytes back after zip_close */
	zip_t *za = zw->zip_open_from_source(src, ZIP_TRUNCATE, &err);
	if (!za) {
		set_cause(cause, "zip: %s", zw->zip_error_strerror(&err));
		zw->zip_error_fini(&err);
		zw->zip_source_free(src);
		zw->zip_source_free(src);
		return NULL;
	}
	struct render_zip *z = xcalloc(1, sizeof *z);
	z->zw = zw;
	z->src = src;
	z->za = za;
	return z;
}

int render_zip_add(struct render_zip *z, const char *name, const char *data, size_t len,
		   int deflate, char **cause)
{
	void *copy = xmalloc(len ? len : 1);
	memcpy(copy, data, len);
	zip_source_t *s = z->zw->zip_source_buffer(z->za, copy, len, 1);
	if (!s) {
		free(copy);
		return set_cause(cause, "zip: %s", z->zw->zip_strerror(z->za));
	}
	zip_int64_t idx = z->zw->zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (idx < 0) {
		z->zw->zip_source_free(s);
		return set_cause(cause, "zip: %s: %s", name, z->zw->zip_strerror(z->za));
	}
	if (z->zw->zip_set_file_compression(z->za, (zip_uint64_t)idx,
					    deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) < 0 ||
	    z->zw->zip_file_set_mtime(z->za, (zip_uint64_t)idx, ZIP_MTIME, 0) < 0)
		return set_cause(cause, "zip: %s: %s", name, z->zw->zip_strerror(z->za));
	return 0;
}

void render_zip_discard(struct render_zip *z)
{
	if (!z)
		return;
	z->zw->zip_discard(z->za);
	z->zw->zip_source_free(z->src);
	free(z);
}

int render_zip_finish(struct render_zip *z, struct strbuf *out, char **cause)
{
	int rc = -1;
	if (z->zw->zip_close(z->za) < 0) {
		set_cause(cause, "zip: %s", z->zw->zip_strerror(z->za));
		z->zw->zip_discard(z->za);
		goto done;
	}
	zip_stat_t st;
	if (z->zw->zip_source_stat(z->src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    z->zw->zip_source_open(z->src) < 0) {
		set_cause(cause, _("zip: cannot read the archive back"));
		goto done;
	}
	char buf[16384];
	zip_int64_t n;
	while ((n = z->zw->zip_source_read(z->src, buf, sizeof buf)) > 0)
		strbuf_add(out, buf, (size_t)n);
	z->zw->zip_source_close(z->src);
	rc = n < 0 ? set_cause(cause, _("zip: cannot read the archive back")) : 0;
done:
	z->zw->zip_source_free(z->src);
	free(z);
	return rc;
}
