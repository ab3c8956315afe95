#!/bin/sh
# review.sh - the review commands as a user runs them: search (folding,
# literal queries, filters, JSON), directives, approve/reopen with the
# change log, check finding a damaged index. Exit codes 0/1/2.
set -u
B=${BIENBAN_BIN:?}
T=$(mktemp -d /tmp/bb-review-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
expect_rc() { # expect_rc RC NAME CMD...
	want=$1 name=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$name"; else no "$name (exit $rc, want $want)"; cat "$T/err"; fi
}
has() { # has NAME PATTERN [FILE]
	if grep -q -- "$2" "${3:-$T/out}"; then ok "$1"; else no "$1"; sed 's/^/    /' "${3:-$T/out}" | head -20; fi
}
json() { # json NAME PYTHON-EXPR-ON-d
	if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert $2, d" "$T/out" 2>"$T/pyerr"; then
		ok "$1"; else no "$1"; head -5 "$T/pyerr"; fi
}
DB="$T/a.db"
"$B" demo --db "$DB" >/dev/null || { echo "demo failed"; exit 1; }

# ---- search ----
expect_rc 0 "search hoi nghi" "$B" search --db "$DB" hoi nghi --json
json "folded words find Hội nghị" 'len(d) > 0 and all("\x01" not in h["snippet"] for h in d)'
json "every hit names meeting, item, speaker, time" 'all(k in h for h in d for k in ("meeting_id","meeting_title","item","speaker","at","snippet","highlights"))'
expect_rc 0 "search doan" "$B" search --db "$DB" --json --limit 1000 doan
cp "$T/out" "$T/doan.json"
expect_rc 0 "search ĐOÀN" "$B" search --db "$DB" --json --limit 1000 ĐOÀN
cmp -s "$T/out" "$T/doan.json" && ok "doan and ĐOÀN find the same" || no "doan and ĐOÀN find the same"
json "Đoàn is highlighted in the original text" 'any(h["snippet"][a:b] in ("Đoàn","đoàn","ĐOÀN") for h in d for a,b in h["highlights"])'
json "newest meeting first" 'all(d[i]["starts_at"] >= d[i+1]["starts_at"] for i in range(len(d)-1))'
# NFD query (o + circumflex + dot below)
expect_rc 0 "NFD query" "$B" search --db "$DB" --json "ho$(printf '\314\202\314\243')i nghi$(printf '\314\243')"
json "NFD query finds Hội nghị" 'len(d) > 0'
for q in '"' ':' 'NOT' 'NEAR(' 'don'"'"'t' 'hội-nghị' 'a OR' '(' '*' '"unbalanced' 'meta:c4' '^x' ';DROP TABLE notes;'; do
	expect_rc 0 "literal query [$q]" "$B" search --db "$DB" -- "$q"
	if grep -qi 'fts5\|syntax\|sql' "$T/out" "$T/err"; then no "no SQL/FTS error for [$q]"; fi
done
expect_rc 0 "quoted phrase" "$B" search --db "$DB" --json '"phong trào"'
json "phrase hits hold the phrase" 'len(d) > 0 and all("phong trào" in h["snippet"].lower() for h in d)'
expect_rc 0 "prefix" "$B" search --db "$DB" --json 'tình nguy*'
json "prefix finds tình nguyện" 'len(d) > 0 and any("nguyện" in h["snippet"] for h in d)'
expect_rc 0 "text output" "$B" search --db "$DB" --limit 3 thanh nien
has "text output marks the match" '\[thanh niên\]\|\[thanh\] \[niên\]'
has "text output says more results exist" 'results shown'
expect_rc 0 "no results" "$B" search --db "$DB" zzzqqq
has "no results message" '^no results'
expect_rc 0 "--cluster 4" "$B" search --db "$DB" --cluster 4 --json doan
json "cluster filter" 'len(d) > 0 and all(h["cluster"] == 4 for h in d)'
expect_rc 0 "--period II/2023 finds nothing" "$B" search --db "$DB" --period II/2023 --json doan
json "period filter" 'd == []'
expect_rc 0 "--kind proposal" "$B" search --db "$DB" --kind proposal --json doan
json "kind filter" 'len(d) > 0 and all(h["kind"] == "proposal" for h in d)'
expect_rc 0 "--speaker" "$B" search --db "$DB" --speaker "ha duy trung" --json doan
json "speaker filter" 'len(d) > 0 and all(h["speaker"] == "Hà Duy Trung" for h in d)'
expect_rc 2 "search without query" "$B" search --db "$DB"
expect_rc 2 "bad --kind" "$B" search --db "$DB" --kind bogus doan
has "bad --kind says which" 'unknown kind' "$T/err"
expect_rc 2 "bad --cluster" "$B" search --db "$DB" --cluster x doan
expect_rc 1 "search a missing store" "$B" search --db "$T/none.db" doan
expect_rc 0 "search --read-only" "$B" search --db "$DB" --read-only doan

# ---- directives ----
expect_rc 0 "directives" "$B" directives --db "$DB"
has "directives has a header" '^   ID  DUE'
"$B" directives --unit zzzzqq --db "$DB" >"$T/none.txt"
[ "$(cat "$T/none.txt")" = "no directives" ] && ok "directives of nobody: only 'no directives', no header over it" ||
	{ no "directives of nobody:"; cat "$T/none.txt"; }
[ "$("$B" list --cluster 9 --db "$DB")" = "no meetings" ] && ok "list of nothing: only 'no meetings'" ||
	no "list of nothing: $("$B" list --cluster 9 --db "$DB" | head -n 2)"
# usage errors name the command and what is wrong with the option
for args in "list --cluster:list: option '--cluster' needs a value" \
	"directives --unit:directives: option '--unit' needs a value" \
	"log 4 -o:log: option '-o' needs a value" \
	"reopen 4 --bogus:reopen: unknown option '--bogus'" \
	"approve 4 --reason x:approve: unknown option '--reason'" \
	"export --conference abc:'abc' is not a conference id"; do
	cmd=${args%%:*} want=${args#*:}
	# shellcheck disable=SC2086
	"$B" $cmd --db "$DB" 2>"$T/err" >/dev/null; rc=$?
	[ "$rc" -eq 2 ] && grep -qF "$want" "$T/err" &&
		grep -qF "Try 'bienban ${cmd%% *} --help' for its options." "$T/err" && ok "bienban $cmd: $want" ||
		no "bienban $cmd (rc $rc): $(head -n 1 "$T/err")"
done
"$B" list --db "$DB" | head -n 1 | grep -q '^   ID  DATE        CLUSTER  PERIOD' && ok "list's heading says CLUSTER" ||
	no "list's heading: $("$B" list --db "$DB" | head -n 1)"
has "a unit's name whole in the owner column" '  Đoàn Khối doanh nghiệp tỉnh   '
expect_rc 0 "directives in Vietnamese" env LANGUAGE=vi "$B" directives --db "$DB"
has "a due date written as Vietnamese write it" '^    5  15/05/2023  '
expect_rc 0 "list in Vietnamese" env LANGUAGE=vi "$B" list --db "$DB"
has "a meeting's day written as Vietnamese write it" '^    4  12/04/2023  '
"$B" export 1 --db "$DB" --format json | python3 -c 'import json, sys
d = json.load(sys.stdin)
d["meetings"][0]["directives"][0]["owner"] = "Ban Thường vụ Đoàn Khối các cơ quan và doanh nghiệp tỉnh"
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False)' "$T/long-owner.json"
"$B" import "$T/long-owner.json" --db "$T/long.db" >/dev/null 2>&1
expect_rc 0 "directives, a long owner" "$B" directives --db "$T/long.db"
has "a longer owner cut with an ellipsis" '  Ban Thường vụ Đoàn Khối các c…  '
has "old due dates are overdue" 'OVERDUE'
expect_rc 0 "directives --open --json" "$B" directives --db "$DB" --open --json
json "only open ones" 'len(d) > 0 and all(x["status"] == "open" for x in d)'
json "overdue flagged" 'all(x["overdue"] == (x["due"] is not None) for x in d)'
expect_rc 0 "directives --unit (folded)" "$B" directives --db "$DB" --unit "van canh" --json
json "unit filter" 'len(d) > 0 and all("Vân Canh" in x["owner"] for x in d if x["owner"] != "Các đơn vị trong Cụm")'
# A directive to "Các đơn vị trong Cụm" is each of its meeting's units':
# Vân Canh's cluster (1) gives its four; no other cluster's.
json "unit filter: the shared ones of its own cluster only" '[x["cluster"] for x in d if x["owner"] == "Các đơn vị trong Cụm"] == [1, 1, 1, 1]'
expect_rc 2 "directives extra argument" "$B" directives --db "$DB" foo

# ---- approve, reopen, log ----
expect_rc 0 "approve 4" "$B" approve 4 --db "$DB"
has "approve says read-only" 'approved'
expect_rc 1 "approve twice" "$B" approve 4 --db "$DB"
has "already approved" 'already approved' "$T/err"
expect_rc 1 "approve unknown" "$B" approve 99 --db "$DB"
expect_rc 2 "approve non-number" "$B" approve x --db "$DB"
expect_rc 2 "reopen without reason" "$B" reopen 4 --db "$DB"
expect_rc 2 "reopen with empty reason" "$B" reopen 4 --reason "  " --db "$DB"
expect_rc 1 "reopen --read-only" "$B" reopen 4 --reason "x" --db "$DB" --read-only
expect_rc 0 "reopen with reason" "$B" reopen 4 --reason "Sửa số liệu đoàn viên" --db "$DB"
expect_rc 1 "reopen a closed meeting" "$B" reopen 4 --reason "x" --db "$DB"
has "nothing to reopen" 'not approved' "$T/err"
expect_rc 0 "log" "$B" log 4 --db "$DB"
has "log shows the approval" "$(printf 'status\tclosed\tapproved')"
has "log shows the reason" 'Sửa số liệu đoàn viên'
has "log names the user" "$(id -un)"
expect_rc 0 "log --json -o" "$B" log 4 --json -o "$T/log.json" --db "$DB"
cp "$T/log.json" "$T/out"
json "log json" 'len(d) == 2 and d[1]["old"] == "approved" and d[1]["reason"] == "Sửa số liệu đoàn viên"'
expect_rc 1 "log -o refuses to overwrite" "$B" log 4 --json -o "$T/log.json" --db "$DB"
expect_rc 1 "log unknown meeting" "$B" log 77 --db "$DB"
expect_rc 0 "approve again" "$B" approve 4 --db "$DB"

# ---- check ----
expect_rc 0 "check ok" "$B" check --db "$DB"
expect_rc 0 "check --read-only ok" "$B" check --db "$DB" --read-only
# Damage the index content behind bienban's back (no triggers in sqlite3).
sqlite3 "$DB" "UPDATE search_doc SET speaker = 'x' WHERE src = 5" 2>/dev/null ||
	sqlite3 "$DB" "PRAGMA trusted_schema=0; DROP TRIGGER search_doc_au; UPDATE search_doc SET speaker = 'x' WHERE src = 5;"
expect_rc 1 "check finds a stale index" "$B" check --db "$DB"
has "check says which row" 'search: the index of conclusion [0-9]* is out of date'
has "check counts problems" 'problems* found' "$T/err"
expect_rc 2 "check --rebuild-index --read-only is refused" "$B" check --rebuild-index --db "$DB" --read-only
expect_rc 0 "check --rebuild-index repairs the index" "$B" check --rebuild-index --db "$DB"
has "rebuild says so" 'search index rebuilt'
has "and the check after it is clean" ': ok$'
expect_rc 0 "check ok after the rebuild" "$B" check --db "$DB"

[ "$fails" -eq 0 ] && echo "all passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
