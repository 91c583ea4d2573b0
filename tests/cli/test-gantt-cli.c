/* test-gantt-cli.c: --export … --chart gantt through wfl_cli_export_gantt
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <pango/pangocairo.h>

#include "wfl-cli-private.h"
#include "wfl-test-fonts.h"
#include "wfl-test-temp.h"

/* Runs the export for the built-in scenario; returns the exit status. */
static int
run_export (const char *name,
            const char *mode,
            const char *from,
            const char *to,
            int         width,
            int         height,
            double      scale,
            char      **path_out)
{
  WflCliOptions options = { 0 };
  g_autofree char *teaching = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                     "teaching-three-stage.waferline", NULL);
  g_autofree char *path = wfl_test_temp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WflExportFormat format;
  int status;

  g_assert_true (wfl_export_format_from_path (path, &format, &error));
  options.export_path = path;
  options.file = teaching;
  options.chart = (char *) "gantt";
  options.gantt_mode = (char *) mode;
  options.from = (char *) from;
  options.to = (char *) to;
  options.width = width;
  options.height = height;
  options.scale = scale;
  status = wfl_cli_export_gantt (&options, format, file);

  if (path_out)
    *path_out = g_steal_pointer (&path);
  return status;
}

static void
test_cli_png (void)
{
  g_autofree char *path = NULL;
  cairo_surface_t *png;

  g_assert_cmpint (run_export ("pipeline.png", "pipeline", NULL, NULL, 700, 0, 2, &path), ==, 0);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  /* --width is in chart pixels; --scale multiplies them. */
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1400);
  g_assert_cmpint (cairo_image_surface_get_height (png), >, 100);
  cairo_surface_destroy (png);
  g_clear_pointer (&path, g_free);

  /* --height fixes the height. */
  g_assert_cmpint (run_export ("sized.png", "pipeline", NULL, NULL, 640, 300, 0, &path), ==, 0);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 300);
  cairo_surface_destroy (png);
}

static void
test_cli_svg_pdf (void)
{
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *contents = NULL;
  xmlDoc *doc;
  gsize len;

  g_assert_cmpint (run_export ("pipeline.svg", "pipeline", NULL, NULL, 0, 0, 0, &svg), ==, 0);
  doc = xmlReadFile (svg, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "svg");
  xmlFreeDoc (doc);

  g_assert_cmpint (run_export ("pipeline.pdf", "pipeline", NULL, NULL, 0, 0, 0, &pdf), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
  g_assert_true (len > 5 && memcmp (contents, "%PDF-", 5) == 0);
}

/* The built-in teaching example: wafers (lead 0) -> fab (lead 2) -> cust. */
static void
test_cli_json_window (void)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (run_export ("pipeline.json", "pipeline", "2023-02-06", "2023-04-30", 900, 0, 0, &path), ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"chart\":\"gantt\""));
  g_assert_nonnull (strstr (text, "\"mode\":\"pipeline\""));
  /* --from places the order and starts the window; --to ends it. */
  g_assert_nonnull (strstr (text, "\"from\":\"2023-02-06\""));
  g_assert_nonnull (strstr (text, "\"to\":\"2023-05-01\""));
  g_assert_nonnull (strstr (text, "\"stage\":\"fab\",\"label\":\"Fab\",\"start\":\"2023-02-06\",\"end\":\"2023-02-20\""));
  g_assert_nonnull (strstr (text, "\"kind\":\"work\""));
}

/* Orders mode, the default: the teaching example's one order.  By hand
 * (docs/model.md's worked example): fab can start only 40 of the 60 dies
 * it needs in week 0 and asks for wafers for those; the last units come
 * from the wafers started and shipped in week 1, which fab starts at once
 * and completes in week 3, when the order is filled: no queue. */
static void
test_cli_orders (void)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *png_path = NULL;
  cairo_surface_t *png;

  g_assert_cmpint (run_export ("orders.json", NULL, NULL, NULL, 900, 0, 0, &path), ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"mode\":\"orders\""));
  g_assert_nonnull (strstr (text, "\"id\":\"cust/o1\""));
  g_assert_nonnull (strstr (text, "\"stage\":\"fab\",\"label\":\"Fab\",\"start\":\"2023-01-09\",\"end\":\"2023-01-23\""));
  g_assert_null (strstr (text, "\"kind\":\"queue\""));
  g_assert_nonnull (strstr (text, "\"kind\":\"filled\""));

  g_assert_cmpint (run_export ("orders.png", "orders", NULL, NULL, 800, 0, 0, &png_path), ==, 0);
  png = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
  cairo_surface_destroy (png);
}

