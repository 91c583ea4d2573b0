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

G_END_DECLS
