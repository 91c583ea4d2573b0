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
 * in week 0, due in week 4, over 20 weeks.  No lead or transit times, so
 * what a starts reaches cust the same week.
 *   Base: a binds, 10 a week reach cust: 200 by week 19, never filled;
 *         lateness counts as 20 − 4 = 16.
 *   a × 1.1: 11 a week in weeks 0–18 (209), the last 1 in week 19: filled
 *         in week 19, lateness 15.
 * Over weeks 0–19 the differences are +1 in weeks 0–18 and −9 in week 19.
 * The gain weights each week's difference by the weeks left in the
 * window, over its 20 weeks: (Σ_{k = 2 … 20} k − 9) / 20 = (209 − 9) / 20
 * = 10.  The base holds (Σ_{k = 1 … 20} 10 k) / 20 = 105, so the share is
 * 10 / 105.  Lateness change −1.
 * Over weeks 0–9: +1 a week, gain (1 + … + 10) / 10 = 5.5 against 55: a
 * share of 0.1; the order is due in week 4, inside: −1.
 * Over weeks 5–9: gain (1 + … + 5) / 5 = 3 against 30; no order is due
 * there: no lateness change (NAN).
 *   b × 1.1: a still binds: gain 0, change 0.  c has no capacity: not
 *   ranked. */
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
  g_autoptr(GArray) inner = NULL;
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
  g_assert_cmpuint (r->product, ==, 0);
  assert_near (r->gain, 10);
  assert_near (r->share, 10.0 / 105.0);
  assert_near (r->lateness_change, -1);
  r = &g_array_index (rows, WflBottleneck, 1);
  g_assert_cmpstr (wfl_simulation_get_node_id (sim, r->node), ==, "b");
  g_assert_cmpfloat (r->gain, ==, 0);
  g_assert_cmpfloat (r->lateness_change, ==, 0);
  g_assert_true (wfl_bottlenecks_get_top (rows, 0) == &g_array_index (rows, WflBottleneck, 0));

  window = wfl_bottlenecks_rank (sim, 0, 9, NULL, &error);
  g_assert_no_error (error);
  assert_near (g_array_index (window, WflBottleneck, 0).gain, 5.5);
  assert_near (g_array_index (window, WflBottleneck, 0).share, 0.1);
  assert_near (g_array_index (window, WflBottleneck, 0).lateness_change, -1);

  inner = wfl_bottlenecks_rank (sim, 5, 9, NULL, &error);
  g_assert_no_error (error);
  assert_near (g_array_index (inner, WflBottleneck, 0).gain, 3);
  assert_near (g_array_index (inner, WflBottleneck, 0).share, 0.1);
  g_assert_true (isnan (g_array_index (inner, WflBottleneck, 0).lateness_change));

  /* The simulation's own results are untouched. */
  assert_near (wfl_simulation_get_delivered (sim, -1, 0, 19), before);
  g_assert_cmpint (wfl_simulation_get_order (sim, 0)->filled_week, ==, -1);
}

/* One set of variant runs ranks every window, and gives what ranking
 * each window from scratch gives. */
static void
test_bottlenecks_windows (void)
{
  g_autoptr(WflScenario) s = chain ();
  g_autoptr(WflSimulation) sim = simulate (s);
  g_autoptr(WflBottlenecks) runs = wfl_bottlenecks_new (sim, NULL, 0, NULL, NULL);
  guint only_b = 1;
  g_autoptr(WflBottlenecks) partial = wfl_bottlenecks_new (sim, &only_b, 1, NULL, NULL);
  g_autoptr(GArray) empty = NULL;
  g_autoptr(GArray) part = NULL;

  g_assert_true (wfl_bottlenecks_get_simulation (runs) == sim);
  for (int a = 0; a < 20; a += 3)
    for (int b = a; b < 20; b += 4)
      {
        g_autoptr(GArray) cached = wfl_bottlenecks_rank_window (runs, a, b);
        g_autoptr(GArray) fresh = wfl_bottlenecks_rank (sim, a, b, NULL, NULL);

        g_assert_cmpuint (cached->len, ==, fresh->len);
        g_assert_cmpmem (cached->data, cached->len * sizeof (WflBottleneck),
                         fresh->data, fresh->len * sizeof (WflBottleneck));
      }

  /* A window outside the calendar gains nothing. */
  empty = wfl_bottlenecks_rank_window (runs, 25, 30);
  g_assert_cmpuint (empty->len, ==, 2);
  g_assert_cmpfloat (g_array_index (empty, WflBottleneck, 0).gain, ==, 0);
  g_assert_null (wfl_bottlenecks_get_top (empty, 0));

  /* Only the nodes asked for are run. */
  part = wfl_bottlenecks_rank_window (partial, 0, 19);
  g_assert_cmpuint (part->len, ==, 1);
  g_assert_cmpuint (g_array_index (part, WflBottleneck, 0).node, ==, 1);
  g_assert_null (wfl_bottlenecks_find (part, 0, 0));
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
  /* One more a week over ten weeks: (1 + … + 10) / 10. */
  assert_near (g_array_index (rows, WflBottleneck, 0).gain, 5.5);
  /* No due dates: no lateness. */
  g_assert_true (isnan (g_array_index (rows, WflBottleneck, 0).lateness_change));
}

