/* wfl-inspector.c: shows and edits the selected node, link or order
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-inspector"

#include "config.h"

#include <string.h>

#include <math.h>

#include <glib/gi18n.h>

#include "wfl-a11y.h"
#include "wfl-format.h"
#include "wfl-inspector-private.h"

/* Every editable value is a Field: where the value lives (node id, link
 * index, order id, schedule and point) and which value it is.  Editing
 * widgets carry their Field; a change is parsed and checked
 * (wfl-inspector-fields.c), refused in place with the reason, or applied
 * through wfl_document_edit() so that it can be undone.  The details page is rebuilt after every change of the
 * document, keeping the focused field and the expanded rows. */

struct _WflInspector
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkLabel       *list_title;
  GtkLabel       *list_subtitle;
  GtkMenuButton  *add_button;
  GtkListBox     *list_box;
  GtkButton      *back_button;
  GtkLabel       *details_title;
  GtkLabel       *details_subtitle;
  GtkButton      *delete_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkBox         *details_box;

  /* Owned references */
  WflDocument    *document;
  GHashTable     *fields;      /* key -> GtkWidget* (borrowed, cleared on rebuild) */
  GHashTable     *expanded;    /* keys of expanded rows */
  char           *error;
  char           *error_key;

  guint           rebuild_source;
  guint           rebuilding : 1;
  guint           in_widget_callback : 1;
  guint           focus_first_field : 1;  /* after Return on a list row */
  char           *list_signature;  /* what the list rows show, see rebuild_list() */
  char           *focus_next;      /* the field to focus after the next rebuild */
  char           *built_for;       /* the selection the details page shows */
  double          restore_scroll;  /* its scroll position to restore; < 0 none */
};

G_DEFINE_FINAL_TYPE (WflInspector, wfl_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (WflInspector *self);

static void
field_free (Field *field)
{
  g_free (field->key);
  g_free (field->node_id);
  g_free (field->order_id);
  g_free (field);
}

static Field *
field_new (FieldId     id,
           const char *key,
           const char *node_id,
           int         link,
           const char *order_id)
{
  Field *field = g_new0 (Field, 1);

  field->id = id;
  field->key = g_strdup (key);
  field->node_id = g_strdup (node_id);
  field->link = link;
  field->order_id = g_strdup (order_id);
  return field;
}

/* Helpers ---------------------------------------------------------------- */

static WflScenario *
scenario (WflInspector *self)
{
  return wfl_document_get_scenario (self->document);
}

/* Numbers in entries: every digit, in the locale's form ("2,5" in
 * German), read back by wfl_parse_number_locale(). */
static char *
format_number (double value)
{
  return wfl_format_number_locale (value, FALSE);
}

/* Numbers in titles and captions, grouped ("35,000"). */
static char *
format_number_grouped (double value)
{
  return wfl_format_number_locale (value, TRUE);
}

/* Dates in entries stay ISO (YYYY-MM-DD), which is what they accept. */
static char *
format_date_or_empty (WflDate date)
{
  return date == WFL_DATE_NONE ? g_strdup ("") : wfl_date_format (date);
}

static const char *
kind_label (WflNodeKind kind)
{
  switch (kind)
    {
    case WFL_NODE_KIND_SUPPLY:
      return _("Supply");
    case WFL_NODE_KIND_PROCESS:
      return _("Process");
    case WFL_NODE_KIND_POOL:
      return _("Shared capacity");
    case WFL_NODE_KIND_EQUIPMENT:
      return _("Equipment supplier");
    case WFL_NODE_KIND_CUSTOMER:
    default:
      return _("Customer");
    }
}

static const char *
basis_label (WflBasis basis)
{
  switch (basis)
    {
    case WFL_BASIS_SEED:
      return _("seed");
    case WFL_BASIS_PUBLIC:
      return _("public");
    case WFL_BASIS_ESTIMATE:
      return _("estimate");
    case WFL_BASIS_NONE:
    default:
      return NULL;
    }
}

static const char *
confidence_label (WflConfidence confidence)
{
  switch (confidence)
    {
    case WFL_CONFIDENCE_HIGH:
      return _("high confidence");
    case WFL_CONFIDENCE_MEDIUM:
      return _("medium confidence");
    case WFL_CONFIDENCE_LOW:
      return _("low confidence");
    case WFL_CONFIDENCE_NONE:
    default:
      return NULL;
    }
}

/* "TrendForce, CoWoS capacity · public · medium confidence", or NULL when
 * the value has neither source nor confidence. */
static char *
describe_source (WflInspector  *self,
                 const char    *source_id,
                 WflConfidence  confidence)
{
  GString *str = g_string_new (NULL);
  WflSource *source = wfl_scenario_find_source (scenario (self), source_id);

  if (source != NULL)
    {
      const char *basis = basis_label (source->basis);

      g_string_append (str, source->title ? source->title : source->id);
      if (basis != NULL)
        g_string_append_printf (str, " · %s", basis);
    }
  else if (source_id != NULL)
    {
      /* Translators: a source id that names no <source> */
      g_string_append_printf (str, _("%s (unknown source)"), source_id);
    }

  if (confidence_label (confidence) != NULL)
    {
      if (str->len > 0)
        g_string_append (str, " · ");
      g_string_append (str, confidence_label (confidence));
    }

  if (str->len == 0)
    {
      g_string_free (str, TRUE);
      return NULL;
    }
  return g_string_free (str, FALSE);
}

static const char *
field_title (FieldId id,
             ScheduleKind schedule)
{
  switch (id)
    {
    case F_NODE_ID: return _("Id");
    case F_NODE_NAME: return _("Name");
    case F_NODE_UNIT: return _("Unit");
    case F_NODE_GROUP: return _("Group");
    case F_NODE_KIND: return _("Kind");
    case F_NODE_LEAD_WEEKS: return _("Lead time (weeks)");
    case F_NODE_ALLOCATION: return _("Allocation");
    case F_NODE_INITIAL_RATE: return _("Initial rate (starts a week)");
    case F_NODE_INITIAL_STOCK: return _("Initial stock");
    case F_NODE_NOTE: return _("Note");
    case F_POINT_DATE: return _("Date");
    case F_POINT_VALUE:
      return schedule == SCHEDULE_CAPACITY ? _("Capacity a week")
             : schedule == SCHEDULE_YIELD ? _("Yield")
             : schedule == SCHEDULE_WEIGHT ? _("Weight")
             : schedule == SCHEDULE_QUOTA ? _("Quota a period") : _("Mix");
    case F_POINT_INTERPOLATE: return _("Reached by");
    case F_POINT_SOURCE: return _("Source");
    case F_POINT_CONFIDENCE: return _("Confidence");
    case F_LINK_FROM: return _("From");
    case F_LINK_TO: return _("To");
    case F_LINK_INPUT: return _("Input line");
    case F_LINK_PER_UNIT: return _("Per unit");
    case F_LINK_TRANSIT_WEEKS: return _("Transit (weeks)");
    case F_LINK_COVER_WEEKS: return _("Cover (weeks)");
    case F_LINK_PRIORITY: return _("Priority");
    case F_LINK_SHARE: return _("Share");
    case F_ORDER_ID: return _("Id");
    case F_ORDER_QUANTITY: return _("Quantity");
    case F_ORDER_PLACED: return _("Placed");
    case F_ORDER_DUE: return _("Due");
    case F_ORDER_PRIORITY: return _("Priority");
    case F_NODE_QUOTA_PERIOD: return _("Quota period");
    case F_GRANT_DONOR: return _("From (gives up quota)");
    case F_GRANT_RECIPIENT: return _("To (receives it)");
    case F_GRANT_QUANTITY: return _("Quantity a period");
    case F_GRANT_FROM: return _("First period (a date in it)");
    case F_GRANT_TO: return _("Last period (a date in it)");
    case F_GRANT_SOURCE: return _("Source");
    case F_GRANT_CONFIDENCE: return _("Confidence");
    case F_CHANGE_STATE: return _("Change");
    case F_EXPANSION_ORDERED: return _("Ordered");
    case F_EXPANSION_CAPACITY: return _("Capacity a week");
    case F_EXPANSION_LEAD_WEEKS: return _("Lead time (weeks)");
    case F_EXPANSION_QUALIFICATION_WEEKS: return _("Qualification (weeks)");
    case F_EXPANSION_SUPPLIER: return _("Equipment supplier");
    case F_EXPANSION_TOOLS: return _("Tools");
    case F_EXPANSION_SOURCE: return _("Source");
    case F_EXPANSION_CONFIDENCE: return _("Confidence");
    default: return "";
    }
}

static const char *
edit_label (FieldId id)
{
  switch (id)
    {
    case F_NODE_NAME: return _("Rename Node");
    case F_NODE_KIND: return _("Change Kind");
    case F_NODE_ALLOCATION: return _("Change Allocation");
    case F_NODE_LEAD_WEEKS: return _("Change Lead Time");
    case F_POINT_VALUE: return _("Change Schedule");
    case F_POINT_DATE: return _("Move Schedule Point");
    case F_LINK_PER_UNIT: return _("Change Per-Unit Quantity");
    case F_ORDER_QUANTITY: return _("Change Order Quantity");
    case F_NODE_QUOTA_PERIOD: return _("Change Quota Period");
    case F_GRANT_DONOR:
    case F_GRANT_RECIPIENT:
    case F_GRANT_QUANTITY:
    case F_GRANT_FROM:
    case F_GRANT_TO: return _("Change Grant");
    case F_CHANGE_STATE: return _("Change Availability");
    case F_EXPANSION_ORDERED: return _("Move Expansion Order");
    case F_EXPANSION_CAPACITY: return _("Change Expansion Capacity");
    default: return _("Edit");
    }
}

/* Errors in place ------------------------------------------------------------ */

static void
clear_error (WflInspector *self)
{
  GtkWidget *widget;

  if (self->error_key != NULL &&
      (widget = g_hash_table_lookup (self->fields, self->error_key)) != NULL)
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, NULL);
    }
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->error_key, g_free);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
show_error (WflInspector *self,
            GtkWidget    *widget,
            const Field  *field,
            const char   *message)
{
  clear_error (self);
  self->error = g_strdup (message);
  self->error_key = g_strdup (field->key);
  gtk_widget_add_css_class (widget, "error");
  gtk_widget_set_tooltip_text (widget, message);
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
}

