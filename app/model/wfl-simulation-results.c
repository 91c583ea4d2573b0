/* wfl-simulation-results.c: the simulation's results and key figures
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The public getters of a compiled and run simulation: the compiled
 * model, the stored series and those derived from them on access, the
 * orders, and the key figures (fill rate, lead time, lateness, quarters,
 * limiting weeks). */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "wfl-simulation-internal.h"

/* Mean lateness over orders with a due date; unfilled count as filled in
 * week n_weeks. */
double
_wfl_simulation_mean_lateness (WflSimulation *self,
                               const int     *filled_week)
{
  double sum = 0;
  int count = 0;

  for (int o = 0; o < self->n_orders; o++)
    {
      int filled;

      if (self->order_due[o] < 0)
        continue;
      /* Cancelled before it was filled: never late. */
      if (filled_week[o] < 0 && self->order_cancel[o] < self->n_weeks)
        continue;
      filled = filled_week[o] >= 0 ? filled_week[o] : self->n_weeks;
      sum += filled - self->order_due[o];
      count++;
    }
  return count > 0 ? sum / count : 0;
}

/* Mean lateness over the orders of an end product (-1: every one) due in
 * the weeks from … to; unfilled count as filled in week n_weeks.  NAN
 * when no such order has a due date. */
double
_wfl_simulation_mean_lateness_in (WflSimulation *self,
                                  const int     *filled_week,
                                  int            product,
                                  int            from,
                                  int            to)
{
  double sum = 0;
  int count = 0;

  for (int o = 0; o < self->n_orders; o++)
    {
      int due = self->order_due[o];

      if (due < 0 || due < from || due > to ||
          (product >= 0 && self->node_product[self->order_customer[o]] != product))
        continue;
      sum += (filled_week[o] >= 0 ? filled_week[o] : self->n_weeks) - due;
      count++;
    }
  return count > 0 ? sum / count : NAN;
}

static gboolean
clamp_window (WflSimulation *self,
              int           *from,
              int           *to)
{
  *from = MAX (*from, 0);
  *to = MIN (*to, self->n_weeks - 1);
  return *from <= *to;
}

/* completed is week-major (a run's state) or node-major (the results). */
double
_wfl_simulation_delivered_in (WflSimulation *self,
                              const double  *completed,
                              gboolean       week_major,
                              int            customer,
                              int            from,
                              int            to)
{
  double sum = 0;

  if (!clamp_window (self, &from, &to))
    return 0;
  for (int n = 0; n < self->n_nodes; n++)
    {
      if (self->kind[n] != WFL_NODE_KIND_CUSTOMER || (customer >= 0 && customer != n))
        continue;
      for (int t = from; t <= to; t++)
        sum += week_major ? completed[(gsize) t * self->n_nodes + n]
                          : completed[(gsize) n * self->n_weeks + t];
    }
  return sum;
}

/* ------------------------------------------------------------------ */
/* Accessors */

#define CHECK_RUN(self, val) G_STMT_START {                     \
    g_return_val_if_fail (WFL_IS_SIMULATION (self), val);      \
    g_return_val_if_fail ((self)->has_run, val);               \
  } G_STMT_END

WflDate
wfl_simulation_get_start (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), WFL_DATE_NONE);
  return self->start;
}

int
wfl_simulation_get_n_weeks (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return self->n_weeks;
}

WflDate
wfl_simulation_get_week_date (WflSimulation *self,
                              int            week)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), WFL_DATE_NONE);
  return wfl_date_of_week (self->start, week);
}

guint
wfl_simulation_get_n_nodes (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_nodes;
}

int
wfl_simulation_find_node (WflSimulation *self,
                          const char    *id)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), -1);
  for (int n = 0; n < self->n_nodes; n++)
    if (g_strcmp0 (self->node_id[n], id) == 0)
      return n;
  return -1;
}

#define CHECK_NODE(self, node, val) G_STMT_START {              \
    g_return_val_if_fail (WFL_IS_SIMULATION (self), val);      \
    g_return_val_if_fail ((int) (node) < (self)->n_nodes, val); \
  } G_STMT_END

