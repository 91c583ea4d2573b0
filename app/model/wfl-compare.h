/* wfl-compare.h: a baseline and a variant scenario, and the table of their deltas
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-simulation.h"

G_BEGIN_DECLS

/* A comparison (docs/model.md, "Comparing two scenarios") sets the key
 * figures of a variant beside those of a baseline over one window of
 * dates.  Nodes and customers are matched by id, end products by unit;
 * something in only one of the two has its figure in that one only (the
 * other is NAN, and the row says where it exists). */

/* What a row is about. */
typedef enum
{
  WFL_COMPARE_PRODUCT,     /* an end product: every customer of that unit */
  WFL_COMPARE_CUSTOMER,    /* a customer node */
  WFL_COMPARE_NODE,        /* a node that is not a customer */
} WflCompareSubject;

/* The figure of a row, all computed in the window. */
typedef enum
{
  WFL_COMPARE_DELIVERED,        /* units received in the window */
  WFL_COMPARE_HELD,             /* units held on average over the window's weeks, counted from
                                 * its first week (the bottleneck ranking's measure) */
  WFL_COMPARE_FILL_RATE,        /* Σ delivered by due / Σ quantity of the orders due in it */
  WFL_COMPARE_LEAD_TIME,        /* median placed → filled weeks of the orders filled in it */
  WFL_COMPARE_SHIPPED,          /* units the node shipped on its links in the window */
  WFL_COMPARE_UTILISATION,      /* Σ starts / Σ capacity in the window */
  WFL_COMPARE_WEEKS_BOUND,      /* weeks capacity-bound in the window */
  WFL_COMPARE_BOTTLENECK_RANK,  /* rank within the end product in the window's ranking */
  WFL_COMPARE_BOTTLENECK_GAIN,  /* gain in that ranking */
  WFL_COMPARE_N_MEASURES,
} WflCompareMeasure;

typedef struct
{
  WflCompareSubject  subject;
  WflCompareMeasure  measure;
  const char        *id;         /* node id, or the product's unit */
  const char        *name;       /* node name, or the product's unit */
  const char        *product;    /* the unit the figure counts in (the bottleneck rows' end
                                  * product), NULL when it is not in units of a product */
  gboolean           in_baseline;
  gboolean           in_variant;
  double             baseline;   /* NAN: none (absent, or no order due / filled in the window) */
  double             variant;
  double             difference; /* variant − baseline; NAN when either is NAN */
  double             percent;    /* 100 × difference / |baseline|; NAN when baseline is 0 or NAN */
  gboolean           differs;    /* the two figures are not the same (see wfl_compare_values_differ()) */
} WflCompareRow;

typedef struct _WflComparison WflComparison;

/* Compares two simulations that have run, over the variant's week window
 * [first_week, last_week]: the baseline is read over the weeks the same
 * dates fall in on its own calendar (the same weeks when the calendars
 * are the same).  The bottleneck rows come only from rankings given
 * (wfl_bottlenecks_rank_window() of each over its window; either may be
 * NULL, then both are left out).  The comparison keeps references to
 * the simulations and copies what it needs of the rankings. */
WflComparison  *wfl_comparison_new            (WflSimulation        *baseline,
                                               WflSimulation        *variant,
                                               int                   first_week,
                                               int                   last_week,
                                               GArray               *baseline_ranking,
                                               GArray               *variant_ranking) G_GNUC_WARN_UNUSED_RESULT;
void            wfl_comparison_free           (WflComparison        *self);

/* The weeks of the baseline's calendar that the dates of the variant's
 * weeks [first_week, last_week] fall in (from the first day of the first
 * to the last day of the last); FALSE, with an empty window (0, -1), when
 * the baseline's calendar holds none of them. */
gboolean        wfl_compare_baseline_window   (WflSimulation        *baseline,
                                               WflSimulation        *variant,
                                               int                   first_week,
                                               int                   last_week,
                                               int                  *baseline_first,
                                               int                  *baseline_last);

/* The variant's window and the baseline's weeks for the same dates. */
void            wfl_comparison_get_window     (WflComparison        *self,
                                               int                  *first_week,
                                               int                  *last_week,
                                               int                  *baseline_first,
                                               int                  *baseline_last);
/* Products first (in the variant's order, then those of the baseline
 * only), then customers, then the other nodes (variant document order,
 * then the baseline's own), each subject's measures in enum order. */
guint           wfl_comparison_get_n_rows     (WflComparison        *self);
const WflCompareRow *
                wfl_comparison_get_row        (WflComparison        *self,
                                               guint                 i);
/* Number of rows that differ: 0 when the two scenarios are the same. */
guint           wfl_comparison_count_differences (WflComparison     *self);

/* Two figures differ unless both are NAN or they agree within a relative
 * 1e-9 (rounding of sums taken in another order). */
gboolean        wfl_compare_values_differ     (double                a,
                                               double                b);

/* The untranslated CSV keys of subjects and measures ("customer",
 * "delivered", …) and their translated labels. */
const char     *wfl_compare_subject_key       (WflCompareSubject     subject);
const char     *wfl_compare_measure_key       (WflCompareMeasure     measure);
const char     *wfl_compare_measure_label     (WflCompareMeasure     measure);

/* compare.csv: subject,id,name,product,measure,baseline,variant,
 * difference,percent,differs: a row per row of the comparison (only
 * those that differ when differences_only), `.` decimals, NAN empty. */
GBytes         *wfl_comparison_to_csv         (WflComparison        *self,
                                               gboolean              differences_only) G_GNUC_WARN_UNUSED_RESULT;
/* The same rows as tab-separated text with a header, for the clipboard. */
char           *wfl_comparison_to_tsv         (WflComparison        *self,
                                               gboolean              differences_only) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflComparison, wfl_comparison_free)

G_END_DECLS
