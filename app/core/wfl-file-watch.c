/* wfl-file-watch.c: notices when another program changes a document's file
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-file-watch"

#include "config.h"

#include "wfl-file-watch-private.h"

/* Events come in bursts (a save is a create, writes and a rename): look
 * once they settle. */
#define CHECK_DELAY_MS 200

struct _WflFileWatch
{
  GObject       parent_instance;

  WflDocument  *document;
  GFile        *file;
  GFileMonitor *monitor;
  char         *known;       /* the identity of the file as the document saw it; NULL: none */
  guint         check_source;
  guint         n_checks;
};

G_DEFINE_FINAL_TYPE (WflFileWatch, wfl_file_watch, G_TYPE_OBJECT)

enum {
  CHANGED_ON_DISK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Size, modification time and inode; NULL when the file is not there. */
static char *
identity (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  if (file == NULL)
    return NULL;
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC "," G_FILE_ATTRIBUTE_UNIX_INODE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return NULL;
  return g_strdup_printf ("%" G_GOFFSET_FORMAT ":%" G_GUINT64_FORMAT ".%u:%" G_GUINT64_FORMAT,
                          g_file_info_get_size (info),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                          g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE));
}

static void
remember (WflFileWatch *self)
{
  g_free (self->known);
  self->known = identity (self->file);
}

static gboolean
check_cb (gpointer user_data)
{
  WflFileWatch *self = user_data;
  g_autofree char *now = NULL;

  self->check_source = 0;
  self->n_checks++;
  /* The document reads or writes it itself: looked at when it is done. */
  if (wfl_document_get_busy (self->document))
    return G_SOURCE_REMOVE;

  now = identity (self->file);
  if (g_strcmp0 (now, self->known) != 0)
    {
      gboolean deleted = now == NULL;

      g_free (self->known);
      self->known = g_steal_pointer (&now);
      g_signal_emit (self, signals[CHANGED_ON_DISK], 0, deleted);
    }
  return G_SOURCE_REMOVE;
}

static void
monitor_changed_cb (WflFileWatch      *self,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  if (event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;
  if (self->check_source == 0)
    self->check_source = g_timeout_add (CHECK_DELAY_MS, check_cb, self);
}

static void
watch_file (WflFileWatch *self)
{
  GFile *file = wfl_document_get_file (self->document);
  g_autoptr(GError) error = NULL;

  if (self->file != NULL && file != NULL && g_file_equal (self->file, file))
    return;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_set_object (&self->file, file);
  remember (self);
  if (file == NULL)
    return;

  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch the file: %s", error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self, G_CONNECT_SWAPPED);
}

/* The document read or wrote its file (a load or a save ended): that
 * is the file as it knows it now. */
static void
document_done_cb (WflFileWatch *self)
{
  if (wfl_document_get_busy (self->document))
    return;
  watch_file (self);
  remember (self);
}

static void
modified_cb (WflFileWatch *self)
{
  /* A save without a thread (wfl_document_save ()) ends unmodified. */
  if (!wfl_document_get_modified (self->document))
    document_done_cb (self);
}

static void
wfl_file_watch_dispose (GObject *object)
{
  WflFileWatch *self = WFL_FILE_WATCH (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (wfl_file_watch_parent_class)->dispose (object);
}

static void
wfl_file_watch_finalize (GObject *object)
{
  WflFileWatch *self = WFL_FILE_WATCH (object);

  g_free (self->known);

  G_OBJECT_CLASS (wfl_file_watch_parent_class)->finalize (object);
}

static void
wfl_file_watch_class_init (WflFileWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wfl_file_watch_dispose;
  object_class->finalize = wfl_file_watch_finalize;

  /**
   * WflFileWatch::changed-on-disk:
   * @deleted: the file is gone (deleted, or moved away)
   *
   * Another program changed the document's file.
   */
  signals[CHANGED_ON_DISK] =
    g_signal_new ("changed-on-disk", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
wfl_file_watch_init (WflFileWatch *self)
{
}

WflFileWatch *
wfl_file_watch_new (WflDocument *document)
{
  WflFileWatch *self;

  g_return_val_if_fail (WFL_IS_DOCUMENT (document), NULL);

  self = g_object_new (WFL_TYPE_FILE_WATCH, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_object (document, "notify::file", G_CALLBACK (watch_file), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::busy", G_CALLBACK (document_done_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (modified_cb), self, G_CONNECT_SWAPPED);
  watch_file (self);
  return self;
}

void
wfl_file_watch_acknowledge (WflFileWatch *self)
{
  g_return_if_fail (WFL_IS_FILE_WATCH (self));
  remember (self);
}

guint
_wfl_file_watch_get_n_checks (WflFileWatch *self)
{
  g_return_val_if_fail (WFL_IS_FILE_WATCH (self), 0);
  return self->n_checks;
}
