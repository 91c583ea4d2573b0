/* wfl-sankey-position.c: scale, vertical positions, column positions
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phase 5 of the layout.  The scale first: pixels per unit of value and
 * the padding between nodes, such that every column fits the height,
 * loop lanes and bottleneck markers included.  Then vertical positions:
 * Gauss–Seidel relaxation of every band toward horizontal, each column
 * solved exactly as a weighted isotonic regression (pool-adjacent-
 * violators) under the no-overlap and box constraints, so nodes never
 * overlap and keep their order; pinned nodes weigh far more.  Last, once
 * the outer label stacks have sized the margins (wfl-sankey-labels.c),
 * the node width and the columns' x positions.
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>

#include "wfl-sankey-layout-private.h"

/* A gap narrowed for another's labels keeps at least this share of the
 * even step. */
#define MIN_GAP_SHARE 0.7

/* ---------------------------------------------------------------- *
 * 5. Vertical positions
 * ---------------------------------------------------------------- */

/* Weighted isotonic regression with gaps and a box: minimises
 * Σ wᵢ (yᵢ − dᵢ)² subject to yᵢ₊₁ ≥ yᵢ + hᵢ + gᵢ and lo ≤ y, y + h ≤ hi. */
static void
place_column (guint         n,
              const double *desired,
              const double *weight,
              const double *h,
              const double *gap,      /* gap[i] between i and i + 1 */
              double        lo,
              double        hi,
              double       *y,
              double       *scratch,  /* 3 n */
              guint        *bcount)   /* n */
{
  double *offset = scratch;
  double *bw = scratch + n, *bsum = scratch + 2 * n;
  guint nb = 0, k = 0;
  double total, zmax;

  if (n == 0)
    return;
  offset[0] = 0;
  for (guint i = 1; i < n; i++)
    offset[i] = offset[i - 1] + h[i - 1] + gap[i - 1];
  total = offset[n - 1] + h[n - 1];

  for (guint i = 0; i < n; i++)
    {
      bw[nb] = weight[i];
      bsum[nb] = weight[i] * (desired[i] - offset[i]);
      bcount[nb] = 1;
      nb++;
      while (nb > 1 && bsum[nb - 2] * bw[nb - 1] > bsum[nb - 1] * bw[nb - 2])
        {
          bw[nb - 2] += bw[nb - 1];
          bsum[nb - 2] += bsum[nb - 1];
          bcount[nb - 2] += bcount[nb - 1];
          nb--;
        }
    }

  zmax = hi - total;
  for (guint j = 0; j < nb; j++)
    {
      double z = bsum[j] / bw[j];

      z = MIN (z, zmax);
      z = MAX (z, lo);
      for (guint r = 0; r < bcount[j]; r++, k++)
        y[k] = z + offset[k];
    }
}

static double
gap_factor (const Item *a,
            const Item *b)
{
  if (a->node != NONE && b->node != NONE)
    return 1.0;
  if (a->node != NONE || b->node != NONE)
    return 0.5;
  return 0.2;
}

