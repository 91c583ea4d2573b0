/* wfl-import-dialog.c: import a schedule or an order book from a spreadsheet
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-a11y.h"
#include "wfl-import-dialog-private.h"

/* What the selection is: a node's capacity schedule, a customer's order
 * book or a link's mix.  The table comes from a file (Open…), from the
 * clipboard (Paste) or from typing into the text box; every change reads
 * it again (wfl-import.c), guesses the columns when the table's shape
 * changed, shows the first rows of the mapped columns and every problem
 * as ROW:COLUMN: message.  Import is possible only without problems, and
 * is one undoable edit. */

/* A text larger than this is not shown in the text box (typing into a
 * megabyte of text is no way to fix it); it is still read. */
#define MAX_SHOWN_BYTES (256 * 1024)
#define PREVIEW_ROWS 8

struct _WflImportDialog
{
  AdwWindow         parent_instance;

  WflDocument      *document;
  WflImportKind     kind;
  char             *node_id;
  int               link;

  GBytes           *text;          /* the table's text */
  WflImportTable   *table;         /* NULL when it could not be read */
  WflImportMapping  mapping;
  guint             guessed_columns;
  char             *guessed_header;  /* the first row the columns were guessed from */
  GPtrArray        *problems;      /* of char*, or NULL */
  WflImport        *import;        /* ready, or NULL */
  gboolean          updating;

  GtkTextView      *text_view;
  GtkLabel         *source_label;
  AdwActionRow     *header_row;
  GtkSwitch        *header_switch;
  AdwComboRow      *field_rows[WFL_IMPORT_N_FIELDS];
  GtkGrid          *preview;
  GtkLabel         *result_label;
  GtkWidget        *import_button;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (WflImportDialog, wfl_import_dialog, ADW_TYPE_WINDOW)

static void update (WflImportDialog *self);

static void
wfl_import_dialog_dispose (GObject *object)
{
  WflImportDialog *self = WFL_IMPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->document);
  g_clear_pointer (&self->node_id, g_free);
  g_clear_pointer (&self->guessed_header, g_free);
  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_pointer (&self->table, wfl_import_table_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->import, wfl_import_free);
  G_OBJECT_CLASS (wfl_import_dialog_parent_class)->dispose (object);
}

static void
wfl_import_dialog_class_init (WflImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wfl_import_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wfl_import_dialog_init (WflImportDialog *self)
{
  self->link = -1;
}

/* The column choices of a field: "None", then "A · Date"… */
static GtkStringList *
column_choices (WflImportDialog *self)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n = self->table != NULL ? wfl_import_table_get_n_columns (self->table) : 0;

  /* Translators: a field of the import taken from no column */
  gtk_string_list_append (list, _("None"));
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *name = wfl_import_column_name (c);
      const char *first = self->mapping.header ? wfl_import_table_get_cell (self->table, 0, c) : "";
      g_autofree char *label = first[0] != '\0' ? g_strdup_printf ("%s · %.40s", name, first) : g_strdup (name);

      gtk_string_list_append (list, label);
    }
  return list;
}

