/* test-number.c: numbers in files, against the printf route they replaced
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * wfl_format_double() and wfl_parse_double() go through double-conversion
 * (app/model/wfl-number.c).  Their text is defined by printf: this test
 * keeps the printf implementation they replaced as the reference and
 * compares over a million random and awkward doubles; every text must
 * also read back to the same bits.  Parsing is compared with strtod.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-double-conversion.h"
#include "wfl-model.h"
#include "wfl-number-private.h"

#define N_DOUBLES 1000000
#define N_SHORTEST 1000000

/* The implementation of wfl_format_double() before double-conversion,
 * unchanged: the least precision that reads back, then the plain form. */
static char *
reference_format_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[16];
  int precision;

  if (!isfinite (value))
    return g_strdup (isnan (value) ? "nan" : (value > 0 ? "inf" : "-inf"));
  if (value == 0)
    return g_strdup ("0");

  for (precision = 1; precision <= 17; precision++)
    {
      g_snprintf (fmt, sizeof fmt, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  /* Prefer plain decimals over exponents for everyday magnitudes. */
  if (strchr (buf, 'e') != NULL && fabs (value) >= 1e-6 && fabs (value) < 1e17)
    {
      int exponent = (int) floor (log10 (fabs (value)));
      int decimals = MAX (0, precision - 1 - exponent);
      char plain[64];

      g_snprintf (fmt, sizeof fmt, "%%.%df", decimals);
      g_ascii_formatd (plain, sizeof plain, fmt, value);
      if (g_ascii_strtod (plain, NULL) == value)
        return g_strdup (plain);
    }

  return g_strdup (buf);
}

static guint64
bits_of (double v)
{
  guint64 bits;

  memcpy (&bits, &v, sizeof bits);
  return bits;
}

static double
double_of (guint64 bits)
{
  double v;

  memcpy (&v, &bits, sizeof v);
  return v;
}

static guint64
random_bits (GRand *rand)
{
  return (guint64) g_rand_int (rand) << 32 | g_rand_int (rand);
}

/* Same text as the reference, and the text reads back to the same bits
 * (but -0, written "0" as ever, reads back as +0). */
static void
check_double (double v)
{
  g_autofree char *text = wfl_format_double (v);
  g_autofree char *reference = reference_format_double (v);
  char buf[WFL_FORMAT_DOUBLE_SIZE];
  g_autoptr(GString) appended = g_string_new ("x");
  double back = NAN;

  if (strcmp (text, reference) != 0)
    g_error ("%a (%.17g) is written “%s”, was “%s”", v, v, text, reference);

  g_assert_cmpuint (wfl_format_double_buf (v, buf), ==, strlen (text));
  g_assert_cmpstr (buf, ==, text);
  wfl_string_append_double (appended, v);
  g_assert_cmpstr (appended->str + 1, ==, text);

  if (!isfinite (v))
    {
      g_assert_false (wfl_parse_double (text, &back));
      return;
    }
  if (!wfl_parse_double (text, &back))
    g_error ("“%s” (of %a) does not read back", text, v);
  if (v == 0 ? back != 0 || signbit (back) : bits_of (back) != bits_of (v))
    g_error ("“%s” (of %a) reads back as %a", text, v, back);
}

/* The doubles a file meets, and the ones where printf's rounding and
 * double-conversion's shortest digits part ways: exact powers of two
 * (the nearer neighbour below), dyadic values whose exact decimal ends in
 * a 5 one digit after the shortest (ties: printf rounds to even),
 * subnormals, powers of ten and their neighbours, integers near 2^53,
 * and the edges of the plain form (1e-6, 1e-4, 1e15 to 1e17). */
static double
awkward_double (GRand *rand,
                guint  i)
{
  static const double edges[] = { 1e-6, 1e-5, 1e-4, 1e15, 1e16, 1e17, 9007199254740992.0 };
  double v;

  switch (i % 12)
    {
    case 0:
      do
        v = double_of (random_bits (rand));
      while (!isfinite (v));
      return v;
    case 1:
      return g_rand_double_range (rand, -1e6, 1e6);
    case 2:
      return g_rand_int_range (rand, -100000000, 100000000) / pow (10, g_rand_int_range (rand, 0, 16));
    case 3:
      return ldexp (g_rand_double (rand), g_rand_int_range (rand, -80, 80));
    case 4:
      /* Subnormals, big and small. */
      v = double_of (random_bits (rand) & G_GUINT64_CONSTANT (0x800fffffffffffff));
      return i % 24 < 12 ? v : ldexp (g_rand_int_range (rand, 1, 100000), -1074);
    case 5:
      /* m × 2^e, m odd of any length: the short exact decimals and ties. */
      v = (double) ((random_bits (rand) >> g_rand_int_range (rand, 11, 64)) | 1);
      return ldexp (v, g_rand_int_range (rand, -80, 20));
    case 6:
      /* An integer up to 2^52 plus a binary fraction (2^50 + 0.25 …). */
      v = (double) (random_bits (rand) >> g_rand_int_range (rand, 12, 60));
      return v + ldexp (g_rand_int_range (rand, 1, 8), -g_rand_int_range (rand, 1, 4));
    case 7:
      {
        /* Powers of two and of ten, and their neighbours. */
        int k = g_rand_int_range (rand, -1074, 1024);
        int step = g_rand_int_range (rand, -3, 4);
        char text[32];

        if (i % 24 < 12)
          v = ldexp (1, k);
        else
          {
            g_snprintf (text, sizeof text, "1e%d", g_rand_int_range (rand, -323, 309));
            v = g_ascii_strtod (text, NULL);
          }
        if (isfinite (v) && v != 0)
          v = double_of (bits_of (v) + step);
        return v;
      }
    case 8:
      {
        /* Integers near 2^53, 2^54 … 2^64. */
        double base = ldexp (1, g_rand_int_range (rand, 50, 65));

        return base + ldexp (g_rand_int_range (rand, -64, 64), g_rand_int_range (rand, 0, 12));
      }
    case 9:
      {
        /* Neighbours of the edges of the plain form. */
        double edge = edges[g_rand_int_range (rand, 0, G_N_ELEMENTS (edges))];

        return double_of (bits_of (edge) + g_rand_int_range (rand, -2000, 2000));
      }
    case 10:
      /* Everyday values a few digits long, any magnitude. */
      return g_rand_int_range (rand, 1, 100000) * pow (10, g_rand_int_range (rand, -30, 30));
    default:
      /* Values that print with exponents: tiny and huge. */
      return g_rand_double_range (rand, 1, 10) * pow (10, g_rand_int_range (rand, -320, 308));
    }
}

static void
test_format_million (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  static const double fixed[] = {
    0.0, 1, 2, 0.5, 0.25, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 10, 100, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23,
    1e-4, 1e-5, 1e-6, 1e-7, 9.5367431640625e-07, 2.98023223876953125e-08, 1125899906842624.25,
    9007199254740991.0, 9007199254740992.0, 9007199254740994.0, 18014398509481988.0,
    5e-324, 1e-323, 2.2250738585072009e-308, 2.2250738585072014e-308, 1.7976931348623157e308,
    4.35, 2.675, 0.615, 1.5, 2.5, 12.5, 0.125,
  };

  check_double (-0.0);
  check_double (INFINITY);
  check_double (-INFINITY);
  check_double (NAN);
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      check_double (fixed[i]);
      check_double (-fixed[i]);
    }
  for (guint i = 0; i < N_DOUBLES; i++)
    {
      double v = awkward_double (rand, i);

      check_double (g_rand_boolean (rand) ? -v : v);
    }
}