const char *
wfl_simulation_get_node_id (WflSimulation *self,
                            guint          node)
{
  CHECK_NODE (self, node, NULL);
  return self->node_id[node];
}

const char *
wfl_simulation_get_node_name (WflSimulation *self,
                              guint          node)
{
  CHECK_NODE (self, node, NULL);
  return self->node_name[node];
}

const char *
wfl_simulation_get_node_unit (WflSimulation *self,
                              guint          node)
{
  CHECK_NODE (self, node, NULL);
  return self->node_unit[node];
}

WflNodeKind
wfl_simulation_get_node_kind (WflSimulation *self,
                              guint          node)
{
  CHECK_NODE (self, node, WFL_NODE_KIND_PROCESS);
  return (WflNodeKind) self->kind[node];
}

int
wfl_simulation_get_node_lead_weeks (WflSimulation *self,
                                    guint          node)
{
  CHECK_NODE (self, node, 0);
  return self->lead[node];
}

gboolean
wfl_simulation_node_has_capacity (WflSimulation *self,
                                  guint          node)
{
  CHECK_NODE (self, node, FALSE);
  return self->has_capacity[node];
}

guint
wfl_simulation_get_node_rank (WflSimulation *self,
                              guint          node)
{
  CHECK_NODE (self, node, 0);
  return (guint) self->rank[node];
}

guint
wfl_simulation_get_n_links (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_links;
}

#define CHECK_LINK(self, link, val) G_STMT_START {              \
    g_return_val_if_fail (WFL_IS_SIMULATION (self), val);      \
    g_return_val_if_fail ((int) (link) < (self)->n_links, val); \
  } G_STMT_END

guint
wfl_simulation_get_link_from (WflSimulation *self,
                              guint          link)
{
  CHECK_LINK (self, link, 0);
  return (guint) self->link_from[link];
}

guint
wfl_simulation_get_link_to (WflSimulation *self,
                            guint          link)
{
  CHECK_LINK (self, link, 0);
  return (guint) self->link_to[link];
}

int
wfl_simulation_get_link_transit (WflSimulation *self,
                                 guint          link)
{
  CHECK_LINK (self, link, 0);
  return self->link_transit[link];
}

const char *
wfl_simulation_get_link_input (WflSimulation *self,
                               guint          link)
{
  CHECK_LINK (self, link, NULL);
  return self->line_name[self->link_line[link]];
}

#define NT(self, n, t) ((gsize) (t) * (self)->n_nodes + (n))
#define LT(self, l, t) ((gsize) (t) * (self)->n_links + (l))

/* One value of a series: stored, or derived exactly as the weekly loop
 * used to compute it (see WflSimRun). */
static double
node_value (WflSimulation *self,
            int            n,
            WflSeries      series,
            int            t)
{
  WflSimRun *run = self->run;
  gsize nt = NT (self, n, t);
  gboolean customer = self->kind[n] == WFL_NODE_KIND_CUSTOMER;

  switch (series)
    {
    case WFL_SERIES_CAPACITY:
      return customer || !self->has_capacity[n] ? NAN : table_at (&self->capacity, n, t);

    case WFL_SERIES_DESIRED:
      /* D = min (capacity, S); a customer's is its open need. */
      return customer ? run->requirement[nt]
                      : MIN (table_at (&self->capacity, n, t), run->requirement[nt]);

    case WFL_SERIES_REQUIREMENT:
      return run->requirement[nt];

    case WFL_SERIES_STARTS:
      return run->starts[nt];

    case WFL_SERIES_COMPLETED:
      return run->completed[nt];

    case WFL_SERIES_STOCK:
      return run->stock_end[nt];

    case WFL_SERIES_WIP:
      {
        /* The batches started in the last lead weeks, this one included
         * (the running start before week 0). */
        double wip = 0;

        if (customer || self->lead[n] == 0)
          return 0;
        for (int s = t - self->lead[n] + 1; s <= t; s++)
          wip += s >= 0 ? run->starts[NT (self, n, s)] : self->initial_rate[n];
        return wip;
      }

    case WFL_SERIES_UTILISATION:
      {
        double cap = table_at (&self->capacity, n, t);

        return !customer && self->has_capacity[n] && cap > 0 ? run->starts[nt] / cap : NAN;
      }

    case WFL_SERIES_SHIPPED:
      {
        /* Summed over the out links in the order the loop shipped them. */
        double total = 0;

        if (customer)
          return 0;
        for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
          total += run->shipped[LT (self, self->out_links[k], t)];
        return total;
      }

    case WFL_N_SERIES:
    default:
      g_assert_not_reached ();
    }
}

