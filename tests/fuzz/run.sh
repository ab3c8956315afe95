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
cflags="-g -O1 $san -Wno-unused-parameter"
[ -f "$build/compile_commands.json" ] || { echo "$build/compile_commands.json missing"; exit 1; }
# Each source is compiled with the include paths and defines meson gives
# it (compile_commands.json: the layers' walls, the libraries' flags), as
# a clang response file; the libraries come from the program's link line.
rsp() { # rsp SOURCE RSPFILE: 1 if meson does not build SOURCE
	python3 - "$build" "$1" "$2" <<'PY'
import json, os, shlex, sys
build, src, rsp = sys.argv[1:]
for e in json.load(open(os.path.join(build, "compile_commands.json"))):
	f = os.path.normpath(os.path.join(e["directory"], e["file"]))
	if f != os.path.normpath(src):
		continue
	args = shlex.split(e["command"]) if "command" in e else e["arguments"]
	keep, i = [], 0
	while i < len(args):
		a = args[i]
		if a in ("-I", "-isystem", "-D") and i + 1 < len(args):
			a, i = a + args[i + 1], i + 1
		if a.startswith("-I") or a.startswith("-isystem"):
			pre = "-I" if a.startswith("-I") else "-isystem"
			keep.append(pre + os.path.normpath(os.path.join(e["directory"], a[len(pre):])))
		elif a.startswith("-D") or a.startswith("-std="):
			keep.append(a)
		i += 1
	with open(rsp, "w") as out:
		for a in keep:
			out.write('"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"\n')
	sys.exit(0)
sys.exit(1)
PY
}
libs=$(cd "$build" && ninja -t commands bienban | tail -1 | tr ' ' '\n' |
	grep -E '^-l|^-L|\.so(\.[0-9]+)*$' | tr '\n' ' ')
libs="$libs -ldl"

# The sources each target needs, instrumented for coverage.
core="$(ls "$src"/src/base/*.c "$src"/src/store/*.c "$src"/src/doc/*.c) $build/embedded.c"
editor_src="$(ls "$src"/src/base/*.c) $src/src/tui/editor.c $src/src/tui/keys.c"
objs() { # objs FILE... : compile what changed, print the objects
	for f in "$@"; do
		o=$out/obj/$(echo "$f" | sed "s|^$src/||; s|^$build/||; s|/|_|g; s|\.c$|.o|")
		rsp "$f" "$o.rsp" || continue # not built by meson: not ours either
		if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ "$build/compile_commands.json" -nt "$o" ]; then
			# shellcheck disable=SC2086
			"$CLANG" $cflags "@$o.rsp" -fsanitize=fuzzer-no-link -c "$f" -o "$o" >&2 || return 1
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
	# The target sees what its layer sees: the editor's, or the doc layer's.
	case $t in
	editor) like=$src/src/tui/editor.c ;;
	*) like=$src/src/doc/interchange_import.c ;;
	esac
	rsp "$like" "$out/fuzz_$t.rsp" || { echo "fuzz_$t: no flags for $like"; rc=1; continue; }
	# shellcheck disable=SC2086
	"$CLANG" $cflags "@$out/fuzz_$t.rsp" -I"$src/src/store" -fsanitize=fuzzer \
		"$src/tests/fuzz/fuzz_$t.c" $o $libs -o "$out/fuzz_$t" ||
		{ echo "fuzz_$t: link failed"; rc=1; continue; }
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
