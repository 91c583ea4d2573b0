/* test-experiments.c: the Experiments page starts, cancels and finishes
 * experiments, and the charts show their results
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In a window on the uncertainty fixture (tests/data/valid-uncertainty.
 * waferline): a Monte Carlo run from the page equals the engine's on the
 * same scenario, seed and window, its progress ends at every sample, its
 * whiskers reach the Gantt (and the window's Gantt export, the file of
 * --monte-carlo --chart gantt) and its fan chart exports the bytes the
 * command line writes; a long run is cancelled by Escape and leaves the
 * results as they were; an edit marks the results stale and takes the
 * whiskers off the Gantt; knock-outs mark the worst node in the Sankey
 * (outline, tooltip, accessible description) and the window's Sankey
 * export (the file of --knockout --chart sankey); a sweep fills its table
 * with the engine's figures; a mistyped date is refused with a message.
 * While the first run goes on, its progress is where the placeholder
 * was; the criticality and lead time charts export as the command line
 * writes them; the settings are saved in <experiments>, with undo.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-cli-private.h"
#include "wfl-experiments-view-private.h"
#include "wfl-export-dialog.h"
#include "wfl-format.h"
#include "wfl-resources.h"
#include "wfl-sankey-view-private.h"
#include "wfl-test-temp.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

static char *
fixture_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "valid-uncertainty.waferline", NULL);
}

static gboolean
results_ready (gpointer data)
{
  return wfl_document_get_results (wfl_window_get_document (data)) != NULL &&
         !wfl_document_get_busy (wfl_window_get_document (data));
}

static gboolean
not_running (gpointer data)
{
  return !wfl_experiments_view_is_running (data);
}

static gboolean
progress_shown (gpointer data)
{
  return _wfl_experiments_view_get_progress (data, NULL) > 0;
}

/* A long run waits longer than wfl_test_wait_until() does. */
static void
wait_done (WflExperimentsView *view)
{
  gint64 end = g_get_monotonic_time () + (gint64) (120 * wfl_test_time_scale () * G_USEC_PER_SEC);

  while (wfl_experiments_view_is_running (view))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

static WflWindow *
open_fixture (void)
{
  WflWindow *window = wfl_test_new_window ();
  g_autofree char *path = fixture_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (wfl_document_load (wfl_window_get_document (window), file, NULL, &error));
  g_assert_no_error (error);
  wfl_test_wait_until (results_ready, window);
  return window;
}

static void
engine_options (WflDocument          *document,
                WflExperimentOptions *options)
{
  wfl_experiment_options_init (options);
  wfl_document_get_sankey_window (document, &options->from_week, &options->to_week);
}

static gboolean
scale_wafers (WflScenario  *scenario,
              gpointer      user_data,
              GError      **error)
{
  WflNode *node = wfl_scenario_find_node (scenario, "wafers");

  for (guint p = 0; p < wfl_schedule_get_n_points (node->capacity); p++)
    wfl_schedule_get_point (node->capacity, p)->value *= 1.5;
  return TRUE;
}

/* The page's Monte Carlo is the engine's, the Gantt gets its whiskers,
 * and the fans export as the command line writes them. */
static void
check_monte_carlo (WflWindow *window)
{
  WflDocument *document = wfl_window_get_document (window);
  WflExperimentsView *view = window->experiments;
  g_autoptr(WflMonteCarlo) direct = NULL;
  g_autoptr(GError) error = NULL;
  WflExperimentOptions options;
  WflMonteCarlo *mc;
  WflGanttChart *gantt;
  const char *text;
  int a[3], b[3];

  _wfl_experiments_view_set_monte_carlo (view, 200, 42);
  g_assert_cmpstr (_wfl_experiments_view_get_results_page (view), ==, "empty");
  wfl_experiments_view_run (view);
  g_assert_true (wfl_experiments_view_is_running (view));
  /* The first run: its progress where the placeholder was. */
  g_assert_cmpstr (_wfl_experiments_view_get_results_page (view), ==, "running");
  g_assert_false (gtk_widget_get_child_visible (gtk_stack_get_child_by_name (view->results, "empty")));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (view->running_page)), ==, "Monte Carlo Running");
  g_assert_true (g_str_has_suffix (adw_status_page_get_description (ADW_STATUS_PAGE (view->running_page)),
                                   " of 200 samples"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (_wfl_experiments_view_get_cancel_button (view))));
  g_assert_false (gtk_widget_is_sensitive (_wfl_experiments_view_get_run_button (view)));
  wait_done (view);
  g_assert_true (gtk_widget_is_sensitive (_wfl_experiments_view_get_run_button (view)));
  g_assert_cmpfloat (_wfl_experiments_view_get_progress (view, &text), ==, 1);
  g_assert_cmpstr (text, ==, "200 of 200 samples");
  g_assert_cmpstr (_wfl_experiments_view_get_results_page (view), ==, "chart");
  mc = wfl_experiments_view_get_monte_carlo (view);
  g_assert_nonnull (mc);
  g_assert_false (wfl_experiments_view_is_stale (view));
  g_assert_cmpuint (wfl_monte_carlo_get_n_samples (mc), ==, 200);
  g_assert_nonnull (strstr (_wfl_experiments_view_get_summary (view), "200 samples from seed 42"));

  engine_options (document, &options);
  direct = wfl_monte_carlo_run (wfl_document_get_scenario (document), 200, 42, &options, NULL, &error);
  g_assert_no_error (error);
  wfl_monte_carlo_get_order_weeks (mc, 0, &a[0], &a[1], &a[2]);
  wfl_monte_carlo_get_order_weeks (direct, 0, &b[0], &b[1], &b[2]);
  for (int k = 0; k < 3; k++)
    g_assert_cmpint (a[k], ==, b[k]);
  g_assert_cmpint (a[0], <, a[2]);   /* the fixture's figures vary */
  for (guint q = 0; q < wfl_simulation_get_n_quarters (wfl_monte_carlo_get_simulation (mc)); q++)
    {
      double x[4], y[4];

      wfl_monte_carlo_get_fan (mc, 2, q, &x[0], &x[1], &x[2], &x[3]);
      wfl_monte_carlo_get_fan (direct, 2, q, &y[0], &y[1], &y[2], &y[3]);
      for (int k = 0; k < 4; k++)
        g_assert_cmpfloat (x[k], ==, y[k]);
    }

  /* The whiskers on the Gantt view: the order's P10, P50, P90. */
  g_assert_true (wfl_gantt_view_has_whiskers (window->gantt_view));
  wfl_window_show_view (window, WFL_CHART_GANTT);
  wfl_test_iterate ();
  gantt = wfl_gantt_view_get_chart (window->gantt_view);
  g_assert_nonnull (gantt);
  for (int k = 0; k < 3; k++)
    g_assert_cmpfloat (((WflGanttRow *) g_ptr_array_index (gantt->rows, 0))->whisker[k], ==, a[k]);

  /* The chart says its figures to a screen reader. */
  {
    g_autofree char *description = _wfl_experiments_view_describe_chart (view);

    g_assert_nonnull (strstr (description, "Customer: P10"));
  }
}

