/* test-edges.c: ties, boundaries and tolerances of docs/model.md, by hand
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each case here pins one rule whose breaking (a tie-break swapped, a `<`
 * for a `<=`, a tolerance dropped, a window start ignored) leaves the
 * worked examples of the other tests unchanged.  The numbers are worked
 * out by hand in the comments. */

#include "config.h"

#include <string.h>

#include "sim-helpers.h"
#include "wfl-bottlenecks.h"

/* Priority allocation, equal priorities, too little stock: the first link
 * in document order is filled first (docs/model.md, "Allocation").
 * s makes 10 a week (lead 0) for c1 and c2, both links priority 1; each
 * customer orders 10 in week 0.  Week 0: s's requirement is 20, it starts
 * 10, and the link first in the document takes all 10; week 1 the other
 * gets its 10.  With the links written the other way round, the other
 * customer is served first. */
static void
priority_tie_case (gboolean c2_first,
                   int     *c1_filled,
                   int     *c2_filled,
                   double  *to_c1_week0)
{
  g_autoptr(WflScenario) s = new_scenario (4);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *src = add_node (s, "s", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  guint c1_link = c2_first ? 1 : 0;

  src->allocation = WFL_ALLOCATION_PRIORITY;
  add_node (s, "c1", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_node (s, "c2", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", c2_first ? "c2" : "c1", 1)->priority = 1;
  add_link (s, "s", c2_first ? "c1" : "c2", 1)->priority = 1;
  add_order (s, "c1", "o1", 10, 0, -1);
  add_order (s, "c2", "o2", 10, 0, -1);
  sim = simulate (s);

  assert_near (val (sim, "s", WFL_SERIES_STARTS, 0), 10);
  *c1_filled = order_by_id (sim, "o1")->filled_week;
  *c2_filled = order_by_id (sim, "o2")->filled_week;
  *to_c1_week0 = shipped (sim, c1_link, 0);
  assert_near (shipped (sim, 0, 0) + shipped (sim, 1, 0), 10);
}

static void
test_priority_tie_document_order (void)
{
  int c1, c2;
  double to_c1;

  priority_tie_case (FALSE, &c1, &c2, &to_c1);
  assert_near (to_c1, 10);
  g_assert_cmpint (c1, ==, 0);
  g_assert_cmpint (c2, ==, 1);

  priority_tie_case (TRUE, &c1, &c2, &to_c1);
  assert_near (to_c1, 0);
  g_assert_cmpint (c2, ==, 0);
  g_assert_cmpint (c1, ==, 1);
}

/* Alternative suppliers of one line shipping in the same week: the order's
 * first stage is the supplier whose lot entered the line's pool last in
 * that week (docs/model.md, "Lots and order timelines").
 * Two unlimited supplies, A and B, feed cowos's line "hbm" (mix 1 each);
 * cowos (10 a week, lead 1) → cust, 10 ordered in week 0.  Week 0: the
 * line asks for 10, 5 from each; cowos starts 10, consuming both lots;
 * the order is filled in week 1 from that batch.
 *  - Without transit the lots enter the pool as the suppliers ship, in
 *    the topological order (ties in document order of the nodes): the
 *    supplier written second is consumed last, whatever the order of
 *    the links.
 *  - With a week of transit both lots arrive in week 1, by link in
 *    document order: the link written second is consumed last (cowos
 *    starts in week 1, the order is filled in week 2). */
static const char *
first_stage_of (gboolean b_node_first,
                gboolean b_link_first,
                int      transit)
{
  g_autoptr(WflScenario) s = new_scenario (6);
  g_autoptr(WflSimulation) sim = NULL;
  const WflOrderResult *order;
  const char *first;

  add_node (s, b_node_first ? "B" : "A", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s, b_node_first ? "A" : "B", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s, "cowos", WFL_NODE_KIND_PROCESS, 10, 1, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  for (int i = 0; i < 2; i++)
    {
      const char *from = (i == 0) == b_link_first ? "B" : "A";
      WflLink *link = add_link (s, from, "cowos", 1);

      link->input = g_strdup ("hbm");
      link->transit_weeks = transit;
    }
  add_link (s, "cowos", "cust", 1);
  add_order (s, "cust", "o", 10, 0, -1);
  sim = simulate (s);

  for (guint l = 0; l < 2; l++)
    assert_near (shipped (sim, l, 0), 5);
  assert_near (val (sim, "cowos", WFL_SERIES_STARTS, transit), 10);
  order = order_by_id (sim, "o");
  g_assert_cmpint (order->filled_week, ==, transit + 1);
  g_assert_cmpuint (order->n_stages, ==, 3);
  first = wfl_simulation_get_node_id (sim, order->stages[0].node);
  g_assert_cmpint (order->stages[0].start_week, ==, 0);
  g_assert_cmpint (order->stages[1].arrived_week, ==, transit);
  g_assert_cmpint (order->stages[1].transit_weeks, ==, transit);
  /* Static strings: the ids outlive the simulation. */
  return g_str_equal (first, "A") ? "A" : g_str_equal (first, "B") ? "B" : "?";
}

static void
test_alternative_sources_same_week (void)
{
  /* No transit: the node written second. */
  g_assert_cmpstr (first_stage_of (FALSE, FALSE, 0), ==, "B");
  g_assert_cmpstr (first_stage_of (FALSE, TRUE, 0), ==, "B");
  g_assert_cmpstr (first_stage_of (TRUE, FALSE, 0), ==, "A");
  g_assert_cmpstr (first_stage_of (TRUE, TRUE, 0), ==, "A");
  /* Transit: the link written second. */
  g_assert_cmpstr (first_stage_of (FALSE, FALSE, 1), ==, "B");
  g_assert_cmpstr (first_stage_of (TRUE, FALSE, 1), ==, "B");
  g_assert_cmpstr (first_stage_of (FALSE, TRUE, 1), ==, "A");
  g_assert_cmpstr (first_stage_of (TRUE, TRUE, 1), ==, "A");
}

/* The median of an odd number of lead times is the middle one (nearest
 * rank, the ⌈0.5 n⌉-th smallest).  s makes 10 a week for cust, which
 * orders 10 in week 0 three times: filled in weeks 0, 1 and 2, lead
 * times 0, 1, 2: median 1 (the 2nd), 90th percentile 2 (⌈2.7⌉ = 3rd).
 * Of the first two (weeks 0–1): median 0 (⌈1⌉ = 1st), p90 1. */
static void
test_median_odd (void)
{
  g_autoptr(WflScenario) s = new_scenario (6);
  g_autoptr(WflSimulation) sim = NULL;
  double median = -1, p90 = -1;

  add_node (s, "s", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "cust", 1);
  add_order (s, "cust", "a", 10, 0, -1);
  add_order (s, "cust", "b", 10, 0, -1);
  add_order (s, "cust", "c", 10, 0, -1);
  sim = simulate (s);

  g_assert_cmpint (order_by_id (sim, "a")->filled_week, ==, 0);
  g_assert_cmpint (order_by_id (sim, "b")->filled_week, ==, 1);
  g_assert_cmpint (order_by_id (sim, "c")->filled_week, ==, 2);
  g_assert_true (wfl_simulation_get_lead_time (sim, -1, 0, G_MAXINT, &median, &p90));
  g_assert_cmpfloat (median, ==, 1);
  g_assert_cmpfloat (p90, ==, 2);
  g_assert_true (wfl_simulation_get_lead_time (sim, 0, 0, 1, &median, &p90));
  g_assert_cmpfloat (median, ==, 0);
  g_assert_cmpfloat (p90, ==, 1);
}

/* An order through a process with yield 0.7 is filled in the week its
 * remaining quantity reaches zero within the tolerance (docs/model.md,
 * "Nodes, lines and customers": below 1e-9 of the order's quantity).
 * w (unlimited) → p (unlimited, lead 1, yield 0.7) → cust, 3 ordered in
 * week 0: p starts 3 / 0.7 = 4.285714285714286 in week 0, which yields
 * 4.285714285714286 × 0.7 = 2.9999999999999996 in week 1, short of 3 by
 * one rounding: the order is filled in week 1, not left open for ever.
 * 27 / 0.7 × 0.7 rounds above 27 (27.000000000000004): the same week. */
static void
test_yield_fills_within_tolerance (void)
{
  const double quantities[] = { 3, 6, 27 };

  for (guint i = 0; i < G_N_ELEMENTS (quantities); i++)
    {
      double q = quantities[i];
      g_autoptr(WflScenario) s = new_scenario (6);
      g_autoptr(WflSimulation) sim = NULL;
      const WflOrderResult *order;

      add_node (s, "w", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
      add_node (s, "p", WFL_NODE_KIND_PROCESS, -1, 1, 0.7);
      add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
      add_link (s, "w", "p", 1);
      add_link (s, "p", "cust", 1);
      add_order (s, "cust", "o", q, 0, 3);
      sim = simulate (s);

      order = order_by_id (sim, "o");
      /* The case is what it claims: what arrived differs from q by a
       * rounding, below for 3 and 6, above for 27 (never more than q
       * reaches the order). */
      g_assert_cmpfloat (val (sim, "p", WFL_SERIES_COMPLETED, 1), ==, q / 0.7 * 0.7);
      g_assert_cmpfloat (q / 0.7 * 0.7, !=, q);
      g_assert_cmpfloat (fabs (order->delivered - q), <=, 1e-9 * q);
      g_assert_cmpint (order->filled_week, ==, 1);
      g_assert_cmpint (order->lateness_weeks, ==, -2);
      /* Nothing more is made or shipped for it. */
      for (int t = 1; t < 6; t++)
        g_assert_cmpfloat (val (sim, "p", WFL_SERIES_STARTS, t), ==, 0);
      g_assert_cmpfloat (val (sim, "cust", WFL_SERIES_COMPLETED, 2), ==, 0);
    }
}

/* A bottleneck window that does not start at week 0 counts only what
 * customers receive inside it (docs/model.md, "Bottleneck ranking").
 * a (supply, 10 a week) → cust, 100 ordered in week 0, due in week 12,
 * over 20 weeks.  Base: 10 a week in weeks 0–9.  a × 1.1: 11 a week in
 * weeks 0–8 (99), the last 1 in week 9.  Differences d: +1 in weeks 0–8,
 * −9 in week 9, 0 after.
 *   Window 5–9 (W = 5): gain = (5·1 + 4·1 + 3·1 + 2·1 + 1·(−9)) / 5 = 1;
 *     the base holds (5 + 4 + 3 + 2 + 1)·10 / 5 = 30: share 1/30.  (From
 *     week 0 it would be (10 + 9 + … + 2 − 9) / 5 = 9.)
 *   Window 9–12 (W = 4): only week 9 counts: 4·(−9) / 4 = −9 against
 *     4·10 / 4 = 10: the variant's lead was built before the window.
 *   Both fill the order in week 9, due in 12: lateness change 0 in the
 *   window 9–12, none (NAN) in 5–9, where no order is due. */
static void
test_bottleneck_window_inside_only (void)
{
  g_autoptr(WflScenario) s = new_scenario (20);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(GArray) mid = NULL;
  g_autoptr(GArray) late = NULL;
  g_autoptr(GArray) whole = NULL;
  g_autoptr(GError) error = NULL;
  const WflBottleneck *r;

  add_node (s, "a", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "a", "cust", 1);
  add_order (s, "cust", "o", 100, 0, 12);
  sim = simulate (s);
  g_assert_cmpint (order_by_id (sim, "o")->filled_week, ==, 9);

  mid = wfl_bottlenecks_rank (sim, 5, 9, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mid->len, ==, 1);
  r = &g_array_index (mid, WflBottleneck, 0);
  assert_near (r->gain, 1);
  assert_near (r->share, 1.0 / 30.0);
  /* No order is due in weeks 5–9. */
  g_assert_true (isnan (r->lateness_change));

  late = wfl_bottlenecks_rank (sim, 9, 12, NULL, &error);
  g_assert_no_error (error);
  r = &g_array_index (late, WflBottleneck, 0);
  assert_near (r->gain, -9);
  assert_near (r->share, -0.9);
  g_assert_cmpfloat (r->lateness_change, ==, 0);
  g_assert_null (wfl_bottlenecks_get_top (late, 0));

  /* Over the whole calendar: (Σ_{k=12…20} k − 11·9) / 20 = (144 − 99) / 20. */
  whole = wfl_bottlenecks_rank (sim, 0, 19, NULL, &error);
  g_assert_no_error (error);
  assert_near (g_array_index (whole, WflBottleneck, 0).gain, 45.0 / 20.0);
}

/* ------------------------------------------------------------------ */
/* The XML reader's limits at their edges */

static GString *
scenario_head (void)
{
  return g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<scenario xmlns=\"urn:waferline:scenario:1\" xmlns:x=\"urn:x\" format-version=\"2\">\n"
                       "  <calendar start=\"2023-01-02\" weeks=\"4\"/>\n");
}

/* A foreign element with n attributes on line 4. */
static WflScenario *
load_with_attributes (guint       n,
                      GPtrArray **problems,
                      GError    **error)
{
  g_autoptr(GString) text = scenario_head ();

  g_string_append (text, "  <x:ext");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, " x:a%u=\"%u\"", i, i);
  g_string_append (text, "/>\n</scenario>\n");
  return wfl_scenario_load_data (text->str, text->len, "NAME", problems, error);
}

static void
test_xml_attribute_limit (void)
{
  g_autoptr(WflScenario) ok = NULL;
  g_autoptr(WflScenario) refused = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const WflProblem *problem;

  ok = load_with_attributes (512, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  g_assert_cmpint (wfl_scenario_get_weeks (ok), ==, 4);

  refused = load_with_attributes (513, &problems, &error);
  g_assert_null (refused);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_PARSE);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->line, ==, 4);
  g_assert_nonnull (strstr (problem->message, "more than 512 attributes"));
  g_assert_true (g_str_has_prefix (error->message, "NAME:4: "));
}

/* n nodes, each on a line of its own (lines 5 …) with one problem:
 * grammar (an unknown kind) or the model's rules (a link to a node that
 * does not exist). */
static GString *
scenario_with_problems (guint    n,
                        gboolean grammar)
{
  GString *text = scenario_head ();

  if (grammar)
    {
      g_string_append (text, "  <nodes>\n");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (text, "    <node id=\"n%u\" kind=\"sideways\"/>\n", i);
      g_string_append (text, "  </nodes>\n");
    }
  else
    {
      g_string_append (text, "  <nodes><node id=\"a\" kind=\"supply\"/></nodes><links>\n");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (text, "    <link from=\"a\" to=\"b%u\"/>\n", i);
      g_string_append (text, "  </links>\n");
    }
  g_string_append (text, "</scenario>\n");
  return text;
}

static void
assert_problem_cap (gboolean grammar)
{
  const guint cap = 1000;

  for (guint n = cap - 1; n <= cap + 1; n++)
    {
      g_autoptr(GString) text = scenario_with_problems (n, grammar);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(WflScenario) scenario = NULL;
      g_auto(GStrv) lines = NULL;
      guint expected = MIN (n, cap);
      guint n_lines;

      scenario = wfl_scenario_load_data (text->str, text->len, "NAME", &problems, &error);
      g_assert_null (scenario);
      g_assert_nonnull (error);
      g_assert_cmpuint (problems->len, ==, expected);
      /* The first ones, in document order, one line each. */
      for (guint i = 0; i < expected; i++)
        g_assert_cmpint (((WflProblem *) g_ptr_array_index (problems, i))->line, ==, 5 + (int) i);
      lines = g_strsplit (error->message, "\n", -1);
      n_lines = g_strv_length (lines);
      if (n > cap)
        {
          g_assert_cmpuint (n_lines, ==, cap + 1);
          g_assert_cmpstr (lines[cap], ==, "NAME: (more problems not shown)");
        }
      else
        {
          g_assert_cmpuint (n_lines, ==, n);
          g_assert_null (strstr (error->message, "more problems"));
        }
      {
        g_autofree char *last = g_strdup_printf ("NAME:%u: ", 5 + expected - 1);

        g_assert_true (g_str_has_prefix (lines[expected - 1], last));
      }
    }
}

static void
test_xml_problem_cap_grammar (void)
{
  assert_problem_cap (TRUE);
}

static void
test_xml_problem_cap_rules (void)
{
  assert_problem_cap (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/edges/priority-tie-document-order", test_priority_tie_document_order);
  g_test_add_func ("/wfl/model/edges/alternative-sources-same-week", test_alternative_sources_same_week);
  g_test_add_func ("/wfl/model/edges/median-odd", test_median_odd);
  g_test_add_func ("/wfl/model/edges/yield-fills-within-tolerance", test_yield_fills_within_tolerance);
  g_test_add_func ("/wfl/model/edges/bottleneck-window-inside-only", test_bottleneck_window_inside_only);
  g_test_add_func ("/wfl/model/edges/xml-attribute-limit", test_xml_attribute_limit);
  g_test_add_func ("/wfl/model/edges/xml-problem-cap-grammar", test_xml_problem_cap_grammar);
  g_test_add_func ("/wfl/model/edges/xml-problem-cap-rules", test_xml_problem_cap_rules);

  return g_test_run ();
}
