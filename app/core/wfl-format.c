/* wfl-format.c: numbers and dates as the user reads them
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-format"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wfl-format.h"
#include "wfl-quantity.h"

static const char *
decimal_point (void)
{
  const char *point = localeconv ()->decimal_point;

  return point != NULL && point[0] != '\0' ? point : ".";
}

static const char *
thousands_separator (void)
{
  const char *sep = localeconv ()->thousands_sep;

  return sep != NULL ? sep : "";
}

/* The C text with its "." replaced by the locale's decimal point. */
static char *
localise_point (const char *c_text)
{
  const char *dot = strchr (c_text, '.');

  if (dot == NULL)
    return g_strdup (c_text);
  return g_strdup_printf ("%.*s%s%s", (int) (dot - c_text), c_text, decimal_point (), dot + 1);
}

char *
wfl_format_number_locale (double   value,
                          gboolean grouping)
{
  g_autofree char *c_text = wfl_format_double (value);
  const char *dot;
  int decimals;

  /* Exponents and non-finite values keep their digits; only the point
   * changes. */
  if (!isfinite (value) || strpbrk (c_text, "eE") != NULL)
    return localise_point (c_text);

  /* Grouped as the charts group (wfl_quantity_localise(): a narrow
   * no-break space where the locale has no separator), so that a table
   * and a chart write one number alike. */
  if (grouping)
    return wfl_quantity_localise (c_text);
  /* Printing with as many decimals as the shortest exact C text has
   * gives the same digits, in the locale's form. */
  dot = strchr (c_text, '.');
  decimals = dot != NULL ? (int) strlen (dot + 1) : 0;
  return g_strdup_printf ("%.*f", decimals, value);
}

char *
wfl_format_quantity_locale (double value)
{
  return wfl_quantity_format_number (value);
}

char *
wfl_format_unit_locale (const char *unit,
                        gboolean    plural)
{
  return wfl_quantity_format_unit (unit, plural ? 2 : 1);
}

char *
wfl_format_amount_locale (double      value,
                          const char *unit)
{
  return wfl_quantity_format (value, unit);
}

/* "10.000" or "1.234.567" where "." groups thousands. */
static gboolean
is_grouped_whole (const char *text,
                  const char *sep)
{
  gsize sep_len = strlen (sep);
  const char *p = text;
  int digits = 0;
  gboolean grouped = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits++;
  if (digits < 1 || digits > 3)
    return FALSE;
  while (strncmp (p, sep, sep_len) == 0)
    {
      p += sep_len;
      for (int i = 0; i < 3; i++, p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
      grouped = TRUE;
    }
  return grouped && *p == '\0';
}

gboolean
wfl_parse_number_locale (const char *text,
                         double     *value)
{
  const char *point = decimal_point ();
  const char *sep = thousands_separator ();
  g_autofree char *stripped = NULL;
  GString *c_text;
  gboolean ok;

  if (text == NULL)
    return FALSE;
  stripped = g_strstrip (g_strdup (text));

  if (strcmp (point, ".") == 0)
    return wfl_parse_double (stripped, value);

  c_text = g_string_new (stripped);
  if (strstr (stripped, point) != NULL)
    {
      /* The locale's form, "2,5" or "1.234,5": without its grouping,
       * its point becomes the C point. */
      const char *at = strstr (stripped, point);
      g_autofree char *whole = g_strndup (stripped, at - stripped);
      const char *fraction = at + strlen (point);

      if (sep[0] != '\0' && strcmp (sep, point) != 0 && strstr (whole, sep) != NULL)
        {
          if (!is_grouped_whole (whole, sep))
            {
              g_string_free (c_text, TRUE);
              return FALSE;
            }
          g_string_assign (c_text, whole);
          g_string_replace (c_text, sep, "", 0);
          g_string_append (c_text, point);
          g_string_append (c_text, fraction);
        }
      if (strchr (c_text->str, '.') != NULL)
        {
          g_string_free (c_text, TRUE);
          return FALSE;
        }
      g_string_replace (c_text, point, ".", 1);
    }
  else if (sep[0] != '\0' && strcmp (sep, ".") == 0 && is_grouped_whole (stripped, sep))
    {
      /* "10.000" in German is ten thousand, not ten. */
      g_string_replace (c_text, sep, "", 0);
    }
  /* Otherwise the C form of the files, "2.5". */
  ok = wfl_parse_double (c_text->str, value);
  g_string_free (c_text, TRUE);
  return ok;
}

char *
wfl_format_date_locale (WflDate date)
{
  GDate gdate;
  char buf[128];

  if (date == WFL_DATE_NONE)
    return g_strdup ("");

  g_date_clear (&gdate, 1);
  g_date_set_julian (&gdate, date);
  /* Translators: a date shown in the window (not in files), see
   * strftime(3); "%-d %b %Y" is "4 Mar 2024" */
  if (g_date_strftime (buf, sizeof buf, _("%-d %b %Y"), &gdate) == 0)
    return wfl_date_format (date);
  return g_strdup (buf);
}
