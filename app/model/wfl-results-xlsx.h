/* wfl-results-xlsx.h: simulation results as a spreadsheet workbook
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-bottlenecks.h"
#include "wfl-compare.h"
#include "wfl-simulation.h"

G_BEGIN_DECLS

/* The most rows a sheet holds (Excel's limit, header row included). */
#define WFL_RESULTS_XLSX_MAX_ROWS 1048576

/* Writes the results as an Office Open XML workbook (docs/architecture.md,
 * "--simulate … --xlsx OUT.xlsx"): the sheets nodes, links, orders and
 * stages hold the columns of the CSV tables of the same names (plus the
 * node's name and unit), with numbers as numbers, dates as dates and
 * empty CSV fields as empty cells; a header row, frozen panes, a filter
 * and number formats.  When ranking is not NULL (WflBottleneck rows of
 * wfl_bottlenecks_rank_window() of the weeks from_week … to_week) a sheet
 * bottlenecks holds them as `--bottlenecks` prints them, with the window
 * from the first day of its first week to the last day of its last.
 * Then the sheets quotas, grants, expansions and products hold the CSV
 * tables of the same names (version 2; a header only when the scenario
 * has none of them).  The file is written atomically (wfl-atomic-file.h): the old file
 * stays as it was on any error or cancellation.  A table with more rows
 * than a sheet holds is refused (G_IO_ERROR_NOT_SUPPORTED), before
 * anything is written. */
gboolean wfl_results_xlsx_write (WflSimulation   *simulation,
                                 GArray          *ranking,
                                 int              from_week,
                                 int              to_week,
                                 GFile           *file,
                                 GCancellable    *cancellable,
                                 GError         **error);

/* The same workbook with a sheet deltas last, when comparison is not
 * NULL: compare.csv's rows (wfl_comparison_to_csv()), only those that
 * differ when differences_only; simulation is the comparison's variant. */
gboolean wfl_results_xlsx_write_compared (WflSimulation   *simulation,
                                          GArray          *ranking,
                                          int              from_week,
                                          int              to_week,
                                          WflComparison   *comparison,
                                          gboolean         differences_only,
                                          GFile           *file,
                                          GCancellable    *cancellable,
                                          GError         **error);

/* The same with the deltas sheet from compare.csv's text (deltas, from
 * wfl_comparison_to_csv(); NULL: no deltas sheet), for a writer in a
 * thread while the comparison it came from may be made again. */
gboolean wfl_results_xlsx_write_deltas (WflSimulation   *simulation,
                                        GArray          *ranking,
                                        int              from_week,
                                        int              to_week,
                                        GBytes          *deltas,
                                        GFile           *file,
                                        GCancellable    *cancellable,
                                        GError         **error);

G_END_DECLS
