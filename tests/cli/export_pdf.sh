#!/bin/sh
# export_pdf.sh - PDF export as a reader and the office's tools see it:
# every PDF of the demo (the four minutes and notices, the conference),
# a 300-note meeting with 30 directives and meetings of growing length
# (so that some body ends at the foot of a page) checked with poppler-utils
# by pdf_check.py (A4, fonts embedded as subsets, page numbers, dateline,
# signatures with the end of the body and room to sign, "Nơi nhận", the
# document information); page 1 of the demo minutes compared with a golden
# image; the program not linked with Pango or Cairo; a clear error when
# the module is missing.
#
# Where LibreOffice is installed, the PDFs of four documents have as many
# pages as LibreOffice's PDF of their docx (the same page breaks).
#
# BB_UPDATE_GOLDEN=1 rewrites tests/golden/minutes-4-p1.png (review it).
set -u
B=${BIENBAN_BIN:?}
S=${BIENBAN_SRC:?}
T=$(mktemp -d /tmp/bb-pdf-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
CHECK="python3 $S/tests/cli/pdf_check.py"

for tool in pdftotext pdffonts pdfinfo pdftoppm; do
	command -v $tool >/dev/null || { echo "SKIP: $tool (poppler-utils) is not installed"; exit 77; }
done
[ -e "$(dirname "$B")/bienban-pdf.so" ] || { echo "SKIP: no bienban-pdf.so (built without Pango/Cairo)"; exit 77; }

"$B" demo --db "$T/demo.db" >/dev/null || { no "demo store"; exit 1; }

# ---- the demo: four minutes, four notices, the conference ----
all=""
for m in 1 2 3 4; do
	for k in minutes conclusions; do
		f="$T/demo-$m-$k.pdf"
		if "$B" export "$m" --db "$T/demo.db" --format pdf --document $k -o "$f" 2>"$T/err"; then
			all="$all $f"
		else
			no "export $m --document $k: $(cat "$T/err")"
		fi
	done
done
if $CHECK --docs 1 $all >"$T/out"; then
	ok "demo minutes and notices: A4, fonts, page numbers, dateline, signatures"
else
	no "demo minutes and notices:"; cat "$T/out"
fi
head -c 8 "$T/demo-4-minutes.pdf" | grep -q '^%PDF-1\.[4-7]' && ok "a PDF 1.4 or later" ||
	no "not a PDF 1.4+ header: $(head -c 8 "$T/demo-4-minutes.pdf")"

if $CHECK --meta "Title=Hội nghị giao ban công tác Đoàn, Hội, Đội Cụm thi đua số 4 quý I/2023" \
	--meta "Author=BCH ĐOÀN TỈNH BÌNH ĐỊNH" --meta "Subject=12-BB/TĐTN-VP" \
	--meta "Keywords=Cụm thi đua số 4, quý I/2023" --meta "Creator=bienban" \
	"$T/demo-4-minutes.pdf" >"$T/out"; then
	ok "document information: title, author, subject, keywords, creator"
else
	no "document information:"; cat "$T/out"
fi
SOURCE_DATE_EPOCH=1681286400 "$B" export 4 --db "$T/demo.db" --format pdf -o "$T/dated.pdf" &&
	TZ=UTC pdfinfo "$T/dated.pdf" | grep -q '^CreationDate: *Wed Apr 12 08:00:00 2023' &&
	ok "creation date (SOURCE_DATE_EPOCH)" ||
	no "creation date: $(TZ=UTC pdfinfo "$T/dated.pdf" | grep Creation)"

for k in minutes conclusions; do
	if "$B" export --conference 1 --db "$T/demo.db" --format pdf --document $k \
		-o "$T/conf-$k.pdf" 2>/dev/null && $CHECK --docs 4 "$T/conf-$k.pdf" >"$T/out"; then
		ok "conference $k: four documents, each numbered from its page 2"
	else
		no "conference $k:"; cat "$T/out"
	fi
done

"$B" export 4 --db "$T/demo.db" --format pdf 2>/dev/null | head -c 5 | grep -q '%PDF-' &&
	ok "to standard output when it is not a terminal" || no "PDF to standard output"

# ---- long meetings, and bodies ending anywhere on a page ----
"$B" export 4 --db "$T/demo.db" --format json >"$T/demo4.json" || no "export json"
python3 - "$T/demo4.json" "$T/long.json" <<'EOF'
import copy, json, sys
d = json.load(open(sys.argv[1]))
base = d["meetings"][0]
out = []
def meeting(title, notes, directives):
    m = copy.deepcopy(base)
    m["title"] = title
    m.pop("id", None)
    m.pop("carried", None)
    items = m["agenda"]
    src = [n for it in items for n in it["notes"]]
    for i, it in enumerate(items):
        it["notes"] = [dict(copy.deepcopy(src[(i + j) % len(src)]),
                            text=src[(i + j) % len(src)]["text"] + " (%d)" % j)
                       for j in range(notes // len(items))]
    dv = base["directives"]
    m["directives"] = [copy.deepcopy(dv[j % len(dv)]) for j in range(directives)]
    for x in m["directives"]:
        x.pop("closed_in", None)
    return m
out.append(meeting("Hội nghị dài: 300 ý kiến, 30 nhiệm vụ", 300, 30))
for n in range(4, 34, 2):
    out.append(meeting("Hội nghị có %d ý kiến" % n, n, n % 7))
# No chair, then no secretary: the other signer keeps the room to sign.
for k, role in ((10, "chair"), (12, "secretary")):
    for a in out[k // 2 - 1]["attendees"]:
        if a["role"] == role:
            a["role"] = "delegate"
d["meetings"] = out
# A long place name: the dateline must still hold on one line.
d["organization"]["place"] = "Thành phố Hồ Chí Minh"
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
EOF
if "$B" import "$T/long.json" --db "$T/long.db" >/dev/null 2>"$T/err"; then
	files=""
	for id in $("$B" list --db "$T/long.db" --json | python3 -c '
import json, sys
for m in json.load(sys.stdin): print(m["id"])'); do
		"$B" export "$id" --db "$T/long.db" --format pdf -o "$T/long-$id.pdf" 2>/dev/null &&
			files="$files $T/long-$id.pdf" || no "export long meeting $id"
	done
	n=$(echo $files | wc -w)
	if [ "$n" -ge 16 ] && $CHECK --docs 1 $files >"$T/out"; then
		ok "$n long meetings: signatures with the body's end, wherever it falls"
	else
		no "long meetings ($n):"; cat "$T/out"
	fi
	big=$(ls -S $files | head -1)
	pages=$(pdfinfo "$big" | sed -n 's/^Pages: *//p')
	[ "${pages:-0}" -ge 20 ] && ok "the 300-note meeting has $pages pages" ||
		no "the 300-note meeting has ${pages:-no} pages"
	# The directives table's header row is repeated on the pages it runs on.
	heads=$(pdftotext -layout "$big" - | grep -c 'Nội dung nhiệm vụ')
	[ "$heads" -ge 2 ] && ok "the directives table's header on each of its $heads pages" ||
		no "the directives table's header row is not repeated ($heads)"
else
	no "import the long meetings: $(cat "$T/err")"
fi

# ---- page 1 of the demo minutes against the golden image ----
golden="$S/tests/golden/minutes-4-p1.png"
pdftoppm -r 50 -gray -f 1 -l 1 -singlefile "$T/demo-4-minutes.pdf" "$T/p1" || no "pdftoppm"
if [ "${BB_UPDATE_GOLDEN:-}" = 1 ]; then
	python3 "$S/tests/cli/png_compare.py" --write "$T/p1.pgm" "$golden" && ok "golden image rewritten"
elif ! pdffonts "$T/demo-4-minutes.pdf" | grep -q LiberationSerif; then
	echo "SKIP: golden image (made with Liberation Serif; this machine has Times New Roman)"
elif python3 "$S/tests/cli/png_compare.py" "$golden" "$T/p1.pgm" >"$T/out"; then
	ok "page 1 of the demo minutes matches the golden image: $(cat "$T/out")"
else
	no "page 1 differs from $golden: $(cat "$T/out")"
	cp "$T/p1.pgm" /tmp/bb-pdf-page1.pgm && echo "     (new rendering kept in /tmp/bb-pdf-page1.pgm)"
fi

# ---- the same page breaks as LibreOffice setting the docx (where installed) ----
SOFFICE=$(command -v soffice || command -v libreoffice || true)
if [ -n "$SOFFICE" ] && [ -n "${big:-}" ]; then
	mkdir -p "$T/lo-in" "$T/lo-out"
	"$B" export 4 --db "$T/demo.db" --format docx -o "$T/lo-in/demo-4-minutes.docx"
	"$B" export 4 --db "$T/demo.db" --format docx --document conclusions \
		-o "$T/lo-in/demo-4-conclusions.docx"
	"$B" export --conference 1 --db "$T/demo.db" --format docx -o "$T/lo-in/conf-minutes.docx"
	"$B" export "$(basename "$big" .pdf | sed 's/^long-//')" --db "$T/long.db" --format docx \
		-o "$T/lo-in/$(basename "$big" .pdf).docx"
	(cd "$T/lo-in" && timeout 600 "$SOFFICE" -env:UserInstallation=file://"$T/lo" --headless \
		--convert-to pdf --outdir "$T/lo-out" ./*.docx >"$T/soffice.log" 2>&1)
	same=0 differ=""
	for lo in "$T"/lo-out/*.pdf; do
		a=$(pdfinfo "$T/$(basename "$lo")" 2>/dev/null | sed -n 's/^Pages: *//p')
		b=$(pdfinfo "$lo" 2>/dev/null | sed -n 's/^Pages: *//p')
		[ -n "$a" ] && [ "$a" = "$b" ] && same=$((same + 1)) || differ="$differ $(basename "$lo") ($a, LibreOffice $b)"
	done
	[ "$same" -eq 4 ] && ok "the same number of pages as LibreOffice's PDF of the docx, 4 documents" ||
		no "pages differ from LibreOffice's ($same of 4 alike):$differ"
else
	echo "SKIP: LibreOffice (soffice) not installed: no page comparison"
fi

# ---- the program does not load the PDF stack; a missing module is said so ----
if ldd "$B" | grep -E -q 'libpango|libcairo|libharfbuzz|libfontconfig'; then
	no "bienban is linked with the PDF stack: $(ldd "$B" | grep -E -o 'lib(pango|cairo)[^ ]*' | tr '\n' ' ')"
else
	ok "bienban itself links no Pango, Cairo, HarfBuzz or fontconfig"
fi
if BIENBAN_PDF_MODULE="$T/none/bienban-pdf.so" "$B" export 4 --db "$T/demo.db" --format pdf \
	-o "$T/none.pdf" 2>"$T/err"; then
	no "export with the module missing succeeded"
elif grep -q "PDF export: cannot load the module: $T/none/bienban-pdf.so" "$T/err" && [ ! -e "$T/none.pdf" ]; then
	ok "missing module: $(cat "$T/err")"
else
	no "missing module: $(cat "$T/err")"
fi
BIENBAN_PDF_MODULE="$T/none.so" LANGUAGE=vi "$B" export 4 --db "$T/demo.db" --format pdf \
	-o "$T/none2.pdf" 2>"$T/err"
grep -q "không" "$T/err" && ok "the message in Vietnamese: $(cat "$T/err")" ||
	no "the message is not in Vietnamese: $(cat "$T/err")"

[ "$fails" -eq 0 ] && echo "all PDF checks passed" || echo "$fails failed"
[ "$fails" -eq 0 ]
