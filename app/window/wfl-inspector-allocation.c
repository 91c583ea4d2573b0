/* wfl-inspector-allocation.c: the inspector's rows for version 2's
 * allocation and availability
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

/* A node that allocates by quota shows its quota period and its grants
 * (quota moved between its links); a link shows its weight (under
 * weighted-fair-share), its quota (under quota) and, always, its
 * availability: the dates it closes and opens again.  Each figure shows
 * its source and confidence; every edit is one undoable step through the
 * document.  The rules are docs/model.md's "Allocation" and
 * "Availability". */

/* Helpers ------------------------------------------------------------------ */

static const char *
period_noun (WflPeriod period)
{
  switch (period)
    {
    case WFL_PERIOD_MONTH:
      return _("a month");
    case WFL_PERIOD_WEEK:
      return _("a week");
    case WFL_PERIOD_QUARTER:
    default:
      return _("a quarter");
    }
}

/* "None", then the scenario's sources (titles, else ids); NULL-terminated. */
static GPtrArray *
source_items (WflScenario *s)
{
  GPtrArray *items = g_ptr_array_new ();

  g_ptr_array_add (items, (gpointer) _("None"));
  for (guint i = 0; i < wfl_scenario_get_n_sources (s); i++)
    {
      WflSource *source = wfl_scenario_get_source (s, i);

      g_ptr_array_add (items, source->title ? source->title : source->id);
    }
  g_ptr_array_add (items, NULL);
  return items;
}

static guint
source_index (WflScenario *s,
              const char  *id)
{
  for (guint j = 0; j < wfl_scenario_get_n_sources (s); j++)
    if (g_strcmp0 (wfl_scenario_get_source (s, j)->id, id) == 0)
      return j + 1;
  return 0;
}

static const char * const *
confidence_items (void)
{
  static const char *items[5] = { NULL, NULL, NULL, NULL, NULL };

  items[0] = _("Not given");
  items[1] = _("High");
  items[2] = _("Medium");
  items[3] = _("Low");
  return items;
}

/* The node's outgoing links, in document order (their indices). */
static GArray *
out_links (WflScenario *s,
           const char  *node_id)
{
  GArray *links = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < wfl_scenario_get_n_links (s); i++)
    if (g_strcmp0 (wfl_scenario_get_link (s, i)->from, node_id) == 0)
      g_array_append_val (links, i);
  return links;
}

static WflGrant *
find_grant (WflScenario *s,
            const Field *field)
{
  WflNode *node = wfl_scenario_find_node (s, field->node_id);

  if (node == NULL || field->point >= node->grants->len)
    return NULL;
  return g_ptr_array_index (node->grants, field->point);
}

static char *
display_name (WflScenario *s,
              const char  *id)
{
  WflNode *node = wfl_scenario_find_node (s, id);

  return g_strdup (node != NULL ? wfl_node_get_display_name (node) : id ? id : "");
}

/* Grants -------------------------------------------------------------------- */

typedef struct
{
  char *node_id;
  guint index;
} GrantTarget;

static void
grant_target_free (GrantTarget *target)
{
  g_free (target->node_id);
  g_free (target);
}

/* A new grant from the node's first outgoing link to its second, of
 * 1,000 in the calendar's first period. */
static gboolean
add_grant_edit (WflScenario  *s,
                gpointer      user_data,
                GError      **error)
{
  GrantTarget *target = user_data;
  WflNode *node = wfl_scenario_find_node (s, target->node_id);
  g_autoptr(GArray) links = out_links (s, target->node_id);

  if (node == NULL || links->len < 2)
    return FALSE;
  g_ptr_array_add (node->grants,
                   wfl_grant_new (wfl_scenario_get_link (s, g_array_index (links, guint, 0))->to,
                                  wfl_scenario_get_link (s, g_array_index (links, guint, 1))->to,
                                  1000, wfl_scenario_get_start (s)));
  return TRUE;
}

