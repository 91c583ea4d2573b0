/* test-atomic-file.c: every file written whole or not at all
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "wfl-layered-scenario.h"
#include "wfl-model.h"
#include "wfl-test-disk.h"

static char *
make_dir (void)
{
  char *dir = g_dir_make_tmp ("wfl-atomic-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
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
assert_listing (const char *dir,
                const char *expected)
{
  g_autofree char *names = wfl_test_list_folder (dir);

  g_assert_cmpstr (names, ==, expected);
}

/* 64 KiB of text, larger than any budget below. */
static GBytes *
big_bytes (char fill)
{
  gsize size = 64 * 1024;
  char *data = g_malloc (size);

  memset (data, fill, size);
  return g_bytes_new_take (data, size);
}

static void
test_new_and_replace (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  mode_t mask = umask (022);

  g_assert_true (wfl_atomic_file_write (file, "new", 3, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "new");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  /* A replaced file keeps its mode. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (wfl_atomic_file_write (file, "newer", 5, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "newer");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* No temporary is left beside it. */
  assert_listing (dir, "out.txt");

  umask (mask);
  remove_tree (dir);
}

/* A write that fails at any point (a disk that fills up) leaves the old
 * file as it was, and no temporary. */
static void
test_fails_mid_write (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = big_bytes ('x');
  gsize size = g_bytes_get_size (bytes);
  const gsize budgets[] = { 0, 1, 4096, size / 2, size - 1 };

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (budgets); i++)
    {
      g_autoptr(GError) error = NULL;

      wfl_test_fail_writes_after (budgets[i]);
      g_assert_false (wfl_atomic_file_write (file, g_bytes_get_data (bytes, NULL), size, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_cmpuint (wfl_test_bytes_written (), ==, budgets[i]);
      assert_contents (path, "old");
      assert_listing (dir, "chart.svg");
    }

  /* With room enough it goes through. */
  wfl_test_fail_writes_after (size);
  g_assert_true (wfl_atomic_file_write (file, g_bytes_get_data (bytes, NULL), size, NULL, NULL));
  wfl_test_fail_writes_after (G_MAXSIZE);
  assert_listing (dir, "chart.svg");

  remove_tree (dir);
}

/* A stream left unfinished (the caller's own failure) is dropped whole. */
static void
test_abort (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) fresh_file = g_file_new_for_path (fresh);
  WflAtomicFile *atomic;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  atomic = wfl_atomic_file_begin (file, NULL, NULL);
  g_assert_nonnull (atomic);
  g_assert_true (g_output_stream_write_all (wfl_atomic_file_get_stream (atomic), "half", 4, NULL, NULL, NULL));
  wfl_atomic_file_abort (atomic);
  assert_contents (path, "old");

  atomic = wfl_atomic_file_begin (fresh_file, NULL, NULL);
  g_assert_nonnull (atomic);
  wfl_atomic_file_abort (atomic);
  assert_listing (dir, "out.txt");

  remove_tree (dir);
}

static const char * const names[] = { "nodes.csv", "links.csv", "orders.csv" };

static void
make_set (GBytes **contents)
{
  contents[0] = big_bytes ('n');
  contents[1] = big_bytes ('l');
  contents[2] = g_bytes_new_static ("o", 1);
}

static void
clear_set (GBytes **contents)
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_bytes_unref (contents[i]);
}

/* Budgets that make the set fail in each of its files. */
static const gsize set_budgets[] = { 0, 100, 64 * 1024 + 5, 2 * 64 * 1024 };

