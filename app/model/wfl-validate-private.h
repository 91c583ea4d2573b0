/* wfl-validate-private.h: the supported range of every quantity
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* docs/scenario-format.md ("Supported ranges") states these; validation
 * refuses what lies outside, so that a valid file never gives a silently
 * wrong result (a sum that overflows, a request lost in rounding). */

/* The longest calendar validation accepts: about 190 years of weeks, far
 * beyond any plan, small enough that node × week arrays stay bounded. */
#define WFL_MAX_WEEKS 10000

/* Quantities in a node's unit: order quantities, capacities, initial
 * rates and stocks (a million billion). */
#define WFL_MAX_QUANTITY 1e15

/* Units of the supplier per unit started by the consumer. */
#define WFL_MIN_PER_UNIT 1e-6
#define WFL_MAX_PER_UNIT 1e6

/* The good fraction of a node's starts. */
#define WFL_MIN_YIELD 1e-6

/* Mixes and shares are weights: only their ratios count. */
#define WFL_MAX_WEIGHT 1e15

/* What the simulation derives from the orders through the chain (a
 * node's requirement, a line's request: an order times the per-unit
 * quantities and over the yields on the way) stays within these.  Below
 * the smallest, a quantity comes within a thousand times the engine's
 * resolution (1e-9 units, docs/model.md "Rounding"). */
#define WFL_MIN_DERIVED 1e-6
#define WFL_MAX_DERIVED 1e18

/* An order is at least this share of its customer's whole order book:
 * needs are rounded relative to what was ordered in all. */
#define WFL_MIN_ORDER_SHARE 1e-6
