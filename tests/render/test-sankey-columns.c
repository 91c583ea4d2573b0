/* test-sankey-columns.c: a column for every node
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl-sankey-columns.c: sources in the first column, sinks in the last,
 * every link that is not a feedback link going rightward, feedback links
 * not; a node's own column kept; a node that sends more than it receives
 * pulled right, next to its nearest successor.
 */

#include "config.h"

#include "sankey-fixtures.h"
#include "wfl-sankey-layout-private.h"

/* Runs the columns phase on graph and checks its contract; the caller
 * looks at b, then finishes it. */
static void
assign_and_check (Build                        *b,
                  WflSankeyGraph               *graph,
                  const WflSankeyLayoutOptions *options)
{
  guint n = wfl_sankey_graph_get_n_nodes (graph), m = wfl_sankey_graph_get_n_links (graph);
  g_autofree gboolean *has_in = g_new0 (gboolean, n + 1), *has_out = g_new0 (gboolean, n + 1);
  guint last;

  _wfl_sankey_build_init (b, graph, options, 800, 500);
  _wfl_sankey_assign_columns (b);
  last = b->layout->n_columns - 1;

  for (guint l = 0; l < m; l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);
      gboolean pinned = wfl_sankey_graph_get_node (graph, link->source)->column >= 0 ||
                        wfl_sankey_graph_get_node (graph, link->target)->column >= 0;

      if (link->source == link->target)
        continue;
      has_out[link->source] = has_in[link->target] = TRUE;
      if (pinned)
        continue;
      if (b->feedback[l])
        g_assert_cmpuint (b->layer[link->target], <=, b->layer[link->source]);
      else
        g_assert_cmpuint (b->layer[link->target], >, b->layer[link->source]);
    }
  for (guint v = 0; v < n; v++)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (graph, v);

      g_assert_cmpuint (b->layer[v], <=, last);
      if (node->column >= 0)
        g_assert_cmpuint (b->layer[v], ==, node->column);
      else if (!has_in[v])
        g_assert_cmpuint (b->layer[v], ==, 0);
      else if (!has_out[v])
        g_assert_cmpuint (b->layer[v], ==, last);
    }
}

static void
test_sankey_columns_by_hand (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  WflSankeyLayoutOptions options;
  Build b;

  /* a → b → c → d, and x → y → d: y receives 1 and sends 20, so it
   * moves next to d; x, a source, stays in the first column, and e, a
   * sink, goes to the last. */
  add_link (graph, "a", "b", 10);
  add_link (graph, "b", "c", 10);
  add_link (graph, "c", "d", 10);
  add_link (graph, "x", "y", 1);
  add_link (graph, "y", "d", 20);
  add_link (graph, "a", "e", 1);
  wfl_sankey_layout_options_init (&options);
  assign_and_check (&b, graph, &options);
  g_assert_cmpuint (b.layout->n_columns, ==, 4);
  g_assert_cmpuint (b.layer[add (graph, "a")], ==, 0);
  g_assert_cmpuint (b.layer[add (graph, "b")], ==, 1);
  g_assert_cmpuint (b.layer[add (graph, "c")], ==, 2);
  g_assert_cmpuint (b.layer[add (graph, "d")], ==, 3);
  g_assert_cmpuint (b.layer[add (graph, "x")], ==, 0);
  g_assert_cmpuint (b.layer[add (graph, "y")], ==, 2);
  g_assert_cmpuint (b.layer[add (graph, "e")], ==, 3);
  layout = _wfl_sankey_build_finish (&b);
}

/* A node's own column wins, even over its inputs. */
static void
test_sankey_columns_pinned (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  WflSankeyLayoutOptions options;
  Build b;

  add_link (graph, "a", "b", 10);
  add_link (graph, "b", "c", 10);
  add_link (graph, "s", "c", 2);
  wfl_sankey_graph_get_node (graph, add (graph, "s"))->column = 1;
  wfl_sankey_graph_get_node (graph, add (graph, "c"))->column = 4;
  wfl_sankey_layout_options_init (&options);
  assign_and_check (&b, graph, &options);
  g_assert_cmpuint (b.layout->n_columns, ==, 5);
  g_assert_cmpuint (b.layer[add (graph, "s")], ==, 1);
  g_assert_cmpuint (b.layer[add (graph, "c")], ==, 4);
  layout = _wfl_sankey_build_finish (&b);
}

/* Random graphs, cycles and self-links included. */
static void
test_sankey_columns_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
      g_autoptr(WflSankeyLayout) layout = NULL;
      WflSankeyLayoutOptions options;
      guint n = 5 + round * round * 8;
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
      wfl_sankey_layout_options_init (&options);
      assign_and_check (&b, graph, &options);
      layout = _wfl_sankey_build_finish (&b);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-columns/by-hand", test_sankey_columns_by_hand);
  g_test_add_func ("/wfl/render/sankey-columns/pinned", test_sankey_columns_pinned);
  g_test_add_func ("/wfl/render/sankey-columns/random", test_sankey_columns_random);

  return g_test_run ();
}
