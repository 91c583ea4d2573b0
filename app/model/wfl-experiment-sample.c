/* wfl-experiment-sample.c: drawing samples, applying figures to a
 * worker's copy of a scenario, and running an experiment's items on
 * every core (docs/model.md, "Experiments")
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-experiment"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-atomic-file.h"
#include "wfl-experiment-private.h"
#include "wfl-simulation-private.h"

/* --- Random numbers ---------------------------------------------------- */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

void
_wfl_rng_init (WflRng  *rng,
               guint64  seed,
               guint64  sample,
               guint64  draw)
{
  guint64 s = seed;

  /* Three rounds mix the seed, the sample and the draw into one state. */
  rng->state = splitmix64 (&s);
  s = rng->state ^ sample;
  rng->state = splitmix64 (&s);
  s = rng->state ^ draw;
  rng->state = splitmix64 (&s);
}

double
_wfl_rng_uniform (WflRng *rng)
{
  return (double) (splitmix64 (&rng->state) >> 11) * (1.0 / 9007199254740992.0);
}

static double
normal (WflRng *rng)
{
  double u1 = 1 - _wfl_rng_uniform (rng);   /* (0, 1] */
  double u2 = _wfl_rng_uniform (rng);

  return sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
}

/* Gamma(shape ≥ 1, 1), Marsaglia and Tsang (2000). */
static double
gamma_draw (double  shape,
            WflRng *rng)
{
  double d = shape - 1.0 / 3, c = 1 / sqrt (9 * d);

  for (;;)
    {
      double x = normal (rng), v = 1 + c * x, u;

      if (v <= 0)
        continue;
      v = v * v * v;
      u = _wfl_rng_uniform (rng);
      if (u < 1 - 0.0331 * x * x * x * x || log (u) < 0.5 * x * x + d * (1 - v + log (v)))
        return d * v;
    }
}

double
_wfl_distribution_draw (WflDistribution  distribution,
                        double           a,
                        double           c,
                        double           b,
                        WflRng          *rng)
{
  double u, width = b - a;

  if (!(width > 0))
    return a;   /* zero width: the value itself, exactly */
  switch (distribution)
    {
    case WFL_DISTRIBUTION_UNIFORM:
      return a + _wfl_rng_uniform (rng) * width;
    case WFL_DISTRIBUTION_PERT:
      {
        double alpha = 1 + 4 * (c - a) / width, beta = 1 + 4 * (b - c) / width;
        double x = gamma_draw (alpha, rng), y = gamma_draw (beta, rng);

        return CLAMP (a + x / (x + y) * width, a, b);
      }
    case WFL_DISTRIBUTION_TRIANGULAR:
    default:
      u = _wfl_rng_uniform (rng);
      if (u < (c - a) / width)
        return CLAMP (a + sqrt (u * width * (c - a)), a, b);
      return CLAMP (b - sqrt ((1 - u) * width * (b - c)), a, b);
    }
}

/* --- The sampler -------------------------------------------------------- */

typedef struct
{
  WflNode *base_node, *node;
  WflLink *base_link, *link;
  int      node_index;
} Target;

struct _WflSampler
{
  WflScenario *base;
  WflScenario *work;
  const WflUncertainty *uncertainty;
  Target      *varies;   /* per vary */
  int         *risks;    /* per risk: node index */
  GArray      *edits;    /* of WflCapacityEdit */
  gboolean     changed;  /* a figure of the copy differs from the base */
  gboolean     trusted;  /* the extremes were validated (_wfl_sampler_check_extremes()) */
};

