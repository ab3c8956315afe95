/* doc_notice.c - the notice of conclusions (thông báo kết luận). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "doc_build.h"
#include "text.h"

/* ==== the notice of conclusions ==== */

void dm_add_notice(struct doc *d, const struct meeting *m, const struct org *o,
		   const struct cluster *cl, const struct carry_item *carried, size_t n_carried)
{
	const struct attendee *chair = meeting_role(m, ROLE_CHAIR);
	struct strbuf subject = {0};
	strbuf_adds(&subject, "Kết luận của ");
	{
		struct doc_para tmp;
		dm_para_init(&tmp, DA_LEFT, 0);
		dm_run_person(&tmp, 0, chair ? chair->name : NULL, chair ? chair->title : NULL, 0);
		char *who = doc_para_text(&tmp);
		strbuf_adds(&subject, who);
		free(who);
		dm_para_done(&tmp);
	}
	strbuf_adds(&subject, " tại ");
	dm_add_title(d, "THÔNG BÁO", subject.buf, m);
	strbuf_free(&subject);

	char *body_org = str_empty(o->notice_body_org) ? xstrdup("Ban Thường vụ Tỉnh đoàn")
						       : dm_clean(o->notice_body_org);
	struct doc_para *p = dm_body(d);
	char *date = doc_date_vn(m->starts_at);
	if (date)
		date[0] = 'N'; /* "Ngày 12 tháng 4 năm 2023" starts the sentence */
	dm_runf(p, 0, "%s, tại ", date ? date : "Ngày ...... tháng ...... năm ........");
	free(date);
	/* The place left blank: a name's length of dots, which fits on the
	 * first line after the date (the longer blank of a text did not, and
	 * the justified line was stretched across the page). */
	if (str_empty(m->location))
		dm_run(p, 0, BLANK_NAME);
	else
		dm_run_user_end(p, 0, m->location, "");
	dm_runf(p, 0, ", %s tổ chức ", body_org);
	dm_run_user_end(p, 0, m->title, ". ");
	dm_run_person(p, 0, chair ? chair->name : NULL, chair ? chair->title : NULL, 1);
	dm_run(p, 0, " chủ trì Hội nghị. ");
	struct attendance at;
	dm_count_attendance(m, cl, &at);
	/* "Dự Hội nghị có 7 đại biểu, gồm đại diện Tỉnh đoàn và 4 đơn vị
	 * trong Cụm: A, B, C, D." The host bodies are not units taking part. */
	dm_runf(p, 0, "Dự Hội nghị có %zu đại biểu", at.people);
	/* the host bodies, then those from outside the cluster (a guest's) */
	size_t n_named = at.n_host_units + at.n_other_units;
	if (n_named || at.n_present_units)
		dm_run(p, 0, ", gồm đại diện ");
	for (size_t i = 0; i < n_named; i++) {
		if (i)
			dm_run(p, 0, i + 1 == n_named && !at.n_present_units ? " và " : ", ");
		dm_run_user(p, 0, i < at.n_host_units ? at.host_units[i]
						       : at.other_units[i - at.n_host_units]);
	}
	if (at.n_present_units) {
		if (n_named)
			dm_run(p, 0, " và ");
		dm_runf(p, 0, "%zu đơn vị%s: ", at.n_present_units,
			cl && cl->n_units ? " trong Cụm" : "");
		for (size_t i = 0; i < at.n_present_units; i++) {
			if (i)
				dm_run(p, 0, ", ");
			dm_run_user(p, 0, at.present_units[i]);
		}
	}
	dm_free_attendance(&at);
	dm_run(p, 0, ". Sau khi nghe báo cáo của các đơn vị và ý kiến thảo luận của đại biểu, ");
	dm_run_person(p, 0, chair ? chair->name : NULL, NULL, 0);
	dm_run(p, 0, " kết luận như sau:");

	dm_add_conclusion_list(d, m);
	dm_add_directives(d, m, "Phân công thực hiện:");
	size_t answered = 0;
	for (size_t k = 0; k < m->n_proposals; k++)
		answered += !str_empty(m->proposals[k].answer);
	if (answered) {
		dm_label_line(d, "Trả lời kiến nghị, đề xuất của các đơn vị:")->keep_next = 1;
		for (size_t k = 0; k < m->n_proposals; k++)
			if (!str_empty(m->proposals[k].answer))
				dm_add_proposal(d, &m->proposals[k], 1, 1);
	}
	p = dm_closing(d);
	dm_runf(p, 0, "%s thông báo để các đơn vị biết, thực hiện./.", body_org);
	free(body_org);
	dm_add_notice_signatures(d, m, o);
}
