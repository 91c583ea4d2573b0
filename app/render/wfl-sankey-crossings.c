/* wfl-sankey-crossings.c: counting band crossings
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two segments between the same two columns cross when their order at
 * the left end differs from their order at the right end.  Sorted by
 * (left, right), the crossings of a segment are the earlier ones whose
 * right end is below its own: a Fenwick tree over the right ends counts
 * them in O(n log n), plainly and weighted (the product of the two
 * flows).  One counter for the ordering phase (wfl-sankey-order.c: the
 * current order, ranks from counting sorts), for a finished layout's
 * geometry and for any geometry (the benchmark feeds d3-sankey's).
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <string.h>

#include "wfl-sankey-layout-private.h"

/* ---------------------------------------------------------------- *
 * Crossing counting (Fenwick tree over the right ends)
 * ---------------------------------------------------------------- */

static void
fenwick_reset (Fenwick *f,
               guint    n)
{
  f->n = n;
  memset (f->w, 0, sizeof (double) * (n + 1));
  memset (f->c, 0, sizeof (guint) * (n + 1));
}

static void
fenwick_add (Fenwick *f,
             guint    i,
             double   w)
{
  for (i++; i <= f->n; i += i & -i)
    f->w[i] += w, f->c[i]++;
}

static void
fenwick_prefix (const Fenwick *f,
                guint          i,        /* sum over 0..i inclusive */
                double        *w,
                guint         *c)
{
  double sw = 0;
  guint sc = 0;

  for (i++; i > 0; i -= i & -i)
    sw += f->w[i], sc += f->c[i];
  *w = sw;
  *c = sc;
}

/* Counts crossings among pairs (a, b) already sorted by (a, b). */
static void
count_sorted_pairs (const Pair *pairs,
                    guint       n,
                    Fenwick    *f,
                    guint       n_right,
                    double     *weighted,
                    guint64    *crossings)
{
  double total_w = 0;
  guint total_c = 0;

  fenwick_reset (f, n_right);
  for (guint i = 0; i < n; i++)
    {
      double pw;
      guint pc;

      fenwick_prefix (f, pairs[i].b, &pw, &pc);
      *weighted += pairs[i].w * (total_w - pw);
      *crossings += total_c - pc;
      fenwick_add (f, pairs[i].b, pairs[i].w);
      total_w += pairs[i].w;
      total_c++;
    }
}

typedef struct
{
  const WflSankeyCrossingSegment *s;
  guint index;
} SegRef;

