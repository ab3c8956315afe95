#!/usr/bin/env python3
"""pdf_check.py - check exported PDFs with poppler-utils, as a reader sees
them: A4, PDF 1.4 or later, every font embedded as a subset, and per page
(pdftotext -layout) the page-flow rules of the documents: page numbers
from the second page of each document, the dateline on one line, the
signature titles, the names and "Nơi nhận" on one page that also holds
the end of the body, room for the signature between title and name
(pdftotext -bbox), no control sequence shown as ^[.

Usage: pdf_check.py [--docs N] [--meta Key=Value]... FILE.pdf...
(--docs and --meta apply to every file given.) Prints one line per
problem and exits 1 if there was any."""
import re
import subprocess
import sys

problems = []


def bad(path, what):
    problems.append(f"{path}: {what}")


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")


DATELINE = re.compile(r"\S[^,]*, ngày \d\d tháng \d\d? năm \d{4}")
SIGN_SPACE_MM = 25  # at least this much between a signer's title and name


def check_info(path, meta):
    info = {}
    for line in run("pdfinfo", path).splitlines():
        k, _, v = line.partition(":")
        info[k.strip()] = v.strip()
    m = re.match(r"([\d.]+) x ([\d.]+) pts", info.get("Page size", ""))
    if not m or abs(float(m.group(1)) - 595.28) > 1 or abs(float(m.group(2)) - 841.89) > 1:
        bad(path, f"page size is {info.get('Page size')}, not A4")
    v = info.get("PDF version", "0")
    if float(v) < 1.4:
        bad(path, f"PDF version {v}")
    for k, want in meta:
        if info.get(k) != want:
            bad(path, f"{k} is {info.get(k)!r}, not {want!r}")
    return int(info.get("Pages", "0"))


def check_fonts(path):
    rows = run("pdffonts", path).splitlines()[2:]
    if not rows:
        bad(path, "no fonts")
    for r in rows:
        # name type... emb sub uni object ID: the last five columns
        f = r.split()
        emb, sub = f[-5], f[-4]
        if emb != "yes" or sub != "yes":
            bad(path, f"font not embedded as a subset: {r}")
        if not re.search(r"\+(LiberationSerif|TimesNewRoman)", f[0]):
            bad(path, f"font is not Times New Roman or Liberation Serif: {f[0]}")


def page_number(page):
    for line in page.splitlines():
        if line.strip():
            s = line.strip()
            return int(s) if s.isdigit() else None
    return None


def signature_gaps(path, first, last):
    """Vertical distance (mm) from each signature title to the first word
    below it in its column, on pages first..last (1-based)."""
    html = run("pdftotext", "-bbox", "-f", str(first), "-l", str(last), path, "-")
    gaps = []
    for page in html.split("<page ")[1:]:
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page)]
        # The signatures come after the body's last words ("./.").
        end = max((y1 for x0, y0, x1, y1, w in words if w.endswith("./.")), default=None)
        for i, (x0, y0, x1, y1, w) in enumerate(words):
            # "KÝ" of THƯ KÝ, "TRÌ" of CHỦ TRÌ, "PHÒNG" of CHÁNH VĂN PHÒNG
            if w not in ("KÝ", "TRÌ", "PHÒNG") or i == 0 or end is None or y0 < end:
                continue
            below = [b for b in words if b[1] > y1 + 1 and abs((b[0] + b[2]) / 2 - (x0 + x1) / 2) < 60]
            if below:
                gaps.append((min(b[1] for b in below) - y1) * 25.4 / 72)
    return gaps


def check_text(path, want_docs):
    text = run("pdftotext", "-layout", path, "-")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    if "^[" in text:
        bad(path, "a control sequence shows as ^[")
    docs = []  # [first page index, last page index]
    for i, page in enumerate(pages):
        n = page_number(page)
        if n is None:
            docs.append([i, i])
            if "ĐOÀN TNCS HỒ CHÍ MINH" not in page:
                bad(path, f"page {i + 1}: no page number and no document header")
            # The header's dateline is the page's first line with "ngày".
            first = next((l for l in page.splitlines() if "ngày" in l), "")
            if not DATELINE.search(first):
                bad(path, f"page {i + 1}: the dateline is not on one line: {first.strip()}")
        elif not docs:
            bad(path, "page 1 has a page number")
        else:
            want = i - docs[-1][0] + 1
            if n != want:
                bad(path, f"page {i + 1}: numbered {n}, expected {want}")
            docs[-1][1] = i
    if want_docs is not None and len(docs) != want_docs:
        bad(path, f"{len(docs)} documents, expected {want_docs}")
    for first, last in docs:
        notice = "THÔNG BÁO" in pages[first]
        titles = "CHÁNH VĂN PHÒNG" if notice else "THƯ KÝ"
        where = [i for i in range(first, last + 1) if titles in pages[i]]
        if len(where) != 1:
            bad(path, f"document from page {first + 1}: signature titles on {len(where)} pages")
            continue
        page = pages[where[0]]
        lines = page.splitlines()
        t = next(k for k, l in enumerate(lines) if titles in l)
        end = next((k for k, l in enumerate(lines) if "./." in l), None)
        if end is None or end > t:
            bad(path, f"page {where[0] + 1}: the signatures are not on the page of the body's end")
        # Nor alone there: when they are not on the document's first page,
        # something of the body (a directive's row under the repeated
        # header row, a paragraph) comes before the closing line.
        if where[0] > first and end is not None:
            body = [l for l in lines[:end] if l.strip() and page_number(l) is None
                    and not re.match(r"\s*TT\s+Nội dung", l)]
            if not body:
                bad(path, f"page {where[0] + 1}: the closing line and signatures alone on the page")
        recv = next((k for k, l in enumerate(lines) if "Nơi nhận:" in l), None)
        if recv is None:
            bad(path, f"page {where[0] + 1}: 'Nơi nhận' is not on the page of the signatures")
        if not notice:
            names = [l for l in lines[t + 1:recv] if l.strip()] if recv else []
            if not names:
                bad(path, f"page {where[0] + 1}: no names under the signature titles")
        if last > where[0]:
            bad(path, f"document from page {first + 1}: pages after the signatures")
        for gap in signature_gaps(path, where[0] + 1, where[0] + 1):
            if gap < SIGN_SPACE_MM:
                bad(path, f"page {where[0] + 1}: only {gap:.0f} mm between a signature "
                    "title and the name")
    return len(pages)


def main(argv):
    docs, meta, files = None, [], []
    it = iter(argv)
    for a in it:
        if a == "--docs":
            docs = int(next(it))
        elif a == "--meta":
            k, _, v = next(it).partition("=")
            meta.append((k, v))
        else:
            files.append(a)
    for f in files:
        n = check_info(f, meta)
        check_fonts(f)
        if check_text(f, docs) != n:
            bad(f, "pdftotext and pdfinfo disagree on the number of pages")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
