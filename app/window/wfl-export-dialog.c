/* wfl-export-dialog.c: choose what to export and how large
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-a11y.h"
#include "wfl-export-dialog.h"

#define SETTINGS_SCHEMA_ID "io.github.waferline.Waferline"

static const char * const format_names[] = { "png", "svg", "pdf", "xlsx" };

/* The position of "XLSX workbook of the results" in the format list: not
 * a chart, so neither the chart nor a size applies. */
#define FORMAT_SPREADSHEET 3

struct _WflExportDialog
{
  AdwWindow       parent_instance;

  /* The last export's settings; NULL without an installed schema. */
  GSettings      *settings;

  /* Template widgets */
  AdwComboRow    *chart_row;
  AdwComboRow    *format_row;
  GtkSpinButton  *width_spin;
  GtkSpinButton  *height_spin;
  GtkSpinButton  *scale_spin;
  AdwActionRow   *scale_row;
  GtkWidget      *size_group;
};

G_DEFINE_FINAL_TYPE (WflExportDialog, wfl_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORT,
  EXPORT_SPREADSHEET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
format_changed_cb (WflExportDialog *self)
{
  gboolean spreadsheet = wfl_export_dialog_get_spreadsheet (self);

  /* The scale only matters for raster images; a workbook holds the
   * results of every chart and has no size. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_row),
                            !spreadsheet && wfl_export_dialog_get_format (self) == WFL_EXPORT_FORMAT_PNG);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chart_row), !spreadsheet);
  gtk_widget_set_sensitive (self->size_group, !spreadsheet);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                               spreadsheet ? _("The tables of the results and the bottleneck ranking, not a chart")
                                           : NULL);
}

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* Opens with what was exported last. */
static void
restore_settings (WflExportDialog *self)
{
  g_autofree char *format = NULL;

  if (self->settings == NULL)
    return;

  format = g_settings_get_string (self->settings, "export-format");
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (format, format_names[i]) == 0)
      adw_combo_row_set_selected (self->format_row, i);
  gtk_spin_button_set_value (self->width_spin, g_settings_get_int (self->settings, "export-width"));
  gtk_spin_button_set_value (self->height_spin, g_settings_get_int (self->settings, "export-height"));
  gtk_spin_button_set_value (self->scale_spin, g_settings_get_double (self->settings, "export-scale"));
}

static void
save_settings (WflExportDialog *self,
               int              width,
               int              height,
               double           scale)
{
  guint format = adw_combo_row_get_selected (self->format_row);

  if (self->settings == NULL)
    return;

  g_settings_delay (self->settings);
  if (format < G_N_ELEMENTS (format_names))
    g_settings_set_string (self->settings, "export-format", format_names[format]);
  g_settings_set_int (self->settings, "export-width", width);
  g_settings_set_int (self->settings, "export-height", height);
  g_settings_set_double (self->settings, "export-scale", scale);
  g_settings_apply (self->settings);
}

static void
wfl_export_dialog_dispose (GObject *object)
{
  WflExportDialog *self = WFL_EXPORT_DIALOG (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), WFL_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (wfl_export_dialog_parent_class)->dispose (object);
}

static void
wfl_export_dialog_class_init (WflExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wfl_export_dialog_dispose;

  /**
   * WflExportDialog::export:
   * @chart: a #WflChartKind
   * @format: a #WflExportFormat
   * @width: width in pixels (PNG) or points
   * @height: height
   * @scale: pixels per unit for PNG
   */
  signals[EXPORT] =
    g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 5,
                  G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_DOUBLE);

  /**
   * WflExportDialog::export-spreadsheet:
   *
   * The results as an XLSX workbook were chosen.
   */
  signals[EXPORT_SPREADSHEET] =
    g_signal_new ("export-spreadsheet", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/waferline/Waferline/ui/wfl-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WflExportDialog, chart_row);
  gtk_widget_class_bind_template_child (widget_class, WflExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, WflExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, WflExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, WflExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, WflExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, WflExportDialog, size_group);
  gtk_widget_class_bind_template_callback (widget_class, wfl_export_dialog_confirm);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wfl_export_dialog_init (WflExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = new_settings ();
  restore_settings (self);
  g_signal_connect_object (self->format_row, "notify::selected",
                           G_CALLBACK (format_changed_cb), self, G_CONNECT_SWAPPED);
  format_changed_cb (self);
  wfl_a11y_fix_combo_row (self->chart_row);
  wfl_a11y_fix_combo_row (self->format_row);
  wfl_a11y_repair (GTK_WIDGET (self));
}

WflExportDialog *
wfl_export_dialog_new (GtkWindow    *parent,
                       WflChartKind  chart)
{
  WflExportDialog *self;

  self = g_object_new (WFL_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  adw_combo_row_set_selected (self->chart_row, chart == WFL_CHART_GANTT ? 1 : 0);
  return self;
}

WflChartKind
wfl_export_dialog_get_chart (WflExportDialog *self)
{
  g_return_val_if_fail (WFL_IS_EXPORT_DIALOG (self), WFL_CHART_SANKEY);
  return adw_combo_row_get_selected (self->chart_row) == 1 ? WFL_CHART_GANTT : WFL_CHART_SANKEY;
}

WflExportFormat
wfl_export_dialog_get_format (WflExportDialog *self)
{
  g_return_val_if_fail (WFL_IS_EXPORT_DIALOG (self), WFL_EXPORT_FORMAT_PNG);

  switch (adw_combo_row_get_selected (self->format_row))
    {
    case 1:
      return WFL_EXPORT_FORMAT_SVG;
    case 2:
      return WFL_EXPORT_FORMAT_PDF;
    default:
      return WFL_EXPORT_FORMAT_PNG;
    }
}

gboolean
wfl_export_dialog_get_spreadsheet (WflExportDialog *self)
{
  g_return_val_if_fail (WFL_IS_EXPORT_DIALOG (self), FALSE);
  return adw_combo_row_get_selected (self->format_row) == FORMAT_SPREADSHEET;
}

void
wfl_export_dialog_get_size (WflExportDialog *self,
                            int             *width,
                            int             *height,
                            double          *scale)
{
  g_return_if_fail (WFL_IS_EXPORT_DIALOG (self));

  if (width != NULL)
    *width = gtk_spin_button_get_value_as_int (self->width_spin);
  if (height != NULL)
    *height = gtk_spin_button_get_value_as_int (self->height_spin);
  if (scale != NULL)
    *scale = gtk_spin_button_get_value (self->scale_spin);
}

void
wfl_export_dialog_confirm (WflExportDialog *self)
{
  int width, height;
  double scale;

  g_return_if_fail (WFL_IS_EXPORT_DIALOG (self));

  gtk_spin_button_update (self->width_spin);
  gtk_spin_button_update (self->height_spin);
  gtk_spin_button_update (self->scale_spin);
  wfl_export_dialog_get_size (self, &width, &height, &scale);
  save_settings (self, width, height, scale);
  if (wfl_export_dialog_get_spreadsheet (self))
    {
      g_signal_emit (self, signals[EXPORT_SPREADSHEET], 0);
      return;
    }
  g_signal_emit (self, signals[EXPORT], 0,
                 (int) wfl_export_dialog_get_chart (self),
                 (int) wfl_export_dialog_get_format (self),
                 width, height, scale);
}

GtkFileChooserNative *
wfl_export_chooser_new (GtkWidget  *owner,
                        const char *name)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  return chooser;
}

void
wfl_export_toast (GtkWidget    *owner,
                  GFile        *file,
                  const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: a toast; %s is a file name */
  g_autofree char *message = error != NULL ? g_strdup (error->message) : g_strdup_printf (_("Exported “%s”"), name);

  if (WFL_IS_WINDOW (root))
    wfl_window_add_toast (WFL_WINDOW (root), message);
  else
    g_message ("%s", message);
}
