/* wfl-compare-session.c: a document compared with a baseline, kept up to date
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-compare"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-compare-session.h"

struct _WflCompareSession
{
  GObject         parent_instance;

  WflDocument    *document;
  WflCompareBaselineKind kind;
  char           *label;
  GFile          *baseline_file;
  WflScenario    *baseline_scenario;
  WflSimulation  *baseline;
  WflBottlenecks *baseline_runs;
  WflComparison  *comparison;
  GCancellable   *loading;
};

G_DEFINE_FINAL_TYPE (WflCompareSession, wfl_compare_session, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* What the thread is given (a file to read, or a scenario), and what it
 * makes of it. */
typedef struct
{
  WflCompareBaselineKind kind;
  char           *label;
  GFile          *file;
  WflScenario    *scenario;
  WflSimulation  *simulation;
} Load;

static void
load_free (Load *load)
{
  g_free (load->label);
  g_clear_object (&load->file);
  g_clear_object (&load->scenario);
  g_clear_object (&load->simulation);
  g_free (load);
}

static void
clear (WflCompareSession *self)
{
  self->kind = WFL_COMPARE_BASELINE_NONE;
  g_clear_pointer (&self->label, g_free);
  g_clear_object (&self->baseline_file);
  g_clear_object (&self->baseline_scenario);
  g_clear_object (&self->baseline);
  g_clear_pointer (&self->baseline_runs, wfl_bottlenecks_unref);
}

