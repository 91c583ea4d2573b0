/* test-sankey-layout.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "wfl-sankey-layout.h"

#define W 1280
#define H 800
#define EPS 1e-6

static WflSankeyGraph *
load_energy (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "energy-uk-2050.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflFlows) flows = wfl_flows_new_from_file (file, &error);

  g_assert_no_error (error);
  return wfl_sankey_graph_new_from_flows (flows);
}

static guint
add (WflSankeyGraph *g,
     const char     *id)
{
  int found = wfl_sankey_graph_find_node (g, id);

  return found >= 0 ? (guint) found : wfl_sankey_graph_add_node (g, id, id, NULL, NULL);
}

static void
add_link (WflSankeyGraph *g,
          const char     *s,
          const char     *t,
          double          v)
{
  guint a = add (g, s), b = add (g, t);

  wfl_sankey_graph_add_link (g, a, b, v);
}

/* Every node inside the box; nodes of a column never overlap. */
static void
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
static guint
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
static void
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
static void
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

static void
test_sankey_layout_energy (void)
{
  g_autoptr(WflSankeyGraph) graph = load_energy ();
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, W, H);
  guint n = wfl_sankey_graph_get_n_nodes (graph);
  guint visible = 0;
  double weighted;
  guint64 crossings;

  g_assert_cmpuint (n, ==, 48);
  g_assert_cmpuint (wfl_sankey_graph_get_n_links (graph), ==, 68);
  assert_no_overlaps (layout);
  assert_conservation (layout);
  assert_waypoints_clear (layout);

  /* Sources in the first column, sinks in the last. */
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      const WflSankeyLink *lk = wfl_sankey_graph_get_link (graph, l);

      g_assert_false (wfl_sankey_layout_get_link (layout, l)->loop);
      g_assert_cmpuint (wfl_sankey_layout_get_node (layout, lk->source)->column, <,
                        wfl_sankey_layout_get_node (layout, lk->target)->column);
    }
  for (guint v = 0; v < n; v++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);

      if (g->out_value == 0)
        g_assert_cmpuint (g->column, ==, wfl_sankey_layout_get_n_columns (layout) - 1);
      if (g->in_value == 0)
        g_assert_cmpuint (g->column, ==, 0);
      if (g->label_visible)
        {
          visible++;
          g_assert_cmpfloat (g->label_x, >=, -EPS);
          g_assert_cmpfloat (g->label_x + g->label_width, <=, W + EPS);
          g_assert_cmpfloat (g->label_y, >=, -EPS);
          g_assert_cmpfloat (g->label_y + g->label_height, <=, H + EPS);
        }
    }
  /* Most labels fit, and visible labels never overlap. */
  g_assert_cmpuint (visible, >=, n * 3 / 4);
  g_assert_cmpuint (assert_labels_sound (layout), ==, visible);
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        const WflSankeyNodeGeometry *p = wfl_sankey_layout_get_node (layout, a);
        const WflSankeyNodeGeometry *q = wfl_sankey_layout_get_node (layout, b);

        if (!p->label_visible || !q->label_visible)
          continue;
        if (p->label_x + p->label_width <= q->label_x || q->label_x + q->label_width <= p->label_x)
          continue;
        g_assert_true (p->label_y + p->label_height <= q->label_y + EPS ||
                       q->label_y + q->label_height <= p->label_y + EPS);
      }

  wfl_sankey_layout_count_crossings (layout, &weighted, &crossings);
  g_test_message ("energy: %" G_GUINT64_FORMAT " crossings, weighted %g", crossings, weighted);
  /* The bench compares with d3-sankey; here only that there are some
   * (the energy flows cannot be drawn without) and that they are counted
   * consistently. */
  g_assert_cmpuint (crossings, >, 0);
  g_assert_cmpfloat (weighted, >, 0);
}

static void
test_sankey_layout_waypoints (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;

  /* a → b → c → d → e, plus a → e skipping three columns past nodes. */
  add_link (graph, "a", "b", 10);
  add_link (graph, "b", "c", 10);
  add_link (graph, "c", "d", 10);
  add_link (graph, "d", "e", 10);
  add_link (graph, "a", "e", 3);
  add_link (graph, "x", "c", 4);
  layout = wfl_sankey_layout_new (graph, NULL, 900, 500);

  g_assert_cmpuint (wfl_sankey_layout_get_n_columns (layout), ==, 5);
  g_assert_cmpuint (wfl_sankey_layout_get_n_waypoints (layout), ==, 3 + 1);
  assert_no_overlaps (layout);
  assert_conservation (layout);
  assert_waypoints_clear (layout);
}

