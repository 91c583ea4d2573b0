/* wfl-compare-view.h: the table of deltas of a comparison, as a page of the window
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wfl-compare-session.h"

G_BEGIN_DECLS

#define WFL_TYPE_COMPARE_VIEW (wfl_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (WflCompareView, wfl_compare_view, WFL, COMPARE_VIEW, GtkWidget)

GtkWidget *wfl_compare_view_new (WflCompareSession *session);

G_END_DECLS
