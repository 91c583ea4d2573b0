/* wfl-sankey-layout.h: Sankey geometry (pure maths, hit-testing)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-sankey-graph.h"

G_BEGIN_DECLS

/* How nodes get their columns.  Either way pinned columns hold and every
 * band but a loop runs rightward. */
typedef enum
{
  /* a node right after its longest path from a source; sources in the
   * first column, sinks in the last */
  WFL_SANKEY_COLUMNS_LONGEST_PATH,
  /* then every node where its links (weighted by value) are shortest:
   * fewer pass-through points; sources left of all they feed, sinks
   * right of all that feeds them */
  WFL_SANKEY_COLUMNS_SHORT_LINKS,
} WflSankeyColumns;

typedef struct
{
  double       node_width;      /* px; default 14 */
  double       node_padding;    /* largest gap between nodes of a column; default 16 */
  const char  *font_family;     /* for label sizes; NULL = the chart style's default */
  double       font_size;       /* points; 0 = 10 */
  gboolean     labels;          /* place labels; default TRUE */
  guint        iterations;      /* vertical relaxation sweeps; 0 = automatic */
  WflSankeyColumns columns;     /* default WFL_SANKEY_COLUMNS_LONGEST_PATH */
} WflSankeyLayoutOptions;

typedef enum
{
  WFL_SANKEY_LABEL_HIDDEN,      /* no room: shown on hover only */
  WFL_SANKEY_LABEL_LEFT,        /* left of the node, right-aligned */
  WFL_SANKEY_LABEL_RIGHT,       /* right of the node, left-aligned */
  WFL_SANKEY_LABEL_ABOVE,       /* above a short node, centred */
  WFL_SANKEY_LABEL_BELOW,       /* below a short node, centred */
} WflSankeyLabelSide;

typedef struct
{
  double x, y;
} WflSankeyPoint;

typedef struct
{
  double              x0, y0, x1, y1;
  double              value;          /* max (in, out) */
  double              in_value;
  double              out_value;
  guint               column;
  guint               color;          /* palette index */
  const char         *value_text;     /* "1 234 wafers" */
  /* Label box: the side the label hangs on when visible (or would hang
   * on when hidden), its top-left corner and size, and the room there
   * (max width).  Visible labels never overlap one another, a node or
   * the chart's edge.  label_text is the name as shown: a '\n' where it
   * wraps onto a second line (label_name_lines 2), cut with an ellipsis
   * at label_width when label_ellipsized; label_shortened when it is the
   * name without its trailing details in parentheses ("Nvidia
   * allocation" for "Nvidia allocation (customer democracy)"), an
   * interior label's form where the whole name finds no room, before
   * one cut.  With label_value the value
   * follows: on a line of its own when label_lines > label_name_lines,
   * else after two spaces.  A label moved away from its node (a stack of
   * labels beside a column of thin nodes) has a leader line from the
   * node's edge, leader[0], to the label's edge, leader[1]. */
  WflSankeyLabelSide  label_side;
  gboolean            label_visible;
  double              label_x, label_y, label_width, label_height;
  double              label_max_width;
  guint               label_lines;
  const char         *label_text;
  guint               label_name_lines;
  gboolean            label_value;
  gboolean            label_ellipsized;
  gboolean            label_shortened;
  gboolean            label_leader;
  WflSankeyPoint      leader[2];
} WflSankeyNodeGeometry;

typedef struct
{
  double          value;
  double          width;
  double          x0, y0;           /* band centre where it leaves the source */
  double          x1, y1;           /* band centre where it enters the target */
  double          source_fraction;  /* of the source's outflow, 0..1 */
  double          target_fraction;  /* of the target's inflow, 0..1 */
  gboolean        loop;             /* a feedback link drawn around the layout */
  /* The band's centre line.  Normal bands: pairs (leave, enter) so points
   * 2k → 2k+1 are S-curves between columns (cubic Béziers with control
   * points at mid x) and 2k+1 → 2k+2 straight runs through waypoints.
   * Loops: a polyline whose corners are rounded by the painter. */
  guint           first_point;
  guint           n_points;
  /* Band-end labels where the unit (or quantity) changes along the band:
   * the source's, what the band carries ("1 000 wafers"); the target's,
   * what that is enough for in the target's unit ("for 60 000 dies"),
   * only when it is another number.  NULL = none; visible = room. */
  const char     *source_text;
  const char     *target_text;
  gboolean        source_text_visible;
  gboolean        target_text_visible;
} WflSankeyLinkGeometry;

