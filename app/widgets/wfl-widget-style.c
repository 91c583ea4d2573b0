/* wfl-widget-style.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-widget-style"

#include "config.h"

#include <adwaita.h>

#include "wfl-widget-style.h"

static void
rgba_from_gdk (WflRgba       *out,
               const GdkRGBA *in)
{
  out->r = in->red;
  out->g = in->green;
  out->b = in->blue;
  out->a = in->alpha;
}

void
wfl_chart_style_init_for_widget (WflChartStyle *style,
                                 GtkWidget     *widget)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA color;

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    wfl_chart_style_init_dark (style);
  else
    wfl_chart_style_init_light (style);

  /* GTK 4.8 has no gtk_widget_get_color () yet. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &color);
  rgba_from_gdk (&style->foreground, &color);
  if (gtk_style_context_lookup_color (context, "view_bg_color", &color))
    rgba_from_gdk (&style->background, &color);
  if (gtk_style_context_lookup_color (context, "accent_color", &color))
    rgba_from_gdk (&style->accent, &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}
