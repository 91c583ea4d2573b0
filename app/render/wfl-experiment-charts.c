/* wfl-experiment-charts.c: the charts of the experiments
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-render"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wfl-experiment-charts.h"
#include "wfl-quantity.h"
#include "wfl-chart-text-private.h"

guint
wfl_gantt_chart_add_whiskers (WflGanttChart *chart,
                              WflMonteCarlo *mc)
{
  WflSimulation *sim = wfl_monte_carlo_get_simulation (mc);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (guint r = 0; r < chart->rows->len; r++)
    {
      WflGanttRow *row = g_ptr_array_index (chart->rows, r);

      g_hash_table_insert (rows, row->id, row);
    }
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    {
      const WflOrderResult *order = wfl_simulation_get_order (sim, o);
      g_autofree char *id = wfl_gantt_orders_row_id (wfl_simulation_get_node_id (sim, order->customer), order->id);
      WflGanttRow *row = g_hash_table_lookup (rows, id);
      int w[3];

      if (row == NULL)
        continue;
      wfl_monte_carlo_get_order_weeks (mc, o, &w[0], &w[1], &w[2]);
      for (int k = 0; k < 3; k++)
        row->whisker[k] = w[k] >= 0 ? w[k] : NAN;
      n += isfinite (row->whisker[0]);
    }
  return n;
}

/* --- Drawing helpers ------------------------------------------------------ */

