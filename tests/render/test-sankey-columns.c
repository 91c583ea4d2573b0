/* test-sankey-columns.c: a column for every node
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl-sankey-columns.c: sources in the first column, sinks in the last,
 * every link that is not a feedback link going rightward, feedback links
 * not; a node's own column kept; a node that sends more than it receives
 * pulled right, next to its nearest successor.  Short links: the same
 * rightward links and pins, every free node where its links are
 * shortest, never a longer total span than the longest path's.
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

/* The acyclic link of l as the columns phase sees it (a feedback link
 * turned round); FALSE for a self-link. */
static gboolean
dag_link (Build *b,
          guint  l,
          guint *from,
          guint *to)
{
  *from = b->feedback[l] ? b->dst[l] : b->src[l];
  *to = b->feedback[l] ? b->src[l] : b->dst[l];
  return b->src[l] != b->dst[l];
}

/* The weighted span the short-links descent lowers: per link, value plus
 * the mean value times the columns it spans. */
static double
weighted_span (Build  *b,
               double *mean_out)
{
  double mean = 0, span = 0;
  guint kept = 0, from, to;

  for (guint l = 0; l < b->m; l++)
    if (dag_link (b, l, &from, &to))
      mean += b->value[l], kept++;
  mean = kept > 0 && mean > 0 ? mean / kept : 1;
  for (guint l = 0; l < b->m; l++)
    if (dag_link (b, l, &from, &to))
      span += (b->value[l] + mean) * ((double) b->layer[to] - b->layer[from]);
  *mean_out = mean;
  return span;
}

/* The short-links contract on graph: links rightward (loops aside), pins
 * held, a first column in use when nothing is pinned, every free node
 * where one column left or right (within its links) would not shorten
 * them, and no more weighted span than the longest path gives. */
static void
check_short_links (WflSankeyGraph *graph)
{
  g_autoptr(WflSankeyLayout) longest = NULL, shortest = NULL;
  WflSankeyLayoutOptions options;
  gboolean pinned = FALSE, first_used = FALSE;
  double longest_span, mean;
  guint from, to;
  Build b;

  wfl_sankey_layout_options_init (&options);
  _wfl_sankey_build_init (&b, graph, &options, 800, 500);
  _wfl_sankey_assign_columns (&b);
  longest_span = weighted_span (&b, &mean);
  longest = _wfl_sankey_build_finish (&b);

  options.columns = WFL_SANKEY_COLUMNS_SHORT_LINKS;
  _wfl_sankey_build_init (&b, graph, &options, 800, 500);
  _wfl_sankey_assign_columns (&b);
  g_assert_cmpfloat (weighted_span (&b, &mean), <=, longest_span + 1e-9 * MAX (longest_span, 1));
  for (guint v = 0; v < b.n; v++)
    {
      int column = wfl_sankey_graph_get_node (graph, v)->column;
      guint lo = 0, hi = G_MAXUINT, degree = 0;
      double slope = 0;

      pinned |= column >= 0;
      first_used |= b.layer[v] == 0;
      g_assert_cmpuint (b.layer[v], <, b.layout->n_columns);
      if (column >= 0)
        {
          g_assert_cmpuint (b.layer[v], ==, column);
          continue;
        }
      for (guint l = 0; l < b.m; l++)
        {
          if (!dag_link (&b, l, &from, &to))
            continue;
          if (to == v)
            lo = MAX (lo, b.layer[from] + 1), slope += b.value[l] + mean, degree++;
          if (from == v)
            hi = MIN (hi, b.layer[to] - 1), slope -= b.value[l] + mean, degree++;
          if ((to == v || from == v) && wfl_sankey_graph_get_node (graph, to == v ? from : to)->column >= 0)
            degree = G_MAXUINT / 2;   /* a pinned neighbour may ask for a leftward link */
        }
      if (degree == 0 || degree >= G_MAXUINT / 2)
        continue;
      g_assert_cmpuint (lo, <=, b.layer[v]);
      g_assert_cmpuint (b.layer[v], <=, hi);
      if (slope > 1e-9)
        g_assert_cmpuint (b.layer[v], ==, lo);
      else if (slope < -1e-9)
        g_assert_cmpuint (b.layer[v], ==, hi);
    }
  for (guint l = 0; l < b.m; l++)
    if (dag_link (&b, l, &from, &to) && !b.feedback[l] &&
        wfl_sankey_graph_get_node (graph, from)->column < 0 && wfl_sankey_graph_get_node (graph, to)->column < 0)
      g_assert_cmpuint (b.layer[to], >, b.layer[from]);
  if (!pinned)
    g_assert_true (first_used);
  shortest = _wfl_sankey_build_finish (&b);
}

