/* wfl-simulation-step.c: the weekly loop of docs/model.md
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Week by week: arrivals, needs (downstream first), then starts and
 * shipments (upstream first), recorded per node.  What the loop does to
 * the lots it writes to the lot log (LotLog in
 * wfl-simulation-internal.h), which wfl-simulation-lots.c replays. */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-simulation-internal.h"

/* ------------------------------------------------------------------ */
/* The weekly loop */

/* Splits `supply` over the node's outgoing links by its policy; a link
 * never gets more than it requested.  Fills run->alloc in out-link order. */
static void
allocate (WflSimulation *self,
          WflSimRun     *run,
          int            n,
          int            t,
          double         supply)
{
  int a = self->out_first[n], b = self->out_first[n + 1], k = b - a;
  double total = 0;
  double *x = run->alloc;

  /* Version 2's policies (wfl-simulation-quota.c). */
  if (self->allocation[n] == WFL_ALLOCATION_WEIGHTED_FAIR_SHARE || self->allocation[n] == WFL_ALLOCATION_QUOTA)
    {
      _wfl_simulation_allocate_v2 (self, run, n, t, supply);
      return;
    }

  for (int i = 0; i < k; i++)
    total += run->req_link[self->out_links[a + i]];

  if (self->allocation[n] == WFL_ALLOCATION_FIXED_SHARE)
    {
      double sum = self->share_sum[n];

      for (int i = 0; i < k; i++)
        {
          int l = self->out_links[a + i];
          double cap = sum > 0 ? supply * (self->link_share[l] / sum) : 0;

          x[i] = MIN (run->req_link[l], cap);
        }
      return;
    }

  if (total <= supply)
    {
      for (int i = 0; i < k; i++)
        x[i] = run->req_link[self->out_links[a + i]];
      return;
    }

  switch ((WflAllocation) self->allocation[n])
    {
    case WFL_ALLOCATION_PRIORITY:
      {
        double left = supply;

        for (int j = a; j < b; j++)
          {
            int i = self->out_priority[j];
            double give = MIN (run->req_link[self->out_links[a + i]], left);

            x[i] = give;
            left -= give;
          }
      }
      break;

    case WFL_ALLOCATION_FAIR_SHARE:
      {
        int *order = run->order_scratch;
        double left = supply;

        /* Water-filling: requests ascending (stable), each gets the
         * smaller of its request and an equal part of what is left. */
        for (int i = 0; i < k; i++)
          {
            double r = run->req_link[self->out_links[a + i]];
            int j = i;

            while (j > 0 && run->req_link[self->out_links[a + order[j - 1]]] > r)
              {
                order[j] = order[j - 1];
                j--;
              }
            order[j] = i;
          }
        for (int j = 0; j < k; j++)
          {
            int i = order[j];
            double give = MIN (run->req_link[self->out_links[a + i]], left / (k - j));

            x[i] = give;
            left -= give;
          }
      }
      break;

    case WFL_ALLOCATION_PROPORTIONAL:
    case WFL_ALLOCATION_FIXED_SHARE:
    default:
      {
        double ratio = supply / total;

        for (int i = 0; i < k; i++)
          x[i] = run->req_link[self->out_links[a + i]] * ratio;
      }
      break;
    }
}

/* Order o's remaining reached zero within the tolerance in week t: the
 * order is filled, and what the sums of its deliveries lack of its
 * quantity by rounding counts as delivered, so that delivered +
 * remaining = quantity holds exactly (docs/model.md "Orders and key
 * figures"). */
static void
mark_filled (WflSimulation *self,
             WflSimRun     *run,
             int            o,
             int            t)
{
  run->remaining[o] = 0;
  run->filled_week[o] = t;
  run->delivered[o] = self->order_needed[o];
  if (self->order_due[o] >= 0 && t <= self->order_due[o])
    run->delivered_by_due[o] = self->order_needed[o];
}

/* Orders and product lines (docs/model.md "Products"): a customer with
 * several lines fills an order of a product from that product's line,
 * and an order of no product from its lines in order.  Everything else
 * is fill_orders()'s. */
