/* wfl-timeseries-render.c: paints a time series chart onto any cairo_t
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Title and note at the top, the legend under them, then the plot: a
 * value axis from 0 at the left with round steps and grid lines, a time
 * axis of months, quarters or years (whichever fits) at the bottom.
 * Lines break where a week has no value.  The screen (with a rule at the
 * hovered week) and the exports paint through wfl_timeseries_render(). */

#define G_LOG_DOMAIN "wfl-timeseries"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "wfl-quantity.h"
#include "wfl-timeseries.h"
#include "wfl-chart-text-private.h"

#define MARGIN       12.0
#define GAP           6.0
#define SWATCH       18.0
#define LEGEND_GAP   16.0
#define TICK          4.0
#define POINT_RADIUS  3.0
#define MIN_TICK_GAP 36.0

/* Translated where they are drawn; the same messages as the Gantt's axis. */
static const char * const month_names[12] = {
  NC_("abbreviated month", "Jan"), NC_("abbreviated month", "Feb"),
  NC_("abbreviated month", "Mar"), NC_("abbreviated month", "Apr"),
  NC_("abbreviated month", "May"), NC_("abbreviated month", "Jun"),
  NC_("abbreviated month", "Jul"), NC_("abbreviated month", "Aug"),
  NC_("abbreviated month", "Sep"), NC_("abbreviated month", "Oct"),
  NC_("abbreviated month", "Nov"), NC_("abbreviated month", "Dec"),
};

typedef struct
{
  const WflTimeSeries *series;
  const WflChartStyle *style;
  cairo_t             *cr;
  PangoLayout         *text;
  PangoFontDescription *font;
  PangoFontDescription *bold;
  PangoFontDescription *small;
  /* The plot area and its scale. */
  double               left, right, top, bottom;
  double               y_max, y_step;
  double               legend_top;
} Painter;

