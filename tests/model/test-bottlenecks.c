/* test-bottlenecks.c: the bottleneck ranking, by hand
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-helpers.h"

/* a (supply, 10/week) → b (20/week) → c (unlimited) → cust: 210 ordered
 * in week 0, due in week 4, over 20 weeks.
 *   Base: a binds, 10 a week reach cust: 200 by week 19, never filled;
 *         lateness counts as 20 − 4 = 16.
 *   a × 1.1: 11 a week; 11 × 20 = 220 ≥ 210 first in week 19: filled,
 *         lateness 15.  Gain 210 − 200 = 10, lateness change −1.
 *   b × 1.1: a still binds: gain 0, change 0.  c has no capacity: not
 *         ranked.
 * In weeks 0–9 only: base 100, a × 1.1 gives 110: gain 10. */
static WflScenario *
chain (void)
{
  WflScenario *s = new_scenario (20);

  add_node (s, "a", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "b", WFL_NODE_KIND_PROCESS, 20, 0, 1);
  add_node (s, "c", WFL_NODE_KIND_PROCESS, -1, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "a", "b", 1);
  add_link (s, "b", "c", 1);
  add_link (s, "c", "cust", 1);
  add_order (s, "cust", "o", 210, 0, 4);
  return s;
}

static void
test_bottlenecks_rank (void)
{
  g_autoptr(WflScenario) s = chain ();
  g_autoptr(WflSimulation) sim = simulate (s);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) window = NULL;
  g_autoptr(GError) error = NULL;
  WflBottleneck *r;
  double before = wfl_simulation_get_delivered (sim, -1, 0, 19);

  assert_near (before, 200);
  assert_near (wfl_simulation_get_mean_lateness (sim), 16);

  rows = wfl_bottlenecks_rank (sim, 0, G_MAXINT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  r = &g_array_index (rows, WflBottleneck, 0);
  g_assert_cmpstr (wfl_simulation_get_node_id (sim, r->node), ==, "a");
  assert_near (r->gain, 10);
  assert_near (r->lateness_change, -1);
  r = &g_array_index (rows, WflBottleneck, 1);
  g_assert_cmpstr (wfl_simulation_get_node_id (sim, r->node), ==, "b");
  assert_near (r->gain, 0);
  assert_near (r->lateness_change, 0);

  window = wfl_bottlenecks_rank (sim, 0, 9, NULL, &error);
  g_assert_no_error (error);
  assert_near (g_array_index (window, WflBottleneck, 0).gain, 10);
  assert_near (g_array_index (window, WflBottleneck, 0).delivered, 110);

  /* The simulation's own results are untouched. */
  assert_near (wfl_simulation_get_delivered (sim, -1, 0, 19), before);
  g_assert_cmpint (wfl_simulation_get_order (sim, 0)->filled_week, ==, -1);
}

/* Ties keep document order: two parallel suppliers that both bind and
 * gain the same. */
static void
test_bottlenecks_ties (void)
{
  g_autoptr(WflScenario) s = new_scenario (10);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(GArray) rows = NULL;

  add_node (s, "z", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "y", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "cz", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_node (s, "cy", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "z", "cz", 1);
  add_link (s, "y", "cy", 1);
  add_order (s, "cz", "oz", 1000, 0, -1);
  add_order (s, "cy", "oy", 1000, 0, -1);
  sim = simulate (s);
  rows = wfl_bottlenecks_rank (sim, 0, G_MAXINT, NULL, NULL);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpuint (g_array_index (rows, WflBottleneck, 0).node, ==, 0);
  g_assert_cmpuint (g_array_index (rows, WflBottleneck, 1).node, ==, 1);
  assert_near (g_array_index (rows, WflBottleneck, 0).gain, 10);
}

static void
test_bottlenecks_cancelled (void)
{
  g_autoptr(WflScenario) s = chain ();
  g_autoptr(WflSimulation) sim = simulate (s);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;

  g_cancellable_cancel (cancellable);
  rows = wfl_bottlenecks_rank (sim, 0, G_MAXINT, cancellable, &error);
  g_assert_null (rows);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
rank_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = wfl_bottlenecks_rank_finish (WFL_SIMULATION (object), result, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_main_loop_quit (loop);
}

static void
test_bottlenecks_async (void)
{
  g_autoptr(WflScenario) s = chain ();
  g_autoptr(WflSimulation) sim = simulate (s);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  wfl_bottlenecks_rank_async (sim, 0, G_MAXINT, NULL, rank_done_cb, loop);
  g_main_loop_run (loop);
}

/* The per-quarter bound share: a binds every week while cust still
 * waits, so its share is 1 in both quarters the 20 weeks touch. */
static void
test_bottlenecks_bound_share (void)
{
  g_autoptr(WflScenario) s = chain ();
  g_autoptr(WflSimulation) sim = simulate (s);

  g_assert_cmpuint (wfl_simulation_get_n_quarters (sim), ==, 2);
  assert_near (wfl_simulation_get_quarter_bound_share (sim, 0, 0), 1);
  assert_near (wfl_simulation_get_quarter_bound_share (sim, 0, 1), 1);
  assert_near (wfl_simulation_get_quarter_bound_share (sim, 1, 0), 0);
  g_assert_cmpint (wfl_simulation_get_top_bottleneck (sim, 0, 19), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/bottlenecks/rank", test_bottlenecks_rank);
  g_test_add_func ("/wfl/model/bottlenecks/ties", test_bottlenecks_ties);
  g_test_add_func ("/wfl/model/bottlenecks/cancelled", test_bottlenecks_cancelled);
  g_test_add_func ("/wfl/model/bottlenecks/async", test_bottlenecks_async);
  g_test_add_func ("/wfl/model/bottlenecks/bound-share", test_bottlenecks_bound_share);

  return g_test_run ();
}
