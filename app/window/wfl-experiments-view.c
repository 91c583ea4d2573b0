/* wfl-experiments-view.c: the Experiments page: settings, running, progress
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-experiments-view"

#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <glib/gi18n.h>

#include "wfl-a11y.h"
#include "wfl-format.h"
#include "wfl-experiments-view-private.h"

/* A page beside the charts (docs/architecture.md, "The Experiments
 * view"): the kind of experiment and its settings (from the file's
 * <experiments> when it has them), Run, and while it runs a progress bar
 * with Cancel.  The experiment runs in a thread over a copy of the
 * scenario and the Sankey's week window; the engine's progress callback
 * (called on its workers) only stores how far it is and queues one idle
 * on the main loop at a time, so that the window draws its frames while
 * every core works.  The results (wfl-experiments-results.c) are those
 * of the scenario as it was when the run began: any later change of the
 * document marks them stale. */

enum {
  RESULTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WflExperimentsView, wfl_experiments_view, GTK_TYPE_WIDGET)

/* What a sweep of each parameter spans unless the file says: min, max,
 * step, digits, and the spin buttons' bounds. */
static const struct
{
  double min, max, step;
  guint  digits;
  double lower, upper;
} sweep_defaults[WFL_N_SWEEPS] = {
  [WFL_SWEEP_CAPACITY_SCALE] = { 0.8, 1.2, 0.05, 2, 0, 100 },
  [WFL_SWEEP_CAPACITY_SHIFT] = { -8, 8, 2, 0, -520, 520 },
  [WFL_SWEEP_LEAD_WEEKS] = { 0, 8, 1, 0, 0, 520 },
  [WFL_SWEEP_YIELD] = { 0.5, 1, 0.05, 2, 0, 1 },
  [WFL_SWEEP_MIX] = { 0, 1, 0.1, 2, 0, 1000 },
};

/* Settings ------------------------------------------------------------------- */

static void remember_settings (WflExperimentsView *self);
static void sweep_changed_cb  (WflExperimentsView *self);

static const char *
current_target (WflExperimentsView *self)
{
  guint i = gtk_drop_down_get_selected (self->target);

  return i < self->target_ids->len ? self->target_ids->pdata[i] : NULL;
}

static gboolean
parameter_takes_node (WflSweepParameter parameter,
                      const WflNode    *node)
{
  switch (parameter)
    {
    case WFL_SWEEP_LEAD_WEEKS:
    case WFL_SWEEP_YIELD:
      return node->kind == WFL_NODE_KIND_PROCESS;
    case WFL_SWEEP_CAPACITY_SCALE:
    case WFL_SWEEP_CAPACITY_SHIFT:
      return node->kind == WFL_NODE_KIND_SUPPLY || node->kind == WFL_NODE_KIND_PROCESS ||
             node->kind == WFL_NODE_KIND_POOL;
    case WFL_SWEEP_MIX:
    case WFL_N_SWEEPS:
    default:
      return FALSE;
    }
}

/* The nodes (or for a mix the links) the parameter can vary, keeping the
 * one chosen, else choosing `prefer`. */
static void
fill_targets (WflExperimentsView *self,
              const char         *prefer)
{
  WflScenario *scenario = wfl_document_get_scenario (self->document);
  WflSweepParameter parameter = gtk_drop_down_get_selected (self->parameter);
  g_autofree char *keep = g_strdup (prefer != NULL ? prefer : current_target (self));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->target_names)), selected = 0;

  g_ptr_array_set_size (self->target_ids, 0);
  if (parameter == WFL_SWEEP_MIX)
    for (guint i = 0; i < wfl_scenario_get_n_links (scenario); i++)
      {
        WflLink *link = wfl_scenario_get_link (scenario, i);
        WflNode *from = wfl_scenario_find_node (scenario, link->from), *to = wfl_scenario_find_node (scenario, link->to);

        g_ptr_array_add (self->target_ids, g_strdup_printf ("%s/%s", link->from, link->to));
        g_ptr_array_add (names, g_strdup_printf ("%s → %s", from ? wfl_node_get_display_name (from) : link->from,
                                                 to ? wfl_node_get_display_name (to) : link->to));
      }
  else
    for (guint i = 0; i < wfl_scenario_get_n_nodes (scenario); i++)
      {
        WflNode *node = wfl_scenario_get_node (scenario, i);

        if (!parameter_takes_node (parameter, node))
          continue;
        g_ptr_array_add (self->target_ids, g_strdup (node->id));
        g_ptr_array_add (names, g_strdup (wfl_node_get_display_name (node)));
      }
  for (guint i = 0; i < self->target_ids->len; i++)
    if (g_strcmp0 (self->target_ids->pdata[i], keep) == 0)
      selected = i;
  g_ptr_array_add (names, NULL);
  self->filling = TRUE;
  gtk_string_list_splice (self->target_names, 0, n, (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->target, self->target_ids->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
  self->filling = FALSE;
}

static void
update_points (WflExperimentsView *self)
{
  WflSweepSpec spec = { 0 };
  guint n;
  g_autofree char *text = NULL;

  spec.min = gtk_spin_button_get_value (self->sweep_min);
  spec.max = gtk_spin_button_get_value (self->sweep_max);
  spec.step = gtk_spin_button_get_value (self->sweep_step);
  n = spec.step > 0 && spec.max >= spec.min ? wfl_sweep_count_points (&spec) : 0;
  /* Translators: how many values a sweep runs */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point", "%u points", n), n);
  gtk_label_set_text (self->sweep_points, text);
}

static void
set_sweep_range (WflExperimentsView *self,
                 WflSweepParameter   parameter,
                 double              min,
                 double              max,
                 double              step)
{
  guint digits = sweep_defaults[parameter].digits;
  GtkSpinButton *spins[] = { self->sweep_min, self->sweep_max, self->sweep_step };
  double values[] = { min, max, step };

  self->syncing++;
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      double lower = i == 2 ? pow (10, -(double) digits) : sweep_defaults[parameter].lower;

      gtk_spin_button_set_digits (spins[i], digits);
      gtk_spin_button_set_range (spins[i], lower, sweep_defaults[parameter].upper);
      gtk_spin_button_set_increments (spins[i], pow (10, -(double) digits), 10 * pow (10, -(double) digits));
      gtk_spin_button_set_value (spins[i], values[i]);
    }
  self->syncing--;
  update_points (self);
}

