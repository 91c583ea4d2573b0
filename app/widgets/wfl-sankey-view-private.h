/* wfl-sankey-view-private.h: hooks for the tests, and the view's internals
 *
 * Two parts: the hooks the tests drive the view with, and what the view's
 * own files (wfl-sankey-view.c and wfl-sankey-view-*.c; the top of
 * wfl-sankey-view.c says which holds what) share: the instance struct and
 * their internal functions.  Tests use only the hooks.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-chart-item.h"
#include "wfl-chart-style.h"
#include "wfl-sankey-diff.h"
#include "wfl-sankey-graph.h"
#include "wfl-sankey-layout.h"
#include "wfl-sankey-render.h"
#include "wfl-sankey-view.h"

G_BEGIN_DECLS

/* Hooks for the tests ------------------------------------------------------ */

/* The current layout (NULL before the first one), in layout coordinates. */
WflSankeyLayout *_wfl_sankey_view_get_layout       (WflSankeyView        *self);
/* What the painter is given: hover and selection. */
void             _wfl_sankey_view_get_render_state (WflSankeyView        *self,
                                                    WflSankeyRenderState *state);
WflSankeyHit     _wfl_sankey_view_get_focus_item   (WflSankeyView        *self);
/* What a screen reader hears for @item (the accessible description when
 * it has the focus); NULL for none.  Free with g_free(). */
char            *_wfl_sankey_view_describe_item    (WflSankeyView        *self,
                                                    WflSankeyHit          item);
/* TRUE while a layout or a painting is being made in a thread. */
gboolean         _wfl_sankey_view_is_busy          (WflSankeyView        *self);
/* Layout coordinates to widget coordinates, under the zoom and pan. */
void             _wfl_sankey_view_layout_to_widget (WflSankeyView        *self,
                                                    double                lx,
                                                    double                ly,
                                                    double               *wx,
                                                    double               *wy);
/* A primary click (press and release without moving) at widget (x, y). */
void             _wfl_sankey_view_click_at         (WflSankeyView        *self,
                                                    double                x,
                                                    double                y);
/* A primary-button drag from widget (x, y) by (dx, dy), released there. */
void             _wfl_sankey_view_drag             (WflSankeyView        *self,
                                                    double                x,
                                                    double                y,
                                                    double                dx,
                                                    double                dy);
/* The child widget a screen reader walks for @item (see wfl-chart-item.h);
 * NULL when it has none. */
GtkWidget       *_wfl_sankey_view_get_item_widget  (WflSankeyView        *self,
                                                    WflSankeyHit          item);
/* A key press while the view has the focus; TRUE when handled. */
gboolean         _wfl_sankey_view_key_press        (WflSankeyView        *self,
                                                    guint                 keyval,
                                                    GdkModifierType       state);

/* The tooltip of @item, in Pango markup; NULL for none. */
char            *_wfl_sankey_view_get_tooltip      (WflSankeyView        *self,
                                                    WflSankeyHit          item);

/* Internals: for wfl-sankey-view*.c only ----------------------------------- */

#define ZOOM_STEP             1.25
/* Room around the chart, in pixels. */
#define MARGIN                WFL_SANKEY_MARGIN

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
  GArray               *ranking;           /* the ranking its marks come from, or NULL */
  int                   first_week;
  int                   last_week;
  char                 *message;           /* shown when there is no graph */
  /* Comparing (wfl_sankey_view_set_baseline()): the baseline, and the
   * difference whose union graph is then graph */
  WflScenario          *baseline_scenario;
  WflSimulation        *baseline;
  WflSankeyDiff        *diff;
  /* Stable layouts: the whole calendar's layout of the results, which
   * every window's graph is pinned to */
  WflSankeyLayout      *reference;
  char                 *reference_key;     /* its graph's structure (wfl_sankey_graph_structure_key()) */
  /* The worst knock-out of an experiment (wfl_sankey_view_set_flagged_node()) */
  char                 *flagged_id;
  char                 *flagged_note;

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

  /* What a screen reader walks: an item per node and band, in reading
   * order (each node, then the bands out of it) */
  WflChartItems         items;
  GArray               *item_hits;         /* of WflSankeyHit, by item */
  WflSankeyGraph       *items_graph;       /* the graph they are of (unowned, compared only) */
};

static const WflSankeyHit no_hit = { WFL_SANKEY_HIT_NONE, 0 };

static inline gboolean
hit_equal (WflSankeyHit a,
           WflSankeyHit b)
{
  return a.kind == b.kind && (a.kind == WFL_SANKEY_HIT_NONE || a.index == b.index);
}

/* The layout is of the current graph (not an older one still shown). */
static inline gboolean
layout_current (WflSankeyView *self)
{
  return self->layout != NULL && self->graph != NULL &&
         wfl_sankey_layout_get_graph (self->layout) == self->graph;
}