static void
fill_lines (WflSimulation *self,
            WflSimRun     *run,
            int            n,
            int            t)
{
  LotLog *log = run->lot_log;
  int a = self->line_first[n], b = self->line_first[n + 1];
  double *avail = run->on_hand;

  for (int i = a; i < b; i++)
    avail[i - a] = run->pool[i];

  for (int k = self->cust_order_first[n]; k < self->cust_order_first[n + 1]; k++)
    {
      int o = self->cust_orders[k];
      int first = self->order_line[o] >= 0 ? self->order_line[o] : a;
      int last = self->order_line[o] >= 0 ? self->order_line[o] + 1 : b;
      gboolean took = FALSE;

      if (!order_is_open (self, run, o, t))
        continue;
      for (int j = first; j < last && run->remaining[o] > 0; j++)
        {
          double take = MIN (run->remaining[o], avail[j - a]);

          if (!(take > 0))
            continue;
          run->remaining[o] -= take;
          run->delivered[o] += take;
          if (self->order_due[o] >= 0 && t <= self->order_due[o])
            run->delivered_by_due[o] += take;
          avail[j - a] -= take;
          if (log != NULL)
            lot_log_put (log, LOT_OP_TAKE, j, 0, take);
          took = TRUE;
        }
      if (log != NULL && took)
        lot_log_put (log, LOT_OP_ORDER_END, o, 0, 0);
      if (run->remaining[o] <= EPS * MAX (self->order_needed[o], 1.0))
        mark_filled (self, run, o, t);
    }

  for (int i = a; i < b; i++)
    {
      run->pool[i] = snap (avail[i - a], run->received_week[n]);
      if (run->pool[i] == 0 && log != NULL)
        lot_log_put (log, LOT_OP_POOL_CLEAR, i, 0, 0);
    }
}

static void
fill_orders (WflSimulation *self,
             WflSimRun     *run,
             int            n,
             int            t)
{
  LotLog *log = run->lot_log;
  int line = self->line_first[n] < self->line_first[n + 1] ? self->line_first[n] : -1;
  double avail = line >= 0 ? run->pool[line] : 0;

  if (self->cust_lines[n])
    {
      /* One line per product (wfl-simulation-demand.c). */
      fill_lines (self, run, n, t);
      return;
    }

  for (int k = self->cust_order_first[n]; k < self->cust_order_first[n + 1]; k++)
    {
      int o = self->cust_orders[k];
      double take;

      if (!order_is_open (self, run, o, t))
        continue;
      take = MIN (run->remaining[o], avail);
      if (take > 0)
        {
          run->remaining[o] -= take;
          run->delivered[o] += take;
          if (self->order_due[o] >= 0 && t <= self->order_due[o])
            run->delivered_by_due[o] += take;
          avail -= take;
          if (log != NULL)
            {
              lot_log_put (log, LOT_OP_TAKE, line, 0, take);
              lot_log_put (log, LOT_OP_ORDER_END, o, 0, 0);
            }
        }
      if (run->remaining[o] <= EPS * MAX (self->order_needed[o], 1.0))
        mark_filled (self, run, o, t);
    }

  if (line >= 0)
    {
      run->pool[line] = snap (avail, run->received_week[n]);
      if (run->pool[line] == 0 && log != NULL)
        lot_log_put (log, LOT_OP_POOL_CLEAR, line, 0, 0);
    }
}

/* ------------------------------------------------------------------ */
/* Pools (docs/model.md, "Shared capacity (pools)") */

/* A pool offers its whole capacity this week, split by its policy over
 * its users' requests; what it hands out lands in their lines at once.
 * It binds when its users asked for more than its capacity.  Its starts
 * are what its users use of it (finish_pools()). */
static void
start_pool (WflSimulation *self,
            WflSimRun     *run,
            int            n,
            int            t)
{
  gsize nt = (gsize) t * self->n_nodes + n;
  double cap = capacity_at (self, run, n, t);
  double S = run->requirement[nt];
  int a = self->out_first[n];

  run->binding[nt] = cap >= S * (1 - EPS) && !(cap == 0 && S > 0) ? WFL_BINDING_DEMAND : WFL_BINDING_CAPACITY;
  run->binding_line[nt] = -1;
  run->starts[nt] = 0;
  run->completed[nt] = 0;
  run->stock[n] = 0;
  if (a == self->out_first[n + 1])
    return;
  if (isinf (cap))
    for (int k = a; k < self->out_first[n + 1]; k++)
      run->alloc[k - a] = run->req_link[self->out_links[k]];
  else
    allocate (self, run, n, t, cap);
  for (int k = a; k < self->out_first[n + 1]; k++)
    {
      int l = self->out_links[k];
      double x = run->alloc[k - a];

      run->shipped[(gsize) t * self->n_links + l] = x;
      run->pool[self->link_line[l]] += x;
    }
}

/* After node n started: what it did not use of a pool line is gone, and
 * the pool's links carry what was used, each in proportion to what it
 * handed out. */
