/* test-cli.c: --simulate and --bottlenecks, run as a user would
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

/* The path of the built executable, from the WFL_EXE environment
 * variable set by tests/meson.build. */
static const char *
exe (void)
{
  const char *path = g_getenv ("WFL_EXE");

  g_assert_nonnull (path);
  return path;
}

static int
run (const char * const  *args,
     char               **out,
     char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_autofree char *teaching = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                     "teaching-three-stage.waferline", NULL);
  guint n = 0;

  g_ptr_array_add (argv, (gpointer) exe ());
  for (n = 0; args[n] != NULL; n++)
    g_ptr_array_add (argv, (gpointer) args[n]);
  /* Without a scenario of their own, the commands run on docs/model.md's
   * worked example (teaching-three-stage.waferline). */
  if (n == 0 || !g_str_has_suffix (args[n - 1], ".waferline"))
    g_ptr_array_add (argv, teaching);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* expansions.csv of tests/data/valid-capacity.waferline, by hand
 * (calendar from 2023-01-02): the first expansion is ordered in week 13
 * and delivered 26 weeks later (week 39), qualified 13 after (week 52);
 * the second waits for 30 tools at 2.5 a week from week 39 (the last
 * started in week 50, delivered after 22 weeks in week 72), is installed
 * 2 weeks later and qualified 13 after that; the third was ordered before
 * the calendar; the bonders have no capacity limit and no lead time. */
