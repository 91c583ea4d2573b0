/* test-drafts.c: unsaved changes kept in a draft, offered after a crash
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "wfl-drafts.h"
#include "wfl-test-utils.h"

static char *data_home;

static gboolean
rename_fab_edit (WflScenario  *scenario,
                 gpointer      user_data,
                 GError      **error)
{
  WflNode *node = wfl_scenario_find_node (scenario, "fab");

  g_free (node->name);
  node->name = g_strdup (user_data);
  return TRUE;
}

/* A dangling link: a problem the user is in the middle of fixing. */
static gboolean
break_edit (WflScenario  *scenario,
            gpointer      user_data,
            GError      **error)
{
  wfl_scenario_add_link (scenario, wfl_link_new ("fab", "nowhere"));
  return TRUE;
}

static gboolean
has_draft (gpointer data)
{
  return wfl_draft_keeper_get_path (data) != NULL;
}

static gboolean
has_no_draft (gpointer data)
{
  return wfl_draft_keeper_get_path (data) == NULL;
}

/* The document of the worked example, saved to a file of its own. */
static WflDocument *
saved_document (GFile **file)
{
  WflDocument *document = wfl_test_teaching_document ();
  g_autofree char *dir = g_dir_make_tmp ("wfl-drafts-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chain.waferline", NULL);

  *file = g_file_new_for_path (path);
  g_assert_true (wfl_document_save (document, *file, NULL, NULL));
  g_assert_false (wfl_document_get_modified (document));
  return document;
}

static char *
read_text (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A process id that no longer runs. */
static gint64
dead_pid (void)
{
  const char *argv[] = { "true", NULL };
  GPid pid;
  int status;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL));
  waitpid (pid, &status, 0);
  return pid;
}

/* Makes the keeper's draft look like one of a process that crashed. */
static void
orphan (const char *scenario_path)
{
  g_autofree char *base = g_strndup (scenario_path, strlen (scenario_path) - strlen (".waferline"));
  g_autofree char *info_path = g_strconcat (base, ".draft", NULL);
  g_autoptr(GKeyFile) info = g_key_file_new ();

  g_assert_true (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL));
  g_key_file_set_int64 (info, "Draft", "pid", dead_pid ());
  g_assert_true (g_key_file_save_to_file (info, info_path, NULL));
}

/* An edit makes a draft within the delay, in the drafts folder (not the
 * document's), holding the edited scenario's canonical form; the draft
 * follows later edits; a running process's draft is no orphan. */
static void
test_draft_follows_edits (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(WflDocument) document = saved_document (&file);
  g_autoptr(WflDraftKeeper) keeper = wfl_draft_keeper_new (document);
  g_autofree char *folder = wfl_drafts_get_folder ();
  g_autoptr(GPtrArray) orphans = NULL;
  gint64 start;

  g_assert_true (g_str_has_prefix (folder, data_home));
  g_assert_null (wfl_draft_keeper_get_path (keeper));

  start = g_get_monotonic_time ();
  wfl_document_edit (document, "Rename", NULL, rename_fab_edit, (gpointer) "Foundry", NULL);
  wfl_test_wait_until (has_draft, keeper);
  g_test_message ("draft after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_true (g_str_has_prefix (wfl_draft_keeper_get_path (keeper), folder));
  {
    g_autoptr(GBytes) expected = wfl_scenario_to_bytes (wfl_document_get_scenario (document));
    g_autofree char *text = read_text (wfl_draft_keeper_get_path (keeper));

    g_assert_cmpstr (text, ==, g_bytes_get_data (expected, NULL));
  }

  /* A second edit: the same draft, rewritten. */
  wfl_document_edit (document, "Rename", NULL, rename_fab_edit, (gpointer) "Fab 2", NULL);
  {
    g_autoptr(GBytes) expected = wfl_scenario_to_bytes (wfl_document_get_scenario (document));
    g_autofree char *text = NULL;

    while (text == NULL || strcmp (text, g_bytes_get_data (expected, NULL)) != 0)
      {
        g_clear_pointer (&text, g_free);
        g_main_context_iteration (NULL, TRUE);
        text = read_text (wfl_draft_keeper_get_path (keeper));
      }
  }
  g_assert_cmpuint (count_files (folder), ==, 2);

  orphans = wfl_drafts_find_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);

  /* Saving removes it. */
  g_assert_true (wfl_document_save (document, NULL, NULL, NULL));
  g_assert_null (wfl_draft_keeper_get_path (keeper));
  g_assert_cmpuint (count_files (folder), ==, 0);
}

/* Undoing back to the saved state, or discarding, removes the draft;
 * a keeper that goes while its document is modified keeps it. */
