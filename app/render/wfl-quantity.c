/* wfl-quantity.c: a quantity and its unit as every chart, tooltip and
 * status line shows it
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One formatter for the screen and the exports, so that the status line,
 * the chart's labels and the tooltips never print the same kind of
 * number two ways ("30647" beside "19 431").
 */

#define G_LOG_DOMAIN "wfl-quantity"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-quantity.h"

static const char *
decimal_point (void)
{
  const char *point = localeconv ()->decimal_point;

  return point != NULL && point[0] != '\0' ? point : ".";
}

/* The locale's, or a narrow no-break space where it has none (C, POSIX):
 * "19 431" reads better than "19431" and never as a decimal. */
static const char *
thousands_separator (void)
{
  const char *sep = localeconv ()->thousands_sep;

  return sep != NULL && sep[0] != '\0' ? sep : "\u202f";
}

/* digits: a C number ("-12345.67") written with the locale's point and
 * its integer part grouped. */
char *
wfl_quantity_localise (const char *digits)
{
  GString *s = g_string_new (NULL);
  const char *p = digits;
  const char *dot;
  int len;

  if (*p == '-')
    g_string_append_c (s, *p++);
  dot = strchr (p, '.');
  len = dot != NULL ? (int) (dot - p) : (int) strlen (p);
  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (s, thousands_separator ());
      g_string_append_c (s, p[i]);
    }
  if (dot != NULL)
    {
      g_string_append (s, decimal_point ());
      g_string_append (s, dot + 1);
    }
  return g_string_free (s, FALSE);
}

/* value with decimals, trailing zeros dropped, in the C form. */
static char *
c_digits (double value,
          int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  int len;

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, format, value);
  if (strchr (buf, '.') != NULL)
    {
      len = strlen (buf);
      while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
      if (len > 0 && buf[len - 1] == '.')
        buf[--len] = '\0';
    }
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  return g_strdup (buf);
}

/* Three significant digits at most, of a value from 1 to 999.95. */
static char *
significant (double value)
{
  double a = fabs (value);

  return c_digits (value, a >= 99.95 ? 0 : a >= 9.995 ? 1 : 2);
}

char *
wfl_quantity_format_number (double value)
{
  g_autofree char *digits = NULL;
  g_autofree char *number = NULL;
  double a = fabs (value);

  if (!isfinite (value))
    return g_strdup ("–");
  if (a >= 999.5e9)
    {
      number = wfl_quantity_localise ((digits = significant (value / 1e12)));
      /* Translators: the suffix of a number in trillions (10^12) on a
       * chart, as in "1.5 T" */
      return g_strdup_printf ("%s\u202f%s", number, C_("number suffix", "T"));
    }
  if (a >= 999.5e6)
    {
      number = wfl_quantity_localise ((digits = significant (value / 1e9)));
      /* Translators: the suffix of a number in billions (10^9) on a
       * chart, as in "3.2 bn" */
      return g_strdup_printf ("%s\u202f%s", number, C_("number suffix", "bn"));
    }
  if (a >= 999.5e3)
    {
      number = wfl_quantity_localise ((digits = significant (value / 1e6)));
      /* Translators: the suffix of a number in millions on a chart, as
       * in "22.4 M" */
      return g_strdup_printf ("%s\u202f%s", number, C_("number suffix", "M"));
    }
  if (a >= 99.5)
    digits = c_digits (round (value), 0);
  else if (a >= 9.995)
    digits = c_digits (value, 1);
  else if (a >= 0.9995)
    digits = c_digits (value, 2);
  else if (a == 0)
    digits = g_strdup ("0");
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      digits = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3g", value));
      if (strpbrk (digits, "eE") != NULL)
        {
          /* Too small to group: only the point changes. */
          char *dot = strchr (digits, '.');

          if (dot == NULL)
            return g_steal_pointer (&digits);
          return g_strdup_printf ("%.*s%s%s", (int) (dot - digits), digits, decimal_point (), dot + 1);
        }
    }
  return wfl_quantity_localise (digits);
}

/* The n that ngettext picks the form by: the value as shown, 1 only when
 * it is one; the GNU convention for large numbers. */
static gulong
plural_n (double value)
{
  double a = fabs (value);

  if (a == 1)
    return 1;
  if (a != floor (a) || !isfinite (a))
    return 2;
  if (a < 1e6)
    return (gulong) a;
  return (gulong) fmod (a, 1e6) + 1000000;
}

