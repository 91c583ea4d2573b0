/* wfl-gantt-chart.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-gantt-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "wfl-chart-style.h"
#include "wfl-gantt-chart.h"

/* Two weeks closer than this are the same week (slack, critical path). */
#define EPSILON 1e-9

/* The colour key of customer deliveries: not a valid node id. */
#define DELIVERY_KEY "#delivery"

static void
bar_clear (gpointer data)
{
  WflGanttBar *bar = data;

  g_free (bar->stage);
  g_free (bar->label);
  g_free (bar->note);
}

static void
row_free (gpointer data)
{
  WflGanttRow *row = data;

  g_free (row->id);
  g_free (row->label);
  g_free (row->group);
  g_array_unref (row->bars);
  g_array_unref (row->markers);
  g_free (row);
}

static void
chart_clear (gpointer data)
{
  WflGanttChart *self = data;

  g_free (self->title);
  g_ptr_array_unref (self->rows);
  g_array_unref (self->dependencies);
  g_ptr_array_unref (self->stages);
  g_ptr_array_unref (self->stage_labels);
  g_array_unref (self->stage_colors);
  g_array_unref (self->stage_ranks);
  g_hash_table_unref (self->stage_levels);
}

WflGanttChart *
wfl_gantt_chart_new (WflGanttMode mode,
                     WflDate      start)
{
  WflGanttChart *self = g_atomic_rc_box_new0 (WflGanttChart);

  self->mode = mode;
  self->start = start;
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->dependencies = g_array_new (FALSE, FALSE, sizeof (WflGanttDependency));
  self->stages = g_ptr_array_new_with_free_func (g_free);
  self->stage_labels = g_ptr_array_new_with_free_func (g_free);
  self->stage_colors = g_array_new (FALSE, FALSE, sizeof (guint));
  self->stage_ranks = g_array_new (FALSE, FALSE, sizeof (int));
  self->stage_levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->as_of = NAN;
  return self;
}

WflGanttChart *
wfl_gantt_chart_ref (WflGanttChart *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
wfl_gantt_chart_unref (WflGanttChart *self)
{
  g_atomic_rc_box_release_full (self, chart_clear);
}

WflGanttRow *
wfl_gantt_chart_add_row (WflGanttChart *self,
                         const char    *id,
                         const char    *label,
                         const char    *group)
{
  WflGanttRow *row = g_new0 (WflGanttRow, 1);

  row->id = g_strdup (id);
  row->label = g_strdup (label ? label : (id ? id : ""));
  row->group = g_strdup (group);
  row->bars = g_array_new (FALSE, FALSE, sizeof (WflGanttBar));
  g_array_set_clear_func (row->bars, bar_clear);
  row->markers = g_array_new (FALSE, FALSE, sizeof (WflGanttMarker));
  row->lateness = NAN;
  g_ptr_array_add (self->rows, row);
  return row;
}

/* The Okabe–Ito palette (wfl-chart-style.c) in the order the levels take
 * it: blue, orange, green, sky blue, vermillion, yellow, pink, so that
 * neighbouring levels differ in hue and in lightness.  Grey is kept for
 * end points. */
static const guint level_colors[] = { 0, 1, 2, 4, 5, 6, 3 };

void
wfl_gantt_chart_set_stage_level (WflGanttChart *self,
                                 const char    *stage,
                                 int            level)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stage != NULL);

  g_hash_table_insert (self->stage_levels, g_strdup (stage),
                       GINT_TO_POINTER (level < 0 ? -1 : level + 1));
}

guint
wfl_gantt_chart_stage_color (WflGanttChart *self,
                             const char    *stage,
                             const char    *label)
{
  gpointer value;
  guint i, color;
  int rank;

  for (i = 0; i < self->stages->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->stages, i), stage) == 0)
      return g_array_index (self->stage_colors, guint, i);

  if (stage != NULL && g_hash_table_lookup_extended (self->stage_levels, stage, NULL, &value))
    {
      int level = GPOINTER_TO_INT (value);

      if (level < 0)
        color = WFL_GANTT_NEUTRAL_COLOR, rank = G_MAXINT;
      else
        color = level_colors[(level - 1) % G_N_ELEMENTS (level_colors)], rank = level - 1;
    }
  else
    color = i % WFL_CHART_N_CATEGORICAL, rank = i;

  g_ptr_array_add (self->stages, g_strdup (stage));
  g_ptr_array_add (self->stage_labels, g_strdup (label ? label : stage));
  g_array_append_val (self->stage_colors, color);
  g_array_append_val (self->stage_ranks, rank);
  return color;
}

