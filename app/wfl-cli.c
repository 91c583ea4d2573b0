/* wfl-cli.c: the headless command line
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wfl-cli.h"
#include "wfl-model.h"

static const char * const headless_options[] = {
  "--export", "--flows", "--simulate", "--bottlenecks", "--validate", "--save",
  "--help", "-h", "--version",
};

gboolean
wfl_cli_is_headless (int    argc,
                     char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      for (guint j = 0; j < G_N_ELEMENTS (headless_options); j++)
        {
          gsize len = strlen (headless_options[j]);

          if (strncmp (argv[i], headless_options[j], len) == 0 &&
              (argv[i][len] == '\0' || argv[i][len] == '='))
            return TRUE;
        }
    }
  return FALSE;
}

int
wfl_cli_run (int    argc,
             char **argv)
{
  gboolean version = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("[FILE…]"));
  g_option_context_set_summary (context, _("Analyse the supply chain of deep-learning hardware."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("waferline: %s\n", error->message);
      return 2;
    }

  if (version)
    {
      g_print ("waferline %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_printerr ("waferline: %s\n", _("this command is not available yet"));
  return 2;
}
