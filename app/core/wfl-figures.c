/* wfl-figures.c: the tables of the Figures view
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-figures"

#include "config.h"

#include <math.h>

#include "wfl-figures.h"
#include "wfl-format.h"
#include "wfl-timeseries-compute.h"

typedef struct
{
  char          *title;
  WflFigureType  type;
} Column;

/* Cells row by row; a text cell's text is in texts, its number NAN. */
struct _WflFiguresTable
{
  GArray    *columns;   /* of Column */
  GArray    *numbers;   /* of double, n_rows × n_columns */
  GPtrArray *texts;     /* of char*, n_rows × n_columns (NULL but in text cells) */
};

static void
clear_column (gpointer data)
{
  g_free (((Column *) data)->title);
}

static void
add_column (WflFiguresTable *self,
            const char      *title,
            WflFigureType    type)
{
  Column column = { g_strdup (title), type };

  g_array_append_val (self->columns, column);
}

static void
put_text (WflFiguresTable *self,
          const char      *text)
{
  double nan = NAN;

  g_array_append_val (self->numbers, nan);
  g_ptr_array_add (self->texts, g_strdup (text != NULL ? text : ""));
}

static void
put_number (WflFiguresTable *self,
            double           value)
{
  g_array_append_val (self->numbers, value);
  g_ptr_array_add (self->texts, NULL);
}

/* "2024 Q3": the quarter of its first week's start. */
static char *
quarter_title (WflSimulation *sim,
               guint          quarter)
{
  int first, last, year, month, day;

  wfl_simulation_get_quarter_weeks (sim, quarter, &first, &last);
  wfl_date_to_ymd (wfl_simulation_get_week_date (sim, first), &year, &month, &day);
  return g_strdup_printf ("%d Q%d", year, (month - 1) / 3 + 1);
}

static void
build_deliveries (WflFiguresTable *self,
                  WflSimulation   *sim,
                  WflMeasure       measure)
{
  guint Q = wfl_simulation_get_n_quarters (sim);
  gboolean compute = measure == WFL_MEASURE_COMPUTE;
  double scale = wfl_simulation_get_compute_scale (sim);
  g_autofree char *compute_unit = compute ? wfl_compute_unit_label (sim) : NULL;

  add_column (self, "customer", WFL_FIGURE_TEXT);
  add_column (self, "name", WFL_FIGURE_TEXT);
  add_column (self, "unit", WFL_FIGURE_TEXT);
  for (guint q = 0; q < Q; q++)
    {
      g_autofree char *title = quarter_title (sim, q);

      add_column (self, title, WFL_FIGURE_NUMBER);
    }
  add_column (self, "total", WFL_FIGURE_NUMBER);

  for (guint n = 0; n < wfl_simulation_get_n_nodes (sim); n++)
    {
      double total = 0;

      if (wfl_simulation_get_node_kind (sim, n) != WFL_NODE_KIND_CUSTOMER)
        continue;
      put_text (self, wfl_simulation_get_node_id (sim, n));
      put_text (self, wfl_simulation_get_node_name (sim, n));
      put_text (self, compute ? compute_unit : wfl_simulation_get_node_unit (sim, n));
      for (guint q = 0; q < Q; q++)
        {
          int first, last;
          double received;

          wfl_simulation_get_quarter_weeks (sim, q, &first, &last);
          received = compute ? wfl_simulation_get_compute_delivered (sim, (int) n, first, last) / scale
                     : wfl_simulation_sum_node_series (sim, n, WFL_SERIES_COMPLETED, first, last);
          total += received;
          put_number (self, received);
        }
      put_number (self, total);
    }
}

static void
build_nodes (WflFiguresTable *self,
             WflSimulation   *sim)
{
  static const struct { const char *title; WflFigureType type; } columns[] = {
    { "node", WFL_FIGURE_TEXT }, { "name", WFL_FIGURE_TEXT }, { "unit", WFL_FIGURE_TEXT },
    { "quarter", WFL_FIGURE_TEXT }, { "capacity", WFL_FIGURE_NUMBER }, { "starts", WFL_FIGURE_NUMBER },
    { "utilisation", WFL_FIGURE_SHARE }, { "weeks_bound", WFL_FIGURE_WEEKS }, { "stock", WFL_FIGURE_NUMBER },
  };

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    add_column (self, columns[c].title, columns[c].type);
  for (guint n = 0; n < wfl_simulation_get_n_nodes (sim); n++)
    {
      if (wfl_simulation_get_node_kind (sim, n) == WFL_NODE_KIND_CUSTOMER)
        continue;
      for (guint q = 0; q < wfl_simulation_get_n_quarters (sim); q++)
        {
          g_autofree char *quarter = quarter_title (sim, q);
          int first, last;

          wfl_simulation_get_quarter_weeks (sim, q, &first, &last);
          put_text (self, wfl_simulation_get_node_id (sim, n));
          put_text (self, wfl_simulation_get_node_name (sim, n));
          put_text (self, wfl_simulation_get_node_unit (sim, n));
          put_text (self, quarter);
          put_number (self, wfl_simulation_node_has_capacity (sim, n)
                            ? wfl_simulation_sum_node_series (sim, n, WFL_SERIES_CAPACITY, first, last) : NAN);
          put_number (self, wfl_simulation_sum_node_series (sim, n, WFL_SERIES_STARTS, first, last));
          put_number (self, wfl_simulation_get_quarter_utilisation (sim, n, q));
          put_number (self, wfl_simulation_count_bound_weeks (sim, n, first, last));
          put_number (self, wfl_simulation_get_node_value (sim, n, WFL_SERIES_STOCK, last));
        }
    }
}

