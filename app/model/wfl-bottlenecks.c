/* wfl-bottlenecks.c: the bottleneck ranking of docs/model.md
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-bottlenecks"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wfl-bottlenecks.h"
#include "wfl-simulation-private.h"

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const WflBottleneck *ra = a, *rb = b;

  if (ra->gain != rb->gain)
    return ra->gain > rb->gain ? -1 : 1;
  return ra->node < rb->node ? -1 : (ra->node > rb->node);
}

GArray *
wfl_bottlenecks_rank (WflSimulation  *simulation,
                      int             from_week,
                      int             to_week,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(GArray) rows = NULL;
  WflSimRun *run;
  double base_delivered, base_lateness;
  guint n_nodes;
  WflSimSize size;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The variants run in a state of their own, beside the results. */
  _wfl_simulation_get_size (simulation, &size);
  if (!_wfl_simulation_check_memory (_wfl_simulation_run_bytes (&size), &size, error))
    return NULL;

  rows = g_array_new (FALSE, FALSE, sizeof (WflBottleneck));
  n_nodes = wfl_simulation_get_n_nodes (simulation);
  run = _wfl_simulation_variant_new (simulation);

  /* The base case, without lot tracking, like every variant. */
  _wfl_simulation_run_variant (simulation, run, -1, 1, from_week, to_week,
                               &base_delivered, &base_lateness);

  for (guint n = 0; n < n_nodes; n++)
    {
      WflBottleneck row = { 0 };
      double lateness;

      if (!wfl_simulation_node_has_capacity (simulation, n))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          _wfl_simulation_variant_free (run);
          return NULL;
        }
      _wfl_simulation_run_variant (simulation, run, (int) n, WFL_BOTTLENECK_FACTOR,
                                   from_week, to_week, &row.delivered, &lateness);
      row.node = n;
      row.gain = row.delivered - base_delivered;
      /* Rounding noise is no gain. */
      if (row.gain < 1e-9 * MAX (1.0, base_delivered) && row.gain > -1e-9 * MAX (1.0, base_delivered))
        row.gain = 0;
      row.lateness_change = lateness - base_lateness;
      g_array_append_val (rows, row);
    }
  _wfl_simulation_variant_free (run);

  g_array_sort (rows, compare_rows);
  return g_steal_pointer (&rows);
}

typedef struct
{
  int from_week;
  int to_week;
} RankData;

static void
rank_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RankData *data = task_data;
  GError *error = NULL;
  GArray *rows = wfl_bottlenecks_rank (source_object, data->from_week, data->to_week, cancellable, &error);

  if (rows != NULL)
    g_task_return_pointer (task, rows, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, error);
}

void
wfl_bottlenecks_rank_async (WflSimulation       *simulation,
                            int                  from_week,
                            int                  to_week,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RankData *data;

  g_return_if_fail (WFL_IS_SIMULATION (simulation));

  task = g_task_new (simulation, cancellable, callback, user_data);
  g_task_set_source_tag (task, wfl_bottlenecks_rank_async);
  data = g_new (RankData, 1);
  data->from_week = from_week;
  data->to_week = to_week;
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, rank_thread);
}

GArray *
wfl_bottlenecks_rank_finish (WflSimulation  *simulation,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (g_task_is_valid (result, simulation), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
