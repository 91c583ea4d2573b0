/* wfl-window-spreadsheet.c: the results as an XLSX workbook, tables imported
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wfl-figures-view.h"
#include "wfl-import-dialog.h"
#include "wfl-report.h"
#include "wfl-results-xlsx.h"
#include "wfl-window-private.h"

/* The export dialog's "XLSX workbook of the results": the tables of
 * `--simulate --xlsx` of the results shown, and the bottleneck ranking
 * of the Sankey's window (the status line's), written in a thread
 * through the same function as the command line.  While comparing with
 * a baseline, a sheet deltas last holds the table of deltas of that
 * window, every row with its "differs" column, as `--compare BASE
 * --xlsx OUT` writes it; its text is taken here, as the comparison is
 * made again on every edit. */

typedef struct
{
  WflSimulation *simulation;
  GArray        *ranking;     /* nullable */
  GBytes        *deltas;      /* nullable: compare.csv's text */
  int            from_week;
  int            to_week;
  GFile         *file;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *write = data;

  g_clear_object (&write->simulation);
  g_clear_pointer (&write->ranking, g_array_unref);
  g_clear_pointer (&write->deltas, g_bytes_unref);
  g_clear_object (&write->file);
  g_free (write);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *write = task_data;
  g_autoptr(GError) error = NULL;

  if (!wfl_results_xlsx_write_deltas (write->simulation, write->ranking, write->from_week, write->to_week,
                                      write->deltas, write->file, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
_wfl_window_write_spreadsheet (WflWindow           *self,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  WflSimulation *results = wfl_document_get_results (self->document);
  GArray *ranking = wfl_document_get_bottlenecks (self->document);
  WflComparison *comparison = NULL;
  WriteData *write;

  g_task_set_source_tag (task, _wfl_window_write_spreadsheet);
  if (results == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("There are no results to export yet: the scenario has problems, "
                                 "or it is still being simulated"));
      return;
    }

  write = g_new0 (WriteData, 1);
  write->simulation = g_object_ref (results);
  write->ranking = ranking != NULL ? g_array_ref (ranking) : NULL;
  write->file = g_object_ref (file);
  if (self->compare != NULL)
    comparison = wfl_compare_session_get_comparison (self->compare);
  if (comparison != NULL)
    write->deltas = wfl_comparison_to_csv (comparison, FALSE);
  wfl_document_get_sankey_window (self->document, &write->from_week, &write->to_week);
  g_task_set_task_data (task, write, write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
_wfl_window_write_spreadsheet_finish (WflWindow     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Both exports of this file: a save dialog that suggests
 * "<scenario>-<suffix>" in the last export folder, then a writer run in a
 * thread, and a toast with the outcome. */

typedef void (*WriteFunc) (WflWindow           *self,
                           GFile               *file,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data);

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  WflWindow *self = WFL_WINDOW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  /* Both writers' _finish() functions are this. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    wfl_window_add_toast (self, error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

      wfl_window_add_toast (self, message);
    }
}

static void
chooser_response_cb (GtkFileChooserNative *chooser,
                     int                   response,
                     gpointer              user_data)
{
  WflWindow *self = WFL_WINDOW (user_data);
  WriteFunc write = (WriteFunc) g_object_get_data (G_OBJECT (chooser), "wfl-write");
  const char *progress = g_object_get_data (G_OBJECT (chooser), "wfl-progress");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      /* The next export starts in the same folder. */
      if (folder != NULL && self->settings != NULL)
        {
          g_autofree char *uri = g_file_get_uri (folder);

          g_settings_set_string (self->settings, "export-folder", uri);
        }
      if (progress != NULL)
        wfl_window_add_toast (self, progress);
      write (self, file, written_cb, g_object_ref (file));
    }
  if (self->chooser == GTK_NATIVE_DIALOG (chooser))
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
}

/* The scenario's file name without its extension, for the name an
 * export suggests. */
static char *
scenario_stem (WflWindow *self)
{
  GFile *file = wfl_document_get_file (self->document);
  char *basename;
  char *dot;

  if (file == NULL)
    return g_strdup (_("Scenario"));
  basename = g_file_get_basename (file);
  dot = strrchr (basename, '.');
  if (dot != NULL)
    *dot = '\0';
  return basename;
}

/* `progress` (nullable) is toasted while the file is written. */
static void
choose_and_write (WflWindow  *self,
                  const char *title,
                  const char *name,
                  const char *progress,
                  WriteFunc   write)
{
  GtkFileChooserNative *chooser;

  if (wfl_document_get_results (self->document) == NULL)
    {
      wfl_window_add_toast (self, _("There are no results to export yet: the scenario has problems, "
                                    "or it is still being simulated"));
      return;
    }

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
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
  g_object_set_data (G_OBJECT (chooser), "wfl-write", (gpointer) write);
  g_object_set_data_full (G_OBJECT (chooser), "wfl-progress", g_strdup (progress), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
write_spreadsheet (WflWindow           *self,
                   GFile               *file,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  _wfl_window_write_spreadsheet (self, file, NULL, callback, user_data);
}

void
_wfl_window_export_spreadsheet (WflWindow *self)
{
  g_autofree char *stem = scenario_stem (self);
  /* Translators: the suggested name of the results workbook; %s is the
   * scenario's file name without its extension */
  g_autofree char *name = g_strdup_printf (_("%s-results.xlsx"), stem);

  choose_and_write (self, _("Export Results"), name, NULL, write_spreadsheet);
}

/* Import ------------------------------------------------------------------ */

static void
import_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WflWindow *self = WFL_WINDOW (widget);
  GtkWidget *dialog;

  if (!wfl_import_dialog_can_import (self->document))
    {
      wfl_window_add_toast (self, _("Select a node, a customer or a link to import its schedule or "
                                    "order book into"));
      return;
    }
  dialog = wfl_import_dialog_new (GTK_WINDOW (self), self->document);
  _wfl_window_refocus_after (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Time series ------------------------------------------------------------- */

/* win.show-series (Ctrl+T) and win.show-lead-time (Ctrl+Shift+T): the
 * Figures view's Time Series page with the selected node's series, or
 * its quoted lead time, the chart focused. */
static void
show_series_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WflWindow *self = WFL_WINDOW (widget);
  GtkWidget *figures = adw_view_stack_get_child_by_name (self->view_stack, "figures");

  if (figures == NULL)
    return;
  adw_view_stack_set_visible_child (self->view_stack, figures);
  wfl_figures_view_show_series (WFL_FIGURES_VIEW (figures), NULL, g_str_equal (action_name, "win.show-lead-time"));
}

static void export_brief_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param);

void
_wfl_window_class_spreadsheet_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-table", NULL, import_table_action);
  gtk_widget_class_install_action (widget_class, "win.export-brief", NULL, export_brief_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-table", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-series", NULL, show_series_action);
  gtk_widget_class_install_action (widget_class, "win.show-lead-time", NULL, show_series_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.show-series", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-lead-time", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_T, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-lead-time", NULL);
}

/* The printed brief -------------------------------------------------------- */

typedef struct
{
  WflScenario   *scenario;    /* a copy: the document may change meanwhile */
  WflSimulation *simulation;
  GArray        *ranking;     /* nullable: ranked in the thread */
  int            first, last;
  GFile         *file;
} BriefData;

static void
brief_data_free (gpointer data)
{
  BriefData *brief = data;

  g_clear_object (&brief->scenario);
  g_clear_object (&brief->simulation);
  g_clear_pointer (&brief->ranking, g_array_unref);
  g_clear_object (&brief->file);
  g_free (brief);
}

static void
brief_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BriefData *brief = task_data;
  g_autoptr(GError) error = NULL;

  if (!wfl_report_write (brief->scenario, brief->simulation, brief->ranking, brief->first, brief->last,
                         brief->file, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
_wfl_window_write_brief (WflWindow           *self,
                         GFile               *file,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  WflSimulation *results = wfl_document_get_results (self->document);
  GArray *ranking = wfl_document_get_bottlenecks (self->document);
  BriefData *brief;

  if (results == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("There are no results to export yet: the scenario has problems, "
                                 "or it is still being simulated"));
      return;
    }
  brief = g_new0 (BriefData, 1);
  brief->scenario = wfl_scenario_copy (wfl_document_get_scenario (self->document));
  brief->simulation = g_object_ref (results);
  brief->ranking = ranking != NULL ? g_array_ref (ranking) : NULL;
  brief->file = g_object_ref (file);
  wfl_document_get_sankey_window (self->document, &brief->first, &brief->last);
  g_task_set_task_data (task, brief, brief_data_free);
  g_task_run_in_thread (task, brief_thread);
}

gboolean
_wfl_window_write_brief_finish (WflWindow     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_brief_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WflWindow *self = WFL_WINDOW (widget);
  g_autofree char *stem = scenario_stem (self);
  /* Translators: the suggested name of the printed brief; %s is the
   * scenario's file name without its extension */
  g_autofree char *name = g_strdup_printf (_("%s-brief.pdf"), stem);

  choose_and_write (self, _("Export Brief"), name, _("Writing the brief…"), _wfl_window_write_brief);
}

/* Figures ------------------------------------------------------------------ */

void
_wfl_window_add_figures (WflWindow *self)
{
  GtkWidget *view = wfl_figures_view_new ();
  AdwViewStackPage *page;

  wfl_figures_view_set_document (WFL_FIGURES_VIEW (view), self->document);
  /* Translators: the view of tables beside Sankey and Gantt */
  page = adw_view_stack_add_titled (self->view_stack, view, "figures", _("Figures"));
  adw_view_stack_page_set_icon_name (page, "x-office-spreadsheet-symbolic");
}
