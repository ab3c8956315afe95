/* ui_loop.c - the main loop: keys to events and actions, bracketed
 * paste, the generic keys, store polling; starting and ending curses and
 * tui_run(), the TUI's one entry (include/tui.h). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "home_snapshot.h"
#include "registry.h"
#include "text.h"
#include "ui_impl.h"

/* Process-global by nature: a signal handler can only set a flag, and
 * signals are the process's, not one interface's. */
static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* ==== input ==== */

/* UTF-8 of a character into buf[8]. */
static const char *utf8_of(wint_t c, char *buf)
{
	uint32_t u = (uint32_t)c;
	if (u < 0x80) {
		buf[0] = (char)u;
		buf[1] = 0;
	} else if (u < 0x800) {
		buf[0] = (char)(0xc0 | (u >> 6));
		buf[1] = (char)(0x80 | (u & 0x3f));
		buf[2] = 0;
	} else if (u < 0x10000) {
		buf[0] = (char)(0xe0 | (u >> 12));
		buf[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (u & 0x3f));
		buf[3] = 0;
	} else {
		buf[0] = (char)(0xf0 | (u >> 18));
		buf[1] = (char)(0x80 | ((u >> 12) & 0x3f));
		buf[2] = (char)(0x80 | ((u >> 6) & 0x3f));
		buf[3] = (char)(0x80 | (u & 0x3f));
		buf[4] = 0;
	}
	return buf;
}

/* Read a bracketed paste up to its end marker (or a pause of a second). */
static char *read_paste(struct ui *ui)
{
	struct strbuf sb = {0};
	wtimeout(ui->input, 1000);
	for (;;) {
		wint_t c;
		int r = wget_wch(ui->input, &c);
		if (r == ERR)
			break;
		if (r == KEY_CODE_YES) {
			if (c == KEY_PASTE_END)
				break;
			if (c == KEY_ENTER)
				strbuf_addc(&sb, '\n');
			continue;
		}
		char u[8];
		strbuf_adds(&sb, c == '\r' ? "\n" : utf8_of(c, u));
	}
	wtimeout(ui->input, UI_TICK_MS);
	/* Escape sequences in what was pasted (colours copied from another
	 * terminal, a title's OSC) go whole, not only their ESC and BEL: no
	 * "[31m" left in a note. The fields drop the other controls. */
	char *clean = text_strip_controls(sb.buf ? sb.buf : "", 1);
	strbuf_free(&sb);
	/* A paste of whole lines ends with a break: not an empty last line
	 * that scrolls the note's first out of its box. */
	size_t n = strlen(clean);
	while (n && clean[n - 1] == '\n')
		clean[--n] = '\0';
	return clean;
}

/* The extended key names ncurses gives Ctrl-Left/Right (kLFT5, kRIT5)
 * into BB_KEY_CTRL_LEFT/RIGHT. */
static int fn_code(int c)
{
	if (c == BB_KEY_CTRL_LEFT || c == BB_KEY_CTRL_RIGHT)
		return c;
	const char *name = c > KEY_MAX ? keyname(c) : NULL;
	if (name && strcmp(name, "kLFT5") == 0)
		return BB_KEY_CTRL_LEFT;
	if (name && strcmp(name, "kRIT5") == 0)
		return BB_KEY_CTRL_RIGHT;
	return c;
}

/* Wait for the rest of an escape sequence this long per byte: the
 * terminal sends it in one write, but SSH may split it. */
#define ESC_REST_MS 40

/* The next character of an escape sequence, or -1 if none comes in time;
 * a function key that ncurses recognised meanwhile as -2 - its code. */
static int esc_next(struct ui *ui)
{
	wint_t c;
	wtimeout(ui->input, ESC_REST_MS);
	int r = wget_wch(ui->input, &c);
	wtimeout(ui->input, UI_TICK_MS);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES)
		return -2 - (int)c;
	return (int)c;
}