static void
test_sankey_layout_ordering (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  double weighted;
  guint64 crossings;

  /* In input order these cross twice; a good order crosses nothing. */
  add (graph, "a");
  add (graph, "b");
  add (graph, "c");
  add (graph, "x");
  add (graph, "y");
  add (graph, "z");
  add_link (graph, "a", "z", 5);
  add_link (graph, "b", "y", 3);
  add_link (graph, "c", "x", 8);
  add_link (graph, "x", "end", 8);
  add_link (graph, "y", "end", 3);
  add_link (graph, "z", "end", 5);
  layout = wfl_sankey_layout_new (graph, NULL, 600, 400);
  wfl_sankey_layout_count_crossings (layout, &weighted, &crossings);
  g_assert_cmpuint (crossings, ==, 0);
  g_assert_cmpfloat (weighted, ==, 0);
}

static void
test_sankey_layout_pins (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  WflSankeyNode *node;
  guint top, bottom, late;

  add_link (graph, "s1", "m1", 5);
  add_link (graph, "s2", "m1", 5);
  add_link (graph, "s3", "m2", 5);
  add_link (graph, "m1", "t", 10);
  add_link (graph, "m2", "t", 5);
  add_link (graph, "s4", "t", 2);
  top = add (graph, "s3");
  bottom = add (graph, "s1");
  late = add (graph, "s4");
  node = wfl_sankey_graph_get_node (graph, top);
  node->position = 0;
  node = wfl_sankey_graph_get_node (graph, bottom);
  node->position = 1;
  node = wfl_sankey_graph_get_node (graph, late);
  node->column = 1;
  node = wfl_sankey_graph_get_node (graph, add (graph, "t"));
  node->column = 3;

  layout = wfl_sankey_layout_new (graph, NULL, 800, 500);
  g_assert_cmpuint (wfl_sankey_layout_get_n_columns (layout), ==, 4);
  g_assert_cmpuint (wfl_sankey_layout_get_node (layout, late)->column, ==, 1);
  g_assert_cmpuint (wfl_sankey_layout_get_node (layout, add (graph, "t"))->column, ==, 3);
  g_assert_cmpfloat_with_epsilon (wfl_sankey_layout_get_node (layout, top)->y0, 0, 1e-3);
  g_assert_cmpfloat_with_epsilon (wfl_sankey_layout_get_node (layout, bottom)->y1, 500, 1e-3);
  assert_no_overlaps (layout);
  assert_conservation (layout);
}

static void
test_sankey_layout_cycles (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  guint n_loops = 0;
  double lowest_node = 0;

  add_link (graph, "a", "b", 10);
  add_link (graph, "b", "c", 10);
  add_link (graph, "c", "a", 2);     /* the cycle */
  add_link (graph, "c", "d", 8);
  add_link (graph, "d", "d", 1);     /* a self-loop */
  layout = wfl_sankey_layout_new (graph, NULL, 800, 500);
  assert_no_overlaps (layout);
  assert_conservation (layout);

  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    lowest_node = MAX (lowest_node, wfl_sankey_layout_get_node (layout, v)->y1);
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, l);
      guint np;
      const WflSankeyPoint *p = wfl_sankey_layout_get_points (layout, l, &np);
      double deepest = 0;

      if (!g->loop)
        continue;
      n_loops++;
      /* Loops leave to the right, run under every node, enter from the left. */
      for (guint k = 0; k < np; k++)
        deepest = MAX (deepest, p[k].y);
      g_assert_cmpfloat (deepest - g->width / 2, >, lowest_node);
      g_assert_cmpfloat (p[1].x, >, p[0].x);
      g_assert_cmpfloat (p[np - 2].x, <, p[np - 1].x);
    }
  /* One link breaks the cycle; the self-loop is the other. */
  g_assert_cmpuint (n_loops, ==, 2);
}

