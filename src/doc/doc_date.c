/* doc_date.c - Vietnamese dates and times of the documents, and their
 * default file names. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doc_build.h"
#include "text.h"

/* ==== Vietnamese dates ==== */

static int days_in(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Parse "YYYY-MM-DD" with an optional "THH:MM...". Stored values only:
 * never the machine's clock or locale. */
struct when dm_parse_when(const char *s)
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
	struct when w = dm_parse_when(iso);
	return w.has_date ? date_words(&w) : NULL;
}

char *doc_time_vn(const char *iso)
{
	struct when w = dm_parse_when(iso);
	return w.has_time ? xasprintf("%02d giờ %02d phút", w.h, w.mi) : NULL;
}

/* "15/01/2027", "31/03/2027": a date in a table's column, always
 * dd/mm/yyyy (the dateline's rule, a zero for months 1 and 2 only, made
 * "31/3/2027" stand under "31/01/2027" in one column), as the screens
 * write it; "1/2027" cannot become "11/2027" by hand. */
char *doc_date_short(const char *iso)
{
	struct when w = dm_parse_when(iso);
	if (!w.has_date)
		return NULL;
	return xasprintf("%02d/%02d/%d", w.d, w.mo, w.y);
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
	struct when w = dm_parse_when(m ? m->starts_at : NULL);
	if (m && period_parse(m->period, &q, &y) == 0)
		strbuf_addf(&sb, "-quy-%s-%d", roman[q - 1], y);
	else if (w.has_date)
		strbuf_addf(&sb, "-%04d-%02d-%02d", w.y, w.mo, w.d);
	if (m && m->cluster <= 0 && !w.has_date)
		strbuf_addf(&sb, "-%lld", (long long)m->id);
	strbuf_addf(&sb, ".%s", ext);
	return strbuf_detach(&sb);
}
