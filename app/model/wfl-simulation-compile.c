/* wfl-simulation-compile.c: a scenario into the simulation's flat arrays
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wfl-simulation-internal.h"

/* ------------------------------------------------------------------ */
/* Compiling */

/* Kahn's algorithm; among ready nodes the lowest document index goes
 * first (a binary min-heap), so the order is fixed by the document. */
static void
compute_topo_order (WflSimulation *self)
{
  int n = self->n_nodes;
  g_autofree int *indegree = g_new0 (int, n);
  g_autofree int *heap = g_new (int, MAX (n, 1));
  int heap_len = 0;
  int done = 0;

  for (int l = 0; l < self->n_links; l++)
    indegree[self->link_to[l]]++;

#define HEAP_PUSH(v) G_STMT_START {                                    \
    int _i = heap_len++;                                                \
    heap[_i] = (v);                                                     \
    while (_i > 0 && heap[(_i - 1) / 2] > heap[_i])                     \
      {                                                                 \
        int _p = (_i - 1) / 2, _t = heap[_p];                           \
        heap[_p] = heap[_i]; heap[_i] = _t; _i = _p;                    \
      }                                                                 \
  } G_STMT_END

  for (int v = 0; v < n; v++)
    if (indegree[v] == 0)
      HEAP_PUSH (v);

  while (heap_len > 0)
    {
      int v = heap[0];
      int i = 0;

      heap[0] = heap[--heap_len];
      for (;;)
        {
          int l = 2 * i + 1, r = l + 1, m = i, t;

          if (l < heap_len && heap[l] < heap[m])
            m = l;
          if (r < heap_len && heap[r] < heap[m])
            m = r;
          if (m == i)
            break;
          t = heap[m]; heap[m] = heap[i]; heap[i] = t; i = m;
        }

      self->rank[v] = done;
      self->topo[done++] = v;
      for (int k = self->out_first[v]; k < self->out_first[v + 1]; k++)
        {
          int w = self->link_to[self->out_links[k]];

          if (--indegree[w] == 0)
            HEAP_PUSH (w);
        }
    }
#undef HEAP_PUSH

  g_assert (done == n);  /* validation rejects cycles */
}

static void
compile_quarters (WflSimulation *self)
{
  int prev_key = G_MININT;
  GArray *first = g_array_new (FALSE, FALSE, sizeof (int));

  self->week_quarter = g_new (int, self->n_weeks);
  for (int t = 0; t < self->n_weeks; t++)
    {
      int y, m, d, key;

      wfl_date_to_ymd (wfl_date_of_week (self->start, t), &y, &m, &d);
      key = y * 4 + (m - 1) / 3;
      if (key != prev_key)
        {
          g_array_append_val (first, t);
          prev_key = key;
        }
      self->week_quarter[t] = (int) first->len - 1;
    }
  self->n_quarters = (int) first->len;
  g_array_append_val (first, self->n_weeks);
  /* A GArray of int holds ints: its storage is suitably aligned. */
  self->quarter_first = (int *) (void *) g_array_free (first, FALSE);
}

typedef struct
{
  int    index;
  int    priority;
  WflDate placed;
} OrderKey;

static int
compare_order_keys (gconstpointer a,
                    gconstpointer b)
{
  const OrderKey *ka = a, *kb = b;

  if (ka->priority != kb->priority)
    return ka->priority < kb->priority ? -1 : 1;
  if (ka->placed != kb->placed)
    return ka->placed < kb->placed ? -1 : 1;
  return ka->index < kb->index ? -1 : (ka->index > kb->index);
}

#define SCATTER_BLOCK 16

/* dest[t × rows + r0 + b] = block[b × W + t] */
static void
scatter_rows (double       *dest,
              int           rows,
              int           W,
              int           r0,
              int           nb,
              const double *block)
{
  for (int t = 0; t < W; t++)
    for (int b = 0; b < nb; b++)
      dest[(gsize) t * rows + r0 + b] = block[(gsize) b * W + t];
}

/* Evaluates one row of a schedule table, week by week, into out. */
typedef void (*RowEval) (WflSimulation *self,
                         WflScenario   *scenario,
                         int            row,
                         double        *out);

