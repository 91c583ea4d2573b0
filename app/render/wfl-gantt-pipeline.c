/* wfl-gantt-pipeline.c: the pipeline of a scenario as a Gantt chart
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline as a project plan (wfl_gantt_chart_new_pipeline): the
 * stages on the paths into the customers, and the transits on the links
 * between them, scheduled by the critical path method: a forward pass
 * for the earliest start and finish of every activity, a backward pass
 * against the latest delivery for the latest ones, the slack between the
 * two and the critical path where there is none.  The twin of
 * wfl-gantt-orders.c, which charts the simulated orders; the chart's data
 * and the helpers both fill it with are in wfl-gantt-chart.c.
 */

#define G_LOG_DOMAIN "wfl-gantt-pipeline"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "wfl-gantt-chart.h"
#include "wfl-sankey-layout.h"

/* Two weeks closer than this are the same week (slack, critical path). */
#define EPSILON 1e-9

/* The colour key of customer deliveries: not a valid node id. */
#define DELIVERY_KEY "#delivery"

/* An activity of the plan: a stage (node) or the transit on a link. */
typedef struct
{
  int     node;        /* the stage, or the link's from-node for a transit */
  int     link;        /* -1 for a stage */
  int     topo;        /* position in topological order (transits: after their from) */
  double  duration;
  double  es, ef;      /* earliest start and finish */
  double  ls, lf;      /* latest start and finish */
  int     row;
} Activity;

static int
compare_activities (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const Activity *acts = user_data;
  const Activity *x = &acts[*(const int *) a];
  const Activity *y = &acts[*(const int *) b];

  if (x->es < y->es - EPSILON)
    return -1;
  if (x->es > y->es + EPSILON)
    return 1;
  if (x->topo != y->topo)
    return x->topo < y->topo ? -1 : 1;
  return (x->link > y->link) - (x->link < y->link);
}

/* The plan while it is built: the links as node indices, the nodes on the
 * paths into the targets in topological order, and the activities with
 * their schedule. */
typedef struct
{
  WflScenario *scenario;
  guint        n_nodes, n_links;
  gboolean    *relevant;      /* node -> upstream of a target (or one) */
  int         *from_index;    /* link -> its from-node */
  int         *to_index;      /* link -> its to-node */
  int         *in_first;      /* node -> its range in in_links */
  int         *in_links;      /* links by to-node, in link order */
  int         *out_first;     /* node -> its range in out_links */
  int         *out_links;     /* links by from-node, in link order */
  int         *topo_pos;      /* node -> its position in order */
  int         *stage_act;     /* node -> its activity */
  int         *transit_act;   /* link -> its transit activity or -1 */
  GArray      *order;         /* of int: nodes in topological order */
  GArray      *acts;          /* of Activity */
  double       placed_week;
  double       project_end;   /* the latest delivery */
  gboolean     any_target;
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->relevant, g_free);
  g_clear_pointer (&plan->from_index, g_free);
  g_clear_pointer (&plan->to_index, g_free);
  g_clear_pointer (&plan->in_first, g_free);
  g_clear_pointer (&plan->in_links, g_free);
  g_clear_pointer (&plan->out_first, g_free);
  g_clear_pointer (&plan->out_links, g_free);
  g_clear_pointer (&plan->topo_pos, g_free);
  g_clear_pointer (&plan->stage_act, g_free);
  g_clear_pointer (&plan->transit_act, g_free);
  g_clear_pointer (&plan->order, g_array_unref);
  g_clear_pointer (&plan->acts, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

/* The links grouped by one end (ends[l] of link l), in link order:
 * links[first[n]] to links[first[n + 1] - 1] are node n's. */
static void
group_links (guint       n_nodes,
             guint       n_links,
             const int  *ends,
             int       **first_out,
             int       **links_out)
{
  int *first = *first_out = g_new0 (int, n_nodes + 1);
  int *links = *links_out = g_new (int, MAX (n_links, 1));
  g_autofree int *fill = NULL;

  for (guint l = 0; l < n_links; l++)
    first[ends[l] + 1]++;
  for (guint n = 0; n < n_nodes; n++)
    first[n + 1] += first[n];
  fill = g_memdup2 (first, sizeof (int) * (n_nodes + 1));
  for (guint l = 0; l < n_links; l++)
    links[fill[ends[l]]++] = l;
}

/* Every link's ends as node indices; an error when one names no node. */
static gboolean
resolve_links (Plan    *plan,
               GError **error)
{
  WflScenario *scenario = plan->scenario;
  guint n_links = plan->n_links;
  int *from_index, *to_index;

  from_index = plan->from_index = g_new0 (int, MAX (n_links, 1));
  to_index = plan->to_index = g_new0 (int, MAX (n_links, 1));

  for (guint l = 0; l < n_links; l++)
    {
      WflLink *link = wfl_scenario_get_link (scenario, l);

      from_index[l] = wfl_scenario_find_node_index (scenario, link->from);
      to_index[l] = wfl_scenario_find_node_index (scenario, link->to);
      if (from_index[l] < 0 || to_index[l] < 0)
        {
          g_set_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID,
                       _("The link from “%s” to “%s” names an unknown node"),
                       link->from, link->to);
          return FALSE;
        }
    }
  /* The passes below ask for the links into or out of a node, node by
   * node: with thousands of nodes and links, not every link each time. */
  group_links (plan->n_nodes, n_links, to_index, &plan->in_first, &plan->in_links);
  group_links (plan->n_nodes, n_links, from_index, &plan->out_first, &plan->out_links);
  return TRUE;
}

