/* test-figures-view.c: the Figures view shows, sorts, filters and copies
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In a window on the built-in scenario: the Figures page shows every row
 * of the table of the results (test-figures checks those against the
 * CSV), a filter keeps the rows whose text holds it, a click on a
 * column's header sorts by it, and Copy gives the shown (or selected)
 * rows as tab-separated text, the cells of the table.
 */

#include "config.h"

#include <math.h>

#include "wfl-figures-view-private.h"
#include "wfl-resources.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

static gboolean
results_ready (gpointer data)
{
  return wfl_document_get_results (wfl_window_get_document (data)) != NULL;
}

static WflFiguresView *
find_view (GtkWidget *widget)
{
  return (WflFiguresView *) wfl_test_find_widget (widget, WFL_TYPE_FIGURES_VIEW);
}

static guint
row_index (GListModel *model,
           guint       i)
{
  g_autoptr(GObject) row = g_list_model_get_item (model, i);

  return _wfl_figures_view_row_get_index (row);
}

static void
test_figures_view (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflFiguresView *view;
  GListModel *model;
  const WflFiguresTable *table;
  GtkColumnView *column_view;
  g_autoptr(GtkColumnViewColumn) starts = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *expected = NULL;
  guint n, matching = 0;

  wfl_test_wait_until (results_ready, window);
  view = find_view (GTK_WIDGET (window));
  g_assert_nonnull (view);
  model = _wfl_figures_view_get_model (view);

  /* Every node and quarter. */
  _wfl_figures_view_set_table (view, WFL_FIGURES_NODES, NULL);
  table = _wfl_figures_view_get_table (view);
  g_assert_nonnull (table);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, wfl_figures_table_get_n_rows (table));

  /* The filter keeps the rows of CoWoS nodes (by id or name). */
  for (guint r = 0; r < wfl_figures_table_get_n_rows (table); r++)
    matching += strstr (wfl_figures_table_get_text (table, r, 0), "cowos") != NULL ||
                strstr (wfl_figures_table_get_text (table, r, 1), "CoWoS") != NULL;
  _wfl_figures_view_set_table (view, WFL_FIGURES_NODES, "CoWoS");
  /* Choosing a table makes it anew: the old one is gone. */
  table = _wfl_figures_view_get_table (view);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, matching);
  g_assert_cmpuint (n, >, 0);

  /* Sorted by starts, largest first (a second click on the header). */
  column_view = _wfl_figures_view_get_column_view (view);
  starts = g_list_model_get_item (gtk_column_view_get_columns (column_view), 5);
  g_assert_cmpstr (gtk_column_view_column_get_title (starts), ==, "Starts");
  gtk_column_view_sort_by_column (column_view, starts, GTK_SORT_DESCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (wfl_figures_table_get_number (table, row_index (model, i - 1), 5), >=,
                       wfl_figures_table_get_number (table, row_index (model, i), 5));

  /* Copy: the shown rows, in the order shown. */
  copied = _wfl_figures_view_get_copy_text (view);
  {
    g_autofree guint *rows = g_new (guint, n);

    for (guint i = 0; i < n; i++)
      rows[i] = row_index (model, i);
    expected = wfl_figures_table_to_tsv (table, rows, n);
  }
  g_assert_cmpstr (copied, ==, expected);

  /* Two selected rows only. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 1, TRUE);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 0, FALSE);
  g_free (copied);
  copied = _wfl_figures_view_get_copy_text (view);
  {
    guint rows[2] = { row_index (model, 0), row_index (model, 1) };

    g_free (expected);
    expected = wfl_figures_table_to_tsv (table, rows, 2);
  }
  g_assert_cmpstr (copied, ==, expected);

  /* The orders table follows the choice. */
  _wfl_figures_view_set_table (view, WFL_FIGURES_ORDERS, NULL);
  table = _wfl_figures_view_get_table (view);
  g_assert_cmpstr (wfl_figures_table_get_title (table, 1), ==, "order");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, wfl_figures_table_get_n_rows (table));
  wfl_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/figures-view/show-filter-sort-copy", test_figures_view);

  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
