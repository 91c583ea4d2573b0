/* gantt-fixtures.h: scenarios and charts built by hand for the Gantt tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-gantt-chart.h"

/* A small GPU chain (weeks in brackets are lead times, links carry transit):
 *
 *   wafer [13] --1--> cowos [6] -> test [2] --1--> server [4] --2--> meta
 *   dram [10] -> hbm [16] --2--> cowos                            --1--> msft
 *   substrate [8] ------------> cowos
 *   tpu [5] -> google                          (not upstream of meta)
 *
 * Placed in week 0 the schedule is, by hand:
 *   wafer 0–13, wafer→cowos 13–14, dram 0–10, hbm 10–26, hbm→cowos 26–28,
 *   substrate 0–8, cowos 28–34, test 34–36, test→server 36–37,
 *   server 37–41, server→meta 41–43, meta at 43, server→msft 41–42,
 *   msft at 42, tpu 0–5, google at 5.
 * Critical path to meta: dram, hbm, hbm→cowos, cowos, test, test→server,
 * server, server→meta, meta.  Slack to meta: wafer 14 (it is needed at
 * 27), substrate 20. */
static inline WflNode *
fixture_node (WflScenario *s,
              const char  *id,
              const char  *name,
              WflNodeKind  kind,
              int          lead,
              const char  *group)
{
  WflNode *node = wfl_node_new (id, kind);

  node->name = g_strdup (name);
  node->lead_weeks = lead;
  node->group = g_strdup (group);
  wfl_scenario_add_node (s, node);
  return node;
}

static inline void
fixture_link (WflScenario *s,
              const char  *from,
              const char  *to,
              int          transit)
{
  WflLink *link = wfl_link_new (from, to);

  link->transit_weeks = transit;
  wfl_scenario_add_link (s, link);
}

static inline WflScenario *
fixture_gpu_scenario (void)
{
  WflScenario *s = wfl_scenario_new ();

  wfl_scenario_set_title (s, "GPU chain");
  wfl_scenario_set_calendar (s, wfl_date_from_ymd (2023, 1, 2), 104);
  fixture_node (s, "wafer", "N4 wafers", WFL_NODE_KIND_SUPPLY, 13, "TSMC");
  fixture_node (s, "dram", "DRAM wafers", WFL_NODE_KIND_SUPPLY, 10, "SK hynix");
  fixture_node (s, "hbm", "HBM stacking", WFL_NODE_KIND_PROCESS, 16, "SK hynix");
  fixture_node (s, "substrate", "ABF substrate", WFL_NODE_KIND_SUPPLY, 8, "Ibiden");
  fixture_node (s, "cowos", "CoWoS", WFL_NODE_KIND_PROCESS, 6, "TSMC");
  fixture_node (s, "test", "Final test", WFL_NODE_KIND_PROCESS, 2, "KYEC");
  fixture_node (s, "server", "Server build", WFL_NODE_KIND_PROCESS, 4, "Foxconn");
  fixture_node (s, "meta", "Meta", WFL_NODE_KIND_CUSTOMER, 0, NULL);
  fixture_node (s, "msft", "Microsoft", WFL_NODE_KIND_CUSTOMER, 0, NULL);
  fixture_node (s, "tpu", "TPU", WFL_NODE_KIND_SUPPLY, 5, "Google");
  fixture_node (s, "google", "Google", WFL_NODE_KIND_CUSTOMER, 0, NULL);

  fixture_link (s, "wafer", "cowos", 1);
  fixture_link (s, "dram", "hbm", 0);
  fixture_link (s, "hbm", "cowos", 2);
  fixture_link (s, "substrate", "cowos", 0);
  fixture_link (s, "cowos", "test", 0);
  fixture_link (s, "test", "server", 1);
  fixture_link (s, "server", "meta", 2);
  fixture_link (s, "server", "msft", 1);
  fixture_link (s, "tpu", "google", 0);
  return s;
}

/* Simulated order timelines, by hand: what the simulation's adapter will
 * produce.  Meta #1 is on time; Meta #2 waited for HBM and queued for
 * CoWoS and is 6 weeks late; Microsoft's order is early. */
static inline WflGanttChart *
fixture_orders_chart (void)
{
  WflGanttChart *chart = wfl_gantt_chart_new (WFL_GANTT_MODE_ORDERS, wfl_date_from_ymd (2023, 1, 2));
  WflGanttRow *row;

  chart->title = g_strdup ("Orders");

  row = wfl_gantt_chart_add_row (chart, "meta/o1", "Meta #1", "Meta");
  wfl_gantt_chart_add_bar (chart, row, "wafer", "N4 wafers", 0, 13, WFL_GANTT_BAR_WORK);
  wfl_gantt_chart_add_bar (chart, row, "cowos", "CoWoS", 13, 19, WFL_GANTT_BAR_WORK);
  wfl_gantt_chart_add_bar (chart, row, "server", "Server build", 19, 23, WFL_GANTT_BAR_WORK);
  wfl_gantt_chart_add_bar (chart, row, "server", "Server build", 23, 25, WFL_GANTT_BAR_TRANSIT);
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_PLACED, 0);
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_DUE, 26);
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_FILLED, 25);
  row->lateness = -1;

  row = wfl_gantt_chart_add_row (chart, "meta/o2", "Meta #2", "Meta");
  wfl_gantt_chart_add_bar (chart, row, "wafer", "N4 wafers", 4, 17, WFL_GANTT_BAR_WORK);
  wfl_gantt_chart_add_bar (chart, row, "cowos", "CoWoS", 17, 21, WFL_GANTT_BAR_WAIT);
  wfl_gantt_chart_add_bar (chart, row, "cowos", "CoWoS", 21, 27, WFL_GANTT_BAR_QUEUE);
  wfl_gantt_chart_add_bar (chart, row, "cowos", "CoWoS", 27, 33, WFL_GANTT_BAR_WORK);
  wfl_gantt_chart_add_bar (chart, row, "server", "Server build", 33, 37, WFL_GANTT_BAR_WORK);
  wfl_gantt_chart_add_bar (chart, row, "server", "Server build", 37, 39, WFL_GANTT_BAR_TRANSIT);
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_PLACED, 4);
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_DUE, 33);
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_FILLED, 39);
  row->late = TRUE;
  row->lateness = 6;

  row = wfl_gantt_chart_add_row (chart, "msft/o1", "Microsoft #1", "Microsoft");
  wfl_gantt_chart_add_bar (chart, row, "wafer", "N4 wafers", 8, 21, WFL_GANTT_BAR_WORK);
  wfl_gantt_chart_add_bar (chart, row, "cowos", "CoWoS", 21, 27, WFL_GANTT_BAR_WORK);
  wfl_gantt_chart_add_bar (chart, row, "server", "Server build", 27, 31, WFL_GANTT_BAR_WORK);
  wfl_gantt_chart_add_bar (chart, row, "server", "Server build", 31, 32, WFL_GANTT_BAR_TRANSIT);
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_PLACED, 8);
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_DUE, 36);
  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_FILLED, 32);
  row->lateness = -4;

  chart->as_of = 20;
  return chart;
}

/* A measure that does not need fonts: 7 px a character, 8 in bold. */
static inline double
fixture_measure (const char *text,
                 gboolean    bold,
                 gpointer    user_data)
{
  return (bold ? 8.0 : 7.0) * g_utf8_strlen (text, -1);
}
