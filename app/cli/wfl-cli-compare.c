/* wfl-cli-compare.c: --compare BASE [FILE]: the table of deltas
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
#include "wfl-sankey-diff.h"

/* The ranking of a simulation over its part of the window; NULL after
 * printing why. */
static GArray *
rank (WflSimulation *simulation,
      int            first,
      int            last)
{
  g_autoptr(WflBottlenecks) runs = NULL;
  g_autoptr(GError) error = NULL;

  runs = wfl_bottlenecks_new (simulation, NULL, 0, NULL, &error);
  if (runs == NULL)
    {
      wfl_cli_print_error ("%s", error->message);
      return NULL;
    }
  return wfl_bottlenecks_rank_window (runs, first, last);
}

/* A figure for the printed table: at most two decimals, no trailing
 * zeros, "—" for none; signed when it is a change. */
static char *
format_value (double   value,
              gboolean sign)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  if (isnan (value))
    return g_strdup ("—");
  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  end = buf + strlen (buf);
  while (end > buf && end[-1] == '0')
    *--end = '\0';
  if (end > buf && end[-1] == '.')
    *--end = '\0';
  if (strcmp (buf, "-0") == 0)
    return g_strdup ("0");
  return g_strdup_printf ("%s%s", sign && value > 0 && strcmp (buf, "0") != 0 ? "+" : "", buf);
}

static void
append_padded (GString    *out,
               const char *text,
               int         width,
               gboolean    right)
{
  int pad = MAX (0, width - (int) g_utf8_strlen (text, -1));

  if (right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
}

#define N_COLUMNS 7

static void
print_table (WflComparison *comparison,
             gboolean       differences_only)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *headers[N_COLUMNS] = { _("subject"), _("id"), _("figure"), _("baseline"), _("variant"),
                                     _("change"), _("change %") };
  const gboolean right[N_COLUMNS] = { FALSE, FALSE, FALSE, TRUE, TRUE, TRUE, TRUE };
  int widths[N_COLUMNS];
  guint n_rows = 0;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_ptr_array_add (cells, g_strdup (headers[c]));
      widths[c] = (int) g_utf8_strlen (headers[c], -1);
    }
  for (guint i = 0; i < wfl_comparison_get_n_rows (comparison); i++)
    {
      const WflCompareRow *row = wfl_comparison_get_row (comparison, i);
      const char *label = wfl_compare_measure_label (row->measure);
      char *text[N_COLUMNS];

      if (differences_only && !row->differs)
        continue;
      n_rows++;
      text[0] = g_strdup (wfl_compare_subject_key (row->subject));
      text[1] = g_strdup (row->id);
      /* The bottleneck rows name their end product. */
      text[2] = row->measure >= WFL_COMPARE_BOTTLENECK_RANK && row->product != NULL
                ? g_strdup_printf ("%s (%s)", label, row->product) : g_strdup (label);
      text[3] = row->in_baseline ? format_value (row->baseline, FALSE) : g_strdup (_("absent"));
      text[4] = row->in_variant ? format_value (row->variant, FALSE) : g_strdup (_("absent"));
      text[5] = format_value (row->difference, TRUE);
      text[6] = format_value (row->percent, TRUE);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          widths[c] = MAX (widths[c], (int) g_utf8_strlen (text[c], -1));
          g_ptr_array_add (cells, text[c]);
        }
    }
  for (guint r = 0; r <= n_rows; r++)
    {
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c > 0)
            g_string_append (out, "  ");
          append_padded (out, g_ptr_array_index (cells, r * N_COLUMNS + c),
                         c + 1 < N_COLUMNS || right[c] ? widths[c] : 0, right[c]);
        }
      g_string_append_c (out, '\n');
    }
  if (differences_only && n_rows == 0)
    g_string_append (out, _("No difference in this window.\n"));
  g_print ("%s", out->str);
}

static int
write_csv (WflComparison *comparison,
           const char    *dir_path,
           gboolean       differences_only)
{
  g_autoptr(GFile) dir = g_file_new_for_commandline_arg (dir_path);
  g_autoptr(GBytes) bytes = wfl_comparison_to_csv (comparison, differences_only);
  g_autoptr(GError) error = NULL;
  const char *names[] = { "compare.csv" };
  GBytes *contents[] = { bytes };

  if (!wfl_atomic_file_write_set (dir, 1, names, contents, NULL, &error))
    {
      wfl_cli_print_write_error (dir, error);
      return 1;
    }
  return 0;
}

