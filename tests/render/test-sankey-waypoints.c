/* test-sankey-waypoints.c: the proper graph, with waypoints
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl-sankey-waypoints.c: a link that skips columns runs through one
 * waypoint per column it crosses, so every segment joins two adjacent
 * columns; loops get no segments; the indexes (items per column,
 * segments per gap) hold every item and segment once.  And on the
 * finished layout, no node covers a waypoint.
 */

#include "config.h"

#include <math.h>

#include "sankey-fixtures.h"
#include "wfl-sankey-layout-private.h"

static void
test_sankey_layout_waypoints (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;

  /* a → b → c → d → e, plus a → e skipping three columns past nodes. */
  add_link (graph, "a", "b", 10);
  add_link (graph, "b", "c", 10);
  add_link (graph, "c", "d", 10);
  add_link (graph, "d", "e", 10);
  add_link (graph, "a", "e", 3);
  add_link (graph, "x", "c", 4);
  layout = wfl_sankey_layout_new (graph, NULL, 900, 500);

  g_assert_cmpuint (wfl_sankey_layout_get_n_columns (layout), ==, 5);
  g_assert_cmpuint (wfl_sankey_layout_get_n_waypoints (layout), ==, 3 + 1);
  assert_no_overlaps (layout);
  assert_conservation (layout);
  assert_waypoints_clear (layout);
}

static void
check_proper_graph (WflSankeyGraph *graph)
{
  g_autoptr(WflSankeyLayout) layout = NULL;
  g_autofree guint *seen = NULL;
  WflSankeyLayoutOptions options;
  WflSankeyLayout *self;
  guint n_waypoints = 0;
  Build b;

  wfl_sankey_layout_options_init (&options);
  _wfl_sankey_build_init (&b, graph, &options, 800, 500);
  _wfl_sankey_assign_columns (&b);
  _wfl_sankey_build_proper_graph (&b);
  self = b.layout;

  for (guint l = 0; l < b.m; l++)
    {
      guint s = b.src[l], t = b.dst[l], prev = s;

      if (b.is_loop[l])
        {
          g_assert_true (s == t || b.layer[t] <= b.layer[s]);
          g_assert_cmpuint (b.link_n_segs[l], ==, 0);
          continue;
        }
      /* A chain of segments, one per gap, through waypoints. */
      g_assert_cmpuint (b.link_n_segs[l], ==, b.layer[t] - b.layer[s]);
      for (guint k = 0; k < b.link_n_segs[l]; k++)
        {
          const Seg *seg = &self->segs[b.link_first_seg[l] + k];

          g_assert_cmpuint (seg->link, ==, l);
          g_assert_cmpuint (seg->left, ==, prev);
          g_assert_cmpfloat (seg->w, ==, b.value[l]);
          g_assert_cmpuint (self->items[seg->right].column, ==, self->items[seg->left].column + 1);
          if (k + 1 < b.link_n_segs[l])
            {
              g_assert_cmpuint (self->items[seg->right].node, ==, NONE);
              g_assert_cmpuint (self->items[seg->right].link, ==, l);
              n_waypoints++;
            }
          prev = seg->right;
        }
      g_assert_cmpuint (prev, ==, t);
    }
  /* The nodes first, then the waypoints, nothing else. */
  g_assert_cmpuint (self->n_items, ==, b.n + n_waypoints);
  for (guint v = 0; v < b.n; v++)
    g_assert_cmpuint (self->items[v].node, ==, v);

  /* Every item once in its column, at its position. */
  seen = g_new0 (guint, self->n_items + 1);
  g_assert_cmpuint (self->col_start[self->n_columns], ==, self->n_items);
  for (guint c = 0; c < self->n_columns; c++)
    for (guint k = self->col_start[c]; k < self->col_start[c + 1]; k++)
      {
        const Item *item = &self->items[self->col_items[k]];

        g_assert_cmpuint (item->column, ==, c);
        g_assert_cmpuint (item->pos, ==, k - self->col_start[c]);
        seen[self->col_items[k]]++;
      }
  for (guint i = 0; i < self->n_items; i++)
    g_assert_cmpuint (seen[i], ==, 1);

  /* Every segment once, in the gap of its left end. */
  g_free (seen);
  seen = g_new0 (guint, self->n_segs + 1);
  g_assert_cmpuint (self->gap_start[self->n_columns], ==, self->n_segs);
  for (guint c = 0; c < self->n_columns; c++)
    for (guint k = self->gap_start[c]; k < self->gap_start[c + 1]; k++)
      {
        g_assert_cmpuint (self->gap_segs[k], <, self->n_segs);
        g_assert_cmpuint (self->items[self->segs[self->gap_segs[k]].left].column, ==, c);
        seen[self->gap_segs[k]]++;
      }
  for (guint s = 0; s < self->n_segs; s++)
    g_assert_cmpuint (seen[s], ==, 1);
  layout = _wfl_sankey_build_finish (&b);
}

static void
test_sankey_waypoints_proper_graph (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  add_link (graph, "a", "b", 10);
  add_link (graph, "b", "c", 10);
  add_link (graph, "c", "d", 10);
  add_link (graph, "d", "e", 10);
  add_link (graph, "a", "e", 3);
  add_link (graph, "x", "c", 4);
  add_link (graph, "e", "b", 1);     /* a loop */
  check_proper_graph (graph);

  for (guint round = 0; round < 8; round++)
    {
      g_autoptr(WflSankeyGraph) g = wfl_sankey_graph_new ();
      guint n = 8 + round * 20;
      char id[32];

      for (guint v = 0; v < n; v++)
        {
          g_snprintf (id, sizeof id, "n%u", v);
          wfl_sankey_graph_add_node (g, id, id, NULL, NULL);
        }
      for (guint l = 0; l < 3 * n; l++)
        wfl_sankey_graph_add_link (g, g_rand_int_range (rand, 0, n), g_rand_int_range (rand, 0, n),
                                   g_rand_double_range (rand, 0.1, 100));
      check_proper_graph (g);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-waypoints/layout", test_sankey_layout_waypoints);
  g_test_add_func ("/wfl/render/sankey-waypoints/proper-graph", test_sankey_waypoints_proper_graph);

  return g_test_run ();
}
