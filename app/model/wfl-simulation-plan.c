/* wfl-simulation-plan.c: time-phased needs and requests (step 2 of a week)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every week, before anything moves, each node works out what to ask of
 * its suppliers, downstream first: the rules are docs/model.md's "Needs
 * and requests".  A node plans its starts over a horizon: this week's
 * desired starts, then its capacity up to the rate that its inputs can
 * feed and its consumers can take, never more than its whole outstanding
 * requirement, and never more than its scarcest other input line can
 * match within the horizon.  A line asks for that plan times its
 * per-unit, less what it holds and what is on its way, over two horizons:
 *
 *  - the ship request covers the line's transit (plus cover-weeks): what
 *    the supplier is to send now, and what allocation splits;
 *  - the plan request covers the supplier's lead time as well: what the
 *    supplier must start now so that the line is served in time, and what
 *    the supplier's own requirement is made of;
 *  - the gross request is the whole outstanding requirement, which bounds
 *    every plan ("nothing is made beyond what orders still need").
 *
 * The rates come from one pass upstream first (compute_rates) over the
 * state after this week's arrivals; the plan uses them for the weeks after
 * this one.  Everything is summed in a fixed order, so runs are
 * bit-identical.
 */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-simulation-internal.h"

/* Units shipped on the line's links and not yet arrived, as seen after
 * this week's arrivals. */
static double
line_in_transit (WflSimulation *self,
                 WflSimRun     *run,
                 int            line,
                 int            t)
{
  double sum = 0;

  if (!self->line_in_transit_weeks[line])
    return 0;
  for (int k = self->line_link_first[line]; k < self->line_link_first[line + 1]; k++)
    {
      int l = self->line_links[k];
      for (int s = MAX (0, t - self->link_transit[l] + 1); s < t; s++)
        sum += run->shipped[(gsize) s * self->n_links + l];
    }
  return sum;
}

/* The share of a line's request that goes to link l: its mix over the
 * line's total mix in week t (0 when every mix of the line is 0). */
static inline double
mix_part (WflSimulation *self,
          int            l,
          int            t)
{
  int line = self->link_line[l];
  double total = self->line_mix_total[line];

  if (!isnan (total))
    return total > 0 ? self->link_mix_share[l] : 0;
  total = 0;
  for (int k = self->line_link_first[line]; k < self->line_link_first[line + 1]; k++)
    total += table_at (&self->mix, self->line_links[k], t);
  return total > 0 ? table_at (&self->mix, l, t) / total : 0;
}

/* Splits a line's request over its links by mix, into dest (per link). */
static void
split_into (WflSimulation *self,
            double        *dest,
            int            line,
            int            t,
            double         request)
{
  int a = self->line_link_first[line], b = self->line_link_first[line + 1];
  double total = self->line_mix_total[line];

  if (!isnan (total))
    {
      /* Constant mixes: mix / total is the same every week. */
      for (int k = a; k < b; k++)
        {
          int l = self->line_links[k];

          dest[l] = total > 0 && request > 0 ? request * self->link_mix_share[l] : 0;
        }
      return;
    }

  total = 0;
  for (int k = a; k < b; k++)
    total += table_at (&self->mix, self->line_links[k], t);
  for (int k = a; k < b; k++)
    {
      int l = self->line_links[k];

      dest[l] = total > 0 && request > 0
                ? request * (table_at (&self->mix, l, t) / total)
                : 0;
    }
}

/* The three requests of line i split over its links by mix (as
 * split_into() would, each): the ship request into req_link, the plan
 * request into plan_link, the gross request into gross_link. */
static void
split_requests (WflSimulation *self,
                WflSimRun     *run,
                int            line,
                int            t,
                double         ship,
                double         plan,
                double         gross)
{
  int a = self->line_link_first[line], b = self->line_link_first[line + 1];
  double total = self->line_mix_total[line];

  if (isnan (total))
    {
      split_into (self, run->req_link, line, t, ship);
      split_into (self, run->plan_link, line, t, plan);
      split_into (self, run->gross_link, line, t, gross);
      return;
    }
  for (int k = a; k < b; k++)
    {
      int l = self->line_links[k];
      double share = self->link_mix_share[l];
      gboolean some = total > 0;

      run->req_link[l] = some && ship > 0 ? ship * share : 0;
      run->plan_link[l] = some && plan > 0 ? plan * share : 0;
      run->gross_link[l] = some && gross > 0 ? gross * share : 0;
    }
}

