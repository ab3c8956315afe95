#!/bin/sh
# run.sh - build the libFuzzer targets of tests/fuzz with clang
# (-fsanitize=fuzzer,address,undefined), replay the regression cases
# (tests/fuzz/regress/TARGET/*: inputs that once crashed), then fuzz each
# target for FUZZ_SECONDS (default 30) from its seed corpus (the demo,
# the fixtures, the goldens). Exit 0 when nothing crashed, 77 (skipped)
# without clang's fuzzer runtime.
#   tests/fuzz/run.sh BUILD_DIR [TARGET...]      (targets: import search editor)
# Run longer:  FUZZ_SECONDS=3600 tests/fuzz/run.sh build import
# A crash leaves crash-* in BUILD_DIR/fuzz/TARGET: copy it into
# tests/fuzz/regress/TARGET/ with the fix.
set -u
build=$(cd "${1:?usage: run.sh BUILD_DIR [TARGET...]}" && pwd) || exit 1
shift
src=$(cd "$(dirname "$0")/../.." && pwd)
targets=${*:-import search editor}
secs=${FUZZ_SECONDS:-30}
CLANG=${CLANG:-clang}
out=$build/fuzz
mkdir -p "$out/obj"

command -v "$CLANG" >/dev/null 2>&1 || { echo "no $CLANG: skipped"; exit 77; }
echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){return 0;}' >"$out/probe.c"
"$CLANG" -fsanitize=fuzzer "$out/probe.c" -o "$out/probe" 2>/dev/null ||
	{ echo "clang has no libFuzzer runtime (libclang-rt-dev): skipped"; exit 77; }
[ -f "$build/embedded.c" ] || { echo "$build/embedded.c missing: build first"; exit 1; }

san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
cflags="-std=c11 -g -O1 $san -D_GNU_SOURCE -DBB_VERSION=\"fuzz\" -DLOCALEDIR=\"/nonexistent\"
 -Wno-unused-parameter -I$src/include -I$src/src/store -I$src/src/doc -I$src/src/tui
 $(pkg-config --cflags sqlite3 libutf8proc jansson libzip ncursesw)"
libs="$(pkg-config --libs sqlite3 libutf8proc jansson libzip ncursesw) -ldl"

# The sources each target needs, instrumented for coverage.
core="$(ls "$src"/src/base/*.c "$src"/src/store/*.c "$src"/src/doc/*.c) $build/embedded.c"
editor_src="$(ls "$src"/src/base/*.c) $src/src/tui/editor.c $src/src/tui/keys.c"
objs() { # objs FILE... : compile what changed, print the objects
	for f in "$@"; do
		o=$out/obj/$(echo "$f" | sed "s|^$src/||; s|^$build/||; s|/|_|g; s|\.c$|.o|")
		if [ ! -f "$o" ] || [ "$f" -nt "$o" ]; then
			# shellcheck disable=SC2086
			"$CLANG" $cflags -fsanitize=fuzzer-no-link -c "$f" -o "$o" || return 1
		fi
		echo "$o"
	done
}

rc=0
for t in $targets; do
	case $t in
	editor) files=$editor_src ;;
	*) files=$core ;;
	esac
	o=$(objs $files) || { echo "fuzz_$t: compile failed"; rc=1; continue; }
	# shellcheck disable=SC2086
	"$CLANG" $cflags -fsanitize=fuzzer "$src/tests/fuzz/fuzz_$t.c" $o $libs \
		-o "$out/fuzz_$t" || { echo "fuzz_$t: link failed"; rc=1; continue; }
	# The seed corpus, fresh each run; what the fuzzer finds stays in work/.
	seeds=$out/$t/seeds work=$out/$t/work
	rm -rf "$seeds"
	mkdir -p "$seeds" "$work"
	case $t in
	import) cp "$src"/db/demo.json "$src"/tests/fixtures/*.json "$seeds"/ ;;
	search) cp "$src"/tests/fuzz/seeds/search/* "$seeds"/
		cp "$src"/tests/golden/*.txt "$seeds"/ ;;
	editor) cp "$src"/tests/fuzz/seeds/editor/* "$seeds"/ ;;
	esac
	reg=$src/tests/fuzz/regress/$t
	if [ -d "$reg" ] && [ -n "$(ls "$reg")" ]; then
		"$out/fuzz_$t" -runs=0 "$reg"/* >"$out/$t/regress.log" 2>&1 ||
			{ echo "fuzz_$t: a regression case fails again:"; tail -40 "$out/$t/regress.log"; rc=1; continue; }
	fi
	(cd "$out/$t" && "$out/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 "$work" "$seeds" >"$out/$t/fuzz.log" 2>&1)
	r=$?
	grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$out/$t/fuzz.log" | head -2
	if [ $r -ne 0 ]; then
		echo "fuzz_$t: failed (exit $r); the input is in $out/$t:"
		tail -60 "$out/$t/fuzz.log"
		rc=1
	else
		echo "fuzz_$t: ${secs}s, no crash"
	fi
done
exit $rc