static void
eval_capacity (WflSimulation *self,
               WflScenario   *scenario,
               int            n,
               double        *out)
{
  wfl_schedule_evaluate (self->has_capacity[n] ? wfl_scenario_get_node (scenario, n)->capacity : NULL,
                         self->start, self->n_weeks, INFINITY, out);
  _wfl_simulation_expand_row (self, n, out);
  /* Edits of an experiment (wfl_simulation_new_with_edits()): × factor in
   * their weeks; a factor of 0 stops even an unlimited node. */
  for (guint i = 0; i < self->n_edits; i++)
    if (self->edits[i].node == (guint) n)
      for (int t = MAX (self->edits[i].from_week, 0); t < MIN (self->edits[i].to_week, self->n_weeks); t++)
        out[t] = self->edits[i].factor == 0 ? 0 : out[t] * self->edits[i].factor;
}

static void
eval_yield (WflSimulation *self,
            WflScenario   *scenario,
            int            n,
            double        *out)
{
  WflNode *node = wfl_scenario_get_node (scenario, n);

  wfl_schedule_evaluate (node->kind == WFL_NODE_KIND_CUSTOMER ? NULL : node->yield,
                         self->start, self->n_weeks, 1, out);
}

static void
eval_mix (WflSimulation *self,
          WflScenario   *scenario,
          int            l,
          double        *out)
{
  wfl_schedule_evaluate (wfl_scenario_get_link (scenario, l)->mix,
                         self->start, self->n_weeks, 1, out);
  /* A closed link's mix counts as 0 (docs/model.md "Availability"). */
  if (self->has_availability)
    for (int t = 0; t < self->n_weeks; t++)
      out[t] *= table_at (&self->open, l, t);
}

/* Version 2: availability and weights ------------------------------------ */

static void
eval_open (WflSimulation *self,
           WflScenario   *scenario,
           int            l,
           double        *out)
{
  wfl_availability_evaluate (wfl_scenario_get_link (scenario, l)->availability,
                             self->start, self->n_weeks, out);
}

static void
eval_weight (WflSimulation *self,
             WflScenario   *scenario,
             int            l,
             double        *out)
{
  wfl_schedule_evaluate (wfl_scenario_get_link (scenario, l)->weight,
                         self->start, self->n_weeks, 1, out);
}


/* Compiles a schedule of every row into table: a first pass finds the
 * rows whose weekly values are not all bit-identical, a second evaluates
 * just those again, a block of rows at a time, into the week-major table
 * (writing one row across the weeks would touch a different cache line
 * for every week). */
static void
table_compile (Table         *table,
               WflSimulation *self,
               WflScenario   *scenario,
               int            rows,
               RowEval        eval)
{
  int W = self->n_weeks;
  g_autofree double *block = g_new (double, (gsize) SCATTER_BLOCK * W);
  g_autofree int *varying_rows = g_new (int, MAX (rows, 1));
  int n_varying = 0;

  table->value = g_new (double, MAX (rows, 1));
  table->column = g_new (int, MAX (rows, 1));
  for (int r = 0; r < rows; r++)
    {
      eval (self, scenario, r, block);
      table->value[r] = block[0];
      table->column[r] = -1;
      /* Expanded rows always get a column: a variant may move their steps. */
      if (table == &self->capacity && self->exp_row != NULL && self->exp_row[r] >= 0)
        {
          table->column[r] = n_varying;
          varying_rows[n_varying++] = r;
          continue;
        }
      for (int t = 1; t < W; t++)
        if (memcmp (&block[t], &block[0], sizeof (double)) != 0)
          {
            table->column[r] = n_varying;
            varying_rows[n_varying++] = r;
            break;
          }
    }

  table->n_varying = n_varying;
  table->varying = big_new (double, (gsize) n_varying * W);
  for (int i0 = 0; i0 < n_varying; i0 += SCATTER_BLOCK)
    {
      int nb = MIN (SCATTER_BLOCK, n_varying - i0);

      for (int b = 0; b < nb; b++)
        eval (self, scenario, varying_rows[i0 + b], block + (gsize) b * W);
      scatter_rows (table->varying, n_varying, W, i0, nb, block);
    }
}

