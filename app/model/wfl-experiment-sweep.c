/* wfl-experiment-sweep.c: sweeps and knock-outs (docs/model.md,
 * "Experiments")
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

#include "wfl-experiment-private.h"

static const WflFigure sweep_figure[WFL_N_SWEEPS] = {
  WFL_FIGURE_CAPACITY_SCALE, WFL_FIGURE_CAPACITY_SHIFT, WFL_FIGURE_LEAD_WEEKS, WFL_FIGURE_YIELD, WFL_FIGURE_MIX,
};

guint
wfl_sweep_count_points (const WflSweepSpec *spec)
{
  double n;

  if (!(spec->step > 0) || !(spec->min <= spec->max))
    return 0;
  n = floor ((spec->max - spec->min) / spec->step + 1e-9);
  return (guint) MIN (n, 1e6) + 1;
}

struct _WflSweep
{
  WflSimulation *simulation;
  WflSweepSpec   spec;
  WflVary        vary;
  guint          n_points;
  guint          n_products;
  int            a, b;
  WflSweepPoint *points;
  double        *values;   /* n_points × (2 × n_products + 2) */
};

/* min + i × step, to 12 significant digits: 0.85, not 0.8500000000000001. */
static double
point_value (const WflSweepSpec *spec,
             guint               i)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (text, sizeof text, "%.12g", spec->min + spec->step * i);
  return g_ascii_strtod (text, NULL);
}

static gboolean
sweep_compute (gpointer    ctx,
               WflSampler *sampler,
               guint       item,
               gpointer    summary,
               GError    **error)
{
  WflSweep *self = ctx;
  double *out = summary;
  g_autoptr(WflSimulation) simulation = NULL;

  _wfl_sampler_reset (sampler);
  _wfl_sampler_set (sampler, &self->vary, point_value (&self->spec, item));
  simulation = _wfl_sampler_simulate (sampler, error);
  if (simulation == NULL)
    return FALSE;
  for (guint p = 0; p < self->n_products; p++)
    {
      out[p] = wfl_simulation_get_product_delivered (simulation, (int) p, self->a, self->b);
      out[self->n_products + p] = wfl_simulation_get_fill_rate (simulation, (int) p, self->a, self->b);
    }
  if (!wfl_simulation_get_lead_time (simulation, -1, self->a, self->b, &out[2 * self->n_products],
                                     &out[2 * self->n_products + 1]))
    out[2 * self->n_products] = out[2 * self->n_products + 1] = NAN;
  return TRUE;
}

static void
sweep_fold (gpointer      ctx,
            guint         item,
            gconstpointer summary)
{
  WflSweep *self = ctx;
  gsize stride = 2 * self->n_products + 2;

  memcpy (self->values + item * stride, summary, stride * sizeof (double));
}

void
wfl_sweep_free (WflSweep *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->simulation);
  g_free (self->spec.node);
  g_free (self->spec.link_from);
  g_free (self->spec.link_to);
  g_free (self->points);
  g_free (self->values);
  g_free (self);
}

WflSweep *
wfl_sweep_run (WflScenario                 *scenario,
               const WflSweepSpec          *spec,
               const WflExperimentOptions  *options,
               GCancellable                *cancellable,
               GError                     **error)
{
  g_autoptr(WflSweep) self = g_new0 (WflSweep, 1);
  WflExperimentOptions defaults;
  WflExperimentJob job = { 0 };
  gsize stride;

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (spec != NULL && (guint) spec->parameter < WFL_N_SWEEPS, NULL);
  if (options == NULL)
    {
      wfl_experiment_options_init (&defaults);
      options = &defaults;
    }
  self->spec = *spec;
  self->spec.node = g_strdup (spec->node);
  self->spec.link_from = g_strdup (spec->link_from);
  self->spec.link_to = g_strdup (spec->link_to);
  self->vary.figure = sweep_figure[spec->parameter];
  self->vary.node = self->spec.node;
  self->vary.link_from = self->spec.link_from;
  self->vary.link_to = self->spec.link_to;
  self->vary.date = WFL_DATE_NONE;
  self->simulation = wfl_simulation_new (scenario, error);
  if (self->simulation == NULL)
    return NULL;
  self->n_points = wfl_sweep_count_points (spec);
  self->n_products = wfl_simulation_get_n_products (self->simulation);
  _wfl_experiment_window (self->simulation, options, &self->a, &self->b);
  stride = 2 * self->n_products + 2;
  self->values = g_new0 (double, MAX (self->n_points * stride, 1));
  job.n_items = self->n_points;
  job.summary_size = stride * sizeof (double);
  job.ctx = self;
  job.compute = sweep_compute;
  job.fold = sweep_fold;
  if (!_wfl_experiment_run_job (scenario, &job, options, cancellable, error))
    return NULL;
  self->points = g_new0 (WflSweepPoint, MAX (self->n_points, 1));
  for (guint i = 0; i < self->n_points; i++)
    {
      double *v = self->values + i * stride;

      self->points[i].value = point_value (spec, i);
      self->points[i].delivered = v;
      self->points[i].fill_rate = v + self->n_products;
      self->points[i].lead_median = v[2 * self->n_products];
      self->points[i].lead_p90 = v[2 * self->n_products + 1];
    }
  return g_steal_pointer (&self);
}

