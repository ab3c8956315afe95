/* screen_clusters.c - the directory: clusters with their units, units
 * with their people, in three panes; add, edit, delete, move a unit. */
#include <stdlib.h>
#include <string.h>

#include "listview.h"
#include "screens.h"
#include "store_directory.h"
#include "text.h"

enum pane { P_CLUSTERS, P_UNITS, P_PEOPLE };

/* A pane's list gets its screen and which pane it is as its ctx. */
struct pane_ctx {
	struct clusters *c;
	enum pane p;
};

struct clusters {
	struct ui *ui;
	struct cluster *cl; /* plus a last pseudo entry: units without a cluster */
	size_t n_cl;
	struct unit_row *units;
	size_t n_units;
	struct person_row *people;
	size_t n_people;
	struct listview lv[3];
	struct pane_ctx pane[3]; /* ctx of lv[i]: this screen's, not shared */
	enum pane focus;
	int64_t added; /* a cluster just added: selected at the next reload */
};

static const struct keybind cluster_binds[] = {
    KCH('\r', ACT_EDIT),     KFN(KEY_ENTER, ACT_EDIT),	  KCH('a', ACT_ADD),
    KFN(KEY_IC, ACT_ADD),    KCH('d', ACT_DELETE),	  KFN(KEY_DC, ACT_DELETE),
    KCH('m', ACT_MOVE_UNIT), KFN(KEY_LEFT, ACT_PREV_TAB), KFN(KEY_RIGHT, ACT_NEXT_TAB),
};
static const enum action cluster_bar[] = {ACT_NEXT_TAB, ACT_ADD, ACT_EDIT, ACT_DELETE,
					  ACT_MOVE_UNIT};
const struct keymap keymap_clusters = KEYMAP("clusters", N_("Clusters, units and people"),
					     cluster_binds, cluster_bar, &keymap_generic);

static void free_units(struct clusters *c)
{
	for (size_t i = 0; i < c->n_units; i++)
		unit_row_free(&c->units[i]);
	free(c->units);
	c->units = NULL;
	c->n_units = 0;
}

static void free_people(struct clusters *c)
{
	for (size_t i = 0; i < c->n_people; i++)
		person_row_free(&c->people[i]);
	free(c->people);
	c->people = NULL;
	c->n_people = 0;
}

static void free_clusters(struct clusters *c)
{
	for (size_t i = 0; i < c->n_cl; i++)
		cluster_free(&c->cl[i]);
	free(c->cl);
	c->cl = NULL;
	c->n_cl = 0;
}

static int64_t sel_cluster(struct clusters *c)
{
	int64_t i = c->lv[P_CLUSTERS].sel;
	return i >= 0 && (size_t)i < c->n_cl ? c->cl[i].id : 0;
}

static const struct unit_row *sel_unit(struct clusters *c)
{
	int64_t i = c->lv[P_UNITS].sel;
	return i >= 0 && (size_t)i < c->n_units ? &c->units[i] : NULL;
}

static const struct person_row *sel_person(struct clusters *c)
{
	int64_t i = c->lv[P_PEOPLE].sel;
	return i >= 0 && (size_t)i < c->n_people ? &c->people[i] : NULL;
}

static void load_people(struct clusters *c)
{
	const struct unit_row *u = sel_unit(c);
	int64_t keep = sel_person(c) ? sel_person(c)->id : 0;
	free_people(c);
	char *cause = NULL;
	if (u && store_people(ui_store(c->ui), u->id, &c->people, &c->n_people, &cause) < 0) {
		ui_error(c->ui, "%s", cause);
		free(cause);
	}
	listview_set_count(&c->lv[P_PEOPLE], (int64_t)c->n_people);
	for (size_t i = 0; i < c->n_people; i++)
		if (c->people[i].id == keep)
			listview_select(&c->lv[P_PEOPLE], (int64_t)i);
}

static void load_units(struct clusters *c)
{
	int64_t keep = sel_unit(c) ? sel_unit(c)->id : 0;
	free_units(c);
	char *cause = NULL;
	/* The last row of the cluster pane is "no cluster" (id 0). */
	if (store_units(ui_store(c->ui), sel_cluster(c), &c->units, &c->n_units, &cause) < 0) {
		ui_error(c->ui, "%s", cause);
		free(cause);
	}
	listview_set_count(&c->lv[P_UNITS], (int64_t)c->n_units);
	for (size_t i = 0; i < c->n_units; i++)
		if (c->units[i].id == keep)
			listview_select(&c->lv[P_UNITS], (int64_t)i);
	load_people(c);
}