/* The built-in scenario with --from/--to: the orders export shows the
 * orders with something in those dates (not all of them as empty rows),
 * and the pipeline export places its order on --from, so that its bars
 * are in the window however far it is from the scenario's as-of date. */
static void
test_cli_window_builtin (void)
{
  WflCliOptions options = { 0 };
  g_autofree char *all_path = wfl_test_temp_path ("all.png");
  g_autofree char *window_path = wfl_test_temp_path ("window.png");
  g_autofree char *pipeline_path = wfl_test_temp_path ("pipeline.json");
  g_autofree char *text = NULL;
  g_autoptr(GFile) all_file = g_file_new_for_path (all_path);
  g_autoptr(GFile) window_file = g_file_new_for_path (window_path);
  g_autoptr(GFile) pipeline_file = g_file_new_for_path (pipeline_path);
  cairo_surface_t *all, *window;

  options.chart = (char *) "gantt";
  options.gantt_mode = (char *) "orders";
  options.width = 900;
  options.export_path = all_path;
  g_assert_cmpint (wfl_cli_export_gantt (&options, WFL_EXPORT_FORMAT_PNG, all_file), ==, 0);
  options.from = (char *) "2025-07-07";
  options.to = (char *) "2025-09-28";
  options.export_path = window_path;
  g_assert_cmpint (wfl_cli_export_gantt (&options, WFL_EXPORT_FORMAT_PNG, window_file), ==, 0);
  all = cairo_image_surface_create_from_png (all_path);
  window = cairo_image_surface_create_from_png (window_path);
  g_assert_cmpint (cairo_image_surface_get_height (window), <, cairo_image_surface_get_height (all) / 2);
  g_assert_cmpint (cairo_image_surface_get_height (window), >, 200);
  cairo_surface_destroy (all);
  cairo_surface_destroy (window);

  options.gantt_mode = (char *) "pipeline";
  options.from = (char *) "2025-01-06";
  options.to = (char *) "2025-06-29";
  options.export_path = pipeline_path;
  g_assert_cmpint (wfl_cli_export_gantt (&options, WFL_EXPORT_FORMAT_JSON, pipeline_file), ==, 0);
  g_assert_true (g_file_get_contents (pipeline_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"start\":\"2025-01-06\""));
  g_assert_nonnull (strstr (text, "\"kind\":\"work\""));
}

static void
test_cli_errors (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *bad = wfl_test_temp_path ("bad.png");

      /* Each prints one line to standard error and fails. */
      g_assert_cmpint (run_export ("bad.png", "gant", NULL, NULL, 0, 0, 0, NULL), !=, 0);
      g_assert_cmpint (run_export ("bad.png", "pipeline", "2023-13-45", NULL, 0, 0, 0, NULL), !=, 0);
      g_assert_cmpint (run_export ("bad.png", "pipeline", "2023-05-01", "2023-04-01", 0, 0, 0, NULL), !=, 0);
      g_assert_cmpint (run_export ("bad.png", "pipeline", NULL, NULL, 0, 0, -1, NULL), !=, 0);
      g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*--gantt-mode must be orders or pipeline*");
  g_test_trap_assert_stderr ("*is not a date*");
  g_test_trap_assert_stderr ("*--to must come after --from*");
  g_test_trap_assert_stderr ("*--scale*");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/render/gantt-cli/png", test_cli_png);
  g_test_add_func ("/wfl/render/gantt-cli/svg-pdf", test_cli_svg_pdf);
  g_test_add_func ("/wfl/render/gantt-cli/json-window", test_cli_json_window);
  g_test_add_func ("/wfl/render/gantt-cli/orders", test_cli_orders);
  g_test_add_func ("/wfl/render/gantt-cli/errors", test_cli_errors);
  g_test_add_func ("/wfl/render/gantt-cli/window-builtin", test_cli_window_builtin);

  status = g_test_run ();
  wfl_test_remove_temp_dir ();

  wfl_test_release_font_caches ();
  return status;
}
