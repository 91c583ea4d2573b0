/* test-figures.c: the Figures view's tables equal the CSV tables
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the built-in scenario, every cell of the three tables is computed
 * again from the CSV tables of the same run (nodes.csv, orders.csv,
 * stages.csv), grouping the weeks into quarters by the dates the CSV
 * gives: deliveries per customer and quarter, capacity, starts, weeks
 * bound and stock per node and quarter, and each order's lead time and
 * weeks per category.  And a copy as tab-separated text holds the rows
 * given, with a header.  On tests/data/valid-demand.waferline (version 2,
 * products of known compute), the Products table and the deliveries read
 * in compute equal products.csv.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-figures.h"
#include "wfl-import.h"

static WflSimulation *sim;

static WflImportTable *
csv (WflResultsCsv which)
{
  g_autoptr(GBytes) bytes = wfl_results_csv_to_bytes (sim, which);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  WflImportTable *table;

  /* The reader's limit is for what users paste; the built-in run's
   * tables are far below it. */
  g_assert_cmpuint (length, <, WFL_IMPORT_MAX_BYTES);
  table = wfl_import_table_parse (data, length, &error);
  g_assert_no_error (error);
  return table;
}

static int
column_of (const WflImportTable *table,
           const char           *name)
{
  for (guint c = 0; c < wfl_import_table_get_n_columns (table); c++)
    if (g_strcmp0 (wfl_import_table_get_cell (table, 0, c), name) == 0)
      return c;
  g_error ("no column %s", name);
}

static int
figures_column (const WflFiguresTable *table,
                const char            *title)
{
  for (guint c = 0; c < wfl_figures_table_get_n_columns (table); c++)
    if (g_strcmp0 (wfl_figures_table_get_title (table, c), title) == 0)
      return c;
  return -1;
}

static double
number (const char *text)
{
  return text[0] == '\0' ? NAN : g_ascii_strtod (text, NULL);
}

static void
assert_same (double      got,
             double      expected,
             const char *where)
{
  if (isnan (expected) ? !isnan (got) : !(fabs (got - expected) <= 1e-9 * MAX (1, fabs (expected))))
    g_error ("%s: %.17g, the CSV gives %.17g", where, got, expected);
}

/* "2024 Q3" of an ISO date. */
static char *
quarter_of (const char *date)
{
  int year = atoi (date), month = atoi (date + 5);

  return g_strdup_printf ("%d Q%d", year, (month - 1) / 3 + 1);
}

/* Per node and quarter, from nodes.csv. */
typedef struct
{
  double capacity, starts, completed, stock;
  int    bound;
  gboolean unlimited;
} Sums;

static GHashTable *
sums_by_node_quarter (void)
{
  g_autoptr(WflImportTable) nodes = csv (WFL_RESULTS_CSV_NODES);
  GHashTable *sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int date = column_of (nodes, "date"), node = column_of (nodes, "node");
  int capacity = column_of (nodes, "capacity"), starts = column_of (nodes, "starts");
  int completed = column_of (nodes, "completed"), stock = column_of (nodes, "stock");
  int binding = column_of (nodes, "binding");

  for (guint r = 1; r < wfl_import_table_get_n_rows (nodes); r++)
    {
      g_autofree char *quarter = quarter_of (wfl_import_table_get_cell (nodes, r, date));
      char *key = g_strdup_printf ("%s/%s", wfl_import_table_get_cell (nodes, r, node), quarter);
      Sums *s = g_hash_table_lookup (sums, key);
      const char *cap = wfl_import_table_get_cell (nodes, r, capacity);

      if (s == NULL)
        g_hash_table_insert (sums, g_strdup (key), s = g_new0 (Sums, 1));
      g_free (key);
      s->unlimited |= cap[0] == '\0';
      s->capacity += cap[0] != '\0' ? number (cap) : 0;
      s->starts += number (wfl_import_table_get_cell (nodes, r, starts));
      s->completed += number (wfl_import_table_get_cell (nodes, r, completed));
      s->stock = number (wfl_import_table_get_cell (nodes, r, stock));   /* the last week's */
      s->bound += g_strcmp0 (wfl_import_table_get_cell (nodes, r, binding), "capacity") == 0;
    }
  return sums;
}

