/* test-compare.c: the comparison of a baseline and a variant
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sim-helpers.h"

static const WflCompareRow *
find_row (WflComparison     *cmp,
          WflCompareSubject  subject,
          const char        *id,
          WflCompareMeasure  measure)
{
  for (guint i = 0; i < wfl_comparison_get_n_rows (cmp); i++)
    {
      const WflCompareRow *row = wfl_comparison_get_row (cmp, i);

      if (row->subject == subject && row->measure == measure && g_strcmp0 (row->id, id) == 0)
        return row;
    }
  return NULL;
}

static const WflCompareRow *
get_row (WflComparison     *cmp,
         WflCompareSubject  subject,
         const char        *id,
         WflCompareMeasure  measure)
{
  const WflCompareRow *row = find_row (cmp, subject, id, measure);

  if (row == NULL)
    g_error ("no row %s %s", id, wfl_compare_measure_key (measure));
  return row;
}

/* supply fab (capacity cap, no lead) → customer cust, one order of 40
 * placed in week 0, due in week 2.  Capacity 10 delivers 10 a week in
 * weeks 0 … 3; capacity 20 delivers 20 in weeks 0 and 1. */
static WflScenario *
chain (double   cap,
       gboolean second_customer)
{
  WflScenario *s = new_scenario (8);
  WflNode *cust;

  add_node (s, "fab", WFL_NODE_KIND_SUPPLY, cap, 0, 1);
  cust = add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  (void) cust;
  add_link (s, "fab", "cust", 1);
  add_order (s, "cust", "o1", 40, 0, 2);
  if (second_customer)
    {
      add_node (s, "cust2", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
      add_link (s, "fab", "cust2", 1);
      add_order (s, "cust2", "o2", 0.5, 6, 7);
    }
  return s;
}

/* Doubling the one capacity of a chain, worked out by hand. */
static void
test_compare_chain_doubled (void)
{
  g_autoptr(WflScenario) a = chain (10, FALSE);
  g_autoptr(WflScenario) b = chain (20, FALSE);
  g_autoptr(WflSimulation) base = simulate (a);
  g_autoptr(WflSimulation) variant = simulate (b);
  g_autoptr(WflComparison) cmp = wfl_comparison_new (base, variant, 0, 3, NULL, NULL);
  g_autoptr(WflComparison) early = wfl_comparison_new (base, variant, 0, 1, NULL, NULL);
  const WflCompareRow *row;

  /* Weeks 0 … 3: 40 delivered either way. */
  row = get_row (cmp, WFL_COMPARE_CUSTOMER, "cust", WFL_COMPARE_DELIVERED);
  assert_near (row->baseline, 40);
  assert_near (row->variant, 40);
  g_assert_cmpfloat (row->difference, ==, 0);
  g_assert_false (row->differs);
  /* Held on average over 4 weeks: (4 + 3 + 2 + 1) × 10 / 4 = 25 against
   * (4 + 3) × 20 / 4 = 35. */
  row = get_row (cmp, WFL_COMPARE_CUSTOMER, "cust", WFL_COMPARE_HELD);
  assert_near (row->baseline, 25);
  assert_near (row->variant, 35);
  assert_near (row->difference, 10);
  assert_near (row->percent, 40);
  g_assert_true (row->differs);
  /* Due in week 2: 30 of 40 by then against all 40. */
  row = get_row (cmp, WFL_COMPARE_CUSTOMER, "cust", WFL_COMPARE_FILL_RATE);
  assert_near (row->baseline, 0.75);
  assert_near (row->variant, 1);
  assert_near (row->percent, 100.0 / 3);
  /* Filled in week 3 against week 1. */
  row = get_row (cmp, WFL_COMPARE_CUSTOMER, "cust", WFL_COMPARE_LEAD_TIME);
  assert_near (row->baseline, 3);
  assert_near (row->variant, 1);
  assert_near (row->difference, -2);
  /* The product's rows are its one customer's. */
  row = get_row (cmp, WFL_COMPARE_PRODUCT, "unit", WFL_COMPARE_HELD);
  assert_near (row->difference, 10);
  /* fab: 40 of 40 against 40 of 80; capacity-bound in weeks 0 … 2 (it
   * started its whole requirement of 10 in week 3) against week 0. */
  row = get_row (cmp, WFL_COMPARE_NODE, "fab", WFL_COMPARE_UTILISATION);
  assert_near (row->baseline, 1);
  assert_near (row->variant, 0.5);
  assert_near (row->percent, -50);
  row = get_row (cmp, WFL_COMPARE_NODE, "fab", WFL_COMPARE_WEEKS_BOUND);
  assert_near (row->baseline, 3);
  assert_near (row->variant, 1);
  row = get_row (cmp, WFL_COMPARE_NODE, "fab", WFL_COMPARE_SHIPPED);
  g_assert_false (row->differs);

  /* Weeks 0 and 1: 20 against 40, +100 %. */
  row = get_row (early, WFL_COMPARE_CUSTOMER, "cust", WFL_COMPARE_DELIVERED);
  assert_near (row->baseline, 20);
  assert_near (row->variant, 40);
  assert_near (row->percent, 100);
  /* No order due in the window: no fill rate on either side, no difference. */
  row = get_row (early, WFL_COMPARE_CUSTOMER, "cust", WFL_COMPARE_FILL_RATE);
  g_assert_true (isnan (row->baseline) && isnan (row->variant) && isnan (row->difference));
  g_assert_false (row->differs);
}

/* A customer of the variant only has its figures there and differs. */
static void
test_compare_absent (void)
{
  g_autoptr(WflScenario) a = chain (10, FALSE);
  g_autoptr(WflScenario) b = chain (10, TRUE);
  g_autoptr(WflSimulation) base = simulate (a);
  g_autoptr(WflSimulation) variant = simulate (b);
  g_autoptr(WflComparison) cmp = wfl_comparison_new (base, variant, 0, 7, NULL, NULL);
  g_autoptr(WflComparison) back = wfl_comparison_new (variant, base, 0, 7, NULL, NULL);
  const WflCompareRow *row;

  row = get_row (cmp, WFL_COMPARE_CUSTOMER, "cust2", WFL_COMPARE_DELIVERED);
  g_assert_false (row->in_baseline);
  g_assert_true (row->in_variant);
  g_assert_true (isnan (row->baseline));
  assert_near (row->variant, 0.5);
  g_assert_true (isnan (row->difference));
  g_assert_true (row->differs);
  /* The other way round, it is the baseline's own, after the variant's. */
  row = get_row (back, WFL_COMPARE_CUSTOMER, "cust2", WFL_COMPARE_DELIVERED);
  g_assert_true (row->in_baseline);
  g_assert_false (row->in_variant);
  g_assert_cmpuint (wfl_comparison_get_n_rows (cmp), ==, wfl_comparison_get_n_rows (back));
}

/* The baseline is read over the same dates on its own calendar. */
static void
test_compare_calendar (void)
{
  g_autoptr(WflScenario) a = chain (10, FALSE);
  g_autoptr(WflScenario) b = chain (10, FALSE);
  g_autoptr(WflSimulation) base = NULL;
  g_autoptr(WflSimulation) variant = NULL;
  g_autoptr(WflComparison) cmp = NULL;
  int first, last, bfirst, blast;

  /* The baseline starts two weeks earlier: its weeks 2 … 5 are the
   * variant's 0 … 3. */
  wfl_scenario_set_calendar (a, START - 14, 10);
  base = simulate (a);
  variant = simulate (b);
  cmp = wfl_comparison_new (base, variant, 0, 3, NULL, NULL);
  wfl_comparison_get_window (cmp, &first, &last, &bfirst, &blast);
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpint (last, ==, 3);
  g_assert_cmpint (bfirst, ==, 2);
  g_assert_cmpint (blast, ==, 5);
}

static WflScenario *
load_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WflScenario *s = wfl_scenario_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return s;
}

