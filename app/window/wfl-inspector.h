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
void         wfl_inspector_set_document (WflInspector *self,
                                         WflDocument  *document);

/* For tests: the editing widget of a field ("node.yield" is not a key;
 * keys are like "node.name", "yield.0.value", "link.per-unit",
 * "order.o1.quantity"), and the message of the last refused value. */
GtkWidget   *_wfl_inspector_find_field  (WflInspector *self,
                                         const char   *key);
const char  *_wfl_inspector_get_error   (WflInspector *self);

G_END_DECLS
