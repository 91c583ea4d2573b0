/* test-gantt-orders.c: the simulated orders as a Gantt chart
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-gantt-chart.h"
#include "wfl-gantt-layout.h"

#include "../model/random-scenario.h"
#include "../model/sim-helpers.h"

static const WflGanttRow *
row_by_id (WflGanttChart *chart,
           const char    *id)
{
  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);

      if (g_strcmp0 (row->id, id) == 0)
        return row;
    }
  g_assert_not_reached ();
  return NULL;
}

static const WflGanttBar *
bar_at (const WflGanttRow *row,
        guint              i)
{
  g_assert_cmpuint (i, <, row->bars->len);
  return &g_array_index (row->bars, WflGanttBar, i);
}

static void
assert_bar (const WflGanttRow *row,
            guint              i,
            const char        *stage,
            WflGanttBarKind    kind,
            double             start,
            double             end)
{
  const WflGanttBar *bar = bar_at (row, i);

  g_assert_cmpstr (bar->stage, ==, stage);
  g_assert_cmpstr (wfl_gantt_bar_kind_to_string (bar->kind), ==, wfl_gantt_bar_kind_to_string (kind));
  g_assert_cmpfloat (bar->start, ==, start);
  g_assert_cmpfloat (bar->end, ==, end);
}

static WflGanttLayout *
layout_with_key (WflGanttChart *chart)
{
  WflGanttLayoutOptions options;

  wfl_gantt_layout_options_init (&options);
  options.width = 800;
  options.fit = TRUE;
  options.legend = TRUE;
  return wfl_gantt_layout_new (chart, &options);
}

/* Whether the layout's key has an item with this label. */
static gboolean
legend_has (const WflGanttLayout *layout,
            const char           *label)
{
  for (guint i = 0; i < layout->legend_items->len; i++)
    if (g_strcmp0 (g_array_index (layout->legend_items, WflGanttLegendItem, i).label, label) == 0)
      return TRUE;
  return FALSE;
}

/* The week of the row's marker of that kind, or NAN. */
static double
marker_week (const WflGanttRow  *row,
             WflGanttMarkerKind  kind)
{
  for (guint i = 0; i < row->markers->len; i++)
    if (g_array_index (row->markers, WflGanttMarker, i).kind == kind)
      return g_array_index (row->markers, WflGanttMarker, i).week;
  return NAN;
}

/*
 * wafer (unlimited, lead 2) --transit 1--> fab (10/week, lead 3) --transit 2--> cust
 *                                                                 `-----------> early
 * cust orders o1 and o2 of 10 each in week 0 (due weeks 8 and 7) and o3
 * of 1000 in week 20 (due 25); early orders e1 (week 0) and e2 (week 10)
 * of nothing.
 *
 * By hand: wafer starts 20 in week 0, done in week 2, shipped, at fab in
 * week 3.  Fab is capacity-bound in week 3 (needs 20, may start 10):
 * starts 10 (done week 6), then 10 in week 4 (done week 7).  Each batch
 * ships at once and reaches cust two weeks later: o1 filled in week 8,
 * o2 in week 9 (2 weeks late).  o2's material queued at fab in week 3.
 * o3 cannot be made by the end of the calendar (30 weeks).
 */
