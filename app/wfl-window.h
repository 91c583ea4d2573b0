/* wfl-window.h
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wfl-application.h"
#include "wfl-model.h"

G_BEGIN_DECLS

#define WFL_TYPE_WINDOW (wfl_window_get_type ())

G_DECLARE_FINAL_TYPE (WflWindow, wfl_window, WFL, WINDOW, AdwApplicationWindow)

WflWindow   *wfl_window_new          (WflApplication *app) G_GNUC_WARN_UNUSED_RESULT;
WflScenario *wfl_window_get_scenario (WflWindow      *self);
void         wfl_window_open_file    (WflWindow      *self,
                                      GFile          *file);

G_END_DECLS
