/* bench-simulate.c: how fast the engine simulates and ranks bottlenecks
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints, one a line:
 *   simulate-2000x8000x520: N ms            validate + compile + run, median of 3
 *   simulate-2000x8000x520-peak-rss: N MiB  the process's peak resident set
 *   simulate-40x80x156: N ms                median of 200 runs
 *   bottlenecks-40x80x156: N ms             median of 20 rankings
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "wfl-model.h"

/* A seeded layered scenario with exactly n_layers × per_layer nodes and
 * n_links links: supplies on top, customers at the bottom, each node fed
 * from distinct nodes of the layer above (a few from two layers up),
 * capacities, ramps, yields, lead and transit times, alternative sources
 * and every allocation policy, orders spread over the calendar. */
static WflScenario *
layered (guint32 seed,
         int     n_layers,
         int     per_layer,
         int     n_links,
         int     weeks)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WflScenario *s = wfl_scenario_new ();
  WflDate start = wfl_date_from_ymd (2023, 1, 2);
  int n_nodes = n_layers * per_layer;
  int fed = n_nodes - per_layer;
  int added = 0;

  wfl_scenario_set_calendar (s, start, weeks);
  for (int v = 0; v < n_nodes; v++)
    {
      int layer = v / per_layer;
      g_autofree char *id = g_strdup_printf ("n%d", v);
      WflNodeKind kind = layer == 0 ? WFL_NODE_KIND_SUPPLY
                         : layer == n_layers - 1 ? WFL_NODE_KIND_CUSTOMER
                         : WFL_NODE_KIND_PROCESS;
      WflNode *node = wfl_node_new (id, kind);

      node->name = g_strdup_printf ("Stage %d/%d", layer, v % per_layer);
      node->unit = g_strdup ("unit");
      if (kind != WFL_NODE_KIND_CUSTOMER)
        {
          double cap = g_rand_double_range (rand, 200, 2000);

          node->lead_weeks = g_rand_int_range (rand, 0, 13);
          if (g_rand_int_range (rand, 0, 4) > 0)
            {
              node->capacity = wfl_schedule_new ();
              wfl_schedule_add_point (node->capacity, start, cap, WFL_INTERPOLATE_STEP);
              wfl_schedule_add_point (node->capacity, start + 7 * g_rand_int_range (rand, 1, weeks),
                                      cap * 2, WFL_INTERPOLATE_LINEAR);
            }
          node->yield = wfl_schedule_new_constant (g_rand_double_range (rand, 0.6, 1.0));
          node->allocation = (WflAllocation) g_rand_int_range (rand, 0, 4);
          node->initial_rate = g_rand_double_range (rand, 0, cap / 2);
          node->initial_stock = g_rand_double_range (rand, 0, cap);
        }
      else
        for (int o = 0; o < 6; o++)
          {
            g_autofree char *oid = g_strdup_printf ("o%d-%d", v, o);
            WflOrder *order = wfl_order_new (oid, floor (g_rand_double_range (rand, 1000, 50000)),
                                             start + 7 * g_rand_int_range (rand, 0, weeks));

            order->due = order->placed + 7 * g_rand_int_range (rand, 4, 40);
            g_ptr_array_add (node->orders, order);
          }
      wfl_scenario_add_node (s, node);
    }

  for (int v = per_layer; v < n_nodes; v++)
    {
      int layer = v / per_layer;
      int k = n_links / fed + ((v - per_layer) < n_links % fed ? 1 : 0);
      WflNode *to = wfl_scenario_get_node (s, v);
      int offset = g_rand_int_range (rand, 0, per_layer);

      for (int j = 0; j < k; j++, added++)
        {
          /* Distinct sources: consecutive nodes of the layer above, the
           * last one sometimes from two layers up. */
          int from_layer = (j == k - 1 && layer >= 2 && g_rand_int_range (rand, 0, 4) == 0) ? layer - 2 : layer - 1;
          int u = from_layer * per_layer + (offset + j) % per_layer;
          WflLink *link = wfl_link_new (wfl_scenario_get_node (s, u)->id, to->id);

          if (to->kind != WFL_NODE_KIND_CUSTOMER)
            {
              /* Pairs of links are alternative sources of one input. */
              link->input = g_strdup_printf ("in%d", j / 2);
              link->per_unit = 1 + (j / 2) % 3;
              if (j % 2 == 1)
                link->mix = wfl_schedule_new_constant (0.5);
            }
          link->transit_weeks = g_rand_int_range (rand, 0, 3);
          link->priority = g_rand_int_range (rand, 1, 4);
          link->share = g_rand_double_range (rand, 0.5, 2);
          wfl_scenario_add_link (s, link);
        }
    }
  g_assert (added == n_links);
  return s;
}

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
time_simulate (WflScenario *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflSimulation) sim = NULL;
  gint64 t0 = g_get_monotonic_time ();

  sim = wfl_simulation_new (s, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (sim, NULL, &error));
  return (g_get_monotonic_time () - t0) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  double times[200];
  struct rusage usage;

  {
    g_autoptr(WflScenario) big = layered (2023, 20, 100, 8000, 520);

    g_assert (wfl_scenario_get_n_nodes (big) == 2000);
    for (int i = 0; i < 3; i++)
      times[i] = time_simulate (big);
    g_print ("simulate-2000x8000x520: %.0f ms\n", median (times, 3));
    getrusage (RUSAGE_SELF, &usage);
    g_print ("simulate-2000x8000x520-peak-rss: %.0f MiB\n", usage.ru_maxrss / 1024.0);
  }

  {
    g_autoptr(WflScenario) small = layered (7, 8, 5, 80, 156);
    g_autoptr(WflSimulation) sim = NULL;
    g_autoptr(GError) error = NULL;

    for (int i = 0; i < 200; i++)
      times[i] = time_simulate (small);
    g_print ("simulate-40x80x156: %.2f ms\n", median (times, 200));

    sim = wfl_simulation_new (small, &error);
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
  }

  return 0;
}
