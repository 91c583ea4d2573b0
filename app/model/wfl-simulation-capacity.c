/* wfl-simulation-capacity.c: pools, capacity expansions and equipment suppliers
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/model.md, "Shared capacity (pools)" and "Capacity expansions":
 *
 *  - A pool is a capacity its users share.  The weekly loop treats it in
 *    start_pool() and use_pool_lines() (wfl-simulation-step.c); here are
 *    only the lists it needs: which nodes are pools, which lines draw on
 *    them.
 *  - An expansion adds to its node's capacity from the week it is
 *    qualified.  Its dates do not depend on the simulation, so they are
 *    worked out once, at compile time, and folded into the capacity table
 *    (rows with expansions always get a column of their own).  An
 *    equipment supplier serves the tools of its expansions in order of
 *    their order dates at its own capacity and lead time.
 *  - The bottleneck ranking runs variants with one node's capacity
 *    scaled; when that node is an equipment supplier its expansions come
 *    earlier, so such a variant serves them again and uses a copy of the
 *    capacity table with the rows it changes recomputed the same way.
 *  - After the weekly loop, an equipment supplier's rows are written from
 *    the same serving: tools waiting (requirement), started, delivered,
 *    delivered so far (stock), and whether capacity held tools back.
 */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfl-simulation-internal.h"
#include "wfl-validate-private.h"

/* ------------------------------------------------------------------ */
/* Compiling */

/* The week of a date, counted from the calendar's start, negative before
 * it (wfl_week_of_date() puts such dates in week 0). */
static int
signed_week (WflDate start,
             WflDate date)
{
  gint64 days = (gint64) date - (gint64) start;

  return (int) (days >= 0 ? days / 7 : -((-days + 6) / 7));
}

typedef struct
{
  int index;
  int supplier;
  int ordered;
} QueueKey;

static int
compare_queue_keys (gconstpointer a,
                    gconstpointer b)
{
  const QueueKey *ka = a, *kb = b;

  if (ka->supplier != kb->supplier)
    return ka->supplier < kb->supplier ? -1 : 1;
  if (ka->ordered != kb->ordered)
    return ka->ordered < kb->ordered ? -1 : 1;
  return ka->index < kb->index ? -1 : (ka->index > kb->index);
}

/* An equipment supplier's capacity in week w: before the calendar the
 * first week's, after it the last week's. */
static inline double
cap_in_week (const double *cap,
             int           W,
             int           w)
{
  return cap[CLAMP (w, 0, W - 1)];
}

/* The rows of an equipment supplier for weeks 0 … W − 1 (NULL when not
 * wanted); the arrays are week-major with stride n_nodes. */
typedef struct
{
  double *requirement;
  double *starts;
  double *completed;
  double *stock_end;
  guint8 *binding;
  int    *binding_line;
  int     node;
  int     stride;
} SupplierRows;

static void
rows_clear (SupplierRows *rows,
            int           W)
{
  for (int t = 0; t < W; t++)
    {
      gsize nt = (gsize) t * rows->stride + rows->node;

      rows->requirement[nt] = 0;
      rows->starts[nt] = 0;
      rows->completed[nt] = 0;
      rows->stock_end[nt] = 0;
      rows->binding[nt] = WFL_BINDING_DEMAND;
      rows->binding_line[nt] = -1;
    }
}

/* Serves the tools of the expansions queue[0 … n) of one supplier, week
 * by week from the first order: in each week it starts up to its capacity
 * of the tools ordered by then, first come first served; a tool started
 * in week w arrives in week w + lead.  Fills tools_start and tools_done
 * per expansion (WFL_WEEK_NEVER when its tools are not all started within
 * WFL_MAX_WEEKS weeks after the calendar), and the rows when given. */
