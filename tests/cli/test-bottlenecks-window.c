/* test-bottlenecks-window.c: the window and --bottlenecks rank alike
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window ranks the Sankey's week window of its document (saved in
 * the scenario's views as dates, or set from the time bar); the command
 * line ranks --from/--to.  For the same dates both must give the same
 * weeks and the same rows, and the status line must name what the
 * command line puts first. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-cli-private.h"
#include "wfl-document.h"
#include "wfl-status-text.h"
#include "wfl-test-utils.h"

static GString *printed;

static void
print_cb (const char *text)
{
  g_string_append (printed, text);
}

/* The lines --bottlenecks prints for the built-in scenario. */
static char **
run_cli (const char *from,
         const char *to)
{
  WflCliOptions options = { 0 };
  g_autofree char *text = NULL;
  GPrintFunc old;
  int status;

  options.bottlenecks = TRUE;
  options.from = (char *) from;
  options.to = (char *) to;
  printed = g_string_new (NULL);
  old = g_set_print_handler (print_cb);
  status = wfl_cli_bottlenecks (&options);
  g_set_print_handler (old);
  g_assert_cmpint (status, ==, 0);
  text = g_string_free (g_steal_pointer (&printed), FALSE);
  return g_strsplit (text, "\n", -1);
}

static gboolean
ranked (gpointer data)
{
  return wfl_document_get_bottlenecks (data) != NULL;
}

/* A document on the built-in scenario whose saved Sankey window is from
 * … to, once it has ranked that window. */
static WflDocument *
ranked_document (const char *from,
                 const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_new_builtin (&error);
  WflViews *views;
  WflDocument *document;

  g_assert_no_error (error);
  views = wfl_scenario_get_views (scenario);
  views->has_sankey = TRUE;
  views->sankey_from = wfl_date_parse (from);
  views->sankey_to = wfl_date_parse (to);
  document = wfl_document_new_for_scenario (scenario, NULL);
  wfl_test_wait_until (ranked, document);
  return document;
}

static void
assert_same_ranking (const char *from,
                     const char *to)
{
  g_autoptr(WflDocument) document = ranked_document (from, to);
  g_auto(GStrv) lines = run_cli (from, to);
  WflSimulation *results = wfl_document_get_results (document);
  GArray *ranking = wfl_document_get_bottlenecks (document);
  g_autofree char *status = wfl_status_text_bottlenecks (results, ranking, NULL);
  g_autofree char *window = NULL;
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  int first, last;
  guint header = 0, rank = 0;

  /* The same weeks. */
  wfl_document_get_sankey_window (document, &first, &last);
  first_day = wfl_date_format (wfl_simulation_get_week_date (results, first));
  last_day = wfl_date_format (wfl_simulation_get_week_date (results, last) + 6);
  window = g_strdup_printf ("Window: %s to %s (%d weeks)", first_day, last_day, last - first + 1);
  g_assert_cmpstr (lines[0], ==, window);

  /* The same rows, in the same order, with the same figures. */
  while (lines[header] != NULL && !g_str_has_prefix (lines[header], "product  rank"))
    header++;
  g_assert_nonnull (lines[header]);
  for (guint i = 0; i < ranking->len; i++)
    {
      const WflBottleneck *row = &g_array_index (ranking, WflBottleneck, i);
      g_auto(GStrv) cells = g_regex_split_simple ("\\s+", lines[header + 1 + i], 0, 0);
      guint n = g_strv_length (cells);
      char gain[G_ASCII_DTOSTR_BUF_SIZE];

      rank = i > 0 && g_array_index (ranking, WflBottleneck, i - 1).product == row->product ? rank + 1 : 1;
      g_assert_cmpuint (n, >=, 7);
      g_assert_cmpstr (cells[0], ==, wfl_simulation_get_product_unit (results, row->product));
      g_assert_cmpuint (g_ascii_strtoull (cells[1], NULL, 10), ==, rank);
      g_assert_cmpstr (cells[2], ==, wfl_simulation_get_node_id (results, row->node));
      g_assert_cmpstr (cells[n - 3], ==, g_ascii_formatd (gain, sizeof gain, "%.1f", row->gain));

      /* The status line names each end product's first row with a gain. */
      if (rank == 1 && row->gain > 0)
        g_assert_nonnull (strstr (status, wfl_simulation_get_node_name (results, row->node)));
    }
  g_assert_cmpstr (lines[header + 1 + ranking->len], ==, "");
}

/* The example, 2024-01-01 to 2025-01-05: the window used to say
 * TPU CoWoS 63,918 (the node capacity-bound in most weeks), the command
 * line CoWoS-S 106,153 (the largest gain). */
static void
test_bottlenecks_window_2024 (void)
{
  assert_same_ranking ("2024-01-01", "2025-01-05");
}

/* Dates inside weeks: both read them as those weeks. */
static void
test_bottlenecks_window_inside_weeks (void)
{
  assert_same_ranking ("2023-07-01", "2023-09-30");
  assert_same_ranking ("2025-02-12", "2025-06-18");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/cli/bottlenecks-window/2024", test_bottlenecks_window_2024);
  g_test_add_func ("/wfl/cli/bottlenecks-window/inside-weeks", test_bottlenecks_window_inside_weeks);

  return g_test_run ();
}
