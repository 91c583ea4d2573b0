/* wfl-builtin.h
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-scenario.h"

G_BEGIN_DECLS

WflScenario *wfl_scenario_new_teaching_example (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
