/* wfl-sankey-view.c: the interactive Sankey of a document's flows
 *
 * The type: its properties and signal, the graph it builds from the
 * document, the geometry of the zoomed and panned chart, the snapshot and
 * the public API.  The rest of the view is in
 *
 *   wfl-sankey-view-jobs.c      the layout and the painting of the base,
 *                               in the main loop or in a thread
 *   wfl-sankey-view-input.c     the pointer: zoom and pan, hover, tooltips,
 *                               clicks, dragging nodes to pin them
 *   wfl-sankey-view-keyboard.c  the keyboard: arrows, Tab and the focus
 *   wfl-sankey-view-actions.c   the sankey.* actions and the context menu
 *   wfl-sankey-view-a11y.c      what a screen reader hears
 *
 * which share the instance struct through wfl-sankey-view-private.h.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-sankey-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wfl-chart-style.h"
#include "wfl-sankey-diff.h"
#include "wfl-sankey-graph.h"
#include "wfl-sankey-layout.h"
#include "wfl-sankey-render.h"
#include "wfl-sankey-view-private.h"
#include "wfl-widget-style.h"

/*
 * How a frame is made.
 *
 * The flow graph is built when the results or the week window change, the
 * layout when the graph, the size or (after a pause) the zoom changes:
 * never in snapshot.  The layout is made in the size of the zoomed chart
 * (width × zoom by height × zoom), so that zooming in gives labels room,
 * and the view shows a window of it, offset by the pan.
 *
 * Painting a whole chart costs 10–30 ms for a small scenario at
 * 1600 × 1000 and seconds for a 2,000-node one (bench/bench-sankey-view),
 * so the chart is painted once into a texture (the "base": layout plus
 * selection) and every frame draws that texture plus an overlay of what
 * changes often: the hovered item, the keyboard focus ring and a node
 * being dragged.  Hovering repaints only the overlay.  The base is
 * painted in snapshot when the last painting was cheap, else in a thread;
 * until a new base (or layout) arrives, the old one is drawn stretched
 * and shifted to where its part of the chart now lies, so zooming,
 * panning and resizing follow the pointer at once.
 *
 * Positions: a point of the chart has normalised coordinates (u, v) in
 * 0..1; on screen it lies at (u W z − pan_x, v H z − pan_y) for a view
 * of W × H at zoom z; in a layout of Lw × Lh at (u Lw, v Lh).
 */

/* Relayout this long after the last zoom step. */
#define ZOOM_RELAYOUT_MS      150

G_DEFINE_FINAL_TYPE (WflSankeyView, wfl_sankey_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  N_PROPS
};

