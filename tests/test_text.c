/* test_text.c - unit tests for text.c: UTF-8, NFC, graphemes, widths, visible, wrap, fold. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <utf8proc.h>

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* Vietnamese spelled both ways, byte by byte, so the test does not depend on
 * how an editor normalises this file. */
#define HOI_NFC "H\xe1\xbb\x99i"	  /* Hội: ộ = U+1ED9 */
#define HOI_NFD "Ho\xcc\xa3\xcc\x82i"	  /* o + dot below + circumflex */
#define HOI_NFD_IME "Ho\xcc\x82\xcc\xa3i" /* marks in the order some IMEs send */
#define NGHI_NFC "ngh\xe1\xbb\x8b"	  /* nghị: ị = U+1ECB */
#define NGHI_NFD "nghi\xcc\xa3"
#define DONG_NFC "\xc4\x91\xe1\xbb\x93ng" /* đồng */
#define DONG_NFD "\xc4\x91o\xcc\x82\xcc\x80ng"
#define DONG_UP "\xc4\x90\xe1\xbb\x92NG" /* ĐỒNG */
#define CHI_NFC "ch\xc3\xad"		 /* chí */
#define CHI_NFD "chi\xcc\x81"
#define CHI_UP "CH\xc3\x8d"
#define ZHONG "\xe4\xb8\xad" /* 中 */
#define WEN "\xe6\x96\x87"   /* 文 */
#define ZI "\xe5\xad\x97"    /* 字 */

static void test_valid_utf8(void **state)
{
	size_t bad = 99;
	(void)state;

	assert_true(text_valid_utf8("", 0, &bad));
	assert_true(text_valid_utf8(HOI_NFC, strlen(HOI_NFC), &bad));
	assert_true(text_valid_utf8(HOI_NFD, strlen(HOI_NFD), NULL));
	assert_int_equal(bad, 99);

	/* truncated 3-byte sequence at the end */
	assert_false(text_valid_utf8("ab\xe1\xbb", 4, &bad));
	assert_int_equal(bad, 2);
	/* truncated sequence followed by ASCII */
	assert_false(text_valid_utf8("abc\xe1"
				     "d",
				     5, &bad));
	assert_int_equal(bad, 3);
	/* overlong '/' in two and three bytes */
	assert_false(text_valid_utf8("a\xc0\xaf", 3, &bad));
	assert_int_equal(bad, 1);
	assert_false(text_valid_utf8("\xe0\x80\xaf", 3, &bad));
	assert_int_equal(bad, 0);
	/* UTF-16 surrogate U+D800 */
	assert_false(text_valid_utf8("xy\xed\xa0\x80", 5, &bad));
	assert_int_equal(bad, 2);
	/* lone continuation byte */
	assert_false(text_valid_utf8("abc\x80", 4, &bad));
	assert_int_equal(bad, 3);
	/* beyond U+10FFFF */
	assert_false(text_valid_utf8("\xf4\x90\x80\x80", 4, &bad));
	assert_int_equal(bad, 0);
	/* only the first len bytes are looked at */
	assert_true(text_valid_utf8("ok\xff", 2, &bad));
}

static void test_nfc(void **state)
{
	char *out = NULL, *cause = NULL;
	(void)state;

	assert_int_equal(text_nfc(HOI_NFD " " NGHI_NFD, &out, &cause), 0);
	assert_string_equal(out, HOI_NFC " " NGHI_NFC);
	free(out);

	assert_int_equal(text_nfc(HOI_NFD_IME, &out, &cause), 0);
	assert_string_equal(out, HOI_NFC);
	free(out);

	assert_int_equal(text_nfc(HOI_NFC, &out, &cause), 0);
	assert_string_equal(out, HOI_NFC);
	free(out);

	out = (char *)"junk";
	assert_int_equal(text_nfc(NULL, &out, &cause), 0);
	assert_null(out);

	assert_int_equal(text_nfc("H\xe1\xbb\x99i \xe1\xbb", &out, &cause), -1);
	assert_null(out);
	assert_non_null(cause);
	assert_string_equal(cause, "invalid UTF-8 at byte 6");
	free(cause);
	cause = NULL;

	assert_int_equal(text_nfc("\x80", &out, &cause), -1);
	assert_string_equal(cause, "invalid UTF-8 at byte 0");
	free(cause);

	/* cause may be NULL */
	assert_int_equal(text_nfc("a\xed\xa0\x80", &out, NULL), -1);
	assert_null(out);
}

/* The quick check's characters (text.c) are NFC in any order: each has
 * combining class 0 and no pair of them composes, so copying a string of
 * them gives what utf8proc's NFC gives. Every a is put before and after
 * every b: a b1 a b2 a ... */
