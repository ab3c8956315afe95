/* gen_store.c - build a realistic bienban store of ten years for a large
 * organisation, for the review benchmark: 2015-2024, four quarters, 50
 * clusters, 5 meetings per cluster and quarter (10,000 meetings), each with
 * agenda items, ~100 notes of Vietnamese text (1,000,000 notes in all),
 * attendees, proposals, conclusions and directives. Words are drawn from a
 * vocabulary with Zipf weights, so "Đoàn" is common, and a few rare words
 * are sprinkled in (about 25 notes each).
 *
 * Usage: gen_store OUT.db [MEETINGS_PER_CLUSTER_AND_QUARTER]
 * Deterministic (fixed seed). Goes through the real schema and triggers
 * (the FTS index is built as bienban builds it); bench-only direct SQL. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "store.h"
#include "util.h"

#define YEARS 10
#define FIRST_YEAR 2015
#define CLUSTERS 50
#define UNITS_PER_CLUSTER 8

static const char *const vocab[] = {
    "Đoàn",
    "công tác",
    "thanh niên",
    "đoàn viên",
    "phong trào",
    "tổ chức",
    "cơ sở",
    "triển khai",
    "kết quả",
    "hoạt động",
    "Hội",
    "Đội",
    "thiếu nhi",
    "tình nguyện",
    "huyện đoàn",
    "chi đoàn",
    "các",
    "và",
    "trong",
    "của",
    "đã",
    "được",
    "với",
    "cho",
    "năm",
    "quý",
    "tháng",
    "nhiệm vụ",
    "kế hoạch",
    "báo cáo",
    "đề nghị",
    "hỗ trợ",
    "kinh phí",
    "tuyên truyền",
    "giáo dục",
    "chính trị",
    "tư tưởng",
    "đạo đức",
    "lối sống",
    "khởi nghiệp",
    "lập nghiệp",
    "việc làm",
    "học sinh",
    "sinh viên",
    "trường học",
    "mùa hè xanh",
    "hiến máu",
    "nhân đạo",
    "an sinh",
    "xã hội",
    "chuyển đổi số",
    "kỹ năng",
    "văn hóa",
    "thể thao",
    "an ninh",
    "quốc phòng",
    "tòng quân",
    "hội trại",
    "nông thôn mới",
    "môi trường",
    "cây xanh",
    "đường",
    "sáng",
    "xanh",
    "sạch",
    "đẹp",
    "gia đình",
    "trẻ em",
    "khó khăn",
    "học bổng",
    "quà",
    "tặng",
    "trao",
    "nhà",
    "nhân ái",
    "cán bộ",
    "bồi dưỡng",
    "tập huấn",
    "quy hoạch",
    "nhân sự",
    "kết nạp",
    "đảng viên",
    "đoàn phí",
    "sinh hoạt",
    "định kỳ",
    "chất lượng",
    "hiệu quả",
    "đánh giá",
    "xếp loại",
    "thi đua",
    "khen thưởng",
    "biểu dương",
    "tập thể",
    "cá nhân",
    "xuất sắc",
    "tiêu biểu",
    "điển hình",
    "gương",
    "người tốt",
    "việc tốt",
    "đồng chí",
    "Bí thư",
    "Phó Bí thư",
    "Ban Thường vụ",
    "Ban Chấp hành",
    "Tỉnh đoàn",
    "Thành đoàn",
    "thị đoàn",
    "Đoàn Khối",
    "doanh nghiệp",
    "lực lượng vũ trang",
    "công an",
    "quân sự",
    "y tế",
    "giáo viên",
    "nông dân",
    "công nhân",
    "lao động",
    "xuất khẩu",
    "du lịch",
    "biển",
    "đảo",
    "miền núi",
    "dân tộc",
    "thiểu số",
    "vùng sâu",
    "vùng xa",
    "khắc phục",
    "hạn chế",
    "tồn tại",
    "nguyên nhân",
    "giải pháp",
    "tăng cường",
    "đẩy mạnh",
    "phối hợp",
    "chỉ đạo",
    "hướng dẫn",
    "kiểm tra",
    "giám sát",
    "đôn đốc",
    "thực hiện",
    "chỉ tiêu",
    "vượt",
    "đạt",
    "chưa đạt",
    "so với",
    "cùng kỳ",
    "dự kiến",
    "trọng tâm",
    "tiếp tục",
    "phát huy",
    "sáng tạo",
    "đổi mới",
    "nội dung",
    "phương thức",
    "mạng xã hội",
    "thông tin",
    "dư luận",
    "nắm bắt",
    "kịp thời",
    "định hướng",
    "phản bác",
    "quan điểm",
    "sai trái",
    "thù địch",
    "pháp luật",
    "an toàn giao thông",
    "ma túy",
    "tệ nạn",
    "phòng chống",
    "thiên tai",
    "bão lũ",
    "cứu trợ",
    "khẩn cấp",
    "ứng phó",
    "dịch bệnh",
};

/* Words that appear in about 25 notes each (searched as "a rare word"). */
static const char *const rare[] = {"khủng", "xiếc",  "diều",  "ngầm", "pháo",
				   "lân",   "robot", "drone", "kính", "yoga"};

