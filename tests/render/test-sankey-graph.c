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

/* A pool is drawn with bands to its users, as wide as the packages the
 * capacity they used became; an equipment supplier is not drawn, and the
 * nodes after it keep their own yields. */
static void
test_sankey_graph_pool (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new ();
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(WflSankeyGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  WflNode *node;
  WflLink *lk;
  WflExpansion *x;
  int pool, pack;
  double used = 0;

  wfl_scenario_set_calendar (scenario, wfl_date_from_ymd (2023, 1, 2), 10);
  node = wfl_node_new ("tools", WFL_NODE_KIND_EQUIPMENT);
  node->unit = g_strdup ("tool");
  wfl_scenario_add_node (scenario, node);
  node = wfl_node_new ("cowos", WFL_NODE_KIND_POOL);
  node->unit = g_strdup ("wafer");
  node->capacity = wfl_schedule_new_constant (2);
  x = wfl_expansion_new (wfl_date_from_ymd (2023, 1, 2), 1);
  x->supplier = g_strdup ("tools");
  g_ptr_array_add (node->expansions, x);
  wfl_scenario_add_node (scenario, node);
  node = wfl_node_new ("pack", WFL_NODE_KIND_PROCESS);
  node->unit = g_strdup ("package");
  node->yield = wfl_schedule_new_constant (0.5);
  wfl_scenario_add_node (scenario, node);
  node = wfl_node_new ("buyer", WFL_NODE_KIND_CUSTOMER);
  node->unit = g_strdup ("package");
  g_ptr_array_add (node->orders, wfl_order_new ("o", 1000, wfl_date_from_ymd (2023, 1, 2)));
  wfl_scenario_add_node (scenario, node);
  lk = wfl_link_new ("cowos", "pack");
  lk->per_unit = 0.1;
  wfl_scenario_add_link (scenario, lk);
  wfl_scenario_add_link (scenario, wfl_link_new ("pack", "buyer"));

  sim = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (sim, NULL, &error));
  graph = wfl_sankey_graph_new_for_window (scenario, sim, NULL, 0, 9);

  g_assert_cmpuint (wfl_sankey_graph_get_n_nodes (graph), ==, 3);
  g_assert_cmpint (wfl_sankey_graph_find_node (graph, "tools"), ==, -1);
  pool = wfl_sankey_graph_find_node (graph, "cowos");
  pack = wfl_sankey_graph_find_node (graph, "pack");
  g_assert_cmpint (pool, >=, 0);
  /* 3 wafers a week (2 + the expansion), all used: 30 wafers, which
   * start 300 packages, 150 of them good. */
  for (int t = 0; t < 10; t++)
    used += wfl_simulation_get_node_value (sim, (guint) wfl_simulation_find_node (sim, "cowos"), WFL_SERIES_STARTS, t);
  g_assert_cmpfloat_with_epsilon (used, 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (wfl_sankey_graph_get_node (graph, pool)->quantity, used, 1e-9);
  for (guint i = 0; i < wfl_sankey_graph_get_n_links (graph); i++)
    {
      const WflSankeyLink *l = wfl_sankey_graph_get_link (graph, i);

      if ((int) l->source == pool)
        {
          g_assert_cmpint (l->target, ==, pack);
          g_assert_cmpfloat_with_epsilon (l->value, 150, 1e-9);
          g_assert_cmpfloat_with_epsilon (l->source_quantity, 30, 1e-9);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-graph/from-simulation", test_sankey_graph_from_simulation);
  g_test_add_func ("/wfl/render/sankey-graph/pool", test_sankey_graph_pool);

  return g_test_run ();
}