enum {
  ACTIVATED,
  STEP_WINDOW,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Style ---------------------------------------------------------------- */

void
_wfl_sankey_view_ensure_style (WflSankeyView *self)
{
  if (self->style_valid)
    return;

  wfl_chart_style_clear (&self->style);
  wfl_chart_style_init_for_widget (&self->style, GTK_WIDGET (self));

  self->style_valid = TRUE;
  self->style_serial++;
}

static void
style_changed_cb (WflSankeyView *self)
{
  self->style_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Geometry ------------------------------------------------------------- */

double
_wfl_sankey_view_layout_scale_x (WflSankeyView *self)
{
  return self->width * self->zoom / wfl_sankey_layout_get_width (self->layout);
}

double
_wfl_sankey_view_layout_scale_y (WflSankeyView *self)
{
  return self->height * self->zoom / wfl_sankey_layout_get_height (self->layout);
}

static void
widget_to_layout (WflSankeyView *self,
                  double         x,
                  double         y,
                  double        *lx,
                  double        *ly)
{
  *lx = (x + self->pan_x) / _wfl_sankey_view_layout_scale_x (self);
  *ly = (y + self->pan_y) / _wfl_sankey_view_layout_scale_y (self);
}

void
_wfl_sankey_view_layout_to_widget (WflSankeyView *self,
                                   double         lx,
                                   double         ly,
                                   double        *wx,
                                   double        *wy)
{
  g_return_if_fail (WFL_IS_SANKEY_VIEW (self));
  g_return_if_fail (self->layout != NULL);

  *wx = MARGIN + lx * _wfl_sankey_view_layout_scale_x (self) - self->pan_x;
  *wy = MARGIN + ly * _wfl_sankey_view_layout_scale_y (self) - self->pan_y;
}

WflSankeyHit
_wfl_sankey_view_hit_test (WflSankeyView *self,
                           double         x,
                           double         y)
{
  double lx, ly;

  if (!layout_current (self) || self->width <= 0 || self->height <= 0)
    return no_hit;
  widget_to_layout (self, x - MARGIN, y - MARGIN, &lx, &ly);
  return wfl_sankey_layout_hit_test (self->layout, lx, ly);
}

void
_wfl_sankey_view_clamp_pan (WflSankeyView *self)
{
  self->pan_x = CLAMP (self->pan_x, 0, MAX (0, self->width * self->zoom - self->width));
  self->pan_y = CLAMP (self->pan_y, 0, MAX (0, self->height * self->zoom - self->height));
  /* The items follow what they stand for. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* The item's box in widget coordinates. */
graphene_rect_t
_wfl_sankey_view_item_rect (WflSankeyView *self,
                            WflSankeyHit   item)
{
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0, sx, sy;

  if (self->layout == NULL)
    return GRAPHENE_RECT_INIT (0, 0, 0, 0);
  sx = _wfl_sankey_view_layout_scale_x (self);
  sy = _wfl_sankey_view_layout_scale_y (self);
  if (item.kind == WFL_SANKEY_HIT_NODE)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (self->layout, item.index);

      x0 = g->x0;
      y0 = g->y0;
      x1 = g->x1;
      y1 = MAX (g->y1, g->y0 + 1);
    }
  else if (item.kind == WFL_SANKEY_HIT_LINK)
    {
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (self->layout, item.index);

      x0 = MIN (g->x0, g->x1);
      x1 = MAX (g->x0, g->x1);
      y0 = MIN (g->y0, g->y1) - g->width / 2;
      y1 = MAX (g->y0, g->y1) + g->width / 2;
    }
  return GRAPHENE_RECT_INIT (MARGIN + x0 * sx - self->pan_x, MARGIN + y0 * sy - self->pan_y,
                             (x1 - x0) * sx, (y1 - y0) * sy);
}

/* Pans so that the item is in view (when zoomed in). */
static void
scroll_to_item (WflSankeyView *self,
                WflSankeyHit   item)
{
  graphene_rect_t r;
  const double margin = 24;

  if (item.kind == WFL_SANKEY_HIT_NONE || self->zoom <= 1 || !layout_current (self))
    return;
  r = _wfl_sankey_view_item_rect (self, item);
  graphene_rect_offset (&r, -MARGIN, -MARGIN);
  if (r.origin.x < margin)
    self->pan_x += r.origin.x - margin;
  else if (r.origin.x + r.size.width > self->width - margin)
    self->pan_x += MIN (r.origin.x + r.size.width - self->width + margin, r.origin.x - margin);
  if (r.origin.y < margin)
    self->pan_y += r.origin.y - margin;
  else if (r.origin.y + r.size.height > self->height - margin)
    self->pan_y += MIN (r.origin.y + r.size.height - self->height + margin, r.origin.y - margin);
  _wfl_sankey_view_clamp_pan (self);
}

/* Graph ↔ document ----------------------------------------------------- */

static WflSankeyHit
hit_for_selection (WflSankeyView *self)
{
  WflSankeyHit hit = no_hit;
  int index;

  if (self->document == NULL || self->graph == NULL)
    return hit;

  switch (wfl_document_get_selection_kind (self->document))
    {
    case WFL_SELECTION_NODE:
    case WFL_SELECTION_ORDER:
      index = wfl_sankey_graph_find_node (self->graph, wfl_document_get_selected_node (self->document));
      if (index >= 0)
        {
          hit.kind = WFL_SANKEY_HIT_NODE;
          hit.index = index;
        }
      break;

    case WFL_SELECTION_LINK:
      index = wfl_document_get_selected_link (self->document);
      for (guint l = 0; index >= 0 && l < wfl_sankey_graph_get_n_links (self->graph); l++)
        if (self->link_map[l] == (guint) index)
          {
            hit.kind = WFL_SANKEY_HIT_LINK;
            hit.index = l;
            break;
          }
      break;

    case WFL_SELECTION_NONE:
    default:
      break;
    }
  return hit;
}

void
_wfl_sankey_view_select_item (WflSankeyView *self,
                              WflSankeyHit   item)
{
  if (self->document == NULL || self->graph == NULL)
    return;

  /* What only the baseline has is not in the document to select. */
  if (item.kind == WFL_SANKEY_HIT_NODE &&
      (self->diff == NULL ||
       wfl_sankey_diff_get_node_presence (self->diff, item.index) != WFL_SANKEY_DIFF_BASELINE_ONLY))
    wfl_document_select_node (self->document, wfl_sankey_graph_get_node (self->graph, item.index)->id);
  else if (item.kind == WFL_SANKEY_HIT_LINK && self->link_map[item.index] != G_MAXUINT)
    wfl_document_select_link (self->document, self->link_map[item.index]);
  else
    wfl_document_select_none (self->document);
}

static void
selection_changed_cb (WflSankeyView *self)
{
  WflSankeyHit hit = hit_for_selection (self);
  WflSankeyHit old = self->selected;

  if (hit_equal (hit, self->selected))
    return;
  self->selected = hit;
  _wfl_sankey_view_update_item_selection (self, old);
  if (hit.kind != WFL_SANKEY_HIT_NONE)
    {
      self->focus = hit;
      _wfl_sankey_view_update_accessible (self);
      if (_wfl_sankey_view_has_focus (self))
        _wfl_sankey_view_focus_item_widget (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_wfl_sankey_view_set_focus_item (WflSankeyView *self,
                                 WflSankeyHit   item)
{
  if (hit_equal (item, self->focus))
    return;
  self->focus = item;
  scroll_to_item (self, item);
  _wfl_sankey_view_update_accessible (self);
  /* The item's widget takes the keyboard focus: a screen reader says it. */
  if (_wfl_sankey_view_has_focus (self))
    _wfl_sankey_view_focus_item_widget (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_wfl_sankey_view_activate_item (WflSankeyView *self,
                                WflSankeyHit   item)
{
  if (item.kind == WFL_SANKEY_HIT_NONE)
    return;
  _wfl_sankey_view_select_item (self, item);
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
clear_chart (WflSankeyView *self)
{
  g_clear_pointer (&self->graph, wfl_sankey_graph_unref);
  g_clear_pointer (&self->link_map, g_free);
  g_clear_object (&self->simulation);
  g_clear_pointer (&self->ranking, g_array_unref);
  g_clear_pointer (&self->diff, wfl_sankey_diff_free);
}

/* Stable layouts: a node keeps its column and its place among the others
 * of its column whatever the week window (the play button then animates
 * the flows, not the nodes).  Each window's graph is pinned to the whole
 * calendar's laid out at a fixed size (wfl_sankey_graph_pin_stable(); the
 * user's pins hold, the reference honoured them), as the exports and the
 * command line pin theirs: at one size the screen and an export are the
 * same chart.  The reference is laid out again only when the graph's
 * structure changes (nodes, names, pins, which links carry something):
 * an edit of a value keeps the nodes in place too, and costs no second
 * layout.  Graphs of over 1,500 nodes and links are left free. */
WflSankeyLayout *
wfl_sankey_view_ensure_reference (WflSankeyView *self,
                                  WflScenario   *scenario,
                                  WflSimulation *simulation)
{
  g_autoptr(WflSankeyGraph) whole = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), NULL);
  whole = wfl_sankey_reference_graph_new (scenario, simulation);
  key = wfl_sankey_graph_structure_key (whole);
  if (self->reference_key == NULL || strcmp (key, self->reference_key) != 0)
    {
      g_clear_pointer (&self->reference, wfl_sankey_layout_unref);
      g_free (self->reference_key);
      self->reference_key = g_steal_pointer (&key);
      self->reference = wfl_sankey_reference_layout_new (whole);
    }
  return self->reference;
}

/* Comparing: the graph becomes the union of the baseline's flows over the
 * same dates and the document's, and the links are mapped back to the
 * scenario's by their ends (the baseline's own to none, G_MAXUINT). */
static void
make_diff (WflSankeyView *self,
           WflScenario   *scenario)
{
  g_autoptr(WflSankeyGraph) base = NULL;
  g_autoptr(GHashTable) links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int first, last;
  guint n;

  if (!wfl_compare_baseline_window (self->baseline, self->simulation, self->first_week, self->last_week,
                                    &first, &last))
    first = 0, last = -1;
  base = wfl_sankey_graph_new_for_window (self->baseline_scenario, self->baseline, NULL, first, last);
  self->diff = wfl_sankey_diff_new (base, self->graph);
  wfl_sankey_graph_unref (self->graph);
  self->graph = wfl_sankey_graph_ref (wfl_sankey_diff_get_graph (self->diff));

  for (guint l = 0; l < wfl_scenario_get_n_links (scenario); l++)
    {
      const WflLink *link = wfl_scenario_get_link (scenario, l);

      g_hash_table_insert (links, g_strdup_printf ("%s\x1f%s", link->from, link->to), GUINT_TO_POINTER (l + 1));
    }
  n = wfl_sankey_graph_get_n_links (self->graph);
  self->link_map = g_renew (guint, self->link_map, n + 1);
  for (guint l = 0; l < n; l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (self->graph, l);
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", wfl_sankey_graph_get_node (self->graph, link->source)->id,
                                              wfl_sankey_graph_get_node (self->graph, link->target)->id);

      self->link_map[l] = GPOINTER_TO_UINT (g_hash_table_lookup (links, key)) - 1;
    }
}

static void rebuild_graph (WflSankeyView *self);

/* A view on a page that is not shown rebuilds when it is next mapped, so
 * that an edit redraws only the chart the user looks at.  A view outside
 * any window (tests, tools) rebuilds at once. */
static void
rebuild_graph_when_shown (WflSankeyView *self)
{
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  rebuild_graph (self);
}

static void
wfl_sankey_view_map (GtkWidget *widget)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  GTK_WIDGET_CLASS (wfl_sankey_view_parent_class)->map (widget);
  if (self->stale)
    {
      self->stale = FALSE;
      rebuild_graph (self);
    }
}

static void
rebuild_graph (WflSankeyView *self)
{
  WflScenario *scenario;
  WflSimulation *results;
  GArray *ranking;
  int first, last;
  guint n_links, k = 0;
  g_autofree char *focus_id = NULL;
  int focus_link = -1;

  if (self->document == NULL)
    {
      clear_chart (self);
      g_clear_pointer (&self->layout, wfl_sankey_layout_unref);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  scenario = wfl_document_get_scenario (self->document);
  results = wfl_document_get_results (self->document);
  wfl_document_get_sankey_window (self->document, &first, &last);

  if (results == NULL)
    {
      g_autoptr(GPtrArray) problems = wfl_scenario_validate (scenario);

      g_clear_pointer (&self->message, g_free);
      if (problems->len == 0 && wfl_document_get_results_error (self->document) != NULL)
        {
          /* No results will come: the last flows are of another scenario. */
          clear_chart (self);
          g_clear_pointer (&self->layout, wfl_sankey_layout_unref);
          self->message = g_strdup (wfl_document_get_results_error (self->document)->message);
        }
      else if (problems->len > 0)
        {
          /* Nothing to draw until the problems are fixed. */
          clear_chart (self);
          g_clear_pointer (&self->layout, wfl_sankey_layout_unref);
          self->message = g_strdup (_("The flows are drawn when the scenario’s problems are fixed"));
        }
      else if (self->graph == NULL)
        self->message = g_strdup (_("Simulating…"));
      /* else keep showing the last flows until the new ones arrive */
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  ranking = wfl_document_get_bottlenecks (self->document);
  if (results == self->simulation && first == self->first_week && last == self->last_week &&
      ranking == self->ranking)
    return;

  /* Remember what has the keyboard focus, to find it in the new graph. */
  if (self->focus.kind == WFL_SANKEY_HIT_NODE && self->graph != NULL)
    focus_id = g_strdup (wfl_sankey_graph_get_node (self->graph, self->focus.index)->id);
  else if (self->focus.kind == WFL_SANKEY_HIT_LINK && self->link_map != NULL)
    focus_link = self->link_map[self->focus.index];

  clear_chart (self);
  g_clear_pointer (&self->message, g_free);
  self->simulation = g_object_ref (results);
  self->first_week = first;
  self->last_week = last;
  /* The limiting marks come with the ranking, a moment after the flows. */
  self->ranking = ranking != NULL ? g_array_ref (ranking) : NULL;
  self->graph = wfl_sankey_graph_new_for_window (scenario, results, ranking, first, last);
  self->last_paint_ms = -1;

  /* Links whose ends are missing are left out of the graph (never in a
   * valid scenario): map graph links back to scenario links. */
  n_links = wfl_sankey_graph_get_n_links (self->graph);
  self->link_map = g_new0 (guint, n_links + 1);
  for (guint l = 0; l < wfl_scenario_get_n_links (scenario) && k < n_links; l++)
    {
      const WflLink *link = wfl_scenario_get_link (scenario, l);

      if (wfl_sankey_graph_find_node (self->graph, link->from) >= 0 &&
          wfl_sankey_graph_find_node (self->graph, link->to) >= 0)
        self->link_map[k++] = l;
    }

  wfl_sankey_graph_pin_stable (self->graph, wfl_sankey_view_ensure_reference (self, scenario, results));
  if (self->baseline != NULL)
    make_diff (self, scenario);
  if (wfl_sankey_graph_get_n_links (self->graph) == 0)
    self->message = g_strdup (_("Nothing flows in this window"));

  /* Keep the focus on the same thing where it still exists. */
  self->hover = no_hit;
  self->selected = hit_for_selection (self);
  self->focus = no_hit;
  if (focus_id != NULL && wfl_sankey_graph_find_node (self->graph, focus_id) >= 0)
    self->focus = node_hit (wfl_sankey_graph_find_node (self->graph, focus_id));
  for (guint l = 0; focus_link >= 0 && l < n_links; l++)
    if (self->link_map[l] == (guint) focus_link)
      self->focus = link_hit (l);

  _wfl_sankey_view_request_layout (self);
  _wfl_sankey_view_update_actions (self);
  _wfl_sankey_view_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Snapshot ------------------------------------------------------------- */

static void
snapshot_message (WflSankeyView *self,
                  GtkSnapshot   *snapshot,
                  const char    *message)
{
  PangoLayout *pl = gtk_widget_create_pango_layout (GTK_WIDGET (self), message);
  GdkRGBA color = { self->style.dim_foreground.r, self->style.dim_foreground.g,
                    self->style.dim_foreground.b, 1 };
  int w, h;

  pango_layout_set_width (pl, MAX (1, self->width - 48) * PANGO_SCALE);
  pango_layout_set_alignment (pl, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (pl, PANGO_WRAP_WORD);
  pango_layout_get_pixel_size (pl, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (24, (self->height - h) / 2.0f));
  gtk_snapshot_append_layout (snapshot, pl, &color);
  gtk_snapshot_restore (snapshot);
  g_object_unref (pl);
}

/* Paints overlay items with the layout's transform, clipped to their box. */
static void
snapshot_emphasis (WflSankeyView     *self,
                   GtkSnapshot       *snapshot,
                   WflSankeyHit       item,
                   WflSankeyEmphasis  emphasis,
                   double             dx,
                   double             dy)
{
  double x0, y0, x1, y1, sx = _wfl_sankey_view_layout_scale_x (self), sy = _wfl_sankey_view_layout_scale_y (self);
  graphene_rect_t box, view = GRAPHENE_RECT_INIT (-MARGIN, -MARGIN, self->width + 2 * MARGIN, self->height + 2 * MARGIN);
  cairo_t *cr;

  wfl_sankey_emphasis_extents (self->layout, item, &x0, &y0, &x1, &y1);
  box = GRAPHENE_RECT_INIT (floor ((x0 + dx) * sx - self->pan_x) - 2, floor ((y0 + dy) * sy - self->pan_y) - 2,
                            ceil ((x1 - x0) * sx) + 4, ceil ((y1 - y0) * sy) + 4);
  if (!graphene_rect_intersection (&box, &view, &box))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &box);
  cairo_translate (cr, -self->pan_x, -self->pan_y);
  cairo_scale (cr, sx, sy);
  cairo_translate (cr, dx, dy);
  wfl_sankey_render_emphasis (self->layout, cr, &self->style, item, emphasis);
  cairo_destroy (cr);
}

/* A node being dragged: its ghost where it would go, and the column it
 * would be pinned to. */
static void
snapshot_drag (WflSankeyView *self,
               GtkSnapshot   *snapshot)
{
  const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (self->layout, self->drag_node);
  double sx = _wfl_sankey_view_layout_scale_x (self), sy = _wfl_sankey_view_layout_scale_y (self);
  double x = g->x0 * sx - self->pan_x + self->drag_dx;
  double y = g->y0 * sy - self->pan_y + self->drag_dy;
  double w = MAX ((g->x1 - g->x0) * sx, 2), h = MAX ((g->y1 - g->y0) * sy, 2);
  GdkRGBA accent = { self->style.accent.r, self->style.accent.g, self->style.accent.b, 1 };
  GdkRGBA fill = accent;
  GskRoundedRect outline;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colors[4] = { accent, accent, accent, accent };

  fill.alpha = 0.35;
  gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (x, y, w, h));
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x - 2, y - 2, w + 4, h + 4), 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
snapshot_chart (WflSankeyView *self,
                GtkSnapshot   *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->layout == NULL)
    {
      if (self->message != NULL)
        snapshot_message (self, snapshot, self->message);
      return;
    }

  _wfl_sankey_view_update_base (self);
  if (self->base != NULL)
    {
      /* Where the base's part of the chart lies now (see the top). */
      const PaintKey *k = &self->base_key;
      double u0 = k->pan_x / (k->width * k->zoom), v0 = k->pan_y / (k->height * k->zoom);
      double u1 = (k->pan_x + k->width) / (k->width * k->zoom);
      double v1 = (k->pan_y + k->height) / (k->height * k->zoom);
      double cw = self->width * self->zoom, ch = self->height * self->zoom;

      gtk_snapshot_append_texture (snapshot, self->base,
                                   &GRAPHENE_RECT_INIT (u0 * cw - self->pan_x, v0 * ch - self->pan_y,
                                                        (u1 - u0) * cw, (v1 - v0) * ch));
    }

  if (!layout_current (self))
    return;

  if (_wfl_sankey_view_flagged_index (self) >= 0)
    snapshot_emphasis (self, snapshot, node_hit ((guint) _wfl_sankey_view_flagged_index (self)),
                       WFL_SANKEY_EMPHASIS_KNOCKOUT, 0, 0);
  if (self->hover.kind != WFL_SANKEY_HIT_NONE && self->drag_mode != DRAG_NODE)
    snapshot_emphasis (self, snapshot, self->hover, WFL_SANKEY_EMPHASIS_HOVER, 0, 0);
  if (self->focus.kind != WFL_SANKEY_HIT_NONE && _wfl_sankey_view_has_focus (self) &&
      (self->keyboard_used || gtk_widget_has_visible_focus (widget) ||
       (gtk_widget_get_focus_child (widget) != NULL &&
        gtk_widget_has_visible_focus (gtk_widget_get_focus_child (widget)))))
    snapshot_emphasis (self, snapshot, self->focus, WFL_SANKEY_EMPHASIS_FOCUS, 0, 0);
  if (self->drag_mode == DRAG_NODE && self->drag_moved)
    snapshot_drag (self, snapshot);
}

static void
wfl_sankey_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);
  GdkRGBA background;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (self->width <= 0 || self->height <= 0)
    return;

  _wfl_sankey_view_ensure_style (self);
  background = (GdkRGBA) { self->style.background.r, self->style.background.g,
                           self->style.background.b, self->style.background.a };
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The chart, inside the margins; hover labels may use them. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (MARGIN / 2.0, MARGIN / 2.0, width - MARGIN, height - MARGIN));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN, MARGIN));
  snapshot_chart (self, snapshot);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);
}

