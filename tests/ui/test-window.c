/* test-window.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "wfl-application.h"
#include "wfl-export-dialog.h"
#include "wfl-resources.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-sankey-view-private.h"
#include "wfl-window-private.h"

static gboolean
rename_first_edit (WflScenario  *scenario,
                   gpointer      user_data,
                   GError      **error)
{
  WflNode *node = wfl_scenario_get_node (scenario, 0);

  g_free (node->name);
  node->name = g_strdup ("Foundry");
  return TRUE;
}

static void
test_window_opens_builtin (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  const char *title;

  g_assert_nonnull (document);
  g_assert_true (wfl_window_get_scenario (window) == wfl_document_get_scenario (document));
  g_assert_cmpuint (wfl_scenario_get_n_nodes (wfl_window_get_scenario (window)), >, 0);
  g_assert_null (wfl_document_get_file (document));

  /* Template children bound */
  g_assert_true (ADW_IS_VIEW_STACK (window->view_stack));
  g_assert_true (WFL_IS_INSPECTOR (window->inspector));
  g_assert_true (WFL_IS_TIME_BAR (window->time_bar));
  g_assert_true (wfl_inspector_get_document (window->inspector) == document);

  title = gtk_window_get_title (GTK_WINDOW (window));
  g_assert_nonnull (title);
  g_assert_null (strstr (title, "•"));
  g_assert_cmpint (wfl_time_bar_get_weeks (window->time_bar), ==,
                   wfl_scenario_get_weeks (wfl_window_get_scenario (window)));

  wfl_test_destroy_window (window);
}

static void
test_window_actions_enabled (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (window->status_icon));
  GtkWidget *undo = wfl_test_action_probe (box, "win.undo");
  GtkWidget *redo = wfl_test_action_probe (box, "win.redo");
  GtkWidget *save = wfl_test_action_probe (box, "win.save");
  GtkWidget *save_as = wfl_test_action_probe (box, "win.save-as");
  GtkWidget *open = wfl_test_action_probe (box, "win.open");
  GtkWidget *export = wfl_test_action_probe (box, "win.export");
  g_autofree char *first_name = g_strdup (wfl_scenario_get_node (wfl_window_get_scenario (window), 0)->name);

  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_false (gtk_widget_get_sensitive (redo));
  g_assert_true (gtk_widget_get_sensitive (save_as));
  g_assert_true (gtk_widget_get_sensitive (open));
  g_assert_true (gtk_widget_get_sensitive (export));
  /* The built-in scenario has no file yet: Save asks where. */
  g_assert_true (gtk_widget_get_sensitive (save));

  wfl_document_edit (document, "Rename", NULL, rename_first_edit, NULL, NULL);
  g_assert_true (gtk_widget_get_sensitive (undo));
  g_assert_false (gtk_widget_get_sensitive (redo));
  g_assert_true (gtk_widget_get_sensitive (save_as));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  /* The action undoes through the document. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (wfl_scenario_get_node (wfl_window_get_scenario (window), 0)->name, ==, first_name);
  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_true (gtk_widget_get_sensitive (redo));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpstr (wfl_scenario_get_node (wfl_window_get_scenario (window), 0)->name, ==, "Foundry");
  g_assert_true (gtk_widget_get_sensitive (undo));

  /* A disabled action does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpstr (wfl_scenario_get_node (wfl_window_get_scenario (window), 0)->name, ==, "Foundry");

  wfl_test_destroy_window (window);
}

static GtkWindow *
find_dialog (WflWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return toplevel;
    }
  return NULL;
}

static void
test_window_open_missing (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  g_autoptr(WflScenario) snapshot = wfl_scenario_copy (wfl_document_get_scenario (document));
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "no-such-dir", "missing.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;

  wfl_window_open_file (window, file);
  wfl_test_wait_until (wfl_test_document_not_busy, document);
  wfl_test_iterate ();

  /* The error is shown, the document untouched. */
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (wfl_window_get_document (window) == document);
  wfl_test_assert_equal (wfl_document_get_scenario (document), snapshot);
  g_assert_null (wfl_document_get_file (document));
  g_assert_false (wfl_document_get_modified (document));
  gtk_window_destroy (dialog);

  wfl_test_destroy_window (window);
}

