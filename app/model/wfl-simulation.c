/* wfl-simulation.c: the weekly simulation of docs/model.md
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The type, its life cycle and the public entry points: compiling a
 * scenario (wfl_simulation_new()), running it (wfl_simulation_run() and
 * its asynchronous form) and the variant runs of
 * wfl-simulation-private.h.  The sections of the work are in the other
 * wfl-simulation-*.c files (see wfl-simulation-internal.h). */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-simulation-internal.h"

G_DEFINE_FINAL_TYPE (WflSimulation, wfl_simulation, G_TYPE_OBJECT)
G_DEFINE_QUARK (wfl-simulation-error-quark, wfl_simulation_error)

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->value, g_free);
  g_clear_pointer (&table->column, g_free);
  g_clear_pointer (&table->varying, _wfl_big_free);
}

static void
free_strv_n (char **strv,
             int    n)
{
  if (strv == NULL)
    return;
  for (int i = 0; i < n; i++)
    g_free (strv[i]);
  g_free (strv);
}

static void
wfl_simulation_finalize (GObject *object)
{
  WflSimulation *self = (WflSimulation *)object;

  free_strv_n (self->node_id, self->n_nodes);
  free_strv_n (self->node_name, self->n_nodes);
  free_strv_n (self->node_unit, self->n_nodes);
  free_strv_n (self->line_name, self->n_lines);
  free_strv_n (self->link_input, self->n_links);
  free_strv_n (self->order_id, self->n_orders);
  g_free (self->kind);
  g_free (self->lead);
  g_free (self->allocation);
  g_free (self->initial_rate);
  g_free (self->initial_stock);
  g_free (self->has_capacity);
  table_clear (&self->capacity);
  table_clear (&self->yield);
  g_free (self->topo);
  g_free (self->rank);
  g_free (self->line_first);
  g_free (self->out_first);
  g_free (self->out_links);
  g_free (self->out_priority);
  g_free (self->share_sum);
  g_free (self->line_node);
  g_free (self->line_per_unit);
  g_free (self->line_link_first);
  g_free (self->line_links);
  g_free (self->line_mix_total);
  g_free (self->link_mix_share);
  g_free (self->line_in_transit_weeks);
  g_free (self->line_ship_horizon);
  g_free (self->line_plan_horizon);
  g_free (self->node_h_first);
  g_free (self->node_h);
  g_free (self->line_ship_k);
  g_free (self->line_plan_k);
  g_free (self->wip_first);
  g_free (self->transit_links);
  g_free (self->link_from);
  g_free (self->link_to);
  g_free (self->link_line);
  g_free (self->link_transit);
  g_free (self->link_cover);
  g_free (self->link_share);
  table_clear (&self->mix);
  g_free (self->cust_row);
  g_free (self->ordered_cum);
  g_free (self->cust_order_first);
  g_free (self->cust_orders);
  g_free (self->order_customer);
  g_free (self->order_quantity);
  g_free (self->order_placed);
  g_free (self->order_due);
  g_free (self->order_placed_date);
  g_free (self->order_due_date);
  free_strv_n (self->product_unit, self->n_products);
  g_free (self->node_product);
  g_free (self->reaches);
  g_free (self->week_quarter);
  g_free (self->quarter_first);
  _wfl_simulation_free_demand (self);
  g_clear_pointer (&self->run, _wfl_simulation_variant_free);
  _wfl_simulation_capacity_free (self);
  g_free (self->orders);
  g_free (self->stages);
  table_clear (&self->open);
  table_clear (&self->weight);
  _wfl_simulation_quotas_free (self);

  G_OBJECT_CLASS (wfl_simulation_parent_class)->finalize (object);
}

static void
wfl_simulation_class_init (WflSimulationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wfl_simulation_finalize;
}

static void
wfl_simulation_init (WflSimulation *self)
{
  self->lot_thread = -1;
}

WflSimulation *
wfl_simulation_new (WflScenario  *scenario,
                    GError      **error)
{
  return wfl_simulation_new_with_edits (scenario, NULL, 0, error);
}

WflSimulation *
wfl_simulation_new_with_edits (WflScenario           *scenario,
                               const WflCapacityEdit *edits,
                               guint                  n_edits,
                               GError               **error)
{
  return _wfl_simulation_new_full (scenario, edits, n_edits, TRUE, error);
}