/* Each of a Monte Carlo's charts (the fans, the criticality, the lead
 * time histogram) exports the bytes the command line writes; the three
 * differ. */
static void
check_export (WflExperimentsView *view)
{
  const char *charts[] = { NULL, "criticality", "lead-times" };
  g_autofree char *previous = NULL;
  gsize n_previous = 0;

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autofree char *window_name = g_strdup_printf ("window-mc-%u.png", i);
      g_autofree char *cli_name = g_strdup_printf ("cli-mc-%u.png", i);
      g_autofree char *window_path = wfl_test_temp_path (window_name);
      g_autofree char *cli_path = wfl_test_temp_path (cli_name);
      g_autofree char *file_path = fixture_path ();
      g_autoptr(GFile) file = g_file_new_for_path (window_path);
      g_autoptr(GError) error = NULL;
      g_autofree char *a = NULL, *b = NULL;
      gsize na, nb;
      WflCliOptions options = { 0 };

      _wfl_experiments_view_set_mc_chart (view, i);
      g_assert_true (wfl_experiments_view_export (view, file, &error));
      g_assert_no_error (error);
      options.export_path = cli_path;
      options.monte_carlo = (char *) "200";
      options.seed = (char *) "42";
      options.chart = (char *) charts[i];
      options.file = file_path;
      g_assert_cmpint (wfl_cli_experiment (&options), ==, 0);
      g_assert_true (g_file_get_contents (window_path, &a, &na, NULL));
      g_assert_true (g_file_get_contents (cli_path, &b, &nb, NULL));
      g_assert_cmpuint (na, ==, nb);
      g_assert_true (memcmp (a, b, na) == 0);
      g_assert_false (previous != NULL && n_previous == na && memcmp (previous, a, na) == 0);
      g_free (previous);
      previous = g_steal_pointer (&a);
      n_previous = na;
    }
  {
    g_autofree char *description = _wfl_experiments_view_describe_chart (view);

    g_assert_nonnull (strstr (description, "Order lead time over every order and sample: P10 "));
  }
  _wfl_experiments_view_set_mc_chart (view, WFL_MC_CHART_FANS);

  /* What an export says in the window: the file's name, or the error. */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));
    g_autofree char *path = wfl_test_temp_path ("toast.png");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, "The disk is full.");

    g_assert_true (WFL_IS_WINDOW (root));
    wfl_export_toast (GTK_WIDGET (view), file, NULL);
    g_assert_cmpstr (_wfl_window_get_last_toast (WFL_WINDOW (root)), ==, "Exported “toast.png”");
    wfl_export_toast (GTK_WIDGET (view), file, error);
    g_assert_cmpstr (_wfl_window_get_last_toast (WFL_WINDOW (root)), ==, "The disk is full.");
  }
}

