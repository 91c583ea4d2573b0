/* test-experiment.c: Monte Carlo, sweeps and knock-outs (docs/model.md,
 * "Experiments")
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-model.h"

static WflScenario *
builtin (void)
{
  g_autoptr(GError) error = NULL;
  WflScenario *s = wfl_scenario_new_builtin (&error);

  g_assert_no_error (error);
  return s;
}

static void
add_vary (WflScenario     *s,
          WflFigure        figure,
          const char      *node,
          const char      *from,
          const char      *to,
          WflDistribution  distribution,
          double           min,
          double           likely,
          double           max)
{
  WflVary *vary = wfl_vary_new (figure);

  vary->node = g_strdup (node);
  vary->link_from = g_strdup (from);
  vary->link_to = g_strdup (to);
  vary->distribution = distribution;
  vary->min = min, vary->likely = likely, vary->max = max;
  g_ptr_array_add (wfl_scenario_get_uncertainty (s)->varies, vary);
}

static void
assert_valid (WflScenario *s)
{
  g_autoptr(GPtrArray) problems = wfl_scenario_validate (s);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", ((WflProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, 0);
}

static WflSimulation *
run (WflScenario *s)
{
  g_autoptr(GError) error = NULL;
  WflSimulation *sim = wfl_simulation_new (s, &error);

  g_assert_no_error (error);
  wfl_simulation_run (sim, NULL, &error);
  g_assert_no_error (error);
  return sim;
}

/* Every figure varied at zero width (its own value, a scale of 1): every
 * sample is the run as written, so every percentile is its value. */
static void
test_zero_width (void)
{
  g_autoptr(WflScenario) s = builtin ();
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(WflMonteCarlo) mc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_varies;

  for (guint n = 0; n < wfl_scenario_get_n_nodes (s); n++)
    {
      WflNode *node = wfl_scenario_get_node (s, n);

      if (node->kind != WFL_NODE_KIND_SUPPLY && node->kind != WFL_NODE_KIND_PROCESS)
        continue;
      add_vary (s, WFL_FIGURE_LEAD_WEEKS, node->id, NULL, NULL, WFL_DISTRIBUTION_PERT,
                node->lead_weeks, node->lead_weeks, node->lead_weeks);
      if (node->capacity != NULL && wfl_schedule_get_n_points (node->capacity) > 0)
        add_vary (s, WFL_FIGURE_CAPACITY_SCALE, node->id, NULL, NULL, WFL_DISTRIBUTION_TRIANGULAR, 1, 1, 1);
      if (node->yield != NULL && wfl_schedule_is_constant (node->yield))
        {
          double y = wfl_schedule_get_point (node->yield, 0)->value;

          add_vary (s, WFL_FIGURE_YIELD, node->id, NULL, NULL, WFL_DISTRIBUTION_UNIFORM, y, y, y);
        }
    }
  for (guint l = 0; l < wfl_scenario_get_n_links (s); l++)
    {
      WflLink *link = wfl_scenario_get_link (s, l);
      char *key = g_strconcat (link->from, "\x1f", link->to, NULL);

      if (!g_hash_table_add (links, key))
        continue;
      add_vary (s, WFL_FIGURE_TRANSIT_WEEKS, NULL, link->from, link->to, WFL_DISTRIBUTION_TRIANGULAR,
                link->transit_weeks, link->transit_weeks, link->transit_weeks);
    }
  n_varies = wfl_scenario_get_uncertainty (s)->varies->len;
  g_assert_cmpuint (n_varies, >, 50);
  assert_valid (s);

  sim = run (s);
  mc = wfl_monte_carlo_run (s, 12, 99, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    {
      int filled = wfl_simulation_get_order (sim, o)->filled_week, p[3];

      wfl_monte_carlo_get_order_weeks (mc, o, &p[0], &p[1], &p[2]);
      for (int k = 0; k < 3; k++)
        g_assert_cmpint (p[k], ==, filled);
      g_assert_cmpuint (wfl_monte_carlo_get_order_filled (mc, o), ==, filled >= 0 ? 12 : 0);
    }
  for (guint n = 0; n < wfl_simulation_get_n_nodes (sim); n++)
    {
      if (wfl_simulation_get_node_kind (sim, n) != WFL_NODE_KIND_CUSTOMER)
        continue;
      for (guint q = 0; q < wfl_simulation_get_n_quarters (sim); q++)
        {
          int a, b;
          double v[4], expected;

          wfl_simulation_get_quarter_weeks (sim, q, &a, &b);
          expected = wfl_simulation_get_delivered (sim, (int) n, a, b);
          wfl_monte_carlo_get_fan (mc, n, q, &v[0], &v[1], &v[2], &v[3]);
          for (int k = 0; k < 4; k++)
            g_assert_cmpfloat (v[k], ==, expected);
        }
    }
}

/* Real distributions: the same seed gives the same tables at one thread
 * and at many, byte for byte; another seed gives others. */
static void
test_same_seed_any_threads (void)
{
  g_autoptr(WflScenario) s = builtin ();
  WflExperimentOptions one, many;
  WflExperimentTables t1 = { 0 }, t4 = { 0 }, other = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WflMonteCarlo) a = NULL;
  g_autoptr(WflMonteCarlo) b = NULL;
  g_autoptr(WflMonteCarlo) c = NULL;
  WflRisk *risk = wfl_risk_new ("cowos-tsmc");
  gboolean differs = FALSE;

  add_vary (s, WFL_FIGURE_LEAD_WEEKS, "cowos-tsmc", NULL, NULL, WFL_DISTRIBUTION_PERT, 4, 6, 10);
  add_vary (s, WFL_FIGURE_CAPACITY_SCALE, "n4-wafers", NULL, NULL, WFL_DISTRIBUTION_TRIANGULAR, 0.8, 1, 1.1);
  add_vary (s, WFL_FIGURE_YIELD, "cowos-tsmc", NULL, NULL, WFL_DISTRIBUTION_UNIFORM, 0.85, 0.85, 0.97);
  risk->factor = 0.3;
  risk->weeks = 6;
  risk->probability = 0.4;
  risk->from = wfl_date_from_ymd (2023, 6, 5);
  risk->to = wfl_date_from_ymd (2024, 6, 3);
  g_ptr_array_add (wfl_scenario_get_uncertainty (s)->risks, risk);
  assert_valid (s);

  wfl_experiment_options_init (&one);
  one.n_threads = 1;
  wfl_experiment_options_init (&many);
  many.n_threads = 4;
  a = wfl_monte_carlo_run (s, 40, 7, &one, NULL, &error);
  g_assert_no_error (error);
  b = wfl_monte_carlo_run (s, 40, 7, &many, NULL, &error);
  g_assert_no_error (error);
  c = wfl_monte_carlo_run (s, 40, 8, &many, NULL, &error);
  g_assert_no_error (error);
  wfl_monte_carlo_build_tables (a, &t1);
  wfl_monte_carlo_build_tables (b, &t4);
  wfl_monte_carlo_build_tables (c, &other);
  g_assert_cmpuint (t1.n, ==, 4);
  for (guint i = 0; i < t1.n; i++)
    {
      g_assert_cmpstr (t1.tables[i]->str, ==, t4.tables[i]->str);
      differs |= strcmp (t1.tables[i]->str, other.tables[i]->str) != 0;
    }
  g_assert_true (differs);
  /* The samples spread: some order's P10 and P90 differ. */
  {
    gboolean spread = FALSE;

    for (guint o = 0; o < wfl_simulation_get_n_orders (wfl_monte_carlo_get_simulation (a)); o++)
      {
        int p10, p90;

        wfl_monte_carlo_get_order_weeks (a, o, &p10, NULL, &p90);
        spread |= p10 != p90;
        g_assert_true (p90 == -1 || (p10 >= 0 && p10 <= p90));
      }
    g_assert_true (spread);
  }
  wfl_experiment_tables_clear (&t1);
  wfl_experiment_tables_clear (&t4);
  wfl_experiment_tables_clear (&other);
}

