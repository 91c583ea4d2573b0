/* wfl-sankey-view-input.c: the Sankey view under the pointer
 *
 * Zooming (Control and the wheel, pinching) and panning (the wheel, a drag
 * on the background); hovering, which repaints only the overlay, and the
 * tooltips of nodes and bands; clicks, which select, activate or unpin;
 * and dragging a node to pin it to a column and a place in it.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-sankey-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "wfl-format.h"
#include "wfl-sankey-graph.h"
#include "wfl-sankey-layout.h"
#include "wfl-sankey-render.h"
#include "wfl-sankey-view-private.h"

#define DRAG_THRESHOLD        4.0

/* Zoom and pan ----------------------------------------------------------- */

static void
pan_by (WflSankeyView *self,
        double         dx,
        double         dy)
{
  double x = self->pan_x, y = self->pan_y;

  self->pan_x += dx;
  self->pan_y += dy;
  _wfl_sankey_view_clamp_pan (self);
  if (x != self->pan_x || y != self->pan_y)
    gtk_widget_queue_draw (GTK_WIDGET (self));
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
      _wfl_sankey_view_set_zoom_at (self, self->zoom * pow (discrete ? ZOOM_STEP : 1.01, -dy), self->pointer_x, self->pointer_y);
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
  _wfl_sankey_view_set_zoom_at (self, self->gesture_zoom * scale, x, y);
}

/* Pointer ---------------------------------------------------------------- */

void
_wfl_sankey_view_set_hover (WflSankeyView *self,
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
    _wfl_sankey_view_set_hover (self, _wfl_sankey_view_hit_test (self, x, y));
}

static void
leave_cb (WflSankeyView            *self,
          GtkEventControllerMotion *motion)
{
  if (self->drag_mode == DRAG_NONE)
    _wfl_sankey_view_set_hover (self, no_hit);
}

/* The name of the quota period that starts in week first: "Q3 2023",
 * "Jul 2023", or the week's date. */
static char *
period_label (WflSankeyView *self,
              WflPeriod      period,
              int            first)
{
  WflDate date = wfl_simulation_get_week_date (self->simulation, first);
  int y, m, d;
  GDate gdate;
  char buf[64];

  wfl_date_to_ymd (date, &y, &m, &d);
  switch (period)
    {
    case WFL_PERIOD_QUARTER:
      /* Translators: a calendar quarter, "Q3 2023" */
      return g_strdup_printf (_("Q%d %d"), (m - 1) / 3 + 1, y);
    case WFL_PERIOD_MONTH:
      g_date_clear (&gdate, 1);
      g_date_set_dmy (&gdate, 1, m, y);
      /* Translators: a month in tooltips, see strftime(3): "Jul 2023" */
      if (g_date_strftime (buf, sizeof buf, _("%b %Y"), &gdate) > 0)
        return g_strdup (buf);
      return g_strdup_printf ("%04d-%02d", y, m);
    case WFL_PERIOD_WEEK:
    default:
      return wfl_format_date_locale (date);
    }
}

/* Format version 2: a band's quotas in the periods the window touches
 * (own quota, what grants gave and took, what was delivered), and the
 * weeks of the window it was closed. */
static void
append_allocation (WflSankeyView *self,
                   GString       *text,
                   guint          l,
                   const char    *unit)
{
  int last = self->first_week + _wfl_sankey_view_window_weeks (self) - 1;
  guint from = wfl_simulation_get_link_from (self->simulation, l);
  int shown = 0, closed = 0, row = -1;

  for (int t = self->first_week; t <= last; t++)
    {
      int r = wfl_simulation_find_quota_period (self->simulation, l, t);

      closed += !wfl_simulation_link_is_open (self->simulation, l, t);
      if (r < 0 || r == row)
        continue;
      row = r;
      if (shown++ < 4)
        {
          WflQuotaPeriod q;
          g_autofree char *label = NULL, *quota = NULL, *granted = NULL, *given = NULL, *delivered = NULL;

          wfl_simulation_get_quota_period (self->simulation, r, &q);
          label = period_label (self, wfl_simulation_get_node_quota_period (self->simulation, from), q.first_week);
          quota = wfl_sankey_format_quantity (q.quota, unit);
          granted = wfl_sankey_format_quantity (q.granted, unit);
          given = wfl_sankey_format_quantity (q.given_up, unit);
          delivered = wfl_sankey_format_quantity (q.delivered, unit);
          if (q.granted > 0 && q.given_up > 0)
            /* Translators: a band's quota in a period (tooltip) */
            g_string_append_printf (text, _("\n%s: quota %s, %s granted, %s given up, delivered %s"),
                                    label, quota, granted, given, delivered);
          else if (q.granted > 0)
            /* Translators: a band's quota in a period (tooltip) */
            g_string_append_printf (text, _("\n%s: quota %s, %s granted, delivered %s"),
                                    label, quota, granted, delivered);
          else if (q.given_up > 0)
            /* Translators: a band's quota in a period (tooltip) */
            g_string_append_printf (text, _("\n%s: quota %s, %s given up, delivered %s"),
                                    label, quota, given, delivered);
          else
            /* Translators: a band's quota in a period (tooltip) */
            g_string_append_printf (text, _("\n%s: quota %s, delivered %s"), label, quota, delivered);
        }
    }
  if (shown > 4)
    /* Translators: after the quotas of four periods in a tooltip */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "\n… and %d more period",
                                               "\n… and %d more periods", shown - 4), shown - 4);
  if (closed > 0)
    /* Translators: tooltip of a band closed by date (export controls) */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "\nClosed in %d of the window’s %d week",
                                               "\nClosed in %d of the window’s %d weeks",
                                               last - self->first_week + 1),
                            closed, last - self->first_week + 1);
}