static void
use_pool_lines (WflSimulation *self,
                WflSimRun     *run,
                int            n,
                int            t,
                double         starts)
{
  for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
    {
      double given = 0, used = starts * self->line_per_unit[i];

      if (!self->line_is_pool[i])
        continue;
      for (int k = self->line_link_first[i]; k < self->line_link_first[i + 1]; k++)
        given += run->shipped[(gsize) t * self->n_links + self->line_links[k]];
      if (used < given)
        for (int k = self->line_link_first[i]; k < self->line_link_first[i + 1]; k++)
          {
            double *x = &run->shipped[(gsize) t * self->n_links + self->line_links[k]];

            *x = used > 0 ? *x * (used / given) : 0;
          }
      run->pool[i] = 0;
    }
}

/* A pool's starts and completions are what its users used of it; it
 * keeps nothing. */
static void
finish_pools (WflSimulation *self,
              WflSimRun     *run,
              int            t)
{
  for (int i = 0; i < self->n_pool_nodes; i++)
    {
      int n = self->pool_nodes[i];
      gsize nt = (gsize) t * self->n_nodes + n;
      double used = 0;

      for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
        used += run->shipped[(gsize) t * self->n_links + self->out_links[k]];
      run->starts[nt] = used;
      run->completed[nt] = used;
    }
}

static void
start_and_ship (WflSimulation *self,
                WflSimRun     *run,
                int            n,
                int            t)
{
  LotLog *log = run->lot_log;
  gsize nt = (gsize) t * self->n_nodes + n;
  int L = self->lead[n];
  double cap = capacity_at (self, run, n, t);
  double S = run->requirement[nt];
  double desired = MIN (cap, S);  /* D */
  double starts = desired;
  double good;
  int limiting = -1;
  double shipped_total = 0;

  for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
    {
      double lim = run->pool[i] / self->line_per_unit[i];

      if (lim < starts)
        starts = lim;
    }
  /* Inputs short of D by less than the tolerance are rounding (a pool
   * of plan × per-unit divided by per-unit again): start D. */
  if (starts < desired && starts >= desired * (1 - EPS))
    starts = desired;

  /* The binding constraint. */
  if (starts >= S * (1 - EPS))
    run->binding[nt] = WFL_BINDING_DEMAND;
  else if (cap <= starts * (1 + EPS) || cap == 0)
    run->binding[nt] = WFL_BINDING_CAPACITY;
  else
    {
      int scarce = run->scarce_line[n];

      /* The other lines were asked for just what the scarcest line could
       * match, so they may hold the starts back as much: name the
       * scarcest when it is among the lines that held them back. */
      run->binding[nt] = WFL_BINDING_INPUT;
      if (scarce >= 0 && run->pool[scarce] / self->line_per_unit[scarce] <= starts * (1 + EPS))
        limiting = scarce;
      for (int i = self->line_first[n]; i < self->line_first[n + 1] && limiting < 0; i++)
        if (run->pool[i] / self->line_per_unit[i] <= starts * (1 + EPS))
          limiting = i;
    }
  run->binding_line[nt] = limiting;

  run->starts[nt] = starts;
  good = starts * table_at (&self->yield, n, t);

  /* Consume the inputs; the batch inherits the stamps of the input that
   * arrived last. */
  for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
    {
      double use = starts * self->line_per_unit[i];
      double before = run->pool[i];

      run->pool[i] = snap (before - use, before);
      if (log != NULL && use > 0)
        {
          lot_log_put (log, LOT_OP_TAKE, i, 0, use);
          if (run->pool[i] == 0)
            lot_log_put (log, LOT_OP_POOL_CLEAR, i, 0, 0);
        }
    }
  if (log != NULL)
    lot_log_put (log, starts > 0 ? LOT_OP_BATCH : LOT_OP_NO_BATCH, n, t, good);

  if (self->n_pool_nodes > 0)
    use_pool_lines (self, run, n, t, starts);

  if (L == 0)
    {
      run->completed[nt] = good;
      run->stock[n] += good;
    }

  /* Ship. */
  if (self->out_first[n] < self->out_first[n + 1])
    {
      double supply = run->stock[n];

      allocate (self, run, n, t, supply);
      for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
        {
          int l = self->out_links[k];
          double x = run->alloc[k - self->out_first[n]];
          int T = self->link_transit[l];
          int line = self->link_line[l];

          run->shipped[(gsize) t * self->n_links + l] = x;
          shipped_total += x;
          if (x <= 0)
            continue;
          if (T == 0)
            {
              run->pool[line] += x;
              if (self->kind[self->link_to[l]] == WFL_NODE_KIND_CUSTOMER)
                {
                  add_received (run, self->link_to[l], x);
                }
            }
          if (log != NULL)
            lot_log_put (log, LOT_OP_SHIP, l, t, x);
        }
      run->stock[n] = snap (supply - shipped_total, supply);
      if (log != NULL && run->stock[n] == 0)
        lot_log_put (log, LOT_OP_STOCK_CLEAR, n, 0, 0);
    }
}

