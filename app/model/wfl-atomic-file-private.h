/* wfl-atomic-file-private.h: a test hook of the atomic writes
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-atomic-file.h"

G_BEGIN_DECLS

/* Returns a new stream that writes to base (and closes it when closed). */
typedef GOutputStream *(*WflAtomicStreamWrap) (GOutputStream *base);

/* Every atomic file written from now on writes through wrap (NULL: none),
 * so that a test can make the writes fail (a disk that fills up) where it
 * cannot mount a small file system.  Not thread-safe: tests only. */
void _wfl_atomic_file_set_stream_wrap (WflAtomicStreamWrap wrap);

G_END_DECLS