static void
update_columns (WflImportDialog *self)
{
  g_autoptr(GtkStringList) choices = column_choices (self);

  self->updating = TRUE;
  gtk_switch_set_active (self->header_switch, self->mapping.header);
  for (int f = 0; f < WFL_IMPORT_N_FIELDS; f++)
    if (self->field_rows[f] != NULL)
      {
        adw_combo_row_set_model (self->field_rows[f], G_LIST_MODEL (choices));
        adw_combo_row_set_selected (self->field_rows[f], self->mapping.columns[f] + 1);
      }
  self->updating = FALSE;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
grid_label (GtkGrid    *grid,
            const char *text,
            int         column,
            int         row,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_widget_add_css_class (label, heading ? "heading" : "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/* The first rows of the mapped columns, under the fields' names. */
static void
update_preview (WflImportDialog *self)
{
  guint first = self->mapping.header ? 1 : 0;
  int x = 1;

  clear_grid (self->preview);
  if (self->table == NULL)
    return;
  /* Translators: the heading of the preview's column of row numbers */
  grid_label (self->preview, _("Row"), 0, 0, TRUE);
  for (int f = 0; f < WFL_IMPORT_N_FIELDS; f++)
    {
      if (self->field_rows[f] == NULL || self->mapping.columns[f] < 0)
        continue;
      grid_label (self->preview, wfl_import_field_get_title (f), x, 0, TRUE);
      for (guint r = first; r < wfl_import_table_get_n_rows (self->table) && r < first + PREVIEW_ROWS; r++)
        grid_label (self->preview, wfl_import_table_get_cell (self->table, r, self->mapping.columns[f]),
                    x, r - first + 1, FALSE);
      x++;
    }
  for (guint r = first; r < wfl_import_table_get_n_rows (self->table) && r < first + PREVIEW_ROWS; r++)
    {
      g_autofree char *number = g_strdup_printf ("%u", wfl_import_table_get_row_number (self->table, r));

      grid_label (self->preview, number, 0, r - first + 1, FALSE);
    }
}

static void
show_result (WflImportDialog *self,
             const char      *text,
             gboolean         error)
{
  gtk_label_set_text (self->result_label, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->result_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "error");
  gtk_widget_set_sensitive (self->import_button, self->import != NULL);
}

/* Reads the table again (when read_table) and checks it. */
static void
reread (WflImportDialog *self,
        gboolean         read_table)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = self->text != NULL ? g_bytes_get_data (self->text, &length) : NULL;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->import, wfl_import_free);
  if (read_table)
    {
      g_clear_pointer (&self->table, wfl_import_table_free);
      if (length > 0)
        self->table = wfl_import_table_parse (data, length, &error);
      if (self->table != NULL)
        {
          g_autoptr(GString) first = g_string_new (NULL);

          for (guint c = 0; c < wfl_import_table_get_n_columns (self->table); c++)
            g_string_append_printf (first, "%s\x1f", wfl_import_table_get_cell (self->table, 0, c));
          /* A table of another shape or first row: guess its columns
           * again; else keep what the user chose. */
          if (wfl_import_table_get_n_columns (self->table) != self->guessed_columns ||
              g_strcmp0 (first->str, self->guessed_header) != 0)
            {
              wfl_import_mapping_guess (&self->mapping, self->kind, self->table);
              self->guessed_columns = wfl_import_table_get_n_columns (self->table);
              g_free (self->guessed_header);
              self->guessed_header = g_string_free (g_steal_pointer (&first), FALSE);
            }
        }
      update_columns (self);
    }
  update_preview (self);

  if (error != NULL)
    {
      show_result (self, error->message, TRUE);
      return;
    }
  if (self->table == NULL)
    {
      show_result (self, _("Paste a table, type one or open a file: a column of dates and one of values, "
                           "or an order book"), FALSE);
      return;
    }
  self->import = wfl_import_build (self->table, &self->mapping, wfl_document_get_scenario (self->document),
                                   self->node_id, self->link, &self->problems);
  if (self->import == NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < self->problems->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", (char *) self->problems->pdata[i]);
      show_result (self, text->str, TRUE);
    }
  else
    {
      guint n = wfl_import_get_n_items (self->import);
      g_autofree char *text =
        self->kind == WFL_IMPORT_ORDERS
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ready: %u order will replace the order book",
                                        "Ready: %u orders will replace the order book", n), n)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ready: %u point will replace the schedule",
                                        "Ready: %u points will replace the schedule", n), n);

      show_result (self, text, FALSE);
    }
}

static void
update (WflImportDialog *self)
{
  reread (self, TRUE);
}

/* The text of the table, also into the text box when it is not too large. */
static void
set_text (WflImportDialog *self,
          GBytes          *text,
          const char      *where)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  gsize length = g_bytes_get_size (text);

  g_clear_pointer (&self->text, g_bytes_unref);
  self->text = g_bytes_ref (text);
  self->updating = TRUE;
  if (length <= MAX_SHOWN_BYTES && g_utf8_validate_len (g_bytes_get_data (text, NULL), length, NULL))
    {
      gtk_text_buffer_set_text (buffer, g_bytes_get_data (text, NULL), length);
      gtk_widget_set_sensitive (GTK_WIDGET (self->text_view), TRUE);
    }
  else
    {
      gtk_text_buffer_set_text (buffer, "", 0);
      gtk_widget_set_sensitive (GTK_WIDGET (self->text_view), FALSE);
    }
  self->updating = FALSE;
  gtk_label_set_text (self->source_label, where);
  self->guessed_columns = G_MAXUINT;
  update (self);
}