/* ------------------------------------------------------------------ */
/* Rates, upstream first */

/* The part of its supplier's output that link l counts on: its share
 * under fixed-share; otherwise its part of what the supplier's links
 * asked for last week (plan requests), and never less than an equal part,
 * so that a consumer that asked for nothing still sees some supply. */
static void
compute_parts (WflSimulation *self,
               WflSimRun     *run,
               int            w,
               int            t)
{
  int a = self->out_first[w], b = self->out_first[w + 1];
  double total = 0, equal;

  if (a == b)
    return;
  /* Closed links and version 2's policies (wfl-simulation-quota.c). */
  if (self->has_availability || self->allocation[w] == WFL_ALLOCATION_WEIGHTED_FAIR_SHARE ||
      self->allocation[w] == WFL_ALLOCATION_QUOTA)
    {
      _wfl_simulation_parts_v2 (self, run, w, t);
      return;
    }
  if (self->allocation[w] == WFL_ALLOCATION_FIXED_SHARE)
    {
      for (int k = a; k < b; k++)
        {
          int l = self->out_links[k];

          run->part[l] = self->share_sum[w] > 0 ? self->link_share[l] / self->share_sum[w] : 0;
        }
      return;
    }
  equal = 1.0 / (b - a);
  for (int k = a; k < b; k++)
    total += run->prev_plan[self->out_links[k]];
  for (int k = a; k < b; k++)
    {
      int l = self->out_links[k];

      run->part[l] = total > 0 ? MAX (run->prev_plan[l] / total, equal) : equal;
    }
}

/* Per node, upstream first: the starts per week its inputs can feed
 * (in_rate: the scarcest line's supply over its per-unit, infinite
 * without lines) and the good units per week it can put out (out_rate:
 * capacity and inputs, times the yield). */
static void
compute_rates (WflSimulation *self,
               WflSimRun     *run,
               int            t)
{
  for (int i = 0; i < self->n_nodes; i++)
    {
      int n = self->topo[i];
      double r = INFINITY;

      if (self->kind[n] == WFL_NODE_KIND_CUSTOMER)
        {
          run->in_rate[n] = run->out_rate[n] = 0;
          continue;
        }
      for (int j = self->line_first[n]; j < self->line_first[n + 1]; j++)
        {
          double in = 0;

          for (int k = self->line_link_first[j]; k < self->line_link_first[j + 1]; k++)
            {
              int l = self->line_links[k];

              if (run->part[l] > 0)
                in += run->part[l] * run->out_rate[self->link_from[l]];
            }
          r = MIN (r, in / self->line_per_unit[j]);
        }
      run->in_rate[n] = r;
      run->out_rate[n] = MIN (r, capacity_at (self, run, n, t)) * table_at (&self->yield, n, t);
      compute_parts (self, run, n, t);
    }
}

/* ------------------------------------------------------------------ */
/* What a line can get within a horizon */

/* The good output of node w's work in progress that completes within
 * weeks t + 1 … t + k, for k = 1 … L − 1: cum[k − 1] is the sum of the
 * batches started in weeks t − L + 1 … t − L + k.  The sums are made once
 * a week per node, in the order a plain loop would add them.  NULL when
 * the node's lead time is under 2 weeks (no such work). */
static inline const double *
wip_sums (WflSimulation *self,
          WflSimRun     *run,
          int            w,
          int            t)
{
  int L = self->lead[w];
  double *cum;

  if (L <= 1)
    return NULL;
  cum = run->wip_cum + self->wip_first[w];
  if (G_UNLIKELY (run->wip_week[w] != t))
    {
      double sum = 0;

      for (int i = 1; i < L; i++)
        {
          sum += good_at (self, run, w, t - L + i);
          cum[i - 1] = sum;
        }
      run->wip_week[w] = t;
    }
  return cum;
}

/* The good output of node w's work in progress that completes within
 * weeks t + 1 … t + k (0 when k ≤ 0). */
static inline double
wip_within (WflSimulation *self,
            WflSimRun     *run,
            int            w,
            int            t,
            int            k)
{
  const double *cum = wip_sums (self, run, w, t);

  return cum != NULL && k > 0 ? cum[MIN (k, self->lead[w] - 1) - 1] : 0;
}