/* Until the user chooses, a capacity sweep varies the top bottleneck of
 * the Sankey's window (the ranking's first row): how much more comes of
 * more capacity where it binds. */
static void
bottlenecks_changed_cb (WflExperimentsView *self)
{
  GArray *ranking = wfl_document_get_bottlenecks (self->document);
  WflSimulation *results = wfl_document_get_results (self->document);
  WflSweepParameter parameter = gtk_drop_down_get_selected (self->parameter);

  if (self->target_touched || ranking == NULL || ranking->len == 0 || results == NULL ||
      wfl_scenario_get_uncertainty (wfl_document_get_scenario (self->document))->has_sweep ||
      (parameter != WFL_SWEEP_CAPACITY_SCALE && parameter != WFL_SWEEP_CAPACITY_SHIFT))
    return;
  fill_targets (self, wfl_simulation_get_node_id (results, g_array_index (ranking, WflBottleneck, 0).node));
}

static void
target_changed_cb (WflExperimentsView *self)
{
  if (!self->filling)
    {
      self->target_touched = TRUE;
      sweep_changed_cb (self);
    }
}

static void
parameter_changed_cb (WflExperimentsView *self)
{
  WflSweepParameter parameter = gtk_drop_down_get_selected (self->parameter);

  if (self->filling || parameter >= WFL_N_SWEEPS)
    return;
  fill_targets (self, NULL);
  set_sweep_range (self, parameter, sweep_defaults[parameter].min, sweep_defaults[parameter].max,
                   sweep_defaults[parameter].step);
  sweep_changed_cb (self);
}

/* The window the experiment runs over: the Sankey's. */
static void
update_window_label (WflExperimentsView *self)
{
  WflScenario *scenario;
  g_autofree char *a = NULL, *b = NULL, *text = NULL;
  int first, last;

  if (self->document == NULL)
    return;
  scenario = wfl_document_get_scenario (self->document);
  wfl_document_get_sankey_window (self->document, &first, &last);
  a = wfl_format_date_locale (wfl_date_of_week (wfl_scenario_get_start (scenario), first));
  b = wfl_format_date_locale (wfl_date_of_week (wfl_scenario_get_start (scenario), last + 1) - 1);
  /* Translators: the Experiments page; the dates of the Sankey's week window */
  text = g_strdup_printf (_("Over the Sankey’s window, %s – %s"), a, b);
  gtk_label_set_text (self->window_label, text);
}

/* The settings the file's <experiments> saves, else the defaults. */
static void
fill_defaults (WflExperimentsView *self)
{
  WflScenario *scenario = wfl_document_get_scenario (self->document);
  const WflUncertainty *u = wfl_scenario_get_uncertainty (scenario);
  WflSweepParameter parameter = u->has_sweep ? u->sweep.parameter : WFL_SWEEP_CAPACITY_SCALE;
  const char *target = NULL;
  WflDate date = u->knockout_date;
  g_autofree char *iso = NULL;
  g_autofree char *mix = NULL;
  int first, last;

  /* Knock-outs start where the Sankey's window does, unless the file
   * says when. */
  wfl_document_get_sankey_window (self->document, &first, &last);
  if (date == WFL_DATE_NONE)
    date = wfl_date_of_week (wfl_scenario_get_start (scenario), first);
  iso = wfl_date_format (date);

  self->syncing++;
  gtk_spin_button_set_value (self->samples, u->samples > 0 ? u->samples : 1000);
  gtk_spin_button_set_value (self->seed, (double) u->seed);
  if (u->has_sweep)
    target = parameter == WFL_SWEEP_MIX ? (mix = g_strdup_printf ("%s/%s", u->sweep.link_from, u->sweep.link_to))
                                        : u->sweep.node;
  else if (wfl_document_get_selection_kind (self->document) == WFL_SELECTION_NODE)
    target = wfl_document_get_selected_node (self->document);
  self->target_touched = FALSE;
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->parameter, parameter);
  self->filling = FALSE;
  fill_targets (self, target);
  if (u->has_sweep)
    set_sweep_range (self, parameter, u->sweep.min, u->sweep.max, u->sweep.step);
  else
    set_sweep_range (self, parameter, sweep_defaults[parameter].min, sweep_defaults[parameter].max,
                     sweep_defaults[parameter].step);
  gtk_spin_button_set_range (self->ko_weeks, 1, MAX (1, wfl_scenario_get_weeks (scenario)));
  gtk_spin_button_set_value (self->ko_weeks, u->knockout_weeks > 0 ? u->knockout_weeks : 4);
  gtk_editable_set_text (GTK_EDITABLE (self->ko_date), iso);
  update_window_label (self);
  if (target == NULL)
    bottlenecks_changed_cb (self);
  self->syncing--;
  remember_settings (self);
}

/* Saving the settings -------------------------------------------------------------- */

/* A setting the user changes goes into the scenario's <experiments> (its
 * part of it: <monte-carlo>, <sweep> or <knockout>) as an undoable edit,
 * merged with the edits of the same part that follow closely; a sweep
 * that validation would refuse, or a date that is no date in the
 * calendar, is not saved (Run says why). */

typedef enum
{
  SECTION_MONTE_CARLO,
  SECTION_SWEEP,
  SECTION_KNOCKOUT,
} Section;

