/* test-import.c: a schedule or an order book from pasted or saved tables
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A block of 8 dated capacities pasted from a spreadsheet replaces a
 * schedule in one undoable edit; a table with bad rows changes nothing
 * and names every bad row as ROW:COLUMN; hostile tables (quotes, NUL,
 * 100 MB, a million rows) are refused with a message saying where, in
 * bounded time and memory; an order book replaces a customer's orders.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "wfl-import.h"
#include "wfl-test-utils.h"

static WflImportTable *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  WflImportTable *table = wfl_import_table_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static char *
parse_error (const char *text,
             gsize       length)
{
  g_autoptr(GError) error = NULL;
  WflImportTable *table = wfl_import_table_parse (text, length, &error);

  g_assert_null (table);
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

static double *
capacity (WflDocument *document,
          const char  *node_id)
{
  WflScenario *s = wfl_document_get_scenario (document);
  double *out = g_new (double, wfl_scenario_get_weeks (s));

  wfl_schedule_evaluate (wfl_scenario_find_node (s, node_id)->capacity, wfl_scenario_get_start (s),
                         wfl_scenario_get_weeks (s), 0, out);
  return out;
}

/* Copied from a spreadsheet: tab-separated, a header, German numbers. */
static const char pasted[] =
  "Date\tCapacity\tSource\n"
  "2023-01-02\t10\tmodel-doc\n"
  "2023-01-16\t12\t\n"
  "2023-01-30\t14,5\t\n"
  "2023-02-13\t16\t\n"
  "2023-02-27\t1.000\t\n"
  "13.3.2023\t20\t\n"
  "2023-03-27\t22\t\n"
  "2023-04-10\t24\t\n";

/* The teaching scenario with the source of its file. */
static WflDocument *
teaching_with_source (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();

  wfl_scenario_add_source (scenario, wfl_source_new ("model-doc"));
  return wfl_document_new_for_scenario (scenario, NULL);
}

static void
test_import_paste_schedule (void)
{
  g_autoptr(WflDocument) document = teaching_with_source ();
  g_autoptr(WflScenario) before = wfl_scenario_copy (wfl_document_get_scenario (document));
  g_autoptr(WflImportTable) table = parse (pasted);
  g_autoptr(WflImport) import = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree double *values = NULL;
  WflImportMapping mapping;
  WflSchedule *schedule;
  const double expected[] = { 10, 12, 14.5, 16, 1000, 20, 22, 24 };

  g_assert_cmpint (wfl_import_table_get_separator (table), ==, '\t');
  g_assert_cmpuint (wfl_import_table_get_n_rows (table), ==, 9);
  wfl_import_mapping_guess (&mapping, WFL_IMPORT_CAPACITY, table);
  g_assert_true (mapping.header);
  g_assert_cmpint (mapping.columns[WFL_IMPORT_FIELD_DATE], ==, 0);
  g_assert_cmpint (mapping.columns[WFL_IMPORT_FIELD_VALUE], ==, 1);
  g_assert_cmpint (mapping.columns[WFL_IMPORT_FIELD_SOURCE], ==, 2);

  /* The tests run under C.UTF-8: "14,5" and "1.000" are German; read
   * them as a German user's spreadsheet gives them. */
  setlocale (LC_NUMERIC, "de_DE.UTF-8");
  if (g_strcmp0 (localeconv ()->decimal_point, ",") != 0)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }
  import = wfl_import_build (table, &mapping, wfl_document_get_scenario (document), "fab", -1, &problems);
  setlocale (LC_NUMERIC, "C");
  g_assert_null (problems);
  g_assert_nonnull (import);
  g_assert_cmpuint (wfl_import_get_n_items (import), ==, 8);

  g_assert_true (wfl_import_apply (import, document));
  schedule = wfl_scenario_find_node (wfl_document_get_scenario (document), "fab")->capacity;
  g_assert_cmpuint (wfl_schedule_get_n_points (schedule), ==, 8);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpfloat (wfl_schedule_get_point (schedule, i)->value, ==, expected[i]);
  g_assert_cmpuint (wfl_schedule_get_point (schedule, 5)->date, ==, wfl_date_parse ("2023-03-13"));
  g_assert_cmpstr (wfl_schedule_get_point (schedule, 0)->source, ==, "model-doc");
  values = capacity (document, "fab");
  g_assert_cmpfloat (values[4], ==, 14.5);   /* 2023-01-30 */
  g_assert_cmpstr (wfl_document_get_undo_label (document), ==, "Import Capacity Schedule");

  /* One edit: one undo gives the scenario back. */
  g_assert_true (wfl_document_undo (document));
  g_assert_false (wfl_document_can_undo (document));
  wfl_test_assert_equal (wfl_document_get_scenario (document), before);

  /* The same again changes nothing the second time. */
  g_assert_true (wfl_import_apply (import, document));
  g_assert_false (wfl_import_apply (import, document));
}

