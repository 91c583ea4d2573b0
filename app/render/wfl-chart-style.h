/* wfl-chart-style.h: colours, fonts and line widths for the painters
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double r, g, b, a;
} WflRgba;

#define WFL_CHART_N_CATEGORICAL 8

/* A plain struct, filled from the widget's style on screen or with a fixed
 * palette for export.  The painters never read GTK themselves. */
typedef struct
{
  WflRgba  background;
  WflRgba  foreground;       /* text */
  WflRgba  dim_foreground;   /* secondary text, grid */
  WflRgba  grid;
  WflRgba  accent;           /* selection */
  WflRgba  bottleneck;       /* capacity-bound marker */
  WflRgba  wait;             /* Gantt waits */
  WflRgba  allocation;       /* Gantt: an order waiting for its turn (pale fill, dots, edge) */
  WflRgba  stock;            /* Gantt: units made before the order (solid) */
  WflRgba  late;             /* late orders */
  WflRgba  categorical[WFL_CHART_N_CATEGORICAL];
  char    *font_family;      /* owned */
  double   font_size;        /* points at scale 1 */
  double   line_width;
  /* The plate of background colour under Sankey labels over bands, and
   * the accent tint of the selected Gantt row: text on them keeps the
   * WCAG AA contrast of 4.5:1 (tests/render/test-chart-contrast.c). */
  double   label_plate_alpha;
  double   selection_alpha;
  gboolean dark;
} WflChartStyle;

void wfl_chart_style_init_light (WflChartStyle *style);
void wfl_chart_style_init_dark  (WflChartStyle *style);
void wfl_chart_style_clear      (WflChartStyle *style);

/* The colour of text drawn on an opaque fill: near-black or white,
 * whichever has the higher WCAG 2.1 contrast with it. */
WflRgba wfl_chart_style_ink_on  (const WflRgba *fill);

/* The WCAG 2.1 contrast ratio of two opaque colours (1 … 21). */
double wfl_chart_style_contrast (const WflRgba *a,
                                 const WflRgba *b);

G_END_DECLS
