/* wfl-gantt-view.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-gantt-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wfl-chart-item.h"
#include "wfl-chart-style.h"
#include "wfl-experiment-charts.h"
#include "wfl-format.h"
#include "wfl-gantt-render.h"
#include "wfl-gantt-menus.h"
#include "wfl-gantt-text.h"
#include "wfl-gantt-view-private.h"
#include "wfl-widget-style.h"

/*
 * A custom-drawn widget over the shared Gantt painter.  The chart is
 * built when the document's results, scenario or Gantt settings change,
 * the layout when the chart, the size or the zoom changes; scrolling
 * only moves the layout's boxes (wfl_gantt_layout_set_scroll) and
 * snapshot() only paints.  The widget is a GtkScrollable: put it in a
 * GtkScrolledWindow for scrollbars; the header, the label column and
 * the legend stay put while the rows and the time axis scroll.
 */

struct _WflGanttView
{
  GtkWidget             parent_instance;

  /* Owned references */
  WflDocument          *document;
  WflGanttChart        *chart;          /* NULL: nothing to show */
  WflGanttLayout       *layout;         /* NULL: no chart or no size */
  gboolean              stale;          /* the document changed while hidden */
  WflGanttTextMeasurer *measurer;
  GHashTable           *row_index;      /* row id -> row index + 1 */
  GSimpleActionGroup   *actions;
  WflChartItems         items;          /* a screen reader's: one per row */
  GtkAdjustment        *hadjustment;
  GtkAdjustment        *vadjustment;
  char                 *empty_text;     /* why there is no chart */

  /* View state, mirrored from the document */
  WflGanttMode          mode;
  WflZoom               zoom;           /* shown; the fit's level when fitting */
  int                   doc_zoom;       /* the document's, as last seen */
  WflDate               as_of;
  int                   sankey_first;
  int                   sankey_last;
  gboolean              fit;
  char                 *customer;       /* orders of this customer (group) only; NULL = all */
  gboolean              in_window;      /* orders with a bar or marker in the Sankey's weeks only */
  WflGanttChart        *baseline;       /* a comparison's baseline orders, or NULL */
  gboolean              by_slip;        /* rows by slip against the baseline */
  WflGanttGrouping      group_by;       /* orders under group headers (this window's) */
  GHashTable           *collapsed;      /* the keys of the collapsed groups */
  char                 *header;         /* the selected group header's row id, or NULL */
  GMenu                *group_menu;     /* the Rows menu's grouping section */
  gboolean              group_products; /* it offers grouping by product */
  GHashTable           *whiskers;       /* row id -> double[3], a Monte Carlo's, or NULL */
  GMenu                *customers_menu; /* "All Customers" and one item per customer */
  GMenu                *rows_menu;      /* the Rows menu: the window and the customers */
  char                 *customers_key;  /* the customers the menu lists, joined */

  WflGanttRenderState   state;
  int                   selected_row;
  int                   layout_width;
  int                   layout_height;
  double                pointer_x;
  double                pointer_y;
  double                zoom_scroll;    /* Ctrl+scroll accumulated */
  double                anchor_x;       /* keep the week here across a zoom; NAN = left edge */
  guint                 fit_zoom_source;

  guint                 hscroll_policy : 1;
  guint                 vscroll_policy : 1;
  guint                 in_configure : 1;
};

static void wfl_gantt_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WflGanttView, wfl_gantt_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, wfl_gantt_view_scrollable_init))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_MODE,
  PROP_ZOOM,
  PROP_FIT,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  ORDER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rebuild_layout      (WflGanttView *self);
static void update_selection    (WflGanttView *self,
                                 gboolean      scroll_to);
static void update_accessible   (WflGanttView *self);
static void sync_items          (WflGanttView *self);
static void focus_row_item      (WflGanttView *self);
static void update_actions      (WflGanttView *self);

/* ---- Style ------------------------------------------------------------- */

/* The painter's style from the widget's (wfl_chart_style_init_for_widget),
 * with opaque text and secondary text mixed from it and the background. */
static void
chart_style_init_for_widget (WflChartStyle *style,
                             GtkWidget     *widget)
{
  wfl_chart_style_init_for_widget (style, widget);
  style->foreground.a = 1.0;
  style->dim_foreground = (WflRgba) {
    style->foreground.r * 0.7 + style->background.r * 0.3,
    style->foreground.g * 0.7 + style->background.g * 0.3,
    style->foreground.b * 0.7 + style->background.b * 0.3,
    1.0,
  };
}

/* ---- Chart and layout --------------------------------------------------- */

static void
set_empty_text (WflGanttView *self,
                const char   *text)
{
  g_free (self->empty_text);
  self->empty_text = g_strdup (text);
}

static void
configure_adjustments (WflGanttView *self)
{
  const WflGanttLayout *l = self->layout;
  double page_w = 0, page_h = 0, upper_w = 0, upper_h = 0, step_w = 1, step_h = 1;
  double x = 0, y = 0;

  if (l != NULL)
    {
      page_w = l->body.x1 - l->body.x0;
      page_h = l->body.y1 - l->body.y0;
      upper_w = MAX (l->content_width, page_w);
      upper_h = MAX (l->content_height, page_h);
      step_w = MAX (8, l->px_per_week * 2);
      step_h = l->row_height;
      x = l->scroll_x;
      y = l->scroll_y;
    }

  self->in_configure = TRUE;
  if (self->hadjustment)
    gtk_adjustment_configure (self->hadjustment, x, 0, upper_w, step_w, page_w * 0.9, page_w);
  if (self->vadjustment)
    gtk_adjustment_configure (self->vadjustment, y, 0, upper_h, step_h, page_h * 0.9, page_h);
  self->in_configure = FALSE;
}

static gboolean
fit_zoom_idle_cb (gpointer user_data)
{
  WflGanttView *self = user_data;

  self->fit_zoom_source = 0;
  if (self->fit && self->layout != NULL && self->layout->zoom != self->zoom)
    {
      self->zoom = self->layout->zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      update_actions (self);
    }
  return G_SOURCE_REMOVE;
}