static char *
merge_key (const Field *field)
{
  return g_strdup_printf ("%s:%s:%d:%s", field->key,
                          field->node_id ? field->node_id : "",
                          field->link,
                          field->order_id ? field->order_id : "");
}

static void
commit_value (WflInspector *self,
              GtkWidget    *widget,
              Value        *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = merge_key (value->field);

  clear_error (self);
  self->in_widget_callback = TRUE;
  if (!wfl_document_edit (self->document, edit_label (value->field->id), key,
                          _wfl_inspector_apply_edit, value, &error) && error != NULL)
    show_error (self, widget, value->field, error->message);
  self->in_widget_callback = FALSE;
}

/* Entry rows: checked on apply (Enter or the apply button). */
static void
entry_apply_cb (WflInspector *self,
                AdwEntryRow  *row)
{
  const Field *field = g_object_get_data (G_OBJECT (row), "wfl-field");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *message = NULL;
  Value value = { 0 };

  if (field == NULL || self->rebuilding)
    return;
  /* Applied: leaving the field does not apply it again. */
  g_object_set_data_full (G_OBJECT (row), "wfl-shown", g_strdup (text), g_free);

  if (field->id == F_NODE_ID)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strstrip (g_strdup (text));

      clear_error (self);
      self->in_widget_callback = TRUE;
      if (!wfl_document_rename_node (self->document, field->node_id, id, &error) && error != NULL)
        show_error (self, GTK_WIDGET (row), field, error->message);
      self->in_widget_callback = FALSE;
      return;
    }

  if (!_wfl_inspector_parse_field (scenario (self), field, text, &value, &message))
    {
      show_error (self, GTK_WIDGET (row), field, message);
      return;
    }

  if (field->id == F_ORDER_ID)
    {
      /* The selection follows the renamed order. */
      g_autofree char *old = g_strdup (field->order_id);
      g_autofree char *node = g_strdup (field->node_id);
      g_autofree char *new_id = g_strdup (value.text);
      gboolean selected = g_strcmp0 (wfl_document_get_selected_order (self->document), old) == 0;

      commit_value (self, GTK_WIDGET (row), &value);
      g_free (value.text);
      self->in_widget_callback = TRUE;
      if (selected)
        wfl_document_select_order (self->document, node, new_id);
      self->in_widget_callback = FALSE;
      return;
    }

  commit_value (self, GTK_WIDGET (row), &value);
  g_free (value.text);
}

static void
combo_selected_cb (WflInspector *self,
                   GParamSpec   *pspec,
                   AdwComboRow  *row)
{
  const Field *field = g_object_get_data (G_OBJECT (row), "wfl-field");
  guint selected = adw_combo_row_get_selected (row);
  Value value = { 0 };

  if (field == NULL || self->rebuilding || selected == GTK_INVALID_LIST_POSITION)
    return;

  value.field = field;
  value.choice = selected;

  /* Items that stand for ids: an expansion's supplier or source. */
  if (g_object_get_data (G_OBJECT (row), "wfl-ids") != NULL)
    {
      GPtrArray *ids = g_object_get_data (G_OBJECT (row), "wfl-ids");

      value.text = selected < ids->len ? g_ptr_array_index (ids, selected) : NULL;
      commit_value (self, GTK_WIDGET (row), &value);
      return;
    }

  if (field->id == F_POINT_SOURCE || field->id == F_GRANT_SOURCE)
    {
      /* 0 = none, then the scenario's sources in order */
      if (selected > 0 && selected - 1 < wfl_scenario_get_n_sources (scenario (self)))
        value.text = wfl_scenario_get_source (scenario (self), selected - 1)->id;
      commit_value (self, GTK_WIDGET (row), &value);
      return;
    }

  commit_value (self, GTK_WIDGET (row), &value);
}

/* Leaving a changed field applies it, as GNOME's settings panels do: Tab
 * or a click elsewhere never leaves an edit silently pending.  The
 * document's change rebuilds the page at idle, after the focus moved. */
static void
entry_focus_leave_cb (WflInspector            *self,
                      GtkEventControllerFocus *controller)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  const char *shown = g_object_get_data (G_OBJECT (row), "wfl-shown");

  if (self->rebuilding || g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (row))) == 0)
    return;
  self->in_widget_callback = TRUE;
  entry_apply_cb (self, ADW_ENTRY_ROW (row));
  self->in_widget_callback = FALSE;
}

/* Building rows ------------------------------------------------------------ */

static void
register_field (WflInspector *self,
                GtkWidget    *widget,
                Field        *field)
{
  g_object_set_data_full (G_OBJECT (widget), "wfl-field", field, (GDestroyNotify) field_free);
  g_hash_table_replace (self->fields, g_strdup (field->key), widget);
}

