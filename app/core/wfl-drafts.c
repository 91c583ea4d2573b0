/* wfl-drafts.c: drafts of unsaved changes, kept across a crash
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-drafts"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "wfl-drafts.h"

#define INFO_GROUP "Draft"
#define INFO_SUFFIX ".draft"
#define SCENARIO_SUFFIX ".waferline"

char *
wfl_drafts_get_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "waferline", "drafts", NULL);
}

/* The kernel's id of this boot: a process id of another boot is not
 * this boot's process. */
static char *
boot_id (void)
{
  char *text = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &text, NULL, NULL))
    return g_strdup ("");
  return g_strstrip (text);
}

static gboolean
process_runs (gint64      pid,
              const char *boot)
{
  g_autofree char *now = boot_id ();

  if (g_strcmp0 (boot, now) != 0 || pid <= 0 || pid > G_MAXINT)
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

/* --- Keeping a document's draft ---------------------------------------------- */

struct _WflDraftKeeper
{
  GObject      parent_instance;

  WflDocument *document;
  char        *id;
  char        *scenario_path;   /* of the draft on disk, NULL when none */
  guint        timeout;
  gboolean     writing;
  gboolean     again;           /* the document changed while writing */
  gboolean     discarded;
};

G_DEFINE_FINAL_TYPE (WflDraftKeeper, wfl_draft_keeper, G_TYPE_OBJECT)

typedef struct
{
  WflScenario *scenario;   /* a copy */
  GFile       *file;
  char        *folder;
  char        *id;
  char        *written;    /* the scenario's path, when written */
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->scenario);
  g_clear_object (&data->file);
  g_free (data->folder);
  g_free (data->id);
  g_free (data->written);
  g_free (data);
}

static char *
draft_path (const char *folder,
            const char *id,
            const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (folder, name, NULL);
}

static void
remove_files (const char *folder,
              const char *id)
{
  g_autofree char *info = draft_path (folder, id, INFO_SUFFIX);
  g_autofree char *scenario = draft_path (folder, id, SCENARIO_SUFFIX);

  /* The key file first: without it, what is left is no draft. */
  g_unlink (info);
  g_unlink (scenario);
}

