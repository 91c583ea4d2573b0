/* bench-sankey-view.c: the render-layer costs that bound a Sankey view frame
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view (app/widgets/wfl-sankey-view.c) hit-tests on every pointer
 * motion and repaints when the hovered item changes; its layout is built
 * off the frame (on results, window or size change).  This measures, on
 * the flows of a simulated 2,000-node, 8,000-link scenario (a 13-week
 * window) laid out at 1600 × 1000:
 *
 *   sankey-hover-hit-test-2000   one wfl_sankey_layout_hit_test () call,
 *                                over a grid of points
 *   sankey-hover-frame-2000      one hover frame as the view makes it: the
 *                                cached chart composited plus the hovered
 *                                item's emphasis
 *   sankey-full-frame-2000       the whole chart painted with a hover (what
 *                                a frame would cost without the cache; the
 *                                view pays it once per layout or selection,
 *                                in a thread)
 *   sankey-view-graph-2000       the flow graph of the week window
 *   sankey-view-layout-2000      the layout (made in a thread)
 *
 * and the same for a 48-node chart, the size of the built-in scenario.
 */

#define G_LOG_DOMAIN "wfl-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "wfl-model.h"
#include "wfl-layered-scenario.h"
#include "wfl-sankey-graph.h"
#include "wfl-sankey-layout.h"
#include "wfl-sankey-render.h"

#define WIDTH  1600
#define HEIGHT 1000


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

typedef struct
{
  WflSankeyGraph  *graph;
  WflSankeyLayout *layout;
  double           graph_ms;
  double           layout_ms;
} Chart;

static void
chart_clear (Chart *chart)
{
  g_clear_pointer (&chart->layout, wfl_sankey_layout_unref);
  g_clear_pointer (&chart->graph, wfl_sankey_graph_unref);
}

static void
build_chart (Chart *chart,
             int    n_layers,
             int    per_layer,
             int    n_links,
             int    weeks)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (2023, n_layers, per_layer, n_links, weeks);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(GArray) ranking = NULL;
  g_autoptr(GError) error = NULL;
  WflChartStyle style;
  WflSankeyLayoutOptions options;
  gint64 t0;

  sim = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (sim, NULL, &error));
  /* The ranking comes from a thread in the window; its marks are drawn. */
  ranking = wfl_sankey_graph_rank_window (sim, 0, 12, NULL, &error);
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  chart->graph = wfl_sankey_graph_new_for_window (scenario, sim, ranking, 0, 12);
  chart->graph_ms = (g_get_monotonic_time () - t0) / 1000.0;

  wfl_chart_style_init_light (&style);
  wfl_sankey_layout_options_init (&options);
  options.font_family = style.font_family;
  options.font_size = style.font_size;
  t0 = g_get_monotonic_time ();
  chart->layout = wfl_sankey_layout_new (chart->graph, &options, WIDTH, HEIGHT);
  chart->layout_ms = (g_get_monotonic_time () - t0) / 1000.0;
  wfl_chart_style_clear (&style);
}

/* Mean time of one hit-test over a grid of points covering the chart
 * (nodes, bands and empty space alike), in µs. */
static double
time_hit_test (const WflSankeyLayout *layout,
               guint                 *n_hits)
{
  const int nx = 400, ny = 250;
  gint64 t0;
  guint hits = 0;

  t0 = g_get_monotonic_time ();
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++)
      {
        WflSankeyHit hit = wfl_sankey_layout_hit_test (layout, (i + 0.5) * WIDTH / nx, (j + 0.5) * HEIGHT / ny);

        hits += hit.kind != WFL_SANKEY_HIT_NONE;
      }
  *n_hits = hits;
  return (g_get_monotonic_time () - t0) / (double) (nx * ny);
}

/* Median time of painting a hover frame, in ms: the state a pointer over
 * a node gives (everything upstream and downstream lit, the rest dimmed,
 * the node's label forced), onto an image surface as the cairo renderer
 * of GSK does. */
