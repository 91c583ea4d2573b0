/* wfl-sankey-order.c: the order within columns
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phase 4 of the layout (crossing minimisation), on the columns phase 2
 * chose.  Each start: weighted-barycentre sweeps down and up, port-aware
 * (a band counts where it leaves or enters its node), keeping the best
 * order seen (counts: wfl-sankey-crossings.c); then local search
 * (wfl-sankey-refine.c: sifting, adjacent exchange) until no move helps.
 *
 * Small graphs (up to SMALL_GRAPH items and segments) get many starts
 * (the given order, its mirror, breadth- and depth-first search orders,
 * seeded shuffles) searched weighted first.  Of their orders, those
 * within TOLERANCE of the least weighted count compete by the plain
 * count; from the winner, the search goes on for fewer plain crossings
 * with the weighted ones capped there, long links moving whole
 * (wfl-sankey-reroute.c), then kicks and local search again (iterated
 * local search) while the budget lasts.  Larger graphs get one start,
 * searched by weighted crossings plus LAMBDA times plain ones, each
 * relative to the first barycentre order's.  Vertical pins then reorder
 * their columns.  Every loop is capped by work, not time, and the
 * shuffles are seeded, so the result is deterministic.
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-sankey-layout-private.h"

/* ---------------------------------------------------------------- *
 * 4. Order within columns
 * ---------------------------------------------------------------- */

static void
sort_column (Build  *b,
             guint   c,
             SortKey *keys)
{
  WflSankeyLayout *self = b->layout;
  guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;

  qsort (keys, n, sizeof (SortKey), _wfl_sankey_compare_sort_key);
  for (guint k = 0; k < n; k++)
    {
      self->col_items[c0 + k] = keys[k].item;
      self->items[keys[k].item].pos = k;
    }
}

/* Where each band of column ref meets its items, in value units: items
 * stacked in their current order with a padding, bands leaving (or
 * entering) each item sorted by their other end's current position. */
static double
port_positions (Build    *b,
                guint     ref,
                gboolean  right_side,
                double   *port,
                SortKey  *keys)
{
  WflSankeyLayout *self = b->layout;
  guint r0 = self->col_start[ref], n = self->col_start[ref + 1] - r0;
  const guint *start = right_side ? b->out_start : b->in_start;
  const guint *list = right_side ? b->out_list : b->in_list;
  double total = 0, pad, cursor = 0;

  for (guint k = 0; k < n; k++)
    total += self->items[self->col_items[r0 + k]].value;
  pad = n > 0 ? 0.5 * total / n : 0;
  if (pad <= 0)
    pad = 1;

  for (guint k = 0; k < n; k++)
    {
      guint i = self->col_items[r0 + k];
      const Item *item = &self->items[i];
      guint d = start[i + 1] - start[i];
      double sum = 0, off;

      for (guint j = 0; j < d; j++)
        {
          const Seg *seg = &self->segs[list[start[i] + j]];

          keys[j].key = self->items[right_side ? seg->right : seg->left].pos;
          keys[j].pos = seg->link;
          keys[j].item = list[start[i] + j];
          sum += seg->w;
        }
      if (d > 1)
        qsort (keys, d, sizeof (SortKey), _wfl_sankey_compare_sort_key);
      off = cursor + MAX (0, item->value - sum) / 2;
      for (guint j = 0; j < d; j++)
        {
          double w = self->segs[keys[j].item].w;

          port[keys[j].item] = off + w / 2;
          off += w;
        }
      b->work += d + 1;
      cursor += item->value + pad;
    }
  return MAX (cursor - pad, 1e-9);
}

/* One barycentre sweep: down orders column c by where its bands leave the
 * column before it, up by where they enter the column after it, both
 * weighted by value (the port-aware barycentre of a Sankey). */
