/* wfl-gantt-menus.h: the Gantt view's Rows menu and a Monte Carlo's whiskers
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-experiment-charts.h"
#include "wfl-experiment.h"
#include "wfl-gantt-chart.h"

G_BEGIN_DECLS

/* The Rows menu's customers, from the chart's groups in their order:
 * "All Customers" and one item per customer.  *key holds the names the
 * menu lists; nothing changes while they stay the same. */
void        _wfl_gantt_customers_menu_update (GMenu          *menu,
                                              char          **key,
                                              WflGanttChart  *chart);

/* The Rows menu's grouping section: by product only when products. */
void        _wfl_gantt_group_menu_fill       (GMenu          *menu,
                                              gboolean        products);

/* Row id → double[3] (P10, P50, P90 of the filled week) of every order
 * a Monte Carlo gives a whisker; NULL for none (or mc NULL). */
GHashTable *_wfl_gantt_whiskers_new          (WflMonteCarlo  *mc);

G_END_DECLS
