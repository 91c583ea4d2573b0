/* wfl-experiments-results.c: the Experiments page's results: the charts,
 * the sweep's table, the stale mark and the export
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-experiments-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wfl-experiment-charts.h"
#include "wfl-experiments-view-private.h"
#include "wfl-export-dialog.h"
#include "wfl-export.h"
#include "wfl-format.h"
#include "wfl-widget-style.h"
#include "wfl-window.h"

/* The charts are the render layer's (app/render/wfl-experiment-charts.c),
 * the ones `--export` writes with an experiment: the fans of a Monte
 * Carlo, the sweep chart (with its table here), the risk matrix of the
 * knock-outs, painted in the widget's style (dark with the system).  A
 * chart's export is the command line's file: the same size (1200 × 800)
 * and light style.  Results of a scenario that has changed since are
 * dimmed under a banner that says so, with Run Again. */

#define EXPORT_WIDTH 1200
#define EXPORT_HEIGHT 800
/* The risk matrix's rows, as on the command line. */
#define RISK_ROWS 20

static void
paint (cairo_t             *cr,
       double               width,
       double               height,
       WflExperimentsView  *self,
       const WflChartStyle *style)
{
  if (self->mc != NULL && self->mc_chart == WFL_MC_CHART_CRITICALITY)
    wfl_criticality_chart_paint (cr, width, height, self->mc, style);
  else if (self->mc != NULL && self->mc_chart == WFL_MC_CHART_LEAD_TIMES)
    wfl_lead_histogram_paint (cr, width, height, self->mc, style);
  else if (self->mc != NULL)
    wfl_fan_chart_paint (cr, width, height, self->mc, style);
  else if (self->sweep != NULL)
    wfl_sweep_chart_paint (cr, width, height, self->sweep, style);
  else if (self->knockout != NULL)
    wfl_risk_matrix_paint (cr, width, height, self->knockout, RISK_ROWS, style);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  WflChartStyle style;

  wfl_chart_style_init_for_widget (&style, GTK_WIDGET (area));
  paint (cr, width, height, user_data, &style);
  wfl_chart_style_clear (&style);
}

/* The worst knock-out ------------------------------------------------------------ */

/* The customer that loses the largest share of its receipts in the
 * window when the row's node stops (its index among the knock-out's
 * customers), or -1. */
static int
worst_customer (WflExperimentsView   *self,
                const WflKnockoutRow *row)
{
  WflSimulation *sim = wfl_knockout_get_simulation (self->knockout);
  const guint *customers = wfl_knockout_get_customers (self->knockout);
  double most = 0;
  int worst = -1;

  for (guint c = 0; c < wfl_knockout_get_n_customers (self->knockout); c++)
    {
      double received = wfl_simulation_get_delivered (sim, (int) customers[c], self->from_week, self->to_week);
      double share = received > 0 ? row->lost[c] / received : 0;

      if (share > most)
        most = share, worst = (int) c;
    }
  return worst;
}

const char *
wfl_experiments_view_get_worst_node (WflExperimentsView  *self,
                                     char               **note)
{
  const WflKnockoutRow *row;
  WflSimulation *sim;
  int c;

  g_return_val_if_fail (WFL_IS_EXPERIMENTS_VIEW (self), NULL);
  if (note != NULL)
    *note = NULL;
  if (self->knockout == NULL || wfl_knockout_get_n_rows (self->knockout) == 0 ||
      (row = wfl_knockout_get_row (self->knockout, 0))->worst_share <= 0)
    return NULL;
  sim = wfl_knockout_get_simulation (self->knockout);
  c = worst_customer (self, row);
  if (note != NULL && c >= 0)
    {
      guint customer = wfl_knockout_get_customers (self->knockout)[c];
      g_autofree char *lost = wfl_format_amount_locale (row->lost[c], wfl_simulation_get_node_unit (sim, customer));
      g_autofree char *date = wfl_format_date_locale (self->ko_from);

      /* Translators: said of a Sankey node after a knock-out experiment:
       * weeks, date, units lost, customer, share of its receipts */
      *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Worst knock-out: off %d week from %s, %s fewer for %s (%.0f%% of its receipts in the window)",
                                            "Worst knock-out: off %d weeks from %s, %s fewer for %s (%.0f%% of its receipts in the window)",
                                            self->weeks),
                               self->weeks, date, lost, wfl_simulation_get_node_name (sim, customer),
                               100 * row->worst_share);
    }
  return wfl_simulation_get_node_id (sim, row->node);
}

