/* test-sankey-edges.c: the Sankey layout's rules at their edges
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules of docs/model.md ("The Sankey layout") that the broader layout
 * tests leave loose: which labels a chart too short for all of them
 * keeps, and the gaps in a packed column between nodes and the points
 * where long links pass through.
 */

#include "config.h"

#include <math.h>

#include "sankey-fixtures.h"

/* The values of the nodes in a column, written in an order unlike their
 * sizes, so that document order and size order differ. */
static const double mid_values[] = { 30, 5, 60, 12, 45, 8, 25, 3, 50, 18, 35, 10 };

/* src → m0 … m11 → sink: one interior column of twelve nodes. */
static WflSankeyGraph *
interior_column (void)
{
  WflSankeyGraph *graph = wfl_sankey_graph_new ();
  guint src = wfl_sankey_graph_add_node (graph, "src", "Source", "units", NULL);
  guint sink = wfl_sankey_graph_add_node (graph, "sink", "Sink", "units", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (mid_values); i++)
    {
      g_autofree char *id = g_strdup_printf ("m%u", i);
      g_autofree char *name = g_strdup_printf ("Middle %u", i);
      guint v = wfl_sankey_graph_add_node (graph, id, name, "units", NULL);

      wfl_sankey_graph_add_link (graph, src, v, mid_values[i]);
      wfl_sankey_graph_add_link (graph, v, sink, mid_values[i]);
    }
  return graph;
}

/* In a chart too short for every label of a column, the largest node's
 * label is kept and the smallest's hidden: labels are placed largest
 * first (ties in document order), and each one placed takes room from
 * those after it.  At 900 × 120 the twelve interior nodes are a few
 * pixels apart: only some labels fit.  At 900 × 1000 all do. */
static void
test_sankey_labels_short_chart_interior (void)
{
  g_autoptr(WflSankeyGraph) graph = interior_column ();
  g_autoptr(WflSankeyLayout) tall = wfl_sankey_layout_new (graph, NULL, 900, 1000);
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, 900, 120);
  guint largest = 2 + 2, smallest = 2 + 7;   /* m2 (60) and m7 (3) */
  guint shown = 0;
  double least_shown = G_MAXDOUBLE;

  g_assert_cmpuint (assert_labels_sound (tall), ==, wfl_sankey_graph_get_n_nodes (graph));

  assert_labels_sound (layout);
  g_assert_cmpuint (wfl_sankey_layout_get_node (layout, largest)->column, ==, 1);
  g_assert_true (wfl_sankey_layout_get_node (layout, largest)->label_visible);
  g_assert_false (wfl_sankey_layout_get_node (layout, smallest)->label_visible);
  for (guint i = 0; i < G_N_ELEMENTS (mid_values); i++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, 2 + i);

      if (g->label_visible)
        {
          shown++;
          least_shown = MIN (least_shown, mid_values[i]);
        }
    }
  /* Not all, not none: the case is the one it claims. */
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, G_N_ELEMENTS (mid_values));
  /* No label of a node at least as large as the smallest one shown is
   * hidden for a smaller one... unless the larger one's label had no
   * free spot: at least the three largest are shown. */
  g_assert_true (wfl_sankey_layout_get_node (layout, 2 + 8)->label_visible);   /* 50 */
  g_assert_true (wfl_sankey_layout_get_node (layout, 2 + 4)->label_visible);   /* 45 */
  g_assert_cmpfloat (least_shown, >, 3);
}

/* The same in an outer column, whose labels stack in the margin: with too
 * little height the smallest nodes' labels are hidden first, and the
 * largest node's stays. */
