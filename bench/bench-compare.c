/* bench-compare.c: how fast two scenarios are compared and their difference drawn
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints, one a line:
 *   compare-builtin-edit: N ms        after an edit of the built-in scenario: both simulations
 *                                     (validate + compile + run), the window's flows of both,
 *                                     the difference Sankey laid out and painted at 1280 × 800,
 *                                     median of 15 (the issue asks under 50 ms)
 *   compare-builtin-sankey-ratio: N   the difference Sankey's layout and paint over the plain
 *                                     Sankey's of the variant alone, alternately in one run
 *   compare-builtin-table: N ms       the table of deltas of the built-in scenario and its
 *                                     edited copy (no bottleneck rows), median of 50
 *   compare-2000x8000x520: N ms       the table of deltas of a 2,000-node scenario and its
 *                                     copy with one capacity +10%, both already simulated (no
 *                                     bottleneck rows: those need the rankings), median of 5
 *                                     (the issue asks under 1 s)
 *   compare-2000x8000x520-with-runs: N ms  the same with both simulations, median of 3
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "wfl-model.h"
#include "wfl-layered-scenario.h"
#include "wfl-sankey-diff.h"
#include "wfl-sankey-render.h"

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : (x > y);
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof (double), compare_double);
  return v[n / 2];
}

static WflSimulation *
simulate (WflScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  WflSimulation *simulation = wfl_simulation_new (scenario, &error);

  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (simulation, NULL, &error));
  return simulation;
}

/* A copy with the first capacitated node's capacity × 1.1: an edit. */
static WflScenario *
edited_copy (WflScenario *scenario)
{
  WflScenario *copy = wfl_scenario_copy (scenario);

  for (guint i = 0; i < wfl_scenario_get_n_nodes (copy); i++)
    {
      WflNode *node = wfl_scenario_get_node (copy, i);

      if (node->capacity == NULL)
        continue;
      for (guint p = 0; p < wfl_schedule_get_n_points (node->capacity); p++)
        wfl_schedule_get_point (node->capacity, p)->value *= 1.1;
      break;
    }
  return copy;
}

static void
paint_plain (WflSankeyGraph      *graph,
             const WflChartStyle *style,
             cairo_t             *cr)
{
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, 1280, 800);

  wfl_sankey_render (layout, cr, style, NULL);
}

static void
paint_diff (WflSankeyGraph      *base,
            WflSankeyGraph      *variant,
            const WflChartStyle *style,
            cairo_t             *cr)
{
  g_autoptr(WflSankeyDiff) diff = wfl_sankey_diff_new (base, variant);
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (wfl_sankey_diff_get_graph (diff), NULL,
                                                             1280, 800 - WFL_SANKEY_DIFF_KEY_HEIGHT);

  wfl_sankey_diff_render (layout, diff, cr, style);
}

static void
bench_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) base = wfl_scenario_new_builtin (&error);
  g_autoptr(WflScenario) variant = edited_copy (base);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  cairo_t *cr = cairo_create (surface);
  WflChartStyle style;
  double edit[15], ratio[15], table[50];
  int first = 26, last = 51;   /* 2023-H2 */

  wfl_chart_style_init_light (&style);
  for (guint i = 0; i < G_N_ELEMENTS (edit); i++)
    {
      gint64 t0 = g_get_monotonic_time (), t1, t2, t3;
      g_autoptr(WflSimulation) a = simulate (base);
      g_autoptr(WflSimulation) b = simulate (variant);
      g_autoptr(WflSankeyGraph) ga = wfl_sankey_graph_new_for_window (base, a, NULL, first, last);
      g_autoptr(WflSankeyGraph) gb = wfl_sankey_graph_new_for_window (variant, b, NULL, first, last);

      paint_diff (ga, gb, &style, cr);
      t1 = g_get_monotonic_time ();
      edit[i] = (t1 - t0) / 1000.0;
      /* The peer: the plain Sankey of the variant, then the difference again. */
      paint_plain (gb, &style, cr);
      t2 = g_get_monotonic_time ();
      paint_diff (ga, gb, &style, cr);
      t3 = g_get_monotonic_time ();
      ratio[i] = (double) (t3 - t2) / MAX (t2 - t1, 1);
    }
  {
    g_autoptr(WflSimulation) a = simulate (base);
    g_autoptr(WflSimulation) b = simulate (variant);

    for (guint i = 0; i < G_N_ELEMENTS (table); i++)
      {
        gint64 t0 = g_get_monotonic_time ();
        g_autoptr(WflComparison) cmp = wfl_comparison_new (a, b, first, last, NULL, NULL);

        table[i] = (g_get_monotonic_time () - t0) / 1000.0;
        g_assert_cmpuint (wfl_comparison_count_differences (cmp), >, 0);
      }
  }
  g_print ("compare-builtin-edit: %.1f ms\n", median (edit, G_N_ELEMENTS (edit)));
  g_print ("compare-builtin-sankey-ratio: %.2f\n", median (ratio, G_N_ELEMENTS (ratio)));
  g_print ("compare-builtin-table: %.2f ms\n", median (table, G_N_ELEMENTS (table)));
  wfl_chart_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
bench_large (void)
{
  g_autoptr(WflScenario) base = wfl_layered_scenario_new (2023, 20, 100, 8000, 520);
  g_autoptr(WflScenario) variant = edited_copy (base);
  g_autoptr(WflSimulation) a = simulate (base);
  g_autoptr(WflSimulation) b = simulate (variant);
  double table[5], with_runs[3];

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(WflComparison) cmp = wfl_comparison_new (a, b, 0, 519, NULL, NULL);

      table[i] = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_cmpuint (wfl_comparison_get_n_rows (cmp), >, 2000);
    }
  for (guint i = 0; i < G_N_ELEMENTS (with_runs); i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(WflSimulation) ra = simulate (base);
      g_autoptr(WflSimulation) rb = simulate (variant);
      g_autoptr(WflComparison) cmp = wfl_comparison_new (ra, rb, 0, 519, NULL, NULL);

      with_runs[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  g_print ("compare-2000x8000x520: %.0f ms\n", median (table, G_N_ELEMENTS (table)));
  g_print ("compare-2000x8000x520-with-runs: %.0f ms\n", median (with_runs, G_N_ELEMENTS (with_runs)));
}

int
main (int    argc,
      char **argv)
{
  bench_builtin ();
  bench_large ();
  return 0;
}
