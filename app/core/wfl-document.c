/* wfl-document.c: a scenario being edited, with its file, undo stack and view state
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-document"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wfl-document.h"

/* Edits of one field within this time of each other (and with nothing
 * else in between) make one undo step. */
#define MERGE_TIMEOUT_USEC (2 * G_USEC_PER_SEC)
#define MAX_HISTORY 200

/* One step of the history.  The snapshot is the whole scenario as it was
 * on the other side of the step: undoing swaps it in, and the scenario
 * swapped out becomes the redo step.  Scenarios of the size analysts edit
 * by hand copy in microseconds, so whole snapshots keep undo exact without
 * per-field inverse operations. */
typedef struct
{
  char        *label;
  char        *merge_key;
  WflScenario *snapshot;
  guint64      state;       /* state id of the snapshot */
  gint64       time;        /* when it was last pushed or merged into */
} Command;

struct _WflDocument
{
  GObject           parent_instance;

  WflScenario      *scenario;
  GFile            *file;

  GPtrArray        *undo_stack;     /* of Command*, top last */
  GPtrArray        *redo_stack;     /* of Command*, top last */
  guint64           state;          /* id of the current state */
  guint64           state_counter;
  guint64           saved_state;
  gboolean          merge_allowed;

  WflSelectionKind  selection_kind;
  char             *selected_node;
  int               selected_link;
  char             *selected_order;

  guint             busy;

  /* Simulation, see schedule_simulation() */
  WflSimulation    *results;        /* NULL while invalid or running */
  GError           *results_error;  /* why there are none, other than problems */
  WflBottlenecks   *bottleneck_runs; /* the ranking's variant runs, NULL until run */
  GArray           *bottlenecks;    /* of WflBottleneck: the ranking of the Sankey's window */
  GCancellable     *simulate_cancellable;
  guint             simulate_source;
  guint             ranking_source;
  GCancellable     *ranking_cancellable;
};

G_DEFINE_FINAL_TYPE (WflDocument, wfl_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SCENARIO,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  SELECTION_CHANGED,
  VIEW_CHANGED,
  RESULTS_CHANGED,
  BOTTLENECKS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
command_free (Command *command)
{
  g_free (command->label);
  g_free (command->merge_key);
  g_clear_object (&command->snapshot);
  g_free (command);
}

static Command *
command_new (const char  *label,
             const char  *merge_key,
             WflScenario *snapshot,
             guint64      state)
{
  Command *command = g_new0 (Command, 1);

  command->label = g_strdup (label);
  command->merge_key = g_strdup (merge_key);
  command->snapshot = snapshot;
  command->state = state;
  command->time = g_get_monotonic_time ();
  return command;
}

/*
 * Re-simulation.
 *
 * Called after every edit, undo, redo and load.  A burst of edits is
 * coalesced into one run at idle priority.  The scenario is compiled into
 * a WflSimulation on the main thread (the simulation keeps no reference to
 * the scenario), then run: synchronously when it is small enough to take
 * well under a frame (the built-in scenario takes about a millisecond), in
 * a GTask thread otherwise, cancelling any run still in flight.  The
 * bottleneck ranking's variant runs (one per capacitated node) always run
 * in a thread and emit ::bottlenecks-changed when they are ready; every
 * week window is then ranked from them at once.
 */

/* Node-weeks below which a run is done on the main thread. */
#define SYNC_NODE_WEEKS 50000

/* Drops the ranking and its runs (and any in flight): the results they
 * were made for changed. */
static void
clear_ranking (WflDocument *self)
{
  g_clear_handle_id (&self->ranking_source, g_source_remove);
  if (self->ranking_cancellable != NULL)
    {
      g_cancellable_cancel (self->ranking_cancellable);
      g_clear_object (&self->ranking_cancellable);
    }
  g_clear_pointer (&self->bottleneck_runs, wfl_bottlenecks_unref);
  g_clear_pointer (&self->bottlenecks, g_array_unref);
}

/* Ranks the Sankey's week window from the variant runs: at once, so a
 * new window has its ranking as soon as it is shown. */
static void
rank_window (WflDocument *self)
{
  int first, last;

  g_clear_pointer (&self->bottlenecks, g_array_unref);
  if (self->bottleneck_runs == NULL)
    return;
  wfl_document_get_sankey_window (self, &first, &last);
  self->bottlenecks = wfl_bottlenecks_rank_window (self->bottleneck_runs, first, last);
}

static void
clear_results (WflDocument *self)
{
  clear_ranking (self);
  if (self->simulate_cancellable != NULL)
    {
      g_cancellable_cancel (self->simulate_cancellable);
      g_clear_object (&self->simulate_cancellable);
    }
  g_clear_object (&self->results);
  g_clear_error (&self->results_error);
}

/* A run in a thread does not keep the document alive: disposing the
 * document cancels the run, and the callbacks look at the document only
 * when their run was not cancelled. */
typedef struct
{
  WflDocument  *self;          /* unowned */
  GCancellable *cancellable;
} RunData;

static RunData *
run_data_new (WflDocument  *self,
              GCancellable *cancellable)
{
  RunData *data = g_new0 (RunData, 1);

  data->self = self;
  data->cancellable = g_object_ref (cancellable);
  return data;
}

static void
run_data_free (RunData *data)
{
  g_object_unref (data->cancellable);
  g_free (data);
}

static void
bottlenecks_ready_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  RunData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WflBottlenecks) runs = NULL;

  runs = wfl_bottlenecks_new_finish (WFL_SIMULATION (object), result, &error);

  if (!g_cancellable_is_cancelled (data->cancellable))
    {
      WflDocument *self = data->self;

      if (runs == NULL)
        g_warning ("Bottleneck ranking failed: %s", error->message);
      else if (self->results == WFL_SIMULATION (object))
        {
          self->bottleneck_runs = g_steal_pointer (&runs);
          rank_window (self);
          g_signal_emit (self, signals[BOTTLENECKS_CHANGED], 0);
        }
    }
  run_data_free (data);
}

