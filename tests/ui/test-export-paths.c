/* test-export-paths.c: the window's Export and the command line's --export agree
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart exported from the window (wfl_window_export_chart, what the
 * Export dialog calls, with the chart and view state of the window's
 * document) and from the command line (wfl_cli_export, what `--export
 * --chart …` runs on the same file) must be the same bytes when both ask
 * for the same chart at the same size: both hand the chart to the render
 * layer's one export entry (wfl_gantt_export, wfl_sankey_export).  The
 * Gantt in both modes and the Sankey, as SVG, PNG and JSON, on the
 * built-in scenario (with saved view state) and on a file without any.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "wfl-application.h"
#include "wfl-cli-private.h"
#include "wfl-resources.h"
#include "wfl-test-temp.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-sankey-diff.h"
#include "wfl-sankey-render.h"
#include "wfl-sankey-view-private.h"
#include "wfl-window-private.h"

static gboolean
results_ready (gpointer data)
{
  return wfl_document_get_results (wfl_window_get_document (data)) != NULL;
}

static gboolean
renumber_cb (const GMatchInfo *match,
             GString          *result,
             gpointer          user_data)
{
  GHashTable *numbers = user_data;
  g_autofree char *id = g_match_info_fetch (match, 1);
  gpointer n;

  if (!g_hash_table_lookup_extended (numbers, id, NULL, &n))
    {
      n = GUINT_TO_POINTER (g_hash_table_size (numbers));
      g_hash_table_insert (numbers, g_steal_pointer (&id), n);
    }
  g_string_append_printf (result, "surface%u", GPOINTER_TO_UINT (n));
  return FALSE;
}

/* cairo 1.16 names an SVG's drawing "surface<N>" after the cairo
 * surface's serial number in the process, which counts every surface made
 * before it (the window draws with cairo too): the same chart exported
 * twice in one process differs in that number only.  Number them in order
 * of appearance instead. */
static char *
renumber_svg_surfaces (const char *svg,
                       gsize       length,
                       gsize      *new_length)
{
  g_autoptr(GRegex) regex = g_regex_new ("surface([0-9]+)", 0, 0, NULL);
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char *text = g_regex_replace_eval (regex, svg, length, 0, 0, renumber_cb, numbers, NULL);

  g_assert_nonnull (text);
  g_assert_cmpuint (g_hash_table_size (numbers), >, 0);
  *new_length = strlen (text);
  return text;
}

/* The same bytes; for SVG, up to the surface numbers. */
static void
assert_same_bytes (const char *a,
                   const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  gsize nx, ny;

  g_assert_true (g_file_get_contents (a, &x, &nx, NULL));
  g_assert_true (g_file_get_contents (b, &y, &ny, NULL));
  g_assert_cmpuint (nx, >, 0);
  if (g_str_has_suffix (a, ".svg"))
    {
      char *rx = renumber_svg_surfaces (x, nx, &nx);
      char *ry = renumber_svg_surfaces (y, ny, &ny);

      g_free (x), x = rx;
      g_free (y), y = ry;
    }
  g_assert_cmpuint (nx, ==, ny);
  g_assert_true (memcmp (x, y, nx) == 0);
}

/* How many pixels of a PNG are exactly colour c. */
static guint
count_colour (const char    *path,
              const WflRgba *c)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 px = *(const guint32 *) (gconstpointer) (data + y * stride + 4 * x);

        n += ((px >> 16) & 0xff) == (guint) round (c->r * 255) && ((px >> 8) & 0xff) == (guint) round (c->g * 255) &&
             (px & 0xff) == (guint) round (c->b * 255);
      }
  cairo_surface_destroy (surface);
  return n;
}

/* Exports one chart (mode: the Gantt's, NULL for the Sankey) as .ext
 * through the window and through the command line, and compares. */
