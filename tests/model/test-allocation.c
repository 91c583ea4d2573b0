/* test-allocation.c: weighted fair share, quotas, grants and availability
 * (docs/model.md "Allocation" and "Availability"), by hand
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sim-helpers.h"
#include "wfl-simulation-private.h"

/* ------------------------------------------------------------------ */
/* Builders */

/* src holds `stock` (capacity 0) and splits it by `policy` over links to
 * the customers ids[0 … n−1], each ordering qty[i] in week 0. */
static WflScenario *
split_case (WflAllocation  policy,
            double         stock,
            int            n,
            const char   **ids,
            const double  *qty)
{
  WflScenario *s = new_scenario (1);
  WflNode *src = add_node (s, "src", WFL_NODE_KIND_SUPPLY, 0, 0, 1);

  src->initial_stock = stock;
  src->allocation = policy;
  src->quota_period = WFL_PERIOD_WEEK;
  for (int i = 0; i < n; i++)
    {
      g_autofree char *oid = g_strdup_printf ("o%s", ids[i]);

      add_node (s, ids[i], WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
      add_link (s, "src", ids[i], 1);
      add_order (s, ids[i], oid, qty[i], 0, -1);
    }
  return s;
}

static WflLink *
link_to (WflScenario *s,
         const char  *from,
         const char  *to)
{
  for (guint i = 0; i < wfl_scenario_get_n_links (s); i++)
    {
      WflLink *link = wfl_scenario_get_link (s, i);

      if (g_strcmp0 (link->from, from) == 0 && g_strcmp0 (link->to, to) == 0)
        return link;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
set_weight (WflScenario *s,
            const char  *to,
            double       weight)
{
  WflLink *link = link_to (s, "src", to);

  g_clear_pointer (&link->weight, wfl_schedule_free);
  link->weight = wfl_schedule_new_constant (weight);
}

static void
set_quota (WflScenario *s,
           const char  *from,
           const char  *to,
           double       quota)
{
  WflLink *link = link_to (s, from, to);

  g_clear_pointer (&link->quota, wfl_schedule_free);
  link->quota = wfl_schedule_new_constant (quota);
}

/* Closes (value 0) or opens (1) the link from week `week`. */
static void
add_change (WflLink *link,
            int      week,
            double   open)
{
  if (link->availability == NULL)
    link->availability = wfl_schedule_new ();
  wfl_schedule_add_point (link->availability, wfl_date_of_week (START, week), open, WFL_INTERPOLATE_STEP);
}

/* What the link shipped over weeks first … last. */
static double
sum_shipped (WflSimulation *sim,
             guint          link,
             int            first,
             int            last)
{
  return wfl_simulation_sum_link_shipped (sim, link, first, last);
}

/* ------------------------------------------------------------------ */
/* weighted-fair-share */

/* src holds 60; A, B, C order 60, 30, 10.  Requests / weights, served in
 * ascending order, each min (request, left × w / Σ w of the rest):
 *   weights 1, 2, 1: C (10/1) 10 of 60·1/4 = 15 → 10, left 50, Σw 3;
 *     B (30/2) min (30, 50·2/3) = 30, left 20; A the last: 20.
 *   weights 3, 1, 1: C 10 (of 12), left 50, Σw 4; A (60/3 = 20) min (60,
 *     50·3/4 = 37.5) = 37.5; B the last: 12.5.
 *   weights 1, 1, 1: fair-share's 25, 25, 10.
 *   weights 0, 1, 1: C 10 (of 30), B the last positive: 30; A (weight 0)
 *     gets what is left: 20.
 *   weights 0, 0, 1: C 10; A and B share 50 by water-filling: 25, 25.
 *   weights 1, 10, 0.1: the order matters: B (30/10 = 3) min (30,
 *     60·10/11.1) = 30, left 30, Σw 1.1; A (60) min (60, 30/1.1) = 300/11;
 *     C the last: 30/11.  (Served by request instead, C would come first
 *     and take 60·0.1/11.1, and 30/11 would be lost.) */
static void
test_allocation_weighted_fair_share (void)
{
  const char *ids[] = { "A", "B", "C" };
  const double qty[] = { 60, 30, 10 };
  struct { double w[3]; double x[3]; } cases[] = {
    { { 1, 2, 1 }, { 20, 30, 10 } },
    { { 3, 1, 1 }, { 37.5, 12.5, 10 } },
    { { 1, 1, 1 }, { 25, 25, 10 } },
    { { 0, 1, 1 }, { 20, 30, 10 } },
    { { 0, 0, 1 }, { 25, 25, 10 } },
    { { 1, 10, 0.1 }, { 300.0 / 11, 30, 30.0 / 11 } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(WflScenario) s = split_case (WFL_ALLOCATION_WEIGHTED_FAIR_SHARE, 60, 3, ids, qty);
      g_autoptr(WflSimulation) sim = NULL;

      for (int i = 0; i < 3; i++)
        set_weight (s, ids[i], cases[c].w[i]);
      sim = simulate (s);
      for (int i = 0; i < 3; i++)
        assert_near (shipped (sim, i, 0), cases[c].x[i]);
      assert_near (val (sim, "src", WFL_SERIES_STOCK, 0), 0);
    }
}

/* A weight is a schedule: src makes 60 a week; A, B, C want far more.
 * Week 0 (weights 1, 1, 1): 20 each.  From week 1 A's weight is 3:
 * 60 · 3/5 = 36, 12, 12. */
static void
test_allocation_weight_schedule (void)
{
  g_autoptr(WflScenario) s = new_scenario (3);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *src = add_node (s, "src", WFL_NODE_KIND_SUPPLY, 60, 0, 1);
  const char *ids[] = { "A", "B", "C" };
  WflLink *a;

  src->allocation = WFL_ALLOCATION_WEIGHTED_FAIR_SHARE;
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *oid = g_strdup_printf ("o%s", ids[i]);

      add_node (s, ids[i], WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
      add_link (s, "src", ids[i], 1);
      add_order (s, ids[i], oid, 1000, 0, -1);
    }
  a = link_to (s, "src", "A");
  a->weight = wfl_schedule_new ();
  wfl_schedule_add_point (a->weight, START, 1, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (a->weight, wfl_date_of_week (START, 1), 3, WFL_INTERPOLATE_STEP);
  sim = simulate (s);

  for (int i = 0; i < 3; i++)
    assert_near (shipped (sim, i, 0), 20);
  assert_near (shipped (sim, 0, 1), 36);
  assert_near (shipped (sim, 1, 1), 12);
  assert_near (shipped (sim, 2, 1), 12);
}

/* ------------------------------------------------------------------ */
/* quota */

/* One week, quota-period week.  A (quota 50, priority 2) orders 80; B
 * (quota 30) 10; C (no quota, priority 1) 50; D (quota 40, priority 3) 40.
 * Within-quota requests: A 50, B 10, C 0, D 40 (Σ 100); allowances 50,
 * 30, 0, 40.
 *   stock 200 ≥ Σ requests 180: every request, 20 stay.
 *   stock 120: each its within-quota request, the 20 left to those who
 *     want more by priority: C (priority 1) 20, A none.
 *   stock 60 < 100: weighted water-filling of the within-quota requests
 *     by allowance, ascending cap/allowance: B (10/30) min (10, 60·30/120
 *     = 15) = 10, left 50, Σ 90; A (50/50) min (50, 50·50/90) = 250/9,
 *     left 200/9; D the last: 200/9.  C gets nothing. */
static void
test_allocation_quota_week (void)
{
  const char *ids[] = { "A", "B", "C", "D" };
  const double qty[] = { 80, 10, 50, 40 };
  struct { double stock; double x[4]; double left; } cases[] = {
    { 200, { 80, 10, 50, 40 }, 20 },
    { 120, { 50, 10, 20, 40 }, 0 },
    { 60, { 250.0 / 9, 10, 0, 200.0 / 9 }, 0 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(WflScenario) s = split_case (WFL_ALLOCATION_QUOTA, cases[c].stock, 4, ids, qty);
      g_autoptr(WflSimulation) sim = NULL;
      int prio[] = { 2, 1, 1, 3 };

      set_quota (s, "src", "A", 50);
      set_quota (s, "src", "B", 30);
      set_quota (s, "src", "D", 40);
      for (int i = 0; i < 4; i++)
        link_to (s, "src", ids[i])->priority = prio[i];
      sim = simulate (s);
      for (int i = 0; i < 4; i++)
        assert_near (shipped (sim, i, 0), cases[c].x[i]);
      assert_near (val (sim, "src", WFL_SERIES_STOCK, 0), cases[c].left);
    }
}

/* Demand beyond the quota waits for the next period, unless others leave
 * supply over.  quota-period month; weeks 0–4 start in January, 5–8 in
 * February.  src makes 10 a week; A (quota 15 a month, priority 2) and B
 * (no quota, priority 1) each want 1,000.
 *   w0: A's allowance 15 > 10: A 10.
 *   w1: A's allowance 5: A 5; the other 5 to those who want more, by
 *       priority: B 5.
 *   w2–w4: A's allowance 0: B 10.   w5 (February): A 10 again; w6: A 5, B 5.
 * With B at priority 3, A comes first among those who want more, so it
 * takes what B would have: 10 every week. */
static WflSimulation *
waits_case (int b_priority)
{
  g_autoptr(WflScenario) s = new_scenario (9);
  WflNode *src = add_node (s, "src", WFL_NODE_KIND_SUPPLY, 10, 0, 1);

  src->allocation = WFL_ALLOCATION_QUOTA;
  src->quota_period = WFL_PERIOD_MONTH;
  add_node (s, "A", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_node (s, "B", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "src", "A", 1)->priority = 2;
  add_link (s, "src", "B", 1)->priority = b_priority;
  set_quota (s, "src", "A", 15);
  add_order (s, "A", "oA", 1000, 0, -1);
  add_order (s, "B", "oB", 1000, 0, -1);
  return simulate (s);
}

static void
test_allocation_quota_waits (void)
{
  g_autoptr(WflSimulation) sim = waits_case (1);
  g_autoptr(WflSimulation) greedy = waits_case (3);
  const double a[] = { 10, 5, 0, 0, 0, 10, 5, 0, 0 };
  WflQuotaPeriod q;

  for (int t = 0; t < 9; t++)
    {
      assert_near (shipped (sim, 0, t), a[t]);
      assert_near (shipped (sim, 1, t), 10 - a[t]);
      assert_near (shipped (greedy, 0, t), 10);
      assert_near (shipped (greedy, 1, t), 0);
    }

  /* One row per link and month: A's January (weeks 0–4), B's February. */
  g_assert_cmpuint (wfl_simulation_get_n_quota_periods (sim), ==, 4);
  wfl_simulation_get_quota_period (sim, 0, &q);
  g_assert_cmpuint (q.link, ==, 0);
  g_assert_cmpint (q.first_week, ==, 0);
  g_assert_cmpint (q.last_week, ==, 4);
  assert_near (q.quota, 15);
  assert_near (q.delivered, 15);
  g_assert_cmpint (wfl_simulation_find_quota_period (sim, 1, 6), ==, 3);
  wfl_simulation_get_quota_period (sim, 3, &q);
  g_assert_cmpuint (q.link, ==, 1);
  g_assert_cmpint (q.first_week, ==, 5);
  g_assert_cmpint (q.last_week, ==, 8);
  assert_near (q.quota, 0);
  assert_near (q.delivered, 25);
}

/* A quota point takes effect in the first period that starts after it:
 * 26 from the start, 39 from 2023-04-01 (a Saturday: the week of
 * 3 April, Q2's first, already has it), 52 from 2023-05-01 (mid-Q2: from
 * Q3).  Quarters of weeks: Q1 0–12, Q2 13–25, Q3 26–29. */
static void
test_allocation_quota_schedule (void)
{
  g_autoptr(WflScenario) s = new_scenario (30);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *src = add_node (s, "src", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  WflLink *link;
  const double want[] = { 26, 39, 52 };
  const int first[] = { 0, 13, 26 };

  src->allocation = WFL_ALLOCATION_QUOTA;
  add_node (s, "A", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  link = add_link (s, "src", "A", 1);
  link->quota = wfl_schedule_new ();
  wfl_schedule_add_point (link->quota, START, 26, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (link->quota, wfl_date_from_ymd (2023, 4, 1), 39, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (link->quota, wfl_date_from_ymd (2023, 5, 1), 52, WFL_INTERPOLATE_STEP);
  add_order (s, "A", "o", 1000, 0, -1);
  sim = simulate (s);

  g_assert_cmpuint (wfl_simulation_get_n_quota_periods (sim), ==, 3);
  for (guint p = 0; p < 3; p++)
    {
      WflQuotaPeriod q;

      wfl_simulation_get_quota_period (sim, p, &q);
      g_assert_cmpint (q.first_week, ==, first[p]);
      assert_near (q.quota, want[p]);
      /* A alone: it takes its quota, then what nobody else wants. */
      assert_near (q.delivered, 10.0 * (q.last_week - q.first_week + 1));
    }
}

/* Inflection's grant, in small.  quota-period quarter over 26 weeks (Q1
 * weeks 0–12, Q2 13–25); src makes 100 a week, 1,300 a quarter; meta,
 * msft and amazon have quotas of 400, infl 100 (Σ 1,300); all want far
 * more.  In Q2 three grants take 50 each from meta, msft and amazon and
 * give them to infl.
 *   Each week the supply is split by what is left of each quota, so each
 *   gets its quota exactly: Q1 400, 400, 400, 100; Q2 350, 350, 350, 250.
 *   Without the grants Q2 is Q1 again: each donor gets back the 50 it
 *   gave, infl loses the 150. */
static WflScenario *
grant_case (gboolean with_grants)
{
  WflScenario *s = new_scenario (26);
  WflNode *src = add_node (s, "src", WFL_NODE_KIND_SUPPLY, 100, 0, 1);
  const char *ids[] = { "meta", "msft", "amazon", "infl" };
  const double quota[] = { 400, 400, 400, 100 };

  src->allocation = WFL_ALLOCATION_QUOTA;
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *oid = g_strdup_printf ("o-%s", ids[i]);

      add_node (s, ids[i], WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
      add_link (s, "src", ids[i], 1);
      set_quota (s, "src", ids[i], quota[i]);
      add_order (s, ids[i], oid, 100000, 0, -1);
    }
  for (int i = 0; i < 3 && with_grants; i++)
    g_ptr_array_add (src->grants, wfl_grant_new (ids[i], "infl", 50, wfl_date_from_ymd (2023, 4, 3)));
  return s;
}

static void
test_allocation_grant (void)
{
  g_autoptr(WflScenario) s = grant_case (TRUE);
  g_autoptr(WflScenario) s0 = grant_case (FALSE);
  g_autoptr(WflSimulation) sim = simulate (s);
  g_autoptr(WflSimulation) sim0 = simulate (s0);
  const double q1[] = { 400, 400, 400, 100 };
  const double q2[] = { 350, 350, 350, 250 };

  for (guint l = 0; l < 4; l++)
    {
      /* Within the tolerance of a quarter's sums of weekly shares. */
      g_assert_cmpfloat_with_epsilon (sum_shipped (sim, l, 0, 12), q1[l], 1e-9 * 1300);
      g_assert_cmpfloat_with_epsilon (sum_shipped (sim, l, 13, 25), q2[l], 1e-9 * 1300);
      g_assert_cmpfloat_with_epsilon (sum_shipped (sim0, l, 13, 25), q1[l], 1e-9 * 1300);
    }

  /* Removing the grants gives each donor back what it gave. */
  g_assert_cmpuint (wfl_simulation_get_n_grant_periods (sim), ==, 3);
  g_assert_cmpuint (wfl_simulation_get_n_grant_periods (sim0), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      const WflGrantPeriod *g = wfl_simulation_get_grant_period (sim, i);
      double gain = sum_shipped (sim0, g->donor_link, 13, 25) - sum_shipped (sim, g->donor_link, 13, 25);

      g_assert_cmpuint (g->grant, ==, i);
      g_assert_cmpuint (g->donor_link, ==, i);
      g_assert_cmpuint (g->recipient_link, ==, 3);
      g_assert_cmpint (g->first_week, ==, 13);
      g_assert_cmpint (g->last_week, ==, 25);
      assert_near (g->moved, 50);
      g_assert_cmpfloat_with_epsilon (gain, g->moved, 1e-9 * 1300);
    }

  /* The quota rows say who gave up how much. */
  for (guint l = 0; l < 4; l++)
    {
      WflQuotaPeriod q;

      wfl_simulation_get_quota_period (sim, wfl_simulation_find_quota_period (sim, l, 13), &q);
      assert_near (q.quota, q1[l]);
      assert_near (q.given_up, l < 3 ? 50 : 0);
      assert_near (q.granted, l < 3 ? 0 : 150);
      g_assert_cmpfloat_with_epsilon (q.delivered, q2[l], 1e-9 * 1300);
    }
}

/* A grant moves no more than the donor has left, in each of its periods:
 * A's quota is 30 a week; "A gives B 20 in weeks 0–1" twice: the first
 * moves 20 and 20, the second 10 and 10 (what is left), and a grant
 * dated after the calendar moves nothing. */
static void
test_allocation_grant_limits (void)
{
  const char *ids[] = { "A", "B" };
  const double qty[] = { 100, 100 };
  g_autoptr(WflScenario) s = split_case (WFL_ALLOCATION_QUOTA, 100, 2, ids, qty);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *src = wfl_scenario_find_node (s, "src");
  const double moved[] = { 20, 20, 10, 10 };

  wfl_scenario_set_calendar (s, START, 2);
  set_quota (s, "src", "A", 30);
  for (int i = 0; i < 2; i++)
    {
      WflGrant *g = wfl_grant_new ("A", "B", 20, START);

      g->to = wfl_date_of_week (START, 1) + 3;
      g_ptr_array_add (src->grants, g);
    }
  g_ptr_array_add (src->grants, wfl_grant_new ("A", "B", 5, wfl_date_of_week (START, 2)));
  sim = simulate (s);

  g_assert_cmpuint (wfl_simulation_get_n_grant_periods (sim), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const WflGrantPeriod *g = wfl_simulation_get_grant_period (sim, i);

      g_assert_cmpuint (g->grant, ==, i / 2);
      g_assert_cmpint (g->first_week, ==, (int) i % 2);
      assert_near (g->quantity, 20);
      assert_near (g->moved, moved[i]);
    }
  /* Week 0: A may take 0, B 30; src holds 100: both within-quota
   * requests, then the 70 left by priority (A first in the document):
   * A 70, B 30. */
  assert_near (shipped (sim, 0, 0), 70);
  assert_near (shipped (sim, 1, 0), 30);
}

/* The plan's parts (docs/model.md "Needs and requests"): with nothing
 * requested the week before, each open link counts on its weight's part
 * (weighted-fair-share) or its allowed quota's part (quota) of the open
 * links; a closed link on nothing. */
static void
test_allocation_parts (void)
{
  const char *ids[] = { "A", "B", "C" };
  const double qty[] = { 10, 10, 10 };

  for (int policy = 0; policy < 2; policy++)
    {
      g_autoptr(WflScenario) s = split_case (policy == 0 ? WFL_ALLOCATION_WEIGHTED_FAIR_SHARE
                                                         : WFL_ALLOCATION_QUOTA, 0, 3, ids, qty);
      g_autoptr(WflSimulation) sim = NULL;

      set_weight (s, "A", 1);
      set_weight (s, "B", 3);
      set_quota (s, "src", "A", 10);
      set_quota (s, "src", "B", 30);
      add_change (link_to (s, "src", "C"), 0, 0);
      sim = simulate (s);
      assert_near (_wfl_simulation_get_last_part (sim, 0), 0.25);
      assert_near (_wfl_simulation_get_last_part (sim, 1), 0.75);
      assert_near (_wfl_simulation_get_last_part (sim, 2), 0);
    }
}

/* ------------------------------------------------------------------ */
/* Availability */

/* Export controls.  h100 and h20 each make up to 10 a week (lead 0);
 * china orders 100 in week 0 and us 30.  The link h100 → china closes
 * from week 3; the link h20 → china opens in week 3 (closed before).
 *   w0–w2: china's need goes to h100 alone (h20's link is closed), which
 *     splits its 10 with us by fair share: 5 each.
 *   from w3: china's need goes to h20 alone: 10 a week; h100 serves us.
 * The shipments on h100 → china (2 weeks in transit) sent in w1 and w2
 * still arrive in w3 and w4. */
static void
test_availability_export_control (void)
{
  g_autoptr(WflScenario) s = new_scenario (12);
  g_autoptr(WflSimulation) sim = NULL;
  WflLink *h100_china, *h20_china;

  add_node (s, "h100", WFL_NODE_KIND_SUPPLY, 10, 0, 1)->allocation = WFL_ALLOCATION_FAIR_SHARE;
  add_node (s, "h20", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  add_node (s, "china", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_node (s, "us", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  h100_china = add_link (s, "h100", "china", 1);
  h100_china->transit_weeks = 2;
  add_change (h100_china, 3, 0);
  h20_china = add_link (s, "h20", "china", 1);
  add_change (h20_china, 3, 1);
  add_link (s, "h100", "us", 1);
  add_order (s, "china", "oc", 100, 0, -1);
  add_order (s, "us", "ou", 30, 0, -1);
  sim = simulate (s);

  for (int t = 0; t < 3; t++)
    {
      assert_near (shipped (sim, 0, t), 5);
      assert_near (shipped (sim, 1, t), 0);
      assert_near (shipped (sim, 2, t), 5);
      g_assert_true (wfl_simulation_link_is_open (sim, 0, t));
      g_assert_false (wfl_simulation_link_is_open (sim, 1, t));
    }
  for (int t = 3; t < 12; t++)
    {
      assert_near (shipped (sim, 0, t), 0);
      g_assert_false (wfl_simulation_link_is_open (sim, 0, t));
      g_assert_true (wfl_simulation_link_is_open (sim, 1, t));
    }
  /* us: 5 a week to w2 (15), then all of h100's 10: filled in w4. */
  assert_near (shipped (sim, 2, 3), 10);
  g_assert_cmpint (order_by_id (sim, "ou")->filled_week, ==, 4);
  /* china: 5 + 5 in transit arrive in w2… w4 (sent w0–w2); h20 sends 10
   * a week from w3, less what is on its way: 100 − 15 = 85 by w11. */
  assert_near (val (sim, "china", WFL_SERIES_COMPLETED, 3), 5 + 10);
  assert_near (val (sim, "china", WFL_SERIES_COMPLETED, 4), 5 + 10);
  assert_near (sum_shipped (sim, 1, 3, 11), 85);
  g_assert_cmpint (order_by_id (sim, "oc")->filled_week, ==, 11);
  /* From w5 h100 has nothing left to make: us is filled, china closed. */
  assert_near (val (sim, "h100", WFL_SERIES_REQUIREMENT, 5), 0);
  assert_near (val (sim, "h100", WFL_SERIES_STARTS, 5), 0);
}

/* A line's alternative sources: fab takes 1 x a unit from s1 or s2 (mix
 * 1 each).  s2's link closes in week 2 and opens again in week 4; s1's
 * closes in week 6 for good.
 *   w0–w1: 5 from each; w2–w3: 10 from s1; w4–w5: 5 each again;
 *   from w6: s2 alone. */
static void
test_availability_alternative_sources (void)
{
  g_autoptr(WflScenario) s = new_scenario (10);
  g_autoptr(WflSimulation) sim = NULL;
  WflLink *l1, *l2;
  const double x1[] = { 5, 5, 10, 10, 5, 5, 0, 0, 0, 0 };

  add_node (s, "s1", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s, "s2", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s, "fab", WFL_NODE_KIND_PROCESS, 10, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  l1 = add_link (s, "s1", "fab", 1);
  l2 = add_link (s, "s2", "fab", 1);
  l1->input = g_strdup ("x");
  l2->input = g_strdup ("x");
  add_change (l2, 2, 0);
  add_change (l2, 4, 1);
  add_change (l1, 6, 0);
  add_link (s, "fab", "cust", 1);
  add_order (s, "cust", "o", 1000, 0, -1);
  sim = simulate (s);

  for (int t = 0; t < 10; t++)
    {
      assert_near (shipped (sim, 0, t), x1[t]);
      assert_near (shipped (sim, 1, t), 10 - x1[t]);
      assert_near (val (sim, "fab", WFL_SERIES_STARTS, t), 10);
    }
}

/* Every link of a line closed: the line requests nothing and binds fab
 * as an input, like a line whose every mix is 0. */
static void
test_availability_line_closed (void)
{
  g_autoptr(WflScenario) s = new_scenario (4);
  g_autoptr(WflSimulation) sim = NULL;
  const char *input = NULL;

  add_node (s, "s1", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s, "fab", WFL_NODE_KIND_PROCESS, 10, 0, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_change (add_link (s, "s1", "fab", 1), 1, 0);
  add_link (s, "fab", "cust", 1);
  add_order (s, "cust", "o", 100, 0, -1);
  sim = simulate (s);

  assert_near (val (sim, "fab", WFL_SERIES_STARTS, 0), 10);
  for (int t = 1; t < 4; t++)
    {
      assert_near (shipped (sim, 0, t), 0);
      assert_near (val (sim, "s1", WFL_SERIES_STARTS, t), 0);
      assert_near (val (sim, "fab", WFL_SERIES_STARTS, t), 0);
      g_assert_cmpint (binding (sim, "fab", t, &input), ==, WFL_BINDING_INPUT);
      g_assert_cmpstr (input, ==, "s1");
    }
}

/* Under quota a closed link takes nothing, and its quota passes to the
 * others: A (quota 10) is closed from week 1; B (quota 10) wants more. */
static void
test_availability_quota_passes_on (void)
{
  g_autoptr(WflScenario) s = new_scenario (3);
  g_autoptr(WflSimulation) sim = NULL;
  WflNode *src = add_node (s, "src", WFL_NODE_KIND_SUPPLY, 20, 0, 1);

  src->allocation = WFL_ALLOCATION_QUOTA;
  src->quota_period = WFL_PERIOD_WEEK;
  add_node (s, "A", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_node (s, "B", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_change (add_link (s, "src", "A", 1), 1, 0);
  add_link (s, "src", "B", 1);
  set_quota (s, "src", "A", 10);
  set_quota (s, "src", "B", 10);
  add_order (s, "A", "oA", 1000, 0, -1);
  add_order (s, "B", "oB", 1000, 0, -1);
  sim = simulate (s);

  assert_near (shipped (sim, 0, 0), 10);
  assert_near (shipped (sim, 1, 0), 10);
  for (int t = 1; t < 3; t++)
    {
      assert_near (shipped (sim, 0, t), 0);
      assert_near (shipped (sim, 1, t), 20);
    }
}

/* wfl_availability_is_open(): before the first change, the other state;
 * then each change from its week; the later of two in one week. */
static void
test_availability_rules (void)
{
  g_autoptr(WflSchedule) a = wfl_schedule_new ();
  double out[6];
  const double want[] = { 1, 1, 0, 0, 1, 1 };

  g_assert_true (wfl_availability_is_open (NULL, START, 0));
  wfl_schedule_add_point (a, wfl_date_of_week (START, 2), 0, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (a, wfl_date_of_week (START, 4), 0, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (a, wfl_date_of_week (START, 4) + 2, 1, WFL_INTERPOLATE_STEP);
  wfl_availability_evaluate (a, START, 6, out);
  for (int t = 0; t < 6; t++)
    {
      g_assert_cmpfloat (out[t], ==, want[t]);
      g_assert_cmpint (wfl_availability_is_open (a, START, t), ==, want[t] > 0);
    }
  /* A link that first opens was closed. */
  wfl_schedule_remove_point (a, 0);
  wfl_schedule_remove_point (a, 0);
  g_assert_false (wfl_availability_is_open (a, START, 3));
  g_assert_true (wfl_availability_is_open (a, START, 4));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/allocation/weighted-fair-share", test_allocation_weighted_fair_share);
  g_test_add_func ("/wfl/model/allocation/weight-schedule", test_allocation_weight_schedule);
  g_test_add_func ("/wfl/model/allocation/quota-week", test_allocation_quota_week);
  g_test_add_func ("/wfl/model/allocation/quota-waits", test_allocation_quota_waits);
  g_test_add_func ("/wfl/model/allocation/quota-schedule", test_allocation_quota_schedule);
  g_test_add_func ("/wfl/model/allocation/grant", test_allocation_grant);
  g_test_add_func ("/wfl/model/allocation/grant-limits", test_allocation_grant_limits);
  g_test_add_func ("/wfl/model/allocation/parts", test_allocation_parts);
  g_test_add_func ("/wfl/model/availability/export-control", test_availability_export_control);
  g_test_add_func ("/wfl/model/availability/alternative-sources", test_availability_alternative_sources);
  g_test_add_func ("/wfl/model/availability/line-closed", test_availability_line_closed);
  g_test_add_func ("/wfl/model/availability/quota-passes-on", test_availability_quota_passes_on);
  g_test_add_func ("/wfl/model/availability/rules", test_availability_rules);

  return g_test_run ();
}