/* Adds to acc[k · stride], for each horizon hs[k] of a consumer, part ×
 * the good units supplier w can hand out within weeks t … t + hs[k] − T
 * (nothing when that is before t): its stock, its work in progress that
 * completes by then, and what it can still start and complete in that
 * time at its output rate. */
static inline void
add_supplier_within (WflSimulation *self,
                     WflSimRun     *run,
                     int            w,
                     int            t,
                     int            T,
                     double         part,
                     const int     *hs,
                     int            nh,
                     double        *acc,
                     int            stride)
{
  const double *cum = wip_sums (self, run, w, t);
  double stock = run->stock[w], rate = run->out_rate[w];
  int L = self->lead[w];

  for (int k = 0; k < nh; k++)
    {
      int h = hs[k] - T;
      double q = 0;

      if (h >= 0)
        {
          q = stock + (cum != NULL && h > 0 ? cum[MIN (h, L - 1) - 1] : 0);
          if (h >= L && rate > 0)
            q += rate * (h - L + 1);
        }
      acc[k * stride] += part * q;
    }
}

/* Σ over weeks t + 1 … t + h of min (capacity, rate): the starts node n
 * can make after this week at the given rate, for each of the node's
 * horizons hs[0] < hs[1] < … (into out).  The longer sums go on from the
 * shorter ones, adding the same terms in the same order as a sum per
 * horizon would. */
static void
later_starts (WflSimulation *self,
              WflSimRun     *run,
              int            n,
              int            t,
              const int     *hs,
              int            nh,
              double         rate,
              double        *out)
{
  double sum = 0;
  int s = t + 1;

  if (rate <= 0)
    {
      for (int k = 0; k < nh; k++)
        out[k] = 0;
      return;
    }
  if (self->capacity.column[n] < 0)
    {
      double per_week = MIN (capacity_at (self, run, n, t), rate);

      for (int k = 0; k < nh; k++)
        out[k] = hs[k] <= 0 ? 0 : hs[k] * per_week;
      return;
    }
  {
    /* capacity_at(), its loads out of the loop. */
    const Table *cap = run->cap;
    const double *column = cap->varying + cap->column[n];
    gsize stride = cap->n_varying;
    gboolean scaled = n == run->scaled_node;
    double factor = run->factor;
    int last = self->n_weeks - 1;

    for (int k = 0; k < nh; k++)
      {
        for (; s <= t + hs[k]; s++)
          {
            double c = column[(gsize) MIN (s, last) * stride];

            sum += MIN (scaled ? c * factor : c, rate);
          }
        out[k] = hs[k] <= 0 ? 0 : sum;
      }
  }
}

typedef struct
{
  double S;          /* this week's requirement (from plan requests) */
  double G;          /* the whole requirement (from gross requests) */
  double D;          /* this week's desired starts, min (capacity, S) */
  double rate;       /* starts per week after this one: inputs and consumers */
  double take;       /* starts per week its consumers can take */
  double *on_hand;   /* per line of the node: pool + in transit */
  Horizon *horizons; /* per horizon of the node (node_h) */
  double  *m;        /* per horizon and line: the starts the line can match */
} Plan;

/* ------------------------------------------------------------------ */
/* Users of pools: the pool's capacity over the horizon */

/* What line j (drawing on pools) can have of its pools in week s: Σ
 * over its links of part × the pool's good capacity of week s (the
 * calendar's last week after it). */
static inline double
pool_line_at (WflSimulation *self,
              WflSimRun     *run,
              int            j,
              int            s)
{
  double sum = 0;

  s = MIN (s, self->n_weeks - 1);
  for (int e = self->line_link_first[j]; e < self->line_link_first[j + 1]; e++)
    {
      int l = self->line_links[e], w = self->link_from[l];

      if (run->part[l] > 0)
        sum += run->part[l] * capacity_at (self, run, w, s) * table_at (&self->yield, w, s);
    }
  return sum;
}

/* The plan of node n, a user of pools, sees each pool's capacity over
 * its horizon as it sees its own capacity schedule (docs/model.md,
 * "Shared capacity (pools)"): its later starts (into later, per
 * horizon, as later_starts() would) are Σ over weeks t + 1 … t + h of
 * min (capacity(s), r, the starts each pool line can match in week s),
 * with r its rate from its other lines and its consumers.  Returns
 * FALSE, doing nothing, when n draws on no pool. */
