/* test-format-locale.c: the screen follows the locale, files never do
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib.h>

#include "wfl-format.h"
#include "wfl-sankey-layout.h"
#include "wfl-model.h"

/* Values with few and many digits, whole and not, large and small. */
static const double values[] = {
  0, 1, -1, 2.5, 0.1, 1.0 / 3, 12400, 1234.5, 35000, 1e6 + 0.25,
  -98765.4321, 0.000125, 123456789012.0, 1e-9, 3.5e20,
};

/* The locale the test switches to; NULL when none with a decimal comma
 * is installed (run.sh generates de_DE.UTF-8). */
static const char *
decimal_comma_locale (void)
{
  static const char * const names[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "nl_NL.UTF-8", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    if (setlocale (LC_ALL, names[i]) != NULL)
      {
        if (strcmp (localeconv ()->decimal_point, ",") == 0)
          return names[i];
      }
  setlocale (LC_ALL, "C.UTF-8");
  return NULL;
}

static void
test_format_c_locale (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  /* In the C locale the screen shows exactly what the files hold; the
   * grouped form adds a narrow no-break space between groups of three
   * digits of the integer part, as the charts write numbers. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *file = wfl_format_double (values[i]);
      g_autofree char *plain = wfl_format_number_locale (values[i], FALSE);
      g_autofree char *grouped = wfl_format_number_locale (values[i], TRUE);
      g_autofree char *ungrouped = NULL;
      g_auto(GStrv) groups = g_strsplit (grouped, "\u202f", -1);
      double back = NAN;

      g_assert_cmpstr (plain, ==, file);
      ungrouped = g_strjoinv ("", groups);
      g_assert_cmpstr (ungrouped, ==, file);
      if (strpbrk (file, "eE") == NULL && fabs (values[i]) >= 1000)
        g_assert_cmpuint (g_strv_length (groups), ==,
                          1 + (guint) (floor (log10 (fabs (values[i]))) / 3));
      else
        g_assert_cmpuint (g_strv_length (groups), ==, 1);
      g_assert_true (wfl_parse_number_locale (plain, &back));
      g_assert_cmpfloat (back, ==, values[i]);
    }
}

static void
test_format_decimal_comma (void)
{
  const char *name = decimal_comma_locale ();
  const char *sep;
  double v = NAN;

  if (name == NULL)
    {
      g_test_skip ("No locale with a decimal comma (de_DE.UTF-8) is installed");
      return;
    }
  sep = localeconv ()->thousands_sep;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *file = wfl_format_double (values[i]);
      g_autofree char *plain = wfl_format_number_locale (values[i], FALSE);
      g_autofree char *grouped = wfl_format_number_locale (values[i], TRUE);
      double back = NAN;

      /* The file form keeps its point under any locale … */
      g_assert_null (strchr (file, ','));
      /* … the screen form uses the comma wherever the C form has a point, */
      if (strchr (file, '.') != NULL)
        g_assert_nonnull (strchr (plain, ','));
      g_assert_null (strchr (plain, '.'));
      /* and reads back to the same double, grouped or not. */
      g_assert_true (wfl_parse_number_locale (plain, &back));
      g_assert_cmpfloat (back, ==, values[i]);
      back = NAN;
      g_assert_true (wfl_parse_number_locale (grouped, &back));
      g_assert_cmpfloat (back, ==, values[i]);
      /* The C form a user pastes from a file reads too. */
      back = NAN;
      g_assert_true (wfl_parse_number_locale (file, &back));
      if (!(strcmp (sep, ".") == 0 && strchr (file, '.') != NULL && strlen (strchr (file, '.')) == 4))
        g_assert_cmpfloat (back, ==, values[i]);
    }

  {
    g_autofree char *q = wfl_format_quantity_locale (2.5);

    g_assert_cmpstr (q, ==, "2,5");
  }
  {
    g_autofree char *q = wfl_format_quantity_locale (12400);
    g_autofree char *expected = g_strconcat ("12", sep, "400", NULL);

    g_assert_cmpstr (q, ==, expected);
  }

  g_assert_true (wfl_parse_number_locale ("2,5", &v));
  g_assert_cmpfloat (v, ==, 2.5);
  g_assert_true (wfl_parse_number_locale (" 2.5 ", &v));
  g_assert_cmpfloat (v, ==, 2.5);
  g_assert_false (wfl_parse_number_locale ("2,5.1", &v));
  g_assert_false (wfl_parse_number_locale ("", &v));
  g_assert_false (wfl_parse_number_locale ("zwei", &v));
  if (strcmp (sep, ".") == 0)
    {
      /* "10.000" is ten thousand where "." groups thousands. */
      g_assert_true (wfl_parse_number_locale ("10.000", &v));
      g_assert_cmpfloat (v, ==, 10000);
      g_assert_true (wfl_parse_number_locale ("1.234,5", &v));
      g_assert_cmpfloat (v, ==, 1234.5);
    }

  setlocale (LC_ALL, "C.UTF-8");
}

