/* wfl-gantt-chart.h: the data a Gantt chart shows (rows of bars on a week axis)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-model.h"

G_BEGIN_DECLS

/* Time on a Gantt chart is counted in weeks (doubles) from the chart's
 * `start` date, which is the scenario's calendar start: week w is the date
 * start + 7w days.  Week 2.5 is the Thursday of bucket 2. */

typedef enum
{
  WFL_GANTT_BAR_WORK,      /* a stage working on the order (lead time) */
  WFL_GANTT_BAR_WAIT,      /* waiting for a missing input before a stage */
  WFL_GANTT_BAR_TRANSIT,   /* shipping between two stages */
  WFL_GANTT_BAR_QUEUE,     /* queueing for capacity */
  WFL_GANTT_BAR_ALLOCATION,/* an order waiting for its turn before anything for it started */
  WFL_GANTT_BAR_STOCK,     /* units made before the order (a milestone when already made) */
} WflGanttBarKind;

#define WFL_GANTT_N_BAR_KINDS (WFL_GANTT_BAR_STOCK + 1)

typedef enum
{
  WFL_GANTT_MARKER_PLACED,
  WFL_GANTT_MARKER_DUE,
  WFL_GANTT_MARKER_FILLED,
} WflGanttMarkerKind;

typedef struct
{
  char            *stage;      /* node id: the colour key; owned */
  char            *label;      /* display name; owned, never NULL */
  double           start;      /* weeks from the chart start */
  double           end;        /* ≥ start */
  WflGanttBarKind  kind;
  double           slack;      /* weeks the bar may slip without delaying the end; NAN = unknown */
  gboolean         critical;   /* on the critical path */
  guint            color;      /* index into the style's categorical palette */
  char            *note;       /* owned, may be NULL: why an order waited (orders mode) */
} WflGanttBar;

typedef struct
{
  WflGanttMarkerKind kind;
  double             week;
} WflGanttMarker;

typedef struct
{
  char     *id;          /* owned: node id, order id, "from->to" for a transit */
  char     *label;       /* owned, never NULL */
  char     *group;       /* owned, NULL = none (a company, a customer) */
  GArray   *bars;        /* of WflGanttBar, in time order, never overlapping */
  GArray   *markers;     /* of WflGanttMarker */
  gboolean  late;        /* an order filled after its due date (or never) */
  double    lateness;    /* weeks late (negative: early); NAN = unknown */
  gboolean  critical;    /* the row is on the critical path */
  /* Orders mode: the order's quantity in unit (owned), and the weeks of
   * its timeline per category (docs/model.md), all 0 when never filled.
   * quantity is NAN and unit NULL in the pipeline mode. */
  double    quantity;
  char     *unit;
  int       timeline[WFL_N_TIMELINE];
  /* Orders mode with a Monte Carlo experiment: the filled week at P10,
   * P50 and P90 of the samples (a whisker under the row, docs/model.md
   * "Experiments"); NAN = none (a percentile never filled is NAN too). */
  double    whisker[3];
  /* Compared with a baseline (wfl_gantt_chart_set_baseline()): the
   * order's bars there, in this chart's weeks (NULL: not compared, or not
   * in the baseline), and how many weeks later it is filled than there
   * (NAN: unknown; +INFINITY: filled there only, -INFINITY: here only). */
  GArray   *ghost;       /* of WflGanttSpan */
  double    slip;
  /* Orders mode: the order's product (its display name; NULL: any).
   * Grouped (wfl_gantt_chart_group_rows()): a header row stands for its
   * group, n_members orders (shown below it unless collapsed) from
   * span[0] to span[1] (NAN: no bar or marker), with its totals as
   * summary; late counts its late orders. */
  char     *product;
  gboolean  header;
  gboolean  collapsed;
  guint     n_members;
  guint     n_late;
  double    span[2];
  char     *summary;
} WflGanttRow;

/* How wfl_gantt_chart_group_rows() groups the orders. */
typedef enum
{
  WFL_GANTT_GROUP_NONE,
  WFL_GANTT_GROUP_CUSTOMER,
  WFL_GANTT_GROUP_PRODUCT,
} WflGanttGrouping;

/* A bar of a baseline, drawn as a ghost behind the row's own. */
typedef struct
{
  double          start;
  double          end;
  WflGanttBarKind kind;
} WflGanttSpan;

