#!/bin/sh
# review.sh - the review benchmark: build the ten-year store once (it takes
# a few minutes and ~1.5 GB), then time start-up, opening meetings and
# search on it. Usage: review.sh GEN_STORE BENCH_REVIEW BIENBAN_BIN [ROUNDS]
# The store is $BIENBAN_BENCH_DB (default /tmp/bienban-bench.db); delete it
# to build it again.
set -u
gen=$1 bench=$2 bin=$3 rounds=${4:-200}
db=${BIENBAN_BENCH_DB:-/tmp/bienban-bench.db}
if [ ! -f "$db" ]; then
	"$gen" "$db" || exit 1
fi
ls -l "$db"
# Drop the page cache's advantage? No: a server that serves reviewers has
# the store in its cache; the figures are warm, and say so.
exec "$bench" "$db" "$bin" "$rounds"