static void
build_orders (WflFiguresTable *self,
              WflSimulation   *sim)
{
  static const struct { const char *title; WflFigureType type; } columns[] = {
    { "customer", WFL_FIGURE_TEXT }, { "order", WFL_FIGURE_TEXT }, { "quantity", WFL_FIGURE_NUMBER },
    { "placed", WFL_FIGURE_DATE }, { "due", WFL_FIGURE_DATE }, { "filled", WFL_FIGURE_DATE },
    { "lead_time_weeks", WFL_FIGURE_WEEKS }, { "allocation_weeks", WFL_FIGURE_WEEKS },
    { "stock_weeks", WFL_FIGURE_WEEKS }, { "work_weeks", WFL_FIGURE_WEEKS }, { "wait_weeks", WFL_FIGURE_WEEKS },
    { "transit_weeks", WFL_FIGURE_WEEKS }, { "lateness_weeks", WFL_FIGURE_WEEKS },
  };
  static const WflTimelineCategory categories[] = {
    WFL_TIMELINE_ALLOCATION, WFL_TIMELINE_STOCK, WFL_TIMELINE_WORK, WFL_TIMELINE_WAIT, WFL_TIMELINE_TRANSIT,
  };

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    add_column (self, columns[c].title, columns[c].type);
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    {
      const WflOrderResult *r = wfl_simulation_get_order (sim, o);
      gboolean filled = r->filled_week >= 0;

      put_text (self, wfl_simulation_get_node_id (sim, r->customer));
      put_text (self, r->id);
      put_number (self, r->quantity);
      put_number (self, r->placed);
      put_number (self, r->due != WFL_DATE_NONE ? r->due : NAN);
      put_number (self, filled ? wfl_simulation_get_week_date (sim, r->filled_week) : NAN);
      put_number (self, filled ? r->filled_week - MAX (r->placed_week, 0) : NAN);
      for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
        put_number (self, filled ? r->timeline_weeks[categories[c]] : NAN);
      put_number (self, filled && r->due_week >= 0 ? r->lateness_weeks : NAN);
    }
}

/* Compute per unit and in the window, in wfl_compute_unit_label(); the
 * quarters and the total in the measure. */
static void
build_products (WflFiguresTable *self,
                WflSimulation   *sim,
                WflMeasure       measure,
                int              first_week,
                int              last_week)
{
  guint Q = wfl_simulation_get_n_quarters (sim);
  double scale = wfl_simulation_get_compute_scale (sim);

  add_column (self, "product", WFL_FIGURE_TEXT);
  add_column (self, "name", WFL_FIGURE_TEXT);
  add_column (self, "compute_per_unit", WFL_FIGURE_NUMBER);
  add_column (self, "delivered_in_window", WFL_FIGURE_NUMBER);
  add_column (self, "compute_in_window", WFL_FIGURE_NUMBER);
  for (guint q = 0; q < Q; q++)
    {
      g_autofree char *title = quarter_title (sim, q);

      add_column (self, title, WFL_FIGURE_NUMBER);
    }
  add_column (self, "total", WFL_FIGURE_NUMBER);

  for (guint p = 0; p < wfl_simulation_get_n_skus (sim); p++)
    {
      double c = wfl_simulation_get_sku_compute (sim, p) / scale;
      double window = wfl_simulation_get_sku_delivered (sim, (int) p, -1, first_week, last_week);
      double total = 0;

      put_text (self, wfl_simulation_get_sku_id (sim, p));
      put_text (self, wfl_simulation_get_sku_name (sim, p));
      put_number (self, c);
      put_number (self, window);
      put_number (self, window * c);
      for (guint q = 0; q < Q; q++)
        {
          int first, last;
          double units;

          wfl_simulation_get_quarter_weeks (sim, q, &first, &last);
          units = wfl_simulation_get_sku_delivered (sim, (int) p, -1, first, last);
          units = measure == WFL_MEASURE_COMPUTE ? units * c : units;
          total += units;
          put_number (self, units);
        }
      put_number (self, total);
    }
}