static void
test_cli_simulate_csv_expansions (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wfl-cli-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "out", NULL);
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "data", "valid-capacity.waferline", NULL);
  const char *args[] = { "--simulate", "--csv", csv, scenario, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expansions = NULL, *nodes = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  expansions = read_file (csv, "expansions.csv");
  g_assert_cmpstr (expansions, ==,
                   "node,ordered,supplier,tools,tools_started,tools_done,delivered,qualified,capacity\n"
                   "cowos-capacity,2023-04-03,,,,,2023-10-02,2024-01-01,500\n"
                   "cowos-capacity,2023-10-02,cowos-tools,30,2023-10-02,2024-05-20,2024-06-03,2024-09-02,1000.5\n"
                   "cowos-capacity,2022-11-07,,,,,2022-11-07,2022-11-07,0\n"
                   "dies,2023-06-05,bonders,0.5,2023-06-05,2023-06-05,2023-06-05,2023-06-05,5000\n");
  /* The tool makers' week 39: 30 tools wait, 2.5 start. */
  nodes = read_file (csv, "nodes.csv");
  g_assert_nonnull (strstr (nodes, "\n39,2023-10-02,cowos-tools,2.5,2.5,2.5,0,0,2.5,1,capacity\n"));

  for (const char *const *name = (const char *[]) { "nodes.csv", "links.csv", "orders.csv", "stages.csv",
                                                    "quotas.csv", "grants.csv", "expansions.csv", "products.csv", NULL };
       *name; name++)
    {
      g_autofree char *path = g_build_filename (csv, *name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (csv), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_cli_simulate_csv (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wfl-cli-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "out", NULL);
  const char *args[] = { "--simulate", "--csv", csv, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *nodes = NULL, *links = NULL, *orders = NULL, *stages = NULL, *expansions = NULL;
  g_auto(GStrv) node_lines = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");

  nodes = read_file (csv, "nodes.csv");
  links = read_file (csv, "links.csv");
  orders = read_file (csv, "orders.csv");
  stages = read_file (csv, "stages.csv");

  g_assert_true (g_str_has_prefix (nodes, "week,date,node,capacity,desired,starts,completed,stock,wip,utilisation,binding\n"));
  /* docs/model.md's worked example. */
  g_assert_nonnull (strstr (nodes, "\n0,2023-01-02,fab,40,40,40,0,0,40,1,capacity\n"));
  g_assert_nonnull (strstr (nodes, "\n0,2023-01-02,cust,,30,0,0,0,0,,\n"));
  g_assert_nonnull (strstr (nodes, "\n3,2023-01-23,fab,40,0,0,10,0,0,0,demand\n"));
  node_lines = g_strsplit (nodes, "\n", -1);
  /* A header, 20 weeks × 3 nodes, and the final empty string. */
  g_assert_cmpuint (g_strv_length (node_lines), ==, 1 + 20 * 3 + 1);

  g_assert_true (g_str_has_prefix (links, "week,date,from,to,shipped\n0,2023-01-02,wafers,fab,4\n"));
  g_assert_cmpstr (orders, ==,
                   "customer,order,quantity,placed,due,filled,delivered_by_due,lateness_weeks,needed,cancelled\n"
                   "cust,o1,30,2023-01-02,,2023-01-23,,,30,0\n");
  /* The order's timeline: placed in week 0, 1 week waiting for
   * allocation before the wafers of its last dies started, 2 weeks at
   * the fab, filled in week 3 (docs/model.md's worked example). */
  g_assert_cmpstr (stages, ==,
                   "customer,order,stage,start,end,wait_before_weeks,"
                   "kind,weeks,allocation_weeks,wait_weeks,transit_weeks,made\n"
                   "cust,o1,wafers,2023-01-09,2023-01-09,1,stage,0,1,0,0,\n"
                   "cust,o1,fab,2023-01-09,2023-01-23,0,stage,2,0,0,0,\n"
                   "cust,o1,cust,2023-01-23,2023-01-23,0,customer,0,0,0,0,\n");

  /* Without a node of the quota policy, the quota and grant tables are
   * just their headers. */
  {
    g_autofree char *quotas = read_file (csv, "quotas.csv");
    g_autofree char *grants = read_file (csv, "grants.csv");

    g_assert_cmpstr (quotas, ==, "from,to,period,start,end,quota,granted,given_up,allowed,delivered,beyond_quota\n");
    g_assert_cmpstr (grants, ==, "node,grant,donor,recipient,period,start,end,quantity,moved,source\n");
  }

  /* No expansions: the table has its header only. */
  expansions = read_file (csv, "expansions.csv");
  g_assert_cmpstr (expansions, ==, "node,ordered,supplier,tools,tools_started,tools_done,delivered,qualified,capacity\n");

  for (const char *const *name = (const char *[]) { "nodes.csv", "links.csv", "orders.csv", "stages.csv",
                                                    "quotas.csv", "grants.csv", "expansions.csv", "products.csv", NULL };
       *name; name++)
    {
      g_autofree char *path = g_build_filename (csv, *name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (csv), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_cli_bottlenecks_table (void)
{
  const char *args[] = { "--bottlenecks", "--from", "2023-01-02", "--to", "2023-05-15", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  /* The window in whole weeks (2023-05-15 is the first day of the last
   * week), what the gain is, a blank line, the header and one row per
   * capacitated node (fab, wafers: the fab gains, docs/model.md's worked
   * example), aligned; the end product is the customer's unit. */
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  g_assert_cmpstr (lines[0], ==, "Window: 2023-01-02 to 2023-05-21 (20 weeks)");
  g_assert_cmpstr (lines[1], ==, "2023-05-15 falls in the week to 2023-05-21: the window ends on that day.");
  g_assert_true (g_str_has_prefix (lines[2], "Gain: "));
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_true (g_str_has_prefix (lines[4], "product  rank  node"));
  g_assert_true (g_str_has_prefix (lines[5], "die         1  fab "));
  g_assert_true (g_str_has_prefix (lines[6], "die         2  wafers "));
  g_assert_cmpint (g_utf8_strlen (lines[5], -1), ==, g_utf8_strlen (lines[4], -1));
  g_assert_cmpint (g_utf8_strlen (lines[6], -1), ==, g_utf8_strlen (lines[4], -1));
}

/* A date inside a week stands for the whole week, and the output says
 * so: 2023-01-04 is a Wednesday of the week from 2023-01-02, 2023-02-08
 * one of the week to 2023-02-12.  A window of whole weeks (from a week's
 * first day to one's last) gets no note. */
static void
test_cli_bottlenecks_whole_weeks (void)
{
  const char *inside[] = { "--bottlenecks", "--from", "2023-01-04", "--to", "2023-02-08", NULL };
  const char *whole[] = { "--bottlenecks", "--from", "2023-01-02", "--to", "2023-02-12", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) lines2 = NULL;

  g_assert_cmpint (run (inside, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "Window: 2023-01-02 to 2023-02-12 (6 weeks)");
  g_assert_cmpstr (lines[1], ==, "2023-01-04 falls in the week from 2023-01-02: the window starts on that day.");
  g_assert_cmpstr (lines[2], ==, "2023-02-08 falls in the week to 2023-02-12: the window ends on that day.");

  g_assert_cmpint (run (whole, &out2, &err2), ==, 0);
  lines2 = g_strsplit (out2, "\n", -1);
  g_assert_cmpstr (lines2[0], ==, lines[0]);
  g_assert_true (g_str_has_prefix (lines2[1], "Gain: "));
  /* The same weeks: the same ranking. */
  g_assert_cmpstr (strstr (out2, "product  rank"), ==, strstr (out, "product  rank"));
}

static void
test_cli_bottlenecks_bad_date (void)
{
  const char *args[] = { "--bottlenecks", "--from", "2023-1-2", NULL };
  const char *after[] = { "--bottlenecks", "--from", "2030-01-01", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;

  g_assert_cmpint (run (args, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "2023-1-2"));
  g_assert_cmpint ((int) (strchr (err, '\n') - err), ==, (int) strlen (err) - 1);
  g_assert_cmpstr (out, ==, "");

  g_assert_cmpint (run (after, &out2, &err2), !=, 0);
  g_assert_cmpstr (out2, ==, "");
}

static void
test_cli_simulate_missing_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wfl-cli-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "out", NULL);
  const char *args[] = { "--simulate", "--csv", csv, "/nonexistent/file.waferline", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (args, &out, &err), !=, 0);
  g_assert_cmpuint (strlen (err), >, 0);
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/cli/simulate/csv", test_cli_simulate_csv);
  g_test_add_func ("/wfl/cli/simulate/csv-expansions", test_cli_simulate_csv_expansions);
  g_test_add_func ("/wfl/cli/simulate/missing-file", test_cli_simulate_missing_file);
  g_test_add_func ("/wfl/cli/bottlenecks/table", test_cli_bottlenecks_table);
  g_test_add_func ("/wfl/cli/bottlenecks/whole-weeks", test_cli_bottlenecks_whole_weeks);
  g_test_add_func ("/wfl/cli/bottlenecks/bad-date", test_cli_bottlenecks_bad_date);

  return g_test_run ();
}