static void
export_both (WflWindow  *window,
             const char *scenario_path,
             const char *mode,
             const char *ext,
             int         width,
             int         height,
             double      scale)
{
  WflChartKind chart = mode != NULL ? WFL_CHART_GANTT : WFL_CHART_SANKEY;
  g_autofree char *name = g_strdup_printf ("%s-%s-%d.%s", mode ? mode : "sankey",
                                           scenario_path ? "file" : "builtin", width, ext);
  g_autofree char *window_name = g_strconcat ("window-", name, NULL);
  g_autofree char *cli_name = g_strconcat ("cli-", name, NULL);
  g_autofree char *window_path = wfl_test_temp_path (window_name);
  g_autofree char *cli_path = wfl_test_temp_path (cli_name);
  g_autoptr(GFile) window_file = g_file_new_for_path (window_path);
  g_autoptr(GError) error = NULL;
  WflCliOptions options = { 0 };
  WflExportFormat format;

  if (mode != NULL)
    {
      WflGanttMode gantt_mode;

      g_assert_true (wfl_gantt_mode_from_string (mode, &gantt_mode));
      wfl_document_set_gantt_mode (wfl_window_get_document (window), gantt_mode);
    }

  g_assert_true (wfl_export_format_from_path (window_path, &format, &error));
  g_assert_true (wfl_window_export_chart (window, chart, format, window_file,
                                          width, height, scale, &error));
  g_assert_no_error (error);

  options.export_path = cli_path;
  options.chart = (char *) (mode != NULL ? "gantt" : "sankey");
  options.gantt_mode = (char *) mode;
  options.width = width;
  options.height = height;
  options.scale = scale;
  options.file = (char *) scenario_path;
  g_assert_cmpint (wfl_cli_export (&options), ==, 0);

  assert_same_bytes (window_path, cli_path);
}

static void
export_all (WflWindow  *window,
            const char *scenario_path)
{
  static const char *const modes[] = { "orders", "pipeline", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      export_both (window, scenario_path, modes[i], "svg", 900, 600, 1);
      export_both (window, scenario_path, modes[i], "png", 640, 480, 2);
      export_both (window, scenario_path, modes[i], "json", 1000, 700, 1);
    }
}

static void
test_export_paths_builtin (void)
{
  WflWindow *window = wfl_test_new_window ();

  wfl_test_wait_until (results_ready, window);
  export_all (window, NULL);
  wfl_test_destroy_window (window);
}

