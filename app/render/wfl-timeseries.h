/* wfl-timeseries.h: a node's or customer's figures over the weeks
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
#include "wfl-model.h"

G_BEGIN_DECLS

/* What a time series chart shows (docs/architecture.md, "Time series"). */
typedef enum
{
  WFL_TIMESERIES_NODE,        /* a node's capacity, starts and stock */
  WFL_TIMESERIES_CUSTOMER,    /* a customer's cumulative ordered and received, the backlog between */
  WFL_TIMESERIES_LEAD_TIME,   /* the quoted lead time by order week, and the orders' own */
  WFL_TIMESERIES_PRODUCTS,    /* per product, what customers received each quarter (wfl-timeseries-compute.h) */
} WflTimeSeriesKind;

typedef enum
{
  WFL_TIMESERIES_LINE_SOLID,
  WFL_TIMESERIES_LINE_DASHED,
  WFL_TIMESERIES_LINE_POINTS,   /* markers only, at the weeks that have a value */
} WflTimeSeriesLineStyle;

/* One line of the chart: a value per calendar week (NAN: none, a gap). */
typedef struct
{
  char                   *key;     /* the JSON name: "capacity", "starts", "stock", "ordered" … */
  char                   *label;   /* translated, for the legend */
  guint                   color;   /* categorical colour; G_MAXUINT = the foreground */
  WflTimeSeriesLineStyle  style;
  double                 *values;  /* n_weeks */
} WflTimeSeriesLine;

typedef struct
{
  WflTimeSeriesKind  kind;
  char              *id;           /* the node's */
  char              *name;
  char              *unit;         /* of the values: the node's unit, or "weeks" for lead times */
  char              *title;        /* translated */
  char              *note;         /* translated, under the title; may be NULL */
  WflDate            start;        /* the calendar */
  int                n_weeks;
  int                from_week;    /* the weeks shown, inclusive; the whole calendar by default */
  int                to_week;
  GPtrArray         *lines;        /* of WflTimeSeriesLine* */
  int                band_low;     /* lines with the shaded band between them; -1: none */
  int                band_high;
  char              *band_label;   /* translated, for the legend */
} WflTimeSeries;

/* A process or supply node: capacity (none when unlimited), starts and
 * stock; a customer: wfl_timeseries_new_customer().  NULL for a pool or
 * an equipment supplier, which have none of these. */
WflTimeSeries *wfl_timeseries_new_node      (WflSimulation          *simulation,
                                             guint                   node) G_GNUC_WARN_UNUSED_RESULT;
/* A customer: what it has ordered (less what was cancelled) and received
 * up to each week, counted at the end of the week, and the backlog
 * between them shaded. */
WflTimeSeries *wfl_timeseries_new_customer  (WflSimulation          *simulation,
                                             guint                   customer) G_GNUC_WARN_UNUSED_RESULT;
/* The quoted lead time of the quote's customer by order week (its
 * window; docs/model.md, "Quoted lead time") and, as markers, the lead
 * time each of the customer's own orders got in the week it was placed. */
WflTimeSeries *wfl_timeseries_new_lead_time (WflSimulation          *simulation,
                                             const WflLeadTimeQuote *quote) G_GNUC_WARN_UNUSED_RESULT;
void           wfl_timeseries_free          (WflTimeSeries          *self);
/* Frees a WflTimeSeriesLine (the lines array's free function). */
void           wfl_timeseries_line_free     (gpointer                line);

/* Shows the weeks from … to (clamped to the calendar). */
void           wfl_timeseries_set_window    (WflTimeSeries          *self,
                                             int                     from_week,
                                             int                     to_week);

/* Paints the chart into width × height at the origin of cr.  hover_week
 * (-1: none) draws a rule at that week and its values. */
void           wfl_timeseries_render        (const WflTimeSeries    *self,
                                             cairo_t                *cr,
                                             double                  width,
                                             double                  height,
                                             const WflChartStyle    *style,
                                             int                     hover_week);
/* The week under x in a chart of that width (-1 outside the plot). */
int            wfl_timeseries_week_at       (const WflTimeSeries    *self,
                                             const WflChartStyle    *style,
                                             double                  width,
                                             double                  height,
                                             double                  x);

/* The values of the weeks shown as JSON: kind, id, name, unit, from and
 * to (dates), the lines' keys and labels, and a row per week with its
 * week, date and each line's value (null for none). */
char          *wfl_timeseries_to_json       (const WflTimeSeries    *self,
                                             gsize                  *length) G_GNUC_WARN_UNUSED_RESULT;

/* Writes the chart to file as PNG (at scale), SVG, PDF or JSON, in style
 * (NULL: the light export style).  Atomic. */
gboolean       wfl_timeseries_export        (const WflTimeSeries    *self,
                                             const WflChartStyle    *style,
                                             double                  width,
                                             double                  height,
                                             double                  scale,
                                             WflExportFormat         format,
                                             GFile                  *file,
                                             GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflTimeSeries, wfl_timeseries_free)

G_END_DECLS
