/* bench-simulate.c: how fast the engine simulates and ranks bottlenecks
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints, one a line:
 *   load-average-1min: N tasks              the machine's load when starting
 *   simulate-2000x8000x520: N ms            validate + compile + run, median of 5
 *   simulate-2000x8000x520-validate: N ms   wfl_scenario_validate() alone, median
 *   simulate-2000x8000x520-compile: N ms    wfl_simulation_new() minus validation, median
 *   simulate-2000x8000x520-run: N ms        wfl_simulation_run(), median
 *   simulate-2000x8000x520-cpu: N ms        user + system CPU time of compile + run,
 *                                           median (steadier than wall time when
 *                                           other jobs load the machine)
 *   simulate-2000x8000x520-peak-rss: N MiB  the process's peak resident set
 *   simulate-2000x8000x520-allocation: N ms the same scenario with version 2's
 *                                           allocation (add_allocation()), median
 *   simulate-2000x8000x520-allocation-ratio: N  its CPU time over the plain one's,
 *                                           measured alternately in one run
 *   simulate-40x80x156: N ms                median of 200 runs (validate + compile + run)
 *   simulate-40x80x156-run: N ms            wfl_simulation_run() alone, median of 200
 *   bottlenecks-40x80x156: N ms             median of 20 rankings (the variant runs
 *                                           and the ranking of the whole calendar)
 *   bottlenecks-window-40x80x156: N ms      ranking one more window from those runs,
 *                                           median of 200 (what moving the time bar costs)
 *   bottlenecks-builtin: N ms               the built-in scenario's ranking, median of 20
 *   load-average-1min-end: N tasks          the machine's load when done
 *
 * `bench-simulate big` or `bench-simulate small` runs only one part (for
 * profiling, e.g. under valgrind --tool=callgrind). */

#include "config.h"

#include <math.h>
#include <stdlib.h>
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

/* Times of one simulation: validation alone, then wfl_simulation_new()
 * (which validates again and compiles) and wfl_simulation_run(). */
typedef struct
{
  double validate;
  double compile;
  double run;
  double total;
  double cpu;
} Timing;

/* User + system CPU time of the process so far, in ms. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static Timing
time_simulate (WflScenario *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  Timing t;
  gint64 t0, t1, t2, t3;
  double c1, c3;

  t0 = g_get_monotonic_time ();
  problems = wfl_scenario_validate (s);
  t1 = g_get_monotonic_time ();
  g_assert (problems->len == 0);
  c1 = cpu_ms ();
  sim = wfl_simulation_new (s, &error);
  g_assert_no_error (error);
  t2 = g_get_monotonic_time ();
  g_assert_true (wfl_simulation_run (sim, NULL, &error));
  t3 = g_get_monotonic_time ();
  c3 = cpu_ms ();
  t.validate = (t1 - t0) / 1000.0;
  t.compile = ((t2 - t1) - (t1 - t0)) / 1000.0;
  t.run = (t3 - t2) / 1000.0;
  t.total = (t3 - t1) / 1000.0;
  t.cpu = c3 - c1;
  return t;
}

/* The median of one field (at offset) of n timings. */
static double
median_of (const Timing *timings,
           int           n,
           glong         offset)
{
  g_autofree double *v = g_new (double, n);

  for (int i = 0; i < n; i++)
    v[i] = G_STRUCT_MEMBER (double, &timings[i], offset);
  return median (v, n);
}

static Timing
median_timing (const Timing *timings,
               int           n)
{
  Timing m;

  m.validate = median_of (timings, n, G_STRUCT_OFFSET (Timing, validate));
  m.compile = median_of (timings, n, G_STRUCT_OFFSET (Timing, compile));
  m.run = median_of (timings, n, G_STRUCT_OFFSET (Timing, run));
  m.total = median_of (timings, n, G_STRUCT_OFFSET (Timing, total));
  m.cpu = median_of (timings, n, G_STRUCT_OFFSET (Timing, cpu));
  return m;
}

