/* test-export-spreadsheet.c: the window's XLSX workbook and printed brief
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export dialog's "XLSX workbook of the results" writes, in a thread,
 * the results shown and the bottleneck ranking of the Sankey's window.
 * The same workbook comes from `--simulate --xlsx OUT --from --to` with
 * the window's dates: both are read back by openpyxl (Debian's
 * python3-openpyxl) and every cell of every sheet must be equal.  The
 * dialog, with the spreadsheet chosen, asks for it instead of a chart.
 * The brief from the window is of the Sankey's window.  While comparing,
 * the workbook has the deltas sheet that `--compare BASE VARIANT --xlsx`
 * writes.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wfl-application.h"
#include "wfl-cli-private.h"
#include "wfl-export-dialog.h"
#include "wfl-resources.h"
#include "wfl-test-temp.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

static gboolean
ranking_ready (gpointer data)
{
  WflDocument *document = wfl_window_get_document (data);

  return wfl_document_get_results (document) != NULL && wfl_document_get_bottlenecks (document) != NULL;
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  int *done = user_data;

  g_assert_true (_wfl_window_write_spreadsheet_finish (WFL_WINDOW (object), result, &error));
  g_assert_no_error (error);
  *done = 1;
}

static gboolean
is_done (gpointer data)
{
  return *(int *) data != 0;
}

/* Every cell of every sheet of a and b, as openpyxl reads them. */
static const char compare_script[] =
  "import sys\n"
  "try:\n"
  "    import openpyxl\n"
  "except ImportError:\n"
  "    sys.exit(77)\n"
  "a, b = (openpyxl.load_workbook(p) for p in sys.argv[1:3])\n"
  "assert a.sheetnames == b.sheetnames, (a.sheetnames, b.sheetnames)\n"
  "assert 'bottlenecks' in a.sheetnames\n"
  "for name in a.sheetnames:\n"
  "    x = [[c.value for c in r] for r in a[name].iter_rows()]\n"
  "    y = [[c.value for c in r] for r in b[name].iter_rows()]\n"
  "    assert x == y, name\n"
  "    # The version-2 tables are a header only without quotas, grants,\n"
  "    # expansions or products (the built-in scenario has none).\n"
  "    assert len(x) > 1 or name in ('quotas', 'grants', 'expansions', 'products'), name\n"
  "print(sys.argv[3], a['bottlenecks']['H2'].value.date().isoformat(), a['bottlenecks']['I2'].value.date().isoformat())\n";

static void
test_export_spreadsheet_window (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  g_autofree char *window_path = wfl_test_temp_path ("window-results.xlsx");
  g_autofree char *cli_path = wfl_test_temp_path ("cli-results.xlsx");
  g_autoptr(GFile) file = g_file_new_for_path (window_path);
  g_autofree char *from = NULL, *to = NULL, *out = NULL, *err = NULL, *expected = NULL;
  g_autoptr(GError) error = NULL;
  WflCliOptions options = { 0 };
  WflSimulation *results;
  int done = 0, status = 0;
  int first, last;
  const char *argv[] = { "/usr/bin/python3", "-c", compare_script, window_path, cli_path, "window", NULL };

  wfl_test_wait_until (ranking_ready, window);
  /* A window of its own, the second half of 2024: ranked at once. */
  results = wfl_document_get_results (document);
  first = wfl_week_of_date (wfl_simulation_get_start (results), wfl_date_parse ("2024-07-01"));
  last = wfl_week_of_date (wfl_simulation_get_start (results), wfl_date_parse ("2024-12-31"));
  wfl_document_set_sankey_window (document, first, last);
  wfl_test_wait_until (ranking_ready, window);

  _wfl_window_write_spreadsheet (window, file, NULL, written_cb, &done);
  wfl_test_wait_until (is_done, &done);

  from = wfl_date_format (wfl_simulation_get_week_date (results, first));
  to = wfl_date_format (wfl_simulation_get_week_date (results, last));
  options.simulate = TRUE;
  options.xlsx_path = cli_path;
  options.from = from;
  options.to = to;
  g_assert_cmpint (wfl_cli_simulate (&options), ==, 0);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("python3-openpyxl is not installed (./run.sh test installs it)");
      wfl_test_destroy_window (window);
      return;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the workbooks differ: %s", err);
  /* The ranking's window: from the Monday of its first week to the
   * Sunday of its last. */
  {
    g_autofree char *last_day = wfl_date_format (wfl_simulation_get_week_date (results, last) + 6);

    expected = g_strdup_printf ("window %s %s\n", from, last_day);
  }
  g_assert_cmpstr (out, ==, expected);
  wfl_test_destroy_window (window);
}