/* Scenario files and CSV results are byte for byte the same under a
 * decimal-comma locale. */
static void
test_format_files_ignore_locale (void)
{
  g_autoptr(WflScenario) scenario = wfl_scenario_new_teaching_example ();
  g_autoptr(WflSimulation) c_sim = NULL, de_sim = NULL;
  g_autoptr(GBytes) c_xml = NULL, de_xml = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  c_xml = wfl_scenario_to_bytes (scenario);
  c_sim = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (c_sim, NULL, &error));
  g_assert_no_error (error);

  name = decimal_comma_locale ();
  if (name == NULL)
    {
      g_test_skip ("No locale with a decimal comma (de_DE.UTF-8) is installed");
      return;
    }

  de_xml = wfl_scenario_to_bytes (scenario);
  g_assert_true (g_bytes_equal (c_xml, de_xml));
  de_sim = wfl_simulation_new (scenario, &error);
  g_assert_no_error (error);
  g_assert_true (wfl_simulation_run (de_sim, NULL, &error));
  g_assert_no_error (error);

  for (int t = 0; t < WFL_RESULTS_CSV_N_TABLES; t++)
    {
      g_autoptr(GBytes) de_csv = wfl_results_csv_to_bytes (de_sim, t);
      g_autoptr(GBytes) c_csv = NULL;

      setlocale (LC_ALL, "C.UTF-8");
      c_csv = wfl_results_csv_to_bytes (c_sim, t);
      setlocale (LC_ALL, name);
      g_assert_true (g_bytes_equal (c_csv, de_csv));
    }
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_format_date (void)
{
  g_autofree char *empty = wfl_format_date_locale (WFL_DATE_NONE);
  g_autofree char *date = NULL;

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_assert_cmpstr (empty, ==, "");
  date = wfl_format_date_locale (wfl_date_from_ymd (2024, 3, 4));
  g_assert_cmpstr (date, ==, "4 Mar 2024");
}

/* One number style per locale: the status line's figures and tooltips
 * (wfl_format_*_locale) and the chart's labels (wfl_sankey_format_quantity)
 * print a number the same way, grouped with the locale's separator. */
static void
test_format_one_style (void)
{
  const char *comma = decimal_comma_locale ();
  static const double some[] = { 0, 1, 2.5, 754, 19431, 306466, 3431899, 22.4e6 };

  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1 && comma == NULL)
        break;
      g_assert_nonnull (setlocale (LC_ALL, pass == 0 ? "C.UTF-8" : comma));
      for (guint i = 0; i < G_N_ELEMENTS (some); i++)
        {
          g_autofree char *status = wfl_format_amount_locale (some[i], "gpu");
          g_autofree char *chart = wfl_sankey_format_quantity (some[i], "gpu");
          g_autofree char *bare = wfl_format_quantity_locale (some[i]);
          g_autofree char *chart_bare = wfl_sankey_format_quantity (some[i], NULL);

          g_assert_cmpstr (status, ==, chart);
          g_assert_cmpstr (bare, ==, chart_bare);
        }
      {
        g_autofree char *grouped = wfl_format_quantity_locale (19431);
        g_autofree char *millions = wfl_format_quantity_locale (22.4e6);

        /* C has no separator of its own: a narrow no-break space, never
         * "19431"; German groups with "." and writes "22,4". */
        g_assert_cmpstr (grouped, ==, pass == 0 ? "19\u202f431" : strcmp (localeconv ()->thousands_sep, ".") == 0 ? "19.431" : grouped);
        g_assert_true (g_str_has_prefix (millions, pass == 0 ? "22.4" : "22,4"));
      }
    }
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/core/format/c-locale", test_format_c_locale);
  g_test_add_func ("/wfl/core/format/decimal-comma", test_format_decimal_comma);
  g_test_add_func ("/wfl/core/format/files-ignore-locale", test_format_files_ignore_locale);
  g_test_add_func ("/wfl/core/format/date", test_format_date);
  g_test_add_func ("/wfl/core/format/one-style", test_format_one_style);

  return g_test_run ();
}