static void
set_color (cairo_t       *cr,
           const WflRgba *c,
           double         alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

/* Text at (x, y); align 0 left, 0.5 centre, 1 right; y is the top. */
/* > 0: text() ellipsizes to it (per thread: exports may paint in threads). */
static _Thread_local double max_text_width = 0;

static double
text (cairo_t             *cr,
      const WflChartStyle *style,
      const char          *s,
      double               x,
      double               y,
      double               align,
      double               factor,
      gboolean             bold,
      const WflRgba       *ink)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = _wfl_chart_font (style, factor, bold);
  int w, h;

  /* The charts' shared text context: unhinted metrics at 96 dpi, so that
   * text has the same widths on screen and in PNG, SVG and PDF. */
  _wfl_chart_text_context (pango_layout_get_context (layout));

  if (max_text_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_text_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, s, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  set_color (cr, ink != NULL ? ink : &style->foreground, 1);
  cairo_move_to (cr, x - align * w, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
  return w;
}

static void
background (cairo_t             *cr,
            double               width,
            double               height,
            const WflChartStyle *style)
{
  set_color (cr, &style->background, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

/* The grid of n panels in a w × h area: columns and rows. */
/* What every experiment chart starts with: its background and its
 * title at the top left. */
static void
frame (cairo_t             *cr,
       double               width,
       double               height,
       const WflChartStyle *style,
       const char          *title)
{
  background (cr, width, height, style);
  text (cr, style, title, 12, 8, 0, 1.05, TRUE, NULL);
}

static void
grid_of (guint   n,
         double  width,
         double  height,
         guint  *cols,
         guint  *rows)
{
  *cols = MAX (1, (guint) ceil (sqrt (n * width / MAX (height, 1) / 1.6)));
  *cols = MIN (*cols, MAX (n, 1));
  *rows = MAX (1, (n + *cols - 1) / *cols);
}

/* A panel's frame and y scale: returns the plot area. */
static void
panel_axes (cairo_t             *cr,
            const WflChartStyle *style,
            const char          *title,
            double               x0,
            double               y0,
            double               w,
            double               h,
            double               y_max,
            double              *px0,
            double              *py0,
            double              *pw,
            double              *ph)
{
  g_autofree char *top = wfl_quantity_format_number (y_max);

  max_text_width = w - 8;
  text (cr, style, title, x0 + 4, y0 + 2, 0, 0.95, TRUE, NULL);
  max_text_width = 0;
  *px0 = x0 + 44;
  *py0 = y0 + 22;
  *pw = MAX (w - 52, 10);
  *ph = MAX (h - 44, 10);
  set_color (cr, &style->grid, 1);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, *px0 + 0.5, *py0 + 0.5, *pw, *ph);
  cairo_stroke (cr);
  text (cr, style, top, *px0 - 4, *py0 - 6, 1, 0.75, FALSE, &style->dim_foreground);
  text (cr, style, "0", *px0 - 4, *py0 + *ph - 8, 1, 0.75, FALSE, &style->dim_foreground);
}

/* --- Fans ----------------------------------------------------------------- */

static void
paint_fan (cairo_t             *cr,
           const WflChartStyle *style,
           WflMonteCarlo       *mc,
           guint                customer,
           double x0, double y0, double w, double h)
{
  WflSimulation *sim = wfl_monte_carlo_get_simulation (mc);
  guint nq = wfl_simulation_get_n_quarters (sim);
  g_autofree double *v = g_new (double, (gsize) 4 * MAX (nq, 1));
  double y_max = 0, px, py, pw, ph;
  const WflRgba *ink = &style->categorical[0];

  for (guint q = 0; q < nq; q++)
    {
      int a, b;

      wfl_simulation_get_quarter_weeks (sim, q, &a, &b);
      wfl_monte_carlo_get_fan (mc, customer, q, &v[4 * q], &v[4 * q + 1], &v[4 * q + 2], NULL);
      v[4 * q + 3] = wfl_simulation_get_delivered (sim, (int) customer, a, b);
      for (int k = 0; k < 4; k++)
        y_max = MAX (y_max, v[4 * q + k]);
    }
  y_max = MAX (y_max, 1);
  panel_axes (cr, style, wfl_simulation_get_node_name (sim, customer), x0, y0, w, h, y_max, &px, &py, &pw, &ph);
#define X(q) (px + pw * ((q) + 0.5) / nq)
#define Y(val) (py + ph * (1 - (val) / y_max))
  /* The band, P10 up to P90. */
  set_color (cr, ink, 0.28);
  for (guint q = 0; q < nq; q++)
    (q == 0 ? cairo_move_to : cairo_line_to) (cr, X (q), Y (v[4 * q + 2]));
  for (guint q = nq; q-- > 0;)
    cairo_line_to (cr, X (q), Y (v[4 * q]));
  cairo_close_path (cr);
  cairo_fill (cr);
  /* P50 */
  set_color (cr, ink, 1);
  cairo_set_line_width (cr, 2);
  for (guint q = 0; q < nq; q++)
    (q == 0 ? cairo_move_to : cairo_line_to) (cr, X (q), Y (v[4 * q + 1]));
  cairo_stroke (cr);
  /* The run as written, dashed. */
  set_color (cr, &style->foreground, 0.8);
  cairo_set_line_width (cr, 1.25);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  for (guint q = 0; q < nq; q++)
    (q == 0 ? cairo_move_to : cairo_line_to) (cr, X (q), Y (v[4 * q + 3]));
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  /* First and last quarter under the axis. */
  if (nq > 0)
    {
      g_autofree char *first = wfl_date_format (wfl_simulation_get_week_date (sim, 0));
      int a, b;
      g_autofree char *last = NULL;

      wfl_simulation_get_quarter_weeks (sim, nq - 1, &a, &b);
      last = wfl_date_format (wfl_simulation_get_week_date (sim, a));
      text (cr, style, first, px, py + ph + 2, 0, 0.7, FALSE, &style->dim_foreground);
      text (cr, style, last, px + pw, py + ph + 2, 1, 0.7, FALSE, &style->dim_foreground);
    }
#undef X
#undef Y
}

void
wfl_fan_chart_paint (cairo_t             *cr,
                     double               width,
                     double               height,
                     WflMonteCarlo       *mc,
                     const WflChartStyle *style)
{
  WflSimulation *sim = wfl_monte_carlo_get_simulation (mc);
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *title = NULL;
  g_autofree char *seed = NULL;
  guint cols, rows;
  double top = 34;

  for (guint n = 0; n < wfl_simulation_get_n_nodes (sim); n++)
    if (wfl_simulation_get_node_kind (sim, n) == WFL_NODE_KIND_CUSTOMER &&
        wfl_simulation_get_delivered (sim, (int) n, 0, wfl_simulation_get_n_weeks (sim) - 1) > 0)
      g_array_append_val (customers, n);
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, wfl_monte_carlo_get_seed (mc));
  title = g_strdup_printf (_("Units received per quarter: P10–P90 band, P50 line, as written dashed (%u samples, seed %s)"),
                           wfl_monte_carlo_get_n_samples (mc), seed);
  frame (cr, width, height, style, title);
  grid_of (customers->len, width, height - top, &cols, &rows);
  for (guint i = 0; i < customers->len; i++)
    {
      double w = (width - 16) / cols, h = (height - top - 8) / rows;

      paint_fan (cr, style, mc, g_array_index (customers, guint, i),
                 8 + (i % cols) * w, top + (i / cols) * h, w - 8, h - 6);
    }
}

/* --- Sweeps --------------------------------------------------------------- */

void
wfl_sweep_chart_paint (cairo_t             *cr,
                       double               width,
                       double               height,
                       WflSweep            *sweep,
                       const WflChartStyle *style)
{
  WflSimulation *sim = wfl_sweep_get_simulation (sweep);
  guint np = wfl_simulation_get_n_products (sim), n = wfl_sweep_get_n_points (sweep);
  double top = 34, w = (width - 16) / MAX (np, 1), h = height - top - 8;

  frame (cr, width, height, style, _("Delivered in the window against the swept value"));
  for (guint p = 0; p < np && n > 0; p++)
    {
      double y_max = 0, y_min = INFINITY, px, py, pw, ph, lo = wfl_sweep_get_point (sweep, 0)->value;
      double hi = wfl_sweep_get_point (sweep, n - 1)->value, span = hi > lo ? hi - lo : 1;
      g_autofree char *a = wfl_quantity_format_number (lo);
      g_autofree char *b = wfl_quantity_format_number (hi);
      g_autofree char *title = g_strdup_printf (_("Delivered (%s)"), wfl_simulation_get_product_unit (sim, p));

      g_autofree char *bottom = NULL;

      for (guint i = 0; i < n; i++)
        {
          y_max = MAX (y_max, wfl_sweep_get_point (sweep, i)->delivered[p]);
          y_min = MIN (y_min, wfl_sweep_get_point (sweep, i)->delivered[p]);
        }
      /* The axis spans the values (not from 0), so that the change shows;
       * its ends are labelled. */
      if (!(y_max > y_min))
        y_max = y_min + MAX (fabs (y_min) * 0.01, 1);
      panel_axes (cr, style, title, 8 + p * w, top, w - 8, h, y_max, &px, &py, &pw, &ph);
      bottom = wfl_quantity_format_number (y_min);
      set_color (cr, &style->background, 1);
      cairo_rectangle (cr, px - 44, py + ph - 10, 42, 14);
      cairo_fill (cr);
      text (cr, style, bottom, px - 4, py + ph - 8, 1, 0.75, FALSE, &style->dim_foreground);
      y_max -= y_min;
      set_color (cr, &style->categorical[p % WFL_CHART_N_CATEGORICAL], 1);
      cairo_set_line_width (cr, 2);
      for (guint i = 0; i < n; i++)
        {
          const WflSweepPoint *pt = wfl_sweep_get_point (sweep, i);
          double x = px + pw * (n > 1 ? (pt->value - lo) / span : 0.5);
          double y = py + ph * (1 - (pt->delivered[p] - y_min) / y_max);

          (i == 0 ? cairo_move_to : cairo_line_to) (cr, x, y);
        }
      cairo_stroke (cr);
      for (guint i = 0; i < n; i++)
        {
          const WflSweepPoint *pt = wfl_sweep_get_point (sweep, i);
          double x = px + pw * (n > 1 ? (pt->value - lo) / span : 0.5);
          double y = py + ph * (1 - (pt->delivered[p] - y_min) / y_max);

          cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      text (cr, style, a, px, py + ph + 2, 0, 0.75, FALSE, &style->dim_foreground);
      text (cr, style, b, px + pw, py + ph + 2, 1, 0.75, FALSE, &style->dim_foreground);
    }
}

/* --- Risk matrix ---------------------------------------------------------- */

void
wfl_risk_matrix_paint (cairo_t             *cr,
                       double               width,
                       double               height,
                       WflKnockout         *knockout,
                       guint                max_rows,
                       const WflChartStyle *style)
{
  WflSimulation *sim = wfl_knockout_get_simulation (knockout);
  guint nc = wfl_knockout_get_n_customers (knockout), nr = 0;
  double worst = 0, top = 34, left = MIN (260, width * 0.3), head = 110, cw, rh;
  const WflRgba *heat = &style->late;

  frame (cr, width, height, style, _("Units lost per customer when one node stops (worst first)"));
  while (nr < MIN (max_rows, wfl_knockout_get_n_rows (knockout)) && wfl_knockout_get_row (knockout, nr)->worst_share > 0)
    nr++;
  for (guint r = 0; r < nr; r++)
    for (guint c = 0; c < nc; c++)
      worst = MAX (worst, wfl_knockout_get_row (knockout, r)->lost[c]);
  if (nr == 0 || nc == 0)
    {
      text (cr, style, _("No knock-out loses units in the window"), 12, top + 8, 0, 1, FALSE, &style->dim_foreground);
      return;
    }
  /* The last customer's turned name reaches right of its column. */
  cw = (width - left - 12 - head * 0.55) / nc;
  rh = MIN (28, (height - top - head - 8) / nr);
  /* Customers, turned. */
  for (guint c = 0; c < nc; c++)
    {
      cairo_save (cr);
      cairo_translate (cr, left + (c + 0.5) * cw - 6, top + head - 4);
      cairo_rotate (cr, -G_PI / 3);
      max_text_width = head * 1.1;
      text (cr, style, wfl_simulation_get_node_name (sim, wfl_knockout_get_customers (knockout)[c]), 0, 0, 0, 0.8,
            FALSE, NULL);
      max_text_width = 0;
      cairo_restore (cr);
    }
  for (guint r = 0; r < nr; r++)
    {
      const WflKnockoutRow *row = wfl_knockout_get_row (knockout, r);
      double y = top + head + r * rh;

      max_text_width = left - 16;
      text (cr, style, wfl_simulation_get_node_name (sim, row->node), left - 8, y + rh / 2 - 8, 1, 0.85, r == 0, NULL);
      max_text_width = 0;
      for (guint c = 0; c < nc; c++)
        {
          double share = worst > 0 ? row->lost[c] / worst : 0;
          WflRgba fill = {
            style->background.r + (heat->r - style->background.r) * share,
            style->background.g + (heat->g - style->background.g) * share,
            style->background.b + (heat->b - style->background.b) * share, 1 };

          set_color (cr, &fill, 1);
          cairo_rectangle (cr, left + c * cw + 1, y + 1, cw - 2, rh - 2);
          cairo_fill (cr);
          if (row->lost[c] > 0 && cw > 34)
            {
              g_autofree char *v = wfl_quantity_format_number (row->lost[c]);
              WflRgba ink = wfl_chart_style_ink_on (&fill);

              text (cr, style, v, left + (c + 0.5) * cw, y + rh / 2 - 7, 0.5, 0.7, FALSE, &ink);
            }
        }
      if (r == 0)
        {
          set_color (cr, &style->foreground, 1);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, left - 2, y, nc * cw + 2, rh);
          cairo_stroke (cr);
        }
    }
}

/* --- Criticality ------------------------------------------------------------ */

static int
compare_bars (gconstpointer a,
              gconstpointer b)
{
  const WflCriticalityBar *x = a, *y = b;

  if (x->samples != y->samples)
    return x->samples > y->samples ? -1 : 1;
  if (x->product != y->product)
    return x->product < y->product ? -1 : 1;
  return x->node < y->node ? -1 : x->node > y->node;
}

GArray *
wfl_criticality_bars (WflMonteCarlo *mc)
{
  WflSimulation *sim = wfl_monte_carlo_get_simulation (mc);
  guint n = wfl_monte_carlo_get_n_samples (mc);
  GArray *bars = g_array_new (FALSE, FALSE, sizeof (WflCriticalityBar));

  for (guint p = 0; p < wfl_simulation_get_n_products (sim); p++)
    for (guint v = 0; v < wfl_simulation_get_n_nodes (sim); v++)
      {
        WflCriticalityBar bar = { v, p, wfl_monte_carlo_get_criticality (mc, v, p), 0 };

        if (bar.samples == 0)
          continue;
        bar.index = n > 0 ? (double) bar.samples / n : 0;
        g_array_append_val (bars, bar);
      }
  g_array_sort (bars, compare_bars);
  return bars;
}

/* The rows' height: 26 while they fit, down to 16; the rest is counted. */
#define BAR_ROW_MAX 26
#define BAR_ROW_MIN 16

void
wfl_criticality_chart_paint (cairo_t             *cr,
                             double               width,
                             double               height,
                             WflMonteCarlo       *mc,
                             const WflChartStyle *style)
{
  WflSimulation *sim = wfl_monte_carlo_get_simulation (mc);
  g_autoptr(GArray) bars = wfl_criticality_bars (mc);
  guint n = wfl_monte_carlo_get_n_samples (mc), shown, fit;
  gboolean products = wfl_simulation_get_n_products (sim) > 1;
  double top = 40, left = MIN (300, width * 0.32), right = 120, rh, bw = MAX (width - left - right - 12, 20);
  g_autofree char *title = NULL;

  /* Translators: the criticality chart's title; %u is the number of samples */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Criticality: share of the %u sample in which each node was the top bottleneck of the window",
                                        "Criticality: share of the %u samples in which each node was the top bottleneck of the window",
                                        n), n);
  frame (cr, width, height, style, title);
  if (bars->len == 0)
    {
      text (cr, style, _("No node limited the flow in the window in any sample"), 12, top + 8, 0, 1, FALSE,
            &style->dim_foreground);
      return;
    }
  fit = (guint) MAX (1, floor ((height - top - 24) / BAR_ROW_MIN));
  shown = bars->len <= fit ? bars->len : fit - 1;
  rh = MIN (BAR_ROW_MAX, (height - top - 24) / MAX (shown + (shown < bars->len), 1));

  /* The scale: 0, 50 and 100% of the samples. */
  for (int k = 0; k <= 2; k++)
    {
      double x = left + bw * k / 2.0;
      g_autofree char *label = g_strdup_printf ("%d%%", 50 * k);

      set_color (cr, &style->grid, 1);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, floor (x) + 0.5, top);
      cairo_line_to (cr, floor (x) + 0.5, top + shown * rh);
      cairo_stroke (cr);
      text (cr, style, label, x, top + shown * rh + 2, k == 0 ? 0 : k == 2 ? 1 : 0.5, 0.75, FALSE,
            &style->dim_foreground);
    }
  for (guint i = 0; i < shown; i++)
    {
      const WflCriticalityBar *bar = &g_array_index (bars, WflCriticalityBar, i);
      double y = top + i * rh;
      g_autofree char *name = products ? g_strdup_printf ("%s · %s", wfl_simulation_get_node_name (sim, bar->node),
                                                          wfl_simulation_get_product_unit (sim, bar->product))
                                       : g_strdup (wfl_simulation_get_node_name (sim, bar->node));
      g_autofree char *share = g_strdup_printf ("%.0f%% (%u)", 100 * bar->index, bar->samples);

      max_text_width = left - 20;
      text (cr, style, name, left - 8, y + rh / 2 - 8, 1, 0.85, i == 0, NULL);
      max_text_width = 0;
      set_color (cr, &style->categorical[bar->product % WFL_CHART_N_CATEGORICAL], 1);
      cairo_rectangle (cr, left, y + 3, MAX (bw * bar->index, 1), rh - 6);
      cairo_fill (cr);
      text (cr, style, share, left + bw * bar->index + 6, y + rh / 2 - 8, 0, 0.8, FALSE, NULL);
    }
  if (shown < bars->len)
    {
      guint more = bars->len - shown;
      /* Translators: under the criticality chart when not every row fits */
      g_autofree char *rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more (mc-criticality.csv)",
                                                            "… and %u more (mc-criticality.csv)", more), more);

      text (cr, style, rest, left - 8, top + shown * rh + 18, 1, 0.8, FALSE, &style->dim_foreground);
    }
  else
    text (cr, style, _("Nodes not listed were never the top bottleneck in a sample."), left, top + shown * rh + 22, 0,
          0.8, FALSE, &style->dim_foreground);
}