static gboolean
ranking_timeout_cb (gpointer user_data)
{
  WflDocument *self = user_data;
  RunData *data;

  self->ranking_source = 0;
  self->ranking_cancellable = g_cancellable_new ();
  data = run_data_new (self, self->ranking_cancellable);

  /* The variants do not depend on the window: rank_window() ranks the
   * Sankey's window, like the status line's figures, from them. */
  wfl_bottlenecks_new_async (self->results, data->cancellable, bottlenecks_ready_cb, data);
  return G_SOURCE_REMOVE;
}

/* The variant runs (one simulation per capacitated node) start a moment after
 * the results, so that it does not compete with redrawing the charts for
 * the CPU, and not at all while edits keep coming. */
#define RANKING_DELAY_MS 150

static void
start_ranking (WflDocument *self)
{
  clear_ranking (self);
  self->ranking_source = g_timeout_add (RANKING_DELAY_MS, ranking_timeout_cb, self);
}

static void
simulation_ready_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  RunData *data = user_data;
  WflDocument *self = data->self;
  WflSimulation *simulation = WFL_SIMULATION (object);
  g_autoptr(GError) error = NULL;

  if (wfl_simulation_run_finish (simulation, result, &error) &&
      !g_cancellable_is_cancelled (data->cancellable))
    {
      g_set_object (&self->results, simulation);
      start_ranking (self);
      g_signal_emit (self, signals[RESULTS_CHANGED], 0);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_cancellable_is_cancelled (data->cancellable))
    {
      g_propagate_error (&self->results_error, g_steal_pointer (&error));
      g_signal_emit (self, signals[RESULTS_CHANGED], 0);
    }

  run_data_free (data);
}

