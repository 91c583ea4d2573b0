/* test-experiment-charts.c: whiskers on the orders Gantt and the charts
 * of the experiments
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-experiment-charts.h"
#include "wfl-model.h"

static WflScenario *
fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-uncertainty.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WflScenario *s = wfl_scenario_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return s;
}

/* Each order row gets the experiment's percentiles, and the chart's
 * extent reaches its P90. */
static void
test_whiskers (void)
{
  g_autoptr(WflScenario) s = fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WflMonteCarlo) mc = wfl_monte_carlo_run (s, 100, 42, NULL, NULL, &error);
  g_autoptr(WflGanttChart) chart = NULL;
  const WflGanttRow *row;
  double first, last;
  int w[3];

  g_assert_no_error (error);
  chart = wfl_gantt_chart_new_orders (wfl_monte_carlo_get_simulation (mc), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wfl_gantt_chart_add_whiskers (chart, mc), ==, 1);
  row = g_ptr_array_index (chart->rows, 0);
  wfl_monte_carlo_get_order_weeks (mc, 0, &w[0], &w[1], &w[2]);
  for (int k = 0; k < 3; k++)
    g_assert_cmpfloat (row->whisker[k], ==, w[k]);
  g_assert_cmpfloat (row->whisker[0], <, row->whisker[2]);
  g_assert_true (wfl_gantt_chart_get_extent (chart, &first, &last));
  g_assert_cmpfloat (last, >=, row->whisker[2] + 1);
}

/* The fan chart draws its P50 line in the first categorical colour. */
static void
test_fan_paints (void)
{
  g_autoptr(WflScenario) s = fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WflMonteCarlo) mc = wfl_monte_carlo_run (s, 50, 1, NULL, NULL, &error);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t *cr = cairo_create (surface);
  WflChartStyle style;
  guint8 *data;
  int stride, coloured = 0;

  g_assert_no_error (error);
  wfl_chart_style_init_light (&style);
  wfl_fan_chart_paint (cr, 400, 300, mc, &style);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 300; y++)
    for (int x = 0; x < 400; x++)
      {
        guint32 px = *(guint32 *) (gpointer) (data + y * stride + 4 * x);
        int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

        coloured += fabs (r - style.categorical[0].r * 255) < 8 && fabs (g - style.categorical[0].g * 255) < 8 &&
                    fabs (b - style.categorical[0].b * 255) < 8;
      }
  g_assert_cmpint (coloured, >, 30);   /* the P50 line, 2 px wide */
  wfl_chart_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The charts measure text in the charts' shared context (unhinted, 96
 * dpi): what the target's font options ask for changes no pixel, so
 * that text is as wide on screen as in a PNG, SVG or PDF file. */
static cairo_surface_t *
paint_with_hinting (WflMonteCarlo     *mc,
                    WflKnockout       *knockout,
                    cairo_hint_style_t hint_style,
                    cairo_hint_metrics_t hint_metrics)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 400);
  cairo_t *cr = cairo_create (surface);
  cairo_font_options_t *options = cairo_font_options_create ();
  WflChartStyle style;

  cairo_font_options_set_hint_style (options, hint_style);
  cairo_font_options_set_hint_metrics (options, hint_metrics);
  cairo_set_font_options (cr, options);
  wfl_chart_style_init_light (&style);
  if (mc != NULL)
    wfl_fan_chart_paint (cr, 600, 400, mc, &style);
  else
    wfl_risk_matrix_paint (cr, 600, 400, knockout, 20, &style);
  wfl_chart_style_clear (&style);
  cairo_font_options_destroy (options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  g_assert_true (memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                         (gsize) stride * cairo_image_surface_get_height (a)) == 0);
}

