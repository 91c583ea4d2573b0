/* wfl-atomic-file.c: the one way every file of Waferline is written
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-atomic-file"
/* sync_file_range() (Linux) */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wfl-atomic-file-private.h"

/* Why not g_file_replace_contents(): in GLib 2.74, when a write fails
 * (a full disk), it still closes the stream, and closing renames the
 * partly written temporary file over the target.  Here nothing is put in
 * place unless every write, the flush to disk and the close succeeded. */

static WflAtomicStreamWrap stream_wrap;

void
_wfl_atomic_file_set_stream_wrap (WflAtomicStreamWrap wrap)
{
  stream_wrap = wrap;
}

/* --- An output stream over a file descriptor it does not own ------------- */

typedef struct
{
  GOutputStream parent_instance;
  int           fd;
  goffset       written;   /* bytes written so far */
  goffset       started;   /* bytes whose write-back was started */
} FdStream;

/* Every MiB written, the kernel is told to start writing it to disk
 * (without waiting), so that the flush at the end (fsync) finds little
 * left to do when the text was made while earlier parts were written. */
#define WRITEBACK_STEP ((goffset) 1 << 20)

static void
start_writeback (FdStream *self)
{
#ifdef SYNC_FILE_RANGE_WRITE
  if (self->written - self->started >= WRITEBACK_STEP)
    {
      /* Only a hint: a failure shows up in the fsync. */
      (void) sync_file_range (self->fd, self->started, self->written - self->started, SYNC_FILE_RANGE_WRITE);
      self->started = self->written;
    }
#endif
}

typedef struct
{
  GOutputStreamClass parent_class;
} FdStreamClass;

static GType fd_stream_get_type (void);
G_DEFINE_TYPE (FdStream, fd_stream, G_TYPE_OUTPUT_STREAM)

static gssize
fd_stream_write (GOutputStream  *stream,
                 const void     *buffer,
                 gsize           count,
                 GCancellable   *cancellable,
                 GError        **error)
{
  FdStream *self = (FdStream *) stream;

  for (;;)
    {
      gssize n = write (self->fd, buffer, MIN (count, (gsize) 1 << 20));
      int errsv = errno;

      if (n >= 0)
        {
          self->written += n;
          start_writeback (self);
          return n;
        }
      if (errsv == EINTR)
        continue;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (errsv), g_strerror (errsv));
      return -1;
    }
}

static void
fd_stream_class_init (FdStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = fd_stream_write;
}

static void
fd_stream_init (FdStream *self)
{
  self->fd = -1;
}

/* --- One file -------------------------------------------------------------- */

struct _WflAtomicFile
{
  char          *name;        /* the target as the user gave it, for messages */
  GOutputStream *stream;

  /* A local file: a temporary beside the target, through its fd. */
  char          *target;      /* the path written: a symbolic link's target */
  char          *tmp;
  int            fd;
  goffset        old_size;    /* of the file replaced, 0 when none */

  /* Any other GFile: a temporary GFile beside it, moved over it. */
  GFile         *file;
  GFile         *tmp_file;
};

static gboolean
set_errno_error (GError     **error,
                 int          errsv,
                 const char  *name)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               /* Translators: the file's name, then why (from the system) */
               _("Could not write “%s”: %s"), name, g_strerror (errsv));
  return FALSE;
}

/* Prefixes an error of a stream or of GIO with the file's name. */
static gboolean
set_io_error (GError     **error,
              GError      *cause,
              const char  *name)
{
  g_set_error (error, G_IO_ERROR, cause->domain == G_IO_ERROR ? cause->code : G_IO_ERROR_FAILED,
               _("Could not write “%s”: %s"), name, cause->message);
  g_error_free (cause);
  return FALSE;
}

static void
free_atomic_file (WflAtomicFile *self)
{
  g_clear_object (&self->stream);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->name);
  g_free (self->target);
  g_free (self->tmp);
  g_clear_object (&self->file);
  g_clear_object (&self->tmp_file);
  g_free (self);
}

