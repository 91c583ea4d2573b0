/* wfl-sankey-render-private.h: the Sankey painter's internals for tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-sankey-render.h"

G_BEGIN_DECLS

/* wfl_sankey_render () with the bands of the direct path rasterised
 * over n_threads slices of rows (1: all on the calling thread); the
 * picture is the same to the bit for any n_threads. */
void wfl_sankey_render_with_threads (const WflSankeyLayout      *layout,
                                     cairo_t                    *cr,
                                     const WflChartStyle        *style,
                                     const WflSankeyRenderState *state,
                                     guint                       n_threads);

G_END_DECLS
