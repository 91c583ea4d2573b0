/* wfl-cli-simulate.c: --simulate and --bottlenecks
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wfl-cli-private.h"

static WflSimulation *
load_and_run (const WflCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(WflSimulation) simulation = NULL;

  scenario = wfl_cli_load_scenario (options->file, &error);
  if (scenario == NULL)
    {
      if (error != NULL)
        wfl_cli_print_error ("%s", error->message);
      return NULL;
    }
  simulation = wfl_simulation_new (scenario, &error);
  if (simulation == NULL || !wfl_simulation_run (simulation, NULL, &error))
    {
      g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
      const char *name = options->file != NULL ? options->file : _("built-in scenario");

      /* Validation lists its problems a line each, as "LINE: message";
       * anything else (too large for the memory) is one line. */
      if (!g_error_matches (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID))
        wfl_cli_print_error ("%s: %s", name, error->message);
      else
        for (guint i = 0; lines[i] != NULL; i++)
          g_printerr ("%s:%s\n", name, lines[i]);
      return NULL;
    }
  return g_steal_pointer (&simulation);
}

int
wfl_cli_simulate (const WflCliOptions *options)
{
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  simulation = load_and_run (options);
  if (simulation == NULL)
    return 1;

  dir = g_file_new_for_commandline_arg (options->csv_dir);
  if (!wfl_results_csv_write (simulation, dir, NULL, &error))
    {
      wfl_cli_print_write_error (dir, error);
      return 1;
    }
  return 0;
}

static int
utf8_width (const char *s)
{
  return (int) g_utf8_strlen (s, -1);
}

static void
print_padded (GString    *out,
              const char *text,
              int         width,
              gboolean    right)
{
  int pad = MAX (0, width - utf8_width (text));

  if (right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
}

int
wfl_cli_bottlenecks (const WflCliOptions *options)
{
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *headers[] = { _("rank"), _("node"), _("name"), _("gain"), _("lateness change (weeks)") };
  const gboolean right[] = { TRUE, FALSE, FALSE, TRUE, TRUE };
  int widths[G_N_ELEMENTS (headers)];
  int from_week, to_week, n_weeks;

  simulation = load_and_run (options);
  if (simulation == NULL)
    return 1;

  n_weeks = wfl_simulation_get_n_weeks (simulation);
  if (!wfl_cli_parse_window (options, wfl_simulation_get_start (simulation), n_weeks,
                             0, n_weeks - 1, &from_week, &to_week))
    return 2;

  rows = wfl_bottlenecks_rank (simulation, from_week, to_week, NULL, &error);
  if (rows == NULL)
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      g_ptr_array_add (cells, g_strdup (headers[c]));
      widths[c] = utf8_width (headers[c]);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const WflBottleneck *row = &g_array_index (rows, WflBottleneck, i);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      char *text[G_N_ELEMENTS (headers)];

      text[0] = g_strdup_printf ("%u", i + 1);
      text[1] = g_strdup (wfl_simulation_get_node_id (simulation, row->node));
      text[2] = g_strdup (wfl_simulation_get_node_name (simulation, row->node));
      text[3] = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", row->gain));
      g_ascii_formatd (buf, sizeof buf, "%.2f", row->lateness_change);
      text[4] = g_strdup_printf ("%s%s", row->lateness_change > 0 && strcmp (buf, "0.00") != 0 ? "+" : "",
                                 strcmp (buf, "-0.00") == 0 ? "0.00" : buf);
      for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
        {
          widths[c] = MAX (widths[c], utf8_width (text[c]));
          g_ptr_array_add (cells, text[c]);
        }
    }

  for (guint r = 0; r <= rows->len; r++)
    {
      for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
        {
          if (c > 0)
            g_string_append (out, "  ");
          /* The last column is not padded on the right. */
          print_padded (out, g_ptr_array_index (cells, r * G_N_ELEMENTS (headers) + c),
                        c + 1 < G_N_ELEMENTS (headers) || right[c] ? widths[c] : 0, right[c]);
        }
      g_string_append_c (out, '\n');
    }
  if (rows->len == 0)
    g_string_append (out, _("No node has a finite capacity.\n"));
  g_print ("%s", out->str);
  return 0;
}
