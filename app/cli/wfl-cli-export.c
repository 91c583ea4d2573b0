/* wfl-cli-export.c: --export (and --flows)
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
#include "wfl-sankey-diff.h"
#include "wfl-sankey-render.h"

#define DEFAULT_WIDTH 1280
#define DEFAULT_HEIGHT 800
#define MAX_SIDE 32767

/* Loads and simulates the scenario, and sums its flows over the window:
 * --from/--to, else the scenario's saved Sankey window, else the whole
 * calendar. */
static WflSankeyGraph *
sankey_graph_for_scenario (const WflCliOptions  *options,
                           GError              **error)
{
  g_autoptr(WflScenario) scenario = wfl_cli_load_scenario (options->file, error);
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(GArray) ranking = NULL;
  WflViews *views;
  int n_weeks, first, last;

  if (scenario == NULL)
    return NULL;
  simulation = wfl_simulation_new (scenario, error);
  if (simulation == NULL || !wfl_simulation_run (simulation, NULL, error))
    {
      g_prefix_error (error, "%s: ", options->file != NULL ? options->file : _("built-in scenario"));
      return NULL;
    }

  n_weeks = wfl_simulation_get_n_weeks (simulation);
  views = wfl_scenario_get_views (scenario);
  first = 0;
  last = n_weeks - 1;
  /* The saved window as the window reads it (wfl_document_get_sankey_window()). */
  if (views->has_sankey && views->sankey_from != WFL_DATE_NONE && views->sankey_to != WFL_DATE_NONE)
    {
      wfl_week_window_of_dates (wfl_scenario_get_start (scenario), n_weeks,
                                views->sankey_from, views->sankey_to, &first, &last);
      first = CLAMP (first, 0, n_weeks - 1);
      last = CLAMP (last, first, n_weeks - 1);
    }
  if (!wfl_cli_parse_window (options, wfl_scenario_get_start (scenario), n_weeks,
                             first, last, &first, &last))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "");
      return NULL;
    }

  /* The limiting marks need the ranking of the window, as on screen. */
  ranking = wfl_sankey_graph_rank_window (simulation, first, last, NULL, error);
  if (ranking == NULL)
    return NULL;
  /* Pinned to the whole calendar's layout, as the window pins it. */
  return wfl_sankey_graph_new_stable (scenario, simulation, ranking, first, last);
}

/* Lays the graph out at the options' size, as the window's view does,
 * and writes it; flagged (a node id or NULL) gets the worst knock-out's
 * mark. */
