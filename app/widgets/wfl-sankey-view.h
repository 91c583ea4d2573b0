/* wfl-sankey-view.h: the interactive Sankey of a document's flows
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wfl-document.h"
#include "wfl-sankey-layout.h"

G_BEGIN_DECLS

#define WFL_SANKEY_VIEW_MIN_ZOOM 1.0
#define WFL_SANKEY_VIEW_MAX_ZOOM 16.0

#define WFL_TYPE_SANKEY_VIEW (wfl_sankey_view_get_type ())

G_DECLARE_FINAL_TYPE (WflSankeyView, wfl_sankey_view, WFL, SANKEY_VIEW, GtkWidget)

GtkWidget   *wfl_sankey_view_new          (void);
WflDocument *wfl_sankey_view_get_document (WflSankeyView *self);
void         wfl_sankey_view_set_document (WflSankeyView *self,
                                           WflDocument   *document);
/* Shows the difference Sankey of the document against baseline (a
 * simulation of scenario that has run) over the same dates as the
 * document's window, laid out once on the union of the two (NULL: the
 * document's flows alone again). */
void         wfl_sankey_view_set_baseline (WflSankeyView *self,
                                           WflScenario   *scenario,
                                           WflSimulation *baseline);
/* Marks the node of that id (where the graph has it) as the worst
 * knock-out of an experiment: an outline and a badge on the chart, and
 * note (plain text) in its tooltip and accessible description.  NULL:
 * no mark. */
void         wfl_sankey_view_set_flagged_node (WflSankeyView *self,
                                               const char    *node_id,
                                               const char    *note);
const char  *wfl_sankey_view_get_flagged_node (WflSankeyView *self);
double       wfl_sankey_view_get_zoom     (WflSankeyView *self);
/* Zooms around the centre of the view, clamped to the range above. */
void         wfl_sankey_view_set_zoom     (WflSankeyView *self,
                                           double         zoom);
/* The reference the view pins every week window's graph to (see
 * wfl_sankey_graph_pin_stable()), made for the scenario's results if the
 * view has none for their structure yet; NULL for graphs left free.
 * Owned by the view.  An export of the window pins to it too, so that it
 * shows what the screen shows. */
WflSankeyLayout *wfl_sankey_view_ensure_reference (WflSankeyView *self,
                                                   WflScenario   *scenario,
                                                   WflSimulation *simulation);

G_END_DECLS
