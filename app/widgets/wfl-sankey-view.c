/* wfl-sankey-view.c: the interactive Sankey of a document's flows
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-sankey-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wfl-chart-style.h"
#include "wfl-format.h"
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

/* Graphs above this size are laid out and (at first) painted in a thread. */
#define SYNC_MAX_ITEMS        1500
/* Paint in snapshot while the last painting took at most this long. */
#define SYNC_PAINT_MAX_MS     40.0
/* Lay out in the main loop while the last layout took at most this long. */
#define SYNC_LAYOUT_MAX_MS    30.0
/* Relayout this long after the last zoom step. */
#define ZOOM_RELAYOUT_MS      150
#define ZOOM_STEP             1.25
#define DRAG_THRESHOLD        4.0
/* Room around the chart, in pixels. */
#define MARGIN                12

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_NODE,
} DragMode;

/* What a base texture was painted for. */
typedef struct
{
  guint         layout_serial;
  guint         style_serial;
  WflSankeyHit  selected;
  int           width;
  int           height;
  int           scale;
  double        zoom;
  double        pan_x;
  double        pan_y;
} PaintKey;

struct _WflSankeyView
{
  GtkWidget             parent_instance;

  WflDocument          *document;
  gboolean              stale;             /* the document changed while hidden */

  /* The chart: graph of the results over the week window */
  WflSankeyGraph       *graph;
  guint                *link_map;          /* graph link → scenario link */
  WflSimulation        *simulation;        /* the results the graph shows */
  int                   first_week;
  int                   last_week;
  char                 *message;           /* shown when there is no graph */

  /* Layout (of graph, or of an older graph while a new one is made) */
  WflSankeyLayout      *layout;
  guint                 layout_serial;
  guint                *node_order;        /* nodes by column, then top */
  double                last_layout_ms;
  GCancellable         *layout_cancellable;
  gboolean              layout_running;
  guint                 relayout_source;

  /* Viewport */
  double                zoom;
  double                pan_x;
  double                pan_y;
  int                   width;             /* of the chart: the view less the margins */
  int                   height;

  /* The painted chart */
  GdkTexture           *base;
  PaintKey              base_key;
  double                last_paint_ms;     /* < 0: not measured for this graph */
  gboolean              paint_running;
  GCancellable         *paint_cancellable;

  WflChartStyle         style;
  guint                 style_serial;
  gboolean              style_valid;

  /* Interaction */
  WflSankeyHit          hover;
  WflSankeyHit          selected;
  WflSankeyHit          focus;
  double                pointer_x;
  double                pointer_y;
  gboolean              clear_on_release;
  gboolean              keyboard_used;     /* show the focus ring */
  DragMode              drag_mode;
  guint                 drag_node;
  double                drag_dx;
  double                drag_dy;
  double                drag_pan_x;
  double                drag_pan_y;
  gboolean              drag_moved;
  double                gesture_zoom;
  GtkWidget            *menu;
  WflSankeyHit          menu_item;
};

G_DEFINE_FINAL_TYPE (WflSankeyView, wfl_sankey_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const WflSankeyHit no_hit = { WFL_SANKEY_HIT_NONE, 0 };

static void request_layout       (WflSankeyView *self);
static WflSankeyHit node_hit     (guint          v);
static WflSankeyHit link_hit     (guint          l);
static void update_actions       (WflSankeyView *self);
static void update_accessible    (WflSankeyView *self);

static gboolean
hit_equal (WflSankeyHit a,
           WflSankeyHit b)
{
  return a.kind == b.kind && (a.kind == WFL_SANKEY_HIT_NONE || a.index == b.index);
}

/* The layout is of the current graph (not an older one still shown). */
static gboolean
layout_current (WflSankeyView *self)
{
  return self->layout != NULL && self->graph != NULL &&
         wfl_sankey_layout_get_graph (self->layout) == self->graph;
}

/* Style ---------------------------------------------------------------- */

static void
ensure_style (WflSankeyView *self)
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

static double
layout_scale_x (WflSankeyView *self)
{
  return self->width * self->zoom / wfl_sankey_layout_get_width (self->layout);
}

static double
layout_scale_y (WflSankeyView *self)
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
  *lx = (x + self->pan_x) / layout_scale_x (self);
  *ly = (y + self->pan_y) / layout_scale_y (self);
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

  *wx = MARGIN + lx * layout_scale_x (self) - self->pan_x;
  *wy = MARGIN + ly * layout_scale_y (self) - self->pan_y;
}

static WflSankeyHit
hit_test (WflSankeyView *self,
          double         x,
          double         y)
{
  double lx, ly;

  if (!layout_current (self) || self->width <= 0 || self->height <= 0)
    return no_hit;
  widget_to_layout (self, x - MARGIN, y - MARGIN, &lx, &ly);
  return wfl_sankey_layout_hit_test (self->layout, lx, ly);
}

static void
clamp_pan (WflSankeyView *self)
{
  self->pan_x = CLAMP (self->pan_x, 0, MAX (0, self->width * self->zoom - self->width));
  self->pan_y = CLAMP (self->pan_y, 0, MAX (0, self->height * self->zoom - self->height));
}

