/* test-recovery.c: never lose work in the window: drafts restored after a
 * crash, files changed on disk, files already open, scenarios too large
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The crash test runs the application (the one main.c runs) in child
 * processes of this program: the first opens a scenario, edits it and is
 * killed with SIGKILL once its draft is on disk; the second starts like
 * the app on the next login, restores from the banner and writes what its
 * window holds.  Every wait polls for what it waits for, with a deadline.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "wfl-application.h"
#include "wfl-drafts.h"
#include "wfl-file-watch-private.h"
#include "wfl-resources.h"
#include "wfl-sankey-view-private.h"
#include "wfl-simulation-private.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

#define CHILD_ENV "WFL_TEST_RECOVERY_CHILD"
#define DEADLINE_S 60

static gboolean
rename_fab_edit (WflScenario  *scenario,
                 gpointer      user_data,
                 GError      **error)
{
  WflNode *node = wfl_scenario_find_node (scenario, "fab");

  g_free (node->name);
  node->name = g_strdup ("Foundry after the crash");
  return TRUE;
}

static gboolean
retitle_edit (WflScenario  *scenario,
              gpointer      user_data,
              GError      **error)
{
  wfl_scenario_set_title (scenario, "Retitled");
  return TRUE;
}

static char *
teaching_copy (const char *dir)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                   "teaching-three-stage.waferline", NULL);
  char *path = g_build_filename (dir, "three-stage.waferline", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

/* --- The application in a child process ------------------------------------- */

static WflWindow *
window_with_file (GApplication *app,
                  const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return wfl_application_find_window (WFL_APPLICATION (app), file);
}

/* "edit": once the file is open, rename a node, then keep running. */
static gboolean
child_edit_cb (gpointer user_data)
{
  GApplication *app = user_data;
  WflWindow *window = window_with_file (app, g_getenv ("WFL_TEST_FILE"));

  if (window == NULL || wfl_document_get_busy (window->document))
    return G_SOURCE_CONTINUE;
  g_assert_true (wfl_document_edit (window->document, "Rename", NULL, rename_fab_edit, NULL, NULL));
  return G_SOURCE_REMOVE;
}

/* "restore": press Restore in the banner of the first window, then write
 * the restored document's scenario and quit. */
static gboolean
child_restore_cb (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *first = gtk_application_get_active_window (GTK_APPLICATION (app));
  WflWindow *window;
  g_autoptr(GBytes) bytes = NULL;

  if (first == NULL)
    return G_SOURCE_CONTINUE;
  if (_wfl_window_get_banner (WFL_WINDOW (first), NULL) == WFL_BANNER_DRAFTS)
    g_signal_emit_by_name (WFL_WINDOW (first)->banner_primary, "clicked");

  window = window_with_file (app, g_getenv ("WFL_TEST_FILE"));
  if (window == NULL || !wfl_document_get_modified (window->document))
    return G_SOURCE_CONTINUE;

  bytes = wfl_scenario_to_bytes (wfl_document_get_scenario (window->document));
  g_assert_true (g_file_set_contents (g_getenv ("WFL_TEST_OUT"), g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
child_startup_cb (GApplication *app,
                  const char   *mode)
{
  g_timeout_add (50, g_strcmp0 (mode, "edit") == 0 ? child_edit_cb : child_restore_cb, app);
}

/* Runs the application as main.c does (only not unique on the bus). */
static int
run_child (const char *mode,
           int         argc,
           char      **argv)
{
  g_autoptr(WflApplication) app = NULL;

  wfl_register_resource ();
  app = wfl_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "startup", G_CALLBACK (child_startup_cb), (gpointer) mode);
  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* --- The crash ------------------------------------------------------------------ */

static GPid
spawn_child (const char  *mode,
             const char  *data_home,
             const char  *path,
             const char  *out,
             gboolean     with_file)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, with_file ? path : NULL, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid;

  envp = g_environ_setenv (envp, CHILD_ENV, mode, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  envp = g_environ_setenv (envp, "WFL_TEST_FILE", path, TRUE);
  envp = g_environ_setenv (envp, "WFL_TEST_OUT", out, TRUE);
  g_assert_true (g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static gboolean
folder_has_draft (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".draft"))
      return TRUE;
  return FALSE;
}

/* Waits for the child to end (or fails at the deadline); its status. */
static int
wait_child (GPid pid)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  int status;

  while (waitpid (pid, &status, WNOHANG) == 0)
    {
      if (g_get_monotonic_time () > end)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &status, 0);
          g_error ("the application did not finish within %d s", DEADLINE_S);
        }
      g_usleep (20 * 1000);
    }
  return status;
}

