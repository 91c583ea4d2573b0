/* wfl-inspector-capacity.c: the inspector's capacity expansions
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-format.h"
#include "wfl-inspector-private.h"

/* A supply, process or pool node's capacity expansions (docs/model.md,
 * "Capacity expansions"): each one an expander row with its dates as the
 * compiled scenario works them out, its fields, and a button to remove
 * it; a button in the group's header adds one.  An equipment supplier's
 * page lists the expansions it makes tools for, in the order it serves
 * them.  Every change is one undoable edit of the document. */

typedef struct
{
  char  *node_id;
  guint  index;
} ExpansionTarget;

static void
expansion_target_free (ExpansionTarget *target)
{
  g_free (target->node_id);
  g_free (target);
}

static ExpansionTarget *
expansion_target_new (const char *node_id,
                      guint       index)
{
  ExpansionTarget *target = g_new0 (ExpansionTarget, 1);

  target->node_id = g_strdup (node_id);
  target->index = index;
  return target;
}

/* A new expansion: after the last one (or at the calendar's start), a
 * tenth of the node's latest capacity, with the fact sheet's default for
 * CoWoS tools: about 6 months from order to installation and 3 of
 * qualification. */
static gboolean
add_expansion_edit (WflScenario  *s,
                    gpointer      user_data,
                    GError      **error)
{
  ExpansionTarget *target = user_data;
  WflNode *node = wfl_scenario_find_node (s, target->node_id);
  guint n_points;
  WflDate ordered;
  double capacity = 1;
  WflExpansion *expansion;

  if (node == NULL)
    return FALSE;
  n_points = wfl_schedule_get_n_points (node->capacity);
  if (n_points > 0 && wfl_schedule_get_point (node->capacity, n_points - 1)->value > 0)
    capacity = wfl_schedule_get_point (node->capacity, n_points - 1)->value / 10;
  ordered = wfl_scenario_get_start (s);
  if (node->expansions->len > 0)
    ordered = ((WflExpansion *) g_ptr_array_index (node->expansions, node->expansions->len - 1))->ordered + 13 * 7;
  expansion = wfl_expansion_new (ordered, capacity);
  expansion->lead_weeks = 26;
  expansion->qualification_weeks = 13;
  g_ptr_array_add (node->expansions, expansion);
  return TRUE;
}

static gboolean
remove_expansion_edit (WflScenario  *s,
                       gpointer      user_data,
                       GError      **error)
{
  ExpansionTarget *target = user_data;
  WflNode *node = wfl_scenario_find_node (s, target->node_id);

  if (node == NULL || target->index >= node->expansions->len)
    return FALSE;
  g_ptr_array_remove_index (node->expansions, target->index);
  return TRUE;
}

static void
add_expansion_clicked_cb (WflInspector *self,
                          GtkButton    *button)
{
  ExpansionTarget *target = g_object_get_data (G_OBJECT (button), "wfl-target");
  WflNode *node = wfl_scenario_find_node (wfl_document_get_scenario (wfl_inspector_get_document (self)),
                                          target->node_id);
  g_autofree char *key = NULL;

  if (node == NULL)
    return;
  key = g_strdup_printf ("expansion.%u", node->expansions->len);
  _wfl_inspector_expand (self, key);
  _wfl_inspector_edit (self, _("Add Capacity Expansion"), add_expansion_edit, target);
}

static void
remove_expansion_clicked_cb (WflInspector *self,
                             GtkButton    *button)
{
  ExpansionTarget *target = g_object_get_data (G_OBJECT (button), "wfl-target");

  _wfl_inspector_edit (self, _("Remove Capacity Expansion"), remove_expansion_edit, target);
}

/* The scenario compiled, for the expansions' dates; NULL while it is not
 * valid. */
static WflSimulation *
compile (WflScenario *s)
{
  return wfl_simulation_new (s, NULL);
}

/* The index in the simulation of node n's expansion k. */
static guint
expansion_index (WflScenario *s,
                 const char  *node_id,
                 guint        k)
{
  guint x = 0;

  for (guint i = 0; i < wfl_scenario_get_n_nodes (s); i++)
    {
      WflNode *node = wfl_scenario_get_node (s, i);

      if (g_strcmp0 (node->id, node_id) == 0)
        return x + k;
      x += node->expansions->len;
    }
  return x;
}

