/* wfl-sankey-reroute.c: the best way through the columns for a long link
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of phase 4's local search (wfl-sankey-refine.c).  A link that
 * skips columns passes one waypoint per column in between; moving those
 * one at a time rarely pays, since each alone bends the band.  Here all
 * of a link's waypoints move at once, to the route that costs least with
 * every other item fixed: take the waypoints out, and the cost of the
 * link's piece in a gap from a place a in the left column to a place b
 * in the right one is the sum over the gap's other pieces that it
 * crosses (a 2-D prefix sum over their ends answers every a and b), and
 * a shortest path over the columns (dynamic programming) finds the best
 * route exactly.  Places are counted in half steps: item k of a column
 * at 2k + 1, the gap above it at 2k.
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-sankey-layout-private.h"

/* Columns of more items than this are left alone (the prefix sums grow
 * with the product of two columns' sizes). */
#define REROUTE_MAX_COLUMN 160

typedef struct
{
  double *pw, *pc;      /* prefix sums over the gap's other pieces */
  double *cost;         /* per route step: best cost to reach a place */
  guint  *from;         /* per route step and place: the place before */
  guint  *saved;        /* the columns a route passes, to undo it */
  guint   max_places;
} Reroute;

/* Place of item i (half steps), with the link's waypoint wp (or NONE)
 * taken out of its column. */
static guint
place_of (const WflSankeyLayout *self,
          guint                  i,
          guint                  wp)
{
  guint pos = self->items[i].pos;

  if (wp != NONE && self->items[wp].pos < pos)
    pos--;
  return 2 * pos + 1;
}

/* The prefix sums of gap g without link l's piece, over places with the
 * waypoints wl (left column) and wr (right) taken out: pw[x * hh + y] is
 * the weight of the pieces whose left end is below x and right end
 * below y (in places), pc their number. */
static void
gap_prefix (Build   *b,
            Reroute *r,
            guint    g,
            guint    l,
            guint    wl,
            guint    wr,
            guint    ww,
            guint    hh)
{
  WflSankeyLayout *self = b->layout;

  memset (r->pw, 0, sizeof (double) * ww * hh);
  memset (r->pc, 0, sizeof (double) * ww * hh);
  for (guint k = self->gap_start[g]; k < self->gap_start[g + 1]; k++)
    {
      const Seg *seg = &self->segs[self->gap_segs[k]];
      guint x, y;

      if (seg->link == l)
        continue;
      x = place_of (self, seg->left, wl) + 1;
      y = place_of (self, seg->right, wr) + 1;
      r->pw[x * hh + y] += seg->w;
      r->pc[x * hh + y] += 1;
    }
  for (guint x = 0; x < ww; x++)
    for (guint y = 0; y < hh; y++)
      {
        double w = r->pw[x * hh + y], c = r->pc[x * hh + y];

        if (x > 0)
          w += r->pw[(x - 1) * hh + y], c += r->pc[(x - 1) * hh + y];
        if (y > 0)
          w += r->pw[x * hh + y - 1], c += r->pc[x * hh + y - 1];
        if (x > 0 && y > 0)
          w -= r->pw[(x - 1) * hh + y - 1], c -= r->pc[(x - 1) * hh + y - 1];
        r->pw[x * hh + y] = w;
        r->pc[x * hh + y] = c;
      }
  b->work += ww * hh + self->gap_start[g + 1] - self->gap_start[g];
}

/* Sum over pieces with left place in [x0, x1) and right in [y0, y1). */
static inline double
box (const double *p,
     guint         hh,
     guint         x0,
     guint         x1,
     guint         y0,
     guint         y1)
{
  if (x0 >= x1 || y0 >= y1)
    return 0;
  return p[x1 * hh + y1] - p[x0 * hh + y1] - p[x1 * hh + y0] + p[x0 * hh + y0];
}

