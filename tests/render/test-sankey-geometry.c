/* test-sankey-geometry.c: hit-testing, painting order and colours
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl-sankey-geometry.c: a point finds the node or band painted there
 * (nodes over bands, thin bands over wide ones); loops are painted
 * first, then wide bands before thin ones; neighbours in a column get
 * different colours.  Ports and band widths: assert_conservation () in
 * sankey-fixtures.h, run by every layout test.
 */

#include "config.h"

#include <math.h>

#include "sankey-fixtures.h"

static void
test_sankey_layout_hit_test (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  const WflSankeyNodeGeometry *a;
  const WflSankeyLinkGeometry *g;
  WflSankeyHit hit;
  guint np;
  const WflSankeyPoint *p;

  add_link (graph, "a", "b", 10);
  add_link (graph, "c", "d", 5);
  add_link (graph, "b", "e", 10);
  layout = wfl_sankey_layout_new (graph, NULL, 800, 500);

  a = wfl_sankey_layout_get_node (layout, add (graph, "a"));
  hit = wfl_sankey_layout_hit_test (layout, (a->x0 + a->x1) / 2, (a->y0 + a->y1) / 2);
  g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_NODE);
  g_assert_cmpuint (hit.index, ==, add (graph, "a"));

  /* Halfway along the band a → b, at its centre and just outside it. */
  g = wfl_sankey_layout_get_link (layout, 0);
  p = wfl_sankey_layout_get_points (layout, 0, &np);
  hit = wfl_sankey_layout_hit_test (layout, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2);
  g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_LINK);
  g_assert_cmpuint (hit.index, ==, 0);
  hit = wfl_sankey_layout_hit_test (layout, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2 - g->width / 2 - 3);
  g_assert_false (hit.kind == WFL_SANKEY_HIT_LINK && hit.index == 0);

  /* Through c → d's waypoint-free gap and the empty corners. */
  p = wfl_sankey_layout_get_points (layout, 1, &np);
  hit = wfl_sankey_layout_hit_test (layout, p[0].x + 1, p[0].y);
  g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_LINK);
  g_assert_cmpuint (hit.index, ==, 1);

  hit = wfl_sankey_layout_hit_test (layout, -5, -5);
  g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_NONE);
  hit = wfl_sankey_layout_hit_test (layout, 400, 499.5);
  if (hit.kind != WFL_SANKEY_HIT_NONE)
    {
      /* Only if something really is there. */
      g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_LINK);
    }
}

static void
test_sankey_layout_hit_test_energy (void)
{
  g_autoptr(WflSankeyGraph) graph = load_energy ();
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, W, H);
  guint hits = 0;

  /* Every node's centre finds that node; every band's middle finds a
   * band whose painted area holds the point. */
  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);
      WflSankeyHit hit = wfl_sankey_layout_hit_test (layout, (g->x0 + g->x1) / 2, (g->y0 + g->y1) / 2);

      g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_NODE);
      g_assert_cmpuint (hit.index, ==, v);
    }
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      guint np;
      const WflSankeyPoint *p = wfl_sankey_layout_get_points (layout, l, &np);
      WflSankeyHit hit = wfl_sankey_layout_hit_test (layout, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2);

      g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_LINK);
      hits += hit.index == l;
    }
  /* Thin bands painted over wide ones win; most bands find themselves. */
  g_assert_cmpuint (hits, >=, wfl_sankey_graph_get_n_links (graph) * 2 / 3);
}

/* Loops first, then bands from the widest to the thinnest, so that thin
 * bands stay visible; every band once. */
static void
test_sankey_geometry_paint_order (void)
{
  g_autoptr(WflSankeyGraph) graph = load_energy ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  guint m;
  const guint *order;
  g_autofree gboolean *seen = NULL;

  add_link (graph, "Nuclear", "Nuclear", 3);     /* a self-loop */
  layout = wfl_sankey_layout_new (graph, NULL, W, H);
  m = wfl_sankey_graph_get_n_links (graph);
  order = wfl_sankey_layout_get_paint_order (layout);
  seen = g_new0 (gboolean, m);
  g_assert_true (wfl_sankey_layout_get_link (layout, order[0])->loop);
  for (guint k = 0; k < m; k++)
    {
      g_assert_cmpuint (order[k], <, m);
      g_assert_false (seen[order[k]]);
      seen[order[k]] = TRUE;
      if (k > 0 && !wfl_sankey_layout_get_link (layout, order[k - 1])->loop)
        g_assert_cmpfloat (wfl_sankey_layout_get_link (layout, order[k])->width, <=,
                           wfl_sankey_layout_get_link (layout, order[k - 1])->width);
    }
}

/* Without colours or groups given, nodes one above the other in a
 * column differ in colour (that rule outweighs the linked nodes'
 * colours for any flow below a million). */
static void
test_sankey_geometry_colors (void)
{
  g_autoptr(WflSankeyGraph) graph = load_energy ();
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, W, H);
  guint n = wfl_sankey_graph_get_n_nodes (graph);

  for (guint a = 0; a < n; a++)
    {
      const WflSankeyNodeGeometry *p = wfl_sankey_layout_get_node (layout, a);
      const WflSankeyNodeGeometry *below = NULL;

      for (guint b = 0; b < n; b++)
        {
          const WflSankeyNodeGeometry *q = wfl_sankey_layout_get_node (layout, b);

          if (b != a && q->column == p->column && q->y0 >= p->y0 &&
              (below == NULL || q->y0 < below->y0))
            below = q;
        }
      if (below != NULL)
        g_assert_cmpuint (p->color, !=, below->color);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-geometry/hit-test", test_sankey_layout_hit_test);
  g_test_add_func ("/wfl/render/sankey-geometry/hit-test-energy", test_sankey_layout_hit_test_energy);
  g_test_add_func ("/wfl/render/sankey-geometry/paint-order", test_sankey_geometry_paint_order);
  g_test_add_func ("/wfl/render/sankey-geometry/colors", test_sankey_geometry_colors);

  return g_test_run ();
}