WflSimulation *
wfl_sweep_get_simulation (WflSweep *self)
{
  return self->simulation;
}

guint
wfl_sweep_get_n_points (WflSweep *self)
{
  return self->n_points;
}

const WflSweepPoint *
wfl_sweep_get_point (WflSweep *self,
                     guint     i)
{
  g_return_val_if_fail (i < self->n_points, NULL);
  return &self->points[i];
}

void
wfl_sweep_build_tables (WflSweep            *self,
                        WflExperimentTables *tables)
{
  GString *out = g_string_new (NULL);

  tables->n = 1;
  tables->names[0] = "sweep.csv";
  tables->tables[0] = out;
  g_string_append_printf (out, "%s,end_product,delivered,fill_rate,lead_time_median,lead_time_p90\n",
                          wfl_sweep_parameter_to_string (self->spec.parameter));
  for (guint i = 0; i < self->n_points; i++)
    for (guint p = 0; p < self->n_products; p++)
      {
        const WflSweepPoint *point = &self->points[i];

        _wfl_experiment_csv_double (out, point->value);
        g_string_append_c (out, ',');
        _wfl_experiment_csv_text (out, wfl_simulation_get_product_unit (self->simulation, p));
        g_string_append_c (out, ',');
        _wfl_experiment_csv_double (out, point->delivered[p]);
        g_string_append_c (out, ',');
        _wfl_experiment_csv_double (out, point->fill_rate[p]);
        g_string_append_c (out, ',');
        _wfl_experiment_csv_double (out, point->lead_median);
        g_string_append_c (out, ',');
        _wfl_experiment_csv_double (out, point->lead_p90);
        g_string_append_c (out, '\n');
      }
}

/* --- Knock-outs --------------------------------------------------------- */

struct _WflKnockout
{
  WflSimulation  *simulation;   /* the base run */
  int             from_week;
  int             weeks;
  int             a, b;         /* the window units lost are counted in */
  guint           n_customers;
  guint          *customers;
  double         *base;         /* per customer: received over the calendar */
  guint           n_rows;
  guint          *nodes;        /* per item */
  WflKnockoutRow *rows;
  double         *lost;         /* n_rows × n_customers */
};

static gboolean
knockout_compute (gpointer    ctx,
                  WflSampler *sampler,
                  guint       item,
                  gpointer    summary,
                  GError    **error)
{
  WflKnockout *self = ctx;
  double *out = summary;
  g_autoptr(WflSimulation) simulation = NULL;

  _wfl_sampler_reset (sampler);
  _wfl_sampler_edit (sampler, self->nodes[item], self->from_week, self->from_week + self->weeks, 0);
  simulation = _wfl_sampler_simulate (sampler, error);
  if (simulation == NULL)
    return FALSE;
  for (guint c = 0; c < self->n_customers; c++)
    {
      out[c] = self->base[c] - wfl_simulation_get_delivered (simulation, (int) self->customers[c], self->a, self->b);
      /* Within the simulation's tolerance, nothing is lost. */
      if (fabs (out[c]) <= 1e-9 * MAX (self->base[c], 1))
        out[c] = 0;
    }
  return TRUE;
}

static void
knockout_fold (gpointer      ctx,
               guint         item,
               gconstpointer summary)
{
  WflKnockout *self = ctx;

  memcpy (self->lost + (gsize) item * self->n_customers, summary, self->n_customers * sizeof (double));
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const WflKnockoutRow *x = a, *y = b;

  if (x->worst_share != y->worst_share)
    return x->worst_share > y->worst_share ? -1 : 1;
  return (x->node > y->node) - (x->node < y->node);
}

void
wfl_knockout_free (WflKnockout *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->simulation);
  g_free (self->customers);
  g_free (self->base);
  g_free (self->nodes);
  g_free (self->rows);
  g_free (self->lost);
  g_free (self);
}