/* A node's capacity as dense weekly step points, each week's value
 * × factor in the weeks a … b − 1: the scenario an edit stands for. */
static void
set_dense_capacity (WflScenario *s,
                    WflNode     *node,
                    int          a,
                    int          b,
                    double       factor)
{
  int W = wfl_scenario_get_weeks (s);
  g_autofree double *v = g_new (double, W);
  WflSchedule *dense = wfl_schedule_new ();

  wfl_schedule_evaluate (node->capacity, wfl_scenario_get_start (s), W, INFINITY, v);
  for (int t = 0; t < W; t++)
    wfl_schedule_add_point (dense, wfl_date_of_week (wfl_scenario_get_start (s), t),
                            t >= a && t < b ? (factor == 0 ? 0 : v[t] * factor) : v[t], WFL_INTERPOLATE_STEP);
  wfl_schedule_free (node->capacity);
  node->capacity = dense;
}

static void
assert_point (WflSweep            *sweep,
              guint                i,
              WflSimulation       *one)
{
  const WflSweepPoint *point = wfl_sweep_get_point (sweep, i);
  int W = wfl_simulation_get_n_weeks (one);
  double median, p90;

  for (guint p = 0; p < wfl_simulation_get_n_products (one); p++)
    {
      double fill = wfl_simulation_get_fill_rate (one, (int) p, 0, W - 1);

      g_assert_cmpfloat (point->delivered[p], ==, wfl_simulation_get_product_delivered (one, (int) p, 0, W - 1));
      g_assert_true (isnan (fill) ? isnan (point->fill_rate[p]) : point->fill_rate[p] == fill);
    }
  g_assert_true (wfl_simulation_get_lead_time (one, -1, 0, W - 1, &median, &p90));
  g_assert_cmpfloat (point->lead_median, ==, median);
  g_assert_cmpfloat (point->lead_p90, ==, p90);
}