static gboolean
pool_later_starts (WflSimulation *self,
                   WflSimRun     *run,
                   const Plan    *plan,
                   int            n,
                   int            t,
                   const int     *hs,
                   int            nh,
                   double        *later)
{
  int first = self->line_first[n], n_lines = self->line_first[n + 1] - first;
  double r = MIN (INFINITY, plan->take);
  double sum = 0;
  gboolean uses = FALSE;
  int s = t + 1;

  if (self->n_pool_nodes == 0)
    return FALSE;
  for (int j = first; j < first + n_lines; j++)
    {
      double in = 0;

      if (self->line_is_pool[j])
        {
          uses = TRUE;
          continue;
        }
      for (int e = self->line_link_first[j]; e < self->line_link_first[j + 1]; e++)
        {
          int l = self->line_links[e];

          if (run->part[l] > 0)
            in += run->part[l] * run->out_rate[self->link_from[l]];
        }
      r = MIN (r, in / self->line_per_unit[j]);
    }
  if (!uses)
    return FALSE;

  for (int k = 0; k < nh; k++)
    {
      for (; s <= t + hs[k]; s++)
        {
          double c = MIN (capacity_at (self, run, n, MIN (s, self->n_weeks - 1)), r);

          for (int j = first; j < first + n_lines; j++)
            if (self->line_is_pool[j])
              c = MIN (c, pool_line_at (self, run, j, s) / self->line_per_unit[j]);
          sum += MAX (c, 0);
        }
      later[k] = hs[k] <= 0 ? 0 : sum;
    }
  return TRUE;
}

/* Adds to acc[k · stride], for each horizon hs[k], what pool line j can
 * have within weeks t … t + hs[k]: its pools' capacity of each week. */
static void
add_pool_within (WflSimulation *self,
                 WflSimRun     *run,
                 int            j,
                 int            t,
                 const int     *hs,
                 int            nh,
                 double        *acc,
                 int            stride)
{
  double got = 0;
  int s = t;

  for (int k = 0; k < nh; k++)
    {
      for (; s <= t + hs[k]; s++)
        got += pool_line_at (self, run, j, s);
      acc[k * stride] += got;
    }
}

/* Every horizon h of node n's plan (node_h, ascending, 0 first): its
 * starts before any line limits them (min (G, D + later starts)), and per
 * line the starts its material within weeks t … t + h can match (its
 * pool, what is on its way, and each link's part of what the link's
 * supplier can hand out in time to arrive), with the two lines that can
 * match the fewest.  One pass over the links serves every horizon; each
 * horizon's sums add the same terms in the same order as one pass per
 * horizon would. */
static void
plan_horizons (WflSimulation *self,
               WflSimRun     *run,
               Plan          *plan,
               int            n,
               int            t)
{
  const int *hs = self->node_h + self->node_h_first[n];
  int nh = self->node_h_first[n + 1] - self->node_h_first[n];
  int first = self->line_first[n], n_lines = self->line_first[n + 1] - first;
  const int *links = self->line_links;
  const double *part = run->part;
  double *later = run->demand;  /* scratch of at least 2 × lines + 1 */
  gboolean pooled = pool_later_starts (self, run, plan, n, t, hs, nh, later);

  if (!pooled)
    later_starts (self, run, n, t, hs, nh, plan->rate, later);
  for (int k = 0; k < nh; k++)
    {
      Horizon *z = &plan->horizons[k];

      z->h = hs[k];
      z->base = MIN (plan->G, plan->D + later[k]);
      z->least = -1;
      z->first = z->second = INFINITY;
    }

  for (int j = first; j < first + n_lines; j++)
    {
      double *m = plan->m + (j - first);
      int end = self->line_link_first[j + 1];

      for (int k = 0; k < nh; k++)
        m[k * n_lines] = plan->on_hand[j - first];
      if (pooled && self->line_is_pool[j])
        {
          /* Its pools' capacity week by week, not their links' rates. */
          add_pool_within (self, run, j, t, hs, nh, m, n_lines);
          end = self->line_link_first[j];
        }
      for (int e = self->line_link_first[j]; e < end; e++)
        {
          int l = links[e];
          int w, T;

          if (!(part[l] > 0))
            continue;
          w = self->link_from[l];
          T = self->link_transit[l];
          add_supplier_within (self, run, w, t, T, part[l], hs, nh, m, n_lines);
        }
      for (int k = 0; k < nh; k++)
        {
          Horizon *z = &plan->horizons[k];
          double v = m[k * n_lines] / self->line_per_unit[j];

          m[k * n_lines] = v;
          if (v < z->first)
            {
              z->second = z->first;
              z->first = v;
              z->least = j;
            }
          else if (v < z->second)
            z->second = v;
        }
    }
}

