/* test-export-full-disk.c: an export that fails half-way keeps the old file
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wfl-gantt-render.h"
#include "wfl-sankey-render.h"
#include "wfl-test-disk.h"

static const char * const extensions[] = { "png", "svg", "pdf", "json" };
static const WflExportFormat formats[] = {
  WFL_EXPORT_FORMAT_PNG, WFL_EXPORT_FORMAT_SVG, WFL_EXPORT_FORMAT_PDF, WFL_EXPORT_FORMAT_JSON,
};

typedef gboolean (*ExportFunc) (gpointer          chart,
                                WflExportFormat   format,
                                GFile            *file,
                                GError          **error);

static gboolean
export_sankey (gpointer          layout,
               WflExportFormat   format,
               GFile            *file,
               GError          **error)
{
  WflChartStyle style;
  gboolean ok;

  wfl_chart_style_init_light (&style);
  ok = wfl_sankey_export (layout, &style, NULL, format, file, 1, error);
  wfl_chart_style_clear (&style);
  return ok;
}

static gboolean
export_gantt (gpointer          chart,
              WflExportFormat   format,
              GFile            *file,
              GError          **error)
{
  WflGanttExportOptions options;

  wfl_gantt_export_options_init (&options);
  options.width = 1200;
  return wfl_gantt_export (chart, NULL, &options, format, file, error);
}

/* For each format: the full export's size, then failures after none, a
 * few and all but one of its bytes, each leaving the old file and no
 * temporary. */
static void
check_exports (const char *chart_name,
               ExportFunc  export,
               gpointer    chart)
{
  g_autofree char *dir = g_dir_make_tmp ("wfl-export-XXXXXX", NULL);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strdup_printf ("%s.%s", chart_name, extensions[f]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      gsize size;
      gsize budgets[3];

      wfl_test_fail_writes_after (G_MAXSIZE - 1);
      g_assert_true (export (chart, formats[f], file, &error));
      g_assert_no_error (error);
      size = wfl_test_bytes_written ();
      g_assert_cmpuint (size, >, 100);
      wfl_test_fail_writes_after (G_MAXSIZE);

      budgets[0] = 0;
      budgets[1] = 100;
      budgets[2] = size - 1;
      for (guint b = 0; b < G_N_ELEMENTS (budgets); b++)
        {
          g_autofree char *contents = NULL;
          g_autofree char *names = NULL;

          g_assert_true (g_file_set_contents (path, "old", -1, NULL));
          wfl_test_fail_writes_after (budgets[b]);
          g_assert_false (export (chart, formats[f], file, &error));
          wfl_test_fail_writes_after (G_MAXSIZE);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
          g_assert_nonnull (strstr (error->message, path));
          g_clear_error (&error);

          g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, "old");
          names = wfl_test_list_folder (dir);
          g_assert_cmpstr (names, ==, name);
        }
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
test_sankey_exports (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_builtin (NULL);
  g_autoptr(WflSimulation) simulation = wfl_simulation_new (scenario, NULL);
  g_autoptr(WflSankeyGraph) graph = NULL;
  g_autoptr(WflSankeyLayout) layout = NULL;

  g_assert_true (wfl_simulation_run (simulation, NULL, NULL));
  graph = wfl_sankey_graph_new_for_window (scenario, simulation, NULL, 26, 38);
  layout = wfl_sankey_layout_new (graph, NULL, 1280, 800);
  check_exports ("sankey", export_sankey, layout);
}

static void
test_gantt_exports (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_builtin (NULL);
  g_autoptr(WflSimulation) simulation = wfl_simulation_new (scenario, NULL);
  g_autoptr(WflGanttChart) orders = NULL;
  g_autoptr(WflGanttChart) pipeline = NULL;

  g_assert_true (wfl_simulation_run (simulation, NULL, NULL));
  orders = wfl_gantt_chart_new_orders (simulation, NULL, NULL);
  g_assert_nonnull (orders);
  check_exports ("gantt-orders", export_gantt, orders);
  pipeline = wfl_gantt_chart_new_pipeline (scenario, NULL, WFL_DATE_NONE, NULL);
  g_assert_nonnull (pipeline);
  check_exports ("gantt-pipeline", export_gantt, pipeline);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/render/export-full-disk/sankey", test_sankey_exports);
  g_test_add_func ("/wfl/render/export-full-disk/gantt", test_gantt_exports);

  return g_test_run ();
}
