/* wfl-timeseries-compute.h: deliveries read in compute, and per product
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-timeseries.h"

G_BEGIN_DECLS

/* What compute is counted in on screen (docs/model.md, "Products"): the
 * reference product's equivalents ("H100 equivalents"), else the
 * scenario's compute unit ("PFLOPS (dense FP16)"), else "compute units";
 * translated.  A figure in it is the compute ÷
 * wfl_simulation_get_compute_scale(). */
char          *wfl_compute_unit_label            (WflSimulation *simulation) G_GNUC_WARN_UNUSED_RESULT;

/* Whether the scenario has products (<products>): only then can figures
 * be read in compute. */
gboolean       wfl_compute_available             (WflSimulation *simulation);

/* A customer's wfl_timeseries_new_customer() read in compute: what it
 * has ordered (less what was cancelled) and received up to each week,
 * each unit weighted by its product's compute, in
 * wfl_compute_unit_label(); orders and deliveries of no product (or of
 * unknown compute) count 0. */
WflTimeSeries *wfl_timeseries_new_customer_compute (WflSimulation *simulation,
                                                  guint          customer) G_GNUC_WARN_UNUSED_RESULT;

/* What customers received per product and calendar quarter, in units or
 * in compute (measure): a line per product and one of all products, each
 * week holding its quarter's figure (a step a quarter), the figures of
 * products.csv's delivered column, or of its compute ÷ the compute
 * scale.  NULL without products. */
WflTimeSeries *wfl_timeseries_new_products       (WflSimulation *simulation,
                                                  WflMeasure     measure) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