static char *
english_plural (const char *word)
{
  gsize len = strlen (word);

  if (len > 1 && word[len - 1] == 'y' && strchr ("aeiou", word[len - 2]) == NULL)
    return g_strdup_printf ("%.*sies", (int) (len - 1), word);
  if (g_str_has_suffix (word, "s") || g_str_has_suffix (word, "x") || g_str_has_suffix (word, "z") ||
      g_str_has_suffix (word, "ch") || g_str_has_suffix (word, "sh"))
    return g_strdup_printf ("%ses", word);
  return g_strdup_printf ("%ss", word);
}

static const char * const abbreviations[] = {
  "asic", "cpu", "dpu", "gpu", "hbm", "ic", "nic", "npu", "pcb", "soc", "tpu", "xpu",
};

/* The units Waferline's scenarios use, in the user's language; a
 * scenario may name them in the singular or the plural, any case. */
static const char * const known_units[][2] = {
  { "wafer", "wafers" }, { "die", "dies" }, { "stack", "stacks" }, { "package", "packages" },
  { "substrate", "substrates" }, { "server", "servers" }, { "switch", "switches" },
  { "transceiver", "transceivers" }, { "board", "boards" }, { "rack", "racks" },
  { "gpu", "gpus" }, { "tpu", "tpus" }, { "cpu", "cpus" }, { "nic", "nics" },
};

static const char *
translate_unit (guint  i,
                gulong n)
{
  /* Translators: units after a number on the charts and the status line
   * ("3 wafers"); the scenario names them in English. */
  switch (i)
    {
    case 0: return ngettext ("wafer", "wafers", n);
    case 1: return ngettext ("die", "dies", n);
    case 2: return ngettext ("stack", "stacks", n);
    case 3: return ngettext ("package", "packages", n);
    case 4: return ngettext ("substrate", "substrates", n);
    case 5: return ngettext ("server", "servers", n);
    case 6: return ngettext ("switch", "switches", n);
    case 7: return ngettext ("transceiver", "transceivers", n);
    case 8: return ngettext ("board", "boards", n);
    case 9: return ngettext ("rack", "racks", n);
    case 10: return ngettext ("GPU", "GPUs", n);
    case 11: return ngettext ("TPU", "TPUs", n);
    case 12: return ngettext ("CPU", "CPUs", n);
    case 13: return ngettext ("NIC", "NICs", n);
    default: g_assert_not_reached ();
    }
}

static const char *
known_unit (const char *unit,
            gulong      n)
{
  g_autofree char *lower = g_ascii_strdown (unit, -1);

  G_STATIC_ASSERT (G_N_ELEMENTS (known_units) == 14);
  for (guint i = 0; i < G_N_ELEMENTS (known_units); i++)
    if (strcmp (lower, known_units[i][0]) == 0 || strcmp (lower, known_units[i][1]) == 0)
      return translate_unit (i, n);
  return NULL;
}

char *
wfl_quantity_format_unit (const char *unit,
                          double      value)
{
  gulong n = plural_n (value);
  const char *known;
  g_autofree char *word = NULL;

  if (unit == NULL || *unit == '\0')
    return g_strdup ("");
  if ((known = known_unit (unit, n)) != NULL)
    return g_strdup (known);
  for (const char *p = unit; *p != '\0'; p++)
    if (!g_ascii_islower (*p))
      /* A symbol ("MW") or a name the author capitalised. */
      return g_strdup (unit);

  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (strcmp (unit, abbreviations[i]) == 0)
      {
        word = g_ascii_strup (unit, -1);
        /* Abbreviations take a plain "s": "DPUs". */
        return n == 1 ? g_steal_pointer (&word) : g_strdup_printf ("%ss", word);
      }
  /* A word in the plural already ("units") stays as written. */
  if (n == 1 || (g_str_has_suffix (unit, "s") && !g_str_has_suffix (unit, "ss")))
    return g_strdup (unit);
  return english_plural (unit);
}

/* The unit as the number shows: singular for "1" only ("1.00 M" and
 * "0.999" are plural). */
static char *
unit_after (const char *number,
            double      value,
            const char *unit)
{
  return wfl_quantity_format_unit (unit, strcmp (number, "1") == 0 ? 1.0
                                         : fabs (value) >= 999.5e3 || !isfinite (value) ? 2.0
                                         : fabs (value) >= 99.5 ? round (value) : value == 1 ? 2.0 : value);
}

char *
wfl_quantity_format_unit_after (double      value,
                                const char *unit)
{
  g_autofree char *number = wfl_quantity_format_number (value);

  return unit_after (number, value, unit);
}

char *
wfl_quantity_format (double      value,
                     const char *unit)
{
  g_autofree char *number = wfl_quantity_format_number (value);
  g_autofree char *word = NULL;

  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  word = unit_after (number, value, unit);
  /* Translators: a quantity and its unit, "19 431 GPUs" */
  return g_strdup_printf (C_("quantity", "%s %s"), number, word);
}