static GtkWidget *
add_entry (WflInspector *self,
           GtkWidget    *parent,
           Field        *field,
           const char   *text,
           const char   *caption)
{
  GtkWidget *row = adw_entry_row_new ();
  const char *title = field_title (field->id, field->schedule);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  /* The focus goes to the row's text, which AdwEntryRow 1.2 leaves
   * unnamed and silent: name it after the row, make its focus heard
   * (wfl-a11y.h), and describe it with the caption. */
  wfl_a11y_fix_entry_row (row, title);
  if (caption != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (row))),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, caption,
                                    -1);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  if (caption != NULL)
    {
      GtkWidget *label = gtk_label_new (caption);

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_widget_set_tooltip_text (label, caption);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
    }
  register_field (self, row, field);
  g_object_set_data_full (G_OBJECT (row), "wfl-shown", g_strdup (text ? text : ""), g_free);
  g_signal_connect_object (row, "apply", G_CALLBACK (entry_apply_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_object (focus, "leave", G_CALLBACK (entry_focus_leave_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (row, focus);
  }

  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
  return row;
}

static GtkWidget *
add_number_entry (WflInspector *self,
                  GtkWidget    *parent,
                  Field        *field,
                  double        number,
                  const char   *caption)
{
  g_autofree char *text = format_number (number);

  return add_entry (self, parent, field, text, caption);
}

static GtkWidget *
add_combo (WflInspector       *self,
           GtkWidget          *parent,
           Field              *field,
           const char * const *items,
           guint               selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field_title (field->id, field->schedule));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  wfl_a11y_fix_combo_row (ADW_COMBO_ROW (row));
  register_field (self, row, field);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (combo_selected_cb), self, G_CONNECT_SWAPPED);

  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
  return row;
}

static GtkWidget *
add_group (WflInspector *self,
           const char   *title,
           const char   *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->details_box, group);
  return group;
}

static void
remember_expanded_cb (WflInspector *self,
                      GParamSpec   *pspec,
                      AdwExpanderRow *row)
{
  const char *key = g_object_get_data (G_OBJECT (row), "wfl-expander-key");

  if (self->rebuilding || key == NULL)
    return;
  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (key));
  else
    g_hash_table_remove (self->expanded, key);
}

