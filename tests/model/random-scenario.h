/* random-scenario.h: seeded random acyclic scenarios for tests and benchmarks
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "wfl-model.h"

/* A layered graph: the first layer supplies, the last holds customers,
 * processes in between.  Each node after the first layer gets about
 * links_per_node incoming links, mostly from the layer just above it,
 * sometimes grouped as alternative sources of one input.  Capacities,
 * lead times, yields, mixes and allocation policies vary, some as dated
 * schedules with ramps.  The same seed always gives the same scenario. */
static inline WflScenario *
random_scenario (guint32 seed,
                 int     n_layers,
                 int     nodes_per_layer,
                 int     links_per_node,
                 int     weeks)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  WflScenario *s = wfl_scenario_new ();
  WflDate start = wfl_date_from_ymd (2023, 1, 2);
  g_autofree int *layer_first = g_new (int, n_layers + 1);
  int n = 0;
  int max_lead = MAX (1, MIN (8, weeks / 6));

  wfl_scenario_set_calendar (s, start, weeks);

  for (int layer = 0; layer < n_layers; layer++)
    {
      int count = MAX (1, nodes_per_layer + g_rand_int_range (rand, -nodes_per_layer / 3, nodes_per_layer / 3 + 1));

      layer_first[layer] = n;
      for (int i = 0; i < count; i++, n++)
        {
          g_autofree char *id = g_strdup_printf ("n%d", n);
          WflNodeKind kind = layer == 0 ? WFL_NODE_KIND_SUPPLY
                             : layer == n_layers - 1 ? WFL_NODE_KIND_CUSTOMER
                             : WFL_NODE_KIND_PROCESS;
          WflNode *node = wfl_node_new (id, kind);

          node->unit = g_strdup ("unit");
          if (kind != WFL_NODE_KIND_CUSTOMER)
            {
              double cap = g_rand_double_range (rand, 20, 400);

              node->lead_weeks = g_rand_int_range (rand, 0, max_lead + 1);
              if (g_rand_int_range (rand, 0, 5) > 0)
                {
                  if (g_rand_boolean (rand))
                    node->capacity = wfl_schedule_new_constant (cap);
                  else
                    {
                      node->capacity = wfl_schedule_new ();
                      wfl_schedule_add_point (node->capacity, start, cap * 0.5, WFL_INTERPOLATE_STEP);
                      wfl_schedule_add_point (node->capacity, start + 7 * g_rand_int_range (rand, 1, weeks),
                                              cap * 1.5, g_rand_boolean (rand) ? WFL_INTERPOLATE_LINEAR : WFL_INTERPOLATE_STEP);
                    }
                }
              if (g_rand_boolean (rand))
                {
                  node->yield = wfl_schedule_new ();
                  wfl_schedule_add_point (node->yield, start, g_rand_double_range (rand, 0.4, 1.0), WFL_INTERPOLATE_STEP);
                  if (g_rand_boolean (rand))
                    wfl_schedule_add_point (node->yield, start + 7 * g_rand_int_range (rand, 1, weeks),
                                            g_rand_double_range (rand, 0.6, 1.0), WFL_INTERPOLATE_LINEAR);
                }
              node->allocation = (WflAllocation) g_rand_int_range (rand, 0, 4);
              if (g_rand_int_range (rand, 0, 3) == 0)
                node->initial_rate = g_rand_double_range (rand, 0, 100);
              if (g_rand_int_range (rand, 0, 3) == 0)
                node->initial_stock = g_rand_double_range (rand, 0, 300);
            }
          else
            {
              int n_orders = g_rand_int_range (rand, 1, 6);

              for (int o = 0; o < n_orders; o++)
                {
                  g_autofree char *oid = g_strdup_printf ("o%d-%d", n, o);
                  int placed = g_rand_int_range (rand, 0, weeks);
                  WflOrder *order = wfl_order_new (oid, floor (g_rand_double_range (rand, 10, 2000)),
                                                   start + 7 * placed + g_rand_int_range (rand, 0, 7));

                  if (g_rand_int_range (rand, 0, 4) > 0)
                    order->due = order->placed + 7 * g_rand_int_range (rand, 0, MAX (weeks / 2, 1));
                  order->priority = g_rand_int_range (rand, 1, 4);
                  g_ptr_array_add (node->orders, order);
                }
            }
          wfl_scenario_add_node (s, node);
        }
    }
  layer_first[n_layers] = n;

  for (int layer = 1; layer < n_layers; layer++)
    for (int v = layer_first[layer]; v < layer_first[layer + 1]; v++)
      {
        WflNode *to = wfl_scenario_get_node (s, v);
        int k = MAX (1, links_per_node + g_rand_int_range (rand, -1, 2));
        g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
        double group_pu = 1;
        int group = 0;

        for (int j = 0; j < k; j++)
          {
            int from_layer = g_rand_int_range (rand, 0, 4) > 0 ? layer - 1 : g_rand_int_range (rand, 0, layer);
            int u = g_rand_int_range (rand, layer_first[from_layer], layer_first[from_layer + 1]);
            WflLink *link;

            if (g_hash_table_contains (used, GINT_TO_POINTER (u)))
              continue;
            g_hash_table_add (used, GINT_TO_POINTER (u));
            link = wfl_link_new (wfl_scenario_get_node (s, u)->id, to->id);
            if (to->kind != WFL_NODE_KIND_CUSTOMER && j > 0 && g_rand_int_range (rand, 0, 3) == 0)
              {
                /* An alternative source of the previous line. */
                link->input = g_strdup_printf ("in%d", group);
                link->per_unit = group_pu;
                if (g_rand_boolean (rand))
                  {
                    link->mix = wfl_schedule_new ();
                    wfl_schedule_add_point (link->mix, start, 0, WFL_INTERPOLATE_STEP);
                    wfl_schedule_add_point (link->mix, start + 7 * g_rand_int_range (rand, 1, weeks), 1,
                                            WFL_INTERPOLATE_STEP);
                  }
                else
                  link->mix = wfl_schedule_new_constant (g_rand_double_range (rand, 0.2, 3));
              }
            else
              {
                group++;
                group_pu = to->kind == WFL_NODE_KIND_CUSTOMER ? 1 : (double) g_rand_int_range (rand, 1, 6) / 2;
                link->input = g_strdup_printf ("in%d", group);
                link->per_unit = group_pu;
              }
            link->transit_weeks = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1, 3) : 0;
            link->priority = g_rand_int_range (rand, 1, 4);
            link->share = g_rand_double_range (rand, 0.5, 3);
            wfl_scenario_add_link (s, link);
          }
      }

  return s;
}