static gboolean
simulate_idle_cb (gpointer user_data)
{
  WflDocument *self = WFL_DOCUMENT (user_data);
  g_autoptr(WflSimulation) simulation = NULL;
  g_autoptr(GError) error = NULL;
  gint64 node_weeks;

  self->simulate_source = 0;
  clear_results (self);

  /* An invalid scenario has no results; the status line lists its
   * problems instead. */
  simulation = wfl_simulation_new (self->scenario, &error);
  if (simulation == NULL)
    {
      /* Too large for the memory: say so (problems speak for themselves). */
      if (!g_error_matches (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID))
        self->results_error = g_steal_pointer (&error);
      g_signal_emit (self, signals[RESULTS_CHANGED], 0);
      return G_SOURCE_REMOVE;
    }

  self->simulate_cancellable = g_cancellable_new ();
  node_weeks = (gint64) wfl_simulation_get_n_nodes (simulation) * wfl_simulation_get_n_weeks (simulation);

  if (node_weeks <= SYNC_NODE_WEEKS)
    {
      if (!wfl_simulation_run (simulation, NULL, &error))
        {
          self->results_error = g_steal_pointer (&error);
          g_signal_emit (self, signals[RESULTS_CHANGED], 0);
          return G_SOURCE_REMOVE;
        }
      self->results = g_steal_pointer (&simulation);
      start_ranking (self);
    }
  else
    {
      RunData *data = run_data_new (self, self->simulate_cancellable);

      wfl_simulation_run_async (simulation, data->cancellable, simulation_ready_cb, data);
    }

  g_signal_emit (self, signals[RESULTS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
schedule_simulation (WflDocument *self)
{
  if (self->simulate_source != 0)
    return;
  self->simulate_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, simulate_idle_cb,
                                           g_object_ref (self), g_object_unref);
}

static WflOrder *
find_order (WflNode    *node,
            const char *order_id,
            guint      *index)
{
  if (node == NULL || order_id == NULL)
    return NULL;
  for (guint i = 0; i < node->orders->len; i++)
    {
      WflOrder *order = g_ptr_array_index (node->orders, i);

      if (g_strcmp0 (order->id, order_id) == 0)
        {
          if (index != NULL)
            *index = i;
          return order;
        }
    }
  return NULL;
}

/* After the scenario changed under the selection, drop what no longer
 * exists.  Returns TRUE when the selection changed. */
static gboolean
fix_selection (WflDocument *self)
{
  WflNode *node;

  switch (self->selection_kind)
    {
    case WFL_SELECTION_NODE:
      if (wfl_scenario_find_node (self->scenario, self->selected_node) != NULL)
        return FALSE;
      break;

    case WFL_SELECTION_LINK:
      if (self->selected_link >= 0 && (guint) self->selected_link < wfl_scenario_get_n_links (self->scenario))
        return FALSE;
      break;

    case WFL_SELECTION_ORDER:
      node = wfl_scenario_find_node (self->scenario, self->selected_node);
      if (find_order (node, self->selected_order, NULL) != NULL)
        return FALSE;
      if (node != NULL)
        {
          self->selection_kind = WFL_SELECTION_NODE;
          g_clear_pointer (&self->selected_order, g_free);
          return TRUE;
        }
      break;

    case WFL_SELECTION_NONE:
    default:
      return FALSE;
    }

  self->selection_kind = WFL_SELECTION_NONE;
  g_clear_pointer (&self->selected_node, g_free);
  g_clear_pointer (&self->selected_order, g_free);
  self->selected_link = -1;
  return TRUE;
}

static void
history_changed (WflDocument *self,
                 gboolean     was_modified,
                 gboolean     could_undo,
                 gboolean     could_redo)
{
  if (was_modified != wfl_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (could_undo != wfl_document_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != wfl_document_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Everything that follows a change of the scenario's content. */
static void
scenario_changed (WflDocument *self)
{
  wfl_scenario_changed (self->scenario);
  /* The results and their ranking were of the scenario as it was: no
   * handler of the signals below may read them with the new one (a
   * Sankey of the old flows over the new links).  The new ones come with
   * ::results-changed. */
  clear_results (self);
  if (fix_selection (self))
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  g_signal_emit (self, signals[CHANGED], 0);
  schedule_simulation (self);
}

static void
wfl_document_dispose (GObject *object)
{
  WflDocument *self = (WflDocument *)object;

  g_clear_handle_id (&self->simulate_source, g_source_remove);
  clear_results (self);

  G_OBJECT_CLASS (wfl_document_parent_class)->dispose (object);
}

static void
wfl_document_finalize (GObject *object)
{
  WflDocument *self = (WflDocument *)object;

  g_clear_object (&self->scenario);
  g_clear_object (&self->file);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->selected_node, g_free);
  g_clear_pointer (&self->selected_order, g_free);

  G_OBJECT_CLASS (wfl_document_parent_class)->finalize (object);
}

static void
wfl_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WflDocument *self = WFL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_object (value, wfl_document_get_scenario (self));
      break;

    case PROP_FILE:
      g_value_set_object (value, wfl_document_get_file (self));
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, wfl_document_get_modified (self));
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, wfl_document_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, wfl_document_can_redo (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, wfl_document_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wfl_document_class_init (WflDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wfl_document_dispose;
  object_class->finalize = wfl_document_finalize;
  object_class->get_property = wfl_document_get_property;

  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL,
                         WFL_TYPE_SCENARIO,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WflDocument::changed:
   *
   * After every edit, undo, redo and load.  The scenario object itself may
   * have been replaced (undo swaps snapshots): fetch it again with
   * wfl_document_get_scenario().
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * WflDocument::view-changed:
   *
   * The Sankey window or a Gantt setting changed (pins are edits and
   * come with ::changed).
   */
  signals[VIEW_CHANGED] =
    g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RESULTS_CHANGED] =
    g_signal_new ("results-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * WflDocument::bottlenecks-changed:
   *
   * The bottleneck ranking of the current results is ready, or the
   * Sankey's week window changed and it was ranked again.
   */
  signals[BOTTLENECKS_CHANGED] =
    g_signal_new ("bottlenecks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wfl_document_init (WflDocument *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->selected_link = -1;
}

/**
 * wfl_document_new:
 *
 * A document on the built-in scenario, with no file.
 */
WflDocument *
wfl_document_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_new_builtin (&error);

  /* The built-in scenario is compiled in and tested; should it ever fail
   * to load, open the teaching example rather than nothing. */
  if (scenario == NULL)
    {
      g_critical ("The built-in scenario cannot be loaded: %s", error->message);
      scenario = wfl_scenario_new_teaching_example ();
    }

  return wfl_document_new_for_scenario (scenario, NULL);
}

/**
 * wfl_document_new_for_scenario:
 * @scenario: (transfer none): the scenario, which the document copies
 * @file: (nullable): where it came from
 */
WflDocument *
wfl_document_new_for_scenario (WflScenario *scenario,
                               GFile       *file)
{
  WflDocument *self;

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (WFL_TYPE_DOCUMENT, NULL);
  self->scenario = wfl_scenario_copy (scenario);
  g_set_object (&self->file, file);
  schedule_simulation (self);
  return self;
}

WflScenario *
wfl_document_get_scenario (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  return self->scenario;
}

GFile *
wfl_document_get_file (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  return self->file;
}

/**
 * wfl_document_dup_display_name:
 *
 * The file's display name, or "Built-in Scenario" when there is none.
 */
char *
wfl_document_dup_display_name (WflDocument *self)
{
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);

  if (self->file == NULL)
    return g_strdup (_("Built-in Scenario"));

  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));
  return g_file_get_basename (self->file);
}

gboolean
wfl_document_get_modified (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  return self->state != self->saved_state;
}

gboolean
wfl_document_get_busy (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  return self->busy > 0;
}

static void
set_busy (WflDocument *self,
          gboolean     busy)
{
  gboolean was_busy = self->busy > 0;

  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  if (was_busy != (self->busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* History ---------------------------------------------------------------- */

/**
 * wfl_document_edit:
 * @label: what the step is called in the Undo menu ("Change Yield")
 * @merge_key: (nullable): edits with the same key that follow each other
 *   within two seconds make one undo step (typing in one field)
 * @func: changes the scenario in place
 *
 * Runs @func on the scenario and records the change so that it can be
 * undone and redone exactly.  Returns FALSE (and records nothing) when
 * @func changed nothing or failed.
 */
gboolean
wfl_document_edit (WflDocument          *self,
                   const char           *label,
                   const char           *merge_key,
                   WflDocumentEditFunc   func,
                   gpointer              user_data,
                   GError              **error)
{
  g_autoptr(WflScenario) before = NULL;
  gboolean was_modified, could_undo, could_redo;
  Command *top = NULL;
  gboolean merge;
  gint64 now = g_get_monotonic_time ();

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (self->undo_stack->len > 0)
    top = g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1);

  merge = (merge_key != NULL &&
           top != NULL &&
           self->merge_allowed &&
           self->redo_stack->len == 0 &&
           g_strcmp0 (top->merge_key, merge_key) == 0 &&
           now - top->time < MERGE_TIMEOUT_USEC);

  if (!merge)
    before = wfl_scenario_copy (self->scenario);

  if (!func (self->scenario, user_data, error))
    return FALSE;

  was_modified = wfl_document_get_modified (self);
  could_undo = wfl_document_can_undo (self);
  could_redo = wfl_document_can_redo (self);

  if (merge)
    {
      top->time = now;
    }
  else
    {
      g_ptr_array_set_size (self->redo_stack, 0);
      g_ptr_array_add (self->undo_stack,
                       command_new (label, merge_key, g_steal_pointer (&before), self->state));
      if (self->undo_stack->len > MAX_HISTORY)
        g_ptr_array_remove_index (self->undo_stack, 0);
    }

  self->state = ++self->state_counter;
  self->merge_allowed = TRUE;

  history_changed (self, was_modified, could_undo, could_redo);
  scenario_changed (self);
  return TRUE;
}

/**
 * wfl_document_break_merge:
 *
 * The next edit starts a new undo step even when it has the same merge
 * key (call when a field loses focus).
 */
void
wfl_document_break_merge (WflDocument *self)
{
  g_return_if_fail (WFL_IS_DOCUMENT (self));
  self->merge_allowed = FALSE;
}

gboolean
wfl_document_can_undo (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
wfl_document_can_redo (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  return self->redo_stack->len > 0;
}

const char *
wfl_document_get_undo_label (WflDocument *self)
{
  Command *top;

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  if (self->undo_stack->len == 0)
    return NULL;
  top = g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1);
  return top->label;
}

const char *
wfl_document_get_redo_label (WflDocument *self)
{
  Command *top;

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  if (self->redo_stack->len == 0)
    return NULL;
  top = g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1);
  return top->label;
}

const char *
wfl_document_get_history_label (WflDocument *self,
                                guint        i)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  if (i >= self->undo_stack->len)
    return NULL;
  return ((Command *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1 - i))->label;
}

WflScenario *
wfl_document_dup_before_step (WflDocument *self,
                              guint        i)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  if (i >= self->undo_stack->len)
    return NULL;
  return wfl_scenario_copy (((Command *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1 - i))->snapshot);
}

