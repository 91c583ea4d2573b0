/* wfl-a11y.c: what GTK 4.8 and libadwaita 1.2 leave for a screen reader
 *
 * GTK 4.8 names an accessible from its label property or from what its
 * labelled-by relation points at, and falls back to the widget's type
 * name: an icon or an empty label is read as "GtkImage" or "GtkLabel",
 * a scroll bar as "GtkScrollbar", a drop-down's button as
 * "GtkToggleButton", libadwaita's view switcher as "AdwViewSwitcher".  A
 * button with a mnemonic gets both its label property, underscore and
 * all, and its label's text ("_Open Open").  wfl_a11y_repair() walks a
 * widget tree and mends each of these with the public API: the label
 * property where a name is missing or wrong, the hidden state for what
 * is only decoration.
 *
 * GTK 4.8 has no announcements (gtk_accessible_announce() is 4.14): an
 * announcer is an alert of no size, hidden and shown again with each
 * message as its name, which GTK reports as an alert added to the tree.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-a11y"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "wfl-a11y.h"

#define REPAIRED "wfl-a11y-repaired"

/* The text of a mnemonic label, without its underscores. */
static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (out, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
set_hidden (GtkWidget *widget,
            gboolean   hidden)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, hidden, -1);
}

/* A button with a mnemonic: GTK gives it its label property with the
 * underscore and a labelled-by relation to its label; the name is both.
 * The relation alone says it. */
static void
repair_button (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  g_autofree char *text = NULL;

  if (label == NULL || !gtk_button_get_use_underline (button) || strchr (label, '_') == NULL)
    return;
  text = strip_mnemonic (label);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  set_label (GTK_WIDGET (button), text);
}

void
wfl_a11y_repair_button (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));
  repair_button (button);
}

static void
label_text_changed_cb (GtkLabel *label)
{
  const char *text = gtk_label_get_text (label);

  set_hidden (GTK_WIDGET (label), text == NULL || *text == '\0');
}

/* A label with no text is hidden from screen readers (else it reads as
 * "GtkLabel"), and shown again when it gets one. */
static void
repair_label (GtkLabel *label)
{
  g_signal_connect (label, "notify::label", G_CALLBACK (label_text_changed_cb), NULL);
  label_text_changed_cb (label);
}

/* An icon beside a text or a button's label says nothing the text does
 * not: decoration.  Icons that mean something get a label property, and
 * their callers mark them repaired. */
static void
image_visible_cb (GtkWidget *image)
{
  /* GTK clears the hidden state whenever the widget is shown. */
  set_hidden (image, TRUE);
}

static void
repair_image (GtkWidget *image)
{
  if (gtk_widget_get_focusable (image))
    return;
  set_hidden (image, TRUE);
  g_signal_connect (image, "notify::visible", G_CALLBACK (image_visible_cb), NULL);
}

static void
name_list_view (GtkWidget  *root,
                const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child) || GTK_IS_SCROLLED_WINDOW (child) || GTK_IS_SCROLLBAR (child))
        set_label (child, title);
      name_list_view (child, title);
    }
}

/* The item widgets of a drop-down's list: named after their label. */
static void
list_item_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = string ? gtk_string_object_get_string (string) : "";
  GtkWidget *row;

  gtk_label_set_text (GTK_LABEL (label), text);
  /* GTK 4.8 has no API to name a list item; its widget is the label's
   * parent, and the name is set there. */
  row = gtk_widget_get_parent (label);
  if (row != NULL)
    set_label (row, text);
}

static void
list_item_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static GtkListItemFactory *
string_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (list_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (list_item_bind_cb), NULL);
  return factory;
}

