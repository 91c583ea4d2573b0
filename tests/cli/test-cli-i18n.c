/* test-cli-i18n.c: `LANGUAGE=de waferline …` answers in German
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gi18n.h>

/*
 * The executable runs as a German user's would, with LANGUAGE=de.  GNU
 * gettext needs nothing more than a locale other than "C": the tests run
 * in C.UTF-8, which glibc always has, so no de_DE locale is generated.
 * WFL_LOCALEDIR (tests/meson.build) points at build/po.
 *
 * The expected text comes from the German catalogue itself, so the test
 * checks the pipeline, not the wording: each message must be translated
 * (differ from the English) and reach the output.
 */

static const char *
german (const char *english)
{
  const char *text = g_dgettext (GETTEXT_PACKAGE, english);

  g_assert_cmpstr (text, !=, english);
  return text;
}

static int
run_german (const char * const  *args,
            char               **out,
            char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WFL_EXE"));
  for (guint n = 0; args[n] != NULL; n++)
    g_ptr_array_add (argv, (gpointer) args[n]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LANGUAGE", "de", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_assert_nonnull (g_environ_getenv (envp, "WFL_LOCALEDIR"));
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static void
test_cli_i18n_help (void)
{
  const char *args[] = { "--help", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *summary_line = NULL;

  g_assert_cmpint (run_german (args, &out, &err), ==, 0);
  /* Option help, placeholders and the summary are ours to translate. */
  g_assert_nonnull (strstr (out, german ("Print the version and exit")));
  g_assert_nonnull (strstr (out, german ("Check a scenario and print every problem")));
  g_assert_nonnull (strstr (out, german ("[FILE]")));
  summary_line = g_strdup (german ("Analyse the supply chain of deep-learning hardware.\n\n"
                                   "Without options, opens FILE (or the built-in scenario) in a window."));
  *strchr (summary_line, '\n') = '\0';
  g_assert_nonnull (strstr (out, summary_line));
  /* No English left of ours. */
  g_assert_null (strstr (out, "Print the version and exit"));
}

static void
test_cli_i18n_errors (void)
{
  const char *bad_date[] = { "--bottlenecks", "--from", "2024-13-01", NULL };
  g_autofree char *empty = g_test_build_filename (G_TEST_DIST, "data", "empty.waferline", NULL);
  g_autofree char *binary = g_test_build_filename (G_TEST_DIST, "data", "hostile-invalid-utf8.waferline", NULL);
  const char *validate_empty[] = { "--validate", empty, NULL };
  const char *validate_binary[] = { "--validate", binary, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *prefix = NULL;

  /* An error of the command line itself. */
  g_assert_cmpint (run_german (bad_date, &out, &err), !=, 0);
  expected = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s: “%s” is not a date; use YYYY-MM-DD"),
                              "--from", "2024-13-01");
  german ("%s: “%s” is not a date; use YYYY-MM-DD");
  g_assert_nonnull (strstr (err, expected));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Errors from the model library (its own _() through gi18n-lib.h),
   * which --validate lists on standard error. */
  g_assert_cmpint (run_german (validate_empty, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, german ("The file is empty")));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_german (validate_binary, &out, &err), !=, 0);
  prefix = g_strdup (german ("The file is not valid UTF-8 text (byte %llu); scenario files are UTF-8"));
  *strchr (prefix, '%') = '\0';
  g_assert_nonnull (strstr (err, prefix));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("WFL_LOCALEDIR");

  g_test_init (&argc, &argv, NULL);

  /* The same catalogue for the expected text. */
  g_assert_nonnull (localedir);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/wfl/cli/i18n/help", test_cli_i18n_help);
  g_test_add_func ("/wfl/cli/i18n/errors", test_cli_i18n_errors);

  return g_test_run ();
}
