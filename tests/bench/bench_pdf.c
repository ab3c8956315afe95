/* bench_pdf.c - how long the PDF export takes, beside the docx: a meeting
 * with 300 notes and the demo's four-meeting conference, from an
 * in-memory store, built into the document model and rendered; the first
 * PDF (which loads bienban-pdf.so and fontconfig's font list) apart, then
 * the median of N runs; and the peak resident memory. Not a test: it
 * prints figures and exits 0 (1 if an export fails).
 *
 * Usage: bench_pdf [RUNS [MODULE]]   (meson: `meson test -C build
 * --benchmark pdf -v`; MODULE is bienban-pdf.so, else it is looked for as
 * the program does, or through $BIENBAN_PDF_MODULE). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc.h"
#include "embedded.h"
#include "interchange.h"
#include "render.h"
#include "store.h"
#include "util.h"

static double ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static const char note_text[] =
    "Báo cáo kết quả triển khai công tác Đoàn và phong trào thanh thiếu nhi quý I/2023, "
    "trọng tâm là các hoạt động trong Tháng Thanh niên năm 2023; công tác củng cố, xây dựng "
    "tổ chức Đoàn, Hội, Đội tại đơn vị và cơ sở, các hoạt động Tháng Thanh niên năm 2023.";

static struct meeting *big_meeting(int n_notes, int n_directives)
{
	struct meeting *m = meeting_new();
	m->title = xstrdup("Hội nghị giao ban công tác Đoàn, Hội, Đội Cụm thi đua số 4 quý I/2023");
	m->cluster = 4;
	m->period = xstrdup("I/2023");
	m->starts_at = xstrdup("2023-04-12T08:00");
	m->ends_at = xstrdup("2023-04-12T17:30");
	m->location = xstrdup("Hội trường Thị đoàn Hoài Nhơn");
	m->document_number = xstrdup("12");
	m->n_attendees = 30;
	m->attendees = xcalloc(m->n_attendees, sizeof *m->attendees);
	for (size_t i = 0; i < m->n_attendees; i++) {
		struct attendee *a = &m->attendees[i];
		a->name = xasprintf("Nguyễn Văn Thành %zu", i);
		a->title = xasprintf("Bí thư Huyện đoàn số %zu", i);
		a->unit = xasprintf("Huyện đoàn số %zu", i);
		a->role = i == 0 ? ROLE_CHAIR : i == 1 ? ROLE_SECRETARY : ROLE_DELEGATE;
		a->presence = PRES_PRESENT;
	}
	m->n_agenda = 5;
	m->agenda = xcalloc(m->n_agenda, sizeof *m->agenda);
	for (size_t k = 0; k < m->n_agenda; k++) {
		struct agenda_item *it = &m->agenda[k];
		it->title = xasprintf("Nội dung thứ %zu của Hội nghị", k + 1);
		it->n_notes = (size_t)n_notes / m->n_agenda;
		it->notes = xcalloc(it->n_notes, sizeof *it->notes);
		for (size_t i = 0; i < it->n_notes; i++) {
			struct note *n = &it->notes[i];
			n->at = xstrdup("2023-04-12T09:00");
			n->speaker = xasprintf("Nguyễn Văn Thành %zu", 2 + i % 28);
			n->kind = i % 3 ? NK_STATEMENT : NK_REPORT;
			n->text = xstrdup(note_text);
		}
	}
	m->n_conclusions = 10;
	m->conclusions = xcalloc(m->n_conclusions, sizeof(char *));
	for (size_t i = 0; i < m->n_conclusions; i++)
		m->conclusions[i] = xasprintf("Kết luận số %zu: %s", i + 1, note_text);
	m->n_directives = (size_t)n_directives;
	m->directives = xcalloc(m->n_directives, sizeof *m->directives);
	for (size_t i = 0; i < m->n_directives; i++) {
		m->directives[i].text = xasprintf("Nhiệm vụ số %zu: %s", i + 1, note_text);
		m->directives[i].owner = xstrdup("Các đơn vị trong Cụm");
		m->directives[i].due = xstrdup("2023-06-30");
	}
	return m;
}

static int export(struct store *s, const int64_t *ids, size_t n, const char *format, size_t *bytes,
		  int *pages)
{
	struct doc *d;
	char *cause = NULL;
	struct strbuf out = {0};
	struct render_opts ro = {.width = 80};
	if (doc_build(s, DOC_MINUTES, ids, n, &d, NULL, &cause) < 0 ||
	    render_find(format)->render(d, &ro, &out, &cause) < 0) {
		fprintf(stderr, "bench_pdf: %s\n", cause);
		free(cause);
		return -1;
	}
	doc_free(d);
	*bytes = out.len;
	*pages = 0;
	for (const char *p = out.buf;
	     p && (p = memmem(p, out.len - (size_t)(p - out.buf), "/Type /Page ", 12)); p++)
		(*pages)++;
	strbuf_free(&out);
	return 0;
}

/* Peak resident memory in kB (VmHWM: unlike getrusage's ru_maxrss, not
 * inherited across exec from a big parent such as meson). */
