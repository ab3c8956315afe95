#!/bin/sh
# after_conclusions.sh - what is said once the chair's conclusions are
# given (the closing words, the minutes adopted) prints after them and the
# directives in the minutes, not before (db/011_note_after_conclusions.sql):
# the interchange carries it as a note's "after_conclusions": true, kept
# through export, import and export again; a value that is not a boolean
# is refused with nothing imported; a store of schema 10 is upgraded with
# its minutes unchanged.
set -u
B=${BIENBAN_BIN:?}
T=$(mktemp -d /tmp/bb-after-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else no "$1: got '$2', want '$3'"; fi; }
line_of() { grep -n -F "$1" "$2" | head -1 | cut -d: -f1; }

"$B" demo --db "$T/a.db" >/dev/null || { echo "cannot make the demo store"; exit 1; }
"$B" export 4 --db "$T/a.db" >"$T/before.txt" || exit 1
"$B" export 4 --format json --db "$T/a.db" -o "$T/m4.json" || exit 1
python3 - "$T/m4.json" "$T/closing.json" "$T/bad.json" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
m = d["meetings"][0]
m["title"] += " (bế mạc)"
item = m["agenda"][-1]
item["notes"].append({"at": item["notes"][-1]["at"], "speaker": m["attendees"][0]["name"],
                      "kind": "statement", "text": "Tuyên bố bế mạc Hội nghị.",
                      "after_conclusions": True})
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
item["notes"][-1]["after_conclusions"] = "yes"
m["title"] += " 2"
json.dump(d, open(sys.argv[3], "w"), ensure_ascii=False)
PY
cp "$T/a.db" "$T/old.db"

"$B" import "$T/closing.json" --db "$T/a.db" >/dev/null || no "the import of the closing note"
new=$(sqlite3 "$T/a.db" "SELECT id FROM meetings WHERE title LIKE '%(bế mạc)'")
"$B" export "$new" --db "$T/a.db" >"$T/closing.txt" || no "the export of the minutes"
said=$(line_of "Tuyên bố bế mạc Hội nghị." "$T/closing.txt")
table=$(line_of "Nhiệm vụ được giao:" "$T/closing.txt")
first=$(line_of "1. " "$T/closing.txt")
end=$(line_of "Hội nghị kết thúc vào lúc" "$T/closing.txt")
if [ -n "$said" ] && [ -n "$table" ] && [ "$said" -gt "$table" ] && [ "$said" -lt "$end" ]; then
	ok "the closing words print after the directives, before the end line"
else no "the closing words at line ${said:-none}, the directives at ${table:-none}, the end at $end"; fi
check "nothing else of the minutes moved (lines only added, save the title's)" \
	"$(diff "$T/before.txt" "$T/closing.txt" | grep '^<' | grep -v -c 'CỤM THI ĐUA\|Cụm thi đua')" 0
check "the flag is stored" \
	"$(sqlite3 "$T/a.db" "SELECT after_conclusions FROM notes WHERE text = 'Tuyên bố bế mạc Hội nghị.'")" 1

# export, import into an empty store, export: the same document
"$B" export "$new" --format json --db "$T/a.db" -o "$T/again.json" || exit 1
check "the export says after_conclusions" "$(grep -c '"after_conclusions": true' "$T/again.json")" 1
"$B" init --db "$T/b.db" >/dev/null || exit 1
"$B" import "$T/again.json" --db "$T/b.db" >/dev/null || no "the import into an empty store"
id=$(sqlite3 "$T/b.db" "SELECT id FROM meetings")
"$B" export "$id" --format json --db "$T/b.db" -o "$T/third.json" || exit 1
python3 - "$T/again.json" "$T/third.json" <<'PY' && ok "export, import, export: the same meeting" || no "the round trip changed the meeting"
import json, sys
a, b = (json.load(open(p))["meetings"][0] for p in sys.argv[1:3])
for m in (a, b):
    m.pop("id", None)
sys.exit(0 if a == b else 1)
PY
"$B" export "$id" --db "$T/b.db" >"$T/b.txt"
if cmp -s "$T/closing.txt" "$T/b.txt"; then ok "and the same minutes"
else no "the minutes changed in the round trip"; diff "$T/closing.txt" "$T/b.txt"; fi

# not a boolean: refused, nothing imported
n0=$(sqlite3 "$T/a.db" "SELECT count(*) FROM meetings")
"$B" import "$T/bad.json" --db "$T/a.db" >/dev/null 2>"$T/bad.err" && no "a string for after_conclusions was taken"
grep -q 'after_conclusions' "$T/bad.err" && ok "the error names the field: $(cat "$T/bad.err")" ||
	no "the error does not name the field: $(cat "$T/bad.err")"
check "nothing imported" "$(sqlite3 "$T/a.db" "SELECT count(*) FROM meetings")" "$n0"

# a store of schema 10 is upgraded; its minutes are the same
sqlite3 "$T/old.db" <"${BIENBAN_SRC:?}/tests/fixtures/drop-011.sql" >/dev/null || exit 1
sqlite3 "$T/old.db" "SELECT count(*) FROM pragma_table_info('notes') WHERE name = 'after_conclusions'" |
	grep -qx 0 || no "the schema 10 store still has the column"
"$B" list --db "$T/old.db" >/dev/null 2>&1 || no "the upgrade from schema 10"
check "the upgraded notes are before the conclusions" \
	"$(sqlite3 "$T/old.db" "SELECT count(*) FROM notes WHERE after_conclusions = 0") / $(sqlite3 "$T/old.db" "SELECT count(*) FROM notes")" \
	"$(sqlite3 "$T/old.db" "SELECT count(*) FROM notes") / $(sqlite3 "$T/old.db" "SELECT count(*) FROM notes")"
"$B" export 4 --db "$T/old.db" >"$T/old.txt"
if cmp -s "$T/before.txt" "$T/old.txt"; then ok "meeting 4's minutes unchanged by the upgrade"
else no "meeting 4's minutes changed by the upgrade"; fi

[ "$fails" -eq 0 ] || exit 1