/* ESC was read as a character (ncurses matched no key of the terminal
 * database): Esc alone, Alt with one of the editor's keys (ESC then b, f,
 * d or Backspace: Alt-b...), Esc followed by another key, or an escape
 * sequence the database does not know (ESC [ parameters intermediates
 * final, ESC O final, or a string: ESC ] (OSC), ESC P (DCS), ESC X, ESC ^
 * or ESC _, up to BEL or ESC \), which is read whole and swallowed, so
 * its letters never act as commands. Returns 0 to deliver ev, -1 to
 * drop. */
static int esc_event(struct ui *ui, struct ui_event *ev, char *u)
{
	int c = esc_next(ui);
	if (c == -1)
		return 0; /* Esc alone */
	if (c <= -2) {
		/* A function key right after ESC (Esc pressed, then F6 soon
		 * after; nothing binds Alt with one): Esc now, the key next
		 * time, as for any other key. It was "Alt-F6", or "Alt-Alt-5"
		 * for Esc then Alt-5, which did nothing. */
		ungetch(-2 - c);
		return 0;
	}
	if (c == '[' || c == 'O') {
		/* CSI: parameters 0x30-0x3F, intermediates 0x20-0x2F, final
		 * 0x40-0x7E. SS3: one final. A pause ends it too. */
		int n;
		do
			n = esc_next(ui);
		while (c == '[' && n >= 0x20 && n <= 0x3f);
		ui_info(ui, "%s", _("An unknown key was ignored"));
		return -1;
	}
	if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
		/* OSC (a window title, a hyperlink: pasted, or answered by a
		 * terminal), DCS (a terminal's answer to a query: ESC P ...),
		 * SOS, PM, APC: a string up to ST (ESC \), or BEL, swallowed
		 * whole so that its BEL is not ^G; a pause ends it too. */
		int n, prev = 0;
		for (int k = 0; k < 4096; k++) {
			n = esc_next(ui);
			if (n == -1 || n == '\a' || (prev == 0x1b && n == '\\'))
				break;
			prev = n;
		}
		ui_info(ui, "%s", _("An unknown key was ignored"));
		return -1;
	}
	if (c <= 0 || c >= 0x80 || !strchr("bBfFdD\x7f\b", c)) {
		/* Esc, then another key soon after (a quick typist, a script):
		 * Esc now, the key next time. Only the editor's Alt keys pair. */
		unget_wch((wchar_t)c);
		return 0;
	}
	ev->alt = 1;
	ev->code = c;
	ev->text = utf8_of((wint_t)c, u);
	return 0;
}

/* 1 if the terminal went away (read error, hangup). */
static int terminal_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	if (poll(&p, 1, 0) < 0)
		return errno != EINTR;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static void generic_action(struct ui *ui, struct screen *sc, const struct ui_event *ev)
{
	switch (ev->act) {
	case ACT_BACK:
		if (ui->depth > 1)
			ui_pop(ui);
		return;
	case ACT_QUIT:
		if (ui->depth > 1)
			ui_pop(ui);
		else
			ui->quit = 1;
		return;
	case ACT_REFRESH:
		ui_reload_all(ui);
		clearok(curscr, TRUE);
		return;
	default:
		break;
	}
	for (const struct ui_global *g = ui_globals; g->act != ACT_NONE; g++)
		if (g->act == ev->act) {
			if (g->open)
				g->open(ui);
			else
				ui_error(ui, _("%s: not available yet"), action_help(ev->act));
			return;
		}
	(void)sc;
	if (ev->type == UI_EV_KEY && ev->act == ACT_NONE) {
		char name[32], full[40];
		keys_name(ev->fn, ev->code, name, sizeof name);
		snprintf(full, sizeof full, "%s%s", ev->alt ? "Alt-" : "", name);
		ui_info(ui, _("The key %s does nothing here; press ? for help"), full);
	}
}