static gboolean
remove_grant_edit (WflScenario  *s,
                   gpointer      user_data,
                   GError      **error)
{
  GrantTarget *target = user_data;
  WflNode *node = wfl_scenario_find_node (s, target->node_id);

  if (node == NULL || target->index >= node->grants->len)
    return FALSE;
  g_ptr_array_remove_index (node->grants, target->index);
  return TRUE;
}

static void
add_grant_clicked_cb (WflInspector *self,
                      GtkButton    *button)
{
  GrantTarget *target = g_object_get_data (G_OBJECT (button), "wfl-target");
  WflNode *node = wfl_scenario_find_node (_wfl_inspector_scenario (self), target->node_id);
  g_autofree char *key = NULL;

  if (node == NULL)
    return;
  key = g_strdup_printf ("grant.%u", node->grants->len);
  _wfl_inspector_expand (self, key);
  _wfl_inspector_edit (self, _("Add Grant"), add_grant_edit, target);
}

static void
remove_grant_clicked_cb (WflInspector *self,
                         GtkButton    *button)
{
  _wfl_inspector_edit (self, _("Remove Grant"), remove_grant_edit,
                       g_object_get_data (G_OBJECT (button), "wfl-target"));
}

static Field *
grant_field (FieldId     id,
             const char *stem,
             WflNode    *node,
             guint       i)
{
  g_autofree char *key = g_strdup_printf ("grant.%u.%s", i, stem);
  Field *field = _wfl_inspector_field_new (id, key, node->id, -1, NULL);

  field->point = i;
  return field;
}

static void
build_grant (WflInspector *self,
             GtkWidget    *group,
             WflNode      *node,
             guint         i,
             GPtrArray    *names,
             GArray       *links)
{
  WflScenario *s = _wfl_inspector_scenario (self);
  const WflGrant *grant = g_ptr_array_index (node->grants, i);
  g_autoptr(GPtrArray) sources = source_items (s);
  g_autofree char *donor = display_name (s, grant->donor);
  g_autofree char *recipient = display_name (s, grant->recipient);
  g_autofree char *quantity = wfl_format_number_locale (grant->quantity, TRUE);
  g_autofree char *from = wfl_format_date_locale (grant->from);
  g_autofree char *to = wfl_format_date_locale (grant->to != WFL_DATE_NONE ? grant->to : grant->from);
  g_autofree char *caption = _wfl_inspector_describe_source (self, grant->source, grant->confidence);
  g_autofree char *title = NULL, *subtitle = NULL, *key = NULL;
  g_autofree char *quantity_text = wfl_format_number_locale (grant->quantity, FALSE);
  g_autofree char *from_text = grant->from != WFL_DATE_NONE ? wfl_date_format (grant->from) : g_strdup ("");
  g_autofree char *to_text = grant->to != WFL_DATE_NONE ? wfl_date_format (grant->to) : g_strdup ("");
  guint donor_index = GTK_INVALID_LIST_POSITION, recipient_index = GTK_INVALID_LIST_POSITION;
  GrantTarget *target;
  GtkWidget *expander, *button;

  for (guint k = 0; k < links->len; k++)
    {
      const char *to_id = wfl_scenario_get_link (s, g_array_index (links, guint, k))->to;

      if (donor_index == GTK_INVALID_LIST_POSITION && g_strcmp0 (to_id, grant->donor) == 0)
        donor_index = k;
      if (recipient_index == GTK_INVALID_LIST_POSITION && g_strcmp0 (to_id, grant->recipient) == 0)
        recipient_index = k;
    }

  /* Translators: a grant, "Meta → Inflection · 5,000 a quarter" */
  title = g_strdup_printf (_("%s → %s · %s %s"), donor, recipient, quantity, period_noun (node->quota_period));
  if (grant->to != WFL_DATE_NONE)
    /* Translators: the periods of a grant, by a date in the first and the last */
    subtitle = g_strdup_printf (_("Periods from %s to %s"), from, to);
  else
    /* Translators: the one period of a grant, by a date in it */
    subtitle = g_strdup_printf (_("The period of %s"), from);
  if (caption != NULL)
    {
      char *tmp = g_strdup_printf ("%s\n%s", subtitle, caption);

      g_free (subtitle);
      subtitle = tmp;
    }
  key = g_strdup_printf ("grant.%u", i);
  expander = _wfl_inspector_add_expander (self, group, key, title, subtitle, FALSE);

  _wfl_inspector_add_combo (self, expander, grant_field (F_GRANT_DONOR, "donor", node, i),
                            (const char * const *) names->pdata, donor_index, NULL);
  _wfl_inspector_add_combo (self, expander,
                            grant_field (F_GRANT_RECIPIENT, "recipient", node, i),
                            (const char * const *) names->pdata, recipient_index, NULL);
  _wfl_inspector_add_entry (self, expander, grant_field (F_GRANT_QUANTITY, "quantity", node, i),
                            quantity_text, period_noun (node->quota_period));
  _wfl_inspector_add_entry (self, expander, grant_field (F_GRANT_FROM, "from", node, i),
                            from_text, NULL);
  _wfl_inspector_add_entry (self, expander, grant_field (F_GRANT_TO, "to", node, i),
                            to_text, _("optional"));
  _wfl_inspector_add_combo (self, expander, grant_field (F_GRANT_SOURCE, "source", node, i),
                            (const char * const *) sources->pdata, source_index (s, grant->source), NULL);
  _wfl_inspector_add_combo (self, expander,
                            grant_field (F_GRANT_CONFIDENCE, "confidence", node, i),
                            confidence_items (), grant->confidence, NULL);

  target = g_new0 (GrantTarget, 1);
  target->node_id = g_strdup (node->id);
  target->index = i;
  button = _wfl_inspector_add_button_row (expander, _("_Remove Grant"), "error",
                                          G_CALLBACK (remove_grant_clicked_cb), self, NULL);
  g_object_set_data_full (G_OBJECT (button), "wfl-target", target, (GDestroyNotify) grant_target_free);
  g_free (key);
  key = g_strdup_printf ("grant.%u.remove", i);
  _wfl_inspector_register_widget (self, key, button);
}

