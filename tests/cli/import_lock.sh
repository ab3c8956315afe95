#!/bin/sh
# import_lock.sh - an import does not hold the store's write lock while it
# reads and checks its input (issue 16): the import reads a pipe that the
# test keeps open; meanwhile another writer must get BEGIN IMMEDIATE at
# once (busy timeout 0) and write a row. Then the input is finished and the
# import must still succeed, all of it.
#
# Then the same while the import STAGES its rows (BIENBAN_TEST_STAGE_PAUSE
# holds it after its first meeting is staged): another writer writes at
# once and its row is kept; a meeting that another writer stores
# meanwhile makes the final copy fail, in words, with the store as it
# was; the staging file (in $TMPDIR) is gone afterwards; kill -9 during
# staging leaves the store untouched and the next import works (and
# removes the dead import's staging file).
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

# ---- while staging ----
mkdir "$T/tmp"
export TMPDIR="$T/tmp"
# Three meetings under new titles: the first staged, then the pause.
retitle() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
one=d["meetings"][0]
d["meetings"]=[]
for k in range(3):
    m=json.loads(json.dumps(one))
    m["title"]=m["title"]+" "+sys.argv[3]+str(k)
    m.pop("id",None)
    d["meetings"].append(m)
json.dump(d,open(sys.argv[2],"w"),ensure_ascii=False)' "$T/m4.json" "$1" "$2"
}
count() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$T/b.db" "$1"; }
staging_files() { ls "$T/tmp" | grep -c '^bienban-import-.*\.db$'; }
wait_pause() {
	for _ in $(seq 200); do [ -e "$T/pause" ] && return 0; sleep 0.05; done
	return 1
}
retitle "$T/s1.json" "(giai đoạn chuẩn bị)"
before=$(count "SELECT count(*) FROM meetings")
BIENBAN_TEST_STAGE_PAUSE="$T/pause" "$B" import "$T/s1.json" --db "$T/b.db" >"$T/out" 2>"$T/err" &
IMP=$!
wait_pause && ok "the import pauses while staging" || no "the import pauses while staging"
[ "$(staging_files)" = 1 ] && ok "a staging file in TMPDIR while staging" || no "a staging file in TMPDIR while staging ($(ls "$T/tmp"))"
writer "$T/b.db" 2>"$T/werr" && ok "another writer writes at once while the import stages" ||
	{ no "another writer writes at once while the import stages"; cat "$T/werr"; }
rm -f "$T/pause"
wait "$IMP"
rc=$?
IMP=
[ "$rc" -eq 0 ] && grep -q '^imported 3 meetings' "$T/out" && ok "the staged import then succeeds" ||
	{ no "the staged import then succeeds (rc $rc)"; cat "$T/out" "$T/err"; }
[ "$(count "SELECT count(*) FROM meetings")" = $((before + 3)) ] && ok "all three meetings are stored" ||
	no "all three meetings are stored"
[ "$(count "SELECT count(*) FROM t_probe")" = 3 ] && ok "the other writer's row is kept" || no "the other writer's row is kept"
[ "$(staging_files)" = 0 ] && ok "the staging file is gone" || no "the staging file is gone ($(ls "$T/tmp"))"
new="(SELECT id FROM meetings WHERE title LIKE '%giai đoạn chuẩn bị%')"
indexed=$(count "SELECT count(*) FROM search_doc WHERE meeting_id IN $new")
[ "$indexed" -gt 0 ] && [ "$indexed" = "$(count "SELECT count(*) FROM search_src WHERE meeting_id IN $new")" ] &&
	"$B" check --db "$T/b.db" >"$T/check" 2>&1 && ok "the staged meetings are in the search index ($indexed rows), check passes" ||
	{ no "the staged meetings are in the search index ($indexed rows)"; cat "$T/check"; }

