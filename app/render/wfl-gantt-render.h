/* wfl-gantt-render.h: paints a Gantt layout onto any cairo_t
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
#include "wfl-gantt-layout.h"

G_BEGIN_DECLS

/* What the pointer is over and what is selected (kind NONE for nothing). */
typedef struct
{
  WflGanttHit hover;
  WflGanttHit selection;
} WflGanttRenderState;

void   wfl_gantt_render_state_init   (WflGanttRenderState   *state);

/* Paints the whole layout (layout->width × layout->height) at the origin
 * of cr.  state may be NULL. */
void   wfl_gantt_render              (const WflGanttLayout      *layout,
                                      cairo_t                   *cr,
                                      const WflChartStyle       *style,
                                      const WflGanttRenderState *state);

/* Text measurement with Pango in the style's font, for
 * WflGanttLayoutOptions.measure: pass wfl_gantt_text_measure as the
 * function and the measurer as its data. */
typedef struct _WflGanttTextMeasurer WflGanttTextMeasurer;

WflGanttTextMeasurer *wfl_gantt_text_measurer_new  (const WflChartStyle  *style) G_GNUC_WARN_UNUSED_RESULT;
void                  wfl_gantt_text_measurer_free (WflGanttTextMeasurer *self);
double                wfl_gantt_text_measure       (const char           *text,
                                                    gboolean              bold,
                                                    gpointer              measurer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflGanttTextMeasurer, wfl_gantt_text_measurer_free)

/* What an export shows, and at what size: the window's Export dialog and
 * the command line's --export --chart gantt differ only in these. */
typedef struct
{
  double width;    /* the picture in pixels (points in SVG and PDF); required */
  double height;   /* 0 = natural: every row */
  double from;     /* the time range in weeks of the chart; NAN = the chart's extent */
  double to;
  double scale;    /* PNG pixels per picture pixel; 0 = 1 */
} WflGanttExportOptions;

void     wfl_gantt_export_options_init (WflGanttExportOptions       *options);

/* Lays the chart out for export, zoomed to fit the width, with a legend
 * and the text measured in style (NULL = the light export style), and
 * writes it to file as PNG (at the options' scale), SVG, PDF or, for JSON,
 * the layout's geometry (wfl_gantt_layout_to_json ()).  When only one end
 * of the time range is given, the other is a week beyond the chart's
 * extent (and at least a week from the given end).  Atomic: a failure
 * leaves any existing file untouched. */
gboolean wfl_gantt_export              (WflGanttChart               *chart,
                                        const WflChartStyle         *style,
                                        const WflGanttExportOptions *options,
                                        WflExportFormat              format,
                                        GFile                       *file,
                                        GError                     **error);

G_END_DECLS
