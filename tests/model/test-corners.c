/* test-corners.c: corners of the simulation's results, by hand
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Cases the survivors of a mutation run (build-aux/mutate.py) asked for:
 * each pins a result that could change without any other test failing.
 * The numbers are worked out in the comments. */

#include "config.h"

#include "sim-helpers.h"

/* A customer written first in the document (node 0) counts like any
 * other.  cust ← s (10 a week), 25 ordered in week 0: 10, 10, 5 in weeks
 * 0–2.  Delivered over weeks 0–2: 25; in week 1 alone: 10; for cust
 * alone: 25; for node s (not a customer): 0. */
static void
test_customer_first (void)
{
  g_autoptr(WflScenario) s = new_scenario (4);
  g_autoptr(WflSimulation) sim = NULL;

  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_node (s, "s", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_link (s, "s", "cust", 1);
  add_order (s, "cust", "o", 25, 0, -1);
  sim = simulate (s);

  g_assert_cmpint (wfl_simulation_find_node (sim, "cust"), ==, 0);
  assert_near (wfl_simulation_get_delivered (sim, -1, 0, 2), 25);
  assert_near (wfl_simulation_get_delivered (sim, -1, 1, 1), 10);
  assert_near (wfl_simulation_get_delivered (sim, 0, 0, 3), 25);
  assert_near (wfl_simulation_get_delivered (sim, 1, 0, 3), 0);
  g_assert_cmpint (order_by_id (sim, "o")->filled_week, ==, 2);
}

/* Asking about a node that does not exist is a programming error: a
 * critical, and nothing counted. */
static void
test_unknown_node (void)
{
  g_autoptr(WflScenario) s = new_scenario (4);
  g_autoptr(WflSimulation) sim = NULL;

  add_node (s, "s", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "cust", 1);
  add_order (s, "cust", "o", 100, 0, -1);
  sim = simulate (s);

  /* s is capacity-bound every week: cust is always short. */
  g_assert_cmpuint (wfl_simulation_count_bound_weeks (sim, 0, 0, 3), ==, 4);
  g_test_expect_message ("wfl-simulation", G_LOG_LEVEL_CRITICAL, "*node*");
  g_assert_cmpuint (wfl_simulation_count_bound_weeks (sim, 7, 0, 3), ==, 0);
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/corners/customer-first", test_customer_first);
  g_test_add_func ("/wfl/model/corners/unknown-node", test_unknown_node);

  return g_test_run ();
}
