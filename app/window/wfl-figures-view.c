/* wfl-figures-view.c: the numbers behind the charts as tables
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-figures-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "wfl-a11y.h"
#include "wfl-figures-series.h"
#include "wfl-figures-view-private.h"
#include "wfl-timeseries-compute.h"

/* A page beside the Sankey and the Gantt: one of the tables of
 * wfl-figures.c in a GtkColumnView, sortable by any column (a click on
 * its header), filtered by the text of its text cells, rows selectable;
 * Copy (Ctrl+C) puts the selected rows (all shown rows when none is
 * selected) on the clipboard as tab-separated text with a header, which
 * a spreadsheet pastes as cells.  The tables follow the document's
 * results; while a new run is on its way the last ones stay. */

/* A row of the table: its index. */
#define WFL_TYPE_FIGURES_ROW (wfl_figures_row_get_type ())
G_DECLARE_FINAL_TYPE (WflFiguresRow, wfl_figures_row, WFL, FIGURES_ROW, GObject)

struct _WflFiguresRow
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (WflFiguresRow, wfl_figures_row, G_TYPE_OBJECT)

static void
wfl_figures_row_class_init (WflFiguresRowClass *klass)
{
}

static void
wfl_figures_row_init (WflFiguresRow *self)
{
}

struct _WflFiguresView
{
  GtkWidget           parent_instance;

  WflDocument        *document;
  WflFiguresTable    *table;
  WflFiguresKind      kind;

  GtkStack           *pages;        /* the tables, the time series */
  WflFiguresSeries   *series;
  GtkDropDown        *table_choice;
  GtkStack           *table_or_empty;  /* the table, or "No products in this scenario" */
  GtkLabel           *caption;      /* what compute is counted in, when a table shows some */
  GtkWidget          *measure_box;
  GtkToggleButton    *units_button;
  GtkToggleButton    *compute_button;
  WflMeasure          measure;        /* of the table shown */
  int                 first_week;     /* the window of the table shown */
  int                 last_week;
  GtkSearchEntry     *search;
  GtkColumnView      *column_view;
  GListStore         *rows;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkMultiSelection  *selection;
  char               *needle;       /* casefolded filter text, or NULL */
  gboolean            stale;        /* new results came while the page was hidden */
};

G_DEFINE_FINAL_TYPE (WflFiguresView, wfl_figures_view, GTK_TYPE_WIDGET)

static gboolean
row_matches (gpointer item,
             gpointer user_data)
{
  WflFiguresView *self = user_data;
  guint row = WFL_FIGURES_ROW (item)->index;

  if (self->needle == NULL || self->table == NULL)
    return TRUE;
  for (guint c = 0; c < wfl_figures_table_get_n_columns (self->table); c++)
    {
      const char *text = wfl_figures_table_get_type (self->table, c) == WFL_FIGURE_TEXT
                         ? wfl_figures_table_get_text (self->table, row, c) : NULL;
      g_autofree char *folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;

      if (folded != NULL && strstr (folded, self->needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GtkColumnViewColumn *column = user_data;
  WflFiguresView *self = g_object_get_data (G_OBJECT (column), "wfl-view");
  guint c = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (column), "wfl-column"));
  guint x = WFL_FIGURES_ROW ((gpointer) a)->index, y = WFL_FIGURES_ROW ((gpointer) b)->index;
  double u, v;

  if (self->table == NULL || c >= wfl_figures_table_get_n_columns (self->table))
    return 0;
  if (wfl_figures_table_get_type (self->table, c) == WFL_FIGURE_TEXT)
    return g_utf8_collate (wfl_figures_table_get_text (self->table, x, c),
                           wfl_figures_table_get_text (self->table, y, c));
  u = wfl_figures_table_get_number (self->table, x, c);
  v = wfl_figures_table_get_number (self->table, y, c);
  /* Empty cells last. */
  if (isnan (u) || isnan (v))
    return isnan (u) - isnan (v);
  return (u > v) - (u < v);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "wfl-number"));

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

/* GTK 4.8 names a column view's rows and cells by their widget types: a
 * cell is named "title: value", a row by its text cells ("cowos-tsmc,
 * CoWoS-S packaging, TSMC (Nvidia), package, 2024 Q3"), so that a screen
 * reader says what it is on. */
