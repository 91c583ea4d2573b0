/* wfl-sankey-view-a11y.c: what a screen reader hears of the Sankey view
 *
 * The view is an accessible list, described by how many nodes it has and
 * how to move between them; its items (wfl-chart-item.h) are its nodes
 * and bands in reading order, each node followed by the bands out of it.
 * An item is named by its figures (in the locale's numbers with plural
 * units) and described by what its tooltip says; the keyboard focus item
 * is the item widget with the focus, so that every move is heard.  A
 * node's figures over the week window are computed here for the tooltips
 * too.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-sankey-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "wfl-format.h"
#include "wfl-sankey-graph.h"
#include "wfl-sankey-layout.h"
#include "wfl-sankey-view-private.h"

/* Figures ------------------------------------------------------------------ */

int
_wfl_sankey_view_window_weeks (WflSankeyView *self)
{
  int last = MIN (self->last_week, wfl_simulation_get_n_weeks (self->simulation) - 1);

  return MAX (1, last - self->first_week + 1);
}

/* A node's figures over the week window: what it sent on (or received)
 * per week, its mean capacity per week (NAN: unlimited), the share of it
 * used, and the weeks it was capacity-bound. */
void
_wfl_sankey_view_node_figures (WflSankeyView *self,
                               guint          v,
                               double        *per_week,
                               double        *capacity,
                               double        *used,
                               guint         *bound)
{
  const WflSankeyNode *node = wfl_sankey_graph_get_node (self->graph, v);
  int weeks = _wfl_sankey_view_window_weeks (self);
  int last = self->first_week + weeks - 1;
  int i = wfl_simulation_find_node (self->simulation, node->id);
  double quantity = isnan (node->quantity) ? wfl_sankey_layout_get_node (self->layout, v)->value : node->quantity;

  *per_week = quantity / weeks;
  *capacity = NAN;
  *used = NAN;
  *bound = 0;
  if (i < 0 || !wfl_simulation_node_has_capacity (self->simulation, i))
    return;

  {
    double cap = wfl_simulation_sum_node_series (self->simulation, i, WFL_SERIES_CAPACITY, self->first_week, last);
    double starts = wfl_simulation_sum_node_series (self->simulation, i, WFL_SERIES_STARTS, self->first_week, last);

    *capacity = cap / weeks;
    *used = cap > 0 ? starts / cap : NAN;
    *bound = wfl_simulation_count_bound_weeks (self->simulation, i, self->first_week, last);
  }
}

/* Descriptions ------------------------------------------------------------- */

/* For screen readers, in the locale's numbers with plural units:
 * "CoWoS-S packaging, TSMC (Nvidia), 25,318 packages per week, 100% used" */
static char *
describe_item (WflSankeyView *self,
               WflSankeyHit   item)
{
  if (!layout_current (self) || self->simulation == NULL)
    return NULL;

  if (item.kind == WFL_SANKEY_HIT_NODE)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (self->graph, item.index);
      g_autofree char *rate = NULL;
      double per_week, capacity, used;
      guint bound;

      _wfl_sankey_view_node_figures (self, item.index, &per_week, &capacity, &used, &bound);
      rate = wfl_format_amount_locale (per_week, node->unit);
      if (isnan (used))
        /* Translators: a node for screen readers: name, throughput */
        return g_strdup_printf (_("%s, %s per week"), node->name, rate);
      /* Translators: a node for screen readers: name, throughput,
       * share of its capacity used */
      return g_strdup_printf (_("%s, %s per week, %.0f%% used%s"), node->name, rate, 100 * used,
                              node->bottleneck ? _(", bottleneck") : "");
    }
  if (item.kind == WFL_SANKEY_HIT_LINK)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (self->graph, item.index);
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (self->layout, item.index);
      const WflSankeyNode *s = wfl_sankey_graph_get_node (self->graph, link->source);
      const WflSankeyNode *t = wfl_sankey_graph_get_node (self->graph, link->target);
      double q = isnan (link->source_quantity) ? link->value : link->source_quantity;
      g_autofree char *rate = wfl_format_amount_locale (q / _wfl_sankey_view_window_weeks (self),
                                                        link->source_unit ? link->source_unit : s->unit);

      /* Translators: a band for screen readers: source, target,
       * quantity per week, share of the source's outflow */
      return g_strdup_printf (_("%s to %s, %s per week, %.0f%% of %s"),
                              s->name, t->name, rate, 100 * g->source_fraction, s->name);
    }
  return NULL;
}

char *
_wfl_sankey_view_describe_item (WflSankeyView *self,
                                WflSankeyHit   item)
{
  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), NULL);
  return describe_item (self, item);
}

void
_wfl_sankey_view_update_accessible (WflSankeyView *self)
{
  g_autofree char *text = NULL;

  if (layout_current (self))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Flows between %u node; use the arrow keys to move between them",
                                         "Flows between %u nodes; use the arrow keys to move between them",
                                         wfl_sankey_graph_get_n_nodes (self->graph)),
                            wfl_sankey_graph_get_n_nodes (self->graph));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text ? text : self->message,
                                  -1);
}

/* Items -------------------------------------------------------------------- */

