/* test-sankey-view.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "wfl-layered-scenario.h"
#include "wfl-resources.h"
#include "wfl-sankey-view-private.h"
#include "wfl-test-utils.h"

typedef struct
{
  WflDocument   *document;
  GtkWindow     *window;
  WflSankeyView *view;
  guint          activated;
} Fixture;

static gboolean
has_layout (gpointer data)
{
  Fixture *f = data;

  return _wfl_sankey_view_get_layout (f->view) != NULL && !_wfl_sankey_view_is_busy (f->view);
}

static void
activated_cb (WflSankeyView *view,
              Fixture       *f)
{
  f->activated++;
}

/* A window showing the document's Sankey, laid out. */
static void
fixture_init (Fixture     *f,
              WflScenario *scenario)
{
  f->document = scenario ? wfl_document_new_for_scenario (scenario, NULL) : wfl_document_new ();
  f->view = WFL_SANKEY_VIEW (wfl_sankey_view_new ());
  f->activated = 0;
  g_signal_connect (f->view, "activated", G_CALLBACK (activated_cb), f);
  wfl_sankey_view_set_document (f->view, f->document);
  g_assert_true (wfl_sankey_view_get_document (f->view) == f->document);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 600);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  wfl_test_wait_until (has_layout, f);
}

static void
fixture_clear (Fixture *f)
{
  gtk_window_destroy (f->window);
  wfl_test_iterate ();
  g_clear_object (&f->document);
}

static WflSankeyLayout *
layout_of (Fixture *f)
{
  return _wfl_sankey_view_get_layout (f->view);
}

static WflSankeyGraph *
graph_of (Fixture *f)
{
  return wfl_sankey_layout_get_graph (layout_of (f));
}

static void
node_centre (Fixture *f,
             guint    v,
             double  *x,
             double  *y)
{
  const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout_of (f), v);

  _wfl_sankey_view_layout_to_widget (f->view, (g->x0 + g->x1) / 2, (g->y0 + g->y1) / 2, x, y);
}

/* A point on no node and no band, in widget coordinates. */
static gboolean
find_empty (Fixture *f,
            double  *x,
            double  *y)
{
  WflSankeyLayout *layout = layout_of (f);
  double w = wfl_sankey_layout_get_width (layout), h = wfl_sankey_layout_get_height (layout);

  for (int j = 1; j < 40; j++)
    for (int i = 1; i < 40; i++)
      {
        double lx = w * i / 40, ly = h * j / 40;

        if (wfl_sankey_layout_hit_test (layout, lx, ly).kind == WFL_SANKEY_HIT_NONE)
          {
            _wfl_sankey_view_layout_to_widget (f->view, lx, ly, x, y);
            return TRUE;
          }
      }
  return FALSE;
}

static void
test_sankey_view_layout (void)
{
  Fixture f;
  WflScenario *scenario;
  WflSankeyLayout *layout;
  int width, height;

  fixture_init (&f, NULL);
  scenario = wfl_document_get_scenario (f.document);
  layout = layout_of (&f);

  /* The built-in scenario's flows, laid out in the view's size. */
  g_assert_cmpuint (wfl_sankey_graph_get_n_nodes (graph_of (&f)), ==, wfl_scenario_get_n_nodes (scenario));
  g_assert_cmpuint (wfl_sankey_graph_get_n_links (graph_of (&f)), ==, wfl_scenario_get_n_links (scenario));
  width = gtk_widget_get_width (GTK_WIDGET (f.view));
  height = gtk_widget_get_height (GTK_WIDGET (f.view));
  g_assert_cmpint (width, >, 100);
  g_assert_cmpfloat (wfl_sankey_layout_get_width (layout), <, width);
  g_assert_cmpfloat (wfl_sankey_layout_get_width (layout), >, width - 60);
  g_assert_cmpfloat (wfl_sankey_layout_get_height (layout), <, height);
  g_assert_cmpfloat (wfl_sankey_layout_get_height (layout), >, height - 60);

  /* A new week window rebuilds the graph: the order is filled early, so
   * the last weeks carry less. */
  {
    double before = wfl_sankey_layout_get_node (layout, 0)->value;
    int first, last;

    wfl_document_get_sankey_window (f.document, &first, &last);
    g_assert_cmpint (last, >, first + 2);
    wfl_document_set_sankey_window (f.document, last - 2, last);
    wfl_test_wait_until (has_layout, &f);
    g_assert_true (layout_of (&f) != layout);
    g_assert_cmpfloat (wfl_sankey_layout_get_node (layout_of (&f), 0)->value, <, before);
  }

  fixture_clear (&f);
}

