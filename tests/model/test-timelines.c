/* test-timelines.c: order timelines, every week in one category (docs/model.md)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sim-helpers.h"
#include "timeline-checks.h"

static void
assert_row (const WflOrderResult *order,
            WflSimulation        *sim,
            guint                 k,
            const char           *node,
            WflStageKind          kind,
            int                   start,
            int                   end)
{
  g_assert_cmpuint (k, <, order->n_stages);
  g_assert_cmpstr (wfl_simulation_get_node_id (sim, order->stages[k].node), ==, node);
  g_assert_cmpint (order->stages[k].kind, ==, kind);
  g_assert_cmpint (order->stages[k].start_week, ==, start);
  g_assert_cmpint (order->stages[k].end_week, ==, end);
}

static void
assert_weeks (const WflOrderResult *order,
              int                   allocation,
              int                   stock,
              int                   work,
              int                   wait,
              int                   transit)
{
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_ALLOCATION], ==, allocation);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_STOCK], ==, stock);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_WORK], ==, work);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_WAIT], ==, wait);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_TRANSIT], ==, transit);
}

/* The second example of docs/model.md: s (supply, lead 4, capacity 0, a
 * running start of 5 a week) → 2 weeks of transit → cust, 20 placed in
 * week 2.
 *   w0, w1: 5 complete each, into s's stock (nothing is ordered yet).
 *   w2: 5 more; cust needs 20; s ships its 15 (they arrive in w4).
 *   w3: the last 5 of the running start (started in week −1) complete;
 *       cust needs 20 − 15 on their way = 5: shipped, they arrive in w5.
 *   w5: filled.
 * The last units were started before the order: a stock row at s from
 * the placed week 2 to week 3, when they completed (1 week made before
 * the order), then 2 weeks of transit to the customer: 1 + 2 = 5 − 2. */
static void
test_timeline_stock_in_transit (void)
{
  g_autoptr(WflScenario) s = new_scenario (10);
  g_autoptr(WflSimulation) sim = NULL;
  const WflOrderResult *order;
  WflNode *supply = add_node (s, "s", WFL_NODE_KIND_SUPPLY, 0, 4, 1);

  supply->initial_rate = 5;
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "cust", 1)->transit_weeks = 2;
  add_order (s, "cust", "o", 20, 2, -1);
  sim = simulate (s);

  assert_near (shipped (sim, 0, 2), 15);
  assert_near (shipped (sim, 0, 3), 5);
  order = order_by_id (sim, "o");
  g_assert_cmpint (order->placed_week, ==, 2);
  g_assert_cmpint (order->filled_week, ==, 5);
  g_assert_cmpuint (order->n_stages, ==, 2);
  assert_row (order, sim, 0, "s", WFL_STAGE_KIND_STOCK, 2, 3);
  g_assert_cmpint (order->stages[0].made_week, ==, 3);
  g_assert_cmpint (order->stages[0].wait_before_weeks, ==, 0);
  assert_row (order, sim, 1, "cust", WFL_STAGE_KIND_CUSTOMER, 5, 5);
  g_assert_cmpint (order->stages[1].shipped_week, ==, 3);
  g_assert_cmpint (order->stages[1].arrived_week, ==, 5);
  g_assert_cmpint (order->stages[1].wait_before_weeks, ==, 2);
  g_assert_cmpint (order->stages[1].transit_weeks, ==, 2);
  assert_weeks (order, 0, 1, 0, 0, 2);
  check_order_timelines (sim);
}

/* Work in progress made before the order, then a stage for it.
 * s (supply, lead 3, capacity 0, a running start of 10 a week) → p
 * (unlimited, lead 1) → cust, 30 placed in week 0.
 *   w0: s completes 10 (started in week −3), ships them; p starts 10.
 *   w1: the same with the batch started in week −2; p's first 10 reach cust.
 *   w2: the batch started in week −1 completes, ships; p starts it.
 *   w3: p completes it: filled.
 * The last units: s's batch of week −1 (before the order), so a stock row
 * from the placed week 0 to week 2, when it completed (2 weeks made before
 * the order); p started them in week 2 (no wait) and ended in week 3. */
