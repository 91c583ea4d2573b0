/* test-builtin-story.c: the built-in scenario tells the sources' story
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in scenario (data/scenarios/ai-hardware-2023-2025.waferline)
 * is calibrated against ../shared/reference/supply-chain-facts.md.  These
 * tests hold the story those sources tell, so that an edit of the
 * scenario or of the engine that breaks it is caught:
 *
 *  - in 2023 CoWoS packaging is the top bottleneck while N4 wafers have
 *    spare capacity (seed: "N5/N4 had slack", "CoWoS no slack");
 *  - orders placed in mid-2023 take far longer from order to installed
 *    than their production time (queueing for allocation: Omdia's 36–52
 *    weeks against the seed's 4–6 months of process), and that lead time
 *    shrinks through 2024 as CoWoS capacity grows;
 *  - Nvidia's output (GPUs out of final test) is 1.0–1.6 M in 2023 (seed
 *    ">1 M", Omdia ~1.2 M/yr pace, Churnock 1.5 M) and 3.0–4.0 M in 2024
 *    (">3 M" forecast; the fact sheet's consistency check 3.7–3.9 M).
 */

#include "config.h"

#include <math.h>

#include "wfl-model.h"
#include "wfl-simulation.h"
#include "wfl-bottlenecks.h"

static WflScenario *scenario;
static WflSimulation *simulation;

/* The end products, in document order of their first customer. */
enum { GPU, TPU };

static int
week_of (int year,
         int month,
         int day)
{
  return wfl_week_of_date (wfl_simulation_get_start (simulation), wfl_date_from_ymd (year, month, day));
}

static int
node (const char *id)
{
  int i = wfl_simulation_find_node (simulation, id);

  g_assert_cmpint (i, >=, 0);
  return i;
}

static void
test_story_cowos_binds_2023 (void)
{
  int first = week_of (2023, 1, 2), last = week_of (2023, 12, 31);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranking = wfl_bottlenecks_rank (simulation, first, last, NULL, &error);
  const WflBottleneck *top, *n4;
  double n4_starts, n4_capacity;

  g_assert_no_error (error);
  g_assert_cmpuint (ranking->len, >, 0);
  g_assert_cmpstr (wfl_simulation_get_product_unit (simulation, GPU), ==, "gpu");
  top = wfl_bottlenecks_get_top (ranking, GPU);
  g_assert_nonnull (top);
  g_assert_cmpstr (wfl_simulation_get_node_id (simulation, top->node), ==, "cowos-tsmc");
  g_assert_cmpfloat (top->gain, >, 10000);

  /* CoWoS is capacity-bound nearly every week of 2023 … */
  g_assert_cmpuint (wfl_simulation_count_bound_weeks (simulation, node ("cowos-tsmc"), first, last),
                    >=, (guint) (0.9 * (last - first + 1)));

  /* … while N4 wafers have slack: used well below capacity, and more
   * wafer capacity would deliver nothing more. */
  n4_starts = wfl_simulation_sum_node_series (simulation, node ("n4-wafers"), WFL_SERIES_STARTS, first, last);
  n4_capacity = wfl_simulation_sum_node_series (simulation, node ("n4-wafers"), WFL_SERIES_CAPACITY, first, last);
  g_assert_cmpfloat (n4_starts / n4_capacity, <, 0.8);
  n4 = wfl_bottlenecks_find (ranking, node ("n4-wafers"), GPU);
  g_assert_nonnull (n4);
  g_assert_cmpfloat (n4->gain, ==, 0);
}

/* The names of the first three rows of an end product with a gain. */
static char *
top_three (GArray *ranking,
           guint   product)
{
  GString *names = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < ranking->len && n < 3; i++)
    {
      const WflBottleneck *row = &g_array_index (ranking, WflBottleneck, i);

      if (row->product != product || row->gain <= 0)
        continue;
      g_string_append_printf (names, "%s%s", n++ > 0 ? ", " : "",
                              wfl_simulation_get_node_id (simulation, row->node));
    }
  return g_string_free (names, FALSE);
}

/* The ranking does not flip: for every quarter of 2023–2025 and each end
 * product, the top three are the same when the window ends a week
 * earlier or a week later.  (Before gains were per end product and
 * weighted by the weeks left in the window, CoWoS-S fell from 269,412 to
 * 1,146 when a window from 2024-01-01 ended three weeks later.) */
