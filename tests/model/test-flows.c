/* test-flows.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "wfl-model.h"

static const WflFlow *
flow (const WflFlows *flows,
      guint           i)
{
  g_assert_cmpuint (i, <, flows->flows->len);
  return &g_array_index (flows->flows, WflFlow, i);
}

static void
test_flows_basic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflFlows) flows =
    wfl_flows_new_from_data ("source,target,value\n"
                             "a,b,1.5\n"
                             "b,c,2\n"
                             "a,c,1e1\n", -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (flows);
  g_assert_cmpuint (wfl_flows_get_n_nodes (flows), ==, 3);
  g_assert_cmpstr (wfl_flows_get_name (flows, 0), ==, "a");
  g_assert_cmpstr (wfl_flows_get_name (flows, 1), ==, "b");
  g_assert_cmpstr (wfl_flows_get_name (flows, 2), ==, "c");
  g_assert_cmpuint (flows->flows->len, ==, 3);
  g_assert_cmpuint (flow (flows, 0)->source, ==, 0);
  g_assert_cmpuint (flow (flows, 0)->target, ==, 1);
  g_assert_cmpfloat (flow (flows, 0)->value, ==, 1.5);
  g_assert_cmpfloat (flow (flows, 2)->value, ==, 10);
  g_assert_cmpint (flow (flows, 1)->line, ==, 3);
}

static void
test_flows_quoting (void)
{
  g_autoptr(GError) error = NULL;
  /* CRLF, quoted names with commas, doubled quotes, a line break inside
   * quotes, UTF-8 and a byte-order mark; blank lines are skipped. */
  g_autoptr(WflFlows) flows =
    wfl_flows_new_from_data ("\xef\xbb\xbfsource,target,value\r\n"
                             "\"Fab, Taiwan\",\"CoWoS \"\"S\"\"\",3\r\n"
                             "\r\n"
                             "\"Two\nlines\",Ünïcødé,\"4.25\"\r\n"
                             "Ünïcødé,end,0", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (wfl_flows_get_n_nodes (flows), ==, 5);
  g_assert_cmpstr (wfl_flows_get_name (flows, 0), ==, "Fab, Taiwan");
  g_assert_cmpstr (wfl_flows_get_name (flows, 1), ==, "CoWoS \"S\"");
  g_assert_cmpstr (wfl_flows_get_name (flows, 2), ==, "Two\nlines");
  g_assert_cmpstr (wfl_flows_get_name (flows, 3), ==, "Ünïcødé");
  g_assert_cmpfloat (flow (flows, 1)->value, ==, 4.25);
  g_assert_cmpint (flow (flows, 1)->line, ==, 4);
  /* The line break inside quotes counts: the last row is on line 6. */
  g_assert_cmpint (flow (flows, 2)->line, ==, 6);
  g_assert_cmpfloat (flow (flows, 2)->value, ==, 0);
}

static void
test_flows_duplicates_summed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflFlows) flows =
    wfl_flows_new_from_data ("source,target,value\n"
                             "a,b,1\nb,a,5\na,b,2.5\n a , b ,0.5\n", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (flows->n_rows, ==, 4);
  g_assert_cmpuint (flows->flows->len, ==, 2);
  g_assert_cmpfloat (flow (flows, 0)->value, ==, 4);
  g_assert_cmpfloat (flow (flows, 1)->value, ==, 5);
  g_assert_cmpuint (wfl_flows_get_n_nodes (flows), ==, 2);
}

static void
test_flows_header_by_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflFlows) flows =
    wfl_flows_new_from_data ("Value,note,Target,Source\n7,x,b,a\n", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (wfl_flows_get_name (flows, 0), ==, "a");
  g_assert_cmpstr (wfl_flows_get_name (flows, 1), ==, "b");
  g_assert_cmpfloat (flow (flows, 0)->value, ==, 7);
}

static void
expect_error (const char *csv,
              int         code,
              const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflFlows) flows = wfl_flows_new_from_data (csv, -1, &error);

  g_assert_null (flows);
  g_assert_error (error, WFL_FLOWS_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
}

static void
test_flows_errors (void)
{
  expect_error ("source,target,value\na,b,1\na,b\n", WFL_FLOWS_ERROR_ROW, "line 3: ");

  expect_error ("source,target,value\na,b,\"1,5\"\n", WFL_FLOWS_ERROR_ROW, "line 2: ");
  expect_error ("source,target,value\na,b,abc\n", WFL_FLOWS_ERROR_ROW, "line 2: ");
  expect_error ("source,target,value\na,b,0x10\n", WFL_FLOWS_ERROR_ROW, "line 2: ");
  expect_error ("source,target,value\na,b,inf\n", WFL_FLOWS_ERROR_ROW, "line 2: ");
  expect_error ("source,target,value\na,b,1e999\n", WFL_FLOWS_ERROR_ROW, "line 2: ");
  expect_error ("source,target,value\n\n\na,b,-2\n", WFL_FLOWS_ERROR_ROW, "line 4: ");
  expect_error ("source,target,value\n\"\",b,2\n", WFL_FLOWS_ERROR_ROW, "line 2: ");
  expect_error ("source,target,value\na,  ,2\n", WFL_FLOWS_ERROR_ROW, "line 2: ");
  expect_error ("source,target,value\na,\"b\nc,2\n", WFL_FLOWS_ERROR_SYNTAX, "line 2: ");
  expect_error ("source,target,value\n\"a\"x,b,2\n", WFL_FLOWS_ERROR_SYNTAX, "line 2: ");
  expect_error ("source,target,value\na,b,\xff\n", WFL_FLOWS_ERROR_ENCODING, "line 2: ");
  expect_error ("source;target;value\na;b;1\n", WFL_FLOWS_ERROR_HEADER, "line 1: ");
  expect_error ("\n\n", WFL_FLOWS_ERROR_HEADER, "line ");
}

static void
test_flows_file_errors_name_the_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wfl-flows-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WflFlows) flows = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (path, "source,target,value\nx,y,1\nx,y,-1\n", -1, NULL));
  flows = wfl_flows_new_from_file (file, &error);
  g_assert_null (flows);
  g_assert_error (error, WFL_FLOWS_ERROR, WFL_FLOWS_ERROR_ROW);
  expected = g_strdup_printf ("%s:3: ", path);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_flows_energy_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "energy-uk-2050.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WflFlows) flows = wfl_flows_new_from_file (file, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (wfl_flows_get_n_nodes (flows), ==, 48);
  g_assert_cmpuint (flows->flows->len, ==, 68);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/flows/basic", test_flows_basic);
  g_test_add_func ("/wfl/model/flows/quoting", test_flows_quoting);
  g_test_add_func ("/wfl/model/flows/duplicates-summed", test_flows_duplicates_summed);
  g_test_add_func ("/wfl/model/flows/header-by-name", test_flows_header_by_name);
  g_test_add_func ("/wfl/model/flows/errors", test_flows_errors);
  g_test_add_func ("/wfl/model/flows/file-errors-name-the-file", test_flows_file_errors_name_the_file);
  g_test_add_func ("/wfl/model/flows/energy-fixture", test_flows_energy_fixture);

  return g_test_run ();
}
