/* wfl-time-bar.h: choose a window of weeks on the scenario's calendar
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wfl-model.h"

G_BEGIN_DECLS

#define WFL_TYPE_TIME_BAR (wfl_time_bar_get_type ())

G_DECLARE_FINAL_TYPE (WflTimeBar, wfl_time_bar, WFL, TIME_BAR, GtkWidget)

GtkWidget *wfl_time_bar_new            (void) G_GNUC_WARN_UNUSED_RESULT;
void       wfl_time_bar_set_calendar   (WflTimeBar *self,
                                        WflDate     start,
                                        int         weeks);
int        wfl_time_bar_get_weeks      (WflTimeBar *self);
void       wfl_time_bar_get_window     (WflTimeBar *self,
                                        int        *first_week,
                                        int        *last_week);
/* Sets the window without emitting ::window-changed (which reports the
 * user's changes only). */
void       wfl_time_bar_set_window     (WflTimeBar *self,
                                        int         first_week,
                                        int         last_week);
gboolean   wfl_time_bar_get_playing    (WflTimeBar *self);
void       wfl_time_bar_set_playing    (WflTimeBar *self,
                                        gboolean    playing);
void       wfl_time_bar_step_quarter   (WflTimeBar *self,
                                        int         direction);
/* What the bar says of its window: "3 Jul – 1 Oct 2023 · 13 weeks". */
const char *wfl_time_bar_get_label     (WflTimeBar *self);

G_END_DECLS
