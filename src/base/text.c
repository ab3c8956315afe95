/* text.c - UTF-8 validation, NFC, graphemes, widths, wrapping and search folding on utf8proc. */
#include "i18n.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util.h"

#define RETURN_SYMBOL "\xe2\x86\xb5" /* U+21B5, shown for a newline */

/* Decode one code point at s[off..len). Returns its length in bytes, or 0
 * when the bytes there are not valid UTF-8 (the caller then treats one byte
 * as invalid and moves on, so every invalid byte is handled on its own). */
static size_t decode(const char *s, size_t len, size_t off, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t n;

	if (off >= len)
		return 0;
	n = utf8proc_iterate((const utf8proc_uint8_t *)s + off, (utf8proc_ssize_t)(len - off), cp);
	return n > 0 ? (size_t)n : 0;
}

int text_valid_utf8(const char *s, size_t len, size_t *bad)
{
	size_t off = 0;
	utf8proc_int32_t cp;

	while (off < len) {
		/* ASCII is valid as it stands; a title is mostly ASCII. */
		if ((unsigned char)s[off] < 0x80) {
			off++;
			continue;
		}
		size_t n = decode(s, len, off, &cp);
		if (n == 0) {
			if (bad)
				*bad = off;
			return 0;
		}
		off += n;
	}
	return 1;
}

/* Đ/đ have no decomposition, so mark stripping leaves them alone; search
 * must still find "Đoàn" when the user types "doan". */
static utf8proc_int32_t fold_d(utf8proc_int32_t cp, void *data)
{
	(void)data;
	if (cp == 0x0110 || cp == 0x0111)
		return 'd';
	return cp;
}

/* utf8proc_map, but allocating with xmalloc so that out of memory is fatal
 * like everywhere else and the result can be freed with free(). s must be
 * valid UTF-8. */
static char *map(const char *s, size_t len, utf8proc_option_t opts, utf8proc_custom_func f)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t *buf;
	utf8proc_ssize_t n, m;

	n = utf8proc_decompose_custom(u, (utf8proc_ssize_t)len, NULL, 0, opts, f, NULL);
	if (n < 0)
		return NULL;
	/* reencode writes UTF-8 in place: needs one spare byte, which the extra
	 * code point slot provides. */
	buf = xreallocarray(NULL, (size_t)n + 1, sizeof *buf);
	m = utf8proc_decompose_custom(u, (utf8proc_ssize_t)len, buf, n, opts, f, NULL);
	if (m >= 0 && m <= n)
		m = utf8proc_reencode(buf, m, opts);
	else
		m = -1;
	if (m < 0) {
		free(buf);
		return NULL;
	}
	return (char *)buf;
}

static char *nfc_valid(const char *s, size_t len)
{
	char *out = map(s, len, UTF8PROC_COMPOSE | UTF8PROC_STABLE, NULL);
	/* Only unreachable library failures get here; keep the text as it was. */
	return out ? out : xstrndup(s, len);
}

/* NFC's quick check (UAX #15) on the characters minutes are made of: below
 * U+0300 (ASCII, Latin-1, Latin Extended-A and -B: ă â đ ê ô ơ ư), Latin
 * Extended Additional (U+1E00-U+1EFF: the rest of Vietnamese's precomposed
 * letters), general punctuation from U+2010 (dashes, quotes, the ellipsis)
 * and the currency signs (U+20AB, the đồng sign). Each has
 * NFC_Quick_Check=Yes and combining class 0, so a string of only these is
 * NFC as it is (tests/test_text.c proves it against utf8proc, pair by
 * pair); anything else goes through utf8proc. */
int text_nfc_quick(int32_t cp)
{
	return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x205F) ||
	       (cp >= 0x20A0 && cp <= 0x20C0);
}

/* Valid UTF-8 (else 0, the first bad byte in *bad) and whether all of it
 * passes the quick check (*quick). One pass, ASCII a byte at a time. */
