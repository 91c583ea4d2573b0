/* wfl-simulation-quota.c: allocation and availability of format version 2
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rules are docs/model.md's "Allocation" and "Availability":
 *
 *  - weighted-fair-share: max–min fair with the links' weights (weighted
 *    water-filling);
 *  - quota: per period of the node's quota-period, each link is served up
 *    to what is left of its quota (its own quota, plus what grants gave
 *    it, less what they took); when supply is short those links share it
 *    by weighted water-filling with what is left of their quotas as the
 *    weights; what is left passes to the links that want more than their
 *    quota, in priority then document order;
 *  - a closed link requests, counts on and receives nothing (its mix is 0,
 *    compiled into the mix table; its part is 0 here).
 *
 * Everything is compiled into flat arrays before the run; the weekly
 * functions allocate nothing. */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-simulation-internal.h"

/* ------------------------------------------------------------------ */
/* Compiling */

/* The key of the period that holds a date: its week (from the start,
 * negative before it), month or quarter. */
static int
period_key (WflSimulation *self,
            WflPeriod      kind,
            WflDate        date)
{
  int y, m, d;

  if (kind == WFL_PERIOD_WEEK)
    {
      gint64 days = (gint64) date - (gint64) self->start;

      return (int) (days >= 0 ? days / 7 : -((-days + 6) / 7));
    }
  wfl_date_to_ymd (date, &y, &m, &d);
  return kind == WFL_PERIOD_MONTH ? y * 12 + (m - 1) : y * 4 + (m - 1) / 3;
}

/* week → period, the first week of each period and each period's key,
 * for one kind: a period holds the weeks whose start date falls in it. */
static void
compile_periods (WflSimulation *self,
                 WflPeriod      kind)
{
  GArray *first, *keys;
  int prev_key = G_MININT;

  if (self->period_of_week[kind] != NULL)
    return;
  first = g_array_new (FALSE, FALSE, sizeof (int));
  keys = g_array_new (FALSE, FALSE, sizeof (int));
  self->period_of_week[kind] = g_new (int, MAX (self->n_weeks, 1));
  for (int t = 0; t < self->n_weeks; t++)
    {
      int key = period_key (self, kind, wfl_date_of_week (self->start, t));

      if (key != prev_key)
        {
          g_array_append_val (first, t);
          g_array_append_val (keys, key);
          prev_key = key;
        }
      self->period_of_week[kind][t] = (int) first->len - 1;
    }
  self->n_periods[kind] = (int) first->len;
  g_array_append_val (first, self->n_weeks);
  /* A GArray of int holds ints: its storage is suitably aligned. */
  self->period_first[kind] = (int *) (void *) g_array_free (first, FALSE);
  self->period_key[kind] = (int *) (void *) g_array_free (keys, FALSE);
}

/* The out link of node n to the node with id `to`, or -1. */
static int
find_out_link (WflSimulation *self,
               int            n,
               const char    *to)
{
  for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
    if (g_strcmp0 (self->node_id[self->link_to[self->out_links[k]]], to) == 0)
      return self->out_links[k];
  return -1;
}

/* Each row's own quota in each period: its schedule in the period's
 * first week. */
static void
compile_quota_rows (WflSimulation *self,
                    WflScenario   *scenario)
{
  int M = self->n_links, W = self->n_weeks;
  g_autofree double *weekly = g_new (double, MAX (W, 1));
  int total = 0;

  self->quota_row = g_new (int, MAX (M, 1));
  self->quota_row_link = g_new (int, MAX (M, 1));
  for (int l = 0; l < M; l++)
    {
      self->quota_row[l] = -1;
      if (self->allocation[self->link_from[l]] == WFL_ALLOCATION_QUOTA)
        {
          self->quota_row[l] = self->n_quota_rows;
          self->quota_row_link[self->n_quota_rows++] = l;
        }
    }
  self->quota_offset = g_new (int, self->n_quota_rows + 1);
  for (int r = 0; r < self->n_quota_rows; r++)
    {
      self->quota_offset[r] = total;
      total += self->n_periods[self->quota_kind[self->link_from[self->quota_row_link[r]]]];
    }
  self->quota_offset[self->n_quota_rows] = total;
  self->quota_own = g_new (double, MAX (total, 1));
  self->quota_granted = g_new0 (double, MAX (total, 1));
  self->quota_given = g_new0 (double, MAX (total, 1));
  for (int r = 0; r < self->n_quota_rows; r++)
    {
      int l = self->quota_row_link[r];
      int kind = self->quota_kind[self->link_from[l]];

      wfl_schedule_evaluate (wfl_scenario_get_link (scenario, l)->quota, self->start, W, 0, weekly);
      for (int p = 0; p < self->n_periods[kind]; p++)
        self->quota_own[self->quota_offset[r] + p] = weekly[self->period_first[kind][p]];
    }
}

