/* wfl-chart-item.c: an item of a drawn chart, as a screen reader walks it
 *
 * GTK 4.8 has no accessible objects but widgets (GtkAccessible can be
 * implemented outside GTK from 4.10 on), so the nodes and bands of the
 * Sankey and the rows of the Gantt are given to screen readers as child
 * widgets of the chart: list items that draw nothing, take no pointer
 * events and lie over what they stand for.  The chart moves the keyboard
 * focus between them, so every move is a focus event on a named object.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-chart-item"

#include "config.h"

#include <math.h>

#include "wfl-chart-item.h"

struct _WflChartItem
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (WflChartItem, wfl_chart_item, GTK_TYPE_WIDGET)

static void
wfl_chart_item_class_init (WflChartItemClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "chartitem");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

static void
wfl_chart_item_init (WflChartItem *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, FALSE);
  gtk_widget_set_can_target (widget, FALSE);
}

void
wfl_chart_items_init (WflChartItems *items,
                      GtkWidget     *parent)
{
  items->parent = parent;
  items->items = g_ptr_array_new ();
}

void
wfl_chart_items_clear (WflChartItems *items)
{
  if (items->items == NULL)
    return;
  wfl_chart_items_set_n (items, 0);
  g_clear_pointer (&items->items, g_ptr_array_unref);
}

void
wfl_chart_items_set_n (WflChartItems *items,
                       guint          n)
{
  while (items->items->len > n)
    {
      GtkWidget *item = g_ptr_array_steal_index (items->items, items->items->len - 1);

      gtk_widget_unparent (item);
    }
  while (items->items->len < n)
    {
      GtkWidget *item = g_object_new (WFL_TYPE_CHART_ITEM, NULL);

      gtk_widget_set_parent (item, items->parent);
      g_ptr_array_add (items->items, item);
    }
}

guint
wfl_chart_items_get_n (WflChartItems *items)
{
  return items->items != NULL ? items->items->len : 0;
}

GtkWidget *
wfl_chart_items_get (WflChartItems *items,
                     guint          i)
{
  return items->items != NULL && i < items->items->len ? g_ptr_array_index (items->items, i) : NULL;
}

void
wfl_chart_items_set (WflChartItems *items,
                     guint          i,
                     const char    *name,
                     const char    *description,
                     gboolean       selected)
{
  GtkWidget *item = wfl_chart_items_get (items, i);

  g_return_if_fail (item != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name ? name : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description ? description : "",
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
}

void
wfl_chart_items_set_selected (WflChartItems *items,
                              guint          i,
                              gboolean       selected)
{
  GtkWidget *item = wfl_chart_items_get (items, i);

  if (item != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
}

void
wfl_chart_items_allocate (WflChartItems         *items,
                          guint                  i,
                          const graphene_rect_t *rect)
{
  GtkWidget *item = wfl_chart_items_get (items, i);
  int min;

  if (item == NULL)
    return;
  /* GTK wants a measure before an allocation; an item asks for nothing. */
  gtk_widget_measure (item, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_size_allocate (item,
                            &(GtkAllocation) { (int) floor (rect->origin.x), (int) floor (rect->origin.y),
                                               MAX (1, (int) ceil (rect->size.width)),
                                               MAX (1, (int) ceil (rect->size.height)) },
                            -1);
}

int
wfl_chart_items_get_focus (WflChartItems *items)
{
  GtkWidget *focus = gtk_widget_get_focus_child (items->parent);

  for (guint i = 0; focus != NULL && items->items != NULL && i < items->items->len; i++)
    if (g_ptr_array_index (items->items, i) == focus && gtk_widget_has_focus (focus))
      return (int) i;
  return -1;
}

gboolean
wfl_chart_items_grab_focus (WflChartItems *items,
                            guint          i)
{
  GtkWidget *item = wfl_chart_items_get (items, i);

  return item != NULL && gtk_widget_grab_focus (item);
}