typedef struct
{
  Section       section;
  int           samples;
  guint64       seed;
  WflSweepSpec  spec;
  int           ko_weeks;
  WflDate       ko_date;
} SettingsEdit;

static char *check_sweep (WflScenario *scenario, const WflSweepSpec *spec);

/* The file's settings in one string, to tell when they change. */
static char *
settings_key (const WflUncertainty *u)
{
  return g_strdup_printf ("%d %d %" G_GUINT64_FORMAT " %d %d %s %s %s %.17g %.17g %.17g %d %d %d",
                          u->has_monte_carlo, u->samples, u->seed, u->has_sweep, (int) u->sweep.parameter,
                          u->sweep.node ? u->sweep.node : "", u->sweep.link_from ? u->sweep.link_from : "",
                          u->sweep.link_to ? u->sweep.link_to : "", u->sweep.min, u->sweep.max, u->sweep.step,
                          u->has_knockout, u->knockout_weeks, (int) u->knockout_date);
}

static void
remember_settings (WflExperimentsView *self)
{
  g_free (self->synced);
  self->synced = settings_key (wfl_scenario_get_uncertainty (wfl_document_get_scenario (self->document)));
}

static gboolean
same_spec (const WflSweepSpec *a,
           const WflSweepSpec *b)
{
  return a->parameter == b->parameter && g_strcmp0 (a->node, b->node) == 0 &&
         g_strcmp0 (a->link_from, b->link_from) == 0 && g_strcmp0 (a->link_to, b->link_to) == 0 &&
         a->min == b->min && a->max == b->max && a->step == b->step;
}

static gboolean
apply_settings (WflScenario  *scenario,
                gpointer      user_data,
                GError      **error)
{
  const SettingsEdit *e = user_data;
  WflUncertainty *u = wfl_scenario_get_uncertainty (scenario);

  switch (e->section)
    {
    case SECTION_SWEEP:
      if (u->has_sweep && same_spec (&u->sweep, &e->spec))
        return FALSE;
      g_free (u->sweep.node);
      g_free (u->sweep.link_from);
      g_free (u->sweep.link_to);
      u->has_sweep = TRUE;
      u->sweep = e->spec;
      u->sweep.node = g_strdup (e->spec.node);
      u->sweep.link_from = g_strdup (e->spec.link_from);
      u->sweep.link_to = g_strdup (e->spec.link_to);
      u->sweep.line = 0;
      return TRUE;
    case SECTION_KNOCKOUT:
      if (u->has_knockout && u->knockout_weeks == e->ko_weeks && u->knockout_date == e->ko_date)
        return FALSE;
      u->has_knockout = TRUE;
      u->knockout_weeks = e->ko_weeks;
      u->knockout_date = e->ko_date;
      return TRUE;
    case SECTION_MONTE_CARLO:
    default:
      if (u->has_monte_carlo && u->samples == e->samples && u->seed == e->seed)
        return FALSE;
      u->has_monte_carlo = TRUE;
      u->samples = e->samples;
      u->seed = e->seed;
      return TRUE;
    }
}

/* The page's sweep; FALSE when it has no target. */
static gboolean
sweep_of (WflExperimentsView *self,
          WflSweepSpec       *spec)
{
  const char *target = current_target (self);

  memset (spec, 0, sizeof *spec);
  spec->parameter = gtk_drop_down_get_selected (self->parameter);
  if (target == NULL || spec->parameter >= WFL_N_SWEEPS)
    return FALSE;
  if (spec->parameter == WFL_SWEEP_MIX)
    {
      g_auto(GStrv) link = g_strsplit (target, "/", 2);

      spec->link_from = g_strdup (link[0]);
      spec->link_to = g_strdup (link[1]);
    }
  else
    spec->node = g_strdup (target);
  spec->min = gtk_spin_button_get_value (self->sweep_min);
  spec->max = gtk_spin_button_get_value (self->sweep_max);
  spec->step = gtk_spin_button_get_value (self->sweep_step);
  return TRUE;
}

static void
clear_spec (WflSweepSpec *spec)
{
  g_clear_pointer (&spec->node, g_free);
  g_clear_pointer (&spec->link_from, g_free);
  g_clear_pointer (&spec->link_to, g_free);
}

static void
save_settings (WflExperimentsView *self,
               Section             section)
{
  static const char * const merge_keys[] = { "experiments-monte-carlo", "experiments-sweep", "experiments-knockout" };
  WflScenario *scenario;
  SettingsEdit e = { section };
  gboolean ok = TRUE;

  if (self->document == NULL || self->syncing > 0 || self->filling || self->saving)
    return;
  scenario = wfl_document_get_scenario (self->document);
  if (section == SECTION_MONTE_CARLO)
    {
      e.samples = (int) gtk_spin_button_get_value (self->samples);
      e.seed = (guint64) gtk_spin_button_get_value (self->seed);
    }
  else if (section == SECTION_SWEEP)
    {
      g_autofree char *why = NULL;

      ok = sweep_of (self, &e.spec) && (why = check_sweep (scenario, &e.spec)) == NULL;
    }
  else
    {
      int week;

      e.ko_weeks = gtk_spin_button_get_value_as_int (self->ko_weeks);
      e.ko_date = wfl_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->ko_date)));
      week = e.ko_date != WFL_DATE_NONE ? wfl_week_of_date (wfl_scenario_get_start (scenario), e.ko_date) : -1;
      ok = week >= 0 && week < wfl_scenario_get_weeks (scenario);
    }
  if (ok)
    {
      self->saving = TRUE;
      /* Translators: an undo step: a setting of the Experiments page changed */
      wfl_document_edit (self->document, _("Experiment Settings"), merge_keys[section], apply_settings, &e, NULL);
      self->saving = FALSE;
      remember_settings (self);
    }
  clear_spec (&e.spec);
}

