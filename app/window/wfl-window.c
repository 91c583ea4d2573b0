/* wfl-window.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-window"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wfl-a11y.h"
#include "wfl-gantt-render.h"
#include "wfl-sankey-diff.h"
#include "wfl-sankey-render.h"
#include "wfl-format.h"
#include "wfl-status-text.h"
#include "wfl-window-private.h"

#define SETTINGS_SCHEMA_ID "io.github.waferline.Waferline"

G_DEFINE_FINAL_TYPE (WflWindow, wfl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SHOW_INSPECTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (WflWindow *self)
{
  g_autofree char *name = wfl_document_dup_display_name (self->document);
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;
  const char *scenario_title = wfl_scenario_get_title (wfl_document_get_scenario (self->document));

  if (wfl_document_get_modified (self->document))
    title = g_strdup_printf ("• %s", name);
  else
    title = g_strdup (name);

  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, scenario_title ? scenario_title : "");

  /* Translators: the window title, "<file name> — Waferline" */
  window_title = g_strdup_printf (_("%s — Waferline"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/*
 * The status line: each end product's bottleneck in the Sankey's week
 * window and what 10% more capacity there adds, from the document's
 * ranking of that window (the rows `waferline --bottlenecks` prints for
 * the same dates), and the key figures of the window, every one computed
 * in it (wfl-status-text.c).  An invalid scenario shows its first
 * problem instead.
 */
static void
update_status (WflWindow *self)
{
  WflScenario *scenario = wfl_document_get_scenario (self->document);
  g_autoptr(GPtrArray) problems = wfl_scenario_validate (scenario);
  g_autofree char *start = wfl_format_date_locale (wfl_scenario_get_start (scenario));
  g_autofree char *figures = NULL;
  g_autofree char *figures_tooltip = NULL;
  WflSimulation *results = wfl_document_get_results (self->document);
  int first, last;

  wfl_document_get_sankey_window (self->document, &first, &last);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_bottleneck), NULL);

  if (problems->len > 0)
    {
      const WflProblem *problem = g_ptr_array_index (problems, 0);
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u problem: %s",
                                           "%u problems, first: %s",
                                           problems->len),
                              problems->len, problem->message);
      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "warning");
      gtk_label_set_text (self->status_bottleneck, text);
    }
  else if (results == NULL && wfl_document_get_results_error (self->document) != NULL)
    {
      /* The banner says why. */
      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "warning");
      gtk_label_set_text (self->status_bottleneck, _("Not simulated: too large for the memory"));
    }
  else if (results == NULL)
    {
      gtk_image_set_from_icon_name (self->status_icon, "emblem-important-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "dim-label");
      gtk_label_set_text (self->status_bottleneck, _("Simulating…"));
    }
  else
    {
      GArray *ranking = wfl_document_get_bottlenecks (self->document);
      g_autofree char *tooltip = NULL;
      g_autofree char *text = wfl_status_text_bottlenecks (results, ranking, &tooltip);

      gtk_image_set_from_icon_name (self->status_icon, "emblem-important-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
      if (ranking == NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "dim-label");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "dim-label");
      gtk_label_set_text (self->status_bottleneck, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_bottleneck), tooltip);
    }

  /* A finished simulation or ranking, or a new problem, that changed the
   * status line is said to a screen reader; the same line again is not. */
  if ((problems->len > 0 || results != NULL) &&
      g_strcmp0 (gtk_label_get_text (self->status_bottleneck), self->announced) != 0)
    {
      g_free (self->announced);
      self->announced = g_strdup (gtk_label_get_text (self->status_bottleneck));
      _wfl_window_announce (self, self->announced);
    }

  if (results != NULL)
    {
      figures = wfl_status_text_figures (results, first, last, &figures_tooltip);
      gtk_label_set_text (self->status_figures, figures);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_figures), figures_tooltip);
      return;
    }

  /* Translators: scenario size in the status line */
  figures = g_strdup_printf (_("%u nodes · %u links · %d weeks from %s"),
                             wfl_scenario_get_n_nodes (scenario),
                             wfl_scenario_get_n_links (scenario),
                             wfl_scenario_get_weeks (scenario),
                             start);
  gtk_label_set_text (self->status_figures, figures);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_figures), NULL);
}

