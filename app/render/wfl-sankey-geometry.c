/* wfl-sankey-geometry.c: ports, node and band geometry, colours, hit-testing
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phase 6 of the layout and what follows the positions.  Ports: bands
 * leave and enter each node sorted by the other end, loops at the
 * bottom, so bands of one node never cross each other.  Then the
 * geometry the painter and the tests read: node boxes, band centre lines
 * (pairs of points per segment, S-curves between columns; loops as
 * polylines round lanes below the chart), the painting order (loops,
 * then wide bands before thin ones), a colour per node, and hit-testing
 * of a point against all of it.
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>

#include "wfl-sankey-layout-private.h"

/* ---------------------------------------------------------------- *
 * 6. Ports
 * ---------------------------------------------------------------- */

/* Port offsets: bands leave and enter sorted by the other end, loops at
 * the bottom; the smaller side of a node is centred. */
void
_wfl_sankey_assign_ports (Build *b)
{
  WflSankeyLayout *self = b->layout;
  double ky = b->ky;
  double *loop_out_off = b->loop_out_off, *loop_in_off = b->loop_in_off;
  const guint *loop_rank = b->loop_rank;
  g_autofree SortKey *keys = g_new (SortKey, MAX (self->n_segs, b->m) + 1);
  g_autofree GPtrArray **loops_out = g_new0 (GPtrArray *, b->n + 1);
  g_autofree GPtrArray **loops_in = g_new0 (GPtrArray *, b->n + 1);

  for (guint l = 0; l < b->m; l++)
    if (b->is_loop[l])
      {
        if (loops_out[b->src[l]] == NULL)
          loops_out[b->src[l]] = g_ptr_array_new ();
        if (loops_in[b->dst[l]] == NULL)
          loops_in[b->dst[l]] = g_ptr_array_new ();
        g_ptr_array_add (loops_out[b->src[l]], GUINT_TO_POINTER (l));
        g_ptr_array_add (loops_in[b->dst[l]], GUINT_TO_POINTER (l));
      }

  for (guint i = 0; i < self->n_items; i++)
    {
      Item *item = &self->items[i];

      for (int side = 0; side < 2; side++)
        {
          const guint *start = side == 0 ? b->out_start : b->in_start;
          const guint *list = side == 0 ? b->out_list : b->in_list;
          GPtrArray *loops = item->node == NONE ? NULL : (side == 0 ? loops_out : loops_in)[item->node];
          guint n = 0;
          double total = 0, off;

          for (guint j = start[i]; j < start[i + 1]; j++)
            {
              const Seg *seg = &self->segs[list[j]];
              guint other = side == 0 ? seg->right : seg->left;

              keys[n].key = self->items[other].pos;
              keys[n].pos = seg->link;
              keys[n].item = list[j];
              total += seg->w * ky;
              n++;
            }
          qsort (keys, n, sizeof (SortKey), _wfl_sankey_compare_sort_key);
          if (loops != NULL)
            for (guint j = 0; j < loops->len; j++)
              total += b->value[GPOINTER_TO_UINT (loops->pdata[j])] * ky;

          off = MAX (0, (item->h - total) / 2);
          for (guint j = 0; j < n; j++)
            {
              Seg *seg = &self->segs[keys[j].item];

              if (side == 0)
                seg->off_left = off;
              else
                seg->off_right = off;
              off += seg->w * ky;
            }
          if (loops != NULL)
            {
              /* Outer lanes (higher rank) on top. */
              for (guint j = 0; j < loops->len; j++)
                {
                  guint l = GPOINTER_TO_UINT (loops->pdata[j]);

                  keys[j].key = -(double) loop_rank[l];
                  keys[j].pos = l;
                  keys[j].item = l;
                }
              qsort (keys, loops->len, sizeof (SortKey), _wfl_sankey_compare_sort_key);
              for (guint j = 0; j < loops->len; j++)
                {
                  guint l = keys[j].item;

                  (side == 0 ? loop_out_off : loop_in_off)[l] = off;
                  off += b->value[l] * ky;
                }
            }
        }
    }

  for (guint v = 0; v < b->n; v++)
    {
      g_clear_pointer (&loops_out[v], g_ptr_array_unref);
      g_clear_pointer (&loops_in[v], g_ptr_array_unref);
    }
}