/* --- Lead time ------------------------------------------------------------- */

/* The nearest-rank ⌈p · total⌉-th smallest lead; -1 for never. */
static int
lead_percentile (const WflLeadHistogram *h,
                 double                  p)
{
  guint64 rank = MAX ((guint64) ceil (p * (double) h->total), 1), seen = 0;

  for (guint w = 0; w < h->n_weeks; w++)
    if ((seen += h->counts[w]) >= rank)
      return (int) w;
  return -1;
}

WflLeadHistogram *
wfl_lead_histogram_new (WflMonteCarlo *mc)
{
  WflLeadHistogram *h = g_new0 (WflLeadHistogram, 1);

  h->n_weeks = (guint) wfl_simulation_get_n_weeks (wfl_monte_carlo_get_simulation (mc));
  h->counts = g_new0 (guint64, MAX (h->n_weeks, 1));
  h->longest = -1;
  for (guint w = 0; w < h->n_weeks; w++)
    {
      h->counts[w] = wfl_monte_carlo_get_lead_count (mc, (int) w);
      h->total += h->counts[w];
      if (h->counts[w] > 0)
        h->longest = (int) w;
    }
  h->never = wfl_monte_carlo_get_lead_count (mc, -1);
  h->total += h->never;
  h->p10 = lead_percentile (h, 0.1);
  h->p50 = lead_percentile (h, 0.5);
  h->p90 = lead_percentile (h, 0.9);
  return h;
}

