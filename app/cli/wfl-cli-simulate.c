/* wfl-cli-simulate.c: --simulate and --bottlenecks
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-cli"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wfl-cli-private.h"
#include "wfl-results-xlsx.h"

WflSimulation *
wfl_cli_load_and_run (const WflCliOptions *options)
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

/* --xlsx: the tables of the run and the bottleneck ranking of the
 * window (--from/--to, default the whole calendar) in one workbook. */
static int
write_xlsx (const WflCliOptions *options,
            WflSimulation       *simulation)
{
  g_autoptr(WflBottlenecks) runs = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->xlsx_path);
  g_autoptr(GError) error = NULL;
  int n_weeks = wfl_simulation_get_n_weeks (simulation);
  int from_week, to_week;

  if (!wfl_cli_parse_window (options, wfl_simulation_get_start (simulation), n_weeks,
                             0, n_weeks - 1, &from_week, &to_week))
    return 2;
  runs = wfl_bottlenecks_new (simulation, NULL, 0, NULL, &error);
  if (runs == NULL)
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }
  rows = wfl_bottlenecks_rank_window (runs, from_week, to_week);
  if (!wfl_results_xlsx_write (simulation, rows, from_week, to_week, file, NULL, &error))
    {
      wfl_cli_print_write_error (file, error);
      return 1;
    }
  return 0;
}

int
wfl_cli_simulate (const WflCliOptions *options)
{
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(GError) error = NULL;

  simulation = wfl_cli_load_and_run (options);
  if (simulation == NULL)
    return 1;

  if (options->csv_dir != NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_commandline_arg (options->csv_dir);

      if (!wfl_results_csv_write (simulation, dir, NULL, &error))
        {
          wfl_cli_print_write_error (dir, error);
          return 1;
        }
    }
  if (options->xlsx_path != NULL)
    return write_xlsx (options, simulation);
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

/* "+1.50", "-0.25", "0.00" (never "-0.00"), or "—" for NAN. */
static char *
format_signed (double value,
               int    digits)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  if (isnan (value))
    return g_strdup ("—");
  g_snprintf (format, sizeof format, "%%.%df", digits);
  g_ascii_formatd (buf, sizeof buf, format, value);
  if (buf[0] == '-' && strspn (buf + 1, "0.") == strlen (buf + 1))
    return g_strdup (buf + 1);
  if (value > 0 && strspn (buf, "0.") != strlen (buf))
    return g_strdup_printf ("+%s", buf);
  return g_strdup (buf);
}

/* The window as whole weeks: a date inside a week stands for the week, so
 * the window is reported from its first week's start to its last week's
 * end, and a date given inside a week is named. */
static void
print_window (GString             *out,
              const WflCliOptions *options,
              WflSimulation       *simulation,
              int                  first,
              int                  last)
{
  WflDate start = wfl_simulation_get_start (simulation);
  g_autofree char *from = wfl_date_format (wfl_date_of_week (start, first));
  g_autofree char *to = wfl_date_format (wfl_date_of_week (start, last) + 6);
  const char *given[] = { options->from, options->to };
  /* The first day of the window's first week, the last of its last. */
  const WflDate edges[] = { wfl_date_of_week (start, first), wfl_date_of_week (start, last) + 6 };
  const int weeks[] = { first, last };

  /* Translators: the first line of --bottlenecks; dates are YYYY-MM-DD */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                            "Window: %s to %s (%d week)\n",
                                            "Window: %s to %s (%d weeks)\n",
                                            last - first + 1),
                          from, to, last - first + 1);
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      WflDate date = given[i] != NULL ? wfl_date_parse (given[i]) : WFL_DATE_NONE;
      g_autofree char *edge = wfl_date_format (edges[i]);

      if (date == WFL_DATE_NONE || date == edges[i] || date < start || weeks[i] != wfl_week_of_date (start, date))
        continue;
      if (i == 0)
        /* Translators: --bottlenecks, when --from is not the first day of
         * a week; the dates are YYYY-MM-DD */
        g_string_append_printf (out, _("%s falls in the week from %s: the window starts on that day.\n"),
                                given[i], edge);
      else
        /* Translators: --bottlenecks, when --to is not the last day of a
         * week; the dates are YYYY-MM-DD */
        g_string_append_printf (out, _("%s falls in the week to %s: the window ends on that day.\n"),
                                given[i], edge);
    }
  g_string_append (out, _("Gain: how many more units of its end product customers hold with 10% more "
                          "capacity, on average over the window’s weeks; gain %: the same against what "
                          "they hold without.\n\n"));
}

int
wfl_cli_bottlenecks (const WflCliOptions *options)
{
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(WflBottlenecks) runs = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *headers[] = { _("product"), _("rank"), _("node"), _("name"), _("gain"), _("gain %"),
                            _("lateness change (weeks)") };
  const gboolean right[] = { FALSE, TRUE, FALSE, FALSE, TRUE, TRUE, TRUE };
  int widths[G_N_ELEMENTS (headers)];
  int from_week, to_week, n_weeks;
  guint rank = 0;

  simulation = wfl_cli_load_and_run (options);
  if (simulation == NULL)
    return 1;

  n_weeks = wfl_simulation_get_n_weeks (simulation);
  if (!wfl_cli_parse_window (options, wfl_simulation_get_start (simulation), n_weeks,
                             0, n_weeks - 1, &from_week, &to_week))
    return 2;

  /* The window ranks through the same two calls. */
  runs = wfl_bottlenecks_new (simulation, NULL, 0, NULL, &error);
  if (runs == NULL)
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }
  rows = wfl_bottlenecks_rank_window (runs, from_week, to_week);

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

      /* Ranks count within each end product. */
      rank = i > 0 && g_array_index (rows, WflBottleneck, i - 1).product == row->product ? rank + 1 : 1;
      text[0] = g_strdup (wfl_simulation_get_product_unit (simulation, row->product));
      text[1] = g_strdup_printf ("%u", rank);
      text[2] = g_strdup (wfl_simulation_get_node_id (simulation, row->node));
      text[3] = g_strdup (wfl_simulation_get_node_name (simulation, row->node));
      text[4] = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", row->gain));
      text[5] = format_signed (100 * row->share, 1);
      text[6] = format_signed (row->lateness_change, 2);
      for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
        {
          widths[c] = MAX (widths[c], utf8_width (text[c]));
          g_ptr_array_add (cells, text[c]);
        }
    }

  print_window (out, options, simulation, from_week, to_week);
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
    g_string_append (out, _("No node with a finite capacity reaches a customer.\n"));
  g_print ("%s", out->str);
  return 0;
}
