/* wfl-test-window.c: helpers shared by the UI tests (GTK): the one
 * registered application, windows opened and closed on it, action probes
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

static WflApplication *the_app;

WflApplication *
wfl_test_application (void)
{
  if (the_app == NULL)
    {
      the_app = wfl_application_new ();
      g_application_set_flags (G_APPLICATION (the_app),
                               g_application_get_flags (G_APPLICATION (the_app)) | G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (the_app), NULL, NULL));
    }
  return the_app;
}

void
wfl_test_release_application (void)
{
  g_clear_object (&the_app);
}

WflWindow *
wfl_test_new_window (void)
{
  WflWindow *window = wfl_window_new (wfl_test_application ());

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
wfl_test_destroy_window (WflWindow *window)
{
  /* Discard unsaved changes without asking. */
  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  wfl_test_iterate ();
}

GtkWidget *
wfl_test_action_probe (GtkWidget  *parent_box,
                       const char *action_name)
{
  GtkWidget *button = gtk_button_new ();

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_box_append (GTK_BOX (parent_box), button);
  return button;
}

gboolean
wfl_test_press_key (GtkWidget       *widget,
                    guint            keyval,
                    GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

GtkWidget *
wfl_test_find_widget (GtkWidget *root,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wfl_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}
