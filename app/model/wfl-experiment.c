/* wfl-experiment.c: the Monte Carlo experiment (docs/model.md,
 * "Experiments"): samples drawn on every core, folded in sample order
 * into aggregates whose size does not grow with the number of samples
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

/* P² estimate of one quantile (Jain and Chlamtac, 1985): five markers.
 * Exact while fewer than five values came, and when all are equal. */
typedef struct
{
  double q[5];
  double n[5];
  double want[5];
  double dn[5];
  guint  count;
} P2;

static void
p2_init (P2     *s,
         double  p)
{
  memset (s, 0, sizeof *s);
  s->dn[1] = p / 2, s->dn[2] = p, s->dn[3] = (1 + p) / 2, s->dn[4] = 1;
  s->want[0] = 1, s->want[1] = 1 + 2 * p, s->want[2] = 1 + 4 * p, s->want[3] = 3 + 2 * p, s->want[4] = 5;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
p2_add (P2     *s,
        double  x)
{
  int k;

  if (s->count < 5)
    {
      s->q[s->count++] = x;
      qsort (s->q, s->count, sizeof (double), compare_doubles);
      for (guint i = 0; i < 5; i++)
        s->n[i] = i + 1;
      return;
    }
  s->count++;
  if (x < s->q[0])
    s->q[0] = x, k = 0;
  else if (x >= s->q[4])
    s->q[4] = x, k = 3;
  else
    for (k = 0; k < 3 && !(x < s->q[k + 1]); k++)
      ;
  for (int i = k + 1; i < 5; i++)
    s->n[i]++;
  for (int i = 0; i < 5; i++)
    s->want[i] += s->dn[i];
  for (int i = 1; i < 4; i++)
    {
      double d = s->want[i] - s->n[i];

      if ((d >= 1 && s->n[i + 1] - s->n[i] > 1) || (d <= -1 && s->n[i - 1] - s->n[i] < -1))
        {
          double sd = d > 0 ? 1 : -1;
          double qp = s->q[i] + sd / (s->n[i + 1] - s->n[i - 1]) *
                      ((s->n[i] - s->n[i - 1] + sd) * (s->q[i + 1] - s->q[i]) / (s->n[i + 1] - s->n[i]) +
                       (s->n[i + 1] - s->n[i] - sd) * (s->q[i] - s->q[i - 1]) / (s->n[i] - s->n[i - 1]));

          if (!(s->q[i - 1] < qp && qp < s->q[i + 1]))
            {
              int j = i + (int) sd;

              qp = s->q[i] + sd * (s->q[j] - s->q[i]) / (s->n[j] - s->n[i]);
            }
          s->q[i] = qp;
          s->n[i] += sd;
        }
    }
}

static double
p2_get (const P2 *s,
        double    p)
{
  if (s->count == 0)
    return NAN;
  if (s->count <= 5)
    return s->q[MAX ((int) ceil (p * s->count), 1) - 1];   /* nearest rank */
  return s->q[2];
}

typedef struct
{
  P2     p[3];
  double mean;
} Fan;

static const double quantiles[3] = { 0.1, 0.5, 0.9 };

struct _WflMonteCarlo
{
  WflScenario   *scenario;
  WflSimulation *simulation;     /* the deterministic run */
  guint          samples;
  guint64        seed;
  int            n_weeks;
  guint          n_orders;
  guint          n_customers;
  guint         *customers;      /* node index of each */
  guint          n_quarters;
  guint          n_products;
  guint          n_nodes;
  int            a, b;           /* the window */
  guint32       *filled;         /* n_orders × (n_weeks + 1): the last column is never */
  guint64       *lead;           /* n_weeks + 1: lead time in weeks; the last never */
  Fan           *fans;           /* n_customers × n_quarters */
  guint         *critical;       /* n_nodes × n_products */
  guint          done;
};

/* One sample, as the workers hand it over. */
typedef struct
{
  WflMonteCarlo *mc;
  gsize          off_fans;
  gsize          off_top;
  gsize          size;
} Layout;

static int
top_bottleneck (WflSimulation *simulation,
                guint          product,
                int            a,
                int            b)
{
  int best = -1;
  guint best_weeks = 0;

  for (guint n = 0; n < wfl_simulation_get_n_nodes (simulation); n++)
    {
      guint weeks;

      if (wfl_simulation_get_node_kind (simulation, n) == WFL_NODE_KIND_CUSTOMER ||
          !wfl_simulation_node_reaches_product (simulation, n, product))
        continue;
      weeks = wfl_simulation_count_limiting_weeks (simulation, n, a, b);
      if (weeks > best_weeks)
        best = (int) n, best_weeks = weeks;
    }
  return best;
}

static void
summarise (WflMonteCarlo *mc,
           const Layout  *layout,
           WflSimulation *simulation,
           guint8        *summary)
{
  int *filled = (int *) (gpointer) summary;
  double *fans = (double *) (gpointer) (summary + layout->off_fans);
  int *top = (int *) (gpointer) (summary + layout->off_top);

  for (guint o = 0; o < mc->n_orders; o++)
    filled[o] = wfl_simulation_get_order (simulation, o)->filled_week;
  for (guint c = 0; c < mc->n_customers; c++)
    for (guint q = 0; q < mc->n_quarters; q++)
      {
        int first, last;

        wfl_simulation_get_quarter_weeks (simulation, q, &first, &last);
        fans[(gsize) c * mc->n_quarters + q] = wfl_simulation_get_delivered (simulation, (int) mc->customers[c],
                                                                             first, last);
      }
  for (guint p = 0; p < mc->n_products; p++)
    top[p] = top_bottleneck (simulation, p, mc->a, mc->b);
}

static gboolean
mc_compute (gpointer    ctx,
            WflSampler *sampler,
            guint       item,
            gpointer    summary,
            GError    **error)
{
  const Layout *layout = ctx;
  WflMonteCarlo *mc = layout->mc;
  g_autoptr(WflSimulation) simulation = NULL;

  _wfl_sampler_draw (sampler, mc->seed, item);
  simulation = _wfl_sampler_simulate (sampler, error);
  if (simulation == NULL)
    {
      g_prefix_error (error, _("Sample %u: "), item + 1);
      return FALSE;
    }
  summarise (mc, layout, simulation, summary);
  return TRUE;
}

static void
mc_fold (gpointer      ctx,
         guint         item,
         gconstpointer summary)
{
  const Layout *layout = ctx;
  WflMonteCarlo *mc = layout->mc;
  const guint8 *bytes = summary;
  const int *filled = (const int *) (gconstpointer) bytes;
  const double *fans = (const double *) (gconstpointer) (bytes + layout->off_fans);
  const int *top = (const int *) (gconstpointer) (bytes + layout->off_top);
  int W = mc->n_weeks;

  for (guint o = 0; o < mc->n_orders; o++)
    {
      const WflOrderResult *order = wfl_simulation_get_order (mc->simulation, o);
      int f = filled[o];

      mc->filled[(gsize) o * (W + 1) + (f >= 0 ? f : W)]++;
      if (order->placed_week >= 0)
        mc->lead[f >= 0 ? MIN (f - order->placed_week, W) : W]++;
    }
  for (gsize i = 0; i < (gsize) mc->n_customers * mc->n_quarters; i++)
    {
      Fan *fan = &mc->fans[i];

      for (int k = 0; k < 3; k++)
        p2_add (&fan->p[k], fans[i]);
      fan->mean += (fans[i] - fan->mean) / (double) (item + 1);
    }
  for (guint p = 0; p < mc->n_products; p++)
    if (top[p] >= 0)
      mc->critical[(gsize) top[p] * mc->n_products + p]++;
  mc->done = item + 1;
}

void
wfl_monte_carlo_free (WflMonteCarlo *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->scenario);
  g_clear_object (&self->simulation);
  g_free (self->customers);
  g_free (self->filled);
  g_free (self->lead);
  g_free (self->fans);
  g_free (self->critical);
  g_free (self);
}