static void
combo_row_selected_cb (AdwComboRow *row)
{
  g_autofree char *title = strip_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  GObject *item = adw_combo_row_get_selected_item (row);
  g_autofree char *label = NULL;

  if (GTK_IS_STRING_OBJECT (item))
    /* Translators: a drop-down for screen readers: its title and the
     * chosen item, "Time Scale: Month" */
    label = g_strdup_printf (_("%s: %s"), title, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  /* The name says it all; the title label would say the title twice. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  set_label (GTK_WIDGET (row), label ? label : title);
}

/* The list showing the chosen item inside the row is left out (the row's
 * name says it); the popover's list is named after the row. */
static void
name_combo_lists (GtkWidget  *root,
                  const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child) && gtk_widget_get_ancestor (child, GTK_TYPE_POPOVER) == NULL)
        {
          set_hidden (child, TRUE);
          continue;
        }
      if (GTK_IS_LIST_VIEW (child) || GTK_IS_SCROLLED_WINDOW (child) || GTK_IS_SCROLLBAR (child))
        set_label (child, title);
      name_combo_lists (child, title);
    }
}

/* A combo row is named "title: chosen item"; the rows of its popover are
 * named after their items.  (A new factory for the chosen item itself
 * would rebuild it, which loses the keyboard focus.) */
void
wfl_a11y_fix_combo_row (AdwComboRow *row)
{
  g_autofree char *title = strip_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  if (GTK_IS_STRING_LIST (adw_combo_row_get_model (row)))
    {
      g_autoptr (GtkListItemFactory) list_factory = string_factory_new ();

      adw_combo_row_set_list_factory (row, list_factory);
    }
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_row_selected_cb), NULL);
  combo_row_selected_cb (row);
  name_combo_lists (GTK_WIDGET (row), title);
}

static void
drop_down_selected_cb (GtkDropDown *drop_down)
{
  const char *title = g_object_get_data (G_OBJECT (drop_down), "wfl-a11y-title");
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);
  g_autofree char *label = NULL;

  if (title == NULL)
    return;
  label = item ? g_strdup_printf (_("%s: %s"), title, gtk_string_object_get_string (item)) : g_strdup (title);
  /* The button inside is what takes the focus. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      set_label (child, label);
}

void
wfl_a11y_name_drop_down (GtkDropDown *drop_down,
                         const char  *title)
{
  g_autoptr (GtkListItemFactory) factory = NULL;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  g_object_set_data_full (G_OBJECT (drop_down), "wfl-a11y-title", g_strdup (title), g_free);
  if (GTK_IS_STRING_LIST (gtk_drop_down_get_model (drop_down)))
    {
      factory = string_factory_new ();
      gtk_drop_down_set_factory (drop_down, factory);
    }
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (drop_down_selected_cb), NULL);
  drop_down_selected_cb (drop_down);
  name_list_view (GTK_WIDGET (drop_down), title);
}

/* Icons that libadwaita shows and hides itself: presentation only, which
 * the hidden state (cleared on every show) cannot say. */
static void
present_images_as_decoration (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_IMAGE (child))
        g_object_set (child, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
      present_images_as_decoration (child);
    }
}

void
wfl_a11y_fix_entry_row (GtkWidget  *row,
                        const char *title)
{
  GtkWidget *text;

  present_images_as_decoration (row);

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row)));
  /* The role can change until the accessible is first exported. */
  g_object_set (text, "accessible-role", GTK_ACCESSIBLE_ROLE_TEXT_BOX, NULL);
  set_label (text, title);
  /* The row is the list's item; the text inside it is the field. */
  g_object_set (row, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  set_label (row, title);
}

static gboolean
list_box_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         GtkWidget             *list_box)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (list_box));
  gboolean moved;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || root == NULL)
    return FALSE;
  /* The focus moves on from the list as if it had no rows: the window's
   * focus chain still runs through it, and skips it while it cannot take
   * the focus. */
  gtk_widget_set_can_focus (list_box, FALSE);
  moved = gtk_widget_child_focus (root, (state & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab
                                         ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  gtk_widget_set_can_focus (list_box, TRUE);
  return moved;
}

void
wfl_a11y_list_box_tab_out (GtkListBox *list_box)
{
  GtkEventController *key = gtk_event_controller_key_new ();

  g_return_if_fail (GTK_IS_LIST_BOX (list_box));

  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (list_box_key_pressed_cb), list_box, 0);
  gtk_widget_add_controller (GTK_WIDGET (list_box), key);
}

