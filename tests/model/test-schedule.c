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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wfl/model/schedule/step-and-linear", test_schedule_step_and_linear);
  g_test_add_func ("/wfl/model/schedule/empty-and-constant", test_schedule_empty_and_constant);
  g_test_add_func ("/wfl/model/schedule/week-of-date", test_week_of_date);

  return g_test_run ();
}