static void
buffer_changed_cb (WflImportDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  char *text;

  if (self->updating)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_clear_pointer (&self->text, g_bytes_unref);
  self->text = g_bytes_new_take (text, strlen (text));
  gtk_label_set_text (self->source_label, _("Typed or pasted into the box"));
  update (self);
}

static void
header_changed_cb (WflImportDialog *self)
{
  if (self->updating)
    return;
  self->mapping.header = gtk_switch_get_active (self->header_switch);
  update_columns (self);
  reread (self, FALSE);
}

static void
field_changed_cb (WflImportDialog *self)
{
  if (self->updating)
    return;
  for (int f = 0; f < WFL_IMPORT_N_FIELDS; f++)
    if (self->field_rows[f] != NULL)
      self->mapping.columns[f] = (int) adw_combo_row_get_selected (self->field_rows[f]) - 1;
  reread (self, FALSE);
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WflImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_autoptr(GBytes) bytes = NULL;

  if (self->document == NULL)
    {
      g_free (text);
      return;
    }
  if (text == NULL)
    {
      show_result (self, _("The clipboard holds no text"), TRUE);
      return;
    }
  bytes = g_bytes_new_take (text, strlen (text));
  set_text (self, bytes, _("Pasted from the clipboard"));
}

static void
paste_clicked_cb (WflImportDialog *self)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                 clipboard_read_cb, g_object_ref (self));
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WflImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  gsize length = 0;

  if (self->document == NULL)
    return;
  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      show_result (self, error->message, TRUE);
      return;
    }
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

    set_text (self, bytes, name);
  }
}

static void
open_response_cb (WflImportDialog      *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      /* A file larger than can be imported is not read at all. */
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
      if (info != NULL && g_file_info_get_size (info) > WFL_IMPORT_MAX_BYTES)
        {
          g_autoptr(GError) error = NULL;

          g_clear_pointer (&self->table, wfl_import_table_free);
          g_assert_null (wfl_import_table_load (file, NULL, &error));
          show_result (self, error->message, TRUE);
        }
      else
        g_file_load_contents_async (file, NULL, file_loaded_cb, g_object_ref (self));
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
open_clicked_cb (WflImportDialog *self)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Open a Table"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV and tab-separated text"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (open_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_clicked_cb (WflImportDialog *self)
{
  if (self->import == NULL)
    return;
  wfl_import_apply (self->import, self->document);
  gtk_window_destroy (GTK_WINDOW (self));
}

static GtkWidget *
build_source_group (WflImportDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open File…"));
  GtkWidget *paste = gtk_button_new_with_mnemonic (_("_Paste"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Table"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Copied cells from a spreadsheet, CSV or tab-separated text"));
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_add_css_class (paste, "flat");
  gtk_box_append (GTK_BOX (buttons), open);
  gtk_box_append (GTK_BOX (buttons), paste);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), buttons);
  g_signal_connect_swapped (open, "clicked", G_CALLBACK (open_clicked_cb), self);
  g_signal_connect_swapped (paste, "clicked", G_CALLBACK (paste_clicked_cb), self);

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (self->text_view, TRUE);
  gtk_text_view_set_top_margin (self->text_view, 6);
  gtk_text_view_set_left_margin (self->text_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Table"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->text_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_widget_add_css_class (scrolled, "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), scrolled);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (buffer_changed_cb), self);

  self->source_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->source_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->source_label), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->source_label), 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->source_label));
  return group;
}

static GtkWidget *
build_columns_group (WflImportDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Columns"));
  self->header_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->header_row), _("First row is a _header"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->header_row), TRUE);
  self->header_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->header_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->header_row, GTK_WIDGET (self->header_switch));
  adw_action_row_set_activatable_widget (self->header_row, GTK_WIDGET (self->header_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->header_row));
  g_signal_connect_swapped (self->header_switch, "notify::active", G_CALLBACK (header_changed_cb), self);

  for (int f = 0; f < WFL_IMPORT_N_FIELDS; f++)
    {
      g_autofree char *title = NULL;

      if (!wfl_import_field_applies (self->kind, f))
        continue;
      title = wfl_import_field_required (self->kind, f)
              ? g_strdup (wfl_import_field_get_title (f))
              /* Translators: a field the table may leave out */
              : g_strdup_printf (_("%s (optional)"), wfl_import_field_get_title (f));
      self->field_rows[f] = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->field_rows[f]), title);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->field_rows[f]));
      g_signal_connect_swapped (self->field_rows[f], "notify::selected", G_CALLBACK (field_changed_cb), self);
    }
  return group;
}