static void
test_figures_deliveries (void)
{
  g_autoptr(WflFiguresTable) table = wfl_figures_table_new (sim, WFL_FIGURES_DELIVERIES);
  g_autoptr(GHashTable) sums = sums_by_node_quarter ();
  int total = figures_column (table, "total");
  guint checked = 0;

  g_assert_cmpuint (wfl_figures_table_get_n_rows (table), >, 10);
  for (guint r = 0; r < wfl_figures_table_get_n_rows (table); r++)
    {
      const char *customer = wfl_figures_table_get_text (table, r, 0);
      double all = 0;

      for (guint c = 3; c < (guint) total; c++)
        {
          g_autofree char *key = g_strdup_printf ("%s/%s", customer, wfl_figures_table_get_title (table, c));
          Sums *s = g_hash_table_lookup (sums, key);

          g_assert_nonnull (s);
          assert_same (wfl_figures_table_get_number (table, r, c), s->completed, key);
          all += s->completed;
          checked++;
        }
      assert_same (wfl_figures_table_get_number (table, r, total), all, customer);
    }
  g_assert_cmpuint (checked, >, 100);
}

static void
test_figures_nodes (void)
{
  g_autoptr(WflFiguresTable) table = wfl_figures_table_new (sim, WFL_FIGURES_NODES);
  g_autoptr(GHashTable) sums = sums_by_node_quarter ();
  int capacity = figures_column (table, "capacity"), starts = figures_column (table, "starts");
  int utilisation = figures_column (table, "utilisation"), bound = figures_column (table, "weeks_bound");
  int stock = figures_column (table, "stock"), quarter = figures_column (table, "quarter");

  g_assert_cmpuint (wfl_figures_table_get_n_rows (table), >, 100);
  for (guint r = 0; r < wfl_figures_table_get_n_rows (table); r++)
    {
      g_autofree char *key = g_strdup_printf ("%s/%s", wfl_figures_table_get_text (table, r, 0),
                                              wfl_figures_table_get_text (table, r, quarter));
      Sums *s = g_hash_table_lookup (sums, key);

      g_assert_nonnull (s);
      assert_same (wfl_figures_table_get_number (table, r, capacity), s->unlimited ? NAN : s->capacity, key);
      assert_same (wfl_figures_table_get_number (table, r, starts), s->starts, key);
      assert_same (wfl_figures_table_get_number (table, r, utilisation),
                   s->unlimited || s->capacity == 0 ? NAN : s->starts / s->capacity, key);
      assert_same (wfl_figures_table_get_number (table, r, bound), s->bound, key);
      assert_same (wfl_figures_table_get_number (table, r, stock), s->stock, key);
    }
}

