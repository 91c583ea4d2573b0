/* wfl-experiment-private.h: what the experiment files share
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-experiment.h"
#include "wfl-uncertainty-private.h"

G_BEGIN_DECLS

/* --- Random numbers (docs/model.md, "Experiments") -------------------- */

/* The stream of draw k (the k-th <vary>, then the risks) of sample i:
 * splitmix64 seeded from (seed, i, k), so that each draw depends on
 * nothing else. */
typedef struct
{
  guint64 state;
} WflRng;

void    _wfl_rng_init          (WflRng          *rng,
                                guint64          seed,
                                guint64          sample,
                                guint64          draw);
/* Uniform in [0, 1). */
double  _wfl_rng_uniform       (WflRng          *rng);
/* A draw of the distribution over min, likely, max. */
double  _wfl_distribution_draw (WflDistribution  distribution,
                                double           min,
                                double           likely,
                                double           max,
                                WflRng          *rng);

/* --- Applying figures to a worker's copy of the scenario --------------- */

typedef struct _WflSampler WflSampler;

/* A worker's own copy of the scenario, and the targets of every vary and
 * risk in it and in the (read-only) base. */
WflSampler *_wfl_sampler_new        (WflScenario     *base);
void        _wfl_sampler_free       (WflSampler      *self);
/* Puts the copy back as the base has it, with no capacity edits. */
void        _wfl_sampler_reset      (WflSampler      *self);
/* Sets one figure to a value (the value a draw gave, or a sweep's). */
void        _wfl_sampler_set        (WflSampler      *self,
                                     const WflVary   *vary,
                                     double           value);
/* Adds a capacity edit. */
void        _wfl_sampler_edit       (WflSampler      *self,
                                     guint            node,
                                     int              from_week,
                                     int              to_week,
                                     double           factor);
/* Draws sample i of the base's <uncertainty> into the copy. */
void        _wfl_sampler_draw       (WflSampler      *self,
                                     guint64          seed,
                                     guint64          sample);
/* Validates the copy with every <vary> at its min, then at its max
 * (docs/model.md, "Experiments": the rules a draw could break move
 * monotonically with the figures, so the extremes bound every draw). */
gboolean    _wfl_sampler_check_extremes (WflSampler  *self,
                                     GError         **error);
/* The samples of this sampler need no validation of their own. */
void        _wfl_sampler_trust      (WflSampler      *self);
/* Simulates the copy with its edits. */
WflSimulation *_wfl_sampler_simulate (WflSampler     *self,
                                     GError         **error);

/* --- Running items on every core, folded in order -------------------- */

typedef struct
{
  guint      n_items;
  gsize      summary_size;
  gpointer   ctx;
  gboolean   trusted;   /* the workers' samplers skip validation */
  /* Computes item i into summary (a worker's sampler is its state). */
  gboolean (*compute) (gpointer    ctx,
                       WflSampler *sampler,
                       guint       item,
                       gpointer    summary,
                       GError    **error);
  /* Called in item order, one call at a time. */
  void     (*fold)    (gpointer    ctx,
                       guint       item,
                       gconstpointer summary);
} WflExperimentJob;

gboolean _wfl_experiment_run_job   (WflScenario                *base,
                                    const WflExperimentJob     *job,
                                    const WflExperimentOptions *options,
                                    GCancellable               *cancellable,
                                    GError                    **error);

/* The window of the options clamped to the simulation's calendar. */
void     _wfl_experiment_window    (WflSimulation              *simulation,
                                    const WflExperimentOptions *options,
                                    int                        *a,
                                    int                        *b);

/* A CSV field for a double: empty for NAN. */
void     _wfl_experiment_csv_double (GString                   *out,
                                     double                     value);
/* A CSV field for text, quoted when it holds a comma, a quote or a line end. */
void     _wfl_experiment_csv_text   (GString                   *out,
                                     const char                *text);

G_END_DECLS
