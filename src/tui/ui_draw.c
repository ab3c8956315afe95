/* ui_draw.c - the framework's drawing: styles and colours, text put with
 * control characters made visible, the windows, the header, status and
 * key lines, and one doupdate() per turn. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <utf8proc.h>

#include "text.h"
#include "ui_impl.h"

/* ==== drawing helpers ==== */

enum {
	PAIR_HEADER = 1,
	PAIR_SELECTED,
	PAIR_KEYBAR,
	PAIR_KEY,
	PAIR_ERROR,
	PAIR_INFO,
	PAIR_DIM,
	PAIR_TAB_ACTIVE,
	PAIR_HEADING,
	PAIR_DRAFT,
	PAIR_LIVE,
	PAIR_CLOSED,
	PAIR_APPROVED
};

/* Whether the terminal has colours: set once by ui_init_colors() at the
 * start; process-global as the one terminal curses drives is. */
static int ui_colors;

void ui_init_colors(void)
{
	ui_colors = has_colors() && start_color() == OK && COLOR_PAIRS > PAIR_APPROVED;
	if (!ui_colors)
		return;
	use_default_colors();
	init_pair(PAIR_HEADER, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_KEYBAR, -1, -1);
	init_pair(PAIR_KEY, COLOR_BLACK, COLOR_WHITE);
	init_pair(PAIR_ERROR, COLOR_WHITE, COLOR_RED);
	init_pair(PAIR_INFO, COLOR_GREEN, -1);
	init_pair(PAIR_DIM, COLOR_BLUE, -1);
	init_pair(PAIR_TAB_ACTIVE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_HEADING, COLOR_YELLOW, -1);
	init_pair(PAIR_DRAFT, COLOR_MAGENTA, -1);
	init_pair(PAIR_LIVE, COLOR_RED, -1);
	init_pair(PAIR_CLOSED, COLOR_GREEN, -1);
	init_pair(PAIR_APPROVED, COLOR_CYAN, -1);
}

attr_t ui_attr(enum ui_style st)
{
	if (!ui_colors) {
		/* Monochrome (vt100, TERM=linux without colours): reverse for
		 * bars and the selection, bold for what needs attention. */
		switch (st) {
		case ST_HEADER:
		case ST_SELECTED:
		case ST_KEY:
		case ST_ERROR:
		case ST_TAB_ACTIVE:
			return A_REVERSE;
		case ST_HEADING:
		case ST_LABEL:
		case ST_STATUS_LIVE:
			return A_BOLD;
		case ST_INFO:
			return A_BOLD;
		default:
			return A_NORMAL;
		}
	}
	switch (st) {
	case ST_HEADER:
		return COLOR_PAIR(PAIR_HEADER) | A_BOLD;
	case ST_SELECTED:
		return COLOR_PAIR(PAIR_SELECTED);
	case ST_KEYBAR:
		return COLOR_PAIR(PAIR_KEYBAR);
	case ST_KEY:
		return COLOR_PAIR(PAIR_KEY);
	case ST_ERROR:
		return COLOR_PAIR(PAIR_ERROR) | A_BOLD;
	case ST_INFO:
		return COLOR_PAIR(PAIR_INFO) | A_BOLD;
	case ST_DIM:
		return COLOR_PAIR(PAIR_DIM);
	case ST_LABEL:
		return A_BOLD;
	case ST_TAB:
		return A_NORMAL;
	case ST_TAB_ACTIVE:
		return COLOR_PAIR(PAIR_TAB_ACTIVE) | A_BOLD;
	case ST_HEADING:
		return COLOR_PAIR(PAIR_HEADING) | A_BOLD;
	case ST_STATUS_DRAFT:
		return COLOR_PAIR(PAIR_DRAFT);
	case ST_STATUS_LIVE:
		return COLOR_PAIR(PAIR_LIVE) | A_BOLD;
	case ST_STATUS_CLOSED:
		return COLOR_PAIR(PAIR_CLOSED);
	case ST_STATUS_APPROVED:
		return COLOR_PAIR(PAIR_APPROVED);
	default:
		return A_NORMAL;
	}
}

/* Printable ASCII is its own visible form, one column a byte. */
static size_t ascii_run(const char *s)
{
	size_t n = 0;
	while ((unsigned char)s[n] >= 0x20 && (unsigned char)s[n] < 0x7f)
		n++;
	return n;
}

/* s[0..len) into the window as wide characters: ncurses' multibyte path
 * (waddnstr) decodes byte by byte through mbrtowc, three times the cost
 * of utf8proc's decoding and waddnwstr for a row of Vietnamese. s is valid
 * UTF-8 (text_visible's output). */
