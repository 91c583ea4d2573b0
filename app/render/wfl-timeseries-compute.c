/* wfl-timeseries-compute.c: deliveries read in compute, and per product
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The units/compute switch of the Figures view (docs/architecture.md,
 * "The Figures view"): a customer's ordered and received weighted by
 * each product's compute, and what customers received per product and
 * calendar quarter.  Compute is shown in equivalents of the reference
 * product (compute ÷ wfl_simulation_get_compute_scale()), as
 * products.csv's equivalents column; wfl-timeseries.c makes the series
 * in units and writes them as JSON. */

#define G_LOG_DOMAIN "wfl-timeseries"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wfl-timeseries-compute.h"

char *
wfl_compute_unit_label (WflSimulation *simulation)
{
  int reference;
  const char *unit;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);

  reference = wfl_simulation_get_reference_sku (simulation);
  if (reference >= 0 && isfinite (wfl_simulation_get_sku_compute (simulation, (guint) reference)) &&
      wfl_simulation_get_sku_compute (simulation, (guint) reference) > 0)
    {
      const char *name = wfl_simulation_get_sku_name (simulation, (guint) reference);

      /* Translators: what compute is counted in; %s is the reference
       * product's name, "H100 equivalents" */
      return g_strdup_printf (_("%s equivalents"),
                              name != NULL && name[0] != '\0' ? name
                              : wfl_simulation_get_sku_id (simulation, (guint) reference));
    }
  unit = wfl_simulation_get_compute_unit (simulation);
  if (unit != NULL && unit[0] != '\0')
    return g_strdup (unit);
  /* Translators: what compute is counted in when the scenario names no unit */
  return g_strdup (_("compute units"));
}

gboolean
wfl_compute_available (WflSimulation *simulation)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), FALSE);
  return wfl_simulation_get_n_skus (simulation) > 0;
}

static WflTimeSeriesLine *
add_line (WflTimeSeries *self,
          const char    *key,
          const char    *label,
          guint          color)
{
  WflTimeSeriesLine *line = g_new0 (WflTimeSeriesLine, 1);

  line->key = g_strdup (key);
  line->label = g_strdup (label);
  line->color = color;
  line->style = WFL_TIMESERIES_LINE_SOLID;
  line->values = g_new (double, MAX (self->n_weeks, 1));
  for (int w = 0; w < self->n_weeks; w++)
    line->values[w] = NAN;
  g_ptr_array_add (self->lines, line);
  return line;
}

/* The compute of one unit an order of the customer asks for: its
 * product's, or, for an order of no product, that of the one product
 * every link into the customer delivers (0 when they deliver several or
 * none, or its compute is unknown). */
static double
order_compute (WflSimulation        *sim,
               const WflOrderResult *order)
{
  int sku = order->sku;
  double c;

  if (sku < 0)
    for (guint l = 0; l < wfl_simulation_get_n_links (sim); l++)
      {
        int from_sku;

        if (wfl_simulation_get_link_to (sim, l) != order->customer)
          continue;
        from_sku = wfl_simulation_get_node_sku (sim, wfl_simulation_get_link_from (sim, l));
        if (from_sku < 0 || (sku >= 0 && from_sku != sku))
          return 0;
        sku = from_sku;
      }
  if (sku < 0)
    return 0;
  c = wfl_simulation_get_sku_compute (sim, (guint) sku);
  return isfinite (c) ? c : 0;
}

