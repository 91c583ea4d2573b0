/* timeline-checks.h: the rules every order timeline obeys (docs/model.md)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-model.h"

/* For every order of a run: a filled order's rows start at or after its
 * placed week, follow each other in time, and each row's wait splits
 * into its categories; the categories of the whole timeline add up to
 * filled − placed and equal the rows' sums; a stock row only comes
 * first; the last row is the customer in the fill week.  An order never
 * filled has no rows and no weeks.  Returns the number of filled orders
 * with a stock row (so that callers can see the case was met). */
static inline guint
check_order_timelines (WflSimulation *sim)
{
  guint with_stock = 0;

  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    {
      const WflOrderResult *r = wfl_simulation_get_order (sim, o);
      int sums[WFL_N_TIMELINE] = { 0 };
      int total = 0, prev_end;

      if (r->filled_week < 0)
        {
          g_assert_cmpuint (r->n_stages, ==, 0);
          for (int c = 0; c < WFL_N_TIMELINE; c++)
            g_assert_cmpint (r->timeline_weeks[c], ==, 0);
          continue;
        }

      g_assert_cmpint (r->placed_week, >=, 0);
      g_assert_cmpint (r->placed_week, <=, r->filled_week);
      g_assert_cmpuint (r->n_stages, >=, 1);
      prev_end = r->placed_week;
      for (guint k = 0; k < r->n_stages; k++)
        {
          const WflStage *st = &r->stages[k];

          /* Nothing is dated before the order was placed. */
          g_assert_cmpint (st->start_week, >=, r->placed_week);
          g_assert_cmpint (st->end_week, >=, st->start_week);
          g_assert_cmpint (st->wait_before_weeks, ==, st->start_week - prev_end);
          g_assert_cmpint (st->wait_before_weeks, ==, st->allocation_weeks + st->wait_weeks + st->transit_weeks);
          g_assert_cmpint (st->allocation_weeks, >=, 0);
          g_assert_cmpint (st->wait_weeks, >=, 0);
          g_assert_cmpint (st->transit_weeks, >=, 0);
          g_assert_cmpint (st->shipped_week, >=, prev_end);
          g_assert_cmpint (st->arrived_week, >=, st->shipped_week);
          g_assert_cmpint (st->arrived_week, <=, st->start_week);
          if (st->transit_weeks > 0)
            g_assert_cmpint (st->transit_weeks, ==, st->arrived_week - st->shipped_week);
          /* Allocation is the wait before the first row, when nothing
           * was made before the order. */
          if (k > 0)
            g_assert_cmpint (st->allocation_weeks, ==, 0);
          if (st->kind == WFL_STAGE_KIND_STOCK)
            {
              g_assert_cmpuint (k, ==, 0);
              g_assert_cmpint (st->start_week, ==, r->placed_week);
              g_assert_cmpint (st->wait_before_weeks, ==, 0);
              g_assert_cmpint (st->end_week, ==, MAX (r->placed_week, st->made_week));
              with_stock++;
            }
          else
            g_assert_cmpint (st->made_week, ==, st->end_week);
          sums[WFL_TIMELINE_ALLOCATION] += st->allocation_weeks;
          sums[WFL_TIMELINE_WAIT] += st->wait_weeks;
          sums[WFL_TIMELINE_TRANSIT] += st->transit_weeks;
          sums[st->kind == WFL_STAGE_KIND_STOCK ? WFL_TIMELINE_STOCK : WFL_TIMELINE_WORK] +=
            st->end_week - st->start_week;
          prev_end = st->end_week;
        }
      g_assert_cmpint (r->stages[r->n_stages - 1].kind, ==, WFL_STAGE_KIND_CUSTOMER);
      g_assert_cmpuint (r->stages[r->n_stages - 1].node, ==, r->customer);
      g_assert_cmpint (r->stages[r->n_stages - 1].start_week, ==, r->filled_week);
      g_assert_cmpint (r->stages[r->n_stages - 1].end_week, ==, r->filled_week);
      for (int c = 0; c < WFL_N_TIMELINE; c++)
        {
          g_assert_cmpint (r->timeline_weeks[c], >=, 0);
          g_assert_cmpint (r->timeline_weeks[c], ==, sums[c]);
          total += r->timeline_weeks[c];
        }
      /* Every week from placed to filled in exactly one category. */
      g_assert_cmpint (total, ==, r->filled_week - r->placed_week);
    }
  return with_stock;
}
