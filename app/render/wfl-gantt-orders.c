/* wfl-gantt-orders.c: the simulated customer orders as a Gantt chart
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-gantt-orders"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-gantt-chart.h"

/* Where material waits between two stages. */
typedef enum
{
  PLACE_UPSTREAM,   /* finished, in the stock of the previous stage */
  PLACE_AT_NODE,    /* arrived at the next stage's input, not yet started */
} Place;

/* What one week of waiting is, from the binding of the next stage. */
typedef struct
{
  WflGanttBarKind  kind;      /* WAIT or QUEUE */
  WflBinding       binding;   /* NONE for weeks outside the calendar */
  const char      *input;     /* the binding input line, or NULL */
} WaitClass;

char *
wfl_gantt_orders_row_id (const char *customer_id,
                         const char *order_id)
{
  return g_strdup_printf ("%s/%s", customer_id, order_id);
}

gboolean
wfl_gantt_orders_row_id_parse (const char  *row_id,
                               char       **customer_id,
                               char       **order_id)
{
  const char *slash;

  if (row_id == NULL || (slash = strchr (row_id, '/')) == NULL ||
      slash == row_id || slash[1] == '\0')
    return FALSE;
  if (customer_id)
    *customer_id = g_strndup (row_id, slash - row_id);
  if (order_id)
    *order_id = g_strdup (slash + 1);
  return TRUE;
}

static WaitClass
classify_week (WflSimulation *sim,
               guint          node,
               int            week)
{
  WaitClass c = { WFL_GANTT_BAR_WAIT, WFL_BINDING_NONE, NULL };

  if (week < 0 || week >= wfl_simulation_get_n_weeks (sim))
    return c;
  c.binding = wfl_simulation_get_binding (sim, node, week, &c.input);
  if (c.binding == WFL_BINDING_CAPACITY)
    c.kind = WFL_GANTT_BAR_QUEUE;
  if (c.binding != WFL_BINDING_INPUT)
    c.input = NULL;
  return c;
}

static gboolean
wait_class_equal (const WaitClass *a,
                  const WaitClass *b)
{
  return a->kind == b->kind && a->binding == b->binding && g_strcmp0 (a->input, b->input) == 0;
}

/* The display name of an input line: its node's name when the line is
 * named by its single link's from-id. */
static const char *
input_display_name (WflSimulation *sim,
                    const char    *input)
{
  int node = wfl_simulation_find_node (sim, input);

  return node >= 0 ? wfl_simulation_get_node_name (sim, node) : input;
}

static char *
wait_note (WflSimulation   *sim,
           Place            place,
           guint            held_at,
           guint            next,
           const WaitClass *c)
{
  const char *held_name = wfl_simulation_get_node_name (sim, held_at);
  const char *next_name = wfl_simulation_get_node_name (sim, next);

  if (c->kind == WFL_GANTT_BAR_QUEUE)
    /* Translators: why an order waited; %s is a stage's name. */
    return g_strdup_printf (_("Queueing for %s capacity"), next_name);

  if (c->binding == WFL_BINDING_INPUT && c->input != NULL)
    {
      const char *input = input_display_name (sim, c->input);

      if (place == PLACE_AT_NODE)
        /* Translators: why an order waited: "Waiting at CoWoS for HBM". */
        return g_strdup_printf (_("Waiting at %s for %s"), next_name, input);
      /* Translators: why an order waited: "Held at Fab while CoWoS waits for HBM". */
      return g_strdup_printf (_("Held at %s while %s waits for %s"), held_name, next_name, input);
    }

  if (place == PLACE_AT_NODE)
    /* Translators: why an order waited; %s is a stage's name. */
    return g_strdup_printf (_("Waiting at %s"), held_name);
  /* Translators: why an order waited; %s is a stage's name. */
  return g_strdup_printf (_("Held in stock at %s"), held_name);
}

