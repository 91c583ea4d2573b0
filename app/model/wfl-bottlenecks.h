/* wfl-bottlenecks.h: which capacity, raised by 10 %, delivers the most
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-simulation.h"

G_BEGIN_DECLS

/* One row of the ranking of a week window (docs/model.md, "Bottleneck
 * ranking"): one node and one of its end products. */
typedef struct
{
  guint   node;              /* node index in the simulation */
  guint   product;           /* its end product (wfl_simulation_get_product_unit()) */
  double  gain;              /* units of the product customers hold more, on average over
                              * the window's weeks (counted from its first week); 0 within
                              * WFL_BOTTLENECK_MATERIAL of the base run's figure */
  double  share;             /* gain / the base run's figure (0.1: 10 % more); NAN when that is 0 */
  double  lateness_change;   /* change in the mean lateness of the product's orders due in
                              * the window, weeks (negative = earlier); NAN when none is due */
} WflBottleneck;

#define WFL_BOTTLENECK_FACTOR 1.1
/* Gains below this share of the base run's figure count as none. */
#define WFL_BOTTLENECK_MATERIAL 1e-3

/* The variant runs of one simulation: for each node with finite capacity,
 * the compiled model run again with that node's capacity × 1.1 in every
 * week.  Any week window is ranked from them at once. */
typedef struct _WflBottlenecks WflBottlenecks;

/* Runs the base case and the variants of the nodes given (NULL: every
 * node with finite capacity; nodes without capacity are skipped).
 * Neither validates nor compiles again and does not change the
 * simulation's own results, but must not run concurrently with
 * wfl_simulation_run() on the same simulation.  NULL with
 * G_IO_ERROR_CANCELLED when cancelled. */
WflBottlenecks *wfl_bottlenecks_new          (WflSimulation        *simulation,
                                              const guint          *nodes,
                                              guint                 n_nodes,
                                              GCancellable         *cancellable,
                                              GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same for every node with finite capacity, in a thread. */
void            wfl_bottlenecks_new_async    (WflSimulation        *simulation,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
WflBottlenecks *wfl_bottlenecks_new_finish   (WflSimulation        *simulation,
                                              GAsyncResult         *result,
                                              GError              **error) G_GNUC_WARN_UNUSED_RESULT;
WflBottlenecks *wfl_bottlenecks_ref          (WflBottlenecks       *self);
void            wfl_bottlenecks_unref        (WflBottlenecks       *self);
WflSimulation  *wfl_bottlenecks_get_simulation (WflBottlenecks     *self);

/* The ranking of the week window [first_week, last_week] (inclusive,
 * clamped to the calendar): an array of WflBottleneck, one row per node
 * run and end product it reaches, by end product, then gain, largest
 * first (ties in document order).  The window and the command line both
 * rank through this function. */
GArray         *wfl_bottlenecks_rank_window  (WflBottlenecks       *self,
                                              int                   first_week,
                                              int                   last_week) G_GNUC_WARN_UNUSED_RESULT;

/* wfl_bottlenecks_new() for every capacitated node, then
 * wfl_bottlenecks_rank_window(). */
GArray         *wfl_bottlenecks_rank         (WflSimulation        *simulation,
                                              int                   first_week,
                                              int                   last_week,
                                              GCancellable         *cancellable,
                                              GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* The first row of the end product in a ranking with a gain above 0: the
 * product's bottleneck of that window; NULL when it has none. */
const WflBottleneck *wfl_bottlenecks_get_top (GArray               *ranking,
                                              guint                 product);
/* The node's row of the end product, or NULL. */
const WflBottleneck *wfl_bottlenecks_find    (GArray               *ranking,
                                              guint                 node,
                                              guint                 product);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflBottlenecks, wfl_bottlenecks_unref)

G_END_DECLS
