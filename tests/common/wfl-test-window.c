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
