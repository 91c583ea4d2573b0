/* wfl-inspector-fields.c: the inspector's fields: checking the text typed
 * into one, and applying its value to the scenario
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

/* What an edited field means for the scenario, without widgets: the text
 * of a field is parsed and checked against the scenario, or refused with
 * a message that says why (the inspector shows it in place); a parsed
 * Value is applied inside wfl_document_edit(), so that it can be undone.
 * The widgets, their Fields and the messages' display are in
 * wfl-inspector.c. */

/* Scenario lookups and setters -------------------------------------------- */

WflSchedule **
_wfl_inspector_schedule_slot (WflScenario  *s,
                              const Field  *field)
{
  if (field->schedule == SCHEDULE_MIX || field->schedule == SCHEDULE_WEIGHT ||
      field->schedule == SCHEDULE_QUOTA || field->schedule == SCHEDULE_AVAILABILITY)
    {
      WflLink *link;

      if (field->link < 0 || (guint) field->link >= wfl_scenario_get_n_links (s))
        return NULL;
      link = wfl_scenario_get_link (s, field->link);
      return field->schedule == SCHEDULE_WEIGHT ? &link->weight
             : field->schedule == SCHEDULE_QUOTA ? &link->quota
             : field->schedule == SCHEDULE_AVAILABILITY ? &link->availability : &link->mix;
    }
  else
    {
      WflNode *node = wfl_scenario_find_node (s, field->node_id);

      if (node == NULL)
        return NULL;
      return field->schedule == SCHEDULE_CAPACITY ? &node->capacity : &node->yield;
    }
}

static WflOrder *
find_order (WflNode    *node,
            const char *order_id)
{
  if (node == NULL)
    return NULL;
  for (guint i = 0; i < node->orders->len; i++)
    {
      WflOrder *order = g_ptr_array_index (node->orders, i);

      if (g_strcmp0 (order->id, order_id) == 0)
        return order;
    }
  return NULL;
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const WflPoint *pa = a;
  const WflPoint *pb = b;

  return (pa->date > pb->date) - (pa->date < pb->date);
}

