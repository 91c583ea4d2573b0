/* test-invariants.c: docs/model.md's invariants on hundreds of random scenarios
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "random-scenario.h"
#include "timeline-checks.h"

#define N_SCENARIOS 300

static gboolean
near (double a,
      double b,
      double scale)
{
  return fabs (a - b) <= 1e-9 * MAX (1.0, scale);
}


/* A node's series, newly allocated. */
static double *
series (WflSimulation *sim,
        guint          node,
        WflSeries      which)
{
  double *out = g_new (double, wfl_simulation_get_n_weeks (sim));

  wfl_simulation_get_node_series (sim, node, which, out);
  return out;
}

static WflSimulation *
run (WflScenario *s)
{
  g_autoptr(GError) error = NULL;
  WflSimulation *sim = wfl_simulation_new (s, &error);

  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (sim, NULL, &error));
  g_assert_no_error (error);
  return sim;
}

static void
assert_identical (WflSimulation *a,
                  WflSimulation *b)
{
  int W = wfl_simulation_get_n_weeks (a);

  for (guint n = 0; n < wfl_simulation_get_n_nodes (a); n++)
    for (int s = 0; s < WFL_N_SERIES; s++)
      {
        g_autofree double *va = series (a, n, s);
        g_autofree double *vb = series (b, n, s);

        g_assert_cmpmem (va, W * sizeof (double), vb, W * sizeof (double));
      }
  for (guint l = 0; l < wfl_simulation_get_n_links (a); l++)
    for (int t = 0; t < W; t++)
      {
        double xa = wfl_simulation_get_link_shipped (a, l, t);
        double xb = wfl_simulation_get_link_shipped (b, l, t);

        g_assert_cmpmem (&xa, sizeof xa, &xb, sizeof xb);
      }
  for (guint o = 0; o < wfl_simulation_get_n_orders (a); o++)
    {
      const WflOrderResult *ra = wfl_simulation_get_order (a, o);
      const WflOrderResult *rb = wfl_simulation_get_order (b, o);

      g_assert_cmpint (ra->filled_week, ==, rb->filled_week);
      g_assert_cmpmem (&ra->delivered, sizeof (double), &rb->delivered, sizeof (double));
      g_assert_cmpuint (ra->n_stages, ==, rb->n_stages);
      g_assert_cmpmem (ra->stages, ra->n_stages * sizeof (WflStage), rb->stages, rb->n_stages * sizeof (WflStage));
    }
}

/* One tolerance for needs and orders (docs/model.md, "Rounding"): a
 * customer that needs nothing, with nothing on its way, has every order
 * it placed before that week filled. */
static void
check_need_fills_orders (WflScenario   *scenario,
                         WflSimulation *sim)
{
  guint N = wfl_simulation_get_n_nodes (sim), M = wfl_simulation_get_n_links (sim);
  int W = wfl_simulation_get_n_weeks (sim);

  for (guint n = 0; n < N; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);
      g_autofree double *need = series (sim, n, WFL_SERIES_REQUIREMENT);

      if (node->kind != WFL_NODE_KIND_CUSTOMER)
        continue;
      for (int t = 0; t < W; t++)
        {
          double on_its_way = 0;

          for (guint l = 0; l < M; l++)
            {
              int T = wfl_simulation_get_link_transit (sim, l);

              if (wfl_simulation_get_link_to (sim, l) != n)
                continue;
              for (int s = MAX (0, t - T + 1); s <= t && T > 0; s++)
                on_its_way += wfl_simulation_get_link_shipped (sim, l, s);
            }
          if (need[t] > 0 || on_its_way > 0)
            continue;
          for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
            {
              const WflOrderResult *r = wfl_simulation_get_order (sim, o);

              if (r->customer == n && r->placed_week < t && r->quantity > 0)
                {
                  g_assert_cmpint (r->filled_week, >=, 0);
                  g_assert_cmpint (r->filled_week, <=, t);
                }
            }
        }
    }
}

/* A pool keeps nothing, and its users keep nothing of it: every week a
 * pool line's links carry exactly what its node started × per-unit, and
 * the pool's starts are what its links carried. */
