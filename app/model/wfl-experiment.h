/* wfl-experiment.h: Monte Carlo, sweeps and knock-outs (docs/model.md,
 * "Experiments")
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-scenario.h"
#include "wfl-simulation.h"

G_BEGIN_DECLS

/* Called as samples (or points, or knock-outs) finish, with how many are
 * done of how many, from a worker thread; done rises by one each call
 * and the calls never overlap. */
typedef void (*WflExperimentProgress) (guint    done,
                                       guint    total,
                                       gpointer user_data);

/* How an experiment runs.  n_threads 0: one per processor.  The window
 * [from_week, to_week] is that of the key figures and the criticality
 * (clamped to the calendar; -1, -1: the whole calendar). */
typedef struct
{
  int                    n_threads;
  int                    from_week;
  int                    to_week;
  WflExperimentProgress  progress;
  gpointer               user_data;
} WflExperimentOptions;

void wfl_experiment_options_init (WflExperimentOptions *options);

/* The results of an experiment as tables: names ("mc-orders.csv" …) and
 * their CSV text (docs/architecture.md, "Experiments"), for the CSV
 * files and the workbook. */
#define WFL_EXPERIMENT_MAX_TABLES 4

typedef struct
{
  guint       n;
  const char *names[WFL_EXPERIMENT_MAX_TABLES];
  GString    *tables[WFL_EXPERIMENT_MAX_TABLES];
} WflExperimentTables;

void     wfl_experiment_tables_clear     (WflExperimentTables *tables);
/* Writes the tables into dir (created when missing) as one set. */
gboolean wfl_experiment_tables_write_csv (const WflExperimentTables *tables,
                                          const char                *dir,
                                          GError                   **error);

/* --- Monte Carlo ----------------------------------------------------- */

typedef struct _WflMonteCarlo WflMonteCarlo;

/* Draws `samples` samples of the scenario's <uncertainty> from `seed`
 * and aggregates them while they run.  The scenario must be valid; it
 * is only read (and must not change while this runs).  The results do
 * not depend on the number of threads. */
WflMonteCarlo *wfl_monte_carlo_run       (WflScenario                 *scenario,
                                          guint                        samples,
                                          guint64                      seed,
                                          const WflExperimentOptions  *options,
                                          GCancellable                *cancellable,
                                          GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
void           wfl_monte_carlo_free      (WflMonteCarlo *self);
guint          wfl_monte_carlo_get_n_samples (WflMonteCarlo *self);
guint64        wfl_monte_carlo_get_seed  (WflMonteCarlo *self);
/* The simulation of the scenario as written (the deterministic run):
 * names, orders, quarters. */
WflSimulation *wfl_monte_carlo_get_simulation (WflMonteCarlo *self);
/* An order's filled week at the 10th, 50th and 90th percentile (nearest
 * rank); -1 when that share of the samples never filled it. */
void           wfl_monte_carlo_get_order_weeks (WflMonteCarlo *self,
                                          guint          order,
                                          int           *p10,
                                          int           *p50,
                                          int           *p90);
/* Samples that filled the order within the calendar. */
guint          wfl_monte_carlo_get_order_filled (WflMonteCarlo *self,
                                          guint          order);
/* Units a customer received in a quarter: P10, P50, P90 and the mean. */
void           wfl_monte_carlo_get_fan   (WflMonteCarlo *self,
                                          guint          customer,
                                          guint          quarter,
                                          double        *p10,
                                          double        *p50,
                                          double        *p90,
                                          double        *mean);
/* How many (order, sample) pairs had a lead time of `weeks` (0 … the
 * calendar's weeks); weeks = -1: never filled. */
guint64        wfl_monte_carlo_get_lead_count (WflMonteCarlo *self,
                                          int            weeks);
/* In how many samples the node was the top bottleneck of the window for
 * the end product. */
guint          wfl_monte_carlo_get_criticality (WflMonteCarlo *self,
                                          guint          node,
                                          guint          product);
/* mc-orders.csv, mc-fans.csv, mc-lead-times.csv and mc-criticality.csv. */
void           wfl_monte_carlo_build_tables (WflMonteCarlo       *self,
                                          WflExperimentTables *tables);

/* --- Sweeps ---------------------------------------------------------- */

/* One point of a sweep: per end product, the key figures of the window. */
typedef struct
{
  double  value;
  double *delivered;      /* per end product */
  double *fill_rate;      /* per end product; NAN when no order is due */
  double  lead_median;    /* NAN when no order was filled in the window */
  double  lead_p90;
} WflSweepPoint;

typedef struct _WflSweep WflSweep;

WflSweep      *wfl_sweep_run             (WflScenario                 *scenario,
                                          const WflSweepSpec          *spec,
                                          const WflExperimentOptions  *options,
                                          GCancellable                *cancellable,
                                          GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
void           wfl_sweep_free            (WflSweep      *self);
WflSimulation *wfl_sweep_get_simulation  (WflSweep      *self);
guint          wfl_sweep_get_n_points    (WflSweep      *self);
const WflSweepPoint *wfl_sweep_get_point (WflSweep      *self,
                                          guint          i);
/* The sweep's values: min, min + step, … up to max (within 1e-9 of a step). */
guint          wfl_sweep_count_points    (const WflSweepSpec *spec);
/* sweep.csv */
void           wfl_sweep_build_tables    (WflSweep            *self,
                                          WflExperimentTables *tables);

/* --- Knock-outs ------------------------------------------------------ */

typedef struct
{
  guint   node;
  double  worst_share;    /* the largest share of one customer's receipts lost (units of
                           * different end products are never added) */
  double *lost;           /* per customer (wfl_knockout_get_customers()) */
} WflKnockoutRow;

typedef struct _WflKnockout WflKnockout;

/* Every supply, process and pool node at capacity 0 for `weeks` weeks
 * from `from_week`, one at a time: the units each customer receives in
 * the options' window less than in the run as written.  Rows sorted by
 * worst_share, most first, ties in document order. */
WflKnockout   *wfl_knockout_run          (WflScenario                 *scenario,
                                          int                          from_week,
                                          int                          weeks,
                                          const WflExperimentOptions  *options,
                                          GCancellable                *cancellable,
                                          GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
void           wfl_knockout_free         (WflKnockout   *self);
WflSimulation *wfl_knockout_get_simulation (WflKnockout *self);
guint          wfl_knockout_get_n_customers (WflKnockout *self);
const guint   *wfl_knockout_get_customers (WflKnockout  *self);
guint          wfl_knockout_get_n_rows   (WflKnockout   *self);
const WflKnockoutRow *wfl_knockout_get_row (WflKnockout *self,
                                          guint          i);
/* knockouts.csv */
void           wfl_knockout_build_tables (WflKnockout         *self,
                                          WflExperimentTables *tables);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflMonteCarlo, wfl_monte_carlo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflSweep, wfl_sweep_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflKnockout, wfl_knockout_free)

G_END_DECLS