static void
test_sankey_view_click_selects (void)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (7, 4, 4, 20, 52);
  Fixture f;
  WflSankeyGraph *graph;
  const WflSankeyLinkGeometry *lg;
  WflSankeyRenderState state;
  double x, y;
  guint v = 5, l = 3;

  fixture_init (&f, scenario);
  graph = graph_of (&f);

  /* A node */
  node_centre (&f, v, &x, &y);
  _wfl_sankey_view_click_at (f.view, x, y);
  g_assert_cmpint (wfl_document_get_selection_kind (f.document), ==, WFL_SELECTION_NODE);
  g_assert_cmpstr (wfl_document_get_selected_node (f.document), ==, wfl_sankey_graph_get_node (graph, v)->id);
  _wfl_sankey_view_get_render_state (f.view, &state);
  g_assert_cmpint (state.selected.kind, ==, WFL_SANKEY_HIT_NODE);
  g_assert_cmpuint (state.selected.index, ==, v);

  /* A band, in the middle of its first S-curve (where nothing else is
   * on top of it: hit-test the layout to know what is). */
  lg = wfl_sankey_layout_get_link (layout_of (&f), l);
  {
    guint n;
    const WflSankeyPoint *p = wfl_sankey_layout_get_points (layout_of (&f), l, &n);
    WflSankeyHit expected = wfl_sankey_layout_hit_test (layout_of (&f), (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2);

    g_assert_cmpfloat (lg->width, >, 0);
    g_assert_cmpint (expected.kind, ==, WFL_SANKEY_HIT_LINK);
    _wfl_sankey_view_layout_to_widget (f.view, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2, &x, &y);
    _wfl_sankey_view_click_at (f.view, x, y);
    g_assert_cmpint (wfl_document_get_selection_kind (f.document), ==, WFL_SELECTION_LINK);
    {
      const WflLink *link = wfl_scenario_get_link (wfl_document_get_scenario (f.document),
                                                   wfl_document_get_selected_link (f.document));
      const WflSankeyLink *band = wfl_sankey_graph_get_link (graph, expected.index);

      g_assert_cmpstr (link->from, ==, wfl_sankey_graph_get_node (graph, band->source)->id);
      g_assert_cmpstr (link->to, ==, wfl_sankey_graph_get_node (graph, band->target)->id);
    }
  }

  /* Empty space clears the selection. */
  g_assert_true (find_empty (&f, &x, &y));
  _wfl_sankey_view_click_at (f.view, x, y);
  g_assert_cmpint (wfl_document_get_selection_kind (f.document), ==, WFL_SELECTION_NONE);
  _wfl_sankey_view_get_render_state (f.view, &state);
  g_assert_cmpint (state.selected.kind, ==, WFL_SANKEY_HIT_NONE);

  fixture_clear (&f);
}

static void
test_sankey_view_selection_follows_document (void)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (7, 4, 4, 20, 52);
  Fixture f;
  WflSankeyRenderState state;
  const char *id;
  int index;

  fixture_init (&f, scenario);

  id = wfl_scenario_get_node (scenario, 9)->id;
  wfl_document_select_node (f.document, id);
  _wfl_sankey_view_get_render_state (f.view, &state);
  g_assert_cmpint (state.selected.kind, ==, WFL_SANKEY_HIT_NODE);
  g_assert_cmpstr (wfl_sankey_graph_get_node (graph_of (&f), state.selected.index)->id, ==, id);
  /* The focus follows, so the keyboard goes on from there. */
  g_assert_cmpuint (_wfl_sankey_view_get_focus_item (f.view).index, ==, state.selected.index);

  wfl_document_select_link (f.document, 4);
  _wfl_sankey_view_get_render_state (f.view, &state);
  g_assert_cmpint (state.selected.kind, ==, WFL_SANKEY_HIT_LINK);
  {
    const WflSankeyLink *band = wfl_sankey_graph_get_link (graph_of (&f), state.selected.index);
    const WflLink *link = wfl_scenario_get_link (scenario, 4);

    g_assert_cmpstr (wfl_sankey_graph_get_node (graph_of (&f), band->source)->id, ==, link->from);
    g_assert_cmpstr (wfl_sankey_graph_get_node (graph_of (&f), band->target)->id, ==, link->to);
  }

  /* An order selects its customer. */
  index = wfl_scenario_get_n_nodes (scenario) - 1;
  wfl_document_select_order (f.document, wfl_scenario_get_node (scenario, index)->id,
                             ((WflOrder *) g_ptr_array_index (wfl_scenario_get_node (scenario, index)->orders, 0))->id);
  _wfl_sankey_view_get_render_state (f.view, &state);
  g_assert_cmpint (state.selected.kind, ==, WFL_SANKEY_HIT_NODE);
  g_assert_cmpstr (wfl_sankey_graph_get_node (graph_of (&f), state.selected.index)->id, ==,
                   wfl_scenario_get_node (scenario, index)->id);

  wfl_document_select_none (f.document);
  _wfl_sankey_view_get_render_state (f.view, &state);
  g_assert_cmpint (state.selected.kind, ==, WFL_SANKEY_HIT_NONE);

  fixture_clear (&f);
}