static char *
format_week (WflSimulation *sim,
             int            week)
{
  return wfl_format_date_locale (wfl_simulation_get_week_date (sim, week));
}

/* "Capacity from 1 Jan 2024 (delivered 2 Oct 2023)", or why not. */
static char *
describe_dates (WflSimulation *sim,
                guint          x)
{
  WflExpansionResult r;
  g_autofree char *qualified = NULL;
  g_autofree char *delivered = NULL;

  if (sim == NULL || !wfl_simulation_get_expansion (sim, x, &r))
    return g_strdup (_("Its dates appear when the scenario has no problems"));
  if (r.qualified_week == WFL_WEEK_NEVER)
    return g_strdup (_("Never delivered: its supplier cannot make the tools"));
  qualified = format_week (sim, r.qualified_week);
  delivered = format_week (sim, r.delivered_week);
  /* Translators: an expansion's dates, "Capacity from 1 Jan 2024 (delivered 2 Oct 2023)" */
  return g_strdup_printf (_("Capacity from %s (delivered %s)"), qualified, delivered);
}

/* The combos' items and the ids they stand for. */
static void
supplier_items (WflScenario   *s,
                const char    *supplier,
                GPtrArray    **items,
                GPtrArray    **ids,
                guint         *selected)
{
  *items = g_ptr_array_new ();
  *ids = g_ptr_array_new_with_free_func (g_free);
  *selected = supplier == NULL ? 0 : GTK_INVALID_LIST_POSITION;
  g_ptr_array_add (*items, (gpointer) _("None: its own lead time"));
  g_ptr_array_add (*ids, NULL);
  for (guint i = 0; i < wfl_scenario_get_n_nodes (s); i++)
    {
      WflNode *node = wfl_scenario_get_node (s, i);

      if (node->kind != WFL_NODE_KIND_EQUIPMENT)
        continue;
      if (g_strcmp0 (node->id, supplier) == 0)
        *selected = (*items)->len;
      g_ptr_array_add (*items, (gpointer) wfl_node_get_display_name (node));
      g_ptr_array_add (*ids, g_strdup (node->id));
    }
  g_ptr_array_add (*items, NULL);
}

static void
source_items (WflScenario   *s,
              const char    *source,
              GPtrArray    **items,
              GPtrArray    **ids,
              guint         *selected)
{
  *items = g_ptr_array_new ();
  *ids = g_ptr_array_new_with_free_func (g_free);
  *selected = 0;
  g_ptr_array_add (*items, (gpointer) _("None"));
  g_ptr_array_add (*ids, NULL);
  for (guint i = 0; i < wfl_scenario_get_n_sources (s); i++)
    {
      WflSource *src = wfl_scenario_get_source (s, i);

      if (g_strcmp0 (src->id, source) == 0)
        *selected = (*items)->len;
      g_ptr_array_add (*items, src->title ? src->title : src->id);
      g_ptr_array_add (*ids, g_strdup (src->id));
    }
  g_ptr_array_add (*items, NULL);
}

static Field *
expansion_field (FieldId     id,
                 const char *node_id,
                 guint       k,
                 const char *name)
{
  g_autofree char *key = g_strdup_printf ("expansion.%u.%s", k, name);
  Field *field = _wfl_inspector_field_new (id, key, node_id, -1, NULL);

  field->point = k;
  return field;
}