static void
name_row (WflFiguresView *self,
          GtkWidget      *label,
          guint           row,
          guint           column,
          const char     *text)
{
  GtkWidget *cell = gtk_widget_get_parent (label);
  GtkWidget *row_widget = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
  g_autofree char *title = g_strdup (wfl_figures_table_get_title (self->table, column));
  g_autofree char *name = NULL;

  if (cell == NULL)
    return;
  g_strdelimit (title, "_", ' ');
  name = g_strdup_printf ("%s: %s", title, text[0] != '\0' ? text : "—");
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (row_widget != NULL)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint c = 0; c < wfl_figures_table_get_n_columns (self->table); c++)
        if (wfl_figures_table_get_type (self->table, c) == WFL_FIGURE_TEXT)
          g_string_append_printf (all, "%s%s", all->len > 0 ? ", " : "",
                                  wfl_figures_table_get_text (self->table, row, c));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row_widget), GTK_ACCESSIBLE_PROPERTY_LABEL, all->str, -1);
    }
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              WflFiguresView           *self)
{
  guint c = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "wfl-column"));
  WflFiguresRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (self->table == NULL || c >= wfl_figures_table_get_n_columns (self->table))
    return;
  text = wfl_figures_table_format_cell (self->table, row->index, c, TRUE);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  name_row (self, gtk_list_item_get_child (item), row->index, c, text);
}

/* The column's title for the user: the data name (which the copied
 * table keeps, as the CSV tables do) in the user's language; a quarter
 * ("2024 Q3") as it is. */
static char *
column_title (const char *title)
{
  static const struct { const char *name; const char *title; } titles[] = {
    { "customer", N_("Customer") }, { "name", N_("Name") }, { "unit", N_("Unit") },
    { "total", N_("Total") }, { "node", N_("Node") }, { "quarter", N_("Quarter") },
    { "capacity", N_("Capacity") }, { "starts", N_("Starts") },
    { "utilisation", N_("Utilisation") }, { "weeks_bound", N_("Weeks capacity-bound") },
    { "stock", N_("Stock") }, { "order", N_("Order") }, { "quantity", N_("Quantity") },
    { "placed", N_("Placed") }, { "due", N_("Due") }, { "filled", N_("Filled") },
    { "lead_time_weeks", N_("Lead time (weeks)") },
    { "allocation_weeks", N_("Allocation (weeks)") }, { "stock_weeks", N_("Stock (weeks)") },
    { "work_weeks", N_("Work (weeks)") }, { "wait_weeks", N_("Waiting (weeks)") },
    { "transit_weeks", N_("Transit (weeks)") }, { "lateness_weeks", N_("Lateness (weeks)") },
    { "product", N_("Product") }, { "compute_per_unit", N_("Compute per unit") },
    { "delivered_in_window", N_("Delivered in window") },
    { "compute_in_window", N_("Compute in window") },
  };
  char *text;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (title, titles[i].name))
      return g_strdup (_(titles[i].title));
  text = g_strdup (title);
  g_strdelimit (text, "_", ' ');
  return text;
}

static void
rebuild_columns (WflFiguresView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }
  for (guint c = 0; c < wfl_figures_table_get_n_columns (self->table); c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autofree char *title = column_title (wfl_figures_table_get_title (self->table, c));
      GtkColumnViewColumn *column;
      gboolean text = wfl_figures_table_get_type (self->table, c) == WFL_FIGURE_TEXT;

      g_object_set_data (G_OBJECT (factory), "wfl-column", GUINT_TO_POINTER (c));
      g_object_set_data (G_OBJECT (factory), "wfl-number", GINT_TO_POINTER (!text));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
      column = gtk_column_view_column_new (title, factory);
      g_object_set_data (G_OBJECT (column), "wfl-view", self);
      g_object_set_data (G_OBJECT (column), "wfl-column", GUINT_TO_POINTER (c));
      gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (compare_rows, column, NULL)));
      gtk_column_view_column_set_resizable (column, TRUE);
      /* Numbers: wide enough for their title ("Delivered in window"). */
      gtk_column_view_column_set_fixed_width (column, g_strcmp0 (wfl_figures_table_get_title (self->table, c), "name") == 0
                                                      ? 220 : text ? -1 : MAX (96, 8 * (int) g_utf8_strlen (title, -1) + 16));
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

/* Shows the table of the chosen kind from the document's results; while
 * the page is hidden, only notes that it must (a table of thousands of
 * rows is no work to do for every edit nobody looks at). */
static void refresh_now (WflFiguresView *self);

static void
refresh (WflFiguresView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  refresh_now (self);
}