static void
build_grants (WflInspector *self,
              WflNode      *node)
{
  WflScenario *s = _wfl_inspector_scenario (self);
  g_autoptr(GArray) links = out_links (s, node->id);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *group, *button;
  GrantTarget *target;

  for (guint k = 0; k < links->len; k++)
    g_ptr_array_add (names, display_name (s, wfl_scenario_get_link (s, g_array_index (links, guint, k))->to));
  g_ptr_array_add (names, NULL);

  group = _wfl_inspector_add_group (self, _("Grants"),
                                    node->grants->len == 0
                                    ? _("None. A grant moves quota from one link to another in each period "
                                        "from its first to its last, as Nvidia gave Inflection GPUs it took "
                                        "from Meta, Microsoft and Amazon.")
                                    : _("Quota moved from one link to another in each period."));
  button = _wfl_inspector_header_button (group, "list-add-symbolic", _("Add Grant"));
  if (links->len < 2)
    {
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_set_tooltip_text (button, _("A grant needs two outgoing links"));
    }
  target = g_new0 (GrantTarget, 1);
  target->node_id = g_strdup (node->id);
  g_object_set_data_full (G_OBJECT (button), "wfl-target", target, (GDestroyNotify) grant_target_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (add_grant_clicked_cb), self, G_CONNECT_SWAPPED);
  _wfl_inspector_register_widget (self, "grant.add", button);

  for (guint i = 0; i < node->grants->len; i++)
    build_grant (self, group, node, i, names, links);
}

void
_wfl_inspector_build_node_allocation (WflInspector *self,
                                      GtkWidget    *group,
                                      WflNode      *node)
{
  static const char *periods[4] = { NULL, NULL, NULL, NULL };

  if (node->allocation != WFL_ALLOCATION_QUOTA)
    return;
  periods[WFL_PERIOD_QUARTER] = _("Quarter");
  periods[WFL_PERIOD_MONTH] = _("Month");
  periods[WFL_PERIOD_WEEK] = _("Week");
  _wfl_inspector_add_combo (self, group,
                            _wfl_inspector_field_new (F_NODE_QUOTA_PERIOD, "node.quota-period", node->id, -1, NULL),
                            periods, node->quota_period, NULL);
  build_grants (self, node);
}

