/* test-allocation-xml.c: the allocation vocabulary of format version 2 in
 * files: reading, writing, the schema, version 1 and hostile input
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-model.h"
#include "wfl-scenario-xml-private.h"
#include "wfl-simulation.h"
#include "wfl-test-xml.h"

/* Asserts that problems has one on `line` holding every fragment
 * (NULL-terminated). */
static void
assert_problem (GPtrArray  *problems,
                int         line,
                const char *fragment,
                ...)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const WflProblem *problem = g_ptr_array_index (problems, i);
      gboolean all = problem->line == line;
      va_list args;

      va_start (args, fragment);
      for (const char *f = fragment; all && f != NULL; f = va_arg (args, const char *))
        all = strstr (problem->message, f) != NULL;
      va_end (args);
      if (all)
        return;
    }
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("  problem %d: %s\n", ((WflProblem *) g_ptr_array_index (problems, i))->line,
                ((WflProblem *) g_ptr_array_index (problems, i))->message);
  g_error ("No problem on line %d mentions “%s”", line, fragment);
}

/* valid-allocation.waferline holds every construct, in canonical form. */
static void
test_allocation_xml_values (void)
{
  gsize length;
  g_autofree char *data = wfl_test_read_fixture ("valid-allocation.waferline", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = wfl_scenario_load_data (data, length, "valid", NULL, &error);
  g_autoptr(WflScenario) copy = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) copy_saved = NULL;
  WflNode *nvidia, *smaller;
  WflLink *link;
  const WflGrant *grant;
  const WflPoint *point;

  g_assert_no_error (error);
  nvidia = wfl_scenario_find_node (s, "nvidia");
  smaller = wfl_scenario_find_node (s, "smaller");
  g_assert_cmpint (nvidia->allocation, ==, WFL_ALLOCATION_QUOTA);
  g_assert_cmpint (nvidia->quota_period, ==, WFL_PERIOD_QUARTER);
  g_assert_cmpint (smaller->allocation, ==, WFL_ALLOCATION_WEIGHTED_FAIR_SHARE);
  g_assert_cmpint (smaller->quota_period, ==, WFL_PERIOD_MONTH);

  g_assert_cmpuint (nvidia->grants->len, ==, 2);
  grant = g_ptr_array_index (nvidia->grants, 0);
  g_assert_cmpstr (grant->donor, ==, "meta");
  g_assert_cmpstr (grant->recipient, ==, "inflection");
  g_assert_cmpfloat (grant->quantity, ==, 500);
  g_assert_cmpuint (grant->from, ==, wfl_date_from_ymd (2023, 7, 3));
  g_assert_cmpuint (grant->to, ==, wfl_date_from_ymd (2023, 12, 25));
  g_assert_cmpstr (grant->source, ==, "seed");
  g_assert_cmpint (grant->confidence, ==, WFL_CONFIDENCE_MEDIUM);
  g_assert_cmpint (grant->line, ==, wfl_test_line_of (data, "<grant donor=\"meta\""));
  grant = g_ptr_array_index (nvidia->grants, 1);
  g_assert_cmpuint (grant->to, ==, WFL_DATE_NONE);
  g_assert_null (grant->source);

  link = wfl_scenario_get_link (s, 2);
  g_assert_cmpstr (link->to, ==, "meta");
  g_assert_true (wfl_schedule_is_constant (link->quota));
  g_assert_cmpfloat (wfl_schedule_get_point (link->quota, 0)->value, ==, 4000);
  link = wfl_scenario_get_link (s, 3);
  g_assert_cmpuint (wfl_schedule_get_n_points (link->quota), ==, 2);
  g_assert_cmpfloat (wfl_schedule_get_point (link->quota, 1)->value, ==, 5000);

  link = wfl_scenario_get_link (s, 6);
  g_assert_cmpstr (link->from, ==, "h20");
  g_assert_cmpuint (wfl_schedule_get_n_points (link->availability), ==, 2);
  point = wfl_schedule_get_point (link->availability, 0);
  g_assert_cmpfloat (point->value, ==, 1);
  g_assert_cmpuint (point->date, ==, wfl_date_from_ymd (2023, 10, 23));
  g_assert_cmpstr (point->source, ==, "bis");
  g_assert_cmpint (point->confidence, ==, WFL_CONFIDENCE_HIGH);
  g_assert_cmpfloat (wfl_schedule_get_point (link->availability, 1)->value, ==, 0);
  g_assert_false (wfl_availability_is_open (link->availability, wfl_scenario_get_start (s), 0));

  link = wfl_scenario_get_link (s, 7);
  g_assert_cmpuint (wfl_schedule_get_n_points (link->weight), ==, 2);
  g_assert_cmpint (wfl_schedule_get_point (link->weight, 1)->interpolate, ==, WFL_INTERPOLATE_LINEAR);

  /* Canonical: it saves to the same bytes, and so does a copy. */
  saved = wfl_scenario_to_bytes (s);
  g_assert_cmpstr (g_bytes_get_data (saved, NULL), ==, data);
  copy = wfl_scenario_copy (s);
  copy_saved = wfl_scenario_to_bytes (copy);
  g_assert_true (g_bytes_equal (saved, copy_saved));
  g_assert_true (wfl_test_matches_schema (data, length));
}

