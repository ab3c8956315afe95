/* text.h - UTF-8 text: validation, NFC, graphemes, display width, wrapping,
 * folding for search, and making control characters visible. Built on
 * utf8proc; never links curses. */
#ifndef BB_TEXT_H
#define BB_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Validate UTF-8. Returns 1 if valid; else 0 and *bad (if not NULL) is the
 * byte offset of the first invalid byte. */
int text_valid_utf8(const char *s, size_t len, size_t *bad);

/* Validate and normalise to NFC. On success returns 0 and *out is an
 * allocated NFC copy. On invalid UTF-8 returns -1 and *cause says
 * "invalid UTF-8 at byte N". NULL input gives *out = NULL and 0. */
int text_nfc(const char *s, char **out, char **cause);

/* 1 if the code point is one of those whose strings text_nfc copies as
 * they are (NFC_Quick_Check=Yes, combining class 0: text.c says which). */
int text_nfc_quick(int32_t cp);

/* Same as text_nfc but also strips leading/trailing white space and turns
 * an empty result into NULL (for optional fields). */
int text_nfc_trim(const char *s, char **out, char **cause);

/* Byte offset of the grapheme cluster boundary after/before off in s[0..len).
 * next returns len at the end; prev returns 0 at the start. */
size_t text_next_grapheme(const char *s, size_t len, size_t off);
size_t text_prev_grapheme(const char *s, size_t len, size_t off);

/* Word boundaries for word-wise movement and deletion (Ctrl-Left/Right,
 * Alt-b/f, ^W, Alt-d): a word is a run of grapheme clusters whose first
 * code point is a letter, a mark or a digit (utf8proc categories L*, M*,
 * N*), so "Hoài Ân" is two words whether typed precomposed or with
 * combining marks, and "2023-04-12" three. text_word_next skips the
 * separators after off and then the word: it returns the end of the next
 * word (len at the end). text_word_prev skips the separators before off
 * and then the word: it returns the start of the previous word (0 at the
 * start). Both return grapheme boundaries, never inside a cluster. */
size_t text_word_next(const char *s, size_t len, size_t off);
size_t text_word_prev(const char *s, size_t len, size_t off);

/* Display width in terminal columns of s[0..len): per grapheme cluster the
 * width of its first code point (combining marks add nothing; wide CJK is
 * 2); control characters count as the width of their visible form. */
size_t text_width_n(const char *s, size_t len);
size_t text_width(const char *s);

/* Allocated copy of s with every C0/C1 control character, DEL and any
 * invalid byte replaced by a visible form: "^[" style for C0 and DEL,
 * "<U+0085>" for C1 and for the bidirectional controls (U+061C, U+200E,
 * U+200F, U+202A..U+202E, U+2066..U+2069), "\xNN" for invalid bytes.
 * Tab always becomes a space. Newlines become U+21B5 (↵) when
 * keep_newline is 0. */
char *text_visible(const char *s, int keep_newline);

/* Allocated copy of s for a document: terminal control sequences (ESC [
 * ... final byte, ESC ] ... BEL or ESC \, C1 CSI/OSC, ESC and one byte)
 * removed whole, every other C0/C1 control character and DEL removed, tab
 * a space, an invalid byte U+FFFD. Newlines stay when keep_newline, else
 * become spaces. */
char *text_strip_controls(const char *s, int keep_newline);
/* True if s holds a control character other than newline and tab. */
int text_has_controls(const char *s);

/* The visible form of s (text_visible, newlines as U+21B5) for quoting in
 * a message: at most TEXT_QUOTE_COLS columns, a longer value cut and ended
 * with "…" (a 50 MB value from a hostile file quotes 80 columns). */
#define TEXT_QUOTE_COLS 80
char *text_quote(const char *s);

/* Longest prefix of s (in bytes, on a grapheme boundary) whose width is at
 * most cols; *width (if not NULL) receives that prefix's width. */
size_t text_fit(const char *s, size_t len, size_t cols, size_t *width);

/* Allocated copy of s shortened to at most cols columns by putting "…" in
 * place of its middle, keeping about a third of the room for the start and
 * the rest for the end, where similar titles differ ("Hội nghị giao… Cụm
 * thi đua số 4 quý I/2023"); below 24 columns all of it for the end
 * ("…số 4 quý I/2023"). s is copied whole if it fits. Cuts fall on
 * grapheme boundaries. */
char *text_elide_middle(const char *s, size_t cols);
/* Same, and the columns of the result in *width. */
char *text_elide_middle_width(const char *s, size_t cols, size_t *width);

/* Word-wrap s to lines of at most cols columns. Breaks at spaces; a word
 * wider than cols is split at grapheme boundaries. Existing '\n' break
 * lines. Returns the number of lines; *starts and *lens (allocated arrays,
 * caller frees) give each line's byte offset and byte length in s, without
 * the trailing space or newline. */
size_t text_wrap(const char *s, size_t cols, size_t **starts, size_t **lens);

/* Fold for search: lower case, marks removed, đ/Đ -> d, NFC. "Hội Nghị
 * ĐOÀN" -> "hoi nghi doan". Allocated. Invalid UTF-8 bytes are dropped. */
char *text_fold(const char *s);

/* Upper case (Vietnamese-aware through Unicode case mapping). Allocated. */
char *text_upper(const char *s);

/* Trim ASCII white space in place; returns s. */
char *text_trim(char *s);

/* The address a secretary may type before a person's name, its length in
 * bytes or 0: "Đồng chí ", "đ/c " (text_comrade_len); "ông ", "bà " before
 * a capital ("bà rịa" is no name: text_honorific_len). */
size_t text_comrade_len(const char *s);
size_t text_honorific_len(const char *s);
/* True if s starts with a capital letter (Unicode Lu: "Ủ", "Đ", "U"). */
int text_starts_capital(const char *s);

/* The one of names[0..n) that typed names, folded ("hoai an", "HOÀI ÂN"),
 * as whole words of it; one named whole wins ("Tỉnh đoàn" beside "Văn
 * phòng Tỉnh đoàn"), and a name listed twice counts once. NULL if none or
 * more than one (then *several is set, when not NULL), or typed is empty. */
const char *text_one_named(const char *typed, const char *const *names, size_t n, int *several);

#endif