/* The targets, then every node upstream of them. */
static gboolean
mark_relevant (Plan        *plan,
               const char  *customer_id,
               GError     **error)
{
  WflScenario *scenario = plan->scenario;
  guint n_nodes = plan->n_nodes;
  const int *from_index = plan->from_index;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean *relevant;

  relevant = plan->relevant = g_new0 (gboolean, MAX (n_nodes, 1));

  if (customer_id != NULL)
    {
      int c = wfl_scenario_find_node_index (scenario, customer_id);

      if (c < 0 || wfl_scenario_get_node (scenario, c)->kind != WFL_NODE_KIND_CUSTOMER)
        {
          g_set_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID,
                       _("There is no customer “%s” in the scenario"), customer_id);
          return FALSE;
        }
      relevant[c] = TRUE;
      g_array_append_val (stack, c);
    }
  else
    {
      for (guint i = 0; i < n_nodes; i++)
        if (wfl_scenario_get_node (scenario, i)->kind == WFL_NODE_KIND_CUSTOMER)
          {
            int c = i;

            relevant[i] = TRUE;
            g_array_append_val (stack, c);
          }
    }

  while (stack->len > 0)
    {
      int n = g_array_index (stack, int, stack->len - 1);

      g_array_set_size (stack, stack->len - 1);
      for (int k = plan->in_first[n]; k < plan->in_first[n + 1]; k++)
        {
          int l = plan->in_links[k];

          if (!relevant[from_index[l]] &&
              wfl_scenario_get_node (scenario, from_index[l])->kind != WFL_NODE_KIND_POOL)
            {
              relevant[from_index[l]] = TRUE;
              g_array_append_val (stack, from_index[l]);
            }
        }
    }
  return TRUE;
}

/* Topological order of the relevant nodes (Kahn; ties by document order);
 * an error when they form a cycle. */