static void
test_export_paths_file (void)
{
  WflWindow *window = wfl_test_new_window ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                 "teaching-three-stage.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  /* Loaded before the built-in scenario is simulated, so that the results
   * the window waits for are the file's. */
  g_assert_true (wfl_document_load (wfl_window_get_document (window), file, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (wfl_document_get_results (wfl_window_get_document (window)));
  wfl_test_wait_until (results_ready, window);

  export_all (window, path);
  wfl_test_destroy_window (window);
}

static gboolean
sankey_settled (gpointer data)
{
  WflWindow *window = data;

  return wfl_document_get_results (wfl_window_get_document (window)) != NULL &&
         wfl_document_get_bottlenecks (wfl_window_get_document (window)) != NULL &&
         _wfl_sankey_view_get_layout (window->sankey_view) != NULL &&
         !_wfl_sankey_view_is_busy (window->sankey_view);
}

/* At the size of the Sankey on screen, the exported chart is the one the
 * screen shows: the same layout (the same labels, placed and cut the
 * same way), inside the same margin. */
static void
test_export_paths_screen_size (void)
{
  WflWindow *window = wfl_test_new_window ();
  g_autofree char *path = wfl_test_temp_path ("screen.json");
  g_autofree char *png_path = wfl_test_temp_path ("screen.png");
  g_autofree char *scenario_path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                          "teaching-three-stage.waferline", NULL);
  g_autoptr(GFile) scenario_file = g_file_new_for_path (scenario_path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) png_file = g_file_new_for_path (png_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *shown = NULL;
  cairo_surface_t *png;
  gsize length;
  int width, height;

  /* The teaching example: the built-in scenario's bottleneck ranking,
   * which the view waits for, takes minutes under the sanitizers. */
  g_assert_true (wfl_document_load (wfl_window_get_document (window), scenario_file, NULL, &error));
  g_assert_no_error (error);
  wfl_window_show_view (window, WFL_CHART_SANKEY);
  wfl_test_wait_until (sankey_settled, window);
  width = gtk_widget_get_width (GTK_WIDGET (window->sankey_view));
  height = gtk_widget_get_height (GTK_WIDGET (window->sankey_view));
  g_assert_cmpint (width, >, 100);

  g_assert_true (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_JSON, file,
                                          width, height, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &exported, &length, &error));
  shown = wfl_sankey_layout_to_json (_wfl_sankey_view_get_layout (window->sankey_view), &length);
  g_assert_cmpstr (exported, ==, shown);

  /* The picture is the size asked for, with a blank margin all round. */
  g_assert_true (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_PNG, png_file,
                                          width, height, 1, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, height);
  {
    const guint32 *px = (const guint32 *) (const void *) cairo_image_surface_get_data (png);
    int stride = cairo_image_surface_get_stride (png) / 4;
    guint32 corner = px[0];

    for (int y = 0; y < height; y++)
      for (int x = 0; x < width; x++)
        if (x < WFL_SANKEY_MARGIN / 2 || y < WFL_SANKEY_MARGIN / 2 ||
            x >= width - WFL_SANKEY_MARGIN / 2 || y >= height - WFL_SANKEY_MARGIN / 2)
          g_assert_cmphex (px[y * stride + x], ==, corner);
  }
  cairo_surface_destroy (png);
  g_unlink (path);
  g_unlink (png_path);
  wfl_test_destroy_window (window);
}

static char *
iso_date (WflDate date)
{
  int y, m, d;

  wfl_date_to_ymd (date, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* The built-in scenario, one quarter (issue 16: the window and the
 * command line laid it out in other column orders): at the size of the
 * view the window's export is the layout on screen, and the window's
 * export of the quarter and the command line's with --from/--to are the
 * same bytes, as PNG and SVG.  The view pins each window to a reference
 * of the whole calendar; the exports pin alike. */
static void
test_export_paths_builtin_quarter (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  g_autofree char *json_path = wfl_test_temp_path ("quarter.json");
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *free_json = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const char *const exts[] = { "png", "svg" };
  WflDate start;
  gsize length;
  int width, height;

  wfl_window_show_view (window, WFL_CHART_SANKEY);
  wfl_test_wait_until (results_ready, window);
  /* Q3 2024: weeks 78 to 90 of the calendar. */
  wfl_document_set_sankey_window (document, 78, 90);
  wfl_test_wait_until (sankey_settled, window);
  width = gtk_widget_get_width (GTK_WIDGET (window->sankey_view));
  height = gtk_widget_get_height (GTK_WIDGET (window->sankey_view));
  g_assert_cmpint (width, >, 100);

  g_assert_true (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_JSON, json_file,
                                          width, height, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (json_path, &exported, &length, &error));
  shown = wfl_sankey_layout_to_json (_wfl_sankey_view_get_layout (window->sankey_view), &length);
  g_assert_cmpstr (exported, ==, shown);
  /* Pinned: laid out free, the quarter comes out otherwise, so the
   * comparison above could tell. */
  {
    WflSimulation *results = wfl_document_get_results (document);
    g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new_for_window (wfl_document_get_scenario (document), results,
                                                                      wfl_document_get_bottlenecks (document), 78, 90);
    g_autoptr(WflSankeyLayout) layout = NULL;
    WflSankeyLayoutOptions options;
    WflChartStyle style;

    wfl_chart_style_init_light (&style);
    wfl_sankey_layout_options_init (&options);
    options.font_family = style.font_family;
    options.font_size = style.font_size;
    layout = wfl_sankey_layout_new (graph, &options, width - 2 * WFL_SANKEY_MARGIN, height - 2 * WFL_SANKEY_MARGIN);
    free_json = wfl_sankey_layout_to_json (layout, &length);
    g_assert_cmpstr (free_json, !=, shown);
    wfl_chart_style_clear (&style);
  }

  start = wfl_scenario_get_start (wfl_document_get_scenario (document));
  from = iso_date (wfl_date_of_week (start, 78));
  to = iso_date (wfl_date_of_week (start, 91) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *name = g_strdup_printf ("quarter.%s", exts[i]);
      g_autofree char *window_name = g_strconcat ("window-", name, NULL);
      g_autofree char *cli_name = g_strconcat ("cli-", name, NULL);
      g_autofree char *window_path = wfl_test_temp_path (window_name);
      g_autofree char *cli_path = wfl_test_temp_path (cli_name);
      g_autoptr(GFile) window_file = g_file_new_for_path (window_path);
      WflCliOptions options = { 0 };
      WflExportFormat format;

      g_assert_true (wfl_export_format_from_path (window_path, &format, &error));
      g_assert_true (wfl_window_export_chart (window, WFL_CHART_SANKEY, format, window_file,
                                              width, height, 1, &error));
      g_assert_no_error (error);
      options.export_path = cli_path;
      options.chart = (char *) "sankey";
      options.width = width;
      options.height = height;
      options.scale = 1;
      options.from = from;
      options.to = to;
      g_assert_cmpint (wfl_cli_export (&options), ==, 0);
      assert_same_bytes (window_path, cli_path);
    }
  g_unlink (json_path);
  wfl_test_destroy_window (window);
}

static gboolean
comparison_settled (gpointer data)
{
  WflWindow *window = data;
  WflDocument *document = wfl_window_get_document (window);

  return !wfl_document_get_busy (document) && wfl_document_get_results (document) != NULL &&
         wfl_document_get_bottlenecks (document) != NULL &&
         wfl_compare_session_get_comparison (_wfl_window_get_compare_session (window)) != NULL &&
         _wfl_sankey_view_get_layout (window->sankey_view) != NULL &&
         !_wfl_sankey_view_is_busy (window->sankey_view);
}

/* Comparing, the difference Sankey from the window (the variant pinned
 * to the view's reference, as on screen) and from `--compare BASE FILE`
 * with the same dates are the same PNG. */
/* The difference Sankey carries the worst knock-out of the document's
 * scenario (the variant, which the experiment runs on) as the view marks
 * it: the window's export with the view's flagged node is the file of
 * --knockout --chart sankey --compare BASE over the same window, and the
 * mark's colour is where the plain difference export has none of it. */
static void
check_difference_knockout (WflWindow  *window,
                           const char *base_path,
                           const char *variant_path,
                           const char *from,
                           const char *to)
{
  WflDocument *document = wfl_window_get_document (window);
  g_autofree char *window_path = wfl_test_temp_path ("window-difference-knockout.png");
  g_autofree char *cli_path = wfl_test_temp_path ("cli-difference-knockout.png");
  g_autofree char *plain_path = wfl_test_temp_path ("window-difference-plain.png");
  g_autoptr(GFile) window_file = g_file_new_for_path (window_path);
  g_autoptr(GFile) plain_file = g_file_new_for_path (plain_path);
  g_autoptr(WflKnockout) knockout = NULL;
  g_autoptr(GError) error = NULL;
  WflExperimentOptions run;
  WflCliOptions options = { 0 };
  WflChartStyle style;
  const char *worst;
  guint marked, plain;

  /* The worst knock-out as the command line finds it: 4 weeks from the
   * calendar's start, over the window. */
  wfl_experiment_options_init (&run);
  wfl_document_get_sankey_window (document, &run.from_week, &run.to_week);
  knockout = wfl_knockout_run (wfl_document_get_scenario (document), 0, 4, &run, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wfl_knockout_get_n_rows (knockout), >, 0);
  g_assert_cmpfloat (wfl_knockout_get_row (knockout, 0)->worst_share, >, 0);
  worst = wfl_simulation_get_node_id (wfl_knockout_get_simulation (knockout), wfl_knockout_get_row (knockout, 0)->node);
  g_test_message ("worst knock-out: %s", worst);

  g_assert_true (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_PNG, plain_file,
                                          1000, 700, 1, &error));
  wfl_sankey_view_set_flagged_node (window->sankey_view, worst, "Worst knock-out");
  g_assert_true (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_PNG, window_file,
                                          1000, 700, 1, &error));
  g_assert_no_error (error);
  wfl_sankey_view_set_flagged_node (window->sankey_view, NULL, NULL);

  options.export_path = cli_path;
  options.compare_path = (char *) base_path;
  options.file = (char *) variant_path;
  options.knockout = (char *) "4";
  options.chart = (char *) "sankey";
  options.width = 1000;
  options.height = 700;
  options.scale = 1;
  options.from = (char *) from;
  options.to = (char *) to;
  g_assert_cmpint (wfl_cli_experiment (&options), ==, 0);
  assert_same_bytes (window_path, cli_path);

  wfl_chart_style_init_light (&style);
  marked = count_colour (window_path, &style.late);
  plain = count_colour (plain_path, &style.late);
  wfl_chart_style_clear (&style);
  g_test_message ("late colour: %u pixels marked, %u plain", marked, plain);
  g_assert_cmpuint (marked, >, plain + 100);
}

static void
test_export_paths_difference (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  g_autofree char *base_path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                      "ai-hardware-2023-2025.waferline", NULL);
  g_autofree char *variant_path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                         "cowos-doubled-2023.waferline", NULL);
  g_autofree char *window_path = wfl_test_temp_path ("window-difference.png");
  g_autofree char *cli_path = wfl_test_temp_path ("cli-difference.png");
  g_autoptr(GFile) base = g_file_new_for_path (base_path);
  g_autoptr(GFile) variant = g_file_new_for_path (variant_path);
  g_autoptr(GFile) window_file = g_file_new_for_path (window_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  WflCliOptions options = { 0 };
  WflDate start;
  int first, last;

  wfl_window_show_view (window, WFL_CHART_SANKEY);
  g_assert_true (wfl_document_load (document, variant, NULL, &error));
  g_assert_no_error (error);
  wfl_test_wait_until (wfl_test_document_not_busy, document);
  _wfl_window_compare_with_file (window, base);
  wfl_test_wait_until (comparison_settled, window);

  g_assert_true (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_PNG, window_file,
                                          1000, 700, 1, &error));
  g_assert_no_error (error);
  wfl_document_get_sankey_window (document, &first, &last);
  start = wfl_scenario_get_start (wfl_document_get_scenario (document));
  from = iso_date (wfl_date_of_week (start, first));
  to = iso_date (wfl_date_of_week (start, last) + 6);
  options.export_path = cli_path;
  options.compare_path = base_path;
  options.file = variant_path;
  options.width = 1000;
  options.height = 700;
  options.scale = 1;
  options.from = from;
  options.to = to;
  g_assert_cmpint (wfl_cli_export (&options), ==, 0);
  assert_same_bytes (window_path, cli_path);

  /* And the union the view shows, exported at that size, is the same
   * picture: the window did not lay out a union of its own. */
  {
    g_autofree char *screen_path = wfl_test_temp_path ("screen-difference.png");
    g_autoptr(GFile) screen_file = g_file_new_for_path (screen_path);
    WflSankeyLayoutOptions layout_options;
    WflChartStyle style;

    g_assert_nonnull (window->sankey_view->diff);
    wfl_chart_style_init_light (&style);
    wfl_sankey_layout_options_init (&layout_options);
    layout_options.font_family = style.font_family;
    layout_options.font_size = style.font_size;
    g_assert_true (wfl_sankey_diff_export (window->sankey_view->diff, &layout_options, &style, WFL_EXPORT_FORMAT_PNG,
                                           screen_file, 1000, 700, 1, &error));
    g_assert_no_error (error);
    wfl_chart_style_clear (&style);
    assert_same_bytes (window_path, screen_path);
  }
  check_difference_knockout (window, base_path, variant_path, from, to);
  wfl_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  /* Recent files go to a private folder, not the user's. */
  {
    g_autofree char *data_home = g_dir_make_tmp ("wfl-test-export-paths-XXXXXX", NULL);

    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/export-paths/builtin", test_export_paths_builtin);
  g_test_add_func ("/wfl/ui/export-paths/file", test_export_paths_file);
  g_test_add_func ("/wfl/ui/export-paths/screen-size", test_export_paths_screen_size);
  g_test_add_func ("/wfl/ui/export-paths/builtin-quarter", test_export_paths_builtin_quarter);
  g_test_add_func ("/wfl/ui/export-paths/difference", test_export_paths_difference);

  status = g_test_run ();
  wfl_test_release_application ();
  wfl_test_remove_temp_dir ();
  return status;
}