/* Records what is left of a node's week (the rest was stored on the way). */
static void
record_node (WflSimulation *self,
             WflSimRun     *run,
             int            n,
             int            t)
{
  gsize nt = (gsize) t * self->n_nodes + n;

  if (self->kind[n] == WFL_NODE_KIND_CUSTOMER)
    {
      run->starts[nt] = 0;
      run->completed[nt] = run->received_week[n];
      run->stock_end[nt] = run->received[n] + run->received_lo[n];
      run->binding[nt] = WFL_BINDING_NONE;
      run->binding_line[nt] = -1;
    }
  else
    run->stock_end[nt] = run->stock[n];
}

/* Simulates every week into run; FALSE when cancelled. */
gboolean
_wfl_simulation_simulate (WflSimulation *self,
                          WflSimRun     *run,
                          GCancellable  *cancellable)
{
  int N = self->n_nodes, M = self->n_links, W = self->n_weeks;
  LotLog *log;

  _wfl_simulation_capacity_begin (self, run);
  for (int n = 0; n < N; n++)
    {
      run->stock[n] = self->initial_stock[n];
      run->received[n] = run->received_lo[n] = 0;
    }
  memset (run->pool, 0, sizeof (double) * MAX (self->n_lines, 1));
  memset (run->req_link, 0, sizeof (double) * MAX (M, 1));
  memset (run->plan_link, 0, sizeof (double) * MAX (M, 1));
  for (int n = 0; n < N; n++)
    run->wip_week[n] = -1;
  memset (run->gross_link, 0, sizeof (double) * MAX (M, 1));
  _wfl_simulation_quota_run_reset (self, run);
  for (int o = 0; o < self->n_orders; o++)
    {
      run->remaining[o] = self->order_needed[o];
      run->delivered[o] = 0;
      run->delivered_by_due[o] = self->order_due[o] >= 0 ? 0 : NAN;
      run->filled_week[o] = -1;
    }
  log = run->lot_log = run->track_lots ? _wfl_lot_log_begin (self, run) : NULL;

  for (int t = 0; t < W; t++)
    {
      if ((t & 15) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_clear_pointer (&run->lot_log, _wfl_lot_log_end);
          return FALSE;
        }

      /* 1. Arrivals. */
      for (int n = 0; n < N; n++)
        {
          int L = self->lead[n];
          gsize nt = (gsize) t * N + n;

          run->received_week[n] = 0;
          run->completed[nt] = 0;
          if (L >= 1 && self->kind[n] != WFL_NODE_KIND_CUSTOMER)
            {
              double c = good_at (self, run, n, t - L);

              run->completed[nt] = c;
              run->stock[n] += c;
              if (log != NULL && c > 0)
                lot_log_put (log, LOT_OP_COMPLETE, n, t, c);
            }
        }
      for (int k = 0; k < self->n_transit_links; k++)
        {
          int l = self->transit_links[k];
          int T = self->link_transit[l];
          double q;
          int line, to;

          if (t - T < 0)
            continue;
          q = run->shipped[(gsize) (t - T) * M + l];
          if (q <= 0)
            continue;
          line = self->link_line[l];
          to = self->link_to[l];
          run->pool[line] += q;
          if (self->kind[to] == WFL_NODE_KIND_CUSTOMER)
            {
              add_received (run, to, q);
            }
          if (log != NULL)
            lot_log_put (log, LOT_OP_TRANSIT, l, t, 0);
        }

      /* 2. Needs and requests, downstream first (wfl-simulation-plan.c). */
      _wfl_simulation_plan_week (self, run, t);

      /* 3. Start and ship, upstream first. */
      for (int i = 0; i < N; i++)
        {
          int n = self->topo[i];

          if (self->kind[n] == WFL_NODE_KIND_CUSTOMER)
            fill_orders (self, run, n, t);
          else if (self->kind[n] == WFL_NODE_KIND_POOL)
            start_pool (self, run, n, t);
          else
            start_and_ship (self, run, n, t);
          record_node (self, run, n, t);
        }
      if (self->n_pool_nodes > 0)
        finish_pools (self, run, t);
    }

  g_clear_pointer (&run->lot_log, _wfl_lot_log_end);
  _wfl_simulation_capacity_end (self, run);
  return TRUE;
}
