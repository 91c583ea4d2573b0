/* test-uncertainty-xml.c: <uncertainty> and <experiments> in files
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "wfl-model.h"
#include "wfl-scenario-xml-private.h"
#include "wfl-test-xml.h"

static void
assert_problem (GPtrArray  *problems,
                int         line,
                const char *fragment)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const WflProblem *problem = g_ptr_array_index (problems, i);

      if (problem->line == line && strstr (problem->message, fragment) != NULL)
        return;
    }
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("  problem %d: %s\n", ((WflProblem *) g_ptr_array_index (problems, i))->line,
                ((WflProblem *) g_ptr_array_index (problems, i))->message);
  g_error ("No problem on line %d mentions “%s”", line, fragment);
}

/* Every construct reads into its record, and saving writes the file
 * back byte for byte (it is in canonical form); a copy saves the same. */
static void
test_values_and_round_trip (void)
{
  gsize length;
  g_autofree char *data = wfl_test_read_fixture ("valid-uncertainty.waferline", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = wfl_scenario_load_data (data, length, "valid", NULL, &error);
  g_autoptr(WflScenario) copy = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) copy_saved = NULL;
  const WflUncertainty *u;
  const WflVary *vary;
  const WflRisk *risk;

  g_assert_no_error (error);
  u = wfl_scenario_get_uncertainty (s);
  g_assert_cmpuint (u->varies->len, ==, 3);
  vary = g_ptr_array_index (u->varies, 0);
  g_assert_cmpint (vary->figure, ==, WFL_FIGURE_LEAD_WEEKS);
  g_assert_cmpstr (vary->node, ==, "fab");
  g_assert_cmpint (vary->distribution, ==, WFL_DISTRIBUTION_PERT);
  g_assert_cmpfloat (vary->min, ==, 1);
  g_assert_cmpfloat (vary->likely, ==, 2);
  g_assert_cmpfloat (vary->max, ==, 4);
  g_assert_cmpstr (vary->source, ==, "model-doc");
  g_assert_cmpint (vary->confidence, ==, WFL_CONFIDENCE_LOW);
  vary = g_ptr_array_index (u->varies, 2);
  g_assert_cmpint (vary->distribution, ==, WFL_DISTRIBUTION_UNIFORM);
  g_assert_cmpuint (u->risks->len, ==, 1);
  risk = g_ptr_array_index (u->risks, 0);
  g_assert_cmpfloat (risk->factor, ==, 0);
  g_assert_cmpint (risk->weeks, ==, 2);
  g_assert_cmpfloat (risk->probability, ==, 0.25);
  g_assert_cmpint (risk->to - risk->from, ==, 28);
  g_assert_true (u->has_monte_carlo);
  g_assert_cmpint (u->samples, ==, 200);
  g_assert_cmpuint (u->seed, ==, 42);
  g_assert_true (u->has_sweep);
  g_assert_cmpint (u->sweep.parameter, ==, WFL_SWEEP_CAPACITY_SCALE);
  g_assert_cmpfloat (u->sweep.step, ==, 0.05);
  g_assert_true (u->has_knockout);
  g_assert_cmpint (u->knockout_weeks, ==, 2);

  saved = wfl_scenario_to_bytes (s);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), data, length);
  copy = wfl_scenario_copy (s);
  copy_saved = wfl_scenario_to_bytes (copy);
  g_assert_true (g_bytes_equal (saved, copy_saved));
  g_assert_true (wfl_test_matches_schema (data, length));
}

