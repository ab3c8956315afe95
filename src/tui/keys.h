/* keys.h - every user action, declared once with its help text, and the
 * keymaps that bind keys to actions: one per screen, each falling back to
 * a parent (in the end the generic one). The help screen (?/F1), the
 * bottom key line and the README's key tables are generated from these.
 *
 * To add an action: add one X(...) line to BB_ACTIONS (ID, flags, short
 * label for the key line, help sentence), both wrapped in N_() so they go
 * into po/bienban.pot. Then bind it in a keymap (see keymap below). */
#ifndef BB_KEYS_H
#define BB_KEYS_H

#include <stddef.h>

#include "i18n.h"

/* Action flags. */
#define AF_EDIT 1 /* changes the store: refused, with the reason, when read-only */

/* X(ID, FLAGS, LABEL, HELP) */
#define BB_ACTIONS(X)                                                                              \
	X(NONE, 0, "", "")                                                                         \
	/* moving */                                                                               \
	X(UP, 0, N_("up"), N_("Move up"))                                                          \
	X(DOWN, 0, N_("down"), N_("Move down"))                                                    \
	X(LEFT, 0, N_("left"), N_("Move left"))                                                    \
	X(RIGHT, 0, N_("right"), N_("Move right"))                                                 \
	X(PAGE_UP, 0, N_("page up"), N_("One page up"))                                            \
	X(PAGE_DOWN, 0, N_("page down"), N_("One page down"))                                      \
	X(FIRST, 0, N_("first"), N_("Go to the first row"))                                        \
	X(LAST, 0, N_("last"), N_("Go to the last row"))                                           \
	X(NEXT_TAB, 0, N_("next tab"), N_("Next tab or pane"))                                     \
	X(PREV_TAB, 0, N_("prev tab"), N_("Previous tab or pane"))                                 \
	X(GOTO_TAB, 0, N_("tab"), N_("Go to that tab (a meeting has six)"))                        \
	/* screens */                                                                              \
	X(OPEN, 0, N_("open"), N_("Open the selected item"))                                       \
	X(BACK, 0, N_("back"), N_("Go back (cancel)"))                                             \
	X(CHOOSE, 0, N_("choose"), N_("Take the selected row (a speaker, a unit, a cluster, a role)"))   \
	X(QUIT, 0, N_("quit"), N_("Go back; leave the program from the home screen"))              \
	X(HELP, 0, N_("help"), N_("Show the keys of this screen"))                                 \
	X(REFRESH, 0, N_("refresh"), N_("Re-read from the store and repaint the screen"))          \
	X(CLUSTERS, 0, N_("clusters"), N_("Clusters, units and people"))                           \
	X(SEARCH, 0, N_("search"), N_("Search the minutes"))                                       \
	X(DIRECTIVES, 0, N_("directives"), N_("Open directives across meetings"))                  \
	X(CHANGELOG, 0, N_("changes"), N_("Change log of this meeting"))                           \
	X(LIVE, 0, N_("live"), N_("Live note taking for this meeting"))                            \
	X(EXPORT, 0, N_("export"), N_("Export the minutes"))                                       \
	X(DOCUMENT, 0, N_("document"), N_("Show the minutes or the notice of conclusions"))        \
	X(SETTINGS, 0, N_("settings"), N_("Organisation settings of the exported documents"))      \
	/* home */                                                                                 \
	X(FILTER_CLUSTER, 0, N_("cluster"), N_("Show one cluster only (or all)"))                  \
	X(FILTER_PERIOD, 0, N_("period"), N_("Show one quarter or year only (or all)"))            \
	X(NEW_MEETING, AF_EDIT, N_("new"), N_("Create a meeting"))                                 \
	X(LOAD_DEMO, AF_EDIT, N_("demo"), N_("Load the demo conference into an empty store"))      \
	/* editing lists and fields */                                                             \
	X(EDIT, AF_EDIT, N_("edit"), N_("Edit the selected field or row"))                         \
	X(ADD, AF_EDIT, N_("add"), N_("Add a row"))                                                \
	X(DELETE, AF_EDIT, N_("delete"), N_("Delete the selected row (asks first)"))               \
	X(MOVE_UP, AF_EDIT, N_("move up"), N_("Move the selected row up"))                         \
	X(MOVE_DOWN, AF_EDIT, N_("move down"), N_("Move the selected row down"))                   \
	X(CYCLE, AF_EDIT, N_("change"), N_("Next value of the selected choice"))                   \
	X(STATUS, AF_EDIT, N_("status"), N_("Next status (open, done, dropped)"))                  \
	X(MOVE_UNIT, AF_EDIT, N_("move"), N_("Move the unit to another cluster"))                  \
	/* attendees: roll call */                                                                 \
	X(ADD_GUEST, AF_EDIT, N_("guest"), N_("Add a guest by hand"))                              \
	X(PRESENT, AF_EDIT, N_("present"), N_("Mark present"))                                     \
	X(LATE, AF_EDIT, N_("late"), N_("Mark late, with the arrival time"))                       \
	X(EXCUSED, AF_EDIT, N_("excused"), N_("Mark excused, with a reason"))                      \
	X(ABSENT, AF_EDIT, N_("absent"), N_("Mark absent"))                                        \
	X(ROLE, AF_EDIT, N_("role"),                                                               \
	  N_("Choose the role from a list (one chair, one secretary)"))                            \
	X(SUBSTITUTE, AF_EDIT, N_("substitute"),                                                   \
	  N_("Stand-in: on someone away, add who stands in for them; else, whom this one "         \
	     "stands in for"))                                                                     \
	X(FROM_PREVIOUS, AF_EDIT, N_("previous list"),                                             \
	  N_("Take the attendees of the cluster's previous meeting, afresh from the directory"))   \
	/* agenda */                                                                               \
	X(ADD_NOTE, AF_EDIT, N_("note"), N_("Add a note under the selected agenda item"))          \
	/* live note taking (src/tui/screens/live/) */                                                         \
	X(SAVE_NOTE, AF_EDIT, N_("save"), N_("Save the note line as a note of the current item"))  \
	X(SPEAKER, AF_EDIT, N_("speaker"), N_("Choose the speaker (type to find a person or unit)")) \
	X(KIND, AF_EDIT, N_("kind"), N_("Next note kind: statement, report, question, answer, proposal, decision")) \
	X(PREV_ITEM, 0, N_("prev item"), N_("Go back to the previous agenda item"))                \
	X(NEXT_ITEM, 0, N_("next item"), N_("Go to the next agenda item (stamps its start)"))      \
	X(PROPOSAL, AF_EDIT, N_("proposal"), N_("Capture a proposal: unit and text"))              \
	X(DIRECTIVE, AF_EDIT, N_("directive"), N_("Capture a directive: text, owner, due date"))   \
	X(START_MEETING, AF_EDIT, N_("start"), N_("Start the meeting: it becomes live, the start is stamped")) \
	X(END_MEETING, AF_EDIT, N_("end"), N_("End the meeting: the end is stamped, it becomes closed")) \
	X(NOTES, 0, N_("notes"), N_("Select an earlier note to correct or delete it"))            \
	/* live captures (src/tui/screens/live/live_outcomes.c, live_speaker.c) */                   \
	X(CONCLUSION, AF_EDIT, N_("conclusion"), N_("Capture a conclusion of the chair (the note line's text)")) \
	X(ANSWER, AF_EDIT, N_("answer"), N_("Answer a proposal (the last raised, or choose one): answer and status")) \
	X(CARRIED, 0, N_("carried"), N_("Results of the items carried over from the previous meeting")) \
	X(PREV_SPEAKER, AF_EDIT, N_("prev speaker"), N_("Go back to the previous speaker"))        \
	X(KIND_PREV, AF_EDIT, N_("kind back"), N_("Previous note kind"))                           \
	X(KIND_STATEMENT, AF_EDIT, N_("statement"), N_("This note is a statement"))                \
	X(KIND_REPORT, AF_EDIT, N_("report"), N_("This note is a report"))                         \
	X(KIND_QUESTION, AF_EDIT, N_("question"), N_("This note is a question"))                   \
	X(KIND_ANSWER, AF_EDIT, N_("answer"), N_("This note is an answer"))                        \
	X(KIND_PROPOSAL, AF_EDIT, N_("proposal"), N_("This note is a proposal (it is also listed with the proposals)")) \
	X(KIND_DECISION, AF_EDIT, N_("decision"), N_("This note is a decision"))                   \
	X(CARRY_DONE, AF_EDIT, N_("done"), N_("The carried item was done"))                        \
	X(CARRY_OPEN, AF_EDIT, N_("not done"), N_("The carried item is not done: it stays open"))  \
	X(CARRY_DROPPED, AF_EDIT, N_("dropped"), N_("The carried item was dropped"))               \
	/* review: approval, follow-up (src/tui/screens/screen_review.c, screen_directives.c) */               \
	X(APPROVE, AF_EDIT, N_("approve"), N_("Approve the minutes: the meeting becomes read-only")) \
	/* REOPEN is not AF_EDIT: it must work on an approved meeting (its opener refuses a \
	 * read-only store itself) */                                                            \
	X(REOPEN, 0, N_("reopen"), N_("Reopen approved minutes, giving a reason for the change log")) \
	X(FOLLOWUP, 0, N_("follow-up"), N_("Directives and proposals carried over from the previous meeting")) \
	X(CARRY, AF_EDIT, N_("carry"), N_("Carry the selected item into this meeting, or take it off")) \
	X(TOGGLE_OPEN, 0, N_("open/all"), N_("Show open directives only, or all of them"))         \
	X(FILTER_UNIT, 0, N_("unit"), N_("Show one unit's directives only (or all)"))              \
	X(FILTER_SPEAKER, 0, N_("speaker"), N_("Only what a speaker or unit said (or all)"))       \
	X(FILTER_KIND, 0, N_("kind"), N_("Only one kind of hit: a kind of note, agenda items, "     \
					 "proposals, answers, conclusions or directives (or all)"))  \
	X(SAVE_FILE, 0, N_("save"), N_("Save the change log to a file"))                           \
	/* text editor (shown in help while a field is being edited) */                            \
	X(CONFIRM, 0, N_("save"), N_("Save the field (Enter, Tab or leaving it saves)"))           \
	X(NEXT_FIELD, 0, N_("next field"),                                                         \
	  N_("Save, then the next field (in a question: save, like Enter)"))                      \
	X(PREV_FIELD, 0, N_("previous field"), N_("Save, then the previous field"))               \
	X(NEWLINE, 0, N_("new line"), N_("Line break in a multi-line field"))

