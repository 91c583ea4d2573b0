/* wfl-sankey-order.c: the order within columns
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phase 4 of the layout (crossing minimisation).  From several starts
 * (the given order, its mirror, then seeded shuffles, while the budget
 * lasts): weighted-barycentre sweeps down and up, port-aware (a band
 * counts where it leaves or enters its node), keeping the best order
 * seen by the weighted crossing count (wfl-sankey-crossings.c); then
 * sifting (each item, largest first, to its best place in its column)
 * and weighted adjacent exchange until no move helps.  Of the starts,
 * the one best in both counts wins; then vertical pins reorder their
 * columns.  Every loop is capped by work, not time, and the shuffles
 * are seeded, so the result is deterministic.
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

static gboolean
better (double   w1,
        guint64  c1,
        double   w0,
        guint64  c0)
{
  double eps = 1e-9 * MAX (fabs (w0), 1e-300);

  if (w1 < w0 - eps)
    return TRUE;
  if (w1 > w0 + eps)
    return FALSE;
  return c1 < c0;
}

typedef struct
{
  guint  pos;
  double w;
} Neighbour;

static int
compare_neighbour (gconstpointer a,
                   gconstpointer b)
{
  const Neighbour *x = a, *y = b;

  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Crossings between the edges of u and of v (sorted neighbour positions)
 * when u is above v: pairs with a(u) > b(v). */
static void
pair_crossings (const Neighbour *a,
                guint            na,
                const Neighbour *bb,
                guint            nb,
                double          *uv_w,
                guint64         *uv_c,
                double          *vu_w,
                guint64         *vu_c)
{
  double below_w = 0;
  guint below_c = 0, j = 0;

  /* u above v: count b with pos < a.pos. */
  for (guint i = 0; i < na; i++)
    {
      while (j < nb && bb[j].pos < a[i].pos)
        below_w += bb[j].w, below_c++, j++;
      *uv_w += a[i].w * below_w;
      *uv_c += below_c;
    }
  below_w = 0;
  below_c = 0;
  j = 0;
  /* v above u: count a with pos < b.pos. */
  for (guint i = 0; i < nb; i++)
    {
      while (j < na && a[j].pos < bb[i].pos)
        below_w += a[j].w, below_c++, j++;
      *vu_w += bb[i].w * below_w;
      *vu_c += below_c;
    }
}

/* Sorted neighbour positions (left side, then right side) of every item
 * of column c, in column order; nb_left[k]..nb_right[k] is the left side
 * of the k-th item, nb_right[k]..nb_left[k + 1] its right side. */
static void
column_neighbours (Build     *b,
                   guint      c,
                   Neighbour *nb,
                   guint     *nb_left,
                   guint     *nb_right)
{
  WflSankeyLayout *self = b->layout;
  guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;
  guint fill = 0;

  for (guint k = 0; k < n; k++)
    {
      guint i = self->col_items[c0 + k];

      nb_left[k] = fill;
      for (guint j = b->in_start[i]; j < b->in_start[i + 1]; j++)
        {
          const Seg *seg = &self->segs[b->in_list[j]];

          nb[fill].pos = self->items[seg->left].pos;
          nb[fill++].w = seg->w;
        }
      qsort (nb + nb_left[k], fill - nb_left[k], sizeof (Neighbour), compare_neighbour);
      nb_right[k] = fill;
      for (guint j = b->out_start[i]; j < b->out_start[i + 1]; j++)
        {
          const Seg *seg = &self->segs[b->out_list[j]];

          nb[fill].pos = self->items[seg->right].pos;
          nb[fill++].w = seg->w;
        }
      qsort (nb + nb_right[k], fill - nb_right[k], sizeof (Neighbour), compare_neighbour);
    }
  nb_left[n] = fill;
  b->work += fill + n;
}

/* Crossings between the bands of the items in slots su and sv, with su
 * above sv (uv) and below it (vu). */
static void
slot_crossings (const Neighbour *nb,
                const guint     *nb_left,
                const guint     *nb_right,
                guint            su,
                guint            sv,
                double          *uv_w,
                guint64         *uv_c,
                double          *vu_w,
                guint64         *vu_c)
{
  *uv_w = *vu_w = 0;
  *uv_c = *vu_c = 0;
  pair_crossings (nb + nb_left[su], nb_right[su] - nb_left[su],
                  nb + nb_left[sv], nb_right[sv] - nb_left[sv],
                  uv_w, uv_c, vu_w, vu_c);
  pair_crossings (nb + nb_right[su], nb_left[su + 1] - nb_right[su],
                  nb + nb_right[sv], nb_left[sv + 1] - nb_right[sv],
                  uv_w, uv_c, vu_w, vu_c);
}

