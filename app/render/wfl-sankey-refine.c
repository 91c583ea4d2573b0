/* wfl-sankey-refine.c: local search over the order within columns
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of phase 4 (wfl-sankey-order.c).  Moves of single items within
 * their column, evaluated exactly and incrementally: with the other
 * columns fixed, the crossings an item's bands make with those of
 * another item of its column depend only on the two (and on which of
 * them is above), so they are counted once per pair by merging the two
 * items' sorted neighbour positions (the two-layer count of
 * Barth–Jünger–Mutzel, restricted to two items), on both sides of the
 * column.  Sifting moves an item, largest first, to the place in its
 * column that costs least; adjacent exchange swaps two neighbours when
 * that costs less.  The cost is an objective over both counts,
 * a · weighted + b · plain; equal costs go to the lower plain count.
 * Pinned items stay.  Every loop is capped by work, not time.
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-sankey-layout-private.h"

/* Whether (w1, c1) costs less than (w0, c0) under obj: by more than a
 * rounding error, or as much with fewer plain crossings. */
gboolean
_wfl_sankey_objective_better (const Objective *obj,
                              double           w1,
                              gint64           c1,
                              double           w0,
                              gint64           c0)
{
  double d = obj->a * (w1 - w0) + obj->b * (double) (c1 - c0);
  double scale = obj->a * MAX (fabs (w0), fabs (w1)) + obj->b * (double) MAX (ABS (c0), ABS (c1));
  double eps = 1e-9 * MAX (scale, 1e-300);

  if (d < -eps)
    return TRUE;
  if (d > eps)
    return FALSE;
  return c1 < c0;
}

