#!/bin/sh
# hostile.sh - bienban against hostile files and damaged stores (issues 15
# and 16): export -o only onto regular files, modes from the umask, the
# import limit, short quotes of long values, impossible schema versions,
# empty files, strict ids, the search length limit, and a demo store
# truncated and byte-flipped page by page: every command says "damaged"
# (or works), exits 1 at most, and never crashes (the suite runs under
# ASan too).
set -u
B=${BIENBAN_BIN:?}
T=$(mktemp -d /tmp/bb-hostile-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
expect_rc() { # expect_rc RC NAME CMD...
	want=$1 name=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ "$rc" -eq "$want" ]; then ok "$name"; else no "$name (exit $rc, want $want)"; cat "$T/err"; fi
}
err_has() { # err_has NAME TEXT
	if grep -qF -- "$2" "$T/err"; then ok "$1"; else no "$1: no \"$2\" in:"; cat "$T/err"; fi
}
D=$T/d.db
"$B" --db "$D" demo >/dev/null || { echo "cannot make the demo"; exit 1; }

# ---- export -o: regular files only, modes ----
cd "$T" || exit 1
expect_rc 1 "-o /dev/null --force refused" "$B" --db "$D" export 1 -o /dev/null --force
err_has "  in words" "/dev/null is not a regular file"
[ -c /dev/null ] && ok "  /dev/null still a device" || no "  /dev/null still a device"
mkfifo "$T/fifo"
expect_rc 1 "-o FIFO --force refused" "$B" --db "$D" export 1 -o "$T/fifo" --force
[ -p "$T/fifo" ] && ok "  the FIFO is still a FIFO" || no "  the FIFO is still a FIFO"
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$T/sock"
expect_rc 1 "-o socket --force refused" "$B" --db "$D" export 1 -o "$T/sock" --force
expect_rc 1 "-o directory refused" "$B" --db "$D" export 1 -o "$T" --force
expect_rc 0 "stdout still goes to a pipe" sh -c "'$B' --db '$D' export 1 | cat >/dev/null"
(umask 027 && "$B" --db "$D" export 1 -o "$T/u027.txt")
[ "$(stat -c %a "$T/u027.txt")" = 640 ] && ok "new file 0666 & ~027 = 640" || no "new file mode $(stat -c %a "$T/u027.txt"), want 640"
(umask 0 && "$B" --db "$D" export 1 --format docx -o "$T/u0.docx")
[ "$(stat -c %a "$T/u0.docx")" = 666 ] && ok "new file 0666 & ~0 = 666" || no "new file mode $(stat -c %a "$T/u0.docx"), want 666"
chmod 604 "$T/u027.txt"
(umask 077 && "$B" --db "$D" export 2 -o "$T/u027.txt" --force)
[ "$(stat -c %a "$T/u027.txt")" = 604 ] && ok "--force keeps the replaced file's mode" || no "--force mode $(stat -c %a "$T/u027.txt"), want 604"
grep -q 'Cụm thi đua số 2' "$T/u027.txt" && ok "  and replaced it" || no "  and replaced it"
(umask 026 && "$B" --db "$D" log 1 -o "$T/log.tsv")
[ "$(stat -c %a "$T/log.tsv" 2>/dev/null)" = 640 ] && ok "change log TSV 0666 & ~026 = 640" || no "change log TSV mode $(stat -c %a "$T/log.tsv" 2>&1)"

# ---- import: the limit, devices, FIFOs, short quotes ----
expect_rc 1 "import /dev/zero refused" "$B" --db "$T/i.db" import /dev/zero
err_has "  in words" "/dev/zero is a device, not a file"
expect_rc 1 "import a directory refused" "$B" --db "$T/i.db" import "$T"
# A FIFO that never ends: refused at the limit (1 MiB here), not at OOM.
mkfifo "$T/endless"
yes '{"format": "bienban/1", "meetings": [' >"$T/endless" 2>/dev/null &
writer=$!
BIENBAN_TEST_IMPORT_LIMIT=1048576 expect_rc 1 "import a never-ending FIFO refused" \
	timeout 20 "$B" --db "$T/i.db" import "$T/endless"
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
err_has "  at the limit" "is larger than 1 MiB, the most bienban imports"
head -c 2000000 /dev/zero | tr '\0' ' ' >"$T/big.json"
BIENBAN_TEST_IMPORT_LIMIT=1048576 expect_rc 1 "import a larger file refused" "$B" --db "$T/i.db" import "$T/big.json"
err_has "  with the limit" "big.json is larger than 1 MiB"
BIENBAN_TEST_IMPORT_LIMIT=1048576 expect_rc 1 "  from standard input too" sh -c "'$B' --db '$T/i.db' import - <'$T/big.json'"
[ ! -e "$T/i.db" ] && ok "  no store made by a refused import" || no "  no store made by a refused import"
grep -q '1 GiB' "${BIENBAN_SRC:?}/README.md" && ok "README states the import limit" || no "README states the import limit"
python3 -c 'import sys; open(sys.argv[1],"w").write("{\"format\": \"" + "x"*5000000 + "\"}")' "$T/fmt.json"
expect_rc 1 "5 MB format value refused" "$B" --db "$T/i.db" import "$T/fmt.json"
[ "$(wc -c <"$T/err")" -lt 400 ] && ok "  quoted in a short line ($(wc -c <"$T/err") bytes)" || no "  quoted whole ($(wc -c <"$T/err") bytes)"
err_has "  ends with …" "xxx…\" is not \"bienban/1\""
python3 -c 'import sys; open(sys.argv[1],"w").write("{\"format\": \"bienban/1\", \"meetings\": [{\"title\": \"a\", \"starts_at\": \"2023-04-12T08:00\", \"status\": \"" + "\u202e"*100000 + "\"}]}")' "$T/enum.json"
expect_rc 1 "100,000 bidi controls as a status refused" "$B" --db "$T/i.db" import "$T/enum.json"
[ "$(wc -c <"$T/err")" -lt 400 ] && ok "  quoted short" || no "  quoted whole ($(wc -c <"$T/err") bytes)"
err_has "  the control shown" "<U+202E><U+202E>"