/* ---------------------------------------------------------------- *
 * Geometry
 * ---------------------------------------------------------------- */

/* Node boxes: column x, relaxed y, values. */
void
_wfl_sankey_node_geometry (Build *b)
{
  WflSankeyLayout *self = b->layout;
  const double *node_in = b->node_in, *node_out = b->node_out, *node_value = b->node_value;
  double nw = b->nw;

  for (guint v = 0; v < b->n; v++)
    {
      WflSankeyNodeGeometry *g = &self->nodes[v];
      const Item *item = &self->items[v];

      g->x0 = self->col_x0[item->column];
      g->x1 = g->x0 + nw;
      g->y0 = item->y;
      g->y1 = item->y + item->h;
      g->value = node_value[v];
      g->in_value = node_in[v];
      g->out_value = node_out[v];
      g->column = item->column;
    }
}

/* Band centre lines: a pair of points per segment, or a loop's polyline
 * round its lane below the chart. */
void
_wfl_sankey_link_geometry (Build *b)
{
  WflSankeyLayout *self = b->layout;
  const double *loop_out_off = b->loop_out_off, *loop_in_off = b->loop_in_off;
  const guint *loop_rank = b->loop_rank;
  double ky = b->ky, nw = b->nw, chart_h = b->chart_h;

  for (guint l = 0; l < b->m; l++)
    {
      WflSankeyLinkGeometry *g = &self->links[l];
      const WflSankeyNodeGeometry *s = &self->nodes[b->src[l]], *t = &self->nodes[b->dst[l]];
      double w = b->value[l] * ky;

      g->value = b->value[l];
      g->width = w;
      g->source_fraction = s->out_value > 0 ? b->value[l] / s->out_value : 0;
      g->target_fraction = t->in_value > 0 ? b->value[l] / t->in_value : 0;
      g->first_point = self->points->len;
      g->loop = b->is_loop[l];

      if (!g->loop)
        {
          for (guint k = 0; k < b->link_n_segs[l]; k++)
            {
              const Seg *seg = &self->segs[b->link_first_seg[l] + k];
              const Item *a = &self->items[seg->left], *z = &self->items[seg->right];
              WflSankeyPoint p0 = { self->col_x0[a->column] + nw, a->y + seg->off_left + w / 2 };
              WflSankeyPoint p1 = { self->col_x0[z->column], z->y + seg->off_right + w / 2 };

              g_array_append_val (self->points, p0);
              g_array_append_val (self->points, p1);
            }
        }
      else
        {
          double ys = s->y0 + loop_out_off[l] + w / 2;
          double yt = t->y0 + loop_in_off[l] + w / 2;
          double lane = chart_h + LOOP_GAP;
          double r_out = 6 + w / 2, r_in = 6 + w / 2;
          WflSankeyPoint p[6];

          /* Lanes stack outward in rank order. */
          for (guint k = 0; k < loop_rank[l]; k++)
            lane += self->links[self->loops[k]].width + LOOP_GAP;
          lane += w / 2;
          /* Loops below this one at the same port turn inside it. */
          for (guint k = 0; k < self->n_loops; k++)
            {
              guint o = self->loops[k];

              if (o == l)
                continue;
              if (b->src[o] == b->src[l] && loop_out_off[o] > loop_out_off[l])
                r_out += b->value[o] * ky + LOOP_GAP;
              if (b->dst[o] == b->dst[l] && loop_in_off[o] > loop_in_off[l])
                r_in += b->value[o] * ky + LOOP_GAP;
            }
          p[0] = (WflSankeyPoint) { s->x1, ys };
          p[1] = (WflSankeyPoint) { s->x1 + r_out, ys };
          p[2] = (WflSankeyPoint) { s->x1 + r_out, lane };
          p[3] = (WflSankeyPoint) { t->x0 - r_in, lane };
          p[4] = (WflSankeyPoint) { t->x0 - r_in, yt };
          p[5] = (WflSankeyPoint) { t->x0, yt };
          g_array_append_vals (self->points, p, 6);
        }
      g->n_points = self->points->len - g->first_point;
      g->x0 = g_array_index (self->points, WflSankeyPoint, g->first_point).x;
      g->y0 = g_array_index (self->points, WflSankeyPoint, g->first_point).y;
      g->x1 = g_array_index (self->points, WflSankeyPoint, g->first_point + g->n_points - 1).x;
      g->y1 = g_array_index (self->points, WflSankeyPoint, g->first_point + g->n_points - 1).y;
    }
}