static int
compare_neighbour (gconstpointer a,
                   gconstpointer b)
{
  const Neighbour *x = a, *y = b;

  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Crossings between the edges of u and of v (sorted neighbour positions)
 * when u is above v (pairs with a(u) > b(v)) and when v is above u. */
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
column_neighbours (Build       *b,
                   guint        c,
                   RefineLists *r)
{
  WflSankeyLayout *self = b->layout;
  guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;
  guint fill = 0;

  for (guint k = 0; k < n; k++)
    {
      guint i = self->col_items[c0 + k];

      r->nb_left[k] = fill;
      for (guint j = b->in_start[i]; j < b->in_start[i + 1]; j++)
        {
          const Seg *seg = &self->segs[b->in_list[j]];

          r->nb[fill].pos = self->items[seg->left].pos;
          r->nb[fill++].w = seg->w;
        }
      qsort (r->nb + r->nb_left[k], fill - r->nb_left[k], sizeof (Neighbour), compare_neighbour);
      r->nb_right[k] = fill;
      for (guint j = b->out_start[i]; j < b->out_start[i + 1]; j++)
        {
          const Seg *seg = &self->segs[b->out_list[j]];

          r->nb[fill].pos = self->items[seg->right].pos;
          r->nb[fill++].w = seg->w;
        }
      qsort (r->nb + r->nb_right[k], fill - r->nb_right[k], sizeof (Neighbour), compare_neighbour);
    }
  r->nb_left[n] = fill;
  b->work += fill + n;
}

/* Crossings between the bands of the items in slots su and sv, with su
 * above sv (uv) and below it (vu), on both sides of their column. */
static void
slot_crossings (const RefineLists *r,
                guint              su,
                guint              sv,
                double            *uv_w,
                guint64           *uv_c,
                double            *vu_w,
                guint64           *vu_c)
{
  const Neighbour *nb = r->nb;
  const guint *nb_left = r->nb_left, *nb_right = r->nb_right;

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

/* A table entry over the positions of an adjacent column: how much of
 * a sifted item's bands (weight, number) end below (gt) and above (lt)
 * the position. */
struct _SideEntry
{
  double gt_w, lt_w;
  double gt_c, lt_c;
};

static void
side_table (const Neighbour *nb,
            guint            d,
            guint            n,
            SideEntry       *t)
{
  double tw = 0, acc_w = 0;
  guint j = 0;

  for (guint k = 0; k < d; k++)
    tw += nb[k].w;
  /* lt: the sum over pos < p; gt: the total less the sum over pos ≤ p. */
  for (guint p = 0; p < n; p++)
    {
      t[p].lt_w = acc_w;
      t[p].lt_c = j;
      while (j < d && nb[j].pos == p)
        acc_w += nb[j].w, j++;
      t[p].gt_w = tw - acc_w;
      t[p].gt_c = d - j;
    }
}

/* Crossings of the sifted item (its table t) with the bands nb[0..d) of
 * another item of its column: with the sifted item above (uv), below. */
static inline void
table_crossings (const Neighbour *nb,
                 guint            d,
                 const SideEntry *t,
                 double          *uv_w,
                 double          *uv_c,
                 double          *vu_w,
                 double          *vu_c)
{
  for (guint k = 0; k < d; k++)
    {
      const SideEntry *e = &t[nb[k].pos];

      *uv_w += nb[k].w * e->gt_w;
      *uv_c += e->gt_c;
      *vu_w += nb[k].w * e->lt_w;
      *vu_c += e->lt_c;
    }
}

/* The same from the sifted item's few bands u[0..du) directly: cheaper
 * than its tables when it has one or two on a side. */
static inline void
direct_crossings (const Neighbour *nb,
                  guint            d,
                  const Neighbour *u,
                  guint            du,
                  double          *uv_w,
                  double          *uv_c,
                  double          *vu_w,
                  double          *vu_c)
{
  for (guint k = 0; k < d; k++)
    for (guint j = 0; j < du; j++)
      if (u[j].pos > nb[k].pos)
        *uv_w += nb[k].w * u[j].w, *uv_c += 1;
      else if (u[j].pos < nb[k].pos)
        *vu_w += nb[k].w * u[j].w, *vu_c += 1;
}

#define DIRECT_MAX 2

/* The best place for the item in slot su among the others (slot, n - 1
 * of them, in order), by obj; staying at at wins ties. */
static guint
best_place (Build           *b,
            RefineLists     *r,
            const Objective *obj,
            guint            c,
            const guint     *slot,
            guint            n,
            guint            su,
            guint            at)
{
  WflSankeyLayout *self = b->layout;
  guint n_left = c > 0 ? self->col_start[c] - self->col_start[c - 1] : 0;
  guint n_right = c + 1 < self->n_columns ? self->col_start[c + 2] - self->col_start[c + 1] : 0;
  const guint *nb_left = r->nb_left, *nb_right = r->nb_right;
  SideEntry *left = r->table, *right = r->table + n_left;
  double cur_w = 0, cur_c = 0, best_w, best_c, at_w, at_c;
  double slack = obj->w_cap - r->w_now;
  guint best_p, m = 0;

  const Neighbour *u_left = r->nb + nb_left[su], *u_right = r->nb + nb_right[su];
  guint du_left = nb_right[su] - nb_left[su], du_right = nb_left[su + 1] - nb_right[su];

  if (du_left > DIRECT_MAX)
    side_table (u_left, du_left, n_left, left), m += n_left;
  if (du_right > DIRECT_MAX)
    side_table (u_right, du_right, n_right, right), m += n_right;
  for (guint k = 0; k + 1 < n; k++)
    {
      guint sv = slot[k];
      double uv_w = 0, uv_c = 0, vu_w = 0, vu_c = 0;

      if (du_left > DIRECT_MAX)
        table_crossings (r->nb + nb_left[sv], nb_right[sv] - nb_left[sv], left, &uv_w, &uv_c, &vu_w, &vu_c);
      else
        direct_crossings (r->nb + nb_left[sv], nb_right[sv] - nb_left[sv], u_left, du_left,
                          &uv_w, &uv_c, &vu_w, &vu_c);
      if (du_right > DIRECT_MAX)
        table_crossings (r->nb + nb_right[sv], nb_left[sv + 1] - nb_right[sv], right, &uv_w, &uv_c, &vu_w, &vu_c);
      else
        direct_crossings (r->nb + nb_right[sv], nb_left[sv + 1] - nb_right[sv], u_right, du_right,
                          &uv_w, &uv_c, &vu_w, &vu_c);
      /* Moving past the k-th other item turns uv into vu. */
      r->dw[k] = vu_w - uv_w;
      r->dc[k] = vu_c - uv_c;
      m += nb_left[sv + 1] - nb_left[sv];
    }
  b->work += m + n;
  /* Costs relative to place 0, at's first: staying wins ties, and places
   * that leave more weighted crossings than the cap allows are out. */
  at_w = at_c = 0;
  for (guint p = 0; p < at; p++)
    at_w += r->dw[p], at_c += r->dc[p];
  best_w = at_w;
  best_c = at_c;
  best_p = at;
  {
    /* Differences below eps are rounding: then the fewer plain crossings
     * win (as in _wfl_sankey_objective_better ()). */
    double eps = 1e-9 * (obj->a * fabs (r->w_now) + obj->b);
    double best = obj->a * best_w + obj->b * best_c;

    for (guint p = 0; p < n; p++)
      {
        double cost;

        if (p > 0)
          cur_w += r->dw[p - 1], cur_c += r->dc[p - 1];
        cost = obj->a * cur_w + obj->b * cur_c;
        if (p != at && cost <= best + eps && cur_w - at_w <= slack &&
            (cost < best - eps || cur_c < best_c))
          best_w = cur_w, best_c = cur_c, best_p = p, best = cost;
      }
  }
  r->w_now += best_w - at_w;
  return best_p;
}

/* Sifting: each free item of every column, largest first, moves to the
 * place in its column where its bands cost least. */
gboolean
_wfl_sankey_sift (Build           *b,
                  RefineLists     *r,
                  const Objective *obj,
                  guint64          budget)
{
  WflSankeyLayout *self = b->layout;
  gboolean any = FALSE;

  for (guint c = 0; c < self->n_columns && b->work < budget; c++)
    {
      guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;
      guint *slot = r->slot, *item_of = r->item_of;
      SortKey *keys = r->keys;

      if (n < 3 || n > SIFT_MAX_COLUMN)
        continue;

      column_neighbours (b, c, r);
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
          guint su = keys[q].item, at = 0, p;

          if (!isnan (self->items[item_of[su]].pin))
            continue;
          while (slot[at] != su)
            at++;
          /* The others in order, without su. */
          memmove (slot + at, slot + at + 1, sizeof (guint) * (n - 1 - at));
          p = best_place (b, r, obj, c, slot, n, su, at);
          memmove (slot + p + 1, slot + p, sizeof (guint) * (n - 1 - p));
          slot[p] = su;
          if (p != at)
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

/* Adjacent exchange: bubble passes over every column, swapping two
 * neighbours (not both pinned) when that costs less. */
gboolean
_wfl_sankey_exchange (Build           *b,
                      RefineLists     *r,
                      const Objective *obj,
                      guint64          budget)
{
  WflSankeyLayout *self = b->layout;
  gboolean any = FALSE;

  for (guint c = 0; c < self->n_columns; c++)
    {
      guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;
      guint *slot = r->slot;
      gboolean swapped = TRUE;

      if (n < 2)
        continue;

      column_neighbours (b, c, r);
      /* The neighbour lists travel with their items through slot. */
      for (guint k = 0; k < n; k++)
        slot[k] = k;
      for (guint pass = 0; pass < 4 && swapped && b->work < budget; pass++)
        {
          swapped = FALSE;
          for (guint k = 0; k + 1 < n; k++)
            {
              guint su = slot[k], sv = slot[k + 1];
              guint iu = self->col_items[c0 + k], iv = self->col_items[c0 + k + 1];
              double uv_w, vu_w;
              guint64 uv_c, vu_c;

              if (!isnan (self->items[iu].pin) && !isnan (self->items[iv].pin))
                continue;
              slot_crossings (r, su, sv, &uv_w, &uv_c, &vu_w, &vu_c);
              b->work += r->nb_left[su + 1] - r->nb_left[su] + r->nb_left[sv + 1] - r->nb_left[sv];
              if (vu_w - uv_w <= obj->w_cap - r->w_now &&
                  _wfl_sankey_objective_better (obj, vu_w, vu_c, uv_w, uv_c))
                {
                  r->w_now += vu_w - uv_w;
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
  return any;
}

void
_wfl_sankey_refine_lists_init (Build       *b,
                               RefineLists *r)
{
  WflSankeyLayout *self = b->layout;
  guint n = self->n_items + 2;

  r->nb = g_new (Neighbour, 2 * self->n_segs + 1);
  r->nb_left = g_new (guint, n);
  r->nb_right = g_new (guint, n);
  r->slot = g_new (guint, n);
  r->item_of = g_new (guint, n);
  r->keys = g_new (SortKey, n);
  r->dw = g_new (double, n);
  r->dc = g_new (double, n);
  r->table = g_new (SideEntry, n);
  r->w_now = 0;
}

void
_wfl_sankey_refine_lists_clear (RefineLists *r)
{
  g_free (r->nb);
  g_free (r->nb_left);
  g_free (r->nb_right);
  g_free (r->slot);
  g_free (r->item_of);
  g_free (r->keys);
  g_free (r->dw);
  g_free (r->dc);
  g_free (r->table);
}

/* Sifting and adjacent exchange by obj until neither helps, at most
 * max_passes times or until the work reaches budget. */
void
_wfl_sankey_refine (Build           *b,
                    RefineLists     *r,
                    const Objective *obj,
                    guint            max_passes,
                    guint64          budget)
{
  double w, cost;
  guint64 c;

  _wfl_sankey_count_order (b, &w, &c);
  cost = obj->a * w + obj->b * c;
  r->w_now = w;
  for (guint pass = 0; pass < max_passes && b->work < budget; pass++)
    {
      gboolean moved = _wfl_sankey_sift (b, r, obj, budget);
      double before = cost;

      moved |= _wfl_sankey_exchange (b, r, obj, budget);
      if (b->reroute)
        moved |= _wfl_sankey_reroute (b, r, obj, budget);
      if (!moved)
        break;
      /* Passes that gain less than a thousandth are not worth their time. */
      _wfl_sankey_count_order (b, &w, &c);
      cost = obj->a * w + obj->b * c;
      r->w_now = w;
      if (cost > before * (1 - 1e-3))
        break;
    }
}
