/* test-sankey-view-labels.c: the Sankey's labels as the window shows them
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window at its default size (1200 × 800, the inspector shown) and
 * at 1600 × 1000, on the built-in scenario, quarter by quarter: the view
 * gets the layout size the render tests use (wfl-test-sankey-sizes.h),
 * and in the layout it shows every node that carries something has a
 * label (issue 16: at the default size the Nvidia allocation had none in
 * any quarter); names cut short stay few.
 */

#include "config.h"

#include <adwaita.h>

#include "wfl-resources.h"
#include "wfl-sankey-view-private.h"
#include "wfl-test-sankey-sizes.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

typedef struct
{
  WflWindow       *window;
  WflSankeyLayout *before;
} Wait;

/* The view shows the document's window, laid out anew and ranked. */
static gboolean
sankey_settled (gpointer data)
{
  Wait *w = data;
  WflDocument *document = wfl_window_get_document (w->window);
  WflSankeyLayout *layout = _wfl_sankey_view_get_layout (w->window->sankey_view);

  return wfl_document_get_results (document) != NULL && wfl_document_get_bottlenecks (document) != NULL &&
         layout != NULL && layout != w->before && !_wfl_sankey_view_is_busy (w->window->sankey_view);
}

/* Opens the window at width × height (the size it keeps in its
 * settings), checks the view's layout size, then every quarter. */
static void
check_window (int    width,
              int    height,
              double layout_w,
              double layout_h,
              guint  max_cut,
              guint  max_short)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.waferline.Waferline");
  WflWindow *window;
  WflDocument *document;
  Wait w = { NULL, NULL };
  guint n_labels = 0, n_cut = 0, n_short = 0, hidden = 0;
  int weeks;

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_boolean (settings, "show-inspector", TRUE);
  window = wfl_test_new_window ();
  document = wfl_window_get_document (window);
  w.window = window;
  wfl_window_show_view (window, WFL_CHART_SANKEY);
  wfl_test_wait_until (sankey_settled, &w);
  g_test_message ("%d x %d (%d x %d inside its frame): the Sankey laid out at %g x %g", width, height,
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)),
                  wfl_sankey_layout_get_width (_wfl_sankey_view_get_layout (window->sankey_view)),
                  wfl_sankey_layout_get_height (_wfl_sankey_view_get_layout (window->sankey_view)));
  g_assert_cmpfloat (wfl_sankey_layout_get_width (_wfl_sankey_view_get_layout (window->sankey_view)), ==, layout_w);
  g_assert_cmpfloat (wfl_sankey_layout_get_height (_wfl_sankey_view_get_layout (window->sankey_view)), ==, layout_h);

  weeks = wfl_scenario_get_weeks (wfl_document_get_scenario (document));
  for (int first = 0; first + 13 <= weeks; first += 13)
    {
      WflSankeyLayout *layout;
      WflSankeyGraph *graph;

      w.before = _wfl_sankey_view_get_layout (window->sankey_view);
      wfl_document_set_sankey_window (document, first, first + 12);
      wfl_test_wait_until (sankey_settled, &w);
      layout = _wfl_sankey_view_get_layout (window->sankey_view);
      graph = wfl_sankey_layout_get_graph (layout);
      for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
        {
          const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);

          if (g->value <= 0)
            continue;
          n_labels++;
          if (!g->label_visible)
            {
              g_test_message ("weeks %d-%d: %s has no label", first, first + 12,
                              wfl_sankey_graph_get_node (graph, v)->id);
              hidden++;
            }
          n_cut += g->label_visible && g->label_ellipsized;
          n_short += g->label_visible && g->label_shortened;
        }
    }
  g_test_message ("%d x %d: %u labels of nodes with flow, %u without, %u cut, %u short", width, height,
                  n_labels, hidden, n_cut, n_short);
  g_assert_cmpuint (n_labels, >, 400);
  g_assert_cmpuint (hidden, ==, 0);
  g_assert_cmpuint (n_cut, <=, max_cut);
  g_assert_cmpuint (n_short, <=, max_short);
  wfl_test_destroy_window (window);
}

/* The default size: 17 of 520 names cut and 49 short (before: 16 nodes
 * without a label, 50 names cut). */
static void
test_labels_default_size (void)
{
  check_window (1200, 800, WFL_TEST_SANKEY_DEFAULT_W, WFL_TEST_SANKEY_DEFAULT_H, 17, 52);
}

static void
test_labels_large (void)
{
  check_window (1600, 1000, WFL_TEST_SANKEY_LARGE_W, WFL_TEST_SANKEY_LARGE_H, 0, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/sankey-view-labels/default-size", test_labels_default_size);
  g_test_add_func ("/wfl/ui/sankey-view-labels/large", test_labels_large);

  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