#define SIFT_MAX_COLUMN 3000

/* Sifting: each item, largest first, moves to the place in its column
 * where its bands cross the least (weighted, then plain). */
static gboolean
sift (Build     *b,
      Neighbour *nb,
      guint     *nb_left,
      guint     *nb_right,
      guint64    budget)
{
  WflSankeyLayout *self = b->layout;
  gboolean any = FALSE;

  for (guint c = 0; c < self->n_columns && b->work < budget; c++)
    {
      guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;
      g_autofree guint *slot = NULL, *item_of = NULL;
      g_autofree double *uv_w = NULL, *vu_w = NULL;
      g_autofree guint64 *uv_c = NULL, *vu_c = NULL;
      g_autofree SortKey *keys = NULL;

      if (n < 3 || n > SIFT_MAX_COLUMN)
        continue;

      column_neighbours (b, c, nb, nb_left, nb_right);
      slot = g_new (guint, n);
      item_of = g_new (guint, n);
      keys = g_new (SortKey, n);
      uv_w = g_new (double, n);
      vu_w = g_new (double, n);
      uv_c = g_new (guint64, n);
      vu_c = g_new (guint64, n);
      for (guint k = 0; k < n; k++)
        {
          slot[k] = k;
          item_of[k] = self->col_items[c0 + k];
          keys[k].key = self->items[item_of[k]].value;
          keys[k].pos = k;
          keys[k].item = k;
        }
      qsort (keys, n, sizeof (SortKey), _wfl_sankey_compare_by_value_desc);

      for (guint q = 0; q < n && b->work < budget; q++)
        {
          guint su = keys[q].item, at = 0, best_p, m = 0;
          double cur_w = 0, best_w;
          guint64 cur_c = 0, best_c;

          if (!isnan (self->items[item_of[su]].pin))
            continue;
          while (slot[at] != su)
            at++;
          /* The others in order, without su. */
          memmove (slot + at, slot + at + 1, sizeof (guint) * (n - 1 - at));
          for (guint k = 0; k + 1 < n; k++)
            {
              slot_crossings (nb, nb_left, nb_right, su, slot[k], &uv_w[k], &uv_c[k], &vu_w[k], &vu_c[k]);
              /* Placed at 0: above everything. */
              cur_w += uv_w[k];
              cur_c += uv_c[k];
              m += nb_left[slot[k] + 1] - nb_left[slot[k]];
            }
          b->work += m + n * (nb_left[su + 1] - nb_left[su] + 1);
          best_w = cur_w;
          best_c = cur_c;
          best_p = 0;
          {
            /* Staying put wins ties. */
            double at_w = cur_w;
            guint64 at_c = cur_c;

            for (guint p = 1; p < n; p++)
              {
                cur_w += vu_w[p - 1] - uv_w[p - 1];
                cur_c += vu_c[p - 1] - uv_c[p - 1];
                if (p == at)
                  at_w = cur_w, at_c = cur_c;
                if (better (cur_w, cur_c, best_w, best_c))
                  best_w = cur_w, best_c = cur_c, best_p = p;
              }
            if (!better (best_w, best_c, at_w, at_c))
              best_p = at;
          }
          memmove (slot + best_p + 1, slot + best_p, sizeof (guint) * (n - 1 - best_p));
          slot[best_p] = su;
          if (best_p != at)
            {
              any = TRUE;
              /* Neighbour lists hold positions in the other columns, which
               * do not move; only this column's order changes. */
              for (guint k = 0; k < n; k++)
                {
                  self->col_items[c0 + k] = item_of[slot[k]];
                  self->items[item_of[slot[k]]].pos = k;
                }
            }
        }
    }
  return any;
}