/* Whether |v| is exactly a decimal of n + 1 significant digits ending
 * in 5: halfway between two strings of n digits.  (glibc prints the
 * exact decimal of a double, at most 767 significant digits.) */
static gboolean
is_halfway (double v,
            int    n)
{
  char exact[1024];
  int length, end;

  g_snprintf (exact, sizeof exact, "%.800e", fabs (v));
  length = strchr (exact, 'e') - exact;
  for (end = length; exact[end - 1] == '0'; end--)
    ;
  /* "D.DDDD": the significant digits are end - 1 (less the point). */
  return exact[end - 1] == '5' && end - 1 == n + 1;
}

/* The shortest digits of Dragonbox (what the files are written from) are
 * double-conversion's, the reference, but for exact ties between two
 * shortest strings, where the writer asks printf anyway; and they read
 * back. */
static void
check_shortest (double v,
                guint *ties)
{
  char fast[WFL_DC_DIGITS_SIZE], reference[WFL_DC_DIGITS_SIZE];
  int fast_point = 0, reference_point = 0;
  int n, n_reference;
  double back;

  if (!isfinite (v) || v == 0)
    return;
  v = fabs (v);
  n = wfl_fmt_shortest (v, fast, &fast_point);
  n_reference = wfl_dc_shortest (v, reference, &reference_point);
  g_assert_cmpint (n, ==, (int) strlen (fast));
  back = wfl_dc_strtod_digits (fast, n, fast_point - n);
  if (bits_of (back) != bits_of (v))
    g_error ("%a: the digits %s × 10^%d read back as %a", v, fast, fast_point - n, back);
  if (n == n_reference && fast_point == reference_point && strcmp (fast, reference) == 0)
    return;
  if (n != n_reference || !is_halfway (v, n))
    g_error ("%a: Dragonbox's digits 0.%s × 10^%d, double-conversion's 0.%s × 10^%d", v, fast, fast_point,
             reference, reference_point);
  (*ties)++;
}

static void
test_format_shortest (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1717);
  guint ties = 0;

  for (guint i = 0; i < N_SHORTEST; i++)
    {
      double v;

      switch (i % 4)
        {
        case 0:
        case 1:
          v = awkward_double (rand, i / 2);
          break;
        case 2:
          /* What a simulation writes: sums, products and ratios of
           * fractional quantities of every everyday size. */
          v = g_rand_double_range (rand, 0, 1e4) * g_rand_double_range (rand, 0, 1) /
              g_rand_double_range (rand, 1e-3, 1e3);
          break;
        default:
          /* Any bits at all. */
          v = double_of (random_bits (rand));
          break;
        }
      check_shortest (v, &ties);
    }
  g_test_message ("%u ties between two shortest strings", ties);
}

