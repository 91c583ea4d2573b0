/* wfl-compare-view.c: the table of deltas of a comparison, as a page of the window
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-compare-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wfl-compare-view-private.h"
#include "wfl-format.h"
#include "wfl-window.h"

/* The Compare page (docs/architecture.md, "Comparing two scenarios"): a
 * GtkColumnView of the session's comparison, a row per figure, with the
 * baseline's value, the document's, the difference and the change in
 * percent; "Differences only" hides the rows whose figures agree; Copy
 * puts the rows shown on the clipboard as tab-separated text with a
 * header (wfl_comparison_to_tsv()).  Without a baseline the page says how
 * to choose one (the win.compare-* actions).  The table follows the
 * session: an edit empties it until the new results come. */

/* A row of the table: its index in the comparison. */
#define WFL_TYPE_COMPARE_ROW (wfl_compare_row_get_type ())
G_DECLARE_FINAL_TYPE (WflCompareRowItem, wfl_compare_row, WFL, COMPARE_ROW, GObject)

struct _WflCompareRowItem
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (WflCompareRowItem, wfl_compare_row, G_TYPE_OBJECT)

static void
wfl_compare_row_class_init (WflCompareRowItemClass *klass)
{
}

static void
wfl_compare_row_init (WflCompareRowItem *self)
{
}

struct _WflCompareView
{
  GtkWidget           parent_instance;

  WflCompareSession  *session;
  WflComparison      *comparison;    /* the session's, as last shown (not owned) */
  GtkStack           *stack;
  GtkLabel           *summary;
  GtkSwitch          *differences_only;
  GtkColumnView      *column_view;
  GListStore         *rows;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
};

G_DEFINE_FINAL_TYPE (WflCompareView, wfl_compare_view, GTK_TYPE_WIDGET)

static const char *column_titles[WFL_COMPARE_VIEW_N_COLUMNS] = {
  N_("Subject"), N_("Figure"), N_("Baseline"), N_("This Scenario"), N_("Difference"), N_("Change"),
};

/* A figure in the user's locale: shares and fill rates as percentages,
 * weeks with one decimal, ranks whole, units rounded as the charts do. */
static char *
format_figure (WflCompareMeasure measure,
               double            value,
               gboolean          change)
{
  g_autofree char *number = NULL;
  const char *sign = change && value > 0 ? "+" : "";

  if (isnan (value))
    return g_strdup ("—");
  switch (measure)
    {
    case WFL_COMPARE_FILL_RATE:
    case WFL_COMPARE_UTILISATION:
      number = wfl_format_number_locale (round (value * 1000) / 10, TRUE);
      /* Translators: a share in the table of deltas; %s is the number */
      return g_strdup_printf (change ? _("%s%s pt") : _("%s%s %%"), sign, number);
    case WFL_COMPARE_LEAD_TIME:
    case WFL_COMPARE_WEEKS_BOUND:
      number = wfl_format_number_locale (round (value * 10) / 10, TRUE);
      /* Translators: weeks in the table of deltas; %s is the number */
      return g_strdup_printf (_("%s%s wk"), sign, number);
    case WFL_COMPARE_BOTTLENECK_RANK:
      number = wfl_format_number_locale (round (value), TRUE);
      return g_strdup_printf ("%s%s", sign, number);
    default:
      number = wfl_format_quantity_locale (value);
      return g_strdup_printf ("%s%s", sign, number);
    }
}