/* Words ------------------------------------------------------------------------ */

static const char *
parameter_name (WflSweepParameter parameter)
{
  switch (parameter)
    {
    case WFL_SWEEP_CAPACITY_SHIFT:
      return _("Capacity shift (weeks)");
    case WFL_SWEEP_LEAD_WEEKS:
      return _("Lead time (weeks)");
    case WFL_SWEEP_YIELD:
      return _("Yield");
    case WFL_SWEEP_MIX:
      return _("Mix");
    case WFL_SWEEP_CAPACITY_SCALE:
    case WFL_N_SWEEPS:
    default:
      return _("Capacity scale");
    }
}

static char *
summary_text (WflExperimentsView *self)
{
  g_autofree char *seconds = wfl_format_number_locale (round (self->seconds * 10) / 10, TRUE);

  if (self->mc != NULL)
    {
      guint n = wfl_monte_carlo_get_n_samples (self->mc);
      g_autofree char *samples = wfl_format_number_locale (n, TRUE);
      g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, wfl_monte_carlo_get_seed (self->mc));

      if (self->no_uncertainty)
        /* Translators: the Experiments page after a Monte Carlo of a
         * scenario without <uncertainty> */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Monte Carlo: %s sample from seed %s, in %s s. The scenario gives no "
                                             "uncertain figures or risks (<uncertainty>), so every sample is the "
                                             "run as written.",
                                             "Monte Carlo: %s samples from seed %s, in %s s. The scenario gives no "
                                             "uncertain figures or risks (<uncertainty>), so every sample is the "
                                             "run as written.", n),
                                samples, seed, seconds);
      /* Translators: the Experiments page: samples, seed, seconds */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Monte Carlo: %s sample from seed %s, in %s s. "
                                           "The whiskers of every order are on the Gantt.",
                                           "Monte Carlo: %s samples from seed %s, in %s s. "
                                           "The whiskers of every order are on the Gantt.", n),
                              samples, seed, seconds);
    }
  if (self->sweep != NULL)
    {
      guint n = wfl_sweep_get_n_points (self->sweep);

      /* Translators: the Experiments page: points, seconds */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sweep: %u point, in %s s",
                                           "Sweep: %u points, in %s s", n), n, seconds);
    }
  if (self->knockout != NULL)
    {
      guint n = wfl_knockout_get_n_rows (self->knockout);
      g_autofree char *date = wfl_format_date_locale (self->ko_from);
      g_autofree char *note = NULL;

      wfl_experiments_view_get_worst_node (self, &note);
      /* Translators: the Experiments page: nodes, weeks, date, seconds;
       * then the worst knock-out */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Knock-outs: %u node, each off %d weeks from %s, in %s s. %s",
                                           "Knock-outs: %u nodes, each off %d weeks from %s, in %s s. %s", n),
                              n, self->weeks, date, seconds,
                              note != NULL ? note : _("No knock-out loses units in the window."));
    }
  return g_strdup ("");
}

/* The criticality and the lead times in words. */
static void
describe_distributions (WflExperimentsView *self,
                        GString            *text)
{
  WflSimulation *sim = wfl_monte_carlo_get_simulation (self->mc);

  if (self->mc_chart == WFL_MC_CHART_CRITICALITY)
    {
      g_autoptr(GArray) bars = wfl_criticality_bars (self->mc);

      /* Translators: the criticality chart for a screen reader */
      g_string_append (text, _("Share of the samples in which each node was the top bottleneck of the window, most first."));
      for (guint i = 0; i < MIN (bars->len, 5); i++)
        {
          const WflCriticalityBar *bar = &g_array_index (bars, WflCriticalityBar, i);

          /* Translators: a bar of the criticality chart: node, end product, percent, samples */
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " %s (%s): %.0f%%, %u sample.",
                                                     " %s (%s): %.0f%%, %u samples.", bar->samples),
                                  wfl_simulation_get_node_name (sim, bar->node),
                                  wfl_simulation_get_product_unit (sim, bar->product), 100 * bar->index, bar->samples);
        }
      if (bars->len == 0)
        g_string_append_printf (text, " %s", _("No node limited the flow in the window in any sample"));
    }
  else
    {
      g_autoptr(WflLeadHistogram) h = wfl_lead_histogram_new (self->mc);
      int p[3] = { h->p10, h->p50, h->p90 };
      char *w[3] = { NULL, NULL, NULL };

      for (int k = 0; k < 3; k++)
        w[k] = p[k] >= 0 ? g_strdup_printf ("%d", p[k]) : g_strdup (_("never"));
      /* Translators: the lead time histogram for a screen reader: P10, P50, P90 in weeks */
      g_string_append_printf (text, _("Order lead time over every order and sample: P10 %s, P50 %s, P90 %s weeks."),
                              w[0], w[1], w[2]);
      for (int k = 0; k < 3; k++)
        g_free (w[k]);
    }
}