WflTimeSeries *
wfl_timeseries_new_customer_compute (WflSimulation *simulation,
                                     guint          customer)
{
  WflTimeSeries *self;
  g_autofree double *delta = NULL;
  double *ordered, *received, scale, sum = 0;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);

  self = wfl_timeseries_new_customer (simulation, customer);
  if (self == NULL)
    return NULL;
  scale = wfl_simulation_get_compute_scale (simulation);
  g_free (self->unit);
  self->unit = wfl_compute_unit_label (simulation);
  g_free (self->title);
  /* Translators: the title of a customer's time series read in
   * compute; the first %s is its name, the second what compute is
   * counted in ("H100 equivalents") */
  self->title = g_strdup_printf (_("%s: compute ordered and received, in %s"), self->name, self->unit);
  g_free (self->note);
  self->note = g_strdup (_("Each unit weighted by its product’s compute; units of no product count 0"));

  delta = g_new0 (double, MAX (self->n_weeks, 1));
  for (guint i = 0; i < wfl_simulation_get_n_orders (simulation); i++)
    {
      const WflOrderResult *order = wfl_simulation_get_order (simulation, i);
      double c;

      if (order->customer != customer)
        continue;
      c = order_compute (simulation, order) / scale;
      if (order->placed_week >= 0 && order->placed_week < self->n_weeks)
        delta[order->placed_week] += order->quantity * c;
      if (order->cancelled > 0 && order->cancelled_week >= 0 && order->cancelled_week < self->n_weeks)
        delta[order->cancelled_week] -= order->cancelled * c;
    }
  ordered = ((WflTimeSeriesLine *) self->lines->pdata[0])->values;
  for (int w = 0; w < self->n_weeks; w++)
    ordered[w] = sum += delta[w];
  /* Received up to the end of each week. */
  received = ((WflTimeSeriesLine *) self->lines->pdata[1])->values;
  sum = 0;
  for (int w = 0; w < self->n_weeks; w++)
    received[w] = sum += wfl_simulation_get_compute_delivered (simulation, (int) customer, w, w) / scale;
  return self;
}

WflTimeSeries *
wfl_timeseries_new_products (WflSimulation *simulation,
                             WflMeasure     measure)
{
  WflTimeSeries *self;
  guint S, Q;
  double scale, *all;
  gboolean compute = measure == WFL_MEASURE_COMPUTE;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (wfl_simulation_has_run (simulation), NULL);

  S = wfl_simulation_get_n_skus (simulation);
  if (S == 0)
    return NULL;
  Q = wfl_simulation_get_n_quarters (simulation);
  scale = wfl_simulation_get_compute_scale (simulation);

  self = g_new0 (WflTimeSeries, 1);
  self->kind = WFL_TIMESERIES_PRODUCTS;
  self->id = g_strdup ("products");
  /* Translators: the subject of the chart of deliveries per product */
  self->name = g_strdup (_("All customers"));
  self->start = wfl_simulation_get_start (simulation);
  self->n_weeks = wfl_simulation_get_n_weeks (simulation);
  self->to_week = self->n_weeks - 1;
  self->lines = g_ptr_array_new_with_free_func (wfl_timeseries_line_free);
  self->band_low = self->band_high = -1;
  if (compute)
    {
      self->unit = wfl_compute_unit_label (simulation);
      /* Translators: a chart's title; %s is what compute is counted in ("H100 equivalents") */
      self->title = g_strdup_printf (_("Compute delivered per quarter, in %s"), self->unit);
    }
  else
    {
      /* The customers' unit when they share one ("gpu"). */
      if (wfl_simulation_get_n_products (simulation) == 1)
        self->unit = g_strdup (wfl_simulation_get_product_unit (simulation, 0));
      else
        /* Translators: the unit of a chart of several products' units */
        self->unit = g_strdup (_("units"));
      self->title = g_strdup (_("Units delivered per quarter, by product"));
    }
  self->note = g_strdup (_("Each week shows its calendar quarter’s total"));

  for (guint s = 0; s < S; s++)
    {
      const char *name = wfl_simulation_get_sku_name (simulation, s);
      double c = wfl_simulation_get_sku_compute (simulation, s);
      double *values = add_line (self, wfl_simulation_get_sku_id (simulation, s),
                                 name != NULL && name[0] != '\0' ? name : wfl_simulation_get_sku_id (simulation, s),
                                 s + 1)->values;

      for (guint q = 0; q < Q; q++)
        {
          int first, last;
          double units;

          wfl_simulation_get_quarter_weeks (simulation, q, &first, &last);
          units = wfl_simulation_get_sku_delivered (simulation, (int) s, -1, first, last);
          for (int w = first; w <= last; w++)
            values[w] = !compute ? units : isfinite (c) ? units * c / scale : NAN;
        }
    }
  /* Translators: the line of every product together */
  all = add_line (self, "all", _("All products"), G_MAXUINT)->values;
  for (int w = 0; w < self->n_weeks; w++)
    {
      all[w] = 0;
      for (guint s = 0; s < S; s++)
        {
          double v = ((WflTimeSeriesLine *) self->lines->pdata[s])->values[w];

          all[w] += isfinite (v) ? v : 0;
        }
    }
  return self;
}