static void
check_pools (WflScenario   *scenario,
             WflSimulation *sim)
{
  int W = wfl_simulation_get_n_weeks (sim);
  guint M = wfl_simulation_get_n_links (sim);

  for (guint n = 0; n < wfl_simulation_get_n_nodes (sim); n++)
    {
      g_autofree double *starts = series (sim, n, WFL_SERIES_STARTS);
      g_autofree double *stock = series (sim, n, WFL_SERIES_STOCK);

      if (wfl_simulation_get_node_kind (sim, n) != WFL_NODE_KIND_POOL)
        continue;
      for (int t = 0; t < W; t++)
        {
          double out = 0;

          g_assert_cmpfloat (stock[t], ==, 0);
          for (guint l = 0; l < M; l++)
            if (wfl_simulation_get_link_from (sim, l) == n)
              out += wfl_simulation_get_link_shipped (sim, l, t);
          g_assert_true (near (out, starts[t], out));
        }
      for (guint l = 0; l < M; l++)
        {
          guint to = wfl_simulation_get_link_to (sim, l);
          g_autofree double *user = series (sim, to, WFL_SERIES_STARTS);
          double per_unit = wfl_scenario_get_link (scenario, l)->per_unit;

          if (wfl_simulation_get_link_from (sim, l) != n)
            continue;
          /* The random scenarios give each user one pool link. */
          for (int t = 0; t < W; t++)
            g_assert_true (near (wfl_simulation_get_link_shipped (sim, l, t), user[t] * per_unit, user[t] * per_unit));
        }
    }
}

