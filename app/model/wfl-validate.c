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

#include "wfl-model-types.h"
#include "wfl-scenario.h"
#include "wfl-validate-private.h"
#include "wfl-uncertainty-private.h"

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
  GHashTable  *products;   /* id -> WflProduct* (first one) */
  GHashTable  *received;   /* "customer\x1fproduct" of every product a link brings a customer */
  GHashTable  *translated; /* msgid -> its translation (tr()) */
} Checker;

/* _(msgid), looked up once per validation: the descriptions of every
 * node, order and link are made from a handful of formats, and a
 * gettext lookup for each cost more than the rest of making them. */
static const char *
tr (Checker    *c,
    const char *msgid)
{
  const char *text = g_hash_table_lookup (c->translated, msgid);

  if (text == NULL)
    {
      text = _(msgid);
      g_hash_table_insert (c->translated, (gpointer) msgid, (gpointer) text);
    }
  return text;
}

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
  entry.problem->message = wfl_message_cut_quotes (g_strdup_vprintf (format, args));
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

/* g_strdup_printf () for the descriptions of what is checked, made for
 * every node, order and link before it is known whether any problem
 * needs them (285,000 of them for a 10 MB file): their formats and
 * translations hold only %s, %1$s, %2$s and %%, and printf's machinery
 * took over half of validating such a file. */
static char *
describe (const char *format,
          const char *a,
          const char *b)
{
  const char *args[2] = { safe (a), safe (b) };
  gsize lengths[2] = { strlen (args[0]), strlen (args[1]) };
  gsize size = 1;
  char *out = NULL, *o = NULL;

  /* Twice over the format, from one '%' to the next: the length, then
   * the text. */
  for (int pass = 0; pass < 2; pass++)
    {
      const char *p = format;
      int next = 0;

      if (pass == 1)
        o = out = g_malloc (size);
      for (;;)
        {
          const char *percent = strchr (p, '%');
          gsize run = percent != NULL ? (gsize) (percent - p) : strlen (p);
          int arg = -1;

          if (pass == 0)
            size += run;
          else
            o = (char *) memcpy (o, p, run) + run;
          if (percent == NULL)
            break;
          p = percent + 1;
          if (p[0] == 's')
            {
              arg = next == 0 ? 0 : 1;
              next++;
              p++;
            }
          else if ((p[0] == '1' || p[0] == '2') && p[1] == '$' && p[2] == 's')
            {
              arg = p[0] - '1';
              p += 3;
            }
          else if (p[0] == '%')
            p++;
          if (pass == 0)
            size += arg >= 0 ? lengths[arg] : 1;
          else if (arg >= 0)
            o = (char *) memcpy (o, args[arg], lengths[arg]) + lengths[arg];
          else
            *o++ = '%';
        }
    }
  *o = '\0';
  return out;
}

