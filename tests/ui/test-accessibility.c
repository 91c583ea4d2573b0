/* test-accessibility.c: every control of the window has an accessible name
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "wfl-application.h"
#include "wfl-export-dialog.h"
#include "wfl-gantt-view-private.h"
#include "wfl-sankey-view-private.h"
#include "wfl-resources.h"
#include "wfl-test-utils.h"
#include "wfl-test-window.h"
#include "wfl-window-private.h"

/* GTK 4.8 names an accessible from its label property or from the
 * widgets its labelled-by relation points at (gtk_at_context_get_name);
 * it takes no name from a tooltip or from the content and falls back to
 * the type name.  A button given a text label gets a labelled-by
 * relation to it; an icon-only one needs its label property set. */
static gboolean has_accessible_name (GtkWidget *widget);

static gboolean
has_label_property (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);
  g_autofree char *empty = NULL;

  if (!gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  /* check_property returns NULL when the value equals "". */
  empty = gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "");
  return empty != NULL;
}

/* Finds the widget below @root that @widget's labelled-by relation
 * points at alone. */
static GtkWidget *
find_labelled_by (GtkWidget *widget,
                  GtkWidget *root)
{
  g_autofree char *mismatch = NULL;

  if (root != widget)
    {
      mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY, root, NULL);
      if (mismatch == NULL)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled_by (widget, child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GTK 4.8 names an accessible from its label property or from the
 * names of what its labelled-by relation points at
 * (gtk_at_context_get_name); it takes no name from a tooltip (that is
 * the description) or from the content, and falls back to the type
 * name.  A button with a text label is labelled by that label; an
 * icon-only button is labelled by its image, which has no name. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  GtkWidget *target;

  if (has_label_property (widget))
    return TRUE;
  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return FALSE;
  target = find_labelled_by (widget, GTK_WIDGET (gtk_widget_get_root (widget)));
  if (target == NULL)
    return FALSE;
  if (GTK_IS_LABEL (target))
    return g_strcmp0 (gtk_label_get_text (GTK_LABEL (target)), "") != 0;
  return has_label_property (target);
}

/* The widgets a user can focus or activate. */
static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_TEXT (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SCALE (widget) || GTK_IS_ENTRY (widget) ||
         WFL_IS_SANKEY_VIEW (widget) || WFL_IS_GANTT_VIEW (widget) ||
         (ADW_IS_PREFERENCES_ROW (widget) && !ADW_IS_ENTRY_ROW (widget) &&
          gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget))) ||
         (gtk_widget_get_focusable (widget) && !GTK_IS_WINDOW (widget) &&
          !GTK_IS_LIST_BOX (widget) && !GTK_IS_LIST_BOX_ROW (widget) &&
          !GTK_IS_VIEWPORT (widget) && !GTK_IS_SCROLLED_WINDOW (widget) && !GTK_IS_LABEL (widget));
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (G_OBJECT_TYPE_NAME (widget));

  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (path, " (tooltip \"%s\")", gtk_widget_get_tooltip_text (widget));
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      if (gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)) != NULL)
        g_string_append_printf (path, " in %s#%s", G_OBJECT_TYPE_NAME (w),
                                gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)));
    }
  return g_string_free (path, FALSE);
}

/* Walks the tree below @root; appends the unnamed controls to @missing
 * and returns how many controls it checked. */