static void
rebuild_layout (WflGanttView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  WflGanttLayoutOptions options;
  double anchor_x = self->anchor_x, anchor_week = NAN;

  self->anchor_x = NAN;
  self->layout_width = width;
  self->layout_height = height;

  if (self->layout != NULL)
    {
      /* Without a pointer, keep the first week in view where it is: the
       * start of the visible range is what a Gantt is read from. */
      if (!isfinite (anchor_x))
        anchor_x = self->layout->body.x0;
      anchor_week = wfl_gantt_layout_week_of_x (self->layout, anchor_x);
    }
  g_clear_pointer (&self->layout, wfl_gantt_layout_free);

  if (self->chart != NULL && width > 0 && height > 0)
    {
      wfl_gantt_layout_options_init (&options);
      options.width = width;
      options.height = height;
      options.zoom = self->zoom;
      options.fit = self->fit;
      options.legend = TRUE;
      /* The rows get the space: the key is a line or two. */
      options.legend_lines = 2;
      options.measure = wfl_gantt_text_measure;
      options.measure_data = self->measurer;
      options.scroll_x = self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0;
      options.scroll_y = self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
      self->layout = wfl_gantt_layout_new (self->chart, &options);

      /* Keep the week under the pointer (or the centre) in place. */
      if (isfinite (anchor_week) && !self->fit)
        wfl_gantt_layout_set_scroll (self->layout,
                                     (anchor_week - self->layout->from) * self->layout->px_per_week -
                                     (anchor_x - self->layout->body.x0),
                                     self->layout->scroll_y);
    }

  configure_adjustments (self);
  update_actions (self);
  gtk_widget_queue_draw (widget);

  /* Fitting picks a level: show it (after the allocation this may run in). */
  if (self->fit && self->layout != NULL && self->layout->zoom != self->zoom &&
      self->fit_zoom_source == 0)
    self->fit_zoom_source = g_idle_add (fit_zoom_idle_cb, self);
}

/* The Rows menu's customers, from the chart's groups in their order. */
static void
update_customers_menu (WflGanttView  *self,
                       WflGanttChart *chart)
{
  _wfl_gantt_customers_menu_update (self->customers_menu, &self->customers_key, chart);
}

/* The Rows menu's grouping: by product only when an order names one. */
static void
update_group_menu (WflGanttView *self,
                   gboolean      products)
{
  if (products == self->group_products && g_menu_model_get_n_items (G_MENU_MODEL (self->group_menu)) > 0)
    return;
  self->group_products = products;
  _wfl_gantt_group_menu_fill (self->group_menu, products);
}

/* The orders the Rows menu asks for: one customer's, those with a bar
 * or a marker in the Sankey's week window; grouped as it asks. */
static void
filter_rows (WflGanttView  *self,
             WflGanttChart *chart)
{
  update_customers_menu (self, chart);
  if (self->baseline != NULL)
    wfl_gantt_chart_set_baseline (chart, self->baseline);
  if (self->baseline != NULL && self->by_slip)
    wfl_gantt_chart_sort_by_slip (chart);
  for (guint r = 0; self->whiskers != NULL && r < chart->rows->len; r++)
    {
      WflGanttRow *row = g_ptr_array_index (chart->rows, r);
      const double *w = g_hash_table_lookup (self->whiskers, row->id);

      if (w != NULL)
        memcpy (row->whisker, w, sizeof row->whisker);
    }
  if (self->customer != NULL)
    for (guint r = chart->rows->len; r-- > 0;)
      if (g_strcmp0 (((WflGanttRow *) g_ptr_array_index (chart->rows, r))->group, self->customer) != 0)
        g_ptr_array_remove_index (chart->rows, r);
  if (self->in_window && self->sankey_first >= 0)
    {
      WflDate start = wfl_scenario_get_start (wfl_document_get_scenario (self->document));

      wfl_gantt_chart_keep_rows_within (chart,
                                        wfl_gantt_chart_week_of_date (chart, wfl_date_of_week (start, self->sankey_first)),
                                        wfl_gantt_chart_week_of_date (chart, wfl_date_of_week (start, self->sankey_last + 1)));
    }
  update_group_menu (self, wfl_gantt_chart_has_products (chart));
  wfl_gantt_view_group_rows (self, chart);
}

void
wfl_gantt_view_group_rows (WflGanttView  *self,
                           WflGanttChart *chart)
{
  wfl_gantt_chart_group_rows (chart, self->group_by == WFL_GANTT_GROUP_PRODUCT && !wfl_gantt_chart_has_products (chart)
                                     ? WFL_GANTT_GROUP_NONE : self->group_by, self->collapsed);
}

static void
rebuild_chart (WflGanttView *self)
{
  g_autoptr(GError) error = NULL;
  WflGanttChart *chart = NULL;

  g_clear_pointer (&self->chart, wfl_gantt_chart_unref);
  g_hash_table_remove_all (self->row_index);
  set_empty_text (self, NULL);
  wfl_gantt_render_state_init (&self->state);
  self->selected_row = -1;

  if (self->document == NULL)
    {
      set_empty_text (self, _("No scenario"));
    }
  else if (self->mode == WFL_GANTT_MODE_ORDERS)
    {
      WflSimulation *results = wfl_document_get_results (self->document);

      if (results == NULL && wfl_document_get_results_error (self->document) != NULL)
        set_empty_text (self, wfl_document_get_results_error (self->document)->message);
      else if (results == NULL)
        set_empty_text (self, wfl_document_get_busy (self->document)
                               ? _("Simulating…")
                               : _("No simulation results: check the scenario’s problems"));
      else if ((chart = wfl_gantt_chart_new_orders (results, NULL, &error)) == NULL)
        set_empty_text (self, error->message);
      else if (chart->rows->len == 0)
        set_empty_text (self, _("The scenario has no customer orders"));
    }
  else
    {
      WflScenario *scenario = wfl_document_get_scenario (self->document);
      WflDate placed = self->as_of;

      if (placed == WFL_DATE_NONE)
        placed = wfl_date_of_week (wfl_scenario_get_start (scenario), self->sankey_first);
      chart = wfl_gantt_chart_new_pipeline (scenario, NULL, placed, &error);
      if (chart == NULL)
        set_empty_text (self, error->message);
      else if (chart->rows->len == 0)
        set_empty_text (self, _("The scenario has no customers"));
    }

  if (chart != NULL && self->as_of != WFL_DATE_NONE)
    chart->as_of = wfl_gantt_chart_week_of_date (chart, self->as_of);
  if (chart != NULL && self->mode == WFL_GANTT_MODE_ORDERS)
    filter_rows (self, chart);
  self->chart = chart;

  for (guint r = 0; chart != NULL && r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);

      g_hash_table_insert (self->row_index, row->id, GINT_TO_POINTER (r + 1));
    }

  /* A new chart starts at the top left, unless it replaces one of the
   * same mode (an edit): then the view stays where it was. */
  rebuild_layout (self);
  update_selection (self, FALSE);
  update_accessible (self);
  sync_items (self);
}

/* ---- Selection ---------------------------------------------------------- */

static int
find_row (WflGanttView *self,
          const char   *id)
{
  return id != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (self->row_index, id)) - 1 : -1;
}

static void
scroll_to_row (WflGanttView *self,
               int           row)
{
  const WflGanttLayout *l = self->layout;
  double top, bottom, page;

  if (l == NULL || row < 0 || self->vadjustment == NULL)
    return;

  top = row * l->row_height;
  bottom = top + l->row_height;
  page = l->body.y1 - l->body.y0;
  if (top < l->scroll_y)
    gtk_adjustment_set_value (self->vadjustment, top);
  else if (bottom > l->scroll_y + page)
    gtk_adjustment_set_value (self->vadjustment, bottom - page);
}

