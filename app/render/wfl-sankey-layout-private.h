/* wfl-sankey-layout-private.h: the Sankey layout's build state, shared
 * by its phases
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl_sankey_layout_new () (wfl-sankey-layout.c) runs the phases in
 * order over one Build; each phase lives in a file of its own:
 *
 *   wfl-sankey-cycles.c     feedback links (they break every cycle) and
 *                           the loops they are drawn as, in lane order
 *   wfl-sankey-columns.c    a column for every node (rank assignment)
 *   wfl-sankey-waypoints.c  hidden waypoints where a link skips columns:
 *                           the proper graph of items and segments
 *   wfl-sankey-crossings.c  weighted crossing counts (Fenwick tree)
 *   wfl-sankey-order.c      the order within columns (crossing minimisation)
 *   wfl-sankey-refine.c     its local search (sifting, adjacent exchange)
 *   wfl-sankey-reroute.c    and its moves of long links' waypoints at once
 *   wfl-sankey-position.c   scale, vertical positions, column x positions
 *   wfl-sankey-labels.c     node labels, outer label stacks, band-end texts
 *   wfl-sankey-geometry.c   ports, node and band geometry, painting order,
 *                           colours, hit-testing
 *   wfl-sankey-text.c       text sizes (the metrics cache) and quantities
 *   wfl-sankey-json.c       the geometry as JSON
 *
 * Nothing here is public: tests include this header to check a phase on
 * its own (build the Build with _wfl_sankey_build_init (), run phases,
 * look at it, then _wfl_sankey_build_finish ()).
 */

#pragma once

#include <pango/pangocairo.h>

#include "wfl-sankey-layout.h"

G_BEGIN_DECLS

#define NONE G_MAXUINT

#define DEFAULT_FONT "Cantarell, Noto Sans, DejaVu Sans, sans-serif"
#define LABEL_PAD 5.0          /* between a node and its label */
#define LOOP_GAP 3.0           /* between loop lanes */
#define N_COLORS 7             /* Okabe–Ito without its grey */

typedef struct
{
  guint   node;      /* graph node, or NONE for a waypoint */
  guint   link;      /* a waypoint's link */
  guint   column;
  guint   pos;       /* index within its column */
  double  value;
  double  pin;       /* vertical pin 0..1, NAN = free */
  double  y;         /* top */
  double  h;
} Item;

typedef struct
{
  guint   left;      /* item in column c */
  guint   right;     /* item in column c + 1 */
  guint   link;
  double  w;         /* value */
  double  off_left;  /* band top below the left item's top */
  double  off_right;
} Seg;

typedef struct
{
  double ascii[128];
  double average;
  double line_height;
  PangoFontDescription *desc;
} TextMetrics;

struct _WflSankeyLayout
{
  gatomicrefcount         ref_count;
  WflSankeyGraph         *graph;
  double                  width;
  double                  height;
  double                  font_size;
  guint                   n_columns;
  double                  node_width;
  double                 *col_x0;       /* per column */

  WflSankeyNodeGeometry  *nodes;
  WflSankeyLinkGeometry  *links;
  GArray                 *points;       /* of WflSankeyPoint */
  guint                  *paint_order;
  guint                  *paint_rank;
  GPtrArray              *strings;

  Item                   *items;
  guint                   n_items;
  Seg                    *segs;
  guint                   n_segs;
  guint                  *col_start;    /* n_columns + 1 */
  guint                  *col_items;    /* items in column order */
  guint                  *gap_start;    /* n_columns + 1: segs by gap */
  guint                  *gap_segs;
  guint                  *loops;        /* loop link indices */
  guint                   n_loops;
  guint                  *link_first_seg;
};

/* A graph's links, for the cycle search. */
typedef struct
{
  guint  n;
  guint  m;
  const guint *src;
  const guint *dst;
} Edges;

typedef struct
{
  guint   n;
  double *w;
  guint  *c;
} Fenwick;

typedef struct
{
  guint  a;        /* left rank */
  guint  b;        /* right rank */
  double w;
} Pair;

typedef struct
{
  double key;
  guint  pos;
  guint  item;
} SortKey;

/* The local search's cost of an order, a · weighted + b · plain, and
 * the most weighted crossings a move may leave (w_cap). */
typedef struct
{
  double a;
  double b;
  double w_cap;
} Objective;

typedef struct
{
  guint  pos;
  double w;
} Neighbour;

typedef struct _SideEntry SideEntry;

/* The local search's scratch (wfl-sankey-refine.c). */
typedef struct
{
  Neighbour *nb;
  guint     *nb_left;
  guint     *nb_right;
  guint     *slot;
  guint     *item_of;
  SortKey   *keys;
  double    *dw, *dc;         /* cost of passing each other item */
  SideEntry *table;   /* a sifted item's side tables */
  double     w_now;   /* the current order's weighted crossings */
} RefineLists;

/* wfl-sankey-labels.c */
typedef struct _LabelText LabelText;
typedef struct _StackItem StackItem;