static void test_nfc_quick(void **state)
{
	(void)state;
	int32_t *set = NULL;
	size_t n = 0;
	for (int32_t cp = 1; cp <= 0x10FFFF; cp++) {
		if (!text_nfc_quick(cp))
			continue;
		assert_int_equal(utf8proc_get_property(cp)->combining_class, 0);
		set = realloc(set, (n + 1) * sizeof *set);
		set[n++] = cp;
	}
	assert_true(n > 1000);
	assert_false(text_nfc_quick(0x300));  /* combining grave */
	assert_false(text_nfc_quick(0x2001)); /* em quad: NFC makes it U+2003 */
	assert_false(text_nfc_quick(0x2126)); /* ohm sign: NFC makes it omega */
	char *buf = malloc(n * 8 + 8);
	for (size_t i = 0; i < n; i++) {
		size_t len = 0;
		for (size_t j = 0; j < n; j++) {
			len += (size_t)utf8proc_encode_char(set[i], (utf8proc_uint8_t *)buf + len);
			len += (size_t)utf8proc_encode_char(set[j], (utf8proc_uint8_t *)buf + len);
		}
		buf[len] = '\0';
		char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)buf);
		assert_non_null(nfc);
		if (strcmp(nfc, buf) != 0)
			fail_msg("U+%04X next to another quick-check character is not NFC", set[i]);
		free(nfc);
	}
	free(buf);
	free(set);

	/* Outside the quick set, utf8proc normalises as before. */
	char *out = NULL, *cause = NULL;
	assert_int_equal(text_nfc("e\xcc\x81 \xe2\x84\xa6 \xe1\xbb\x87", &out, &cause), 0);
	assert_string_equal(out, "\xc3\xa9 \xce\xa9 \xe1\xbb\x87"); /* é Ω ệ */
	free(out);
	/* ệ then a combining dot below it is no longer quick: reordered and kept */
	assert_int_equal(text_nfc("\xe1\xbb\x87\xcc\x81", &out, &cause), 0);
	char *ref = (char *)utf8proc_NFC((const utf8proc_uint8_t *)"\xe1\xbb\x87\xcc\x81");
	assert_string_equal(out, ref);
	free(ref);
	free(out);
}

static void test_nfc_trim(void **state)
{
	char *out = NULL, *cause = NULL;
	(void)state;

	assert_int_equal(text_nfc_trim("  " HOI_NFD " " NGHI_NFD " \t\n", &out, &cause), 0);
	assert_string_equal(out, HOI_NFC " " NGHI_NFC);
	free(out);

	/* no-break space and ideographic space around the text */
	assert_int_equal(text_nfc_trim("\xc2\xa0"
				       "ab\xe3\x80\x80",
				       &out, &cause),
			 0);
	assert_string_equal(out, "ab");
	free(out);

	out = (char *)"junk";
	assert_int_equal(text_nfc_trim(" \t \n", &out, &cause), 0);
	assert_null(out);
	out = (char *)"junk";
	assert_int_equal(text_nfc_trim("", &out, &cause), 0);
	assert_null(out);
	out = (char *)"junk";
	assert_int_equal(text_nfc_trim(NULL, &out, &cause), 0);
	assert_null(out);

	assert_int_equal(text_nfc_trim("  a\xff", &out, &cause), -1);
	assert_null(out);
	assert_string_equal(cause, "invalid UTF-8 at byte 3");
	free(cause);
}

static void test_grapheme_combining(void **state)
{
	const char *s = HOI_NFD; /* H=0 o=1 U+0323=2 U+0302=4 i=6, len 7 */
	size_t len = strlen(s);
	(void)state;

	assert_int_equal(len, 7);
	assert_int_equal(text_next_grapheme(s, len, 0), 1);
	assert_int_equal(text_next_grapheme(s, len, 1), 6);
	assert_int_equal(text_next_grapheme(s, len, 6), 7);
	assert_int_equal(text_next_grapheme(s, len, 7), 7);
	assert_int_equal(text_next_grapheme(s, len, 100), 7);

	assert_int_equal(text_prev_grapheme(s, len, 7), 6);
	assert_int_equal(text_prev_grapheme(s, len, 6), 1);
	assert_int_equal(text_prev_grapheme(s, len, 1), 0);
	assert_int_equal(text_prev_grapheme(s, len, 0), 0);
	/* from inside the cluster: back to its start */
	assert_int_equal(text_prev_grapheme(s, len, 4), 1);

	/* NFC: one code point of three bytes */
	s = HOI_NFC;
	len = strlen(s);
	assert_int_equal(text_next_grapheme(s, len, 1), 4);
	assert_int_equal(text_prev_grapheme(s, len, 4), 1);

	/* a combining mark right after two ASCII letters */
	s = "ae\xcc\x81x";
	len = strlen(s);
	assert_int_equal(text_next_grapheme(s, len, 1), 4);
	assert_int_equal(text_prev_grapheme(s, len, 4), 1);
	assert_int_equal(text_prev_grapheme(s, len, 5), 4);
}