static WflScenario *
queue_scenario (void)
{
  WflScenario *s = new_scenario (30);

  add_node (s, "wafer", WFL_NODE_KIND_SUPPLY, -1, 2, 1);
  add_node (s, "fab", WFL_NODE_KIND_PROCESS, 10, 3, 1);
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_node (s, "early", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  wfl_scenario_find_node (s, "fab")->name = g_strdup ("Fab");
  wfl_scenario_find_node (s, "cust")->name = g_strdup ("Customer");
  add_link (s, "wafer", "fab", 1)->transit_weeks = 1;
  add_link (s, "fab", "cust", 1)->transit_weeks = 2;
  add_link (s, "fab", "early", 1);
  add_order (s, "cust", "o1", 10, 0, 8);
  add_order (s, "cust", "o2", 10, 0, 7);
  add_order (s, "cust", "o3", 1000, 20, 25);
  add_order (s, "early", "e1", 0, 0, -1);
  add_order (s, "early", "e2", 0, 10, -1);
  return s;
}

static void
test_orders_queue_and_transit (void)
{
  g_autoptr(WflScenario) s = queue_scenario ();
  g_autoptr(WflSimulation) sim = simulate (s);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_orders (sim, NULL, &error);
  const WflGanttRow *o1, *o2;

  g_assert_no_error (error);
  g_assert_nonnull (chart);
  g_assert_cmpint (chart->mode, ==, WFL_GANTT_MODE_ORDERS);
  g_assert_cmpuint (chart->start, ==, START);
  g_assert_cmpuint (chart->rows->len, ==, 5);

  /* o1: made, shipped, made, shipped; on time. */
  o1 = row_by_id (chart, "cust/o1");
  /* The order id under its customer (no "cust-" in front to drop). */
  g_assert_cmpstr (o1->label, ==, "o1");
  g_assert_cmpstr (o1->group, ==, "Customer");
  g_assert_cmpuint (o1->bars->len, ==, 4);
  assert_bar (o1, 0, "wafer", WFL_GANTT_BAR_WORK, 0, 2);
  assert_bar (o1, 1, "wafer", WFL_GANTT_BAR_TRANSIT, 2, 3);
  assert_bar (o1, 2, "fab", WFL_GANTT_BAR_WORK, 3, 6);
  assert_bar (o1, 3, "fab", WFL_GANTT_BAR_TRANSIT, 6, 8);
  g_assert_cmpstr (bar_at (o1, 2)->label, ==, "Fab");
  g_assert_null (bar_at (o1, 2)->note);
  g_assert_nonnull (strstr (bar_at (o1, 3)->note, "Customer"));
  g_assert_cmpfloat (marker_week (o1, WFL_GANTT_MARKER_PLACED), ==, 0);
  g_assert_cmpfloat (marker_week (o1, WFL_GANTT_MARKER_DUE), ==, 8);
  g_assert_cmpfloat (marker_week (o1, WFL_GANTT_MARKER_FILLED), ==, 8);
  g_assert_false (o1->late);
  g_assert_cmpfloat (o1->lateness, ==, 0);

  /* o2: queued a week for fab capacity, two weeks late. */
  o2 = row_by_id (chart, "cust/o2");
  g_assert_cmpuint (o2->bars->len, ==, 5);
  assert_bar (o2, 0, "wafer", WFL_GANTT_BAR_WORK, 0, 2);
  assert_bar (o2, 1, "wafer", WFL_GANTT_BAR_TRANSIT, 2, 3);
  assert_bar (o2, 2, "fab", WFL_GANTT_BAR_QUEUE, 3, 4);
  assert_bar (o2, 3, "fab", WFL_GANTT_BAR_WORK, 4, 7);
  assert_bar (o2, 4, "fab", WFL_GANTT_BAR_TRANSIT, 7, 9);
  g_assert_nonnull (strstr (bar_at (o2, 2)->note, "Fab"));
  g_assert_cmpfloat (marker_week (o2, WFL_GANTT_MARKER_FILLED), ==, 9);
  g_assert_true (o2->late);
  g_assert_cmpfloat (o2->lateness, ==, 2);
}

static void
test_orders_rows_and_unfilled (void)
{
  g_autoptr(WflScenario) s = queue_scenario ();
  g_autoptr(WflSimulation) sim = simulate (s);
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_orders (sim, NULL, NULL);
  const char *expected[] = { "cust/o1", "cust/o2", "cust/o3", "early/e1", "early/e2" };
  const WflGanttRow *o3, *e2;

  /* By customer in document order, then placed week, then order: a
   * customer's orders are one block under its name. */
  for (guint r = 0; r < G_N_ELEMENTS (expected); r++)
    g_assert_cmpstr (((WflGanttRow *) g_ptr_array_index (chart->rows, r))->id, ==, expected[r]);

  /* Never filled, due within the calendar: late, by an unknown amount. */
  o3 = row_by_id (chart, "cust/o3");
  g_assert_cmpuint (o3->bars->len, ==, 0);
  g_assert_true (o3->late);
  g_assert_true (isnan (o3->lateness));
  g_assert_cmpfloat (marker_week (o3, WFL_GANTT_MARKER_PLACED), ==, 20);
  g_assert_cmpfloat (marker_week (o3, WFL_GANTT_MARKER_DUE), ==, 25);
  g_assert_true (isnan (marker_week (o3, WFL_GANTT_MARKER_FILLED)));

  /* Nothing ordered: filled when placed, no bars, no due date. */
  e2 = row_by_id (chart, "early/e2");
  g_assert_cmpuint (e2->bars->len, ==, 0);
  g_assert_cmpfloat (marker_week (e2, WFL_GANTT_MARKER_FILLED), ==, 10);
  g_assert_true (isnan (marker_week (e2, WFL_GANTT_MARKER_DUE)));
  g_assert_false (e2->late);
}

static void
test_orders_customer_filter (void)
{
  g_autoptr(WflScenario) s = queue_scenario ();
  g_autoptr(WflSimulation) sim = simulate (s);
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_orders (sim, "early", NULL);
  g_autoptr(WflGanttChart) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (chart->rows->len, ==, 2);
  for (guint r = 0; r < chart->rows->len; r++)
    g_assert_true (g_str_has_prefix (((WflGanttRow *) g_ptr_array_index (chart->rows, r))->id, "early/"));

  none = wfl_gantt_chart_new_orders (sim, "fab", &error);
  g_assert_null (none);
  g_assert_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID);
}