static gboolean
sort_topologically (Plan    *plan,
                    GError **error)
{
  guint n_nodes = plan->n_nodes, n_links = plan->n_links;
  const gboolean *relevant = plan->relevant;
  const int *from_index = plan->from_index;
  const int *to_index = plan->to_index;
  g_autofree int *indegree = g_new0 (int, MAX (n_nodes, 1));
  int *topo_pos;
  GArray *order;

  topo_pos = plan->topo_pos = g_new0 (int, MAX (n_nodes, 1));
  order = plan->order = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint l = 0; l < n_links; l++)
    if (relevant[from_index[l]] && relevant[to_index[l]])
      indegree[to_index[l]]++;

  for (;;)
    {
      int next = -1;

      for (guint i = 0; i < n_nodes && next < 0; i++)
        if (relevant[i] && indegree[i] == 0)
          next = i;
      if (next < 0)
        break;
      indegree[next] = -1;
      topo_pos[next] = order->len;
      g_array_append_val (order, next);
      for (int k = plan->out_first[next]; k < plan->out_first[next + 1]; k++)
        if (relevant[to_index[plan->out_links[k]]])
          indegree[to_index[plan->out_links[k]]]--;
    }

  for (guint i = 0; i < n_nodes; i++)
    if (relevant[i] && indegree[i] != -1)
      {
        g_set_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID,
                     _("The stages leading to “%s” form a cycle"),
                     wfl_scenario_get_node (plan->scenario, i)->id);
        return FALSE;
      }
  return TRUE;
}

/* Colours by position along the chain (deliveries in grey). */
static void
set_levels (const Plan    *plan,
            WflGanttChart *chart)
{
  const gboolean *relevant = plan->relevant;
  const int *from_index = plan->from_index;
  const GArray *order = plan->order;
  g_autofree int *level = g_new0 (int, MAX (plan->n_nodes, 1));

  for (guint k = 0; k < order->len; k++)
    {
      int n = g_array_index (order, int, k);

      for (int j = plan->in_first[n]; j < plan->in_first[n + 1]; j++)
        if (relevant[from_index[plan->in_links[j]]])
          level[n] = MAX (level[n], level[from_index[plan->in_links[j]]] + 1);
      wfl_gantt_chart_set_stage_level (chart, wfl_scenario_get_node (plan->scenario, n)->id, level[n]);
    }
  wfl_gantt_chart_set_stage_level (chart, DELIVERY_KEY, -1);
}

/* Activities: one per stage, one per link with transit. */
static void
add_activities (Plan *plan)
{
  WflScenario *scenario = plan->scenario;
  guint n_links = plan->n_links;
  const gboolean *relevant = plan->relevant;
  const int *from_index = plan->from_index;
  const int *to_index = plan->to_index;
  const int *topo_pos = plan->topo_pos;
  const GArray *order = plan->order;
  int *stage_act, *transit_act;
  GArray *acts;

  acts = plan->acts = g_array_new (FALSE, TRUE, sizeof (Activity));
  stage_act = plan->stage_act = g_new0 (int, MAX (plan->n_nodes, 1));
  transit_act = plan->transit_act = g_new0 (int, MAX (n_links, 1));
  for (guint k = 0; k < order->len; k++)
    {
      int n = g_array_index (order, int, k);
      WflNode *node = wfl_scenario_get_node (scenario, n);
      Activity a = { n, -1, 2 * k, MAX (node->lead_weeks, 0), 0, 0, 0, 0, -1 };

      if (node->kind == WFL_NODE_KIND_CUSTOMER)
        a.duration = 0;
      stage_act[n] = acts->len;
      g_array_append_val (acts, a);
    }
  for (guint l = 0; l < n_links; l++)
    {
      WflLink *link = wfl_scenario_get_link (scenario, l);

      transit_act[l] = -1;
      if (relevant[from_index[l]] && relevant[to_index[l]] && link->transit_weeks > 0)
        {
          Activity a = { from_index[l], l, 2 * topo_pos[from_index[l]] + 1,
                         link->transit_weeks, 0, 0, 0, 0, -1 };

          transit_act[l] = acts->len;
          g_array_append_val (acts, a);
        }
    }
}