static void
wfl_sankey_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));

  width = MAX (1, width - 2 * MARGIN);
  height = MAX (1, height - 2 * MARGIN);
  if (width == self->width && height == self->height)
    {
      _wfl_sankey_view_allocate_items (self);
      return;
    }

  /* Keep the same part of the chart at the top left. */
  if (self->width > 0 && self->height > 0)
    {
      self->pan_x *= (double) width / self->width;
      self->pan_y *= (double) height / self->height;
    }
  self->width = width;
  self->height = height;
  _wfl_sankey_view_clamp_pan (self);
  _wfl_sankey_view_request_layout (self);
  _wfl_sankey_view_allocate_items (self);
}

static void
wfl_sankey_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  if (self->menu != NULL)
    gtk_widget_measure (self->menu, orientation, for_size, NULL, NULL, NULL, NULL);
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 150;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 600;
}

/* Zoom and pan ----------------------------------------------------------- */

static gboolean
relayout_timeout_cb (gpointer user_data)
{
  WflSankeyView *self = user_data;

  self->relayout_source = 0;
  _wfl_sankey_view_request_layout (self);
  return G_SOURCE_REMOVE;
}

void
_wfl_sankey_view_set_zoom_at (WflSankeyView *self,
                              double         zoom,
                              double         x,
                              double         y)
{
  double u, v;

  zoom = CLAMP (zoom, WFL_SANKEY_VIEW_MIN_ZOOM, WFL_SANKEY_VIEW_MAX_ZOOM);
  if (zoom == self->zoom)
    return;

  x -= MARGIN;
  y -= MARGIN;
  if (self->width > 0 && self->height > 0)
    {
      u = (x + self->pan_x) / (self->width * self->zoom);
      v = (y + self->pan_y) / (self->height * self->zoom);
      self->pan_x = u * self->width * zoom - x;
      self->pan_y = v * self->height * zoom - y;
    }
  self->zoom = zoom;
  _wfl_sankey_view_clamp_pan (self);

  /* Relayout at the new size once the zooming pauses; meanwhile the old
   * layout is drawn scaled. */
  g_clear_handle_id (&self->relayout_source, g_source_remove);
  self->relayout_source = g_timeout_add (ZOOM_RELAYOUT_MS, relayout_timeout_cb, self);

  _wfl_sankey_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* Document ------------------------------------------------------------------ */

static void
document_changed_cb (WflSankeyView *self)
{
  /* Pins are read from the scenario when the graph is rebuilt (after the
   * re-simulation); the unpin action may change state now. */
  _wfl_sankey_view_update_actions (self);
}

WflDocument *
wfl_sankey_view_get_document (WflSankeyView *self)
{
  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), NULL);
  return self->document;
}