static void
monte_carlo_changed_cb (WflExperimentsView *self)
{
  save_settings (self, SECTION_MONTE_CARLO);
}

static void
sweep_changed_cb (WflExperimentsView *self)
{
  save_settings (self, SECTION_SWEEP);
}

static void
knockout_changed_cb (WflExperimentsView *self)
{
  save_settings (self, SECTION_KNOCKOUT);
}

/* Running ------------------------------------------------------------------------ */

/* Shared by the view and the worker threads: how far the run is.  The
 * callback stores it and queues one idle at a time; the idle shows it. */
typedef struct
{
  GWeakRef           view;
  int                done;
  int                total;
  int                pending;
  WflExperimentKind  kind;
  WflScenario       *scenario;       /* a copy, the thread's */
  WflSweepSpec       spec;
  guint              samples;
  guint64            seed;
  int                ko_first;
  int                ko_weeks;
  WflExperimentOptions options;
} RunData;

static void
run_data_clear (gpointer data)
{
  RunData *run = data;

  g_weak_ref_clear (&run->view);
  g_clear_object (&run->scenario);
  g_free (run->spec.node);
  g_free (run->spec.link_from);
  g_free (run->spec.link_to);
}

static void
run_data_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, run_data_clear);
}

typedef struct
{
  WflMonteCarlo *mc;
  WflSweep      *sweep;
  WflKnockout   *knockout;
} RunResult;

static void
run_result_free (gpointer data)
{
  RunResult *r = data;

  g_clear_pointer (&r->mc, wfl_monte_carlo_free);
  g_clear_pointer (&r->sweep, wfl_sweep_free);
  g_clear_pointer (&r->knockout, wfl_knockout_free);
  g_free (r);
}

static const char *
items_word (WflExperimentKind kind,
            guint             n)
{
  switch (kind)
    {
    case WFL_EXPERIMENT_SWEEP:
      return g_dngettext (GETTEXT_PACKAGE, "point", "points", n);
    case WFL_EXPERIMENT_KNOCKOUT:
      return g_dngettext (GETTEXT_PACKAGE, "knock-out", "knock-outs", n);
    case WFL_EXPERIMENT_MONTE_CARLO:
    default:
      return g_dngettext (GETTEXT_PACKAGE, "sample", "samples", n);
    }
}

static const char *
running_title (WflExperimentKind kind)
{
  switch (kind)
    {
    case WFL_EXPERIMENT_SWEEP:
      /* Translators: the Experiments page while the first run goes on */
      return _("Sweep Running");
    case WFL_EXPERIMENT_KNOCKOUT:
      return _("Knock-Outs Running");
    case WFL_EXPERIMENT_MONTE_CARLO:
    default:
      return _("Monte Carlo Running");
    }
}

static void
show_progress (WflExperimentsView *self,
               RunData            *run)
{
  guint done = (guint) g_atomic_int_get (&run->done), total = (guint) g_atomic_int_get (&run->total);
  g_autofree char *a = wfl_format_number_locale (done, TRUE);
  g_autofree char *b = wfl_format_number_locale (total, TRUE);
  /* Translators: the Experiments page's progress: "312 of 1,000 samples" */
  g_autofree char *text = g_strdup_printf (_("%s of %s %s"), a, b, items_word (run->kind, total));

  gtk_progress_bar_set_fraction (self->progress, total > 0 ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->progress, text);
  _wfl_experiments_view_show_running (self, running_title (run->kind), text);
}

static gboolean
progress_idle_cb (gpointer data)
{
  RunData *run = data;
  g_autoptr(WflExperimentsView) self = g_weak_ref_get (&run->view);

  g_atomic_int_set (&run->pending, 0);
  if (self != NULL && self->run_data == run)
    show_progress (self, run);
  return G_SOURCE_REMOVE;
}

/* On a worker thread. */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  RunData *run = user_data;

  g_atomic_int_set (&run->done, (int) done);
  g_atomic_int_set (&run->total, (int) total);
  /* Before the next frame's layout and paint (GDK_PRIORITY_REDRAW). */
  if (g_atomic_int_compare_and_exchange (&run->pending, 0, 1))
    g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, progress_idle_cb, g_atomic_rc_box_acquire (run), run_data_unref);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *run = task_data;
  RunResult *result = g_new0 (RunResult, 1);
  GError *error = NULL;
  gboolean ok;

  switch (run->kind)
    {
    case WFL_EXPERIMENT_SWEEP:
      ok = (result->sweep = wfl_sweep_run (run->scenario, &run->spec, &run->options, cancellable, &error)) != NULL;
      break;
    case WFL_EXPERIMENT_KNOCKOUT:
      ok = (result->knockout = wfl_knockout_run (run->scenario, run->ko_first, run->ko_weeks, &run->options,
                                                 cancellable, &error)) != NULL;
      break;
    case WFL_EXPERIMENT_MONTE_CARLO:
    default:
      ok = (result->mc = wfl_monte_carlo_run (run->scenario, run->samples, run->seed, &run->options,
                                              cancellable, &error)) != NULL;
      break;
    }
  if (!ok)
    {
      run_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, run_result_free);
}

/* The run's own thread, at a lower priority (nice + 10) that the engine's
 * workers inherit: the window's main loop comes first for the processor,
 * so that it draws its frames while every core works; with nothing else
 * to do, the workers still have every core. */
static gpointer
experiment_thread (gpointer data)
{
  GTask *task = data;

#ifdef __linux__
  {
    id_t tid = (id_t) syscall (SYS_gettid);

    /* Best effort: at worst the run keeps the window's priority. */
    setpriority (PRIO_PROCESS, tid, MIN (19, getpriority (PRIO_PROCESS, tid) + 10));
  }
#endif
  run_thread (task, NULL, g_task_get_task_data (task), g_task_get_cancellable (task));
  g_object_unref (task);
  return NULL;
}

