/* test-compare-window.c: comparing in the window, and stable layouts in the view
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "wfl-compare-view-private.h"
#include "wfl-gantt-view-private.h"
#include "wfl-resources.h"
#include "wfl-sankey-view-private.h"
#include "wfl-test-temp.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

/* Stable layouts ------------------------------------------------------------ */

typedef struct
{
  WflSankeyView   *view;
  WflSankeyLayout *old;
} Relayout;

static gboolean
relaid_out (gpointer data)
{
  Relayout *r = data;
  WflSankeyLayout *layout = _wfl_sankey_view_get_layout (r->view);

  return layout != NULL && layout != r->old && !_wfl_sankey_view_is_busy (r->view);
}

static int
compare_y (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  WflSankeyLayout *layout = data;
  const WflSankeyNodeGeometry *ga = wfl_sankey_layout_get_node (layout, GPOINTER_TO_UINT (*(gpointer const *) a));
  const WflSankeyNodeGeometry *gb = wfl_sankey_layout_get_node (layout, GPOINTER_TO_UINT (*(gpointer const *) b));

  return ga->y0 < gb->y0 ? -1 : (ga->y0 > gb->y0);
}

/* "col: id id id | col: …": each column's nodes from the top. */
static char *
columns_of (WflSankeyLayout *layout)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  GString *out = g_string_new (NULL);
  guint n_columns = 0;

  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    n_columns = MAX (n_columns, wfl_sankey_layout_get_node (layout, v)->column + 1);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

      for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
        if (wfl_sankey_layout_get_node (layout, v)->column == c)
          g_ptr_array_add (nodes, GUINT_TO_POINTER (v));
      g_ptr_array_sort_with_data (nodes, (GCompareDataFunc) compare_y, layout);
      g_string_append_printf (out, "%s%u:", c > 0 ? " | " : "", c);
      for (guint i = 0; i < nodes->len; i++)
        g_string_append_printf (out, " %s", wfl_sankey_graph_get_node (graph, GPOINTER_TO_UINT (nodes->pdata[i]))->id);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_layout (gpointer data)
{
  return _wfl_sankey_view_get_layout (data) != NULL && !_wfl_sankey_view_is_busy (data);
}

/* Stepping the window through every quarter of the built-in scenario, as
 * the time bar's play button does: no node changes column and the order
 * within each column holds. */
static void
test_stable_quarters (void)
{
  g_autoptr(WflDocument) document = wfl_document_new ();
  WflSankeyView *view = WFL_SANKEY_VIEW (wfl_sankey_view_new ());
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autofree char *expected = NULL;
  WflSimulation *results;
  guint n_quarters;

  wfl_sankey_view_set_document (view, document);
  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  wfl_test_wait_until (has_layout, view);
  results = wfl_document_get_results (document);
  g_assert_nonnull (results);
  n_quarters = wfl_simulation_get_n_quarters (results);
  g_assert_cmpuint (n_quarters, >=, 12);

  for (guint q = 0; q < n_quarters; q++)
    {
      Relayout r = { view, _wfl_sankey_view_get_layout (view) };
      g_autofree char *got = NULL;
      int first, last, now_first, now_last;

      wfl_simulation_get_quarter_weeks (results, q, &first, &last);
      wfl_document_get_sankey_window (document, &now_first, &now_last);
      if (first != now_first || last != now_last)
        {
          wfl_document_set_sankey_window (document, first, last);
          wfl_test_wait_until (relaid_out, &r);
        }
      got = columns_of (_wfl_sankey_view_get_layout (view));
      if (expected == NULL)
        expected = g_steal_pointer (&got);
      else
        g_assert_cmpstr (got, ==, expected);
    }
  gtk_window_destroy (window);
  wfl_test_iterate ();
}

/* Comparing in the window ---------------------------------------------------- */

static gboolean
has_comparison (gpointer data)
{
  WflWindow *window = data;

  return !wfl_document_get_busy (wfl_window_get_document (window)) &&
         wfl_document_get_results (wfl_window_get_document (window)) != NULL &&
         wfl_compare_session_get_comparison (_wfl_window_get_compare_session (window)) != NULL;
}

static gboolean
comparison_settled (gpointer data)
{
  WflWindow *window = data;
  WflSankeyView *view = window->sankey_view;

  return has_comparison (window) && _wfl_sankey_view_get_layout (view) != NULL && !_wfl_sankey_view_is_busy (view);
}

static gboolean
no_differences (gpointer data)
{
  WflComparison *cmp = wfl_compare_session_get_comparison (data);

  return cmp != NULL && wfl_comparison_count_differences (cmp) == 0;
}