/* What a screen reader hears of the chart: its figures in words. */
char *
_wfl_experiments_view_describe_chart (WflExperimentsView *self)
{
  GString *text = g_string_new (NULL);

  if (self->mc != NULL && self->mc_chart != WFL_MC_CHART_FANS)
    describe_distributions (self, text);
  else if (self->mc != NULL)
    {
      WflSimulation *sim = wfl_monte_carlo_get_simulation (self->mc);
      guint nq = wfl_simulation_get_n_quarters (sim);

      /* Translators: the fan chart for a screen reader */
      g_string_append (text, _("Units received per quarter, P10 to P90 of the samples, per customer."));
      for (guint n = 0; nq > 0 && n < wfl_simulation_get_n_nodes (sim); n++)
        {
          double p10 = 0, p50 = 0, p90 = 0, a, b, c;
          g_autofree char *x = NULL, *y = NULL, *z = NULL;

          if (wfl_simulation_get_node_kind (sim, n) != WFL_NODE_KIND_CUSTOMER)
            continue;
          for (guint q = 0; q < nq; q++)
            {
              wfl_monte_carlo_get_fan (self->mc, n, q, &a, &b, &c, NULL);
              p10 += a, p50 += b, p90 += c;
            }
          if (p90 <= 0)
            continue;
          x = wfl_format_amount_locale (p10, wfl_simulation_get_node_unit (sim, n));
          y = wfl_format_number_locale (round (p50), TRUE);
          z = wfl_format_number_locale (round (p90), TRUE);
          /* Translators: a customer in the fan chart's description: the
           * sums over the quarters of the P10, P50 and P90 */
          g_string_append_printf (text, _(" %s: P10 %s, P50 %s, P90 %s over the calendar."),
                                  wfl_simulation_get_node_name (sim, n), x, y, z);
        }
    }
  else if (self->sweep != NULL && wfl_sweep_get_n_points (self->sweep) > 0)
    {
      WflSimulation *sim = wfl_sweep_get_simulation (self->sweep);
      guint last = wfl_sweep_get_n_points (self->sweep) - 1;
      const WflSweepPoint *a = wfl_sweep_get_point (self->sweep, 0), *b = wfl_sweep_get_point (self->sweep, last);

      for (guint p = 0; p < wfl_simulation_get_n_products (sim); p++)
        {
          g_autofree char *va = wfl_format_number_locale (a->value, FALSE);
          g_autofree char *vb = wfl_format_number_locale (b->value, FALSE);
          g_autofree char *da = wfl_format_amount_locale (a->delivered[p], wfl_simulation_get_product_unit (sim, p));
          g_autofree char *db = wfl_format_amount_locale (b->delivered[p], wfl_simulation_get_product_unit (sim, p));

          /* Translators: the sweep chart for a screen reader */
          g_string_append_printf (text, _("Delivered in the window: %s at %s, %s at %s. "), da, va, db, vb);
        }
    }
  else if (self->knockout != NULL)
    {
      g_autofree char *note = NULL;

      wfl_experiments_view_get_worst_node (self, &note);
      /* Translators: the risk matrix for a screen reader */
      g_string_append (text, _("Units lost per customer when one node stops, worst first. "));
      g_string_append (text, note != NULL ? note : _("No knock-out loses units in the window."));
    }
  if (self->stale)
    g_string_append (text, _(" Stale: the scenario has changed since."));
  return g_string_free (text, FALSE);
}

/* The sweep's table -------------------------------------------------------------- */

static void
add_cell (WflExperimentsView *self,
          const char         *text,
          int                 column,
          int                 row)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), row == 0 || column == 0 ? 0 : 1);
  if (row == 0)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (label), row > 0);
  gtk_grid_attach (self->table, label, column, row, 1, 1);
}

static char *
number_or_dash (double value,
                double factor)
{
  return isnan (value) ? g_strdup ("—") : wfl_format_number_locale (round (value * factor * 10) / 10, TRUE);
}