/* One grant of node n in each of its periods, in document order: the
 * donor gives what it has left of the quantity (never below 0), and the
 * recipient receives just that. */
static void
compile_grant (WflSimulation  *self,
               int             n,
               guint           index,
               const WflGrant *grant,
               GArray         *periods,
               GPtrArray      *sources)
{
  int kind = self->quota_kind[n];
  int donor = find_out_link (self, n, grant->donor);
  int recipient = find_out_link (self, n, grant->recipient);
  int from, to, d, r;

  if (donor < 0 || recipient < 0 || grant->from == WFL_DATE_NONE)
    return;
  from = period_key (self, kind, grant->from);
  to = grant->to != WFL_DATE_NONE ? period_key (self, kind, grant->to) : from;
  d = self->quota_row[donor];
  r = self->quota_row[recipient];
  for (int p = 0; p < self->n_periods[kind]; p++)
    {
      int di = self->quota_offset[d] + p, ri = self->quota_offset[r] + p;
      double left = self->quota_own[di] + self->quota_granted[di] - self->quota_given[di];
      GrantPeriod gp = { { 0 } };

      if (self->period_key[kind][p] < from || self->period_key[kind][p] > to)
        continue;
      gp.pub.node = n;
      gp.pub.grant = index;
      gp.pub.donor_link = donor;
      gp.pub.recipient_link = recipient;
      gp.pub.first_week = self->period_first[kind][p];
      gp.pub.last_week = self->period_first[kind][p + 1] - 1;
      gp.pub.quantity = grant->quantity;
      gp.pub.moved = MIN (grant->quantity, MAX (left, 0));
      gp.donor_row = d;
      gp.recipient_row = r;
      self->quota_given[di] += gp.pub.moved;
      self->quota_granted[ri] += gp.pub.moved;
      g_array_append_val (periods, gp);
      g_ptr_array_add (sources, g_strdup (grant->source));
    }
}

void
_wfl_simulation_compile_quotas (WflSimulation *self,
                                WflScenario   *scenario)
{
  g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (GrantPeriod));
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  gboolean any_quota = FALSE;

  self->quota_kind = g_new0 (guint8, MAX (self->n_nodes, 1));
  for (int n = 0; n < self->n_nodes; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);

      self->quota_kind[n] = (guint8) node->quota_period;
      if (self->allocation[n] == WFL_ALLOCATION_QUOTA)
        {
          compile_periods (self, node->quota_period);
          any_quota = TRUE;
        }
    }
  if (!any_quota)
    {
      self->quota_row = g_new (int, MAX (self->n_links, 1));
      for (int l = 0; l < self->n_links; l++)
        self->quota_row[l] = -1;
      return;
    }

  compile_quota_rows (self, scenario);
  for (int n = 0; n < self->n_nodes; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);

      if (self->allocation[n] != WFL_ALLOCATION_QUOTA)
        continue;
      for (guint i = 0; i < node->grants->len; i++)
        compile_grant (self, n, i, g_ptr_array_index (node->grants, i), periods, sources);
    }
  self->n_grant_periods = (int) periods->len;
  self->grant_periods = (GrantPeriod *) (void *) g_array_free (g_steal_pointer (&periods), FALSE);
  g_ptr_array_add (sources, NULL);
  self->grant_source = (char **) g_ptr_array_free (g_steal_pointer (&sources), FALSE);
  for (int i = 0; i < self->n_grant_periods; i++)
    self->grant_periods[i].pub.source = self->grant_source[i];
}

