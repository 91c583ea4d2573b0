/* wfl-validate.c: the rules of docs/model.md a scenario must obey
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-validate"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-scenario.h"
#include "wfl-validate-private.h"

/* A problem with the key it sorts by: its line, or (for records without
 * one) the line of the record reported just before it, so that the result
 * stays in document order. */
typedef struct
{
  WflProblem *problem;
  int         key;
  guint       seq;
} Entry;

typedef struct
{
  WflScenario *scenario;
  int          weeks;
  GArray      *entries;    /* of Entry */
  int          last_key;
  GHashTable  *sources;    /* id -> WflSource* (first one) */
  GHashTable  *nodes;      /* id -> index + 1 (first one) */
} Checker;

static void
add_problem (Checker    *c,
             int         line,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (Checker    *c,
             int         line,
             const char *format,
             ...)
{
  Entry entry;
  va_list args;

  entry.problem = g_new0 (WflProblem, 1);
  entry.problem->line = line;
  va_start (args, format);
  entry.problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    c->last_key = line;
  entry.key = line > 0 ? line : c->last_key;
  entry.seq = c->entries->len;
  g_array_append_val (c->entries, entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  if (ea->key != eb->key)
    return ea->key < eb->key ? -1 : 1;
  return ea->seq < eb->seq ? -1 : (ea->seq > eb->seq);
}

static const char *
safe (const char *s)
{
  return s != NULL ? s : "";
}

static void
check_source_ref (Checker    *c,
                  const char *source,
                  int         line,
                  const char *what)
{
  if (source != NULL && g_hash_table_lookup (c->sources, source) == NULL)
    /* Translators: the second %s is a description such as "Node “fab”". */
    add_problem (c, line, _("%s refers to source “%s”, which is not defined."), what, source);
}

/* Checks every point of a schedule: finite, and within [min, max]
 * (min_open: the minimum itself is not allowed). */
static void
check_schedule (Checker           *c,
                const WflSchedule *schedule,
                int                fallback_line,
                const char        *what,
                double             min,
                gboolean           min_open,
                double             max)
{
  guint n = wfl_schedule_get_n_points (schedule);

  for (guint i = 0; i < n; i++)
    {
      const WflPoint *p = wfl_schedule_get_point (schedule, i);
      int line = p->line > 0 ? p->line : fallback_line;
      g_autofree char *value = NULL;

      if (!isfinite (p->value))
        {
          add_problem (c, line, _("%s has a value that is not a finite number."), what);
          continue;
        }
      value = g_strdup_printf ("%g", p->value);
      if (p->value < min || (min_open && p->value == min) || p->value > max)
        {
          if (max < INFINITY)
            add_problem (c, line, _("%s is %s; it must be greater than %g and at most %g."),
                         what, value, min, max);
          else
            add_problem (c, line, _("%s is %s; it must not be negative."), what, value);
        }
      if (i > 0 && p->date != WFL_DATE_NONE)
        {
          const WflPoint *q = wfl_schedule_get_point (schedule, i - 1);

          if (q->date != WFL_DATE_NONE && p->date < q->date)
            add_problem (c, line, _("%s has a point dated before the point that precedes it."), what);
        }
      check_source_ref (c, p->source, line, what);
    }
}

static void
check_nonneg (Checker    *c,
              double      value,
              int         line,
              const char *what)
{
  if (!isfinite (value))
    add_problem (c, line, _("%s is not a finite number."), what);
  else if (value < 0)
    add_problem (c, line, _("%s is %g; it must not be negative."), what, value);
}

static void
check_weeks_range (Checker    *c,
                   int         value,
                   int         line,
                   const char *what)
{
  if (value < 0 || value > c->weeks)
    add_problem (c, line, _("%s is %d; it must be between 0 and the calendar’s %d weeks."),
                 what, value, c->weeks);
}

static void
check_node (Checker *c,
            guint    index,
            GHashTable *orders)
{
  WflNode *node = wfl_scenario_get_node (c->scenario, index);
  g_autofree char *what = NULL;
  int line = node->line;

  if (node->id == NULL || node->id[0] == '\0')
    add_problem (c, line, _("A node has no id."));
  else if (!wfl_id_is_valid (node->id))
    add_problem (c, line, _("Node id “%s” is not valid: use only letters, digits, “_”, “.” and “-”."),
                 node->id);
  else
    {
      gpointer first = g_hash_table_lookup (c->nodes, node->id);

      if (first != NULL && GPOINTER_TO_UINT (first) - 1 != index)
        {
          WflNode *other = wfl_scenario_get_node (c->scenario, GPOINTER_TO_UINT (first) - 1);

          if (other->line > 0)
            add_problem (c, line, _("Node id “%s” is used twice (first at line %d)."), node->id, other->line);
          else
            add_problem (c, line, _("Node id “%s” is used twice."), node->id);
        }
    }

  what = g_strdup_printf (_("Node “%s”"), safe (node->id));

  if (node->kind != WFL_NODE_KIND_CUSTOMER)
    {
      g_autofree char *lead = g_strdup_printf (_("The lead time of node “%s”"), safe (node->id));
      g_autofree char *yield = g_strdup_printf (_("The yield of node “%s”"), safe (node->id));
      g_autofree char *capacity = g_strdup_printf (_("The capacity of node “%s”"), safe (node->id));
      g_autofree char *rate = g_strdup_printf (_("The initial rate of node “%s”"), safe (node->id));
      g_autofree char *stock = g_strdup_printf (_("The initial stock of node “%s”"), safe (node->id));

      check_weeks_range (c, node->lead_weeks, line, lead);
      check_schedule (c, node->yield, line, yield, 0, TRUE, 1);
      check_schedule (c, node->capacity, line, capacity, 0, FALSE, INFINITY);
      check_nonneg (c, node->initial_rate, line, rate);
      check_nonneg (c, node->initial_stock, line, stock);
    }
  check_source_ref (c, node->source, line, what);

  if (node->orders->len > 0 && node->kind != WFL_NODE_KIND_CUSTOMER)
    add_problem (c, line, _("Node “%s” has orders but is not a customer."), safe (node->id));

  for (guint i = 0; i < node->orders->len; i++)
    {
      WflOrder *order = g_ptr_array_index (node->orders, i);
      int oline = order->line > 0 ? order->line : line;
      g_autofree char *owhat = g_strdup_printf (_("Order “%s” of “%s”"), safe (order->id), safe (node->id));
      g_autofree char *qwhat = g_strdup_printf (_("The quantity of order “%s”"), safe (order->id));

      if (order->id == NULL || order->id[0] == '\0')
        add_problem (c, oline, _("An order of “%s” has no id."), safe (node->id));
      else if (!wfl_id_is_valid (order->id))
        add_problem (c, oline, _("Order id “%s” is not valid: use only letters, digits, “_”, “.” and “-”."),
                     order->id);
      else
        {
          WflOrder *other = g_hash_table_lookup (orders, order->id);

          if (other != NULL && other->line > 0)
            add_problem (c, oline, _("Order id “%s” is used twice (first at line %d)."), order->id, other->line);
          else if (other != NULL)
            add_problem (c, oline, _("Order id “%s” is used twice."), order->id);
          else
            g_hash_table_insert (orders, order->id, order);
        }
      check_nonneg (c, order->quantity, oline, qwhat);
      if (order->placed == WFL_DATE_NONE)
        add_problem (c, oline, _("%s has no placed date."), owhat);
      else if (order->due != WFL_DATE_NONE && order->due < order->placed)
        add_problem (c, oline, _("%s is due before it is placed."), owhat);
      check_source_ref (c, order->source, oline, owhat);
    }
}

typedef struct
{
  int from;
  int to;
} Edge;

/* Finds cycles among the edges in time linear in nodes + edges with an
 * iterative depth-first search.  Each node is named in at most one
 * reported cycle. */
static void
check_cycles (Checker *c,
              int      n_nodes,
              GArray  *edges,      /* of Edge, valid endpoints */
              GArray  *edge_lines) /* of int */
{
  g_autofree int *first = g_new (int, n_nodes + 1);
  g_autofree int *adj = g_new (int, MAX (edges->len, 1));
  g_autofree guint8 *color = g_new0 (guint8, n_nodes);  /* 0 new, 1 on stack, 2 done */
  g_autofree gboolean *reported = g_new0 (gboolean, n_nodes);
  g_autofree int *stack = g_new (int, n_nodes);
  g_autofree int *cursor = g_new (int, n_nodes);
  g_autofree int *pos = g_new (int, n_nodes);

  /* Adjacency lists in document order (counting sort by from). */
  memset (first, 0, sizeof (int) * (n_nodes + 1));
  for (guint e = 0; e < edges->len; e++)
    first[g_array_index (edges, Edge, e).from + 1]++;
  for (int v = 0; v < n_nodes; v++)
    first[v + 1] += first[v];
  {
    g_autofree int *fill = g_memdup2 (first, sizeof (int) * n_nodes);

    for (guint e = 0; e < edges->len; e++)
      adj[fill[g_array_index (edges, Edge, e).from]++] = (int) e;
  }

  for (int root = 0; root < n_nodes; root++)
    {
      int depth = 0;

      if (color[root] != 0)
        continue;
      stack[depth] = root;
      cursor[root] = first[root];
      pos[root] = depth;
      color[root] = 1;
      depth++;

      while (depth > 0)
        {
          int u = stack[depth - 1];

          if (cursor[u] < first[u + 1])
            {
              int e = adj[cursor[u]++];
              int v = g_array_index (edges, Edge, e).to;

              if (color[v] == 0)
                {
                  color[v] = 1;
                  cursor[v] = first[v];
                  pos[v] = depth;
                  stack[depth++] = v;
                }
              else if (color[v] == 1 && !reported[v])
                {
                  g_autoptr(GString) path = g_string_new (NULL);
                  gboolean any_reported = FALSE;

                  for (int k = pos[v]; k < depth; k++)
                    any_reported |= reported[stack[k]];
                  if (any_reported)
                    continue;
                  for (int k = pos[v]; k < depth; k++)
                    {
                      g_string_append (path, wfl_scenario_get_node (c->scenario, stack[k])->id);
                      g_string_append (path, " → ");
                      reported[stack[k]] = TRUE;
                    }
                  g_string_append (path, wfl_scenario_get_node (c->scenario, v)->id);
                  add_problem (c, g_array_index (edge_lines, int, e),
                               _("The links form a cycle: %s. A supply chain must not loop back on itself."),
                               path->str);
                }
            }
          else
            {
              color[u] = 2;
              depth--;
            }
        }
    }
}

static void
check_links (Checker *c)
{
  guint n_links = wfl_scenario_get_n_links (c->scenario);
  guint n_nodes = wfl_scenario_get_n_nodes (c->scenario);
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autoptr(GArray) edge_lines = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < n_links; i++)
    {
      WflLink *link = wfl_scenario_get_link (c->scenario, i);
      int line = link->line;
      gpointer fi = link->from ? g_hash_table_lookup (c->nodes, link->from) : NULL;
      gpointer ti = link->to ? g_hash_table_lookup (c->nodes, link->to) : NULL;
      WflNode *from = fi ? wfl_scenario_get_node (c->scenario, GPOINTER_TO_UINT (fi) - 1) : NULL;
      WflNode *to = ti ? wfl_scenario_get_node (c->scenario, GPOINTER_TO_UINT (ti) - 1) : NULL;
      g_autofree char *what = g_strdup_printf (_("Link “%s” → “%s”"), safe (link->from), safe (link->to));
      g_autofree char *pu_what = g_strdup_printf (_("The per-unit quantity of link “%s” → “%s”"),
                                                  safe (link->from), safe (link->to));
      g_autofree char *transit = g_strdup_printf (_("The transit time of link “%s” → “%s”"),
                                                  safe (link->from), safe (link->to));
      g_autofree char *cover = g_strdup_printf (_("The cover time of link “%s” → “%s”"),
                                                safe (link->from), safe (link->to));
      g_autofree char *mix = g_strdup_printf (_("The mix of link “%s” → “%s”"),
                                              safe (link->from), safe (link->to));
      g_autofree char *share = g_strdup_printf (_("The share of link “%s” → “%s”"),
                                                safe (link->from), safe (link->to));

      if (link->from == NULL || link->from[0] == '\0')
        add_problem (c, line, _("A link into “%s” has no from node."), safe (link->to));
      else if (from == NULL)
        add_problem (c, line, _("%s comes from node “%s”, which does not exist."), what, link->from);
      if (link->to == NULL || link->to[0] == '\0')
        add_problem (c, line, _("A link from “%s” has no to node."), safe (link->from));
      else if (to == NULL)
        add_problem (c, line, _("%s goes to node “%s”, which does not exist."), what, link->to);

      if (link->input != NULL && !wfl_id_is_valid (link->input))
        add_problem (c, line, _("The input name “%s” of link “%s” → “%s” is not valid: use only letters, digits, “_”, “.” and “-”."),
                     link->input, safe (link->from), safe (link->to));

      if (to != NULL && to->kind == WFL_NODE_KIND_SUPPLY)
        add_problem (c, line, _("%s goes into supply node “%s”; a supply node has no inputs."), what, to->id);
      if (from != NULL && from->kind == WFL_NODE_KIND_CUSTOMER)
        add_problem (c, line, _("%s comes out of customer “%s”; a customer has no outgoing links."), what, from->id);

      if (!isfinite (link->per_unit))
        add_problem (c, line, _("%s is not a finite number."), pu_what);
      else if (link->per_unit <= 0)
        add_problem (c, line, _("%s is %g; it must be greater than 0."), pu_what, link->per_unit);
      check_weeks_range (c, link->transit_weeks, line, transit);
      check_weeks_range (c, link->cover_weeks, line, cover);
      check_schedule (c, link->mix, line, mix, 0, FALSE, INFINITY);
      check_nonneg (c, link->share, line, share);
      check_source_ref (c, link->source, line, what);

      if (from != NULL && to != NULL)
        {
          const char *input = wfl_link_get_input (link);
          g_autofree char *pair_key = g_strdup_printf ("%s\x1f%s\x1f%s", link->from, link->to,
                                                       to->kind == WFL_NODE_KIND_CUSTOMER ? "" : input);
          char *line_key;
          WflLink *first;
          Edge edge = { GPOINTER_TO_INT (fi) - 1, GPOINTER_TO_INT (ti) - 1 };

          if (g_hash_table_contains (pairs, pair_key))
            {
              if (to->kind == WFL_NODE_KIND_CUSTOMER)
                add_problem (c, line, _("%s is given twice."), what);
              else
                add_problem (c, line, _("%s is given twice for input “%s”."), what, input);
            }
          else
            g_hash_table_add (pairs, g_steal_pointer (&pair_key));

          /* Alternative sources of one bill-of-materials line share one
           * per-unit (customers take units one for one, so theirs is not
           * compared). */
          line_key = g_strdup_printf ("%s\x1f%s", link->to, input);
          first = g_hash_table_lookup (lines, line_key);
          if (first == NULL)
            g_hash_table_insert (lines, line_key, link);
          else
            {
              g_free (line_key);
              if (to->kind != WFL_NODE_KIND_CUSTOMER &&
                  isfinite (link->per_unit) && isfinite (first->per_unit) &&
                  link->per_unit != first->per_unit)
                add_problem (c, line, _("%s has per-unit %g but link “%s” → “%s” of the same input “%s” has %g; alternative sources of one input must have the same per-unit."),
                             what, link->per_unit, first->from, first->to, input, first->per_unit);
            }

          g_array_append_val (edges, edge);
          g_array_append_val (edge_lines, line);
        }
    }

  check_cycles (c, (int) n_nodes, edges, edge_lines);
}

/* Capacity: pools, equipment suppliers and expansions (version 2) ---------- */

static const char *
node_kind_of (Checker    *c,
              const char *id,
              WflNode   **node)
{
  gpointer index = id != NULL ? g_hash_table_lookup (c->nodes, id) : NULL;

  *node = index != NULL ? wfl_scenario_get_node (c->scenario, GPOINTER_TO_UINT (index) - 1) : NULL;
  return *node != NULL ? wfl_node_kind_to_string ((*node)->kind) : NULL;
}

/* What a pool or an equipment supplier may not have. */
static void
check_capacity_node (Checker *c,
                     WflNode *node)
{
  const char *id = safe (node->id);
  int line = node->line;

  if (node->kind == WFL_NODE_KIND_POOL && node->lead_weeks != 0)
    add_problem (c, line, _("Pool “%s” has a lead time; a pool’s capacity is used in the week it is offered."), id);
  if (node->yield != NULL)
    add_problem (c, line, _("Node “%s” has a yield; a pool or an equipment supplier has none."), id);
  if (node->initial_rate != 0 || node->initial_stock != 0)
    add_problem (c, line, _("Node “%s” has an initial rate or stock; a pool or an equipment supplier has neither."), id);
  if (node->kind == WFL_NODE_KIND_EQUIPMENT && node->expansions->len > 0)
    add_problem (c, line, _("Equipment supplier “%s” has expansions; only supply, process and pool nodes are expanded."), id);
}

static void
check_expansion (Checker      *c,
                 WflNode      *node,
                 WflExpansion *expansion)
{
  int line = expansion->line > 0 ? expansion->line : node->line;
  const char *id = safe (node->id);
  WflDate start = wfl_scenario_get_start (c->scenario);
  g_autofree char *what = g_strdup_printf (_("An expansion of “%s”"), id);
  g_autofree char *capacity = g_strdup_printf (_("The capacity of an expansion of “%s”"), id);
  g_autofree char *tools = g_strdup_printf (_("The tools of an expansion of “%s”"), id);
  WflNode *supplier;

  if (node->kind == WFL_NODE_KIND_CUSTOMER)
    add_problem (c, line, _("Customer “%s” has an expansion; only supply, process and pool nodes are expanded."), id);
  else if (wfl_schedule_get_n_points (node->capacity) == 0 && node->kind != WFL_NODE_KIND_EQUIPMENT)
    add_problem (c, line, _("Node “%s” has an expansion but no capacity; an expansion adds to a capacity."), id);

  if (expansion->ordered == WFL_DATE_NONE)
    add_problem (c, line, _("%s has no ordered date."), what);
  else if (start != WFL_DATE_NONE && expansion->ordered + 7 * WFL_MAX_WEEKS < start)
    add_problem (c, line, _("%s is ordered more than %d weeks before the calendar starts."), what, WFL_MAX_WEEKS);
  check_nonneg (c, expansion->capacity, line, capacity);
  if (expansion->lead_weeks < 0 || expansion->lead_weeks > WFL_MAX_WEEKS ||
      expansion->qualification_weeks < 0 || expansion->qualification_weeks > WFL_MAX_WEEKS)
    add_problem (c, line, _("%s has a lead or qualification time outside 0 … %d weeks."), what, WFL_MAX_WEEKS);

  if (expansion->supplier != NULL)
    {
      const char *kind = node_kind_of (c, expansion->supplier, &supplier);

      if (kind == NULL)
        add_problem (c, line, _("%s names supplier “%s”, which does not exist."), what, expansion->supplier);
      else if (supplier->kind != WFL_NODE_KIND_EQUIPMENT)
        add_problem (c, line, _("%s names supplier “%s”, a %s node; a supplier of tools is an equipment node."),
                     what, expansion->supplier, kind);
      if (!isfinite (expansion->tools))
        add_problem (c, line, _("%s is not a finite number."), tools);
      else if (expansion->tools <= 0)
        add_problem (c, line, _("%s is %g; it must be greater than 0."), tools, expansion->tools);
    }
  else if (expansion->tools != 1)
    add_problem (c, line, _("%s gives tools but no supplier to make them."), what);
  check_source_ref (c, expansion->source, line, what);
}

/* A pool gives capacity to processes only, at once, on lines of pools;
 * an equipment supplier has no links. */
static void
check_capacity_link (Checker    *c,
                     WflLink    *link,
                     GHashTable *pool_lines,
                     GHashTable *other_lines)
{
  WflNode *from, *to;
  int line = link->line;
  g_autofree char *line_key = NULL;

  node_kind_of (c, link->from, &from);
  node_kind_of (c, link->to, &to);
  if (from == NULL || to == NULL)
    return;

  if (from->kind == WFL_NODE_KIND_EQUIPMENT || to->kind == WFL_NODE_KIND_EQUIPMENT)
    add_problem (c, line, _("Link “%s” → “%s” joins equipment supplier “%s”; an equipment supplier makes the tools of expansions and has no links."),
                 link->from, link->to, from->kind == WFL_NODE_KIND_EQUIPMENT ? from->id : to->id);
  if (to->kind == WFL_NODE_KIND_POOL)
    add_problem (c, line, _("Link “%s” → “%s” goes into pool “%s”; a pool has no inputs."),
                 link->from, link->to, to->id);
  if (from->kind != WFL_NODE_KIND_POOL || to->kind == WFL_NODE_KIND_EQUIPMENT || to->kind == WFL_NODE_KIND_POOL)
    {
      if (to->kind != WFL_NODE_KIND_CUSTOMER)
        g_hash_table_add (other_lines, g_strdup_printf ("%s\x1f%s", link->to, wfl_link_get_input (link)));
      return;
    }

  if (to->kind != WFL_NODE_KIND_PROCESS)
    add_problem (c, line, _("Link “%s” → “%s” gives the capacity of pool “%s” to a %s node; a pool’s capacity goes to processes."),
                 link->from, link->to, from->id, wfl_node_kind_to_string (to->kind));
  if (link->transit_weeks != 0 || link->cover_weeks != 0)
    add_problem (c, line, _("Link “%s” → “%s” from pool “%s” has transit or cover weeks; capacity cannot be shipped or stored."),
                 link->from, link->to, from->id);
  line_key = g_strdup_printf ("%s\x1f%s", link->to, wfl_link_get_input (link));
  if (!g_hash_table_contains (pool_lines, line_key))
    g_hash_table_insert (pool_lines, g_steal_pointer (&line_key), link);
}

static void
check_capacity (Checker *c)
{
  g_autoptr(GHashTable) pool_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) other_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < wfl_scenario_get_n_nodes (c->scenario); i++)
    {
      WflNode *node = wfl_scenario_get_node (c->scenario, i);

      if (node->kind == WFL_NODE_KIND_POOL || node->kind == WFL_NODE_KIND_EQUIPMENT)
        check_capacity_node (c, node);
      for (guint k = 0; k < node->expansions->len; k++)
        check_expansion (c, node, g_ptr_array_index (node->expansions, k));
    }
  for (guint i = 0; i < wfl_scenario_get_n_links (c->scenario); i++)
    check_capacity_link (c, wfl_scenario_get_link (c->scenario, i), pool_lines, other_lines);

  /* A line that draws on a pool draws only on pools (reported once, at
   * its first pool link). */
  for (guint i = 0; i < wfl_scenario_get_n_links (c->scenario); i++)
    {
      WflLink *link = wfl_scenario_get_link (c->scenario, i);
      g_autofree char *line_key = g_strdup_printf ("%s\x1f%s", safe (link->to), safe (wfl_link_get_input (link)));
      gpointer orig_key;
      WflLink *first;

      if (!g_hash_table_lookup_extended (pool_lines, line_key, &orig_key, (gpointer *) &first) ||
          first != link || !g_hash_table_contains (other_lines, line_key) ||
          g_hash_table_contains (reported, orig_key))
        continue;
      g_hash_table_add (reported, orig_key);
      add_problem (c, link->line, _("Input “%s” of “%s” takes from pool “%s” and from nodes that are not pools; a line drawing on a pool takes capacity from pools only."),
                   wfl_link_get_input (link), link->to, link->from);
    }
}

