/* wfl-compare-session.h: a document compared with a baseline, kept up to date
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-document.h"
#include "wfl-model.h"

G_BEGIN_DECLS

/* The comparison of a window's document (the variant) with a baseline
 * (docs/architecture.md, "Comparing two scenarios").  The baseline is a
 * scenario file, the document's own file as last saved, or the document
 * before a step of its history; it is loaded and simulated once, in a
 * thread, and then its bottleneck variants (which do not depend on the
 * window) in another: the comparison comes first, its bottleneck rows
 * once both rankings are there.  The comparison follows the document:
 * it is made again, over the Sankey's window, whenever the document's
 * results, ranking or window change, and ::changed says so.  Which
 * baseline is compared belongs to the session (the window), never to the
 * saved scenario. */

/* Where the baseline comes from. */
typedef enum
{
  WFL_COMPARE_BASELINE_NONE,
  WFL_COMPARE_BASELINE_FILE,     /* another scenario file */
  WFL_COMPARE_BASELINE_SAVED,    /* the document's file as last saved */
  WFL_COMPARE_BASELINE_HISTORY,  /* the document before a step of its undo history */
} WflCompareBaselineKind;

#define WFL_TYPE_COMPARE_SESSION (wfl_compare_session_get_type ())

G_DECLARE_FINAL_TYPE (WflCompareSession, wfl_compare_session, WFL, COMPARE_SESSION, GObject)

WflCompareSession *wfl_compare_session_new            (WflDocument          *document) G_GNUC_WARN_UNUSED_RESULT;
WflDocument       *wfl_compare_session_get_document   (WflCompareSession    *self);

/* Loads, checks and simulates file as the new baseline.  On failure the
 * previous baseline stays, and the error's message gives every problem
 * as FILE:LINE: message, a line each (or why the file could not be read
 * or simulated).  A later call cancels an earlier one still running. */
void               wfl_compare_session_set_baseline_async  (WflCompareSession *self,
                                                            GFile             *file,
                                                            GCancellable      *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer           user_data);
gboolean           wfl_compare_session_set_baseline_finish (WflCompareSession *self,
                                                            GAsyncResult      *result,
                                                            GError           **error);
/* The document as last saved: its file, read again.  G_IO_ERROR_NOT_FOUND
 * at once when the document has no file. */
void               wfl_compare_session_set_baseline_saved_async (WflCompareSession *self,
                                                                 GCancellable      *cancellable,
                                                                 GAsyncReadyCallback callback,
                                                                 gpointer           user_data);
/* The document as it was before step `step` of its undo history (0: the
 * step Undo undoes; see wfl_document_get_history_label()), copied now:
 * later edits do not move it.  G_IO_ERROR_NOT_FOUND at once past the
 * oldest step. */
void               wfl_compare_session_set_baseline_history_async (WflCompareSession   *self,
                                                                   guint                step,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
void               wfl_compare_session_clear_baseline (WflCompareSession    *self);

WflCompareBaselineKind
                   wfl_compare_session_get_baseline_kind (WflCompareSession *self);
/* What the baseline is, for people: "plan.waferline", "plan.waferline as
 * last saved", "Before “Change Yield”"; NULL without a baseline. */
const char        *wfl_compare_session_get_baseline_label (WflCompareSession *self);
/* The baseline scenario (its own calendar and view state), NULL without. */
WflScenario       *wfl_compare_session_get_baseline_scenario (WflCompareSession *self);

/* The baseline's file, NULL without a baseline or for one from the
 * history. */
GFile             *wfl_compare_session_get_baseline_file (WflCompareSession *self);
WflSimulation     *wfl_compare_session_get_baseline_results (WflCompareSession *self);
/* The comparison over the document's Sankey window; NULL without a
 * baseline or while the document has no results.  Its bottleneck rows
 * appear once the document's ranking has come. */
WflComparison     *wfl_compare_session_get_comparison (WflCompareSession    *self);

G_END_DECLS
