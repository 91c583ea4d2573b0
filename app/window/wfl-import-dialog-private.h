/* wfl-import-dialog-private.h: the import dialog's hooks for tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-import-dialog.h"

G_BEGIN_DECLS

/* The table as if pasted; what the dialog says under the preview and
 * whether Import is possible; Import. */
void        _wfl_import_dialog_set_text   (WflImportDialog *self,
                                           const char      *text);
const char *_wfl_import_dialog_get_result (WflImportDialog *self,
                                           gboolean        *can_import);
void        _wfl_import_dialog_import     (WflImportDialog *self);

G_END_DECLS
