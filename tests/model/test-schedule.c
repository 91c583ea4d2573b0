/* test-schedule.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wfl-model.h"

static void
test_schedule_step_and_linear (void)
{
  g_autoptr(WflSchedule) s = wfl_schedule_new ();
  WflDate start = wfl_date_from_ymd (2023, 1, 2);
  double out[12];

  /* 100 from week 2 (held before it too), ramp to 140 at week 6, step to 50 at week 9. */
  wfl_schedule_add_point (s, wfl_date_of_week (start, 2), 100, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (s, wfl_date_of_week (start, 6) + 3, 140, WFL_INTERPOLATE_LINEAR);
  wfl_schedule_add_point (s, wfl_date_of_week (start, 9), 50, WFL_INTERPOLATE_STEP);
  wfl_schedule_evaluate (s, start, 12, -1, out);

  g_assert_cmpfloat (out[0], ==, 100);
  g_assert_cmpfloat (out[2], ==, 100);
  g_assert_cmpfloat (out[3], ==, 110);
  g_assert_cmpfloat (out[4], ==, 120);
  g_assert_cmpfloat (out[5], ==, 130);
  g_assert_cmpfloat (out[6], ==, 140);
  g_assert_cmpfloat (out[8], ==, 140);
  g_assert_cmpfloat (out[9], ==, 50);
  g_assert_cmpfloat (out[11], ==, 50);
}

static void
test_schedule_empty_and_constant (void)
{
  g_autoptr(WflSchedule) c = wfl_schedule_new_constant (0.93);
  g_autoptr(WflSchedule) copy = NULL;
  double out[3];

  wfl_schedule_evaluate (NULL, wfl_date_from_ymd (2023, 1, 2), 3, 7, out);
  g_assert_cmpfloat (out[2], ==, 7);

  g_assert_true (wfl_schedule_is_constant (c));
  wfl_schedule_evaluate (c, wfl_date_from_ymd (2023, 1, 2), 3, 7, out);
  g_assert_cmpfloat (out[0], ==, 0.93);
  g_assert_cmpfloat (out[2], ==, 0.93);

  copy = wfl_schedule_copy (c);
  g_assert_true (wfl_schedule_equal (c, copy));
  wfl_schedule_get_point (copy, 0)->value = 0.9;
  g_assert_false (wfl_schedule_equal (c, copy));
}

static void
test_week_of_date (void)
{
  WflDate start = wfl_date_from_ymd (2023, 1, 2);

  g_assert_cmpint (wfl_week_of_date (start, start), ==, 0);
  g_assert_cmpint (wfl_week_of_date (start, start + 6), ==, 0);
  g_assert_cmpint (wfl_week_of_date (start, start + 7), ==, 1);
  g_assert_cmpint (wfl_week_of_date (start, start - 30), ==, 0);
  g_assert_cmpuint (wfl_date_of_week (start, 3), ==, start + 21);
}

/* A window of dates is the weeks they fall in: 2023-07-01 (a Saturday)
 * and 2023-09-30 (a Saturday) over a calendar from Monday 2023-01-02
 * are weeks 25 (from 2023-06-26) and 38 (to 2023-10-01). */
static void
test_week_window_of_dates (void)
{
  WflDate start = wfl_date_from_ymd (2023, 1, 2);
  int first = -7, last = -7;

  g_assert_true (wfl_week_window_of_dates (start, 156, wfl_date_from_ymd (2023, 7, 1),
                                           wfl_date_from_ymd (2023, 9, 30), &first, &last));
  g_assert_cmpint (first, ==, 25);
  g_assert_cmpint (last, ==, 38);
  g_assert_cmpint (wfl_date_of_week (start, first), ==, wfl_date_from_ymd (2023, 6, 26));
  g_assert_cmpint (wfl_date_of_week (start, last) + 6, ==, wfl_date_from_ymd (2023, 10, 1));

  /* Open ends are the calendar's; the end is clamped to it. */
  g_assert_true (wfl_week_window_of_dates (start, 156, WFL_DATE_NONE, WFL_DATE_NONE, &first, &last));
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpint (last, ==, 155);
  g_assert_true (wfl_week_window_of_dates (start, 156, start - 10, wfl_date_from_ymd (2030, 1, 1), &first, &last));
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpint (last, ==, 155);

  /* No week of the calendar: after it, before it, or reversed. */
  g_assert_false (wfl_week_window_of_dates (start, 156, wfl_date_from_ymd (2030, 1, 1), WFL_DATE_NONE, NULL, NULL));
  g_assert_false (wfl_week_window_of_dates (start, 156, WFL_DATE_NONE, start - 1, NULL, NULL));
  g_assert_false (wfl_week_window_of_dates (start, 156, start + 14, start + 7, &first, &last));
  g_assert_cmpint (first, ==, 2);
  g_assert_cmpint (last, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/schedule/step-and-linear", test_schedule_step_and_linear);
  g_test_add_func ("/wfl/model/schedule/empty-and-constant", test_schedule_empty_and_constant);
  g_test_add_func ("/wfl/model/schedule/week-of-date", test_week_of_date);
  g_test_add_func ("/wfl/model/schedule/week-window-of-dates", test_week_window_of_dates);

  return g_test_run ();
}