/* The row of the document's selection. */
static void
update_selection (WflGanttView *self,
                  gboolean      scroll_to)
{
  int row = -1;

  /* A group's header is the view's selection, the document's none. */
  if (self->document == NULL || wfl_document_get_selection_kind (self->document) != WFL_SELECTION_NONE)
    g_clear_pointer (&self->header, g_free);
  else if (self->chart != NULL)
    row = find_row (self, self->header);

  if (self->document != NULL && self->chart != NULL)
    {
      switch (wfl_document_get_selection_kind (self->document))
        {
        case WFL_SELECTION_ORDER:
          if (self->chart->mode == WFL_GANTT_MODE_ORDERS)
            {
              g_autofree char *id = wfl_gantt_orders_row_id (wfl_document_get_selected_node (self->document),
                                                             wfl_document_get_selected_order (self->document));

              row = find_row (self, id);
            }
          break;

        case WFL_SELECTION_NODE:
          if (self->chart->mode == WFL_GANTT_MODE_PIPELINE)
            row = find_row (self, wfl_document_get_selected_node (self->document));
          else
            {
              /* A customer selected elsewhere (the Sankey, the inspector):
               * its first order, so that the two views stay linked. */
              g_autofree char *prefix = g_strconcat (wfl_document_get_selected_node (self->document), "/", NULL);

              for (guint r = 0; r < self->chart->rows->len && row < 0; r++)
                if (g_str_has_prefix (((WflGanttRow *) g_ptr_array_index (self->chart->rows, r))->id, prefix))
                  row = (int) r;
            }
          break;

        case WFL_SELECTION_LINK:
          if (self->chart->mode == WFL_GANTT_MODE_PIPELINE)
            {
              WflScenario *scenario = wfl_document_get_scenario (self->document);
              int index = wfl_document_get_selected_link (self->document);

              if (index >= 0 && (guint) index < wfl_scenario_get_n_links (scenario))
                {
                  WflLink *link = wfl_scenario_get_link (scenario, index);
                  g_autofree char *id = g_strdup_printf ("%s->%s", link->from, link->to);

                  row = find_row (self, id);
                }
            }
          break;

        case WFL_SELECTION_NONE:
        default:
          break;
        }
    }

  if (row == self->selected_row)
    return;

  wfl_chart_items_set_selected (&self->items, self->selected_row, FALSE);
  wfl_chart_items_set_selected (&self->items, row, TRUE);
  self->selected_row = row;
  self->state.selection = (WflGanttHit) { row >= 0 ? WFL_GANTT_HIT_ROW : WFL_GANTT_HIT_NONE, row, -1 };
  if (scroll_to)
    scroll_to_row (self, row);
  update_accessible (self);
  focus_row_item (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wfl_gantt_view_select_row (WflGanttView *self,
                           int           row)
{
  const WflGanttRow *r;

  g_return_if_fail (WFL_IS_GANTT_VIEW (self));

  if (self->document == NULL || self->chart == NULL)
    return;
  if (row < 0 || (guint) row >= self->chart->rows->len)
    {
      wfl_document_select_none (self->document);
      return;
    }

  r = g_ptr_array_index (self->chart->rows, row);
  g_clear_pointer (&self->header, g_free);
  if (r->header)
    {
      self->header = g_strdup (r->id);
      if (wfl_document_get_selection_kind (self->document) != WFL_SELECTION_NONE)
        wfl_document_select_none (self->document);
    }
  else if (self->chart->mode == WFL_GANTT_MODE_ORDERS)
    {
      g_autofree char *customer = NULL;
      g_autofree char *order = NULL;

      if (wfl_gantt_orders_row_id_parse (r->id, &customer, &order))
        wfl_document_select_order (self->document, customer, order);
    }
  else
    {
      const char *arrow = strstr (r->id, "->");

      if (g_str_has_prefix (r->id, "expansion/"))
        {
          /* A capacity expansion's row, "expansion/<node>/<k>": its node. */
          const char *node = r->id + strlen ("expansion/");
          const char *end = strrchr (node, '/');
          g_autofree char *id = g_strndup (node, end != NULL ? (gsize) (end - node) : strlen (node));

          wfl_document_select_node (self->document, id);
        }
      else if (arrow == NULL)
        wfl_document_select_node (self->document, r->id);
      else
        {
          WflScenario *scenario = wfl_document_get_scenario (self->document);
          g_autofree char *from = g_strndup (r->id, arrow - r->id);

          for (guint l = 0; l < wfl_scenario_get_n_links (scenario); l++)
            {
              WflLink *link = wfl_scenario_get_link (scenario, l);

              if (g_strcmp0 (link->from, from) == 0 && g_strcmp0 (link->to, arrow + 2) == 0)
                {
                  wfl_document_select_link (self->document, l);
                  break;
                }
            }
        }
    }
  /* The document may refuse (an order it does not know): then the view
   * shows what the document has. */
  update_selection (self, TRUE);
}

int
wfl_gantt_view_get_selected_row (WflGanttView *self)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), -1);
  return self->selected_row;
}

static void
activate_selected (WflGanttView *self)
{
  const WflGanttRow *row;
  g_autofree char *customer = NULL;
  g_autofree char *order = NULL;

  if (self->chart == NULL || self->selected_row < 0 || self->chart->mode != WFL_GANTT_MODE_ORDERS)
    return;
  row = g_ptr_array_index (self->chart->rows, self->selected_row);
  if (row->header)
    g_action_group_activate_action (G_ACTION_GROUP (self->actions), "toggle-group", NULL);
  else if (wfl_gantt_orders_row_id_parse (row->id, &customer, &order))
    g_signal_emit (self, signals[ORDER_ACTIVATED], 0, customer, order);
}

/* ---- Accessibility ------------------------------------------------------- */

/* For screen readers (wfl_gantt_text_describe_for_reader ()). */
#define describe_row_accessible(self, row) \
  wfl_gantt_text_describe_for_reader ((self)->chart, (self)->document != NULL \
                                      ? wfl_document_get_scenario ((self)->document) : NULL, (row))

char *
_wfl_gantt_view_describe_row (WflGanttView *self,
                              int           index)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), NULL);
  if (self->chart == NULL || index < 0 || (guint) index >= self->chart->rows->len)
    return NULL;
  return describe_row_accessible (self, g_ptr_array_index (self->chart->rows, index));
}

static void
update_accessible (WflGanttView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  guint n = self->chart != NULL ? self->chart->rows->len : 0;

  if (self->chart == NULL)
    label = g_strdup_printf (_("Gantt chart: %s"), self->empty_text ? self->empty_text : "");
  else if (self->chart->mode == WFL_GANTT_MODE_ORDERS)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Gantt chart of %u customer order",
                                          "Gantt chart of %u customer orders", n), n);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Gantt chart of the pipeline, %u row",
                                          "Gantt chart of the pipeline, %u rows", n), n);

  if (self->chart != NULL && self->selected_row >= 0)
    {
      g_autofree char *row = describe_row_accessible (self, g_ptr_array_index (self->chart->rows, self->selected_row));

      /* Translators: the Gantt's accessible description: the selected
       * row, its position and its description */
      description = g_strdup_printf (_("Row %d of %u selected: %s"), self->selected_row + 1, n, row);
    }
  else if (n > 0)
    description = g_strdup (_("No row selected. Up and Down move between rows, Enter opens the order, plus and minus zoom."));
  else
    description = g_strdup ("");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* ---- Items ------------------------------------------------------------------ */