/* Yes to a confirmation: Enter, the language's letter for yes ("c" for
 * "có" in Vietnamese), or y in any language (what the hand types after
 * years of other programs), either case. */
static int confirm_is_yes(const struct ui_event *ev)
{
	if (ev->fn)
		return ev->code == KEY_ENTER;
	if (ev->code == '\r' || ev->code == '\n')
		return 1;
	/* TRANSLATORS: the key that answers yes to a confirmation: one
	 * lower-case ASCII letter ("c" for có). */
	const char *letter = C_(NC_("confirm: yes key", "y"));
	int c = ev->code >= 'A' && ev->code <= 'Z' ? ev->code - 'A' + 'a' : ev->code;
	return c == 'y' || (letter[0] && !letter[1] && c == (unsigned char)letter[0]);
}

/* No to a confirmation: Esc, the language's letter for no ("k" for
 * "không" in Vietnamese), or n in any language, either case. */
static int confirm_is_no(const struct ui_event *ev)
{
	if (ev->fn || ev->alt)
		return 0;
	if (ev->code == 27)
		return 1;
	/* TRANSLATORS: the key that answers no to a confirmation: one
	 * lower-case ASCII letter ("k" for không). */
	const char *letter = C_(NC_("confirm: no key", "n"));
	int c = ev->code >= 'A' && ev->code <= 'Z' ? ev->code - 'A' + 'a' : ev->code;
	return c == 'n' || (letter[0] && !letter[1] && c == (unsigned char)letter[0]);
}

/* A key while a question or a prompt is open. Returns 1 when the key is
 * still to be handled as if no question had been asked: a question is
 * answered yes (Enter, y, c in Vietnamese) or no (Esc, n, k in
 * Vietnamese); any other key declines it
 * too and then does what it does, so what is typed ahead of an unexpected
 * question (the carry-over offer after the cluster is set, say) is
 * neither swallowed nor lost. */
static int modal_key(struct ui *ui, const struct ui_event *ev)
{
	struct screen *sc = ui_top(ui);
	if (ui->modal == MODAL_CONFIRM) {
		int yes = ev->type == UI_EV_KEY && confirm_is_yes(ev);
		int no = ev->type == UI_EV_KEY && confirm_is_no(ev);
		if (ui->confirm_keys_only && ev->type == UI_EV_KEY) {
			int enter = ev->fn ? ev->code == KEY_ENTER
					   : ev->code == '\r' || ev->code == '\n';
			yes = enter;
			no = !ev->fn && !ev->alt && ev->code == 27;
		}
		int (*fn)(struct screen *, void *) = ui->confirm_yes;
		void *ctx = ui->modal_ctx;
		char *said_no = ui->confirm_no;
		ui->modal_ctx = NULL;
		ui->confirm_no = NULL;
		ui_modal_close(ui);
		if (yes)
			ui_apply(ui, sc, fn(sc, ctx));
		else
			ui_info(ui, "%s", said_no ? said_no : _("Cancelled"));
		free(said_no);
		free(ctx);
		return !yes && !no;
	}
	int r = editor_key(&ui->prompt, ev);
	ui->all_dirty = 1;
	if (r == ED_CANCEL) {
		ui_modal_close(ui);
		ui_info(ui, _("Cancelled"));
		return 0;
	}
	/* Tab answers a question as Enter does (as it saves a field and goes
	 * on in a form); Down, also ED_NEXT on one line, does not. */
	int tab = ev->type == UI_EV_KEY && !ev->fn && ev->code == '\t';
	if (r != ED_CONFIRM && !(r == ED_NEXT && tab))
		return 0;
	char *cause = NULL;
	char *text = xstrdup(editor_text(&ui->prompt));
	ui_prompt_fn done = ui->prompt_done;
	void *ctx = ui->modal_ctx;
	free(ui->msg);
	ui->msg = NULL;
	int flags = done(sc, ctx, text, &cause);
	free(text);
	if (flags < 0) {
		/* The text stays in the prompt, the reason below it. */
		ui_error(ui, "%s", cause ? cause : _("Failed"));
		free(cause);
		return 0;
	}
	/* done() may have opened another prompt (a second question). */
	if (ui->modal == MODAL_PROMPT && ui->modal_ctx == ctx)
		ui_modal_close(ui);
	ui_apply(ui, sc, flags);
	return 0;
}

