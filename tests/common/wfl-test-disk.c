/* wfl-test-disk.c: disks that fill up, for the tests of the atomic writes
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>

#include "wfl-atomic-file-private.h"
#include "wfl-test-disk.h"

/* A filter stream that passes on what the budget allows, then fails. */
typedef struct
{
  GFilterOutputStream parent_instance;
} FailingStream;

typedef struct
{
  GFilterOutputStreamClass parent_class;
} FailingStreamClass;

static GType failing_stream_get_type (void);
G_DEFINE_TYPE (FailingStream, failing_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gsize budget = G_MAXSIZE;
static gsize written;

static gssize
failing_stream_write (GOutputStream  *stream,
                      const void     *buffer,
                      gsize           count,
                      GCancellable   *cancellable,
                      GError        **error)
{
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream));
  gsize n = MIN (count, budget);
  gssize done;

  if (n == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, g_strerror (ENOSPC));
      return -1;
    }
  done = g_output_stream_write (base, buffer, n, cancellable, error);
  if (done > 0)
    {
      budget -= (gsize) done;
      written += (gsize) done;
    }
  return done;
}

static void
failing_stream_class_init (FailingStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = failing_stream_write;
}

static void
failing_stream_init (FailingStream *self)
{
}

static GOutputStream *
wrap (GOutputStream *base)
{
  return g_object_new (failing_stream_get_type (), "base-stream", base, "close-base-stream", TRUE, NULL);
}

void
wfl_test_fail_writes_after (gsize bytes)
{
  budget = bytes;
  written = 0;
  _wfl_atomic_file_set_stream_wrap (bytes == G_MAXSIZE ? NULL : wrap);
}

gsize
wfl_test_bytes_written (void)
{
  return written;
}

gboolean
wfl_test_mount_small_disk (const char *dir,
                           gsize       bytes)
{
  static gboolean unshared;
  g_autofree char *options = g_strdup_printf ("size=%" G_GSIZE_FORMAT, bytes);

  if (!unshared)
    {
      if (unshare (CLONE_NEWNS) != 0)
        {
          g_test_message ("unshare: %s", g_strerror (errno));
          return FALSE;
        }
      /* Mounts made from now on are not seen outside. */
      if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        {
          g_test_message ("mount --make-rprivate /: %s", g_strerror (errno));
          return FALSE;
        }
      unshared = TRUE;
    }
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    {
      g_test_message ("mount tmpfs: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
wfl_test_list_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}
