/* compare-demo.c: the window comparing a scenario with a baseline (built, not run)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: compare-demo FILE BASE sankey|gantt|compare [slip]
 *
 * Opens FILE in a window, compares it with the scenario file BASE and
 * shows the view asked for (the Gantt sorted by slip with "slip"), for
 * looking at the difference Sankey, the baseline Gantt and the table of
 * deltas: ../shared/tools/shot -w 8 out.png _build/tests/compare-demo
 * data/scenarios/cowos-doubled-2023.waferline
 * data/scenarios/ai-hardware-2023-2025.waferline sankey
 * (ADW_DEBUG_COLOR_SCHEME=prefer-dark for the dark style, LANGUAGE=de for
 * German, with WFL_LOCALEDIR=_build/po).
 */

#define G_LOG_DOMAIN "wfl-demo"

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wfl-resources.h"
#include "wfl-window-private.h"

static char **args;

static void
baseline_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WflWindow *window = user_data;
  g_autoptr(GError) error = NULL;

  if (!wfl_compare_session_set_baseline_finish (WFL_COMPARE_SESSION (source), result, &error))
    g_error ("%s", error->message);
  if (g_strcmp0 (args[2], "gantt") == 0)
    wfl_window_show_view (window, WFL_CHART_GANTT);
  else
    adw_view_stack_set_visible_child_name (window->view_stack, args[2]);
  if (args[3] != NULL && g_strcmp0 (args[3], "slip") == 0)
    g_action_group_change_action_state (wfl_gantt_view_get_actions (window->gantt_view), "sort-slip",
                                        g_variant_new_boolean (TRUE));
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  WflWindow *window = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) base = g_file_new_for_commandline_arg (args[1]);

  if (!wfl_document_load_finish (WFL_DOCUMENT (source), result, &error))
    g_error ("%s", error->message);
  wfl_compare_session_set_baseline_async (_wfl_window_get_compare_session (window), base, NULL, baseline_cb, window);
}

/* The application's own first window. */
static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *added)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (args[0]);
  WflWindow *window = WFL_WINDOW (added);

  g_signal_handlers_disconnect_by_func (app, window_added_cb, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 900);
  wfl_document_load_async (wfl_window_get_document (window), file, NULL, loaded_cb, window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WflApplication) app = NULL;

  if (argc < 4)
    {
      g_printerr ("usage: %s FILE BASE sankey|gantt|compare [slip]\n", argv[0]);
      return 2;
    }
  args = argv + 1;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("WFL_LOCALEDIR") != NULL ? g_getenv ("WFL_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  wfl_register_resource ();
  app = wfl_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
