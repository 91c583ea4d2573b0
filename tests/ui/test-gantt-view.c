/* test-gantt-view.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "wfl-application.h"
#include "wfl-format.h"
#include "wfl-gantt-view-private.h"
#include "wfl-gantt-view.h"
#include "wfl-resources.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

#define START (wfl_date_from_ymd (2023, 1, 2))

/* wafers -> fab -> n_customers customers, each with orders_each orders
 * of 10 placed a week apart, due 8 weeks later. */
static WflScenario *
many_orders_scenario (guint n_customers,
                      guint orders_each)
{
  WflScenario *s = wfl_scenario_new ();
  WflNode *node;
  WflLink *link;

  wfl_scenario_set_calendar (s, START, 40 + orders_each);
  node = wfl_node_new ("wafers", WFL_NODE_KIND_SUPPLY);
  node->capacity = wfl_schedule_new_constant (200);
  node->lead_weeks = 2;
  wfl_scenario_add_node (s, node);
  node = wfl_node_new ("fab", WFL_NODE_KIND_PROCESS);
  node->name = g_strdup ("Fab");
  node->capacity = wfl_schedule_new_constant (10.0 * n_customers * 0.8);
  node->lead_weeks = 3;
  wfl_scenario_add_node (s, node);
  link = wfl_link_new ("wafers", "fab");
  link->transit_weeks = 1;
  wfl_scenario_add_link (s, link);

  for (guint c = 0; c < n_customers; c++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", c);

      node = wfl_node_new (id, WFL_NODE_KIND_CUSTOMER);
      node->name = g_strdup_printf ("Customer %u", c);
      for (guint o = 0; o < orders_each; o++)
        {
          g_autofree char *order_id = g_strdup_printf ("c%u-o%u", c, o);
          WflOrder *order = wfl_order_new (order_id, 10, wfl_date_of_week (START, o));

          order->due = wfl_date_of_week (START, o + 8);
          g_ptr_array_add (node->orders, order);
        }
      wfl_scenario_add_node (s, node);
      link = wfl_link_new ("fab", id);
      link->transit_weeks = 1;
      wfl_scenario_add_link (s, link);
    }
  return s;
}

typedef struct
{
  GtkWindow    *window;
  WflGanttView *view;
  WflDocument  *document;
} Fixture;

static gboolean
view_ready (gpointer data)
{
  Fixture *f = data;
  WflSimulation *results = wfl_document_get_results (f->document);
  WflGanttChart *chart = wfl_gantt_view_get_chart (f->view);

  if (wfl_gantt_view_get_mode (f->view) == WFL_GANTT_MODE_PIPELINE)
    return chart != NULL && wfl_gantt_view_get_layout (f->view) != NULL;
  return results != NULL && chart != NULL &&
         chart->rows->len == wfl_simulation_get_n_orders (results) &&
         wfl_gantt_view_get_layout (f->view) != NULL;
}

static void
fixture_setup (Fixture     *f,
               WflScenario *scenario)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  f->document = scenario != NULL ? wfl_document_new_for_scenario (scenario, NULL) : wfl_test_teaching_document ();
  f->view = WFL_GANTT_VIEW (wfl_gantt_view_new ());
  wfl_gantt_view_set_document (f->view, f->document);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->view));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 500);
  gtk_window_set_child (f->window, scroller);
  gtk_window_present (f->window);
  wfl_test_wait_until (view_ready, f);
}

static void
fixture_teardown (Fixture *f)
{
  gtk_window_destroy (f->window);
  wfl_test_iterate ();
  g_assert_finalize_object (f->document);
}

static int
row_of (WflGanttView *view,
        const char   *id)
{
  WflGanttChart *chart = wfl_gantt_view_get_chart (view);

  for (guint r = 0; r < chart->rows->len; r++)
    if (g_strcmp0 (((WflGanttRow *) g_ptr_array_index (chart->rows, r))->id, id) == 0)
      return r;
  return -1;
}

