/* wfl-uncertainty.c: the records of <uncertainty> and <experiments> and
 * their rules (docs/scenario-format.md, "Uncertainty and experiments")
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-uncertainty"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-scenario.h"
#include "wfl-uncertainty-private.h"
#include "wfl-validate-private.h"

static const char * const distributions[] = { "triangular", "pert", "uniform" };
static const char * const figures[] = {
  "lead-weeks", "transit-weeks", "yield", "capacity", "mix", "capacity-scale", "capacity-shift",
};
static const char * const sweeps[] = { "capacity-scale", "capacity-shift", "lead-weeks", "yield", "mix" };

G_STATIC_ASSERT (G_N_ELEMENTS (figures) == WFL_N_FIGURES);
G_STATIC_ASSERT (G_N_ELEMENTS (sweeps) == WFL_N_SWEEPS);

static gboolean
lookup (const char * const *names,
        guint               n,
        const char         *str,
        int                *out)
{
  for (guint i = 0; str != NULL && i < n; i++)
    if (strcmp (names[i], str) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

const char *
wfl_distribution_to_string (WflDistribution distribution)
{
  g_return_val_if_fail ((guint) distribution < G_N_ELEMENTS (distributions), NULL);
  return distributions[distribution];
}

gboolean
wfl_distribution_from_string (const char      *str,
                              WflDistribution *out)
{
  int v;

  if (!lookup (distributions, G_N_ELEMENTS (distributions), str, &v))
    return FALSE;
  *out = (WflDistribution) v;
  return TRUE;
}

const char *
wfl_figure_to_string (WflFigure figure)
{
  g_return_val_if_fail ((guint) figure < WFL_N_FIGURES, NULL);
  return figures[figure];
}

gboolean
wfl_figure_from_string (const char *str,
                        WflFigure  *out)
{
  int v;

  if (!lookup (figures, WFL_N_FIGURES, str, &v))
    return FALSE;
  *out = (WflFigure) v;
  return TRUE;
}

gboolean
wfl_figure_is_link (WflFigure figure)
{
  return figure == WFL_FIGURE_TRANSIT_WEEKS || figure == WFL_FIGURE_MIX;
}

const char *
wfl_sweep_parameter_to_string (WflSweepParameter parameter)
{
  g_return_val_if_fail ((guint) parameter < WFL_N_SWEEPS, NULL);
  return sweeps[parameter];
}

gboolean
wfl_sweep_parameter_from_string (const char        *str,
                                 WflSweepParameter *out)
{
  int v;

  if (!lookup (sweeps, WFL_N_SWEEPS, str, &v))
    return FALSE;
  *out = (WflSweepParameter) v;
  return TRUE;
}

/* --- Records ---------------------------------------------------------- */

WflVary *
wfl_vary_new (WflFigure figure)
{
  WflVary *self = g_new0 (WflVary, 1);

  self->figure = figure;
  self->date = WFL_DATE_NONE;
  self->distribution = WFL_DISTRIBUTION_TRIANGULAR;
  return self;
}

WflVary *
wfl_vary_copy (const WflVary *self)
{
  WflVary *copy = g_memdup2 (self, sizeof *self);

  copy->node = g_strdup (self->node);
  copy->link_from = g_strdup (self->link_from);
  copy->link_to = g_strdup (self->link_to);
  copy->source = g_strdup (self->source);
  return copy;
}

void
wfl_vary_free (WflVary *self)
{
  if (self == NULL)
    return;
  g_free (self->node);
  g_free (self->link_from);
  g_free (self->link_to);
  g_free (self->source);
  g_free (self);
}

WflRisk *
wfl_risk_new (const char *node)
{
  WflRisk *self = g_new0 (WflRisk, 1);

  self->node = g_strdup (node);
  self->probability = 1;
  self->weeks = 1;
  self->from = WFL_DATE_NONE;
  self->to = WFL_DATE_NONE;
  return self;
}

WflRisk *
wfl_risk_copy (const WflRisk *self)
{
  WflRisk *copy = g_memdup2 (self, sizeof *self);

  copy->node = g_strdup (self->node);
  copy->source = g_strdup (self->source);
  return copy;
}

void
wfl_risk_free (WflRisk *self)
{
  if (self == NULL)
    return;
  g_free (self->node);
  g_free (self->source);
  g_free (self);
}