static void
update (WflCompareSession *self)
{
  WflSimulation *results = wfl_document_get_results (self->document);
  GArray *ranking = wfl_document_get_bottlenecks (self->document);
  g_autoptr(GArray) baseline_ranking = NULL;
  int first, last, baseline_first, baseline_last;

  g_clear_pointer (&self->comparison, wfl_comparison_free);
  if (self->baseline != NULL && results != NULL)
    {
      wfl_document_get_sankey_window (self->document, &first, &last);
      /* The bottleneck rows once both rankings are there. */
      if (ranking != NULL && self->baseline_runs != NULL)
        {
          wfl_compare_baseline_window (self->baseline, results, first, last, &baseline_first, &baseline_last);
          baseline_ranking = wfl_bottlenecks_rank_window (self->baseline_runs, baseline_first, baseline_last);
        }
      self->comparison = wfl_comparison_new (self->baseline, results, first, last,
                                             baseline_ranking, baseline_ranking != NULL ? ranking : NULL);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
wfl_compare_session_dispose (GObject *object)
{
  WflCompareSession *self = WFL_COMPARE_SESSION (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  clear (self);
  g_clear_pointer (&self->comparison, wfl_comparison_free);
  G_OBJECT_CLASS (wfl_compare_session_parent_class)->dispose (object);
}

static void
wfl_compare_session_class_init (WflCompareSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wfl_compare_session_dispose;

  /* The comparison (or the baseline) changed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wfl_compare_session_init (WflCompareSession *self)
{
}

WflCompareSession *
wfl_compare_session_new (WflDocument *document)
{
  WflCompareSession *self;

  g_return_val_if_fail (WFL_IS_DOCUMENT (document), NULL);

  self = g_object_new (WFL_TYPE_COMPARE_SESSION, NULL);
  self->document = g_object_ref (document);
  /* An edit drops the document's results at once (::changed): the
   * comparison goes with them until the new ones come. */
  g_signal_connect_swapped (document, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (document, "results-changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (document, "bottlenecks-changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (document, "view-changed", G_CALLBACK (update), self);
  return self;
}

WflDocument *
wfl_compare_session_get_document (WflCompareSession *self)
{
  g_return_val_if_fail (WFL_IS_COMPARE_SESSION (self), NULL);
  return self->document;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = load->file != NULL ? g_file_get_parse_name (load->file) : g_strdup (load->label);

  if (load->scenario == NULL &&
      (load->scenario = wfl_scenario_load_file (load->file, cancellable, NULL, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  load->simulation = wfl_simulation_new (load->scenario, &error);
  if (load->simulation == NULL || !wfl_simulation_run (load->simulation, cancellable, &error))
    {
      /* Validation's lines are "LINE: message"; name them. */
      if (g_error_matches (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID))
        {
          g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
          g_autoptr(GString) message = g_string_new (NULL);

          for (guint i = 0; lines[i] != NULL; i++)
            g_string_append_printf (message, "%s%s:%s", i > 0 ? "\n" : "", name, lines[i]);
          g_task_return_new_error (task, error->domain, error->code, "%s", message->str);
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Loads and simulates in a thread what load says; takes load. */
static void
start_load (WflCompareSession   *self,
            Load                *load,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  /* A newer baseline wins over one still loading. */
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();

  task = g_task_new (self, self->loading, callback, user_data);
  g_task_set_source_tag (task, wfl_compare_session_set_baseline_async);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

static void
fail_at_once (WflCompareSession   *self,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              const char          *message)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, wfl_compare_session_set_baseline_async);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", message);
}

void
wfl_compare_session_set_baseline_async (WflCompareSession   *self,
                                        GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  Load *load;

  g_return_if_fail (WFL_IS_COMPARE_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  load = g_new0 (Load, 1);
  load->kind = WFL_COMPARE_BASELINE_FILE;
  load->file = g_object_ref (file);
  load->label = g_file_get_basename (file);
  start_load (self, load, cancellable, callback, user_data);
}

/* The baseline's bottleneck variants, after its run: the comparison
 * comes without waiting for them, its bottleneck rows when they are
 * there. */
static void
runs_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  WflBottlenecks *runs = wfl_bottlenecks_new (task_data, NULL, 0, cancellable, &error);

  if (runs == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, runs, (GDestroyNotify) wfl_bottlenecks_unref);
}

static void
runs_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  WflCompareSession *self = WFL_COMPARE_SESSION (source);
  g_autoptr(GError) error = NULL;
  WflBottlenecks *runs = g_task_propagate_pointer (G_TASK (result), &error);

  if (runs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The baseline's bottleneck variants: %s", error->message);
      return;
    }
  /* Still the same baseline (a new one cancels these). */
  if (g_task_get_task_data (G_TASK (result)) != self->baseline)
    {
      wfl_bottlenecks_unref (runs);
      return;
    }
  g_clear_pointer (&self->baseline_runs, wfl_bottlenecks_unref);
  self->baseline_runs = runs;
  update (self);
}

gboolean
wfl_compare_session_set_baseline_finish (WflCompareSession  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  Load *load;

  g_return_val_if_fail (WFL_IS_COMPARE_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  load = g_task_get_task_data (G_TASK (result));
  clear (self);
  self->kind = load->kind;
  self->label = g_steal_pointer (&load->label);
  self->baseline_file = g_steal_pointer (&load->file);
  self->baseline_scenario = g_steal_pointer (&load->scenario);
  self->baseline = g_steal_pointer (&load->simulation);
  {
    g_autoptr(GTask) task = g_task_new (self, self->loading, runs_ready_cb, NULL);

    g_task_set_source_tag (task, runs_thread);
    g_task_set_task_data (task, g_object_ref (self->baseline), g_object_unref);
    g_task_run_in_thread (task, runs_thread);
  }
  update (self);
  return TRUE;
}

void
wfl_compare_session_set_baseline_saved_async (WflCompareSession   *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  GFile *file;
  Load *load;
  g_autofree char *name = NULL;

  g_return_if_fail (WFL_IS_COMPARE_SESSION (self));

  file = wfl_document_get_file (self->document);
  if (file == NULL)
    {
      fail_at_once (self, cancellable, callback, user_data,
                    _("The scenario has not been saved yet: there is no saved version to compare with"));
      return;
    }
  name = g_file_get_basename (file);
  load = g_new0 (Load, 1);
  load->kind = WFL_COMPARE_BASELINE_SAVED;
  load->file = g_object_ref (file);
  /* Translators: the baseline of a comparison; %s is a file name */
  load->label = g_strdup_printf (_("%s as last saved"), name);
  start_load (self, load, cancellable, callback, user_data);
}

void
wfl_compare_session_set_baseline_history_async (WflCompareSession   *self,
                                                guint                step,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  Load *load;
  WflScenario *scenario;

  g_return_if_fail (WFL_IS_COMPARE_SESSION (self));

  scenario = wfl_document_dup_before_step (self->document, step);
  if (scenario == NULL)
    {
      fail_at_once (self, cancellable, callback, user_data, _("The undo history has no such step"));
      return;
    }
  load = g_new0 (Load, 1);
  load->kind = WFL_COMPARE_BASELINE_HISTORY;
  load->scenario = scenario;
  /* Translators: the baseline of a comparison; %s is the label of an undo step */
  load->label = g_strdup_printf (_("Before “%s”"), wfl_document_get_history_label (self->document, step));
  start_load (self, load, cancellable, callback, user_data);
}

void
wfl_compare_session_clear_baseline (WflCompareSession *self)
{
  g_return_if_fail (WFL_IS_COMPARE_SESSION (self));

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  clear (self);
  update (self);
}

WflCompareBaselineKind
wfl_compare_session_get_baseline_kind (WflCompareSession *self)
{
  g_return_val_if_fail (WFL_IS_COMPARE_SESSION (self), WFL_COMPARE_BASELINE_NONE);
  return self->kind;
}

const char *
wfl_compare_session_get_baseline_label (WflCompareSession *self)
{
  g_return_val_if_fail (WFL_IS_COMPARE_SESSION (self), NULL);
  return self->label;
}

WflScenario *
wfl_compare_session_get_baseline_scenario (WflCompareSession *self)
{
  g_return_val_if_fail (WFL_IS_COMPARE_SESSION (self), NULL);
  return self->baseline_scenario;
}

GFile *
wfl_compare_session_get_baseline_file (WflCompareSession *self)
{
  g_return_val_if_fail (WFL_IS_COMPARE_SESSION (self), NULL);
  return self->baseline_file;
}

WflSimulation *
wfl_compare_session_get_baseline_results (WflCompareSession *self)
{
  g_return_val_if_fail (WFL_IS_COMPARE_SESSION (self), NULL);
  return self->baseline;
}

WflComparison *
wfl_compare_session_get_comparison (WflCompareSession *self)
{
  g_return_val_if_fail (WFL_IS_COMPARE_SESSION (self), NULL);
  return self->comparison;
}
