/* test-simulation-queries.c: queries over the results against their definitions
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl_simulation_count_limiting_weeks() looks only at the links out of a
 * node (it runs for every node and week of a Sankey's window); here it is
 * checked against its definition in wfl-simulation.h, made from the public
 * accessors over every link, on a layered scenario where many nodes bind.
 */

#include "config.h"

#include "wfl-model.h"
#include "wfl-layered-scenario.h"

/* Capacity-bound, and a consumer was held back by the line n feeds or is
 * a customer still short. */
static gboolean
limiting_by_definition (WflSimulation *sim,
                        guint          n,
                        int            t)
{
  if (wfl_simulation_get_binding (sim, n, t, NULL) != WFL_BINDING_CAPACITY)
    return FALSE;
  for (guint l = 0; l < wfl_simulation_get_n_links (sim); l++)
    {
      guint to = wfl_simulation_get_link_to (sim, l);
      const char *line = NULL;

      if (wfl_simulation_get_link_from (sim, l) != n)
        continue;
      if (wfl_simulation_get_node_kind (sim, to) == WFL_NODE_KIND_CUSTOMER)
        {
          if (wfl_simulation_get_node_value (sim, to, WFL_SERIES_DESIRED, t) > 0)
            return TRUE;
        }
      else if (wfl_simulation_get_binding (sim, to, t, &line) == WFL_BINDING_INPUT &&
               g_strcmp0 (line, wfl_simulation_get_link_input (sim, l)) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_limiting_weeks (void)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (11, 6, 12, 200, 104);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0, bound = 0;
  int W;

  sim = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (sim, NULL, &error));
  W = wfl_simulation_get_n_weeks (sim);

  for (guint n = 0; n < wfl_simulation_get_n_nodes (sim); n++)
    {
      guint expected = 0;

      for (int t = 0; t < W; t++)
        expected += limiting_by_definition (sim, n, t);
      g_assert_cmpuint (wfl_simulation_count_limiting_weeks (sim, n, 0, W - 1), ==, expected);
      /* And over a window. */
      expected = 0;
      for (int t = 10; t <= 40; t++)
        expected += limiting_by_definition (sim, n, t);
      g_assert_cmpuint (wfl_simulation_count_limiting_weeks (sim, n, 10, 40), ==, expected);
      total += wfl_simulation_count_limiting_weeks (sim, n, 0, W - 1);
      bound += wfl_simulation_count_bound_weeks (sim, n, 0, W - 1);
    }
  /* The scenario has limiting nodes, and bound ones that do not limit. */
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (bound, >, total);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/simulation-queries/limiting-weeks", test_limiting_weeks);
  return g_test_run ();
}
