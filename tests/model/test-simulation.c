/* test-simulation.c: hand-computed cases for every rule of docs/model.md
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sim-helpers.h"

/* The worked example of docs/model.md, number by number.
 * wafers (supply, 10/week) → fab (die, 40/week, lead 2, yield 0.5,
 * 0.1 wafer a die) → cust (one order of 30 dies in week 0). */
static void
test_simulation_worked_example (void)
{
  g_autoptr(WflScenario) s = wfl_scenario_new_teaching_example ();
  g_autoptr(WflSimulation) sim = simulate (s);
  const WflOrderResult *order;
  const char *input = NULL;

  /* Week 0: cust needs 30; fab S = 30/0.5 = 60, D = min (40, 60) = 40.
   * The wafers line's horizon is this week alone (no transit, wafers
   * have no lead time): fab plans 40 starts and requests 40 × 0.1 = 4
   * wafers; wafers start 4 and ship them; fab starts 40.  Capacity held
   * fab back. */
  assert_near (val (sim, "cust", WFL_SERIES_DESIRED, 0), 30);
  assert_near (val (sim, "fab", WFL_SERIES_REQUIREMENT, 0), 60);
  assert_near (val (sim, "fab", WFL_SERIES_DESIRED, 0), 40);
  assert_near (val (sim, "wafers", WFL_SERIES_STARTS, 0), 4);
  assert_near (shipped (sim, 0, 0), 4);
  assert_near (val (sim, "fab", WFL_SERIES_STARTS, 0), 40);
  g_assert_cmpint (binding (sim, "fab", 0, &input), ==, WFL_BINDING_CAPACITY);
  g_assert_null (input);
  assert_near (val (sim, "fab", WFL_SERIES_UTILISATION, 0), 1.0);
  assert_near (val (sim, "wafers", WFL_SERIES_UTILISATION, 0), 0.4);

  /* Week 1: fab S = (30 − 0.5 × 40)/0.5 = 20; it requests 20 × 0.1 = 2
   * wafers, which start and ship, and starts 20: demand. */
  assert_near (val (sim, "fab", WFL_SERIES_REQUIREMENT, 1), 20);
  assert_near (shipped (sim, 0, 1), 2);
  assert_near (val (sim, "wafers", WFL_SERIES_STARTS, 1), 2);
  assert_near (val (sim, "fab", WFL_SERIES_STARTS, 1), 20);
  g_assert_cmpint (binding (sim, "fab", 1, NULL), ==, WFL_BINDING_DEMAND);
  /* WIP: 40 after week 0, 40 + 20 after week 1. */
  assert_near (val (sim, "fab", WFL_SERIES_WIP, 0), 40);
  assert_near (val (sim, "fab", WFL_SERIES_WIP, 1), 60);

  /* Week 2: 40 × 0.5 = 20 dies complete and ship; cust has 20. */
  assert_near (val (sim, "fab", WFL_SERIES_COMPLETED, 2), 20);
  assert_near (shipped (sim, 1, 2), 20);
  assert_near (val (sim, "cust", WFL_SERIES_STOCK, 2), 20);
  assert_near (val (sim, "fab", WFL_SERIES_WIP, 2), 20);
  assert_near (val (sim, "fab", WFL_SERIES_STARTS, 2), 0);

  /* Week 3: 20 × 0.5 = 10 more complete and ship; filled in week 3. */
  assert_near (val (sim, "fab", WFL_SERIES_COMPLETED, 3), 10);
  assert_near (shipped (sim, 1, 3), 10);
  assert_near (val (sim, "cust", WFL_SERIES_STOCK, 3), 30);
  order = order_by_id (sim, "o1");
  g_assert_cmpint (order->filled_week, ==, 3);
  assert_near (order->delivered, 30);

  /* Nothing moves afterwards: nothing is made beyond the orders. */
  for (int t = 4; t < 20; t++)
    {
      assert_near (val (sim, "wafers", WFL_SERIES_STARTS, t), 0);
      assert_near (val (sim, "fab", WFL_SERIES_STARTS, t), 0);
      assert_near (val (sim, "fab", WFL_SERIES_STOCK, t), 0);
    }
  assert_near (wfl_simulation_get_delivered (sim, -1, 0, 19), 30);
}

/* The order's timeline in the worked example.  The last units to reach
 * cust (week 3) are the 10 good dies of fab's week-1 batch, made from
 * the 2 wafers the wafers started and shipped in week 1:
 *   wafers: start 1, end 1 (lead 0); placed in week 0, so 1 week waiting
 *           for allocation (in week 0 fab was at capacity with the rest)
 *   fab:    the wafers arrived in week 1, fab started in week 1: wait 0;
 *           end 1 + 2 = 3
 *   cust:   filled in week 3, wait 3 − 3 = 0
 * 1 week of allocation + 2 of production = 3 = filled − placed. */
