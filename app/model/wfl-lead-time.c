/* wfl-lead-time.c: the quoted lead time by order week
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The lead time a new order placed in week w would get depends on
 * everything the simulation does from w on: the allocation among
 * customers, the orders before it, what its own demand changes in the
 * plans.  No formula over the base run gives it exactly, so each week's
 * probe is simulated: the scenario with the probe order added, compiled
 * and run without lot tracking (the week an order is filled does not
 * depend on the lots; the bottleneck ranking's variants run the same
 * way).  The probes are independent: they run on every processor, each
 * worker with a copy of the scenario whose probe it moves from week to
 * week. */

#define G_LOG_DOMAIN "wfl-lead-time"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "wfl-lead-time.h"
#include "wfl-scenario.h"
#include "wfl-schedule.h"
#include "wfl-simulation-private.h"

static gboolean
order_id_taken (WflScenario *scenario,
                const char  *id)
{
  for (guint i = 0; i < wfl_scenario_get_n_nodes (scenario); i++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, i);

      for (guint j = 0; node->orders != NULL && j < node->orders->len; j++)
        if (g_strcmp0 (((WflOrder *) node->orders->pdata[j])->id, id) == 0)
          return TRUE;
    }
  return FALSE;
}

double
wfl_lead_time_probe_quantity (WflScenario *scenario,
                              const char  *customer)
{
  WflNode *node;
  double total = 0;

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), WFL_PROBE_QUANTITY);
  node = customer != NULL ? wfl_scenario_find_node (scenario, customer) : NULL;
  for (guint i = 0; node != NULL && node->orders != NULL && i < node->orders->len; i++)
    total += ((WflOrder *) node->orders->pdata[i])->quantity;
  return MAX (WFL_PROBE_QUANTITY, ceil (total / WFL_PROBE_SHARE_DIVISOR));
}

WflOrder *
wfl_lead_time_probe_new (WflScenario *scenario,
                         const char  *customer,
                         int          week)
{
  g_autofree char *id = g_strdup ("probe");

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);

  for (guint n = 2; order_id_taken (scenario, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("probe-%u", n);
    }
  return wfl_order_new (id, wfl_lead_time_probe_quantity (scenario, customer),
                        wfl_date_of_week (wfl_scenario_get_start (scenario), week));
}

typedef struct
{
  WflScenario  **copies;      /* one per worker, made before they start */
  int            next_copy;   /* atomic */
  int            customer;    /* node index */
  int            from_week;
  int            n_items;
  int           *lead_weeks;  /* n_items */
  int            next;        /* atomic */
  GCancellable  *cancellable;
  GMutex         lock;
  GError        *error;       /* the first failure */
} Work;

/* The index of the probe among the simulation's orders: orders are
 * numbered customer by customer in document order, and the probe is the
 * customer's last. */
static guint
probe_index (WflScenario *scenario,
             int          customer)
{
  guint index = 0;

  for (int i = 0; i <= customer; i++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, (guint) i);

      if (node->kind == WFL_NODE_KIND_CUSTOMER && node->orders != NULL)
        index += node->orders->len;
    }
  return index - 1;
}

static gboolean
run_probe (Work        *work,
           WflScenario *copy,
           WflOrder    *probe,
           guint        index,
           int          week,
           GError     **error)
{
  g_autoptr(WflSimulation) simulation = NULL;
  g_autofree double *received = NULL;
  g_autofree int *filled = NULL;
  WflSimRun *run;

  probe->placed = wfl_date_of_week (wfl_scenario_get_start (copy), week);
  simulation = wfl_simulation_new (copy, error);
  if (simulation == NULL)
    return FALSE;
  received = g_new (double, MAX ((gsize) wfl_simulation_get_n_products (simulation) *
                                 wfl_simulation_get_n_weeks (simulation), 1));
  filled = g_new (int, MAX (wfl_simulation_get_n_orders (simulation), 1));
  run = _wfl_simulation_variant_new (simulation);
  _wfl_simulation_run_variant (simulation, run, -1, 1, received, filled);
  _wfl_simulation_variant_free (run);
  work->lead_weeks[week - work->from_week] = filled[index] < 0 ? -1 : filled[index] - week;
  return TRUE;
}

