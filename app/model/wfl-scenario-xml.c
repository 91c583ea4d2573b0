/* wfl-scenario-xml.c: scenario files (format version 1)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-scenario-xml"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wfl-scenario-xml.h"

/* Placeholder until issue #3 lands the reader and writer. */

WflScenario *
wfl_scenario_load_data (const char  *data,
                        gsize        length,
                        const char  *display_name,
                        GPtrArray  **problems,
                        GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("%s: scenario files cannot be read yet"), display_name);
  return NULL;
}

WflScenario *
wfl_scenario_load_file (GFile         *file,
                        GCancellable  *cancellable,
                        GPtrArray    **problems,
                        GError       **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  return wfl_scenario_load_data (NULL, 0, name, problems, error);
}

GBytes *
wfl_scenario_to_bytes (WflScenario *self)
{
  return g_bytes_new (NULL, 0);
}

gboolean
wfl_scenario_write (WflScenario    *self,
                    GOutputStream  *stream,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Scenario files cannot be written yet"));
  return FALSE;
}

gboolean
wfl_scenario_save_file (WflScenario   *self,
                        GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return wfl_scenario_write (self, NULL, cancellable, error);
}