static void
test_sankey_labels_short_chart_stack (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  guint src = wfl_sankey_graph_add_node (graph, "src", "Source", "units", NULL);
  g_autoptr(WflSankeyLayout) layout = NULL;
  guint shown = 0;
  double least_shown = G_MAXDOUBLE, most_hidden = 0;

  for (guint i = 0; i < G_N_ELEMENTS (mid_values); i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autofree char *name = g_strdup_printf ("Customer %u", i);

      wfl_sankey_graph_add_link (graph, src, wfl_sankey_graph_add_node (graph, id, name, "units", NULL),
                                 mid_values[i]);
    }
  layout = wfl_sankey_layout_new (graph, NULL, 900, 90);
  assert_labels_sound (layout);
  for (guint i = 0; i < G_N_ELEMENTS (mid_values); i++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, 1 + i);

      g_assert_cmpuint (g->column, ==, 1);
      if (g->label_visible)
        {
          shown++;
          least_shown = MIN (least_shown, mid_values[i]);
        }
      else
        most_hidden = MAX (most_hidden, mid_values[i]);
    }
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, G_N_ELEMENTS (mid_values));
  g_assert_true (wfl_sankey_layout_get_node (layout, 1 + 2)->label_visible);    /* 60 */
  g_assert_false (wfl_sankey_layout_get_node (layout, 1 + 7)->label_visible);   /* 3 */
  /* Strictly by size: every hidden one smaller than every shown one. */
  g_assert_cmpfloat (most_hidden, <, least_shown);
}

/* The vertical gap between the items next to each other in a column
 * (docs/model.md, "The Sankey layout"): the padding p between two nodes,
 * p / 2 between a node and a long link's pass-through point, p / 5
 * between two pass-through points.  In a packed column (the one whose
 * values and gaps fill the height) the items sit at exactly those gaps.
 * a → b → c and a → c: column 1 holds b and the pass-through point of
 * a → c; its value equals column 0's, and its gap makes it the packed
 * one: b and the band fill the height, one p/2 apart. */
static double
item_gap (double top0,
          double bottom0,
          double top1,
          double bottom1)
{
  return top1 >= bottom0 ? top1 - bottom0 : top0 - bottom1;
}

static void
test_sankey_pass_through_gap (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  const WflSankeyNodeGeometry *b;
  const WflSankeyLinkGeometry *ac;
  const WflSankeyPoint *points;
  guint n_points, col1_nodes = 0;
  double p = 16, top, bottom, gap;

  add_link (graph, "a", "b", 40);
  add_link (graph, "b", "c", 40);
  add_link (graph, "a", "c", 20);
  layout = wfl_sankey_layout_new (graph, NULL, 600, 300);
  g_assert_cmpuint (wfl_sankey_layout_get_n_columns (layout), ==, 3);
  g_assert_cmpuint (wfl_sankey_layout_get_n_waypoints (layout), ==, 1);

  b = wfl_sankey_layout_get_node (layout, 1);
  g_assert_cmpuint (b->column, ==, 1);
  ac = wfl_sankey_layout_get_link (layout, 2);
  points = wfl_sankey_layout_get_points (layout, 2, &n_points);
  /* Leave a, enter column 1, run through it, leave it, enter c. */
  g_assert_cmpuint (n_points, ==, 4);
  g_assert_cmpfloat (points[1].y, ==, points[2].y);
  g_assert_cmpfloat (points[1].x, <=, b->x0 + EPS);
  g_assert_cmpfloat (points[2].x, >=, b->x1 - EPS);
  top = points[1].y - ac->width / 2;
  bottom = points[1].y + ac->width / 2;
  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    col1_nodes += wfl_sankey_layout_get_node (layout, v)->column == 1;
  g_assert_cmpuint (col1_nodes, ==, 1);

  /* Packed: b and the band fill the height with one half gap between. */
  gap = item_gap (b->y0, b->y1, top, bottom);
  g_assert_cmpfloat_with_epsilon (gap, p / 2, EPS);
  g_assert_cmpfloat_with_epsilon ((b->y1 - b->y0) + ac->width + gap, 300, EPS);
  g_assert_cmpfloat_with_epsilon (MIN (b->y0, top), 0, EPS);
  g_assert_cmpfloat_with_epsilon (MAX (b->y1, bottom), 300, EPS);
  /* Band widths in proportion to the values: 40 : 20. */
  g_assert_cmpfloat_with_epsilon (b->y1 - b->y0, 2 * ac->width, EPS);
}

