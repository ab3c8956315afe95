/* screens.h - the screens' contracts: how to open each one, the picker,
 * the meeting screen's tab contract and its part of the registry
 * (meeting actions and tabs). The framework (ui.c, the widgets) never
 * includes this header: it reaches screens through registry.h. */
#ifndef BB_SCREENS_H
#define BB_SCREENS_H

#include <stdint.h>

#include "form.h"
#include "model.h"
#include "registry.h"
#include "ui.h"

/* ==== openers: each pushes its screen; 0, or -1 after ui_error() ==== */

int screen_home_open(struct ui *ui);
int screen_clusters_open(struct ui *ui);
/* The help screen for the keymap chain of the screen below it. */
int screen_help_open(struct ui *ui);
/* What a row of a meeting's tabs holds. Ids are per table, so an agenda
 * item and a note, or a conclusion and a directive, can share one: a row
 * is named by its kind and its id. */
enum meeting_row_kind {
	MR_NONE,
	MR_ATTENDEE,
	MR_ITEM,
	MR_NOTE,
	MR_PROPOSAL,
	MR_CONCLUSION,
	MR_DIRECTIVE,
};
/* Open meeting id on the tab named tab ("overview", "attendees",
 * "agenda", "proposals", "conclusions", or any tab in meeting_tabs[];
 * NULL for the first). kind and row (MR_NONE, 0: none) ask the tab to
 * select that row: an agenda item or a note in "agenda", a conclusion or
 * a directive in "conclusions"... */
int screen_meeting_open(struct ui *ui, int64_t id, const char *tab, enum meeting_row_kind kind,
			int64_t row);

/* ==== pickers: a list with type-ahead, for choosing a row ==== */

struct picker_row {
	int64_t id;
	char *label;  /* allocated */
	char *detail; /* allocated, may be NULL: shown dimmed on the right */
};
/* Rows matching query (NFC, may be ""), page [offset, offset+limit);
 * rows allocated, freed by the picker. *total receives the number of
 * matches. 0 or -1 with cause. */
typedef int (*picker_fetch_fn)(struct ui *ui, void *ctx, const char *query, int64_t offset,
			       int limit, struct picker_row **rows, size_t *n, int64_t *total,
			       char **cause);
/* Called with the chosen id (and the query text typed, NFC) on Enter; the
 * picker closes when it returns 0 and shows *cause when -1. Flags from
 * the return go to the screen below the picker (reload etc.) through
 * UI_RELOAD_ALL. ctx is freed with free() when the picker closes. */
typedef int (*picker_pick_fn)(struct ui *ui, void *ctx, int64_t id, const char *query,
			      char **cause);
int screen_picker_open(struct ui *ui, const char *title, picker_fetch_fn fetch, picker_pick_fn pick,
		       void *ctx);
/* The same, the row of that id selected at first (on the first page)
 * rather than the first row: Enter keeps what is in force. */
#define PICKER_NO_ROW INT64_MIN
int screen_picker_open_at(struct ui *ui, const char *title, picker_fetch_fn fetch,
			  picker_pick_fn pick, void *ctx, int64_t select);
/* For a fetch that filters rows itself: counts the row in *total and
 * appends it (label and detail copied) when it falls on the page
 * [offset, offset+limit). */
void picker_add_row(struct picker_row **rows, size_t *n, int64_t *total, int64_t offset,
		    int limit, int64_t id, const char *label, const char *detail);

/* ==== filters shared by the home and search screens (filters.c) ==== */

struct strbuf;
/* A picker's fetch of the clusters: "All clusters" (id 0), then each as
 * "N · name" (id its number), narrowed by what is typed. */
int filter_cluster_fetch(struct ui *ui, void *ctx, const char *query, int64_t offset, int limit,
			 struct picker_row **rows, size_t *n, int64_t *total, char **cause);
/* A period as typed: "I/2023" (a quarter), "2023" (a year), "" (any:
 * both 0). 0, or -1 with the reason in words. */
int filter_period_parse(const char *text, int *quarter, int *year, char **cause);
/* "I/2023", "2023", or "" for no period. */
void filter_period_text(char *buf, size_t size, int quarter, int year);
/* Append "Cluster 2 · I/2023" (what is set of the two) to f. */
void filter_describe(struct strbuf *f, int cluster, int quarter, int year);