void
wfl_sankey_view_set_document (WflSankeyView *self,
                              WflDocument   *document)
{
  g_return_if_fail (WFL_IS_SANKEY_VIEW (self));
  g_return_if_fail (document == NULL || WFL_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  clear_chart (self);
  self->first_week = self->last_week = -1;
  self->selected = self->hover = self->focus = no_hit;

  if (document != NULL)
    {
      g_signal_connect_object (document, "results-changed", G_CALLBACK (rebuild_graph_when_shown), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "view-changed", G_CALLBACK (rebuild_graph_when_shown), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "bottlenecks-changed", G_CALLBACK (rebuild_graph_when_shown), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "selection-changed", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
    }
  rebuild_graph (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
wfl_sankey_view_set_baseline (WflSankeyView *self,
                              WflScenario   *scenario,
                              WflSimulation *baseline)
{
  g_return_if_fail (WFL_IS_SANKEY_VIEW (self));
  g_return_if_fail ((scenario == NULL) == (baseline == NULL));

  if (baseline == self->baseline && scenario == self->baseline_scenario)
    return;
  g_set_object (&self->baseline_scenario, scenario);
  g_set_object (&self->baseline, baseline);
  /* Made again even for the same results. */
  g_clear_object (&self->simulation);
  rebuild_graph_when_shown (self);
}

int
_wfl_sankey_view_flagged_index (WflSankeyView *self)
{
  if (self->flagged_id == NULL || !layout_current (self))
    return -1;
  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (self->graph); v++)
    if (g_strcmp0 (wfl_sankey_graph_get_node (self->graph, v)->id, self->flagged_id) == 0)
      return (int) v;
  return -1;
}

void
wfl_sankey_view_set_flagged_node (WflSankeyView *self,
                                  const char    *node_id,
                                  const char    *note)
{
  g_return_if_fail (WFL_IS_SANKEY_VIEW (self));

  if (g_strcmp0 (node_id, self->flagged_id) == 0 && g_strcmp0 (note, self->flagged_note) == 0)
    return;
  g_free (self->flagged_id);
  self->flagged_id = g_strdup (node_id);
  g_free (self->flagged_note);
  self->flagged_note = node_id != NULL ? g_strdup (note) : NULL;
  /* The items' descriptions say it. */
  _wfl_sankey_view_sync_items (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
wfl_sankey_view_get_flagged_node (WflSankeyView *self)
{
  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), NULL);
  return self->flagged_id;
}

double
wfl_sankey_view_get_zoom (WflSankeyView *self)
{
  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), 1.0);
  return self->zoom;
}

void
wfl_sankey_view_set_zoom (WflSankeyView *self,
                          double         zoom)
{
  g_return_if_fail (WFL_IS_SANKEY_VIEW (self));
  _wfl_sankey_view_set_zoom_at (self, zoom, MARGIN + self->width / 2.0, MARGIN + self->height / 2.0);
}

GtkWidget *
wfl_sankey_view_new (void)
{
  return g_object_new (WFL_TYPE_SANKEY_VIEW, NULL);
}

/* Test hooks ------------------------------------------------------------------ */

WflSankeyLayout *
_wfl_sankey_view_get_layout (WflSankeyView *self)
{
  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), NULL);
  return layout_current (self) ? self->layout : NULL;
}

