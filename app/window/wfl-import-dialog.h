/* wfl-import-dialog.h: import a schedule or an order book from a spreadsheet
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wfl-document.h"
#include "wfl-import.h"

G_BEGIN_DECLS

#define WFL_TYPE_IMPORT_DIALOG (wfl_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WflImportDialog, wfl_import_dialog, WFL, IMPORT_DIALOG, AdwWindow)

/* Whether the selection takes an import: a node (its capacity schedule;
 * a customer: its order book) or a link (its mix). */
gboolean   wfl_import_dialog_can_import (WflDocument *document);
/* A dialog that imports into what is selected in document. */
GtkWidget *wfl_import_dialog_new        (GtkWindow   *parent,
                                         WflDocument *document) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