static void put_utf8(WINDOW *w, int y, int x, const char *s, size_t len)
{
	wchar_t buf[256];
	size_t off = 0;
	int first = 1;
	while (off < len) {
		int n = 0;
		while (off < len && n < (int)(sizeof buf / sizeof *buf)) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k =
			    utf8proc_iterate((const utf8proc_uint8_t *)s + off,
					     (utf8proc_ssize_t)(len - off), &cp);
			if (k <= 0)
				return; /* not from text_visible */
			buf[n++] = (wchar_t)cp;
			off += (size_t)k;
		}
		if (first)
			mvwaddnwstr(w, y, x, buf, n);
		else
			waddnwstr(w, buf, n);
		first = 0;
	}
}

int ui_put(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	if (width <= 0 || !text)
		return 0;
	size_t len = strlen(text);
	if (ascii_run(text) == len) {
		/* The common case (ids, dates, names of keys) without a copy. */
		wattr_set(w, attr, PAIR_NUMBER(attr), NULL);
		if (len <= (size_t)width) {
			put_utf8(w, y, x, text, len);
		} else {
			put_utf8(w, y, x, text, (size_t)width - 1);
			waddnwstr(w, L"…", 1);
			len = (size_t)width;
		}
		wattr_set(w, A_NORMAL, 0, NULL);
		return (int)len;
	}
	char *vis = text_visible(text, 0);
	len = strlen(vis);
	size_t used = 0;
	size_t fit = text_fit(vis, len, (size_t)width, &used);
	if (fit < len) {
		/* Too wide: cut one column shorter and end with an ellipsis. */
		fit = text_fit(vis, len, (size_t)width - 1, &used);
		memcpy(vis + fit, "…", sizeof "…");
		fit += sizeof "…" - 1;
		used++;
	}
	wattr_set(w, attr, PAIR_NUMBER(attr), NULL);
	put_utf8(w, y, x, vis, fit);
	wattr_set(w, A_NORMAL, 0, NULL);
	free(vis);
	return (int)used;
}

int ui_put_middle(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	if (width <= 0 || !text)
		return 0;
	char *vis = text_visible(text, 0);
	size_t used = 0;
	char *cut = text_elide_middle_width(vis, (size_t)width, &used);
	free(vis);
	/* What text_elide_middle gives fits: put as it is. */
	wattr_set(w, attr, PAIR_NUMBER(attr), NULL);
	put_utf8(w, y, x, cut, strlen(cut));
	wattr_set(w, A_NORMAL, 0, NULL);
	free(cut);
	return (int)used;
}

void ui_put_fill(WINDOW *w, int y, int x, int width, const char *text, attr_t attr)
{
	int used = ui_put(w, y, x, width, text, attr);
	if (used < width) {
		wattr_set(w, attr, PAIR_NUMBER(attr), NULL);
		mvwhline(w, y, x + used, ' ', width - used);
		wattr_set(w, A_NORMAL, 0, NULL);
	}
}

int ui_put_wrapped(WINDOW *w, int y, int x, int width, int rows, const char *text, attr_t attr,
		   int *end_x)
{
	size_t *starts, *lens;
	size_t k = text_wrap(text, width > 1 ? (size_t)width : 1, &starts, &lens);
	int used = 0, ex = x;
	for (size_t i = 0; i < k && used < rows; i++, used++) {
		char *row = xstrndup(text + starts[i], lens[i]);
		ex = x + ui_put(w, y + used, x, width, row, attr);
		free(row);
	}
	free(starts);
	free(lens);
	if (end_x)
		*end_x = ex;
	return used;
}

void ui_put_detail(WINDOW *w, int y, int rows, int width, const char *text, attr_t attr)
{
	if (!text || rows <= 0)
		return;
	mvwhline(w, y - 1, 0, ACS_HLINE, width);
	size_t *st, *ln;
	size_t n = text_wrap(text, width > 3 ? (size_t)width - 2 : 1, &st, &ln);
	for (size_t i = 0; i < n && (int)i < rows; i++) {
		/* More lines than rows: the last row holds the rest, cut with
		 * "…", so that the cut shows. */
		int rest = (int)i == rows - 1 && i + 1 < n;
		char *line = rest ? xstrdup(text + st[i]) : xstrndup(text + st[i], ln[i]);
		if (rest)
			for (char *c = line; *c; c++)
				if (*c == '\n')
					*c = ' ';
		ui_put(w, y + (int)i, 1, width - 2, line, attr);
		free(line);
	}
	free(st);
	free(ln);
}