static void
sweep (Build    *b,
       gboolean  down,
       SortKey  *keys,
       SortKey  *port_keys,
       double   *port)
{
  WflSankeyLayout *self = b->layout;
  guint nc = self->n_columns;

  for (guint step = 1; step < nc; step++)
    {
      guint c = down ? step : nc - 1 - step;
      guint ref = down ? c - 1 : c + 1;
      guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;
      const guint *start = down ? b->in_start : b->out_start;
      const guint *list = down ? b->in_list : b->out_list;
      double extent = port_positions (b, ref, down, port, port_keys);
      double own_total = 0, own_cursor = 0;

      for (guint k = 0; k < n; k++)
        own_total += self->items[self->col_items[c0 + k]].value;

      for (guint k = 0; k < n; k++)
        {
          guint i = self->col_items[c0 + k];
          const Item *item = &self->items[i];
          double sw = 0, swp = 0, sp = 0;
          guint cnt = 0;

          for (guint j = start[i]; j < start[i + 1]; j++)
            {
              const Seg *seg = &self->segs[list[j]];
              double p = port[list[j]];

              sw += seg->w;
              swp += seg->w * p;
              sp += p;
              cnt++;
            }
          b->work += cnt + 1;
          keys[k].item = i;
          keys[k].pos = k;
          if (!isnan (item->pin))
            keys[k].key = item->pin * extent;
          else if (sw > 0)
            keys[k].key = swp / sw;
          else if (cnt > 0)
            keys[k].key = sp / cnt;
          else
            /* No neighbours on this side: keep the relative place. */
            keys[k].key = own_total > 0 ? (own_cursor + item->value / 2) / own_total * extent
                                        : (n > 1 ? (double) k / (n - 1) * extent : 0);
          own_cursor += item->value;
        }
      sort_column (b, c, keys);
    }
}

/* Weighted crossings first, plain ones on a tie. */
static const Objective weighted_first = { 1, 0, G_MAXDOUBLE };

static void
sync_positions (WflSankeyLayout *self)
{
  for (guint col = 0; col < self->n_columns; col++)
    for (guint k = self->col_start[col]; k < self->col_start[col + 1]; k++)
      self->items[self->col_items[k]].pos = k - self->col_start[col];
}

typedef struct
{
  SortKey     *keys;
  SortKey     *port_keys;
  double      *port;
  guint       *best;
  RefineLists  lists;
} OrderScratch;

/* From the current order: sweeps (keeping the best order seen by obj),
 * then sifting and adjacent exchange by obj until nothing improves or
 * the work budget is spent. */
static void
improve_order (Build           *b,
               OrderScratch    *o,
               const Objective *obj,
               const Objective *refine_obj,
               guint64          budget,
               double          *out_w,
               guint64         *out_c)
{
  WflSankeyLayout *self = b->layout;
  double best_w, w;
  guint64 best_c, c;
  guint stale = 0;
  guint64 sweep_budget = b->work + (budget - MIN (budget, b->work)) / 4;

  /* The first sweep down places every column after the first. */
  sweep (b, TRUE, o->keys, o->port_keys, o->port);
  _wfl_sankey_count_order (b, &best_w, &best_c);
  memcpy (o->best, self->col_items, sizeof (guint) * self->n_items);

  for (guint it = 0; it < 24 && stale < 3 && b->work < sweep_budget && best_c > 0; it++)
    {
      gboolean improved = FALSE;

      for (int dir = 0; dir < 2; dir++)
        {
          sweep (b, dir == 1, o->keys, o->port_keys, o->port);
          _wfl_sankey_count_order (b, &w, &c);
          if (_wfl_sankey_objective_better (obj, w, c, best_w, best_c))
            {
              best_w = w;
              best_c = c;
              memcpy (o->best, self->col_items, sizeof (guint) * self->n_items);
              improved = TRUE;
            }
        }
      stale = improved ? 0 : stale + 1;
    }

  memcpy (self->col_items, o->best, sizeof (guint) * self->n_items);
  sync_positions (self);

  if (best_c > 0 && refine_obj != NULL)
    _wfl_sankey_refine (b, &o->lists, refine_obj, 40, budget);
  _wfl_sankey_count_order (b, out_w, out_c);
}

/* Items in the order a search over the bands (both ways) first meets
 * them, from the items of initial in turn: breadth first (as dot's
 * initial order) or depth first; each column keeps that order. */