static void
update_time_bar (WflWindow *self)
{
  WflScenario *scenario = wfl_document_get_scenario (self->document);
  int first, last;

  wfl_time_bar_set_calendar (self->time_bar,
                             wfl_scenario_get_start (scenario),
                             wfl_scenario_get_weeks (scenario));
  wfl_document_get_sankey_window (self->document, &first, &last);
  wfl_time_bar_set_window (self->time_bar, first, last);
}

void
_wfl_window_announce (WflWindow  *self,
                      const char *text)
{
  if (self->announcer != NULL)
    wfl_a11y_announce (self->announcer, text);
}

/* GTK 4.8 leaves the focus widget as it was when a dialog closes, and says
 * nothing: the focus is set again, so that it is announced. */
static void
refocus (WflWindow *self)
{
  GtkWidget *widget = self->refocus;

  g_clear_weak_pointer (&self->refocus);
  if (widget == NULL || gtk_widget_get_root (widget) != GTK_ROOT (self) || !gtk_widget_is_visible (widget))
    widget = GTK_WIDGET (wfl_window_get_view (self) == WFL_CHART_GANTT ? (GtkWidget *) self->gantt_view
                                                                       : (GtkWidget *) self->sankey_view);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_grab_focus (widget);
}

static void
refocus_active_cb (WflWindow *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    return;
  g_signal_handlers_disconnect_by_func (self, refocus_active_cb, self);
  refocus (self);
}

static void
refocus_dialog_destroy_cb (WflWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    refocus (self);
  else
    g_signal_connect_object (self, "notify::is-active", G_CALLBACK (refocus_active_cb), self, G_CONNECT_SWAPPED);
}

void
_wfl_window_refocus_after (WflWindow *self,
                           GtkWindow *dialog)
{
  g_set_weak_pointer (&self->refocus, gtk_root_get_focus (GTK_ROOT (self)));
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (refocus_dialog_destroy_cb), self, G_CONNECT_SWAPPED);
}

/* What an activated chart item shows in the inspector, said. */
static void
announce_shown_in_inspector (WflWindow *self)
{
  const char *title = wfl_inspector_get_title (self->inspector);
  g_autofree char *text = NULL;

  if (title == NULL || *title == '\0')
    return;
  /* Translators: said to a screen reader when Enter on a chart item
   * shows it in the inspector; %s is its name */
  text = g_strdup_printf (_("%s, in the inspector (F9 goes there)"), title);
  _wfl_window_announce (self, text);
}

static void
sankey_activated_cb (WflWindow *self)
{
  adw_flap_set_reveal_flap (self->flap, TRUE);
  announce_shown_in_inspector (self);
}

static void
document_changed_cb (WflWindow *self)
{
  update_title (self);
  update_status (self);
  update_time_bar (self);
  _wfl_window_actions_update (self);
}

static void
document_view_changed_cb (WflWindow *self)
{
  update_time_bar (self);
  update_status (self);
}

static void
document_results_changed_cb (WflWindow *self)
{
  /* TODO(lead): hand the results to the chart widgets here. */
  update_status (self);
}

static void
time_bar_window_changed_cb (WflWindow  *self,
                            int         first,
                            int         last,
                            WflTimeBar *time_bar)
{
  wfl_document_set_sankey_window (self->document, first, last);
}

/* Enter or a double click on an order's row: it is selected, so show it
 * in the inspector. */
static void
gantt_order_activated_cb (WflWindow    *self,
                          const char   *customer_id,
                          const char   *order_id,
                          WflGanttView *view)
{
  adw_flap_set_reveal_flap (self->flap, TRUE);
  announce_shown_in_inspector (self);
}

static void
visible_view_changed_cb (WflWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  gtk_widget_set_visible (GTK_WIDGET (self->time_bar), g_strcmp0 (name, "sankey") == 0);
  if (self->settings != NULL && name != NULL)
    g_settings_set_string (self->settings, "last-view", name);
}

