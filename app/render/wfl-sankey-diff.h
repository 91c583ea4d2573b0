/* wfl-sankey-diff.h: one layout for two scenarios, and the difference Sankey
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "wfl-chart-style.h"
#include "wfl-export.h"
#include "wfl-sankey-graph.h"
#include "wfl-sankey-layout.h"
#include "wfl-sankey-render.h"

G_BEGIN_DECLS

/* Stable layouts (docs/architecture.md, "Comparing two scenarios").
 *
 * Pins every node of graph that the layout (of another graph: the union
 * of a baseline and a variant, or the whole calendar) holds, by id, to
 * its column and vertical place there: laid out alone, graph then keeps
 * each node's column and the order within each column.  Nodes the layout
 * does not hold stay free; pins the graph had already are replaced (the
 * union's layout honoured them). */
void             wfl_sankey_graph_pin_to_layout    (WflSankeyGraph        *graph,
                                                    const WflSankeyLayout *layout);

/* What a layout depends on but the band widths: the nodes (ids, names,
 * pins) and which links exist (and carry something), as a string that
 * two graphs share when they lay out alike but for the flows' sizes.  A
 * reference layout is made again only when its graph's key changes, so
 * that an edit of a value does not move the nodes either. */
char            *wfl_sankey_graph_structure_key    (WflSankeyGraph        *graph) G_GNUC_WARN_UNUSED_RESULT;

/* The one stable layout of a simulated scenario that the window's view,
 * its exports and the command line's share (docs/architecture.md,
 * "Stable layouts"): every week window's graph is pinned to a reference,
 * the whole calendar's graph laid out at a fixed size, whatever the size
 * of the chart, so that a chart of one window at one size is the same on
 * screen and in every export.  Graphs of more than
 * WFL_SANKEY_STABLE_MAX_ITEMS nodes and links stay free (their reference
 * would cost seconds). */
#define WFL_SANKEY_STABLE_MAX_ITEMS 1500
#define WFL_SANKEY_REFERENCE_WIDTH 1280.0
#define WFL_SANKEY_REFERENCE_HEIGHT 800.0

/* The whole calendar's flows of a simulated scenario, unranked: what a
 * reference is laid out from (and whose structure key says when to lay
 * it out again). */
WflSankeyGraph  *wfl_sankey_reference_graph_new    (WflScenario           *scenario,
                                                    WflSimulation         *simulation) G_GNUC_WARN_UNUSED_RESULT;
/* Lays a reference graph out, the same way for everyone; NULL when it
 * has over WFL_SANKEY_STABLE_MAX_ITEMS nodes and links. */
WflSankeyLayout *wfl_sankey_reference_layout_new   (WflSankeyGraph        *whole) G_GNUC_WARN_UNUSED_RESULT;
/* Pins a window's graph to a reference (wfl_sankey_graph_pin_to_layout()),
 * the user's own pins (those the graph had) kept exactly.  reference may
 * be NULL: the graph stays as it is. */
void             wfl_sankey_graph_pin_stable       (WflSankeyGraph        *graph,
                                                    const WflSankeyLayout *reference);
/* wfl_sankey_graph_new_for_window () pinned to a new reference of the
 * scenario's whole calendar: what the window shows of a freshly opened
 * scenario, and what the command line exports. */
WflSankeyGraph  *wfl_sankey_graph_new_stable       (WflScenario           *scenario,
                                                    WflSimulation         *simulation,
                                                    GArray                *ranking,
                                                    int                    first_week,
                                                    int                    last_week) G_GNUC_WARN_UNUSED_RESULT;

typedef enum
{
  WFL_SANKEY_DIFF_BOTH,
  WFL_SANKEY_DIFF_BASELINE_ONLY,
  WFL_SANKEY_DIFF_VARIANT_ONLY,
} WflSankeyDiffPresence;

typedef struct _WflSankeyDiff WflSankeyDiff;

