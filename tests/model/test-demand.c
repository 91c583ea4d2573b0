/* test-demand.c: products with compute per unit, forecasts, order
 * inflation and cancellation (docs/model.md "Products" and "Forecasts,
 * order inflation and cancellation"), by hand
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-helpers.h"
#include "wfl-results-csv.h"
#include "wfl-scenario-xml.h"

static WflProduct *
add_product (WflScenario *s,
             const char  *id,
             double       compute)
{
  WflProduct *product = wfl_product_new (id);

  product->compute = compute;
  wfl_scenario_add_product (s, product);
  return product;
}

/* Two products on their own lines into one customer: dies (10 a week)
 * → h100 (compute 4), and dies2 (10 a week) → a100 (compute 1); the
 * customer orders 30 H100 and 20 A100 in week 0.  Each line delivers 10
 * a week: the H100s in weeks 0-2, the A100s in weeks 0-1.  Compute is
 * 30 × 4 + 20 × 1 = 140 in the compute unit, 35 H100-equivalents. */
static WflScenario *
two_products (void)
{
  WflScenario *s = new_scenario (6);
  WflOrder *order;

  add_product (s, "h100", 4);
  add_product (s, "a100", 1);
  wfl_scenario_set_compute_unit (s, "PFLOPS");
  wfl_scenario_set_reference_product (s, "h100");
  add_node (s, "dies", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "dies2", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "gh100", WFL_NODE_KIND_PROCESS, -1, 0, 1)->product = g_strdup ("h100");
  add_node (s, "ga100", WFL_NODE_KIND_PROCESS, -1, 0, 1)->product = g_strdup ("a100");
  add_node (s, "c", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "dies", "gh100", 1);
  add_link (s, "dies2", "ga100", 1);
  add_link (s, "gh100", "c", 1);
  add_link (s, "ga100", "c", 1);
  order = add_order (s, "c", "oh", 30, 0, -1);
  order->product = g_strdup ("h100");
  order = add_order (s, "c", "oa", 20, 0, -1);
  order->product = g_strdup ("a100");
  return s;
}

static void
test_demand_products_compute (void)
{
  g_autoptr(WflScenario) s = two_products ();
  g_autoptr(WflSimulation) sim = simulate (s);
  int c = wfl_simulation_find_node (sim, "c");
  int h100 = 0, a100 = 1;

  g_assert_cmpuint (wfl_simulation_get_n_skus (sim), ==, 2);
  g_assert_cmpstr (wfl_simulation_get_sku_id (sim, h100), ==, "h100");
  g_assert_cmpint (wfl_simulation_get_reference_sku (sim), ==, h100);
  g_assert_cmpint (wfl_simulation_get_node_sku (sim, wfl_simulation_find_node (sim, "gh100")), ==, h100);
  g_assert_cmpint (wfl_simulation_get_node_sku (sim, c), ==, -1);

  assert_near (wfl_simulation_get_sku_delivered (sim, h100, c, 0, 5), 30);
  assert_near (wfl_simulation_get_sku_delivered (sim, a100, c, 0, 5), 20);
  assert_near (wfl_simulation_get_sku_delivered (sim, h100, c, 2, 2), 10);
  assert_near (wfl_simulation_get_sku_delivered (sim, a100, c, 2, 2), 0);
  /* Units of every product add up to the customer's deliveries. */
  assert_near (wfl_simulation_get_sku_delivered (sim, h100, -1, 0, 5) +
               wfl_simulation_get_sku_delivered (sim, a100, -1, 0, 5) +
               wfl_simulation_get_sku_delivered (sim, -1, -1, 0, 5),
               wfl_simulation_get_delivered (sim, c, 0, 5));
  assert_near (wfl_simulation_get_compute_delivered (sim, -1, 0, 5), 140);
  assert_near (wfl_simulation_get_compute_delivered (sim, c, 2, 2), 40);
  assert_near (wfl_simulation_get_compute_scale (sim), 4);
  /* Each order is filled from its own product's line. */
  g_assert_cmpint (order_by_id (sim, "oh")->filled_week, ==, 2);
  g_assert_cmpint (order_by_id (sim, "oa")->filled_week, ==, 1);
  g_assert_cmpint (order_by_id (sim, "oh")->sku, ==, h100);

  /* products.csv: per quarter and product, units, compute and
   * H100-equivalents (the calendar's six weeks are all in Q1 2023). */
  {
    g_autoptr(GBytes) csv = wfl_results_csv_to_bytes (sim, WFL_RESULTS_CSV_PRODUCTS);
    g_autofree char *text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));

    g_assert_cmpstr (text, ==,
                     "quarter,start,end,product,delivered,compute,equivalents\n"
                     "2023-Q1,2023-01-02,2023-02-12,h100,30,120,30\n"
                     "2023-Q1,2023-01-02,2023-02-12,a100,20,20,5\n");
  }
}