static void
serve_supplier (WflSimulation *self,
                const int     *queue,
                int            n,
                const double  *cap,
                int            lead,
                int           *tools_start,
                int           *tools_done,
                SupplierRows  *rows)
{
  int W = self->n_weeks;
  int horizon = W - 1 + WFL_MAX_WEEKS;
  int k = 0;
  double left;
  int t;

  for (int i = 0; i < n; i++)
    tools_start[queue[i]] = tools_done[queue[i]] = WFL_WEEK_NEVER;
  if (rows != NULL)
    rows_clear (rows, W);
  if (n == 0)
    return;

  left = self->exp_tools[queue[0]];
  t = self->exp_ordered[queue[0]];
  while (k < n && t <= horizon)
    {
      double budget, started = 0, waiting = 0;

      if (self->exp_ordered[queue[k]] > t)
        {
          /* Nothing ordered yet: skip to the next order. */
          t = self->exp_ordered[queue[k]];
          continue;
        }
      if (rows != NULL && t >= 0 && t < W)
        {
          waiting = left;
          for (int j = k + 1; j < n && self->exp_ordered[queue[j]] <= t; j++)
            waiting += self->exp_tools[queue[j]];
        }

      budget = cap_in_week (cap, W, t);
      while (k < n && self->exp_ordered[queue[k]] <= t && budget > 0)
        {
          int x = queue[k];
          double take = MIN (left, budget);

          if (tools_start[x] == WFL_WEEK_NEVER)
            tools_start[x] = t;
          left -= take;
          budget -= take;
          started += take;
          if (left <= EPS * MAX (self->exp_tools[x], 1.0))
            {
              tools_done[x] = t + lead;
              if (++k < n)
                left = self->exp_tools[queue[k]];
            }
        }

      if (rows != NULL)
        {
          if (t >= 0 && t < W)
            {
              gsize nt = (gsize) t * rows->stride + rows->node;

              rows->requirement[nt] = waiting;
              rows->starts[nt] = started;
              rows->binding[nt] = started < waiting * (1 - EPS) ? WFL_BINDING_CAPACITY : WFL_BINDING_DEMAND;
            }
          if (t + lead >= 0 && t + lead < W)
            rows->completed[(gsize) (t + lead) * rows->stride + rows->node] += started;
        }
      t++;
    }

  if (rows != NULL)
    {
      double delivered = 0;

      for (int w = 0; w < W; w++)
        {
          gsize nt = (gsize) w * rows->stride + rows->node;

          delivered += rows->completed[nt];
          rows->stock_end[nt] = delivered;
        }
    }
}

/* The delivery and qualification weeks of expansion x from its tools. */
static void
expansion_dates (WflSimulation *self,
                 int            x,
                 const int     *tools_done,
                 int           *delivered,
                 int           *qualified)
{
  int done = self->exp_supplier[x] >= 0 ? tools_done[x] : self->exp_ordered[x];

  if (done == WFL_WEEK_NEVER)
    {
      *delivered = *qualified = WFL_WEEK_NEVER;
      return;
    }
  *delivered = done + self->exp_lead[x];
  *qualified = *delivered + self->exp_qualification[x];
}

static void
read_expansions (WflSimulation *self,
                 WflScenario   *scenario)
{
  int N = self->n_nodes, X = 0, x = 0;

  for (int n = 0; n < N; n++)
    X += (int) wfl_scenario_get_node (scenario, n)->expansions->len;
  self->n_expansions = X;
  self->exp_node = g_new (int, MAX (X, 1));
  self->exp_amount = g_new (double, MAX (X, 1));
  self->exp_ordered = g_new (int, MAX (X, 1));
  self->exp_ordered_date = g_new (WflDate, MAX (X, 1));
  self->exp_lead = g_new (int, MAX (X, 1));
  self->exp_qualification = g_new (int, MAX (X, 1));
  self->exp_supplier = g_new (int, MAX (X, 1));
  self->exp_tools = g_new (double, MAX (X, 1));
  self->exp_tools_start = g_new (int, MAX (X, 1));
  self->exp_tools_done = g_new (int, MAX (X, 1));
  self->exp_delivered = g_new (int, MAX (X, 1));
  self->exp_qualified = g_new (int, MAX (X, 1));
  for (int n = 0; n < N; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);

      for (guint i = 0; i < node->expansions->len; i++, x++)
        {
          WflExpansion *e = g_ptr_array_index (node->expansions, i);

          self->exp_node[x] = n;
          self->exp_amount[x] = e->capacity;
          self->exp_ordered_date[x] = e->ordered;
          self->exp_ordered[x] = signed_week (self->start, e->ordered);
          self->exp_lead[x] = e->lead_weeks;
          self->exp_qualification[x] = e->qualification_weeks;
          self->exp_supplier[x] = e->supplier != NULL ? wfl_scenario_find_node_index (scenario, e->supplier) : -1;
          self->exp_tools[x] = self->exp_supplier[x] >= 0 ? e->tools : 0;
          self->exp_tools_start[x] = self->exp_tools_done[x] = self->exp_ordered[x];
        }
    }
}

/* The queue of each supplier: its expansions by order week, then in
 * document order. */
static void
build_queues (WflSimulation *self)
{
  int N = self->n_nodes, X = self->n_expansions, q = 0;
  g_autofree QueueKey *keys = g_new (QueueKey, MAX (X, 1));

  for (int x = 0; x < X; x++)
    if (self->exp_supplier[x] >= 0)
      keys[q++] = (QueueKey) { x, self->exp_supplier[x], self->exp_ordered[x] };
  qsort (keys, q, sizeof (QueueKey), compare_queue_keys);
  self->exp_queue = g_new (int, MAX (q, 1));
  self->exp_queue_first = g_new0 (int, N + 1);
  for (int i = 0; i < q; i++)
    {
      self->exp_queue[i] = keys[i].index;
      self->exp_queue_first[keys[i].supplier + 1]++;
    }
  for (int n = 0; n < N; n++)
    self->exp_queue_first[n + 1] += self->exp_queue_first[n];
}