/* The comparison with its bottleneck rows, which come once the
 * baseline's ranking has run too. */
static gboolean
comparison_ready (gpointer data)
{
  WflWindow *window = data;
  WflComparison *cmp;

  if (!ranking_ready (window) || wfl_document_get_busy (wfl_window_get_document (window)) ||
      (cmp = wfl_compare_session_get_comparison (_wfl_window_get_compare_session (window))) == NULL)
    return FALSE;
  for (guint i = 0; i < wfl_comparison_get_n_rows (cmp); i++)
    if (wfl_comparison_get_row (cmp, i)->measure == WFL_COMPARE_BOTTLENECK_RANK)
      return TRUE;
  return FALSE;
}

/* Every cell of every sheet of a and b, a deltas sheet among them with
 * compare.csv's header and rows that differ. */
static const char compare_deltas_script[] =
  "import sys\n"
  "try:\n"
  "    import openpyxl\n"
  "except ImportError:\n"
  "    sys.exit(77)\n"
  "a, b = (openpyxl.load_workbook(p) for p in sys.argv[1:3])\n"
  "assert a.sheetnames == b.sheetnames, (a.sheetnames, b.sheetnames)\n"
  "assert a.sheetnames[-1] == 'deltas', a.sheetnames\n"
  "for name in a.sheetnames:\n"
  "    x = [[c.value for c in r] for r in a[name].iter_rows()]\n"
  "    y = [[c.value for c in r] for r in b[name].iter_rows()]\n"
  "    assert x == y, name\n"
  "d = [[c.value for c in r] for r in a['deltas'].iter_rows()]\n"
  "assert d[0][:4] == ['subject', 'id', 'name', 'product'], d[0]\n"
  "i = d[0].index('differs')\n"
  "differ = [r for r in d[1:] if r[i] in (1, True, 'true')]\n"
  "same = [r for r in d[1:] if r[i] not in (1, True, 'true')]\n"
  "print(len(differ) > 0, len(same) > 0)\n";

/* While comparing, the window's workbook has the deltas sheet of the
 * Sankey's window last, cell for cell what `--compare BASE VARIANT
 * --xlsx OUT --from --to` writes; without a baseline, none. */
static void
test_export_spreadsheet_compared (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  g_autofree char *base_path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                      "ai-hardware-2023-2025.waferline", NULL);
  g_autofree char *variant_path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                         "cowos-doubled-2023.waferline", NULL);
  g_autofree char *window_path = wfl_test_temp_path ("window-compared.xlsx");
  g_autofree char *cli_path = wfl_test_temp_path ("cli-compared.xlsx");
  g_autofree char *plain_path = wfl_test_temp_path ("window-plain.xlsx");
  g_autoptr(GFile) base = g_file_new_for_path (base_path);
  g_autoptr(GFile) variant = g_file_new_for_path (variant_path);
  g_autoptr(GFile) file = g_file_new_for_path (window_path);
  g_autoptr(GFile) plain = g_file_new_for_path (plain_path);
  g_autofree char *from = NULL, *to = NULL, *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  WflCliOptions options = { 0 };
  WflSimulation *results;
  int done = 0, status = 0, first, last;
  const char *argv[] = { "/usr/bin/python3", "-c", compare_deltas_script, window_path, cli_path, NULL };

  g_assert_true (wfl_document_load (document, variant, NULL, &error));
  g_assert_no_error (error);
  wfl_test_wait_until (ranking_ready, window);
  results = wfl_document_get_results (document);
  first = wfl_week_of_date (wfl_simulation_get_start (results), wfl_date_parse ("2024-01-01"));
  last = wfl_week_of_date (wfl_simulation_get_start (results), wfl_date_parse ("2024-06-30"));
  wfl_document_set_sankey_window (document, first, last);
  _wfl_window_compare_with_file (window, base);
  wfl_test_wait_until (comparison_ready, window);

  _wfl_window_write_spreadsheet (window, file, NULL, written_cb, &done);
  wfl_test_wait_until (is_done, &done);

  from = wfl_date_format (wfl_simulation_get_week_date (results, first));
  to = wfl_date_format (wfl_simulation_get_week_date (results, last));
  options.compare_path = base_path;
  options.file = variant_path;
  options.xlsx_path = cli_path;
  options.from = from;
  options.to = to;
  g_assert_cmpint (wfl_cli_compare (&options), ==, 0);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("python3-openpyxl is not installed (./run.sh test installs it)");
      wfl_test_destroy_window (window);
      return;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the workbooks differ: %s", err);
  /* Every row, those that differ and those that do not. */
  g_assert_cmpstr (out, ==, "True True\n");

  /* Stopped comparing: no deltas sheet. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "compare-stop", NULL);
  done = 0;
  _wfl_window_write_spreadsheet (window, plain, NULL, written_cb, &done);
  wfl_test_wait_until (is_done, &done);
  {
    const char *plain_argv[] = { "/usr/bin/python3", "-c",
                                 "import sys, openpyxl\n"
                                 "print(openpyxl.load_workbook(sys.argv[1]).sheetnames[-1])\n",
                                 plain_path, NULL };
    g_autofree char *last_sheet = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) plain_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &last_sheet, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (last_sheet, !=, "deltas\n");
    g_assert_cmpstr (last_sheet, ==, "products\n");
  }
  wfl_test_destroy_window (window);
}

static void
count_cb (GObject *object,
          gpointer user_data)
{
  (*(int *) user_data)++;
}

static void
chart_cb (GObject *object,
          int      chart,
          int      format,
          int      width,
          int      height,
          double   scale,
          gpointer user_data)
{
  (*(int *) user_data)++;
}

/* With the spreadsheet chosen (the last export's format), the dialog asks
 * for the workbook, not a chart. */