/* Forward pass, in topological order. */
static void
forward_pass (Plan *plan)
{
  const gboolean *relevant = plan->relevant;
  const int *from_index = plan->from_index;
  const int *stage_act = plan->stage_act;
  const int *transit_act = plan->transit_act;
  const GArray *order = plan->order;
  GArray *acts = plan->acts;

  for (guint k = 0; k < order->len; k++)
    {
      int n = g_array_index (order, int, k);
      Activity *a = &g_array_index (acts, Activity, stage_act[n]);

      a->es = plan->placed_week;
      for (int j = plan->in_first[n]; j < plan->in_first[n + 1]; j++)
        {
          int l = plan->in_links[j];
          const Activity *from;
          double ready;

          if (!relevant[from_index[l]])
            continue;
          from = &g_array_index (acts, Activity, stage_act[from_index[l]]);
          ready = from->ef;
          if (transit_act[l] >= 0)
            {
              Activity *t = &g_array_index (acts, Activity, transit_act[l]);

              t->es = from->ef;
              t->ef = t->es + t->duration;
              ready = t->ef;
            }
          a->es = MAX (a->es, ready);
        }
      a->ef = a->es + a->duration;
      if (wfl_scenario_get_node (plan->scenario, n)->kind == WFL_NODE_KIND_CUSTOMER)
        {
          plan->project_end = MAX (plan->project_end, a->ef);
          plan->any_target = TRUE;
        }
    }
}

/* Backward pass against the latest delivery. */
static void
backward_pass (Plan *plan)
{
  const gboolean *relevant = plan->relevant;
  const int *to_index = plan->to_index;
  const int *stage_act = plan->stage_act;
  const int *transit_act = plan->transit_act;
  const GArray *order = plan->order;
  GArray *acts = plan->acts;

  for (guint i = 0; i < acts->len; i++)
    {
      Activity *a = &g_array_index (acts, Activity, i);

      a->lf = plan->any_target ? plan->project_end : a->ef;
      a->ls = a->lf - a->duration;
    }
  for (int k = (int) order->len - 1; k >= 0; k--)
    {
      int n = g_array_index (order, int, k);
      Activity *a = &g_array_index (acts, Activity, stage_act[n]);

      for (int j = plan->out_first[n]; j < plan->out_first[n + 1]; j++)
        {
          int l = plan->out_links[j];
          const Activity *to;
          double need;

          if (!relevant[to_index[l]])
            continue;
          to = &g_array_index (acts, Activity, stage_act[to_index[l]]);
          need = to->ls;
          if (transit_act[l] >= 0)
            {
              Activity *t = &g_array_index (acts, Activity, transit_act[l]);

              t->lf = to->ls;
              t->ls = t->lf - t->duration;
              need = t->ls;
            }
          a->lf = MIN (a->lf, need);
        }
      a->ls = a->lf - a->duration;
    }
}

/* Rows in order of earliest start, like a project plan. */
static void
add_rows (Plan          *plan,
          WflGanttChart *chart)
{
  WflScenario *scenario = plan->scenario;
  const int *to_index = plan->to_index;
  GArray *acts = plan->acts;
  gboolean any_target = plan->any_target;
  double placed_week = plan->placed_week;
  g_autoptr(GArray) sorted = NULL;      /* of int: activity indices in row order */

  sorted = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < acts->len; i++)
    {
      int v = i;

      g_array_append_val (sorted, v);
    }
  g_array_sort_with_data (sorted, compare_activities, acts->data);

  for (guint r = 0; r < sorted->len; r++)
    {
      Activity *a = &g_array_index (acts, Activity, g_array_index (sorted, int, r));
      WflNode *node = wfl_scenario_get_node (scenario, a->node);
      const char *name = wfl_node_get_display_name (node);
      double slack = MAX (0, a->ls - a->es);
      WflGanttRow *row;
      WflGanttBar *bar;

      a->row = r;
      if (a->link < 0)
        {
          row = wfl_gantt_chart_add_row (chart, node->id, name, node->group);
          if (node->kind == WFL_NODE_KIND_CUSTOMER)
            {
              /* Every customer's delivery shares one colour (and one
               * legend entry): the palette is kept for the stages. */
              bar = wfl_gantt_chart_add_bar (chart, row, DELIVERY_KEY, _("Delivery"),
                                             a->es, a->ef, WFL_GANTT_BAR_WORK);
              g_free (bar->stage);
              g_free (bar->label);
              bar->stage = g_strdup (node->id);
              bar->label = g_strdup (name);
              wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_PLACED, placed_week);
            }
          else
            bar = wfl_gantt_chart_add_bar (chart, row, node->id, name, a->es, a->ef,
                                           WFL_GANTT_BAR_WORK);
        }
      else
        {
          WflNode *to = wfl_scenario_get_node (scenario, to_index[a->link]);
          g_autofree char *id = g_strdup_printf ("%s->%s", node->id, to->id);
          /* Translators: the row of a shipment between two stages. */
          g_autofree char *label = g_strdup_printf (_("%s → %s"), name,
                                                    wfl_node_get_display_name (to));

          row = wfl_gantt_chart_add_row (chart, id, label, node->group);
          bar = wfl_gantt_chart_add_bar (chart, row, node->id, name, a->es, a->ef,
                                         WFL_GANTT_BAR_TRANSIT);
        }
      bar->slack = slack;
      bar->critical = any_target && slack < EPSILON;
      row->critical = bar->critical;
    }
}