/* What a row's bars say: each stage with its dates. */
static char *
describe_bars (const WflGanttChart *chart,
               const WflGanttRow   *row)
{
  GString *s = g_string_new (NULL);

  for (guint b = 0; b < row->bars->len; b++)
    {
      const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, b);
      g_autofree char *span = wfl_gantt_text_span (chart, bar->start, bar->end);

      if (s->len > 0)
        g_string_append (s, "; ");
      /* Translators: a bar of a Gantt row for screen readers: the stage,
       * what the order did there, and when */
      g_string_append_printf (s, _("%s, %s, %s"), bar->label, wfl_gantt_text_bar_kind (bar->kind), span);
    }
  return g_string_free (s, FALSE);
}

/* The items a screen reader walks (wfl-chart-item.h): one per row, named
 * as its description, described by its bars. */
static void
sync_items (WflGanttView *self)
{
  guint n = self->chart != NULL ? self->chart->rows->len : 0;

  wfl_chart_items_set_n (&self->items, n);
  for (guint r = 0; r < n; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (self->chart->rows, r);
      g_autofree char *name = describe_row_accessible (self, row);
      g_autofree char *bars = describe_bars (self->chart, row);

      wfl_chart_items_set (&self->items, r, name, bars, (int) r == self->selected_row);
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  focus_row_item (self);
}

static gboolean
has_focus_within (WflGanttView *self)
{
  return gtk_widget_has_focus (GTK_WIDGET (self)) || wfl_chart_items_get_focus (&self->items) >= 0;
}

/* The row that has (or gets) the focus: the selected one, else the one
 * whose item has it, else the first. */
static int
focus_row (WflGanttView *self)
{
  int row = self->selected_row;

  if (row < 0)
    row = wfl_chart_items_get_focus (&self->items);
  return MAX (row, 0);
}

/* While the focus is in the chart, it is on the selected row's item. */
static void
focus_row_item (WflGanttView *self)
{
  if (has_focus_within (self) && wfl_chart_items_get_n (&self->items) > 0)
    wfl_chart_items_grab_focus (&self->items, focus_row (self));
}

static void
allocate_items (WflGanttView *self)
{
  const WflGanttLayout *l = self->layout;
  guint n = wfl_chart_items_get_n (&self->items);

  for (guint r = 0; r < n; r++)
    {
      graphene_rect_t rect = GRAPHENE_RECT_INIT (0, 0, 1, 1);

      if (l != NULL)
        rect = GRAPHENE_RECT_INIT (0, l->body.y0 + r * l->row_height - l->scroll_y,
                                   gtk_widget_get_width (GTK_WIDGET (self)), l->row_height);
      wfl_chart_items_allocate (&self->items, r, &rect);
    }
}

/* Tab enters the chart on a row in one step and leaves it in the next. */
static gboolean
wfl_gantt_view_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  WflGanttView *self = WFL_GANTT_VIEW (widget);

  if (!gtk_widget_get_focusable (widget) || !gtk_widget_is_sensitive (widget) || has_focus_within (self))
    return FALSE;
  return gtk_widget_grab_focus (widget);
}

static gboolean
wfl_gantt_view_grab_focus (GtkWidget *widget)
{
  WflGanttView *self = WFL_GANTT_VIEW (widget);

  if (wfl_chart_items_get_n (&self->items) > 0)
    return wfl_chart_items_grab_focus (&self->items, focus_row (self));
  return GTK_WIDGET_CLASS (wfl_gantt_view_parent_class)->grab_focus (widget);
}

/* ---- View state ----------------------------------------------------------- */

static void
update_actions (WflGanttView *self)
{
  GAction *action;
  gboolean can_in = self->zoom > WFL_ZOOM_WEEK, can_out = self->zoom < WFL_ZOOM_YEAR;

  if (self->fit && self->layout != NULL)
    {
      can_in = self->layout->px_per_week < wfl_gantt_zoom_px_per_week (WFL_ZOOM_WEEK) - 1e-6;
      can_out = self->layout->px_per_week > wfl_gantt_zoom_px_per_week (WFL_ZOOM_YEAR) + 1e-6;
    }

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "zoom-in");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), can_in && self->chart != NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "zoom-out");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), can_out && self->chart != NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "zoom-fit");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->chart != NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "mode");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (wfl_gantt_mode_to_string (self->mode)));
  for (guint i = 0; i < 3; i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                 (const char *[]) { "collapse-all", "expand-all", "toggle-group" }[i])),
                                 self->chart != NULL && self->mode == WFL_GANTT_MODE_ORDERS && self->group_by);
}

/* Reads the document's Gantt settings; rebuilds what they change. */
static void
sync_view_state (WflGanttView *self,
                 gboolean      force)
{
  WflScenario *scenario;
  WflGanttMode mode;
  WflZoom zoom;
  WflDate as_of;
  int first, last;
  gboolean chart_dirty = force, layout_dirty = FALSE;

  if (self->document == NULL)
    {
      if (force)
        rebuild_chart (self);
      return;
    }

  scenario = wfl_document_get_scenario (self->document);
  mode = wfl_document_get_gantt_mode (self->document);
  zoom = wfl_document_get_gantt_zoom (self->document);
  as_of = wfl_document_get_gantt_as_of (self->document);
  wfl_document_get_sankey_window (self->document, &first, &last);

  if (mode != self->mode)
    {
      self->mode = mode;
      chart_dirty = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
    }
  if ((int) zoom != self->doc_zoom)
    {
      gboolean first_read = self->doc_zoom < 0;

      /* The document's zoom changed: it ends a fit, except when the
       * view reads a document for the first time. */
      self->doc_zoom = zoom;
      layout_dirty = TRUE;
      if (self->fit && !first_read)
        {
          self->fit = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
        }
      if (zoom != self->zoom)
        {
          self->zoom = zoom;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
        }
    }
  if (as_of != self->as_of)
    {
      self->as_of = as_of;
      chart_dirty = TRUE;
    }
  if (self->in_window && last != self->sankey_last && self->mode == WFL_GANTT_MODE_ORDERS)
    chart_dirty = TRUE;
  self->sankey_last = last;
  if (first != self->sankey_first)
    {
      if (self->in_window && self->mode == WFL_GANTT_MODE_ORDERS)
        chart_dirty = TRUE;
      self->sankey_first = first;
      /* The pipeline's order is placed at the Sankey window's start
       * when no as-of date is set. */
      if (self->mode == WFL_GANTT_MODE_PIPELINE && self->as_of == WFL_DATE_NONE)
        chart_dirty = TRUE;
    }

  /* A scenario opens fitted to its data unless its file names a zoom
   * level: without saved Gantt settings, or with some (an as-of date, a
   * mode) but the default level, which files do not write. */
  {
    const WflViews *views = wfl_scenario_get_views (scenario);
    gboolean fit = !views->has_gantt || views->gantt_zoom == WFL_ZOOM_MONTH;

    if (force && self->fit != fit)
      {
        self->fit = fit;
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
      }
  }

  if (chart_dirty)
    rebuild_chart (self);
  else if (layout_dirty)
    rebuild_layout (self);
  else
    update_actions (self);
}

