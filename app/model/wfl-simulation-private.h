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
 * case) and copies out what the ranking measures: received[p × n_weeks +
 * t], the units of end product p customers received in week t, and
 * filled_week[o], the week order o was filled (-1: never). */
void       _wfl_simulation_run_variant  (WflSimulation *self,
                                         WflSimRun     *run,
                                         int            node,
                                         double         factor,
                                         double        *received,
                                         int           *filled_week);
/* Mean lateness over the orders of an end product (-1: every one) due
 * in the weeks from … to, from the filled weeks of a run; an order never
 * filled counts as filled in week n_weeks.  NAN when none is due. */
double     _wfl_simulation_mean_lateness_in (WflSimulation *self,
                                         const int     *filled_week,
                                         int            product,
                                         int            from,
                                         int            to);

G_END_DECLS