/* Dependencies along the links. */
static void
add_dependencies (const Plan    *plan,
                  WflGanttChart *chart)
{
  guint n_links = plan->n_links;
  const gboolean *relevant = plan->relevant;
  const int *from_index = plan->from_index;
  const int *to_index = plan->to_index;
  const int *stage_act = plan->stage_act;
  const int *transit_act = plan->transit_act;
  const GArray *acts = plan->acts;
  gboolean any_target = plan->any_target;

  for (guint l = 0; l < n_links; l++)
    {
      const Activity *from, *to;

      if (!relevant[from_index[l]] || !relevant[to_index[l]])
        continue;

      from = &g_array_index (acts, Activity, stage_act[from_index[l]]);
      to = &g_array_index (acts, Activity, stage_act[to_index[l]]);
      if (transit_act[l] >= 0)
        {
          const Activity *t = &g_array_index (acts, Activity, transit_act[l]);
          gboolean crit_in = from->ls - from->es < EPSILON && t->ls - t->es < EPSILON &&
                             fabs (t->es - from->ef) < EPSILON;
          gboolean crit_out = t->ls - t->es < EPSILON && to->ls - to->es < EPSILON &&
                              fabs (to->es - t->ef) < EPSILON;

          wfl_gantt_chart_add_dependency (chart, from->row, 0, t->row, 0, any_target && crit_in);
          wfl_gantt_chart_add_dependency (chart, t->row, 0, to->row, 0, any_target && crit_out);
        }
      else
        {
          gboolean crit = from->ls - from->es < EPSILON && to->ls - to->es < EPSILON &&
                          fabs (to->es - from->ef) < EPSILON;

          wfl_gantt_chart_add_dependency (chart, from->row, 0, to->row, 0, any_target && crit);
        }
    }
}

/* Capacity expansions ------------------------------------------------------ */

static char *
expansion_row_label (const WflNode      *node,
                     const WflExpansion *expansion)
{
  g_autofree char *amount = wfl_sankey_format_quantity (expansion->capacity, node->unit);

  /* Translators: a Gantt row of a capacity expansion, "TSMC CoWoS +1 000 wafer a week" */
  return g_strdup_printf (_("%s +%s a week"), wfl_node_get_display_name (node), amount);
}

/* One row per capacity expansion under way while the order is in the
 * pipeline (ordered before its delivery, qualified after it is placed):
 * the tools from the supplier, or the lead time, then the installation
 * and the qualification, with the capacity step as its filled marker.
 * The dates come from the compiled scenario (docs/model.md, "Capacity
 * expansions"); an invalid scenario shows none. */
