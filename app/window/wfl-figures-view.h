/* wfl-figures-view.h: the numbers behind the charts as tables
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wfl-document.h"
#include "wfl-figures.h"

G_BEGIN_DECLS

#define WFL_TYPE_FIGURES_VIEW (wfl_figures_view_get_type ())

G_DECLARE_FINAL_TYPE (WflFiguresView, wfl_figures_view, WFL, FIGURES_VIEW, GtkWidget)

GtkWidget *wfl_figures_view_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void       wfl_figures_view_set_document (WflFiguresView *self,
                                          WflDocument    *document);

/* Shows the Time Series page with the node's series (NULL: the selected
 * node's), or a customer's quoted lead time, and focuses the chart. */
void       wfl_figures_view_show_series  (WflFiguresView *self,
                                          const char     *node_id,
                                          gboolean        lead_time);

G_END_DECLS
