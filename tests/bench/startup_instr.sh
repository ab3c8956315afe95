#!/bin/sh
# startup_instr.sh BIENBAN_BIN [STORE] - the start-up in instructions, a
# measure the machine's load does not move: valgrind --tool=callgrind on
# bienban (home screen on the demo store, on STORE read-only if given, and
# `bienban live 1`) and on nano, each in a pty of 80x24 (script(1)).
# bienban's counts are cut where its start-up milestones are
# (--dump-before): to its frame (before store_open) and to its first
# screen with data (before start_marks_write); nano's is its whole run,
# to the key bar and out again at once (^X), so a little more than its
# start-up. The home screen is counted without and then with the snapshot
# of its list that a previous run left; nano also with the store's list
# (21 rows, as much text as bienban's home screen shows). Needs valgrind,
# script and nano.
# Prints instructions (Ir).
set -eu
bin=$1
store=${2:-}
tmp=$(mktemp -d /tmp/bb-instr-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
"$bin" demo --db "$tmp/demo.db" >/dev/null
printf 'Biên bản\n' >"$tmp/note.txt"
export TERM=xterm-256color LC_ALL=C.UTF-8

# run NAME KEYS COMMAND...: callgrind in a pty; KEYS are sent after 4 s.
run() {
	name=$1 keys=$2
	shift 2
	(sleep 4; printf "$keys") | script -qfc "stty rows 24 cols 80; valgrind --tool=callgrind \
--dump-before=store_open --dump-before=start_marks_write \
--callgrind-out-file=$tmp/$name.%p $*" /dev/null >/dev/null 2>&1 || true
}
# total FILE: the Ir of one dump.
total() {
	sed -n 's/^summary: *//p; s/^totals: *//p' "$1" | head -n 1
}
report() {
	name=$1
	set -- "$tmp/$name".*
	base=
	for f in "$@"; do case $f in *.[0-9]*.[0-9]*) ;; *) base=$f ;; esac; done
	p1=$(total "$base.1" 2>/dev/null || echo 0)
	p2=$(total "$base.2" 2>/dev/null || echo 0)
	printf '%-26s to frame %10d   to screen %10d\n' "$name" "$p1" $((p1 + p2))
}

# No snapshot of the home screen (src/tui/home_snapshot.h) for these: a
# cache folder of their own, empty.
export XDG_CACHE_HOME="$tmp/cache-none"
run home q "$bin" --db "$tmp/demo.db"
report home
if [ -n "$store" ]; then
	XDG_CACHE_HOME="$tmp/cache-none-big" run home-big q "$bin" --db "$store" --read-only
	report home-big
fi
# With the snapshot the previous run left: each store's own folder, a
# first run (q writes it) and the one counted.
XDG_CACHE_HOME="$tmp/cache-demo"
run prime q "$bin" --db "$tmp/demo.db"
run home-snapshot q "$bin" --db "$tmp/demo.db"
report home-snapshot
if [ -n "$store" ]; then
	XDG_CACHE_HOME="$tmp/cache-big"
	run prime-big q "$bin" --db "$store" --read-only
	run big-snapshot q "$bin" --db "$store" --read-only
	report big-snapshot
fi
XDG_CACHE_HOME="$tmp/cache-none"
# The live screen asks nothing on Esc with an empty line: it leaves.
run live '\033' "$bin" live 1 --db "$tmp/demo.db"
report live
if command -v nano >/dev/null; then
	run nano '\030' nano --ignorercfiles "$tmp/note.txt"
	f=$(ls "$tmp"/nano.* | head -n 1)
	printf '%-26s whole run  %10d\n' nano "$(total "$f")"
	if [ -n "$store" ]; then
		# nano showing as much text as the home screen on that store: the
		# same meetings as `bienban list` prints them, 21 rows.
		"$bin" list --db "$store" --read-only | sed -n '2,22p' >"$tmp/rows.txt"
		run nano-rows '\030' nano --ignorercfiles "$tmp/rows.txt"
		f=$(ls "$tmp"/nano-rows.* | head -n 1)
		printf '%-26s whole run  %10d\n' "nano, the list's 21 rows" "$(total "$f")"
	fi
fi
