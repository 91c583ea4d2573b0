/* wfl-compare.c: a baseline and a variant scenario, and the table of their deltas
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-compare"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-bottlenecks.h"
#include "wfl-compare.h"
#include "wfl-model-types.h"

/* One side of the comparison: a simulation and its weeks of the window. */
typedef struct
{
  WflSimulation *simulation;
  int            first;
  int            last;      /* < first: the window holds none of its weeks */
  GArray        *ranking;   /* of WflBottleneck; NULL without */
} Side;

struct _WflComparison
{
  Side    sides[2];         /* 0: baseline, 1: variant */
  GArray *rows;             /* of WflCompareRow */
};

gboolean
wfl_compare_values_differ (double a,
                           double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) != isnan (b);
  if (a == b)
    return FALSE;
  return fabs (a - b) > 1e-9 * MAX (fabs (a), fabs (b));
}

static const char *subject_keys[] = { "product", "customer", "node" };
static const char *measure_keys[] = {
  "delivered", "held", "fill_rate", "lead_time_median", "shipped", "utilisation",
  "weeks_bound", "bottleneck_rank", "bottleneck_gain",
};
G_STATIC_ASSERT (G_N_ELEMENTS (measure_keys) == WFL_COMPARE_N_MEASURES);

const char *
wfl_compare_subject_key (WflCompareSubject subject)
{
  g_return_val_if_fail (subject < G_N_ELEMENTS (subject_keys), NULL);
  return subject_keys[subject];
}

const char *
wfl_compare_measure_key (WflCompareMeasure measure)
{
  g_return_val_if_fail (measure < WFL_COMPARE_N_MEASURES, NULL);
  return measure_keys[measure];
}