static void
test_import_bad_rows (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(WflScenario) before = wfl_scenario_copy (wfl_document_get_scenario (document));
  g_autoptr(WflImportTable) table = parse ("date,capacity,confidence\n"
                                           "2023-01-02,10,high\n"
                                           "2023-02-30,12,\n"
                                           "\n"
                                           "2023-03-06,ten,\n"
                                           "2023-03-13,-4,\n"
                                           "2023-03-20,,\n"
                                           "2023-01-09,5,sure\n"
                                           "2023-04-03,\"1,000\",\n");
  g_autoptr(WflImport) import = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  WflImportMapping mapping;
  const char *expected[] = {
    "3:A: “2023-02-30” is not a date; write YYYY-MM-DD (or D.M.YYYY)",
    "5:B: “ten” is not a number (the capacity)",
    "6:B: the capacity must be from 0 to 1e15, not -4",
    "7:B: the capacity is missing",
    "8:A: 2023-01-09 comes before 2023-03-20 of row 7: sort the rows by date",
    "8:C: “sure” is not a confidence: use high, medium or low",
  };

  wfl_import_mapping_guess (&mapping, WFL_IMPORT_CAPACITY, table);
  g_assert_cmpint (mapping.columns[WFL_IMPORT_FIELD_CONFIDENCE], ==, 2);
  import = wfl_import_build (table, &mapping, wfl_document_get_scenario (document), "fab", -1, &problems);
  g_assert_null (import);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (problems->pdata[i], ==, expected[i]);
  /* Nothing changed, nothing to undo. */
  g_assert_false (wfl_document_can_undo (document));
  wfl_test_assert_equal (wfl_document_get_scenario (document), before);

  /* A required field without a column. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  mapping.columns[WFL_IMPORT_FIELD_VALUE] = -1;
  g_assert_null (wfl_import_build (table, &mapping, wfl_document_get_scenario (document), "fab", -1, &problems));
  g_assert_cmpstr (problems->pdata[0], ==, "Choose the column that holds “Value”");
}

static void
test_import_orders (void)
{
  g_autoptr(WflDocument) document = wfl_test_teaching_document ();
  g_autoptr(WflImportTable) table = parse ("id;quantity;placed;due;priority\n"
                                           "a1;10;2023-01-02;2023-02-06;2\n"
                                           ";5;2023-01-09;;\n"
                                           "a1;5;2023-01-09;;\n"
                                           "b 2;5;2023-01-09;;x\n");
  g_autoptr(WflImportTable) good = parse ("id;quantity;placed;due;priority\n"
                                          "a1;10;2023-01-02;2023-02-06;2\n"
                                          ";5;2023-01-09;;\n");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(WflImport) import = NULL;
  WflImportMapping mapping;
  WflNode *cust;
  WflOrder *order;

  g_assert_cmpint (wfl_import_table_get_separator (table), ==, ';');
  wfl_import_mapping_guess (&mapping, WFL_IMPORT_ORDERS, table);
  g_assert_null (wfl_import_build (table, &mapping, wfl_document_get_scenario (document), "cust", -1, &problems));
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpstr (problems->pdata[0], ==, "4:A: the order id “a1” is already taken");
  g_assert_cmpstr (problems->pdata[1], ==, "5:E: “x” is not a whole number (the priority)");
  g_assert_cmpstr (problems->pdata[2], ==, "5:A: “b 2” is not a valid order id: use only letters, digits, “_”, “.” and “-”");

  g_clear_pointer (&problems, g_ptr_array_unref);
  import = wfl_import_build (good, &mapping, wfl_document_get_scenario (document), "cust", -1, &problems);
  g_assert_null (problems);
  g_assert_true (wfl_import_apply (import, document));
  cust = wfl_scenario_find_node (wfl_document_get_scenario (document), "cust");
  g_assert_cmpuint (cust->orders->len, ==, 2);
  order = g_ptr_array_index (cust->orders, 0);
  g_assert_cmpstr (order->id, ==, "a1");
  g_assert_cmpfloat (order->quantity, ==, 10);
  g_assert_cmpuint (order->due, ==, wfl_date_parse ("2023-02-06"));
  g_assert_cmpint (order->priority, ==, 2);
  order = g_ptr_array_index (cust->orders, 1);
  g_assert_cmpstr (order->id, ==, "cust-3");   /* made up: the customer and the row */
  g_assert_cmpuint (order->due, ==, WFL_DATE_NONE);
  g_assert_true (wfl_document_undo (document));
  g_assert_cmpuint (wfl_scenario_find_node (wfl_document_get_scenario (document), "cust")->orders->len, ==, 1);
}