static void
build_expansion (WflInspector  *self,
                 GtkWidget     *group,
                 WflNode       *node,
                 guint          k,
                 WflSimulation *sim)
{
  static const char *confidences[5] = { NULL, NULL, NULL, NULL, NULL };
  WflScenario *s = wfl_document_get_scenario (wfl_inspector_get_document (self));
  WflExpansion *expansion = g_ptr_array_index (node->expansions, k);
  g_autofree char *key = g_strdup_printf ("expansion.%u", k);
  g_autofree char *shown_date = wfl_format_date_locale (expansion->ordered);
  g_autofree char *shown_capacity = wfl_format_number_locale (expansion->capacity, TRUE);
  g_autofree char *ordered = expansion->ordered != WFL_DATE_NONE ? wfl_date_format (expansion->ordered) : g_strdup ("");
  g_autofree char *capacity = wfl_format_number_locale (expansion->capacity, FALSE);
  g_autofree char *lead = g_strdup_printf ("%d", expansion->lead_weeks);
  g_autofree char *qualification = g_strdup_printf ("%d", expansion->qualification_weeks);
  g_autofree char *tools = wfl_format_number_locale (expansion->tools, FALSE);
  g_autofree char *dates = describe_dates (sim, expansion_index (s, node->id, k));
  g_autofree char *caption = _wfl_inspector_describe_source (self, expansion->source, expansion->confidence);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GPtrArray *ids = NULL;
  guint selected;
  GtkWidget *expander, *button;

  confidences[0] = _("Not given");
  confidences[1] = _("High");
  confidences[2] = _("Medium");
  confidences[3] = _("Low");

  /* Translators: a capacity expansion, "Ordered 3 Apr 2023 · +500 wafer a week" */
  title = g_strdup_printf (_("Ordered %s · +%s %s a week"), shown_date, shown_capacity, node->unit ? node->unit : "");
  subtitle = caption != NULL ? g_strdup_printf ("%s\n%s", dates, caption) : g_strdup (dates);
  expander = _wfl_inspector_add_expander (self, group, key, title, subtitle, FALSE);

  _wfl_inspector_add_entry (self, expander, expansion_field (F_EXPANSION_ORDERED, node->id, k, "ordered"),
                            ordered, NULL);
  _wfl_inspector_add_entry (self, expander, expansion_field (F_EXPANSION_CAPACITY, node->id, k, "capacity"),
                            capacity, _("added a week"));
  supplier_items (s, expansion->supplier, &items, &ids, &selected);
  _wfl_inspector_add_combo (self, expander, expansion_field (F_EXPANSION_SUPPLIER, node->id, k, "supplier"),
                            (const char * const *) items->pdata, selected, ids);
  g_clear_pointer (&items, g_ptr_array_unref);
  if (expansion->supplier != NULL)
    _wfl_inspector_add_entry (self, expander, expansion_field (F_EXPANSION_TOOLS, node->id, k, "tools"),
                              tools, _("by the supplier"));
  _wfl_inspector_add_entry (self, expander, expansion_field (F_EXPANSION_LEAD_WEEKS, node->id, k, "lead-weeks"),
                            lead, expansion->supplier != NULL ? _("after the tools")
                                                             : _("order to delivery"));
  _wfl_inspector_add_entry (self, expander,
                            expansion_field (F_EXPANSION_QUALIFICATION_WEEKS, node->id, k, "qualification-weeks"),
                            qualification, _("delivery to capacity"));
  source_items (s, expansion->source, &items, &ids, &selected);
  _wfl_inspector_add_combo (self, expander, expansion_field (F_EXPANSION_SOURCE, node->id, k, "source"),
                            (const char * const *) items->pdata, selected, ids);
  _wfl_inspector_add_combo (self, expander, expansion_field (F_EXPANSION_CONFIDENCE, node->id, k, "confidence"),
                            confidences, expansion->confidence, NULL);

  button = _wfl_inspector_add_button_row (expander, _("_Remove Expansion"), "error",
                                          G_CALLBACK (remove_expansion_clicked_cb), self, NULL);
  g_object_set_data_full (G_OBJECT (button), "wfl-target", expansion_target_new (node->id, k),
                          (GDestroyNotify) expansion_target_free);
  g_free (key);
  key = g_strdup_printf ("expansion.%u.remove", k);
  _wfl_inspector_register_widget (self, key, button);
}

