/* i18n.c - the locale and the message catalogue, with the fallback to
 * C.UTF-8 for servers that lack the client's locale. */
#include <langinfo.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static int is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* The locale name the environment asks for messages, POSIX order. */
static const char *env_messages_locale(void)
{
	const char *v = getenv("LC_ALL");
	if (v && *v)
		return v;
	v = getenv("LC_MESSAGES");
	if (v && *v)
		return v;
	v = getenv("LANG");
	return v && *v ? v : NULL;
}

/* A program run from its build tree (./build/bienban, as the README's
 * quick start does) finds the catalogues ninja compiled next to it in
 * po/, when none are installed: then LANGUAGE=vi works before installing.
 * Allocated directory, or NULL to use LOCALEDIR. */
static char *build_tree_catalogues(void)
{
	static const char mo[] = "/vi/LC_MESSAGES/bienban.mo";
	char *installed = xasprintf("%s%s", LOCALEDIR, mo);
	int have = access(installed, R_OK) == 0;
	free(installed);
	if (have)
		return NULL;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *dir = xasprintf("%s/po", dirname(exe));
	char *probe = xasprintf("%s%s", dir, mo);
	have = access(probe, R_OK) == 0;
	free(probe);
	if (have)
		return dir;
	free(dir);
	return NULL;
}

int i18n_init(void)
{
	const char *asked = env_messages_locale();
	/* Only the two categories bienban uses: the character set (UTF-8,
	 * for ncursesw and the width of text) and the messages' language.
	 * Times, numbers and collation never follow the locale (dates are
	 * written by hand, names sort by ICU, machine output stays "C"), and
	 * each category more is a file glibc opens at every start (twelve
	 * of them with LC_ALL where there is no locale archive). */
	const char *got = setlocale(LC_CTYPE, "");
	if (got)
		got = setlocale(LC_MESSAGES, "");
	int fell_back = 0;
	if (!got || !is_utf8()) {
		/* The client's locale is not installed here (or is not UTF-8):
		 * keep Vietnamese text intact with C.UTF-8. */
		const char *c = setlocale(LC_CTYPE, "C.UTF-8") ? "C.UTF-8" : "C.utf8";
		setlocale(LC_CTYPE, c);
		setlocale(LC_MESSAGES, c);
		fell_back = 1;
	}
	/* In C.UTF-8, messages would follow "C" (English). The language the
	 * client asked for is kept through LANGUAGE, which glibc honours in
	 * C.UTF-8 (not in plain "C"). An explicit LANGUAGE always wins. */
	const char *language = getenv("LANGUAGE");
	if (fell_back && (!language || !*language) && asked && strcmp(asked, "C") != 0 &&
	    strcmp(asked, "POSIX") != 0 && strncmp(asked, "C.", 2) != 0) {
		char lang[64];
		size_t n = strcspn(asked, ".@");
		if (n > 0 && n < 32) {
			/* "vi_VN.UTF-8" -> "vi_VN:vi" */
			memcpy(lang, asked, n);
			lang[n] = '\0';
			size_t m = strcspn(lang, "_");
			if (m < n) {
				lang[n] = ':';
				memcpy(lang + n + 1, asked, m);
				lang[n + 1 + m] = '\0';
			}
			setenv("LANGUAGE", lang, 1);
		}
	}
	const char *dir = getenv("BIENBAN_LOCALEDIR");
	char *built = NULL;
	if (!dir || !*dir) {
		dir = LOCALEDIR;
		built = build_tree_catalogues();
		if (built)
			dir = built;
	}
	bindtextdomain("bienban", dir);
	free(built);
	bind_textdomain_codeset("bienban", "UTF-8");
	textdomain("bienban");
	return is_utf8();
}

const char *i18n_language(void)
{
	/* The catalogue's own header entry says which language answered. */
	static const char header[] = ""; /* the catalogue's header entry */
	const char *h = gettext(header);
	const char *l = h ? strstr(h, "Language: ") : NULL;
	if (l && strncmp(l + 10, "vi", 2) == 0)
		return "vi";
	return "en";
}

const char *i18n_context(const char *marked)
{
	const char *t = gettext(marked);
	if (t == marked) {
		const char *eot = strchr(marked, '\004');
		return eot ? eot + 1 : marked;
	}
	return t;
}
