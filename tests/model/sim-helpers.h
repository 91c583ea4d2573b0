/* sim-helpers.h: small builders shared by the simulation tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "wfl-model.h"

#define START (wfl_date_from_ymd (2023, 1, 2))

static inline WflScenario *
new_scenario (int weeks)
{
  WflScenario *s = wfl_scenario_new ();

  wfl_scenario_set_calendar (s, START, weeks);
  return s;
}

/* cap < 0: unlimited. */
static inline WflNode *
add_node (WflScenario *s,
          const char  *id,
          WflNodeKind  kind,
          double       cap,
          int          lead,
          double       yield)
{
  WflNode *node = wfl_node_new (id, kind);

  node->unit = g_strdup ("unit");
  if (cap >= 0)
    node->capacity = wfl_schedule_new_constant (cap);
  node->lead_weeks = lead;
  if (yield != 1)
    node->yield = wfl_schedule_new_constant (yield);
  wfl_scenario_add_node (s, node);
  return node;
}

static inline WflLink *
add_link (WflScenario *s,
          const char  *from,
          const char  *to,
          double       per_unit)
{
  WflLink *link = wfl_link_new (from, to);

  link->per_unit = per_unit;
  wfl_scenario_add_link (s, link);
  return link;
}

/* due_week < 0: no due date. */
static inline WflOrder *
add_order (WflScenario *s,
           const char  *customer,
           const char  *id,
           double       quantity,
           int          placed_week,
           int          due_week)
{
  WflNode *node = wfl_scenario_find_node (s, customer);
  WflOrder *order = wfl_order_new (id, quantity, wfl_date_of_week (START, placed_week));

  g_assert_nonnull (node);
  if (due_week >= 0)
    order->due = wfl_date_of_week (START, due_week);
  g_ptr_array_add (node->orders, order);
  return order;
}

static inline WflSimulation *
simulate (WflScenario *s)
{
  g_autoptr(GError) error = NULL;
  WflSimulation *sim = wfl_simulation_new (s, &error);

  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (sim, NULL, &error));
  g_assert_no_error (error);
  return sim;
}

static inline double
val (WflSimulation *sim,
     const char    *id,
     WflSeries      series,
     int            week)
{
  int n = wfl_simulation_find_node (sim, id);

  g_assert_cmpint (n, >=, 0);
  return wfl_simulation_get_node_value (sim, n, series, week);
}

static inline double
shipped (WflSimulation *sim,
         guint          link,
         int            week)
{
  return wfl_simulation_get_link_shipped (sim, link, week);
}

static inline const WflOrderResult *
order_by_id (WflSimulation *sim,
             const char    *id)
{
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    if (g_strcmp0 (wfl_simulation_get_order (sim, o)->id, id) == 0)
      return wfl_simulation_get_order (sim, o);
  g_assert_not_reached ();
  return NULL;
}

static inline WflBinding
binding (WflSimulation *sim,
         const char    *id,
         int            week,
         const char   **input)
{
  return wfl_simulation_get_binding (sim, wfl_simulation_find_node (sim, id), week, input);
}

#define assert_near(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9 * MAX (1.0, fabs ((double) (b))))
