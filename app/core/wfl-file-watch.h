/* wfl-file-watch.h: notices when another program changes a document's file
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-document.h"

G_BEGIN_DECLS

#define WFL_TYPE_FILE_WATCH (wfl_file_watch_get_type ())

G_DECLARE_FINAL_TYPE (WflFileWatch, wfl_file_watch, WFL, FILE_WATCH, GObject)

/* Watches the document's file (whichever it is as it changes).  The file
 * as the document last read or wrote it is known (its size, modification
 * time and inode); when it is no longer so, and the document is not
 * reading or writing it itself, ::changed-on-disk is emitted once per
 * change, with deleted TRUE when the file is gone. */
WflFileWatch *wfl_file_watch_new         (WflDocument  *document) G_GNUC_WARN_UNUSED_RESULT;
/* Takes the file as it is now as known (the user keeps the open version;
 * saving will overwrite the other program's). */
void          wfl_file_watch_acknowledge (WflFileWatch *self);

G_END_DECLS