/* Mistakes of grammar, each at its line; the schema refuses the file too. */
static void
test_hostile (void)
{
  gsize length;
  g_autofree char *data = wfl_test_read_fixture ("hostile-uncertainty.waferline", &length);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = wfl_scenario_load_data (data, length, "hostile", &problems, &error);

  g_assert_null (s);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_PARSE);
  assert_problem (problems, wfl_test_line_of (data, "colour"), "Unknown attribute “colour” on <uncertainty>");
  assert_problem (problems, wfl_test_line_of (data, "speed"), "“speed”");
  assert_problem (problems, wfl_test_line_of (data, "normal"), "triangular, pert, uniform");
  assert_problem (problems, wfl_test_line_of (data, "<vary figure=\"lead-weeks\" node=\"fab\" likely"),
                  "<vary> needs the attribute “min”");
  assert_problem (problems, wfl_test_line_of (data, "uniform"), "no “likely” value");
  assert_problem (problems, wfl_test_line_of (data, "1e999"), "not a finite number");
  assert_problem (problems, wfl_test_line_of (data, "factor=\"-1\""), "must not be negative");
  assert_problem (problems, wfl_test_line_of (data, "factor=\"-1\""), "“2.5”");
  assert_problem (problems, wfl_test_line_of (data, "factor=\"-1\""), "“2023-02-30”");
  assert_problem (problems, wfl_test_line_of (data, "link-from"), "<vary> must come before <risk>");
  assert_problem (problems, wfl_test_line_of (data, "<note/>"), "Unknown element <note> in <risk>");
  assert_problem (problems, wfl_test_line_of (data, "many"), "<monte-carlo> must come before <knockout>");
  assert_problem (problems, wfl_test_line_of (data, "many"), "“many”");
  assert_problem (problems, wfl_test_line_of (data, "many"), "“-4”");
  assert_problem (problems, wfl_test_line_of (data, "<sweep"), "<sweep> needs the attribute “step”");
  g_assert_cmpuint (problems->len, ==, 16);
  g_assert_false (wfl_test_matches_schema (data, length));
}

/* The model's rules, each at its line. */
static void
test_rules (void)
{
  gsize length;
  g_autofree char *data = wfl_test_read_fixture ("invalid-uncertainty.waferline", &length);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = wfl_scenario_load_data (data, length, "invalid", &problems, &error);

  g_assert_null (s);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID);
  assert_problem (problems, wfl_test_line_of (data, "nowhere"), "no node “nowhere”");
  assert_problem (problems, wfl_test_line_of (data, "likely=\"5\""), "min ≤ likely ≤ max");
  assert_problem (problems, wfl_test_line_of (data, "transit-weeks\" node"), "“link-from” and “link-to”");
  assert_problem (problems, wfl_test_line_of (data, "link-to=\"wafers\""), "no link from “fab” to “wafers”");
  assert_problem (problems, wfl_test_line_of (data, "max=\"1.5\""), "1e-6 … 1");
  assert_problem (problems, wfl_test_line_of (data, "2024-01-01"), "no point dated 2024-01-01");
  assert_problem (problems, wfl_test_line_of (data, "node=\"cust\" min"), "has no capacity-scale");
  assert_problem (problems, wfl_test_line_of (data, "node=\"fab\" date=\"2023-01-02\""), "takes no date");
  assert_problem (problems, wfl_test_line_of (data, "likely=\"2\" max=\"3\"/>\n    <risk"), "varied twice");
  assert_problem (problems, wfl_test_line_of (data, "<risk node=\"cust\""), "supply, process or pool");
  assert_problem (problems, wfl_test_line_of (data, "weeks=\"99\""), "1 to 20 weeks");
  assert_problem (problems, wfl_test_line_of (data, "weeks=\"99\""), "probability");
  assert_problem (problems, wfl_test_line_of (data, "weeks=\"99\""), "“to” date");
  assert_problem (problems, wfl_test_line_of (data, "samples=\"0\""), "1 to 1000000 samples");
  assert_problem (problems, wfl_test_line_of (data, "samples=\"0\""), "“to” date");
  assert_problem (problems, wfl_test_line_of (data, "0.0001"), "at most 1000 points");
  assert_problem (problems, wfl_test_line_of (data, "<knockout"), "1 to 20 weeks");
  g_assert_cmpuint (problems->len, ==, 17);
  /* The grammar allows all of it. */
  g_assert_true (wfl_test_matches_schema (data, length));
}

/* The vocabulary is version 2's. */
static void
test_version_1 (void)
{
  gsize length;
  g_autofree char *data = wfl_test_read_fixture ("valid-uncertainty.waferline", &length);
  g_auto(GStrv) parts = g_strsplit (data, "format-version=\"2\"", 2);
  g_autofree char *v1 = g_strjoinv ("format-version=\"1\"", parts);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = wfl_scenario_load_data (v1, strlen (v1), "v1", &problems, &error);

  g_assert_null (s);
  assert_problem (problems, wfl_test_line_of (v1, "<uncertainty>"), "needs format version 2");
  assert_problem (problems, wfl_test_line_of (v1, "<experiments>"), "needs format version 2");
  g_assert_cmpuint (problems->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/uncertainty-xml/values", test_values_and_round_trip);
  g_test_add_func ("/uncertainty-xml/hostile", test_hostile);
  g_test_add_func ("/uncertainty-xml/rules", test_rules);
  g_test_add_func ("/uncertainty-xml/version-1", test_version_1);
  return g_test_run ();
}
