/* wfl-cli-report.c: --report, the printed brief
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-cli-private.h"
#include "wfl-report.h"

/* --report OUT.pdf [--from DATE --to DATE] [FILE]: the brief of the
 * window (default: the whole calendar), as the window's "Export Brief"
 * writes it for the Sankey's window. */
int
wfl_cli_report (const WflCliOptions *options)
{
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->report_path);
  g_autoptr(GError) error = NULL;
  int n_weeks, first, last;

  scenario = wfl_cli_load_scenario (options->file, &error);
  if (scenario == NULL)
    {
      if (error != NULL)
        wfl_cli_print_error ("%s", error->message);
      return 1;
    }
  simulation = wfl_simulation_new (scenario, &error);
  if (simulation == NULL || !wfl_simulation_run (simulation, NULL, &error))
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }
  n_weeks = wfl_simulation_get_n_weeks (simulation);
  if (!wfl_cli_parse_window (options, wfl_simulation_get_start (simulation), n_weeks, 0, n_weeks - 1,
                             &first, &last))
    return 2;
  if (!wfl_report_write (scenario, simulation, NULL, first, last, file, NULL, &error))
    {
      wfl_cli_print_write_error (file, error);
      return 1;
    }
  return 0;
}