static void
test_text_unhinted (void)
{
  g_autoptr(WflScenario) s = fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WflMonteCarlo) mc = wfl_monte_carlo_run (s, 20, 1, NULL, NULL, &error);
  g_autoptr(WflKnockout) knockout = NULL;
  cairo_surface_t *a, *b;

  g_assert_no_error (error);
  knockout = wfl_knockout_run (s, 1, 2, NULL, NULL, &error);
  g_assert_no_error (error);
  a = paint_with_hinting (mc, NULL, CAIRO_HINT_STYLE_FULL, CAIRO_HINT_METRICS_ON);
  b = paint_with_hinting (mc, NULL, CAIRO_HINT_STYLE_NONE, CAIRO_HINT_METRICS_OFF);
  assert_same_pixels (a, b);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  a = paint_with_hinting (NULL, knockout, CAIRO_HINT_STYLE_FULL, CAIRO_HINT_METRICS_ON);
  b = paint_with_hinting (NULL, knockout, CAIRO_HINT_STYLE_NONE, CAIRO_HINT_METRICS_OFF);
  assert_same_pixels (a, b);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* The rows of a table after its header, each split at commas (the
 * fixture's ids have none). */
static GPtrArray *
csv_rows (GString *table)
{
  g_auto(GStrv) lines = g_strsplit (table->str, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 1; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (rows, g_strsplit (lines[i], ",", -1));
  return rows;
}

/* The criticality chart's bars are mc-criticality.csv's rows, most
 * samples first; the lead time histogram's bars are mc-lead-times.csv's,
 * and its P10, P50, P90 the nearest ranks of those counts. */
static void
test_distributions_equal_csv (void)
{
  g_autoptr(WflScenario) s = fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WflMonteCarlo) mc = wfl_monte_carlo_run (s, 300, 9, NULL, NULL, &error);
  g_autoptr(GArray) bars = NULL;
  g_autoptr(WflLeadHistogram) h = NULL;
  g_autoptr(GPtrArray) crit = NULL, lead = NULL;
  WflExperimentTables tables = { 0 };
  WflSimulation *sim;
  guint64 csv_total = 0, csv_never = 0, seen = 0;
  int csv_p[3] = { -1, -1, -1 }, chart_p[3];
  const double q[3] = { 0.1, 0.5, 0.9 };

  g_assert_no_error (error);
  sim = wfl_monte_carlo_get_simulation (mc);
  wfl_monte_carlo_build_tables (mc, &tables);
  g_assert_cmpstr (tables.names[2], ==, "mc-lead-times.csv");
  g_assert_cmpstr (tables.names[3], ==, "mc-criticality.csv");
  crit = csv_rows (tables.tables[3]);
  lead = csv_rows (tables.tables[2]);

  bars = wfl_criticality_bars (mc);
  g_assert_cmpuint (bars->len, >, 0);
  g_assert_cmpuint (bars->len, ==, crit->len);
  for (guint i = 0; i < bars->len; i++)
    {
      const WflCriticalityBar *bar = &g_array_index (bars, WflCriticalityBar, i);
      gboolean found = FALSE;

      if (i > 0)
        g_assert_cmpuint (bar->samples, <=, g_array_index (bars, WflCriticalityBar, i - 1).samples);
      for (guint r = 0; r < crit->len; r++)
        {
          char **row = crit->pdata[r];

          if (g_strcmp0 (row[0], wfl_simulation_get_node_id (sim, bar->node)) != 0 ||
              g_strcmp0 (row[1], wfl_simulation_get_product_unit (sim, bar->product)) != 0)
            continue;
          found = TRUE;
          g_assert_cmpuint (bar->samples, ==, g_ascii_strtoull (row[2], NULL, 10));
          g_assert_cmpfloat (bar->index, ==, g_ascii_strtod (row[3], NULL));
        }
      g_assert_true (found);
    }

  h = wfl_lead_histogram_new (mc);
  for (guint r = 0; r < lead->len; r++)
    {
      char **row = lead->pdata[r];
      guint64 count = g_ascii_strtoull (row[1], NULL, 10);

      csv_total += count;
      if (row[0][0] == '\0')
        csv_never = count;
      else
        g_assert_cmpuint (h->counts[g_ascii_strtoull (row[0], NULL, 10)], ==, count);
    }
  g_assert_cmpuint (h->never, ==, csv_never);
  g_assert_cmpuint (h->total, ==, csv_total);
  /* Every order of every sample is counted once. */
  g_assert_cmpuint (h->total, ==, 300 * wfl_simulation_get_n_orders (sim));
  for (guint r = 0; r < lead->len; r++)
    {
      char **row = lead->pdata[r];

      if (row[0][0] == '\0')
        continue;
      seen += g_ascii_strtoull (row[1], NULL, 10);
      for (int k = 0; k < 3; k++)
        if (csv_p[k] < 0 && seen >= (guint64) MAX (ceil (q[k] * csv_total), 1))
          csv_p[k] = (int) g_ascii_strtoull (row[0], NULL, 10);
    }
  chart_p[0] = h->p10, chart_p[1] = h->p50, chart_p[2] = h->p90;
  for (int k = 0; k < 3; k++)
    g_assert_cmpint (chart_p[k], ==, csv_p[k]);
  g_assert_cmpint (h->p10, <, h->p90);   /* the fixture's lead varies */
  wfl_experiment_tables_clear (&tables);
}

/* The criticality's first bar and the histogram's bars are painted in
 * the first categorical colour (one product); the P lines are drawn. */
static guint
count_colour (cairo_surface_t *surface,
              const WflRgba   *c)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface), n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 px = *(guint32 *) (gpointer) (data + y * stride + 4 * x);

        n += ((px >> 16) & 0xff) == (int) round (c->r * 255) && ((px >> 8) & 0xff) == (int) round (c->g * 255) &&
             (px & 0xff) == (int) round (c->b * 255);
      }
  return (guint) n;
}

static void
test_distributions_paint (void)
{
  g_autoptr(WflScenario) s = fixture ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WflMonteCarlo) mc = wfl_monte_carlo_run (s, 100, 3, NULL, NULL, &error);
  g_autoptr(GArray) bars = wfl_criticality_bars (mc);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  cairo_t *cr = cairo_create (surface);
  WflChartStyle style;
  guint first, blank;

  g_assert_no_error (error);
  wfl_chart_style_init_light (&style);
  wfl_criticality_chart_paint (cr, 800, 500, mc, &style);
  cairo_surface_flush (surface);
  first = count_colour (surface, &style.categorical[0]);
  /* The bars' area is their shares of the bar width (rows of 26 px less
   * 6): the longest is index × the width. */
  g_assert_cmpuint (first, >, 20 * 20 * g_array_index (bars, WflCriticalityBar, 0).index);
  wfl_lead_histogram_paint (cr, 800, 500, mc, &style);
  cairo_surface_flush (surface);
  g_assert_cmpuint (count_colour (surface, &style.categorical[0]), >, 200);
  blank = count_colour (surface, &style.background);
  g_assert_cmpuint (blank, <, 800 * 500);
  wfl_chart_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/experiment-charts/whiskers", test_whiskers);
  g_test_add_func ("/experiment-charts/fan", test_fan_paints);
  g_test_add_func ("/experiment-charts/text-unhinted", test_text_unhinted);
  g_test_add_func ("/experiment-charts/distributions-equal-csv", test_distributions_equal_csv);
  g_test_add_func ("/experiment-charts/distributions-paint", test_distributions_paint);
  return g_test_run ();
}
