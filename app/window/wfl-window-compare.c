/* wfl-window-compare.c: comparing the window's scenario with a baseline
 *
 * The window owns a WflCompareSession (the comparison belongs to the
 * window, never to the saved file).  The Compare menu in the header bar
 * chooses the baseline: another scenario file (win.compare-file, a
 * GtkFileChooserNative), the document as last saved (win.compare-saved)
 * or the document before one of its last ten undo steps
 * (win.compare-history, a submenu made from the history);
 * win.compare-stop ends the comparison.  The baseline is read and
 * simulated in a thread by the session; one that does not load shows the
 * usual error with every problem as FILE:LINE: message, and the document
 * is not touched.  While comparing, the Sankey view shows the difference
 * Sankey with its key above it, the Gantt view each order's baseline as a
 * ghost with its slip, and the Compare page the table of deltas
 * (wfl-compare-view.c); every edit re-simulates the document as always,
 * and the session compares the new results with the same baseline (the
 * last saved version is read again after a save).  Exports made while
 * comparing are of the difference Sankey and the baseline Gantt.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-compare-view.h"
#include "wfl-sankey-diff.h"
#include "wfl-widget-style.h"
#include "wfl-window-private.h"

/* How many undo steps the Compare menu offers. */
#define HISTORY_ITEMS 10

static void
set_enabled (WflWindow  *self,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The key above the Sankey while comparing, in the chart's colours. */
static void
draw_key (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  WflChartStyle style = { 0 };

  wfl_chart_style_init_for_widget (&style, GTK_WIDGET (area));
  cairo_set_source_rgba (cr, style.background.r, style.background.g, style.background.b, 1);
  cairo_paint (cr);
  cairo_translate (cr, WFL_SANKEY_MARGIN, (height - WFL_SANKEY_DIFF_KEY_HEIGHT) / 2.0);
  wfl_sankey_diff_render_key (cr, &style, style.font_size);
  wfl_chart_style_clear (&style);
}

static void
update_key (WflWindow *self)
{
  gboolean comparing = wfl_compare_session_get_baseline_results (self->compare) != NULL;

  gtk_widget_set_visible (self->compare_key, comparing &&
                          g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "sankey") == 0);
  gtk_widget_queue_draw (self->compare_key);
}

static void
update_history_menu (WflWindow *self)
{
  WflDocument *document = self->document;

  g_menu_remove_all (self->compare_history);
  for (guint i = 0; i < HISTORY_ITEMS && wfl_document_get_history_label (document, i) != NULL; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      /* Translators: an item of the Compare menu; %s is the label of an undo step */
      label = g_strdup_printf (_("Before “%s”"), wfl_document_get_history_label (document, i));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.compare-history", g_variant_new_uint32 (i));
      g_menu_append_item (self->compare_history, item);
    }
}

static void
saved_again_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WflWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wfl_compare_session_set_baseline_finish (WFL_COMPARE_SESSION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    _wfl_window_show_error (self, _("Could Not Compare"), error->message);
}

/* Compared with the document as last saved: a save makes a new last
 * saved version, read again. */
static void
modified_cb (WflWindow *self)
{
  if (!wfl_document_get_modified (self->document) && wfl_document_get_file (self->document) != NULL &&
      wfl_compare_session_get_baseline_kind (self->compare) == WFL_COMPARE_BASELINE_SAVED)
    wfl_compare_session_set_baseline_saved_async (self->compare, NULL, saved_again_cb, g_object_ref (self));
}

static void
update_actions (WflWindow *self)
{
  set_enabled (self, "compare-saved", wfl_document_get_file (self->document) != NULL);
  set_enabled (self, "compare-history", wfl_document_can_undo (self->document));
  set_enabled (self, "compare-stop", wfl_compare_session_get_baseline_kind (self->compare) != WFL_COMPARE_BASELINE_NONE);
}