static void test_grapheme_walk_both_ways(void **state)
{
	/* Stepping forward and backward must visit the same boundaries. */
	const char *s = "Xin ch\xc3\xa0o " HOI_NFD " " NGHI_NFD " " DONG_NFD "\r\n" ZHONG
			"\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3"		/* flag VN */
			"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb"; /* woman technologist */
	size_t len = strlen(s), fwd[128], n = 0, off = 0, i;
	(void)state;

	while (off < len) {
		fwd[n++] = off;
		off = text_next_grapheme(s, len, off);
		assert_true(n < 128);
	}
	assert_int_equal(off, len);
	/* X i n ' ' c h à o ' ' H ộ i ' ' n g h ị ' ' đ ồ n g CRLF 中 flag emoji */
	assert_int_equal(n, 26);
	off = len;
	for (i = n; i-- > 0;) {
		off = text_prev_grapheme(s, len, off);
		assert_int_equal(off, fwd[i]);
	}
}

static void test_grapheme_special(void **state)
{
	const char *flags = "\xf0\x9f\x87\xbb\xf0\x9f\x87\xb3\xf0\x9f\x87\xab\xf0\x9f\x87\xb7";
	const char *zwj = "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb";
	const char *crlf = "a\r\nb";
	const char *bad = "a\xff\xe1\xbb"
			  "b";
	(void)state;

	/* regional indicators pair up: two flags, not four letters */
	assert_int_equal(text_next_grapheme(flags, 16, 0), 8);
	assert_int_equal(text_next_grapheme(flags, 16, 8), 16);
	assert_int_equal(text_prev_grapheme(flags, 16, 16), 8);
	assert_int_equal(text_prev_grapheme(flags, 16, 8), 0);

	assert_int_equal(text_next_grapheme(zwj, 11, 0), 11);
	assert_int_equal(text_prev_grapheme(zwj, 11, 11), 0);

	assert_int_equal(text_next_grapheme(crlf, 4, 1), 3);
	assert_int_equal(text_prev_grapheme(crlf, 4, 3), 1);

	/* invalid bytes are one step each */
	assert_int_equal(text_next_grapheme(bad, 5, 1), 2);
	assert_int_equal(text_next_grapheme(bad, 5, 2), 3);
	assert_int_equal(text_next_grapheme(bad, 5, 3), 4);
	assert_int_equal(text_prev_grapheme(bad, 5, 5), 4);
	assert_int_equal(text_prev_grapheme(bad, 5, 4), 3);
	assert_int_equal(text_prev_grapheme(bad, 5, 2), 1);
}

static void test_width(void **state)
{
	char *v;
	const char *mixed = "a\x1b[1m\t" HOI_NFD "\xc2\x85\xff" ZHONG "\r\n\x7f";
	(void)state;

	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width(HOI_NFC " " NGHI_NFC), 8);
	assert_int_equal(text_width(HOI_NFD " " NGHI_NFD), 8);
	assert_int_equal(text_width(HOI_NFD_IME), 3);
	assert_int_equal(text_width(DONG_NFD), 4);
	assert_int_equal(text_width(ZHONG WEN), 4);
	assert_int_equal(text_width("\xea\xb0\x80"), 2); /* Hangul syllable */
	assert_int_equal(text_width("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8"), 2); /* jamo L V T */
	/* controls: width of "^[", " ", "↵", "<U+0085>", "\xFF" */
	assert_int_equal(text_width("\x1b"), 2);
	assert_int_equal(text_width("\x7f"), 2);
	assert_int_equal(text_width("\t"), 1);
	assert_int_equal(text_width("\n"), 1);
	assert_int_equal(text_width("\xc2\x85"), 8);
	assert_int_equal(text_width("\xff"), 4);
	assert_int_equal(text_width("\r\n"), 3);
	assert_int_equal(text_width_n(HOI_NFD, 6), 2);
	assert_int_equal(text_width_n("abc", 0), 0);

	/* what is counted is what visible() shows */
	v = text_visible(mixed, 0);
	assert_int_equal(text_width(mixed), text_width(v));
	assert_int_equal(text_width(mixed), 1 + 2 + 3 + 1 + 3 + 8 + 4 + 2 + 3 + 2);
	free(v);
}

