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
 * Besides crashes and sanitizer reports, it checks two properties:
 * whatever the loader accepts the schema accepts too, and whatever loads
 * saves, loads again and saves to the same bytes.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "wfl-model.h"
#include "wfl-scenario-xml-private.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* GLib's fatal messages end in a breakpoint trap, which libFuzzer does not
 * catch: abort instead, so that it saves the input. */
static GLogWriterOutput
abort_on_fatal (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (abort_on_fatal, NULL, NULL);
  return 0;
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
  return 0;
}