/* The view window and Gantt settings are not part of the history: carry
 * them over to the scenario being swapped in.  Pins are. */
static void
carry_view_state (WflScenario *to,
                  WflScenario *from)
{
  WflViews *dst = wfl_scenario_get_views (to);
  const WflViews *src = wfl_scenario_get_views (from);

  dst->has_sankey = src->has_sankey;
  dst->sankey_from = src->sankey_from;
  dst->sankey_to = src->sankey_to;
  dst->has_gantt = src->has_gantt;
  dst->gantt_mode = src->gantt_mode;
  dst->gantt_zoom = src->gantt_zoom;
  dst->gantt_as_of = src->gantt_as_of;
  dst->measure = src->measure;
}

/* Pops a step off `from`, swaps its snapshot in and pushes the outgoing
 * scenario onto `to`. */
static gboolean
travel (WflDocument *self,
        GPtrArray   *from,
        GPtrArray   *to)
{
  gboolean was_modified = wfl_document_get_modified (self);
  gboolean could_undo = wfl_document_can_undo (self);
  gboolean could_redo = wfl_document_can_redo (self);
  Command *command;
  WflScenario *outgoing;
  guint64 outgoing_state;

  if (from->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (from, from->len - 1);
  outgoing = self->scenario;
  outgoing_state = self->state;

  carry_view_state (command->snapshot, outgoing);
  self->scenario = g_steal_pointer (&command->snapshot);
  self->state = command->state;

  command->snapshot = outgoing;
  command->state = outgoing_state;
  g_clear_pointer (&command->merge_key, g_free);
  command->time = g_get_monotonic_time ();
  g_ptr_array_add (to, command);

  self->merge_allowed = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  history_changed (self, was_modified, could_undo, could_redo);
  scenario_changed (self);
  return TRUE;
}

gboolean
wfl_document_undo (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  return travel (self, self->undo_stack, self->redo_stack);
}

gboolean
wfl_document_redo (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  return travel (self, self->redo_stack, self->undo_stack);
}

/* Structural edits -------------------------------------------------------- */

static char *
unique_node_id (WflScenario *scenario,
                const char  *stem)
{
  for (guint n = 1; ; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", stem, n);

      if (wfl_scenario_find_node (scenario, id) == NULL)
        return g_steal_pointer (&id);
    }
}

typedef struct
{
  WflNodeKind  kind;
  char        *id;
} AddNode;

static gboolean
add_node_edit (WflScenario  *scenario,
               gpointer      user_data,
               GError      **error)
{
  AddNode *data = user_data;
  WflNode *node;
  static const char *stems[] = { "supply", "process", "customer", "pool", "equipment" };

  data->id = unique_node_id (scenario, stems[data->kind]);
  node = wfl_node_new (data->id, data->kind);
  switch (data->kind)
    {
    case WFL_NODE_KIND_SUPPLY:
      node->name = g_strdup (_("New supply"));
      break;
    case WFL_NODE_KIND_PROCESS:
      node->name = g_strdup (_("New process"));
      break;
    case WFL_NODE_KIND_POOL:
      node->name = g_strdup (_("New shared capacity"));
      break;
    case WFL_NODE_KIND_EQUIPMENT:
      node->name = g_strdup (_("New equipment supplier"));
      break;
    case WFL_NODE_KIND_CUSTOMER:
    default:
      node->name = g_strdup (_("New customer"));
      break;
    }
  node->unit = g_strdup (data->kind == WFL_NODE_KIND_EQUIPMENT ? "tool" : "unit");
  wfl_scenario_add_node (scenario, node);
  return TRUE;
}

/**
 * wfl_document_add_node:
 *
 * Adds a node of @kind with a fresh id and selects it.  Returns the id.
 */
char *
wfl_document_add_node (WflDocument *self,
                       WflNodeKind  kind)
{
  AddNode data = { kind, NULL };

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind <= WFL_NODE_KIND_EQUIPMENT, NULL);

  wfl_document_edit (self, _("Add Node"), NULL, add_node_edit, &data, NULL);
  wfl_document_select_node (self, data.id);
  return data.id;
}

static gboolean
remove_node_edit (WflScenario  *scenario,
                  gpointer      user_data,
                  GError      **error)
{
  const char *id = user_data;
  int index = wfl_scenario_find_node_index (scenario, id);
  WflViews *views = wfl_scenario_get_views (scenario);

  if (index < 0)
    return FALSE;

  for (guint i = wfl_scenario_get_n_links (scenario); i > 0; i--)
    {
      WflLink *link = wfl_scenario_get_link (scenario, i - 1);

      if (g_strcmp0 (link->from, id) == 0 || g_strcmp0 (link->to, id) == 0)
        wfl_link_free (wfl_scenario_remove_link (scenario, i - 1));
    }
  for (guint i = views->pins->len; i > 0; i--)
    {
      WflPin *pin = g_ptr_array_index (views->pins, i - 1);

      if (g_strcmp0 (pin->node, id) == 0)
        g_ptr_array_remove_index (views->pins, i - 1);
    }
  wfl_scenario_remove_grants_naming (scenario, NULL, id);
  wfl_scenario_rename_supplier (scenario, id, NULL);
  wfl_node_free (wfl_scenario_remove_node (scenario, index));
  return TRUE;
}