/* Every shipped scenario compared with itself: no difference anywhere,
 * also in the bottleneck rows. */
static void
test_compare_self_shipped (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(WflScenario) s = NULL;
      g_autoptr(WflSimulation) base = NULL;
      g_autoptr(WflSimulation) variant = NULL;
      g_autoptr(GArray) rank_a = NULL;
      g_autoptr(GArray) rank_b = NULL;
      g_autoptr(WflComparison) cmp = NULL;
      g_autoptr(GBytes) csv = NULL;
      int n_weeks;

      if (!g_str_has_suffix (name, ".waferline"))
        continue;
      n_files++;
      path = g_build_filename (dir_path, name, NULL);
      s = load_path (path);
      base = simulate (s);
      variant = simulate (s);
      n_weeks = wfl_simulation_get_n_weeks (base);
      rank_a = wfl_bottlenecks_rank (base, 0, n_weeks - 1, NULL, NULL);
      rank_b = wfl_bottlenecks_rank (variant, 0, n_weeks - 1, NULL, NULL);
      cmp = wfl_comparison_new (base, variant, 0, n_weeks - 1, rank_a, rank_b);
      g_assert_cmpuint (wfl_comparison_get_n_rows (cmp), >, 0);
      g_assert_cmpuint (wfl_comparison_count_differences (cmp), ==, 0);
      for (guint i = 0; i < wfl_comparison_get_n_rows (cmp); i++)
        {
          const WflCompareRow *row = wfl_comparison_get_row (cmp, i);

          g_assert_true (row->in_baseline && row->in_variant);
          g_assert_true (isnan (row->difference) || row->difference == 0);
        }
      /* Only the header is left of the differences. */
      csv = wfl_comparison_to_csv (cmp, TRUE);
      g_assert_cmpstr (g_bytes_get_data (csv, NULL), ==,
                       "subject,id,name,product,measure,baseline,variant,difference,percent,differs\n");
    }
  g_assert_cmpuint (n_files, >=, 3);
}

