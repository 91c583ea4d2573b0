/* test-gantt-export.c: the Gantt painter through PNG, SVG, PDF and JSON
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pango/pangocairo.h>

#include "gantt-fixtures.h"
#include "wfl-test-fonts.h"
#include "wfl-test-temp.h"
#include "wfl-export.h"
#include "wfl-gantt-layout.h"
#include "wfl-gantt-render.h"

typedef struct
{
  WflGanttLayout *layout;
  WflChartStyle  *style;
  WflGanttRenderState *state;
} PaintData;

static void
paint_cb (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  user_data)
{
  PaintData *data = user_data;

  wfl_gantt_render (data->layout, cr, data->style, data->state);
}

/* WFL_TEST_KEEP=DIR keeps a copy of every picture to look at. */
static void
keep (const char *path)
{
  const char *keep_dir = g_getenv ("WFL_TEST_KEEP");
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  g_autofree char *dest = NULL;
  gsize len;

  if (keep_dir == NULL)
    return;
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  base = g_path_get_basename (path);
  dest = g_build_filename (keep_dir, base, NULL);
  g_assert_true (g_file_set_contents (dest, contents, len, NULL));
}

static WflGanttLayout *
layout_for (WflGanttChart *chart,
            double         width,
            WflGanttTextMeasurer *measurer)
{
  WflGanttLayoutOptions options;

  wfl_gantt_layout_options_init (&options);
  options.width = width;
  options.legend = TRUE;
  options.measure = measurer ? wfl_gantt_text_measure : fixture_measure;
  options.measure_data = measurer;
  return wfl_gantt_layout_new (chart, &options);
}

static void
export (WflGanttLayout      *layout,
        WflChartStyle       *style,
        WflGanttRenderState *state,
        WflExportFormat      format,
        double               scale,
        const char          *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PaintData data = { layout, style, state };

  g_assert_true (wfl_export_paint (format, file, layout->width, layout->height,
                                   scale, paint_cb, &data, &error));
  g_assert_no_error (error);
  keep (path);
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  int stride = cairo_image_surface_get_stride (surface);
  unsigned char *data = cairo_image_surface_get_data (surface);

  cairo_surface_flush (surface);
  return *(const guint32 *) (const void *) (data + (int) y * stride + 4 * (int) x) & 0xffffff;
}

static guint32
rgb_of (const WflRgba *c)
{
  return ((guint32) lround (c->r * 255) << 16) | ((guint32) lround (c->g * 255) << 8) | (guint32) lround (c->b * 255);
}

static int
channel_distance (guint32 a,
                  guint32 b)
{
  int d = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    d = MAX (d, ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return d;
}

static void
test_export_png_pipeline (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, "meta", WFL_DATE_NONE, NULL);
  WflChartStyle style;
  g_autoptr(WflGanttTextMeasurer) measurer = NULL;
  g_autoptr(WflGanttLayout) layout = NULL;
  g_autofree char *path = wfl_test_temp_path ("pipeline-light.png");
  g_autofree char *path2 = wfl_test_temp_path ("pipeline-light@2.png");
  cairo_surface_t *png;
  const WflGanttRowBox *box;
  const WflGanttBarBox *bb;
  const WflGanttRow *row;
  const WflGanttBar *bar;
  guint crit_row = G_MAXUINT;

  wfl_chart_style_init_light (&style);
  measurer = wfl_gantt_text_measurer_new (&style);
  chart->as_of = 30;
  layout = layout_for (chart, 1000, measurer);
  export (layout, &style, NULL, WFL_EXPORT_FORMAT_PNG, 1, path);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) ceil (layout->width));
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, (int) ceil (layout->height));

  /* A critical work bar wide enough: its centre is its stage's colour
   * (the duration text is centred there too, so probe left of it). */
  for (guint r = 0; r < chart->rows->len && crit_row == G_MAXUINT; r++)
    {
      row = g_ptr_array_index (chart->rows, r);
      bar = &g_array_index (row->bars, WflGanttBar, 0);
      if (bar->critical && bar->kind == WFL_GANTT_BAR_WORK && bar->end - bar->start >= 6)
        crit_row = r;
    }
  g_assert_cmpuint (crit_row, !=, G_MAXUINT);
  row = g_ptr_array_index (chart->rows, crit_row);
  bar = &g_array_index (row->bars, WflGanttBar, 0);
  box = &g_array_index (layout->rows, WflGanttRowBox, crit_row);
  bb = &g_array_index (box->bars, WflGanttBarBox, 0);
  g_assert_cmpint (channel_distance (pixel_at (png, bb->rect.x0 + 6, (bb->rect.y0 + bb->rect.y1) / 2),
                                     rgb_of (&style.categorical[bar->color])), <=, 2);
  /* Its outline is the critical colour. */
  g_assert_cmpint (channel_distance (pixel_at (png, (bb->rect.x0 + bb->rect.x1) / 2, bb->rect.y0 + 1.5),
                                     rgb_of (&style.bottleneck)), <=, 40);

  /* Right of the last bar, inside the body, on an even row: background. */
  box = &g_array_index (layout->rows, WflGanttRowBox, 0);
  g_assert_cmpint (channel_distance (pixel_at (png, layout->body.x1 - 3, (box->y0 + box->y1) / 2 - 6),
                                     rgb_of (&style.background)), <=, 2);
  cairo_surface_destroy (png);

  /* Scale 2 doubles the pixels. */
  export (layout, &style, NULL, WFL_EXPORT_FORMAT_PNG, 2, path2);
  png = cairo_image_surface_create_from_png (path2);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) ceil (2 * layout->width));
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, (int) ceil (2 * layout->height));
  cairo_surface_destroy (png);

  wfl_chart_style_clear (&style);
}

