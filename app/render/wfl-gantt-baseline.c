/* wfl-gantt-baseline.c: the baseline Gantt, each order's baseline timeline as a ghost
 *
 * When two scenarios are compared, the orders chart of the variant shows
 * behind each order's bars the bars the same order (same customer and
 * order id) had in the baseline, and after them how many weeks later (or
 * earlier) it is filled.  The baseline's weeks are turned into the
 * variant's through their dates, so that two calendars that start on
 * different days still line up.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-gantt"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "wfl-gantt-chart.h"

/* The week of a row's filled marker, NAN when it was never filled. */
static double
filled_week (const WflGanttRow *row)
{
  for (guint i = 0; i < row->markers->len; i++)
    {
      const WflGanttMarker *m = &g_array_index (row->markers, WflGanttMarker, i);

      if (m->kind == WFL_GANTT_MARKER_FILLED)
        return m->week;
    }
  return NAN;
}

/* A week of the baseline's chart in this chart's weeks: the same day. */
static double
to_own_week (const WflGanttChart *self,
             const WflGanttChart *baseline,
             double               week)
{
  return week + ((double) baseline->start - (double) self->start) / 7.0;
}

void
wfl_gantt_chart_set_baseline (WflGanttChart       *self,
                              const WflGanttChart *baseline)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (self != NULL && baseline != NULL);

  for (guint r = 0; r < baseline->rows->len; r++)
    {
      WflGanttRow *row = g_ptr_array_index (baseline->rows, r);

      g_hash_table_insert (by_id, row->id, row);
    }
  for (guint r = 0; r < self->rows->len; r++)
    {
      WflGanttRow *row = g_ptr_array_index (self->rows, r);
      const WflGanttRow *base = g_hash_table_lookup (by_id, row->id);
      double here, there;

      g_clear_pointer (&row->ghost, g_array_unref);
      row->slip = NAN;
      if (base == NULL)
        continue;
      row->ghost = g_array_sized_new (FALSE, FALSE, sizeof (WflGanttSpan), base->bars->len);
      for (guint i = 0; i < base->bars->len; i++)
        {
          const WflGanttBar *bar = &g_array_index (base->bars, WflGanttBar, i);
          WflGanttSpan span = { to_own_week (self, baseline, bar->start),
                                to_own_week (self, baseline, bar->end), bar->kind };

          g_array_append_val (row->ghost, span);
        }
      here = filled_week (row);
      there = filled_week (base);
      if (!isnan (there))
        there = to_own_week (self, baseline, there);
      if (!isnan (here) && !isnan (there))
        row->slip = here - there;
      else if (!isnan (there))
        row->slip = INFINITY;
      else if (!isnan (here))
        row->slip = -INFINITY;
    }
}

typedef struct
{
  WflGanttRow *row;
  guint        index;
} Ranked;

static int
compare_slip (const void *a,
              const void *b)
{
  const Ranked *ra = a, *rb = b;
  double x = ra->row->slip, y = rb->row->slip;

  if (isnan (x) != isnan (y))
    return isnan (x) ? 1 : -1;
  if (!isnan (x) && x != y)
    return x > y ? -1 : 1;
  return ra->index < rb->index ? -1 : (ra->index > rb->index);
}

void
wfl_gantt_chart_sort_by_slip (WflGanttChart *self)
{
  guint n;
  g_autofree Ranked *ranked = NULL;
  g_autofree guint *new_index = NULL;
  gpointer *rows;

  g_return_if_fail (self != NULL);

  n = self->rows->len;
  ranked = g_new (Ranked, n + 1);
  new_index = g_new (guint, n + 1);
  for (guint r = 0; r < n; r++)
    ranked[r] = (Ranked) { g_ptr_array_index (self->rows, r), r };
  qsort (ranked, n, sizeof (Ranked), compare_slip);
  /* Put the rows in their new places without freeing them. */
  rows = self->rows->pdata;
  for (guint r = 0; r < n; r++)
    {
      rows[r] = ranked[r].row;
      new_index[ranked[r].index] = r;
    }
  for (guint i = 0; i < self->dependencies->len; i++)
    {
      WflGanttDependency *d = &g_array_index (self->dependencies, WflGanttDependency, i);

      d->from_row = new_index[d->from_row];
      d->to_row = new_index[d->to_row];
    }
}

char *
wfl_gantt_row_format_slip (const WflGanttRow *row)
{
  double weeks = row->slip;

  if (isnan (weeks))
    return NULL;
  if (weeks == INFINITY)
    /* Translators: an order of the baseline Gantt filled in the baseline but not now */
    return g_strdup (_("no longer filled"));
  if (weeks == -INFINITY)
    /* Translators: an order of the baseline Gantt filled now but not in the baseline */
    return g_strdup (_("filled now, not in the baseline"));
  if (fabs (weeks) < 0.5)
    return NULL;
  if (weeks > 0)
    /* Translators: an order is filled this many weeks later than in the baseline */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "slips %d wk", "slips %d wk", (gulong) round (weeks)),
                            (int) round (weeks));
  /* Translators: an order is filled this many weeks earlier than in the baseline */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d wk earlier", "%d wk earlier", (gulong) round (-weeks)),
                          (int) round (-weeks));
}
