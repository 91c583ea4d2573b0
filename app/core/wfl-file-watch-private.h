/* wfl-file-watch-private.h: a test hook of the file watch
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-file-watch.h"

G_BEGIN_DECLS

/* How many times the watch has looked at the file after an event of its
 * monitor, so that a test can wait until a change was looked at. */
guint _wfl_file_watch_get_n_checks (WflFileWatch *self);

G_END_DECLS
