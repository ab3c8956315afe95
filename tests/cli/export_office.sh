#!/bin/sh
# export_office.sh - docx and odt: the zip is valid, every XML part is
# well-formed, the text read back (python3-docx for docx, the ODF XML for
# odt, pandoc for both) is the text of the plain-text rendering, and the
# page settings of formats/bien-ban.md are there. Where LibreOffice is
# installed, both are converted to PDF and the pages checked; without it
# that part is skipped.
set -u
B=${BIENBAN_BIN:?}
S=${BIENBAN_SRC:?}
T=$(mktemp -d /tmp/bb-office-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
skip() { printf 'SKIP %s\n' "$1"; }

# python3-docx is a Debian package: use the system python if the first
# python3 on PATH lacks it.
PY=python3
$PY -c 'import docx' 2>/dev/null || { [ -x /usr/bin/python3 ] && PY=/usr/bin/python3; }
$PY -c 'import docx' 2>/dev/null && HAVE_DOCX=1 || HAVE_DOCX=0

"$B" demo --db "$T/demo.db" >/dev/null || { no "demo store"; exit 1; }
"$B" import "$S/tests/fixtures/export-edge.json" --db "$T/edge.db" >/dev/null ||
	{ no "import the edge fixture"; exit 1; }

# The paragraphs of a docx or odt, in order, one per line (table cells
# row by row); empty paragraphs left out.
cat >"$T/readback.py" <<'EOF'
import sys, zipfile, xml.etree.ElementTree as ET
path = sys.argv[1]
out = []
if path.endswith(".docx"):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    d = docx.Document(path)
    def walk(parent, body):
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[1]
            if tag == "p":
                out.append(Paragraph(child, parent).text)
            elif tag == "tbl":
                for row in Table(child, parent).rows:
                    for cell in row.cells:
                        for p in cell.paragraphs:
                            out.append(p.text)
    walk(d, d.element.body)
else:
    T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    root = ET.fromstring(zipfile.ZipFile(path).read("content.xml"))
    def text(e):
        s = e.text or ""
        for c in e:
            if c.tag == T + "s":
                s += " " * int(c.get(T + "c", "1"))
            else:
                s += text(c)
            s += c.tail or ""
        return s
    for e in root.iter():
        if e.tag in (T + "p", T + "h"):
            out.append(text(e))
for line in out:
    if line.strip():
        print(line)
EOF

# Words of a text, without table frames and rules, as a sorted list.
cat >"$T/words.py" <<'EOF'
import sys, re
words = []
for w in open(sys.argv[1], encoding="utf-8").read().split():
    if re.fullmatch(r"[-+|]+", w):
        continue
    words.append(w)
print("\n".join(sorted(words)))
EOF

check_office() { # check_office NAME DB ID DOCUMENT
	name=$1 db=$2 id=$3 docu=$4
	"$B" export "$id" --db "$T/$db.db" --document "$docu" --format txt --width 1000 \
		>"$T/$name.txt" 2>/dev/null
	$PY "$T/words.py" "$T/$name.txt" >"$T/$name.words"
	for fmt in docx odt; do
		f="$T/$name.$fmt"
		if ! "$B" export "$id" --db "$T/$db.db" --document "$docu" --format "$fmt" \
			-o "$f" 2>/dev/null; then
			no "$name.$fmt: export failed"; continue
		fi
		$PY - "$f" "$fmt" <<'EOF' && ok "$name.$fmt: valid zip" || no "$name.$fmt: valid zip"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = z.namelist()
if sys.argv[2] == "odt":
    first = z.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED, "mimetype first, stored"
    assert not first.extra, "mimetype without extra field"
    assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert {"content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"} <= set(names)
else:
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} <= set(names)
EOF
		rm -rf "$T/x" && mkdir "$T/x" && (cd "$T/x" && unzip -q "$f")
		bad=0
		for x in $(cd "$T/x" && find . -name '*.xml' -o -name '*.rels'); do
			xmllint --noout "$T/x/$x" 2>>"$T/xmllint.err" || bad=1
		done
		[ $bad -eq 0 ] && ok "$name.$fmt: every XML part well-formed" ||
			{ no "$name.$fmt: every XML part well-formed"; cat "$T/xmllint.err"; }
		if [ $fmt = odt ] || [ $HAVE_DOCX = 1 ]; then
			$PY "$T/readback.py" "$f" >"$T/$name.$fmt.paras"
			$PY "$T/words.py" "$T/$name.$fmt.paras" >"$T/$name.$fmt.words"
			if cmp -s "$T/$name.words" "$T/$name.$fmt.words"; then
				ok "$name.$fmt: text read back is the text of the txt"
			else
				no "$name.$fmt: text read back is the text of the txt"
				diff "$T/$name.words" "$T/$name.$fmt.words" | head -10
			fi
		else
			skip "$name.$fmt: python3-docx not installed"
		fi
		if command -v pandoc >/dev/null; then
			pandoc -f "$fmt" -t plain "$f" >"$T/$name.$fmt.pandoc" 2>"$T/pandoc.err" &&
				grep -q 'Hội nghị kết thúc\|thông báo để các đơn vị biết' "$T/$name.$fmt.pandoc" &&
				ok "$name.$fmt: pandoc reads it" || { no "$name.$fmt: pandoc reads it"; cat "$T/pandoc.err"; }
		fi
	done
	if [ -f "$T/$name.docx.paras" ] && [ -f "$T/$name.odt.paras" ]; then
		cmp -s "$T/$name.docx.paras" "$T/$name.odt.paras" && ok "$name: docx and odt say the same, in order" ||
			{ no "$name: docx and odt say the same, in order"; diff "$T/$name.docx.paras" "$T/$name.odt.paras" | head; }
	fi
}
check_office demo-4-minutes demo 4 minutes
check_office demo-4-conclusions demo 4 conclusions
check_office edge-minutes edge 1 minutes
check_office blank-minutes edge 2 minutes

