/* wfl-sankey-view-actions.c: the Sankey view's actions and context menu
 *
 * sankey.zoom-in, sankey.zoom-out and sankey.zoom-reset (also on Control
 * +, - and 0), sankey.unpin and sankey.inspect, which act on the item the
 * context menu was opened on, else on the focus, else on the selection;
 * and the context menu that offers them.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-sankey-view"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "wfl-sankey-graph.h"
#include "wfl-sankey-view-private.h"

/* Zoom ---------------------------------------------------------------------- */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  _wfl_sankey_view_set_zoom_at (self, self->zoom * ZOOM_STEP, MARGIN + self->width / 2.0, MARGIN + self->height / 2.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  _wfl_sankey_view_set_zoom_at (self, self->zoom / ZOOM_STEP, MARGIN + self->width / 2.0, MARGIN + self->height / 2.0);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  _wfl_sankey_view_set_zoom_at (self, 1.0, 0, 0);
}

/* Pins ------------------------------------------------------------------------ */

const WflPin *
_wfl_sankey_view_item_pin (WflSankeyView *self,
                           WflSankeyHit   item)
{
  if (item.kind != WFL_SANKEY_HIT_NODE || self->document == NULL || self->graph == NULL)
    return NULL;
  return wfl_document_get_pin (self->document, wfl_sankey_graph_get_node (self->graph, item.index)->id);
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

  if (_wfl_sankey_view_item_pin (self, item) != NULL)
    wfl_document_remove_pin (self->document, wfl_sankey_graph_get_node (self->graph, item.index)->id);
  self->menu_item = no_hit;
  _wfl_sankey_view_update_actions (self);
}

static void
inspect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WflSankeyView *self = WFL_SANKEY_VIEW (widget);

  _wfl_sankey_view_activate_item (self, action_target (self));
  self->menu_item = no_hit;
}

static gboolean
forget_menu_item_cb (gpointer user_data)
{
  WflSankeyView *self = user_data;

  self->menu_item = no_hit;
  _wfl_sankey_view_update_actions (self);
  return G_SOURCE_REMOVE;
}

static void
menu_closed_cb (WflSankeyView *self)
{
  /* Forget the menu's item once its action had a chance to run. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, forget_menu_item_cb, g_object_ref (self), g_object_unref);
}

void
_wfl_sankey_view_popup_menu (WflSankeyView *self,
                             WflSankeyHit   item,
                             double         x,
                             double         y)
{
  self->menu_item = item;
  _wfl_sankey_view_update_actions (self);
  if (self->menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenu) item_section = g_menu_new ();
      g_autoptr(GMenu) zoom_section = g_menu_new ();

      g_menu_append (item_section, _("Show in _Inspector"), "sankey.inspect");
      g_menu_append (item_section, _("_Unpin Node"), "sankey.unpin");
      /* The window's: the Figures view's time series of the selection. */
      g_menu_append (item_section, _("Show _Time Series"), "win.show-series");
      g_menu_append (item_section, _("Show _Quoted Lead Time"), "win.show-lead-time");
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

/* Enabling and installing ------------------------------------------------- */

void
_wfl_sankey_view_update_actions (WflSankeyView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  WflSankeyHit target = action_target (self);

  gtk_widget_action_set_enabled (widget, "sankey.zoom-in", self->zoom < WFL_SANKEY_VIEW_MAX_ZOOM);
  gtk_widget_action_set_enabled (widget, "sankey.zoom-out", self->zoom > WFL_SANKEY_VIEW_MIN_ZOOM);
  gtk_widget_action_set_enabled (widget, "sankey.zoom-reset", self->zoom != 1.0);
  gtk_widget_action_set_enabled (widget, "sankey.unpin", _wfl_sankey_view_item_pin (self, target) != NULL);
  gtk_widget_action_set_enabled (widget, "sankey.inspect",
                                 target.kind != WFL_SANKEY_HIT_NONE && layout_current (self));
}

void
_wfl_sankey_view_class_actions_init (WflSankeyViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