/* The cost of link l's piece from place a to place b: the pieces it
 * crosses (ends strictly on opposite sides), weighted by obj. */
static inline double
piece_cost (const Reroute   *r,
            const Objective *obj,
            double           value,
            guint            ww,
            guint            hh,
            guint            a,
            guint            bb)
{
  /* Prefix index x covers places < x; places run 0 .. ww - 2. */
  double w = box (r->pw, hh, 0, a, bb + 1, hh - 1) + box (r->pw, hh, a + 1, ww - 1, 0, bb);
  double c = box (r->pc, hh, 0, a, bb + 1, hh - 1) + box (r->pc, hh, a + 1, ww - 1, 0, bb);

  return obj->a * value * w + obj->b * c;
}

/* Moves waypoint wp to place p (an even place: the gap above item p / 2
 * of the others). */
static void
move_waypoint (WflSankeyLayout *self,
               guint            wp,
               guint            p)
{
  guint col = self->items[wp].column, c0 = self->col_start[col];
  guint from = self->items[wp].pos, to = p / 2;

  if (to > from)
    memmove (self->col_items + c0 + from, self->col_items + c0 + from + 1, sizeof (guint) * (to - from));
  else if (to < from)
    memmove (self->col_items + c0 + to + 1, self->col_items + c0 + to, sizeof (guint) * (from - to));
  self->col_items[c0 + to] = wp;
  for (guint k = MIN (from, to); k <= MAX (from, to); k++)
    self->items[self->col_items[c0 + k]].pos = k;
}

/* The best route for link l; TRUE if it costs less than the current
 * one (and is taken). */
static gboolean
reroute_link (Build           *b,
              Reroute         *r,
              const Objective *obj,
              guint            l)
{
  WflSankeyLayout *self = b->layout;
  guint s0 = b->link_first_seg[l], ns = b->link_n_segs[l];
  guint cs = self->items[self->segs[s0].left].column;
  double value = b->value[l], current = 0, best = G_MAXDOUBLE;
  guint n_prev = 1, at = 0;

  /* Step k joins column cs + k to cs + k + 1; cost[k * max + p] is the
   * least cost to reach place p of column cs + k + 1. */
  for (guint k = 0; k < ns; k++)
    {
      guint g = cs + k;
      guint wl = k > 0 ? self->segs[s0 + k].left : NONE;
      guint wr = k + 1 < ns ? self->segs[s0 + k].right : NONE;
      guint nl = self->col_start[g + 1] - self->col_start[g] - (wl != NONE);
      guint nr = self->col_start[g + 2] - self->col_start[g + 1] - (wr != NONE);
      guint ww = 2 * nl + 2, hh = 2 * nr + 2;
      guint a_fixed = k == 0 ? place_of (self, self->segs[s0].left, NONE) : 0;
      guint b_fixed = k + 1 == ns ? place_of (self, self->segs[s0 + k].right, NONE) : 0;
      guint n_b = wr != NONE ? nr + 1 : 1;
      guint cur_a = k == 0 ? a_fixed : 2 * self->items[wl].pos;
      guint cur_b = wr != NONE ? 2 * self->items[wr].pos : b_fixed;

      gap_prefix (b, r, g, l, wl, wr, ww, hh);
      current += piece_cost (r, obj, value, ww, hh, cur_a, cur_b);
      for (guint j = 0; j < n_b; j++)
        {
          guint bb = wr != NONE ? 2 * j : b_fixed;
          double least = G_MAXDOUBLE;
          guint arg = 0;

          for (guint i = 0; i < n_prev; i++)
            {
              guint a = k == 0 ? a_fixed : 2 * i;
              double before = k == 0 ? 0 : r->cost[(k - 1) * r->max_places + i];
              double cost = before + piece_cost (r, obj, value, ww, hh, a, bb);

              if (cost < least)
                least = cost, arg = i;
            }
          r->cost[k * r->max_places + j] = least;
          r->from[k * r->max_places + j] = arg;
        }
      /* Each pair costs eight look-ups. */
      b->work += 4 * n_prev * n_b;
      n_prev = n_b;
    }
  best = r->cost[(ns - 1) * r->max_places];
  if (!(best < current - 1e-9 * MAX (current, 1e-300)))
    return FALSE;

  /* Back from the last column: the waypoint of step k - 1 sits at the
   * place step k came from. */
  at = 0;
  for (guint k = ns - 1; k > 0; k--)
    {
      at = r->from[k * r->max_places + at];
      move_waypoint (self, self->segs[s0 + k].left, 2 * at);
    }
  return TRUE;
}