# ---- impossible schema versions, empty files ----
for v in -1 -2147483648; do
	cp "$D" "$T/v.db"
	sqlite3 "$T/v.db" "PRAGMA user_version = $v"
	expect_rc 1 "user_version $v refused" "$B" --db "$T/v.db" list
	err_has "  in words" "has schema version $v, which no bienban ever wrote"
done
: >"$T/empty.db"
for cmd in list "show 1" check "search đoàn" directives "export 1"; do
	# shellcheck disable=SC2086
	expect_rc 1 "$cmd on an empty file refused" "$B" --db "$T/empty.db" $cmd
done
[ ! -s "$T/empty.db" ] && ok "  the empty file is still empty" || no "  the empty file became a store"
err_has "  in words" "is an empty file, not a store"

# ---- strict ids ----
for id in " 4" "+4" "4 " "0x4" "4.0" "" "-4"; do
	expect_rc 2 "id '$id' refused" "$B" --db "$D" show "$id"
done
expect_rc 0 "id 4 accepted" "$B" --db "$D" show 4
expect_rc 2 "cluster ' 4' refused too" "$B" --db "$D" list --cluster " 4"
expect_rc 0 "cluster 4 accepted" "$B" --db "$D" list --cluster 4

# ---- the search length limit ----
q64=$(yes đoàn | head -64 | tr '\n' ' ')
expect_rc 0 "search of 64 words" "$B" --db "$D" search "$q64"
expect_rc 1 "search of 65 words refused" "$B" --db "$D" search "$q64 hội"
err_has "  in words" "the search is too long: at most 64 words and 1000 characters"
expect_rc 1 "search of 1001 characters refused" "$B" --db "$D" search "$(printf 'a%.0s' $(seq 1001))"
expect_rc 1 "speaker of 65 words refused" "$B" --db "$D" search đoàn --speaker "$q64 hội"

# ---- damaged stores: pages truncated, pages flipped ----
# The first pages (header, schema, the big tables' roots), then every
# third: a few hundred runs, fast enough under ASan.
size=$(stat -c %s "$D")
pages=$((size / 4096))
crashes=0 unclear=0 tried=0
for mode in trunc flip; do
	p=0
	while [ $p -lt $pages ]; do
		if [ $p -gt 5 ] && [ $((p % 3)) -ne 0 ]; then p=$((p + 1)); continue; fi
		rm -f "$T/t.db" "$T/t.db-wal" "$T/t.db-shm"
		cp "$D" "$T/t.db"
		if [ $mode = trunc ]; then
			truncate -s $((p * 4096 + 100)) "$T/t.db"
		else
			python3 -c 'import sys
p = int(sys.argv[2]); f = open(sys.argv[1], "r+b"); f.seek(p * 4096); d = bytearray(f.read(4096))
for i in range(0, len(d), 7): d[i] ^= 0x5a
f.seek(p * 4096); f.write(d)' "$T/t.db" $p
		fi
		for cmd in list "show 1" "export 4" "export 2 --format json" "search đoàn" check "log 1" directives; do
			tried=$((tried + 1))
			# shellcheck disable=SC2086
			"$B" --db "$T/t.db" $cmd >/dev/null 2>"$T/err"; rc=$?
			if [ $rc -gt 1 ]; then
				crashes=$((crashes + 1)); echo "$mode page $p: '$cmd' exit $rc"; head -5 "$T/err"
			elif [ $rc -eq 1 ] && ! grep -q 'damaged\|problem' "$T/err" && ! grep -q 'no meeting with id' "$T/err"; then
				unclear=$((unclear + 1)); echo "$mode page $p: '$cmd': $(head -1 "$T/err")"
			fi
		done
		p=$((p + 1))
	done
done
[ $crashes -eq 0 ] && ok "damaged stores: $tried runs, no crash" || no "damaged stores: $crashes of $tried runs crashed"
[ $unclear -eq 0 ] && ok "damaged stores: every failure says damaged" || no "damaged stores: $unclear failures not in words"
cp "$D" "$T/f.db"
python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(0); f.write(b"X" * 100)' "$T/f.db"
expect_rc 1 "a flipped header: list" "$B" --db "$T/f.db" list
err_has "  says damaged" "it is damaged or not a bienban store"
expect_rc 1 "a flipped header: check" "$B" --db "$T/f.db" check
err_has "  says damaged" "it is damaged or not a bienban store"
# A page of a table flipped: the command that reads it says so.
cp "$D" "$T/g.db"
python3 -c 'import sys
f = open(sys.argv[1], "r+b"); f.seek(4096); d = bytearray(f.read(4096 * 3))
for i in range(0, len(d), 7): d[i] ^= 0x5a
f.seek(4096); f.write(d)' "$T/g.db"
expect_rc 1 "flipped table pages: list" "$B" --db "$T/g.db" list
err_has "  says damaged" "the store is damaged (run 'bienban check'"

echo "$fails failed"
[ "$fails" -eq 0 ]