/* A key while the window is too small (screen_ops.types_when_small). */
static void small_key(struct ui *ui, struct screen *sc, struct ui_event *ev)
{
	int typing = ev->type == UI_EV_PASTE ||
		     (!ev->alt && ((!ev->fn && ev->code >= 0x20) || ev->code == 8 ||
				   (ev->fn && ev->code == KEY_BACKSPACE)));
	if (!ui->modal && sc && sc->ops->types_when_small && sc->ops->key && typing) {
		ev->act = ACT_NONE;
		ui_apply(ui, sc, sc->ops->key(sc, ev));
		if (!ui->small_typed)
			ui->all_dirty = 1;
		ui->small_typed = 1;
		return;
	}
	beep();
	ui->small_refused = 1;
	ui->all_dirty = 1;
}

static void handle_event(struct ui *ui, struct ui_event *ev)
{
	struct screen *sc = ui_top(ui);
	/* A key after the first ^C: typing goes on, and the word about ^C
	 * goes (a prompt keeps its messages otherwise). */
	if (ui->quit_armed && ui->msg) {
		free(ui->msg);
		ui->msg = NULL;
		ui->all_dirty = 1;
	}
	ui->quit_armed = 0;
	/* A new key clears the last message (unless a prompt shows its error). */
	if (!ui->modal && ui->msg) {
		free(ui->msg);
		ui->msg = NULL;
		ui->all_dirty = 1;
	}
	if (ui->too_small) {
		small_key(ui, sc, ev);
		return;
	}
	ui_key_begins(ui);
	if (ui->modal) {
		int pass = modal_key(ui, ev);
		ui_busy_words(ui);
		if (!pass || ui->modal)
			return;
		sc = ui_top(ui);
	}
	ev->act = ev->type == UI_EV_KEY && !ev->alt
		      ? keymap_lookup(ui_top_keymap(ui), ev->fn, ev->code)
		      : ACT_NONE;
	if (ui->readonly && (actions[ev->act].flags & AF_EDIT)) {
		ui_readonly_refusal(ui, ev->act);
		return;
	}
	int flags = sc->ops->key ? sc->ops->key(sc, ev) : UI_UNHANDLED;
	if (flags & UI_UNHANDLED) {
		generic_action(ui, sc, ev);
		flags &= ~UI_UNHANDLED;
	}
	/* The screen may have pushed another; apply to the one that asked. */
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i] == sc) {
			ui_apply(ui, sc, flags);
			break;
		}
	ui_busy_words(ui);
}