static void
test_simulation_worked_example_timeline (void)
{
  g_autoptr(WflScenario) s = wfl_scenario_new_teaching_example ();
  g_autoptr(WflSimulation) sim = simulate (s);
  const WflOrderResult *order = order_by_id (sim, "o1");

  g_assert_cmpuint (order->n_stages, ==, 3);
  g_assert_cmpstr (wfl_simulation_get_node_id (sim, order->stages[0].node), ==, "wafers");
  g_assert_cmpint (order->stages[0].kind, ==, WFL_STAGE_KIND_WORK);
  g_assert_cmpint (order->stages[0].start_week, ==, 1);
  g_assert_cmpint (order->stages[0].end_week, ==, 1);
  g_assert_cmpint (order->stages[0].wait_before_weeks, ==, 1);
  g_assert_cmpint (order->stages[0].allocation_weeks, ==, 1);
  g_assert_cmpstr (wfl_simulation_get_node_id (sim, order->stages[1].node), ==, "fab");
  g_assert_cmpint (order->stages[1].arrived_week, ==, 1);
  g_assert_cmpint (order->stages[1].start_week, ==, 1);
  g_assert_cmpint (order->stages[1].end_week, ==, 3);
  g_assert_cmpint (order->stages[1].wait_before_weeks, ==, 0);
  g_assert_cmpint (order->stages[1].allocation_weeks, ==, 0);
  g_assert_cmpstr (wfl_simulation_get_node_id (sim, order->stages[2].node), ==, "cust");
  g_assert_cmpint (order->stages[2].kind, ==, WFL_STAGE_KIND_CUSTOMER);
  g_assert_cmpint (order->stages[2].start_week, ==, 3);
  g_assert_cmpint (order->stages[2].end_week, ==, 3);
  g_assert_cmpint (order->stages[2].wait_before_weeks, ==, 0);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_ALLOCATION], ==, 1);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_WORK], ==, 2);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_WAIT], ==, 0);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_TRANSIT], ==, 0);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_STOCK], ==, 0);
}

/* A two-stage chain with transit, by hand.
 * a (supply, 5/week, lead 1) → 1 week transit → b (5/week, lead 2) →
 * cust (10 in week 0).
 *   w0: b S = 10, requests 10 a; a starts 5 (done w1); b has nothing: input:a.
 *   w1: a completes 5, ships 5 (arrives w2), starts 5 more (done w2).
 *   w2: 5 arrive at b; b starts 5 (done w4); a completes 5, ships (arrives w3).
 *   w3: 5 arrive; b S = 10 − 5 expected = 5, starts 5 (done w5).
 *   w4: b completes 5 → cust.  w5: 5 more → cust: filled in week 5.
 * The last lot: a started w1 (1 week waiting for allocation: a's week-0
 * units went first), ended w2; shipped w2, arrived at b w3 and started
 * there at once (wait 3 − 2 = 1, the transit); ended w5; cust got it in
 * w5 (wait 0).  Allocation 1 + production 1 + 2 + transit 1 = 5. */
static void
test_simulation_two_stage_timeline (void)
{
  g_autoptr(WflScenario) s = new_scenario (12);
  g_autoptr(WflSimulation) sim = NULL;
  const WflOrderResult *order;
  const char *input = NULL;

  add_node (s, "a", WFL_NODE_KIND_SUPPLY, 5, 1, 1);
  add_node (s, "b", WFL_NODE_KIND_PROCESS, 5, 2, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "a", "b", 1)->transit_weeks = 1;
  add_link (s, "b", "cust", 1);
  add_order (s, "cust", "o", 10, 0, 4);
  sim = simulate (s);

  g_assert_cmpint (binding (sim, "b", 0, &input), ==, WFL_BINDING_INPUT);
  g_assert_cmpstr (input, ==, "a");
  assert_near (val (sim, "a", WFL_SERIES_STARTS, 0), 5);
  assert_near (val (sim, "a", WFL_SERIES_STARTS, 1), 5);
  assert_near (val (sim, "a", WFL_SERIES_STARTS, 2), 0);
  assert_near (shipped (sim, 0, 1), 5);
  assert_near (shipped (sim, 0, 2), 5);
  assert_near (val (sim, "b", WFL_SERIES_STARTS, 2), 5);
  assert_near (val (sim, "b", WFL_SERIES_REQUIREMENT, 3), 5);
  assert_near (val (sim, "b", WFL_SERIES_STARTS, 3), 5);
  assert_near (val (sim, "cust", WFL_SERIES_COMPLETED, 4), 5);
  assert_near (val (sim, "cust", WFL_SERIES_COMPLETED, 5), 5);

  order = order_by_id (sim, "o");
  g_assert_cmpint (order->filled_week, ==, 5);
  g_assert_cmpint (order->lateness_weeks, ==, 1);
  assert_near (order->delivered_by_due, 5);
  g_assert_cmpuint (order->n_stages, ==, 3);
  g_assert_cmpint (order->stages[0].start_week, ==, 1);
  g_assert_cmpint (order->stages[0].end_week, ==, 2);
  g_assert_cmpint (order->stages[0].allocation_weeks, ==, 1);
  g_assert_cmpint (order->stages[1].shipped_week, ==, 2);
  g_assert_cmpint (order->stages[1].arrived_week, ==, 3);
  g_assert_cmpint (order->stages[1].start_week, ==, 3);
  g_assert_cmpint (order->stages[1].end_week, ==, 5);
  g_assert_cmpint (order->stages[1].wait_before_weeks, ==, 1);
  g_assert_cmpint (order->stages[1].transit_weeks, ==, 1);
  g_assert_cmpint (order->stages[1].wait_weeks, ==, 0);
  g_assert_cmpint (order->stages[2].start_week, ==, 5);
  g_assert_cmpint (order->stages[2].wait_before_weeks, ==, 0);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_ALLOCATION], ==, 1);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_WORK], ==, 3);
  g_assert_cmpint (order->timeline_weeks[WFL_TIMELINE_TRANSIT], ==, 1);
}

