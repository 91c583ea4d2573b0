/* wfl-sankey-render.h: paint a Sankey layout onto any cairo_t
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "wfl-chart-style.h"
#include "wfl-export.h"
#include "wfl-sankey-layout.h"

G_BEGIN_DECLS

typedef enum
{
  WFL_SANKEY_LINK_COLOR_GRADIENT,   /* source colour fading into the target colour */
  WFL_SANKEY_LINK_COLOR_SOURCE,     /* flat source colour */
  WFL_SANKEY_LINK_COLOR_TARGET,     /* flat target colour */
  WFL_SANKEY_LINK_COLOR_NEUTRAL,    /* one grey for every band */
} WflSankeyLinkColor;

/* What the view adds to the layout: hover and selection.  A selected
 * node or link lights up everything upstream and downstream of it and
 * dims the rest; hovering does the same while nothing is selected, and
 * a hovered band shows its share of its source and of its target. */
typedef struct
{
  WflSankeyHit        hover;
  WflSankeyHit        selected;
  WflSankeyLinkColor  link_color;
  gboolean            labels;      /* default TRUE */
  /* The worst knock-out of an experiment, marked over everything else
   * as WFL_SANKEY_EMPHASIS_KNOCKOUT marks it on screen (a node; default
   * none).  A view that paints the mark as an overlay leaves it out. */
  WflSankeyHit        flagged;
  /* Paints the bands instead of the painter's own (the difference Sankey,
   * wfl-sankey-diff.c); NULL (the default): the painter's. */
  void              (*paint_bands) (const WflSankeyLayout *layout,
                                    cairo_t               *cr,
                                    const WflChartStyle   *style,
                                    gpointer               data);
  gpointer            paint_bands_data;
} WflSankeyRenderState;

void     wfl_sankey_render_state_init (WflSankeyRenderState       *state);

/* Paints the layout in its own coordinates (0, 0)–(width, height),
 * background included.  state may be NULL. */
void     wfl_sankey_render            (const WflSankeyLayout      *layout,
                                       cairo_t                    *cr,
                                       const WflChartStyle        *style,
                                       const WflSankeyRenderState *state);

/* How wfl_sankey_render_emphasis () marks one item over a painted chart. */
typedef enum
{
  WFL_SANKEY_EMPHASIS_HOVER,   /* band filled stronger; node ringed, label shown */
  WFL_SANKEY_EMPHASIS_FOCUS,   /* a dashed ring around the node or band (keyboard focus) */
  WFL_SANKEY_EMPHASIS_KNOCKOUT,/* a node: a thick outline in the late colour and a badge (×)
                                * at its top right corner (the worst knock-out of an experiment) */
} WflSankeyEmphasis;

/* Paints, over a chart that wfl_sankey_render () painted without hover,
 * what hovering (or keyboard focus on) one node or band adds to it, so a
 * view can keep the painted chart and redraw only this when the pointer
 * moves.  wfl_sankey_emphasis_extents () gives the box that painting may
 * touch, in layout coordinates. */
void     wfl_sankey_render_emphasis   (const WflSankeyLayout      *layout,
                                       cairo_t                    *cr,
                                       const WflChartStyle        *style,
                                       WflSankeyHit                item,
                                       WflSankeyEmphasis           emphasis);
void     wfl_sankey_emphasis_extents  (const WflSankeyLayout      *layout,
                                       WflSankeyHit                item,
                                       double                     *x0,
                                       double                     *y0,
                                       double                     *x1,
                                       double                     *y1);

/* Writes the layout to file as PNG (at scale), SVG, PDF or, for JSON, the
 * geometry in d3-sankey's shape.  Atomic: a failure leaves any existing
 * file untouched. */
gboolean wfl_sankey_export            (const WflSankeyLayout      *layout,
                                       const WflChartStyle        *style,
                                       const WflSankeyRenderState *state,
                                       WflExportFormat             format,
                                       GFile                      *file,
                                       double                      scale,
                                       GError                    **error);

/* The blank margin around the chart on screen and in a file: a chart
 * exported at W × H is laid out at W − 2m × H − 2m, as the view lays
 * it out in a widget of W × H, so that the file shows what the screen
 * does at the same size. */
#define WFL_SANKEY_MARGIN 12

/* wfl_sankey_export() with a margin of background around the layout
 * (the file is the layout's size plus 2 × margin; JSON is the layout's
 * geometry alone). */
gboolean wfl_sankey_export_framed     (const WflSankeyLayout      *layout,
                                       const WflChartStyle        *style,
                                       const WflSankeyRenderState *state,
                                       double                      margin,
                                       WflExportFormat             format,
                                       GFile                      *file,
                                       double                      scale,
                                       GError                    **error);

G_END_DECLS
