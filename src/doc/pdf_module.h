/* pdf_module.h - what the PDF module (bienban-pdf.so, src/doc/pdf/) and
 * the program agree on: the program opens the module with dlopen on the
 * first PDF export (render_pdf.c) and calls its one entry with the
 * document model. The module links Pango and Cairo, the program does not.
 * The module reads the model's structs (doc.h) and calls no function of
 * the program: its bytes go out through the write callback. */
#ifndef BB_PDF_MODULE_H
#define BB_PDF_MODULE_H

#include <stddef.h>

#include "doc.h"

/* Raised whenever this header or struct doc changes shape. */
#define BB_PDF_ABI 2

/* The file the program looks for: beside the program (build tree), then
 * in LIBDIR/bienban (installed). */
#define BB_PDF_MODULE_NAME "bienban-pdf.so"

/* The exported symbol: a function returning the module's table. */
#define BB_PDF_ENTRY "bb_pdf_module"

struct bb_pdf_job {
	/* Called with the PDF's bytes in order; 0 on success, -1 to stop. */
	int (*write)(void *ctx, const unsigned char *data, size_t len);
	void *ctx;
	/* The creation date for the document information, seconds since the
	 * epoch (the program passes now, or $SOURCE_DATE_EPOCH). */
	long long created;
	/* Out: the font family the document was set in ("Liberation
	 * Serif"), for tests and messages; static storage. */
	const char *font;
	/* Out: the number of pages written. */
	int pages;
};

struct bb_pdf_module {
	int abi;	   /* BB_PDF_ABI */
	size_t doc_size;   /* sizeof(struct doc) the module was built with */
	size_t block_size; /* sizeof(struct doc_block) */
	/* Lay d out and write it as PDF. 0, or -1 with a reason in err
	 * (English, technical: the program puts it in a sentence). */
	int (*render)(const struct doc *d, struct bb_pdf_job *job, char *err, size_t err_len);
};

typedef const struct bb_pdf_module *(*bb_pdf_entry_fn)(void);

#endif
