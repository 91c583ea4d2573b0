/* test-supported-ranges.c: a valid file never gives a silently wrong result
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each quantity has a supported range (docs/scenario-format.md).  Outside
 * it the file is refused with a message naming the figure and its line;
 * at its edges the simulation computes the right answer.  The hostile2
 * fixtures are the files that used to give a wrong answer with exit 0.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-model.h"
#include "wfl-validate-private.h"

static GPtrArray *
load_fixture_problems (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = NULL;

  scenario = wfl_scenario_load_file (file, NULL, &problems, &error);
  g_assert_null (scenario);
  g_assert_nonnull (error);
  g_assert_nonnull (problems);
  return problems;
}

/* Asserts that problems holds exactly one problem, on line, containing
 * every one of the NULL-terminated fragments. */
static void
assert_one_problem (GPtrArray  *problems,
                    int         line,
                    const char *fragment,
                    ...)
{
  const WflProblem *problem;
  va_list args;

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem %d: %s", ((WflProblem *) problems->pdata[i])->line,
                    ((WflProblem *) problems->pdata[i])->message);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->line, ==, line);
  va_start (args, fragment);
  for (const char *f = fragment; f != NULL; f = va_arg (args, const char *))
    if (strstr (problem->message, f) == NULL)
      g_error ("“%s” does not mention “%s”", problem->message, f);
  va_end (args);
}

static void
test_order_quantity_1e308 (void)
{
  g_autoptr(GPtrArray) problems = load_fixture_problems ("hostile2-qty-1e308.waferline");

  assert_one_problem (problems, 13, "quantity", "o1", "1e308", "1e15", NULL);
}

static void
test_per_unit_1e300 (void)
{
  g_autoptr(GPtrArray) problems = load_fixture_problems ("hostile2-perunit-1e-300.waferline");

  assert_one_problem (problems, 17, "per-unit", "wafers", "fab", "1e-300", "1e-6", NULL);
}

static void
test_calendar_past_9999 (void)
{
  g_autoptr(GPtrArray) problems = load_fixture_problems ("hostile2-date-year-9999.waferline");

  assert_one_problem (problems, 4, "20 weeks", "9999-12-06", "9999-12-31", NULL);

  /* Three weeks from 9999-12-06 end on 9999-12-26; a fourth would end in
   * the year 10000. */
  for (int weeks = 3; weeks <= 4; weeks++)
    {
      g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
      g_autoptr(GPtrArray) more = NULL;

      wfl_scenario_set_calendar (scenario, wfl_date_from_ymd (9999, 12, 6), weeks);
      wfl_scenario_set_calendar_line (scenario, 7);
      more = wfl_scenario_validate (scenario);
      if (weeks == 3)
        g_assert_cmpuint (more->len, ==, 0);
      else
        assert_one_problem (more, 7, "4 weeks", "9999-12-31", NULL);
    }
}

/* The line of each problem, whatever the file's line ends. */
static void
test_line_ends (void)
{
  g_autoptr(GPtrArray) problems = load_fixture_problems ("hostile2-cr-only-error-line.waferline");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile2-cr-only-error-line.waferline", NULL);
  g_autofree char *cr = NULL;
  gsize length;

  assert_one_problem (problems, 18, "nowhere", NULL);

  /* The same file with CRLF and with LF line ends. */
  g_assert_true (g_file_get_contents (path, &cr, &length, NULL));
  {
    g_autofree char *lf = g_strdelimit (g_strdup (cr), "\r", '\n');
    g_auto(GStrv) lines = g_strsplit (cr, "\r", -1);
    g_autofree char *crlf = g_strjoinv ("\r\n", lines);
    const char *variants[] = { lf, crlf };

    for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
      {
        g_autoptr(GPtrArray) more = NULL;
        g_autoptr(WflScenario) s = wfl_scenario_load_data (variants[i], strlen (variants[i]), "x", &more, NULL);

        g_assert_null (s);
        assert_one_problem (more, 18, "nowhere", NULL);
      }
  }
}

/* A calendar of more weeks than supported names the calendar's line. */
static void
test_too_many_weeks_has_line (void)
{
  const char *xml =
    "<scenario xmlns=\"urn:waferline:scenario:1\" format-version=\"1\">\n"
    "  <title>t</title>\n"
    "  <calendar start=\"2024-01-01\" weeks=\"10000000\"/>\n"
    "</scenario>\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_load_data (xml, strlen (xml), "x", &problems, NULL);

  g_assert_null (scenario);
  assert_one_problem (problems, 3, "10000000 weeks", "10000", NULL);
}

