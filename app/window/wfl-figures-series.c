/* wfl-figures-series.c: the Figures view's time series of a node or customer
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-figures-series"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-a11y.h"
#include "wfl-export-dialog.h"
#include "wfl-figures-series.h"
#include "wfl-timeseries-compute.h"
#include "wfl-window.h"

/* A page of the Figures view: a node (a drop-down of every supply,
 * process and customer, following the document's selection, so that a
 * node or customer selected in the Sankey shows its series) and a chart
 * (its weeks, or a customer's quoted lead time), drawn by the render
 * layer's painter.  The quoted lead time takes a probe simulation per
 * week: it is made in a thread from a copy of the scenario, with a
 * spinner and Cancel, and kept per customer until the results change. */

struct _WflFiguresSeries
{
  GtkWidget          parent_instance;

  WflDocument       *document;
  WflSimulation     *results;        /* what the series and the quotes are of */
  GHashTable        *quotes;         /* customer id → WflLeadTimeQuote* */
  GCancellable      *quoting;        /* the quote being made, or NULL */
  char              *quoting_id;

  GtkDropDown       *subject;
  GtkStringList     *subject_names;
  GPtrArray         *subject_ids;    /* of char*, beside subject_names */
  GtkDropDown       *chart;
  GtkWidget         *busy;
  GtkWidget         *export;
  GtkFileChooserNative *chooser;
  GtkSpinner        *spinner;
  WflTimeSeriesView *view;
  WflMeasure         measure;        /* what the series shown are read in */
  gboolean           filling;        /* the drop-downs change under our hands */
};

G_DEFINE_FINAL_TYPE (WflFiguresSeries, wfl_figures_series, GTK_TYPE_WIDGET)

static void show_current (WflFiguresSeries *self);

static void
show_series (WflFiguresSeries *self,
             WflTimeSeries    *series)
{
  wfl_timeseries_view_set_series (self->view, series);
  gtk_widget_set_sensitive (self->export, series != NULL);
}

static const char *
current_id (WflFiguresSeries *self)
{
  guint i = gtk_drop_down_get_selected (self->subject);

  return i < self->subject_ids->len ? self->subject_ids->pdata[i] : NULL;
}

static void
set_busy (WflFiguresSeries *self,
          gboolean          busy)
{
  gtk_widget_set_visible (self->busy, busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

static void
cancel_quote (WflFiguresSeries *self)
{
  if (self->quoting != NULL)
    g_cancellable_cancel (self->quoting);
  g_clear_object (&self->quoting);
  g_clear_pointer (&self->quoting_id, g_free);
  set_busy (self, FALSE);
}

typedef struct
{
  WflScenario *scenario;
  char        *customer;
} QuoteData;

static void
quote_data_free (gpointer data)
{
  QuoteData *q = data;

  g_clear_object (&q->scenario);
  g_free (q->customer);
  g_free (q);
}

static void
quote_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QuoteData *data = task_data;
  GError *error = NULL;
  WflLeadTimeQuote *quote = wfl_lead_time_quote_new (data->scenario, data->customer, 0,
                                                     wfl_scenario_get_weeks (data->scenario) - 1,
                                                     cancellable, &error);

  if (quote == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, quote, (GDestroyNotify) wfl_lead_time_quote_free);
}

static void
quote_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WflFiguresSeries) self = user_data;
  g_autoptr(GError) error = NULL;
  WflLeadTimeQuote *quote = g_task_propagate_pointer (G_TASK (result), &error);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  if (quote == NULL)
    {
      /* Cancelled: a newer quote or no results; nothing to say. */
      if (cancellable == self->quoting && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          cancel_quote (self);
          wfl_timeseries_view_set_placeholder (self->view, error->message);
          show_series (self, NULL);
        }
      return;
    }
  if (cancellable != self->quoting)
    {
      wfl_lead_time_quote_free (quote);
      return;
    }
  g_hash_table_replace (self->quotes, g_strdup (quote->customer), quote);
  cancel_quote (self);
  show_current (self);
}