const char *
wfl_compare_measure_label (WflCompareMeasure measure)
{
  switch (measure)
    {
    case WFL_COMPARE_DELIVERED: return _("delivered");
    case WFL_COMPARE_HELD: return _("held (average)");
    case WFL_COMPARE_FILL_RATE: return _("fill rate by due date");
    case WFL_COMPARE_LEAD_TIME: return _("median lead time (weeks)");
    case WFL_COMPARE_SHIPPED: return _("shipped");
    case WFL_COMPARE_UTILISATION: return _("utilisation");
    case WFL_COMPARE_WEEKS_BOUND: return _("weeks capacity-bound");
    case WFL_COMPARE_BOTTLENECK_RANK: return _("bottleneck rank");
    case WFL_COMPARE_BOTTLENECK_GAIN: return _("bottleneck gain");
    case WFL_COMPARE_N_MEASURES:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
side_empty (const Side *side)
{
  return side->simulation == NULL || side->last < side->first;
}

/* (1 / W) Σ_{s = a … b} (b − s + 1) r(s): what is held on average over the
 * window's weeks, counted from its first week (docs/model.md, "Bottleneck
 * ranking"). */
static double
held (const double *received,
      int           a,
      int           b)
{
  double sum = 0;

  for (int t = a; t <= b; t++)
    sum += (double) (b - t + 1) * received[t];
  return sum / (double) (b - a + 1);
}

/* Units received per week by the customers given (a node, or every
 * customer of a product), summed week by week in document order as the
 * ranking sums them. */
static double
received_held (const Side *side,
               int         customer,
               int         product)
{
  WflSimulation *sim = side->simulation;
  int n_weeks = wfl_simulation_get_n_weeks (sim);
  g_autofree double *received = g_new0 (double, MAX (n_weeks, 1));
  g_autofree double *series = g_new (double, MAX (n_weeks, 1));

  if (side_empty (side))
    return 0;
  for (guint n = customer >= 0 ? (guint) customer : 0;
       n < (customer >= 0 ? (guint) customer + 1 : wfl_simulation_get_n_nodes (sim)); n++)
    {
      if (customer < 0 && wfl_simulation_get_node_product (sim, n) != product)
        continue;
      wfl_simulation_get_node_series (sim, n, WFL_SERIES_COMPLETED, series);
      for (int t = 0; t < n_weeks; t++)
        received[t] += series[t];
    }
  return held (received, side->first, side->last);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return x < y ? -1 : (x > y);
}

/* Fill rate and median lead time of one customer's orders, by the rules
 * of the product-wide key figures (docs/model.md, "Orders and key
 * figures"). */
static void
customer_orders (const Side *side,
                 int         customer,
                 double     *fill_rate,
                 double     *lead_time)
{
  WflSimulation *sim = side->simulation;
  guint n_orders = wfl_simulation_get_n_orders (sim);
  g_autofree int *times = g_new (int, MAX (n_orders, 1));
  double by_due = 0, quantity = 0;
  gboolean any_due = FALSE;
  int n = 0;

  *fill_rate = *lead_time = NAN;
  if (side_empty (side))
    return;
  for (guint o = 0; o < n_orders; o++)
    {
      const WflOrderResult *order = wfl_simulation_get_order (sim, o);

      if ((int) order->customer != customer)
        continue;
      if (order->due_week >= side->first && order->due_week <= side->last)
        {
          any_due = TRUE;
          by_due += order->delivered_by_due;
          quantity += order->quantity;
        }
      if (order->filled_week >= 0 && order->filled_week >= side->first && order->filled_week <= side->last)
        times[n++] = order->filled_week - order->placed_week;
    }
  if (any_due)
    *fill_rate = quantity > 0 ? by_due / quantity : 1;
  if (n > 0)
    {
      qsort (times, n, sizeof (int), compare_int);
      *lead_time = times[MAX ((int) ceil (0.5 * n), 1) - 1];
    }
}

static int
find_product (WflSimulation *sim,
              const char    *unit)
{
  for (guint p = 0; p < wfl_simulation_get_n_products (sim); p++)
    if (g_strcmp0 (wfl_simulation_get_product_unit (sim, p), unit) == 0)
      return (int) p;
  return -1;
}

static void
add_row (WflComparison     *self,
         WflCompareSubject  subject,
         WflCompareMeasure  measure,
         const char        *id,
         const char        *name,
         const char        *product,
         const int         *present,
         const double      *values)
{
  WflCompareRow row = { subject, measure, id, name, product, present[0] >= 0, present[1] >= 0,
                        values[0], values[1], NAN, NAN, FALSE };

  if (!isnan (row.baseline) && !isnan (row.variant))
    {
      row.difference = row.variant - row.baseline;
      if (!wfl_compare_values_differ (row.baseline, row.variant))
        row.difference = 0;
      if (row.baseline != 0)
        row.percent = 100 * row.difference / fabs (row.baseline);
    }
  row.differs = wfl_compare_values_differ (row.baseline, row.variant) || row.in_baseline != row.in_variant;
  g_array_append_val (self->rows, row);
}

static void
add_product_rows (WflComparison *self,
                  const char    *unit)
{
  int p[2];
  double delivered[2], held_[2], fill[2], lead[2];

  for (int s = 0; s < 2; s++)
    {
      const Side *side = &self->sides[s];

      p[s] = find_product (side->simulation, unit);
      delivered[s] = held_[s] = fill[s] = lead[s] = NAN;
      if (p[s] < 0)
        continue;
      delivered[s] = side_empty (side) ? 0 : wfl_simulation_get_product_delivered (side->simulation, p[s],
                                                                                   side->first, side->last);
      held_[s] = received_held (side, -1, p[s]);
      if (!side_empty (side))
        {
          fill[s] = wfl_simulation_get_fill_rate (side->simulation, p[s], side->first, side->last);
          if (!wfl_simulation_get_lead_time (side->simulation, p[s], side->first, side->last, &lead[s], NULL))
            lead[s] = NAN;
        }
    }
  add_row (self, WFL_COMPARE_PRODUCT, WFL_COMPARE_DELIVERED, unit, unit, unit, p, delivered);
  add_row (self, WFL_COMPARE_PRODUCT, WFL_COMPARE_HELD, unit, unit, unit, p, held_);
  add_row (self, WFL_COMPARE_PRODUCT, WFL_COMPARE_FILL_RATE, unit, unit, NULL, p, fill);
  add_row (self, WFL_COMPARE_PRODUCT, WFL_COMPARE_LEAD_TIME, unit, unit, NULL, p, lead);
}

static void
add_customer_rows (WflComparison *self,
                   const char    *id,
                   const char    *name,
                   const int     *n)
{
  double delivered[2], held_[2], fill[2], lead[2];
  const char *unit = NULL;

  for (int s = 0; s < 2; s++)
    {
      const Side *side = &self->sides[s];

      delivered[s] = held_[s] = fill[s] = lead[s] = NAN;
      if (n[s] < 0)
        continue;
      unit = wfl_simulation_get_node_unit (side->simulation, n[s]);
      delivered[s] = side_empty (side) ? 0 : wfl_simulation_get_delivered (side->simulation, n[s],
                                                                           side->first, side->last);
      held_[s] = received_held (side, n[s], -1);
      customer_orders (side, n[s], &fill[s], &lead[s]);
    }
  add_row (self, WFL_COMPARE_CUSTOMER, WFL_COMPARE_DELIVERED, id, name, unit, n, delivered);
  add_row (self, WFL_COMPARE_CUSTOMER, WFL_COMPARE_HELD, id, name, unit, n, held_);
  add_row (self, WFL_COMPARE_CUSTOMER, WFL_COMPARE_FILL_RATE, id, name, NULL, n, fill);
  add_row (self, WFL_COMPARE_CUSTOMER, WFL_COMPARE_LEAD_TIME, id, name, NULL, n, lead);
}

/* The node's rank (1 = first, counted within the end product as
 * --bottlenecks counts) and gain in a ranking; FALSE when it has no row
 * for the product. */
static gboolean
find_rank (const Side *side,
           int         node,
           const char *unit,
           double     *rank,
           double     *gain)
{
  int p = find_product (side->simulation, unit);
  guint r = 0;

  if (side->ranking == NULL || node < 0 || p < 0)
    return FALSE;
  for (guint i = 0; i < side->ranking->len; i++)
    {
      const WflBottleneck *row = &g_array_index (side->ranking, WflBottleneck, i);

      if ((int) row->product != p)
        continue;
      r++;
      if ((int) row->node == node)
        {
          *rank = r;
          *gain = row->gain;
          return TRUE;
        }
    }
  return FALSE;
}

static void
add_bottleneck_rows (WflComparison *self,
                     const char    *id,
                     const char    *name,
                     const int     *n,
                     GPtrArray     *units)
{
  for (guint u = 0; u < units->len; u++)
    {
      const char *unit = units->pdata[u];
      double rank[2] = { NAN, NAN }, gain[2] = { NAN, NAN };
      gboolean any = FALSE;

      for (int s = 0; s < 2; s++)
        any |= find_rank (&self->sides[s], n[s], unit, &rank[s], &gain[s]);
      if (!any)
        continue;
      add_row (self, WFL_COMPARE_NODE, WFL_COMPARE_BOTTLENECK_RANK, id, name, unit, n, rank);
      add_row (self, WFL_COMPARE_NODE, WFL_COMPARE_BOTTLENECK_GAIN, id, name, unit, n, gain);
    }
}

static void
add_node_rows (WflComparison *self,
               const char    *id,
               const char    *name,
               const int     *n,
               GPtrArray     *units)
{
  double shipped[2], utilisation[2], bound[2];
  gboolean capacity = FALSE;
  const char *unit = NULL;

  for (int s = 0; s < 2; s++)
    {
      const Side *side = &self->sides[s];
      WflSimulation *sim = side->simulation;

      shipped[s] = utilisation[s] = bound[s] = NAN;
      if (n[s] < 0)
        continue;
      unit = wfl_simulation_get_node_unit (sim, n[s]);
      shipped[s] = side_empty (side) ? 0 : wfl_simulation_sum_node_series (sim, n[s], WFL_SERIES_SHIPPED,
                                                                           side->first, side->last);
      if (!wfl_simulation_node_has_capacity (sim, n[s]))
        continue;
      capacity = TRUE;
      bound[s] = side_empty (side) ? 0 : wfl_simulation_count_bound_weeks (sim, n[s], side->first, side->last);
      if (!side_empty (side))
        {
          double starts = wfl_simulation_sum_node_series (sim, n[s], WFL_SERIES_STARTS, side->first, side->last);
          double cap = wfl_simulation_sum_node_series (sim, n[s], WFL_SERIES_CAPACITY, side->first, side->last);

          utilisation[s] = cap > 0 ? starts / cap : NAN;
        }
    }
  add_row (self, WFL_COMPARE_NODE, WFL_COMPARE_SHIPPED, id, name, unit, n, shipped);
  if (capacity)
    {
      add_row (self, WFL_COMPARE_NODE, WFL_COMPARE_UTILISATION, id, name, NULL, n, utilisation);
      add_row (self, WFL_COMPARE_NODE, WFL_COMPARE_WEEKS_BOUND, id, name, NULL, n, bound);
    }
  add_bottleneck_rows (self, id, name, n, units);
}

/* The union of both sides' nodes: the variant's in document order, then
 * the baseline's own. */
static void
add_nodes (WflComparison *self,
           gboolean       customers,
           GPtrArray     *units)
{
  for (int s = 1; s >= 0; s--)
    {
      WflSimulation *sim = self->sides[s].simulation;
      WflSimulation *other = self->sides[1 - s].simulation;
      g_autoptr(GHashTable) other_ids = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint n = 0; n < wfl_simulation_get_n_nodes (other); n++)
        g_hash_table_insert (other_ids, (gpointer) wfl_simulation_get_node_id (other, n), GUINT_TO_POINTER (n + 1));
      for (guint n = 0; n < wfl_simulation_get_n_nodes (sim); n++)
        {
          const char *id = wfl_simulation_get_node_id (sim, n);
          guint in_other = GPOINTER_TO_UINT (g_hash_table_lookup (other_ids, id));
          int index[2];

          if ((wfl_simulation_get_node_kind (sim, n) == WFL_NODE_KIND_CUSTOMER) != customers)
            continue;
          /* The baseline's pass adds only what the variant lacks. */
          if (s == 0 && in_other != 0)
            continue;
          index[s] = (int) n;
          index[1 - s] = (int) in_other - 1;
          if (customers)
            add_customer_rows (self, id, wfl_simulation_get_node_name (sim, n), index);
          else
            add_node_rows (self, id, wfl_simulation_get_node_name (sim, n), index, units);
        }
    }
}

gboolean
wfl_compare_baseline_window (WflSimulation *baseline,
                             WflSimulation *variant,
                             int            first_week,
                             int            last_week,
                             int           *baseline_first,
                             int           *baseline_last)
{
  WflDate start = wfl_simulation_get_start (variant);
  WflDate from = wfl_date_of_week (start, first_week);
  WflDate to = wfl_date_of_week (start, last_week) + 6;

  g_return_val_if_fail (WFL_IS_SIMULATION (baseline) && WFL_IS_SIMULATION (variant), FALSE);

  if (last_week < first_week ||
      !wfl_week_window_of_dates (wfl_simulation_get_start (baseline), wfl_simulation_get_n_weeks (baseline),
                                 from, to, baseline_first, baseline_last))
    {
      *baseline_first = 0;
      *baseline_last = -1;
      return FALSE;
    }
  return TRUE;
}

WflComparison *
wfl_comparison_new (WflSimulation *baseline,
                    WflSimulation *variant,
                    int            first_week,
                    int            last_week,
                    GArray        *baseline_ranking,
                    GArray        *variant_ranking)
{
  WflComparison *self;
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  gboolean rankings = baseline_ranking != NULL && variant_ranking != NULL;

  g_return_val_if_fail (WFL_IS_SIMULATION (baseline) && wfl_simulation_has_run (baseline), NULL);
  g_return_val_if_fail (WFL_IS_SIMULATION (variant) && wfl_simulation_has_run (variant), NULL);

  self = g_new0 (WflComparison, 1);
  self->rows = g_array_new (FALSE, FALSE, sizeof (WflCompareRow));
  self->sides[0].simulation = g_object_ref (baseline);
  self->sides[1].simulation = g_object_ref (variant);
  self->sides[1].first = MAX (first_week, 0);
  self->sides[1].last = MIN (last_week, wfl_simulation_get_n_weeks (variant) - 1);
  wfl_compare_baseline_window (baseline, variant, self->sides[1].first, self->sides[1].last,
                               &self->sides[0].first, &self->sides[0].last);
  if (rankings)
    {
      self->sides[0].ranking = g_array_copy (baseline_ranking);
      self->sides[1].ranking = g_array_copy (variant_ranking);
    }

  /* End products: the variant's, then the baseline's own. */
  for (int s = 1; s >= 0; s--)
    for (guint p = 0; p < wfl_simulation_get_n_products (self->sides[s].simulation); p++)
      {
        const char *unit = wfl_simulation_get_product_unit (self->sides[s].simulation, p);

        if (s == 1 || find_product (variant, unit) < 0)
          g_ptr_array_add (units, (gpointer) unit);
      }
  for (guint u = 0; u < units->len; u++)
    add_product_rows (self, units->pdata[u]);
  add_nodes (self, TRUE, units);
  add_nodes (self, FALSE, units);
  return self;
}

void
wfl_comparison_free (WflComparison *self)
{
  if (self == NULL)
    return;
  for (int s = 0; s < 2; s++)
    {
      g_clear_object (&self->sides[s].simulation);
      g_clear_pointer (&self->sides[s].ranking, g_array_unref);
    }
  g_array_unref (self->rows);
  g_free (self);
}

void
wfl_comparison_get_window (WflComparison *self,
                           int           *first_week,
                           int           *last_week,
                           int           *baseline_first,
                           int           *baseline_last)
{
  g_return_if_fail (self != NULL);
  if (first_week != NULL)
    *first_week = self->sides[1].first;
  if (last_week != NULL)
    *last_week = self->sides[1].last;
  if (baseline_first != NULL)
    *baseline_first = self->sides[0].first;
  if (baseline_last != NULL)
    *baseline_last = self->sides[0].last;
}

guint
wfl_comparison_get_n_rows (WflComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows->len;
}

const WflCompareRow *
wfl_comparison_get_row (WflComparison *self,
                        guint          i)
{
  g_return_val_if_fail (self != NULL && i < self->rows->len, NULL);
  return &g_array_index (self->rows, WflCompareRow, i);
}

guint
wfl_comparison_count_differences (WflComparison *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->rows->len; i++)
    n += g_array_index (self->rows, WflCompareRow, i).differs;
  return n;
}

