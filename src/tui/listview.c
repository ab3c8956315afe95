/* listview.c - a selectable list that fetches only the visible page. */
#include <stdlib.h>

#include "i18n.h"
#include "listview.h"

void listview_init(struct listview *lv, void *ctx,
		   int (*fetch)(void *ctx, int64_t offset, int limit, char **cause),
		   void (*draw_row)(void *ctx, WINDOW *w, int y, int width, int64_t index,
				    int selected))
{
	*lv = (struct listview){.ctx = ctx, .fetch = fetch, .draw_row = draw_row, .stale = 1};
}

static void clamp(struct listview *lv)
{
	if (lv->sel >= lv->n)
		lv->sel = lv->n - 1;
	if (lv->sel < 0)
		lv->sel = 0;
	int h = lv->height > 0 ? lv->height : 1;
	if (lv->top > lv->sel)
		lv->top = lv->sel;
	if (lv->sel >= lv->top + h)
		lv->top = lv->sel - h + 1;
	/* No empty space at the bottom when rows could fill it. */
	if (lv->top > 0 && lv->top + h > lv->n)
		lv->top = lv->n - h > 0 ? lv->n - h : 0;
	if (lv->top < 0)
		lv->top = 0;
}

void listview_set_count(struct listview *lv, int64_t n)
{
	lv->n = n;
	lv->stale = 1;
	clamp(lv);
}

void listview_select(struct listview *lv, int64_t index)
{
	lv->sel = index;
	clamp(lv);
}

int listview_key(struct listview *lv, enum action act)
{
	int h = lv->height > 1 ? lv->height : 1;
	switch (act) {
	case ACT_UP:
		lv->sel--;
		break;
	case ACT_DOWN:
		lv->sel++;
		break;
	case ACT_PAGE_UP:
		lv->sel -= h;
		lv->top -= h;
		break;
	case ACT_PAGE_DOWN:
		lv->sel += h;
		lv->top += h;
		break;
	case ACT_FIRST:
		lv->sel = 0;
		break;
	case ACT_LAST:
		lv->sel = lv->n - 1;
		break;
	default:
		return 0;
	}
	if (lv->top < 0)
		lv->top = 0;
	clamp(lv);
	return 1;
}

void listview_draw(struct listview *lv, struct ui *ui, WINDOW *w, int y0, int height, int width)
{
	lv->height = height;
	clamp(lv);
	int64_t want = lv->n - lv->top < height ? lv->n - lv->top : height;
	if (lv->fetch && (lv->stale || lv->page_off != lv->top || lv->page_len != (int)want)) {
		char *cause = NULL;
		if (lv->fetch(lv->ctx, lv->top, (int)want, &cause) < 0) {
			ui_error(ui, _("Cannot read the list: %s"), cause);
			free(cause);
		}
		lv->page_off = lv->top;
		lv->page_len = (int)want;
		lv->stale = 0;
	}
	for (int i = 0; i < want; i++)
		lv->draw_row(lv->ctx, w, y0 + i, width, lv->top + i, lv->top + i == lv->sel);
}