WflFiguresTable *
wfl_figures_table_new (WflSimulation  *simulation,
                       WflFiguresKind  kind)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (wfl_simulation_has_run (simulation), NULL);

  return wfl_figures_table_new_full (simulation, kind, WFL_MEASURE_UNITS, 0,
                                     (int) wfl_simulation_get_n_weeks (simulation) - 1);
}

WflFiguresTable *
wfl_figures_table_new_full (WflSimulation  *simulation,
                            WflFiguresKind  kind,
                            WflMeasure      measure,
                            int             first_week,
                            int             last_week)
{
  WflFiguresTable *self;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (wfl_simulation_has_run (simulation), NULL);

  self = g_new0 (WflFiguresTable, 1);
  self->columns = g_array_new (FALSE, FALSE, sizeof (Column));
  g_array_set_clear_func (self->columns, clear_column);
  self->numbers = g_array_new (FALSE, FALSE, sizeof (double));
  self->texts = g_ptr_array_new_with_free_func (g_free);
  switch (kind)
    {
    case WFL_FIGURES_DELIVERIES:
      build_deliveries (self, simulation, measure);
      break;
    case WFL_FIGURES_NODES:
      build_nodes (self, simulation);
      break;
    case WFL_FIGURES_PRODUCTS:
      build_products (self, simulation, measure, first_week, last_week);
      break;
    case WFL_FIGURES_ORDERS:
    case WFL_FIGURES_N_KINDS:
    default:
      build_orders (self, simulation);
      break;
    }
  return self;
}

void
wfl_figures_table_free (WflFiguresTable *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->columns);
  g_array_unref (self->numbers);
  g_ptr_array_unref (self->texts);
  g_free (self);
}

guint
wfl_figures_table_get_n_columns (const WflFiguresTable *self)
{
  return self->columns->len;
}

guint
wfl_figures_table_get_n_rows (const WflFiguresTable *self)
{
  return self->columns->len > 0 ? self->numbers->len / self->columns->len : 0;
}

const char *
wfl_figures_table_get_title (const WflFiguresTable *self,
                             guint                  column)
{
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_array_index (self->columns, Column, column).title;
}

WflFigureType
wfl_figures_table_get_type (const WflFiguresTable *self,
                            guint                  column)
{
  g_return_val_if_fail (column < self->columns->len, WFL_FIGURE_TEXT);
  return g_array_index (self->columns, Column, column).type;
}

const char *
wfl_figures_table_get_text (const WflFiguresTable *self,
                            guint                  row,
                            guint                  column)
{
  g_return_val_if_fail (row < wfl_figures_table_get_n_rows (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_ptr_array_index (self->texts, (gsize) row * self->columns->len + column);
}

double
wfl_figures_table_get_number (const WflFiguresTable *self,
                              guint                  row,
                              guint                  column)
{
  g_return_val_if_fail (row < wfl_figures_table_get_n_rows (self), NAN);
  g_return_val_if_fail (column < self->columns->len, NAN);
  return g_array_index (self->numbers, double, (gsize) row * self->columns->len + column);
}

char *
wfl_figures_table_format_cell (const WflFiguresTable *self,
                               guint                  row,
                               guint                  column,
                               gboolean               grouping)
{
  double value = wfl_figures_table_get_number (self, row, column);

  switch (wfl_figures_table_get_type (self, column))
    {
    case WFL_FIGURE_TEXT:
      return g_strdup (wfl_figures_table_get_text (self, row, column));
    case WFL_FIGURE_DATE:
      return isnan (value) ? g_strdup ("") : wfl_date_format ((WflDate) value);
    case WFL_FIGURE_SHARE:
      {
        g_autofree char *percent = NULL;

        if (isnan (value))
          return g_strdup ("");
        percent = wfl_format_number_locale (round (value * 1000) / 10, FALSE);
        return g_strdup_printf ("%s %%", percent);
      }
    case WFL_FIGURE_WEEKS:
    case WFL_FIGURE_NUMBER:
    default:
      if (isnan (value))
        return g_strdup ("");
      /* On screen: whole units from 100 on, else two decimals. */
      if (grouping)
        value = fabs (value) >= 100 ? round (value) : round (value * 100) / 100;
      return wfl_format_number_locale (value == 0 ? 0 : value, grouping);
    }
}

char *
wfl_figures_table_to_tsv (const WflFiguresTable *self,
                          const guint           *rows,
                          guint                  n_rows)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < self->columns->len; c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "\t" : "", wfl_figures_table_get_title (self, c));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < n_rows; i++)
    {
      for (guint c = 0; c < self->columns->len; c++)
        {
          g_autofree char *cell = wfl_figures_table_format_cell (self, rows[i], c, FALSE);

          /* A tab or line break inside a cell would split it. */
          g_strdelimit (cell, "\t\r\n", ' ');
          g_string_append_printf (out, "%s%s", c > 0 ? "\t" : "", cell);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