static int
write_sankey (const WflCliOptions    *options,
              WflSankeyLayoutOptions *layout_options,
              WflSankeyGraph         *graph,
              const char             *flagged,
              WflExportFormat         format,
              GFile                  *file)
{
  g_autoptr(WflSankeyLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  WflSankeyRenderState state;
  WflChartStyle style;
  double width = options->width > 0 ? options->width : DEFAULT_WIDTH;
  double height = options->height > 0 ? options->height : DEFAULT_HEIGHT;
  int v;
  gboolean ok;

  wfl_chart_style_init_light (&style);
  layout_options->font_family = style.font_family;
  layout_options->font_size = style.font_size;
  /* Laid out inside the margin, as the window's view does at that size. */
  layout = wfl_sankey_layout_new (graph, layout_options,
                                  MAX (1, width - 2 * WFL_SANKEY_MARGIN), MAX (1, height - 2 * WFL_SANKEY_MARGIN));
  wfl_sankey_render_state_init (&state);
  if (flagged != NULL && (v = wfl_sankey_graph_find_node (graph, flagged)) >= 0)
    state.flagged = (WflSankeyHit) { WFL_SANKEY_HIT_NODE, (guint) v };

  ok = wfl_sankey_export_framed (layout, &style, &state, WFL_SANKEY_MARGIN, format, file,
                                 options->scale > 0 ? options->scale : 1, &error);
  wfl_chart_style_clear (&style);
  if (!ok)
    {
      wfl_cli_print_write_error (file, error);
      return 1;
    }
  return 0;
}

static gboolean
parse_columns (const WflCliOptions    *options,
               WflSankeyLayoutOptions *layout_options)
{
  wfl_sankey_layout_options_init (layout_options);
  if (g_strcmp0 (options->columns, "short-links") == 0)
    layout_options->columns = WFL_SANKEY_COLUMNS_SHORT_LINKS;
  else if (options->columns != NULL && strcmp (options->columns, "longest-path") != 0)
    {
      wfl_cli_print_error (_("--columns must be longest-path or short-links, not “%s”"), options->columns);
      return FALSE;
    }
  return TRUE;
}

static int
export_sankey (const WflCliOptions *options,
               WflExportFormat      format,
               GFile               *file)
{
  g_autoptr(WflSankeyGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  WflSankeyLayoutOptions layout_options;

  if (!parse_columns (options, &layout_options))
    return 2;

  if (options->flows_path != NULL)
    {
      g_autoptr(GFile) flows_file = g_file_new_for_commandline_arg (options->flows_path);
      g_autoptr(WflFlows) flows = wfl_flows_new_from_file (flows_file, &error);

      if (flows == NULL)
        {
          wfl_cli_print_error ("%s", error->message);
          return 1;
        }
      graph = wfl_sankey_graph_new_from_flows (flows);
    }
  else
    {
      graph = sankey_graph_for_scenario (options, &error);
      if (graph == NULL)
        {
          /* A bad --from/--to was reported already. */
          if (error->message[0] != '\0')
            wfl_cli_print_error ("%s", error->message);
          return g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ? 2 : 1;
        }
    }
  return write_sankey (options, &layout_options, graph, NULL, format, file);
}

int
wfl_cli_export_sankey_flagged (const WflCliOptions *options,
                               WflScenario         *scenario,
                               WflSimulation       *simulation,
                               int                  first_week,
                               int                  last_week,
                               const char          *flagged,
                               WflExportFormat      format,
                               GFile               *file)
{
  g_autoptr(WflSankeyGraph) graph = NULL;
  g_autoptr(GArray) ranking = NULL;
  g_autoptr(GError) error = NULL;
  WflSankeyLayoutOptions layout_options;

  if (!parse_columns (options, &layout_options))
    return 2;
  /* The limiting marks need the ranking of the window, as on screen. */
  ranking = wfl_sankey_graph_rank_window (simulation, first_week, last_week, NULL, &error);
  if (ranking == NULL)
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }
  graph = wfl_sankey_graph_new_for_window (scenario, simulation, ranking, first_week, last_week);
  return write_sankey (options, &layout_options, graph, flagged, format, file);
}

int
wfl_cli_export (const WflCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  const char *chart = options->chart ? options->chart : "sankey";
  WflExportFormat format;

  if (!wfl_export_format_from_path (options->export_path, &format, &error))
    {
      wfl_cli_print_error ("%s", error->message);
      return 2;
    }
  if (options->width < 0 || options->height < 0 || options->width > MAX_SIDE || options->height > MAX_SIDE)
    {
      wfl_cli_print_error (_("--width and --height must be from 1 to %d"), MAX_SIDE);
      return 2;
    }
  if (options->scale < 0 || !isfinite (options->scale) || options->scale > 16)
    {
      wfl_cli_print_error (_("--scale must be a number above 0 and at most 16"));
      return 2;
    }

  file = g_file_new_for_commandline_arg (options->export_path);

  if (options->compare_path != NULL)
    return wfl_cli_export_compare (options, format, file);
  if (strcmp (chart, "sankey") == 0)
    return export_sankey (options, format, file);

  if (strcmp (chart, "gantt") == 0)
    {
      if (options->flows_path != NULL)
        {
          wfl_cli_print_error (_("--flows draws a Sankey; it cannot be used with --chart gantt"));
          return 2;
        }
      return wfl_cli_export_gantt (options, format, file);
    }

  if (strcmp (chart, "timeseries") == 0 || strcmp (chart, "lead-time") == 0)
    return wfl_cli_export_timeseries (options, format, file);

  wfl_cli_print_error (_("Unknown chart “%s”; use sankey, gantt, timeseries or lead-time"), chart);
  return 2;
}