# The page and type of formats/bien-ban.md, in the XML.
D=$(unzip -p "$T/demo-4-minutes.docx" word/document.xml)
has() { case $D in *"$1"*) ok "docx: $2" ;; *) no "docx: $2" ;; esac; }
has '<w:pgSz w:w="11906" w:h="16838"/>' "A4"
has 'w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"' "margins 20/20/20/30 mm"
has '<w:titlePg/>' "no page number on page 1"
has '<w:ind w:firstLine="720"/><w:jc w:val="both"/>' "body justified, 1.27 cm indent"
has '<w:b/><w:bCs/><w:sz w:val="30"/><w:szCs w:val="30"/><w:u w:val="single"/>' "superior 15 pt bold underlined"
has '<w:i/><w:iCs/><w:sz w:val="26"/>' "dateline 13 pt italic"
has '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">BIÊN BẢN' "type 16 pt"
has '<w:top w:val="nil"/>' "borderless header table"
unzip -p "$T/demo-4-minutes.docx" word/styles.xml | grep -q 'w:ascii="Times New Roman"' && ok "docx: Times New Roman" || no "docx: Times New Roman"
unzip -p "$T/demo-4-minutes.docx" word/header1.xml | grep -q 'PAGE' && ok "docx: page number field" || no "docx: page number field"
O=$(unzip -p "$T/demo-4-minutes.odt" styles.xml)
case $O in *'fo:margin-left="3cm" fo:margin-right="2cm"'*'<text:page-number'*) ok "odt: margins and page number" ;; *) no "odt: margins and page number" ;; esac
unzip -p "$T/demo-4-minutes.odt" content.xml | grep -q 'style:master-page-name="First_20_Page"' && ok "odt: first page without number" || no "odt: first page without number"
# one line between two cells, not each cell's own (Writer drew them doubled)
[ "$(unzip -p "$T/demo-4-minutes.odt" content.xml | grep -o '<style:table-properties [^>]*table:border-model="collapsing"' | wc -l)" -eq 2 ] && ok "odt: tables collapse the borders of neighbouring cells" || no "odt: tables collapse the borders of neighbouring cells"