/* ==== the meeting screen's tabs ==== */

struct mtab;
/* A tab of the meeting screen, drawn below its tab bar. The meeting
 * screen loads the meeting (store_meeting_load) and reloads it when the
 * store changes; t->m is then replaced and reload() called. */
struct meeting_tab_ops {
	const char *name;	      /* "overview", "preview": for screen_meeting_open */
	const char *label;	      /* N_("Overview"): the tab bar, translated */
	const struct keymap *keymap;  /* parent chain ends in the meeting keymap */
	void (*open)(struct mtab *t); /* allocate t->data; optional */
	void (*draw)(struct mtab *t, WINDOW *w);	       /* required */
	int (*key)(struct mtab *t, const struct ui_event *ev); /* UI_* flags */
	void (*reload)(struct mtab *t);			       /* t->m was re-read; optional */
	void (*focus)(struct mtab *t, enum meeting_row_kind kind,
		      int64_t id);		       /* select it; optional */
	int (*tick)(struct mtab *t, long long now_ms); /* optional */
	void (*close)(struct mtab *t);		       /* free t->data; optional */
};
struct mtab {
	const struct meeting_tab_ops *ops;
	struct ui *ui;
	struct screen *sc; /* the meeting screen */
	int64_t meeting_id;
	const struct meeting *m; /* current; never keep it across reloads */
	void *data;
	int editing; /* set by the tab while a text field has the keyboard:
		      * the screen's keymap is then keymap_editor */
};

/* ==== the registry (src/tui/ui_registry.c): the meeting screen's part ==== */

/* Screens that a key of the meeting keymap opens for the meeting shown
 * (live note taking, change log, export dialog). open NULL: not built
 * yet. Terminated by ACT_NONE. */
struct ui_meeting_action {
	enum action act;
	int (*open)(struct ui *ui, int64_t meeting);
};
extern const struct ui_meeting_action ui_meeting_actions[];

/* The meeting screen's tabs, in order; NULL-terminated. */
extern const struct meeting_tab_ops *const meeting_tabs[];

/* Live note taking for a meeting (src/tui/screens/live/). */
int screen_live_open(struct ui *ui, int64_t meeting);

/* The preview tab and the export dialog (src/tui/screens/screen_preview.c); the
 * organisation settings form (src/tui/screens/screen_settings.c). */
extern const struct meeting_tab_ops tab_preview;
int screen_export_open(struct ui *ui, int64_t meeting);
int screen_settings_open(struct ui *ui);

/* Review (issue 6): search (/), directives across meetings (O); for a
 * meeting: change log (H), approve (A), reopen with a reason (R), the
 * follow-up of the previous meeting's open directives and proposals (F).
 * src/tui/screens/screen_search.c, screen_directives.c, screen_review.c. */
int screen_search_open(struct ui *ui);
int screen_directives_open(struct ui *ui);
int screen_changelog_open(struct ui *ui, int64_t meeting);
int screen_approve_open(struct ui *ui, int64_t meeting);
int screen_reopen_open(struct ui *ui, int64_t meeting);
int screen_followup_open(struct ui *ui, int64_t meeting);
/* Right after a draft meeting is created or given its cluster: if the
 * previous meeting of its series left directives or proposals open and
 * nothing is carried into it yet, ask whether to carry them over; yes
 * carries them all and opens the follow-up screen (F) to adjust. 1 if it
 * asked, 0 if there was nothing to offer. */
int screen_followup_offer(struct ui *ui, int64_t meeting);

/* The built-in tabs (src/tui/screens/screen_meeting.c: overview;
 * screen_meeting_attendees.c, _agenda.c, _proposals.c, _conclusions.c). */
extern const struct meeting_tab_ops tab_overview, tab_attendees, tab_agenda, tab_proposals,
    tab_conclusions;
/* The meeting keymap, parent of every tab's keymap: Tab/Shift-Tab, 1-9,
 * and the keys of ui_meeting_actions. */
extern const struct keymap keymap_meeting;

#endif