static void
remove_temporary (WflAtomicFile *self)
{
  if (self->tmp != NULL)
    g_unlink (self->tmp);
  if (self->tmp_file != NULL)
    g_file_delete (self->tmp_file, NULL, NULL);
}

static void
wrap_stream (WflAtomicFile *self)
{
  if (stream_wrap != NULL)
    {
      GOutputStream *wrapped = stream_wrap (self->stream);

      g_object_unref (self->stream);
      self->stream = wrapped;
    }
}

/* The file mode a new file gets: 0666 less the umask. */
static mode_t
new_file_mode (void)
{
  mode_t mask = umask (0);

  umask (mask);
  return 0666 & ~mask;
}

static WflAtomicFile *
begin_local (WflAtomicFile  *self,
             const char     *path,
             GError        **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  GStatBuf st;
  gboolean exists;

  /* Write through a symbolic link rather than replace it. */
  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    self->target = realpath (path, NULL);
  if (self->target == NULL)
    self->target = g_strdup (path);

  exists = g_stat (self->target, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      set_errno_error (error, S_ISDIR (st.st_mode) ? EISDIR : EINVAL, self->name);
      free_atomic_file (self);
      return NULL;
    }
  self->old_size = exists ? st.st_size : 0;

  dir = g_path_get_dirname (self->target);
  base = g_path_get_basename (self->target);
  self->tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  self->fd = g_mkstemp_full (self->tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      set_errno_error (error, errno, self->name);
      g_clear_pointer (&self->tmp, g_free);
      free_atomic_file (self);
      return NULL;
    }

  /* g_mkstemp_full() makes the file 0600 whatever the mode says. */
  if (fchmod (self->fd, exists ? (st.st_mode & 07777) : new_file_mode ()) != 0)
    {
      set_errno_error (error, errno, self->name);
      remove_temporary (self);
      free_atomic_file (self);
      return NULL;
    }

  self->stream = g_object_new (fd_stream_get_type (), NULL);
  ((FdStream *) self->stream)->fd = self->fd;
  wrap_stream (self);
  return self;
}

static WflAtomicFile *
begin_other (WflAtomicFile  *self,
             GFile          *file,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *tmp_name = NULL;
  GError *local_error = NULL;
  GFileOutputStream *stream;

  if (parent == NULL || base == NULL)
    {
      set_errno_error (error, EINVAL, self->name);
      free_atomic_file (self);
      return NULL;
    }

  tmp_name = g_strdup_printf (".%s.%08x", base, g_random_int ());
  self->file = g_object_ref (file);
  self->tmp_file = g_file_get_child (parent, tmp_name);
  stream = g_file_create (self->tmp_file, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (stream == NULL)
    {
      g_clear_object (&self->tmp_file);
      set_io_error (error, local_error, self->name);
      free_atomic_file (self);
      return NULL;
    }
  self->stream = G_OUTPUT_STREAM (stream);
  wrap_stream (self);
  return self;
}

/* name: how messages call the file (NULL: its parse name). */
static WflAtomicFile *
begin_named (GFile         *file,
             const char    *name,
             GCancellable  *cancellable,
             GError       **error)
{
  WflAtomicFile *self;
  g_autofree char *path = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_new0 (WflAtomicFile, 1);
  self->fd = -1;
  self->name = name != NULL ? g_strdup (name) : g_file_get_parse_name (file);

  path = g_file_get_path (file);
  if (path != NULL)
    return begin_local (self, path, error);
  return begin_other (self, file, cancellable, error);
}

WflAtomicFile *
wfl_atomic_file_begin (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return begin_named (file, NULL, cancellable, error);
}

GOutputStream *
wfl_atomic_file_get_stream (WflAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->stream;
}

static void
sync_folder (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      g_fsync (fd);
      close (fd);
    }
}