static void
set_running (WflExperimentsView *self,
             gboolean            running)
{
  gtk_widget_set_visible (self->progress_box, running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->settings), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.run", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.cancel", running);
  if (running)
    gtk_widget_grab_focus (self->cancel);
}

static void
set_summary (WflExperimentsView *self,
             const char         *text,
             gboolean            error)
{
  gtk_label_set_text (self->summary, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary), "error");
}

static void
finish_run (WflExperimentsView *self)
{
  gboolean had_focus = gtk_widget_has_focus (self->cancel);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->run_data, run_data_unref);
  set_running (self, FALSE);
  _wfl_experiments_view_show_running (self, NULL, NULL);
  if (had_focus)
    gtk_widget_grab_focus (self->run);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WflExperimentsView) self = user_data;
  g_autoptr(GError) error = NULL;
  RunData *run = g_task_get_task_data (G_TASK (result));
  RunResult *r = g_task_propagate_pointer (G_TASK (result), &error);
  guint serial = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "wfl-serial"));

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable || self->document == NULL)
    {
      /* A run given up for a newer one, or the page is gone. */
      g_clear_pointer (&r, run_result_free);
      return;
    }
  /* The last progress may still wait in its idle. */
  show_progress (self, run);
  if (r == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *a = wfl_format_number_locale (g_atomic_int_get (&run->done), TRUE);
          g_autofree char *b = wfl_format_number_locale (g_atomic_int_get (&run->total), TRUE);

          /* Translators: the Experiments page after Cancel: "312 of 1,000 samples" */
          text = g_strdup_printf (_("Cancelled after %s of %s %s; the results below are as they were"),
                                  a, b, items_word (run->kind, (guint) g_atomic_int_get (&run->total)));
        }
      finish_run (self);
      set_summary (self, text != NULL ? text : error->message, text == NULL);
      return;
    }
  _wfl_experiments_view_clear_results (self);
  self->mc = g_steal_pointer (&r->mc);
  self->sweep = g_steal_pointer (&r->sweep);
  self->knockout = g_steal_pointer (&r->knockout);
  run_result_free (r);
  self->from_week = run->options.from_week;
  self->to_week = run->options.to_week;
  self->weeks = run->ko_weeks;
  self->sweep_parameter = run->spec.parameter;
  self->no_uncertainty = wfl_scenario_get_uncertainty (run->scenario)->varies->len == 0 &&
                         wfl_scenario_get_uncertainty (run->scenario)->risks->len == 0;
  self->ko_from = wfl_date_of_week (wfl_scenario_get_start (run->scenario), run->ko_first);
  self->stale = serial != self->doc_serial;
  self->seconds = (g_get_monotonic_time () - self->started) / 1e6;
  finish_run (self);
  _wfl_experiments_view_show_results (self);
  g_signal_emit (self, signals[RESULTS_CHANGED], 0);
}

/* The sweep's rules are those of a saved <sweep>: checked on a copy that
 * holds it, with the messages of validation. */
static char *
check_sweep (WflScenario        *scenario,
             const WflSweepSpec *spec)
{
  g_autoptr(WflScenario) copy = wfl_scenario_copy (scenario);
  WflUncertainty *u = wfl_scenario_get_uncertainty (copy);
  g_autoptr(GPtrArray) problems = NULL;

  g_free (u->sweep.node);
  g_free (u->sweep.link_from);
  g_free (u->sweep.link_to);
  u->has_sweep = TRUE;
  u->sweep = *spec;
  u->sweep.node = g_strdup (spec->node);
  u->sweep.link_from = g_strdup (spec->link_from);
  u->sweep.link_to = g_strdup (spec->link_to);
  u->sweep.line = 0;
  problems = wfl_scenario_validate (copy);
  return problems->len > 0 ? g_strdup (((WflProblem *) g_ptr_array_index (problems, 0))->message) : NULL;
}

/* The run's settings from the page; NULL and the reason when they do not
 * make an experiment. */
static char *
settings_of (WflExperimentsView *self,
             RunData            *run)
{
  WflScenario *scenario = run->scenario;
  int weeks = wfl_scenario_get_weeks (scenario);

  run->kind = gtk_drop_down_get_selected (self->kind);
  if (run->kind == WFL_EXPERIMENT_SWEEP)
    {
      const char *target = current_target (self);

      run->spec.parameter = gtk_drop_down_get_selected (self->parameter);
      if (target == NULL)
        return g_strdup (_("Choose what to sweep"));
      if (run->spec.parameter == WFL_SWEEP_MIX)
        {
          g_auto(GStrv) link = g_strsplit (target, "/", 2);

          run->spec.link_from = g_strdup (link[0]);
          run->spec.link_to = g_strdup (link[1]);
        }
      else
        run->spec.node = g_strdup (target);
      run->spec.min = gtk_spin_button_get_value (self->sweep_min);
      run->spec.max = gtk_spin_button_get_value (self->sweep_max);
      run->spec.step = gtk_spin_button_get_value (self->sweep_step);
      return check_sweep (scenario, &run->spec);
    }
  if (run->kind == WFL_EXPERIMENT_KNOCKOUT)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->ko_date));
      WflDate date = wfl_date_parse (text);

      run->ko_weeks = gtk_spin_button_get_value_as_int (self->ko_weeks);
      if (date == WFL_DATE_NONE)
        /* Translators: the knock-outs' start date was mistyped */
        return g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD"), text);
      run->ko_first = wfl_week_of_date (wfl_scenario_get_start (scenario), date);
      if (run->ko_first < 0 || run->ko_first >= weeks)
        return g_strdup (_("The knock-outs start outside the calendar"));
      return NULL;
    }
  run->samples = (guint) gtk_spin_button_get_value (self->samples);
  run->seed = (guint64) gtk_spin_button_get_value (self->seed);
  return NULL;
}