static void
test_sankey_layout_random_cycles (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  char id[32];

  for (guint v = 0; v < 1500; v++)
    {
      g_snprintf (id, sizeof id, "n%u", v);
      wfl_sankey_graph_add_node (graph, id, id, NULL, NULL);
    }
  for (guint l = 0; l < 4000; l++)
    wfl_sankey_graph_add_link (graph, g_rand_int_range (rand, 0, 1500), g_rand_int_range (rand, 0, 1500),
                               g_rand_double_range (rand, 0.1, 100));
  layout = wfl_sankey_layout_new (graph, NULL, 1600, 1200);

  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      const WflSankeyLink *lk = wfl_sankey_graph_get_link (graph, l);
      guint cs = wfl_sankey_layout_get_node (layout, lk->source)->column;
      guint ct = wfl_sankey_layout_get_node (layout, lk->target)->column;

      if (wfl_sankey_layout_get_link (layout, l)->loop)
        g_assert_cmpuint (ct, <=, cs);
      else
        g_assert_cmpuint (ct, >, cs);
    }
  assert_no_overlaps (layout);
}

static void
test_sankey_layout_hit_test (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  const WflSankeyNodeGeometry *a;
  const WflSankeyLinkGeometry *g;
  WflSankeyHit hit;
  guint np;
  const WflSankeyPoint *p;

  add_link (graph, "a", "b", 10);
  add_link (graph, "c", "d", 5);
  add_link (graph, "b", "e", 10);
  layout = wfl_sankey_layout_new (graph, NULL, 800, 500);

  a = wfl_sankey_layout_get_node (layout, add (graph, "a"));
  hit = wfl_sankey_layout_hit_test (layout, (a->x0 + a->x1) / 2, (a->y0 + a->y1) / 2);
  g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_NODE);
  g_assert_cmpuint (hit.index, ==, add (graph, "a"));

  /* Halfway along the band a → b, at its centre and just outside it. */
  g = wfl_sankey_layout_get_link (layout, 0);
  p = wfl_sankey_layout_get_points (layout, 0, &np);
  hit = wfl_sankey_layout_hit_test (layout, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2);
  g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_LINK);
  g_assert_cmpuint (hit.index, ==, 0);
  hit = wfl_sankey_layout_hit_test (layout, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2 - g->width / 2 - 3);
  g_assert_false (hit.kind == WFL_SANKEY_HIT_LINK && hit.index == 0);

  /* Through c → d's waypoint-free gap and the empty corners. */
  p = wfl_sankey_layout_get_points (layout, 1, &np);
  hit = wfl_sankey_layout_hit_test (layout, p[0].x + 1, p[0].y);
  g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_LINK);
  g_assert_cmpuint (hit.index, ==, 1);

  hit = wfl_sankey_layout_hit_test (layout, -5, -5);
  g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_NONE);
  hit = wfl_sankey_layout_hit_test (layout, 400, 499.5);
  if (hit.kind != WFL_SANKEY_HIT_NONE)
    {
      /* Only if something really is there. */
      g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_LINK);
    }
}

static void
test_sankey_layout_hit_test_energy (void)
{
  g_autoptr(WflSankeyGraph) graph = load_energy ();
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, W, H);
  guint hits = 0;

  /* Every node's centre finds that node; every band's middle finds a
   * band whose painted area holds the point. */
  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);
      WflSankeyHit hit = wfl_sankey_layout_hit_test (layout, (g->x0 + g->x1) / 2, (g->y0 + g->y1) / 2);

      g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_NODE);
      g_assert_cmpuint (hit.index, ==, v);
    }
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      guint np;
      const WflSankeyPoint *p = wfl_sankey_layout_get_points (layout, l, &np);
      WflSankeyHit hit = wfl_sankey_layout_hit_test (layout, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2);

      g_assert_cmpint (hit.kind, ==, WFL_SANKEY_HIT_LINK);
      hits += hit.index == l;
    }
  /* Thin bands painted over wide ones win; most bands find themselves. */
  g_assert_cmpuint (hits, >=, wfl_sankey_graph_get_n_links (graph) * 2 / 3);
}

