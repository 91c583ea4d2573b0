/* wfl-sankey-graph.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>

#include "wfl-sankey-graph.h"

struct _WflSankeyGraph
{
  gatomicrefcount  ref_count;
  GArray          *nodes;     /* of WflSankeyNode */
  GArray          *links;     /* of WflSankeyLink */
  GHashTable      *ids;       /* id → index + 1 (ids owned by the nodes) */
};

static void
clear_node (gpointer data)
{
  WflSankeyNode *node = data;

  g_free (node->id);
  g_free (node->name);
  g_free (node->unit);
  g_free (node->group);
}

static void
clear_link (gpointer data)
{
  WflSankeyLink *link = data;

  g_free (link->source_unit);
  g_free (link->target_unit);
}

WflSankeyGraph *
wfl_sankey_graph_new (void)
{
  WflSankeyGraph *self = g_new0 (WflSankeyGraph, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->nodes = g_array_new (FALSE, TRUE, sizeof (WflSankeyNode));
  self->links = g_array_new (FALSE, TRUE, sizeof (WflSankeyLink));
  g_array_set_clear_func (self->nodes, clear_node);
  g_array_set_clear_func (self->links, clear_link);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

WflSankeyGraph *
wfl_sankey_graph_ref (WflSankeyGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wfl_sankey_graph_unref (WflSankeyGraph *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->ids);
  g_array_unref (self->nodes);
  g_array_unref (self->links);
  g_free (self);
}

guint
wfl_sankey_graph_add_node (WflSankeyGraph *self,
                           const char     *id,
                           const char     *name,
                           const char     *unit,
                           const char     *group)
{
  WflSankeyNode node = { 0 };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (id != NULL, 0);

  node.id = g_strdup (id);
  node.name = g_strdup (name ? name : id);
  node.unit = g_strdup (unit);
  node.group = g_strdup (group);
  node.column = -1;
  node.position = NAN;
  node.color = -1;
  node.quantity = NAN;
  g_array_append_val (self->nodes, node);
  /* The first node with an id wins a lookup. */
  if (!g_hash_table_contains (self->ids, node.id))
    g_hash_table_insert (self->ids, node.id, GUINT_TO_POINTER (self->nodes->len));
  return self->nodes->len - 1;
}

guint
wfl_sankey_graph_add_link (WflSankeyGraph *self,
                           guint           source,
                           guint           target,
                           double          value)
{
  WflSankeyLink link = { 0 };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (source < self->nodes->len && target < self->nodes->len, 0);

  if (!isfinite (value) || value < 0)
    {
      g_warning ("Sankey link value %g is not a finite number ≥ 0; using 0", value);
      value = 0;
    }
  link.source = source;
  link.target = target;
  link.value = value;
  link.source_quantity = NAN;
  link.target_quantity = NAN;
  g_array_append_val (self->links, link);
  return self->links->len - 1;
}

void
wfl_sankey_graph_set_link_ends (WflSankeyGraph *self,
                                guint           link,
                                double          source_quantity,
                                const char     *source_unit,
                                double          target_quantity,
                                const char     *target_unit)
{
  WflSankeyLink *l = wfl_sankey_graph_get_link (self, link);

  g_return_if_fail (l != NULL);
  l->source_quantity = source_quantity;
  l->target_quantity = target_quantity;
  g_free (l->source_unit);
  g_free (l->target_unit);
  l->source_unit = g_strdup (source_unit);
  l->target_unit = g_strdup (target_unit);
}

guint
wfl_sankey_graph_get_n_nodes (const WflSankeyGraph *self)
{
  return self->nodes->len;
}

guint
wfl_sankey_graph_get_n_links (const WflSankeyGraph *self)
{
  return self->links->len;
}

WflSankeyNode *
wfl_sankey_graph_get_node (const WflSankeyGraph *self,
                           guint                 node)
{
  g_return_val_if_fail (node < self->nodes->len, NULL);
  return &g_array_index (self->nodes, WflSankeyNode, node);
}

WflSankeyLink *
wfl_sankey_graph_get_link (const WflSankeyGraph *self,
                           guint                 link)
{
  g_return_val_if_fail (link < self->links->len, NULL);
  return &g_array_index (self->links, WflSankeyLink, link);
}

int
wfl_sankey_graph_find_node (const WflSankeyGraph *self,
                            const char           *id)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->ids, id)) - 1;
}