static void
test_export_png_orders_dark (void)
{
  g_autoptr(WflGanttChart) chart = fixture_orders_chart ();
  WflChartStyle style;
  g_autoptr(WflGanttTextMeasurer) measurer = NULL;
  g_autoptr(WflGanttLayout) layout = NULL;
  g_autofree char *path = wfl_test_temp_path ("orders-dark.png");
  g_autofree char *light_path = wfl_test_temp_path ("orders-light.png");
  WflGanttRenderState state;
  cairo_surface_t *png;
  const WflGanttRowBox *box;
  const WflGanttMarkerBox *mb;

  wfl_chart_style_init_dark (&style);
  measurer = wfl_gantt_text_measurer_new (&style);
  layout = layout_for (chart, 900, measurer);

  wfl_gantt_render_state_init (&state);
  state.hover = (WflGanttHit) { WFL_GANTT_HIT_BAR, 0, 1 };
  export (layout, &style, &state, WFL_EXPORT_FORMAT_PNG, 1, path);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);

  /* The late order's filled marker is in the late colour. */
  box = &g_array_index (layout->rows, WflGanttRowBox, 1);
  mb = &g_array_index (box->markers, WflGanttMarkerBox, 2);
  g_assert_cmpint (channel_distance (pixel_at (png, mb->x, mb->y), rgb_of (&style.late)), <=, 2);
  /* The on-time order's filled marker is not. */
  box = &g_array_index (layout->rows, WflGanttRowBox, 0);
  mb = &g_array_index (box->markers, WflGanttMarkerBox, 2);
  g_assert_cmpint (channel_distance (pixel_at (png, mb->x, mb->y), rgb_of (&style.foreground)), <=, 2);
  /* The dark background in the header's corner is dark. */
  g_assert_cmpint ((pixel_at (png, 2, 2) & 0xff), <, 0x40);
  cairo_surface_destroy (png);
  wfl_chart_style_clear (&style);

  wfl_chart_style_init_light (&style);
  export (layout, &style, NULL, WFL_EXPORT_FORMAT_PNG, 1, light_path);
  wfl_chart_style_clear (&style);
}

static guint
count_elements (xmlNode    *node,
                const char *name)
{
  guint n = 0;

  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0)
        n++;
      n += count_elements (node->children, name);
    }
  return n;
}