/* The session's baseline changed, or its comparison: the charts follow. */
static void
session_changed_cb (WflWindow *self)
{
  WflSimulation *baseline = wfl_compare_session_get_baseline_results (self->compare);

  if (baseline != self->compare_shown)
    {
      self->compare_shown = baseline;
      wfl_sankey_view_set_baseline (self->sankey_view, wfl_compare_session_get_baseline_scenario (self->compare),
                                    baseline);
      wfl_gantt_view_set_baseline (self->gantt_view, baseline);
      update_key (self);
      update_actions (self);
    }
}

static void
baseline_set_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WflWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wfl_compare_session_set_baseline_finish (WFL_COMPARE_SESSION (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !gtk_widget_in_destruction (GTK_WIDGET (self)))
        _wfl_window_show_error (self, _("Could Not Compare"), error->message);
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("Comparing with %s"),
                                             wfl_compare_session_get_baseline_label (self->compare));

    wfl_window_add_toast (self, text);
  }
}

void
_wfl_window_compare_with_file (WflWindow *self,
                               GFile     *file)
{
  wfl_compare_session_set_baseline_async (self->compare, file, NULL, baseline_set_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     WflWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      _wfl_window_compare_with_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->compare_chooser);
}

static void
compare_file_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  WflWindow *self = WFL_WINDOW (user_data);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->compare_chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Compare With Scenario"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Waferline scenarios"));
  gtk_file_filter_add_pattern (filter, "*.waferline");
  gtk_file_filter_add_mime_type (filter, "application/x-waferline");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  self->compare_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->compare_chooser);
}

static void
compare_saved_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  WflWindow *self = WFL_WINDOW (user_data);

  wfl_compare_session_set_baseline_saved_async (self->compare, NULL, baseline_set_cb, g_object_ref (self));
}

static void
compare_history_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  WflWindow *self = WFL_WINDOW (user_data);

  wfl_compare_session_set_baseline_history_async (self->compare, g_variant_get_uint32 (parameter), NULL,
                                                  baseline_set_cb, g_object_ref (self));
}

static void
compare_stop_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  WflWindow *self = WFL_WINDOW (user_data);

  wfl_compare_session_clear_baseline (self->compare);
  session_changed_cb (self);
}

static const GActionEntry compare_entries[] = {
  { .name = "compare-file", .activate = compare_file_action },
  { .name = "compare-saved", .activate = compare_saved_action },
  { .name = "compare-history", .parameter_type = "u", .activate = compare_history_action },
  { .name = "compare-stop", .activate = compare_stop_action },
};

static GtkWidget *
new_menu_button (WflWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) choose = g_menu_new ();
  g_autoptr(GMenu) stop = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_append (choose, _("Compare With _File…"), "win.compare-file");
  g_menu_append (choose, _("Compare With _Last Saved Version"), "win.compare-saved");
  g_menu_append_submenu (choose, _("Compare With This Scenario _Before…"), G_MENU_MODEL (self->compare_history));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (choose));
  g_menu_append (stop, _("_Stop Comparing"), "win.compare-stop");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (stop));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-dual-symbolic");
  gtk_widget_set_tooltip_text (button, _("Compare With a Baseline"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Compare"), -1);
  return button;
}

void
_wfl_window_compare_init (WflWindow *self)
{
  AdwViewStackPage *page;
  GtkWidget *content = gtk_widget_get_parent (GTK_WIDGET (self->view_stack));

  self->compare = wfl_compare_session_new (self->document);
  self->compare_history = g_menu_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), compare_entries, G_N_ELEMENTS (compare_entries), self);

  adw_header_bar_pack_end (self->header_bar, new_menu_button (self));

  /* Translators: the page of the table of deltas, beside Sankey and Gantt */
  page = adw_view_stack_add_titled (self->view_stack, wfl_compare_view_new (self->compare), "compare",
                                    _("Compare"));
  adw_view_stack_page_set_icon_name (page, "view-dual-symbolic");

  self->compare_key = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->compare_key), WFL_SANKEY_DIFF_KEY_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->compare_key), draw_key, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->compare_key), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Key: grey in both scenarios, blue more in this one, orange less"), -1);
  gtk_box_insert_child_after (GTK_BOX (content), self->compare_key, NULL);

  g_signal_connect_object (self->compare, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (update_key), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-undo", G_CALLBACK (update_history_menu), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "changed", G_CALLBACK (update_history_menu), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified", G_CALLBACK (modified_cb), self, G_CONNECT_SWAPPED);
  update_history_menu (self);
  update_actions (self);
  update_key (self);
}

