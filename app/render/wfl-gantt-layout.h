/* wfl-gantt-layout.h: Gantt geometry (time axis, rows, bars) and hit-testing
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-gantt-chart.h"

G_BEGIN_DECLS

/* Pure geometry: no Cairo here, so that the layout is testable and the
 * widget and the exporters share it.  Text is measured through a
 * callback (wfl-gantt-render.h has one backed by Pango). */

/* Returns the width in pixels of text in the chart font (bold or not). */
typedef double (*WflGanttMeasureFunc) (const char *text,
                                       gboolean    bold,
                                       gpointer    user_data);

typedef struct
{
  double               width;        /* the viewport in pixels (required) */
  double               height;       /* 0 = natural: every row, no vertical scrolling */
  WflZoom              zoom;         /* the zoom level when not fitting */
  gboolean             fit;          /* choose the zoom so [from, to] fills the width */
  double               from;         /* first week shown; NAN = the chart's extent */
  double               to;           /* last week shown; NAN = the chart's extent */
  double               row_height;   /* 0 = default */
  double               scroll_x;     /* pixels scrolled right, clamped to the content */
  double               scroll_y;     /* pixels scrolled down, clamped to the content */
  gboolean             legend;       /* reserve a legend strip at the bottom */
  guint                legend_lines; /* at most this many legend lines (stage colours
                                      * beyond them are summed up as "+N more"); 0 = all */
  WflGanttMeasureFunc  measure;      /* NULL = a rough estimate (7 px a character) */
  gpointer             measure_data;
} WflGanttLayoutOptions;

typedef struct
{
  double x0, y0, x1, y1;
} WflGanttRect;

/* Grouped rows (wfl_gantt_chart_group_rows()): a header's name and its
 * orders' labels start this far right of the other labels, after the
 * header's disclosure triangle. */
#define WFL_GANTT_GROUP_INDENT 18.0

/* One cell of a header tier: the period [date, next period) spans x0 … x1. */
typedef struct
{
  double   x0, x1;
  WflDate  date;
  char    *label;       /* owned; C-locale ("Jan 2023", "Q3", "2020s") */
} WflGanttCell;

typedef struct
{
  WflGanttRect  rect;         /* the bar; zero width for a milestone */
  double        slack_x1;     /* end of the slack whisker (= rect.x1 when none) */
} WflGanttBarBox;

typedef struct
{
  double x, y;                /* centre */
  double size;                /* half width */
} WflGanttMarkerBox;

typedef struct
{
  double  y0, y1;             /* the row band */
  GArray *bars;               /* of WflGanttBarBox, parallel to the row's bars */
  GArray *markers;            /* of WflGanttMarkerBox, parallel to the row's markers */
} WflGanttRowBox;

#define WFL_GANTT_ARROW_MAX_POINTS 6

typedef struct
{
  guint     n_points;
  double    x[WFL_GANTT_ARROW_MAX_POINTS];
  double    y[WFL_GANTT_ARROW_MAX_POINTS];
  gboolean  critical;
} WflGanttArrow;

typedef enum
{
  WFL_GANTT_LEGEND_STAGE,      /* index: the stage */
  WFL_GANTT_LEGEND_BAR_KIND,   /* index: a WflGanttBarKind other than work */
  WFL_GANTT_LEGEND_MARKER,     /* index: a WflGanttMarkerKind */
  WFL_GANTT_LEGEND_CRITICAL,
  WFL_GANTT_LEGEND_LATE,
  WFL_GANTT_LEGEND_AS_OF,
  WFL_GANTT_LEGEND_MORE,       /* index: how many stage colours were left out */
  WFL_GANTT_LEGEND_BASELINE,   /* compared: the baseline's bars, a ghost behind the order's */
  WFL_GANTT_LEGEND_SLIP,       /* compared: the slip text after the row */
} WflGanttLegendKind;

/* Legend text is in the small font (0.85 of the chart font).  A stage
 * item stands for every stage of its colour that has a bar in the time
 * range; its index is the colour. */
typedef struct
{
  WflGanttLegendKind  kind;
  guint               index;
  char               *label;      /* owned */
  WflGanttRect        swatch;     /* zero width for MORE */
  double              text_x;     /* text starts here, vertically centred on the swatch */
  double              text_width; /* ellipsized to this */
} WflGanttLegendItem;

