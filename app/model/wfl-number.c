/* wfl-number.c: numbers in files, written and read through double-conversion
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of a number is defined by printf (docs/scenario-format.md):
 * "%.{p}g" for the least p from 1 to 17 that reads back to the same
 * double, written without an exponent when that also reads back and
 * 1e-6 <= |value| < 1e17 ("%.{d}f", d = p - 1 - floor (log10 |value|)).
 * Searching p with printf and strtod costs up to 17 of each per number;
 * double-conversion's shortest digits give the same text at once:
 *
 * - No string of fewer than n digits reads back, n the length of the
 *   shortest digits S, so the search starts at p = n.
 * - "%.{n}g" rounds |value| correctly to n digits.  When the doubles
 *   around |value| are equally far (every double but an exact power of
 *   two), the correctly rounded n digits lie at least as near as S, so
 *   they read back too, and since S is the nearest of the n-digit strings
 *   that read back, they are S; unless two n-digit strings are exactly
 *   as near, a tie, which only happens when |value| is exactly a decimal
 *   of n + 1 digits ending in 5 (printf then rounds to even).
 * - So, apart from exact powers of two and those ties, the text is S
 *   laid out as %g lays it out.  Those rare cases, and a plain form
 *   whose floating-point log10 disagrees with the exact exponent, take
 *   the printf route from p = n.
 *
 * tests/model/test-number.c checks this against the printf route over a
 * million random and awkward doubles.
 */

#define G_LOG_DOMAIN "wfl-number"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wfl-double-conversion.h"
#include "wfl-model-types.h"
#include "wfl-number-private.h"

/* g_ascii_formatd (buf, format, value) reads back to value. */
static gboolean
printf_round_trips (char       *buf,
                    gsize       size,
                    const char *format,
                    double      value)
{
  g_ascii_formatd (buf, size, format, value);
  return g_ascii_strtod (buf, NULL) == value;
}

/* The printf route: the least precision from first on that reads back,
 * then the plain form when it reads back too.  (The text is at most 25
 * characters: "-0." and 22 decimals.) */
static gsize
format_with_printf (double  value,
                    int     first,
                    char   *buf)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  int precision;

  for (precision = first; precision <= 17; precision++)
    {
      g_snprintf (format, sizeof format, "%%.%dg", precision);
      if (printf_round_trips (text, sizeof text, format, value))
        break;
    }

  /* Prefer plain decimals over exponents for everyday magnitudes. */
  if (strchr (text, 'e') != NULL && fabs (value) >= 1e-6 && fabs (value) < 1e17)
    {
      int exponent = (int) floor (log10 (fabs (value)));
      int decimals = MAX (0, precision - 1 - exponent);
      char plain[64];

      g_snprintf (format, sizeof format, "%%.%df", decimals);
      if (printf_round_trips (plain, sizeof plain, format, value))
        return g_strlcpy (buf, plain, WFL_FORMAT_DOUBLE_SIZE);
    }
  return g_strlcpy (buf, text, WFL_FORMAT_DOUBLE_SIZE);
}

/* |value| = m × 2^e with m odd: whether the correctly rounded n digits of
 * |value|, whose first digit has the decimal exponent x, are a tie
 * between two n-digit strings.  The exact decimal of |value| has -e
 * digits after the point when e < 0, the last one a 5, so a tie is n + 1
 * digits exactly: -e = n - x.  When e >= 0 the digits are an integer and
 * a tie (an odd multiple of 5 × 10^j, so j = e) lies 5 × 10^e from the
 * n-digit strings, farther than half the gap 2^e to the next double:
 * neither reads back, and n would not be the shortest length.
 * (double-conversion's shortest digits break such a tie to even as
 * printf does, but its documentation says away from zero: the printf
 * route decides.) */
static gboolean
is_tie (int e,
        int n,
        int x)
{
  return e < 0 && -e == n - x;
}

/* Lays the digits d (n of them, no trailing zeros) with |value| =
 * 0.d × 10^point out as %.{n}g does, after the sign. */
static char *
lay_out_g (char       *out,
           const char *d,
           int         n,
           int         point)
{
  int x = point - 1;

  if (x < -4 || x >= n)
    {
      int e = ABS (x);

      *out++ = d[0];
      if (n > 1)
        {
          *out++ = '.';
          memcpy (out, d + 1, n - 1);
          out += n - 1;
        }
      *out++ = 'e';
      *out++ = x < 0 ? '-' : '+';
      if (e >= 100)
        *out++ = '0' + e / 100;
      *out++ = '0' + e / 10 % 10;
      *out++ = '0' + e % 10;
    }
  else if (point <= 0)
    {
      *out++ = '0';
      *out++ = '.';
      memset (out, '0', -point);
      out += -point;
      memcpy (out, d, n);
      out += n;
    }
  else
    {
      int whole = MIN (point, n);

      memcpy (out, d, whole);
      out += whole;
      if (point > n)
        {
          memset (out, '0', point - n);
          out += point - n;
        }
      else if (n > point)
        {
          *out++ = '.';
          memcpy (out, d + point, n - point);
          out += n - point;
        }
    }
  *out = '\0';
  return out;
}

/* The decimal digits of the integer v (0 < v < 1e17). */
static char *
lay_out_integer (char   *out,
                 double  v)
{
  char digits[24];
  guint64 i = (guint64) v;
  int n = 0;

  do
    digits[n++] = '0' + i % 10;
  while ((i /= 10) > 0);
  while (n > 0)
    *out++ = digits[--n];
  *out = '\0';
  return out;
}

