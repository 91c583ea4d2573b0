/* test-figures-products.c: the Figures view's products equal products.csv
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In a window on tests/data/products-two.waferline (an A100 of 312 and
 * an H100 of 1,000 TFLOPS, the H100 the reference): the Products table
 * as the screen shows it (the labels of its cells) and as Copy gives it
 * equals products.csv of `waferline FILE --simulate --csv DIR` (its
 * delivered column in units, its equivalents column in compute), the
 * quarters cell by cell and the window's columns as the sum of the
 * window's quarters; another window gives other figures, equal to the
 * CSV again; the Compute button reads the deliveries per customer and
 * the Time Series' products per quarter in compute, the status line
 * says the compute of the window; and a scenario without products
 * says so and offers no switch.
 */

#include "config.h"

#include <math.h>

#include "wfl-cli-private.h"
#include "wfl-figures-view-private.h"
#include "wfl-format.h"
#include "wfl-resources.h"
#include "wfl-status-text.h"
#include "wfl-test-temp.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-timeseries-compute.h"
#include "wfl-window-private.h"

static gboolean
results_ready (gpointer data)
{
  return wfl_document_get_results (wfl_window_get_document (data)) != NULL &&
         !wfl_document_get_busy (wfl_window_get_document (data));
}

static WflFiguresView *
find_view (GtkWidget *widget)
{
  return (WflFiguresView *) wfl_test_find_widget (widget, WFL_TYPE_FIGURES_VIEW);
}

/* products.csv: (quarter, product) → delivered and equivalents. */
typedef struct
{
  char   quarter[16];   /* "2023 Q1", as the table titles its column */
  char   product[32];
  double delivered;
  double equivalents;
} CsvRow;

static GArray *
read_products_csv (const char *fixture)
{
  g_autofree char *dir = wfl_test_temp_path ("products-csv");
  g_autofree char *path = g_build_filename (dir, "products.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (CsvRow));
  WflCliOptions options = { 0 };

  options.simulate = TRUE;
  options.csv_dir = dir;
  options.file = (char *) fixture;
  g_assert_cmpint (wfl_cli_simulate (&options), ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "quarter,start,end,product,delivered,compute,equivalents");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      CsvRow row = { { 0 } };
      int year, q;

      g_assert_cmpuint (g_strv_length (f), ==, 7);
      g_assert_cmpint (sscanf (f[0], "%d-Q%d", &year, &q), ==, 2);
      g_snprintf (row.quarter, sizeof row.quarter, "%d Q%d", year, q);
      g_strlcpy (row.product, f[3], sizeof row.product);
      row.delivered = g_ascii_strtod (f[4], NULL);
      row.equivalents = g_ascii_strtod (f[6], NULL);
      g_array_append_val (rows, row);
    }
  return rows;
}

static const CsvRow *
csv_find (GArray     *rows,
          const char *quarter,
          const char *product)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const CsvRow *row = &g_array_index (rows, CsvRow, i);

      if (g_strcmp0 (row->quarter, quarter) == 0 && g_strcmp0 (row->product, product) == 0)
        return row;
    }
  return NULL;
}

static void
assert_close (double a,
              double b)
{
  g_assert_cmpfloat_with_epsilon (a, b, 1e-9 * MAX (1, fabs (b)));
}

/* A number as the table's cells show it: whole from 100 on, else two
 * decimals, grouped in the locale. */
static char *
screen_number (double value)
{
  value = fabs (value) >= 100 ? round (value) : round (value * 100) / 100;
  return wfl_format_number_locale (value == 0 ? 0 : value, TRUE);
}

/* The labels of each row the column view shows, by its first cell. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static GHashTable *
screen_rows (WflFiguresView *view)
{
  GtkWidget *column_view = GTK_WIDGET (_wfl_figures_view_get_column_view (view));
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  for (GtkWidget *child = gtk_widget_get_first_child (column_view); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      for (GtkWidget *row = gtk_widget_get_first_child (child); row; row = gtk_widget_get_next_sibling (row))
        {
          GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

          collect_labels (row, texts);
          if (texts->len > 0 && ((char *) texts->pdata[0])[0] != '\0')
            g_hash_table_replace (rows, g_strdup (texts->pdata[0]), texts);
          else
            g_ptr_array_unref (texts);
        }
  return rows;
}

typedef struct
{
  WflFiguresView *view;
  guint           n_rows;
} Shown;

static gboolean
rows_shown (gpointer data)
{
  Shown *shown = data;
  g_autoptr(GHashTable) rows = screen_rows (shown->view);

  return g_hash_table_size (rows) == shown->n_rows;
}

/* Copy's text: a header row, then a row per product. */
static GPtrArray *
copied_rows (WflFiguresView *view)
{
  g_autofree char *text = _wfl_figures_view_get_copy_text (view);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_ptr_array_add (rows, g_strsplit (lines[i], "\t", -1));
  return rows;
}