# A duplicate stored by another writer during staging: the copy fails.
retitle "$T/s2.json" "(trùng)"
python3 -c 'import json,sys
d=json.load(open(sys.argv[1])); d["meetings"]=d["meetings"][:1]
json.dump(d,open(sys.argv[2],"w"),ensure_ascii=False)' "$T/s2.json" "$T/s2dup.json"
BIENBAN_TEST_STAGE_PAUSE="$T/pause" "$B" import "$T/s2.json" --db "$T/b.db" >"$T/out" 2>"$T/err" &
IMP=$!
wait_pause || no "the second import pauses while staging"
"$B" import "$T/s2dup.json" --db "$T/b.db" >"$T/out2" 2>&1 && ok "another writer imports a meeting meanwhile" ||
	{ no "another writer imports a meeting meanwhile"; cat "$T/out2"; }
snap=$("$B" export --format json --db "$T/b.db" --conference 1 2>/dev/null | md5sum)
n_before=$(count "SELECT count(*) FROM meetings")
notes_before=$(count "SELECT count(*) FROM notes")
idx_before=$(count "SELECT count(*) FROM search_doc")
rm -f "$T/pause"
wait "$IMP"
rc=$?
IMP=
[ "$rc" -ne 0 ] && grep -q 'meetings\[0\]: duplicate of meeting [0-9]*, which another writer stored while this import was being prepared' "$T/err" &&
	grep -q 'nothing was imported' "$T/err" && ok "the final copy fails, in words" ||
	{ no "the final copy fails, in words (rc $rc)"; cat "$T/out" "$T/err"; }
[ "$(count "SELECT count(*) FROM meetings")" = "$n_before" ] && [ "$(count "SELECT count(*) FROM notes")" = "$notes_before" ] &&
	[ "$(count "SELECT count(*) FROM search_doc")" = "$idx_before" ] &&
	[ "$("$B" export --format json --db "$T/b.db" --conference 1 2>/dev/null | md5sum)" = "$snap" ] &&
	ok "the store is as it was" || no "the store is as it was"
[ "$(staging_files)" = 0 ] && ok "the staging file is gone after the failure" || no "the staging file is gone after the failure"
"$B" check --db "$T/b.db" >"$T/check" 2>&1 && ok "check finds the store sound" || { no "check finds the store sound"; cat "$T/check"; }

# kill -9 while staging.
retitle "$T/s3.json" "(ngắt)"
BIENBAN_TEST_STAGE_PAUSE="$T/pause" "$B" import "$T/s3.json" --db "$T/b.db" >"$T/out" 2>"$T/err" &
IMP=$!
wait_pause || no "the third import pauses while staging"
n_before=$(count "SELECT count(*) FROM meetings")
kill -9 "$IMP"
wait "$IMP" 2>/dev/null
IMP=
rm -f "$T/pause"
[ "$(count "SELECT count(*) FROM meetings")" = "$n_before" ] && ok "kill -9 while staging leaves the store untouched" ||
	no "kill -9 while staging leaves the store untouched"
"$B" import "$T/s3.json" --db "$T/b.db" >"$T/out" 2>"$T/err" && grep -q '^imported 3 meetings' "$T/out" &&
	ok "the next import works" || { no "the next import works"; cat "$T/out" "$T/err"; }
[ "$(staging_files)" = 0 ] && ok "and the dead import's staging file is removed" || no "and the dead import's staging file is removed ($(ls "$T/tmp"))"
"$B" check --db "$T/b.db" >"$T/check" 2>&1 && ok "check finds the store sound afterwards" || { no "check finds the store sound afterwards"; cat "$T/check"; }

# A signal while staging removes the staging file.
retitle "$T/s4.json" "(tín hiệu)"
BIENBAN_TEST_STAGE_PAUSE="$T/pause" "$B" import "$T/s4.json" --db "$T/b.db" >"$T/out" 2>"$T/err" &
IMP=$!
wait_pause || no "the fourth import pauses while staging"
kill -TERM "$IMP"
wait "$IMP" 2>/dev/null
IMP=
rm -f "$T/pause"
[ "$(staging_files)" = 0 ] && ok "SIGTERM while staging removes the staging file" || no "SIGTERM while staging removes the staging file ($(ls "$T/tmp"))"

[ "$fails" -eq 0 ] || { echo "$fails failed"; exit 1; }
