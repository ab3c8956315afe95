#!/bin/sh
# cli_basic.sh - the command line as a user runs it: exit codes, errors on
# stderr as "bienban: ...", store mode, round trip through files.
set -u
B=${BIENBAN_BIN:?}
T=$(mktemp -d /tmp/bb-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
expect_rc() { # expect_rc RC NAME CMD...
	want=$1 name=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$name"; else no "$name (exit $rc, want $want)"; cat "$T/err"; fi
}

expect_rc 0 "--version" "$B" --version
grep -q '^bienban ' "$T/out" || no "--version prints the version"
expect_rc 0 "--help" "$B" --help
grep -q 'bienban export MEETING' "$T/out" || no "--help lists export"
expect_rc 2 "unknown command is a usage error" "$B" frobnicate
grep -q "^bienban: unknown command 'frobnicate'" "$T/err" || no "usage error message"

# Default path from $XDG_DATA_HOME, created 0700/0600.
XDG_DATA_HOME="$T/xdg" expect_rc 0 "init at the XDG path" env -u BIENBAN_DB "$B" init
[ "$(stat -c %a "$T/xdg/bienban/bienban.db")" = 600 ] && ok "store is 0600" || no "store is 0600"
[ "$(stat -c %a "$T/xdg/bienban")" = 700 ] && ok "store dir is 0700" || no "store dir is 0700"
# $BIENBAN_DB beats XDG; --db beats both, before or after the command.
BIENBAN_DB="$T/env.db" expect_rc 0 "demo at \$BIENBAN_DB" "$B" demo
[ -f "$T/env.db" ] && ok "BIENBAN_DB used" || no "BIENBAN_DB used"
expect_rc 0 "demo" "$B" --db "$T/a.db" demo
expect_rc 0 "demo twice is fine" "$B" demo --db "$T/a.db"
expect_rc 0 "list" "$B" list --db "$T/a.db"
[ "$(grep -c 'Cụm thi đua số' "$T/out")" -eq 4 ] && ok "list shows 4 meetings" || no "list shows 4 meetings"
expect_rc 0 "list --cluster 4" "$B" --db "$T/a.db" list --cluster 4
[ "$(grep -c 'Cụm thi đua số 4' "$T/out")" -eq 1 ] && ok "cluster filter" || no "cluster filter"
expect_rc 0 "list --period I/2023 --json" "$B" --db "$T/a.db" list --period I/2023 --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==4 and all("id" in m and "title" in m for m in d)' "$T/out" \
	&& ok "list --json has id and title" || no "list --json has id and title"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert {m["conference_id"] for m in d}=={1}' "$T/out" \
	&& ok "list --json gives the conference id" || no "list --json gives the conference id"
"$B" show 4 --db "$T/a.db" | grep -q '^conference .*(id 1, for export --conference)$' \
	&& ok "show gives the conference id" || no "show gives the conference id"
expect_rc 0 "list --period II/2023 is empty" "$B" --db "$T/a.db" list --period II/2023 --json
[ "$(tr -d ' \n' <"$T/out")" = "[]" ] && ok "empty period" || no "empty period"
expect_rc 2 "bad --period" "$B" --db "$T/a.db" list --period Q9
expect_rc 0 "show 4" "$B" show 4 --db "$T/a.db"
grep -q 'Hà Duy Trung' "$T/out" && ok "show has the chair" || no "show has the chair"
expect_rc 1 "show unknown id" "$B" show 999 --db "$T/a.db"
grep -q '^bienban: no meeting with id 999' "$T/err" && ok "unknown id message" || no "unknown id message"
expect_rc 2 "show non-number" "$B" show abc --db "$T/a.db"
expect_rc 1 "missing store" "$B" list --db "$T/none.db"
grep -q 'no such store' "$T/err" && ok "missing store message" || no "missing store message"
[ ! -e "$T/none.db" ] && ok "list does not create a store" || no "list does not create a store"

# Export, import into an empty store, export again: same bytes.
expect_rc 0 "export json" "$B" export 4 --format json --db "$T/a.db" -o "$T/m4.json"
expect_rc 1 "export refuses to overwrite" "$B" export 4 --format json --db "$T/a.db" -o "$T/m4.json"
expect_rc 0 "export --force" "$B" export 4 --format json --db "$T/a.db" -o "$T/m4.json" --force
expect_rc 0 "import into empty" "$B" import "$T/m4.json" --db "$T/b.db"
"$B" export 4 --format json --db "$T/b.db" >"$T/m4b.json"
cmp -s "$T/m4.json" "$T/m4b.json" && ok "round trip is byte-identical" || no "round trip is byte-identical"
# A count and the range of the new ids, not every id.
"$B" export --conference 1 --format json --db "$T/a.db" -o "$T/conf.json" 2>/dev/null
expect_rc 0 "import a conference" "$B" import "$T/conf.json" --db "$T/c.db"
grep -qE '^imported 4 meetings: [0-9]+ to [0-9]+$' "$T/out" && [ "$(wc -l <"$T/out")" -eq 1 ] \
	&& ok "import prints a count and the id range" || { no "import prints a count and the id range"; cat "$T/out"; }
expect_rc 1 "import duplicate" "$B" import "$T/m4.json" --db "$T/b.db"
grep -q 'duplicate' "$T/err" && ok "duplicate message" || no "duplicate message"

# Bad input never changes the store.
cp "$T/b.db" "$T/b.before"
printf '{"format":"bienban/1","meetings":[{"title":"x","starts_at":"2023-01-01T08:00","attendees":[{"name":"A","role":"boss"}]}]}' >"$T/bad.json"
expect_rc 1 "import unknown enum" "$B" import "$T/bad.json" --db "$T/b.db"
grep -q 'meetings\[0\].attendees\[0\].role: unknown value "boss"' "$T/err" && ok "json path in error" || no "json path in error"
printf '{"format":"bienban/1","meetings":[{"title":"\377","starts_at":"2023-01-01T08:00"}]}' >"$T/bad8.json"
expect_rc 1 "import invalid UTF-8" "$B" import "$T/bad8.json" --db "$T/b.db"
grep -q 'invalid UTF-8 at byte 44' "$T/err" && ok "utf-8 byte position" || no "utf-8 byte position"
printf '{"format":"bienban/1","meetings":[{"title":"\033[2J","starts_at":"bad"}]}' >"$T/esc.json"
expect_rc 1 "import escape in bad field" "$B" import "$T/esc.json" --db "$T/b.db"
if grep -q "$(printf '\033')" "$T/err"; then no "no raw ESC in errors"; else ok "no raw ESC in errors"; fi
"$B" list --db "$T/b.db" >"$T/l1"; "$B" list --db "$T/b.before" >"$T/l2" 2>/dev/null
cmp -s "$T/l1" "$T/l2" && ok "store unchanged after bad imports" || no "store unchanged after bad imports"
expect_rc 1 "import missing file" "$B" import "$T/nope.json" --db "$T/b.db"

# Read-only refuses to write; check passes on a good store.
expect_rc 2 "import --read-only" "$B" import "$T/m4.json" --db "$T/b.db" --read-only
expect_rc 0 "check" "$B" check --db "$T/a.db"
grep -q ': ok' "$T/out" && ok "check says ok" || no "check says ok"
printf 'garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage' >"$T/g.db"
expect_rc 1 "garbage store refused" "$B" list --db "$T/g.db"

# The help comes from the command table: the README's list is
# `--help-markdown`, `--help` lists the same lines, every command has its
# own --help (options included), and --help after an option's value or
# after "--" is not a request for help.
"$B" --help-markdown >"$T/md"
awk '/^## Command line$/{on=1; next} on && /^```$/{n++; print; if (n == 2) exit; next} on && n == 1' \
	"$BIENBAN_SRC/README.md" >"$T/readme"
if cmp -s "$T/md" "$T/readme"; then ok "README's command list is --help-markdown"; else
	no "README's command list is --help-markdown"; diff "$T/readme" "$T/md"; fi
"$B" --help >"$T/help"
sed '1d;$d' "$T/md" | while IFS= read -r line; do
	grep -qxF -- "$line" "$T/help" || { echo "missing from --help: $line"; exit 1; }
done && ok "--help has every line of the list" || no "--help has every line of the list"
for c in live init demo list show export import search directives approve reopen log check; do
	"$B" "$c" --help >"$T/out" 2>"$T/err"; rc=$?
	if [ "$rc" -eq 0 ] && grep -q "^Usage: bienban $c" "$T/out" && [ ! -s "$T/err" ]; then :; else
		no "$c --help (exit $rc)"; fi
done
ok "every command has --help"
expect_rc 0 "export --help" "$B" export --help
grep -q -- '--width N' "$T/out" && grep -q -- '-o, --output FILE' "$T/out" &&
	ok "export --help lists its options" || no "export --help lists its options"
expect_rc 0 "search --help" "$B" search --help
grep -q -- '--limit N' "$T/out" && ok "search --help lists --limit" || no "search --help lists --limit"
expect_rc 1 "reopen --reason --help is a reason" "$B" reopen 99 --reason --help --db "$T/a.db"
grep -q '^Usage:' "$T/out" && no "reopen --reason --help shows no help" || ok "reopen --reason --help shows no help"
expect_rc 0 "search -- --help searches" "$B" search --db "$T/a.db" -- --help
grep -q '^Usage:' "$T/out" && no "search -- --help shows no help" || ok "search -- --help shows no help"

echo "cli_basic: $fails failed"
[ "$fails" -eq 0 ]