void ui_set_cursor(struct ui *ui, WINDOW *w, int y, int x)
{
	ui->cur_win = w;
	ui->cur_y = y;
	ui->cur_x = x;
}

/* ==== layout and drawing ==== */

void ui_layout_windows(struct ui *ui)
{
	int rows = LINES, cols = COLS;
	ui->too_small = rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
	if (!ui->too_small)
		ui->small_typed = ui->small_refused = 0;
	if (rows < 4 || cols < 1)
		return;
	int st = ui->status_rows > 1 && ui->status_rows <= rows - 4 ? ui->status_rows : 1;
	if (!ui->hdr) {
		ui->hdr = newwin(1, cols, 0, 0);
		ui->body = newwin(rows - 2 - st, cols, 1, 0);
		ui->status = newwin(st, cols, rows - 1 - st, 0);
		ui->bar = newwin(1, cols, rows - 1, 0);
		return;
	}
	/* Shrink before moving so no window ever sticks out of the screen. */
	wresize(ui->hdr, 1, cols);
	wresize(ui->body, rows - 2 - st, cols);
	/* The status line moved before it grows (a window must fit where it
	 * is), and again after it shrank (the first move was refused then). */
	mvwin(ui->status, rows - 1 - st, 0);
	wresize(ui->status, st, cols);
	mvwin(ui->status, rows - 1 - st, 0);
	wresize(ui->bar, 1, cols);
	mvwin(ui->bar, rows - 1, 0);
}

/* The rows a prompt wants: 1 while its label and text fit on one (the
 * label in at most two thirds of it), else the label alone on the first,
 * whole, and the text wrapped over the full width below it, up to 4 rows
 * of text (a conclusion, a directive typed whole), never more than a
 * third of the body. */
static int prompt_rows(struct ui *ui)
{
	if (ui->too_small)
		return 1;
	int cols = COLS, rows = LINES;
	if (ui->modal == MODAL_CONFIRM && (int)text_width(ui->modal_label) >= cols) {
		/* A question longer than the row (the cursor after it) is
		 * read whole, on two. */
		size_t *starts, *lens;
		int n = (int)text_wrap(ui->modal_label, (size_t)cols - 1, &starts, &lens);
		free(starts);
		free(lens);
		int cap = (rows - 3) / 3;
		return n > cap ? (cap > 1 ? cap : 1) : n;
	}
	if (ui->modal == MODAL_NONE && ui->msg && (int)text_width(ui->msg) > cols) {
		/* A message longer than the row (an error naming a value, a
		 * Vietnamese hint) is read whole, on two. */
		size_t *starts, *lens;
		size_t n = text_wrap(ui->msg, (size_t)cols, &starts, &lens);
		free(starts);
		free(lens);
		return n > 1 && rows >= UI_MIN_ROWS ? 2 : 1;
	}
	if (ui->modal != MODAL_PROMPT)
		return 1;
	int lw = (int)text_width(ui->modal_label);
	size_t tw = text_width(editor_text(&ui->prompt));
	if (lw <= cols * 2 / 3 && (int)tw + lw + 2 <= cols)
		return 1;
	int text_rows = (int)(tw + 1) / (cols > 2 ? cols - 1 : 1) + 1;
	int cap = (rows - 3) / 3;
	if (text_rows > 4)
		text_rows = 4;
	if (1 + text_rows > cap)
		text_rows = cap - 1;
	return text_rows < 1 ? 1 : 1 + text_rows;
}

const struct keymap *ui_top_keymap(struct ui *ui)
{
	struct screen *sc = ui_top(ui);
	if (ui->modal == MODAL_PROMPT)
		return &keymap_editor;
	return sc && sc->ops->keymap ? sc->ops->keymap(sc) : &keymap_generic;
}

static void draw_header(struct ui *ui)
{
	WINDOW *w = ui->hdr;
	int cols = getmaxx(w);
	struct screen *sc = ui_top(ui);
	char *left = xasprintf(" bienban · %s", sc && sc->title ? sc->title : "");
	const char *right = ui->readonly ? _("[read-only]") : "";
	int rw = (int)text_width(right);
	werase(w);
	ui_put_fill(w, 0, 0, cols, "", ui_attr(ST_HEADER));
	ui_put(w, 0, 0, cols - rw - 2, left, ui_attr(ST_HEADER));
	if (rw)
		ui_put(w, 0, cols - rw - 1, rw, right, ui_attr(ST_HEADER));
	free(left);
	wnoutrefresh(w);
}