static void
test_orders_not_run (void)
{
  g_autoptr(WflScenario) s = queue_scenario ();
  g_autoptr(WflSimulation) sim = wfl_simulation_new (s, NULL);
  g_autoptr(WflGanttChart) chart = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sim);
  chart = wfl_gantt_chart_new_orders (sim, NULL, &error);
  g_assert_null (chart);
  g_assert_nonnull (error);
}

/*
 * stock (initial stock 10, lead 1) -> cust, an order of 10 placed and
 * due in week 3.  The initial stock is stamped as made in week −2 … −1,
 * before the order: served from that stock in the week it was placed,
 * shown as such (a milestone at the placed week), never as a stage dated
 * before it.
 */
static void
test_orders_from_stock (void)
{
  g_autoptr(WflScenario) s = new_scenario (10);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(WflGanttChart) chart = NULL;
  g_autoptr(WflGanttLayout) layout = NULL;
  const WflGanttRow *row;
  WflNode *stock;

  stock = add_node (s, "stock", WFL_NODE_KIND_SUPPLY, 5, 1, 1);
  stock->name = g_strdup ("Warehouse");
  stock->initial_stock = 10;
  add_node (s, "cust", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "stock", "cust", 1);
  add_order (s, "cust", "o", 10, 3, 3);
  sim = simulate (s);
  chart = wfl_gantt_chart_new_orders (sim, NULL, NULL);

  row = row_by_id (chart, "cust/o");
  g_assert_cmpuint (row->bars->len, ==, 1);
  assert_bar (row, 0, "stock", WFL_GANTT_BAR_STOCK, 3, 3);
  g_assert_cmpstr (bar_at (row, 0)->note, ==, "From stock made at Warehouse 4 weeks before the order");
  g_assert_cmpfloat (marker_week (row, WFL_GANTT_MARKER_FILLED), ==, 3);
  g_assert_false (row->late);
  g_assert_cmpfloat (row->lateness, ==, 0);
  g_assert_cmpfloat (row->quantity, ==, 10);
  g_assert_cmpstr (row->unit, ==, "unit");
  for (int c = 0; c < WFL_N_TIMELINE; c++)
    g_assert_cmpint (row->timeline[c], ==, 0);

  /* The key names it; the chart starts no earlier than the order. */
  layout = layout_with_key (chart);
  g_assert_true (legend_has (layout, "Made before the order"));
  g_assert_cmpfloat (layout->from, >=, 0);
}

