/* wfl-sankey-diff.c: one layout for two scenarios, and the difference Sankey
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wfl-quantity.h"
#include "wfl-sankey-diff.h"
#include "wfl-sankey-render.h"

/* Stable layouts -------------------------------------------------------- */

typedef struct
{
  guint  node;     /* in the graph pinned */
  guint  column;
  double y0;
  double pin;
} Pin;

static int
compare_pins (gconstpointer a,
              gconstpointer b)
{
  const Pin *pa = a, *pb = b;

  if (pa->column != pb->column)
    return pa->column < pb->column ? -1 : 1;
  return pa->y0 < pb->y0 ? -1 : (pa->y0 > pb->y0);
}

void
wfl_sankey_graph_pin_to_layout (WflSankeyGraph        *graph,
                                const WflSankeyLayout *layout)
{
  WflSankeyGraph *reference;
  double height;
  g_autoptr(GArray) pins = g_array_new (FALSE, FALSE, sizeof (Pin));

  g_return_if_fail (graph != NULL && layout != NULL);

  reference = wfl_sankey_layout_get_graph (layout);
  height = wfl_sankey_layout_get_height (layout);
  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    {
      WflSankeyNode *node = wfl_sankey_graph_get_node (graph, v);
      int r = wfl_sankey_graph_find_node (reference, node->id);
      const WflSankeyNodeGeometry *g;
      Pin pin;

      if (r < 0)
        continue;
      g = wfl_sankey_layout_get_node (layout, r);
      /* Where the layout's vertical pass puts a pin (wfl-sankey-position.c). */
      pin = (Pin) { v, g->column, g->y0, CLAMP (g->y0 / MAX (height - (g->y1 - g->y0), 1), 0, 1) };
      g_array_append_val (pins, pin);
    }
  /* Pins in the reference's order within each column, strictly rising,
   * so that the order pass keeps that order. */
  g_array_sort (pins, compare_pins);
  for (guint i = 0; i < pins->len; i++)
    {
      Pin *pin = &g_array_index (pins, Pin, i);
      WflSankeyNode *node = wfl_sankey_graph_get_node (graph, pin->node);

      if (i > 0 && g_array_index (pins, Pin, i - 1).column == pin->column)
        pin->pin = MAX (pin->pin, g_array_index (pins, Pin, i - 1).pin + 1e-6);
      node->column = (int) pin->column;
      node->position = pin->pin;
    }
}

char *
wfl_sankey_graph_structure_key (WflSankeyGraph *graph)
{
  GString *key = g_string_new (NULL);

  g_return_val_if_fail (graph != NULL, NULL);

  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (graph, v);

      g_string_append_printf (key, "%s\x1f%s\x1f%d\x1f%a\x1e", node->id, node->name, node->column, node->position);
    }
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);

      g_string_append_printf (key, "%u>%u%s;", link->source, link->target, link->value > 0 ? "" : "0");
    }
  return g_string_free (key, FALSE);
}

WflSankeyGraph *
wfl_sankey_reference_graph_new (WflScenario   *scenario,
                                WflSimulation *simulation)
{
  g_return_val_if_fail (scenario != NULL && simulation != NULL, NULL);
  return wfl_sankey_graph_new_for_window (scenario, simulation, NULL, 0,
                                          wfl_simulation_get_n_weeks (simulation) - 1);
}

WflSankeyLayout *
wfl_sankey_reference_layout_new (WflSankeyGraph *whole)
{
  WflSankeyLayoutOptions options;

  g_return_val_if_fail (whole != NULL, NULL);
  if (wfl_sankey_graph_get_n_nodes (whole) + wfl_sankey_graph_get_n_links (whole) > WFL_SANKEY_STABLE_MAX_ITEMS)
    return NULL;
  /* Pins take columns and vertical places only, which labels do not
   * move: none are placed. */
  wfl_sankey_layout_options_init (&options);
  options.labels = FALSE;
  return wfl_sankey_layout_new (whole, &options, WFL_SANKEY_REFERENCE_WIDTH, WFL_SANKEY_REFERENCE_HEIGHT);
}

