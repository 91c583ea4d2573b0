/* test-timeseries.c: the time series charts' data, axes and painting
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On docs/model.md's worked example (wafers → fab → customer, one order
 * of 30 dies placed in week 0): a node's lines are the simulation's
 * series, a customer's ordered total steps up in the week an order is
 * placed and its received total is what reached it; the window clamps to
 * the calendar; the week under a point of the plot runs from the
 * window's first week at its left edge to its last at the right; the
 * painter draws the lines in their colours over the background, and the
 * JSON holds a row per week shown with null for none.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-model.h"
#include "wfl-timeseries.h"

static WflSimulation *
simulate (WflScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  WflSimulation *simulation = wfl_simulation_new (scenario, &error);

  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (simulation, NULL, &error));
  return simulation;
}

static const WflTimeSeriesLine *
line (const WflTimeSeries *s,
      const char          *key)
{
  for (guint i = 0; i < s->lines->len; i++)
    if (strcmp (((WflTimeSeriesLine *) s->lines->pdata[i])->key, key) == 0)
      return s->lines->pdata[i];
  return NULL;
}

static void
test_node_and_customer (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(WflSimulation) sim = simulate (scenario);
  g_autoptr(WflTimeSeries) fab = wfl_timeseries_new_node (sim, (guint) wfl_simulation_find_node (sim, "fab"));
  g_autoptr(WflTimeSeries) cust = wfl_timeseries_new_node (sim, (guint) wfl_simulation_find_node (sim, "cust"));
  int n = wfl_simulation_get_n_weeks (sim);
  g_autofree double *expected = g_new (double, n);
  const WflSeries series[] = { WFL_SERIES_CAPACITY, WFL_SERIES_STARTS, WFL_SERIES_STOCK };
  const char *keys[] = { "capacity", "starts", "stock" };

  g_assert_cmpint (fab->kind, ==, WFL_TIMESERIES_NODE);
  g_assert_cmpstr (fab->unit, ==, "die");
  g_assert_cmpint (fab->from_week, ==, 0);
  g_assert_cmpint (fab->to_week, ==, n - 1);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_assert_nonnull (line (fab, keys[k]));
      wfl_simulation_get_node_series (sim, (guint) wfl_simulation_find_node (sim, "fab"), series[k], expected);
      for (int w = 0; w < n; w++)
        g_assert_cmpfloat (line (fab, keys[k])->values[w], ==, expected[w]);
    }
  /* The worked example: 40 starts in week 0, 20 in week 1. */
  g_assert_cmpfloat (line (fab, "starts")->values[0], ==, 40);
  g_assert_cmpfloat (line (fab, "starts")->values[1], ==, 20);

  /* A customer: 30 ordered from week 0; 20 received in week 2, 30 in 3. */
  g_assert_cmpint (cust->kind, ==, WFL_TIMESERIES_CUSTOMER);
  g_assert_cmpint (cust->band_high, ==, 0);
  g_assert_cmpint (cust->band_low, ==, 1);
  for (int w = 0; w < n; w++)
    g_assert_cmpfloat (line (cust, "ordered")->values[w], ==, 30);
  g_assert_cmpfloat (line (cust, "received")->values[1], ==, 0);
  g_assert_cmpfloat_with_epsilon (line (cust, "received")->values[2], 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (line (cust, "received")->values[3], 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (line (cust, "received")->values[n - 1], 30, 1e-9);
}

/* A node without capacity has no capacity line, and says so. */
static void
test_unlimited (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(WflTimeSeries) fab = NULL;

  g_clear_pointer (&wfl_scenario_find_node (scenario, "fab")->capacity, wfl_schedule_free);
  sim = simulate (scenario);
  fab = wfl_timeseries_new_node (sim, (guint) wfl_simulation_find_node (sim, "fab"));
  g_assert_null (line (fab, "capacity"));
  g_assert_nonnull (fab->note);
}

static void
test_window_and_week_at (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(WflSimulation) sim = simulate (scenario);
  g_autoptr(WflTimeSeries) fab = wfl_timeseries_new_node (sim, (guint) wfl_simulation_find_node (sim, "fab"));
  WflChartStyle style;
  int last = -1;

  wfl_timeseries_set_window (fab, -5, 1000);
  g_assert_cmpint (fab->from_week, ==, 0);
  g_assert_cmpint (fab->to_week, ==, fab->n_weeks - 1);
  wfl_timeseries_set_window (fab, 4, 13);
  g_assert_cmpint (fab->from_week, ==, 4);
  g_assert_cmpint (fab->to_week, ==, 13);

  wfl_chart_style_init_light (&style);
  g_assert_cmpint (wfl_timeseries_week_at (fab, &style, 800, 400, 1), ==, -1);
  g_assert_cmpint (wfl_timeseries_week_at (fab, &style, 800, 400, 800 - 12), ==, 13);
  for (double x = 100; x < 790; x += 5)
    {
      int week = wfl_timeseries_week_at (fab, &style, 800, 400, x);

      g_assert_cmpint (week, >=, MAX (last, 4));
      g_assert_cmpint (week, <=, 13);
      last = week;
    }
  g_assert_cmpint (last, ==, 13);
  wfl_chart_style_clear (&style);
}

/* Counts the pixels close to a colour. */
static guint
count_color (cairo_surface_t *surface,
             const WflRgba   *c)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + 4 * x);
        double r = ((px >> 16) & 0xff) / 255.0, g = ((px >> 8) & 0xff) / 255.0, b = (px & 0xff) / 255.0;

        n += fabs (r - c->r) < 0.03 && fabs (g - c->g) < 0.03 && fabs (b - c->b) < 0.03;
      }
  return n;
}