static GtkWidget *
add_expander (WflInspector *self,
              GtkWidget    *group,
              const char   *key,
              const char   *title,
              const char   *subtitle,
              gboolean      expanded)
{
  GtkWidget *row = adw_expander_row_new ();

  /* Titles carry names from the file ("AT&S"), not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "wfl-expander-key", g_strdup (key), g_free);
  if (expanded)
    g_hash_table_add (self->expanded, g_strdup (key));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (self->expanded, key));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (remember_expanded_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
add_button_row (GtkWidget  *parent,
                const char *label,
                const char *css_class,
                GCallback   callback,
                gpointer    user_data,
                gpointer    data_key_value)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  GtkWidget *row;

  gtk_widget_add_css_class (button, "flat");
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  if (data_key_value != NULL)
    g_object_set_data_full (G_OBJECT (button), "wfl-target", data_key_value, g_free);
  g_signal_connect_object (button, "clicked", callback, user_data, G_CONNECT_SWAPPED);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);

  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
  return button;
}

static GtkWidget *
header_button (GtkWidget  *group,
               const char *icon_name,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  return button;
}

/* Schedules ---------------------------------------------------------------- */

typedef struct
{
  char         *node_id;
  int           link;
  ScheduleKind  schedule;
  int           point;     /* -1 = add */
} PointTarget;

static void
point_target_free (PointTarget *target)
{
  g_free (target->node_id);
  g_free (target);
}

static gboolean
add_point_edit (WflScenario  *s,
                gpointer      user_data,
                GError      **error)
{
  PointTarget *target = user_data;
  Field field = { .node_id = target->node_id, .link = target->link, .schedule = target->schedule };
  WflSchedule **slot = _wfl_inspector_schedule_slot (s, &field);
  WflDate date = wfl_scenario_get_start (s);
  double value = target->schedule == SCHEDULE_CAPACITY || target->schedule == SCHEDULE_QUOTA ? 1000 : 1;
  guint n;

  if (slot == NULL)
    return FALSE;
  if (*slot == NULL)
    *slot = wfl_schedule_new ();

  n = wfl_schedule_get_n_points (*slot);
  if (n > 0)
    {
      WflPoint *last = wfl_schedule_get_point (*slot, n - 1);

      /* A constant becomes a dated point at the start of the calendar. */
      if (last->date == WFL_DATE_NONE)
        last->date = wfl_scenario_get_start (s);
      date = last->date + 13 * 7;
      value = last->value;
    }
  wfl_schedule_add_point (*slot, date, value, WFL_INTERPOLATE_STEP);
  return TRUE;
}

static gboolean
remove_point_edit (WflScenario  *s,
                   gpointer      user_data,
                   GError      **error)
{
  PointTarget *target = user_data;
  Field field = { .node_id = target->node_id, .link = target->link, .schedule = target->schedule };
  WflSchedule **slot = _wfl_inspector_schedule_slot (s, &field);

  if (slot == NULL || *slot == NULL || (guint) target->point >= wfl_schedule_get_n_points (*slot))
    return FALSE;
  wfl_schedule_remove_point (*slot, target->point);
  /* No points: unlimited capacity, yield 1, mix 1. */
  if (wfl_schedule_get_n_points (*slot) == 0)
    g_clear_pointer (slot, wfl_schedule_free);
  return TRUE;
}

static const char *schedule_stem (ScheduleKind schedule);

static void
add_point_clicked_cb (WflInspector *self,
                      GtkButton    *button)
{
  PointTarget *target = g_object_get_data (G_OBJECT (button), "wfl-target");
  WflScenario *s = scenario (self);
  Field field = { .node_id = target->node_id, .link = target->link, .schedule = target->schedule };
  WflSchedule **slot = _wfl_inspector_schedule_slot (s, &field);
  g_autofree char *key = NULL;

  key = g_strdup_printf ("%s.%u", schedule_stem (target->schedule),
                         slot && *slot ? wfl_schedule_get_n_points (*slot) : 0);
  g_hash_table_add (self->expanded, g_steal_pointer (&key));
  self->in_widget_callback = TRUE;
  wfl_document_edit (self->document, _("Add Schedule Point"), NULL, add_point_edit, target, NULL);
  self->in_widget_callback = FALSE;
}

static void
remove_point_clicked_cb (WflInspector *self,
                         GtkButton    *button)
{
  PointTarget *target = g_object_get_data (G_OBJECT (button), "wfl-target");

  self->in_widget_callback = TRUE;
  wfl_document_edit (self->document, _("Remove Schedule Point"), NULL, remove_point_edit, target, NULL);
  self->in_widget_callback = FALSE;
}

static const char *
schedule_stem (ScheduleKind schedule)
{
  switch (schedule)
    {
    case SCHEDULE_CAPACITY: return "capacity";
    case SCHEDULE_YIELD: return "yield";
    case SCHEDULE_WEIGHT: return "weight";
    case SCHEDULE_QUOTA: return "quota";
    case SCHEDULE_AVAILABILITY: return "availability";
    case SCHEDULE_MIX:
    default: return "mix";
    }
}

/* The title of a schedule's group, and what an empty schedule means. */
static void
schedule_texts (ScheduleKind  kind,
                const char  **title,
                const char  **empty)
{
  switch (kind)
    {
    case SCHEDULE_CAPACITY:
      *title = _("Capacity");
      *empty = _("Unlimited. Add a point to limit the starts a week.");
      break;
    case SCHEDULE_YIELD:
      *title = _("Yield");
      *empty = _("1, no losses. Add a point to set a yield.");
      break;
    case SCHEDULE_WEIGHT:
      *title = _("Weight");
      *empty = _("1, an equal part with the node's other links.");
      break;
    case SCHEDULE_QUOTA:
      *title = _("Quota");
      *empty = _("None: this link gets only what the others leave.");
      break;
    case SCHEDULE_MIX:
    case SCHEDULE_AVAILABILITY:
    default:
      *title = _("Mix");
      *empty = _("1, an equal split with the line's other sources.");
      break;
    }
}

static void
build_schedule (WflInspector       *self,
                const WflSchedule  *schedule,
                ScheduleKind        kind,
                const char         *node_id,
                int                 link,
                const char         *unit)
{
  static const char *interpolations[3] = { NULL, NULL, NULL };
  static const char *confidences[5] = { NULL, NULL, NULL, NULL, NULL };
  const char *title, *empty;
  GtkWidget *group, *button;
  guint n = wfl_schedule_get_n_points (schedule);
  WflScenario *s = scenario (self);
  PointTarget *target;
  g_autoptr(GPtrArray) source_items = g_ptr_array_new ();

  interpolations[0] = _("Step (holds from its date)");
  interpolations[1] = _("Linear ramp from the previous point");
  confidences[0] = _("Not given");
  confidences[1] = _("High");
  confidences[2] = _("Medium");
  confidences[3] = _("Low");

  g_ptr_array_add (source_items, (gpointer) _("None"));
  for (guint i = 0; i < wfl_scenario_get_n_sources (s); i++)
    {
      WflSource *source = wfl_scenario_get_source (s, i);

      g_ptr_array_add (source_items, source->title ? source->title : source->id);
    }
  g_ptr_array_add (source_items, NULL);

  schedule_texts (kind, &title, &empty);
  group = add_group (self, title, n == 0 ? empty : NULL);
  button = header_button (group, "list-add-symbolic", _("Add Point"));
  target = g_new0 (PointTarget, 1);
  target->node_id = g_strdup (node_id);
  target->link = link;
  target->schedule = kind;
  target->point = -1;
  g_object_set_data_full (G_OBJECT (button), "wfl-target", target, (GDestroyNotify) point_target_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (add_point_clicked_cb), self, G_CONNECT_SWAPPED);
  g_hash_table_replace (self->fields, g_strdup_printf ("%s.add", schedule_stem (kind)), button);

  for (guint i = 0; i < n; i++)
    {
      const WflPoint *point = wfl_schedule_get_point (schedule, i);
      g_autofree char *date = format_date_or_empty (point->date);
      g_autofree char *value = format_number (point->value);
      g_autofree char *shown_date = wfl_format_date_locale (point->date);
      g_autofree char *shown_value = format_number_grouped (point->value);
      g_autofree char *row_title = NULL;
      g_autofree char *caption = describe_source (self, point->source, point->confidence);
      g_autofree char *expander_key = g_strdup_printf ("%s.%u", schedule_stem (kind), i);
      g_autofree char *k = NULL;
      GtkWidget *expander;
      Field *field;
      PointTarget *remove;
      guint source_index = 0;

      if (kind == SCHEDULE_CAPACITY)
        /* Translators: a capacity point, e.g. "2 Jan 2023 · 1,150 wafer a week" */
        row_title = g_strdup_printf (_("%s · %s %s a week"), point->date ? shown_date : _("Always"), shown_value, unit ? unit : "");
      else if (kind == SCHEDULE_QUOTA)
        /* Translators: a quota point, e.g. "3 Jul 2023 · 35,000 a quarter" */
        row_title = g_strdup_printf (_("%s · %s %s"), point->date ? shown_date : _("Always"), shown_value, unit ? unit : "");
      else
        row_title = g_strdup_printf ("%s · %s", point->date ? shown_date : _("Always"), shown_value);
      if (point->interpolate == WFL_INTERPOLATE_LINEAR)
        {
          char *tmp = g_strdup_printf (_("%s, ramped"), row_title);

          g_free (row_title);
          row_title = tmp;
        }

      expander = add_expander (self, group, expander_key, row_title,
                               caption ? caption : _("No source given"), FALSE);

      k = g_strdup_printf ("%s.%u.date", schedule_stem (kind), i);
      field = field_new (F_POINT_DATE, k, node_id, link, NULL);
      field->schedule = kind;
      field->point = i;
      add_entry (self, expander, field, date, NULL);
      g_free (k);

      k = g_strdup_printf ("%s.%u.value", schedule_stem (kind), i);
      field = field_new (F_POINT_VALUE, k, node_id, link, NULL);
      field->schedule = kind;
      field->point = i;
      add_entry (self, expander, field, value, NULL);
      g_free (k);

      k = g_strdup_printf ("%s.%u.interpolate", schedule_stem (kind), i);
      field = field_new (F_POINT_INTERPOLATE, k, node_id, link, NULL);
      field->schedule = kind;
      field->point = i;
      add_combo (self, expander, field, interpolations, point->interpolate);
      g_free (k);

      for (guint j = 0; j < wfl_scenario_get_n_sources (s); j++)
        if (g_strcmp0 (wfl_scenario_get_source (s, j)->id, point->source) == 0)
          source_index = j + 1;
      k = g_strdup_printf ("%s.%u.source", schedule_stem (kind), i);
      field = field_new (F_POINT_SOURCE, k, node_id, link, NULL);
      field->schedule = kind;
      field->point = i;
      add_combo (self, expander, field, (const char * const *) source_items->pdata, source_index);
      g_free (k);

      k = g_strdup_printf ("%s.%u.confidence", schedule_stem (kind), i);
      field = field_new (F_POINT_CONFIDENCE, k, node_id, link, NULL);
      field->schedule = kind;
      field->point = i;
      add_combo (self, expander, field, confidences, point->confidence);

      remove = g_new0 (PointTarget, 1);
      remove->node_id = g_strdup (node_id);
      remove->link = link;
      remove->schedule = kind;
      remove->point = i;
      button = add_button_row (expander, _("_Remove Point"), "error",
                               G_CALLBACK (remove_point_clicked_cb), self, NULL);
      g_object_set_data_full (G_OBJECT (button), "wfl-target", remove, (GDestroyNotify) point_target_free);
    }
}

/* Node, link and list pages ------------------------------------------------------- */

static void
link_row_activated_cb (WflInspector *self,
                       AdwActionRow *row)
{
  self->in_widget_callback = TRUE;
  wfl_document_select_link (self->document, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "wfl-link")));
  self->in_widget_callback = FALSE;
}

static void
new_link_selected_cb (WflInspector *self,
                      GParamSpec   *pspec,
                      AdwComboRow  *row)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *node_id = wfl_document_get_selected_node (self->document);
  g_autofree char *from = g_strdup (node_id);
  g_autoptr(GError) error = NULL;
  WflNode *target;

  if (self->rebuilding || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  target = g_ptr_array_index ((GPtrArray *) g_object_get_data (G_OBJECT (row), "wfl-targets"), selected - 1);
  self->in_widget_callback = TRUE;
  if (wfl_document_add_link (self->document, from, target->id, &error) < 0 && error != NULL)
    {
      Field field = { .key = (char *) "node.new-link" };

      show_error (self, GTK_WIDGET (row), &field, error->message);
    }
  self->in_widget_callback = FALSE;
}