/**
 * wfl_document_remove_node:
 *
 * Removes the node, the links into and out of it, its pin, and the
 * grants that name it.  The expansions whose tools it made lose their
 * supplier and keep their own lead time.
 */
gboolean
wfl_document_remove_node (WflDocument *self,
                          const char  *id)
{
  g_autofree char *copy = g_strdup (id);

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  return wfl_document_edit (self, _("Delete Node"), NULL, remove_node_edit, copy, NULL);
}

typedef struct
{
  const char *old_id;
  const char *new_id;
} Rename;

static gboolean
rename_node_edit (WflScenario  *scenario,
                  gpointer      user_data,
                  GError      **error)
{
  Rename *data = user_data;
  WflNode *node = wfl_scenario_find_node (scenario, data->old_id);
  WflViews *views = wfl_scenario_get_views (scenario);

  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no node “%s”"), data->old_id);
      return FALSE;
    }
  if (g_strcmp0 (data->old_id, data->new_id) == 0)
    return FALSE;
  if (data->new_id == NULL || !wfl_id_is_valid (data->new_id))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("An id may only contain letters, digits, “_”, “.” and “-”"));
      return FALSE;
    }
  if (wfl_scenario_find_node (scenario, data->new_id) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("There is already a node “%s”"), data->new_id);
      return FALSE;
    }

  for (guint i = 0; i < wfl_scenario_get_n_links (scenario); i++)
    {
      WflLink *link = wfl_scenario_get_link (scenario, i);

      if (g_strcmp0 (link->from, data->old_id) == 0)
        {
          /* An input line named by its from id keeps its name. */
          if (link->input == NULL)
            {
              gboolean shared = FALSE;

              for (guint j = 0; j < wfl_scenario_get_n_links (scenario); j++)
                {
                  WflLink *other = wfl_scenario_get_link (scenario, j);

                  if (j != i && g_strcmp0 (other->to, link->to) == 0 &&
                      g_strcmp0 (other->input, data->old_id) == 0)
                    shared = TRUE;
                }
              if (shared)
                link->input = g_strdup (data->old_id);
            }
          g_free (link->from);
          link->from = g_strdup (data->new_id);
        }
      if (g_strcmp0 (link->to, data->old_id) == 0)
        {
          g_free (link->to);
          link->to = g_strdup (data->new_id);
        }
    }
  for (guint i = 0; i < views->pins->len; i++)
    {
      WflPin *pin = g_ptr_array_index (views->pins, i);

      if (g_strcmp0 (pin->node, data->old_id) == 0)
        {
          g_free (pin->node);
          pin->node = g_strdup (data->new_id);
        }
    }
  wfl_scenario_rename_in_grants (scenario, data->old_id, data->new_id);
  wfl_scenario_rename_supplier (scenario, data->old_id, data->new_id);
  g_free (node->id);
  node->id = g_strdup (data->new_id);
  return TRUE;
}

/**
 * wfl_document_rename_node:
 *
 * Changes a node's id and every reference to it (links, pins, grants,
 * the expansions it supplies, the selection).  Refuses invalid and
 * duplicate ids with an error.
 */
gboolean
wfl_document_rename_node (WflDocument  *self,
                          const char   *old_id,
                          const char   *new_id,
                          GError      **error)
{
  g_autofree char *old_copy = g_strdup (old_id);
  Rename data = { old_copy, new_id };
  gboolean was_selected;

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);

  was_selected = (self->selection_kind != WFL_SELECTION_NONE &&
                  g_strcmp0 (self->selected_node, old_id) == 0);
  if (was_selected)
    {
      /* Keep the selection on the renamed node across the edit. */
      g_free (self->selected_node);
      self->selected_node = g_strdup (new_id);
    }
  if (!wfl_document_edit (self, _("Rename Node"), NULL, rename_node_edit, &data, error))
    {
      if (was_selected)
        {
          g_free (self->selected_node);
          self->selected_node = g_strdup (old_copy);
        }
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *from;
  const char *to;
  int         index;
} AddLink;

static gboolean
add_link_edit (WflScenario  *scenario,
               gpointer      user_data,
               GError      **error)
{
  AddLink *data = user_data;

  if (wfl_scenario_find_node (scenario, data->from) == NULL ||
      wfl_scenario_find_node (scenario, data->to) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("A link must join two existing nodes"));
      return FALSE;
    }
  if (g_strcmp0 (data->from, data->to) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A link cannot join a node to itself"));
      return FALSE;
    }
  data->index = (int) wfl_scenario_get_n_links (scenario);
  wfl_scenario_add_link (scenario, wfl_link_new (data->from, data->to));
  return TRUE;
}

/**
 * wfl_document_add_link:
 *
 * Adds a link and selects it.  Returns its index, or -1 with @error set.
 */
int
wfl_document_add_link (WflDocument  *self,
                       const char   *from,
                       const char   *to,
                       GError      **error)
{
  AddLink data = { from, to, -1 };

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), -1);

  if (!wfl_document_edit (self, _("Add Link"), NULL, add_link_edit, &data, error))
    return -1;
  wfl_document_select_link (self, data.index);
  return data.index;
}

static gboolean
remove_link_edit (WflScenario  *scenario,
                  gpointer      user_data,
                  GError      **error)
{
  guint index = GPOINTER_TO_UINT (user_data);
  g_autoptr(WflLink) link = NULL;
  gboolean another = FALSE;

  if (index >= wfl_scenario_get_n_links (scenario))
    return FALSE;
  link = wfl_scenario_remove_link (scenario, index);
  for (guint i = 0; i < wfl_scenario_get_n_links (scenario); i++)
    {
      WflLink *other = wfl_scenario_get_link (scenario, i);

      another |= g_strcmp0 (other->from, link->from) == 0 && g_strcmp0 (other->to, link->to) == 0;
    }
  if (!another)
    wfl_scenario_remove_grants_naming (scenario, link->from, link->to);
  return TRUE;
}