static void
test_gantt_view_builds_orders (void)
{
  Fixture f;
  WflSimulation *results;
  WflGanttChart *chart;

  fixture_setup (&f, NULL);
  results = wfl_document_get_results (f.document);
  chart = wfl_gantt_view_get_chart (f.view);

  g_assert_cmpint (chart->mode, ==, WFL_GANTT_MODE_ORDERS);
  g_assert_cmpuint (wfl_simulation_get_n_orders (results), >, 0);
  for (guint o = 0; o < wfl_simulation_get_n_orders (results); o++)
    {
      const WflOrderResult *order = wfl_simulation_get_order (results, o);
      g_autofree char *id = wfl_gantt_orders_row_id (wfl_simulation_get_node_id (results, order->customer), order->id);
      int row = row_of (f.view, id);

      g_assert_cmpint (row, >=, 0);
      /* A filled order has its stages drawn. */
      if (order->n_stages > 1)
        g_assert_cmpuint (((WflGanttRow *) g_ptr_array_index (chart->rows, row))->bars->len, >, 0);
    }
  g_assert_cmpstr (gtk_widget_get_css_name (GTK_WIDGET (f.view)), ==, "ganttview");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f.view)));

  /* An edit re-simulates and rebuilds the rows. */
  g_free (wfl_document_add_order (f.document, "cust"));
  wfl_test_wait_until (view_ready, &f);
  g_assert_cmpuint (wfl_gantt_view_get_chart (f.view)->rows->len, ==,
                    wfl_simulation_get_n_orders (wfl_document_get_results (f.document)));

  fixture_teardown (&f);
}

/* The tooltip of an order gives its quantity and its weeks per category
 * of its timeline, which add up to its lead time (the teaching example:
 * 30 dies placed in week 0, filled in week 3 after 1 week waiting for
 * allocation and 2 of production). */
static void
test_gantt_view_order_tooltip (void)
{
  Fixture f;
  g_autofree char *markup = NULL;
  g_autofree char *amount = wfl_format_amount_locale (30, "die");
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) category = g_regex_new ("^(Waiting for allocation|Made before the order|Production|"
                                            "Waiting between stages|In transit): ([0-9]+) weeks?$", 0, 0, NULL);
  int row, weeks = 0;
  guint categories = 0;

  fixture_setup (&f, NULL);
  row = row_of (f.view, "cust/o1");
  g_assert_cmpint (row, >=, 0);
  markup = _wfl_gantt_view_row_tooltip (f.view, row);
  g_test_message ("%s", markup);
  g_assert_nonnull (markup);
  lines = g_strsplit (markup, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[1], amount));
  g_assert_nonnull (strstr (lines[1], "after 3 weeks"));
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (category, lines[i], 0, &match))
        {
          g_autofree char *n = g_match_info_fetch (match, 2);

          weeks += atoi (n);
          categories++;
        }
    }
  g_assert_cmpuint (categories, ==, 2);
  g_assert_nonnull (strstr (markup, "\nWaiting for allocation: 1 week\n"));
  g_assert_true (g_str_has_suffix (markup, "\nProduction: 2 weeks"));
  g_assert_cmpint (weeks, ==, 3);

  g_assert_null (_wfl_gantt_view_row_tooltip (f.view, 99));
  fixture_teardown (&f);
}