/* Version 2's allocation on the big scenario: every other allocating
 * node splits by quota per quarter (each link a quota of 2,000 units,
 * doubled from the second year, and a grant between its first two
 * links), the others by weighted fair share (weights 1–3); one link in
 * ten closes in week 100 and reopens in week 200. */
static void
add_allocation (WflScenario *s)
{
  WflDate start = wfl_scenario_get_start (s);
  guint n_links = wfl_scenario_get_n_links (s);

  for (guint n = 0; n < wfl_scenario_get_n_nodes (s); n++)
    {
      WflNode *node = wfl_scenario_get_node (s, n);

      if (node->kind != WFL_NODE_KIND_CUSTOMER)
        node->allocation = n % 2 == 0 ? WFL_ALLOCATION_QUOTA : WFL_ALLOCATION_WEIGHTED_FAIR_SHARE;
    }
  for (guint l = 0; l < n_links; l++)
    {
      WflLink *link = wfl_scenario_get_link (s, l);
      WflNode *from = wfl_scenario_find_node (s, link->from);

      link->weight = wfl_schedule_new_constant (1 + l % 3);
      link->quota = wfl_schedule_new ();
      wfl_schedule_add_point (link->quota, start, 2000, WFL_INTERPOLATE_STEP);
      wfl_schedule_add_point (link->quota, start + 7 * 52, 4000, WFL_INTERPOLATE_STEP);
      if (from->allocation == WFL_ALLOCATION_QUOTA && from->grants->len == 0)
        for (guint k = l + 1; k < n_links; k++)
          {
            WflLink *other = wfl_scenario_get_link (s, k);

            if (g_strcmp0 (other->from, link->from) == 0 && g_strcmp0 (other->to, link->to) != 0)
              {
                WflGrant *grant = wfl_grant_new (link->to, other->to, 500, start);

                grant->to = start + 7 * 200;
                g_ptr_array_add (from->grants, grant);
                break;
              }
          }
      if (l % 10 == 0)
        {
          link->availability = wfl_schedule_new ();
          wfl_schedule_add_point (link->availability, start + 7 * 100, 0, WFL_INTERPOLATE_STEP);
          wfl_schedule_add_point (link->availability, start + 7 * 200, 1, WFL_INTERPOLATE_STEP);
        }
    }
  /* A grant needs one link to each end: drop those naming a node linked
   * twice (two inputs of one process). */
  for (guint n = 0; n < wfl_scenario_get_n_nodes (s); n++)
    {
      WflNode *node = wfl_scenario_get_node (s, n);

      for (guint i = node->grants->len; i > 0; i--)
        {
          WflGrant *g = g_ptr_array_index (node->grants, i - 1);
          int d = 0, r = 0;

          for (guint l = 0; l < n_links; l++)
            {
              WflLink *link = wfl_scenario_get_link (s, l);

              d += g_strcmp0 (link->from, node->id) == 0 && g_strcmp0 (link->to, g->donor) == 0;
              r += g_strcmp0 (link->from, node->id) == 0 && g_strcmp0 (link->to, g->recipient) == 0;
            }
          if (d != 1 || r != 1)
            g_ptr_array_remove_index (node->grants, i - 1);
        }
    }
}

static void
print_load_average (const char *name)
{
  double load[1];

  if (getloadavg (load, 1) == 1)
    g_print ("%s: %.2f tasks\n", name, load[0]);
}

