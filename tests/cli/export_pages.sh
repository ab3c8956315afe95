#!/bin/sh
# export_pages.sh - the documents as an office prints them: the docx and
# odt of the demo's four meetings and notices, a conference export, a
# meeting with 300 notes and 30 directives (and a long place name), and a
# series of meetings one note longer each, so that one of them ends its
# body at the bottom of a page, are converted to PDF by LibreOffice in one
# soffice call, and every page is read back with pdftotext -layout:
# - the signature titles, the names and "Nơi nhận" on one page, which also
#   holds the closing line of the body: no page with only signatures or
#   only "Nơi nhận";
# - no page number on a document's first page, 2, 3, … on the next ones,
#   starting again for each meeting of a conference export, and as many
#   pages per meeting there as in its own export (also the html print of
#   the demo's minutes and of the conference, by Chromium when installed);
# - the dateline on one line; due dates whole on one line; the directives'
#   header row on every page of the table;
# - no "^[" and no control character anywhere (text stored with terminal
#   escape sequences);
# - no blank page (nothing but its number), as Writer made after a table
#   that filled the last page;
# - no section heading nor label line ("Nội dung:") at a page's foot,
#   also in demo meetings made longer a few words at a time until
#   "Nội dung:" and the first heading reach the foot of page 1; "quý
#   I/2023" never split between two lines;
# - a notice's recipients evenly spaced (also in bienban's own PDF).
# Skipped (77) without soffice or pdftotext; .ci/run installs both.
set -u
B=${BIENBAN_BIN:?}
SOFFICE=$(command -v soffice || command -v libreoffice || true)
if [ -z "$SOFFICE" ] || ! command -v pdftotext >/dev/null; then
	echo "SKIP: LibreOffice (soffice) or pdftotext not installed"
	exit 77