WflUncertainty *
wfl_uncertainty_new (void)
{
  WflUncertainty *self = g_new0 (WflUncertainty, 1);

  self->varies = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_vary_free);
  self->risks = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_risk_free);
  self->samples = WFL_DEFAULT_SAMPLES;
  self->seed = 1;
  self->window_from = WFL_DATE_NONE;
  self->window_to = WFL_DATE_NONE;
  self->sweep.step = 1;
  self->knockout_weeks = WFL_DEFAULT_KNOCKOUT_WEEKS;
  self->knockout_date = WFL_DATE_NONE;
  return self;
}

WflUncertainty *
wfl_uncertainty_copy (const WflUncertainty *self)
{
  WflUncertainty *copy = g_memdup2 (self, sizeof *self);

  copy->varies = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_vary_free);
  copy->risks = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_risk_free);
  for (guint i = 0; i < self->varies->len; i++)
    g_ptr_array_add (copy->varies, wfl_vary_copy (g_ptr_array_index (self->varies, i)));
  for (guint i = 0; i < self->risks->len; i++)
    g_ptr_array_add (copy->risks, wfl_risk_copy (g_ptr_array_index (self->risks, i)));
  copy->sweep.node = g_strdup (self->sweep.node);
  copy->sweep.link_from = g_strdup (self->sweep.link_from);
  copy->sweep.link_to = g_strdup (self->sweep.link_to);
  return copy;
}

void
wfl_uncertainty_free (WflUncertainty *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->varies);
  g_ptr_array_unref (self->risks);
  g_free (self->sweep.node);
  g_free (self->sweep.link_from);
  g_free (self->sweep.link_to);
  g_free (self);
}

gboolean
wfl_uncertainty_is_empty (const WflUncertainty *self)
{
  return self->varies->len == 0 && self->risks->len == 0 &&
         !self->has_monte_carlo && !self->has_sweep && !self->has_knockout;
}

/* --- Rules ------------------------------------------------------------ */

typedef struct
{
  WflScenario *scenario;
  GPtrArray   *problems;
  int          weeks;
} Check;

