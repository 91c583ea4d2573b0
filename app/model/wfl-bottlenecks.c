/* wfl-bottlenecks.c: the bottleneck ranking of docs/model.md
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The variant runs do not depend on the window: each raises a capacity in
 * every week of the calendar.  They are run once per simulation (one run
 * per capacitated node, in a thread for the window), and every window is
 * then ranked from what they stored: per end product, the units customers
 * received each week, and the week each order was filled. */

#define G_LOG_DOMAIN "wfl-bottlenecks"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "wfl-bottlenecks.h"
#include "wfl-simulation-private.h"

typedef struct
{
  guint   node;
  double *received;      /* n_products × n_weeks */
  int    *filled_week;   /* n_orders */
} Variant;

struct _WflBottlenecks
{
  gatomicrefcount  ref_count;
  WflSimulation   *simulation;
  int              n_weeks;
  guint            n_products;
  Variant          base;
  GArray          *variants;   /* of Variant, in document order */
};

static void
variant_clear (Variant *variant)
{
  g_clear_pointer (&variant->received, g_free);
  g_clear_pointer (&variant->filled_week, g_free);
}

static void
variant_run (WflBottlenecks *self,
             WflSimRun      *run,
             Variant        *variant,
             int             node,
             double          factor)
{
  WflSimulation *simulation = self->simulation;

  variant->node = (guint) node;
  variant->received = g_new (double, MAX ((gsize) self->n_products * self->n_weeks, 1));
  variant->filled_week = g_new (int, MAX (wfl_simulation_get_n_orders (simulation), 1));
  _wfl_simulation_run_variant (simulation, run, node, factor, variant->received, variant->filled_week);
}

/* The variants are independent runs of a model nothing writes to: they
 * run on every processor, each worker with its own run state, taking the
 * next variant in turn.  Which worker runs which does not change what
 * they store. */
typedef struct
{
  WflBottlenecks *self;
  Variant        *slots;      /* n_items, the base last */
  const int      *nodes;      /* n_items; -1 for the base */
  int             n_items;
  int             next;       /* atomic */
  GCancellable   *cancellable;
} Work;

static gpointer
work_thread (gpointer data)
{
  Work *work = data;
  WflSimRun *run = _wfl_simulation_variant_new (work->self->simulation);

  for (;;)
    {
      int i = g_atomic_int_add (&work->next, 1);

      if (i >= work->n_items || g_cancellable_is_cancelled (work->cancellable))
        break;
      variant_run (work->self, run, &work->slots[i], work->nodes[i],
                   work->nodes[i] < 0 ? 1 : WFL_BOTTLENECK_FACTOR);
    }
  _wfl_simulation_variant_free (run);
  return NULL;
}