static void
test_timeline_stock_in_progress (void)
{
  g_autoptr(WflScenario) s = new_scenario (8);
  g_autoptr(WflSimulation) sim = NULL;
  const WflOrderResult *order;
  WflNode *supply = add_node (s, "s", WFL_NODE_KIND_SUPPLY, 0, 3, 1);

  supply->initial_rate = 10;
  add_node (s, "p", WFL_NODE_KIND_PROCESS, -1, 1, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "p", 1);
  add_link (s, "p", "cust", 1);
  add_order (s, "cust", "o", 30, 0, -1);
  sim = simulate (s);

  for (int t = 0; t < 3; t++)
    assert_near (val (sim, "p", WFL_SERIES_STARTS, t), 10);
  order = order_by_id (sim, "o");
  g_assert_cmpint (order->filled_week, ==, 3);
  g_assert_cmpuint (order->n_stages, ==, 3);
  assert_row (order, sim, 0, "s", WFL_STAGE_KIND_STOCK, 0, 2);
  g_assert_cmpint (order->stages[0].made_week, ==, 2);
  assert_row (order, sim, 1, "p", WFL_STAGE_KIND_WORK, 2, 3);
  g_assert_cmpint (order->stages[1].wait_before_weeks, ==, 0);
  assert_row (order, sim, 2, "cust", WFL_STAGE_KIND_CUSTOMER, 3, 3);
  assert_weeks (order, 0, 2, 1, 0, 0);
  check_order_timelines (sim);
}

/* Stock held back by the consumer's capacity.  w (supply, capacity 0,
 * 30 in stock at the start: made before the calendar) → 1 week of transit
 * → f (10 a week, lead 2) → cust, 30 placed in week 0.  f asks only for
 * what it can start when a shipment arrives (its capacity, 10):
 *   w0: w ships 10 (arrive w1).   w1: f starts them; nothing more asked.
 *   w2: w ships 10 (arrive w3).   w3: f's first 10 reach cust; f starts.
 *   w4: w ships the last 10 (arrive w5).  w5: f starts them.  w7: filled.
 * The last units: from w's initial stock (made in week −1), so a stock
 * row of no weeks at the placed week; held in w's stock weeks 0–3 (4),
 * in transit in week 4 (1), started by f on arrival in week 5, which
 * works until week 7 (2): 4 + 1 + 2 = 7 − 0. */
static void
test_timeline_held_in_stock (void)
{
  g_autoptr(WflScenario) s = new_scenario (12);
  g_autoptr(WflSimulation) sim = NULL;
  const WflOrderResult *order;
  WflNode *warehouse = add_node (s, "w", WFL_NODE_KIND_SUPPLY, 0, 0, 1);

  warehouse->initial_stock = 30;
  add_node (s, "f", WFL_NODE_KIND_PROCESS, 10, 2, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "w", "f", 1)->transit_weeks = 1;
  add_link (s, "f", "cust", 1);
  add_order (s, "cust", "o", 30, 0, -1);
  sim = simulate (s);

  assert_near (shipped (sim, 0, 0), 10);
  assert_near (shipped (sim, 0, 1), 0);
  assert_near (shipped (sim, 0, 2), 10);
  assert_near (shipped (sim, 0, 4), 10);
  order = order_by_id (sim, "o");
  g_assert_cmpint (order->filled_week, ==, 7);
  g_assert_cmpuint (order->n_stages, ==, 3);
  assert_row (order, sim, 0, "w", WFL_STAGE_KIND_STOCK, 0, 0);
  g_assert_cmpint (order->stages[0].made_week, ==, -1);
  assert_row (order, sim, 1, "f", WFL_STAGE_KIND_WORK, 5, 7);
  g_assert_cmpint (order->stages[1].shipped_week, ==, 4);
  g_assert_cmpint (order->stages[1].arrived_week, ==, 5);
  g_assert_cmpint (order->stages[1].wait_weeks, ==, 4);
  g_assert_cmpint (order->stages[1].transit_weeks, ==, 1);
  g_assert_cmpint (order->stages[1].wait_before_weeks, ==, 5);
  assert_row (order, sim, 2, "cust", WFL_STAGE_KIND_CUSTOMER, 7, 7);
  assert_weeks (order, 0, 0, 2, 4, 1);
  check_order_timelines (sim);
}

/* Waiting for a share of a scarce supply.  g (supply, 10 a week) →
 * hub (fair-share, unlimited, lead 0) → c1, c2, 10 each placed in week 0.
 *   w0: both ask 10; hub has 10: 5 each.   w1: 5 more each: both filled.
 * Each order's last units were made by g in week 1: 1 week waiting for
 * allocation, then g and hub (lead 0) at once. */