/* The window's Gantt export carries the whiskers: the file the command
 * line writes with --monte-carlo --chart gantt. */
static void
check_gantt_export (WflWindow *window)
{
  g_autofree char *window_path = wfl_test_temp_path ("window-whiskers.png");
  g_autofree char *cli_path = wfl_test_temp_path ("cli-whiskers.png");
  g_autofree char *plain_path = wfl_test_temp_path ("cli-plain.png");
  g_autofree char *file_path = fixture_path ();
  g_autoptr(GFile) file = g_file_new_for_path (window_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  gsize na, nb, nc;
  WflCliOptions options = { 0 };

  g_assert_true (wfl_window_export_chart (window, WFL_CHART_GANTT, WFL_EXPORT_FORMAT_PNG, file, 1200, 300, 1,
                                          &error));
  g_assert_no_error (error);
  options.export_path = cli_path;
  options.monte_carlo = (char *) "200";
  options.seed = (char *) "42";
  options.chart = (char *) "gantt";
  options.height = 300;
  options.file = file_path;
  g_assert_cmpint (wfl_cli_experiment (&options), ==, 0);
  /* Without the experiment: another picture. */
  options.export_path = plain_path;
  options.monte_carlo = NULL;
  options.seed = NULL;
  options.width = 1200;
  g_assert_cmpint (wfl_cli_export (&options), ==, 0);
  g_assert_true (g_file_get_contents (window_path, &a, &na, NULL));
  g_assert_true (g_file_get_contents (cli_path, &b, &nb, NULL));
  g_assert_true (g_file_get_contents (plain_path, &c, &nc, NULL));
  g_assert_cmpuint (na, ==, nb);
  g_assert_true (memcmp (a, b, na) == 0);
  g_assert_false (na == nc && memcmp (a, c, na) == 0);
}

/* Escape cancels a long run; the results stay as they were. */
static void
check_cancel (WflExperimentsView *view)
{
  WflMonteCarlo *before = wfl_experiments_view_get_monte_carlo (view);

  _wfl_experiments_view_set_monte_carlo (view, 1000000, 7);
  wfl_experiments_view_run (view);
  wfl_test_wait_until (progress_shown, view);
  g_assert_true (wfl_experiments_view_is_running (view));
  /* A run after results: they stay in view until the new ones come. */
  g_assert_cmpstr (_wfl_experiments_view_get_results_page (view), ==, "chart");
  g_assert_true (wfl_test_press_key (GTK_WIDGET (view), GDK_KEY_Escape, 0));
  wfl_test_wait_until (not_running, view);
  g_assert_true (g_str_has_prefix (_wfl_experiments_view_get_summary (view), "Cancelled after "));
  g_assert_true (wfl_experiments_view_get_monte_carlo (view) == before);
  g_assert_false (wfl_experiments_view_is_stale (view));
}

/* An edit: the results are stale, the whiskers leave the Gantt. */
static void
check_stale (WflWindow *window)
{
  WflDocument *document = wfl_window_get_document (window);
  WflExperimentsView *view = window->experiments;

  g_assert_false (_wfl_experiments_view_stale_shown (view));
  g_assert_true (wfl_document_edit (document, "More wafers", NULL, scale_wafers, NULL, NULL));
  g_assert_true (wfl_experiments_view_is_stale (view));
  g_assert_true (_wfl_experiments_view_stale_shown (view));
  g_assert_false (wfl_gantt_view_has_whiskers (window->gantt_view));
  wfl_test_wait_until (results_ready, window);
  wfl_document_undo (document);
  wfl_test_wait_until (results_ready, window);
  /* Undoing does not make them fresh again: they stay marked. */
  g_assert_true (wfl_experiments_view_is_stale (view));
}

static gboolean
sankey_laid_out (gpointer data)
{
  return _wfl_sankey_view_get_layout (data) != NULL && !_wfl_sankey_view_is_busy (data);
}

/* Pixels of the colour in a PNG file. */
static guint
count_colour (const char    *path,
              const WflRgba *c)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  guint8 *data;
  int stride;
  guint n = 0;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 px = *(guint32 *) (gpointer) (data + y * stride + 4 * x);

        n += ((px >> 16) & 0xff) == (guint) round (c->r * 255) && ((px >> 8) & 0xff) == (guint) round (c->g * 255) &&
             (px & 0xff) == (guint) round (c->b * 255);
      }
  cairo_surface_destroy (surface);
  return n;
}

