/* wfl-report.c: the printed brief, a multi-page PDF
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-report"

#include "config.h"

#include <math.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wfl-chart-style.h"
#include "wfl-export.h"
#include "wfl-figures.h"
#include "wfl-format.h"
#include "wfl-gantt-chart.h"
#include "wfl-gantt-layout.h"
#include "wfl-gantt-render.h"
#include "wfl-report.h"
#include "wfl-sankey-diff.h"
#include "wfl-sankey-graph.h"
#include "wfl-sankey-layout.h"
#include "wfl-sankey-render.h"

#define W WFL_REPORT_PAGE_WIDTH
#define H WFL_REPORT_PAGE_HEIGHT
#define MARGIN 40.0
#define FOOTER 24.0
#define BODY_BOTTOM (H - MARGIN - FOOTER)

typedef struct
{
  cairo_t        *cr;
  WflChartStyle   style;
  const char     *title;
  int             page;
  double          y;
} Report;

static double
text_at (Report        *r,
         double         x,
         double         y,
         double         width,
         const char    *text,
         double         size,
         gboolean       bold,
         PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (r->cr);
  PangoFontDescription *font = pango_font_description_from_string (r->style.font_family);
  int w, h;

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (r->cr, x, y);
  pango_cairo_show_layout (r->cr, layout);
  pango_layout_get_size (layout, &w, &h);
  pango_font_description_free (font);
  g_object_unref (layout);
  return (double) h / PANGO_SCALE;
}

static void
footer (Report *r)
{
  g_autofree char *text = g_strdup_printf (_("%s · page %d"), r->title, r->page);

  cairo_set_source_rgb (r->cr, 0.4, 0.4, 0.4);
  text_at (r, MARGIN, H - MARGIN - 10, W - 2 * MARGIN, text, 8, FALSE, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (r->cr, 0, 0, 0);
}

static void
new_page (Report *r)
{
  if (r->page > 0)
    {
      footer (r);
      cairo_show_page (r->cr);
    }
  r->page++;
  r->y = MARGIN;
  cairo_set_source_rgb (r->cr, 0, 0, 0);
}

/* A section's heading; on a new page when little room is left. */
static void
heading (Report     *r,
         const char *text,
         gboolean    page)
{
  if (page || r->y > BODY_BOTTOM - 80)
    new_page (r);
  else
    r->y += 12;
  r->y += text_at (r, MARGIN, r->y, W - 2 * MARGIN, text, 15, TRUE, PANGO_ALIGN_LEFT) + 6;
}

static void
paragraph (Report     *r,
           const char *text,
           double      size)
{
  if (r->y > BODY_BOTTOM - 2 * size)
    new_page (r);
  r->y += text_at (r, MARGIN, r->y, W - 2 * MARGIN, text, size, FALSE, PANGO_ALIGN_LEFT) + 4;
}