static void
test_export_svg (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, NULL, WFL_DATE_NONE, NULL);
  WflChartStyle style;
  g_autoptr(WflGanttTextMeasurer) measurer = NULL;
  g_autoptr(WflGanttLayout) layout = NULL;
  g_autofree char *path = wfl_test_temp_path ("pipeline.svg");
  g_autofree char *width = NULL;
  xmlDoc *doc;
  xmlNode *root;
  guint n_bars = 0;

  wfl_chart_style_init_light (&style);
  measurer = wfl_gantt_text_measurer_new (&style);
  layout = layout_for (chart, 1100, measurer);
  export (layout, &style, NULL, WFL_EXPORT_FORMAT_SVG, 1, path);

  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  width = (char *) xmlGetProp (root, (const xmlChar *) "width");
  g_assert_nonnull (width);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (width, NULL), layout->width, 0.5);

  /* At least a path for every bar and arrow. */
  for (guint r = 0; r < chart->rows->len; r++)
    n_bars += ((WflGanttRow *) g_ptr_array_index (chart->rows, r))->bars->len;
  g_assert_cmpuint (count_elements (root, "path"), >=, n_bars + layout->arrows->len);

  xmlFreeDoc (doc);
  wfl_chart_style_clear (&style);

  /* The same in the dark style, to look at with WFL_TEST_KEEP. */
  {
    g_autofree char *dark = wfl_test_temp_path ("pipeline-all-dark.png");

    wfl_chart_style_init_dark (&style);
    export (layout, &style, NULL, WFL_EXPORT_FORMAT_PNG, 1, dark);
    wfl_chart_style_clear (&style);
  }
}

static void
test_export_pdf (void)
{
  g_autoptr(WflGanttChart) chart = fixture_orders_chart ();
  WflChartStyle style;
  g_autoptr(WflGanttLayout) layout = NULL;
  g_autofree char *path = wfl_test_temp_path ("orders.pdf");
  g_autofree char *contents = NULL;
  gsize len;
  guint pages = 0;

  wfl_chart_style_init_light (&style);
  layout = layout_for (chart, 800, NULL);
  export (layout, &style, NULL, WFL_EXPORT_FORMAT_PDF, 1, path);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 5);
  g_assert_true (memcmp (contents, "%PDF-", 5) == 0);
  /* The file holds binary streams: search it as bytes. */
  for (const char *p = contents; (p = memmem (p, len - (p - contents), "/Type /Page", 11)) != NULL; p++)
    if (p[11] != 's')
      pages++;
  g_assert_cmpuint (pages, ==, 1);
  g_assert_nonnull (memmem (contents, len, "/Count 1", 8));
  wfl_chart_style_clear (&style);
}

/* The JSON export, read back by Python's json module. */
static void
test_export_json (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, "meta", WFL_DATE_NONE, NULL);
  g_autoptr(WflGanttLayout) layout = NULL;
  g_autofree char *path = wfl_test_temp_path ("pipeline.json");
  g_autofree char *text = NULL;
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  const char *script =
    "import json, sys\n"
    "d = json.load(open(sys.argv[1]))\n"
    "assert d['chart'] == 'gantt' and d['mode'] == 'pipeline'\n"
    "for r in d['rows']:\n"
    "    for b in r['bars']:\n"
    "        print(r['id'], b['stage'], b['kind'], b['start'], b['end'],\n"
    "              '%.3f' % b['start_week'], '%.3f' % b['end_week'],\n"
    "              '%.1f' % b['x0'], '%.1f' % b['x1'], int(b['critical']))\n";
  const char *argv[] = { NULL, "-c", script, NULL, NULL };
  gsize len;
  int status;

  layout = layout_for (chart, 1000, NULL);
  text = wfl_gantt_layout_to_json (layout, &len);
  g_assert_cmpuint (strlen (text), ==, len);
  g_assert_true (g_file_set_contents (path, text, len, NULL));

  if (python == NULL)
    {
      g_test_skip ("python3 is not installed");
      return;
    }

  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);
      const WflGanttRowBox *box = &g_array_index (layout->rows, WflGanttRowBox, r);

      for (guint i = 0; i < row->bars->len; i++)
        {
          const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, i);
          const WflGanttBarBox *bb = &g_array_index (box->bars, WflGanttBarBox, i);
          g_autofree char *start = wfl_date_format (wfl_date_of_week (chart->start, 0) + (int) lround (bar->start * 7));
          g_autofree char *end = wfl_date_format (wfl_date_of_week (chart->start, 0) + (int) lround (bar->end * 7));

          g_string_append_printf (expected, "%s %s %s %s %s %.3f %.3f %.1f %.1f %d\n",
                                  row->id, bar->stage, wfl_gantt_bar_kind_to_string (bar->kind),
                                  start, end, bar->start, bar->end,
                                  bb->rect.x0, bb->rect.x1, bar->critical);
        }
    }

  argv[0] = python;
  argv[3] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3 could not read the JSON: %s", err);
  g_assert_cmpstr (out, ==, expected->str);
}

/* What wfl_gantt_export writes as JSON is the layout of layout_options
 * (the light style's measurer filled in). */