static guint
collect_unnamed (GtkWidget *root,
                 GPtrArray *missing)
{
  guint n = 0;

  /* Hidden widgets are not presented (a popover's hidden search entry). */
  if (!gtk_widget_get_visible (root))
    return 0;
  /* The rows of list views (the choices of drop-downs and combo rows)
   * are presented by their content, which GTK fills in from the model. */
  if (GTK_IS_LIST_VIEW (root))
    return 0;
  /* Drop-downs, spin buttons and entries are presented as one control:
   * their inner buttons, texts and popups are theirs, and they are
   * checked themselves.  Popovers hold menus GTK builds from menu models,
   * whose items carry the model's labels.  (A menu button is not one
   * control in GTK 4.8: the focus goes to its inner toggle button, which
   * must be named; nor is an AdwEntryRow: the focus goes to its GtkText.) */
  for (GtkWidget *w = gtk_widget_get_parent (root); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_DROP_DOWN (w) || GTK_IS_SPIN_BUTTON (w) || GTK_IS_ENTRY (w) || GTK_IS_POPOVER (w))
      return 0;

  if (is_control (root))
    {
      n++;
      if (!has_accessible_name (root))
        g_ptr_array_add (missing, describe (root));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += collect_unnamed (child, missing);
  return n;
}

static void
assert_all_named (GtkWidget *root,
                  guint      min_controls)
{
  g_autoptr (GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  guint n = collect_unnamed (root, missing);

  for (guint i = 0; i < missing->len; i++)
    g_test_message ("no accessible name: %s", (char *) missing->pdata[i]);
  g_assert_cmpuint (n, >=, min_controls);
  g_assert_cmpuint (missing->len, ==, 0);
}

/* A window of the shared application, presented and its pending events
 * run, so that its accessible tree exists. */
static WflWindow *
new_window (void)
{
  WflWindow *window = wfl_test_new_window ();

  wfl_test_iterate ();
  return window;
}

/* The check itself: an icon-only button without a name is found. */
static void
test_a11y_check_finds_unnamed (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *labelled = gtk_button_new_with_label ("Add");
  g_autoptr (GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_widget_set_tooltip_text (button, "Add");
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), labelled);
  /* The tooltip does not name it; the text label names the other. */
  g_assert_cmpuint (collect_unnamed (box, missing), ==, 2);
  g_assert_cmpuint (missing->len, ==, 1);

  g_ptr_array_set_size (missing, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Add", -1);
  collect_unnamed (box, missing);
  g_assert_cmpuint (missing->len, ==, 0);

  /* An empty label is no name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  collect_unnamed (box, missing);
  g_assert_cmpuint (missing->len, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_a11y_window_named (void)
{
  WflWindow *window = new_window ();

  /* Both views, so that the Gantt toolbar's internals exist too. */
  wfl_window_show_view (window, WFL_CHART_GANTT);
  wfl_test_iterate ();
  wfl_window_show_view (window, WFL_CHART_SANKEY);
  wfl_test_iterate ();
  assert_all_named (GTK_WIDGET (window), 12);
  wfl_test_destroy_window (window);
}

static void
test_a11y_inspector_named (void)
{
  WflWindow *window = new_window ();
  WflDocument *document = wfl_window_get_document (window);

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-inspector", NULL);
  wfl_test_iterate ();
  assert_all_named (GTK_WIDGET (window->inspector), 1);

  g_assert_nonnull (wfl_scenario_find_node (wfl_document_get_scenario (document), "cowos-tsmc"));
  wfl_document_select_node (document, "cowos-tsmc");
  wfl_test_iterate ();
  /* The node page: name, capacities, yields, lead time, links. */
  assert_all_named (GTK_WIDGET (window->inspector), 8);

  wfl_document_select_link (document, 0);
  wfl_test_iterate ();
  assert_all_named (GTK_WIDGET (window->inspector), 4);
  wfl_test_destroy_window (window);
}

static void
test_a11y_export_dialog_named (void)
{
  WflWindow *window = new_window ();
  WflExportDialog *dialog = wfl_export_dialog_new (GTK_WINDOW (window), WFL_CHART_SANKEY);

  gtk_window_present (GTK_WINDOW (dialog));
  wfl_test_iterate ();
  /* Cancel, Export, two combo rows, three spin buttons. */
  assert_all_named (GTK_WIDGET (dialog), 5);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wfl_test_destroy_window (window);
}

/* Numbers in the German form, so that the grouping shows ("25.318");
 * NULL when the system lacks that locale. */
static char *
use_grouping_locale (void)
{
  char *old = g_strdup (setlocale (LC_NUMERIC, NULL));

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL && setlocale (LC_NUMERIC, "de_DE.utf8") == NULL)
    {
      g_free (old);
      return NULL;
    }
  return old;
}

static gboolean
sankey_ready (gpointer data)
{
  WflSankeyView *view = data;

  return _wfl_sankey_view_get_layout (view) != NULL && !_wfl_sankey_view_is_busy (view);
}

static void
test_a11y_sankey_describes_focus (void)
{
  g_autofree char *old_locale = use_grouping_locale ();
  WflWindow *window;
  WflDocument *document;
  WflSankeyHit focus;
  g_autofree char *text = NULL;
  g_autofree char *band = NULL;
  g_autofree char *mismatch = NULL;
  WflNode *node;

  if (old_locale == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }
  window = new_window ();
  document = wfl_window_get_document (window);
  wfl_test_wait_until (sankey_ready, window->sankey_view);
  node = wfl_scenario_find_node (wfl_document_get_scenario (document), "cowos-tsmc");
  g_assert_nonnull (node);
  g_assert_cmpstr (node->unit, ==, "package");

  wfl_document_select_node (document, "cowos-tsmc");
  focus = _wfl_sankey_view_get_focus_item (window->sankey_view);
  g_assert_cmpint (focus.kind, ==, WFL_SANKEY_HIT_NODE);
  text = _wfl_sankey_view_describe_item (window->sankey_view, focus);
  g_test_message ("focused node: %s", text);
  /* Name, throughput grouped in the locale's way with the plural unit,
   * share of the capacity used. */
  g_assert_true (g_str_has_prefix (text, wfl_node_get_display_name (node)));
  g_assert_true (g_regex_match_simple ("^.*, [1-9][0-9]{0,2}(\\.[0-9]{3})+ packages per week, [0-9]+% used(, bottleneck)?$",
                                       text, 0, 0));
  /* What the screen reader is given: the focused item's name. */
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (_wfl_sankey_view_get_item_widget (window->sankey_view, focus)),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, text);
  g_assert_null (mismatch);

  /* A band out of the node: both ends and a share. */
  g_assert_true (_wfl_sankey_view_key_press (window->sankey_view, GDK_KEY_Down, 0) ||
                 _wfl_sankey_view_key_press (window->sankey_view, GDK_KEY_Right, 0));
  focus = _wfl_sankey_view_get_focus_item (window->sankey_view);
  band = _wfl_sankey_view_describe_item (window->sankey_view, focus);
  g_test_message ("next item: %s", band);
  g_assert_nonnull (band);
  g_assert_cmpstr (band, !=, text);
  g_clear_pointer (&mismatch, g_free);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (_wfl_sankey_view_get_item_widget (window->sankey_view, focus)),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, band);
  g_assert_null (mismatch);

  wfl_test_destroy_window (window);
  setlocale (LC_NUMERIC, old_locale);
}

