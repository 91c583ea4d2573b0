/* test-compare-window.c: comparing in the window, and stable layouts in the view
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "wfl-compare-view-private.h"
#include "wfl-resources.h"
#include "wfl-sankey-view-private.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

/* Stable layouts ------------------------------------------------------------ */

typedef struct
{
  WflSankeyView   *view;
  WflSankeyLayout *old;
} Relayout;

static gboolean
relaid_out (gpointer data)
{
  Relayout *r = data;
  WflSankeyLayout *layout = _wfl_sankey_view_get_layout (r->view);

  return layout != NULL && layout != r->old && !_wfl_sankey_view_is_busy (r->view);
}

static int
compare_y (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  WflSankeyLayout *layout = data;
  const WflSankeyNodeGeometry *ga = wfl_sankey_layout_get_node (layout, GPOINTER_TO_UINT (*(gpointer const *) a));
  const WflSankeyNodeGeometry *gb = wfl_sankey_layout_get_node (layout, GPOINTER_TO_UINT (*(gpointer const *) b));

  return ga->y0 < gb->y0 ? -1 : (ga->y0 > gb->y0);
}

/* "col: id id id | col: …": each column's nodes from the top. */
static char *
columns_of (WflSankeyLayout *layout)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  GString *out = g_string_new (NULL);
  guint n_columns = 0;

  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    n_columns = MAX (n_columns, wfl_sankey_layout_get_node (layout, v)->column + 1);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

      for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
        if (wfl_sankey_layout_get_node (layout, v)->column == c)
          g_ptr_array_add (nodes, GUINT_TO_POINTER (v));
      g_ptr_array_sort_with_data (nodes, (GCompareDataFunc) compare_y, layout);
      g_string_append_printf (out, "%s%u:", c > 0 ? " | " : "", c);
      for (guint i = 0; i < nodes->len; i++)
        g_string_append_printf (out, " %s", wfl_sankey_graph_get_node (graph, GPOINTER_TO_UINT (nodes->pdata[i]))->id);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_layout (gpointer data)
{
  return _wfl_sankey_view_get_layout (data) != NULL && !_wfl_sankey_view_is_busy (data);
}

/* Stepping the window through every quarter of the built-in scenario, as
 * the time bar's play button does: no node changes column and the order
 * within each column holds. */
static void
test_stable_quarters (void)
{
  g_autoptr(WflDocument) document = wfl_document_new ();
  WflSankeyView *view = WFL_SANKEY_VIEW (wfl_sankey_view_new ());
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autofree char *expected = NULL;
  WflSimulation *results;
  guint n_quarters;

  wfl_sankey_view_set_document (view, document);
  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  wfl_test_wait_until (has_layout, view);
  results = wfl_document_get_results (document);
  g_assert_nonnull (results);
  n_quarters = wfl_simulation_get_n_quarters (results);
  g_assert_cmpuint (n_quarters, >=, 12);

  for (guint q = 0; q < n_quarters; q++)
    {
      Relayout r = { view, _wfl_sankey_view_get_layout (view) };
      g_autofree char *got = NULL;
      int first, last, now_first, now_last;

      wfl_simulation_get_quarter_weeks (results, q, &first, &last);
      wfl_document_get_sankey_window (document, &now_first, &now_last);
      if (first != now_first || last != now_last)
        {
          wfl_document_set_sankey_window (document, first, last);
          wfl_test_wait_until (relaid_out, &r);
        }
      got = columns_of (_wfl_sankey_view_get_layout (view));
      if (expected == NULL)
        expected = g_steal_pointer (&got);
      else
        g_assert_cmpstr (got, ==, expected);
    }
  gtk_window_destroy (window);
  wfl_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();
  g_test_add_func ("/wfl/ui/compare/stable-quarters", test_stable_quarters);
  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
