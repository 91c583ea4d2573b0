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

/* Prints every problem as FILE:LINE: message (FILE as the user wrote it),
 * or the one error when there is no list of problems (the file could not
 * be read at all). */
static void
print_problems (const char   *name,
                GPtrArray    *problems,
                const GError *error)
{
  if (problems == NULL || problems->len == 0)
    {
      wfl_cli_print_error ("%s", error->message);
      return;
    }

  for (guint i = 0; i < problems->len; i++)
    {
      const WflProblem *problem = g_ptr_array_index (problems, i);

      if (problem->line > 0)
        g_printerr ("%s:%d: %s\n", name, problem->line, problem->message);
      else
        g_printerr ("%s: %s\n", name, problem->message);
    }
}

static WflScenario *
load (const char  *file,
      GPtrArray  **problems,
      GError     **error)
{
  g_autoptr(GFile) gfile = NULL;

  if (file == NULL)
    return wfl_scenario_new_builtin (error);

  gfile = g_file_new_for_commandline_arg (file);
  return wfl_scenario_load_file (gfile, NULL, problems, error);
}

WflScenario *
wfl_cli_load_scenario (const char  *file,
                       GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) local_error = NULL;
  WflScenario *scenario;

  scenario = load (file, &problems, &local_error);
  if (scenario == NULL)
    {
      const char *name = file != NULL ? file : _("the built-in scenario");

      if (problems != NULL && problems->len > 0)
        print_problems (name, problems, local_error);
      if (problems != NULL && problems->len > 0)
        g_set_error (error, local_error->domain, local_error->code,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Could not load “%s”: %u problem",
                                  "Could not load “%s”: %u problems", problems->len),
                     name, problems->len);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return scenario;
}

int
wfl_cli_validate (const WflCliOptions *options)
{
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (options->file != NULL)
    {
      wfl_cli_print_error (_("--validate checks the one FILE given to it: waferline --validate FILE"));
      return 2;
    }

  scenario = load (options->validate_path, &problems, &error);
  if (scenario == NULL)
    {
      print_problems (options->validate_path, problems, error);
      return 1;
    }

  return 0;
}

int
wfl_cli_save (const WflCliOptions *options)
{
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(GError) error = NULL;

  scenario = wfl_cli_load_scenario (options->file, &error);
  if (scenario == NULL)
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }

  out = g_file_new_for_commandline_arg (options->save_path);
  if (!wfl_scenario_save_file (scenario, out, NULL, &error))
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }

  return 0;
}
