/* wfl-export-dialog.h: choose what to export and how large
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wfl-window.h"

G_BEGIN_DECLS

#define WFL_TYPE_EXPORT_DIALOG (wfl_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WflExportDialog, wfl_export_dialog, WFL, EXPORT_DIALOG, AdwWindow)

WflExportDialog *wfl_export_dialog_new         (GtkWindow       *parent,
                                                WflChartKind     chart) G_GNUC_WARN_UNUSED_RESULT;
WflChartKind     wfl_export_dialog_get_chart   (WflExportDialog *self);
WflExportFormat  wfl_export_dialog_get_format  (WflExportDialog *self);
/* Whether the results as an XLSX workbook are chosen instead of a chart
 * (::export-spreadsheet instead of ::export). */
gboolean         wfl_export_dialog_get_spreadsheet (WflExportDialog *self);
void             wfl_export_dialog_get_size    (WflExportDialog *self,
                                                int             *width,
                                                int             *height,
                                                double          *scale);
/* Emits ::export with the chosen values, or ::export-spreadsheet. */
void             wfl_export_dialog_confirm     (WflExportDialog *self);

/* The modal "Export Chart" file chooser of owner's window, suggesting
 * the file name name. */
GtkFileChooserNative *wfl_export_chooser_new   (GtkWidget       *owner,
                                                const char      *name) G_GNUC_WARN_UNUSED_RESULT;
/* What an export to file did, as a toast in owner's window: "Exported
 * “name”", or error's message when it failed (error not NULL). */
void             wfl_export_toast              (GtkWidget       *owner,
                                                GFile           *file,
                                                const GError    *error);

G_END_DECLS