static void
search_order (Build       *b,
              const guint *initial,
              gboolean     depth_first)
{
  WflSankeyLayout *self = b->layout;
  g_autofree gboolean *seen = g_new0 (gboolean, self->n_items + 1);
  g_autofree guint *queue = g_new (guint, self->n_items + 1);
  g_autofree guint *fill = g_memdup2 (self->col_start, sizeof (guint) * (self->n_columns + 1));

  for (guint k = 0; k < self->n_items; k++)
    {
      guint head = 0, tail = 0;

      if (seen[initial[k]])
        continue;
      seen[initial[k]] = TRUE;
      queue[tail++] = initial[k];
      while (head < tail)
        {
          guint i = depth_first ? queue[--tail] : queue[head++];

          self->col_items[fill[self->items[i].column]++] = i;
          for (int side = 0; side < 2; side++)
            {
              const guint *start = side ? b->in_start : b->out_start;
              const guint *list = side ? b->in_list : b->out_list;

              for (guint j = start[i]; j < start[i + 1]; j++)
                {
                  const Seg *seg = &self->segs[list[j]];
                  guint other = side ? seg->left : seg->right;

                  if (!seen[other])
                    {
                      seen[other] = TRUE;
                      queue[tail++] = other;
                    }
                }
            }
          if (depth_first)
            head = 0;
        }
    }
  b->work += self->n_items + self->n_segs;
}

/* Start number start from initial: itself, its mirror, the orders of a
 * breadth-first and a depth-first search, then shuffles. */
static void
start_order (Build       *b,
             const guint *initial,
             guint        start,
             GRand       *rand)
{
  WflSankeyLayout *self = b->layout;

  memcpy (self->col_items, initial, sizeof (guint) * self->n_items);
  if (start == 2 || start == 3)
    {
      search_order (b, initial, start == 3);
      sync_positions (self);
      return;
    }
  for (guint col = 0; col < self->n_columns && start > 0; col++)
    {
      guint c0 = self->col_start[col], n = self->col_start[col + 1] - c0;

      for (guint k = 0; k < n; k++)
        {
          guint other = start == 1 ? n - 1 - k : (guint) g_rand_int_range (rand, k, n);
          guint t;

          if (start == 1 && other <= k)
            break;
          t = self->col_items[c0 + k];
          self->col_items[c0 + k] = self->col_items[c0 + other];
          self->col_items[c0 + other] = t;
        }
    }
  sync_positions (self);
}

#define MAX_STARTS 64
/* The objective over both counts: plain crossings LAMBDA times as much
 * as weighted ones, each relative to the first barycentre order's. */
#define LAMBDA 4.0
/* Small graphs: the starts' orders whose weighted crossings are within
 * TOLERANCE of the least found compete by their plain crossings. */
#define TOLERANCE 0.1
/* Work budgets: a small graph's, a larger one's per item and segment,
 * and the most any graph gets (about 0.2 s of one core). */
#define SMALL_BUDGET G_GUINT64_CONSTANT (12000000)
#define WORK_PER_ITEM 1100
#define MAX_BUDGET G_GUINT64_CONSTANT (16000000)
/* Up to this size (items and segments) a graph gets many starts. */
#define SMALL_GRAPH 4096

/* The starts' results. */
typedef struct
{
  guint    n;
  double   w[MAX_STARTS];
  guint64  c[MAX_STARTS];
  guint   *order[MAX_STARTS];
  double   w_cap;
} Results;

static void
add_result (Results         *r,
            WflSankeyLayout *self,
            double           w,
            guint64          c)
{
  r->w[r->n] = w;
  r->c[r->n] = c;
  r->order[r->n++] = g_memdup2 (self->col_items, sizeof (guint) * self->n_items);
}

static void
results_clear (Results *r)
{
  for (guint k = 0; k < r->n; k++)
    g_free (r->order[k]);
}

/* The result with the fewest plain crossings (then the fewest weighted)
 * among those within tolerance of the least weighted; sets the cap. */
static void
pick_result (Results *r,
             guint    n_items,
             double   tolerance,
             double  *w,
             guint64 *c,
             guint   *order)
{
  double least = G_MAXDOUBLE;
  guint pick = 0;

  for (guint k = 0; k < r->n; k++)
    least = MIN (least, r->w[k]);
  r->w_cap = least * (1 + tolerance);
  for (guint k = 1; k < r->n; k++)
    if (r->w[k] <= r->w_cap &&
        (r->w[pick] > r->w_cap || r->c[k] < r->c[pick] || (r->c[k] == r->c[pick] && r->w[k] < r->w[pick])))
      pick = k;
  *w = r->w[pick];
  *c = r->c[pick];
  memcpy (order, r->order[pick], sizeof (guint) * n_items);
}