void
_wfl_simulation_quotas_free (WflSimulation *self)
{
  for (int k = 0; k < 3; k++)
    {
      g_clear_pointer (&self->period_of_week[k], g_free);
      g_clear_pointer (&self->period_first[k], g_free);
      g_clear_pointer (&self->period_key[k], g_free);
    }
  g_clear_pointer (&self->quota_kind, g_free);
  g_clear_pointer (&self->quota_row, g_free);
  g_clear_pointer (&self->quota_row_link, g_free);
  g_clear_pointer (&self->quota_offset, g_free);
  g_clear_pointer (&self->quota_own, g_free);
  g_clear_pointer (&self->quota_granted, g_free);
  g_clear_pointer (&self->quota_given, g_free);
  g_clear_pointer (&self->grant_periods, g_free);
  for (int i = 0; self->grant_source != NULL && i < self->n_grant_periods; i++)
    g_free (self->grant_source[i]);
  g_clear_pointer (&self->grant_source, g_free);
}

/* ------------------------------------------------------------------ */
/* Run state */

void
_wfl_simulation_quota_run_new (WflSimulation *self,
                               WflSimRun     *run)
{
  int max_out = 1;

  for (int n = 0; n < self->n_nodes; n++)
    max_out = MAX (max_out, self->out_first[n + 1] - self->out_first[n]);
  run->quota_used = g_new0 (double, MAX (self->n_quota_rows, 1));
  run->quota_period = g_new (int, MAX (self->n_quota_rows, 1));
  run->alloc_cap = g_new (double, max_out);
  run->alloc_weight = g_new (double, max_out);
}

void
_wfl_simulation_quota_run_free (WflSimRun *run)
{
  g_free (run->quota_used);
  g_free (run->quota_period);
  g_free (run->alloc_cap);
  g_free (run->alloc_weight);
}

void
_wfl_simulation_quota_run_reset (WflSimulation *self,
                                 WflSimRun     *run)
{
  for (int r = 0; r < self->n_quota_rows; r++)
    {
      run->quota_used[r] = 0;
      run->quota_period[r] = -1;
    }
}

/* ------------------------------------------------------------------ */
/* The weekly allocation */

/* What link row r may take in period p: its quota, plus what grants gave
 * it, less what they took. */
static inline double
quota_allowed (WflSimulation *self,
               int            r,
               int            p)
{
  int i = self->quota_offset[r] + p;

  return self->quota_own[i] + self->quota_granted[i] - self->quota_given[i];
}

/* A weight for weighted_fill() from a quota or a weight schedule: never
 * negative, and small enough that k of them sum to a finite number (only
 * absurd quotas near DBL_MAX are cut). */
static inline double
fill_weight (double value,
             int    k)
{
  return MIN (MAX (value, 0), G_MAXDOUBLE / k);
}

/* Weighted water-filling over k entries: each entry with cap[i] > 0
 * gets min (cap[i], λ w[i]), λ chosen so that the whole supply goes out
 * (or every cap, when they fit).  Entries are served in ascending
 * cap / w (ties in index order), each the smaller of its cap and its
 * weight's part of what is left; entries of weight 0 come last and share
 * what the others leave by plain water-filling.  x receives the result. */
static void
weighted_fill (int           k,
               const double *cap,
               const double *w,
               double        supply,
               double       *x,
               int          *order)
{
  double left = supply, wsum = 0;
  int m = 0, positive = 0;

  for (int i = 0; i < k; i++)
    {
      gboolean zero = !(w[i] > 0);
      double key = zero ? cap[i] : cap[i] / w[i];
      int j;

      x[i] = 0;
      if (!(cap[i] > 0))
        continue;
      if (!zero)
        {
          wsum += w[i];
          positive++;
        }
      /* Insertion sort by (weight 0 last, key), stable. */
      j = m++;
      while (j > 0)
        {
          int o = order[j - 1];
          gboolean ozero = !(w[o] > 0);
          double okey = ozero ? cap[o] : cap[o] / w[o];

          if (ozero < zero || (ozero == zero && okey <= key))
            break;
          order[j] = o;
          j--;
        }
      order[j] = i;
    }

  for (int j = 0; j < m; j++)
    {
      int i = order[j];
      double give;

      if (w[i] > 0)
        {
          /* The last positive weight takes its cap from all that is left,
           * so that rounding in wsum never leaves or overdraws a crumb. */
          give = --positive == 0 ? left : left * (w[i] / wsum);
          wsum -= w[i];
        }
      else
        give = left / (m - j);
      give = MIN (MIN (give, cap[i]), left);
      x[i] = MAX (give, 0);
      left -= x[i];
    }
}