static void
add_bar (WflGanttChart   *chart,
         WflGanttRow     *row,
         WflSimulation   *sim,
         guint            stage_node,
         double           start,
         double           end,
         WflGanttBarKind  kind,
         char            *note)
{
  WflGanttBar *bar;

  bar = wfl_gantt_chart_add_bar (chart, row,
                                 wfl_simulation_get_node_id (sim, stage_node),
                                 wfl_simulation_get_node_name (sim, stage_node),
                                 start, end, kind);
  bar->note = note;
}

/* The waiting weeks [from, to) at one place, a bar for each run of weeks
 * with the same reason. */
static void
add_waits (WflGanttChart *chart,
           WflGanttRow   *row,
           WflSimulation *sim,
           Place          place,
           guint          held_at,
           guint          next,
           int            from,
           int            to)
{
  int run_start = from;
  WaitClass run;

  if (to <= from)
    return;

  run = classify_week (sim, next, from);
  for (int w = from + 1; w <= to; w++)
    {
      WaitClass c = { 0 };

      if (w < to)
        c = classify_week (sim, next, w);
      if (w == to || !wait_class_equal (&c, &run))
        {
          add_bar (chart, row, sim, held_at, run_start, w, run.kind,
                   wait_note (sim, place, held_at, next, &run));
          run_start = w;
          run = c;
        }
    }
}

/* The weeks between the previous row (ending prev_end at prev_node) and
 * a stage: held in prev_node's stock until the units were shipped, in
 * transit until they arrived, waiting at the stage until it started. */
static void
add_gap (WflGanttChart  *chart,
         WflGanttRow    *row,
         WflSimulation  *sim,
         guint           prev_node,
         int             prev_end,
         const WflStage *next)
{
  guint at_next = next->node;

  add_waits (chart, row, sim, PLACE_UPSTREAM, prev_node, next->node, prev_end, next->shipped_week);
  if (next->arrived_week > next->shipped_week)
    /* Translators: a shipment between two stages of an order. */
    add_bar (chart, row, sim, prev_node, next->shipped_week, next->arrived_week, WFL_GANTT_BAR_TRANSIT,
             g_strdup_printf (_("In transit from %s to %s"),
                              wfl_simulation_get_node_name (sim, prev_node),
                              wfl_simulation_get_node_name (sim, next->node)));
  /* A customer has no input to wait at: what waits there waits in the
   * sender's stock. */
  if (wfl_simulation_get_node_kind (sim, next->node) == WFL_NODE_KIND_CUSTOMER)
    at_next = prev_node;
  add_waits (chart, row, sim, PLACE_AT_NODE, at_next, next->node, next->arrived_week, next->start_week);
}

/* The node whose share of a scarce supply the order waited for: the one
 * nearest the customer along its timeline that ships to several
 * consumers (Nvidia's allocation), or -1. */
static int
sharing_node (WflSimulation        *sim,
              const WflOrderResult *order)
{
  for (guint i = order->n_stages; i-- > 0;)
    {
      guint node = order->stages[i].node;
      guint outlets = 0;

      if (order->stages[i].kind == WFL_STAGE_KIND_CUSTOMER)
        continue;
      for (guint l = 0; l < wfl_simulation_get_n_links (sim); l++)
        outlets += wfl_simulation_get_link_from (sim, l) == node;
      if (outlets > 1)
        return (int) node;
    }
  return -1;
}

/* The weeks before anything of the order's last units started. */
static void
add_allocation (WflGanttChart        *chart,
                WflGanttRow          *row,
                WflSimulation        *sim,
                const WflOrderResult *order,
                const WflStage       *first)
{
  int sharer = sharing_node (sim, order);
  char *note;

  if (sharer >= 0)
    /* Translators: why an order waited before any work on it started;
     * %s is the node that shares out a scarce supply ("Nvidia allocation"). */
    note = g_strdup_printf (_("Waiting for its turn at %s"), wfl_simulation_get_node_name (sim, sharer));
  else
    note = g_strdup (_("Waiting for its turn: nothing for its last units had started"));
  add_bar (chart, row, sim, sharer >= 0 ? (guint) sharer : first->node,
           first->start_week - first->allocation_weeks, first->start_week, WFL_GANTT_BAR_ALLOCATION, note);
}

/* The units made before the order: a bar for the weeks they still took
 * to complete, or a milestone at the placed week when they were made. */
