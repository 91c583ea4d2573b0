/* test-cli-experiment.c: --monte-carlo, --sweep and --knockout, run as a
 * program
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
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

/* The file's settings (200 samples, seed 42); the same tables at one
 * thread and at four, a progress line on standard error, the order's
 * percentiles in date order. */
static void
test_monte_carlo (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "valid-uncertainty.waferline", NULL);
  g_autofree char *one = wfl_test_temp_path ("mc-one");
  g_autofree char *four = wfl_test_temp_path ("mc-four");
  static const char * const names[] = { "mc-orders.csv", "mc-fans.csv", "mc-lead-times.csv", "mc-criticality.csv" };
  g_auto(WflTestRun) a = { 0 };
  g_auto(WflTestRun) b = { 0 };
  g_autofree char *orders = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;

  wfl_test_run_waferline (&a, fixture, "--monte-carlo", "200", "--threads", "1", "--csv", one, NULL);
  g_assert_cmpint (a.status, ==, 0);
  g_assert_nonnull (strstr (a.err, "200 / 200 (100%)"));
  wfl_test_run_waferline (&b, fixture, "--monte-carlo", "200", "--seed", "42", "--threads", "4", "--csv", four, NULL);
  g_assert_cmpint (b.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *x = read_file (one, names[i]);
      g_autofree char *y = read_file (four, names[i]);

      g_assert_cmpstr (x, ==, y);
    }
  orders = read_file (one, "mc-orders.csv");
  lines = g_strsplit (orders, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "customer,order,samples,filled_samples,deterministic_filled,p10_filled,p50_filled,p90_filled");
  fields = g_strsplit (lines[1], ",", -1);
  g_assert_cmpstr (fields[0], ==, "cust");
  g_assert_cmpstr (fields[2], ==, "200");
  /* ISO dates compare as text: P10 ≤ P50 ≤ P90, and they spread. */
  g_assert_cmpint (strcmp (fields[5], fields[6]), <=, 0);
  g_assert_cmpint (strcmp (fields[6], fields[7]), <=, 0);
  g_assert_cmpint (strcmp (fields[5], fields[7]), <, 0);
}

static void
test_sweep_and_knockout (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "valid-uncertainty.waferline", NULL);
  g_autofree char *dir = wfl_test_temp_path ("sweep");
  g_autofree char *kdir = wfl_test_temp_path ("knockout");
  g_auto(WflTestRun) a = { 0 };
  g_auto(WflTestRun) b = { 0 };
  g_auto(WflTestRun) c = { 0 };
  g_autofree char *sweep = NULL;
  g_autofree char *knockout = NULL;

  wfl_test_run_waferline (&a, fixture, "--sweep", "capacity-scale:wafers:0.1:0.3:0.1", "--csv", dir, NULL);
  g_assert_cmpint (a.status, ==, 0);
  sweep = read_file (dir, "sweep.csv");
  g_assert_true (g_str_has_prefix (sweep, "capacity-scale,end_product,delivered,fill_rate,lead_time_median,lead_time_p90\n"
                                          "0.1,die,"));
  g_assert_nonnull (strstr (sweep, "\n0.2,die,"));
  g_assert_nonnull (strstr (sweep, "\n0.3,die,"));

  wfl_test_run_waferline (&b, fixture, "--knockout", "3:2023-01-02", "--to", "2023-01-30", "--csv", kdir, NULL);
  g_assert_cmpint (b.status, ==, 0);
  knockout = read_file (kdir, "knockouts.csv");
  g_assert_cmpstr (knockout, ==, "node,worst_share,cust\nwafers,1,30\nfab,1,30\n");

  wfl_test_run_waferline (&c, fixture, "--sweep", "capacity-scale:cust:1:2:0.5", "--csv", dir, NULL);
  g_assert_cmpint (c.status, ==, 2);
  g_assert_nonnull (strstr (c.err, "--sweep: Node “cust” has no capacity-scale to vary."));
}

static void
test_usage_errors (void)
{
  g_auto(WflTestRun) a = { 0 };
  g_auto(WflTestRun) b = { 0 };
  g_auto(WflTestRun) c = { 0 };
  g_auto(WflTestRun) d = { 0 };
  g_auto(WflTestRun) e = { 0 };
  g_auto(WflTestRun) f = { 0 };
  g_auto(WflTestRun) g = { 0 };
  g_auto(WflTestRun) h = { 0 };
  g_autofree char *base = g_test_build_filename (G_TEST_DIST, "data", "products-two.waferline", NULL);

  wfl_test_run_waferline (&a, "--monte-carlo", "10", NULL);
  g_assert_cmpint (a.status, ==, 2);
  g_assert_nonnull (strstr (a.err, "need --csv DIR, --xlsx OUT.xlsx or --export OUT"));
  wfl_test_run_waferline (&b, "--monte-carlo", "ten", "--csv", "/nonexistent/x", NULL);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "--monte-carlo: “ten” is not a whole number"));
  wfl_test_run_waferline (&c, "--sweep", "capacity-scale:cowos-tsmc", "--csv", "/nonexistent/x", NULL);
  g_assert_cmpint (c.status, ==, 2);
  g_assert_nonnull (strstr (c.err, "is not PARAMETER:TARGET:MIN:MAX:STEP"));
  wfl_test_run_waferline (&d, "--knockout", "0", "--csv", "/nonexistent/x", NULL);
  g_assert_cmpint (d.status, ==, 2);
  g_assert_nonnull (strstr (d.err, "a knock-out lasts 1 to 156 weeks"));
  /* A chart the experiment does not draw: refused before it runs. */
  wfl_test_run_waferline (&e, "--monte-carlo", "10", "--chart", "sankey", "--export", "/nonexistent/x.png", NULL);
  g_assert_cmpint (e.status, ==, 2);
  g_assert_nonnull (strstr (e.err, "--chart with an experiment: gantt, criticality or lead-times with --monte-carlo, "
                                   "sankey with --knockout, not “sankey”"));
  wfl_test_run_waferline (&f, "--knockout", "4", "--chart", "criticality", "--export", "/nonexistent/x.png", NULL);
  g_assert_cmpint (f.status, ==, 2);
  g_assert_nonnull (strstr (f.err, "not “criticality”"));
  /* A baseline the experiment would ignore: refused, not dropped. */
  wfl_test_run_waferline (&g, "--monte-carlo", "10", "--chart", "gantt", "--compare", base, "--export",
                          "/nonexistent/x.png", NULL);
  g_assert_cmpint (g.status, ==, 2);
  g_assert_nonnull (strstr (g.err, "--compare with an experiment only draws the difference Sankey"));
  wfl_test_run_waferline (&h, "--sweep", "capacity-scale:cowos-tsmc:1:2:0.5", "--compare", base, "--export",
                          "/nonexistent/x.png", NULL);
  g_assert_cmpint (h.status, ==, 2);
  g_assert_nonnull (strstr (h.err, "--compare with an experiment only draws the difference Sankey"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-experiment/monte-carlo", test_monte_carlo);
  g_test_add_func ("/cli-experiment/sweep-and-knockout", test_sweep_and_knockout);
  g_test_add_func ("/cli-experiment/usage-errors", test_usage_errors);
  status = g_test_run ();
  wfl_test_remove_temp_dir ();
  return status;
}
