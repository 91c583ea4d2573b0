/* test-sankey-cycles.c: feedback links and loops
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl-sankey-cycles.c: the feedback links break every cycle, are light
 * where there is a choice, are never links between components; they and
 * self-links are drawn as loops under the chart, in lanes ranked by
 * span (short ones innermost).
 */

#include "config.h"

#include <math.h>

#include "sankey-fixtures.h"
#include "wfl-sankey-layout-private.h"

static void
test_sankey_layout_cycles (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  guint n_loops = 0;
  double lowest_node = 0;

  add_link (graph, "a", "b", 10);
  add_link (graph, "b", "c", 10);
  add_link (graph, "c", "a", 2);     /* the cycle */
  add_link (graph, "c", "d", 8);
  add_link (graph, "d", "d", 1);     /* a self-loop */
  layout = wfl_sankey_layout_new (graph, NULL, 800, 500);
  assert_no_overlaps (layout);
  assert_conservation (layout);

  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    lowest_node = MAX (lowest_node, wfl_sankey_layout_get_node (layout, v)->y1);
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, l);
      guint np;
      const WflSankeyPoint *p = wfl_sankey_layout_get_points (layout, l, &np);
      double deepest = 0;

      if (!g->loop)
        continue;
      n_loops++;
      /* Loops leave to the right, run under every node, enter from the left. */
      for (guint k = 0; k < np; k++)
        deepest = MAX (deepest, p[k].y);
      g_assert_cmpfloat (deepest - g->width / 2, >, lowest_node);
      g_assert_cmpfloat (p[1].x, >, p[0].x);
      g_assert_cmpfloat (p[np - 2].x, <, p[np - 1].x);
    }
  /* One link breaks the cycle; the self-loop is the other. */
  g_assert_cmpuint (n_loops, ==, 2);
}

static void
test_sankey_layout_random_cycles (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  char id[32];

  for (guint v = 0; v < 1500; v++)
    {
      g_snprintf (id, sizeof id, "n%u", v);
      wfl_sankey_graph_add_node (graph, id, id, NULL, NULL);
    }
  for (guint l = 0; l < 4000; l++)
    wfl_sankey_graph_add_link (graph, g_rand_int_range (rand, 0, 1500), g_rand_int_range (rand, 0, 1500),
                               g_rand_double_range (rand, 0.1, 100));
  layout = wfl_sankey_layout_new (graph, NULL, 1600, 1200);

  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      const WflSankeyLink *lk = wfl_sankey_graph_get_link (graph, l);
      guint cs = wfl_sankey_layout_get_node (layout, lk->source)->column;
      guint ct = wfl_sankey_layout_get_node (layout, lk->target)->column;

      if (wfl_sankey_layout_get_link (layout, l)->loop)
        g_assert_cmpuint (ct, <=, cs);
      else
        g_assert_cmpuint (ct, >, cs);
    }
  assert_no_overlaps (layout);
}

/* Whether the links not marked feedback leave a graph without cycles
 * (Kahn: every node can be taken once its inputs are). */
static gboolean
acyclic_without (const Edges    *g,
                 const gboolean *feedback)
{
  g_autofree guint *indeg = g_new0 (guint, g->n + 1);
  g_autofree guint *queue = g_new (guint, g->n + 1);
  guint head = 0, tail = 0;

  for (guint e = 0; e < g->m; e++)
    if (!feedback[e])
      indeg[g->dst[e]]++;
  for (guint v = 0; v < g->n; v++)
    if (indeg[v] == 0)
      queue[tail++] = v;
  while (head < tail)
    {
      guint v = queue[head++];

      for (guint e = 0; e < g->m; e++)
        if (!feedback[e] && g->src[e] == v && --indeg[g->dst[e]] == 0)
          queue[tail++] = g->dst[e];
    }
  return tail == g->n;
}

/* By hand: of a cycle, the light link goes back; a self-link is one; a
 * link into the cycle and one out of it are not. */