static void
test_import_quotes (void)
{
  g_autoptr(WflImportTable) table = parse ("\"a \"\"b\"\"\",\"x\ny\",,\r\n\r\n,\r\n3,\"\",4\r");
  g_autofree char *message = NULL;

  /* Quotes doubled, a line break inside a quoted cell, empty rows skipped
   * but counted. */
  g_assert_cmpuint (wfl_import_table_get_n_rows (table), ==, 2);
  g_assert_cmpstr (wfl_import_table_get_cell (table, 0, 0), ==, "a \"b\"");
  g_assert_cmpstr (wfl_import_table_get_cell (table, 0, 1), ==, "x\ny");
  g_assert_cmpstr (wfl_import_table_get_cell (table, 1, 2), ==, "4");
  g_assert_cmpstr (wfl_import_table_get_cell (table, 1, 7), ==, "");
  g_assert_cmpuint (wfl_import_table_get_row_number (table, 1), ==, 4);
  g_assert_cmpuint (wfl_import_table_get_n_columns (table), ==, 4);

  message = parse_error ("a,b\n1,\"2\n3,4\n", strlen ("a,b\n1,\"2\n3,4\n"));
  g_assert_cmpstr (message, ==, "2:B: a quote is opened and never closed");
  g_clear_pointer (&message, g_free);
  message = parse_error ("a,b\n1,\"2\"x\n", strlen ("a,b\n1,\"2\"x\n"));
  g_assert_cmpstr (message, ==, "2:B: text follows a closing quote; double the quotes inside a quoted cell");
  g_clear_pointer (&message, g_free);
  message = parse_error ("a,b\n1,2\0,3\n", 11);
  g_assert_cmpstr (message, ==, "2:B: the table holds a NUL byte: it is not text");
  g_clear_pointer (&message, g_free);
  message = parse_error ("a,b\n1,\xff\n", 7);
  g_assert_cmpstr (message, ==, "2:B: the text is not UTF-8");
  g_clear_pointer (&message, g_free);
  {
    g_autofree char *name = wfl_import_column_name (27);

    g_assert_cmpstr (name, ==, "AB");
  }
}

/* A million rows: refused at the first row over the limit. */
static void
test_import_hostile_rows (void)
{
  GString *text = g_string_new (NULL);
  g_autofree char *message = NULL;

  for (int i = 0; i < 1000000; i++)
    g_string_append (text, "2023-01-02,1\n");
  g_assert_cmpuint (text->len, <=, WFL_IMPORT_MAX_BYTES);
  message = parse_error (text->str, text->len);
  g_assert_cmpstr (message, ==, "100001:A: more than 100,000 rows cannot be imported");
  g_string_free (text, TRUE);

  /* Cells: 16 MiB of separators is 16 million empty cells. */
  text = g_string_new (NULL);
  for (int i = 0; i < 8000; i++)
    {
      for (int j = 0; j < 255; j++)
        g_string_append_c (text, ',');
      g_string_append (text, "1\n");
    }
  g_clear_pointer (&message, g_free);
  message = parse_error (text->str, text->len);
  g_assert_true (g_str_has_suffix (message, "the table has more than 2,000,000 cells, more than can be imported"));
  g_string_truncate (text, 0);
  for (int j = 0; j < 300; j++)
    g_string_append (text, "1,");
  g_clear_pointer (&message, g_free);
  message = parse_error (text->str, text->len);
  g_assert_cmpstr (message, ==, "1:IW: more than 256 columns cannot be imported");
  g_string_free (text, TRUE);
}

/* 100 MB: refused by its size, before it is read. */
static void
test_import_hostile_size (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wfl-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FILE *f = g_fopen (path, "w");

  /* Sparse: no disk used. */
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), 100 * 1000 * 1000), ==, 0);
  fclose (f);
  g_assert_null (wfl_import_table_load (file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_true (g_str_has_suffix (error->message, "is 100000000 bytes; at most 16 MiB can be imported"));
  g_clear_error (&error);

  /* A text of more than 16 MiB (a paste) likewise. */
  {
    gsize length = WFL_IMPORT_MAX_BYTES + 1;
    char *big = g_malloc0 (length);

    g_assert_null (wfl_import_table_parse (big, length, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    g_free (big);
  }
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/core/import/paste-schedule", test_import_paste_schedule);
  g_test_add_func ("/wfl/core/import/bad-rows", test_import_bad_rows);
  g_test_add_func ("/wfl/core/import/orders", test_import_orders);
  g_test_add_func ("/wfl/core/import/quotes", test_import_quotes);
  g_test_add_func ("/wfl/core/import/hostile-rows", test_import_hostile_rows);
  g_test_add_func ("/wfl/core/import/hostile-size", test_import_hostile_size);
  return g_test_run ();
}
