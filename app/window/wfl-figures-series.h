/* wfl-figures-series.h: the Figures view's time series of a node or customer
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wfl-document.h"
#include "wfl-timeseries-view.h"

G_BEGIN_DECLS

/* The size of an export from the page, as --export's default. */
#define WFL_FIGURES_SERIES_EXPORT_WIDTH  1000
#define WFL_FIGURES_SERIES_EXPORT_HEIGHT 500

#define WFL_TYPE_FIGURES_SERIES (wfl_figures_series_get_type ())

G_DECLARE_FINAL_TYPE (WflFiguresSeries, wfl_figures_series, WFL, FIGURES_SERIES, GtkWidget)

/* What the panel shows of its node. */
typedef enum
{
  WFL_FIGURES_SERIES_WEEKS,       /* capacity, starts and stock; a customer's ordered and received */
  WFL_FIGURES_SERIES_LEAD_TIME,   /* a customer's quoted lead time by order week */
  WFL_FIGURES_SERIES_PRODUCTS,    /* what customers received per product and quarter (not a node's) */
} WflFiguresSeriesChart;

GtkWidget *wfl_figures_series_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void       wfl_figures_series_set_document (WflFiguresSeries      *self,
                                            WflDocument           *document);
/* Shows the node's series (node_id NULL: the document's selected node). */
void       wfl_figures_series_show         (WflFiguresSeries      *self,
                                            const char            *node_id,
                                            WflFiguresSeriesChart  chart);
/* The chart, to focus or for tests. */
WflTimeSeriesView *wfl_figures_series_get_view (WflFiguresSeries  *self);
/* Writes the chart shown (there must be one) to file as the export
 * button does: PNG, SVG, PDF or JSON by its extension, at the command
 * line's default size, in the light export style. */
gboolean   wfl_figures_series_export       (WflFiguresSeries      *self,
                                            GFile                 *file,
                                            GError               **error);
/* Whether a quote of the lead time is being made. */
gboolean   wfl_figures_series_is_busy      (WflFiguresSeries      *self);

G_END_DECLS
