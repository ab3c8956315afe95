#!/usr/bin/env python3
"""png_compare.py - compare a page rendered by `pdftoppm -gray` (a PGM)
with a golden 8-bit greyscale PNG within a tolerance, with nothing but
the standard library: the same size, and few pixels that differ by much
(a line moved, a glyph lost or a rule gone shows as thousands). Prints
the figures; exits 1 when over.

Usage: png_compare.py GOLDEN.png NEW.pgm [MAX_FRACTION]  (default 0.002:
at most 0.2 % of the pixels differ by more than a third of the range)
       png_compare.py --write NEW.pgm GOLDEN.png  (make the golden)"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or color != 0 or interlace:
                raise ValueError(f"{path}: not 8-bit greyscale, non-interlaced")
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    rows, prev, stride = [], bytearray(w), w + 1
    for y in range(h):
        f, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
        for x in range(w):
            a = line[x - 1] if x else 0
            b = prev[x]
            c = prev[x - 1] if x else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pr) & 255
        rows.append(line)
        prev = line
    return w, h, rows


def read_pgm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:  # P5 width height maxval, then one space
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P5" or fields[3] != b"255":
        raise ValueError(f"{path}: not an 8-bit PGM")
    w, h = int(fields[1]), int(fields[2])
    pix = data[pos + 1:pos + 1 + w * h]
    return w, h, [pix[y * w:(y + 1) * w] for y in range(h)]


def write_png(path, w, h, rows):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + bytes(r) for r in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main(argv):
    if argv[1] == "--write":
        write_png(argv[3], *read_pgm(argv[2]))
        return 0
    (gw, gh, g), (nw, nh, n) = read_png(argv[1]), read_pgm(argv[2])
    limit = float(argv[3]) if len(argv) > 3 else 0.002
    if (gw, gh) != (nw, nh):
        print(f"size {nw}x{nh}, golden {gw}x{gh}")
        return 1
    far = total = 0
    for a, b in zip(g, n):
        for x, y in zip(a, b):
            d = abs(x - y)
            total += d
            far += d > 85
    frac = far / (gw * gh)
    print(f"{far} of {gw * gh} pixels differ by more than 85 ({frac:.4%}, limit {limit:.2%}); "
          f"mean difference {total / (gw * gh):.3f}")
    return 1 if frac > limit else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