/* The tables of version 2's links, each only when the scenario uses it
 * (the quotas are compiled in wfl-simulation-quota.c). */
static void
compile_availability (WflSimulation *self,
                      WflScenario   *scenario)
{
  for (int l = 0; l < self->n_links && !self->has_availability; l++)
    self->has_availability = wfl_schedule_get_n_points (wfl_scenario_get_link (scenario, l)->availability) > 0;
  if (self->has_availability)
    table_compile (&self->open, self, scenario, self->n_links, eval_open);
}

static void
compile_weights (WflSimulation *self,
                 WflScenario   *scenario)
{
  for (int n = 0; n < self->n_nodes && !self->has_weights; n++)
    self->has_weights = self->allocation[n] == WFL_ALLOCATION_WEIGHTED_FAIR_SHARE;
  if (self->has_weights)
    table_compile (&self->weight, self, scenario, self->n_links, eval_weight);
}

/* The per-node arrays; returns the number of customers. */
static int
compile_nodes (WflSimulation *self,
               WflScenario   *scenario)
{
  int N = self->n_nodes;
  int n_customers = 0;

  self->node_id = g_new0 (char *, N);
  self->node_name = g_new0 (char *, N);
  self->node_unit = g_new0 (char *, N);
  self->kind = g_new0 (guint8, N);
  self->lead = g_new0 (int, N);
  self->allocation = g_new0 (guint8, N);
  self->initial_rate = g_new0 (double, N);
  self->initial_stock = g_new0 (double, N);
  self->has_capacity = g_new0 (gboolean, N);
  self->topo = g_new (int, N);
  self->rank = g_new (int, N);
  self->share_sum = g_new0 (double, N);
  self->cust_row = g_new (int, N);

  for (int n = 0; n < N; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);

      self->node_id[n] = g_strdup (node->id);
      self->node_name[n] = g_strdup (wfl_node_get_display_name (node));
      self->node_unit[n] = g_strdup (node->unit != NULL ? node->unit : "");
      self->kind[n] = (guint8) node->kind;
      self->lead[n] = node->kind == WFL_NODE_KIND_CUSTOMER ? 0 : node->lead_weeks;
      self->allocation[n] = (guint8) node->allocation;
      self->initial_rate[n] = node->kind == WFL_NODE_KIND_CUSTOMER ? 0 : node->initial_rate;
      self->initial_stock[n] = node->kind == WFL_NODE_KIND_CUSTOMER ? 0 : node->initial_stock;
      self->has_capacity[n] = node->kind != WFL_NODE_KIND_CUSTOMER &&
                              wfl_schedule_get_n_points (node->capacity) > 0;
      self->cust_row[n] = node->kind == WFL_NODE_KIND_CUSTOMER ? n_customers++ : -1;
    }
  return n_customers;
}

/* The lines as the links name them, numbered in document order of their
 * first link (number_lines() numbers them node by node): a link's line in
 * tmp_link_line, a line's node and name in tmp_line_node and
 * tmp_line_name (the link's input, not copied).  Each array has room
 * for one value per link.  Returns the number of lines. */