/* Each point equals a run with that value written into the scenario. */
static void
test_sweep_points (void)
{
  g_autoptr(WflScenario) s = builtin ();
  WflSweepSpec lead = { WFL_SWEEP_LEAD_WEEKS, (char *) "cowos-tsmc", NULL, NULL, 4, 10, 3, 0 };
  WflSweepSpec scale = { WFL_SWEEP_CAPACITY_SCALE, (char *) "cowos-tsmc", NULL, NULL, 0.8, 1.2, 0.2, 0 };
  g_autoptr(WflSweep) a = NULL;
  g_autoptr(WflSweep) b = NULL;
  g_autoptr(GError) error = NULL;
  gboolean differs = FALSE;

  g_assert_cmpuint (wfl_sweep_count_points (&lead), ==, 3);
  g_assert_cmpuint (wfl_sweep_count_points (&scale), ==, 3);
  a = wfl_sweep_run (s, &lead, NULL, NULL, &error);
  g_assert_no_error (error);
  b = wfl_sweep_run (s, &scale, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wfl_sweep_get_n_points (a), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(WflScenario) copy = wfl_scenario_copy (s);
      g_autoptr(WflScenario) scaled = wfl_scenario_copy (s);
      g_autoptr(WflSimulation) one = NULL;
      g_autoptr(WflSimulation) two = NULL;

      g_assert_cmpfloat (wfl_sweep_get_point (a, i)->value, ==, 4 + 3 * i);
      wfl_scenario_find_node (copy, "cowos-tsmc")->lead_weeks = 4 + 3 * (int) i;
      one = run (copy);
      assert_point (a, i, one);

      set_dense_capacity (scaled, wfl_scenario_find_node (scaled, "cowos-tsmc"), 0, G_MAXINT,
                          wfl_sweep_get_point (b, i)->value);
      two = run (scaled);
      assert_point (b, i, two);
      differs |= wfl_sweep_get_point (b, i)->delivered[0] != wfl_sweep_get_point (b, 0)->delivered[0];
    }
  g_assert_true (differs);
}

/* Each row equals a run with the node's capacity written as 0 for the
 * weeks (every node with a capacity). */
static void
test_knockout_rows (void)
{
  g_autoptr(WflScenario) s = builtin ();
  g_autoptr(WflKnockout) ko = NULL;
  g_autoptr(GError) error = NULL;
  WflDate start = wfl_scenario_get_start (s);
  int from = wfl_week_of_date (start, wfl_date_from_ymd (2024, 1, 1)), checked = 0;
  WflSimulation *base;

  ko = wfl_knockout_run (s, from, 4, NULL, NULL, &error);
  g_assert_no_error (error);
  base = wfl_knockout_get_simulation (ko);
  for (guint i = 0; i < wfl_knockout_get_n_rows (ko); i++)
    {
      const WflKnockoutRow *row = wfl_knockout_get_row (ko, i);
      g_autoptr(WflScenario) copy = NULL;
      g_autoptr(WflSimulation) one = NULL;
      WflNode *node;
      double worst = 0;

      if (i > 0)
        g_assert_cmpfloat (row->worst_share, <=, wfl_knockout_get_row (ko, i - 1)->worst_share);
      if (!wfl_simulation_node_has_capacity (base, row->node))
        continue;
      copy = wfl_scenario_copy (s);
      node = wfl_scenario_get_node (copy, row->node);
      set_dense_capacity (copy, node, from, from + 4, 0);
      one = run (copy);
      for (guint c = 0; c < wfl_knockout_get_n_customers (ko); c++)
        {
          int customer = (int) wfl_knockout_get_customers (ko)[c];
          int W = wfl_simulation_get_n_weeks (one);

          double had = wfl_simulation_get_delivered (base, customer, 0, W - 1);
          double lost = had - wfl_simulation_get_delivered (one, customer, 0, W - 1);

          if (fabs (lost) <= 1e-9 * MAX (had, 1))
            lost = 0;
          g_assert_cmpfloat (row->lost[c], ==, lost);
          if (had > 0)
            worst = MAX (worst, lost / had);
        }
      g_assert_cmpfloat (row->worst_share, ==, worst);
      checked++;
    }
  g_assert_cmpint (checked, >, 10);
  g_assert_cmpfloat (wfl_knockout_get_row (ko, 0)->worst_share, >, 0);
}

/* A cancelled experiment stops with G_IO_ERROR_CANCELLED. */
static void
test_cancel (void)
{
  g_autoptr(WflScenario) s = builtin ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WflMonteCarlo) mc = NULL;

  add_vary (s, WFL_FIGURE_LEAD_WEEKS, "cowos-tsmc", NULL, NULL, WFL_DISTRIBUTION_PERT, 4, 6, 10);
  g_cancellable_cancel (cancellable);
  mc = wfl_monte_carlo_run (s, 1000, 1, NULL, cancellable, &error);
  g_assert_null (mc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/experiment/zero-width", test_zero_width);
  g_test_add_func ("/experiment/same-seed", test_same_seed_any_threads);
  g_test_add_func ("/experiment/sweep-points", test_sweep_points);
  g_test_add_func ("/experiment/knockout-rows", test_knockout_rows);
  g_test_add_func ("/experiment/cancel", test_cancel);
  return g_test_run ();
}
