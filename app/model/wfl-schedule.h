/* wfl-schedule.h
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-model-types.h"

G_BEGIN_DECLS

/* One dated point of a schedule (capacity, yield, mix).  A point whose date
 * is WFL_DATE_NONE is the constant form (an attribute in the file). */
struct _WflPoint
{
  WflDate         date;
  double          value;
  WflInterpolate  interpolate;  /* how the value is reached from the previous point */
  char           *source;       /* id of a <source>, or NULL */
  WflConfidence   confidence;
  int             line;         /* line in the file it came from, 0 if none */
};

/* A schedule: points in date order.  Before the first point the first value
 * holds; a step point holds from its week on; a linear point ramps from the
 * previous point's week to its own. */
struct _WflSchedule
{
  GArray *points;  /* of WflPoint */
};

WflSchedule *wfl_schedule_new          (void) G_GNUC_WARN_UNUSED_RESULT;
WflSchedule *wfl_schedule_new_constant (double              value) G_GNUC_WARN_UNUSED_RESULT;
WflSchedule *wfl_schedule_copy         (const WflSchedule  *self) G_GNUC_WARN_UNUSED_RESULT;
void         wfl_schedule_free         (WflSchedule        *self);
WflPoint    *wfl_schedule_add_point    (WflSchedule        *self,
                                        WflDate             date,
                                        double              value,
                                        WflInterpolate      interpolate);
guint        wfl_schedule_get_n_points (const WflSchedule  *self);
WflPoint    *wfl_schedule_get_point    (const WflSchedule  *self,
                                        guint               i);
void         wfl_schedule_remove_point (WflSchedule        *self,
                                        guint               i);
gboolean     wfl_schedule_is_constant  (const WflSchedule  *self);
gboolean     wfl_schedule_equal        (const WflSchedule  *a,
                                        const WflSchedule  *b);

/* The week index a date falls in: floor ((date - start) / 7), clamped to
 * 0 for dates before the start (not clamped above). */
int          wfl_week_of_date          (WflDate             start,
                                        WflDate             date);
WflDate      wfl_date_of_week          (WflDate             start,
                                        int                 week);
/* The week window of the dates from … to (inclusive; WFL_DATE_NONE: the
 * calendar's first or last week) over a calendar of n_weeks weeks from
 * start: the weeks the two dates fall in, the last clamped to the
 * calendar.  A date inside a week stands for the whole week, so the
 * window starts on wfl_date_of_week (start, *first_week).  FALSE when it
 * holds no week of the calendar.  The command line's --from/--to and the
 * window's time bar both go through it (docs/model.md, "Calendar and
 * schedules"). */
gboolean     wfl_week_window_of_dates  (WflDate             start,
                                        int                 n_weeks,
                                        WflDate             from,
                                        WflDate             to,
                                        int                *first_week,
                                        int                *last_week);

/* Fills out[0 .. weeks-1] with the schedule's value in each week.  An empty
 * or NULL schedule fills with fallback. */
void         wfl_schedule_evaluate     (const WflSchedule  *self,
                                        WflDate             start,
                                        int                 weeks,
                                        double              fallback,
                                        double             *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflSchedule, wfl_schedule_free)

G_END_DECLS