static void
assert_export_lays_out (WflGanttChart               *chart,
                        const WflGanttExportOptions *options,
                        WflGanttLayoutOptions       *layout_options,
                        const char                  *name)
{
  g_autofree char *path = wfl_test_temp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflGanttTextMeasurer) measurer = NULL;
  g_autoptr(WflGanttLayout) layout = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  gsize expected_len, written_len;
  WflChartStyle style;

  wfl_chart_style_init_light (&style);
  measurer = wfl_gantt_text_measurer_new (&style);
  layout_options->measure = wfl_gantt_text_measure;
  layout_options->measure_data = measurer;
  layout = wfl_gantt_layout_new (chart, layout_options);
  expected = wfl_gantt_layout_to_json (layout, &expected_len);

  g_assert_true (wfl_gantt_export (chart, NULL, options, WFL_EXPORT_FORMAT_JSON, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, &written_len, NULL));
  g_assert_cmpuint (written_len, ==, expected_len);
  g_assert_cmpstr (written, ==, expected);
  wfl_chart_style_clear (&style);
}

/* The one export entry of the window and the command line: fitted into
 * the width with a legend, a one-sided time range completed from the
 * chart's extent, the scale for PNG only. */
static void
test_export_entry (void)
{
  g_autoptr(WflScenario) scenario = fixture_gpu_scenario ();
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_pipeline (scenario, NULL, WFL_DATE_NONE, NULL);
  g_autofree char *png_path = wfl_test_temp_path ("entry.png");
  g_autoptr(GFile) png_file = g_file_new_for_path (png_path);
  g_autoptr(GError) error = NULL;
  WflGanttExportOptions options;
  WflGanttLayoutOptions layout_options;
  cairo_surface_t *png;
  double first, last;

  g_assert_true (wfl_gantt_chart_get_extent (chart, &first, &last));
  g_assert_cmpfloat (last, >, first + 2);

  wfl_gantt_export_options_init (&options);
  g_assert_true (isnan (options.from) && isnan (options.to));
  g_assert_cmpfloat (options.height, ==, 0);
  g_assert_cmpfloat (options.scale, ==, 1);

  /* The whole chart at its natural height. */
  options.width = 700;
  wfl_gantt_layout_options_init (&layout_options);
  layout_options.width = 700;
  layout_options.fit = TRUE;
  layout_options.legend = TRUE;
  assert_export_lays_out (chart, &options, &layout_options, "entry-all.json");

  /* From a week on: to a week past the end. */
  options.from = first + 2;
  layout_options.from = first + 2;
  layout_options.to = last + 1;
  assert_export_lays_out (chart, &options, &layout_options, "entry-from.json");

  /* Up to a week, at a height too small for the rows: from a week
   * before the start, and every row (the height asked is a minimum: an
   * export never leaves rows out without a word). */
  options.from = NAN;
  options.to = last - 1;
  options.height = 300;
  layout_options.from = first - 1;
  layout_options.to = last - 1;
  layout_options.height = 0;
  assert_export_lays_out (chart, &options, &layout_options, "entry-to.json");

  /* A height with room to spare is kept. */
  options.height = 900;
  layout_options.height = 900;
  assert_export_lays_out (chart, &options, &layout_options, "entry-tall.json");

  options.height = 300;
  options.scale = 2;
  g_assert_true (wfl_gantt_export (chart, NULL, &options, WFL_EXPORT_FORMAT_PNG, png_file, &error));
  g_assert_no_error (error);
  keep (png_path);
  png = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1400);
  g_assert_cmpint (cairo_image_surface_get_height (png), >, 600);
  cairo_surface_destroy (png);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/render/gantt-export/png-pipeline", test_export_png_pipeline);
  g_test_add_func ("/wfl/render/gantt-export/png-orders-dark", test_export_png_orders_dark);
  g_test_add_func ("/wfl/render/gantt-export/svg", test_export_svg);
  g_test_add_func ("/wfl/render/gantt-export/pdf", test_export_pdf);
  g_test_add_func ("/wfl/render/gantt-export/json", test_export_json);
  g_test_add_func ("/wfl/render/gantt-export/entry", test_export_entry);

  status = g_test_run ();
  wfl_test_remove_temp_dir ();

  /* Release Pango's and cairo's caches so that leak checkers see only
   * our own allocations. */
  wfl_test_release_font_caches ();
  return status;
}