void
wfl_lead_histogram_free (WflLeadHistogram *self)
{
  if (self == NULL)
    return;
  g_free (self->counts);
  g_free (self);
}

static char *
weeks_text (int weeks)
{
  /* Translators: a lead time in the lead time histogram; "never": not filled in the calendar */
  return weeks < 0 ? g_strdup (_("never")) : g_strdup_printf ("%d", weeks);
}

/* The percentiles' lines, each labelled above the plot at its own
 * height so that close ones do not overwrite each other. */
static void
paint_percentiles (cairo_t                *cr,
                   const WflChartStyle    *style,
                   const WflLeadHistogram *h,
                   double                  px,
                   double                  py,
                   double                  pw,
                   double                  ph,
                   double                  slot,
                   double                  never_x)
{
  const int p[3] = { h->p10, h->p50, h->p90 };
  const char *names[3] = { "P10", "P50", "P90" };

  for (int k = 0; k < 3; k++)
    {
      double x = p[k] >= 0 ? px + slot * (p[k] + 0.5) : never_x;
      g_autofree char *weeks = weeks_text (p[k]);
      g_autofree char *label = g_strdup_printf ("%s %s", names[k], weeks);

      set_color (cr, &style->foreground, 0.85);
      cairo_set_line_width (cr, k == 1 ? 2 : 1.25);
      cairo_set_dash (cr, k == 1 ? NULL : (double[]) { 4, 3 }, k == 1 ? 0 : 2, 0);
      cairo_move_to (cr, floor (x) + 0.5, py - 4 - 14 * (2 - k));
      cairo_line_to (cr, floor (x) + 0.5, py + ph);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (x + 80 > px + pw)
        text (cr, style, label, x - 3, py - 18 - 14 * (2 - k), 1, 0.75, k == 1, NULL);
      else
        text (cr, style, label, x + 3, py - 18 - 14 * (2 - k), 0, 0.75, k == 1, NULL);
    }
}