static void draw_status(struct ui *ui)
{
	WINDOW *w = ui->status;
	int cols = getmaxx(w);
	werase(w);
	if (ui->modal == MODAL_CONFIRM) {
		/* Too long for the row: the question is cut (…), never its
		 * answers, which say what to press. */
		const char *label = ui->modal_label;
		size_t len = strlen(label), n = ui->modal_answers <= len ? ui->modal_answers : 0;
		int lw = (int)text_width(label), rows = getmaxy(w);
		if (rows > 1) {
			int used = ui_put_wrapped(w, 0, 0, cols - 1, rows, label, ui_attr(ST_LABEL), &lw);
			ui_set_cursor(ui, w, used - 1, lw < cols ? lw : cols - 1);
		} else if (lw >= cols && n) {
			int aw = (int)text_width(label + len - n);
			char *q = xstrndup(label, len - n);
			lw = ui_put(w, 0, 0, cols - aw - 1, q, ui_attr(ST_LABEL));
			free(q);
			lw += ui_put(w, 0, lw, 1, " ", ui_attr(ST_LABEL));
			lw += ui_put(w, 0, lw, aw, label + len - n, ui_attr(ST_LABEL));
		} else {
			lw = ui_put(w, 0, 0, cols, label, ui_attr(ST_LABEL));
		}
		if (rows <= 1)
			ui_set_cursor(ui, w, 0, lw < cols ? lw : cols - 1);
	} else if (ui->modal == MODAL_PROMPT) {
		/* The label may take two thirds of the row: Vietnamese labels
		 * run longer than English ones ("Thời hạn (30/06/2023, để
		 * trống nếu không có):" is 45 columns), and a third is still
		 * room for a date, a time or a name being typed. */
		/* A label longer than that has the row to itself (prompt_rows):
		 * "Họ tên, chức vụ người dự thay cho đồng chí Nguyễn Văn A:"
		 * is read whole. */
		int rows = getmaxy(w);
		int lw = ui_put(w, 0, 0, rows > 1 ? cols : cols * 2 / 3, ui->modal_label,
				ui_attr(ST_LABEL));
		lw += ui_put(w, 0, lw, 1, " ", A_NORMAL);
		/* While a prompt is open an error from its callback shows on
		 * the key line instead (draw_bar). A text too long for the
		 * label's row wraps below it, whole (prompt_rows). */
		/* Wrapped: Home and End then go to the row's start and end
		 * first, as in the live note line. */
		ui->prompt.wrap = rows > 2;
		if (rows > 1)
			editor_draw(&ui->prompt, ui, w, 1, 0, cols, rows - 1, 1);
		else
			editor_draw(&ui->prompt, ui, w, 0, lw, cols - lw, 1, 1);
	} else if (ui->msg) {
		ui_put_wrapped(w, 0, 0, cols, getmaxy(w), ui->msg,
			       ui_attr(ui->msg_error ? ST_ERROR : ST_INFO), NULL);
	}
	wnoutrefresh(w);
}

static void draw_bar(struct ui *ui)
{
	WINDOW *w = ui->bar;
	int cols = getmaxx(w), x = 0;
	werase(w);
	if (ui->modal == MODAL_PROMPT && ui->msg && ui->msg_error) {
		ui_put(w, 0, 0, cols, ui->msg, ui_attr(ST_ERROR));
		wnoutrefresh(w);
		return;
	}
	if (ui->modal == MODAL_CONFIRM) {
		/* The answers, not the keys of the screen behind the question
		 * (they do not act while it is asked). */
		ui_put(w, 0, 0, cols,
		       ui->modal_detail ? ui->modal_detail
					: _("Enter/y: yes · n/Esc: no · another key: no, then what it "
					    "does"),
		       ui_attr(ST_INFO));
		wnoutrefresh(w);
		return;
	}
	const struct keymap *chain = ui_top_keymap(ui);
	/* The bars of the chain, nearest first; an action shows once. The
	 * generic keys (help, back) always keep their place at the end. */
	enum action shown[64];
	size_t n_shown = 0;
	int reserve = 0;
	/* q goes back but on the home screen (ui_loop.c): there it says
	 * quit; above it, back — or nothing where the screen's own keys
	 * already say Esc back. */
	int q_back = ui->depth > 1, q_hidden = 0;
	for (const struct keymap *km = chain; q_back && km; km = km->parent)
		for (size_t i = 0; km != &keymap_generic && i < km->n_bar; i++)
			q_hidden |= km->bar[i] == ACT_BACK;
	for (int pass = 0; pass < 3; pass++) {
		for (const struct keymap *km = chain; km; km = km->parent) {
			if ((km == &keymap_generic) != (pass != 1))
				continue;
			for (size_t i = 0; i < km->n_bar; i++) {
				enum action a = km->bar[i];
				int dup = 0;
				for (size_t j = 0; j < n_shown; j++)
					dup |= shown[j] == a;
				if (dup || n_shown == BB_ARRAY_LEN(shown))
					continue;
				if (ui->readonly && (actions[a].flags & AF_EDIT))
					continue; /* a reviewer's key line shows what works */
				if (a == ACT_QUIT && q_hidden)
					continue;
				char key[32];
				keymap_key_for(chain, a, key, sizeof key);
				if (!key[0])
					continue;
				const char *label =
				    action_label(a == ACT_QUIT && q_back ? ACT_BACK : a);
				int need = (int)text_width(key) + 1 + (int)text_width(label) + 1;
				if (pass == 0) {
					reserve += need;
					continue;
				}
				if (x + need > cols - (pass == 1 ? reserve : 0))
					continue;
				x += ui_put(w, 0, x, cols - x, key, ui_attr(ST_KEY));
				x += ui_put(w, 0, x, cols - x, " ", A_NORMAL);
				x += ui_put(w, 0, x, cols - x, label, ui_attr(ST_KEYBAR));
				x += ui_put(w, 0, x, cols - x, " ", A_NORMAL);
				shown[n_shown++] = a;
			}
		}
	}
	wnoutrefresh(w);
}

