/* wfl-schedule-tools.h: scale or shift a schedule from a date on
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-schedule.h"

G_BEGIN_DECLS

/* Both work on the weekly values the simulation reads
 * (wfl_schedule_evaluate() over a calendar from start), and rewrite the
 * points so that those values are exactly what docs/model.md ("Schedule
 * tools") says.  from WFL_DATE_NONE means the whole schedule; week w is
 * the week from falls in.  They return FALSE, and leave the schedule as
 * it was, when no week's value would change (an empty schedule, a
 * factor of 1, 0 weeks, nothing after from).
 *
 * Scale: every week from w on has factor × its value, the weeks before
 * keep theirs.  Without from (or from in the calendar's first week) every
 * point's value is multiplied. */
gboolean wfl_schedule_scale_from (WflSchedule *self,
                                  WflDate      start,
                                  int          n_weeks,
                                  WflDate      from,
                                  double       factor);

/* Shift by weeks (later when positive): the weeks before w keep their
 * values; the schedule from week w on happens `weeks` weeks later, and in
 * the weeks between it holds the value of the week before w.  Earlier
 * (negative), the weeks from w − |weeks| on take the values of the
 * weeks |weeks| later, replacing what was planned between.  Without from
 * and a positive shift, every dated point moves. */
gboolean wfl_schedule_shift_from (WflSchedule *self,
                                  WflDate      start,
                                  int          n_weeks,
                                  WflDate      from,
                                  int          weeks);

G_END_DECLS