static void
start_quote (WflFiguresSeries *self,
             const char       *customer)
{
  QuoteData *data;
  g_autoptr(GTask) task = NULL;

  if (self->quoting != NULL && g_strcmp0 (self->quoting_id, customer) == 0)
    return;
  cancel_quote (self);
  self->quoting = g_cancellable_new ();
  self->quoting_id = g_strdup (customer);
  data = g_new0 (QuoteData, 1);
  /* A copy: the document's scenario may change while this runs. */
  data->scenario = wfl_scenario_copy (wfl_document_get_scenario (self->document));
  data->customer = g_strdup (customer);
  task = g_task_new (NULL, self->quoting, quote_done_cb, g_object_ref (self));
  g_task_set_task_data (task, data, quote_data_free);
  g_task_run_in_thread (task, quote_thread);
  set_busy (self, TRUE);
}

/* The document's measure; units when the results have no products. */
static WflMeasure
current_measure (WflFiguresSeries *self)
{
  if (self->document == NULL || self->results == NULL || !wfl_compute_available (self->results))
    return WFL_MEASURE_UNITS;
  return wfl_document_get_measure (self->document);
}

/* Deliveries per product and quarter, of every customer: no node. */
static void
show_products (WflFiguresSeries *self)
{
  WflTimeSeries *series = self->results != NULL ? wfl_timeseries_new_products (self->results, self->measure) : NULL;

  cancel_quote (self);
  if (series == NULL)
    wfl_timeseries_view_set_placeholder (self->view, self->results == NULL ? _("No results to show yet")
                                                     : _("No products in this scenario"));
  show_series (self, series);
}

static void
show_current (WflFiguresSeries *self)
{
  const char *id = current_id (self);
  WflSimulation *sim = self->results;
  int node = sim != NULL && id != NULL ? wfl_simulation_find_node (sim, id) : -1;
  WflTimeSeries *series = NULL;
  gboolean products = gtk_drop_down_get_selected (self->chart) == WFL_FIGURES_SERIES_PRODUCTS;

  self->measure = current_measure (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->subject), !products);
  if (products)
    {
      show_products (self);
      return;
    }
  if (node < 0)
    {
      wfl_timeseries_view_set_placeholder (self->view, sim == NULL ? _("No results to show yet")
                                                       : _("Select a node or customer in the Sankey"));
      show_series (self, NULL);
      return;
    }
  if (gtk_drop_down_get_selected (self->chart) == WFL_FIGURES_SERIES_LEAD_TIME)
    {
      const WflLeadTimeQuote *quote;

      if (wfl_simulation_get_node_kind (sim, (guint) node) != WFL_NODE_KIND_CUSTOMER)
        {
          cancel_quote (self);
          wfl_timeseries_view_set_placeholder (self->view, _("The quoted lead time is a customer’s: "
                                                             "choose a customer"));
          show_series (self, NULL);
          return;
        }
      quote = g_hash_table_lookup (self->quotes, id);
      if (quote == NULL)
        {
          start_quote (self, id);
          wfl_timeseries_view_set_placeholder (self->view, _("Simulating an order placed in each week…"));
          show_series (self, NULL);
          return;
        }
      series = wfl_timeseries_new_lead_time (sim, quote);
    }
  else if (self->measure == WFL_MEASURE_COMPUTE &&
           wfl_simulation_get_node_kind (sim, (guint) node) == WFL_NODE_KIND_CUSTOMER)
    series = wfl_timeseries_new_customer_compute (sim, (guint) node);
  else
    series = wfl_timeseries_new_node (sim, (guint) node);
  cancel_quote (self);
  show_series (self, series);
}

/* The nodes that have series, keeping the chosen one. */
static void
fill_subjects (WflFiguresSeries *self)
{
  g_autofree char *keep = g_strdup (current_id (self));
  WflSimulation *sim = self->results;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->subject_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->subject_ids, 0);
  for (guint i = 0; sim != NULL && i < wfl_simulation_get_n_nodes (sim); i++)
    {
      WflNodeKind kind = wfl_simulation_get_node_kind (sim, i);
      const char *name = wfl_simulation_get_node_name (sim, i);

      if (kind != WFL_NODE_KIND_SUPPLY && kind != WFL_NODE_KIND_PROCESS && kind != WFL_NODE_KIND_CUSTOMER)
        continue;
      if (g_strcmp0 (keep, wfl_simulation_get_node_id (sim, i)) == 0)
        selected = self->subject_ids->len;
      g_ptr_array_add (self->subject_ids, g_strdup (wfl_simulation_get_node_id (sim, i)));
      g_ptr_array_add (names, (gpointer) (name != NULL && name[0] != '\0' ? name : wfl_simulation_get_node_id (sim, i)));
    }
  g_ptr_array_add (names, NULL);
  /* Something to show from the start: the first node. */
  if (selected == GTK_INVALID_LIST_POSITION && self->subject_ids->len > 0)
    selected = 0;
  self->filling = TRUE;
  gtk_string_list_splice (self->subject_names, 0, n, (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->subject, selected);
  self->filling = FALSE;
}