static void draw_too_small(struct ui *ui)
{
	werase(stdscr);
	const char *msg = _("Window too small");
	char *need = xasprintf(_("at least %d×%d"), UI_MIN_COLS, UI_MIN_ROWS);
	int y = LINES / 2 - 1;
	int w1 = (int)text_width(msg), w2 = (int)text_width(need);
	ui_put(stdscr, y < 0 ? 0 : y, w1 < COLS ? (COLS - w1) / 2 : 0, COLS, msg, A_BOLD);
	if (y + 1 < LINES)
		ui_put(stdscr, y + 1, w2 < COLS ? (COLS - w2) / 2 : 0, COLS, need, A_NORMAL);
	free(need);
	/* Keys typed now: where they went, or that they were not taken. */
	const char *keys = ui->small_typed ? _("What you type is kept: it goes into the text line")
			   : ui->small_refused ? _("Keys are not taken until it is larger")
					       : NULL;
	if (keys && y + 2 < LINES && COLS > 2) {
		/* Wrapped to the width, each line centred: a narrow window
		 * cut the sentence ("… nó vào dòng đ…"). */
		size_t *st, *ln;
		size_t n = text_wrap(keys, (size_t)COLS, &st, &ln);
		for (size_t i = 0; i < n && y + 2 + (int)i < LINES; i++) {
			char *line = xstrndup(keys + st[i], ln[i]);
			int w3 = (int)text_width(line);
			ui_put(stdscr, y + 2 + (int)i, w3 < COLS ? (COLS - w3) / 2 : 0, COLS, line,
			       A_BOLD);
			free(line);
		}
		free(st);
		free(ln);
	}
	wnoutrefresh(stdscr);
	curs_set(0);
}

void ui_draw(struct ui *ui)
{
	struct screen *sc = ui_top(ui);
	if (ui->too_small) {
		if (ui->all_dirty || (sc && sc->dirty))
			draw_too_small(ui);
		ui->all_dirty = 0;
		if (sc)
			sc->dirty = 0;
		doupdate();
		return;
	}
	int want = prompt_rows(ui);
	if (want != ui->status_rows && !(want == 1 && ui->status_rows == 0)) {
		/* A prompt's text grew past its row or shrank back: the body
		 * gives or takes the rows. */
		ui->status_rows = want;
		ui_layout_windows(ui);
		ui->all_dirty = 1;
	}
	if (!ui->all_dirty && !(sc && sc->dirty))
		return;
	ui->cur_win = NULL;
	draw_header(ui);
	if (sc) {
		werase(ui->body);
		sc->ops->draw(sc, ui->body);
		wnoutrefresh(ui->body);
		sc->dirty = 0;
	}
	draw_bar(ui);
	draw_status(ui); /* last: a prompt's cursor wins over the body's */
	if (ui->cur_win) {
		wmove(ui->cur_win, ui->cur_y, ui->cur_x);
		wnoutrefresh(ui->cur_win);
		curs_set(1);
	} else {
		curs_set(0);
	}
	ui->all_dirty = 0;
	doupdate();
}
