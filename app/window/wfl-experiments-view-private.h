/* wfl-experiments-view-private.h: the Experiments page's internals (shared
 * by wfl-experiments-view.c and wfl-experiments-results.c) and its hooks
 * for tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-experiments-view.h"

G_BEGIN_DECLS

/* Hooks for the tests ------------------------------------------------------ */

/* Sets the page's settings as a user would (the kind chosen with them). */
void        _wfl_experiments_view_set_monte_carlo (WflExperimentsView *self,
                                                   guint               samples,
                                                   guint64             seed);
void        _wfl_experiments_view_set_sweep       (WflExperimentsView *self,
                                                   WflSweepParameter   parameter,
                                                   const char         *target,
                                                   double              min,
                                                   double              max,
                                                   double              step);
void        _wfl_experiments_view_set_knockout    (WflExperimentsView *self,
                                                   int                 weeks,
                                                   const char         *date);
/* The progress bar's fraction and text, the summary line, the stale
 * banner's visibility, the chart's accessible description, the sweep
 * table's cells (row-major, header first) and its column count. */
double      _wfl_experiments_view_get_progress    (WflExperimentsView *self,
                                                   const char        **text);
const char *_wfl_experiments_view_get_summary     (WflExperimentsView *self);
gboolean    _wfl_experiments_view_stale_shown     (WflExperimentsView *self);
char       *_wfl_experiments_view_describe_chart  (WflExperimentsView *self) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *_wfl_experiments_view_get_table       (WflExperimentsView *self,
                                                   guint              *n_columns) G_GNUC_WARN_UNUSED_RESULT;
/* A Monte Carlo's chart: the fans, the criticality or the lead times
 * (WFL_MC_CHART_…), as its toggle buttons choose. */
void        _wfl_experiments_view_set_mc_chart    (WflExperimentsView *self,
                                                   guint               chart);
/* The results' page: "empty" (the placeholder), "running" or "chart". */
const char *_wfl_experiments_view_get_results_page (WflExperimentsView *self);
GtkWidget  *_wfl_experiments_view_get_run_button  (WflExperimentsView *self);
GtkWidget  *_wfl_experiments_view_get_cancel_button (WflExperimentsView *self);

/* Internals ------------------------------------------------------------------ */

enum
{
  WFL_MC_CHART_FANS,
  WFL_MC_CHART_CRITICALITY,
  WFL_MC_CHART_LEAD_TIMES,
  WFL_N_MC_CHARTS,
};

struct _WflExperimentsView
{
  GtkWidget          parent_instance;

  WflDocument       *document;
  guint              doc_serial;      /* counts the document's ::changed */

  /* Settings */
  GtkDropDown       *kind;
  GtkStack          *settings;
  GtkSpinButton     *samples;
  GtkSpinButton     *seed;
  GtkDropDown       *parameter;
  GtkDropDown       *target;
  GtkStringList     *target_names;
  GPtrArray         *target_ids;      /* of char*: node ids, or FROM/TO for a mix */
  GtkSpinButton     *sweep_min;
  GtkSpinButton     *sweep_max;
  GtkSpinButton     *sweep_step;
  GtkLabel          *sweep_points;
  GtkSpinButton     *ko_weeks;
  GtkEntry          *ko_date;
  GtkLabel          *window_label;
  GtkWidget         *run;
  gboolean           filling;         /* the settings change under our hands */
  guint              syncing;         /* the settings are set from the file: not saved */
  gboolean           saving;          /* our own edit of <experiments> goes on */
  char              *synced;          /* the file's settings as last shown (settings_key()) */
  gboolean           target_touched;  /* the user chose what to sweep */

  /* The run */
  GtkWidget         *progress_box;
  GtkProgressBar    *progress;
  GtkWidget         *cancel;
  GCancellable      *cancellable;     /* the run going on, or NULL */
  gpointer           run_data;        /* its shared progress (wfl-experiments-view.c) */
  gint64             started;

  /* The results */
  GtkLabel          *summary;
  GtkWidget         *stale_box;
  GtkStack          *results;         /* "empty", "chart" */
  GtkWidget         *chart;           /* a drawing area */
  GtkWidget         *table_scroller;
  GtkGrid           *table;
  GtkWidget         *export_button;
  GtkWidget         *show_button;     /* "Show on the Gantt", "Show on the Sankey" */
  GtkWidget         *mc_charts;       /* the toggle buttons of a Monte Carlo's charts */
  GtkWidget         *mc_buttons[WFL_N_MC_CHARTS];
  guint              mc_chart;        /* WFL_MC_CHART_… */
  GtkWidget         *running_page;    /* the results' place while a first run goes on */
  GtkFileChooserNative *chooser;
  WflMonteCarlo     *mc;
  WflSweep          *sweep;
  WflKnockout       *knockout;
  WflSweepParameter  sweep_parameter; /* a sweep's */
  int                weeks;           /* a knock-out's */
  WflDate            ko_from;
  int                from_week;       /* the window the results are of */
  int                to_week;
  double             seconds;         /* how long the run took */
  gboolean           no_uncertainty;  /* a Monte Carlo of a scenario without <vary> or <risk> */
  gboolean           stale;
};

/* wfl-experiments-results.c: the results on the page. */
void        _wfl_experiments_view_results_init    (WflExperimentsView *self,
                                                   GtkWidget          *box);
void        _wfl_experiments_view_show_results    (WflExperimentsView *self);
void        _wfl_experiments_view_clear_results   (WflExperimentsView *self);
void        _wfl_experiments_view_results_dispose (WflExperimentsView *self);
/* While a run goes on without results to show: its progress in their
 * place; NULL text: the run ended. */
void        _wfl_experiments_view_show_running    (WflExperimentsView *self,
                                                   const char         *title,
                                                   const char         *progress);

G_END_DECLS