static int valid_quick(const char *s, size_t len, size_t *bad, int *quick)
{
	size_t off = 0;
	utf8proc_int32_t cp;

	*quick = 1;
	while (off < len) {
		if ((unsigned char)s[off] < 0x80) {
			off++;
			continue;
		}
		size_t n = decode(s, len, off, &cp);
		if (n == 0) {
			*bad = off;
			return 0;
		}
		if (*quick && !text_nfc_quick(cp))
			*quick = 0;
		off += n;
	}
	return 1;
}

int text_nfc(const char *s, char **out, char **cause)
{
	size_t len, bad = 0;
	int quick;

	*out = NULL;
	if (!s)
		return 0;
	len = strlen(s);
	if (!valid_quick(s, len, &bad, &quick))
		return set_cause(cause, _("invalid UTF-8 at byte %zu"), bad);
	*out = quick ? xstrndup(s, len) : nfc_valid(s, len);
	return 0;
}

static int is_ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* Pasted text often carries no-break or ideographic spaces at the ends,
 * which are as invisible as ASCII ones, so they are trimmed too. */
static int is_unicode_space(utf8proc_int32_t cp)
{
	utf8proc_category_t cat;

	if (cp < 0x80)
		return is_ascii_space((unsigned char)cp);
	if (cp == 0x85)
		return 1;
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	       cat == UTF8PROC_CATEGORY_ZP;
}

int text_nfc_trim(const char *s, char **out, char **cause)
{
	char *t;
	size_t len, start = 0, end = 0, off = 0;
	utf8proc_int32_t cp;

	if (text_nfc(s, out, cause) < 0)
		return -1;
	t = *out;
	if (!t)
		return 0;
	len = strlen(t);
	/* One forward pass: start is the first non-space, end follows the last. */
	while (off < len) {
		size_t n = decode(t, len, off, &cp);
		if (!is_unicode_space(cp)) {
			if (end == 0)
				start = off;
			end = off + n;
		}
		off += n;
	}
	if (end == 0) {
		free(t);
		*out = NULL;
		return 0;
	}
	memmove(t, t + start, end - start);
	t[end - start] = '\0';
	return 0;
}

/* A precomposed Latin letter (Latin-1's, Latin Extended-A and -B, the
 * Vietnamese block U+1E00..U+1EFF): a cluster of its own (Grapheme
 * Cluster Break "Other": never Extend, a mark, a prepend or a control)
 * and one column wide. The letters of a Vietnamese text in NFC. */
static int latin_letter(utf8proc_int32_t cp)
{
	return (cp >= 0xc0 && cp < 0x250 && cp != 0xd7 && cp != 0xf7) ||
	       (cp >= 0x1e00 && cp <= 0x1eff);
}