static guint
column_of (char      **header,
           const char *title)
{
  for (guint c = 0; header[c] != NULL; c++)
    if (g_strcmp0 (header[c], title) == 0)
      return c;
  g_error ("no column %s", title);
  return 0;
}

/* Every figure of the Products table, on screen and copied, against the
 * CSV: the quarters in the measure, the window's units and compute as the
 * sum of the quarters [first_q, last_q]. */
static double
check_products (WflFiguresView *view,
                GArray         *csv,
                gboolean        compute,
                guint           first_q,
                guint           last_q)
{
  const WflFiguresTable *table = _wfl_figures_view_get_table (view);
  g_autoptr(GPtrArray) copied = copied_rows (view);
  g_autoptr(GHashTable) screen = NULL;
  char **header = copied->pdata[0];
  guint n_columns = g_strv_length (header);
  guint in_window = column_of (header, "delivered_in_window");
  guint compute_window = column_of (header, "compute_in_window");
  Shown shown = { view, 2 };
  double sum_window = 0;

  g_assert_cmpuint (copied->len, ==, 3);
  wfl_test_wait_until (rows_shown, &shown);
  screen = screen_rows (view);
  for (guint r = 1; r < copied->len; r++)
    {
      char **row = copied->pdata[r];
      GPtrArray *labels = g_hash_table_lookup (screen, row[0]);
      double units = 0, equivalents = 0, total = 0;

      g_assert_nonnull (labels);
      g_assert_cmpuint (labels->len, ==, n_columns);
      for (guint c = 0; c < n_columns; c++)
        {
          const CsvRow *q = csv_find (csv, header[c], row[0]);
          double value, expected;
          g_autofree char *text = NULL;

          if (q == NULL)
            continue;
          /* The quarters' columns, titled as the CSV's quarters. */
          value = g_ascii_strtod (row[c], NULL);
          expected = compute ? q->equivalents : q->delivered;
          assert_close (value, expected);
          text = screen_number (expected);
          g_assert_cmpstr (labels->pdata[c], ==, text);
          total += expected;
          for (guint k = first_q; k <= last_q; k++)
            {
              g_autofree char *title = g_strdup (wfl_figures_table_get_title (table, 5 + k));

              if (g_strcmp0 (title, header[c]) == 0)
                {
                  units += q->delivered;
                  equivalents += q->equivalents;
                }
            }
        }
      assert_close (g_ascii_strtod (row[column_of (header, "total")], NULL), total);
      assert_close (g_ascii_strtod (row[in_window], NULL), units);
      assert_close (g_ascii_strtod (row[compute_window], NULL), equivalents);
      {
        g_autofree char *a = screen_number (units);
        g_autofree char *b = screen_number (equivalents);

        g_assert_cmpstr (labels->pdata[in_window], ==, a);
        g_assert_cmpstr (labels->pdata[compute_window], ==, b);
      }
      sum_window += units;
    }
  return sum_window;
}

