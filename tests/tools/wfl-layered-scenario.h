/* wfl-layered-scenario.h: seeded scenarios of any size, for tests and tools
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-model.h"

G_BEGIN_DECLS

/* A seeded layered supply chain of n_layers × per_layer nodes and n_links
 * links (as bench/bench-simulate.c makes): supplies on top, customers at
 * the bottom, capacities with ramps, yields, alternative sources, every
 * allocation policy, orders over the calendar; simulated, some nodes are
 * capacity-bound.  Nodes get group names so that colours vary. */
WflScenario *wfl_layered_scenario_new (guint32 seed,
                                       int     n_layers,
                                       int     per_layer,
                                       int     n_links,
                                       int     weeks);

G_END_DECLS