/*
 * g (10 a week) -> hub (fair share, lead 0) -> c1, c2, 10 each in week 0:
 * half of g's first week each, the rest a week later.  Each order waited
 * a week for its turn at the hub: an allocation bar whose note names it.
 * Then s (lead 3, a running start of 10 a week) -> p (lead 1) -> c3, 30
 * in week 0: its last units were started by s in week −1, a bar made
 * before the order from week 0 to 2, then p's work.
 */
static void
test_orders_allocation_and_made_before (void)
{
  g_autoptr(WflScenario) s = new_scenario (8);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(WflGanttChart) chart = NULL;
  g_autoptr(WflGanttLayout) layout = NULL;
  const WflGanttRow *row;
  WflNode *node;

  add_node (s, "g", WFL_NODE_KIND_SUPPLY, 10, 0, 1);
  node = add_node (s, "hub", WFL_NODE_KIND_PROCESS, -1, 0, 1);
  node->name = g_strdup ("Hub");
  node->allocation = WFL_ALLOCATION_FAIR_SHARE;
  add_node (s, "c1", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_node (s, "c2", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "g", "hub", 1);
  add_link (s, "hub", "c1", 1);
  add_link (s, "hub", "c2", 1);
  add_order (s, "c1", "o1", 10, 0, -1);
  add_order (s, "c2", "o2", 10, 0, -1);
  node = add_node (s, "s", WFL_NODE_KIND_SUPPLY, 0, 3, 1);
  node->name = g_strdup ("Store");
  node->initial_rate = 10;
  add_node (s, "p", WFL_NODE_KIND_PROCESS, -1, 1, 1);
  add_node (s, "c3", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "s", "p", 1);
  add_link (s, "p", "c3", 1);
  add_order (s, "c3", "o3", 30, 0, -1);
  sim = simulate (s);
  chart = wfl_gantt_chart_new_orders (sim, NULL, NULL);

  row = row_by_id (chart, "c1/o1");
  g_assert_cmpuint (row->bars->len, ==, 3);
  assert_bar (row, 0, "hub", WFL_GANTT_BAR_ALLOCATION, 0, 1);
  g_assert_cmpstr (bar_at (row, 0)->note, ==, "Waiting for its turn at Hub");
  assert_bar (row, 1, "g", WFL_GANTT_BAR_WORK, 1, 1);
  assert_bar (row, 2, "hub", WFL_GANTT_BAR_WORK, 1, 1);
  g_assert_cmpint (row->timeline[WFL_TIMELINE_ALLOCATION], ==, 1);

  row = row_by_id (chart, "c3/o3");
  g_assert_cmpuint (row->bars->len, ==, 2);
  assert_bar (row, 0, "s", WFL_GANTT_BAR_STOCK, 0, 2);
  g_assert_cmpstr (bar_at (row, 0)->note, ==, "Made at Store, started before the order was placed");
  assert_bar (row, 1, "p", WFL_GANTT_BAR_WORK, 2, 3);
  g_assert_cmpint (row->timeline[WFL_TIMELINE_STOCK], ==, 2);
  g_assert_cmpint (row->timeline[WFL_TIMELINE_WORK], ==, 1);

  layout = layout_with_key (chart);
  g_assert_true (legend_has (layout, "Waiting for allocation"));
  g_assert_true (legend_has (layout, "Made before the order"));
  /* Allocation and stock have their own colours: no stage key for them. */
  g_assert_false (legend_has (layout, "Hub"));
}

/* The category of the order's timeline a bar stands for. */
static WflTimelineCategory
bar_category (const WflGanttBar *bar)
{
  switch (bar->kind)
    {
    case WFL_GANTT_BAR_ALLOCATION: return WFL_TIMELINE_ALLOCATION;
    case WFL_GANTT_BAR_STOCK: return WFL_TIMELINE_STOCK;
    case WFL_GANTT_BAR_TRANSIT: return WFL_TIMELINE_TRANSIT;
    case WFL_GANTT_BAR_WAIT:
    case WFL_GANTT_BAR_QUEUE: return WFL_TIMELINE_WAIT;
    case WFL_GANTT_BAR_WORK:
    default: return WFL_TIMELINE_WORK;
    }
}

/* Material waiting at a process for the capacity of a pool: the wait is
 * named after the pool.  The pool (10 wafers a week, 0.1 a package) has
 * nothing to offer in weeks 2 and 3; in week 0 nv plans over weeks 0-1
 * (the dies' week in transit) with the pool's 10 + 10 wafers, so 200
 * dies arrive in week 1; nv starts 100 then, the other 100 wait for the
 * pool until week 4, when the order is filled.  The pool is not a stage
 * of the order. */
static void
test_orders_wait_for_pool (void)
{
  g_autoptr(WflScenario) s = new_scenario (10);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(WflGanttChart) chart = NULL;
  const WflGanttRow *row;
  WflNode *pool;

  pool = add_node (s, "cowos", WFL_NODE_KIND_POOL, -1, 0, 1);
  pool->name = g_strdup ("CoWoS capacity");
  pool->capacity = wfl_schedule_new ();
  wfl_schedule_add_point (pool->capacity, START, 10, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (pool->capacity, START + 14, 0, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (pool->capacity, START + 28, 10, WFL_INTERPOLATE_STEP);
  add_node (s, "dies", WFL_NODE_KIND_SUPPLY, -1, 0, 1);
  add_node (s, "nv", WFL_NODE_KIND_PROCESS, -1, 0, 1)->name = g_strdup ("Packaging");
  add_node (s, "a", WFL_NODE_KIND_CUSTOMER, -1, 0, 1);
  add_link (s, "cowos", "nv", 0.1);
  add_link (s, "dies", "nv", 1)->transit_weeks = 1;
  add_link (s, "nv", "a", 1);
  add_order (s, "a", "o", 200, 0, 5);
  sim = simulate (s);
  chart = wfl_gantt_chart_new_orders (sim, NULL, NULL);

  row = row_by_id (chart, "a/o");
  g_assert_cmpfloat (marker_week (row, WFL_GANTT_MARKER_FILLED), ==, 4);
  g_assert_cmpuint (row->bars->len, ==, 4);
  assert_bar (row, 0, "dies", WFL_GANTT_BAR_WORK, 0, 0);
  assert_bar (row, 1, "dies", WFL_GANTT_BAR_TRANSIT, 0, 1);
  assert_bar (row, 2, "nv", WFL_GANTT_BAR_WAIT, 1, 4);
  g_assert_cmpstr (bar_at (row, 2)->note, ==, "Waiting at Packaging for CoWoS capacity");
  assert_bar (row, 3, "nv", WFL_GANTT_BAR_WORK, 4, 4);
}

/* On random scenarios: bars in time order, never overlapping, none
 * before the placed marker; for a filled order they tile its timeline
 * from the placed to the filled week without gaps, and the bars of each
 * category add up to the engine's weeks in it. */
static void
test_orders_random_invariants (void)
{
  int seen_kinds[WFL_GANTT_N_BAR_KINDS] = { 0 };

  for (guint32 seed = 1; seed <= 12; seed++)
    {
      g_autoptr(WflScenario) s = random_scenario (seed, 4, 5, 2, 80);
      g_autoptr(WflSimulation) sim = simulate (s);
      g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_orders (sim, NULL, NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      int last_placed = G_MININT;

      g_assert_cmpuint (chart->rows->len, ==, wfl_simulation_get_n_orders (sim));

      for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
        {
          const WflOrderResult *order = wfl_simulation_get_order (sim, o);
          g_autofree char *id = wfl_gantt_orders_row_id (wfl_simulation_get_node_id (sim, order->customer), order->id);
          const WflGanttRow *row = row_by_id (chart, id);
          double placed = marker_week (row, WFL_GANTT_MARKER_PLACED);
          double weeks[WFL_N_TIMELINE] = { 0 };

          g_hash_table_add (seen, (gpointer) row->id);
          g_assert_cmpfloat (row->quantity, ==, order->quantity);
          for (guint i = 0; i < row->bars->len; i++)
            {
              /* No bar before the order was placed. */
              g_assert_cmpfloat (bar_at (row, i)->start, >=, placed);
              if (i > 0)
                g_assert_cmpfloat (bar_at (row, i)->start, >=, bar_at (row, i - 1)->end);
            }

          if (order->n_stages == 0)
            continue;

          for (guint i = 0; i < row->bars->len; i++)
            {
              const WflGanttBar *bar = bar_at (row, i);

              seen_kinds[bar->kind]++;
              g_assert_cmpfloat (bar->start, ==, i > 0 ? bar_at (row, i - 1)->end : placed);
              if (bar->kind != WFL_GANTT_BAR_WORK)
                g_assert_nonnull (bar->note);
              weeks[bar_category (bar)] += bar->end - bar->start;
            }
          for (int c = 0; c < WFL_N_TIMELINE; c++)
            {
              g_assert_cmpfloat (weeks[c], ==, order->timeline_weeks[c]);
              g_assert_cmpint (row->timeline[c], ==, order->timeline_weeks[c]);
            }
          if (row->bars->len > 0)
            g_assert_cmpfloat (bar_at (row, row->bars->len - 1)->end, ==, order->filled_week);
        }
      g_assert_cmpuint (g_hash_table_size (seen), ==, chart->rows->len);

      /* Rows in blocks by customer, each in placed order. */
      for (guint r = 0; r < chart->rows->len; r++)
        {
          const WflGanttRow *row = g_ptr_array_index (chart->rows, r);
          double placed = marker_week (row, WFL_GANTT_MARKER_PLACED);

          if (r > 0 && g_strcmp0 (row->group, ((WflGanttRow *) g_ptr_array_index (chart->rows, r - 1))->group) != 0)
            {
              /* A customer's block is never resumed. */
              for (guint k = 0; k + 1 < r; k++)
                g_assert_cmpstr (((WflGanttRow *) g_ptr_array_index (chart->rows, k))->group, !=, row->group);
              last_placed = G_MININT;
            }
          g_assert_cmpfloat (placed, >=, last_placed);
          last_placed = (int) placed;
        }
    }

  /* Every kind of bar was drawn. */
  for (int k = 0; k < WFL_GANTT_N_BAR_KINDS; k++)
    {
      g_test_message ("%s: %d bars", wfl_gantt_bar_kind_to_string (k), seen_kinds[k]);
      g_assert_cmpint (seen_kinds[k], >, 0);
    }
}

/* An order's label drops its customer's id in front of it, only when a
 * separator follows and something is left. */
static void
test_orders_labels (void)
{
  g_autoptr(WflScenario) s = queue_scenario ();
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(WflGanttChart) chart = NULL;

  add_order (s, "early", "early-2023-01-02", 0, 1, -1);
  add_order (s, "early", "early_q3", 0, 2, -1);
  add_order (s, "early", "earlybird", 0, 3, -1);
  add_order (s, "early", "early-", 0, 4, -1);
  sim = simulate (s);
  chart = wfl_gantt_chart_new_orders (sim, "early", NULL);

  g_assert_cmpstr (row_by_id (chart, "early/early-2023-01-02")->label, ==, "2023-01-02");
  g_assert_cmpstr (row_by_id (chart, "early/early_q3")->label, ==, "q3");
  g_assert_cmpstr (row_by_id (chart, "early/earlybird")->label, ==, "earlybird");
  g_assert_cmpstr (row_by_id (chart, "early/early-")->label, ==, "early-");
  g_assert_cmpstr (row_by_id (chart, "early/e1")->label, ==, "e1");
  /* The customer is the group, once for the whole block. */
  for (guint r = 0; r < chart->rows->len; r++)
    g_assert_cmpstr (((WflGanttRow *) g_ptr_array_index (chart->rows, r))->group, ==, "early");
}

static void
test_orders_row_id (void)
{
  g_autofree char *id = wfl_gantt_orders_row_id ("meta", "meta-2023q3");
  g_autofree char *customer = NULL;
  g_autofree char *order = NULL;

  g_assert_cmpstr (id, ==, "meta/meta-2023q3");
  g_assert_true (wfl_gantt_orders_row_id_parse (id, &customer, &order));
  g_assert_cmpstr (customer, ==, "meta");
  g_assert_cmpstr (order, ==, "meta-2023q3");
  g_assert_false (wfl_gantt_orders_row_id_parse ("meta", NULL, NULL));
  g_assert_false (wfl_gantt_orders_row_id_parse ("/x", NULL, NULL));
  g_assert_false (wfl_gantt_orders_row_id_parse ("x/", NULL, NULL));
}

/* Grouped by customer: a header before each customer's orders with
 * their count, total, late orders and span; collapsed, the header alone;
 * every order under its own customer's header. */
static void
test_orders_groups (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) s = wfl_scenario_new_builtin (&error);
  g_autoptr(WflSimulation) sim = simulate (s);
  g_autoptr(WflGanttChart) plain = wfl_gantt_chart_new_orders (sim, NULL, &error);
  g_autoptr(WflGanttChart) chart = wfl_gantt_chart_new_orders (sim, NULL, &error);
  g_autoptr(WflGanttChart) shut = wfl_gantt_chart_new_orders (sim, NULL, &error);
  g_autoptr(GHashTable) group_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) collapsed = g_hash_table_new (g_str_hash, g_str_equal);
  const WflGanttRow *header = NULL, *first;
  guint n_headers = 0, n_orders = 0, n_shut = 0;

  g_assert_no_error (error);
  g_assert_false (wfl_gantt_chart_has_products (plain));
  for (guint r = 0; r < plain->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (plain->rows, r);

      g_hash_table_insert (group_of, row->id, row->group);
    }
  /* By slip or filtered, a customer's orders may be apart: grouping
   * brings them together. */
  g_ptr_array_add (chart->rows, g_ptr_array_steal_index (chart->rows, 0));
  wfl_gantt_chart_group_rows (chart, WFL_GANTT_GROUP_CUSTOMER, NULL);
  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);

      if (row->header)
        {
          double quantity = 0, first_week = INFINITY, last_week = -INFINITY;
          guint n = 0, late = 0;

          /* The header's figures are its orders'. */
          for (guint k = 0; k < plain->rows->len; k++)
            {
              const WflGanttRow *o = g_ptr_array_index (plain->rows, k);

              if (g_strcmp0 (o->group, row->label) != 0)
                continue;
              n++;
              late += o->late;
              quantity += o->quantity;
              for (guint i = 0; i < o->markers->len; i++)
                {
                  first_week = MIN (first_week, g_array_index (o->markers, WflGanttMarker, i).week);
                  last_week = MAX (last_week, g_array_index (o->markers, WflGanttMarker, i).week);
                }
            }
          g_assert_cmpuint (row->n_members, ==, n);
          g_assert_cmpuint (row->n_late, ==, late);
          g_assert_cmpfloat (row->quantity, ==, quantity);
          g_assert_cmpfloat (row->span[0], <=, first_week);
          g_assert_cmpfloat (row->span[1], >=, last_week);
          g_assert_false (row->collapsed);
          g_assert_nonnull (row->summary);
          g_assert_true (g_str_has_prefix (row->id, "#group/"));
          g_assert_cmpstr (wfl_gantt_row_group_key (row), ==, row->label);
          header = row;
          n_headers++;
          continue;
        }
      /* An order, under its customer's header. */
      g_assert_nonnull (header);
      g_assert_cmpstr (g_hash_table_lookup (group_of, row->id), ==, header->label);
      g_assert_cmpstr (row->group, ==, header->label);
      g_assert_null (wfl_gantt_row_group_key (row));
      n_orders++;
    }
  g_assert_cmpuint (n_orders, ==, plain->rows->len);
  {
    g_autoptr(GHashTable) customers = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint k = 0; k < plain->rows->len; k++)
      g_hash_table_add (customers, ((WflGanttRow *) g_ptr_array_index (plain->rows, k))->group);
    g_assert_cmpuint (n_headers, ==, g_hash_table_size (customers));
    g_assert_cmpuint (n_headers, >, 5);
  }

  /* The first customer collapsed: its header stays, its orders go. */
  first = g_ptr_array_index (plain->rows, 0);
  g_hash_table_add (collapsed, first->group);
  wfl_gantt_chart_group_rows (shut, WFL_GANTT_GROUP_CUSTOMER, collapsed);
  header = g_ptr_array_index (shut->rows, 0);
  g_assert_true (header->header);
  g_assert_true (header->collapsed);
  g_assert_cmpstr (header->label, ==, first->group);
  g_assert_true (((WflGanttRow *) g_ptr_array_index (shut->rows, 1))->header);
  for (guint k = 0; k < plain->rows->len; k++)
    n_shut += g_strcmp0 (((WflGanttRow *) g_ptr_array_index (plain->rows, k))->group, first->group) == 0;
  g_assert_cmpuint (header->n_members, ==, n_shut);
  g_assert_cmpuint (shut->rows->len, ==, chart->rows->len - n_shut);
}

