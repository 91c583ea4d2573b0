/* wfl-uncertainty-private.h: what the reader, the writer, validation and
 * the experiments share about <uncertainty> and <experiments>
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-scenario.h"
#include "wfl-uncertainty.h"

G_BEGIN_DECLS

#define WFL_DEFAULT_SAMPLES 1000
#define WFL_MAX_SAMPLES 1000000
#define WFL_DEFAULT_KNOCKOUT_WEEKS 4
#define WFL_MAX_SCALE 1000
#define WFL_MAX_SWEEP_POINTS 1000

/* The rules of docs/scenario-format.md for the uncertainty and the
 * experiment settings (wfl_scenario_validate() adds them): a new array
 * of WflProblem*. */
GPtrArray *_wfl_uncertainty_validate   (WflScenario       *scenario);

/* The first link from → to, or NULL. */
WflLink   *_wfl_uncertainty_find_link  (WflScenario       *scenario,
                                        const char        *from,
                                        const char        *to);
/* The point of the schedule dated `date`, or NULL. */
WflPoint  *_wfl_uncertainty_find_point (const WflSchedule *schedule,
                                        WflDate            date);

G_END_DECLS