static void
test_crash_restores_draft (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wfl-test-crash-XXXXXX", NULL);
  g_autofree char *data_home = g_build_filename (dir, "data", NULL);
  g_autofree char *drafts = g_build_filename (data_home, "waferline", "drafts", NULL);
  g_autofree char *path = teaching_copy (dir);
  g_autofree char *out = g_build_filename (dir, "restored.waferline", NULL);
  g_autofree char *original = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(GBytes) expected = NULL;
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  GPid pid;
  int status;

  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));

  /* The expected: the file with the edit, in canonical form. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(WflScenario) scenario = wfl_scenario_load_file (file, NULL, NULL, NULL);

    g_assert_nonnull (scenario);
    g_assert_true (rename_fab_edit (scenario, NULL, NULL));
    expected = wfl_scenario_to_bytes (scenario);
  }

  /* Open, edit, and be killed once the draft is kept. */
  pid = spawn_child ("edit", data_home, path, out, TRUE);
  while (!folder_has_draft (drafts))
    {
      g_assert_cmpint (waitpid (pid, &status, WNOHANG), ==, 0);   /* still running */
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (20 * 1000);
    }
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_true (folder_has_draft (drafts));

  /* The next start offers it; restored, it is the edited scenario. */
  pid = spawn_child ("restore", data_home, path, out, FALSE);
  status = wait_child (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_assert_true (g_file_get_contents (out, &restored, NULL, NULL));
  g_assert_cmpstr (restored, ==, g_bytes_get_data (expected, NULL));
  /* The file itself was never written. */
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, original);
}

/* --- In this process --------------------------------------------------------------- */

typedef struct
{
  WflWindow     *window;
  WflBannerKind  kind;
} BannerProbe;

static gboolean
banner_is (gpointer data)
{
  BannerProbe *probe = data;

  return _wfl_window_get_banner (probe->window, NULL) == probe->kind;
}

static gboolean
has_results (gpointer data)
{
  return wfl_document_get_results (data) != NULL;
}

static void
open_and_wait (WflWindow  *window,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  wfl_window_open_file (window, file);
  wfl_test_wait_until (wfl_test_document_not_busy, wfl_window_get_document (window));
  g_assert_nonnull (wfl_document_get_file (wfl_window_get_document (window)));
}

static void
write_scenario (const char *path,
                const char *title)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(GBytes) bytes = NULL;

  wfl_scenario_set_title (scenario, title);
  bytes = wfl_scenario_to_bytes (scenario);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
}

/* Another program changes the open file: the banner offers to reload
 * (which reads it) or to keep the open version; a deleted file is
 * offered to be saved again. */
static void
test_file_changed_on_disk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wfl-test-disk-XXXXXX", NULL);
  g_autofree char *path = teaching_copy (dir);
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  BannerProbe probe = { window, WFL_BANNER_FILE_CHANGED };
  const char *text = NULL;

  open_and_wait (window, path);
  write_scenario (path, "Changed elsewhere");
  wfl_test_wait_until (banner_is, &probe);
  _wfl_window_get_banner (window, &text);
  g_assert_nonnull (strstr (text, "three-stage.waferline"));
  g_assert_nonnull (strstr (text, "changed by another program"));
  /* What a screen reader says: the buttons' names without the mnemonic
   * underscore (test-atspi found "_Discard Discard" on the drafts banner). */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (window->banner_primary),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Reload");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (window->banner_secondary),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Keep Mine");

  g_signal_emit_by_name (window->banner_primary, "clicked");
  wfl_test_wait_until (wfl_test_document_not_busy, document);
  g_assert_cmpstr (wfl_scenario_get_title (wfl_document_get_scenario (document)), ==, "Changed elsewhere");
  g_assert_false (wfl_document_get_modified (document));
  probe.kind = WFL_BANNER_NONE;
  wfl_test_wait_until (banner_is, &probe);

  /* Keep Mine: the open version stays. */
  write_scenario (path, "Changed again");
  probe.kind = WFL_BANNER_FILE_CHANGED;
  wfl_test_wait_until (banner_is, &probe);
  g_signal_emit_by_name (window->banner_secondary, "clicked");
  g_assert_cmpint (_wfl_window_get_banner (window, NULL), ==, WFL_BANNER_NONE);
  g_assert_cmpstr (wfl_scenario_get_title (wfl_document_get_scenario (document)), ==, "Changed elsewhere");

  g_assert_cmpint (g_unlink (path), ==, 0);
  probe.kind = WFL_BANNER_FILE_DELETED;
  wfl_test_wait_until (banner_is, &probe);
  _wfl_window_get_banner (window, &text);
  g_assert_nonnull (strstr (text, "deleted or moved"));

  wfl_test_destroy_window (window);
  g_rmdir (dir);
}

