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

#include <string.h>

#include "sim-helpers.h"
#include "wfl-layered-scenario.h"

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

/* A schedule that differs from week 0 in week 1 only (a one-week pulse)
 * is not a constant: s makes 5, then 6 in week 1, then 5 again; cust
 * wants 100, so s runs at capacity: 5, 6, 5, 5. */
static void
test_one_week_pulse (void)
{
  g_autoptr(WflScenario) s = new_scenario (4);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *src = add_node (s, "s", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  const double want[] = { 5, 6, 5, 5 };

  src->capacity = wfl_schedule_new ();
  wfl_schedule_add_point (src->capacity, START, 5, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (src->capacity, wfl_date_of_week (START, 1), 6, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (src->capacity, wfl_date_of_week (START, 2), 5, WFL_INTERPOLATE_STEP);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "cust", 1);
  add_order (s, "cust", "o", 100, 0, -1);
  sim = simulate (s);

  for (int t = 0; t < 4; t++)
    {
      assert_near (val (sim, "s", WFL_SERIES_CAPACITY, t), want[t]);
      assert_near (val (sim, "s", WFL_SERIES_STARTS, t), want[t]);
    }
  assert_near (wfl_simulation_get_delivered (sim, -1, 0, 3), 21);
}

/* The problem a figure out of its range gets says what is wrong with it:
 * below 0 where 0 is the least, "must not be negative"; otherwise the
 * range.  (docs/scenario-format.md, "Supported ranges": capacity 0 to
 * 1e15, per-unit 1e-6 to 1e6.) */
static const char *
problem_of (WflScenario *s)
{
  g_autoptr(GPtrArray) problems = wfl_scenario_validate (s);
  static char text[256];

  g_assert_cmpuint (problems->len, ==, 1);
  g_strlcpy (text, ((WflProblem *) g_ptr_array_index (problems, 0))->message, sizeof text);
  return text;
}

static void
test_range_messages (void)
{
  struct { double capacity, per_unit; const char *says; } cases[] = {
    { -5, 1, "is -5; it must not be negative." },
    { 2e15, 1, "is 2e15; it must be from 0 to 1e15." },
    { 10, -1, "is -1; it must be from 1e-6 to 1e6." },
    { 10, 1e-7, "is 1e-7; it must be from 1e-6 to 1e6." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WflScenario) s = new_scenario (4);
      const char *text;
      WflNode *src = add_node (s, "s", WFL_NODE_KIND_SUPPLY, -1, 0, 1);

      /* (add_node () reads a negative capacity as "unlimited".) */
      src->capacity = wfl_schedule_new_constant (cases[i].capacity);
      add_node (s, "p", WFL_NODE_KIND_PROCESS, -1, 0, 1);
      add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
      add_link (s, "s", "p", cases[i].per_unit);
      add_link (s, "p", "cust", 1);
      text = problem_of (s);
      if (!g_str_has_suffix (text, cases[i].says))
        g_error ("“%s” does not end “%s”", text, cases[i].says);
    }
}

/* A calendar may end on 9999-12-31, not a day later: one week from
 * 9999-12-25 ends on the 31st; from the 26th it would end in 10000. */
static void
test_calendar_last_day (void)
{
  const struct { int day; guint problems; } cases[] = { { 25, 0 }, { 26, 1 } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WflScenario) s = wfl_scenario_new ();
      g_autoptr(GPtrArray) problems = NULL;

      wfl_scenario_set_calendar (s, wfl_date_from_ymd (9999, 12, cases[i].day), 1);
      problems = wfl_scenario_validate (s);
      g_assert_cmpuint (problems->len, ==, cases[i].problems);
      if (cases[i].problems > 0)
        g_assert_nonnull (strstr (((WflProblem *) g_ptr_array_index (problems, 0))->message, "9999-12-31"));
    }
}

/* A window from the calendar's first day to the same day is week 0; to a
 * day before the start, nothing. */
static void
test_window_of_one_day (void)
{
  int first = -1, last = -1;

  g_assert_true (wfl_week_window_of_dates (START, 10, START, START, &first, &last));
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpint (last, ==, 0);
  g_assert_true (wfl_week_window_of_dates (START, 10, START, START + 6, &first, &last));
  g_assert_cmpint (last, ==, 0);
  g_assert_true (wfl_week_window_of_dates (START, 10, START, START + 7, &first, &last));
  g_assert_cmpint (last, ==, 1);
  g_assert_false (wfl_week_window_of_dates (START, 10, START - 7, START - 1, &first, &last));
  g_assert_cmpint (last, ==, -1);
}

/* A supplier at capacity limits the flow only while what it feeds waits
 * for it (docs/model.md, "Limiting marks").  a (2 a week, lead 4) holds
 * 20 at the start and feeds m (5 a week) → cust (1000); b (1 a week) →
 * c2 (100), written between them.  m starts 5 a week from a's stock in
 * weeks 0–3, bound by its own capacity.  a plans for m's starts over its
 * lead, less what it holds and has in work: its requirement is 0 while
 * its stock covers that, then 3 in week 2 and 6 in week 3, past its
 * capacity of 2, so a is at capacity from week 2.  But m waits for a
 * only from week 4 (a's stock is gone; its first batch, started in week
 * 2, completes in week 6): limiting in weeks 4–7, not 2–3.  b's
 * customer is short all along, which says nothing of a. */
static void
test_limiting_needs_a_waiting_consumer (void)
{
  g_autoptr(WflScenario) s = new_scenario (8);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *a = add_node (s, "a", WFL_NODE_KIND_SUPPLY, 2, 4, 1);
  const char *input = NULL;

  a->initial_stock = 20;
  add_node (s, "b", WFL_NODE_KIND_SUPPLY, 1, 0, 1);
  add_node (s, "m", WFL_NODE_KIND_PROCESS, 5, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_node (s, "c2", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "a", "m", 1);
  add_link (s, "b", "c2", 1);
  add_link (s, "m", "cust", 1);
  add_order (s, "cust", "o", 1000, 0, -1);
  add_order (s, "c2", "o2", 100, 0, -1);
  sim = simulate (s);

  for (int t = 0; t < 4; t++)
    {
      g_assert_cmpint (binding (sim, "m", t, NULL), ==, WFL_BINDING_CAPACITY);
      assert_near (val (sim, "m", WFL_SERIES_STARTS, t), 5);
    }
  g_assert_cmpint (binding (sim, "a", 1, NULL), ==, WFL_BINDING_DEMAND);
  assert_near (val (sim, "a", WFL_SERIES_REQUIREMENT, 2), 3);
  assert_near (val (sim, "a", WFL_SERIES_REQUIREMENT, 3), 6);
  for (int t = 2; t < 8; t++)
    g_assert_cmpint (binding (sim, "a", t, NULL), ==, WFL_BINDING_CAPACITY);
  g_assert_cmpint (binding (sim, "m", 4, &input), ==, WFL_BINDING_INPUT);
  g_assert_cmpstr (input, ==, "a");

  g_assert_cmpuint (wfl_simulation_count_bound_weeks (sim, 0, 0, 7), ==, 6);
  g_assert_cmpuint (wfl_simulation_count_limiting_weeks (sim, 0, 2, 3), ==, 0);
  g_assert_cmpuint (wfl_simulation_count_limiting_weeks (sim, 0, 0, 7), ==, 4);
  /* b is at capacity and its customer short every week. */
  g_assert_cmpuint (wfl_simulation_count_limiting_weeks (sim, 1, 0, 7), ==, 8);
}

/* Every week's starts, stock and shipments of a run, in one array. */
static GArray *
fingerprint (WflSimulation *sim)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (double));
  int W = wfl_simulation_get_n_weeks (sim);

  for (guint n = 0; n < wfl_simulation_get_n_nodes (sim); n++)
    for (int t = 0; t < W; t++)
      {
        double v[2] = { wfl_simulation_get_node_value (sim, n, WFL_SERIES_STARTS, t),
                        wfl_simulation_get_node_value (sim, n, WFL_SERIES_STOCK, t) };

        g_array_append_vals (a, v, 2);
      }
  for (guint l = 0; l < wfl_simulation_get_n_links (sim); l++)
    for (int t = 0; t < W; t++)
      {
        double v = wfl_simulation_get_link_shipped (sim, l, t);

        g_array_append_val (a, v);
      }
  return a;
}