static void
wfl_figures_view_map (GtkWidget *widget)
{
  WflFiguresView *self = WFL_FIGURES_VIEW (widget);

  GTK_WIDGET_CLASS (wfl_figures_view_parent_class)->map (widget);
  if (self->stale)
    refresh_now (self);
}

/* The measure the document reads, units when the results have no
 * products; the switch shows it and is there only with products. */
static WflMeasure
current_measure (WflFiguresView *self,
                 WflSimulation  *results)
{
  gboolean products = results != NULL && wfl_compute_available (results);
  WflMeasure measure = products && self->document != NULL ? wfl_document_get_measure (self->document)
                       : WFL_MEASURE_UNITS;

  gtk_widget_set_sensitive (self->measure_box, products);
  gtk_widget_set_tooltip_text (self->measure_box, products ? NULL
                               : _("This scenario has no products, whose compute the figures could be counted in"));
  gtk_toggle_button_set_active (measure == WFL_MEASURE_COMPUTE ? self->compute_button : self->units_button, TRUE);
  return measure;
}

/* Says what the figures of a table with compute are in. */
static void
update_caption (WflFiguresView *self,
                WflSimulation  *results)
{
  g_autofree char *unit = NULL;
  g_autofree char *text = NULL;
  gboolean compute = self->measure == WFL_MEASURE_COMPUTE;

  if (!wfl_compute_available (results) ||
      (self->kind != WFL_FIGURES_PRODUCTS && !(compute && self->kind == WFL_FIGURES_DELIVERIES)))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->caption), FALSE);
      return;
    }
  unit = wfl_compute_unit_label (results);
  if (self->kind == WFL_FIGURES_DELIVERIES)
    /* Translators: above the Deliveries table read in compute; %s is
     * what compute is counted in ("H100 equivalents") */
    text = g_strdup_printf (_("Compute customers received, in %s (units of no product count 0)"), unit);
  else if (compute)
    /* Translators: above the Products table; %s is what compute is
     * counted in ("H100 equivalents") */
    text = g_strdup_printf (_("Compute in %s; delivered in window in units; the quarters and total in compute"), unit);
  else
    /* Translators: above the Products table; %s is what compute is
     * counted in ("H100 equivalents") */
    text = g_strdup_printf (_("Compute in %s; delivered in window, the quarters and total in units"), unit);
  gtk_label_set_text (self->caption, text);
  gtk_widget_set_visible (GTK_WIDGET (self->caption), TRUE);
}

static void
refresh_now (WflFiguresView *self)
{
  WflSimulation *results = self->document != NULL ? wfl_document_get_results (self->document) : NULL;
  guint old_columns = self->table != NULL ? wfl_figures_table_get_n_columns (self->table) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean same_shape;

  self->stale = FALSE;
  if (results == NULL)
    return;
  self->measure = current_measure (self, results);
  wfl_document_get_sankey_window (self->document, &self->first_week, &self->last_week);
  gtk_stack_set_visible_child_name (self->table_or_empty,
                                    self->kind == WFL_FIGURES_PRODUCTS && !wfl_compute_available (results)
                                    ? "empty" : "table");
  update_caption (self, results);
  /* The rows are indices of the old table: out before it goes. */
  g_list_store_remove_all (self->rows);
  g_clear_pointer (&self->table, wfl_figures_table_free);
  self->table = wfl_figures_table_new_full (results, self->kind, self->measure, self->first_week, self->last_week);
  /* The kind and measure name the columns ("total" in units or compute). */
  same_shape = old_columns == wfl_figures_table_get_n_columns (self->table) &&
               g_object_get_data (G_OBJECT (self), "wfl-kind") == GUINT_TO_POINTER (self->kind * 2 + self->measure + 1);
  g_object_set_data (G_OBJECT (self), "wfl-kind", GUINT_TO_POINTER (self->kind * 2 + self->measure + 1));
  if (!same_shape)
    rebuild_columns (self);
  for (guint r = 0; r < wfl_figures_table_get_n_rows (self->table); r++)
    {
      WflFiguresRow *row = g_object_new (WFL_TYPE_FIGURES_ROW, NULL);

      row->index = r;
      g_ptr_array_add (items, row);
    }
  g_list_store_splice (self->rows, 0, 0, items->pdata, items->len);
}

/* A new window or measure: the Products table follows the window, the
 * tables of deliveries the measure. */