gsize
wfl_format_double_buf (double value,
                       char   buf[WFL_FORMAT_DOUBLE_SIZE])
{
  union { double d; guint64 u; } bits = { value };
  char digits[WFL_DC_DIGITS_SIZE];
  guint64 mantissa = bits.u & G_GUINT64_CONSTANT (0xfffffffffffff);
  int biased = (int) (bits.u >> 52 & 0x7ff);
  double magnitude = fabs (value);
  char *out = buf;
  int n, point, e, x;

  if (!isfinite (value))
    return g_strlcpy (buf, isnan (value) ? "nan" : (value > 0 ? "inf" : "-inf"), WFL_FORMAT_DOUBLE_SIZE);
  if (value == 0)
    {
      buf[0] = '0', buf[1] = '\0';
      return 1;
    }

  /* Whole numbers below 2^53 (< 1e16) are their digits: %g's fixed form,
   * or the plain form, as log10 of an integer is never below its exponent. */
  if (magnitude < 9007199254740992.0 && magnitude == (double) (gint64) magnitude)
    {
      if (value < 0)
        *out++ = '-';
      return lay_out_integer (out, magnitude) - buf;
    }

  n = wfl_fmt_shortest (magnitude, digits, &point);

  /* Exact powers of two have the nearer neighbour below: printf's n
   * digits may not read back where the shortest do. */
  if (mantissa == 0 && biased > 1)
    return format_with_printf (value, n, buf);

  /* |value| = m × 2^e, m odd. */
  if (biased == 0)
    e = -1074;
  else
    mantissa |= G_GUINT64_CONSTANT (1) << 52, e = biased - 1075;
  e += __builtin_ctzll (mantissa);

  /* The decimal exponent of |value| is point - 1, or point - 2 when the
   * shortest digits rounded up to a power of ten ("1"). */
  x = point - 1;
  if (is_tie (e, n, x) || (n == 1 && digits[0] == '1' && is_tie (e, n, x - 1)))
    return format_with_printf (value, n, buf);

  if (value < 0)
    *out++ = '-';

  if ((x < -4 || x >= n) && magnitude >= 1e-6 && magnitude < 1e17)
    {
      /* The plain form: %.{d}f rounds where %.{n}g rounded when the
       * floating-point exponent is the exact one, so it reads back. */
      int exponent = (int) floor (log10 (magnitude));

      if (x >= n && exponent >= n - 1)
        {
          /* d = 0, and |value| >= 10^n with n digits reading back is an
           * integer (a non-integer is nearer no integer than its gap). */
          return lay_out_integer (out, magnitude) - buf;
        }
      if (x < -4 && exponent == x && !(n == 1 && digits[0] == '1'))
        {
          *out++ = '0';
          *out++ = '.';
          memset (out, '0', -point);
          out += -point;
          memcpy (out, digits, n);
          out += n;
          *out = '\0';
          return out - buf;
        }
      return format_with_printf (value, n, buf);
    }

  return lay_out_g (out, digits, n, point) - buf;
}

char *
wfl_format_double (double value)
{
  char buf[WFL_FORMAT_DOUBLE_SIZE];
  gsize length = wfl_format_double_buf (value, buf);

  return g_strndup (buf, length);
}

void
wfl_string_append_double (GString *out,
                          double   value)
{
  gsize length = out->len;

  /* Formatted in place: g_string_set_size() makes the room (and is cheap
   * when the string has it). */
  g_string_set_size (out, length + WFL_FORMAT_DOUBLE_SIZE);
  g_string_truncate (out, length + wfl_format_double_buf (value, out->str + length));
}

/* Significant digits read into a buffer; a longer number goes through
 * double-conversion's own reader.  An exponent beyond ±10^6 gives 0 or
 * inf whatever the digits (a double has 17 digits of up to 10^±324). */
#define MAX_DIGITS 768
#define MAX_EXPONENT 1000000

/* Accepts an optional sign, digits, an optional fraction and an optional
 * exponent; nothing else (no hex, no inf/nan, no spaces, no locale).  The
 * checking walk gathers the significant digits and the exponent, which
 * double-conversion turns into the nearest double. */
gboolean
_wfl_number_parse (const char *str,
                   double     *value)
{
  const char *p = str;
  char digits[MAX_DIGITS];
  gboolean any = FALSE, negative = FALSE, exponent_negative = FALSE;
  int n = 0, scale = 0, exponent = 0;
  double v;

  if (str == NULL)
    return FALSE;

  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  for (; g_ascii_isdigit (*p); p++)
    {
      any = TRUE;
      if (n == 0 && *p == '0')
        continue;
      if (n < MAX_DIGITS)
        digits[n] = *p;
      n++;
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      {
        any = TRUE;
        scale--;
        if (n == 0 && *p == '0')
          continue;
        if (n < MAX_DIGITS)
          digits[n] = *p;
        n++;
      }
  if (!any)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        exponent_negative = *p++ == '-';
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++)
        exponent = MIN (exponent * 10 + (*p - '0'), MAX_EXPONENT);
    }
  if (*p != '\0')
    return FALSE;

  if (n > MAX_DIGITS)
    {
      int processed = 0;

      if (p - str > G_MAXINT)
        return FALSE;
      v = wfl_dc_strtod (str, (int) (p - str), &processed);
      if (processed != p - str || isnan (v))
        return FALSE;
      *value = v;
      return TRUE;
    }

  /* digits × 10^(scale ± exponent), without trailing zeros. */
  while (n > 0 && digits[n - 1] == '0')
    n--, scale++;
  v = n == 0 ? 0 : wfl_dc_strtod_digits (digits, n, scale + (exponent_negative ? -exponent : exponent));
  *value = negative ? -v : v;
  return TRUE;
}

gboolean
wfl_parse_double (const char *str,
                  double     *value)
{
  double v;

  if (!_wfl_number_parse (str, &v) || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}
