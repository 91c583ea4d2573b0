/* wfl-gantt-render.h: paints a Gantt layout onto any cairo_t
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "wfl-chart-style.h"
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

G_END_DECLS