WflMonteCarlo *
wfl_monte_carlo_run (WflScenario                 *scenario,
                     guint                        samples,
                     guint64                      seed,
                     const WflExperimentOptions  *options,
                     GCancellable                *cancellable,
                     GError                     **error)
{
  g_autoptr(WflMonteCarlo) mc = g_new0 (WflMonteCarlo, 1);
  WflExperimentOptions defaults;
  WflExperimentJob job = { 0 };
  Layout layout;
  guint n;

  g_return_val_if_fail (WFL_IS_SCENARIO (scenario), NULL);
  if (options == NULL)
    {
      wfl_experiment_options_init (&defaults);
      options = &defaults;
    }

  mc->scenario = g_object_ref (scenario);
  mc->samples = samples;
  mc->seed = seed;
  mc->simulation = wfl_simulation_new (scenario, error);
  if (mc->simulation == NULL || !wfl_simulation_run (mc->simulation, cancellable, error))
    return NULL;
  mc->n_weeks = wfl_simulation_get_n_weeks (mc->simulation);
  mc->n_orders = wfl_simulation_get_n_orders (mc->simulation);
  mc->n_quarters = wfl_simulation_get_n_quarters (mc->simulation);
  mc->n_products = wfl_simulation_get_n_products (mc->simulation);
  mc->n_nodes = wfl_simulation_get_n_nodes (mc->simulation);
  mc->customers = g_new (guint, MAX (mc->n_nodes, 1));
  for (n = 0; n < mc->n_nodes; n++)
    if (wfl_simulation_get_node_kind (mc->simulation, n) == WFL_NODE_KIND_CUSTOMER)
      mc->customers[mc->n_customers++] = n;
  _wfl_experiment_window (mc->simulation, options, &mc->a, &mc->b);
  mc->filled = g_new0 (guint32, (gsize) MAX (mc->n_orders, 1) * (mc->n_weeks + 1));
  mc->lead = g_new0 (guint64, mc->n_weeks + 1);
  mc->fans = g_new0 (Fan, MAX ((gsize) mc->n_customers * mc->n_quarters, 1));
  for (gsize i = 0; i < (gsize) mc->n_customers * mc->n_quarters; i++)
    for (int k = 0; k < 3; k++)
      p2_init (&mc->fans[i].p[k], quantiles[k]);
  mc->critical = g_new0 (guint, MAX ((gsize) mc->n_nodes * mc->n_products, 1));

  layout.mc = mc;
  layout.off_fans = ((gsize) mc->n_orders * sizeof (int) + 7) & ~(gsize) 7;
  layout.off_top = layout.off_fans + (gsize) mc->n_customers * mc->n_quarters * sizeof (double);
  layout.size = layout.off_top + mc->n_products * sizeof (int);
  /* The extremes bound every draw: validated once, not per sample. */
  {
    WflSampler *check = _wfl_sampler_new (scenario);
    gboolean ok = _wfl_sampler_check_extremes (check, error);

    _wfl_sampler_free (check);
    if (!ok)
      return NULL;
  }
  job.trusted = TRUE;
  job.n_items = samples;
  job.summary_size = layout.size;
  job.ctx = &layout;
  job.compute = mc_compute;
  job.fold = mc_fold;
  if (!_wfl_experiment_run_job (scenario, &job, options, cancellable, error))
    return NULL;
  return g_steal_pointer (&mc);
}

