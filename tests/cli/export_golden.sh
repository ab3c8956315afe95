#!/bin/sh
# export_golden.sh - the formatted documents (txt, md, html) of the demo
# meetings and of the edge-case fixture, compared byte for byte with
# tests/golden/; plus what a user relies on around them: warnings for
# blanks, -o/--force, --width, escaping, Markdown read back by pandoc.
# BB_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.
set -u
B=${BIENBAN_BIN:?}
S=${BIENBAN_SRC:?}
G=$S/tests/golden
T=$(mktemp -d /tmp/bb-export-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
PY=python3

"$B" demo --db "$T/demo.db" >/dev/null || { no "demo store"; exit 1; }
"$B" import "$S/tests/fixtures/export-edge.json" --db "$T/edge.db" >"$T/imp" ||
	{ no "import the edge fixture"; exit 1; }

# golden NAME DB MEETING FORMAT DOCUMENT: export and compare with $G/NAME.
golden() {
	name=$1 db=$2 id=$3 fmt=$4 docu=$5
	if ! "$B" export "$id" --db "$T/$db.db" --format "$fmt" --document "$docu" \
		>"$T/$name" 2>"$T/$name.err"; then
		no "$name: export failed"; cat "$T/$name.err"; return
	fi
	if [ "${BB_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$T/$name" "$G/$name"; ok "$name (golden updated)"; return
	fi
	if cmp -s "$T/$name" "$G/$name"; then ok "$name"; else
		no "$name differs from the golden file"; diff -u "$G/$name" "$T/$name" | head -40
	fi
}
for d in minutes conclusions; do
	for f in txt md html; do
		golden "demo-4-$d.$f" demo 4 "$f" "$d"
		golden "edge-$d.$f" edge 1 "$f" "$d"
	done
done
golden demo-1-minutes.txt demo 1 txt minutes
golden blank-minutes.txt edge 2 txt minutes

# The dateline and running dates are the Vietnamese way, from the data.
grep -q 'Bình Định, ngày 09 tháng 02 năm 2023' "$T/edge-minutes.txt" && ok "dateline pads day and Feb" || no "dateline pads day and Feb"
grep -q 'Bình Định, ngày 12 tháng 4 năm 2023' "$T/demo-4-minutes.txt" && ok "dateline April unpadded" || no "dateline April unpadded"
grep -q 'Vào lúc 07 giờ 30 phút' "$T/edge-minutes.txt" && ok "time in words" || no "time in words"
grep -q 'Số: 12-BB/TĐTN-VP' "$T/demo-4-minutes.txt" && ok "document number" || no "document number"
grep -q 'Số: 16-TB/TĐTN-VP' "$T/demo-4-conclusions.txt" && ok "notice number of its own" || no "notice number of its own"
grep -q 'Số:      -TB/TĐTN-VP' "$T/edge-conclusions.txt" && ok "notice number left blank" || no "notice number left blank"
grep -q 'Tổng số: 5 đại biểu, 2/4 đơn vị có mặt.' "$T/edge-minutes.txt" && ok "count line" || no "count line"
grep -q '(dự thay đồng chí Lê Văn Tám)' "$T/edge-minutes.md" && ok "substitute" || no "substitute"
[ "$(grep -c 'Tôn Nữ Thị Hoàng Phương Thảo –' "$T/edge-minutes.txt")" -eq 1 ] && ok "chair not repeated" || no "chair not repeated"
grep -q 'Hội nghị kết thúc vào lúc 11 giờ 30 phút, ngày 12 tháng 4 năm 2023./.' "$T/demo-4-minutes.txt" && ok "closing line" || no "closing line"

# Missing pieces: still exported, blanks left, one warning line on stderr.
grep -q '^bienban: warning: meeting 2: no chair, no secretary, no end time, no location, no document number, no conclusions — blanks left$' "$T/blank-minutes.txt.err" \
	&& ok "warning lists what is missing" || { no "warning lists what is missing"; cat "$T/blank-minutes.txt.err"; }
grep -q 'Số:      -BB/TĐTN-VP' "$T/blank-minutes.txt" && ok "blank number" || no "blank number"
grep -q 'kết thúc vào lúc \.\.\.\.\.\. giờ \.\.\.\.\.\. phút, ngày 05 tháng 01 năm 2023' "$T/blank-minutes.txt" && ok "blank end time" || no "blank end time"
[ ! -s "$T/demo-4-minutes.txt.err" ] && ok "complete meeting: no warning" || no "complete meeting: no warning"

# Width by display columns: Vietnamese letters (NFD input, stored NFC)
# are one column; nothing is wider than asked.
width_ok() { # width_ok FILE N
	$PY - "$1" "$2" <<'EOF'
import sys, unicodedata
n = int(sys.argv[2])
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n").replace("\f", "")
    w = sum(0 if unicodedata.combining(c) else (2 if unicodedata.east_asian_width(c) in "WF" else 1) for c in line)
    if w > n:
        print("too wide (%d): %s" % (w, line)); sys.exit(1)
EOF
}
width_ok "$T/edge-minutes.txt" 80 && ok "80 columns" || no "80 columns"
"$B" export 1 --db "$T/edge.db" --width 50 >"$T/w50.txt" 2>/dev/null
width_ok "$T/w50.txt" 50 && ok "--width 50" || no "--width 50"
"$B" export 1 --db "$T/edge.db" --width 30 >/dev/null 2>&1; [ $? -eq 2 ] && ok "--width 30 is a usage error" || no "--width 30 is a usage error"
# Centred by display width: the title line's centre is the page's centre.
$PY - "$T/demo-4-minutes.txt" <<'EOF' && ok "title centred by width" || no "title centred by width"
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip() == "BIÊN BẢN":
        left = len(line) - len(line.lstrip(" "))
        sys.exit(0 if abs(left * 2 + len("BIÊN BẢN") - 80) <= 1 else 1)
sys.exit(1)
EOF

# Nothing from the store reaches the output raw.
for f in "$T"/edge-*.txt "$T"/edge-*.md "$T"/edge-*.html; do
	if $PY -c 'import sys,re; d=open(sys.argv[1],encoding="utf-8").read(); sys.exit(1 if re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", d) else 0)' "$f"; then
		ok "no control characters in $(basename "$f")"
	else no "control characters in $(basename "$f")"; fi
done
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$T/edge-minutes.html" && ok "html escaped" || no "html escaped"
grep -q '<script' "$T/edge-minutes.html" && no "raw <script> in html" || ok "no raw <script> in html"
# The fixture's escape sequences were removed on import (with a warning)
# and would be left out of a document anyway: no "^[" on paper.
grep -q '\^\[\|\[2J' "$T/edge-minutes.txt" && no "escape sequence in a document" || ok "no escape sequence in a document"

# Markdown read back by pandoc says what the plain text says: every
# paragraph of the unwrapped txt is in pandoc's plain rendering of the md.
if command -v pandoc >/dev/null; then
	for m in demo:4 edge:1; do
		db=${m%%:*} id=${m#*:}
		"$B" export "$id" --db "$T/$db.db" --width 1000 >"$T/wide.txt" 2>/dev/null
		"$B" export "$id" --db "$T/$db.db" --format md 2>/dev/null |
			pandoc -f markdown -t plain --wrap=none >"$T/back.txt"
		if $PY - "$T/wide.txt" "$T/back.txt" <<'EOF'; then ok "pandoc reads the $db md faithfully"; else no "pandoc reads the $db md faithfully"; fi
import sys, re
norm = lambda s: re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()
back = norm(open(sys.argv[2], encoding="utf-8").read())
bad = 0
for raw in open(sys.argv[1], encoding="utf-8"):
    line = norm(raw)
    # body paragraphs only: not the side-by-side columns or the table
    if not line or line.startswith(("+", "|")) or "   " in raw.strip() or len(line) < 20:
        continue
    if line not in back:
        print("not in pandoc's reading:", line); bad += 1
sys.exit(1 if bad else 0)
EOF
	done
else
	ok "pandoc not installed: md read-back skipped"
fi

# -o writes atomically and refuses to overwrite without --force.
"$B" export 4 --db "$T/demo.db" --format html -o "$T/out.html" 2>/dev/null && cmp -s "$T/out.html" "$T/demo-4-minutes.html" \
	&& ok "-o writes the file" || no "-o writes the file"
"$B" export 4 --db "$T/demo.db" --format txt -o "$T/out.html" 2>"$T/err"; [ $? -eq 1 ] && ok "-o refuses to overwrite" || no "-o refuses to overwrite"
cmp -s "$T/out.html" "$T/demo-4-minutes.html" && ok "refused file unchanged" || no "refused file unchanged"
"$B" export 4 --db "$T/demo.db" --format txt -o "$T/out.html" --force && cmp -s "$T/out.html" "$T/demo-4-minutes.txt" \
	&& ok "--force overwrites" || no "--force overwrites"
[ "$(ls "$T" | grep -c '^\.\|tmp')" -eq 0 ] && ok "no temporary files left" || no "no temporary files left"
"$B" export 4 --db "$T/demo.db" --format rtf >/dev/null 2>&1; [ $? -eq 2 ] && ok "unknown format is a usage error" || no "unknown format is a usage error"
"$B" export 4 --db "$T/demo.db" --document agenda >/dev/null 2>&1; [ $? -eq 2 ] && ok "unknown document is a usage error" || no "unknown document is a usage error"
"$B" export 99 --db "$T/demo.db" >/dev/null 2>"$T/err"; [ $? -eq 1 ] && grep -q 'no meeting with id 99' "$T/err" && ok "unknown meeting" || no "unknown meeting"

# A whole conference: every meeting in order, a page break between them.
"$B" export --conference 1 --db "$T/demo.db" >"$T/conf.txt" 2>/dev/null
[ "$(grep -c 'BIÊN BẢN' "$T/conf.txt")" -eq 4 ] && [ "$(tr -cd '\f' <"$T/conf.txt" | wc -c)" -eq 3 ] \
	&& ok "conference: 4 minutes, 3 page breaks" || no "conference: 4 minutes, 3 page breaks"
$PY - "$T/conf.txt" <<'EOF' && ok "conference in order of start" || no "conference in order of start"
import sys, re
d = open(sys.argv[1], encoding="utf-8").read()
dates = re.findall(r"Thời gian: Vào lúc .*?, ngày (\d+) tháng (\d+) năm (\d+)", d)
keys = [(int(y), int(m), int(dd)) for dd, m, y in dates]
sys.exit(0 if len(keys) == 4 and keys == sorted(keys) else 1)
EOF
"$B" export --conference 1 --db "$T/demo.db" --format html >"$T/conf.html" 2>/dev/null
# Each meeting a section on pages of its own name, numbered by its own
# counter (export_pages.sh prints it with Chromium).
[ "$(grep -c '^<section class="doc" style="page: m[1-4]">$' "$T/conf.html")" -eq 4 ] &&
	[ "$(grep -c '^@page m[1-4] { counter-increment: m[1-4];' "$T/conf.html")" -eq 4 ] &&
	! grep -q "<section" "$G/demo-4-minutes.html" &&
	ok "conference html: a named page per meeting" || no "conference html: a named page per meeting"

# A setting missing for the whole conference: one warning, not one per meeting.
"$B" export --conference 1 --db "$T/demo.db" --document conclusions >/dev/null 2>"$T/conf.err"
[ "$(grep -c 'in the settings' "$T/conf.err")" -eq 1 ] &&
	grep -q '^bienban: warning: all 4 meetings: no signer name in the settings (S in bienban) — blanks left$' "$T/conf.err" \
	&& ok "conference: a missing setting warned once" || { no "conference: a missing setting warned once"; cat "$T/conf.err"; }

echo "$fails failed"
[ "$fails" -eq 0 ]