/* Two long links through one column, beside a node: node | point | point
 * (as the ordering puts them here; point | node | point would do too)
 * with gaps p/2 and p/5.  And a chart so short that the padding shrinks:
 * each column's gaps take at most half the height, p = min (16,
 * height / 2 / Σ gap weights): at 20 px, 10 / 0.7. */
static void
test_sankey_pass_through_gap_two (void)
{
  double heights[] = { 300, 20 };

  for (guint h = 0; h < G_N_ELEMENTS (heights); h++)
    {
      g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
      g_autoptr(WflSankeyLayout) layout = NULL;
      double tops[3], bottoms[3], sum_gaps = 0, sum_heights = 0, p;
      gboolean is_node[3];
      guint order[3] = { 0, 1, 2 };

      add_link (graph, "a", "b", 40);
      add_link (graph, "b", "c", 40);
      /* Two links from a to c: two pass-through points in column 1. */
      add_link (graph, "a", "c", 20);
      add_link (graph, "a", "c", 10);
      layout = wfl_sankey_layout_new (graph, NULL, 600, heights[h]);
      g_assert_cmpuint (wfl_sankey_layout_get_n_waypoints (layout), ==, 2);
      {
        const WflSankeyNodeGeometry *b = wfl_sankey_layout_get_node (layout, 1);

        tops[0] = b->y0, bottoms[0] = b->y1, is_node[0] = TRUE;
        for (guint k = 0; k < 2; k++)
          {
            guint link = k == 0 ? 2 : 3;
            const WflSankeyLinkGeometry *lg = wfl_sankey_layout_get_link (layout, link);
            const WflSankeyPoint *pt = wfl_sankey_layout_get_points (layout, link, NULL);

            tops[k + 1] = pt[1].y - lg->width / 2;
            bottoms[k + 1] = pt[1].y + lg->width / 2;
            is_node[k + 1] = FALSE;
          }
      }
      /* Sort the three items by top. */
      for (guint i = 0; i < 3; i++)
        for (guint j = i + 1; j < 3; j++)
          if (tops[order[j]] < tops[order[i]])
            {
              guint t = order[i];

              order[i] = order[j];
              order[j] = t;
            }
      for (guint i = 0; i < 3; i++)
        sum_heights += bottoms[order[i]] - tops[order[i]];
      for (guint i = 0; i + 1 < 3; i++)
        sum_gaps += (is_node[order[i]] || is_node[order[i + 1]]) ? 0.5 : 0.2;
      /* The two points are neighbours: the case tests the p/5 gap. */
      g_assert_cmpfloat_with_epsilon (sum_gaps, 0.7, 1e-12);
      p = MIN (16, heights[h] / 2 / sum_gaps);
      for (guint i = 0; i + 1 < 3; i++)
        {
          double want = p * ((is_node[order[i]] || is_node[order[i + 1]]) ? 0.5 : 0.2);

          g_assert_cmpfloat_with_epsilon (tops[order[i + 1]] - bottoms[order[i]], want, EPS);
        }
      /* Packed: the column spans the chart's height. */
      g_assert_cmpfloat_with_epsilon (tops[order[0]], 0, EPS);
      g_assert_cmpfloat_with_epsilon (bottoms[order[2]], heights[h], EPS);
      g_assert_cmpfloat_with_epsilon (sum_heights + p * sum_gaps, heights[h], EPS);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-edges/labels-short-chart-interior", test_sankey_labels_short_chart_interior);
  g_test_add_func ("/wfl/render/sankey-edges/labels-short-chart-stack", test_sankey_labels_short_chart_stack);
  g_test_add_func ("/wfl/render/sankey-edges/pass-through-gap", test_sankey_pass_through_gap);
  g_test_add_func ("/wfl/render/sankey-edges/pass-through-gap-two", test_sankey_pass_through_gap_two);

  return g_test_run ();
}
