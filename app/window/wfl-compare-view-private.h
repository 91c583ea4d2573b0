/* wfl-compare-view-private.h: hooks for the tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-compare-view.h"

G_BEGIN_DECLS

/* The table's columns. */
typedef enum
{
  WFL_COMPARE_VIEW_SUBJECT,
  WFL_COMPARE_VIEW_FIGURE,
  WFL_COMPARE_VIEW_BASELINE,
  WFL_COMPARE_VIEW_VARIANT,
  WFL_COMPARE_VIEW_DIFFERENCE,
  WFL_COMPARE_VIEW_PERCENT,
  WFL_COMPARE_VIEW_N_COLUMNS,
} WflCompareViewColumn;

/* The rows shown (after "Differences only"); each item's index in the
 * session's comparison is _wfl_compare_view_row_index (item). */
GListModel *_wfl_compare_view_get_model            (WflCompareView *self);
guint       _wfl_compare_view_row_index            (gpointer        item);
/* The text of a cell, as shown; NULL out of range. */
char       *_wfl_compare_view_format_cell          (WflCompareView *self,
                                                    guint           index,
                                                    guint           column) G_GNUC_WARN_UNUSED_RESULT;
void        _wfl_compare_view_set_differences_only (WflCompareView *self,
                                                    gboolean        only);
/* What Copy puts on the clipboard; NULL with nothing to copy. */
char       *_wfl_compare_view_copy_text            (WflCompareView *self) G_GNUC_WARN_UNUSED_RESULT;
/* The line above the table. */
const char *_wfl_compare_view_get_summary          (WflCompareView *self);

G_END_DECLS
