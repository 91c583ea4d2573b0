/* wfl-schedule.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-schedule"

#include "config.h"

#include "wfl-schedule.h"

static void
clear_point (gpointer data)
{
  WflPoint *point = data;

  g_clear_pointer (&point->source, g_free);
}

WflSchedule *
wfl_schedule_new (void)
{
  WflSchedule *self = g_new0 (WflSchedule, 1);

  self->points = g_array_new (FALSE, TRUE, sizeof (WflPoint));
  g_array_set_clear_func (self->points, clear_point);
  return self;
}

WflSchedule *
wfl_schedule_new_constant (double value)
{
  WflSchedule *self = wfl_schedule_new ();

  wfl_schedule_add_point (self, WFL_DATE_NONE, value, WFL_INTERPOLATE_STEP);
  return self;
}

WflSchedule *
wfl_schedule_copy (const WflSchedule *self)
{
  WflSchedule *copy;

  if (self == NULL)
    return NULL;

  copy = wfl_schedule_new ();
  for (guint i = 0; i < self->points->len; i++)
    {
      WflPoint p = g_array_index (self->points, WflPoint, i);

      p.source = g_strdup (p.source);
      g_array_append_val (copy->points, p);
    }
  return copy;
}

void
wfl_schedule_free (WflSchedule *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->points);
  g_free (self);
}

WflPoint *
wfl_schedule_add_point (WflSchedule    *self,
                        WflDate         date,
                        double          value,
                        WflInterpolate  interpolate)
{
  WflPoint p = { 0 };

  g_return_val_if_fail (self != NULL, NULL);

  p.date = date;
  p.value = value;
  p.interpolate = interpolate;
  g_array_append_val (self->points, p);
  return &g_array_index (self->points, WflPoint, self->points->len - 1);
}

guint
wfl_schedule_get_n_points (const WflSchedule *self)
{
  return self ? self->points->len : 0;
}

WflPoint *
wfl_schedule_get_point (const WflSchedule *self,
                        guint              i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->points->len, NULL);

  return &g_array_index (self->points, WflPoint, i);
}

void
wfl_schedule_remove_point (WflSchedule *self,
                           guint        i)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (i < self->points->len);

  g_array_remove_index (self->points, i);
}

gboolean
wfl_schedule_is_constant (const WflSchedule *self)
{
  return self != NULL &&
         self->points->len == 1 &&
         g_array_index (self->points, WflPoint, 0).date == WFL_DATE_NONE;
}

gboolean
wfl_schedule_equal (const WflSchedule *a,
                    const WflSchedule *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->points->len != b->points->len)
    return FALSE;
  for (guint i = 0; i < a->points->len; i++)
    {
      const WflPoint *p = &g_array_index (a->points, WflPoint, i);
      const WflPoint *q = &g_array_index (b->points, WflPoint, i);

      if (p->date != q->date || p->value != q->value ||
          p->interpolate != q->interpolate ||
          p->confidence != q->confidence ||
          g_strcmp0 (p->source, q->source) != 0)
        return FALSE;
    }
  return TRUE;
}

int
wfl_week_of_date (WflDate start,
                  WflDate date)
{
  gint64 days;

  if (date == WFL_DATE_NONE || date <= start)
    return 0;
  days = (gint64) date - (gint64) start;
  return (int) (days / 7);
}

WflDate
wfl_date_of_week (WflDate start,
                  int     week)
{
  return (WflDate) ((gint64) start + 7 * (gint64) week);
}

gboolean
wfl_week_window_of_dates (WflDate  start,
                          int      n_weeks,
                          WflDate  from,
                          WflDate  to,
                          int     *first_week,
                          int     *last_week)
{
  int first = from != WFL_DATE_NONE ? wfl_week_of_date (start, from) : 0;
  int last = to == WFL_DATE_NONE ? n_weeks - 1 : to < start ? -1 : wfl_week_of_date (start, to);

  last = MIN (last, n_weeks - 1);
  if (first_week != NULL)
    *first_week = first;
  if (last_week != NULL)
    *last_week = last;
  return first <= last && first < n_weeks && last >= 0;
}

void
wfl_schedule_evaluate (const WflSchedule *self,
                       WflDate            start,
                       int                weeks,
                       double             fallback,
                       double            *out)
{
  guint n = wfl_schedule_get_n_points (self);
  int prev_week = 0;
  double prev_value;

  if (weeks <= 0)
    return;

  if (n == 0)
    {
      for (int t = 0; t < weeks; t++)
        out[t] = fallback;
      return;
    }

  /* Before (and at) the first point, the first value holds. */
  prev_value = g_array_index (self->points, WflPoint, 0).value;
  prev_week = 0;
  for (int t = 0; t < weeks; t++)
    out[t] = prev_value;

  for (guint i = 0; i < n; i++)
    {
      const WflPoint *p = &g_array_index (self->points, WflPoint, i);
      int w = wfl_week_of_date (start, p->date);

      if (i > 0 && p->interpolate == WFL_INTERPOLATE_LINEAR && w > prev_week)
        {
          /* Ramp from the previous point to this one. */
          for (int t = MAX (prev_week, 0); t < w && t < weeks; t++)
            out[t] = prev_value + (p->value - prev_value) * (double) (t - prev_week) / (double) (w - prev_week);
        }
      for (int t = MAX (w, 0); t < weeks; t++)
        out[t] = p->value;

      prev_week = w;
      prev_value = p->value;
    }
}