/* A new folder appears whole, or not at all. */
static void
test_set_new_folder (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *out = g_build_filename (dir, "results", "csv", NULL);
  g_autofree char *parent = g_build_filename (dir, "results", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  GBytes *contents[G_N_ELEMENTS (names)];

  make_set (contents);
  for (guint i = 0; i < G_N_ELEMENTS (set_budgets); i++)
    {
      g_autoptr(GError) error = NULL;

      wfl_test_fail_writes_after (set_budgets[i]);
      g_assert_false (wfl_atomic_file_write_set (out_file, G_N_ELEMENTS (names), names, contents, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      /* The message names the file where it was to be. */
      g_assert_nonnull (strstr (error->message, out));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      assert_listing (parent, "");
    }
  wfl_test_fail_writes_after (G_MAXSIZE);

  g_assert_true (wfl_atomic_file_write_set (out_file, G_N_ELEMENTS (names), names, contents, NULL, NULL));
  assert_listing (out, "links.csv nodes.csv orders.csv");
  assert_listing (parent, "csv");
  {
    g_autofree char *orders = g_build_filename (out, "orders.csv", NULL);
    GStatBuf st;

    assert_contents (orders, "o");
    g_assert_cmpint (g_stat (out, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0700, ==, 0700);
  }

  clear_set (contents);
  remove_tree (dir);
}

/* In a folder of the user's, every file stays old unless all are new;
 * other files are not touched. */
static void
test_set_existing_folder (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GFile) dir_file = g_file_new_for_path (dir);
  GBytes *contents[G_N_ELEMENTS (names)];

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_assert_true (g_file_set_contents (path, "old", -1, NULL));
    }
  {
    g_autofree char *note = g_build_filename (dir, "note.txt", NULL);

    g_assert_true (g_file_set_contents (note, "mine", -1, NULL));
  }

  make_set (contents);
  for (guint i = 0; i < G_N_ELEMENTS (set_budgets); i++)
    {
      g_autoptr(GError) error = NULL;

      wfl_test_fail_writes_after (set_budgets[i]);
      g_assert_false (wfl_atomic_file_write_set (dir_file, G_N_ELEMENTS (names), names, contents, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          g_autofree char *path = g_build_filename (dir, names[k], NULL);

          assert_contents (path, "old");
        }
      assert_listing (dir, "links.csv nodes.csv note.txt orders.csv");
    }
  wfl_test_fail_writes_after (G_MAXSIZE);

  g_assert_true (wfl_atomic_file_write_set (dir_file, G_N_ELEMENTS (names), names, contents, NULL, NULL));
  assert_listing (dir, "links.csv nodes.csv note.txt orders.csv");
  {
    g_autofree char *orders = g_build_filename (dir, "orders.csv", NULL);
    g_autofree char *note = g_build_filename (dir, "note.txt", NULL);

    assert_contents (orders, "o");
    assert_contents (note, "mine");
  }

  clear_set (contents);
  remove_tree (dir);
}

static void
test_set_not_a_folder (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *plain = g_build_filename (dir, "plain", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (plain);
  g_autoptr(GError) error = NULL;
  GBytes *contents[G_N_ELEMENTS (names)];

  make_set (contents);
  g_assert_true (g_file_set_contents (plain, "a file", -1, NULL));
  g_assert_false (wfl_atomic_file_write_set (file, G_N_ELEMENTS (names), names, contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  assert_contents (plain, "a file");
  assert_listing (dir, "plain");

  clear_set (contents);
  remove_tree (dir);
}

/* A real full disk: a tmpfs of 96 KiB, where the test may mount one. */
static void
test_full_disk (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *contents[G_N_ELEMENTS (names)];
  gsize size = 200 * 1024;

  if (!wfl_test_mount_small_disk (dir, 96 * 1024))
    {
      g_test_skip ("cannot mount a small tmpfs here (needs root and mount namespaces)");
      g_rmdir (dir);
      return;
    }

  bytes = g_bytes_new_take (g_malloc0 (size), size);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_false (wfl_atomic_file_write (file, g_bytes_get_data (bytes, NULL), size, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  assert_contents (path, "old");
  assert_listing (dir, "chart.svg");
  g_clear_error (&error);

  make_set (contents);
  g_bytes_unref (contents[1]);
  contents[1] = g_bytes_ref (bytes);
  g_assert_false (wfl_atomic_file_write_set (csv_file, G_N_ELEMENTS (names), names, contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  assert_listing (dir, "chart.svg");
  clear_set (contents);

  g_assert_cmpint (umount (dir), ==, 0);
  remove_tree (dir);
}

/* The results' four tables and a saved scenario go through the same
 * path: a failure anywhere keeps every old file. */
static void
test_writers (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autofree char *saved = g_build_filename (dir, "saved.waferline", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved);
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(WflSimulation) simulation = wfl_simulation_new (scenario, NULL);
  g_autoptr(GBytes) canonical = wfl_scenario_to_bytes (scenario);
  g_autoptr(GError) error = NULL;

  g_assert_true (wfl_simulation_run (simulation, NULL, NULL));
  g_assert_true (g_file_set_contents (saved, "old", -1, NULL));

  wfl_test_fail_writes_after (3000);
  g_assert_false (wfl_results_csv_write (simulation, csv_file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));

  wfl_test_fail_writes_after (g_bytes_get_size (canonical) - 1);
  g_assert_false (wfl_scenario_save_file (scenario, saved_file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  assert_contents (saved, "old");
  assert_listing (dir, "saved.waferline");

  wfl_test_fail_writes_after (G_MAXSIZE);
  g_assert_true (wfl_results_csv_write (simulation, csv_file, NULL, NULL));
  g_assert_true (wfl_scenario_save_file (scenario, saved_file, NULL, NULL));
  assert_listing (csv, "expansions.csv grants.csv links.csv nodes.csv orders.csv products.csv quotas.csv stages.csv");
  assert_listing (dir, "csv saved.waferline");

  remove_tree (dir);
}

/* A large scenario is saved in pieces made on two threads and written
 * as each is ready (wfl-scenario-xml-write.c): the file holds exactly
 * wfl_scenario_to_bytes(), and a write that fails anywhere (in the first
 * piece, between pieces, in the last byte) leaves the old file and no
 * temporary. */
static void
test_large_save_in_pieces (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "large.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (18, 30, 100, 12000, 104);
  g_autoptr(GBytes) canonical = wfl_scenario_to_bytes (scenario);
  gsize size = g_bytes_get_size (canonical);
  const gsize budgets[] = { 0, 1000, 300 * 1024, size / 2, size - 1 };
  g_autofree char *contents = NULL;
  g_autofree char *title = NULL;
  gsize length = 0;

  /* Several pieces of 256 KiB. */
  g_assert_cmpuint (size, >, 2 * 1024 * 1024);
  g_assert_true (wfl_scenario_save_file (scenario, file, NULL, NULL));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (canonical, NULL), size);
  g_clear_pointer (&contents, g_free);

  /* Over a large file (let go on a thread of its own after the rename):
   * the new bytes, the file's mode kept, nothing left beside it. */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  title = g_strdup (wfl_scenario_get_title (scenario));
  wfl_scenario_set_title (scenario, "Saved again");
  g_clear_pointer (&canonical, g_bytes_unref);
  canonical = wfl_scenario_to_bytes (scenario);
  size = g_bytes_get_size (canonical);
  g_assert_true (wfl_scenario_save_file (scenario, file, NULL, NULL));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (canonical, NULL), size);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  }
  assert_listing (dir, "large.waferline");
  wfl_scenario_set_title (scenario, title);
  g_clear_pointer (&canonical, g_bytes_unref);
  canonical = wfl_scenario_to_bytes (scenario);
  size = g_bytes_get_size (canonical);
  g_assert_cmpuint (size, ==, budgets[G_N_ELEMENTS (budgets) - 1] + 1);

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (budgets); i++)
    {
      g_autoptr(GError) error = NULL;

      wfl_test_fail_writes_after (budgets[i]);
      g_assert_false (wfl_scenario_save_file (scenario, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, path));
      assert_contents (path, "old");
      assert_listing (dir, "large.waferline");
    }
  wfl_test_fail_writes_after (G_MAXSIZE);

  remove_tree (dir);
}

/* An empty folder that exists already is written as a new one: the set
 * goes into a temporary folder beside it, renamed over it at once (the
 * folder is replaced, so its inode changes); a failure leaves it empty
 * and nothing beside it. */
static void
test_set_empty_folder (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *out = g_build_filename (dir, "csv", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  GBytes *contents[G_N_ELEMENTS (names)];
  g_autoptr(GError) error = NULL;
  GStatBuf before, after;

  make_set (contents);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  g_assert_cmpint (g_stat (out, &before), ==, 0);

  wfl_test_fail_writes_after (100);
  g_assert_false (wfl_atomic_file_write_set (out_file, G_N_ELEMENTS (names), names, contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  wfl_test_fail_writes_after (G_MAXSIZE);
  assert_listing (dir, "csv");
  assert_listing (out, "");

  g_assert_true (wfl_atomic_file_write_set (out_file, G_N_ELEMENTS (names), names, contents, NULL, NULL));
  assert_listing (out, "links.csv nodes.csv orders.csv");
  assert_listing (dir, "csv");
  g_assert_cmpint (g_stat (out, &after), ==, 0);
  g_assert_true (before.st_ino != after.st_ino);

  clear_set (contents);
  remove_tree (dir);
}

/* The results' large tables are made in pieces on threads and written
 * as each is ready (wfl-results-csv.c): every file holds exactly
 * wfl_results_csv_to_bytes(), and a write that fails anywhere (in the
 * first piece, inside or at the end of nodes.csv, inside links.csv, in
 * the last byte) leaves every old file and no temporary, or no folder. */
static void
test_large_results_in_pieces (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  /* 200 nodes and 400 links over 520 weeks: dozens of pieces each. */
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (17, 10, 20, 400, 520);
  g_autoptr(WflSimulation) simulation = wfl_simulation_new (scenario, NULL);
  GBytes *canonical[WFL_RESULTS_CSV_N_TABLES];
  gsize nodes, links, total = 0;
  const char *listing = "expansions.csv grants.csv links.csv nodes.csv orders.csv products.csv quotas.csv stages.csv";

  g_assert_true (wfl_simulation_run (simulation, NULL, NULL));
  for (int t = 0; t < WFL_RESULTS_CSV_N_TABLES; t++)
    {
      canonical[t] = wfl_results_csv_to_bytes (simulation, t);
      total += g_bytes_get_size (canonical[t]);
    }
  nodes = g_bytes_get_size (canonical[WFL_RESULTS_CSV_NODES]);
  links = g_bytes_get_size (canonical[WFL_RESULTS_CSV_LINKS]);
  g_assert_cmpuint (nodes, >, 8 * 1024 * 1024);
  g_assert_cmpuint (links, >, 6 * 1024 * 1024);

  g_assert_true (wfl_results_csv_write (simulation, csv_file, NULL, NULL));
  assert_listing (csv, listing);
  for (int t = 0; t < WFL_RESULTS_CSV_N_TABLES; t++)
    {
      g_autofree char *path = g_build_filename (csv, wfl_results_csv_get_filename (t), NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpmem (contents, length, g_bytes_get_data (canonical[t], NULL), g_bytes_get_size (canonical[t]));
      g_assert_true (g_file_set_contents (path, "old", -1, NULL));
    }

  {
    const gsize budgets[] = { 0, 1000, nodes / 2, nodes, nodes + 1, nodes + links / 2, total - 1 };

    for (guint i = 0; i < G_N_ELEMENTS (budgets); i++)
      {
        g_autoptr(GError) error = NULL;

        wfl_test_fail_writes_after (budgets[i]);
        g_assert_false (wfl_results_csv_write (simulation, csv_file, NULL, &error));
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
        g_assert_nonnull (strstr (error->message, csv));
        assert_listing (csv, listing);
        for (int t = 0; t < WFL_RESULTS_CSV_N_TABLES; t++)
          {
            g_autofree char *path = g_build_filename (csv, wfl_results_csv_get_filename (t), NULL);

            assert_contents (path, "old");
          }
      }
  }

  /* A new folder appears whole or not at all. */
  remove_tree (csv);
  {
    g_autoptr(GError) error = NULL;

    wfl_test_fail_writes_after (nodes + links / 2);
    g_assert_false (wfl_results_csv_write (simulation, csv_file, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    assert_listing (dir, "");
  }
  wfl_test_fail_writes_after (G_MAXSIZE);

  for (int t = 0; t < WFL_RESULTS_CSV_N_TABLES; t++)
    g_bytes_unref (canonical[t]);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/atomic-file/new-and-replace", test_new_and_replace);
  g_test_add_func ("/wfl/model/atomic-file/fails-mid-write", test_fails_mid_write);
  g_test_add_func ("/wfl/model/atomic-file/abort", test_abort);
  g_test_add_func ("/wfl/model/atomic-file/set/new-folder", test_set_new_folder);
  g_test_add_func ("/wfl/model/atomic-file/set/existing-folder", test_set_existing_folder);
  g_test_add_func ("/wfl/model/atomic-file/set/not-a-folder", test_set_not_a_folder);
  g_test_add_func ("/wfl/model/atomic-file/set/empty-folder", test_set_empty_folder);
  g_test_add_func ("/wfl/model/atomic-file/full-disk", test_full_disk);
  g_test_add_func ("/wfl/model/atomic-file/writers", test_writers);
  g_test_add_func ("/wfl/model/atomic-file/large-save-in-pieces", test_large_save_in_pieces);
  g_test_add_func ("/wfl/model/atomic-file/large-results-in-pieces", test_large_results_in_pieces);

  return g_test_run ();
}