/* The window's Sankey export carries the worst knock-out's mark: the
 * file of --knockout --chart sankey over the same window, with the mark's
 * colour where the plain export has none of it. */
static void
check_knockout_export (WflWindow *window)
{
  WflDocument *document = wfl_window_get_document (window);
  WflDate start = wfl_scenario_get_start (wfl_document_get_scenario (document));
  g_autofree char *window_path = wfl_test_temp_path ("window-knockout.png");
  g_autofree char *cli_path = wfl_test_temp_path ("cli-knockout.png");
  g_autofree char *plain_path = wfl_test_temp_path ("cli-plain-sankey.png");
  g_autofree char *file_path = fixture_path ();
  g_autofree char *from = NULL, *to = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (window_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL;
  gsize na, nb;
  WflCliOptions options = { 0 };
  WflChartStyle style;
  int first, last;
  guint marked, plain;

  wfl_test_wait_until (results_ready, window);
  g_assert_true (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_PNG, file, 900, 560, 1, &error));
  g_assert_no_error (error);
  wfl_document_get_sankey_window (document, &first, &last);
  from = wfl_date_format (wfl_date_of_week (start, first));
  to = wfl_date_format (wfl_date_of_week (start, last));
  options.export_path = cli_path;
  options.knockout = (char *) "18:2023-01-02";
  options.chart = (char *) "sankey";
  options.width = 900;
  options.height = 560;
  options.from = from;
  options.to = to;
  options.file = file_path;
  g_assert_cmpint (wfl_cli_experiment (&options), ==, 0);
  g_assert_true (g_file_get_contents (window_path, &a, &na, NULL));
  g_assert_true (g_file_get_contents (cli_path, &b, &nb, NULL));
  g_assert_cmpuint (na, ==, nb);
  g_assert_true (memcmp (a, b, na) == 0);

  /* Without the knock-outs: the same Sankey, without the mark. */
  options.export_path = plain_path;
  options.knockout = NULL;
  options.chart = NULL;
  g_assert_cmpint (wfl_cli_export (&options), ==, 0);
  wfl_chart_style_init_light (&style);
  marked = count_colour (window_path, &style.late);
  plain = count_colour (plain_path, &style.late);
  wfl_chart_style_clear (&style);
  /* The outline (2.5 px around the node) and the badge's disc. */
  g_assert_cmpuint (marked, >, plain + 100);
}