static void
test_gantt_view_selection (void)
{
  g_autoptr(WflScenario) scenario = many_orders_scenario (3, 4);
  Fixture f;
  int row;

  fixture_setup (&f, scenario);
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, -1);

  /* View -> document */
  row = row_of (f.view, "c1/c1-o2");
  g_assert_cmpint (row, >=, 0);
  wfl_gantt_view_select_row (f.view, row);
  g_assert_cmpint (wfl_document_get_selection_kind (f.document), ==, WFL_SELECTION_ORDER);
  g_assert_cmpstr (wfl_document_get_selected_node (f.document), ==, "c1");
  g_assert_cmpstr (wfl_document_get_selected_order (f.document), ==, "c1-o2");
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, row);

  /* Document -> view */
  wfl_document_select_order (f.document, "c2", "c2-o0");
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, row_of (f.view, "c2/c2-o0"));
  wfl_document_select_node (f.document, "fab");
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, -1);
  /* A customer selected elsewhere (the Sankey): its first order. */
  wfl_document_select_node (f.document, "c2");
  row = wfl_gantt_view_get_selected_row (f.view);
  g_assert_cmpint (row, >=, 0);
  g_assert_true (g_str_has_prefix (((WflGanttRow *) g_ptr_array_index (wfl_gantt_view_get_chart (f.view)->rows, row))->id, "c2/"));
  for (int r = 0; r < row; r++)
    g_assert_false (g_str_has_prefix (((WflGanttRow *) g_ptr_array_index (wfl_gantt_view_get_chart (f.view)->rows, r))->id, "c2/"));
  wfl_document_select_order (f.document, "c0", "c0-o3");
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, row_of (f.view, "c0/c0-o3"));
  wfl_document_select_none (f.document);
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, -1);

  fixture_teardown (&f);
}

static guint zoom_notifies;

static void
zoom_notify_cb (void)
{
  zoom_notifies++;
}

static void
test_gantt_view_zoom (void)
{
  Fixture f;
  GActionGroup *actions;

  fixture_setup (&f, NULL);
  actions = wfl_gantt_view_get_actions (f.view);

  /* A scenario without saved Gantt settings opens fitted, showing the
   * level the fit chose without changing the document. */
  g_assert_true (wfl_gantt_view_get_fit (f.view));
  wfl_test_iterate ();
  g_assert_cmpint (wfl_gantt_view_get_zoom (f.view), ==, wfl_gantt_view_get_layout (f.view)->zoom);
  g_assert_cmpint (wfl_document_get_gantt_zoom (f.document), ==, WFL_ZOOM_MONTH);
  g_assert_cmpint (wfl_gantt_view_get_zoom (f.view), !=, WFL_ZOOM_MONTH);
  /* Choosing the document's level leaves the fit. */
  wfl_gantt_view_set_zoom (f.view, WFL_ZOOM_MONTH);
  g_assert_false (wfl_gantt_view_get_fit (f.view));
  g_assert_cmpint (wfl_gantt_view_get_zoom (f.view), ==, WFL_ZOOM_MONTH);
  g_assert_cmpfloat (wfl_gantt_view_get_layout (f.view)->px_per_week, ==, wfl_gantt_zoom_px_per_week (WFL_ZOOM_MONTH));

  g_signal_connect_swapped (f.view, "notify::zoom", G_CALLBACK (zoom_notify_cb), NULL);
  zoom_notifies = 0;
  wfl_gantt_view_set_zoom (f.view, WFL_ZOOM_QUARTER);
  g_assert_cmpint (wfl_document_get_gantt_zoom (f.document), ==, WFL_ZOOM_QUARTER);
  g_assert_cmpint (wfl_gantt_view_get_zoom (f.view), ==, WFL_ZOOM_QUARTER);
  g_assert_false (wfl_gantt_view_get_fit (f.view));
  g_assert_cmpuint (zoom_notifies, ==, 1);
  g_assert_cmpfloat (wfl_gantt_view_get_layout (f.view)->px_per_week, ==, wfl_gantt_zoom_px_per_week (WFL_ZOOM_QUARTER));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "gantt.zoom-in", NULL));
  g_assert_cmpint (wfl_document_get_gantt_zoom (f.document), ==, WFL_ZOOM_MONTH);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "gantt.zoom-in", NULL));
  g_assert_cmpint (wfl_document_get_gantt_zoom (f.document), ==, WFL_ZOOM_WEEK);
  g_assert_false (g_action_group_get_action_enabled (actions, "zoom-in"));
  g_assert_true (g_action_group_get_action_enabled (actions, "zoom-out"));
  g_assert_cmpfloat (wfl_gantt_view_get_layout (f.view)->px_per_week, ==, wfl_gantt_zoom_px_per_week (WFL_ZOOM_WEEK));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "gantt.zoom-out", NULL));
  g_assert_cmpint (wfl_document_get_gantt_zoom (f.document), ==, WFL_ZOOM_MONTH);

  /* The document's zoom drives the view. */
  zoom_notifies = 0;
  wfl_document_set_gantt_zoom (f.document, WFL_ZOOM_YEAR);
  g_assert_cmpint (wfl_gantt_view_get_zoom (f.view), ==, WFL_ZOOM_YEAR);
  g_assert_cmpuint (zoom_notifies, ==, 1);
  g_assert_false (g_action_group_get_action_enabled (actions, "zoom-out"));

  /* Fit: the whole range in the width; the level it chose is the
   * document's zoom. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "gantt.zoom-fit", NULL));
  g_assert_true (wfl_gantt_view_get_fit (f.view));
  g_assert_cmpint (wfl_document_get_gantt_zoom (f.document), ==, wfl_gantt_view_get_layout (f.view)->zoom);
  {
    const WflGanttLayout *l = wfl_gantt_view_get_layout (f.view);

    g_assert_cmpfloat (l->content_width, <=, l->body.x1 - l->body.x0 + 1e-6);
  }

  g_signal_handlers_disconnect_by_func (f.view, zoom_notify_cb, NULL);
  fixture_teardown (&f);
}

/* The Gantt by keyboard, as the shortcuts window lists it: rows (Up,
 * Down, Home, End), zoom (plus, minus, 0) and scrolling (Left, Right). */