static int
compile_links (WflSimulation  *self,
               WflScenario    *scenario,
               int            *tmp_line_node,
               int            *tmp_link_line,
               char          **tmp_line_name)
{
  int M = self->n_links;
  g_autoptr(GHashTable) line_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int n_tmp = 0;

  self->link_from = g_new (int, M);
  self->link_to = g_new (int, M);
  self->link_line = g_new (int, M);
  self->link_transit = g_new (int, M);
  self->link_cover = g_new (int, M);
  self->link_share = g_new (double, M);
  self->link_input = g_new0 (char *, M);

  for (int l = 0; l < M; l++)
    {
      WflLink *link = wfl_scenario_get_link (scenario, l);
      int to = wfl_scenario_find_node_index (scenario, link->to);
      gboolean customer = self->kind[to] == WFL_NODE_KIND_CUSTOMER;
      /* A customer has one line per product its sources make (docs/model.md "Products"). */
      const char *product = customer ? wfl_scenario_find_node (scenario, link->from)->product : NULL;
      g_autofree char *key = g_strdup_printf ("%d\x1f%s", to, customer ? (product != NULL ? product : "")
                                                                      : wfl_link_get_input (link));
      gpointer found;

      self->link_from[l] = wfl_scenario_find_node_index (scenario, link->from);
      self->link_to[l] = to;
      self->link_transit[l] = link->transit_weeks;
      self->link_cover[l] = link->cover_weeks;
      self->link_share[l] = link->share;
      self->link_input[l] = g_strdup (wfl_link_get_input (link));
      self->share_sum[self->link_from[l]] += link->share;

      if (g_hash_table_lookup_extended (line_keys, key, NULL, &found))
        tmp_link_line[l] = GPOINTER_TO_INT (found);
      else
        {
          tmp_line_node[n_tmp] = to;
          tmp_line_name[n_tmp] = self->link_input[l];
          tmp_link_line[l] = n_tmp;
          g_hash_table_insert (line_keys, g_steal_pointer (&key), GINT_TO_POINTER (n_tmp));
          n_tmp++;
        }
    }
  return n_tmp;
}

/* Number lines node by node (stable: document order of their first
 * link within a node). */
static void
number_lines (WflSimulation  *self,
              WflScenario    *scenario,
              int             n_tmp,
              const int      *tmp_line_node,
              const int      *tmp_link_line,
              char          **tmp_line_name)
{
  int N = self->n_nodes, M = self->n_links;
  g_autofree int *remap = NULL;

  self->n_lines = n_tmp;
  self->line_first = g_new0 (int, N + 1);
  self->line_node = g_new (int, MAX (n_tmp, 1));
  self->line_per_unit = g_new (double, MAX (n_tmp, 1));
  self->line_name = g_new0 (char *, MAX (n_tmp, 1));
  remap = g_new (int, MAX (n_tmp, 1));
  for (int i = 0; i < n_tmp; i++)
    self->line_first[tmp_line_node[i] + 1]++;
  for (int n = 0; n < N; n++)
    self->line_first[n + 1] += self->line_first[n];
  {
    g_autofree int *fill = g_memdup2 (self->line_first, sizeof (int) * (N + 1));

    for (int i = 0; i < n_tmp; i++)
      {
        int j = fill[tmp_line_node[i]]++;

        remap[i] = j;
        self->line_node[j] = tmp_line_node[i];
        self->line_name[j] = g_strdup (tmp_line_name[i]);
      }
  }
  for (int l = 0; l < M; l++)
    {
      self->link_line[l] = remap[tmp_link_line[l]];
      self->line_per_unit[self->link_line[l]] = self->kind[self->link_to[l]] == WFL_NODE_KIND_CUSTOMER
                                                ? 1 : wfl_scenario_get_link (scenario, l)->per_unit;
    }
}

/* Links of each line, and out links of each node, in document order. */
static void
compile_adjacency (WflSimulation *self,
                   WflScenario   *scenario)
{
  int N = self->n_nodes, M = self->n_links;

  self->line_link_first = g_new0 (int, self->n_lines + 1);
  self->line_links = g_new (int, MAX (M, 1));
  self->out_first = g_new0 (int, N + 1);
  self->out_links = g_new (int, MAX (M, 1));
  self->out_priority = g_new (int, MAX (M, 1));
  for (int l = 0; l < M; l++)
    {
      self->line_link_first[self->link_line[l] + 1]++;
      self->out_first[self->link_from[l] + 1]++;
    }
  for (int i = 0; i < self->n_lines; i++)
    self->line_link_first[i + 1] += self->line_link_first[i];
  for (int n = 0; n < N; n++)
    self->out_first[n + 1] += self->out_first[n];
  {
    g_autofree int *fill_line = g_memdup2 (self->line_link_first, sizeof (int) * (self->n_lines + 1));
    g_autofree int *fill_out = g_memdup2 (self->out_first, sizeof (int) * (N + 1));

    for (int l = 0; l < M; l++)
      {
        self->line_links[fill_line[self->link_line[l]]++] = l;
        self->out_links[fill_out[self->link_from[l]]++] = l;
      }
  }
  for (int n = 0; n < N; n++)
    {
      int a = self->out_first[n];

      /* Insertion sort of the positions by priority: stable, out-degrees
       * are small. */
      for (int i = a; i < self->out_first[n + 1]; i++)
        {
          int pv = wfl_scenario_get_link (scenario, self->out_links[i])->priority;
          int j = i;

          while (j > a &&
                 wfl_scenario_get_link (scenario, self->out_links[a + self->out_priority[j - 1]])->priority > pv)
            {
              self->out_priority[j] = self->out_priority[j - 1];
              j--;
            }
          self->out_priority[j] = i - a;
        }
    }
}