/* A link to an id of 1 MiB: the message quotes it cut, in a short line. */
static void
test_long_id_cut (void)
{
  g_autoptr(GString) xml = g_string_new (
    "<scenario xmlns=\"urn:waferline:scenario:1\" format-version=\"1\">\n"
    "  <calendar start=\"2024-01-01\" weeks=\"10\"/>\n"
    "  <nodes>\n"
    "    <node id=\"a\" kind=\"supply\"/>\n"
    "  </nodes>\n"
    "  <links>\n"
    "    <link from=\"a\" to=\"");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  const WflProblem *problem;

  for (int i = 0; i < 1024 * 1024; i++)
    g_string_append_c (xml, 'x');
  g_string_append (xml, "\"/>\n  </links>\n</scenario>\n");
  scenario = wfl_scenario_load_data (xml->str, xml->len, "x", &problems, &error);
  g_assert_null (scenario);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->line, ==, 7);
  g_assert_nonnull (strstr (problem->message, "xxxxxxxxxx…”"));
  g_assert_nonnull (strstr (problem->message, "does not exist"));
  g_assert_cmpuint (strlen (problem->message), <, 400);
  g_assert_cmpuint (strlen (error->message), <, 400);
}

/* wafers -> fab -> pack -> cust: the teaching example (fab's yield 0.5)
 * with a process added before the customer, per_unit on both links into
 * the processes, and one order of quantity. */
static WflScenario *
chain (double per_unit,
       double quantity)
{
  WflScenario *scenario = wfl_scenario_new_teaching_example ();
  WflNode *fab = wfl_scenario_find_node (scenario, "fab");
  WflNode *cust = wfl_scenario_find_node (scenario, "cust");
  WflNode *wafers = wfl_scenario_find_node (scenario, "wafers");
  WflNode *pack = wfl_node_new ("pack", WFL_NODE_KIND_PROCESS);
  WflLink *link;

  /* Unlimited capacities: the order is filled as soon as the lead time
   * allows, if its requests are not lost. */
  g_clear_pointer (&wafers->capacity, wfl_schedule_free);
  g_clear_pointer (&fab->capacity, wfl_schedule_free);
  ((WflOrder *) g_ptr_array_index (cust->orders, 0))->quantity = quantity;
  wfl_scenario_add_node (scenario, pack);
  wfl_scenario_get_link (scenario, 0)->per_unit = per_unit;
  link = wfl_scenario_remove_link (scenario, 1);
  wfl_link_free (link);
  link = wfl_link_new ("fab", "pack");
  link->per_unit = per_unit;
  wfl_scenario_add_link (scenario, link);
  wfl_scenario_add_link (scenario, wfl_link_new ("pack", "cust"));
  wfl_scenario_changed (scenario);
  return scenario;
}

static GPtrArray *
problems_of (WflScenario *scenario)
{
  return wfl_scenario_validate (scenario);
}

/* Each per-unit within its range, but together they make one order's
 * request smaller than the simulation resolves: refused, naming the node
 * and the order.  A larger order, at the edge, is simulated right: the
 * order is filled. */
static void
test_chain_too_small (void)
{
  g_autoptr(WflScenario) small = chain (1e-3, 0.25);
  g_autoptr(WflScenario) edge = chain (1e-3, 1);
  g_autoptr(GPtrArray) problems = problems_of (small);
  g_autoptr(GPtrArray) none = problems_of (edge);
  g_autoptr(WflSimulation) simulation = NULL;
  const WflOrderResult *order;

  /* wafers supplies 0.25 × 1e-3 / 0.5 (fab's yield) × 1e-3 = 5e-7. */
  assert_one_problem (problems, 0, "“wafers”", "5e-7", "“o1”", "1e-6", NULL);
  g_assert_cmpuint (none->len, ==, 0);

  simulation = wfl_simulation_new (edge, NULL);
  g_assert_true (wfl_simulation_run (simulation, NULL, NULL));
  order = wfl_simulation_get_order (simulation, 0);
  g_assert_cmpint (order->filled_week, >=, 0);
  g_assert_cmpfloat_with_epsilon (wfl_simulation_get_delivered (simulation, -1, 0, 19), 1, 1e-9);
}

/* The largest supported figures, and one step beyond. */
static void
test_chain_too_large (void)
{
  g_autoptr(WflScenario) large = chain (1e6, 1e15);
  g_autoptr(WflScenario) edge = chain (1, 1e15);
  g_autoptr(GPtrArray) problems = problems_of (large);
  g_autoptr(GPtrArray) none = problems_of (edge);
  g_autoptr(WflSimulation) simulation = NULL;
  double delivered;

  g_assert_cmpuint (problems->len, >=, 1);
  for (guint i = 0; i < problems->len; i++)
    g_assert_nonnull (strstr (((WflProblem *) problems->pdata[i])->message, "1e18"));
  g_assert_cmpuint (none->len, ==, 0);

  /* An order of 1e15 through the chain is produced and delivered in full:
   * nothing overflows, nothing is lost. */
  simulation = wfl_simulation_new (edge, NULL);
  g_assert_true (wfl_simulation_run (simulation, NULL, NULL));
  delivered = wfl_simulation_get_delivered (simulation, -1, 0, 19);
  g_assert_cmpfloat_with_epsilon (delivered / 1e15, 1, 1e-9);
  g_assert_cmpint (wfl_simulation_get_order (simulation, 0)->filled_week, >=, 0);
}