static void
check_invariants (WflScenario   *scenario,
                  WflSimulation *sim)
{
  int W = wfl_simulation_get_n_weeks (sim);
  guint N = wfl_simulation_get_n_nodes (sim);
  guint M = wfl_simulation_get_n_links (sim);
  g_autofree double *yield = g_new (double, W);

  for (guint l = 0; l < M; l++)
    for (int t = 0; t < W; t++)
      g_assert_cmpfloat (wfl_simulation_get_link_shipped (sim, l, t), >=, 0);

  for (guint n = 0; n < N; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);
      g_autofree double *cap = series (sim, n, WFL_SERIES_CAPACITY);
      g_autofree double *starts = series (sim, n, WFL_SERIES_STARTS);
      g_autofree double *desired = series (sim, n, WFL_SERIES_DESIRED);
      g_autofree double *completed = series (sim, n, WFL_SERIES_COMPLETED);
      g_autofree double *stock = series (sim, n, WFL_SERIES_STOCK);
      g_autofree double *shipped_n = series (sim, n, WFL_SERIES_SHIPPED);
      int L = node->lead_weeks;
      double prev_stock = node->kind == WFL_NODE_KIND_CUSTOMER ? 0 : node->initial_stock;

      wfl_schedule_evaluate (node->yield, wfl_scenario_get_start (scenario), W, 1, yield);

      for (int t = 0; t < W; t++)
        {
          double out = 0;
          double expect_completed;

          /* Stock never negative; stock(t) = stock(t−1) + completed − shipped. */
          g_assert_cmpfloat (stock[t], >=, 0);
          g_assert_true (near (stock[t], prev_stock + completed[t] - shipped_n[t], prev_stock + completed[t]));
          prev_stock = stock[t];

          if (node->kind == WFL_NODE_KIND_CUSTOMER)
            continue;

          /* Shipped by the node = Σ over its links. */
          for (guint l = 0; l < M; l++)
            if (wfl_simulation_get_link_from (sim, l) == n)
              out += wfl_simulation_get_link_shipped (sim, l, t);
          g_assert_true (near (out, shipped_n[t], out));

          /* 0 ≤ starts ≤ desired ≤ capacity. */
          g_assert_cmpfloat (starts[t], >=, 0);
          g_assert_cmpfloat (starts[t], <=, desired[t] * (1 + 1e-9) + 1e-12);
          if (!isnan (cap[t]))
            g_assert_cmpfloat (starts[t], <=, cap[t] * (1 + 1e-9) + 1e-12);

          /* completed(t) = started(t−L) × yield(t−L); the running start (not
           * tools ordered before the calendar) at the yield of week 0. */
          if (t >= L)
            expect_completed = starts[t - L] * yield[t - L];
          else if (node->kind != WFL_NODE_KIND_EQUIPMENT)
            expect_completed = node->initial_rate * yield[0];
          else
            continue;
          g_assert_true (near (completed[t], expect_completed, expect_completed));
        }
    }

  /* Input buffers never go negative: on every line, what arrived so far
   * minus starts × per-unit consumed so far. */
  for (guint l0 = 0; l0 < M; l0++)
    {
      guint to = wfl_simulation_get_link_to (sim, l0);
      const char *input = wfl_simulation_get_link_input (sim, l0);
      g_autofree double *starts = series (sim, to, WFL_SERIES_STARTS);
      gboolean first = TRUE;
      double per_unit = wfl_scenario_get_link (scenario, l0)->per_unit;
      double arrived = 0, consumed = 0;

      if (wfl_simulation_get_node_kind (sim, to) == WFL_NODE_KIND_CUSTOMER)
        continue;
      for (guint l = 0; l < l0 && first; l++)
        if (wfl_simulation_get_link_to (sim, l) == to && g_strcmp0 (wfl_simulation_get_link_input (sim, l), input) == 0)
          first = FALSE;
      if (!first)
        continue;

      for (int t = 0; t < W; t++)
        {
          for (guint l = l0; l < M; l++)
            {
              int T = wfl_simulation_get_link_transit (sim, l);

              if (wfl_simulation_get_link_to (sim, l) != to ||
                  g_strcmp0 (wfl_simulation_get_link_input (sim, l), input) != 0 || t - T < 0)
                continue;
              arrived += wfl_simulation_get_link_shipped (sim, l, t - T);
            }
          consumed += starts[t] * per_unit;
          g_assert_cmpfloat (arrived - consumed, >=, -1e-9 * MAX (1.0, arrived));
        }
    }

  check_need_fills_orders (scenario, sim);

  /* A customer never receives more than it ordered; what its orders got
   * adds up to what it received. */
  for (guint n = 0; n < N; n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);
      g_autofree double *received = series (sim, n, WFL_SERIES_STOCK);
      double delivered = 0;

      if (node->kind != WFL_NODE_KIND_CUSTOMER)
        continue;
      for (int t = 0; t < W; t++)
        {
          double ordered = 0;

          for (guint o = 0; o < node->orders->len; o++)
            {
              WflOrder *order = g_ptr_array_index (node->orders, o);

              if (wfl_week_of_date (wfl_scenario_get_start (scenario), order->placed) <= t)
                ordered += order->quantity;
            }
          g_assert_cmpfloat (received[t], <=, ordered * (1 + 1e-9) + 1e-9);
        }
      for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
        {
          const WflOrderResult *r = wfl_simulation_get_order (sim, o);

          if (r->customer != n)
            continue;
          delivered += r->delivered;
          g_assert_cmpfloat (r->delivered, <=, r->quantity * (1 + 1e-9));
          if (r->filled_week >= 0)
            {
              /* Exactly: the fill counts its rounding crumb as delivered. */
              g_assert_cmpfloat (r->delivered, ==, r->needed);
              g_assert_cmpuint (r->n_stages, >=, 1);
              g_assert_cmpuint (r->stages[r->n_stages - 1].node, ==, n);
              g_assert_cmpint (r->stages[r->n_stages - 1].end_week, ==, r->filled_week);
              for (guint k = 1; k < r->n_stages; k++)
                {
                  /* Stages follow each other in time. */
                  g_assert_cmpint (r->stages[k].start_week, >=, r->stages[k - 1].end_week);
                  g_assert_cmpint (r->stages[k].arrived_week, <=, r->stages[k].start_week);
                }
            }
        }
      g_assert_true (near (delivered, received[W - 1], delivered));
    }
}