GPtrArray *
wfl_scenario_validate (WflScenario *self)
{
  GPtrArray *problems;
  Checker c = { 0 };
  g_autoptr(GHashTable) orders = NULL;
  WflViews *views;
  guint n_nodes;

  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);

  c.scenario = self;
  c.weeks = wfl_scenario_get_weeks (self);
  c.entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  c.sources = g_hash_table_new (g_str_hash, g_str_equal);
  c.nodes = g_hash_table_new (g_str_hash, g_str_equal);
  orders = g_hash_table_new (g_str_hash, g_str_equal);

  if (wfl_scenario_get_start (self) == WFL_DATE_NONE)
    add_problem (&c, 0, _("The calendar has no start date."));
  if (c.weeks < 1 || c.weeks > WFL_MAX_WEEKS)
    add_problem (&c, 0, _("The calendar has %d weeks; it must have between 1 and %d."), c.weeks, WFL_MAX_WEEKS);

  for (guint i = 0; i < wfl_scenario_get_n_sources (self); i++)
    {
      WflSource *source = wfl_scenario_get_source (self, i);

      if (source->id == NULL || !wfl_id_is_valid (source->id))
        add_problem (&c, source->line, _("Source id “%s” is not valid: use only letters, digits, “_”, “.” and “-”."),
                     safe (source->id));
      else if (g_hash_table_contains (c.sources, source->id))
        {
          WflSource *other = g_hash_table_lookup (c.sources, source->id);

          if (other->line > 0)
            add_problem (&c, source->line, _("Source id “%s” is used twice (first at line %d)."),
                         source->id, other->line);
          else
            add_problem (&c, source->line, _("Source id “%s” is used twice."), source->id);
        }
      else
        g_hash_table_insert (c.sources, source->id, source);
    }

  n_nodes = wfl_scenario_get_n_nodes (self);
  for (guint i = 0; i < n_nodes; i++)
    {
      WflNode *node = wfl_scenario_get_node (self, i);

      if (node->id != NULL && !g_hash_table_contains (c.nodes, node->id))
        g_hash_table_insert (c.nodes, node->id, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < n_nodes; i++)
    check_node (&c, i, orders);

  check_links (&c);
  check_capacity (&c);

  views = wfl_scenario_get_views (self);
  for (guint i = 0; i < views->pins->len; i++)
    {
      WflPin *pin = g_ptr_array_index (views->pins, i);

      if (pin->node == NULL || !g_hash_table_contains (c.nodes, pin->node))
        add_problem (&c, 0, _("The Sankey view pins node “%s”, which does not exist."), safe (pin->node));
    }

  g_array_sort (c.entries, compare_entries);
  problems = g_ptr_array_new_full (c.entries->len, (GDestroyNotify) wfl_problem_free);
  for (guint i = 0; i < c.entries->len; i++)
    g_ptr_array_add (problems, g_array_index (c.entries, Entry, i).problem);

  g_array_unref (c.entries);
  g_hash_table_unref (c.sources);
  g_hash_table_unref (c.nodes);
  return problems;
}