static void
test_products (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "products-two.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) csv = read_products_csv (fixture);
  WflFiguresView *view;
  WflSimulation *results;
  WflFiguresSeries *series;
  const WflTimeSeries *s;
  double whole, second;
  int first, last;

  g_assert_true (wfl_document_load (document, file, NULL, &error));
  g_assert_no_error (error);
  wfl_test_wait_until (results_ready, window);
  results = wfl_document_get_results (document);
  g_assert_cmpuint (wfl_simulation_get_n_quarters (results), ==, 3);
  g_assert_cmpuint (csv->len, ==, 6);
  adw_view_stack_set_visible_child_name (window->view_stack, "figures");
  view = find_view (GTK_WIDGET (window));
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (_wfl_figures_view_get_measure_button (view, WFL_MEASURE_COMPUTE))));

  /* The whole calendar: three quarters. */
  _wfl_figures_view_set_table (view, WFL_FIGURES_PRODUCTS, NULL);
  g_assert_cmpstr (_wfl_figures_view_get_table_page (view), ==, "table");
  whole = check_products (view, csv, FALSE, 0, 2);

  /* The second quarter: other figures, the CSV's second quarter. */
  wfl_simulation_get_quarter_weeks (results, 1, &first, &last);
  wfl_document_set_sankey_window (document, first, last);
  second = check_products (view, csv, FALSE, 1, 1);
  g_assert_cmpfloat (second, <, whole);
  g_assert_cmpfloat (second, >, 0);

  /* In compute, as a click on the switch does. */
  g_signal_emit_by_name (_wfl_figures_view_get_measure_button (view, WFL_MEASURE_COMPUTE), "clicked");
  g_assert_cmpint (wfl_document_get_measure (document), ==, WFL_MEASURE_COMPUTE);
  check_products (view, csv, TRUE, 1, 1);

  /* The deliveries per customer in compute: per quarter, summed over the
   * customers, the CSV's equivalents of that quarter. */
  _wfl_figures_view_set_table (view, WFL_FIGURES_DELIVERIES, NULL);
  {
    const WflFiguresTable *table = _wfl_figures_view_get_table (view);
    g_autofree char *unit = wfl_compute_unit_label (results);

    g_assert_cmpstr (unit, ==, "H100 equivalents");
    for (guint q = 0; q < 3; q++)
      {
        double sum = 0, expected = 0;
        const char *title = wfl_figures_table_get_title (table, 3 + q);

        for (guint r = 0; r < wfl_figures_table_get_n_rows (table); r++)
          {
            g_assert_cmpstr (wfl_figures_table_get_text (table, r, 2), ==, unit);
            sum += wfl_figures_table_get_number (table, r, 3 + q);
          }
        expected = csv_find (csv, title, "a100")->equivalents + csv_find (csv, title, "h100")->equivalents;
        assert_close (sum, expected);
      }
  }

  /* The Time Series' products per quarter: each week its quarter's. */
  series = _wfl_figures_view_get_series (view);
  wfl_figures_series_show (series, NULL, WFL_FIGURES_SERIES_PRODUCTS);
  s = wfl_timeseries_view_get_series (wfl_figures_series_get_view (series));
  g_assert_nonnull (s);
  g_assert_cmpint (s->kind, ==, WFL_TIMESERIES_PRODUCTS);
  g_assert_cmpuint (s->lines->len, ==, 3);
  for (guint q = 0; q < 3; q++)
    {
      int a, b;
      g_autofree char *title = NULL;

      wfl_simulation_get_quarter_weeks (results, q, &a, &b);
      {
        int y, m, d;

        wfl_date_to_ymd (wfl_simulation_get_week_date (results, a), &y, &m, &d);
        title = g_strdup_printf ("%d Q%d", y, (m - 1) / 3 + 1);
      }
      for (int w = a; w <= b; w++)
        {
          assert_close (((WflTimeSeriesLine *) s->lines->pdata[0])->values[w], csv_find (csv, title, "a100")->equivalents);
          assert_close (((WflTimeSeriesLine *) s->lines->pdata[1])->values[w], csv_find (csv, title, "h100")->equivalents);
        }
    }
  /* Back to units: the chart follows. */
  g_signal_emit_by_name (_wfl_figures_view_get_measure_button (view, WFL_MEASURE_UNITS), "clicked");
  g_assert_cmpint (wfl_document_get_measure (document), ==, WFL_MEASURE_UNITS);
  s = wfl_timeseries_view_get_series (wfl_figures_series_get_view (series));
  assert_close (((WflTimeSeriesLine *) s->lines->pdata[1])->values[first], csv_find (csv, "2023 Q2", "h100")->delivered);

  /* The status line: the compute of the window. */
  {
    g_autofree char *figures = wfl_status_text_figures (results, first, last, NULL);
    g_autofree char *compute = wfl_format_amount_locale (csv_find (csv, "2023 Q2", "a100")->equivalents +
                                                         csv_find (csv, "2023 Q2", "h100")->equivalents,
                                                         "H100 equivalents");

    g_assert_nonnull (strstr (figures, compute));
    g_assert_nonnull (strstr (gtk_label_get_text (window->status_figures), compute));
  }
  wfl_test_destroy_window (window);
}

/* The built-in scenario of this branch has no products: nothing new. */
static void
test_no_products (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  WflFiguresView *view;
  g_autofree char *figures = NULL;
  int first, last;

  wfl_test_wait_until (results_ready, window);
  if (wfl_compute_available (wfl_document_get_results (document)))
    {
      g_test_skip ("the built-in scenario has products");
      wfl_test_destroy_window (window);
      return;
    }
  adw_view_stack_set_visible_child_name (window->view_stack, "figures");
  view = find_view (GTK_WIDGET (window));
  _wfl_figures_view_set_table (view, WFL_FIGURES_PRODUCTS, NULL);
  g_assert_cmpstr (_wfl_figures_view_get_table_page (view), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (_wfl_figures_view_get_model (view)), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (_wfl_figures_view_get_measure_button (view, WFL_MEASURE_COMPUTE))));
  /* The other tables are there as ever. */
  _wfl_figures_view_set_table (view, WFL_FIGURES_DELIVERIES, NULL);
  g_assert_cmpstr (_wfl_figures_view_get_table_page (view), ==, "table");
  g_assert_cmpuint (g_list_model_get_n_items (_wfl_figures_view_get_model (view)), >, 0);
  wfl_document_get_sankey_window (document, &first, &last);
  figures = wfl_status_text_figures (wfl_document_get_results (document), first, last, NULL);
  g_assert_null (strstr (figures, "compute"));
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

  g_test_add_func ("/wfl/ui/figures-products/equal-csv-window-measure", test_products);
  g_test_add_func ("/wfl/ui/figures-products/none", test_no_products);

  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
