/* sankey-view-demo.c: the Sankey view on a generated scenario (built, not run)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: sankey-view-demo [LAYERS PER-LAYER LINKS WEEKS]   (default 6 8 90 104)
 *
 * For looking at the view with more than the built-in scenario:
 * ../shared/tools/shot out.png _build/tests/sankey-view-demo 20 100 8000 520
 */

#define G_LOG_DOMAIN "wfl-demo"

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "wfl-layered-scenario.h"
#include "wfl-resources.h"
#include "wfl-sankey-view.h"

static int args[4] = { 6, 8, 90, 104 };

static void
activate_cb (GtkApplication *app)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (2023, args[0], args[1], args[2], args[3]);
  g_autoptr(WflDocument) document = wfl_document_new_for_scenario (scenario, NULL);
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *view = wfl_sankey_view_new ();

  wfl_document_set_sankey_window (document, 0, MIN (12, args[3] - 1));
  wfl_sankey_view_set_document (WFL_SANKEY_VIEW (view), document);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (view);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  for (int i = 1; i < argc && i <= 4; i++)
    args[i - 1] = atoi (argv[i]);
  wfl_register_resource ();
  app = adw_application_new ("io.github.waferline.SankeyDemo", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
