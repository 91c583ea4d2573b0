/* wfl-status-text.c: what the window's status line says
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-status-text"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wfl-format.h"
#include "wfl-status-text.h"
#include "wfl-timeseries-compute.h"

/* "+10.0 %", in the locale. */
static char *
format_share (double share)
{
  if (isnan (share))
    return g_strdup ("—");
  /* Translators: a relative gain in the status line's tooltip, "+10.0 %" */
  return g_strdup_printf (_("%+.1f %%"), 100 * share);
}

static void
append_tooltip_product (GString       *tooltip,
                        WflSimulation *simulation,
                        GArray        *ranking,
                        guint          product)
{
  g_autofree char *units = wfl_format_unit_locale (wfl_simulation_get_product_unit (simulation, product), TRUE);
  guint shown = 0;

  if (tooltip->len > 0)
    g_string_append (tooltip, "\n\n");
  for (guint i = 0; i < ranking->len && shown < 3; i++)
    {
      const WflBottleneck *row = &g_array_index (ranking, WflBottleneck, i);
      g_autofree char *amount = NULL;
      g_autofree char *share = NULL;

      if (row->product != product || row->gain <= 0)
        continue;
      if (shown == 0)
        /* Translators: the status line's tooltip, a heading per end
         * product; %s is its unit in the plural ("GPUs") */
        g_string_append_printf (tooltip, _("%s, with 10 %% more capacity at:"), units);
      amount = wfl_format_amount_locale (row->gain, wfl_simulation_get_product_unit (simulation, product));
      share = format_share (row->share);
      /* Translators: the status line's tooltip, one ranked node: rank,
       * name, gain ("16,502 GPUs") and relative gain ("+10.0 %") */
      g_string_append_printf (tooltip, _("\n%u. %s: %s more (%s)"), shown + 1,
                              wfl_simulation_get_node_name (simulation, row->node), amount, share);
      shown++;
    }
  if (shown == 0)
    /* Translators: the status line's tooltip; %s is an end product in the
     * plural ("TPUs") */
    g_string_append_printf (tooltip, _("%s: no capacity limits them in this window."), units);
}

char *
wfl_status_text_bottlenecks (WflSimulation  *simulation,
                             GArray         *ranking,
                             char          **tooltip)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) tip = g_string_new (NULL);
  guint n_products;
  char *text;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);

  if (tooltip != NULL)
    *tooltip = NULL;
  if (ranking == NULL)
    return g_strdup (_("Finding the bottleneck…"));

  n_products = wfl_simulation_get_n_products (simulation);
  for (guint p = 0; p < n_products; p++)
    {
      const WflBottleneck *top = wfl_bottlenecks_get_top (ranking, p);
      g_autofree char *amount = NULL;

      append_tooltip_product (tip, simulation, ranking, p);
      if (top == NULL)
        continue;
      amount = wfl_format_amount_locale (top->gain, wfl_simulation_get_product_unit (simulation, p));
      /* Translators: one end product's bottleneck in the status line: a
       * node's name and what 10 % more capacity there adds ("+16,502 GPUs") */
      g_ptr_array_add (items, g_strdup_printf (_("%s +%s"), wfl_simulation_get_node_name (simulation, top->node),
                                               amount));
    }

  if (items->len == 0)
    text = g_strdup (_("No capacity bottleneck in this window"));
  else
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (items, NULL);
      /* Translators: separates the end products' bottlenecks in the status line */
      list = g_strjoinv (_(" · "), (char **) items->pdata);
      /* Translators: the status line; %s lists each end product's
       * bottleneck as "name +16,502 GPUs" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Bottleneck (10%% more capacity): %s",
                                           "Bottlenecks (10%% more capacity): %s",
                                           items->len - 1),
                              list);
    }

  if (tooltip != NULL && n_products > 0)
    {
      /* Translators: the end of the status line's tooltip */
      g_string_append (tip, _("\n\nEach figure: how many more units customers hold, on average\n"
                              "over the window’s weeks (counted from its first week), when that\n"
                              "node has 10 % more capacity in every week; in brackets, the same\n"
                              "against what they hold without it."));
      *tooltip = g_string_free (g_steal_pointer (&tip), FALSE);
    }
  return text;
}

