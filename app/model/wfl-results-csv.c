/* wfl-results-csv.c: simulation results as CSV tables
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-results-csv"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-atomic-file.h"
#include "wfl-results-csv.h"

static const char *filenames[] = {
  "nodes.csv", "links.csv", "orders.csv", "stages.csv", "quotas.csv", "grants.csv", "expansions.csv",
  "products.csv",
};
G_STATIC_ASSERT (G_N_ELEMENTS (filenames) == WFL_RESULTS_CSV_N_TABLES);

const char *
wfl_results_csv_get_filename (WflResultsCsv table)
{
  g_return_val_if_fail (table < WFL_RESULTS_CSV_N_TABLES, NULL);
  return filenames[table];
}

/* RFC 4180: a field holding a comma, quote or line break is quoted, with
 * quotes doubled. */
static void
append_field (GString    *out,
              const char *text)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Empty for NAN. */
static void
append_number (GString *out,
               double   value)
{
  g_string_append_c (out, ',');
  if (isnan (value))
    return;
  if (value == 0)
    value = 0;  /* no "-0" */
  wfl_string_append_double (out, value);
}

static void
append_date (GString *out,
             WflDate  date)
{
  g_autofree char *text = NULL;

  g_string_append_c (out, ',');
  if (date == WFL_DATE_NONE)
    return;
  text = wfl_date_format (date);
  g_string_append (out, text);
}

/* The two large tables, millions of rows, are written by hand into room
 * made at the end of the text: one reservation a row instead of a dozen
 * appends.  A CSV field is at most twice its text and two quotes long. */

/* Room for size more bytes at the end of out; returns where they go.
 * The row ends with row_end(). */
static char *
row_begin (GString *out,
           gsize    size)
{
  gsize length = out->len;

  g_string_set_size (out, length + size);
  return out->str + length;
}

static void
row_end (GString *out,
         char    *end)
{
  g_string_truncate (out, end - out->str);
}

static char *
put_text (char       *p,
          const char *text,
          gsize       length)
{
  memcpy (p, text, length);
  return p + length;
}

/* append_field() of prefix and text together (prefix needs no quotes). */
static char *
put_field (char       *p,
           const char *prefix,
           const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    return put_text (put_text (p, prefix, strlen (prefix)), text, strlen (text));
  *p++ = '"';
  p = put_text (p, prefix, strlen (prefix));
  for (; *text; text++)
    {
      if (*text == '"')
        *p++ = '"';
      *p++ = *text;
    }
  *p++ = '"';
  return p;
}

/* append_number() */
static char *
put_number (char   *p,
            double  value)
{
  *p++ = ',';
  if (isnan (value))
    return p;
  if (value == 0)
    value = 0;  /* no "-0" */
  return p + wfl_format_double_buf (value, p);
}

/* The text of the last value of one column of one node: a third of the
 * fractional values of nodes.csv repeat last week's value or the value
 * to their left (capacity and desired), and a shortest text costs about a
 * thousand instructions. */
typedef struct
{
  double value;
  guint8 length;
  char   text[WFL_FORMAT_DOUBLE_SIZE];
} Memo;

/* put_number() through memo. */
static char *
put_number_memo (char   *p,
                 double  value,
                 Memo   *memo,
                 Memo   *left)
{
  if (isnan (value) || value == floor (value))
    return put_number (p, value);
  if (memcmp (&value, &memo->value, sizeof value) != 0)
    {
      memo->value = value;
      if (left != NULL && memcmp (&value, &left->value, sizeof value) == 0)
        {
          memo->length = left->length;
          memcpy (memo->text, left->text, left->length);
        }
      else
        memo->length = wfl_format_double_buf (value, memo->text);
    }
  *p++ = ',';
  return put_text (p, memo->text, memo->length);
}

/* What the rows of the large tables repeat, made once: the node ids as
 * CSV fields, and each link's "FROM,TO". */