static void
test_sankey_layout_hub (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  g_autoptr(WflSankeyLayout) layout = NULL;
  guint hub = wfl_sankey_graph_add_node (graph, "hub", "Hub", NULL, NULL);
  char id[32];

  for (guint v = 0; v < 2000; v++)
    {
      g_snprintf (id, sizeof id, "leaf %u", v);
      wfl_sankey_graph_add_link (graph, hub, wfl_sankey_graph_add_node (graph, id, id, NULL, NULL), 1 + v % 7);
    }
  layout = wfl_sankey_layout_new (graph, NULL, 1200, 900);
  assert_no_overlaps (layout);
  g_assert_cmpuint (wfl_sankey_layout_get_n_columns (layout), ==, 2);
  /* The hub's bands leave in the order of their targets: no crossings. */
  {
    double w;
    guint64 c;

    wfl_sankey_layout_count_crossings (layout, &w, &c);
    g_assert_cmpuint (c, ==, 0);
  }
}

static void
test_sankey_count_crossings (void)
{
  WflSankeyCrossingSegment segs[] = {
    { 0, 0, 10, 2 },
    { 0, 10, 0, 3 },     /* crosses the first: 2 × 3 */
    { 0, 20, 20, 5 },    /* crosses nothing */
    { 1, 0, 10, 7 },     /* another gap */
    { 1, 5, 8, 11 },     /* crosses the previous: 7 × 11 */
  };
  double w;
  guint64 c;

  wfl_sankey_count_crossings (segs, G_N_ELEMENTS (segs), &w, &c);
  g_assert_cmpuint (c, ==, 2);
  g_assert_cmpfloat (w, ==, 6 + 77);
  wfl_sankey_count_crossings (segs, 1, &w, &c);
  g_assert_cmpuint (c, ==, 0);
}

