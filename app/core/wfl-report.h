/* wfl-report.h: the printed brief, a multi-page PDF
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-model.h"

G_BEGIN_DECLS

/* A4 landscape, in points. */
#define WFL_REPORT_PAGE_WIDTH  842.0
#define WFL_REPORT_PAGE_HEIGHT 595.0

/* Writes the brief of a simulated scenario for the week window first …
 * last (docs/architecture.md, "The printed brief"): the title page with
 * the description and the key figures of the window, the Sankey of the
 * window, the orders Gantt over as many pages as its rows need, the
 * bottleneck ranking of the window (ranking: wfl_bottlenecks_rank_window()
 * rows; NULL: ranked here), the figures tables, and an appendix of every
 * source with the confidence of the figures that cite it.  Written
 * atomically; the simulation must be of this scenario. */
gboolean wfl_report_write (WflScenario    *scenario,
                           WflSimulation  *simulation,
                           GArray         *ranking,
                           int             first_week,
                           int             last_week,
                           GFile          *file,
                           GCancellable   *cancellable,
                           GError        **error);

G_END_DECLS
