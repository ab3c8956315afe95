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
	if (!sb.buf)
		strbuf_adds(&sb, "");
	return strbuf_detach(&sb);
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
		char name[32];
		keys_name(ev->fn, ev->code, name, sizeof name);
		ui_info(ui, _("The key %s does nothing here; press ? for help"), name);
	}
}

static void modal_key(struct ui *ui, const struct ui_event *ev)
{
	struct screen *sc = ui_top(ui);
	if (ui->modal == MODAL_CONFIRM) {
		int yes = ev->type == UI_EV_KEY && !ev->fn && (ev->code == 'y' || ev->code == 'Y');
		int (*fn)(struct screen *, void *) = ui->confirm_yes;
		void *ctx = ui->modal_ctx;
		ui->modal_ctx = NULL;
		ui_modal_close(ui);
		if (yes)
			ui_apply(ui, sc, fn(sc, ctx));
		else
			ui_info(ui, _("Cancelled"));
		free(ctx);
		return;
	}
	int r = editor_key(&ui->prompt, ev);
	ui->all_dirty = 1;
	if (r == ED_CANCEL) {
		ui_modal_close(ui);
		ui_info(ui, _("Cancelled"));
		return;
	}
	if (r != ED_CONFIRM)
		return;
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
		return;
	}
	/* done() may have opened another prompt (a second question). */
	if (ui->modal == MODAL_PROMPT && ui->modal_ctx == ctx)
		ui_modal_close(ui);
	ui_apply(ui, sc, flags);
}

static void handle_event(struct ui *ui, struct ui_event *ev)
{
	struct screen *sc = ui_top(ui);
	/* A new key clears the last message (unless a prompt shows its error). */
	if (!ui->modal && ui->msg) {
		free(ui->msg);
		ui->msg = NULL;
		ui->all_dirty = 1;
	}
	if (ui->too_small)
		return;
	if (ui->modal) {
		modal_key(ui, ev);
		return;
	}
	ev->act =
	    ev->type == UI_EV_KEY ? keymap_lookup(ui_top_keymap(ui), ev->fn, ev->code) : ACT_NONE;
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

static void loop(struct ui *ui)
{
	int fast_errors = 0;
	long long key_read = 0;
	while (!ui->quit && !got_signal) {
		long long now = now_ms();
		for (int i = 0; i < ui->depth; i++) {
			struct screen *sc = ui->stack[i];
			if (sc->ops->tick)
				ui_apply(ui, sc, sc->ops->tick(sc, now));
		}
		if (ui->quit)
			break;
		ui_draw(ui);
		if (ui->key_times && key_read) {
			fprintf(ui->key_times, "%lld\n", now_us() - key_read);
			key_read = 0;
		}
		wint_t c;
		long long before = now_ms();
		int r = wget_wch(ui->input, &c);
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
		if (ui->key_times)
			key_read = now_us();
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
				ev.code = (int)c;
			}
		} else {
			ev.code = (int)c;
			ev.text = utf8_of(c, u);
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
	    {"\033[A", KEY_UP},	   {"\033[B", KEY_DOWN}, {"\033[C", KEY_RIGHT},
	    {"\033[D", KEY_LEFT},  {"\033OA", KEY_UP},	 {"\033OB", KEY_DOWN},
	    {"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT}, {"\033[H", KEY_HOME},
	    {"\033[F", KEY_END},   {"\033OH", KEY_HOME}, {"\033OF", KEY_END},
	    {"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[Z", KEY_BTAB},
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

static int open_store(const struct tui_start *st, struct store **out)
{
	char *path = st->db_path ? xstrdup(st->db_path) : store_default_path();
	char *cause = NULL;
	int flags = st->readonly ? STORE_READONLY : STORE_CREATE;
	int rc = store_open(out, path, flags, &cause);
	if (rc < 0) {
		start_error("%s", cause);
		free(cause);
	}
	free(path);
	return rc;
}

int tui_run(const struct tui_start *st)
{
	struct ui ui = {0};
	struct store *s;
	int64_t start_meeting = st->meeting;
	int start_live = st->live;
	if (open_store(st, &s) < 0)
		return 1;
	ui.store = s;
	ui.readonly = store_readonly(s);
	ui.readonly_asked = st->readonly;
	if (start_meeting > 0 && !store_meeting_exists(s, start_meeting)) {
		start_error(_("no meeting with id %lld (see bienban list)"),
			    (long long)start_meeting);
		store_close(s);
		return 1;
	}
	if (start_live && !ui_screens.live) {
		start_error("%s", _("live note taking is not available yet"));
		store_close(s);
		return 1;
	}
	if (start_curses() < 0) {
		store_close(s);
		return 1;
	}
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
	ui.data_version = store_data_version(s);
	ui_screens.home(&ui);
	if (start_meeting > 0) {
		if (start_live)
			ui_screens.live(&ui, start_meeting);
		else
			ui_screens.meeting(&ui, start_meeting);
	}
	if (getenv("BIENBAN_KEY_TIMES"))
		ui.key_times = fopen(getenv("BIENBAN_KEY_TIMES"), "we");
	loop(&ui);
	if (ui.key_times)
		fclose(ui.key_times);
	/* Close every screen from the top: done() saves what it must. */
	if (ui.modal)
		ui_modal_close(&ui);
	while (ui.depth > 0)
		ui_screen_free(ui.stack[--ui.depth]);
	free(ui.stack);
	free(ui.msg);
	delwin(ui.hdr);
	delwin(ui.body);
	delwin(ui.status);
	delwin(ui.bar);
	delwin(ui.input);
	stop_curses();
	store_close(s);
	return 0;
}
