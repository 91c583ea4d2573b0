/* test-sankey-crossings.c: counting band crossings
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl-sankey-crossings.c: two segments of a gap cross when their order
 * differs at the two ends (equal ends do not cross); a crossing weighs
 * the product of the two flows.  The ordering phase's counter, over
 * positions in columns, agrees with the one over coordinates.
 */

#include "config.h"

#include "sankey-fixtures.h"
#include "wfl-sankey-layout-private.h"

static void
test_sankey_count_crossings (void)
{
  WflSankeyCrossingSegment segs[] = {
    { 0, 0, 10, 2 },
    { 0, 10, 0, 3 },     /* crosses the first: 2 × 3 */
    { 0, 20, 20, 5 },    /* crosses nothing */
    { 1, 0, 10, 7 },     /* another gap */
    { 1, 5, 8, 11 },     /* crosses the previous: 7 × 11 */
  };
  double w;
  guint64 c;

  wfl_sankey_count_crossings (segs, G_N_ELEMENTS (segs), &w, &c);
  g_assert_cmpuint (c, ==, 2);
  g_assert_cmpfloat (w, ==, 6 + 77);
  wfl_sankey_count_crossings (segs, 1, &w, &c);
  g_assert_cmpuint (c, ==, 0);
}

/* Columns and waypoints, in the graph's order, not yet ordered. */
static void
build_unordered (Build                        *b,
                 WflSankeyGraph               *graph,
                 const WflSankeyLayoutOptions *options)
{
  _wfl_sankey_build_init (b, graph, options, 800, 500);
  _wfl_sankey_assign_columns (b);
  _wfl_sankey_build_proper_graph (b);
  _wfl_sankey_crossings_init (b);
}

/* Two columns in the order the nodes were added: a, b over x, y.  Only
 * a → y and b → x cross; bands that share an end never do. */
static void
test_sankey_crossings_two_columns (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  WflSankeyLayoutOptions options;
  Build b;
  double w;
  guint64 c;

  add (graph, "a");
  add (graph, "b");
  add (graph, "x");
  add (graph, "y");
  add_link (graph, "a", "y", 2);
  add_link (graph, "b", "x", 3);
  add_link (graph, "a", "x", 5);
  add_link (graph, "b", "y", 7);
  wfl_sankey_layout_options_init (&options);
  build_unordered (&b, graph, &options);
  g_assert_cmpuint (b.layout->n_columns, ==, 2);
  _wfl_sankey_count_order (&b, &w, &c);
  g_assert_cmpuint (c, ==, 1);
  g_assert_cmpfloat (w, ==, 2 * 3);
  layout = _wfl_sankey_build_finish (&b);
}

/* On random layered graphs with waypoints: the order's count is the
 * count of segments placed at their items' positions. */
static void
test_sankey_crossings_agree (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint round = 0; round < 8; round++)
    {
      g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
      g_autoptr(WflSankeyLayout) layout = NULL;
      g_autofree WflSankeyCrossingSegment *segments = NULL;
      WflSankeyLayoutOptions options;
      guint n = 10 + round * 15, layers = 2 + round % 5;
      char id[32];
      Build b;
      double w, w2;
      guint64 c, c2;

      for (guint v = 0; v < n; v++)
        {
          g_snprintf (id, sizeof id, "n%u", v);
          wfl_sankey_graph_add_node (graph, id, id, NULL, NULL);
        }
      for (guint l = 0; l < 3 * n; l++)
        {
          guint a = g_rand_int_range (rand, 0, n), z = g_rand_int_range (rand, 0, n);

          /* Whole values: both sums are exact, whatever their order. */
          if (a % layers < z % layers)
            wfl_sankey_graph_add_link (graph, a, z, g_rand_int_range (rand, 1, 100));
        }
      wfl_sankey_layout_options_init (&options);
      build_unordered (&b, graph, &options);
      _wfl_sankey_count_order (&b, &w, &c);

      segments = g_new (WflSankeyCrossingSegment, b.layout->n_segs + 1);
      for (guint s = 0; s < b.layout->n_segs; s++)
        {
          const Seg *seg = &b.layout->segs[s];

          segments[s].gap = b.layout->items[seg->left].column;
          segments[s].y_left = b.layout->items[seg->left].pos;
          segments[s].y_right = b.layout->items[seg->right].pos;
          segments[s].weight = seg->w;
        }
      wfl_sankey_count_crossings (segments, b.layout->n_segs, &w2, &c2);
      g_test_message ("%u nodes, %u segments: %" G_GUINT64_FORMAT " crossings", n, b.layout->n_segs, c);
      g_assert_cmpuint (c, ==, c2);
      g_assert_cmpfloat (w, ==, w2);
      layout = _wfl_sankey_build_finish (&b);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-crossings/segments", test_sankey_count_crossings);
  g_test_add_func ("/wfl/render/sankey-crossings/two-columns", test_sankey_crossings_two_columns);
  g_test_add_func ("/wfl/render/sankey-crossings/agree", test_sankey_crossings_agree);

  return g_test_run ();
}