typedef struct
{
  WflSimulation *sim;
  GPtrArray     *fields;   /* of char*: node ids, or link pairs */
  gsize         *lengths;
} RowParts;

static void
row_parts_clear (RowParts *parts)
{
  g_clear_pointer (&parts->fields, g_ptr_array_unref);
  g_clear_pointer (&parts->lengths, g_free);
}

static void
row_parts_init_nodes (RowParts      *parts,
                      WflSimulation *sim)
{
  guint N = wfl_simulation_get_n_nodes (sim);
  GString *field = g_string_new (NULL);

  parts->sim = sim;
  parts->fields = g_ptr_array_new_full (N, g_free);
  parts->lengths = g_new (gsize, N);
  for (guint n = 0; n < N; n++)
    {
      g_string_truncate (field, 0);
      append_field (field, wfl_simulation_get_node_id (sim, n));
      parts->lengths[n] = field->len;
      g_ptr_array_add (parts->fields, g_strndup (field->str, field->len));
    }
  g_string_free (field, TRUE);
}

static void
row_parts_init_links (RowParts      *parts,
                      WflSimulation *sim)
{
  guint M = wfl_simulation_get_n_links (sim);
  RowParts nodes;

  row_parts_init_nodes (&nodes, sim);
  parts->sim = sim;
  parts->fields = g_ptr_array_new_full (M, g_free);
  parts->lengths = g_new (gsize, M);
  for (guint l = 0; l < M; l++)
    {
      g_ptr_array_add (parts->fields, g_strconcat (nodes.fields->pdata[wfl_simulation_get_link_from (sim, l)], ",",
                                                   nodes.fields->pdata[wfl_simulation_get_link_to (sim, l)], NULL));
      parts->lengths[l] = strlen (parts->fields->pdata[l]);
    }
  row_parts_clear (&nodes);
}

/* "WEEK,DATE," at the start of each row of week t; returns its length. */
static gsize
week_prefix (WflSimulation *sim,
             int            t,
             char          *buf,
             gsize          size)
{
  g_autofree char *date = wfl_date_format (wfl_simulation_get_week_date (sim, t));

  return g_snprintf (buf, size, "%d,%s,", t, date);
}

/* The rows of nodes.csv of weeks from to to - 1. */
static void
write_node_weeks (const RowParts *parts,
                  int             from,
                  int             to,
                  GString        *out)
{
  WflSimulation *sim = parts->sim;
  guint N = wfl_simulation_get_n_nodes (sim);
  static const WflSeries columns[] = {
    WFL_SERIES_CAPACITY, WFL_SERIES_DESIRED, WFL_SERIES_STARTS, WFL_SERIES_COMPLETED,
    WFL_SERIES_STOCK, WFL_SERIES_WIP, WFL_SERIES_UTILISATION,
  };

  g_autofree Memo *memos = g_new (Memo, (gsize) N * G_N_ELEMENTS (columns));

  for (gsize i = 0; i < (gsize) N * G_N_ELEMENTS (columns); i++)
    memos[i].value = NAN;

  for (int t = from; t < to; t++)
    {
      char prefix[64];
      gsize prefix_length = week_prefix (sim, t, prefix, sizeof prefix);

      for (guint n = 0; n < N; n++)
        {
          Memo *memo = &memos[(gsize) n * G_N_ELEMENTS (columns)];
          const char *input = NULL;
          WflBinding binding = wfl_simulation_get_binding (sim, n, t, &input);
          gsize input_length = binding == WFL_BINDING_INPUT && input != NULL ? strlen (input) : 0;
          char *p = row_begin (out, prefix_length + parts->lengths[n] +
                                    G_N_ELEMENTS (columns) * (1 + WFL_FORMAT_DOUBLE_SIZE) + 2 * input_length + 16);

          p = put_text (p, prefix, prefix_length);
          p = put_text (p, parts->fields->pdata[n], parts->lengths[n]);
          for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
            p = put_number_memo (p, wfl_simulation_get_node_value (sim, n, columns[c], t),
                                 &memo[c], c > 0 ? &memo[c - 1] : NULL);
          *p++ = ',';
          if (binding == WFL_BINDING_DEMAND)
            p = put_text (p, "demand", strlen ("demand"));
          else if (binding == WFL_BINDING_CAPACITY)
            p = put_text (p, "capacity", strlen ("capacity"));
          else if (binding == WFL_BINDING_INPUT)
            p = put_field (p, "input:", input != NULL ? input : "");
          *p++ = '\n';
          row_end (out, p);
        }
    }
}