WflSankeyGraph *
wfl_sankey_graph_new_from_flows (const WflFlows *flows)
{
  WflSankeyGraph *self = wfl_sankey_graph_new ();

  for (guint i = 0; i < flows->names->len; i++)
    wfl_sankey_graph_add_node (self, flows->names->pdata[i], flows->names->pdata[i], NULL, NULL);
  for (guint i = 0; i < flows->flows->len; i++)
    {
      const WflFlow *f = &g_array_index (flows->flows, WflFlow, i);

      wfl_sankey_graph_add_link (self, f->source, f->target, f->value);
    }
  return self;
}

/* The band width one unit shipped on link l stands for: the good end
 * product it becomes, factor(target) × yield(target) / per-unit.  Every
 * bill-of-materials line into a node is drawn in these end-product units
 * at full width, so the bands into CoWoS say how many GPUs' worth of
 * dies, HBM stacks, interposers and substrates arrived, and the narrowest
 * of them (or the node's own narrower output) shows the chokepoint; a
 * node with several lines is as tall as its widest side (d3-sankey's
 * max (in, out)).  Yield losses are not drawn as bands. */
static double
link_factor (guint          l,
             const double  *factor,
             const guint   *link_target,
             const double  *shipped,
             const double  *yield)
{
  double per_unit = shipped[2 * l + 1];
  guint t = link_target[l];

  return factor[t] * yield[t] / (per_unit > 0 ? per_unit : 1);
}

/* End-product units per unit of node i: 1 for nodes without outgoing
 * links; otherwise the shipment-weighted mean over the outgoing links of
 * their link_factor().  Memoised; a cycle (invalid scenario) falls back
 * to 1. */
static double
product_factor (guint          i,
                double        *factor,
                guint8        *state,
                GPtrArray    **out_links,
                const guint   *link_target,
                const double  *shipped,
                const double  *yield)
{
  double sum = 0, weight = 0, plain = 0;
  GPtrArray *out = out_links[i];

  if (state[i] == 2)
    return factor[i];
  if (state[i] == 1)
    return 1;
  state[i] = 1;

  if (out == NULL || out->len == 0)
    factor[i] = 1;
  else
    {
      for (guint k = 0; k < out->len; k++)
        {
          guint l = GPOINTER_TO_UINT (out->pdata[k]);
          double f;

          product_factor (link_target[l], factor, state, out_links, link_target, shipped, yield);
          f = link_factor (l, factor, link_target, shipped, yield);
          sum += f * shipped[2 * l];
          weight += shipped[2 * l];
          plain += f;
        }
      factor[i] = weight > 0 ? sum / weight : plain / out->len;
    }
  state[i] = 2;
  return factor[i];
}

