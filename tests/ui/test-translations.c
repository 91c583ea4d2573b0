/* test-translations.c: with LANGUAGE=de the window speaks German
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "wfl-application.h"
#include "wfl-export-dialog.h"
#include "wfl-figures-view-private.h"
#include "wfl-resources.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

/* The expected text is what the German catalogue says, so that the test
 * checks the pipeline (catalogue built, domain bound, strings marked),
 * not the wording; and it must differ from the English. */
static void
assert_german (const char *shown,
               const char *english)
{
  const char *german = g_dgettext (GETTEXT_PACKAGE, english);

  g_assert_cmpstr (german, !=, english);
  g_assert_cmpstr (shown, ==, german);
}

static void
find_menu_button (GtkWidget      *widget,
                  GtkMenuButton **found)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    *found = GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL && *found == NULL;
       child = gtk_widget_get_next_sibling (child))
    find_menu_button (child, found);
}

/* Every item label of a menu, sections and submenus included. */
static void
collect_labels (GMenuModel *model,
                GPtrArray  *labels)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      char *label = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (labels, label);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          collect_labels (linked, labels);
        }
    }
}

static gboolean
has_label (GPtrArray  *labels,
           const char *english)
{
  const char *german = g_dgettext (GETTEXT_PACKAGE, english);

  g_assert_cmpstr (german, !=, english);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (g_ptr_array_index (labels, i), german))
      return TRUE;
  return FALSE;
}

static void
test_translations_window (void)
{
  WflWindow *window = wfl_test_new_window ();
  GtkMenuButton *menu_button = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title_format = NULL;
  const char *title;

  /* The window title (C code): "<name> — Waferline" in its German form,
   * the name itself "Eingebautes Szenario". */
  title = gtk_window_get_title (GTK_WINDOW (window));
  g_assert_nonnull (title);
  g_assert_nonnull (strstr (title, g_dgettext (GETTEXT_PACKAGE, "Built-in Scenario")));
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Built-in Scenario"), !=, "Built-in Scenario");

  /* Template strings (.ui): tooltips and the primary menu. */
  find_menu_button (GTK_WIDGET (window), &menu_button);
  g_assert_nonnull (menu_button);
  assert_german (gtk_widget_get_tooltip_text (GTK_WIDGET (menu_button)), "Main Menu");
  collect_labels (gtk_menu_button_get_menu_model (menu_button), labels);
  g_assert_true (has_label (labels, "_New Window"));
  g_assert_true (has_label (labels, "_Export Chart…"));
  g_assert_true (has_label (labels, "_Keyboard Shortcuts"));

  /* The status line, once simulated. */
  wfl_test_wait_until (wfl_test_document_not_busy, wfl_window_get_document (window));
  wfl_test_iterate ();
  title_format = g_strdup (g_dgettext (GETTEXT_PACKAGE, "In window: %s · %s by due date · lead time %s"));
  *strchr (title_format, '%') = '\0';
  g_assert_true (g_str_has_prefix (gtk_label_get_text (window->status_figures), title_format));

  /* The Figures table's column titles (the data names stay in what is
   * copied, as in the CSV tables). */
  {
    WflFiguresView *figures = (WflFiguresView *) wfl_test_find_widget (GTK_WIDGET (window), WFL_TYPE_FIGURES_VIEW);
    GListModel *columns;
    const WflFiguresTable *table;
    guint lead = G_MAXUINT;

    g_assert_nonnull (figures);
    _wfl_figures_view_set_table (figures, WFL_FIGURES_ORDERS, NULL);
    table = _wfl_figures_view_get_table (figures);
    columns = gtk_column_view_get_columns (_wfl_figures_view_get_column_view (figures));
    for (guint c = 0; c < wfl_figures_table_get_n_columns (table); c++)
      if (g_str_equal (wfl_figures_table_get_title (table, c), "lead_time_weeks"))
        lead = c;
    g_assert_cmpuint (lead, <, g_list_model_get_n_items (columns));
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, lead);

      assert_german (gtk_column_view_column_get_title (column), "Lead time (weeks)");
    }
  }

  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  wfl_test_iterate ();
}

static void
test_translations_export_dialog (void)
{
  WflExportDialog *dialog = wfl_export_dialog_new (NULL, WFL_CHART_SANKEY);

  assert_german (gtk_window_get_title (GTK_WINDOW (dialog)), "Export Chart");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("WFL_LOCALEDIR");
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  /* As `LANGUAGE=de waferline` does: GNU gettext needs only LANGUAGE and
   * a locale other than "C" (the tests run in C.UTF-8), no generated
   * de_DE locale. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() sets the locale to en_US.UTF-8 (or leaves "C"):
   * back to the environment's, as the app has. */
  setlocale (LC_ALL, "");
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/translations/window", test_translations_window);
  g_test_add_func ("/wfl/ui/translations/export-dialog", test_translations_export_dialog);

  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