WflGanttBar *
wfl_gantt_chart_add_bar (WflGanttChart   *self,
                         WflGanttRow     *row,
                         const char      *stage,
                         const char      *label,
                         double           start,
                         double           end,
                         WflGanttBarKind  kind)
{
  WflGanttBar bar = { 0 };

  g_return_val_if_fail (stage != NULL, NULL);

  bar.stage = g_strdup (stage);
  bar.label = g_strdup (label ? label : stage);
  bar.start = start;
  bar.end = MAX (start, end);
  bar.kind = kind;
  bar.slack = NAN;
  bar.color = wfl_gantt_chart_stage_color (self, stage, label);
  g_array_append_val (row->bars, bar);
  return &g_array_index (row->bars, WflGanttBar, row->bars->len - 1);
}

void
wfl_gantt_row_add_marker (WflGanttRow        *row,
                          WflGanttMarkerKind  kind,
                          double              week)
{
  WflGanttMarker marker = { kind, week };

  g_array_append_val (row->markers, marker);
}

void
wfl_gantt_chart_add_dependency (WflGanttChart *self,
                                guint          from_row,
                                guint          from_bar,
                                guint          to_row,
                                guint          to_bar,
                                gboolean       critical)
{
  WflGanttDependency dep = { from_row, from_bar, to_row, to_bar, critical };

  g_array_append_val (self->dependencies, dep);
}

gboolean
wfl_gantt_chart_get_extent (const WflGanttChart *self,
                            double              *first,
                            double              *last)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint r = 0; r < self->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (self->rows, r);

      for (guint i = 0; i < row->bars->len; i++)
        {
          const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, i);

          lo = MIN (lo, bar->start);
          hi = MAX (hi, bar->end + (isfinite (bar->slack) ? bar->slack : 0));
        }
      for (guint i = 0; i < row->markers->len; i++)
        {
          const WflGanttMarker *m = &g_array_index (row->markers, WflGanttMarker, i);

          lo = MIN (lo, m->week);
          hi = MAX (hi, m->week);
        }
    }
  if (isfinite (self->as_of))
    {
      lo = MIN (lo, self->as_of);
      hi = MAX (hi, self->as_of);
    }

  if (first)
    *first = isfinite (lo) ? lo : 0;
  if (last)
    *last = isfinite (hi) ? hi : 0;
  return isfinite (lo) && isfinite (hi);
}

double
wfl_gantt_chart_week_of_date (const WflGanttChart *self,
                              WflDate              date)
{
  return ((double) date - (double) self->start) / 7.0;
}

WflDate
wfl_gantt_chart_date_of_week (const WflGanttChart *self,
                              double               week)
{
  double day = (double) self->start + floor (week * 7.0 + 1e-6);

  return (WflDate) CLAMP (day, 1, G_MAXUINT32);
}

char *
wfl_gantt_row_format_lateness (const WflGanttRow *row)
{
  if (!isfinite (row->lateness) || row->lateness <= 0)
    return NULL;
  if (fabs (row->lateness - round (row->lateness)) < 0.05)
    /* Translators: how many weeks an order was late. */
    return g_strdup_printf (_("%d wk late"), (int) round (row->lateness));
  return g_strdup_printf (_("%.1f wk late"), row->lateness);
}

const char *
wfl_gantt_bar_kind_to_string (WflGanttBarKind kind)
{
  switch (kind)
    {
    case WFL_GANTT_BAR_WORK: return "work";
    case WFL_GANTT_BAR_WAIT: return "wait";
    case WFL_GANTT_BAR_TRANSIT: return "transit";
    case WFL_GANTT_BAR_QUEUE: return "queue";
    default: return "work";
    }
}

const char *
wfl_gantt_marker_kind_to_string (WflGanttMarkerKind kind)
{
  switch (kind)
    {
    case WFL_GANTT_MARKER_PLACED: return "placed";
    case WFL_GANTT_MARKER_DUE: return "due";
    case WFL_GANTT_MARKER_FILLED: return "filled";
    default: return "placed";
    }
}

/* ---- The pipeline as a project plan ---------------------------------- */

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