/* The item's box in widget coordinates. */
static graphene_rect_t
item_rect (WflSankeyView *self,
           WflSankeyHit   item)
{
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0, sx, sy;

  if (self->layout == NULL)
    return GRAPHENE_RECT_INIT (0, 0, 0, 0);
  sx = layout_scale_x (self);
  sy = layout_scale_y (self);
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
  r = item_rect (self, item);
  graphene_rect_offset (&r, -MARGIN, -MARGIN);
  if (r.origin.x < margin)
    self->pan_x += r.origin.x - margin;
  else if (r.origin.x + r.size.width > self->width - margin)
    self->pan_x += MIN (r.origin.x + r.size.width - self->width + margin, r.origin.x - margin);
  if (r.origin.y < margin)
    self->pan_y += r.origin.y - margin;
  else if (r.origin.y + r.size.height > self->height - margin)
    self->pan_y += MIN (r.origin.y + r.size.height - self->height + margin, r.origin.y - margin);
  clamp_pan (self);
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

static void
select_item (WflSankeyView *self,
             WflSankeyHit   item)
{
  if (self->document == NULL || self->graph == NULL)
    return;

  if (item.kind == WFL_SANKEY_HIT_NODE)
    wfl_document_select_node (self->document, wfl_sankey_graph_get_node (self->graph, item.index)->id);
  else if (item.kind == WFL_SANKEY_HIT_LINK)
    wfl_document_select_link (self->document, self->link_map[item.index]);
  else
    wfl_document_select_none (self->document);
}

static void
selection_changed_cb (WflSankeyView *self)
{
  WflSankeyHit hit = hit_for_selection (self);

  if (hit_equal (hit, self->selected))
    return;
  self->selected = hit;
  if (hit.kind != WFL_SANKEY_HIT_NONE)
    {
      self->focus = hit;
      update_accessible (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_focus_item (WflSankeyView *self,
                WflSankeyHit   item)
{
  if (hit_equal (item, self->focus))
    return;
  self->focus = item;
  scroll_to_item (self, item);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear_chart (WflSankeyView *self)
{
  g_clear_pointer (&self->graph, wfl_sankey_graph_unref);
  g_clear_pointer (&self->link_map, g_free);
  g_clear_object (&self->simulation);
}

/* The nodes in reading order: by column, then from the top. */
typedef struct
{
  guint  column;
  double top;
  guint  node;
} OrderKey;

static int
compare_order_key (gconstpointer a,
                   gconstpointer b)
{
  const OrderKey *x = a, *y = b;

  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  if (x->top != y->top)
    return x->top < y->top ? -1 : 1;
  return x->node < y->node ? -1 : x->node > y->node;
}

static void
compute_node_order (WflSankeyView *self)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (self->layout);
  guint n = wfl_sankey_graph_get_n_nodes (graph);
  g_autofree OrderKey *keys = g_new (OrderKey, n + 1);

  for (guint v = 0; v < n; v++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (self->layout, v);

      keys[v] = (OrderKey) { g->column, g->y0, v };
    }
  qsort (keys, n, sizeof (OrderKey), compare_order_key);
  g_clear_pointer (&self->node_order, g_free);
  self->node_order = g_new (guint, n + 1);
  for (guint i = 0; i < n; i++)
    self->node_order[i] = keys[i].node;
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
      if (problems->len > 0)
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

  if (results == self->simulation && first == self->first_week && last == self->last_week)
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
  self->graph = wfl_sankey_graph_new_for_window (scenario, results, first, last);
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

  request_layout (self);
  update_actions (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Layout --------------------------------------------------------------- */

typedef struct
{
  WflSankeyGraph *graph;
  char           *font_family;
  double          font_size;
  double          width;
  double          height;
  double          ms;
} LayoutJob;

static void
layout_job_free (LayoutJob *job)
{
  wfl_sankey_graph_unref (job->graph);
  g_free (job->font_family);
  g_free (job);
}

static WflSankeyLayout *
make_layout (WflSankeyGraph *graph,
             const char     *font_family,
             double          font_size,
             double          width,
             double          height,
             double         *ms)
{
  WflSankeyLayoutOptions options;
  WflSankeyLayout *layout;
  gint64 t0 = g_get_monotonic_time ();

  wfl_sankey_layout_options_init (&options);
  options.font_family = font_family;
  options.font_size = font_size;
  layout = wfl_sankey_layout_new (graph, &options, width, height);
  *ms = (g_get_monotonic_time () - t0) / 1000.0;
  return layout;
}

static void
install_layout (WflSankeyView   *self,
                WflSankeyLayout *layout,
                double           ms)
{
  g_clear_pointer (&self->layout, wfl_sankey_layout_unref);
  self->layout = layout;
  self->layout_serial++;
  self->last_layout_ms = ms;
  compute_node_order (self);
  g_debug ("Laid out %u nodes at %.0f × %.0f in %.1f ms",
           wfl_sankey_graph_get_n_nodes (wfl_sankey_layout_get_graph (layout)),
           wfl_sankey_layout_get_width (layout), wfl_sankey_layout_get_height (layout), ms);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
layout_wanted (WflSankeyView *self)
{
  if (self->graph == NULL || self->width <= 0 || self->height <= 0)
    return FALSE;
  if (!layout_current (self))
    return TRUE;
  return fabs (wfl_sankey_layout_get_width (self->layout) - self->width * self->zoom) > 0.5 ||
         fabs (wfl_sankey_layout_get_height (self->layout) - self->height * self->zoom) > 0.5;
}

static void
layout_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LayoutJob *job = task_data;
  WflSankeyLayout *layout;

  layout = make_layout (job->graph, job->font_family, job->font_size, job->width, job->height, &job->ms);
  g_task_return_pointer (task, layout, (GDestroyNotify) wfl_sankey_layout_unref);
}

static void
layout_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (object);
  LayoutJob *job = g_task_get_task_data (G_TASK (result));
  WflSankeyLayout *layout = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_task_get_cancellable (G_TASK (result)) != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&layout, wfl_sankey_layout_unref);
      return;
    }

  self->layout_running = FALSE;
  if (layout != NULL && job->graph == self->graph)
    install_layout (self, layout, job->ms);
  else
    g_clear_pointer (&layout, wfl_sankey_layout_unref);
  /* The size, zoom or graph may have moved on meanwhile. */
  request_layout (self);
}

static void
request_layout (WflSankeyView *self)
{
  guint items;
  double width, height;

  if (self->layout_running || !layout_wanted (self))
    return;

  ensure_style (self);
  width = self->width * self->zoom;
  height = self->height * self->zoom;
  items = wfl_sankey_graph_get_n_nodes (self->graph) + wfl_sankey_graph_get_n_links (self->graph);

  if (items <= SYNC_MAX_ITEMS && (!layout_current (self) || self->last_layout_ms <= SYNC_LAYOUT_MAX_MS))
    {
      double ms;
      WflSankeyLayout *layout = make_layout (self->graph, self->style.font_family, self->style.font_size,
                                             width, height, &ms);

      install_layout (self, layout, ms);
    }
  else
    {
      g_autoptr(GTask) task = NULL;
      LayoutJob *job = g_new0 (LayoutJob, 1);

      job->graph = wfl_sankey_graph_ref (self->graph);
      job->font_family = g_strdup (self->style.font_family);
      job->font_size = self->style.font_size;
      job->width = width;
      job->height = height;

      g_clear_object (&self->layout_cancellable);
      self->layout_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->layout_cancellable, layout_ready_cb, NULL);
      g_task_set_source_tag (task, request_layout);
      g_task_set_task_data (task, job, (GDestroyNotify) layout_job_free);
      self->layout_running = TRUE;
      g_task_run_in_thread (task, layout_thread);
    }
}

static gboolean
relayout_timeout_cb (gpointer user_data)
{
  WflSankeyView *self = user_data;

  self->relayout_source = 0;
  request_layout (self);
  return G_SOURCE_REMOVE;
}

/* Painting the base ---------------------------------------------------- */

static PaintKey
current_paint_key (WflSankeyView *self)
{
  PaintKey key = {
    .layout_serial = self->layout_serial,
    .style_serial = self->style_serial,
    .selected = layout_current (self) ? self->selected : no_hit,
    .width = self->width,
    .height = self->height,
    .scale = gtk_widget_get_scale_factor (GTK_WIDGET (self)),
    .zoom = self->zoom,
    .pan_x = self->pan_x,
    .pan_y = self->pan_y,
  };

  return key;
}

static gboolean
paint_key_equal (const PaintKey *a,
                 const PaintKey *b)
{
  return a->layout_serial == b->layout_serial && a->style_serial == b->style_serial &&
         hit_equal (a->selected, b->selected) && a->width == b->width && a->height == b->height &&
         a->scale == b->scale && a->zoom == b->zoom && a->pan_x == b->pan_x && a->pan_y == b->pan_y;
}

static GdkTexture *
paint_base (WflSankeyLayout     *layout,
            const WflChartStyle *style,
            const PaintKey      *key,
            double              *ms)
{
  WflSankeyRenderState state;
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;
  GdkTexture *texture;
  int pw = key->width * key->scale, ph = key->height * key->scale;
  gint64 t0 = g_get_monotonic_time ();

  wfl_sankey_render_state_init (&state);
  state.selected = key->selected;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  cairo_surface_set_device_scale (surface, key->scale, key->scale);
  cr = cairo_create (surface);
  cairo_translate (cr, -key->pan_x, -key->pan_y);
  cairo_scale (cr,
               key->width * key->zoom / wfl_sankey_layout_get_width (layout),
               key->height * key->zoom / wfl_sankey_layout_get_height (layout));
  wfl_sankey_render (layout, cr, style, &state);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * ph,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (pw, ph, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);
  *ms = (g_get_monotonic_time () - t0) / 1000.0;
  return texture;
}

typedef struct
{
  WflSankeyLayout *layout;
  WflChartStyle    style;
  PaintKey         key;
  double           ms;
} PaintJob;

static void
paint_job_free (PaintJob *job)
{
  wfl_sankey_layout_unref (job->layout);
  wfl_chart_style_clear (&job->style);
  g_free (job);
}

static void
paint_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PaintJob *job = task_data;

  g_task_return_pointer (task, paint_base (job->layout, &job->style, &job->key, &job->ms), g_object_unref);
}

static void
paint_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (object);
  PaintJob *job = g_task_get_task_data (G_TASK (result));
  GdkTexture *texture = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_object (&texture);
      return;
    }

  self->paint_running = FALSE;
  if (texture != NULL)
    {
      g_set_object (&self->base, texture);
      self->base_key = job->key;
      self->last_paint_ms = job->ms;
      g_debug ("Painted the chart in a thread in %.1f ms", job->ms);
    }
  g_clear_object (&texture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Brings the base up to date, or starts doing so in a thread. */
static void
update_base (WflSankeyView *self)
{
  PaintKey key;
  gboolean sync;

  if (self->layout == NULL || self->width <= 0 || self->height <= 0)
    return;

  ensure_style (self);
  key = current_paint_key (self);
  if (self->base != NULL && paint_key_equal (&key, &self->base_key))
    return;
  if (self->paint_running)
    return;

  if (self->last_paint_ms >= 0)
    sync = self->last_paint_ms <= SYNC_PAINT_MAX_MS;
  else
    sync = wfl_sankey_graph_get_n_links (wfl_sankey_layout_get_graph (self->layout)) <= SYNC_MAX_ITEMS;

  if (sync)
    {
      double ms;
      GdkTexture *texture = paint_base (self->layout, &self->style, &key, &ms);

      g_clear_object (&self->base);
      self->base = texture;
      self->base_key = key;
      self->last_paint_ms = ms;
    }
  else
    {
      g_autoptr(GTask) task = NULL;
      PaintJob *job = g_new0 (PaintJob, 1);

      job->layout = wfl_sankey_layout_ref (self->layout);
      job->style = self->style;
      job->style.font_family = g_strdup (self->style.font_family);
      job->key = key;

      g_clear_object (&self->paint_cancellable);
      self->paint_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->paint_cancellable, paint_ready_cb, NULL);
      g_task_set_source_tag (task, update_base);
      g_task_set_task_data (task, job, (GDestroyNotify) paint_job_free);
      self->paint_running = TRUE;
      g_task_run_in_thread (task, paint_thread);
    }
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
  double x0, y0, x1, y1, sx = layout_scale_x (self), sy = layout_scale_y (self);
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
  double sx = layout_scale_x (self), sy = layout_scale_y (self);
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

  update_base (self);
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

  if (self->hover.kind != WFL_SANKEY_HIT_NONE && self->drag_mode != DRAG_NODE)
    snapshot_emphasis (self, snapshot, self->hover, WFL_SANKEY_EMPHASIS_HOVER, 0, 0);
  if (self->focus.kind != WFL_SANKEY_HIT_NONE && gtk_widget_has_focus (widget) &&
      (self->keyboard_used || gtk_widget_has_visible_focus (widget)))
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

  ensure_style (self);
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
    return;

  /* Keep the same part of the chart at the top left. */
  if (self->width > 0 && self->height > 0)
    {
      self->pan_x *= (double) width / self->width;
      self->pan_y *= (double) height / self->height;
    }
  self->width = width;
  self->height = height;
  clamp_pan (self);
  request_layout (self);
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

static void
set_zoom_at (WflSankeyView *self,
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
  clamp_pan (self);

  /* Relayout at the new size once the zooming pauses; meanwhile the old
   * layout is drawn scaled. */
  g_clear_handle_id (&self->relayout_source, g_source_remove);
  self->relayout_source = g_timeout_add (ZOOM_RELAYOUT_MS, relayout_timeout_cb, self);

  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
pan_by (WflSankeyView *self,
        double         dx,
        double         dy)
{
  double x = self->pan_x, y = self->pan_y;

  self->pan_x += dx;
  self->pan_y += dy;
  clamp_pan (self);
  if (x != self->pan_x || y != self->pan_y)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  set_zoom_at (self, self->zoom * ZOOM_STEP, MARGIN + self->width / 2.0, MARGIN + self->height / 2.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  set_zoom_at (self, self->zoom / ZOOM_STEP, MARGIN + self->width / 2.0, MARGIN + self->height / 2.0);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  set_zoom_at (self, 1.0, 0, 0);
}

static gboolean
scroll_cb (WflSankeyView            *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  gboolean discrete = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL;

  if (state & GDK_CONTROL_MASK)
    {
      set_zoom_at (self, self->zoom * pow (discrete ? ZOOM_STEP : 1.01, -dy), self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (self->zoom <= 1)
    return FALSE;
  if (state & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  pan_by (self, dx * (discrete ? 48 : 1), dy * (discrete ? 48 : 1));
  return TRUE;
}

static void
zoom_begin_cb (WflSankeyView  *self,
               GdkEventSequence *sequence,
               GtkGestureZoom *gesture)
{
  self->gesture_zoom = self->zoom;
}

static void
zoom_scale_changed_cb (WflSankeyView  *self,
                       double          scale,
                       GtkGestureZoom *gesture)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = MARGIN + self->width / 2.0;
      y = MARGIN + self->height / 2.0;
    }
  set_zoom_at (self, self->gesture_zoom * scale, x, y);
}

/* Pointer ---------------------------------------------------------------- */

static void
set_hover (WflSankeyView *self,
           WflSankeyHit   hit)
{
  if (hit_equal (hit, self->hover))
    return;
  self->hover = hit;
  /* Only the overlay changes: the base stays. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static void
motion_cb (WflSankeyView            *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag_mode == DRAG_NONE)
    set_hover (self, hit_test (self, x, y));
}

static void
leave_cb (WflSankeyView            *self,
          GtkEventControllerMotion *motion)
{
  if (self->drag_mode == DRAG_NONE)
    set_hover (self, no_hit);
}

static int
window_weeks (WflSankeyView *self)
{
  int last = MIN (self->last_week, wfl_simulation_get_n_weeks (self->simulation) - 1);

  return MAX (1, last - self->first_week + 1);
}

/* A node's figures over the week window: what it sent on (or received)
 * per week, its mean capacity per week (NAN: unlimited), the share of it
 * used, and the weeks it was capacity-bound. */
static void
node_figures (WflSankeyView *self,
              guint          v,
              double        *per_week,
              double        *capacity,
              double        *used,
              guint         *bound)
{
  const WflSankeyNode *node = wfl_sankey_graph_get_node (self->graph, v);
  int weeks = window_weeks (self);
  int last = self->first_week + weeks - 1;
  int i = wfl_simulation_find_node (self->simulation, node->id);
  double quantity = isnan (node->quantity) ? wfl_sankey_layout_get_node (self->layout, v)->value : node->quantity;

  *per_week = quantity / weeks;
  *capacity = NAN;
  *used = NAN;
  *bound = 0;
  if (i < 0 || !wfl_simulation_node_has_capacity (self->simulation, i))
    return;

  {
    double cap = wfl_simulation_sum_node_series (self->simulation, i, WFL_SERIES_CAPACITY, self->first_week, last);
    double starts = wfl_simulation_sum_node_series (self->simulation, i, WFL_SERIES_STARTS, self->first_week, last);

    *capacity = cap / weeks;
    *used = cap > 0 ? starts / cap : NAN;
    *bound = wfl_simulation_count_bound_weeks (self->simulation, i, self->first_week, last);
  }
}

/* For screen readers, in the locale's numbers with plural units:
 * "CoWoS-S packaging, TSMC (Nvidia), 25,318 packages per week, 100% used" */
static char *
describe_item (WflSankeyView *self,
               WflSankeyHit   item)
{
  if (!layout_current (self) || self->simulation == NULL)
    return NULL;

  if (item.kind == WFL_SANKEY_HIT_NODE)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (self->graph, item.index);
      g_autofree char *rate = NULL;
      double per_week, capacity, used;
      guint bound;

      node_figures (self, item.index, &per_week, &capacity, &used, &bound);
      rate = wfl_format_amount_locale (per_week, node->unit);
      if (isnan (used))
        /* Translators: a node for screen readers: name, throughput */
        return g_strdup_printf (_("%s, %s per week"), node->name, rate);
      /* Translators: a node for screen readers: name, throughput,
       * share of its capacity used */
      return g_strdup_printf (_("%s, %s per week, %.0f%% used%s"), node->name, rate, 100 * used,
                              node->bottleneck ? _(", bottleneck") : "");
    }
  if (item.kind == WFL_SANKEY_HIT_LINK)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (self->graph, item.index);
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (self->layout, item.index);
      const WflSankeyNode *s = wfl_sankey_graph_get_node (self->graph, link->source);
      const WflSankeyNode *t = wfl_sankey_graph_get_node (self->graph, link->target);
      double q = isnan (link->source_quantity) ? link->value : link->source_quantity;
      g_autofree char *rate = wfl_format_amount_locale (q / window_weeks (self),
                                                        link->source_unit ? link->source_unit : s->unit);

      /* Translators: a band for screen readers: source, target,
       * quantity per week, share of the source's outflow */
      return g_strdup_printf (_("%s to %s, %s per week, %.0f%% of %s"),
                              s->name, t->name, rate, 100 * g->source_fraction, s->name);
    }
  return NULL;
}

char *
_wfl_sankey_view_describe_item (WflSankeyView *self,
                                WflSankeyHit   item)
{
  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), NULL);
  return describe_item (self, item);
}

static char *
tooltip_markup (WflSankeyView *self,
                WflSankeyHit   item)
{
  GString *text = g_string_new (NULL);

  if (item.kind == WFL_SANKEY_HIT_NODE)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (self->graph, item.index);
      g_autofree char *rate = NULL;
      g_autofree char *total = NULL;
      double per_week, capacity, used;
      guint bound;

      node_figures (self, item.index, &per_week, &capacity, &used, &bound);
      rate = wfl_sankey_format_quantity (per_week, node->unit);
      total = wfl_sankey_format_quantity (per_week * window_weeks (self), node->unit);
      g_string_append_printf (text, "<b>%s</b>", node->name);
      /* Translators: tooltip of a node: per week and over the week window */
      g_string_append_printf (text, _("\nThroughput: %s per week (%s in the window)"), rate, total);
      if (isnan (capacity))
        g_string_append (text, _("\nCapacity: unlimited"));
      else
        {
          g_autofree char *cap = wfl_sankey_format_quantity (capacity, node->unit);

          /* Translators: tooltip of a node: capacity per week, share used */
          g_string_append_printf (text, _("\nCapacity: %s per week, %.0f%% used"), cap,
                                  isnan (used) ? 0.0 : 100 * used);
          if (bound > 0)
            /* Translators: tooltip of a node */
            g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                       "\nCapacity-bound in %u of %d week",
                                                       "\nCapacity-bound in %u of %d weeks",
                                                       window_weeks (self)),
                                    bound, window_weeks (self));
          else
            g_string_append (text, _("\nNot capacity-bound in this window"));
        }
      if (node->bottleneck)
        g_string_append (text, _("\n<b>Bottleneck</b>"));
      if (self->document != NULL && wfl_document_get_pin (self->document, node->id) != NULL)
        g_string_append (text, _("\nPinned (double-click to unpin)"));
    }
  else if (item.kind == WFL_SANKEY_HIT_LINK)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (self->graph, item.index);
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (self->layout, item.index);
      const WflSankeyNode *s = wfl_sankey_graph_get_node (self->graph, link->source);
      const WflSankeyNode *t = wfl_sankey_graph_get_node (self->graph, link->target);
      const char *su = link->source_unit ? link->source_unit : s->unit;
      const char *tu = link->target_unit ? link->target_unit : t->unit;
      double sq = isnan (link->source_quantity) ? link->value : link->source_quantity;
      double tq = isnan (link->target_quantity) ? link->value : link->target_quantity;
      g_autofree char *sent = wfl_sankey_format_quantity (sq, su);

      g_string_append_printf (text, "<b>%s → %s</b>\n", s->name, t->name);
      if (g_strcmp0 (su, tu) != 0 || fabs (sq - tq) > 1e-9 * MAX (1, fabs (sq)))
        {
          g_autofree char *received = wfl_sankey_format_quantity (tq, tu);

          /* Translators: tooltip of a band whose unit changes: shipped
           * quantity in the source's unit = in the target's unit */
          g_string_append_printf (text, _("Shipped: %s (%s)"), sent, received);
        }
      else
        /* Translators: tooltip of a band: quantity in the window */
        g_string_append_printf (text, _("Shipped: %s"), sent);
      /* Translators: tooltip of a band: its share of the source's outflow
       * and of the target's inflow */
      g_string_append_printf (text, _("\n%.0f%% of %s’s outflow · %.0f%% of %s’s inflow"),
                              100 * g->source_fraction, s->name, 100 * g->target_fraction, t->name);
    }
  return g_string_free (text, text->len == 0);
}

