/* test-cli-compare.c: --compare BASE [FILE], run as a program
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
scenario_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", name, NULL);
}

static char *
read_csv (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "compare.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&text);
}

/* The built-in scenario (no FILE) against its shipped copy: every row
 * there, none differs. */
static void
test_compare_self (void)
{
  g_autofree char *base = scenario_path ("ai-hardware-2023-2025.waferline");
  g_autofree char *dir = wfl_test_temp_path ("compare-self");
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(WflTestRun) run = { 0 };

  wfl_test_run_waferline (&run, "--compare", base, "--csv", dir, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  csv = read_csv (dir);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "subject,id,name,product,measure,baseline,variant,difference,percent,differs");
  g_assert_cmpuint (g_strv_length (lines), >, 50);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_assert_true (g_str_has_suffix (lines[i], ",0"));
}

/* CoWoS doubled in 2023 against the built-in scenario, in 2023-H2: more
 * GPUs delivered, and the printed table says so in the same figures. */
static void
test_compare_cowos (void)
{
  g_autofree char *base = scenario_path ("ai-hardware-2023-2025.waferline");
  g_autofree char *variant = scenario_path ("cowos-doubled-2023.waferline");
  g_autofree char *dir = wfl_test_temp_path ("compare-cowos");
  g_autofree char *csv = NULL;
  g_auto(GStrv) fields = NULL;
  g_auto(WflTestRun) run = { 0 };
  g_auto(WflTestRun) printed = { 0 };
  const char *line;

  wfl_test_run_waferline (&run, "--compare", base, variant, "--from", "2023-07-01", "--to", "2023-12-31",
                 "--csv", dir, "--differences-only", NULL);
  g_assert_cmpint (run.status, ==, 0);
  csv = read_csv (dir);
  line = strstr (csv, "\nproduct,gpu,gpu,gpu,delivered,");
  g_assert_nonnull (line);
  fields = g_strsplit (line + 1, ",", -1);
  g_assert_cmpfloat (g_ascii_strtod (fields[7], NULL), >, 0);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[6], NULL) - g_ascii_strtod (fields[5], NULL),
                                  g_ascii_strtod (fields[7], NULL), 1e-6);
  /* Only rows that differ. */
  g_assert_null (strstr (csv, ",0\n"));

  wfl_test_run_waferline (&printed, "--compare", base, variant, "--from", "2023-07-01", "--to", "2023-12-31", NULL);
  g_assert_cmpint (printed.status, ==, 0);
  g_assert_true (g_str_has_prefix (printed.out, "Window: 2023-06-26 to 2023-12-31 (27 weeks)\n"));
  g_assert_nonnull (strstr (printed.out, "figures differ"));
}