static int
compare_segment_left (gconstpointer a,
                      gconstpointer b)
{
  const WflSankeyCrossingSegment *x = ((const SegRef *) a)->s, *y = ((const SegRef *) b)->s;

  if (x->gap != y->gap)
    return x->gap < y->gap ? -1 : 1;
  if (x->y_left != y->y_left)
    return x->y_left < y->y_left ? -1 : 1;
  if (x->y_right != y->y_right)
    return x->y_right < y->y_right ? -1 : 1;
  return 0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

void
wfl_sankey_count_crossings (const WflSankeyCrossingSegment *segments,
                            gsize                           n_segments,
                            double                         *weighted,
                            guint64                        *crossings)
{
  g_autofree SegRef *refs = g_new (SegRef, n_segments + 1);
  g_autofree Pair *pairs = g_new (Pair, n_segments + 1);
  g_autofree double *rights = g_new (double, n_segments + 1);
  Fenwick f;
  double w = 0;
  guint64 c = 0;
  gsize i = 0;

  f.w = g_new (double, n_segments + 2);
  f.c = g_new (guint, n_segments + 2);

  for (gsize k = 0; k < n_segments; k++)
    refs[k].s = &segments[k], refs[k].index = k;
  qsort (refs, n_segments, sizeof (SegRef), compare_segment_left);

  while (i < n_segments)
    {
      gsize j = i, n_rights = 0;

      while (j < n_segments && refs[j].s->gap == refs[i].s->gap)
        j++;
      for (gsize k = i; k < j; k++)
        rights[n_rights++] = refs[k].s->y_right;
      qsort (rights, n_rights, sizeof (double), compare_double);
      for (gsize k = i; k < j; k++)
        {
          /* Rank of y_right: the first equal value, so equal ends never
           * count as a crossing. */
          gsize lo = 0, hi = n_rights;

          while (lo < hi)
            {
              gsize mid = (lo + hi) / 2;

              if (rights[mid] < refs[k].s->y_right)
                lo = mid + 1;
              else
                hi = mid;
            }
          pairs[k - i].a = k - i;
          pairs[k - i].b = lo;
          pairs[k - i].w = refs[k].s->weight;
        }
      /* Equal left ends with equal rights: fine; ties on the left end are
       * sorted by the right end, so they do not count. */
      count_sorted_pairs (pairs, j - i, &f, n_rights, &w, &c);
      i = j;
    }

  g_free (f.w);
  g_free (f.c);
  if (weighted)
    *weighted = w;
  if (crossings)
    *crossings = c;
}

/* The scratch of _wfl_sankey_count_order (), once the proper graph is
 * built. */
void
_wfl_sankey_crossings_init (Build *b)
{
  WflSankeyLayout *self = b->layout;

  b->pairs = g_new (Pair, self->n_segs + 1);
  b->scratch = g_new (guint, self->n_segs + 1);
  b->bucket = g_new (guint, self->n_items + 2);
  b->fenwick.w = g_new (double, self->n_items + 2);
  b->fenwick.c = g_new (guint, self->n_items + 2);
}

/* Weighted and plain crossings of the current order, all gaps.  Linear
 * counting sorts by (left pos, right pos), then a Fenwick sweep. */
void
_wfl_sankey_count_order (Build   *b,
                         double  *weighted,
                         guint64 *crossings)
{
  WflSankeyLayout *self = b->layout;
  double w = 0;
  guint64 c = 0;

  for (guint g = 0; g + 1 < self->n_columns; g++)
    {
      guint s0 = self->gap_start[g], s1 = self->gap_start[g + 1], n = s1 - s0;
      guint n_left = self->col_start[g + 1] - self->col_start[g];
      guint n_right = self->col_start[g + 2] - self->col_start[g + 1];
      guint *count = b->bucket;

      if (n < 2)
        continue;
      b->work += n;

      /* Counting sort by right pos, then stable by left pos. */
      memset (count, 0, sizeof (guint) * (n_right + 1));
      for (guint k = s0; k < s1; k++)
        count[self->items[self->segs[self->gap_segs[k]].right].pos + 1]++;
      for (guint r = 0; r < n_right; r++)
        count[r + 1] += count[r];
      for (guint k = s0; k < s1; k++)
        b->scratch[count[self->items[self->segs[self->gap_segs[k]].right].pos]++] = self->gap_segs[k];

      memset (count, 0, sizeof (guint) * (n_left + 1));
      for (guint k = 0; k < n; k++)
        count[self->items[self->segs[b->scratch[k]].left].pos + 1]++;
      for (guint r = 0; r < n_left; r++)
        count[r + 1] += count[r];
      for (guint k = 0; k < n; k++)
        {
          const Seg *seg = &self->segs[b->scratch[k]];
          guint at = count[self->items[seg->left].pos]++;

          b->pairs[at].a = self->items[seg->left].pos;
          b->pairs[at].b = self->items[seg->right].pos;
          b->pairs[at].w = seg->w;
        }
      count_sorted_pairs (b->pairs, n, &b->fenwick, n_right, &w, &c);
    }
  *weighted = w;
  *crossings = c;
}

void
wfl_sankey_layout_count_crossings (const WflSankeyLayout *self,
                                   double                *weighted,
                                   guint64               *crossings)
{
  g_autofree WflSankeyCrossingSegment *segments = g_new (WflSankeyCrossingSegment, self->n_segs + 1);
  const WflSankeyPoint *pts = &g_array_index (self->points, WflSankeyPoint, 0);

  for (guint s = 0; s < self->n_segs; s++)
    {
      const Seg *seg = &self->segs[s];
      guint p = self->links[seg->link].first_point + 2 * (s - self->link_first_seg[seg->link]);

      segments[s].gap = self->items[seg->left].column;
      segments[s].y_left = pts[p].y;
      segments[s].y_right = pts[p + 1].y;
      segments[s].weight = seg->w;
    }
  wfl_sankey_count_crossings (segments, self->n_segs, weighted, crossings);
}