void
wfl_sankey_graph_pin_stable (WflSankeyGraph        *graph,
                             const WflSankeyLayout *reference)
{
  guint n;
  g_autofree WflSankeyNode *own = NULL;

  g_return_if_fail (graph != NULL);
  if (reference == NULL)
    return;
  n = wfl_sankey_graph_get_n_nodes (graph);
  own = g_new (WflSankeyNode, n + 1);
  for (guint v = 0; v < n; v++)
    own[v] = *wfl_sankey_graph_get_node (graph, v);
  wfl_sankey_graph_pin_to_layout (graph, reference);
  /* The user's own pins exactly as they were. */
  for (guint v = 0; v < n; v++)
    if (own[v].column >= 0 || !isnan (own[v].position))
      {
        wfl_sankey_graph_get_node (graph, v)->column = own[v].column;
        wfl_sankey_graph_get_node (graph, v)->position = own[v].position;
      }
}

WflSankeyGraph *
wfl_sankey_graph_new_stable (WflScenario   *scenario,
                             WflSimulation *simulation,
                             GArray        *ranking,
                             int            first_week,
                             int            last_week)
{
  WflSankeyGraph *graph = wfl_sankey_graph_new_for_window (scenario, simulation, ranking, first_week, last_week);
  g_autoptr(WflSankeyGraph) whole = wfl_sankey_reference_graph_new (scenario, simulation);
  g_autoptr(WflSankeyLayout) reference = wfl_sankey_reference_layout_new (whole);

  wfl_sankey_graph_pin_stable (graph, reference);
  return graph;
}

/* The union ------------------------------------------------------------- */

typedef struct
{
  WflSankeyDiffPresence presence;
  double                quantity[2];   /* 0: baseline, 1: variant */
} NodeDiff;

typedef struct
{
  WflSankeyDiffPresence presence;
  double                value[2];
} LinkDiff;

struct _WflSankeyDiff
{
  gatomicrefcount ref_count;
  WflSankeyGraph *graph;
  GArray         *nodes;   /* of NodeDiff */
  GArray         *links;   /* of LinkDiff */
  char           *flagged; /* the worst knock-out's node id, or NULL */
};

/* A node's quantity in its unit: its own, else the larger of what its
 * bands bring and take in its unit. */
static double
node_quantity (WflSankeyGraph *graph,
               guint           v)
{
  const WflSankeyNode *node = wfl_sankey_graph_get_node (graph, v);
  double in = 0, out = 0;

  if (!isnan (node->quantity))
    return node->quantity;
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);

      if (link->source == v)
        out += isnan (link->source_quantity) ? link->value : link->source_quantity;
      if (link->target == v)
        in += isnan (link->target_quantity) ? link->value : link->target_quantity;
    }
  return MAX (in, out);
}

static char *
link_key (WflSankeyGraph *graph,
          guint           l)
{
  const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);

  return g_strdup_printf ("%s\x1f%s", wfl_sankey_graph_get_node (graph, link->source)->id,
                          wfl_sankey_graph_get_node (graph, link->target)->id);
}

/* "GPUs, +100 (+9%)": the unit and the change, after the variant's
 * quantity in the label (shown): the unit in its display form, plural
 * unless shown reads 1 ("gpu" → "GPUs"). */