void
wfl_window_show_view (WflWindow    *self,
                      WflChartKind  chart)
{
  g_return_if_fail (WFL_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, chart == WFL_CHART_GANTT ? "gantt" : "sankey");
}

WflChartKind
wfl_window_get_view (WflWindow *self)
{
  g_return_val_if_fail (WFL_IS_WINDOW (self), WFL_CHART_SANKEY);
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "gantt") == 0
         ? WFL_CHART_GANTT : WFL_CHART_SANKEY;
}

void
wfl_window_add_toast (WflWindow  *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (WFL_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
}

const char *
_wfl_window_get_last_toast (WflWindow *self)
{
  g_return_val_if_fail (WFL_IS_WINDOW (self), NULL);
  return self->last_toast;
}

/* Shows an error with a message that may run to many lines (every
 * problem of a file as NAME:LINE: message). */
void
_wfl_window_show_error (WflWindow  *self,
                        const char *heading,
                        const char *message)
{
  AdwMessageDialog *dialog;
  GtkWidget *scroller, *label;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  label = g_object_new (GTK_TYPE_LABEL,
                        "label", message,
                        "selectable", TRUE,
                        "wrap", TRUE,
                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
                        "xalign", 0.0f,
                        "yalign", 0.0f,
                        "margin-start", 12,
                        "margin-end", 12,
                        "margin-top", 12,
                        "margin-bottom", 12,
                        NULL);
  gtk_widget_add_css_class (label, "monospace");
  scroller = g_object_new (GTK_TYPE_SCROLLED_WINDOW,
                           "child", label,
                           "hscrollbar-policy", GTK_POLICY_NEVER,
                           "propagate-natural-height", TRUE,
                           "min-content-height", 120,
                           "max-content-height", 260,
                           NULL);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_set_size_request (scroller, 460, -1);
  adw_message_dialog_set_extra_child (dialog, scroller);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  WflWindow *self;
  GFile     *file;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  OpenData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!wfl_document_load_finish (WFL_DOCUMENT (object), result, &error))
    {
      g_autofree char *name = g_file_get_basename (data->file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      if (!gtk_widget_in_destruction (GTK_WIDGET (data->self)))
        _wfl_window_show_error (data->self, heading, error->message);
    }
  else
    {
      _wfl_window_add_recent (data->self, data->file);
    }
  open_data_free (data);
}

/**
 * wfl_window_open_file:
 *
 * Opens @file: in this window when its document has no unsaved changes,
 * in a new window otherwise.  A file that fails to load leaves the
 * document untouched and shows the loader's message.
 */
void
wfl_window_open_file (WflWindow *self,
                      GFile     *file)
{
  OpenData *data;
  WflWindow *target;

  g_return_if_fail (WFL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Already open: that window comes to the front, nothing is read. */
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL &&
      (target = wfl_application_find_window (WFL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                             file)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (target));
      return;
    }
  target = self;

  if (wfl_document_get_modified (self->document))
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      target = wfl_window_new (WFL_APPLICATION (app));
      gtk_window_present (GTK_WINDOW (target));
    }

  data = g_new0 (OpenData, 1);
  data->self = g_object_ref (target);
  data->file = g_object_ref (file);
  wfl_document_load_async (target->document, file, NULL, load_cb, data);
}

static gboolean
drop_cb (WflWindow     *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files != NULL)
        file = files->data;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      file = g_value_get_object (value);
    }

  if (file == NULL)
    return FALSE;
  wfl_window_open_file (self, file);
  return TRUE;
}

/*
 * Export: paints a chart into a file with the fixed light export style,
 * through the painters the views use.  The Sankey shows the document's
 * week window, laid out at width × height.
 */