/* The mix total of each line whose mixes are all constant, summed in
 * the order split_request() sums it every week. */
static void
compile_mix_totals (WflSimulation *self)
{
  int M = self->n_links;

  self->line_mix_total = g_new (double, MAX (self->n_lines, 1));
  for (int i = 0; i < self->n_lines; i++)
    {
      double total = 0;

      for (int k = self->line_link_first[i]; k < self->line_link_first[i + 1]; k++)
        {
          int l = self->line_links[k];

          if (self->mix.column[l] >= 0)
            {
              total = NAN;
              break;
            }
          total += self->mix.value[l];
        }
      self->line_mix_total[i] = total;
    }
  self->link_mix_share = g_new (double, MAX (M, 1));
  for (int l = 0; l < M; l++)
    self->link_mix_share[l] = self->mix.value[l] / self->line_mix_total[self->link_line[l]];
}

/* The index of horizon h among node n's (node_h), adding it in order
 * when it is new. */
static int
horizon_index (WflSimulation *self,
               int            n,
               int            h)
{
  int a = self->node_h_first[n], b = self->node_h_first[n + 1];
  int k = a;

  while (k < b && self->node_h[k] < h)
    k++;
  if (k < b && self->node_h[k] == h)
    return k;
  memmove (&self->node_h[k + 1], &self->node_h[k], sizeof (int) * (b - k));
  self->node_h[k] = h;
  self->node_h_first[n + 1]++;
  return k;
}

/* Per node, the distinct horizons its plan is asked for (docs/model.md
 * "Needs and requests"): this week (0) and each line's ship and plan
 * horizons, ascending, so that the plan sums each node's later starts
 * once for all of them (wfl-simulation-plan.c). */
static void
compile_horizons (WflSimulation *self)
{
  int N = self->n_nodes;
  int next = 0;

  self->node_h_first = g_new0 (int, N + 1);
  self->node_h = g_new (int, N + 2 * MAX (self->n_lines, 1));
  self->line_ship_k = g_new (int, MAX (self->n_lines, 1));
  self->line_plan_k = g_new (int, MAX (self->n_lines, 1));
  self->max_plan_cells = 1;
  for (int n = 0; n < N; n++)
    {
      int n_lines = self->line_first[n + 1] - self->line_first[n];

      /* Nodes start where the previous one ended. */
      self->node_h_first[n] = self->node_h_first[n + 1] = next;
      horizon_index (self, n, 0);
      for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
        {
          horizon_index (self, n, self->line_ship_horizon[i]);
          horizon_index (self, n, self->line_plan_horizon[i]);
        }
      /* The indices once every horizon is in place. */
      for (int i = self->line_first[n]; i < self->line_first[n + 1]; i++)
        {
          self->line_ship_k[i] = horizon_index (self, n, self->line_ship_horizon[i]);
          self->line_plan_k[i] = horizon_index (self, n, self->line_plan_horizon[i]);
        }
      next = self->node_h_first[n + 1];
      self->max_plan_cells = MAX (self->max_plan_cells, (next - self->node_h_first[n]) * MAX (n_lines, 1));
    }
}

/* Links in transit for more than a week (line_in_transit() sums their
 * shipments of earlier weeks), and those that deliver in a later week
 * at all (the arrivals). */