enum action {
#define BB_ACTION_ENUM(id, flags, label, help) ACT_##id,
	BB_ACTIONS(BB_ACTION_ENUM)
#undef BB_ACTION_ENUM
	    ACT__COUNT
};

struct action_info {
	const char *name;  /* "NEW_MEETING" */
	int flags;	   /* AF_* */
	const char *label; /* untranslated short label for the key line */
	const char *help;  /* untranslated help sentence */
};
/* Indexed by enum action. */
extern const struct action_info actions[ACT__COUNT];

/* Function keys the terminal database may not name (Ctrl-Left/Right are
 * extended capabilities, missing from screen/tmux entries): the input
 * loop (ui_loop.c) turns their sequences into these codes, with fn = 1.
 * Far above ncurses' own codes (KEY_MAX and the extended keys after it). */
#define BB_KEY_CTRL_LEFT 0x4000
#define BB_KEY_CTRL_RIGHT 0x4001

/* A key: fn is 1 for a curses function key (code is KEY_*), 0 for a
 * character (code is its Unicode value; control keys are 1..31). */
struct keybind {
	int fn;
	int code;
	enum action act;
};

/* A screen's keymap. Lookup tries binds, then parent, and so on. bar
 * lists the actions shown in the bottom key line, in order. */
struct keymap {
	const char *name;  /* "home", "meeting.agenda", ...: README and tests */
	const char *title; /* N_("Meetings"): heading in the help screen */
	const struct keybind *binds;
	size_t n_binds;
	const struct keymap *parent;
	const enum action *bar;
	size_t n_bar;
};

