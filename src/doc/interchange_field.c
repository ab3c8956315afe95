/* interchange_field.c - reading one field of a bienban/1 document: its
 * type checked, its text valid UTF-8 in NFC, and an error that names its
 * JSON path. */
#include "i18n.h"
#include "interchange_field.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

int ic_fail(char **cause, const char *path, const char *key, const char *fmt, const char *arg)
{
	char *msg = xasprintf(fmt, arg ? arg : "");
	if (key)
		set_cause(cause, "%s%s%s: %s", path, *path ? "." : "", key, msg);
	else
		set_cause(cause, "%s: %s", *path ? path : "document", msg);
	free(msg);
	return -1;
}

void ic_warn_unknown(json_t *obj, const char *path, const char *const *known,
		     struct strbuf *warnings)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		int ok = 0;
		for (size_t i = 0; known[i]; i++)
			if (strcmp(known[i], key) == 0)
				ok = 1;
		if (!ok && warnings) {
			char *vis = text_quote(key);
			strbuf_addf(warnings, _("%s%s%s: unknown field ignored\n"), path,
				    *path ? "." : "", vis);
			free(vis);
		}
	}
}

/* Where ic_get_str says that it removed control characters (one parse at
 * a time: interchange_parse sets it for its length). */
static struct strbuf *controls_warnings;

void ic_set_warnings(struct strbuf *warnings)
{
	controls_warnings = warnings;
}

/* Whether strings are normalised here (1) or left to the store, which
 * normalises everything it writes (0: the streaming import, so that text
 * is normalised once). jansson hands out valid UTF-8 either way. */
static int nfc_here = 1;

void ic_set_nfc(int on)
{
	nfc_here = on;
}

int ic_text(const char *in, char **out, char **why)
{
	if (nfc_here)
		return text_nfc(in, out, why);
	*out = xstrdup(in);
	return 0;
}

/* Stored text holds no control character other than newline: a
 * document carries none and check reports them, so import removes them
 * (an escape sequence whole) and says where. */
static void strip_controls(char **s, const char *path, const char *key)
{
	if (!*s || !text_has_controls(*s))
		return;
	char *c = text_strip_controls(*s, 1);
	free(*s);
	*s = c;
	if (controls_warnings)
		strbuf_addf(controls_warnings, _("%s%s%s: control characters removed\n"), path,
			    key && *path ? "." : "", key ? key : "");
}

/* Read an optional (or required) string member as NFC. */
int ic_get_str(json_t *obj, const char *key, const char *path, enum str_check check, char **out,
	       char **cause)
{
	*out = NULL;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (check == S_REQUIRED)
			return ic_fail(cause, path, key, _("required field is missing%s"), NULL);
		return 0;
	}
	if (!json_is_string(v))
		return ic_fail(cause, path, key, _("expected a string%s"), NULL);
	char *why = NULL;
	if (ic_text(json_string_value(v), out, &why) < 0) {
		ic_fail(cause, path, key, "%s", why);
		free(why);
		return -1;
	}
	strip_controls(out, path, key);
	if (check == S_REQUIRED && str_empty(text_trim(*out)))
		return ic_fail(cause, path, key, _("must not be empty%s"), NULL);
	if ((check == S_TIME && !iso_time_valid(*out)) ||
	    (check == S_DATE && !iso_date_valid(*out))) {
		char *vis = text_quote(*out);
		ic_fail(cause, path, key,
			check == S_TIME ? _("\"%s\" is not a time like 2023-04-12T08:00")
					: _("\"%s\" is not a date like 2023-06-30"),
			vis);
		free(vis);
		return -1;
	}
	return 0;
}

/* Read an optional boolean member; absent or null gives 0. */
int ic_get_bool(json_t *obj, const char *key, const char *path, int *out, char **cause)
{
	*out = 0;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return ic_fail(cause, path, key, _("expected true or false%s"), NULL);
	*out = json_is_true(v);
	return 0;
}

/* Read an enum member; absent or null gives def. */
int ic_get_enum(json_t *obj, const char *key, const char *path, int (*parse)(const char *),
		const char *expected, int def, int *out, char **cause)
{
	*out = def;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return ic_fail(cause, path, key, _("expected a string%s"), NULL);
	int r = parse(json_string_value(v));
	if (r < 0) {
		char *vis = text_quote(json_string_value(v));
		char *msg = xasprintf(_("unknown value \"%s\" (expected %s)"), vis, expected);
		ic_fail(cause, path, key, "%s", msg);
		free(msg);
		free(vis);
		return -1;
	}
	*out = r;
	return 0;
}

json_t *ic_get_array(json_t *obj, const char *key, const char *path, char **cause, int *err)
{
	*err = 0;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_array(v)) {
		*err = ic_fail(cause, path, key, _("expected an array%s"), NULL);
		return NULL;
	}
	return v;
}

int ic_get_strv(json_t *obj, const char *key, const char *path, char ***out, size_t *n,
		char **cause)
{
	*out = NULL;
	*n = 0;
	int err;
	json_t *arr = ic_get_array(obj, key, path, cause, &err);
	if (err)
		return -1;
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof sub, "%s%s%s[%zu]", path, *path ? "." : "", key, i);
		if (!json_is_string(v))
			return ic_fail(cause, sub, NULL, _("expected a string%s"), NULL);
		char *s = NULL, *why = NULL;
		if (ic_text(json_string_value(v), &s, &why) < 0) {
			ic_fail(cause, sub, NULL, "%s", why);
			free(why);
			return -1;
		}
		strip_controls(&s, sub, NULL);
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = s;
	}
	return 0;
}

int ic_expect_object(json_t *v, const char *path, char **cause)
{
	return json_is_object(v) ? 0 : ic_fail(cause, path, NULL, _("expected an object%s"), NULL);
}

int ic_get_cluster_number(json_t *obj, const char *key, const char *path, int required, int *out,
			  char **cause)
{
	*out = 0;
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return required ? ic_fail(cause, path, key, _("required field is missing%s"), NULL)
				: 0;
	if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 9999)
		return ic_fail(cause, path, key, _("expected a cluster number from 1 to 9999%s"),
			       NULL);
	*out = (int)json_integer_value(v);
	return 0;
}