static void
test_paint (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(WflSimulation) sim = simulate (scenario);
  g_autoptr(WflTimeSeries) cust = wfl_timeseries_new_node (sim, (guint) wfl_simulation_find_node (sim, "cust"));
  WflChartStyle styles[2];

  wfl_chart_style_init_light (&styles[0]);
  wfl_chart_style_init_dark (&styles[1]);
  for (guint i = 0; i < 2; i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 300);
      cairo_t *cr = cairo_create (surface);

      wfl_timeseries_render (cust, cr, 600, 300, &styles[i], -1);
      cairo_surface_flush (surface);
      /* Mostly background; the ordered and received lines in their colours. */
      g_assert_cmpuint (count_color (surface, &styles[i].background), >, 600 * 300 / 2);
      g_assert_cmpuint (count_color (surface, &styles[i].categorical[0]), >, 100);
      g_assert_cmpuint (count_color (surface, &styles[i].categorical[2]), >, 100);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      wfl_chart_style_clear (&styles[i]);
    }
}

static void
test_json (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(WflTimeSeries) fab = NULL;
  g_autofree char *json = NULL;
  guint rows = 0;
  gsize length;

  g_clear_pointer (&wfl_scenario_find_node (scenario, "wafers")->capacity, wfl_schedule_free);
  sim = simulate (scenario);
  fab = wfl_timeseries_new_node (sim, (guint) wfl_simulation_find_node (sim, "fab"));
  wfl_timeseries_set_window (fab, 2, 6);
  json = wfl_timeseries_to_json (fab, &length);
  g_assert_cmpuint (strlen (json), ==, length);
  for (const char *p = json; (p = strstr (p, "\"week\":")) != NULL; p++)
    rows++;
  g_assert_cmpuint (rows, ==, 5);
  g_assert_nonnull (strstr (json, "\"kind\":\"node\""));
  g_assert_nonnull (strstr (json, "\"from\":\"2023-01-16\""));
  g_assert_nonnull (strstr (json, "\"to\":\"2023-02-19\""));
  g_assert_nonnull (strstr (json, "{\"week\":2,\"date\":\"2023-01-16\",\"capacity\":40,\"starts\":0,"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timeseries/node-and-customer", test_node_and_customer);
  g_test_add_func ("/timeseries/unlimited", test_unlimited);
  g_test_add_func ("/timeseries/window-and-week-at", test_window_and_week_at);
  g_test_add_func ("/timeseries/paint", test_paint);
  g_test_add_func ("/timeseries/json", test_json);
  return g_test_run ();
}
