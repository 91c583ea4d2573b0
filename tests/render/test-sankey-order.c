/* test-sankey-order.c: the order within columns
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl-sankey-order.c: every column's items permuted, nothing lost; the
 * crossings a good order avoids, avoided; vertical pins first (0) or
 * last (1) in their column; the same order every time.  Its local search
 * (wfl-sankey-refine.c, wfl-sankey-reroute.c): a long link moved whole
 * where single moves gain nothing; never a worse objective, the cap on
 * weighted crossings kept.
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

/* Columns and waypoints of graph, the order not yet searched; the
 * caller sets an order and finishes b. */
static void
unordered (Build          *b,
           WflSankeyGraph *graph)
{
  static WflSankeyLayoutOptions options;

  wfl_sankey_layout_options_init (&options);
  _wfl_sankey_build_init (b, graph, &options, 800, 500);
  _wfl_sankey_assign_columns (b);
  _wfl_sankey_build_proper_graph (b);
  _wfl_sankey_crossings_init (b);
}

/* Sets column c's order to the items of the given nodes (NONE: the
 * column's waypoint). */
static void
set_column (Build       *b,
            guint        c,
            const guint *nodes,
            guint        n)
{
  WflSankeyLayout *self = b->layout;
  guint c0 = self->col_start[c];

  g_assert_cmpuint (self->col_start[c + 1] - c0, ==, n);
  for (guint k = 0; k < n; k++)
    for (guint i = 0; i < self->n_items; i++)
      if (self->items[i].column == c && self->items[i].node == nodes[k])
        {
          self->col_items[c0 + k] = i;
          self->items[i].pos = k;
        }
}

/* A long link s → t runs through the top of the two middle columns while
 * s and t sit at the bottom of theirs: it crosses the chains p and q
 * twice on each side.  Moving one waypoint alone gains nothing; the
 * reroute moves both to the bottom, and nothing crosses. */
static void
test_sankey_order_reroute (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  const char *chains[] = { "p", "q" };
  const Objective plain = { 0, 1, G_MAXDOUBLE };
  RefineLists lists;
  Build b;
  guint s, t, p[4], q[4];
  double w;
  guint64 c;

  for (guint k = 0; k < 2; k++)
    for (guint j = 0; j < 3; j++)
      {
        g_autofree char *from = g_strdup_printf ("%s%u", chains[k], j);
        g_autofree char *to = g_strdup_printf ("%s%u", chains[k], j + 1);

        add_link (graph, from, to, 4);
      }
  add_link (graph, "s", "t", 1);
  s = add (graph, "s");
  t = add (graph, "t");
  for (guint j = 0; j < 4; j++)
    {
      g_autofree char *pj = g_strdup_printf ("p%u", j), *qj = g_strdup_printf ("q%u", j);

      p[j] = add (graph, pj);
      q[j] = add (graph, qj);
    }

  unordered (&b, graph);
  g_assert_cmpuint (b.layout->n_columns, ==, 4);
  set_column (&b, 0, (guint[]) { p[0], q[0], s }, 3);
  set_column (&b, 1, (guint[]) { NONE, p[1], q[1] }, 3);
  set_column (&b, 2, (guint[]) { NONE, p[2], q[2] }, 3);
  set_column (&b, 3, (guint[]) { p[3], q[3], t }, 3);
  _wfl_sankey_count_order (&b, &w, &c);
  g_assert_cmpuint (c, ==, 4);

  _wfl_sankey_refine_lists_init (&b, &lists);
  lists.w_now = w;
  g_assert_true (_wfl_sankey_reroute (&b, &lists, &plain, G_MAXUINT64));
  _wfl_sankey_count_order (&b, &w, &c);
  g_assert_cmpuint (c, ==, 0);
  g_assert_cmpfloat (w, ==, 0);
  for (guint col = 1; col < 3; col++)
    g_assert_cmpuint (b.layout->items[b.layout->col_items[b.layout->col_start[col] + 2]].node, ==, NONE);
  /* The best route taken, nothing more to gain. */
  g_assert_false (_wfl_sankey_reroute (&b, &lists, &plain, G_MAXUINT64));
  _wfl_sankey_refine_lists_clear (&lists);
  layout = _wfl_sankey_build_finish (&b);
}