static void
relax (Build  *b,
       double  padding,
       double  top,
       double  height,
       guint   iterations,
       double  pin_weight)
{
  WflSankeyLayout *self = b->layout;
  guint max_n = 0;
  g_autofree double *desired = NULL, *weight = NULL, *h = NULL, *gap = NULL, *y = NULL, *scratch = NULL;
  g_autofree guint *bcount = NULL;

  for (guint c = 0; c < self->n_columns; c++)
    max_n = MAX (max_n, self->col_start[c + 1] - self->col_start[c]);
  desired = g_new (double, max_n + 1);
  weight = g_new (double, max_n + 1);
  h = g_new (double, max_n + 1);
  gap = g_new (double, max_n + 1);
  y = g_new (double, max_n + 1);
  scratch = g_new (double, 3 * max_n + 3);
  bcount = g_new (guint, max_n + 1);

  for (guint it = 0; it < iterations; it++)
    {
      gboolean forward = it % 2 == 0;

      for (guint step = 0; step < self->n_columns; step++)
        {
          guint c = forward ? step : self->n_columns - 1 - step;
          guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;

          for (guint k = 0; k < n; k++)
            {
              guint i = self->col_items[c0 + k];
              const Item *item = &self->items[i];
              double sw = 0, sum = 0, su = 0;
              guint cnt = 0;

              for (guint j = b->in_start[i]; j < b->in_start[i + 1]; j++)
                {
                  const Seg *seg = &self->segs[b->in_list[j]];
                  double target = self->items[seg->left].y + seg->off_left - seg->off_right;

                  sw += seg->w;
                  sum += seg->w * target;
                  su += target;
                  cnt++;
                }
              for (guint j = b->out_start[i]; j < b->out_start[i + 1]; j++)
                {
                  const Seg *seg = &self->segs[b->out_list[j]];
                  double target = self->items[seg->right].y + seg->off_right - seg->off_left;

                  sw += seg->w;
                  sum += seg->w * target;
                  su += target;
                  cnt++;
                }

              h[k] = item->h;
              if (k + 1 < n)
                gap[k] = padding * gap_factor (item, &self->items[self->col_items[c0 + k + 1]]);
              if (!isnan (item->pin))
                {
                  desired[k] = top + CLAMP (item->pin, 0, 1) * MAX (0, height - top - item->h);
                  weight[k] = pin_weight;
                }
              else if (sw > 0)
                {
                  desired[k] = sum / sw;
                  weight[k] = sw;
                }
              else if (cnt > 0)
                {
                  desired[k] = su / cnt;
                  weight[k] = 1e-9 * pin_weight;
                }
              else
                {
                  desired[k] = item->y;
                  weight[k] = 1e-12 * pin_weight;
                }
            }
          b->work += n;
          place_column (n, desired, weight, h, gap, top, height, y, scratch, bcount);
          for (guint k = 0; k < n; k++)
            self->items[self->col_items[c0 + k]].y = y[k];
        }
    }
}

/* Room above the chart for bottleneck markers, then the scale and the
 * padding (every column must fit, loop lanes included), and so the
 * items' heights. */
void
_wfl_sankey_scale (Build *b)
{
  WflSankeyLayout *self = b->layout;
  const WflSankeyGraph *graph = b->graph;
  double height = self->height;
  double padding, ky, loop_fixed, loop_value = b->loop_value, chart_h, top = 0;

  /* Room above the chart for bottleneck markers. */
  for (guint v = 0; v < b->n; v++)
    if (wfl_sankey_graph_get_node (graph, v)->bottleneck)
      top = 14;

  /* 5. Scale and padding: every column must fit, loop lanes included. */
  loop_fixed = self->n_loops > 0 ? LOOP_GAP * (self->n_loops + 2) : 0;
  loop_fixed = MIN (loop_fixed, height * 0.25);
  padding = MAX (b->options->node_padding, 0);
  for (guint c = 0; c < self->n_columns; c++)
    {
      double gaps = 0;

      for (guint k = self->col_start[c] + 1; k < self->col_start[c + 1]; k++)
        gaps += gap_factor (&self->items[self->col_items[k - 1]], &self->items[self->col_items[k]]);
      if (gaps > 0)
        padding = MIN (padding, 0.5 * (height - top - loop_fixed) / gaps);
    }
  ky = G_MAXDOUBLE;
  for (guint c = 0; c < self->n_columns; c++)
    {
      double gaps = 0, sum = 0;

      for (guint k = self->col_start[c]; k < self->col_start[c + 1]; k++)
        {
          sum += self->items[self->col_items[k]].value;
          if (k > self->col_start[c])
            gaps += padding * gap_factor (&self->items[self->col_items[k - 1]], &self->items[self->col_items[k]]);
        }
      if (sum + loop_value > 0)
        ky = MIN (ky, (height - top - loop_fixed - gaps) / (sum + loop_value));
    }
  if (ky == G_MAXDOUBLE || ky < 0)
    ky = 0;
  chart_h = height - (self->n_loops > 0 ? loop_fixed + ky * loop_value : 0);

  for (guint i = 0; i < self->n_items; i++)
    self->items[i].h = self->items[i].value * ky;

  b->top = top;
  b->padding = padding;
  b->ky = ky;
  b->chart_h = chart_h;
}

