/* test-sankey-graph.c: the Sankey graph built from a simulation
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wfl-sankey-graph.h"

static gboolean
shipped_cb (const WflLink *lk,
            double        *shipped,
            gpointer       user_data)
{
  *shipped = g_str_equal (lk->from, "fab") ? 100 : 50;
  return TRUE;
}

static gboolean
bottleneck_cb (const WflNode *node,
               gpointer       user_data)
{
  return g_str_equal (node->id, "pack");
}

static void
test_sankey_graph_from_simulation (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new ();
  g_autoptr(WflSankeyGraph) graph = NULL;
  WflNode *node;
  WflLink *lk;
  const WflSankeyLink *l0, *l1;

  node = wfl_node_new ("fab", WFL_NODE_KIND_SUPPLY);
  node->unit = g_strdup ("die");
  wfl_scenario_add_node (scenario, node);
  node = wfl_node_new ("pack", WFL_NODE_KIND_PROCESS);
  node->unit = g_strdup ("package");
  wfl_scenario_add_node (scenario, node);
  node = wfl_node_new ("buyer", WFL_NODE_KIND_CUSTOMER);
  node->unit = g_strdup ("package");
  wfl_scenario_add_node (scenario, node);
  lk = wfl_link_new ("fab", "pack");
  lk->per_unit = 2;
  wfl_scenario_add_link (scenario, lk);
  lk = wfl_link_new ("pack", "buyer");
  lk->per_unit = 1;
  wfl_scenario_add_link (scenario, lk);

  graph = wfl_sankey_graph_new_from_simulation (scenario, shipped_cb, bottleneck_cb, NULL);
  g_assert_cmpuint (wfl_sankey_graph_get_n_nodes (graph), ==, 3);
  g_assert_cmpuint (wfl_sankey_graph_get_n_links (graph), ==, 2);
  l0 = wfl_sankey_graph_get_link (graph, 0);
  l1 = wfl_sankey_graph_get_link (graph, 1);
  /* 100 dies make 50 packages: equal widths, each end in its own unit. */
  g_assert_cmpfloat (l0->value, ==, 50);
  g_assert_cmpfloat (l1->value, ==, 50);
  g_assert_cmpfloat (l0->source_quantity, ==, 100);
  g_assert_cmpstr (l0->source_unit, ==, "die");
  g_assert_cmpfloat (l0->target_quantity, ==, 50);
  g_assert_cmpstr (l0->target_unit, ==, "package");
  g_assert_true (wfl_sankey_graph_get_node (graph, 1)->bottleneck);
  g_assert_false (wfl_sankey_graph_get_node (graph, 0)->bottleneck);
  g_assert_cmpfloat (wfl_sankey_graph_get_node (graph, 0)->quantity, ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-graph/from-simulation", test_sankey_graph_from_simulation);

  return g_test_run ();
}
