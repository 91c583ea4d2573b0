/* wfl-test-disk.h: disks that fill up, for the tests of the atomic writes
 * (GIO only, for every suite)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* From now on every atomic write of the model (wfl_atomic_file_*) may
 * write `budget` bytes in all, then fails as a full disk does
 * (G_IO_ERROR_NO_SPACE).  G_MAXSIZE: no limit again. */
void     wfl_test_fail_writes_after   (gsize       budget);
/* The bytes written through the failing streams so far. */
gsize    wfl_test_bytes_written       (void);

/* Mounts a tmpfs of `bytes` at the folder dir (which must exist), in a
 * mount namespace of this process's own, so that the mount goes away with
 * the process.  FALSE when it cannot (not root, no namespaces): the
 * caller skips the test. */
gboolean wfl_test_mount_small_disk    (const char *dir,
                                       gsize       bytes);

/* The names in folder path, sorted, joined by spaces ("" when empty). */
char    *wfl_test_list_folder         (const char *path);

G_END_DECLS