/* The table of deltas on the Compare page. */
static WflCompareView *
compare_view (WflWindow *window)
{
  GtkWidget *page = adw_view_stack_get_child_by_name (window->view_stack, "compare");

  g_assert_true (WFL_IS_COMPARE_VIEW (page));
  return WFL_COMPARE_VIEW (page);
}

static gboolean
more_capacity (WflScenario  *scenario,
               gpointer      user_data,
               GError      **error)
{
  WflNode *node = wfl_scenario_find_node (scenario, user_data);

  g_assert_nonnull (node);
  g_assert_nonnull (node->capacity);
  for (guint p = 0; p < wfl_schedule_get_n_points (node->capacity); p++)
    wfl_schedule_get_point (node->capacity, p)->value *= 1.1;
  return TRUE;
}

/* The rows the table shows, and how many of them differ. */
static guint
shown_rows (WflCompareView *view,
            guint          *n_differ)
{
  GListModel *model = _wfl_compare_view_get_model (view);
  guint n = g_list_model_get_n_items (model);

  *n_differ = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *text = _wfl_compare_view_format_cell (view, _wfl_compare_view_row_index (item),
                                                             WFL_COMPARE_VIEW_DIFFERENCE);

      g_assert_nonnull (text);
      if (g_strcmp0 (text, "—") != 0 && g_strcmp0 (text, "0") != 0 && !g_str_has_prefix (text, "0 "))
        (*n_differ)++;
    }
  return n;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* Choose a baseline (the scenario before an edit), read the table, undo
 * and redo the edit: the table follows every run. */
static void
test_compare_history (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  WflCompareSession *session = _wfl_window_get_compare_session (window);
  WflCompareView *view = compare_view (window);
  g_autofree char *copied = NULL;
  WflComparison *cmp;
  guint n, n_differ, n_all;

  wfl_test_wait_until (wfl_test_document_not_busy, document);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "compare-history"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "compare-stop"));
  /* No file yet: no saved version to compare with. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "compare-saved"));

  g_assert_true (wfl_document_edit (document, "More CoWoS", NULL, more_capacity, (gpointer) "cowos-tsmc", NULL));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "compare-history"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "compare-history", g_variant_new_uint32 (0));
  wfl_test_wait_until (has_comparison, window);
  g_assert_cmpint (wfl_compare_session_get_baseline_kind (session), ==, WFL_COMPARE_BASELINE_HISTORY);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "compare-stop"));
  /* The comparison belongs to the window: the document is as edited. */
  g_assert_true (wfl_document_can_undo (document));

  cmp = wfl_compare_session_get_comparison (session);
  g_assert_cmpuint (wfl_comparison_count_differences (cmp), >, 0);
  n_all = shown_rows (view, &n_differ);
  g_assert_cmpuint (n_all, ==, wfl_comparison_get_n_rows (cmp));
  g_assert_nonnull (strstr (_wfl_compare_view_get_summary (view), "More CoWoS"));

  /* Differences only: exactly the rows that differ, each with a change. */
  _wfl_compare_view_set_differences_only (view, TRUE);
  n = shown_rows (view, &n_differ);
  g_assert_cmpuint (n, ==, wfl_comparison_count_differences (cmp));
  g_assert_cmpuint (n, <, n_all);
  copied = _wfl_compare_view_copy_text (view);
  g_assert_nonnull (copied);
  /* A header, then a line per row shown. */
  g_assert_cmpuint (count_lines (copied), ==, n + 1);

  /* Undone, the document is its baseline again: nothing differs. */
  g_assert_true (wfl_document_undo (document));
  wfl_test_wait_until (has_comparison, window);
  cmp = wfl_compare_session_get_comparison (session);
  g_assert_cmpuint (wfl_comparison_count_differences (cmp), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (_wfl_compare_view_get_model (view)), ==, 0);

  /* Redone, the differences are back. */
  g_assert_true (wfl_document_redo (document));
  wfl_test_wait_until (has_comparison, window);
  g_assert_cmpuint (shown_rows (view, &n_differ), ==,
                    wfl_comparison_count_differences (wfl_compare_session_get_comparison (session)));
  g_assert_cmpuint (n_differ, >, 0);

  /* Stopped: no comparison, the page says how to start one. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "compare-stop", NULL);
  g_assert_null (wfl_compare_session_get_comparison (session));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "compare-stop"));
  wfl_test_destroy_window (window);
}

static gboolean
gantt_laid_out (gpointer data)
{
  return wfl_gantt_view_get_layout (data) != NULL;
}

/* While comparing, the Sankey shows the union of both and its key, the
 * Gantt every order's baseline and slip, sorted by slip on request. */