/* Kicks a few random items of order to random places in their columns. */
static void
kick (Build *b,
      GRand *rand)
{
  WflSankeyLayout *self = b->layout;
  guint kicks = 1 + g_rand_int_range (rand, 0, 3);

  for (guint k = 0; k < kicks; k++)
    {
      guint col = g_rand_int_range (rand, 0, self->n_columns);
      guint c0 = self->col_start[col], n = self->col_start[col + 1] - c0;
      guint from, to, t;

      if (n < 2)
        continue;
      from = g_rand_int_range (rand, 0, n);
      to = g_rand_int_range (rand, 0, n);
      t = self->col_items[c0 + from];
      if (from < to)
        memmove (self->col_items + c0 + from, self->col_items + c0 + from + 1, sizeof (guint) * (to - from));
      else
        memmove (self->col_items + c0 + to + 1, self->col_items + c0 + to, sizeof (guint) * (from - to));
      self->col_items[c0 + to] = t;
    }
  sync_positions (self);
}

/* Iterated local search from best (of best_w, best_c): kick it, refine,
 * keep the result if better by obj (and within its cap), while the
 * budget lasts. */
static void
iterate (Build           *b,
         OrderScratch    *o,
         const Objective *obj,
         GRand           *rand,
         guint64          budget,
         double           best_w,
         guint64          best_c,
         guint           *best)
{
  WflSankeyLayout *self = b->layout;
  /* The cap holds for what is kept, not on the way back. */
  Objective kicked = *obj;
  double w;
  guint64 c;

  kicked.w_cap = G_MAXDOUBLE;
  for (guint it = 0; b->work < budget && best_c > 0; it++)
    {
      memcpy (self->col_items, best, sizeof (guint) * self->n_items);
      kick (b, rand);
      _wfl_sankey_refine (b, &o->lists, &kicked, 40, budget);
      _wfl_sankey_count_order (b, &w, &c);
      if (w <= obj->w_cap && _wfl_sankey_objective_better (obj, w, c, best_w, best_c))
        {
          g_debug ("order: kick %u → %" G_GUINT64_FORMAT " crossings, weighted %g; %" G_GUINT64_FORMAT " work",
                   it, c, w, b->work);
          best_w = w;
          best_c = c;
          memcpy (best, self->col_items, sizeof (guint) * self->n_items);
        }
    }
}

/* Vertical pins win over crossings: a node pinned at 0 comes first, at
 * 1 last, others in proportion among the free nodes. */
static void
apply_pins (Build   *b,
            SortKey *keys)
{
  WflSankeyLayout *self = b->layout;

  for (guint col = 0; col < self->n_columns; col++)
    {
      guint c0 = self->col_start[col], n = self->col_start[col + 1] - c0;
      gboolean pinned = FALSE;

      for (guint k = 0; k < n; k++)
        {
          const Item *item = &self->items[self->col_items[c0 + k]];

          keys[k].item = self->col_items[c0 + k];
          keys[k].pos = k;
          keys[k].key = isnan (item->pin) ? k : CLAMP (item->pin, 0, 1) * (n - 1) + (item->pin >= 0.5 ? 0.5 : -0.5);
          pinned |= !isnan (item->pin);
        }
      if (pinned)
        sort_column (b, col, keys);
    }
}