size_t text_next_grapheme(const char *s, size_t len, size_t off)
{
	utf8proc_int32_t prev, cp;
	utf8proc_int32_t state = 0;
	size_t n;

	if (off >= len)
		return len;
	n = decode(s, len, off, &prev);
	if (n == 0)
		return off + 1;
	off += n;
	/* The common case at once: an ASCII character next is never Extend,
	 * SpacingMark, ZWJ or a regional indicator, so it starts a cluster
	 * unless it is the LF of CR LF or follows a Prepend (none below
	 * U+0600, nor among the Vietnamese letters U+1E00..U+1EFF). */
	if (off < len && (unsigned char)s[off] < 0x80 && !(prev == '\r' && s[off] == '\n') &&
	    (prev < 0x600 || (prev >= 0x1e00 && prev <= 0x1eff)))
		return off;
	/* The same for a precomposed letter next ("Hội nghị"): it starts a
	 * cluster after anything but a Prepend or a ZWJ. */
	if (off < len && (prev < 0x600 || latin_letter(prev))) {
		n = decode(s, len, off, &cp);
		if (n && latin_letter(cp))
			return off;
	}
	while (off < len) {
		n = decode(s, len, off, &cp);
		if (n == 0 || utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		prev = cp;
		off += n;
	}
	return off;
}

/* A position where a cluster boundary holds whatever came earlier: after an
 * LF (GB4), or between two ASCII characters other than CR LF (no prepend,
 * extend, ZWJ or regional indicator can be involved). Scanning forward from
 * such a point gives the same boundaries as scanning from the start. */
static int is_anchor(const char *s, size_t q)
{
	unsigned char a, b;

	if (q == 0)
		return 1;
	a = (unsigned char)s[q - 1];
	b = (unsigned char)s[q];
	if (a == '\n')
		return 1;
	return a < 0x80 && b < 0x80 && !(a == '\r' && b == '\n');
}

size_t text_prev_grapheme(const char *s, size_t len, size_t off)
{
	size_t q, pos, next;

	if (off > len)
		off = len;
	if (off == 0)
		return 0;
	q = off - 1;
	while (!is_anchor(s, q))
		q--;
	pos = q;
	for (;;) {
		next = text_next_grapheme(s, len, pos);
		if (next >= off)
			return pos;
		pos = next;
	}
}

/* 1 if the cluster starting at off belongs to a word (text.h). */
static int word_cluster(const char *s, size_t len, size_t off)
{
	utf8proc_int32_t cp;
	if (decode(s, len, off, &cp) == 0)
		return 0; /* an invalid byte separates words */
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

size_t text_word_next(const char *s, size_t len, size_t off)
{
	if (off > len)
		off = len;
	while (off < len && !word_cluster(s, len, off))
		off = text_next_grapheme(s, len, off);
	while (off < len && word_cluster(s, len, off))
		off = text_next_grapheme(s, len, off);
	return off;
}

size_t text_word_prev(const char *s, size_t len, size_t off)
{
	if (off > len)
		off = len;
	while (off > 0) {
		size_t p = text_prev_grapheme(s, len, off);
		if (word_cluster(s, len, p))
			break;
		off = p;
	}
	while (off > 0) {
		size_t p = text_prev_grapheme(s, len, off);
		if (!word_cluster(s, len, p))
			break;
		off = p;
	}
	return off;
}

/* The bidirectional controls (U+061C, U+200E/F, U+202A..U+202E,
 * U+2066..U+2069): invisible, yet they reorder what follows (a U+202E
 * shows "txt.exe" as "exe.txt"), so they are shown as <U+202E>. */
static int is_bidi_control(utf8proc_int32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* Columns taken by the visible form text_visible gives a control code point
 * or invalid byte; 0 if cp is not one of those. */
static size_t control_width(utf8proc_int32_t cp)
{
	if (cp == '\t' || cp == '\n')
		return 1; /* a space, or U+21B5 */
	if (cp < 0x20 || cp == 0x7f)
		return 2; /* "^[" */
	if ((cp >= 0x80 && cp <= 0x9f) || is_bidi_control(cp))
		return 8; /* "<U+0085>", "<U+202E>" */
	return 0;
}

static int is_control(utf8proc_int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || is_bidi_control(cp);
}

/* Width of the cluster s[0..n). Controls are clusters of their own except
 * CR LF, whose visible form shows both, so their widths add up. */
static size_t cluster_width(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	size_t k, off, w;
	int cw;

	if (n == 1 && (unsigned char)s[0] >= 0x20 && (unsigned char)s[0] < 0x7f)
		return 1; /* printable ASCII, the common case */
	k = decode(s, n, 0, &cp);
	if (k == 0)
		return 4; /* "\xNN" */
	if (k == n && latin_letter(cp))
		return 1; /* a precomposed letter alone, the next common case */
	if (is_control(cp)) {
		w = 0;
		for (off = 0; off < n; off += k) {
			k = decode(s, n, off, &cp);
			if (k == 0)
				return w + 4 * (n - off);
			w += control_width(cp);
		}
		return w;
	}
	cw = utf8proc_charwidth(cp);
	return cw > 0 ? (size_t)cw : 0;
}

size_t text_width_n(const char *s, size_t len)
{
	size_t off = 0, w = 0;

	while (off < len) {
		size_t next = text_next_grapheme(s, len, off);
		w += cluster_width(s + off, next - off);
		off = next;
	}
	return w;
}

size_t text_width(const char *s)
{
	return s ? text_width_n(s, strlen(s)) : 0;
}

char *text_visible(const char *s, int keep_newline)
{
	struct strbuf sb = {0};
	size_t len, off = 0;
	utf8proc_int32_t cp;

	if (!s)
		return xstrdup("");
	len = strlen(s);
	while (off < len) {
		/* What stays as it is (printable ASCII, letters) is copied a
		 * run at a time. */
		size_t run = off;
		for (;;) {
			while (run < len && (unsigned char)s[run] >= 0x20 &&
			       (unsigned char)s[run] < 0x7f)
				run++;
			if (run >= len || (unsigned char)s[run] < 0x80)
				break;
			size_t k = decode(s, len, run, &cp);
			if (k == 0 || is_control(cp))
				break;
			run += k;
		}
		if (run > off) {
			strbuf_add(&sb, s + off, run - off);
			off = run;
			continue;
		}
		size_t n = decode(s, len, off, &cp);
		if (n == 0) {
			strbuf_addf(&sb, "\\x%02X", (unsigned char)s[off]);
			off++;
			continue;
		}
		if (cp == '\t')
			strbuf_addc(&sb, ' ');
		else if (cp == '\n')
			strbuf_adds(&sb, keep_newline ? "\n" : RETURN_SYMBOL);
		else if (cp < 0x20 || cp == 0x7f)
			strbuf_addf(&sb, "^%c", (char)(cp ^ 0x40));
		else if ((cp >= 0x80 && cp <= 0x9f) || is_bidi_control(cp))
			strbuf_addf(&sb, "<U+%04X>", (unsigned)cp);
		else
			strbuf_add(&sb, s + off, n);
		off += n;
	}
	return strbuf_detach(&sb);
}

size_t text_fit(const char *s, size_t len, size_t cols, size_t *width)
{
	size_t off = 0, w = 0;

	while (off < len) {
		size_t next = text_next_grapheme(s, len, off);
		size_t cw = cluster_width(s + off, next - off);
		if (w + cw > cols)
			break;
		w += cw;
		off = next;
	}
	if (width)
		*width = w;
	return off;
}

struct lines {
	size_t n, cap;
	size_t *starts, *lens;
};

static void add_line(struct lines *l, size_t start, size_t len)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->starts = xreallocarray(l->starts, l->cap, sizeof *l->starts);
		l->lens = xreallocarray(l->lens, l->cap, sizeof *l->lens);
	}
	l->starts[l->n] = start;
	l->lens[l->n] = len;
	l->n++;
}

/* Greedy wrap of one paragraph s[p..e) (no '\n' inside). Spaces that do not
 * fit "hang" past the edge and are never part of a line, so every line is
 * at most cols wide. */
static void wrap_paragraph(struct lines *l, const char *s, size_t p, size_t e, size_t cols)
{
	size_t ls = p;	     /* start of the current line */
	size_t lend = p;     /* end of what the line holds so far */
	size_t w = 0;	     /* width of s[ls..lend) */
	size_t brk_end = 0;  /* end of text before the latest run of spaces */
	size_t brk_next = 0; /* first byte after that run */
	int has_brk = 0, in_space = 0, hanging = 0, text_on_line = 0;
	size_t a, b;

	for (a = p; a < e; a = b) {
		size_t cw;

		b = text_next_grapheme(s, e, a);
		cw = cluster_width(s + a, b - a);
		if (b == a + 1 && (s[a] == ' ' || s[a] == '\t')) {
			if (!in_space) {
				brk_end = a;
				in_space = 1;
				/* Leading indentation is no place to break. */
				has_brk = brk_end > ls;
			}
			brk_next = b;
			if (!hanging && w + cw <= cols) {
				w += cw;
				lend = b;
			} else {
				hanging = 1;
			}
			continue;
		}
		in_space = 0;
		if (hanging || w + cw > cols) {
			if (has_brk) {
				add_line(l, ls, brk_end - ls);
				ls = brk_next;
				lend = a;
				w = text_width_n(s + ls, a - ls);
			} else {
				/* Indentation too wide to share a line with the
				 * word is dropped rather than shown as a blank
				 * line. */
				if (text_on_line)
					add_line(l, ls, lend - ls);
				ls = lend = a;
				w = 0;
			}
			has_brk = 0;
			hanging = 0;
			/* The word carried over may itself be too long with this
			 * cluster: split it at the grapheme boundary here. */
			if (w + cw > cols && lend > ls) {
				add_line(l, ls, lend - ls);
				ls = lend = a;
				w = 0;
			}
		}
		/* A cluster wider than cols still takes a line of its own. */
		w += cw;
		lend = b;
		text_on_line = 1;
	}
	add_line(l, ls, lend - ls);
}

size_t text_wrap(const char *s, size_t cols, size_t **starts, size_t **lens)
{
	struct lines l = {0};
	size_t len, p = 0;

	if (!s)
		s = "";
	if (cols == 0)
		cols = 1; /* guarantees progress; nothing fits in 0 columns anyway */
	len = strlen(s);
	for (;;) {
		const char *nl = memchr(s + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - s) : len;
		wrap_paragraph(&l, s, p, e, cols);
		if (!nl)
			break;
		p = e + 1;
	}
	*starts = l.starts;
	*lens = l.lens;
	return l.n;
}

/* Copy of s with invalid bytes dropped (or replaced by repl when not NULL),
 * so that utf8proc can process the rest. */
static char *valid_copy(const char *s, const char *repl)
{
	struct strbuf sb = {0};
	size_t len = strlen(s), off = 0;
	utf8proc_int32_t cp;

	while (off < len) {
		size_t n = decode(s, len, off, &cp);
		if (n == 0) {
			if (repl)
				strbuf_adds(&sb, repl);
			off++;
			continue;
		}
		strbuf_add(&sb, s + off, n);
		off += n;
	}
	return strbuf_detach(&sb);
}

char *text_fold(const char *s)
{
	char *v, *out;

	if (!s)
		return xstrdup("");
	v = valid_copy(s, NULL);
	/* COMPOSE rather than DECOMPOSE: marks are stripped during the internal
	 * decomposition either way, and composing afterwards keeps the result
	 * NFC (e.g. Hangul stays precomposed). */
	out = map(v, strlen(v),
		  UTF8PROC_COMPOSE | UTF8PROC_STABLE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
		  fold_d);
	if (!out)
		out = xstrdup(v);
	free(v);
	return out;
}

char *text_upper(const char *s)
{
	struct strbuf sb = {0};
	size_t len, off = 0;
	utf8proc_int32_t cp;
	char *out;

	if (!s)
		return xstrdup("");
	len = strlen(s);
	while (off < len) {
		utf8proc_uint8_t enc[4];
		size_t n = decode(s, len, off, &cp);
		if (n == 0) {
			/* Keep the result valid so it can be normalised. */
			strbuf_adds(&sb, "\xef\xbf\xbd");
			off++;
			continue;
		}
		strbuf_add(&sb, (const char *)enc,
			   (size_t)utf8proc_encode_char(utf8proc_toupper(cp), enc));
		off += n;
	}
	/* Decomposed input (o + U+0302 + U+0300) only composes to "Ồ" after the
	 * base letter has been upper-cased. */
	out = nfc_valid(sb.buf ? sb.buf : "", sb.len);
	strbuf_free(&sb);
	return out;
}

char *text_trim(char *s)
{
	size_t len, start = 0;

	if (!s)
		return s;
	len = strlen(s);
	while (len > 0 && is_ascii_space((unsigned char)s[len - 1]))
		len--;
	while (start < len && is_ascii_space((unsigned char)s[start]))
		start++;
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
	return s;
}

/* The clusters of a title a row shows, walked once: their ends and
 * widths, so the head and the tail are found without walking again. */
#define ELIDE_CLUSTERS 512

char *text_elide_middle(const char *s, size_t cols)
{
	return text_elide_middle_width(s, cols, NULL);
}

#define ELIDE_TAIL_ONLY 24 /* columns below which only the end is kept */

char *text_elide_middle_width(const char *s, size_t cols, size_t *width)
{
	if (width)
		*width = 0;
	if (!s)
		return xstrdup("");
	size_t len = strlen(s);
	size_t ends[ELIDE_CLUSTERS];
	unsigned char widths[ELIDE_CLUSTERS];
	size_t n = 0, total = 0, off = 0;
	while (off < len) {
		size_t next, cw;
		unsigned char c = (unsigned char)s[off];
		if (c >= 0x20 && c < 0x7f && (off + 1 == len || (unsigned char)s[off + 1] < 0x80)) {
			/* printable ASCII before ASCII or the end: a cluster of
			 * one column (CR LF is the only ASCII pair kept whole) */
			next = off + 1;
			cw = 1;
		} else {
			next = text_next_grapheme(s, len, off);
			cw = cluster_width(s + off, next - off);
		}
		if (n < ELIDE_CLUSTERS) {
			ends[n] = next;
			widths[n] = cw < 255 ? (unsigned char)cw : 255;
			if (cw >= 255)
				n = ELIDE_CLUSTERS; /* a long run of controls: walk it */
			else
				n++;
		}
		total += cw;
		off = next;
	}
	if (total <= cols) {
		if (width)
			*width = total;
		return xstrdup(s);
	}
	if (cols == 0)
		return xstrdup("");
	size_t room = cols - 1; /* one column for the ellipsis */
	/* A third for the head; in a narrow room none: titles of a conference
	 * share their start and differ at the end ("…số 2 quý IV/2026", not
	 * "Hội …uý IV/2026"). */
	size_t head_cols = cols < ELIDE_TAIL_ONLY ? 0 : room / 3, head_w = 0, head = 0, tail = len;
	if (n < ELIDE_CLUSTERS) {
		size_t i = 0;
		while (i < n && head_w + widths[i] <= head_cols)
			head_w += widths[i++];
		head = i ? ends[i - 1] : 0;
		/* The tail: the most clusters from the end that fit the room the
		 * head left. */
		size_t tail_w = 0, j = n;
		while (j > i && tail_w + widths[j - 1] <= room - head_w)
			tail_w += widths[--j];
		tail = j ? ends[j - 1] : 0;
		if (width)
			*width = head_w + 1 + tail_w;
	} else {
		head = text_fit(s, len, head_cols, &head_w);
		/* From the first cluster after the head from which the rest
		 * fits the room left, found walking on forward (walking back
		 * cluster by cluster costs a lookback each). */
		size_t w = head_w;
		tail = head;
		while (tail < len && total - w > room - head_w) {
			size_t next = text_next_grapheme(s, len, tail);
			w += cluster_width(s + tail, next - tail);
			tail = next;
		}
		if (width)
			*width = head_w + 1 + (total - w);
	}
	struct strbuf sb = {0};
	strbuf_add(&sb, s, head);
	strbuf_adds(&sb, "…");
	strbuf_add(&sb, s + tail, len - tail);
	return strbuf_detach(&sb);
}

/* Length in bytes of the escape sequence at s[0] (ESC or a C1 CSI/OSC of
 * n bytes), up to its end; 0 if s does not start one. */
static size_t escape_len(const char *s, size_t len, size_t first)
{
	size_t i;
	int osc;
	unsigned char c = (unsigned char)s[0];
	if (c == 0x1b) {
		if (len < 2)
			return 1;
		c = (unsigned char)s[1];
		if (c == '[')
			osc = 0;
		else if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X')
			osc = 1;
		else
			return c >= 0x20 && c < 0x7f ? 2 : 1;
		i = 2;
	} else {
		/* U+009B CSI, U+009D OSC (two bytes in UTF-8) */
		osc = s[1] == (char)0x9d;
		i = first;
	}
	for (; i < len; i++) {
		c = (unsigned char)s[i];
		if (osc) {
			if (c == 0x07)
				return i + 1;
			if (c == 0x1b)
				return i + 1 < len && s[i + 1] == '\\' ? i + 2 : i;
		} else {
			if (c >= 0x40 && c <= 0x7e)
				return i + 1;
			if (c < 0x20 || c > 0x7e)
				return i; /* broken: stop before it */
		}
	}
	return len;
}

char *text_strip_controls(const char *s, int keep_newline)
{
	struct strbuf sb = {0};
	size_t len, off = 0;
	int removed = 0;
	utf8proc_int32_t cp;

	if (!s)
		return xstrdup("");
	strbuf_adds(&sb, "");
	len = strlen(s);
	while (off < len) {
		size_t n = decode(s, len, off, &cp);
		if (n == 0) {
			strbuf_adds(&sb, "\xEF\xBF\xBD");
			off++;
			continue;
		}
		if (cp == 0x1b || cp == 0x9b || cp == 0x9d) {
			size_t e = escape_len(s + off, len - off, n);
			off += e ? e : n;
			removed = 1;
			continue;
		}
		if (is_control(cp) && cp != '\t' && cp != '\n') {
			off += n;
			removed = 1;
			continue;
		}
		/* "a ^[[31m b" reads "a b", not "a  b". */
		int space = cp == ' ' || cp == '\t' || (cp == '\n' && !keep_newline);
		if (!(space && removed && sb.len && sb.buf[sb.len - 1] == ' ')) {
			if (space)
				strbuf_addc(&sb, ' ');
			else
				strbuf_add(&sb, s + off, n);
		}
		removed = 0;
		off += n;
	}
	return strbuf_detach(&sb);
}

int text_has_controls(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			return 1;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 1;
	}
	return 0;
}

