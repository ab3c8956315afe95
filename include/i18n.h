/* i18n.h - gettext for the interface: _() translates, N_() marks a string
 * for translation where it is declared (key tables) and _() translates it
 * where it is shown. English is in the source; po/vi.po is Vietnamese. */
#ifndef BB_I18N_H
#define BB_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* A string with a context, for words that translate differently in
 * different places ("open" the key, "open" the status): mark with
 * NC_("value", "open"), show with C_(marked). */
#define NC_(ctx, s) ctx "\004" s
#define C_(marked) i18n_context(marked)

/* gettext of a NC_() string; untranslated, the part after the context. */
const char *i18n_context(const char *marked);

/* Set the locale from the environment and open the message catalogue.
 * When the client's locale is not installed (setlocale fails) or is not
 * UTF-8, falls back to C.UTF-8 so Vietnamese still displays, and keeps the
 * language the environment asked for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)
 * for messages. Catalogues are looked up in $BIENBAN_LOCALEDIR (the build
 * tree's po/ directory, for tests) or else LOCALEDIR. Returns 1 if the
 * character set is UTF-8 after all this, else 0. */
int i18n_init(void);

/* The language messages are shown in: "vi" or "en". */
const char *i18n_language(void);

#endif