guint
wfl_monte_carlo_get_n_samples (WflMonteCarlo *self)
{
  return self->samples;
}

guint64
wfl_monte_carlo_get_seed (WflMonteCarlo *self)
{
  return self->seed;
}

WflSimulation *
wfl_monte_carlo_get_simulation (WflMonteCarlo *self)
{
  return self->simulation;
}

void
wfl_monte_carlo_get_order_weeks (WflMonteCarlo *self,
                                 guint          order,
                                 int           *p10,
                                 int           *p50,
                                 int           *p90)
{
  const guint32 *row;
  int *out[3] = { p10, p50, p90 };
  int W = self->n_weeks;

  g_return_if_fail (order < self->n_orders);
  row = self->filled + (gsize) order * (W + 1);
  for (int k = 0; k < 3; k++)
    {
      guint64 rank = MAX ((guint64) ceil (quantiles[k] * self->done), 1), seen = 0;
      int week = -1;

      for (int t = 0; t <= W; t++)
        {
          seen += row[t];
          if (seen >= rank)
            {
              week = t < W ? t : -1;
              break;
            }
        }
      if (out[k] != NULL)
        *out[k] = week;
    }
}

guint
wfl_monte_carlo_get_order_filled (WflMonteCarlo *self,
                                  guint          order)
{
  guint n = 0;

  g_return_val_if_fail (order < self->n_orders, 0);
  for (int t = 0; t < self->n_weeks; t++)
    n += self->filled[(gsize) order * (self->n_weeks + 1) + t];
  return n;
}

void
wfl_monte_carlo_get_fan (WflMonteCarlo *self,
                         guint          customer,
                         guint          quarter,
                         double        *p10,
                         double        *p50,
                         double        *p90,
                         double        *mean)
{
  const Fan *fan;
  guint c;

  for (c = 0; c < self->n_customers && self->customers[c] != customer; c++)
    ;
  g_return_if_fail (c < self->n_customers && quarter < self->n_quarters);
  fan = &self->fans[(gsize) c * self->n_quarters + quarter];
  if (p10 != NULL)
    *p10 = p2_get (&fan->p[0], quantiles[0]);
  if (p50 != NULL)
    *p50 = p2_get (&fan->p[1], quantiles[1]);
  if (p90 != NULL)
    *p90 = p2_get (&fan->p[2], quantiles[2]);
  if (mean != NULL)
    *mean = self->done > 0 ? fan->mean : NAN;
}