static int poll_store(struct ui *ui)
{
	int64_t v = store_data_version(ui->store);
	if (v == ui->data_version)
		return 0;
	ui->data_version = v;
	ui_reload_all(ui);
	return 1;
}

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Text being typed that a ^C would end: 1, not in the store yet (a prompt
 * that holds some, a screen's field being edited); 2, kept as a draft; 3,
 * a search Enter does not save (screen_ops.typing); 0 none. */
static int typing_unsaved(struct ui *ui)
{
	if (ui->modal == MODAL_PROMPT && *editor_text(&ui->prompt))
		return 1;
	struct screen *sc = ui_top(ui);
	return sc && sc->ops->typing ? sc->ops->typing(sc) : 0;
}

/* A signal arrived. ^C or ^\ (the user asking the program to end): a
 * screen with something to lose asks first; the same key again while it
 * asks ends the program. While text is being typed (a prompt, a field)
 * the first one only says that a second one leaves and loses it, and
 * what keeps it: a question would take the prompt's place. 1 when asked
 * (go on), 0 to leave. */
static int ask_quit(struct ui *ui)
{
	int sig = got_signal;
	if ((sig != SIGINT && sig != SIGQUIT) || ui->quit_asked)
		return 0;
	for (int i = ui->depth - 1; i >= 0; i--) {
		struct screen *sc = ui->stack[i];
		if (sc->ops->ask_quit && sc->ops->ask_quit(sc)) {
			got_signal = 0;
			ui->quit_asked = ui->modal == MODAL_CONFIRM;
			return 1;
		}
	}
	int typing = ui->quit_armed ? 0 : typing_unsaved(ui);
	if (typing) {
		got_signal = 0;
		ui->quit_armed = 1;
		ui_error(ui, "%s",
			 typing == 2   ? _("^C again leaves bienban, the line kept as your draft; "
					   "Enter saves it")
			 : typing == 3 ? _("^C again leaves bienban and loses what is typed")
				       : _("^C again leaves bienban and loses what is typed; Enter "
					   "saves it"));
		return 1;
	}
	return 0;
}

/* 1 if a key is already waiting to be read. */
static int key_waiting(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

/* The screens' idle work (screen_ops.idle), once the screen is up to
 * date: when no key waits, or when keys have kept coming for
 * UI_IDLE_MAX_MS. Then the screen is drawn again if that work changed
 * it. */
static void idle(struct ui *ui, long long *last)
{
	long long now = now_ms();
	if (key_waiting() && now - *last < UI_IDLE_MAX_MS)
		return;
	*last = now;
	int any = 0;
	for (int i = 0; i < ui->depth; i++) {
		struct screen *sc = ui->stack[i];
		if (sc->ops->idle) {
			ui_apply(ui, sc, sc->ops->idle(sc, now));
			any = 1;
		}
	}
	if (any && !ui->quit)
		ui_draw(ui);
}

/* Benchmarks and tests ($BIENBAN_KEY_TIMES): a key's microseconds from
 * reading it to the end of its screen update, and the store writes and
 * statements prepared in that time: "US WRITES PREPARES". */
static void key_time(struct ui *ui, long long key_read, const unsigned long before[2])
{
	unsigned long w, p;
	store_counts(ui->store, &w, &p);
	fprintf(ui->key_times, "%lld %lu %lu\n", now_us() - key_read, w - before[0], p - before[1]);
}

static void loop(struct ui *ui)
{
	int fast_errors = 0;
	long long key_read = 0, last_idle = now_ms();
	unsigned long counts[2] = {0, 0};
	int first = 1;
	while (!ui->quit) {
		if (got_signal && !ask_quit(ui))
			break;
		long long now = now_ms();
		for (int i = 0; i < ui->depth; i++) {
			struct screen *sc = ui->stack[i];
			if (sc->ops->tick)
				ui_apply(ui, sc, sc->ops->tick(sc, now));
		}
		if (ui->quit)
			break;
		ui_draw(ui);
		if (first) {
			/* The first screen with its data: the start-up is over. */
			first = 0;
			start_mark("screen");
			start_marks_write();
		}
		if (ui->key_times && key_read) {
			key_time(ui, key_read, counts);
			key_read = 0;
		}
		idle(ui, &last_idle);
		if (ui->quit)
			break;
		wint_t c;
		long long before = now_ms();
		int soon = ui->tick_soon;
		ui->tick_soon = 0;
		if (soon)
			wtimeout(ui->input, 0);
		int r = wget_wch(ui->input, &c);
		if (soon)
			wtimeout(ui->input, UI_TICK_MS);
		if (r == ERR && soon) {
			poll_store(ui);
			continue;
		}
		if (r == ERR) {
			/* A timeout, a signal, or a terminal that is gone: a read
			 * that fails at once, again and again, is a hangup. */
			if (now_ms() - before < UI_TICK_MS / 3 && !got_signal) {
				if (terminal_gone() || ++fast_errors > 50)
					break;
			} else {
				fast_errors = 0;
			}
			poll_store(ui);
			continue;
		}
		fast_errors = 0;
		if (ui->key_times) {
			key_read = now_us();
			store_counts(ui->store, &counts[0], &counts[1]);
		}
		struct ui_event ev = {.type = UI_EV_KEY, .text = ""};
		char u[8];
		char *paste = NULL;
		if (r == KEY_CODE_YES) {
			if (c == KEY_RESIZE) {
				ui_layout_windows(ui);
				clearok(curscr, TRUE);
				for (int i = 0; i < ui->depth; i++)
					ui->stack[i]->dirty = 1;
				ui->all_dirty = 1;
				continue;
			}
			if (c == KEY_PASTE_BEGIN) {
				paste = read_paste(ui);
				ev.type = UI_EV_PASTE;
				ev.text = paste;
			} else if (c == KEY_PASTE_END) {
				continue;
			} else {
				ev.fn = 1;
				ev.code = fn_code((int)c);
			}
		} else {
			ev.code = (int)c;
			ev.text = utf8_of(c, u);
			if (c == 27 && esc_event(ui, &ev, u) < 0) {
				ui->all_dirty = 1;
				continue;
			}
		}
		handle_event(ui, &ev);
		free(paste);
		poll_store(ui);
	}
}

/* ==== start and end ==== */

/* "bienban: <message>" on stderr, control characters made visible. */
static void start_error(const char *fmt, ...) BB_PRINTF(1, 2);
static void start_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	char *vis = text_visible(msg, 1);
	fprintf(stderr, "bienban: %s\n", vis);
	free(vis);
	free(msg);
}

static int bracketed_paste_ok(void)
{
	const char *term = getenv("TERM");
	/* The Linux console and real VT100s do not know mode 2004. */
	return term && strncmp(term, "vt", 2) != 0 && strcmp(term, "linux") != 0;
}

static int start_curses(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		start_error("%s",
			    _("the terminal interface needs a terminal (see bienban --help)"));
		return -1;
	}
	if (!getenv("ESCDELAY"))
		set_escdelay(50);
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		start_error(_("cannot use the terminal type '%s'"),
			    getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	/* XON/XOFF off: ^S would freeze the screen until ^Q (a secretary
	 * pressing ^S out of habit thinks the program hung), and the live
	 * screen binds ^S. def_prog_mode() makes ncurses keep it after ^Z. */
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		def_prog_mode();
	}
	intrflush(stdscr, FALSE);
	ui_init_colors();
	/* Cursor keys in both modes: a terminal (or a multiplexer) that
	 * ignores the keypad-transmit mode sends the normal-mode forms. */
	static const struct {
		const char *seq;
		int key;
	} alt_keys[] = {
	    {"\033[A", KEY_UP},
	    {"\033[B", KEY_DOWN},
	    {"\033[C", KEY_RIGHT},
	    {"\033[D", KEY_LEFT},
	    {"\033OA", KEY_UP},
	    {"\033OB", KEY_DOWN},
	    {"\033OC", KEY_RIGHT},
	    {"\033OD", KEY_LEFT},
	    {"\033[H", KEY_HOME},
	    {"\033[F", KEY_END},
	    {"\033OH", KEY_HOME},
	    {"\033OF", KEY_END},
	    {"\033[1~", KEY_HOME},
	    {"\033[4~", KEY_END},
	    {"\033[Z", KEY_BTAB},
	    /* Ctrl-Left/Right: xterm (and tmux), rxvt, and the old xterm form. */
	    {"\033[1;5D", BB_KEY_CTRL_LEFT},
	    {"\033[1;5C", BB_KEY_CTRL_RIGHT},
	    {"\033Od", BB_KEY_CTRL_LEFT},
	    {"\033Oc", BB_KEY_CTRL_RIGHT},
	    {"\033[5D", BB_KEY_CTRL_LEFT},
	    {"\033[5C", BB_KEY_CTRL_RIGHT},
	};
	for (size_t i = 0; i < BB_ARRAY_LEN(alt_keys); i++)
		if (key_defined(alt_keys[i].seq) <= 0)
			define_key(alt_keys[i].seq, alt_keys[i].key);
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	if (bracketed_paste_ok()) {
		fputs("\033[?2004h", stdout);
		fflush(stdout);
	}
	/* ncurses (6.4) flushes its output at every cursor move until the
	 * screen has been left once and come back to ("not initialised
	 * yet", for terminfo-only programs): the first paint of 22 rows went
	 * out in 27 write()s, each an SSH packet of its own on a remote
	 * link, and every later update likewise. Leaving it now, before
	 * anything is drawn, makes the first doupdate() come back (modes,
	 * alternate screen, keypad) and from then on a frame is one write
	 * or two (ncurses' buffer is a screenful). The alternate screen is
	 * left and entered again before it holds anything. */
	endwin();
	return 0;
}

