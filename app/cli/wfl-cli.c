/* wfl-cli.c: the headless command line
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wfl-cli.h"
#include "wfl-cli-private.h"
#include "wfl-model.h"

static const char * const headless_options[] = {
  "--export", "--flows", "--simulate", "--xlsx", "--report", "--bottlenecks", "--validate", "--save",
  "--compare", "--monte-carlo", "--sweep", "--knockout",
  "--help", "-h", "--version",
};

gboolean
wfl_cli_is_headless (int    argc,
                     char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      for (guint j = 0; j < G_N_ELEMENTS (headless_options); j++)
        {
          gsize len = strlen (headless_options[j]);

          if (strncmp (argv[i], headless_options[j], len) == 0 &&
              (argv[i][len] == '\0' || argv[i][len] == '='))
            return TRUE;
        }
    }
  return FALSE;
}

void
wfl_cli_print_error (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("waferline: %s\n", message);
}

void
wfl_cli_print_write_error (GFile        *file,
                           const GError *error)
{
  g_autofree char *name = NULL;

  /* The atomic writer's messages name the file already. */
  if (error->domain == G_IO_ERROR)
    {
      wfl_cli_print_error ("%s", error->message);
      return;
    }
  name = g_file_get_parse_name (file);
  wfl_cli_print_error ("%s: %s", name, error->message);
}