void
_wfl_simulation_compile_expansions (WflSimulation *self,
                                    WflScenario   *scenario)
{
  int N = self->n_nodes, W = self->n_weeks, rows = 0;
  g_autofree double *cap = NULL;

  read_expansions (self, scenario);
  if (self->n_expansions == 0)
    return;
  build_queues (self);

  /* Serve every supplier at its own capacity. */
  cap = g_new (double, W);
  for (int e = 0; e < N; e++)
    {
      int a = self->exp_queue_first[e], b = self->exp_queue_first[e + 1];

      if (a == b)
        continue;
      wfl_schedule_evaluate (self->has_capacity[e] ? wfl_scenario_get_node (scenario, e)->capacity : NULL,
                             self->start, W, INFINITY, cap);
      serve_supplier (self, self->exp_queue + a, b - a, cap, self->lead[e],
                      self->exp_tools_start, self->exp_tools_done, NULL);
    }
  for (int x = 0; x < self->n_expansions; x++)
    expansion_dates (self, x, self->exp_tools_done, &self->exp_delivered[x], &self->exp_qualified[x]);

  /* Every expanded node gets a row of its base capacity. */
  self->exp_row = g_new (int, MAX (N, 1));
  for (int n = 0; n < N; n++)
    self->exp_row[n] = -1;
  for (int x = 0; x < self->n_expansions; x++)
    if (self->exp_row[self->exp_node[x]] < 0)
      self->exp_row[self->exp_node[x]] = rows++;
  self->exp_base = g_new (double, (gsize) rows * W);
}

/* out[t] = base[t] + the expansions of n qualified by week t, added in
 * document order. */
static void
add_expansions (WflSimulation *self,
                int            n,
                const int     *qualified,
                double        *out)
{
  const double *base = self->exp_base + (gsize) self->exp_row[n] * self->n_weeks;

  for (int t = 0; t < self->n_weeks; t++)
    {
      double c = base[t];

      for (int x = 0; x < self->n_expansions; x++)
        if (self->exp_node[x] == n && qualified[x] <= t)
          c += self->exp_amount[x];
      out[t] = c;
    }
}

void
_wfl_simulation_expand_row (WflSimulation *self,
                            int            n,
                            double        *out)
{
  if (self->exp_row == NULL || self->exp_row[n] < 0)
    return;
  memcpy (self->exp_base + (gsize) self->exp_row[n] * self->n_weeks, out, sizeof (double) * self->n_weeks);
  add_expansions (self, n, self->exp_qualified, out);
}

void
_wfl_simulation_compile_pools (WflSimulation *self)
{
  self->pool_nodes = g_new (int, MAX (self->n_nodes, 1));
  for (int n = 0; n < self->n_nodes; n++)
    if (self->kind[n] == WFL_NODE_KIND_POOL)
      self->pool_nodes[self->n_pool_nodes++] = n;
  self->line_is_pool = g_new0 (guint8, MAX (self->n_lines, 1));
  for (int l = 0; l < self->n_links; l++)
    if (self->kind[self->link_from[l]] == WFL_NODE_KIND_POOL)
      self->line_is_pool[self->link_line[l]] = TRUE;
}

/* ------------------------------------------------------------------ */
/* Runs */

/* Equipment supplier e's capacity in the run, week by week. */
static void
run_capacity (WflSimulation *self,
              WflSimRun     *run,
              int            e,
              double        *cap)
{
  for (int t = 0; t < self->n_weeks; t++)
    cap[t] = table_at (&self->capacity, e, t) * (e == run->scaled_node ? run->factor : 1);
}