static void stop_curses(void)
{
	if (bracketed_paste_ok()) {
		fputs("\033[?2004l", stdout);
		fflush(stdout);
	}
	endwin();
}

/* The frame `bienban live ID` draws before the store is read: the live
 * screen's key line under an empty header and body. */
static const struct keymap *frame_keymap(struct screen *sc)
{
	return sc->data;
}

static void frame_draw(struct screen *sc, WINDOW *w)
{
	(void)sc;
	(void)w;
}

static const struct screen_ops frame_ops = {
    .name = "frame",
    .keymap = frame_keymap,
    .draw = frame_draw,
};

/* Close every screen from the top (done() saves what it must), the
 * windows and curses. */
static void end_ui(struct ui *ui)
{
	if (ui->modal)
		ui_modal_close(ui);
	ui->ending = 1;
	while (ui->depth > 0)
		ui_screen_free(ui->stack[--ui->depth]);
	free(ui->stack);
	free(ui->msg);
	delwin(ui->hdr);
	delwin(ui->body);
	delwin(ui->status);
	delwin(ui->bar);
	delwin(ui->input);
	stop_curses();
	if (ui->exit_note) {
		start_error("%s", ui->exit_note);
		free(ui->exit_note);
		ui->exit_note = NULL;
	}
}

/* The screens the start asked for, once the store is open; 0, or -1
 * after start_error(). */
