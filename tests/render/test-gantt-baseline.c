/* test-gantt-baseline.c: the baseline Gantt's ghosts and slips, and stable layouts' keys
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "wfl-gantt-chart.h"
#include "wfl-gantt-layout.h"
#include "wfl-sankey-diff.h"

static WflSimulation *
simulate (WflScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  WflSimulation *simulation = wfl_simulation_new (scenario, &error);

  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (simulation, NULL, &error));
  return simulation;
}

/* A copy with the node's capacity scaled. */
static WflScenario *
scaled (WflScenario *scenario,
        const char  *id,
        double       factor)
{
  WflScenario *copy = wfl_scenario_copy (scenario);
  WflNode *node = wfl_scenario_find_node (copy, id);

  g_assert_nonnull (node->capacity);
  for (guint p = 0; p < wfl_schedule_get_n_points (node->capacity); p++)
    wfl_schedule_get_point (node->capacity, p)->value *= factor;
  return copy;
}

/* The filled week of the order of a row, from the simulation's results. */
static int
filled_week (WflSimulation *simulation,
             const char    *row_id)
{
  g_autofree char *customer = NULL;
  g_autofree char *order = NULL;

  g_assert_true (wfl_gantt_orders_row_id_parse (row_id, &customer, &order));
  for (guint i = 0; i < wfl_simulation_get_n_orders (simulation); i++)
    {
      const WflOrderResult *r = wfl_simulation_get_order (simulation, i);

      if (g_strcmp0 (r->id, order) == 0 &&
          g_strcmp0 (wfl_simulation_get_node_id (simulation, r->customer), customer) == 0)
        return r->filled_week;
    }
  g_assert_not_reached ();
}

/* Against itself every order has its own bars as a ghost and no slip;
 * with less CoWoS capacity each slip is the filled week in the variant
 * less the one in the baseline, as the simulations give them. */
static void
test_gantt_baseline_slips (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) base = wfl_scenario_new_builtin (&error);
  g_autoptr(WflScenario) less = scaled (base, "cowos-tsmc", 0.7);
  g_autoptr(WflSimulation) base_run = simulate (base);
  g_autoptr(WflSimulation) less_run = simulate (less);
  g_autoptr(WflGanttChart) base_chart = wfl_gantt_chart_new_orders (base_run, NULL, &error);
  g_autoptr(WflGanttChart) self_chart = wfl_gantt_chart_new_orders (base_run, NULL, &error);
  g_autoptr(WflGanttChart) less_chart = wfl_gantt_chart_new_orders (less_run, NULL, &error);
  guint slipped = 0;

  wfl_gantt_chart_set_baseline (self_chart, base_chart);
  for (guint r = 0; r < self_chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (self_chart->rows, r);

      g_assert_nonnull (row->ghost);
      g_assert_cmpuint (row->ghost->len, ==, row->bars->len);
      for (guint i = 0; i < row->bars->len; i++)
        {
          g_assert_cmpfloat (g_array_index (row->ghost, WflGanttSpan, i).start, ==,
                             g_array_index (row->bars, WflGanttBar, i).start);
          g_assert_cmpfloat (g_array_index (row->ghost, WflGanttSpan, i).end, ==,
                             g_array_index (row->bars, WflGanttBar, i).end);
        }
      g_assert_true (isnan (row->slip) || row->slip == 0);
      g_assert_null (wfl_gantt_row_format_slip (row));
    }

  wfl_gantt_chart_set_baseline (less_chart, base_chart);
  for (guint r = 0; r < less_chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (less_chart->rows, r);
      int here = filled_week (less_run, row->id), there = filled_week (base_run, row->id);

      if (here >= 0 && there >= 0)
        g_assert_cmpfloat (row->slip, ==, here - there);
      else if (there >= 0)
        g_assert_cmpfloat (row->slip, ==, INFINITY);
      else if (here >= 0)
        g_assert_cmpfloat (row->slip, ==, -INFINITY);
      else
        g_assert_true (isnan (row->slip));
      slipped += row->slip > 0;
    }
  /* Less packaging delays orders. */
  g_assert_cmpuint (slipped, >, 0);

  /* Sorted: the largest slip first, dependencies none in this mode. */
  wfl_gantt_chart_sort_by_slip (less_chart);
  for (guint r = 1; r < less_chart->rows->len; r++)
    {
      double a = ((WflGanttRow *) g_ptr_array_index (less_chart->rows, r - 1))->slip;
      double b = ((WflGanttRow *) g_ptr_array_index (less_chart->rows, r))->slip;

      g_assert_true (isnan (b) || (!isnan (a) && a >= b));
    }
}

/* Whether the key of chart (laid out 1600 px wide, as an export is)
 * has an item of kind, drawn inside the legend strip. */