static void
add_stock (WflGanttChart  *chart,
           WflGanttRow    *row,
           WflSimulation  *sim,
           const WflStage *stock)
{
  const char *name = wfl_simulation_get_node_name (sim, stock->node);
  int before = stock->start_week - stock->made_week;
  char *note;

  if (before > 0)
    /* Translators: units that filled an order came from stock made before
     * it; %s is the stage that made them, %d how many weeks before the
     * order was placed they were made. */
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "From stock made at %s %d week before the order",
                                         "From stock made at %s %d weeks before the order", before),
                            name, before);
  else if (before == 0)
    /* Translators: %s is the stage that made units the order got. */
    note = g_strdup_printf (_("From stock made at %s in the week the order was placed"), name);
  else
    /* Translators: %s is the stage that had started, before the order was
     * placed, the units the order got. */
    note = g_strdup_printf (_("Made at %s, started before the order was placed"), name);
  add_bar (chart, row, sim, stock->node, stock->start_week, stock->end_week, WFL_GANTT_BAR_STOCK, note);
}

/* Colours by position along the chain: a stage's level is one more than
 * its deepest input's (bounded, should the links form a cycle). */
static void
set_stage_levels (WflGanttChart *chart,
                  WflSimulation *sim)
{
  guint n_nodes = wfl_simulation_get_n_nodes (sim);
  guint n_links = wfl_simulation_get_n_links (sim);
  g_autofree int *level = g_new0 (int, MAX (n_nodes, 1));
  gboolean changed = TRUE;

  for (guint pass = 0; changed && pass < n_nodes; pass++)
    {
      changed = FALSE;
      for (guint l = 0; l < n_links; l++)
        {
          guint from = wfl_simulation_get_link_from (sim, l);
          guint to = wfl_simulation_get_link_to (sim, l);

          if (from < n_nodes && to < n_nodes && level[to] < level[from] + 1)
            {
              level[to] = level[from] + 1;
              changed = TRUE;
            }
        }
    }

  for (guint n = 0; n < n_nodes; n++)
    wfl_gantt_chart_set_stage_level (chart, wfl_simulation_get_node_id (sim, n),
                                     wfl_simulation_get_node_kind (sim, n) == WFL_NODE_KIND_CUSTOMER
                                     ? -1 : level[n]);
}

typedef struct
{
  int   placed;
  guint customer;   /* the customer's position in the document */
} RowKey;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const RowKey *keys = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (keys[x].customer != keys[y].customer)
    return keys[x].customer < keys[y].customer ? -1 : 1;
  if (keys[x].placed != keys[y].placed)
    return keys[x].placed < keys[y].placed ? -1 : 1;
  /* Orders are numbered customer by customer in document order. */
  return (x > y) - (x < y);
}

/* The order's label under its customer: the id without the customer's id
 * in front ("openai-2023-01-02" under OpenAI is "2023-01-02"). */
static char *
order_label (const char *customer_id,
             const char *order_id)
{
  gsize n = strlen (customer_id);

  if (g_str_has_prefix (order_id, customer_id) && strchr ("-_./ ", order_id[n]) != NULL &&
      order_id[n] != '\0' && order_id[n + 1] != '\0')
    return g_strdup (order_id + n + 1);
  return g_strdup (order_id);
}

