/* wfl-gantt-chart.c: the data of a Gantt chart, and what its builders share
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows, bars, markers, dependencies and stage colours, which the two
 * builders fill: wfl-gantt-pipeline.c (the pipeline as a project plan)
 * and wfl-gantt-orders.c (the simulated orders).
 */

#define G_LOG_DOMAIN "wfl-gantt-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "wfl-chart-style.h"
#include "wfl-gantt-chart.h"

static void
bar_clear (gpointer data)
{
  WflGanttBar *bar = data;

  g_free (bar->stage);
  g_free (bar->label);
  g_free (bar->note);
}

static void
row_free (gpointer data)
{
  WflGanttRow *row = data;

  g_free (row->id);
  g_free (row->label);
  g_free (row->group);
  g_free (row->unit);
  g_free (row->product);
  g_free (row->summary);
  g_array_unref (row->bars);
  g_array_unref (row->markers);
  g_clear_pointer (&row->ghost, g_array_unref);
  g_free (row);
}

static void
chart_clear (gpointer data)
{
  WflGanttChart *self = data;

  g_free (self->title);
  g_ptr_array_unref (self->rows);
  g_array_unref (self->dependencies);
  g_ptr_array_unref (self->stages);
  g_ptr_array_unref (self->stage_labels);
  g_array_unref (self->stage_colors);
  g_array_unref (self->stage_ranks);
  g_hash_table_unref (self->stage_levels);
  g_hash_table_unref (self->stage_index);
}

WflGanttChart *
wfl_gantt_chart_new (WflGanttMode mode,
                     WflDate      start)
{
  WflGanttChart *self = g_atomic_rc_box_new0 (WflGanttChart);

  self->mode = mode;
  self->start = start;
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->dependencies = g_array_new (FALSE, FALSE, sizeof (WflGanttDependency));
  self->stages = g_ptr_array_new_with_free_func (g_free);
  self->stage_labels = g_ptr_array_new_with_free_func (g_free);
  self->stage_colors = g_array_new (FALSE, FALSE, sizeof (guint));
  self->stage_ranks = g_array_new (FALSE, FALSE, sizeof (int));
  self->stage_levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stage_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->as_of = NAN;
  return self;
}

WflGanttChart *
wfl_gantt_chart_ref (WflGanttChart *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
wfl_gantt_chart_unref (WflGanttChart *self)
{
  g_atomic_rc_box_release_full (self, chart_clear);
}

WflGanttRow *
wfl_gantt_chart_add_row (WflGanttChart *self,
                         const char    *id,
                         const char    *label,
                         const char    *group)
{
  WflGanttRow *row = g_new0 (WflGanttRow, 1);

  row->id = g_strdup (id);
  row->label = g_strdup (label ? label : (id ? id : ""));
  row->group = g_strdup (group);
  row->bars = g_array_new (FALSE, FALSE, sizeof (WflGanttBar));
  g_array_set_clear_func (row->bars, bar_clear);
  row->markers = g_array_new (FALSE, FALSE, sizeof (WflGanttMarker));
  row->lateness = NAN;
  row->quantity = NAN;
  row->whisker[0] = row->whisker[1] = row->whisker[2] = NAN;
  row->slip = NAN;
  row->span[0] = row->span[1] = NAN;
  g_ptr_array_add (self->rows, row);
  return row;
}

/* The Okabe–Ito palette (wfl-chart-style.c) in the order the levels take
 * it: blue, orange, green, sky blue, vermillion, yellow, pink, so that
 * neighbouring levels differ in hue and in lightness.  Grey is kept for
 * end points. */
static const guint level_colors[] = { 0, 1, 2, 4, 5, 6, 3 };

void
wfl_gantt_chart_set_stage_level (WflGanttChart *self,
                                 const char    *stage,
                                 int            level)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stage != NULL);

  g_hash_table_insert (self->stage_levels, g_strdup (stage),
                       GINT_TO_POINTER (level < 0 ? -1 : level + 1));
}

