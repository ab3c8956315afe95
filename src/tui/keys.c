/* keys.c - the action table, key names and keymap lookup; the generic
 * keymap that every screen's chain ends in. */
#include <stdio.h>
#include <string.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "keys.h"
#include "text.h"

const struct action_info actions[ACT__COUNT] = {
#define BB_ACTION_INFO(id, flags, label, help) {#id, flags, label, help},
    BB_ACTIONS(BB_ACTION_INFO)
#undef BB_ACTION_INFO
};

static const struct keybind generic_binds[] = {
    KFN(KEY_UP, ACT_UP),	 KCH('k', ACT_UP),
    KFN(KEY_DOWN, ACT_DOWN),	 KCH('j', ACT_DOWN),
    KFN(KEY_LEFT, ACT_LEFT),	 KFN(KEY_RIGHT, ACT_RIGHT),
    KFN(KEY_PPAGE, ACT_PAGE_UP), KFN(KEY_NPAGE, ACT_PAGE_DOWN),
    KFN(KEY_HOME, ACT_FIRST),	 KCH('g', ACT_FIRST),
    KFN(KEY_END, ACT_LAST),	 KCH('G', ACT_LAST),
    KCH('\t', ACT_NEXT_TAB),	 KFN(KEY_BTAB, ACT_PREV_TAB),
    KCH('\r', ACT_OPEN),	 KCH('\n', ACT_OPEN),
    KFN(KEY_ENTER, ACT_OPEN),	 KCH(27, ACT_BACK),
    KCH('q', ACT_QUIT),		 KCH('?', ACT_HELP),
    KFN(KEY_F(1), ACT_HELP),	 KCH(KCTRL('l'), ACT_REFRESH),
    KCH('/', ACT_SEARCH),	 KCH('O', ACT_DIRECTIVES),
    KCH('S', ACT_SETTINGS),
};
static const enum action generic_bar[] = {ACT_HELP, ACT_QUIT};
const struct keymap keymap_generic =
    KEYMAP("generic", N_("Everywhere"), generic_binds, generic_bar, NULL);

enum action keymap_lookup(const struct keymap *km, int fn, int code)
{
	for (; km; km = km->parent)
		for (size_t i = 0; i < km->n_binds; i++)
			if (km->binds[i].fn == fn && km->binds[i].code == code)
				return km->binds[i].act;
	return ACT_NONE;
}

/* 1 if a nearer keymap in the chain rebinds the key of bind b. */
static int shadowed(const struct keymap *chain, const struct keymap *owner, const struct keybind *b)
{
	for (const struct keymap *km = chain; km && km != owner; km = km->parent)
		for (size_t i = 0; i < km->n_binds; i++)
			if (km->binds[i].fn == b->fn && km->binds[i].code == b->code)
				return 1;
	return 0;
}

const char *keys_name(int fn, int code, char *buf, size_t size)
{
	static const struct {
		int code;
		const char *name;
	} fn_names[] = {
	    /* the arrows as the keys show them and the README writes them:
	     * no English word in the Vietnamese key line ("Right thẻ sau") */
	    {KEY_UP, "\xe2\x86\x91"},	 /* ↑ */
	    {KEY_DOWN, "\xe2\x86\x93"},	 /* ↓ */
	    {KEY_LEFT, "\xe2\x86\x90"},	 /* ← */
	    {KEY_RIGHT, "\xe2\x86\x92"}, /* → */
	    {KEY_PPAGE, "PgUp"},
	    {KEY_NPAGE, "PgDn"},
	    {KEY_HOME, "Home"},
	    {KEY_END, "End"},
	    {KEY_BTAB, "Shift-Tab"},
	    {KEY_ENTER, "Enter"},
	    {KEY_DC, "Del"},
	    {KEY_IC, "Ins"},
	    {KEY_BACKSPACE, "Backspace"},
	    {BB_KEY_CTRL_LEFT, "^\xe2\x86\x90"},  /* ^← */
	    {BB_KEY_CTRL_RIGHT, "^\xe2\x86\x92"}, /* ^→ */
	};
	if (fn) {
		for (size_t i = 0; i < sizeof fn_names / sizeof fn_names[0]; i++)
			if (fn_names[i].code == code) {
				snprintf(buf, size, "%s", fn_names[i].name);
				return buf;
			}
		if (code >= KEY_F(1) && code <= KEY_F(12)) {
			snprintf(buf, size, "F%d", code - KEY_F0);
			return buf;
		}
		/* xterm's Shift-F1..F12 are F13..F24 in terminfo. */
		if (code >= KEY_F(13) && code <= KEY_F(24)) {
			snprintf(buf, size, "Shift-F%d", code - KEY_F0 - 12);
			return buf;
		}
		if (code >= KEY_ALT_DIGIT(0) && code <= KEY_ALT_DIGIT(9)) {
			snprintf(buf, size, "Alt-%d", code - KEY_ALT_DIGIT(0));
			return buf;
		}
		snprintf(buf, size, "key%d", code);
		return buf;
	}
	switch (code) {
	case '\r':
	case '\n':
		snprintf(buf, size, "Enter");
		return buf;
	case '\t':
		snprintf(buf, size, "Tab");
		return buf;
	case 27:
		snprintf(buf, size, "Esc");
		return buf;
	case ' ':
		snprintf(buf, size, "Space");
		return buf;
	case 127:
		snprintf(buf, size, "Backspace");
		return buf;
	}
	if (code > 0 && code < 32) {
		snprintf(buf, size, "^%c", code + '@');
		return buf;
	}
	/* A character: its UTF-8 form. */
	char u[8] = {0};
	wchar_t wc = (wchar_t)code;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t n = wcrtomb(u, wc, &st);
	if (n == (size_t)-1)
		snprintf(buf, size, "U+%04X", (unsigned)code);
	else
		snprintf(buf, size, "%.*s", (int)n, u);
	return buf;
}

const char *keymap_key_for(const struct keymap *chain, enum action act, char *buf, size_t size)
{
	buf[0] = '\0';
	for (const struct keymap *km = chain; km; km = km->parent)
		for (size_t i = 0; i < km->n_binds; i++)
			if (km->binds[i].act == act && !shadowed(chain, km, &km->binds[i]))
				return keys_name(km->binds[i].fn, km->binds[i].code, buf, size);
	return buf;
}

const char *keymap_keys_for(const struct keymap *chain, enum action act, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (const struct keymap *km = chain; km; km = km->parent)
		for (size_t i = 0; i < km->n_binds; i++) {
			const struct keybind *b = &km->binds[i];
			if (b->act != act || shadowed(chain, km, b))
				continue;
			/* Enter is bound as \r, \n and KEY_ENTER: name it once. */
			char name[32];
			keys_name(b->fn, b->code, name, sizeof name);
			int dup = 0;
			for (const char *p = buf; (p = strstr(p, name)) != NULL;
			     p += strlen(name)) {
				size_t e = (size_t)(p - buf) + strlen(name);
				if ((p == buf || p[-1] == '/') && (buf[e] == '/' || buf[e] == '\0'))
					dup = 1;
			}
			if (dup)
				continue;
			int w = snprintf(buf + len, size - len, "%s%s", len ? "/" : "", name);
			if (w < 0 || (size_t)w >= size - len)
				return buf;
			len += (size_t)w;
		}
	return buf;
}

const char *action_label(enum action a)
{
	return actions[a].label[0] ? _(actions[a].label) : "";
}

const char *action_help(enum action a)
{
	return actions[a].help[0] ? _(actions[a].help) : "";
}