/* The order within columns (see the top of this file). */
void
_wfl_sankey_order_columns (Build *b)
{
  WflSankeyLayout *self = b->layout;
  OrderScratch o;
  g_autofree guint *best = g_new (guint, self->n_items + 1);
  g_autofree guint *initial = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20230704);
  double best_w, w, first_w;
  guint64 best_c, c, first_c;
  Results results = { 0 };
  Objective both;
  guint64 size = self->n_segs + self->n_items + 1;
  gboolean small = size <= SMALL_GRAPH;
  guint64 budget = small ? SMALL_BUDGET : CLAMP (WORK_PER_ITEM * size, G_GUINT64_CONSTANT (3000000), MAX_BUDGET);
  guint n_starts = MAX_STARTS;
  Objective obj;

  if (self->n_columns < 2)
    return;

  o.keys = g_new (SortKey, self->n_items + 1);
  o.port_keys = g_new (SortKey, self->n_segs + 1);
  o.port = g_new (double, self->n_segs + 1);
  o.best = g_new (guint, self->n_items + 1);
  _wfl_sankey_refine_lists_init (b, &o.lists);
  initial = g_memdup2 (self->col_items, sizeof (guint) * self->n_items);

  /* Every node pinned (a window's graph held to the whole calendar's
   * layout, docs/architecture.md "Stable layouts"): the pins decide the
   * nodes' order, so other starts could only reorder the waypoints
   * between them; one start does that. */
  for (guint i = 0; i < self->n_items && n_starts > 1; i++)
    if (self->items[i].node != NONE && isnan (self->items[i].pin))
      break;
    else if (i + 1 == self->n_items)
      n_starts = 1;

  b->work = 0;
  b->reroute = FALSE;
  /* The first start's barycentre order sets the scale of both counts. */
  start_order (b, initial, 0, rand);
  improve_order (b, &o, &weighted_first, NULL, budget / 4, &first_w, &first_c);
  both.a = first_w > 0 ? 1 / first_w : 1;
  both.b = first_c > 0 ? LAMBDA / first_c : 1;
  both.w_cap = G_MAXDOUBLE;
  /* Small graphs: every start weighted first; huge ones: the one start
   * by the objective over both counts. */
  obj = n_starts > 1 && small ? weighted_first : both;
  if (first_c > 0)
    _wfl_sankey_refine (b, &o.lists, &obj, 40, n_starts > 1 && small ? budget / 4 : budget);
  _wfl_sankey_count_order (b, &w, &c);
  g_debug ("order: start 0 → %" G_GUINT64_FORMAT " crossings, weighted %g; %" G_GUINT64_FORMAT " work",
           c, w, b->work);
  add_result (&results, self, w, c);

  for (guint start = 1; start < n_starts && small && b->work < budget / 3 && c > 0; start++)
    {
      start_order (b, initial, start, rand);
      improve_order (b, &o, &weighted_first, &weighted_first, budget, &w, &c);
      g_debug ("order: start %u → %" G_GUINT64_FORMAT " crossings, weighted %g; %" G_GUINT64_FORMAT " work",
               start, c, w, b->work);
      add_result (&results, self, w, c);
    }

  /* Of the starts' orders, those whose weighted crossings are within
   * TOLERANCE of the least: the one with the fewest plain crossings.  The
   * search goes on from there with that cap on the weighted crossings. */
  pick_result (&results, self->n_items, TOLERANCE, &best_w, &best_c, best);
  obj = both;
  if (results.n > 1)
    {
      /* Plain crossings first now, weighted ones a fifth as much. */
      obj.a = 0.2 / MAX (best_w, 1e-300);
      obj.b = 1.0 / MAX (best_c, 1);
      obj.w_cap = results.w_cap;
    }

  /* The pick, polished with long links moving whole. */
  memcpy (self->col_items, best, sizeof (guint) * self->n_items);
  sync_positions (self);
  b->reroute = TRUE;
  if (best_c > 0)
    _wfl_sankey_refine (b, &o.lists, &obj, 40, budget);
  _wfl_sankey_count_order (b, &best_w, &best_c);
  memcpy (best, self->col_items, sizeof (guint) * self->n_items);
  g_debug ("order: polished → %" G_GUINT64_FORMAT " crossings, weighted %g; %" G_GUINT64_FORMAT " work",
           best_c, best_w, b->work);

  if (n_starts > 1 && small && best_c > 0)
    iterate (b, &o, &obj, rand, budget, best_w, best_c, best);

  memcpy (self->col_items, best, sizeof (guint) * self->n_items);
  sync_positions (self);

  apply_pins (b, o.keys);

  g_free (o.keys);
  g_free (o.port_keys);
  g_free (o.port);
  g_free (o.best);
  _wfl_sankey_refine_lists_clear (&o.lists);
  results_clear (&results);
}