static void
build_connections (WflInspector *self,
                   WflNode      *node)
{
  WflScenario *s = scenario (self);
  GtkWidget *group = add_group (self, _("Links"), NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *targets = g_ptr_array_new ();
  GtkWidget *combo;
  gboolean any = FALSE;

  for (guint i = 0; i < wfl_scenario_get_n_links (s); i++)
    {
      WflLink *link = wfl_scenario_get_link (s, i);
      gboolean out = g_strcmp0 (link->from, node->id) == 0;
      gboolean in = g_strcmp0 (link->to, node->id) == 0;
      WflNode *other;
      GtkWidget *row;
      g_autofree char *per_unit = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;

      if (!in && !out)
        continue;
      other = wfl_scenario_find_node (s, out ? link->to : link->from);
      per_unit = format_number_grouped (link->per_unit);
      subtitle = g_strdup_printf (_("Input line “%s”, %s per unit"), wfl_link_get_input (link), per_unit);
      row = adw_action_row_new ();
      /* Translators: "To Customer" / "From Wafers" in the node's links */
      title = g_strdup_printf (out ? _("To %s") : _("From %s"),
                               other ? wfl_node_get_display_name (other) : (out ? link->to : link->from));
      /* Node names and input lines are text, not markup ("AT&S"). */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_widget_set_tooltip_text (row, out ? _("Outgoing link") : _("Incoming link"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "wfl-link", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "activated", G_CALLBACK (link_row_activated_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      any = TRUE;
    }
  if (!any)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("Not connected yet."));

  if (node->kind == WFL_NODE_KIND_CUSTOMER || node->kind == WFL_NODE_KIND_EQUIPMENT)
    {
      if (node->kind == WFL_NODE_KIND_EQUIPMENT)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("None: an equipment supplier makes the tools of expansions."));
      g_ptr_array_unref (targets);
      return;
    }

  gtk_string_list_append (names, _("Choose a node…"));
  for (guint i = 0; i < wfl_scenario_get_n_nodes (s); i++)
    {
      WflNode *other = wfl_scenario_get_node (s, i);

      if (other == node || other->kind == WFL_NODE_KIND_SUPPLY || other->kind == WFL_NODE_KIND_POOL ||
          other->kind == WFL_NODE_KIND_EQUIPMENT ||
          (node->kind == WFL_NODE_KIND_POOL && other->kind != WFL_NODE_KIND_PROCESS))
        continue;
      g_ptr_array_add (targets, other);
      gtk_string_list_append (names, wfl_node_get_display_name (other));
    }
  combo = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("New link to"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (names));
  g_object_set_data_full (G_OBJECT (combo), "wfl-targets", targets, (GDestroyNotify) g_ptr_array_unref);
  g_hash_table_replace (self->fields, g_strdup ("node.new-link"), combo);
  g_signal_connect_object (combo, "notify::selected", G_CALLBACK (new_link_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo);
}

static void
build_node (WflInspector *self,
            WflNode      *node)
{
  static const char *kinds[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
  static const char *allocations[7] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };
  g_autofree char *caption = describe_source (self, node->source, node->confidence);
  g_autofree char *lead = g_strdup_printf ("%d", node->lead_weeks);
  g_autofree char *subtitle = NULL;
  GtkWidget *group;

  kinds[0] = _("Supply");
  kinds[1] = _("Process");
  kinds[2] = _("Customer");
  kinds[3] = _("Shared capacity");
  kinds[4] = _("Equipment supplier");
  allocations[0] = _("Proportional to requests");
  allocations[1] = _("By link priority");
  allocations[2] = _("Fixed shares");
  allocations[3] = _("Fair share (max–min)");
  allocations[4] = _("Weighted fair share");
  allocations[5] = _("Quotas per period");

  gtk_label_set_text (self->details_title, wfl_node_get_display_name (node));
  subtitle = g_strdup_printf ("%s · %s", kind_label (node->kind), node->id);
  gtk_label_set_text (self->details_subtitle, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->delete_button), _("Delete Node and Its Links"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Node and Its Links"), -1);

  group = add_group (self, _("Node"), caption);
  add_entry (self, group, field_new (F_NODE_ID, "node.id", node->id, -1, NULL), node->id,
             _("links follow"));
  add_entry (self, group, field_new (F_NODE_NAME, "node.name", node->id, -1, NULL), node->name, NULL);
  add_entry (self, group, field_new (F_NODE_UNIT, "node.unit", node->id, -1, NULL), node->unit, NULL);
  add_entry (self, group, field_new (F_NODE_GROUP, "node.group", node->id, -1, NULL), node->group,
             _("company or site"));
  add_combo (self, group, field_new (F_NODE_KIND, "node.kind", node->id, -1, NULL), kinds, node->kind);
  add_entry (self, group, field_new (F_NODE_NOTE, "node.note", node->id, -1, NULL), node->note, NULL);

  if (node->kind == WFL_NODE_KIND_PROCESS)
    {
      group = add_group (self, _("Production"), NULL);
      add_entry (self, group, field_new (F_NODE_LEAD_WEEKS, "node.lead-weeks", node->id, -1, NULL), lead,
                 _("start to finish"));
      add_number_entry (self, group, field_new (F_NODE_INITIAL_RATE, "node.initial-rate", node->id, -1, NULL),
                        node->initial_rate, _("before the start"));
      add_number_entry (self, group, field_new (F_NODE_INITIAL_STOCK, "node.initial-stock", node->id, -1, NULL),
                        node->initial_stock, node->unit);
    }
  else if (node->kind == WFL_NODE_KIND_SUPPLY)
    {
      group = add_group (self, _("Production"), NULL);
      add_number_entry (self, group, field_new (F_NODE_INITIAL_STOCK, "node.initial-stock", node->id, -1, NULL),
                        node->initial_stock, node->unit);
    }
  else if (node->kind == WFL_NODE_KIND_EQUIPMENT)
    {
      group = add_group (self, _("Production"), _("Tools for capacity expansions, first ordered first served"));
      add_entry (self, group, field_new (F_NODE_LEAD_WEEKS, "node.lead-weeks", node->id, -1, NULL), lead,
                 _("to make a tool"));
    }

  if (node->kind != WFL_NODE_KIND_CUSTOMER)
    {
      build_schedule (self, node->capacity, SCHEDULE_CAPACITY, node->id, -1, node->unit);
      if (node->kind == WFL_NODE_KIND_PROCESS)
        build_schedule (self, node->yield, SCHEDULE_YIELD, node->id, -1, node->unit);

      if (node->kind != WFL_NODE_KIND_EQUIPMENT)
        {
          group = add_group (self, _("Allocation"),
                             node->kind == WFL_NODE_KIND_POOL
                             ? _("How the processes that draw on the capacity share it; what is not used in a week is lost")
                             : _("How the output is split over the outgoing links"));
          add_combo (self, group, field_new (F_NODE_ALLOCATION, "node.allocation", node->id, -1, NULL),
                     allocations, node->allocation);
          _wfl_inspector_build_node_allocation (self, group, node);
          _wfl_inspector_build_expansions (self, node);
        }
      else
        _wfl_inspector_build_served (self, node);
    }
  else
    {
      _wfl_inspector_build_orders (self, node);
    }

  build_connections (self, node);
}

static void
build_link (WflInspector *self,
            int           index,
            WflLink      *link)
{
  WflScenario *s = scenario (self);
  WflNode *from = wfl_scenario_find_node (s, link->from);
  WflNode *to = wfl_scenario_find_node (s, link->to);
  g_autofree char *title = NULL;
  g_autofree char *caption = describe_source (self, link->source, link->confidence);
  g_autofree char *transit = g_strdup_printf ("%d", link->transit_weeks);
  g_autofree char *cover = g_strdup_printf ("%d", link->cover_weeks);
  g_autofree char *priority = g_strdup_printf ("%d", link->priority);
  g_autofree char *per_unit_caption = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int from_index = wfl_scenario_find_node_index (s, link->from);
  int to_index = wfl_scenario_find_node_index (s, link->to);
  GtkWidget *group;

  /* Translators: a link, "Fab → Customer" */
  title = g_strdup_printf (_("%s → %s"),
                           from ? wfl_node_get_display_name (from) : link->from,
                           to ? wfl_node_get_display_name (to) : link->to);
  gtk_label_set_text (self->details_title, title);
  gtk_label_set_text (self->details_subtitle, _("Link"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->delete_button), _("Delete Link"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Link"), -1);

  for (guint i = 0; i < wfl_scenario_get_n_nodes (s); i++)
    g_ptr_array_add (names, g_strdup (wfl_node_get_display_name (wfl_scenario_get_node (s, i))));
  g_ptr_array_add (names, NULL);

  group = add_group (self, _("Link"), caption);
  add_combo (self, group, field_new (F_LINK_FROM, "link.from", NULL, index, NULL),
             (const char * const *) names->pdata, from_index >= 0 ? (guint) from_index : GTK_INVALID_LIST_POSITION);
  add_combo (self, group, field_new (F_LINK_TO, "link.to", NULL, index, NULL),
             (const char * const *) names->pdata, to_index >= 0 ? (guint) to_index : GTK_INVALID_LIST_POSITION);

  group = add_group (self, _("Bill of Materials"),
                     _("Links into one node with the same input line are alternative sources of one part."));
  add_entry (self, group, field_new (F_LINK_INPUT, "link.input", NULL, index, NULL), link->input,
             link->input == NULL ? link->from : NULL);
  if (from != NULL && to != NULL)
    /* Translators: "wafer per die" */
    per_unit_caption = g_strdup_printf (_("%s per %s"), from->unit ? from->unit : "", to->unit ? to->unit : "");
  add_number_entry (self, group, field_new (F_LINK_PER_UNIT, "link.per-unit", NULL, index, NULL),
                    link->per_unit, per_unit_caption);
  add_entry (self, group, field_new (F_LINK_TRANSIT_WEEKS, "link.transit-weeks", NULL, index, NULL), transit,
             _("shipping"));
  add_entry (self, group, field_new (F_LINK_COVER_WEEKS, "link.cover-weeks", NULL, index, NULL), cover,
             _("ordered ahead of need"));

  group = add_group (self, _("Allocation"), _("Used by the sending node's allocation policy"));
  add_entry (self, group, field_new (F_LINK_PRIORITY, "link.priority", NULL, index, NULL), priority,
             _("lower first"));
  add_number_entry (self, group, field_new (F_LINK_SHARE, "link.share", NULL, index, NULL), link->share,
                    _("fixed-share"));

  build_schedule (self, link->mix, SCHEDULE_MIX, NULL, index, NULL);
  _wfl_inspector_build_link_allocation (self, index, link);
}

static GtkWidget *
list_row_new (const char *title,
              const char *subtitle,
              const char *icon_name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label;

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (labels), label);
  if (subtitle != NULL)
    {
      label = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (labels), label);
    }
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* GTK 4.8 names a row from nothing it contains: name it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ? subtitle : "",
                                  -1);
  return row;
}

static void
list_header_func (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  const char *section = g_object_get_data (G_OBJECT (row), "wfl-section");
  const char *previous = before ? g_object_get_data (G_OBJECT (before), "wfl-section") : NULL;
  GtkWidget *header;

  if (g_strcmp0 (section, previous) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (section);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, before ? 12 : 6);
  gtk_widget_set_margin_bottom (header, 3);
  gtk_list_box_row_set_header (row, header);
}

/* The list page's heading: the scenario's title, and the file with its
 * unsaved mark (the header bar shows the view switcher instead). */
static void
update_heading (WflInspector *self)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  const char *title;

  if (self->document == NULL)
    return;

  title = wfl_scenario_get_title (scenario (self));
  name = wfl_document_dup_display_name (self->document);
  if (wfl_document_get_modified (self->document))
    subtitle = g_strdup_printf ("• %s", name);
  else
    subtitle = g_steal_pointer (&name);
  gtk_label_set_text (self->list_title, title ? title : _("Supply Chain"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->list_title), title);
  gtk_label_set_text (self->list_subtitle, subtitle);
}

/* What the node and link rows show, in order. */
static char *
list_signature (WflScenario *s)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < wfl_scenario_get_n_nodes (s); i++)
    {
      const WflNode *node = wfl_scenario_get_node (s, i);

      g_string_append_printf (out, "%d\x1f%s\x1f%s\x1f%s\x1f%s\x1e", node->kind, node->id,
                              wfl_node_get_display_name (node), node->unit ? node->unit : "",
                              node->group ? node->group : "");
    }
  for (guint i = 0; i < wfl_scenario_get_n_links (s); i++)
    {
      const WflLink *link = wfl_scenario_get_link (s, i);
      g_autofree char *per_unit = wfl_format_double (link->per_unit);

      g_string_append_printf (out, "%s\x1f%s\x1f%s\x1f%d\x1e", link->from, link->to, per_unit,
                              link->transit_weeks);
    }
  return g_string_free (out, FALSE);
}