guint64
wfl_monte_carlo_get_lead_count (WflMonteCarlo *self,
                                int            weeks)
{
  g_return_val_if_fail (weeks >= -1 && weeks <= self->n_weeks, 0);
  return self->lead[weeks < 0 ? self->n_weeks : weeks];
}

guint
wfl_monte_carlo_get_criticality (WflMonteCarlo *self,
                                 guint          node,
                                 guint          product)
{
  g_return_val_if_fail (node < self->n_nodes && product < self->n_products, 0);
  return self->critical[(gsize) node * self->n_products + product];
}

static void
put_week (GString       *out,
          WflSimulation *simulation,
          int            week)
{
  g_string_append_c (out, ',');
  if (week >= 0)
    {
      g_autofree char *date = wfl_date_format (wfl_simulation_get_week_date (simulation, week));

      g_string_append (out, date);
    }
}

void
wfl_monte_carlo_build_tables (WflMonteCarlo       *self,
                              WflExperimentTables *out)
{
  static const char * const names[] = { "mc-orders.csv", "mc-fans.csv", "mc-lead-times.csv", "mc-criticality.csv" };
  GString **tables = out->tables;
  WflSimulation *sim = self->simulation;

  out->n = 4;
  for (int i = 0; i < 4; i++)
    {
      out->names[i] = names[i];
      tables[i] = g_string_new (NULL);
    }
  g_string_append (tables[0], "customer,order,samples,filled_samples,deterministic_filled,p10_filled,p50_filled,p90_filled\n");
  for (guint o = 0; o < self->n_orders; o++)
    {
      const WflOrderResult *order = wfl_simulation_get_order (sim, o);
      int w[3];

      wfl_monte_carlo_get_order_weeks (self, o, &w[0], &w[1], &w[2]);
      _wfl_experiment_csv_text (tables[0], wfl_simulation_get_node_id (sim, order->customer));
      g_string_append_c (tables[0], ',');
      _wfl_experiment_csv_text (tables[0], order->id);
      g_string_append_printf (tables[0], ",%u,%u", self->done, wfl_monte_carlo_get_order_filled (self, o));
      put_week (tables[0], sim, order->filled_week);
      for (int k = 0; k < 3; k++)
        put_week (tables[0], sim, w[k]);
      g_string_append_c (tables[0], '\n');
    }
  g_string_append (tables[1], "customer,quarter_start,deterministic,p10,p50,p90,mean\n");
  for (guint c = 0; c < self->n_customers; c++)
    for (guint q = 0; q < self->n_quarters; q++)
      {
        double v[4];
        int first, last;

        wfl_simulation_get_quarter_weeks (sim, q, &first, &last);
        wfl_monte_carlo_get_fan (self, self->customers[c], q, &v[0], &v[1], &v[2], &v[3]);
        _wfl_experiment_csv_text (tables[1], wfl_simulation_get_node_id (sim, self->customers[c]));
        put_week (tables[1], sim, first);
        g_string_append_c (tables[1], ',');
        _wfl_experiment_csv_double (tables[1], wfl_simulation_get_delivered (sim, (int) self->customers[c], first, last));
        for (int k = 0; k < 4; k++)
          {
            g_string_append_c (tables[1], ',');
            _wfl_experiment_csv_double (tables[1], v[k]);
          }
        g_string_append_c (tables[1], '\n');
      }
  g_string_append (tables[2], "lead_weeks,count\n");
  for (int t = 0; t <= self->n_weeks; t++)
    if (self->lead[t] > 0)
      {
        if (t < self->n_weeks)
          g_string_append_printf (tables[2], "%d", t);
        g_string_append_printf (tables[2], ",%" G_GUINT64_FORMAT "\n", self->lead[t]);
      }
  g_string_append (tables[3], "node,end_product,samples_top,index\n");
  for (guint p = 0; p < self->n_products; p++)
    for (guint n = 0; n < self->n_nodes; n++)
      if (self->critical[(gsize) n * self->n_products + p] > 0)
        {
          guint k = self->critical[(gsize) n * self->n_products + p];

          _wfl_experiment_csv_text (tables[3], wfl_simulation_get_node_id (sim, n));
          g_string_append_c (tables[3], ',');
          _wfl_experiment_csv_text (tables[3], wfl_simulation_get_product_unit (sim, p));
          g_string_append_printf (tables[3], ",%u,", k);
          _wfl_experiment_csv_double (tables[3], (double) k / self->done);
          g_string_append_c (tables[3], '\n');
        }
}