static void
append_field (GString    *out,
              const char *text,
              char        separator)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, separator);
  if (text == NULL)
    return;
  if (separator == '\t' || strpbrk (text, ",\"\r\n") == NULL)
    {
      /* Tab-separated text has no quoting: a tab or line break becomes a space. */
      for (const char *p = text; *p; p++)
        g_string_append_c (out, separator == '\t' && (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_number (GString *out,
               double   value,
               char     separator)
{
  g_autofree char *text = NULL;

  if (!isnan (value))
    text = wfl_format_double (value == 0 ? 0 : value);
  append_field (out, text != NULL ? text : "", separator);
}

static GString *
to_text (WflComparison *self,
         gboolean       differences_only,
         char           separator)
{
  GString *out = g_string_new (NULL);
  const char *headers[] = { "subject", "id", "name", "product", "measure", "baseline", "variant",
                            "difference", "percent", "differs" };

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    append_field (out, headers[c], separator);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < self->rows->len; i++)
    {
      const WflCompareRow *row = &g_array_index (self->rows, WflCompareRow, i);

      if (differences_only && !row->differs)
        continue;
      append_field (out, subject_keys[row->subject], separator);
      append_field (out, row->id, separator);
      append_field (out, row->name, separator);
      append_field (out, row->product, separator);
      append_field (out, measure_keys[row->measure], separator);
      append_number (out, row->baseline, separator);
      append_number (out, row->variant, separator);
      append_number (out, row->difference, separator);
      append_number (out, row->percent, separator);
      append_field (out, row->differs ? "1" : "0", separator);
      g_string_append_c (out, '\n');
    }
  return out;
}

GBytes *
wfl_comparison_to_csv (WflComparison *self,
                       gboolean       differences_only)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_string_free_to_bytes (to_text (self, differences_only, ','));
}

char *
wfl_comparison_to_tsv (WflComparison *self,
                       gboolean       differences_only)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_string_free (to_text (self, differences_only, '\t'), FALSE);
}
