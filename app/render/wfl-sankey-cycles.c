/* wfl-sankey-cycles.c: feedback links and loops
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phase 1 of the layout.  A Sankey flows left to right, so every cycle
 * must lose a link: strongly connected components (Tarjan, iterative),
 * then in each the Eades–Lin–Smyth greedy ordering, linear with bucket
 * lists and a lazy heap; the links it sends backwards are the feedback
 * links.  Those and self-links are drawn as loops: lanes below the chart,
 * ranked here (short spans innermost); their points are placed with the
 * other bands in wfl-sankey-geometry.c.
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include "wfl-sankey-layout-private.h"

/* ---------------------------------------------------------------- *
 * 1. Feedback links
 * ---------------------------------------------------------------- */

static guint *
strong_components (const Edges *g)
{
  g_autofree guint *start = NULL;
  g_autofree guint *list = NULL;
  g_autofree guint *index = g_new (guint, g->n + 1);
  g_autofree guint *low = g_new (guint, g->n + 1);
  g_autofree guint *stack = g_new (guint, g->n + 1);
  g_autofree guint *frame_v = g_new (guint, g->n + 1);
  g_autofree guint *frame_it = g_new (guint, g->n + 1);
  g_autofree gboolean *on = g_new0 (gboolean, g->n + 1);
  guint *comp = g_new (guint, g->n + 1);
  guint counter = 0, sp = 0, n_comp = 0;

  _wfl_sankey_build_csr (g->n, g->m, g->src, NULL, &start, &list);
  for (guint v = 0; v < g->n; v++)
    index[v] = NONE;

  for (guint root = 0; root < g->n; root++)
    {
      guint fp = 0;

      if (index[root] != NONE)
        continue;
      index[root] = low[root] = counter++;
      stack[sp++] = root;
      on[root] = TRUE;
      frame_v[fp] = root;
      frame_it[fp] = start[root];
      fp++;

      while (fp > 0)
        {
          guint v = frame_v[fp - 1];

          if (frame_it[fp - 1] < start[v + 1])
            {
              guint w = g->dst[list[frame_it[fp - 1]++]];

              if (index[w] == NONE)
                {
                  index[w] = low[w] = counter++;
                  stack[sp++] = w;
                  on[w] = TRUE;
                  frame_v[fp] = w;
                  frame_it[fp] = start[w];
                  fp++;
                }
              else if (on[w])
                low[v] = MIN (low[v], index[w]);
            }
          else
            {
              fp--;
              if (fp > 0)
                low[frame_v[fp - 1]] = MIN (low[frame_v[fp - 1]], low[v]);
              if (low[v] == index[v])
                {
                  guint x;

                  do
                    {
                      x = stack[--sp];
                      on[x] = FALSE;
                      comp[x] = n_comp;
                    }
                  while (x != v);
                  n_comp++;
                }
            }
        }
    }
  return comp;
}

typedef struct
{
  double delta;
  guint  v;
  guint  version;
} HeapEntry;

static void
heap_push (GArray    *heap,
           HeapEntry  e)
{
  guint i;

  g_array_append_val (heap, e);
  i = heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      HeapEntry *a = &g_array_index (heap, HeapEntry, parent), *b = &g_array_index (heap, HeapEntry, i);

      if (a->delta > b->delta || (a->delta == b->delta && a->v < b->v))
        break;
      {
        HeapEntry t = *a;

        *a = *b;
        *b = t;
      }
      i = parent;
    }
}

static HeapEntry
heap_pop (GArray *heap)
{
  HeapEntry top = g_array_index (heap, HeapEntry, 0);
  guint i = 0, n;

  g_array_index (heap, HeapEntry, 0) = g_array_index (heap, HeapEntry, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  n = heap->len;
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, best = i;
      HeapEntry *e = &g_array_index (heap, HeapEntry, 0);

#define HIGHER(x, y) (e[x].delta > e[y].delta || (e[x].delta == e[y].delta && e[x].v < e[y].v))
      if (l < n && HIGHER (l, best))
        best = l;
      if (r < n && HIGHER (r, best))
        best = r;
#undef HIGHER
      if (best == i)
        break;
      {
        HeapEntry t = e[i];

        e[i] = e[best];
        e[best] = t;
      }
      i = best;
    }
  return top;
}

/* Eades–Lin–Smyth on the links inside strongly connected components
 * (links between components never close a cycle): sinks to the back,
 * sources to the front, otherwise the node whose outflow exceeds its
 * inflow the most to the front, so the links sent backwards (the
 * feedback links) are the light ones.  O(E log V) with a lazy heap. */