static void
fill_table (WflExperimentsView *self)
{
  WflSimulation *sim = wfl_sweep_get_simulation (self->sweep);
  guint np = wfl_simulation_get_n_products (sim);
  GtkWidget *child;
  int c = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  add_cell (self, parameter_name (self->sweep_parameter), c++, 0);
  for (guint p = 0; p < np; p++)
    {
      g_autofree char *units = wfl_format_unit_locale (wfl_simulation_get_product_unit (sim, p), TRUE);
      /* Translators: a column of the sweep's table; %s is a unit */
      g_autofree char *delivered = g_strdup_printf (_("Delivered (%s)"), units);
      g_autofree char *fill = g_strdup_printf (_("Fill rate, %s (%%)"), units);

      add_cell (self, delivered, c++, 0);
      add_cell (self, fill, c++, 0);
    }
  add_cell (self, _("Lead time, median (weeks)"), c++, 0);
  add_cell (self, _("Lead time, P90 (weeks)"), c++, 0);
  for (guint i = 0; i < wfl_sweep_get_n_points (self->sweep); i++)
    {
      const WflSweepPoint *pt = wfl_sweep_get_point (self->sweep, i);
      g_autofree char *value = wfl_format_number_locale (pt->value, FALSE);
      g_autofree char *median = number_or_dash (pt->lead_median, 1);
      g_autofree char *p90 = number_or_dash (pt->lead_p90, 1);

      c = 0;
      add_cell (self, value, c++, (int) i + 1);
      for (guint p = 0; p < np; p++)
        {
          g_autofree char *delivered = wfl_format_number_locale (round (pt->delivered[p]), TRUE);
          g_autofree char *fill = number_or_dash (pt->fill_rate[p], 100);

          add_cell (self, delivered, c++, (int) i + 1);
          add_cell (self, fill, c++, (int) i + 1);
        }
      add_cell (self, median, c++, (int) i + 1);
      add_cell (self, p90, c++, (int) i + 1);
    }
}

GPtrArray *
_wfl_experiments_view_get_table (WflExperimentsView *self,
                                 guint              *n_columns)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  int columns = 0, rows = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->table)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int c, r;

      gtk_grid_query_child (self->table, child, &c, &r, NULL, NULL);
      columns = MAX (columns, c + 1);
      rows = MAX (rows, r + 1);
    }
  g_ptr_array_set_size (cells, columns * rows);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->table)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int c, r;

      gtk_grid_query_child (self->table, child, &c, &r, NULL, NULL);
      cells->pdata[r * columns + c] = g_strdup (gtk_label_get_text (GTK_LABEL (child)));
    }
  *n_columns = (guint) columns;
  return cells;
}

/* Showing ------------------------------------------------------------------------- */

void
_wfl_experiments_view_show_results (WflExperimentsView *self)
{
  gboolean any = self->mc != NULL || self->sweep != NULL || self->knockout != NULL;
  g_autofree char *summary = summary_text (self);
  g_autofree char *description = NULL;

  gtk_stack_set_visible_child_name (self->results, any ? "chart" : "empty");
  gtk_widget_set_visible (self->stale_box, any && self->stale);
  gtk_widget_set_opacity (self->chart, self->stale ? 0.45 : 1);
  gtk_widget_set_opacity (self->table_scroller, self->stale ? 0.45 : 1);
  gtk_label_set_text (self->summary, summary);
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary), "error");
  gtk_widget_set_visible (self->table_scroller, self->sweep != NULL);
  gtk_widget_set_visible (self->mc_charts, self->mc != NULL);
  if (self->sweep != NULL)
    fill_table (self);
  gtk_widget_set_visible (self->show_button, !self->stale && (self->mc != NULL ||
                                                              wfl_experiments_view_get_worst_node (self, NULL) != NULL));
  gtk_button_set_label (GTK_BUTTON (self->show_button), self->mc != NULL ? _("Show on the _Gantt")
                                                                          : _("Show on the San_key"));
  gtk_widget_set_sensitive (self->export_button, any);
  description = _wfl_experiments_view_describe_chart (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_draw (self->chart);
}

void
_wfl_experiments_view_clear_results (WflExperimentsView *self)
{
  g_clear_pointer (&self->mc, wfl_monte_carlo_free);
  g_clear_pointer (&self->sweep, wfl_sweep_free);
  g_clear_pointer (&self->knockout, wfl_knockout_free);
  self->stale = FALSE;
}