static gboolean
query_tooltip_cb (WflSankeyView *self,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip)
{
  WflSankeyHit item = keyboard ? self->focus : hit_test (self, x, y);
  g_autofree char *markup = NULL;
  g_autofree char *escaped = NULL;
  graphene_rect_t r;
  GdkRectangle area;

  if (item.kind == WFL_SANKEY_HIT_NONE || !layout_current (self) || self->simulation == NULL ||
      self->drag_mode != DRAG_NONE)
    return FALSE;

  markup = tooltip_markup (self, item);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);

  /* A new tooltip when the pointer moves to another item. */
  if (item.kind == WFL_SANKEY_HIT_NODE)
    r = item_rect (self, item);
  else
    r = GRAPHENE_RECT_INIT (x - 2, y - 2, 4, 4);
  area = (GdkRectangle) { floor (r.origin.x), floor (r.origin.y), ceil (r.size.width) + 1, ceil (r.size.height) + 1 };
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

/* Clicks ------------------------------------------------------------------ */

static void
activate_item (WflSankeyView *self,
               WflSankeyHit   item)
{
  if (item.kind == WFL_SANKEY_HIT_NONE)
    return;
  select_item (self, item);
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static const WflPin *
item_pin (WflSankeyView *self,
          WflSankeyHit   item)
{
  if (item.kind != WFL_SANKEY_HIT_NODE || self->document == NULL || self->graph == NULL)
    return NULL;
  return wfl_document_get_pin (self->document, wfl_sankey_graph_get_node (self->graph, item.index)->id);
}

static void popup_menu (WflSankeyView *self,
                        WflSankeyHit   item,
                        double         x,
                        double         y);

static void
pressed (WflSankeyView *self,
         guint          button,
         int            n_press,
         double         x,
         double         y)
{
  WflSankeyHit hit = hit_test (self, x, y);

  self->clear_on_release = FALSE;
  if (button == GDK_BUTTON_SECONDARY)
    {
      if (hit.kind != WFL_SANKEY_HIT_NONE)
        {
          select_item (self, hit);
          set_focus_item (self, hit);
        }
      popup_menu (self, hit, x, y);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY)
    return;

  if (hit.kind == WFL_SANKEY_HIT_NONE)
    {
      /* Cleared on release, unless the press starts a pan. */
      self->clear_on_release = TRUE;
      return;
    }

  if (n_press == 2)
    {
      if (item_pin (self, hit) != NULL)
        wfl_document_remove_pin (self->document, wfl_sankey_graph_get_node (self->graph, hit.index)->id);
      else
        activate_item (self, hit);
      return;
    }

  select_item (self, hit);
  set_focus_item (self, hit);
}

static void
released (WflSankeyView *self)
{
  if (self->clear_on_release && !self->drag_moved && self->document != NULL)
    {
      wfl_document_select_none (self->document);
      set_focus_item (self, no_hit);
    }
  self->clear_on_release = FALSE;
}

static void
pressed_cb (WflSankeyView   *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  self->keyboard_used = FALSE;

  if (gtk_widget_get_focusable (GTK_WIDGET (self)) && !gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  pressed (self, button, n_press, x, y);
}

static void
released_cb (WflSankeyView   *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *gesture)
{
  released (self);
}

/* Dragging: a node to pin it, or the chart to pan ------------------------- */

/* The columns' left edges, from the nodes (columns are evenly spaced). */
static gboolean
column_spacing (WflSankeyView *self,
                double        *x_first,
                double        *step)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (self->layout);
  guint n_columns = wfl_sankey_layout_get_n_columns (self->layout);
  guint cmin = G_MAXUINT, cmax = 0;
  double xmin = 0, xmax = 0;

  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (self->layout, v);

      if (g->column < cmin)
        {
          cmin = g->column;
          xmin = g->x0;
        }
      if (g->column >= cmax)
        {
          cmax = g->column;
          xmax = g->x0;
        }
    }
  if (cmin == G_MAXUINT)
    return FALSE;
  *step = cmax > cmin ? (xmax - xmin) / (cmax - cmin) : 0;
  *x_first = xmin - cmin * *step;
  return n_columns > 0;
}

