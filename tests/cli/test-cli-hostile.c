/* test-cli-hostile.c: the command line on files and options that used to
 * give a wrong result with exit 0, or an abort
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "wfl-test-temp.h"
#include "wfl-test-run.h"

#define RUN(run, ...) wfl_test_run_argv ((run), (const char *[]) { __VA_ARGS__, NULL })

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* One line on standard error, starting with prefix and holding fragment. */
static void
assert_one_line (const WflTestRun  *run,
                 int         status,
                 const char *prefix,
                 const char *fragment)
{
  g_test_message ("%s", run->err);
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (run->err, prefix));
  g_assert_nonnull (strstr (run->err, fragment));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_cmpuint (strchr (run->err, '\n') - run->err + 1, ==, strlen (run->err));
}

/* The help says a size is at least 1 pixel: 0 was taken for "not given". */
static void
test_sizes_refused (void)
{
  g_autofree char *out = wfl_test_temp_path ("chart.png");
  const char *cases[][2] = {
    { "--width", "0" }, { "--height", "0" }, { "--width", "-1" }, { "--width", "40000" },
    { "--scale", "0" }, { "--scale", "nan" }, { "--scale", "-2" }, { "--scale", "17" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(WflTestRun) run = { 0 };

      RUN (&run, "--export", out, cases[i][0], cases[i][1]);
      assert_one_line (&run, 2, "waferline: ", cases[i][0]);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }

  {
    g_auto(WflTestRun) run = { 0 };

    RUN (&run, "--export", out, "--width", "1", "--height", "1", "--scale", "16");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  }
}

/* Files that simulated to a silently wrong result are refused by
 * --simulate with their line, and nothing is written. */
static void
test_simulate_refuses (void)
{
  const char *cases[][2] = {
    { "hostile2-qty-1e308.waferline", ":13: The quantity of order “o1” is 1e308" },
    { "hostile2-perunit-1e-300.waferline", ":17: The per-unit quantity of link “wafers” → “fab” is 1e-300" },
    { "hostile2-date-year-9999.waferline", ":4: The calendar of 20 weeks from 9999-12-06 ends after 9999-12-31" },
    { "hostile2-cr-only-error-line.waferline", ":18: Link “fab” → “nowhere”" },
  };
  g_autofree char *dir = wfl_test_temp_path ("csv");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture_path (cases[i][0]);
      g_autofree char *prefix = g_strconcat (path, cases[i][1], NULL);
      g_auto(WflTestRun) run = { 0 };
      g_auto(WflTestRun) validate = { 0 };

      RUN (&run, "--simulate", "--csv", dir, path);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_true (g_str_has_prefix (run.err, prefix));
      g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

      RUN (&validate, "--validate", path);
      g_assert_cmpint (validate.status, ==, 1);
      g_assert_true (g_str_has_prefix (validate.err, prefix));
    }
}

static void
test_flows_refused (void)
{
  const char *cases[][2] = {
    { "hostile2-flows-huge-sum.csv", ":2: the value 1e308 is larger than 1e15" },
    { "hostile2-flows-extra-field.csv", ":2: expected 3 fields (source,target,value), found 4" },
  };
  g_autofree char *out = wfl_test_temp_path ("flows.json");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture_path (cases[i][0]);
      g_autofree char *prefix = g_strconcat ("waferline: ", path, cases[i][1], NULL);
      g_auto(WflTestRun) run = { 0 };

      RUN (&run, "--flows", path, "--export", out);
      assert_one_line (&run, 1, prefix, "");
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
}

/* An unknown id of 1 MiB is not echoed whole. */
static void
test_long_id (void)
{
  g_autofree char *path = wfl_test_temp_path ("long-id.waferline");
  g_autoptr(GString) xml = g_string_new (
    "<scenario xmlns=\"urn:waferline:scenario:1\" format-version=\"1\">\n"
    "  <calendar start=\"2024-01-01\" weeks=\"10\"/>\n"
    "  <nodes>\n"
    "    <node id=\"a\" kind=\"supply\"/>\n"
    "  </nodes>\n"
    "  <links>\n"
    "    <link from=\"a\" to=\"");
  g_autofree char *prefix = NULL;
  g_auto(WflTestRun) run = { 0 };

  for (int i = 0; i < 1024 * 1024; i++)
    g_string_append_c (xml, 'q');
  g_string_append (xml, "\"/>\n  </links>\n</scenario>\n");
  g_assert_true (g_file_set_contents (path, xml->str, xml->len, NULL));

  RUN (&run, "--validate", path);
  prefix = g_strconcat (path, ":7: Link “a” → “qqqq", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, prefix));
  g_assert_cmpuint (strlen (run.err), <, strlen (path) + 400);
  g_remove (path);
}

static void
limit_address_space (gpointer user_data)
{
  struct rlimit limit = { 2u << 30, 2u << 30 };

  setrlimit (RLIMIT_AS, &limit);
}

/* 50,000 nodes (16,667 supply → process → customer chains) over 5,200
 * weeks, with 2 GiB of address space: --simulate aborted in g_error
 * ("failed to map 2080374784 bytes", exit 133).  It must say what it
 * needs, exit 1 and write nothing. */
static void
test_simulation_too_large (void)
{
  g_autofree char *path = wfl_test_temp_path ("50000-nodes.waferline");
  g_autofree char *dir = wfl_test_temp_path ("csv-too-large");
  g_autoptr(GString) xml = g_string_new ("<scenario xmlns=\"urn:waferline:scenario:1\" format-version=\"1\">\n"
                                         "  <calendar start=\"2000-01-03\" weeks=\"5200\"/>\n  <nodes>\n");
  const char *argv[] = { g_getenv ("WFL_EXE"), "--simulate", "--csv", dir, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GError) error = NULL;
  int status;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer needs more address space than the limit this test sets");
  return;
#endif

  for (int i = 0; i < 16667; i++)
    g_string_append_printf (xml,
                            "    <node id=\"s%d\" kind=\"supply\" capacity=\"10\"/>\n"
                            "    <node id=\"p%d\" kind=\"process\" lead-weeks=\"2\"/>\n"
                            "    <node id=\"c%d\" kind=\"customer\"><order id=\"o%d\" quantity=\"100\" placed=\"2000-01-03\"/></node>\n",
                            i, i, i, i);
  g_string_append (xml, "  </nodes>\n  <links>\n");
  for (int i = 0; i < 16667; i++)
    g_string_append_printf (xml, "    <link from=\"s%d\" to=\"p%d\"/>\n    <link from=\"p%d\" to=\"c%d\"/>\n", i, i, i, i);
  g_string_append (xml, "  </links>\n</scenario>\n");
  g_assert_cmpuint (xml->len, >, 4 * 1000 * 1000);
  g_assert_true (g_file_set_contents (path, xml->str, xml->len, NULL));

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, limit_address_space, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  prefix = g_strconcat ("waferline: ", path, ": Simulating 50001 nodes over 5200 weeks needs about ", NULL);
  g_assert_true (g_str_has_prefix (err, prefix));
  g_assert_nonnull (strstr (err, "GB of memory, but only "));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/cli/hostile/sizes-refused", test_sizes_refused);
  g_test_add_func ("/wfl/cli/hostile/simulate-refuses", test_simulate_refuses);
  g_test_add_func ("/wfl/cli/hostile/flows-refused", test_flows_refused);
  g_test_add_func ("/wfl/cli/hostile/long-id", test_long_id);
  g_test_add_func ("/wfl/cli/hostile/simulation-too-large", test_simulation_too_large);

  status = g_test_run ();
  wfl_test_remove_temp_dir ();
  return status;
}