/* Availability -------------------------------------------------------------- */

typedef struct
{
  int   link;
  guint index;
} ChangeTarget;

/* A new change 13 weeks after the last (or at the calendar's start),
 * the other way round: a link first closes. */
static gboolean
add_change_edit (WflScenario  *s,
                 gpointer      user_data,
                 GError      **error)
{
  ChangeTarget *target = user_data;
  WflLink *link;
  guint n;
  WflDate date;
  double value = 0;

  if (target->link < 0 || (guint) target->link >= wfl_scenario_get_n_links (s))
    return FALSE;
  link = wfl_scenario_get_link (s, target->link);
  if (link->availability == NULL)
    link->availability = wfl_schedule_new ();
  n = wfl_schedule_get_n_points (link->availability);
  date = wfl_scenario_get_start (s);
  if (n > 0)
    {
      const WflPoint *last = wfl_schedule_get_point (link->availability, n - 1);

      date = (last->date != WFL_DATE_NONE ? last->date : date) + 13 * 7;
      value = last->value > 0 ? 0 : 1;
    }
  wfl_schedule_add_point (link->availability, date, value, WFL_INTERPOLATE_STEP);
  return TRUE;
}

static gboolean
remove_change_edit (WflScenario  *s,
                    gpointer      user_data,
                    GError      **error)
{
  ChangeTarget *target = user_data;
  WflLink *link;

  if (target->link < 0 || (guint) target->link >= wfl_scenario_get_n_links (s))
    return FALSE;
  link = wfl_scenario_get_link (s, target->link);
  if (target->index >= wfl_schedule_get_n_points (link->availability))
    return FALSE;
  wfl_schedule_remove_point (link->availability, target->index);
  if (wfl_schedule_get_n_points (link->availability) == 0)
    g_clear_pointer (&link->availability, wfl_schedule_free);
  return TRUE;
}

static void
add_change_clicked_cb (WflInspector *self,
                       GtkButton    *button)
{
  ChangeTarget *target = g_object_get_data (G_OBJECT (button), "wfl-target");
  WflScenario *s = _wfl_inspector_scenario (self);
  g_autofree char *key = NULL;

  if (target->link < 0 || (guint) target->link >= wfl_scenario_get_n_links (s))
    return;
  key = g_strdup_printf ("availability.%u",
                         wfl_schedule_get_n_points (wfl_scenario_get_link (s, target->link)->availability));
  _wfl_inspector_expand (self, key);
  _wfl_inspector_edit (self, _("Add Change of Availability"), add_change_edit, target);
}

static void
remove_change_clicked_cb (WflInspector *self,
                          GtkButton    *button)
{
  _wfl_inspector_edit (self, _("Remove Change of Availability"), remove_change_edit,
                       g_object_get_data (G_OBJECT (button), "wfl-target"));
}

static Field *
change_field (FieldId     id,
              const char *stem,
              int         link,
              guint       i)
{
  g_autofree char *key = g_strdup_printf ("availability.%u.%s", i, stem);
  Field *field = _wfl_inspector_field_new (id, key, NULL, link, NULL);

  field->schedule = SCHEDULE_AVAILABILITY;
  field->point = i;
  return field;
}

