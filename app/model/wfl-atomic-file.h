/* wfl-atomic-file.h: the one way every file of Waferline is written
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A file being written atomically: the bytes go to a new temporary file
 * in the target's folder (".NAME.XXXXXX"); commit checks the close,
 * flushes the file to disk, renames it over the target and flushes the
 * folder.  On any failure, and on abort, the temporary is removed and the
 * target is left as it was: the old file, or none.  Writing through a
 * symbolic link writes its target.  A new file gets the mode 0666 less
 * the umask, a replaced one keeps its mode.
 *
 * Errors are G_IO_ERROR, with a message that names the file as the user
 * gave it: "Could not write “/x/chart.svg”: No space left on device". */
typedef struct _WflAtomicFile WflAtomicFile;

WflAtomicFile *wfl_atomic_file_begin      (GFile          *file,
                                           GCancellable   *cancellable,
                                           GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Where to write (owned by the atomic file). */
GOutputStream *wfl_atomic_file_get_stream (WflAtomicFile  *self);
/* Writes every byte to the stream; the error names the file. */
gboolean       wfl_atomic_file_append     (WflAtomicFile  *self,
                                           const void     *data,
                                           gsize           size,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* Finishes and frees self, whatever the outcome. */
gboolean       wfl_atomic_file_commit     (WflAtomicFile  *self,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* Removes the temporary and frees self. */
void           wfl_atomic_file_abort      (WflAtomicFile  *self);

/* begin, write every byte, commit. */
gboolean       wfl_atomic_file_write      (GFile          *file,
                                           const void     *data,
                                           gsize           size,
                                           GCancellable   *cancellable,
                                           GError        **error);

/* Writes n files into the folder dir as one set: either every file is
 * the new one, or every file is as it was.  Every file is first written
 * in full (and flushed to disk) as a temporary; only then are they put
 * in place.  A folder that does not exist yet (or is empty) is written as
 * a new temporary folder beside it and renamed into place; in a folder
 * with other files, the temporaries are renamed over the targets one by
 * one, which needs no space.  The parents of dir are created. */
gboolean       wfl_atomic_file_write_set  (GFile              *dir,
                                           guint               n,
                                           const char * const *names,
                                           GBytes * const     *contents,
                                           GCancellable       *cancellable,
                                           GError            **error);

/* Writes file index of a set: every byte of it, through
 * wfl_atomic_file_append (file, …).  FALSE with error set on failure. */
typedef gboolean (*WflAtomicSetWriteFunc) (WflAtomicFile  *file,
                                           guint           index,
                                           gpointer        user_data,
                                           GCancellable   *cancellable,
                                           GError        **error);

/* wfl_atomic_file_write_set() of files whose bytes write() gives, one
 * file after the other in the order of names, as they are made (a large
 * table never needs to be whole in memory).  The same guarantees. */
gboolean       wfl_atomic_file_write_set_with (GFile                 *dir,
                                               guint                  n,
                                               const char * const    *names,
                                               WflAtomicSetWriteFunc  write,
                                               gpointer               user_data,
                                               GCancellable          *cancellable,
                                               GError               **error);

G_END_DECLS
