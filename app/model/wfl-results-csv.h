/* wfl-results-csv.h: simulation results as CSV tables
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-simulation.h"

G_BEGIN_DECLS

/* The tables of docs/architecture.md ("--simulate … --csv DIR"): a header
 * row, ISO dates, `.` decimals whatever the locale, RFC 4180 quoting and
 * CRLF-free "\n" line ends.  Rows go week by week, and within a week in
 * document order of nodes or links; orders and stages customer by
 * customer in document order. */
typedef enum
{
  WFL_RESULTS_CSV_NODES,    /* nodes.csv  week,date,node,capacity,desired,starts,completed,stock,wip,utilisation,binding */
  WFL_RESULTS_CSV_LINKS,    /* links.csv  week,date,from,to,shipped */
  WFL_RESULTS_CSV_ORDERS,   /* orders.csv customer,order,quantity,placed,due,filled,delivered_by_due,lateness_weeks,needed,cancelled */
  WFL_RESULTS_CSV_STAGES,   /* stages.csv customer,order,stage,start,end,wait_before_weeks */
  /* version 2 */
  WFL_RESULTS_CSV_QUOTAS,   /* quotas.csv from,to,period,start,end,quota,granted,given_up,allowed,delivered,beyond_quota */
  WFL_RESULTS_CSV_GRANTS,   /* grants.csv node,grant,donor,recipient,period,start,end,quantity,moved,source */
  WFL_RESULTS_CSV_EXPANSIONS, /* expansions.csv node,ordered,supplier,tools,tools_started,tools_done,delivered,qualified,capacity */
  WFL_RESULTS_CSV_PRODUCTS, /* products.csv quarter,start,end,product,delivered,compute,equivalents */
  WFL_RESULTS_CSV_N_TABLES,
} WflResultsCsv;

const char *wfl_results_csv_get_filename (WflResultsCsv   table);
/* The table's text.  The simulation must have run. */
GBytes     *wfl_results_csv_to_bytes     (WflSimulation  *simulation,
                                          WflResultsCsv   table) G_GNUC_WARN_UNUSED_RESULT;
/* Writes the tables into dir (created if missing) as one set: every
 * file new, or every file as it was (wfl_atomic_file_write_set()). */
gboolean    wfl_results_csv_write        (WflSimulation  *simulation,
                                          GFile          *dir,
                                          GCancellable   *cancellable,
                                          GError        **error);

G_END_DECLS