char *
_wfl_compare_view_format_cell (WflCompareView *self,
                               guint           index,
                               guint           column)
{
  const WflCompareRow *row;

  g_return_val_if_fail (WFL_IS_COMPARE_VIEW (self), NULL);
  if (self->comparison == NULL || index >= wfl_comparison_get_n_rows (self->comparison))
    return NULL;
  row = wfl_comparison_get_row (self->comparison, index);
  switch (column)
    {
    case WFL_COMPARE_VIEW_SUBJECT:
      return g_strdup (row->name);
    case WFL_COMPARE_VIEW_FIGURE:
      if (row->product != NULL && row->subject != WFL_COMPARE_PRODUCT)
        return g_strdup_printf ("%s (%s)", wfl_compare_measure_label (row->measure), row->product);
      return g_strdup (wfl_compare_measure_label (row->measure));
    case WFL_COMPARE_VIEW_BASELINE:
      /* Translators: a figure of something the other scenario lacks */
      return row->in_baseline ? format_figure (row->measure, row->baseline, FALSE) : g_strdup (_("absent"));
    case WFL_COMPARE_VIEW_VARIANT:
      return row->in_variant ? format_figure (row->measure, row->variant, FALSE) : g_strdup (_("absent"));
    case WFL_COMPARE_VIEW_DIFFERENCE:
      return format_figure (row->measure, row->difference, TRUE);
    case WFL_COMPARE_VIEW_PERCENT:
      {
        g_autofree char *number = NULL;

        if (isnan (row->percent))
          return g_strdup ("—");
        number = wfl_format_number_locale (round (row->percent * 10) / 10, TRUE);
        return g_strdup_printf ("%s%s %%", row->percent > 0 ? "+" : "", number);
      }
    default:
      return NULL;
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint c = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "wfl-column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), c >= WFL_COMPARE_VIEW_BASELINE ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (c >= WFL_COMPARE_VIEW_BASELINE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              WflCompareView           *self)
{
  guint c = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "wfl-column"));
  WflCompareRowItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = _wfl_compare_view_format_cell (self, row->index, c);
  g_autofree char *name = NULL;
  const WflCompareRow *r;

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  if (self->comparison == NULL || row->index >= wfl_comparison_get_n_rows (self->comparison))
    return;
  /* The difference in the comparison's colours: what differs stands out. */
  r = wfl_comparison_get_row (self->comparison, row->index);
  gtk_widget_remove_css_class (label, "dim-label");
  if (c >= WFL_COMPARE_VIEW_DIFFERENCE && !r->differs)
    gtk_widget_add_css_class (label, "dim-label");
  /* A screen reader hears "title: value". */
  name = g_strdup_printf ("%s: %s", _(column_titles[c]), text != NULL && *text != '\0' ? text : "—");
  if (gtk_widget_get_parent (label) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (label)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static gboolean
row_shown (gpointer item,
           gpointer user_data)
{
  WflCompareView *self = user_data;
  guint i = WFL_COMPARE_ROW (item)->index;

  if (!gtk_switch_get_active (self->differences_only) || self->comparison == NULL ||
      i >= wfl_comparison_get_n_rows (self->comparison))
    return TRUE;
  return wfl_comparison_get_row (self->comparison, i)->differs;
}

static void
update_summary (WflCompareView *self)
{
  const char *label = wfl_compare_session_get_baseline_label (self->session);
  g_autofree char *text = NULL;

  if (label == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "table");
  if (self->comparison == NULL)
    /* Translators: the Compare page while the document re-simulates; %s is the baseline */
    text = g_strdup_printf (_("Compared with %s · Simulating…"), label);
  else
    {
      int first, last, base_first, base_last;
      WflSimulation *results = wfl_document_get_results (wfl_compare_session_get_document (self->session));
      guint n = wfl_comparison_count_differences (self->comparison);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      wfl_comparison_get_window (self->comparison, &first, &last, &base_first, &base_last);
      from = wfl_format_date_locale (wfl_simulation_get_week_date (results, first));
      to = wfl_format_date_locale (wfl_simulation_get_week_date (results, last) + 6);
      /* Translators: the Compare page's summary: the baseline, the window's
       * first and last days, how many figures differ */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Compared with %s · %s – %s · %u figure differs",
                                           "Compared with %s · %s – %s · %u figures differ", n),
                              label, from, to, n);
    }
  gtk_label_set_text (self->summary, text);
}

static void
refresh (WflCompareView *self)
{
  guint n;

  self->comparison = wfl_compare_session_get_comparison (self->session);
  n = self->comparison != NULL ? wfl_comparison_get_n_rows (self->comparison) : 0;
  {
    g_autofree gpointer *items = g_new (gpointer, n + 1);

    for (guint i = 0; i < n; i++)
      {
        WflCompareRowItem *row = g_object_new (WFL_TYPE_COMPARE_ROW, NULL);

        row->index = i;
        items[i] = row;
      }
    g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), items, n);
    for (guint i = 0; i < n; i++)
      g_object_unref (items[i]);
  }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
}

static void
differences_only_cb (WflCompareView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), gtk_switch_get_active (self->differences_only)
                                                 ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
}

char *
_wfl_compare_view_copy_text (WflCompareView *self)
{
  g_return_val_if_fail (WFL_IS_COMPARE_VIEW (self), NULL);
  if (self->comparison == NULL)
    return NULL;
  return wfl_comparison_to_tsv (self->comparison, gtk_switch_get_active (self->differences_only));
}