gboolean
wfl_document_remove_link (WflDocument *self,
                          guint        index)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);

  /* Later links move up: a selection past the removed one would point at
   * the wrong link, so drop it. */
  if (self->selection_kind == WFL_SELECTION_LINK && (guint) self->selected_link >= index)
    wfl_document_select_none (self);
  return wfl_document_edit (self, _("Delete Link"), NULL, remove_link_edit,
                            GUINT_TO_POINTER (index), NULL);
}

typedef struct
{
  const char *node_id;
  char       *order_id;
} AddOrder;

static gboolean
add_order_edit (WflScenario  *scenario,
                gpointer      user_data,
                GError      **error)
{
  AddOrder *data = user_data;
  WflNode *node = wfl_scenario_find_node (scenario, data->node_id);

  if (node == NULL || node->kind != WFL_NODE_KIND_CUSTOMER)
    return FALSE;

  /* Named as the scenarios name orders, after the customer and the
   * placed date ("meta-2023-01-02", shown as "2023-01-02" in the Gantt),
   * with "-2", "-3" … when the customer has one of that date. */
  {
    g_autofree char *date = wfl_date_format (wfl_scenario_get_start (scenario));

    for (guint n = 1; data->order_id == NULL; n++)
      {
        g_autofree char *id = n == 1 ? g_strdup_printf ("%s-%s", node->id, date)
                                     : g_strdup_printf ("%s-%s-%u", node->id, date, n);

        if (find_order (node, id, NULL) == NULL)
          data->order_id = g_steal_pointer (&id);
      }
  }
  g_ptr_array_add (node->orders, wfl_order_new (data->order_id, 1000, wfl_scenario_get_start (scenario)));
  return TRUE;
}

/**
 * wfl_document_add_order:
 *
 * Adds an order to a customer and selects it.  Returns its id, or NULL
 * when @node_id is not a customer.
 */
char *
wfl_document_add_order (WflDocument *self,
                        const char  *node_id)
{
  AddOrder data = { node_id, NULL };

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);

  if (!wfl_document_edit (self, _("Add Order"), NULL, add_order_edit, &data, NULL))
    return NULL;
  wfl_document_select_order (self, node_id, data.order_id);
  return data.order_id;
}

typedef struct
{
  const char *node_id;
  const char *order_id;
} RemoveOrder;

static gboolean
remove_order_edit (WflScenario  *scenario,
                   gpointer      user_data,
                   GError      **error)
{
  RemoveOrder *data = user_data;
  WflNode *node = wfl_scenario_find_node (scenario, data->node_id);
  guint index;

  if (find_order (node, data->order_id, &index) == NULL)
    return FALSE;
  g_ptr_array_remove_index (node->orders, index);
  return TRUE;
}

gboolean
wfl_document_remove_order (WflDocument *self,
                           const char  *node_id,
                           const char  *order_id)
{
  g_autofree char *node_copy = g_strdup (node_id);
  g_autofree char *order_copy = g_strdup (order_id);
  RemoveOrder data = { node_copy, order_copy };

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  return wfl_document_edit (self, _("Delete Order"), NULL, remove_order_edit, &data, NULL);
}

/* Selection ---------------------------------------------------------------- */

WflSelectionKind
wfl_document_get_selection_kind (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), WFL_SELECTION_NONE);
  return self->selection_kind;
}

/**
 * wfl_document_get_selected_node:
 *
 * The selected node, or the customer of the selected order.
 */
const char *
wfl_document_get_selected_node (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  return self->selected_node;
}

int
wfl_document_get_selected_link (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), -1);
  return self->selection_kind == WFL_SELECTION_LINK ? self->selected_link : -1;
}

const char *
wfl_document_get_selected_order (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  return self->selected_order;
}

static void
set_selection (WflDocument      *self,
               WflSelectionKind  kind,
               const char       *node_id,
               int               link,
               const char       *order_id)
{
  if (self->selection_kind == kind &&
      g_strcmp0 (self->selected_node, node_id) == 0 &&
      self->selected_link == link &&
      g_strcmp0 (self->selected_order, order_id) == 0)
    return;

  self->selection_kind = kind;
  g_free (self->selected_node);
  self->selected_node = g_strdup (node_id);
  self->selected_link = link;
  g_free (self->selected_order);
  self->selected_order = g_strdup (order_id);
  fix_selection (self);
  self->merge_allowed = FALSE;
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
wfl_document_select_none (WflDocument *self)
{
  g_return_if_fail (WFL_IS_DOCUMENT (self));
  set_selection (self, WFL_SELECTION_NONE, NULL, -1, NULL);
}

void
wfl_document_select_node (WflDocument *self,
                          const char  *node_id)
{
  g_return_if_fail (WFL_IS_DOCUMENT (self));
  if (node_id == NULL)
    set_selection (self, WFL_SELECTION_NONE, NULL, -1, NULL);
  else
    set_selection (self, WFL_SELECTION_NODE, node_id, -1, NULL);
}

void
wfl_document_select_link (WflDocument *self,
                          guint        index)
{
  g_return_if_fail (WFL_IS_DOCUMENT (self));
  set_selection (self, WFL_SELECTION_LINK, NULL, (int) index, NULL);
}

void
wfl_document_select_order (WflDocument *self,
                           const char  *node_id,
                           const char  *order_id)
{
  g_return_if_fail (WFL_IS_DOCUMENT (self));
  set_selection (self, WFL_SELECTION_ORDER, node_id, -1, order_id);
}

/* View state ---------------------------------------------------------------- */

/**
 * wfl_document_get_sankey_window:
 * @first_week: (out): first week shown
 * @last_week: (out): last week shown (inclusive)
 *
 * The Sankey's week window; the whole calendar when none was chosen.
 */
void
wfl_document_get_sankey_window (WflDocument *self,
                                int         *first_week,
                                int         *last_week)
{
  const WflViews *views;
  WflDate start;
  int weeks, first = 0, last;

  g_return_if_fail (WFL_IS_DOCUMENT (self));

  views = wfl_scenario_get_views (self->scenario);
  start = wfl_scenario_get_start (self->scenario);
  weeks = MAX (1, wfl_scenario_get_weeks (self->scenario));
  last = weeks - 1;

  /* The command line's --from/--to go through the same function. */
  if (views->has_sankey && views->sankey_from != WFL_DATE_NONE && views->sankey_to != WFL_DATE_NONE)
    {
      wfl_week_window_of_dates (start, weeks, views->sankey_from, views->sankey_to, &first, &last);
      first = CLAMP (first, 0, weeks - 1);
      last = CLAMP (last, first, weeks - 1);
    }

  if (first_week != NULL)
    *first_week = first;
  if (last_week != NULL)
    *last_week = last;
}

void
wfl_document_set_sankey_window (WflDocument *self,
                                int          first_week,
                                int          last_week)
{
  WflViews *views;
  WflDate start, from, to;

  g_return_if_fail (WFL_IS_DOCUMENT (self));
  g_return_if_fail (first_week >= 0 && first_week <= last_week);

  views = wfl_scenario_get_views (self->scenario);
  start = wfl_scenario_get_start (self->scenario);
  from = wfl_date_of_week (start, first_week);
  to = wfl_date_of_week (start, last_week);

  if (views->has_sankey && views->sankey_from == from && views->sankey_to == to)
    return;

  views->has_sankey = TRUE;
  views->sankey_from = from;
  views->sankey_to = to;
  if (self->bottleneck_runs != NULL)
    {
      rank_window (self);
      g_signal_emit (self, signals[BOTTLENECKS_CHANGED], 0);
    }
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

WflGanttMode
wfl_document_get_gantt_mode (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), WFL_GANTT_MODE_ORDERS);
  return wfl_scenario_get_views (self->scenario)->gantt_mode;
}