static void
test_sankey_format_quantity (void)
{
  struct { double v; const char *unit; const char *text; } cases[] = {
    { 0, NULL, "0" },
    { 0.5974, NULL, "0.597" },
    { 4.38, NULL, "4.38" },
    { 26.862, "TWh", "26.9 TWh" },
    { 124.729, NULL, "125" },
    { 35000, "gpu", "35\u202f000 gpu" },
    { 1234567, NULL, "1\u202f234\u202f567" },
    { 12.5e6, "dies", "12.5\u202fM dies" },
    { 3.2e9, NULL, "3.2\u202fbn" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = wfl_sankey_format_quantity (cases[i].v, cases[i].unit);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static gboolean
shipped_cb (const WflLink *lk,
            double        *shipped,
            gpointer       user_data)
{
  *shipped = g_str_equal (lk->from, "fab") ? 100 : 50;
  return TRUE;
}

static gboolean
bottleneck_cb (const WflNode *node,
               gpointer       user_data)
{
  return g_str_equal (node->id, "pack");
}

static void
test_sankey_graph_from_simulation (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new ();
  g_autoptr(WflSankeyGraph) graph = NULL;
  WflNode *node;
  WflLink *lk;
  const WflSankeyLink *l0, *l1;

  node = wfl_node_new ("fab", WFL_NODE_KIND_SUPPLY);
  node->unit = g_strdup ("die");
  wfl_scenario_add_node (scenario, node);
  node = wfl_node_new ("pack", WFL_NODE_KIND_PROCESS);
  node->unit = g_strdup ("package");
  wfl_scenario_add_node (scenario, node);
  node = wfl_node_new ("buyer", WFL_NODE_KIND_CUSTOMER);
  node->unit = g_strdup ("package");
  wfl_scenario_add_node (scenario, node);
  lk = wfl_link_new ("fab", "pack");
  lk->per_unit = 2;
  wfl_scenario_add_link (scenario, lk);
  lk = wfl_link_new ("pack", "buyer");
  lk->per_unit = 1;
  wfl_scenario_add_link (scenario, lk);

  graph = wfl_sankey_graph_new_from_simulation (scenario, shipped_cb, bottleneck_cb, NULL);
  g_assert_cmpuint (wfl_sankey_graph_get_n_nodes (graph), ==, 3);
  g_assert_cmpuint (wfl_sankey_graph_get_n_links (graph), ==, 2);
  l0 = wfl_sankey_graph_get_link (graph, 0);
  l1 = wfl_sankey_graph_get_link (graph, 1);
  /* 100 dies make 50 packages: equal widths, each end in its own unit. */
  g_assert_cmpfloat (l0->value, ==, 50);
  g_assert_cmpfloat (l1->value, ==, 50);
  g_assert_cmpfloat (l0->source_quantity, ==, 100);
  g_assert_cmpstr (l0->source_unit, ==, "die");
  g_assert_cmpfloat (l0->target_quantity, ==, 50);
  g_assert_cmpstr (l0->target_unit, ==, "package");
  g_assert_true (wfl_sankey_graph_get_node (graph, 1)->bottleneck);
  g_assert_false (wfl_sankey_graph_get_node (graph, 0)->bottleneck);
  g_assert_cmpfloat (wfl_sankey_graph_get_node (graph, 0)->quantity, ==, 100);
}

/* The built-in scenario's flows (third quarter of 2023), rounded. */
static const struct { const char *id, *name, *unit; gboolean bottleneck; } scenario_nodes[] = {
  { "n4-wafers", "TSMC N4 (4N) wafers for Nvidia", "wafer", FALSE },
  { "gh100-dies", "GH100 die fab and sort", "die", FALSE },
  { "hbm-skhynix", "HBM stacks, SK hynix", "stack", FALSE },
  { "hbm-samsung", "HBM stacks, Samsung", "stack", FALSE },
  { "hbm-micron", "HBM stacks, Micron", "stack", FALSE },
  { "interposer", "TSMC CoWoS interposer wafers (Nvidia and Google TPU bookings)", "wafer", FALSE },
  { "interposer-osat", "Interposers for OSAT CoWoS-like lines (UMC and others)", "wafer", FALSE },
  { "abf-ibiden", "ABF substrates, Ibiden", "substrate", FALSE },
  { "abf-unimicron", "ABF substrates, Unimicron", "substrate", FALSE },
  { "abf-others", "ABF substrates, others (Nan Ya, Kinsus, Shinko, AT&S)", "substrate", FALSE },
  { "cowos-tsmc", "CoWoS-S packaging, TSMC (Nvidia)", "package", TRUE },
  { "cowos-osat", "CoWoS-like packaging, Amkor and SPIL (Nvidia)", "package", FALSE },
  { "final-test", "Final test and burn-in (KYEC, TSMC)", "gpu", FALSE },
  { "hgx-boards", "SXM modules and HGX baseboards (Foxconn, Wistron)", "board", FALSE },
  { "server-cpus", "Server CPUs (Intel Xeon, AMD EPYC)", "cpu", FALSE },
  { "nics", "ConnectX-7 400G NICs (Nvidia)", "nic", FALSE },
  { "server-odm", "Server ODM/OEM build (Foxconn, Quanta, Wiwynn, Supermicro, Dell)", "server", FALSE },
  { "switches", "Switches (Nvidia Quantum-2 and Spectrum, Arista)", "switch", FALSE },
  { "optics-400g", "400G transceivers (NIC side)", "transceiver", FALSE },
  { "optics-800g", "800G transceivers (InnoLight, Eoptolink, Coherent)", "transceiver", FALSE },
  { "grid-power", "Grid connections, transformers and switchgear", "MW", FALSE },
  { "dc-power", "Powered data halls (fit-out, cooling)", "MW", FALSE },
  { "dc-install", "Data-centre installation (racking, cabling, bring-up)", "gpu", FALSE },
  { "nvidia", "Nvidia allocation (customer democracy)", "gpu", FALSE },
  { "tpu-wafers", "TSMC N5-class wafers for Google TPU", "wafer", FALSE },
  { "tpu-dies", "TPU die fab and sort", "die", FALSE },
  { "tpu-cowos", "CoWoS packaging, TSMC (Google TPU)", "tpu", TRUE },
  { "tpu-systems", "TPU boards and racks (Quanta)", "tpu", FALSE },
  { "openai", "OpenAI (via Microsoft)", "gpu", FALSE },
  { "microsoft", "Microsoft Azure", "gpu", FALSE },
  { "meta", "Meta", "gpu", FALSE },
  { "google", "Google (H100)", "gpu", FALSE },
  { "amazon", "Amazon", "gpu", FALSE },
  { "oracle", "Oracle", "gpu", FALSE },
  { "coreweave", "CoreWeave", "gpu", FALSE },
  { "inflection", "Inflection (via CoreWeave)", "gpu", FALSE },
  { "xai", "xAI", "gpu", FALSE },
  { "tesla", "Tesla", "gpu", FALSE },
  { "bytedance", "ByteDance", "gpu", FALSE },
  { "tencent", "Tencent", "gpu", FALSE },
  { "baidu-alibaba", "Baidu and Alibaba", "gpu", FALSE },
  { "lambda", "Lambda", "gpu", FALSE },
  { "other-clouds", "Other clouds and neoclouds", "gpu", FALSE },
  { "sovereign", "Sovereign AI and research", "gpu", FALSE },
  { "enterprise", "Enterprises via Dell, HPE and Supermicro", "gpu", FALSE },
  { "google-tpu", "Google (TPU)", "tpu", FALSE },
};
static const struct { const char *source, *target; double value; } scenario_links[] = {
  { "n4-wafers", "gh100-dies", 515000 },
  { "gh100-dies", "cowos-tsmc", 671000 },
  { "hbm-skhynix", "cowos-tsmc", 557562 },
  { "hbm-samsung", "cowos-tsmc", 0 },
  { "hbm-micron", "cowos-tsmc", 0 },
  { "interposer", "cowos-tsmc", 549608 },
  { "abf-ibiden", "cowos-tsmc", 337661 },
  { "abf-unimicron", "cowos-tsmc", 92924 },
  { "abf-others", "cowos-tsmc", 84415 },
  { "gh100-dies", "cowos-osat", 0 },
  { "hbm-skhynix", "cowos-osat", 0 },
  { "hbm-samsung", "cowos-osat", 0 },
  { "hbm-micron", "cowos-osat", 0 },
  { "interposer-osat", "cowos-osat", 0 },
  { "abf-ibiden", "cowos-osat", 0 },
  { "abf-unimicron", "cowos-osat", 0 },
  { "abf-others", "cowos-osat", 0 },
  { "cowos-tsmc", "final-test", 322555 },
  { "cowos-osat", "final-test", 0 },
  { "final-test", "hgx-boards", 314127 },
  { "hgx-boards", "server-odm", 311062 },
  { "server-cpus", "server-odm", 515000 },
  { "nics", "server-odm", 515000 },
  { "server-odm", "dc-install", 307232 },
  { "switches", "dc-install", 515000 },
  { "optics-400g", "dc-install", 515000 },
  { "optics-800g", "dc-install", 813137 },
  { "grid-power", "dc-power", 515000 },
  { "dc-power", "dc-install", 213852 },
  { "dc-install", "nvidia", 306466 },
  { "nvidia", "openai", 19431 },
  { "nvidia", "microsoft", 19431 },
  { "nvidia", "meta", 19431 },
  { "nvidia", "google", 19431 },
  { "nvidia", "amazon", 19431 },
  { "nvidia", "oracle", 19431 },
  { "nvidia", "coreweave", 19431 },
  { "nvidia", "inflection", 19431 },
  { "nvidia", "xai", 0 },
  { "nvidia", "tesla", 15000 },
  { "nvidia", "bytedance", 19431 },
  { "nvidia", "tencent", 19431 },
  { "nvidia", "baidu-alibaba", 19431 },
  { "nvidia", "lambda", 19431 },
  { "nvidia", "other-clouds", 19431 },
  { "nvidia", "sovereign", 19431 },
  { "nvidia", "enterprise", 19431 },
  { "tpu-wafers", "tpu-dies", 110000 },
  { "tpu-dies", "tpu-cowos", 110000 },
  { "hbm-samsung", "tpu-cowos", 110000 },
  { "interposer", "tpu-cowos", 112165 },
  { "abf-unimicron", "tpu-cowos", 110000 },
  { "tpu-cowos", "tpu-systems", 65825 },
  { "tpu-systems", "google-tpu", 63011 },
};

static WflSankeyGraph *
scenario_graph (void)
{
  WflSankeyGraph *g = wfl_sankey_graph_new ();

  for (guint i = 0; i < G_N_ELEMENTS (scenario_nodes); i++)
    {
      guint v = wfl_sankey_graph_add_node (g, scenario_nodes[i].id, scenario_nodes[i].name,
                                           scenario_nodes[i].unit, NULL);

      wfl_sankey_graph_get_node (g, v)->bottleneck = scenario_nodes[i].bottleneck;
    }
  for (guint i = 0; i < G_N_ELEMENTS (scenario_links); i++)
    wfl_sankey_graph_add_link (g, wfl_sankey_graph_find_node (g, scenario_links[i].source),
                               wfl_sankey_graph_find_node (g, scenario_links[i].target),
                               scenario_links[i].value);
  return g;
}

/* The supply chain of the built-in scenario: nine columns of long names,
 * sixteen thin customers in the last. */
static void
test_sankey_layout_labels_scenario (void)
{
  g_autoptr(WflSankeyGraph) graph = scenario_graph ();
  struct { double w, h; } sizes[] = { { 1600, 1000 }, { 1280, 800 }, { 1200, 800 }, { 900, 600 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, sizes[i].w, sizes[i].h);
      guint n = wfl_sankey_graph_get_n_nodes (graph), last = wfl_sankey_layout_get_n_columns (layout) - 1;
      guint visible = assert_labels_sound (layout), cut = 0;

      g_assert_cmpuint (last, ==, 8);
      for (guint v = 0; v < n; v++)
        {
          const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);
          const char *name = wfl_sankey_graph_get_node (graph, v)->name;

          cut += g->label_visible && g->label_ellipsized;
          if (sizes[i].w < 1200)
            continue;
          /* Every label shows: the customers' stack too. */
          if (!g->label_visible)
            g_error ("%gx%g: the label of %s is hidden", sizes[i].w, sizes[i].h, name);
          /* The outer columns' margins fit their labels. */
          if ((g->column == 0 || g->column == last) && g->label_ellipsized)
            g_error ("%gx%g: the label of %s is cut", sizes[i].w, sizes[i].h, name);
          /* Interior names show whole at 1600 x 1000 (the nodes that
           * carry something: an empty one may yield its room). */
          if (sizes[i].w >= 1600 && g->value > 0 && g->label_ellipsized)
            g_error ("%gx%g: the label of %s is cut", sizes[i].w, sizes[i].h, name);
        }
      g_test_message ("%gx%g: %u of %u labels, %u cut", sizes[i].w, sizes[i].h, visible, n, cut);
      if (sizes[i].w >= 1200)
        g_assert_cmpuint (cut, <=, 2);
    }
}

/* A column of thin nodes with more labels than room beside them: the
 * labels stack with leader lines; with too little height the smallest
 * nodes' labels go first. */
static void
test_sankey_layout_labels_stack (void)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
  guint src = wfl_sankey_graph_add_node (graph, "src", "Source", "units", NULL);
  double heights[] = { 800, 400, 200 };
  char id[32], name[64];

  wfl_sankey_graph_add_link (graph, src, wfl_sankey_graph_add_node (graph, "big", "Big customer", "units", NULL), 4000);
  for (guint v = 0; v < 24; v++)
    {
      g_snprintf (id, sizeof id, "c%u", v);
      g_snprintf (name, sizeof name, "Customer number %u", v);
      wfl_sankey_graph_add_link (graph, src, wfl_sankey_graph_add_node (graph, id, name, "units", NULL), 10 + (v * 7) % 23);
    }

  for (guint i = 0; i < G_N_ELEMENTS (heights); i++)
    {
      g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, 900, heights[i]);
      guint n = wfl_sankey_graph_get_n_nodes (graph), visible = assert_labels_sound (layout), leaders = 0;
      double lh = 0, least_shown = G_MAXDOUBLE, most_hidden = 0;

      for (guint v = 0; v < n; v++)
        {
          const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);

          if (g->label_visible)
            {
              lh = MAX (lh, g->label_height / g->label_lines);
              leaders += g->label_leader;
              if (g->column == 1)
                least_shown = MIN (least_shown, g->value);
            }
          else if (g->column == 1)
            most_hidden = MAX (most_hidden, g->value);
        }
      g_test_message ("height %g: %u of %u labels, %u leaders", heights[i], visible, n, leaders);
      /* The customers are packed far tighter than a line each. */
      g_assert_cmpuint (leaders, >, 0);
      if (n * (lh + 2) <= heights[i])
        g_assert_cmpuint (visible, ==, n);
      else
        {
          /* Hidden only for want of room: a line or two is left at most. */
          g_assert_cmpuint (visible, <, n);
          g_assert_cmpfloat ((visible + 2) * (lh + 2), >, heights[i]);
          g_assert_cmpfloat (most_hidden, <=, least_shown);
        }
    }
}