static void
test_draft_removed (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(WflDocument) document = saved_document (&file);
  g_autofree char *folder = wfl_drafts_get_folder ();
  WflDraftKeeper *keeper = wfl_draft_keeper_new (document);

  wfl_document_edit (document, "Rename", NULL, rename_fab_edit, (gpointer) "Foundry", NULL);
  wfl_test_wait_until (has_draft, keeper);
  wfl_document_undo (document);
  g_assert_false (wfl_document_get_modified (document));
  wfl_test_wait_until (has_no_draft, keeper);
  g_assert_cmpuint (count_files (folder), ==, 0);

  wfl_document_redo (document);
  wfl_test_wait_until (has_draft, keeper);
  wfl_draft_keeper_discard (keeper);
  wfl_test_wait_until (has_no_draft, keeper);
  g_assert_cmpuint (count_files (folder), ==, 0);
  g_object_unref (keeper);

  /* The process quits without asking: the draft stays. */
  keeper = wfl_draft_keeper_new (document);
  wfl_test_wait_until (has_draft, keeper);
  g_object_unref (keeper);
  wfl_test_iterate ();
  g_assert_cmpuint (count_files (folder), ==, 2);
  {
    g_autoptr(GPtrArray) drafts = NULL;
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_suffix (name, ".waferline"))
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);

          orphan (path);
        }
    drafts = wfl_drafts_find_orphans ();
    g_assert_cmpuint (drafts->len, ==, 1);
    wfl_draft_remove (g_ptr_array_index (drafts, 0));
  }
  g_assert_cmpuint (count_files (folder), ==, 0);
}

/* The draft of a crashed process is found with its file and title, loads
 * back to the same scenario (byte for byte in canonical form, problems
 * and all), and restores as unsaved changes to its file. */
static void
test_orphan_restores (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(WflDocument) document = saved_document (&file);
  g_autoptr(WflDraftKeeper) keeper = wfl_draft_keeper_new (document);
  g_autoptr(WflDocument) restored = wfl_document_new ();
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;
  const WflDraft *draft;

  wfl_document_edit (document, "Rename", NULL, rename_fab_edit, (gpointer) "Foundry", NULL);
  wfl_document_edit (document, "Break", NULL, break_edit, NULL, NULL);
  wfl_test_wait_until (has_draft, keeper);
  expected = wfl_scenario_to_bytes (wfl_document_get_scenario (document));
  orphan (wfl_draft_keeper_get_path (keeper));

  orphans = wfl_drafts_find_orphans ();
  g_assert_cmpuint (orphans->len, ==, 1);
  draft = g_ptr_array_index (orphans, 0);
  g_assert_true (g_file_equal (draft->file, file));
  g_assert_cmpstr (draft->title, ==, wfl_scenario_get_title (wfl_document_get_scenario (document)));
  g_assert_nonnull (draft->kept);

  scenario = wfl_draft_load (draft, &error);
  g_assert_no_error (error);
  got = wfl_scenario_to_bytes (scenario);
  g_assert_true (g_bytes_equal (got, expected));

  wfl_document_restore (restored, scenario, draft->file);
  g_assert_true (wfl_document_get_modified (restored));
  g_assert_true (g_file_equal (wfl_document_get_file (restored), file));
  g_assert_false (wfl_document_can_undo (restored));
  g_bytes_unref (got);
  got = wfl_scenario_to_bytes (wfl_document_get_scenario (restored));
  g_assert_true (g_bytes_equal (got, expected));

  wfl_draft_remove (draft);
  wfl_draft_keeper_discard (keeper);
  wfl_test_wait_until (has_no_draft, keeper);
}

/* A temporary left by a write that was cut short is cleaned away. */
static void
test_stale_temporary_removed (void)
{
  g_autofree char *folder = wfl_drafts_get_folder ();
  g_autofree char *stale = g_build_filename (folder, ".x.waferline.ABC123", NULL);
  g_autoptr(GPtrArray) orphans = NULL;
  struct utimbuf old = { 1000, 1000 };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stale, "half a dra", -1, NULL));
  g_assert_cmpint (g_utime (stale, &old), ==, 0);
  orphans = wfl_drafts_find_orphans ();
  g_assert_cmpuint (orphans->len, ==, 0);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Drafts go to a private data folder, not the user's. */
  data_home = g_dir_make_tmp ("wfl-test-drafts-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/core/drafts/follow-edits", test_draft_follows_edits);
  g_test_add_func ("/wfl/core/drafts/removed", test_draft_removed);
  g_test_add_func ("/wfl/core/drafts/orphan-restores", test_orphan_restores);
  g_test_add_func ("/wfl/core/drafts/stale-temporary-removed", test_stale_temporary_removed);

  status = g_test_run ();
  return status;
}
