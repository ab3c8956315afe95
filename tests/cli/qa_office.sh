#!/bin/sh
# qa_office.sh - rough edges an office user hit on the command line:
# Markdown that pandoc would read as markup, imports of files saved by
# other tools, -o targets that cannot be written, unwritable stores,
# empty queries, the checks of a store damaged by hand.
set -u
B=${BIENBAN_BIN:?}
T=$(mktemp -d /tmp/bb-qa-office-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
PY=python3
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
# expect NAME RC CMD...: CMD exits RC; its stderr is in $T/err.
expect() {
	name=$1 want=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$name"; else
		no "$name: exit $got, not $want"; cat "$T/err"
	fi
}

cat >"$T/nasty.json" <<'JSON'
{"format": "bienban/1",
 "meetings": [{"id": 1, "title": "Hội nghị giao ban Cụm thi đua số 4 quý I/2023",
   "starts_at": "2023-04-12T08:00", "status": "closed",
   "agenda": [{"title": "Báo cáo của các đơn vị",
     "notes": [{"at": "2023-04-12T08:10", "speaker": "Hà Duy Trung", "kind": "statement",
                "text": "Đoàn viên thanh niên\n: không phải định nghĩa"}]}],
   "conclusions": [{"text": "Ghi nhận kết quả."}]}]}
JSON
"$B" import "$T/nasty.json" --db "$T/s.db" >/dev/null || no "import the fixture"
"$B" demo --db "$T/demo.db" >/dev/null || no "demo store"

# --- Markdown: a line starting with ':' after a paragraph is a pandoc
# definition list unless escaped.
"$B" export 1 --db "$T/s.db" --format md >"$T/m.md" 2>/dev/null
if command -v pandoc >/dev/null; then
	pandoc -f markdown -t html "$T/m.md" >"$T/m.html"
	if grep -q '<dl>' "$T/m.html"; then no "md: ':' at line start stays text"; else
		grep -q ': không phải định nghĩa' "$T/m.html" && ok "md: ':' at line start stays text" ||
			no "md: ':' at line start stays text (text lost)"
	fi
else
	grep -q '^\\: không phải định nghĩa' "$T/m.md" && ok "md: ':' at line start escaped" ||
		no "md: ':' at line start escaped"
fi

# --- Import: a file saved with a UTF-8 byte order mark (Notepad) is read;
# the errors name the reason in words.
printf '\357\273\277{"format": "bienban/1", "meetings": [{"title": "Hội nghị có BOM", "starts_at": "2023-05-02T08:00"}]}' >"$T/bom.json"
expect "import: a UTF-8 BOM is skipped" 0 "$B" import "$T/bom.json" --db "$T/s.db"
"$B" list --db "$T/s.db" | grep -q 'Hội nghị có BOM' && ok "import: the BOM file's meeting is there" ||
	no "import: the BOM file's meeting is there"
printf '\357\273\277{"format": "bienban/1", "x": "\377"}' >"$T/bombad.json"
expect "import: bad UTF-8 after a BOM" 1 "$B" import "$T/bombad.json" --db "$T/s.db"
grep -q 'invalid UTF-8 at byte 33 ' "$T/err" && ok "import: the bad byte's offset counts the BOM" ||
	{ no "import: the bad byte's offset counts the BOM"; cat "$T/err"; }
printf '{"format": "bienban/1", "meetings": [{"title": "a\\u0000b", "starts_at": "2023-05-02T08:00"}]}' >"$T/nul.json"
expect "import: NUL refused" 1 "$B" import "$T/nul.json" --db "$T/s.db"
grep -q 'NUL character) is not allowed' "$T/err" && ! grep -q JSON_ALLOW_NUL "$T/err" &&
	ok "import: NUL error in words" || { no "import: NUL error in words"; cat "$T/err"; }
expect "import: a directory" 1 "$B" import "$T" --db "$T/s.db"
grep -q "^bienban: cannot read $T: Is a directory" "$T/err" && ok "import: a directory, with the reason" ||
	{ no "import: a directory, with the reason"; cat "$T/err"; }

# --- Standard output that cannot be written is a failure, not success.
if [ -w /dev/full ]; then
	for cmd in list "list --json" "show 1" "search đoàn" directives; do
		# shellcheck disable=SC2086
		"$B" $cmd --db "$T/s.db" >/dev/full 2>"$T/err"
		rc=$?
		if [ $rc -eq 1 ] && grep -q '^bienban: cannot write to standard output' "$T/err"; then
			ok "$cmd >/dev/full fails"
		else
			no "$cmd >/dev/full fails (exit $rc)"
		fi
	done
fi

# --- -o: the file asked for is named, never the temporary one; a
# directory is refused; a full disk leaves the old file whole.
expect "-o into a missing directory" 1 "$B" export 1 --db "$T/s.db" -o "$T/nodir/bb.txt"
grep -q "^bienban: cannot create $T/nodir/bb.txt: No such file or directory\$" "$T/err" &&
	ok "-o: the error names the file" || { no "-o: the error names the file"; cat "$T/err"; }
mkdir "$T/outdir"
expect "-o a directory" 1 "$B" export 1 --db "$T/s.db" -o "$T/outdir" --force
grep -q "^bienban: $T/outdir is a directory; give a file name\$" "$T/err" &&
	ok "-o a directory: said so, no --force hint" || { no "-o a directory: said so"; cat "$T/err"; }
expect "-o a directory without --force" 1 "$B" export 1 --db "$T/s.db" -o "$T/outdir"
grep -q "is a directory" "$T/err" && ok "-o a directory without --force: said so" ||
	{ no "-o a directory without --force: said so"; cat "$T/err"; }
if [ "$(id -u)" = 0 ] && mkdir -p "$T/mnt" && mount -t tmpfs -o size=64k tmpfs "$T/mnt" 2>/dev/null; then
	trap 'umount "$T/mnt" 2>/dev/null; rm -rf "$T"' EXIT
	echo "bản cũ" >"$T/mnt/bb.txt"
	dd if=/dev/zero of="$T/mnt/fill" bs=1k count=100 2>/dev/null
	expect "-o on a full disk" 1 "$B" export --conference 1 --db "$T/demo.db" -o "$T/mnt/bb.txt" --force
	grep -q "^bienban: cannot write $T/mnt/bb.txt: No space left on device\$" "$T/err" &&
		ok "-o on a full disk: clear error" || { no "-o on a full disk: clear error"; cat "$T/err"; }
	[ "$(cat "$T/mnt/bb.txt")" = "bản cũ" ] && ok "-o on a full disk: the old file is whole" ||
		no "-o on a full disk: the old file is whole"
	[ "$(ls "$T/mnt" | wc -l)" -eq 2 ] && ok "-o on a full disk: no temporary file left" ||
		{ no "-o on a full disk: no temporary file left"; ls "$T/mnt"; }
	umount "$T/mnt"
else
	echo "SKIP: -o on a full disk (needs root to mount a tmpfs)"
fi

# --- txt at narrow widths: the header's two columns never touch.
bad=""
for w in 40 41 42 43 44 45 46 47 48 49 50 55 60; do
	"$B" export 4 --db "$T/demo.db" --width "$w" | head -4 >"$T/head.txt"
	grep -q '[^ ]ĐOÀN TNCS' "$T/head.txt" && bad="$bad $w"
done
[ -z "$bad" ] && ok "txt: a blank between the header's columns at widths 40-60" ||
	no "txt: the header's columns touch at width$bad"

# --- search: an empty query is wrong usage (like none); odd queries are
# words, never errors.
expect 'search ""' 2 "$B" search "" --db "$T/demo.db"
grep -q '^bienban: search needs a query' "$T/err" && ok 'search "": says a query is needed' ||
	no 'search "": says a query is needed'
expect 'search " "' 2 "$B" search "   " --db "$T/demo.db"
for q in ':' '"' 'NOT' 'NEAR(' '*' "don't" 'hội-nghị' 'a AND OR b' '^x' '"phong trào'; do
	expect "search '$q'" 0 "$B" search "$q" --db "$T/demo.db"
done

# --- A store made read-only (chmod 0400) refuses every write, even for
# root, with the reason, and is left as it was.
"$B" demo --db "$T/ro.db" >/dev/null
"$B" list --db "$T/ro.db" >"$T/list.before"
chmod 0400 "$T/ro.db"
expect "read-only store: approve" 1 "$B" approve 4 --db "$T/ro.db"
grep -q "^bienban: $T/ro.db is read-only (no write permission)\$" "$T/err" && ok "read-only store: approve says why" ||
	{ no "read-only store: approve says why"; cat "$T/err"; }
"$B" approve 4 --db "$T/ro.db" --read-only 2>/dev/null
expect "read-only store: import" 1 "$B" import "$T/nasty.json" --db "$T/ro.db"
grep -q "is read-only (no write permission) (nothing was imported)" "$T/err" && ok "read-only store: import says why" ||
	{ no "read-only store: import says why"; cat "$T/err"; }
expect "read-only store: reopen" 1 "$B" reopen 4 --reason "Sửa" --db "$T/ro.db"
expect "read-only store: list" 0 "$B" list --db "$T/ro.db"
cmp -s "$T/out" "$T/list.before" && ok "read-only store: unchanged" || no "read-only store: unchanged"
expect "read-only store: search" 0 "$B" search "Đoàn" --db "$T/ro.db"

# --- Terminal control sequences: import removes them, saying where;
# check reports stored text holding them; no document carries them.
cat >"$T/esc.json" <<'JSON'
{"format": "bienban/1",
 "organization": {"recipients": []},
 "meetings": [{"id": 1, "title": "Hội nghị \u001b[31mđỏ\u001b[0m thử",
   "starts_at": "2023-04-12T08:00", "status": "closed", "notice_number": "21-TB/TĐTN-VP",
   "agenda": [{"title": "Thảo luận",
     "notes": [{"speaker": "Hà Duy Trung", "kind": "statement",
                "text": "Chữ \u001b]0;tiêu đề\u0007 lạ\u0007 ở đây"}]}]}]}
JSON
expect "import: control characters" 0 "$B" import "$T/esc.json" --db "$T/esc.db"
grep -q 'meetings\[0\]\.title: control characters removed' "$T/err" &&
	grep -q 'meetings\[0\]\.agenda\[0\]\.notes\[0\]\.text: control characters removed' "$T/err" &&
	ok "import: says which fields lost control characters" ||
	{ no "import: says which fields lost control characters"; cat "$T/err"; }
"$B" export 1 --db "$T/esc.db" --format json >"$T/esc.out.json"
$PY - "$T/esc.out.json" <<'EOF2' && ok "import: stored without them, notice number kept" || no "import: stored without them, notice number kept"
import json, sys
m = json.load(open(sys.argv[1]))["meetings"][0]
assert m["title"] == "Hội nghị đỏ thử", m["title"]
assert m["agenda"][0]["notes"][0]["text"] == "Chữ lạ ở đây", m["agenda"][0]["notes"][0]["text"]
assert m["notice_number"] == "21-TB/TĐTN-VP"
EOF2
expect "check: clean store" 0 "$B" check --db "$T/esc.db"
ESC=$(printf '\033')
sqlite3 "$T/esc.db" "INSERT INTO attendees(meeting_id, position, name, title, role, presence)
	VALUES (1, 9, 'Trần Văn Bảy', 'Chánh ${ESC}[1mVăn phòng', 'chair', 'present')" 2>"$T/sqlerr" ||
	{ no "sqlite3 insert"; cat "$T/sqlerr"; }
expect "check: control characters" 1 "$B" check --db "$T/esc.db"
grep -q '^text: attendee [0-9]* (title) holds control characters$' "$T/out" &&
	ok "check: names the text holding control characters" ||
	{ no "check: names the text holding control characters"; cat "$T/out" "$T/err"; }
for f in txt md html; do
	"$B" export 1 --db "$T/esc.db" --format $f --document conclusions -o "$T/esc.$f" 2>/dev/null
	$PY -c 'import sys,re; d=open(sys.argv[1],encoding="utf-8").read(); sys.exit(1 if re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", d) or "^[" in d or "[1m" in d else 0)' "$T/esc.$f" &&
		ok "no control sequence in the $f notice" || no "control sequence in the $f notice"
done
grep -q 'Số: 21-TB/TĐTN-VP' "$T/esc.txt" && ok "the notice's own number" || no "the notice's own number"
# "recipients": [] empties the list on purpose: a dotted line to fill in.
grep -A1 'Nơi nhận:' "$T/esc.txt" | grep -q -- '- \.\.\.\.\.\.' && ok "emptied recipients: a dotted line" ||
	no "emptied recipients: a dotted line"
# No list at all: the default one; outside a cluster without its units.
sed 's/"organization": {"recipients": \[\]},/"organization": {"place": "Bình Định"},/' "$T/esc.json" >"$T/def.json"
"$B" import "$T/def.json" --db "$T/def.db" >/dev/null 2>&1
"$B" export 1 --db "$T/def.db" >"$T/def.txt" 2>/dev/null
grep -q -- '^- Thường trực Tỉnh đoàn;' "$T/def.txt" && grep -q -- '^- Lưu VP\.' "$T/def.txt" &&
	! grep -q 'Các đơn vị trong Cụm' "$T/def.txt" &&
	ok "default recipients, without the cluster's units outside a cluster" ||
	{ no "default recipients, without the cluster's units outside a cluster"; grep -A4 'Nơi nhận' "$T/def.txt"; }

echo "$fails failed"
[ "$fails" -eq 0 ]
