/* wfl-model.h: the model layer (GLib/GIO, libxml2 and libm only)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-model-types.h"
#include "wfl-atomic-file.h"
#include "wfl-schedule.h"
#include "wfl-scenario.h"
#include "wfl-builtin.h"
#include "wfl-flows.h"
#include "wfl-scenario-xml.h"
#include "wfl-simulation.h"
#include "wfl-bottlenecks.h"
#include "wfl-results-csv.h"
#include "wfl-compare.h"
#include "wfl-lead-time.h"
#include "wfl-experiment.h"