fi
T=$(mktemp -d /tmp/bb-pages-XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { printf 'ok   %s\n' "$1"; }
no() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
mkdir "$T/in" "$T/pdf"

# The demo, with terminal escape sequences in stored text (the attendees'
# table is the one sqlite3 can change without bienban's search tokenizer).
"$B" demo --db "$T/demo.db" >/dev/null || { no "demo store"; exit 1; }
ESC=$(printf '\033')
sqlite3 "$T/demo.db" "UPDATE attendees SET title = title || ' ${ESC}[31mđỏ${ESC}[0m'
	WHERE role IN ('chair', 'delegate')" || no "escape sequences stored"
for id in 1 2 3 4; do
	for d in minutes conclusions; do
		for f in docx odt; do
			"$B" export "$id" --db "$T/demo.db" --document "$d" --format "$f" \
				-o "$T/in/demo-$id-$d-$f.$f" 2>/dev/null || no "export demo $id $d $f"
		done
	done
done
for f in docx odt; do
	"$B" export --conference 1 --db "$T/demo.db" --format "$f" -o "$T/in/conf-$f.$f" \
		2>/dev/null || no "export conference $f"
done

# A long meeting, a long place name, and meetings ending at every height
# of a page (one one-line note more each).
python3 - "$T" <<'EOF'
import json, sys
t = sys.argv[1]
def people():
    return [
        {"name": "Nguyễn Văn An", "title": "Phó Bí thư Tỉnh đoàn", "unit": "Tỉnh đoàn",
         "role": "chair", "presence": "present"},
        {"name": "Trần Thị Bình", "title": "Chuyên viên Văn phòng Tỉnh đoàn",
         "unit": "Tỉnh đoàn", "role": "secretary", "presence": "present"},
        {"name": "Lê Văn Cường", "title": "Bí thư Thành đoàn Vũng Tàu",
         "unit": "Thành đoàn Vũng Tàu", "role": "reporter", "presence": "present"},
        {"name": "Phạm Thị Dung", "title": "Bí thư Huyện đoàn Long Điền",
         "unit": "Huyện đoàn Long Điền", "role": "delegate", "presence": "present"},
    ]
org = {"issuer": ["BCH ĐOÀN TỈNH BÀ RỊA - VŨNG TÀU"], "place": "Bà Rịa - Vũng Tàu",
       "symbol": "TĐTN-VP", "notice_signer_name": "Võ Thị Em"}
notes = []
for i in range(300):
    who = ["Lê Văn Cường", "Phạm Thị Dung", "Nguyễn Văn An"][i % 3]
    kind = ["report", "statement", "question"][i % 3]
    notes.append({"at": "2021-10-28T08:%02d" % (i % 60), "speaker": who, "kind": kind,
                  "text": "Ý kiến thứ %d về công tác Đoàn, Hội, Đội và phong trào thanh "
                          "thiếu nhi trong quý; đề nghị các đơn vị tiếp tục triển khai." % (i + 1)})
big = {"id": 1, "title": "Hội nghị giao ban công tác Đoàn, Hội, Đội quý IV/2021",
       "period": "IV/2021", "status": "closed", "starts_at": "2021-10-28T08:00",
       "ends_at": "2021-10-28T17:00", "location": "Hội trường Tỉnh đoàn",
       "document_number": "28", "notice_number": "29", "attendees": people(),
       "agenda": [{"title": "Báo cáo và thảo luận", "notes": notes[:150]},
                  {"title": "Thảo luận", "notes": notes[150:]},
                  {"title": "Kết luận của đồng chí chủ trì"}],
       "conclusions": [{"text": "Kết luận thứ %d của Hội nghị." % (i + 1)} for i in range(5)],
       "directives": [{"text": "Nhiệm vụ thứ %d: triển khai, báo cáo kết quả về Văn phòng "
                               "Tỉnh đoàn." % (i + 1), "owner": "Thành đoàn Vũng Tàu",
                       "due": "2021-12-%02d" % (i % 28 + 1 if i % 2 else 10 + i % 20)}
                      for i in range(30)]}
json.dump({"format": "bienban/1", "organization": org, "meetings": [big]},
          open(t + "/big.json", "w"), ensure_ascii=False)
ms = []
for k in range(32):
    n = 10 + k
    ms.append({"id": k + 1, "title": "Hội nghị giao ban lần %d" % (k + 1), "status": "closed",
               "starts_at": "2023-05-%02dT08:00" % (k % 28 + 1),
               "ends_at": "2023-05-%02dT10:00" % (k % 28 + 1),
               "location": "Phòng họp Tỉnh đoàn", "document_number": str(k + 1),
               "notice_number": str(k + 40), "attendees": people(),
               "agenda": [{"title": "Thảo luận", "notes": [
                   {"speaker": "Phạm Thị Dung", "kind": "statement",
                    "text": "Ý kiến số %d." % (j + 1)} for j in range(n)]}],
               "conclusions": [{"text": "Thống nhất nội dung."}]})
json.dump({"format": "bienban/1", "organization": dict(org, place="Bình Định"),
           "meetings": ms}, open(t + "/steps.json", "w"), ensure_ascii=False)
EOF
# Demo meetings whose first note is longer by four words each, so that
# "Nội dung:" and the first heading reach the foot of page 1: Writer left
# "Nội dung:" alone there when the page began with the header table.
"$B" demo --db "$T/shift.db" >/dev/null || no "demo store for the shifted meetings"
for id in 1 4; do
	"$B" export "$id" --db "$T/shift.db" --format json -o "$T/shift-$id.json" ||
		no "export demo $id as json"
done
python3 - "$T" <<'EOF2'
import json, sys
t = sys.argv[1]
words = "công tác Đoàn Hội Đội phong trào thanh thiếu nhi".split()
for mid, ks in (("1", range(10, 23)), ("4", range(16, 24))):
    d = json.load(open("%s/shift-%s.json" % (t, mid)))
    out = dict(d, meetings=[])
    for k in ks:
        m = json.loads(json.dumps(d["meetings"][0]))
        m["id"] = len(out["meetings"]) + 1
        # Not a duplicate: each starts a minute earlier (as wide a line).
        day, hm = m["starts_at"].split("T")
        mins = int(hm[:2]) * 60 + int(hm[3:5]) - m["id"]
        m["starts_at"] = "%sT%02d:%02d" % (day, mins // 60, mins % 60)
        note = m["agenda"][0]["notes"][0]
        note["text"] += " " + " ".join(words[i % len(words)] for i in range(4 * k))
        out["meetings"].append(m)
    json.dump(out, open("%s/shifts-%s.json" % (t, mid), "w"), ensure_ascii=False)
EOF2
for id in 1 4; do
	"$B" import "$T/shifts-$id.json" --db "$T/shifts-$id.db" >/dev/null ||
		no "import the shifted meetings $id"
	for m in $("$B" list --db "$T/shifts-$id.db" --json |
		python3 -c 'import json,sys; print(" ".join(str(m["id"]) for m in json.load(sys.stdin)))'); do
		for f in docx odt; do
			"$B" export "$m" --db "$T/shifts-$id.db" --format "$f" \
				-o "$T/in/shift-$id-$m-$f.$f" 2>/dev/null || no "export shifted $id/$m $f"
		done
	done
done
"$B" import "$T/big.json" --db "$T/big.db" >/dev/null || no "import the long meeting"
"$B" import "$T/steps.json" --db "$T/steps.db" >/dev/null || no "import the stepped meetings"
for f in docx odt; do
	for d in minutes conclusions; do
		"$B" export 1 --db "$T/big.db" --document "$d" --format "$f" \
			-o "$T/in/big-$d-$f.$f" 2>/dev/null || no "export long $d $f"
	done
	for k in $(seq 1 32); do
		"$B" export "$k" --db "$T/steps.db" --format "$f" -o "$T/in/step-$k-$f.$f" \
			2>/dev/null || no "export step $k $f"
	done
done

# One soffice call for every file (it is slow to start), a private profile.
(cd "$T/in" && timeout 600 "$SOFFICE" -env:UserInstallation=file://"$T/lo" --headless \
	--convert-to pdf --outdir "$T/pdf" ./*.docx ./*.odt >"$T/soffice.log" 2>&1) ||
	{ no "soffice converts"; cat "$T/soffice.log"; }
# The html print, where Chromium is installed (.ci/run installs it): the
# demo's minutes and the conference, printed to PDF one file a call.
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROMIUM" ]; then
	for id in 1 2 3 4 conf; do
		if [ "$id" = conf ]; then
			"$B" export --conference 1 --db "$T/demo.db" --format html \
				-o "$T/conf-html.html" 2>/dev/null || no "export conference html"
			out=conf-html
		else
			"$B" export "$id" --db "$T/demo.db" --format html \
				-o "$T/demo-$id-minutes-html.html" 2>/dev/null || no "export demo $id html"
			out=demo-$id-minutes-html
		fi
		timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
			--user-data-dir="$T/chromium" --print-to-pdf="$T/pdf/$out.pdf" \
			"file://$T/$out.html" >/dev/null 2>&1 || no "chromium prints $out"
	done
else
	echo "note: chromium not installed, the html print is not checked"
fi
for p in "$T"/pdf/*.pdf; do
	pdftotext -layout "$p" "${p%.pdf}.txt" || no "pdftotext $(basename "$p")"
done

# bienban's own PDF of a notice, for the recipients' spacing.
own_pdf=
mkdir "$T/own"
if "$B" export 4 --db "$T/demo.db" --document conclusions --format pdf \
	-o "$T/own/demo-4-conclusions.pdf" 2>/dev/null; then
	own_pdf="$T/own/demo-4-conclusions.pdf"
else
	echo "note: no PDF module built, bienban's own PDF is not checked"
fi
python3 - "$T/pdf" $own_pdf <<'EOF'
import os, re, sys
d = sys.argv[1]
fails = 0
def check(ok, what):
    global fails
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        fails += 1
def pages(name):
    text = open(os.path.join(d, name + ".txt"), encoding="utf-8").read()
    ps = text.split("\f")
    if ps and not ps[-1].strip():
        ps.pop()
    return ps
def lines(p):
    return [l.strip() for l in p.split("\n") if l.strip()]
DATELINE = re.compile(r"(Bình Định|Bà Rịa - Vũng Tàu), ngày \d\d tháng \d\d? năm \d{4}")
CLOSING = ("Hội nghị kết thúc vào lúc", "thông báo để các đơn vị biết, thực hiện./.")

def check_document(name, ps, notice, label=None):
    """The rules of one document (its pages ps)."""
    label = label or name
    all_text = "\n".join(ps)
    check("^[" not in all_text and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", all_text.replace("\f", "")),
          label + ": no control character nor ^[")
    blank = [i + 1 for i, p in enumerate(ps) if len(lines(p)) <= (1 if i else 0)]
    check(not blank, label + ": no blank page (%s)" % blank)
    first = lines(ps[0])
    check(bool(first) and not first[0].isdigit(), label + ": no page number on page 1")
    # What is kept with the next paragraph never ends a page: a section
    # heading, a label line ("Nội dung:").
    alone = [(i + 1, lines(p)[-1]) for i, p in enumerate(ps[:-1]) if lines(p) and
             (re.match(r"[IVX]+\. ", lines(p)[-1]) or lines(p)[-1].endswith(":") or
              (lines(p)[-1].isupper() and len(lines(p)[-1]) > 8))]
    check(not alone, label + ": no heading nor label line alone at a page's foot %s" % alone)
    split = [l for p in ps for l in lines(p) if re.search(r"(?i)\bquý$", l)]
    check(not split, label + ": a quarter whole on one line (quý I/2023) %s" % split[:2])
    check(all(lines(p) and lines(p)[0] == str(i + 1) for i, p in enumerate(ps) if i),
          label + ": pages 2.. numbered from 2")
    check(bool(DATELINE.search(ps[0])), label + ": the dateline on one line")
    titles = ("TL. BAN THƯỜNG VỤ",) if notice else ("THƯ KÝ",)
    sign = [i for i, p in enumerate(ps) if any(t in p for t in titles)]
    recv = [i for i, p in enumerate(ps) if "Nơi nhận:" in p]
    close = [i for i, p in enumerate(ps) if any(c in p for c in CLOSING)]
    check(len(sign) == 1 and recv == sign and close == sign,
          label + ": signatures, Nơi nhận and the closing line on one page (%s %s %s)" % (sign, recv, close))
    # Not alone on its page either: something of the body comes before the
    # closing line there (a directive's row with the table's header row
    # repeated over it, or a paragraph). Writer honours the last row's
    # keep-with-next when reading the docx, not always in the odt; the
    # html print does since the table before the closing line says
    # break-after: avoid (Chromium takes its last row along).
    if sign and sign[0] > 0 and not name.endswith("-odt"):
        pl = lines(ps[sign[0]])[1:]
        at = next((k for k, l in enumerate(pl) if any(c in l for c in CLOSING)), 0)
        body = [l for l in pl[:at] if not re.match(r"TT\s+Nội dung", l)]
        check(bool(body), label + ": the closing line and signatures not alone on page %d"
              % (sign[0] + 1))
    if sign:
        p = ps[sign[0]]
        if notice:
            check("CHÁNH VĂN PHÒNG" in p, label + ": the signer's title with the signatures")
        else:
            check("CHỦ TRÌ" in p, label + ": both signature titles on that page")
        after = p[p.index(titles[0]):]
        names = names_of(name, notice)
        check(all(n in after for n in names),
              label + ": the names (%s) under the titles on that page" % ", ".join(names))

CHAIRS = {"1": "Nguyễn Thành Trung", "2": "Phạm Hồng Hiệp", "3": "Huỳnh Thị Thanh Nguyệt",
          "4": "Hà Duy Trung"}
def names_of(name, notice):
    """The names signing a document: the demo's store has no notice signer."""
    if name.startswith(("demo-", "conf-", "shift-")):
        if notice:
            return []
        m = re.match(r"(?:demo|shift)-(\d)", name)
        return ["Đại diện Văn phòng Tỉnh đoàn"] + ([CHAIRS[m.group(1)]] if m else [])
    return ["Võ Thị Em"] if notice else ["Trần Thị Bình", "Nguyễn Văn An"]

singles = {}
for name in sorted(f[:-4] for f in os.listdir(d) if f.endswith(".txt")):
    ps = pages(name)
    if not ps:
        check(False, name + ": has pages")
        continue
    if name.startswith("conf-"):
        continue
    singles[name] = len(ps)
    check_document(name, ps, "-conclusions-" in name)

# The stepped meetings: one of them ends its body at a page bottom, where
# the closing line went over with the signatures (and the notes stayed).
moved = 0
for fmt in ("docx", "odt"):
    for k in range(1, 33):
        name = "step-%d-%s" % (k, fmt)
        if name not in singles:
            continue
        ps = pages(name)
        last_note = "Ý kiến số %d." % (9 + k)
        ln = [i for i, p in enumerate(ps) if last_note in p]
        cl = [i for i, p in enumerate(ps) if "Hội nghị kết thúc" in p]
        if ln and cl and ln[-1] < cl[0]:
            moved += 1
            print("     %s: the last note on page %d, the closing line on page %d" % (name, ln[-1] + 1, cl[0] + 1))
    check(moved > 0, "%s: a body that ends at a page bottom takes its closing line to the signatures' page" % fmt)
    moved = 0

# The long meeting: due dates whole, the header row on every page of the table.
for fmt in ("docx", "odt"):
    name = "big-minutes-" + fmt
    if name not in singles:
        continue
    ps = pages(name)
    text = "\n".join(ps)
    dates = re.findall(r"(?<![\d/])\d\d?/\d\d?/20\d\d(?![\d/])", text)
    check(len(dates) == 30, "%s: 30 due dates, each on one line (%d)" % (name, len(dates)))
    tp = [i for i, p in enumerate(ps) if re.search(r"\d\d?/12/2021", p)]
    check(len(tp) >= 2 and all("Nội dung nhiệm vụ" in ps[i] for i in tp),
          "%s: the directives' table spans %d pages, its header on each" % (name, len(tp)))

# The conference: one section per meeting (in the html print too).
for fmt in ("docx", "odt", "html"):
    name = "conf-" + fmt
    if fmt == "html" and not os.path.exists(os.path.join(d, name + ".txt")):
        continue
    ps = pages(name)
    starts = [i for i, p in enumerate(ps) if DATELINE.search(p) and "BCH ĐOÀN TỈNH BÌNH ĐỊNH" in p]
    check(len(starts) == 4, "%s: four documents (%d)" % (name, len(starts)))
    bounds = starts + [len(ps)]
    for j in range(len(starts)):
        doc = ps[bounds[j]:bounds[j + 1]]
        m = re.search(r"Số: (\d+)-BB", doc[0])
        num = m.group(1) if m else "?"
        own = {"13": 1, "15": 2, "14": 3, "12": 4}.get(num)
        want = singles.get("demo-%s-minutes-%s" % (own, fmt))
        check(want == len(doc), "%s: meeting %s is %d pages, as its own export (%s)" % (name, own, len(doc), want))
        check_document(name, doc, False, "%s meeting %s" % (name, own))
# The notices' recipients evenly and closely spaced: the signer's larger
# type beside them (CHÁNH VĂN PHÒNG, rows of the same table) spaced them
# apart, unevenly in bienban's own PDF. Each line's top from pdftotext -bbox-layout, on the page of "Nơi
# nhận:"; bienban's own PDF too.
import subprocess
def recipient_gaps(pdf):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         text=True).stdout
    for page in out.split("<page ")[1:]:
        rows = []
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</line>', page, re.S):
            words = re.findall(r"<word[^>]*>([^<]*)</word>", m.group(3))
            rows.append((float(m.group(1)), float(m.group(2)), " ".join(words)))
        start = [r for r in rows if r[2].startswith("Nơi nhận:")]
        if not start:
            continue
        x0, y0 = start[0][0], start[0][1]
        ys = sorted(y for x, y, t in rows if t.startswith("- ") and abs(x - x0) < 2 and y > y0)
        return [round(b - a, 2) for a, b in zip(ys, ys[1:])]
    return None
notices = [os.path.join(d, f) for f in sorted(os.listdir(d)) if "-conclusions-" in f and f.endswith(".pdf")]
notices += sys.argv[2:]
for pdf in notices:
    g = recipient_gaps(pdf)
    # Evenly, and as their own 11 pt type spaces lines (~13.9 pt), not
    # as the signer's 14 pt rows beside them did (17.7 pt).
    check(bool(g) and max(g) - min(g) < 0.5 and max(g) < 15.5,
          "%s: the recipients evenly spaced (gaps %s pt)" % (os.path.basename(pdf), g))
print("%d failed (python)" % fails)
sys.exit(1 if fails else 0)
EOF
[ $? -eq 0 ] || fails=$((fails + 1))
echo "$fails failed"
[ "$fails" -eq 0 ]