void
_wfl_sankey_view_get_render_state (WflSankeyView        *self,
                                   WflSankeyRenderState *state)
{
  g_return_if_fail (WFL_IS_SANKEY_VIEW (self));
  wfl_sankey_render_state_init (state);
  state->hover = self->hover;
  state->selected = self->selected;
}

WflSankeyHit
_wfl_sankey_view_get_focus_item (WflSankeyView *self)
{
  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), no_hit);
  return self->focus;
}

/* GObject ---------------------------------------------------------------------- */

static void
wfl_sankey_view_dispose (GObject *object)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (object);

  if (self->layout_cancellable != NULL)
    g_cancellable_cancel (self->layout_cancellable);
  if (self->paint_cancellable != NULL)
    g_cancellable_cancel (self->paint_cancellable);
  g_clear_handle_id (&self->relayout_source, g_source_remove);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  wfl_chart_items_clear (&self->items);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  clear_chart (self);
  g_clear_object (&self->baseline_scenario);
  g_clear_object (&self->baseline);
  g_clear_pointer (&self->reference, wfl_sankey_layout_unref);
  g_clear_pointer (&self->reference_key, g_free);
  g_clear_pointer (&self->layout, wfl_sankey_layout_unref);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (wfl_sankey_view_parent_class)->dispose (object);
}