static void
document_view_changed_cb (WflGanttView *self)
{
  sync_view_state (self, FALSE);
}

/* After an edit, a view on a page that is not shown (the window shows
 * the Sankey or the Gantt) rebuilds when it is next mapped, so that an
 * edit redraws only the chart the user looks at.  A view outside any
 * window (tests, tools) rebuilds at once. */
static void
rebuild_chart_when_shown (WflGanttView *self)
{
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  rebuild_chart (self);
}

static void
wfl_gantt_view_map (GtkWidget *widget)
{
  WflGanttView *self = WFL_GANTT_VIEW (widget);

  GTK_WIDGET_CLASS (wfl_gantt_view_parent_class)->map (widget);
  if (self->stale)
    {
      self->stale = FALSE;
      rebuild_chart (self);
    }
}

static void
document_results_changed_cb (WflGanttView *self)
{
  if (self->mode == WFL_GANTT_MODE_ORDERS)
    rebuild_chart_when_shown (self);
}

static void
document_changed_cb (WflGanttView *self)
{
  /* Orders follow the results (::results-changed comes after every
   * edit); the pipeline follows the scenario. */
  if (self->mode == WFL_GANTT_MODE_PIPELINE)
    rebuild_chart_when_shown (self);
  else
    sync_view_state (self, FALSE);
}

static void
document_selection_changed_cb (WflGanttView *self)
{
  update_selection (self, TRUE);
}

WflGanttMode
wfl_gantt_view_get_mode (WflGanttView *self)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), WFL_GANTT_MODE_ORDERS);
  return self->mode;
}

void
wfl_gantt_view_set_mode (WflGanttView *self,
                         WflGanttMode  mode)
{
  g_return_if_fail (WFL_IS_GANTT_VIEW (self));

  if (mode == self->mode)
    return;
  if (self->document != NULL)
    {
      wfl_document_set_gantt_mode (self->document, mode);
      return;
    }
  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
  rebuild_chart (self);
}

WflZoom
wfl_gantt_view_get_zoom (WflGanttView *self)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), WFL_ZOOM_MONTH);
  return self->zoom;
}

static void
set_zoom_at (WflGanttView *self,
             WflZoom       zoom,
             double        anchor_x)
{
  zoom = CLAMP (zoom, WFL_ZOOM_WEEK, WFL_ZOOM_YEAR);
  if (zoom == self->zoom && !self->fit)
    return;
  self->anchor_x = anchor_x;

  if (self->document != NULL && wfl_document_get_gantt_zoom (self->document) != zoom)
    {
      /* Comes back through ::view-changed. */
      wfl_document_set_gantt_zoom (self->document, zoom);
      return;
    }

  /* The document has that level already (the fit showed another one), or
   * there is no document. */
  if (self->fit)
    {
      self->fit = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
    }
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  rebuild_layout (self);
  if (self->document != NULL)
    wfl_document_set_gantt_zoom (self->document, zoom);
}

void
wfl_gantt_view_set_zoom (WflGanttView *self,
                         WflZoom       zoom)
{
  g_return_if_fail (WFL_IS_GANTT_VIEW (self));

  if (zoom == self->zoom)
    return;
  set_zoom_at (self, zoom, NAN);
}

gboolean
wfl_gantt_view_get_fit (WflGanttView *self)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), FALSE);
  return self->fit;
}

void
wfl_gantt_view_zoom_to_fit (WflGanttView *self)
{
  g_return_if_fail (WFL_IS_GANTT_VIEW (self));

  if (!self->fit)
    {
      self->fit = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
    }
  rebuild_layout (self);

  /* The level the fit chose becomes the document's zoom (and the zoom
   * menu's); the fit holds until the zoom changes again. */
  if (self->layout != NULL)
    {
      if (self->layout->zoom != self->zoom)
        {
          self->zoom = self->layout->zoom;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
          update_actions (self);
        }
      if (self->document != NULL)
        {
          self->doc_zoom = self->zoom;
          wfl_document_set_gantt_zoom (self->document, self->zoom);
        }
    }
}

/* One step in (direction −1, more detail) or out (+1), keeping the week
 * at anchor_x in place. */
static void
zoom_step (WflGanttView *self,
           int           direction,
           double        anchor_x)
{
  WflZoom zoom = CLAMP ((int) self->zoom + direction, WFL_ZOOM_WEEK, WFL_ZOOM_YEAR);

  if (self->fit && self->layout != NULL)
    {
      /* From a fitted scale: the nearest level in that direction. */
      double ppw = self->layout->px_per_week;

      if (direction < 0)
        {
          zoom = WFL_ZOOM_WEEK;
          for (int z = WFL_ZOOM_YEAR; z >= WFL_ZOOM_WEEK; z--)
            if (wfl_gantt_zoom_px_per_week (z) > ppw * 1.01)
              {
                zoom = z;
                break;
              }
        }
      else
        {
          zoom = WFL_ZOOM_YEAR;
          for (int z = WFL_ZOOM_WEEK; z <= WFL_ZOOM_YEAR; z++)
            if (wfl_gantt_zoom_px_per_week (z) < ppw / 1.01)
              {
                zoom = z;
                break;
              }
        }
    }
  set_zoom_at (self, zoom, anchor_x);
}

/* ---- Actions ---------------------------------------------------------------- */

static void
zoom_in_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  zoom_step (WFL_GANTT_VIEW (user_data), -1, NAN);
}

static void
zoom_out_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  zoom_step (WFL_GANTT_VIEW (user_data), +1, NAN);
}

static void
zoom_fit_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  wfl_gantt_view_zoom_to_fit (WFL_GANTT_VIEW (user_data));
}

static void
mode_change_state (GSimpleAction *action,
                   GVariant      *value,
                   gpointer       user_data)
{
  WflGanttView *self = WFL_GANTT_VIEW (user_data);
  WflGanttMode mode;

  if (wfl_gantt_mode_from_string (g_variant_get_string (value, NULL), &mode))
    wfl_gantt_view_set_mode (self, mode);
  update_actions (self);
}

static void
customer_change_state (GSimpleAction *action,
                       GVariant      *value,
                       gpointer       user_data)
{
  WflGanttView *self = WFL_GANTT_VIEW (user_data);
  const char *customer = g_variant_get_string (value, NULL);

  g_simple_action_set_state (action, value);
  g_free (self->customer);
  self->customer = customer[0] != '\0' ? g_strdup (customer) : NULL;
  rebuild_chart (self);
}

