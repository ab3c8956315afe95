/* ui_registry.c - where screens plug into the interface: the screens the
 * framework opens itself, the global keys that open a screen, the meeting
 * screen's actions and tabs, and the list of keymaps for the README. The
 * only framework file that names screens: a new screen adds its line
 * here (registry.h, screens.h). */
#include <stddef.h>

#include "editor.h"
#include "screens.h"

static int meeting_first_tab(struct ui *ui, int64_t meeting)
{
	return screen_meeting_open(ui, meeting, NULL, MR_NONE, 0);
}

extern const struct keymap keymap_live; /* live/live.c */

const struct ui_screens ui_screens = {
    .home = screen_home_open,
    .meeting = meeting_first_tab,
    .live = screen_live_open, /* issue 4: live note taking */
    .live_keys = &keymap_live,
};

/* One line per screen (clang-format would pack them). */
/* clang-format off */
const struct ui_global ui_globals[] = {
    {ACT_HELP, screen_help_open},
    {ACT_CLUSTERS, screen_clusters_open},
    {ACT_SEARCH, screen_search_open},
    {ACT_DIRECTIVES, screen_directives_open},
    {ACT_SETTINGS, screen_settings_open},
    {ACT_NONE, NULL},
};

const struct ui_meeting_action ui_meeting_actions[] = {
    {ACT_LIVE, screen_live_open}, /* issue 4: live note taking */
    {ACT_CHANGELOG, screen_changelog_open},
    {ACT_APPROVE, screen_approve_open},
    {ACT_REOPEN, screen_reopen_open},
    {ACT_FOLLOWUP, screen_followup_open},
    {ACT_EXPORT, screen_export_open},
    {ACT_NONE, NULL},
};

const struct meeting_tab_ops *const meeting_tabs[] = {
    &tab_overview,
    &tab_attendees,
    &tab_agenda,
    &tab_proposals,
    &tab_conclusions,
    &tab_preview,
    NULL,
};
/* clang-format on */

extern const struct keymap keymap_home, keymap_clusters, keymap_form, keymap_picker,
    keymap_overview, keymap_attendees, keymap_agenda, keymap_proposals, keymap_conclusions;
extern const struct keymap keymap_live, keymap_live_notes; /* live/live.c */
extern const struct keymap keymap_preview;		   /* screen_preview.c */
extern const struct keymap keymap_search, keymap_directives, keymap_changelog,
    keymap_followup; /* screen_search.c, screen_directives.c, screen_review.c */

const struct keymap *const ui_keymaps[] = {
    &keymap_generic, &keymap_home,	 &keymap_meeting,     &keymap_overview,	  &keymap_attendees,
    &keymap_agenda,  &keymap_proposals,	 &keymap_conclusions, &keymap_clusters,	  &keymap_form,
    &keymap_picker,  &keymap_editor,	 &keymap_live,	      &keymap_live_notes, &keymap_preview,
    &keymap_search,  &keymap_directives, &keymap_changelog,   &keymap_followup,	  NULL,
};
