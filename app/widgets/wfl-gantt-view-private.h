/* wfl-gantt-view-private.h: hooks for the tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-gantt-view.h"

G_BEGIN_DECLS

/* What a screen reader hears for the row @index (the accessible
 * description when it is selected); NULL when out of range. */
char *_wfl_gantt_view_describe_row (WflGanttView *self,
                                    int           index) G_GNUC_WARN_UNUSED_RESULT;

/* The markup of the tooltip over the row @index (away from its bars and
 * markers); NULL when out of range or not laid out. */
char *_wfl_gantt_view_row_tooltip  (WflGanttView *self,
                                    int           index) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
