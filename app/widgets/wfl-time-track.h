/* wfl-time-track.h: the time bar's track, a slider a screen reader reads
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WFL_TYPE_TIME_TRACK (wfl_time_track_get_type ())

G_DECLARE_FINAL_TYPE (WflTimeTrack, wfl_time_track, WFL, TIME_TRACK, GtkRange)

typedef void (*WflTimeTrackDrawFunc) (GtkWidget *track,
                                      cairo_t   *cr,
                                      int        width,
                                      int        height,
                                      gpointer   user_data);

/* A range that its owner draws with @draw and drives with its own
 * controllers: GTK 4.8 gives the AT-SPI Value interface to ranges only. */
GtkWidget *wfl_time_track_new (WflTimeTrackDrawFunc draw,
                               gpointer             user_data);

G_END_DECLS