static gboolean
adjacent_exchange (Build     *b,
                   Neighbour *nb,
                   guint     *nb_start_left,
                   guint     *nb_start_right,
                   guint64    budget)
{
  WflSankeyLayout *self = b->layout;
  gboolean any = FALSE;

  for (guint c = 0; c < self->n_columns; c++)
    {
      guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;

      if (n < 2)
        continue;

      column_neighbours (b, c, nb, nb_start_left, nb_start_right);

      /* Bubble passes over adjacent pairs; the neighbour lists travel
       * with their items through an index permutation. */
      {
        g_autofree guint *slot = g_new (guint, n);
        gboolean swapped = TRUE;

        for (guint k = 0; k < n; k++)
          slot[k] = k;
        for (guint pass = 0; pass < 4 && swapped && b->work < budget; pass++)
          {
            swapped = FALSE;
            for (guint k = 0; k + 1 < n; k++)
              {
                guint su = slot[k], sv = slot[k + 1];
                guint iu = self->col_items[c0 + k], iv = self->col_items[c0 + k + 1];
                double uv_w = 0, vu_w = 0;
                guint64 uv_c = 0, vu_c = 0;

                if (!isnan (self->items[iu].pin) && !isnan (self->items[iv].pin))
                  continue;
                pair_crossings (nb + nb_start_left[su], nb_start_right[su] - nb_start_left[su],
                                nb + nb_start_left[sv], nb_start_right[sv] - nb_start_left[sv],
                                &uv_w, &uv_c, &vu_w, &vu_c);
                pair_crossings (nb + nb_start_right[su], nb_start_left[su + 1] - nb_start_right[su],
                                nb + nb_start_right[sv], nb_start_left[sv + 1] - nb_start_right[sv],
                                &uv_w, &uv_c, &vu_w, &vu_c);
                b->work += nb_start_left[su + 1] - nb_start_left[su] + nb_start_left[sv + 1] - nb_start_left[sv];
                if (better (vu_w, vu_c, uv_w, uv_c))
                  {
                    self->col_items[c0 + k] = iv;
                    self->col_items[c0 + k + 1] = iu;
                    self->items[iv].pos = k;
                    self->items[iu].pos = k + 1;
                    slot[k] = sv;
                    slot[k + 1] = su;
                    swapped = any = TRUE;
                  }
              }
          }
      }
    }
  return any;
}

static void
sync_positions (WflSankeyLayout *self)
{
  for (guint col = 0; col < self->n_columns; col++)
    for (guint k = self->col_start[col]; k < self->col_start[col + 1]; k++)
      self->items[self->col_items[k]].pos = k - self->col_start[col];
}

typedef struct
{
  SortKey   *keys;
  SortKey   *port_keys;
  double    *port;
  guint     *best;
  Neighbour *nb;
  guint     *nb_left;
  guint     *nb_right;
} OrderScratch;

/* From the current order: sweeps (keeping the best order seen), then
 * sifting and adjacent exchange until nothing improves or the work
 * budget is spent. */
static void
improve_order (Build        *b,
               OrderScratch *o,
               guint64       budget,
               double       *out_w,
               guint64      *out_c)
{
  WflSankeyLayout *self = b->layout;
  double best_w, w;
  guint64 best_c, c;
  guint stale = 0;
  guint64 sweep_budget = b->work + (budget - MIN (budget, b->work)) / 2;

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
          if (better (w, c, best_w, best_c))
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

  for (guint pass = 0; pass < 6 && best_c > 0 && b->work < budget; pass++)
    {
      gboolean moved = sift (b, o->nb, o->nb_left, o->nb_right, budget);

      moved |= adjacent_exchange (b, o->nb, o->nb_left, o->nb_right, budget);

      if (!moved)
        break;
    }
  _wfl_sankey_count_order (b, out_w, out_c);
}

#define MAX_STARTS 64

/* Several starts while the budget lasts (small graphs get many, huge
 * ones one): the given order, its mirror, then seeded shuffles. */
