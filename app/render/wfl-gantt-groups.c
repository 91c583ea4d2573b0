/* wfl-gantt-groups.c: the orders Gantt's rows grouped under headers
 *
 * Grouped by customer or by product, an orders chart gets a header row
 * before each group's orders: the group's name, its order count, total
 * quantity and late orders, and the weeks its orders span.  A collapsed
 * group keeps its header only.  The chart stays a list of rows, so that
 * the layout, the painter and hit-testing treat a header as a row.
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-gantt"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-gantt-chart.h"
#include "wfl-quantity.h"

#define GROUP_PREFIX "#group/"

typedef struct
{
  const char *key;
  GPtrArray  *members;   /* of WflGanttRow*, unowned */
} Group;

static void
group_clear (gpointer data)
{
  Group *group = data;

  g_ptr_array_unref (group->members);
}

char *
wfl_gantt_group_row_id (const char *key)
{
  return g_strconcat (GROUP_PREFIX, key != NULL ? key : "", NULL);
}

const char *
wfl_gantt_row_group_key (const WflGanttRow *row)
{
  g_return_val_if_fail (row != NULL, NULL);
  return row->header ? row->label : NULL;
}

gboolean
wfl_gantt_chart_has_products (const WflGanttChart *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  for (guint r = 0; r < self->rows->len; r++)
    if (((const WflGanttRow *) g_ptr_array_index (self->rows, r))->product != NULL)
      return TRUE;
  return FALSE;
}

/* The weeks a row's bars and markers span, widened into span. */
static void
widen_span (const WflGanttRow *row,
            double            *span)
{
  for (guint i = 0; i < row->bars->len; i++)
    {
      const WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, i);

      span[0] = isnan (span[0]) ? bar->start : MIN (span[0], bar->start);
      span[1] = isnan (span[1]) ? bar->end : MAX (span[1], bar->end);
    }
  for (guint i = 0; i < row->markers->len; i++)
    {
      double week = g_array_index (row->markers, WflGanttMarker, i).week;

      span[0] = isnan (span[0]) ? week : MIN (span[0], week);
      span[1] = isnan (span[1]) ? week : MAX (span[1], week);
    }
}

/* "12 orders · 230 000 GPUs · 3 late": the count, the total when the
 * orders share a unit, the late ones when any. */
static char *
summary_text (const WflGanttRow *header,
              gboolean           one_unit)
{
  GString *text = g_string_new (NULL);

  /* Translators: a group of the orders Gantt: how many orders it has */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u order", "%u orders", header->n_members),
                          header->n_members);
  if (one_unit && !isnan (header->quantity))
    {
      g_autofree char *total = wfl_quantity_format (header->quantity, header->unit);

      g_string_append_printf (text, " · %s", total);
    }
  if (header->n_late > 0)
    /* Translators: a group of the orders Gantt: how many of its orders are late */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · %u late", " · %u late", header->n_late),
                            header->n_late);
  return g_string_free (text, FALSE);
}

/* The header row of group (appended to the chart's rows). */
static WflGanttRow *
add_header (WflGanttChart *self,
            const Group   *group,
            gboolean       collapsed)
{
  g_autofree char *id = wfl_gantt_group_row_id (group->key);
  WflGanttRow *header = wfl_gantt_chart_add_row (self, id, group->key, NULL);
  gboolean one_unit = TRUE;

  header->header = TRUE;
  header->collapsed = collapsed;
  header->n_members = group->members->len;
  header->quantity = 0;
  for (guint i = 0; i < group->members->len; i++)
    {
      const WflGanttRow *row = g_ptr_array_index (group->members, i);

      header->n_late += row->late;
      widen_span (row, header->span);
      if (i == 0)
        header->unit = g_strdup (row->unit);
      else if (g_strcmp0 (header->unit, row->unit) != 0)
        one_unit = FALSE;
      header->quantity += isnan (row->quantity) ? 0 : row->quantity;
    }
  header->summary = summary_text (header, one_unit);
  return header;
}

void
wfl_gantt_chart_group_rows (WflGanttChart    *self,
                            WflGanttGrouping  by,
                            GHashTable       *collapsed)
{
  g_autoptr(GArray) groups = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(GPtrArray) order = NULL;

  g_return_if_fail (self != NULL);
  if (by == WFL_GANTT_GROUP_NONE || self->mode != WFL_GANTT_MODE_ORDERS)
    return;

  groups = g_array_new (FALSE, FALSE, sizeof (Group));
  g_array_set_clear_func (groups, group_clear);
  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < self->rows->len; r++)
    {
      WflGanttRow *row = g_ptr_array_index (self->rows, r);
      /* Translators: the group of the orders Gantt, grouped by product,
       * of the orders for any product */
      const char *key = by == WFL_GANTT_GROUP_CUSTOMER ? (row->group != NULL ? row->group : "")
                        : row->product != NULL ? row->product : _("No product");
      gpointer found;

      if (row->header)
        continue;
      if (!g_hash_table_lookup_extended (index, key, NULL, &found))
        {
          Group group = { key, g_ptr_array_new () };

          g_array_append_val (groups, group);
          found = GUINT_TO_POINTER (groups->len - 1);
          g_hash_table_insert (index, (gpointer) key, found);
        }
      g_ptr_array_add (g_array_index (groups, Group, GPOINTER_TO_UINT (found)).members, row);
    }

  /* The rows in their new order, headers first in each group. */
  order = g_ptr_array_new ();
  keep = g_hash_table_new (NULL, NULL);
  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = &g_array_index (groups, Group, g);
      gboolean shut = collapsed != NULL && g_hash_table_contains (collapsed, group->key);
      WflGanttRow *header = add_header (self, group, shut);

      g_ptr_array_add (order, header);
      g_hash_table_add (keep, header);
      for (guint i = 0; !shut && i < group->members->len; i++)
        {
          WflGanttRow *row = g_ptr_array_index (group->members, i);

          g_ptr_array_add (order, row);
          g_hash_table_add (keep, row);
        }
    }
  /* The keys point into the rows: the group names go only now. */
  g_hash_table_remove_all (index);
  g_clear_pointer (&groups, g_array_unref);

  /* Free the rows of collapsed groups, then put the rest in order (the
   * same rows, so the array's free function frees nothing). */
  for (guint r = self->rows->len; r-- > 0;)
    if (!g_hash_table_contains (keep, g_ptr_array_index (self->rows, r)))
      g_ptr_array_remove_index (self->rows, r);
  g_assert (self->rows->len == order->len);
  for (guint r = 0; r < order->len; r++)
    {
      WflGanttRow *row = g_ptr_array_index (order, r);

      self->rows->pdata[r] = row;
      /* Under a product, an order says whose it is. */
      if (!row->header && by == WFL_GANTT_GROUP_PRODUCT && row->group != NULL)
        {
          /* Translators: an order of the orders Gantt grouped by product:
           * "<customer> · <order>" */
          char *label = g_strdup_printf (_("%s · %s"), row->group, row->label);

          g_free (row->label);
          row->label = label;
        }
    }
  /* Orders charts have no dependencies; any would point elsewhere now. */
  g_array_set_size (self->dependencies, 0);
}
