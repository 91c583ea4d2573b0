/* test-sankey-position.c: scale and vertical positions
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl-sankey-position.c: one scale for every band, such that every
 * column fits the height; nodes of a column inside the chart, apart and
 * in their order; bands pulled level where they can be; pins obeyed.
 */

#include "config.h"

#include <math.h>

#include "sankey-fixtures.h"
#include "wfl-sankey-layout-private.h"

static void
test_sankey_layout_pins (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  WflSankeyNode *node;
  guint top, bottom, late;

  add_link (graph, "s1", "m1", 5);
  add_link (graph, "s2", "m1", 5);
  add_link (graph, "s3", "m2", 5);
  add_link (graph, "m1", "t", 10);
  add_link (graph, "m2", "t", 5);
  add_link (graph, "s4", "t", 2);
  top = add (graph, "s3");
  bottom = add (graph, "s1");
  late = add (graph, "s4");
  node = wfl_sankey_graph_get_node (graph, top);
  node->position = 0;
  node = wfl_sankey_graph_get_node (graph, bottom);
  node->position = 1;
  node = wfl_sankey_graph_get_node (graph, late);
  node->column = 1;
  node = wfl_sankey_graph_get_node (graph, add (graph, "t"));
  node->column = 3;

  layout = wfl_sankey_layout_new (graph, NULL, 800, 500);
  g_assert_cmpuint (wfl_sankey_layout_get_n_columns (layout), ==, 4);
  g_assert_cmpuint (wfl_sankey_layout_get_node (layout, late)->column, ==, 1);
  g_assert_cmpuint (wfl_sankey_layout_get_node (layout, add (graph, "t"))->column, ==, 3);
  g_assert_cmpfloat_with_epsilon (wfl_sankey_layout_get_node (layout, top)->y0, 0, 1e-3);
  g_assert_cmpfloat_with_epsilon (wfl_sankey_layout_get_node (layout, bottom)->y1, 500, 1e-3);
  assert_no_overlaps (layout);
  assert_conservation (layout);
}

/* Every phase up to the vertical positions; the caller finishes b. */
static void
place (Build                        *b,
       WflSankeyGraph               *graph,
       const WflSankeyLayoutOptions *options,
       double                        height)
{
  _wfl_sankey_build_init (b, graph, options, 800, height);
  _wfl_sankey_assign_columns (b);
  _wfl_sankey_build_proper_graph (b);
  _wfl_sankey_crossings_init (b);
  _wfl_sankey_order_columns (b);
  _wfl_sankey_rank_loops (b);
  _wfl_sankey_scale (b);
  _wfl_sankey_assign_ports (b);
  _wfl_sankey_place_vertically (b);
}

static void
check_positions (const Build *b)
{
  const WflSankeyLayout *self = b->layout;

  g_assert_cmpfloat (b->ky, >, 0);
  g_assert_cmpfloat (b->padding, <=, b->options->node_padding);
  g_assert_cmpfloat (b->chart_h, <=, self->height);
  for (guint c = 0; c < self->n_columns; c++)
    {
      double sum = 0;

      for (guint k = self->col_start[c]; k < self->col_start[c + 1]; k++)
        {
          const Item *item = &self->items[self->col_items[k]];

          g_assert_cmpfloat_with_epsilon (item->h, item->value * b->ky, 1e-9);
          g_assert_cmpfloat (item->y, >=, b->top - EPS);
          g_assert_cmpfloat (item->y + item->h, <=, b->chart_h + EPS);
          if (k > self->col_start[c])
            {
              const Item *above = &self->items[self->col_items[k - 1]];

              g_assert_cmpfloat (item->y, >=, above->y + above->h - EPS);
            }
          sum += item->h;
        }
      g_assert_cmpfloat (sum, <=, b->chart_h - b->top + EPS);
    }
}

/* Two bands side by side: level. */
static void
test_sankey_position_level (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  WflSankeyLayoutOptions options;
  Build b;
  guint a, x;

  add_link (graph, "a", "b", 100);
  add_link (graph, "x", "y", 5);
  wfl_sankey_layout_options_init (&options);
  place (&b, graph, &options, 500);
  check_positions (&b);
  a = add (graph, "a");
  x = add (graph, "x");
  g_assert_cmpfloat_with_epsilon (b.layout->items[add (graph, "b")].y, b.layout->items[a].y, 1e-6);
  g_assert_cmpfloat_with_epsilon (b.layout->items[add (graph, "y")].y, b.layout->items[x].y, 1e-6);
  layout = _wfl_sankey_build_finish (&b);
}

/* Random graphs with loops, a bottleneck and pins, tall and flat. */
static void
test_sankey_position_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);

  for (guint round = 0; round < 10; round++)
    {
      g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
      g_autoptr(WflSankeyLayout) layout = NULL;
      WflSankeyLayoutOptions options;
      guint n = 6 + round * round * 6;
      char id[32];
      Build b;

      for (guint v = 0; v < n; v++)
        {
          g_snprintf (id, sizeof id, "n%u", v);
          wfl_sankey_graph_add_node (graph, id, id, NULL, NULL);
        }
      for (guint l = 0; l < 2 * n; l++)
        wfl_sankey_graph_add_link (graph, g_rand_int_range (rand, 0, n), g_rand_int_range (rand, 0, n),
                                   g_rand_double_range (rand, 0.1, 100));
      wfl_sankey_graph_get_node (graph, 0)->bottleneck = TRUE;
      wfl_sankey_graph_get_node (graph, 1)->position = 0.5;
      wfl_sankey_layout_options_init (&options);
      place (&b, graph, &options, round % 2 == 0 ? 900 : 150);
      g_test_message ("%u nodes, %u loops: scale %g, padding %g", n, b.layout->n_loops, b.ky, b.padding);
      check_positions (&b);
      g_assert_cmpfloat (b.top, ==, 14);
      layout = _wfl_sankey_build_finish (&b);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-position/pins", test_sankey_layout_pins);
  g_test_add_func ("/wfl/render/sankey-position/level", test_sankey_position_level);
  g_test_add_func ("/wfl/render/sankey-position/random", test_sankey_position_random);

  return g_test_run ();
}