/* The rows of links.csv of weeks from to to - 1. */
static void
write_link_weeks (const RowParts *parts,
                  int             from,
                  int             to,
                  GString        *out)
{
  WflSimulation *sim = parts->sim;
  guint M = wfl_simulation_get_n_links (sim);

  for (int t = from; t < to; t++)
    {
      char prefix[64];
      gsize prefix_length = week_prefix (sim, t, prefix, sizeof prefix);

      for (guint l = 0; l < M; l++)
        {
          char *p = row_begin (out, prefix_length + parts->lengths[l] + 1 + WFL_FORMAT_DOUBLE_SIZE + 1);

          p = put_text (p, prefix, prefix_length);
          p = put_text (p, parts->fields->pdata[l], parts->lengths[l]);
          p = put_number (p, wfl_simulation_get_link_shipped (sim, l, t));
          *p++ = '\n';
          row_end (out, p);
        }
    }
}

typedef void (*WriteWeeks) (const RowParts *parts,
                            int             from,
                            int             to,
                            GString        *out);

typedef struct
{
  const RowParts *parts;
  WriteWeeks      write;
  int             from, to;
  GString        *out;
} Share;

static gpointer
write_share_thread (gpointer data)
{
  Share *share = data;

  share->write (share->parts, share->from, share->to, share->out);
  return NULL;
}

/* Formatting millions of numbers is most of the time of a large table:
 * the weeks are shared among the processors, each writing its rows into
 * its own text, joined in order. */
static void
write_weeks (const RowParts *parts,
             WriteWeeks      write,
             gsize           rows_per_week,
             GString        *out)
{
  int W = wfl_simulation_get_n_weeks (parts->sim);
  guint n_shares = (gsize) W * rows_per_week < 100000 ? 1 : CLAMP (g_get_num_processors (), 1, 8);
  Share shares[8];
  GThread *threads[8];

  n_shares = MIN (n_shares, (guint) MAX (W, 1));
  for (guint i = 0; i < n_shares; i++)
    {
      shares[i] = (Share) { parts, write, (int) ((gint64) W * i / n_shares), (int) ((gint64) W * (i + 1) / n_shares),
                            i == 0 ? out : g_string_sized_new (((gsize) W * rows_per_week / n_shares + 1) * 64) };
      if (i > 0)
        threads[i] = g_thread_new ("wfl-results-csv", write_share_thread, &shares[i]);
    }
  write_share_thread (&shares[0]);
  for (guint i = 1; i < n_shares; i++)
    {
      g_thread_join (threads[i]);
      g_string_append_len (out, shares[i].out->str, shares[i].out->len);
      g_string_free (shares[i].out, TRUE);
    }
}

static void
write_nodes (WflSimulation *sim,
             GString       *out)
{
  RowParts parts;

  row_parts_init_nodes (&parts, sim);
  g_string_append (out, "week,date,node,capacity,desired,starts,completed,stock,wip,utilisation,binding\n");
  write_weeks (&parts, write_node_weeks, wfl_simulation_get_n_nodes (sim), out);
  row_parts_clear (&parts);
}

static void
write_links (WflSimulation *sim,
             GString       *out)
{
  RowParts parts;

  row_parts_init_links (&parts, sim);
  g_string_append (out, "week,date,from,to,shipped\n");
  write_weeks (&parts, write_link_weeks, wfl_simulation_get_n_links (sim), out);
  row_parts_clear (&parts);
}

