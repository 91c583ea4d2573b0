/* wfl-chart-style.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-chart-style"

#include "config.h"

#include <math.h>

#include "wfl-chart-style.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

/* Okabe–Ito: distinguishable with the common forms of colour blindness.
 * Keep in sync with resources/style.css. */
static const WflRgba okabe_ito[WFL_CHART_N_CATEGORICAL] = {
  RGB (0x0072B2), RGB (0xE69F00), RGB (0x009E73), RGB (0xCC79A7),
  RGB (0x56B4E9), RGB (0xD55E00), RGB (0xF0E442), RGB (0x999999),
};

static void
init_common (WflChartStyle *style)
{
  for (guint i = 0; i < WFL_CHART_N_CATEGORICAL; i++)
    style->categorical[i] = okabe_ito[i];
  style->font_family = g_strdup ("Cantarell, Noto Sans, DejaVu Sans, sans-serif");
  style->font_size = 10.0;
  style->line_width = 1.0;
}

void
wfl_chart_style_init_light (WflChartStyle *style)
{
  const WflRgba background = RGB (0xffffff);
  const WflRgba foreground = RGB (0x241f31);
  const WflRgba dim = RGB (0x5e5c64);
  const WflRgba grid = { 0.0, 0.0, 0.0, 0.12 };
  const WflRgba accent = RGB (0x1c71d8);
  const WflRgba bottleneck = RGB (0xc01c28);
  const WflRgba wait = { 0.6, 0.6, 0.6, 1.0 };
  /* GNOME purple 4 and brown 4: apart from the stage colours in hue and
   * in pattern, 6.8:1 and 5.7:1 on the background. */
  const WflRgba allocation = RGB (0x813d9c);
  const WflRgba stock = RGB (0x865e3c);
  const WflRgba late = RGB (0xc01c28);

  *style = (WflChartStyle) { 0 };
  init_common (style);
  style->background = background;
  style->foreground = foreground;
  style->dim_foreground = dim;
  style->grid = grid;
  style->accent = accent;
  style->bottleneck = bottleneck;
  style->wait = wait;
  style->allocation = allocation;
  style->stock = stock;
  style->late = late;
  style->label_plate_alpha = 0.8;
  style->selection_alpha = 0.18;
  style->dark = FALSE;
}

void
wfl_chart_style_init_dark (WflChartStyle *style)
{
  const WflRgba background = RGB (0x1e1e1e);
  const WflRgba foreground = RGB (0xffffff);
  const WflRgba dim = RGB (0xc0bfbc);
  const WflRgba grid = { 1.0, 1.0, 1.0, 0.15 };
  const WflRgba accent = RGB (0x78aeed);
  const WflRgba bottleneck = RGB (0xff7b63);
  const WflRgba wait = { 0.55, 0.55, 0.55, 1.0 };
  /* GNOME purple 1 and brown 1: 6.9:1 and 7.8:1 on the background. */
  const WflRgba allocation = RGB (0xdc8add);
  const WflRgba stock = RGB (0xcdab8f);
  /* Lighter than the bottleneck red: late labels sit on the selected
   * row's accent tint too (5.0:1 there, 3.6:1 with #ff7b63). */
  const WflRgba late = RGB (0xffaa99);

  *style = (WflChartStyle) { 0 };
  init_common (style);
  style->background = background;
  style->foreground = foreground;
  style->dim_foreground = dim;
  style->grid = grid;
  style->accent = accent;
  style->bottleneck = bottleneck;
  style->wait = wait;
  style->allocation = allocation;
  style->stock = stock;
  style->late = late;
  style->label_plate_alpha = 0.8;
  style->selection_alpha = 0.3;
  style->dark = TRUE;
}

void
wfl_chart_style_clear (WflChartStyle *style)
{
  g_clear_pointer (&style->font_family, g_free);
}

/* WCAG 2.1 relative luminance of an sRGB colour. */
static double
channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
relative_luminance (const WflRgba *c)
{
  return 0.2126 * channel (c->r) + 0.7152 * channel (c->g) + 0.0722 * channel (c->b);
}

double
wfl_chart_style_contrast (const WflRgba *a,
                          const WflRgba *b)
{
  double la = relative_luminance (a), lb = relative_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

WflRgba
wfl_chart_style_ink_on (const WflRgba *fill)
{
  const WflRgba dark = { 0.1, 0.1, 0.12, 1.0 }, white = { 1.0, 1.0, 1.0, 1.0 };

  return wfl_chart_style_contrast (&dark, fill) >= wfl_chart_style_contrast (&white, fill) ? dark : white;
}
