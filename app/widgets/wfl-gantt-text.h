/* wfl-gantt-text.h: the words of a Gantt row, for its tooltip and a screen reader
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wfl-gantt-chart.h"
#include "wfl-gantt-layout.h"
#include "wfl-format.h"

G_BEGIN_DECLS

/* "3 Jul 2023": a date in the Gantt's tooltips (the locale's month). */
char *wfl_gantt_text_date (WflDate date) G_GNUC_WARN_UNUSED_RESULT;

/* "3 weeks", "2.5 weeks". */
char *wfl_gantt_text_weeks (double weeks) G_GNUC_WARN_UNUSED_RESULT;

/* "3 Jul 2023 – 13 Aug 2023": a bar covers the weeks [start, end). */
char *wfl_gantt_text_span (const WflGanttChart *chart,
                           double               start,
                           double               end) G_GNUC_WARN_UNUSED_RESULT;

/* The name of a bar's kind, as the key and the tooltips give it. */
const char *wfl_gantt_text_bar_kind (WflGanttBarKind kind);

/* A row's name on its own: "OpenAI · openai-2023-01-02" for an order
 * (whose label under its customer is "2023-01-02"), else the label. */
char *wfl_gantt_text_row_title (const WflGanttChart *chart,
                                const WflGanttRow   *row) G_GNUC_WARN_UNUSED_RESULT;

/* One line about a row: its dates and lateness (orders) or its span
 * (pipeline), after @title. */
char *wfl_gantt_text_describe_row_after (const WflGanttChart *chart,
                                         const WflGanttRow   *row,
                                         const char          *title) G_GNUC_WARN_UNUSED_RESULT;

/* The same after the row's own title. */
char *wfl_gantt_text_describe_row (const WflGanttChart *chart,
                                   const WflGanttRow   *row) G_GNUC_WARN_UNUSED_RESULT;

/* For screen readers, an order with its quantity in the locale's
 * numbers (its customer and order looked up in scenario): "Meta, order
 * meta-2023q3, 35,000 GPUs, placed 3 Jul 2023, …, 14 weeks late"; other
 * rows (a group's header, a pipeline's) as wfl_gantt_text_describe_row ()
 * says them. */
char *wfl_gantt_text_describe_for_reader (const WflGanttChart *chart,
                                          WflScenario         *scenario,
                                          const WflGanttRow   *row) G_GNUC_WARN_UNUSED_RESULT;

/* What an order's tooltip adds, a line each: the weeks from placed to
 * filled in each category of its timeline (docs/model.md, "Lots and order
 * timelines"; they add up to the lead time), and where units made before
 * the order came from.  Categories without a week are left out. */
void wfl_gantt_text_append_order_timeline (GString           *text,
                                           const WflGanttRow *row);

/* The tooltip's markup for what hit names (not NONE) in the laid out
 * chart, and the area it stands for; an order compared with a baseline
 * says where it ended there and its slip. */
char *wfl_gantt_text_tooltip_markup (const WflGanttChart  *chart,
                                     const WflGanttLayout *layout,
                                     WflGanttHit           hit,
                                     GdkRectangle         *out_area) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