static const char *const places[] = {
    "Tuy Phước", "An Nhơn",    "Phù Cát",   "Phù Mỹ",	 "Hoài Nhơn", "Hoài Ân",   "Tây Sơn",
    "Vân Canh",	 "Vĩnh Thạnh", "An Lão",    "Quy Nhơn",	 "Sơn Tịnh",  "Bình Sơn",  "Đức Phổ",
    "Mộ Đức",	 "Nghĩa Hành", "Ba Tơ",	    "Minh Long", "Trà Bồng",  "Sơn Hà",	   "Tư Nghĩa",
    "Lý Sơn",	 "Kon Plông",  "Đắk Hà",    "Sa Thầy",	 "Ngọc Hồi",  "Đắk Glei",  "Tu Mơ Rông",
    "Ia H'Drai", "Đắk Tô",     "Chư Sê",    "Chư Prông", "Ia Grai",   "Đức Cơ",	   "Mang Yang",
    "Kbang",	 "Kông Chro",  "Đak Pơ",    "Ia Pa",	 "Krông Pa",  "Phú Thiện", "Chư Păh",
    "Đồng Xuân", "Sơn Hòa",    "Sông Hinh", "Tây Hòa",	 "Phú Hòa",   "Đông Hòa",  "Tuy An",
    "Sông Cầu",
};

static const char *const people[] = {
    "Hà Duy Trung",	"Nguyễn Thành Trung", "Huỳnh Thị Thanh Nguyệt", "Phạm Hồng Hiệp",
    "Trần Văn Phúc",	"Lê Thị Mỹ Hạnh",     "Võ Minh Tuấn",		"Đặng Quốc Bảo",
    "Bùi Thị Ngọc Ánh", "Đỗ Văn Khánh",	      "Ngô Thị Thu Trang",	"Phan Anh Dũng",
    "Trương Công Định", "Lý Thị Kim Oanh",    "Hồ Sĩ Nguyên",		"Dương Thị Bích Ngọc",
    "Vũ Đức Thắng",	"Tạ Quang Vinh",      "Châu Thị Hồng Nhung",	"Mai Xuân Lộc",
};

static const char *const items[] = {
    "Đánh giá kết quả công tác Đoàn, Hội, Đội",
    "Báo cáo của các đơn vị trong Cụm",
    "Thảo luận, kiến nghị, đề xuất",
    "Triển khai nhiệm vụ trọng tâm",
    "Giải đáp kiến nghị của các đơn vị",
    "Kết luận của đồng chí chủ trì",
};

static const char *const roman[] = {"I", "II", "III", "IV"};
static const char *const kinds[] = {"statement", "report",   "report",	"question",
				    "answer",	 "proposal", "decision"};

/* ---- random numbers ---- */

static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned long long rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int rnd_int(int n)
{
	return (int)(rnd() % (unsigned long long)n);
}

static double cum[BB_ARRAY_LEN(vocab)];

static void zipf_init(void)
{
	double total = 0;
	for (size_t i = 0; i < BB_ARRAY_LEN(vocab); i++)
		cum[i] = (total += 1.0 / pow((double)i + 2.0, 1.05));
	for (size_t i = 0; i < BB_ARRAY_LEN(vocab); i++)
		cum[i] /= total;
}