typedef struct
{
  WflGanttChart         *chart;          /* a reference */
  WflGanttLayoutOptions  options;

  double                 width, height;  /* the whole picture */
  WflZoom                zoom;           /* the zoom level in use */
  double                 px_per_week;
  double                 from, to;       /* weeks of the time range */

  /* Areas: the header spans the time axis above the body; the label
   * column is left of it; the legend, when asked for, is at the bottom. */
  WflGanttRect           header;
  WflGanttRect           labels;
  WflGanttRect           body;
  WflGanttRect           legend;
  double                 group_width;    /* orders: the customer column at the left of the
                                          * labels, its name once per block of rows; 0 =
                                          * groups follow the label, right-aligned */
  double                 label_x;        /* row labels start here */
  double                 tier_height;
  double                 row_height;
  double                 bar_height;

  double                 content_width;  /* the time range in pixels */
  double                 content_height; /* all rows in pixels */
  double                 scroll_x, scroll_y;

  GArray                *major;          /* of WflGanttCell: the upper header tier */
  GArray                *minor;          /* of WflGanttCell: the lower header tier */
  GArray                *rows;           /* of WflGanttRowBox, parallel to chart->rows */
  GArray                *arrows;         /* of WflGanttArrow, parallel to chart->dependencies */
  GArray                *legend_items;   /* of WflGanttLegendItem */
  double                 as_of_x;        /* NAN when there is no as-of line */
} WflGanttLayout;

typedef enum
{
  WFL_GANTT_HIT_NONE,
  WFL_GANTT_HIT_ROW,        /* a row, but no bar or marker (index -1) */
  WFL_GANTT_HIT_BAR,        /* index: the bar in the row */
  WFL_GANTT_HIT_MARKER,     /* index: the marker in the row */
} WflGanttHitKind;

typedef struct
{
  WflGanttHitKind kind;
  int             row;      /* -1 for none */
  int             index;    /* -1 for none or a row */
} WflGanttHit;

void             wfl_gantt_layout_options_init  (WflGanttLayoutOptions       *options);

WflGanttLayout  *wfl_gantt_layout_new           (WflGanttChart               *chart,
                                                 const WflGanttLayoutOptions *options) G_GNUC_WARN_UNUSED_RESULT;
void             wfl_gantt_layout_free          (WflGanttLayout              *self);

/* Scrolls an existing layout (clamped to the content like the options'
 * scroll_x/scroll_y): moves every box without measuring or allocating,
 * so that a widget can scroll hundreds of rows per frame. */
void             wfl_gantt_layout_set_scroll    (WflGanttLayout              *self,
                                                 double                       scroll_x,
                                                 double                       scroll_y);

/* Where the duration text of bar `bar` of row box `box` goes: the left
 * x of a text tw wide, centred on the bar, else on the widest part of
 * the bar that no diamond (due, filled) covers; FALSE when none has room
 * (the text is left out rather than drawn under a marker). */
gboolean         wfl_gantt_layout_duration_x    (const WflGanttLayout        *self,
                                                 const WflGanttRowBox        *box,
                                                 guint                        bar,
                                                 double                       tw,
                                                 double                      *x);
/* Where a row's lateness text ("27 wk late", tw wide) starts: after
 * everything on the row (after_x), or, when that would pass the right
 * end of the time range (an export's edge), ending there. */
double           wfl_gantt_layout_lateness_x    (const WflGanttLayout        *self,
                                                 double                       after_x,
                                                 double                       tw);
double           wfl_gantt_layout_x_of_week     (const WflGanttLayout        *self,
                                                 double                       week);
double           wfl_gantt_layout_week_of_x     (const WflGanttLayout        *self,
                                                 double                       x);

WflGanttHit      wfl_gantt_layout_hit_test      (const WflGanttLayout        *self,
                                                 double                       x,
                                                 double                       y);
gboolean         wfl_gantt_hit_equal            (const WflGanttHit           *a,
                                                 const WflGanttHit           *b);

/* The minimum pixels per week at which a zoom level's lower tier still
 * has room for its labels; zoom to fit picks the most detailed level
 * whose minimum the width allows. */
double           wfl_gantt_zoom_min_px_per_week (WflZoom                      zoom);
double           wfl_gantt_zoom_px_per_week     (WflZoom                      zoom);
WflZoom          wfl_gantt_zoom_for_fit         (double                       px_per_week);

/* The geometry as JSON: rows with their bars (stage, start, end, kind,
 * x0/y0/x1/y1), markers, dependencies and the header tiers. */
char            *wfl_gantt_layout_to_json       (const WflGanttLayout        *self,
                                                 gsize                       *length) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflGanttLayout, wfl_gantt_layout_free)

G_END_DECLS