static Target
find_target (WflScenario *base,
             WflScenario *work,
             const char  *node,
             const char  *link_from,
             const char  *link_to)
{
  Target t = { NULL, NULL, NULL, NULL, -1 };

  if (node != NULL)
    {
      t.node_index = wfl_scenario_find_node_index (base, node);
      if (t.node_index >= 0)
        {
          t.base_node = wfl_scenario_get_node (base, (guint) t.node_index);
          t.node = wfl_scenario_get_node (work, (guint) t.node_index);
        }
    }
  else if (link_from != NULL && link_to != NULL)
    {
      for (guint i = 0; i < wfl_scenario_get_n_links (base) && t.link == NULL; i++)
        {
          WflLink *link = wfl_scenario_get_link (base, i);

          if (g_strcmp0 (link->from, link_from) == 0 && g_strcmp0 (link->to, link_to) == 0)
            {
              t.base_link = link;
              t.link = wfl_scenario_get_link (work, i);
            }
        }
    }
  return t;
}

WflSampler *
_wfl_sampler_new (WflScenario *base)
{
  WflSampler *self = g_new0 (WflSampler, 1);
  const WflUncertainty *u = wfl_scenario_get_uncertainty (base);

  self->base = g_object_ref (base);
  self->work = wfl_scenario_copy (base);
  self->uncertainty = u;
  self->varies = g_new0 (Target, MAX (u->varies->len, 1));
  for (guint i = 0; i < u->varies->len; i++)
    {
      const WflVary *vary = g_ptr_array_index (u->varies, i);

      self->varies[i] = find_target (base, self->work, vary->node, vary->link_from, vary->link_to);
    }
  self->risks = g_new0 (int, MAX (u->risks->len, 1));
  for (guint i = 0; i < u->risks->len; i++)
    self->risks[i] = wfl_scenario_find_node_index (base, ((WflRisk *) g_ptr_array_index (u->risks, i))->node);
  self->edits = g_array_new (FALSE, FALSE, sizeof (WflCapacityEdit));
  return self;
}

void
_wfl_sampler_free (WflSampler *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->base);
  g_object_unref (self->work);
  g_free (self->varies);
  g_free (self->risks);
  g_array_unref (self->edits);
  g_free (self);
}

static void
replace_schedule (WflSchedule      **slot,
                  const WflSchedule *base)
{
  g_clear_pointer (slot, wfl_schedule_free);
  if (base != NULL)
    *slot = wfl_schedule_copy (base);
}

static void
restore (const WflVary *vary,
         const Target  *t)
{
  if (t->node != NULL)
    {
      t->node->lead_weeks = t->base_node->lead_weeks;
      if (vary->figure == WFL_FIGURE_YIELD)
        replace_schedule (&t->node->yield, t->base_node->yield);
      else if (vary->figure == WFL_FIGURE_CAPACITY || vary->figure == WFL_FIGURE_CAPACITY_SHIFT)
        replace_schedule (&t->node->capacity, t->base_node->capacity);
    }
  if (t->link != NULL)
    {
      t->link->transit_weeks = t->base_link->transit_weeks;
      if (vary->figure == WFL_FIGURE_MIX)
        replace_schedule (&t->link->mix, t->base_link->mix);
    }
}

void
_wfl_sampler_reset (WflSampler *self)
{
  for (guint i = 0; i < self->uncertainty->varies->len; i++)
    restore (g_ptr_array_index (self->uncertainty->varies, i), &self->varies[i]);
  g_array_set_size (self->edits, 0);
  self->changed = FALSE;
}

/* The value of a constant schedule, or of its point at `date`. */
static void
set_schedule_value (WflSchedule **slot,
                    WflDate       date,
                    double        value)
{
  WflPoint *point;

  if (*slot == NULL || wfl_schedule_get_n_points (*slot) == 0)
    {
      g_clear_pointer (slot, wfl_schedule_free);
      *slot = wfl_schedule_new_constant (value);
      return;
    }
  if (date == WFL_DATE_NONE)
    {
      /* A constant schedule: every point (one, or several equal) takes it. */
      for (guint i = 0; i < wfl_schedule_get_n_points (*slot); i++)
        wfl_schedule_get_point (*slot, i)->value = value;
      return;
    }
  point = _wfl_uncertainty_find_point (*slot, date);
  if (point != NULL)
    point->value = value;
}