/* In a file that declares version 1, each construct is an error naming
 * the version it needs, at its line. */
static void
test_allocation_xml_version_1 (void)
{
  g_autofree char *data = wfl_test_read_fixture ("valid-allocation.waferline", NULL);
  g_autofree char *v1 = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = NULL;
  const char *needles[] = {
    "allocation=\"quota\"", "<grant donor=\"meta\"", "<grant donor=\"microsoft\"",
    "allocation=\"weighted-fair-share\"", "quota-period=\"month\"", "to=\"meta\" priority=\"2\" quota=",
    "<quota>", "<availability>", "<weight>",
  };
  char *at;

  v1 = g_strdup (data);
  at = strstr (v1, "format-version=\"2\"");
  g_assert_nonnull (at);
  at[strlen ("format-version=\"")] = '1';

  s = wfl_scenario_load_data (v1, strlen (v1), "v1", &problems, &error);
  g_assert_null (s);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_PARSE);
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    assert_problem (problems, wfl_test_line_of (v1, needles[i]), "needs format version 2",
                    "format-version=\"1\"", NULL);
  /* Beyond the first of each: bytedance's quota attribute and h20's
   * <availability>. */
  assert_problem (problems, wfl_test_line_of (v1, "to=\"bytedance\" quota="), "“quota” attribute", NULL);
  assert_problem (problems, wfl_test_line_of (v1, "<link from=\"h20\"") + 1, "<availability> element", NULL);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (needles) + 2);
}

/* Every mistake at its line, and the schema refuses the file too. */
static void
test_allocation_xml_hostile (void)
{
  gsize length;
  g_autofree char *data = wfl_test_read_fixture ("hostile-allocation.waferline", &length);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = wfl_scenario_load_data (data, length, "hostile", &problems, &error);
  int grant = wfl_test_line_of (data, "<grant donor=\"a\" quantity");

  g_assert_null (s);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_PARSE);
  assert_problem (problems, wfl_test_line_of (data, "\"quotas\""), "“quotas”", "weighted-fair-share, quota", NULL);
  assert_problem (problems, wfl_test_line_of (data, "fortnight"), "“fortnight”", "week, month, quarter", NULL);
  assert_problem (problems, grant, "Unknown attribute “colour” on <grant>", NULL);
  assert_problem (problems, grant, "<grant> needs the attribute “recipient”", NULL);
  assert_problem (problems, grant, "“quantity”", "must not be negative", NULL);
  assert_problem (problems, grant, "“2023-13-01”", "YYYY-MM-DD", NULL);
  assert_problem (problems, wfl_test_line_of (data, "1e999"), "1e999", "not a finite number", NULL);
  assert_problem (problems, wfl_test_line_of (data, "<point value=\"1\"/></grant>"), "Unknown element <point> in <grant>", NULL);
  assert_problem (problems, wfl_test_line_of (data, "weight=\"abc\""), "“abc”", "“weight”", "not a number", NULL);
  assert_problem (problems, wfl_test_line_of (data, "quota=\"-1\""), "“quota”", "must not be negative", NULL);
  assert_problem (problems, wfl_test_line_of (data, "<quota><point"), "both a “quota” attribute and a <quota> element", NULL);
  assert_problem (problems, wfl_test_line_of (data, "<open/>"), "<open> needs the attribute “date”", NULL);
  assert_problem (problems, wfl_test_line_of (data, "2023-02-30"), "“2023-02-30”", NULL);
  assert_problem (problems, wfl_test_line_of (data, "<shut"), "Unknown element <shut> in <availability>", NULL);
  assert_problem (problems, wfl_test_line_of (data, "<availability/>"), "needs an <open> or <close> element", NULL);
  assert_problem (problems, wfl_test_line_of (data, "<weight><point"), "<weight> must come before <availability>", NULL);
  g_assert_cmpuint (problems->len, ==, 16);
  g_assert_false (wfl_test_matches_schema (data, length));
}

/* Semantic rules found at load time: a grant naming a node its node has
 * no link to, at the grant's line. */
