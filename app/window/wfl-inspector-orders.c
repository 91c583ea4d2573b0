/* wfl-inspector-orders.c: the inspector's orders of a customer
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-format.h"
#include "wfl-inspector-private.h"

static void
add_order_clicked_cb (WflInspector *self,
                      GtkButton    *button)
{
  const char *node_id = g_object_get_data (G_OBJECT (button), "wfl-target");
  g_autofree char *node = g_strdup (node_id);
  g_autofree char *order_id = NULL;

  _wfl_inspector_set_in_callback (self, TRUE);
  order_id = wfl_document_add_order (wfl_inspector_get_document (self), node);
  _wfl_inspector_set_in_callback (self, FALSE);
  if (order_id != NULL)
    {
      g_autofree char *expander = g_strconcat ("order.", order_id, NULL);
      g_autofree char *quantity = g_strdup_printf ("order.%s.quantity", order_id);

      _wfl_inspector_expand (self, expander);
      /* On to the new order's quantity, not the node's Id (typing there
       * would rename the node). */
      _wfl_inspector_focus_after_rebuild (self, quantity);
    }
}

static void
remove_order_clicked_cb (WflInspector *self,
                         GtkButton    *button)
{
  const char *order_id = g_object_get_data (G_OBJECT (button), "wfl-target");
  g_autofree char *node = g_strdup (wfl_document_get_selected_node (wfl_inspector_get_document (self)));
  g_autofree char *order = g_strdup (order_id);

  _wfl_inspector_set_in_callback (self, TRUE);
  wfl_document_remove_order (wfl_inspector_get_document (self), node, order);
  _wfl_inspector_set_in_callback (self, FALSE);
}

void
_wfl_inspector_build_orders (WflInspector *self,
                             WflNode      *node)
{
  GtkWidget *group, *button;
  const char *selected_order = wfl_document_get_selected_order (wfl_inspector_get_document (self));

  group = _wfl_inspector_add_group (self, _("Orders"),
                     node->orders->len == 0 ? _("No orders yet: this customer asks for nothing.") : NULL);
  button = _wfl_inspector_header_button (group, "list-add-symbolic", _("Add Order"));
  g_object_set_data_full (G_OBJECT (button), "wfl-target", g_strdup (node->id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (add_order_clicked_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < node->orders->len; i++)
    {
      WflOrder *order = g_ptr_array_index (node->orders, i);
      g_autofree char *quantity = wfl_format_number_locale (order->quantity, FALSE);
      g_autofree char *placed = order->placed == WFL_DATE_NONE ? g_strdup ("") : wfl_date_format (order->placed);
      g_autofree char *due = order->due == WFL_DATE_NONE ? g_strdup ("") : wfl_date_format (order->due);
      g_autofree char *shown_quantity = wfl_format_number_locale (order->quantity, TRUE);
      g_autofree char *shown_placed = wfl_format_date_locale (order->placed);
      g_autofree char *shown_due = wfl_format_date_locale (order->due);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *caption = _wfl_inspector_describe_source (self, order->source, order->confidence);
      g_autofree char *expander_key = g_strconcat ("order.", order->id, NULL);
      g_autofree char *priority = g_strdup_printf ("%d", order->priority);
      GtkWidget *expander;
      char *k;

      /* Translators: an order, "meta-2023q3 · 35,000 gpu" */
      title = g_strdup_printf (_("%s · %s %s"), order->id, shown_quantity, node->unit ? node->unit : "");
      if (order->due != WFL_DATE_NONE)
        subtitle = g_strdup_printf (_("Placed %s, due %s"), shown_placed, shown_due);
      else
        subtitle = g_strdup_printf (_("Placed %s, no due date"), shown_placed);
      if (caption != NULL)
        {
          char *tmp = g_strdup_printf ("%s\n%s", subtitle, caption);

          g_free (subtitle);
          subtitle = tmp;
        }

      expander = _wfl_inspector_add_expander (self, group, expander_key, title, subtitle,
                               g_strcmp0 (selected_order, order->id) == 0);

      k = g_strdup_printf ("order.%s.id", order->id);
      _wfl_inspector_add_entry (self, expander, _wfl_inspector_field_new (F_ORDER_ID, k, node->id, -1, order->id), order->id, NULL);
      g_free (k);
      k = g_strdup_printf ("order.%s.quantity", order->id);
      _wfl_inspector_add_entry (self, expander, _wfl_inspector_field_new (F_ORDER_QUANTITY, k, node->id, -1, order->id), quantity, node->unit);
      g_free (k);
      k = g_strdup_printf ("order.%s.placed", order->id);
      _wfl_inspector_add_entry (self, expander, _wfl_inspector_field_new (F_ORDER_PLACED, k, node->id, -1, order->id), placed, NULL);
      g_free (k);
      k = g_strdup_printf ("order.%s.due", order->id);
      _wfl_inspector_add_entry (self, expander, _wfl_inspector_field_new (F_ORDER_DUE, k, node->id, -1, order->id), due, _("optional"));
      g_free (k);
      k = g_strdup_printf ("order.%s.priority", order->id);
      _wfl_inspector_add_entry (self, expander, _wfl_inspector_field_new (F_ORDER_PRIORITY, k, node->id, -1, order->id), priority,
                 _("lower first"));
      g_free (k);

      _wfl_inspector_add_button_row (expander, _("_Remove Order"), "error",
                      G_CALLBACK (remove_order_clicked_cb), self, g_strdup (order->id));
    }
}