/* In a thread: the scenario, then the key file that makes it a draft. */
static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(GBytes) bytes = wfl_scenario_to_bytes (data->scenario);
  g_autofree char *scenario_path = draft_path (data->folder, data->id, SCENARIO_SUFFIX);
  g_autofree char *info_path = draft_path (data->folder, data->id, INFO_SUFFIX);
  g_autoptr(GFile) scenario_file = g_file_new_for_path (scenario_path);
  g_autoptr(GFile) info_file = g_file_new_for_path (info_path);
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  g_autofree char *boot = boot_id ();
  g_autofree char *info_text = NULL;
  GError *error = NULL;
  gsize size;

  if (g_mkdir_with_parents (data->folder, 0700) != 0)
    {
      int errsv = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                               "%s: %s", data->folder, g_strerror (errsv));
      return;
    }

  if (data->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (data->file);

      g_key_file_set_string (info, INFO_GROUP, "file", uri);
    }
  g_key_file_set_string (info, INFO_GROUP, "title", wfl_scenario_get_title (data->scenario) ?: "");
  g_key_file_set_string (info, INFO_GROUP, "kept", now_text);
  g_key_file_set_int64 (info, INFO_GROUP, "pid", (gint64) getpid ());
  g_key_file_set_string (info, INFO_GROUP, "boot", boot);
  info_text = g_key_file_to_data (info, &size, NULL);

  if (!wfl_atomic_file_write (scenario_file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              NULL, &error) ||
      !wfl_atomic_file_write (info_file, info_text, size, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->written = g_steal_pointer (&scenario_path);
  g_task_return_boolean (task, TRUE);
}

static void schedule_write (WflDraftKeeper *self);

static gboolean
wants_draft (WflDraftKeeper *self)
{
  return !self->discarded && self->document != NULL && wfl_document_get_modified (self->document);
}

static void
drop_draft (WflDraftKeeper *self)
{
  g_autofree char *folder = NULL;

  if (self->scenario_path == NULL)
    return;
  folder = wfl_drafts_get_folder ();
  remove_files (folder, self->id);
  g_clear_pointer (&self->scenario_path, g_free);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  WflDraftKeeper *self = WFL_DRAFT_KEEPER (object);
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not keep a draft of the unsaved changes: %s", error->message);
  else
    {
      g_free (self->scenario_path);
      self->scenario_path = g_strdup (data->written);
    }

  /* Saved or discarded while it was being written: it is not wanted. */
  if (!wants_draft (self))
    drop_draft (self);
  else if (self->again)
    schedule_write (self);
  self->again = FALSE;
}

static gboolean
write_timeout_cb (gpointer user_data)
{
  WflDraftKeeper *self = user_data;
  g_autoptr(GTask) task = NULL;
  WriteData *data;
  GFile *file;

  self->timeout = 0;
  if (!wants_draft (self))
    return G_SOURCE_REMOVE;

  data = g_new0 (WriteData, 1);
  data->scenario = wfl_scenario_copy (wfl_document_get_scenario (self->document));
  file = wfl_document_get_file (self->document);
  data->file = file != NULL ? g_object_ref (file) : NULL;
  data->folder = wfl_drafts_get_folder ();
  data->id = g_strdup (self->id);

  self->writing = TRUE;
  task = g_task_new (self, NULL, write_done_cb, NULL);
  g_task_set_source_tag (task, write_timeout_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
  return G_SOURCE_REMOVE;
}

/* Not reset by later changes, so that a draft follows within the delay
 * of any change even while edits keep coming. */
static void
schedule_write (WflDraftKeeper *self)
{
  if (self->writing)
    self->again = TRUE;
  else if (self->timeout == 0)
    self->timeout = g_timeout_add (WFL_DRAFT_DELAY_MS, write_timeout_cb, self);
}

static void
document_changed_cb (WflDraftKeeper *self)
{
  if (wants_draft (self))
    schedule_write (self);
  else
    {
      g_clear_handle_id (&self->timeout, g_source_remove);
      if (!self->writing)
        drop_draft (self);
    }
}

static void
wfl_draft_keeper_dispose (GObject *object)
{
  WflDraftKeeper *self = WFL_DRAFT_KEEPER (object);

  g_clear_handle_id (&self->timeout, g_source_remove);
  /* Still modified: the process quits without asking (the session ends);
   * the draft stays for the next start. */
  if (!wants_draft (self) && !self->writing)
    drop_draft (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (wfl_draft_keeper_parent_class)->dispose (object);
}

static void
wfl_draft_keeper_finalize (GObject *object)
{
  WflDraftKeeper *self = WFL_DRAFT_KEEPER (object);

  g_free (self->id);
  g_free (self->scenario_path);

  G_OBJECT_CLASS (wfl_draft_keeper_parent_class)->finalize (object);
}

static void
wfl_draft_keeper_class_init (WflDraftKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wfl_draft_keeper_dispose;
  object_class->finalize = wfl_draft_keeper_finalize;
}

static void
wfl_draft_keeper_init (WflDraftKeeper *self)
{
  self->id = g_uuid_string_random ();
}

WflDraftKeeper *
wfl_draft_keeper_new (WflDocument *document)
{
  WflDraftKeeper *self;

  g_return_val_if_fail (WFL_IS_DOCUMENT (document), NULL);

  self = g_object_new (WFL_TYPE_DRAFT_KEEPER, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::file", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  document_changed_cb (self);
  return self;
}

void
wfl_draft_keeper_discard (WflDraftKeeper *self)
{
  g_return_if_fail (WFL_IS_DRAFT_KEEPER (self));

  self->discarded = TRUE;
  g_clear_handle_id (&self->timeout, g_source_remove);
  if (!self->writing)
    drop_draft (self);
}

const char *
wfl_draft_keeper_get_path (WflDraftKeeper *self)
{
  g_return_val_if_fail (WFL_IS_DRAFT_KEEPER (self), NULL);
  return self->scenario_path;
}

/* --- Drafts left behind ----------------------------------------------------- */

void
wfl_draft_free (WflDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->id);
  g_clear_object (&draft->file);
  g_free (draft->title);
  g_clear_pointer (&draft->kept, g_date_time_unref);
  g_free (draft->scenario_path);
  g_free (draft->info_path);
  g_free (draft);
}

static int
compare_kept (gconstpointer a,
              gconstpointer b)
{
  const WflDraft *da = *(WflDraft * const *) a;
  const WflDraft *db = *(WflDraft * const *) b;

  return g_date_time_compare (da->kept, db->kept);
}

/* The draft of the key file `name` in folder, when its process is gone. */
static WflDraft *
read_orphan (const char *folder,
             const char *name)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(WflDraft) draft = g_new0 (WflDraft, 1);
  g_autofree char *uri = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *boot = NULL;

  draft->id = g_strndup (name, strlen (name) - strlen (INFO_SUFFIX));
  draft->info_path = g_build_filename (folder, name, NULL);
  draft->scenario_path = draft_path (folder, draft->id, SCENARIO_SUFFIX);
  if (!g_key_file_load_from_file (info, draft->info_path, G_KEY_FILE_NONE, NULL) ||
      !g_file_test (draft->scenario_path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  boot = g_key_file_get_string (info, INFO_GROUP, "boot", NULL);
  if (process_runs (g_key_file_get_int64 (info, INFO_GROUP, "pid", NULL), boot))
    return NULL;

  uri = g_key_file_get_string (info, INFO_GROUP, "file", NULL);
  if (uri != NULL && uri[0] != '\0')
    draft->file = g_file_new_for_uri (uri);
  draft->title = g_key_file_get_string (info, INFO_GROUP, "title", NULL);
  kept = g_key_file_get_string (info, INFO_GROUP, "kept", NULL);
  draft->kept = kept != NULL ? g_date_time_new_from_iso8601 (kept, NULL) : NULL;
  if (draft->kept == NULL)
    draft->kept = g_date_time_new_from_unix_utc (0);
  return g_steal_pointer (&draft);
}

GPtrArray *
wfl_drafts_find_orphans (void)
{
  g_autofree char *folder = wfl_drafts_get_folder ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_draft_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      WflDraft *draft;

      /* A temporary of a write that a crash cut short. */
      if (name[0] == '.')
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);
          GStatBuf st;

          /* (Only one old enough not to be another process's write.) */
          if (g_stat (path, &st) == 0 && st.st_mtime < g_get_real_time () / G_USEC_PER_SEC - 60)
            g_unlink (path);
          continue;
        }
      if (!g_str_has_suffix (name, INFO_SUFFIX))
        continue;
      draft = read_orphan (folder, name);
      if (draft != NULL)
        g_ptr_array_add (drafts, draft);
    }
  g_ptr_array_sort (drafts, compare_kept);
  return drafts;
}

WflScenario *
wfl_draft_load (const WflDraft  *draft,
                GError         **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (draft != NULL, NULL);

  file = g_file_new_for_path (draft->scenario_path);
  return wfl_scenario_load_file_unchecked (file, NULL, error);
}

void
wfl_draft_remove (const WflDraft *draft)
{
  g_return_if_fail (draft != NULL);

  g_unlink (draft->info_path);
  g_unlink (draft->scenario_path);
}