/* Moves the capacity points (or the one at `date`) by whole weeks; a
 * single point stays between its neighbours. */
static void
shift_schedule (WflSchedule *schedule,
                WflDate      date,
                int          weeks)
{
  guint n = schedule != NULL ? wfl_schedule_get_n_points (schedule) : 0;

  for (guint i = 0; i < n && weeks != 0; i++)
    {
      WflPoint *point = wfl_schedule_get_point (schedule, i);

      if (point->date == WFL_DATE_NONE || (date != WFL_DATE_NONE && point->date != date))
        continue;
      point->date += 7 * weeks;
      if (date != WFL_DATE_NONE)
        {
          if (i > 0 && wfl_schedule_get_point (schedule, i - 1)->date > point->date)
            point->date = wfl_schedule_get_point (schedule, i - 1)->date;
          if (i + 1 < n && wfl_schedule_get_point (schedule, i + 1)->date < point->date)
            point->date = wfl_schedule_get_point (schedule, i + 1)->date;
        }
    }
}

static const Target *
target_of (WflSampler    *self,
           const WflVary *vary,
           Target        *scratch)
{
  for (guint i = 0; i < self->uncertainty->varies->len; i++)
    if (g_ptr_array_index (self->uncertainty->varies, i) == vary)
      return &self->varies[i];
  *scratch = find_target (self->base, self->work, vary->node, vary->link_from, vary->link_to);
  return scratch;
}

void
_wfl_sampler_set (WflSampler    *self,
                  const WflVary *vary,
                  double         value)
{
  Target scratch;
  const Target *t = target_of (self, vary, &scratch);

  /* Only capacity scales leave the validated scenario as it is. */
  self->changed |= vary->figure != WFL_FIGURE_CAPACITY_SCALE;
  switch (vary->figure)
    {
    case WFL_FIGURE_LEAD_WEEKS:
      if (t->node != NULL)
        t->node->lead_weeks = (int) round (value);
      break;
    case WFL_FIGURE_TRANSIT_WEEKS:
      if (t->link != NULL)
        t->link->transit_weeks = (int) round (value);
      break;
    case WFL_FIGURE_YIELD:
      if (t->node != NULL)
        set_schedule_value (&t->node->yield, vary->date, value);
      break;
    case WFL_FIGURE_CAPACITY:
      if (t->node != NULL)
        set_schedule_value (&t->node->capacity, vary->date, value);
      break;
    case WFL_FIGURE_MIX:
      if (t->link != NULL)
        set_schedule_value (&t->link->mix, vary->date, value);
      break;
    case WFL_FIGURE_CAPACITY_SCALE:
      if (t->node_index >= 0 && value != 1)
        _wfl_sampler_edit (self, (guint) t->node_index, 0, G_MAXINT, value);
      break;
    case WFL_FIGURE_CAPACITY_SHIFT:
    default:
      if (t->node != NULL)
        shift_schedule (t->node->capacity, vary->date, (int) round (value));
      break;
    }
}

void
_wfl_sampler_edit (WflSampler *self,
                   guint       node,
                   int         from_week,
                   int         to_week,
                   double      factor)
{
  WflCapacityEdit edit = { node, from_week, to_week, factor };

  g_array_append_val (self->edits, edit);
}