static gboolean
export_sankey (WflWindow        *self,
               WflExportFormat   format,
               GFile            *file,
               int               width,
               int               height,
               double            scale,
               GError          **error)
{
  WflSimulation *results = wfl_document_get_results (self->document);
  g_autoptr(WflSankeyGraph) graph = NULL;
  g_autoptr(WflSankeyLayout) layout = NULL;
  g_autoptr(GArray) ranking = NULL;
  WflSankeyLayoutOptions options;
  WflSankeyRenderState state;
  WflChartStyle style;
  const char *worst;
  int first, last, flagged;
  gboolean ok;

  if (wfl_compare_session_get_baseline_results (self->compare) != NULL)
    return _wfl_window_export_difference (self, format, file, width, height, scale, error);
  if (results == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The flows are not ready: fix the scenario’s problems or wait for the simulation"));
      return FALSE;
    }

  wfl_document_get_sankey_window (self->document, &first, &last);
  /* A file gets the limiting marks even before the window's ranking is
   * ready: ranked as the command line ranks an export, the same file. */
  ranking = wfl_document_get_bottlenecks (self->document);
  if (ranking != NULL)
    g_array_ref (ranking);
  else if ((ranking = wfl_sankey_graph_rank_window (results, first, last, NULL, error)) == NULL)
    return FALSE;
  graph = wfl_sankey_graph_new_for_window (wfl_document_get_scenario (self->document), results,
                                           ranking, first, last);
  /* Pinned to the view's reference, as on screen: at the view's size the
   * file is the chart the screen shows. */
  wfl_sankey_graph_pin_stable (graph, wfl_sankey_view_ensure_reference (self->sankey_view,
                                                                         wfl_document_get_scenario (self->document),
                                                                         results));

  wfl_chart_style_init_light (&style);
  wfl_sankey_layout_options_init (&options);
  options.font_family = style.font_family;
  options.font_size = style.font_size;
  /* Laid out inside the margin, as the view does at that size. */
  layout = wfl_sankey_layout_new (graph, &options,
                                  MAX (1, width - 2 * WFL_SANKEY_MARGIN), MAX (1, height - 2 * WFL_SANKEY_MARGIN));
  /* The worst knock-out's mark, as the view shows it. */
  wfl_sankey_render_state_init (&state);
  worst = wfl_sankey_view_get_flagged_node (self->sankey_view);
  if (worst != NULL && (flagged = wfl_sankey_graph_find_node (graph, worst)) >= 0)
    state.flagged = (WflSankeyHit) { WFL_SANKEY_HIT_NODE, (guint) flagged };
  ok = wfl_sankey_export_framed (layout, &style, &state, WFL_SANKEY_MARGIN, format, file, scale, error);
  wfl_chart_style_clear (&style);
  return ok;
}

/* The Gantt chart in the document's mode: the simulated orders, or the
 * pipeline of an order placed on the as-of date (else at the start of
 * the Sankey window), fitted into width × height. */
static gboolean
export_gantt (WflWindow        *self,
              WflExportFormat   format,
              GFile            *file,
              int               width,
              int               height,
              double            scale,
              GError          **error)
{
  WflScenario *scenario = wfl_document_get_scenario (self->document);
  WflDate as_of = wfl_document_get_gantt_as_of (self->document);
  g_autoptr(WflGanttChart) chart = NULL;
  WflGanttExportOptions options;

  if (wfl_document_get_gantt_mode (self->document) == WFL_GANTT_MODE_ORDERS)
    {
      WflSimulation *results = wfl_document_get_results (self->document);

      if (results == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The orders are not ready: fix the scenario’s problems or wait for the simulation"));
          return FALSE;
        }
      chart = wfl_gantt_chart_new_orders (results, NULL, error);
    }
  else
    {
      WflDate placed = as_of;

      if (placed == WFL_DATE_NONE)
        {
          int first, last;

          wfl_document_get_sankey_window (self->document, &first, &last);
          placed = wfl_date_of_week (wfl_scenario_get_start (scenario), first);
        }
      chart = wfl_gantt_chart_new_pipeline (scenario, NULL, placed, error);
    }
  if (chart == NULL)
    return FALSE;
  _wfl_window_compare_gantt (self, chart);
  _wfl_window_experiment_gantt (self, chart);
  /* Every order, grouped (and folded) as on screen. */
  wfl_gantt_view_group_rows (self->gantt_view, chart);
  if (as_of != WFL_DATE_NONE)
    chart->as_of = wfl_gantt_chart_week_of_date (chart, as_of);

  wfl_gantt_export_options_init (&options);
  options.width = width;
  options.height = height;
  options.scale = scale;
  return wfl_gantt_export (chart, NULL, &options, format, file, error);
}

