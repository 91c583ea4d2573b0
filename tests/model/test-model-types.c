/* test-model-types.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "wfl-model.h"

static void
test_dates_parse (void)
{
  WflDate d = wfl_date_parse ("2023-01-02");
  g_autofree char *s = wfl_date_format (d);
  int y, m, day;

  g_assert_cmpuint (d, !=, WFL_DATE_NONE);
  g_assert_cmpstr (s, ==, "2023-01-02");
  wfl_date_to_ymd (d, &y, &m, &day);
  g_assert_cmpint (y, ==, 2023);
  g_assert_cmpint (m, ==, 1);
  g_assert_cmpint (day, ==, 2);
  g_assert_cmpuint (wfl_date_parse ("2023-01-09") - d, ==, 7);
  g_assert_cmpuint (wfl_date_parse ("2024-02-29"), !=, WFL_DATE_NONE);

  g_assert_cmpuint (wfl_date_parse ("2023-02-29"), ==, WFL_DATE_NONE);
  g_assert_cmpuint (wfl_date_parse ("2023-1-02"), ==, WFL_DATE_NONE);
  g_assert_cmpuint (wfl_date_parse ("2023-01-02 "), ==, WFL_DATE_NONE);
  g_assert_cmpuint (wfl_date_parse ("2023-13-01"), ==, WFL_DATE_NONE);
  g_assert_cmpuint (wfl_date_parse (""), ==, WFL_DATE_NONE);
  g_assert_cmpuint (wfl_date_parse ("0000-01-01"), ==, WFL_DATE_NONE);
  g_assert_cmpuint (wfl_date_parse (NULL), ==, WFL_DATE_NONE);
}

/* wfl_date_to_ymd() computes what GDate does, for every day of the
 * years a file can hold (1 to 9999), and wfl_date_format() follows. */
static void
test_dates_every_day (void)
{
  WflDate last = wfl_date_from_ymd (9999, 12, 31);

  for (WflDate date = 1; date <= last; date++)
    {
      GDate g;
      int y = 0, m = 0, d = 0;

      g_date_clear (&g, 1);
      g_date_set_julian (&g, date);
      wfl_date_to_ymd (date, &y, &m, &d);
      if (y != g_date_get_year (&g) || m != g_date_get_month (&g) || d != g_date_get_day (&g))
        g_error ("day %u is %04d-%02d-%02d, GDate says %04d-%02d-%02d", date, y, m, d,
                 g_date_get_year (&g), g_date_get_month (&g), g_date_get_day (&g));
      if (d == 1 || d == 28 || d == 29)
        g_assert_cmpuint (wfl_date_from_ymd (y, m, d), ==, date);
    }
  {
    g_autofree char *first = wfl_date_format (1);
    g_autofree char *final = wfl_date_format (last);

    g_assert_cmpstr (first, ==, "0001-01-01");
    g_assert_cmpstr (final, ==, "9999-12-31");
  }
}

static void
check_round_trip (double value)
{
  g_autofree char *s = wfl_format_double (value);
  double back = NAN;

  g_assert_true (wfl_parse_double (s, &back));
  g_assert_true (back == value);
}

static void
test_numbers_shortest (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 0, "0" }, { 1, "1" }, { -2.5, "-2.5" }, { 0.1, "0.1" }, { 0.93, "0.93" },
    { 1000000, "1000000" }, { 18000, "18000" }, { 0.00005, "0.00005" },
    { 1e20, "1e+20" }, { 1.0 / 3.0, "0.3333333333333333" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = wfl_format_double (cases[i].value);

      g_assert_cmpstr (s, ==, cases[i].text);
      check_round_trip (cases[i].value);
    }

  /* A thousand awkward doubles read back bit-identically. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (42);

    for (guint i = 0; i < 1000; i++)
      {
        double v = g_rand_double_range (rand, -1e6, 1e6) * pow (10, g_rand_int_range (rand, -8, 8));
        check_round_trip (v);
      }
  }
}

static void
test_numbers_locale (void)
{
  const char *locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", NULL };
  g_autofree char *s = NULL;
  double v = 0;

  for (guint i = 0; locales[i] != NULL; i++)
    if (setlocale (LC_NUMERIC, locales[i]) != NULL)
      break;

  s = wfl_format_double (0.93);
  g_assert_cmpstr (s, ==, "0.93");
  g_assert_true (wfl_parse_double ("0.93", &v));
  g_assert_cmpfloat (v, ==, 0.93);
  g_assert_false (wfl_parse_double ("0,93", &v));
  setlocale (LC_NUMERIC, "C");
}

static void
test_numbers_reject (void)
{
  const char *bad[] = { "", " 1", "1 ", "inf", "nan", "NaN", "0x10", "1e", "1e400", "-", ".", "1,5", "1.2.3", "++1" };
  double v;
  gint64 n;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (wfl_parse_double (bad[i], &v));

  g_assert_true (wfl_parse_double ("1e3", &v));
  g_assert_cmpfloat (v, ==, 1000);
  g_assert_true (wfl_parse_double (".5", &v));
  g_assert_cmpfloat (v, ==, 0.5);

  g_assert_true (wfl_parse_int ("-3", &n));
  g_assert_cmpint (n, ==, -3);
  g_assert_false (wfl_parse_int ("3.0", &n));
  g_assert_false (wfl_parse_int ("99999999999", &n));
  g_assert_false (wfl_parse_int ("", &n));
}

static void
test_enums (void)
{
  WflAllocation allocation;
  WflNodeKind kind;

  g_assert_true (wfl_allocation_from_string ("fair-share", &allocation));
  g_assert_cmpint (allocation, ==, WFL_ALLOCATION_FAIR_SHARE);
  g_assert_cmpstr (wfl_allocation_to_string (WFL_ALLOCATION_FIXED_SHARE), ==, "fixed-share");
  g_assert_false (wfl_allocation_from_string ("Fair-Share", &allocation));
  g_assert_true (wfl_node_kind_from_string ("customer", &kind));
  g_assert_cmpint (kind, ==, WFL_NODE_KIND_CUSTOMER);
  g_assert_false (wfl_node_kind_from_string ("sink", &kind));
}

static void
test_ids (void)
{
  g_assert_true (wfl_id_is_valid ("n4-wafers"));
  g_assert_true (wfl_id_is_valid ("a.b_C-9"));
  g_assert_false (wfl_id_is_valid (""));
  g_assert_false (wfl_id_is_valid ("a b"));
  g_assert_false (wfl_id_is_valid ("é"));
  g_assert_false (wfl_id_is_valid (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/types/dates", test_dates_parse);
  g_test_add_func ("/wfl/model/types/dates-every-day", test_dates_every_day);
  g_test_add_func ("/wfl/model/types/numbers-shortest", test_numbers_shortest);
  g_test_add_func ("/wfl/model/types/numbers-locale", test_numbers_locale);
  g_test_add_func ("/wfl/model/types/numbers-reject", test_numbers_reject);
  g_test_add_func ("/wfl/model/types/enums", test_enums);
  g_test_add_func ("/wfl/model/types/ids", test_ids);

  return g_test_run ();
}