/* Without knock-out results the window's Sankey export is the plain
 * one of the command line: no mark. */
static void
check_plain_sankey_export (WflWindow *window)
{
  WflDocument *document = wfl_window_get_document (window);
  WflDate start = wfl_scenario_get_start (wfl_document_get_scenario (document));
  g_autofree char *window_path = wfl_test_temp_path ("window-no-knockout.png");
  g_autofree char *plain_path = wfl_test_temp_path ("cli-no-knockout.png");
  g_autofree char *file_path = fixture_path ();
  g_autofree char *from = NULL, *to = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (window_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL;
  gsize na, nb;
  WflCliOptions options = { 0 };
  int first, last;

  g_assert_null (wfl_sankey_view_get_flagged_node (window->sankey_view));
  wfl_test_wait_until (results_ready, window);
  g_assert_true (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_PNG, file, 900, 560, 1, &error));
  g_assert_no_error (error);
  wfl_document_get_sankey_window (document, &first, &last);
  from = wfl_date_format (wfl_date_of_week (start, first));
  to = wfl_date_format (wfl_date_of_week (start, last));
  options.export_path = plain_path;
  options.width = 900;
  options.height = 560;
  options.from = from;
  options.to = to;
  options.file = file_path;
  g_assert_cmpint (wfl_cli_export (&options), ==, 0);
  g_assert_true (g_file_get_contents (window_path, &a, &na, NULL));
  g_assert_true (g_file_get_contents (plain_path, &b, &nb, NULL));
  g_assert_cmpuint (na, ==, nb);
  g_assert_true (memcmp (a, b, na) == 0);
}