WflSimulation *
_wfl_simulation_new_full (WflScenario           *scenario,
                          const WflCapacityEdit *edits,
                          guint                  n_edits,
                          gboolean               validate,
                          GError               **error)
{
  WflSimulation *self;
  WflSimSize size;

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (validate && !wfl_scenario_check (scenario, error))
    return NULL;

  /* Before anything is allocated: the compiled model and one run with
   * its lots must fit. */
  _wfl_simulation_measure (scenario, &size);
  if (!_wfl_simulation_check_memory (_wfl_simulation_compiled_bytes (&size) +
                                     _wfl_simulation_run_bytes (&size) +
                                     _wfl_simulation_lots_bytes (&size), &size, error))
    return NULL;

  self = g_object_new (WFL_TYPE_SIMULATION, NULL);
  self->edits = edits;
  self->n_edits = n_edits;
  _wfl_simulation_compile (self, scenario);
  self->edits = NULL;
  self->n_edits = 0;
  _wfl_simulation_compile_products (self);
  return self;
}

/* ------------------------------------------------------------------ */
/* Run state */

/* The bytes of the arrays _wfl_simulation_variant_new() allocates, just
 * below: an array added there is counted here (test-simulation-memory
 * checks that the estimate covers what a run allocates). */
gsize
_wfl_simulation_run_bytes (const WflSimSize *size)
{
  gsize nw = size->nodes * size->weeks;
  gsize mw = size->links * size->weeks;

  return nw * (4 * sizeof (double) + sizeof (guint8) + sizeof (int)) +  /* requirement … binding_line */
         mw * sizeof (double) +                                          /* shipped */
         MAX (size->nodes, 1) * 4 * sizeof (double) +                    /* stock, received (two), received_week */
         MAX (size->links, 1) * 2 * sizeof (double) +                    /* pool (per line), req_link */
         MAX (size->max_out, 1) * (sizeof (double) + sizeof (int)) +     /* alloc, order_scratch */
         MAX (size->orders, 1) * (3 * sizeof (double) + sizeof (int));   /* remaining … filled_week */
}

void
_wfl_simulation_plan_scratch_new (WflSimulation *self,
                                  WflSimRun     *run)
{
  int max_lines = 1;

  for (int n = 0; n < self->n_nodes; n++)
    max_lines = MAX (max_lines, self->line_first[n + 1] - self->line_first[n]);
  run->on_hand = g_new (double, max_lines);
  run->horizons = g_new (struct _Horizon, 2 * max_lines + 1);
  run->plan_m = g_new (double, self->max_plan_cells);
  run->demand = g_new (double, 6 * max_lines);
}

void
_wfl_simulation_plan_scratch_free (WflSimRun *run)
{
  g_free (run->on_hand);
  g_free (run->horizons);
  g_free (run->plan_m);
  g_free (run->demand);
}

WflSimRun *
_wfl_simulation_variant_new (WflSimulation *self)
{
  WflSimRun *run = g_new0 (WflSimRun, 1);
  gsize nw = (gsize) self->n_nodes * self->n_weeks;
  gsize mw = (gsize) self->n_links * self->n_weeks;
  int max_out = 1;

  for (int n = 0; n < self->n_nodes; n++)
    max_out = MAX (max_out, self->out_first[n + 1] - self->out_first[n]);

  run->requirement = big_new (double, nw);
  run->starts = big_new (double, nw);
  run->completed = big_new (double, nw);
  run->stock_end = big_new (double, nw);
  run->binding = big_new (guint8, nw);
  run->binding_line = big_new (int, nw);
  run->shipped = big_new (double, mw);
  run->stock = g_new (double, MAX (self->n_nodes, 1));
  run->pool = g_new (double, MAX (self->n_lines, 1));
  run->received = g_new (double, MAX (self->n_nodes, 1));
  run->received_lo = g_new (double, MAX (self->n_nodes, 1));
  run->received_week = g_new (double, MAX (self->n_nodes, 1));
  run->req_link = g_new (double, MAX (self->n_links, 1));
  run->plan_link = g_new (double, MAX (self->n_links, 1));
  run->gross_link = g_new (double, MAX (self->n_links, 1));
  run->prev_plan = g_new (double, MAX (self->n_links, 1));
  run->part = g_new (double, MAX (self->n_links, 1));
  run->in_rate = g_new (double, MAX (self->n_nodes, 1));
  run->out_rate = g_new (double, MAX (self->n_nodes, 1));
  run->take_rate = g_new (double, MAX (self->n_nodes, 1));
  _wfl_simulation_plan_scratch_new (self, run);
  run->wip_cum = g_new (double, MAX (self->wip_first[self->n_nodes], 1));
  run->wip_week = g_new (int, MAX (self->n_nodes, 1));
  run->scarce_line = g_new (int, MAX (self->n_nodes, 1));
  run->alloc = g_new (double, max_out);
  run->order_scratch = g_new (int, max_out);
  run->remaining = g_new (double, MAX (self->n_orders, 1));
  run->delivered = g_new (double, MAX (self->n_orders, 1));
  run->delivered_by_due = g_new (double, MAX (self->n_orders, 1));
  run->filled_week = g_new (int, MAX (self->n_orders, 1));
  run->scaled_node = -1;
  run->factor = 1;
  _wfl_simulation_quota_run_new (self, run);
  run->cap = &self->capacity;
  return run;
}