void
wfl_document_set_gantt_mode (WflDocument  *self,
                             WflGanttMode  mode)
{
  WflViews *views;

  g_return_if_fail (WFL_IS_DOCUMENT (self));

  views = wfl_scenario_get_views (self->scenario);
  if (views->has_gantt && views->gantt_mode == mode)
    return;
  views->has_gantt = TRUE;
  views->gantt_mode = mode;
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

WflZoom
wfl_document_get_gantt_zoom (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), WFL_ZOOM_MONTH);
  return wfl_scenario_get_views (self->scenario)->gantt_zoom;
}

void
wfl_document_set_gantt_zoom (WflDocument *self,
                             WflZoom      zoom)
{
  WflViews *views;

  g_return_if_fail (WFL_IS_DOCUMENT (self));

  views = wfl_scenario_get_views (self->scenario);
  if (views->has_gantt && views->gantt_zoom == zoom)
    return;
  views->has_gantt = TRUE;
  views->gantt_zoom = zoom;
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

WflDate
wfl_document_get_gantt_as_of (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), WFL_DATE_NONE);
  return wfl_scenario_get_views (self->scenario)->gantt_as_of;
}

void
wfl_document_set_gantt_as_of (WflDocument *self,
                              WflDate      as_of)
{
  WflViews *views;

  g_return_if_fail (WFL_IS_DOCUMENT (self));

  views = wfl_scenario_get_views (self->scenario);
  if (views->has_gantt && views->gantt_as_of == as_of)
    return;
  views->has_gantt = TRUE;
  views->gantt_as_of = as_of;
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

WflMeasure
wfl_document_get_measure (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), WFL_MEASURE_UNITS);
  return wfl_scenario_get_views (self->scenario)->measure;
}

void
wfl_document_set_measure (WflDocument *self,
                          WflMeasure   measure)
{
  g_return_if_fail (WFL_IS_DOCUMENT (self));

  if (wfl_scenario_get_views (self->scenario)->measure == measure)
    return;
  wfl_scenario_get_views (self->scenario)->measure = measure;
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

static WflPin *
find_pin (WflScenario *scenario,
          const char  *node_id,
          guint       *index)
{
  const WflViews *views = wfl_scenario_get_views (scenario);

  for (guint i = 0; i < views->pins->len; i++)
    {
      WflPin *pin = g_ptr_array_index (views->pins, i);

      if (g_strcmp0 (pin->node, node_id) == 0)
        {
          if (index != NULL)
            *index = i;
          return pin;
        }
    }
  return NULL;
}

const WflPin *
wfl_document_get_pin (WflDocument *self,
                      const char  *node_id)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  return find_pin (self->scenario, node_id, NULL);
}

typedef struct
{
  const char *node_id;
  int         column;
  double      position;
} SetPin;