static void
results_changed_cb (WflFiguresSeries *self)
{
  WflSimulation *results = wfl_document_get_results (self->document);

  /* While a new run is on its way, the last series stays. */
  if (results == NULL || results == self->results)
    return;
  cancel_quote (self);
  g_hash_table_remove_all (self->quotes);
  g_set_object (&self->results, results);
  fill_subjects (self);
  show_current (self);
}

/* The switch between units and compute. */
static void
view_changed_cb (WflFiguresSeries *self)
{
  if (self->results != NULL && current_measure (self) != self->measure)
    show_current (self);
}

static void
select_id (WflFiguresSeries *self,
           const char       *id)
{
  for (guint i = 0; id != NULL && i < self->subject_ids->len; i++)
    if (g_strcmp0 (self->subject_ids->pdata[i], id) == 0)
      {
        gtk_drop_down_set_selected (self->subject, i);
        return;
      }
}

static void
selection_changed_cb (WflFiguresSeries *self)
{
  if (wfl_document_get_selection_kind (self->document) == WFL_SELECTION_NODE)
    select_id (self, wfl_document_get_selected_node (self->document));
}

static void
choice_changed_cb (WflFiguresSeries *self)
{
  if (!self->filling)
    show_current (self);
}

static void
cancel_clicked_cb (WflFiguresSeries *self)
{
  cancel_quote (self);
  wfl_timeseries_view_set_placeholder (self->view, _("Cancelled"));
  show_series (self, NULL);
}

/* Export: the chart shown, as PNG, SVG, PDF or JSON by the file's
 * extension, at the command line's default size and in its light style,
 * so that it is the file --export --chart timeseries|lead-time writes. */