static void
test_compare_views (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  g_autofree char *base_path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                      "ai-hardware-2023-2025.waferline", NULL);
  g_autofree char *variant_path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                         "cowos-doubled-2023.waferline", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (base_path);
  g_autoptr(GFile) variant = g_file_new_for_path (variant_path);
  g_autoptr(GError) error = NULL;
  GActionGroup *gantt_actions = wfl_gantt_view_get_actions (window->gantt_view);
  WflGanttChart *chart;
  double last_slip = INFINITY;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  g_assert_true (wfl_document_load (document, variant, NULL, &error));
  wfl_test_wait_until (wfl_test_document_not_busy, document);
  g_assert_false (g_action_group_get_action_enabled (gantt_actions, "sort-slip"));
  g_assert_false (gtk_widget_get_visible (window->compare_key));

  _wfl_window_compare_with_file (window, base);
  wfl_test_wait_until (comparison_settled, window);
  g_assert_true (gtk_widget_get_visible (window->compare_key));
  g_assert_true (wfl_compare_session_get_baseline_file (_wfl_window_get_compare_session (window)) != NULL);
  /* The Sankey is the difference: every node labelled with its change. */
  {
    WflSankeyGraph *graph = wfl_sankey_layout_get_graph (_wfl_sankey_view_get_layout (window->sankey_view));
    guint changed = 0;

    g_assert_cmpuint (wfl_sankey_graph_get_n_nodes (graph), ==, wfl_scenario_get_n_nodes (wfl_document_get_scenario (document)));
    for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
      {
        const char *unit = wfl_sankey_graph_get_node (graph, v)->unit;

        g_assert_true (strstr (unit, "%)") != NULL || strstr (unit, "no change") != NULL);
        changed += strstr (unit, "%)") != NULL;
      }
    g_assert_cmpuint (changed, >, 0);
  }

  /* The Gantt: every order in both has its ghost; sorted by slip, the
   * largest first. */
  wfl_window_show_view (window, WFL_CHART_GANTT);
  g_assert_false (gtk_widget_get_visible (window->compare_key));
  g_assert_true (g_action_group_get_action_enabled (gantt_actions, "sort-slip"));
  chart = wfl_gantt_view_get_chart (window->gantt_view);
  g_assert_nonnull (chart);
  for (guint r = 0; r < chart->rows->len; r++)
    g_assert_nonnull (((WflGanttRow *) g_ptr_array_index (chart->rows, r))->ghost);
  g_action_group_change_action_state (gantt_actions, "sort-slip", g_variant_new_boolean (TRUE));
  chart = wfl_gantt_view_get_chart (window->gantt_view);
  for (guint r = 0; r < chart->rows->len; r++)
    {
      double slip = ((WflGanttRow *) g_ptr_array_index (chart->rows, r))->slip;

      if (isnan (slip))
        continue;
      g_assert_cmpfloat (slip, <=, last_slip);
      last_slip = slip;
    }
  /* Twice the packaging moves some orders earlier. */
  g_assert_cmpfloat (last_slip, <, 0);
  wfl_test_wait_until (gantt_laid_out, window->gantt_view);
  {
    g_autofree char *tip = _wfl_gantt_view_row_tooltip (window->gantt_view, 0);

    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, "Baseline"));
  }

  /* Exports while comparing: the difference Sankey (not as JSON) and
   * the baseline Gantt. */
  {
    g_autofree char *png = wfl_test_temp_path ("difference.png");
    g_autofree char *json = wfl_test_temp_path ("difference.json");
    g_autofree char *gantt = wfl_test_temp_path ("baseline-gantt.json");
    g_autoptr(GFile) png_file = g_file_new_for_path (png);
    g_autoptr(GFile) json_file = g_file_new_for_path (json);
    g_autoptr(GFile) gantt_file = g_file_new_for_path (gantt);
    g_autofree char *data = NULL;

    g_assert_true (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_PNG, png_file,
                                            900, 600, 1, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
    g_assert_false (wfl_window_export_chart (window, WFL_CHART_SANKEY, WFL_EXPORT_FORMAT_JSON, json_file,
                                             900, 600, 1, &error));
    g_assert_error (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_FORMAT);
    g_clear_error (&error);
    g_assert_true (wfl_window_export_chart (window, WFL_CHART_GANTT, WFL_EXPORT_FORMAT_JSON, gantt_file,
                                            1200, 800, 1, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (gantt, &data, NULL, NULL));
    g_assert_nonnull (strstr (data, "\"baseline_bars\""));
    g_assert_null (strstr (data, "\"late_orders\""));
    g_clear_pointer (&data, g_free);
    /* Grouped on screen, grouped in the export: every order, under its
     * customer's header. */
    g_action_group_activate_action (gantt_actions, "group-by", g_variant_new_string ("customer"));
    g_assert_true (wfl_window_export_chart (window, WFL_CHART_GANTT, WFL_EXPORT_FORMAT_JSON, gantt_file,
                                            1200, 800, 1, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (gantt, &data, NULL, NULL));
    g_assert_nonnull (strstr (data, "\"late_orders\""));
    g_assert_nonnull (strstr (data, "\"baseline_bars\""));
    g_action_group_activate_action (gantt_actions, "group-by", g_variant_new_string ("none"));
  }

  /* Stopped: the ghosts go. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "compare-stop", NULL);
  chart = wfl_gantt_view_get_chart (window->gantt_view);
  for (guint r = 0; r < chart->rows->len; r++)
    g_assert_null (((WflGanttRow *) g_ptr_array_index (chart->rows, r))->ghost);
  g_assert_false (g_action_group_get_action_enabled (gantt_actions, "sort-slip"));
  wfl_test_destroy_window (window);
}

/* Compared with the last saved version: an edit differs, a save makes
 * the new last saved version the baseline. */
static void
test_compare_saved (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  WflCompareSession *session = _wfl_window_get_compare_session (window);
  g_autofree char *path = wfl_test_temp_path ("saved.waferline");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  wfl_test_wait_until (wfl_test_document_not_busy, document);
  g_assert_true (wfl_document_save (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "compare-saved"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "compare-saved", NULL);
  wfl_test_wait_until (has_comparison, window);
  g_assert_cmpint (wfl_compare_session_get_baseline_kind (session), ==, WFL_COMPARE_BASELINE_SAVED);
  g_assert_cmpuint (wfl_comparison_count_differences (wfl_compare_session_get_comparison (session)), ==, 0);

  g_assert_true (wfl_document_edit (document, "More CoWoS", NULL, more_capacity, (gpointer) "cowos-tsmc", NULL));
  wfl_test_wait_until (has_comparison, window);
  g_assert_cmpuint (wfl_comparison_count_differences (wfl_compare_session_get_comparison (session)), >, 0);

  g_assert_true (wfl_document_save (document, NULL, NULL, &error));
  g_assert_no_error (error);
  wfl_test_wait_until (no_differences, session);
  g_assert_cmpint (wfl_compare_session_get_baseline_kind (session), ==, WFL_COMPARE_BASELINE_SAVED);
  wfl_test_destroy_window (window);
}

static gboolean
label_has (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (label_has (child, text))
      return TRUE;
  return FALSE;
}

static GtkWindow *
find_dialog (WflWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return toplevel;
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog (data) != NULL;
}

/* A broken baseline: FILE:LINE: in the error, the document untouched, no
 * comparison. */
static void
test_compare_broken (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  g_autoptr(WflScenario) snapshot = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "duplicate-ids.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *name = "duplicate-ids.waferline:";
  GtkWindow *dialog;

  wfl_test_wait_until (wfl_test_document_not_busy, document);
  snapshot = wfl_scenario_copy (wfl_document_get_scenario (document));
  _wfl_window_compare_with_file (window, file);
  wfl_test_wait_until (has_dialog, window);
  dialog = find_dialog (window);
  g_assert_true (label_has (GTK_WIDGET (dialog), name));
  wfl_test_assert_equal (wfl_document_get_scenario (document), snapshot);
  g_assert_false (wfl_document_get_modified (document));
  g_assert_cmpint (wfl_compare_session_get_baseline_kind (_wfl_window_get_compare_session (window)), ==,
                   WFL_COMPARE_BASELINE_NONE);
  g_assert_false (gtk_widget_get_visible (window->compare_key));
  gtk_window_destroy (dialog);
  wfl_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();
  g_test_add_func ("/wfl/ui/compare/stable-quarters", test_stable_quarters);
  g_test_add_func ("/wfl/ui/compare/history", test_compare_history);
  g_test_add_func ("/wfl/ui/compare/views", test_compare_views);
  g_test_add_func ("/wfl/ui/compare/broken", test_compare_broken);
  g_test_add_func ("/wfl/ui/compare/saved", test_compare_saved);
  status = g_test_run ();
  wfl_test_release_application ();
  wfl_test_remove_temp_dir ();
  return status;
}