/* Painting order: loops first, then wide bands before thin ones. */
void
_wfl_sankey_paint_order (Build *b)
{
  WflSankeyLayout *self = b->layout;
  g_autofree SortKey *keys = g_new (SortKey, b->m + 1);

  for (guint l = 0; l < b->m; l++)
    {
      keys[l].key = -(self->links[l].loop ? G_MAXDOUBLE : self->links[l].width);
      keys[l].pos = l;
      keys[l].item = l;
    }
  qsort (keys, b->m, sizeof (SortKey), _wfl_sankey_compare_sort_key);
  self->paint_order = g_new (guint, b->m + 1);
  self->paint_rank = g_new (guint, b->m + 1);
  for (guint k = 0; k < b->m; k++)
    {
      self->paint_order[k] = keys[k].item;
      self->paint_rank[keys[k].item] = k;
    }
}

/* Colours: a group's colour, or one that differs from the neighbours
 * above in the column and from the linked nodes coloured before. */
void
_wfl_sankey_assign_colors (Build *b)
{
  WflSankeyLayout *self = b->layout;
  const WflSankeyGraph *graph = b->graph;
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *in_s = NULL, *in_l = NULL, *out_s = NULL, *out_l = NULL;
  g_autofree gboolean *done = g_new0 (gboolean, b->n + 1);
  guint usage[N_COLORS] = { 0 };
  gboolean any_group = FALSE;

  for (guint v = 0; v < b->n; v++)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (graph, v);

      if (node->group != NULL && !g_hash_table_contains (groups, node->group))
        g_hash_table_insert (groups, node->group, GUINT_TO_POINTER (g_hash_table_size (groups)));
      any_group |= node->group != NULL;
    }
  _wfl_sankey_build_csr (b->n, b->m, b->dst, NULL, &in_s, &in_l);
  _wfl_sankey_build_csr (b->n, b->m, b->src, NULL, &out_s, &out_l);

  for (guint c = 0; c < self->n_columns; c++)
    {
      guint above = NONE;

      for (guint k = self->col_start[c]; k < self->col_start[c + 1]; k++)
        {
          guint v = self->items[self->col_items[k]].node;
          const WflSankeyNode *node;
          double penalty[N_COLORS] = { 0 };
          guint pick = 0;

          if (v == NONE)
            continue;
          node = wfl_sankey_graph_get_node (graph, v);
          if (node->color >= 0)
            pick = node->color;
          else if (any_group && node->group != NULL)
            pick = GPOINTER_TO_UINT (g_hash_table_lookup (groups, node->group));
          else
            {
              for (guint q = 0; q < N_COLORS; q++)
                penalty[q] = usage[q] * 1e-3 + q * 1e-6;
              if (above != NONE)
                penalty[self->nodes[above].color] += 1e6;
              for (guint j = in_s[v]; j < in_s[v + 1]; j++)
                if (done[b->src[in_l[j]]])
                  penalty[self->nodes[b->src[in_l[j]]].color] += 1 + b->value[in_l[j]];
              for (guint j = out_s[v]; j < out_s[v + 1]; j++)
                if (done[b->dst[out_l[j]]])
                  penalty[self->nodes[b->dst[out_l[j]]].color] += 1 + b->value[out_l[j]];
              for (guint q = 1; q < N_COLORS; q++)
                if (penalty[q] < penalty[pick])
                  pick = q;
            }
          self->nodes[v].color = pick;
          usage[pick % N_COLORS]++;
          done[v] = TRUE;
          above = v;
        }
    }
}

/* ---------------------------------------------------------------- *
 * Hit-testing
 * ---------------------------------------------------------------- */

/* The band centre of an S-curve from a to b at x (control points at the
 * middle x, as the painter draws it). */
