#!/bin/sh
# frame_writes.sh - a frame goes to the terminal in one write() or two,
# not one per cursor move: ncurses (6.4) flushes at every move until the
# program has left the screen once and come back (src/tui/ui_loop.c,
# start_curses), and each write is an SSH packet of its own on a remote
# link. Counted with strace on the home screen of the demo store (a dozen
# rows), from the clear of the first paint to the key line.
set -u
B=${BIENBAN_BIN:?}
VT="$(dirname "$B")/tests/vt/bb-vt"
if ! command -v strace >/dev/null 2>&1; then
	echo "SKIP strace is not installed"
	exit 77
fi
T=$(mktemp -d /tmp/bb-writes-XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
"$B" demo --db "$T/d.db" >/dev/null || { echo "cannot make the demo store"; exit 1; }
printf 'wait All meetings: 4\nwait q quit\ntype q\nexit 0\n' >"$T/s.script"
# LeakSanitizer cannot run under ptrace: the leak check is the other
# tests' (an ASan build of this one still checks memory errors).
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" XDG_CACHE_HOME="$T/cache" strace -f -qq -e trace=write -e signal=none -s 0 -o "$T/trace" \
	"$VT" -s 24x80 "$T/s.script" -- "$B" --db "$T/d.db" >/dev/null 2>&1 ||
	{ echo "FAIL the program did not run under strace"; exit 1; }
# bienban's writes to the terminal (fd 1), in order; the first paint
# starts with the screen's clear (ESC [ 2 J) and the home list and its
# key line follow. Writes of the trace are "PID  write(1, ..., N) = N"
# (strace pads the PID column: one space or more).
pid=$(awk '/write\(1, /{print $1; exit}' "$T/trace")
n=$(grep -c "^$pid  *write(1, " "$T/trace")
if [ -z "$pid" ] || [ "$n" -eq 0 ]; then
	echo "FAIL no write of bienban to the terminal in the trace"
	exit 1
fi
# Bytes per write: the frame is the one write or two that carry most of
# them; a flush per cursor move made a dozen writes of 30-120 bytes.
sizes=$(sed -n "s/^$pid  *write(1, .*) *= \([0-9]*\)$/\1/p" "$T/trace")
big=$(echo "$sizes" | awk '$1 >= 200 {n++} END {print n + 0}')
small=$(echo "$sizes" | awk '$1 >= 20 && $1 < 200 {n++} END {print n + 0}')
total=$(echo "$sizes" | awk '{s += $1} END {print s + 0}')
echo "writes to the terminal: $n (of 200 bytes and more: $big; of 20-199: $small), $total bytes"
if [ "$big" -lt 1 ] || [ "$small" -gt 6 ]; then
	echo "FAIL the first paint went out in many small writes"
	echo "$sizes" | tr '\n' ' '
	echo
	exit 1
fi
echo "ok   the home screen's frame in $big large write(s)"
exit 0