/* Pins the dragged node where it was dropped: the column nearest the
 * drop, and its place in that column as 0 (top) .. 1 (bottom). */
static void
drop_node (WflSankeyView *self)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (self->layout);
  const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (self->layout, self->drag_node);
  const char *id = wfl_sankey_graph_get_node (graph, self->drag_node)->id;
  const WflPin *pin = wfl_document_get_pin (self->document, id);
  double lx = self->drag_dx / layout_scale_x (self), ly = self->drag_dy / layout_scale_y (self);
  double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE, h = g->y1 - g->y0, position;
  double x_first, step;
  int column = pin != NULL ? pin->column : -1;

  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    {
      const WflSankeyNodeGeometry *o = wfl_sankey_layout_get_node (self->layout, v);

      top = MIN (top, o->y0);
      bottom = MAX (bottom, o->y1);
    }
  position = bottom - top - h > 0 ? (g->y0 + ly - top) / (bottom - top - h) : 0.5;
  position = CLAMP (position, 0, 1);

  if (column_spacing (self, &x_first, &step) && step > 0)
    {
      int c = (int) round ((g->x0 + lx - x_first) / step);

      c = CLAMP (c, 0, (int) wfl_sankey_layout_get_n_columns (self->layout) - 1);
      if ((guint) c != g->column)
        column = c;
    }

  wfl_document_set_pin (self->document, id, column, position);
}

