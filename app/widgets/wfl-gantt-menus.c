/* wfl-gantt-menus.c: the Gantt view's Rows menu and a Monte Carlo's whiskers
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-gantt-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "wfl-gantt-menus.h"

void
_wfl_gantt_customers_menu_update (GMenu          *menu,
                                  char          **key_inout,
                                  WflGanttChart  *chart)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint r = 0; r < chart->rows->len; r++)
    {
      const char *group = ((WflGanttRow *) g_ptr_array_index (chart->rows, r))->group;

      if (group != NULL && (names->len == 0 || g_strcmp0 (g_ptr_array_index (names, names->len - 1), group) != 0))
        {
          g_ptr_array_add (names, (gpointer) group);
          g_string_append_printf (key, "%s\n", group);
        }
    }
  if (g_strcmp0 (key->str, *key_inout) == 0)
    return;
  g_free (*key_inout);
  *key_inout = g_strdup (key->str);
  g_menu_remove_all (menu);
  g_menu_append (menu, _("All Customers"), "gantt.customer::");
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (g_ptr_array_index (names, i), NULL);

      g_menu_item_set_action_and_target_value (item, "gantt.customer",
                                               g_variant_new_string (g_ptr_array_index (names, i)));
      g_menu_append_item (menu, item);
    }
}

void
_wfl_gantt_group_menu_fill (GMenu    *menu,
                            gboolean  products)
{
  g_menu_remove_all (menu);
  g_menu_append (menu, _("Not Grouped"), "gantt.group-by::none");
  g_menu_append (menu, _("Group by Customer"), "gantt.group-by::customer");
  if (products)
    g_menu_append (menu, _("Group by Product"), "gantt.group-by::product");
  g_menu_append (menu, _("Collapse All Groups"), "gantt.collapse-all");
  g_menu_append (menu, _("Expand All Groups"), "gantt.expand-all");
}

GHashTable *
_wfl_gantt_whiskers_new (WflMonteCarlo *mc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WflGanttChart) chart = NULL;
  GHashTable *whiskers;

  if (mc == NULL)
    return NULL;
  chart = wfl_gantt_chart_new_orders (wfl_monte_carlo_get_simulation (mc), NULL, &error);
  if (chart == NULL)
    {
      g_warning ("The experiment's orders: %s", error->message);
      return NULL;
    }
  if (wfl_gantt_chart_add_whiskers (chart, mc) == 0)
    return NULL;
  whiskers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint r = 0; r < chart->rows->len; r++)
    {
      const WflGanttRow *row = g_ptr_array_index (chart->rows, r);

      if (isfinite (row->whisker[0]))
        g_hash_table_insert (whiskers, g_strdup (row->id), g_memdup2 (row->whisker, sizeof row->whisker));
    }
  return whiskers;
}
