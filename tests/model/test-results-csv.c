/* test-results-csv.c: the large results tables, row by row
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * nodes.csv and links.csv of a scenario large enough that their weeks
 * are shared among threads (over 100,000 rows) must be exactly the rows
 * made one by one from the simulation's accessors, in week order.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-model.h"
#include "wfl-layered-scenario.h"

static void
append_number (GString *out,
               double   value)
{
  g_autofree char *text = NULL;

  g_string_append_c (out, ',');
  if (isnan (value))
    return;
  text = wfl_format_double (value == 0 ? 0 : value);
  g_string_append (out, text);
}

/* nodes.csv as docs/architecture.md describes it, one printf a row. */
static char *
expected_nodes (WflSimulation *sim)
{
  static const WflSeries columns[] = {
    WFL_SERIES_CAPACITY, WFL_SERIES_DESIRED, WFL_SERIES_STARTS, WFL_SERIES_COMPLETED,
    WFL_SERIES_STOCK, WFL_SERIES_WIP, WFL_SERIES_UTILISATION,
  };
  GString *out = g_string_new ("week,date,node,capacity,desired,starts,completed,stock,wip,utilisation,binding\n");

  for (int t = 0; t < wfl_simulation_get_n_weeks (sim); t++)
    {
      g_autofree char *date = wfl_date_format (wfl_simulation_get_week_date (sim, t));

      for (guint n = 0; n < wfl_simulation_get_n_nodes (sim); n++)
        {
          const char *input = NULL;
          WflBinding binding = wfl_simulation_get_binding (sim, n, t, &input);

          g_string_append_printf (out, "%d,%s,%s", t, date, wfl_simulation_get_node_id (sim, n));
          for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
            append_number (out, wfl_simulation_get_node_value (sim, n, columns[c], t));
          g_string_append_printf (out, ",%s%s\n",
                                  binding == WFL_BINDING_DEMAND ? "demand" :
                                  binding == WFL_BINDING_CAPACITY ? "capacity" :
                                  binding == WFL_BINDING_INPUT ? "input:" : "",
                                  binding == WFL_BINDING_INPUT ? input : "");
        }
    }
  return g_string_free (out, FALSE);
}

static char *
expected_links (WflSimulation *sim)
{
  GString *out = g_string_new ("week,date,from,to,shipped\n");

  for (int t = 0; t < wfl_simulation_get_n_weeks (sim); t++)
    {
      g_autofree char *date = wfl_date_format (wfl_simulation_get_week_date (sim, t));

      for (guint l = 0; l < wfl_simulation_get_n_links (sim); l++)
        {
          g_string_append_printf (out, "%d,%s,%s,%s", t, date,
                                  wfl_simulation_get_node_id (sim, wfl_simulation_get_link_from (sim, l)),
                                  wfl_simulation_get_node_id (sim, wfl_simulation_get_link_to (sim, l)));
          append_number (out, wfl_simulation_get_link_shipped (sim, l, t));
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

/* The first line where a and b differ, for a readable failure. */
static void
assert_same_text (const char *what,
                  const char *got,
                  const char *expected)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  if (strcmp (got, expected) == 0)
    return;
  a = g_strsplit (got, "\n", -1);
  b = g_strsplit (expected, "\n", -1);
  for (guint i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (strcmp (a[i], b[i]) != 0)
      g_error ("%s line %u is “%s”, expected “%s”", what, i + 1, a[i], b[i]);
  g_error ("%s has %u lines, expected %u", what, g_strv_length (a), g_strv_length (b));
}

static void
test_large_tables (void)
{
  /* 200 nodes and 400 links over 520 weeks: 104,000 and 208,000 rows. */
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (17, 10, 20, 400, 520);
  g_autoptr(WflSimulation) sim = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) nodes = NULL;
  g_autoptr(GBytes) links = NULL;
  g_autofree char *expected = NULL;

  sim = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (sim, NULL, &error));
  g_assert_cmpuint (wfl_simulation_get_n_nodes (sim) * wfl_simulation_get_n_weeks (sim), >, 100000);

  nodes = wfl_results_csv_to_bytes (sim, WFL_RESULTS_CSV_NODES);
  expected = expected_nodes (sim);
  assert_same_text ("nodes.csv", g_bytes_get_data (nodes, NULL), expected);
  g_assert_cmpuint (g_bytes_get_size (nodes), ==, strlen (expected));
  g_clear_pointer (&expected, g_free);

  links = wfl_results_csv_to_bytes (sim, WFL_RESULTS_CSV_LINKS);
  expected = expected_links (sim);
  assert_same_text ("links.csv", g_bytes_get_data (links, NULL), expected);
  g_assert_cmpuint (g_bytes_get_size (links), ==, strlen (expected));
}

/* The same for tables of a few rows (one thread). */
static void
test_small_tables (void)
{
  for (int weeks = 26; weeks <= 52; weeks += 26)
    {
      g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (3, 3, 4, 20, weeks);
      g_autoptr(WflSimulation) sim = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) nodes = NULL;
      g_autoptr(GBytes) links = NULL;
      g_autofree char *expected_n = NULL;
      g_autofree char *expected_l = NULL;

      sim = wfl_simulation_new (scenario, &error);
      g_assert_no_error (error);
      g_assert_true (wfl_simulation_run (sim, NULL, &error));
      nodes = wfl_results_csv_to_bytes (sim, WFL_RESULTS_CSV_NODES);
      links = wfl_results_csv_to_bytes (sim, WFL_RESULTS_CSV_LINKS);
      expected_n = expected_nodes (sim);
      expected_l = expected_links (sim);
      assert_same_text ("nodes.csv", g_bytes_get_data (nodes, NULL), expected_n);
      assert_same_text ("links.csv", g_bytes_get_data (links, NULL), expected_l);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/results-csv/large-tables", test_large_tables);
  g_test_add_func ("/wfl/model/results-csv/small-tables", test_small_tables);
  return g_test_run ();
}