/* A document gets no control character and no escape sequence at all. */
static void test_strip_controls(void **state)
{
	struct {
		const char *in, *want, *want_one_line;
	} cases[] = {
	    {"Đỏ \x1b[1;31mchữ\x1b[0m hết", "Đỏ chữ hết", "Đỏ chữ hết"},
	    {"a \x1b[2J b", "a b", "a b"},
	    {"tiêu \x1b]0;đề\x07 x", "tiêu x", "tiêu x"},
	    {"st \x1b]2;t\x1b\\ end", "st end", "st end"},
	    {"c1 \xc2\x9b"
	     "31m xanh \xc2\x85 n",
	     "c1 xanh n", "c1 xanh n"},
	    {"bell\x07 tab\there", "bell tab here", "bell tab here"},
	    {"hai\ndòng\r", "hai\ndòng", "hai dòng"},
	    {"\x1b", "", ""},
	    {"x\x1bM y", "x y", "x y"},
	    {"bad \xff byte", "bad \xef\xbf\xbd byte", "bad \xef\xbf\xbd byte"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *a = text_strip_controls(cases[i].in, 1);
		char *b = text_strip_controls(cases[i].in, 0);
		assert_string_equal(a, cases[i].want);
		assert_string_equal(b, cases[i].want_one_line);
		assert_false(text_has_controls(a));
		free(a);
		free(b);
		assert_true(text_has_controls(cases[i].in) || i == 6 || i == 9);
	}
	assert_false(text_has_controls("dòng\nmới\tvà tab"));
	assert_true(text_has_controls("x\x7f"));
}

static void test_visible(void **state)
{
	char *v;
	char in[4];
	int b;
	(void)state;

	v = text_visible("\x1b[31mred\x1b[0m", 0);
	assert_string_equal(v, "^[[31mred^[[0m");
	assert_null(strchr(v, 0x1b));
	free(v);

	v = text_visible("a\xc2\x9b"
			 "31m",
			 0); /* C1 CSI */
	assert_string_equal(v, "a<U+009B>31m");
	free(v);
	v = text_visible("\xc2\x80\xc2\x9f", 0);
	assert_string_equal(v, "<U+0080><U+009F>");
	free(v);

	v = text_visible("\xff\xfe"
			 "x\xe1\xbb",
			 0);
	assert_string_equal(v, "\\xFF\\xFEx\\xE1\\xBB");
	free(v);

	v = text_visible("a\tb\x01\x7f", 0);
	assert_string_equal(v, "a b^A^?");
	free(v);

	v = text_visible("l1\nl2", 0);
	assert_string_equal(v, "l1\xe2\x86\xb5l2");
	free(v);
	v = text_visible("l1\nl2\r", 1);
	assert_string_equal(v, "l1\nl2^M");
	free(v);

	v = text_visible(HOI_NFD " " ZHONG, 0);
	assert_string_equal(v, HOI_NFD " " ZHONG);
	free(v);

	v = text_visible(NULL, 0);
	assert_string_equal(v, "");
	free(v);

	/* Bidirectional controls reorder what follows: shown, never obeyed.
	 * U+202E then "txt.exe" would read "exe.txt". */
	v = text_visible("a\u202etxt.exe \u200f\u2066\u2069\u061c\u202a", 0);
	assert_string_equal(v, "a<U+202E>txt.exe <U+200F><U+2066><U+2069><U+061C><U+202A>");
	assert_int_equal(text_width("a\u202e"), 9);
	free(v);
	/* Their neighbours are text: U+2010 (hyphen) and U+2065 stay. */
	v = text_visible("\u2010\u200d", 0);
	assert_string_equal(v, "\u2010\u200d");
	free(v);

	/* No single byte, alone or as a lead byte, gets through as a control
	 * or as invalid UTF-8. */
	for (b = 1; b < 256; b++) {
		size_t i, len, bad;
		in[0] = (char)b;
		in[1] = (char)0x85; /* makes C2 85 = U+0085 */
		in[2] = '\0';
		v = text_visible(in, 0);
		len = strlen(v);
		assert_true(text_valid_utf8(v, len, &bad));
		for (i = 0; i < len; i++) {
			unsigned char c = (unsigned char)v[i];
			assert_true(c >= 0x20 && c != 0x7f);
			/* C1 would be C2 80..C2 9F */
			if (c == 0xc2 && i + 1 < len)
				assert_true((unsigned char)v[i + 1] >= 0xa0);
		}
		free(v);
	}
}

/* Wrap s and compare the lines with the NULL-terminated list want. */
static void check_wrap(const char *s, size_t cols, const char *const *want)
{
	size_t *starts = NULL, *lens = NULL, n, i, nwant = 0;

	while (want[nwant])
		nwant++;
	n = text_wrap(s, cols, &starts, &lens);
	if (n != nwant) {
		for (i = 0; i < n; i++)
			print_message("line %zu: '%.*s'\n", i, (int)lens[i], s + starts[i]);
	}
	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++) {
		assert_int_equal(lens[i], strlen(want[i]));
		assert_memory_equal(s + starts[i], want[i], lens[i]);
	}
	free(starts);
	free(lens);
}

