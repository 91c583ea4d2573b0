/* test-simulation-memory.c: a simulation that does not fit is refused
 * before it starts, saying how much it needs
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "wfl-model.h"
#include "wfl-simulation-private.h"
#include "wfl-layered-scenario.h"

static gsize
estimate (WflScenario *scenario)
{
  WflSimSize size;

  _wfl_simulation_measure (scenario, &size);
  return _wfl_simulation_compiled_bytes (&size) + _wfl_simulation_run_bytes (&size) +
         _wfl_simulation_lots_bytes (&size);
}

/* The estimate covers every large array a simulation and its run
 * allocate: an array added to the run without being counted fails this.
 * (Arrays from 1 MiB up are counted by wfl-simulation-memory.c; these
 * scenarios make every node × week array that large.) */
static void
test_estimate_covers_allocations (void)
{
  const int shapes[][4] = {
    /* layers, per layer, links, weeks */
    { 10, 100, 2000, 1000 },
    { 4, 500, 3000, 520 },
    { 20, 20, 600, 3000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (i + 1, shapes[i][0], shapes[i][1],
                                                                  shapes[i][2], shapes[i][3]);
      g_autoptr(WflSimulation) simulation = NULL;
      g_autoptr(GError) error = NULL;
      gsize expected = estimate (scenario);
      gsize peak;

      _wfl_big_reset_peak ();
      simulation = wfl_simulation_new (scenario, &error);
      g_assert_no_error (error);
      g_assert_true (wfl_simulation_run (simulation, NULL, &error));
      peak = _wfl_big_get_peak ();
      g_test_message ("%d × %d nodes, %d weeks: estimate %" G_GSIZE_FORMAT " MiB, large arrays at most %"
                      G_GSIZE_FORMAT " MiB", shapes[i][0], shapes[i][1], shapes[i][3],
                      expected >> 20, peak >> 20);
      /* The node × week arrays alone are 8 MiB and more. */
      g_assert_cmpuint (peak, >, (gsize) 8 << 20);
      g_assert_cmpuint (expected, >=, peak);
      /* And not wildly more: the large arrays are most of it. */
      g_assert_cmpuint (expected, <, 3 * peak);
    }
}

/* With less memory available than the estimate, wfl_simulation_new ()
 * refuses, saying how much it needs and how much there is; with just
 * enough, it simulates. */
static void
test_refused_when_too_large (void)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (7, 5, 40, 300, 400);
  g_autoptr(WflSimulation) refused = NULL;
  g_autoptr(WflSimulation) fits = NULL;
  g_autoptr(GError) error = NULL;
  gsize needed = estimate (scenario);
  g_autofree char *need_text = g_format_size (needed);
  g_autofree char *have_text = g_format_size (needed - 1);
  g_autofree char *what = g_strdup_printf ("Simulating 200 nodes over 400 weeks needs about %s of memory, "
                                           "but only %s is available", need_text, have_text);

  _wfl_memory_set_available (needed - 1);
  refused = wfl_simulation_new (scenario, &error);
  g_assert_null (refused);
  g_assert_error (error, WFL_SIMULATION_ERROR, WFL_SIMULATION_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, what));
  g_clear_error (&error);

  _wfl_memory_set_available (needed);
  fits = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (fits, NULL, &error));
  _wfl_memory_set_available (0);
}

/* The bottleneck ranking runs its variants in a state of its own: it is
 * refused when that does not fit beside the results. */
static void
test_ranking_refused_when_too_large (void)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (3, 5, 20, 150, 200);
  g_autoptr(WflSimulation) simulation = wfl_simulation_new (scenario, NULL);
  g_autoptr(GArray) refused = NULL;
  g_autoptr(GArray) ranking = NULL;
  g_autoptr(GError) error = NULL;
  WflSimSize size;

  g_assert_true (wfl_simulation_run (simulation, NULL, NULL));
  _wfl_simulation_get_size (simulation, &size);
  g_assert_cmpuint (size.nodes, ==, 100);
  g_assert_cmpuint (size.weeks, ==, 200);

  _wfl_memory_set_available (_wfl_simulation_run_bytes (&size) - 1);
  refused = wfl_bottlenecks_rank (simulation, 0, 199, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, WFL_SIMULATION_ERROR, WFL_SIMULATION_ERROR_TOO_LARGE);
  g_clear_error (&error);

  _wfl_memory_set_available (_wfl_simulation_run_bytes (&size));
  ranking = wfl_bottlenecks_rank (simulation, 0, 199, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ranking);
  _wfl_memory_set_available (0);
}

/* Without a test's figure, what is available is a positive amount no
 * larger than the address space allows. */
static void
test_available_is_measured (void)
{
  gsize available = _wfl_memory_available ();

  g_assert_cmpuint (available, >, 0);
  g_assert_cmpuint (available, <, G_MAXSIZE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/simulation-memory/estimate-covers-allocations", test_estimate_covers_allocations);
  g_test_add_func ("/wfl/model/simulation-memory/refused-when-too-large", test_refused_when_too_large);
  g_test_add_func ("/wfl/model/simulation-memory/ranking-refused-when-too-large", test_ranking_refused_when_too_large);
  g_test_add_func ("/wfl/model/simulation-memory/available-is-measured", test_available_is_measured);

  return g_test_run ();
}
