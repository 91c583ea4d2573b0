/* sankey-fixtures.h: graphs and checks shared by the Sankey layout tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The energy example, small graphs built by id, and the checks every
 * layout must pass whatever its graph: nodes inside the box and apart,
 * labels sound, band widths conserved at nodes, waypoints clear.
 */

#pragma once

#include <math.h>

#include "wfl-sankey-layout.h"

#define W 1280
#define H 800
#define EPS 1e-6

static inline WflSankeyGraph *
load_energy (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "energy-uk-2050.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflFlows) flows = wfl_flows_new_from_file (file, &error);

  g_assert_no_error (error);
  return wfl_sankey_graph_new_from_flows (flows);
}

static inline guint
add (WflSankeyGraph *g,
     const char     *id)
{
  int found = wfl_sankey_graph_find_node (g, id);

  return found >= 0 ? (guint) found : wfl_sankey_graph_add_node (g, id, id, NULL, NULL);
}

static inline void
add_link (WflSankeyGraph *g,
          const char     *s,
          const char     *t,
          double          v)
{
  guint a = add (g, s), b = add (g, t);

  wfl_sankey_graph_add_link (g, a, b, v);
}

/* Every node inside the box; nodes of a column never overlap. */
static inline void
assert_no_overlaps (const WflSankeyLayout *layout)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  guint n = wfl_sankey_graph_get_n_nodes (graph);
  double height = wfl_sankey_layout_get_height (layout);

  for (guint a = 0; a < n; a++)
    {
      const WflSankeyNodeGeometry *p = wfl_sankey_layout_get_node (layout, a);

      g_assert_cmpfloat (p->y0, >=, -EPS);
      g_assert_cmpfloat (p->y1, <=, height + EPS);
      g_assert_cmpfloat (p->x0, >=, -EPS);
      g_assert_cmpfloat (p->x1, <=, wfl_sankey_layout_get_width (layout) + EPS);
      for (guint b = a + 1; b < n; b++)
        {
          const WflSankeyNodeGeometry *q = wfl_sankey_layout_get_node (layout, b);

          if (p->column != q->column)
            continue;
          g_assert_cmpfloat (p->x0, ==, q->x0);
          if (!(p->y1 <= q->y0 + EPS || q->y1 <= p->y0 + EPS))
            g_error ("nodes %u [%g, %g] and %u [%g, %g] overlap", a, p->y0, p->y1, b, q->y0, q->y1);
        }
    }
}

/* Labels: every visible box inside the chart, clear of every node and of
 * every other visible box; its text agrees with its lines; a label
 * beside its node touches it vertically unless a leader line joins them
 * (from the node's edge to the label's edge); one above or below sits
 * against the node.  Returns the number of visible labels. */