static void
test_gantt_view_keyboard (void)
{
  Fixture f;
  GtkWidget *view;
  GtkAdjustment *h;
  int n;
  double x0;

  fixture_setup (&f, many_orders_scenario (6, 20));
  view = GTK_WIDGET (f.view);
  n = (int) wfl_gantt_view_get_chart (f.view)->rows->len;

  g_assert_true (wfl_test_press_key (view, GDK_KEY_Home, 0));
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, 0);
  g_assert_true (wfl_test_press_key (view, GDK_KEY_Down, 0));
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, 1);
  g_assert_true (wfl_test_press_key (view, GDK_KEY_End, 0));
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, n - 1);
  g_assert_true (wfl_test_press_key (view, GDK_KEY_Up, 0));
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, n - 2);

  wfl_gantt_view_set_zoom (f.view, WFL_ZOOM_MONTH);
  g_assert_true (wfl_test_press_key (view, GDK_KEY_plus, 0));
  g_assert_cmpint (wfl_gantt_view_get_zoom (f.view), ==, WFL_ZOOM_WEEK);
  wfl_test_iterate ();

  h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f.view));
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, gtk_adjustment_get_page_size (h));
  gtk_adjustment_set_value (h, 0);
  g_assert_true (wfl_test_press_key (view, GDK_KEY_Right, 0));
  x0 = gtk_adjustment_get_value (h);
  g_assert_cmpfloat (x0, >, 0);
  g_assert_true (wfl_test_press_key (view, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), >, x0 + gtk_adjustment_get_page_size (h) / 2);
  g_assert_true (wfl_test_press_key (view, GDK_KEY_Left, GDK_SHIFT_MASK));
  g_assert_true (wfl_test_press_key (view, GDK_KEY_Left, 0));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0);

  g_assert_true (wfl_test_press_key (view, GDK_KEY_minus, 0));
  g_assert_cmpint (wfl_gantt_view_get_zoom (f.view), ==, WFL_ZOOM_MONTH);
  g_assert_true (wfl_test_press_key (view, GDK_KEY_0, 0));
  g_assert_true (wfl_gantt_view_get_fit (f.view));

  fixture_teardown (&f);
}

/* The built-in scenario saves an as-of date but no zoom: the Gantt opens
 * fitted to its data (all three years in view), not at a month a week
 * on the first quarter with most rows empty. */