static void
in_window_change_state (GSimpleAction *action,
                        GVariant      *value,
                        gpointer       user_data)
{
  WflGanttView *self = WFL_GANTT_VIEW (user_data);

  g_simple_action_set_state (action, value);
  self->in_window = g_variant_get_boolean (value);
  rebuild_chart (self);
}

static void
by_slip_change_state (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  WflGanttView *self = WFL_GANTT_VIEW (user_data);

  g_simple_action_set_state (action, value);
  self->by_slip = g_variant_get_boolean (value);
  rebuild_chart (self);
}

static void
group_by_change_state (GSimpleAction *action,
                       GVariant      *value,
                       gpointer       user_data)
{
  WflGanttView *self = WFL_GANTT_VIEW (user_data);
  const char *by = g_variant_get_string (value, NULL);

  g_simple_action_set_state (action, value);
  self->group_by = g_str_equal (by, "customer") ? WFL_GANTT_GROUP_CUSTOMER
                   : g_str_equal (by, "product") ? WFL_GANTT_GROUP_PRODUCT : WFL_GANTT_GROUP_NONE;
  g_hash_table_remove_all (self->collapsed);
  rebuild_chart (self);
}

/* Collapses every group, none, or the selected header's (Enter, Space). */
static void
collapse_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  WflGanttView *self = WFL_GANTT_VIEW (user_data);
  const char *name = g_action_get_name (G_ACTION (action));

  if (self->chart == NULL)
    return;
  if (g_str_equal (name, "expand-all"))
    g_hash_table_remove_all (self->collapsed);
  for (guint r = 0; r < self->chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (self->chart->rows, r);
      const char *key = wfl_gantt_row_group_key (row);

      if (key == NULL)
        continue;
      if (g_str_equal (name, "collapse-all"))
        g_hash_table_add (self->collapsed, g_strdup (key));
      else if (g_str_equal (name, "toggle-group") && g_strcmp0 (row->id, self->header) == 0 &&
               !g_hash_table_remove (self->collapsed, key))
        g_hash_table_add (self->collapsed, g_strdup (key));
    }
  rebuild_chart (self);
}

void
wfl_gantt_view_set_baseline (WflGanttView  *self,
                             WflSimulation *baseline)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WFL_IS_GANTT_VIEW (self));
  g_clear_pointer (&self->baseline, wfl_gantt_chart_unref);
  if (baseline != NULL && (self->baseline = wfl_gantt_chart_new_orders (baseline, NULL, &error)) == NULL)
    g_warning ("The baseline's orders: %s", error->message);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "sort-slip")),
                               self->baseline != NULL);
  rebuild_chart (self);
}

void
wfl_gantt_view_set_whiskers (WflGanttView  *self,
                             WflMonteCarlo *mc)
{
  g_return_if_fail (WFL_IS_GANTT_VIEW (self));
  g_clear_pointer (&self->whiskers, g_hash_table_unref);
  self->whiskers = _wfl_gantt_whiskers_new (mc);
  if (self->mode == WFL_GANTT_MODE_ORDERS)
    rebuild_chart (self);
}

gboolean
wfl_gantt_view_has_whiskers (WflGanttView *self)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), FALSE);
  return self->whiskers != NULL;
}

static const GActionEntry action_entries[] = {
  { .name = "sort-slip", .state = "false", .change_state = by_slip_change_state },
  { .name = "customer", .parameter_type = "s", .state = "''", .change_state = customer_change_state },
  { .name = "in-window", .state = "false", .change_state = in_window_change_state },
  { .name = "group-by", .parameter_type = "s", .state = "'none'", .change_state = group_by_change_state },
  { .name = "collapse-all", .activate = collapse_action },
  { .name = "expand-all", .activate = collapse_action },
  { .name = "toggle-group", .activate = collapse_action },
  { .name = "zoom-in", .activate = zoom_in_action },
  { .name = "zoom-out", .activate = zoom_out_action },
  { .name = "zoom-fit", .activate = zoom_fit_action },
  { .name = "mode", .parameter_type = "s", .state = "'orders'", .change_state = mode_change_state },
};

GMenuModel *
wfl_gantt_view_get_rows_menu (WflGanttView *self)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), NULL);
  return G_MENU_MODEL (self->rows_menu);
}

GActionGroup *
wfl_gantt_view_get_actions (WflGanttView *self)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

/* ---- Keyboard --------------------------------------------------------------- */

static gboolean
move_selection (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  WflGanttView *self = WFL_GANTT_VIEW (widget);
  int how = g_variant_get_int32 (args);   /* −1, +1: a row; −2, +2: first, last; ±3 a page */
  int n, row;

  if (self->chart == NULL || (n = (int) self->chart->rows->len) == 0)
    return FALSE;

  row = self->selected_row;
  /* From the focused row when none is selected. */
  if (row < 0 && wfl_chart_items_get_focus (&self->items) >= 0 && (how == 1 || how == -1))
    row = wfl_chart_items_get_focus (&self->items);
  switch (how)
    {
    case -2:
      row = 0;
      break;
    case 2:
      row = n - 1;
      break;
    case -3:
    case 3:
      {
        int page = 1;

        if (self->layout != NULL)
          page = MAX (1, (int) ((self->layout->body.y1 - self->layout->body.y0) / self->layout->row_height) - 1);
        row = row < 0 ? 0 : row + (how < 0 ? -page : page);
      }
      break;
    default:
      row = row < 0 ? (how < 0 ? n - 1 : 0) : row + how;
      break;
    }
  wfl_gantt_view_select_row (self, CLAMP (row, 0, n - 1));
  return TRUE;
}

/* Left and Right scroll the time axis by a tenth of the view (with Shift
 * a whole view), as the arrows of a scrolled window do. */
static gboolean
scroll_time (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  WflGanttView *self = WFL_GANTT_VIEW (widget);
  int how = g_variant_get_int32 (args);   /* ±1: a step; ±2: a page */
  double page, step;

  if (self->hadjustment == NULL)
    return FALSE;
  page = gtk_adjustment_get_page_size (self->hadjustment);
  step = abs (how) == 2 ? page * 0.9 : MAX (page / 10, 1);
  gtk_adjustment_set_value (self->hadjustment,
                            gtk_adjustment_get_value (self->hadjustment) + (how < 0 ? -step : step));
  return TRUE;
}

static gboolean
activate_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  activate_selected (WFL_GANTT_VIEW (widget));
  return TRUE;
}

/* ---- Events ----------------------------------------------------------------- */

static void
set_hover (WflGanttView      *self,
           const WflGanttHit *hit)
{
  if (wfl_gantt_hit_equal (hit, &self->state.hover))
    return;
  self->state.hover = *hit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (WflGanttView             *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  WflGanttHit hit = { WFL_GANTT_HIT_NONE, -1, -1 };

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->layout != NULL)
    hit = wfl_gantt_layout_hit_test (self->layout, x, y);
  set_hover (self, &hit);
}