void
_wfl_window_compare_dispose (WflWindow *self)
{
  if (self->compare_chooser != NULL)
    gtk_native_dialog_destroy (self->compare_chooser);
  g_clear_object (&self->compare_chooser);
  if (self->compare != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->compare, self);
      wfl_compare_session_clear_baseline (self->compare);
    }
  g_clear_object (&self->compare);
  g_clear_object (&self->compare_history);
  self->compare_shown = NULL;
}

/* Exports while comparing ----------------------------------------------------- */

gboolean
_wfl_window_export_difference (WflWindow        *self,
                               WflExportFormat   format,
                               GFile            *file,
                               int               width,
                               int               height,
                               double            scale,
                               GError          **error)
{
  WflSimulation *results = wfl_document_get_results (self->document);
  WflSimulation *baseline = wfl_compare_session_get_baseline_results (self->compare);
  g_autoptr(WflSankeyGraph) variant = NULL;
  g_autoptr(WflSankeyGraph) base = NULL;
  g_autoptr(WflSankeyDiff) diff = NULL;
  WflSankeyLayoutOptions options;
  WflChartStyle style;
  int first, last, base_first, base_last;
  gboolean ok;

  if (results == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The flows are not ready: fix the scenario’s problems or wait for the simulation"));
      return FALSE;
    }
  wfl_document_get_sankey_window (self->document, &first, &last);
  if (!wfl_compare_baseline_window (baseline, results, first, last, &base_first, &base_last))
    base_first = 0, base_last = -1;
  variant = wfl_sankey_graph_new_for_window (wfl_document_get_scenario (self->document), results,
                                             wfl_document_get_bottlenecks (self->document), first, last);
  /* Pinned as the view pins the variant before the union is made. */
  wfl_sankey_graph_pin_stable (variant, wfl_sankey_view_ensure_reference (self->sankey_view,
                                                                           wfl_document_get_scenario (self->document),
                                                                           results));
  base = wfl_sankey_graph_new_for_window (wfl_compare_session_get_baseline_scenario (self->compare), baseline,
                                          NULL, base_first, base_last);
  diff = wfl_sankey_diff_new (base, variant);
  /* The worst knock-out of the document's scenario, as the view marks it. */
  wfl_sankey_diff_set_flagged (diff, wfl_sankey_view_get_flagged_node (self->sankey_view));
  wfl_chart_style_init_light (&style);
  wfl_sankey_layout_options_init (&options);
  options.font_family = style.font_family;
  options.font_size = style.font_size;
  ok = wfl_sankey_diff_export (diff, &options, &style, format, file, width, height, scale, error);
  wfl_chart_style_clear (&style);
  return ok;
}

void
_wfl_window_compare_gantt (WflWindow     *self,
                           WflGanttChart *chart)
{
  WflSimulation *baseline = wfl_compare_session_get_baseline_results (self->compare);
  g_autoptr(WflGanttChart) base = NULL;

  if (baseline == NULL || chart->mode != WFL_GANTT_MODE_ORDERS)
    return;
  base = wfl_gantt_chart_new_orders (baseline, NULL, NULL);
  if (base != NULL)
    wfl_gantt_chart_set_baseline (chart, base);
}

WflCompareSession *
_wfl_window_get_compare_session (WflWindow *self)
{
  g_return_val_if_fail (WFL_IS_WINDOW (self), NULL);
  return self->compare;
}
