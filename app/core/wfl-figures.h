/* wfl-figures.h: the tables of the Figures view
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-model.h"

G_BEGIN_DECLS

/* The numbers behind the charts as tables (docs/architecture.md, "The
 * Figures view"), all computed from a run's results, so that they equal
 * the CSV tables of the same run:
 *
 * - DELIVERIES: a row per customer, a column per calendar quarter (as
 *   the simulation counts them) with the units it received in the
 *   quarter, and their total;
 * - NODES: a row per supply or process node and quarter: capacity and
 *   starts summed over the quarter's weeks, utilisation (Σ starts /
 *   Σ capacity), the weeks capacity bound, the stock at the quarter's end;
 * - ORDERS: a row per order: quantity, dates, lead time (filled −
 *   placed, weeks) and its weeks per timeline category, lateness;
 * - PRODUCTS (version 2): a row per product of <products>: its compute
 *   per unit, the units customers received in the week window and their
 *   compute, then a column per calendar quarter and the total (as
 *   products.csv counts them).
 *
 * Read in compute (WFL_MEASURE_COMPUTE), the figures of customer
 * deliveries (DELIVERIES' and PRODUCTS' quarters and totals) are their
 * compute in wfl_compute_unit_label(): units × the product's compute ÷
 * wfl_simulation_get_compute_scale(), units of no product counting 0;
 * compute per unit and in the window are always in it. */
typedef enum
{
  WFL_FIGURES_DELIVERIES,
  WFL_FIGURES_NODES,
  WFL_FIGURES_ORDERS,
  WFL_FIGURES_PRODUCTS,
  WFL_FIGURES_N_KINDS,
} WflFiguresKind;

typedef enum
{
  WFL_FIGURE_TEXT,
  WFL_FIGURE_NUMBER,   /* units */
  WFL_FIGURE_SHARE,    /* a fraction, shown as a percentage */
  WFL_FIGURE_WEEKS,    /* whole weeks */
  WFL_FIGURE_DATE,     /* a WflDate in the number */
} WflFigureType;

typedef struct _WflFiguresTable WflFiguresTable;

WflFiguresTable *wfl_figures_table_new          (WflSimulation         *simulation,
                                                 WflFiguresKind         kind) G_GNUC_WARN_UNUSED_RESULT;
/* The same read in units or compute, with the week window
 * [first_week, last_week] of PRODUCTS (the Sankey's; the other tables
 * ignore it).  wfl_figures_table_new() is units over the calendar. */
WflFiguresTable *wfl_figures_table_new_full     (WflSimulation         *simulation,
                                                 WflFiguresKind         kind,
                                                 WflMeasure             measure,
                                                 int                    first_week,
                                                 int                    last_week) G_GNUC_WARN_UNUSED_RESULT;
void             wfl_figures_table_free         (WflFiguresTable       *self);
guint            wfl_figures_table_get_n_rows   (const WflFiguresTable *self);
guint            wfl_figures_table_get_n_columns (const WflFiguresTable *self);
/* Column titles are data names ("customer", "2024 Q3", "utilisation"),
 * as in the CSV tables, not translated. */
const char      *wfl_figures_table_get_title    (const WflFiguresTable *self,
                                                 guint                  column);
WflFigureType    wfl_figures_table_get_type     (const WflFiguresTable *self,
                                                 guint                  column);
/* The text of a TEXT cell (NULL for the others). */
const char      *wfl_figures_table_get_text     (const WflFiguresTable *self,
                                                 guint                  row,
                                                 guint                  column);
/* The value of a number, share, weeks or date cell; NAN when empty
 * (unlimited capacity, never filled, no due date). */
double           wfl_figures_table_get_number   (const WflFiguresTable *self,
                                                 guint                  row,
                                                 guint                  column);
/* The cell as the user reads it: numbers in the locale's form, shares as
 * "87.5 %", dates as YYYY-MM-DD, empty cells as "".  With grouping (on
 * screen) numbers are grouped and rounded: whole units from 100 on, else
 * two decimals; without, every digit, ungrouped, which a spreadsheet of
 * the same locale reads back exactly (a copy as tab-separated text). */
char            *wfl_figures_table_format_cell  (const WflFiguresTable *self,
                                                 guint                  row,
                                                 guint                  column,
                                                 gboolean               grouping) G_GNUC_WARN_UNUSED_RESULT;
/* The rows (indices, in the order given) with a header row, as
 * tab-separated text with "\n" line ends: cells a spreadsheet pastes. */
char            *wfl_figures_table_to_tsv       (const WflFiguresTable *self,
                                                 const guint           *rows,
                                                 guint                  n_rows) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflFiguresTable, wfl_figures_table_free)

G_END_DECLS