void
_wfl_sampler_draw (WflSampler *self,
                   guint64     seed,
                   guint64     sample)
{
  const WflUncertainty *u = self->uncertainty;
  WflDate start = wfl_scenario_get_start (self->base);
  guint k = 0;

  _wfl_sampler_reset (self);
  for (guint i = 0; i < u->varies->len; i++, k++)
    {
      const WflVary *vary = g_ptr_array_index (u->varies, i);
      WflRng rng;

      _wfl_rng_init (&rng, seed, sample, k);
      _wfl_sampler_set (self, vary, _wfl_distribution_draw (vary->distribution, vary->min, vary->likely,
                                                            vary->max, &rng));
    }
  for (guint i = 0; i < u->risks->len; i++, k++)
    {
      const WflRisk *risk = g_ptr_array_index (u->risks, i);
      int first = wfl_week_of_date (start, risk->from);
      int last = risk->to != WFL_DATE_NONE ? wfl_week_of_date (start, risk->to) : first;
      WflRng rng;
      int week;

      _wfl_rng_init (&rng, seed, sample, k);
      if (!(_wfl_rng_uniform (&rng) < risk->probability))
        continue;
      week = first + (int) floor (_wfl_rng_uniform (&rng) * (last - first + 1));
      if (self->risks[i] >= 0 && risk->factor != 1)
        _wfl_sampler_edit (self, (guint) self->risks[i], week, week + risk->weeks, risk->factor);
    }
}

/* Validates the copy with every figure at its min, then at its max. */
gboolean
_wfl_sampler_check_extremes (WflSampler  *self,
                             GError     **error)
{
  const WflUncertainty *u = self->uncertainty;

  for (int end = 0; end < 2; end++)
    {
      _wfl_sampler_reset (self);
      for (guint i = 0; i < u->varies->len; i++)
        {
          const WflVary *vary = g_ptr_array_index (u->varies, i);

          _wfl_sampler_set (self, vary, end == 0 ? vary->min : vary->max);
        }
      if (!wfl_scenario_check (self->work, error))
        {
          g_prefix_error (error, end == 0 ? _("With every varied figure at its min: ")
                                          : _("With every varied figure at its max: "));
          return FALSE;
        }
    }
  _wfl_sampler_reset (self);
  return TRUE;
}

void
_wfl_sampler_trust (WflSampler *self)
{
  self->trusted = TRUE;
}

WflSimulation *
_wfl_sampler_simulate (WflSampler  *self,
                       GError     **error)
{
  g_autoptr(WflSimulation) simulation =
    _wfl_simulation_new_full (self->work, (const WflCapacityEdit *) (gpointer) self->edits->data,
                              self->edits->len, self->changed && !self->trusted, error);

  if (simulation == NULL || !wfl_simulation_run_without_timelines (simulation, NULL, error))
    return NULL;
  return g_steal_pointer (&simulation);
}

/* --- Running on every core --------------------------------------------- */

typedef struct
{
  WflScenario                *base;
  const WflExperimentJob     *job;
  const WflExperimentOptions *options;
  GCancellable               *cancellable;
  GMutex                      lock;
  GCond                       cond;
  guint                       ring;       /* slots */
  gsize                       stride;     /* summary_size rounded up to 16 bytes: aligned slots */
  guint8                     *slots;      /* ring × stride */
  gboolean                   *ready;      /* per slot */
  guint                       next_claim;
  guint                       next_fold;
  gboolean                    stop;
  GError                     *error;
} Runner;

static gpointer
runner_thread (gpointer data)
{
  Runner *r = data;
  const WflExperimentJob *job = r->job;
  WflSampler *sampler = _wfl_sampler_new (r->base);

  if (job->trusted)
    _wfl_sampler_trust (sampler);
  for (;;)
    {
      guint item, slot;
      GError *error = NULL;
      gboolean ok;

      g_mutex_lock (&r->lock);
      while (!r->stop && r->next_claim < job->n_items && r->next_claim >= r->next_fold + r->ring)
        g_cond_wait (&r->cond, &r->lock);
      if (r->stop || r->next_claim >= job->n_items || g_cancellable_is_cancelled (r->cancellable))
        {
          g_mutex_unlock (&r->lock);
          break;
        }
      item = r->next_claim++;
      g_mutex_unlock (&r->lock);

      slot = item % r->ring;
      ok = job->compute (job->ctx, sampler, item, r->slots + (gsize) slot * r->stride, &error);

      g_mutex_lock (&r->lock);
      if (!ok)
        {
          if (r->error == NULL)
            r->error = error;
          else
            g_clear_error (&error);
          r->stop = TRUE;
        }
      else
        {
          r->ready[slot] = TRUE;
          /* Fold what is ready, in item order, whichever worker is here. */
          while (!r->stop && r->next_fold < job->n_items && r->ready[r->next_fold % r->ring])
            {
              guint s = r->next_fold % r->ring;

              job->fold (job->ctx, r->next_fold, r->slots + (gsize) s * r->stride);
              r->ready[s] = FALSE;
              r->next_fold++;
              if (r->options->progress != NULL)
                r->options->progress (r->next_fold, job->n_items, r->options->user_data);
            }
        }
      g_cond_broadcast (&r->cond);
      g_mutex_unlock (&r->lock);
    }
  _wfl_sampler_free (sampler);
  return NULL;
}