static void
test_a11y_gantt_describes_order (void)
{
  g_autofree char *old_locale = use_grouping_locale ();
  WflWindow *window;
  WflDocument *document;
  WflNode *meta;
  const WflOrder *order;
  g_autofree char *prefix = NULL;
  g_autofree char *text = NULL;
  g_autofree char *mismatch = NULL;
  int row;

  if (old_locale == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale");
      return;
    }
  window = new_window ();
  document = wfl_window_get_document (window);
  wfl_window_show_view (window, WFL_CHART_GANTT);
  wfl_gantt_view_set_mode (window->gantt_view, WFL_GANTT_MODE_ORDERS);
  wfl_test_iterate ();

  meta = wfl_scenario_find_node (wfl_document_get_scenario (document), "meta");
  g_assert_nonnull (meta);
  g_assert_cmpstr (meta->unit, ==, "gpu");
  g_assert_cmpuint (meta->orders->len, >, 2);
  order = g_ptr_array_index (meta->orders, 2);
  g_assert_cmpfloat (order->quantity, >=, 1000);

  wfl_document_select_order (document, "meta", order->id);
  wfl_test_iterate ();
  row = wfl_gantt_view_get_selected_row (window->gantt_view);
  g_assert_cmpint (row, >=, 0);
  text = _wfl_gantt_view_describe_row (window->gantt_view, row);
  g_test_message ("selected order: %s", text);

  prefix = g_strdup_printf ("%s, order %s, ", wfl_node_get_display_name (meta), order->id);
  g_assert_true (g_str_has_prefix (text, prefix));
  g_assert_true (g_regex_match_simple ("^[^,]+, order [^,]+, [1-9][0-9]{0,2}(\\.[0-9]{3})+ GPUs, placed [0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2}(, due [^,]+)?"
                                       "(, filled [0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2}( after [0-9.,]+ weeks?)?|, not filled within the calendar)"
                                       "(, [0-9.,]+ weeks? (late|early))?$",
                                       text, 0, 0));
  /* The view's accessible description names the selected row. */
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (window->gantt_view),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  {
    g_autofree char *expected = g_strdup_printf ("Row %d of %u selected: %s", row + 1,
                                                 wfl_gantt_view_get_chart (window->gantt_view)->rows->len, text);

    mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (window->gantt_view),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
    g_assert_null (mismatch);
  }

  wfl_test_destroy_window (window);
  setlocale (LC_NUMERIC, old_locale);
}