static int clusters_reload(struct screen *sc)
{
	struct clusters *c = sc->data;
	int64_t keep = c->added ? c->added : sel_cluster(c);
	int had = c->n_cl > 0 || c->added; /* on the first load, id 0 is not a choice */
	c->added = 0;
	free_clusters(c);
	char *cause = NULL;
	if (store_clusters(ui_store(c->ui), &c->cl, &c->n_cl, &cause) < 0) {
		ui_error(c->ui, "%s", cause);
		free(cause);
	}
	c->cl = xreallocarray(c->cl, c->n_cl + 1, sizeof *c->cl);
	memset(&c->cl[c->n_cl], 0, sizeof *c->cl);
	c->cl[c->n_cl].name = xstrdup(_("(units without a cluster)"));
	c->n_cl++;
	listview_set_count(&c->lv[P_CLUSTERS], (int64_t)c->n_cl);
	for (size_t i = 0; had && i < c->n_cl; i++)
		if (c->cl[i].id == keep)
			listview_select(&c->lv[P_CLUSTERS], (int64_t)i);
	load_units(c);
	return UI_REDRAW;
}

/* Pane drawing: each row callback gets its pane through its ctx. */
static void draw_row(void *ctx, WINDOW *w, int y, int width, int64_t index, int selected)
{
	struct pane_ctx *pc = ctx;
	struct clusters *c = pc->c;
	int focus = c->focus == pc->p;
	attr_t a = selected ? (focus ? ui_attr(ST_SELECTED) : A_BOLD) : A_NORMAL;
	int x0 = pc->p == P_CLUSTERS ? 0
		 : pc->p == P_UNITS  ? getmaxx(w) * 32 / 100 + 1
				     : getmaxx(w) * 64 / 100 + 1;
	char *label;
	if (pc->p == P_CLUSTERS) {
		const struct cluster *cl = &c->cl[index];
		label = cl->number ? xasprintf("%d · %s", cl->number, cl->name) : xstrdup(cl->name);
	} else if (pc->p == P_UNITS) {
		label = xasprintf("%s (%d)", c->units[index].name, c->units[index].n_people);
	} else {
		const struct person_row *p = &c->people[index];
		label = p->title ? xasprintf("%s — %s", p->name, p->title) : xstrdup(p->name);
	}
	ui_put_fill(w, y, x0, width, label, a);
	free(label);
}

static void clusters_draw(struct screen *sc, WINDOW *w)
{
	struct clusters *c = sc->data;
	int width = getmaxx(w), height = getmaxy(w);
	int x1 = width * 32 / 100, x2 = width * 64 / 100;
	const char *heads[3] = {_("Clusters"), _("Units"), _("People")};
	int xs[3] = {0, x1 + 1, x2 + 1}, ws[3] = {x1, x2 - x1 - 1, width - x2 - 1};
	for (int p = 0; p < 3; p++) {
		ui_put(w, 0, xs[p] + 1, ws[p] - 1, heads[p],
		       ui_attr(c->focus == (enum pane)p ? ST_TAB_ACTIVE : ST_HEADING));
		listview_draw(&c->lv[p], c->ui, w, 1, height - 1, ws[p]);
	}
	mvwvline(w, 0, x1, ACS_VLINE, height);
	mvwvline(w, 0, x2, ACS_VLINE, height);
	if (c->lv[P_PEOPLE].n == 0 && sel_unit(c))
		ui_put(w, 1, x2 + 2, width - x2 - 3, _("(no people: a adds one)"), ui_attr(ST_DIM));
}

/* ==== editing ==== */

static int report(struct ui *ui, int rc, char *cause)
{
	if (rc < 0) {
		ui_error(ui, _("Not saved: %s"), cause ? cause : "?");
		free(cause);
		return UI_REDRAW;
	}
	ui_info(ui, "%s", _("Saved"));
	return UI_RELOAD;
}

static int parse_number(const char *text, int *n, char **cause)
{
	char *end;
	long v = strtol(text, &end, 10);
	while (*end == ' ')
		end++;
	if (end == text || *end || v <= 0 || v > 100000)
		return set_cause(cause, _("“%s” is not a cluster number"), text);
	*n = (int)v;
	return 0;
}

struct id_ctx {
	int64_t id;
	int number;
};

static struct id_ctx *id_new(int64_t id)
{
	struct id_ctx *i = xcalloc(1, sizeof *i);
	i->id = id;
	return i;
}

static int cluster_name_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct id_ctx *i = ctx;
	struct clusters *c = sc->data;
	/* The new cluster is selected: the units added next go into it. */
	if (store_cluster_add(ui_store(sc->ui), i->number, text, &c->added, cause) < 0) {
		c->added = 0;
		return -1;
	}
	ui_info(sc->ui, _("Cluster %d added"), i->number);
	return UI_RELOAD;
}