void
wfl_lead_histogram_paint (cairo_t             *cr,
                          double               width,
                          double               height,
                          WflMonteCarlo       *mc,
                          const WflChartStyle *style)
{
  g_autoptr(WflLeadHistogram) h = wfl_lead_histogram_new (mc);
  guint64 most = 0;
  guint bars = (guint) (h->longest + 1);
  double px, py, pw, ph, slot, never_x = 0, step;
  g_autofree char *total = wfl_quantity_format_number ((double) h->total);
  g_autofree char *title = NULL;
  const WflRgba *ink = &style->categorical[0];

  /* Translators: the lead time histogram's title; %s is a count */
  title = g_strdup_printf (_("Order lead time, placed to filled, over every order and sample (%s in all)"), total);
  frame (cr, width, height, style, title);
  if (h->total == 0)
    {
      text (cr, style, _("No orders"), 12, 48, 0, 1, FALSE, &style->dim_foreground);
      return;
    }
  /* The scale is the weeks' (never, often the most, would flatten
   * them): a taller never bar stops at the top, its count beside it. */
  for (guint w = 0; w < bars; w++)
    most = MAX (most, h->counts[w]);
  if (most == 0)
    most = h->never;
  text (cr, style, _("Bars: orders × samples by lead time in weeks; lines: P10, P50 and P90"), 12, 32, 0, 0.85,
        FALSE, &style->dim_foreground);
  panel_axes (cr, style, "", 8, 96, width - 16, height - 120, (double) most, &px, &py, &pw, &ph);
  /* A bar per week, and never apart at the right after a gap. */
  slot = pw / (bars + (h->never > 0 ? 2 : 0) + (bars == 0));
  set_color (cr, ink, 1);
  for (guint w = 0; w < bars; w++)
    if (h->counts[w] > 0)
      {
        double bh = ph * h->counts[w] / (double) most;

        cairo_rectangle (cr, px + slot * w + slot * 0.1, py + ph - bh, slot * 0.8, bh);
        cairo_fill (cr);
      }
  if (h->never > 0)
    {
      double bh = ph * MIN (h->never, most) / (double) most;
      g_autofree char *count = wfl_quantity_format_number ((double) h->never);
      /* Translators: beside the lead time histogram's never bar: count, percent */
      g_autofree char *label = g_strdup_printf (_("never: %s (%.0f%%)"), count, 100.0 * h->never / h->total);

      never_x = px + slot * (bars + 1.5);
      set_color (cr, &style->late, 1);
      cairo_rectangle (cr, never_x - slot * 0.4, py + ph - bh, slot * 0.8, bh);
      cairo_fill (cr);
      text (cr, style, _("never"), never_x, py + ph + 2, 0.5, 0.75, FALSE, &style->dim_foreground);
      text (cr, style, label, never_x - slot * 0.5 - 4, py + ph - bh + 4, 1, 0.8, TRUE, NULL);
    }
  /* Week labels, at least 36 px apart. */
  step = MAX (1, ceil (36 / MAX (slot, 1e-6)));
  for (guint w = 0; w < bars; w += (guint) step)
    {
      g_autofree char *label = g_strdup_printf ("%u", w);

      /* Clear of never's label. */
      if (h->never > 0 && px + slot * (w + 0.5) + 36 > never_x)
        break;
      text (cr, style, label, px + slot * (w + 0.5), py + ph + 2, 0.5, 0.75, FALSE, &style->dim_foreground);
    }
  paint_percentiles (cr, style, h, px, py, pw, ph, slot, never_x);
}