void
_wfl_inspector_build_expansions (WflInspector *self,
                                 WflNode      *node)
{
  WflScenario *s = wfl_document_get_scenario (wfl_inspector_get_document (self));
  g_autoptr(WflSimulation) sim = node->expansions->len > 0 ? compile (s) : NULL;
  GtkWidget *group, *button;

  group = _wfl_inspector_add_group (self, _("Capacity Expansions"),
                                    node->expansions->len == 0
                                    ? _("None. Add one to raise the capacity from the date it is qualified.")
                                    : _("Each raises the capacity from the week it is qualified."));
  button = _wfl_inspector_header_button (group, "list-add-symbolic", _("Add Capacity Expansion"));
  g_object_set_data_full (G_OBJECT (button), "wfl-target", expansion_target_new (node->id, 0),
                          (GDestroyNotify) expansion_target_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (add_expansion_clicked_cb), self, G_CONNECT_SWAPPED);
  _wfl_inspector_register_widget (self, "expansion.add", button);

  for (guint k = 0; k < node->expansions->len; k++)
    build_expansion (self, group, node, k, sim);
}

/* Equipment suppliers ------------------------------------------------------ */

static void
served_row_activated_cb (WflInspector *self,
                         AdwActionRow *row)
{
  _wfl_inspector_select_node (self, g_object_get_data (G_OBJECT (row), "wfl-node"));
}

typedef struct
{
  WflNode *node;
  guint    k;
  guint    x;
  int      start;
} Served;

static int
compare_served (gconstpointer a,
                gconstpointer b)
{
  const Served *sa = a, *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  return sa->x < sb->x ? -1 : (sa->x > sb->x);
}

void
_wfl_inspector_build_served (WflInspector *self,
                             WflNode      *node)
{
  WflScenario *s = wfl_document_get_scenario (wfl_inspector_get_document (self));
  g_autoptr(GArray) served = g_array_new (FALSE, FALSE, sizeof (Served));
  g_autoptr(WflSimulation) sim = NULL;
  GtkWidget *group;
  guint x = 0;

  for (guint i = 0; i < wfl_scenario_get_n_nodes (s); i++)
    {
      WflNode *other = wfl_scenario_get_node (s, i);

      for (guint k = 0; k < other->expansions->len; k++, x++)
        {
          WflExpansion *expansion = g_ptr_array_index (other->expansions, k);
          Served entry = { other, k, x, 0 };

          if (g_strcmp0 (expansion->supplier, node->id) == 0)
            g_array_append_val (served, entry);
        }
    }
  group = _wfl_inspector_add_group (self, _("Expansions Served"),
                                    served->len == 0
                                    ? _("None yet: name this supplier in a node’s capacity expansion.")
                                    : _("In the order the tools are made: first ordered, first served."));
  if (served->len == 0)
    return;

  sim = compile (s);
  for (guint i = 0; i < served->len; i++)
    {
      Served *e = &g_array_index (served, Served, i);
      WflExpansion *expansion = g_ptr_array_index (e->node->expansions, e->k);
      gint64 days = (gint64) expansion->ordered - (gint64) wfl_scenario_get_start (s);

      /* The week it is ordered in, before the calendar too. */
      e->start = (int) (days >= 0 ? days / 7 : -((-days + 6) / 7));
    }
  g_array_sort (served, compare_served);

  for (guint i = 0; i < served->len; i++)
    {
      const Served *e = &g_array_index (served, Served, i);
      WflExpansion *expansion = g_ptr_array_index (e->node->expansions, e->k);
      g_autofree char *amount = wfl_format_number_locale (expansion->capacity, TRUE);
      g_autofree char *tools = wfl_format_number_locale (expansion->tools, TRUE);
      g_autofree char *ordered = wfl_format_date_locale (expansion->ordered);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *dates = describe_dates (sim, e->x);
      GtkWidget *row = adw_action_row_new ();

      /* Translators: an expansion an equipment supplier makes tools for, "TSMC CoWoS +1,000 wafer a week" */
      title = g_strdup_printf (_("%s +%s %s a week"), wfl_node_get_display_name (e->node), amount,
                               e->node->unit ? e->node->unit : "");
      /* Translators: "Ordered 2 Oct 2023 · 30 tools · Capacity from …" */
      subtitle = g_strdup_printf (_("Ordered %s · %s tools · %s"), ordered, tools, dates);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "wfl-node", g_strdup (e->node->id), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (served_row_activated_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}