static void
build_availability (WflInspector *self,
                    int           index,
                    WflLink      *link)
{
  static const char *states[3] = { NULL, NULL, NULL };
  WflScenario *s = _wfl_inspector_scenario (self);
  g_autoptr(GPtrArray) sources = source_items (s);
  guint n = wfl_schedule_get_n_points (link->availability);
  GtkWidget *group, *button;
  ChangeTarget *target;

  states[0] = _("Closes");
  states[1] = _("Opens");
  group = _wfl_inspector_add_group (self, _("Availability"),
                                    n == 0 ? _("Always open. Add a change to close the link from a date, "
                                               "as export controls do.")
                                    : wfl_schedule_get_point (link->availability, 0)->value > 0
                                    ? _("Closed until it first opens.")
                                    : _("Open until it first closes."));
  button = _wfl_inspector_header_button (group, "list-add-symbolic", _("Add Change"));
  target = g_new0 (ChangeTarget, 1);
  target->link = index;
  g_object_set_data_full (G_OBJECT (button), "wfl-target", target, g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (add_change_clicked_cb), self, G_CONNECT_SWAPPED);
  _wfl_inspector_register_widget (self, "availability.add", button);

  for (guint i = 0; i < n; i++)
    {
      const WflPoint *point = wfl_schedule_get_point (link->availability, i);
      g_autofree char *date = point->date != WFL_DATE_NONE ? wfl_date_format (point->date) : g_strdup ("");
      g_autofree char *shown = wfl_format_date_locale (point->date);
      g_autofree char *caption = _wfl_inspector_describe_source (self, point->source, point->confidence);
      g_autofree char *key = g_strdup_printf ("availability.%u", i);
      /* Translators: a change of a link's availability, "Closed from 23 Oct 2023" */
      g_autofree char *title = g_strdup_printf (point->value > 0 ? _("Open from %s") : _("Closed from %s"), shown);
      GtkWidget *expander = _wfl_inspector_add_expander (self, group, key, title,
                                                         caption ? caption : _("No source given"), FALSE);

      _wfl_inspector_add_entry (self, expander, change_field (F_POINT_DATE, "date", index, i), date, NULL);
      _wfl_inspector_add_combo (self, expander, change_field (F_CHANGE_STATE, "state", index, i), states,
                                point->value > 0 ? 1 : 0, NULL);
      _wfl_inspector_add_combo (self, expander, change_field (F_POINT_SOURCE, "source", index, i),
                                (const char * const *) sources->pdata, source_index (s, point->source), NULL);
      _wfl_inspector_add_combo (self, expander, change_field (F_POINT_CONFIDENCE, "confidence", index, i),
                                confidence_items (), point->confidence, NULL);

      target = g_new0 (ChangeTarget, 1);
      target->link = index;
      target->index = i;
      button = _wfl_inspector_add_button_row (expander, _("_Remove Change"), "error",
                                              G_CALLBACK (remove_change_clicked_cb), self, NULL);
      g_object_set_data_full (G_OBJECT (button), "wfl-target", target, g_free);
      g_free (key);
      key = g_strdup_printf ("availability.%u.remove", i);
      _wfl_inspector_register_widget (self, key, button);
    }
}

void
_wfl_inspector_build_link_allocation (WflInspector *self,
                                      int           index,
                                      WflLink      *link)
{
  WflNode *from = wfl_scenario_find_node (_wfl_inspector_scenario (self), link->from);

  if (from != NULL && from->allocation == WFL_ALLOCATION_WEIGHTED_FAIR_SHARE)
    _wfl_inspector_build_schedule (self, link->weight, SCHEDULE_WEIGHT, NULL, index, NULL);
  if (from != NULL && from->allocation == WFL_ALLOCATION_QUOTA)
    _wfl_inspector_build_schedule (self, link->quota, SCHEDULE_QUOTA, NULL, index,
                                   period_noun (from->quota_period));
  build_availability (self, index, link);
}

/* Parsing and applying ---------------------------------------------------------- */

