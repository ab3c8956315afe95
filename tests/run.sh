#!/bin/sh
# run.sh - the whole test suite, twice: a normal build and an
# AddressSanitizer + UBSan build (halt_on_error=1); the fuzz suite only in
# the first (its targets are sanitized builds of their own). Ends with the line
# "N passed, N failed". Usage: tests/run.sh [meson test args...]
set -u
cd "$(dirname "$0")/.." || exit 1
passed=0 failed=0
run_suite() { # run_suite BUILDDIR [meson setup options...]
	dir=$1; shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; failed=$((failed + 1)); return; }
	fi
	if ! ninja -C "$dir" >"$dir.ninja.log" 2>&1; then
		cat "$dir.ninja.log"; failed=$((failed + 1)); return
	fi
	meson test -C "$dir" --print-errorlogs --num-processes 2 ${SUITE_ARGS:-} ${MESON_TEST_ARGS:-}
	j="$dir/meson-logs/testlog.json"
	p=$(grep -c '"result": "OK"' "$j" 2>/dev/null); p=${p:-0}
	f=$(grep -c -E '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$j" 2>/dev/null); f=${f:-0}
	echo "$dir: $p passed, $f failed"
	passed=$((passed + p)); failed=$((failed + f))
}
run_suite build -Dwerror=true
# The fuzzers build their own sanitized binaries: their suite runs once.
SUITE_ARGS='--no-suite fuzz' ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true -Dbuildtype=debug
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
