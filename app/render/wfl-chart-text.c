/* wfl-chart-text.c: fonts and text contexts the charts share
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wfl-chart-text-private.h"

PangoFontDescription *
_wfl_chart_font (const WflChartStyle *style,
                 double               factor,
                 gboolean             bold)
{
  PangoFontDescription *font = pango_font_description_from_string (style->font_family ? style->font_family : "sans");

  pango_font_description_set_size (font, (int) (style->font_size * factor * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  return font;
}

void
_wfl_chart_text_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  cairo_font_options_destroy (options);
}
