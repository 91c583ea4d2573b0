/* test-schedule-tools.c: scaling and shifting a schedule from a date on
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/model.md ("Schedule tools") as properties of the weekly values the
 * simulation reads: on random schedules of steps and ramps, every week
 * before the date keeps its value and every week after has the scaled
 * (or shifted) one; and on the cases a user meets: doubling a capacity of
 * eight dated points, a ramp cut by the date, a step in the date's week.
 */

#include "config.h"

#include <math.h>

#include "wfl-model.h"
#include "wfl-schedule-tools.h"

#define WEEKS 156

static WflDate start;

static double *
values (const WflSchedule *schedule,
        int                n)
{
  double *out = g_new (double, n);

  wfl_schedule_evaluate (schedule, start, n, 0, out);
  return out;
}

static void
assert_close (double got,
              double expected,
              int    week)
{
  if (fabs (got - expected) > 1e-9 * MAX (1, fabs (expected)))
    g_error ("week %d: %.17g, expected %.17g", week, got, expected);
}

/* Points in date order, a few in one week, steps and ramps. */
static WflSchedule *
random_schedule (GRand *rand)
{
  WflSchedule *schedule = wfl_schedule_new ();
  int n = g_rand_int_range (rand, 1, 9);
  int week = g_rand_int_range (rand, 0, 30);

  WflDate date = start;

  for (int i = 0; i < n; i++)
    {
      WflDate day = wfl_date_of_week (start, week) + g_rand_int_range (rand, 0, 7);
      WflPoint *p;

      date = MAX (date, day);
      p = wfl_schedule_add_point (schedule, date, g_rand_int_range (rand, 0, 5000),
                                  g_rand_boolean (rand) ? WFL_INTERPOLATE_LINEAR : WFL_INTERPOLATE_STEP);
      p->source = g_strdup_printf ("s%d", i);
      week += g_rand_int_range (rand, 0, 25);
    }
  return schedule;
}

static void
test_scale_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (int round = 0; round < 3000; round++)
    {
      g_autoptr(WflSchedule) schedule = random_schedule (rand);
      g_autoptr(WflSchedule) before = wfl_schedule_copy (schedule);
      int week = g_rand_int_range (rand, 0, WEEKS + 5);
      WflDate from = round % 10 == 0 ? WFL_DATE_NONE : wfl_date_of_week (start, week) + g_rand_int_range (rand, 0, 7);
      double factor = g_rand_double_range (rand, 0, 3);
      g_autofree double *old = values (before, WEEKS);
      g_autofree double *now = NULL;
      gboolean changed = wfl_schedule_scale_from (schedule, start, WEEKS, from, factor);

      if (from == WFL_DATE_NONE)
        week = 0;
      now = values (schedule, WEEKS);
      for (int t = 0; t < WEEKS; t++)
        assert_close (now[t], t < week ? old[t] : factor * old[t], t);
      /* Changed exactly when a week's value did. */
      if (!changed)
        g_assert_true (wfl_schedule_equal (schedule, before));
      for (guint i = 1; i < wfl_schedule_get_n_points (schedule); i++)
        g_assert_cmpuint (wfl_schedule_get_point (schedule, i)->date, >=,
                          wfl_schedule_get_point (schedule, i - 1)->date);
    }
}

static void
test_shift_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (26);

  for (int round = 0; round < 3000; round++)
    {
      g_autoptr(WflSchedule) schedule = random_schedule (rand);
      g_autoptr(WflSchedule) before = wfl_schedule_copy (schedule);
      int week = g_rand_int_range (rand, 0, WEEKS + 5);
      int k = g_rand_int_range (rand, -40, 41);
      WflDate from = round % 10 == 0 ? WFL_DATE_NONE : wfl_date_of_week (start, week) + g_rand_int_range (rand, 0, 7);
      /* The old values, also of the weeks a shift earlier brings in. */
      g_autofree double *old = values (before, 2 * WEEKS);
      g_autofree double *now = NULL;
      gboolean changed = wfl_schedule_shift_from (schedule, start, WEEKS, from, k);

      if (from == WFL_DATE_NONE)
        week = 0;
      now = values (schedule, WEEKS);
      for (int t = 0; t < WEEKS; t++)
        {
          double expected;

          if (t < MIN (week, week + k))
            expected = old[t];                       /* before the date */
          else if (t < week + k)
            expected = old[MAX (week - 1, 0)];       /* held, until the shifted schedule begins */
          else
            expected = old[t - k];                   /* the schedule from the date, k weeks later */
          assert_close (now[t], expected, t);
        }
      if (!changed)
        g_assert_true (wfl_schedule_equal (schedule, before));
      for (guint i = 1; i < wfl_schedule_get_n_points (schedule); i++)
        g_assert_cmpuint (wfl_schedule_get_point (schedule, i)->date, >=,
                          wfl_schedule_get_point (schedule, i - 1)->date);
    }
}