static void
export_response_cb (GtkFileChooserNative *chooser,
                    int                   response,
                    WflFiguresSeries     *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  const WflTimeSeries *series = wfl_timeseries_view_get_series (self->view);
  g_autoptr(GError) error = NULL;

  if (file != NULL && series != NULL)
    {
      wfl_figures_series_export (self, file, &error);
      wfl_export_toast (GTK_WIDGET (self), file, error);
    }
  if (self->chooser == chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
}

gboolean
wfl_figures_series_export (WflFiguresSeries  *self,
                           GFile             *file,
                           GError           **error)
{
  const WflTimeSeries *series = wfl_timeseries_view_get_series (self->view);
  g_autofree char *name = g_file_get_basename (file);
  WflExportFormat format;

  g_return_val_if_fail (WFL_IS_FIGURES_SERIES (self), FALSE);
  g_return_val_if_fail (series != NULL, FALSE);

  if (!wfl_export_format_from_path (name, &format, error))
    return FALSE;
  return wfl_timeseries_export (series, NULL, WFL_FIGURES_SERIES_EXPORT_WIDTH, WFL_FIGURES_SERIES_EXPORT_HEIGHT,
                                1, format, file, error);
}

static void
export_clicked_cb (WflFiguresSeries *self)
{
  const WflTimeSeries *series = wfl_timeseries_view_get_series (self->view);
  g_autofree char *name = NULL;

  if (series == NULL)
    return;
  name = g_strdup_printf ("%s-%s.png", series->id,
                          series->kind == WFL_TIMESERIES_LEAD_TIME ? "lead-time"
                          : series->kind == WFL_TIMESERIES_PRODUCTS ? "per-quarter"
                          : self->measure == WFL_MEASURE_COMPUTE && series->kind == WFL_TIMESERIES_CUSTOMER
                          ? "compute" : "weeks");
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = wfl_export_chooser_new (GTK_WIDGET (self), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
wfl_figures_series_dispose (GObject *object)
{
  WflFiguresSeries *self = WFL_FIGURES_SERIES (object);
  GtkWidget *child;

  cancel_quote (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->results);
  g_clear_pointer (&self->quotes, g_hash_table_unref);
  g_clear_pointer (&self->subject_ids, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (wfl_figures_series_parent_class)->dispose (object);
}

static void
wfl_figures_series_class_init (WflFiguresSeriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wfl_figures_series_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
wfl_figures_series_init (WflFiguresSeries *self)
{
  const char *charts[] = { _("Over the Weeks"), _("Quoted Lead Time"), _("Products per Quarter"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *busy_label = gtk_label_new (_("Simulating an order placed in each week…"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  self->quotes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) wfl_lead_time_quote_free);
  self->subject_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);

  self->subject_names = gtk_string_list_new (NULL);
  self->subject = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->subject_names), expression));
  gtk_drop_down_set_enable_search (self->subject, TRUE);
  wfl_a11y_name_drop_down (self->subject, _("Node"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->subject), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Node"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subject), _("The node or customer shown; selecting one in the Sankey shows it here"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->subject));
  self->chart = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (charts));
  wfl_a11y_name_drop_down (self->chart, _("Chart"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart"), -1);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->chart));

  self->busy = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (self->busy), GTK_WIDGET (self->spinner));
  gtk_widget_add_css_class (busy_label, "dim-label");
  gtk_box_append (GTK_BOX (self->busy), busy_label);
  gtk_box_append (GTK_BOX (self->busy), cancel);
  gtk_widget_set_visible (self->busy, FALSE);
  gtk_box_append (GTK_BOX (bar), self->busy);
  self->export = gtk_button_new_with_mnemonic (_("E_xport…"));
  gtk_widget_set_tooltip_text (self->export, _("Export this chart as a PNG, SVG or PDF picture, or its values as JSON"));
  gtk_widget_set_hexpand (self->export, TRUE);
  gtk_widget_set_halign (self->export, GTK_ALIGN_END);
  gtk_widget_set_sensitive (self->export, FALSE);
  gtk_box_append (GTK_BOX (bar), self->export);
  gtk_box_append (GTK_BOX (box), bar);

  self->view = WFL_TIMESERIES_VIEW (wfl_timeseries_view_new ());
  wfl_timeseries_view_set_placeholder (self->view, _("Select a node or customer in the Sankey"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->view));
  gtk_widget_set_parent (box, GTK_WIDGET (self));

  g_signal_connect_swapped (self->subject, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->chart, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  g_signal_connect_swapped (self->export, "clicked", G_CALLBACK (export_clicked_cb), self);
}

GtkWidget *
wfl_figures_series_new (void)
{
  return g_object_new (WFL_TYPE_FIGURES_SERIES, NULL);
}

void
wfl_figures_series_set_document (WflFiguresSeries *self,
                                 WflDocument      *document)
{
  g_return_if_fail (WFL_IS_FIGURES_SERIES (self));

  cancel_quote (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_clear_object (&self->results);
  g_hash_table_remove_all (self->quotes);
  if (document == NULL)
    return;
  g_signal_connect_swapped (document, "results-changed", G_CALLBACK (results_changed_cb), self);
  g_signal_connect_swapped (document, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (document, "view-changed", G_CALLBACK (view_changed_cb), self);
  results_changed_cb (self);
  selection_changed_cb (self);
}

void
wfl_figures_series_show (WflFiguresSeries      *self,
                         const char            *node_id,
                         WflFiguresSeriesChart  chart)
{
  g_return_if_fail (WFL_IS_FIGURES_SERIES (self));

  if (node_id == NULL && self->document != NULL &&
      wfl_document_get_selection_kind (self->document) == WFL_SELECTION_NODE)
    node_id = wfl_document_get_selected_node (self->document);
  self->filling = TRUE;
  select_id (self, node_id);
  gtk_drop_down_set_selected (self->chart, chart);
  self->filling = FALSE;
  show_current (self);
}

WflTimeSeriesView *
wfl_figures_series_get_view (WflFiguresSeries *self)
{
  g_return_val_if_fail (WFL_IS_FIGURES_SERIES (self), NULL);
  return self->view;
}

gboolean
wfl_figures_series_is_busy (WflFiguresSeries *self)
{
  g_return_val_if_fail (WFL_IS_FIGURES_SERIES (self), FALSE);
  return self->quoting != NULL;
}
