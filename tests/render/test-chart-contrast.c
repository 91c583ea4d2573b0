/* test-chart-contrast.c: the charts' text meets WCAG 2.1 AA contrast
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "wfl-chart-style.h"

/* WCAG 2.1 AA for normal text (the charts' labels are 10 pt). */
#define AA_TEXT 4.5
/* WCAG 2.1 AA for graphical objects (1.4.11): the Gantt's bars. */
#define AA_GRAPHIC 3.0

/* WCAG 2.1 relative luminance of an sRGB colour. */
static double
channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const WflRgba *c)
{
  return 0.2126 * channel (c->r) + 0.7152 * channel (c->g) + 0.0722 * channel (c->b);
}

static double
contrast (const WflRgba *a,
          const WflRgba *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* @top painted with @alpha over the opaque @under. */
static WflRgba
over (const WflRgba *top,
      double         alpha,
      const WflRgba *under)
{
  return (WflRgba) {
    top->r * alpha + under->r * (1 - alpha),
    top->g * alpha + under->g * (1 - alpha),
    top->b * alpha + under->b * (1 - alpha),
    1.0,
  };
}

static WflRgba
hex (guint32 v)
{
  return (WflRgba) { (v >> 16 & 0xff) / 255.0, (v >> 8 & 0xff) / 255.0, (v & 0xff) / 255.0, 1.0 };
}

/* The formula against WCAG's own figures. */
static void
test_contrast_formula (void)
{
  WflRgba white = hex (0xffffff), black = hex (0x000000);
  WflRgba grey = hex (0x777777), grey2 = hex (0x767676);

  g_assert_cmpfloat_with_epsilon (contrast (&white, &black), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (contrast (&black, &white), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (contrast (&white, &white), 1.0, 1e-9);
  /* #767676 is the lightest grey that passes AA on white, #777777 fails. */
  g_assert_cmpfloat (contrast (&grey2, &white), >=, AA_TEXT);
  g_assert_cmpfloat (contrast (&grey, &white), <, AA_TEXT);
  /* The painters' own measure agrees. */
  g_assert_cmpfloat_with_epsilon (wfl_chart_style_contrast (&white, &black), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (wfl_chart_style_contrast (&grey2, &white), contrast (&grey2, &white), 1e-12);
  /* Text on a fill takes whichever ink stands out more. */
  g_assert_cmpfloat (wfl_chart_style_ink_on (&white).r, <, 0.5);
  g_assert_cmpfloat (wfl_chart_style_ink_on (&black).r, ==, 1.0);
}

typedef struct
{
  const char    *name;
  const WflRgba *color;
} Named;

static void
check_ratio (const char *what,
             const char *mode,
             double      ratio,
             double      least)
{
  g_test_message ("%s: %s %.2f:1", mode, what, ratio);
  if (ratio < least)
    g_test_fail_printf ("%s %s: %.2f:1 < %.1f:1", mode, what, ratio, least);
}

/* The orders Gantt's categories (docs/model.md, "The orders Gantt"): the
 * allocation band's edge and dots and the stock bar stand out from the
 * background as graphics; the duration inside a solid bar (stages and
 * stock) is text on it in the ink the painter picks; on the pale
 * allocation band it is the foreground. */
static void
check_gantt_categories (const WflChartStyle *style,
                        const char          *mode)
{
  WflRgba allocation_fill = over (&style->allocation, 0.14, &style->background);
  WflRgba stock_ink = wfl_chart_style_ink_on (&style->stock);

  check_ratio ("allocation edge on background", mode,
               wfl_chart_style_contrast (&style->allocation, &style->background), AA_GRAPHIC);
  check_ratio ("stock bar on background", mode,
               wfl_chart_style_contrast (&style->stock, &style->background), AA_GRAPHIC);
  check_ratio ("duration on a stock bar", mode, wfl_chart_style_contrast (&stock_ink, &style->stock), AA_TEXT);
  check_ratio ("duration on the allocation band", mode,
               wfl_chart_style_contrast (&style->foreground, &allocation_fill), AA_TEXT);
  for (guint i = 0; i < WFL_CHART_N_CATEGORICAL; i++)
    {
      WflRgba ink = wfl_chart_style_ink_on (&style->categorical[i]);
      g_autofree char *what = g_strdup_printf ("duration on stage colour %u", i);

      check_ratio (what, mode, wfl_chart_style_contrast (&ink, &style->categorical[i]), AA_TEXT);
    }
}

static void
check_style (const WflChartStyle *style,
             const char          *mode)
{
  const Named text[] = {
    { "foreground", &style->foreground },
    { "dim_foreground", &style->dim_foreground },
    { "late", &style->late },
    { "bottleneck", &style->bottleneck },
    { "accent", &style->accent },
  };
  /* Text on the Sankey's label plates: names and values. */
  const Named plate_text[] = {
    { "foreground", &style->foreground },
    { "dim_foreground", &style->dim_foreground },
  };
  /* Text on the selected Gantt row: group, label, lateness (the label
   * is not drawn in the accent colour there). */
  const Named row_text[] = {
    { "foreground", &style->foreground },
    { "dim_foreground", &style->dim_foreground },
    { "late", &style->late },
  };
  WflRgba selected_row = over (&style->accent, style->selection_alpha, &style->background);
  double worst_plate = INFINITY;
  const char *worst_text = NULL;
  guint worst_band = 0;

  g_assert_cmpfloat (style->label_plate_alpha, >, 0);
  g_assert_cmpfloat (style->label_plate_alpha, <=, 1);

  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    {
      double ratio = contrast (text[i].color, &style->background);

      g_test_message ("%s: %-14s on background %.2f:1", mode, text[i].name, ratio);
      if (ratio < AA_TEXT)
        g_test_fail_printf ("%s %s on the background: %.2f:1 < %.1f:1", mode, text[i].name, ratio, AA_TEXT);
    }

  for (guint i = 0; i < G_N_ELEMENTS (row_text); i++)
    {
      double ratio = contrast (row_text[i].color, &selected_row);

      g_test_message ("%s: %-14s on the selected Gantt row %.2f:1", mode, row_text[i].name, ratio);
      if (ratio < AA_TEXT)
        g_test_fail_printf ("%s %s on the selected row: %.2f:1 < %.1f:1", mode, row_text[i].name, ratio, AA_TEXT);
    }

  /* The worst case under a label: a band (or a node) of any colour at
   * full opacity, where bands pile up, then the plate, then the text. */
  for (guint b = 0; b < WFL_CHART_N_CATEGORICAL + 3; b++)
    {
      const WflRgba *band = b < WFL_CHART_N_CATEGORICAL ? &style->categorical[b]
                            : b == WFL_CHART_N_CATEGORICAL ? &style->bottleneck
                            : b == WFL_CHART_N_CATEGORICAL + 1 ? &style->accent
                            : &style->dim_foreground;
      WflRgba plate = over (&style->background, style->label_plate_alpha, band);

      for (guint i = 0; i < G_N_ELEMENTS (plate_text); i++)
        {
          double ratio = contrast (plate_text[i].color, &plate);

          if (ratio < worst_plate)
            worst_plate = ratio, worst_text = plate_text[i].name, worst_band = b;
        }
    }
  g_test_message ("%s: label plate (alpha %.2f) worst %.2f:1 (%s over colour %u)",
                  mode, style->label_plate_alpha, worst_plate, worst_text, worst_band);
  if (worst_plate < AA_TEXT)
    g_test_fail_printf ("%s %s on a label plate over colour %u: %.2f:1 < %.1f:1",
                        mode, worst_text, worst_band, worst_plate, AA_TEXT);

  check_gantt_categories (style, mode);
}

static void
test_contrast_light (void)
{
  WflChartStyle style;

  wfl_chart_style_init_light (&style);
  g_assert_false (style.dark);
  check_style (&style, "light");
  wfl_chart_style_clear (&style);
}

static void
test_contrast_dark (void)
{
  WflChartStyle style;

  wfl_chart_style_init_dark (&style);
  g_assert_true (style.dark);
  /* Dark really is dark: light text on a dark background. */
  g_assert_cmpfloat (luminance (&style.background), <, luminance (&style.foreground));
  check_style (&style, "dark");
  wfl_chart_style_clear (&style);
}

/* The check fails on a plate too thin to carry the text (what the
 * Sankey painted before: alpha 0.6). */
static void
test_contrast_thin_plate_fails (void)
{
  WflChartStyle style;

  wfl_chart_style_init_dark (&style);
  style.label_plate_alpha = 0.6;
  if (g_test_subprocess ())
    {
      check_style (&style, "dark");
      wfl_chart_style_clear (&style);
      return;
    }
  wfl_chart_style_clear (&style);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/render/contrast/formula", test_contrast_formula);
  g_test_add_func ("/wfl/render/contrast/light", test_contrast_light);
  g_test_add_func ("/wfl/render/contrast/dark", test_contrast_dark);
  g_test_add_func ("/wfl/render/contrast/thin-plate-fails", test_contrast_thin_plate_fails);

  return g_test_run ();
}