/* Version 2's allocation and availability on a scenario of
 * random_scenario(), drawn from a stream of its own so that the scenario
 * itself is unchanged: about a third of the nodes that split their output
 * switch to weighted-fair-share or quota (any period); their links get
 * weights or quotas, constant or by date; quota nodes get grants between
 * their links; and about a tenth of all links close and perhaps reopen. */
static inline void
random_allocation (WflScenario *s,
                   guint32      seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5eed11a);
  WflDate start = wfl_scenario_get_start (s);
  int weeks = wfl_scenario_get_weeks (s);
  guint n_links = wfl_scenario_get_n_links (s);

  for (guint n = 0; n < wfl_scenario_get_n_nodes (s); n++)
    {
      WflNode *node = wfl_scenario_get_node (s, n);
      g_autoptr(GPtrArray) out = g_ptr_array_new ();

      for (guint l = 0; l < n_links; l++)
        if (g_strcmp0 (wfl_scenario_get_link (s, l)->from, node->id) == 0)
          g_ptr_array_add (out, wfl_scenario_get_link (s, l));
      if (node->kind == WFL_NODE_KIND_CUSTOMER || out->len < 2 || g_rand_int_range (rand, 0, 3) > 0)
        continue;
      node->allocation = g_rand_boolean (rand) ? WFL_ALLOCATION_WEIGHTED_FAIR_SHARE : WFL_ALLOCATION_QUOTA;
      node->quota_period = (WflPeriod) g_rand_int_range (rand, 0, 3);
      for (guint i = 0; i < out->len; i++)
        {
          WflLink *link = g_ptr_array_index (out, i);
          WflSchedule **slot = node->allocation == WFL_ALLOCATION_QUOTA ? &link->quota : &link->weight;
          double scale = node->allocation == WFL_ALLOCATION_QUOTA ? 400 : 3;

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              break;  /* the default: weight 1, no quota */
            case 1:
              *slot = wfl_schedule_new_constant (g_rand_double_range (rand, 0, scale));
              break;
            default:
              *slot = wfl_schedule_new ();
              wfl_schedule_add_point (*slot, start, g_rand_double_range (rand, 0, scale), WFL_INTERPOLATE_STEP);
              wfl_schedule_add_point (*slot, start + 7 * g_rand_int_range (rand, 1, weeks),
                                      g_rand_double_range (rand, 0, scale),
                                      g_rand_boolean (rand) ? WFL_INTERPOLATE_LINEAR : WFL_INTERPOLATE_STEP);
              break;
            }
        }
      for (int g = g_rand_int_range (rand, 0, 4); g > 0 && node->allocation == WFL_ALLOCATION_QUOTA; g--)
        {
          WflLink *donor = g_ptr_array_index (out, g_rand_int_range (rand, 0, out->len));
          WflLink *recipient = g_ptr_array_index (out, g_rand_int_range (rand, 0, out->len));
          WflGrant *grant;
          int from = g_rand_int_range (rand, 0, weeks);

          if (donor == recipient || g_strcmp0 (donor->to, recipient->to) == 0)
            continue;
          grant = wfl_grant_new (donor->to, recipient->to, g_rand_double_range (rand, 0, 300),
                                 start + 7 * from + g_rand_int_range (rand, 0, 7));
          if (g_rand_boolean (rand))
            grant->to = grant->from + 7 * g_rand_int_range (rand, 0, weeks);
          g_ptr_array_add (node->grants, grant);
        }
    }

  /* Grants need exactly one link to each end: a process may have two
   * links from one node (two inputs); drop the grants that name one. */
  for (guint n = 0; n < wfl_scenario_get_n_nodes (s); n++)
    {
      WflNode *node = wfl_scenario_get_node (s, n);

      for (guint i = node->grants->len; i > 0; i--)
        {
          WflGrant *grant = g_ptr_array_index (node->grants, i - 1);
          int donors = 0, recipients = 0;

          for (guint l = 0; l < n_links; l++)
            {
              WflLink *link = wfl_scenario_get_link (s, l);

              donors += g_strcmp0 (link->from, node->id) == 0 && g_strcmp0 (link->to, grant->donor) == 0;
              recipients += g_strcmp0 (link->from, node->id) == 0 && g_strcmp0 (link->to, grant->recipient) == 0;
            }
          if (donors != 1 || recipients != 1)
            g_ptr_array_remove_index (node->grants, i - 1);
        }
    }

  for (guint l = 0; l < n_links; l++)
    {
      WflLink *link = wfl_scenario_get_link (s, l);
      int week = g_rand_int_range (rand, 0, weeks);

      if (g_rand_int_range (rand, 0, 10) > 0)
        continue;
      link->availability = wfl_schedule_new ();
      wfl_schedule_add_point (link->availability, start + 7 * week, g_rand_boolean (rand) ? 0 : 1,
                              WFL_INTERPOLATE_STEP);
      if (g_rand_boolean (rand))
        wfl_schedule_add_point (link->availability, start + 7 * g_rand_int_range (rand, week, weeks),
                                wfl_schedule_get_point (link->availability, 0)->value > 0 ? 0 : 1,
                                WFL_INTERPOLATE_STEP);
    }
}