void
wfl_simulation_get_node_series (WflSimulation *self,
                                guint          node,
                                WflSeries      series,
                                double        *out)
{
  g_return_if_fail (WFL_IS_SIMULATION (self));
  g_return_if_fail (self->has_run);
  g_return_if_fail ((int) node < self->n_nodes);
  g_return_if_fail (series < WFL_N_SERIES);
  g_return_if_fail (out != NULL);

  for (int t = 0; t < self->n_weeks; t++)
    out[t] = node_value (self, (int) node, series, t);
}

double
wfl_simulation_get_node_value (WflSimulation *self,
                               guint          node,
                               WflSeries      series,
                               int            week)
{
  CHECK_RUN (self, NAN);
  CHECK_NODE (self, node, NAN);
  g_return_val_if_fail (series < WFL_N_SERIES, NAN);
  g_return_val_if_fail (week >= 0 && week < self->n_weeks, NAN);
  return node_value (self, (int) node, series, week);
}

WflBinding
wfl_simulation_get_binding (WflSimulation  *self,
                            guint           node,
                            int             week,
                            const char    **input)
{
  gsize nt;

  CHECK_RUN (self, WFL_BINDING_NONE);
  CHECK_NODE (self, node, WFL_BINDING_NONE);
  g_return_val_if_fail (week >= 0 && week < self->n_weeks, WFL_BINDING_NONE);

  nt = NT (self, node, week);
  if (input != NULL)
    *input = self->run->binding_line[nt] >= 0 ? self->line_name[self->run->binding_line[nt]] : NULL;
  return (WflBinding) self->run->binding[nt];
}

guint
wfl_simulation_count_bound_weeks (WflSimulation *self,
                                  guint          node,
                                  int            from_week,
                                  int            to_week)
{
  guint count = 0;

  CHECK_RUN (self, 0);
  CHECK_NODE (self, node, 0);
  if (!clamp_window (self, &from_week, &to_week))
    return 0;
  for (int t = from_week; t <= to_week; t++)
    count += self->run->binding[NT (self, node, t)] == WFL_BINDING_CAPACITY;
  return count;
}

double
wfl_simulation_sum_node_series (WflSimulation *self,
                                guint          node,
                                WflSeries      series,
                                int            from_week,
                                int            to_week)
{
  double sum = 0;

  CHECK_RUN (self, NAN);
  CHECK_NODE (self, node, NAN);
  g_return_val_if_fail (series < WFL_N_SERIES, NAN);
  if (!clamp_window (self, &from_week, &to_week))
    return 0;
  for (int t = from_week; t <= to_week; t++)
    sum += node_value (self, (int) node, series, t);
  return sum;
}

double
wfl_simulation_get_link_shipped (WflSimulation *self,
                                 guint          link,
                                 int            week)
{
  CHECK_RUN (self, NAN);
  CHECK_LINK (self, link, NAN);
  g_return_val_if_fail (week >= 0 && week < self->n_weeks, NAN);
  return self->run->shipped[LT (self, link, week)];
}

double
wfl_simulation_sum_link_shipped (WflSimulation *self,
                                 guint          link,
                                 int            from_week,
                                 int            to_week)
{
  double sum = 0;

  CHECK_RUN (self, NAN);
  CHECK_LINK (self, link, NAN);
  if (!clamp_window (self, &from_week, &to_week))
    return 0;
  for (int t = from_week; t <= to_week; t++)
    sum += self->run->shipped[LT (self, link, t)];
  return sum;
}

guint
wfl_simulation_get_n_orders (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_orders;
}