/* An order too small against its customer's whole order book to tell
 * apart from rounding. */
static void
test_order_share (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  WflNode *cust = wfl_scenario_find_node (scenario, "cust");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) none = NULL;
  WflOrder *tiny = wfl_order_new ("tiny", 30000 * 1e-7, wfl_date_from_ymd (2023, 1, 9));

  ((WflOrder *) g_ptr_array_index (cust->orders, 0))->quantity = 30000;
  tiny->line = 42;
  g_ptr_array_add (cust->orders, tiny);
  problems = problems_of (scenario);
  assert_one_problem (problems, 42, "“tiny”", "“cust”", "1e-6", NULL);

  tiny->quantity = 30000 * 2e-6;
  none = problems_of (scenario);
  g_assert_cmpuint (none->len, ==, 0);
}

/* The edges of each range are accepted, the next double beyond refused. */
static void
test_range_edges (void)
{
  struct
  {
    const char *what;
    double      low;
    double      high;
  } ranges[] = {
    { "quantity", 0, WFL_MAX_QUANTITY },
    { "per-unit", WFL_MIN_PER_UNIT, WFL_MAX_PER_UNIT },
    { "yield", WFL_MIN_YIELD, 1 },
    { "capacity", 0, WFL_MAX_QUANTITY },
    { "initial", 0, WFL_MAX_QUANTITY },
    { "share", 0, WFL_MAX_WEIGHT },
  };

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (int k = 0; k < 4; k++)
      {
        /* k: the low edge, below it, the high edge, above it. */
        double value = k < 2 ? ranges[r].low : ranges[r].high;
        g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
        g_autoptr(GPtrArray) problems = NULL;
        WflNode *fab = wfl_scenario_find_node (scenario, "fab");
        WflNode *cust = wfl_scenario_find_node (scenario, "cust");
        WflLink *link = wfl_scenario_get_link (scenario, 0);

        if (k == 1)
          value = ranges[r].low == 0 ? -G_MINDOUBLE : nextafter (value, 0);
        else if (k == 3)
          value = nextafter (value, INFINITY);

        /* Keep the chain in range while a figure is at its edge. */
        ((WflOrder *) g_ptr_array_index (cust->orders, 0))->quantity = 1000;
        if (strcmp (ranges[r].what, "quantity") == 0)
          ((WflOrder *) g_ptr_array_index (cust->orders, 0))->quantity = value;
        else if (strcmp (ranges[r].what, "per-unit") == 0)
          link->per_unit = value;
        else if (strcmp (ranges[r].what, "yield") == 0)
          fab->yield = (wfl_schedule_free (fab->yield), wfl_schedule_new_constant (value));
        else if (strcmp (ranges[r].what, "capacity") == 0)
          fab->capacity = (wfl_schedule_free (fab->capacity), wfl_schedule_new_constant (value));
        else if (strcmp (ranges[r].what, "initial") == 0)
          fab->initial_stock = value;
        else
          link->share = value;

        problems = problems_of (scenario);
        for (guint i = 0; i < problems->len; i++)
          g_test_message ("%s %g: %s", ranges[r].what, value, ((WflProblem *) problems->pdata[i])->message);
        g_assert_cmpuint (problems->len, ==, (k == 1 || k == 3) ? 1 : 0);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/supported-ranges/order-quantity-1e308", test_order_quantity_1e308);
  g_test_add_func ("/wfl/model/supported-ranges/per-unit-1e-300", test_per_unit_1e300);
  g_test_add_func ("/wfl/model/supported-ranges/calendar-past-9999", test_calendar_past_9999);
  g_test_add_func ("/wfl/model/supported-ranges/line-ends", test_line_ends);
  g_test_add_func ("/wfl/model/supported-ranges/too-many-weeks-has-line", test_too_many_weeks_has_line);
  g_test_add_func ("/wfl/model/supported-ranges/long-id-cut", test_long_id_cut);
  g_test_add_func ("/wfl/model/supported-ranges/chain-too-small", test_chain_too_small);
  g_test_add_func ("/wfl/model/supported-ranges/chain-too-large", test_chain_too_large);
  g_test_add_func ("/wfl/model/supported-ranges/order-share", test_order_share);
  g_test_add_func ("/wfl/model/supported-ranges/range-edges", test_range_edges);

  return g_test_run ();
}