/* Shared capacity on top of a random scenario (the scenario itself is
 * left as random_scenario() made it, so the benchmarks do not change): a
 * pool that about half of the processes draw on, each on a line of its
 * own, an equipment supplier, and expansions of some capacitated nodes,
 * ordered before or during the calendar, some with tools. */
static inline void
random_add_capacity (WflScenario *s,
                     guint32      seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 104729 + 17);
  WflDate start = wfl_scenario_get_start (s);
  int weeks = wfl_scenario_get_weeks (s);
  guint n_nodes = wfl_scenario_get_n_nodes (s);
  WflNode *pool = wfl_node_new ("pool", WFL_NODE_KIND_POOL);
  WflNode *tools = wfl_node_new ("tools", WFL_NODE_KIND_EQUIPMENT);

  pool->unit = g_strdup ("slot");
  pool->allocation = (WflAllocation) g_rand_int_range (rand, 0, 4);
  pool->capacity = wfl_schedule_new_constant (g_rand_double_range (rand, 5, 60));
  tools->unit = g_strdup ("tool");
  tools->lead_weeks = g_rand_int_range (rand, 0, MIN (6, weeks) + 1);
  if (g_rand_int_range (rand, 0, 4) > 0)
    tools->capacity = wfl_schedule_new_constant (g_rand_double_range (rand, 0.3, 2));

  for (guint i = 0; i < n_nodes; i++)
    {
      WflNode *node = wfl_scenario_get_node (s, i);

      if (node->kind == WFL_NODE_KIND_PROCESS && g_rand_boolean (rand))
        {
          WflLink *link = wfl_link_new ("pool", node->id);

          link->input = g_strdup ("pool-line");
          link->per_unit = g_rand_double_range (rand, 0.05, 0.5);
          link->priority = g_rand_int_range (rand, 1, 4);
          link->share = g_rand_double_range (rand, 0.5, 3);
          wfl_scenario_add_link (s, link);
        }
    }
  wfl_scenario_insert_node (s, 0, pool);
  wfl_scenario_add_node (s, tools);

  for (guint i = 0; i < wfl_scenario_get_n_nodes (s); i++)
    {
      WflNode *node = wfl_scenario_get_node (s, i);
      int n = g_rand_int_range (rand, 0, 3);

      if (node->kind == WFL_NODE_KIND_CUSTOMER || node->kind == WFL_NODE_KIND_EQUIPMENT ||
          wfl_schedule_get_n_points (node->capacity) == 0)
        continue;
      for (int k = 0; k < n; k++)
        {
          WflExpansion *x = wfl_expansion_new (start + 7 * g_rand_int_range (rand, -10, weeks) + g_rand_int_range (rand, 0, 7),
                                               g_rand_double_range (rand, 1, 100));

          x->lead_weeks = g_rand_int_range (rand, 0, 12);
          x->qualification_weeks = g_rand_int_range (rand, 0, 6);
          if (g_rand_boolean (rand))
            {
              x->supplier = g_strdup ("tools");
              x->tools = g_rand_double_range (rand, 0.5, 4);
            }
          g_ptr_array_add (node->expansions, x);
        }
    }
}