/* The variant's workbook (--simulate --xlsx's sheets, its ranking of the
 * window) with the deltas last. */
static int
write_xlsx (WflComparison       *comparison,
            WflSimulation       *variant,
            GArray              *ranking,
            int                  first,
            int                  last,
            const WflCliOptions *options)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->xlsx_path);
  g_autoptr(GError) error = NULL;

  if (!wfl_results_xlsx_write_compared (variant, ranking, first, last, comparison, options->differences_only,
                                        file, NULL, &error))
    {
      wfl_cli_print_write_error (file, error);
      return 1;
    }
  return 0;
}

int
wfl_cli_compare (const WflCliOptions *options)
{
  WflCliOptions baseline_options = *options;
  g_autoptr(WflSimulation) baseline = NULL;
  g_autoptr(WflSimulation) variant = NULL;
  g_autoptr(GArray) baseline_ranking = NULL;
  g_autoptr(GArray) variant_ranking = NULL;
  g_autoptr(WflComparison) comparison = NULL;
  int first, last, baseline_first, baseline_last, n_weeks;

  /* The baseline first: a broken baseline is named before the variant runs. */
  baseline_options.file = options->compare_path;
  baseline = wfl_cli_load_and_run (&baseline_options);
  if (baseline == NULL)
    return 1;
  variant = wfl_cli_load_and_run (options);
  if (variant == NULL)
    return 1;

  n_weeks = wfl_simulation_get_n_weeks (variant);
  if (!wfl_cli_parse_window (options, wfl_simulation_get_start (variant), n_weeks,
                             0, n_weeks - 1, &first, &last))
    return 2;

  /* The same dates on the baseline's calendar, for its ranking. */
  wfl_compare_baseline_window (baseline, variant, first, last, &baseline_first, &baseline_last);
  baseline_ranking = rank (baseline, baseline_first, baseline_last);
  variant_ranking = baseline_ranking != NULL ? rank (variant, first, last) : NULL;
  if (variant_ranking == NULL)
    return 1;
  comparison = wfl_comparison_new (baseline, variant, first, last, baseline_ranking, variant_ranking);

  if (options->csv_dir != NULL || options->xlsx_path != NULL)
    {
      int status = options->csv_dir != NULL ? write_csv (comparison, options->csv_dir, options->differences_only) : 0;

      if (status == 0 && options->xlsx_path != NULL)
        status = write_xlsx (comparison, variant, variant_ranking, first, last, options);
      return status;
    }

  {
    WflDate start = wfl_simulation_get_start (variant);
    g_autofree char *from = wfl_date_format (wfl_date_of_week (start, first));
    g_autofree char *to = wfl_date_format (wfl_date_of_week (start, last) + 6);
    guint n = wfl_comparison_count_differences (comparison);

    /* Translators: the first line of --compare; dates are YYYY-MM-DD */
    g_print (g_dngettext (GETTEXT_PACKAGE, "Window: %s to %s (%d week)\n", "Window: %s to %s (%d weeks)\n",
                          last - first + 1),
             from, to, last - first + 1);
    /* Translators: --compare, after the window; the %s are file names */
    g_print (g_dngettext (GETTEXT_PACKAGE, "Baseline %s, variant %s: %u figure differs.\n\n",
                          "Baseline %s, variant %s: %u figures differ.\n\n", n),
             options->compare_path, options->file != NULL ? options->file : _("built-in scenario"), n);
  }
  print_table (comparison, options->differences_only);
  return 0;
}

/* A side of the difference Sankey: the flows of the weeks of its calendar
 * that the dates from … to fall in, its limiting marks as on screen; the
 * variant's (stable) pinned to its whole calendar as the window pins it. */