static void
view_changed_cb (WflFiguresView *self)
{
  WflSimulation *results = wfl_document_get_results (self->document);
  int first, last;

  if (results == NULL || self->table == NULL)
    return;
  wfl_document_get_sankey_window (self->document, &first, &last);
  if (current_measure (self, results) != self->measure ||
      (self->kind == WFL_FIGURES_PRODUCTS && (first != self->first_week || last != self->last_week)))
    refresh (self);
}

static void
measure_toggled_cb (GtkToggleButton *button,
                    WflFiguresView  *self)
{
  if (!gtk_toggle_button_get_active (button) || self->document == NULL ||
      wfl_document_get_results (self->document) == NULL ||
      !wfl_compute_available (wfl_document_get_results (self->document)))
    return;
  wfl_document_set_measure (self->document, button == self->compute_button ? WFL_MEASURE_COMPUTE : WFL_MEASURE_UNITS);
}

static void
table_changed_cb (WflFiguresView *self)
{
  self->kind = gtk_drop_down_get_selected (self->table_choice);
  refresh (self);
}

static void
search_changed_cb (WflFiguresView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));

  g_clear_pointer (&self->needle, g_free);
  if (text[0] != '\0')
    self->needle = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

char *
_wfl_figures_view_get_copy_text (WflFiguresView *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean all = gtk_bitset_is_empty (selected);

  if (self->table == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (all || gtk_bitset_contains (selected, i))
      {
        g_autoptr(WflFiguresRow) row = g_list_model_get_item (model, i);

        g_array_append_val (rows, row->index);
      }
  return wfl_figures_table_to_tsv (self->table, (const guint *) (const void *) rows->data, rows->len);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WflFiguresView *self = WFL_FIGURES_VIEW (widget);
  g_autofree char *text = _wfl_figures_view_get_copy_text (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
wfl_figures_view_dispose (GObject *object)
{
  WflFiguresView *self = WFL_FIGURES_VIEW (object);
  GtkWidget *child;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->table, wfl_figures_table_free);
  g_clear_pointer (&self->needle, g_free);
  G_OBJECT_CLASS (wfl_figures_view_parent_class)->dispose (object);
}

static void
wfl_figures_view_class_init (WflFiguresViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wfl_figures_view_dispose;
  widget_class->map = wfl_figures_view_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "figures.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "figures.copy", NULL);
}

/* What the Products table shows for a scenario without products. */
static GtkWidget *
empty_page (void)
{
  GtkWidget *label = gtk_label_new (_("No products in this scenario"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *hint = gtk_label_new (_("Products with their compute per unit are listed in <products> "
                                     "(format version 2); customers’ deliveries are then counted per product."));

  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 60);
  gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (box, TRUE);
  return box;
}

/* Units | Compute: what the figures of customer deliveries are read in
 * (the tables and the time series), saved with the file. */
static GtkWidget *
measure_switch (WflFiguresView *self)
{
  self->measure_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->measure_box, "linked");
  self->units_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Units")));
  self->compute_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("Co_mpute")));
  gtk_toggle_button_set_group (self->compute_button, self->units_button);
  gtk_toggle_button_set_active (self->units_button, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->units_button), _("Count customers’ deliveries in units"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compute_button),
                               _("Count customers’ deliveries in compute: each product’s units times its compute "
                                 "per unit, in equivalents of the reference product"));
  gtk_box_append (GTK_BOX (self->measure_box), GTK_WIDGET (self->units_button));
  gtk_box_append (GTK_BOX (self->measure_box), GTK_WIDGET (self->compute_button));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->measure_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Count deliveries in"), -1);
  gtk_widget_set_sensitive (self->measure_box, FALSE);
  g_signal_connect (self->units_button, "toggled", G_CALLBACK (measure_toggled_cb), self);
  g_signal_connect (self->compute_button, "toggled", G_CALLBACK (measure_toggled_cb), self);
  return self->measure_box;
}