typedef enum
{
  WFL_SANKEY_HIT_NONE,
  WFL_SANKEY_HIT_NODE,
  WFL_SANKEY_HIT_LINK,
} WflSankeyHitKind;

typedef struct
{
  WflSankeyHitKind kind;
  guint            index;     /* node or link index of the graph */
} WflSankeyHit;

/* A band's piece between the column gap `gap` (between column gap and
 * gap + 1) at its left (y_left) and right (y_right) end. */
typedef struct
{
  guint   gap;
  double  y_left;
  double  y_right;
  double  weight;
} WflSankeyCrossingSegment;

typedef struct _WflSankeyLayout WflSankeyLayout;

void                          wfl_sankey_layout_options_init   (WflSankeyLayoutOptions *options);

/* Lays graph out in a width × height box.  options may be NULL. */
WflSankeyLayout              *wfl_sankey_layout_new            (WflSankeyGraph               *graph,
                                                                const WflSankeyLayoutOptions *options,
                                                                double                        width,
                                                                double                        height);
WflSankeyLayout              *wfl_sankey_layout_ref            (WflSankeyLayout *self);
void                          wfl_sankey_layout_unref          (WflSankeyLayout *self);

WflSankeyGraph               *wfl_sankey_layout_get_graph      (const WflSankeyLayout *self);
double                        wfl_sankey_layout_get_width      (const WflSankeyLayout *self);
double                        wfl_sankey_layout_get_height     (const WflSankeyLayout *self);
guint                         wfl_sankey_layout_get_n_columns  (const WflSankeyLayout *self);
double                        wfl_sankey_layout_get_font_size  (const WflSankeyLayout *self);
/* Indexed like the graph's nodes and links. */
const WflSankeyNodeGeometry  *wfl_sankey_layout_get_node       (const WflSankeyLayout *self,
                                                                guint                  node);
const WflSankeyLinkGeometry  *wfl_sankey_layout_get_link       (const WflSankeyLayout *self,
                                                                guint                  link);
const WflSankeyPoint         *wfl_sankey_layout_get_points     (const WflSankeyLayout *self,
                                                                guint                  link,
                                                                guint                 *n_points);
/* Links in painting order: wide bands first, so thin ones stay visible. */
const guint                  *wfl_sankey_layout_get_paint_order (const WflSankeyLayout *self);
/* The number of hidden waypoints that carry bands across columns. */
guint                         wfl_sankey_layout_get_n_waypoints (const WflSankeyLayout *self);

/* The node, link or nothing under (x, y): nodes win over bands, thin
 * bands over the wide bands they are painted over. */
WflSankeyHit                  wfl_sankey_layout_hit_test       (const WflSankeyLayout *self,
                                                                double                 x,
                                                                double                 y);

/* Band crossings between adjacent columns (through waypoints too), loops
 * excluded: the count of crossing pairs and the sum of the products of
 * their values. */
void                          wfl_sankey_layout_count_crossings (const WflSankeyLayout *self,
                                                                 double                *weighted,
                                                                 guint64               *crossings);
/* The same counter for any geometry (the benchmark feeds d3-sankey's):
 * two segments in a gap cross when their order at the left end differs
 * from their order at the right end.  O(n log n). */
void                          wfl_sankey_count_crossings        (const WflSankeyCrossingSegment *segments,
                                                                 gsize                           n_segments,
                                                                 double                         *weighted,
                                                                 guint64                        *crossings);

/* The geometry in d3-sankey's shape: {"nodes": [{id, name, x0, y0, x1,
 * y1, value, layer}…], "links": [{source, target, value, y0, y1, width}…]};
 * a link that spans several columns also has "passes": [{layer, x0, x1,
 * y}…], where its centre runs through each column between its ends. */
char                         *wfl_sankey_layout_to_json        (const WflSankeyLayout *self,
                                                                gsize                 *length);

/* wfl_quantity_format(): "1 234 GPUs", "12.5", "3.2 M" in the locale's
 * style, the unit (when not NULL) in the user's language. */
char                         *wfl_sankey_format_quantity       (double                 value,
                                                                const char            *unit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflSankeyLayout, wfl_sankey_layout_unref)

G_END_DECLS
