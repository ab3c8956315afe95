#!/bin/sh
# import_lock.sh - an import does not hold the store's write lock while it
# reads and checks its input (issue 16): the import reads a pipe that the
# test keeps open; meanwhile another writer must get BEGIN IMMEDIATE at
# once (busy timeout 0) and write a row. Then the input is finished and the
# import must still succeed, all of it.
set -u
B=${BIENBAN_BIN:?}
T=$(mktemp -d /tmp/bb-implock-XXXXXX)
cleanup() {
	[ -n "${IMP:-}" ] && kill "$IMP" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }

"$B" demo --db "$T/a.db" >/dev/null || { echo "cannot make the demo store"; exit 1; }
"$B" export 4 --format json --db "$T/a.db" -o "$T/m4.json" || exit 1
"$B" import "$T/m4.json" --db "$T/b.db" >/dev/null || { echo "cannot make the second store"; exit 1; }
# The same meeting under another title: not a duplicate.
python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
ms=d["meetings"] if isinstance(d,dict) else d
for m in ms: m["title"]=m["title"]+" (bản sao)"
json.dump(d,open(sys.argv[2],"w"),ensure_ascii=False)' "$T/m4.json" "$T/m4x.json" || exit 1
before=$("$B" list --db "$T/b.db" | wc -l)

# A writer that must not wait: timeout 0, BEGIN IMMEDIATE, one row.
writer() {
	python3 -c 'import sqlite3,sys
c=sqlite3.connect(sys.argv[1],timeout=0,isolation_level=None)
c.execute("BEGIN IMMEDIATE")
c.execute("CREATE TABLE IF NOT EXISTS t_probe(x)")
c.execute("INSERT INTO t_probe VALUES (1)")
c.execute("COMMIT")' "$1"
}
writer "$T/b.db" 2>"$T/werr" && ok "a writer gets the lock (control)" || { no "a writer gets the lock (control)"; cat "$T/werr"; }

mkfifo "$T/in"
"$B" import - --db "$T/b.db" <"$T/in" >"$T/out" 2>"$T/err" &
IMP=$!
exec 3>"$T/in"
# Half of the input now, the rest later: the import is reading.
head -c 200 "$T/m4x.json" >&3
sleep 0.3
kill -0 "$IMP" 2>/dev/null && ok "the import is still reading its input" || no "the import is still reading its input"
writer "$T/b.db" 2>"$T/werr" && ok "another writer writes at once while the import reads" ||
	{ no "another writer writes at once while the import reads"; cat "$T/werr"; }
tail -c +201 "$T/m4x.json" >&3
exec 3>&-
wait "$IMP"
rc=$?
IMP=
[ "$rc" -eq 0 ] && grep -q '^imported 1 meeting' "$T/out" && ok "the import then succeeds" ||
	{ no "the import then succeeds (rc $rc)"; cat "$T/out" "$T/err"; }
after=$("$B" list --db "$T/b.db" | wc -l)
[ "$after" -gt "$before" ] && "$B" list --db "$T/b.db" | grep -q 'bản sao' && ok "the imported meeting is listed" ||
	no "the imported meeting is listed"
n=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM t_probe").fetchone()[0])' "$T/b.db")
[ "$n" = 2 ] && ok "the other writer's rows are kept" || no "the other writer's rows are kept ($n)"

[ "$fails" -eq 0 ] || { echo "$fails failed"; exit 1; }
