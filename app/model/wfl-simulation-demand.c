/* wfl-simulation-demand.c: products, forecasts, order inflation and cancellation
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demand side of docs/model.md ("Products" and "Forecasts, order
 * inflation and cancellation"), compiled into flat arrays like the rest
 * of the model:
 *
 *  - a customer has one line per product its sources make; an order of
 *    a product is filled from that product's line only (fill_lines() in
 *    wfl-simulation-step.c), one of no product from any;
 *  - an order needs quantity / booked-to-needed of it (the customer's
 *    ratio in the week it was placed) and asks for its whole booked rest
 *    until it has that; then the rest is cancelled;
 *  - an order may be cancelled on a date: its rest is cancelled that week;
 *  - a forecast adds the orders a customer is expected to place within a
 *    horizon to the plan and gross requests of its lines, less what the
 *    orders placed so far have consumed of it.
 *
 * A scenario without any of these compiles to neutral values (needed =
 * quantity, no cancellation, one line per customer, no forecasts) and
 * the weekly loop takes the plain paths of "Needs and requests".
 */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-simulation-internal.h"

/* ------------------------------------------------------------------ */
/* Compiling */

static void
compile_products (WflSimulation *self,
                  WflScenario   *scenario)
{
  int P = (int) wfl_scenario_get_n_products (scenario);
  const char *unit = wfl_scenario_get_compute_unit (scenario);

  self->n_skus = P;
  self->sku_id = g_new0 (char *, MAX (P, 1));
  self->sku_name = g_new0 (char *, MAX (P, 1));
  self->sku_compute = g_new (double, MAX (P, 1));
  for (int p = 0; p < P; p++)
    {
      WflProduct *product = wfl_scenario_get_product (scenario, p);

      self->sku_id[p] = g_strdup (product->id);
      self->sku_name[p] = g_strdup (wfl_product_get_display_name (product));
      self->sku_compute[p] = product->compute;
    }
  self->reference_sku = wfl_scenario_find_product_index (scenario,
                                                             wfl_scenario_get_reference_product (scenario));
  self->compute_unit = g_strdup (unit);

  self->node_sku = g_new (int, MAX (self->n_nodes, 1));
  for (int n = 0; n < self->n_nodes; n++)
    self->node_sku[n] = self->kind[n] == WFL_NODE_KIND_CUSTOMER
                            ? -1
                            : wfl_scenario_find_product_index (scenario, wfl_scenario_get_node (scenario, n)->product);

  /* A customer's line is keyed by the product of its links' sources
   * (compile_links()), so the first link names it. */
  self->line_sku = g_new (int, MAX (self->n_lines, 1));
  for (int i = 0; i < self->n_lines; i++)
    {
      int l = self->line_links[self->line_link_first[i]];

      self->line_sku[i] = self->kind[self->line_node[i]] == WFL_NODE_KIND_CUSTOMER
                              ? self->node_sku[self->link_from[l]]
                              : -1;
    }
  self->cust_lines = g_new0 (gboolean, MAX (self->n_nodes, 1));
  for (int n = 0; n < self->n_nodes; n++)
    self->cust_lines[n] = self->kind[n] == WFL_NODE_KIND_CUSTOMER &&
                          self->line_first[n + 1] - self->line_first[n] >= 2;
}

/* The customer's line of product p, or -1. */
static int
line_of_product (WflSimulation *self,
                 int            n,
                 int            p)
{
  if (p < 0)
    return -1;
  for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
    if (self->line_sku[i] == p)
      return i;
  return -1;
}

/* Products, needed quantities and cancellations of the orders, numbered
 * as compile_orders() numbers them (customer by customer, document
 * order). */
static void
compile_order_demand (WflSimulation *self,
                      WflScenario   *scenario)
{
  int O = self->n_orders, W = self->n_weeks;
  g_autofree double *ratio = g_new (double, W);
  int o = 0;

  self->order_sku = g_new (int, MAX (O, 1));
  self->order_line = g_new (int, MAX (O, 1));
  self->order_needed = g_new (double, MAX (O, 1));
  self->order_extra = g_new (double, MAX (O, 1));
  self->order_cancel = g_new (int, MAX (O, 1));
  for (int n = 0; n < self->n_nodes; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);
      gboolean inflated = node->kind == WFL_NODE_KIND_CUSTOMER && node->booked_to_needed != NULL;

      if (inflated)
        wfl_schedule_evaluate (node->booked_to_needed, self->start, W, 1, ratio);
      for (guint k = 0; k < node->orders->len; k++, o++)
        {
          WflOrder *order = g_ptr_array_index (node->orders, k);
          double r = inflated ? ratio[CLAMP (self->order_placed[o], 0, W - 1)] : 1;

          self->order_sku[o] = wfl_scenario_find_product_index (scenario, order->product);
          self->order_line[o] = self->cust_lines[n] ? line_of_product (self, n, self->order_sku[o]) : -1;
          self->order_needed[o] = r > 1 ? order->quantity / r : order->quantity;
          self->order_extra[o] = r > 1 ? order->quantity - self->order_needed[o] : 0;
          self->order_cancel[o] = order->cancelled != WFL_DATE_NONE
                                  ? wfl_week_of_date (self->start, order->cancelled)
                                  : G_MAXINT;
        }
    }
}

