#!/bin/sh
# export_nozip.sh - libzip is loaded only when a docx or odt is written
# (src/doc/zipw.c): bienban itself links neither libzip nor libcrypto, and when
# libzip cannot be loaded (the tests/nozip.c shim hides it) docx and odt
# export fail with a clear message and no file, not a crash, while the
# other formats still work. Skipped (77) when libzip is linked
# (-Dzip_dlopen=disabled, or no SONAME found).
# Usage: export_nozip.sh NOZIP_SHIM ZIP_SONAME
set -u
B=${BIENBAN_BIN:?}
shim=$1 soname=${2:-}
[ -n "$soname" ] || { echo "skip: libzip is linked"; exit 77; }
T=$(mktemp -d /tmp/bb-nozip-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }

libs=$(ldd "$B")
case $libs in
*libzip* | *libcrypto*) no "bienban links libzip or libcrypto:
$libs" ;;
*) ok "bienban links neither libzip nor libcrypto" ;;
esac

"$B" demo --db "$T/d.db" >/dev/null || { no "demo store"; exit 1; }
# The real libzip is loaded on demand.
if "$B" export 1 --db "$T/d.db" --format docx -o "$T/ok.docx" 2>"$T/err" &&
	[ "$(head -c 2 "$T/ok.docx")" = PK ]; then
	ok "docx with libzip loaded on demand"
else
	no "docx with libzip: $(cat "$T/err")"
fi

# Without libzip. The ASan runtime must come first unless told otherwise.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
for f in docx odt; do
	LD_PRELOAD=$shim "$B" export 1 --db "$T/d.db" --format $f -o "$T/x.$f" 2>"$T/err"
	rc=$?
	want="bienban: $f export needs libzip ($soname): cannot open shared object file: hidden by the nozip test shim"
	if [ $rc -eq 1 ] && [ "$(cat "$T/err")" = "$want" ] && [ ! -e "$T/x.$f" ]; then
		ok "$f without libzip: exit 1, \"$want\", no file"
	else
		no "$f without libzip: exit $rc, stderr: $(cat "$T/err")"
	fi
done
if LD_PRELOAD=$shim "$B" export 1 --db "$T/d.db" --format txt -o "$T/x.txt" 2>"$T/err" &&
	grep -q 'BIÊN BẢN' "$T/x.txt"; then
	ok "txt without libzip"
else
	no "txt without libzip: $(cat "$T/err")"
fi
[ $fails -eq 0 ]