/* The union of two flow graphs: the variant's nodes in its order, then
 * the baseline's own; a link per source and target id of either, as wide
 * as the wider of the two, so that one layout of the union has room for
 * both and one scale (px per unit) holds for both.  Each node's label
 * gives its variant quantity and the change ("1,200 GPUs, +100 (+9%)"). */
WflSankeyDiff   *wfl_sankey_diff_new               (WflSankeyGraph        *baseline,
                                                    WflSankeyGraph        *variant) G_GNUC_WARN_UNUSED_RESULT;
WflSankeyDiff   *wfl_sankey_diff_ref               (WflSankeyDiff         *self);
/* Drops a reference (the last frees it). */
void             wfl_sankey_diff_free              (WflSankeyDiff         *self);
WflSankeyGraph  *wfl_sankey_diff_get_graph         (WflSankeyDiff         *self);
WflSankeyDiffPresence
                 wfl_sankey_diff_get_node_presence (WflSankeyDiff         *self,
                                                    guint                  node);
WflSankeyDiffPresence
                 wfl_sankey_diff_get_link_presence (WflSankeyDiff         *self,
                                                    guint                  link);
/* A link's band value in one scenario (0 where it is absent). */
double           wfl_sankey_diff_get_link_value    (WflSankeyDiff         *self,
                                                    guint                  link,
                                                    gboolean               variant);
/* A node's quantity in its own unit in one scenario (NAN where absent). */
double           wfl_sankey_diff_get_node_quantity (WflSankeyDiff         *self,
                                                    guint                  node,
                                                    gboolean               variant);

/* The two colours that mark a difference (blue: more in the variant,
 * orange: less), told apart with every colour vision deficiency. */
void             wfl_sankey_diff_colors            (const WflChartStyle   *style,
                                                    WflRgba               *more,
                                                    WflRgba               *less);

/* The height of the key above the chart. */
#define WFL_SANKEY_DIFF_KEY_HEIGHT 30.0

/* Paints the difference Sankey of a layout of the diff's graph, with its
 * key in a strip of WFL_SANKEY_DIFF_KEY_HEIGHT above it: every band at the
 * variant's width (the part both share in grey, what the variant has more
 * in blue), what the baseline had more as an orange ghost beside it, and
 * nodes and bands of one scenario only outlined (dashed: the baseline's
 * only). */
void             wfl_sankey_diff_render            (const WflSankeyLayout *layout,
                                                    WflSankeyDiff         *diff,
                                                    cairo_t               *cr,
                                                    const WflChartStyle   *style);
/* The chart alone, without background or key, as the interactive view
 * paints it (state's hover and selection as for wfl_sankey_render()). */
void             wfl_sankey_diff_render_chart      (const WflSankeyLayout *layout,
                                                    WflSankeyDiff         *diff,
                                                    cairo_t               *cr,
                                                    const WflChartStyle   *style,
                                                    const WflSankeyRenderState *state);
/* The key alone, in a strip of WFL_SANKEY_DIFF_KEY_HEIGHT from (0, 0). */
void             wfl_sankey_diff_render_key        (cairo_t               *cr,
                                                    const WflChartStyle   *style,
                                                    double                 font_size);
/* Marks node_id (NULL: none) as the worst knock-out of the scenario the
 * experiment ran on, the variant, in what wfl_sankey_diff_render() and
 * wfl_sankey_diff_export() paint: as wfl_sankey_render_emphasis() marks
 * it over the chart, the way the view marks it on screen. */
void             wfl_sankey_diff_set_flagged       (WflSankeyDiff         *diff,
                                                    const char            *node_id);
/* Lays the union out in width × height (the key included) and writes it
 * as PNG, SVG or PDF. */
gboolean         wfl_sankey_diff_export            (WflSankeyDiff         *diff,
                                                    const WflSankeyLayoutOptions *options,
                                                    const WflChartStyle   *style,
                                                    WflExportFormat        format,
                                                    GFile                 *file,
                                                    double                 width,
                                                    double                 height,
                                                    double                 scale,
                                                    GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflSankeyDiff, wfl_sankey_diff_free)

G_END_DECLS