/* Export --------------------------------------------------------------------------- */

static void
paint_light (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  WflChartStyle style;

  wfl_chart_style_init_light (&style);
  paint (cr, width, height, user_data, &style);
  wfl_chart_style_clear (&style);
}

gboolean
wfl_experiments_view_export (WflExperimentsView *self,
                             GFile              *file,
                             GError            **error)
{
  g_autofree char *name = g_file_get_basename (file);
  WflExportFormat format;

  g_return_val_if_fail (WFL_IS_EXPERIMENTS_VIEW (self), FALSE);

  if (self->mc == NULL && self->sweep == NULL && self->knockout == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("Run an experiment first"));
      return FALSE;
    }
  if (!wfl_export_format_from_path (name, &format, error))
    return FALSE;
  if (format == WFL_EXPORT_FORMAT_JSON)
    {
      g_set_error_literal (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_FORMAT,
                           _("The charts of the experiments export as PNG, SVG or PDF"));
      return FALSE;
    }
  return wfl_export_paint (format, file, EXPORT_WIDTH, EXPORT_HEIGHT, 1, paint_light, self, error);
}

static void
export_response_cb (GtkFileChooserNative *chooser,
                    int                   response,
                    WflExperimentsView   *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autoptr(GError) error = NULL;

  if (file != NULL)
    {
      wfl_experiments_view_export (self, file, &error);
      wfl_export_toast (GTK_WIDGET (self), file, error);
    }
  if (self->chooser == chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
}

static void
export_clicked_cb (WflExperimentsView *self)
{
  const char *mc_names[] = { "monte-carlo.png", "criticality.png", "lead-times.png" };
  const char *name = self->mc != NULL ? mc_names[self->mc_chart] : self->sweep != NULL ? "sweep.png" : "knockouts.png";

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = wfl_export_chooser_new (GTK_WIDGET (self), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* "Show on the Gantt" or "Show on the Sankey": the window's view, with the
 * worst knock-out selected (win.show-view and the document's selection). */
static void
show_clicked_cb (WflExperimentsView *self)
{
  const char *worst = wfl_experiments_view_get_worst_node (self, NULL);

  if (self->mc != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", "gantt");
  else if (worst != NULL)
    {
      wfl_document_select_node (self->document, worst);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", "sankey");
    }
}

/* Building ------------------------------------------------------------------------- */

static void
show_mc_chart (WflExperimentsView *self,
               guint               chart)
{
  g_autofree char *description = NULL;

  self->mc_chart = chart;
  description = _wfl_experiments_view_describe_chart (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_draw (self->chart);
}

static void
mc_chart_toggled_cb (GtkToggleButton    *button,
                     WflExperimentsView *self)
{
  for (guint i = 0; i < WFL_N_MC_CHARTS; i++)
    if (self->mc_buttons[i] == GTK_WIDGET (button) && gtk_toggle_button_get_active (button))
      show_mc_chart (self, i);
}

/* A Monte Carlo's three charts, one at a time: linked toggle buttons. */
static GtkWidget *
build_mc_charts (WflExperimentsView *self)
{
  const char *labels[WFL_N_MC_CHARTS] = {
    /* Translators: the Experiments page's Monte Carlo charts; mnemonics
     * must differ from the page's other controls */
    _("_Quarterly Fans"), _("Cr_iticality"), _("Lead Time _Histogram") };
  const char *tips[WFL_N_MC_CHARTS] = {
    _("Units each customer receives per quarter: the P10–P90 band and the P50"),
    _("In what share of the samples each node was the top bottleneck of the window"),
    _("How many weeks orders took from placed to filled, over every order and sample, with P10, P50 and P90") };

  self->mc_charts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->mc_charts, "linked");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mc_charts), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Monte Carlo chart"), -1);
  for (guint i = 0; i < WFL_N_MC_CHARTS; i++)
    {
      self->mc_buttons[i] = gtk_toggle_button_new_with_mnemonic (labels[i]);
      gtk_widget_set_tooltip_text (self->mc_buttons[i], tips[i]);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->mc_buttons[i]), GTK_TOGGLE_BUTTON (self->mc_buttons[0]));
      gtk_box_append (GTK_BOX (self->mc_charts), self->mc_buttons[i]);
      g_signal_connect (self->mc_buttons[i], "toggled", G_CALLBACK (mc_chart_toggled_cb), self);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->mc_buttons[0]), TRUE);
  gtk_widget_set_visible (self->mc_charts, FALSE);
  return self->mc_charts;
}

void
_wfl_experiments_view_set_mc_chart (WflExperimentsView *self,
                                    guint               chart)
{
  g_return_if_fail (chart < WFL_N_MC_CHARTS);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->mc_buttons[chart]), TRUE);
}