static void
set_color (cairo_t       *cr,
           const WflRgba *c,
           double         alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

static const WflRgba *
line_color (const Painter           *p,
            const WflTimeSeriesLine *line)
{
  return line->color == G_MAXUINT ? &p->style->foreground
                                  : &p->style->categorical[line->color % WFL_CHART_N_CATEGORICAL];
}

static void
text_set (Painter                    *p,
          const PangoFontDescription *font,
          const char                 *text,
          double                      max_width,
          double                     *width,
          double                     *height)
{
  int w, h;

  pango_layout_set_font_description (p->text, font);
  pango_layout_set_text (p->text, text, -1);
  pango_layout_set_width (p->text, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (p->text, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_get_pixel_size (p->text, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static void
text_draw (Painter *p,
           double   x,
           double   y)
{
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, p->text);
}

static void
painter_begin (Painter             *p,
               const WflTimeSeries *series,
               const WflChartStyle *style,
               cairo_t             *cr)
{
  *p = (Painter) { series, style, cr, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, 0, 0 };
  p->text = pango_cairo_create_layout (cr);
  _wfl_chart_text_context (pango_layout_get_context (p->text));
  pango_layout_context_changed (p->text);
  p->font = _wfl_chart_font (style, 1.0, FALSE);
  p->bold = _wfl_chart_font (style, 1.2, TRUE);
  p->small = _wfl_chart_font (style, 0.9, FALSE);
}

static void
painter_end (Painter *p)
{
  g_clear_object (&p->text);
  g_clear_pointer (&p->font, pango_font_description_free);
  g_clear_pointer (&p->bold, pango_font_description_free);
  g_clear_pointer (&p->small, pango_font_description_free);
}

/* The largest value shown, and a round step of the value axis. */
static void
value_scale (Painter *p)
{
  const WflTimeSeries *s = p->series;
  double max = 0, raw, magnitude, step;

  for (guint i = 0; i < s->lines->len; i++)
    {
      const WflTimeSeriesLine *line = s->lines->pdata[i];

      for (int w = s->from_week; w <= s->to_week; w++)
        if (isfinite (line->values[w]))
          max = MAX (max, line->values[w]);
    }
  if (max <= 0)
    max = 1;
  raw = max / 5;
  magnitude = pow (10, floor (log10 (raw)));
  step = raw / magnitude <= 1 ? 1 : raw / magnitude <= 2 ? 2 : raw / magnitude <= 5 ? 5 : 10;
  p->y_step = MAX (step * magnitude, s->kind == WFL_TIMESERIES_LEAD_TIME ? 1 : 0);
  p->y_max = ceil (max / p->y_step - 1e-9) * p->y_step;
  if (p->y_max < max * 1.02)
    p->y_max += p->y_step;
}

static char *
value_text (const Painter *p,
            double         value)
{
  return wfl_quantity_format_number (value);
}

/* The value axis's name: its unit in the plural ("gpus"), or "weeks". */
static char *
axis_unit (const WflTimeSeries *s)
{
  if (s->kind == WFL_TIMESERIES_LEAD_TIME)
    return g_strdup (_("weeks"));
  return wfl_quantity_format_unit (s->unit, 2);
}

/* The legend's height at this width (drawing it when draw). */
static double
legend (Painter *p,
        double   x0,
        double   y0,
        double   width,
        gboolean draw)
{
  const WflTimeSeries *s = p->series;
  double x = x0, y = y0, row_h = 0;
  guint n = s->lines->len + (s->band_low >= 0 ? 1 : 0);

  for (guint i = 0; i < n; i++)
    {
      const WflTimeSeriesLine *line = i < s->lines->len ? s->lines->pdata[i] : NULL;
      const char *label = line != NULL ? line->label : s->band_label;
      double tw, th, item;

      text_set (p, p->font, label, 0, &tw, &th);
      item = SWATCH + GAP + tw;
      if (x > x0 && x + item > x0 + width)
        {
          x = x0;
          y += row_h + 4;
        }
      row_h = MAX (row_h, th);
      if (draw)
        {
          double cy = y + th / 2;

          if (line == NULL)
            {
              set_color (p->cr, line_color (p, s->lines->pdata[s->band_high]), 0.18);
              cairo_rectangle (p->cr, x, cy - 5, SWATCH, 10);
              cairo_fill (p->cr);
            }
          else if (line->style == WFL_TIMESERIES_LINE_POINTS)
            {
              set_color (p->cr, line_color (p, line), 1);
              cairo_arc (p->cr, x + SWATCH / 2, cy, POINT_RADIUS, 0, 2 * G_PI);
              cairo_fill (p->cr);
            }
          else
            {
              static const double dashes[] = { 5.0, 3.0 };

              set_color (p->cr, line_color (p, line), 1);
              cairo_set_line_width (p->cr, 2 * p->style->line_width);
              cairo_set_dash (p->cr, dashes, line->style == WFL_TIMESERIES_LINE_DASHED ? 2 : 0, 0);
              cairo_move_to (p->cr, x, cy);
              cairo_line_to (p->cr, x + SWATCH, cy);
              cairo_stroke (p->cr);
              cairo_set_dash (p->cr, NULL, 0, 0);
            }
          set_color (p->cr, &p->style->foreground, 1);
          text_set (p, p->font, label, 0, NULL, NULL);
          text_draw (p, x + SWATCH + GAP, y);
        }
      x += item + LEGEND_GAP;
    }
  return y + row_h - y0;
}

/* Places the plot inside width × height, below the title, the note and
 * the legend, right of the value labels, above the time labels. */
static void
frame (Painter *p,
       double   width,
       double   height,
       gboolean draw)
{
  const WflTimeSeries *s = p->series;
  g_autofree char *unit = axis_unit (s);
  double y = MARGIN, th, tw, label_w = 0, axis_h;

  text_set (p, p->bold, s->title, width - 2 * MARGIN, NULL, &th);
  if (draw)
    {
      set_color (p->cr, &p->style->foreground, 1);
      text_draw (p, MARGIN, y);
    }
  y += th + 2;
  if (s->note != NULL)
    {
      text_set (p, p->small, s->note, width - 2 * MARGIN, NULL, &th);
      if (draw)
        {
          set_color (p->cr, &p->style->dim_foreground, 1);
          text_draw (p, MARGIN, y);
        }
      y += th;
    }
  y += GAP;
  p->legend_top = y;
  y += legend (p, MARGIN, y, width - 2 * MARGIN, draw) + 2 * GAP;

  value_scale (p);
  for (double v = 0; v <= p->y_max + p->y_step / 2; v += p->y_step)
    {
      g_autofree char *text = value_text (p, v);

      text_set (p, p->small, text, 0, &tw, NULL);
      label_w = MAX (label_w, tw);
    }
  text_set (p, p->small, unit, 0, &tw, &th);
  label_w = MAX (label_w, tw);
  axis_h = th;
  /* The unit above the value labels. */
  p->top = y + th + GAP;
  p->left = MARGIN + label_w + GAP;
  p->right = MAX (p->left + 1, width - MARGIN);
  p->bottom = MAX (p->top + 1, height - MARGIN - axis_h - TICK - 2);
  if (draw)
    {
      set_color (p->cr, &p->style->dim_foreground, 1);
      text_set (p, p->small, unit, 0, NULL, NULL);
      text_draw (p, MARGIN, y);
    }
}

static double
x_of (const Painter *p,
      double         week)
{
  const WflTimeSeries *s = p->series;
  int span = s->to_week - s->from_week;

  if (span <= 0)
    return (p->left + p->right) / 2;
  return p->left + (week - s->from_week) / span * (p->right - p->left);
}

static double
y_of (const Painter *p,
      double         value)
{
  return p->bottom - value / p->y_max * (p->bottom - p->top);
}

static void
paint_value_axis (Painter *p)
{
  cairo_t *cr = p->cr;

  cairo_set_line_width (cr, 1);
  for (double v = 0; v <= p->y_max + p->y_step / 2; v += p->y_step)
    {
      g_autofree char *text = value_text (p, v);
      double y = round (y_of (p, v)) + 0.5, tw, th;

      set_color (cr, v == 0 ? &p->style->dim_foreground : &p->style->grid, 1);
      cairo_move_to (cr, p->left, y);
      cairo_line_to (cr, p->right, y);
      cairo_stroke (cr);
      text_set (p, p->small, text, 0, &tw, &th);
      set_color (cr, &p->style->dim_foreground, 1);
      text_draw (p, p->left - GAP - tw, y - th / 2);
    }
}

typedef enum { TICK_MONTH = 1, TICK_QUARTER = 3, TICK_YEAR = 12 } TickMonths;

static char *
tick_label (TickMonths months,
            int        year,
            int        month)
{
  if (months == TICK_YEAR)
    return g_strdup_printf ("%d", year);
  if (months == TICK_QUARTER)
    /* Translators: a quarter on the time axis, "Q1 2024" */
    return g_strdup_printf (_("Q%d %d"), (month - 1) / 3 + 1, year);
  return g_strdup_printf ("%s %d", g_dpgettext2 (GETTEXT_PACKAGE, "abbreviated month", month_names[month - 1]),
                          year);
}

/* The time axis: ticks at the first week of every month, quarter or year
 * (the finest whose labels fit), labelled after the tick. */
static void
paint_time_axis (Painter *p)
{
  const WflTimeSeries *s = p->series;
  cairo_t *cr = p->cr;
  static const TickMonths choices[] = { TICK_MONTH, TICK_QUARTER, TICK_YEAR };
  double pixels_per_week = (p->right - p->left) / MAX (s->to_week - s->from_week, 1);
  TickMonths months = TICK_YEAR;
  int y0, m0, d0;

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autofree char *sample = tick_label (choices[i], 2024, 12);
      double tw;

      text_set (p, p->small, sample, 0, &tw, NULL);
      if (pixels_per_week * 4.35 * choices[i] >= MAX (tw + 2 * GAP, MIN_TICK_GAP))
        {
          months = choices[i];
          break;
        }
    }

  wfl_date_to_ymd (wfl_date_of_week (s->start, s->from_week), &y0, &m0, &d0);
  m0 = ((m0 - 1) / months) * months + 1;
  cairo_set_line_width (cr, 1);
  for (int y = y0, m = m0, first = TRUE;; m += months, first = FALSE)
    {
      WflDate date;
      double x, week, tw, th;
      g_autofree char *label = NULL;

      if (m > 12)
        {
          m -= 12;
          y++;
        }
      date = wfl_date_from_ymd (y, m, 1);
      week = (double) ((gint64) date - (gint64) s->start) / 7.0;
      if (week > s->to_week + 1e-9)
        break;
      if (week < s->from_week - 1e-9)
        {
          /* The period the chart starts in: labelled at the left edge
           * when that leaves room before the next tick. */
          int ny = m + months > 12 ? y + 1 : y, nm = m + months > 12 ? m + months - 12 : m + months;
          double next = x_of (p, (double) ((gint64) wfl_date_from_ymd (ny, nm, 1) - (gint64) s->start) / 7.0);

          label = tick_label (months, y, m);
          text_set (p, p->small, label, 0, &tw, &th);
          if (first && p->left + 2 + tw + GAP < next)
            {
              set_color (cr, &p->style->dim_foreground, 1);
              text_draw (p, p->left + 2, p->bottom + TICK);
            }
          continue;
        }
      x = round (x_of (p, week)) + 0.5;
      set_color (cr, &p->style->grid, 1);
      cairo_move_to (cr, x, p->top);
      cairo_line_to (cr, x, p->bottom + TICK);
      cairo_stroke (cr);
      label = tick_label (months, y, m);
      text_set (p, p->small, label, 0, &tw, &th);
      if (x + 2 + tw <= p->right + MARGIN)
        {
          set_color (cr, &p->style->dim_foreground, 1);
          text_draw (p, x + 2, p->bottom + TICK);
        }
    }
}

static void
paint_band (Painter *p)
{
  const WflTimeSeries *s = p->series;
  const WflTimeSeriesLine *high, *low;
  cairo_t *cr = p->cr;

  if (s->band_low < 0 || s->band_high < 0)
    return;
  high = s->lines->pdata[s->band_high];
  low = s->lines->pdata[s->band_low];
  set_color (cr, line_color (p, high), 0.18);
  cairo_new_path (cr);
  for (int w = s->from_week; w <= s->to_week; w++)
    cairo_line_to (cr, x_of (p, w), y_of (p, isfinite (high->values[w]) ? high->values[w] : 0));
  for (int w = s->to_week; w >= s->from_week; w--)
    cairo_line_to (cr, x_of (p, w), y_of (p, isfinite (low->values[w]) ? low->values[w] : 0));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
paint_line (Painter                 *p,
            const WflTimeSeriesLine *line)
{
  const WflTimeSeries *s = p->series;
  cairo_t *cr = p->cr;
  static const double dashes[] = { 6.0, 4.0 };
  gboolean open = FALSE;

  set_color (cr, line_color (p, line), 1);
  if (line->style == WFL_TIMESERIES_LINE_POINTS)
    {
      for (int w = s->from_week; w <= s->to_week; w++)
        if (isfinite (line->values[w]))
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, x_of (p, w), y_of (p, line->values[w]), POINT_RADIUS, 0, 2 * G_PI);
          }
      cairo_fill (cr);
      return;
    }
  cairo_set_line_width (cr, 2 * p->style->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash (cr, dashes, line->style == WFL_TIMESERIES_LINE_DASHED ? 2 : 0, 0);
  for (int w = s->from_week; w <= s->to_week; w++)
    {
      if (!isfinite (line->values[w]))
        {
          open = FALSE;
          continue;
        }
      if (!open)
        {
          cairo_move_to (cr, x_of (p, w), y_of (p, line->values[w]));
          /* A lone week between gaps: a short mark, not nothing. */
          cairo_line_to (cr, x_of (p, w) + 0.01, y_of (p, line->values[w]));
        }
      else
        cairo_line_to (cr, x_of (p, w), y_of (p, line->values[w]));
      open = TRUE;
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, NULL, 0, 0);
}

static char *
hover_value (const WflTimeSeries *s,
             double               value)
{
  if (!isfinite (value))
    /* Translators: a week without a value in the time series' tooltip */
    return g_strdup (_("none"));
  if (s->kind == WFL_TIMESERIES_LEAD_TIME)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week", "%d weeks", (gulong) value), (int) value);
  return wfl_quantity_format (value, s->unit);
}

/* A rule at the week and a box with its date and values. */
static void
paint_hover (Painter *p,
             int      week)
{
  const WflTimeSeries *s = p->series;
  cairo_t *cr = p->cr;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = wfl_date_format (wfl_date_of_week (s->start, week));
  double x = round (x_of (p, week)) + 0.5, tw, th, bx;

  if (week < s->from_week || week > s->to_week)
    return;
  set_color (cr, &p->style->accent, 1);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x, p->top);
  cairo_line_to (cr, x, p->bottom);
  cairo_stroke (cr);
  /* Translators: the first line of the time series' hover box: a week's first day */
  g_string_append_printf (text, _("Week of %s"), date);
  for (guint i = 0; i < s->lines->len; i++)
    {
      const WflTimeSeriesLine *line = s->lines->pdata[i];
      g_autofree char *value = hover_value (s, line->values[week]);

      g_string_append_printf (text, "\n%s: %s", line->label, value);
    }
  text_set (p, p->small, text->str, 0, &tw, &th);
  bx = x + 8 + tw + 8 <= p->right ? x + 8 : x - 8 - tw - 8;
  set_color (cr, &p->style->background, 0.92);
  cairo_rectangle (cr, bx, p->top + 4, tw + 8, th + 6);
  cairo_fill_preserve (cr);
  set_color (cr, &p->style->grid, 1);
  cairo_stroke (cr);
  set_color (cr, &p->style->foreground, 1);
  text_draw (p, bx + 4, p->top + 7);
}

void
wfl_timeseries_render (const WflTimeSeries *self,
                       cairo_t             *cr,
                       double               width,
                       double               height,
                       const WflChartStyle *style,
                       int                  hover_week)
{
  Painter p;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  cairo_save (cr);
  set_color (cr, &style->background, 1);
  cairo_paint (cr);
  painter_begin (&p, self, style, cr);
  frame (&p, width, height, TRUE);
  if (self->n_weeks > 0)
    {
      paint_value_axis (&p);
      paint_time_axis (&p);
      paint_band (&p);
      for (guint i = 0; i < self->lines->len; i++)
        paint_line (&p, self->lines->pdata[i]);
      if (hover_week >= 0)
        paint_hover (&p, hover_week);
    }
  painter_end (&p);
  cairo_restore (cr);
}

int
wfl_timeseries_week_at (const WflTimeSeries *self,
                        const WflChartStyle *style,
                        double               width,
                        double               height,
                        double               x)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  Painter p;
  int week = -1;

  g_return_val_if_fail (self != NULL, -1);

  painter_begin (&p, self, style, cr);
  frame (&p, width, height, FALSE);
  if (x >= p.left - 4 && x <= p.right + 4 && self->n_weeks > 0)
    {
      double span = MAX (self->to_week - self->from_week, 0);

      week = self->from_week + (int) round (span > 0 ? (x - p.left) / (p.right - p.left) * span : 0);
      week = CLAMP (week, self->from_week, self->to_week);
    }
  painter_end (&p);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return week;
}

typedef struct
{
  const WflTimeSeries *series;
  const WflChartStyle *style;
} ExportPaint;

static void
export_paint_cb (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  ExportPaint *data = user_data;

  wfl_timeseries_render (data->series, cr, width, height, data->style, -1);
}

gboolean
wfl_timeseries_export (const WflTimeSeries *self,
                       const WflChartStyle *style,
                       double               width,
                       double               height,
                       double               scale,
                       WflExportFormat      format,
                       GFile               *file,
                       GError             **error)
{
  WflChartStyle light;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (format == WFL_EXPORT_FORMAT_JSON)
    {
      gsize length;
      char *text = wfl_timeseries_to_json (self, &length);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, length);

      return wfl_export_write_bytes (file, bytes, error);
    }
  wfl_chart_style_init_light (&light);
  {
    ExportPaint data = { self, style != NULL ? style : &light };

    ok = wfl_export_paint (format, file, width, height, scale > 0 ? scale : 1, export_paint_cb, &data, error);
  }
  wfl_chart_style_clear (&light);
  return ok;
}