static void
write_orders (WflSimulation *sim,
              GString       *out)
{
  g_string_append (out, "customer,order,quantity,placed,due,filled,delivered_by_due,lateness_weeks,"
                        "needed,cancelled\n");
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    {
      const WflOrderResult *r = wfl_simulation_get_order (sim, o);

      append_field (out, wfl_simulation_get_node_id (sim, r->customer));
      g_string_append_c (out, ',');
      append_field (out, r->id);
      append_number (out, r->quantity);
      append_date (out, r->placed);
      append_date (out, r->due);
      append_date (out, r->filled_week >= 0 ? wfl_simulation_get_week_date (sim, r->filled_week) : WFL_DATE_NONE);
      append_number (out, r->delivered_by_due);
      g_string_append_c (out, ',');
      if (r->filled_week >= 0 && r->due_week >= 0)
        g_string_append_printf (out, "%d", r->lateness_weeks);
      /* Version 2: what fills the order (quantity / booked-to-needed)
       * and what of its booking was cancelled by the end. */
      append_number (out, r->needed);
      append_number (out, r->cancelled);
      g_string_append_c (out, '\n');
    }
}

static const char *
stage_kind_name (WflStageKind kind)
{
  switch (kind)
    {
    case WFL_STAGE_KIND_STOCK: return "stock";
    case WFL_STAGE_KIND_CUSTOMER: return "customer";
    case WFL_STAGE_KIND_WORK:
    default: return "stage";
    }
}

/* One row per row of an order's timeline (WflStage): every week from
 * placed to filled is in exactly one of a row's wait_before_weeks
 * (= allocation + wait + transit) or its weeks (end − start). */
static void
write_stages (WflSimulation *sim,
              GString       *out)
{
  g_string_append (out, "customer,order,stage,start,end,wait_before_weeks,"
                        "kind,weeks,allocation_weeks,wait_weeks,transit_weeks,made\n");
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    {
      const WflOrderResult *r = wfl_simulation_get_order (sim, o);

      for (guint k = 0; k < r->n_stages; k++)
        {
          const WflStage *st = &r->stages[k];

          append_field (out, wfl_simulation_get_node_id (sim, r->customer));
          g_string_append_c (out, ',');
          append_field (out, r->id);
          g_string_append_c (out, ',');
          append_field (out, wfl_simulation_get_node_id (sim, st->node));
          append_date (out, wfl_simulation_get_week_date (sim, st->start_week));
          append_date (out, wfl_simulation_get_week_date (sim, st->end_week));
          g_string_append_printf (out, ",%d,%s,%d,%d,%d,%d", st->wait_before_weeks,
                                  stage_kind_name (st->kind), st->end_week - st->start_week,
                                  st->allocation_weeks, st->wait_weeks, st->transit_weeks);
          append_date (out, st->kind == WFL_STAGE_KIND_STOCK ? wfl_simulation_get_week_date (sim, st->made_week)
                                                             : WFL_DATE_NONE);
          g_string_append_c (out, '\n');
        }
    }
}

/* Version 2: quotas and grants -------------------------------------------- */

/* The period of the weeks first … last of a node's quota-period, as
 * "2023-Q3", "2023-07" or the first week's date, then its first and last
 * day. */
static void
append_period (GString       *out,
               WflSimulation *sim,
               guint          node,
               int            first,
               int            last)
{
  WflDate start = wfl_simulation_get_week_date (sim, first);
  int y, m, d;

  wfl_date_to_ymd (start, &y, &m, &d);
  g_string_append_c (out, ',');
  switch (wfl_simulation_get_node_quota_period (sim, node))
    {
    case WFL_PERIOD_QUARTER:
      g_string_append_printf (out, "%04d-Q%d", y, (m - 1) / 3 + 1);
      break;
    case WFL_PERIOD_MONTH:
      g_string_append_printf (out, "%04d-%02d", y, m);
      break;
    case WFL_PERIOD_WEEK:
    default:
      g_string_append_printf (out, "%04d-%02d-%02d", y, m, d);
      break;
    }
  append_date (out, start);
  append_date (out, wfl_simulation_get_week_date (sim, last) + 6);
}

