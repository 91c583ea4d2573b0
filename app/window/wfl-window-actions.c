/* wfl-window-actions.c: the win.* actions
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-window-actions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wfl-export-dialog.h"
#include "wfl-window-private.h"

#define SCENARIO_MIME_TYPE "application/x-waferline+xml"
#define MAX_RECENT 10

void
_wfl_window_actions_update (WflWindow *self)
{
  WflDocument *document = self->document;
  gboolean busy;

  if (document == NULL)
    return;

  busy = wfl_document_get_busy (document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", !busy && wfl_document_can_undo (document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", !busy && wfl_document_can_redo (document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save",
                                 !busy && (wfl_document_get_modified (document) ||
                                           wfl_document_get_file (document) == NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-recent", !busy);
}

static GtkFileFilter *
scenario_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Waferline Scenarios"));
  gtk_file_filter_add_mime_type (filter, SCENARIO_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "waferline");
  gtk_file_filter_add_suffix (filter, "xml");
  return filter;
}

static void
set_chooser (WflWindow            *self,
             GtkFileChooserNative *chooser)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
}

/* Recent files ------------------------------------------------------------ */

void
_wfl_window_add_recent (WflWindow *self,
                        GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) SCENARIO_MIME_TYPE,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "waferline %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static gboolean
is_scenario (GtkRecentInfo *info)
{
  const char *uri = gtk_recent_info_get_uri (info);

  return g_strcmp0 (gtk_recent_info_get_mime_type (info), SCENARIO_MIME_TYPE) == 0 ||
         g_str_has_suffix (uri, ".waferline");
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo **) a;
  GtkRecentInfo *ib = *(GtkRecentInfo **) b;
  GDateTime *ma = gtk_recent_info_get_modified (ia);
  GDateTime *mb = gtk_recent_info_get_modified (ib);

  return -g_date_time_compare (ma, mb);
}

void
_wfl_window_update_recent_menu (WflWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GList *items = gtk_recent_manager_get_items (manager);
  guint shown = 0;

  for (GList *l = items; l != NULL; l = l->next)
    {
      if (is_scenario (l->data) && gtk_recent_info_exists (l->data))
        g_ptr_array_add (infos, l->data);
      else
        gtk_recent_info_unref (l->data);
    }
  g_list_free (items);
  g_ptr_array_sort (infos, compare_recent);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < infos->len && shown < MAX_RECENT; i++, shown++)
    {
      GtkRecentInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }
  if (shown == 0)
    g_menu_append (self->recent_menu, _("No Recent Scenarios"), "win.no-recent");
}

static void
recent_changed_cb (WflWindow        *self,
                   GtkRecentManager *manager)
{
  _wfl_window_update_recent_menu (self);
}

/* Open -------------------------------------------------------------------- */

static void
open_response_cb (WflWindow            *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        wfl_window_open_file (self, file);
    }
  set_chooser (self, NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WflWindow *self = WFL_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = scenario_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Scenario"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (open_response_cb), self, G_CONNECT_SWAPPED);
  set_chooser (self, chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  wfl_window_open_file (WFL_WINDOW (widget), file);
}

/* Save -------------------------------------------------------------------- */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(WflWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wfl_document_save_finish (WFL_DOCUMENT (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      self->close_after_save = FALSE;
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        wfl_window_add_toast (self, message);
      return;
    }

  _wfl_window_add_recent (self, wfl_document_get_file (WFL_DOCUMENT (object)));
  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static GFile *
with_extension (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) parent = NULL;
  g_autofree char *fixed = NULL;

  if (name == NULL || strchr (name, '.') != NULL)
    return g_object_ref (file);
  parent = g_file_get_parent (file);
  fixed = g_strconcat (name, ".waferline", NULL);
  return parent != NULL ? g_file_get_child (parent, fixed) : g_object_ref (file);
}

static void
save_as_response_cb (WflWindow            *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (chosen != NULL)
        {
          g_autoptr(GFile) file = with_extension (chosen);

          wfl_document_save_async (self->document, file, NULL, save_cb, g_object_ref (self));
        }
    }
  else
    {
      self->close_after_save = FALSE;
    }
  set_chooser (self, NULL);
}

void
_wfl_window_save (WflWindow *self,
                  gboolean   save_as)
{
  GtkFileChooserNative *chooser;
  GFile *current = wfl_document_get_file (self->document);
  g_autoptr(GtkFileFilter) filter = NULL;

  if (!save_as && current != NULL)
    {
      wfl_document_save_async (self->document, NULL, NULL, save_cb, g_object_ref (self));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Save Scenario"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  filter = scenario_filter ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (current != NULL)
    {
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), current, NULL);
    }
  else
    {
      /* Translators: the suggested file name of a new scenario */
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Scenario.waferline"));
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_as_response_cb), self, G_CONNECT_SWAPPED);
  set_chooser (self, chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WflWindow *self = WFL_WINDOW (widget);

  _wfl_window_save (self, wfl_document_get_file (self->document) == NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _wfl_window_save (WFL_WINDOW (widget), TRUE);
}

/* Export ------------------------------------------------------------------ */

typedef struct
{
  WflChartKind     chart;
  WflExportFormat  format;
  int              width;
  int              height;
  double           scale;
} ExportRequest;

static const char *
format_extension (WflExportFormat format)
{
  switch (format)
    {
    case WFL_EXPORT_FORMAT_SVG:
      return "svg";
    case WFL_EXPORT_FORMAT_PDF:
      return "pdf";
    case WFL_EXPORT_FORMAT_JSON:
      return "json";
    case WFL_EXPORT_FORMAT_PNG:
    default:
      return "png";
    }
}

static void
export_file_response_cb (GtkFileChooserNative *chooser,
                         int                   response,
                         gpointer              user_data)
{
  ExportRequest *request = g_object_get_data (G_OBJECT (chooser), "wfl-export-request");
  WflWindow *self = WFL_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GFile) folder = file != NULL ? g_file_get_parent (file) : NULL;
      g_autoptr(GError) error = NULL;

      /* The next export starts in the same folder. */
      if (folder != NULL && self->settings != NULL)
        {
          g_autofree char *uri = g_file_get_uri (folder);

          g_settings_set_string (self->settings, "export-folder", uri);
        }

      if (file != NULL)
        {
          wfl_window_export_chart (self, request->chart, request->format, file,
                                   request->width, request->height, request->scale, &error);
          wfl_export_toast (GTK_WIDGET (self), file, error);
        }
    }
  set_chooser (self, NULL);
}