typedef struct
{
  Fixture    *f;
  const char *id;
  double      position;
} PinWait;

static gboolean
pin_in_layout (gpointer data)
{
  PinWait *w = data;
  WflSankeyLayout *layout = layout_of (w->f);
  int v;

  if (layout == NULL || _wfl_sankey_view_is_busy (w->f->view))
    return FALSE;
  v = wfl_sankey_graph_find_node (wfl_sankey_layout_get_graph (layout), w->id);
  return v >= 0 && wfl_sankey_graph_get_node (wfl_sankey_layout_get_graph (layout), v)->position == w->position;
}

static gboolean
pin_gone_from_layout (gpointer data)
{
  PinWait *w = data;
  WflSankeyLayout *layout = layout_of (w->f);
  int v;

  if (layout == NULL || _wfl_sankey_view_is_busy (w->f->view))
    return FALSE;
  v = wfl_sankey_graph_find_node (wfl_sankey_layout_get_graph (layout), w->id);
  /* Free, or held where the whole calendar's layout has it (stable
   * layouts), no longer at the pin. */
  return v >= 0 && wfl_sankey_graph_get_node (wfl_sankey_layout_get_graph (layout), v)->position != w->position;
}

static void
test_sankey_view_pin_drag (void)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (11, 4, 4, 20, 52);
  Fixture f;
  const WflPin *pin;
  const WflSankeyNodeGeometry *g;
  WflViews *views;
  PinWait wait;
  double x, y;
  guint v = 4, column;
  char *id;

  fixture_init (&f, scenario);
  views = wfl_scenario_get_views (wfl_document_get_scenario (f.document));
  g_assert_cmpuint (views->pins->len, ==, 0);
  id = g_strdup (wfl_sankey_graph_get_node (graph_of (&f), v)->id);
  g = wfl_sankey_layout_get_node (layout_of (&f), v);
  column = g->column;

  /* Down by a good part of the chart, in the same column. */
  node_centre (&f, v, &x, &y);
  _wfl_sankey_view_drag (f.view, x, y, 0, gtk_widget_get_height (GTK_WIDGET (f.view)) / 3.0);
  pin = wfl_document_get_pin (f.document, id);
  g_assert_nonnull (pin);
  g_assert_cmpint (pin->column, ==, -1);
  g_assert_cmpfloat (pin->position, >=, 0);
  g_assert_cmpfloat (pin->position, <=, 1);
  g_assert_cmpuint (views->pins->len, ==, 1);
  g_assert_true (wfl_document_can_undo (f.document));

  /* The graph is rebuilt with the pin once the scenario re-simulated. */
  wait = (PinWait) { &f, id, pin->position };
  wfl_test_wait_until (pin_in_layout, &wait);

  /* Undo removes it. */
  g_assert_true (wfl_document_undo (f.document));
  g_assert_null (wfl_document_get_pin (f.document, id));
  g_assert_cmpuint (wfl_scenario_get_views (wfl_document_get_scenario (f.document))->pins->len, ==, 0);
  wfl_test_wait_until (pin_gone_from_layout, &wait);

  /* Across one column to the right: pinned to that column. */
  {
    int w = wfl_sankey_graph_find_node (graph_of (&f), id);
    double x1, y1, lx;

    g = wfl_sankey_layout_get_node (layout_of (&f), w);
    g_assert_cmpuint (g->column, ==, column);
    g_assert_cmpuint (column + 1, <, wfl_sankey_layout_get_n_columns (layout_of (&f)));
    /* One column step, from any node of the next column. */
    lx = g->x0;
    for (guint k = 0; k < wfl_sankey_graph_get_n_nodes (graph_of (&f)); k++)
      if (wfl_sankey_layout_get_node (layout_of (&f), k)->column == column + 1)
        lx = wfl_sankey_layout_get_node (layout_of (&f), k)->x0;
    g_assert_cmpfloat (lx, >, g->x0);
    node_centre (&f, w, &x, &y);
    _wfl_sankey_view_layout_to_widget (f.view, lx + (g->x1 - g->x0) / 2, (g->y0 + g->y1) / 2, &x1, &y1);
    _wfl_sankey_view_drag (f.view, x, y, x1 - x, 0);
    pin = wfl_document_get_pin (f.document, id);
    g_assert_nonnull (pin);
    g_assert_cmpint (pin->column, ==, column + 1);
  }

  /* The unpin action removes it (undoably). */
  _wfl_sankey_view_key_press (f.view, GDK_KEY_Escape, 0);
  wfl_document_select_node (f.document, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "sankey.unpin", NULL));
  g_assert_null (wfl_document_get_pin (f.document, id));

  g_free (id);
  fixture_clear (&f);
}