static void
rebuild_list (WflInspector *self)
{
  WflScenario *s = scenario (self);
  g_autofree char *signature = NULL;
  GtkWidget *child;
  static const char *icons[] = { "network-workgroup-symbolic", "applications-system-symbolic", "system-users-symbolic",
                                 "view-grid-symbolic", "system-run-symbolic" };
  static const int kind_order[] = { WFL_NODE_KIND_POOL, WFL_NODE_KIND_SUPPLY, WFL_NODE_KIND_PROCESS,
                                    WFL_NODE_KIND_CUSTOMER, WFL_NODE_KIND_EQUIPMENT };
  const char *sections[5];

  sections[0] = _("Supply");
  sections[1] = _("Processes");
  sections[2] = _("Customers");
  sections[3] = _("Shared Capacity");
  sections[4] = _("Equipment Suppliers");

  update_heading (self);

  /* An edit of a value (a capacity, a yield) leaves the list as it was:
   * rebuilding a hundred rows would cost a frame, so only a change of
   * what the rows say rebuilds them. */
  signature = list_signature (s);
  if (self->list_signature != NULL && strcmp (signature, self->list_signature) == 0 &&
      gtk_widget_get_first_child (GTK_WIDGET (self->list_box)) != NULL)
    return;
  g_free (self->list_signature);
  self->list_signature = g_steal_pointer (&signature);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  for (guint k = 0; k < G_N_ELEMENTS (kind_order); k++)
    for (guint i = 0; i < wfl_scenario_get_n_nodes (s); i++)
      {
        int kind = kind_order[k];
        WflNode *node = wfl_scenario_get_node (s, i);
        g_autofree char *subtitle = NULL;
        GtkWidget *row;

        if ((int) node->kind != kind)
          continue;
        if (node->group != NULL)
          subtitle = g_strdup_printf ("%s · %s · %s", node->id, node->unit ? node->unit : "", node->group);
        else
          subtitle = g_strdup_printf ("%s · %s", node->id, node->unit ? node->unit : "");
        row = list_row_new (wfl_node_get_display_name (node), subtitle, icons[kind]);
        g_object_set_data (G_OBJECT (row), "wfl-section", (gpointer) sections[kind]);
        g_object_set_data_full (G_OBJECT (row), "wfl-node", g_strdup (node->id), g_free);
        gtk_list_box_append (self->list_box, row);
      }

  for (guint i = 0; i < wfl_scenario_get_n_links (s); i++)
    {
      WflLink *link = wfl_scenario_get_link (s, i);
      WflNode *from = wfl_scenario_find_node (s, link->from);
      WflNode *to = wfl_scenario_find_node (s, link->to);
      g_autofree char *title = g_strdup_printf (_("%s → %s"),
                                                from ? wfl_node_get_display_name (from) : link->from,
                                                to ? wfl_node_get_display_name (to) : link->to);
      g_autofree char *per_unit = format_number_grouped (link->per_unit);
      /* Translators: a link in the list, "2.5 per unit · 3 weeks in transit" */
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%s per unit · %d week in transit",
                                                                "%s per unit · %d weeks in transit",
                                                                link->transit_weeks),
                                                   per_unit, link->transit_weeks);
      GtkWidget *row = list_row_new (title, subtitle, "media-playlist-shuffle-symbolic");

      g_object_set_data (G_OBJECT (row), "wfl-section", (gpointer) _("Links"));
      g_object_set_data (G_OBJECT (row), "wfl-link", GUINT_TO_POINTER (i + 1));
      gtk_list_box_append (self->list_box, row);
    }
}

