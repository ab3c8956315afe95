#!/bin/sh
# cli_vi.sh - every command under LANGUAGE=vi, its answers, errors,
# warnings and help, read for English. The English words looked for are
# those of the program's own messages (the msgids of po/vi.po) that no
# Vietnamese message, no demo content and no document contains (option
# names, formats and file names stay as they are in both languages); any
# of them in what a Vietnamese user reads fails, with the line. Machine
# outputs (--json, the interchange, the change log's TSV column names)
# stay English and are not read. Also checks that the English run does
# show English (so the test can fail) and that confirmation-free
# commands say the same things in both languages' exit statuses.
set -u
B=${BIENBAN_BIN:?}
SRC=${BIENBAN_SRC:?}
T=$(mktemp -d /tmp/bb-cli-vi-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }

DB="$T/a.db"
OUT="$T/said"    # everything a user read, under LANGUAGE=vi
: >"$OUT"
run() { # run WANT-RC CMD... : run it in Vietnamese, keep what it said
	want=$1; shift
	LANGUAGE=vi "$@" >"$T/o" 2>"$T/e"; rc=$?
	if [ "$rc" -ne "$want" ]; then no "exit $rc, want $want: $*"; sed 's/^/    /' "$T/e" | head -5; fi
	{ printf '## %s\n' "$*"; cat "$T/o" "$T/e"; } >>"$OUT"
}
quiet() { # quiet WANT-RC CMD... : a machine output: only stderr is read
	want=$1; shift
	LANGUAGE=vi "$@" >"$T/o" 2>"$T/e"; rc=$?
	if [ "$rc" -ne "$want" ]; then no "exit $rc, want $want: $*"; sed 's/^/    /' "$T/e" | head -5; fi
	{ printf '## %s\n' "$*"; cat "$T/e"; } >>"$OUT"
}

# ---- the commands, as a user meets them ----
run 0 "$B" --help
for c in $("$B" --help-markdown | sed -n 's/^bienban \([a-z][a-z-]*\).*/\1/p' | sort -u); do
	run 0 "$B" "$c" --help
done
run 2 "$B" frobnicate
run 2 "$B" --frobnicate
run 0 "$B" init --db "$T/empty.db"
run 2 "$B" init extra --db "$T/empty.db"
run 0 "$B" demo --db "$DB"
run 0 "$B" demo --db "$DB"
run 0 "$B" list --db "$DB"
run 0 "$B" list --db "$DB" --cluster 4 --period I/2023
run 2 "$B" list --db "$DB" --cluster x
run 2 "$B" list --db "$DB" --period 2023/5
run 2 "$B" list --db "$DB" extra
run 0 "$B" show 4 --db "$DB"
# Times and days as the reader writes them, as list and directives do.
if grep -q '^bắt đầu  *12/04/2023 08:00$' "$T/o" && grep -q '(hạn 30/06/2023)' "$T/o" &&
	! grep -q '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "$T/o"; then
	ok "show: days and times in the reader's form"
else
	no "show: days and times in the reader's form"; grep -n '20[0-9][0-9]' "$T/o" | head -3
fi
run 1 "$B" show 77 --db "$DB"
run 2 "$B" show x --db "$DB"
run 0 "$B" export 4 --db "$DB"
run 0 "$B" export 4 --document conclusions --db "$DB"
run 0 "$B" export 4 -o "$T/bb.docx" --db "$DB"
run 1 "$B" export 4 -o "$T/bb.docx" --db "$DB"
run 2 "$B" export 4 -o "$T/bb.xyz" --db "$DB"
run 2 "$B" export 4 --format xyz --db "$DB"
run 2 "$B" export 4 --document x --db "$DB"
run 2 "$B" export 4 --width 5 --db "$DB"
run 2 "$B" export --db "$DB"
run 1 "$B" export --conference 99 --db "$DB"
# A setting the conference's meetings all lack: said once, in Vietnamese.
run 0 "$B" export --conference 1 --document conclusions -o "$T/tb.txt" --db "$DB"
if grep -q '^bienban: cảnh báo: cả 4 cuộc họp: phần thiết lập chưa có tên người ký (phím S trong bienban) — để trống chỗ đó$' "$T/e" &&
	[ "$(grep -c 'tên người ký' "$T/e")" = 1 ]; then
	ok "conference export: the missing setting said once, in Vietnamese"
else
	no "conference export: the missing setting said once, in Vietnamese"; sed 's/^/    /' "$T/e"
