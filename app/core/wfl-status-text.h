/* wfl-status-text.h: what the window's status line says
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "wfl-model.h"

G_BEGIN_DECLS

/* The bottleneck of each end product in a ranking of the Sankey's window
 * (wfl_bottlenecks_rank_window(), the rows --bottlenecks prints) and what
 * 10 % more capacity there adds, in the user's language and locale;
 * *tooltip (if not NULL) receives the ranking's first three per end
 * product, with what the gains mean.  ranking NULL: not ranked yet. */
char *wfl_status_text_bottlenecks (WflSimulation *simulation,
                                   GArray        *ranking,
                                   char         **tooltip) G_GNUC_WARN_UNUSED_RESULT;

/* The key figures of the week window [first_week, last_week], every one
 * computed in it (docs/model.md, "Orders and key figures"): what
 * customers received per end product, the fill rate by due date of the
 * orders due in it, the median lead time of the orders filled in it.
 * *tooltip (if not NULL) says how each is computed. */
char *wfl_status_text_figures     (WflSimulation *simulation,
                                   int            first_week,
                                   int            last_week,
                                   char         **tooltip) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