static void
test_gantt_view_opens_fitted (void)
{
  g_autoptr(GError) error = NULL;
  WflScenario *scenario = wfl_scenario_new_builtin (&error);
  Fixture f;
  const WflGanttLayout *l;
  double first, last;

  g_assert_no_error (error);
  g_assert_true (wfl_scenario_get_views (scenario)->has_gantt);
  fixture_setup (&f, scenario);
  g_assert_true (wfl_gantt_view_get_fit (f.view));
  wfl_test_iterate ();
  l = wfl_gantt_view_get_layout (f.view);
  g_assert_true (wfl_gantt_chart_get_extent (wfl_gantt_view_get_chart (f.view), &first, &last));
  g_assert_cmpfloat (l->content_width, <=, l->body.x1 - l->body.x0 + 1e-6);
  g_assert_cmpfloat (wfl_gantt_layout_x_of_week (l, last), <=, l->body.x1 + 1e-6);

  fixture_teardown (&f);

  /* A file that names a level opens at it. */
  scenario = wfl_scenario_new_builtin (&error);
  g_assert_no_error (error);
  wfl_scenario_get_views (scenario)->gantt_zoom = WFL_ZOOM_QUARTER;
  fixture_setup (&f, scenario);
  g_assert_false (wfl_gantt_view_get_fit (f.view));
  g_assert_cmpint (wfl_gantt_view_get_zoom (f.view), ==, WFL_ZOOM_QUARTER);
  fixture_teardown (&f);
}

/* The Rows menu: one customer's orders, the orders in the Sankey's week
 * window, and back to all. */
static void
test_gantt_view_rows_filter (void)
{
  Fixture f;
  GtkWidget *view;
  WflGanttChart *chart;
  GMenuModel *menu;
  guint all;

  fixture_setup (&f, many_orders_scenario (6, 20));
  view = GTK_WIDGET (f.view);
  all = wfl_gantt_view_get_chart (f.view)->rows->len;
  g_assert_cmpuint (all, ==, 120);
  menu = wfl_gantt_view_get_rows_menu (f.view);
  /* The window's and the slip's items, the groups (not by product: no
   * order names one), then "All Customers" and the six. */
  g_assert_cmpint (g_menu_model_get_n_items (g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION)), ==, 4);
  g_assert_cmpint (g_menu_model_get_n_items (g_menu_model_get_item_link (menu, 2, G_MENU_LINK_SECTION)), ==, 7);

  g_assert_true (gtk_widget_activate_action (view, "gantt.customer", "s", "Customer 2"));
  chart = wfl_gantt_view_get_chart (f.view);
  g_assert_cmpuint (chart->rows->len, ==, 20);
  for (guint r = 0; r < chart->rows->len; r++)
    g_assert_cmpstr (((WflGanttRow *) g_ptr_array_index (chart->rows, r))->group, ==, "Customer 2");
  g_assert_true (gtk_widget_activate_action (view, "gantt.customer", "s", ""));
  g_assert_cmpuint (wfl_gantt_view_get_chart (f.view)->rows->len, ==, all);

  /* Orders placed a week apart, each done within ~10 weeks: the first
   * three weeks hold the first orders only, and follow the window. */
  wfl_document_set_sankey_window (f.document, 0, 2);
  g_assert_true (gtk_widget_activate_action (view, "gantt.in-window", NULL));
  chart = wfl_gantt_view_get_chart (f.view);
  g_assert_cmpuint (chart->rows->len, >, 0);
  g_assert_cmpuint (chart->rows->len, <, all);
  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);

      g_assert_true (row->bars->len > 0 || row->markers->len > 0);
      if (row->bars->len > 0)
        g_assert_cmpfloat (g_array_index (row->bars, WflGanttBar, 0).start, <, 3);
    }
  {
    guint in_first = chart->rows->len;

    wfl_document_set_sankey_window (f.document, 0, 30);
    g_assert_cmpuint (wfl_gantt_view_get_chart (f.view)->rows->len, >, in_first);
  }
  g_assert_true (gtk_widget_activate_action (view, "gantt.in-window", NULL));
  g_assert_cmpuint (wfl_gantt_view_get_chart (f.view)->rows->len, ==, all);

  fixture_teardown (&f);
}

static gboolean
rename_fab (WflScenario  *scenario,
            gpointer      user_data,
            GError      **error)
{
  WflNode *node = wfl_scenario_find_node (scenario, "fab");

  g_free (node->name);
  node->name = g_strdup ("Fab 2");
  return TRUE;
}

