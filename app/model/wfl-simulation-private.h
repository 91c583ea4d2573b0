/* wfl-simulation-private.h: what the bottleneck ranking reuses
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-simulation.h"

G_BEGIN_DECLS

/* Scratch state for re-running the compiled model with one node's
 * capacity scaled, without lot tracking and without touching the
 * simulation's own results.  Reuse one for many runs. */
typedef struct _WflSimRun WflSimRun;

WflSimRun *_wfl_simulation_variant_new  (WflSimulation *self);
void       _wfl_simulation_variant_free (WflSimRun     *run);
/* Runs with capacity(node) × factor in every week (node = -1: the base
 * case) and returns the units delivered to customers in the window and
 * the mean lateness as wfl_simulation_get_mean_lateness() defines it. */
void       _wfl_simulation_run_variant  (WflSimulation *self,
                                         WflSimRun     *run,
                                         int            node,
                                         double         factor,
                                         int            from_week,
                                         int            to_week,
                                         double        *delivered,
                                         double        *mean_lateness);

/* For tests: the part of its supplier's output the link counted on in
 * the last week of the last run (docs/model.md "Needs and requests"). */
double     _wfl_simulation_get_last_part (WflSimulation *self,
                                          guint          link);

G_END_DECLS