/* Knock-outs: the engine's rows; the worst node marked on the Sankey. */
static void
check_knockout (WflWindow *window)
{
  WflDocument *document = wfl_window_get_document (window);
  WflExperimentsView *view = window->experiments;
  g_autoptr(WflKnockout) direct = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *tooltip = NULL;
  WflExperimentOptions options;
  WflKnockout *ko;
  WflSankeyLayout *layout;
  const char *worst;
  int v = -1;

  _wfl_experiments_view_set_knockout (view, 18, "2023-01-02");
  wfl_experiments_view_run (view);
  wait_done (view);
  ko = wfl_experiments_view_get_knockout (view);
  g_assert_nonnull (ko);
  g_assert_null (wfl_experiments_view_get_monte_carlo (view));
  g_assert_false (wfl_experiments_view_is_stale (view));
  engine_options (document, &options);
  direct = wfl_knockout_run (wfl_document_get_scenario (document), 0, 18, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wfl_knockout_get_n_rows (ko), ==, wfl_knockout_get_n_rows (direct));
  for (guint r = 0; r < wfl_knockout_get_n_rows (ko); r++)
    {
      g_assert_cmpuint (wfl_knockout_get_row (ko, r)->node, ==, wfl_knockout_get_row (direct, r)->node);
      g_assert_cmpfloat (wfl_knockout_get_row (ko, r)->lost[0], ==, wfl_knockout_get_row (direct, r)->lost[0]);
    }
  worst = wfl_experiments_view_get_worst_node (view, &note);
  g_assert_nonnull (worst);
  g_assert_cmpstr (worst, ==, wfl_simulation_get_node_id (wfl_knockout_get_simulation (ko),
                                                          wfl_knockout_get_row (ko, 0)->node));
  g_assert_true (g_str_has_prefix (note, "Worst knock-out: off 18 weeks from "));

  /* On the Sankey: the node is flagged, its tooltip (the item's
   * accessible description) says so. */
  g_assert_cmpstr (wfl_sankey_view_get_flagged_node (window->sankey_view), ==, worst);
  wfl_window_show_view (window, WFL_CHART_SANKEY);
  wfl_test_wait_until (sankey_laid_out, window->sankey_view);
  layout = _wfl_sankey_view_get_layout (window->sankey_view);
  for (guint i = 0; i < wfl_sankey_graph_get_n_nodes (wfl_sankey_layout_get_graph (layout)); i++)
    if (g_strcmp0 (wfl_sankey_graph_get_node (wfl_sankey_layout_get_graph (layout), i)->id, worst) == 0)
      v = (int) i;
  g_assert_cmpint (v, >=, 0);
  tooltip = _wfl_sankey_view_get_tooltip (window->sankey_view, (WflSankeyHit) { WFL_SANKEY_HIT_NODE, (guint) v });
  g_assert_nonnull (strstr (tooltip, "Worst knock-out"));
  check_knockout_export (window);
}

/* A sweep: the table holds the engine's points. */
static void
check_sweep (WflWindow *window)
{
  WflDocument *document = wfl_window_get_document (window);
  WflExperimentsView *view = window->experiments;
  WflSweepSpec spec = { WFL_SWEEP_CAPACITY_SCALE, (char *) "wafers", NULL, NULL, 0.8, 1.2, 0.1, 0 };
  g_autoptr(WflSweep) direct = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  WflExperimentOptions options;
  guint columns;

  _wfl_experiments_view_set_sweep (view, WFL_SWEEP_CAPACITY_SCALE, "wafers", 0.8, 1.2, 0.1);
  wfl_experiments_view_run (view);
  wait_done (view);
  g_assert_nonnull (wfl_experiments_view_get_sweep (view));
  g_assert_null (wfl_gantt_view_has_whiskers (window->gantt_view) ? "whiskers" : NULL);
  g_assert_null (wfl_sankey_view_get_flagged_node (window->sankey_view));
  check_plain_sankey_export (window);
  engine_options (document, &options);
  direct = wfl_sweep_run (wfl_document_get_scenario (document), &spec, &options, NULL, &error);
  g_assert_no_error (error);
  cells = _wfl_experiments_view_get_table (view, &columns);
  g_assert_cmpuint (columns, ==, 5);   /* value, delivered, fill rate, median, P90 */
  g_assert_cmpuint (cells->len, ==, columns * (wfl_sweep_get_n_points (direct) + 1));
  g_assert_cmpuint (wfl_sweep_get_n_points (direct), ==, 5);
  for (guint i = 0; i < wfl_sweep_get_n_points (direct); i++)
    {
      const WflSweepPoint *pt = wfl_sweep_get_point (direct, i);
      g_autofree char *value = wfl_format_number_locale (pt->value, FALSE);
      g_autofree char *delivered = wfl_format_number_locale (round (pt->delivered[0]), TRUE);

      g_assert_cmpstr (cells->pdata[(i + 1) * columns], ==, value);
      g_assert_cmpstr (cells->pdata[(i + 1) * columns + 1], ==, delivered);
    }
}

