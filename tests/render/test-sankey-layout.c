/* test-sankey-layout.c: the whole Sankey layout, end to end
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every phase on a real graph (the energy example): the checks of
 * sankey-fixtures.h together.  Each phase's own contract is tested in
 * the file named after it (test-sankey-columns.c, test-sankey-order.c…).
 */

#include "config.h"

#include <math.h>

#include "sankey-fixtures.h"

static void
test_sankey_layout_energy (void)
{
  g_autoptr(WflSankeyGraph) graph = load_energy ();
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, W, H);
  guint n = wfl_sankey_graph_get_n_nodes (graph);
  guint visible = 0;
  double weighted;
  guint64 crossings;

  g_assert_cmpuint (n, ==, 48);
  g_assert_cmpuint (wfl_sankey_graph_get_n_links (graph), ==, 68);
  assert_no_overlaps (layout);
  assert_conservation (layout);
  assert_waypoints_clear (layout);

  /* Sources in the first column, sinks in the last. */
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      const WflSankeyLink *lk = wfl_sankey_graph_get_link (graph, l);

      g_assert_false (wfl_sankey_layout_get_link (layout, l)->loop);
      g_assert_cmpuint (wfl_sankey_layout_get_node (layout, lk->source)->column, <,
                        wfl_sankey_layout_get_node (layout, lk->target)->column);
    }
  for (guint v = 0; v < n; v++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);

      if (g->out_value == 0)
        g_assert_cmpuint (g->column, ==, wfl_sankey_layout_get_n_columns (layout) - 1);
      if (g->in_value == 0)
        g_assert_cmpuint (g->column, ==, 0);
      if (g->label_visible)
        {
          visible++;
          g_assert_cmpfloat (g->label_x, >=, -EPS);
          g_assert_cmpfloat (g->label_x + g->label_width, <=, W + EPS);
          g_assert_cmpfloat (g->label_y, >=, -EPS);
          g_assert_cmpfloat (g->label_y + g->label_height, <=, H + EPS);
        }
    }
  /* Most labels fit, and visible labels never overlap. */
  g_assert_cmpuint (visible, >=, n * 3 / 4);
  g_assert_cmpuint (assert_labels_sound (layout), ==, visible);
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        const WflSankeyNodeGeometry *p = wfl_sankey_layout_get_node (layout, a);
        const WflSankeyNodeGeometry *q = wfl_sankey_layout_get_node (layout, b);

        if (!p->label_visible || !q->label_visible)
          continue;
        if (p->label_x + p->label_width <= q->label_x || q->label_x + q->label_width <= p->label_x)
          continue;
        g_assert_true (p->label_y + p->label_height <= q->label_y + EPS ||
                       q->label_y + q->label_height <= p->label_y + EPS);
      }

  wfl_sankey_layout_count_crossings (layout, &weighted, &crossings);
  g_test_message ("energy: %" G_GUINT64_FORMAT " crossings, weighted %g", crossings, weighted);
  /* The bench compares with d3-sankey; here only that there are some
   * (the energy flows cannot be drawn without) and that they are counted
   * consistently. */
  g_assert_cmpuint (crossings, >, 0);
  g_assert_cmpfloat (weighted, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-layout/energy", test_sankey_layout_energy);

  return g_test_run ();
}