const WflOrderResult *
wfl_simulation_get_order (WflSimulation *self,
                          guint          order)
{
  CHECK_RUN (self, NULL);
  g_return_val_if_fail ((int) order < self->n_orders, NULL);
  return &self->orders[order];
}

double
wfl_simulation_get_delivered (WflSimulation *self,
                              int            customer,
                              int            from_week,
                              int            to_week)
{
  CHECK_RUN (self, NAN);
  return _wfl_simulation_delivered_in (self, self->run->completed, TRUE, customer, from_week, to_week);
}

/* Whether order o is of the end product (-1: of any). */
static gboolean
order_of_product (WflSimulation *self,
                  int            o,
                  int            product)
{
  return product < 0 || self->node_product[self->order_customer[o]] == product;
}

double
wfl_simulation_get_product_delivered (WflSimulation *self,
                                      int            product,
                                      int            from_week,
                                      int            to_week)
{
  double sum = 0;

  CHECK_RUN (self, NAN);
  g_return_val_if_fail (product < self->n_products, NAN);
  if (!clamp_window (self, &from_week, &to_week))
    return 0;
  for (int n = 0; n < self->n_nodes; n++)
    {
      if (self->node_product[n] < 0 || (product >= 0 && self->node_product[n] != product))
        continue;
      for (int t = from_week; t <= to_week; t++)
        sum += self->run->completed[NT (self, n, t)];
    }
  return sum;
}

double
wfl_simulation_get_fill_rate (WflSimulation *self,
                              int            product,
                              int            from_week,
                              int            to_week)
{
  double by_due = 0, quantity = 0;
  gboolean any = FALSE;

  CHECK_RUN (self, NAN);
  g_return_val_if_fail (product < self->n_products, NAN);
  for (int o = 0; o < self->n_orders; o++)
    {
      if (self->order_due[o] < from_week || self->order_due[o] > to_week ||
          !order_of_product (self, o, product))
        continue;
      any = TRUE;
      {
        const WflOrderResult *r = &self->orders[o];
        double needed = r->filled_week < 0 && r->cancelled_week >= 0 ? r->delivered : r->needed;

        by_due += MIN (r->delivered_by_due, needed);
        quantity += needed;
      }
    }
  if (!any)
    return NAN;
  return quantity > 0 ? by_due / quantity : 1;
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return x < y ? -1 : (x > y);
}

/* Order lead times over the orders of the end product (-1: every one)
 * that were filled in the weeks [from_week, to_week] (by_placed FALSE) or
 * placed in them (TRUE; an order placed before the calendar counts as
 * placed in week 0), filled or not: only filled orders have a lead
 * time. */
static gboolean
lead_times (WflSimulation *self,
            int            product,
            int            from_week,
            int            to_week,
            gboolean       by_placed,
            double        *median,
            double        *p90)
{
  g_autofree int *times = NULL;
  int n = 0;

  CHECK_RUN (self, FALSE);
  g_return_val_if_fail (product < self->n_products, FALSE);
  times = g_new (int, MAX (self->n_orders, 1));
  for (int o = 0; o < self->n_orders; o++)
    {
      int filled = self->run->filled_week[o];
      int when = by_placed ? MAX (self->order_placed[o], 0) : filled;

      if (filled < 0 || when < from_week || when > to_week || !order_of_product (self, o, product))
        continue;
      times[n++] = filled - self->order_placed[o];
    }
  if (n == 0)
    return FALSE;
  qsort (times, n, sizeof (int), compare_int);
  /* Nearest rank: the ceil (p × n)-th smallest. */
  if (median != NULL)
    *median = times[MAX ((int) ceil (0.5 * n), 1) - 1];
  if (p90 != NULL)
    *p90 = times[MAX ((int) ceil (0.9 * n), 1) - 1];
  return TRUE;
}

gboolean
wfl_simulation_get_lead_time (WflSimulation *self,
                              int            product,
                              int            from_week,
                              int            to_week,
                              double        *median,
                              double        *p90)
{
  return lead_times (self, product, from_week, to_week, FALSE, median, p90);
}

gboolean
wfl_simulation_get_lead_time_placed (WflSimulation *self,
                                     int            product,
                                     int            from_week,
                                     int            to_week,
                                     double        *median,
                                     double        *p90)
{
  return lead_times (self, product, from_week, to_week, TRUE, median, p90);
}