WflSankeyGraph *
wfl_sankey_graph_new_from_simulation (WflScenario             *scenario,
                                      WflSankeyShippedFunc     shipped_func,
                                      WflSankeyBottleneckFunc  bottleneck_func,
                                      gpointer                 user_data)
{
  WflSankeyGraph *self;
  WflViews *views;
  guint n_nodes, n_links;
  g_autofree double *factor = NULL;
  g_autofree guint8 *state = NULL;
  g_autofree double *shipped = NULL;    /* per link: shipped, per-unit */
  g_autofree guint *link_source = NULL;
  g_autofree guint *link_target = NULL;
  g_autofree double *out_qty = NULL;
  g_autofree double *in_qty = NULL;
  g_autofree double *yield = NULL;
  g_autofree double *weekly = NULL;
  g_autofree guint *scenario_index = NULL;   /* graph node -> scenario node */
  GPtrArray **out_links;

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (shipped_func != NULL, NULL);

  self = wfl_sankey_graph_new ();
  n_nodes = wfl_scenario_get_n_nodes (scenario);
  n_links = wfl_scenario_get_n_links (scenario);
  scenario_index = g_new0 (guint, n_nodes + 1);

  for (guint i = 0; i < n_nodes; i++)
    {
      const WflNode *node = wfl_scenario_get_node (scenario, i);
      guint k;

      /* Equipment suppliers make the tools of expansions, not material:
       * they have no bands (docs/model.md). */
      if (node->kind == WFL_NODE_KIND_EQUIPMENT)
        continue;
      k = wfl_sankey_graph_add_node (self, node->id, wfl_node_get_display_name (node),
                                     node->unit, node->group);
      scenario_index[k] = i;
      if (bottleneck_func != NULL)
        wfl_sankey_graph_get_node (self, k)->bottleneck = bottleneck_func (node, user_data);
    }
  n_nodes = wfl_sankey_graph_get_n_nodes (self);

  factor = g_new0 (double, n_nodes);
  state = g_new0 (guint8, n_nodes);
  out_qty = g_new0 (double, n_nodes);
  in_qty = g_new0 (double, n_nodes);
  shipped = g_new0 (double, 2 * (gsize) n_links + 1);
  link_source = g_new0 (guint, n_links + 1);
  link_target = g_new0 (guint, n_links + 1);
  out_links = g_new0 (GPtrArray *, n_nodes + 1);
  yield = g_new0 (double, n_nodes + 1);
  weekly = g_new0 (double, MAX (wfl_scenario_get_weeks (scenario), 1));
  for (guint i = 0; i < n_nodes; i++)
    {
      const WflNode *node = wfl_scenario_get_node (scenario, scenario_index[i]);
      int weeks = MAX (wfl_scenario_get_weeks (scenario), 1);
      double sum = 0;

      /* The mean yield over the calendar. */
      wfl_schedule_evaluate (node->yield, wfl_scenario_get_start (scenario), weeks, 1.0, weekly);
      for (int t = 0; t < weeks; t++)
        sum += weekly[t];
      yield[i] = sum / weeks > 0 ? sum / weeks : 1;
    }

  for (guint l = 0; l < n_links; l++)
    {
      const WflLink *link = wfl_scenario_get_link (scenario, l);
      int s = wfl_sankey_graph_find_node (self, link->from);
      int t = wfl_sankey_graph_find_node (self, link->to);
      double q = 0;

      if (s < 0 || t < 0)
        {
          link_source[l] = G_MAXUINT;
          continue;
        }
      if (!shipped_func (link, &q, user_data) || !isfinite (q) || q < 0)
        q = 0;
      shipped[2 * l] = q;
      shipped[2 * l + 1] = link->per_unit > 0 ? link->per_unit : 1;
      link_source[l] = s;
      link_target[l] = t;
      if (out_links[s] == NULL)
        out_links[s] = g_ptr_array_new ();
      g_ptr_array_add (out_links[s], GUINT_TO_POINTER (l));
    }

  for (guint i = 0; i < n_nodes; i++)
    product_factor (i, factor, state, out_links, link_target, shipped, yield);

  for (guint l = 0; l < n_links; l++)
    {
      const WflSankeyNode *s, *t;
      double q = shipped[2 * l], per_unit = shipped[2 * l + 1];
      guint k;

      if (link_source[l] == G_MAXUINT)
        continue;
      s = wfl_sankey_graph_get_node (self, link_source[l]);
      t = wfl_sankey_graph_get_node (self, link_target[l]);
      k = wfl_sankey_graph_add_link (self, link_source[l], link_target[l],
                                     q * link_factor (l, factor, link_target, shipped, yield));
      wfl_sankey_graph_set_link_ends (self, k, q, s->unit, q / per_unit, t->unit);
      out_qty[link_source[l]] += q;
      in_qty[link_target[l]] += q / per_unit;
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      WflSankeyNode *node = wfl_sankey_graph_get_node (self, i);

      /* A node shows what it sent on, or (a customer) what it received. */
      node->quantity = out_links[i] != NULL ? out_qty[i] : in_qty[i];
      g_clear_pointer (&out_links[i], g_ptr_array_unref);
    }
  g_free (out_links);

  views = wfl_scenario_get_views (scenario);
  if (views != NULL && views->pins != NULL)
    for (guint p = 0; p < views->pins->len; p++)
      {
        const WflPin *pin = views->pins->pdata[p];
        int k = wfl_sankey_graph_find_node (self, pin->node);

        if (k < 0)
          continue;
        wfl_sankey_graph_get_node (self, k)->column = pin->column;
        wfl_sankey_graph_get_node (self, k)->position = pin->position;
      }

  return self;
}