static void
test_invariants_random (void)
{
  guint filled = 0, bound = 0, with_stock = 0;
  int weeks[WFL_N_TIMELINE] = { 0 };

  for (guint32 seed = 1; seed <= N_SCENARIOS; seed++)
    {
      g_autoptr(GRand) shape = g_rand_new_with_seed (seed * 7919);
      g_autoptr(WflScenario) s = random_scenario (seed,
                                                  g_rand_int_range (shape, 2, 7),
                                                  g_rand_int_range (shape, 1, 6),
                                                  g_rand_int_range (shape, 1, 4),
                                                  g_rand_int_range (shape, 10, 60));
      g_autoptr(GPtrArray) problems = wfl_scenario_validate (s);
      g_autoptr(WflSimulation) a = NULL;
      g_autoptr(WflSimulation) b = NULL;

      if (problems->len > 0)
        g_error ("seed %u: %s", seed, ((WflProblem *) g_ptr_array_index (problems, 0))->message);
      a = run (s);
      b = run (s);
      check_invariants (s, a);
      assert_identical (a, b);

      /* Running the same simulation again is identical too. */
      g_assert_true (wfl_simulation_run (b, NULL, NULL));
      assert_identical (a, b);

      /* Order timelines: every week from placed to filled in exactly
       * one category, nothing dated before placement. */
      with_stock += check_order_timelines (a);

      for (guint o = 0; o < wfl_simulation_get_n_orders (a); o++)
        {
          filled += wfl_simulation_get_order (a, o)->filled_week >= 0;
          for (int c = 0; c < WFL_N_TIMELINE; c++)
            weeks[c] += wfl_simulation_get_order (a, o)->timeline_weeks[c];
        }
      for (guint n = 0; n < wfl_simulation_get_n_nodes (a); n++)
        bound += wfl_simulation_count_bound_weeks (a, n, 0, G_MAXINT) > 0;
    }

  /* The scenarios exercise something: orders get filled, nodes bind. */
  g_assert_cmpuint (filled, >, 100);
  g_assert_cmpuint (bound, >, 100);
  /* … and every category of a timeline occurs. */
  g_assert_cmpuint (with_stock, >, 10);
  for (int c = 0; c < WFL_N_TIMELINE; c++)
    {
      g_test_message ("timeline category %d: %d weeks", c, weeks[c]);
      g_assert_cmpint (weeks[c], >, 0);
    }
}

/* Version 2's allocation: a closed link ships nothing; the quota rows of
 * a node add up to what it shipped in each period; grants move no more
 * than they ask, and what donors give up is what recipients receive. */
static void
check_allocation (WflScenario   *scenario,
                  WflSimulation *sim)
{
  int W = wfl_simulation_get_n_weeks (sim);
  guint M = wfl_simulation_get_n_links (sim);
  g_autofree double *granted = g_new0 (double, (gsize) M * W);
  g_autofree double *given = g_new0 (double, (gsize) M * W);

  for (guint l = 0; l < M; l++)
    for (int t = 0; t < W; t++)
      {
        gboolean open = wfl_availability_is_open (wfl_scenario_get_link (scenario, l)->availability,
                                                  wfl_scenario_get_start (scenario), t);

        g_assert_cmpint (open, ==, wfl_simulation_link_is_open (sim, l, t));
        if (!open)
          g_assert_cmpfloat (wfl_simulation_get_link_shipped (sim, l, t), ==, 0);
      }

  for (guint i = 0; i < wfl_simulation_get_n_quota_periods (sim); i++)
    {
      WflQuotaPeriod q;

      wfl_simulation_get_quota_period (sim, i, &q);
      g_assert_true (near (q.delivered, wfl_simulation_sum_link_shipped (sim, q.link, q.first_week, q.last_week),
                           q.delivered));
      g_assert_cmpfloat (q.given_up, <=, q.quota + q.granted + 1e-9 * MAX (1.0, q.quota + q.granted));
      granted[(gsize) q.link * W + q.first_week] = q.granted;
      given[(gsize) q.link * W + q.first_week] = q.given_up;
    }
  for (guint i = 0; i < wfl_simulation_get_n_grant_periods (sim); i++)
    {
      const WflGrantPeriod *g = wfl_simulation_get_grant_period (sim, i);

      g_assert_cmpfloat (g->moved, >=, 0);
      g_assert_cmpfloat (g->moved, <=, g->quantity);
      granted[(gsize) g->recipient_link * W + g->first_week] -= g->moved;
      given[(gsize) g->donor_link * W + g->first_week] -= g->moved;
    }
  for (gsize k = 0; k < (gsize) M * W; k++)
    {
      g_assert_true (near (granted[k], 0, 1e6));
      g_assert_true (near (given[k], 0, 1e6));
    }
}