static void
test_story_ranking_stable (void)
{
  g_autoptr(WflBottlenecks) runs = wfl_bottlenecks_new (simulation, NULL, 0, NULL, NULL);
  guint checked = 0;

  for (guint q = 0; q < wfl_simulation_get_n_quarters (simulation); q++)
    {
      int first, last;

      wfl_simulation_get_quarter_weeks (simulation, q, &first, &last);
      for (guint p = 0; p < wfl_simulation_get_n_products (simulation); p++)
        {
          g_autoptr(GArray) ranking = wfl_bottlenecks_rank_window (runs, first, last);
          g_autofree char *top = top_three (ranking, p);

          for (int shift = -1; shift <= 1; shift += 2)
            {
              g_autoptr(GArray) moved = wfl_bottlenecks_rank_window (runs, first, last + shift);
              g_autofree char *moved_top = top_three (moved, p);

              g_test_message ("%s quarter %u, end %+d week: %s / %s",
                              wfl_simulation_get_product_unit (simulation, p), q, shift, top, moved_top);
              g_assert_cmpstr (moved_top, ==, top);
              checked++;
            }
        }
    }
  /* 12 quarters, GPUs and TPUs, a week earlier and later. */
  g_assert_cmpuint (checked, ==, 12 * 2 * 2);
}

/* The example: from 2024-01-01, CoWoS-S stays the GPUs'
 * bottleneck whether the window ends on 2024-12-22 or 2025-01-12, with
 * gains of the same size; N4 wafers gain nothing in 2024, and TPUs are
 * held back by their own CoWoS line. */
static void
test_story_ranking_2024 (void)
{
  int first = week_of (2024, 1, 1);
  g_autoptr(WflBottlenecks) runs = wfl_bottlenecks_new (simulation, NULL, 0, NULL, NULL);
  g_autoptr(GArray) early = wfl_bottlenecks_rank_window (runs, first, week_of (2024, 12, 22));
  g_autoptr(GArray) late = wfl_bottlenecks_rank_window (runs, first, week_of (2025, 1, 12));
  const WflBottleneck *a = wfl_bottlenecks_get_top (early, GPU);
  const WflBottleneck *b = wfl_bottlenecks_get_top (late, GPU);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpstr (wfl_simulation_get_node_id (simulation, a->node), ==, "cowos-tsmc");
  g_assert_cmpuint (a->node, ==, b->node);
  g_assert_cmpfloat (b->gain / a->gain, >, 0.9);
  g_assert_cmpfloat (b->gain / a->gain, <, 1.2);
  g_assert_cmpfloat (wfl_bottlenecks_find (early, node ("n4-wafers"), GPU)->gain, ==, 0);
  g_assert_cmpstr (wfl_simulation_get_node_id (simulation, wfl_bottlenecks_get_top (early, TPU)->node),
                   ==, "tpu-cowos");
  /* N4 wafers reach GPUs only: no TPU row. */
  g_assert_null (wfl_bottlenecks_find (early, node ("n4-wafers"), TPU));
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  g_assert_cmpuint (values->len, >, 0);
  return g_array_index (values, double, values->len / 2);
}

/* Median order lead time (placed → filled) and median production time
 * (the weeks its stages worked, waits excluded) of Nvidia's customers'
 * orders placed in [first, last]. */
static void
lead_times (int     first,
            int     last,
            double *lead,
            double *production)
{
  g_autoptr(GArray) leads = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) works = g_array_new (FALSE, FALSE, sizeof (double));
  int google_tpu = wfl_simulation_find_node (simulation, "google-tpu");

  for (guint i = 0; i < wfl_simulation_get_n_orders (simulation); i++)
    {
      const WflOrderResult *order = wfl_simulation_get_order (simulation, i);
      double lead_weeks, work = 0;

      if ((int) order->customer == google_tpu || order->placed_week < first || order->placed_week > last)
        continue;
      /* An order not filled within the calendar counts as longer than
       * any filled one: the medians are then upper bounds for the later
       * orders (which are checked to be shorter) and still lower bounds
       * where a long lead time is expected. */
      if (order->filled_week < 0)
        {
          lead_weeks = G_MAXINT;
          g_array_append_val (leads, lead_weeks);
          continue;
        }
      lead_weeks = order->filled_week - order->placed_week;
      for (guint s = 0; s < order->n_stages; s++)
        work += order->stages[s].end_week - order->stages[s].start_week;
      g_array_append_val (leads, lead_weeks);
      g_array_append_val (works, work);
    }
  *lead = median (leads);
  *production = median (works);
}