static void
append_link_ends (GString       *out,
                  WflSimulation *sim,
                  guint          link)
{
  append_field (out, wfl_simulation_get_node_id (sim, wfl_simulation_get_link_from (sim, link)));
  g_string_append_c (out, ',');
  append_field (out, wfl_simulation_get_node_id (sim, wfl_simulation_get_link_to (sim, link)));
}

static void
write_quotas (WflSimulation *sim,
              GString       *out)
{
  g_string_append (out, "from,to,period,start,end,quota,granted,given_up,allowed,delivered,beyond_quota\n");
  for (guint i = 0; i < wfl_simulation_get_n_quota_periods (sim); i++)
    {
      WflQuotaPeriod q;
      double allowed, beyond;

      wfl_simulation_get_quota_period (sim, i, &q);
      allowed = q.quota + q.granted - q.given_up;
      beyond = q.delivered - allowed;
      append_link_ends (out, sim, q.link);
      append_period (out, sim, wfl_simulation_get_link_from (sim, q.link), q.first_week, q.last_week);
      append_number (out, q.quota);
      append_number (out, q.granted);
      append_number (out, q.given_up);
      append_number (out, allowed);
      append_number (out, q.delivered);
      /* Rounding noise is not delivery beyond the quota. */
      append_number (out, beyond > 1e-9 * MAX (1.0, allowed) ? beyond : 0);
      g_string_append_c (out, '\n');
    }
}

static void
write_grants (WflSimulation *sim,
              GString       *out)
{
  g_string_append (out, "node,grant,donor,recipient,period,start,end,quantity,moved,source\n");
  for (guint i = 0; i < wfl_simulation_get_n_grant_periods (sim); i++)
    {
      const WflGrantPeriod *g = wfl_simulation_get_grant_period (sim, i);

      append_field (out, wfl_simulation_get_node_id (sim, g->node));
      g_string_append_printf (out, ",%u,", g->grant + 1);
      append_field (out, wfl_simulation_get_node_id (sim, wfl_simulation_get_link_to (sim, g->donor_link)));
      g_string_append_c (out, ',');
      append_field (out, wfl_simulation_get_node_id (sim, wfl_simulation_get_link_to (sim, g->recipient_link)));
      append_period (out, sim, g->node, g->first_week, g->last_week);
      append_number (out, g->quantity);
      append_number (out, g->moved);
      g_string_append_c (out, ',');
      append_field (out, g->source);
      g_string_append_c (out, '\n');
    }
}

static void
write_expansions (WflSimulation *sim,
                  GString       *out)
{
  g_string_append (out, "node,ordered,supplier,tools,tools_started,tools_done,delivered,qualified,capacity\n");
  for (guint x = 0; x < wfl_simulation_get_n_expansions (sim); x++)
    {
      WflExpansionResult r;
      gboolean tools;
      int weeks[4];

      wfl_simulation_get_expansion (sim, x, &r);
      tools = r.supplier >= 0;
      weeks[0] = tools ? r.tools_start_week : WFL_WEEK_NEVER;
      weeks[1] = tools ? r.tools_done_week : WFL_WEEK_NEVER;
      weeks[2] = r.delivered_week;
      weeks[3] = r.qualified_week;
      append_field (out, wfl_simulation_get_node_id (sim, r.node));
      append_date (out, r.ordered);
      g_string_append_c (out, ',');
      if (tools)
        append_field (out, wfl_simulation_get_node_id (sim, r.supplier));
      append_number (out, tools ? r.tools : NAN);
      for (guint i = 0; i < G_N_ELEMENTS (weeks); i++)
        append_date (out, weeks[i] != WFL_WEEK_NEVER ? wfl_simulation_get_week_date (sim, weeks[i]) : WFL_DATE_NONE);
      append_number (out, r.capacity);
      g_string_append_c (out, '\n');
    }
}

