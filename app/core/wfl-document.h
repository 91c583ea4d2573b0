/* wfl-document.h: a scenario being edited, with its file, undo stack and view state
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-model.h"

G_BEGIN_DECLS

typedef enum
{
  WFL_SELECTION_NONE,
  WFL_SELECTION_NODE,
  WFL_SELECTION_LINK,
  WFL_SELECTION_ORDER,
} WflSelectionKind;

/* Changes the scenario in place.  Returns TRUE when something changed;
 * FALSE (with error set, or not) leaves no trace in the undo history.
 * The function must leave the scenario as it found it when it returns
 * FALSE. */
typedef gboolean (*WflDocumentEditFunc) (WflScenario  *scenario,
                                         gpointer      user_data,
                                         GError      **error);

#define WFL_TYPE_DOCUMENT (wfl_document_get_type ())

G_DECLARE_FINAL_TYPE (WflDocument, wfl_document, WFL, DOCUMENT, GObject)

WflDocument      *wfl_document_new                  (void) G_GNUC_WARN_UNUSED_RESULT;
WflDocument      *wfl_document_new_for_scenario     (WflScenario          *scenario,
                                                     GFile                *file) G_GNUC_WARN_UNUSED_RESULT;

WflScenario      *wfl_document_get_scenario         (WflDocument          *self);
GFile            *wfl_document_get_file             (WflDocument          *self);
char             *wfl_document_dup_display_name     (WflDocument          *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean          wfl_document_get_modified         (WflDocument          *self);
gboolean          wfl_document_get_busy             (WflDocument          *self);

/* Editing and history */
gboolean          wfl_document_edit                 (WflDocument          *self,
                                                     const char           *label,
                                                     const char           *merge_key,
                                                     WflDocumentEditFunc   func,
                                                     gpointer              user_data,
                                                     GError              **error);
gboolean          wfl_document_can_undo             (WflDocument          *self);
gboolean          wfl_document_can_redo             (WflDocument          *self);
const char       *wfl_document_get_undo_label       (WflDocument          *self);
const char       *wfl_document_get_redo_label       (WflDocument          *self);
gboolean          wfl_document_undo                 (WflDocument          *self);
gboolean          wfl_document_redo                 (WflDocument          *self);
void              wfl_document_break_merge          (WflDocument          *self);
/* The undo history, the step Undo undoes first (0), then older ones:
 * the label of step i (NULL past the oldest), and a copy of the scenario
 * as it was before step i (NULL past the oldest). */
const char       *wfl_document_get_history_label    (WflDocument          *self,
                                                     guint                 i);
WflScenario      *wfl_document_dup_before_step      (WflDocument          *self,
                                                     guint                 i) G_GNUC_WARN_UNUSED_RESULT;

/* Structural edits (undoable) */
char             *wfl_document_add_node             (WflDocument          *self,
                                                     WflNodeKind           kind) G_GNUC_WARN_UNUSED_RESULT;
gboolean          wfl_document_remove_node          (WflDocument          *self,
                                                     const char           *id);
gboolean          wfl_document_rename_node          (WflDocument          *self,
                                                     const char           *old_id,
                                                     const char           *new_id,
                                                     GError              **error);
int               wfl_document_add_link             (WflDocument          *self,
                                                     const char           *from,
                                                     const char           *to,
                                                     GError              **error);
gboolean          wfl_document_remove_link          (WflDocument          *self,
                                                     guint                 index);
char             *wfl_document_add_order            (WflDocument          *self,
                                                     const char           *node_id) G_GNUC_WARN_UNUSED_RESULT;
gboolean          wfl_document_remove_order         (WflDocument          *self,
                                                     const char           *node_id,
                                                     const char           *order_id);

/* Selection (not saved, not undoable) */
WflSelectionKind  wfl_document_get_selection_kind   (WflDocument          *self);
const char       *wfl_document_get_selected_node    (WflDocument          *self);
int               wfl_document_get_selected_link    (WflDocument          *self);
const char       *wfl_document_get_selected_order   (WflDocument          *self);
void              wfl_document_select_none          (WflDocument          *self);
void              wfl_document_select_node          (WflDocument          *self,
                                                     const char           *node_id);
void              wfl_document_select_link          (WflDocument          *self,
                                                     guint                 index);
void              wfl_document_select_order         (WflDocument          *self,
                                                     const char           *node_id,
                                                     const char           *order_id);

/* View state, kept in the scenario's WflViews so that it is saved with
 * the file.  Changing it neither marks the document modified nor enters
 * the undo history, except pins, which are layout edits. */
void              wfl_document_get_sankey_window    (WflDocument          *self,
                                                     int                  *first_week,
                                                     int                  *last_week);
void              wfl_document_set_sankey_window    (WflDocument          *self,
                                                     int                   first_week,
                                                     int                   last_week);
WflGanttMode      wfl_document_get_gantt_mode       (WflDocument          *self);
void              wfl_document_set_gantt_mode       (WflDocument          *self,
                                                     WflGanttMode          mode);
WflZoom           wfl_document_get_gantt_zoom       (WflDocument          *self);
void              wfl_document_set_gantt_zoom       (WflDocument          *self,
                                                     WflZoom               zoom);
WflDate           wfl_document_get_gantt_as_of      (WflDocument          *self);
void              wfl_document_set_gantt_as_of      (WflDocument          *self,
                                                     WflDate               as_of);
/* What the figures of customer deliveries are read in (version 2,
 * <views measure>): units, or compute when the scenario has products. */
WflMeasure        wfl_document_get_measure          (WflDocument          *self);
void              wfl_document_set_measure          (WflDocument          *self,
                                                     WflMeasure            measure);
const WflPin     *wfl_document_get_pin              (WflDocument          *self,
                                                     const char           *node_id);
gboolean          wfl_document_set_pin              (WflDocument          *self,
                                                     const char           *node_id,
                                                     int                   column,
                                                     double                position);
gboolean          wfl_document_remove_pin           (WflDocument          *self,
                                                     const char           *node_id);

/* Simulation results of the current scenario: NULL while the scenario is
 * invalid or a run is in flight, and from the moment the scenario changes
 * (before ::changed or ::view-changed) until its new results come, so
 * that they always match the scenario; ::results-changed says when they
 * change.
 * The bottleneck ranking of the Sankey's week window
 * (wfl_bottlenecks_rank_window(): WflBottleneck rows by end product, then
 * gain) arrives a moment after the results, with ::bottlenecks-changed;
 * it is NULL until then.  A new window is ranked at once, and
 * ::bottlenecks-changed comes before ::view-changed. */
WflSimulation    *wfl_document_get_results          (WflDocument          *self);
/* Why the current scenario has no results although it is valid (it needs
 * more memory than there is: WFL_SIMULATION_ERROR_TOO_LARGE); NULL
 * otherwise.  Changes with ::results-changed. */
const GError     *wfl_document_get_results_error    (WflDocument          *self);
GArray           *wfl_document_get_bottlenecks      (WflDocument          *self);

/* Files.  Loading keeps the current scenario untouched on failure. */
gboolean          wfl_document_load                 (WflDocument          *self,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void              wfl_document_load_async           (WflDocument          *self,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean          wfl_document_load_finish          (WflDocument          *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* A draft of unsaved changes to file (NULL: none), as unsaved changes. */
void              wfl_document_restore              (WflDocument          *self,
                                                     WflScenario          *draft,
                                                     GFile                *file);
/* file NULL = the document's own file (which must be set). */
gboolean          wfl_document_save                 (WflDocument          *self,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
void              wfl_document_save_async           (WflDocument          *self,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean          wfl_document_save_finish          (WflDocument          *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