/* Random layered graphs of every size: labels stay sound, and the same
 * graph always gets the same labels. */
static void
test_sankey_layout_labels_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new ();
      g_autoptr(WflSankeyLayout) layout = NULL, again = NULL;
      guint n = 5 + round * round * 4, layers = 2 + round % 6;
      double w = g_rand_double_range (rand, 300, 1800), h = g_rand_double_range (rand, 200, 1200);
      char id[32], name[64];
      static const char *words[] = { "wafers", "packaging", "and", "(TSMC)", "test", "Foxconn,", "HBM", "x" };

      for (guint v = 0; v < n; v++)
        {
          guint k = g_rand_int_range (rand, 1, 7);

          g_snprintf (id, sizeof id, "n%u", v);
          name[0] = '\0';
          for (guint j = 0; j < k; j++)
            {
              g_strlcat (name, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))], sizeof name);
              if (j + 1 < k)
                g_strlcat (name, " ", sizeof name);
            }
          wfl_sankey_graph_add_node (graph, id, name, g_rand_boolean (rand) ? "unit" : NULL, NULL);
        }
      for (guint l = 0; l < n * 2; l++)
        {
          guint a = g_rand_int_range (rand, 0, n), b = g_rand_int_range (rand, 0, n);

          if (a % layers < b % layers)
            wfl_sankey_graph_add_link (graph, a, b, g_rand_double_range (rand, 0.5, 100));
        }
      if ((round & 1) != 0)
        wfl_sankey_graph_get_node (graph, 0)->bottleneck = TRUE;
      layout = wfl_sankey_layout_new (graph, NULL, w, h);
      again = wfl_sankey_layout_new (graph, NULL, w, h);
      g_test_message ("%u nodes in %g x %g: %u labels", n, w, h, assert_labels_sound (layout));
      for (guint v = 0; v < n; v++)
        {
          const WflSankeyNodeGeometry *p = wfl_sankey_layout_get_node (layout, v);
          const WflSankeyNodeGeometry *q = wfl_sankey_layout_get_node (again, v);

          g_assert_cmpint (p->label_visible, ==, q->label_visible);
          g_assert_cmpint (p->label_side, ==, q->label_side);
          g_assert_cmpfloat (p->label_x, ==, q->label_x);
          g_assert_cmpfloat (p->label_y, ==, q->label_y);
          g_assert_cmpfloat (p->label_width, ==, q->label_width);
          g_assert_cmpstr (p->label_text, ==, q->label_text);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-layout/energy", test_sankey_layout_energy);
  g_test_add_func ("/wfl/render/sankey-layout/waypoints", test_sankey_layout_waypoints);
  g_test_add_func ("/wfl/render/sankey-layout/ordering", test_sankey_layout_ordering);
  g_test_add_func ("/wfl/render/sankey-layout/pins", test_sankey_layout_pins);
  g_test_add_func ("/wfl/render/sankey-layout/cycles", test_sankey_layout_cycles);
  g_test_add_func ("/wfl/render/sankey-layout/random-cycles", test_sankey_layout_random_cycles);
  g_test_add_func ("/wfl/render/sankey-layout/hit-test", test_sankey_layout_hit_test);
  g_test_add_func ("/wfl/render/sankey-layout/hit-test-energy", test_sankey_layout_hit_test_energy);
  g_test_add_func ("/wfl/render/sankey-layout/hub", test_sankey_layout_hub);
  g_test_add_func ("/wfl/render/sankey-layout/labels-scenario", test_sankey_layout_labels_scenario);
  g_test_add_func ("/wfl/render/sankey-layout/labels-stack", test_sankey_layout_labels_stack);
  g_test_add_func ("/wfl/render/sankey-layout/labels-random", test_sankey_layout_labels_random);
  g_test_add_func ("/wfl/render/sankey-layout/count-crossings", test_sankey_count_crossings);
  g_test_add_func ("/wfl/render/sankey-layout/format-quantity", test_sankey_format_quantity);
  g_test_add_func ("/wfl/render/sankey-layout/graph-from-simulation", test_sankey_graph_from_simulation);

  return g_test_run ();
}