char *text_quote(const char *s)
{
	if (!s)
		return xstrdup("");
	/* Look at no more of s than can be shown: a control is at least 2
	 * columns, any other code point at most 4 bytes. */
	size_t len = strlen(s), look = len;
	if (look > 4 * TEXT_QUOTE_COLS) {
		look = 4 * TEXT_QUOTE_COLS;
		while (look > 0 && ((unsigned char)s[look] & 0xc0) == 0x80)
			look--;
	}
	char *head = xstrndup(s, look);
	char *vis = text_visible(head, 0);
	free(head);
	size_t vlen = strlen(vis), w;
	if (look == len && text_width_n(vis, vlen) <= TEXT_QUOTE_COLS)
		return vis;
	size_t cut = text_fit(vis, vlen, TEXT_QUOTE_COLS - 1, &w);
	vis[cut] = '\0';
	char *out = xasprintf("%s…", vis);
	free(vis);
	return out;
}

int text_starts_capital(const char *s)
{
	utf8proc_int32_t c;
	if (!s || utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c) <= 0)
		return 0;
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
}

size_t text_comrade_len(const char *s)
{
	static const char *const leads[] = {"Đồng chí ", "đồng chí ", "Đ/c ", "đ/c ", "Đ/C "};
	for (size_t i = 0; s && i < BB_ARRAY_LEN(leads); i++)
		if (strncmp(s, leads[i], strlen(leads[i])) == 0)
			return strlen(leads[i]);
	return 0;
}