gboolean
_wfl_inspector_parse_allocation_field (WflScenario  *s,
                                       const Field  *field,
                                       const char   *stripped,
                                       Value        *value,
                                       char        **message)
{
  switch (field->id)
    {
    case F_GRANT_QUANTITY:
      if (!wfl_parse_number_locale (stripped, &value->number) || !isfinite (value->number) || value->number < 0)
        {
          *message = g_strdup (_("A grant's quantity must be a number, 0 or more"));
          return FALSE;
        }
      return TRUE;

    case F_GRANT_FROM:
    case F_GRANT_TO:
      {
        const WflGrant *grant = find_grant (s, field);

        if (field->id == F_GRANT_TO && stripped[0] == '\0')
          {
            value->date = WFL_DATE_NONE;
            return TRUE;
          }
        value->date = wfl_date_parse (stripped);
        if (value->date == WFL_DATE_NONE)
          {
            *message = g_strdup (_("Enter a date as YYYY-MM-DD, for example 2024-03-04"));
            return FALSE;
          }
        if (grant != NULL && ((field->id == F_GRANT_TO && value->date < grant->from) ||
                              (field->id == F_GRANT_FROM && grant->to != WFL_DATE_NONE && value->date > grant->to)))
          {
            *message = g_strdup (_("A grant cannot end before it starts"));
            return FALSE;
          }
        return TRUE;
      }

    case F_NODE_QUOTA_PERIOD:
    case F_GRANT_DONOR:
    case F_GRANT_RECIPIENT:
    case F_GRANT_SOURCE:
    case F_GRANT_CONFIDENCE:
    case F_CHANGE_STATE:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
set_grant_end (WflScenario  *s,
               const Field  *field,
               WflGrant     *grant,
               guint         choice,
               GError      **error)
{
  g_autoptr(GArray) links = out_links (s, field->node_id);
  const char *id;
  char **end = field->id == F_GRANT_DONOR ? &grant->donor : &grant->recipient;

  if (choice >= links->len)
    return FALSE;
  id = wfl_scenario_get_link (s, g_array_index (links, guint, choice))->to;
  if (g_strcmp0 (field->id == F_GRANT_DONOR ? grant->recipient : grant->donor, id) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A grant moves quota between two different links"));
      return FALSE;
    }
  if (g_strcmp0 (*end, id) == 0)
    return FALSE;
  g_free (*end);
  *end = g_strdup (id);
  return TRUE;
}

gboolean
_wfl_inspector_apply_allocation_edit (WflScenario  *s,
                                      const Value  *value,
                                      GError      **error)
{
  const Field *field = value->field;
  WflNode *node = field->node_id ? wfl_scenario_find_node (s, field->node_id) : NULL;
  WflGrant *grant = find_grant (s, field);

  switch (field->id)
    {
    case F_NODE_QUOTA_PERIOD:
      if (node == NULL || node->quota_period == (WflPeriod) value->choice)
        return FALSE;
      node->quota_period = value->choice;
      return TRUE;

    case F_GRANT_DONOR:
    case F_GRANT_RECIPIENT:
      return grant != NULL && set_grant_end (s, field, grant, value->choice, error);

    case F_GRANT_QUANTITY:
      if (grant == NULL || grant->quantity == value->number)
        return FALSE;
      grant->quantity = value->number;
      return TRUE;

    case F_GRANT_FROM:
    case F_GRANT_TO:
      {
        WflDate *slot;

        if (grant == NULL)
          return FALSE;
        slot = field->id == F_GRANT_FROM ? &grant->from : &grant->to;
        if (*slot == value->date)
          return FALSE;
        *slot = value->date;
        return TRUE;
      }

    case F_GRANT_SOURCE:
      if (grant == NULL || g_strcmp0 (grant->source, value->text) == 0)
        return FALSE;
      g_free (grant->source);
      grant->source = g_strdup (value->text);
      return TRUE;

    case F_GRANT_CONFIDENCE:
      if (grant == NULL || grant->confidence == (WflConfidence) value->choice)
        return FALSE;
      grant->confidence = value->choice;
      return TRUE;

    case F_CHANGE_STATE:
      {
        WflSchedule **slot = _wfl_inspector_schedule_slot (s, field);
        WflPoint *point;

        if (slot == NULL || *slot == NULL || field->point >= wfl_schedule_get_n_points (*slot))
          return FALSE;
        point = wfl_schedule_get_point (*slot, field->point);
        if ((point->value > 0) == (value->choice == 1))
          return FALSE;
        point->value = value->choice == 1 ? 1 : 0;
        return TRUE;
      }

    default:
      return FALSE;
    }
}
