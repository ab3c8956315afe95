/* bench_export.c - how long exporting takes: a meeting with 500 notes in
 * an in-memory store, built into the document model and rendered to every
 * format; median of N runs. Not a test: it prints figures and exits 0.
 *
 * Usage: bench_export [RUNS]   (meson: `meson test -C build --benchmark
 * export -v`, or run build/tests/bench_export). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc.h"
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
    "tổ chức Đoàn, Hội, Đội tại đơn vị và cơ sở <có ký tự> & \"ngoặc kép\".";

static struct meeting *big_meeting(int n_notes)
{
	struct meeting *m = meeting_new();
	m->title = xstrdup("Hội nghị giao ban công tác Đoàn, Hội, Đội Cụm thi đua số 4 quý I/2023");
	m->cluster = 4;
	m->period = xstrdup("I/2023");
	m->starts_at = xstrdup("2023-04-12T08:00");
	m->ends_at = xstrdup("2023-04-12T17:30");
	m->location = xstrdup("Hội trường Thị đoàn Hoài Nhơn");
	m->document_number = xstrdup("12-BB/TĐTN-VP");
	m->n_attendees = 30;
	m->attendees = xcalloc(m->n_attendees, sizeof *m->attendees);
	for (size_t i = 0; i < m->n_attendees; i++) {
		struct attendee *a = &m->attendees[i];
		a->name = xasprintf("Nguyễn Văn Thành %zu", i);
		a->title = xasprintf("Bí thư Huyện đoàn số %zu", i);
		a->unit = xasprintf("Huyện đoàn số %zu", i);
		a->role = i == 0 ? ROLE_CHAIR : i == 1 ? ROLE_SECRETARY : ROLE_DELEGATE;
		a->presence = i % 10 == 9 ? PRES_EXCUSED : PRES_PRESENT;
		if (a->presence == PRES_EXCUSED)
			a->reason = xstrdup("đi công tác");
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
	m->n_conclusions = 20;
	m->conclusions = xcalloc(m->n_conclusions, sizeof(char *));
	for (size_t i = 0; i < m->n_conclusions; i++)
		m->conclusions[i] = xasprintf("Kết luận số %zu: %s", i + 1, note_text);
	m->n_directives = 20;
	m->directives = xcalloc(m->n_directives, sizeof *m->directives);
	for (size_t i = 0; i < m->n_directives; i++) {
		m->directives[i].text = xasprintf("Nhiệm vụ số %zu: %s", i + 1, note_text);
		m->directives[i].owner = xstrdup("Các đơn vị trong Cụm");
		m->directives[i].due = xstrdup("2023-06-30");
	}
	return m;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 21;
	if (runs < 1)
		runs = 1;
	struct store *s;
	char *cause = NULL;
	if (store_open(&s, ":memory:", STORE_CREATE, &cause) < 0) {
		fprintf(stderr, "bench_export: %s\n", cause);
		return 1;
	}
	struct meeting *m = big_meeting(500);
	int64_t id;
	if (store_begin(s, &cause) < 0 || store_meeting_insert(s, m, &id, &cause) < 0 ||
	    store_commit(s, &cause) < 0) {
		fprintf(stderr, "bench_export: %s\n", cause);
		return 1;
	}
	meeting_free(m);

	/* "model": loading and building the document only, for reference. */
	static const char *const formats[] = {"model", "txt", "md", "html", "docx", "odt", "json"};
	double *t = xcalloc((size_t)runs, sizeof *t);
	printf("Exporting one meeting with 500 notes (30 attendees, 20 conclusions,\n"
	       "20 directives) from an in-memory store: load + build + render,\n"
	       "median of %d runs.\n\n",
	       runs);
	printf("%-8s %12s %12s\n", "format", "median ms", "bytes");
	for (size_t f = 0; f < BB_ARRAY_LEN(formats); f++) {
		size_t bytes = 0;
		for (int r = 0; r < runs; r++) {
			double t0 = ms_now();
			struct strbuf out = {0};
			if (strcmp(formats[f], "json") == 0) {
				char *j = interchange_export(s, &id, 1, &cause);
				if (!j) {
					fprintf(stderr, "bench_export: %s\n", cause);
					return 1;
				}
				strbuf_adds(&out, j);
				free(j);
			} else {
				struct doc *d;
				struct render_opts ro = {.width = 80};
				if (doc_build(s, DOC_MINUTES, &id, 1, &d, NULL, &cause) < 0 ||
				    (strcmp(formats[f], "model") != 0 &&
				     render_find(formats[f])->render(d, &ro, &out, &cause) < 0)) {
					fprintf(stderr, "bench_export: %s\n", cause);
					return 1;
				}
				doc_free(d);
			}
			t[r] = ms_now() - t0;
			bytes = out.len;
			strbuf_free(&out);
		}
		qsort(t, (size_t)runs, sizeof *t, cmp_double);
		printf("%-8s %12.2f %12zu\n", formats[f], t[runs / 2], bytes);
	}
	free(t);
	store_close(s);
	return 0;
}