double
wfl_simulation_get_mean_lateness (WflSimulation *self)
{
  CHECK_RUN (self, NAN);
  return _wfl_simulation_mean_lateness (self, self->run->filled_week);
}

guint
wfl_simulation_get_n_quarters (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_quarters;
}

void
wfl_simulation_get_quarter_weeks (WflSimulation *self,
                                  guint          quarter,
                                  int           *first_week,
                                  int           *last_week)
{
  g_return_if_fail (WFL_IS_SIMULATION (self));
  g_return_if_fail ((int) quarter < self->n_quarters);
  if (first_week != NULL)
    *first_week = self->quarter_first[quarter];
  if (last_week != NULL)
    *last_week = self->quarter_first[quarter + 1] - 1;
}

double
wfl_simulation_get_quarter_utilisation (WflSimulation *self,
                                        guint          node,
                                        guint          quarter)
{
  int a, b;
  double starts, cap;

  CHECK_RUN (self, NAN);
  CHECK_NODE (self, node, NAN);
  g_return_val_if_fail ((int) quarter < self->n_quarters, NAN);
  if (!self->has_capacity[node])
    return NAN;
  wfl_simulation_get_quarter_weeks (self, quarter, &a, &b);
  starts = wfl_simulation_sum_node_series (self, node, WFL_SERIES_STARTS, a, b);
  cap = wfl_simulation_sum_node_series (self, node, WFL_SERIES_CAPACITY, a, b);
  return cap > 0 ? starts / cap : NAN;
}

double
wfl_simulation_get_quarter_bound_share (WflSimulation *self,
                                        guint          node,
                                        guint          quarter)
{
  int a, b;

  CHECK_RUN (self, NAN);
  CHECK_NODE (self, node, NAN);
  g_return_val_if_fail ((int) quarter < self->n_quarters, NAN);
  wfl_simulation_get_quarter_weeks (self, quarter, &a, &b);
  return (double) wfl_simulation_count_bound_weeks (self, node, a, b) / (double) (b - a + 1);
}

/* Whether node n limited the flow in week t: it was capacity-bound and
 * what it makes was wanted at once, that is one of its consumers was held
 * back by the line n feeds (binding input:<that line>) or is a customer
 * still short of what it ordered.  A supplier that runs at capacity only
 * to pile material up in front of a downstream bottleneck (requests carry
 * the whole outstanding requirement) is capacity-bound but not limiting. */
static gboolean
is_limiting (WflSimulation *self,
             guint          n,
             int            t)
{
  if (self->run->binding[NT (self, n, t)] != WFL_BINDING_CAPACITY)
    return FALSE;

  /* The links out of n (not every link: this runs per node and week). */
  for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
    {
      guint l = (guint) self->out_links[k];
      guint to;
      const char *line = NULL;

      to = wfl_simulation_get_link_to (self, l);
      if (wfl_simulation_get_node_kind (self, to) == WFL_NODE_KIND_CUSTOMER)
        {
          if (wfl_simulation_get_node_value (self, to, WFL_SERIES_DESIRED, t) > 0)
            return TRUE;
        }
      else if (wfl_simulation_get_binding (self, to, t, &line) == WFL_BINDING_INPUT &&
               g_strcmp0 (line, wfl_simulation_get_link_input (self, l)) == 0)
        return TRUE;
    }
  return FALSE;
}

guint
wfl_simulation_count_limiting_weeks (WflSimulation *self,
                                     guint          node,
                                     int            from_week,
                                     int            to_week)
{
  guint weeks = 0;

  CHECK_RUN (self, 0);
  g_return_val_if_fail (node < (guint) self->n_nodes, 0);
  if (!clamp_window (self, &from_week, &to_week))
    return 0;
  for (int t = from_week; t <= to_week; t++)
    weeks += is_limiting (self, node, t);
  return weeks;
}