char *
_wfl_sankey_view_tooltip_markup (WflSankeyView *self,
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

      _wfl_sankey_view_node_figures (self, item.index, &per_week, &capacity, &used, &bound);
      rate = wfl_sankey_format_quantity (per_week, node->unit);
      total = wfl_sankey_format_quantity (per_week * _wfl_sankey_view_window_weeks (self), node->unit);
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
                                                       _wfl_sankey_view_window_weeks (self)),
                                    bound, _wfl_sankey_view_window_weeks (self));
          else
            g_string_append (text, _("\nNot capacity-bound in this window"));
        }
      if (node->bottleneck)
        g_string_append (text, _("\n<b>Bottleneck</b>"));
      if (self->flagged_note != NULL && (int) item.index == _wfl_sankey_view_flagged_index (self))
        {
          g_autofree char *note = g_markup_escape_text (self->flagged_note, -1);

          g_string_append_printf (text, "\n<b>%s</b>", note);
        }
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
      if (self->link_map != NULL && self->link_map[item.index] < wfl_simulation_get_n_links (self->simulation))
        append_allocation (self, text, self->link_map[item.index], su);
    }
  return g_string_free (text, text->len == 0);
}

char *
_wfl_sankey_view_get_tooltip (WflSankeyView *self,
                              WflSankeyHit   item)
{
  if (item.kind == WFL_SANKEY_HIT_NONE || self->simulation == NULL || self->graph == NULL)
    return NULL;
  return _wfl_sankey_view_tooltip_markup (self, item);
}

static gboolean
query_tooltip_cb (WflSankeyView *self,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip)
{
  WflSankeyHit item = keyboard ? self->focus : _wfl_sankey_view_hit_test (self, x, y);
  g_autofree char *markup = NULL;
  graphene_rect_t r;
  GdkRectangle area;

  if (item.kind == WFL_SANKEY_HIT_NONE || !layout_current (self) || self->simulation == NULL ||
      self->drag_mode != DRAG_NONE)
    return FALSE;

  markup = _wfl_sankey_view_tooltip_markup (self, item);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);

  /* A new tooltip when the pointer moves to another item. */
  if (item.kind == WFL_SANKEY_HIT_NODE)
    r = _wfl_sankey_view_item_rect (self, item);
  else
    r = GRAPHENE_RECT_INIT (x - 2, y - 2, 4, 4);
  area = (GdkRectangle) { floor (r.origin.x), floor (r.origin.y), ceil (r.size.width) + 1, ceil (r.size.height) + 1 };
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

/* Clicks ------------------------------------------------------------------ */

static void
pressed (WflSankeyView *self,
         guint          button,
         int            n_press,
         double         x,
         double         y)
{
  WflSankeyHit hit = _wfl_sankey_view_hit_test (self, x, y);

  self->clear_on_release = FALSE;
  if (button == GDK_BUTTON_SECONDARY)
    {
      if (hit.kind != WFL_SANKEY_HIT_NONE)
        {
          _wfl_sankey_view_select_item (self, hit);
          _wfl_sankey_view_set_focus_item (self, hit);
        }
      _wfl_sankey_view_popup_menu (self, hit, x, y);
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
      if (_wfl_sankey_view_item_pin (self, hit) != NULL)
        wfl_document_remove_pin (self->document, wfl_sankey_graph_get_node (self->graph, hit.index)->id);
      else
        _wfl_sankey_view_activate_item (self, hit);
      return;
    }

  _wfl_sankey_view_select_item (self, hit);
  _wfl_sankey_view_set_focus_item (self, hit);
}

static void
released (WflSankeyView *self)
{
  if (self->clear_on_release && !self->drag_moved && self->document != NULL)
    {
      wfl_document_select_none (self->document);
      _wfl_sankey_view_set_focus_item (self, no_hit);
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
  double lx = self->drag_dx / _wfl_sankey_view_layout_scale_x (self), ly = self->drag_dy / _wfl_sankey_view_layout_scale_y (self);
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
  WflSankeyHit hit = _wfl_sankey_view_hit_test (self, x, y);

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
      _wfl_sankey_view_clamp_pan (self);
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

/* Controllers ------------------------------------------------------------- */

void
_wfl_sankey_view_input_init (WflSankeyView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

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
}

/* Test hooks ------------------------------------------------------------------ */

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