/* The starts node n plans within its horizon k, as seen by its line i:
 * no more than any other line can match within the horizon. */
static inline double
plan_starts (const Plan *plan,
             int         i,
             int         k)
{
  const Horizon *z = &plan->horizons[k];

  return MAX (0, MIN (z->base, i == z->least ? z->second : z->first));
}

/* ------------------------------------------------------------------ */
/* Needs, downstream first */

static void
customer_needs (WflSimulation *self,
                WflSimRun     *run,
                int            n,
                int            t)
{
  double open = 0, in_transit = 0, need;

  if (cust_has_demand (self, n))
    {
      /* Product lines or forecasts (wfl-simulation-demand.c). */
      _wfl_simulation_customer_demand (self, run, n, t);
      return;
    }

  /* The need is what the open orders still lack, each order's remaining
   * being zero within the tolerance of its own quantity (fill_orders()),
   * so that a customer needs nothing exactly when every order placed is
   * filled or covered by what it holds or is on its way. */
  for (int k = self->cust_order_first[n]; k < self->cust_order_first[n + 1]; k++)
    {
      int o = self->cust_orders[k];

      /* An inflated order asks for its whole booked rest. */
      if (order_is_open (self, run, o, t))
        open += run->remaining[o] + self->order_extra[o];
    }
  /* Less what arrived this week and is not yet given to an order, and
   * what is on its way. */
  for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
    in_transit += run->pool[i] + line_in_transit (self, run, i, t);
  need = snap (open - in_transit, open);
  run->requirement[(gsize) t * self->n_nodes + n] = need;
  run->take_rate[n] = need > 0 ? INFINITY : 0;
  run->scarce_line[n] = -1;
  for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
    split_requests (self, run, i, t, need, need, need);
}

/* What node n's links ask of it (plan and gross), and the good units
 * per week its consumers can take.  Under fixed-share the node must make
 * enough that every link's share covers its request. */
static void
sum_out_links (WflSimulation *self,
               WflSimRun     *run,
               int            n,
               int            t,
               double        *plan_need,
               double        *gross_need,
               double        *take)
{
  gboolean fixed = self->allocation[n] == WFL_ALLOCATION_FIXED_SHARE && self->share_sum[n] > 0;

  *plan_need = *gross_need = *take = 0;
  for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
    {
      int l = self->out_links[k];
      int to = self->link_to[l];
      double part;

      *plan_need += run->plan_link[l];
      *gross_need += run->gross_link[l];
      if (run->take_rate[to] <= 0 || !link_open (self, l, t))
        continue;
      part = self->kind[to] == WFL_NODE_KIND_CUSTOMER ? 1 : mix_part (self, l, t);
      if (part > 0)
        *take += isinf (run->take_rate[to])
                 ? INFINITY
                 : run->take_rate[to] * self->line_per_unit[self->link_line[l]] * part;
    }
  if (fixed)
    for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
      {
        int l = self->out_links[k];

        if (self->link_share[l] > 0)
          {
            double scale = self->share_sum[n] / self->link_share[l];

            *plan_need = MAX (*plan_need, run->plan_link[l] * scale);
            *gross_need = MAX (*gross_need, run->gross_link[l] * scale);
          }
      }
}

