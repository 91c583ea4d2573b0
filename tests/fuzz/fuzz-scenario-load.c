/* fuzz-scenario-load.c: libFuzzer target for the scenario loader
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Build:  CC=clang CXX=clang++ meson setup _build-fuzz -Dfuzzing=true \
 *           -Db_sanitize=address,undefined -Db_lundef=false
 * Run:    _build-fuzz/tests/fuzz/fuzz-scenario-load -dict=tests/fuzz/waferline.dict \
 *           fuzz-corpus data/scenarios tests/data
 * Replay: tests/fuzz/replay-corpus.sh _build-fuzz
 *
 * Besides crashes and sanitizer reports, it checks three properties:
 * whatever the loader accepts the schema accepts too, whatever loads
 * saves, loads again and saves to the same bytes, and a small scenario
 * that loads simulates to finite figures.
 */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "wfl-model.h"
#include "wfl-scenario-xml-private.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (wfl_fuzz_abort_on_fatal, NULL, NULL);
  return 0;
}

/* A valid scenario (its figures within their supported ranges) simulates
 * to finite figures: nothing overflows, and no request is lost.  Small
 * ones only, to keep the fuzzer fast. */
#define SIMULATE_MAX_NODE_WEEKS 20000

static void
check_simulation (WflScenario *scenario)
{
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(GError) error = NULL;
  const WflSeries series[] = { WFL_SERIES_STARTS, WFL_SERIES_COMPLETED, WFL_SERIES_STOCK, WFL_SERIES_DESIRED };
  int weeks = wfl_scenario_get_weeks (scenario);
  guint n_nodes = wfl_scenario_get_n_nodes (scenario);

  if ((gint64) weeks * n_nodes > SIMULATE_MAX_NODE_WEEKS)
    return;
  simulation = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (simulation, NULL, &error));
  for (guint n = 0; n < n_nodes; n++)
    for (int t = 0; t < weeks; t++)
      for (guint k = 0; k < G_N_ELEMENTS (series); k++)
        {
          double v = wfl_simulation_get_node_value (simulation, n, series[k], t);

          if (!isfinite (v))
            g_error ("node %u, week %d, series %d: %g", n, t, series[k], v);
        }
  for (guint l = 0; l < wfl_simulation_get_n_links (simulation); l++)
    for (int t = 0; t < weeks; t++)
      g_assert_true (isfinite (wfl_simulation_get_link_shipped (simulation, l, t)));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(WflScenario) again = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;

  scenario = _wfl_scenario_load_data_full ((const char *) data, size, "fuzz",
                                           WFL_LOAD_FORCE_SCHEMA | WFL_LOAD_SCHEMA_MISMATCH_ABORTS,
                                           &problems, &error);
  if (scenario == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (problems);
      g_assert_cmpuint (problems->len, >, 0);
      return 0;
    }

  g_assert_no_error (error);
  first = wfl_scenario_to_bytes (scenario);
  again = _wfl_scenario_load_data_full (g_bytes_get_data (first, NULL), g_bytes_get_size (first), "saved",
                                        WFL_LOAD_FORCE_SCHEMA | WFL_LOAD_SCHEMA_MISMATCH_ABORTS,
                                        NULL, &error);
  if (again == NULL)
    g_error ("A saved scenario does not load: %s", error->message);
  second = wfl_scenario_to_bytes (again);
  if (!g_bytes_equal (first, second))
    g_error ("Saving is not stable:\n%s\n---\n%s",
             (const char *) g_bytes_get_data (first, NULL), (const char *) g_bytes_get_data (second, NULL));

  check_simulation (scenario);
  return 0;
}
