/* ui_names.c - translated display names of the model's values, and the
 * display form of ISO times. */
#include <stdio.h>

#include "ui.h"

/* ==== display names ==== */

const char *ui_status_name(enum meeting_status s)
{
	static const char *const n[] = {NC_("value", "draft"), NC_("value", "live"),
					NC_("value", "closed"), NC_("value", "approved")};
	return (unsigned)s < BB_ARRAY_LEN(n) ? C_(n[s]) : "?";
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
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) == 5)
		snprintf(buf, size, "%02d/%02d/%04d %02d:%02d", d, mo, y, h, mi);
	else if (sscanf(iso, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3)
		snprintf(buf, size, "%02d/%02d/%04d", d, mo, y);
	else
		snprintf(buf, size, "%s", iso);
	return buf;
}