/* Lead time and yield: s (supply, 10/week, lead 3) with yield 0.8 until
 * week 2 and 0.5 from week 2 → cust (100 in week 0).
 *   completed(3) = started(0) × yield(0) = 10 × 0.8 = 8
 *   completed(4) = 10 × 0.8 = 8, completed(5) = 10 × 0.5 = 5
 *   S(0) = 100/0.8 = 125; S(2) = (100 − 8 − 8)/0.5 = 168 */
static void
test_simulation_lead_and_yield (void)
{
  g_autoptr(WflScenario) s = new_scenario (10);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *node = add_node (s, "s", WFL_NODE_KIND_SUPPLY, 10, 3, 1);

  node->yield = wfl_schedule_new ();
  wfl_schedule_add_point (node->yield, START, 0.8, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (node->yield, wfl_date_of_week (START, 2), 0.5, WFL_INTERPOLATE_STEP);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "cust", 1);
  add_order (s, "cust", "o", 100, 0, -1);
  sim = simulate (s);

  assert_near (val (sim, "s", WFL_SERIES_REQUIREMENT, 0), 125);
  assert_near (val (sim, "s", WFL_SERIES_REQUIREMENT, 2), 168);
  for (int t = 0; t < 3; t++)
    assert_near (val (sim, "s", WFL_SERIES_COMPLETED, t), 0);
  assert_near (val (sim, "s", WFL_SERIES_COMPLETED, 3), 8);
  assert_near (val (sim, "s", WFL_SERIES_COMPLETED, 4), 8);
  assert_near (val (sim, "s", WFL_SERIES_COMPLETED, 5), 5);
  assert_near (val (sim, "s", WFL_SERIES_WIP, 2), 30);
  assert_near (shipped (sim, 0, 3), 8);
}

/* A bill of materials with three inputs; the scarcest binds, and the
 * others ship only what it can match.
 * pkg (100/week) takes 1 die, 5 hbm, 1 sub; die makes 50, hbm 200
 * (= 40 packages), sub 100 a week.  Week 0: pkg S = 1000, D = 100.
 * This week hbm can hand out 200 stacks = 40 packages, die 50, sub 100:
 * the die and sub lines plan min (100, 40) = 40 starts and ask for 40
 * each; hbm's line plans min (100, 50, 100) = 50 and asks for 250, of
 * which hbm makes 200.  starts = min (100, 40, 200/5, 40) = 40: the
 * lines tie, and the scarcest, hbm, is named.  Every week alike: no die
 * or substrate piles up in front of pkg. */
static void
test_simulation_bom_scarcest_binds (void)
{
  g_autoptr(WflScenario) s = new_scenario (8);
  g_autoptr(WflSimulation) sim = NULL;
  const char *input = NULL;

  add_node (s, "die", WFL_NODE_KIND_SUPPLY, 50, 0, 1);
  add_node (s, "hbm", WFL_NODE_KIND_SUPPLY, 200, 0, 1);
  add_node (s, "sub", WFL_NODE_KIND_SUPPLY, 100, 0, 1);
  add_node (s, "pkg", WFL_NODE_KIND_PROCESS, 100, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "die", "pkg", 1);
  add_link (s, "hbm", "pkg", 5);
  add_link (s, "sub", "pkg", 1);
  add_link (s, "pkg", "cust", 1);
  add_order (s, "cust", "o", 1000, 0, -1);
  sim = simulate (s);

  for (int t = 0; t < 8; t++)
    {
      assert_near (shipped (sim, 0, t), 40);
      assert_near (shipped (sim, 1, t), 200);
      assert_near (shipped (sim, 2, t), 40);
      assert_near (val (sim, "pkg", WFL_SERIES_STARTS, t), 40);
      g_assert_cmpint (binding (sim, "pkg", t, &input), ==, WFL_BINDING_INPUT);
      g_assert_cmpstr (input, ==, "hbm");
    }
  /* The suppliers run at capacity: capacity-bound while pkg still needs. */
  g_assert_cmpint (binding (sim, "hbm", 0, NULL), ==, WFL_BINDING_CAPACITY);
  g_assert_cmpuint (wfl_simulation_count_limiting_weeks (sim, wfl_simulation_find_node (sim, "hbm"), 0, 7), >, 0);
}

/* Alternative sources: skh (mix 3) and micron (mix 0 until week 4, then
 * 1) feed cowos's line "hbm".  cowos makes 10/week; cust orders 10 in
 * week 0 and 40 in week 4.
 *   Week 0: request 10, all to skh (micron's mix is 0).
 *   Week 4: cowos S = 40, D = 10 (capacity): the line asks for what
 *           cowos can start this week, 10, split 3:1 → skh 7.5, micron
 *           2.5; cowos starts 10; nothing waits in the pool.
 *   Weeks 5–7: the same; b is filled in week 7. */
