/* test-sankey-order.c: the order within columns
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl-sankey-order.c: every column's items permuted, nothing lost; the
 * crossings a good order avoids, avoided; vertical pins first (0) or
 * last (1) in their column; the same order every time.
 */

#include "config.h"

#include <math.h>

#include "sankey-fixtures.h"
#include "wfl-sankey-layout-private.h"

static void
test_sankey_layout_ordering (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  double weighted;
  guint64 crossings;

  /* In input order these cross twice; a good order crosses nothing. */
  add (graph, "a");
  add (graph, "b");
  add (graph, "c");
  add (graph, "x");
  add (graph, "y");
  add (graph, "z");
  add_link (graph, "a", "z", 5);
  add_link (graph, "b", "y", 3);
  add_link (graph, "c", "x", 8);
  add_link (graph, "x", "end", 8);
  add_link (graph, "y", "end", 3);
  add_link (graph, "z", "end", 5);
  layout = wfl_sankey_layout_new (graph, NULL, 600, 400);
  wfl_sankey_layout_count_crossings (layout, &weighted, &crossings);
  g_assert_cmpuint (crossings, ==, 0);
  g_assert_cmpfloat (weighted, ==, 0);
}

static void
test_sankey_layout_hub (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  guint hub = wfl_sankey_graph_add_node (graph, "hub", "Hub", NULL, NULL);
  char id[32];

  for (guint v = 0; v < 2000; v++)
    {
      g_snprintf (id, sizeof id, "leaf %u", v);
      wfl_sankey_graph_add_link (graph, hub, wfl_sankey_graph_add_node (graph, id, id, NULL, NULL), 1 + v % 7);
    }
  layout = wfl_sankey_layout_new (graph, NULL, 1200, 900);
  assert_no_overlaps (layout);
  g_assert_cmpuint (wfl_sankey_layout_get_n_columns (layout), ==, 2);
  /* The hub's bands leave in the order of their targets: no crossings. */
  {
    double w;
    guint64 c;

    wfl_sankey_layout_count_crossings (layout, &w, &c);
    g_assert_cmpuint (c, ==, 0);
  }
}

/* Columns, waypoints and order of graph; the caller finishes b. */
static void
order (Build                        *b,
       WflSankeyGraph               *graph,
       const WflSankeyLayoutOptions *options)
{
  _wfl_sankey_build_init (b, graph, options, 800, 500);
  _wfl_sankey_assign_columns (b);
  _wfl_sankey_build_proper_graph (b);
  _wfl_sankey_crossings_init (b);
  _wfl_sankey_order_columns (b);
}

/* a, b over x, y with a → y and b → x: one of the columns turns over. */
static void
test_sankey_order_two_columns (void)
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
  wfl_sankey_layout_options_init (&options);
  order (&b, graph, &options);
  _wfl_sankey_count_order (&b, &w, &c);
  g_assert_cmpuint (c, ==, 0);
  g_assert_cmpfloat (w, ==, 0);
  layout = _wfl_sankey_build_finish (&b);
}

/* Random layered graphs with pins: a permutation of every column, pins
 * at the ends, positions in step, and twice the same. */
static void
test_sankey_order_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint round = 0; round < 8; round++)
    {
      g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
      g_autoptr(WflSankeyLayout) layout = NULL, again = NULL;
      WflSankeyLayoutOptions options;
      guint n = 10 + round * round * 12, layers = 2 + round % 5;
      g_autofree guint *seen = NULL;
      char id[32];
      Build b, b2;

      for (guint v = 0; v < n; v++)
        {
          g_snprintf (id, sizeof id, "n%u", v);
          wfl_sankey_graph_add_node (graph, id, id, NULL, NULL);
        }
      for (guint l = 0; l < 2 * n; l++)
        {
          guint a = g_rand_int_range (rand, 0, n), z = g_rand_int_range (rand, 0, n);

          if (a % layers < z % layers)
            wfl_sankey_graph_add_link (graph, a, z, g_rand_double_range (rand, 0.5, 100));
        }
      /* One node pinned to the top, one to the bottom of its column. */
      wfl_sankey_graph_get_node (graph, 0)->position = 0;
      wfl_sankey_graph_get_node (graph, 1)->position = 1;

      wfl_sankey_layout_options_init (&options);
      order (&b, graph, &options);
      order (&b2, graph, &options);
      seen = g_new0 (guint, b.layout->n_items + 1);
      for (guint c = 0; c < b.layout->n_columns; c++)
        {
          guint c0 = b.layout->col_start[c], c1 = b.layout->col_start[c + 1];

          for (guint k = c0; k < c1; k++)
            {
              const Item *item = &b.layout->items[b.layout->col_items[k]];

              g_assert_cmpuint (item->column, ==, c);
              g_assert_cmpuint (item->pos, ==, k - c0);
              g_assert_cmpuint (b.layout->col_items[k], ==, b2.layout->col_items[k]);
              seen[b.layout->col_items[k]]++;
              if (item->node == 0)
                g_assert_cmpuint (k, ==, c0);
              if (item->node == 1)
                g_assert_cmpuint (k, ==, c1 - 1);
            }
        }
      for (guint i = 0; i < b.layout->n_items; i++)
        g_assert_cmpuint (seen[i], ==, 1);
      layout = _wfl_sankey_build_finish (&b);
      again = _wfl_sankey_build_finish (&b2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-order/layout", test_sankey_layout_ordering);
  g_test_add_func ("/wfl/render/sankey-order/hub", test_sankey_layout_hub);
  g_test_add_func ("/wfl/render/sankey-order/two-columns", test_sankey_order_two_columns);
  g_test_add_func ("/wfl/render/sankey-order/random", test_sankey_order_random);

  return g_test_run ();
}
