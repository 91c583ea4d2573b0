/* test-lead-time.c: the quoted lead time by order week
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "wfl-model.h"

/* The lead time an order placed in week gets when it is actually added to
 * the scenario, written out and read back, and simulated in full (with
 * lot tracking, as the window and --simulate do): filled − placed, or -1
 * when never filled. */
static int
lead_time_of_added_probe (WflScenario *scenario,
                          const char  *customer,
                          int          week)
{
  g_autoptr(WflScenario) copy = wfl_scenario_copy (scenario);
  g_autoptr(WflScenario) loaded = NULL;
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WflOrder) probe = wfl_lead_time_probe_new (scenario, customer, week);
  g_autofree char *id = g_strdup (probe->id);
  WflNode *node = wfl_scenario_find_node (copy, customer);
  const char *data;
  gsize length;

  g_assert_nonnull (node);
  g_assert_cmpfloat (probe->quantity, ==, wfl_lead_time_probe_quantity (scenario, customer));
  g_ptr_array_add (node->orders, g_steal_pointer (&probe));
  wfl_scenario_changed (copy);
  bytes = wfl_scenario_to_bytes (copy);
  data = g_bytes_get_data (bytes, &length);
  loaded = wfl_scenario_load_data (data, length, "probe.waferline", NULL, &error);
  g_assert_no_error (error);
  simulation = wfl_simulation_new (loaded, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (simulation, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < wfl_simulation_get_n_orders (simulation); i++)
    {
      const WflOrderResult *order = wfl_simulation_get_order (simulation, i);

      if (strcmp (order->id, id) == 0)
        {
          g_assert_cmpint (order->placed_week, ==, week);
          g_assert_cmpstr (wfl_simulation_get_node_id (simulation, order->customer), ==, customer);
          return order->filled_week < 0 ? -1 : order->filled_week - order->placed_week;
        }
    }
  g_assert_not_reached ();
  return -2;
}

/* Each week's quote made alone (a window of one week) equals the probe
 * added to the scenario. */
static void
check_sparse (WflScenario *scenario,
              const char  *customer,
              const int   *weeks,
              guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WflLeadTimeQuote) quote = wfl_lead_time_quote_new (scenario, customer, weeks[i], weeks[i],
                                                                   NULL, &error);
      int lead = lead_time_of_added_probe (scenario, customer, weeks[i]);

      g_assert_no_error (error);
      g_test_message ("%s week %d: series %d, probe %d", customer, weeks[i],
                      wfl_lead_time_quote_get (quote, weeks[i]), lead);
      g_assert_cmpint (wfl_lead_time_quote_get (quote, weeks[i]), ==, lead);
    }
}

/* For several weeks of the built-in scenario and two customers, a probe
 * order added to the scenario gets exactly the series' lead time; the
 * series is not flat (the booking window moves), and late in the calendar
 * an order is no longer filled. */
static void
test_builtin_probes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_new_builtin (&error);
  const char *customers[] = { "microsoft", "google" };
  int n_weeks;

  g_assert_no_error (error);
  n_weeks = wfl_scenario_get_weeks (scenario);

  for (guint c = 0; c < G_N_ELEMENTS (customers); c++)
    {
      g_autoptr(WflLeadTimeQuote) quote = NULL;
      const int weeks[] = { 0, 5, 13, 26, 40, 52, 78, n_weeks / 2 + 3, n_weeks - 30, n_weeks - 1 };
      int lo = G_MAXINT, hi = -1;
      gboolean unfilled = FALSE;

      /* The whole calendar for the first customer; the second's only
       * every fourth week (a probe is a whole simulation, slow under
       * the sanitizers), which holds the weeks checked below. */
      if (c > 0)
        {
          check_sparse (scenario, customers[c], weeks, G_N_ELEMENTS (weeks));
          continue;
        }
      quote = wfl_lead_time_quote_new (scenario, customers[c], 0, n_weeks - 1, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (quote->from_week, ==, 0);
      g_assert_cmpint (quote->to_week, ==, n_weeks - 1);
      for (int w = 0; w < n_weeks; w++)
        {
          int lead = wfl_lead_time_quote_get (quote, w);

          g_assert_cmpint (lead, >=, -1);
          if (lead >= 0)
            {
              lo = MIN (lo, lead);
              hi = MAX (hi, lead);
              /* Filled within the calendar. */
              g_assert_cmpint (w + lead, <, n_weeks);
            }
          else
            unfilled = TRUE;
        }
      g_assert_cmpint (hi, >, lo);
      g_assert_true (unfilled);

      for (guint i = 0; i < G_N_ELEMENTS (weeks); i++)
        {
          int lead = lead_time_of_added_probe (scenario, customers[c], weeks[i]);

          g_test_message ("%s week %d: series %d, probe %d", customers[c], weeks[i],
                          wfl_lead_time_quote_get (quote, weeks[i]), lead);
          g_assert_cmpint (wfl_lead_time_quote_get (quote, weeks[i]), ==, lead);
        }
    }
}