static guint
n_headers (WflGanttView *view)
{
  WflGanttChart *chart = wfl_gantt_view_get_chart (view);
  guint n = 0;

  for (guint r = 0; r < chart->rows->len; r++)
    n += ((WflGanttRow *) g_ptr_array_index (chart->rows, r))->header;
  return n;
}

/* Grouped by customer: a header before each customer's orders; Space or
 * Enter on a selected header collapses and expands its group, the
 * Rows menu collapses or expands them all; the grouping and what is
 * collapsed hold across an edit, and belong to the view (its window). */
static void
test_gantt_view_groups (void)
{
  Fixture f, other;
  GtkWidget *view;
  WflGanttChart *chart;
  const WflGanttRow *header;
  g_autofree char *spoken = NULL;
  int h;

  fixture_setup (&f, many_orders_scenario (6, 20));
  view = GTK_WIDGET (f.view);
  g_assert_false (g_action_group_get_action_enabled (wfl_gantt_view_get_actions (f.view), "collapse-all"));
  g_assert_true (gtk_widget_activate_action (view, "gantt.group-by", "s", "customer"));
  chart = wfl_gantt_view_get_chart (f.view);
  g_assert_cmpuint (chart->rows->len, ==, 120 + 6);
  g_assert_cmpuint (n_headers (f.view), ==, 6);
  g_assert_false (wfl_gantt_chart_has_products (chart));

  /* The third customer's header, by keyboard: Home, then down past the
   * first two groups. */
  g_assert_true (wfl_test_press_key (view, GDK_KEY_Home, 0));
  g_assert_true (((WflGanttRow *) g_ptr_array_index (chart->rows, 0))->header);
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, 0);
  g_assert_cmpint (wfl_document_get_selection_kind (f.document), ==, WFL_SELECTION_NONE);
  h = row_of (f.view, "#group/Customer 2");
  g_assert_cmpint (h, ==, 2 * 21);
  wfl_gantt_view_select_row (f.view, h);
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, h);
  header = g_ptr_array_index (chart->rows, h);
  g_assert_cmpuint (header->n_members, ==, 20);
  g_assert_cmpfloat (header->quantity, ==, 200);
  g_assert_nonnull (strstr (header->summary, "20 orders"));

  /* Space collapses it, and the header stays selected. */
  g_assert_true (wfl_test_press_key (view, GDK_KEY_space, 0));
  chart = wfl_gantt_view_get_chart (f.view);
  g_assert_cmpuint (chart->rows->len, ==, 126 - 20);
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, h);
  header = g_ptr_array_index (chart->rows, h);
  g_assert_true (header->collapsed);
  spoken = _wfl_gantt_view_describe_row (f.view, h);
  g_assert_nonnull (strstr (spoken, "Customer 2"));
  g_assert_nonnull (strstr (spoken, "collapsed"));
  /* Down goes on to the next group's header. */
  g_assert_true (wfl_test_press_key (view, GDK_KEY_Down, 0));
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, row_of (f.view, "#group/Customer 3"));

  /* An edit rebuilds the chart: still grouped, still collapsed. */
  g_assert_true (wfl_document_edit (f.document, "Rename", NULL, rename_fab, NULL, NULL));
  wfl_test_wait_until (wfl_test_document_not_busy, f.document);
  wfl_test_iterate ();
  g_assert_cmpuint (wfl_gantt_view_get_chart (f.view)->rows->len, ==, 106);

  /* Enter on the header opens it again. */
  wfl_gantt_view_select_row (f.view, row_of (f.view, "#group/Customer 2"));
  g_assert_true (wfl_test_press_key (view, GDK_KEY_Return, 0));
  g_assert_cmpuint (wfl_gantt_view_get_chart (f.view)->rows->len, ==, 126);

  /* All of them, from the menu. */
  g_assert_true (gtk_widget_activate_action (view, "gantt.collapse-all", NULL));
  g_assert_cmpuint (wfl_gantt_view_get_chart (f.view)->rows->len, ==, 6);
  g_assert_true (gtk_widget_activate_action (view, "gantt.expand-all", NULL));
  g_assert_cmpuint (wfl_gantt_view_get_chart (f.view)->rows->len, ==, 126);

  /* Another window's view of the same kind of document is not grouped. */
  fixture_setup (&other, many_orders_scenario (6, 20));
  g_assert_cmpuint (n_headers (other.view), ==, 0);
  fixture_teardown (&other);

  /* An order selected from elsewhere still selects its row. */
  wfl_document_select_order (f.document, "c4", "c4-o3");
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, row_of (f.view, "c4/c4-o3"));

  g_assert_true (gtk_widget_activate_action (view, "gantt.group-by", "s", "none"));
  g_assert_cmpuint (n_headers (f.view), ==, 0);
  g_assert_cmpuint (wfl_gantt_view_get_chart (f.view)->rows->len, ==, 120);
  fixture_teardown (&f);
}

