/* wfl-application.h
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WFL_TYPE_APPLICATION (wfl_application_get_type ())

G_DECLARE_FINAL_TYPE (WflApplication, wfl_application, WFL, APPLICATION, AdwApplication)

WflApplication *wfl_application_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