static char *
change_text (const NodeDiff *d,
             const char     *unit,
             double          shown)
{
  g_autofree char *change = NULL;
  g_autofree char *u = wfl_quantity_format_unit_after (shown, unit);
  double delta;

  if (d->presence == WFL_SANKEY_DIFF_BASELINE_ONLY)
    /* Translators: after a node's quantity in the difference Sankey ("1,200 GPUs, baseline only") */
    return g_strdup_printf (_("%s, baseline only"), u);
  if (d->presence == WFL_SANKEY_DIFF_VARIANT_ONLY)
    /* Translators: after a node's quantity in the difference Sankey ("1,200 GPUs, new in variant") */
    return g_strdup_printf (_("%s, new in variant"), u);
  delta = d->quantity[1] - d->quantity[0];
  if (fabs (delta) <= 1e-9 * MAX (fabs (d->quantity[0]), fabs (d->quantity[1])))
    /* Translators: after a node's quantity in the difference Sankey ("1,200 GPUs, no change") */
    return g_strdup_printf (_("%s, no change"), u);
  change = wfl_sankey_format_quantity (delta, NULL);
  if (d->quantity[0] > 0)
    {
      double percent = 100 * delta / d->quantity[0];

      /* Translators: after a node's quantity in the difference Sankey:
       * its unit, the change and the change in percent ("GPUs, +100 (+9%)") */
      return g_strdup_printf (_("%s, %s%s (%s%.0f%%)"), u, delta > 0 ? "+" : "", change,
                              percent > 0 ? "+" : "", percent);
    }
  /* Translators: after a node's quantity in the difference Sankey: its
   * unit and the change ("GPUs, +100") */
  return g_strdup_printf (_("%s, %s%s"), u, delta > 0 ? "+" : "", change);
}

static void
add_nodes (WflSankeyDiff  *self,
           WflSankeyGraph *side,
           int             s)
{
  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (side); v++)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (side, v);
      int u = wfl_sankey_graph_find_node (self->graph, node->id);
      NodeDiff *d;

      if (u < 0)
        {
          NodeDiff fresh = { s == 1 ? WFL_SANKEY_DIFF_VARIANT_ONLY : WFL_SANKEY_DIFF_BASELINE_ONLY, { NAN, NAN } };
          WflSankeyNode *copy;

          u = (int) wfl_sankey_graph_add_node (self->graph, node->id, node->name, node->unit, node->group);
          copy = wfl_sankey_graph_get_node (self->graph, u);
          copy->column = node->column;
          copy->position = node->position;
          copy->color = node->color;
          copy->bottleneck = node->bottleneck && s == 1;
          g_array_append_val (self->nodes, fresh);
        }
      d = &g_array_index (self->nodes, NodeDiff, u);
      if (s == 0 && d->presence == WFL_SANKEY_DIFF_VARIANT_ONLY)
        d->presence = WFL_SANKEY_DIFF_BOTH;
      d->quantity[s] = node_quantity (side, v);
    }
}

static void
add_links (WflSankeyDiff  *self,
           WflSankeyGraph *side,
           int             s,
           GHashTable     *keys)
{
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (side); l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (side, l);
      g_autofree char *key = link_key (side, l);
      guint u = GPOINTER_TO_UINT (g_hash_table_lookup (keys, key));
      LinkDiff *d;

      if (u == 0)
        {
          LinkDiff fresh = { s == 1 ? WFL_SANKEY_DIFF_VARIANT_ONLY : WFL_SANKEY_DIFF_BASELINE_ONLY, { 0, 0 } };
          guint from = (guint) wfl_sankey_graph_find_node (self->graph, wfl_sankey_graph_get_node (side, link->source)->id);
          guint to = (guint) wfl_sankey_graph_find_node (self->graph, wfl_sankey_graph_get_node (side, link->target)->id);

          u = wfl_sankey_graph_add_link (self->graph, from, to, link->value) + 1;
          /* The ends say what the variant carries (the baseline's when it
           * alone has the link), in the units of its nodes: the union's
           * units hold the labels' changes. */
          wfl_sankey_graph_set_link_ends (self->graph, u - 1, link->source_quantity,
                                          link->source_unit != NULL ? link->source_unit
                                          : wfl_sankey_graph_get_node (side, link->source)->unit,
                                          link->target_quantity,
                                          link->target_unit != NULL ? link->target_unit
                                          : wfl_sankey_graph_get_node (side, link->target)->unit);
          g_hash_table_insert (keys, g_steal_pointer (&key), GUINT_TO_POINTER (u));
          g_array_append_val (self->links, fresh);
        }
      d = &g_array_index (self->links, LinkDiff, u - 1);
      if (s == 0 && d->presence == WFL_SANKEY_DIFF_VARIANT_ONLY)
        d->presence = WFL_SANKEY_DIFF_BOTH;
      d->value[s] = link->value;
      wfl_sankey_graph_get_link (self->graph, u - 1)->value = MAX (d->value[0], d->value[1]);
    }
}