typedef struct
{
  Fixture *f;
  double   zoom;
} ZoomWait;

static gboolean
laid_out_at_zoom (gpointer data)
{
  ZoomWait *w = data;
  WflSankeyLayout *layout = layout_of (w->f);
  double inner = gtk_widget_get_width (GTK_WIDGET (w->f->view)) - 24;

  return layout != NULL && !_wfl_sankey_view_is_busy (w->f->view) &&
         fabs (wfl_sankey_layout_get_width (layout) - inner * w->zoom) < 1;
}

static void
test_sankey_view_zoom (void)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (7, 4, 4, 20, 52);
  Fixture f;
  ZoomWait wait;
  double x, y, zoom;
  guint v = 6;

  fixture_init (&f, scenario);
  g_assert_cmpfloat (wfl_sankey_view_get_zoom (f.view), ==, 1.0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "sankey.zoom-in", NULL));
  zoom = wfl_sankey_view_get_zoom (f.view);
  g_assert_cmpfloat (zoom, >, 1.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "sankey.zoom-in", NULL));
  g_assert_cmpfloat (wfl_sankey_view_get_zoom (f.view), >, zoom);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "sankey.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (wfl_sankey_view_get_zoom (f.view), zoom, 1e-9);

  /* Hit-testing under the zoom, before the relayout (the old layout
   * scaled) and after it (laid out at the zoomed size). */
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          wait = (ZoomWait) { &f, zoom };
          wfl_test_wait_until (laid_out_at_zoom, &wait);
        }
      /* Bring the node into view, then click on it. */
      wfl_document_select_node (f.document, wfl_sankey_graph_get_node (graph_of (&f), v)->id);
      wfl_document_select_none (f.document);
      node_centre (&f, v, &x, &y);
      if (x < 0 || y < 0 || x > gtk_widget_get_width (GTK_WIDGET (f.view)) ||
          y > gtk_widget_get_height (GTK_WIDGET (f.view)))
        continue;
      _wfl_sankey_view_click_at (f.view, x, y);
      g_assert_cmpstr (wfl_document_get_selected_node (f.document), ==,
                       wfl_sankey_graph_get_node (graph_of (&f), v)->id);
    }

  /* Reset, and the zoom actions' states. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "sankey.zoom-reset", NULL));
  g_assert_cmpfloat (wfl_sankey_view_get_zoom (f.view), ==, 1.0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f.view), "sankey.zoom-out", NULL) &&
                  wfl_sankey_view_get_zoom (f.view) < 1.0);
  wfl_sankey_view_set_zoom (f.view, 1000);
  g_assert_cmpfloat (wfl_sankey_view_get_zoom (f.view), ==, WFL_SANKEY_VIEW_MAX_ZOOM);
  wfl_sankey_view_set_zoom (f.view, 1);

  fixture_clear (&f);
}

static void
test_sankey_view_keyboard (void)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (7, 4, 4, 20, 52);
  Fixture f;
  WflSankeyGraph *graph;
  WflSankeyLayout *layout;
  WflSankeyHit focus, next;
  guint best = G_MAXUINT;
  double best_value = -1;

  fixture_init (&f, scenario);
  graph = graph_of (&f);
  layout = layout_of (&f);
  /* Entering the chart focuses the first node (leftmost column, top):
   * its item widget takes the keyboard focus, so a screen reader says it. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (f.view)));
  focus = _wfl_sankey_view_get_focus_item (f.view);
  g_assert_true (gtk_widget_has_focus (_wfl_sankey_view_get_item_widget (f.view, focus)));
  g_assert_cmpint (focus.kind, ==, WFL_SANKEY_HIT_NODE);
  g_assert_cmpuint (wfl_sankey_layout_get_node (layout, focus.index)->column, ==, 0);
  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    if (wfl_sankey_layout_get_node (layout, v)->column == 0)
      g_assert_cmpfloat (wfl_sankey_layout_get_node (layout, v)->y0, >=,
                         wfl_sankey_layout_get_node (layout, focus.index)->y0);

  /* Right follows the largest band out. */
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    if (wfl_sankey_graph_get_link (graph, l)->source == focus.index &&
        wfl_sankey_graph_get_link (graph, l)->value > best_value)
      {
        best = l;
        best_value = wfl_sankey_graph_get_link (graph, l)->value;
      }
  g_assert_cmpuint (best, !=, G_MAXUINT);
  g_assert_true (_wfl_sankey_view_key_press (f.view, GDK_KEY_Right, 0));
  next = _wfl_sankey_view_get_focus_item (f.view);
  g_assert_cmpint (next.kind, ==, WFL_SANKEY_HIT_NODE);
  g_assert_cmpuint (next.index, ==, wfl_sankey_graph_get_link (graph, best)->target);
  /* The focus follows, to the item named after the node. */
  g_assert_true (gtk_widget_has_focus (_wfl_sankey_view_get_item_widget (f.view, next)));

  /* Left goes back up the largest band in. */
  g_assert_true (_wfl_sankey_view_key_press (f.view, GDK_KEY_Left, 0));
  g_assert_cmpuint (wfl_sankey_layout_get_node (layout, _wfl_sankey_view_get_focus_item (f.view).index)->column, <,
                    wfl_sankey_layout_get_node (layout, next.index)->column);
  g_assert_true (_wfl_sankey_view_key_press (f.view, GDK_KEY_Right, 0));

  /* Down: the next node of the same column, lower. */
  focus = _wfl_sankey_view_get_focus_item (f.view);
  g_assert_true (_wfl_sankey_view_key_press (f.view, GDK_KEY_Down, 0));
  next = _wfl_sankey_view_get_focus_item (f.view);
  if (next.index != focus.index)
    {
      g_assert_cmpuint (wfl_sankey_layout_get_node (layout, next.index)->column, ==,
                        wfl_sankey_layout_get_node (layout, focus.index)->column);
      g_assert_cmpfloat (wfl_sankey_layout_get_node (layout, next.index)->y0, >,
                         wfl_sankey_layout_get_node (layout, focus.index)->y0);
      g_assert_true (_wfl_sankey_view_key_press (f.view, GDK_KEY_Up, 0));
      g_assert_cmpuint (_wfl_sankey_view_get_focus_item (f.view).index, ==, focus.index);
    }

  /* Shift+Right moves onto a band out of the node. */
  focus = _wfl_sankey_view_get_focus_item (f.view);
  g_assert_true (_wfl_sankey_view_key_press (f.view, GDK_KEY_Right, GDK_SHIFT_MASK));
  next = _wfl_sankey_view_get_focus_item (f.view);
  g_assert_cmpint (next.kind, ==, WFL_SANKEY_HIT_LINK);
  g_assert_cmpuint (wfl_sankey_graph_get_link (graph, next.index)->source, ==, focus.index);

  /* Enter selects it and asks for the inspector. */
  g_assert_cmpuint (f.activated, ==, 0);
  g_assert_true (_wfl_sankey_view_key_press (f.view, GDK_KEY_Return, 0));
  g_assert_cmpuint (f.activated, ==, 1);
  g_assert_cmpint (wfl_document_get_selection_kind (f.document), ==, WFL_SELECTION_LINK);

  /* Tab leaves the chart in one step (the arrows move inside it). */
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (f.view), GTK_DIR_TAB_FORWARD));

  /* Escape clears the selection. */
  g_assert_true (_wfl_sankey_view_key_press (f.view, GDK_KEY_Escape, 0));
  g_assert_cmpint (wfl_document_get_selection_kind (f.document), ==, WFL_SELECTION_NONE);

  fixture_clear (&f);
}

