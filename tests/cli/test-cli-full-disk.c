/* test-cli-full-disk.c: the command line on a disk that fills up
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each writer of the command line (--export of both charts in every
 * format, --simulate --csv, --save) runs against a small tmpfs that fills
 * up during the write: it must exit 1 with one line naming the file and
 * the cause, and leave the old files exactly as they were.  The tmpfs is
 * mounted in a mount namespace of the test's own (root only); where it
 * cannot be, the test is skipped, and test-atomic-file and
 * test-export-full-disk cover the same paths with a failing stream.
 */

#include "config.h"

#include <string.h>
#include <errno.h>
#include <sys/mount.h>
#include <sys/statvfs.h>

#include <glib/gstdio.h>

#include "wfl-test-disk.h"
#include "wfl-test-run.h"

static char *disk;

/* Fills the disk but for `room` bytes. */
static void
fill_disk (gsize room)
{
  g_autofree char *filler = g_build_filename (disk, "filler", NULL);
  struct statvfs st;
  gsize free_bytes;

  g_remove (filler);
  g_assert_cmpint (statvfs (disk, &st), ==, 0);
  free_bytes = (gsize) st.f_bavail * st.f_frsize;
  g_assert_cmpuint (free_bytes, >, room);
  {
    gsize size = free_bytes - room;
    g_autofree char *data = g_malloc0 (size);

    g_assert_true (g_file_set_contents (filler, data, size, NULL));
  }
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
assert_failed_on_full_disk (const WflTestRun  *run,
                            const char *path)
{
  g_autofree char *expected = g_strdup_printf ("waferline: Could not write “%s", path);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_true (g_str_has_prefix (run->err, expected));
  g_assert_nonnull (strstr (run->err, g_strerror (ENOSPC)));
  /* One line. */
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, strlen (run->err) - 1);
}

/* TRUE when there is a disk, emptied of the last test's filler. */
static gboolean
have_disk (void)
{
  if (disk != NULL)
    {
      g_autofree char *filler = g_build_filename (disk, "filler", NULL);

      g_remove (filler);
      return TRUE;
    }
  g_test_skip ("cannot mount a small tmpfs here (needs root and mount namespaces)");
  return FALSE;
}

static void
test_exports (void)
{
  const char *charts[] = { "sankey", "gantt" };
  const char *extensions[] = { "png", "svg", "pdf", "json" };

  if (!have_disk ())
    return;

  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    for (guint e = 0; e < G_N_ELEMENTS (extensions); e++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", charts[c], extensions[e]);
        g_autofree char *path = g_build_filename (disk, name, NULL);
        g_autofree char *listing = NULL;
        g_autofree char *expected = g_strdup_printf ("filler %s", name);
        g_auto(WflTestRun) run = { 0 };

        g_assert_true (g_file_set_contents (path, "old", -1, NULL));
        fill_disk (8192);
        wfl_test_run_waferline (&run, "--export", path, "--chart", charts[c], NULL);
        g_test_message ("%s: %s", name, run.err);
        assert_failed_on_full_disk (&run, path);
        assert_contents (path, "old");
        listing = wfl_test_list_folder (disk);
        g_assert_cmpstr (listing, ==, expected);
        g_remove (path);
      }
}

static void
test_simulate_csv (void)
{
  const char *tables[] = { "links.csv", "nodes.csv", "orders.csv", "stages.csv" };
  g_autofree char *dir = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *listing = NULL;

  if (!have_disk ())
    return;

  /* A folder of old results and a file of the user's. */
  dir = g_build_filename (disk, "results", NULL);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *path = g_build_filename (dir, tables[i], NULL);

      g_assert_true (g_file_set_contents (path, tables[i], -1, NULL));
    }
  {
    g_autofree char *note = g_build_filename (dir, "note.txt", NULL);
    g_autofree char *table = g_build_filename (dir, "nodes.csv", NULL);
    g_auto(WflTestRun) run = { 0 };

    g_assert_true (g_file_set_contents (note, "mine", -1, NULL));
    fill_disk (8192);
    wfl_test_run_waferline (&run, "--simulate", "--csv", dir, NULL);
    assert_failed_on_full_disk (&run, table);
    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *path = g_build_filename (dir, tables[i], NULL);

        assert_contents (path, tables[i]);
      }
    assert_contents (note, "mine");
    listing = wfl_test_list_folder (dir);
    g_assert_cmpstr (listing, ==, "links.csv nodes.csv note.txt orders.csv stages.csv");
  }

  /* A new folder is not made at all. */
  fresh = g_build_filename (disk, "fresh", NULL);
  {
    g_autofree char *table = g_build_filename (fresh, "nodes.csv", NULL);
    g_auto(WflTestRun) run = { 0 };

    wfl_test_run_waferline (&run, "--simulate", "--csv", fresh, NULL);
    assert_failed_on_full_disk (&run, table);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    g_clear_pointer (&listing, g_free);
    listing = wfl_test_list_folder (disk);
    g_assert_cmpstr (listing, ==, "filler results");
  }

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *path = g_build_filename (dir, tables[i], NULL);

      g_remove (path);
    }
  {
    g_autofree char *note = g_build_filename (dir, "note.txt", NULL);

    g_remove (note);
  }
  g_rmdir (dir);
}

static void
test_save (void)
{
  g_autofree char *path = NULL;
  g_autofree char *listing = NULL;
  g_auto(WflTestRun) run = { 0 };

  if (!have_disk ())
    return;

  path = g_build_filename (disk, "saved.waferline", NULL);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  fill_disk (8192);
  wfl_test_run_waferline (&run, "--save", path, NULL);
  assert_failed_on_full_disk (&run, path);
  assert_contents (path, "old");
  listing = wfl_test_list_folder (disk);
  g_assert_cmpstr (listing, ==, "filler saved.waferline");
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("wfl-full-disk-XXXXXX", NULL);
  int status;

  g_test_init (&argc, &argv, NULL);

  /* A disk of 256 KiB: the exports are larger than what is left. */
  if (wfl_test_mount_small_disk (dir, 256 * 1024))
    disk = dir;

  g_test_add_func ("/wfl/cli/full-disk/exports", test_exports);
  g_test_add_func ("/wfl/cli/full-disk/simulate-csv", test_simulate_csv);
  g_test_add_func ("/wfl/cli/full-disk/save", test_save);

  status = g_test_run ();
  /* The tmpfs and what is on it go away with the mount. */
  if (disk != NULL)
    umount2 (dir, MNT_DETACH);
  g_rmdir (dir);
  return status;
}
