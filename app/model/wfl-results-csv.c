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

#include "wfl-atomic-file.h"
#include "wfl-results-csv.h"

static const char *filenames[] = {
  "nodes.csv", "links.csv", "orders.csv", "stages.csv",
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

static const char *
stage_kind_name (WflStageKind kind)
{
  switch (kind)
    {
    case WFL_STAGE_KIND_STOCK: return "stock";
    case WFL_STAGE_KIND_CUSTOMER: return "customer";
    case WFL_STAGE_KIND_WORK:
    default: return "stage";
    }
}

/* One row per row of an order's timeline (WflStage): every week from
 * placed to filled is in exactly one of a row's wait_before_weeks
 * (= allocation + wait + transit) or its weeks (end − start). */
static void
write_stages (WflSimulation *sim,
              GString       *out)
{
  g_string_append (out, "customer,order,stage,start,end,wait_before_weeks,"
                        "kind,weeks,allocation_weeks,wait_weeks,transit_weeks,made\n");
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
          g_string_append_printf (out, ",%d,%s,%d,%d,%d,%d", st->wait_before_weeks,
                                  stage_kind_name (st->kind), st->end_week - st->start_week,
                                  st->allocation_weeks, st->wait_weeks, st->transit_weeks);
          append_date (out, st->kind == WFL_STAGE_KIND_STOCK ? wfl_simulation_get_week_date (sim, st->made_week)
                                                             : WFL_DATE_NONE);
          g_string_append_c (out, '\n');
        }
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
  GBytes *contents[WFL_RESULTS_CSV_N_TABLES];
  gboolean ok;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);

  for (int table = 0; table < WFL_RESULTS_CSV_N_TABLES; table++)
    contents[table] = wfl_results_csv_to_bytes (simulation, table);

  /* The four tables are one set: a reader never finds new nodes beside
   * old links, however the writing ends. */
  ok = wfl_atomic_file_write_set (dir, WFL_RESULTS_CSV_N_TABLES, filenames, contents, cancellable, error);

  for (int table = 0; table < WFL_RESULTS_CSV_N_TABLES; table++)
    g_bytes_unref (contents[table]);
  return ok;
}