static guint
run_total (RunData *run)
{
  guint n = 0;

  if (run->kind == WFL_EXPERIMENT_SWEEP)
    return wfl_sweep_count_points (&run->spec);
  if (run->kind != WFL_EXPERIMENT_KNOCKOUT)
    return run->samples;
  for (guint i = 0; i < wfl_scenario_get_n_nodes (run->scenario); i++)
    {
      WflNodeKind kind = wfl_scenario_get_node (run->scenario, i)->kind;

      n += kind == WFL_NODE_KIND_SUPPLY || kind == WFL_NODE_KIND_PROCESS || kind == WFL_NODE_KIND_POOL;
    }
  return n;
}

void
wfl_experiments_view_run (WflExperimentsView *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *why = NULL;
  RunData *run;
  int first, last;

  g_return_if_fail (WFL_IS_EXPERIMENTS_VIEW (self));
  if (self->document == NULL || self->cancellable != NULL)
    return;
  problems = wfl_scenario_validate (wfl_document_get_scenario (self->document));
  if (problems->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Fix the scenario’s problems first: %s"),
                                               ((WflProblem *) g_ptr_array_index (problems, 0))->message);

      set_summary (self, text, TRUE);
      return;
    }
  run = g_atomic_rc_box_new0 (RunData);
  g_weak_ref_init (&run->view, self);
  /* A copy: the document's scenario may change while this runs. */
  run->scenario = wfl_scenario_copy (wfl_document_get_scenario (self->document));
  if ((why = settings_of (self, run)) != NULL)
    {
      set_summary (self, why, TRUE);
      run_data_unref (run);
      return;
    }
  /* What the progress counts, before the engine's first call. */
  run->total = (int) run_total (run);
  wfl_experiment_options_init (&run->options);
  wfl_document_get_sankey_window (self->document, &first, &last);
  run->options.from_week = first;
  run->options.to_week = last;
  run->options.progress = progress_cb;
  run->options.user_data = run;

  /* Settings changed after a run are an undo step of their own. */
  wfl_document_break_merge (self->document);
  self->cancellable = g_cancellable_new ();
  self->run_data = run;
  self->started = g_get_monotonic_time ();
  task = g_task_new (NULL, self->cancellable, run_done_cb, g_object_ref (self));
  g_object_set_data (G_OBJECT (task), "wfl-serial", GUINT_TO_POINTER (self->doc_serial));
  g_task_set_task_data (task, g_atomic_rc_box_acquire (run), run_data_unref);
  gtk_progress_bar_set_fraction (self->progress, 0);
  show_progress (self, run);
  set_summary (self, _("Running…"), FALSE);
  set_running (self, TRUE);
  g_thread_unref (g_thread_new ("wfl-experiments", experiment_thread, g_object_ref (task)));
}

void
wfl_experiments_view_cancel (WflExperimentsView *self)
{
  g_return_if_fail (WFL_IS_EXPERIMENTS_VIEW (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
wfl_experiments_view_is_running (WflExperimentsView *self)
{
  g_return_val_if_fail (WFL_IS_EXPERIMENTS_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  wfl_experiments_view_run (WFL_EXPERIMENTS_VIEW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  wfl_experiments_view_cancel (WFL_EXPERIMENTS_VIEW (widget));
}

/* The document ---------------------------------------------------------------- */

/* Whether the step just undone or redone is one of this page's. */
static gboolean
settings_step (WflExperimentsView *self)
{
  const char *label = _("Experiment Settings");

  return g_strcmp0 (wfl_document_get_undo_label (self->document), label) == 0 ||
         g_strcmp0 (wfl_document_get_redo_label (self->document), label) == 0;
}

static void
document_changed_cb (WflExperimentsView *self)
{
  g_autofree char *key = settings_key (wfl_scenario_get_uncertainty (wfl_document_get_scenario (self->document)));
  gboolean settings_changed = g_strcmp0 (key, self->synced) != 0;

  /* An undo, a redo or a load: the page shows the file's settings. */
  if (!self->saving && settings_changed)
    fill_defaults (self);
  /* A change of the settings alone leaves the results as fresh as they
   * were: they are of the same scenario. */
  if (self->saving || (settings_changed && settings_step (self)))
    return;
  self->doc_serial++;
  fill_targets (self, NULL);
  update_window_label (self);
  if ((self->mc != NULL || self->sweep != NULL || self->knockout != NULL) && !self->stale)
    {
      self->stale = TRUE;
      _wfl_experiments_view_show_results (self);
      g_signal_emit (self, signals[RESULTS_CHANGED], 0);
    }
}

void
wfl_experiments_view_set_document (WflExperimentsView *self,
                                   WflDocument        *document)
{
  g_return_if_fail (WFL_IS_EXPERIMENTS_VIEW (self));

  wfl_experiments_view_cancel (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document == NULL)
    return;
  g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (document, "view-changed", G_CALLBACK (update_window_label), self);
  g_signal_connect_swapped (document, "bottlenecks-changed", G_CALLBACK (bottlenecks_changed_cb), self);
  /* Another file: its saved settings. */
  g_signal_connect_swapped (document, "notify::file", G_CALLBACK (fill_defaults), self);
  fill_defaults (self);
}

/* Building ----------------------------------------------------------------------- */

/* A labelled setting: the label's mnemonic moves the focus to it, and
 * names it for a screen reader. */
static void
add_setting (GtkWidget  *box,
             const char *mnemonic,
             const char *name,
             GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
}

static GtkSpinButton *
new_spin (double lower,
          double upper,
          double step,
          guint  digits,
          int    width_chars)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (lower, upper, step));

  gtk_spin_button_set_digits (spin, digits);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), width_chars);
  return spin;
}

static GtkWidget *
settings_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

/* The target's drop-down: long node names ellipsized on its button (so
 * that the page stays narrow enough for the inspector beside it), whole
 * in its list. */
static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static GtkListItemFactory *
label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  return factory;
}