guint
wfl_gantt_chart_stage_color (WflGanttChart *self,
                             const char    *stage,
                             const char    *label)
{
  gpointer value;
  guint i, color;
  int rank;

  /* By the index (a chart of 2,000 stages has a bar per order and stage). */
  if (stage != NULL && g_hash_table_lookup_extended (self->stage_index, stage, NULL, &value))
    return g_array_index (self->stage_colors, guint, GPOINTER_TO_UINT (value));
  if (stage == NULL)
    for (i = 0; i < self->stages->len; i++)
      if (g_ptr_array_index (self->stages, i) == NULL)
        return g_array_index (self->stage_colors, guint, i);
  i = self->stages->len;

  if (stage != NULL && g_hash_table_lookup_extended (self->stage_levels, stage, NULL, &value))
    {
      int level = GPOINTER_TO_INT (value);

      if (level < 0)
        color = WFL_GANTT_NEUTRAL_COLOR, rank = G_MAXINT;
      else
        color = level_colors[(level - 1) % G_N_ELEMENTS (level_colors)], rank = level - 1;
    }
  else
    color = i % WFL_CHART_N_CATEGORICAL, rank = i;

  g_ptr_array_add (self->stages, g_strdup (stage));
  if (stage != NULL)
    g_hash_table_insert (self->stage_index, g_ptr_array_index (self->stages, i), GUINT_TO_POINTER (i));
  g_ptr_array_add (self->stage_labels, g_strdup (label ? label : stage));
  g_array_append_val (self->stage_colors, color);
  g_array_append_val (self->stage_ranks, rank);
  return color;
}

WflGanttBar *
wfl_gantt_chart_add_bar (WflGanttChart   *self,
                         WflGanttRow     *row,
                         const char      *stage,
                         const char      *label,
                         double           start,
                         double           end,
                         WflGanttBarKind  kind)
{
  WflGanttBar bar = { 0 };

  g_return_val_if_fail (stage != NULL, NULL);

  bar.stage = g_strdup (stage);
  bar.label = g_strdup (label ? label : stage);
  bar.start = start;
  bar.end = MAX (start, end);
  bar.kind = kind;
  bar.slack = NAN;
  bar.color = wfl_gantt_chart_stage_color (self, stage, label);
  g_array_append_val (row->bars, bar);
  return &g_array_index (row->bars, WflGanttBar, row->bars->len - 1);
}

void
wfl_gantt_row_add_marker (WflGanttRow        *row,
                          WflGanttMarkerKind  kind,
                          double              week)
{
  WflGanttMarker marker = { kind, week };

  g_array_append_val (row->markers, marker);
}

void
wfl_gantt_chart_add_dependency (WflGanttChart *self,
                                guint          from_row,
                                guint          from_bar,
                                guint          to_row,
                                guint          to_bar,
                                gboolean       critical)
{
  WflGanttDependency dep = { from_row, from_bar, to_row, to_bar, critical };

  g_array_append_val (self->dependencies, dep);
}

static gboolean
row_within (const WflGanttRow *row,
            double             from,
            double             to)
{
  for (guint i = 0; i < row->bars->len; i++)
    {
      const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, i);

      if (bar->start < to && MAX (bar->end, bar->start + 1e-9) > from)
        return TRUE;
    }
  for (guint i = 0; i < row->markers->len; i++)
    {
      const WflGanttMarker *m = &g_array_index (row->markers, WflGanttMarker, i);

      if (m->week >= from && m->week < to)
        return TRUE;
    }
  return FALSE;
}