/* Per calendar quarter and product (version 2): the units customers
 * received and their compute, and that compute in equivalents of the
 * reference product (empty without one).  Header only without
 * products. */
static void
write_products (WflSimulation *sim,
                GString       *out)
{
  double scale = wfl_simulation_get_compute_scale (sim);
  gboolean equivalents = wfl_simulation_get_reference_sku (sim) >= 0;

  g_string_append (out, "quarter,start,end,product,delivered,compute,equivalents\n");
  for (guint q = 0; q < wfl_simulation_get_n_quarters (sim); q++)
    {
      int first, last, y, m, d;
      WflDate start;

      wfl_simulation_get_quarter_weeks (sim, q, &first, &last);
      start = wfl_simulation_get_week_date (sim, first);
      wfl_date_to_ymd (start, &y, &m, &d);
      for (guint p = 0; p < wfl_simulation_get_n_skus (sim); p++)
        {
          double units = wfl_simulation_get_sku_delivered (sim, p, -1, first, last);
          double c = wfl_simulation_get_sku_compute (sim, p);
          double compute = isfinite (c) ? units * c : NAN;

          g_string_append_printf (out, "%04d-Q%d", y, (m - 1) / 3 + 1);
          append_date (out, start);
          append_date (out, wfl_simulation_get_week_date (sim, last) + 6);
          g_string_append_c (out, ',');
          append_field (out, wfl_simulation_get_sku_id (sim, p));
          append_number (out, units);
          append_number (out, compute);
          append_number (out, equivalents ? compute / scale : NAN);
          g_string_append_c (out, '\n');
        }
    }
}

GBytes *
wfl_results_csv_to_bytes (WflSimulation *simulation,
                          WflResultsCsv  table)
{
  GString *out;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), NULL);
  g_return_val_if_fail (wfl_simulation_has_run (simulation), NULL);
  g_return_val_if_fail (table < WFL_RESULTS_CSV_N_TABLES, NULL);

  out = g_string_new (NULL);
  switch (table)
    {
    case WFL_RESULTS_CSV_NODES:
      write_nodes (simulation, out);
      break;
    case WFL_RESULTS_CSV_LINKS:
      write_links (simulation, out);
      break;
    case WFL_RESULTS_CSV_ORDERS:
      write_orders (simulation, out);
      break;
    case WFL_RESULTS_CSV_QUOTAS:
      write_quotas (simulation, out);
      break;
    case WFL_RESULTS_CSV_GRANTS:
      write_grants (simulation, out);
      break;
    case WFL_RESULTS_CSV_EXPANSIONS:
      write_expansions (simulation, out);
      break;
    case WFL_RESULTS_CSV_PRODUCTS:
      write_products (simulation, out);
      break;
    case WFL_RESULTS_CSV_STAGES:
    case WFL_RESULTS_CSV_N_TABLES:
    default:
      write_stages (simulation, out);
      break;
    }
  return g_string_free_to_bytes (out);
}

gboolean
wfl_results_csv_write (WflSimulation  *simulation,
                       GFile          *dir,
                       GCancellable   *cancellable,
                       GError        **error)
{
  GBytes *contents[WFL_RESULTS_CSV_N_TABLES];
  gboolean ok;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);

  for (int table = 0; table < WFL_RESULTS_CSV_N_TABLES; table++)
    contents[table] = wfl_results_csv_to_bytes (simulation, table);

  /* The tables are one set: a reader never finds new nodes beside
   * old links, however the writing ends. */
  ok = wfl_atomic_file_write_set (dir, WFL_RESULTS_CSV_N_TABLES, filenames, contents, cancellable, error);

  for (int table = 0; table < WFL_RESULTS_CSV_N_TABLES; table++)
    g_bytes_unref (contents[table]);
  return ok;
}
