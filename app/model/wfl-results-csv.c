/* wfl-results-csv.c: simulation results as CSV tables
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-results-csv"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-results-csv.h"

static const char *filenames[] = {
  "nodes.csv", "links.csv", "orders.csv", "stages.csv", "expansions.csv",
};

const char *
wfl_results_csv_get_filename (WflResultsCsv table)
{
  g_return_val_if_fail (table < WFL_RESULTS_CSV_N_TABLES, NULL);
  return filenames[table];
}

/* RFC 4180: a field holding a comma, quote or line break is quoted, with
 * quotes doubled. */
static void
append_field (GString    *out,
              const char *text)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Empty for NAN. */
static void
append_number (GString *out,
               double   value)
{
  g_autofree char *text = NULL;

  g_string_append_c (out, ',');
  if (isnan (value))
    return;
  if (value == 0)
    value = 0;  /* no "-0" */
  text = wfl_format_double (value);
  g_string_append (out, text);
}

static void
append_date (GString *out,
             WflDate  date)
{
  g_autofree char *text = NULL;

  g_string_append_c (out, ',');
  if (date == WFL_DATE_NONE)
    return;
  text = wfl_date_format (date);
  g_string_append (out, text);
}

static void
write_nodes (WflSimulation *sim,
             GString       *out)
{
  int W = wfl_simulation_get_n_weeks (sim);
  guint N = wfl_simulation_get_n_nodes (sim);
  static const WflSeries columns[] = {
    WFL_SERIES_CAPACITY, WFL_SERIES_DESIRED, WFL_SERIES_STARTS, WFL_SERIES_COMPLETED,
    WFL_SERIES_STOCK, WFL_SERIES_WIP, WFL_SERIES_UTILISATION,
  };

  g_string_append (out, "week,date,node,capacity,desired,starts,completed,stock,wip,utilisation,binding\n");
  for (int t = 0; t < W; t++)
    {
      g_autofree char *date = wfl_date_format (wfl_simulation_get_week_date (sim, t));

      for (guint n = 0; n < N; n++)
        {
          const char *input = NULL;
          WflBinding binding;

          g_string_append_printf (out, "%d,%s,", t, date);
          append_field (out, wfl_simulation_get_node_id (sim, n));
          for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
            append_number (out, wfl_simulation_get_node_value (sim, n, columns[c], t));
          g_string_append_c (out, ',');
          binding = wfl_simulation_get_binding (sim, n, t, &input);
          if (binding == WFL_BINDING_DEMAND)
            g_string_append (out, "demand");
          else if (binding == WFL_BINDING_CAPACITY)
            g_string_append (out, "capacity");
          else if (binding == WFL_BINDING_INPUT)
            {
              g_autofree char *text = g_strconcat ("input:", input, NULL);

              append_field (out, text);
            }
          g_string_append_c (out, '\n');
        }
    }
}

static void
write_links (WflSimulation *sim,
             GString       *out)
{
  int W = wfl_simulation_get_n_weeks (sim);
  guint M = wfl_simulation_get_n_links (sim);

  g_string_append (out, "week,date,from,to,shipped\n");
  for (int t = 0; t < W; t++)
    {
      g_autofree char *date = wfl_date_format (wfl_simulation_get_week_date (sim, t));

      for (guint l = 0; l < M; l++)
        {
          g_string_append_printf (out, "%d,%s,", t, date);
          append_field (out, wfl_simulation_get_node_id (sim, wfl_simulation_get_link_from (sim, l)));
          g_string_append_c (out, ',');
          append_field (out, wfl_simulation_get_node_id (sim, wfl_simulation_get_link_to (sim, l)));
          append_number (out, wfl_simulation_get_link_shipped (sim, l, t));
          g_string_append_c (out, '\n');
        }
    }
}

static void
write_orders (WflSimulation *sim,
              GString       *out)
{
  g_string_append (out, "customer,order,quantity,placed,due,filled,delivered_by_due,lateness_weeks\n");
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    {
      const WflOrderResult *r = wfl_simulation_get_order (sim, o);

      append_field (out, wfl_simulation_get_node_id (sim, r->customer));
      g_string_append_c (out, ',');
      append_field (out, r->id);
      append_number (out, r->quantity);
      append_date (out, r->placed);
      append_date (out, r->due);
      append_date (out, r->filled_week >= 0 ? wfl_simulation_get_week_date (sim, r->filled_week) : WFL_DATE_NONE);
      append_number (out, r->delivered_by_due);
      g_string_append_c (out, ',');
      if (r->filled_week >= 0 && r->due_week >= 0)
        g_string_append_printf (out, "%d", r->lateness_weeks);
      g_string_append_c (out, '\n');
    }
}

