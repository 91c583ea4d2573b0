/* wfl-cli-scenario.c: --validate and --save, and loading for every command
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-cli-private.h"

/* Placeholder until scenario files land (issue #3): only the built-in
 * teaching example can be loaded. */
WflScenario *
wfl_cli_load_scenario (const char  *file,
                       GError     **error)
{
  if (file != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: scenario files cannot be read yet"), file);
      return NULL;
    }
  return wfl_scenario_new_teaching_example ();
}

int
wfl_cli_validate (const WflCliOptions *options)
{
  wfl_cli_print_error (_("--validate is not available yet"));
  return 2;
}

int
wfl_cli_save (const WflCliOptions *options)
{
  wfl_cli_print_error (_("--save is not available yet"));
  return 2;
}