static void
allocate_quota (WflSimulation *self,
                WflSimRun     *run,
                int            n,
                int            t,
                double         supply,
                double         total)
{
  int a = self->out_first[n], b = self->out_first[n + 1], k = b - a;
  int kind = self->quota_kind[n];
  int p = self->period_of_week[kind][t];
  double *x = run->alloc, *cap = run->alloc_cap, *allow = run->alloc_weight;
  double within = 0;

  for (int i = 0; i < k; i++)
    {
      int l = self->out_links[a + i];
      int r = self->quota_row[l];

      if (run->quota_period[r] != p)
        {
          run->quota_period[r] = p;
          run->quota_used[r] = 0;
        }
      allow[i] = fill_weight (quota_allowed (self, r, p) - run->quota_used[r], k);
      cap[i] = MIN (run->req_link[l], allow[i]);
      within += cap[i];
    }

  if (total <= supply)
    {
      for (int i = 0; i < k; i++)
        x[i] = run->req_link[self->out_links[a + i]];
    }
  else if (within > supply)
    {
      /* Short: the links within their quotas share the supply by what is
       * left of their quotas. */
      weighted_fill (k, cap, allow, supply, x, run->order_scratch);
    }
  else
    {
      double left = supply - within;

      /* Every link gets what it asks within its quota; the rest passes
       * to the links that want more, in priority then document order. */
      for (int i = 0; i < k; i++)
        x[i] = cap[i];
      for (int j = a; j < b && left > 0; j++)
        {
          int i = self->out_priority[j];
          double more = run->req_link[self->out_links[a + i]] - cap[i];
          double give = MIN (MAX (more, 0), left);

          x[i] += give;
          left -= give;
        }
    }

  for (int i = 0; i < k; i++)
    run->quota_used[self->quota_row[self->out_links[a + i]]] += x[i];
}

void
_wfl_simulation_allocate_v2 (WflSimulation *self,
                             WflSimRun     *run,
                             int            n,
                             int            t,
                             double         supply)
{
  int a = self->out_first[n], b = self->out_first[n + 1], k = b - a;
  double total = 0;
  double *x = run->alloc;

  for (int i = 0; i < k; i++)
    total += run->req_link[self->out_links[a + i]];

  if (self->allocation[n] == WFL_ALLOCATION_QUOTA)
    {
      allocate_quota (self, run, n, t, supply, total);
      return;
    }

  if (total <= supply)
    {
      for (int i = 0; i < k; i++)
        x[i] = run->req_link[self->out_links[a + i]];
      return;
    }
  for (int i = 0; i < k; i++)
    {
      int l = self->out_links[a + i];

      run->alloc_cap[i] = run->req_link[l];
      run->alloc_weight[i] = fill_weight (table_at (&self->weight, l, t), k);
    }
  weighted_fill (k, run->alloc_cap, run->alloc_weight, supply, x, run->order_scratch);
}

/* ------------------------------------------------------------------ */
/* Parts (docs/model.md "Needs and requests") */

/* A link's part of its supplier's output: 0 when it is closed; under
 * fixed-share its share / Σ shares; otherwise its part of last week's
 * plan requests of the open links, never less than what the policy
 * guarantees it: its weight's part of the open links' weights
 * (weighted-fair-share), its allowed quota's part of theirs (quota), or
 * an equal part of the open links. */
void
_wfl_simulation_parts_v2 (WflSimulation *self,
                          WflSimRun     *run,
                          int            w,
                          int            t)
{
  int a = self->out_first[w], b = self->out_first[w + 1], n_out = b - a;
  int policy = self->allocation[w];
  int n_open = 0;
  double total = 0, guaranteed = 0;
  int p = policy == WFL_ALLOCATION_QUOTA ? self->period_of_week[self->quota_kind[w]][t] : 0;

  for (int k = a; k < b; k++)
    {
      int l = self->out_links[k];

      if (!link_open (self, l, t))
        continue;
      n_open++;
      total += run->prev_plan[l];
      if (policy == WFL_ALLOCATION_WEIGHTED_FAIR_SHARE)
        guaranteed += fill_weight (table_at (&self->weight, l, t), n_out);
      else if (policy == WFL_ALLOCATION_QUOTA)
        guaranteed += fill_weight (quota_allowed (self, self->quota_row[l], p), n_out);
    }

  for (int k = a; k < b; k++)
    {
      int l = self->out_links[k];
      double g;

      if (!link_open (self, l, t))
        {
          run->part[l] = 0;
          continue;
        }
      if (policy == WFL_ALLOCATION_FIXED_SHARE)
        {
          run->part[l] = self->share_sum[w] > 0 ? self->link_share[l] / self->share_sum[w] : 0;
          continue;
        }
      if (policy == WFL_ALLOCATION_WEIGHTED_FAIR_SHARE && guaranteed > 0)
        g = fill_weight (table_at (&self->weight, l, t), n_out) / guaranteed;
      else if (policy == WFL_ALLOCATION_QUOTA && guaranteed > 0)
        g = fill_weight (quota_allowed (self, self->quota_row[l], p), n_out) / guaranteed;
      else
        g = 1.0 / n_open;
      run->part[l] = total > 0 ? MAX (run->prev_plan[l] / total, g) : g;
    }
}