void
_wfl_simulation_capacity_begin (WflSimulation *self,
                                WflSimRun     *run)
{
  int e = run->scaled_node, W = self->n_weeks;
  g_autofree double *cap = NULL;
  g_autofree int *tools_start = NULL;
  g_autofree int *tools_done = NULL;
  g_autofree double *column = NULL;

  run->cap = &self->capacity;
  if (e < 0 || self->n_expansions == 0 || self->exp_queue_first[e] == self->exp_queue_first[e + 1])
    return;

  /* A variant of an equipment supplier: serve its tools again. */
  cap = g_new (double, W);
  tools_start = g_memdup2 (self->exp_tools_start, sizeof (int) * self->n_expansions);
  tools_done = g_memdup2 (self->exp_tools_done, sizeof (int) * self->n_expansions);
  if (run->exp_qualified == NULL)
    run->exp_qualified = g_new (int, self->n_expansions);
  run_capacity (self, run, e, cap);
  serve_supplier (self, self->exp_queue + self->exp_queue_first[e],
                  self->exp_queue_first[e + 1] - self->exp_queue_first[e],
                  cap, self->lead[e], tools_start, tools_done, NULL);
  for (int x = 0; x < self->n_expansions; x++)
    {
      int delivered;

      expansion_dates (self, x, tools_done, &delivered, &run->exp_qualified[x]);
    }

  /* A copy of the table, the rows of the nodes it expands recomputed. */
  if (run->cap_variant.varying == NULL)
    run->cap_variant.varying = big_new (double, (gsize) MAX (self->capacity.n_varying, 1) * W);
  run->cap_variant.value = self->capacity.value;
  run->cap_variant.column = self->capacity.column;
  run->cap_variant.n_varying = self->capacity.n_varying;
  memcpy (run->cap_variant.varying, self->capacity.varying,
          sizeof (double) * (gsize) self->capacity.n_varying * W);
  column = g_new (double, W);
  for (int n = 0; n < self->n_nodes; n++)
    {
      int col = self->capacity.column[n];
      gboolean touched = FALSE;

      for (int x = 0; x < self->n_expansions && !touched; x++)
        touched = self->exp_node[x] == n && self->exp_supplier[x] == e;
      if (!touched || col < 0)
        continue;
      add_expansions (self, n, run->exp_qualified, column);
      for (int t = 0; t < W; t++)
        run->cap_variant.varying[(gsize) t * self->capacity.n_varying + col] = column[t];
    }
  run->cap = &run->cap_variant;
}

void
_wfl_simulation_capacity_end (WflSimulation *self,
                              WflSimRun     *run)
{
  g_autofree double *cap = NULL;
  g_autofree int *tools_start = NULL;
  g_autofree int *tools_done = NULL;

  if (self->n_expansions == 0)
    return;
  cap = g_new (double, self->n_weeks);
  tools_start = g_new (int, self->n_expansions);
  tools_done = g_new (int, self->n_expansions);
  for (int e = 0; e < self->n_nodes; e++)
    {
      SupplierRows rows = { run->requirement, run->starts, run->completed, run->stock_end,
                            run->binding, run->binding_line, e, self->n_nodes };
      int a = self->exp_queue_first[e], b = self->exp_queue_first[e + 1];

      if (self->kind[e] != WFL_NODE_KIND_EQUIPMENT)
        continue;
      run_capacity (self, run, e, cap);
      serve_supplier (self, self->exp_queue + a, b - a, cap, self->lead[e], tools_start, tools_done, &rows);
    }
}

/* ------------------------------------------------------------------ */
/* Results */

guint
wfl_simulation_get_n_expansions (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_expansions;
}

gboolean
wfl_simulation_get_expansion (WflSimulation      *self,
                              guint               expansion,
                              WflExpansionResult *result)
{
  int x = (int) expansion;

  g_return_val_if_fail (WFL_IS_SIMULATION (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  if (x >= self->n_expansions)
    return FALSE;
  result->node = (guint) self->exp_node[x];
  result->supplier = self->exp_supplier[x];
  result->capacity = self->exp_amount[x];
  result->tools = self->exp_tools[x];
  result->ordered = self->exp_ordered_date[x];
  result->ordered_week = self->exp_ordered[x];
  result->tools_start_week = self->exp_tools_start[x];
  result->tools_done_week = self->exp_tools_done[x];
  result->delivered_week = self->exp_delivered[x];
  result->qualified_week = self->exp_qualified[x];
  return TRUE;
}

void
_wfl_simulation_capacity_run_free (WflSimRun *run)
{
  g_clear_pointer (&run->cap_variant.varying, _wfl_big_free);
  g_clear_pointer (&run->exp_qualified, g_free);
}

void
_wfl_simulation_capacity_free (WflSimulation *self)
{
  g_free (self->pool_nodes);
  g_free (self->line_is_pool);
  g_free (self->exp_node);
  g_free (self->exp_amount);
  g_free (self->exp_ordered);
  g_free (self->exp_ordered_date);
  g_free (self->exp_lead);
  g_free (self->exp_qualification);
  g_free (self->exp_supplier);
  g_free (self->exp_tools);
  g_free (self->exp_queue);
  g_free (self->exp_queue_first);
  g_free (self->exp_tools_start);
  g_free (self->exp_tools_done);
  g_free (self->exp_delivered);
  g_free (self->exp_qualified);
  g_free (self->exp_row);
  g_free (self->exp_base);
}