const char *
_wfl_experiments_view_get_results_page (WflExperimentsView *self)
{
  return gtk_stack_get_visible_child_name (self->results);
}

void
_wfl_experiments_view_show_running (WflExperimentsView *self,
                                    const char         *title,
                                    const char         *progress)
{
  const char *page = gtk_stack_get_visible_child_name (self->results);

  if (progress == NULL)
    {
      if (g_strcmp0 (page, "running") == 0)
        gtk_stack_set_visible_child_name (self->results, "empty");
      return;
    }
  /* Results shown stay until the new ones come. */
  if (g_strcmp0 (page, "chart") == 0)
    return;
  adw_status_page_set_title (ADW_STATUS_PAGE (self->running_page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->running_page), progress);
  gtk_stack_set_visible_child_name (self->results, "running");
}

static GtkWidget *
build_stale_box (WflExperimentsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (_("Stale: the scenario has changed since this experiment ran, so these results "
                                      "are of the scenario as it was."));
  GtkWidget *again = gtk_button_new_with_mnemonic (_("Run A_gain"));

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stale"), -1);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_start (icon, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (again), "experiments.run");
  gtk_widget_set_margin_top (again, 6);
  gtk_widget_set_margin_bottom (again, 6);
  gtk_widget_set_margin_end (again, 12);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), again);
  gtk_widget_set_visible (box, FALSE);
  return box;
}

static GtkWidget *
build_chart_page (WflExperimentsView *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->chart = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart), draw_cb, self, NULL);
  gtk_widget_set_vexpand (self->chart, TRUE);
  gtk_widget_set_size_request (self->chart, 300, 240);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Experiment chart"), -1);
  gtk_box_append (GTK_BOX (page), self->chart);

  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->table, 18);
  gtk_grid_set_row_spacing (self->table, 2);
  gtk_widget_set_margin_start (GTK_WIDGET (self->table), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->table), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sweep table"), -1);
  self->table_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->table_scroller), GTK_WIDGET (self->table));
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->table_scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->table_scroller), 220);
  gtk_box_append (GTK_BOX (page), self->table_scroller);

  gtk_widget_set_margin_start (actions, 12);
  gtk_widget_set_margin_end (actions, 12);
  gtk_widget_set_margin_bottom (actions, 6);
  self->show_button = gtk_button_new_with_mnemonic (_("Show on the _Gantt"));
  gtk_box_append (GTK_BOX (actions), self->show_button);
  gtk_box_append (GTK_BOX (actions), build_mc_charts (self));
  self->export_button = gtk_button_new_with_mnemonic (_("E_xport…"));
  gtk_widget_set_tooltip_text (self->export_button, _("Export this chart as a PNG, SVG or PDF picture"));
  gtk_widget_set_hexpand (self->export_button, TRUE);
  gtk_widget_set_halign (self->export_button, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (actions), self->export_button);
  gtk_box_append (GTK_BOX (page), actions);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  g_signal_connect_swapped (self->show_button, "clicked", G_CALLBACK (show_clicked_cb), self);
  return page;
}

void
_wfl_experiments_view_results_init (WflExperimentsView *self,
                                    GtkWidget          *box)
{
  GtkWidget *empty = adw_status_page_new ();

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_selectable (self->summary, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->summary), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->summary), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->summary), 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));
  self->stale_box = build_stale_box (self);
  gtk_box_append (GTK_BOX (box), self->stale_box);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "media-playlist-shuffle-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Experiment Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Choose an experiment above and press Run (F5). Monte Carlo draws samples of "
                                     "the uncertain figures the scenario gives; a sweep varies one figure over a "
                                     "range; knock-outs stop each node in turn."));
  self->results = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->results), TRUE);
  gtk_stack_add_named (self->results, empty, "empty");
  /* While the first run goes on: its progress in the placeholder's place. */
  self->running_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->running_page), "content-loading-symbolic");
  gtk_stack_add_named (self->results, self->running_page, "running");
  gtk_stack_add_named (self->results, build_chart_page (self), "chart");
  gtk_stack_set_visible_child_name (self->results, "empty");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->results));
}

void
_wfl_experiments_view_results_dispose (WflExperimentsView *self)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}