static void
test_timeline_allocation (void)
{
  g_autoptr(WflScenario) s = new_scenario (6);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *hub;

  add_node (s, "g", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  hub = add_node (s, "hub", WFL_NODE_KIND_PROCESS, -1, 0, 1);
  hub->allocation = WFL_ALLOCATION_FAIR_SHARE;
  add_node (s, "c1", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_node (s, "c2", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "g", "hub", 1);
  add_link (s, "hub", "c1", 1);
  add_link (s, "hub", "c2", 1);
  add_order (s, "c1", "o1", 10, 0, -1);
  add_order (s, "c2", "o2", 10, 0, -1);
  sim = simulate (s);

  assert_near (shipped (sim, 1, 0), 5);
  assert_near (shipped (sim, 2, 0), 5);
  for (const char *const *id = (const char *[]) { "o1", "o2", NULL }; *id; id++)
    {
      const WflOrderResult *order = order_by_id (sim, *id);

      g_assert_cmpint (order->filled_week, ==, 1);
      g_assert_cmpuint (order->n_stages, ==, 3);
      assert_row (order, sim, 0, "g", WFL_STAGE_KIND_WORK, 1, 1);
      g_assert_cmpint (order->stages[0].allocation_weeks, ==, 1);
      assert_row (order, sim, 1, "hub", WFL_STAGE_KIND_WORK, 1, 1);
      assert_weeks (order, 1, 0, 0, 0, 0);
    }
  check_order_timelines (sim);
}

/* An order of nothing is filled when it is placed: the customer alone,
 * no weeks; an order never filled has no rows. */
static void
test_timeline_empty_and_unfilled (void)
{
  g_autoptr(WflScenario) s = new_scenario (6);
  g_autoptr(WflSimulation) sim = NULL;
  const WflOrderResult *order;

  add_node (s, "g", WFL_NODE_KIND_SUPPLY, 1, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "g", "cust", 1);
  add_order (s, "cust", "none", 0, 3, -1);
  add_order (s, "cust", "big", 100, 0, -1);
  sim = simulate (s);

  order = order_by_id (sim, "none");
  g_assert_cmpint (order->filled_week, ==, 3);
  g_assert_cmpuint (order->n_stages, ==, 1);
  assert_row (order, sim, 0, "cust", WFL_STAGE_KIND_CUSTOMER, 3, 3);
  assert_weeks (order, 0, 0, 0, 0, 0);
  order = order_by_id (sim, "big");
  g_assert_cmpint (order->filled_week, ==, -1);
  g_assert_cmpuint (order->n_stages, ==, 0);
  check_order_timelines (sim);
}

/* The built-in scenario, as issue 10 found it: stage rows dated before
 * their order was placed (with time-phased requests, 72 rows of 42 orders;
 * 190 rows of 100 orders with Nvidia allocating by priority), and the
 * weeks before the first stage not counted (2,833 weeks over 123 orders).
 * Now no row is dated before placement and every filled order's weeks add
 * up, under Nvidia's fair share and under priority. */
static void
test_timeline_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = wfl_scenario_new_builtin (&error);
  WflNode *nvidia;

  g_assert_no_error (error);
  nvidia = wfl_scenario_find_node (s, "nvidia");
  g_assert_nonnull (nvidia);
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(WflSimulation) sim = NULL;
      guint filled = 0, with_stock;

      if (pass == 1)
        nvidia->allocation = WFL_ALLOCATION_PRIORITY;
      sim = simulate (s);
      with_stock = check_order_timelines (sim);
      for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
        filled += wfl_simulation_get_order (sim, o)->filled_week >= 0;
      g_test_message ("%s: %u filled orders, %u served from stock made before them",
                      pass == 0 ? "fair share" : "priority", filled, with_stock);
      /* The cases are met: most orders filled, some from stock. */
      g_assert_cmpuint (filled, >, 100);
      g_assert_cmpuint (with_stock, >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/timelines/stock-in-transit", test_timeline_stock_in_transit);
  g_test_add_func ("/wfl/model/timelines/stock-in-progress", test_timeline_stock_in_progress);
  g_test_add_func ("/wfl/model/timelines/held-in-stock", test_timeline_held_in_stock);
  g_test_add_func ("/wfl/model/timelines/allocation", test_timeline_allocation);
  g_test_add_func ("/wfl/model/timelines/empty-and-unfilled", test_timeline_empty_and_unfilled);
  g_test_add_func ("/wfl/model/timelines/builtin", test_timeline_builtin);

  return g_test_run ();
}