WflSankeyDiff *
wfl_sankey_diff_new (WflSankeyGraph *baseline,
                     WflSankeyGraph *variant)
{
  WflSankeyDiff *self;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (baseline != NULL && variant != NULL, NULL);

  self = g_new0 (WflSankeyDiff, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->graph = wfl_sankey_graph_new ();
  self->nodes = g_array_new (FALSE, FALSE, sizeof (NodeDiff));
  self->links = g_array_new (FALSE, FALSE, sizeof (LinkDiff));
  add_nodes (self, variant, 1);
  add_nodes (self, baseline, 0);
  add_links (self, variant, 1, keys);
  add_links (self, baseline, 0, keys);

  /* The label: the variant's quantity (the baseline's where it alone has
   * the node) and the change, in the node's unit. */
  for (guint v = 0; v < self->nodes->len; v++)
    {
      NodeDiff *d = &g_array_index (self->nodes, NodeDiff, v);
      WflSankeyNode *node = wfl_sankey_graph_get_node (self->graph, v);
      char *unit;

      node->quantity = d->presence == WFL_SANKEY_DIFF_BASELINE_ONLY ? d->quantity[0] : d->quantity[1];
      unit = change_text (d, node->unit, node->quantity);
      /* Colour marks the differences only: every node in the palette's grey. */
      node->color = WFL_CHART_N_CATEGORICAL - 1;
      g_free (node->unit);
      node->unit = unit;
    }
  return self;
}

WflSankeyDiff *
wfl_sankey_diff_ref (WflSankeyDiff *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wfl_sankey_diff_free (WflSankeyDiff *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  wfl_sankey_graph_unref (self->graph);
  g_array_unref (self->nodes);
  g_array_unref (self->links);
  g_free (self->flagged);
  g_free (self);
}

void
wfl_sankey_diff_set_flagged (WflSankeyDiff *self,
                             const char    *node_id)
{
  g_return_if_fail (self != NULL);
  g_free (self->flagged);
  self->flagged = g_strdup (node_id);
}

WflSankeyGraph *
wfl_sankey_diff_get_graph (WflSankeyDiff *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->graph;
}

WflSankeyDiffPresence
wfl_sankey_diff_get_node_presence (WflSankeyDiff *self,
                                   guint          node)
{
  g_return_val_if_fail (self != NULL && node < self->nodes->len, WFL_SANKEY_DIFF_BOTH);
  return g_array_index (self->nodes, NodeDiff, node).presence;
}

WflSankeyDiffPresence
wfl_sankey_diff_get_link_presence (WflSankeyDiff *self,
                                   guint          link)
{
  g_return_val_if_fail (self != NULL && link < self->links->len, WFL_SANKEY_DIFF_BOTH);
  return g_array_index (self->links, LinkDiff, link).presence;
}

double
wfl_sankey_diff_get_link_value (WflSankeyDiff *self,
                                guint          link,
                                gboolean       variant)
{
  g_return_val_if_fail (self != NULL && link < self->links->len, NAN);
  return g_array_index (self->links, LinkDiff, link).value[variant ? 1 : 0];
}

double
wfl_sankey_diff_get_node_quantity (WflSankeyDiff *self,
                                   guint          node,
                                   gboolean       variant)
{
  g_return_val_if_fail (self != NULL && node < self->nodes->len, NAN);
  return g_array_index (self->nodes, NodeDiff, node).quantity[variant ? 1 : 0];
}

/* Painting -------------------------------------------------------------- */

void
wfl_sankey_diff_colors (const WflChartStyle *style,
                        WflRgba             *more,
                        WflRgba             *less)
{
  /* Okabe and Ito's blue and orange; lighter on a dark background. */
  if (style->dark)
    {
      *more = (WflRgba) { 86 / 255.0, 180 / 255.0, 233 / 255.0, 1 };
      *less = (WflRgba) { 230 / 255.0, 159 / 255.0, 0, 1 };
    }
  else
    {
      *more = (WflRgba) { 0, 114 / 255.0, 178 / 255.0, 1 };
      *less = (WflRgba) { 213 / 255.0, 94 / 255.0, 0, 1 };
    }
}

/* A band along the centre line p, shifted by offset, half as high as half. */
static void
band_path (cairo_t              *cr,
           const WflSankeyPoint *p,
           guint                 n,
           double                offset,
           double                half)
{
  cairo_new_path (cr);
  cairo_move_to (cr, p[0].x, p[0].y + offset - half);
  for (guint k = 0; k + 1 < n; k++)
    {
      double xm = (p[k].x + p[k + 1].x) / 2;

      if (k % 2 == 0)
        cairo_curve_to (cr, xm, p[k].y + offset - half, xm, p[k + 1].y + offset - half,
                        p[k + 1].x, p[k + 1].y + offset - half);
      else
        cairo_line_to (cr, p[k + 1].x, p[k + 1].y + offset - half);
    }
  cairo_line_to (cr, p[n - 1].x, p[n - 1].y + offset + half);
  for (guint k = n - 1; k > 0; k--)
    {
      double xm = (p[k].x + p[k - 1].x) / 2;

      if ((k - 1) % 2 == 0)
        cairo_curve_to (cr, xm, p[k].y + offset + half, xm, p[k - 1].y + offset + half,
                        p[k - 1].x, p[k - 1].y + offset + half);
      else
        cairo_line_to (cr, p[k - 1].x, p[k - 1].y + offset + half);
    }
  cairo_close_path (cr);
}

static void
set_rgba (cairo_t       *cr,
          const WflRgba *c,
          double         alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

/* Every band in its slot of the union's width: what both carry in grey
 * from the slot's top, then what the variant carries more in blue, or
 * what the baseline carried more as an orange ghost. */
static void
paint_bands_cb (const WflSankeyLayout *layout,
                cairo_t               *cr,
                const WflChartStyle   *style,
                gpointer               data)
{
  WflSankeyDiff *diff = data;
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  const guint *order = wfl_sankey_layout_get_paint_order (layout);
  WflRgba more, less;
  double shared_alpha = style->dark ? 0.45 : 0.35;

  wfl_sankey_diff_colors (style, &more, &less);
  for (guint k = 0; k < wfl_sankey_graph_get_n_links (graph); k++)
    {
      guint l = order[k];
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, l);
      const LinkDiff *d = &g_array_index (diff->links, LinkDiff, l);
      double top_value = MAX (d->value[0], d->value[1]);
      double px = top_value > 0 ? g->width / top_value : 0;
      double shared = MIN (d->value[0], d->value[1]) * px;
      double extra = fabs (d->value[1] - d->value[0]) * px;
      double top = -g->width / 2;
      guint np;
      const WflSankeyPoint *p = wfl_sankey_layout_get_points (layout, l, &np);

      if (np < 2 || top_value <= 0)
        continue;
      if (shared > 0)
        {
          band_path (cr, p, np, top + shared / 2, MAX (shared, 0.8) / 2);
          set_rgba (cr, &style->dim_foreground, shared_alpha);
          cairo_fill (cr);
        }
      if (extra <= 0)
        continue;
      band_path (cr, p, np, top + shared + extra / 2, MAX (extra, 0.8) / 2);
      if (d->value[1] > d->value[0])
        {
          set_rgba (cr, &more, 0.8);
          cairo_fill (cr);
          continue;
        }
      /* The ghost: a pale fill and a dashed edge. */
      set_rgba (cr, &less, 0.18);
      cairo_fill_preserve (cr);
      set_rgba (cr, &less, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, (const double[]) { 4, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* Nodes of one scenario only: the baseline's cleared and dashed in
 * orange, the variant's outlined in blue. */
static void
paint_absent_nodes (const WflSankeyLayout *layout,
                    WflSankeyDiff         *diff,
                    cairo_t               *cr,
                    const WflChartStyle   *style)
{
  WflRgba more, less;

  wfl_sankey_diff_colors (style, &more, &less);
  for (guint v = 0; v < diff->nodes->len; v++)
    {
      const NodeDiff *d = &g_array_index (diff->nodes, NodeDiff, v);
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);
      double h = MAX (g->y1 - g->y0, 1);

      if (d->presence == WFL_SANKEY_DIFF_BOTH)
        continue;
      cairo_new_path (cr);
      cairo_rectangle (cr, g->x0 - 1.5, g->y0 - 1.5, g->x1 - g->x0 + 3, h + 3);
      if (d->presence == WFL_SANKEY_DIFF_BASELINE_ONLY)
        {
          cairo_rectangle (cr, g->x0, g->y0, g->x1 - g->x0, h);
          set_rgba (cr, &style->background, 1);
          cairo_fill (cr);
          cairo_rectangle (cr, g->x0 + 0.5, g->y0 + 0.5, g->x1 - g->x0 - 1, h - 1);
          cairo_set_dash (cr, (const double[]) { 4, 3 }, 2, 0);
          set_rgba (cr, &less, 1);
        }
      else
        set_rgba (cr, &more, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* A swatch and its text; returns the x after them. */
static double
key_item (cairo_t             *cr,
          PangoLayout         *pl,
          const WflChartStyle *style,
          double               x,
          double               y,
          const WflRgba       *color,
          double               alpha,
          gboolean             dashed,
          const char          *text)
{
  int w, h;

  cairo_rectangle (cr, x + 0.5, y - 5.5, 18, 11);
  set_rgba (cr, color, alpha);
  cairo_fill_preserve (cr);
  if (dashed)
    cairo_set_dash (cr, (const double[]) { 4, 3 }, 2, 0);
  set_rgba (cr, color, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  pango_layout_set_text (pl, text, -1);
  pango_layout_get_pixel_size (pl, &w, &h);
  set_rgba (cr, &style->foreground, 1);
  cairo_move_to (cr, x + 24, y - h / 2.0);
  pango_cairo_show_layout (cr, pl);
  return x + 24 + w + 18;
}

void
wfl_sankey_diff_render_key (cairo_t             *cr,
                            const WflChartStyle *style,
                            double               font_size)
{
  PangoLayout *pl = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (style->font_family ? style->font_family
                                                                                      : "sans-serif");
  WflRgba more, less;
  double x = 12, y = WFL_SANKEY_DIFF_KEY_HEIGHT / 2;

  wfl_sankey_diff_colors (style, &more, &less);
  pango_font_description_set_size (desc, (int) (font_size * PANGO_SCALE));
  pango_layout_set_font_description (pl, desc);
  x = key_item (cr, pl, style, x, y, &style->dim_foreground, style->dark ? 0.45 : 0.35, FALSE,
                _("In both scenarios"));
  x = key_item (cr, pl, style, x, y, &more, 0.8, FALSE, _("More in the variant"));
  x = key_item (cr, pl, style, x, y, &less, 0.18, TRUE, _("Less in the variant (the baseline’s extra)"));
  (void) x;
  pango_font_description_free (desc);
  g_object_unref (pl);
}

/* The flagged node's index in the union, or -1. */
static int
self_flagged_index (WflSankeyDiff *diff)
{
  return diff->flagged != NULL ? wfl_sankey_graph_find_node (diff->graph, diff->flagged) : -1;
}

void
wfl_sankey_diff_render (const WflSankeyLayout *layout,
                        WflSankeyDiff         *diff,
                        cairo_t               *cr,
                        const WflChartStyle   *style)
{
  WflSankeyRenderState state;

  g_return_if_fail (layout != NULL && diff != NULL && cr != NULL && style != NULL);
  g_return_if_fail (wfl_sankey_layout_get_graph (layout) == diff->graph);

  cairo_save (cr);
  set_rgba (cr, &style->background, 1);
  cairo_paint (cr);
  wfl_sankey_diff_render_key (cr, style, wfl_sankey_layout_get_font_size (layout));
  cairo_translate (cr, 0, WFL_SANKEY_DIFF_KEY_HEIGHT);
  wfl_sankey_render_state_init (&state);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, wfl_sankey_layout_get_width (layout), wfl_sankey_layout_get_height (layout));
  cairo_clip (cr);
  wfl_sankey_diff_render_chart (layout, diff, cr, style, &state);
  cairo_restore (cr);
  /* The worst knock-out over everything, unclipped, as the view marks it
   * over its picture. */
  if (self_flagged_index (diff) >= 0)
    wfl_sankey_render_emphasis (layout, cr, style, (WflSankeyHit) { WFL_SANKEY_HIT_NODE, (guint) self_flagged_index (diff) },
                                WFL_SANKEY_EMPHASIS_KNOCKOUT);
  cairo_restore (cr);
}

void
wfl_sankey_diff_render_chart (const WflSankeyLayout      *layout,
                              WflSankeyDiff              *diff,
                              cairo_t                    *cr,
                              const WflChartStyle        *style,
                              const WflSankeyRenderState *state)
{
  WflSankeyRenderState own = *state;

  g_return_if_fail (layout != NULL && diff != NULL && cr != NULL && style != NULL);
  g_return_if_fail (wfl_sankey_layout_get_graph (layout) == diff->graph);

  own.paint_bands = paint_bands_cb;
  own.paint_bands_data = diff;
  own.flagged.kind = WFL_SANKEY_HIT_NONE;
  wfl_sankey_render (layout, cr, style, &own);
  paint_absent_nodes (layout, diff, cr, style);
  /* The worst knock-out over everything, as the view marks it. */
  if (state->flagged.kind == WFL_SANKEY_HIT_NODE &&
      state->flagged.index < wfl_sankey_graph_get_n_nodes (diff->graph))
    wfl_sankey_render_emphasis (layout, cr, style, state->flagged, WFL_SANKEY_EMPHASIS_KNOCKOUT);
}

typedef struct
{
  const WflSankeyLayout *layout;
  WflSankeyDiff         *diff;
  const WflChartStyle   *style;
} PaintData;

static void
paint_cb (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  user_data)
{
  PaintData *data = user_data;

  wfl_sankey_diff_render (data->layout, data->diff, cr, data->style);
}

gboolean
wfl_sankey_diff_export (WflSankeyDiff                *diff,
                        const WflSankeyLayoutOptions *options,
                        const WflChartStyle          *style,
                        WflExportFormat               format,
                        GFile                        *file,
                        double                        width,
                        double                        height,
                        double                        scale,
                        GError                      **error)
{
  g_autoptr(WflSankeyLayout) layout = NULL;
  PaintData data;

  g_return_val_if_fail (diff != NULL && style != NULL && G_IS_FILE (file), FALSE);

  if (format == WFL_EXPORT_FORMAT_JSON)
    {
      g_set_error_literal (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_FORMAT,
                           _("A comparison exports as PNG, SVG or PDF"));
      return FALSE;
    }
  if (height <= WFL_SANKEY_DIFF_KEY_HEIGHT + 1)
    {
      g_set_error_literal (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_SIZE,
                           _("The chart is too low for the key of a comparison"));
      return FALSE;
    }
  layout = wfl_sankey_layout_new (diff->graph, options, width, height - WFL_SANKEY_DIFF_KEY_HEIGHT);
  data = (PaintData) { layout, diff, style };
  return wfl_export_paint (format, file, width, height, scale, paint_cb, &data, error);
}
