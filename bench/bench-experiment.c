/* bench-experiment.c: how fast the experiments run (docs/model.md,
 * "Experiments")
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints, one a line:
 *   load-average-1min: N tasks                   the machine's load when starting
 *   experiment-builtin-1000: N ms                wall time of 1,000 Monte Carlo samples of the
 *                                                built-in scenario (a PERT lead time, a
 *                                                triangular capacity scale, a uniform yield and
 *                                                a risk) on every processor
 *   experiment-builtin-1000-cpu: N ms            their user + system CPU time
 *   experiment-builtin-1000-threads-ratio: N     wall at one thread over wall at every processor
 *   experiment-2000x8000x520-100: N ms           wall time of 100 samples of the 2,000-node,
 *                                                8,000-link, 520-week scenario (a capacity scale
 *                                                per layer and a risk)
 *   experiment-2000x8000x520-100-cpu: N ms       their CPU time
 *   experiment-2000x8000x520-100-peak-rss: N MiB the process's peak resident set
 *   experiment-2000x8000x520-1-peak-rss: N MiB   the same for one deterministic run, before
 *   load-average-1min-end: N tasks
 *
 * `bench-experiment small` or `bench-experiment big` runs one part. */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "wfl-model.h"
#include "wfl-layered-scenario.h"

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
load_average (const char *name)
{
  double load[1];

  if (getloadavg (load, 1) == 1)
    printf ("%s: %.2f tasks\n", name, load[0]);
}

static void
add_vary (WflScenario     *s,
          WflFigure        figure,
          const char      *node,
          WflDistribution  distribution,
          double           min,
          double           likely,
          double           max)
{
  WflVary *vary = wfl_vary_new (figure);

  vary->node = g_strdup (node);
  vary->distribution = distribution;
  vary->min = min, vary->likely = likely, vary->max = max;
  g_ptr_array_add (wfl_scenario_get_uncertainty (s)->varies, vary);
}

static void
add_risk (WflScenario *s,
          const char  *node)
{
  WflRisk *risk = wfl_risk_new (node);
  WflDate start = wfl_scenario_get_start (s);

  risk->factor = 0.3;
  risk->weeks = 6;
  risk->probability = 0.3;
  risk->from = wfl_date_of_week (start, 20);
  risk->to = wfl_date_of_week (start, 80);
  g_ptr_array_add (wfl_scenario_get_uncertainty (s)->risks, risk);
}

static double
run_mc (WflScenario *s,
        guint        samples,
        int          threads,
        double      *cpu)
{
  WflExperimentOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(WflMonteCarlo) mc = NULL;
  double c0 = cpu_ms ();
  gint64 t0 = g_get_monotonic_time ();

  wfl_experiment_options_init (&options);
  options.n_threads = threads;
  mc = wfl_monte_carlo_run (s, samples, 1, &options, NULL, &error);
  g_assert_no_error (error);
  if (cpu != NULL)
    *cpu = cpu_ms () - c0;
  return (g_get_monotonic_time () - t0) / 1e3;
}

static void
small (void)
{
  g_autoptr(WflScenario) s = wfl_scenario_new_builtin (NULL);
  double cpu, wall, one;

  add_vary (s, WFL_FIGURE_LEAD_WEEKS, "cowos-tsmc", WFL_DISTRIBUTION_PERT, 4, 6, 10);
  add_vary (s, WFL_FIGURE_CAPACITY_SCALE, "n4-wafers", WFL_DISTRIBUTION_TRIANGULAR, 0.8, 1, 1.1);
  add_vary (s, WFL_FIGURE_YIELD, "cowos-tsmc", WFL_DISTRIBUTION_UNIFORM, 0.85, 0.85, 0.97);
  add_risk (s, "cowos-tsmc");
  run_mc (s, 20, 0, NULL);   /* warm up */
  wall = run_mc (s, 1000, 0, &cpu);
  printf ("experiment-builtin-1000: %.0f ms\n", wall);
  printf ("experiment-builtin-1000-cpu: %.0f ms\n", cpu);
  one = run_mc (s, 1000, 1, NULL);
  printf ("experiment-builtin-1000-threads-ratio: %.2f\n", one / wall);
  fflush (stdout);
}

static void
big (void)
{
  g_autoptr(WflScenario) s = wfl_layered_scenario_new (2023, 20, 100, 8000, 520);
  g_autoptr(GError) error = NULL;
  double cpu, wall;
  int added = 0;

  {
    g_autoptr(WflSimulation) sim = wfl_simulation_new (s, &error);

    g_assert_no_error (error);
    wfl_simulation_run (sim, NULL, &error);
    g_assert_no_error (error);
  }
  printf ("experiment-2000x8000x520-1-peak-rss: %.0f MiB\n", peak_rss_mib ());
  /* A capacity scale on one capacitated node of every hundred, a risk on the first. */
  for (guint n = 0; n < wfl_scenario_get_n_nodes (s); n += 100)
    for (guint k = n; k < MIN (n + 100, wfl_scenario_get_n_nodes (s)); k++)
      {
        WflNode *node = wfl_scenario_get_node (s, k);

        if (node->capacity == NULL || wfl_schedule_get_n_points (node->capacity) == 0)
          continue;
        add_vary (s, WFL_FIGURE_CAPACITY_SCALE, node->id, WFL_DISTRIBUTION_TRIANGULAR, 0.8, 1, 1.1);
        if (added++ == 0)
          add_risk (s, node->id);
        break;
      }
  wall = run_mc (s, 100, 0, &cpu);
  printf ("experiment-2000x8000x520-100: %.0f ms\n", wall);
  printf ("experiment-2000x8000x520-100-cpu: %.0f ms\n", cpu);
  printf ("experiment-2000x8000x520-100-peak-rss: %.0f MiB\n", peak_rss_mib ());
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  gboolean all = argc < 2;

  load_average ("load-average-1min");
  if (all || strcmp (argv[1], "small") == 0)
    small ();
  if (all || strcmp (argv[1], "big") == 0)
    big ();
  load_average ("load-average-1min-end");
  return 0;
}