static void
test_gantt_view_pipeline (void)
{
  Fixture f;
  WflScenario *scenario;
  WflGanttChart *chart;
  g_autoptr(GVariant) state = NULL;

  fixture_setup (&f, NULL);
  scenario = wfl_document_get_scenario (f.document);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "gantt.mode", "s", "pipeline"));
  g_assert_cmpint (wfl_document_get_gantt_mode (f.document), ==, WFL_GANTT_MODE_PIPELINE);
  g_assert_cmpint (wfl_gantt_view_get_mode (f.view), ==, WFL_GANTT_MODE_PIPELINE);
  state = g_action_group_get_action_state (wfl_gantt_view_get_actions (f.view), "mode");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "pipeline");

  /* One row per stage of the teaching example (no transits). */
  chart = wfl_gantt_view_get_chart (f.view);
  g_assert_nonnull (chart);
  g_assert_cmpint (chart->mode, ==, WFL_GANTT_MODE_PIPELINE);
  g_assert_cmpuint (chart->rows->len, ==, wfl_scenario_get_n_nodes (scenario));
  for (guint i = 0; i < wfl_scenario_get_n_nodes (scenario); i++)
    g_assert_cmpint (row_of (f.view, wfl_scenario_get_node (scenario, i)->id), >=, 0);

  /* A stage's row selects its node, and back. */
  wfl_gantt_view_select_row (f.view, row_of (f.view, "fab"));
  g_assert_cmpint (wfl_document_get_selection_kind (f.document), ==, WFL_SELECTION_NODE);
  g_assert_cmpstr (wfl_document_get_selected_node (f.document), ==, "fab");
  wfl_document_select_node (f.document, "wafers");
  g_assert_cmpint (wfl_gantt_view_get_selected_row (f.view), ==, row_of (f.view, "wafers"));

  /* The as-of date places the pipeline's order. */
  wfl_document_set_gantt_as_of (f.document, wfl_date_of_week (START, 5));
  chart = wfl_gantt_view_get_chart (f.view);
  g_assert_cmpfloat (chart->as_of, ==, 5);
  g_assert_cmpfloat (g_array_index (((WflGanttRow *) g_ptr_array_index (chart->rows, 0))->bars, WflGanttBar, 0).start, ==, 5);

  /* The document's mode drives the view. */
  wfl_document_set_gantt_mode (f.document, WFL_GANTT_MODE_ORDERS);
  g_assert_cmpint (wfl_gantt_view_get_chart (f.view)->mode, ==, WFL_GANTT_MODE_ORDERS);

  fixture_teardown (&f);
}

/* A capacity expansion's row in the pipeline selects the node it expands. */
static void
test_gantt_view_pipeline_expansion (void)
{
  Fixture f;
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  WflNode *fab = wfl_scenario_find_node (scenario, "fab");
  WflExpansion *x = wfl_expansion_new (START, 10);
  int row;

  x->lead_weeks = 2;
  x->qualification_weeks = 1;
  g_ptr_array_add (fab->expansions, x);
  fixture_setup (&f, scenario);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "gantt.mode", "s", "pipeline"));
  row = row_of (f.view, "expansion/fab/0");
  g_assert_cmpint (row, >=, 0);
  wfl_gantt_view_select_row (f.view, row);
  g_assert_cmpint (wfl_document_get_selection_kind (f.document), ==, WFL_SELECTION_NODE);
  g_assert_cmpstr (wfl_document_get_selected_node (f.document), ==, "fab");
  fixture_teardown (&f);
}