typedef struct
{
  WflScenario   *scenario;
  WflSimulation *simulation;
  GArray        *ranking;      /* of WflBottleneck, or NULL */
  GHashTable    *link_index;   /* WflLink* -> index + 1 */
  int            first_week;
  int            last_week;
} WindowData;

static gboolean
window_shipped (const WflLink *link,
                double        *shipped,
                gpointer       user_data)
{
  WindowData *data = user_data;
  guint l = GPOINTER_TO_UINT (g_hash_table_lookup (data->link_index, link));

  if (l == 0)
    return FALSE;
  *shipped = wfl_simulation_sum_link_shipped (data->simulation, l - 1, data->first_week, data->last_week);
  return TRUE;
}

gboolean
wfl_sankey_graph_may_limit (WflSimulation *simulation,
                            guint          node,
                            int            first_week,
                            int            last_week)
{
  guint weeks;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), FALSE);

  first_week = MAX (first_week, 0);
  last_week = MIN (last_week, wfl_simulation_get_n_weeks (simulation) - 1);
  if (last_week < first_week || !wfl_simulation_node_has_capacity (simulation, node))
    return FALSE;
  weeks = wfl_simulation_count_limiting_weeks (simulation, node, first_week, last_week);
  return weeks > 0 && 2 * weeks >= (guint) (last_week - first_week + 1);
}

/* A node is marked when it limited the flow in at least half of the
 * window's weeks and 10 % more of its capacity delivers more of one of
 * its end products in the window (a gain in the ranking). */
static gboolean
window_bottleneck (const WflNode *node,
                   gpointer       user_data)
{
  WindowData *data = user_data;
  int i = wfl_simulation_find_node (data->simulation, node->id);

  if (i < 0 || data->ranking == NULL ||
      !wfl_sankey_graph_may_limit (data->simulation, i, data->first_week, data->last_week))
    return FALSE;
  for (guint r = 0; r < data->ranking->len; r++)
    {
      const WflBottleneck *row = &g_array_index (data->ranking, WflBottleneck, r);

      if (row->node == (guint) i && row->gain > 0)
        return TRUE;
    }
  return FALSE;
}

WflSankeyGraph *
wfl_sankey_graph_new_for_window (WflScenario   *scenario,
                                 WflSimulation *simulation,
                                 GArray        *ranking,
                                 int            first_week,
                                 int            last_week)
{
  g_autoptr(GHashTable) link_index = g_hash_table_new (NULL, NULL);
  WindowData data;

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (wfl_scenario_get_n_links (scenario) == wfl_simulation_get_n_links (simulation), NULL);

  for (guint l = 0; l < wfl_scenario_get_n_links (scenario); l++)
    g_hash_table_insert (link_index, wfl_scenario_get_link (scenario, l), GUINT_TO_POINTER (l + 1));

  data.scenario = scenario;
  data.simulation = simulation;
  data.ranking = ranking;
  data.link_index = link_index;
  data.first_week = MAX (first_week, 0);
  data.last_week = MIN (last_week, wfl_simulation_get_n_weeks (simulation) - 1);

  return wfl_sankey_graph_new_from_simulation (scenario, window_shipped, window_bottleneck, &data);
}

GArray *
wfl_sankey_graph_rank_window (WflSimulation  *simulation,
                              int             first_week,
                              int             last_week,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(WflBottlenecks) runs = NULL;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);

  for (guint n = 0; n < wfl_simulation_get_n_nodes (simulation); n++)
    if (wfl_sankey_graph_may_limit (simulation, n, first_week, last_week))
      g_array_append_val (nodes, n);
  runs = wfl_bottlenecks_new (simulation, &g_array_index (nodes, guint, 0), nodes->len, cancellable, error);
  if (runs == NULL)
    return NULL;
  return wfl_bottlenecks_rank_window (runs, first_week, last_week);
}