static void
add_order_row (WflGanttChart        *chart,
               WflSimulation        *sim,
               const WflOrderResult *order,
               int                   placed_week)
{
  const char *customer_id = wfl_simulation_get_node_id (sim, order->customer);
  const char *customer = wfl_simulation_get_node_name (sim, order->customer);
  g_autofree char *id = wfl_gantt_orders_row_id (customer_id, order->id);
  g_autofree char *label = order_label (customer_id, order->id);
  WflGanttRow *row = wfl_gantt_chart_add_row (chart, id, label, customer);
  int n_weeks = wfl_simulation_get_n_weeks (sim);
  double cursor = -INFINITY;
  guint prev_node = order->customer;
  int prev_end = placed_week;

  row->quantity = order->quantity;
  row->unit = g_strdup (wfl_simulation_get_node_unit (sim, order->customer));
  if (order->sku >= 0)
    row->product = g_strdup (wfl_simulation_get_sku_name (sim, (guint) order->sku));
  memcpy (row->timeline, order->timeline_weeks, sizeof row->timeline);

  for (guint i = 0; i < order->n_stages; i++)
    {
      const WflStage *stage = &order->stages[i];

      if (stage->kind == WFL_STAGE_KIND_STOCK)
        add_stock (chart, row, sim, stage);
      else if (stage->allocation_weeks > 0)
        add_allocation (chart, row, sim, order, stage);
      else if (i > 0)
        add_gap (chart, row, sim, prev_node, prev_end, stage);
      if (stage->kind == WFL_STAGE_KIND_WORK)
        add_bar (chart, row, sim, stage->node, stage->start_week, stage->end_week,
                 WFL_GANTT_BAR_WORK, NULL);
      prev_node = stage->node;
      prev_end = stage->end_week;
    }

  /* The engine's timelines never go back in time; keep the promise that
   * bars never overlap even if one did. */
  for (guint i = 0; i < row->bars->len; i++)
    {
      WflGanttBar *bar = &g_array_index (row->bars, WflGanttBar, i);

      if (bar->start < cursor)
        bar->start = cursor;
      if (bar->end < bar->start)
        bar->end = bar->start;
      cursor = bar->end;
    }

  wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_PLACED, placed_week);
  if (order->due != WFL_DATE_NONE)
    wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_DUE,
                              order->due_week >= 0 ? order->due_week
                                                   : wfl_week_of_date (chart->start, order->due));
  if (order->filled_week >= 0)
    wfl_gantt_row_add_marker (row, WFL_GANTT_MARKER_FILLED, order->filled_week);

  if (order->filled_week >= 0 && order->due != WFL_DATE_NONE)
    {
      row->lateness = order->lateness_weeks;
      row->late = order->lateness_weeks > 0;
    }
  else if (order->filled_week < 0 && order->due_week >= 0 && order->due_week < n_weeks)
    {
      /* Never filled although due within the calendar: late by at least
       * the rest of the calendar, by how much is unknown. */
      row->late = TRUE;
    }
}

WflGanttChart *
wfl_gantt_chart_new_orders (WflSimulation  *simulation,
                            const char     *customer_id,
                            GError        **error)
{
  g_autoptr(WflGanttChart) chart = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autofree RowKey *keys = NULL;
  guint n_orders;
  int customer = -1;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);

  if (!wfl_simulation_has_run (simulation))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The scenario has not been simulated"));
      return NULL;
    }

  if (customer_id != NULL)
    {
      customer = wfl_simulation_find_node (simulation, customer_id);
      if (customer < 0 || wfl_simulation_get_node_kind (simulation, customer) != WFL_NODE_KIND_CUSTOMER)
        {
          g_set_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_INVALID,
                       _("There is no customer “%s” in the scenario"), customer_id);
          return NULL;
        }
    }

  chart = wfl_gantt_chart_new (WFL_GANTT_MODE_ORDERS, wfl_simulation_get_start (simulation));
  chart->title = g_strdup (_("Orders"));
  set_stage_levels (chart, simulation);

  n_orders = wfl_simulation_get_n_orders (simulation);
  keys = g_new0 (RowKey, MAX (n_orders, 1));
  rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_orders);
  for (guint i = 0; i < n_orders; i++)
    {
      const WflOrderResult *order = wfl_simulation_get_order (simulation, i);

      if (customer >= 0 && order->customer != (guint) customer)
        continue;
      keys[i].placed = order->placed_week >= 0 ? order->placed_week
                                               : wfl_week_of_date (chart->start, order->placed);
      keys[i].customer = order->customer;
      g_array_append_val (rows, i);
    }
  g_array_sort_with_data (rows, compare_rows, keys);

  for (guint r = 0; r < rows->len; r++)
    {
      guint i = g_array_index (rows, guint, r);

      add_order_row (chart, simulation, wfl_simulation_get_order (simulation, i), keys[i].placed);
    }

  return g_steal_pointer (&chart);
}