size_t text_honorific_len(const char *s)
{
	static const char *const words[] = {"ông ", "bà ", "Ông ", "Bà "};
	for (size_t i = 0; s && i < BB_ARRAY_LEN(words); i++) {
		size_t l = strlen(words[i]);
		if (strncmp(s, words[i], l) == 0 && text_starts_capital(s + l))
			return l;
	}
	return 0;
}

const char *text_one_named(const char *typed, const char *const *names, size_t n, int *several)
{
	char *fq = text_fold(typed ? typed : "");
	text_trim(fq);
	size_t lq = strlen(fq);
	const char *found = NULL;
	int many = 0;
	for (size_t j = 0; lq && j < n; j++) {
		if (!names[j])
			continue;
		char *f = text_fold(names[j]);
		if (str_eq(f, fq)) {
			free(f);
			found = names[j];
			many = 0;
			break;
		}
		for (const char *p = strstr(f, fq); p; p = strstr(p + 1, fq))
			if ((p == f || p[-1] == ' ') && (p[lq] == '\0' || p[lq] == ' ')) {
				if (found && !str_eq(found, names[j]))
					many = 1;
				found = names[j];
				break;
			}
		free(f);
	}
	free(fq);
	if (several)
		*several = many;
	return many ? NULL : found;
}