/* End products: the units of the customers, counted apart.
 *
 *   s (supply, 10/week, priority) → t (tpu, priority 1) → ct (tpu, 1000 due week 30)
 *                                 → g (gpu, priority 2) → cg (gpu, 1000 due week 30)
 *   w (supply, 3/week) → t (its second input)
 *
 * No lead or transit times, 10 weeks.  t can start only the 3 a week w
 * gives, so it asks s for 3; s serves t first and g gets the other 7:
 * 7 GPUs and 3 TPUs a week.  s × 1.1 makes 11: t still 3, g 8, so +1 GPU
 * a week and no TPU more.  w × 1.1: t asks for and gets 3.3, +0.3 TPUs a
 * week (and g 0.3 fewer, but w does not reach GPUs: no GPU row).  Over
 * weeks 0–9 a steady +x a week gains x (1 + … + 10) / 10 = 5.5 x: s 5.5
 * GPUs against 38.5 (share 1/7), w 1.65 TPUs against 16.5 (share 0.1).
 * s reaches both end products and has a row for each; g and t have no
 * capacity and are not ranked.  GPUs come first: cg is the first
 * customer in the document. */
static void
test_bottlenecks_products (void)
{
  g_autoptr(WflScenario) s = new_scenario (10);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(GArray) rows = NULL;
  WflNode *node;
  const WflBottleneck *r;
  int ns, nw;

  node = add_node (s, "s", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  node->allocation = WFL_ALLOCATION_PRIORITY;
  add_node (s, "w", WFL_NODE_KIND_SUPPLY, 3, 0, 1);
  add_node (s, "g", WFL_NODE_KIND_PROCESS, -1, 0, 1);
  add_node (s, "t", WFL_NODE_KIND_PROCESS, -1, 0, 1);
  node = add_node (s, "cg", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  g_free (node->unit);
  node->unit = g_strdup ("gpu");
  node = add_node (s, "ct", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  g_free (node->unit);
  node->unit = g_strdup ("tpu");
  add_link (s, "s", "g", 1)->priority = 2;
  add_link (s, "s", "t", 1)->priority = 1;
  add_link (s, "w", "t", 1);
  add_link (s, "g", "cg", 1);
  add_link (s, "t", "ct", 1);
  add_order (s, "cg", "og", 1000, 0, 30);
  add_order (s, "ct", "ot", 1000, 0, 30);
  sim = simulate (s);
  ns = wfl_simulation_find_node (sim, "s");
  nw = wfl_simulation_find_node (sim, "w");

  g_assert_cmpuint (wfl_simulation_get_n_products (sim), ==, 2);
  g_assert_cmpstr (wfl_simulation_get_product_unit (sim, 0), ==, "gpu");
  g_assert_cmpstr (wfl_simulation_get_product_unit (sim, 1), ==, "tpu");
  g_assert_cmpint (wfl_simulation_get_node_product (sim, wfl_simulation_find_node (sim, "ct")), ==, 1);
  g_assert_cmpint (wfl_simulation_get_node_product (sim, ns), ==, -1);
  g_assert_true (wfl_simulation_node_reaches_product (sim, ns, 0));
  g_assert_true (wfl_simulation_node_reaches_product (sim, ns, 1));
  g_assert_false (wfl_simulation_node_reaches_product (sim, nw, 0));
  g_assert_true (wfl_simulation_node_reaches_product (sim, nw, 1));
  assert_near (wfl_simulation_get_product_delivered (sim, 0, 0, 9), 70);
  assert_near (wfl_simulation_get_product_delivered (sim, 1, 0, 9), 30);
  assert_near (wfl_simulation_get_product_delivered (sim, -1, 0, 9), 100);

  rows = wfl_bottlenecks_rank (sim, 0, 9, NULL, NULL);
  /* GPUs: s.  TPUs: w, then s. */
  g_assert_cmpuint (rows->len, ==, 3);
  r = &g_array_index (rows, WflBottleneck, 0);
  g_assert_cmpint (r->node, ==, ns);
  g_assert_cmpuint (r->product, ==, 0);
  assert_near (r->gain, 5.5);
  assert_near (r->share, 1.0 / 7.0);
  r = &g_array_index (rows, WflBottleneck, 1);
  g_assert_cmpint (r->node, ==, nw);
  g_assert_cmpuint (r->product, ==, 1);
  assert_near (r->gain, 1.65);
  assert_near (r->share, 0.1);
  r = &g_array_index (rows, WflBottleneck, 2);
  g_assert_cmpint (r->node, ==, ns);
  g_assert_cmpuint (r->product, ==, 1);
  g_assert_cmpfloat (r->gain, ==, 0);
  g_assert_true (wfl_bottlenecks_get_top (rows, 1)->node == (guint) nw);
  g_assert_true (wfl_bottlenecks_find (rows, ns, 1) == r);
}

/* A gain below a thousandth of what the base run's customers hold is
 * none: a supplier raised from 1000 to 1100 a week whose consumer takes
 * 1000.05 a week gains 0.05 a week, a 20,000th. */
static void
test_bottlenecks_material (void)
{
  g_autoptr(WflScenario) s = new_scenario (10);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(GArray) rows = NULL;

  add_node (s, "a", WFL_NODE_KIND_SUPPLY, 1000, 0, 1);
  add_node (s, "b", WFL_NODE_KIND_PROCESS, 1000.05, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "a", "b", 1);
  add_link (s, "b", "cust", 1);
  add_order (s, "cust", "o", 1e6, 0, -1);
  sim = simulate (s);
  rows = wfl_bottlenecks_rank (sim, 0, 9, NULL, NULL);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpfloat (g_array_index (rows, WflBottleneck, 0).gain, ==, 0);
  g_assert_cmpfloat (g_array_index (rows, WflBottleneck, 1).gain, ==, 0);
  g_assert_null (wfl_bottlenecks_get_top (rows, 0));
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
new_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WflBottlenecks) runs = wfl_bottlenecks_new_finish (WFL_SIMULATION (object), result, &error);
  g_autoptr(GArray) rows = NULL;

  g_assert_no_error (error);
  rows = wfl_bottlenecks_rank_window (runs, 0, 19);
  g_assert_cmpuint (rows->len, ==, 2);
  assert_near (g_array_index (rows, WflBottleneck, 0).gain, 10);
  g_main_loop_quit (loop);
}

static void
test_bottlenecks_async (void)
{
  g_autoptr(WflScenario) s = chain ();
  g_autoptr(WflSimulation) sim = simulate (s);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  wfl_bottlenecks_new_async (sim, NULL, new_done_cb, loop);
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
  g_assert_cmpuint (wfl_simulation_count_limiting_weeks (sim, 0, 0, 19), ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/bottlenecks/rank", test_bottlenecks_rank);
  g_test_add_func ("/wfl/model/bottlenecks/windows", test_bottlenecks_windows);
  g_test_add_func ("/wfl/model/bottlenecks/ties", test_bottlenecks_ties);
  g_test_add_func ("/wfl/model/bottlenecks/products", test_bottlenecks_products);
  g_test_add_func ("/wfl/model/bottlenecks/material", test_bottlenecks_material);
  g_test_add_func ("/wfl/model/bottlenecks/cancelled", test_bottlenecks_cancelled);
  g_test_add_func ("/wfl/model/bottlenecks/async", test_bottlenecks_async);
  g_test_add_func ("/wfl/model/bottlenecks/bound-share", test_bottlenecks_bound_share);

  return g_test_run ();
}