static void
leave_cb (WflGanttView             *self,
          GtkEventControllerMotion *motion)
{
  WflGanttHit none = { WFL_GANTT_HIT_NONE, -1, -1 };

  self->pointer_x = NAN;
  set_hover (self, &none);
}

static void
pressed_cb (WflGanttView    *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *click)
{
  WflGanttHit hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->layout == NULL)
    return;

  hit = wfl_gantt_layout_hit_test (self->layout, x, y);
  if (hit.kind == WFL_GANTT_HIT_NONE)
    {
      /* A click in the empty body below the rows clears the selection. */
      if (y >= self->layout->body.y0 && y < self->layout->body.y1 && self->document != NULL)
        wfl_document_select_none (self->document);
      return;
    }

  wfl_gantt_view_select_row (self, hit.row);
  /* A header's triangle opens or closes its group at one click. */
  if (n_press == 2 ||
      (n_press == 1 && self->header != NULL && x >= self->layout->labels.x0 &&
       x < self->layout->label_x + WFL_GANTT_GROUP_INDENT))
    activate_selected (self);
}

static gboolean
scroll_cb (WflGanttView             *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  if (!(state & GDK_CONTROL_MASK))
    return FALSE;

  /* Ctrl+scroll zooms around the pointer, a level per notch. */
  self->zoom_scroll += dy;
  while (fabs (self->zoom_scroll) >= 1.0)
    {
      int direction = self->zoom_scroll > 0 ? +1 : -1;

      self->zoom_scroll -= direction;
      zoom_step (self, direction, self->pointer_x);
    }
  return TRUE;
}

static void
adjustment_value_changed_cb (WflGanttView  *self,
                             GtkAdjustment *adjustment)
{
  WflGanttHit hit = { WFL_GANTT_HIT_NONE, -1, -1 };

  if (self->in_configure || self->layout == NULL)
    return;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  wfl_gantt_layout_set_scroll (self->layout,
                               self->hadjustment ? gtk_adjustment_get_value (self->hadjustment) : 0,
                               self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0);
  if (isfinite (self->pointer_x))
    hit = wfl_gantt_layout_hit_test (self->layout, self->pointer_x, self->pointer_y);
  self->state.hover = hit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

char *
_wfl_gantt_view_row_tooltip (WflGanttView *self,
                             int           index)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), NULL);
  if (self->chart == NULL || self->layout == NULL || index < 0 || (guint) index >= self->chart->rows->len)
    return NULL;
  return wfl_gantt_text_tooltip_markup (self->chart, self->layout, (WflGanttHit) { WFL_GANTT_HIT_ROW, index, -1 }, NULL);
}

static gboolean
wfl_gantt_view_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  WflGanttView *self = WFL_GANTT_VIEW (widget);
  g_autofree char *markup = NULL;
  GdkRectangle area;
  WflGanttHit hit;

  if (self->layout == NULL)
    return FALSE;

  if (keyboard)
    hit = (WflGanttHit) { self->selected_row >= 0 ? WFL_GANTT_HIT_ROW : WFL_GANTT_HIT_NONE, self->selected_row, -1 };
  else
    hit = wfl_gantt_layout_hit_test (self->layout, x, y);
  if (hit.kind == WFL_GANTT_HIT_NONE)
    return FALSE;

  markup = wfl_gantt_text_tooltip_markup (self->chart, self->layout, hit, &area);
  gtk_tooltip_set_markup (tooltip, markup);
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

/* ---- GtkWidget ---------------------------------------------------------------- */

static void
wfl_gantt_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 720;
    }
  else
    {
      *minimum = 160;
      *natural = 480;
    }
}

static void
wfl_gantt_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  WflGanttView *self = WFL_GANTT_VIEW (widget);

  if (width != self->layout_width || height != self->layout_height)
    rebuild_layout (self);
  allocate_items (self);
}

static void
wfl_gantt_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  WflGanttView *self = WFL_GANTT_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  WflChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  chart_style_init_for_widget (&style, widget);

  if (self->layout == NULL)
    {
      PangoLayout *text;
      GdkRGBA color = { style.dim_foreground.r, style.dim_foreground.g, style.dim_foreground.b, 1.0 };
      int tw, th;

      if (self->empty_text == NULL)
        {
          wfl_chart_style_clear (&style);
          return;
        }
      text = gtk_widget_create_pango_layout (widget, self->empty_text);
      pango_layout_set_width (text, MAX (1, width - 48) * PANGO_SCALE);
      pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
      pango_layout_get_pixel_size (text, &tw, &th);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (24, (height - th) / 2.0f));
      gtk_snapshot_append_layout (snapshot, text, &color);
      gtk_snapshot_restore (snapshot);
      g_object_unref (text);
      wfl_chart_style_clear (&style);
      return;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  wfl_gantt_render (self->layout, cr, &style, &self->state);
  cairo_destroy (cr);
  wfl_chart_style_clear (&style);
}

static void
wfl_gantt_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (wfl_gantt_view_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

/* ---- GtkScrollable ------------------------------------------------------------ */

static gboolean
wfl_gantt_view_get_border (GtkScrollable *scrollable,
                           GtkBorder     *border)
{
  WflGanttView *self = WFL_GANTT_VIEW (scrollable);

  if (self->layout == NULL)
    return FALSE;
  border->top = (gint16) self->layout->body.y0;
  border->left = (gint16) self->layout->body.x0;
  border->bottom = (gint16) (self->layout->height - self->layout->body.y1);
  border->right = 0;
  return TRUE;
}

static void
wfl_gantt_view_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = wfl_gantt_view_get_border;
}

static void
set_adjustment (WflGanttView   *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (adjustment_value_changed_cb), self, G_CONNECT_SWAPPED);
  configure_adjustments (self);
}

/* ---- GObject -------------------------------------------------------------------- */

WflDocument *
wfl_gantt_view_get_document (WflGanttView *self)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), NULL);
  return self->document;
}

void
wfl_gantt_view_set_document (WflGanttView *self,
                             WflDocument  *document)
{
  g_return_if_fail (WFL_IS_GANTT_VIEW (self));
  g_return_if_fail (document == NULL || WFL_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "results-changed", G_CALLBACK (document_results_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "view-changed", G_CALLBACK (document_view_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "selection-changed", G_CALLBACK (document_selection_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Read the document's settings as new (the sankey_first sentinel makes
   * it differ), then build. */
  self->sankey_first = -1;
  self->doc_zoom = -1;
  sync_view_state (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

WflGanttChart *
wfl_gantt_view_get_chart (WflGanttView *self)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), NULL);
  return self->chart;
}

const WflGanttLayout *
wfl_gantt_view_get_layout (WflGanttView *self)
{
  g_return_val_if_fail (WFL_IS_GANTT_VIEW (self), NULL);
  return self->layout;
}

GtkWidget *
wfl_gantt_view_new (void)
{
  return g_object_new (WFL_TYPE_GANTT_VIEW, NULL);
}

static void
wfl_gantt_view_dispose (GObject *object)
{
  WflGanttView *self = (WflGanttView *)object;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  wfl_chart_items_clear (&self->items);
  g_clear_handle_id (&self->fit_zoom_source, g_source_remove);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->layout, wfl_gantt_layout_free);
  g_clear_pointer (&self->chart, wfl_gantt_chart_unref);

  G_OBJECT_CLASS (wfl_gantt_view_parent_class)->dispose (object);
}

static void
wfl_gantt_view_finalize (GObject *object)
{
  WflGanttView *self = (WflGanttView *)object;

  g_clear_pointer (&self->measurer, wfl_gantt_text_measurer_free);
  g_clear_pointer (&self->row_index, g_hash_table_unref);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->empty_text, g_free);
  g_clear_pointer (&self->customer, g_free);
  g_clear_pointer (&self->customers_key, g_free);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_pointer (&self->header, g_free);
  g_clear_object (&self->group_menu);
  g_clear_object (&self->customers_menu);
  g_clear_object (&self->rows_menu);
  g_clear_pointer (&self->baseline, wfl_gantt_chart_unref);
  g_clear_pointer (&self->whiskers, g_hash_table_unref);

  G_OBJECT_CLASS (wfl_gantt_view_parent_class)->finalize (object);
}

