#!/bin/sh
# run.sh NAME - run tests/screens/NAME.script under bb-vt against bienban
# with a fresh demo store. The script's first line may be "# size RxC"
# and "# args ..." (bienban's arguments; default: --db $BB_DB); lines
# "# env NAME=value" are exported for the program (e.g. LANGUAGE=vi; the
# value may name $BB_TMP); lines "# setup COMMAND" run (sh) before it
# starts, e.g. to import a fixture into $BB_DB.
set -u
name=$1
here=$(cd "$(dirname "$0")" && pwd)
script="$here/$name.script"
: "${BIENBAN_BIN:?}"
vt="$(dirname "$BIENBAN_BIN")/tests/vt/bb-vt"
BB_TMP=$(mktemp -d /tmp/bb-screen-XXXXXX)
# Not exec'd at the end: the trap must outlive bb-vt (an exec'd run left
# every test's directory behind, 1,500 of them in /tmp after a day).
trap 'rm -rf "$BB_TMP"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
BB_DB="$BB_TMP/demo.db"
# The home screen's snapshot (src/tui/home_snapshot.h) of this test only;
# BB_VT lets a setup line run bienban once before the test.
XDG_CACHE_HOME="$BB_TMP/cache"
BB_VT=$vt
export BB_TMP BB_DB XDG_CACHE_HOME BB_VT
"$BIENBAN_BIN" demo --db "$BB_DB" >/dev/null || exit 1
size=$(sed -n 's/^# size \([0-9]*x[0-9]*\)$/\1/p' "$script" | head -n 1)
args=$(sed -n 's/^# args //p' "$script" | head -n 1)
[ -n "$args" ] || args='--db $BB_DB'
for e in $(sed -n 's/^# env //p' "$script"); do eval "export $e"; done
sed -n 's/^# setup //p' "$script" | while IFS= read -r cmd; do
	sh -c "$cmd" || { echo "setup failed: $cmd" >&2; exit 1; }
done || exit 1
eval "set -- $args"
# Each test in its own working directory: exported files never collide
# between tests run in parallel.
cd "$BB_TMP" || exit 1
"$vt" -s "${size:-24x80}" "$script" -- "$BIENBAN_BIN" "$@"