static void
list_row_activated_cb (WflInspector  *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list_box)
{
  const char *node_id = g_object_get_data (G_OBJECT (row), "wfl-node");
  guint link = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "wfl-link"));

  self->in_widget_callback = TRUE;
  self->focus_first_field = TRUE;
  if (node_id != NULL)
    {
      g_autofree char *id = g_strdup (node_id);

      wfl_document_select_node (self->document, id);
    }
  else if (link > 0)
    wfl_document_select_link (self->document, link - 1);
  self->in_widget_callback = FALSE;
}

static void
back_clicked_cb (WflInspector *self)
{
  wfl_document_select_none (self->document);
}

static void
delete_clicked_cb (WflInspector *self)
{
  g_autofree char *node = g_strdup (wfl_document_get_selected_node (self->document));

  switch (wfl_document_get_selection_kind (self->document))
    {
    case WFL_SELECTION_NODE:
    case WFL_SELECTION_ORDER:
      wfl_document_remove_node (self->document, node);
      break;
    case WFL_SELECTION_LINK:
      wfl_document_remove_link (self->document, wfl_document_get_selected_link (self->document));
      break;
    case WFL_SELECTION_NONE:
    default:
      break;
    }
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  WflInspector *self = WFL_INSPECTOR (user_data);

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static GtkAdjustment *
details_adjustment (WflInspector *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->details_box), GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* What the details page shows: the selection's kind and item. */
static char *
selection_signature (WflInspector *self)
{
  return g_strdup_printf ("%d|%s|%d|%s", wfl_document_get_selection_kind (self->document),
                          wfl_document_get_selected_node (self->document),
                          wfl_document_get_selected_link (self->document),
                          wfl_document_get_selected_order (self->document));
}

/* The rebuilt page has its height only once allocated: the position is
 * restored when the adjustment's range allows it. */
static void
restore_scroll (WflInspector *self)
{
  GtkAdjustment *adjustment = details_adjustment (self);

  if (self->restore_scroll < 0)
    return;
  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) >= self->restore_scroll)
    {
      gtk_adjustment_set_value (adjustment, self->restore_scroll);
      self->restore_scroll = -1;
    }
}

static void
details_adjustment_changed_cb (WflInspector  *self,
                               GtkAdjustment *adjustment)
{
  restore_scroll (self);
}

/* Rebuilds the details page for the selection, keeping the focus on the
 * field that had it and the expanded rows open.  When the change came from
 * one of the page's own widgets, that widget is still inside its signal
 * handler: rebuild at idle rather than destroy it under its feet. */
static void
rebuild (WflInspector *self)
{
  g_autofree char *focus_key = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;
  WflScenario *s;
  GHashTableIter iter;
  gpointer key, value;
  WflSelectionKind kind;

  if (self->document == NULL)
    return;

  if (self->in_widget_callback)
    {
      if (self->rebuild_source == 0)
        self->rebuild_source = g_idle_add (rebuild_idle_cb, self);
      return;
    }
  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  g_hash_table_iter_init (&iter, self->fields);
  while (focus != NULL && g_hash_table_iter_next (&iter, &key, &value))
    if (focus == value || gtk_widget_is_ancestor (focus, value))
      focus_key = g_strdup (key);
  if (self->focus_next != NULL)
    {
      g_free (focus_key);
      focus_key = g_steal_pointer (&self->focus_next);
    }

  /* The same item rebuilt after an edit keeps its scroll position, so
   * that the next click lands where the user aimed; another item starts
   * at the top. */
  {
    g_autofree char *showing = selection_signature (self);

    self->restore_scroll = 0;
    if (g_strcmp0 (showing, self->built_for) == 0)
      self->restore_scroll = gtk_adjustment_get_value (details_adjustment (self));
    g_free (self->built_for);
    self->built_for = g_steal_pointer (&showing);
  }

  self->rebuilding = TRUE;
  clear_error (self);
  g_hash_table_remove_all (self->fields);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_box))) != NULL)
    gtk_box_remove (self->details_box, child);

  rebuild_list (self);

  s = scenario (self);
  kind = wfl_document_get_selection_kind (self->document);
  switch (kind)
    {
    case WFL_SELECTION_NODE:
    case WFL_SELECTION_ORDER:
      {
        WflNode *node = wfl_scenario_find_node (s, wfl_document_get_selected_node (self->document));

        if (node != NULL)
          build_node (self, node);
      }
      break;

    case WFL_SELECTION_LINK:
      {
        int index = wfl_document_get_selected_link (self->document);

        build_link (self, index, wfl_scenario_get_link (s, index));
      }
      break;

    case WFL_SELECTION_NONE:
    default:
      break;
    }

  gtk_stack_set_visible_child_name (self->stack, kind == WFL_SELECTION_NONE ? "list" : "details");
  self->rebuilding = FALSE;
  restore_scroll (self);
  wfl_a11y_repair (GTK_WIDGET (self));

  if (focus_key != NULL && (child = g_hash_table_lookup (self->fields, focus_key)) != NULL)
    {
      /* An entry row takes no focus itself: its text does. */
      if (!gtk_widget_grab_focus (child))
        gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
    }
  else if (self->focus_first_field && kind != WFL_SELECTION_NONE)
    /* Return on a row of the list: on to its first field. */
    gtk_widget_child_focus (GTK_WIDGET (self->details_box), GTK_DIR_TAB_FORWARD);
  self->focus_first_field = FALSE;
}

const char *
wfl_inspector_get_title (WflInspector *self)
{
  g_return_val_if_fail (WFL_IS_INSPECTOR (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "details") != 0)
    return NULL;
  return gtk_label_get_text (self->details_title);
}

/* Moves the focus into the inspector: the first field of the details, or
 * the list's selected (else first) row. */
gboolean
wfl_inspector_grab_focus (WflInspector *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (WFL_IS_INSPECTOR (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "details") == 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->details_box), GTK_DIR_TAB_FORWARD);
  row = gtk_list_box_get_selected_row (self->list_box);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list_box, 0);
  if (row != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (row));
  return gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
selection_changed_cb (WflInspector *self)
{
  g_hash_table_remove_all (self->expanded);
  rebuild (self);
}

/* GObject ---------------------------------------------------------------- */

static void
add_node_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WflInspector *self = WFL_INSPECTOR (widget);
  WflNodeKind kind;
  g_autofree char *id = NULL;

  if (self->document == NULL || !wfl_node_kind_from_string (g_variant_get_string (param, NULL), &kind))
    return;
  id = wfl_document_add_node (self->document, kind);
}

static void
wfl_inspector_dispose (GObject *object)
{
  WflInspector *self = (WflInspector *)object;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), WFL_TYPE_INSPECTOR);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (wfl_inspector_parent_class)->dispose (object);
}

static void
wfl_inspector_finalize (GObject *object)
{
  WflInspector *self = (WflInspector *)object;

  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->error_key, g_free);
  g_clear_pointer (&self->list_signature, g_free);
  g_clear_pointer (&self->focus_next, g_free);
  g_clear_pointer (&self->built_for, g_free);

  G_OBJECT_CLASS (wfl_inspector_parent_class)->finalize (object);
}

