/* wfl-timeseries-view.h: a time series chart on screen
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wfl-timeseries.h"

G_BEGIN_DECLS

#define WFL_TYPE_TIMESERIES_VIEW (wfl_timeseries_view_get_type ())

G_DECLARE_FINAL_TYPE (WflTimeSeriesView, wfl_timeseries_view, WFL, TIMESERIES_VIEW, GtkWidget)

GtkWidget           *wfl_timeseries_view_new         (void) G_GNUC_WARN_UNUSED_RESULT;
/* Shows series (taken; NULL: the placeholder text instead). */
void                 wfl_timeseries_view_set_series  (WflTimeSeriesView *self,
                                                      WflTimeSeries     *series);
const WflTimeSeries *wfl_timeseries_view_get_series  (WflTimeSeriesView *self);
/* What is said instead of a chart (a hint, or why there is none). */
void                 wfl_timeseries_view_set_placeholder (WflTimeSeriesView *self,
                                                      const char        *text);
/* The week the rule and the values box are at (-1: none); the pointer
 * and Left, Right, Home and End move it. */
int                  wfl_timeseries_view_get_hover_week (WflTimeSeriesView *self);
void                 wfl_timeseries_view_set_hover_week (WflTimeSeriesView *self,
                                                      int                week);

G_END_DECLS