static void
test_window_close_asks (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  GtkWindow *dialog;

  wfl_document_edit (document, "Rename", NULL, rename_first_edit, NULL, NULL);
  gtk_window_close (GTK_WINDOW (window));
  wfl_test_iterate ();

  /* Still open, asking; Cancel keeps it. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  wfl_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (wfl_document_get_modified (document));

  wfl_test_destroy_window (window);
}

static void
test_window_time_bar_sets_view (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  WflViews *views;
  int first, last, doc_first, doc_last;

  /* Quarter steps emit ::window-changed, which the window stores. */
  wfl_time_bar_step_quarter (window->time_bar, 1);
  wfl_time_bar_get_window (window->time_bar, &first, &last);
  wfl_document_get_sankey_window (document, &doc_first, &doc_last);
  g_assert_cmpint (first, ==, doc_first);
  g_assert_cmpint (last, ==, doc_last);
  g_assert_cmpint (first, >, 0);
  views = wfl_scenario_get_views (wfl_document_get_scenario (document));
  g_assert_true (views->has_sankey);
  g_assert_cmpuint (views->sankey_from, ==,
                    wfl_date_of_week (wfl_scenario_get_start (wfl_document_get_scenario (document)), first));

  /* A quarter is whole calendar quarter: its first week starts in it. */
  {
    int y1, m1, d1, y0, m0, d0;
    WflDate start = wfl_scenario_get_start (wfl_document_get_scenario (document));

    wfl_date_to_ymd (wfl_date_of_week (start, first), &y1, &m1, &d1);
    wfl_date_to_ymd (wfl_date_of_week (start, first - 1), &y0, &m0, &d0);
    g_assert_cmpint ((m1 - 1) / 3, !=, (m0 - 1) / 3);
  }

  /* And the other way: the document's window moves the bar. */
  wfl_document_set_sankey_window (document, 1, 4);
  wfl_time_bar_get_window (window->time_bar, &first, &last);
  g_assert_cmpint (first, ==, 1);
  g_assert_cmpint (last, ==, 4);

  /* A window across the new year names both years; one within a year
   * names it once, at its end. */
  {
    WflDate start = wfl_scenario_get_start (wfl_document_get_scenario (document));
    int year = 2023, m, d, w = 0;
    const char *label;

    while (year < 2024)
      wfl_date_to_ymd (wfl_date_of_week (start, ++w), &year, &m, &d);
    wfl_document_set_sankey_window (document, w - 8, w + 4);
    label = wfl_time_bar_get_label (window->time_bar);
    g_assert_nonnull (strstr (label, "2023"));
    g_assert_nonnull (strstr (label, "2024"));
    g_assert_true (strstr (label, "2023") < strstr (label, "2024"));

    wfl_document_set_sankey_window (document, 1, 4);
    label = wfl_time_bar_get_label (window->time_bar);
    g_assert_nonnull (strstr (label, "2023"));
    g_assert_null (strstr (strstr (label, "2023") + 1, "2023"));
  }

  wfl_test_destroy_window (window);
}

/* Page Up and Page Down in the Sankey move the window by a quarter, as
 * the shortcuts window says (not only when the time bar has the focus). */
static void
test_window_sankey_page_keys (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  int first0, last0, first, last;

  wfl_document_get_sankey_window (document, &first0, &last0);
  g_assert_true (_wfl_sankey_view_key_press (window->sankey_view, GDK_KEY_Page_Down, 0));
  wfl_test_iterate ();
  wfl_document_get_sankey_window (document, &first, &last);
  g_assert_cmpint (first, >, first0);
  g_assert_cmpint (first - first0, >=, 12);
  g_assert_cmpint (first - first0, <=, 14);
  g_assert_true (_wfl_sankey_view_key_press (window->sankey_view, GDK_KEY_Page_Up, 0));
  wfl_test_iterate ();
  wfl_document_get_sankey_window (document, &first, &last);
  g_assert_cmpint (first, ==, first0);
  g_assert_cmpint (last, ==, last0);

  wfl_test_destroy_window (window);
}

