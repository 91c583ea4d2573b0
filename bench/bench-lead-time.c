/* bench-lead-time.c: how fast the quoted lead time by order week is made
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints, one a line:
 *   lead-time-builtin: N ms             the quoted lead time of Microsoft over the built-in
 *                                       scenario's whole calendar (a probe simulation per week,
 *                                       on every processor), median of 5
 *   lead-time-builtin-per-week: N ms    the same per order week
 *   lead-time-builtin-ratio: N          that series over its naive peer, the probe added and
 *                                       the scenario simulated in full (with lots) one week
 *                                       after the other, as the test checks it; one run
 *   lead-time-builtin-cpu-per-week: N ms  the processor time (every thread's, user and
 *                                       system) per order week: what a probe costs whatever
 *                                       else the machine runs
 *   lead-time-processors: N             the processors the probes ran on
 *   lead-time-200x800x156: N ms         a 200-node, 800-link scenario over 156 weeks, the
 *                                       first customer, whole calendar, median of 3
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "wfl-model.h"
#include "wfl-layered-scenario.h"

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : (x > y);
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof (double), compare_double);
  return v[n / 2];
}

static double
time_quote (WflScenario *scenario,
            const char  *customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflLeadTimeQuote) quote = NULL;
  gint64 t0 = g_get_monotonic_time ();

  quote = wfl_lead_time_quote_new (scenario, customer, 0, wfl_scenario_get_weeks (scenario) - 1,
                                   NULL, &error);
  g_assert_no_error (error);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* The peer: every week, the probe added to a copy and simulated in full. */
static double
time_naive (WflScenario *scenario,
            const char  *customer)
{
  gint64 t0 = g_get_monotonic_time ();

  for (int w = 0; w < wfl_scenario_get_weeks (scenario); w++)
    {
      g_autoptr(WflScenario) copy = wfl_scenario_copy (scenario);
      g_autoptr(WflSimulation) simulation = NULL;
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (wfl_scenario_find_node (copy, customer)->orders,
                       wfl_lead_time_probe_new (copy, customer, w));
      wfl_scenario_changed (copy);
      simulation = wfl_simulation_new (copy, &error);
      g_assert_no_error (error);
      g_assert_true (wfl_simulation_run (simulation, NULL, &error));
    }
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* Processor time of the whole process so far, in ms. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static const char *
first_customer (WflScenario *scenario)
{
  for (guint i = 0; i < wfl_scenario_get_n_nodes (scenario); i++)
    if (wfl_scenario_get_node (scenario, i)->kind == WFL_NODE_KIND_CUSTOMER)
      return wfl_scenario_get_node (scenario, i)->id;
  return NULL;
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) builtin = wfl_scenario_new_builtin (&error);
  g_autoptr(WflScenario) large = NULL;
  double t[5], quote, naive, cpu;
  int weeks;

  g_assert_no_error (error);
  weeks = wfl_scenario_get_weeks (builtin);
  for (int i = 0; i < 5; i++)
    t[i] = time_quote (builtin, "microsoft");
  quote = median (t, 5);
  g_print ("lead-time-builtin: %.0f ms\n", quote);
  g_print ("lead-time-builtin-per-week: %.2f ms\n", quote / weeks);

  naive = time_naive (builtin, "microsoft");
  quote = time_quote (builtin, "microsoft");
  g_print ("lead-time-builtin-ratio: %.2f\n", quote / naive);
  cpu = cpu_ms ();
  time_quote (builtin, "microsoft");
  g_print ("lead-time-builtin-cpu-per-week: %.2f ms\n", (cpu_ms () - cpu) / weeks);
  g_print ("lead-time-processors: %u\n", g_get_num_processors ());

  large = wfl_layered_scenario_new (7, 10, 20, 800, 156);
  for (int i = 0; i < 3; i++)
    t[i] = time_quote (large, first_customer (large));
  g_print ("lead-time-200x800x156: %.0f ms\n", median (t, 3));
  return 0;
}
