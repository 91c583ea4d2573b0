/* wfl-sankey-view-a11y.c: what a screen reader hears of the Sankey view
 *
 * The view is one accessible image; its description is the keyboard
 * focus's item (name and figures, in the locale's numbers with plural
 * units), or how many nodes the chart has and how to move between them.
 * A node's figures over the week window are computed here for the
 * tooltips too.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-sankey-view"

#include "config.h"

#include <math.h>

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
  g_autofree char *text = describe_item (self, self->focus);

  if (text == NULL && layout_current (self))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Flows between %u node; use the arrow keys to move between them",
                                         "Flows between %u nodes; use the arrow keys to move between them",
                                         wfl_sankey_graph_get_n_nodes (self->graph)),
                            wfl_sankey_graph_get_n_nodes (self->graph));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text ? text : self->message,
                                  -1);
}