void
_wfl_sankey_order_columns (Build *b)
{
  WflSankeyLayout *self = b->layout;
  OrderScratch o;
  g_autofree guint *global = g_new (guint, self->n_items + 1);
  g_autofree guint *initial = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20230704);
  double best_w = G_MAXDOUBLE, w;
  guint64 best_c = G_MAXUINT64, c;
  guint64 size = self->n_segs + self->n_items + 1;
  /* Small graphs (the energy example is ~500) can afford many starts. */
  guint64 budget = MAX (size <= 4096 ? G_GUINT64_CONSTANT (12000000) : G_GUINT64_CONSTANT (3000000), 24 * size);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);
  double result_w[MAX_STARTS];
  guint64 result_c[MAX_STARTS];
  guint n_results = 0;
  guint n_starts = MAX_STARTS;

  if (self->n_columns < 2)
    return;

  o.keys = g_new (SortKey, self->n_items + 1);
  o.port_keys = g_new (SortKey, self->n_segs + 1);
  o.port = g_new (double, self->n_segs + 1);
  o.best = g_new (guint, self->n_items + 1);
  o.nb = g_new (Neighbour, 2 * self->n_segs + 1);
  o.nb_left = g_new (guint, self->n_items + 2);
  o.nb_right = g_new (guint, self->n_items + 2);
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
  for (guint start = 0; start < n_starts && (start == 0 || b->work < budget / 3) && best_c > 0; start++)
    {
      memcpy (self->col_items, initial, sizeof (guint) * self->n_items);
      for (guint col = 0; col < self->n_columns; col++)
        {
          guint c0 = self->col_start[col], n = self->col_start[col + 1] - c0;

          for (guint k = 0; k < n && start > 0; k++)
            {
              guint other = start == 1 ? n - 1 - k : (guint) g_rand_int_range (rand, k, n);

              if (start == 1 && other <= k)
                break;
              {
                guint t = self->col_items[c0 + k];

                self->col_items[c0 + k] = self->col_items[c0 + other];
                self->col_items[c0 + other] = t;
              }
            }
        }
      sync_positions (self);
      improve_order (b, &o, start == 0 ? budget : budget / 2, &w, &c);
      g_debug ("order: start %u → %" G_GUINT64_FORMAT " crossings, weighted %g; %" G_GUINT64_FORMAT " work",
               start, c, w, b->work);
      result_w[n_results] = w;
      result_c[n_results] = c;
      g_ptr_array_add (results, g_memdup2 (self->col_items, sizeof (guint) * self->n_items));
      n_results++;
      if (better (w, c, best_w, best_c))
        {
          best_w = w;
          best_c = c;
        }
    }

  /* Both counts matter: of the starts' results, the one whose weighted
   * and plain crossings, each relative to the least any start reached,
   * add up to the least (ties: the lower weighted). */
  {
    double least_w = G_MAXDOUBLE, best_score = G_MAXDOUBLE;
    guint64 least_c = G_MAXUINT64;
    guint pick = 0;

    for (guint k = 0; k < n_results; k++)
      {
        least_w = MIN (least_w, result_w[k]);
        least_c = MIN (least_c, result_c[k]);
      }
    for (guint k = 0; k < n_results; k++)
      {
        double score = (least_w > 0 ? result_w[k] / least_w : 1) +
                       (least_c > 0 ? (double) result_c[k] / least_c : result_c[k] > 0);

        if (score < best_score - 1e-12 ||
            (fabs (score - best_score) <= 1e-12 && better (result_w[k], result_c[k], result_w[pick], result_c[pick])))
          {
            best_score = score;
            pick = k;
          }
      }
    memcpy (global, g_ptr_array_index (results, pick), sizeof (guint) * self->n_items);
  }

  memcpy (self->col_items, global, sizeof (guint) * self->n_items);
  sync_positions (self);

  /* Vertical pins win over crossings: a node pinned at 0 comes first, at
   * 1 last, others in proportion among the free nodes. */
  for (guint col = 0; col < self->n_columns; col++)
    {
      guint c0 = self->col_start[col], n = self->col_start[col + 1] - c0;
      gboolean pinned = FALSE;

      for (guint k = 0; k < n; k++)
        {
          const Item *item = &self->items[self->col_items[c0 + k]];

          o.keys[k].item = self->col_items[c0 + k];
          o.keys[k].pos = k;
          o.keys[k].key = isnan (item->pin) ? k : CLAMP (item->pin, 0, 1) * (n - 1) + (item->pin >= 0.5 ? 0.5 : -0.5);
          pinned |= !isnan (item->pin);
        }
      if (pinned)
        sort_column (b, col, o.keys);
    }

  g_free (o.keys);
  g_free (o.port_keys);
  g_free (o.port);
  g_free (o.best);
  g_free (o.nb);
  g_free (o.nb_left);
  g_free (o.nb_right);
}