static void
build_settings (WflExperimentsView *self,
                GtkWidget          *bar,
                GtkWidget          *row)
{
  const char *kinds[] = { _("Monte Carlo"), _("Sweep"), _("Knock-Outs"), NULL };
  const char *parameters[] = { _("Capacity scale"), _("Capacity shift (weeks)"), _("Lead time (weeks)"),
                               _("Yield"), _("Mix"), NULL };
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkWidget *mc = settings_box (), *sweep = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6), *ko = settings_box ();
  GtkWidget *what = settings_box (), *range = settings_box ();
  g_autoptr(GtkListItemFactory) button_factory = label_factory (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = label_factory (FALSE);

  self->kind = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
  wfl_a11y_name_drop_down (self->kind, _("Experiment"));
  add_setting (bar, _("_Experiment"), _("Experiment"), GTK_WIDGET (self->kind));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind), _("Monte Carlo: samples of the scenario’s uncertain figures; "
                                                          "Sweep: one figure over a range; Knock-Outs: each node "
                                                          "stopped in turn"));

  self->samples = new_spin (1, 1000000, 100, 0, 7);
  add_setting (mc, _("Sa_mples"), _("Samples"), GTK_WIDGET (self->samples));
  self->seed = new_spin (0, 9007199254740991.0, 1, 0, 8);
  add_setting (mc, _("See_d"), _("Seed"), GTK_WIDGET (self->seed));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->seed), _("The same seed draws the same samples"));

  self->parameter = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (parameters));
  wfl_a11y_name_drop_down (self->parameter, _("Parameter"));
  add_setting (what, _("P_arameter"), _("Parameter"), GTK_WIDGET (self->parameter));
  self->target_names = gtk_string_list_new (NULL);
  self->target = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->target_names), expression));
  gtk_drop_down_set_enable_search (self->target, TRUE);
  gtk_drop_down_set_factory (self->target, button_factory);
  gtk_drop_down_set_list_factory (self->target, list_factory);
  wfl_a11y_name_drop_down (self->target, _("Node or link"));
  add_setting (what, _("_Node or link"), _("Node or link"), GTK_WIDGET (self->target));
  self->sweep_min = new_spin (0, 1, 0.01, 2, 5);
  add_setting (range, _("_From"), _("From"), GTK_WIDGET (self->sweep_min));
  self->sweep_max = new_spin (0, 1, 0.01, 2, 5);
  add_setting (range, _("_To"), _("To"), GTK_WIDGET (self->sweep_max));
  self->sweep_step = new_spin (0.01, 1, 0.01, 2, 5);
  add_setting (range, _("Ste_p"), _("Step"), GTK_WIDGET (self->sweep_step));
  self->sweep_points = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->sweep_points), "dim-label");
  gtk_box_append (GTK_BOX (range), GTK_WIDGET (self->sweep_points));
  gtk_box_append (GTK_BOX (sweep), what);
  gtk_box_append (GTK_BOX (sweep), range);

  self->ko_weeks = new_spin (1, 520, 1, 0, 4);
  add_setting (ko, _("Each node off for _weeks"), _("Weeks off"), GTK_WIDGET (self->ko_weeks));
  self->ko_date = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (self->ko_date), 11);
  gtk_entry_set_placeholder_text (self->ko_date, "YYYY-MM-DD");
  add_setting (ko, _("From _date"), _("From date"), GTK_WIDGET (self->ko_date));

  self->settings = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->settings, mc, "monte-carlo");
  gtk_stack_add_named (self->settings, sweep, "sweep");
  gtk_stack_add_named (self->settings, ko, "knockout");
  gtk_stack_set_hhomogeneous (self->settings, FALSE);
  gtk_stack_set_vhomogeneous (self->settings, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->settings), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->settings));
}

static void
kind_changed_cb (WflExperimentsView *self)
{
  const char *pages[] = { "monte-carlo", "sweep", "knockout" };
  guint kind = gtk_drop_down_get_selected (self->kind);

  if (kind < G_N_ELEMENTS (pages))
    gtk_stack_set_visible_child_name (self->settings, pages[kind]);
}

static void
build_run_bar (WflExperimentsView *self,
               GtkWidget          *outer)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  /* Two rows: the kind and Run, then the kind's settings (a row that
   * fits beside the inspector). */
  gtk_widget_add_css_class (bar, "toolbar");
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_bottom (row, 6);
  build_settings (self, bar, row);
  self->run = gtk_button_new_with_mnemonic (_("_Run"));
  gtk_widget_add_css_class (self->run, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run), "experiments.run");
  gtk_widget_set_tooltip_text (self->run, _("Run the experiment on every processor (F5)"));
  gtk_widget_set_hexpand (self->run, TRUE);
  gtk_widget_set_halign (self->run, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (bar), self->run);
  gtk_box_append (GTK_BOX (outer), bar);
  gtk_box_append (GTK_BOX (outer), row);

  self->window_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->window_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->window_label), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (self->window_label), 12);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->window_label));

  self->progress_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (self->progress_box, 12);
  gtk_widget_set_margin_end (self->progress_box, 12);
  gtk_widget_set_margin_top (self->progress_box, 6);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Progress of the experiment"), -1);
  gtk_box_append (GTK_BOX (self->progress_box), GTK_WIDGET (self->progress));
  self->cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel), "experiments.cancel");
  gtk_widget_set_tooltip_text (self->cancel, _("Stop the experiment (Escape)"));
  gtk_box_append (GTK_BOX (self->progress_box), self->cancel);
  gtk_widget_set_visible (self->progress_box, FALSE);
  gtk_box_append (GTK_BOX (outer), self->progress_box);
}