static void
problem (Check      *c,
         int         line,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
problem (Check      *c,
         int         line,
         const char *format,
         ...)
{
  va_list args;
  WflProblem *p = g_new0 (WflProblem, 1);

  p->line = line;
  va_start (args, format);
  p->message = wfl_message_cut_quotes (g_strdup_vprintf (format, args));
  va_end (args);
  g_ptr_array_add (c->problems, p);
}

static const char *
safe (const char *s)
{
  return s != NULL ? s : "";
}

WflLink *
_wfl_uncertainty_find_link (WflScenario *scenario,
                            const char  *from,
                            const char  *to)
{
  for (guint i = 0; i < wfl_scenario_get_n_links (scenario); i++)
    {
      WflLink *link = wfl_scenario_get_link (scenario, i);

      if (g_strcmp0 (link->from, from) == 0 && g_strcmp0 (link->to, to) == 0)
        return link;
    }
  return NULL;
}

/* The point of a schedule at a date, or NULL. */
WflPoint *
_wfl_uncertainty_find_point (const WflSchedule *schedule,
                             WflDate            date)
{
  for (guint i = 0; schedule != NULL && i < wfl_schedule_get_n_points (schedule); i++)
    {
      WflPoint *point = wfl_schedule_get_point (schedule, i);

      if (point->date == date)
        return point;
    }
  return NULL;
}

/* The range of a figure's values: [lo, hi]. */
static void
figure_range (WflFigure  figure,
              int        weeks,
              double    *lo,
              double    *hi)
{
  switch (figure)
    {
    case WFL_FIGURE_LEAD_WEEKS:
    case WFL_FIGURE_TRANSIT_WEEKS:
      *lo = 0, *hi = weeks;
      return;
    case WFL_FIGURE_YIELD:
      *lo = WFL_MIN_YIELD, *hi = 1;
      return;
    case WFL_FIGURE_CAPACITY:
    case WFL_FIGURE_MIX:
      *lo = 0, *hi = WFL_MAX_QUANTITY;
      return;
    case WFL_FIGURE_CAPACITY_SCALE:
      *lo = 0, *hi = WFL_MAX_SCALE;
      return;
    case WFL_FIGURE_CAPACITY_SHIFT:
    default:
      *lo = -weeks, *hi = weeks;
      return;
    }
}

static const WflSchedule *
vary_schedule (WflFigure  figure,
               WflNode   *node,
               WflLink   *link)
{
  switch (figure)
    {
    case WFL_FIGURE_YIELD:
      return node->yield;
    case WFL_FIGURE_CAPACITY:
    case WFL_FIGURE_CAPACITY_SCALE:
    case WFL_FIGURE_CAPACITY_SHIFT:
      return node->capacity;
    case WFL_FIGURE_MIX:
      return link->mix;
    default:
      return NULL;
    }
}

static void
check_target (Check            *c,
              const WflVary    *vary,
              WflNode          *node,
              WflLink          *link)
{
  const WflSchedule *schedule = vary_schedule (vary->figure, node, link);
  const char *what = wfl_figure_to_string (vary->figure);
  gboolean has_points = schedule != NULL && wfl_schedule_get_n_points (schedule) > 0;

  if (node != NULL && (node->kind == WFL_NODE_KIND_CUSTOMER ||
                       (node->kind == WFL_NODE_KIND_POOL && vary->figure != WFL_FIGURE_CAPACITY &&
                        vary->figure != WFL_FIGURE_CAPACITY_SCALE && vary->figure != WFL_FIGURE_CAPACITY_SHIFT)))
    {
      problem (c, vary->line, _("Node “%s” has no %s to vary."), safe (node->id), what);
      return;
    }
  if ((vary->figure == WFL_FIGURE_CAPACITY || vary->figure == WFL_FIGURE_CAPACITY_SCALE ||
       vary->figure == WFL_FIGURE_CAPACITY_SHIFT) && !has_points)
    {
      problem (c, vary->line, _("Node “%s” has no capacity to vary: it is unlimited."), safe (node->id));
      return;
    }
  if (vary->date != WFL_DATE_NONE)
    {
      if (vary->figure != WFL_FIGURE_YIELD && vary->figure != WFL_FIGURE_CAPACITY &&
          vary->figure != WFL_FIGURE_MIX && vary->figure != WFL_FIGURE_CAPACITY_SHIFT)
        problem (c, vary->line, _("A <vary> of %s takes no date."), what);
      else if (_wfl_uncertainty_find_point (schedule, vary->date) == NULL)
        {
          g_autofree char *date = wfl_date_format (vary->date);

          problem (c, vary->line, _("The %s schedule has no point dated %s to vary."), what, date);
        }
    }
  else if ((vary->figure == WFL_FIGURE_YIELD || vary->figure == WFL_FIGURE_CAPACITY ||
            vary->figure == WFL_FIGURE_MIX) && has_points && !wfl_schedule_is_constant (schedule))
    problem (c, vary->line,
             _("The %s varies over time: name the point to vary with a “date” attribute."), what);
}

static void
check_vary (Check         *c,
            const WflVary *vary,
            GHashTable    *seen)
{
  WflNode *node = NULL;
  WflLink *link = NULL;
  double lo, hi;
  g_autofree char *key = NULL;

  if (wfl_figure_is_link (vary->figure))
    {
      link = _wfl_uncertainty_find_link (c->scenario, vary->link_from, vary->link_to);
      if (vary->link_from == NULL || vary->link_to == NULL)
        {
          problem (c, vary->line, _("A <vary> of %s names its link with “link-from” and “link-to”."),
                   wfl_figure_to_string (vary->figure));
          return;
        }
      if (link == NULL)
        {
          problem (c, vary->line, _("There is no link from “%s” to “%s” to vary."), vary->link_from, vary->link_to);
          return;
        }
    }
  else
    {
      if (vary->node == NULL)
        {
          problem (c, vary->line, _("A <vary> of %s names its node with “node”."), wfl_figure_to_string (vary->figure));
          return;
        }
      node = wfl_scenario_find_node (c->scenario, vary->node);
      if (node == NULL)
        {
          problem (c, vary->line, _("There is no node “%s” to vary."), vary->node);
          return;
        }
    }

  figure_range (vary->figure, c->weeks, &lo, &hi);
  if (!(vary->min >= lo && vary->max <= hi))
    {
      g_autofree char *a = wfl_format_figure (lo);
      g_autofree char *b = wfl_format_figure (hi);

      problem (c, vary->line, _("The range of a <vary> of %s must lie within %s … %s."),
               wfl_figure_to_string (vary->figure), a, b);
    }
  else if (vary->distribution == WFL_DISTRIBUTION_UNIFORM ? vary->min > vary->max
                                                            : !(vary->min <= vary->likely && vary->likely <= vary->max))
    problem (c, vary->line, vary->distribution == WFL_DISTRIBUTION_UNIFORM
                            ? _("A <vary> needs min ≤ max.")
                            : _("A <vary> needs min ≤ likely ≤ max."));

  check_target (c, vary, node, link);

  key = g_strdup_printf ("%d\x1f%s\x1f%s\x1f%s\x1f%d", vary->figure, safe (vary->node), safe (vary->link_from),
                         safe (vary->link_to), (int) vary->date);
  if (g_hash_table_contains (seen, key))
    problem (c, vary->line, _("This figure is varied twice (first at line %d)."),
             GPOINTER_TO_INT (g_hash_table_lookup (seen, key)));
  else
    g_hash_table_insert (seen, g_steal_pointer (&key), GINT_TO_POINTER (vary->line));
}

static void
check_risk (Check         *c,
            const WflRisk *risk)
{
  WflNode *node = risk->node != NULL ? wfl_scenario_find_node (c->scenario, risk->node) : NULL;

  if (node == NULL)
    problem (c, risk->line, _("There is no node “%s” for this risk."), safe (risk->node));
  else if (node->kind != WFL_NODE_KIND_SUPPLY && node->kind != WFL_NODE_KIND_PROCESS &&
           node->kind != WFL_NODE_KIND_POOL)
    problem (c, risk->line, _("A risk strikes a supply, process or pool node; “%s” is none."), node->id);
  if (!(risk->factor >= 0 && risk->factor <= WFL_MAX_SCALE))
    problem (c, risk->line, _("A risk’s factor must lie within 0 … %g."), (double) WFL_MAX_SCALE);
  if (risk->weeks < 1 || risk->weeks > c->weeks)
    problem (c, risk->line, _("A risk lasts 1 to %d weeks (the calendar)."), c->weeks);
  if (!(risk->probability >= 0 && risk->probability <= 1))
    problem (c, risk->line, _("A risk’s probability must lie within 0 … 1."));
  if (risk->from == WFL_DATE_NONE)
    problem (c, risk->line, _("A risk needs a “from” date."));
  else if (risk->to != WFL_DATE_NONE && risk->to < risk->from)
    problem (c, risk->line, _("A risk’s “to” date must not come before its “from” date."));
}

static void
check_sweep (Check              *c,
             const WflSweepSpec *sweep)
{
  WflVary vary = { 0 };
  static const WflFigure as_figure[] = {
    WFL_FIGURE_CAPACITY_SCALE, WFL_FIGURE_CAPACITY_SHIFT, WFL_FIGURE_LEAD_WEEKS, WFL_FIGURE_YIELD, WFL_FIGURE_MIX,
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!(sweep->step > 0))
    {
      problem (c, sweep->line, _("A sweep’s step must be more than 0."));
      return;
    }
  if (!(sweep->min <= sweep->max))
    {
      problem (c, sweep->line, _("A sweep needs min ≤ max."));
      return;
    }
  if ((sweep->max - sweep->min) / sweep->step > WFL_MAX_SWEEP_POINTS)
    {
      problem (c, sweep->line, _("A sweep has at most %d points."), WFL_MAX_SWEEP_POINTS);
      return;
    }
  /* The rules of a <vary> of the same figure over the range. */
  vary.figure = as_figure[sweep->parameter];
  vary.node = sweep->node;
  vary.link_from = sweep->link_from;
  vary.link_to = sweep->link_to;
  vary.date = WFL_DATE_NONE;
  vary.distribution = WFL_DISTRIBUTION_UNIFORM;
  vary.min = sweep->min;
  vary.max = sweep->max;
  vary.line = sweep->line;
  check_vary (c, &vary, seen);
}

GPtrArray *
_wfl_uncertainty_validate (WflScenario *scenario)
{
  const WflUncertainty *u = wfl_scenario_get_uncertainty (scenario);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Check c = { scenario, g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_problem_free),
              wfl_scenario_get_weeks (scenario) };

  for (guint i = 0; i < u->varies->len; i++)
    check_vary (&c, g_ptr_array_index (u->varies, i), seen);
  for (guint i = 0; i < u->risks->len; i++)
    check_risk (&c, g_ptr_array_index (u->risks, i));
  if (u->has_monte_carlo)
    {
      if (u->samples < 1 || u->samples > WFL_MAX_SAMPLES)
        problem (&c, u->monte_carlo_line, _("An experiment draws 1 to %d samples."), WFL_MAX_SAMPLES);
      if (u->window_from != WFL_DATE_NONE && u->window_to != WFL_DATE_NONE && u->window_to < u->window_from)
        problem (&c, u->monte_carlo_line, _("The experiment’s “to” date must not come before its “from” date."));
    }
  if (u->has_sweep)
    check_sweep (&c, &u->sweep);
  if (u->has_knockout && (u->knockout_weeks < 1 || u->knockout_weeks > c.weeks))
    problem (&c, u->knockout_line, _("A knock-out lasts 1 to %d weeks (the calendar)."), c.weeks);
  return c.problems;
}
