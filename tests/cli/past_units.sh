#!/bin/sh
# past_units.sh - the minutes of a closed meeting keep the units its
# cluster had when it closed (db/010_meeting_units.sql): an import that
# merges more units into the cluster changes none of the store's minutes,
# and the imported meeting counts the units its own file lists (one of
# them written decomposed, NFD); a store of schema 9 is upgraded with its
# closed meetings' units kept.
set -u
B=${BIENBAN_BIN:?}
T=$(mktemp -d /tmp/bb-units-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else no "$1: got '$2', want '$3'"; fi; }
total() { "$B" export "$1" --db "$2" | grep 'Tổng số:'; }

"$B" demo --db "$T/a.db" >/dev/null || { echo "cannot make the demo store"; exit 1; }
"$B" export 4 --db "$T/a.db" >"$T/before.txt" || exit 1
line=$(grep 'Tổng số:' "$T/before.txt")
check "the demo's meeting 4 counts its cluster's 4 units" "${line#*, }" "4/4 đơn vị có mặt."

# The same meeting from another office: its cluster has two more units.
"$B" export 4 --format json --db "$T/a.db" -o "$T/m4.json" || exit 1
python3 - "$T/m4.json" "$T/more.json" <<'PY' || exit 1
import json, sys, unicodedata
d = json.load(open(sys.argv[1]))
for c in d["clusters"]:
    # one unit fewer than the store's cluster, two it lacks: 5, merged 6
    c["units"] = c["units"][1:] + ["Đoàn phường Mới",
                                   unicodedata.normalize("NFD", "Đoàn xã Cát Tiến")]
m = d["meetings"][0]
m["title"] += " (bản sao)"
m["attendees"].append({"name": "Trần Văn Ân", "role": "delegate",
                       "unit": unicodedata.normalize("NFD", "Đoàn xã Cát Tiến"),
                       "presence": "present"})
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
cp "$T/a.db" "$T/old.db"
"$B" import "$T/more.json" --db "$T/a.db" >/dev/null 2>&1 || no "the import of the larger cluster"
"$B" export 4 --db "$T/a.db" >"$T/after.txt"
if cmp -s "$T/before.txt" "$T/after.txt"; then ok "meeting 4's minutes unchanged by the merged units"
else no "meeting 4's minutes changed:"; diff "$T/before.txt" "$T/after.txt"; fi
new=$(sqlite3 "$T/a.db" "SELECT id FROM meetings WHERE title LIKE '%(bản sao)'")
# present: the units of its attendees that the file's cluster lists
want=$(python3 - "$T/more.json" <<'PY'
import json, sys, unicodedata
d = json.load(open(sys.argv[1]))
units = [unicodedata.normalize("NFC", u) for u in d["clusters"][0]["units"]]
m = d["meetings"][0]
host = {a.get("unit") for a in m["attendees"] if a["role"] in ("chair", "secretary")}
here = {unicodedata.normalize("NFC", a["unit"]) for a in m["attendees"]
        if a.get("unit") and a.get("presence", "present") in ("present", "late")}
print("%d/%d đơn vị có mặt." % (len([u for u in units if u in here and u not in host]), len(units)))
PY
)
line=$(total "$new" "$T/a.db")
check "the imported meeting counts its file's 5 units (not the merged 6), the NFD one present" \
	"${line#*, }" "$want"

# A store of schema 9 (no kept units) is upgraded: its closed meetings keep
# the units their clusters have at the upgrade.
sqlite3 "$T/old.db" <"${BIENBAN_SRC:?}/tests/fixtures/drop-011.sql" >/dev/null || exit 1
sqlite3 "$T/old.db" "DROP TRIGGER meetings_units_close; DROP TRIGGER meetings_units_insert;
	DROP TABLE meeting_units; PRAGMA user_version = 9" || exit 1
"$B" list --db "$T/old.db" >/dev/null 2>&1 || no "the upgrade from schema 9"
check "the upgrade keeps meeting 4's 4 units" \
	"$(sqlite3 "$T/old.db" "SELECT count(*) FROM meeting_units WHERE meeting_id = 4")" 4
"$B" import "$T/more.json" --db "$T/old.db" >/dev/null 2>&1 || no "the import after the upgrade"
"$B" export 4 --db "$T/old.db" >"$T/after2.txt"
if cmp -s "$T/before.txt" "$T/after2.txt"; then ok "and its minutes after the import are unchanged"
else no "meeting 4's minutes changed after the upgrade"; fi

[ "$fails" -eq 0 ] || exit 1
