/* wfl-figures-view-private.h: the Figures view's hooks for tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-figures-series.h"
#include "wfl-figures-view.h"

G_BEGIN_DECLS

/* The rows shown (sorted, filtered; a selection model of rows whose
 * table index is their "index"), the table, the column view; choosing a
 * table and a filter as the user would; what Copy puts on the clipboard. */
GListModel            *_wfl_figures_view_get_model       (WflFiguresView *self);
const WflFiguresTable *_wfl_figures_view_get_table       (WflFiguresView *self);
GtkColumnView         *_wfl_figures_view_get_column_view (WflFiguresView *self);
void                   _wfl_figures_view_set_table       (WflFiguresView *self,
                                                          WflFiguresKind  kind,
                                                          const char     *filter);
char                  *_wfl_figures_view_get_copy_text   (WflFiguresView *self) G_GNUC_WARN_UNUSED_RESULT;
/* The table index of an item of the model. */
guint                  _wfl_figures_view_row_get_index   (gpointer        row);

WflFiguresSeries      *_wfl_figures_view_get_series      (WflFiguresView *self);
/* The Units and Compute buttons of the switch; which page the tables
 * show: "table", or "empty" (the Products of a scenario without). */
GtkToggleButton       *_wfl_figures_view_get_measure_button (WflFiguresView *self,
                                                             WflMeasure      measure);
const char            *_wfl_figures_view_get_table_page  (WflFiguresView *self);

G_END_DECLS
