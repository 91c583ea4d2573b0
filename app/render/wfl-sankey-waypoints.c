/* wfl-sankey-waypoints.c: the proper graph, with waypoints
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phase 3 of the layout.  A link that skips columns gets a hidden
 * waypoint in every column it crosses, so that every segment joins two
 * adjacent columns: the items (nodes, then waypoints) and segments the
 * ordering, positioning and geometry phases work on, with their indexes
 * (segments per item both ways, items per column, segments per gap).
 * Loops (feedback links, self-links) get no segments.
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>

#include "wfl-sankey-layout-private.h"

static guint
add_item (Build *b,
          guint  node,
          guint  link,
          guint  column,
          double value,
          double pin)
{
  Item item = { node, link, column, 0, value, pin, 0, 0 };

  g_array_append_val (b->items, item);
  return b->items->len - 1;
}

static void
add_seg (Build *b,
         guint  left,
         guint  right,
         guint  link)
{
  Seg seg = { left, right, link, b->value[link], 0, 0 };

  g_array_append_val (b->segs, seg);
}

void
_wfl_sankey_build_proper_graph (Build *b)
{
  WflSankeyLayout *self = b->layout;
  const double *node_value = b->node_value;

  for (guint v = 0; v < b->n; v++)
    add_item (b, v, NONE, b->layer[v], node_value[v], wfl_sankey_graph_get_node (b->graph, v)->position);

  for (guint l = 0; l < b->m; l++)
    {
      guint s = b->src[l], t = b->dst[l], prev = s;

      b->link_first_seg[l] = b->segs->len;
      if (s == t || b->layer[t] <= b->layer[s])
        {
          b->is_loop[l] = TRUE;
          b->link_n_segs[l] = 0;
          continue;
        }
      for (guint c = b->layer[s] + 1; c < b->layer[t]; c++)
        {
          guint d = add_item (b, NONE, l, c, b->value[l], NAN);

          add_seg (b, prev, d, l);
          prev = d;
        }
      add_seg (b, prev, t, l);
      b->link_n_segs[l] = b->segs->len - b->link_first_seg[l];
    }

  self->n_items = b->items->len;
  self->items = (Item *) (gpointer) g_array_free (g_steal_pointer (&b->items), FALSE);
  self->n_segs = b->segs->len;
  self->segs = (Seg *) (gpointer) g_array_free (g_steal_pointer (&b->segs), FALSE);

  /* CSR adjacency of items. */
  {
    g_autofree guint *lefts = g_new (guint, self->n_segs + 1);
    g_autofree guint *rights = g_new (guint, self->n_segs + 1);

    for (guint s = 0; s < self->n_segs; s++)
      lefts[s] = self->segs[s].left, rights[s] = self->segs[s].right;
    _wfl_sankey_build_csr (self->n_items, self->n_segs, lefts, NULL, &b->out_start, &b->out_list);
    _wfl_sankey_build_csr (self->n_items, self->n_segs, rights, NULL, &b->in_start, &b->in_list);
  }

  /* Columns, first in item order. */
  self->col_start = g_new0 (guint, self->n_columns + 1);
  self->col_items = g_new (guint, self->n_items + 1);
  for (guint i = 0; i < self->n_items; i++)
    self->col_start[self->items[i].column + 1]++;
  for (guint c = 0; c < self->n_columns; c++)
    self->col_start[c + 1] += self->col_start[c];
  {
    g_autofree guint *fill = g_memdup2 (self->col_start, sizeof (guint) * (self->n_columns + 1));

    for (guint i = 0; i < self->n_items; i++)
      {
        self->items[i].pos = fill[self->items[i].column] - self->col_start[self->items[i].column];
        self->col_items[fill[self->items[i].column]++] = i;
      }
  }

  /* Segs by gap. */
  self->gap_start = g_new0 (guint, self->n_columns + 1);
  self->gap_segs = g_new (guint, self->n_segs + 1);
  for (guint s = 0; s < self->n_segs; s++)
    self->gap_start[self->items[self->segs[s].left].column + 1]++;
  for (guint c = 0; c < self->n_columns; c++)
    self->gap_start[c + 1] += self->gap_start[c];
  {
    g_autofree guint *fill = g_memdup2 (self->gap_start, sizeof (guint) * (self->n_columns + 1));

    for (guint s = 0; s < self->n_segs; s++)
      self->gap_segs[fill[self->items[self->segs[s].left].column]++] = s;
  }
}
