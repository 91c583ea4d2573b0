/* wfl-simulation-private.h: what the bottleneck ranking reuses
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-simulation.h"

G_BEGIN_DECLS

/* wfl_simulation_new_with_edits(), validating the scenario only when
 * asked: for the samples of an experiment whose scenario is the one
 * already validated (only capacity edits differ). */
WflSimulation *_wfl_simulation_new_full (WflScenario           *scenario,
                                         const WflCapacityEdit *edits,
                                         guint                  n_edits,
                                         gboolean               validate,
                                         GError               **error) G_GNUC_WARN_UNUSED_RESULT;

/* Scratch state for re-running the compiled model with one node's
 * capacity scaled, without lot tracking and without touching the
 * simulation's own results.  Reuse one for many runs. */
typedef struct _WflSimRun WflSimRun;

WflSimRun *_wfl_simulation_variant_new  (WflSimulation *self);
/* Whether runs that track lots replay them on a thread of their own
 * (which also helps with each week's plan): 1 always, 0 never, -1 (the
 * default) when the scenario is big (wfl-simulation-lots.c); 2 always,
 * and the thread makes the whole plan while the loop waits.  For tests:
 * the results are the same. */
void       _wfl_simulation_set_lot_thread (WflSimulation *self,
                                           int            mode);
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

/* Memory.  A simulation's memory is estimated from the scenario before
 * anything is allocated, and a simulation that does not fit is refused
 * with WFL_SIMULATION_ERROR_TOO_LARGE (docs/model.md, "Storage").  Each
 * part is counted by a function next to the code that allocates it, so
 * that an array added there is counted there. */
typedef struct
{
  gsize nodes;
  gsize links;
  gsize customers;
  gsize orders;
  gsize weeks;
  gsize varying;     /* rows (capacity, yield, mix) whose weekly values change */
  gsize max_out;     /* the most outgoing links of one node */
  gsize lead_sum;    /* the nodes' lead weeks added up */
  gsize max_lead;
} WflSimSize;

void     _wfl_simulation_measure          (WflScenario      *scenario,
                                           WflSimSize       *size);
/* The same, of a compiled simulation (wfl-simulation-results.c). */
void     _wfl_simulation_get_size         (WflSimulation    *self,
                                           WflSimSize       *size);
/* The compiled model (wfl-simulation-compile.c). */
gsize    _wfl_simulation_compiled_bytes   (const WflSimSize *size);
/* One run's state (wfl-simulation.c, beside _wfl_simulation_variant_new()). */
gsize    _wfl_simulation_run_bytes        (const WflSimSize *size);
/* The lots and the order timelines of a run that tracks them
 * (wfl-simulation-lots.c), at most. */
gsize    _wfl_simulation_lots_bytes       (const WflSimSize *size);

/* FALSE, with the message of docs/model.md, when `needed` more bytes do
 * not fit in what _wfl_memory_available() says is left. */
gboolean _wfl_simulation_check_memory     (gsize             needed,
                                           const WflSimSize *size,
                                           GError          **error);

/* The same, against an amount of memory the caller has read already. */
gboolean _wfl_simulation_check_memory_in  (gsize             needed,
                                           gsize             available,
                                           const WflSimSize *size,
                                           GError          **error);

/* What this process can still use: the memory and swap the system has
 * available, within the address-space, data-size and cgroup limits. */
gsize    _wfl_memory_available            (void);

/* Test hooks: pretend that only `bytes` are available (0: measure
 * again); the most bytes of large blocks (wfl-simulation-memory.c) that
 * were live at once since the last reset. */
void     _wfl_memory_set_available        (gsize             bytes);
void     _wfl_big_reset_peak              (void);
gsize    _wfl_big_get_peak                (void);

/* For tests: the part of its supplier's output the link counted on in
 * the last week of the last run (docs/model.md "Needs and requests"). */
double     _wfl_simulation_get_last_part (WflSimulation *self,
                                          guint          link);

G_END_DECLS