static inline WflSankeyHit
node_hit (guint v)
{
  WflSankeyHit hit = { WFL_SANKEY_HIT_NODE, v };

  return hit;
}

static inline WflSankeyHit
link_hit (guint l)
{
  WflSankeyHit hit = { WFL_SANKEY_HIT_LINK, l };

  return hit;
}

/* wfl-sankey-view.c */
void             _wfl_sankey_view_ensure_style        (WflSankeyView      *self);
double           _wfl_sankey_view_layout_scale_x      (WflSankeyView      *self);
double           _wfl_sankey_view_layout_scale_y      (WflSankeyView      *self);
/* The item at widget (x, y), of the current layout. */
WflSankeyHit     _wfl_sankey_view_hit_test            (WflSankeyView      *self,
                                                       double              x,
                                                       double              y);
void             _wfl_sankey_view_clamp_pan           (WflSankeyView      *self);
graphene_rect_t  _wfl_sankey_view_item_rect           (WflSankeyView      *self,
                                                       WflSankeyHit        item);
/* Selects the item in the document (none: clears the selection). */
void             _wfl_sankey_view_select_item         (WflSankeyView      *self,
                                                       WflSankeyHit        item);
void             _wfl_sankey_view_set_focus_item      (WflSankeyView      *self,
                                                       WflSankeyHit        item);
/* Selects the item and emits ::activated. */
void             _wfl_sankey_view_activate_item       (WflSankeyView      *self,
                                                       WflSankeyHit        item);
/* Zooms keeping widget (x, y) in place; relayouts when the zooming pauses. */
void             _wfl_sankey_view_set_zoom_at         (WflSankeyView      *self,
                                                       double              zoom,
                                                       double              x,
                                                       double              y);

/* The graph's index of the flagged node, or -1. */
int              _wfl_sankey_view_flagged_index       (WflSankeyView      *self);

/* wfl-sankey-view-jobs.c */
void             _wfl_sankey_view_request_layout      (WflSankeyView      *self);
void             _wfl_sankey_view_step_window         (WflSankeyView      *self,
                                                       int                 direction);
void             _wfl_sankey_view_update_base         (WflSankeyView      *self);

/* wfl-sankey-view-input.c */
void             _wfl_sankey_view_input_init          (WflSankeyView      *self);
void             _wfl_sankey_view_set_hover           (WflSankeyView      *self,
                                                       WflSankeyHit        hit);

/* wfl-sankey-view-keyboard.c */
gboolean         _wfl_sankey_view_grab_focus          (GtkWidget          *widget);
/* TRUE when the view or one of its items has the keyboard focus. */
gboolean         _wfl_sankey_view_has_focus           (WflSankeyView      *self);
void             _wfl_sankey_view_keyboard_init       (WflSankeyView      *self);
gboolean         _wfl_sankey_view_focus               (GtkWidget          *widget,
                                                       GtkDirectionType    direction);
void             _wfl_sankey_view_compute_node_order  (WflSankeyView      *self);

/* wfl-sankey-view-actions.c */
void             _wfl_sankey_view_class_actions_init  (WflSankeyViewClass *klass);
void             _wfl_sankey_view_update_actions      (WflSankeyView      *self);
const WflPin    *_wfl_sankey_view_item_pin            (WflSankeyView      *self,
                                                       WflSankeyHit        item);
void             _wfl_sankey_view_popup_menu          (WflSankeyView      *self,
                                                       WflSankeyHit        item,
                                                       double              x,
                                                       double              y);

/* wfl-sankey-view-input.c */
char            *_wfl_sankey_view_tooltip_markup      (WflSankeyView      *self,
                                                       WflSankeyHit        item);

/* wfl-sankey-view-a11y.c */
void             _wfl_sankey_view_update_accessible   (WflSankeyView      *self);
/* Makes the items those of the current layout's graph. */
void             _wfl_sankey_view_sync_items          (WflSankeyView      *self);
/* The item's index among the items, or G_MAXUINT. */
guint            _wfl_sankey_view_item_index          (WflSankeyView      *self,
                                                       WflSankeyHit        item);
/* Gives the focus item's widget the keyboard focus. */
gboolean         _wfl_sankey_view_focus_item_widget   (WflSankeyView      *self);
void             _wfl_sankey_view_allocate_items      (WflSankeyView      *self);
void             _wfl_sankey_view_update_item_selection (WflSankeyView    *self,
                                                         WflSankeyHit      old_selected);
int              _wfl_sankey_view_window_weeks        (WflSankeyView      *self);
void             _wfl_sankey_view_node_figures        (WflSankeyView      *self,
                                                       guint               v,
                                                       double             *per_week,
                                                       double             *capacity,
                                                       double             *used,
                                                       guint              *bound);

G_END_DECLS