static gpointer
work_thread (gpointer data)
{
  Work *work = data;
  WflScenario *copy = work->copies[g_atomic_int_add (&work->next_copy, 1)];
  WflNode *customer = wfl_scenario_get_node (copy, (guint) work->customer);
  WflOrder *probe = wfl_lead_time_probe_new (copy, customer->id, work->from_week);
  guint index;

  g_ptr_array_add (customer->orders, probe);
  index = probe_index (copy, work->customer);
  for (;;)
    {
      int i = g_atomic_int_add (&work->next, 1);
      GError *error = NULL;

      if (i >= work->n_items || g_cancellable_is_cancelled (work->cancellable))
        break;
      if (!run_probe (work, copy, probe, index, work->from_week + i, &error))
        {
          g_mutex_lock (&work->lock);
          if (work->error == NULL)
            work->error = g_steal_pointer (&error);
          g_mutex_unlock (&work->lock);
          g_clear_error (&error);
          g_atomic_int_set (&work->next, work->n_items);
          break;
        }
    }
  return NULL;
}

WflLeadTimeQuote *
wfl_lead_time_quote_new (WflScenario   *scenario,
                         const char    *customer,
                         int            from_week,
                         int            to_week,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(WflLeadTimeQuote) self = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  int node, n_weeks, n_workers;
  Work work = { 0 };

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (customer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = wfl_scenario_find_node_index (scenario, customer);
  if (node < 0 || wfl_scenario_get_node (scenario, (guint) node)->kind != WFL_NODE_KIND_CUSTOMER)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” is not a customer of the scenario"), customer);
      return NULL;
    }

  n_weeks = wfl_scenario_get_weeks (scenario);
  self = g_new0 (WflLeadTimeQuote, 1);
  self->customer = g_strdup (customer);
  self->probe_quantity = wfl_lead_time_probe_quantity (scenario, customer);
  self->from_week = CLAMP (from_week, 0, MAX (n_weeks - 1, 0));
  self->to_week = CLAMP (to_week, self->from_week, MAX (n_weeks - 1, 0));
  self->lead_weeks = g_new (int, self->to_week - self->from_week + 1);
  for (int i = 0; i <= self->to_week - self->from_week; i++)
    self->lead_weeks[i] = -1;
  if (n_weeks <= 0)
    return g_steal_pointer (&self);

  work.customer = node;
  work.from_week = self->from_week;
  work.n_items = self->to_week - self->from_week + 1;
  work.lead_weeks = self->lead_weeks;
  work.cancellable = cancellable;
  g_mutex_init (&work.lock);

  n_workers = CLAMP ((int) g_get_num_processors (), 1, work.n_items);
  /* Copied here, not in the workers: the scenario builds its id index
   * lazily, so even reading it is not safe from several threads. */
  work.copies = g_new0 (WflScenario *, n_workers);
  for (int i = 0; i < n_workers; i++)
    work.copies[i] = wfl_scenario_copy (scenario);
  for (int i = 1; i < n_workers; i++)
    g_ptr_array_add (threads, g_thread_new ("wfl-lead-time", work_thread, &work));
  work_thread (&work);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);
  g_mutex_clear (&work.lock);
  for (int i = 0; i < n_workers; i++)
    g_object_unref (work.copies[i]);
  g_free (work.copies);

  if (work.error != NULL)
    {
      g_propagate_error (error, work.error);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
wfl_lead_time_quote_free (WflLeadTimeQuote *self)
{
  if (self == NULL)
    return;
  g_free (self->customer);
  g_free (self->lead_weeks);
  g_free (self);
}

int
wfl_lead_time_quote_get (const WflLeadTimeQuote *self,
                         int                     week)
{
  g_return_val_if_fail (self != NULL, -1);
  if (week < self->from_week || week > self->to_week)
    return -1;
  return self->lead_weeks[week - self->from_week];
}