static void
compile_transit (WflSimulation *self)
{
  int M = self->n_links;

  self->line_in_transit_weeks = g_new0 (gboolean, MAX (self->n_lines, 1));
  self->line_ship_horizon = g_new0 (int, MAX (self->n_lines, 1));
  self->wip_first = g_new0 (int, self->n_nodes + 1);
  for (int n = 0; n < self->n_nodes; n++)
    self->wip_first[n + 1] = self->wip_first[n] + MAX (self->lead[n] - 1, 0);
  self->line_plan_horizon = g_new0 (int, MAX (self->n_lines, 1));
  self->transit_links = g_new (int, MAX (M, 1));
  for (int l = 0; l < M; l++)
    {
      int i = self->link_line[l];
      int ship = self->link_transit[l] + self->link_cover[l];

      self->line_ship_horizon[i] = MAX (self->line_ship_horizon[i], ship);
      self->line_plan_horizon[i] = MAX (self->line_plan_horizon[i], self->lead[self->link_from[l]] + ship);
      if (self->link_transit[l] >= 2)
        self->line_in_transit_weeks[self->link_line[l]] = TRUE;
      if (self->link_transit[l] >= 1)
        self->transit_links[self->n_transit_links++] = l;
    }
  compile_horizons (self);
}

/* Orders, customer by customer. */
static void
compile_orders (WflSimulation *self,
                WflScenario   *scenario,
                int            n_customers)
{
  int N = self->n_nodes, W = self->n_weeks;

  self->ordered_cum = g_new0 (double, (gsize) MAX (n_customers, 1) * W);
  self->cust_order_first = g_new0 (int, N + 1);
  for (int n = 0; n < N; n++)
    self->n_orders += (int) wfl_scenario_get_node (scenario, n)->orders->len;
  self->order_customer = g_new (int, MAX (self->n_orders, 1));
  self->order_id = g_new0 (char *, MAX (self->n_orders, 1));
  self->order_quantity = g_new (double, MAX (self->n_orders, 1));
  self->order_placed = g_new (int, MAX (self->n_orders, 1));
  self->order_due = g_new (int, MAX (self->n_orders, 1));
  self->order_placed_date = g_new (WflDate, MAX (self->n_orders, 1));
  self->order_due_date = g_new (WflDate, MAX (self->n_orders, 1));
  self->cust_orders = g_new (int, MAX (self->n_orders, 1));
  {
    int o = 0;

    for (int n = 0; n < N; n++)
      {
        WflNode *node = wfl_scenario_get_node (scenario, n);
        g_autofree OrderKey *keys = g_new (OrderKey, MAX (node->orders->len, 1));
        int first = o;

        self->cust_order_first[n] = o;
        for (guint i = 0; i < node->orders->len; i++, o++)
          {
            WflOrder *order = g_ptr_array_index (node->orders, i);

            self->order_customer[o] = n;
            self->order_id[o] = g_strdup (order->id);
            self->order_quantity[o] = order->quantity;
            self->order_placed[o] = wfl_week_of_date (self->start, order->placed);
            self->order_placed_date[o] = order->placed;
            self->order_due_date[o] = order->due;
            self->order_due[o] = order->due != WFL_DATE_NONE ? wfl_week_of_date (self->start, order->due) : -1;
            keys[i].index = o;
            keys[i].priority = order->priority;
            keys[i].placed = order->placed;
            if (self->cust_row[n] >= 0 && self->order_placed[o] < W)
              self->ordered_cum[(gsize) self->cust_row[n] * W + self->order_placed[o]] += order->quantity;
          }
        qsort (keys, node->orders->len, sizeof (OrderKey), compare_order_keys);
        for (guint i = 0; i < node->orders->len; i++)
          self->cust_orders[first + (int) i] = keys[i].index;
        if (self->cust_row[n] >= 0)
          {
            double *cum = self->ordered_cum + (gsize) self->cust_row[n] * W;

            for (int t = 1; t < W; t++)
              cum[t] += cum[t - 1];
          }
      }
    self->cust_order_first[N] = o;
  }
}

/* How many rows of a kind have a schedule that may change from week to
 * week (more than one point): at most the columns of its table. */
static gsize
count_varying (const WflSchedule *schedule)
{
  return schedule != NULL && wfl_schedule_get_n_points (schedule) > 1;
}

