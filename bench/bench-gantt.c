/* bench-gantt.c: how fast the orders Gantt is built, laid out, scrolled
 * and painted
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GPU chain (wafers, HBM, CoWoS, test, servers) with 8 customers of
 * 250 orders each (2,000 orders over 10 years).  Prints, one a line,
 * medians:
 *   gantt-orders-chart-2000: N ms       wfl_gantt_chart_new_orders ()
 *   gantt-orders-layout-2000: N ms      wfl_gantt_layout_new () with Pango measuring
 *   gantt-orders-scroll-2000: N us      wfl_gantt_layout_set_scroll ()
 *   gantt-orders-paint-1600x1000: N ms  one frame of wfl_gantt_render () (image surface)
 */

#include "config.h"

#include <stdlib.h>

#include "wfl-gantt-layout.h"
#include "wfl-gantt-render.h"

#define N_CUSTOMERS 8
#define ORDERS_EACH 250

static void
add_node (WflScenario *s,
          const char  *id,
          WflNodeKind  kind,
          double       capacity,
          int          lead)
{
  WflNode *node = wfl_node_new (id, kind);

  node->name = g_strdup (id);
  if (capacity > 0)
    node->capacity = wfl_schedule_new_constant (capacity);
  node->lead_weeks = lead;
  wfl_scenario_add_node (s, node);
}

static void
add_link (WflScenario *s,
          const char  *from,
          const char  *to,
          int          transit,
          double       per_unit)
{
  WflLink *link = wfl_link_new (from, to);

  link->transit_weeks = transit;
  link->per_unit = per_unit;
  wfl_scenario_add_link (s, link);
}

static WflScenario *
gpu_chain (void)
{
  WflScenario *s = wfl_scenario_new ();
  WflDate start = wfl_date_from_ymd (2023, 1, 2);

  wfl_scenario_set_calendar (s, start, 520);
  add_node (s, "wafer", WFL_NODE_KIND_SUPPLY, 400, 13);
  add_node (s, "hbm", WFL_NODE_KIND_SUPPLY, 2000, 16);
  add_node (s, "cowos", WFL_NODE_KIND_PROCESS, 75, 6);
  add_node (s, "test", WFL_NODE_KIND_PROCESS, 0, 2);
  add_node (s, "server", WFL_NODE_KIND_PROCESS, 0, 4);
  add_link (s, "wafer", "cowos", 1, 1);
  add_link (s, "hbm", "cowos", 2, 5);
  add_link (s, "cowos", "test", 0, 1);
  add_link (s, "test", "server", 1, 1);
  for (int c = 0; c < N_CUSTOMERS; c++)
    {
      g_autofree char *id = g_strdup_printf ("customer-%d", c);
      WflNode *node;

      add_node (s, id, WFL_NODE_KIND_CUSTOMER, 0, 0);
      add_link (s, "server", id, 2, 1);
      node = wfl_scenario_find_node (s, id);
      for (int o = 0; o < ORDERS_EACH; o++)
        {
          g_autofree char *order_id = g_strdup_printf ("%s-%03d", id, o);
          WflOrder *order = wfl_order_new (order_id, 5 + (o * 7 + c) % 5, start + 7 * (o * 2 + c % 2));

          order->due = order->placed + 7 * 30;
          g_ptr_array_add (node->orders, order);
        }
    }
  return s;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WflScenario) scenario = gpu_chain ();
  g_autoptr(WflSimulation) sim = wfl_simulation_new (scenario, NULL);
  g_autoptr(WflGanttChart) chart = NULL;
  g_autoptr(WflGanttTextMeasurer) measurer = NULL;
  WflGanttLayoutOptions options;
  WflChartStyle style;
  cairo_surface_t *surface;
  double t[21];
  int n = G_N_ELEMENTS (t);

  g_assert_nonnull (sim);
  g_assert_true (wfl_simulation_run (sim, NULL, NULL));

  for (int i = 0; i < n; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      g_clear_pointer (&chart, wfl_gantt_chart_unref);
      chart = wfl_gantt_chart_new_orders (sim, NULL, NULL);
      t[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  g_assert_cmpuint (chart->rows->len, ==, N_CUSTOMERS * ORDERS_EACH);
  g_print ("gantt-orders-chart-%u: %.2f ms\n", chart->rows->len, median (t, n));

  wfl_chart_style_init_light (&style);
  measurer = wfl_gantt_text_measurer_new (&style);
  wfl_gantt_layout_options_init (&options);
  options.width = 1600;
  options.height = 1000;
  options.fit = FALSE;
  options.zoom = WFL_ZOOM_MONTH;
  options.legend = TRUE;
  options.measure = wfl_gantt_text_measure;
  options.measure_data = measurer;

  for (int i = 0; i < n; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      WflGanttLayout *layout = wfl_gantt_layout_new (chart, &options);

      t[i] = (g_get_monotonic_time () - t0) / 1000.0;
      wfl_gantt_layout_free (layout);
    }
  g_print ("gantt-orders-layout-%u: %.2f ms\n", chart->rows->len, median (t, n));

  {
    g_autoptr(WflGanttLayout) layout = wfl_gantt_layout_new (chart, &options);
    cairo_t *cr;

    for (int i = 0; i < n; i++)
      {
        gint64 t0 = g_get_monotonic_time ();

        for (int k = 0; k < 100; k++)
          wfl_gantt_layout_set_scroll (layout, (i * 100 + k) * 3.0, (i * 100 + k) * 17.0);
        t[i] = (g_get_monotonic_time () - t0) / 100.0;
      }
    g_print ("gantt-orders-scroll-%u: %.1f us\n", chart->rows->len, median (t, n));

    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1000);
    cr = cairo_create (surface);
    wfl_gantt_layout_set_scroll (layout, 200, 20000);
    for (int i = 0; i < n; i++)
      {
        gint64 t0 = g_get_monotonic_time ();

        wfl_gantt_render (layout, cr, &style, NULL);
        cairo_surface_flush (surface);
        t[i] = (g_get_monotonic_time () - t0) / 1000.0;
      }
    g_print ("gantt-orders-paint-1600x1000: %.2f ms\n", median (t, n));
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  wfl_chart_style_clear (&style);
  return 0;
}