/* Closes the temporary, checking every step, and flushes it to disk.  On
 * failure removes it. */
static gboolean
finish_temporary (WflAtomicFile  *self,
                  GCancellable   *cancellable,
                  GError        **error)
{
  GError *local_error = NULL;
  int fd = self->fd;

  if (!g_output_stream_close (self->stream, cancellable, &local_error))
    {
      set_io_error (error, local_error, self->name);
      remove_temporary (self);
      return FALSE;
    }

  if (fd >= 0)
    {
      self->fd = -1;
      if (g_fsync (fd) != 0)
        {
          int errsv = errno;

          close (fd);
          remove_temporary (self);
          return set_errno_error (error, errsv, self->name);
        }
      if (close (fd) != 0)
        {
          int errsv = errno;

          remove_temporary (self);
          return set_errno_error (error, errsv, self->name);
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      remove_temporary (self);
      return FALSE;
    }
  return TRUE;
}

static gpointer
close_thread (gpointer data)
{
  close (GPOINTER_TO_INT (data));
  return NULL;
}

/* A replaced file's blocks are freed when its last reference goes, in
 * the rename (10 to 20 ms for a file of 10 MB here): a large one is held
 * open across the rename and let go on a thread of its own, so that the
 * caller does not wait for the freeing.  Returns the file (-1: none). */
#define RELEASE_LATER_SIZE ((goffset) 1 << 20)

static int
hold_replaced (WflAtomicFile *self)
{
#ifdef O_PATH
  if (self->old_size >= RELEASE_LATER_SIZE)
    return g_open (self->target, O_PATH | O_CLOEXEC, 0);
#endif
  return -1;
}

static void
release_replaced (int fd)
{
  GThread *thread;

  if (fd < 0)
    return;
  thread = g_thread_try_new ("wfl-release", close_thread, GINT_TO_POINTER (fd), NULL);
  if (thread != NULL)
    g_thread_unref (thread);
  else
    close (fd);
}

/* Renames the finished temporary over the target. */
static gboolean
put_in_place (WflAtomicFile  *self,
              gboolean        sync,
              GCancellable   *cancellable,
              GError        **error)
{
  GError *local_error = NULL;

  if (self->tmp != NULL)
    {
      g_autofree char *dir = NULL;
      int replaced = hold_replaced (self);

      if (g_rename (self->tmp, self->target) != 0)
        {
          int errsv = errno;

          if (replaced >= 0)
            close (replaced);
          remove_temporary (self);
          return set_errno_error (error, errsv, self->name);
        }
      g_clear_pointer (&self->tmp, g_free);
      /* Make the rename itself durable. */
      dir = g_path_get_dirname (self->target);
      if (sync)
        sync_folder (dir);
      release_replaced (replaced);
      return TRUE;
    }

  if (!g_file_move (self->tmp_file, self->file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                    cancellable, NULL, NULL, &local_error))
    {
      remove_temporary (self);
      return set_io_error (error, local_error, self->name);
    }
  g_clear_object (&self->tmp_file);
  return TRUE;
}

gboolean
wfl_atomic_file_commit (WflAtomicFile  *self,
                        GCancellable   *cancellable,
                        GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  ok = finish_temporary (self, cancellable, error) &&
       put_in_place (self, TRUE, cancellable, error);
  free_atomic_file (self);
  return ok;
}

void
wfl_atomic_file_abort (WflAtomicFile *self)
{
  if (self == NULL)
    return;
  if (self->stream != NULL && !g_output_stream_is_closed (self->stream))
    g_output_stream_close (self->stream, NULL, NULL);
  remove_temporary (self);
  free_atomic_file (self);
}

static gboolean
write_all (WflAtomicFile  *self,
           const void     *data,
           gsize           size,
           GCancellable   *cancellable,
           GError        **error)
{
  GError *local_error = NULL;

  if (size > 0 && !g_output_stream_write_all (self->stream, data, size, NULL, cancellable, &local_error))
    return set_io_error (error, local_error, self->name);
  return TRUE;
}

gboolean
wfl_atomic_file_append (WflAtomicFile  *self,
                        const void     *data,
                        gsize           size,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  return write_all (self, data, size, cancellable, error);
}


gboolean
wfl_atomic_file_write (GFile         *file,
                       const void    *data,
                       gsize          size,
                       GCancellable  *cancellable,
                       GError       **error)
{
  WflAtomicFile *self;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self = wfl_atomic_file_begin (file, cancellable, error);
  if (self == NULL)
    return FALSE;
  if (!write_all (self, data, size, cancellable, error))
    {
      wfl_atomic_file_abort (self);
      return FALSE;
    }
  return wfl_atomic_file_commit (self, cancellable, error);
}

/* --- A set of files in one folder ------------------------------------------- */

/* What writes each file of a set. */
typedef struct
{
  guint                  n;
  const char * const    *names;
  WflAtomicSetWriteFunc  write;
  gpointer               user_data;
} SetWriter;

/* file is begun; writes its bytes, file i of the set. */
static gboolean
write_member (const SetWriter  *set,
              WflAtomicFile    *file,
              guint             i,
              GCancellable     *cancellable,
              GError          **error)
{
  GError *local_error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (set->write (file, i, set->user_data, cancellable, &local_error))
    return TRUE;
  if (local_error == NULL)
    local_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, g_strerror (EIO));
  g_propagate_error (error, local_error);
  return FALSE;
}