/* Grouped by product: a header per product the orders name, and one for
 * the orders of any product. */
static void
test_orders_groups_products (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-demand.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_load_file (file, NULL, NULL, &error);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(WflGanttChart) chart = NULL;
  g_autoptr(GString) headers = g_string_new (NULL);

  g_assert_no_error (error);
  sim = simulate (scenario);
  chart = wfl_gantt_chart_new_orders (sim, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_gantt_chart_has_products (chart));
  g_assert_cmpstr (row_by_id (chart, "cloud/q1")->product, ==, "H100 SXM");
  g_assert_cmpstr (row_by_id (chart, "china/c1")->product, ==, "H20");
  wfl_gantt_chart_group_rows (chart, WFL_GANTT_GROUP_PRODUCT, NULL);
  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);

      if (row->header)
        g_string_append_printf (headers, "%s (%u) ", row->label, row->n_members);
    }
  /* In the order of their first order: cloud's first; each order says
   * whose it is. */
  g_assert_true (g_str_has_prefix (headers->str, "H100 SXM (2) H20 (1)"));
  g_assert_true (g_str_has_prefix (row_by_id (chart, "china/c1")->label, "china · "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/render/gantt-orders/queue-and-transit", test_orders_queue_and_transit);
  g_test_add_func ("/wfl/render/gantt-orders/rows-and-unfilled", test_orders_rows_and_unfilled);
  g_test_add_func ("/wfl/render/gantt-orders/customer-filter", test_orders_customer_filter);
  g_test_add_func ("/wfl/render/gantt-orders/not-run", test_orders_not_run);
  g_test_add_func ("/wfl/render/gantt-orders/from-stock", test_orders_from_stock);
  g_test_add_func ("/wfl/render/gantt-orders/allocation-and-made-before", test_orders_allocation_and_made_before);
  g_test_add_func ("/wfl/render/gantt-orders/wait-for-pool", test_orders_wait_for_pool);
  g_test_add_func ("/wfl/render/gantt-orders/random-invariants", test_orders_random_invariants);
  g_test_add_func ("/wfl/render/gantt-orders/labels", test_orders_labels);
  g_test_add_func ("/wfl/render/gantt-orders/row-id", test_orders_row_id);
  g_test_add_func ("/wfl/render/gantt-orders/groups", test_orders_groups);
  g_test_add_func ("/wfl/render/gantt-orders/groups-products", test_orders_groups_products);

  return g_test_run ();
}