static void
test_allocation_xml_dangling_grant (void)
{
  g_autofree char *data = wfl_test_read_fixture ("valid-allocation.waferline", NULL);
  g_autofree char *bad = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = NULL;
  g_auto(GStrv) parts = g_strsplit (data, "recipient=\"inflection\" quantity=\"500\" from=\"2023-07-03\"/>", 2);

  bad = g_strjoinv ("recipient=\"nobody\" quantity=\"500\" from=\"2023-07-03\"/>", parts);
  s = wfl_scenario_load_data (bad, strlen (bad), "bad", &problems, &error);
  g_assert_null (s);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID);
  assert_problem (problems, wfl_test_line_of (bad, "recipient=\"nobody\""), "Grant 2 of node “nvidia”",
                  "recipient “nobody”", NULL);
  g_assert_cmpuint (problems->len, ==, 1);
}

static char *
huge_scenario (const char *big,
               const char *quota)
{
  return g_strdup_printf (
    "<scenario xmlns='urn:waferline:scenario:1' format-version='2'>"
    "<calendar start='2023-01-02' weeks='3'/>"
    "<nodes>"
    "<node id='s' kind='supply' capacity='%1$s' allocation='quota' quota-period='week'>"
    "<grant donor='a' recipient='b' quantity='%2$s' from='2023-01-02' to='2023-02-01'/>"
    "<grant donor='c' recipient='b' quantity='%2$s' from='2023-01-02'/>"
    "</node>"
    "<node id='w' kind='process' allocation='weighted-fair-share'/>"
    "<node id='a' kind='customer'><order id='oa' quantity='%1$s' placed='2023-01-02'/></node>"
    "<node id='b' kind='customer'><order id='ob' quantity='%1$s' placed='2023-01-02'/></node>"
    "<node id='c' kind='customer'><order id='oc' quantity='%1$s' placed='2023-01-02'/></node>"
    "<node id='d' kind='customer'><order id='od' quantity='%1$s' placed='2023-01-02'/></node>"
    "<node id='e' kind='customer'><order id='oe' quantity='%1$s' placed='2023-01-02'/></node>"
    "</nodes><links>"
    "<link from='s' to='a' quota='%2$s'/><link from='s' to='b' quota='%2$s'/>"
    "<link from='s' to='c' quota='%2$s'/><link from='s' to='w'/>"
    "<link from='w' to='d' weight='%2$s'/><link from='w' to='e' weight='%2$s'/>"
    "</links></scenario>", big, quota);
}

/* Quotas, weights and grants beyond the supported range are refused, each
 * by name; the largest supported figures load and simulate to finite,
 * non-negative flows that never exceed the supply. */
static void
test_allocation_xml_huge (void)
{
  g_autofree char *beyond = huge_scenario ("1e15", "1.7e308");
  g_autofree char *largest = huge_scenario ("1e15", "1e15");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) refused = wfl_scenario_load_data (beyond, strlen (beyond), "huge", &problems, &error);
  g_autoptr(WflScenario) s = NULL;
  g_autoptr(WflSimulation) sim = NULL;

  g_assert_null (refused);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID);
  g_clear_error (&error);
  assert_problem (problems, 1, "The quota of link “s” → “a”", "1.7e308", NULL);
  assert_problem (problems, 1, "The quota of link “s” → “c”", "1.7e308", NULL);
  assert_problem (problems, 1, "The weight of link “w” → “e”", "1.7e308", NULL);
  assert_problem (problems, 1, "The quantity of grant 1 of node “s”", "1.7e308", NULL);
  assert_problem (problems, 1, "The quantity of grant 2 of node “s”", "1.7e308", NULL);
  g_assert_cmpuint (problems->len, ==, 7);

  s = wfl_scenario_load_data (largest, strlen (largest), "huge", NULL, &error);
  g_assert_no_error (error);
  sim = wfl_simulation_new (s, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (sim, NULL, &error));
  for (int t = 0; t < 3; t++)
    {
      double out = 0;

      for (guint l = 0; l < 4; l++)
        {
          double x = wfl_simulation_get_link_shipped (sim, l, t);

          g_assert_true (isfinite (x));
          g_assert_cmpfloat (x, >=, 0);
          out += x;
        }
      g_assert_cmpfloat (out, <=, 1e15 * (1 + 1e-9));
      for (guint l = 4; l < 6; l++)
        g_assert_true (isfinite (wfl_simulation_get_link_shipped (sim, l, t)));
    }
  for (guint i = 0; i < wfl_simulation_get_n_grant_periods (sim); i++)
    g_assert_true (isfinite (wfl_simulation_get_grant_period (sim, i)->moved));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/allocation-xml/values", test_allocation_xml_values);
  g_test_add_func ("/wfl/model/allocation-xml/version-1", test_allocation_xml_version_1);
  g_test_add_func ("/wfl/model/allocation-xml/hostile", test_allocation_xml_hostile);
  g_test_add_func ("/wfl/model/allocation-xml/dangling-grant", test_allocation_xml_dangling_grant);
  g_test_add_func ("/wfl/model/allocation-xml/huge", test_allocation_xml_huge);

  return g_test_run ();
}
