/* wfl-sankey-layout.c: Sankey geometry
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps, each at most O((V + E) log E) so that graphs of tens of
 * thousands of nodes lay out in well under a second; each has a file of
 * its own, and wfl_sankey_layout_new () below runs them in order over
 * the shared build state (wfl-sankey-layout-private.h):
 *
 *  1. Cycles (wfl-sankey-cycles.c): strongly connected components
 *     (Tarjan), then in each the Eades–Lin–Smyth greedy ordering with
 *     bucket lists (linear time); the links it sends backwards are
 *     feedback links, drawn as loops.
 *  2. Columns (wfl-sankey-columns.c): longest path from the sources on
 *     the acyclic graph, pins respected, sinks pushed to the last column,
 *     and nodes that send more than they receive pulled right (thin
 *     bands get long, not wide ones).
 *  3. Links that skip columns get hidden waypoints, one per column
 *     (wfl-sankey-waypoints.c).
 *  4. Order within columns (wfl-sankey-order.c): weighted-barycentre
 *     sweeps down and up from several starts, each followed by local
 *     search (wfl-sankey-refine.c: sifting and adjacent exchange, every
 *     move's change in crossings counted exactly from the two items'
 *     sorted neighbours; wfl-sankey-reroute.c: a long link's waypoints
 *     moved together to their best route by dynamic programming) over
 *     both counts, weighted (crossing weight = product of the two flows)
 *     and plain, counted with a Fenwick tree (wfl-sankey-crossings.c).
 *     Capped by work, not time, so the result is deterministic.
 *  5. Vertical positions (wfl-sankey-position.c): Gauss–Seidel
 *     relaxation of every band toward horizontal, each column solved
 *     exactly as a weighted isotonic regression (pool-adjacent-violators)
 *     under the no-overlap and box constraints, so nodes never overlap
 *     and keep their order.
 *  6. Ports (wfl-sankey-geometry.c): bands leave and enter each node
 *     sorted by the other end, loops at the bottom, so bands of one node
 *     never cross each other.  The same file turns the positions into
 *     node and band geometry, colours, and hit-tests it.
 *  7. Labels (wfl-sankey-labels.c) outside the first and last column,
 *     inside the gaps between the others, kept where they do not collide
 *     (largest nodes first); text sizes from wfl-sankey-text.c.
 *
 * This file also holds the build state's set-up and the helpers the
 * phases share, and the layout's accessors; JSON is in wfl-sankey-json.c.
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-sankey-layout-private.h"

/* Rounds of spacing the gaps anew for cut labels. */
#define RESPACE_ROUNDS 3

/* ---------------------------------------------------------------- *
 * Helpers the phases share
 * ---------------------------------------------------------------- */

/* CSR adjacency: start[n + 1], list of edge ids. */
void
_wfl_sankey_build_csr (guint           n,
                       guint           m,
                       const guint    *from,
                       const gboolean *keep,
                       guint         **start_out,
                       guint         **list_out)
{
  guint *start = g_new0 (guint, n + 1);
  guint *list = g_new (guint, m + 1);
  guint *fill;

  for (guint e = 0; e < m; e++)
    if (keep == NULL || keep[e])
      start[from[e] + 1]++;
  for (guint v = 0; v < n; v++)
    start[v + 1] += start[v];
  fill = g_memdup2 (start, sizeof (guint) * (n + 1));
  for (guint e = 0; e < m; e++)
    if (keep == NULL || keep[e])
      list[fill[from[e]]++] = e;
  g_free (fill);
  *start_out = start;
  *list_out = list;
}

