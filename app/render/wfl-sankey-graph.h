/* wfl-sankey-graph.h: the generic input of the Sankey layout
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-model.h"

G_BEGIN_DECLS

/* A node of the flow graph.  Filled by the flow table or by the
 * simulation; the layout never changes it. */
typedef struct
{
  char     *id;           /* unique; owned */
  char     *name;         /* shown; owned */
  char     *unit;         /* NULL = none; owned */
  char     *group;        /* NULL = none; nodes of a group share a colour; owned */
  int       column;       /* pinned column, -1 = free */
  double    position;     /* pinned vertical position, 0 top .. 1 bottom; NAN = free */
  gboolean  bottleneck;   /* marked in red */
  int       color;        /* palette index, -1 = from the group (or chosen) */
  double    quantity;     /* shown beside the name, in unit; NAN = the node's value */
} WflSankeyNode;

/* A link: value sets the band width (one measure for the whole graph);
 * each end may show its own quantity and unit, so where units change
 * along a band (wafers → dies → packages) both ends can say so. */
typedef struct
{
  guint     source;
  guint     target;
  double    value;
  double    source_quantity;   /* NAN = value */
  double    target_quantity;   /* NAN = value */
  char     *source_unit;       /* NULL = the source node's unit; owned */
  char     *target_unit;       /* NULL = the target node's unit; owned */
} WflSankeyLink;

typedef struct _WflSankeyGraph WflSankeyGraph;

WflSankeyGraph *wfl_sankey_graph_new             (void);
WflSankeyGraph *wfl_sankey_graph_ref             (WflSankeyGraph *self);
void            wfl_sankey_graph_unref           (WflSankeyGraph *self);

/* Returns the new node's index.  unit and group may be NULL. */
guint           wfl_sankey_graph_add_node        (WflSankeyGraph *self,
                                                  const char     *id,
                                                  const char     *name,
                                                  const char     *unit,
                                                  const char     *group);
/* Returns the new link's index; value must be finite and ≥ 0. */
guint           wfl_sankey_graph_add_link        (WflSankeyGraph *self,
                                                  guint           source,
                                                  guint           target,
                                                  double          value);
void            wfl_sankey_graph_set_link_ends   (WflSankeyGraph *self,
                                                  guint           link,
                                                  double          source_quantity,
                                                  const char     *source_unit,
                                                  double          target_quantity,
                                                  const char     *target_unit);

guint           wfl_sankey_graph_get_n_nodes     (const WflSankeyGraph *self);
guint           wfl_sankey_graph_get_n_links     (const WflSankeyGraph *self);
/* Pointers stay valid until the next add; set the plain fields (column,
 * position, bottleneck, color, quantity) through them. */
WflSankeyNode  *wfl_sankey_graph_get_node        (const WflSankeyGraph *self,
                                                  guint                 node);
WflSankeyLink  *wfl_sankey_graph_get_link        (const WflSankeyGraph *self,
                                                  guint                 link);
/* -1 when there is no node with this id. */
int             wfl_sankey_graph_find_node       (const WflSankeyGraph *self,
                                                  const char           *id);

/* One node per name (id = name), one link per flow. */
WflSankeyGraph *wfl_sankey_graph_new_from_flows  (const WflFlows *flows);

/* What the simulation shipped on a link of the scenario over the window,
 * in units of the link's source node.  Returns FALSE when unknown. */
typedef gboolean (*WflSankeyShippedFunc)    (const WflLink *link,
                                             double        *shipped,
                                             gpointer       user_data);
/* TRUE when the node bound the flow (capacity) within the window. */
typedef gboolean (*WflSankeyBottleneckFunc) (const WflNode *node,
                                             gpointer       user_data);

/* The scenario → flow graph adapter: one node per scenario node (unit,
 * group, Sankey pins from the scenario's views), one link per scenario
 * link carrying what was shipped.  Band widths are in units of the final
 * product (a die is 1/per-unit of a package…), and each band end shows the
 * quantity in its own node's unit.  The caller wires shipped and
 * bottleneck to the simulation results. */
WflSankeyGraph *wfl_sankey_graph_new_from_simulation (WflScenario             *scenario,
                                                      WflSankeyShippedFunc     shipped,
                                                      WflSankeyBottleneckFunc  bottleneck,
                                                      gpointer                 user_data);

/* The flows of a simulated scenario over the weeks first..last (both
 * inclusive): what each link shipped in the window, and the nodes that
 * limited the flow marked: those that limited it in at least half of the
 * window's weeks (wfl_sankey_graph_may_limit()) and gain in the ranking
 * of the same window (a row of wfl_bottlenecks_rank_window() with a gain
 * above 0).  ranking may be NULL (not ranked yet): nothing is marked.  The
 * simulation must be of this scenario. */
WflSankeyGraph *wfl_sankey_graph_new_for_window      (WflScenario             *scenario,
                                                      WflSimulation           *simulation,
                                                      GArray                  *ranking,
                                                      int                      first_week,
                                                      int                      last_week);
/* Whether a node may be marked in the window: it has a capacity and
 * limited the flow (wfl_simulation_count_limiting_weeks()) in at least
 * half of the window's weeks. */
gboolean        wfl_sankey_graph_may_limit           (WflSimulation           *simulation,
                                                      guint                    node,
                                                      int                      first_week,
                                                      int                      last_week);
/* The ranking of the window for the nodes that may be marked only (one
 * variant run each instead of one per capacitated node): what an export
 * needs for wfl_sankey_graph_new_for_window().  NULL when cancelled. */
GArray         *wfl_sankey_graph_rank_window         (WflSimulation           *simulation,
                                                      int                      first_week,
                                                      int                      last_week,
                                                      GCancellable            *cancellable,
                                                      GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflSankeyGraph, wfl_sankey_graph_unref)

G_END_DECLS