void
_wfl_simulation_measure (WflScenario *scenario,
                         WflSimSize  *size)
{
  guint n_nodes = wfl_scenario_get_n_nodes (scenario);
  guint n_links = wfl_scenario_get_n_links (scenario);
  g_autoptr(GHashTable) out = g_hash_table_new (g_str_hash, g_str_equal);

  memset (size, 0, sizeof *size);
  size->nodes = n_nodes;
  size->links = n_links;
  size->weeks = (gsize) MAX (wfl_scenario_get_weeks (scenario), 0);
  for (guint n = 0; n < n_nodes; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);

      size->customers += node->kind == WFL_NODE_KIND_CUSTOMER;
      size->orders += node->orders->len;
      size->varying += count_varying (node->capacity) + count_varying (node->yield);
      size->lead_sum += (gsize) MAX (node->lead_weeks, 0);
      size->max_lead = MAX (size->max_lead, (gsize) MAX (node->lead_weeks, 0));
    }
  for (guint l = 0; l < n_links; l++)
    {
      WflLink *link = wfl_scenario_get_link (scenario, l);
      gsize k = GPOINTER_TO_SIZE (g_hash_table_lookup (out, link->from)) + 1;

      g_hash_table_insert (out, link->from, GSIZE_TO_POINTER (k));
      size->max_out = MAX (size->max_out, k);
      size->varying += count_varying (link->mix);
    }
}

/* What _wfl_simulation_compile() below allocates for a scenario of `size`:
 * an array added there is counted here. */
gsize
_wfl_simulation_compiled_bytes (const WflSimSize *size)
{
  /* Per node: its strings and about twenty scalars; per link and line:
   * about fifteen; per order: a dozen and its id. */
  return size->nodes * 192 + size->links * 128 + size->orders * 96 +
         (2 * size->nodes + size->links) * (sizeof (double) + sizeof (int)) +  /* tables' rows */
         size->varying * size->weeks * sizeof (double) +                         /* tables' columns */
         (gsize) SCATTER_BLOCK * size->weeks * sizeof (double) +                 /* their scratch */
         MAX (size->customers, 1) * size->weeks * sizeof (double) +              /* ordered_cum */
         size->weeks * 2 * sizeof (int);                                         /* quarters */
}

void
_wfl_simulation_compile (WflSimulation *self,
                         WflScenario   *scenario)
{
  int N, M;
  g_autofree int *tmp_line_node = NULL;
  g_autofree int *tmp_link_line = NULL;
  g_autofree char **tmp_line_name = NULL;
  int n_tmp;
  int n_customers;

  self->start = wfl_scenario_get_start (scenario);
  self->n_weeks = wfl_scenario_get_weeks (scenario);
  N = self->n_nodes = (int) wfl_scenario_get_n_nodes (scenario);
  M = self->n_links = (int) wfl_scenario_get_n_links (scenario);

  n_customers = compile_nodes (self, scenario);

  /* Links and their lines. */
  tmp_line_node = g_new (int, MAX (M, 1));
  tmp_link_line = g_new (int, MAX (M, 1));
  tmp_line_name = g_new0 (char *, MAX (M, 1));
  n_tmp = compile_links (self, scenario, tmp_line_node, tmp_link_line, tmp_line_name);

  _wfl_simulation_compile_expansions (self, scenario);
  table_compile (&self->capacity, self, scenario, N, eval_capacity);
  table_compile (&self->yield, self, scenario, N, eval_yield);
  compile_availability (self, scenario);
  table_compile (&self->mix, self, scenario, M, eval_mix);
  compile_weights (self, scenario);

  number_lines (self, scenario, n_tmp, tmp_line_node, tmp_link_line, tmp_line_name);
  compile_adjacency (self, scenario);
  compile_mix_totals (self);
  compile_transit (self);
  _wfl_simulation_compile_pools (self);
  compute_topo_order (self);
  compile_orders (self, scenario, n_customers);
  compile_quarters (self);
  _wfl_simulation_compile_quotas (self, scenario);
  _wfl_simulation_compile_demand (self, scenario);
}
