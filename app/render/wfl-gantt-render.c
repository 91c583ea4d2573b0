/* wfl-gantt-render.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-gantt-render"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wfl-gantt-render.h"
#include "wfl-chart-text-private.h"

#define TEXT_PADDING   12.0
#define BAR_RADIUS     3.0
#define HATCH_SPACING  5.0

typedef struct
{
  const WflGanttLayout *layout;
  const WflChartStyle  *style;
  cairo_t              *cr;
  PangoLayout          *text;
  PangoFontDescription *font;
  PangoFontDescription *bold;
  PangoFontDescription *small;
  gboolean              has_critical;
} Painter;

/* ---- Colours and text ------------------------------------------------- */

static void
set_color (cairo_t       *cr,
           const WflRgba *c,
           double         alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

static WflRgba
mix (const WflRgba *a,
     const WflRgba *b,
     double         t)
{
  WflRgba out = { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t,
                  a->b + (b->b - a->b) * t, 1.0 };

  return out;
}

static const WflRgba *
stage_color (const Painter *p,
             guint          color)
{
  return &p->style->categorical[color % WFL_CHART_N_CATEGORICAL];
}

/* Lays out text in font; returns its logical size. */
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
  if (max_width > 0)
    {
      pango_layout_set_width (p->text, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (p->text, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (p->text, -1);
      pango_layout_set_ellipsize (p->text, PANGO_ELLIPSIZE_NONE);
    }
  pango_layout_get_pixel_size (p->text, &w, &h);
  if (width)
    *width = w;
  if (height)
    *height = h;
}

/* Draws text (set by text_set) with its left edge at x, centred on cy. */
static void
text_show (Painter *p,
           double   x,
           double   cy,
           double   height)
{
  cairo_move_to (p->cr, x, round (cy - height / 2));
  pango_cairo_show_layout (p->cr, p->text);
}

/* ---- Shapes ------------------------------------------------------------ */

static void
rounded_rect (cairo_t *cr,
              double   x0,
              double   y0,
              double   x1,
              double   y1,
              double   r)
{
  r = MIN (r, MIN ((x1 - x0) / 2, (y1 - y0) / 2));
  if (r <= 0.1)
    {
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x1 - r, y0 + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x1 - r, y1 - r, r, 0, G_PI / 2);
  cairo_arc (cr, x0 + r, y1 - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x0 + r, y0 + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
diamond (cairo_t *cr,
         double   x,
         double   y,
         double   s)
{
  cairo_move_to (cr, x, y - s);
  cairo_line_to (cr, x + s, y);
  cairo_line_to (cr, x, y + s);
  cairo_line_to (cr, x - s, y);
  cairo_close_path (cr);
}

/* Diagonal hatching inside the current clip. */
static void
hatch (cairo_t *cr,
       double   x0,
       double   y0,
       double   x1,
       double   y1,
       gboolean forward)
{
  double h = y1 - y0;

  for (double x = x0 - h; x < x1 + h; x += HATCH_SPACING)
    {
      if (forward)
        {
          cairo_move_to (cr, x, y1);
          cairo_line_to (cr, x + h, y0);
        }
      else
        {
          cairo_move_to (cr, x, y0);
          cairo_line_to (cr, x + h, y1);
        }
    }
}

/* A grid of dots inside the current clip. */
static void
dots (cairo_t *cr,
      double   x0,
      double   y0,
      double   x1,
      double   y1)
{
  int i = 0;

  for (double y = y0 + 2.5; y < y1 - 1; y += 3.5, i++)
    for (double x = x0 + (i % 2 ? 4.5 : 2.5); x < x1 - 1; x += 4)
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, x, y, 0.9, 0, 2 * G_PI);
      }
}

/* ---- Parts of the chart ------------------------------------------------ */

/* Whether the rows are grouped under headers (wfl-gantt-groups.c). */
static gboolean
chart_grouped (const WflGanttChart *chart)
{
  for (guint r = 0; r < chart->rows->len; r++)
    if (((const WflGanttRow *) g_ptr_array_index (chart->rows, r))->header)
      return TRUE;
  return FALSE;
}

static void
paint_rows_background (Painter                   *p,
                       const WflGanttRenderState *state)
{
  const WflGanttLayout *l = p->layout;
  cairo_t *cr = p->cr;
  gboolean grouped = chart_grouped (l->chart);

  for (guint r = 0; r < l->rows->len; r++)
    {
      const WflGanttRowBox *box = &g_array_index (l->rows, WflGanttRowBox, r);
      const WflGanttRow *row = g_ptr_array_index (l->chart->rows, r);
      double alpha = 0;
      const WflRgba *color = &p->style->foreground;

      if (box->y1 < l->body.y0 || box->y0 > l->body.y1)
        continue;

      if (state && state->selection.kind != WFL_GANTT_HIT_NONE && state->selection.row == (int) r)
        color = &p->style->accent, alpha = p->style->selection_alpha;
      else if (state && state->hover.kind != WFL_GANTT_HIT_NONE && state->hover.row == (int) r)
        color = &p->style->accent, alpha = 0.08;
      else if (row->header)
        alpha = p->style->dark ? 0.08 : 0.06;
      else if (r % 2 == 1)
        alpha = p->style->dark ? 0.035 : 0.025;

      if (alpha > 0)
        {
          set_color (cr, color, alpha);
          cairo_rectangle (cr, 0, box->y0, l->width, box->y1 - box->y0);
          cairo_fill (cr);
        }

      /* The selected row also gets a stripe at its start.  Late rows
       * are not tinted: on a stressed scenario most are, and the tint
       * drowned the bars; their label, underline and note are red. */
      if (state && state->selection.kind != WFL_GANTT_HIT_NONE && state->selection.row == (int) r)
        {
          set_color (cr, &p->style->accent, 1.0);
          cairo_rectangle (cr, 0, box->y0, 3, box->y1 - box->y0);
          cairo_fill (cr);
        }

      /* A line between groups (a customer's orders, a company's stages). */
      if (r > 0)
        {
          const WflGanttRow *prev = g_ptr_array_index (l->chart->rows, r - 1);

          if ((grouped ? row->header : row->group != NULL && g_strcmp0 (prev->group, row->group) != 0) &&
              l->chart->mode == WFL_GANTT_MODE_ORDERS)
            {
              set_color (cr, &p->style->grid, 2.0);
              cairo_rectangle (cr, 0, box->y0, l->width, 1);
              cairo_fill (cr);
            }
        }
    }
}

/* The right end of the time range in view: the body may reach further
 * (room for "6 wk late" notes), but periods past the range stay blank. */
static double
range_x1 (const WflGanttLayout *l)
{
  return MIN (l->body.x1, ceil (wfl_gantt_layout_x_of_week (l, l->to)) + 1);
}

static void
paint_gridlines (Painter *p)
{
  const WflGanttLayout *l = p->layout;
  cairo_t *cr = p->cr;

  cairo_save (cr);
  cairo_rectangle (cr, l->body.x0, l->header.y0, range_x1 (l) - l->body.x0, l->body.y1 - l->header.y0);
  cairo_clip (cr);

  /* Minor lines from the lower tier down; major lines through both tiers. */
  set_color (cr, &p->style->grid, 0.55);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < l->minor->len; i++)
    {
      const WflGanttCell *c = &g_array_index (l->minor, WflGanttCell, i);
      double x = floor (c->x0) + 0.5;

      cairo_move_to (cr, x, l->header.y0 + l->tier_height);
      cairo_line_to (cr, x, l->body.y1);
    }
  cairo_stroke (cr);

  set_color (cr, &p->style->grid, 1.3);
  for (guint i = 0; i < l->major->len; i++)
    {
      const WflGanttCell *c = &g_array_index (l->major, WflGanttCell, i);
      double x = floor (c->x0) + 0.5;

      cairo_move_to (cr, x, l->header.y0);
      cairo_line_to (cr, x, l->body.y1);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The as-of tag on the lower header tier: its text and extent; FALSE
 * when the as-of line is not in view. */
static gboolean
as_of_tag (Painter *p,
           double  *x0,
           double  *x1,
           double  *height)
{
  const WflGanttLayout *l = p->layout;
  g_autofree char *date = NULL;
  double x = l->as_of_x, tw;

  if (!isfinite (x) || x < l->body.x0 || x > l->body.x1)
    return FALSE;
  date = wfl_date_format (wfl_gantt_chart_date_of_week (l->chart, l->chart->as_of));
  text_set (p, p->small, date, 0, &tw, height);
  *x0 = CLAMP (floor (x) + 0.5 - tw / 2 - 5, l->header.x0, l->header.x1 - tw - 10);
  *x1 = *x0 + tw + 10;
  return TRUE;
}

static void
paint_header (Painter *p)
{
  const WflGanttLayout *l = p->layout;
  cairo_t *cr = p->cr;
  double th = l->tier_height;
  double tw, h, tag_x0 = 0, tag_x1 = 0;

  if (!as_of_tag (p, &tag_x0, &tag_x1, &h))
    tag_x0 = tag_x1 = 0;

  /* Header band, separated from the body by a rule. */
  set_color (cr, &p->style->foreground, p->style->dark ? 0.06 : 0.035);
  cairo_rectangle (cr, 0, 0, l->width, l->header.y1);
  cairo_fill (cr);
  set_color (cr, &p->style->grid, 1.0);
  cairo_rectangle (cr, l->header.x0, th, l->header.x1 - l->header.x0, 1);
  cairo_fill (cr);
  set_color (cr, &p->style->grid, 1.6);
  cairo_rectangle (cr, 0, l->header.y1 - 1, l->width, 1);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_rectangle (cr, l->header.x0, l->header.y0, range_x1 (l) - l->header.x0, l->header.y1 - l->header.y0);
  cairo_clip (cr);

  /* Upper tier: labels stick to the left edge while their period shows. */
  for (guint i = 0; i < l->major->len; i++)
    {
      const WflGanttCell *c = &g_array_index (l->major, WflGanttCell, i);
      double x = MAX (c->x0, l->body.x0) + 6;

      double vis0 = MAX (c->x0, l->body.x0), vis1 = MIN (c->x1, range_x1 (l));

      text_set (p, p->bold, c->label, 0, &tw, &h);
      /* Slide back left into the cell if the sticky position overflows;
       * skip the label when the visible part of its period is too short. */
      if (x + tw > vis1 - 4)
        x = vis1 - 4 - tw;
      if (x < vis0 + 2)
        continue;
      set_color (cr, &p->style->foreground, 1.0);
      text_show (p, x, th / 2, h);
    }

  /* Lower tier: centred in each period when it fits entirely in view
   * and clear of the as-of tag. */
  for (guint i = 0; i < l->minor->len; i++)
    {
      const WflGanttCell *c = &g_array_index (l->minor, WflGanttCell, i);
      double x;

      text_set (p, p->small, c->label, 0, &tw, &h);
      x = round ((c->x0 + c->x1 - tw) / 2);
      if (tw > c->x1 - c->x0 - 4 || x < l->body.x0 + 1 || x + tw > range_x1 (l) - 1)
        continue;
      if (tag_x1 > tag_x0 && x < tag_x1 + 2 && x + tw > tag_x0 - 2)
        continue;
      set_color (cr, &p->style->dim_foreground, 1.0);
      text_show (p, x, th + th / 2, h);
    }
  cairo_restore (cr);
}

/* A group header's disclosure triangle, centred on (cx, cy). */
static void
paint_disclosure (Painter  *p,
                  double    cx,
                  double    cy,
                  gboolean  collapsed)
{
  cairo_t *cr = p->cr;

  cairo_new_path (cr);
  if (collapsed)
    {
      cairo_move_to (cr, cx - 3, cy - 5);
      cairo_line_to (cr, cx + 4, cy);
      cairo_line_to (cr, cx - 3, cy + 5);
    }
  else
    {
      cairo_move_to (cr, cx - 5, cy - 3);
      cairo_line_to (cr, cx + 5, cy - 3);
      cairo_line_to (cr, cx, cy + 4);
    }
  cairo_close_path (cr);
  set_color (cr, &p->style->foreground, 0.8);
  cairo_fill (cr);
}

static void
paint_labels (Painter                   *p,
              const WflGanttRenderState *state)
{
  const WflGanttLayout *l = p->layout;
  cairo_t *cr = p->cr;
  double avail = l->labels.x1 - l->labels.x0 - 2 * TEXT_PADDING;
  gboolean grouped = chart_grouped (l->chart);

  cairo_save (cr);
  cairo_rectangle (cr, l->labels.x0, l->labels.y0, l->labels.x1 - l->labels.x0, l->labels.y1 - l->labels.y0);
  cairo_clip (cr);

  for (guint r = 0; r < l->rows->len; r++)
    {
      const WflGanttRowBox *box = &g_array_index (l->rows, WflGanttRowBox, r);
      const WflGanttRow *row = g_ptr_array_index (l->chart->rows, r);
      double cy = (box->y0 + box->y1) / 2;
      double gw = 0, tw, h, label_avail = avail, label_x = l->label_x;
      const WflRgba *color = &p->style->foreground;

      if (box->y1 <= l->labels.y0 || box->y0 > l->labels.y1)
        continue;

      if (l->group_width > 0)
        {
          /* The customer once per block of rows, and on the top row in
           * view so that a scrolled block still says whose it is. */
          const WflGanttRow *prev = r > 0 ? g_ptr_array_index (l->chart->rows, r - 1) : NULL;

          if (row->group != NULL &&
              (prev == NULL || g_strcmp0 (prev->group, row->group) != 0 || box->y0 < l->labels.y0))
            {
              text_set (p, p->bold, row->group, l->group_width, &gw, &h);
              set_color (cr, &p->style->foreground, 1.0);
              text_show (p, l->labels.x0 + TEXT_PADDING, cy, h);
            }
          label_avail = l->labels.x1 - TEXT_PADDING - l->label_x;
        }
      else if (row->group != NULL && *row->group != '\0' && !grouped)
        {
          text_set (p, p->small, row->group, avail / 2, &gw, &h);
          set_color (cr, &p->style->dim_foreground, 1.0);
          text_show (p, l->labels.x1 - TEXT_PADDING - gw, cy, h);
          label_avail = avail - gw - 8;
        }

      /* The selected row shows by its accent tint; its label stays in the
       * text colour, which keeps AA contrast on the tint where the accent
       * colour does not (3.7:1 in light mode). */
      if (row->late)
        color = &p->style->late;

      if (grouped)
        {
          /* A header's triangle points right when its group is
           * collapsed, down when open; its name and its orders' labels
           * start after it. */
          if (row->header)
            paint_disclosure (p, l->label_x + WFL_GANTT_GROUP_INDENT / 2 - 2, cy, row->collapsed);
          label_x += WFL_GANTT_GROUP_INDENT;
          label_avail -= WFL_GANTT_GROUP_INDENT;
        }
      text_set (p, (row->critical && p->has_critical) || row->header ? p->bold : p->font, row->label,
                MAX (label_avail, 8), &tw, &h);
      set_color (cr, color, 1.0);
      text_show (p, label_x, cy, h);
    }
  cairo_restore (cr);

  /* The rule between labels and bars. */
  set_color (cr, &p->style->grid, 1.6);
  cairo_rectangle (cr, l->labels.x1 - 1, 0, 1, l->labels.y1);
  cairo_fill (cr);
}

/* A milestone: a diamond in the stage's colour. */
static void
paint_milestone (Painter            *p,
                 const WflGanttBar  *bar,
                 const WflGanttRect *r,
                 const WflRgba      *fill,
                 gboolean            emphasised)
{
  const WflChartStyle *style = p->style;
  cairo_t *cr = p->cr;
  double cy = (r->y0 + r->y1) / 2;
  double s = (r->y1 - r->y0) / 2 + 1;

  diamond (cr, r->x0, cy, s);
  set_color (cr, fill, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, bar->critical ? 2 : 1);
  set_color (cr, bar->critical ? &style->bottleneck : &style->foreground, bar->critical ? 1.0 : 0.5);
  cairo_stroke (cr);
  if (emphasised)
    {
      diamond (cr, r->x0, cy, s + 3);
      cairo_set_line_width (cr, 2);
      set_color (cr, &style->accent, 1.0);
      cairo_stroke (cr);
    }
}

/* Units the order got from stock already made when it was placed: a
 * small square (a crate) in the stock colour at the placed week. */
static void
paint_stock_milestone (Painter            *p,
                       const WflGanttRect *r,
                       gboolean            emphasised)
{
  const WflChartStyle *style = p->style;
  cairo_t *cr = p->cr;
  double cy = (r->y0 + r->y1) / 2;
  double s = floor ((r->y1 - r->y0) * 0.38) + 0.5;

  cairo_rectangle (cr, round (r->x0) - s, round (cy) - s, 2 * s, 2 * s);
  set_color (cr, &style->stock, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1);
  set_color (cr, &style->foreground, 0.6);
  cairo_stroke (cr);
  if (emphasised)
    {
      cairo_rectangle (cr, round (r->x0) - s - 3, round (cy) - s - 3, 2 * s + 6, 2 * s + 6);
      cairo_set_line_width (cr, 2);
      set_color (cr, &style->accent, 1.0);
      cairo_stroke (cr);
    }
}

/* Waiting for its turn: a pale band with dots and a solid edge. */
static void
paint_allocation_band (Painter            *p,
                       const WflGanttRect *r)
{
  const WflChartStyle *style = p->style;
  cairo_t *cr = p->cr;

  cairo_save (cr);
  rounded_rect (cr, r->x0, r->y0, r->x1, r->y1, BAR_RADIUS);
  cairo_clip_preserve (cr);
  set_color (cr, &style->allocation, 0.14);
  cairo_fill (cr);
  dots (cr, r->x0, r->y0, r->x1, r->y1);
  set_color (cr, &style->allocation, 0.8);
  cairo_fill (cr);
  cairo_restore (cr);
  rounded_rect (cr, r->x0 + 0.5, r->y0 + 0.5, r->x1 - 0.5, r->y1 - 0.5, BAR_RADIUS);
  cairo_set_line_width (cr, 1);
  set_color (cr, &style->allocation, 1.0);
  cairo_stroke (cr);
}

/* Made before the order: solid, with notches along both edges like
 * stacked crates (the middle stays clear for the duration). */
static void
paint_stock_bar (Painter            *p,
                 const WflGanttRect *r)
{
  const WflChartStyle *style = p->style;
  cairo_t *cr = p->cr;
  double notch = MIN (3, (r->y1 - r->y0) / 4);

  rounded_rect (cr, r->x0, r->y0, r->x1, r->y1, BAR_RADIUS);
  set_color (cr, &style->stock, 1.0);
  cairo_fill (cr);
  cairo_save (cr);
  rounded_rect (cr, r->x0, r->y0, r->x1, r->y1, BAR_RADIUS);
  cairo_clip (cr);
  for (double x = r->x0 + 5; x < r->x1 - 2; x += 5)
    {
      cairo_rectangle (cr, floor (x), r->y0, 1.2, notch);
      cairo_rectangle (cr, floor (x), r->y1 - notch, 1.2, notch);
    }
  set_color (cr, &style->background, 0.6);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* The duration inside a bar (of fill) when it fits. */
static void
paint_duration (Painter              *p,
                const WflGanttRowBox *box,
                guint                 index,
                const WflGanttBar    *bar,
                const WflGanttRect   *r,
                const WflRgba        *fill)
{
  const WflChartStyle *style = p->style;
  cairo_t *cr = p->cr;
  double cy = (r->y0 + r->y1) / 2;
  g_autofree char *text = NULL;
  double weeks = bar->end - bar->start;
  double tw, h, x = 0;

  if (fabs (weeks - round (weeks)) < 0.05)
    /* Translators: a duration in weeks, as short as possible. */
    text = g_strdup_printf (_("%d wk"), (int) round (weeks));
  else
    text = g_strdup_printf (_("%.1f wk"), weeks);
  text_set (p, p->small, text, 0, &tw, &h);
  if (box != NULL ? wfl_gantt_layout_duration_x (p->layout, box, index, tw, &x) : tw + 8 <= r->x1 - r->x0)
    {
      /* On the pale bars the text colour, on the solid ones whichever of
       * near-black and white stands out more (WCAG contrast). */
      WflRgba ink = wfl_chart_style_ink_on (fill);

      if (bar->kind == WFL_GANTT_BAR_TRANSIT || bar->kind == WFL_GANTT_BAR_ALLOCATION)
        ink = style->foreground;
      set_color (cr, &ink, 0.92);
      text_show (p, box != NULL ? x : round ((r->x0 + r->x1 - tw) / 2), cy, h);
    }
}

static void
paint_bar (Painter              *p,
           const WflGanttRow    *row,
           const WflGanttRowBox *box,     /* NULL in the legend */
           guint                 index,
           const WflGanttBar    *bar,
           const WflGanttBarBox *bb,
           gboolean              hovered,
           gboolean              selected)
{
  const WflGanttLayout *l = p->layout;
  const WflChartStyle *style = p->style;
  cairo_t *cr = p->cr;
  const WflGanttRect *r = &bb->rect;
  const WflRgba *base = stage_color (p, bar->color);
  WflRgba fill = *base;

  /* Off the critical path, bars recede a little towards the background. */
  if (p->has_critical && !bar->critical)
    fill = mix (base, &style->background, style->dark ? 0.3 : 0.45);

  /* Slack: a thin whisker under the bar to the latest finish. */
  if (bb->slack_x1 > r->x1 + 1)
    {
      double wy = floor (r->y1) + 2.5;

      set_color (cr, &style->dim_foreground, 0.7);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, r->x1, wy);
      cairo_line_to (cr, bb->slack_x1, wy);
      cairo_move_to (cr, floor (bb->slack_x1) + 0.5, wy - 3);
      cairo_line_to (cr, floor (bb->slack_x1) + 0.5, wy + 1);
      cairo_stroke (cr);
    }

  if (r->x1 - r->x0 < 0.5 && bar->kind == WFL_GANTT_BAR_STOCK)
    {
      paint_stock_milestone (p, r, hovered || selected);
      return;
    }
  if (r->x1 - r->x0 < 0.5)
    {
      paint_milestone (p, bar, r, &fill, hovered || selected);
      return;
    }

  switch (bar->kind)
    {
    case WFL_GANTT_BAR_WAIT:
    case WFL_GANTT_BAR_QUEUE:
      /* Waiting: a pale, hatched band that reads as "nothing happens". */
      cairo_save (cr);
      rounded_rect (cr, r->x0, r->y0, r->x1, r->y1, BAR_RADIUS);
      cairo_clip_preserve (cr);
      set_color (cr, &style->wait, 0.18);
      cairo_fill (cr);
      hatch (cr, r->x0, r->y0, r->x1, r->y1, bar->kind == WFL_GANTT_BAR_WAIT);
      cairo_set_line_width (cr, 1.2);
      set_color (cr, &style->wait, 0.9);
      cairo_stroke (cr);
      cairo_restore (cr);
      rounded_rect (cr, r->x0 + 0.5, r->y0 + 0.5, r->x1 - 0.5, r->y1 - 0.5, BAR_RADIUS);
      cairo_set_line_width (cr, 1);
      set_color (cr, &style->wait, 0.9);
      cairo_stroke (cr);
      break;

    case WFL_GANTT_BAR_ALLOCATION:
      paint_allocation_band (p, r);
      fill = mix (&style->allocation, &style->background, 0.86);
      break;

    case WFL_GANTT_BAR_STOCK:
      paint_stock_bar (p, r);
      fill = style->stock;
      break;

    case WFL_GANTT_BAR_TRANSIT:
      /* Shipping: the sender's colour, washed out, with a dashed edge. */
      rounded_rect (cr, r->x0, r->y0, r->x1, r->y1, BAR_RADIUS);
      set_color (cr, &fill, 0.3);
      cairo_fill (cr);
      {
        static const double dashes[] = { 4.0, 3.0 };

        rounded_rect (cr, r->x0 + 0.75, r->y0 + 0.75, r->x1 - 0.75, r->y1 - 0.75, BAR_RADIUS);
        cairo_set_dash (cr, dashes, 2, 0);
        cairo_set_line_width (cr, 1.5);
        set_color (cr, bar->critical ? &style->bottleneck : base, 1.0);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
      }
      break;

    case WFL_GANTT_BAR_WORK:
    default:
      rounded_rect (cr, r->x0, r->y0, r->x1, r->y1, BAR_RADIUS);
      set_color (cr, &fill, 1.0);
      cairo_fill (cr);
      if (bar->critical)
        {
          rounded_rect (cr, r->x0 + 1, r->y0 + 1, r->x1 - 1, r->y1 - 1, BAR_RADIUS - 1);
          cairo_set_line_width (cr, 2);
          set_color (cr, &style->bottleneck, 1.0);
          cairo_stroke (cr);
        }
      else
        {
          /* A hairline of the darker stage colour keeps pale stages
           * (yellow, sky blue) visible on a light background. */
          WflRgba edge = mix (base, &style->foreground, 0.3);

          rounded_rect (cr, r->x0 + 0.5, r->y0 + 0.5, r->x1 - 0.5, r->y1 - 0.5, BAR_RADIUS);
          cairo_set_line_width (cr, 1);
          set_color (cr, &edge, 0.45);
          cairo_stroke (cr);
        }
      break;
    }

  /* The duration inside the bar when it fits. */
  if (bar->kind != WFL_GANTT_BAR_WAIT && bar->kind != WFL_GANTT_BAR_QUEUE)
    paint_duration (p, box, index, bar, r, &fill);

  if (hovered || selected)
    {
      rounded_rect (cr, r->x0 - 2, r->y0 - 2, r->x1 + 2, r->y1 + 2, BAR_RADIUS + 2);
      cairo_set_line_width (cr, selected ? 2.5 : 1.5);
      set_color (cr, &style->accent, 1.0);
      cairo_stroke (cr);
    }

  (void) l;
  (void) row;
}

static void
paint_marker (Painter                 *p,
              const WflGanttRow       *row,
              const WflGanttMarker    *m,
              const WflGanttMarkerBox *mb,
              gboolean                 highlighted)
{
  const WflChartStyle *style = p->style;
  cairo_t *cr = p->cr;
  double s = mb->size;
  const WflRgba *ink = row->late && m->kind != WFL_GANTT_MARKER_PLACED ? &style->late : &style->foreground;

  switch (m->kind)
    {
    case WFL_GANTT_MARKER_PLACED:
      /* A triangle pointing down onto the bars at the day the order was
       * placed (mb->y is the tip). */
      cairo_move_to (cr, mb->x - s * 0.8, mb->y - s * 1.1);
      cairo_line_to (cr, mb->x + s * 0.8, mb->y - s * 1.1);
      cairo_line_to (cr, mb->x, mb->y);
      cairo_close_path (cr);
      set_color (cr, ink, 0.85);
      cairo_fill_preserve (cr);
      set_color (cr, &style->background, 1.0);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      break;

    case WFL_GANTT_MARKER_DUE:
      /* An open diamond: the promise. */
      diamond (cr, mb->x, mb->y, s);
      set_color (cr, &style->background, 1.0);
      cairo_fill_preserve (cr);
      set_color (cr, ink, 1.0);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      break;

    case WFL_GANTT_MARKER_FILLED:
    default:
      /* A solid diamond: delivered. */
      diamond (cr, mb->x, mb->y, s);
      set_color (cr, ink, 1.0);
      cairo_fill_preserve (cr);
      set_color (cr, &style->background, 1.0);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      break;
    }

  if (highlighted)
    {
      diamond (cr, mb->x, mb->y, s + 4);
      set_color (cr, &style->accent, 1.0);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
}

/* A late order: the overrun from due to filled, underlined in the late colour. */
/* The Monte Carlo whisker under an order's bars: P10 … P90 of its filled
 * week (the start of each week, like the filled marker), ticks at both
 * ends and a taller one at P50; an open end (an arrow to the chart's
 * edge) when P90 never filled. */
static void
paint_whisker (Painter              *p,
               const WflGanttRow    *row,
               const WflGanttRowBox *box)
{
  const WflGanttLayout *l = p->layout;
  cairo_t *cr = p->cr;
  double y = (box->y0 + box->y1) / 2 + l->bar_height / 2 + 5.5;
  double x10, x50, x90;

  if (!isfinite (row->whisker[0]))
    return;
  x10 = wfl_gantt_layout_x_of_week (l, row->whisker[0]);
  x50 = isfinite (row->whisker[1]) ? wfl_gantt_layout_x_of_week (l, row->whisker[1]) : NAN;
  x90 = isfinite (row->whisker[2]) ? wfl_gantt_layout_x_of_week (l, row->whisker[2]) : l->body.x1;
  cairo_save (cr);
  set_color (cr, &p->style->foreground, 0.85);
  cairo_set_line_width (cr, 1.25);
  cairo_move_to (cr, x10, y);
  cairo_line_to (cr, x90, y);
  cairo_move_to (cr, x10, y - 3);
  cairo_line_to (cr, x10, y + 3);
  if (isfinite (row->whisker[2]))
    {
      cairo_move_to (cr, x90, y - 3);
      cairo_line_to (cr, x90, y + 3);
    }
  else
    {
      cairo_move_to (cr, x90 - 5, y - 3);
      cairo_line_to (cr, x90, y);
      cairo_line_to (cr, x90 - 5, y + 3);
    }
  cairo_stroke (cr);
  if (isfinite (x50))
    {
      cairo_set_line_width (cr, 2.5);
      cairo_move_to (cr, x50, y - 4.5);
      cairo_line_to (cr, x50, y + 4.5);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
paint_lateness (Painter              *p,
                const WflGanttRow    *row,
                const WflGanttRowBox *box)
{
  const WflGanttLayout *l = p->layout;
  cairo_t *cr = p->cr;
  double due_x = NAN, filled_x = NAN, last_x = -INFINITY;
  double cy = (box->y0 + box->y1) / 2;

  for (guint i = 0; i < row->markers->len; i++)
    {
      const WflGanttMarker *m = &g_array_index (row->markers, WflGanttMarker, i);
      const WflGanttMarkerBox *mb = &g_array_index (box->markers, WflGanttMarkerBox, i);

      if (m->kind == WFL_GANTT_MARKER_DUE)
        due_x = mb->x;
      else if (m->kind == WFL_GANTT_MARKER_FILLED)
        filled_x = mb->x;
    }
  for (guint i = 0; i < box->bars->len; i++)
    last_x = MAX (last_x, g_array_index (box->bars, WflGanttBarBox, i).rect.x1);

  if (isfinite (due_x))
    {
      double end_x = isfinite (filled_x) ? filled_x : MAX (last_x, l->body.x1);

      if (end_x > due_x)
        {
          set_color (cr, &p->style->late, 0.9);
          cairo_rectangle (cr, due_x, cy + l->bar_height / 2 + 2, end_x - due_x, 2.5);
          cairo_fill (cr);
        }
    }

  /* "+3 wk late" after everything else on the row, then the slip
   * against a baseline ("slips 2 wk"). */
  {
    g_autofree char *text = wfl_gantt_row_format_lateness (row);
    g_autofree char *slip = wfl_gantt_row_format_slip (row);
    double tw = 0, sw = 0, h, x, after;

    after = MAX (last_x, isfinite (filled_x) ? filled_x : last_x);
    /* Compared: after the ghost and every marker too (an early order's
     * due date lies after it is filled). */
    for (guint i = 0; row->ghost != NULL && i < row->ghost->len; i++)
      after = MAX (after, wfl_gantt_layout_x_of_week (l, g_array_index (row->ghost, WflGanttSpan, i).end));
    for (guint i = 0; row->ghost != NULL && i < box->markers->len; i++)
      after = MAX (after, g_array_index (box->markers, WflGanttMarkerBox, i).x +
                          g_array_index (box->markers, WflGanttMarkerBox, i).size);
    if (slip != NULL)
      text_set (p, p->small, slip, 0, &sw, &h);
    if (text != NULL)
      {
        text_set (p, p->small, text, 0, &tw, &h);
        x = wfl_gantt_layout_lateness_x (l, after, tw + (slip != NULL ? sw + 10 : 0));
        set_color (cr, &p->style->late, 1.0);
        text_show (p, x, cy, h);
        after = x + tw;
      }
    if (slip != NULL)
      {
        text_set (p, p->small, slip, 0, &sw, &h);
        x = wfl_gantt_layout_lateness_x (l, after, sw);
        set_color (cr, row->slip > 0 ? &p->style->late : &p->style->dim_foreground, 1.0);
        text_show (p, x, cy, h);
      }
  }
}

/* A group header's row: its totals ("12 orders · 230 000 GPUs · 3
 * late") from the start of the weeks its orders span, over a bracket
 * across them. */
static void
paint_group_summary (Painter              *p,
                     const WflGanttRow    *row,
                     const WflGanttRowBox *box)
{
  const WflGanttLayout *l = p->layout;
  cairo_t *cr = p->cr;
  double cy = (box->y0 + box->y1) / 2, x = l->body.x0 + 4, tw = 0, h;

  if (isfinite (row->span[0]) && isfinite (row->span[1]))
    {
      double x0 = wfl_gantt_layout_x_of_week (l, row->span[0]);
      double x1 = MAX (wfl_gantt_layout_x_of_week (l, row->span[1]), x0 + 2);
      double y = cy + 5;

      set_color (cr, &p->style->foreground, 0.7);
      cairo_rectangle (cr, x0, y, x1 - x0, 3);
      /* The bracket's ends reach down. */
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x0 + 5, y);
      cairo_line_to (cr, x0, y + 7);
      cairo_close_path (cr);
      cairo_move_to (cr, x1, y);
      cairo_line_to (cr, x1 - 5, y);
      cairo_line_to (cr, x1, y + 7);
      cairo_close_path (cr);
      cairo_fill (cr);
      x = MAX (x, x0);
    }
  if (row->summary == NULL)
    return;
  text_set (p, p->small, row->summary, 0, &tw, &h);
  set_color (cr, &p->style->dim_foreground, 1.0);
  text_show (p, MIN (x, wfl_gantt_layout_lateness_x (l, x, tw)), cy - 5, h);
}

/* The baseline's bars of the order, behind its own: a pale band a little
 * taller than a bar, with a dashed edge. */
static void
paint_ghost_span (Painter *p,
                  double   x0,
                  double   x1,
                  double   cy,
                  double   half)
{
  cairo_t *cr = p->cr;

  rounded_rect (cr, x0, cy - half, x1, cy + half, BAR_RADIUS);
  set_color (cr, &p->style->dim_foreground, p->style->dark ? 0.22 : 0.14);
  cairo_fill_preserve (cr);
  cairo_set_dash (cr, (const double[]) { 3, 2 }, 2, 0);
  cairo_set_line_width (cr, 1);
  set_color (cr, &p->style->dim_foreground, 0.8);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
paint_ghost (Painter              *p,
             const WflGanttRow    *row,
             const WflGanttRowBox *box)
{
  const WflGanttLayout *l = p->layout;
  double cy = (box->y0 + box->y1) / 2, half = l->bar_height / 2 + 3;

  for (guint i = 0; i < row->ghost->len; i++)
    {
      const WflGanttSpan *g = &g_array_index (row->ghost, WflGanttSpan, i);
      double x0 = wfl_gantt_layout_x_of_week (l, g->start);
      double x1 = MAX (wfl_gantt_layout_x_of_week (l, g->end), x0 + 2);

      paint_ghost_span (p, x0, x1, cy, half);
    }
}

static void
paint_arrow (Painter             *p,
             const WflGanttArrow *a)
{
  cairo_t *cr = p->cr;
  double dx, dy, len, ux, uy, hs;
  guint n = a->n_points;

  if (n < 2)
    return;

  if (a->critical)
    {
      set_color (cr, &p->style->bottleneck, 1.0);
      cairo_set_line_width (cr, 1.8);
    }
  else
    {
      set_color (cr, &p->style->dim_foreground, 0.75);
      cairo_set_line_width (cr, 1.1);
    }

  hs = a->critical ? 6.0 : 5.0;
  dx = a->x[n - 1] - a->x[n - 2];
  dy = a->y[n - 1] - a->y[n - 2];
  len = hypot (dx, dy);
  if (len < 1e-6)
    return;
  ux = dx / len;
  uy = dy / len;

  cairo_move_to (cr, a->x[0], a->y[0]);
  for (guint i = 1; i < n - 1; i++)
    cairo_line_to (cr, a->x[i], a->y[i]);
  /* Stop the line short of the tip so the head stays sharp. */
  cairo_line_to (cr, a->x[n - 1] - ux * hs * 0.8, a->y[n - 1] - uy * hs * 0.8);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  cairo_move_to (cr, a->x[n - 1], a->y[n - 1]);
  cairo_line_to (cr, a->x[n - 1] - ux * hs - uy * hs * 0.55, a->y[n - 1] - uy * hs + ux * hs * 0.55);
  cairo_line_to (cr, a->x[n - 1] - ux * hs + uy * hs * 0.55, a->y[n - 1] - uy * hs - ux * hs * 0.55);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
paint_as_of (Painter *p)
{
  const WflGanttLayout *l = p->layout;
  cairo_t *cr = p->cr;
  double x = l->as_of_x, x0, x1, h;
  static const double dashes[] = { 5.0, 3.0 };

  if (!isfinite (x) || x < l->body.x0 || x > l->body.x1)
    return;

  x = floor (x) + 0.5;
  cairo_save (cr);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_set_line_width (cr, 1.5);
  set_color (cr, &p->style->accent, 1.0);
  cairo_move_to (cr, x, l->header.y1);
  cairo_line_to (cr, x, l->body.y1);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* A tag with the date on the lower header tier. */
  if (as_of_tag (p, &x0, &x1, &h))
    {
      double y0 = l->tier_height + 2, y1 = l->header.y1 - 3;

      rounded_rect (cr, x0, y0, x1, y1, 4);
      set_color (cr, &p->style->accent, 1.0);
      cairo_fill (cr);
      set_color (cr, &p->style->background, 1.0);
      text_show (p, x0 + 5, (y0 + y1) / 2, h);
    }
}

static void
paint_legend (Painter *p)
{
  const WflGanttLayout *l = p->layout;
  const WflChartStyle *style = p->style;
  cairo_t *cr = p->cr;

  if (!l->options.legend || l->legend.y1 - l->legend.y0 < 1)
    return;

  set_color (cr, &style->grid, 1.6);
  cairo_rectangle (cr, 0, l->legend.y0, l->width, 1);
  cairo_fill (cr);

  for (guint i = 0; i < l->legend_items->len; i++)
    {
      const WflGanttLegendItem *item = &g_array_index (l->legend_items, WflGanttLegendItem, i);
      const WflGanttRect *s = &item->swatch;
      double cx = (s->x0 + s->x1) / 2, cy = (s->y0 + s->y1) / 2;
      double tw, h;

      switch (item->kind)
        {
        case WFL_GANTT_LEGEND_STAGE:
          {
            WflRgba edge = mix (stage_color (p, item->index), &style->foreground, 0.3);

            rounded_rect (cr, s->x0, s->y0, s->x1, s->y1, 2);
            set_color (cr, stage_color (p, item->index), 1.0);
            cairo_fill_preserve (cr);
            set_color (cr, &edge, 0.45);
            cairo_set_line_width (cr, 1);
            cairo_stroke (cr);
          }
          break;
        case WFL_GANTT_LEGEND_CRITICAL:
          rounded_rect (cr, s->x0 + 1, s->y0 + 1, s->x1 - 1, s->y1 - 1, 2);
          cairo_set_line_width (cr, 2);
          set_color (cr, &style->bottleneck, 1.0);
          cairo_stroke (cr);
          break;
        case WFL_GANTT_LEGEND_BAR_KIND:
          {
            WflGanttBar bar = { (char *) "", (char *) "", 0, 1, item->index, NAN, FALSE, 7 };
            WflGanttBarBox bb = { *s, s->x1 };
            WflGanttRow row = { 0 };

            bar.color = 7;  /* grey: a kind, not a stage */
            paint_bar (p, &row, NULL, 0, &bar, &bb, FALSE, FALSE);
          }
          break;
        case WFL_GANTT_LEGEND_MARKER:
          {
            WflGanttMarker m = { item->index, 0 };
            WflGanttMarkerBox mb = { cx, item->index == WFL_GANTT_MARKER_PLACED ? cy + 3 : cy, 5.5 };
            WflGanttRow row = { 0 };

            paint_marker (p, &row, &m, &mb, FALSE);
          }
          break;
        case WFL_GANTT_LEGEND_LATE:
          set_color (cr, &style->late, 0.9);
          cairo_rectangle (cr, s->x0, cy - 1.25, s->x1 - s->x0, 2.5);
          cairo_fill (cr);
          break;
        case WFL_GANTT_LEGEND_AS_OF:
          set_color (cr, &style->accent, 1.0);
          cairo_rectangle (cr, cx - 0.75, s->y0 - 2, 1.5, s->y1 - s->y0 + 4);
          cairo_fill (cr);
          break;
        case WFL_GANTT_LEGEND_BASELINE:
          paint_ghost_span (p, s->x0, s->x1, cy, (s->y1 - s->y0) / 2);
          break;
        case WFL_GANTT_LEGEND_SLIP:
          /* A ghost's end and an arrow to where the order ends now, in
           * the colour of a slip later than the baseline. */
          paint_ghost_span (p, s->x0, s->x0 + (s->x1 - s->x0) * 0.45, cy, (s->y1 - s->y0) / 2);
          set_color (cr, &style->late, 1.0);
          cairo_set_line_width (cr, 1.5);
          cairo_move_to (cr, s->x0 + (s->x1 - s->x0) * 0.45, cy);
          cairo_line_to (cr, s->x1 - 1, cy);
          cairo_stroke (cr);
          cairo_move_to (cr, s->x1, cy);
          cairo_line_to (cr, s->x1 - 4, cy - 3);
          cairo_line_to (cr, s->x1 - 4, cy + 3);
          cairo_close_path (cr);
          cairo_fill (cr);
          break;
        case WFL_GANTT_LEGEND_MORE:
        default:
          break;
        }

      /* The layout measured the text a little wider than the small font
       * needs; ellipsize only what it cut short. */
      text_set (p, p->small, item->label, item->text_width + 1, &tw, &h);
      set_color (cr, item->kind == WFL_GANTT_LEGEND_MORE ? &style->dim_foreground : &style->foreground, 1.0);
      text_show (p, item->text_x, cy, h);
    }
}

void
wfl_gantt_render_state_init (WflGanttRenderState *state)
{
  state->hover = (WflGanttHit) { WFL_GANTT_HIT_NONE, -1, -1 };
  state->selection = state->hover;
}

static gboolean
hit_is (const WflGanttHit *hit,
        WflGanttHitKind    kind,
        guint              row,
        guint              index)
{
  return hit->kind == kind && hit->row == (int) row && hit->index == (int) index;
}

void
wfl_gantt_render (const WflGanttLayout      *layout,
                  cairo_t                   *cr,
                  const WflChartStyle       *style,
                  const WflGanttRenderState *state)
{
  Painter p = { layout, style, cr, NULL, NULL, NULL, NULL, FALSE };
  const WflGanttChart *chart = layout->chart;
  WflGanttRenderState none;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  if (state == NULL)
    {
      wfl_gantt_render_state_init (&none);
      state = &none;
    }

  for (guint r = 0; r < chart->rows->len && !p.has_critical; r++)
    p.has_critical = ((WflGanttRow *) g_ptr_array_index (chart->rows, r))->critical;

  cairo_save (cr);
  p.text = pango_cairo_create_layout (cr);
  _wfl_chart_text_context (pango_layout_get_context (p.text));
  pango_layout_context_changed (p.text);
  p.font = _wfl_chart_font (style, 1.0, FALSE);
  p.bold = _wfl_chart_font (style, 1.0, TRUE);
  p.small = _wfl_chart_font (style, 0.85, FALSE);

  set_color (cr, &style->background, 1.0);
  cairo_paint (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, layout->body.y0, layout->width, layout->body.y1 - layout->body.y0);
  cairo_clip (cr);
  paint_rows_background (&p, state);
  cairo_restore (cr);

  paint_gridlines (&p);

  /* The body: bars, markers and arrows, clipped to the time area. */
  cairo_save (cr);
  cairo_rectangle (cr, layout->body.x0, layout->body.y0,
                   layout->body.x1 - layout->body.x0, layout->body.y1 - layout->body.y0);
  cairo_clip (cr);

  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);
      const WflGanttRowBox *box = &g_array_index (layout->rows, WflGanttRowBox, r);

      if (box->y1 < layout->body.y0 || box->y0 > layout->body.y1)
        continue;
      if (row->header)
        paint_group_summary (&p, row, box);
      if (row->ghost != NULL)
        paint_ghost (&p, row, box);
      for (guint i = 0; i < row->bars->len; i++)
        paint_bar (&p, row, box, i, &g_array_index (row->bars, WflGanttBar, i),
                   &g_array_index (box->bars, WflGanttBarBox, i),
                   hit_is (&state->hover, WFL_GANTT_HIT_BAR, r, i),
                   hit_is (&state->selection, WFL_GANTT_HIT_BAR, r, i));
      if (row->late || row->ghost != NULL)
        paint_lateness (&p, row, box);
      paint_whisker (&p, row, box);
    }

  /* Arrows: the critical ones last, on top. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < layout->arrows->len; i++)
      {
        const WflGanttArrow *a = &g_array_index (layout->arrows, WflGanttArrow, i);

        if (a->critical == (pass == 1))
          paint_arrow (&p, a);
      }

  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);
      const WflGanttRowBox *box = &g_array_index (layout->rows, WflGanttRowBox, r);

      if (box->y1 < layout->body.y0 || box->y0 > layout->body.y1)
        continue;
      for (guint i = 0; i < row->markers->len; i++)
        paint_marker (&p, row, &g_array_index (row->markers, WflGanttMarker, i),
                      &g_array_index (box->markers, WflGanttMarkerBox, i),
                      hit_is (&state->hover, WFL_GANTT_HIT_MARKER, r, i) ||
                      hit_is (&state->selection, WFL_GANTT_HIT_MARKER, r, i));
    }
  cairo_restore (cr);

  paint_header (&p);
  paint_as_of (&p);
  paint_labels (&p, state);
  paint_legend (&p);

  pango_font_description_free (p.font);
  pango_font_description_free (p.bold);
  pango_font_description_free (p.small);
  g_object_unref (p.text);
  cairo_restore (cr);
}

/* ---- Measuring -------------------------------------------------------- */

struct _WflGanttTextMeasurer
{
  cairo_surface_t      *surface;
  cairo_t              *cr;
  PangoLayout          *layout;
  PangoFontDescription *font;
  PangoFontDescription *bold;
  GHashTable           *widths;   /* "<0|1><text>" -> width: labels repeat across layouts */
};

WflGanttTextMeasurer *
wfl_gantt_text_measurer_new (const WflChartStyle *style)
{
  WflGanttTextMeasurer *self = g_new0 (WflGanttTextMeasurer, 1);

  self->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  self->cr = cairo_create (self->surface);
  self->layout = pango_cairo_create_layout (self->cr);
  _wfl_chart_text_context (pango_layout_get_context (self->layout));
  pango_layout_context_changed (self->layout);
  self->font = _wfl_chart_font (style, 1.0, FALSE);
  self->bold = _wfl_chart_font (style, 1.0, TRUE);
  self->widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
wfl_gantt_text_measurer_free (WflGanttTextMeasurer *self)
{
  if (self == NULL)
    return;
  pango_font_description_free (self->font);
  pango_font_description_free (self->bold);
  g_hash_table_unref (self->widths);
  g_object_unref (self->layout);
  cairo_destroy (self->cr);
  cairo_surface_destroy (self->surface);
  g_free (self);
}

double
wfl_gantt_text_measure (const char *text,
                        gboolean    bold,
                        gpointer    measurer)
{
  WflGanttTextMeasurer *self = measurer;
  g_autofree char *key = g_strconcat (bold ? "1" : "0", text, NULL);
  gpointer cached;
  int w, h;

  if (g_hash_table_lookup_extended (self->widths, key, NULL, &cached))
    return GPOINTER_TO_INT (cached);

  pango_layout_set_font_description (self->layout, bold ? self->bold : self->font);
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_pixel_size (self->layout, &w, &h);
  /* Bounded: a chart's labels, groups and legend, a few thousand. */
  if (g_hash_table_size (self->widths) > 100000)
    g_hash_table_remove_all (self->widths);
  g_hash_table_insert (self->widths, g_steal_pointer (&key), GINT_TO_POINTER (w));
  return w;
}

/* ---- Export ----------------------------------------------------------- */

void
wfl_gantt_export_options_init (WflGanttExportOptions *options)
{
  *options = (WflGanttExportOptions) { 0 };
  options->from = NAN;
  options->to = NAN;
  options->scale = 1;
}

typedef struct
{
  WflGanttLayout      *layout;
  const WflChartStyle *style;
} ExportPaint;

static void
export_paint_cb (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  ExportPaint *data = user_data;

  wfl_gantt_render (data->layout, cr, data->style, NULL);
}

/* The layout of an export: fitted into the width, with a legend. */
static WflGanttLayout *
export_layout (WflGanttChart               *chart,
               const WflGanttExportOptions *options,
               WflGanttTextMeasurer        *measurer)
{
  WflGanttLayoutOptions layout_options;

  wfl_gantt_layout_options_init (&layout_options);
  layout_options.width = options->width;
  layout_options.height = options->height;
  layout_options.fit = TRUE;
  layout_options.legend = TRUE;
  layout_options.measure = wfl_gantt_text_measure;
  layout_options.measure_data = measurer;
  layout_options.from = options->from;
  layout_options.to = options->to;
  if (isfinite (layout_options.from) && !isfinite (layout_options.to))
    {
      double first, last;

      wfl_gantt_chart_get_extent (chart, &first, &last);
      layout_options.to = MAX (last + 1, layout_options.from + 1);
    }
  else if (!isfinite (layout_options.from) && isfinite (layout_options.to))
    {
      double first, last;

      wfl_gantt_chart_get_extent (chart, &first, &last);
      layout_options.from = MIN (first - 1, layout_options.to - 1);
    }

  return wfl_gantt_layout_new (chart, &layout_options);
}

gboolean
wfl_gantt_export (WflGanttChart               *chart,
                  const WflChartStyle         *style,
                  const WflGanttExportOptions *options,
                  WflExportFormat              format,
                  GFile                       *file,
                  GError                     **error)
{
  g_autoptr(WflGanttTextMeasurer) measurer = NULL;
  g_autoptr(WflGanttLayout) layout = NULL;
  WflChartStyle light;
  gboolean ok;

  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  wfl_chart_style_init_light (&light);
  if (style == NULL)
    style = &light;
  measurer = wfl_gantt_text_measurer_new (style);
  layout = export_layout (chart, options, measurer);
  if (options->height > 0)
    {
      /* Every row, always: a height too small for them is a minimum, and
       * the picture grows to the rows' natural height rather than leave
       * some out without a word. */
      WflGanttExportOptions natural = *options;
      g_autoptr(WflGanttLayout) all = NULL;

      natural.height = 0;
      all = export_layout (chart, &natural, measurer);
      if (all->height > layout->height)
        {
          g_clear_pointer (&layout, wfl_gantt_layout_free);
          layout = g_steal_pointer (&all);
        }
    }

  if (format == WFL_EXPORT_FORMAT_JSON)
    {
      gsize length;
      char *text = wfl_gantt_layout_to_json (layout, &length);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, length);

      ok = wfl_export_write_bytes (file, bytes, error);
    }
  else
    {
      ExportPaint data = { layout, style };

      ok = wfl_export_paint (format, file, layout->width, layout->height,
                             options->scale, export_paint_cb, &data, error);
    }
  wfl_chart_style_clear (&light);
  return ok;
}