gboolean
_wfl_experiment_run_job (WflScenario                *base,
                         const WflExperimentJob     *job,
                         const WflExperimentOptions *options,
                         GCancellable               *cancellable,
                         GError                    **error)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Runner r = { 0 };
  int n_threads = options->n_threads > 0 ? options->n_threads : (int) g_get_num_processors ();

  n_threads = CLAMP (n_threads, 1, (int) MAX (job->n_items, 1));
  r.base = base;
  r.job = job;
  r.options = options;
  r.cancellable = cancellable;
  r.ring = 2 * (guint) n_threads;
  r.stride = (MAX (job->summary_size, 1) + 15) & ~(gsize) 15;
  r.slots = g_malloc0 ((gsize) r.ring * r.stride);
  r.ready = g_new0 (gboolean, r.ring);
  g_mutex_init (&r.lock);
  g_cond_init (&r.cond);

  for (int i = 1; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("wfl-experiment", runner_thread, &r));
  runner_thread (&r);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);

  g_mutex_clear (&r.lock);
  g_cond_clear (&r.cond);
  g_free (r.slots);
  g_free (r.ready);
  if (r.error != NULL)
    {
      g_propagate_error (error, r.error);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRUE;
}

void
wfl_experiment_options_init (WflExperimentOptions *options)
{
  memset (options, 0, sizeof *options);
  options->from_week = -1;
  options->to_week = -1;
}

void
_wfl_experiment_window (WflSimulation              *simulation,
                        const WflExperimentOptions *options,
                        int                        *a,
                        int                        *b)
{
  int weeks = wfl_simulation_get_n_weeks (simulation);

  *a = options->from_week < 0 ? 0 : MIN (options->from_week, weeks - 1);
  *b = options->to_week < 0 ? weeks - 1 : CLAMP (options->to_week, *a, weeks - 1);
}

void
_wfl_experiment_csv_double (GString *out,
                            double   value)
{
  if (!isnan (value))
    wfl_string_append_double (out, value);
}

void
_wfl_experiment_csv_text (GString    *out,
                          const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
wfl_experiment_tables_clear (WflExperimentTables *tables)
{
  for (guint i = 0; i < tables->n; i++)
    if (tables->tables[i] != NULL)
      g_string_free (tables->tables[i], TRUE);
  memset (tables, 0, sizeof *tables);
}

gboolean
wfl_experiment_tables_write_csv (const WflExperimentTables  *tables,
                                 const char                 *dir,
                                 GError                    **error)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  GBytes *contents[WFL_EXPERIMENT_MAX_TABLES];
  gboolean ok;

  for (guint i = 0; i < tables->n; i++)
    contents[i] = g_bytes_new (tables->tables[i]->str, tables->tables[i]->len);
  ok = wfl_atomic_file_write_set (folder, tables->n, tables->names, contents, NULL, error);
  for (guint i = 0; i < tables->n; i++)
    g_bytes_unref (contents[i]);
  return ok;
}