/* Short links on random graphs (cycles and self-links included), with
 * and without pins. */
static void
test_sankey_columns_short_links_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (29);

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
      guint n = 5 + round * round * 8;
      char id[32];

      for (guint v = 0; v < n; v++)
        {
          g_snprintf (id, sizeof id, "n%u", v);
          wfl_sankey_graph_add_node (graph, id, id, NULL, NULL);
        }
      for (guint l = 0; l < 2 * n; l++)
        {
          guint a = g_rand_int_range (rand, 0, n), z = g_rand_int_range (rand, 0, n);

          /* Mostly forward, so that the graph has depth. */
          if (a > z && g_rand_double (rand) < 0.9)
            {
              guint t = a;

              a = z;
              z = t;
            }
          wfl_sankey_graph_add_link (graph, a, z, g_rand_double_range (rand, 0.1, 100));
        }
      if (round % 2 == 1)
        wfl_sankey_graph_get_node (graph, n / 2)->column = 2;
      check_short_links (graph);
    }
}

/* The energy flows: short links take away at least half of the longest
 * path's pass-through points, and pins still hold. */
static void
test_sankey_columns_short_links_energy (void)
{
  g_autoptr(WflSankeyGraph) graph = load_energy ();
  g_autoptr(WflSankeyLayout) longest = wfl_sankey_layout_new (graph, NULL, W, H);
  g_autoptr(WflSankeyLayout) shortest = NULL, pinned = NULL;
  WflSankeyLayoutOptions options;
  int wind = wfl_sankey_graph_find_node (graph, "Wind");

  wfl_sankey_layout_options_init (&options);
  options.columns = WFL_SANKEY_COLUMNS_SHORT_LINKS;
  shortest = wfl_sankey_layout_new (graph, &options, W, H);
  g_test_message ("pass-through points: longest path %u, short links %u",
                  wfl_sankey_layout_get_n_waypoints (longest), wfl_sankey_layout_get_n_waypoints (shortest));
  g_assert_cmpuint (2 * wfl_sankey_layout_get_n_waypoints (shortest), <=, wfl_sankey_layout_get_n_waypoints (longest));
  assert_no_overlaps (shortest);
  check_short_links (graph);

  /* Wind, a source, moves next to the grid; pinned, it stays put. */
  g_assert_cmpint (wind, >=, 0);
  g_assert_cmpuint (wfl_sankey_layout_get_node (shortest, wind)->column, >, 0);
  wfl_sankey_graph_get_node (graph, wind)->column = 0;
  pinned = wfl_sankey_layout_new (graph, &options, W, H);
  g_assert_cmpuint (wfl_sankey_layout_get_node (pinned, wind)->column, ==, 0);
  check_short_links (graph);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-columns/by-hand", test_sankey_columns_by_hand);
  g_test_add_func ("/wfl/render/sankey-columns/pinned", test_sankey_columns_pinned);
  g_test_add_func ("/wfl/render/sankey-columns/random", test_sankey_columns_random);
  g_test_add_func ("/wfl/render/sankey-columns/short-links-random", test_sankey_columns_short_links_random);
  g_test_add_func ("/wfl/render/sankey-columns/short-links-energy", test_sankey_columns_short_links_energy);

  return g_test_run ();
}