int
_wfl_sankey_compare_sort_key (gconstpointer a,
                              gconstpointer b)
{
  const SortKey *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

int
_wfl_sankey_compare_by_value_desc (gconstpointer a,
                                   gconstpointer b)
{
  const SortKey *x = a, *y = b;

  if (x->key != y->key)
    return x->key > y->key ? -1 : 1;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Keeps text (owned) as long as the layout, and returns it. */
const char *
_wfl_sankey_intern (WflSankeyLayout *self,
                    char            *text)
{
  g_ptr_array_add (self->strings, text);
  return text;
}

/* ---------------------------------------------------------------- *
 * The build
 * ---------------------------------------------------------------- */

/* A new layout of graph, empty, and the build state to fill it: the
 * links' ends and values, the nodes' flows. */
void
_wfl_sankey_build_init (Build                        *b,
                        WflSankeyGraph               *graph,
                        const WflSankeyLayoutOptions *options,
                        double                        width,
                        double                        height)
{
  WflSankeyLayout *self;

  *b = (Build) { 0 };
  self = g_new0 (WflSankeyLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->graph = wfl_sankey_graph_ref (graph);
  self->width = width;
  self->height = height;
  self->font_size = options->font_size > 0 ? options->font_size : 10;
  self->points = g_array_new (FALSE, FALSE, sizeof (WflSankeyPoint));
  self->strings = g_ptr_array_new_with_free_func (g_free);

  b->layout = self;
  b->graph = graph;
  b->options = options;
  b->n = wfl_sankey_graph_get_n_nodes (graph);
  b->m = wfl_sankey_graph_get_n_links (graph);
  b->src = g_new (guint, b->m + 1);
  b->dst = g_new (guint, b->m + 1);
  b->value = g_new (double, b->m + 1);
  b->layer = g_new0 (guint, b->n + 1);
  b->feedback = g_new0 (gboolean, b->m + 1);
  b->is_loop = g_new0 (gboolean, b->m + 1);
  b->link_first_seg = g_new0 (guint, b->m + 1);
  b->link_n_segs = g_new0 (guint, b->m + 1);
  b->items = g_array_sized_new (FALSE, FALSE, sizeof (Item), b->n + b->m);
  b->segs = g_array_sized_new (FALSE, FALSE, sizeof (Seg), b->m);

  self->nodes = g_new0 (WflSankeyNodeGeometry, b->n + 1);
  self->links = g_new0 (WflSankeyLinkGeometry, b->m + 1);
  b->node_in = g_new0 (double, b->n + 1);
  b->node_out = g_new0 (double, b->n + 1);
  b->node_value = g_new0 (double, b->n + 1);

  for (guint l = 0; l < b->m; l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);

      b->src[l] = link->source;
      b->dst[l] = link->target;
      b->value[l] = link->value;
      b->node_out[link->source] += link->value;
      b->node_in[link->target] += link->value;
    }
  for (guint v = 0; v < b->n; v++)
    {
      b->node_value[v] = MAX (b->node_in[v], b->node_out[v]);
      b->total_value += b->node_value[v];
    }
}

/* Frees the build state, and returns its layout. */
WflSankeyLayout *
_wfl_sankey_build_finish (Build *b)
{
  WflSankeyLayout *self = b->layout;

  for (guint side = 0; side < 2; side++)
    g_free (b->stacks[side]);
  g_free (b->texts);
  g_free (b->gap_extra);
  g_free (b->node_in);
  g_free (b->node_out);
  g_free (b->node_value);
  g_free (b->loop_rank);
  g_free (b->loop_out_off);
  g_free (b->loop_in_off);
  if (b->items != NULL)
    g_array_free (b->items, TRUE);
  if (b->segs != NULL)
    g_array_free (b->segs, TRUE);

  g_free (b->src);
  g_free (b->dst);
  g_free (b->value);
  g_free (b->layer);
  g_free (b->feedback);
  g_free (b->is_loop);
  self->link_first_seg = b->link_first_seg;
  g_free (b->link_n_segs);
  g_free (b->in_start);
  g_free (b->in_list);
  g_free (b->out_start);
  g_free (b->out_list);
  g_free (b->pairs);
  g_free (b->scratch);
  g_free (b->bucket);
  g_free (b->fenwick.w);
  g_free (b->fenwick.c);

  *b = (Build) { 0 };
  return self;
}

/* ---------------------------------------------------------------- *
 * Public API
 * ---------------------------------------------------------------- */

void
wfl_sankey_layout_options_init (WflSankeyLayoutOptions *options)
{
  *options = (WflSankeyLayoutOptions) {
    .node_width = 14,
    .node_padding = 16,
    .font_family = NULL,
    .font_size = 10,
    .labels = TRUE,
    .iterations = 0,
  };
}

/* The columns' x positions again (after b->gap_extra changed), and
 * what depends on them: node and band geometry, the labels. */
static void
respace_columns (Build *b)
{
  WflSankeyLayout *self = b->layout;

  _wfl_sankey_place_columns (b);
  _wfl_sankey_node_geometry (b);
  g_array_set_size (self->points, 0);
  _wfl_sankey_link_geometry (b);
  _wfl_sankey_place_labels (b);
}

static void
respace_for_labels (Build *b)
{
  g_autofree double *best = NULL;
  guint best_cut = _wfl_sankey_count_cut_labels (b);

  for (guint round = 0; round < RESPACE_ROUNDS && best_cut > 0 && _wfl_sankey_widen_gaps (b); round++)
    {
      guint cut;

      respace_columns (b);
      cut = _wfl_sankey_count_cut_labels (b);
      if (cut < best_cut)
        {
          best_cut = cut;
          g_free (best);
          best = g_memdup2 (b->gap_extra, sizeof (double) * b->layout->n_columns);
        }
    }
  if (b->gap_extra == NULL)
    return;
  if (best == NULL || memcmp (best, b->gap_extra, sizeof (double) * b->layout->n_columns) != 0)
    {
      g_free (b->gap_extra);
      b->gap_extra = g_steal_pointer (&best);
      respace_columns (b);
    }
}

WflSankeyLayout *
wfl_sankey_layout_new (WflSankeyGraph               *graph,
                       const WflSankeyLayoutOptions *options,
                       double                        width,
                       double                        height)
{
  WflSankeyLayoutOptions defaults;
  Build build;
  Build *b = &build;

  g_return_val_if_fail (graph != NULL, NULL);

  if (options == NULL)
    {
      wfl_sankey_layout_options_init (&defaults);
      options = &defaults;
    }
  width = MAX (width, 1);
  height = MAX (height, 1);

  _wfl_sankey_build_init (b, graph, options, width, height);

  /* 1–2. Feedback links, then columns. */
  _wfl_sankey_assign_columns (b);

  /* 3. Waypoints. */
  _wfl_sankey_build_proper_graph (b);
  _wfl_sankey_crossings_init (b);

  /* 4. Order. */
  _wfl_sankey_order_columns (b);

  /* Loops: lanes below the chart, short spans innermost. */
  _wfl_sankey_rank_loops (b);

  /* 5. Scale; 6. ports; then vertical positions. */
  _wfl_sankey_scale (b);
  _wfl_sankey_assign_ports (b);
  _wfl_sankey_place_vertically (b);

  /* Horizontal: the outer columns' label stacks decide the margins. */
  _wfl_sankey_outer_labels (b);
  _wfl_sankey_place_columns (b);

  /* Node and band geometry, painting order, colours. */
  _wfl_sankey_node_geometry (b);
  _wfl_sankey_link_geometry (b);
  _wfl_sankey_paint_order (b);
  _wfl_sankey_assign_colors (b);

  /* 7. Labels; where names are cut for want of room in a gap, the gaps
   * spaced again to give them the room, a few rounds, and the spacing
   * that cuts fewest kept (the even one when none cuts fewer). */
  _wfl_sankey_place_labels (b);
  respace_for_labels (b);

  return _wfl_sankey_build_finish (b);
}

WflSankeyLayout *
wfl_sankey_layout_ref (WflSankeyLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wfl_sankey_layout_unref (WflSankeyLayout *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  wfl_sankey_graph_unref (self->graph);
  g_free (self->col_x0);
  g_free (self->nodes);
  g_free (self->links);
  g_array_unref (self->points);
  g_free (self->paint_order);
  g_free (self->paint_rank);
  g_ptr_array_unref (self->strings);
  g_free (self->items);
  g_free (self->segs);
  g_free (self->col_start);
  g_free (self->col_items);
  g_free (self->gap_start);
  g_free (self->gap_segs);
  g_free (self->loops);
  g_free (self->link_first_seg);
  g_free (self);
}

WflSankeyGraph *
wfl_sankey_layout_get_graph (const WflSankeyLayout *self)
{
  return self->graph;
}

double
wfl_sankey_layout_get_width (const WflSankeyLayout *self)
{
  return self->width;
}

double
wfl_sankey_layout_get_height (const WflSankeyLayout *self)
{
  return self->height;
}

guint
wfl_sankey_layout_get_n_columns (const WflSankeyLayout *self)
{
  return self->n_columns;
}

double
wfl_sankey_layout_get_font_size (const WflSankeyLayout *self)
{
  return self->font_size;
}

const WflSankeyNodeGeometry *
wfl_sankey_layout_get_node (const WflSankeyLayout *self,
                            guint                  node)
{
  g_return_val_if_fail (node < wfl_sankey_graph_get_n_nodes (self->graph), NULL);
  return &self->nodes[node];
}

const WflSankeyLinkGeometry *
wfl_sankey_layout_get_link (const WflSankeyLayout *self,
                            guint                  link)
{
  g_return_val_if_fail (link < wfl_sankey_graph_get_n_links (self->graph), NULL);
  return &self->links[link];
}

const WflSankeyPoint *
wfl_sankey_layout_get_points (const WflSankeyLayout *self,
                              guint                  link,
                              guint                 *n_points)
{
  const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (self, link);

  g_return_val_if_fail (g != NULL, NULL);
  if (n_points)
    *n_points = g->n_points;
  return &g_array_index (self->points, WflSankeyPoint, g->first_point);
}

const guint *
wfl_sankey_layout_get_paint_order (const WflSankeyLayout *self)
{
  return self->paint_order;
}

guint
wfl_sankey_layout_get_n_waypoints (const WflSankeyLayout *self)
{
  return self->n_items - wfl_sankey_graph_get_n_nodes (self->graph);
}