/* The text in every branch of the %g layout, as the files show it. */
static void
test_format_forms (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 1.5e-7, "1.5e-07" }, { 1e-5, "0.00001" }, { 0.0001234, "0.0001234" },
    { 1.234e16, "12340000000000000" }, { 1.234e17, "1.234e+17" }, { 5e-324, "5e-324" }, { 1e-323, "1e-323" },
    { 123456789012345678.0, "1.2345678901234568e+17" }, { 12345678901234567.0, "12345678901234568" }, { 1e100, "1e+100" }, { -2.5e-300, "-2.5e-300" },
    { 0.1 + 0.2, "0.30000000000000004" }, { 100, "100" }, { 123.456, "123.456" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = wfl_format_double (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Every string wfl_parse_double() takes reads as strtod reads it. */
static void
check_parse (const char *text)
{
  double got = NAN, expected = g_ascii_strtod (text, NULL);

  if (!isfinite (expected))
    {
      g_assert_false (wfl_parse_double (text, &got));
      g_assert_true (_wfl_number_parse (text, &got));
      g_assert_true (isinf (got) && signbit (got) == signbit (expected));
      return;
    }
  if (!wfl_parse_double (text, &got))
    g_error ("“%s” is refused", text);
  if (bits_of (got) != bits_of (expected))
    g_error ("“%s” reads as %a, strtod says %a", text, got, expected);
}

static void
test_parse_as_strtod (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  static const char *texts[] = {
    "0", "-0", "+0", "0.0", "-0.0e5", "00000012", "1.", ".5", "+.5e+3", "5E-3", "1e0", "1e-0",
    "9007199254740993", "9007199254740993.0000000000000000000001", "2.4703282292062327e-324",
    "2.4703282292062328e-324", "4.9406564584124654e-324", "2.2250738585072011e-308",
    "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e-400", "-1e-400",
    "1e400", "-1e400", "1e99999999999999999999", "1e-99999999999999999999", "0e99999999999999999999",
    "123456789012345678901234567890", "0.000000000000000000000000000001234",
  };
  g_autoptr(GString) long_text = g_string_new ("0.");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    check_parse (texts[i]);

  /* Up to 800 digits, around where the digits stop fitting the reader's
   * buffer (768) and double-conversion's long path starts (780), and
   * halfway cases decided by the last of them. */
  for (guint i = 0; i < 800; i++)
    {
      g_autoptr(GString) text = NULL;

      g_string_append_c (long_text, '0' + (i * 7 + 1) % 10);
      if (i < 740 && i % 50 != 0)
        continue;
      check_parse (long_text->str);
      text = g_string_new ("9007199254740993");
      for (guint k = 0; k < i; k++)
        g_string_append_c (text, '0');
      g_string_append_c (text, '1');
      check_parse (text->str);
      g_string_append (text, "e-700");
      check_parse (text->str);
      g_string_insert (text, 0, "-0.0000");
      check_parse (text->str);
    }
  g_string_append (long_text, "e-300");
  check_parse (long_text->str);

  for (guint i = 0; i < 200000; i++)
    {
      double v;
      char format[16], text[512];

      do
        v = double_of (random_bits (rand));
      while (!isfinite (v));
      if (i % 2)
        v = ldexp (g_rand_double (rand), g_rand_int_range (rand, -70, 70));
      if (i % 3 == 0)
        g_snprintf (format, sizeof format, "%%.%de", g_rand_int_range (rand, 0, 30));
      else
        g_snprintf (format, sizeof format, "%%.%df", g_rand_int_range (rand, 0, 40));
      g_ascii_formatd (text, sizeof text, format, v);
      check_parse (text);
    }
}

/* What is refused stays refused (the readers' messages depend on it). */
static void
test_parse_refuses (void)
{
  static const char *bad[] = {
    "", " 1", "1 ", "\t1", "inf", "-inf", "Infinity", "nan", "NaN", "0x10", "0x1p3", "1e", "1e+", "1e-",
    "e5", "-", "+", ".", "-.", ".e1", "1,5", "1.2.3", "++1", "+-1", "1e5.5", "1e400", "-1e400", "1d5",
    "1f", "١", "1\xc2\xa0", "01x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double v = 42;

      if (wfl_parse_double (bad[i], &v))
        g_error ("“%s” is taken as %g", bad[i], v);
      g_assert_cmpfloat (v, ==, 42);
    }
  g_assert_false (wfl_parse_double (NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/number/format/million", test_format_million);
  g_test_add_func ("/wfl/number/format/forms", test_format_forms);
  g_test_add_func ("/wfl/number/format/shortest", test_format_shortest);
  g_test_add_func ("/wfl/number/parse/as-strtod", test_parse_as_strtod);
  g_test_add_func ("/wfl/number/parse/refuses", test_parse_refuses);
  return g_test_run ();
}