int
main (int   argc,
      char *argv[])
{
  gboolean big = argc < 2 || g_str_equal (argv[1], "big");
  gboolean small = argc < 2 || g_str_equal (argv[1], "small");
  Timing timings[200];
  double times[20];
  struct rusage usage;

  print_load_average ("load-average-1min");

  if (big)
    {
      g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (2023, 20, 100, 8000, 520);
      int n = argc < 2 ? 5 : 1;
      Timing m;

      g_assert (wfl_scenario_get_n_nodes (scenario) == 2000);
      for (int i = 0; i < n; i++)
        timings[i] = time_simulate (scenario);
      m = median_timing (timings, n);
      g_print ("simulate-2000x8000x520: %.0f ms\n", m.total);
      g_print ("simulate-2000x8000x520-validate: %.1f ms\n", m.validate);
      g_print ("simulate-2000x8000x520-compile: %.1f ms\n", m.compile);
      g_print ("simulate-2000x8000x520-run: %.1f ms\n", m.run);
      g_print ("simulate-2000x8000x520-cpu: %.0f ms\n", m.cpu);
      getrusage (RUSAGE_SELF, &usage);
      g_print ("simulate-2000x8000x520-peak-rss: %.0f MiB\n", usage.ru_maxrss / 1024.0);

      /* The same with version 2's allocation, alternating with the plain
       * scenario so that both see the same load. */
      {
        g_autoptr(WflScenario) variant = wfl_scenario_copy (scenario);
        Timing plain[5], alloc[5];

        add_allocation (variant);
        for (int i = 0; i < n; i++)
          {
            plain[i] = time_simulate (scenario);
            alloc[i] = time_simulate (variant);
          }
        g_print ("simulate-2000x8000x520-allocation: %.0f ms\n", median_timing (alloc, n).total);
        g_print ("simulate-2000x8000x520-allocation-ratio: %.2f\n",
                 median_timing (alloc, n).cpu / median_timing (plain, n).cpu);
      }
    }

  if (small)
    {
      g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (7, 8, 5, 80, 156);
      g_autoptr(WflSimulation) sim = NULL;
      g_autoptr(GError) error = NULL;
      Timing m;

      for (int i = 0; i < 200; i++)
        timings[i] = time_simulate (scenario);
      m = median_timing (timings, 200);
      g_print ("simulate-40x80x156: %.2f ms\n", m.total);
      g_print ("simulate-40x80x156-run: %.2f ms\n", m.run);

      sim = wfl_simulation_new (scenario, &error);
      g_assert_no_error (error);
      g_assert_true (wfl_simulation_run (sim, NULL, &error));
      for (int i = 0; i < 20; i++)
        {
          gint64 t0 = g_get_monotonic_time ();
          g_autoptr(GArray) rows = wfl_bottlenecks_rank (sim, 0, G_MAXINT, NULL, &error);

          g_assert_no_error (error);
          g_assert (rows->len > 0);
          times[i] = (g_get_monotonic_time () - t0) / 1000.0;
        }
      g_print ("bottlenecks-40x80x156: %.1f ms\n", median (times, 20));

      {
        g_autoptr(WflBottlenecks) runs = wfl_bottlenecks_new (sim, NULL, 0, NULL, &error);
        double window_times[200];

        g_assert_no_error (error);
        for (int i = 0; i < 200; i++)
          {
            gint64 t0 = g_get_monotonic_time ();
            g_autoptr(GArray) rows = wfl_bottlenecks_rank_window (runs, i % 100, i % 100 + 13);

            g_assert (rows->len > 0);
            window_times[i] = (g_get_monotonic_time () - t0) / 1000.0;
          }
        g_print ("bottlenecks-window-40x80x156: %.3f ms\n", median (window_times, 200));
      }
    }

  if (small)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WflScenario) builtin = wfl_scenario_new_builtin (&error);
      g_autoptr(WflSimulation) sim = NULL;

      g_assert_no_error (error);
      sim = wfl_simulation_new (builtin, &error);
      g_assert_no_error (error);
      g_assert_true (wfl_simulation_run (sim, NULL, &error));
      for (int i = 0; i < 20; i++)
        {
          gint64 t0 = g_get_monotonic_time ();
          g_autoptr(GArray) rows = wfl_bottlenecks_rank (sim, 0, G_MAXINT, NULL, &error);

          g_assert_no_error (error);
          times[i] = (g_get_monotonic_time () - t0) / 1000.0;
        }
      g_print ("bottlenecks-builtin: %.1f ms\n", median (times, 20));
    }

  print_load_average ("load-average-1min-end");
  return 0;
}
