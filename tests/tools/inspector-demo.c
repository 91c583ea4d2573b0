/* inspector-demo.c: the inspector on a scenario file (built, not run)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: inspector-demo FILE NODE-ID [ROW-KEY…]
 *
 * Shows the inspector with the node selected and the given expander rows
 * open ("expansion.0", "capacity.1"), for looking at pages that need a
 * selection: ../shared/tools/shot -s 480x1400 out.png
 * _build/tests/inspector-demo tests/data/valid-capacity.waferline
 * cowos-capacity expansion.1 (ADW_DEBUG_COLOR_SCHEME=prefer-dark for the
 * dark style, LANGUAGE=de for German).
 */

#define G_LOG_DOMAIN "wfl-demo"

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wfl-inspector-private.h"
#include "wfl-resources.h"

static char **args;

static void
activate_cb (GtkApplication *app)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (args[0]);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_load_file (file, NULL, NULL, &error);
  g_autoptr(WflDocument) document = NULL;
  GtkWidget *window, *inspector;

  if (scenario == NULL)
    g_error ("%s", error->message);
  document = wfl_document_new_for_scenario (scenario, file);
  window = adw_application_window_new (app);
  inspector = wfl_inspector_new ();
  wfl_inspector_set_document (WFL_INSPECTOR (inspector), document);
  wfl_document_select_node (document, args[1]);
  for (guint i = 2; args[i] != NULL; i++)
    _wfl_inspector_expand_now (WFL_INSPECTOR (inspector), args[i]);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), inspector);
  gtk_window_set_default_size (GTK_WINDOW (window), 460, 1380);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  if (argc < 3)
    {
      g_printerr ("usage: %s FILE NODE-ID [ROW-KEY…]\n", argv[0]);
      return 2;
    }
  args = argv + 1;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("WFL_LOCALEDIR") != NULL ? g_getenv ("WFL_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  wfl_register_resource ();
  app = adw_application_new ("io.github.waferline.InspectorDemo", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