/* CoWoS capacity, eight quarterly points: doubled from 2024 on. */
static void
test_scale_eight_points (void)
{
  g_autoptr(WflSchedule) schedule = wfl_schedule_new ();
  WflDate from = wfl_date_parse ("2024-01-01");
  g_autofree double *old = NULL, *now = NULL;
  int week = wfl_week_of_date (start, from);

  for (int q = 0; q < 8; q++)
    wfl_schedule_add_point (schedule, wfl_date_of_week (start, 13 * q), 10000 + 2500 * q, WFL_INTERPOLATE_STEP);
  old = values (schedule, WEEKS);
  g_assert_true (wfl_schedule_scale_from (schedule, start, WEEKS, from, 2));
  now = values (schedule, WEEKS);
  /* 2024-01-01 is a Monday and the calendar starts on Monday 2023-01-02:
   * week 52, inside the fourth quarter's step. */
  g_assert_cmpint (week, ==, 52);
  for (int t = 0; t < WEEKS; t++)
    g_assert_cmpfloat (now[t], ==, t < week ? old[t] : 2 * old[t]);
  /* The points from the date on are doubled, the earlier ones kept, and
   * one step point at the date holds the doubled value of its week. */
  g_assert_cmpuint (wfl_schedule_get_n_points (schedule), ==, 8);
  g_assert_cmpfloat (wfl_schedule_get_point (schedule, 3)->value, ==, 17500);
  g_assert_cmpfloat (wfl_schedule_get_point (schedule, 4)->value, ==, 40000);
  g_assert_cmpuint (wfl_schedule_get_point (schedule, 4)->date, ==, from);
  g_assert_cmpfloat (wfl_schedule_get_point (schedule, 7)->value, ==, 55000);

  /* Scaling by 1, or an empty schedule, changes nothing. */
  g_assert_false (wfl_schedule_scale_from (schedule, start, WEEKS, from, 1));
  {
    g_autoptr(WflSchedule) empty = wfl_schedule_new ();

    g_assert_false (wfl_schedule_scale_from (empty, start, WEEKS, WFL_DATE_NONE, 2));
    g_assert_false (wfl_schedule_shift_from (empty, start, WEEKS, WFL_DATE_NONE, 4));
  }
}

/* A ramp from 100 (week 0) to 200 (week 20) cut at week 10. */
static void
test_ramp_cut (void)
{
  g_autoptr(WflSchedule) schedule = wfl_schedule_new ();
  g_autofree double *now = NULL;

  wfl_schedule_add_point (schedule, start, 100, WFL_INTERPOLATE_STEP);
  wfl_schedule_add_point (schedule, wfl_date_of_week (start, 20), 200, WFL_INTERPOLATE_LINEAR);
  g_assert_true (wfl_schedule_shift_from (schedule, start, WEEKS, wfl_date_of_week (start, 10), 8));
  now = values (schedule, WEEKS);
  g_assert_cmpfloat_with_epsilon (now[9], 145, 1e-9);    /* still on the ramp */
  g_assert_cmpfloat_with_epsilon (now[10], 145, 1e-9);   /* held for 8 weeks */
  g_assert_cmpfloat_with_epsilon (now[17], 145, 1e-9);
  g_assert_cmpfloat_with_epsilon (now[18], 150, 1e-9);   /* the ramp resumes where it was */
  g_assert_cmpfloat_with_epsilon (now[28], 200, 1e-9);
  /* The moved point keeps its source. */
  g_assert_cmpuint (wfl_schedule_get_point (schedule, wfl_schedule_get_n_points (schedule) - 1)->date, ==,
                    wfl_date_of_week (start, 28));
}

/* A constant cannot move; a shift past the schedule's end changes nothing. */
static void
test_shift_nothing (void)
{
  g_autoptr(WflSchedule) constant = wfl_schedule_new_constant (5);
  g_autoptr(WflSchedule) schedule = wfl_schedule_new ();

  g_assert_false (wfl_schedule_shift_from (constant, start, WEEKS, WFL_DATE_NONE, 4));
  g_assert_false (wfl_schedule_shift_from (constant, start, WEEKS, wfl_date_of_week (start, 3), 4));
  wfl_schedule_add_point (schedule, wfl_date_of_week (start, 4), 10, WFL_INTERPOLATE_STEP);
  g_assert_false (wfl_schedule_shift_from (schedule, start, WEEKS, wfl_date_of_week (start, 30), 4));
  g_assert_cmpuint (wfl_schedule_get_n_points (schedule), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  start = wfl_date_parse ("2023-01-02");

  g_test_add_func ("/wfl/model/schedule-tools/scale-random", test_scale_random);
  g_test_add_func ("/wfl/model/schedule-tools/shift-random", test_shift_random);
  g_test_add_func ("/wfl/model/schedule-tools/scale-eight-points", test_scale_eight_points);
  g_test_add_func ("/wfl/model/schedule-tools/ramp-cut", test_ramp_cut);
  g_test_add_func ("/wfl/model/schedule-tools/shift-nothing", test_shift_nothing);
  return g_test_run ();
}