static void
node_needs (WflSimulation *self,
            WflSimRun     *run,
            int            n,
            int            t)
{
  int first = self->line_first[n], n_lines = self->line_first[n + 1] - first;
  double y = table_at (&self->yield, n, t);
  double cap = capacity_at (self, run, n, t);
  double plan_need, gross_need, take, expected, scarcest;
  const Horizon *now;
  Plan plan;

  sum_out_links (self, run, n, t, &plan_need, &gross_need, &take);
  expected = wip_within (self, run, n, t, self->lead[n] - 1);
  plan.S = snap (plan_need - run->stock[n] - expected, plan_need) / y;
  plan.G = snap (gross_need - run->stock[n] - expected, gross_need) / y;
  plan.D = MIN (cap, plan.S);
  plan.rate = MIN (run->in_rate[n], take / y);
  plan.take = take / y;
  plan.on_hand = run->on_hand;
  plan.horizons = run->horizons;
  plan.m = run->plan_m;
  run->requirement[(gsize) t * self->n_nodes + n] = plan.S;
  /* What this node and everything after it can take, whatever its inputs. */
  run->take_rate[n] = MIN (cap, take / y);

  for (int i = first; i < first + n_lines; i++)
    run->on_hand[i - first] = run->pool[i] + line_in_transit (self, run, i, t);
  plan_horizons (self, run, &plan, n, t);

  /* The line that can match the fewest starts this week (horizon 0)
   * names the binding line when inputs hold the starts back
   * (start_and_ship()); lines within the tolerance of it are a tie, which
   * goes to the first in document order, as the binding line does. */
  now = &plan.horizons[0];
  scarcest = now->first;
  run->scarce_line[n] = now->least;
  for (int i = first; i < now->least && now->least >= 0; i++)
    if (plan.m[i - first] <= scarcest * (1 + EPS))
      {
        run->scarce_line[n] = i;
        break;
      }

  for (int i = first; i < first + n_lines; i++)
    {
      double pu = self->line_per_unit[i];
      double on_hand = run->on_hand[i - first];
      int ship_k = self->line_ship_k[i] - self->node_h_first[n];
      int plan_k = self->line_plan_k[i] - self->node_h_first[n];
      double ship = plan_starts (&plan, i, ship_k) * pu;
      double need = plan_k == ship_k ? ship : plan_starts (&plan, i, plan_k) * pu;
      double gross = plan.G * pu;

      split_requests (self, run, i, t,
                      snap (ship - on_hand, ship),
                      snap (need - on_hand, need),
                      snap (gross - on_hand, gross));
    }
}

static inline void
plan_node (WflSimulation *self,
           WflSimRun     *run,
           int            n,
           int            t)
{
  if (self->kind[n] == WFL_NODE_KIND_CUSTOMER)
    customer_needs (self, run, n, t);
  else
    node_needs (self, run, n, t);
}

/* ------------------------------------------------------------------ */
/* The plan on two threads */

/* A node's needs depend only on what its consumers asked of it (their
 * requests and take rates) and on the state before the plan: nodes at
 * the same depth (the longest path to a node without consumers) do not
 * depend on each other.  On a big scenario the loop and the lot replay
 * thread make a week's needs together: both take the next few nodes of
 * one list, depth after depth, and a node waits only until its consumers
 * are done.  Every node's needs come from the same inputs with the same
 * arithmetic as in one pass, so the results are the same bit for bit,
 * whichever thread makes which node. */
struct _PlanSplit
{
  WflSimulation *self;
  WflSimRun     *run;        /* the loop's */
  WflSimRun      view;       /* the thread's: the run with scratch of its own */
  int           *nodes;      /* every node by depth, downstream first */
  gint          *done;       /* per node: t + 1 once its needs of week t are made */
  gint64         cursor;     /* t × nodes + the next position in nodes to take */
  gint64         completed;  /* t × nodes + how many of week t's are made */
  gint           request;    /* t + 1: the loop asks the thread to help with week t */
};

/* How many nodes a thread takes at a time. */
#define SPLIT_TAKE 8

/* One turn of a wait for the other thread: a pause, and now and then a
 * yield in case the other thread waits for a processor. */
static inline void
spin (guint *spins)
{
  if (++*spins % 4096 == 0)
    g_thread_yield ();
#if defined(__x86_64__) || defined(__i386__)
  else
    __builtin_ia32_pause ();
#endif
}

/* Waits until *at is at least value, written by the other thread with
 * release. */
static void
wait_until (const gint64 *at,
            gint64        value)
{
  guint spins = 0;

  while (__atomic_load_n (at, __ATOMIC_ACQUIRE) < value)
    spin (&spins);
}

/* Waits until a node's needs of the week are done (its stamp). */
static void
wait_done (const gint *at,
           gint        stamp)
{
  guint spins = 0;

  while (__atomic_load_n (at, __ATOMIC_ACQUIRE) != stamp)
    spin (&spins);
}

