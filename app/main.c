/* main.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "wfl-application.h"
#include "wfl-cli.h"
#include "wfl-resources.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WflApplication) app = NULL;
  const char *localedir;
  int status;

  setlocale (LC_ALL, "");
  /* WFL_LOCALEDIR points an uninstalled build at the catalogues it
   * compiled (build/po, see `meson devenv` and run.sh); installed, the
   * translations live under LOCALEDIR. */
  localedir = g_getenv ("WFL_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Headless work (export, simulate, validate…) runs before GTK starts,
   * so that it needs no display. */
  if (wfl_cli_is_headless (argc, argv))
    return wfl_cli_run (argc, argv);

  wfl_register_resource ();
  app = wfl_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status;
}