static void test_wrap(void **state)
{
	(void)state;

	check_wrap("", 10, (const char *const[]){"", NULL});
	check_wrap(NULL, 10, (const char *const[]){"", NULL});
	check_wrap("short", 10, (const char *const[]){"short", NULL});

	/* Hội nghị toàn quốc: widths 3, 4, 4, 4 */
	check_wrap(HOI_NFC " " NGHI_NFC " to\xc3\xa0n qu\xe1\xbb\x91"
			   "c",
		   8,
		   (const char *const[]){HOI_NFC " " NGHI_NFC, "to\xc3\xa0n",
					 "qu\xe1\xbb\x91"
					 "c",
					 NULL});
	check_wrap(HOI_NFC " " NGHI_NFC " to\xc3\xa0n qu\xe1\xbb\x91"
			   "c",
		   9,
		   (const char *const[]){HOI_NFC " " NGHI_NFC,
					 "to\xc3\xa0n qu\xe1\xbb\x91"
					 "c",
					 NULL});
	/* decomposed: the marks take no room, so the same words per line */
	check_wrap(HOI_NFD " " NGHI_NFD " toa\xcc\x80n quo\xcc\x82\xcc\x81"
			   "c",
		   8,
		   (const char *const[]){HOI_NFD " " NGHI_NFD, "toa\xcc\x80n",
					 "quo\xcc\x82\xcc\x81"
					 "c",
					 NULL});
	check_wrap(HOI_NFD " " NGHI_NFD, 7, (const char *const[]){HOI_NFD, NGHI_NFD, NULL});

	/* a word longer than cols splits between graphemes, never inside one */
	check_wrap("Nguye\xcc\x82\xcc\x83n", 3,
		   (const char *const[]){"Ngu", "ye\xcc\x82\xcc\x83n", NULL});
	check_wrap("Nguye\xcc\x82\xcc\x83n", 4,
		   (const char *const[]){"Nguy", "e\xcc\x82\xcc\x83n", NULL});
	check_wrap("ab cdefgh", 4, (const char *const[]){"ab", "cdef", "gh", NULL});

	/* wide characters */
	check_wrap(ZHONG WEN ZI, 3, (const char *const[]){ZHONG, WEN, ZI, NULL});
	check_wrap(ZHONG WEN ZI, 4, (const char *const[]){ZHONG WEN, ZI, NULL});
	check_wrap(ZHONG "a", 1, (const char *const[]){ZHONG, "a", NULL});

	/* newlines, runs of spaces, indentation */
	check_wrap("a\n\nb", 5, (const char *const[]){"a", "", "b", NULL});
	check_wrap("a\n", 5, (const char *const[]){"a", "", NULL});
	check_wrap("foo   bar", 4, (const char *const[]){"foo", "bar", NULL});
	check_wrap("foo bar", 3, (const char *const[]){"foo", "bar", NULL});
	check_wrap("  ab cd", 5, (const char *const[]){"  ab", "cd", NULL});
	/* indentation that cannot share a line with the word is dropped */
	check_wrap("    x", 2, (const char *const[]){"x", NULL});
	/* spaces that fit before the end are not a break: they stay */
	check_wrap("ab  ", 5, (const char *const[]){"ab  ", NULL});
	check_wrap("one two three", 100, (const char *const[]){"one two three", NULL});
	/* 0 columns is taken as 1 rather than looping */
	check_wrap("ab", 0, (const char *const[]){"a", "b", NULL});
}

static int is_boundary(const char *s, size_t off)
{
	size_t len = strlen(s);

	if (off == 0 || off == len)
		return 1;
	return text_next_grapheme(s, len, text_prev_grapheme(s, len, off)) == off;
}

static void test_wrap_never_too_wide(void **state)
{
	const char *s =
	    HOI_NFD " " NGHI_NFD "  to\xc3\xa0n   qu\xe1\xbb\x91"
		    "c " ZHONG WEN ZI "\tNguye\xcc\x82\xcc\x83n V\xc4\x83n \xc4\x90\xe1\xbb\xa9"
		    "c\n\n  x  y  ";
	size_t cols, *starts, *lens, n, i;
	(void)state;

	for (cols = 2; cols <= 30; cols++) {
		size_t covered = 0;
		n = text_wrap(s, cols, &starts, &lens);
		assert_true(n >= 1);
		for (i = 0; i < n; i++) {
			assert_true(text_width_n(s + starts[i], lens[i]) <= cols);
			/* lines are in order, on grapheme boundaries */
			assert_true(starts[i] >= covered);
			assert_true(is_boundary(s, starts[i]));
			assert_true(is_boundary(s, starts[i] + lens[i]));
			covered = starts[i] + lens[i];
			/* A line broken at spaces leaves them out; spaces that fit
			 * before a newline or the end stay. */
			if (lens[i] > 0 && i + 1 < n &&
			    !memchr(s + covered, '\n', starts[i + 1] - covered))
				assert_int_not_equal(s[covered - 1], ' ');
		}
		free(starts);
		free(lens);
	}
}