static void
wfl_gantt_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WflGanttView *self = WFL_GANTT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_MODE:
      g_value_set_string (value, wfl_gantt_mode_to_string (self->mode));
      break;

    case PROP_ZOOM:
      g_value_set_uint (value, self->zoom);
      break;

    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wfl_gantt_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WflGanttView *self = WFL_GANTT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      wfl_gantt_view_set_document (self, g_value_get_object (value));
      break;

    case PROP_MODE:
      {
        WflGanttMode mode;

        if (wfl_gantt_mode_from_string (g_value_get_string (value), &mode))
          wfl_gantt_view_set_mode (self, mode);
      }
      break;

    case PROP_ZOOM:
      wfl_gantt_view_set_zoom (self, g_value_get_uint (value));
      break;

    case PROP_FIT:
      if (g_value_get_boolean (value))
        wfl_gantt_view_zoom_to_fit (self);
      else if (self->fit)
        set_zoom_at (self, self->zoom, NAN);
      break;

    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;

    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass  *widget_class,
                  guint            keyval,
                  guint            kp_keyval,
                  int              how)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, move_selection, "i", how);
  if (kp_keyval != 0)
    gtk_widget_class_add_binding (widget_class, kp_keyval, 0, move_selection, "i", how);
}

static void
wfl_gantt_view_class_init (WflGanttViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wfl_gantt_view_dispose;
  object_class->finalize = wfl_gantt_view_finalize;
  object_class->get_property = wfl_gantt_view_get_property;
  object_class->set_property = wfl_gantt_view_set_property;

  widget_class->measure = wfl_gantt_view_measure;
  widget_class->size_allocate = wfl_gantt_view_size_allocate;
  widget_class->snapshot = wfl_gantt_view_snapshot;
  widget_class->focus = wfl_gantt_view_focus;
  widget_class->grab_focus = wfl_gantt_view_grab_focus;
  widget_class->map = wfl_gantt_view_map;
  widget_class->css_changed = wfl_gantt_view_css_changed;
  widget_class->query_tooltip = wfl_gantt_view_query_tooltip;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         WFL_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* "orders" or "pipeline" (wfl_gantt_mode_to_string ()). */
  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL,
                         "orders",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* A WflZoom, in the order of a Week/Month/Quarter/Year drop-down. */
  properties[PROP_ZOOM] =
    g_param_spec_uint ("zoom", NULL, NULL,
                       WFL_ZOOM_WEEK, WFL_ZOOM_YEAR, WFL_ZOOM_MONTH,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FIT] =
    g_param_spec_boolean ("fit", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * WflGanttView::order-activated:
   * @customer_id: the customer's node id
   * @order_id: the order's id
   *
   * Enter or a double click on an order's row.
   */
  signals[ORDER_ACTIVATED] =
    g_signal_new ("order-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "ganttview");
  /* A list of its rows (sync_items ()). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);

  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, -1);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, +1);
  add_move_binding (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, -2);
  add_move_binding (widget_class, GDK_KEY_End, GDK_KEY_KP_End, +2);
  add_move_binding (widget_class, GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up, -3);
  add_move_binding (widget_class, GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down, +3);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, scroll_time, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, 0, scroll_time, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, scroll_time, "i", +1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, 0, scroll_time, "i", +1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK, scroll_time, "i", -2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK, scroll_time, "i", +2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "gantt.toggle-group", NULL);

  for (guint i = 0; i < 2; i++)
    {
      GdkModifierType mods = i == 0 ? 0 : GDK_CONTROL_MASK;

      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, mods, "gantt.zoom-in", NULL);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, mods, "gantt.zoom-in", NULL);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, mods, "gantt.zoom-in", NULL);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, mods, "gantt.zoom-out", NULL);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, mods, "gantt.zoom-out", NULL);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, mods, "gantt.zoom-fit", NULL);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, mods, "gantt.zoom-fit", NULL);
    }
}

static void
wfl_gantt_view_init (WflGanttView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkGesture *click = gtk_gesture_click_new ();
  WflChartStyle style;

  self->mode = WFL_GANTT_MODE_ORDERS;
  self->zoom = WFL_ZOOM_MONTH;
  self->doc_zoom = -1;
  self->as_of = WFL_DATE_NONE;
  self->selected_row = -1;
  self->pointer_x = NAN;
  self->anchor_x = NAN;
  self->row_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->sankey_last = -1;
  self->customers_menu = g_menu_new ();
  g_menu_append (self->customers_menu, _("All Customers"), "gantt.customer::");
  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->group_menu = g_menu_new ();
  update_group_menu (self, FALSE);
  self->rows_menu = g_menu_new ();
  {
    g_autoptr(GMenu) section = g_menu_new ();

    g_menu_append (section, _("Only Orders in the Week Window"), "gantt.in-window");
    g_menu_append (section, _("Sort by Slip Against the Baseline"), "gantt.sort-slip");
    g_menu_append_section (self->rows_menu, NULL, G_MENU_MODEL (section));
    g_menu_append_section (self->rows_menu, _("Groups"), G_MENU_MODEL (self->group_menu));
    g_menu_append_section (self->rows_menu, _("Customer"), G_MENU_MODEL (self->customers_menu));
  }
  wfl_chart_items_init (&self->items, widget);
  wfl_gantt_render_state_init (&self->state);
  set_empty_text (self, _("No scenario"));

  /* The chart font is the painter's, light or dark alike. */
  wfl_chart_style_init_light (&style);
  self->measurer = wfl_gantt_text_measurer_new (&style);
  wfl_chart_style_clear (&style);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), "sort-slip")), FALSE);
  gtk_widget_insert_action_group (widget, "gantt", G_ACTION_GROUP (self->actions));

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, motion);

  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (scroll, "scroll", G_CALLBACK (scroll_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, scroll);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);

  update_actions (self);
  update_accessible (self);
}