static void
copy_cb (WflCompareView *self)
{
  g_autofree char *text = _wfl_compare_view_copy_text (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  if (WFL_IS_WINDOW (root))
    wfl_window_add_toast (WFL_WINDOW (root), _("Table of deltas copied"));
}

static GtkWidget *
build_empty (void)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *file = gtk_button_new_with_mnemonic (_("Compare With _File…"));
  GtkWidget *saved = gtk_button_new_with_mnemonic (_("Compare With _Last Saved Version"));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "view-dual-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Compare Two Scenarios"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("Choose a baseline: another scenario file, this scenario as last saved, "
                                     "or this scenario before one of its edits (Compare menu). "
                                     "The Sankey then shows the difference and the Gantt each order’s slip."));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (file), "win.compare-file");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (saved), "win.compare-saved");
  gtk_widget_add_css_class (file, "pill");
  gtk_widget_add_css_class (file, "suggested-action");
  gtk_widget_add_css_class (saved, "pill");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), file);
  gtk_box_append (GTK_BOX (box), saved);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), box);
  return page;
}

static GtkWidget *
build_toolbar (WflCompareView *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *only = gtk_label_new_with_mnemonic (_("_Differences Only"));
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy as Text"));
  GtkWidget *stop = gtk_button_new_with_mnemonic (_("_Stop Comparing"));

  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_ellipsize (self->summary, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->summary), TRUE);
  self->differences_only = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->differences_only), GTK_ALIGN_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (only), GTK_WIDGET (self->differences_only));
  g_signal_connect_object (self->differences_only, "notify::active", G_CALLBACK (differences_only_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_tooltip_text (copy, _("Copy the rows shown as tab-separated text, for a spreadsheet"));
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_cb), self, G_CONNECT_SWAPPED);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (stop), "win.compare-stop");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (bar), only);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->differences_only));
  gtk_box_append (GTK_BOX (bar), copy);
  gtk_box_append (GTK_BOX (bar), stop);
  return bar;
}

static GtkWidget *
build_table (WflCompareView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkNoSelection *selection;

  self->rows = g_list_store_new (WFL_TYPE_COMPARE_ROW);
  self->filter = gtk_custom_filter_new (row_shown, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (selection)));
  gtk_column_view_set_show_column_separators (self->column_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Table of Deltas"), -1);
  /* The list inside the column view and its header row (as the Figures
   * view names them). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    GTK_IS_LIST_VIEW (child) ? _("Rows") : _("Column headers"), -1);
  for (guint c = 0; c < WFL_COMPARE_VIEW_N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "wfl-column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
      g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);
      column = gtk_column_view_column_new (_(column_titles[c]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, c == WFL_COMPARE_VIEW_SUBJECT || c == WFL_COMPARE_VIEW_FIGURE);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->column_view));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), build_toolbar (self));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), scroller);
  return box;
}

static void
wfl_compare_view_dispose (GObject *object)
{
  WflCompareView *self = WFL_COMPARE_VIEW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  self->comparison = NULL;
  g_clear_pointer ((GtkWidget **) &self->stack, gtk_widget_unparent);
  g_clear_object (&self->rows);
  g_clear_object (&self->filter);
  g_clear_object (&self->filtered);
  G_OBJECT_CLASS (wfl_compare_view_parent_class)->dispose (object);
}

static void
wfl_compare_view_class_init (WflCompareViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wfl_compare_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
wfl_compare_view_init (WflCompareView *self)
{
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, build_empty (), "empty");
  gtk_stack_add_named (self->stack, build_table (self), "table");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
}

GtkWidget *
wfl_compare_view_new (WflCompareSession *session)
{
  WflCompareView *self;

  g_return_val_if_fail (WFL_IS_COMPARE_SESSION (session), NULL);

  self = g_object_new (WFL_TYPE_COMPARE_VIEW, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
  return GTK_WIDGET (self);
}

GListModel *
_wfl_compare_view_get_model (WflCompareView *self)
{
  g_return_val_if_fail (WFL_IS_COMPARE_VIEW (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

guint
_wfl_compare_view_row_index (gpointer item)
{
  return WFL_COMPARE_ROW (item)->index;
}

void
_wfl_compare_view_set_differences_only (WflCompareView *self,
                                        gboolean        only)
{
  g_return_if_fail (WFL_IS_COMPARE_VIEW (self));
  gtk_switch_set_active (self->differences_only, only);
}

const char *
_wfl_compare_view_get_summary (WflCompareView *self)
{
  g_return_val_if_fail (WFL_IS_COMPARE_VIEW (self), NULL);
  return gtk_label_get_text (self->summary);
}