void
_wfl_sankey_find_feedback (const Edges  *g,
                           const double *value,
                           gboolean     *feedback)
{
  g_autofree guint *comp = strong_components (g);
  g_autofree gboolean *intra = g_new0 (gboolean, g->m + 1);
  g_autofree guint *out_start = NULL, *out_list = NULL;
  g_autofree guint *in_start = NULL, *in_list = NULL;
  g_autofree guint *indeg = g_new0 (guint, g->n + 1);
  g_autofree guint *outdeg = g_new0 (guint, g->n + 1);
  g_autofree double *delta = g_new0 (double, g->n + 1);
  g_autofree guint *version = g_new0 (guint, g->n + 1);
  g_autofree gboolean *active = g_new0 (gboolean, g->n + 1);
  g_autofree guint *order = g_new0 (guint, g->n + 1);
  g_autoptr(GArray) sinks = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (HeapEntry));
  guint n_active = 0, left = 0, right;
  gboolean any = FALSE;

  for (guint e = 0; e < g->m; e++)
    {
      feedback[e] = g->src[e] == g->dst[e];
      intra[e] = !feedback[e] && comp[g->src[e]] == comp[g->dst[e]];
      any |= intra[e];
    }
  if (!any)
    return;

  _wfl_sankey_build_csr (g->n, g->m, g->src, intra, &out_start, &out_list);
  _wfl_sankey_build_csr (g->n, g->m, g->dst, intra, &in_start, &in_list);

  for (guint v = 0; v < g->n; v++)
    {
      indeg[v] = in_start[v + 1] - in_start[v];
      outdeg[v] = out_start[v + 1] - out_start[v];
      if (indeg[v] + outdeg[v] == 0)
        continue;
      active[v] = TRUE;
      n_active++;
      for (guint k = out_start[v]; k < out_start[v + 1]; k++)
        delta[v] += value[out_list[k]];
      for (guint k = in_start[v]; k < in_start[v + 1]; k++)
        delta[v] -= value[in_list[k]];
      /* Inside a component every node has both; keep the general form. */
      if (outdeg[v] == 0)
        g_array_append_val (sinks, v);
      else if (indeg[v] == 0)
        g_array_append_val (sources, v);
      else
        heap_push (heap, (HeapEntry) { delta[v], v, 0 });
    }
  right = n_active;

  while (n_active > 0)
    {
      guint u = NONE;
      gboolean to_front = TRUE;

      while (u == NONE && sinks->len > 0)
        {
          guint v = g_array_index (sinks, guint, sinks->len - 1);

          g_array_set_size (sinks, sinks->len - 1);
          if (active[v])
            u = v, to_front = FALSE;
        }
      while (u == NONE && sources->len > 0)
        {
          guint v = g_array_index (sources, guint, sources->len - 1);

          g_array_set_size (sources, sources->len - 1);
          if (active[v])
            u = v;
        }
      while (u == NONE && heap->len > 0)
        {
          HeapEntry e = heap_pop (heap);

          if (active[e.v] && e.version == version[e.v])
            u = e.v;
        }
      g_assert (u != NONE);

      active[u] = FALSE;
      order[u] = to_front ? left++ : --right;
      n_active--;

      for (guint k = in_start[u]; k < in_start[u + 1]; k++)
        {
          guint e = in_list[k], p = g->src[e];

          if (!active[p])
            continue;
          outdeg[p]--;
          delta[p] -= value[e];
          version[p]++;
          if (outdeg[p] == 0)
            g_array_append_val (sinks, p);
          else if (indeg[p] > 0)
            heap_push (heap, (HeapEntry) { delta[p], p, version[p] });
        }
      for (guint k = out_start[u]; k < out_start[u + 1]; k++)
        {
          guint e = out_list[k], q = g->dst[e];

          if (!active[q])
            continue;
          indeg[q]--;
          delta[q] += value[e];
          version[q]++;
          if (indeg[q] == 0)
            {
              if (outdeg[q] > 0)
                g_array_append_val (sources, q);
              else
                g_array_append_val (sinks, q);
            }
          else if (outdeg[q] > 0)
            heap_push (heap, (HeapEntry) { delta[q], q, version[q] });
        }
    }

  for (guint e = 0; e < g->m; e++)
    if (intra[e] && order[g->src[e]] > order[g->dst[e]])
      feedback[e] = TRUE;
}

/* ---------------------------------------------------------------- *
 * Loops
 * ---------------------------------------------------------------- */

/* Loops: lanes below the chart, short spans innermost. */
void
_wfl_sankey_rank_loops (Build *b)
{
  WflSankeyLayout *self = b->layout;

  b->loop_rank = g_new0 (guint, b->m + 1);
  b->loop_out_off = g_new0 (double, b->m + 1);
  b->loop_in_off = g_new0 (double, b->m + 1);
  {
    g_autofree SortKey *keys = g_new (SortKey, b->m + 1);

    for (guint l = 0; l < b->m; l++)
      if (b->is_loop[l])
        {
          keys[self->n_loops].key = (double) b->layer[b->src[l]] - b->layer[b->dst[l]];
          keys[self->n_loops].pos = l;
          keys[self->n_loops].item = l;
          self->n_loops++;
          b->loop_value += b->value[l];
        }
    qsort (keys, self->n_loops, sizeof (SortKey), _wfl_sankey_compare_sort_key);
    self->loops = g_new (guint, self->n_loops + 1);
    for (guint k = 0; k < self->n_loops; k++)
      {
        self->loops[k] = keys[k].item;
        b->loop_rank[keys[k].item] = k;
      }
  }
}