static void test_fold(void **state)
{
	char *f;
	(void)state;

	f = text_fold("H\xe1\xbb\x99i Ngh\xe1\xbb\x8b \xc4\x90O\xc3\x80N"); /* Hội Nghị ĐOÀN */
	assert_string_equal(f, "hoi nghi doan");
	free(f);
	f = text_fold(HOI_NFD " Nghi\xcc\xa3 \xc4\x90O"
			      "A\xcc\x80N");
	assert_string_equal(f, "hoi nghi doan");
	free(f);
	f = text_fold(HOI_NFD_IME);
	assert_string_equal(f, "hoi");
	free(f);
	f = text_fold(DONG_NFC " " DONG_NFD " \xc4\x90\xe1\xbb\x92NG");
	assert_string_equal(f, "dong dong dong");
	free(f);
	/* Hangul has no marks to strip and must come back precomposed (NFC) */
	f = text_fold("\xed\x95\x9c\xea\xb5\xad");
	assert_string_equal(f, "\xed\x95\x9c\xea\xb5\xad");
	free(f);
	f = text_fold("a\xff"
		      "b\xe1\xbb");
	assert_string_equal(f, "ab");
	free(f);
	f = text_fold(NULL);
	assert_string_equal(f, "");
	free(f);
}

static void test_upper(void **state)
{
	char *u;
	(void)state;

	u = text_upper(DONG_NFC " " CHI_NFC);
	assert_string_equal(u, DONG_UP " " CHI_UP);
	free(u);
	u = text_upper(DONG_NFD " " CHI_NFD);
	assert_string_equal(u, DONG_UP " " CHI_UP);
	free(u);
	u = text_upper(HOI_NFD " " NGHI_NFC);
	assert_string_equal(u, "H\xe1\xbb\x98I NGH\xe1\xbb\x8a"); /* HỘI NGHỊ */
	free(u);
	u = text_upper("abc-123");
	assert_string_equal(u, "ABC-123");
	free(u);
	u = text_upper("a\xff");
	assert_string_equal(u, "A\xef\xbf\xbd");
	free(u);
	u = text_upper(NULL);
	assert_string_equal(u, "");
	free(u);
}

static void test_fit(void **state)
{
	const char *s;
	size_t w = 99;
	(void)state;

	s = HOI_NFC " " NGHI_NFC;
	assert_int_equal(text_fit(s, strlen(s), 4, &w), 6); /* "Hội " */
	assert_int_equal(w, 4);
	assert_int_equal(text_fit(s, strlen(s), 100, &w), strlen(s));
	assert_int_equal(w, 8);
	assert_int_equal(text_fit(s, strlen(s), 0, &w), 0);
	assert_int_equal(w, 0);

	/* never between a letter and its marks */
	s = HOI_NFD;
	assert_int_equal(text_fit(s, strlen(s), 2, &w), 6);
	assert_int_equal(w, 2);
	assert_int_equal(text_fit(s, strlen(s), 1, NULL), 1);

	/* a wide character that does not fit is left out whole */
	s = "a" ZHONG WEN;
	assert_int_equal(text_fit(s, strlen(s), 2, &w), 1);
	assert_int_equal(w, 1);
	assert_int_equal(text_fit(s, strlen(s), 3, &w), 4);
	assert_int_equal(w, 3);

	/* controls take their visible width */
	assert_int_equal(text_fit("\x1b"
				  "a",
				  2, 1, &w),
			 0);
	assert_int_equal(text_fit("\x1b"
				  "a",
				  2, 2, &w),
			 1);
	assert_int_equal(w, 2);
}

/* Word boundaries walk whole Vietnamese syllables, precomposed or with
 * combining marks, stop at punctuation and digits' edges, never split a
 * cluster. Offsets are found in the string itself, not written down. */
static void check_words(const char *s)
{
	size_t len = strlen(s);
	const char *w2 = strchr(s, ' ') + 1; /* second word */
	const char *comma = strchr(s, ',');  /* end of the second word */
	const char *num = strstr(s, "2023");
	/* Forward from the start: end of word 1, of word 2, of "2023", "04". */
	size_t p = text_word_next(s, len, 0);
	assert_int_equal(p, (size_t)(w2 - 1 - s));
	p = text_word_next(s, len, p);
	assert_int_equal(p, (size_t)(comma - s));
	p = text_word_next(s, len, p);
	assert_int_equal(p, (size_t)(num + 4 - s));
	p = text_word_next(s, len, p);
	assert_int_equal(p, (size_t)(num + 7 - s));
	assert_int_equal(text_word_next(s, len, len), len);
	/* Backward from the end: start of "04", of "2023", of word 2, word 1. */
	p = text_word_prev(s, len, len);
	assert_int_equal(p, (size_t)(num + 5 - s));
	p = text_word_prev(s, len, p);
	assert_int_equal(p, (size_t)(num - s));
	p = text_word_prev(s, len, p);
	assert_int_equal(p, (size_t)(w2 - s));
	p = text_word_prev(s, len, p);
	assert_int_equal(p, 0);
	assert_int_equal(text_word_prev(s, len, 0), 0);
	/* From inside a word: to its own start and end. */
	size_t mid = text_next_grapheme(s, len, (size_t)(w2 - s));
	assert_int_equal(text_word_prev(s, len, mid), (size_t)(w2 - s));
	assert_int_equal(text_word_next(s, len, mid), (size_t)(comma - s));
	/* Every stop is a cluster boundary. */
	for (size_t q = 0; q < len; q = text_next_grapheme(s, len, q)) {
		size_t n = text_word_next(s, len, q), b = text_word_prev(s, len, q);
		assert_int_equal(text_prev_grapheme(s, len, text_next_grapheme(s, len, b)), b);
		assert_true(n == len ||
			    text_prev_grapheme(s, len, text_next_grapheme(s, len, n)) == n);
	}
}

