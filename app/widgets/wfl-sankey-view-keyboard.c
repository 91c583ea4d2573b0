/* wfl-sankey-view-keyboard.c: the Sankey view from the keyboard
 *
 * The keyboard focus is an item of the chart (a node or a band), shown by
 * a ring in the overlay.  The arrows move it along the bands and within a
 * column, Shift with them along the bands themselves; Tab enters the
 * view on an item and leaves it in the next step; Enter activates, Menu or Shift+F10 opens the context menu, Escape
 * clears the selection.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-sankey-view"

#include "config.h"

#include <gtk/gtk.h>

#include "wfl-sankey-graph.h"
#include "wfl-sankey-layout.h"
#include "wfl-sankey-render.h"
#include "wfl-sankey-view-private.h"

/* Reading order ------------------------------------------------------------ */

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

void
_wfl_sankey_view_compute_node_order (WflSankeyView *self)
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
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      /* The previous or next quarter, as the time bar does. */
      _wfl_sankey_view_step_window (self, keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up ? -1 : 1);
      return TRUE;

    case GDK_KEY_Escape:
      if (self->selected.kind == WFL_SANKEY_HIT_NONE && self->hover.kind == WFL_SANKEY_HIT_NONE)
        return FALSE;
      if (self->document != NULL)
        wfl_document_select_none (self->document);
      _wfl_sankey_view_set_hover (self, no_hit);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (self->focus.kind == WFL_SANKEY_HIT_NONE || !layout_current (self))
        return FALSE;
      _wfl_sankey_view_activate_item (self, self->focus);
      return TRUE;

    case GDK_KEY_Menu:
    case GDK_KEY_F10:
      if (keyval == GDK_KEY_F10 && !shift)
        return FALSE;
      {
        graphene_rect_t r = _wfl_sankey_view_item_rect (self, self->focus);

        _wfl_sankey_view_popup_menu (self, self->focus, r.origin.x + r.size.width / 2, r.origin.y + r.size.height / 2);
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
        _wfl_sankey_view_set_focus_item (self, next);
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
      _wfl_sankey_view_set_focus_item (self, next);
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

gboolean
_wfl_sankey_view_has_focus (WflSankeyView *self)
{
  return gtk_widget_has_focus (GTK_WIDGET (self)) || wfl_chart_items_get_focus (&self->items) >= 0;
}

/* The focus into the chart goes to an item: the focus item, else the
 * selection, else the first (or last) node in reading order. */
static gboolean
focus_an_item (WflSankeyView *self,
               gboolean       last)
{
  WflSankeyHit item = self->focus.kind != WFL_SANKEY_HIT_NONE ? self->focus : initial_focus (self, last);

  if (_wfl_sankey_view_item_index (self, item) == G_MAXUINT)
    return FALSE;
  self->focus = item;
  _wfl_sankey_view_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return _wfl_sankey_view_focus_item_widget (self);
}

gboolean
_wfl_sankey_view_grab_focus (GtkWidget *widget)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  if (focus_an_item (self, FALSE))
    return TRUE;
  return GTK_WIDGET_GET_CLASS (widget) != NULL &&
         GTK_WIDGET_CLASS (g_type_class_peek_parent (GTK_WIDGET_GET_CLASS (widget)))->grab_focus (widget);
}

/* Tab enters the chart in one step, on an item, and leaves it in the next;
 * inside, the arrows move between the items (key_pressed()). */
gboolean
_wfl_sankey_view_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);
  gboolean backward = direction == GTK_DIR_TAB_BACKWARD || direction == GTK_DIR_UP ||
                      direction == GTK_DIR_LEFT;

  if (!gtk_widget_get_focusable (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;
  if (_wfl_sankey_view_has_focus (self))
    return FALSE;
  if (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD)
    self->keyboard_used = TRUE;
  if (focus_an_item (self, backward))
    return TRUE;
  return GTK_WIDGET_CLASS (g_type_class_peek_parent (GTK_WIDGET_GET_CLASS (widget)))->grab_focus (widget);
}

static void
focus_changed_cb (WflSankeyView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Controllers ------------------------------------------------------------- */

void
_wfl_sankey_view_keyboard_init (WflSankeyView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;

  /* The focus ring follows the focus into the items and out. */
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "notify::contains-focus", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, controller);
}

/* Test hooks ------------------------------------------------------------------ */

gboolean
_wfl_sankey_view_key_press (WflSankeyView   *self,
                            guint            keyval,
                            GdkModifierType  state)
{
  g_return_val_if_fail (WFL_IS_SANKEY_VIEW (self), FALSE);
  return key_pressed (self, keyval, state);
}
