/* store_settings.c - the settings table: the organisation's names, the
 * recipients and signer of the notices. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "util.h"

/* ==== organisation settings ==== */

static char *setting(struct store *s, const char *key)
{
	sqlite3_stmt *st = db_prep(s, "SELECT value FROM settings WHERE key = ?1", NULL);
	if (!st)
		return NULL;
	db_bind_text(st, 1, key);
	char *v = NULL;
	if (db_row(s, st, NULL) == 1) {
		v = db_col_text(st, 0);
		sqlite3_reset(st);
	}
	return v;
}

static char *setting_or(struct store *s, const char *key, const char *def)
{
	char *v = setting(s, key);
	return v ? v : xstrdup(def);
}

/* Split a newline-separated list into an allocated vector. */
static char **split_lines(const char *v, size_t *n)
{
	char **out = NULL;
	*n = 0;
	while (v && *v) {
		const char *nl = strchr(v, '\n');
		size_t len = nl ? (size_t)(nl - v) : strlen(v);
		if (len) {
			out = xreallocarray(out, *n + 1, sizeof *out);
			out[(*n)++] = xstrndup(v, len);
		}
		v = nl ? nl + 1 : v + len;
	}
	return out;
}

static char *join_lines(char *const *v, size_t n)
{
	struct strbuf sb = {0};
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, v[i]);
	}
	return strbuf_detach(&sb);
}

int store_org_get(struct store *s, struct org *o, char **cause)
{
	memset(o, 0, sizeof *o);
	char *v = setting_or(s, "issuer", "BCH ĐOÀN TỈNH");
	o->issuer = split_lines(v, &o->n_issuer);
	free(v);
	v = setting_or(s, "recipients", "Thường trực Tỉnh đoàn\nCác đơn vị trong Cụm\nLưu VP");
	o->recipients = split_lines(v, &o->n_recipients);
	if (!o->recipients) /* emptied on purpose: an empty list, not none */
		o->recipients = xcalloc(1, sizeof *o->recipients);
	free(v);
	o->place = setting(s, "place");
	o->symbol = setting_or(s, "symbol", "TĐTN-VP");
	o->superior = setting_or(s, "superior", "ĐOÀN TNCS HỒ CHÍ MINH");
	o->notice_signer_for = setting_or(s, "notice_signer_for", "TL. BAN THƯỜNG VỤ TỈNH ĐOÀN");
	o->notice_signer_title = setting_or(s, "notice_signer_title", "CHÁNH VĂN PHÒNG");
	o->notice_signer_name = setting(s, "notice_signer_name");
	o->notice_body_org = setting_or(s, "notice_body_org", "Ban Thường vụ Tỉnh đoàn");
	(void)cause;
	return 0;
}

static int put_setting(struct store *s, const char *key, const char *value, char **cause)
{
	sqlite3_stmt *st;
	char *nfc = NULL;
	if (!value) {
		st = db_prep(s, "DELETE FROM settings WHERE key = ?1", cause);
		if (!st)
			return -1;
		db_bind_text(st, 1, key);
		return db_done(s, st, cause);
	}
	if (db_text(key, value, &nfc, cause) < 0)
		return -1;
	st = db_prep(s,
		     "INSERT INTO settings(key, value) VALUES (?1, ?2) "
		     "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
		     cause);
	int rc = -1;
	if (st) {
		db_bind_text(st, 1, key);
		db_bind_text(st, 2, nfc);
		rc = db_done(s, st, cause);
	}
	free(nfc);
	return rc;
}

int store_org_set(struct store *s, const struct org *o, char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	char *issuer = join_lines(o->issuer, o->n_issuer);
	/* No list at all: the default; an empty list: emptied on purpose. */
	char *recipients = o->recipients ? join_lines(o->recipients, o->n_recipients) : NULL;
	int rc = put_setting(s, "issuer", issuer, cause);
	if (!rc)
		rc = put_setting(s, "recipients", recipients, cause);
	if (!rc)
		rc = put_setting(s, "place", o->place, cause);
	if (!rc)
		rc = put_setting(s, "symbol", o->symbol, cause);
	if (!rc)
		rc = put_setting(s, "superior", o->superior, cause);
	if (!rc)
		rc = put_setting(s, "notice_signer_for", o->notice_signer_for, cause);
	if (!rc)
		rc = put_setting(s, "notice_signer_title", o->notice_signer_title, cause);
	if (!rc)
		rc = put_setting(s, "notice_signer_name", o->notice_signer_name, cause);
	if (!rc)
		rc = put_setting(s, "notice_body_org", o->notice_body_org, cause);
	free(issuer);
	free(recipients);
	if (rc < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

int store_org_empty(struct store *s)
{
	sqlite3_stmt *st = db_prep(s, "SELECT 1 FROM settings LIMIT 1", NULL);
	if (!st)
		return 1;
	int r = db_row(s, st, NULL);
	sqlite3_reset(st);
	return r != 1;
}