/* One line of text in width, ellipsized. */
static void
cell_at (Report        *r,
         double         x,
         double         y,
         double         width,
         const char    *text,
         double         size,
         gboolean       bold,
         PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (r->cr);
  PangoFontDescription *font = pango_font_description_from_string (r->style.font_family);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (r->cr, x, y);
  pango_cairo_show_layout (r->cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

/* A table of text cells (row-major), its header repeated on every page
 * it runs over; the first column left-aligned, the others right-aligned
 * unless left says otherwise. */
static void
table (Report             *r,
       const char * const *headers,
       guint               n_columns,
       const double       *widths,
       const gboolean     *left,
       GPtrArray          *cells)
{
  guint n_rows = cells->len / n_columns;
  double size = 7.5, row = 11.5;

  for (guint i = 0; i <= n_rows; i++)
    {
      double x = MARGIN;

      if (i == 0 || r->y + row > BODY_BOTTOM)
        {
          if (i > 0)
            new_page (r);
          for (guint c = 0; c < n_columns; c++)
            {
              cell_at (r, x, r->y, widths[c] - 2, headers[c], size - 0.5, TRUE,
                       left[c] ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
              x += widths[c];
            }
          r->y += row + 2;
          cairo_set_line_width (r->cr, 0.5);
          cairo_move_to (r->cr, MARGIN, r->y - 2);
          cairo_line_to (r->cr, x, r->y - 2);
          cairo_stroke (r->cr);
          x = MARGIN;
        }
      if (i == n_rows)
        break;
      for (guint c = 0; c < n_columns; c++)
        {
          cell_at (r, x, r->y, widths[c] - 2, g_ptr_array_index (cells, i * n_columns + c), size, FALSE,
                   left[c] ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
          x += widths[c];
        }
      r->y += row;
    }
  r->y += 6;
}

static char *
window_text (WflSimulation *sim,
             int            first,
             int            last)
{
  g_autofree char *from = wfl_date_format (wfl_simulation_get_week_date (sim, first));
  g_autofree char *to = wfl_date_format (wfl_simulation_get_week_date (sim, last) + 6);

  /* Translators: the brief's window; the dates are YYYY-MM-DD */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s to %s (%d week)", "%s to %s (%d weeks)",
                                       last - first + 1), from, to, last - first + 1);
}

static void
title_page (Report        *r,
            WflScenario   *scenario,
            WflSimulation *sim,
            int            first,
            int            last)
{
  g_autofree char *window = window_text (sim, first, last);
  g_autofree char *subtitle = g_strdup_printf (_("Waferline brief · window %s"), window);
  double median, p90;

  new_page (r);
  r->y += text_at (r, MARGIN, r->y, W - 2 * MARGIN, r->title, 24, TRUE, PANGO_ALIGN_LEFT) + 6;
  paragraph (r, subtitle, 11);
  if (wfl_scenario_get_description (scenario) != NULL)
    {
      r->y += 8;
      paragraph (r, wfl_scenario_get_description (scenario), 10);
    }
  heading (r, _("Key figures of the window"), FALSE);
  for (guint p = 0; p < wfl_simulation_get_n_products (sim); p++)
    {
      const char *unit = wfl_simulation_get_product_unit (sim, p);
      double fill = wfl_simulation_get_fill_rate (sim, p, first, last);
      g_autofree char *delivered = wfl_format_number_locale (round (wfl_simulation_get_product_delivered (sim, p, first, last)), TRUE);
      g_autofree char *rate = isnan (fill) ? g_strdup ("—") : wfl_format_number_locale (round (fill * 1000) / 10, FALSE);
      /* Translators: a key figure of the brief: units delivered in the window and the fill rate */
      g_autofree char *line = g_strdup_printf (_("%s %s delivered; of the quantity due in the window, %s %% by its due date"),
                                               delivered, unit, rate);

      paragraph (r, line, 10);
    }
  if (wfl_simulation_get_lead_time (sim, -1, first, last, &median, &p90))
    {
      /* Translators: the brief's order lead time, in weeks */
      g_autofree char *line = g_strdup_printf (_("Order lead time (placed → filled) of the orders filled in the window: "
                                                 "median %.0f weeks, 90th percentile %.0f weeks"), median, p90);

      paragraph (r, line, 10);
    }
  else
    paragraph (r, _("No order was filled in the window."), 10);
}

static void
sankey_page (Report        *r,
             WflScenario   *scenario,
             WflSimulation *sim,
             GArray        *ranking,
             int            first,
             int            last)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new_stable (scenario, sim, ranking, first, last);
  g_autoptr(WflSankeyLayout) layout = NULL;
  g_autofree char *window = window_text (sim, first, last);
  g_autofree char *title = g_strdup_printf (_("Flows, %s"), window);
  WflSankeyLayoutOptions options;

  heading (r, title, TRUE);
  wfl_sankey_layout_options_init (&options);
  options.font_family = r->style.font_family;
  options.font_size = r->style.font_size;
  layout = wfl_sankey_layout_new (graph, &options, W - 2 * MARGIN, BODY_BOTTOM - r->y);
  cairo_save (r->cr);
  cairo_translate (r->cr, MARGIN, r->y);
  /* The painter fills its background with cairo_paint (): keep it to the chart. */
  cairo_rectangle (r->cr, 0, 0, W - 2 * MARGIN, BODY_BOTTOM - r->y);
  cairo_clip (r->cr);
  wfl_sankey_render (layout, r->cr, &r->style, NULL);
  cairo_restore (r->cr);
}

static void
gantt_pages (Report        *r,
             WflSimulation *sim)
{
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_orders (sim, NULL, NULL);
  g_autoptr(WflGanttTextMeasurer) measurer = wfl_gantt_text_measurer_new (&r->style);
  WflGanttLayoutOptions options;
  WflGanttLayout *layout;
  double step;
  int pages;

  if (chart == NULL)
    return;
  wfl_gantt_layout_options_init (&options);
  options.width = W - 2 * MARGIN;
  options.height = BODY_BOTTOM - MARGIN - 30;
  options.fit = TRUE;
  options.legend = TRUE;
  options.measure = wfl_gantt_text_measure;
  options.measure_data = measurer;
  layout = wfl_gantt_layout_new (chart, &options);
  /* Whole rows a page. */
  step = MAX (1, floor ((layout->body.y1 - layout->body.y0) / layout->row_height)) * layout->row_height;
  pages = MAX (1, (int) ceil (layout->content_height / step));
  for (int k = 0; k < pages; k++)
    {
      /* Translators: the heading of each page of the orders Gantt */
      g_autofree char *title = g_strdup_printf (_("Orders: where the time goes (%d of %d)"), k + 1, pages);

      heading (r, title, TRUE);
      wfl_gantt_layout_set_scroll (layout, 0, k * step);
      cairo_save (r->cr);
      cairo_translate (r->cr, MARGIN, r->y);
      cairo_rectangle (r->cr, 0, 0, layout->width, layout->height);
      cairo_clip (r->cr);
      wfl_gantt_render (layout, r->cr, &r->style, NULL);
      cairo_restore (r->cr);
    }
  wfl_gantt_layout_free (layout);
}

static void
ranking_section (Report        *r,
                 WflSimulation *sim,
                 GArray        *ranking,
                 int            first,
                 int            last)
{
  const char *headers[] = { _("product"), _("rank"), _("node"), _("name"), _("gain"), _("gain %"),
                            _("lateness change (weeks)") };
  const double widths[] = { 55, 35, 100, 285, 80, 60, 145 };
  const gboolean left[] = { TRUE, FALSE, TRUE, TRUE, FALSE, FALSE, FALSE };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *window = window_text (sim, first, last);
  g_autofree char *title = g_strdup_printf (_("Bottleneck ranking, %s"), window);
  guint rank = 0;

  heading (r, title, TRUE);
  paragraph (r, _("Gain: how many more units of its end product customers hold with 10% more capacity, "
                  "on average over the window’s weeks; gain %: the same against what they hold without."), 9);
  for (guint i = 0; i < ranking->len; i++)
    {
      const WflBottleneck *row = &g_array_index (ranking, WflBottleneck, i);

      rank = i > 0 && g_array_index (ranking, WflBottleneck, i - 1).product == row->product ? rank + 1 : 1;
      g_ptr_array_add (cells, g_strdup (wfl_simulation_get_product_unit (sim, row->product)));
      g_ptr_array_add (cells, g_strdup_printf ("%u", rank));
      g_ptr_array_add (cells, g_strdup (wfl_simulation_get_node_id (sim, row->node)));
      g_ptr_array_add (cells, g_strdup (wfl_simulation_get_node_name (sim, row->node)));
      g_ptr_array_add (cells, wfl_format_number_locale (round (row->gain * 10) / 10, TRUE));
      g_ptr_array_add (cells, isnan (row->share) ? g_strdup ("—")
                                                 : wfl_format_number_locale (round (row->share * 1000) / 10, FALSE));
      g_ptr_array_add (cells, isnan (row->lateness_change) ? g_strdup ("—")
                              : wfl_format_number_locale (round (row->lateness_change * 100) / 100, FALSE));
    }
  table (r, headers, G_N_ELEMENTS (headers), widths, left, cells);
}

/* The table but its names (the ids say which row it is), in columns of
 * equal width after the first. */
static void
figures_section (Report          *r,
                 WflSimulation   *sim,
                 WflFiguresKind   kind,
                 const char      *title)
{
  g_autoptr(WflFiguresTable) figures = wfl_figures_table_new (sim, kind);
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree const char **headers = NULL;
  g_autofree double *widths = NULL;
  g_autofree gboolean *left = NULL;
  guint n;

  for (guint c = 0; c < wfl_figures_table_get_n_columns (figures); c++)
    if (g_strcmp0 (wfl_figures_table_get_title (figures, c), "name") != 0)
      g_array_append_val (shown, c);
  n = shown->len;
  headers = g_new0 (const char *, n);
  widths = g_new (double, n);
  left = g_new0 (gboolean, n);
  heading (r, title, TRUE);
  for (guint i = 0; i < n; i++)
    {
      guint c = g_array_index (shown, guint, i);

      headers[i] = wfl_figures_table_get_title (figures, c);
      left[i] = wfl_figures_table_get_type (figures, c) == WFL_FIGURE_TEXT;
      widths[i] = i == 0 ? 90 : left[i] ? 36 : (W - 2 * MARGIN - 90 - 36) / MAX (n - 2, 1);
    }
  for (guint row = 0; row < wfl_figures_table_get_n_rows (figures); row++)
    for (guint i = 0; i < n; i++)
      g_ptr_array_add (cells, wfl_figures_table_format_cell (figures, row, g_array_index (shown, guint, i), TRUE));
  table (r, headers, n, widths, left, cells);
}

/* How many figures cite the source, by confidence. */
static void
count_citations (WflScenario *s,
                 const char  *source,
                 guint        counts[4])
{
  for (guint n = 0; n < wfl_scenario_get_n_nodes (s); n++)
    {
      WflNode *node = wfl_scenario_get_node (s, n);
      WflSchedule *schedules[] = { node->capacity, node->yield };

      if (g_strcmp0 (node->source, source) == 0)
        counts[node->confidence]++;
      for (guint k = 0; k < G_N_ELEMENTS (schedules); k++)
        for (guint i = 0; schedules[k] != NULL && i < wfl_schedule_get_n_points (schedules[k]); i++)
          if (g_strcmp0 (wfl_schedule_get_point (schedules[k], i)->source, source) == 0)
            counts[wfl_schedule_get_point (schedules[k], i)->confidence]++;
      for (guint i = 0; node->orders != NULL && i < node->orders->len; i++)
        if (g_strcmp0 (((WflOrder *) node->orders->pdata[i])->source, source) == 0)
          counts[((WflOrder *) node->orders->pdata[i])->confidence]++;
    }
  for (guint l = 0; l < wfl_scenario_get_n_links (s); l++)
    {
      WflLink *link = wfl_scenario_get_link (s, l);

      if (g_strcmp0 (link->source, source) == 0)
        counts[link->confidence]++;
      for (guint i = 0; link->mix != NULL && i < wfl_schedule_get_n_points (link->mix); i++)
        if (g_strcmp0 (wfl_schedule_get_point (link->mix, i)->source, source) == 0)
          counts[wfl_schedule_get_point (link->mix, i)->confidence]++;
    }
}

static void
sources_appendix (Report      *r,
                  WflScenario *s)
{
  heading (r, _("Appendix: sources"), TRUE);
  if (wfl_scenario_get_n_sources (s) == 0)
    paragraph (r, _("The scenario names no sources."), 10);
  for (guint i = 0; i < wfl_scenario_get_n_sources (s); i++)
    {
      WflSource *source = wfl_scenario_get_source (s, i);
      guint counts[4] = { 0 };
      g_autofree char *details = NULL, *cited = NULL;

      count_citations (s, source->id, counts);
      details = g_strdup_printf ("%s · %s%s%s%s%s", source->id, wfl_basis_to_string (source->basis),
                                 source->date ? " · " : "", source->date ? source->date : "",
                                 source->url ? " · " : "", source->url ? source->url : "");
      /* Translators: how the figures citing a source are rated */
      cited = g_strdup_printf (_("Cited by %u figures: %u of high, %u of medium, %u of low confidence, %u not rated"),
                               counts[1] + counts[2] + counts[3] + counts[0], counts[1], counts[2], counts[3],
                               counts[0]);
      if (r->y > BODY_BOTTOM - 40)
        new_page (r);
      r->y += text_at (r, MARGIN, r->y, W - 2 * MARGIN, source->title ? source->title : source->id, 9, TRUE,
                       PANGO_ALIGN_LEFT);
      r->y += text_at (r, MARGIN + 12, r->y, W - 2 * MARGIN - 12, details, 8, FALSE, PANGO_ALIGN_LEFT);
      r->y += text_at (r, MARGIN + 12, r->y, W - 2 * MARGIN - 12, cited, 8, FALSE, PANGO_ALIGN_LEFT) + 5;
    }
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
wfl_report_write (WflScenario    *scenario,
                  WflSimulation  *simulation,
                  GArray         *ranking,
                  int             first_week,
                  int             last_week,
                  GFile          *file,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GArray) own_ranking = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Report r = { 0 };

  g_return_val_if_fail (wfl_simulation_has_run (simulation), FALSE);
  first_week = CLAMP (first_week, 0, wfl_simulation_get_n_weeks (simulation) - 1);
  last_week = CLAMP (last_week, first_week, wfl_simulation_get_n_weeks (simulation) - 1);
  if (ranking == NULL)
    {
      own_ranking = wfl_bottlenecks_rank (simulation, first_week, last_week, cancellable, error);
      if (own_ranking == NULL)
        return FALSE;
      ranking = own_ranking;
    }

  surface = cairo_pdf_surface_create_for_stream (write_cb, pdf, W, H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, wfl_scenario_get_title (scenario));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Waferline");
  r.cr = cairo_create (surface);
  r.title = wfl_scenario_get_title (scenario) != NULL ? wfl_scenario_get_title (scenario) : _("Untitled scenario");
  wfl_chart_style_init_light (&r.style);

  title_page (&r, scenario, simulation, first_week, last_week);
  sankey_page (&r, scenario, simulation, ranking, first_week, last_week);
  gantt_pages (&r, simulation);
  ranking_section (&r, simulation, ranking, first_week, last_week);
  figures_section (&r, simulation, WFL_FIGURES_DELIVERIES, _("Deliveries per quarter"));
  sources_appendix (&r, scenario);
  footer (&r);

  cairo_destroy (r.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  wfl_chart_style_clear (&r.style);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_CAIRO, _("Could not draw the brief: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
  return wfl_export_write_bytes (file, bytes, error);
}
