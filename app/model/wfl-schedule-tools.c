/* wfl-schedule-tools.c: scale or shift a schedule from a date on
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-schedule-tools"

#include "config.h"

#include <string.h>

#include "wfl-schedule-tools.h"

/* The values of weeks 0 … n − 1 (n ≥ 1). */
static double *
evaluate (const WflSchedule *self,
          WflDate            start,
          int                n)
{
  double *out = g_new (double, MAX (n, 1));

  wfl_schedule_evaluate (self, start, MAX (n, 1), 0, out);
  return out;
}

static int
point_week (const WflSchedule *self,
            WflDate            start,
            guint              i)
{
  return wfl_week_of_date (start, wfl_schedule_get_point (self, i)->date);
}

static void
append_copy (WflSchedule    *to,
             const WflPoint *point,
             WflDate         date,
             double          value)
{
  WflPoint p = *point;

  p.date = date;
  p.value = value;
  p.source = g_strdup (point->source);
  g_array_append_val (to->points, p);
}

/* A new point at week `week` with the source and confidence of meta. */
static void
append_new (WflSchedule    *to,
            const WflPoint *meta,
            WflDate         start,
            int             week,
            double          value,
            WflInterpolate  interpolate)
{
  WflPoint p = { 0 };

  p.date = wfl_date_of_week (start, week);
  p.value = value;
  p.interpolate = interpolate;
  p.source = g_strdup (meta->source);
  p.confidence = meta->confidence;
  g_array_append_val (to->points, p);
}

/* The general rewrite: the points of weeks before `keep` stay; an anchor
 * at week keep − 1 keeps the values before `keep` when the next point
 * would ramp (or there is no point left before it); a step point at week
 * dst takes factor × the value of week src; the points after week src
 * follow, moved by dst − src weeks and multiplied by factor.  So week t
 * has the old value for t < keep, factor × old (t − dst + src) for
 * t ≥ dst, and the value of week keep − 1 in between. */
static WflSchedule *
rewrite (const WflSchedule *self,
         WflDate            start,
         int                keep,
         int                src,
         int                dst,
         double             factor)
{
  WflSchedule *out = wfl_schedule_new ();
  guint n = wfl_schedule_get_n_points (self);
  g_autofree double *old = evaluate (self, start, MAX (src, keep) + 1);
  const WflPoint *value_meta = wfl_schedule_get_point (self, 0);
  guint i = 0;
  int last_kept = -1;

  for (; i < n && point_week (self, start, i) < keep; i++)
    {
      append_copy (out, wfl_schedule_get_point (self, i), wfl_schedule_get_point (self, i)->date,
                   wfl_schedule_get_point (self, i)->value);
      last_kept = point_week (self, start, i);
    }
  if (keep > 0)
    {
      const WflPoint *next = i < n ? wfl_schedule_get_point (self, i) : NULL;

      if (last_kept < 0)
        append_new (out, next != NULL ? next : value_meta, start, keep - 1, old[keep - 1], WFL_INTERPOLATE_STEP);
      else if (next != NULL && next->interpolate == WFL_INTERPOLATE_LINEAR && last_kept < keep - 1)
        append_new (out, next, start, keep - 1, old[keep - 1], WFL_INTERPOLATE_LINEAR);
    }
  for (guint j = 0; j < n && point_week (self, start, j) <= src; j++)
    value_meta = wfl_schedule_get_point (self, j);
  append_new (out, value_meta, start, dst, factor * old[src], WFL_INTERPOLATE_STEP);
  for (guint j = 0; j < n; j++)
    {
      const WflPoint *p = wfl_schedule_get_point (self, j);

      if (point_week (self, start, j) > src)
        append_copy (out, p, p->date + 7 * (dst - src), factor * p->value);
    }
  return out;
}

/* Puts the points of replacement into self when some week's value
 * differs; frees replacement. */
static gboolean
replace_if_changed (WflSchedule *self,
                    WflSchedule *replacement,
                    WflDate      start,
                    int          n_weeks)
{
  g_autofree double *before = evaluate (self, start, n_weeks);
  g_autofree double *after = evaluate (replacement, start, n_weeks);
  gboolean changed = memcmp (before, after, sizeof (double) * MAX (n_weeks, 1)) != 0;

  if (changed)
    {
      GArray *points = self->points;

      self->points = replacement->points;
      replacement->points = points;
    }
  wfl_schedule_free (replacement);
  return changed;
}

gboolean
wfl_schedule_scale_from (WflSchedule *self,
                         WflDate      start,
                         int          n_weeks,
                         WflDate      from,
                         double       factor)
{
  int week;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (n_weeks > 0, FALSE);

  if (wfl_schedule_get_n_points (self) == 0 || factor == 1)
    return FALSE;
  week = from == WFL_DATE_NONE ? 0 : wfl_week_of_date (start, from);
  if (week >= n_weeks)
    return FALSE;
  if (week == 0)
    {
      WflSchedule *scaled = wfl_schedule_copy (self);

      for (guint i = 0; i < wfl_schedule_get_n_points (scaled); i++)
        wfl_schedule_get_point (scaled, i)->value *= factor;
      return replace_if_changed (self, scaled, start, n_weeks);
    }
  return replace_if_changed (self, rewrite (self, start, week, week, week, factor), start, n_weeks);
}

gboolean
wfl_schedule_shift_from (WflSchedule *self,
                         WflDate      start,
                         int          n_weeks,
                         WflDate      from,
                         int          weeks)
{
  int src, dst;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (n_weeks > 0, FALSE);

  if (wfl_schedule_get_n_points (self) == 0 || weeks == 0 || wfl_schedule_is_constant (self))
    return FALSE;
  src = from == WFL_DATE_NONE ? 0 : wfl_week_of_date (start, from);
  if (src >= n_weeks)
    return FALSE;
  if (from == WFL_DATE_NONE && weeks > 0)
    {
      WflSchedule *moved = wfl_schedule_copy (self);

      for (guint i = 0; i < wfl_schedule_get_n_points (moved); i++)
        if (wfl_schedule_get_point (moved, i)->date != WFL_DATE_NONE)
          wfl_schedule_get_point (moved, i)->date += 7 * weeks;
      return replace_if_changed (self, moved, start, n_weeks);
    }
  dst = src + weeks;
  /* Earlier than the calendar's first week: week 0 takes the value of
   * the week as many weeks later. */
  if (dst < 0)
    {
      src -= dst;
      dst = 0;
    }
  return replace_if_changed (self, rewrite (self, start, MIN (src, dst), src, dst, 1), start, n_weeks);
}