static void
test_sankey_cycles_feedback (void)
{
  /* 0 → 1 → 2 → 0 (2 → 0 light), 3 → 3, 4 → 0, 2 → 5; 6 ⇄ 7, 6 → 7 light. */
  const guint src[] = { 0, 1, 2, 3, 4, 2, 6, 7 };
  const guint dst[] = { 1, 2, 0, 3, 0, 5, 7, 6 };
  const double value[] = { 10, 10, 2, 1, 4, 8, 1, 10 };
  const gboolean expected[] = { FALSE, FALSE, TRUE, TRUE, FALSE, FALSE, TRUE, FALSE };
  Edges g = { 8, G_N_ELEMENTS (src), src, dst };
  gboolean feedback[G_N_ELEMENTS (src)];

  _wfl_sankey_find_feedback (&g, value, feedback);
  for (guint e = 0; e < g.m; e++)
    g_assert_cmpint (feedback[e], ==, expected[e]);
  g_assert_true (acyclic_without (&g, feedback));
}

/* Random graphs: the feedback links break every cycle, and a link whose
 * ends cannot reach each other back is never one. */
static void
test_sankey_cycles_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint round = 0; round < 20; round++)
    {
      guint n = 5 + round * 4, m = n * (1 + round % 4);
      g_autofree guint *src = g_new (guint, m), *dst = g_new (guint, m);
      g_autofree double *value = g_new (double, m);
      g_autofree gboolean *feedback = g_new (gboolean, m);
      Edges g = { n, m, src, dst };

      for (guint e = 0; e < m; e++)
        {
          src[e] = g_rand_int_range (rand, 0, n);
          dst[e] = g_rand_int_range (rand, 0, n);
          /* Half the links only go forward: they can never close a cycle. */
          if (e % 2 == 0 && src[e] > dst[e])
            {
              guint t = src[e];

              src[e] = dst[e];
              dst[e] = t;
            }
          value[e] = g_rand_double_range (rand, 0.1, 100);
        }
      _wfl_sankey_find_feedback (&g, value, feedback);
      g_assert_true (acyclic_without (&g, feedback));
      for (guint e = 0; e < m; e++)
        {
          gboolean back;

          /* Whether dst[e] reaches src[e]: then e closes a cycle. */
          {
            g_autofree gboolean *seen = g_new0 (gboolean, n);
            g_autofree guint *stack = g_new (guint, n + 1);
            guint sp = 0;

            stack[sp++] = dst[e];
            seen[dst[e]] = TRUE;
            while (sp > 0)
              {
                guint v = stack[--sp];

                for (guint k = 0; k < m; k++)
                  if (src[k] == v && !seen[dst[k]])
                    {
                      seen[dst[k]] = TRUE;
                      stack[sp++] = dst[k];
                    }
              }
            back = seen[src[e]];
          }
          if (!back)
            g_assert_false (feedback[e]);
        }
    }
}

/* The loops of a laid-out graph: every feedback link and self-link, in
 * lanes by span, shortest innermost. */
static void
test_sankey_cycles_loop_lanes (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  WflSankeyLayoutOptions options;
  Build b;

  add_link (graph, "a", "b", 10);
  add_link (graph, "b", "c", 10);
  add_link (graph, "c", "d", 10);
  add_link (graph, "d", "a", 1);     /* spans three columns back */
  add_link (graph, "c", "b", 2);     /* one */
  add_link (graph, "b", "b", 1);     /* none */
  wfl_sankey_layout_options_init (&options);
  _wfl_sankey_build_init (&b, graph, &options, 800, 500);
  _wfl_sankey_assign_columns (&b);
  _wfl_sankey_build_proper_graph (&b);
  _wfl_sankey_rank_loops (&b);

  g_assert_cmpuint (b.layout->n_loops, ==, 3);
  g_assert_cmpfloat (b.loop_value, ==, 1 + 2 + 1);
  for (guint k = 0; k < b.layout->n_loops; k++)
    {
      guint l = b.layout->loops[k];

      g_assert_true (b.is_loop[l]);
      g_assert_cmpuint (b.loop_rank[l], ==, k);
    }
  g_assert_cmpuint (b.layout->loops[0], ==, 5);
  g_assert_cmpuint (b.layout->loops[1], ==, 4);
  g_assert_cmpuint (b.layout->loops[2], ==, 3);
  layout = _wfl_sankey_build_finish (&b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-cycles/layout", test_sankey_layout_cycles);
  g_test_add_func ("/wfl/render/sankey-cycles/layout-random", test_sankey_layout_random_cycles);
  g_test_add_func ("/wfl/render/sankey-cycles/feedback", test_sankey_cycles_feedback);
  g_test_add_func ("/wfl/render/sankey-cycles/random", test_sankey_cycles_random);
  g_test_add_func ("/wfl/render/sankey-cycles/loop-lanes", test_sankey_cycles_loop_lanes);

  return g_test_run ();
}