static inline guint
assert_labels_sound (const WflSankeyLayout *layout)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  guint n = wfl_sankey_graph_get_n_nodes (graph), visible = 0;
  double width = wfl_sankey_layout_get_width (layout), height = wfl_sankey_layout_get_height (layout);

  for (guint a = 0; a < n; a++)
    {
      const WflSankeyNodeGeometry *p = wfl_sankey_layout_get_node (layout, a);
      guint breaks = 0;

      if (!p->label_visible)
        continue;
      visible++;
      g_assert_cmpfloat (p->label_x, >=, -EPS);
      g_assert_cmpfloat (p->label_x + p->label_width, <=, width + EPS);
      g_assert_cmpfloat (p->label_y, >=, -EPS);
      g_assert_cmpfloat (p->label_y + p->label_height, <=, height + EPS);
      g_assert_cmpfloat (p->label_width, >, 0);
      g_assert_cmpfloat (p->label_max_width, >=, p->label_width - EPS);
      g_assert_nonnull (p->label_text);
      for (const char *c = p->label_text; *c; c++)
        breaks += *c == '\n';
      g_assert_cmpuint (p->label_name_lines, ==, breaks + 1);
      g_assert_cmpuint (p->label_lines, >=, p->label_name_lines);
      g_assert_cmpuint (p->label_lines, <=, p->label_name_lines + (p->label_value ? 1 : 0));
      g_assert_cmpfloat (p->label_height, >, 0);

      switch (p->label_side)
        {
        case WFL_SANKEY_LABEL_LEFT:
        case WFL_SANKEY_LABEL_RIGHT:
          {
            gboolean right = p->label_side == WFL_SANKEY_LABEL_RIGHT;

            if (right)
              g_assert_cmpfloat (p->label_x, >=, p->x1);
            else
              g_assert_cmpfloat (p->label_x + p->label_width, <=, p->x0);
            if (p->label_leader)
              {
                g_assert_cmpfloat_with_epsilon (p->leader[0].x, right ? p->x1 : p->x0, EPS);
                g_assert_cmpfloat (p->leader[0].y, >=, p->y0 - EPS);
                g_assert_cmpfloat (p->leader[0].y, <=, p->y1 + EPS);
                g_assert_cmpfloat_with_epsilon (p->leader[1].x, right ? p->label_x : p->label_x + p->label_width, EPS);
                g_assert_cmpfloat (p->leader[1].y, >=, p->label_y - EPS);
                g_assert_cmpfloat (p->leader[1].y, <=, p->label_y + p->label_height + EPS);
              }
            else
              {
                /* Within a few pixels of the node's side, level with it. */
                g_assert_cmpfloat (right ? p->label_x - p->x1 : p->x0 - p->label_x - p->label_width, <=, 20);
                g_assert_cmpfloat (p->label_y, <, MAX (p->y1, p->y0 + 1));
                g_assert_cmpfloat (p->label_y + p->label_height, >, p->y0);
              }
          }
          break;
        case WFL_SANKEY_LABEL_ABOVE:
        case WFL_SANKEY_LABEL_BELOW:
          g_assert_false (p->label_leader);
          g_assert_cmpfloat (p->label_x, <, p->x1);
          g_assert_cmpfloat (p->label_x + p->label_width, >, p->x0);
          if (p->label_side == WFL_SANKEY_LABEL_ABOVE)
            g_assert_cmpfloat (p->label_y + p->label_height, <=, p->y0);
          else
            g_assert_cmpfloat (p->label_y, >=, p->y1);
          g_assert_cmpfloat (fabs (p->label_side == WFL_SANKEY_LABEL_ABOVE ? p->y0 - p->label_y - p->label_height
                                                                           : p->label_y - p->y1), <=, 20);
          break;
        case WFL_SANKEY_LABEL_HIDDEN:
        default:
          g_assert_not_reached ();
        }

      for (guint b = 0; b < n; b++)
        {
          const WflSankeyNodeGeometry *q = wfl_sankey_layout_get_node (layout, b);

          /* Clear of nodes. */
          if (p->label_x < q->x1 - EPS && p->label_x + p->label_width > q->x0 + EPS &&
              p->label_y < MAX (q->y1, q->y0 + 1) - EPS && p->label_y + p->label_height > q->y0 + EPS)
            g_error ("label of %u [%g, %g]x[%g, %g] covers node %u [%g, %g]x[%g, %g]",
                     a, p->label_x, p->label_x + p->label_width, p->label_y, p->label_y + p->label_height,
                     b, q->x0, q->x1, q->y0, q->y1);
          /* Clear of other labels. */
          if (b <= a || !q->label_visible)
            continue;
          if (p->label_x + p->label_width <= q->label_x + EPS || q->label_x + q->label_width <= p->label_x + EPS)
            continue;
          if (!(p->label_y + p->label_height <= q->label_y + EPS || q->label_y + q->label_height <= p->label_y + EPS))
            g_error ("labels of %u [%g, %g]x[%g, %g] and %u [%g, %g]x[%g, %g] overlap",
                     a, p->label_x, p->label_x + p->label_width, p->label_y, p->label_y + p->label_height,
                     b, q->label_x, q->label_x + q->label_width, q->label_y, q->label_y + q->label_height);
        }
    }
  return visible;
}

