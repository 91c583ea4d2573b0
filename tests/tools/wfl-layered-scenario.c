/* wfl-layered-scenario.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-test"

#include "config.h"

#include <math.h>

#include "wfl-layered-scenario.h"

WflScenario *
wfl_layered_scenario_new (guint32 seed,
                          int     n_layers,
                          int     per_layer,
                          int     n_links,
                          int     weeks)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WflScenario *s = wfl_scenario_new ();
  WflDate start = wfl_date_from_ymd (2023, 1, 2);
  int n_nodes = n_layers * per_layer;
  int fed = n_nodes - per_layer;
  static const char *units[] = { "wafer", "die", "package", "gpu", "server", "rack" };
  static const char *stages[] = { "Wafers", "Fab", "Packaging", "Test", "Assembly", "Integration" };

  wfl_scenario_set_calendar (s, start, weeks);
  for (int v = 0; v < n_nodes; v++)
    {
      int layer = v / per_layer;
      g_autofree char *id = g_strdup_printf ("n%d", v);
      WflNodeKind kind = layer == 0 ? WFL_NODE_KIND_SUPPLY
                         : layer == n_layers - 1 ? WFL_NODE_KIND_CUSTOMER
                         : WFL_NODE_KIND_PROCESS;
      WflNode *node = wfl_node_new (id, kind);

      node->name = g_strdup_printf ("%s %d",
                                    kind == WFL_NODE_KIND_CUSTOMER ? "Customer" : stages[layer % G_N_ELEMENTS (stages)],
                                    v % per_layer + 1);
      node->unit = g_strdup (units[layer % G_N_ELEMENTS (units)]);
      node->group = g_strdup_printf ("Company %d", v % 5);
      if (kind != WFL_NODE_KIND_CUSTOMER)
        {
          double cap = g_rand_double_range (rand, 200, 2000);

          node->lead_weeks = g_rand_int_range (rand, 0, 13);
          if (g_rand_int_range (rand, 0, 4) > 0)
            {
              node->capacity = wfl_schedule_new ();
              wfl_schedule_add_point (node->capacity, start, cap, WFL_INTERPOLATE_STEP);
              wfl_schedule_add_point (node->capacity, start + 7 * g_rand_int_range (rand, 1, weeks),
                                      cap * 2, WFL_INTERPOLATE_LINEAR);
            }
          node->yield = wfl_schedule_new_constant (g_rand_double_range (rand, 0.6, 1.0));
          node->allocation = (WflAllocation) g_rand_int_range (rand, 0, 4);
          node->initial_rate = g_rand_double_range (rand, 0, cap / 2);
          node->initial_stock = g_rand_double_range (rand, 0, cap);
        }
      else
        for (int o = 0; o < 6; o++)
          {
            g_autofree char *oid = g_strdup_printf ("o%d-%d", v, o);
            WflOrder *order = wfl_order_new (oid, floor (g_rand_double_range (rand, 1000, 50000)),
                                             start + 7 * g_rand_int_range (rand, 0, weeks));

            order->due = order->placed + 7 * g_rand_int_range (rand, 4, 40);
            g_ptr_array_add (node->orders, order);
          }
      wfl_scenario_add_node (s, node);
    }

  for (int v = per_layer; v < n_nodes; v++)
    {
      int layer = v / per_layer;
      int k = n_links / fed + ((v - per_layer) < n_links % fed ? 1 : 0);
      WflNode *to = wfl_scenario_get_node (s, v);
      int offset = g_rand_int_range (rand, 0, per_layer);

      for (int j = 0; j < k; j++)
        {
          int from_layer = (j == k - 1 && layer >= 2 && g_rand_int_range (rand, 0, 4) == 0) ? layer - 2 : layer - 1;
          int u = from_layer * per_layer + (offset + j) % per_layer;
          WflLink *link = wfl_link_new (wfl_scenario_get_node (s, u)->id, to->id);

          if (to->kind != WFL_NODE_KIND_CUSTOMER)
            {
              link->input = g_strdup_printf ("in%d", j / 2);
              link->per_unit = 1 + (j / 2) % 3;
              if (j % 2 == 1)
                link->mix = wfl_schedule_new_constant (0.5);
            }
          link->transit_weeks = g_rand_int_range (rand, 0, 3);
          link->priority = g_rand_int_range (rand, 1, 4);
          link->share = g_rand_double_range (rand, 0.5, 2);
          wfl_scenario_add_link (s, link);
        }
    }
  return s;
}