static void
wfl_inspector_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WflInspector *self = WFL_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wfl_inspector_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WflInspector *self = WFL_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      wfl_inspector_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wfl_inspector_class_init (WflInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wfl_inspector_dispose;
  object_class->finalize = wfl_inspector_finalize;
  object_class->get_property = wfl_inspector_get_property;
  object_class->set_property = wfl_inspector_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         WFL_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/waferline/Waferline/ui/wfl-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, WflInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, WflInspector, list_title);
  gtk_widget_class_bind_template_child (widget_class, WflInspector, list_subtitle);
  gtk_widget_class_bind_template_child (widget_class, WflInspector, add_button);
  gtk_widget_class_bind_template_child (widget_class, WflInspector, list_box);
  gtk_widget_class_bind_template_child (widget_class, WflInspector, back_button);
  gtk_widget_class_bind_template_child (widget_class, WflInspector, details_title);
  gtk_widget_class_bind_template_child (widget_class, WflInspector, details_subtitle);
  gtk_widget_class_bind_template_child (widget_class, WflInspector, delete_button);
  gtk_widget_class_bind_template_child (widget_class, WflInspector, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, WflInspector, error_label);
  gtk_widget_class_bind_template_child (widget_class, WflInspector, details_box);
  gtk_widget_class_bind_template_callback (widget_class, list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);

  gtk_widget_class_install_action (widget_class, "inspector.add-node", "s", add_node_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
wfl_inspector_init (WflInspector *self)
{
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->list_box, list_header_func, NULL, NULL);
  wfl_a11y_list_box_tab_out (self->list_box);
  wfl_a11y_name_scrolled_window (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->list_box),
                                                                               GTK_TYPE_SCROLLED_WINDOW)),
                                 _("Nodes and links"));
  wfl_a11y_name_scrolled_window (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->details_box),
                                                                               GTK_TYPE_SCROLLED_WINDOW)),
                                 _("Details"));
  self->restore_scroll = -1;
  g_signal_connect_object (details_adjustment (self), "changed",
                           G_CALLBACK (details_adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  wfl_a11y_repair (GTK_WIDGET (self));
}

GtkWidget *
wfl_inspector_new (void)
{
  return g_object_new (WFL_TYPE_INSPECTOR, NULL);
}

WflDocument *
wfl_inspector_get_document (WflInspector *self)
{
  g_return_val_if_fail (WFL_IS_INSPECTOR (self), NULL);
  return self->document;
}

void
wfl_inspector_set_document (WflInspector *self,
                            WflDocument  *document)
{
  g_return_if_fail (WFL_IS_INSPECTOR (self));
  g_return_if_fail (document == NULL || WFL_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_object (document, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "selection-changed", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::modified", G_CALLBACK (update_heading), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::file", G_CALLBACK (update_heading), self, G_CONNECT_SWAPPED);
      rebuild (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

GtkWidget *
_wfl_inspector_find_field (WflInspector *self,
                           const char   *key)
{
  g_return_val_if_fail (WFL_IS_INSPECTOR (self), NULL);
  return g_hash_table_lookup (self->fields, key);
}

const char *
_wfl_inspector_get_error (WflInspector *self)
{
  g_return_val_if_fail (WFL_IS_INSPECTOR (self), NULL);
  return self->error;
}

/* Shared with the inspector's other files (wfl-inspector-private.h) -------- */

WflScenario *
_wfl_inspector_scenario (WflInspector *self)
{
  return scenario (self);
}

Field *
_wfl_inspector_field_new (FieldId     id,
                          const char *key,
                          const char *node_id,
                          int         link,
                          const char *order_id)
{
  return field_new (id, key, node_id, link, order_id);
}

GtkWidget *
_wfl_inspector_add_group (WflInspector *self,
                          const char   *title,
                          const char   *description)
{
  return add_group (self, title, description);
}

GtkWidget *
_wfl_inspector_add_entry (WflInspector *self,
                          GtkWidget    *parent,
                          Field        *field,
                          const char   *text,
                          const char   *caption)
{
  return add_entry (self, parent, field, text, caption);
}

GtkWidget *
_wfl_inspector_add_combo (WflInspector       *self,
                          GtkWidget          *parent,
                          Field              *field,
                          const char * const *items,
                          guint               selected,
                          GPtrArray          *ids)
{
  GtkWidget *row = add_combo (self, parent, field, items, selected);

  if (ids != NULL)
    g_object_set_data_full (G_OBJECT (row), "wfl-ids", ids, (GDestroyNotify) g_ptr_array_unref);
  return row;
}

GtkWidget *
_wfl_inspector_add_expander (WflInspector *self,
                             GtkWidget    *group,
                             const char   *key,
                             const char   *title,
                             const char   *subtitle,
                             gboolean      expanded)
{
  return add_expander (self, group, key, title, subtitle, expanded);
}

GtkWidget *
_wfl_inspector_add_button_row (GtkWidget  *parent,
                               const char *label,
                               const char *css_class,
                               GCallback   callback,
                               gpointer    user_data,
                               gpointer    data_key_value)
{
  return add_button_row (parent, label, css_class, callback, user_data, data_key_value);
}

GtkWidget *
_wfl_inspector_header_button (GtkWidget  *group,
                              const char *icon_name,
                              const char *tooltip)
{
  return header_button (group, icon_name, tooltip);
}

char *
_wfl_inspector_describe_source (WflInspector  *self,
                                const char    *source_id,
                                WflConfidence  confidence)
{
  return describe_source (self, source_id, confidence);
}

void
_wfl_inspector_build_schedule (WflInspector      *self,
                               const WflSchedule *schedule,
                               ScheduleKind       kind,
                               const char        *node_id,
                               int                link,
                               const char        *unit)
{
  build_schedule (self, schedule, kind, node_id, link, unit);
}

/* An edit made from one of the page's widgets: the page is rebuilt at
 * idle, not under the widget's feet (see rebuild()). */
gboolean
_wfl_inspector_edit (WflInspector        *self,
                     const char          *label,
                     WflDocumentEditFunc  func,
                     gpointer             user_data)
{
  gboolean changed;

  clear_error (self);
  self->in_widget_callback = TRUE;
  changed = wfl_document_edit (self->document, label, NULL, func, user_data, NULL);
  self->in_widget_callback = FALSE;
  return changed;
}

/* Keeps the row of `key` expanded across the next rebuild. */
void
_wfl_inspector_expand (WflInspector *self,
                       const char   *key)
{
  g_hash_table_add (self->expanded, g_strdup (key));
}

void
_wfl_inspector_select_node (WflInspector *self,
                            const char   *node_id)
{
  g_autofree char *id = g_strdup (node_id);

  self->in_widget_callback = TRUE;
  wfl_document_select_node (self->document, id);
  self->in_widget_callback = FALSE;
}

/* Lets the tests find a widget that edits no field (a button) by key. */
void
_wfl_inspector_register_widget (WflInspector *self,
                                const char   *key,
                                GtkWidget    *widget)
{
  g_hash_table_replace (self->fields, g_strdup (key), widget);
}

void
_wfl_inspector_expand_now (WflInspector *self,
                           const char   *key)
{
  _wfl_inspector_expand (self, key);
  rebuild (self);
}

/* The document edit a widget of the page makes itself (adding or removing
 * a record): the page is rebuilt at idle, not under the widget's feet. */
void
_wfl_inspector_set_in_callback (WflInspector *self,
                                gboolean      in_callback)
{
  self->in_widget_callback = in_callback;
}

/* Gives the focus to the field of `key` after the next rebuild. */
void
_wfl_inspector_focus_after_rebuild (WflInspector *self,
                                    const char   *key)
{
  g_free (self->focus_next);
  self->focus_next = g_strdup (key);
}
