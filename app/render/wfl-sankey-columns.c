/* wfl-sankey-columns.c: a column for every node
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phase 2 of the layout (rank assignment).  With the feedback links
 * (wfl-sankey-cycles.c) turned round, the graph is acyclic: each node's
 * column is its longest path from the sources, a node's own column (pin)
 * respected; sinks go to the last column; and a node that sends more
 * than it receives moves right up to its nearest successor, so that its
 * thinner inputs get long, not its wide outputs.  Every link that is not
 * a loop then runs rightward.
 *
 * With WFL_SANKEY_COLUMNS_SHORT_LINKS, every node that is not pinned
 * then moves, one at a time, to the column between its inputs and its
 * outputs where its links are shortest, weighted by value plus the mean
 * value (so that many thin links count too), until none moves: the total
 * link span, and with it the pass-through points, falls (dot's rank.c
 * minimises the same sum by network simplex; this is its coordinate
 * descent).  It stays a Sankey: every band still runs rightward, a
 * source sits left of all it feeds and a sink right of all that feeds
 * it (a source right before its nearest output, a sink right after its
 * farthest input, unless its links pull it elsewhere), and no column on
 * the left stays empty unless a pin asks for it.  Deterministic: the
 * nodes are visited in topological order, then backwards.
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include "wfl-sankey-layout-private.h"

/* The short-links descent over the acyclic links (from, to, kept): each
 * free node to where the weighted span of its links is least. */
static void
shorten_links (Build          *b,
               const guint    *from,
               const guint    *to,
               const gboolean *keep,
               const guint    *topo)
{
  g_autofree guint *out_start = NULL, *out_list = NULL, *in_start = NULL, *in_list = NULL;
  double mean = 0;
  guint kept = 0;

  _wfl_sankey_build_csr (b->n, b->m, from, keep, &out_start, &out_list);
  _wfl_sankey_build_csr (b->n, b->m, to, keep, &in_start, &in_list);
  for (guint e = 0; e < b->m; e++)
    if (keep[e])
      mean += b->value[e], kept++;
  mean = kept > 0 ? mean / kept : 1;
  if (mean <= 0)
    mean = 1;

  for (guint pass = 0; pass < 2 * b->n + 2; pass++)
    {
      gboolean moved = FALSE;

      for (guint k = 0; k < b->n; k++)
        {
          guint v = topo[pass % 2 == 0 ? k : b->n - 1 - k];
          guint lo = 0, hi = G_MAXUINT, best;
          double slope = 0;     /* d(weighted span) / d(column) */

          if (in_start[v] == in_start[v + 1] && out_start[v] == out_start[v + 1])
            continue;
          if (wfl_sankey_graph_get_node (b->graph, v)->column >= 0)
            continue;
          for (guint j = in_start[v]; j < in_start[v + 1]; j++)
            {
              guint e = in_list[j];

              lo = MAX (lo, b->layer[from[e]] + 1);
              slope += b->value[e] + mean;
            }
          for (guint j = out_start[v]; j < out_start[v + 1]; j++)
            {
              guint e = out_list[j];

              hi = MIN (hi, b->layer[to[e]] - 1);
              slope -= b->value[e] + mean;
            }
          best = slope > 0 ? lo : slope < 0 ? hi : b->layer[v];
          if (best != b->layer[v] && lo <= hi)
            {
              b->layer[v] = best;
              moved = TRUE;
            }
        }
      if (!moved)
        break;
    }
}

/* Sets b->layer (and the feedback links on the way) and the layout's
 * number of columns. */
void
_wfl_sankey_assign_columns (Build *b)
{
  const WflSankeyGraph *graph = b->graph;
  g_autofree guint *start = NULL, *list = NULL;     /* DAG out-edges */
  g_autofree guint *from = g_new (guint, b->m + 1);
  g_autofree guint *to = g_new (guint, b->m + 1);
  g_autofree gboolean *keep = g_new0 (gboolean, b->m + 1);
  g_autofree guint *indeg = g_new0 (guint, b->n + 1);
  g_autofree guint *topo = g_new (guint, b->n + 1);
  g_autofree gboolean *has_in = g_new0 (gboolean, b->n + 1);
  g_autofree double *in_w = g_new0 (double, b->n + 1);
  g_autofree double *out_w = g_new0 (double, b->n + 1);
  guint head = 0, tail = 0, max_layer = 0;
  Edges edges = { b->n, b->m, b->src, b->dst };

  _wfl_sankey_find_feedback (&edges, b->value, b->feedback);

  for (guint e = 0; e < b->m; e++)
    {
      keep[e] = b->src[e] != b->dst[e];
      from[e] = b->feedback[e] ? b->dst[e] : b->src[e];
      to[e] = b->feedback[e] ? b->src[e] : b->dst[e];
      if (keep[e])
        indeg[to[e]]++;
    }
  _wfl_sankey_build_csr (b->n, b->m, from, keep, &start, &list);

  for (guint v = 0; v < b->n; v++)
    {
      b->layer[v] = 0;
      if (indeg[v] == 0)
        topo[tail++] = v;
    }
  while (head < tail)
    {
      guint v = topo[head++];
      const WflSankeyNode *node = wfl_sankey_graph_get_node (graph, v);

      if (node->column >= 0)
        b->layer[v] = node->column;
      max_layer = MAX (max_layer, b->layer[v]);
      for (guint k = start[v]; k < start[v + 1]; k++)
        {
          guint w = to[list[k]];

          has_in[w] = TRUE;
          b->layer[w] = MAX (b->layer[w], b->layer[v] + 1);
          if (--indeg[w] == 0)
            topo[tail++] = w;
        }
    }
  g_assert (tail == b->n);   /* the feedback links broke every cycle */

  /* Sinks to the last column. */
  for (guint v = 0; v < b->n; v++)
    if (start[v] == start[v + 1] && has_in[v] &&
        wfl_sankey_graph_get_node (graph, v)->column < 0)
      b->layer[v] = max_layer;

  /* Nodes that send more than they receive move right, up to their
   * nearest successor, so that their (thinner) inputs get long. */
  for (guint e = 0; e < b->m; e++)
    if (keep[e])
      {
        out_w[from[e]] += b->value[e];
        in_w[to[e]] += b->value[e];
      }
  for (guint k = b->n; k-- > 0;)
    {
      guint v = topo[k], nearest = NONE;

      if (!has_in[v] || start[v] == start[v + 1] || out_w[v] <= in_w[v] ||
          wfl_sankey_graph_get_node (graph, v)->column >= 0)
        continue;
      for (guint j = start[v]; j < start[v + 1]; j++)
        nearest = MIN (nearest, b->layer[to[list[j]]]);
      if (nearest != NONE && nearest > b->layer[v] + 1)
        b->layer[v] = nearest - 1;
    }

  if (b->options->columns == WFL_SANKEY_COLUMNS_SHORT_LINKS)
    {
      guint least = G_MAXUINT;
      gboolean pinned = FALSE;

      shorten_links (b, from, to, keep, topo);
      /* No empty columns on the left, unless a pin asks for them. */
      for (guint v = 0; v < b->n; v++)
        {
          least = MIN (least, b->layer[v]);
          pinned |= wfl_sankey_graph_get_node (graph, v)->column >= 0;
        }
      for (guint v = 0; v < b->n && !pinned && least > 0; v++)
        b->layer[v] -= least;
    }

  b->layout->n_columns = 1;
  for (guint v = 0; v < b->n; v++)
    b->layout->n_columns = MAX (b->layout->n_columns, b->layer[v] + 1);
}