static void
wfl_sankey_view_finalize (GObject *object)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (object);

  g_clear_object (&self->layout_cancellable);
  g_clear_object (&self->paint_cancellable);
  g_clear_pointer (&self->node_order, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->flagged_id, g_free);
  g_clear_pointer (&self->flagged_note, g_free);
  g_clear_pointer (&self->item_hits, g_array_unref);
  wfl_chart_style_clear (&self->style);

  G_OBJECT_CLASS (wfl_sankey_view_parent_class)->finalize (object);
}

static void
wfl_sankey_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wfl_sankey_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      wfl_sankey_view_set_document (self, g_value_get_object (value));
      break;

    case PROP_ZOOM:
      wfl_sankey_view_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wfl_sankey_view_class_init (WflSankeyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wfl_sankey_view_dispose;
  object_class->finalize = wfl_sankey_view_finalize;
  object_class->get_property = wfl_sankey_view_get_property;
  object_class->set_property = wfl_sankey_view_set_property;

  widget_class->measure = wfl_sankey_view_measure;
  widget_class->size_allocate = wfl_sankey_view_size_allocate;
  widget_class->snapshot = wfl_sankey_view_snapshot;
  widget_class->map = wfl_sankey_view_map;
  widget_class->focus = _wfl_sankey_view_focus;
  widget_class->grab_focus = _wfl_sankey_view_grab_focus;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         WFL_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         WFL_SANKEY_VIEW_MIN_ZOOM, WFL_SANKEY_VIEW_MAX_ZOOM, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WflSankeyView::activated:
   *
   * The focused node or band was activated (Enter, double-click, or
   * "Show in Inspector"): it is now the document's selection.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * WflSankeyView::step-window:
   * @direction: -1 for the previous quarter, +1 for the next
   *
   * Page Up or Page Down in the chart: the owner of the time bar moves
   * the week window by a quarter.
   */
  signals[STEP_WINDOW] =
    g_signal_new ("step-window", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "sankeyview");
  /* A list of its nodes and bands (wfl-sankey-view-a11y.c). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);

  _wfl_sankey_view_class_actions_init (klass);
}

void
_wfl_sankey_view_step_window (WflSankeyView *self,
                              int            direction)
{
  g_signal_emit (self, signals[STEP_WINDOW], 0, direction);
}

static void
wfl_sankey_view_init (WflSankeyView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->zoom = 1.0;
  self->last_paint_ms = -1;
  self->first_week = self->last_week = -1;
  self->message = g_strdup (_("No scenario"));
  wfl_chart_items_init (&self->items, widget);
  self->item_hits = g_array_new (FALSE, FALSE, sizeof (WflSankeyHit));

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  _wfl_sankey_view_input_init (self);
  _wfl_sankey_view_keyboard_init (self);

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sankey diagram of the flows"),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Control+plus Control+minus Control+0",
                                  -1);
  _wfl_sankey_view_update_actions (self);
}