char *
wfl_status_text_figures (WflSimulation  *simulation,
                         int             first_week,
                         int             last_week,
                         char          **tooltip)
{
  g_autoptr(GPtrArray) delivered = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fill = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) tip = g_string_new (NULL);
  g_autofree char *delivered_text = NULL;
  g_autofree char *fill_text = NULL;
  g_autofree char *lead_text = NULL;
  char *text;
  guint n_products;
  double median;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);

  /* Translators: the tooltip of the status line's key figures */
  g_string_append (tip, _("Computed in the window’s weeks: what customers received,"));
  n_products = wfl_simulation_get_n_products (simulation);
  for (guint p = 0; p < n_products; p++)
    {
      const char *unit = wfl_simulation_get_product_unit (simulation, p);
      double rate = wfl_simulation_get_fill_rate (simulation, p, first_week, last_week);
      g_autofree char *units = wfl_format_unit_locale (unit, TRUE);
      char *amount = wfl_format_amount_locale (wfl_simulation_get_product_delivered (simulation, p, first_week, last_week),
                                               unit);
      /* Translators: a percentage in the status line, "95 %" */
      char *percent = isnan (rate) ? g_strdup ("—") : g_strdup_printf (_("%.0f %%"), 100 * rate);

      /* Translators: the tooltip of the status line's key figures, per
       * end product: what customers received ("3,554,402 GPUs"), the fill
       * rate by due date ("12 %") and the unit in the plural ("GPUs") */
      g_string_append_printf (tip, _("\n%s; of the %s due in the window, %s delivered by the due date"),
                              amount, units, percent);
      g_ptr_array_add (delivered, amount);
      g_ptr_array_add (fill, percent);
    }
  if (n_products == 0)
    {
      g_ptr_array_add (delivered, g_strdup ("0"));
      g_ptr_array_add (fill, g_strdup ("—"));
    }
  g_ptr_array_add (delivered, NULL);
  g_ptr_array_add (fill, NULL);
  delivered_text = g_strjoinv (", ", (char **) delivered->pdata);
  fill_text = g_strjoinv (", ", (char **) fill->pdata);

  if (wfl_simulation_get_lead_time (simulation, -1, first_week, last_week, &median, NULL))
    /* Translators: median order lead time in weeks */
    lead_text = g_strdup_printf (_("%.0f wk"), median);
  else
    lead_text = g_strdup ("—");

  /* Translators: the end of the tooltip of the status line's key figures */
  g_string_append (tip, _("\nLead time: the median weeks from placed to filled\nof the orders filled in the window."));
  if (tooltip != NULL)
    *tooltip = g_string_free (g_steal_pointer (&tip), FALSE);
  /* Translators: key figures in the status line, all of the week window:
   * what customers received per end product ("2,924,402 GPUs, 639,185
   * TPUs"), the fill rate by due date of each in the same order ("12 %,
   * 0 %"), the median order lead time ("49 wk").  Keep it short: the
   * tooltip explains each. */
  text = g_strdup_printf (_("In window: %s · %s by due date · lead time %s"),
                          delivered_text, fill_text, lead_text);
  if (!wfl_compute_available (simulation))
    return text;
  /* Version 2: the compute customers received in the window. */
  {
    g_autofree char *unit = wfl_compute_unit_label (simulation);
    g_autofree char *compute = wfl_format_amount_locale (wfl_simulation_get_compute_delivered (simulation, -1, first_week,
                                                                                               last_week)
                                                         / wfl_simulation_get_compute_scale (simulation), unit);
    g_autofree char *with = NULL;

    /* Translators: the status line's key figures, then the compute
     * customers received in the window ("1,234 H100 equivalents") */
    with = g_strdup_printf (_("%s · compute %s"), text, compute);
    g_free (text);
    if (tooltip != NULL)
      {
        g_autofree char *tip_text = *tooltip;

        /* Translators: the end of the status line's tooltip when the
         * scenario has products */
        *tooltip = g_strdup_printf (_("%s\nCompute: the units of each product customers received, "
                                      "times its compute per unit, in %s."), tip_text, unit);
      }
    return g_steal_pointer (&with);
  }
}