static void
check_bad_date (WflExperimentsView *view)
{
  _wfl_experiments_view_set_knockout (view, 2, "9.1.2023");
  wfl_experiments_view_run (view);
  g_assert_false (wfl_experiments_view_is_running (view));
  g_assert_nonnull (strstr (_wfl_experiments_view_get_summary (view), "“9.1.2023” is not a date"));
}

static void
test_experiments (void)
{
  WflWindow *window = open_fixture ();

  /* The file's saved settings are the page's defaults. */
  adw_view_stack_set_visible_child_name (window->view_stack, "experiments");
  check_monte_carlo (window);
  check_export (window->experiments);
  check_gantt_export (window);
  check_cancel (window->experiments);
  check_stale (window);
  check_knockout (window);
  check_sweep (window);
  check_bad_date (window->experiments);
  wfl_test_destroy_window (window);
}

/* Ctrl+Shift+X shows the page with the focus on its first setting; F5
 * runs what it shows. */
static void
test_keyboard (void)
{
  WflWindow *window = open_fixture ();
  WflExperimentsView *view = window->experiments;

  g_assert_true (wfl_test_press_key (GTK_WIDGET (window), GDK_KEY_x, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "experiments");
  _wfl_experiments_view_set_monte_carlo (view, 20, 1);
  g_assert_true (wfl_test_press_key (GTK_WIDGET (view), GDK_KEY_F5, 0));
  g_assert_true (wfl_experiments_view_is_running (view));
  wait_done (view);
  g_assert_cmpuint (wfl_monte_carlo_get_n_samples (wfl_experiments_view_get_monte_carlo (view)), ==, 20);
  wfl_test_destroy_window (window);
}

static const char *
page_target (WflExperimentsView *view)
{
  guint i = gtk_drop_down_get_selected (view->target);

  return i < view->target_ids->len ? view->target_ids->pdata[i] : NULL;
}

/* The page's settings as the saved fixture has them after the edits. */
static void
assert_edited_settings (WflExperimentsView *view)
{
  g_assert_cmpfloat (gtk_spin_button_get_value (view->samples), ==, 321);
  g_assert_cmpfloat (gtk_spin_button_get_value (view->seed), ==, 77);
  g_assert_cmpuint (gtk_drop_down_get_selected (view->parameter), ==, WFL_SWEEP_YIELD);
  g_assert_cmpstr (page_target (view), ==, "fab");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (view->sweep_min), 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (view->sweep_max), 0.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (view->sweep_step), 0.1, 1e-9);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (view->ko_weeks), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (view->ko_date)), ==, "2023-01-16");
}

/* The page's settings go into <experiments> as undoable edits: saved,
 * the file holds them and opens with them; undo and redo bring the
 * page's fields back; none of it marks results stale, an edit of the
 * scenario does. */