gboolean
wfl_window_export_chart (WflWindow        *self,
                         WflChartKind      chart,
                         WflExportFormat   format,
                         GFile            *file,
                         int               width,
                         int               height,
                         double            scale,
                         GError          **error)
{
  g_return_val_if_fail (WFL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (width <= 0 || height <= 0 || !(scale > 0))
    {
      g_set_error_literal (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_SIZE,
                           _("The chart’s size must be above zero"));
      return FALSE;
    }

  if (chart == WFL_CHART_SANKEY)
    return export_sankey (self, format, file, width, height, scale, error);
  return export_gantt (self, format, file, width, height, scale, error);
}

/* Closing ---------------------------------------------------------------- */

static void
save_window_state (WflWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "show-inspector", adw_flap_get_reveal_flap (self->flap));
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   WflWindow        *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      _wfl_window_save (self, wfl_document_get_file (self->document) == NULL);
    }
}

static gboolean
wfl_window_close_request (GtkWindow *window)
{
  WflWindow *self = WFL_WINDOW (window);

  if (!self->close_confirmed && wfl_document_get_modified (self->document))
    {
      g_autofree char *name = wfl_document_dup_display_name (self->document);
      g_autofree char *body = NULL;
      AdwMessageDialog *dialog;

      body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will be permanently lost."),
                              name);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"), body));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  save_window_state (self);
  return GTK_WINDOW_CLASS (wfl_window_parent_class)->close_request (window);
}

/* GObject ---------------------------------------------------------------- */

static void
wfl_window_constructed (GObject *object)
{
  WflWindow *self = (WflWindow *)object;

  G_OBJECT_CLASS (wfl_window_parent_class)->constructed (object);

  _wfl_window_watch_recent (self);
}

static void
wfl_window_dispose (GObject *object)
{
  WflWindow *self = (WflWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->export_dialog != NULL)
    gtk_window_destroy (self->export_dialog);
  g_clear_weak_pointer (&self->export_dialog);

  _wfl_window_recovery_dispose (self);
  _wfl_window_compare_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WFL_TYPE_WINDOW);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->announced, g_free);
  g_clear_pointer (&self->last_toast, g_free);
  g_clear_weak_pointer (&self->refocus);

  G_OBJECT_CLASS (wfl_window_parent_class)->dispose (object);
}

static void
wfl_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WflWindow *self = WFL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_SHOW_INSPECTOR:
      /* Queried by the property action while the template is built. */
      g_value_set_boolean (value, self->flap == NULL || adw_flap_get_reveal_flap (self->flap));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* F9: shown, the inspector takes the focus; hidden, it gives the focus
 * it had to the chart. */
static void
show_inspector (WflWindow *self,
                gboolean   show)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->inspector));

  adw_flap_set_reveal_flap (self->flap, show);
  if (show && !had_focus)
    wfl_inspector_grab_focus (self->inspector);
  else if (!show && had_focus)
    gtk_widget_grab_focus (wfl_window_get_view (self) == WFL_CHART_GANTT ? GTK_WIDGET (self->gantt_view)
                                                                         : GTK_WIDGET (self->sankey_view));
}

static void
wfl_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WflWindow *self = WFL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_INSPECTOR:
      if (self->flap != NULL)
        show_inspector (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flap_reveal_changed_cb (WflWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_INSPECTOR]);
}

static void
wfl_window_class_init (WflWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = wfl_window_constructed;
  object_class->dispose = wfl_window_dispose;
  object_class->get_property = wfl_window_get_property;
  object_class->set_property = wfl_window_set_property;

  window_class->close_request = wfl_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         WFL_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_INSPECTOR] =
    g_param_spec_boolean ("show-inspector", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WFL_TYPE_GANTT_VIEW);
  g_type_ensure (WFL_TYPE_INSPECTOR);
  g_type_ensure (WFL_TYPE_SANKEY_VIEW);
  g_type_ensure (WFL_TYPE_TIME_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/waferline/Waferline/ui/wfl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WflWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, sankey_view);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, gantt_page);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, gantt_rows);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, gantt_view);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, time_bar);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, status_bottleneck);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, status_figures);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, gantt_zoom);
  gtk_widget_class_bind_template_child (widget_class, WflWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, sankey_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_bar_window_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, gantt_order_activated_cb);

  _wfl_window_class_actions_init (klass);
}

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running from the build tree without an installed schema: no state. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s not installed, window state is not kept", SETTINGS_SCHEMA_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/* AdwSplitButton 1.2 gives its arrow only a tooltip ("dropdown-tooltip"),
 * which GTK 4.8 does not use as the accessible name. */
