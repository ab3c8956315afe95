/* screen_settings.c - the organisation settings behind the exported
 * documents (the *settings* of formats/bien-ban.md), as a form: each field
 * is stored when confirmed; an empty field brings the default back. */
#include <stdlib.h>
#include <string.h>

#include "screens.h"
#include "text.h"

enum {
	SF_ISSUER,
	SF_SUPERIOR,
	SF_PLACE,
	SF_SYMBOL,
	SF_RECIPIENTS,
	SF_SIGNER_FOR,
	SF_SIGNER_TITLE,
	SF_SIGNER_NAME,
	SF_BODY_ORG,
};

static const struct form_field settings_fields[] = {
    {N_("Issuing body"), FK_MULTILINE, SF_ISSUER, 0, NULL,
     N_("one line each, e.g. BCH ĐOÀN TỈNH BÌNH ĐỊNH")},
    {N_("Superior body"), FK_TEXT, SF_SUPERIOR, 0, NULL, N_("ĐOÀN TNCS HỒ CHÍ MINH")},
    {N_("Place (dateline)"), FK_TEXT, SF_PLACE, 0, NULL, N_("e.g. Bình Định")},
    {N_("Document symbol"), FK_TEXT, SF_SYMBOL, 0, NULL, N_("e.g. TĐTN-VP")},
    {N_("Recipients"), FK_MULTILINE, SF_RECIPIENTS, 0, NULL, N_("one line each")},
    {N_("Notice: signing for"), FK_TEXT, SF_SIGNER_FOR, 0, NULL, N_("TL. BAN THƯỜNG VỤ TỈNH ĐOÀN")},
    {N_("Notice: signer's title"), FK_TEXT, SF_SIGNER_TITLE, 0, NULL, N_("CHÁNH VĂN PHÒNG")},
    {N_("Notice: signer's name"), FK_TEXT, SF_SIGNER_NAME, 0, NULL,
     N_("left blank to sign by hand")},
    {N_("Notice: organisation"), FK_TEXT, SF_BODY_ORG, 0, NULL, N_("Ban Thường vụ Tỉnh đoàn")},
};

static char **field_ptr(struct org *o, int key)
{
	switch (key) {
	case SF_SUPERIOR:
		return &o->superior;
	case SF_PLACE:
		return &o->place;
	case SF_SYMBOL:
		return &o->symbol;
	case SF_SIGNER_FOR:
		return &o->notice_signer_for;
	case SF_SIGNER_TITLE:
		return &o->notice_signer_title;
	case SF_SIGNER_NAME:
		return &o->notice_signer_name;
	case SF_BODY_ORG:
		return &o->notice_body_org;
	default:
		return NULL;
	}
}

static char *join(char *const *v, size_t n)
{
	struct strbuf sb = {0};
	strbuf_adds(&sb, "");
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, v[i]);
	}
	return strbuf_detach(&sb);
}

/* Lines of value, trimmed, empty ones left out. */
static char **split(const char *value, size_t *n)
{
	char **v = NULL, *copy = xstrdup(value ? value : ""), *save = NULL;
	*n = 0;
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		text_trim(l);
		if (!*l)
			continue;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrdup(l);
	}
	free(copy);
	return v;
}

static char *settings_get(struct ui *ui, void *ctx, int key)
{
	struct org o;
	char *v = NULL;
	if (store_org_get(ui_store(ui), &o, NULL) < 0)
		return NULL;
	if (key == SF_ISSUER)
		v = join(o.issuer, o.n_issuer);
	else if (key == SF_RECIPIENTS)
		v = join(o.recipients, o.n_recipients);
	else if (field_ptr(&o, key))
		v = xstrdup(*field_ptr(&o, key));
	org_free(&o);
	return v;
}

static int settings_set(struct ui *ui, void *ctx, int key, const char *value, char **cause)
{
	struct org o;
	if (store_org_get(ui_store(ui), &o, cause) < 0)
		return -1;
	char *v = text_trim(xstrdup(value ? value : ""));
	if (key == SF_ISSUER || key == SF_RECIPIENTS) {
		char ***vec = key == SF_ISSUER ? &o.issuer : &o.recipients;
		size_t *n = key == SF_ISSUER ? &o.n_issuer : &o.n_recipients;
		for (size_t i = 0; i < *n; i++)
			free((*vec)[i]);
		free(*vec);
		*vec = split(v, n);
		/* Emptied: the issuer stays empty on purpose; the recipients
		 * come back to the default list, as every other field does (an
		 * interchange file's "recipients": [] still asks for the dotted
		 * line to write in). */
		if (!*vec && key == SF_ISSUER)
			*vec = xcalloc(1, sizeof **vec);
	} else if (field_ptr(&o, key)) {
		char **f = field_ptr(&o, key);
		free(*f);
		*f = *v ? xstrdup(v) : NULL; /* empty: the default comes back */
	}
	free(v);
	int rc = store_org_set(ui_store(ui), &o, cause);
	org_free(&o);
	return rc;
}

static int64_t settings_meeting(void *ctx)
{
	return 0;
}

static const struct form_ops settings_ops = {
    .get = settings_get,
    .set = settings_set,
    .meeting = settings_meeting,
};

int screen_settings_open(struct ui *ui)
{
	return screen_form_open(ui, _("Organisation settings (exported documents)"),
				settings_fields, BB_ARRAY_LEN(settings_fields), &settings_ops,
				NULL);
}