static void
test_window_views_and_export (void)
{
  WflWindow *window = wfl_test_new_window ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "chart.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WflExportDialog *dialog;
  g_autofree char *last_view = NULL;
  int width, height;
  double scale;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "gantt");
  g_assert_cmpint (wfl_window_get_view (window), ==, WFL_CHART_GANTT);
  /* The last view is remembered (memory GSettings backend in tests). */
  g_assert_nonnull (window->settings);
  last_view = g_settings_get_string (window->settings, "last-view");
  g_assert_cmpstr (last_view, ==, "gantt");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->time_bar)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "sankey");
  g_assert_cmpint (wfl_window_get_view (window), ==, WFL_CHART_SANKEY);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->time_bar)));

  g_object_set (window, "show-inspector", FALSE, NULL);
  g_assert_false (adw_flap_get_reveal_flap (window->flap));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-inspector", NULL);
  g_assert_true (adw_flap_get_reveal_flap (window->flap));

  /* The Sankey exports once the scenario is simulated: a PNG of the
   * requested size times the scale. */
  while (wfl_document_get_results (wfl_window_get_document (window)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_PNG, file,
                                          400, 300, 2, &error));
  g_assert_no_error (error);
  {
    cairo_surface_t *png = cairo_image_surface_create_from_png (path);

    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
    g_assert_cmpint (cairo_image_surface_get_height (png), ==, 600);
    cairo_surface_destroy (png);
    g_file_delete (file, NULL, NULL);
  }
  g_assert_false (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_PNG, file,
                                           0, 300, 1, &error));
  g_assert_error (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_SIZE);
  g_clear_error (&error);

  /* The Gantt chart exports too, its geometry as JSON with rows. */
  {
    g_autofree char *json_path = g_build_filename (g_get_tmp_dir (), "gantt.json", NULL);
    g_autoptr(GFile) json = g_file_new_for_path (json_path);
    g_autofree char *text = NULL;

    g_assert_true (wfl_window_export_chart (window, WFL_CHART_GANTT, WFL_EXPORT_FORMAT_JSON, json,
                                            800, 500, 1, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (json_path, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "\"rows\""));
    g_file_delete (json, NULL, NULL);
  }

  dialog = wfl_export_dialog_new (GTK_WINDOW (window), WFL_CHART_GANTT);
  g_assert_cmpint (wfl_export_dialog_get_chart (dialog), ==, WFL_CHART_GANTT);
  g_assert_cmpint (wfl_export_dialog_get_format (dialog), ==, WFL_EXPORT_FORMAT_PNG);
  wfl_export_dialog_get_size (dialog, &width, &height, &scale);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_cmpfloat (scale, >, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  wfl_test_destroy_window (window);
}

typedef struct
{
  WflWindow  *window;
  const char *uri;
} RecentProbe;

static gboolean
recent_menu_has (gpointer data)
{
  RecentProbe *probe = data;
  GMenuModel *menu = G_MENU_MODEL (probe->window->recent_menu);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);

      if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), probe->uri) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A scenario file dropped on the window opens in it, and joins the
 * recent files and the Open Recent menu. */
static void
test_window_drop_opens_and_recent (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                 "teaching-three-stage.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkDropTarget *drop = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  RecentProbe probe = { window, NULL };

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        drop = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (drop);

  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  wfl_test_wait_until (wfl_test_document_not_busy, document);
  wfl_test_iterate ();
  g_assert_nonnull (wfl_document_get_file (document));
  g_assert_true (g_file_equal (wfl_document_get_file (document), file));
  g_assert_cmpuint (wfl_scenario_get_n_nodes (wfl_document_get_scenario (document)), ==, 3);

  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  /* The recent manager tells its watchers from the main loop. */
  probe.uri = uri;
  wfl_test_wait_until (recent_menu_has, &probe);

  wfl_test_destroy_window (window);
}

static gboolean
window_has_results (gpointer data)
{
  return wfl_document_get_results (wfl_window_get_document (data)) != NULL;
}

/* Dropping a file on a window that shows the results of another scenario:
 * the load tells the views of the new scenario before its simulation has
 * run, and they must not draw the old flows over its links (this raised
 * a critical in wfl_sankey_graph_new_for_window (), fatal here). */
static void
test_window_drop_over_results (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                 "teaching-three-stage.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkDropTarget *drop = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  wfl_window_show_view (window, WFL_CHART_SANKEY);
  wfl_test_wait_until (window_has_results, window);
  wfl_test_iterate ();
  g_assert_cmpuint (wfl_simulation_get_n_links (wfl_document_get_results (document)), >, 2);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        drop = GTK_DROP_TARGET (controller);
    }
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  wfl_test_wait_until (wfl_test_document_not_busy, document);
  wfl_test_wait_until (window_has_results, window);
  wfl_test_iterate ();
  g_assert_cmpuint (wfl_simulation_get_n_links (wfl_document_get_results (document)), ==, 2);

  /* And back, in the Gantt view. */
  wfl_window_show_view (window, WFL_CHART_GANTT);
  wfl_test_iterate ();
  wfl_window_open_file (window, file);
  wfl_test_wait_until (wfl_test_document_not_busy, document);
  wfl_test_wait_until (window_has_results, window);
  wfl_test_iterate ();

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
    g_autofree char *data_home = g_dir_make_tmp ("wfl-test-window-XXXXXX", NULL);

    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/window/opens-builtin", test_window_opens_builtin);
  g_test_add_func ("/wfl/ui/window/drop-opens-and-recent", test_window_drop_opens_and_recent);
  g_test_add_func ("/wfl/ui/window/drop-over-results", test_window_drop_over_results);
  g_test_add_func ("/wfl/ui/window/actions-enabled", test_window_actions_enabled);
  g_test_add_func ("/wfl/ui/window/open-missing", test_window_open_missing);
  g_test_add_func ("/wfl/ui/window/close-asks", test_window_close_asks);
  g_test_add_func ("/wfl/ui/window/time-bar-sets-view", test_window_time_bar_sets_view);
  g_test_add_func ("/wfl/ui/window/sankey-page-keys", test_window_sankey_page_keys);
  g_test_add_func ("/wfl/ui/window/views-and-export", test_window_views_and_export);

  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