/* Opening a file that is open already raises its window: no second
 * window, nothing read again. */
static void
test_open_twice_raises (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wfl-test-twice-XXXXXX", NULL);
  g_autofree char *path = teaching_copy (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WflWindow *first = wfl_test_new_window ();
  WflWindow *second = wfl_test_new_window ();
  GApplication *app = G_APPLICATION (wfl_test_application ());
  guint n_windows;

  open_and_wait (first, path);
  g_assert_true (wfl_application_find_window (WFL_APPLICATION (app), file) == first);
  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));

  wfl_window_open_file (second, file);
  g_assert_false (wfl_document_get_busy (wfl_window_get_document (second)));
  g_assert_null (wfl_document_get_file (wfl_window_get_document (second)));

  g_application_open (app, &file, 1, "");
  wfl_test_iterate ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows);
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (first));

  wfl_test_destroy_window (second);
  wfl_test_destroy_window (first);
  g_unlink (path);
  g_rmdir (dir);
}

/* A scenario too large for the memory: the banner says how much it needs,
 * the charts drop the flows they showed (of the scenario before), the
 * document stays open and editable, and the results come once it fits. */
static void
test_too_large_banner (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  BannerProbe probe = { window, WFL_BANNER_TOO_LARGE };
  const char *text = NULL;

  wfl_window_show_view (window, WFL_CHART_SANKEY);
  wfl_test_wait_until (has_results, document);
  wfl_test_iterate ();
  g_assert_nonnull (window->sankey_view->graph);

  _wfl_memory_set_available (1024);
  g_assert_true (wfl_document_edit (document, "Retitle", NULL, retitle_edit, NULL, NULL));
  wfl_test_wait_until (banner_is, &probe);
  wfl_test_iterate ();
  _wfl_window_get_banner (window, &text);
  g_assert_nonnull (strstr (text, "needs about"));
  g_assert_nonnull (strstr (text, "is available"));
  g_assert_null (wfl_document_get_results (document));
  g_assert_cmpstr (gtk_label_get_text (window->status_bottleneck), ==, "Not simulated: too large for the memory");
  g_assert_null (window->sankey_view->graph);
  g_assert_nonnull (strstr (window->sankey_view->message, "needs about"));
  g_assert_cmpstr (wfl_scenario_get_title (wfl_document_get_scenario (document)), ==, "Retitled");

  /* With the memory back, the next change simulates. */
  _wfl_memory_set_available (0);
  wfl_document_undo (document);
  wfl_test_wait_until (has_results, document);
  probe.kind = WFL_BANNER_NONE;
  wfl_test_wait_until (banner_is, &probe);
  wfl_test_iterate ();
  g_assert_nonnull (window->sankey_view->graph);

  wfl_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = g_getenv (CHILD_ENV);
  int status;

  if (mode != NULL)
    return run_child (mode, argc, argv);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  {
    g_autofree char *data_home = g_dir_make_tmp ("wfl-test-recovery-XXXXXX", NULL);

    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  }
  /* The test backend keeps the banner buttons' accessible names (the
   * suite's GTK_A11Y=none would drop them). */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/recovery/crash-restores-draft", test_crash_restores_draft);
  g_test_add_func ("/wfl/ui/recovery/file-changed-on-disk", test_file_changed_on_disk);
  g_test_add_func ("/wfl/ui/recovery/open-twice-raises", test_open_twice_raises);
  g_test_add_func ("/wfl/ui/recovery/too-large-banner", test_too_large_banner);

  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