/* Large arrays freed by one simulation are kept and handed to the next
 * (docs/model.md, "Storage and performance"): whatever the order in which
 * blocks of several sizes come back, no block is handed out twice, so
 * simulations alive at once and one after another give the first run's
 * results bit for bit.  The scenarios' node × week and link × week
 * arrays are 1.6 and 4 MiB, and 0.5 and 1.9 MiB: cached blocks of four
 * sizes. */
static void
test_reused_memory (void)
{
  g_autoptr(WflScenario) big = wfl_layered_scenario_new (7, 4, 100, 1000, 520);
  g_autoptr(WflScenario) other = wfl_layered_scenario_new (8, 3, 50, 600, 400);
  g_autoptr(WflSimulation) first = simulate (big);
  g_autoptr(GArray) want = fingerprint (first);

  g_clear_object (&first);
  for (int round = 0; round < 3; round++)
    {
      g_autoptr(WflSimulation) a = simulate (big);
      g_autoptr(WflSimulation) b = simulate (other);  /* reuses and frees memory between the two */
      g_autoptr(WflSimulation) c = simulate (big);
      g_autoptr(GArray) got_a = fingerprint (a);
      g_autoptr(GArray) got_c = fingerprint (c);

      g_assert_cmpmem (got_a->data, got_a->len * sizeof (double), want->data, want->len * sizeof (double));
      g_assert_nonnull (b);
      g_assert_cmpmem (got_c->data, got_c->len * sizeof (double), want->data, want->len * sizeof (double));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/corners/customer-first", test_customer_first);
  g_test_add_func ("/wfl/model/corners/unknown-node", test_unknown_node);
  g_test_add_func ("/wfl/model/corners/one-week-pulse", test_one_week_pulse);
  g_test_add_func ("/wfl/model/corners/range-messages", test_range_messages);
  g_test_add_func ("/wfl/model/corners/calendar-last-day", test_calendar_last_day);
  g_test_add_func ("/wfl/model/corners/window-of-one-day", test_window_of_one_day);
  g_test_add_func ("/wfl/model/corners/limiting-needs-a-waiting-consumer", test_limiting_needs_a_waiting_consumer);
  g_test_add_func ("/wfl/model/corners/reused-memory", test_reused_memory);

  return g_test_run ();
}
