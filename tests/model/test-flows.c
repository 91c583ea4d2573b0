/* test-flows.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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

static WflFlows *
load_fixture (const char  *name,
              GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return wfl_flows_new_from_file (file, error);
}

/* A row with more fields than the header is refused, naming its line, as
 * one with fewer is; a header of four columns wants four in every row. */
static void
test_flows_field_count (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflFlows) fixture = load_fixture ("hostile2-flows-extra-field.csv", &error);
  g_autoptr(WflFlows) four = NULL;

  g_assert_null (fixture);
  g_assert_error (error, WFL_FLOWS_ERROR, WFL_FLOWS_ERROR_ROW);
  g_assert_nonnull (strstr (error->message, ".csv:2: expected 3 fields (source,target,value), found 4"));
  g_clear_error (&error);

  expect_error ("source,target,value\na,b,1,\n", WFL_FLOWS_ERROR_ROW, "line 2: ");
  expect_error ("source,target,value,note\na,b,1\n", WFL_FLOWS_ERROR_ROW, "line 2: ");
  four = wfl_flows_new_from_data ("source,target,value,note\na,b,1,first\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (four->flows->len, ==, 1);
}

/* Values whose sum overflows made a chart of NaN geometry: a value above
 * WFL_FLOWS_MAX_VALUE is refused with its line; up to it, a thousand rows
 * of one flow still sum to a finite total. */
static void
test_flows_value_range (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflFlows) fixture = load_fixture ("hostile2-flows-huge-sum.csv", &error);
  g_autoptr(GString) many = g_string_new ("source,target,value\n");
  g_autoptr(WflFlows) flows = NULL;

  g_assert_null (fixture);
  g_assert_error (error, WFL_FLOWS_ERROR, WFL_FLOWS_ERROR_ROW);
  g_assert_nonnull (strstr (error->message, ".csv:2: the value 1e308 is larger than 1e15"));
  g_clear_error (&error);

  expect_error ("source,target,value\na,b,1e15\na,c,1.0000000000000002e15\n", WFL_FLOWS_ERROR_ROW, "line 3: ");
  for (int i = 0; i < 1000; i++)
    g_string_append (many, "a,b,1e15\n");
  flows = wfl_flows_new_from_data (many->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (flow (flows, 0)->value, ==, 1e18);
}

/* A million distinct flows took minutes to lay out: past
 * WFL_FLOWS_MAX_FLOWS the table is refused at the row that goes over;
 * repeated rows of one flow do not count. */
static void
test_flows_too_many (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("source,target,value\n");
  g_autoptr(WflFlows) at_limit = NULL;
  g_autoptr(WflFlows) over = NULL;
  g_autofree char *line = NULL;

  for (int i = 0; i < WFL_FLOWS_MAX_FLOWS; i++)
    g_string_append_printf (csv, "s%d,t%d,1\ns%d,t%d,2\n", i % 100, i / 100, i % 100, i / 100);
  at_limit = wfl_flows_new_from_data (csv->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_limit->flows->len, ==, WFL_FLOWS_MAX_FLOWS);
  g_assert_cmpfloat (flow (at_limit, 0)->value, ==, 3);

  g_string_append (csv, "one,more,1\n");
  over = wfl_flows_new_from_data (csv->str, -1, &error);
  g_assert_null (over);
  g_assert_error (error, WFL_FLOWS_ERROR, WFL_FLOWS_ERROR_TOO_LARGE);
  line = g_strdup_printf ("line %d: ", 2 * WFL_FLOWS_MAX_FLOWS + 2);
  g_assert_true (g_str_has_prefix (error->message, line));
}

/* An unknown name of 1 MiB is quoted in the message cut short. */
static void
test_flows_long_value_cut (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("source,target,value\na,b,");
  g_autoptr(WflFlows) flows = NULL;

  for (int i = 0; i < 1024 * 1024; i++)
    g_string_append_c (csv, '7');
  g_string_append (csv, "x\n");
  flows = wfl_flows_new_from_data (csv->str, -1, &error);
  g_assert_null (flows);
  g_assert_error (error, WFL_FLOWS_ERROR, WFL_FLOWS_ERROR_ROW);
  g_assert_true (g_str_has_prefix (error->message, "line 2: the value “7777"));
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_assert_nonnull (strstr (error->message, "…”"));
}

/* A quoted value with a line break in it: the message is one line (found
 * by the fuzz target). */
static void
test_flows_message_one_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflFlows) flows = wfl_flows_new_from_data ("source,target,value\na,b,\"1\n2\"\n", -1, &error);

  g_assert_null (flows);
  g_assert_error (error, WFL_FLOWS_ERROR, WFL_FLOWS_ERROR_ROW);
  g_assert_cmpstr (error->message, ==, "line 2: the value “1 2” is not a number (use “.” as the decimal mark)");
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
  g_test_add_func ("/wfl/model/flows/field-count", test_flows_field_count);
  g_test_add_func ("/wfl/model/flows/value-range", test_flows_value_range);
  g_test_add_func ("/wfl/model/flows/too-many", test_flows_too_many);
  g_test_add_func ("/wfl/model/flows/long-value-cut", test_flows_long_value_cut);
  g_test_add_func ("/wfl/model/flows/message-one-line", test_flows_message_one_line);

  return g_test_run ();
}
