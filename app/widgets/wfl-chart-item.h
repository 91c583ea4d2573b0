/* wfl-chart-item.h: an item of a drawn chart, as a screen reader walks it
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WFL_TYPE_CHART_ITEM (wfl_chart_item_get_type ())

G_DECLARE_FINAL_TYPE (WflChartItem, wfl_chart_item, WFL, CHART_ITEM, GtkWidget)

/* The items of a chart widget (its parent): child widgets that draw
 * nothing and take no pointer events, one per node, band or row, in
 * reading order.  They take the keyboard focus, so that a screen reader
 * hears each as the focus moves, and lie over what they stand for. */
typedef struct
{
  GtkWidget *parent;
  GPtrArray *items;        /* of WflChartItem, owned by the parent */
} WflChartItems;

void       wfl_chart_items_init          (WflChartItems         *items,
                                          GtkWidget             *parent);
/* Unparents every item; call it in the parent's dispose. */
void       wfl_chart_items_clear         (WflChartItems         *items);
/* Makes the items @n, reusing those there are. */
void       wfl_chart_items_set_n         (WflChartItems         *items,
                                          guint                  n);
guint      wfl_chart_items_get_n         (WflChartItems         *items);
GtkWidget *wfl_chart_items_get           (WflChartItems         *items,
                                          guint                  i);
/* Its name, its description (NULL: none) and whether it is selected. */
void       wfl_chart_items_set           (WflChartItems         *items,
                                          guint                  i,
                                          const char            *name,
                                          const char            *description,
                                          gboolean               selected);
void       wfl_chart_items_set_selected  (WflChartItems         *items,
                                          guint                  i,
                                          gboolean               selected);
/* Allocates item @i over @rect, in the parent's coordinates. */
void       wfl_chart_items_allocate      (WflChartItems         *items,
                                          guint                  i,
                                          const graphene_rect_t *rect);
/* The index of the item with the focus, or -1. */
int        wfl_chart_items_get_focus     (WflChartItems         *items);
/* Gives item @i the focus; FALSE when there is no such item. */
gboolean   wfl_chart_items_grab_focus    (WflChartItems         *items,
                                          guint                  i);

G_END_DECLS
