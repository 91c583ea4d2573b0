/* wfl-gantt-view.h: the Gantt chart of a document (orders or pipeline)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wfl-document.h"
#include "wfl-experiment.h"
#include "wfl-gantt-layout.h"

G_BEGIN_DECLS

#define WFL_TYPE_GANTT_VIEW (wfl_gantt_view_get_type ())

G_DECLARE_FINAL_TYPE (WflGanttView, wfl_gantt_view, WFL, GANTT_VIEW, GtkWidget)

GtkWidget           *wfl_gantt_view_new              (void);

WflDocument         *wfl_gantt_view_get_document     (WflGanttView *self);
void                 wfl_gantt_view_set_document     (WflGanttView *self,
                                                      WflDocument  *document);

/* The view state, kept in the document (set without a document, it is
 * the widget's own). */
WflGanttMode         wfl_gantt_view_get_mode         (WflGanttView *self);
void                 wfl_gantt_view_set_mode         (WflGanttView *self,
                                                      WflGanttMode  mode);
WflZoom              wfl_gantt_view_get_zoom         (WflGanttView *self);
void                 wfl_gantt_view_set_zoom         (WflGanttView *self,
                                                      WflZoom       zoom);
/* Zoom to fit: the whole time range in the width, until the zoom is set. */
gboolean             wfl_gantt_view_get_fit          (WflGanttView *self);
void                 wfl_gantt_view_zoom_to_fit      (WflGanttView *self);

/* The Rows menu of the orders chart: "Only Orders in the Week Window"
 * (gantt.in-window: the orders with a bar or a marker in the Sankey's
 * weeks) and one item per customer (gantt.customer, "" = all). */
GMenuModel          *wfl_gantt_view_get_rows_menu    (WflGanttView *self);
/* The "gantt" actions (zoom-in, zoom-out, zoom-fit, mode, in-window,
 * customer, sort-slip), for a toolbar outside the view: gtk_widget_insert_action_group
 * (toolbar's ancestor, "gantt", wfl_gantt_view_get_actions (view)).  The
 * view inserts them on itself too. */
GActionGroup        *wfl_gantt_view_get_actions      (WflGanttView *self);

/* Compares the orders with those of baseline (NULL: no longer): each
 * order's baseline bars as a ghost behind its own, with its slip
 * (wfl_gantt_chart_set_baseline()); gantt.sort-slip then sorts the rows
 * by slip. */
void                 wfl_gantt_view_set_baseline     (WflGanttView  *self,
                                                      WflSimulation *baseline);

/* Groups an orders chart (one built for an export) as the view groups
 * its rows: by the same key, with the same groups collapsed. */
void                 wfl_gantt_view_group_rows       (WflGanttView  *self,
                                                      WflGanttChart *chart);

/* After a Monte Carlo experiment: a whisker under each order of the
 * orders chart from the P10 to the P90 of its filled week, a tick at P50
 * (wfl_gantt_chart_add_whiskers()), matched by customer and order id;
 * the view keeps a copy (NULL: no whiskers). */
void                 wfl_gantt_view_set_whiskers     (WflGanttView  *self,
                                                      WflMonteCarlo *mc);
gboolean             wfl_gantt_view_has_whiskers     (WflGanttView  *self);

/* What is shown: NULL when there is nothing to show (no document, no
 * results yet, an invalid scenario); the layout also while the widget
 * has no size. */
WflGanttChart       *wfl_gantt_view_get_chart        (WflGanttView *self);
const WflGanttLayout *wfl_gantt_view_get_layout      (WflGanttView *self);

/* The selected row (-1 for none).  Selecting goes through the
 * document's selection: an order in orders mode, a node or a link in
 * pipeline mode. */
int                  wfl_gantt_view_get_selected_row (WflGanttView *self);
void                 wfl_gantt_view_select_row       (WflGanttView *self,
                                                      int           row);

G_END_DECLS