static void
write_stages (WflSimulation *sim,
              GString       *out)
{
  g_string_append (out, "customer,order,stage,start,end,wait_before_weeks\n");
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    {
      const WflOrderResult *r = wfl_simulation_get_order (sim, o);

      for (guint k = 0; k < r->n_stages; k++)
        {
          const WflStage *st = &r->stages[k];

          append_field (out, wfl_simulation_get_node_id (sim, r->customer));
          g_string_append_c (out, ',');
          append_field (out, r->id);
          g_string_append_c (out, ',');
          append_field (out, wfl_simulation_get_node_id (sim, st->node));
          append_date (out, wfl_simulation_get_week_date (sim, st->start_week));
          append_date (out, wfl_simulation_get_week_date (sim, st->end_week));
          g_string_append_printf (out, ",%d\n", st->wait_before_weeks);
        }
    }
}

static void
write_expansions (WflSimulation *sim,
                  GString       *out)
{
  g_string_append (out, "node,ordered,supplier,tools,tools_started,tools_done,delivered,qualified,capacity\n");
  for (guint x = 0; x < wfl_simulation_get_n_expansions (sim); x++)
    {
      WflExpansionResult r;
      gboolean tools;
      int weeks[4];

      wfl_simulation_get_expansion (sim, x, &r);
      tools = r.supplier >= 0;
      weeks[0] = tools ? r.tools_start_week : WFL_WEEK_NEVER;
      weeks[1] = tools ? r.tools_done_week : WFL_WEEK_NEVER;
      weeks[2] = r.delivered_week;
      weeks[3] = r.qualified_week;
      append_field (out, wfl_simulation_get_node_id (sim, r.node));
      append_date (out, r.ordered);
      g_string_append_c (out, ',');
      if (tools)
        append_field (out, wfl_simulation_get_node_id (sim, r.supplier));
      append_number (out, tools ? r.tools : NAN);
      for (guint i = 0; i < G_N_ELEMENTS (weeks); i++)
        append_date (out, weeks[i] != WFL_WEEK_NEVER ? wfl_simulation_get_week_date (sim, weeks[i]) : WFL_DATE_NONE);
      append_number (out, r.capacity);
      g_string_append_c (out, '\n');
    }
}

GBytes *
wfl_results_csv_to_bytes (WflSimulation *simulation,
                          WflResultsCsv  table)
{
  GString *out;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (wfl_simulation_has_run (simulation), NULL);
  g_return_val_if_fail (table < WFL_RESULTS_CSV_N_TABLES, NULL);

  out = g_string_new (NULL);
  switch (table)
    {
    case WFL_RESULTS_CSV_NODES:
      write_nodes (simulation, out);
      break;
    case WFL_RESULTS_CSV_LINKS:
      write_links (simulation, out);
      break;
    case WFL_RESULTS_CSV_ORDERS:
      write_orders (simulation, out);
      break;
    case WFL_RESULTS_CSV_EXPANSIONS:
      write_expansions (simulation, out);
      break;
    case WFL_RESULTS_CSV_STAGES:
    case WFL_RESULTS_CSV_N_TABLES:
    default:
      write_stages (simulation, out);
      break;
    }
  return g_string_free_to_bytes (out);
}

gboolean
wfl_results_csv_write (WflSimulation  *simulation,
                       GFile          *dir,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);

  if (!g_file_make_directory_with_parents (dir, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (int table = 0; table < WFL_RESULTS_CSV_N_TABLES; table++)
    {
      g_autoptr(GBytes) bytes = wfl_results_csv_to_bytes (simulation, table);
      g_autoptr(GFile) file = g_file_get_child (dir, filenames[table]);
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      /* g_file_replace_contents() writes a temporary file and renames it
       * over the target, so readers never see half a table. */
      if (!g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE,
                                    NULL, cancellable, error))
        return FALSE;
    }
  return TRUE;
}
