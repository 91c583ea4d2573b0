/* wfl-builtin.c: a small scenario built in code
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-builtin"

#include "config.h"

#include "wfl-builtin.h"

/* The three-stage teaching example of docs/model.md: wafers -> fab -> customer. */
WflScenario *
wfl_scenario_new_teaching_example (void)
{
  WflScenario *scenario = wfl_scenario_new ();
  WflNode *node;
  WflLink *link;

  wfl_scenario_set_title (scenario, "Teaching example: wafers, fab, customer");
  wfl_scenario_set_calendar (scenario, wfl_date_from_ymd (2023, 1, 2), 20);

  node = wfl_node_new ("wafers", WFL_NODE_KIND_SUPPLY);
  node->name = g_strdup ("Wafers");
  node->unit = g_strdup ("wafer");
  node->capacity = wfl_schedule_new_constant (10);
  wfl_scenario_add_node (scenario, node);

  node = wfl_node_new ("fab", WFL_NODE_KIND_PROCESS);
  node->name = g_strdup ("Fab");
  node->unit = g_strdup ("die");
  node->capacity = wfl_schedule_new_constant (40);
  node->lead_weeks = 2;
  node->yield = wfl_schedule_new_constant (0.5);
  wfl_scenario_add_node (scenario, node);

  node = wfl_node_new ("cust", WFL_NODE_KIND_CUSTOMER);
  node->name = g_strdup ("Customer");
  node->unit = g_strdup ("die");
  g_ptr_array_add (node->orders, wfl_order_new ("o1", 30, wfl_date_from_ymd (2023, 1, 2)));
  wfl_scenario_add_node (scenario, node);

  link = wfl_link_new ("wafers", "fab");
  link->per_unit = 0.1;
  wfl_scenario_add_link (scenario, link);
  wfl_scenario_add_link (scenario, wfl_link_new ("fab", "cust"));

  return scenario;
}