/* src (10 a week, lead 0) → c.  c books twice what it needs
 * (booked-to-needed 2): its order of 40 needs 20, filled in week 1 when
 * 20 have arrived; the other 20 are cancelled then.  A second order of
 * 100 placed in week 0 is cancelled on 2023-01-23 (week 3) after 10 a
 * week in week 2 (the first order took weeks 0-1): 10 of the 50 it
 * needs, 90 of its 100 cancelled in week 3, and nothing after. */
static void
test_demand_inflation_and_cancellation (void)
{
  g_autoptr(WflScenario) s = new_scenario (8);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *c;
  WflOrder *order;
  const WflOrderResult *r;

  add_node (s, "src", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  c = add_node (s, "c", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  c->booked_to_needed = wfl_schedule_new_constant (2);
  add_link (s, "src", "c", 1);
  add_order (s, "c", "inflated", 40, 0, 1);
  order = add_order (s, "c", "cancelled", 100, 0, -1);
  order->cancelled = wfl_date_of_week (START, 3);
  sim = simulate (s);

  r = order_by_id (sim, "inflated");
  assert_near (r->needed, 20);
  assert_near (r->delivered, 20);
  g_assert_cmpint (r->filled_week, ==, 1);
  assert_near (r->cancelled, 20);
  g_assert_cmpint (r->cancelled_week, ==, 1);
  /* The ratio is the customer's: the second order needs 50 of its 100. */
  r = order_by_id (sim, "cancelled");
  assert_near (r->needed, 50);
  assert_near (r->delivered, 10);
  g_assert_cmpint (r->filled_week, ==, -1);
  assert_near (r->cancelled, 90);
  g_assert_cmpint (r->cancelled_week, ==, 3);
  for (int t = 0; t < 8; t++)
    assert_near (wfl_simulation_get_delivered (sim, -1, t, t), t < 3 ? 10 : 0);
  /* The inflated order got what it needed by its due week. */
  assert_near (wfl_simulation_get_fill_rate (sim, -1, 0, 7), 1);

  /* orders.csv: booked quantity, then needed and cancelled at the end. */
  {
    g_autoptr(GBytes) csv = wfl_results_csv_to_bytes (sim, WFL_RESULTS_CSV_ORDERS);
    const char *text = g_bytes_get_data (csv, NULL);

    g_assert_true (g_str_has_prefix (text, "customer,order,quantity,placed,due,filled,delivered_by_due,"
                                           "lateness_weeks,needed,cancelled\n"));
    g_assert_nonnull (strstr (text, "\nc,inflated,40,2023-01-02,2023-01-09,2023-01-09,20,0,20,20\n"));
    g_assert_nonnull (strstr (text, "\nc,cancelled,100,2023-01-02,,,,,50,90\n"));
  }
}

static WflScenario *
forecast_case (gboolean with_forecast)
{
  WflScenario *s = new_scenario (14);
  WflNode *c;

  add_node (s, "wafers", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s, "fab", WFL_NODE_KIND_PROCESS, 10, 4, 1);
  c = add_node (s, "c", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "wafers", "fab", 1);
  add_link (s, "fab", "c", 1);
  add_order (s, "c", "o", 10, 6, -1);
  if (with_forecast)
    {
      WflForecast *forecast = wfl_forecast_new (NULL, 8);

      wfl_schedule_add_point (forecast->rate, wfl_date_of_week (START, 6), 10, WFL_INTERPOLATE_STEP);
      wfl_schedule_add_point (forecast->rate, wfl_date_of_week (START, 7), 0, WFL_INTERPOLATE_STEP);
      g_ptr_array_add (c->forecasts, forecast);
    }
  return s;
}

/* wafers → fab (lead 4, 10 a week) → c, which orders 10 in week 6.
 * Without a forecast the fab starts them when the order is placed and
 * the order is filled in week 10; with c's forecast of 10 in week 6
 * (horizon 8 weeks) the fab starts them in week 2, lead time ahead, and
 * the order is filled the week it is placed. */
static void
test_demand_forecast (void)
{
  g_autoptr(WflScenario) plain = forecast_case (FALSE);
  g_autoptr(WflScenario) forecast = forecast_case (TRUE);
  g_autoptr(WflSimulation) a = simulate (plain);
  g_autoptr(WflSimulation) b = simulate (forecast);
  double median;

  g_assert_cmpint (order_by_id (a, "o")->filled_week, ==, 10);
  assert_near (val (a, "fab", WFL_SERIES_STARTS, 6), 10);
  g_assert_cmpint (order_by_id (b, "o")->filled_week, ==, 6);
  assert_near (val (b, "fab", WFL_SERIES_STARTS, 2), 10);
  for (int t = 0; t < 14; t++)
    if (t != 2)
      assert_near (val (b, "fab", WFL_SERIES_STARTS, t), 0);
  /* The lead time of orders placed in week 6 collapses from 4 to 0. */
  g_assert_true (wfl_simulation_get_lead_time_placed (a, -1, 6, 6, &median, NULL));
  assert_near (median, 4);
  g_assert_true (wfl_simulation_get_lead_time_placed (b, -1, 6, 6, &median, NULL));
  assert_near (median, 0);
  g_assert_false (wfl_simulation_get_lead_time_placed (b, -1, 0, 5, &median, NULL));
}

/* The vocabulary reads and writes back byte for byte, and a version-1
 * file that uses it names the version it needs. */
static void
test_demand_xml (void)
{
  const char *text =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario xmlns=\"urn:waferline:scenario:1\" format-version=\"2\">\n"
    "  <calendar start=\"2023-01-02\" weeks=\"10\"/>\n"
    "\n"
    "  <products compute-unit=\"PFLOPS\" reference=\"h100\">\n"
    "    <product id=\"h100\" name=\"H100 SXM\" compute=\"0.989\" confidence=\"high\"/>\n"
    "    <product id=\"h20\" compute=\"0.148\"/>\n"
    "  </products>\n"
    "\n"
    "  <nodes>\n"
    "    <node id=\"gpu\" kind=\"supply\" capacity=\"10\" product=\"h100\"/>\n"
    "    <node id=\"gpu20\" kind=\"supply\" capacity=\"10\" product=\"h20\"/>\n"
    "    <node id=\"c\" kind=\"customer\" booked-to-needed=\"1.5\">\n"
    "      <order id=\"o\" quantity=\"30\" placed=\"2023-01-02\" product=\"h100\" cancelled=\"2023-02-06\"/>\n"
    "      <forecast product=\"h20\" horizon-weeks=\"8\">\n"
    "        <point date=\"2023-01-16\" value=\"5\"/>\n"
    "      </forecast>\n"
    "    </node>\n"
    "  </nodes>\n"
    "\n"
    "  <links>\n"
    "    <link from=\"gpu\" to=\"c\"/>\n"
    "    <link from=\"gpu20\" to=\"c\"/>\n"
    "  </links>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = wfl_scenario_load_data (text, strlen (text), "demand", NULL, &error);
  g_autoptr(GBytes) once = NULL;
  g_autoptr(GBytes) twice = NULL;
  g_autoptr(WflScenario) again = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *v1 = NULL;
  WflNode *c;
  WflOrder *order;

  g_assert_no_error (error);
  g_assert_cmpuint (wfl_scenario_get_n_products (s), ==, 2);
  assert_near (wfl_scenario_get_product (s, 0)->compute, 0.989);
  g_assert_cmpstr (wfl_scenario_get_reference_product (s), ==, "h100");
  g_assert_cmpstr (wfl_scenario_get_compute_unit (s), ==, "PFLOPS");
  c = wfl_scenario_find_node (s, "c");
  assert_near (wfl_schedule_get_point (c->booked_to_needed, 0)->value, 1.5);
  order = g_ptr_array_index (c->orders, 0);
  g_assert_cmpstr (order->product, ==, "h100");
  g_assert_cmpint (order->cancelled, ==, wfl_date_from_ymd (2023, 2, 6));
  g_assert_cmpuint (c->forecasts->len, ==, 1);
  g_assert_cmpint (((WflForecast *) g_ptr_array_index (c->forecasts, 0))->horizon_weeks, ==, 8);

  once = wfl_scenario_to_bytes (s);
  again = wfl_scenario_load_data (g_bytes_get_data (once, NULL), g_bytes_get_size (once), "again", NULL, &error);
  g_assert_no_error (error);
  twice = wfl_scenario_to_bytes (again);
  g_assert_true (g_bytes_equal (once, twice));
  g_assert_cmpstr (g_bytes_get_data (once, NULL), ==, text);

  v1 = g_strdup (text);
  memcpy (strstr (v1, "format-version=\"2\"") + strlen ("format-version=\""), "1", 1);
  g_clear_pointer (&again, g_object_unref);
  again = wfl_scenario_load_data (v1, strlen (v1), "v1", &problems, &error);
  g_assert_null (again);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    g_assert_nonnull (strstr (((WflProblem *) g_ptr_array_index (problems, i))->message, "needs format version 2"));
  /* <products>, two product attributes, booked-to-needed, the order's
   * product and cancelled, and the forecast. */
  g_assert_cmpuint (problems->len, >=, 5);
}

/* Rules: references to products, ratios of at least 1, a cancellation
 * after the placing, forecasts of customers only. */
static void
test_demand_validate (void)
{
  g_autoptr(WflScenario) s = two_products ();
  g_autoptr(GPtrArray) problems = NULL;
  WflNode *c = wfl_scenario_find_node (s, "c");
  WflOrder *order = g_ptr_array_index (c->orders, 0);

  problems = wfl_scenario_validate (s);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_free (order->product);
  order->product = g_strdup ("b200");
  c->booked_to_needed = wfl_schedule_new_constant (0.5);
  order->cancelled = wfl_date_of_week (START, -1);
  g_ptr_array_add (wfl_scenario_find_node (s, "dies")->forecasts, wfl_forecast_new (NULL, 4));
  wfl_scenario_get_product (s, 1)->compute = -1;
  problems = wfl_scenario_validate (s);
  {
    const char *expected[] = { "asks for product “b200”, which is not defined",
                               "booked-to-needed ratio of “c”", "cancelled before it is placed",
                               "has forecasts but is not a customer", "compute of product “a100”" };

    for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
      {
        gboolean found = FALSE;

        for (guint i = 0; i < problems->len; i++)
          found |= strstr (((WflProblem *) g_ptr_array_index (problems, i))->message, expected[k]) != NULL;
        if (!found)
          g_error ("no problem mentions “%s”", expected[k]);
      }
  }
}

/* The fixtures (also the fuzzer's seeds): the valid one loads, matches
 * the schema, saves back unchanged and simulates; the hostile one reports
 * each wrong figure and reference at its line and loads nothing. */
static void
test_demand_fixtures (void)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "valid-demand.waferline", NULL);
  g_autofree char *hostile = g_test_build_filename (G_TEST_DIST, "data", "demand-hostile.waferline", NULL);
  g_autoptr(GFile) valid_file = g_file_new_for_path (valid);
  g_autoptr(GFile) hostile_file = g_file_new_for_path (hostile);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(WflScenario) s = wfl_scenario_load_file (valid_file, NULL, NULL, &error);
  g_autoptr(WflScenario) bad = NULL;
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *contents = NULL;
  const struct { int line; const char *fragment; } expected[] = {
    { 4, "reference product “nope”" }, { 5, "“compute” attribute of <product>" }, { 6, "“bad id” is not a valid id" },
    { 7, "not a finite number" }, { 11, "booked-to-needed ratio of “c” is 0.5" },
    { 12, "product “b200”, which is not defined" }, { 12, "cancelled before it is placed" },
    { 13, "“horizon-weeks” attribute of <forecast>" }, { 13, "needs a <point>" },
  };

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (valid, &contents, NULL, NULL));
  saved = wfl_scenario_to_bytes (s);
  g_assert_cmpstr (g_bytes_get_data (saved, NULL), ==, contents);
  sim = simulate (s);
  /* China's H20s: 50 at 20 a week after the 4-week lead. */
  assert_near (wfl_simulation_get_sku_delivered (sim, 1, wfl_simulation_find_node (sim, "china"), 0, 25), 50);

  bad = wfl_scenario_load_file (hostile_file, NULL, &problems, &error);
  g_assert_null (bad);
  g_assert_nonnull (problems);
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < problems->len; i++)
        {
          const WflProblem *problem = g_ptr_array_index (problems, i);

          found |= problem->line == expected[k].line && strstr (problem->message, expected[k].fragment) != NULL;
        }
      if (!found)
        g_error ("no problem on line %d mentions “%s”", expected[k].line, expected[k].fragment);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/demand/products-compute", test_demand_products_compute);

  g_test_add_func ("/wfl/model/demand/inflation-and-cancellation", test_demand_inflation_and_cancellation);

  g_test_add_func ("/wfl/model/demand/forecast", test_demand_forecast);
  g_test_add_func ("/wfl/model/demand/xml", test_demand_xml);
  g_test_add_func ("/wfl/model/demand/validate", test_demand_validate);
  g_test_add_func ("/wfl/model/demand/fixtures", test_demand_fixtures);

  return g_test_run ();
}