typedef struct
{
  guint  position;      /* of the band's source in reading order */
  double y;             /* where it leaves the source */
  guint  link;
} LinkKey;

static int
compare_link_key (gconstpointer a,
                  gconstpointer b)
{
  const LinkKey *x = a, *y = b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  if (x->y != y->y)
    return x->y < y->y ? -1 : 1;
  return x->link < y->link ? -1 : x->link > y->link;
}

/* More items than anyone walks: a chart this large gets its nodes only
 * (ten thousand widgets would cost more than they help). */
#define MAX_ITEMS 3000

/* The items in reading order: each node, then the bands out of it from
 * the top. */
static void
build_item_hits (WflSankeyView *self)
{
  guint n = wfl_sankey_graph_get_n_nodes (self->graph);
  guint n_links = wfl_sankey_graph_get_n_links (self->graph);
  g_autofree guint *position = g_new0 (guint, n + 1);
  g_autofree LinkKey *keys = g_new (LinkKey, n_links + 1);
  guint k = 0;

  for (guint i = 0; i < n; i++)
    position[self->node_order[i]] = i;
  if (n + n_links > MAX_ITEMS)
    n_links = 0;
  for (guint l = 0; l < n_links; l++)
    keys[l] = (LinkKey) { position[wfl_sankey_graph_get_link (self->graph, l)->source],
                          wfl_sankey_layout_get_link (self->layout, l)->y0, l };
  qsort (keys, n_links, sizeof (LinkKey), compare_link_key);

  g_array_set_size (self->item_hits, 0);
  for (guint i = 0; i < n; i++)
    {
      WflSankeyHit hit = node_hit (self->node_order[i]);

      g_array_append_val (self->item_hits, hit);
      for (; k < n_links && keys[k].position == i; k++)
        {
          hit = link_hit (keys[k].link);
          g_array_append_val (self->item_hits, hit);
        }
    }
}

/* The tooltip's text without its first line (the name) and markup. */
static char *
item_description (WflSankeyView *self,
                  WflSankeyHit   item)
{
  g_autofree char *markup = _wfl_sankey_view_tooltip_markup (self, item);
  g_autofree char *text = NULL;
  const char *rest;

  if (markup == NULL || !pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    return NULL;
  rest = strchr (text, '\n');
  return g_strdup (rest ? rest + 1 : "");
}

void
_wfl_sankey_view_sync_items (WflSankeyView *self)
{
  if (!layout_current (self) || self->simulation == NULL || self->node_order == NULL)
    return;

  build_item_hits (self);
  self->items_graph = self->graph;
  wfl_chart_items_set_n (&self->items, self->item_hits->len);
  for (guint i = 0; i < self->item_hits->len; i++)
    {
      WflSankeyHit hit = g_array_index (self->item_hits, WflSankeyHit, i);
      g_autofree char *name = describe_item (self, hit);
      g_autofree char *description = item_description (self, hit);

      wfl_chart_items_set (&self->items, i, name, description, hit_equal (hit, self->selected));
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  if (_wfl_sankey_view_has_focus (self))
    _wfl_sankey_view_focus_item_widget (self);
}

guint
_wfl_sankey_view_item_index (WflSankeyView *self,
                             WflSankeyHit   item)
{
  if (item.kind == WFL_SANKEY_HIT_NONE || self->items_graph != self->graph || !layout_current (self))
    return G_MAXUINT;
  for (guint i = 0; i < self->item_hits->len; i++)
    if (hit_equal (g_array_index (self->item_hits, WflSankeyHit, i), item))
      return i;
  return G_MAXUINT;
}

gboolean
_wfl_sankey_view_focus_item_widget (WflSankeyView *self)
{
  guint i = _wfl_sankey_view_item_index (self, self->focus);

  return i != G_MAXUINT && wfl_chart_items_grab_focus (&self->items, i);
}

void
_wfl_sankey_view_allocate_items (WflSankeyView *self)
{
  guint n = wfl_chart_items_get_n (&self->items);

  for (guint i = 0; i < n; i++)
    {
      graphene_rect_t r = GRAPHENE_RECT_INIT (0, 0, 1, 1);

      if (self->items_graph == self->graph && layout_current (self) && i < self->item_hits->len)
        r = _wfl_sankey_view_item_rect (self, g_array_index (self->item_hits, WflSankeyHit, i));
      wfl_chart_items_allocate (&self->items, i, &r);
    }
}

void
_wfl_sankey_view_update_item_selection (WflSankeyView *self,
                                        WflSankeyHit   old_selected)
{
  guint i = _wfl_sankey_view_item_index (self, old_selected);

  if (i != G_MAXUINT)
    wfl_chart_items_set_selected (&self->items, i, FALSE);
  i = _wfl_sankey_view_item_index (self, self->selected);
  if (i != G_MAXUINT)
    wfl_chart_items_set_selected (&self->items, i, TRUE);
}

GtkWidget *
_wfl_sankey_view_get_item_widget (WflSankeyView *self,
                                  WflSankeyHit   item)
{
  guint i;

  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), NULL);
  i = _wfl_sankey_view_item_index (self, item);
  return i == G_MAXUINT ? NULL : wfl_chart_items_get (&self->items, i);
}