static double
time_frame (const WflSankeyLayout *layout,
            int                    runs)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  WflSankeyRenderState state;
  WflChartStyle style;
  double times[64];

  runs = MIN (runs, 64);
  wfl_chart_style_init_light (&style);
  wfl_sankey_render_state_init (&state);
  for (int i = 0; i < runs; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 t0;

      state.hover.kind = WFL_SANKEY_HIT_NODE;
      state.hover.index = (i * 7919u) % wfl_sankey_graph_get_n_nodes (graph);
      t0 = g_get_monotonic_time ();
      wfl_sankey_render (layout, cr, &style, &state);
      cairo_surface_flush (surface);
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
      cairo_destroy (cr);
    }
  wfl_chart_style_clear (&style);
  cairo_surface_destroy (surface);
  return median (times, runs);
}

/* A hover frame as the view makes it: the chart painted once (without
 * hover) is composited, and the hovered node's or band's emphasis is
 * painted over it (wfl_sankey_render_emphasis), in ms. */
static double
time_hover_frame (const WflSankeyLayout *layout,
                  int                    runs)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  cairo_surface_t *cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  WflChartStyle style;
  double times[64];
  cairo_t *cr;

  runs = MIN (runs, 64);
  wfl_chart_style_init_light (&style);
  cr = cairo_create (cache);
  wfl_sankey_render (layout, cr, &style, NULL);
  cairo_destroy (cr);
  for (int i = 0; i < runs; i++)
    {
      WflSankeyHit hover;
      gint64 t0;

      if (i % 2 == 0)
        hover = (WflSankeyHit) { WFL_SANKEY_HIT_NODE, (i * 7919u) % wfl_sankey_graph_get_n_nodes (graph) };
      else
        hover = (WflSankeyHit) { WFL_SANKEY_HIT_LINK, (i * 7919u) % wfl_sankey_graph_get_n_links (graph) };
      t0 = g_get_monotonic_time ();
      cr = cairo_create (target);
      cairo_set_source_surface (cr, cache, 0, 0);
      cairo_paint (cr);
      wfl_sankey_render_emphasis (layout, cr, &style, hover, WFL_SANKEY_EMPHASIS_HOVER);
      cairo_destroy (cr);
      cairo_surface_flush (target);
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  wfl_chart_style_clear (&style);
  cairo_surface_destroy (cache);
  cairo_surface_destroy (target);
  return median (times, runs);
}

int
main (int   argc,
      char *argv[])
{
  Chart big = { 0 }, small = { 0 };
  guint hits;
  double us;

  /* Warm the font caches, then measure a chart of the built-in
   * scenario's size (48 nodes). */
  build_chart (&small, 6, 8, 90, 104);
  chart_clear (&small);
  build_chart (&small, 6, 8, 90, 104);
  printf ("sankey-view-graph-48: %.2f ms\n", small.graph_ms);
  printf ("sankey-view-layout-48: %.2f ms\n", small.layout_ms);
  printf ("sankey-hover-hit-test-48: %.2f µs\n", time_hit_test (small.layout, &hits));
  printf ("sankey-full-frame-48: %.1f ms\n", time_frame (small.layout, 21));
  printf ("sankey-hover-frame-48: %.2f ms\n", time_hover_frame (small.layout, 21));
  chart_clear (&small);

  build_chart (&big, 20, 100, 8000, 520);
  g_assert_cmpuint (wfl_sankey_graph_get_n_nodes (big.graph), ==, 2000);
  us = time_hit_test (big.layout, &hits);
  g_assert_cmpuint (hits, >, 0);
  printf ("sankey-hover-hit-test-2000: %.2f µs\n", us);
  printf ("sankey-full-frame-2000: %.0f ms\n", time_frame (big.layout, 5));
  printf ("sankey-hover-frame-2000: %.2f ms\n", time_hover_frame (big.layout, 21));
  printf ("sankey-view-graph-2000: %.1f ms\n", big.graph_ms);
  printf ("sankey-view-layout-2000: %.0f ms\n", big.layout_ms);
  chart_clear (&big);

  return 0;
}
