/* test-figures-series.c: the Figures view's time series follow the selection
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In a window on the built-in scenario: selecting a node shows its
 * capacity, starts and stock (the simulation's own series); Ctrl+Shift+T
 * with a customer selected shows the Figures page's quoted lead time,
 * made in a thread, equal to the model's quote; the keyboard moves the
 * week the chart reads out; an edit drops the quote and makes it again
 * for the new results; the page's export writes the file the command
 * line's --export --chart timeseries|lead-time writes.
 */

#include "config.h"

#include <math.h>

#include "wfl-cli-private.h"
#include "wfl-figures-view-private.h"
#include "wfl-resources.h"
#include "wfl-test-temp.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

static gboolean
results_ready (gpointer data)
{
  return wfl_document_get_results (wfl_window_get_document (data)) != NULL;
}

static WflFiguresView *
find_view (GtkWidget *widget)
{
  return (WflFiguresView *) wfl_test_find_widget (widget, WFL_TYPE_FIGURES_VIEW);
}

typedef struct
{
  WflFiguresSeries *series;
  WflDocument      *document;
  WflSimulation    *before;
} Waiting;

static gboolean
lead_time_shown (gpointer data)
{
  Waiting *w = data;
  const WflTimeSeries *s = wfl_timeseries_view_get_series (wfl_figures_series_get_view (w->series));

  return !wfl_figures_series_is_busy (w->series) && s != NULL && s->kind == WFL_TIMESERIES_LEAD_TIME &&
         wfl_document_get_results (w->document) != NULL && wfl_document_get_results (w->document) != w->before;
}

static gboolean
scale_capacity_edit (WflScenario  *scenario,
                     gpointer      user_data,
                     GError      **error)
{
  WflNode *node = wfl_scenario_find_node (scenario, "cowos-tsmc");

  for (guint p = 0; p < wfl_schedule_get_n_points (node->capacity); p++)
    wfl_schedule_get_point (node->capacity, p)->value *= 2;
  return TRUE;
}

/* The series equals quotes made by the model from the document's
 * scenario, for weeks across the calendar (each week's quote alone: a
 * whole quote is slow under the sanitizers). */
static void
check_quote (WflDocument         *document,
             const WflTimeSeries *s)
{
  const WflTimeSeriesLine *quoted = s->lines->pdata[0];
  const int weeks[] = { 0, 13, 52, 100, s->n_weeks - 1 };

  g_assert_cmpstr (quoted->key, ==, "quoted");
  for (guint i = 0; i < G_N_ELEMENTS (weeks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WflLeadTimeQuote) quote = wfl_lead_time_quote_new (wfl_document_get_scenario (document), "meta",
                                                                   weeks[i], weeks[i], NULL, &error);
      int lead = wfl_lead_time_quote_get (quote, weeks[i]);

      g_assert_no_error (error);
      if (lead < 0)
        g_assert_true (isnan (quoted->values[weeks[i]]));
      else
        g_assert_cmpfloat (quoted->values[weeks[i]], ==, lead);
    }
}

/* A quote of the whole calendar takes many seconds under the sanitizers:
 * wait longer than wfl_test_wait_until() does. */
static void
wait_long (gboolean (*condition) (gpointer),
           gpointer  data)
{
  gint64 end = g_get_monotonic_time () + (gint64) (120 * wfl_test_time_scale () * G_USEC_PER_SEC);

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The page's JSON export and the command line's are the same bytes. */
static void
check_export (WflFiguresSeries *series,
              const char       *chart,
              const char       *customer,
              const char       *node)
{
  g_autofree char *window_path = wfl_test_temp_path ("window-series.json");
  g_autofree char *cli_path = wfl_test_temp_path ("cli-series.json");
  g_autoptr(GFile) file = g_file_new_for_path (window_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL;
  WflCliOptions options = { 0 };

  g_assert_true (wfl_figures_series_export (series, file, &error));
  g_assert_no_error (error);
  options.export_path = cli_path;
  options.chart = (char *) chart;
  options.customer = (char *) customer;
  options.node = (char *) node;
  g_assert_cmpint (wfl_cli_export (&options), ==, 0);
  g_assert_true (g_file_get_contents (window_path, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (cli_path, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);
}

static void
test_series (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  WflFiguresView *view;
  WflFiguresSeries *series;
  WflTimeSeriesView *chart;
  const WflTimeSeries *s;
  WflSimulation *results;
  g_autofree double *starts = NULL;
  Waiting waiting;
  int node;

  wfl_test_wait_until (results_ready, window);
  view = find_view (GTK_WIDGET (window));
  g_assert_nonnull (view);
  series = _wfl_figures_view_get_series (view);
  chart = wfl_figures_series_get_view (series);
  results = wfl_document_get_results (document);

  /* Selecting a node (as a click in the Sankey does) shows its series. */
  wfl_document_select_node (document, "cowos-tsmc");
  s = wfl_timeseries_view_get_series (chart);
  g_assert_nonnull (s);
  g_assert_cmpint (s->kind, ==, WFL_TIMESERIES_NODE);
  g_assert_cmpstr (s->id, ==, "cowos-tsmc");
  node = wfl_simulation_find_node (results, "cowos-tsmc");
  starts = g_new (double, wfl_simulation_get_n_weeks (results));
  wfl_simulation_get_node_series (results, (guint) node, WFL_SERIES_STARTS, starts);
  for (int w = 0; w < s->n_weeks; w++)
    g_assert_cmpfloat (((WflTimeSeriesLine *) s->lines->pdata[1])->values[w], ==, starts[w]);
  check_export (series, "timeseries", NULL, "cowos-tsmc");

  /* A customer: ordered and received. */
  wfl_document_select_node (document, "meta");
  s = wfl_timeseries_view_get_series (chart);
  g_assert_cmpint (s->kind, ==, WFL_TIMESERIES_CUSTOMER);
  g_assert_cmpstr (s->id, ==, "meta");

  /* Ctrl+Shift+T: the Figures page, the quoted lead time of the
   * selected customer, focused. */
  g_assert_true (wfl_test_press_key (GTK_WIDGET (window), GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "figures");
  waiting = (Waiting) { series, document, NULL };
  wait_long (lead_time_shown, &waiting);
  s = wfl_timeseries_view_get_series (chart);
  g_assert_cmpstr (s->id, ==, "meta");
  check_quote (document, s);
  check_export (series, "lead-time", "meta", NULL);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)));

  /* The keyboard reads the chart week by week. */
  g_assert_cmpint (wfl_timeseries_view_get_hover_week (chart), ==, -1);
  g_assert_true (wfl_test_press_key (GTK_WIDGET (chart), GDK_KEY_Right, 0));
  g_assert_cmpint (wfl_timeseries_view_get_hover_week (chart), ==, s->from_week);
  g_assert_true (wfl_test_press_key (GTK_WIDGET (chart), GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_cmpint (wfl_timeseries_view_get_hover_week (chart), ==, s->from_week + 4);
  g_assert_true (wfl_test_press_key (GTK_WIDGET (chart), GDK_KEY_End, 0));
  g_assert_cmpint (wfl_timeseries_view_get_hover_week (chart), ==, s->to_week);

  /* An edit: new results, a new quote of them. */
  g_assert_true (wfl_document_edit (document, "Double CoWoS", NULL, scale_capacity_edit, NULL, NULL));
  waiting.before = results;
  wait_long (lead_time_shown, &waiting);
  check_quote (document, wfl_timeseries_view_get_series (chart));

  wfl_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/figures-series/follow-quote-keyboard", test_series);

  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