void
wfl_a11y_name_scrolled_window (GtkScrolledWindow *scrolled,
                               const char        *name)
{
  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled));

  set_label (GTK_WIDGET (scrolled), name);
  set_label (gtk_scrolled_window_get_hscrollbar (scrolled), name);
  set_label (gtk_scrolled_window_get_vscrollbar (scrolled), name);
  g_object_set_data (G_OBJECT (scrolled), REPAIRED, GINT_TO_POINTER (1));
}

static void
repair_widget (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    repair_button (GTK_BUTTON (widget));
  else if (GTK_IS_LABEL (widget))
    repair_label (GTK_LABEL (widget));
  else if (GTK_IS_IMAGE (widget))
    repair_image (widget);
  else if (ADW_IS_VIEW_SWITCHER (widget))
    /* Translators: for screen readers, the tabs that switch between the
     * charts */
    set_label (widget, _("Views"));
  else if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
      const char *title = GTK_IS_WINDOW (window) ? gtk_window_get_title (GTK_WINDOW (window)) : NULL;

      /* A scrolled window nobody named: after its window. */
      wfl_a11y_name_scrolled_window (GTK_SCROLLED_WINDOW (widget), title ? title : "");
    }
  else if (GTK_IS_LIST_BOX (widget) && ADW_IS_PREFERENCES_GROUP (gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP)))
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP));
      const char *title = adw_preferences_group_get_title (group);
      GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));

      /* A group with a title labels its list itself. */
      if (title == NULL || *title == '\0')
        {
          title = GTK_IS_WINDOW (window) ? gtk_window_get_title (GTK_WINDOW (window)) : NULL;
          set_label (widget, title ? title : "");
        }
    }
}

void
wfl_a11y_repair (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (g_object_get_data (G_OBJECT (root), REPAIRED) == NULL)
    {
      g_object_set_data (G_OBJECT (root), REPAIRED, GINT_TO_POINTER (1));
      repair_widget (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wfl_a11y_repair (child);
}

/* Announcements ----------------------------------------------------------- */

/* An alert that takes no room and draws nothing, but is mapped, so that
 * GTK tells the accessibility bus when it appears. */
#define WFL_TYPE_ANNOUNCER (wfl_announcer_get_type ())
G_DECLARE_FINAL_TYPE (WflAnnouncer, wfl_announcer, WFL, ANNOUNCER, GtkWidget)

struct _WflAnnouncer
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (WflAnnouncer, wfl_announcer, GTK_TYPE_WIDGET)

static void
wfl_announcer_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = *natural = 0;
}

static void
wfl_announcer_class_init (WflAnnouncerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = wfl_announcer_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
wfl_announcer_init (WflAnnouncer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

GtkWidget *
wfl_a11y_announcer_new (void)
{
  GtkWidget *announcer = g_object_new (WFL_TYPE_ANNOUNCER, NULL);

  g_object_set_data (G_OBJECT (announcer), REPAIRED, GINT_TO_POINTER (1));
  set_hidden (announcer, TRUE);
  return announcer;
}

void
wfl_a11y_announce (GtkWidget  *announcer,
                   const char *text)
{
  g_return_if_fail (WFL_IS_ANNOUNCER (announcer));

  if (text == NULL || *text == '\0')
    return;
  /* Gone, the new text, back: an alert added to the window, which is
   * what GTK 4.8 can say of one (children-changed, then its name). */
  set_hidden (announcer, TRUE);
  set_label (announcer, text);
  set_hidden (announcer, FALSE);
}