static void
drag_begin_cb (WflSankeyView  *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  WflSankeyHit hit = hit_test (self, x, y);

  self->drag_moved = FALSE;
  self->drag_dx = self->drag_dy = 0;
  if (hit.kind == WFL_SANKEY_HIT_NODE && self->document != NULL)
    {
      self->drag_mode = DRAG_NODE;
      self->drag_node = hit.index;
    }
  else if (self->zoom > 1)
    {
      self->drag_mode = DRAG_PAN;
      self->drag_pan_x = self->pan_x;
      self->drag_pan_y = self->pan_y;
    }
  else
    self->drag_mode = DRAG_NONE;
}

static void
drag_update_cb (WflSankeyView  *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  if (!self->drag_moved && hypot (dx, dy) < DRAG_THRESHOLD)
    return;
  if (!self->drag_moved && self->drag_mode != DRAG_NONE)
    {
      self->drag_moved = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }

  switch (self->drag_mode)
    {
    case DRAG_NODE:
      if (!layout_current (self))
        break;
      self->drag_dx = dx;
      self->drag_dy = dy;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_PAN:
      self->pan_x = self->drag_pan_x - dx;
      self->pan_y = self->drag_pan_y - dy;
      clamp_pan (self);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (WflSankeyView  *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  DragMode mode = self->drag_mode;

  drag_update_cb (self, dx, dy, gesture);
  self->drag_mode = DRAG_NONE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  if (mode == DRAG_NODE && self->drag_moved && layout_current (self))
    drop_node (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Context menu ------------------------------------------------------------- */

static WflSankeyHit
action_target (WflSankeyView *self)
{
  if (self->menu_item.kind != WFL_SANKEY_HIT_NONE)
    return self->menu_item;
  if (self->focus.kind != WFL_SANKEY_HIT_NONE)
    return self->focus;
  return self->selected;
}

static void
unpin_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);
  WflSankeyHit item = action_target (self);

  if (item_pin (self, item) != NULL)
    wfl_document_remove_pin (self->document, wfl_sankey_graph_get_node (self->graph, item.index)->id);
  self->menu_item = no_hit;
  update_actions (self);
}

static void
inspect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  activate_item (self, action_target (self));
  self->menu_item = no_hit;
}

static gboolean
forget_menu_item_cb (gpointer user_data)
{
  WflSankeyView *self = user_data;

  self->menu_item = no_hit;
  update_actions (self);
  return G_SOURCE_REMOVE;
}

static void
menu_closed_cb (WflSankeyView *self)
{
  /* Forget the menu's item once its action had a chance to run. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, forget_menu_item_cb, g_object_ref (self), g_object_unref);
}

static void
popup_menu (WflSankeyView *self,
            WflSankeyHit   item,
            double         x,
            double         y)
{
  self->menu_item = item;
  update_actions (self);
  if (self->menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenu) item_section = g_menu_new ();
      g_autoptr(GMenu) zoom_section = g_menu_new ();

      g_menu_append (item_section, _("Show in _Inspector"), "sankey.inspect");
      g_menu_append (item_section, _("_Unpin Node"), "sankey.unpin");
      g_menu_append (zoom_section, _("Zoom _In"), "sankey.zoom-in");
      g_menu_append (zoom_section, _("Zoom _Out"), "sankey.zoom-out");
      g_menu_append (zoom_section, _("_Reset Zoom"), "sankey.zoom-reset");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (item_section));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (zoom_section));
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      g_signal_connect_object (self->menu, "closed", G_CALLBACK (menu_closed_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* Keyboard --------------------------------------------------------------- */

/* The largest band into (upstream) or out of (downstream) node v, or
 * G_MAXUINT. */
static guint
largest_link (WflSankeyView *self,
              guint          v,
              gboolean       downstream)
{
  guint best = G_MAXUINT;
  double best_value = -1;

  for (guint l = 0; l < wfl_sankey_graph_get_n_links (self->graph); l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (self->graph, l);

      if ((downstream ? link->source : link->target) == v && link->value > best_value)
        {
          best = l;
          best_value = link->value;
        }
    }
  return best;
}

/* The band beside l at its source (by where it leaves), or G_MAXUINT. */
static guint
sibling_link (WflSankeyView *self,
              guint          l,
              int            direction)
{
  const WflSankeyLink *link = wfl_sankey_graph_get_link (self->graph, l);
  double y = wfl_sankey_layout_get_link (self->layout, l)->y0;
  guint best = G_MAXUINT;
  double best_dy = G_MAXDOUBLE;

  for (guint k = 0; k < wfl_sankey_graph_get_n_links (self->graph); k++)
    {
      double dy;

      if (k == l || wfl_sankey_graph_get_link (self->graph, k)->source != link->source)
        continue;
      dy = (wfl_sankey_layout_get_link (self->layout, k)->y0 - y) * direction;
      if ((dy > 0 || (dy == 0 && (k > l) == (direction > 0))) && dy < best_dy)
        {
          best = k;
          best_dy = dy;
        }
    }
  return best;
}

static int
order_position (WflSankeyView *self,
               guint          v)
{
  guint n = wfl_sankey_graph_get_n_nodes (self->graph);

  for (guint i = 0; i < n; i++)
    if (self->node_order[i] == v)
      return i;
  return -1;
}

static WflSankeyHit
node_hit (guint v)
{
  WflSankeyHit hit = { WFL_SANKEY_HIT_NODE, v };

  return hit;
}

static WflSankeyHit
link_hit (guint l)
{
  WflSankeyHit hit = { WFL_SANKEY_HIT_LINK, l };

  return hit;
}

/* Where an arrow key goes from the focus; no_hit when nowhere. */
static WflSankeyHit
navigate (WflSankeyView *self,
          guint          keyval,
          gboolean       along_bands)
{
  WflSankeyHit f = self->focus;
  gboolean right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
  gboolean left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;
  gboolean down = keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down;
  guint n = wfl_sankey_graph_get_n_nodes (self->graph);

  if (f.kind == WFL_SANKEY_HIT_NODE)
    {
      if (left || right)
        {
          guint l = largest_link (self, f.index, right);
          const WflSankeyLink *link;

          if (l == G_MAXUINT)
            return no_hit;
          if (along_bands)
            return link_hit (l);
          link = wfl_sankey_graph_get_link (self->graph, l);
          return node_hit (right ? link->target : link->source);
        }
      else
        {
          /* Up and down: the next node of the column. */
          int i = order_position (self, f.index) + (down ? 1 : -1);
          guint column = wfl_sankey_layout_get_node (self->layout, f.index)->column;

          if (i < 0 || (guint) i >= n ||
              wfl_sankey_layout_get_node (self->layout, self->node_order[i])->column != column)
            return no_hit;
          return node_hit (self->node_order[i]);
        }
    }
  else if (f.kind == WFL_SANKEY_HIT_LINK)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (self->graph, f.index);

      if (left || right)
        {
          guint v = right ? link->target : link->source;
          guint l;

          if (!along_bands)
            return node_hit (v);
          /* Along the bands: on through the next node's largest band. */
          l = largest_link (self, v, right);
          return l == G_MAXUINT ? node_hit (v) : link_hit (l);
        }
      else
        {
          guint l = sibling_link (self, f.index, down ? 1 : -1);

          return l == G_MAXUINT ? no_hit : link_hit (l);
        }
    }
  return no_hit;
}

/* The focus when the view gets it without one: the selection, else the
 * first (or last) node in reading order. */
static WflSankeyHit
initial_focus (WflSankeyView *self,
               gboolean       last)
{
  guint n;

  if (!layout_current (self))
    return no_hit;
  if (self->selected.kind != WFL_SANKEY_HIT_NONE)
    return self->selected;
  n = wfl_sankey_graph_get_n_nodes (self->graph);
  if (n == 0)
    return no_hit;
  return node_hit (self->node_order[last ? n - 1 : 0]);
}

static gboolean
key_pressed (WflSankeyView   *self,
             guint            keyval,
             GdkModifierType  state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  WflSankeyHit next;

  state &= gtk_accelerator_get_default_mod_mask ();
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->selected.kind == WFL_SANKEY_HIT_NONE && self->hover.kind == WFL_SANKEY_HIT_NONE)
        return FALSE;
      if (self->document != NULL)
        wfl_document_select_none (self->document);
      set_hover (self, no_hit);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (self->focus.kind == WFL_SANKEY_HIT_NONE || !layout_current (self))
        return FALSE;
      activate_item (self, self->focus);
      return TRUE;

    case GDK_KEY_Menu:
    case GDK_KEY_F10:
      if (keyval == GDK_KEY_F10 && !shift)
        return FALSE;
      {
        graphene_rect_t r = item_rect (self, self->focus);

        popup_menu (self, self->focus, r.origin.x + r.size.width / 2, r.origin.y + r.size.height / 2);
      }
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (!layout_current (self))
        return FALSE;
      if (self->focus.kind == WFL_SANKEY_HIT_NONE)
        next = initial_focus (self, FALSE);
      else
        next = navigate (self, keyval, shift);
      if (next.kind != WFL_SANKEY_HIT_NONE)
        set_focus_item (self, next);
      else
        gtk_widget_error_bell (GTK_WIDGET (self));
      /* Arrows stay in the chart. */
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_End:
      next = initial_focus (self, keyval == GDK_KEY_End);
      if (self->selected.kind != WFL_SANKEY_HIT_NONE && self->graph != NULL &&
          wfl_sankey_graph_get_n_nodes (self->graph) > 0)
        next = node_hit (self->node_order[keyval == GDK_KEY_End ? wfl_sankey_graph_get_n_nodes (self->graph) - 1 : 0]);
      if (next.kind == WFL_SANKEY_HIT_NONE)
        return FALSE;
      set_focus_item (self, next);
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
key_pressed_cb (WflSankeyView         *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (!key_pressed (self, keyval, state))
    return FALSE;
  /* The window shows focus rings after Tab; arrows handled here never
   * reach it, so the view keeps its own flag. */
  if (!self->keyboard_used)
    {
      self->keyboard_used = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return TRUE;
}

/* Tab moves through the nodes in reading order, then on out of the view. */
static gboolean
wfl_sankey_view_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);
  gboolean backward = direction == GTK_DIR_TAB_BACKWARD;
  int i, n;

  if (!gtk_widget_get_focusable (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;

  if (!gtk_widget_is_focus (widget))
    {
      gtk_widget_grab_focus (widget);
      if (layout_current (self) &&
          (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD))
        set_focus_item (self, initial_focus (self, backward));
      return TRUE;
    }

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return FALSE;
  if (!layout_current (self))
    return FALSE;

  n = wfl_sankey_graph_get_n_nodes (self->graph);
  if (self->focus.kind == WFL_SANKEY_HIT_NODE)
    i = order_position (self, self->focus.index) + (backward ? -1 : 1);
  else if (self->focus.kind == WFL_SANKEY_HIT_LINK)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (self->graph, self->focus.index);

      i = order_position (self, backward ? link->source : link->target);
    }
  else
    i = backward ? n - 1 : 0;

  if (i < 0 || i >= n)
    {
      set_focus_item (self, no_hit);
      return FALSE;
    }
  self->keyboard_used = TRUE;
  set_focus_item (self, node_hit (self->node_order[i]));
  return TRUE;
}

static void
focus_changed_cb (WflSankeyView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Accessibility and actions ----------------------------------------------- */

static void
update_accessible (WflSankeyView *self)
{
  g_autofree char *text = describe_item (self, self->focus);

  if (text == NULL && layout_current (self))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Flows between %u node; use the arrow keys to move between them",
                                         "Flows between %u nodes; use the arrow keys to move between them",
                                         wfl_sankey_graph_get_n_nodes (self->graph)),
                            wfl_sankey_graph_get_n_nodes (self->graph));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text ? text : self->message,
                                  -1);
}