static int first_screens(struct ui *ui, const struct tui_start *st)
{
	int64_t meeting = st->meeting;
	if (meeting > 0 && !store_meeting_exists(ui->store, meeting)) {
		end_ui(ui);
		start_error(_("no meeting with id %lld (see bienban list)"), (long long)meeting);
		return -1;
	}
	/* `bienban live N` is the live screen alone: Esc there leaves the
	 * program (the secretary started it for this meeting), not to the
	 * home screen; home only if the meeting cannot be shown. */
	if (meeting > 0 && st->live) {
		/* The frame goes: the live screen takes its place. */
		if (ui->depth == 1 && ui->stack[0]->ops == &frame_ops)
			ui_screen_free(ui->stack[--ui->depth]);
		if (ui_screens.live(ui, meeting) < 0)
			ui_screens.home(ui);
		return 0;
	}
	if (ui->depth == 0)
		ui_screens.home(ui);
	if (meeting > 0)
		ui_screens.meeting(ui, meeting);
	return 0;
}

/* The start-up, in the order that puts something on the screen soonest:
 * the file checked (a missing store is said before curses starts), the
 * frame drawn (title, key line, an empty body: no SQLite yet), then the
 * store opened (SQLite parses its schema, migrations are checked), then
 * the first screen's data read and drawn in the loop's first turn. A
 * store that fails to open after the frame ends curses first, so its
 * message shows on the normal terminal. */
