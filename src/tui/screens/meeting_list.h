/* meeting_list.h - what the list tabs of the meeting screen share
 * (screen_meeting_list.c): their rows, built from the loaded meeting and
 * found again by kind and id after every reload; the list and its detail
 * area; the delete question; and the ctx of their prompts and forms. Each
 * tab is its own file: screen_meeting_attendees.c, _agenda.c,
 * _proposals.c, _conclusions.c. */
#ifndef BB_MEETING_LIST_H
#define BB_MEETING_LIST_H

#include <stdint.h>

#include "listview.h"
#include "screens.h"

/* A row of a tab: what it is and the id of the record. */
enum row_kind {
	RK_HEADING,
	RK_EMPTY,
	RK_ATTENDEE,
	RK_ITEM,
	RK_NOTE,
	RK_PROPOSAL,
	RK_CONCLUSION,
	RK_DIRECTIVE
};

struct trow {
	enum row_kind kind;
	int64_t id;
	int index;   /* index in its meeting array (or conclusions list) */
	int sub;     /* notes: index in the item */
	int section; /* conclusions tab: 0 conclusions, 1 directives */
};

struct ltab {
	struct mtab *t;
	struct trow *rows;
	size_t n;
	struct listview lv;
	struct text_row *concl; /* conclusions with ids */
	size_t n_concl;
	/* A row just added: selected by the next rebuild, so that the
	 * "Enter sets ..." message that follows an add means that row. */
	enum row_kind want_kind;
	int64_t want_id;
};

/* Ctx of the tabs' prompts and forms: the record and its meeting. */
struct rec {
	int64_t meeting, id;
	int kind;
	struct meeting *m; /* loaded by refresh */
	struct ltab *l;	   /* adds: the tab that selects the new row */
};

/* ==== the rows ==== */

/* The tab's state (t->data). */
struct ltab *mlist_of(struct mtab *t);
/* Append a row. */
void mlist_add(struct ltab *l, enum row_kind k, int64_t id, int index, int sub, int section);
/* The selected row, or NULL. */
struct trow *mlist_sel(struct ltab *l);
/* Move the selection off a heading row, towards dir (+1/-1) first. */
void mlist_skip_heading(struct ltab *l, int dir);
/* Rebuild the rows from t->m with build, keeping the selected record. */
void mlist_rebuild(struct mtab *t, void (*build)(struct ltab *l));

/* ==== meeting_tab_ops callbacks every list tab uses ==== */

void mlist_open(struct mtab *t);
void mlist_close(struct mtab *t);
/* Select the row of that kind and id (ids of different tables overlap). */
void mlist_focus(struct mtab *t, enum meeting_row_kind kind, int64_t id);
/* The list, with the selected row's full text below it; empty when no rows. */
void mlist_draw(struct mtab *t, WINDOW *w, const char *empty);

/* ==== shared actions ==== */

/* A store write's outcome: the error (cause freed) and UI_REDRAW, or the
 * done message (may be NULL) and UI_RELOAD_ALL. */
int mlist_report(struct ui *ui, int rc, char *cause, const char *done);
/* "Delete <what>? (y/n)"; yes calls del(store, id). */
void mlist_ask_delete(struct ui *ui, const char *what, int64_t id,
		      int (*del)(struct store *s, int64_t id, char **cause));
/* Move the row id by delta with mv, the selection following it. */
int mlist_move(struct mtab *t, int64_t id, int delta,
	       int (*mv)(struct store *s, int64_t id, int delta, char **cause));

/* ==== the ctx of prompts and forms ==== */

/* The ctx of a prompt or form on record id (kind: the tab's own use) of
 * meeting; freed with mrec_free() or free(). */
struct rec *mrec_new(int64_t meeting, int64_t id, int kind);
/* The ctx of an add prompt: the new row is selected in l's next rebuild. */
struct rec *mrec_add(struct ltab *l, int64_t id, int kind);
/* An add succeeded: select the new row once the tab is rebuilt. */
void mrec_added(struct rec *r, enum row_kind k, int64_t id);
/* Load r->m again (form_ops.prepare of forms that read the meeting). */
void mrec_refresh(struct ui *ui, void *ctx);
/* Free r->m. */
void mrec_release(struct rec *r);
/* form_ops callbacks: the meeting, prepare (frees r->m), free_ctx. */
int64_t mrec_meeting(void *ctx);
void mrec_free_refresh(struct ui *ui, void *ctx);
void mrec_free(void *ctx);

/* form_field.choice_name of a proposal's or a directive's status. */
const char *mlist_task_choice(int i);

#endif
