/* wfl-inspector.h: shows and edits the selected node, link or order
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wfl-document.h"

G_BEGIN_DECLS

#define WFL_TYPE_INSPECTOR (wfl_inspector_get_type ())

G_DECLARE_FINAL_TYPE (WflInspector, wfl_inspector, WFL, INSPECTOR, GtkWidget)

GtkWidget   *wfl_inspector_new          (void) G_GNUC_WARN_UNUSED_RESULT;
WflDocument *wfl_inspector_get_document (WflInspector *self);
/* The name of what the details show; NULL when they show nothing. */
const char  *wfl_inspector_get_title    (WflInspector *self);
/* Moves the focus into the inspector: its first field, or its list. */
gboolean     wfl_inspector_grab_focus   (WflInspector *self);
void         wfl_inspector_set_document (WflInspector *self,
                                         WflDocument  *document);

G_END_DECLS