void
_wfl_simulation_variant_free (WflSimRun *run)
{
  if (run == NULL)
    return;
  _wfl_big_free (run->requirement);
  _wfl_big_free (run->starts);
  _wfl_big_free (run->completed);
  _wfl_big_free (run->stock_end);
  _wfl_big_free (run->binding);
  _wfl_big_free (run->binding_line);
  _wfl_big_free (run->shipped);
  g_free (run->stock);
  g_free (run->pool);
  g_free (run->received);
  g_free (run->received_lo);
  g_free (run->received_week);
  g_free (run->req_link);
  g_free (run->plan_link);
  g_free (run->gross_link);
  g_free (run->prev_plan);
  g_free (run->part);
  g_free (run->in_rate);
  g_free (run->out_rate);
  g_free (run->take_rate);
  _wfl_simulation_plan_scratch_free (run);
  g_free (run->wip_cum);
  g_free (run->wip_week);
  g_free (run->scarce_line);
  g_free (run->alloc);
  g_free (run->order_scratch);
  g_free (run->remaining);
  g_free (run->delivered);
  g_free (run->delivered_by_due);
  g_free (run->filled_week);
  _wfl_simulation_lots_clear (&run->lots);
  _wfl_simulation_quota_run_free (run);
  _wfl_simulation_capacity_run_free (run);
  g_free (run);
}

/* ------------------------------------------------------------------ */
/* Running */

static gboolean
run_full (WflSimulation  *self,
          gboolean        track_lots,
          GCancellable   *cancellable,
          GError        **error)
{
  self->has_run = FALSE;
  if (self->run == NULL)
    self->run = _wfl_simulation_variant_new (self);
  self->run->track_lots = track_lots;
  self->run->scaled_node = -1;
  self->run->factor = 1;

  if (!_wfl_simulation_simulate (self, self->run, cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The simulation was cancelled."));
      return FALSE;
    }
  _wfl_simulation_build_order_results (self);
  /* The lot pool is only needed to build the timelines. */
  _wfl_simulation_lots_clear (&self->run->lots);
  self->has_run = TRUE;
  return TRUE;
}

gboolean
wfl_simulation_run (WflSimulation  *self,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return run_full (self, TRUE, cancellable, error);
}

gboolean
wfl_simulation_run_without_timelines (WflSimulation  *self,
                                      GCancellable   *cancellable,
                                      GError        **error)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  return run_full (self, FALSE, cancellable, error);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (wfl_simulation_run (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wfl_simulation_run_async (WflSimulation       *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WFL_IS_SIMULATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wfl_simulation_run_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

gboolean
wfl_simulation_run_finish (WflSimulation  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_wfl_simulation_set_lot_thread (WflSimulation *self,
                                int            mode)
{
  self->lot_thread = mode;
}

gboolean
wfl_simulation_has_run (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), FALSE);
  return self->has_run;
}

void
_wfl_simulation_run_variant (WflSimulation *self,
                             WflSimRun     *run,
                             int            node,
                             double         factor,
                             double        *received,
                             int           *filled_week)
{
  run->track_lots = FALSE;
  run->scaled_node = node;
  run->factor = factor;
  _wfl_simulation_simulate (self, run, NULL);

  memset (received, 0, sizeof (double) * self->n_products * self->n_weeks);
  for (int t = 0; t < self->n_weeks; t++)
    for (int n = 0; n < self->n_nodes; n++)
      if (self->node_product[n] >= 0)
        received[(gsize) self->node_product[n] * self->n_weeks + t] +=
          run->completed[(gsize) t * self->n_nodes + n];
  memcpy (filled_week, run->filled_week, sizeof (int) * self->n_orders);
}