/* The time bar's slider says which weeks it shows, and says it anew
 * when the window moves. */
static void
test_a11y_time_bar_announces_window (void)
{
  WflWindow *window = new_window ();
  GtkWidget *track = NULL;
  g_autofree char *mismatch = NULL;
  g_autofree char *text = NULL;
  GtkWidget *label = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (window->time_bar));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_focusable (child) && GTK_IS_RANGE (child))
        track = child;
      else if (GTK_IS_LABEL (child))
        label = child;
    }
  g_assert_nonnull (track);
  g_assert_nonnull (label);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (track), GTK_ACCESSIBLE_ROLE_SLIDER);
  g_assert_true (has_accessible_name (track));

  wfl_time_bar_set_window (window->time_bar, 10, 22);
  wfl_test_iterate ();
  text = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  g_test_message ("window: %s", text);
  g_assert_true (g_regex_match_simple ("^[0-9]{1,2} [A-Z][a-z]+( 20[0-9]{2})? – [0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2} · 13 weeks$",
                                       text, 0, 0));
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (track), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text);
  g_assert_null (mismatch);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (track), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 10.0);
  /* A range, whose value AT-SPI reads, described by the dates. */
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (track)), ==, 10.0);
  g_clear_pointer (&mismatch, g_free);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (track), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
  g_assert_null (mismatch);

  wfl_time_bar_set_window (window->time_bar, 20, 32);
  wfl_test_iterate ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, text);
  g_clear_pointer (&mismatch, g_free);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (track), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                                 gtk_label_get_text (GTK_LABEL (label)));
  g_assert_null (mismatch);

  wfl_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return 77;

  /* The test backend keeps the accessible attributes (the suite's
   * GTK_A11Y=none would drop them). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  wfl_register_resource ();

  g_test_add_func ("/wfl/ui/a11y/check-finds-unnamed", test_a11y_check_finds_unnamed);
  g_test_add_func ("/wfl/ui/a11y/window-named", test_a11y_window_named);
  g_test_add_func ("/wfl/ui/a11y/inspector-named", test_a11y_inspector_named);
  g_test_add_func ("/wfl/ui/a11y/export-dialog-named", test_a11y_export_dialog_named);
  g_test_add_func ("/wfl/ui/a11y/sankey-describes-focus", test_a11y_sankey_describes_focus);
  g_test_add_func ("/wfl/ui/a11y/gantt-describes-order", test_a11y_gantt_describes_order);
  g_test_add_func ("/wfl/ui/a11y/time-bar-announces-window", test_a11y_time_bar_announces_window);

  status = g_test_run ();
  wfl_test_release_application ();
  return status;
}
