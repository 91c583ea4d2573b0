/* wfl-model-types.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-model-types"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "wfl-model-types.h"

typedef struct
{
  int         value;
  const char *nick;
} EnumNick;

static const EnumNick node_kinds[] = {
  { WFL_NODE_KIND_SUPPLY, "supply" },
  { WFL_NODE_KIND_PROCESS, "process" },
  { WFL_NODE_KIND_CUSTOMER, "customer" },
  { WFL_NODE_KIND_POOL, "pool" },
  { WFL_NODE_KIND_EQUIPMENT, "equipment" },
  { 0, NULL }
};

static const EnumNick allocations[] = {
  { WFL_ALLOCATION_PROPORTIONAL, "proportional" },
  { WFL_ALLOCATION_PRIORITY, "priority" },
  { WFL_ALLOCATION_FIXED_SHARE, "fixed-share" },
  { WFL_ALLOCATION_FAIR_SHARE, "fair-share" },
  { 0, NULL }
};

static const EnumNick bases[] = {
  { WFL_BASIS_SEED, "seed" },
  { WFL_BASIS_PUBLIC, "public" },
  { WFL_BASIS_ESTIMATE, "estimate" },
  { 0, NULL }
};

static const EnumNick confidences[] = {
  { WFL_CONFIDENCE_HIGH, "high" },
  { WFL_CONFIDENCE_MEDIUM, "medium" },
  { WFL_CONFIDENCE_LOW, "low" },
  { 0, NULL }
};

static const EnumNick interpolations[] = {
  { WFL_INTERPOLATE_STEP, "step" },
  { WFL_INTERPOLATE_LINEAR, "linear" },
  { 0, NULL }
};

static const EnumNick gantt_modes[] = {
  { WFL_GANTT_MODE_ORDERS, "orders" },
  { WFL_GANTT_MODE_PIPELINE, "pipeline" },
  { 0, NULL }
};

static const EnumNick zooms[] = {
  { WFL_ZOOM_WEEK, "week" },
  { WFL_ZOOM_MONTH, "month" },
  { WFL_ZOOM_QUARTER, "quarter" },
  { WFL_ZOOM_YEAR, "year" },
  { 0, NULL }
};

static const char *
nick_of (const EnumNick *table,
         int             value)
{
  for (guint i = 0; table[i].nick != NULL; i++)
    if (table[i].value == value)
      return table[i].nick;
  return NULL;
}

static gboolean
value_of (const EnumNick *table,
          const char     *str,
          int            *value)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; table[i].nick != NULL; i++)
    if (strcmp (table[i].nick, str) == 0)
      {
        *value = table[i].value;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_ENUM_STRINGS(Type, name, table)                  \
  const char *                                                  \
  wfl_##name##_to_string (Type value)                           \
  {                                                             \
    return nick_of (table, (int) value);                        \
  }                                                             \
  gboolean                                                      \
  wfl_##name##_from_string (const char *str,                    \
                            Type       *out)                    \
  {                                                             \
    int v;                                                      \
    if (!value_of (table, str, &v))                             \
      return FALSE;                                             \
    *out = (Type) v;                                            \
    return TRUE;                                                \
  }

DEFINE_ENUM_STRINGS (WflNodeKind, node_kind, node_kinds)
DEFINE_ENUM_STRINGS (WflAllocation, allocation, allocations)
DEFINE_ENUM_STRINGS (WflBasis, basis, bases)
DEFINE_ENUM_STRINGS (WflConfidence, confidence, confidences)
DEFINE_ENUM_STRINGS (WflInterpolate, interpolate, interpolations)
DEFINE_ENUM_STRINGS (WflGanttMode, gantt_mode, gantt_modes)
DEFINE_ENUM_STRINGS (WflZoom, zoom, zooms)

WflDate
wfl_date_from_ymd (int year,
                   int month,
                   int day)
{
  GDate d;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
    return WFL_DATE_NONE;
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return WFL_DATE_NONE;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&d);
}

void
wfl_date_to_ymd (WflDate  date,
                 int     *year,
                 int     *month,
                 int     *day)
{
  GDate d;

  g_return_if_fail (date != WFL_DATE_NONE);

  g_date_clear (&d, 1);
  g_date_set_julian (&d, date);
  if (year)
    *year = g_date_get_year (&d);
  if (month)
    *month = g_date_get_month (&d);
  if (day)
    *day = g_date_get_day (&d);
}

/* Strictly YYYY-MM-DD. */
WflDate
wfl_date_parse (const char *str)
{
  int v[3] = { 0, 0, 0 };
  const int widths[3] = { 4, 2, 2 };
  const char *p = str;

  if (str == NULL)
    return WFL_DATE_NONE;

  for (guint f = 0; f < 3; f++)
    {
      for (int i = 0; i < widths[f]; i++, p++)
        {
          if (*p < '0' || *p > '9')
            return WFL_DATE_NONE;
          v[f] = v[f] * 10 + (*p - '0');
        }
      if (f < 2)
        {
          if (*p != '-')
            return WFL_DATE_NONE;
          p++;
        }
    }
  if (*p != '\0')
    return WFL_DATE_NONE;

  return wfl_date_from_ymd (v[0], v[1], v[2]);
}

char *
wfl_date_format (WflDate date)
{
  int y, m, d;

  if (date == WFL_DATE_NONE)
    return g_strdup ("");
  wfl_date_to_ymd (date, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

char *
wfl_format_double (double value)
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

/* Accepts an optional sign, digits, an optional fraction and an optional
 * exponent; nothing else (no hex, no inf/nan, no spaces, no locale). */
gboolean
wfl_parse_double (const char *str,
                  double     *value)
{
  const char *p = str;
  char *end = NULL;
  gboolean digits = FALSE;
  double v;

  if (str == NULL)
    return FALSE;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;

  v = g_ascii_strtod (str, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;

  *value = v;
  return TRUE;
}

gboolean
wfl_parse_int (const char *str,
               gint64     *value)
{
  const char *p = str;

  if (str == NULL || *str == '\0')
    return FALSE;
  if (*p == '+' || *p == '-')
    p++;
  if (*p == '\0')
    return FALSE;
  for (; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return g_ascii_string_to_signed (str, 10, G_MININT32, G_MAXINT32, value, NULL);
}

gboolean
wfl_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_' || *p == '.' || *p == '-'))
      return FALSE;
  return TRUE;
}