static int cluster_number_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	int n = 0;
	(void)ctx;
	if (parse_number(text, &n, cause) < 0)
		return -1;
	struct id_ctx *i = id_new(0);
	i->number = n;
	char *def = xasprintf("Cụm thi đua số %d", n);
	ui_prompt(sc->ui, _("Name of the cluster:"), def, cluster_name_done, i);
	free(def);
	return UI_OK;
}

static int cluster_edit_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct id_ctx *i = ctx;
	/* "N · name": a changed number renumbers, the rest renames. */
	const char *dot = strstr(text, "·");
	char *num = dot ? xstrndup(text, (size_t)(dot - text)) : NULL;
	int n = 0;
	if (num && parse_number(text_trim(num), &n, cause) < 0) {
		free(num);
		return -1;
	}
	free(num);
	const char *name = dot ? dot + strlen("·") : text;
	if (n && n != i->number && store_cluster_renumber(ui_store(sc->ui), i->id, n, cause) < 0)
		return -1;
	if (store_cluster_rename(ui_store(sc->ui), i->id, name, cause) < 0)
		return -1;
	ui_info(sc->ui, "%s", _("Saved"));
	return UI_RELOAD;
}

static int unit_add_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct id_ctx *i = ctx;
	if (store_unit_add(ui_store(sc->ui), i->id, text, NULL, cause) < 0)
		return -1;
	ui_info(sc->ui, "%s", _("Unit added"));
	return UI_RELOAD;
}

static int unit_rename_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct id_ctx *i = ctx;
	if (store_unit_rename(ui_store(sc->ui), i->id, text, cause) < 0)
		return -1;
	ui_info(sc->ui, "%s", _("Saved"));
	return UI_RELOAD;
}

/* A person is typed as "Name, title". */
static void split_person(const char *text, char **name, char **title)
{
	const char *comma = strchr(text, ',');
	*name = comma ? xstrndup(text, (size_t)(comma - text)) : xstrdup(text);
	*title = comma ? xstrdup(comma + 1) : NULL;
}

static int person_add_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct id_ctx *i = ctx;
	char *name, *title;
	split_person(text, &name, &title);
	int rc = store_person_add(ui_store(sc->ui), i->id, name, title, NULL, cause);
	free(name);
	free(title);
	if (rc < 0)
		return -1;
	ui_info(sc->ui, "%s", _("Person added"));
	return UI_RELOAD;
}

static int person_edit_done(struct screen *sc, void *ctx, const char *text, char **cause)
{
	struct id_ctx *i = ctx;
	char *name, *title;
	split_person(text, &name, &title);
	int rc = store_person_set(ui_store(sc->ui), i->id, name, title, cause);
	free(name);
	free(title);
	if (rc < 0)
		return -1;
	ui_info(sc->ui, "%s", _("Saved"));
	return UI_RELOAD;
}

struct del {
	enum pane p;
	int64_t id;
};

static int delete_yes(struct screen *sc, void *ctx)
{
	struct del *d = ctx;
	char *cause = NULL;
	struct store *s = ui_store(sc->ui);
	int rc = d->p == P_CLUSTERS ? store_cluster_delete(s, d->id, &cause)
		 : d->p == P_UNITS  ? store_unit_delete(s, d->id, &cause)
				    : store_person_delete(s, d->id, &cause);
	return report(sc->ui, rc, cause);
}

static int move_fetch(struct ui *ui, void *ctx, const char *query, int64_t offset, int limit,
		      struct picker_row **rows, size_t *n, int64_t *total, char **cause)
{
	struct cluster *cl;
	size_t ncl;
	(void)ctx;
	if (store_clusters(ui_store(ui), &cl, &ncl, cause) < 0)
		return -1;
	char *fq = text_fold(query);
	*rows = xcalloc(ncl + 1, sizeof **rows);
	*n = 0;
	int64_t k = 0;
	for (size_t i = 0; i <= ncl; i++) {
		char *label = i < ncl ? xasprintf("%d · %s", cl[i].number, cl[i].name)
				      : xstrdup(_("(no cluster)"));
		char *fl = text_fold(label);
		int match = !*fq || strstr(fl, fq);
		free(fl);
		if (match && k >= offset && (int64_t)*n < limit) {
			(*rows)[*n].id = i < ncl ? cl[i].id : 0;
			(*rows)[(*n)++].label = label;
		} else {
			free(label);
		}
		k += match;
	}
	*total = k;
	free(fq);
	for (size_t i = 0; i < ncl; i++)
		cluster_free(&cl[i]);
	free(cl);
	return 0;
}

static int move_pick(struct ui *ui, void *ctx, int64_t id, const char *query, char **cause)
{
	struct id_ctx *i = ctx;
	(void)query;
	if (store_unit_move(ui_store(ui), i->id, id, cause) < 0)
		return -1;
	ui_info(ui, "%s", _("Unit moved"));
	return 0;
}

