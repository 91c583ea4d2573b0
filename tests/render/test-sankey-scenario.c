/* test-sankey-scenario.c: the flows of a simulated scenario as a Sankey
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "wfl-model.h"
#include "wfl-simulation.h"
#include "wfl-sankey-graph.h"

static WflSimulation *
simulate (WflScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflSimulation) simulation = wfl_simulation_new (scenario, &error);

  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (simulation, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&simulation);
}

/* docs/model.md's worked example over the whole calendar: the wafers ship 6
 * wafers (60 die starts at 0.1 wafer a start), of which half are good:
 * 30 dies reach the customer.  In end-product units the wafer band
 * stands for the 30 good dies it becomes, so the fab conserves flow. */
static void
test_sankey_scenario_teaching (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(WflSimulation) simulation = simulate (scenario);
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new_for_window (scenario, simulation, 0, 19);
  const WflSankeyLink *in, *out;
  const WflSankeyNode *fab;

  g_assert_cmpuint (wfl_sankey_graph_get_n_nodes (graph), ==, 3);
  g_assert_cmpuint (wfl_sankey_graph_get_n_links (graph), ==, 2);

  in = wfl_sankey_graph_get_link (graph, 0);
  out = wfl_sankey_graph_get_link (graph, 1);
  g_assert_cmpfloat_with_epsilon (in->source_quantity, 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (in->target_quantity, 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (out->source_quantity, 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (in->value, 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (out->value, 30, 1e-9);

  /* The fab was capacity-bound in week 0 only (it wanted 60 starts and
   * could make 40), yet it is the window's top bottleneck: marked. */
  fab = wfl_sankey_graph_get_node (graph, 1);
  g_assert_true (fab->bottleneck);
  g_assert_false (wfl_sankey_graph_get_node (graph, 0)->bottleneck);
  g_assert_cmpfloat_with_epsilon (fab->quantity, 30, 1e-9);
}

/* A node with two bill-of-materials lines: each line is drawn in the
 * end-product units it becomes, so both bands into the node are as wide
 * as its output (100 packages' worth of dies and of stacks). */
static void
test_sankey_scenario_bom_lines (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new ();
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(WflSankeyGraph) graph = NULL;
  WflNode *node;
  WflLink *link;
  double in_value = 0, out_value = 0;

  wfl_scenario_set_calendar (scenario, wfl_date_from_ymd (2023, 1, 2), 10);
  wfl_scenario_add_node (scenario, wfl_node_new ("dies", WFL_NODE_KIND_SUPPLY));
  wfl_scenario_add_node (scenario, wfl_node_new ("hbm", WFL_NODE_KIND_SUPPLY));
  node = wfl_node_new ("pack", WFL_NODE_KIND_PROCESS);
  wfl_scenario_add_node (scenario, node);
  node = wfl_node_new ("cust", WFL_NODE_KIND_CUSTOMER);
  g_ptr_array_add (node->orders, wfl_order_new ("o", 100, wfl_date_from_ymd (2023, 1, 2)));
  wfl_scenario_add_node (scenario, node);
  wfl_scenario_add_link (scenario, wfl_link_new ("dies", "pack"));
  link = wfl_link_new ("hbm", "pack");
  link->per_unit = 5;
  wfl_scenario_add_link (scenario, link);
  wfl_scenario_add_link (scenario, wfl_link_new ("pack", "cust"));

  simulation = simulate (scenario);
  graph = wfl_sankey_graph_new_for_window (scenario, simulation, 0, 9);

  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      const WflSankeyLink *band = wfl_sankey_graph_get_link (graph, l);

      if (band->target == 2)
        in_value += band->value;
      if (band->source == 2)
        out_value += band->value;
    }
  g_assert_cmpfloat_with_epsilon (out_value, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (in_value, 2 * out_value, 1e-9);
  g_assert_cmpfloat_with_epsilon (wfl_sankey_graph_get_link (graph, 0)->value, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (wfl_sankey_graph_get_link (graph, 1)->value, 100, 1e-9);
  /* 500 stacks went in, shown in stacks at the band's source. */
  g_assert_cmpfloat_with_epsilon (wfl_sankey_graph_get_link (graph, 1)->source_quantity, 500, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/render/sankey-scenario/teaching", test_sankey_scenario_teaching);
  g_test_add_func ("/wfl/render/sankey-scenario/bom-lines", test_sankey_scenario_bom_lines);

  return g_test_run ();
}