/* A scenario big enough to be laid out in a thread. */
static void
test_sankey_view_threaded (void)
{
  g_autoptr(WflScenario) scenario = wfl_layered_scenario_new (3, 8, 40, 1300, 52);
  Fixture f;
  double x, y;
  guint v = 100;

  fixture_init (&f, scenario);
  g_assert_cmpuint (wfl_sankey_graph_get_n_nodes (graph_of (&f)), ==, 320);
  node_centre (&f, v, &x, &y);
  _wfl_sankey_view_click_at (f.view, x, y);
  g_assert_cmpstr (wfl_document_get_selected_node (f.document), ==,
                   wfl_sankey_graph_get_node (graph_of (&f), v)->id);

  /* Resizing lays out again, in a thread, at the new size. */
  gtk_window_set_default_size (f.window, 700, 500);
  {
    ZoomWait wait = { &f, 1.0 };

    wfl_test_wait_until (laid_out_at_zoom, &wait);
  }
  fixture_clear (&f);
}

/* Format version 2: a band's tooltip gives its quotas per period (own,
 * granted, given up, delivered) and the weeks of the window it was
 * closed. */
static void
test_sankey_view_quota_tooltip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "valid-allocation.waferline", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflScenario) scenario = wfl_scenario_load_file (file, NULL, NULL, &error);
  WflSankeyHit meta = { WFL_SANKEY_HIT_LINK, 2 }, inflection = { WFL_SANKEY_HIT_LINK, 4 };
  WflSankeyHit bytedance = { WFL_SANKEY_HIT_LINK, 5 }, supply = { WFL_SANKEY_HIT_LINK, 0 };
  g_autofree char *text = NULL;
  Fixture f;

  g_assert_no_error (error);
  fixture_init (&f, scenario);

  /* Q3 2023 is weeks 26–38: meta gave up 500 of its 4,000. */
  wfl_document_set_sankey_window (f.document, 26, 38);
  wfl_test_wait_until (has_layout, &f);
  text = _wfl_sankey_view_get_tooltip (f.view, meta);
  g_assert_nonnull (strstr (text, "Q3 2023: quota 4"));
  g_assert_nonnull (strstr (text, ", 500 GPUs given up, delivered 3"));
  g_assert_null (strstr (text, "Closed"));
  g_clear_pointer (&text, g_free);
  text = _wfl_sankey_view_get_tooltip (f.view, inflection);
  g_assert_nonnull (strstr (text, "Q3 2023: quota 0 GPUs, 1"));
  g_assert_nonnull (strstr (text, "granted"));
  g_clear_pointer (&text, g_free);
  text = _wfl_sankey_view_get_tooltip (f.view, supply);
  g_assert_null (strstr (text, "quota"));
  g_clear_pointer (&text, g_free);

  /* Q4 2023 (weeks 39–51): bytedance's link closes on 23 October. */
  wfl_document_set_sankey_window (f.document, 39, 51);
  wfl_test_wait_until (has_layout, &f);
  text = _wfl_sankey_view_get_tooltip (f.view, bytedance);
  g_assert_nonnull (strstr (text, "Q4 2023: quota 2"));
  g_assert_nonnull (strstr (text, "Closed in 10 of the window’s 13 weeks"));

  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/sankey-view/layout", test_sankey_view_layout);
  g_test_add_func ("/wfl/ui/sankey-view/click-selects", test_sankey_view_click_selects);
  g_test_add_func ("/wfl/ui/sankey-view/selection-follows-document", test_sankey_view_selection_follows_document);
  g_test_add_func ("/wfl/ui/sankey-view/pin-drag", test_sankey_view_pin_drag);
  g_test_add_func ("/wfl/ui/sankey-view/zoom", test_sankey_view_zoom);
  g_test_add_func ("/wfl/ui/sankey-view/keyboard", test_sankey_view_keyboard);
  g_test_add_func ("/wfl/ui/sankey-view/threaded", test_sankey_view_threaded);
  g_test_add_func ("/wfl/ui/sankey-view/quota-tooltip", test_sankey_view_quota_tooltip);

  return g_test_run ();
}