/* The same invariants with weighted fair shares, quotas, grants and
 * closed links. */
static void
test_invariants_allocation (void)
{
  guint quota_rows = 0, grants = 0, closed = 0;

  for (guint32 seed = 1; seed <= N_SCENARIOS; seed++)
    {
      g_autoptr(GRand) shape = g_rand_new_with_seed (seed * 7919);
      g_autoptr(WflScenario) s = random_scenario (seed,
                                                  g_rand_int_range (shape, 2, 7),
                                                  g_rand_int_range (shape, 1, 6),
                                                  g_rand_int_range (shape, 1, 4),
                                                  g_rand_int_range (shape, 10, 60));
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(WflSimulation) a = NULL;
      g_autoptr(WflSimulation) b = NULL;

      random_allocation (s, seed);
      problems = wfl_scenario_validate (s);
      if (problems->len > 0)
        g_error ("seed %u: %s", seed, ((WflProblem *) g_ptr_array_index (problems, 0))->message);
      a = run (s);
      b = run (s);
      check_invariants (s, a);
      check_allocation (s, a);
      assert_identical (a, b);

      quota_rows += wfl_simulation_get_n_quota_periods (a);
      grants += wfl_simulation_get_n_grant_periods (a);
      for (guint l = 0; l < wfl_simulation_get_n_links (a); l++)
        closed += !wfl_simulation_link_is_open (a, l, wfl_simulation_get_n_weeks (a) - 1);
    }

  /* The scenarios exercise the constructs. */
  g_assert_cmpuint (quota_rows, >, 100);
  g_assert_cmpuint (grants, >, 20);
  g_assert_cmpuint (closed, >, 20);
}

/* Random products, order inflation, cancellations and forecasts: every
 * order gets at most its quantity, a filled order what it needed, the
 * rest of an order that was filled or cancelled is what was cancelled;
 * deliveries by product add up to the deliveries and their compute to
 * the compute delivered; two runs are identical. */
static void
test_invariants_demand (void)
{
  guint inflated = 0, cancelled = 0, forecasts = 0, by_product = 0;

  for (guint32 seed = 1; seed <= N_SCENARIOS; seed++)
    {
      g_autoptr(GRand) shape = g_rand_new_with_seed (seed * 7919);
      g_autoptr(WflScenario) s = random_scenario (seed,
                                                  g_rand_int_range (shape, 2, 7),
                                                  g_rand_int_range (shape, 1, 6),
                                                  g_rand_int_range (shape, 1, 4),
                                                  g_rand_int_range (shape, 10, 60));
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(WflSimulation) a = NULL;
      g_autoptr(WflSimulation) b = NULL;
      int W;
      double units = 0, compute = 0;

      random_demand (s, seed);
      problems = wfl_scenario_validate (s);
      if (problems->len > 0)
        g_error ("seed %u: %s", seed, ((WflProblem *) g_ptr_array_index (problems, 0))->message);
      a = run (s);
      b = run (s);
      assert_identical (a, b);
      W = wfl_simulation_get_n_weeks (a);
      for (guint o = 0; o < wfl_simulation_get_n_orders (a); o++)
        {
          const WflOrderResult *r = wfl_simulation_get_order (a, o);

          g_assert_true (isfinite (r->delivered) && isfinite (r->needed) && isfinite (r->cancelled));
          g_assert_cmpfloat (r->delivered, <=, r->quantity * (1 + 1e-9));
          g_assert_cmpfloat (r->needed, <=, r->quantity * (1 + 1e-9));
          g_assert_cmpfloat (r->cancelled, >=, 0);
          if (r->filled_week >= 0)
            g_assert_true (near (r->delivered, r->needed, r->quantity));
          if (r->cancelled > 0)
            {
              g_assert_true (near (r->cancelled, r->quantity - r->delivered, r->quantity));
              g_assert_cmpint (r->cancelled_week, >=, 0);
            }
          inflated += r->needed < r->quantity * (1 - 1e-9);
          cancelled += r->filled_week < 0 && r->cancelled > 0;
          by_product += r->sku >= 0;
        }
      for (int p = -1; p < (int) wfl_simulation_get_n_skus (a); p++)
        {
          double u = wfl_simulation_get_sku_delivered (a, p, -1, 0, W - 1);
          double c = p >= 0 ? wfl_simulation_get_sku_compute (a, p) : NAN;

          units += u;
          compute += isfinite (c) ? u * c : 0;
        }
      g_assert_true (near (units, wfl_simulation_get_delivered (a, -1, 0, W - 1), units));
      g_assert_true (near (compute, wfl_simulation_get_compute_delivered (a, -1, 0, W - 1), compute));
      for (guint n = 0; n < wfl_scenario_get_n_nodes (s); n++)
        forecasts += wfl_scenario_get_node (s, n)->forecasts->len;
    }

  /* The scenarios exercise the constructs. */
  g_assert_cmpuint (inflated, >, 20);
  g_assert_cmpuint (cancelled, >, 5);
  g_assert_cmpuint (forecasts, >, 20);
  g_assert_cmpuint (by_product, >, 20);
}