/* An arrow from the end of one bar to the start of another. */
typedef struct
{
  guint    from_row;
  guint    from_bar;
  guint    to_row;
  guint    to_bar;
  gboolean critical;
} WflGanttDependency;

typedef struct
{
  WflGanttMode  mode;
  WflDate       start;          /* the date of week 0 */
  char         *title;          /* owned, may be NULL */
  GPtrArray    *rows;           /* of WflGanttRow* */
  GArray       *dependencies;   /* of WflGanttDependency */
  GPtrArray    *stages;         /* of char*: stage ids in colour order */
  GPtrArray    *stage_labels;   /* of char*: their display names */
  double        as_of;          /* the "today" line in weeks; NAN = none */
  GArray       *stage_colors;   /* of guint: the palette index of each of stages */
  GArray       *stage_ranks;    /* of int: the key's order of each of stages */
  GHashTable   *stage_levels;   /* stage id -> level + 1, see wfl_gantt_chart_set_stage_level () */
  GHashTable   *stage_index;    /* stage id -> its index in stages (not NULL) */
} WflGanttChart;

WflGanttChart  *wfl_gantt_chart_new             (WflGanttMode         mode,
                                                 WflDate              start) G_GNUC_WARN_UNUSED_RESULT;
WflGanttChart  *wfl_gantt_chart_ref             (WflGanttChart       *self);
void            wfl_gantt_chart_unref           (WflGanttChart       *self);

/* Rows, bars and markers are appended; the returned pointers stay valid
 * until the next row (or bar) is added. */
WflGanttRow    *wfl_gantt_chart_add_row         (WflGanttChart       *self,
                                                 const char          *id,
                                                 const char          *label,
                                                 const char          *group);
WflGanttBar    *wfl_gantt_chart_add_bar         (WflGanttChart       *self,
                                                 WflGanttRow         *row,
                                                 const char          *stage,
                                                 const char          *label,
                                                 double               start,
                                                 double               end,
                                                 WflGanttBarKind      kind);
void            wfl_gantt_row_add_marker        (WflGanttRow         *row,
                                                 WflGanttMarkerKind   kind,
                                                 double               week);
void            wfl_gantt_chart_add_dependency  (WflGanttChart       *self,
                                                 guint                from_row,
                                                 guint                from_bar,
                                                 guint                to_row,
                                                 guint                to_bar,
                                                 gboolean             critical);

/* Colours follow the stage's position along the supply chain when the
 * builder knows it: level 0 for a stage fed by no other, one more than
 * its deepest input otherwise; stages of one level share a colour, and
 * neighbouring levels get contrasting ones.  A negative level is an end
 * point (a customer's delivery): neutral grey.  Call before the stage's
 * first bar. */
#define WFL_GANTT_NEUTRAL_COLOR 7

void            wfl_gantt_chart_set_stage_level (WflGanttChart       *self,
                                                 const char          *stage,
                                                 int                  level);

/* The palette index of a stage: by its level (see above) when set, else
 * in order of first use. */
guint           wfl_gantt_chart_stage_color     (WflGanttChart       *self,
                                                 const char          *stage,
                                                 const char          *label);

/* The weeks spanned by all bars and markers (and the as-of line); FALSE
 * when the chart is empty. */
/* Removes the rows with no bar and no marker within the weeks [from,
 * to) (and the dependencies that touch them); returns how many. */
guint           wfl_gantt_chart_keep_rows_within (WflGanttChart      *self,
                                                  double              from,
                                                  double              to);
gboolean        wfl_gantt_chart_get_extent      (const WflGanttChart *self,
                                                 double              *first,
                                                 double              *last);

/* Conversions between weeks of the chart and dates. */
double          wfl_gantt_chart_week_of_date    (const WflGanttChart *self,
                                                 WflDate              date);
WflDate         wfl_gantt_chart_date_of_week    (const WflGanttChart *self,
                                                 double               week);

/* The pipeline of a scenario as a project plan: one row per stage on the
 * paths into customer_id (or into every customer when NULL), plus one
 * row per link with transit weeks.  An order placed on `placed` (the
 * calendar start when WFL_DATE_NONE) starts every supply stage at once;
 * each stage starts when its slowest input is ready and works for its
 * lead weeks; a customer's row is the delivery milestone.  Dependencies
 * follow the links; the critical path (zero slack against the latest
 * delivery) is marked. */