/* A broken baseline is named by FILE:LINE: and nothing is written. */
static void
test_compare_broken_baseline (void)
{
  g_autofree char *base = g_test_build_filename (G_TEST_DIST, "data", "duplicate-ids.waferline", NULL);
  g_autofree char *dir = wfl_test_temp_path ("compare-broken");
  g_autofree char *prefix = g_strconcat (base, ":", NULL);
  g_auto(WflTestRun) run = { 0 };

  wfl_test_run_waferline (&run, "--compare", base, "--csv", dir, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_true (g_str_has_prefix (run.err, prefix));
  g_assert_true (g_ascii_isdigit (run.err[strlen (prefix)]));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

/* The difference Sankey: a PNG of the size asked for, SVG and PDF; JSON
 * and the Gantt are refused. */
static void
test_compare_export (void)
{
  g_autofree char *base = scenario_path ("ai-hardware-2023-2025.waferline");
  g_autofree char *variant = scenario_path ("cowos-doubled-2023.waferline");
  g_autofree char *png = wfl_test_temp_path ("diff.png");
  g_autofree char *pdf = wfl_test_temp_path ("diff.pdf");
  g_autofree char *json = wfl_test_temp_path ("diff.json");
  g_autofree char *data = NULL;
  gsize length;
  g_auto(WflTestRun) run = { 0 };
  g_auto(WflTestRun) run_pdf = { 0 };
  g_auto(WflTestRun) run_json = { 0 };
  g_auto(WflTestRun) run_gantt = { 0 };
  const guint8 *ihdr;

  wfl_test_run_waferline (&run, "--export", png, "--compare", base, variant, "--from", "2023-07-01", "--to",
                 "2023-12-31", "--width", "900", "--height", "600", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (png, &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_true (memcmp (data, "\x89PNG", 4) == 0);
  ihdr = (const guint8 *) data + 16;
  g_assert_cmpuint ((guint) ihdr[0] << 24 | ihdr[1] << 16 | ihdr[2] << 8 | ihdr[3], ==, 900);
  g_assert_cmpuint ((guint) ihdr[4] << 24 | ihdr[5] << 16 | ihdr[6] << 8 | ihdr[7], ==, 600);

  wfl_test_run_waferline (&run_pdf, "--export", pdf, "--compare", base, variant, NULL);
  g_assert_cmpint (run_pdf.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  wfl_test_run_waferline (&run_json, "--export", json, "--compare", base, variant, NULL);
  g_assert_cmpint (run_json.status, ==, 2);
  g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  /* The pipeline has no orders to compare. */
  wfl_test_run_waferline (&run_gantt, "--export", png, "--chart", "gantt", "--gantt-mode", "pipeline", "--compare", base,
                 variant, NULL);
  g_assert_cmpint (run_gantt.status, ==, 2);
}

/* The baseline Gantt without a display: compared with itself every order
 * has its ghost and no slip; against the doubled CoWoS capacity an order
 * that is filled in both slips by its filled week here less there, read
 * from the two charts exported alone. */
static void
test_compare_gantt (void)
{
  g_autofree char *base = scenario_path ("ai-hardware-2023-2025.waferline");
  g_autofree char *variant = scenario_path ("cowos-doubled-2023.waferline");
  g_autofree char *self_json = wfl_test_temp_path ("self-gantt.json");
  g_autofree char *json = wfl_test_temp_path ("gantt.json");
  g_autofree char *png = wfl_test_temp_path ("gantt.png");
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "data", "duplicate-ids.waferline", NULL);
  g_autofree char *prefix = g_strconcat (broken, ":", NULL);
  g_autofree char *data = NULL;
  g_auto(WflTestRun) run_self = { 0 };
  g_auto(WflTestRun) run = { 0 };
  g_auto(WflTestRun) run_png = { 0 };
  g_auto(WflTestRun) run_broken = { 0 };
  guint n_rows = 0, n_ghosts = 0, n_slipped = 0;
  const char *p;

  wfl_test_run_waferline (&run_self, "--export", self_json, "--chart", "gantt", "--compare", base, base, NULL);
  g_assert_cmpstr (run_self.err, ==, "");
  g_assert_cmpint (run_self.status, ==, 0);
  g_assert_true (g_file_get_contents (self_json, &data, NULL, NULL));
  for (p = strstr (data, "\"lateness_weeks\""); p != NULL; p = strstr (p + 1, "\"lateness_weeks\""))
    n_rows++;
  for (p = strstr (data, "\"slip_weeks\":"); p != NULL; p = strstr (p + 1, "\"slip_weeks\":"))
    {
      n_ghosts++;
      /* Filled in both: 0; never filled in either: null. */
      g_assert_true (g_str_has_prefix (p, "\"slip_weeks\":0,") || g_str_has_prefix (p, "\"slip_weeks\":null"));
    }
  g_assert_cmpuint (n_rows, >, 20);
  g_assert_cmpuint (n_ghosts, ==, n_rows);
  g_clear_pointer (&data, g_free);

  wfl_test_run_waferline (&run, "--export", json, "--chart", "gantt", "--compare", base, variant, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (json, &data, NULL, NULL));
  for (p = strstr (data, "\"slip_weeks\":"); p != NULL; p = strstr (p + 1, "\"slip_weeks\":"))
    if (!g_str_has_prefix (p, "\"slip_weeks\":0,") && !g_str_has_prefix (p, "\"slip_weeks\":null"))
      n_slipped++;
  /* Twice the packaging fills some orders earlier. */
  g_assert_cmpuint (n_slipped, >, 0);

  wfl_test_run_waferline (&run_png, "--export", png, "--chart", "gantt", "--compare", base, variant, NULL);
  g_assert_cmpint (run_png.status, ==, 0);

  /* A broken baseline: BASE:LINE: first, nothing written. */
  g_remove (png);
  wfl_test_run_waferline (&run_broken, "--export", png, "--chart", "gantt", "--compare", broken, variant, NULL);
  g_assert_cmpint (run_broken.status, ==, 1);
  g_assert_true (g_str_has_prefix (run_broken.err, prefix));
  g_assert_true (g_ascii_isdigit (run_broken.err[strlen (prefix)]));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/compare/self", test_compare_self);
  g_test_add_func ("/cli/compare/cowos", test_compare_cowos);
  g_test_add_func ("/cli/compare/broken-baseline", test_compare_broken_baseline);
  g_test_add_func ("/cli/compare/export", test_compare_export);
  g_test_add_func ("/cli/compare/gantt", test_compare_gantt);
  status = g_test_run ();
  wfl_test_remove_temp_dir ();
  return status;
}
