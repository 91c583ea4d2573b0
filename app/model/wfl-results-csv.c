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
 * The row ends with row_end().  (A text is made again and again in the
 * same GString: it rarely grows.) */
static inline char *
row_begin (GString *out,
           gsize    size)
{
  gsize length = out->len;

  if (G_UNLIKELY (length + size >= out->allocated_len))
    {
      g_string_set_size (out, length + size);
      g_string_truncate (out, length);
    }
  return out->str + length;
}

static inline void
row_end (GString *out,
         char    *end)
{
  out->len = end - out->str;
  *end = '\0';
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

static const WflSeries node_columns[] = {
  WFL_SERIES_CAPACITY, WFL_SERIES_DESIRED, WFL_SERIES_STARTS, WFL_SERIES_COMPLETED,
  WFL_SERIES_STOCK, WFL_SERIES_WIP, WFL_SERIES_UTILISATION,
};

/* What a maker of nodes.csv rows keeps from one week to the next: a
 * Memo per node and column, and per node the last line its input
 * binding named (the same string week after week) with its field. */
typedef struct
{
  Memo        *memos;
  const char **input;         /* per node */
  GString    **input_field;   /* per node: `input:LINE` as a CSV field */
} NodeScratch;

static NodeScratch *
node_scratch_new (WflSimulation *sim)
{
  guint N = wfl_simulation_get_n_nodes (sim);
  gsize n = (gsize) N * G_N_ELEMENTS (node_columns);
  NodeScratch *scratch = g_new0 (NodeScratch, 1);

  scratch->memos = g_new (Memo, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    scratch->memos[i].value = NAN;
  scratch->input = g_new0 (const char *, MAX (N, 1));
  scratch->input_field = g_new0 (GString *, MAX (N, 1));
  return scratch;
}

static void
node_scratch_free (NodeScratch *scratch,
                   guint        n_nodes)
{
  for (guint n = 0; n < n_nodes; n++)
    if (scratch->input_field[n] != NULL)
      g_string_free (scratch->input_field[n], TRUE);
  g_free (scratch->input_field);
  g_free (scratch->input);
  g_free (scratch->memos);
  g_free (scratch);
}

/* The field `input:LINE` of node n. */
static const GString *
input_field (NodeScratch *scratch,
             guint        n,
             const char  *input)
{
  GString *field = scratch->input_field[n];

  if (input == NULL)
    input = "";
  if (field != NULL && scratch->input[n] == input)
    return field;
  if (field == NULL)
    field = scratch->input_field[n] = g_string_sized_new (2 * strlen (input) + 16);
  g_string_set_size (field, 2 * strlen (input) + 8);
  g_string_truncate (field, put_field (field->str, "input:", input) - field->str);
  scratch->input[n] = input;
  return field;
}

/* The rows of nodes.csv of weeks from to to - 1, through scratch (of
 * node_scratch_new(), which any weeks may share). */
static void
write_node_weeks (const RowParts *parts,
                  gpointer        data,
                  int             from,
                  int             to,
                  GString        *out)
{
  WflSimulation *sim = parts->sim;
  guint N = wfl_simulation_get_n_nodes (sim);
  const WflSeries *columns = node_columns;
  NodeScratch *scratch = data;
  Memo *memos = scratch->memos;

  for (int t = from; t < to; t++)
    {
      char prefix[64];
      gsize prefix_length = week_prefix (sim, t, prefix, sizeof prefix);

      for (guint n = 0; n < N; n++)
        {
          Memo *memo = &memos[(gsize) n * G_N_ELEMENTS (node_columns)];
          const char *input = NULL;
          WflBinding binding = wfl_simulation_get_binding (sim, n, t, &input);
          const GString *field = binding == WFL_BINDING_INPUT ? input_field (scratch, n, input) : NULL;
          char *p = row_begin (out, prefix_length + parts->lengths[n] +
                                    G_N_ELEMENTS (node_columns) * (1 + WFL_FORMAT_DOUBLE_SIZE) +
                                    (field != NULL ? field->len : 0) + 16);

          p = put_text (p, prefix, prefix_length);
          p = put_text (p, parts->fields->pdata[n], parts->lengths[n]);
          for (guint c = 0; c < G_N_ELEMENTS (node_columns); c++)
            p = put_number_memo (p, wfl_simulation_get_node_value (sim, n, columns[c], t),
                                 &memo[c], c > 0 ? &memo[c - 1] : NULL);
          *p++ = ',';
          if (binding == WFL_BINDING_DEMAND)
            p = put_text (p, "demand", strlen ("demand"));
          else if (binding == WFL_BINDING_CAPACITY)
            p = put_text (p, "capacity", strlen ("capacity"));
          else if (field != NULL)
            p = put_text (p, field->str, field->len);
          *p++ = '\n';
          row_end (out, p);
        }
    }
}

/* The rows of links.csv of weeks from to to - 1. */
static void
write_link_weeks (const RowParts *parts,
                  gpointer        scratch,
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
                            gpointer        scratch,
                            int             from,
                            int             to,
                            GString        *out);

/* Where the text of a table goes, piece by piece, in order. */
typedef gboolean (*Sink) (gpointer       data,
                          const char    *text,
                          gsize          length,
                          GCancellable  *cancellable,
                          GError       **error);

/* The two large tables, a quarter of a GB for 2,000 nodes and 8,000
 * links over ten years, are made in pieces of a few weeks (about
 * PIECE_ROWS rows) by one thread per processor and given to the sink in
 * order as each is ready: the file is written (and the disk busy) while
 * the later pieces are made, and no more than AHEAD pieces are in memory,
 * each text made again in the GString of one written before. */
#define PIECE_ROWS 2048
#define AHEAD 6

typedef struct
{
  const RowParts *parts;
  WriteWeeks      write;
  gboolean        scratch;        /* the rows want node_scratch_new() */
  int             n_weeks;
  int             weeks_per_piece;
  guint           n_pieces;
  GString       **text;           /* per piece, once made, until given */
  GPtrArray      *spare;          /* of GString: texts given, to reuse */
  guint           next;           /* the next piece to make */
  guint           given;          /* the pieces given to the sink */
  gboolean        stop;           /* the sink failed */
  GMutex          lock;
  GCond           changed;
} Pieces;

static void
make_piece (Pieces   *p,
            guint     c,
            gpointer  scratch,
            GString  *out)
{
  int from = (int) c * p->weeks_per_piece;

  p->write (p->parts, scratch, from, MIN (from + p->weeks_per_piece, p->n_weeks), out);
}

/* g_string_free() as a GDestroyNotify (its second argument TRUE). */
static void
free_string (gpointer string)
{
  g_string_free (string, TRUE);
}

static gpointer
make_pieces_thread (gpointer data)
{
  Pieces *p = data;
  NodeScratch *scratch = p->scratch ? node_scratch_new (p->parts->sim) : NULL;

  g_mutex_lock (&p->lock);
  for (;;)
    {
      GString *out;
      guint c;

      while (!p->stop && p->next < p->n_pieces && p->next >= p->given + AHEAD)
        g_cond_wait (&p->changed, &p->lock);
      if (p->stop || p->next >= p->n_pieces)
        break;
      c = p->next++;
      out = p->spare->len > 0 ? g_ptr_array_steal_index_fast (p->spare, p->spare->len - 1)
                              : g_string_sized_new (PIECE_ROWS * 64);
      g_mutex_unlock (&p->lock);

      make_piece (p, c, scratch, out);

      g_mutex_lock (&p->lock);
      p->text[c] = out;
      g_cond_broadcast (&p->changed);
    }
  g_mutex_unlock (&p->lock);
  if (scratch != NULL)
    node_scratch_free (scratch, wfl_simulation_get_n_nodes (p->parts->sim));
  return NULL;
}

/* Gives the pieces to sink in order as the threads make them. */
static gboolean
give_pieces (Pieces        *p,
             guint          n_threads,
             Sink           sink,
             gpointer       sink_data,
             GCancellable  *cancellable,
             GError       **error)
{
  GThread *threads[8];
  gboolean ok = TRUE;

  g_mutex_init (&p->lock);
  g_cond_init (&p->changed);
  p->text = g_new0 (GString *, p->n_pieces);
  p->spare = g_ptr_array_new_with_free_func (free_string);
  for (guint k = 0; k < n_threads; k++)
    threads[k] = g_thread_new ("wfl-results-csv", make_pieces_thread, p);

  for (guint c = 0; ok && c < p->n_pieces; c++)
    {
      GString *text;

      g_mutex_lock (&p->lock);
      while (p->text[c] == NULL)
        g_cond_wait (&p->changed, &p->lock);
      text = g_steal_pointer (&p->text[c]);
      g_mutex_unlock (&p->lock);

      ok = sink (sink_data, text->str, text->len, cancellable, error);

      g_mutex_lock (&p->lock);
      g_string_truncate (text, 0);
      g_ptr_array_add (p->spare, text);
      p->given = c + 1;
      p->stop = !ok;
      g_cond_broadcast (&p->changed);
      g_mutex_unlock (&p->lock);
    }

  for (guint k = 0; k < n_threads; k++)
    g_thread_join (threads[k]);
  for (guint c = 0; c < p->n_pieces; c++)
    if (p->text[c] != NULL)
      g_string_free (p->text[c], TRUE);
  g_free (p->text);
  g_ptr_array_unref (p->spare);
  g_mutex_clear (&p->lock);
  g_cond_clear (&p->changed);
  return ok;
}

/* The header, then the rows of every week in pieces, to sink. */
static gboolean
write_weeks (const RowParts  *parts,
             const char      *header,
             WriteWeeks       write,
             gboolean         scratch,
             gsize            rows_per_week,
             Sink             sink,
             gpointer         sink_data,
             GCancellable    *cancellable,
             GError         **error)
{
  int W = wfl_simulation_get_n_weeks (parts->sim);
  Pieces p = { parts, write, scratch, W, (int) CLAMP (PIECE_ROWS / MAX (rows_per_week, 1), 1, (gsize) MAX (W, 1)) };
  guint n_threads = (gsize) W * rows_per_week < 100000 ? 1 : CLAMP (g_get_num_processors (), 1, 8);
  gboolean ok;

  if (!sink (sink_data, header, strlen (header), cancellable, error))
    return FALSE;
  p.n_pieces = (guint) ((W + p.weeks_per_piece - 1) / p.weeks_per_piece);

  /* A small table: the pieces here, one after the other. */
  if (n_threads == 1)
    {
      NodeScratch *node_scratch = scratch ? node_scratch_new (parts->sim) : NULL;
      GString *out = g_string_sized_new (PIECE_ROWS * 64);

      ok = TRUE;
      for (guint c = 0; ok && c < p.n_pieces; c++)
        {
          g_string_truncate (out, 0);
          make_piece (&p, c, node_scratch, out);
          ok = sink (sink_data, out->str, out->len, cancellable, error);
        }
      g_string_free (out, TRUE);
      if (node_scratch != NULL)
        node_scratch_free (node_scratch, wfl_simulation_get_n_nodes (parts->sim));
      return ok;
    }
  return give_pieces (&p, n_threads, sink, sink_data, cancellable, error);
}

/* nodes.csv or links.csv to sink. */
static gboolean
write_large_table (WflSimulation  *sim,
                   WflResultsCsv   table,
                   Sink            sink,
                   gpointer        sink_data,
                   GCancellable   *cancellable,
                   GError        **error)
{
  RowParts parts;
  gboolean ok;

  if (table == WFL_RESULTS_CSV_NODES)
    {
      row_parts_init_nodes (&parts, sim);
      ok = write_weeks (&parts, "week,date,node,capacity,desired,starts,completed,stock,wip,utilisation,binding\n",
                        write_node_weeks, TRUE, wfl_simulation_get_n_nodes (sim), sink, sink_data, cancellable, error);
    }
  else
    {
      row_parts_init_links (&parts, sim);
      ok = write_weeks (&parts, "week,date,from,to,shipped\n", write_link_weeks, FALSE,
                        wfl_simulation_get_n_links (sim), sink, sink_data, cancellable, error);
    }
  row_parts_clear (&parts);
  return ok;
}

static gboolean
sink_string (gpointer       data,
             const char    *text,
             gsize          length,
             GCancellable  *cancellable,
             GError       **error)
{
  g_string_append_len (data, text, length);
  return TRUE;
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
    case WFL_RESULTS_CSV_LINKS:
      write_large_table (simulation, table, sink_string, out, NULL, NULL);
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

static gboolean
sink_file (gpointer       data,
           const char    *text,
           gsize          length,
           GCancellable  *cancellable,
           GError       **error)
{
  return wfl_atomic_file_append (data, text, length, cancellable, error);
}

/* Table index of the set into file. */
static gboolean
write_table (WflAtomicFile  *file,
             guint           index,
             gpointer        user_data,
             GCancellable   *cancellable,
             GError        **error)
{
  WflSimulation *simulation = user_data;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  if (index == WFL_RESULTS_CSV_NODES || index == WFL_RESULTS_CSV_LINKS)
    return write_large_table (simulation, index, sink_file, file, cancellable, error);
  bytes = wfl_results_csv_to_bytes (simulation, index);
  data = g_bytes_get_data (bytes, &size);
  return wfl_atomic_file_append (file, data, size, cancellable, error);
}

gboolean
wfl_results_csv_write (WflSimulation  *simulation,
                       GFile          *dir,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);
  g_return_val_if_fail (wfl_simulation_has_run (simulation), FALSE);

  /* The tables are one set: a reader never finds new nodes beside
   * old links, however the writing ends.  The large ones are written
   * as they are made. */
  return wfl_atomic_file_write_set_with (dir, WFL_RESULTS_CSV_N_TABLES, filenames, write_table, simulation,
                                         cancellable, error);
}