static void
test_settings_saved (void)
{
  WflWindow *window = open_fixture (), *again;
  WflDocument *document = wfl_window_get_document (window);
  WflExperimentsView *view = window->experiments;
  g_autofree char *path = wfl_test_temp_path ("settings.waferline");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const WflUncertainty *u;
  GtkWidget *save = wfl_test_action_probe (gtk_widget_get_parent (GTK_WIDGET (window->status_icon)), "win.save");

  /* The file's settings, and nothing changed by showing them. */
  g_assert_cmpfloat (gtk_spin_button_get_value (view->samples), ==, 200);
  g_assert_false (wfl_document_get_modified (document));
  g_assert_false (wfl_document_can_undo (document));

  _wfl_experiments_view_set_monte_carlo (view, 20, 1);
  wfl_experiments_view_run (view);
  wait_done (view);
  g_assert_nonnull (wfl_experiments_view_get_monte_carlo (view));
  g_assert_cmpstr (wfl_document_get_undo_label (document), ==, "Experiment Settings");

  _wfl_experiments_view_set_monte_carlo (view, 321, 77);
  _wfl_experiments_view_set_sweep (view, WFL_SWEEP_YIELD, "fab", 0.6, 0.9, 0.1);
  _wfl_experiments_view_set_knockout (view, 3, "2023-01-16");
  g_assert_true (wfl_document_get_modified (document));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_false (wfl_experiments_view_is_stale (view));
  u = wfl_scenario_get_uncertainty (wfl_document_get_scenario (document));
  g_assert_cmpint (u->samples, ==, 321);
  g_assert_cmpuint (u->seed, ==, 77);
  g_assert_cmpint (u->sweep.parameter, ==, WFL_SWEEP_YIELD);
  g_assert_cmpstr (u->sweep.node, ==, "fab");
  g_assert_cmpint (u->knockout_weeks, ==, 3);
  g_assert_cmpint (u->knockout_date, ==, wfl_date_parse ("2023-01-16"));

  g_assert_true (wfl_document_save (document, file, NULL, &error));
  g_assert_no_error (error);
  wfl_test_iterate ();
  g_assert_false (wfl_document_get_modified (document));
  /* Saved: Save is off until the next change. */
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<monte-carlo samples=\"321\" seed=\"77\"/>"));
  g_assert_nonnull (strstr (text, "<sweep parameter=\"yield\" node=\"fab\" min=\"0.6\" max=\"0.9\" step=\"0.1\"/>"));
  g_assert_nonnull (strstr (text, "<knockout weeks=\"3\" date=\"2023-01-16\"/>"));

  /* Opened again: the page shows them. */
  again = wfl_test_new_window ();
  g_assert_true (wfl_document_load (wfl_window_get_document (again), file, NULL, &error));
  g_assert_no_error (error);
  wfl_test_wait_until (results_ready, again);
  assert_edited_settings (again->experiments);
  g_assert_false (wfl_document_get_modified (wfl_window_get_document (again)));
  wfl_test_destroy_window (again);

  /* Undo: each part in turn, the fields with it. */
  assert_edited_settings (view);
  g_assert_true (wfl_document_undo (document));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (view->ko_weeks), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (view->ko_date)), ==, "2023-01-09");
  g_assert_true (wfl_document_undo (document));
  g_assert_cmpuint (gtk_drop_down_get_selected (view->parameter), ==, WFL_SWEEP_CAPACITY_SCALE);
  g_assert_cmpstr (page_target (view), ==, "wafers");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (view->sweep_min), 0.8, 1e-9);
  g_assert_true (wfl_document_undo (document));
  g_assert_cmpfloat (gtk_spin_button_get_value (view->samples), ==, 20);
  g_assert_true (wfl_document_undo (document));
  g_assert_cmpfloat (gtk_spin_button_get_value (view->samples), ==, 200);
  g_assert_cmpfloat (gtk_spin_button_get_value (view->seed), ==, 42);
  g_assert_false (wfl_document_can_undo (document));
  g_assert_true (wfl_document_redo (document));
  g_assert_cmpfloat (gtk_spin_button_get_value (view->samples), ==, 20);
  g_assert_false (wfl_experiments_view_is_stale (view));

  /* An edit of the scenario does mark them. */
  g_assert_true (wfl_document_edit (document, "More wafers", NULL, scale_wafers, NULL, NULL));
  g_assert_true (wfl_experiments_view_is_stale (view));
  wfl_test_wait_until (results_ready, window);
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
  g_test_add_func ("/experiments/run-cancel-stale", test_experiments);
  g_test_add_func ("/experiments/keyboard", test_keyboard);
  g_test_add_func ("/experiments/settings-saved", test_settings_saved);
  status = g_test_run ();
  wfl_test_release_application ();
  wfl_test_remove_temp_dir ();
  return status;
}