void
_wfl_simulation_get_size (WflSimulation *self,
                          WflSimSize    *size)
{
  memset (size, 0, sizeof *size);
  size->nodes = (gsize) self->n_nodes;
  size->links = (gsize) self->n_links;
  size->orders = (gsize) self->n_orders;
  size->weeks = (gsize) self->n_weeks;
  for (int n = 0; n < self->n_nodes; n++)
    {
      size->customers += self->kind[n] == WFL_NODE_KIND_CUSTOMER;
      size->max_out = MAX (size->max_out, (gsize) (self->out_first[n + 1] - self->out_first[n]));
      size->lead_sum += (gsize) self->lead[n];
      size->max_lead = MAX (size->max_lead, (gsize) self->lead[n]);
    }
  size->varying = (gsize) (self->capacity.n_varying + self->yield.n_varying + self->mix.n_varying);
}

/* ------------------------------------------------------------------ */
/* Products (version 2) */

guint
wfl_simulation_get_n_skus (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_skus;
}

#define CHECK_SKU(self, p, val) G_STMT_START {                 \
    g_return_val_if_fail (WFL_IS_SIMULATION (self), val);         \
    g_return_val_if_fail ((int) (p) < (self)->n_skus, val);   \
  } G_STMT_END

const char *
wfl_simulation_get_sku_id (WflSimulation *self,
                               guint          product)
{
  CHECK_SKU (self, product, NULL);
  return self->sku_id[product];
}

const char *
wfl_simulation_get_sku_name (WflSimulation *self,
                                 guint          product)
{
  CHECK_SKU (self, product, NULL);
  return self->sku_name[product];
}

double
wfl_simulation_get_sku_compute (WflSimulation *self,
                                    guint          product)
{
  CHECK_SKU (self, product, NAN);
  return self->sku_compute[product];
}

int
wfl_simulation_get_reference_sku (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), -1);
  return self->reference_sku;
}

const char *
wfl_simulation_get_compute_unit (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), NULL);
  return self->compute_unit;
}

int
wfl_simulation_get_node_sku (WflSimulation *self,
                                 guint          node)
{
  CHECK_NODE (self, node, -1);
  return self->node_sku[node];
}

double
wfl_simulation_get_compute_scale (WflSimulation *self)
{
  double c;

  g_return_val_if_fail (WFL_IS_SIMULATION (self), 1);
  if (self->reference_sku < 0)
    return 1;
  c = self->sku_compute[self->reference_sku];
  return isfinite (c) && c > 0 ? c : 1;
}

/* Units that arrived at customers in the window over the links from
 * nodes of product `product` (-2: any), each unit weighted by its
 * product's compute when `compute`.  A link into a customer delivers in
 * week t what it shipped in week t − transit. */
static double
arrived_in (WflSimulation *self,
            int            product,
            int            customer,
            int            from,
            int            to,
            gboolean       compute)
{
  double sum = 0;

  if (!clamp_window (self, &from, &to))
    return 0;
  for (int l = 0; l < self->n_links; l++)
    {
      int c = self->link_to[l], p = self->node_sku[self->link_from[l]];
      double weight = 1;

      if (self->kind[c] != WFL_NODE_KIND_CUSTOMER || (customer >= 0 && c != customer))
        continue;
      if (product != -2 && p != product)
        continue;
      if (compute)
        {
          weight = p >= 0 && isfinite (self->sku_compute[p]) ? self->sku_compute[p] : 0;
          if (weight == 0)
            continue;
        }
      for (int t = MAX (from, self->link_transit[l]); t <= to; t++)
        sum += self->run->shipped[LT (self, l, t - self->link_transit[l])] * weight;
    }
  return sum;
}

double
wfl_simulation_get_sku_delivered (WflSimulation *self,
                                      int            product,
                                      int            customer,
                                      int            from_week,
                                      int            to_week)
{
  CHECK_RUN (self, NAN);
  g_return_val_if_fail (product >= -1 && product < self->n_skus, NAN);
  return arrived_in (self, product, customer, from_week, to_week, FALSE);
}

double
wfl_simulation_get_compute_delivered (WflSimulation *self,
                                      int            customer,
                                      int            from_week,
                                      int            to_week)
{
  CHECK_RUN (self, NAN);
  return arrived_in (self, -2, customer, from_week, to_week, TRUE);
}