WflGanttChart  *wfl_gantt_chart_new_pipeline    (WflScenario         *scenario,
                                                 const char          *customer_id,
                                                 WflDate              placed,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* The simulated orders as a chart: one row per customer order (or per
 * order of customer_id), id "<customer id>/<order id>", label the order
 * id less the customer id in front of it ("2023-01-02" for
 * "openai-2023-01-02" of openai), group the customer's name, ordered by
 * customer in document order, then placed week, then order in document
 * order: a customer's orders are one block under its name.  The bars
 * follow the order's timeline (the lot that completed it) and tile its
 * weeks from placed to filled: ALLOCATION for the weeks before anything
 * of it started, STOCK for units made before the order (a zero-length
 * bar at the placed week when they were already made), a WORK bar per
 * stage started after placement, and between stages TRANSIT for the
 * shipping weeks, QUEUE for the weeks the next stage was capacity-bound
 * and WAIT for the other weeks (material held in stock or waiting for
 * another input); every bar but WORK has a note saying why.  Markers:
 * placed, due and filled, in calendar weeks; the row's quantity, unit and
 * timeline give the order's size and its weeks per category.  The
 * simulation must have run. */
WflGanttChart  *wfl_gantt_chart_new_orders      (WflSimulation       *simulation,
                                                 const char          *customer_id,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Splits an orders-mode row id into its customer and order ids; FALSE
 * when the id is not of that form. */
gboolean        wfl_gantt_orders_row_id_parse   (const char          *row_id,
                                                 char               **customer_id,
                                                 char               **order_id);
char           *wfl_gantt_orders_row_id         (const char          *customer_id,
                                                 const char          *order_id) G_GNUC_WARN_UNUSED_RESULT;

/* "6 wk late" for a row that is late by a positive number of weeks, else NULL. */
char           *wfl_gantt_row_format_lateness   (const WflGanttRow   *row) G_GNUC_WARN_UNUSED_RESULT;

/* The baseline Gantt (docs/architecture.md, "Comparing two scenarios"):
 * gives each row of an orders chart that baseline (an orders chart of
 * the baseline scenario) has by id its ghost and its slip, the filled
 * week here less the filled week there, both as dates.  Rows the baseline
 * lacks keep no ghost and a NAN slip. */
void            wfl_gantt_chart_set_baseline    (WflGanttChart       *self,
                                                 const WflGanttChart *baseline);
/* Rows by slip, the largest first (filled in the baseline only first,
 * unknown last), keeping the order of equal slips; dependencies follow. */
void            wfl_gantt_chart_sort_by_slip    (WflGanttChart       *self);
/* "slips 3 wk", "2 wk earlier", "no longer filled", "filled now";
 * NULL for no slip (under half a week) or none known. */
char           *wfl_gantt_row_format_slip       (const WflGanttRow   *row) G_GNUC_WARN_UNUSED_RESULT;

/* Groups the rows of an orders chart (docs/model.md, "Grouping the
 * orders") by customer or by product: before each group's first row a
 * header row, id "#group/<key>" (wfl_gantt_group_row_id()), label the
 * customer's name or the product's ("No product" for orders of any),
 * with the group's order count, total quantity, late orders and span;
 * the members follow, in their order (by product, labelled "<customer> ·
 * <order>").  Groups whose key collapsed holds keep their header only.
 * Groups come in the order of their first row. */
void            wfl_gantt_chart_group_rows      (WflGanttChart       *self,
                                                 WflGanttGrouping     by,
                                                 GHashTable          *collapsed);
/* Whether an orders chart has an order of a product (grouping by
 * product then means something). */
gboolean        wfl_gantt_chart_has_products    (const WflGanttChart *self);
/* The key of a header row (its group's customer or product name), NULL
 * for any other row. */
const char     *wfl_gantt_row_group_key         (const WflGanttRow   *row);
char           *wfl_gantt_group_row_id          (const char          *key) G_GNUC_WARN_UNUSED_RESULT;

const char     *wfl_gantt_bar_kind_to_string    (WflGanttBarKind      kind);
const char     *wfl_gantt_marker_kind_to_string (WflGanttMarkerKind   kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflGanttChart, wfl_gantt_chart_unref)

G_END_DECLS