static void
test_figures_orders (void)
{
  g_autoptr(WflFiguresTable) table = wfl_figures_table_new (sim, WFL_FIGURES_ORDERS);
  g_autoptr(WflImportTable) orders = csv (WFL_RESULTS_CSV_ORDERS);
  g_autoptr(WflImportTable) stages = csv (WFL_RESULTS_CSV_STAGES);
  const char *sums[] = { "allocation_weeks", "wait_weeks", "transit_weeks" };
  guint s = 1;

  g_assert_cmpuint (wfl_figures_table_get_n_rows (table), ==, wfl_import_table_get_n_rows (orders) - 1);
  for (guint r = 0; r < wfl_figures_table_get_n_rows (table); r++)
    {
      const char *id = wfl_import_table_get_cell (orders, r + 1, column_of (orders, "order"));
      double lead = 0, work = 0, stock = 0, categories[G_N_ELEMENTS (sums)] = { 0 };

      g_assert_cmpstr (wfl_figures_table_get_text (table, r, 1), ==, id);
      assert_same (wfl_figures_table_get_number (table, r, figures_column (table, "quantity")),
                   number (wfl_import_table_get_cell (orders, r + 1, column_of (orders, "quantity"))), id);
      assert_same (wfl_figures_table_get_number (table, r, figures_column (table, "lateness_weeks")),
                   number (wfl_import_table_get_cell (orders, r + 1, column_of (orders, "lateness_weeks"))), id);
      {
        g_autofree char *filled = wfl_figures_table_format_cell (table, r, figures_column (table, "filled"), FALSE);

        g_assert_cmpstr (filled, ==, wfl_import_table_get_cell (orders, r + 1, column_of (orders, "filled")));
      }
      /* The order's rows of stages.csv, in the same order. */
      for (; s < wfl_import_table_get_n_rows (stages) &&
             g_strcmp0 (wfl_import_table_get_cell (stages, s, column_of (stages, "order")), id) == 0; s++)
        {
          double weeks = number (wfl_import_table_get_cell (stages, s, column_of (stages, "weeks")));

          lead += number (wfl_import_table_get_cell (stages, s, column_of (stages, "wait_before_weeks"))) + weeks;
          if (g_strcmp0 (wfl_import_table_get_cell (stages, s, column_of (stages, "kind")), "stock") == 0)
            stock += weeks;
          else
            work += weeks;
          for (guint k = 0; k < G_N_ELEMENTS (sums); k++)
            categories[k] += number (wfl_import_table_get_cell (stages, s, column_of (stages, sums[k])));
        }
      if (wfl_import_table_get_cell (orders, r + 1, column_of (orders, "filled"))[0] == '\0')
        {
          assert_same (wfl_figures_table_get_number (table, r, figures_column (table, "lead_time_weeks")), NAN, id);
          continue;
        }
      assert_same (wfl_figures_table_get_number (table, r, figures_column (table, "lead_time_weeks")), lead, id);
      assert_same (wfl_figures_table_get_number (table, r, figures_column (table, "work_weeks")), work, id);
      assert_same (wfl_figures_table_get_number (table, r, figures_column (table, "stock_weeks")), stock, id);
      for (guint k = 0; k < G_N_ELEMENTS (sums); k++)
        assert_same (wfl_figures_table_get_number (table, r, figures_column (table, sums[k])), categories[k], id);
    }
  g_assert_cmpuint (s, ==, wfl_import_table_get_n_rows (stages));
}

static void
test_figures_tsv (void)
{
  g_autoptr(WflFiguresTable) table = wfl_figures_table_new (sim, WFL_FIGURES_NODES);
  const guint rows[] = { 3, 0 };
  g_autofree char *tsv = wfl_figures_table_to_tsv (table, rows, G_N_ELEMENTS (rows));
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);
  g_auto(GStrv) cells = NULL;

  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, two rows, "" */
  g_assert_cmpstr (lines[0], ==, "node\tname\tunit\tquarter\tcapacity\tstarts\tutilisation\tweeks_bound\tstock");
  cells = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpuint (g_strv_length (cells), ==, 9);
  g_assert_cmpstr (cells[0], ==, wfl_figures_table_get_text (table, 3, 0));
  g_assert_cmpstr (cells[3], ==, wfl_figures_table_get_text (table, 3, 3));
  /* Numbers in the C locale's form, without grouping. */
  g_assert_cmpfloat (g_ascii_strtod (cells[5], NULL), ==, wfl_figures_table_get_number (table, 3, 5));
  g_assert_true (g_str_has_prefix (lines[2], wfl_figures_table_get_text (table, 0, 0)));
}

/* products.csv's column of (quarter "2023 Q1", product). */
static double
products_csv (WflImportTable *table,
              const char     *quarter,
              const char     *product,
              const char     *column)
{
  int q = column_of (table, "quarter"), p = column_of (table, "product"), c = column_of (table, column);

  for (guint r = 1; r < wfl_import_table_get_n_rows (table); r++)
    {
      g_autofree char *title = g_strdup (wfl_import_table_get_cell (table, r, q));

      g_strdelimit (title, "-", ' ');
      if (g_strcmp0 (title, quarter) == 0 && g_strcmp0 (wfl_import_table_get_cell (table, r, p), product) == 0)
        return number (wfl_import_table_get_cell (table, r, c));
    }
  g_error ("no row %s %s in products.csv", quarter, product);
}