static void
test_export_spreadsheet_dialog (void)
{
  WflWindow *window = wfl_test_new_window ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.waferline.Waferline");
  WflExportDialog *dialog;
  int spreadsheets = 0, charts = 0;

  g_settings_set_string (settings, "export-format", "xlsx");
  dialog = wfl_export_dialog_new (GTK_WINDOW (window), WFL_CHART_SANKEY);
  g_assert_true (wfl_export_dialog_get_spreadsheet (dialog));
  g_signal_connect (dialog, "export-spreadsheet", G_CALLBACK (count_cb), &spreadsheets);
  g_signal_connect (dialog, "export", G_CALLBACK (chart_cb), &charts);
  wfl_export_dialog_confirm (dialog);
  g_assert_cmpint (spreadsheets, ==, 1);
  g_assert_cmpint (charts, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_settings_set_string (settings, "export-format", "svg");
  dialog = wfl_export_dialog_new (GTK_WINDOW (window), WFL_CHART_SANKEY);
  g_assert_false (wfl_export_dialog_get_spreadsheet (dialog));
  g_signal_connect (dialog, "export-spreadsheet", G_CALLBACK (count_cb), &spreadsheets);
  g_signal_connect (dialog, "export", G_CALLBACK (chart_cb), &charts);
  wfl_export_dialog_confirm (dialog);
  g_assert_cmpint (spreadsheets, ==, 1);
  g_assert_cmpint (charts, ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wfl_test_destroy_window (window);
}

static void
brief_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  int *done = user_data;

  g_assert_true (_wfl_window_write_brief_finish (WFL_WINDOW (object), result, &error));
  g_assert_no_error (error);
  *done = 1;
}

static void
test_export_brief_window (void)
{
  WflWindow *window = wfl_test_new_window ();
  WflDocument *document = wfl_window_get_document (window);
  g_autofree char *path = wfl_test_temp_path ("window-brief.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *out = NULL, *expected = NULL, *from = NULL, *to = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  WflSimulation *results;
  int done = 0, status = 0, first, last;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed (poppler-utils; ./run.sh test installs it)");
      wfl_test_destroy_window (window);
      return;
    }
  wfl_test_wait_until (ranking_ready, window);
  results = wfl_document_get_results (document);
  first = wfl_week_of_date (wfl_simulation_get_start (results), wfl_date_parse ("2024-01-01"));
  last = wfl_week_of_date (wfl_simulation_get_start (results), wfl_date_parse ("2024-03-31"));
  wfl_document_set_sankey_window (document, first, last);
  wfl_test_wait_until (ranking_ready, window);

  _wfl_window_write_brief (window, file, brief_cb, &done);
  wfl_test_wait_until (is_done, &done);
  {
    const char *argv[] = { pdftotext, "-f", "2", "-l", "2", path, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, NULL));
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  from = wfl_date_format (wfl_simulation_get_week_date (results, first));
  to = wfl_date_format (wfl_simulation_get_week_date (results, last) + 6);
  expected = g_strdup_printf ("Flows, %s to %s (%d weeks)", from, to, last - first + 1);
  g_assert_nonnull (strstr (out, expected));
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

  g_test_add_func ("/wfl/ui/export-spreadsheet/window", test_export_spreadsheet_window);
  g_test_add_func ("/wfl/ui/export-spreadsheet/compared", test_export_spreadsheet_compared);
  g_test_add_func ("/wfl/ui/export-spreadsheet/dialog", test_export_spreadsheet_dialog);
  g_test_add_func ("/wfl/ui/export-spreadsheet/brief", test_export_brief_window);

  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