static WflSankeyGraph *
side_graph (const char *path,
            WflDate     from,
            WflDate     to,
            gboolean    stable,
            GError    **error)
{
  g_autoptr(WflScenario) scenario = wfl_cli_load_scenario (path, error);
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(GArray) ranking = NULL;
  int first = 0, last = -1;

  if (scenario == NULL)
    return NULL;
  simulation = wfl_simulation_new (scenario, error);
  if (simulation == NULL || !wfl_simulation_run (simulation, NULL, error))
    {
      g_prefix_error (error, "%s: ", path != NULL ? path : _("built-in scenario"));
      return NULL;
    }
  if (!wfl_week_window_of_dates (wfl_simulation_get_start (simulation), wfl_simulation_get_n_weeks (simulation),
                                 from, to, &first, &last))
    first = 0, last = -1;   /* no week of it: no flow */
  ranking = wfl_sankey_graph_rank_window (simulation, first, last, NULL, error);
  if (ranking == NULL)
    return NULL;
  if (stable)
    return wfl_sankey_graph_new_stable (scenario, simulation, ranking, first, last);
  return wfl_sankey_graph_new_for_window (scenario, simulation, ranking, first, last);
}

int
wfl_cli_export_compare (const WflCliOptions *options,
                        WflExportFormat      format,
                        GFile               *file)
{
  return wfl_cli_export_compare_flagged (options, format, file, NULL);
}

int
wfl_cli_export_compare_flagged (const WflCliOptions *options,
                                WflExportFormat      format,
                                GFile               *file,
                                const char          *flagged)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) variant = NULL;
  g_autoptr(WflSankeyGraph) baseline_graph = NULL;
  g_autoptr(WflSankeyGraph) variant_graph = NULL;
  g_autoptr(WflSankeyDiff) diff = NULL;
  WflSankeyLayoutOptions layout_options;
  WflChartStyle style;
  int first, last, n_weeks;
  WflDate start, from, to;
  gboolean ok;

  if (g_strcmp0 (options->chart, "gantt") == 0)
    return wfl_cli_export_gantt (options, format, file);
  if (options->flows_path != NULL)
    {
      wfl_cli_print_error (_("--compare cannot be used with --flows"));
      return 2;
    }
  /* The baseline is checked first, as for the table. */
  baseline_graph = side_graph (options->compare_path, WFL_DATE_NONE, WFL_DATE_NONE, FALSE, &error);
  if (baseline_graph == NULL)
    {
      if (error != NULL)
        wfl_cli_print_error ("%s", error->message);
      return 1;
    }
  g_clear_pointer (&baseline_graph, wfl_sankey_graph_unref);

  /* The window: --from/--to on the variant's calendar (the whole
   * calendar without them), the same dates on the baseline's. */
  variant = wfl_cli_load_scenario (options->file, &error);
  if (variant == NULL)
    {
      if (error != NULL)
        wfl_cli_print_error ("%s", error->message);
      return 1;
    }
  start = wfl_scenario_get_start (variant);
  n_weeks = wfl_scenario_get_weeks (variant);
  if (!wfl_cli_parse_window (options, start, n_weeks, 0, n_weeks - 1, &first, &last))
    return 2;
  from = wfl_date_of_week (start, first);
  to = wfl_date_of_week (start, last) + 6;

  baseline_graph = side_graph (options->compare_path, from, to, FALSE, &error);
  variant_graph = baseline_graph != NULL ? side_graph (options->file, from, to, TRUE, &error) : NULL;
  if (variant_graph == NULL)
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }
  diff = wfl_sankey_diff_new (baseline_graph, variant_graph);
  wfl_sankey_diff_set_flagged (diff, flagged);

  wfl_chart_style_init_light (&style);
  wfl_sankey_layout_options_init (&layout_options);
  layout_options.font_family = style.font_family;
  layout_options.font_size = style.font_size;
  if (g_strcmp0 (options->columns, "short-links") == 0)
    layout_options.columns = WFL_SANKEY_COLUMNS_SHORT_LINKS;
  ok = wfl_sankey_diff_export (diff, &layout_options, &style, format, file,
                               options->width > 0 ? options->width : 1280,
                               options->height > 0 ? options->height : 800,
                               options->scale > 0 ? options->scale : 1, &error);
  wfl_chart_style_clear (&style);
  if (!ok)
    {
      if (g_error_matches (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_FORMAT) ||
          g_error_matches (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_SIZE))
        {
          wfl_cli_print_error ("%s", error->message);
          return 2;
        }
      wfl_cli_print_write_error (file, error);
      return 1;
    }
  return 0;
}
