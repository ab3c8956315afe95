#!/bin/sh
# shared_store.sh - the README's shared store for many readers, for real:
# the store belongs to one user (the secretary, here root) in a setgid
# directory of a group; a reviewer in that group, without write access to
# the store or its directory, opens it --read-only while the secretary
# keeps it open and writes. Needs root (to make a throwaway user) and
# setpriv; otherwise it says why and skips (exit 77).
set -u
B=${BIENBAN_BIN:?}
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null || ! command -v useradd >/dev/null; then
	echo "SKIP: needs root, setpriv and useradd to create a throwaway reviewer"
	exit 77
fi
G=bbgrp$$ U=bbrev$$
T=$(mktemp -d /tmp/bb-shared-XXXXXX)
cleanup() {
	[ -n "${HOLD:-}" ] && kill "$HOLD" 2>/dev/null
	userdel "$U" 2>/dev/null
	groupdel "$G" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
groupadd "$G" && useradd -M -N -g "$G" -s /bin/sh "$U" || { echo "cannot create a user"; exit 1; }
as_reviewer() { setpriv --reuid="$U" --regid="$G" --clear-groups "$@"; }

# The setup of the README, step by step.
chmod 755 "$T"
D="$T/bienban"
install -d -m 2750 -g "$G" "$D"
"$B" demo --db "$D/bienban.db" >/dev/null || no "secretary creates the store"
chmod 640 "$D/bienban.db" "$D/bienban.db-wal" "$D/bienban.db-shm"
ls -l "$D" | sed 's/^/    /'
[ -e "$D/bienban.db-wal" ] && [ -e "$D/bienban.db-shm" ] && ok "-wal and -shm stay after the writer closed" ||
	no "-wal and -shm stay after the writer closed"
[ "$(stat -c %G "$D/bienban.db")" = "$G" ] && ok "the store belongs to the group" || no "the store belongs to the group"
as_reviewer sh -c "test -w '$D/bienban.db' || test -w '$D'" && no "reviewer cannot write the store" ||
	ok "reviewer has no write access to the store or its directory"

# Nobody holds the store open: the reviewer reads.
as_reviewer "$B" list --db "$D/bienban.db" --read-only >"$T/out" 2>"$T/err" &&
	grep -q 'Cụm thi đua số 4' "$T/out" && ok "reviewer lists (store closed)" || { no "reviewer lists (store closed)"; cat "$T/err"; }
as_reviewer "$B" search --db "$D/bienban.db" doan >"$T/out" 2>"$T/err" &&
	grep -q '\[Đoàn\]' "$T/out" && ok "reviewer searches without --read-only (not writable = read-only)" ||
	{ no "reviewer searches"; cat "$T/err"; }
as_reviewer "$B" approve 4 --db "$D/bienban.db" >"$T/out" 2>"$T/err"
[ $? -eq 1 ] && grep -q 'read-only' "$T/err" && ok "reviewer cannot approve" || { no "reviewer cannot approve"; cat "$T/err"; }

# The secretary keeps the store open (a reader connection of its own that
# never ends) and writes; the reviewer sees the writes from the WAL.
python3 - "$D/bienban.db" "$T/holding" <<'EOF' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM meetings").fetchone()
open(sys.argv[2], "w").close()  # the connection is open: say so
time.sleep(60)
EOF
HOLD=$!
# Wait until it holds the store open (a fixed sleep lost the race under load).
i=0
while [ ! -e "$T/holding" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -e "$T/holding" ] || no "the secretary's connection opened within 10 s"
"$B" approve 4 --db "$D/bienban.db" >/dev/null || no "secretary approves"
cat >"$T/m.json" <<'EOF'
{"format": "bienban/1", "meetings": [{"title": "Hội nghị giao ban Cụm thi đua số 4 quý II/2023",
 "cluster": 4, "period": "II/2023", "starts_at": "2023-07-12T08:00",
 "agenda": [{"title": "Báo cáo", "notes": [{"text": "Đoàn phường tổ chức ngày hội khinhkhicau"}]}]}]}
EOF
"$B" import "$T/m.json" --db "$D/bienban.db" >/dev/null || no "secretary imports a meeting"
[ -s "$D/bienban.db-wal" ] && ok "the writes sit in the WAL (not checkpointed)" || no "the writes sit in the WAL"
as_reviewer "$B" list --db "$D/bienban.db" --read-only --json >"$T/out" 2>"$T/err" &&
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(m["id"]==4 and m["status"]=="approved" for m in d) and len(d)==5' "$T/out" &&
	ok "reviewer sees the approval and the new meeting while the secretary is on" ||
	{ no "reviewer sees the secretary's writes"; cat "$T/err" "$T/out"; }
as_reviewer "$B" search --db "$D/bienban.db" --read-only khinhkhicau >"$T/out" 2>"$T/err" &&
	grep -q 'khinhkhicau' "$T/out" && ok "reviewer finds the new note" || { no "reviewer finds the new note"; cat "$T/err"; }
as_reviewer "$B" check --db "$D/bienban.db" --read-only >"$T/out" 2>"$T/err" &&
	ok "reviewer checks the store" || { no "reviewer checks the store"; cat "$T/out" "$T/err"; }
kill "$HOLD" 2>/dev/null
wait "$HOLD" 2>/dev/null
HOLD=
"$B" check --db "$D/bienban.db" >/dev/null && ok "secretary's check is clean" || no "secretary's check is clean"
[ -z "$(find "$D" -user "$U")" ] && ok "the reviewer left no files" || no "the reviewer left no files"

[ "$fails" -eq 0 ] && echo "all passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
