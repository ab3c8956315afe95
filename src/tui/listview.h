/* listview.h - a selectable list that pages through its rows: it asks for
 * the visible page only (fetch), so a list of thousands of meetings never
 * loads them all. The list keeps the selection index; callers that reload
 * find their selected row again by id and call listview_select(). */
#ifndef BB_LISTVIEW_H
#define BB_LISTVIEW_H

#include <stdint.h>

#include "ui.h"

struct listview {
	int64_t n;   /* number of rows (set with listview_set_count) */
	int64_t sel; /* selected row, 0..n-1 (0 when empty) */
	int64_t top; /* first visible row */
	int height;  /* rows visible at the last draw */
	void *ctx;
	/* Make rows [offset, offset+limit) available to draw_row (load that
	 * page from the store into ctx). NULL for rows already in memory.
	 * 0, or -1 with *cause. */
	int (*fetch)(void *ctx, int64_t offset, int limit, char **cause);
	/* Draw row index at line y of w, width columns; selected rows are
	 * drawn with ui_attr(ST_SELECTED) across the width. */
	void (*draw_row)(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected);
	/* The page that fetch last loaded. */
	int64_t page_off;
	int page_len;
	int stale; /* fetch again at the next draw */
};

void listview_init(struct listview *lv, void *ctx,
		   int (*fetch)(void *ctx, int64_t offset, int limit, char **cause),
		   void (*draw_row)(void *ctx, WINDOW *w, int y, int width, int64_t index,
				    int selected));
/* Set the row count (after a reload); clamps the selection and marks the
 * page stale. */
void listview_set_count(struct listview *lv, int64_t n);
void listview_select(struct listview *lv, int64_t index);
/* Move for ACT_UP/DOWN/PAGE_UP/PAGE_DOWN/FIRST/LAST; 1 if the action was
 * a movement (handled), else 0. */
int listview_key(struct listview *lv, enum action act);
/* Draw rows into lines y0..y0+height-1 of w. Fetches the page first if
 * needed; a fetch error is shown through ui_error. */
void listview_draw(struct listview *lv, struct ui *ui, WINDOW *w, int y0, int height, int width);

#endif