/* store_open is about to upgrade the store's schema (once per version;
 * a minute when a migration remakes a large store's index): say so over
 * the frame, which is all that can be drawn before the store is open. */
static void say_upgrade(void *ctx, const char *path, int from, int to)
{
	struct ui *ui = ctx;
	(void)path;
	ui->upgraded_to = to;
	(void)from;
	ui_info(ui, _("Upgrading the store to schema %d (once; a large store takes a minute)…"), to);
	if (ui->depth > 0)
		ui_draw(ui);
}

int tui_run(const struct tui_start *st)
{
	struct ui ui = {0};
	if (st->meeting > 0 && st->live && !ui_screens.live) {
		start_error("%s", _("live note taking is not available yet"));
		return 1;
	}
	char *path = st->db_path ? xstrdup(st->db_path) : store_default_path();
	char *cause = NULL;
	int flags = st->readonly ? STORE_READONLY : STORE_CREATE;
	int readonly;
	if (store_probe(path, flags, &readonly, &cause) < 0) {
		start_error("%s", cause);
		free(cause);
		free(path);
		return 1;
	}
	if (start_curses() < 0) {
		free(path);
		return 1;
	}
	start_mark("curses");
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL); /* ^\: leave saving, not a core dump */
	ui_layout_windows(&ui);
	ui.input = newpad(1, 1);
	keypad(ui.input, TRUE);
	wtimeout(ui.input, UI_TICK_MS);
	ui.readonly = readonly;
	ui.readonly_asked = st->readonly;
	ui.store_path = path;
	/* The frame: the home screen reads nothing until its first tick;
	 * the live screen's keys stand in for it until it is loaded. `open
	 * N` shows the meeting at once, with its data. */
	if (st->meeting > 0 && st->live && ui_screens.live_keys) {
		struct screen *sc = ui_push(&ui, &frame_ops, (void *)ui_screens.live_keys);
		screen_set_title(sc, "%s", "");
	} else if (st->meeting <= 0) {
		ui_screens.home(&ui);
	}
	if (ui.depth > 0) {
		ui_draw(&ui);
		start_mark("frame");
	}
	struct store *s;
	store_on_upgrade(say_upgrade, &ui);
	int rc = store_open(&s, path, flags, &cause);
	store_on_upgrade(NULL, NULL);
	if (rc < 0) {
		end_ui(&ui);
		start_error("%s", cause);
		free(cause);
		free(path);
		return 1;
	}
	start_mark("store");
	if (ui.upgraded_to)
		ui_info(&ui, _("The store is upgraded to schema %d."), ui.upgraded_to);
	ui.store = s;
	/* A keystroke never waits for another program's lock (ui.h). */
	store_set_nowait(s, 1);
	if (store_readonly(s) != ui.readonly) {
		ui.readonly = store_readonly(s);
		ui.all_dirty = 1;
	}
	ui.data_version = store_data_version(s);
	if (first_screens(&ui, st) < 0) {
		store_close(s);
		free(path);
		return 1;
	}
	if (getenv("BIENBAN_KEY_TIMES"))
		ui.key_times = fopen(getenv("BIENBAN_KEY_TIMES"), "we");
	loop(&ui);
	if (ui.key_times)
		fclose(ui.key_times);
	/* The next start's list (home_snapshot.h): read now, stamped and
	 * written once the store is closed, after the terminal is back. */
	struct home_snapshot snap;
	int keep = home_snapshot_take(s, HOME_SNAPSHOT_ROWS, &snap) == 0;
	end_ui(&ui);
	store_close(s);
	if (keep) {
		home_snapshot_write(path, &snap);
		home_snapshot_free(&snap);
	}
	free(path);
	return 0;
}
