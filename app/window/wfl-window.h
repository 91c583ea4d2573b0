/* wfl-window.h
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wfl-application.h"
#include "wfl-document.h"
#include "wfl-export.h"
#include "wfl-model.h"

G_BEGIN_DECLS

typedef enum
{
  WFL_CHART_SANKEY,
  WFL_CHART_GANTT,
} WflChartKind;

#define WFL_TYPE_WINDOW (wfl_window_get_type ())

G_DECLARE_FINAL_TYPE (WflWindow, wfl_window, WFL, WINDOW, AdwApplicationWindow)

WflWindow   *wfl_window_new             (WflApplication   *app) G_GNUC_WARN_UNUSED_RESULT;
WflDocument *wfl_window_get_document    (WflWindow        *self);
WflScenario *wfl_window_get_scenario    (WflWindow        *self);
void         wfl_window_open_file       (WflWindow        *self,
                                         GFile            *file);
/* Offers to restore drafts (of WflDraft*, wfl_drafts_find_orphans ()) in
 * the window's banner. */
void         wfl_window_offer_drafts    (WflWindow        *self,
                                         GPtrArray        *drafts);
void         wfl_window_show_view       (WflWindow        *self,
                                         WflChartKind      chart);
WflChartKind wfl_window_get_view        (WflWindow        *self);
void         wfl_window_add_toast       (WflWindow        *self,
                                         const char       *message);
gboolean     wfl_window_export_chart    (WflWindow        *self,
                                         WflChartKind      chart,
                                         WflExportFormat   format,
                                         GFile            *file,
                                         int               width,
                                         int               height,
                                         double            scale,
                                         GError          **error);

/* The window of app that shows file (the same file, by any path), or
 * NULL.  Implemented in wfl-application.c. */
WflWindow   *wfl_application_find_window (WflApplication  *app,
                                          GFile           *file);

G_END_DECLS