/* The built-in scenario against its copy with the first bottleneck's
 * capacity +10 %: what customers hold more on average over the window is
 * that node's gain in the ranking, and the customers' deltas add up to
 * the product's. */
static void
test_compare_builtin_gain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) a = wfl_scenario_new_builtin (&error);
  g_autoptr(WflScenario) b = NULL;
  g_autoptr(WflSimulation) base = NULL;
  g_autoptr(WflSimulation) variant = NULL;
  g_autoptr(GArray) ranking = NULL;
  g_autoptr(WflComparison) cmp = NULL;
  const WflBottleneck *top;
  const WflCompareRow *held_row, *delivered_row;
  WflNode *node;
  double sum_held = 0, sum_delivered = 0;
  const char *unit;
  /* 2023-Q3 of the built-in calendar. */
  int first, last;

  g_assert_no_error (error);
  base = simulate (a);
  g_assert_true (wfl_week_window_of_dates (wfl_simulation_get_start (base), wfl_simulation_get_n_weeks (base),
                                           wfl_date_from_ymd (2023, 7, 1), wfl_date_from_ymd (2023, 9, 30),
                                           &first, &last));
  ranking = wfl_bottlenecks_rank (base, first, last, NULL, &error);
  g_assert_no_error (error);
  top = wfl_bottlenecks_get_top (ranking, 0);
  g_assert_nonnull (top);
  g_assert_cmpfloat (top->gain, >, 0);
  unit = wfl_simulation_get_product_unit (base, 0);

  b = wfl_scenario_copy (a);
  node = wfl_scenario_find_node (b, wfl_simulation_get_node_id (base, top->node));
  for (guint i = 0; i < wfl_schedule_get_n_points (node->capacity); i++)
    wfl_schedule_get_point (node->capacity, i)->value *= WFL_BOTTLENECK_FACTOR;
  variant = simulate (b);
  cmp = wfl_comparison_new (base, variant, first, last, NULL, NULL);

  held_row = get_row (cmp, WFL_COMPARE_PRODUCT, unit, WFL_COMPARE_HELD);
  /* The ranking scales each week's capacity, the copy each point of the
   * schedule: equal but for the rounding of a ramp. */
  g_assert_cmpfloat_with_epsilon (held_row->difference, top->gain, 1e-9 * fabs (top->gain));
  g_assert_cmpfloat_with_epsilon (held_row->difference / held_row->baseline, top->share, 1e-9);

  delivered_row = get_row (cmp, WFL_COMPARE_PRODUCT, unit, WFL_COMPARE_DELIVERED);
  for (guint i = 0; i < wfl_comparison_get_n_rows (cmp); i++)
    {
      const WflCompareRow *row = wfl_comparison_get_row (cmp, i);

      if (row->subject != WFL_COMPARE_CUSTOMER || g_strcmp0 (row->product, unit) != 0)
        continue;
      if (row->measure == WFL_COMPARE_HELD)
        sum_held += row->difference;
      else if (row->measure == WFL_COMPARE_DELIVERED)
        sum_delivered += row->difference;
    }
  g_assert_cmpfloat (delivered_row->difference, !=, 0);
  assert_near (sum_held, held_row->difference);
  assert_near (sum_delivered, delivered_row->difference);
}

static void
test_compare_text (void)
{
  g_autoptr(WflScenario) a = chain (10, FALSE);
  g_autoptr(WflScenario) b = chain (20, FALSE);
  g_autoptr(WflSimulation) base = simulate (a);
  g_autoptr(WflSimulation) variant = simulate (b);
  g_autoptr(WflComparison) cmp = wfl_comparison_new (base, variant, 0, 3, NULL, NULL);
  g_autoptr(GBytes) csv = wfl_comparison_to_csv (cmp, TRUE);
  g_autofree char *tsv = wfl_comparison_to_tsv (cmp, TRUE);
  const char *text = g_bytes_get_data (csv, NULL);

  /* The rows that differ, and only those. */
  g_assert_nonnull (strstr (text, "customer,cust,cust,unit,held,25,35,10,40,1\n"));
  g_assert_null (strstr (text, ",delivered,"));
  g_assert_nonnull (strstr (tsv, "customer\tcust\tcust\tunit\theld\t25\t35\t10\t40\t1\n"));
  g_assert_true (g_str_has_prefix (tsv, "subject\tid\tname\tproduct\tmeasure\t"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compare/chain-doubled", test_compare_chain_doubled);
  g_test_add_func ("/compare/absent", test_compare_absent);
  g_test_add_func ("/compare/calendar", test_compare_calendar);
  g_test_add_func ("/compare/self-shipped", test_compare_self_shipped);
  g_test_add_func ("/compare/builtin-gain", test_compare_builtin_gain);
  g_test_add_func ("/compare/text", test_compare_text);
  return g_test_run ();
}