PlanSplit *
_wfl_plan_split_new (WflSimulation *self,
                     WflSimRun     *run)
{
  int N = self->n_nodes, max_depth = 0;
  PlanSplit *split = g_new0 (PlanSplit, 1);
  g_autofree int *depth = g_new (int, MAX (N, 1));
  g_autofree int *level = NULL;

  for (int i = N - 1; i >= 0; i--)
    {
      int n = self->topo[i], d = 0;

      for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
        d = MAX (d, depth[self->link_to[self->out_links[k]]] + 1);
      depth[n] = d;
      max_depth = MAX (max_depth, d);
    }

  /* The nodes by depth, each depth in node order (a counting sort). */
  level = g_new0 (int, max_depth + 2);
  for (int n = 0; n < N; n++)
    level[depth[n] + 1]++;
  for (int d = 0; d <= max_depth; d++)
    level[d + 1] += level[d];
  split->nodes = g_new (int, MAX (N, 1));
  for (int n = 0; n < N; n++)
    split->nodes[level[depth[n]]++] = n;

  split->done = g_new0 (gint, MAX (N, 1));
  split->self = self;
  split->run = run;
  split->view = *run;
  split->view.lot_log = NULL;
  _wfl_simulation_plan_scratch_new (self, &split->view);
  return split;
}

void
_wfl_plan_split_free (PlanSplit *split)
{
  _wfl_simulation_plan_scratch_free (&split->view);
  g_free (split->nodes);
  g_free (split->done);
  g_free (split);
}

gint *
_wfl_plan_split_request (PlanSplit *split)
{
  return &split->request;
}

/* Takes nodes of week t's list until none is left: the loop (side 0) or
 * the thread (side 1). */
void
_wfl_plan_split_side (PlanSplit *split,
                      int        side,
                      int        t)
{
  WflSimulation *self = split->self;
  WflSimRun *run = side == 0 ? split->run : &split->view;
  gint64 base = (gint64) t * self->n_nodes, end = base + self->n_nodes;
  gint stamp = t + 1;

  for (;;)
    {
      gint64 at = __atomic_load_n (&split->cursor, __ATOMIC_RELAXED), to;

      do
        {
          if (at >= end || at < base)
            return;
          to = MIN (at + SPLIT_TAKE, end);
        }
      while (!__atomic_compare_exchange_n (&split->cursor, &at, to, TRUE,
                                           __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));

      for (gint64 i = at; i < to; i++)
        {
          int n = split->nodes[i - base];

          for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
            wait_done (&split->done[self->link_to[self->out_links[k]]], stamp);
          plan_node (self, run, n, t);
          __atomic_store_n (&split->done[n], stamp, __ATOMIC_RELEASE);
        }
      __atomic_add_fetch (&split->completed, to - at, __ATOMIC_RELEASE);
    }
}

void
_wfl_simulation_plan_week (WflSimulation *self,
                           WflSimRun     *run,
                           int            t)
{
  PlanSplit *split = run->lot_log != NULL ? run->lot_log->split : NULL;

  memcpy (run->prev_plan, run->plan_link, sizeof (double) * MAX (self->n_links, 1));
  compute_rates (self, run, t);
  if (split != NULL)
    {
      /* Every node's work in progress, summed before two threads read
       * it (wip_sums() sums on first use). */
      for (int n = 0; n < self->n_nodes; n++)
        if (self->kind[n] != WFL_NODE_KIND_CUSTOMER)
          wip_sums (self, run, n, t);
      _wfl_lot_log_plan (run->lot_log, t);
      if (self->lot_thread != 2)
        _wfl_plan_split_side (split, 0, t);
      wait_until (&split->completed, (gint64) (t + 1) * self->n_nodes);
      return;
    }
  for (int i = self->n_nodes - 1; i >= 0; i--)
    plan_node (self, run, self->topo[i], t);
}

/* For wfl-simulation-demand.c. */
void
_wfl_simulation_split_request (WflSimulation *self,
                               double        *dest,
                               int            line,
                               int            t,
                               double         request)
{
  split_into (self, dest, line, t, request);
}

double
_wfl_simulation_line_in_transit (WflSimulation *self,
                                 WflSimRun     *run,
                                 int            line,
                                 int            t)
{
  return line_in_transit (self, run, line, t);
}
