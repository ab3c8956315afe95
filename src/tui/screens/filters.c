/* filters.c - the filters the home and search screens share: a cluster
 * chosen in a picker, a period typed (I/2023, 2023), and the words that
 * say which are in force ("Cluster 2 · I/2023"). */
#include <stdlib.h>
#include <string.h>

#include "screens.h"
#include "store_edit.h"
#include "text.h"

static const char *const quarters[] = {"", "I", "II", "III", "IV"};

int filter_cluster_fetch(struct ui *ui, void *ctx, const char *query, int64_t offset, int limit,
			 struct picker_row **rows, size_t *n, int64_t *total, char **cause)
{
	struct cluster *cl;
	size_t ncl;
	if (store_clusters(ui_store(ui), &cl, &ncl, cause) < 0)
		return -1;
	char *fq = text_fold(query);
	*rows = NULL;
	*n = 0;
	*total = 0;
	for (size_t i = 0; i <= ncl; i++) {
		char *label = i == 0 ? xstrdup(_("All clusters"))
				     : xasprintf("%d · %s", cl[i - 1].number, cl[i - 1].name);
		char *fl = text_fold(label);
		if (!*fq || strstr(fl, fq))
			picker_add_row(rows, n, total, offset, limit, i == 0 ? 0 : cl[i - 1].number,
				       label, NULL);
		free(fl);
		free(label);
	}
	free(fq);
	for (size_t i = 0; i < ncl; i++)
		cluster_free(&cl[i]);
	free(cl);
	(void)ctx;
	return 0;
}

int filter_period_parse(const char *text, int *quarter, int *year, char **cause)
{
	int q = 0, y = 0;
	char *t = xstrdup(text ? text : "");
	text_trim(t);
	if (*t && period_parse(t, &q, &y) < 0) {
		char *end;
		long v = strtol(t, &end, 10);
		if (*end || v < 1900 || v > 9999) {
			set_cause(cause, _("“%s” is not a quarter like I/2023 or a year like 2023"),
				  t);
			free(t);
			return -1;
		}
		y = (int)v;
		q = 0;
	}
	free(t);
	*quarter = q;
	*year = y;
	return 0;
}

void filter_period_text(char *buf, size_t size, int quarter, int year)
{
	if (year && quarter >= 1 && quarter <= 4)
		snprintf(buf, size, "%s/%d", quarters[quarter], year);
	else if (year)
		snprintf(buf, size, "%d", year);
	else if (size)
		buf[0] = '\0';
}

void filter_describe(struct strbuf *f, int cluster, int quarter, int year)
{
	if (cluster)
		strbuf_addf(f, _("Cluster %d"), cluster);
	if (year) {
		char p[32];
		filter_period_text(p, sizeof p, quarter, year);
		strbuf_addf(f, "%s%s", f->len ? " · " : "", p);
	}
}