static const char *word(void)
{
	double u = (double)(rnd() >> 11) / 9007199254740992.0;
	size_t lo = 0, hi = BB_ARRAY_LEN(vocab) - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cum[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return vocab[lo];
}

/* A sentence of lo..hi vocabulary entries, punctuated. */
static void sentence(struct strbuf *sb, int lo, int hi, double rare_p)
{
	strbuf_reset(sb);
	int n = lo + rnd_int(hi - lo + 1);
	for (int i = 0; i < n; i++) {
		if (i)
			strbuf_adds(sb, i % 9 == 0 ? ", " : " ");
		strbuf_adds(sb, word());
	}
	if (rare_p > 0 && (double)(rnd() >> 11) / 9007199254740992.0 < rare_p) {
		strbuf_adds(sb, " ");
		/* round robin: the next random number is correlated with
		 * the one that chose to add a rare word */
		static size_t next;
		strbuf_adds(sb, rare[next++ % BB_ARRAY_LEN(rare)]);
	}
	strbuf_adds(sb, ".");
}

/* ---- SQL (bench only: straight to the connection) ---- */

static sqlite3_stmt *prep(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "gen_store: %s: %s\n", sql, sqlite3_errmsg(s->db));
		exit(1);
	}
	return st;
}

static void run(struct store *s, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "gen_store: %s\n", sqlite3_errmsg(s->db));
		exit(1);
	}
	sqlite3_reset(st);
}

static void exec(struct store *s, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "gen_store: %s: %s\n", sql, err);
		exit(1);
	}
}

