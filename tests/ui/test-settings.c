/* test-settings.c: window state and export settings outlive the window
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wfl-application.h"
#include "wfl-export-dialog.h"
#include "wfl-resources.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

/* tests/meson.build runs this with GSETTINGS_BACKEND=memory and the
 * schema compiled into build/data: every GSettings of the process shares
 * one store, which starts from the defaults. */

static GSettings *
settings (void)
{
  return g_settings_new ("io.github.waferline.Waferline");
}

/* Every widget of `type` under `widget`, in tree order. */
static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static void
test_settings_window_restored (void)
{
  g_autoptr(GSettings) s = settings ();
  int width = g_test_rand_int_range (700, 1400);
  int height = g_test_rand_int_range (500, 900);
  gboolean inspector = g_test_rand_bit ();
  const char *view = g_test_rand_bit () ? "gantt" : "sankey";
  g_autofree char *saved_view = NULL;
  WflWindow *window;
  int w, h;

  g_settings_set_int (s, "window-width", width);
  g_settings_set_int (s, "window-height", height);
  g_settings_set_boolean (s, "window-maximized", FALSE);
  g_settings_set_boolean (s, "show-inspector", inspector);
  g_settings_set_string (s, "last-view", view);

  /* A new window opens as the keys say. */
  window = wfl_window_new (wfl_test_application ());
  gtk_window_get_default_size (GTK_WINDOW (window), &w, &h);
  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
  g_assert_cmpint (adw_flap_get_reveal_flap (window->flap), ==, inspector);
  g_assert_cmpint (wfl_window_get_view (window), ==,
                   g_str_equal (view, "gantt") ? WFL_CHART_GANTT : WFL_CHART_SANKEY);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  wfl_test_iterate ();

  /* Closing it keeps what the user changed. */
  gtk_window_set_default_size (GTK_WINDOW (window), width + 10, height + 20);
  adw_flap_set_reveal_flap (window->flap, !inspector);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                              g_str_equal (view, "gantt") ? "sankey" : "gantt");
  window->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (window));
  wfl_test_iterate ();

  g_assert_cmpint (g_settings_get_int (s, "window-width"), ==, width + 10);
  g_assert_cmpint (g_settings_get_int (s, "window-height"), ==, height + 20);
  g_assert_cmpint (g_settings_get_boolean (s, "show-inspector"), ==, !inspector);
  saved_view = g_settings_get_string (s, "last-view");
  g_assert_cmpstr (saved_view, !=, view);
}

static void
test_settings_export_restored (void)
{
  g_autoptr(GSettings) s = settings ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  int width = g_test_rand_int_range (100, 4000);
  int height = g_test_rand_int_range (100, 4000);
  double scale = g_test_rand_int_range (1, 16) / 2.0;
  WflExportDialog *dialog;
  int w, h;
  double sc;
  g_autofree char *format = NULL;

  g_settings_set_string (s, "export-format", "svg");
  g_settings_set_int (s, "export-width", width);
  g_settings_set_int (s, "export-height", height);
  g_settings_set_double (s, "export-scale", scale);

  /* The dialog opens with the last export's settings … */
  dialog = wfl_export_dialog_new (NULL, WFL_CHART_GANTT);
  g_assert_cmpint (wfl_export_dialog_get_chart (dialog), ==, WFL_CHART_GANTT);
  g_assert_cmpint (wfl_export_dialog_get_format (dialog), ==, WFL_EXPORT_FORMAT_SVG);
  wfl_export_dialog_get_size (dialog, &w, &h, &sc);
  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
  g_assert_cmpfloat (sc, ==, scale);

  /* … and an export remembers what it used: the chart, format and
   * size rows, in the order of the dialog. */
  collect (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, spins);
  collect (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, combos);
  g_assert_cmpuint (spins->len, ==, 3);
  g_assert_cmpuint (combos->len, ==, 2);
  adw_combo_row_set_selected (g_ptr_array_index (combos, 1), 2);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), width + 100);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), height + 100);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 2), scale == 8 ? 0.5 : scale + 0.5);
  wfl_export_dialog_confirm (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  format = g_settings_get_string (s, "export-format");
  g_assert_cmpstr (format, ==, "pdf");
  g_assert_cmpint (g_settings_get_int (s, "export-width"), ==, width + 100);
  g_assert_cmpint (g_settings_get_int (s, "export-height"), ==, height + 100);
  g_assert_cmpfloat (g_settings_get_double (s, "export-scale"), ==, scale == 8 ? 0.5 : scale + 0.5);

  dialog = wfl_export_dialog_new (NULL, WFL_CHART_SANKEY);
  g_assert_cmpint (wfl_export_dialog_get_format (dialog), ==, WFL_EXPORT_FORMAT_PDF);
  wfl_export_dialog_get_size (dialog, &w, &h, NULL);
  g_assert_cmpint (w, ==, width + 100);
  g_assert_cmpint (h, ==, height + 100);
  gtk_window_destroy (GTK_WINDOW (dialog));
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

  g_test_add_func ("/wfl/ui/settings/window-restored", test_settings_window_restored);
  g_test_add_func ("/wfl/ui/settings/export-restored", test_settings_export_restored);

  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