static void
export_requested_cb (WflWindow       *self,
                     int              chart,
                     int              format,
                     int              width,
                     int              height,
                     double           scale,
                     WflExportDialog *dialog)
{
  GtkFileChooserNative *chooser;
  ExportRequest *request = g_new0 (ExportRequest, 1);
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  GFile *file = wfl_document_get_file (self->document);

  request->chart = chart;
  request->format = format;
  request->width = width;
  request->height = height;
  request->scale = scale;

  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      char *dot = strrchr (basename, '.');

      if (dot != NULL)
        *dot = '\0';
      stem = g_strdup (basename);
    }
  else
    {
      stem = g_strdup (_("Scenario"));
    }
  name = g_strdup_printf ("%s-%s.%s", stem, chart == WFL_CHART_GANTT ? "gantt" : "sankey",
                          format_extension (format));

  gtk_window_destroy (GTK_WINDOW (dialog));

  chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (self->settings != NULL)
    {
      g_autofree char *uri = g_settings_get_string (self->settings, "export-folder");

      if (uri[0] != '\0')
        {
          g_autoptr(GFile) folder = g_file_new_for_uri (uri);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
        }
    }
  g_object_set_data_full (G_OBJECT (chooser), "wfl-export-request", request, g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_file_response_cb), self, 0);
  set_chooser (self, chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_spreadsheet_cb (WflWindow       *self,
                       WflExportDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  _wfl_window_export_spreadsheet (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WflWindow *self = WFL_WINDOW (widget);
  WflExportDialog *dialog;

  if (self->export_dialog != NULL)
    {
      gtk_window_present (self->export_dialog);
      return;
    }

  dialog = wfl_export_dialog_new (GTK_WINDOW (self), wfl_window_get_view (self));
  g_signal_connect_object (dialog, "export", G_CALLBACK (export_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "export-spreadsheet", G_CALLBACK (export_spreadsheet_cb), self, G_CONNECT_SWAPPED);
  _wfl_window_refocus_after (self, GTK_WINDOW (dialog));
  g_set_weak_pointer (&self->export_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Editing and views ---------------------------------------------------------- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WflWindow *self = WFL_WINDOW (widget);

  wfl_document_undo (self->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WflWindow *self = WFL_WINDOW (widget);

  wfl_document_redo (self->document);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  const char *name = g_variant_get_string (param, NULL);

  WflWindow *self = WFL_WINDOW (widget);

  wfl_window_show_view (self, g_strcmp0 (name, "gantt") == 0 ? WFL_CHART_GANTT : WFL_CHART_SANKEY);
  /* Alt+1 and Alt+2 go to the chart, so that a screen reader says it. */
  if (g_strcmp0 (name, "gantt") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->gantt_view));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->sankey_view));
}

void
_wfl_window_class_actions_init (WflWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-inspector", "show-inspector");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-inspector", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "sankey");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "gantt");
  _wfl_window_class_spreadsheet_init (widget_class);
  _wfl_window_class_experiments_init (widget_class);
}

void
_wfl_window_watch_recent (WflWindow *self)
{
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
  _wfl_window_update_recent_menu (self);
}