static void
wfl_figures_view_init (WflFiguresView *self)
{
  const char *tables[] = { _("Deliveries per quarter"), _("Nodes per quarter"), _("Orders"), _("Products"), NULL };
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *switcher, *top;
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  self->table_choice = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (tables));
  wfl_a11y_name_drop_down (self->table_choice, _("Table"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->table_choice));
  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search), TRUE);
  g_object_set (self->search, "placeholder-text", _("Filter by node, customer or order"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter"), -1);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search));
  gtk_widget_set_tooltip_text (copy, _("Copy the selected rows (or all shown) as cells for a spreadsheet (Ctrl+C)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "figures.copy");
  gtk_box_append (GTK_BOX (bar), copy);
  gtk_box_append (GTK_BOX (box), bar);
  self->caption = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->caption, 0);
  gtk_label_set_wrap (self->caption, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->caption), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (self->caption), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->caption), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->caption), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->caption), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->caption));

  self->rows = g_list_store_new (WFL_TYPE_FIGURES_ROW);
  self->filter = gtk_custom_filter_new (row_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->rows), GTK_FILTER (self->filter));
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (self->sorted));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (self->selection);
  gtk_column_view_set_show_column_separators (self->column_view, TRUE);
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Figures"), -1);
  /* The list inside the column view and its header row, and the search
   * entry's text. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    GTK_IS_LIST_VIEW (child) ? _("Rows") : _("Column headers"), -1);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->search)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TEXT (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_choice), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Table"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->table_or_empty = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->table_or_empty, scrolled, "table");
  gtk_stack_add_named (self->table_or_empty, empty_page (), "empty");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->table_or_empty));

  /* Two pages: the tables, and the time series of a node or customer. */
  self->pages = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_titled (self->pages, box, "tables", _("Tables"));
  self->series = WFL_FIGURES_SERIES (wfl_figures_series_new ());
  gtk_stack_add_titled (self->pages, GTK_WIDGET (self->series), "series", _("Time Series"));
  gtk_widget_set_vexpand (GTK_WIDGET (self->pages), TRUE);
  switcher = gtk_stack_switcher_new ();
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), self->pages);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tables or Time Series"), -1);
  top = gtk_center_box_new ();
  gtk_widget_set_margin_top (top, 6);
  gtk_widget_set_margin_end (top, 6);
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (top), switcher);
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (top), measure_switch (self));
  gtk_box_append (GTK_BOX (outer), top);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->pages));
  gtk_widget_set_parent (outer, GTK_WIDGET (self));

  g_signal_connect_swapped (self->table_choice, "notify::selected", G_CALLBACK (table_changed_cb), self);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (search_changed_cb), self);
}

GtkWidget *
wfl_figures_view_new (void)
{
  return g_object_new (WFL_TYPE_FIGURES_VIEW, NULL);
}

void
wfl_figures_view_set_document (WflFiguresView *self,
                               WflDocument    *document)
{
  g_return_if_fail (WFL_IS_FIGURES_VIEW (self));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "results-changed", G_CALLBACK (refresh), self);
      g_signal_connect_swapped (document, "view-changed", G_CALLBACK (view_changed_cb), self);
    }
  wfl_figures_series_set_document (self->series, document);
  refresh (self);
}

void
wfl_figures_view_show_series (WflFiguresView *self,
                              const char     *node_id,
                              gboolean        lead_time)
{
  g_return_if_fail (WFL_IS_FIGURES_VIEW (self));

  gtk_stack_set_visible_child_name (self->pages, "series");
  wfl_figures_series_show (self->series, node_id,
                           lead_time ? WFL_FIGURES_SERIES_LEAD_TIME : WFL_FIGURES_SERIES_WEEKS);
  gtk_widget_grab_focus (GTK_WIDGET (wfl_figures_series_get_view (self->series)));
}

WflFiguresSeries *
_wfl_figures_view_get_series (WflFiguresView *self)
{
  return self->series;
}

GListModel *
_wfl_figures_view_get_model (WflFiguresView *self)
{
  return G_LIST_MODEL (self->selection);
}

void
_wfl_figures_view_set_table (WflFiguresView *self,
                             WflFiguresKind  kind,
                             const char     *filter)
{
  gtk_drop_down_set_selected (self->table_choice, kind);
  gtk_editable_set_text (GTK_EDITABLE (self->search), filter != NULL ? filter : "");
  search_changed_cb (self);
  refresh_now (self);
}

const WflFiguresTable *
_wfl_figures_view_get_table (WflFiguresView *self)
{
  return self->table;
}

GtkColumnView *
_wfl_figures_view_get_column_view (WflFiguresView *self)
{
  return self->column_view;
}

guint
_wfl_figures_view_row_get_index (gpointer row)
{
  return WFL_FIGURES_ROW (row)->index;
}

GtkToggleButton *
_wfl_figures_view_get_measure_button (WflFiguresView *self,
                                      WflMeasure      measure)
{
  return measure == WFL_MEASURE_COMPUTE ? self->compute_button : self->units_button;
}

const char *
_wfl_figures_view_get_table_page (WflFiguresView *self)
{
  return gtk_stack_get_visible_child_name (self->table_or_empty);
}