fi
run 1 "$B" export 77 --db "$DB"
quiet 0 "$B" export 4 --format json -o "$T/m4.json" --db "$DB"
# a meeting with blanks: the warning line
printf '{"format": "bienban/1", "meetings": [{"title": "Họp thử", "starts_at": "2023-05-02T08:00", "x": 1}]}\n' >"$T/blank.json"
run 0 "$B" import "$T/blank.json" --db "$T/b.db"
run 0 "$B" export 1 --db "$T/b.db"
run 1 "$B" import "$T/blank.json" --db "$T/b.db"
printf '{"format": "bienban/1", "meetings": [{"title": "", "starts_at": "x"}]}\n' >"$T/bad.json"
run 1 "$B" import "$T/bad.json" --db "$T/b.db"
printf '{"format": "bienban/1", "meetings": [{"title": "A", "starts_at": "2023-05-02T08:00", "attendees": [{"name": "B", "role": "boss"}]}]}\n' >"$T/bad2.json"
run 1 "$B" import "$T/bad2.json" --db "$T/b.db"
printf '{"format": "bienban/1", ' >"$T/bad3.json"
run 1 "$B" import "$T/bad3.json" --db "$T/b.db"
run 1 "$B" import "$T/none.json" --db "$T/b.db"
run 2 "$B" import --db "$T/b.db"
run 0 "$B" search "hội nghị" --db "$DB"
run 0 "$B" search "hội nghị" --limit 1 --db "$DB"
run 0 "$B" search zzzzqqqq --db "$DB"
run 2 "$B" search --db "$DB"
run 2 "$B" search x --kind boss --db "$DB"
# the reader's words: dates as list writes them, the kinds and the period
# as the hits and the documents name them
LANGUAGE=vi "$B" search "đoàn viên" --kind "kết luận" --period "quý I/2023" --limit 1 --db "$DB" >"$T/s" 2>&1
head -n 1 "$T/s" | grep -q '^[0-9]*  [0-3][0-9]/[01][0-9]/2023  ' &&
	sed -n 2p "$T/s" | grep -q '^    kết luận$' && ok "search: --kind and --period in Vietnamese, dates as list writes them" ||
	{ no "search: --kind and --period in Vietnamese, dates as list writes them"; cat "$T/s"; }
LANGUAGE=vi "$B" search "báo cáo" --kind "muc chuong trinh" --limit 1 --db "$DB" >"$T/s" 2>&1
grep -q ' · mục chương trình · ' "$T/s" && ok "search: an agenda item named as the search screen names it" ||
	{ no "search: an agenda item named as the search screen names it"; cat "$T/s"; }
# the count: "5 of 6" when there are six, not "and more"
n=$("$B" search "kiến nghị" --json --db "$DB" | grep -c '"meeting_id"')
"$B" search "kiến nghị" --limit $((n - 1)) --db "$DB" | tail -n 1 | grep -q "^$((n - 1)) of $n results shown" &&
	ok "search: a count one more than the limit is a count ($((n - 1)) of $n)" ||
	no "search: a count one more than the limit: $("$B" search "kiến nghị" --limit $((n - 1)) --db "$DB" | tail -n 1)"
# a grouped short option is named itself, not the argument before it
"$B" search -doan --db "$DB" 2>&1 | grep -q "unknown option '-d'" && ok "search -doan names '-d'" ||
	no "search -doan: $("$B" search -doan --db "$DB" 2>&1 | head -n 1)"
LANGUAGE=vi "$B" search "báo cáo" --kind "báo cáo" --limit 1 --db "$DB" | head -n 1 | grep -q '^[0-9]*  [0-3][0-9]/[01][0-9]/2023 [0-2][0-9]:[0-5][0-9]  ' &&
	ok "search: a note's own time as list writes it" || no "search: a note's time: $(LANGUAGE=vi "$B" search "báo cáo" --kind "báo cáo" --limit 1 --db "$DB" | head -n 1)"
run 2 "$B" search -doan --db "$DB"
run 2 "$B" search x --limit --db "$DB"
# a query with a terminal sequence pasted in finds its words
"$B" search "$(printf '\033[31mđoàn viên')" --limit 1 --db "$DB" | grep -q '\[viên\]' &&
	ok "search: an escape sequence in the query goes whole" || no "search: an escape sequence in the query"