/* Weeks a forecast's cumulative table must cover from week 0: the
 * calendar and the longest horizon it is asked for after it. */
static int
forecast_length (WflSimulation     *self,
                 int                n,
                 const WflForecast *forecast)
{
  int h = forecast->horizon_weeks;

  for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
    h = MAX (h, self->line_plan_horizon[i]);
  return self->n_weeks + h + 1;
}

static void
compile_forecasts (WflSimulation *self,
                   WflScenario   *scenario)
{
  int N = self->n_nodes, W = self->n_weeks;
  gsize cum_size = 0;
  int f = 0;

  self->cust_forecast_first = g_new0 (int, N + 1);
  for (int n = 0; n < N; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);

      self->cust_forecast_first[n] = self->n_forecasts;
      if (node->kind != WFL_NODE_KIND_CUSTOMER)
        continue;
      self->n_forecasts += (int) node->forecasts->len;
      for (guint k = 0; k < node->forecasts->len; k++)
        cum_size += forecast_length (self, n, g_ptr_array_index (node->forecasts, k));
    }
  self->cust_forecast_first[N] = self->n_forecasts;

  self->forecast_line = g_new (int, MAX (self->n_forecasts, 1));
  self->forecast_horizon = g_new (int, MAX (self->n_forecasts, 1));
  self->forecast_first = g_new (gsize, MAX (self->n_forecasts, 1));
  self->forecast_length = g_new (int, MAX (self->n_forecasts, 1));
  self->forecast_cum = g_new0 (double, MAX (cum_size, 1));
  self->forecast_ordered = g_new0 (double, MAX ((gsize) self->n_forecasts * W, 1));
  cum_size = 0;
  for (int n = 0; n < N; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);

      for (guint k = 0; self->cust_forecast_first[n] < self->cust_forecast_first[n + 1] &&
                        k < node->forecasts->len; k++, f++)
        {
          WflForecast *forecast = g_ptr_array_index (node->forecasts, k);
          int len = forecast_length (self, n, forecast);
          int p = wfl_scenario_find_product_index (scenario, forecast->product);
          const WflPoint *first = wfl_schedule_get_point (forecast->rate, 0);
          int w0 = first != NULL && first->date != WFL_DATE_NONE ? wfl_week_of_date (self->start, first->date) : 0;
          double *cum = self->forecast_cum + cum_size;
          double *ordered = self->forecast_ordered + (gsize) f * W;
          double sum = 0;

          self->forecast_line[f] = self->cust_lines[n] ? line_of_product (self, n, p) : -1;
          self->forecast_horizon[f] = forecast->horizon_weeks;
          self->forecast_first[f] = cum_size;
          self->forecast_length[f] = len;
          /* Units forecast from its first week to each week (none before). */
          wfl_schedule_evaluate (forecast->rate, self->start, len, 0, cum);
          for (int s = 0; s < len; s++)
            {
              sum += s >= w0 ? cum[s] : 0;
              cum[s] = sum;
            }
          /* The orders of the same product placed from its first week on. */
          for (int k2 = self->cust_order_first[n]; k2 < self->cust_order_first[n + 1]; k2++)
            {
              int o = self->cust_orders[k2];
              int w = self->order_placed[o];

              if (self->order_sku[o] == p && w >= w0 && w < W)
                ordered[w] += self->order_quantity[o];
            }
          for (int s = 1; s < W; s++)
            ordered[s] += ordered[s - 1];
          cum_size += len;
        }
    }
}

void
_wfl_simulation_compile_demand (WflSimulation *self,
                                WflScenario   *scenario)
{
  compile_products (self, scenario);
  compile_order_demand (self, scenario);
  compile_forecasts (self, scenario);
}

void
_wfl_simulation_free_demand (WflSimulation *self)
{
  for (int p = 0; p < self->n_skus && self->sku_id != NULL; p++)
    {
      g_free (self->sku_id[p]);
      g_free (self->sku_name[p]);
    }
  g_free (self->sku_id);
  g_free (self->sku_name);
  g_free (self->sku_compute);
  g_free (self->compute_unit);
  g_free (self->node_sku);
  g_free (self->line_sku);
  g_free (self->cust_lines);
  g_free (self->order_sku);
  g_free (self->order_line);
  g_free (self->order_needed);
  g_free (self->order_extra);
  g_free (self->order_cancel);
  g_free (self->cust_forecast_first);
  g_free (self->forecast_line);
  g_free (self->forecast_horizon);
  g_free (self->forecast_first);
  g_free (self->forecast_length);
  g_free (self->forecast_cum);
  g_free (self->forecast_ordered);
}

/* ------------------------------------------------------------------ */
/* Needs */

/* The orders forecast f expects in weeks t + 1 … t + h and not yet
 * placed: the forecast up to t + h, less the forecast up to t or the
 * orders placed so far, whichever is more (orders ahead of the forecast
 * consume what it expects later; a forecast not ordered in time
 * lapses). */
