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

WflGanttChart *
wfl_gantt_chart_new_pipeline (WflScenario  *scenario,
                              const char   *customer_id,
                              WflDate       placed,
                              GError      **error)
{
  g_autoptr(WflGanttChart) chart = NULL;
  g_autofree gboolean *relevant = NULL;
  g_autofree int *from_index = NULL;
  g_autofree int *to_index = NULL;
  g_autofree int *indegree = NULL;
  g_autofree int *topo_pos = NULL;
  g_autofree int *stage_act = NULL;     /* node -> its activity */
  g_autofree int *transit_act = NULL;   /* link -> its transit activity or -1 */
  g_autoptr(GArray) order = NULL;       /* of int: nodes in topological order */
  g_autoptr(GArray) acts = NULL;        /* of Activity */
  g_autoptr(GArray) sorted = NULL;      /* of int: activity indices in row order */
  g_autoptr(GArray) stack = NULL;
  guint n_nodes, n_links;
  double placed_week, project_end = -INFINITY;
  gboolean any_target = FALSE;

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);

  n_nodes = wfl_scenario_get_n_nodes (scenario);
  n_links = wfl_scenario_get_n_links (scenario);
  chart = wfl_gantt_chart_new (WFL_GANTT_MODE_PIPELINE, wfl_scenario_get_start (scenario));
  chart->title = g_strdup (wfl_scenario_get_title (scenario));

  if (placed == WFL_DATE_NONE)
    placed = chart->start;
  placed_week = wfl_gantt_chart_week_of_date (chart, placed);

  relevant = g_new0 (gboolean, MAX (n_nodes, 1));
  from_index = g_new0 (int, MAX (n_links, 1));
  to_index = g_new0 (int, MAX (n_links, 1));
  stack = g_array_new (FALSE, FALSE, sizeof (int));

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
          return NULL;
        }
    }

  /* The targets, then every node upstream of them. */
  if (customer_id != NULL)
    {
      int c = wfl_scenario_find_node_index (scenario, customer_id);

      if (c < 0 || wfl_scenario_get_node (scenario, c)->kind != WFL_NODE_KIND_CUSTOMER)
        {
          g_set_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID,
                       _("There is no customer “%s” in the scenario"), customer_id);
          return NULL;
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
      for (guint l = 0; l < n_links; l++)
        if (to_index[l] == n && !relevant[from_index[l]])
          {
            relevant[from_index[l]] = TRUE;
            g_array_append_val (stack, from_index[l]);
          }
    }

  /* Topological order of the relevant nodes (Kahn; ties by document order). */
  indegree = g_new0 (int, MAX (n_nodes, 1));
  topo_pos = g_new0 (int, MAX (n_nodes, 1));
  order = g_array_new (FALSE, FALSE, sizeof (int));
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
      for (guint l = 0; l < n_links; l++)
        if (from_index[l] == next && relevant[to_index[l]])
          indegree[to_index[l]]--;
    }

  for (guint i = 0; i < n_nodes; i++)
    if (relevant[i] && indegree[i] != -1)
      {
        g_set_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID,
                     _("The stages leading to “%s” form a cycle"),
                     wfl_scenario_get_node (scenario, i)->id);
        return NULL;
      }

  /* Colours by position along the chain (deliveries in grey). */
  {
    g_autofree int *level = g_new0 (int, MAX (n_nodes, 1));

    for (guint k = 0; k < order->len; k++)
      {
        int n = g_array_index (order, int, k);

        for (guint l = 0; l < n_links; l++)
          if (to_index[l] == n && relevant[from_index[l]])
            level[n] = MAX (level[n], level[from_index[l]] + 1);
        wfl_gantt_chart_set_stage_level (chart, wfl_scenario_get_node (scenario, n)->id, level[n]);
      }
    wfl_gantt_chart_set_stage_level (chart, DELIVERY_KEY, -1);
  }

  /* Activities: one per stage, one per link with transit. */
  acts = g_array_new (FALSE, TRUE, sizeof (Activity));
  stage_act = g_new0 (int, MAX (n_nodes, 1));
  transit_act = g_new0 (int, MAX (n_links, 1));
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

  /* Forward pass, in topological order. */
  for (guint k = 0; k < order->len; k++)
    {
      int n = g_array_index (order, int, k);
      Activity *a = &g_array_index (acts, Activity, stage_act[n]);

      a->es = placed_week;
      for (guint l = 0; l < n_links; l++)
        if (to_index[l] == n && relevant[from_index[l]])
          {
            const Activity *from = &g_array_index (acts, Activity, stage_act[from_index[l]]);
            double ready = from->ef;

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
      if (wfl_scenario_get_node (scenario, n)->kind == WFL_NODE_KIND_CUSTOMER)
        {
          project_end = MAX (project_end, a->ef);
          any_target = TRUE;
        }
    }

  /* Backward pass against the latest delivery. */
  for (guint i = 0; i < acts->len; i++)
    {
      Activity *a = &g_array_index (acts, Activity, i);

      a->lf = any_target ? project_end : a->ef;
      a->ls = a->lf - a->duration;
    }
  for (int k = (int) order->len - 1; k >= 0; k--)
    {
      int n = g_array_index (order, int, k);
      Activity *a = &g_array_index (acts, Activity, stage_act[n]);

      for (guint l = 0; l < n_links; l++)
        if (from_index[l] == n && relevant[to_index[l]])
          {
            const Activity *to = &g_array_index (acts, Activity, stage_act[to_index[l]]);
            double need = to->ls;

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

  /* Rows in order of earliest start, like a project plan. */
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

  /* Dependencies along the links. */
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

  return g_steal_pointer (&chart);
}