/* From shuffled orders of random graphs, the local search (sifting,
 * exchange, rerouting) never raises its objective, keeps the weighted
 * crossings under its cap, and leaves every column a permutation. */
static void
test_sankey_order_refine_improves (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
      g_autoptr(WflSankeyLayout) layout = NULL;
      guint n = 12 + round * 9, layers = 3 + round % 4;
      g_autofree guint *seen = NULL;
      RefineLists lists;
      Objective obj;
      double w0, w1;
      guint64 c0, c1;
      char id[32];
      Build b;

      for (guint v = 0; v < n; v++)
        {
          g_snprintf (id, sizeof id, "n%u", v);
          wfl_sankey_graph_add_node (graph, id, id, NULL, NULL);
        }
      for (guint l = 0; l < 3 * n; l++)
        {
          guint a = g_rand_int_range (rand, 0, n), z = g_rand_int_range (rand, 0, n);

          if (a % layers < z % layers)
            wfl_sankey_graph_add_link (graph, a, z, g_rand_double_range (rand, 0.5, 100));
        }
      unordered (&b, graph);
      for (guint col = 0; col < b.layout->n_columns; col++)
        {
          guint c0s = b.layout->col_start[col], m = b.layout->col_start[col + 1] - c0s;

          for (guint k = 0; k + 1 < m; k++)
            {
              guint other = g_rand_int_range (rand, k, m), tmp = b.layout->col_items[c0s + k];

              b.layout->col_items[c0s + k] = b.layout->col_items[c0s + other];
              b.layout->col_items[c0s + other] = tmp;
            }
          for (guint k = 0; k < m; k++)
            b.layout->items[b.layout->col_items[c0s + k]].pos = k;
        }
      _wfl_sankey_count_order (&b, &w0, &c0);
      obj.a = w0 > 0 ? g_rand_double_range (rand, 0, 2) / w0 : 1;
      obj.b = c0 > 0 ? g_rand_double_range (rand, 0, 2) / c0 : 1;
      /* Every other round with the weighted crossings capped where they
       * start. */
      obj.w_cap = round % 2 ? w0 : G_MAXDOUBLE;
      b.reroute = round % 3 != 0;
      _wfl_sankey_refine_lists_init (&b, &lists);
      _wfl_sankey_refine (&b, &lists, &obj, 40, G_MAXUINT64);
      _wfl_sankey_refine_lists_clear (&lists);
      _wfl_sankey_count_order (&b, &w1, &c1);
      g_test_message ("round %u: %" G_GUINT64_FORMAT " → %" G_GUINT64_FORMAT " crossings, weighted %g → %g",
                      round, c0, c1, w0, w1);
      g_assert_cmpfloat (obj.a * w1 + obj.b * c1, <=, (obj.a * w0 + obj.b * c0) * (1 + 1e-9));
      if (round % 2)
        g_assert_cmpfloat (w1, <=, w0 * (1 + 1e-9));
      /* A shuffle leaves something to gain. */
      if (c0 > 10)
        g_assert_cmpfloat (obj.a * w1 + obj.b * c1, <, obj.a * w0 + obj.b * c0);

      seen = g_new0 (guint, b.layout->n_items + 1);
      for (guint col = 0; col < b.layout->n_columns; col++)
        for (guint k = b.layout->col_start[col]; k < b.layout->col_start[col + 1]; k++)
          {
            const Item *item = &b.layout->items[b.layout->col_items[k]];

            g_assert_cmpuint (item->column, ==, col);
            g_assert_cmpuint (item->pos, ==, k - b.layout->col_start[col]);
            seen[b.layout->col_items[k]]++;
          }
      for (guint i = 0; i < b.layout->n_items; i++)
        g_assert_cmpuint (seen[i], ==, 1);
      layout = _wfl_sankey_build_finish (&b);
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
  g_test_add_func ("/wfl/render/sankey-order/reroute", test_sankey_order_reroute);
  g_test_add_func ("/wfl/render/sankey-order/refine-improves", test_sankey_order_refine_improves);

  return g_test_run ();
}