/* ------------------------------------------------------------------ */
/* Results */

WflAllocation
wfl_simulation_get_node_allocation (WflSimulation *self,
                                    guint          node)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), WFL_ALLOCATION_PROPORTIONAL);
  g_return_val_if_fail ((int) node < self->n_nodes, WFL_ALLOCATION_PROPORTIONAL);
  return (WflAllocation) self->allocation[node];
}

WflPeriod
wfl_simulation_get_node_quota_period (WflSimulation *self,
                                      guint          node)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), WFL_PERIOD_QUARTER);
  g_return_val_if_fail ((int) node < self->n_nodes, WFL_PERIOD_QUARTER);
  return (WflPeriod) self->quota_kind[node];
}

guint
wfl_simulation_get_n_quota_periods (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return self->n_quota_rows > 0 ? (guint) self->quota_offset[self->n_quota_rows] : 0;
}

void
wfl_simulation_get_quota_period (WflSimulation  *self,
                                 guint           i,
                                 WflQuotaPeriod *out)
{
  int lo = 0, hi, r, l, kind, p;

  g_return_if_fail (WFL_IS_SIMULATION (self));
  g_return_if_fail (self->has_run);
  g_return_if_fail (i < wfl_simulation_get_n_quota_periods (self));

  /* The row whose range holds i. */
  hi = self->n_quota_rows - 1;
  while (lo < hi)
    {
      int mid = (lo + hi + 1) / 2;

      if (self->quota_offset[mid] <= (int) i)
        lo = mid;
      else
        hi = mid - 1;
    }
  r = lo;
  l = self->quota_row_link[r];
  kind = self->quota_kind[self->link_from[l]];
  p = (int) i - self->quota_offset[r];

  out->link = l;
  out->first_week = self->period_first[kind][p];
  out->last_week = self->period_first[kind][p + 1] - 1;
  out->quota = self->quota_own[i];
  out->granted = self->quota_granted[i];
  out->given_up = self->quota_given[i];
  out->delivered = wfl_simulation_sum_link_shipped (self, l, out->first_week, out->last_week);
}

int
wfl_simulation_find_quota_period (WflSimulation *self,
                                  guint          link,
                                  int            week)
{
  int r, kind;

  g_return_val_if_fail (WFL_IS_SIMULATION (self), -1);
  g_return_val_if_fail ((int) link < self->n_links, -1);

  r = self->quota_row[link];
  if (r < 0 || week < 0 || week >= self->n_weeks)
    return -1;
  kind = self->quota_kind[self->link_from[link]];
  return self->quota_offset[r] + self->period_of_week[kind][week];
}

guint
wfl_simulation_get_n_grant_periods (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_grant_periods;
}

const WflGrantPeriod *
wfl_simulation_get_grant_period (WflSimulation *self,
                                 guint          i)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), NULL);
  g_return_val_if_fail ((int) i < self->n_grant_periods, NULL);
  return &self->grant_periods[i].pub;
}

gboolean
wfl_simulation_link_is_open (WflSimulation *self,
                             guint          link,
                             int            week)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), TRUE);
  g_return_val_if_fail ((int) link < self->n_links, TRUE);
  if (week < 0 || week >= self->n_weeks)
    return TRUE;
  return link_open (self, link, week);
}

double
_wfl_simulation_get_last_part (WflSimulation *self,
                               guint          link)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), NAN);
  g_return_val_if_fail (self->run != NULL && (int) link < self->n_links, NAN);
  return self->run->part[link];
}