/* The same on random scenarios with a pool, an equipment supplier and
 * expansions; and the expansions' dates follow the rules: delivered
 * after ordered, qualified after delivered, tools served in order. */
static void
test_invariants_random_capacity (void)
{
  guint pool_bound = 0, stepped = 0;

  for (guint32 seed = 1; seed <= N_SCENARIOS; seed++)
    {
      g_autoptr(GRand) shape = g_rand_new_with_seed (seed * 7919);
      g_autoptr(WflScenario) s = random_scenario (seed,
                                                  g_rand_int_range (shape, 3, 7),
                                                  g_rand_int_range (shape, 1, 6),
                                                  g_rand_int_range (shape, 1, 4),
                                                  g_rand_int_range (shape, 10, 60));
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(WflSimulation) a = NULL;
      g_autoptr(WflSimulation) b = NULL;
      int pool;

      random_add_capacity (s, seed);
      problems = wfl_scenario_validate (s);
      if (problems->len > 0)
        g_error ("seed %u: %s", seed, ((WflProblem *) g_ptr_array_index (problems, 0))->message);
      a = run (s);
      b = run (s);
      check_invariants (s, a);
      check_pools (s, a);
      assert_identical (a, b);

      pool = wfl_simulation_find_node (a, "pool");
      pool_bound += wfl_simulation_count_bound_weeks (a, pool, 0, G_MAXINT) > 0;
      for (guint x = 0; x < wfl_simulation_get_n_expansions (a); x++)
        {
          WflExpansionResult r;

          g_assert_true (wfl_simulation_get_expansion (a, x, &r));
          if (r.qualified_week == WFL_WEEK_NEVER)
            {
              g_assert_cmpint (r.supplier, >=, 0);
              continue;
            }
          g_assert_cmpint (r.tools_start_week, >=, r.ordered_week);
          g_assert_cmpint (r.tools_done_week, >=, r.tools_start_week);
          g_assert_cmpint (r.delivered_week, >=, r.tools_done_week);
          g_assert_cmpint (r.qualified_week, >=, r.delivered_week);
          stepped += r.qualified_week > 0 && r.qualified_week < wfl_simulation_get_n_weeks (a);
          /* First come, first served: an expansion ordered earlier from the
           * same supplier starts its tools no later. */
          for (guint y = 0; y < wfl_simulation_get_n_expansions (a); y++)
            {
              WflExpansionResult q;

              g_assert_true (wfl_simulation_get_expansion (a, y, &q));
              if (q.supplier >= 0 && q.supplier == r.supplier && q.ordered_week < r.ordered_week)
                g_assert_cmpint (q.tools_start_week, <=, r.tools_start_week);
            }
        }
    }

  g_test_message ("pool bound in %u scenarios, %u capacity steps within the calendar", pool_bound, stepped);
  g_assert_cmpuint (pool_bound, >, 30);
  g_assert_cmpuint (stepped, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/invariants/random", test_invariants_random);
  g_test_add_func ("/wfl/model/invariants/allocation", test_invariants_allocation);
  g_test_add_func ("/wfl/model/invariants/demand", test_invariants_demand);
  g_test_add_func ("/wfl/model/invariants/random-capacity", test_invariants_random_capacity);

  return g_test_run ();
}