static double
forecast_expected (WflSimulation *self,
                   int            f,
                   int            t,
                   int            h)
{
  const double *cum = self->forecast_cum + self->forecast_first[f];
  double ordered = self->forecast_ordered[(gsize) f * self->n_weeks + t];
  double base = MAX (cum[t], ordered);

  return MAX (0, cum[MIN (t + h, self->forecast_length[f] - 1)] - base);
}

/* Nets what a customer's lines want against what they hold and have on
 * their way: a line needs its product's want less its holding, and what
 * the lines hold beyond their own want goes to the orders of no product
 * first.  Returns the sum of the needs. */
static double
net_needs (int           k,
           const double *want,
           const double *have,
           double        want_any,
           double       *need,
           double       *need_any)
{
  double surplus = 0, total = 0;

  for (int i = 0; i < k; i++)
    {
      need[i] = snap (want[i] - have[i], want[i]);
      surplus += MAX (0, have[i] - want[i]);
      total += need[i];
    }
  *need_any = snap (want_any - surplus, want_any);
  return total + *need_any;
}

/* Writes a customer's needs into dest (per link): each line's need split
 * over its links by mix, and the need of no product split over all the
 * customer's links by mix. */
static void
write_requests (WflSimulation *self,
                double        *dest,
                int            n,
                int            t,
                const double  *need,
                double         need_any)
{
  int a = self->line_first[n], b = self->line_first[n + 1];
  double total = 0;

  for (int i = a; i < b; i++)
    _wfl_simulation_split_request (self, dest, i, t, need[i - a]);
  if (!(need_any > 0))
    return;
  for (int i = a; i < b; i++)
    for (int k = self->line_link_first[i]; k < self->line_link_first[i + 1]; k++)
      total += table_at (&self->mix, self->line_links[k], t);
  if (!(total > 0))
    return;
  for (int i = a; i < b; i++)
    for (int k = self->line_link_first[i]; k < self->line_link_first[i + 1]; k++)
      {
        int l = self->line_links[k];

        dest[l] += need_any * (table_at (&self->mix, l, t) / total);
      }
}

/* customer_needs() of wfl-simulation-plan.c for a customer with several
 * product lines or forecasts: the ship request covers its open orders,
 * the plan request adds the orders its forecasts expect within each
 * line's plan horizon, the gross request those within the forecast's
 * horizon (or the plan horizon, if longer). */
void
_wfl_simulation_customer_demand (WflSimulation *self,
                                 WflSimRun     *run,
                                 int            n,
                                 int            t)
{
  int a = self->line_first[n], k = self->line_first[n + 1] - a;
  double *open = run->demand, *have = open + k, *want = have + k, *need_ship = want + k;
  double *need_plan = need_ship + k, *need_gross = need_plan + k;
  double open_any = 0, plan_any = 0, gross_any = 0, any_ship, any_plan, any_gross;
  double ship, gross;
  int longest = 0;

  for (int i = 0; i < k; i++)
    {
      open[i] = 0;
      have[i] = run->pool[a + i] + _wfl_simulation_line_in_transit (self, run, a + i, t);
      longest = MAX (longest, self->line_plan_horizon[a + i]);
    }
  for (int j = self->cust_order_first[n]; j < self->cust_order_first[n + 1]; j++)
    {
      int o = self->cust_orders[j];

      if (!order_is_open (self, run, o, t))
        continue;
      if (self->order_line[o] >= 0)
        open[self->order_line[o] - a] += run->remaining[o] + self->order_extra[o];
      else
        open_any += run->remaining[o] + self->order_extra[o];
    }
  ship = net_needs (k, open, have, open_any, need_ship, &any_ship);

  /* The plan and gross wants add what the forecasts expect. */
  memcpy (want, open, sizeof (double) * k);
  memcpy (need_gross, open, sizeof (double) * k);
  plan_any = gross_any = open_any;
  for (int f = self->cust_forecast_first[n]; f < self->cust_forecast_first[n + 1]; f++)
    {
      int line = self->forecast_line[f];
      int h = line >= 0 ? self->line_plan_horizon[line] : longest;
      double in_plan = forecast_expected (self, f, t, h);
      double in_gross = forecast_expected (self, f, t, MAX (h, self->forecast_horizon[f]));

      if (line >= 0)
        {
          want[line - a] += in_plan;
          need_gross[line - a] += in_gross;
        }
      else
        {
          plan_any += in_plan;
          gross_any += in_gross;
        }
    }
  /* need_gross held the gross wants; net them into need_plan's room
   * first, then move them back. */
  net_needs (k, want, have, plan_any, need_plan, &any_plan);
  memcpy (want, need_gross, sizeof (double) * k);
  gross = net_needs (k, want, have, gross_any, need_gross, &any_gross);

  run->requirement[(gsize) t * self->n_nodes + n] = ship;
  run->take_rate[n] = gross > 0 ? INFINITY : 0;
  run->scarce_line[n] = -1;
  write_requests (self, run->req_link, n, t, need_ship, any_ship);
  write_requests (self, run->plan_link, n, t, need_plan, any_plan);
  write_requests (self, run->gross_link, n, t, need_gross, any_gross);
}
