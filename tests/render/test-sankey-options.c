/* test-sankey-options.c: the Sankey layout's options and defaults
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl-sankey-layout.c: what a layout does without options or with zeros
 * in them, the smallest box it lays out, its references, and the weight
 * of a pin.  Written for the survivors
 * of a mutation run (build-aux/mutate.py): each of these could change
 * without another test noticing.
 */

#include "config.h"

#include <math.h>

#include "sankey-fixtures.h"
/* The layout's defaults: without options, and for a node width or font
 * size of 0 in them, nodes 14 px wide and labels in 10 pt; a box smaller
 * than 1 × 1 is laid out as 1 × 1. */
static void
test_sankey_layout_defaults (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  WflSankeyLayoutOptions options;

  add_link (graph, "a", "b", 10);
  wfl_sankey_layout_options_init (&options);
  g_assert_cmpfloat (options.node_width, ==, 14);
  g_assert_cmpfloat (options.node_padding, ==, 16);
  g_assert_cmpfloat (options.font_size, ==, 10);
  g_assert_true (options.labels);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(WflSankeyLayout) layout = NULL;
      const WflSankeyNodeGeometry *a;

      if (k == 1)
        {
          options.node_width = 0;
          options.font_size = 0;
        }
      layout = wfl_sankey_layout_new (graph, k == 0 ? NULL : &options, 600, 300);
      a = wfl_sankey_layout_get_node (layout, 0);
      g_assert_cmpfloat_with_epsilon (a->x1 - a->x0, 14, EPS);
      g_assert_cmpfloat (wfl_sankey_layout_get_font_size (layout), ==, 10);
    }
  options.font_size = 12;
  {
    g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, &options, 600, 300);

    g_assert_cmpfloat (wfl_sankey_layout_get_font_size (layout), ==, 12);
  }
  {
    g_autoptr(WflSankeyLayout) tiny = wfl_sankey_layout_new (graph, NULL, 0.25, -3);
    g_autoptr(WflSankeyLayout) small = wfl_sankey_layout_new (graph, NULL, 1.5, 1.75);

    g_assert_cmpfloat (wfl_sankey_layout_get_width (tiny), ==, 1);
    g_assert_cmpfloat (wfl_sankey_layout_get_height (tiny), ==, 1);
    g_assert_cmpfloat (wfl_sankey_layout_get_width (small), ==, 1.5);
    g_assert_cmpfloat (wfl_sankey_layout_get_height (small), ==, 1.75);
  }
}

/* A reference keeps a layout alive: unref frees it with the last one
 * only (and the graph it holds with it). */
static void
test_sankey_layout_references (void)
{
  WflSankeyGraph *graph = wfl_sankey_graph_new ();
  WflSankeyLayout *layout;

  add_link (graph, "a", "b", 10);
  layout = wfl_sankey_layout_new (graph, NULL, 600, 300);
  wfl_sankey_graph_unref (graph);   /* the layout holds it */
  g_assert_true (wfl_sankey_layout_ref (layout) == layout);
  wfl_sankey_layout_unref (layout);
  /* One reference left: everything still readable. */
  g_assert_true (wfl_sankey_layout_get_graph (layout) == graph);
  g_assert_cmpuint (wfl_sankey_graph_get_n_nodes (graph), ==, 2);
  g_assert_cmpfloat (wfl_sankey_layout_get_width (layout), ==, 600);
  g_assert_cmpfloat (wfl_sankey_layout_get_height (layout), ==, 300);
  g_assert_cmpfloat (wfl_sankey_layout_get_node (layout, 1)->value, ==, 10);
  wfl_sankey_layout_unref (layout);
}

/* A pin outweighs every band, whatever the units: p is pinned to the
 * middle of column 0, and its neighbour q, ten times larger, wants the
 * same place (its band runs to t, pinned to the middle of column 1,
 * which passes on 100 and so sets the scale: column 0 has room).  p
 * stays on its pin and q moves aside, at values × 1 and in the millions
 * and the millions of millions alike (the weight of a pin scales with
 * the graph's total value). */
static void
test_sankey_pins_outweigh_bands (void)
{
  const double scales[] = { 1, 1e6, 1e12 };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
      g_autoptr(WflSankeyLayout) layout = NULL;
      const WflSankeyNodeGeometry *p, *q;
      double k = scales[i];

      add_link (graph, "p", "u", 1 * k);
      add_link (graph, "q", "t", 10 * k);
      add_link (graph, "t", "z", 100 * k);
      wfl_sankey_graph_get_node (graph, add (graph, "p"))->position = 0.5;
      wfl_sankey_graph_get_node (graph, add (graph, "t"))->position = 0.5;
      layout = wfl_sankey_layout_new (graph, NULL, 800, 500);
      p = wfl_sankey_layout_get_node (layout, add (graph, "p"));
      q = wfl_sankey_layout_get_node (layout, add (graph, "q"));
      g_assert_cmpuint (p->column, ==, 0);
      g_assert_cmpuint (q->column, ==, 0);
      /* Column 0 has room: q's band is a tenth of t's height. */
      g_assert_cmpfloat (q->y1 - q->y0, <, 100);
      g_assert_cmpfloat_with_epsilon (p->y0, 0.5 * (500 - (p->y1 - p->y0)), 1e-3);
      /* q is pushed off the middle it wanted, just below p. */
      g_assert_cmpfloat (q->y0, >=, p->y1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-options/defaults", test_sankey_layout_defaults);
  g_test_add_func ("/wfl/render/sankey-options/references", test_sankey_layout_references);
  g_test_add_func ("/wfl/render/sankey-options/pins-outweigh-bands", test_sankey_pins_outweigh_bands);

  return g_test_run ();
}
