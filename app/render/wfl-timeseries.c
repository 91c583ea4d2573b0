/* wfl-timeseries.c: a node's or customer's figures over the weeks
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The series come straight from the results (the columns of nodes.csv
 * and orders.csv) or from a quote of the lead time; this file makes them
 * and writes them as JSON, wfl-timeseries-render.c paints them. */

#define G_LOG_DOMAIN "wfl-timeseries"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wfl-json.h"
#include "wfl-quantity.h"
#include "wfl-timeseries.h"

void
wfl_timeseries_line_free (gpointer data)
{
  WflTimeSeriesLine *line = data;

  g_free (line->key);
  g_free (line->label);
  g_free (line->values);
  g_free (line);
}

static WflTimeSeriesLine *
add_line (WflTimeSeries          *self,
          const char             *key,
          const char             *label,
          guint                   color,
          WflTimeSeriesLineStyle  style)
{
  WflTimeSeriesLine *line = g_new0 (WflTimeSeriesLine, 1);

  line->key = g_strdup (key);
  line->label = g_strdup (label);
  line->color = color;
  line->style = style;
  line->values = g_new (double, MAX (self->n_weeks, 1));
  for (int w = 0; w < self->n_weeks; w++)
    line->values[w] = NAN;
  g_ptr_array_add (self->lines, line);
  return line;
}

static WflTimeSeries *
series_new (WflSimulation     *simulation,
            guint              node,
            WflTimeSeriesKind  kind)
{
  WflTimeSeries *self = g_new0 (WflTimeSeries, 1);

  self->kind = kind;
  self->id = g_strdup (wfl_simulation_get_node_id (simulation, node));
  self->name = g_strdup (wfl_simulation_get_node_name (simulation, node));
  if (self->name == NULL || self->name[0] == '\0')
    {
      g_free (self->name);
      self->name = g_strdup (self->id);
    }
  self->unit = g_strdup (wfl_simulation_get_node_unit (simulation, node));
  self->start = wfl_simulation_get_start (simulation);
  self->n_weeks = wfl_simulation_get_n_weeks (simulation);
  self->from_week = 0;
  self->to_week = self->n_weeks - 1;
  self->lines = g_ptr_array_new_with_free_func (wfl_timeseries_line_free);
  self->band_low = self->band_high = -1;
  return self;
}

WflTimeSeries *
wfl_timeseries_new_node (WflSimulation *simulation,
                         guint          node)
{
  WflTimeSeries *self;
  WflNodeKind kind;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (wfl_simulation_has_run (simulation), NULL);
  g_return_val_if_fail (node < wfl_simulation_get_n_nodes (simulation), NULL);

  kind = wfl_simulation_get_node_kind (simulation, node);
  if (kind == WFL_NODE_KIND_CUSTOMER)
    return wfl_timeseries_new_customer (simulation, node);
  if (kind != WFL_NODE_KIND_SUPPLY && kind != WFL_NODE_KIND_PROCESS)
    return NULL;

  self = series_new (simulation, node, WFL_TIMESERIES_NODE);
  /* Translators: the title of a node's time series; %s is its name. */
  self->title = g_strdup_printf (_("%s: capacity, starts and stock"), self->name);
  if (wfl_simulation_node_has_capacity (simulation, node))
    wfl_simulation_get_node_series (simulation, node, WFL_SERIES_CAPACITY,
                                    add_line (self, "capacity", _("Capacity"), G_MAXUINT,
                                              WFL_TIMESERIES_LINE_DASHED)->values);
  else
    self->note = g_strdup (_("Unlimited capacity"));
  wfl_simulation_get_node_series (simulation, node, WFL_SERIES_STARTS,
                                  add_line (self, "starts", _("Starts"), 0, WFL_TIMESERIES_LINE_SOLID)->values);
  wfl_simulation_get_node_series (simulation, node, WFL_SERIES_STOCK,
                                  add_line (self, "stock", _("Stock"), 1, WFL_TIMESERIES_LINE_SOLID)->values);
  return self;
}

WflTimeSeries *
wfl_timeseries_new_customer (WflSimulation *simulation,
                             guint          customer)
{
  WflTimeSeries *self;
  g_autofree double *delta = NULL;
  double *ordered, sum = 0;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (wfl_simulation_has_run (simulation), NULL);
  g_return_val_if_fail (customer < wfl_simulation_get_n_nodes (simulation), NULL);
  g_return_val_if_fail (wfl_simulation_get_node_kind (simulation, customer) == WFL_NODE_KIND_CUSTOMER, NULL);

  self = series_new (simulation, customer, WFL_TIMESERIES_CUSTOMER);
  /* Translators: the title of a customer's time series; %s is its name. */
  self->title = g_strdup_printf (_("%s: ordered and received"), self->name);
  delta = g_new0 (double, MAX (self->n_weeks, 1));
  for (guint i = 0; i < wfl_simulation_get_n_orders (simulation); i++)
    {
      const WflOrderResult *order = wfl_simulation_get_order (simulation, i);

      if (order->customer != customer)
        continue;
      if (order->placed_week >= 0 && order->placed_week < self->n_weeks)
        delta[order->placed_week] += order->quantity;
      if (order->cancelled > 0 && order->cancelled_week >= 0 && order->cancelled_week < self->n_weeks)
        {
          delta[order->cancelled_week] -= order->cancelled;
          cancelled = TRUE;
        }
    }
  ordered = add_line (self, "ordered", cancelled ? _("Ordered, less cancelled") : _("Ordered"), 0,
                      WFL_TIMESERIES_LINE_SOLID)->values;
  for (int w = 0; w < self->n_weeks; w++)
    ordered[w] = sum += delta[w];
  /* A customer's stock is everything it has received so far. */
  wfl_simulation_get_node_series (simulation, customer, WFL_SERIES_STOCK,
                                  add_line (self, "received", _("Received"), 2, WFL_TIMESERIES_LINE_SOLID)->values);
  self->band_high = 0;
  self->band_low = 1;
  self->band_label = g_strdup (_("Backlog"));
  return self;
}

