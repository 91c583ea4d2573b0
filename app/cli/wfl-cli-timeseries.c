/* wfl-cli-timeseries.c: --export … --chart timeseries|lead-time
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
#include "wfl-timeseries.h"

#define DEFAULT_WIDTH  1000
#define DEFAULT_HEIGHT 500

/* The node the chart is of: --node ID (any node with series) or
 * --customer ID (a customer); the quoted lead time needs a customer. */
static int
find_subject (const WflCliOptions *options,
              WflSimulation       *simulation,
              gboolean             lead_time)
{
  const char *id = options->customer != NULL ? options->customer : options->node;
  int node;

  if (options->customer != NULL && options->node != NULL)
    {
      wfl_cli_print_error (_("Give --node or --customer, not both"));
      return -2;
    }
  if (id == NULL)
    {
      wfl_cli_print_error (lead_time ? _("--chart lead-time needs --customer ID")
                                     : _("--chart timeseries needs --node ID or --customer ID"));
      return -2;
    }
  node = wfl_simulation_find_node (simulation, id);
  if (node < 0)
    {
      wfl_cli_print_error (_("No node “%s” in the scenario"), id);
      return -1;
    }
  if ((lead_time || options->customer != NULL) &&
      wfl_simulation_get_node_kind (simulation, (guint) node) != WFL_NODE_KIND_CUSTOMER)
    {
      wfl_cli_print_error (_("“%s” is not a customer"), id);
      return -1;
    }
  return node;
}

int
wfl_cli_export_timeseries (const WflCliOptions *options,
                           WflExportFormat      format,
                           GFile               *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(WflTimeSeries) series = NULL;
  gboolean lead_time = g_strcmp0 (options->chart, "lead-time") == 0;
  int node, first, last;

  if (options->flows_path != NULL)
    {
      wfl_cli_print_error (_("--flows draws a Sankey; it cannot be used with --chart %s"), options->chart);
      return 2;
    }
  if (options->customer == NULL && options->node == NULL)
    {
      wfl_cli_print_error (lead_time ? _("--chart lead-time needs --customer ID")
                                     : _("--chart timeseries needs --node ID or --customer ID"));
      return 2;
    }
  scenario = wfl_cli_load_scenario (options->file, &error);
  if (scenario == NULL)
    {
      wfl_cli_print_error ("%s", error->message);
      return 1;
    }
  simulation = wfl_simulation_new (scenario, &error);
  if (simulation == NULL || !wfl_simulation_run (simulation, NULL, &error))
    {
      wfl_cli_print_error ("%s: %s", options->file != NULL ? options->file : _("built-in scenario"),
                           error->message);
      return 1;
    }
  node = find_subject (options, simulation, lead_time);
  if (node < 0)
    return node == -2 ? 2 : 1;
  if (!wfl_cli_parse_window (options, wfl_simulation_get_start (simulation), wfl_simulation_get_n_weeks (simulation),
                             0, wfl_simulation_get_n_weeks (simulation) - 1, &first, &last))
    return 2;

  if (lead_time)
    {
      /* One probe simulation per week of the window. */
      g_autoptr(WflLeadTimeQuote) quote = wfl_lead_time_quote_new (scenario, wfl_simulation_get_node_id (simulation, (guint) node),
                                                                   first, last, NULL, &error);

      if (quote == NULL)
        {
          wfl_cli_print_error ("%s", error->message);
          return 1;
        }
      series = wfl_timeseries_new_lead_time (simulation, quote);
    }
  else
    series = wfl_timeseries_new_node (simulation, (guint) node);
  if (series == NULL)
    {
      wfl_cli_print_error (_("“%s” has no time series: it is a pool or an equipment supplier"),
                           wfl_simulation_get_node_id (simulation, (guint) node));
      return 1;
    }
  wfl_timeseries_set_window (series, first, last);

  if (!wfl_timeseries_export (series, NULL, options->width > 0 ? options->width : DEFAULT_WIDTH,
                              options->height > 0 ? options->height : DEFAULT_HEIGHT,
                              options->scale, format, file, &error))
    {
      wfl_cli_print_write_error (file, error);
      return 1;
    }
  return 0;
}
