/* wfl-model-types.h
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A calendar day as a GDate Julian day number (1 = 0001-01-01); 0 = unset. */
typedef guint32 WflDate;

#define WFL_DATE_NONE ((WflDate) 0)

typedef enum
{
  WFL_NODE_KIND_SUPPLY,
  WFL_NODE_KIND_PROCESS,
  WFL_NODE_KIND_CUSTOMER,
  WFL_NODE_KIND_POOL,        /* version 2: a capacity its links' processes share */
  WFL_NODE_KIND_EQUIPMENT,   /* version 2: makes the tools of capacity expansions */
} WflNodeKind;

typedef enum
{
  WFL_ALLOCATION_PROPORTIONAL,
  WFL_ALLOCATION_PRIORITY,
  WFL_ALLOCATION_FIXED_SHARE,
  WFL_ALLOCATION_FAIR_SHARE,
  /* version 2 */
  WFL_ALLOCATION_WEIGHTED_FAIR_SHARE,
  WFL_ALLOCATION_QUOTA,
} WflAllocation;

/* The period of an allocating node's quotas (version 2). */
typedef enum
{
  WFL_PERIOD_QUARTER,
  WFL_PERIOD_MONTH,
  WFL_PERIOD_WEEK,
} WflPeriod;

typedef enum
{
  WFL_INTERPOLATE_STEP,
  WFL_INTERPOLATE_LINEAR,
} WflInterpolate;

typedef enum
{
  WFL_BASIS_NONE,
  WFL_BASIS_SEED,
  WFL_BASIS_PUBLIC,
  WFL_BASIS_ESTIMATE,
} WflBasis;

typedef enum
{
  WFL_CONFIDENCE_NONE,
  WFL_CONFIDENCE_HIGH,
  WFL_CONFIDENCE_MEDIUM,
  WFL_CONFIDENCE_LOW,
} WflConfidence;

typedef enum
{
  WFL_GANTT_MODE_ORDERS,
  WFL_GANTT_MODE_PIPELINE,
} WflGanttMode;

typedef enum
{
  WFL_ZOOM_WEEK,
  WFL_ZOOM_MONTH,
  WFL_ZOOM_QUARTER,
  WFL_ZOOM_YEAR,
} WflZoom;

typedef struct _WflPoint       WflPoint;
typedef struct _WflSchedule    WflSchedule;
typedef struct _WflSource      WflSource;
typedef struct _WflOrder       WflOrder;
typedef struct _WflNode        WflNode;
typedef struct _WflLink        WflLink;
typedef struct _WflPin         WflPin;
typedef struct _WflViews       WflViews;
typedef struct _WflProblem     WflProblem;
typedef struct _WflGrant       WflGrant;
typedef struct _WflExpansion   WflExpansion;

const char    *wfl_node_kind_to_string   (WflNodeKind    kind);
gboolean       wfl_node_kind_from_string (const char    *str,
                                          WflNodeKind   *kind);
const char    *wfl_allocation_to_string   (WflAllocation  allocation);
gboolean       wfl_allocation_from_string (const char    *str,
                                           WflAllocation *allocation);
const char    *wfl_period_to_string       (WflPeriod      period);
gboolean       wfl_period_from_string     (const char    *str,
                                           WflPeriod     *period);
const char    *wfl_basis_to_string        (WflBasis       basis);
gboolean       wfl_basis_from_string      (const char    *str,
                                           WflBasis      *basis);
const char    *wfl_confidence_to_string   (WflConfidence  confidence);
gboolean       wfl_confidence_from_string (const char    *str,
                                           WflConfidence *confidence);
const char    *wfl_interpolate_to_string   (WflInterpolate  interpolate);
gboolean       wfl_interpolate_from_string (const char     *str,
                                            WflInterpolate *interpolate);
const char    *wfl_gantt_mode_to_string   (WflGanttMode   mode);
gboolean       wfl_gantt_mode_from_string (const char    *str,
                                           WflGanttMode  *mode);
const char    *wfl_zoom_to_string         (WflZoom        zoom);
gboolean       wfl_zoom_from_string       (const char    *str,
                                           WflZoom       *zoom);

/* Dates: ISO 8601 calendar dates, YYYY-MM-DD, never locale-dependent. */
WflDate        wfl_date_parse             (const char    *str);
char          *wfl_date_format            (WflDate        date) G_GNUC_WARN_UNUSED_RESULT;
WflDate        wfl_date_from_ymd          (int            year,
                                           int            month,
                                           int            day);
void           wfl_date_to_ymd            (WflDate        date,
                                           int           *year,
                                           int           *month,
                                           int           *day);

/* Numbers: C-locale, shortest form that reads back to the same double
 * (wfl-number.c; the text is defined in docs/scenario-format.md). */
#define WFL_FORMAT_DOUBLE_SIZE 32
char          *wfl_format_double          (double         value) G_GNUC_WARN_UNUSED_RESULT;
gsize          wfl_format_double_buf      (double         value,
                                           char           buf[WFL_FORMAT_DOUBLE_SIZE]);
void           wfl_string_append_double   (GString       *out,
                                           double         value);
gboolean       wfl_parse_double           (const char    *str,
                                           double        *value);
gboolean       wfl_parse_int              (const char    *str,
                                           gint64        *value);

gboolean       wfl_id_is_valid            (const char    *id);

/* A number for a message, short: "1e-6", "1e15", "0.5" (C locale). */
char          *wfl_format_figure          (double         value) G_GNUC_WARN_UNUSED_RESULT;

/* A message quoting what a file holds, made fit to show on one line:
 * control characters (a line break in a quoted CSV field) become spaces,
 * and every quoted span (“…”, „…“, <…>) longer than WFL_MESSAGE_MAX_QUOTE
 * characters is cut to its start and "…", so that a 1 MiB id does not make
 * a 1 MiB line.  Takes message. */
#define WFL_MESSAGE_MAX_QUOTE 80
char          *wfl_message_cut_quotes     (char          *message) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