WflTimeSeries *
wfl_timeseries_new_lead_time (WflSimulation          *simulation,
                              const WflLeadTimeQuote *quote)
{
  WflTimeSeries *self;
  double *quoted, *actual;
  g_autofree char *probe = NULL;
  int node;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (wfl_simulation_has_run (simulation), NULL);
  g_return_val_if_fail (quote != NULL, NULL);

  node = wfl_simulation_find_node (simulation, quote->customer);
  g_return_val_if_fail (node >= 0, NULL);

  self = series_new (simulation, (guint) node, WFL_TIMESERIES_LEAD_TIME);
  g_free (self->unit);
  self->unit = g_strdup ("week");
  /* Translators: the title of the quoted lead time chart; %s is a customer. */
  self->title = g_strdup_printf (_("%s: quoted lead time by order week"), self->name);
  probe = wfl_quantity_format (quote->probe_quantity, wfl_simulation_get_node_unit (simulation, (guint) node));
  /* Translators: under the quoted lead time chart; %s is a quantity, "1 gpu". */
  self->note = g_strdup_printf (_("An order of %s placed at the start of each week, simulated; "
                                  "a gap: not filled within the calendar"), probe);
  quoted = add_line (self, "quoted", _("Quoted lead time"), 0, WFL_TIMESERIES_LINE_SOLID)->values;
  for (int w = quote->from_week; w <= quote->to_week && w < self->n_weeks; w++)
    {
      int lead = wfl_lead_time_quote_get (quote, w);

      quoted[w] = lead >= 0 ? lead : NAN;
    }
  actual = add_line (self, "orders", _("Lead time of its orders"), 1, WFL_TIMESERIES_LINE_POINTS)->values;
  for (guint i = 0; i < wfl_simulation_get_n_orders (simulation); i++)
    {
      const WflOrderResult *order = wfl_simulation_get_order (simulation, i);
      int p = order->placed_week;

      if (order->customer != (guint) node || p < 0 || p >= self->n_weeks || order->filled_week < 0)
        continue;
      /* Orders placed in the same week: the longest. */
      actual[p] = isnan (actual[p]) ? order->filled_week - p : MAX (actual[p], order->filled_week - p);
    }
  self->from_week = quote->from_week;
  self->to_week = MIN (quote->to_week, self->n_weeks - 1);
  return self;
}

void
wfl_timeseries_free (WflTimeSeries *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->unit);
  g_free (self->title);
  g_free (self->note);
  g_free (self->band_label);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_free (self);
}

void
wfl_timeseries_set_window (WflTimeSeries *self,
                           int            from_week,
                           int            to_week)
{
  g_return_if_fail (self != NULL);

  self->from_week = CLAMP (from_week, 0, MAX (self->n_weeks - 1, 0));
  self->to_week = CLAMP (to_week, self->from_week, MAX (self->n_weeks - 1, 0));
}

static const char *
kind_name (WflTimeSeriesKind kind)
{
  switch (kind)
    {
    case WFL_TIMESERIES_CUSTOMER:
      return "customer";
    case WFL_TIMESERIES_LEAD_TIME:
      return "lead-time";
    case WFL_TIMESERIES_PRODUCTS:
      return "products";
    case WFL_TIMESERIES_NODE:
    default:
      return "node";
    }
}

static void
json_date (WflJson    *json,
           const char *key,
           WflDate     date)
{
  g_autofree char *text = wfl_date_format (date);

  wfl_json_key (json, key);
  wfl_json_string (json, text);
}

char *
wfl_timeseries_to_json (const WflTimeSeries *self,
                        gsize               *length)
{
  WflJson *json = wfl_json_new ();

  g_return_val_if_fail (self != NULL, NULL);

  wfl_json_begin_object (json);
  wfl_json_key (json, "kind");
  wfl_json_string (json, kind_name (self->kind));
  wfl_json_key (json, "id");
  wfl_json_string (json, self->id);
  wfl_json_key (json, "name");
  wfl_json_string (json, self->name);
  wfl_json_key (json, "unit");
  wfl_json_string (json, self->unit);
  json_date (json, "from", wfl_date_of_week (self->start, self->from_week));
  json_date (json, "to", wfl_date_of_week (self->start, self->to_week) + 6);
  wfl_json_key (json, "series");
  wfl_json_begin_array (json);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const WflTimeSeriesLine *line = self->lines->pdata[i];

      wfl_json_begin_object (json);
      wfl_json_key (json, "key");
      wfl_json_string (json, line->key);
      wfl_json_key (json, "label");
      wfl_json_string (json, line->label);
      wfl_json_end_object (json);
    }
  wfl_json_end_array (json);
  wfl_json_key (json, "weeks");
  wfl_json_begin_array (json);
  for (int w = self->from_week; w <= self->to_week && w < self->n_weeks; w++)
    {
      wfl_json_begin_object (json);
      wfl_json_key (json, "week");
      wfl_json_int (json, w);
      json_date (json, "date", wfl_date_of_week (self->start, w));
      for (guint i = 0; i < self->lines->len; i++)
        {
          const WflTimeSeriesLine *line = self->lines->pdata[i];

          wfl_json_key (json, line->key);
          wfl_json_number (json, line->values[w]);
        }
      wfl_json_end_object (json);
    }
  wfl_json_end_array (json);
  wfl_json_end_object (json);
  return wfl_json_free (json, length);
}