static void
test_simulation_alternative_sources_mix (void)
{
  g_autoptr(WflScenario) s = new_scenario (10);
  g_autoptr(WflSimulation) sim = NULL;
  WflLink *skh, *micron;

  add_node (s, "skh", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s, "micron", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s, "cowos", WFL_NODE_KIND_PROCESS, 10, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  skh = add_link (s, "skh", "cowos", 1);
  skh->input = g_strdup ("hbm");
  skh->mix = wfl_schedule_new_constant (3);
  micron = add_link (s, "micron", "cowos", 1);
  micron->input = g_strdup ("hbm");
  micron->mix = wfl_schedule_new ();
  wfl_schedule_add_point (micron->mix, START, 0, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (micron->mix, wfl_date_of_week (START, 4), 1, WFL_INTERPOLATE_STEP);
  add_link (s, "cowos", "cust", 1);
  add_order (s, "cust", "a", 10, 0, -1);
  add_order (s, "cust", "b", 40, 4, -1);
  sim = simulate (s);

  assert_near (shipped (sim, 0, 0), 10);
  assert_near (shipped (sim, 1, 0), 0);
  for (int t = 4; t < 8; t++)
    {
      assert_near (shipped (sim, 0, t), 7.5);
      assert_near (shipped (sim, 1, t), 2.5);
      assert_near (val (sim, "cowos", WFL_SERIES_STARTS, t), 10);
    }
  assert_near (shipped (sim, 0, 8), 0);
  g_assert_cmpint (binding (sim, "cowos", 4, NULL), ==, WFL_BINDING_CAPACITY);
  g_assert_cmpint (order_by_id (sim, "b")->filled_week, ==, 7);
  g_assert_cmpstr (wfl_simulation_get_link_input (sim, 1), ==, "hbm");
}

/* Time-phased netting: a long-lead supplier starts early, a short-lead
 * one is not pulled ahead.  m (unlimited, lead 0) takes 1 a and 1 b;
 * a makes 10 a week with a lead of 4, b 10 a week with none; cust orders
 * 40 in week 0.  By hand (docs/model.md, "Needs and requests"):
 *   a's plan horizon is its lead, 4 weeks: m plans 40 starts over weeks
 *   0–4 (b can hand out 50 by then), so a's plan request is 40 and a
 *   starts 10 a week in weeks 0–3: capacity binds while its requirement
 *   (40 less its work in progress) is 40, 30, 20; in week 3 it is 10.
 *   b's horizon is this week: a can hand out nothing before week 4 (its
 *   first batch completes then), so m plans no starts and b neither
 *   ships nor starts anything in weeks 0–3.
 *   Weeks 4–7: a completes 10 a week; both lines ask for 10, m starts 10:
 *   the order is filled in week 7, and no b ever waits at m. */
static void
test_simulation_netting_long_lead (void)
{
  g_autoptr(WflScenario) s = new_scenario (12);
  g_autoptr(WflSimulation) sim = NULL;

  add_node (s, "a", WFL_NODE_KIND_SUPPLY, 10, 4, 1);
  add_node (s, "b", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "m", WFL_NODE_KIND_PROCESS, -1, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "a", "m", 1);
  add_link (s, "b", "m", 1);
  add_link (s, "m", "cust", 1);
  add_order (s, "cust", "o", 40, 0, -1);
  sim = simulate (s);

  for (int t = 0; t < 4; t++)
    {
      assert_near (val (sim, "a", WFL_SERIES_STARTS, t), 10);
      assert_near (val (sim, "a", WFL_SERIES_REQUIREMENT, t), 40 - 10 * t);
      g_assert_cmpint (binding (sim, "a", t, NULL), ==, t < 3 ? WFL_BINDING_CAPACITY : WFL_BINDING_DEMAND);
      assert_near (val (sim, "b", WFL_SERIES_STARTS, t), 0);
      assert_near (shipped (sim, 1, t), 0);
      assert_near (val (sim, "m", WFL_SERIES_STARTS, t), 0);
    }
  for (int t = 4; t < 8; t++)
    {
      assert_near (val (sim, "a", WFL_SERIES_STARTS, t), 0);
      assert_near (shipped (sim, 0, t), 10);
      assert_near (shipped (sim, 1, t), 10);
      assert_near (val (sim, "m", WFL_SERIES_STARTS, t), 10);
    }
  g_assert_cmpint (order_by_id (sim, "o")->filled_week, ==, 7);
  for (int t = 8; t < 12; t++)
    assert_near (shipped (sim, 1, t), 0);
}

/* cover-weeks orders that many more weeks ahead: the same chain with
 * cover-weeks = 2 on b → m.  b's ship horizon is now weeks t … t + 2:
 *   week 2: a's week-0 batch completes in week 4 = t + 2, so a can hand
 *   out 10 within the horizon: b ships 10, which waits at m;
 *   week 3: a can hand out 20 by week 5; m holds 10: b ships 10 more;
 *   week 4: a hands out 10 (m starts 10); within weeks 4–6 a can hand
 *   out 30, m holds 20: b ships 10.  So two weeks of b wait at m, as
 *   asked, and the order is still filled in week 7. */
static void
test_simulation_cover_weeks (void)
{
  g_autoptr(WflScenario) s = new_scenario (12);
  g_autoptr(WflSimulation) sim = NULL;
  double held = 0;

  add_node (s, "a", WFL_NODE_KIND_SUPPLY, 10, 4, 1);
  add_node (s, "b", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "m", WFL_NODE_KIND_PROCESS, -1, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "a", "m", 1);
  add_link (s, "b", "m", 1)->cover_weeks = 2;
  add_link (s, "m", "cust", 1);
  add_order (s, "cust", "o", 40, 0, -1);
  sim = simulate (s);

  assert_near (shipped (sim, 1, 0), 0);
  assert_near (shipped (sim, 1, 1), 0);
  assert_near (shipped (sim, 1, 2), 10);
  assert_near (shipped (sim, 1, 3), 10);
  assert_near (shipped (sim, 1, 4), 10);
  for (int t = 0; t <= 4; t++)
    held += shipped (sim, 1, t) - val (sim, "m", WFL_SERIES_STARTS, t);
  assert_near (held, 20);
  g_assert_cmpint (order_by_id (sim, "o")->filled_week, ==, 7);
}

/* One tolerance for needs and orders (docs/model.md, "Rounding"): an
 * order whose remaining quantity is above its own tolerance keeps its
 * customer's need above zero, so it is filled.  The reproducer of a
 * customer that stopped at 9.999999993887116 of its 10. */
static void
test_simulation_need_zero_fills_orders (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "regress", "never-filled.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = wfl_scenario_load_file (file, NULL, NULL, &error);
  g_autoptr(WflSimulation) sim = NULL;

  g_assert_no_error (error);
  sim = simulate (s);
  g_assert_cmpint (order_by_id (sim, "c2-o0")->filled_week, >=, 0);
  g_assert_cmpint (order_by_id (sim, "c2-o1")->filled_week, >=, 0);
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    {
      const WflOrderResult *r = wfl_simulation_get_order (sim, o);

      if (r->filled_week >= 0)
        g_assert_cmpfloat_with_epsilon (r->delivered, r->quantity, 1e-9 * r->quantity);
    }
}

/* A line whose every mix is 0 requests nothing. */
static void
test_simulation_mix_all_zero (void)
{
  g_autoptr(WflScenario) s = new_scenario (6);
  g_autoptr(WflSimulation) sim = NULL;
  const char *input = NULL;

  add_node (s, "src", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s, "p", WFL_NODE_KIND_PROCESS, -1, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "src", "p", 1)->mix = wfl_schedule_new_constant (0);
  add_link (s, "p", "cust", 1);
  add_order (s, "cust", "o", 10, 0, -1);
  sim = simulate (s);

  for (int t = 0; t < 6; t++)
    assert_near (shipped (sim, 0, t), 0);
  g_assert_cmpint (binding (sim, "p", 0, &input), ==, WFL_BINDING_INPUT);
  g_assert_cmpstr (input, ==, "src");
  g_assert_cmpint (order_by_id (sim, "o")->filled_week, ==, -1);
  g_assert_cmpuint (order_by_id (sim, "o")->n_stages, ==, 0);
}

/* Transit: s → (2 weeks) → cust, 10 ordered in week 0.  Week 0 ships 10;
 * week 1 sees 10 in transit, so ships nothing; they arrive in week 2.
 * With transit 0 through a lead-0 process everything lands in week 0. */
static void
test_simulation_transit (void)
{
  g_autoptr(WflScenario) s = new_scenario (6);
  g_autoptr(WflScenario) s0 = new_scenario (6);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(WflSimulation) sim0 = NULL;

  add_node (s, "s", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "cust", 1)->transit_weeks = 2;
  add_order (s, "cust", "o", 10, 0, -1);
  sim = simulate (s);
  assert_near (shipped (sim, 0, 0), 10);
  assert_near (shipped (sim, 0, 1), 0);
  assert_near (val (sim, "cust", WFL_SERIES_DESIRED, 1), 0);
  assert_near (val (sim, "cust", WFL_SERIES_COMPLETED, 1), 0);
  assert_near (val (sim, "cust", WFL_SERIES_COMPLETED, 2), 10);
  g_assert_cmpint (order_by_id (sim, "o")->filled_week, ==, 2);

  add_node (s0, "s", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s0, "p", WFL_NODE_KIND_PROCESS, -1, 0, 1);
  add_node (s0, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s0, "s", "p", 2);
  add_link (s0, "p", "cust", 1);
  add_order (s0, "cust", "o", 10, 0, -1);
  sim0 = simulate (s0);
  assert_near (shipped (sim0, 0, 0), 20);
  assert_near (val (sim0, "p", WFL_SERIES_STARTS, 0), 10);
  g_assert_cmpint (order_by_id (sim0, "o")->filled_week, ==, 0);
}

/* The four allocation policies.  src holds 60 (initial stock, capacity
 * 0); A, B, C order 60, 30, 10 in week 0 (priorities 2, 1, 3; shares 1,
 * 1, 2).
 *   proportional: 60/100 of each: 36, 18, 6
 *   priority:     B 30, then A 30, C 0
 *   fixed-share:  at most 15, 15, 30 → 15, 15, 10; 20 stay in stock
 *   fair-share:   20 each; C takes 10, the other 10 split: 25, 25, 10 */
static WflSimulation *
allocation_case (WflAllocation policy)
{
  g_autoptr(WflScenario) s = new_scenario (2);
  WflNode *src = add_node (s, "src", WFL_NODE_KIND_SUPPLY, 0, 0, 1);
  const char *ids[] = { "A", "B", "C" };
  double qty[] = { 60, 30, 10 };
  int prio[] = { 2, 1, 3 };
  double share[] = { 1, 1, 2 };

  src->initial_stock = 60;
  src->allocation = policy;
  for (int i = 0; i < 3; i++)
    {
      WflLink *link;
      g_autofree char *oid = g_strdup_printf ("o%s", ids[i]);

      add_node (s, ids[i], WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
      link = add_link (s, "src", ids[i], 1);
      link->priority = prio[i];
      link->share = share[i];
      add_order (s, ids[i], oid, qty[i], 0, -1);
    }
  return simulate (s);
}

static void
test_simulation_allocation_policies (void)
{
  struct { WflAllocation policy; double a, b, c, stock; } cases[] = {
    { WFL_ALLOCATION_PROPORTIONAL, 36, 18, 6, 0 },
    { WFL_ALLOCATION_PRIORITY, 30, 30, 0, 0 },
    { WFL_ALLOCATION_FIXED_SHARE, 15, 15, 10, 20 },
    { WFL_ALLOCATION_FAIR_SHARE, 25, 25, 10, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WflSimulation) sim = allocation_case (cases[i].policy);

      assert_near (shipped (sim, 0, 0), cases[i].a);
      assert_near (shipped (sim, 1, 0), cases[i].b);
      assert_near (shipped (sim, 2, 0), cases[i].c);
      assert_near (val (sim, "src", WFL_SERIES_STOCK, 0), cases[i].stock);
      /* src cannot make more: capacity 0 binds. */
      g_assert_cmpint (binding (sim, "src", 0, NULL), ==, WFL_BINDING_CAPACITY);
    }
}

/* Order filling: s makes 10 a week for one customer.
 *   o1 10 placed w0 prio 1; o2 10 placed w0 prio 2; o3 10 placed w1
 *   prio 1; o4 10 placed w0 prio 1 (after o1 in the document).
 *   w0: open o1, o2, o4 → o1 (prio 1, w0, first) filled in week 0.
 *   w1: o4 (prio 1, w0) before o3 (prio 1, w1) → o4 in week 1.
 *   w2: o3.  w3: o2. */
static void
test_simulation_order_filling (void)
{
  g_autoptr(WflScenario) s = new_scenario (6);
  g_autoptr(WflSimulation) sim = NULL;

  add_node (s, "s", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "cust", 1);
  add_order (s, "cust", "o1", 10, 0, 1);
  add_order (s, "cust", "o2", 10, 0, 1)->priority = 2;
  add_order (s, "cust", "o3", 10, 1, -1);
  add_order (s, "cust", "o4", 10, 0, -1);
  sim = simulate (s);

  g_assert_cmpint (order_by_id (sim, "o1")->filled_week, ==, 0);
  g_assert_cmpint (order_by_id (sim, "o4")->filled_week, ==, 1);
  g_assert_cmpint (order_by_id (sim, "o3")->filled_week, ==, 2);
  g_assert_cmpint (order_by_id (sim, "o2")->filled_week, ==, 3);
  /* o2 was due in week 1, filled in week 3: 2 weeks late, nothing by due. */
  g_assert_cmpint (order_by_id (sim, "o2")->lateness_weeks, ==, 2);
  assert_near (order_by_id (sim, "o2")->delivered_by_due, 0);
  g_assert_cmpint (order_by_id (sim, "o1")->lateness_weeks, ==, -1);
  /* Fill rate by due date over o1 and o2 (both due in week 1): (10 +
   * 0)/20.  No order is due in weeks 2–3. */
  assert_near (wfl_simulation_get_fill_rate (sim, -1, 0, G_MAXINT), 0.5);
  assert_near (wfl_simulation_get_fill_rate (sim, 0, 1, 1), 0.5);
  g_assert_true (isnan (wfl_simulation_get_fill_rate (sim, -1, 2, 3)));
  /* Lead times placed → filled: 0, 3, 1, 1 → median 1, p90 3.  Of the
   * orders filled in weeks 2–3, o3 (1) and o2 (3): median 1, p90 3; in
   * week 0 only o1 (0); none after week 3. */
  {
    double median = -1, p90 = -1;

    g_assert_true (wfl_simulation_get_lead_time (sim, -1, 0, G_MAXINT, &median, &p90));
    assert_near (median, 1);
    assert_near (p90, 3);
    g_assert_true (wfl_simulation_get_lead_time (sim, -1, 2, 3, &median, &p90));
    assert_near (median, 1);
    assert_near (p90, 3);
    g_assert_true (wfl_simulation_get_lead_time (sim, 0, 0, 0, &median, &p90));
    assert_near (median, 0);
    assert_near (p90, 0);
    g_assert_false (wfl_simulation_get_lead_time (sim, -1, 4, 9, &median, &p90));
  }
  /* Mean lateness over o1 (−1) and o2 (2). */
  assert_near (wfl_simulation_get_mean_lateness (sim), 0.5);
}

/* Sums that rounding would leave short (docs/model.md "Orders and key
 * figures").  s makes 0.1 a week (no binary double is 0.1) for cust's
 * order of 1 placed in week 0, due in week 12.  Ten weekly shipments of
 * 0.1 added one by one make 0.9999999999999999; the customer's
 * cumulative received total is summed with compensation (1 exactly), and
 * the order, filled when its remaining reaches zero within the
 * tolerance, counts exactly its quantity as delivered and as delivered
 * by its due date. */
static void
test_simulation_exact_totals (void)
{
  g_autoptr(WflScenario) s = new_scenario (14);
  g_autoptr(WflSimulation) sim = NULL;
  const WflOrderResult *o;
  double plain = 0;
  int cust;

  add_node (s, "s", WFL_NODE_KIND_SUPPLY, 0.1, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "cust", 1);
  add_order (s, "cust", "o", 1, 0, 12);
  sim = simulate (s);
  cust = wfl_scenario_find_node_index (s, "cust");
  g_assert_cmpint (cust, >=, 0);

  for (int t = 0; t < 14; t++)
    plain += wfl_simulation_get_node_value (sim, cust, WFL_SERIES_COMPLETED, t);
  /* What the plain sum of the shipments gives: not 1. */
  g_assert_cmpfloat (plain, !=, 1.0);
  g_assert_cmpfloat (wfl_simulation_get_node_value (sim, cust, WFL_SERIES_STOCK, 13), ==, 1.0);

  o = order_by_id (sim, "o");
  g_assert_cmpint (o->filled_week, ==, 9);
  g_assert_cmpfloat (o->delivered, ==, 1.0);
  g_assert_cmpfloat (o->delivered_by_due, ==, 1.0);
}

/* Starts held back only by rounding.  p (capacity 3, lead 1) needs 0.7
 * of s's unit per start; its line asks for 3 × 0.7 = 2.0999999999999996,
 * and that pool over 0.7 is 2.9999999999999996 starts, short of its
 * capacity by one rounding step.  The difference is below the tolerance,
 * so p starts 3 (utilisation exactly 1) in each of the four weeks. */
static void
test_simulation_starts_rounding (void)
{
  g_autoptr(WflScenario) s = new_scenario (6);
  g_autoptr(WflSimulation) sim = NULL;
  int p;

  g_assert_cmpfloat ((3 * 0.7) / 0.7, <, 3);
  add_node (s, "s", WFL_NODE_KIND_SUPPLY, 100, 0, 1);
  add_node (s, "p", WFL_NODE_KIND_PROCESS, 3, 1, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "p", 0.7);
  add_link (s, "p", "cust", 1);
  add_order (s, "cust", "o", 12, 0, -1);
  sim = simulate (s);
  p = wfl_scenario_find_node_index (s, "p");

  for (int t = 0; t < 4; t++)
    {
      g_assert_cmpfloat (wfl_simulation_get_node_value (sim, p, WFL_SERIES_STARTS, t), ==, 3);
      g_assert_cmpfloat (wfl_simulation_get_node_value (sim, p, WFL_SERIES_UTILISATION, t), ==, 1);
      /* Its last week's 3 are its whole requirement. */
      g_assert_cmpint (binding (sim, "p", t, NULL), ==, t < 3 ? WFL_BINDING_CAPACITY : WFL_BINDING_DEMAND);
    }
  g_assert_cmpint (order_by_id (sim, "o")->filled_week, ==, 4);
}

/* A running start.  fab (10/week, lead 3, yield 0.9 in week 0, 0.5 from
 * week 1) started 10 in each of the 3 weeks before the calendar and holds
 * 5; cust wants 100.
 *   Weeks 0–2 complete 10 × yield(week 0) = 9 each (not × 0.5).
 *   Week 3 completes week 0's start: 10 × 0.9 = 9; week 4: 10 × 0.5 = 5.
 *   Week 0 ships 5 + 9 = 14; WIP at the end of week 0 = 30. */
static void
test_simulation_running_start (void)
{
  g_autoptr(WflScenario) s = new_scenario (8);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *fab = add_node (s, "fab", WFL_NODE_KIND_SUPPLY, 10, 3, 1);

  fab->initial_rate = 10;
  fab->initial_stock = 5;
  fab->yield = wfl_schedule_new ();
  wfl_schedule_add_point (fab->yield, START, 0.9, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (fab->yield, wfl_date_of_week (START, 1), 0.5, WFL_INTERPOLATE_STEP);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "fab", "cust", 1);
  add_order (s, "cust", "o", 100, 0, -1);
  sim = simulate (s);

  for (int t = 0; t < 3; t++)
    assert_near (val (sim, "fab", WFL_SERIES_COMPLETED, t), 9);
  assert_near (val (sim, "fab", WFL_SERIES_COMPLETED, 3), 9);
  assert_near (val (sim, "fab", WFL_SERIES_COMPLETED, 4), 5);
  assert_near (shipped (sim, 0, 0), 14);
  assert_near (val (sim, "fab", WFL_SERIES_WIP, 0), 30);
  assert_near (val (sim, "fab", WFL_SERIES_STOCK, 0), 0);
  /* S(0) = (100 − 14 − 2 × 9)/0.9: the two later initial batches are
   * expected output. */
  assert_near (val (sim, "fab", WFL_SERIES_REQUIREMENT, 0), (100.0 - 14 - 18) / 0.9);

  /* 5 + 4 × 9 + 4 × 5 = 61 of 100 within 8 weeks: never filled. */
  assert_near (order_by_id (sim, "o")->delivered, 61);
  g_assert_cmpint (order_by_id (sim, "o")->filled_week, ==, -1);
}

/* A ramp: capacity 0 at week 0 ramping linearly to 40 at week 4, so the
 * capacity series reads 0, 10, 20, 30, 40. */
static void
test_simulation_capacity_ramp (void)
{
  g_autoptr(WflScenario) s = new_scenario (6);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *n = add_node (s, "s", WFL_NODE_KIND_SUPPLY, -1, 0, 1);

  n->capacity = wfl_schedule_new ();
  wfl_schedule_add_point (n->capacity, START, 0, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (n->capacity, wfl_date_of_week (START, 4), 40, WFL_INTERPOLATE_LINEAR);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "cust", 1);
  add_order (s, "cust", "o", 1000, 0, -1);
  sim = simulate (s);

  for (int t = 0; t < 5; t++)
    {
      assert_near (val (sim, "s", WFL_SERIES_CAPACITY, t), 10.0 * t);
      assert_near (val (sim, "s", WFL_SERIES_STARTS, t), 10.0 * t);
    }
  g_assert_true (isnan (val (sim, "cust", WFL_SERIES_CAPACITY, 0)));
}

static void
test_simulation_invalid (void)
{
  g_autoptr(WflScenario) s = wfl_scenario_new_teaching_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WflSimulation) sim = NULL;

  wfl_scenario_add_link (s, wfl_link_new ("cust", "wafers"));
  sim = wfl_simulation_new (s, &error);
  g_assert_null (sim);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "wafers → fab → cust → wafers"));
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (wfl_simulation_run_finish (WFL_SIMULATION (object), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (loop);
}

static void
test_simulation_async_and_snapshot (void)
{
  g_autoptr(WflScenario) s = wfl_scenario_new_teaching_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WflSimulation) sim = wfl_simulation_new (s, &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_assert_no_error (error);
  g_assert_false (wfl_simulation_has_run (sim));
  /* The simulation is a snapshot: freeing the scenario does not matter. */
  g_clear_object (&s);
  wfl_simulation_run_async (sim, NULL, run_done_cb, loop);
  g_main_loop_run (loop);
  g_assert_true (wfl_simulation_has_run (sim));
  g_assert_cmpint (wfl_simulation_get_order (sim, 0)->filled_week, ==, 3);
  g_assert_cmpstr (wfl_simulation_get_node_unit (sim, 1), ==, "die");
}

static void
test_simulation_cancelled (void)
{
  g_autoptr(WflScenario) s = wfl_scenario_new_teaching_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WflSimulation) sim = wfl_simulation_new (s, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_false (wfl_simulation_run (sim, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (wfl_simulation_has_run (sim));
}

static void
test_simulation_quarters (void)
{
  g_autoptr(WflScenario) s = wfl_scenario_new_teaching_example ();
  g_autoptr(WflSimulation) sim = simulate (s);
  int first, last;
  guint fab = (guint) wfl_simulation_find_node (sim, "fab");

  /* 20 weeks from 2023-01-02: weeks 0–12 start in Q1 (the last on
   * 2023-03-27), weeks 13–19 in Q2. */
  g_assert_cmpuint (wfl_simulation_get_n_quarters (sim), ==, 2);
  wfl_simulation_get_quarter_weeks (sim, 0, &first, &last);
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpint (last, ==, 12);
  /* fab started 40 + 20 of 13 × 40 capacity in Q1 and was bound once. */
  assert_near (wfl_simulation_get_quarter_utilisation (sim, fab, 0), 60.0 / 520.0);
  assert_near (wfl_simulation_get_quarter_bound_share (sim, fab, 0), 1.0 / 13.0);
  assert_near (wfl_simulation_get_quarter_bound_share (sim, fab, 1), 0);
  /* It limited the flow in week 0 only, and no node did later. */
  g_assert_cmpuint (wfl_simulation_count_limiting_weeks (sim, fab, 0, 19), ==, 1);
  for (guint n = 0; n < wfl_simulation_get_n_nodes (sim); n++)
    g_assert_cmpuint (wfl_simulation_count_limiting_weeks (sim, n, 1, 19), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/simulation/worked-example", test_simulation_worked_example);
  g_test_add_func ("/wfl/model/simulation/exact-totals", test_simulation_exact_totals);
  g_test_add_func ("/wfl/model/simulation/starts-rounding", test_simulation_starts_rounding);
  g_test_add_func ("/wfl/model/simulation/worked-example-timeline", test_simulation_worked_example_timeline);
  g_test_add_func ("/wfl/model/simulation/two-stage-timeline", test_simulation_two_stage_timeline);
  g_test_add_func ("/wfl/model/simulation/lead-and-yield", test_simulation_lead_and_yield);
  g_test_add_func ("/wfl/model/simulation/bom-scarcest-binds", test_simulation_bom_scarcest_binds);
  g_test_add_func ("/wfl/model/simulation/alternative-sources-mix", test_simulation_alternative_sources_mix);
  g_test_add_func ("/wfl/model/simulation/netting-long-lead", test_simulation_netting_long_lead);
  g_test_add_func ("/wfl/model/simulation/cover-weeks", test_simulation_cover_weeks);
  g_test_add_func ("/wfl/model/simulation/need-zero-fills-orders", test_simulation_need_zero_fills_orders);
  g_test_add_func ("/wfl/model/simulation/mix-all-zero", test_simulation_mix_all_zero);
  g_test_add_func ("/wfl/model/simulation/transit", test_simulation_transit);
  g_test_add_func ("/wfl/model/simulation/allocation-policies", test_simulation_allocation_policies);
  g_test_add_func ("/wfl/model/simulation/order-filling", test_simulation_order_filling);
  g_test_add_func ("/wfl/model/simulation/running-start", test_simulation_running_start);
  g_test_add_func ("/wfl/model/simulation/capacity-ramp", test_simulation_capacity_ramp);
  g_test_add_func ("/wfl/model/simulation/invalid", test_simulation_invalid);
  g_test_add_func ("/wfl/model/simulation/async", test_simulation_async_and_snapshot);
  g_test_add_func ("/wfl/model/simulation/cancelled", test_simulation_cancelled);
  g_test_add_func ("/wfl/model/simulation/quarters", test_simulation_quarters);

  return g_test_run ();
}
