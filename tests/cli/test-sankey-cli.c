/* test-sankey-cli.c: --export … --chart sankey and --flows through wfl_cli_export
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>

#include "wfl-cli-private.h"
#include "wfl-sankey-render.h"
#include "wfl-test-temp.h"

/* A chart drawn to the edge of the picture reads as cut off: every
 * Sankey export, of a scenario or of a flow table, keeps a blank margin
 * all round (the screen's), and is the size asked for. */
static void
test_sankey_cli_margin (void)
{
  g_autofree char *flows = g_test_build_filename (G_TEST_DIST, "data", "energy-uk-2050.csv", NULL);
  const char *inputs[] = { flows, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      WflCliOptions options = { 0 };
      g_autofree char *path = wfl_test_temp_path ("margin.png");
      cairo_surface_t *png;
      const guint32 *px;
      int stride, inked = 0;
      guint32 corner;

      options.export_path = path;
      options.chart = (char *) "sankey";
      options.flows_path = (char *) inputs[i];
      options.width = 900;
      options.height = 600;
      g_assert_cmpint (wfl_cli_export (&options), ==, 0);

      png = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, 900);
      g_assert_cmpint (cairo_image_surface_get_height (png), ==, 600);
      px = (const guint32 *) (const void *) cairo_image_surface_get_data (png);
      stride = cairo_image_surface_get_stride (png) / 4;
      corner = px[0];
      for (int y = 0; y < 600; y++)
        for (int x = 0; x < 900; x++)
          {
            gboolean edge = x < WFL_SANKEY_MARGIN / 2 || y < WFL_SANKEY_MARGIN / 2 ||
                            x >= 900 - WFL_SANKEY_MARGIN / 2 || y >= 600 - WFL_SANKEY_MARGIN / 2;

            if (edge)
              g_assert_cmphex (px[y * stride + x], ==, corner);
            else if (px[y * stride + x] != corner)
              inked++;
          }
      /* And the chart is there, inside. */
      g_assert_cmpint (inked, >, 900 * 600 / 10);
      cairo_surface_destroy (png);
      g_unlink (path);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/cli/sankey/margin", test_sankey_cli_margin);

  status = g_test_run ();
  wfl_test_remove_temp_dir ();
  return status;
}
