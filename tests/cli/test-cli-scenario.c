/* test-cli.c: the headless command line, run as a program
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wfl-model.h"
#include "wfl-test-temp.h"
#include "wfl-test-run.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
test_validate_valid (void)
{
  g_autofree char *path = fixture_path ("valid-full.waferline");
  g_auto(WflTestRun) run = { 0 };

  wfl_test_run_waferline (&run, "--validate", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_validate_invalid (void)
{
  g_autofree char *path = fixture_path ("invalid-grammar.waferline");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WflScenario) scenario = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(WflTestRun) run = { 0 };

  wfl_test_run_waferline (&run, "--validate", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");

  /* One line per problem, FILE:LINE: message, FILE as given. */
  scenario = wfl_scenario_load_file (file, NULL, &problems, NULL);
  g_assert_null (scenario);
  lines = g_strsplit (run.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, problems->len + 1);
  g_assert_cmpstr (lines[problems->len], ==, "");
  for (guint i = 0; i < problems->len; i++)
    {
      const WflProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *expected = g_strdup_printf ("%s:%d: %s", path, problem->line, problem->message);

      g_assert_cmpstr (lines[i], ==, expected);
    }
  g_assert_nonnull (strstr (run.err, ":6: Unknown attribute “colour” on <node>"));
}

/* --validate names every problem in one run: the grammar's (a negative
 * quantity) and the model's (a yield of 1.7, a link to a missing node). */
static void
test_validate_all_problems (void)
{
  g_autofree char *path = fixture_path ("validate-all-problems.waferline");
  g_autofree char *yield = g_strdup_printf ("%s:17: The yield of node “fab” is 1.7", path);
  g_autofree char *quantity = g_strdup_printf ("%s:24: The “quantity” attribute of <order> must not be negative", path);
  g_autofree char *link = g_strdup_printf ("%s:30: Link “fab” → “custt” goes to node “custt”", path);
  g_auto(GStrv) lines = NULL;
  g_auto(WflTestRun) run = { 0 };

  wfl_test_run_waferline (&run, "--validate", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  lines = g_strsplit (run.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], yield));
  g_assert_true (g_str_has_prefix (lines[1], quantity));
  g_assert_true (g_str_has_prefix (lines[2], link));
}

static void
test_validate_hostile (void)
{
  const char *cases[][2] = {
    { "hostile-xxe.waferline", ":2: " },
    { "hostile-nul.waferline", ":4: " },
    { "newer-version.waferline", ":3: " },
    { "empty.waferline", ": " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture_path (cases[i][0]);
      g_autofree char *prefix = g_strconcat (path, cases[i][1], NULL);
      g_auto(WflTestRun) run = { 0 };

      wfl_test_run_waferline (&run, "--validate", path, NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_true (g_str_has_prefix (run.err, prefix));
      g_assert_null (strstr (run.err, "root:"));
    }
}

static void
test_validate_missing_file (void)
{
  g_auto(WflTestRun) run = { 0 };

  wfl_test_run_waferline (&run, "--validate", "/nonexistent/scenario.waferline", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "waferline: "));
  g_assert_nonnull (strstr (run.err, "/nonexistent/scenario.waferline"));
  g_assert_nonnull (strchr (run.err, '\n'));
  g_assert_cmpint (strchr (run.err, '\n')[1], ==, '\0');
}

static void
test_save_round_trip (void)
{
  g_autofree char *path = fixture_path ("valid-full.waferline");
  g_autofree char *out = wfl_test_temp_path ("first.waferline");
  g_autofree char *again = wfl_test_temp_path ("second.waferline");
  g_autofree char *original = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_auto(WflTestRun) run = { 0 };
  g_auto(WflTestRun) run2 = { 0 };

  wfl_test_run_waferline (&run, "--save", out, path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  wfl_test_run_waferline (&run2, "--save", again, out, NULL);
  g_assert_cmpint (run2.status, ==, 0);

  /* The fixture is canonical: all three are the same bytes. */
  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  g_assert_true (g_file_get_contents (out, &first, NULL, NULL));
  g_assert_true (g_file_get_contents (again, &second, NULL, NULL));
  g_assert_cmpstr (first, ==, original);
  g_assert_cmpstr (second, ==, first);
}

static void
test_save_builtin (void)
{
  g_autofree char *out = wfl_test_temp_path ("builtin.waferline");
  g_autoptr(WflScenario) builtin = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  gsize length;
  g_auto(WflTestRun) run = { 0 };

  wfl_test_run_waferline (&run, "--save", out, NULL);
  g_assert_cmpint (run.status, ==, 0);

  builtin = wfl_scenario_new_builtin (&error);
  g_assert_no_error (error);
  expected = wfl_scenario_to_bytes (builtin);
  g_assert_true (g_file_get_contents (out, &written, &length, NULL));
  g_assert_cmpmem (written, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
test_save_invalid (void)
{
  g_autofree char *path = fixture_path ("missing-attributes.waferline");
  g_autofree char *out = wfl_test_temp_path ("never.waferline");
  g_autofree char *prefix = g_strconcat (path, ":", NULL);
  g_autofree char *summary = g_strdup_printf ("waferline: Could not load “%s”: 6 problems\n", path);
  g_auto(WflTestRun) run = { 0 };

  wfl_test_run_waferline (&run, "--save", out, path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, prefix));
  g_assert_true (g_str_has_suffix (run.err, summary));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_save_unwritable (void)
{
  g_autofree char *plain = wfl_test_temp_path ("plain-file");
  g_autofree char *out = g_build_filename (plain, "out.waferline", NULL);
  g_auto(WflTestRun) run = { 0 };

  g_assert_true (g_file_set_contents (plain, "not a folder", -1, NULL));
  wfl_test_run_waferline (&run, "--save", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "waferline: Could not write"));
  g_assert_nonnull (strstr (run.err, out));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/cli/validate/valid", test_validate_valid);
  g_test_add_func ("/wfl/cli/validate/invalid", test_validate_invalid);
  g_test_add_func ("/wfl/cli/validate/all-problems", test_validate_all_problems);
  g_test_add_func ("/wfl/cli/validate/hostile", test_validate_hostile);
  g_test_add_func ("/wfl/cli/validate/missing-file", test_validate_missing_file);
  g_test_add_func ("/wfl/cli/save/round-trip", test_save_round_trip);
  g_test_add_func ("/wfl/cli/save/builtin", test_save_builtin);
  g_test_add_func ("/wfl/cli/save/invalid", test_save_invalid);
  g_test_add_func ("/wfl/cli/save/unwritable", test_save_unwritable);

  status = g_test_run ();
  wfl_test_remove_temp_dir ();
  return status;
}