static void
wfl_experiments_view_dispose (GObject *object)
{
  WflExperimentsView *self = WFL_EXPERIMENTS_VIEW (object);
  GtkWidget *child;

  wfl_experiments_view_cancel (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->run_data, run_data_unref);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  _wfl_experiments_view_results_dispose (self);
  _wfl_experiments_view_clear_results (self);
  g_clear_pointer (&self->target_ids, g_ptr_array_unref);
  g_clear_pointer (&self->synced, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wfl_experiments_view_parent_class)->dispose (object);
}

static void
wfl_experiments_view_class_init (WflExperimentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wfl_experiments_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /**
   * WflExperimentsView::results-changed:
   *
   * When results come, go, or turn stale.
   */
  signals[RESULTS_CHANGED] = g_signal_new ("results-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "experiments.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "experiments.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "experiments.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "experiments.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "experiments.cancel", NULL);
}

static void
wfl_experiments_view_init (WflExperimentsView *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->target_ids = g_ptr_array_new_with_free_func (g_free);
  build_run_bar (self, outer);
  _wfl_experiments_view_results_init (self, outer);
  gtk_widget_set_parent (outer, GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.cancel", FALSE);

  g_signal_connect_swapped (self->kind, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->parameter, "notify::selected", G_CALLBACK (parameter_changed_cb), self);
  g_signal_connect_swapped (self->target, "notify::selected", G_CALLBACK (target_changed_cb), self);
  g_signal_connect_swapped (self->sweep_min, "value-changed", G_CALLBACK (update_points), self);
  g_signal_connect_swapped (self->sweep_max, "value-changed", G_CALLBACK (update_points), self);
  g_signal_connect_swapped (self->sweep_step, "value-changed", G_CALLBACK (update_points), self);
  /* Each setting is saved in the scenario's <experiments>. */
  g_signal_connect_swapped (self->samples, "value-changed", G_CALLBACK (monte_carlo_changed_cb), self);
  g_signal_connect_swapped (self->seed, "value-changed", G_CALLBACK (monte_carlo_changed_cb), self);
  g_signal_connect_swapped (self->sweep_min, "value-changed", G_CALLBACK (sweep_changed_cb), self);
  g_signal_connect_swapped (self->sweep_max, "value-changed", G_CALLBACK (sweep_changed_cb), self);
  g_signal_connect_swapped (self->sweep_step, "value-changed", G_CALLBACK (sweep_changed_cb), self);
  g_signal_connect_swapped (self->ko_weeks, "value-changed", G_CALLBACK (knockout_changed_cb), self);
  g_signal_connect_swapped (self->ko_date, "changed", G_CALLBACK (knockout_changed_cb), self);
}

GtkWidget *
wfl_experiments_view_new (void)
{
  return g_object_new (WFL_TYPE_EXPERIMENTS_VIEW, NULL);
}

void
wfl_experiments_view_focus (WflExperimentsView *self)
{
  g_return_if_fail (WFL_IS_EXPERIMENTS_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->kind));
}

WflMonteCarlo *
wfl_experiments_view_get_monte_carlo (WflExperimentsView *self)
{
  g_return_val_if_fail (WFL_IS_EXPERIMENTS_VIEW (self), NULL);
  return self->mc;
}

WflSweep *
wfl_experiments_view_get_sweep (WflExperimentsView *self)
{
  g_return_val_if_fail (WFL_IS_EXPERIMENTS_VIEW (self), NULL);
  return self->sweep;
}

WflKnockout *
wfl_experiments_view_get_knockout (WflExperimentsView *self)
{
  g_return_val_if_fail (WFL_IS_EXPERIMENTS_VIEW (self), NULL);
  return self->knockout;
}

gboolean
wfl_experiments_view_is_stale (WflExperimentsView *self)
{
  g_return_val_if_fail (WFL_IS_EXPERIMENTS_VIEW (self), FALSE);
  return self->stale;
}

/* Test hooks ---------------------------------------------------------------------- */

void
_wfl_experiments_view_set_monte_carlo (WflExperimentsView *self,
                                       guint               samples,
                                       guint64             seed)
{
  gtk_drop_down_set_selected (self->kind, WFL_EXPERIMENT_MONTE_CARLO);
  gtk_spin_button_set_value (self->samples, samples);
  gtk_spin_button_set_value (self->seed, (double) seed);
}

void
_wfl_experiments_view_set_sweep (WflExperimentsView *self,
                                 WflSweepParameter   parameter,
                                 const char         *target,
                                 double              min,
                                 double              max,
                                 double              step)
{
  gtk_drop_down_set_selected (self->kind, WFL_EXPERIMENT_SWEEP);
  gtk_drop_down_set_selected (self->parameter, parameter);
  fill_targets (self, target);
  set_sweep_range (self, parameter, min, max, step);
  sweep_changed_cb (self);
}

void
_wfl_experiments_view_set_knockout (WflExperimentsView *self,
                                    int                 weeks,
                                    const char         *date)
{
  gtk_drop_down_set_selected (self->kind, WFL_EXPERIMENT_KNOCKOUT);
  gtk_spin_button_set_value (self->ko_weeks, weeks);
  gtk_editable_set_text (GTK_EDITABLE (self->ko_date), date);
}

double
_wfl_experiments_view_get_progress (WflExperimentsView *self,
                                    const char        **text)
{
  if (text != NULL)
    *text = gtk_progress_bar_get_text (self->progress);
  return gtk_progress_bar_get_fraction (self->progress);
}

const char *
_wfl_experiments_view_get_summary (WflExperimentsView *self)
{
  return gtk_label_get_text (self->summary);
}

gboolean
_wfl_experiments_view_stale_shown (WflExperimentsView *self)
{
  return gtk_widget_get_visible (self->stale_box);
}

GtkWidget *
_wfl_experiments_view_get_run_button (WflExperimentsView *self)
{
  return self->run;
}

GtkWidget *
_wfl_experiments_view_get_cancel_button (WflExperimentsView *self)
{
  return self->cancel;
}
