/* test-file-watch.c: a file changed by another program is noticed, the
 * document's own saves are not
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "wfl-file-watch-private.h"
#include "wfl-test-utils.h"

typedef struct
{
  WflFileWatch *watch;
  guint         changed;
  gboolean      deleted;
  guint         checks;   /* checks seen so far */
} Probe;

static void
changed_cb (WflFileWatch *watch,
            gboolean      deleted,
            Probe        *probe)
{
  probe->changed++;
  probe->deleted = deleted;
}

static gboolean
changed_once_more (gpointer data)
{
  Probe *probe = data;

  return probe->changed > probe->checks;
}

/* The watch looked at the file since the probe's last count. */
static gboolean
checked (gpointer data)
{
  Probe *probe = data;

  return _wfl_file_watch_get_n_checks (probe->watch) > probe->checks;
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_assert_true (wfl_document_save_finish (WFL_DOCUMENT (object), result, NULL));
}

static gboolean
rename_edit (WflScenario  *scenario,
             gpointer      user_data,
             GError      **error)
{
  wfl_scenario_set_title (scenario, "Renamed");
  return TRUE;
}

static void
test_file_watch (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autofree char *dir = g_dir_make_tmp ("wfl-watch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "watched.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WflFileWatch) watch = NULL;
  g_autoptr(GBytes) other = NULL;
  Probe probe = { NULL, 0, FALSE, 0 };

  g_assert_true (wfl_document_save (document, file, NULL, NULL));
  watch = wfl_file_watch_new (document);
  probe.watch = watch;
  g_signal_connect (watch, "changed-on-disk", G_CALLBACK (changed_cb), &probe);

  /* The document's own save, in a thread: looked at, not reported. */
  wfl_document_edit (document, "Rename", NULL, rename_edit, NULL, NULL);
  wfl_document_save_async (document, NULL, NULL, save_done_cb, NULL);
  wfl_test_wait_until (wfl_test_document_not_busy, document);
  wfl_test_wait_until (checked, &probe);
  wfl_test_iterate ();
  g_assert_cmpuint (probe.changed, ==, 0);

  /* Another program writes it (as an editor does, through a rename):
   * reported once. */
  probe.checks = _wfl_file_watch_get_n_checks (watch);
  {
    g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();

    other = wfl_scenario_to_bytes (scenario);
    g_assert_true (g_file_set_contents (path, g_bytes_get_data (other, NULL), g_bytes_get_size (other), NULL));
  }
  probe.checks = 0;
  wfl_test_wait_until (changed_once_more, &probe);
  g_assert_cmpuint (probe.changed, ==, 1);
  g_assert_false (probe.deleted);

  /* Kept: the next change is reported again, and a deletion says so. */
  wfl_file_watch_acknowledge (watch);
  g_assert_cmpint (g_unlink (path), ==, 0);
  probe.checks = 1;
  wfl_test_wait_until (changed_once_more, &probe);
  g_assert_cmpuint (probe.changed, ==, 2);
  g_assert_true (probe.deleted);

  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/core/file-watch/changes", test_file_watch);

  return g_test_run ();
}