static gboolean
same_position (double a,
               double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
set_pin_edit (WflScenario  *scenario,
              gpointer      user_data,
              GError      **error)
{
  SetPin *data = user_data;
  WflPin *pin = find_pin (scenario, data->node_id, NULL);

  if (pin != NULL && pin->column == data->column && same_position (pin->position, data->position))
    return FALSE;
  if (pin == NULL)
    {
      pin = wfl_pin_new (data->node_id);
      g_ptr_array_add (wfl_scenario_get_views (scenario)->pins, pin);
    }
  pin->column = data->column;
  pin->position = data->position;
  return TRUE;
}

/**
 * wfl_document_set_pin:
 * @column: the Sankey column, or -1 for none
 * @position: 0 top .. 1 bottom, or NAN for none
 *
 * Pins a node in the Sankey (an undoable layout edit; repeated moves of
 * one node while dragging make one undo step).
 */
gboolean
wfl_document_set_pin (WflDocument *self,
                      const char  *node_id,
                      int          column,
                      double       position)
{
  g_autofree char *key = NULL;
  SetPin data = { node_id, column, position };

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (node_id != NULL, FALSE);
  g_return_val_if_fail (isnan (position) || (position >= 0 && position <= 1), FALSE);

  if (wfl_scenario_find_node (self->scenario, node_id) == NULL)
    return FALSE;
  key = g_strconcat ("pin:", node_id, NULL);
  return wfl_document_edit (self, _("Move Node"), key, set_pin_edit, &data, NULL);
}

static gboolean
remove_pin_edit (WflScenario  *scenario,
                 gpointer      user_data,
                 GError      **error)
{
  guint index;

  if (find_pin (scenario, user_data, &index) == NULL)
    return FALSE;
  g_ptr_array_remove_index (wfl_scenario_get_views (scenario)->pins, index);
  return TRUE;
}

gboolean
wfl_document_remove_pin (WflDocument *self,
                         const char  *node_id)
{
  g_autofree char *copy = g_strdup (node_id);

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  return wfl_document_edit (self, _("Unpin Node"), NULL, remove_pin_edit, copy, NULL);
}

WflSimulation *
wfl_document_get_results (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  return self->results;
}

const GError *
wfl_document_get_results_error (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  return self->results_error;
}

GArray *
wfl_document_get_bottlenecks (WflDocument *self)
{
  g_return_val_if_fail (WFL_IS_DOCUMENT (self), NULL);
  return self->bottlenecks;
}

/* Files ---------------------------------------------------------------- */

/* modified: the scenario is not what file holds (a restored draft). */
static void
take_loaded (WflDocument *self,
             WflScenario *scenario,
             GFile       *file,
             gboolean     modified)
{
  gboolean was_modified = wfl_document_get_modified (self);
  gboolean could_undo = wfl_document_can_undo (self);
  gboolean could_redo = wfl_document_can_redo (self);

  g_set_object (&self->scenario, scenario);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->state = ++self->state_counter;
  /* No state ever has the largest id: a restored draft stays modified
   * until it is saved. */
  self->saved_state = modified ? G_MAXUINT64 : self->state;
  self->merge_allowed = FALSE;

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  history_changed (self, was_modified, could_undo, could_redo);

  set_selection (self, WFL_SELECTION_NONE, NULL, -1, NULL);
  scenario_changed (self);
  g_signal_emit (self, signals[VIEW_CHANGED], 0);
}

/**
 * wfl_document_load:
 *
 * Replaces the scenario with the one in @file and clears the history.
 * On failure the document is left exactly as it was and @error holds
 * the loader's message (every problem as NAME:LINE: message).
 */
gboolean
wfl_document_load (WflDocument   *self,
                   GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(WflScenario) scenario = NULL;

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  scenario = wfl_scenario_load_file (file, cancellable, NULL, error);
  if (scenario == NULL)
    return FALSE;
  take_loaded (self, scenario, file, FALSE);
  return TRUE;
}

/**
 * wfl_document_restore:
 * @draft: (transfer none): the scenario as it was when its draft was kept
 * @file: (nullable): the file the draft belongs to; NULL when it had none
 *
 * Takes a copy of @draft as unsaved changes to @file (docs/architecture.md,
 * "Drafts"): the history is cleared, the document is modified, and Save
 * writes @file.
 */
void
wfl_document_restore (WflDocument *self,
                      WflScenario *draft,
                      GFile       *file)
{
  g_autoptr(WflScenario) copy = NULL;

  g_return_if_fail (WFL_IS_DOCUMENT (self));
  g_return_if_fail (WFL_IS_SCENARIO (draft));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  copy = wfl_scenario_copy (draft);
  take_loaded (self, copy, file, TRUE);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  WflScenario *scenario;

  scenario = wfl_scenario_load_file (file, cancellable, NULL, &error);
  if (scenario == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scenario, g_object_unref);
}

/**
 * wfl_document_load_async:
 *
 * Reads and validates @file in a thread.  The new scenario is taken in
 * wfl_document_load_finish(), which must be called.
 */
void
wfl_document_load_async (WflDocument         *self,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WFL_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wfl_document_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, load_thread);
}

gboolean
wfl_document_load_finish (WflDocument   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_autoptr(WflScenario) scenario = NULL;
  GTask *task = G_TASK (result);

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  set_busy (self, FALSE);
  scenario = g_task_propagate_pointer (task, error);
  if (scenario == NULL)
    return FALSE;
  take_loaded (self, scenario, g_task_get_task_data (task), FALSE);
  return TRUE;
}

static void
mark_saved (WflDocument *self,
            GFile       *file,
            guint64      state)
{
  gboolean was_modified = wfl_document_get_modified (self);

  self->saved_state = state;
  /* A later edit of the same field must not merge into a step that
   * crosses the save point. */
  self->merge_allowed = FALSE;
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  if (was_modified != wfl_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static GFile *
target_file (WflDocument  *self,
             GFile        *file,
             GError      **error)
{
  if (file != NULL)
    return file;
  if (self->file != NULL)
    return self->file;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The scenario has no file yet: use Save As"));
  return NULL;
}

/**
 * wfl_document_save:
 * @file: (nullable): where to save; NULL = the document's file
 *
 * Writes the scenario (with its view state) atomically.  On success the
 * document takes @file as its file and is no longer modified.
 */
gboolean
wfl_document_save (WflDocument   *self,
                   GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFile) target = NULL;

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  g_set_object (&target, target_file (self, file, error));
  if (target == NULL)
    return FALSE;
  if (!wfl_scenario_save_file (self->scenario, target, cancellable, error))
    return FALSE;
  mark_saved (self, target, self->state);
  return TRUE;
}

typedef struct
{
  WflScenario *scenario;
  GFile       *file;
  guint64      state;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->scenario);
  g_clear_object (&data->file);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (wfl_scenario_save_file (data->scenario, data->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * wfl_document_save_async:
 *
 * Saves a copy of the scenario as it is now, in a thread; edits made
 * meanwhile leave the document modified.
 */
void
wfl_document_save_async (WflDocument         *self,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *data;
  GFile *target;

  g_return_if_fail (WFL_IS_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wfl_document_save_async);
  set_busy (self, TRUE);

  target = target_file (self, file, &error);
  if (target == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SaveData, 1);
  data->scenario = wfl_scenario_copy (self->scenario);
  data->file = g_object_ref (target);
  data->state = self->state;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
wfl_document_save_finish (WflDocument   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  GTask *task = G_TASK (result);
  SaveData *data;

  g_return_val_if_fail (WFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  data = g_task_get_task_data (task);
  mark_saved (self, data->file, data->state);
  return TRUE;
}