static double
curve_y_at (WflSankeyPoint a,
            WflSankeyPoint b,
            double         x)
{
  double lo = 0, hi = 1, t = 0.5;

  if (b.x - a.x <= 0)
    return a.y;
  for (int i = 0; i < 40; i++)
    {
      double fx;

      t = (lo + hi) / 2;
      fx = a.x + (b.x - a.x) * (1.5 * t - 1.5 * t * t + t * t * t);
      if (fx < x)
        lo = t;
      else
        hi = t;
    }
  return a.y + (b.y - a.y) * (3 * t * t - 2 * t * t * t);
}

static double
distance_to_segment (WflSankeyPoint a,
                     WflSankeyPoint b,
                     double         x,
                     double         y)
{
  double dx = b.x - a.x, dy = b.y - a.y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((x - a.x) * dx + (y - a.y) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (x - (a.x + t * dx), y - (a.y + t * dy));
}

WflSankeyHit
wfl_sankey_layout_hit_test (const WflSankeyLayout *self,
                            double                 x,
                            double                 y)
{
  WflSankeyHit hit = { WFL_SANKEY_HIT_NONE, 0 };
  guint best_rank = 0;
  gboolean have_link = FALSE;
  guint lo = 0, hi = self->n_columns;
  const WflSankeyPoint *pts = &g_array_index (self->points, WflSankeyPoint, 0);

#define CONSIDER(l) G_STMT_START {                                          \
    if (!have_link || self->paint_rank[l] > best_rank)                      \
      {                                                                     \
        have_link = TRUE;                                                   \
        best_rank = self->paint_rank[l];                                    \
        hit.kind = WFL_SANKEY_HIT_LINK;                                     \
        hit.index = (l);                                                    \
      }                                                                     \
  } G_STMT_END

  /* The last column starting at or before x. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (self->col_x0[mid] <= x)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo > 0)
    {
      guint c = lo - 1;

      if (x <= self->col_x0[c] + self->node_width)
        {
          /* On a column: the item whose extent holds y (tiny nodes are
           * given a few pixels so they can be pointed at). */
          guint c0 = self->col_start[c], n = self->col_start[c + 1] - c0;
          guint a = 0, z = n;

          while (a < z)
            {
              guint mid = (a + z) / 2;
              const Item *item = &self->items[self->col_items[c0 + mid]];

              if (item->y + item->h + 2 < y)
                a = mid + 1;
              else
                z = mid;
            }
          for (guint k = a; k < n && k < a + 3; k++)
            {
              const Item *item = &self->items[self->col_items[c0 + k]];
              double top = item->y, bottom = item->y + item->h;

              if (bottom - top < 4)
                {
                  double mid = (top + bottom) / 2;

                  top = mid - 2;
                  bottom = mid + 2;
                }
              if (y >= top && y <= bottom)
                {
                  if (item->node != NONE)
                    {
                      hit.kind = WFL_SANKEY_HIT_NODE;
                      hit.index = item->node;
                      return hit;
                    }
                  CONSIDER (item->link);
                }
            }
        }
      else if (c + 1 < self->n_columns)
        {
          for (guint k = self->gap_start[c]; k < self->gap_start[c + 1]; k++)
            {
              const Seg *seg = &self->segs[self->gap_segs[k]];
              const WflSankeyLinkGeometry *g = &self->links[seg->link];
              guint p = g->first_point + 2 * (self->gap_segs[k] - self->link_first_seg[seg->link]);
              double half = MAX (g->width / 2, 1.5);
              double yc;

              if (y < MIN (pts[p].y, pts[p + 1].y) - half || y > MAX (pts[p].y, pts[p + 1].y) + half)
                continue;
              yc = curve_y_at (pts[p], pts[p + 1], x);
              if (fabs (y - yc) <= half)
                CONSIDER (seg->link);
            }
        }
    }

  for (guint k = 0; k < self->n_loops; k++)
    {
      guint l = self->loops[k];
      const WflSankeyLinkGeometry *g = &self->links[l];

      for (guint p = g->first_point; p + 1 < g->first_point + g->n_points; p++)
        if (distance_to_segment (pts[p], pts[p + 1], x, y) <= MAX (g->width / 2, 1.5))
          {
            CONSIDER (l);
            break;
          }
    }
#undef CONSIDER

  return hit;
}