/* A window of weeks gives the same values as each of its weeks quoted
 * alone; outside it the quote says -1. */
static void
test_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_new_builtin (&error);
  g_autoptr(WflLeadTimeQuote) whole = NULL;
  g_autoptr(WflLeadTimeQuote) part = NULL;

  g_assert_no_error (error);
  /* Clamped to the calendar. */
  whole = wfl_lead_time_quote_new (scenario, "meta", wfl_scenario_get_weeks (scenario) - 3, 1000000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (whole->from_week, ==, wfl_scenario_get_weeks (scenario) - 3);
  g_assert_cmpint (whole->to_week, ==, wfl_scenario_get_weeks (scenario) - 1);
  part = wfl_lead_time_quote_new (scenario, "meta", 20, 30, NULL, &error);
  g_assert_no_error (error);
  for (int w = 20; w <= 30; w += 5)
    {
      g_autoptr(WflLeadTimeQuote) alone = wfl_lead_time_quote_new (scenario, "meta", w, w, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (wfl_lead_time_quote_get (part, w), ==, wfl_lead_time_quote_get (alone, w));
      g_assert_cmpint (wfl_lead_time_quote_get (part, w), >, 0);
    }
  g_assert_cmpint (wfl_lead_time_quote_get (part, 19), ==, -1);
  g_assert_cmpint (wfl_lead_time_quote_get (part, 31), ==, -1);
}

/* The teaching scenario's worked example (docs/model.md): with the
 * customer's order of 30 placed in week 0, a probe of one die placed in
 * week 0 comes after it, from the fab's next batches. */
static void
test_teaching_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(WflLeadTimeQuote) quote = NULL;

  quote = wfl_lead_time_quote_new (scenario, "cust", 0, 5, NULL, &error);
  g_assert_no_error (error);
  for (int w = 0; w <= 5; w++)
    g_assert_cmpint (wfl_lead_time_quote_get (quote, w), ==, lead_time_of_added_probe (scenario, "cust", w));
  /* Placed after the first order is filled (week 3), the probe waits for
   * nothing: wafers have no lead time, the fab's two weeks are all. */
  g_assert_cmpint (wfl_lead_time_quote_get (quote, 5), ==, 2);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  WflLeadTimeQuote *quote;

  quote = wfl_lead_time_quote_new (scenario, "fab", 0, 5, NULL, &error);
  g_assert_null (quote);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "fab"));
  g_clear_error (&error);
  quote = wfl_lead_time_quote_new (scenario, "nobody", 0, 5, NULL, &error);
  g_assert_null (quote);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  quote = wfl_lead_time_quote_new (scenario, "cust", 0, 5, cancellable, &error);
  g_assert_null (quote);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The probe's id is never one the scenario has. */
static void
test_probe_id (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(WflOrder) first = wfl_lead_time_probe_new (scenario, "cust", 3);
  g_autoptr(WflOrder) second = NULL;
  WflNode *cust = wfl_scenario_find_node (scenario, "cust");

  g_assert_cmpstr (first->id, ==, "probe");
  /* One die: the customer orders 30 in all. */
  g_assert_cmpfloat (first->quantity, ==, 1);
  g_assert_cmpuint (first->placed, ==, wfl_date_of_week (wfl_scenario_get_start (scenario), 3));
  g_ptr_array_add (cust->orders, wfl_order_copy (first));
  second = wfl_lead_time_probe_new (scenario, "cust", 3);
  g_assert_cmpstr (second->id, ==, "probe-2");
  /* A customer of 10 million units: 100 units, above a millionth of it. */
  ((WflOrder *) cust->orders->pdata[0])->quantity = 1e7 - 1;
  g_assert_cmpfloat (wfl_lead_time_probe_quantity (scenario, "cust"), ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lead-time/builtin-probes", test_builtin_probes);
  g_test_add_func ("/lead-time/window", test_window);
  g_test_add_func ("/lead-time/teaching-example", test_teaching_example);
  g_test_add_func ("/lead-time/errors", test_errors);
  g_test_add_func ("/lead-time/probe-id", test_probe_id);
  return g_test_run ();
}
