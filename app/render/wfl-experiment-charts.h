/* wfl-experiment-charts.h: the charts of the experiments (docs/model.md,
 * "Experiments"; drawn as docs/architecture.md says)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "wfl-chart-style.h"
#include "wfl-experiment.h"
#include "wfl-gantt-chart.h"

G_BEGIN_DECLS

/* Sets each order row's whisker (P10, P50, P90 of its filled week) from
 * the experiment; rows are matched by their id customer/order.  Returns
 * how many rows got one. */
guint wfl_gantt_chart_add_whiskers (WflGanttChart       *chart,
                                    WflMonteCarlo       *mc);

/* The fans: a panel per customer with deliveries (document order), units
 * received per quarter, the P10–P90 band, the P50 line and the run as
 * written (dashed). */
void  wfl_fan_chart_paint          (cairo_t             *cr,
                                    double               width,
                                    double               height,
                                    WflMonteCarlo       *mc,
                                    const WflChartStyle *style);

/* The criticality index as its chart shows it: a bar per node and end
 * product that was the top bottleneck of the window in any sample (the
 * rows of mc-criticality.csv), most samples first, ties by end product
 * and then node in document order. */
typedef struct
{
  guint   node;
  guint   product;
  guint   samples;        /* samples in which it was the top bottleneck */
  double  index;          /* samples / the experiment's samples */
} WflCriticalityBar;

GArray *wfl_criticality_bars         (WflMonteCarlo       *mc) G_GNUC_WARN_UNUSED_RESULT;

/* The distribution of order lead time (placed → filled, in weeks) over
 * every order and sample, as its histogram shows it (the rows of
 * mc-lead-times.csv): counts[w] pairs of lead w for w < n_weeks, and
 * those never filled; P10, P50, P90 the nearest-rank ⌈p · total⌉-th
 * smallest lead, -1 for never (the rank falls among the never filled). */
typedef struct
{
  guint     n_weeks;      /* the calendar's */
  guint64  *counts;
  guint64   never;
  guint64   total;        /* never included */
  int       longest;      /* the longest lead with a count, -1 when none */
  int       p10;
  int       p50;
  int       p90;
} WflLeadHistogram;

WflLeadHistogram *wfl_lead_histogram_new  (WflMonteCarlo    *mc) G_GNUC_WARN_UNUSED_RESULT;
void              wfl_lead_histogram_free (WflLeadHistogram *self);

/* The criticality as a list of bars (at most as many as fit, the rest
 * counted in a last line): the node, its end product when there are
 * several, a bar of its share of the samples and the share with the
 * count. */
void  wfl_criticality_chart_paint  (cairo_t             *cr,
                                    double               width,
                                    double               height,
                                    WflMonteCarlo       *mc,
                                    const WflChartStyle *style);

/* The histogram of order lead time: a bar per week up to the longest
 * lead, a bar apart for never, and the P10, P50 and P90 marked by
 * labelled lines. */
void  wfl_lead_histogram_paint     (cairo_t             *cr,
                                    double               width,
                                    double               height,
                                    WflMonteCarlo       *mc,
                                    const WflChartStyle *style);

/* A panel per end product: delivered in the window against the swept
 * value, a dot per point. */
void  wfl_sweep_chart_paint        (cairo_t             *cr,
                                    double               width,
                                    double               height,
                                    WflSweep            *sweep,
                                    const WflChartStyle *style);

/* The risk matrix: the knock-outs that lose units (at most max_rows,
 * worst first) × the customers, each cell shaded by the units lost
 * (its share of the worst cell) and labelled; the worst row outlined. */
void  wfl_risk_matrix_paint        (cairo_t             *cr,
                                    double               width,
                                    double               height,
                                    WflKnockout         *knockout,
                                    guint                max_rows,
                                    const WflChartStyle *style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflLeadHistogram, wfl_lead_histogram_free)

G_END_DECLS