static void
add_expansion_rows (Plan          *plan,
                    WflGanttChart *chart)
{
  WflScenario *scenario = plan->scenario;
  g_autoptr(WflSimulation) sim = NULL;
  guint x = 0;
  gboolean any = FALSE;

  for (guint n = 0; n < plan->n_nodes && !any; n++)
    any = wfl_scenario_get_node (scenario, n)->expansions->len > 0;
  if (!any || !plan->any_target || (sim = wfl_simulation_new (scenario, NULL)) == NULL)
    return;

  for (guint n = 0; n < plan->n_nodes; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);

      for (guint k = 0; k < node->expansions->len; k++, x++)
        {
          const WflExpansion *expansion = g_ptr_array_index (node->expansions, k);
          g_autofree char *id = g_strdup_printf ("expansion/%s/%u", node->id, k);
          g_autofree char *label = NULL;
          WflExpansionResult r;
          double end;
          WflGanttRow *row;
          WflGanttBar *bar;

          if (!wfl_simulation_get_expansion (sim, x, &r) || r.ordered_week > plan->project_end ||
              (r.qualified_week != WFL_WEEK_NEVER && r.qualified_week < plan->placed_week))
            continue;
          end = r.qualified_week != WFL_WEEK_NEVER ? r.qualified_week
                                                   : MAX (plan->project_end, r.ordered_week + 1.0);
          label = expansion_row_label (node, expansion);
          row = wfl_gantt_chart_add_row (chart, id, label, _("Capacity expansions"));
          wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_PLACED, r.ordered_week);
          if (r.supplier >= 0)
            {
              WflNode *supplier = wfl_scenario_get_node (scenario, r.supplier);
              double done = r.tools_done_week != WFL_WEEK_NEVER ? r.tools_done_week : end;

              bar = wfl_gantt_chart_add_bar (chart, row, supplier->id, wfl_node_get_display_name (supplier),
                                             r.ordered_week, done, WFL_GANTT_BAR_WORK);
              /* Translators: a bar of a capacity expansion; %s is an equipment supplier */
              bar->note = g_strdup_printf (_("Tools from %s"), wfl_node_get_display_name (supplier));
              if (r.delivered_week != WFL_WEEK_NEVER && r.delivered_week > done)
                {
                  bar = wfl_gantt_chart_add_bar (chart, row, node->id, wfl_node_get_display_name (node),
                                                 done, r.delivered_week, WFL_GANTT_BAR_TRANSIT);
                  bar->note = g_strdup (_("Installation"));
                }
            }
          else if (r.delivered_week > r.ordered_week)
            {
              bar = wfl_gantt_chart_add_bar (chart, row, node->id, wfl_node_get_display_name (node),
                                             r.ordered_week, r.delivered_week, WFL_GANTT_BAR_WORK);
              bar->note = g_strdup (_("Lead time to delivery"));
            }
          if (r.qualified_week == WFL_WEEK_NEVER)
            continue;
          if (r.qualified_week > r.delivered_week)
            {
              bar = wfl_gantt_chart_add_bar (chart, row, node->id, wfl_node_get_display_name (node),
                                             r.delivered_week, r.qualified_week, WFL_GANTT_BAR_WORK);
              bar->note = g_strdup (_("Qualification"));
            }
          wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_FILLED, r.qualified_week);
        }
    }
}

WflGanttChart *
wfl_gantt_chart_new_pipeline (WflScenario  *scenario,
                              const char   *customer_id,
                              WflDate       placed,
                              GError      **error)
{
  g_autoptr(WflGanttChart) chart = NULL;
  g_auto(Plan) plan = { 0 };

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);

  plan.scenario = scenario;
  plan.n_nodes = wfl_scenario_get_n_nodes (scenario);
  plan.n_links = wfl_scenario_get_n_links (scenario);
  plan.project_end = -INFINITY;
  chart = wfl_gantt_chart_new (WFL_GANTT_MODE_PIPELINE, wfl_scenario_get_start (scenario));
  chart->title = g_strdup (wfl_scenario_get_title (scenario));

  if (placed == WFL_DATE_NONE)
    placed = chart->start;
  plan.placed_week = wfl_gantt_chart_week_of_date (chart, placed);

  if (!resolve_links (&plan, error) ||
      !mark_relevant (&plan, customer_id, error) ||
      !sort_topologically (&plan, error))
    return NULL;

  set_levels (&plan, chart);
  add_activities (&plan);
  forward_pass (&plan);
  backward_pass (&plan);
  add_rows (&plan, chart);
  add_dependencies (&plan, chart);
  add_expansion_rows (&plan, chart);

  return g_steal_pointer (&chart);
}
