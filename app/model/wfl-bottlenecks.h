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

/* One row of the ranking (docs/model.md, "Bottleneck ranking"). */
typedef struct
{
  guint   node;              /* node index in the simulation */
  double  gain;              /* extra units delivered to customers in the window */
  double  lateness_change;   /* change in mean lateness, weeks (negative = earlier) */
  double  delivered;         /* units delivered in the window with the raised capacity */
} WflBottleneck;

#define WFL_BOTTLENECK_FACTOR 1.1

/* For every node with finite capacity, re-runs the compiled model of a
 * simulation (run or not), with that node's capacity × 1.1 in every week,
 * and returns an array of WflBottleneck sorted by gain, largest first (ties
 * in document order).  The window [from_week, to_week] is inclusive; pass
 * 0 and G_MAXINT for the whole calendar.  Neither validates nor compiles
 * again, and does not change the simulation's own results, but must not
 * run concurrently with wfl_simulation_run() on the same simulation.
 * NULL with G_IO_ERROR_CANCELLED when cancelled.  The per-quarter share of
 * capacity-bound weeks is wfl_simulation_get_quarter_bound_share(). */
GArray   *wfl_bottlenecks_rank        (WflSimulation        *simulation,
                                       int                   from_week,
                                       int                   to_week,
                                       GCancellable         *cancellable,
                                       GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void      wfl_bottlenecks_rank_async  (WflSimulation        *simulation,
                                       int                   from_week,
                                       int                   to_week,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
GArray   *wfl_bottlenecks_rank_finish (WflSimulation        *simulation,
                                       GAsyncResult         *result,
                                       GError              **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