/* Declare a keymap from two static arrays: KEYMAP(name, title, binds, bar,
 * parent) with binds a struct keybind[] and bar an enum action[]. */
#define KEYMAP(cname, title, binds, bar, parent)                                                   \
	{                                                                                          \
		cname, title, binds, sizeof(binds) / sizeof((binds)[0]), parent, bar,              \
		    sizeof(bar) / sizeof((bar)[0])                                                 \
	}
/* Shorthands for keybind tables. */
#define KCH(c, a)                                                                                  \
	{                                                                                          \
		0, (c), (a)                                                                        \
	}
#define KFN(k, a)                                                                                  \
	{                                                                                          \
		1, (k), (a)                                                                        \
	}
#define KCTRL(c) ((c)&0x1f)
/* Alt (Meta) and a digit, as terminals send it (ESC then the digit):
 * a function key of our own, defined with define_key() by the screen that
 * binds it (keys_name calls it "Alt-1"). Far above KEY_MAX: ncurses gives
 * the codes just above it to the terminal's extended keys (kUP5...). */
#define KEY_ALT_DIGIT(d) (KEY_MAX + 1024 + (d))

/* The generic keymap every chain ends in: arrows and j/k, PgUp/PgDn,
 * Home/End, Enter, Esc, q, ?, F1, Tab, ^L, / (search) and friends. */
extern const struct keymap keymap_generic;

/* The action bound to a key in km's chain, or ACT_NONE. */
enum action keymap_lookup(const struct keymap *km, int fn, int code);
/* The first key in km's chain bound to act, named into buf ("Enter",
 * "^L", "F1", "a", "Shift-Tab"); "" if none. Returns buf. */
const char *keymap_key_for(const struct keymap *km, enum action act, char *buf, size_t size);
/* Name a key into buf as keymap_key_for does. Returns buf. */
const char *keys_name(int fn, int code, char *buf, size_t size);
/* Every key bound in km's chain for act, joined with "/" ("Up/k"). */
const char *keymap_keys_for(const struct keymap *km, enum action act, char *buf, size_t size);

/* The translated label and help text of an action. */
const char *action_label(enum action a);
const char *action_help(enum action a);

#endif
