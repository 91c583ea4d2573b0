/* wfl-chart-text-private.h: fonts and text contexts the charts share
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "wfl-chart-style.h"

/* The style's font family ("sans" when unset) at factor × its size,
 * bold or not; free with pango_font_description_free(). */
PangoFontDescription *_wfl_chart_font          (const WflChartStyle *style,
                                                double               factor,
                                                gboolean             bold);

/* Unhinted metrics at 96 dpi: the same text widths on screen and in PNG,
 * SVG and PDF. */
void                  _wfl_chart_text_context  (PangoContext        *context);
