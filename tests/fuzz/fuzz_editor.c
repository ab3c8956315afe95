/* fuzz_editor.c - libFuzzer target: the editor's key and UTF-8 input.
 * The bytes are a stream of events as the terminal would give them: keys
 * with any code point (surrogates and values past U+10FFFF included, the
 * text encoded as a careless terminal would), function keys, and
 * bracketed pastes of raw bytes (invalid UTF-8, controls, combining
 * marks). After every event the field must hold valid UTF-8 in NFC with
 * its cursor inside the text on a character boundary. tests/fuzz/run.sh
 * builds and runs it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <utf8proc.h>

#include "editor.h"
#include "text.h"
#include "util.h"

/* The drawing half of the editor is not exercised: these stand in for the
 * screen (ui.c). */
void ui_put_fill(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	(void)w, (void)y, (void)x, (void)width, (void)s, (void)attr;
}

void ui_set_cursor(struct ui *ui, WINDOW *w, int y, int x)
{
	(void)ui, (void)w, (void)y, (void)x;
}

/* UTF-8 of cp the way a careless encoder writes it: surrogates and values
 * up to 0x1FFFFF too. */
static size_t encode(uint32_t cp, char out[5])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18 & 0x07));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static void check(const struct editor *ed)
{
	const char *t = editor_text(ed);
	size_t len = strlen(t);
	char *nfc = NULL;
	if (len != ed->buf.len || ed->cur > len || !text_valid_utf8(t, len, NULL) ||
	    (ed->cur < len && ((unsigned char)t[ed->cur] & 0xc0) == 0x80) ||
	    text_nfc(t, &nfc, NULL) < 0 || strcmp(nfc, t) != 0) {
		fprintf(stderr, "editor state broken: cur %zu of %zu\n", ed->cur, len);
		abort();
	}
	free(nfc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct editor ed;
	editor_init(&ed, data[0] & 2 ? "Hội nghị giao ban" : "", data[0] & 1);
	ed.width = 10 + data[0] % 60;
	size_t i = 1;
	while (i < size) {
		uint8_t b = data[i++];
		struct ui_event ev = {.type = UI_EV_KEY, .text = ""};
		char text[5] = "";
		char *paste = NULL;
		if (b == 0xfe && i < size) {
			/* a bracketed paste of the next n raw bytes */
			size_t n = data[i++];
			if (n > size - i)
				n = size - i;
			paste = xstrndup((const char *)data + i, n);
			i += n;
			ev.type = UI_EV_PASTE;
			ev.text = paste;
		} else if (b == 0xff && i + 1 < size) {
			/* a function key */
			ev.fn = 1;
			ev.code =
			    KEY_MIN + ((data[i] << 8 | data[i + 1]) % (KEY_MAX - KEY_MIN + 1));
			i += 2;
		} else if (b == 0xfd && i + 2 < size) {
			/* any code point, 21 bits */
			uint32_t cp =
			    (uint32_t)(data[i] & 0x1f) << 16 | data[i + 1] << 8 | data[i + 2];
			i += 3;
			ev.code = (int)cp;
			text[encode(cp, text)] = '\0';
			ev.text = text;
		} else {
			/* a typed byte: ASCII and controls as themselves, a lead
			 * byte with its continuation bytes as one character */
			size_t n = 1;
			if (b >= 0xc0)
				while (n < 4 && i + n - 1 < size &&
				       (data[i + n - 1] & 0xc0) == 0x80)
					n++;
			memcpy(text, data + i - 1, n);
			text[n] = '\0';
			i += n - 1;
			utf8proc_int32_t cp = b;
			if (n > 1)
				utf8proc_iterate((const utf8proc_uint8_t *)text,
						 (utf8proc_ssize_t)n, &cp);
			ev.code = cp < 0 ? b : cp;
			ev.text = text;
		}
		editor_key(&ed, &ev);
		free(paste);
		check(&ed);
	}
	editor_done(&ed);
	return 0;
}