static gboolean
key_has (WflGanttChart      *chart,
         WflGanttLegendKind  kind)
{
  WflGanttLayoutOptions options;
  g_autoptr(WflGanttLayout) layout = NULL;
  gboolean found = FALSE;

  wfl_gantt_layout_options_init (&options);
  options.width = 1600;
  options.fit = TRUE;
  options.legend = TRUE;
  layout = wfl_gantt_layout_new (chart, &options);
  for (guint i = 0; i < layout->legend_items->len; i++)
    {
      const WflGanttLegendItem *item = &g_array_index (layout->legend_items, WflGanttLegendItem, i);

      if (item->kind != kind)
        continue;
      g_assert_false (found);
      g_assert_cmpfloat (item->swatch.x1 - item->swatch.x0, >, 4);
      g_assert_cmpfloat (item->swatch.y0, >=, layout->legend.y0);
      g_assert_cmpfloat (item->swatch.y1, <=, layout->legend.y1);
      g_assert_cmpfloat (item->text_x + item->text_width, <=, layout->width);
      g_assert_cmpstr (item->label, !=, "");
      found = TRUE;
    }
  return found;
}

/* The key says what the ghosts and the slips are: the ghost's entry
 * whenever a row has one, the slip's when a row shows a slip; neither
 * without a baseline. */
static void
test_gantt_baseline_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) base = wfl_scenario_new_builtin (&error);
  g_autoptr(WflScenario) less = scaled (base, "cowos-tsmc", 0.7);
  g_autoptr(WflSimulation) base_run = simulate (base);
  g_autoptr(WflSimulation) less_run = simulate (less);
  g_autoptr(WflGanttChart) base_chart = wfl_gantt_chart_new_orders (base_run, NULL, &error);
  g_autoptr(WflGanttChart) self_chart = wfl_gantt_chart_new_orders (base_run, NULL, &error);
  g_autoptr(WflGanttChart) less_chart = wfl_gantt_chart_new_orders (less_run, NULL, &error);

  g_assert_false (key_has (base_chart, WFL_GANTT_LEGEND_BASELINE));
  g_assert_false (key_has (base_chart, WFL_GANTT_LEGEND_SLIP));
  /* Against itself: ghosts, but nothing slips. */
  wfl_gantt_chart_set_baseline (self_chart, base_chart);
  g_assert_true (key_has (self_chart, WFL_GANTT_LEGEND_BASELINE));
  g_assert_false (key_has (self_chart, WFL_GANTT_LEGEND_SLIP));
  wfl_gantt_chart_set_baseline (less_chart, base_chart);
  g_assert_true (key_has (less_chart, WFL_GANTT_LEGEND_BASELINE));
  g_assert_true (key_has (less_chart, WFL_GANTT_LEGEND_SLIP));
}

/* A baseline on another calendar: its weeks are turned into the chart's
 * through their dates. */
static void
test_gantt_baseline_calendar (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) base = wfl_scenario_new_builtin (&error);
  g_autoptr(WflSimulation) run = simulate (base);
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_orders (run, NULL, &error);
  g_autoptr(WflGanttChart) earlier = wfl_gantt_chart_new_orders (run, NULL, &error);
  const WflGanttRow *row;

  /* The same orders, on a calendar starting two weeks earlier. */
  earlier->start -= 14;
  wfl_gantt_chart_set_baseline (chart, earlier);
  row = g_ptr_array_index (chart->rows, 0);
  g_assert_cmpuint (row->ghost->len, >, 0);
  g_assert_cmpfloat (fabs (g_array_index (row->ghost, WflGanttSpan, 0).start -
                           (g_array_index (row->bars, WflGanttBar, 0).start - 2)), <, 1e-9);
}

/* A reference layout is kept while only the flows change. */
static void
test_structure_key (void)
{
  g_autoptr(WflSankeyGraph) a = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyGraph) b = wfl_sankey_graph_new ();
  g_autofree char *ka = NULL, *kb = NULL, *kc = NULL, *kd = NULL;

  for (int i = 0; i < 2; i++)
    {
      WflSankeyGraph *g = i == 0 ? a : b;
      guint x = wfl_sankey_graph_add_node (g, "x", "X", NULL, NULL);
      guint y = wfl_sankey_graph_add_node (g, "y", "Y", NULL, NULL);

      wfl_sankey_graph_add_link (g, x, y, i == 0 ? 10 : 25);
    }
  ka = wfl_sankey_graph_structure_key (a);
  kb = wfl_sankey_graph_structure_key (b);
  g_assert_cmpstr (ka, ==, kb);
  /* A pin is structure. */
  wfl_sankey_graph_get_node (b, 1)->position = 0.5;
  kc = wfl_sankey_graph_structure_key (b);
  g_assert_cmpstr (kc, !=, ka);
  /* A link that no longer carries anything too. */
  wfl_sankey_graph_get_link (a, 0)->value = 0;
  kd = wfl_sankey_graph_structure_key (a);
  g_assert_cmpstr (kd, !=, ka);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/gantt-baseline/slips", test_gantt_baseline_slips);
  g_test_add_func ("/render/gantt-baseline/calendar", test_gantt_baseline_calendar);
  g_test_add_func ("/render/gantt-baseline/key", test_gantt_baseline_key);
  g_test_add_func ("/render/gantt-baseline/structure-key", test_structure_key);
  return g_test_run ();
}