static void
test_story_lead_times (void)
{
  double lead_2023, production_2023, lead_2024h1, production, lead_2024q4;

  lead_times (week_of (2023, 6, 1), week_of (2023, 8, 31), &lead_2023, &production_2023);
  /* Queueing for allocation: far longer than the time spent in production. */
  g_assert_cmpfloat (lead_2023, >=, 1.5 * production_2023);
  g_assert_cmpfloat (lead_2023, >=, 36);

  /* … and shorter through 2024 as CoWoS capacity grows. */
  lead_times (week_of (2024, 1, 1), week_of (2024, 6, 30), &lead_2024h1, &production);
  lead_times (week_of (2024, 10, 1), week_of (2024, 12, 31), &lead_2024q4, &production);
  g_assert_cmpfloat (lead_2024h1, <, lead_2023);
  g_assert_cmpfloat (lead_2024q4, <=, lead_2023 - 10);
  g_test_message ("median lead time: mid-2023 %.0f wk (production %.0f wk), 2024 H1 %.0f wk, 2024 Q4 %.0f wk",
                  lead_2023, production_2023, lead_2024h1, lead_2024q4);
}

static void
test_story_nvidia_output (void)
{
  int test = node ("final-test");
  double out_2023, out_2024;

  out_2023 = wfl_simulation_sum_node_series (simulation, test, WFL_SERIES_COMPLETED,
                                             week_of (2023, 1, 2), week_of (2023, 12, 31));
  out_2024 = wfl_simulation_sum_node_series (simulation, test, WFL_SERIES_COMPLETED,
                                             week_of (2024, 1, 1), week_of (2024, 12, 29));
  g_test_message ("GPUs out of final test: 2023 %.0f, 2024 %.0f", out_2023, out_2024);
  g_assert_cmpfloat (out_2023, >=, 1.0e6);
  g_assert_cmpfloat (out_2023, <=, 1.6e6);
  g_assert_cmpfloat (out_2024, >=, 3.0e6);
  g_assert_cmpfloat (out_2024, <=, 4.0e6);
}

/* The built-in scenario and the copy shipped in data/ are the same
 * document, and every figure in it names its source. */
static void
test_story_builtin_is_the_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                 "ai-hardware-2023-2025.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) from_file = wfl_scenario_load_file (file, NULL, NULL, &error);
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;

  g_assert_no_error (error);
  a = wfl_scenario_to_bytes (from_file);
  b = wfl_scenario_to_bytes (scenario);
  g_assert_true (g_bytes_equal (a, b));

  for (guint i = 0; i < wfl_scenario_get_n_nodes (scenario); i++)
    {
      const WflNode *n = wfl_scenario_get_node (scenario, i);

      for (guint p = 0; n->capacity != NULL && p < n->capacity->points->len; p++)
        g_assert_nonnull (wfl_schedule_get_point (n->capacity, p)->source);
      for (guint o = 0; o < n->orders->len; o++)
        g_assert_nonnull (((WflOrder *) g_ptr_array_index (n->orders, o))->source);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  scenario = wfl_scenario_new_builtin (&error);
  g_assert_no_error (error);
  simulation = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (simulation, NULL, &error));

  g_test_add_func ("/wfl/model/builtin-story/cowos-binds-2023", test_story_cowos_binds_2023);
  g_test_add_func ("/wfl/model/builtin-story/ranking-stable", test_story_ranking_stable);
  g_test_add_func ("/wfl/model/builtin-story/ranking-2024", test_story_ranking_2024);
  g_test_add_func ("/wfl/model/builtin-story/lead-times", test_story_lead_times);
  g_test_add_func ("/wfl/model/builtin-story/nvidia-output", test_story_nvidia_output);
  g_test_add_func ("/wfl/model/builtin-story/builtin-is-the-file", test_story_builtin_is_the_file);

  status = g_test_run ();
  g_clear_object (&simulation);
  g_clear_object (&scenario);
  return status;
}