/* Hundreds of orders: scrolling moves the layout built once, and moving
 * the selection scrolls it into view. */
static void
test_gantt_view_scrolls (void)
{
  g_autoptr(WflScenario) scenario = many_orders_scenario (4, 100);
  Fixture f;
  const WflGanttLayout *layout;
  GtkAdjustment *vadj;
  guint n;

  fixture_setup (&f, scenario);
  layout = wfl_gantt_view_get_layout (f.view);
  n = wfl_gantt_view_get_chart (f.view)->rows->len;
  g_assert_cmpuint (n, ==, 400);
  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f.view));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), ==, layout->content_height);
  g_assert_cmpfloat (gtk_adjustment_get_page_size (vadj), <, layout->content_height);

  for (int i = 1; i <= 20; i++)
    {
      gtk_adjustment_set_value (vadj, i * 37.0);
      g_assert_true (wfl_gantt_view_get_layout (f.view) == layout);
      g_assert_cmpfloat (layout->scroll_y, ==, i * 37.0);
    }

  wfl_gantt_view_select_row (f.view, n - 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj), >=,
                     n * layout->row_height - 1e-6);
  wfl_gantt_view_select_row (f.view, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 0);

  fixture_teardown (&f);
}

/* In the window: the Gantt page's toolbar reaches the view's actions. */
static void
test_gantt_view_in_window (void)
{
  g_autoptr(WflApplication) app = wfl_application_new ();
  WflWindow *window;
  GtkWidget *toolbar, *orders;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = wfl_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (WFL_IS_GANTT_VIEW (window->gantt_view));
  g_assert_true (wfl_gantt_view_get_document (window->gantt_view) == wfl_window_get_document (window));

  /* The template's toolbar, built before the view's actions were
   * inserted: the Orders toggle is enabled and active. */
  toolbar = gtk_widget_get_first_child (window->gantt_page);
  orders = gtk_widget_get_first_child (gtk_widget_get_first_child (toolbar));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (orders));
  wfl_test_iterate ();
  g_assert_true (gtk_widget_is_sensitive (orders));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (orders)));
  gtk_widget_activate_action (GTK_WIDGET (window->gantt_view), "gantt.mode", "s", "pipeline");
  wfl_test_iterate ();
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (orders)));

  window->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (window));
  wfl_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/gantt-view/builds-orders", test_gantt_view_builds_orders);
  g_test_add_func ("/wfl/ui/gantt-view/order-tooltip", test_gantt_view_order_tooltip);
  g_test_add_func ("/wfl/ui/gantt-view/selection", test_gantt_view_selection);
  g_test_add_func ("/wfl/ui/gantt-view/zoom", test_gantt_view_zoom);
  g_test_add_func ("/wfl/ui/gantt-view/keyboard", test_gantt_view_keyboard);
  g_test_add_func ("/wfl/ui/gantt-view/opens-fitted", test_gantt_view_opens_fitted);
  g_test_add_func ("/wfl/ui/gantt-view/rows-filter", test_gantt_view_rows_filter);
  g_test_add_func ("/wfl/ui/gantt-view/groups", test_gantt_view_groups);
  g_test_add_func ("/wfl/ui/gantt-view/pipeline", test_gantt_view_pipeline);
  g_test_add_func ("/wfl/ui/gantt-view/pipeline-expansion", test_gantt_view_pipeline_expansion);
  g_test_add_func ("/wfl/ui/gantt-view/scrolls", test_gantt_view_scrolls);
  g_test_add_func ("/wfl/ui/gantt-view/in-window", test_gantt_view_in_window);

  return g_test_run ();
}
