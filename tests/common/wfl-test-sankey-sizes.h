/* wfl-test-sankey-sizes.h: the sizes the window gives its Sankey's layout
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout's size (the view inside its margin) in the window with the
 * inspector shown, at the window's default size (1200 × 800) and at
 * 1600 × 1000.  The render tests lay the built-in scenario out at these
 * sizes; tests/ui/test-sankey-view-labels.c opens the window at both
 * sizes and checks that its view gets exactly these.
 */

#pragma once

#define WFL_TEST_SANKEY_DEFAULT_W 805
#define WFL_TEST_SANKEY_DEFAULT_H 633
#define WFL_TEST_SANKEY_LARGE_W   1205
#define WFL_TEST_SANKEY_LARGE_H   833
