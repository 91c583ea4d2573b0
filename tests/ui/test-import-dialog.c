/* test-import-dialog.c: importing a pasted table from the window
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import dialog of the selected node: a table with bad rows names
 * each as ROW:COLUMN and cannot be imported; 8 pasted dated capacities
 * are ready, Import replaces the schedule in one undoable edit; a
 * customer gets its order book; with nothing selected there is nothing
 * to import into.
 */

#include "config.h"

#include "wfl-import-dialog-private.h"
#include "wfl-resources.h"
#include "wfl-test-utils.h"

static const char eight[] =
  "date\tcapacity\n"
  "2023-01-02\t10\n2023-01-16\t12\n2023-01-30\t14\n2023-02-13\t16\n"
  "2023-02-27\t18\n2023-03-13\t20\n2023-03-27\t22\n2023-04-10\t24\n";

static void
test_import_dialog_capacity (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(WflScenario) before = wfl_scenario_copy (wfl_document_get_scenario (document));
  GtkWidget *window = gtk_window_new ();
  WflImportDialog *dialog;
  WflSchedule *schedule;
  gboolean can_import;
  const char *result;

  g_assert_false (wfl_import_dialog_can_import (document));
  wfl_document_select_node (document, "fab");
  g_assert_true (wfl_import_dialog_can_import (document));
  dialog = WFL_IMPORT_DIALOG (wfl_import_dialog_new (GTK_WINDOW (window), document));
  gtk_window_present (GTK_WINDOW (dialog));

  result = _wfl_import_dialog_get_result (dialog, &can_import);
  g_assert_false (can_import);

  _wfl_import_dialog_set_text (dialog, "date,capacity\n2023-01-02,10\n2023-01-09,x\n2023-13-01,4\n");
  result = _wfl_import_dialog_get_result (dialog, &can_import);
  g_assert_false (can_import);
  g_assert_cmpstr (result, ==, "3:B: “x” is not a number (the capacity)\n"
                               "4:A: “2023-13-01” is not a date; write YYYY-MM-DD (or D.M.YYYY)");
  _wfl_import_dialog_import (dialog);
  wfl_test_assert_equal (wfl_document_get_scenario (document), before);

  _wfl_import_dialog_set_text (dialog, "a,\"b\n");
  result = _wfl_import_dialog_get_result (dialog, &can_import);
  g_assert_false (can_import);
  g_assert_cmpstr (result, ==, "1:B: a quote is opened and never closed");

  _wfl_import_dialog_set_text (dialog, eight);
  result = _wfl_import_dialog_get_result (dialog, &can_import);
  g_assert_true (can_import);
  g_assert_cmpstr (result, ==, "Ready: 8 points will replace the schedule");
  g_object_ref (dialog);
  _wfl_import_dialog_import (dialog);
  g_object_unref (dialog);

  schedule = wfl_scenario_find_node (wfl_document_get_scenario (document), "fab")->capacity;
  g_assert_cmpuint (wfl_schedule_get_n_points (schedule), ==, 8);
  g_assert_cmpfloat (wfl_schedule_get_point (schedule, 7)->value, ==, 24);
  g_assert_true (wfl_document_undo (document));
  g_assert_false (wfl_document_can_undo (document));
  wfl_test_assert_equal (wfl_document_get_scenario (document), before);
  gtk_window_destroy (GTK_WINDOW (window));
  wfl_test_iterate ();
}

static void
test_import_dialog_orders (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  GtkWidget *window = gtk_window_new ();
  WflImportDialog *dialog;
  gboolean can_import;
  WflNode *cust;

  wfl_document_select_node (document, "cust");
  dialog = WFL_IMPORT_DIALOG (wfl_import_dialog_new (GTK_WINDOW (window), document));
  /* No header: placed, quantity, due by position (the first cell is a date). */
  _wfl_import_dialog_set_text (dialog, "2023-01-02,20,2023-03-06\n2023-01-16,15,\n");
  g_assert_cmpstr (_wfl_import_dialog_get_result (dialog, &can_import), ==,
                   "Ready: 2 orders will replace the order book");
  g_assert_true (can_import);
  _wfl_import_dialog_import (dialog);
  cust = wfl_scenario_find_node (wfl_document_get_scenario (document), "cust");
  g_assert_cmpuint (cust->orders->len, ==, 2);
  g_assert_cmpfloat (((WflOrder *) cust->orders->pdata[1])->quantity, ==, 15);
  g_assert_cmpstr (wfl_document_get_undo_label (document), ==, "Import Order Book");
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

  g_test_add_func ("/wfl/ui/import-dialog/capacity", test_import_dialog_capacity);
  g_test_add_func ("/wfl/ui/import-dialog/orders", test_import_dialog_orders);
  return g_test_run ();
}
