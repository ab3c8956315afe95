/* ui_names.c - translated display names of the model's values, and the
 * display form of ISO times. */
#include <stdio.h>
#include <string.h>

#include "ui.h"

/* ==== display names ==== */

const char *ui_status_name(enum meeting_status s)
{
	static const char *const n[] = {NC_("value", "draft"), NC_("value", "live"),
					NC_("value", "closed"), NC_("value", "approved")};
	/* Looked up once each: every row of the home list names one, and
	 * the catalogue does not change while the program runs. */
	static const char *said[BB_ARRAY_LEN(n)];
	if ((unsigned)s >= BB_ARRAY_LEN(n))
		return "?";
	if (!said[s])
		said[s] = C_(n[s]);
	return said[s];
}

const char *ui_role_name(enum role r)
{
	static const char *const n[] = {NC_("value", "chair"), NC_("value", "secretary"),
					NC_("value", "delegate"), NC_("value", "guest"),
					NC_("value", "reporter")};
	return (unsigned)r < BB_ARRAY_LEN(n) ? C_(n[r]) : "?";
}

const char *ui_presence_name(enum presence p)
{
	static const char *const n[] = {NC_("value", "present"), NC_("value", "late"),
					NC_("value", "excused"), NC_("value", "absent")};
	return (unsigned)p < BB_ARRAY_LEN(n) ? C_(n[p]) : "?";
}

const char *ui_task_status_name(enum task_status s)
{
	static const char *const n[] = {NC_("value", "open"), NC_("value", "done"),
					NC_("value", "dropped")};
	return (unsigned)s < BB_ARRAY_LEN(n) ? C_(n[s]) : "?";
}

const char *ui_note_kind_name(enum note_kind k)
{
	static const char *const n[] = {NC_("value", "statement"), NC_("value", "report"),
					NC_("value", "question"),  NC_("value", "answer"),
					NC_("value", "proposal"),  NC_("value", "decision")};
	return (unsigned)k < BB_ARRAY_LEN(n) ? C_(n[k]) : "?";
}

const char *ui_item_kind_name(enum item_kind k)
{
	static const char *const n[] = {NC_("item kind", "from the title"),
					NC_("item kind", "regular"), NC_("item kind", "reports"),
					NC_("item kind", "conclusions")};
	return (unsigned)k < BB_ARRAY_LEN(n) ? C_(n[k]) : "?";
}

const char *ui_time(const char *iso, char *buf, size_t size)
{
	int y, mo, d, h, mi;
	char tail;
	if (!iso) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	/* The store's own form, "2023-04-12T08:00" or "2023-04-12": moved
	 * into place (every row of the home list has one); anything else
	 * read as before. */
	size_t n = strlen(iso);
	int digits = 1;
	static const unsigned char at[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15};
	for (size_t i = 0; i < (n == 16 ? 12u : 8u) && (n == 16 || n == 10); i++)
		digits &= iso[at[i]] >= '0' && iso[at[i]] <= '9';
	if ((n == 16 || n == 10) && digits && iso[4] == '-' && iso[7] == '-' &&
	    (n == 10 || (iso[10] == 'T' && iso[13] == ':')) && size > n) {
		char out[17] = {iso[8], iso[9], '/', iso[5], iso[6], '/', iso[0], iso[1], iso[2],
				iso[3]};
		if (n == 16) {
			out[10] = ' ';
			memcpy(out + 11, iso + 11, 5);
		}
		memcpy(buf, out, n);
		buf[n] = '\0';
		return buf;
	}
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) == 5)
		snprintf(buf, size, "%02d/%02d/%04d %02d:%02d", d, mo, y, h, mi);
	else if (sscanf(iso, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3)
		snprintf(buf, size, "%02d/%02d/%04d", d, mo, y);
	else
		snprintf(buf, size, "%s", iso);
	return buf;
}
