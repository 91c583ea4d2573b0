/* wfl-test-temp.c: a private temporary folder for a test program's
 * output files (GLib only, for every suite)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "wfl-test-temp.h"

static char *dir;

void
wfl_test_remove_temp_dir (void)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

char *
wfl_test_temp_path (const char *name)
{
  if (dir == NULL)
    dir = g_dir_make_tmp ("wfl-test-XXXXXX", NULL);
  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}