WflKnockout *
wfl_knockout_run (WflScenario                 *scenario,
                  int                          from_week,
                  int                          weeks,
                  const WflExperimentOptions  *options,
                  GCancellable                *cancellable,
                  GError                     **error)
{
  g_autoptr(WflKnockout) self = g_new0 (WflKnockout, 1);
  WflExperimentOptions defaults;
  WflExperimentJob job = { 0 };
  guint N;

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);
  if (options == NULL)
    {
      wfl_experiment_options_init (&defaults);
      options = &defaults;
    }
  self->simulation = wfl_simulation_new (scenario, error);
  if (self->simulation == NULL || !wfl_simulation_run (self->simulation, cancellable, error))
    return NULL;
  self->from_week = from_week;
  self->weeks = weeks;
  N = wfl_simulation_get_n_nodes (self->simulation);
  _wfl_experiment_window (self->simulation, options, &self->a, &self->b);
  self->customers = g_new (guint, MAX (N, 1));
  self->nodes = g_new (guint, MAX (N, 1));
  for (guint n = 0; n < N; n++)
    {
      WflNodeKind kind = wfl_simulation_get_node_kind (self->simulation, n);

      if (kind == WFL_NODE_KIND_CUSTOMER)
        self->customers[self->n_customers++] = n;
      else if (kind == WFL_NODE_KIND_SUPPLY || kind == WFL_NODE_KIND_PROCESS || kind == WFL_NODE_KIND_POOL)
        self->nodes[self->n_rows++] = n;
    }
  self->base = g_new0 (double, MAX (self->n_customers, 1));
  for (guint c = 0; c < self->n_customers; c++)
    self->base[c] = wfl_simulation_get_delivered (self->simulation, (int) self->customers[c], self->a, self->b);
  self->lost = g_new0 (double, MAX ((gsize) self->n_rows * self->n_customers, 1));
  job.n_items = self->n_rows;
  job.summary_size = self->n_customers * sizeof (double);
  job.ctx = self;
  job.compute = knockout_compute;
  job.fold = knockout_fold;
  if (!_wfl_experiment_run_job (scenario, &job, options, cancellable, error))
    return NULL;
  self->rows = g_new0 (WflKnockoutRow, MAX (self->n_rows, 1));
  for (guint i = 0; i < self->n_rows; i++)
    {
      WflKnockoutRow *row = &self->rows[i];

      row->node = self->nodes[i];
      row->lost = self->lost + (gsize) i * self->n_customers;
      for (guint c = 0; c < self->n_customers; c++)
        if (self->base[c] > 0)
          row->worst_share = MAX (row->worst_share, row->lost[c] / self->base[c]);
    }
  qsort (self->rows, self->n_rows, sizeof (WflKnockoutRow), compare_rows);
  return g_steal_pointer (&self);
}

WflSimulation *
wfl_knockout_get_simulation (WflKnockout *self)
{
  return self->simulation;
}

guint
wfl_knockout_get_n_customers (WflKnockout *self)
{
  return self->n_customers;
}

const guint *
wfl_knockout_get_customers (WflKnockout *self)
{
  return self->customers;
}

guint
wfl_knockout_get_n_rows (WflKnockout *self)
{
  return self->n_rows;
}

const WflKnockoutRow *
wfl_knockout_get_row (WflKnockout *self,
                      guint        i)
{
  g_return_val_if_fail (i < self->n_rows, NULL);
  return &self->rows[i];
}

void
wfl_knockout_build_tables (WflKnockout         *self,
                           WflExperimentTables *tables)
{
  GString *out = g_string_new ("node,worst_share");

  tables->n = 1;
  tables->names[0] = "knockouts.csv";
  tables->tables[0] = out;
  for (guint c = 0; c < self->n_customers; c++)
    {
      g_string_append_c (out, ',');
      _wfl_experiment_csv_text (out, wfl_simulation_get_node_id (self->simulation, self->customers[c]));
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < self->n_rows; i++)
    {
      const WflKnockoutRow *row = &self->rows[i];

      _wfl_experiment_csv_text (out, wfl_simulation_get_node_id (self->simulation, row->node));
      g_string_append_c (out, ',');
      _wfl_experiment_csv_double (out, row->worst_share);
      for (guint c = 0; c < self->n_customers; c++)
        {
          g_string_append_c (out, ',');
          _wfl_experiment_csv_double (out, row->lost[c]);
        }
      g_string_append_c (out, '\n');
    }
}
