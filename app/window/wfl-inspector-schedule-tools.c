/* wfl-inspector-schedule-tools.c: scale or shift a whole schedule
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-inspector"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wfl-format.h"
#include "wfl-inspector-private.h"
#include "wfl-schedule-tools.h"

/* A button beside a schedule's "Add Point" opens a popover: scale the
 * schedule by a factor or shift it by weeks, from a date on (empty: the
 * whole schedule).  Apply makes one undoable edit through
 * wfl_schedule_scale_from() / wfl_schedule_shift_from(); a refused value
 * or an edit that would change nothing is said in the popover, and the
 * scenario is left as it was. */

typedef enum
{
  TOOL_SCALE,
  TOOL_SHIFT,
} Tool;

typedef struct
{
  WflInspector *inspector;    /* weak: it outlives its widgets */
  char         *node_id;
  int           link;
  ScheduleKind  kind;

  GtkWidget    *popover;
  GtkDropDown  *tool;
  GtkLabel     *amount_label;
  GtkEntry     *amount;
  GtkEntry     *from;
  GtkLabel     *message;
} Tools;

typedef struct
{
  const Tools *tools;
  Tool         tool;
  double       factor;
  int          weeks;
  WflDate      from;
  gboolean     over_one;      /* out: a yield would exceed 1 */
} ToolEdit;

static void
tools_free (gpointer data)
{
  Tools *tools = data;

  g_free (tools->node_id);
  g_free (tools);
}

static gboolean
tool_edit (WflScenario  *s,
           gpointer      user_data,
           GError      **error)
{
  ToolEdit *edit = user_data;
  Field field = { .node_id = edit->tools->node_id, .link = edit->tools->link, .schedule = edit->tools->kind };
  WflSchedule **slot = _wfl_inspector_schedule_slot (s, &field);
  g_autoptr(WflSchedule) copy = NULL;
  gboolean changed;

  if (slot == NULL || *slot == NULL)
    return FALSE;
  copy = wfl_schedule_copy (*slot);
  if (edit->tool == TOOL_SCALE)
    changed = wfl_schedule_scale_from (copy, wfl_scenario_get_start (s), wfl_scenario_get_weeks (s),
                                       edit->from, edit->factor);
  else
    changed = wfl_schedule_shift_from (copy, wfl_scenario_get_start (s), wfl_scenario_get_weeks (s),
                                       edit->from, edit->weeks);
  if (!changed)
    return FALSE;
  if (edit->tools->kind == SCHEDULE_YIELD)
    for (guint i = 0; i < wfl_schedule_get_n_points (copy); i++)
      if (wfl_schedule_get_point (copy, i)->value > 1)
        {
          edit->over_one = TRUE;
          return FALSE;
        }
  wfl_schedule_free (*slot);
  *slot = g_steal_pointer (&copy);
  return TRUE;
}

static void
say (Tools      *tools,
     const char *message)
{
  gtk_label_set_text (tools->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (tools->message), message != NULL);
}

/* Parses the popover's fields into edit; FALSE with the message said. */
static gboolean
parse (Tools    *tools,
       ToolEdit *edit)
{
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (tools->amount));
  const char *from = gtk_editable_get_text (GTK_EDITABLE (tools->from));
  WflScenario *s = wfl_document_get_scenario (wfl_inspector_get_document (tools->inspector));
  g_autofree char *amount_text = g_strstrip (g_strdup (amount));
  g_autofree char *from_text = g_strstrip (g_strdup (from));
  double number;

  edit->tools = tools;
  edit->tool = gtk_drop_down_get_selected (tools->tool) == 1 ? TOOL_SHIFT : TOOL_SCALE;
  if (!wfl_parse_number_locale (amount_text, &number) || !isfinite (number))
    {
      say (tools, edit->tool == TOOL_SCALE ? _("The factor must be a number, such as 2 or 0.5")
                                           : _("The weeks must be a whole number, such as 8 or −4"));
      return FALSE;
    }
  if (edit->tool == TOOL_SCALE && (number < 0 || number > 1e6 || (number == 0 && tools->kind == SCHEDULE_YIELD)))
    {
      say (tools, tools->kind == SCHEDULE_YIELD ? _("The factor must be above 0 and at most 1,000,000")
                                                : _("The factor must be from 0 to 1,000,000"));
      return FALSE;
    }
  if (edit->tool == TOOL_SHIFT && (number != floor (number) || fabs (number) > wfl_scenario_get_weeks (s)))
    {
      g_autofree char *message =
        /* Translators: %d is the number of weeks of the scenario's calendar */
        g_strdup_printf (_("The weeks must be a whole number from −%d to %d"),
                         wfl_scenario_get_weeks (s), wfl_scenario_get_weeks (s));

      say (tools, message);
      return FALSE;
    }
  edit->factor = number;
  edit->weeks = (int) number;
  edit->from = WFL_DATE_NONE;
  if (from_text[0] != '\0' && (edit->from = wfl_date_parse (from_text)) == WFL_DATE_NONE)
    {
      say (tools, _("The date must be written YYYY-MM-DD, or left empty for the whole schedule"));
      return FALSE;
    }
  return TRUE;
}