WflBottlenecks *
wfl_bottlenecks_new (WflSimulation  *simulation,
                     const guint    *nodes,
                     guint           n_nodes,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(WflBottlenecks) self = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree Variant *slots = NULL;
  guint n_total;
  int base = -1, n_workers;
  WflSimSize size;
  gsize run_bytes;
  gsize available;
  Work work;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (nodes != NULL || n_nodes == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (WflBottlenecks, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->simulation = g_object_ref (simulation);
  self->n_weeks = wfl_simulation_get_n_weeks (simulation);
  self->n_products = wfl_simulation_get_n_products (simulation);
  self->variants = g_array_new (FALSE, TRUE, sizeof (Variant));
  g_array_set_clear_func (self->variants, (GDestroyNotify) variant_clear);

  n_total = nodes != NULL ? n_nodes : wfl_simulation_get_n_nodes (simulation);
  for (guint i = 0; i < n_total; i++)
    {
      guint n = nodes != NULL ? nodes[i] : i;

      if (n < wfl_simulation_get_n_nodes (simulation) && wfl_simulation_node_has_capacity (simulation, n))
        g_array_append_val (items, n);
    }
  /* The base case, without lot tracking, like every variant. */
  g_array_append_val (items, base);

  slots = g_new0 (Variant, items->len);
  work = (Work) { self, slots, &g_array_index (items, int, 0), (int) items->len, 0, cancellable };
  n_workers = CLAMP ((int) g_get_num_processors (), 1, (int) items->len);

  /* Each worker runs the variants in a state of its own, beside the
   * results: refuse, saying why, when not even one fits, and use only as
   * many workers as fit. */
  _wfl_simulation_get_size (simulation, &size);
  run_bytes = MAX (_wfl_simulation_run_bytes (&size), 1);
  available = _wfl_memory_available ();
  if (!_wfl_simulation_check_memory_in (run_bytes, available, &size, error))
    return NULL;
  n_workers = (int) MIN ((gsize) n_workers, MAX (available / run_bytes, 1));

  for (int i = 1; i < n_workers; i++)
    g_ptr_array_add (threads, g_thread_new ("wfl-bottlenecks", work_thread, &work));
  work_thread (&work);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      for (guint i = 0; i < items->len; i++)
        variant_clear (&slots[i]);
      return NULL;
    }
  self->base = slots[items->len - 1];
  g_array_append_vals (self->variants, slots, items->len - 1);
  return g_steal_pointer (&self);
}

WflBottlenecks *
wfl_bottlenecks_ref (WflBottlenecks *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wfl_bottlenecks_unref (WflBottlenecks *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  variant_clear (&self->base);
  g_clear_pointer (&self->variants, g_array_unref);
  g_clear_object (&self->simulation);
  g_free (self);
}

WflSimulation *
wfl_bottlenecks_get_simulation (WflBottlenecks *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->simulation;
}

/* What customers of product p hold from the window's first week on,
 * averaged over its weeks: (1 / n) Σ_{t = a … b} Σ_{s = a … t} r(s), that is
 * each week's receipts weighted by the weeks left in the window. */
static double
held (const double *received,
      int           a,
      int           b)
{
  double sum = 0;

  for (int t = a; t <= b; t++)
    sum += (double) (b - t + 1) * received[t];
  return sum / (double) (b - a + 1);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const WflBottleneck *ra = a, *rb = b;

  if (ra->product != rb->product)
    return ra->product < rb->product ? -1 : 1;
  if (ra->gain != rb->gain)
    return ra->gain > rb->gain ? -1 : 1;
  return ra->node < rb->node ? -1 : (ra->node > rb->node);
}

GArray *
wfl_bottlenecks_rank_window (WflBottlenecks *self,
                             int             first_week,
                             int             last_week)
{
  g_autofree double *gained = NULL;
  GArray *rows;
  int a, b;
  gboolean empty;

  g_return_val_if_fail (self != NULL, NULL);

  a = MAX (first_week, 0);
  b = MIN (last_week, self->n_weeks - 1);
  empty = a > b;
  gained = g_new (double, MAX (self->n_weeks, 1));
  rows = g_array_new (FALSE, TRUE, sizeof (WflBottleneck));
  for (guint p = 0; p < self->n_products; p++)
    {
      const double *base_received = self->base.received + (gsize) p * self->n_weeks;
      double base = empty ? 0 : held (base_received, a, b);
      double base_lateness = _wfl_simulation_mean_lateness_in (self->simulation, self->base.filled_week,
                                                               (int) p, a, b);

      for (guint i = 0; i < self->variants->len; i++)
        {
          const Variant *variant = &g_array_index (self->variants, Variant, i);
          WflBottleneck row = { variant->node, p, 0, NAN, NAN };

          if (!wfl_simulation_node_reaches_product (self->simulation, variant->node, p))
            continue;
          if (!empty)
            {
              const double *received = variant->received + (gsize) p * self->n_weeks;

              /* Week by week differences first, so that equal runs give 0
               * exactly. */
              for (int t = a; t <= b; t++)
                gained[t] = received[t] - base_received[t];
              row.gain = held (gained, a, b);
              if (fabs (row.gain) <= MAX (WFL_BOTTLENECK_MATERIAL * base, 1e-9))
                row.gain = 0;
            }
          row.share = base > 0 ? row.gain / base : NAN;
          row.lateness_change = _wfl_simulation_mean_lateness_in (self->simulation, variant->filled_week,
                                                                  (int) p, a, b) - base_lateness;
          if (fabs (row.lateness_change) < 1e-9)
            row.lateness_change = 0;
          g_array_append_val (rows, row);
        }
    }
  g_array_sort (rows, compare_rows);
  return rows;
}

GArray *
wfl_bottlenecks_rank (WflSimulation  *simulation,
                      int             first_week,
                      int             last_week,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(WflBottlenecks) self = wfl_bottlenecks_new (simulation, NULL, 0, cancellable, error);

  if (self == NULL)
    return NULL;
  return wfl_bottlenecks_rank_window (self, first_week, last_week);
}

const WflBottleneck *
wfl_bottlenecks_get_top (GArray *ranking,
                         guint   product)
{
  g_return_val_if_fail (ranking != NULL, NULL);

  for (guint i = 0; i < ranking->len; i++)
    {
      const WflBottleneck *row = &g_array_index (ranking, WflBottleneck, i);

      if (row->product == product)
        return row->gain > 0 ? row : NULL;
    }
  return NULL;
}

const WflBottleneck *
wfl_bottlenecks_find (GArray *ranking,
                      guint   node,
                      guint   product)
{
  g_return_val_if_fail (ranking != NULL, NULL);

  for (guint i = 0; i < ranking->len; i++)
    {
      const WflBottleneck *row = &g_array_index (ranking, WflBottleneck, i);

      if (row->node == node && row->product == product)
        return row;
    }
  return NULL;
}

static void
new_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  WflBottlenecks *self = wfl_bottlenecks_new (source_object, NULL, 0, cancellable, &error);

  if (self != NULL)
    g_task_return_pointer (task, self, (GDestroyNotify) wfl_bottlenecks_unref);
  else
    g_task_return_error (task, error);
}

void
wfl_bottlenecks_new_async (WflSimulation       *simulation,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WFL_IS_SIMULATION (simulation));

  task = g_task_new (simulation, cancellable, callback, user_data);
  g_task_set_source_tag (task, wfl_bottlenecks_new_async);
  g_task_run_in_thread (task, new_thread);
}

WflBottlenecks *
wfl_bottlenecks_new_finish (WflSimulation  *simulation,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (g_task_is_valid (result, simulation), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