gboolean
wfl_cli_parse_date (const char *option,
                    const char *text,
                    WflDate    *date)
{
  *date = WFL_DATE_NONE;
  if (text == NULL)
    return TRUE;
  *date = wfl_date_parse (text);
  if (*date == WFL_DATE_NONE)
    {
      /* Translators: the first %s is an option (--from), the second what was given. */
      wfl_cli_print_error (_("%s: “%s” is not a date; use YYYY-MM-DD"), option, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
wfl_cli_parse_window (const WflCliOptions *options,
                      WflDate              start,
                      int                  n_weeks,
                      int                  default_first,
                      int                  default_last,
                      int                 *first_week,
                      int                 *last_week)
{
  WflDate from, to;
  gboolean ok;

  if (!wfl_cli_parse_date ("--from", options->from, &from) ||
      !wfl_cli_parse_date ("--to", options->to, &to))
    return FALSE;

  /* The window's time bar goes through the same function. */
  ok = wfl_week_window_of_dates (start, n_weeks, from, to, first_week, last_week);
  if (from == WFL_DATE_NONE)
    *first_week = default_first;
  if (to == WFL_DATE_NONE)
    *last_week = default_last;
  if (!ok || *last_week < *first_week)
    {
      wfl_cli_print_error (_("The window from %s to %s holds no week of the calendar"),
                           options->from != NULL ? options->from : _("the start"),
                           options->to != NULL ? options->to : _("the end"));
      return FALSE;
    }
  return TRUE;
}

static void
clear_options (WflCliOptions *options)
{
  g_free (options->export_path);
  g_free (options->chart);
  g_free (options->node);
  g_free (options->customer);
  g_free (options->from);
  g_free (options->to);
  g_free (options->gantt_mode);
  g_free (options->columns);
  g_free (options->flows_path);
  g_free (options->csv_dir);
  g_free (options->xlsx_path);
  g_free (options->report_path);
  g_free (options->validate_path);
  g_free (options->save_path);
  g_free (options->file);
  g_free (options->compare_path);
  g_free (options->monte_carlo);
  g_free (options->seed);
  g_free (options->sweep);
  g_free (options->knockout);
}

/* The options an experiment needs and the ones only it takes. */
static gboolean
check_experiment (const WflCliOptions *options,
                  gboolean             threads,
                  gboolean             experiment)
{
  if (experiment && options->csv_dir == NULL && options->xlsx_path == NULL && options->export_path == NULL)
    {
      wfl_cli_print_error (_("--monte-carlo, --sweep and --knockout need --csv DIR, --xlsx OUT.xlsx or --export OUT"));
      return FALSE;
    }
  if ((options->seed != NULL && options->monte_carlo == NULL) || (threads && !experiment))
    {
      wfl_cli_print_error (_("--seed needs --monte-carlo, and --threads an experiment"));
      return FALSE;
    }
  return TRUE;
}

/* --threads N: 1 to 1024 (0, not given: one per processor). */
static gboolean
parse_threads (WflCliOptions *options,
               const char    *text)
{
  gint64 v;

  options->threads = 0;
  if (text == NULL)
    return TRUE;
  if (!wfl_parse_int (text, &v) || v < 1 || v > 1024)
    {
      wfl_cli_print_error (_("--threads must be from 1 to %d"), 1024);
      return FALSE;
    }
  options->threads = (int) v;
  return TRUE;
}

/* A side in pixels, when given: a whole number from 1 to WFL_CLI_MAX_SIDE. */
static gboolean
parse_side (const char *text,
            int        *side)
{
  gint64 v;

  *side = 0;   /* not given: the chart's default */
  if (text == NULL)
    return TRUE;
  if (!wfl_parse_int (text, &v) || v < 1 || v > WFL_CLI_MAX_SIDE)
    {
      wfl_cli_print_error (_("--width and --height must be from 1 to %d"), WFL_CLI_MAX_SIDE);
      return FALSE;
    }
  *side = (int) v;
  return TRUE;
}

/* --width, --height and --scale, parsed strictly: a given 0 (or "nan")
 * is refused, not taken for "not given". */
static gboolean
parse_sizes (WflCliOptions *options,
             const char    *width,
             const char    *height,
             const char    *scale)
{
  if (!parse_side (width, &options->width) || !parse_side (height, &options->height))
    return FALSE;
  options->scale = 0;   /* not given: 1 */
  if (scale != NULL &&
      (!wfl_parse_double (scale, &options->scale) ||
       !(options->scale > 0 && options->scale <= WFL_CLI_MAX_SCALE)))
    {
      wfl_cli_print_error (_("--scale must be a number above 0 and at most 16"));
      return FALSE;
    }
  return TRUE;
}

/* The options that only go with others; prints why and returns FALSE
 * when a combination is refused. */
static gboolean
check_combinations (const WflCliOptions *options,
                    gboolean             threads,
                    gboolean             experiment)
{
  if (options->flows_path != NULL && options->export_path == NULL)
    {
      wfl_cli_print_error (_("--flows needs --export OUT"));
      return FALSE;
    }
  if (!check_experiment (options, threads, experiment))
    return FALSE;
  if ((options->node != NULL || options->customer != NULL) &&
      (options->export_path == NULL ||
       (g_strcmp0 (options->chart, "timeseries") != 0 && g_strcmp0 (options->chart, "lead-time") != 0)))
    {
      wfl_cli_print_error (_("--node and --customer need --export OUT --chart timeseries or lead-time"));
      return FALSE;
    }
  /* --compare BASE writes compare.csv into --csv DIR, and the variant's
   * workbook with the deltas into --xlsx OUT.xlsx. */
  if ((options->csv_dir != NULL || options->xlsx_path != NULL) && !options->simulate && !experiment &&
      (options->compare_path == NULL || options->export_path != NULL))
    {
      wfl_cli_print_error (_("--csv and --xlsx need --simulate or --compare"));
      return FALSE;
    }
  if (options->simulate && options->csv_dir == NULL && options->xlsx_path == NULL)
    {
      wfl_cli_print_error (_("--simulate needs --csv DIR or --xlsx OUT.xlsx"));
      return FALSE;
    }
  return TRUE;
}

int
wfl_cli_run (int    argc,
             char **argv)
{
  WflCliOptions options = { 0 };
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  g_autofree char *scale = NULL;
  g_autofree char *threads = NULL;
  gboolean version = FALSE;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int n_commands;
  gboolean experiment;
  int status;
  /* Translators: the help of `waferline --help`.  The upper-case words
   * (OUT, CHART, DATE, PX…) stand for the values the user gives. */
  const GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &options.export_path, N_("Export a chart to OUT (.png, .svg, .pdf or .json)"), N_("OUT") },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &options.chart, N_("The chart to export: sankey, gantt, timeseries or lead-time"), N_("CHART") },
    { "node", 0, 0, G_OPTION_ARG_STRING, &options.node, N_("The node of --chart timeseries (its capacity, starts and stock)"), N_("ID") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &options.customer, N_("The customer of --chart timeseries (ordered and received) or lead-time (the quoted lead time)"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options.from, N_("First day of the window (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options.to, N_("Last day of the window (YYYY-MM-DD)"), N_("DATE") },
    { "gantt-mode", 0, 0, G_OPTION_ARG_STRING, &options.gantt_mode, N_("Gantt rows: orders or pipeline"), N_("MODE") },
    { "columns", 0, 0, G_OPTION_ARG_STRING, &options.columns, N_("Sankey columns: longest-path or short-links"), N_("MODE") },
    { "width", 0, 0, G_OPTION_ARG_STRING, &width, N_("Width of the exported chart in pixels"), N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_STRING, &height, N_("Height of the exported chart in pixels"), N_("PX") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale, N_("Scale factor of a PNG export"), N_("N") },
    { "flows", 0, 0, G_OPTION_ARG_FILENAME, &options.flows_path, N_("Draw a Sankey of the flows in a CSV table (source,target,value)"), N_("FLOWS.csv") },
    { "simulate", 0, 0, G_OPTION_ARG_NONE, &options.simulate, N_("Simulate and write the results as CSV files (with --csv) or a workbook (with --xlsx)"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &options.csv_dir, N_("Folder for the CSV results of --simulate or the deltas of --compare"), N_("DIR") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &options.xlsx_path, N_("Spreadsheet workbook for the results of --simulate or --compare"), N_("OUT.xlsx") },
    { "bottlenecks", 0, 0, G_OPTION_ARG_NONE, &options.bottlenecks, N_("Print the bottleneck ranking"), NULL },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &options.report_path, N_("Write the printed brief of the window (a PDF) to OUT.pdf"), N_("OUT.pdf") },
    { "validate", 0, 0, G_OPTION_ARG_FILENAME, &options.validate_path, N_("Check a scenario and print every problem"), N_("FILE") },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &options.save_path, N_("Load, validate and write the canonical form to OUT"), N_("OUT") },
    { "compare", 0, 0, G_OPTION_ARG_FILENAME, &options.compare_path, N_("Compare FILE (the variant) with the baseline BASE: print the table of deltas, or write it with --csv DIR (compare.csv) or --xlsx OUT.xlsx (the results and a deltas sheet); with --export OUT, draw the difference Sankey (--chart sankey) or the baseline Gantt (--chart gantt)"), N_("BASE") },
    { "differences-only", 0, 0, G_OPTION_ARG_NONE, &options.differences_only, N_("With --compare: only the rows that differ"), NULL },
    { "monte-carlo", 0, 0, G_OPTION_ARG_STRING, &options.monte_carlo, N_("Run N samples of the scenario’s uncertainty and write the percentiles (with --csv DIR or --xlsx OUT.xlsx)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &options.seed, N_("The seed of --monte-carlo (default: the scenario’s, else 1)"), N_("S") },
    { "sweep", 0, 0, G_OPTION_ARG_STRING, &options.sweep, N_("Vary one parameter over a range and write the key figures of each value: PARAMETER:TARGET:MIN:MAX:STEP, or saved"), N_("SPEC") },
    { "knockout", 0, 0, G_OPTION_ARG_STRING, &options.knockout, N_("Stop each supply, process and pool node for WEEKS weeks from DATE, one at a time, and write the units each customer loses"), N_("WEEKS[:DATE]") },
    { "threads", 0, 0, G_OPTION_ARG_STRING, &threads, N_("Threads of an experiment (default: one per processor)"), N_("N") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("[FILE]"));
  g_option_context_set_summary (context, _("Analyse the supply chain of deep-learning hardware.\n\n"
                                           "Without options, opens FILE (or the built-in scenario) in a window."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      wfl_cli_print_error ("%s", error->message);
      clear_options (&options);
      return 2;
    }

  if (!parse_sizes (&options, width, height, scale) || !parse_threads (&options, threads))
    {
      clear_options (&options);
      return 2;
    }

  if (version)
    {
      g_print ("waferline %s\n", PACKAGE_VERSION);
      clear_options (&options);
      return 0;
    }

  if (rest != NULL && rest[0] != NULL)
    {
      if (rest[1] != NULL)
        {
          wfl_cli_print_error (_("Only one FILE may be given with --export, --simulate, --bottlenecks or --save"));
          clear_options (&options);
          return 2;
        }
      options.file = g_strdup (rest[0]);
    }

  experiment = options.monte_carlo != NULL || options.sweep != NULL || options.knockout != NULL;
  /* --export with an experiment exports its chart. */
  n_commands = (options.export_path != NULL && !experiment) + options.simulate + options.bottlenecks +
               (options.monte_carlo != NULL) + (options.sweep != NULL) + (options.knockout != NULL) +
               (options.validate_path != NULL) + (options.save_path != NULL) + (options.report_path != NULL) +
               (options.compare_path != NULL && options.export_path == NULL);
  if (n_commands != 1)
    {
      wfl_cli_print_error (n_commands == 0
                           ? _("Nothing to do: give one of --export, --simulate, --bottlenecks, --compare, --validate or --save")
                           : _("Give only one of --export, --simulate, --bottlenecks, --compare, --validate or --save"));
      clear_options (&options);
      return 2;
    }

  if (!check_combinations (&options, threads != NULL, experiment))
    {
      clear_options (&options);
      return 2;
    }

  if (options.validate_path != NULL)
    status = wfl_cli_validate (&options);
  else if (options.save_path != NULL)
    status = wfl_cli_save (&options);
  else if (options.simulate)
    status = wfl_cli_simulate (&options);
  else if (options.bottlenecks)
    status = wfl_cli_bottlenecks (&options);
  else if (experiment)
    status = wfl_cli_experiment (&options);
  else if (options.report_path != NULL)
    status = wfl_cli_report (&options);
  else if (options.compare_path != NULL && options.export_path == NULL)
    status = wfl_cli_compare (&options);
  else
    status = wfl_cli_export (&options);

  clear_options (&options);
  return status;
}