/* value within [min, max]; reports it otherwise. */
static void
check_range (Checker    *c,
             double      value,
             int         line,
             const char *what,
             double      min,
             double      max)
{
  g_autofree char *text = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  if (!isfinite (value))
    {
      add_problem (c, line, _("%s is not a finite number."), what);
      return;
    }
  if (value >= min && value <= max)
    return;

  text = wfl_format_figure (value);
  low = wfl_format_figure (min);
  high = wfl_format_figure (max);
  if (min == 0 && value < 0)
    add_problem (c, line, _("%s is %s; it must not be negative."), what, text);
  else
    add_problem (c, line, _("%s is %s; it must be from %s to %s."), what, text, low, high);
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

/* Checks every point of a schedule: finite, and within [min, max]. */
static void
check_schedule (Checker           *c,
                const WflSchedule *schedule,
                int                fallback_line,
                const char        *what,
                double             min,
                double             max)
{
  guint n = wfl_schedule_get_n_points (schedule);

  for (guint i = 0; i < n; i++)
    {
      const WflPoint *p = wfl_schedule_get_point (schedule, i);
      int line = p->line > 0 ? p->line : fallback_line;

      if (!isfinite (p->value))
        {
          add_problem (c, line, _("%s has a value that is not a finite number."), what);
          continue;
        }
      check_range (c, p->value, line, what, min, max);
      if (i > 0 && p->date != WFL_DATE_NONE)
        {
          const WflPoint *q = wfl_schedule_get_point (schedule, i - 1);

          if (q->date != WFL_DATE_NONE && p->date < q->date)
            add_problem (c, line, _("%s has a point dated before the point that precedes it."), what);
        }
      check_source_ref (c, p->source, line, what);
    }
}

/* A quantity in a node's unit: from 0 to WFL_MAX_QUANTITY. */
static void
check_quantity (Checker    *c,
                double      value,
                int         line,
                const char *what)
{
  check_range (c, value, line, what, 0, WFL_MAX_QUANTITY);
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

/* --- Version-2 vocabulary: demand ------------------------------------ */

static void
check_products (Checker *c)
{
  const char *reference = wfl_scenario_get_reference_product (c->scenario);

  for (guint i = 0; i < wfl_scenario_get_n_products (c->scenario); i++)
    {
      WflProduct *product = wfl_scenario_get_product (c->scenario, i);
      g_autofree char *what = describe (tr (c, N_("Product “%s”")), safe (product->id), NULL);

      if (product->id == NULL || !wfl_id_is_valid (product->id))
        add_problem (c, product->line, _("Product id “%s” is not valid: use only letters, digits, “_”, “.” and “-”."),
                     safe (product->id));
      else if (g_hash_table_contains (c->products, product->id))
        {
          WflProduct *other = g_hash_table_lookup (c->products, product->id);

          if (other->line > 0)
            add_problem (c, product->line, _("Product id “%s” is used twice (first at line %d)."),
                         product->id, other->line);
          else
            add_problem (c, product->line, _("Product id “%s” is used twice."), product->id);
        }
      else
        g_hash_table_insert (c->products, product->id, product);
      if (!isnan (product->compute))
        {
          g_autofree char *compute = describe (tr (c, N_("The compute of product “%s”")), safe (product->id), NULL);

          check_range (c, product->compute, product->line, compute, 0, WFL_MAX_QUANTITY);
        }
      check_source_ref (c, product->source, product->line, what);
    }
  if (reference != NULL && !g_hash_table_contains (c->products, reference))
    add_problem (c, wfl_scenario_get_products_line (c->scenario),
                 _("The reference product “%s” is not one of the scenario’s products."), reference);
}

/* The products the links bring each customer, for check_demand(). */
static void
collect_received (Checker *c)
{
  for (guint i = 0; i < wfl_scenario_get_n_links (c->scenario); i++)
    {
      WflLink *link = wfl_scenario_get_link (c->scenario, i);
      gpointer fi = link->from ? g_hash_table_lookup (c->nodes, link->from) : NULL;
      WflNode *from = fi ? wfl_scenario_get_node (c->scenario, GPOINTER_TO_UINT (fi) - 1) : NULL;

      if (from != NULL && from->product != NULL && link->to != NULL)
        g_hash_table_add (c->received, g_strconcat (safe (link->to), "\x1f", safe (from->product), NULL));
    }
}

/* A product an order or forecast of customer `node` names must exist,
 * and a link must bring it to the customer. */
static void
check_wanted_product (Checker    *c,
                      WflNode    *node,
                      const char *product,
                      int         line,
                      const char *what)
{
  g_autofree char *key = NULL;

  if (product == NULL)
    return;
  if (!g_hash_table_contains (c->products, product))
    {
      add_problem (c, line, _("%s asks for product “%s”, which is not defined."), what, product);
      return;
    }
  key = g_strconcat (safe (node->id), "\x1f", safe (product), NULL);
  if (!g_hash_table_contains (c->received, key))
    add_problem (c, line, _("%s asks for product “%s”, but no link brings it to “%s”."),
                 what, product, safe (node->id));
}

/* A node's product, a customer's order inflation, forecasts, and the
 * products and cancellations of its orders. */
static void
check_demand (Checker *c,
              WflNode *node)
{
  int line = node->line;
  g_autoptr(GHashTable) forecast_products = g_hash_table_new (g_str_hash, g_str_equal);

  if (node->product != NULL)
    {
      if (node->kind == WFL_NODE_KIND_CUSTOMER)
        add_problem (c, line, _("Customer “%s” has a product; a customer receives the products of the links into it."),
                     safe (node->id));
      else if (!g_hash_table_contains (c->products, node->product))
        add_problem (c, line, _("Node “%s” makes product “%s”, which is not defined."),
                     safe (node->id), node->product);
    }

  if (node->booked_to_needed != NULL)
    {
      g_autofree char *what = describe (tr (c, N_("The booked-to-needed ratio of “%s”")), safe (node->id), NULL);

      if (node->kind != WFL_NODE_KIND_CUSTOMER)
        add_problem (c, line, _("Node “%s” has a booked-to-needed ratio but is not a customer."), safe (node->id));
      /* A customer books at least what it needs. */
      check_schedule (c, node->booked_to_needed, line, what, 1, WFL_MAX_PER_UNIT);
    }

  for (guint i = 0; i < node->orders->len; i++)
    {
      WflOrder *order = g_ptr_array_index (node->orders, i);
      int oline = order->line > 0 ? order->line : line;
      g_autofree char *owhat = describe (tr (c, N_("Order “%s” of “%s”")), safe (order->id), safe (node->id));

      check_wanted_product (c, node, order->product, oline, owhat);
      if (order->cancelled != WFL_DATE_NONE && order->placed != WFL_DATE_NONE &&
          order->cancelled < order->placed)
        add_problem (c, oline, _("%s is cancelled before it is placed."), owhat);
    }

  if (node->forecasts->len > 0 && node->kind != WFL_NODE_KIND_CUSTOMER)
    add_problem (c, line, _("Node “%s” has forecasts but is not a customer."), safe (node->id));
  for (guint i = 0; i < node->forecasts->len; i++)
    {
      WflForecast *forecast = g_ptr_array_index (node->forecasts, i);
      int fline = forecast->line > 0 ? forecast->line : line;
      const char *key = forecast->product != NULL ? forecast->product : "";
      g_autofree char *what = forecast->product != NULL
        ? describe (tr (c, N_("The forecast of “%s” for product “%s”")), safe (node->id), forecast->product)
        : describe (tr (c, N_("The forecast of “%s”")), safe (node->id), NULL);
      g_autofree char *horizon = describe (tr (c, N_("The horizon of %s")), what, NULL);

      if (g_hash_table_contains (forecast_products, key))
        add_problem (c, fline, _("%s is given twice."), what);
      else
        g_hash_table_add (forecast_products, (gpointer) key);
      check_wanted_product (c, node, forecast->product, fline, what);
      check_weeks_range (c, forecast->horizon_weeks, fline, horizon);
      if (wfl_schedule_get_n_points (forecast->rate) == 0)
        add_problem (c, fline, _("%s has no points."), what);
      check_schedule (c, forecast->rate, fline, what, 0, WFL_MAX_QUANTITY);
      check_source_ref (c, forecast->source, fline, what);
    }
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

  what = describe (tr (c, N_("Node “%s”")), safe (node->id), NULL);

  if (node->kind != WFL_NODE_KIND_CUSTOMER)
    {
      g_autofree char *lead = describe (tr (c, N_("The lead time of node “%s”")), safe (node->id), NULL);
      g_autofree char *yield = describe (tr (c, N_("The yield of node “%s”")), safe (node->id), NULL);
      g_autofree char *capacity = describe (tr (c, N_("The capacity of node “%s”")), safe (node->id), NULL);
      g_autofree char *rate = describe (tr (c, N_("The initial rate of node “%s”")), safe (node->id), NULL);
      g_autofree char *stock = describe (tr (c, N_("The initial stock of node “%s”")), safe (node->id), NULL);

      check_weeks_range (c, node->lead_weeks, line, lead);
      check_schedule (c, node->yield, line, yield, WFL_MIN_YIELD, 1);
      check_schedule (c, node->capacity, line, capacity, 0, WFL_MAX_QUANTITY);
      check_quantity (c, node->initial_rate, line, rate);
      check_quantity (c, node->initial_stock, line, stock);
    }
  check_source_ref (c, node->source, line, what);

  if (node->orders->len > 0 && node->kind != WFL_NODE_KIND_CUSTOMER)
    add_problem (c, line, _("Node “%s” has orders but is not a customer."), safe (node->id));
  check_demand (c, node);

  for (guint i = 0; i < node->orders->len; i++)
    {
      WflOrder *order = g_ptr_array_index (node->orders, i);
      int oline = order->line > 0 ? order->line : line;
      g_autofree char *owhat = describe (tr (c, N_("Order “%s” of “%s”")), safe (order->id), safe (node->id));
      g_autofree char *qwhat = describe (tr (c, N_("The quantity of order “%s”")), safe (order->id), NULL);

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
      check_quantity (c, order->quantity, oline, qwhat);
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

/* Version 2: allocation and availability ----------------------------------- */

static void
check_link_allocation (Checker       *c,
                       const WflLink *link,
                       int            line)
{
  g_autofree char *weight = describe (tr (c, N_("The weight of link “%s” → “%s”")),
                                      safe (link->from), safe (link->to));
  g_autofree char *quota = describe (tr (c, N_("The quota of link “%s” → “%s”")), safe (link->from), safe (link->to));
  g_autofree char *availability = describe (tr (c, N_("The availability of link “%s” → “%s”")),
                                            safe (link->from), safe (link->to));
  guint n = wfl_schedule_get_n_points (link->availability);

  check_schedule (c, link->weight, line, weight, 0, WFL_MAX_WEIGHT);
  check_schedule (c, link->quota, line, quota, 0, WFL_MAX_QUANTITY);
  check_schedule (c, link->availability, line, availability, 0, 1);
  for (guint i = 0; i < n; i++)
    {
      const WflPoint *p = wfl_schedule_get_point (link->availability, i);
      int pline = p->line > 0 ? p->line : line;

      if (p->date == WFL_DATE_NONE)
        add_problem (c, pline, _("%s has a change without a date."), availability);
      if (p->value > 0 && p->value < 1)
        add_problem (c, pline, _("%s has a change that is neither open (1) nor closed (0)."), availability);
    }
}

/* The outgoing link of node `from` to node `to`: its index, -1 when there
 * is none, -2 when there are several. */
static int
find_out_link (Checker    *c,
               const char *from,
               const char *to)
{
  int found = -1;

  for (guint i = 0; i < wfl_scenario_get_n_links (c->scenario); i++)
    {
      const WflLink *link = wfl_scenario_get_link (c->scenario, i);

      if (g_strcmp0 (link->from, from) == 0 && g_strcmp0 (link->to, to) == 0)
        found = found == -1 ? (int) i : -2;
    }
  return found;
}

static void
check_grant_end (Checker    *c,
                 const char *node_id,
                 const char *role,
                 const char *end,
                 int         line,
                 const char *what)
{
  if (end == NULL || end[0] == '\0')
    /* Translators: %s is "Grant 2 of node “nvidia”", the role "donor" or "recipient" */
    add_problem (c, line, _("%s has no %s."), what, role);
  else
    switch (find_out_link (c, node_id, end))
      {
      case -1:
        /* Translators: "Grant 2 of node “nvidia” names donor “meta”, but …" */
        add_problem (c, line, _("%s names %s “%s”, but node “%s” has no link to “%s”."),
                     what, role, end, node_id, end);
        break;
      case -2:
        add_problem (c, line, _("%s names %s “%s”, but node “%s” has several links to “%s”; a grant cannot tell them apart."),
                     what, role, end, node_id, end);
        break;
      default:
        break;
      }
}

static void
check_grants (Checker *c)
{
  for (guint n = 0; n < wfl_scenario_get_n_nodes (c->scenario); n++)
    {
      const WflNode *node = wfl_scenario_get_node (c->scenario, n);

      for (guint i = 0; i < node->grants->len; i++)
        {
          const WflGrant *grant = g_ptr_array_index (node->grants, i);
          int line = grant->line > 0 ? grant->line : node->line;
          g_autofree char *what = g_strdup_printf (_("Grant %u of node “%s”"), i + 1, safe (node->id));
          g_autofree char *qwhat = g_strdup_printf (_("The quantity of grant %u of node “%s”"),
                                                    i + 1, safe (node->id));

          if (node->kind == WFL_NODE_KIND_CUSTOMER)
            {
              add_problem (c, line, _("%s: a customer has no outgoing links to move quota between."), what);
              continue;
            }
          check_grant_end (c, safe (node->id), _("donor"), grant->donor, line, what);
          check_grant_end (c, safe (node->id), _("recipient"), grant->recipient, line, what);
          if (grant->donor != NULL && g_strcmp0 (grant->donor, grant->recipient) == 0)
            add_problem (c, line, _("%s gives “%s” quota to itself."), what, grant->donor);
          check_quantity (c, grant->quantity, line, qwhat);
          if (grant->from == WFL_DATE_NONE)
            add_problem (c, line, _("%s has no from date."), what);
          else if (grant->to != WFL_DATE_NONE && grant->to < grant->from)
            add_problem (c, line, _("%s ends before it starts."), what);
          check_source_ref (c, grant->source, line, what);
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
      g_autofree char *what = describe (tr (c, N_("Link “%s” → “%s”")), safe (link->from), safe (link->to));
      g_autofree char *pu_what = describe (tr (c, N_("The per-unit quantity of link “%s” → “%s”")),
                                           safe (link->from), safe (link->to));
      g_autofree char *transit = describe (tr (c, N_("The transit time of link “%s” → “%s”")),
                                           safe (link->from), safe (link->to));
      g_autofree char *cover = describe (tr (c, N_("The cover time of link “%s” → “%s”")),
                                         safe (link->from), safe (link->to));
      g_autofree char *mix = describe (tr (c, N_("The mix of link “%s” → “%s”")), safe (link->from), safe (link->to));
      g_autofree char *share = describe (tr (c, N_("The share of link “%s” → “%s”")),
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

      check_range (c, link->per_unit, line, pu_what, WFL_MIN_PER_UNIT, WFL_MAX_PER_UNIT);
      check_weeks_range (c, link->transit_weeks, line, transit);
      check_weeks_range (c, link->cover_weeks, line, cover);
      check_schedule (c, link->mix, line, mix, 0, WFL_MAX_WEIGHT);
      check_range (c, link->share, line, share, 0, WFL_MAX_WEIGHT);
      check_source_ref (c, link->source, line, what);
      check_link_allocation (c, link, line);

      if (from != NULL && to != NULL)
        {
          const char *input = wfl_link_get_input (link);
          g_autofree char *pair_key = g_strconcat (safe (link->from), "\x1f", safe (link->to), "\x1f",
                                                   to->kind == WFL_NODE_KIND_CUSTOMER ? "" : safe (input), NULL);
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
          line_key = g_strconcat (safe (link->to), "\x1f", safe (input), NULL);
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

/* The smallest and largest value of a yield (NULL: 1). */
static void
yield_range (const WflSchedule *yield,
             double            *min,
             double            *max)
{
  guint n = yield != NULL ? wfl_schedule_get_n_points (yield) : 0;

  *min = *max = 1;
  for (guint i = 0; i < n; i++)
    {
      double v = wfl_schedule_get_point (yield, i)->value;

      *min = i == 0 ? v : MIN (*min, v);
      *max = i == 0 ? v : MAX (*max, v);
    }
}

/* What the orders become along the chain, per node: the least and the
 * most of the node's own unit that one order (lo) or a customer's whole
 * order book (hi) can ask of it, over every path down to a customer. */
typedef struct
{
  double lo;
  double hi;
  int    lo_customer;   /* node index */
  int    lo_order;      /* order index in it */
  int    hi_customer;
} Scale;

static void
scale_of_customer (Checker *c,
                   int      n,
                   Scale   *out)
{
  WflNode *node = wfl_scenario_get_node (c->scenario, n);
  double total = 0;

  for (guint i = 0; i < node->orders->len; i++)
    total += ((WflOrder *) g_ptr_array_index (node->orders, i))->quantity;
  out->hi = total;
  out->hi_customer = n;

  for (guint i = 0; i < node->orders->len; i++)
    {
      WflOrder *order = g_ptr_array_index (node->orders, i);

      if (order->quantity > 0 && order->quantity < out->lo)
        {
          out->lo = order->quantity;
          out->lo_customer = n;
          out->lo_order = (int) i;
        }
      if (order->quantity > 0 && order->quantity < WFL_MIN_ORDER_SHARE * total)
        {
          g_autofree char *q = wfl_format_figure (order->quantity);
          g_autofree char *share = wfl_format_figure (WFL_MIN_ORDER_SHARE);
          g_autofree char *all = wfl_format_figure (total);

          add_problem (c, order->line > 0 ? order->line : node->line,
                       _("Order “%s” of “%s” is %s, less than %s times the %s the customer orders in all, "
                         "too small to tell apart from rounding; leave it out or make it larger."),
                       safe (order->id), safe (node->id), q, share, all);
        }
    }
  if (total > WFL_MAX_DERIVED)
    {
      g_autofree char *all = wfl_format_figure (total);
      g_autofree char *max = wfl_format_figure (WFL_MAX_DERIVED);

      add_problem (c, node->line, _("The orders of “%s” add up to %s; the simulation supports quantities up to %s."),
                   safe (node->id), all, max);
    }
}

static void
report_scale (Checker     *c,
              int          n,
              const Scale *scale,
              double       min_yield)
{
  WflNode *node = wfl_scenario_get_node (c->scenario, n);

  if (isfinite (scale->lo) && !(scale->lo >= WFL_MIN_DERIVED))
    {
      WflNode *customer = wfl_scenario_get_node (c->scenario, scale->lo_customer);
      WflOrder *order = g_ptr_array_index (customer->orders, scale->lo_order);
      g_autofree char *lo = wfl_format_figure (scale->lo);
      g_autofree char *min = wfl_format_figure (WFL_MIN_DERIVED);

      add_problem (c, node->line,
                   _("Node “%s” would have to supply as little as %s for order “%s” of “%s”; the simulation "
                     "resolves quantities down to %s. Use larger per-unit quantities on the way, or a larger order."),
                   safe (node->id), lo, safe (order->id), safe (customer->id), min);
    }
  if (!(scale->hi / min_yield <= WFL_MAX_DERIVED))
    {
      WflNode *customer = wfl_scenario_get_node (c->scenario, scale->hi_customer);
      g_autofree char *hi = wfl_format_figure (scale->hi / min_yield);
      g_autofree char *max = wfl_format_figure (WFL_MAX_DERIVED);

      add_problem (c, node->line,
                   _("Node “%s” would have to start as many as %s for the orders of “%s”; the simulation supports "
                     "quantities up to %s. Use smaller per-unit quantities or larger yields on the way, or smaller orders."),
                   safe (node->id), hi, safe (customer->id), max);
    }
}

/* Node indices of the links' ends (every end exists when this runs). */
static int
end_index (Checker    *c,
           const char *id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (c->nodes, id)) - 1;
}

/* Links grouped by one of their ends (CSR): the links at node n are
 * links[first[n]] … links[first[n + 1] - 1], in document order. */
static void
group_links (Checker  *c,
             gboolean  by_from,
             int      *first,
             int      *links)
{
  guint n_nodes = wfl_scenario_get_n_nodes (c->scenario);
  guint n_links = wfl_scenario_get_n_links (c->scenario);
  g_autofree int *fill = NULL;

  memset (first, 0, sizeof (int) * (n_nodes + 1));
  for (guint l = 0; l < n_links; l++)
    {
      WflLink *link = wfl_scenario_get_link (c->scenario, l);

      first[end_index (c, by_from ? link->from : link->to) + 1]++;
    }
  for (guint n = 0; n < n_nodes; n++)
    first[n + 1] += first[n];
  fill = g_memdup2 (first, sizeof (int) * (n_nodes + 1));
  for (guint l = 0; l < n_links; l++)
    {
      WflLink *link = wfl_scenario_get_link (c->scenario, l);

      links[fill[end_index (c, by_from ? link->from : link->to)]++] = (int) l;
    }
}

/* The scale of node n from the scales of the nodes it feeds. */
static void
scale_of_node (Checker      *c,
               const int    *out_first,
               const int    *out_links,
               const double *ymin,
               const double *ymax,
               Scale        *scale,
               int           n)
{
  Scale *s = &scale[n];

  for (int k = out_first[n]; k < out_first[n + 1]; k++)
    {
      WflLink *link = wfl_scenario_get_link (c->scenario, out_links[k]);
      int m = end_index (c, link->to);
      gboolean customer = wfl_scenario_get_node (c->scenario, m)->kind == WFL_NODE_KIND_CUSTOMER;
      /* A customer takes units one for one; a process starts
       * need / yield units, each taking per-unit of this node's. */
      double lo = customer ? scale[m].lo : scale[m].lo / ymax[m] * link->per_unit;
      double hi = customer ? scale[m].hi : scale[m].hi / ymin[m] * link->per_unit;

      if (lo < s->lo)
        {
          s->lo = lo;
          s->lo_customer = scale[m].lo_customer;
          s->lo_order = scale[m].lo_order;
        }
      if (hi > s->hi || isnan (hi))
        {
          s->hi = hi;
          s->hi_customer = scale[m].hi_customer;
        }
    }
}

/* Checks, once every other rule holds (the graph is then acyclic and
 * every link has its ends), that what the orders ask of each node along
 * the chain stays within [WFL_MIN_DERIVED, WFL_MAX_DERIVED]: a per-unit of
 * 1e-3 on each of three links is fine alone, and together make the
 * request of a small order vanish in rounding. */
static void
check_scale (Checker *c)
{
  guint n_nodes = wfl_scenario_get_n_nodes (c->scenario);
  guint n_links = wfl_scenario_get_n_links (c->scenario);
  g_autofree Scale *scale = NULL;
  g_autofree double *ymin = NULL;
  g_autofree double *ymax = NULL;
  g_autofree int *out_first = NULL;
  g_autofree int *out_links = NULL;
  g_autofree int *in_first = NULL;
  g_autofree int *in_links = NULL;
  g_autofree int *pending = NULL;
  g_autofree int *order = NULL;
  guint n_ordered = 0;

  if (c->entries->len > 0 || n_nodes == 0)
    return;

  scale = g_new (Scale, n_nodes);
  ymin = g_new (double, n_nodes);
  ymax = g_new (double, n_nodes);
  out_first = g_new (int, n_nodes + 1);
  in_first = g_new (int, n_nodes + 1);
  out_links = g_new (int, MAX (n_links, 1));
  in_links = g_new (int, MAX (n_links, 1));
  pending = g_new (int, n_nodes);
  order = g_new (int, n_nodes);

  group_links (c, TRUE, out_first, out_links);
  group_links (c, FALSE, in_first, in_links);

  for (guint n = 0; n < n_nodes; n++)
    {
      WflNode *node = wfl_scenario_get_node (c->scenario, n);

      yield_range (node->kind == WFL_NODE_KIND_CUSTOMER ? NULL : node->yield, &ymin[n], &ymax[n]);
      scale[n] = (Scale) { INFINITY, 0, -1, -1, -1 };
      pending[n] = out_first[n + 1] - out_first[n];
      if (pending[n] == 0)
        order[n_ordered++] = (int) n;
    }

  /* Downstream first: a node comes once every node it feeds is done. */
  for (guint k = 0; k < n_ordered; k++)
    {
      int m = order[k];

      for (int i = in_first[m]; i < in_first[m + 1]; i++)
        {
          int from = end_index (c, wfl_scenario_get_link (c->scenario, in_links[i])->from);

          if (--pending[from] == 0)
            order[n_ordered++] = from;
        }
    }

  for (guint k = 0; k < n_ordered; k++)
    {
      int n = order[k];

      if (wfl_scenario_get_node (c->scenario, n)->kind == WFL_NODE_KIND_CUSTOMER)
        scale_of_customer (c, n, &scale[n]);
      else
        {
          scale_of_node (c, out_first, out_links, ymin, ymax, scale, n);
          if (scale[n].hi_customer >= 0)
            report_scale (c, n, &scale[n], ymin[n]);
        }
    }
}

static void
check_calendar (Checker *c)
{
  WflDate start = wfl_scenario_get_start (c->scenario);
  WflDate last = wfl_date_from_ymd (9999, 12, 31);
  int line = wfl_scenario_get_calendar_line (c->scenario);

  if (start == WFL_DATE_NONE)
    add_problem (c, line, _("The calendar has no start date."));
  if (c->weeks < 1 || c->weeks > WFL_MAX_WEEKS)
    add_problem (c, line, _("The calendar has %d weeks; it must have between 1 and %d."), c->weeks, WFL_MAX_WEEKS);
  else if (start != WFL_DATE_NONE && (gint64) start + 7 * (gint64) c->weeks - 1 > (gint64) last)
    {
      g_autofree char *from = wfl_date_format (start);

      add_problem (c, line, _("The calendar of %d weeks from %s ends after 9999-12-31, the last day Waferline supports."),
                   c->weeks, from);
    }
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
  g_autofree char *what = describe (tr (c, N_("An expansion of “%s”")), id, NULL);
  g_autofree char *capacity = describe (tr (c, N_("The capacity of an expansion of “%s”")), id, NULL);
  g_autofree char *tools = describe (tr (c, N_("The tools of an expansion of “%s”")), id, NULL);
  WflNode *supplier;

  if (node->kind == WFL_NODE_KIND_CUSTOMER)
    add_problem (c, line, _("Customer “%s” has an expansion; only supply, process and pool nodes are expanded."), id);
  else if (wfl_schedule_get_n_points (node->capacity) == 0 && node->kind != WFL_NODE_KIND_EQUIPMENT)
    add_problem (c, line, _("Node “%s” has an expansion but no capacity; an expansion adds to a capacity."), id);

  if (expansion->ordered == WFL_DATE_NONE)
    add_problem (c, line, _("%s has no ordered date."), what);
  else if (start != WFL_DATE_NONE && expansion->ordered + 7 * WFL_MAX_WEEKS < start)
    add_problem (c, line, _("%s is ordered more than %d weeks before the calendar starts."), what, WFL_MAX_WEEKS);
  check_quantity (c, expansion->capacity, line, capacity);
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
      check_range (c, expansion->tools, line, tools, WFL_MIN_PER_UNIT, WFL_MAX_QUANTITY);
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
        g_hash_table_add (other_lines, g_strconcat (safe (link->to), "\x1f", safe (wfl_link_get_input (link)), NULL));
      return;
    }

  if (to->kind != WFL_NODE_KIND_PROCESS)
    add_problem (c, line, _("Link “%s” → “%s” gives the capacity of pool “%s” to a %s node; a pool’s capacity goes to processes."),
                 link->from, link->to, from->id, wfl_node_kind_to_string (to->kind));
  if (link->transit_weeks != 0 || link->cover_weeks != 0)
    add_problem (c, line, _("Link “%s” → “%s” from pool “%s” has transit or cover weeks; capacity cannot be shipped or stored."),
                 link->from, link->to, from->id);
  line_key = g_strconcat (safe (link->to), "\x1f", safe (wfl_link_get_input (link)), NULL);
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
      g_autofree char *line_key = g_strconcat (safe (link->to), "\x1f", safe (wfl_link_get_input (link)), NULL);
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
  c.products = g_hash_table_new (g_str_hash, g_str_equal);
  c.received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.translated = g_hash_table_new (NULL, NULL);
  orders = g_hash_table_new (g_str_hash, g_str_equal);

  check_calendar (&c);

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

  check_products (&c);

  n_nodes = wfl_scenario_get_n_nodes (self);
  for (guint i = 0; i < n_nodes; i++)
    {
      WflNode *node = wfl_scenario_get_node (self, i);

      if (node->id != NULL && !g_hash_table_contains (c.nodes, node->id))
        g_hash_table_insert (c.nodes, node->id, GUINT_TO_POINTER (i + 1));
    }
  collect_received (&c);
  for (guint i = 0; i < n_nodes; i++)
    check_node (&c, i, orders);

  check_links (&c);
  check_grants (&c);
  check_capacity (&c);
  check_scale (&c);

  views = wfl_scenario_get_views (self);
  for (guint i = 0; i < views->pins->len; i++)
    {
      WflPin *pin = g_ptr_array_index (views->pins, i);

      if (pin->node == NULL || !g_hash_table_contains (c.nodes, pin->node))
        add_problem (&c, 0, _("The Sankey view pins node “%s”, which does not exist."), safe (pin->node));
    }

  /* Uncertainty and experiments (version 2, wfl-uncertainty.c). */
  {
    g_autoptr(GPtrArray) uncertain = _wfl_uncertainty_validate (self);

    for (guint i = 0; i < uncertain->len; i++)
      {
        const WflProblem *p = g_ptr_array_index (uncertain, i);

        add_problem (&c, p->line, "%s", p->message);
      }
  }

  g_array_sort (c.entries, compare_entries);
  problems = g_ptr_array_new_full (c.entries->len, (GDestroyNotify) wfl_problem_free);
  for (guint i = 0; i < c.entries->len; i++)
    g_ptr_array_add (problems, g_array_index (c.entries, Entry, i).problem);

  g_array_unref (c.entries);
  g_hash_table_unref (c.sources);
  g_hash_table_unref (c.nodes);
  g_hash_table_unref (c.products);
  g_hash_table_unref (c.received);
  g_hash_table_unref (c.translated);
  return problems;
}