run 0 "$B" directives --db "$DB"
run 0 "$B" directives --open --db "$DB"
run 0 "$B" directives --unit zzzzqqqq --db "$DB"
run 2 "$B" directives extra --db "$DB"
run 1 "$B" approve 77 --db "$DB"
run 0 "$B" approve 4 --db "$DB"
run 1 "$B" approve 4 --db "$DB"
run 2 "$B" reopen 4 --db "$DB"
run 0 "$B" reopen 4 --reason "Sửa số liệu" --db "$DB"
run 0 "$B" log 4 --db "$DB"
run 2 "$B" log --db "$DB"
run 0 "$B" check --db "$DB"
run 1 "$B" check --db "$T/nowhere.db"
run 2 "$B" live --db "$DB"
run 1 "$B" live 4 --db "$T/nowhere.db"
# a problem check finds: a setting that is not NFC (no trigger on settings)
if command -v sqlite3 >/dev/null; then
	cp "$DB" "$T/damaged.db"
	sqlite3 "$T/damaged.db" "UPDATE settings SET value = 'Bi' || char(0x300) || 'nh' WHERE key = 'place'"
	run 1 "$B" check --db "$T/damaged.db"
fi
chmod 0400 "$T/b.db"
run 1 "$B" approve 1 --db "$T/b.db"

# The change log: its TSV header stays English (for programs), the rest
# is Vietnamese, the old entries too.
LANGUAGE=vi "$B" log 4 --db "$DB" >"$T/log.tsv"
head -n 1 "$T/log.tsv" | grep -q '^at	who	what	old	new	reason$' && ok "log header stays English" ||
	no "log header stays English"
grep -q '	trạng thái	đã kết thúc	đã duyệt' "$T/log.tsv" && ok "log entries worded in Vietnamese" || { no "log entries worded in Vietnamese"; cat "$T/log.tsv"; }

# ---- the English words to look for ----
# Words of 3+ letters of the English messages, minus those any
# Vietnamese message, the demo's documents or a quoted name uses.
for i in 1 2 3 4; do "$B" export $i --db "$DB" 2>/dev/null; done >"$T/docs.txt"
python3 - "$SRC/po/vi.po" "$T/docs.txt" "$OUT" >"$T/english" <<'EOF'
import re, sys
po, demo, said = sys.argv[1:4]
text = open(po, encoding='utf-8').read()
ids, strs, cur = [], [], None
for line in text.splitlines():
    m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
    if m:
        cur = ids if m.group(1).startswith('msgid') else strs
        cur.append(m.group(2))
    elif line.startswith('"') and cur is not None:
        cur[-1] += line[1:-1]
    elif not line.strip():
        cur = None
word = re.compile(r"[A-Za-z]{3,}")
english = {w.lower() for s in ids for w in word.findall(re.sub(r'%[a-z]+|\\n', ' ', s))}
allowed = {w.lower() for s in strs for w in word.findall(s)}
allowed |= {w.lower() for w in word.findall(open(demo, encoding='utf-8').read())}
# what the messages quote rather than say: options, formats, file names, the program
quoted = re.findall(r"--[a-z-]+|'[^']*'|\"[^\"]*\"|\S+\.(?:db|json|docx|xyz)\b|/\S+", open(said, encoding='utf-8').read())
allowed |= {w.lower() for q in quoted for w in word.findall(q)}
found = {}
for n, line in enumerate(open(said, encoding='utf-8'), 1):
    if line.startswith('## '):
        cmd = line[3:].strip()
        continue
    if line.rstrip('\n') == 'at\twho\twhat\told\tnew\treason':
        continue  # the change log's TSV header: column names for programs
    # options, quoted names, paths, and JSON paths (meetings[0].starts_at)
    bare = re.sub(r"--[a-z-]+|'[^']*'|/\S+|[\w.]*\[\d+\][\w.\[\]]*", ' ', line)
    # the values an interchange field takes are the format's own words
    bare = re.sub(r"\(cần một trong: [^)]*\)", ' ', bare)
    for w in word.findall(bare):
        if w.lower() in english and w.lower() not in allowed:
            found.setdefault((cmd, line.rstrip()), []).append(w)
for (cmd, line), ws in found.items():
    print(f'{cmd}\n    {line}\n    English: {", ".join(sorted(set(ws)))}')
EOF
if [ -s "$T/english" ]; then
	no "English under LANGUAGE=vi:"
	cat "$T/english"
else
	ok "no English under LANGUAGE=vi ($(grep -c '^## ' "$OUT") commands read)"
fi

# The same reading of the English run finds English (the test can fail).
LANGUAGE= "$B" show 4 --db "$DB" >"$T/en" 2>&1
LANGUAGE= "$B" export 4 -o "$T/bb.xyz" --db "$DB" >>"$T/en" 2>&1
grep -q 'attendees (' "$T/en" && grep -q 'cannot tell the format' "$T/en" &&
	ok "the English run is English" || no "the English run is English"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all passed"
