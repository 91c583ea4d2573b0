/* wfl-cli-gantt.c: --export … --chart gantt
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-cli"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wfl-cli-private.h"
#include "wfl-gantt-render.h"

#define DEFAULT_WIDTH 1200
#define MAX_SIDE      32767

/* --compare BASE: the baseline's orders as simulated, or NULL when it
 * does not load (said as BASE:LINE: message) or simulate. */
static WflGanttChart *
baseline_chart (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_cli_load_scenario (path, &error);
  g_autoptr(WflSimulation) simulation = NULL;
  WflGanttChart *chart;

  if (scenario == NULL)
    {
      if (error != NULL)
        wfl_cli_print_error ("%s", error->message);
      return NULL;
    }
  simulation = wfl_simulation_new (scenario, &error);
  if (simulation == NULL || !wfl_simulation_run (simulation, NULL, &error))
    {
      wfl_cli_print_error ("%s: %s", path, error->message);
      return NULL;
    }
  chart = wfl_gantt_chart_new_orders (simulation, NULL, &error);
  if (chart == NULL)
    wfl_cli_print_error ("%s: %s", path, error->message);
  return chart;
}

int
wfl_cli_export_gantt (const WflCliOptions *options,
                      WflExportFormat      format,
                      GFile               *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(WflGanttChart) chart = NULL;
  g_autoptr(WflGanttChart) baseline = NULL;
  WflGanttExportOptions export_options;
  WflViews *views;
  WflGanttMode mode = WFL_GANTT_MODE_ORDERS;
  WflDate from, to, placed;
  gboolean ok;

  g_return_val_if_fail (options != NULL, 2);
  g_return_val_if_fail (G_IS_FILE (file), 2);

  if (!wfl_cli_parse_date ("--from", options->from, &from) ||
      !wfl_cli_parse_date ("--to", options->to, &to))
    return 2;
  if (from != WFL_DATE_NONE && to != WFL_DATE_NONE && to <= from)
    {
      wfl_cli_print_error (_("--to must come after --from"));
      return 2;
    }
  if (options->width < 0 || options->height < 0 || options->width > MAX_SIDE || options->height > MAX_SIDE)
    {
      wfl_cli_print_error (_("--width and --height must be from 1 to %d pixels"), MAX_SIDE);
      return 2;
    }
  if (options->scale < 0 || !isfinite (options->scale))
    {
      wfl_cli_print_error (_("--scale must be a positive number"));
      return 2;
    }

  if (options->gantt_mode != NULL && !wfl_gantt_mode_from_string (options->gantt_mode, &mode))
    {
      wfl_cli_print_error (_("--gantt-mode must be orders or pipeline, not “%s”"), options->gantt_mode);
      return 2;
    }
  if (options->compare_path != NULL && mode != WFL_GANTT_MODE_ORDERS)
    {
      wfl_cli_print_error (_("--compare with --chart gantt draws the orders chart (--gantt-mode orders)"));
      return 2;
    }
  /* The baseline is checked before anything else, as for the table. */
  if (options->compare_path != NULL && (baseline = baseline_chart (options->compare_path)) == NULL)
    return 1;

  scenario = wfl_cli_load_scenario (options->file, &error);
  if (scenario == NULL)
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }

  views = wfl_scenario_get_views (scenario);
  if (options->gantt_mode == NULL && options->compare_path == NULL && views != NULL && views->has_gantt)
    mode = views->gantt_mode;

  if (mode == WFL_GANTT_MODE_ORDERS)
    {
      /* Every customer order as simulated: its stages and waits. */
      g_autoptr(WflSimulation) simulation = wfl_simulation_new (scenario, &error);

      if (simulation == NULL || !wfl_simulation_run (simulation, NULL, &error))
        {
          wfl_cli_print_error ("%s: %s", options->file != NULL ? options->file : _("built-in scenario"),
                               error->message);
          return 1;
        }
      chart = wfl_gantt_chart_new_orders (simulation, NULL, &error);
    }
  else
    {
      /* The pipeline of an order placed on --from, else on the as-of
       * date of the scenario's Gantt view, else at the start of the
       * calendar: a window asked for shows its own order's bars. */
      placed = from != WFL_DATE_NONE ? from
               : views != NULL && views->gantt_as_of != WFL_DATE_NONE ? views->gantt_as_of : WFL_DATE_NONE;
      chart = wfl_gantt_chart_new_pipeline (scenario, NULL, placed, &error);
    }
  if (chart == NULL)
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }
  if (baseline != NULL)
    wfl_gantt_chart_set_baseline (chart, baseline);
  if (views != NULL && views->gantt_as_of != WFL_DATE_NONE)
    chart->as_of = wfl_gantt_chart_week_of_date (chart, views->gantt_as_of);

  wfl_gantt_export_options_init (&export_options);
  export_options.width = options->width > 0 ? options->width : DEFAULT_WIDTH;
  export_options.height = options->height;
  export_options.scale = options->scale;
  if (from != WFL_DATE_NONE)
    export_options.from = wfl_gantt_chart_week_of_date (chart, from);
  if (to != WFL_DATE_NONE)
    /* --to is the last day shown, inclusive. */
    export_options.to = wfl_gantt_chart_week_of_date (chart, to + 1);
  if (mode == WFL_GANTT_MODE_ORDERS && (from != WFL_DATE_NONE || to != WFL_DATE_NONE))
    /* The orders with something in the dates asked for, not every order
     * of the calendar as empty rows. */
    wfl_gantt_chart_keep_rows_within (chart, from != WFL_DATE_NONE ? export_options.from : -INFINITY,
                                      to != WFL_DATE_NONE ? export_options.to : INFINITY);
  ok = wfl_gantt_export (chart, NULL, &export_options, format, file, &error);

  if (!ok)
    {
      wfl_cli_print_write_error (file, error);
      return 1;
    }
  return 0;
}