static long max_rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 21;
	if (runs < 1)
		runs = 1;
	if (argc > 2)
		setenv("BIENBAN_PDF_MODULE", argv[2], 1);
	struct store *s;
	char *cause = NULL;
	if (store_open(&s, ":memory:", STORE_CREATE, &cause) < 0) {
		fprintf(stderr, "bench_pdf: %s\n", cause);
		return 1;
	}
	/* The demo conference, then the big meeting. */
	const struct embedded_file *demo = embedded_find("demo.json");
	struct interchange doc;
	int64_t *conf = NULL, big;
	size_t n_conf = 0;
	struct meeting *m = big_meeting(300, 30);
	if (!demo ||
	    interchange_parse((const char *)demo->data, demo->len, &doc, NULL, &cause) < 0 ||
	    interchange_import(s, &doc, &conf, &n_conf, &cause) < 0 || store_begin(s, &cause) < 0 ||
	    store_meeting_insert(s, m, &big, &cause) < 0 || store_commit(s, &cause) < 0) {
		fprintf(stderr, "bench_pdf: %s\n", cause ? cause : "no demo");
		return 1;
	}
	interchange_free(&doc);
	meeting_free(m);
	long rss0 = max_rss_kb();

	size_t bytes;
	int pages;
	double t0 = ms_now();
	if (export(s, &big, 1, "pdf", &bytes, &pages) < 0)
		return 1;
	double first = ms_now() - t0;
	printf("PDF export (load + build + render), median of %d runs, ms:\n\n", runs);
	printf("first PDF of the process (loads the module and the font list): %.1f ms\n\n", first);
	const struct {
		const char *what;
		const int64_t *ids;
		size_t n;
	} cases[] = {{"300 notes, 30 directives", &big, 1},
		     {"conference, 4 meetings", conf, n_conf}};
	static const char *const formats[] = {"pdf", "docx"};
	printf("%-26s %-6s %10s %10s %6s\n", "document", "format", "median ms", "bytes", "pages");
	double *t = xcalloc((size_t)runs, sizeof *t);
	for (size_t c = 0; c < BB_ARRAY_LEN(cases); c++)
		for (size_t f = 0; f < BB_ARRAY_LEN(formats); f++) {
			for (int r = 0; r < runs; r++) {
				t0 = ms_now();
				if (export(s, cases[c].ids, cases[c].n, formats[f], &bytes,
					   &pages) < 0)
					return 1;
				t[r] = ms_now() - t0;
			}
			qsort(t, (size_t)runs, sizeof *t, cmp_double);
			printf("%-26s %-6s %10.1f %10zu %6d\n", cases[c].what, formats[f],
			       t[runs / 2], bytes, pages);
		}
	printf("\npeak resident memory: %.1f MB (%.1f MB before the first PDF)\n",
	       max_rss_kb() / 1024.0, rss0 / 1024.0);
	free(t);
	free(conf);
	store_close(s);
	return 0;
}
