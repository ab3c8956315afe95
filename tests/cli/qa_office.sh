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

echo "$fails failed"
[ "$fails" -eq 0 ]