static void
update_actions (WflSankeyView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  WflSankeyHit target = action_target (self);

  gtk_widget_action_set_enabled (widget, "sankey.zoom-in", self->zoom < WFL_SANKEY_VIEW_MAX_ZOOM);
  gtk_widget_action_set_enabled (widget, "sankey.zoom-out", self->zoom > WFL_SANKEY_VIEW_MIN_ZOOM);
  gtk_widget_action_set_enabled (widget, "sankey.zoom-reset", self->zoom != 1.0);
  gtk_widget_action_set_enabled (widget, "sankey.unpin", item_pin (self, target) != NULL);
  gtk_widget_action_set_enabled (widget, "sankey.inspect",
                                 target.kind != WFL_SANKEY_HIT_NONE && layout_current (self));
}

static void
document_changed_cb (WflSankeyView *self)
{
  /* Pins are read from the scenario when the graph is rebuilt (after the
   * re-simulation); the unpin action may change state now. */
  update_actions (self);
}

/* Document ------------------------------------------------------------------ */

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
      g_signal_connect_object (document, "selection-changed", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
    }
  rebuild_graph (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
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
  set_zoom_at (self, zoom, MARGIN + self->width / 2.0, MARGIN + self->height / 2.0);
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

gboolean
_wfl_sankey_view_is_busy (WflSankeyView *self)
{
  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), FALSE);
  return self->layout_running || self->paint_running;
}