typedef struct
{
  WflSankeyLayout *layout;
  const WflSankeyGraph *graph;
  const WflSankeyLayoutOptions *options;
  guint   n, m;
  guint  *src, *dst;
  double *value;
  guint  *layer;
  gboolean *feedback;
  gboolean *is_loop;
  guint  *link_first_seg;
  guint  *link_n_segs;

  /* per node: inflow, outflow, the larger, and the sum of the larger */
  double *node_in, *node_out, *node_value;
  double  total_value;

  GArray *items;           /* of Item, while building */
  GArray *segs;            /* of Seg, while building */

  /* CSR of segs per item */
  guint  *in_start, *in_list;     /* segs whose right end is the item */
  guint  *out_start, *out_list;   /* segs whose left end is the item */

  /* crossing counting scratch */
  Pair   *pairs;
  guint  *scratch;
  guint  *bucket;
  Fenwick fenwick;

  guint  *best_order;
  guint64 work;
  gboolean reroute;        /* the local search moves long links whole */

  /* loops: lane rank, total value, where they leave and enter */
  guint  *loop_rank;
  double  loop_value;
  double *loop_out_off, *loop_in_off;

  /* vertical scale: room for markers at the top, node padding, pixels
   * per unit of value, the height above the loop lanes */
  double  top, padding, ky, chart_h;

  /* labels: metrics (NULL = no labels), line height, per node texts,
   * the outer columns' stacks (side 0 left, 1 right) and margins */
  const TextMetrics *metrics;
  double     lh;
  LabelText *texts;
  StackItem *stacks[2];
  guint      n_stack[2];
  double     stack_run[2];
  double     left_margin, right_margin;

  /* horizontal: node width, distance between columns (the even step),
   * and what each gap is to be widened by for a label cut there (NULL =
   * none: every gap the step) */
  double  nw, step;
  double *gap_extra;
} Build;

/* wfl-sankey-layout.c: the build, and helpers the phases share. */
void         _wfl_sankey_build_init            (Build                        *b,
                                                WflSankeyGraph               *graph,
                                                const WflSankeyLayoutOptions *options,
                                                double                        width,
                                                double                        height);
WflSankeyLayout *_wfl_sankey_build_finish      (Build                        *b);
void         _wfl_sankey_build_csr             (guint                         n,
                                                guint                         m,
                                                const guint                  *from,
                                                const gboolean               *keep,
                                                guint                       **start_out,
                                                guint                       **list_out);
int          _wfl_sankey_compare_sort_key      (gconstpointer                 a,
                                                gconstpointer                 b);
int          _wfl_sankey_compare_by_value_desc (gconstpointer                 a,
                                                gconstpointer                 b);
const char  *_wfl_sankey_intern                (WflSankeyLayout              *self,
                                                char                         *text);

/* wfl-sankey-cycles.c */
void         _wfl_sankey_find_feedback         (const Edges                  *g,
                                                const double                 *value,
                                                gboolean                     *feedback);
void         _wfl_sankey_rank_loops            (Build                        *b);

/* wfl-sankey-columns.c */
void         _wfl_sankey_assign_columns        (Build                        *b);

/* wfl-sankey-waypoints.c */
void         _wfl_sankey_build_proper_graph    (Build                        *b);

/* wfl-sankey-crossings.c */
void         _wfl_sankey_crossings_init        (Build                        *b);
void         _wfl_sankey_count_order           (Build                        *b,
                                                double                       *weighted,
                                                guint64                      *crossings);

/* wfl-sankey-order.c */
void         _wfl_sankey_order_columns         (Build                        *b);

/* wfl-sankey-refine.c */
gboolean     _wfl_sankey_objective_better      (const Objective              *obj,
                                                double                        w1,
                                                gint64                        c1,
                                                double                        w0,
                                                gint64                        c0);
void         _wfl_sankey_refine_lists_init     (Build                        *b,
                                                RefineLists                  *r);
void         _wfl_sankey_refine_lists_clear    (RefineLists                  *r);
gboolean     _wfl_sankey_sift                  (Build                        *b,
                                                RefineLists                  *r,
                                                const Objective              *obj,
                                                guint64                       budget);
gboolean     _wfl_sankey_exchange              (Build                        *b,
                                                RefineLists                  *r,
                                                const Objective              *obj,
                                                guint64                       budget);
gboolean     _wfl_sankey_reroute               (Build                        *b,
                                                RefineLists                  *r,
                                                const Objective              *obj,
                                                guint64                       budget);
void         _wfl_sankey_refine                (Build                        *b,
                                                RefineLists                  *r,
                                                const Objective              *obj,
                                                guint                         max_passes,
                                                guint64                       budget);

/* wfl-sankey-position.c */
void         _wfl_sankey_scale                 (Build                        *b);
void         _wfl_sankey_place_vertically      (Build                        *b);
void         _wfl_sankey_place_columns         (Build                        *b);

/* wfl-sankey-geometry.c */
void         _wfl_sankey_assign_ports          (Build                        *b);
void         _wfl_sankey_node_geometry         (Build                        *b);
void         _wfl_sankey_link_geometry         (Build                        *b);
void         _wfl_sankey_paint_order           (Build                        *b);
void         _wfl_sankey_assign_colors         (Build                        *b);

/* wfl-sankey-labels.c */
void         _wfl_sankey_outer_labels          (Build                        *b);
void         _wfl_sankey_place_labels          (Build                        *b);
guint        _wfl_sankey_count_cut_labels      (Build                        *b);
gboolean     _wfl_sankey_widen_gaps            (Build                        *b);

/* wfl-sankey-text.c */
const TextMetrics *_wfl_sankey_get_metrics     (const char                   *family,
                                                double                        size);
double       _wfl_sankey_text_width_len        (const TextMetrics            *m,
                                                const char                   *text,
                                                gssize                        len);
double       _wfl_sankey_text_width            (const TextMetrics            *m,
                                                const char                   *text);

G_END_DECLS