static void text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen_store OUT.db [MEETINGS_PER_CLUSTER_AND_QUARTER]\n");
		return 2;
	}
	int per = argc == 3 ? atoi(argv[2]) : 5;
	if (per < 1)
		per = 1;
	if (access(argv[1], F_OK) == 0) {
		fprintf(stderr, "gen_store: %s exists; remove it first\n", argv[1]);
		return 1;
	}
	struct store *s;
	char *cause = NULL;
	if (store_open(&s, argv[1], STORE_CREATE, &cause) < 0) {
		fprintf(stderr, "gen_store: %s\n", cause);
		return 1;
	}
	zipf_init();
	exec(s, "PRAGMA synchronous = OFF; PRAGMA cache_size = -200000");
	long long t0 = now_ms();

	sqlite3_stmt *ins_cluster =
	    prep(s, "INSERT INTO clusters(id, number, name) VALUES (?1, ?1, ?2)");
	sqlite3_stmt *ins_unit =
	    prep(s, "INSERT INTO units(name, cluster_id, position) VALUES (?1, ?2, ?3)");
	sqlite3_stmt *ins_conf =
	    prep(s, "INSERT INTO conferences(id, title, period) VALUES (?1, ?2, ?3)");
	sqlite3_stmt *ins_meeting =
	    prep(s, "INSERT INTO meetings(id, conference_id, cluster_id, title, period,"
		    " period_key, starts_at, ends_at, location, host_unit, document_number, status)"
		    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
	sqlite3_stmt *ins_att =
	    prep(s, "INSERT INTO attendees(meeting_id, position, name, title, unit, role)"
		    " VALUES (?1,?2,?3,?4,?5,?6)");
	sqlite3_stmt *ins_item =
	    prep(s, "INSERT INTO agenda_items(id, meeting_id, position, title, presenter,"
		    " started_at, ended_at) VALUES (?1,?2,?3,?4,?5,?6,?7)");
	sqlite3_stmt *ins_note =
	    prep(s, "INSERT INTO notes(meeting_id, item_id, position, at, speaker, kind, text)"
		    " VALUES (?1,?2,?3,?4,?5,?6,?7)");
	sqlite3_stmt *ins_prop =
	    prep(s, "INSERT INTO proposals(meeting_id, item_id, position, unit, text, answer,"
		    " status) VALUES (?1,?2,?3,?4,?5,?6,?7)");
	sqlite3_stmt *ins_concl =
	    prep(s, "INSERT INTO conclusions(meeting_id, position, text) VALUES (?1,?2,?3)");
	sqlite3_stmt *ins_dir =
	    prep(s, "INSERT INTO directives(meeting_id, position, text, owner, due, status)"
		    " VALUES (?1,?2,?3,?4,?5,?6)");

	exec(s, "BEGIN");
	char buf[512], unit[CLUSTERS][UNITS_PER_CLUSTER][64];
	for (int c = 1; c <= CLUSTERS; c++) {
		snprintf(buf, sizeof buf, "Cụm thi đua số %d", c);
		sqlite3_bind_int(ins_cluster, 1, c);
		text(ins_cluster, 2, buf);
		run(s, ins_cluster);
		for (int u = 0; u < UNITS_PER_CLUSTER; u++) {
			int k = (c - 1) * UNITS_PER_CLUSTER + u;
			snprintf(unit[c - 1][u], sizeof unit[c - 1][u], "%s %s %d",
				 u % 3 ? "Huyện đoàn" : "Thị đoàn",
				 places[k % BB_ARRAY_LEN(places)],
				 k / (int)BB_ARRAY_LEN(places) + 1);
			text(ins_unit, 1, unit[c - 1][u]);
			sqlite3_bind_int(ins_unit, 2, c);
			sqlite3_bind_int(ins_unit, 3, u);
			run(s, ins_unit);
		}
	}
	struct strbuf sb = {0}, ans = {0};
	long long meetings = 0, notes = 0, item_id = 0;
	for (int y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) {
		for (int q = 1; q <= 4; q++) {
			int conf = (y - FIRST_YEAR) * 4 + q;
			snprintf(buf, sizeof buf,
				 "Hội nghị giao ban công tác Đoàn, Hội, Đội các Cụm thi đua quý "
				 "%s/%d",
				 roman[q - 1], y);
			char period[16];
			snprintf(period, sizeof period, "%s/%d", roman[q - 1], y);
			sqlite3_bind_int(ins_conf, 1, conf);
			text(ins_conf, 2, buf);
			text(ins_conf, 3, period);
			run(s, ins_conf);
			for (int k = 0; k < per; k++) {
				for (int c = 1; c <= CLUSTERS; c++) {
					long long id = ++meetings;
					/* meetings of a quarter from the second week of
					 * its first month on, one working day apart */
					int month = (q - 1) * 3 + 1 + k * 3 / per;
					int day = 5 + (c + k * 7) % 22;
					char start[20], end[20];
					snprintf(start, sizeof start, "%04d-%02d-%02dT%02d:%02d", y,
						 month, day, 7 + c % 3, (c * 10) % 60);
					snprintf(end, sizeof end, "%04d-%02d-%02dT11:30", y, month,
						 day);
					const char *status = y < FIRST_YEAR + YEARS - 1 ? "approved"
							     : q < 4			? "closed"
											: "draft";
					snprintf(
					    buf, sizeof buf,
					    "Hội nghị giao ban công tác Đoàn, Hội, Đội Cụm thi "
					    "đua số %d quý %s (phiên %d)",
					    c, period, k + 1);
					sqlite3_bind_int64(ins_meeting, 1, id);
					sqlite3_bind_int(ins_meeting, 2, conf);
					sqlite3_bind_int(ins_meeting, 3, c);
					text(ins_meeting, 4, buf);
					text(ins_meeting, 5, period);
					sqlite3_bind_int(ins_meeting, 6, y * 10 + q);
					text(ins_meeting, 7, start);
					text(ins_meeting, 8, end);
					const char *host = unit[c - 1][(k + q) % UNITS_PER_CLUSTER];
					snprintf(buf, sizeof buf, "Hội trường %s", host);
					text(ins_meeting, 9, buf);
					text(ins_meeting, 10, host);
					snprintf(buf, sizeof buf, "%lld-BB/TĐTN-VP", id % 900 + 1);
					text(ins_meeting, 11, buf);
					text(ins_meeting, 12, status);
					run(s, ins_meeting);
					for (int a = 0; a < 15; a++) {
						sqlite3_bind_int64(ins_att, 1, id);
						sqlite3_bind_int(ins_att, 2, a);
						text(ins_att, 3,
						     people[(a + c + k) % BB_ARRAY_LEN(people)]);
						text(ins_att, 4,
						     a == 0 ? "Bí thư Tỉnh đoàn" : "Bí thư");
						text(ins_att, 5,
						     a == 0 ? "Tỉnh đoàn"
							    : unit[c - 1][a % UNITS_PER_CLUSTER]);
						text(ins_att, 6,
						     a == 0   ? "chair"
						     : a == 1 ? "secretary"
							      : "delegate");
						run(s, ins_att);
					}
					int n_notes = 80 + rnd_int(41);
					long long first_item = item_id + 1;
					for (int i = 0; i < 6; i++) {
						char at[20], at2[20];
						snprintf(at, sizeof at, "%.11s%02d:%02d", start,
							 8 + i / 2, (i % 2) * 30);
						snprintf(at2, sizeof at2, "%.11s%02d:%02d", start,
							 8 + i / 2, (i % 2) * 30 + 29);
						sqlite3_bind_int64(ins_item, 1, ++item_id);
						sqlite3_bind_int64(ins_item, 2, id);
						sqlite3_bind_int(ins_item, 3, i);
						text(ins_item, 4, items[i]);
						text(ins_item, 5,
						     i == 0 ? "Văn phòng Tỉnh đoàn"
							    : unit[c - 1][i]);
						text(ins_item, 6, at);
						text(ins_item, 7, at2);
						run(s, ins_item);
						for (int j = i * n_notes / 6;
						     j < (i + 1) * n_notes / 6; j++) {
							sentence(&sb, 8, 30, 1.0 / 4000.0);
							snprintf(at, sizeof at, "%.11s%02d:%02d",
								 start, 8 + i / 2,
								 (i % 2) * 30 + j % 30);
							sqlite3_bind_int64(ins_note, 1, id);
							sqlite3_bind_int64(ins_note, 2, item_id);
							sqlite3_bind_int(ins_note, 3, j);
							text(ins_note, 4, at);
							text(
							    ins_note, 5,
							    j % 4
								? unit[c - 1][j % UNITS_PER_CLUSTER]
								: people[(j + c) %
									 BB_ARRAY_LEN(people)]);
							text(ins_note, 6,
							     kinds[rnd_int(
								 (int)BB_ARRAY_LEN(kinds))]);
							text(ins_note, 7, sb.buf);
							run(s, ins_note);
							notes++;
						}
					}
					for (int p = 0; p < 3; p++) {
						sentence(&sb, 8, 20, 0);
						sentence(&ans, 6, 15, 0);
						sqlite3_bind_int64(ins_prop, 1, id);
						sqlite3_bind_int64(ins_prop, 2, first_item + 2);
						sqlite3_bind_int(ins_prop, 3, p);
						text(ins_prop, 4,
						     unit[c - 1][(p + k) % UNITS_PER_CLUSTER]);
						text(ins_prop, 5, sb.buf);
						text(ins_prop, 6, p == 2 ? NULL : ans.buf);
						text(ins_prop, 7,
						     p == 2 && y >= FIRST_YEAR + YEARS - 1
							 ? "open"
							 : "done");
						run(s, ins_prop);
					}
					for (int p = 0; p < 5; p++) {
						sentence(&sb, 10, 25, 0);
						sqlite3_bind_int64(ins_concl, 1, id);
						sqlite3_bind_int(ins_concl, 2, p);
						text(ins_concl, 3, sb.buf);
						run(s, ins_concl);
					}
					for (int p = 0; p < 5; p++) {
						char due[16];
						int dy = q == 4 ? y + 1 : y,
						    dm = q == 4 ? 3 : q * 3 + 3;
						snprintf(due, sizeof due, "%04d-%02d-%02d", dy, dm,
							 dm == 6 || dm == 9 ? 30 : 31);
						sentence(&sb, 8, 18, 0);
						sqlite3_bind_int64(ins_dir, 1, id);
						sqlite3_bind_int(ins_dir, 2, p);
						text(ins_dir, 3, sb.buf);
						text(ins_dir, 4,
						     unit[c - 1][(p * 3 + k) % UNITS_PER_CLUSTER]);
						text(ins_dir, 5, due);
						text(ins_dir, 6,
						     y >= FIRST_YEAR + YEARS - 1 || rnd_int(10) == 0
							 ? "open"
							 : "done");
						run(s, ins_dir);
					}
					/* Keep the WAL small: commit every 100 meetings. */
					if (id % 100 == 0) {
						exec(s, "COMMIT; BEGIN");
						fprintf(stderr,
							"\r%lld meetings, %lld notes, %.0f s",
							meetings, notes, (now_ms() - t0) / 1000.0);
					}
				}
			}
		}
	}
	exec(s, "COMMIT");
	exec(s, "PRAGMA wal_checkpoint(TRUNCATE)");
	fprintf(stderr, "\r%lld meetings, %lld notes in %.1f s\n", meetings, notes,
		(now_ms() - t0) / 1000.0);
	sqlite3_stmt *sts[] = {ins_cluster, ins_unit, ins_conf, ins_meeting, ins_att,
			       ins_item,    ins_note, ins_prop, ins_concl,   ins_dir};
	for (size_t i = 0; i < BB_ARRAY_LEN(sts); i++)
		sqlite3_finalize(sts[i]);
	strbuf_free(&sb);
	strbuf_free(&ans);
	store_close(s);
	(void)time;
	return 0;
}