/* Band widths add up at each node, band ends stay inside their node and
 * never overlap one another (ports). */
static inline void
assert_conservation (const WflSankeyLayout *layout)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  guint n = wfl_sankey_graph_get_n_nodes (graph), m = wfl_sankey_graph_get_n_links (graph);
  g_autofree double *in_w = g_new0 (double, n), *out_w = g_new0 (double, n);
  double ky = -1;

  for (guint l = 0; l < m; l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, l);
      const WflSankeyNodeGeometry *s = wfl_sankey_layout_get_node (layout, link->source);
      const WflSankeyNodeGeometry *t = wfl_sankey_layout_get_node (layout, link->target);

      out_w[link->source] += g->width;
      in_w[link->target] += g->width;
      if (g->value > 0)
        {
          if (ky < 0)
            ky = g->width / g->value;
          g_assert_cmpfloat_with_epsilon (g->width / g->value, ky, 1e-9);
        }
      g_assert_cmpfloat (g->y0 - g->width / 2, >=, s->y0 - EPS);
      g_assert_cmpfloat (g->y0 + g->width / 2, <=, s->y1 + EPS);
      g_assert_cmpfloat (g->y1 - g->width / 2, >=, t->y0 - EPS);
      g_assert_cmpfloat (g->y1 + g->width / 2, <=, t->y1 + EPS);
      g_assert_cmpfloat_with_epsilon (g->x0, s->x1, EPS);
      g_assert_cmpfloat_with_epsilon (g->x1, t->x0, EPS);

      /* Ports: no two bands overlap where they leave or enter a node. */
      for (guint k = l + 1; k < m; k++)
        {
          const WflSankeyLink *other = wfl_sankey_graph_get_link (graph, k);
          const WflSankeyLinkGeometry *o = wfl_sankey_layout_get_link (layout, k);

          if (other->source == link->source)
            g_assert_cmpfloat (fabs (o->y0 - g->y0), >=, (o->width + g->width) / 2 - EPS);
          if (other->target == link->target)
            g_assert_cmpfloat (fabs (o->y1 - g->y1), >=, (o->width + g->width) / 2 - EPS);
        }
    }

  for (guint v = 0; v < n; v++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);

      g_assert_cmpfloat_with_epsilon (in_w[v], g->in_value * ky, 1e-6);
      g_assert_cmpfloat_with_epsilon (out_w[v], g->out_value * ky, 1e-6);
      g_assert_cmpfloat_with_epsilon (g->y1 - g->y0, MAX (g->in_value, g->out_value) * ky, 1e-6);
      if (g->in_value > 0 && fabs (g->in_value - g->out_value) <= 1e-9 * g->in_value)
        g_assert_cmpfloat_with_epsilon (in_w[v], out_w[v], 1e-6);
    }
}

/* Bands that skip columns run through waypoints that no node covers. */
static inline void
assert_waypoints_clear (const WflSankeyLayout *layout)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  guint n = wfl_sankey_graph_get_n_nodes (graph), m = wfl_sankey_graph_get_n_links (graph);

  for (guint l = 0; l < m; l++)
    {
      guint np;
      const WflSankeyPoint *p = wfl_sankey_layout_get_points (layout, l, &np);
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, l);

      if (g->loop)
        continue;
      g_assert_cmpuint (np % 2, ==, 0);
      for (guint k = 1; k + 1 < np; k += 2)
        {
          g_assert_cmpfloat_with_epsilon (p[k].y, p[k + 1].y, EPS);
          for (guint v = 0; v < n; v++)
            {
              const WflSankeyNodeGeometry *node = wfl_sankey_layout_get_node (layout, v);

              if (fabs (node->x0 - p[k].x) > EPS)
                continue;
              if (!(p[k].y + g->width / 2 <= node->y0 + EPS || p[k].y - g->width / 2 >= node->y1 - EPS))
                g_error ("link %u cuts through node %u", l, v);
            }
        }
    }
}
