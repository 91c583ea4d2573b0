/* wfl-test-temp.h: a private temporary folder for a test program's
 * output files (GLib only, for every suite)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* name inside the program's temporary folder, made on first use. */
char *wfl_test_temp_path       (const char *name);

/* Removes the folder and the files in it (not subfolders); a no-op when
 * no path was asked for. */
void  wfl_test_remove_temp_dir (void);

G_END_DECLS