static void
label_split_button_arrow (AdwSplitButton *button)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (button));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        adw_split_button_get_dropdown_tooltip (button), -1);
    }
}

static void
wfl_window_init (WflWindow *self)
{
  GtkDropTarget *drop;
  g_autofree char *last_view = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  label_split_button_arrow (self->save_button);
  wfl_a11y_name_drop_down (self->gantt_zoom, _("Time Scale"));
  wfl_a11y_name_scrolled_window (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->gantt_view),
                                                                               GTK_TYPE_SCROLLED_WINDOW)),
                                 _("Gantt chart"));
  /* The announcer takes no room: beside the status line, in the window's
   * box, which has no spacing. */
  self->announcer = wfl_a11y_announcer_new ();
  gtk_widget_insert_after (self->announcer,
                           gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (self->status_figures))),
                           gtk_widget_get_parent (GTK_WIDGET (self->status_figures)));

  self->document = wfl_document_new ();
  g_signal_connect_object (self->document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "view-changed", G_CALLBACK (document_view_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "results-changed", G_CALLBACK (document_results_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "bottlenecks-changed", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  /* Save is off again once saved. */
  g_signal_connect_object (self->document, "notify::modified", G_CALLBACK (_wfl_window_actions_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-undo", G_CALLBACK (_wfl_window_actions_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-redo", G_CALLBACK (_wfl_window_actions_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::busy", G_CALLBACK (_wfl_window_actions_update), self, G_CONNECT_SWAPPED);
  wfl_inspector_set_document (self->inspector, self->document);
  wfl_sankey_view_set_document (self->sankey_view, self->document);
  g_signal_connect_object (self->sankey_view, "step-window",
                           G_CALLBACK (wfl_time_bar_step_quarter), self->time_bar, G_CONNECT_SWAPPED);
  wfl_gantt_view_set_document (self->gantt_view, self->document);
  _wfl_window_add_figures (self);
  _wfl_window_compare_init (self);
  _wfl_window_add_experiments (self);
  /* The Gantt toolbar reaches the view's actions.  On the window: GTK 4.8
   * does not re-parent the built toolbar's action muxers to a muxer
   * created later on the page. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "gantt",
                                  wfl_gantt_view_get_actions (self->gantt_view));
  gtk_menu_button_set_menu_model (self->gantt_rows, wfl_gantt_view_get_rows_menu (self->gantt_view));

  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (visible_view_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (flap_reveal_changed_cb), self, G_CONNECT_SWAPPED);

  self->settings = new_settings ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "show-inspector"));
      last_view = g_settings_get_string (self->settings, "last-view");
      if (g_strcmp0 (last_view, "gantt") == 0 || g_strcmp0 (last_view, "sankey") == 0)
        adw_view_stack_set_visible_child_name (self->view_stack, last_view);
    }
  visible_view_changed_cb (self);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  _wfl_window_recovery_init (self);
  document_changed_cb (self);
  wfl_a11y_repair (GTK_WIDGET (self));
}

WflWindow *
wfl_window_new (WflApplication *app)
{
  return g_object_new (WFL_TYPE_WINDOW, "application", app, NULL);
}

WflDocument *
wfl_window_get_document (WflWindow *self)
{
  g_return_val_if_fail (WFL_IS_WINDOW (self), NULL);
  return self->document;
}

WflScenario *
wfl_window_get_scenario (WflWindow *self)
{
  g_return_val_if_fail (WFL_IS_WINDOW (self), NULL);
  return wfl_document_get_scenario (self->document);
}
