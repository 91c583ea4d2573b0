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
  { WFL_ALLOCATION_WEIGHTED_FAIR_SHARE, "weighted-fair-share" },
  { WFL_ALLOCATION_QUOTA, "quota" },
  { 0, NULL }
};

static const EnumNick periods[] = {
  { WFL_PERIOD_QUARTER, "quarter" },
  { WFL_PERIOD_MONTH, "month" },
  { WFL_PERIOD_WEEK, "week" },
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

static const EnumNick measures[] = {
  { WFL_MEASURE_UNITS, "units" },
  { WFL_MEASURE_COMPUTE, "compute" },
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
DEFINE_ENUM_STRINGS (WflPeriod, period, periods)
DEFINE_ENUM_STRINGS (WflBasis, basis, bases)
DEFINE_ENUM_STRINGS (WflConfidence, confidence, confidences)
DEFINE_ENUM_STRINGS (WflInterpolate, interpolate, interpolations)
DEFINE_ENUM_STRINGS (WflGanttMode, gantt_mode, gantt_modes)
DEFINE_ENUM_STRINGS (WflZoom, zoom, zooms)
DEFINE_ENUM_STRINGS (WflMeasure, measure, measures)

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

/* GDate's day numbers (day 1 is 0001-01-01 of the proleptic Gregorian
 * calendar) in arithmetic, without GDate's conversions: the writers turn
 * millions of dates into text.  (Howard Hinnant's civil_from_days, with
 * days counted from 0000-03-01; test-model-types checks every day of
 * years 1 to 9999 against GDate.) */
void
wfl_date_to_ymd (WflDate  date,
                 int     *year,
                 int     *month,
                 int     *day)
{
  guint64 z, era, doe, yoe, doy, mp, m;

  g_return_if_fail (date != WFL_DATE_NONE);

  z = (guint64) date + 305;   /* days since 0000-03-01 */
  era = z / 146097;
  doe = z - era * 146097;     /* [0, 146096] */
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;   /* March = 0 */
  m = mp < 10 ? mp + 3 : mp - 9;
  if (year)
    *year = (int) (yoe + era * 400 + (m <= 2));
  if (month)
    *month = (int) m;
  if (day)
    *day = (int) (doy - (153 * mp + 2) / 5 + 1);
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

/* The closing quote of an opening one, or 0. */
static gunichar
closing_quote (gunichar c)
{
  switch (c)
    {
    case 0x201C: return 0x201D;   /* “ ” */
    case 0x201E: return 0x201C;   /* „ “ */
    case 0x00AB: return 0x00BB;   /* « » */
    case '<': return '>';
    default: return 0;
    }
}

/* The last occurrence of c in message, or NULL. */
static const char *
last_of (const char *message,
         gunichar    c)
{
  char buf[8];
  int n = g_unichar_to_utf8 (c, buf);

  buf[n] = '\0';
  return g_strrstr (message, buf);
}

char *
wfl_message_cut_quotes (char *message)
{
  const gunichar closers[] = { 0x201D, 0x201C, 0x00BB, '>' };
  const char *last[G_N_ELEMENTS (closers)];
  GString *out;
  const char *p;

  g_return_val_if_fail (message != NULL, NULL);

  /* A value quoted whole may hold line breaks (a quoted CSV field): a
   * message is one line. */
  for (char *c = message; *c != '\0'; c++)
    if ((guchar) *c < 0x20 || *c == 0x7f)
      *c = ' ';

  if (strlen (message) <= WFL_MESSAGE_MAX_QUOTE || !g_utf8_validate (message, -1, NULL))
    return message;

  for (guint i = 0; i < G_N_ELEMENTS (closers); i++)
    last[i] = last_of (message, closers[i]);

  out = g_string_sized_new (strlen (message));
  for (p = message; *p != '\0'; )
    {
      gunichar close = closing_quote (g_utf8_get_char (p));
      const char *body = g_utf8_next_char (p);
      const char *end = NULL;
      const char *q;
      glong n = 0;
      guint k;

      g_string_append_len (out, p, body - p);
      p = body;
      for (k = 0; close != 0 && k < G_N_ELEMENTS (closers) && closers[k] != close; k++)
        ;
      /* No closing quote after this one: nothing to cut. */
      if (close == 0 || last[k] == NULL || last[k] < body)
        continue;

      for (q = body; *q != '\0'; q = g_utf8_next_char (q), n++)
        if (g_utf8_get_char (q) == close)
          {
            end = q;
            break;
          }
      if (end == NULL || n <= WFL_MESSAGE_MAX_QUOTE)
        continue;

      /* Cut, and go on after the span: each long span is read once. */
      g_string_append_len (out, body, g_utf8_offset_to_pointer (body, WFL_MESSAGE_MAX_QUOTE - 16) - body);
      g_string_append (out, "…");
      p = end;
    }
  g_free (message);
  return g_string_free (out, FALSE);
}

char *
wfl_format_figure (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  GString *text;
  char *e;

  /* As in the file: "." whatever the locale. */
  text = g_string_new (g_ascii_formatd (buf, sizeof buf, "%g", value));
  e = strchr (text->str, 'e');
  if (e != NULL)
    {
      gsize at = e - text->str + 1;

      if (text->str[at] == '+')
        g_string_erase (text, at, 1);
      else if (text->str[at] == '-')
        at++;
      while (text->str[at] == '0' && text->str[at + 1] != '\0')
        g_string_erase (text, at, 1);
    }
  return g_string_free (text, FALSE);
}