static void test_words(void **state)
{
	(void)state;
	check_words(HOI_NFC " " NGHI_NFC ", 2023-04");
	check_words(HOI_NFD " " NGHI_NFD ", 2023-04");
	check_words(DONG_NFD " " CHI_NFD ", 2023-04");
	check_words(ZHONG WEN " " DONG_NFC ", 2023-04");
	check_words(HOI_NFC " " DONG_NFC ",\n 2023/04");
	assert_int_equal(text_word_next("", 0, 0), 0);
	assert_int_equal(text_word_prev("  ", 2, 2), 0);
	assert_int_equal(text_word_next("  ", 2, 0), 2);
}

static void test_trim(void **state)
{
	char buf[32];
	char *r;
	(void)state;

	strcpy(buf, " \t a b \r\n");
	r = text_trim(buf);
	assert_ptr_equal(r, buf);
	assert_string_equal(buf, "a b");
	strcpy(buf, "   ");
	assert_string_equal(text_trim(buf), "");
	strcpy(buf, "x");
	assert_string_equal(text_trim(buf), "x");
	strcpy(buf, HOI_NFC "  ");
	assert_string_equal(text_trim(buf), HOI_NFC);
	assert_null(text_trim(NULL));
}

static void test_elide_middle(void **state)
{
	(void)state;
	const char *t = "Hội nghị giao ban công tác Đoàn, Hội, Đội Cụm thi đua số 4 quý I/2023";
	char *e = text_elide_middle(t, 30);
	assert_int_equal(text_width(e), 30);
	assert_non_null(strstr(e, "…"));
	/* the end, where the four cluster meetings differ, is kept */
	assert_non_null(strstr(e, "số 4 quý I/2023"));
	assert_int_equal(strncmp(e, "Hội nghị", strlen("Hội nghị")), 0);
	free(e);
	e = text_elide_middle(t, 200);
	assert_string_equal(e, t);
	free(e);
	/* NFD letters are never split from their marks */
	e = text_elide_middle("Ho\xcc\x9b\xcc\xa3p ho\xcc\x9b\xcc\xa3p ho\xcc\x9b\xcc\xa3p", 7);
	assert_int_equal(text_width(e), 7);
	assert_true(text_valid_utf8(e, strlen(e), NULL));
	assert_string_equal(e + strlen(e) - 6, "o\xcc\x9b\xcc\xa3p");
	free(e);
	e = text_elide_middle("abc", 0);
	assert_string_equal(e, "");
	free(e);
	/* wide letters: never wider than asked, the end kept */
	e = text_elide_middle("漢字漢字漢字漢字", 6);
	assert_string_equal(e, "…漢字");
	free(e);
	e = text_elide_middle("漢字漢字漢字漢字", 7);
	assert_string_equal(e, "…字漢字"); /* narrow: the end only */
	free(e);
	e = text_elide_middle("漢字漢字漢字漢字漢字漢字漢字漢字", 25);
	assert_string_equal(e, "漢字漢字…漢字漢字漢字漢字");
	free(e);
	/* a title in a narrow column: its end, where meetings differ */
	e = text_elide_middle(t, 16);
	assert_string_equal(e, "…số 4 quý I/2023");
	free(e);
}

/* text_elide_middle against its definition, for strings of every kind
 * (controls, invalid bytes, marks, wide letters; longer than the clusters
 * it remembers) and every width: never wider than asked; the head is what
 * text_fit gives a third of the room (none below 24 columns); the tail is the longest end that
 * fits the rest, so one cluster more would not. */