static void
test_figures_products (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-demand.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_load_file (file, NULL, NULL, &error);
  g_autoptr(WflSimulation) demand = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WflImportTable) csv_table = NULL;
  g_autoptr(WflFiguresTable) products = NULL;
  g_autoptr(WflFiguresTable) window = NULL;
  g_autoptr(WflFiguresTable) deliveries = NULL;
  g_autoptr(WflFiguresTable) none = wfl_figures_table_new (sim, WFL_FIGURES_PRODUCTS);
  int first, last, total;
  gsize length;

  /* The built-in scenario of this branch has none: no rows. */
  if (wfl_simulation_get_n_skus (sim) == 0)
    g_assert_cmpuint (wfl_figures_table_get_n_rows (none), ==, 0);
  g_assert_no_error (error);
  demand = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (demand, NULL, &error));
  bytes = wfl_results_csv_to_bytes (demand, WFL_RESULTS_CSV_PRODUCTS);
  csv_table = wfl_import_table_parse (g_bytes_get_data (bytes, &length), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  /* The whole calendar in units: quarters, total, the window's sums. */
  products = wfl_figures_table_new (demand, WFL_FIGURES_PRODUCTS);
  g_assert_cmpuint (wfl_figures_table_get_n_rows (products), ==, 2);
  total = figures_column (products, "total");
  for (guint r = 0; r < 2; r++)
    {
      const char *id = wfl_figures_table_get_text (products, r, 0);
      double units = 0, equivalents = 0;

      for (int c = 5; c < total; c++)
        {
          const char *quarter = wfl_figures_table_get_title (products, c);

          assert_same (wfl_figures_table_get_number (products, r, c),
                       products_csv (csv_table, quarter, id, "delivered"), quarter);
          units += products_csv (csv_table, quarter, id, "delivered");
          equivalents += products_csv (csv_table, quarter, id, "equivalents");
        }
      g_assert_cmpfloat (units, >, 0);
      assert_same (wfl_figures_table_get_number (products, r, total), units, id);
      assert_same (wfl_figures_table_get_number (products, r, figures_column (products, "delivered_in_window")), units, id);
      assert_same (wfl_figures_table_get_number (products, r, figures_column (products, "compute_in_window")),
                   equivalents, id);
    }

  /* The second quarter's window, in compute. */
  wfl_simulation_get_quarter_weeks (demand, 1, &first, &last);
  window = wfl_figures_table_new_full (demand, WFL_FIGURES_PRODUCTS, WFL_MEASURE_COMPUTE, first, last);
  for (guint r = 0; r < 2; r++)
    {
      const char *id = wfl_figures_table_get_text (window, r, 0);
      const char *q2 = wfl_figures_table_get_title (window, 6);

      assert_same (wfl_figures_table_get_number (window, r, 6), products_csv (csv_table, q2, id, "equivalents"), q2);
      assert_same (wfl_figures_table_get_number (window, r, figures_column (window, "delivered_in_window")),
                   products_csv (csv_table, q2, id, "delivered"), id);
      assert_same (wfl_figures_table_get_number (window, r, figures_column (window, "compute_in_window")),
                   products_csv (csv_table, q2, id, "equivalents"), id);
    }

  /* Deliveries per customer in compute: each customer here receives one
   * product (cloud the H100s, china the H20s). */
  deliveries = wfl_figures_table_new_full (demand, WFL_FIGURES_DELIVERIES, WFL_MEASURE_COMPUTE, 0,
                                           wfl_simulation_get_n_weeks (demand) - 1);
  for (guint r = 0; r < wfl_figures_table_get_n_rows (deliveries); r++)
    {
      const char *customer = wfl_figures_table_get_text (deliveries, r, 0);
      const char *product = g_strcmp0 (customer, "cloud") == 0 ? "h100" : "h20";

      g_assert_cmpstr (wfl_figures_table_get_text (deliveries, r, 2), ==, "H100 SXM equivalents");
      for (int c = 3; c < figures_column (deliveries, "total"); c++)
        assert_same (wfl_figures_table_get_number (deliveries, r, c),
                     products_csv (csv_table, wfl_figures_table_get_title (deliveries, c), product, "equivalents"),
                     customer);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  scenario = wfl_scenario_new_builtin (&error);
  g_assert_no_error (error);
  sim = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (sim, NULL, &error));

  g_test_add_func ("/wfl/core/figures/deliveries", test_figures_deliveries);
  g_test_add_func ("/wfl/core/figures/nodes", test_figures_nodes);
  g_test_add_func ("/wfl/core/figures/orders", test_figures_orders);
  g_test_add_func ("/wfl/core/figures/tsv", test_figures_tsv);
  g_test_add_func ("/wfl/core/figures/products", test_figures_products);
  status = g_test_run ();
  g_object_unref (sim);
  return status;
}
