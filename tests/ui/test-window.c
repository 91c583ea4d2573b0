/* test-window.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wfl-application.h"
#include "wfl-resources.h"
#include "wfl-window.h"

static void
test_window_opens_builtin (void)
{
  g_autoptr(WflApplication) app = wfl_application_new ();
  WflWindow *window;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = wfl_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (wfl_window_get_scenario (window));
  g_assert_cmpuint (wfl_scenario_get_n_nodes (wfl_window_get_scenario (window)), >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/window/opens-builtin", test_window_opens_builtin);

  return g_test_run ();
}