/* begin, write file i of the set, commit; messages call it name.  With
 * sync FALSE the rename is not flushed to disk (the caller flushes the
 * folder). */
static gboolean
write_named (const SetWriter  *set,
             guint             i,
             GFile            *file,
             const char       *name,
             gboolean          sync,
             GCancellable     *cancellable,
             GError          **error)
{
  WflAtomicFile *self = begin_named (file, name, cancellable, error);
  gboolean ok;

  if (self == NULL)
    return FALSE;
  if (!write_member (set, self, i, cancellable, error))
    {
      wfl_atomic_file_abort (self);
      return FALSE;
    }
  ok = finish_temporary (self, cancellable, error) &&
       put_in_place (self, sync, cancellable, error);
  free_atomic_file (self);
  return ok;
}

static gboolean
is_empty_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

/* Removes a temporary folder and the files written into it. */
static void
remove_folder (const char         *path,
               guint               n,
               const char * const *names)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *file = g_build_filename (path, names[i], NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

/* Writes every file into a new folder beside path, then renames the
 * folder to path (which does not exist, or is an empty folder). */
static gboolean
write_new_folder (const char         *path,
                  const char         *name,
                  const SetWriter    *set,
                  GCancellable       *cancellable,
                  GError            **error)
{
  guint n = set->n;
  const char * const *names = set->names;
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", parent, base);
  mode_t mask = umask (0);

  umask (mask);
  if (g_mkdtemp_full (tmp, 0700) == NULL)
    return set_errno_error (error, errno, name);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *file_path = g_build_filename (tmp, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (file_path);
      g_autofree char *file_name = g_build_filename (name, names[i], NULL);

      /* Each file on its own is written as any other (a temporary in the
       * new folder, renamed), so that the checks are the same; messages
       * name it where it is to be.  The folder is flushed once, below. */
      if (!write_named (set, i, file, file_name, FALSE, cancellable, error))
        {
          remove_folder (tmp, n, names);
          return FALSE;
        }
    }

  if (g_chmod (tmp, 0777 & ~mask) != 0 || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      int errsv = errno;

      remove_folder (tmp, n, names);
      return error != NULL && *error != NULL ? FALSE : set_errno_error (error, errsv, name);
    }
  sync_folder (tmp);

  /* rename(2) replaces an empty folder. */
  if (g_rename (tmp, path) != 0)
    {
      int errsv = errno;

      remove_folder (tmp, n, names);
      return set_errno_error (error, errsv, name);
    }
  sync_folder (parent);
  return TRUE;
}

/* Writes a temporary of every file in the folder; only when all are
 * written, renames them over the targets. */
static gboolean
write_into_folder (GFile              *dir,
                   const SetWriter    *set,
                   GCancellable       *cancellable,
                   GError            **error)
{
  guint n = set->n;
  const char * const *names = set->names;
  g_autofree WflAtomicFile **files = g_new0 (WflAtomicFile *, MAX (n, 1));
  g_autofree char *dir_path = g_file_get_path (dir);
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < n; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (dir, names[i]);

      files[i] = wfl_atomic_file_begin (file, cancellable, error);
      ok = files[i] != NULL && write_member (set, files[i], i, cancellable, error);
      if (ok && !finish_temporary (files[i], cancellable, error))
        {
          free_atomic_file (files[i]);
          files[i] = NULL;
          ok = FALSE;
        }
    }

  if (!ok)
    {
      for (guint i = 0; i < n; i++)
        wfl_atomic_file_abort (files[i]);
      return FALSE;
    }

  /* Renames need no space: they fail only when the folder itself is
   * taken away meanwhile. */
  for (guint i = 0; i < n; i++)
    {
      if (ok)
        ok = put_in_place (files[i], FALSE, cancellable, error);
      else
        remove_temporary (files[i]);
      free_atomic_file (files[i]);
    }
  if (dir_path != NULL)
    sync_folder (dir_path);
  return ok;
}

