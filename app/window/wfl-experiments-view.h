/* wfl-experiments-view.h: the Experiments page of the window (Monte Carlo,
 * sweeps and knock-outs; docs/architecture.md, "The Experiments view")
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wfl-document.h"
#include "wfl-experiment.h"

G_BEGIN_DECLS

typedef enum
{
  WFL_EXPERIMENT_MONTE_CARLO,
  WFL_EXPERIMENT_SWEEP,
  WFL_EXPERIMENT_KNOCKOUT,
} WflExperimentKind;

#define WFL_TYPE_EXPERIMENTS_VIEW (wfl_experiments_view_get_type ())

G_DECLARE_FINAL_TYPE (WflExperimentsView, wfl_experiments_view, WFL, EXPERIMENTS_VIEW, GtkWidget)

GtkWidget     *wfl_experiments_view_new           (void) G_GNUC_WARN_UNUSED_RESULT;
void           wfl_experiments_view_set_document  (WflExperimentsView *self,
                                                   WflDocument        *document);

/* Runs the experiment the page's settings describe, in a thread, over a
 * copy of the scenario and the Sankey's week window (what Run does). */
void           wfl_experiments_view_run           (WflExperimentsView *self);
void           wfl_experiments_view_cancel        (WflExperimentsView *self);
gboolean       wfl_experiments_view_is_running    (WflExperimentsView *self);

/* The results shown (NULL when the last run was of another kind, or none
 * came); stale when the document changed after the run began.  The view
 * emits ::results-changed when they come, go or turn stale. */
WflMonteCarlo *wfl_experiments_view_get_monte_carlo (WflExperimentsView *self);
WflSweep      *wfl_experiments_view_get_sweep     (WflExperimentsView *self);
WflKnockout   *wfl_experiments_view_get_knockout  (WflExperimentsView *self);
gboolean       wfl_experiments_view_is_stale      (WflExperimentsView *self);

/* The worst knock-out's node id (NULL without one that loses units), and
 * the sentence that says it ("Worst knock-out: …"). */
const char    *wfl_experiments_view_get_worst_node (WflExperimentsView *self,
                                                    char              **note);

/* Writes the chart shown as PNG, SVG or PDF (by the name's extension) at
 * the command line's default size and light style: the file that
 * `--export` writes with the same experiment. */
gboolean       wfl_experiments_view_export        (WflExperimentsView *self,
                                                   GFile              *file,
                                                   GError            **error);

/* Moves the keyboard focus to the first setting. */
void           wfl_experiments_view_focus         (WflExperimentsView *self);

G_END_DECLS