/* Every long link (largest first) to its best route; TRUE if any moved.
 * Links through columns larger than REROUTE_MAX_COLUMN stay. */
gboolean
_wfl_sankey_reroute (Build           *b,
                     RefineLists     *rl,
                     const Objective *obj,
                     guint64          budget)
{
  WflSankeyLayout *self = b->layout;
  g_autofree SortKey *keys = g_new (SortKey, b->m + 1);
  guint n_long = 0, max_col = 0, max_span = 0;
  gboolean any = FALSE;
  Reroute r;

  for (guint c = 0; c < self->n_columns; c++)
    max_col = MAX (max_col, self->col_start[c + 1] - self->col_start[c]);
  for (guint l = 0; l < b->m; l++)
    if (b->link_n_segs[l] > 1)
      {
        guint cs = self->items[self->segs[b->link_first_seg[l]].left].column;
        gboolean small = TRUE;

        for (guint c = cs; c <= cs + b->link_n_segs[l]; c++)
          small &= self->col_start[c + 1] - self->col_start[c] <= REROUTE_MAX_COLUMN;
        if (!small)
          continue;
        keys[n_long].key = b->value[l];
        keys[n_long].pos = l;
        keys[n_long++].item = l;
        max_span = MAX (max_span, b->link_n_segs[l]);
      }
  if (n_long == 0)
    return FALSE;
  qsort (keys, n_long, sizeof (SortKey), _wfl_sankey_compare_by_value_desc);

  max_col = MIN (max_col, REROUTE_MAX_COLUMN) + 2;
  r.max_places = max_col;
  r.pw = g_new (double, (2 * max_col + 2) * (2 * max_col + 2));
  r.pc = g_new (double, (2 * max_col + 2) * (2 * max_col + 2));
  r.cost = g_new (double, (max_span + 1) * max_col);
  r.from = g_new (guint, (max_span + 2) * max_col);
  r.saved = g_new (guint, self->n_items + 1);

  for (guint k = 0; k < n_long && b->work < budget; k++)
    {
      guint l = keys[k].item, s0 = b->link_first_seg[l];
      guint cs = self->items[self->segs[s0].left].column;
      guint a0 = self->col_start[cs + 1], a1 = self->col_start[cs + b->link_n_segs[l]];
      gboolean capped = obj->w_cap < G_MAXDOUBLE;
      double w;
      guint64 c;

      if (capped)
        memcpy (r.saved, self->col_items + a0, sizeof (guint) * (a1 - a0));
      if (!reroute_link (b, &r, obj, l))
        continue;
      if (capped)
        {
          /* Over the cap: back to the old route. */
          _wfl_sankey_count_order (b, &w, &c);
          if (w > obj->w_cap)
            {
              memcpy (self->col_items + a0, r.saved, sizeof (guint) * (a1 - a0));
              for (guint x = a0; x < a1; x++)
                self->items[self->col_items[x]].pos = x - self->col_start[self->items[self->col_items[x]].column];
              continue;
            }
          rl->w_now = w;
        }
      any = TRUE;
    }

  g_free (r.pw);
  g_free (r.pc);
  g_free (r.cost);
  g_free (r.from);
  g_free (r.saved);
  return any;
}