/* Ask to delete the selected row of the focused pane. */
static int ask_delete(struct clusters *c, const struct cluster *cl, const struct unit_row *u,
		      const struct person_row *p)
{
	struct del *d = xcalloc(1, sizeof *d);
	d->p = c->focus;
	char *q = NULL;
	if (c->focus == P_CLUSTERS && cl->id) {
		d->id = cl->id;
		q = xasprintf(_("Delete cluster %d? Its units stay, without a cluster."),
			      cl->number);
	} else if (c->focus == P_UNITS && u) {
		d->id = u->id;
		q = xasprintf(_("Delete the unit %s? Its people stay, without a unit."), u->name);
	} else if (c->focus == P_PEOPLE && p) {
		d->id = p->id;
		q = xasprintf(_("Delete %s from the directory? Past minutes keep the name."),
			      p->name);
	}
	if (!q) {
		free(d);
		return UI_OK;
	}
	ui_confirm(c->ui, q, delete_yes, d);
	free(q);
	return UI_REDRAW;
}

static int clusters_key(struct screen *sc, const struct ui_event *ev)
{
	struct clusters *c = sc->data;
	struct listview *lv = &c->lv[c->focus];
	if (listview_key(lv, ev->act)) {
		if (c->focus == P_CLUSTERS)
			load_units(c);
		else if (c->focus == P_UNITS)
			load_people(c);
		return UI_REDRAW;
	}
	const struct cluster *cl = &c->cl[c->lv[P_CLUSTERS].sel];
	const struct unit_row *u = sel_unit(c);
	const struct person_row *p = sel_person(c);
	switch (ev->act) {
	case ACT_NEXT_TAB:
		c->focus = (c->focus + 1) % 3;
		return UI_REDRAW;
	case ACT_PREV_TAB:
		c->focus = (c->focus + 2) % 3;
		return UI_REDRAW;
	case ACT_ADD:
		if (c->focus == P_CLUSTERS)
			ui_prompt(c->ui, _("Number of the new cluster:"), "", cluster_number_done,
				  NULL);
		else if (c->focus == P_UNITS)
			ui_prompt(c->ui, _("Name of the new unit:"), "", unit_add_done,
				  id_new(cl->id));
		else if (u)
			ui_prompt(c->ui, _("New person (Name, title):"), "", person_add_done,
				  id_new(u->id));
		else
			ui_error(c->ui, "%s", _("Choose a unit first"));
		return UI_REDRAW;
	case ACT_EDIT:
		if (c->focus == P_CLUSTERS && cl->id) {
			struct id_ctx *i = id_new(cl->id);
			i->number = cl->number;
			char *cur = xasprintf("%d · %s", cl->number, cl->name);
			ui_prompt(c->ui, _("Cluster (number · name):"), cur, cluster_edit_done, i);
			free(cur);
		} else if (c->focus == P_UNITS && u) {
			ui_prompt(c->ui, _("Unit name:"), u->name, unit_rename_done, id_new(u->id));
		} else if (c->focus == P_PEOPLE && p) {
			char *cur =
			    p->title ? xasprintf("%s, %s", p->name, p->title) : xstrdup(p->name);
			ui_prompt(c->ui, _("Person (Name, title):"), cur, person_edit_done,
				  id_new(p->id));
			free(cur);
		}
		return UI_REDRAW;
	case ACT_DELETE:
		return ask_delete(c, cl, u, p);
	case ACT_MOVE_UNIT:
		if (!u) {
			ui_error(c->ui, "%s", _("Choose a unit first"));
			return UI_REDRAW;
		}
		screen_picker_open(c->ui, _("Move the unit to cluster"), move_fetch, move_pick,
				   id_new(u->id));
		return UI_OK;
	default:
		return UI_UNHANDLED;
	}
}

static const struct keymap *clusters_keymap(struct screen *sc)
{
	(void)sc;
	return &keymap_clusters;
}

static void clusters_done(struct screen *sc)
{
	struct clusters *c = sc->data;
	free_people(c);
	free_units(c);
	free_clusters(c);
	free(c);
}

static const struct screen_ops clusters_ops = {
    .name = "clusters",
    .keymap = clusters_keymap,
    .draw = clusters_draw,
    .key = clusters_key,
    .reload = clusters_reload,
    .done = clusters_done,
};

int screen_clusters_open(struct ui *ui)
{
	struct clusters *c = xcalloc(1, sizeof *c);
	c->ui = ui;
	for (int p = 0; p < 3; p++) {
		c->pane[p] = (struct pane_ctx){c, (enum pane)p};
		listview_init(&c->lv[p], &c->pane[p], NULL, draw_row);
	}
	struct screen *sc = ui_push(ui, &clusters_ops, c);
	screen_set_title(sc, "%s", _("Clusters, units and people"));
	clusters_reload(sc);
	return 0;
}