static GtkWidget *
build_preview_group (WflImportDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Preview"));
  self->preview = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->preview, 18);
  gtk_grid_set_row_spacing (self->preview, 3);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->preview));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), scrolled);

  self->result_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->result_label, 0);
  gtk_label_set_wrap (self->result_label, TRUE);
  gtk_label_set_selectable (self->result_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->result_label), 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->result_label));
  return group;
}

static char *
target_title (WflImportDialog *self)
{
  WflScenario *s = wfl_document_get_scenario (self->document);

  if (self->kind == WFL_IMPORT_MIX)
    {
      WflLink *l = wfl_scenario_get_link (s, self->link);

      /* Translators: the target of an import: a link's mix, "from → to" */
      return g_strdup_printf (_("Mix of %s → %s"), l->from, l->to);
    }
  {
    WflNode *node = wfl_scenario_find_node (s, self->node_id);
    const char *name = wfl_node_get_display_name (node);

    return self->kind == WFL_IMPORT_ORDERS ? g_strdup_printf (_("Order book of %s"), name)
                                           : g_strdup_printf (_("Capacity of %s"), name);
  }
}

static void
build (WflImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  g_autofree char *subtitle = target_title (self);
  GtkWidget *title = adw_window_title_new (_("Import from a Spreadsheet"), subtitle);

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  gtk_widget_set_sensitive (self->import_button, FALSE);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (import_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (build_source_group (self)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (build_columns_group (self)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (build_preview_group (self)));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_title (GTK_WINDOW (self), _("Import from a Spreadsheet"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  for (int f = 0; f < WFL_IMPORT_N_FIELDS; f++)
    if (self->field_rows[f] != NULL)
      wfl_a11y_fix_combo_row (self->field_rows[f]);
  wfl_a11y_repair (GTK_WIDGET (self));
}

gboolean
wfl_import_dialog_can_import (WflDocument *document)
{
  WflScenario *s = wfl_document_get_scenario (document);
  const char *node_id = wfl_document_get_selected_node (document);

  switch (wfl_document_get_selection_kind (document))
    {
    case WFL_SELECTION_NODE:
      /* A supply or process node's capacity, a customer's order book. */
      return node_id != NULL && wfl_scenario_find_node (s, node_id) != NULL;
    case WFL_SELECTION_LINK:
      return wfl_document_get_selected_link (document) >= 0;
    case WFL_SELECTION_ORDER:
    case WFL_SELECTION_NONE:
    default:
      return FALSE;
    }
}

GtkWidget *
wfl_import_dialog_new (GtkWindow   *parent,
                       WflDocument *document)
{
  WflImportDialog *self;
  WflScenario *s = wfl_document_get_scenario (document);

  g_return_val_if_fail (wfl_import_dialog_can_import (document), NULL);

  self = g_object_new (WFL_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  if (wfl_document_get_selection_kind (document) == WFL_SELECTION_LINK)
    {
      self->kind = WFL_IMPORT_MIX;
      self->link = wfl_document_get_selected_link (document);
    }
  else
    {
      self->node_id = g_strdup (wfl_document_get_selected_node (document));
      self->kind = wfl_scenario_find_node (s, self->node_id)->kind == WFL_NODE_KIND_CUSTOMER
                   ? WFL_IMPORT_ORDERS : WFL_IMPORT_CAPACITY;
    }
  self->mapping.kind = self->kind;
  for (int f = 0; f < WFL_IMPORT_N_FIELDS; f++)
    self->mapping.columns[f] = -1;
  build (self);
  update (self);
  return GTK_WIDGET (self);
}

void
_wfl_import_dialog_set_text (WflImportDialog *self,
                             const char      *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  set_text (self, bytes, "test");
}

const char *
_wfl_import_dialog_get_result (WflImportDialog *self,
                               gboolean        *can_import)
{
  *can_import = gtk_widget_get_sensitive (self->import_button);
  return gtk_label_get_text (self->result_label);
}

void
_wfl_import_dialog_import (WflImportDialog *self)
{
  import_clicked_cb (self);
}