static void
apply_cb (Tools *tools)
{
  ToolEdit edit = { 0 };
  const char *label;

  if (!parse (tools, &edit))
    return;
  label = edit.tool == TOOL_SCALE ? _("Scale Schedule") : _("Shift Schedule");
  if (!_wfl_inspector_edit (tools->inspector, label, tool_edit, &edit))
    {
      say (tools, edit.over_one ? _("A yield cannot be above 1: choose a smaller factor")
                                : _("Nothing would change: the schedule has no point from that date on, "
                                    "or the factor is 1"));
      return;
    }
  say (tools, NULL);
  /* The inspector rebuilds its rows after the edit; the popover goes. */
  if (tools->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (tools->popover));
}

static void
tool_changed_cb (Tools *tools)
{
  gboolean shift = gtk_drop_down_get_selected (tools->tool) == 1;

  gtk_label_set_text_with_mnemonic (tools->amount_label, shift ? _("_Weeks (negative: earlier)") : _("_Factor"));
  gtk_entry_set_placeholder_text (tools->amount, shift ? "8" : "2");
  say (tools, NULL);
}

static GtkWidget *
labelled (GtkWidget  *box,
          const char *label,
          GtkWidget  *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  return title;
}

static GtkWidget *
build_popover (Tools *tools)
{
  const char *tool_names[] = { _("Scale by a factor"), _("Shift by weeks"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Apply"));
  GtkWidget *popover = gtk_popover_new ();

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_size_request (box, 260, -1);

  tools->tool = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (tool_names));
  labelled (box, _("_Change"), GTK_WIDGET (tools->tool));
  tools->amount = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_input_purpose (tools->amount, GTK_INPUT_PURPOSE_NUMBER);
  tools->amount_label = GTK_LABEL (labelled (box, _("_Factor"), GTK_WIDGET (tools->amount)));
  tools->from = GTK_ENTRY (gtk_entry_new ());
  /* Translators: the placeholder of the date field of the schedule tools */
  gtk_entry_set_placeholder_text (tools->from, _("YYYY-MM-DD; empty: all of it"));
  labelled (box, _("F_rom date"), GTK_WIDGET (tools->from));
  tools->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (tools->message, TRUE);
  gtk_label_set_max_width_chars (tools->message, 30);
  gtk_label_set_xalign (tools->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (tools->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (tools->message), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (tools->message));
  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_widget_set_margin_top (apply, 6);
  gtk_box_append (GTK_BOX (box), apply);

  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (apply_cb), tools);
  g_signal_connect_swapped (tools->amount, "activate", G_CALLBACK (apply_cb), tools);
  g_signal_connect_swapped (tools->from, "activate", G_CALLBACK (apply_cb), tools);
  g_signal_connect_swapped (tools->tool, "notify::selected", G_CALLBACK (tool_changed_cb), tools);
  tool_changed_cb (tools);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), apply);
  return popover;
}

void
_wfl_inspector_add_schedule_tools (WflInspector *self,
                                   GtkWidget    *group,
                                   GtkWidget    *add_button,
                                   const char   *node_id,
                                   int           link,
                                   ScheduleKind  kind)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_menu_button_new ();
  Tools *tools = g_new0 (Tools, 1);
  const char *tooltip = _("Scale or Shift the Schedule");

  tools->inspector = self;
  tools->node_id = g_strdup (node_id);
  tools->link = link;
  tools->kind = kind;
  tools->popover = build_popover (tools);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "emblem-system-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), tools->popover);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_name (button, kind == SCHEDULE_CAPACITY ? "schedule-tools-capacity"
                               : kind == SCHEDULE_YIELD ? "schedule-tools-yield" : "schedule-tools-mix");
  g_object_set_data_full (G_OBJECT (button), "wfl-schedule-tools", tools, tools_free);

  /* The group's header suffix becomes the tools and the add button. */
  g_object_ref (add_button);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), NULL);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), add_button);
  g_object_unref (add_button);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), box);
}

gboolean
_wfl_inspector_schedule_tools_apply (GtkWidget   *button,
                                     guint        tool,
                                     const char  *amount,
                                     const char  *from,
                                     const char **message)
{
  Tools *tools = g_object_get_data (G_OBJECT (button), "wfl-schedule-tools");

  g_return_val_if_fail (tools != NULL, FALSE);
  gtk_drop_down_set_selected (tools->tool, tool);
  gtk_editable_set_text (GTK_EDITABLE (tools->amount), amount);
  gtk_editable_set_text (GTK_EDITABLE (tools->from), from);
  say (tools, NULL);
  apply_cb (tools);
  if (message != NULL)
    *message = gtk_widget_get_visible (GTK_WIDGET (tools->message)) ? gtk_label_get_text (tools->message) : NULL;
  return !gtk_widget_get_visible (GTK_WIDGET (tools->message));
}
