#!/bin/sh
# reindex.sh - check --rebuild-index builds the index aside (issue 16).
# While it holds mid-way (BIENBAN_TEST_REINDEX_HOLD: its index built aside,
# not yet swapped in), another writer gets the lock at once and imports a
# meeting, whose words are found after the swap; the aside database is
# SQLite's temporary file, unlinked as soon as it is made; kill -9 at that
# point leaves the store and its index intact and no file behind; a
# writer holding the lock longer than a command waits (5 s) when the swap
# comes is waited for.
set -u
B=${BIENBAN_BIN:?}
T=$(mktemp -d /tmp/bb-reindex-XXXXXX)
cleanup() {
	[ -n "${RB:-}" ] && kill -9 "$RB" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
mkdir "$T/s" "$T/tmp"
DB="$T/s/a.db"
export SQLITE_TMPDIR="$T/tmp" TMPDIR="$T/tmp"
"$B" demo --db "$DB" >/dev/null || { echo "cannot make the demo store"; exit 1; }
"$B" export 4 --format json --db "$DB" -o "$T/m4.json" || exit 1
python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
ms=d["meetings"] if isinstance(d,dict) else d
for m in ms:
	m["title"]=m["title"]+" (bản sao)"
	for it in m.get("agenda",[]):
		for n in it.get("notes",[]):
			n["text"]=n["text"]+" Lưu niệm Quang Trung"
json.dump(d,open(sys.argv[2],"w"),ensure_ascii=False)' "$T/m4.json" "$T/m4x.json" || exit 1
hits() { "$B" search --db "$DB" --json --limit 1000 "$@" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
doan=$(hits doan)
[ "$(hits luu niem)" = 0 ] && ok "the new words are not in the store yet" || no "the new words are not in the store yet"

# A writer that must not wait: timeout 0, BEGIN IMMEDIATE, one row.
writer() {
	python3 -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1],timeout=0,isolation_level=None)
c.execute("BEGIN IMMEDIATE")
c.execute("CREATE TABLE IF NOT EXISTS t_probe(x)")
c.execute("INSERT INTO t_probe VALUES (1)")
c.execute("COMMIT")' "$1"
}
# Start a rebuild that holds mid-way; 0 when it holds.
hold_rebuild() {
	rm -f "$T/hold"
	BIENBAN_TEST_REINDEX_HOLD="$T/hold" "$B" check --rebuild-index --db "$DB" >"$T/out" 2>"$T/err" &
	RB=$!
	i=0
	while [ ! -e "$T/hold" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	[ -e "$T/hold" ]
}

# ---- another writer while the index is built aside ----
hold_rebuild && ok "the rebuild holds mid-way" || no "the rebuild holds mid-way"
writer "$DB" 2>"$T/werr" && ok "another writer gets the lock at once" || { no "another writer gets the lock at once"; cat "$T/werr"; }
"$B" import "$T/m4x.json" --db "$DB" >"$T/iout" 2>&1 && ok "another program imports a meeting meanwhile" ||
	{ no "another program imports a meeting meanwhile"; cat "$T/iout"; }
n=$(hits luu niem)
[ "$n" -gt 0 ] && ok "its words are found at once ($n)" || no "its words are found at once"
[ -z "$(ls -A "$T/tmp")" ] && ok "no file to be seen in TMPDIR" || { no "no file to be seen in TMPDIR"; ls -la "$T/tmp"; }
# (a small aside stays in SQLite's cache and has no file at all)
ls -l /proc/"$RB"/fd 2>/dev/null | grep "$T/tmp/" | grep -v '(deleted)$' >"$T/open"
[ ! -s "$T/open" ] && ok "an aside file in TMPDIR is unlinked already" ||
	{ no "an aside file in TMPDIR is unlinked already"; cat "$T/open"; }
rm -f "$T/hold"
wait "$RB"
rc=$?
RB=
[ "$rc" -eq 0 ] && grep -q 'search index rebuilt' "$T/out" && grep -q ': ok$' "$T/out" && ok "the rebuild then succeeds, check ok" ||
	{ no "the rebuild then succeeds, check ok (rc $rc)"; cat "$T/out" "$T/err"; }
[ "$(hits luu niem)" = "$n" ] && ok "the imported words are found after the swap" || no "the imported words are found after the swap ($(hits luu niem), want $n)"
[ "$(hits doan)" -gt "$doan" ] && ok "and the rest" || no "and the rest"
"$B" check --db "$DB" >"$T/out" 2>&1 && ok "check ok" || { no "check ok"; cat "$T/out"; }

# ---- a writer that holds the lock longer than 5 s when the swap comes ----
hold_rebuild && ok "the rebuild holds once more" || no "the rebuild holds once more"
python3 -c 'import sqlite3,sys,time
c=sqlite3.connect(sys.argv[1],timeout=0,isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2],"w").close()
time.sleep(7)
c.execute("COMMIT")' "$DB" "$T/locked" &
LK=$!
i=0
while [ ! -e "$T/locked" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
rm -f "$T/hold"
wait "$RB"
rc=$?
RB=
wait "$LK"
[ "$rc" -eq 0 ] && grep -q 'search index rebuilt' "$T/out" && ok "the swap waits for it, then succeeds" ||
	{ no "the swap waits for it, then succeeds (rc $rc)"; cat "$T/out" "$T/err"; }

# ---- kill -9 while the index is built aside ----
before=$("$B" search --db "$DB" --json --limit 1000 doan)
hold_rebuild && ok "the rebuild holds again" || no "the rebuild holds again"
kill -9 "$RB"
wait "$RB" 2>/dev/null
RB=
[ -z "$(ls -A "$T/tmp")" ] && ok "kill -9 leaves no file in TMPDIR" || { no "kill -9 leaves no file in TMPDIR"; ls -la "$T/tmp"; }
"$B" check --db "$DB" >"$T/out" 2>&1 && ok "the store and its index are intact" || { no "the store and its index are intact"; cat "$T/out"; }
ls "$T/s" | grep -v -x -e a.db -e a.db-wal -e a.db-shm >"$T/stray"
[ ! -s "$T/stray" ] && ok "no stray file beside the store" || { no "no stray file beside the store"; cat "$T/stray"; }
[ "$("$B" search --db "$DB" --json --limit 1000 doan)" = "$before" ] && ok "searches find what they found" || no "searches find what they found"
rm -f "$T/hold"
"$B" check --rebuild-index --db "$DB" >"$T/out" 2>&1 && ok "the next rebuild succeeds" || { no "the next rebuild succeeds"; cat "$T/out"; }
[ "$("$B" search --db "$DB" --json --limit 1000 doan)" = "$before" ] && ok "with the same hits" || no "with the same hits"

[ "$fails" -eq 0 ] || { echo "$fails failed"; exit 1; }