/* Vertical positions: every column stacked and centred, then relaxed
 * (the ports must be assigned: bands pull toward their other end). */
void
_wfl_sankey_place_vertically (Build *b)
{
  WflSankeyLayout *self = b->layout;
  double padding = b->padding, top = b->top, chart_h = b->chart_h, pin_weight;
  guint iterations;

  /* Start stacked and centred, then relax. */
  for (guint c = 0; c < self->n_columns; c++)
    {
      double y = 0;

      for (guint k = self->col_start[c]; k < self->col_start[c + 1]; k++)
        {
          Item *item = &self->items[self->col_items[k]];

          if (k > self->col_start[c])
            y += padding * gap_factor (&self->items[self->col_items[k - 1]], item);
          item->y = y;
          y += item->h;
        }
      for (guint k = self->col_start[c]; k < self->col_start[c + 1]; k++)
        self->items[self->col_items[k]].y += top + (chart_h - top - y) / 2;
    }

  iterations = b->options->iterations;
  if (iterations == 0)
    {
      guint64 size = self->n_segs + self->n_items + 1;

      iterations = (guint) CLAMP (6000000 / size, 6, 40);
    }
  pin_weight = MAX (b->total_value, 1) * 1e6;
  relax (b, padding, top, chart_h, iterations, pin_weight);
}

/* The width of gap c (from column c to c + 1) out of the even step: as
 * wide as the step, or wider by what the labels asked for
 * (b->gap_extra, see _wfl_sankey_widen_gaps ()), the others narrower by
 * as much in all, none below MIN_GAP_SHARE of the step. */
static double
gap_width (const Build *b,
           guint        c,
           double       step,
           double       nw)
{
  guint n_gaps = b->layout->n_columns - 1, n_even = 0;
  double asked = 0, floor_w = MAX (step * MIN_GAP_SHARE, MIN (step, nw + 40)), give, scale = 1;

  if (b->gap_extra == NULL)
    return step;
  for (guint g = 0; g < n_gaps; g++)
    if (b->gap_extra[g] > 0)
      asked += b->gap_extra[g];
    else
      n_even++;
  if (asked <= 0 || n_even == 0)
    return step;
  /* What the other gaps can give, spread evenly over them. */
  give = MAX (0, step - floor_w) * n_even;
  if (asked > give)
    scale = give / asked;
  if (b->gap_extra[c] > 0)
    return step + b->gap_extra[c] * scale;
  return step - asked * scale / n_even;
}

/* Horizontal: the node width and the columns' x positions between the
 * margins that the outer label stacks asked for; when the columns would
 * get too narrow, no margins, and every label goes in the gaps. */
void
_wfl_sankey_place_columns (Build *b)
{
  WflSankeyLayout *self = b->layout;
  double width = self->width, left_margin = b->left_margin, right_margin = b->right_margin;
  double nw = b->nw, step;

  if (self->n_columns > 1 && width - left_margin - right_margin < nw * self->n_columns * 2)
    {
      /* No room for margins: every label goes in the gaps. */
      left_margin = right_margin = 0;
      for (guint side = 0; side < 2; side++)
        g_clear_pointer (&b->stacks[side], g_free);
    }
  nw = MIN (nw, MAX (1, (width - left_margin - right_margin) / (2.0 * self->n_columns)));
  step = self->n_columns > 1 ? (width - left_margin - right_margin - nw) / (self->n_columns - 1) : 0;
  self->node_width = nw;
  g_free (self->col_x0);
  self->col_x0 = g_new (double, self->n_columns);
  for (guint c = 0; c < self->n_columns; c++)
    self->col_x0[c] = b->gap_extra == NULL || c == 0 ? left_margin + c * step
                                                     : self->col_x0[c - 1] + gap_width (b, c - 1, step, nw);

  b->left_margin = left_margin;
  b->right_margin = right_margin;
  b->nw = nw;
  b->step = step;
}