# A conference in one file: page breaks between the meetings.
"$B" export --conference 1 --db "$T/demo.db" --format docx -o "$T/conf.docx" 2>/dev/null
# A section per meeting, each numbered from 1 with no number on its first
# page (the last section's properties close the body).
[ "$(unzip -p "$T/conf.docx" word/document.xml | grep -o '<w:pgNumType w:start="1"/><w:titlePg/>' | wc -l)" -eq 4 ] && ok "conference docx: 4 sections" || no "conference docx: 4 sections"
"$B" export --conference 1 --db "$T/demo.db" --format odt -o "$T/conf.odt" 2>/dev/null
# Each meeting starts with an empty paragraph before its header table,
# which carries the first page's master page (numbered from 1 after a
# break): Writer keeps "Nội dung:" with the first heading only so.
[ "$(unzip -p "$T/conf.odt" content.xml | grep -o '<text:p text:style-name="LeadBreak"/><table:table ' | wc -l)" -eq 3 ] && ok "conference odt: 3 page breaks" || no "conference odt: 3 page breaks"
unzip -p "$T/conf.odt" content.xml | grep -q 'style:name="LeadBreak" style:family="paragraph" style:parent-style-name="Tiny" style:master-page-name="First_20_Page"><style:paragraph-properties style:page-number="1"/>' && ok "conference odt: each meeting on a first page, numbered from 1" || no "conference odt: each meeting on a first page, numbered from 1"
unzip -p "$T/conf.odt" content.xml | grep -q '<office:text><text:p text:style-name="LeadFirst"/><table:table ' && ok "conference odt: the first meeting after an empty paragraph" || no "conference odt: the first meeting after an empty paragraph"
[ "$(unzip -p "$T/conf.docx" word/document.xml | grep -o '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p><w:tbl>' | wc -l)" -eq 4 ] && ok "conference docx: each meeting's header table after an empty paragraph" || no "conference docx: each meeting's header table after an empty paragraph"
# Same document, same bytes (fixed zip times).
"$B" export 4 --db "$T/demo.db" --format docx -o "$T/again.docx" 2>/dev/null
cmp -s "$T/again.docx" "$T/demo-4-minutes.docx" && ok "docx is reproducible" || no "docx is reproducible"

# LibreOffice: both open and convert; page numbers from page 2.
SOFFICE=$(command -v soffice || command -v libreoffice || true)
if [ -n "$SOFFICE" ] && command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null; then
	pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
	for fmt in docx odt; do
		mkdir -p "$T/pdf/$fmt" && timeout 120 "$SOFFICE" -env:UserInstallation=file://"$T/lo" \
			--headless --convert-to pdf --outdir "$T/pdf/$fmt" "$T/demo-4-minutes.$fmt" >/dev/null 2>&1
		p=$T/pdf/$fmt/demo-4-minutes.pdf
		n=$(pages "$p")
		[ -n "$n" ] && [ "$n" -ge 3 ] && [ "$n" -le 5 ] && ok "LibreOffice: $fmt is $n pages" || no "LibreOffice: $fmt page count ($n)"
		pdftotext -f 1 -l 1 -layout "$p" - | head -3 | grep -q 'BCH ĐOÀN TỈNH BÌNH ĐỊNH' && ok "LibreOffice: $fmt page 1 starts with the header" || no "LibreOffice: $fmt page 1 starts with the header"
		[ "$(pdftotext -f 2 -l 2 "$p" - | head -1 | tr -d ' ')" = 2 ] && ok "LibreOffice: $fmt page 2 numbered" || no "LibreOffice: $fmt page 2 numbered"
		pdftotext "$p" - | tr -s ' \n' '  ' | grep -q 'Hội nghị kết thúc vào lúc 11 giờ 30 phút, ngày 12 tháng 4 năm 2023./.' && ok "LibreOffice: $fmt text" || no "LibreOffice: $fmt text"
	done
	for fmt in docx odt; do
		mkdir -p "$T/pdf/c$fmt" && timeout 120 "$SOFFICE" -env:UserInstallation=file://"$T/lo" \
			--headless --convert-to pdf --outdir "$T/pdf/c$fmt" "$T/conf.$fmt" >/dev/null 2>&1
		p=$T/pdf/c$fmt/conf.pdf
		n=$(pages "$p") starts=0
		for i in $(seq 1 "${n:-0}"); do
			pdftotext -f "$i" -l "$i" "$p" - | grep -q 'BCH ĐOÀN TỈNH BÌNH ĐỊNH' && starts=$((starts + 1))
		done
		[ "$starts" -eq 4 ] && ok "LibreOffice: conference $fmt, 4 meetings on their own pages" || no "LibreOffice: conference $fmt ($starts starts)"
	done
else
	skip "LibreOffice or poppler-utils not installed: PDF conversion not checked"
fi

echo "$fails failed"
[ "$fails" -eq 0 ]