guint
wfl_gantt_chart_keep_rows_within (WflGanttChart *self,
                                  double         from,
                                  double         to)
{
  g_autofree int *new_index = NULL;
  guint kept = 0, removed;

  g_return_val_if_fail (self != NULL, 0);

  new_index = g_new (int, MAX (self->rows->len, 1));
  for (guint r = 0; r < self->rows->len; r++)
    new_index[r] = row_within (g_ptr_array_index (self->rows, r), from, to) ? (int) kept++ : -1;
  removed = self->rows->len - kept;
  if (removed == 0)
    return 0;

  for (guint d = self->dependencies->len; d-- > 0;)
    {
      WflGanttDependency *dep = &g_array_index (self->dependencies, WflGanttDependency, d);

      if (new_index[dep->from_row] < 0 || new_index[dep->to_row] < 0)
        g_array_remove_index (self->dependencies, d);
      else
        {
          dep->from_row = new_index[dep->from_row];
          dep->to_row = new_index[dep->to_row];
        }
    }
  for (guint r = self->rows->len; r-- > 0;)
    if (new_index[r] < 0)
      g_ptr_array_remove_index (self->rows, r);
  return removed;
}

gboolean
wfl_gantt_chart_get_extent (const WflGanttChart *self,
                            double              *first,
                            double              *last)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint r = 0; r < self->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (self->rows, r);

      for (guint i = 0; i < row->bars->len; i++)
        {
          const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, i);

          lo = MIN (lo, bar->start);
          hi = MAX (hi, bar->end + (isfinite (bar->slack) ? bar->slack : 0));
        }
      for (guint i = 0; i < row->markers->len; i++)
        {
          const WflGanttMarker *m = &g_array_index (row->markers, WflGanttMarker, i);

          lo = MIN (lo, m->week);
          hi = MAX (hi, m->week);
        }
      for (int k = 0; k < 3; k++)
        if (isfinite (row->whisker[k]))
          {
            lo = MIN (lo, row->whisker[k]);
            hi = MAX (hi, row->whisker[k] + 1);
          }
      for (guint i = 0; row->ghost != NULL && i < row->ghost->len; i++)
        {
          const WflGanttSpan *g = &g_array_index (row->ghost, WflGanttSpan, i);

          lo = MIN (lo, g->start);
          hi = MAX (hi, g->end);
        }
    }
  if (isfinite (self->as_of))
    {
      lo = MIN (lo, self->as_of);
      hi = MAX (hi, self->as_of);
    }

  if (first)
    *first = isfinite (lo) ? lo : 0;
  if (last)
    *last = isfinite (hi) ? hi : 0;
  return isfinite (lo) && isfinite (hi);
}

double
wfl_gantt_chart_week_of_date (const WflGanttChart *self,
                              WflDate              date)
{
  return ((double) date - (double) self->start) / 7.0;
}

WflDate
wfl_gantt_chart_date_of_week (const WflGanttChart *self,
                              double               week)
{
  double day = (double) self->start + floor (week * 7.0 + 1e-6);

  return (WflDate) CLAMP (day, 1, G_MAXUINT32);
}

char *
wfl_gantt_row_format_lateness (const WflGanttRow *row)
{
  if (!isfinite (row->lateness) || row->lateness <= 0)
    return NULL;
  if (fabs (row->lateness - round (row->lateness)) < 0.05)
    /* Translators: how many weeks an order was late. */
    return g_strdup_printf (_("%d wk late"), (int) round (row->lateness));
  return g_strdup_printf (_("%.1f wk late"), row->lateness);
}

const char *
wfl_gantt_bar_kind_to_string (WflGanttBarKind kind)
{
  switch (kind)
    {
    case WFL_GANTT_BAR_WORK: return "work";
    case WFL_GANTT_BAR_WAIT: return "wait";
    case WFL_GANTT_BAR_TRANSIT: return "transit";
    case WFL_GANTT_BAR_QUEUE: return "queue";
    case WFL_GANTT_BAR_ALLOCATION: return "allocation";
    case WFL_GANTT_BAR_STOCK: return "stock";
    default: return "work";
    }
}

const char *
wfl_gantt_marker_kind_to_string (WflGanttMarkerKind kind)
{
  switch (kind)
    {
    case WFL_GANTT_MARKER_PLACED: return "placed";
    case WFL_GANTT_MARKER_DUE: return "due";
    case WFL_GANTT_MARKER_FILLED: return "filled";
    default: return "placed";
    }
}