static gboolean
set_string (char       **slot,
            const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* Each returns whether the field changed. */
static gboolean
set_double (double *slot,
            double  value)
{
  if (*slot == value)
    return FALSE;
  *slot = value;
  return TRUE;
}

static gboolean
set_int (int    *slot,
         gint64  value)
{
  if (*slot == value)
    return FALSE;
  *slot = (int) value;
  return TRUE;
}

static gboolean
set_date (WflDate *slot,
          WflDate  value)
{
  if (*slot == value)
    return FALSE;
  *slot = value;
  return TRUE;
}

static WflExpansion *
find_expansion (WflNode *node,
                guint    index)
{
  if (node == NULL || index >= node->expansions->len)
    return NULL;
  return g_ptr_array_index (node->expansions, index);
}

/* Parsing and checking -------------------------------------------------------- */

static gboolean
parse_nonnegative (const char  *text,
                   const char  *what,
                   double      *out,
                   char       **message)
{
  if (!wfl_parse_number_locale (text, out) || !isfinite (*out) || *out < 0)
    {
      /* Translators: %s is the name of a value, e.g. "Capacity" */
      *message = g_strdup_printf (_("%s must be a number, 0 or more"), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_weeks (WflScenario   *s,
             const char    *text,
             const char    *what,
             gint64        *out,
             char         **message)
{
  int weeks = wfl_scenario_get_weeks (s);

  if (!wfl_parse_int (text, out) || *out < 0 || *out > weeks)
    {
      /* Translators: %s is "Lead time" or "Transit time", %d the calendar length */
      *message = g_strdup_printf (_("%s must be a whole number of weeks from 0 to %d"), what, weeks);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_date (const char  *text,
            WflDate     *out,
            char       **message)
{
  *out = wfl_date_parse (text);
  if (*out == WFL_DATE_NONE)
    {
      *message = g_strdup (_("Enter a date as YYYY-MM-DD, for example 2024-03-04"));
      return FALSE;
    }
  return TRUE;
}

/* An order's due date: empty (none), or not before it was placed. */
static gboolean
parse_order_due (WflScenario  *s,
                 const Field  *field,
                 const char   *stripped,
                 Value        *value,
                 char        **message)
{
  if (stripped[0] == '\0')
    {
      value->date = WFL_DATE_NONE;
      return TRUE;
    }
  if (!parse_date (stripped, &value->date, message))
    return FALSE;
  {
    WflOrder *order = find_order (wfl_scenario_find_node (s, field->node_id), field->order_id);

    if (order != NULL && value->date < order->placed)
      {
        *message = g_strdup (_("The due date cannot be before the date the order was placed"));
        return FALSE;
      }
  }
  return TRUE;
}

/* A schedule point's date: empty only for a schedule of one point, and
 * no other point on the same date. */
static gboolean
parse_point_date (WflScenario  *s,
                  const Field  *field,
                  const char   *stripped,
                  Value        *value,
                  char        **message)
{
  WflSchedule **slot = _wfl_inspector_schedule_slot (s, field);
  guint n = slot && *slot ? wfl_schedule_get_n_points (*slot) : 0;

  if (stripped[0] == '\0')
    {
      if (field->schedule == SCHEDULE_AVAILABILITY)
        {
          *message = g_strdup (_("A change of availability needs a date"));
          return FALSE;
        }
      if (n > 1)
        {
          *message = g_strdup (_("Only a schedule with a single point may leave the date empty"));
          return FALSE;
        }
      value->date = WFL_DATE_NONE;
      return TRUE;
    }
  if (!parse_date (stripped, &value->date, message))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (i != field->point && wfl_schedule_get_point (*slot, i)->date == value->date)
      {
        *message = g_strdup (_("Another point of this schedule has the same date"));
        return FALSE;
      }
  return TRUE;
}

/* An expansion's lead or qualification time: 0 … 10,000 weeks (it may
 * be ordered before the calendar, so the calendar does not bound it). */
static gboolean
parse_expansion_weeks (const char  *text,
                       const char  *what,
                       gint64      *out,
                       char       **message)
{
  if (!wfl_parse_int (text, out) || *out < 0 || *out > 10000)
    {
      /* Translators: %s is "Lead time" or "Qualification time" */
      *message = g_strdup_printf (_("%s must be a whole number of weeks from 0 to %d"), what, 10000);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_expansion_field (const Field  *field,
                       const char   *stripped,
                       Value        *value,
                       char        **message)
{
  switch (field->id)
    {
    case F_EXPANSION_ORDERED:
      return parse_date (stripped, &value->date, message);
    case F_EXPANSION_CAPACITY:
      return parse_nonnegative (stripped, _("Capacity"), &value->number, message);
    case F_EXPANSION_LEAD_WEEKS:
      return parse_expansion_weeks (stripped, _("Lead time"), &value->integer, message);
    case F_EXPANSION_QUALIFICATION_WEEKS:
      return parse_expansion_weeks (stripped, _("Qualification time"), &value->integer, message);
    case F_EXPANSION_TOOLS:
    default:
      if (!wfl_parse_number_locale (stripped, &value->number) || !isfinite (value->number) || value->number <= 0)
        {
          *message = g_strdup (_("Tools must be a number greater than 0"));
          return FALSE;
        }
      return TRUE;
    }
}

/* Checks `text` for `field`; fills `value` or returns FALSE with a
 * message saying why the value is refused. */
gboolean
_wfl_inspector_parse_field (WflScenario   *s,
                            const Field   *field,
                            const char    *text,
                            Value         *value,
                            char         **message)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  value->field = field;

  if (FIELD_IS_ALLOCATION (field->id))
    return _wfl_inspector_parse_allocation_field (s, field, stripped, value, message);

  switch (field->id)
    {
    case F_NODE_ID:
    case F_ORDER_ID:
      if (!wfl_id_is_valid (stripped))
        {
          *message = g_strdup (_("An id may only contain letters, digits, “_”, “.” and “-”, and cannot be empty"));
          return FALSE;
        }
      if (field->id == F_ORDER_ID && g_strcmp0 (stripped, field->order_id) != 0 &&
          find_order (wfl_scenario_find_node (s, field->node_id), stripped) != NULL)
        {
          *message = g_strdup_printf (_("This customer already has an order “%s”"), stripped);
          return FALSE;
        }
      value->text = g_steal_pointer (&stripped);
      return TRUE;

    case F_NODE_UNIT:
      if (stripped[0] == '\0')
        {
          *message = g_strdup (_("Unit cannot be empty: name what the node makes (wafer, die, gpu…)"));
          return FALSE;
        }
      value->text = g_steal_pointer (&stripped);
      return TRUE;

    case F_NODE_NAME:
    case F_NODE_GROUP:
    case F_NODE_NOTE:
      value->text = stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
      return TRUE;

    case F_LINK_INPUT:
      if (stripped[0] != '\0' && !wfl_id_is_valid (stripped))
        {
          *message = g_strdup (_("An input line name may only contain letters, digits, “_”, “.” and “-”"));
          return FALSE;
        }
      value->text = stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
      return TRUE;

    case F_NODE_LEAD_WEEKS:
      return parse_weeks (s, stripped, _("Lead time"), &value->integer, message);

    case F_LINK_TRANSIT_WEEKS:
      return parse_weeks (s, stripped, _("Transit time"), &value->integer, message);

    case F_LINK_COVER_WEEKS:
      return parse_weeks (s, stripped, _("Cover time"), &value->integer, message);

    case F_NODE_INITIAL_RATE:
      return parse_nonnegative (stripped, _("Initial rate"), &value->number, message);

    case F_NODE_INITIAL_STOCK:
      return parse_nonnegative (stripped, _("Initial stock"), &value->number, message);

    case F_LINK_SHARE:
      return parse_nonnegative (stripped, _("Share"), &value->number, message);

    case F_ORDER_QUANTITY:
      return parse_nonnegative (stripped, _("Quantity"), &value->number, message);

    case F_LINK_PER_UNIT:
      if (!wfl_parse_number_locale (stripped, &value->number) || !isfinite (value->number) || value->number <= 0)
        {
          *message = g_strdup (_("Per-unit quantity must be a number greater than 0"));
          return FALSE;
        }
      return TRUE;

    case F_LINK_PRIORITY:
    case F_ORDER_PRIORITY:
      if (!wfl_parse_int (stripped, &value->integer) || value->integer < G_MININT || value->integer > G_MAXINT)
        {
          *message = g_strdup (_("Priority must be a whole number (lower comes first)"));
          return FALSE;
        }
      return TRUE;

    case F_ORDER_PLACED:
      return parse_date (stripped, &value->date, message);

    case F_ORDER_DUE:
      return parse_order_due (s, field, stripped, value, message);

    case F_POINT_VALUE:
      if (field->schedule == SCHEDULE_YIELD)
        {
          if (!wfl_parse_number_locale (stripped, &value->number) || !isfinite (value->number) ||
              value->number <= 0 || value->number > 1)
            {
              *message = g_strdup (_("Yield must be greater than 0 and at most 1"));
              return FALSE;
            }
          return TRUE;
        }
      return parse_nonnegative (stripped,
                                field->schedule == SCHEDULE_CAPACITY ? _("Capacity")
                                : field->schedule == SCHEDULE_WEIGHT ? _("Weight")
                                : field->schedule == SCHEDULE_QUOTA ? _("Quota") : _("Mix"),
                                &value->number, message);

    case F_POINT_DATE:
      return parse_point_date (s, field, stripped, value, message);

    case F_EXPANSION_ORDERED:
    case F_EXPANSION_CAPACITY:
    case F_EXPANSION_LEAD_WEEKS:
    case F_EXPANSION_QUALIFICATION_WEEKS:
    case F_EXPANSION_TOOLS:
      return parse_expansion_field (field, stripped, value, message);

    case F_NODE_KIND:
    case F_NODE_ALLOCATION:
    case F_POINT_INTERPOLATE:
    case F_POINT_SOURCE:
    case F_POINT_CONFIDENCE:
    case F_LINK_FROM:
    case F_LINK_TO:
    case F_EXPANSION_SUPPLIER:
    case F_EXPANSION_SOURCE:
    case F_EXPANSION_CONFIDENCE:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* Applying (inside wfl_document_edit) ------------------------------------------- */

static gboolean
apply_expansion (WflExpansion *expansion,
                 const Value  *value)
{
  if (expansion == NULL)
    return FALSE;
  switch (value->field->id)
    {
    case F_EXPANSION_ORDERED:
      return set_date (&expansion->ordered, value->date);
    case F_EXPANSION_CAPACITY:
      return set_double (&expansion->capacity, value->number);
    case F_EXPANSION_LEAD_WEEKS:
      return set_int (&expansion->lead_weeks, value->integer);
    case F_EXPANSION_QUALIFICATION_WEEKS:
      return set_int (&expansion->qualification_weeks, value->integer);
    case F_EXPANSION_TOOLS:
      return set_double (&expansion->tools, value->number);
    case F_EXPANSION_SOURCE:
      return set_string (&expansion->source, value->text);
    case F_EXPANSION_SUPPLIER:
      if (!set_string (&expansion->supplier, value->text))
        return FALSE;
      /* Without a supplier there are no tools to make. */
      if (expansion->supplier == NULL)
        expansion->tools = 1;
      return TRUE;
    case F_EXPANSION_CONFIDENCE:
    default:
      if (expansion->confidence == (WflConfidence) value->choice)
        return FALSE;
      expansion->confidence = value->choice;
      return TRUE;
    }
}

gboolean
_wfl_inspector_apply_edit (WflScenario  *s,
                           gpointer      user_data,
                           GError      **error)
{
  Value *value = user_data;
  const Field *field = value->field;
  WflNode *node = field->node_id ? wfl_scenario_find_node (s, field->node_id) : NULL;
  WflLink *link = (field->link >= 0 && (guint) field->link < wfl_scenario_get_n_links (s))
                  ? wfl_scenario_get_link (s, field->link) : NULL;
  WflOrder *order = find_order (node, field->order_id);
  WflSchedule **slot;
  WflPoint *point = NULL;

  if (FIELD_IS_ALLOCATION (field->id))
    return _wfl_inspector_apply_allocation_edit (s, value, error);

  switch (field->id)
    {
    case F_NODE_NAME:
      return node && set_string (&node->name, value->text);
    case F_NODE_UNIT:
      return node && set_string (&node->unit, value->text);
    case F_NODE_GROUP:
      return node && set_string (&node->group, value->text);
    case F_NODE_NOTE:
      return node && set_string (&node->note, value->text);
    case F_NODE_KIND:
      if (node == NULL || node->kind == (WflNodeKind) value->choice)
        return FALSE;
      node->kind = value->choice;
      return TRUE;
    case F_NODE_ALLOCATION:
      if (node == NULL || node->allocation == (WflAllocation) value->choice)
        return FALSE;
      node->allocation = value->choice;
      return TRUE;
    case F_NODE_LEAD_WEEKS:
      return node != NULL && set_int (&node->lead_weeks, value->integer);
    case F_NODE_INITIAL_RATE:
      return node != NULL && set_double (&node->initial_rate, value->number);
    case F_NODE_INITIAL_STOCK:
      return node != NULL && set_double (&node->initial_stock, value->number);

    case F_LINK_FROM:
    case F_LINK_TO:
      {
        WflNode *target = value->choice < wfl_scenario_get_n_nodes (s)
                          ? wfl_scenario_get_node (s, value->choice) : NULL;
        char **end;

        if (link == NULL || target == NULL)
          return FALSE;
        end = field->id == F_LINK_FROM ? &link->from : &link->to;
        if (g_strcmp0 (field->id == F_LINK_FROM ? link->to : link->from, target->id) == 0)
          {
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                 _("A link cannot join a node to itself"));
            return FALSE;
          }
        return set_string (end, target->id);
      }
    case F_LINK_INPUT:
      return link && set_string (&link->input, value->text);
    case F_LINK_PER_UNIT:
      return link != NULL && set_double (&link->per_unit, value->number);
    case F_LINK_TRANSIT_WEEKS:
      return link != NULL && set_int (&link->transit_weeks, value->integer);
    case F_LINK_COVER_WEEKS:
      return link != NULL && set_int (&link->cover_weeks, value->integer);
    case F_LINK_PRIORITY:
      return link != NULL && set_int (&link->priority, value->integer);
    case F_LINK_SHARE:
      return link != NULL && set_double (&link->share, value->number);

    case F_ORDER_ID:
      return order && set_string (&order->id, value->text);
    case F_ORDER_QUANTITY:
      return order != NULL && set_double (&order->quantity, value->number);
    case F_ORDER_PLACED:
      return order != NULL && set_date (&order->placed, value->date);
    case F_ORDER_DUE:
      return order != NULL && set_date (&order->due, value->date);
    case F_ORDER_PRIORITY:
      return order != NULL && set_int (&order->priority, value->integer);

    case F_POINT_DATE:
    case F_POINT_VALUE:
    case F_POINT_INTERPOLATE:
    case F_POINT_SOURCE:
    case F_POINT_CONFIDENCE:
      slot = _wfl_inspector_schedule_slot (s, field);
      if (slot == NULL || *slot == NULL || field->point >= wfl_schedule_get_n_points (*slot))
        return FALSE;
      point = wfl_schedule_get_point (*slot, field->point);
      switch (field->id)
        {
        case F_POINT_DATE:
          if (point->date == value->date)
            return FALSE;
          point->date = value->date;
          g_array_sort ((*slot)->points, compare_points);
          return TRUE;
        case F_POINT_VALUE:
          return set_double (&point->value, value->number);
        case F_POINT_INTERPOLATE:
          if (point->interpolate == (WflInterpolate) value->choice)
            return FALSE;
          point->interpolate = value->choice;
          return TRUE;
        case F_POINT_SOURCE:
          return set_string (&point->source, value->text);
        case F_POINT_CONFIDENCE:
        default:
          if (point->confidence == (WflConfidence) value->choice)
            return FALSE;
          point->confidence = value->choice;
          return TRUE;
        }

    case F_EXPANSION_ORDERED:
    case F_EXPANSION_CAPACITY:
    case F_EXPANSION_LEAD_WEEKS:
    case F_EXPANSION_QUALIFICATION_WEEKS:
    case F_EXPANSION_SUPPLIER:
    case F_EXPANSION_TOOLS:
    case F_EXPANSION_SOURCE:
    case F_EXPANSION_CONFIDENCE:
      return apply_expansion (find_expansion (node, field->point), value);

    case F_NODE_ID:
    default:
      return FALSE;
    }
}