static gboolean
write_set (GFile            *dir,
           const SetWriter  *set,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  GStatBuf st;

  name = g_file_get_parse_name (dir);
  parent = g_file_get_parent (dir);
  if (parent != NULL &&
      !g_file_make_directory_with_parents (parent, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return set_io_error (error, g_steal_pointer (&local_error), name);

  path = g_file_get_path (dir);
  if (path == NULL)
    {
      /* Not a local folder: each file atomically, one after the other. */
      if (!g_file_make_directory (dir, cancellable, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return set_io_error (error, g_steal_pointer (&local_error), name);
      for (guint i = 0; i < set->n; i++)
        {
          g_autoptr(GFile) file = g_file_get_child (dir, set->names[i]);

          if (!write_named (set, i, file, NULL, TRUE, cancellable, error))
            return FALSE;
        }
      return TRUE;
    }

  if (g_stat (path, &st) != 0 || (S_ISDIR (st.st_mode) && is_empty_folder (path)))
    return write_new_folder (path, name, set, cancellable, error);
  if (!S_ISDIR (st.st_mode))
    return set_errno_error (error, ENOTDIR, name);
  return write_into_folder (dir, set, cancellable, error);
}

static gboolean
write_bytes_member (WflAtomicFile  *file,
                    guint           index,
                    gpointer        user_data,
                    GCancellable   *cancellable,
                    GError        **error)
{
  GBytes * const *contents = user_data;
  gsize size;
  const void *data = g_bytes_get_data (contents[index], &size);

  return write_all (file, data, size, cancellable, error);
}

gboolean
wfl_atomic_file_write_set (GFile              *dir,
                           guint               n,
                           const char * const *names,
                           GBytes * const     *contents,
                           GCancellable       *cancellable,
                           GError            **error)
{
  SetWriter set = { n, names, write_bytes_member, (gpointer) contents };

  g_return_val_if_fail (G_IS_FILE (dir), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_set (dir, &set, cancellable, error);
}

gboolean
wfl_atomic_file_write_set_with (GFile                 *dir,
                                guint                  n,
                                const char * const    *names,
                                WflAtomicSetWriteFunc  write,
                                gpointer               user_data,
                                GCancellable          *cancellable,
                                GError               **error)
{
  SetWriter set = { n, names, write, user_data };

  g_return_val_if_fail (G_IS_FILE (dir), FALSE);
  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_set (dir, &set, cancellable, error);
}