static void test_elide_middle_definition(void **state)
{
	(void)state;
	static const char *const parts[] = {"a",  "Hội ", "ệ",   "o\xcc\x9b\xcc\xa3", "漢",
					    "\x01", "\xff", "\xc2\x85", "\xe2\x80\xae", " "};
	unsigned seed = 12345;
	for (int round = 0; round < 400; round++) {
		struct strbuf sb = {0};
		seed = seed * 1103515245u + 12345u;
		int n = round == 399 ? 700 : (int)(seed >> 16) % 40;
		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			strbuf_adds(&sb, parts[(seed >> 16) % (sizeof parts / sizeof *parts)]);
		}
		char *t = sb.buf ? sb.buf : xstrdup("");
		size_t len = strlen(t), total = text_width(t);
		for (size_t cols = 0; cols < total + 3; cols += round == 399 ? 97 : 1) {
			size_t ew = 0;
			char *e = text_elide_middle_width(t, cols, &ew);
			assert_int_equal(ew, text_width(e));
			if (total <= cols) {
				assert_string_equal(e, t);
				free(e);
				continue;
			}
			if (cols == 0) {
				assert_string_equal(e, "");
				free(e);
				continue;
			}
			size_t room = cols - 1, hw = 0;
			size_t head = text_fit(t, len, cols < 24 ? 0 : room / 3, &hw);
			const char *dots = strstr(e + head, "…");
			assert_non_null(dots);
			assert_int_equal((size_t)(dots - e), head);
			assert_memory_equal(e, t, head);
			const char *tail = dots + strlen("…");
			size_t tl = strlen(tail);
			assert_true(tl <= len - head);
			assert_string_equal(t + len - tl, tail);
			assert_true(text_width(tail) + hw <= room);
			/* one cluster more of the end would not fit, or it would
			 * reach into the head */
			size_t more = text_prev_grapheme(t, len, len - tl);
			if (len - tl > head)
				assert_true(more < head || text_width(t + more) + hw > room);
			assert_true(text_width(e) <= cols);
			free(e);
		}
		free(t);
	}
}

/* The address typed before a name: "Đồng chí", "đ/c"; "ông", "bà" only
 * before a capital, a Vietnamese one too ("bà rịa" is no name). */
static void test_address_before_name(void **state)
{
	(void)state;
	assert_int_equal(text_comrade_len("Đồng chí Hà Duy Trung"), strlen("Đồng chí "));
	assert_int_equal(text_comrade_len("đ/c Trung"), strlen("đ/c "));
	assert_int_equal(text_comrade_len("Đồng Văn Chí"), 0);
	assert_int_equal(text_honorific_len("ông Nguyễn Văn Tâm"), strlen("ông "));
	assert_int_equal(text_honorific_len("Bà Ánh"), strlen("Bà "));
	assert_int_equal(text_honorific_len("ông Đạt"), strlen("ông "));
	assert_int_equal(text_honorific_len("bà rịa"), 0);
	assert_int_equal(text_honorific_len("ông"), 0);
	assert_int_equal(text_honorific_len(NULL), 0);
	assert_true(text_starts_capital("Ủy ban"));
	assert_true(text_starts_capital("UBND"));
	assert_false(text_starts_capital("ủy ban"));
	assert_false(text_starts_capital("1 Ban"));
	assert_false(text_starts_capital(""));
}

/* The fast paths for precomposed letters (text.c, latin_letter) agree with
 * utf8proc everywhere they apply: after any code point below U+0600 or a
 * Vietnamese letter, a letter of U+00C0..U+024F or U+1E00..U+1EFF starts a
 * cluster, and alone it is one column wide. */
static void test_grapheme_latin_fast_path(void **state)
{
	(void)state;
	for (utf8proc_int32_t b = 0xc0; b <= 0x1eff; b++) {
		if ((b >= 0x250 && b < 0x1e00) || b == 0xd7 || b == 0xf7)
			continue;
		char bs[8];
		size_t bn = (size_t)utf8proc_encode_char(b, (utf8proc_uint8_t *)bs);
		assert_int_equal(utf8proc_charwidth(b), 1);
		assert_int_equal(text_width_n(bs, bn), 1);
		for (utf8proc_int32_t a = 0x20; a <= 0x1eff; a++) {
			if ((a >= 0x600 && a < 0x1e00) || (a >= 0xd800 && a <= 0xdfff))
				continue;
			char s[16];
			size_t an = (size_t)utf8proc_encode_char(a, (utf8proc_uint8_t *)s);
			memcpy(s + an, bs, bn);
			utf8proc_int32_t st = 0;
			int brk = utf8proc_grapheme_break_stateful(a, b, &st);
			size_t next = text_next_grapheme(s, an + bn, 0);
			if (brk != (next == an))
				fail_msg("U+%04X U+%04X: utf8proc %s, text_next_grapheme %zu", (unsigned)a,
					 (unsigned)b, brk ? "breaks" : "joins", next);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_elide_middle),
	    cmocka_unit_test(test_elide_middle_definition),
	    cmocka_unit_test(test_valid_utf8),
	    cmocka_unit_test(test_nfc),
	    cmocka_unit_test(test_nfc_quick),
	    cmocka_unit_test(test_nfc_trim),
	    cmocka_unit_test(test_grapheme_combining),
	    cmocka_unit_test(test_grapheme_walk_both_ways),
	    cmocka_unit_test(test_grapheme_special),
	    cmocka_unit_test(test_grapheme_latin_fast_path),
	    cmocka_unit_test(test_width),
	    cmocka_unit_test(test_visible),
	    cmocka_unit_test(test_wrap),
	    cmocka_unit_test(test_wrap_never_too_wide),
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_upper),
	    cmocka_unit_test(test_fit),
	    cmocka_unit_test(test_trim),
	    cmocka_unit_test(test_strip_controls),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_address_before_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