void
_wfl_sankey_view_click_at (WflSankeyView *self,
                           double         x,
                           double         y)
{
  g_return_if_fail (WFL_IS_SANKEY_VIEW (self));
  self->drag_moved = FALSE;
  pressed (self, GDK_BUTTON_PRIMARY, 1, x, y);
  released (self);
}

void
_wfl_sankey_view_drag (WflSankeyView *self,
                       double         x,
                       double         y,
                       double         dx,
                       double         dy)
{
  g_return_if_fail (WFL_IS_SANKEY_VIEW (self));
  self->drag_moved = FALSE;
  pressed (self, GDK_BUTTON_PRIMARY, 1, x, y);
  drag_begin_cb (self, x, y, NULL);
  /* The gesture is only told to claim its sequence when there is one. */
  if (hypot (dx, dy) >= DRAG_THRESHOLD && self->drag_mode != DRAG_NONE)
    self->drag_moved = TRUE;
  drag_update_cb (self, dx, dy, NULL);
  drag_end_cb (self, dx, dy, NULL);
  released (self);
}

gboolean
_wfl_sankey_view_key_press (WflSankeyView   *self,
                            guint            keyval,
                            GdkModifierType  state)
{
  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), FALSE);
  return key_pressed (self, keyval, state);
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
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  clear_chart (self);
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
  widget_class->focus = wfl_sankey_view_focus;

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

  gtk_widget_class_set_css_name (widget_class, "sankeyview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  gtk_widget_class_install_action (widget_class, "sankey.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "sankey.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "sankey.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "sankey.unpin", NULL, unpin_action);
  gtk_widget_class_install_action (widget_class, "sankey.inspect", NULL, inspect_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "sankey.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "sankey.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "sankey.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "sankey.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "sankey.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "sankey.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "sankey.zoom-reset", NULL);
}

static void
wfl_sankey_view_init (WflSankeyView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->last_paint_ms = -1;
  self->first_week = self->last_week = -1;
  self->message = g_strdup (_("No scenario"));

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect_swapped (widget, "notify::has-focus", G_CALLBACK (focus_changed_cb), self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, controller);

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sankey diagram of the flows"),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, "Control+plus Control+minus Control+0",
                                  -1);
  update_actions (self);
}
