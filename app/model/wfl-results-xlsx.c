/* wfl-results-xlsx.c: simulation results as a spreadsheet workbook
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-results-xlsx"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "wfl-atomic-file.h"
#include "wfl-results-csv.h"
#include "wfl-results-xlsx.h"

/* libxlsxwriter writes into a file of its own (version 1.1.4 has no
 * memory output): the workbook is made in a private temporary folder,
 * then copied to the target through the atomic writer, so that the
 * target is replaced only by a complete workbook.  The worksheets are
 * written in constant-memory mode, a row at a time, so that a table of
 * a million rows costs the memory of one row.
 *
 * libxlsxwriter formats numbers with the C library's "%.16G", which
 * follows LC_NUMERIC: the workbook is written under the C locale of
 * this thread (uselocale()), whatever the user's locale. */

typedef enum
{
  CELL_INT,       /* a whole number: week, weeks */
  CELL_QUANTITY,  /* units */
  CELL_SHARE,     /* a fraction shown as a percentage */
  CELL_DATE,
  CELL_TEXT,
  CELL_SIGNED,    /* a change, with its sign */
  N_CELL_KINDS
} CellKind;

typedef struct
{
  const char *name;
  CellKind    kind;
  double      width;
} Column;

typedef struct
{
  lxw_workbook   *workbook;
  lxw_format     *header;
  lxw_format     *formats[N_CELL_KINDS];
  WflDate         epoch;      /* the day before Excel's day 1, as it counts */
  WflDate         first_day;  /* the first day Excel counts right: 1900-03-01 */
  GCancellable   *cancellable;
  lxw_error       error;      /* the first error */
  gboolean        cancelled;

  /* The sheet being written */
  lxw_worksheet  *sheet;
  const Column   *columns;
  guint           n_columns;
  lxw_row_t       row;
  lxw_col_t       col;
} Book;

static void
check (Book      *book,
       lxw_error  error)
{
  if (error != LXW_NO_ERROR && book->error == LXW_NO_ERROR)
    book->error = error;
}

static void
begin_sheet (Book         *book,
             const char   *name,
             const Column *columns,
             guint         n_columns)
{
  book->sheet = workbook_add_worksheet (book->workbook, name);
  book->columns = columns;
  book->n_columns = n_columns;
  book->row = 0;
  book->col = 0;
  if (book->sheet == NULL)
    {
      check (book, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }
  for (guint c = 0; c < n_columns; c++)
    check (book, worksheet_set_column (book->sheet, c, c, columns[c].width, book->formats[columns[c].kind]));
  for (guint c = 0; c < n_columns; c++)
    check (book, worksheet_write_string (book->sheet, 0, c, columns[c].name, book->header));
  book->row = 1;
}

/* Freezes the header row and the first n_key columns (what a row is
 * about), and puts a filter on the header; after the last row. */
static void
end_sheet (Book  *book,
           guint  n_key)
{
  if (book->sheet == NULL)
    return;
  worksheet_freeze_panes (book->sheet, 1, n_key);
  check (book, worksheet_autofilter (book->sheet, 0, 0, MAX (book->row - 1, 1), book->n_columns - 1));
}

/* The next row; FALSE when writing should stop (an error, cancelled). */
static gboolean
next_row (Book *book)
{
  book->row++;
  book->col = 0;
  if ((book->row & 4095) == 0 && g_cancellable_is_cancelled (book->cancellable))
    book->cancelled = TRUE;
  return book->error == LXW_NO_ERROR && !book->cancelled;
}

static lxw_format *
cell_format (Book *book)
{
  return book->formats[book->columns[book->col].kind];
}

/* An empty cell: nothing is written (an empty CSV field). */
static void
put_blank (Book *book)
{
  book->col++;
}

static void
put_number (Book   *book,
            double  value)
{
  if (isfinite (value))
    check (book, worksheet_write_number (book->sheet, book->row, book->col, value == 0 ? 0 : value,
                                         cell_format (book)));
  book->col++;
}

static void
put_text (Book       *book,
          const char *text)
{
  if (text != NULL && text[0] != '\0')
    check (book, worksheet_write_string (book->sheet, book->row, book->col, text, cell_format (book)));
  book->col++;
}

/* A date as a date (Excel's day number); days before 1900-03-01, which
 * Excel counts wrong, as ISO text. */
static void
put_date (Book    *book,
          WflDate  date)
{
  if (date == WFL_DATE_NONE)
    {
      put_blank (book);
      return;
    }
  if (date < book->first_day)
    {
      g_autofree char *text = wfl_date_format (date);

      put_text (book, text);
      return;
    }
  put_number (book, (double) (date - book->epoch));
}

static const Column node_columns[] = {
  { "week", CELL_INT, 6 }, { "date", CELL_DATE, 11 }, { "node", CELL_TEXT, 16 },
  { "name", CELL_TEXT, 28 }, { "unit", CELL_TEXT, 8 },
  { "capacity", CELL_QUANTITY, 12 }, { "desired", CELL_QUANTITY, 12 }, { "starts", CELL_QUANTITY, 12 },
  { "completed", CELL_QUANTITY, 12 }, { "stock", CELL_QUANTITY, 12 }, { "wip", CELL_QUANTITY, 12 },
  { "utilisation", CELL_SHARE, 10 }, { "binding", CELL_TEXT, 16 },
};

static void
write_nodes (Book          *book,
             WflSimulation *sim)
{
  static const WflSeries series[] = {
    WFL_SERIES_CAPACITY, WFL_SERIES_DESIRED, WFL_SERIES_STARTS, WFL_SERIES_COMPLETED,
    WFL_SERIES_STOCK, WFL_SERIES_WIP, WFL_SERIES_UTILISATION,
  };
  int W = wfl_simulation_get_n_weeks (sim);
  guint N = wfl_simulation_get_n_nodes (sim);

  begin_sheet (book, "nodes", node_columns, G_N_ELEMENTS (node_columns));
  for (int t = 0; t < W && book->error == LXW_NO_ERROR && !book->cancelled; t++)
    {
      WflDate date = wfl_simulation_get_week_date (sim, t);

      for (guint n = 0; n < N; n++)
        {
          const char *input = NULL;
          WflBinding binding = wfl_simulation_get_binding (sim, n, t, &input);
          g_autofree char *input_text = NULL;

          put_number (book, t);
          put_date (book, date);
          put_text (book, wfl_simulation_get_node_id (sim, n));
          put_text (book, wfl_simulation_get_node_name (sim, n));
          put_text (book, wfl_simulation_get_node_unit (sim, n));
          for (guint c = 0; c < G_N_ELEMENTS (series); c++)
            put_number (book, wfl_simulation_get_node_value (sim, n, series[c], t));
          if (binding == WFL_BINDING_DEMAND)
            put_text (book, "demand");
          else if (binding == WFL_BINDING_CAPACITY)
            put_text (book, "capacity");
          else if (binding == WFL_BINDING_INPUT)
            put_text (book, input_text = g_strconcat ("input:", input != NULL ? input : "", NULL));
          else
            put_blank (book);
          if (!next_row (book))
            break;
        }
    }
  end_sheet (book, 3);
}

static const Column link_columns[] = {
  { "week", CELL_INT, 6 }, { "date", CELL_DATE, 11 }, { "from", CELL_TEXT, 16 }, { "to", CELL_TEXT, 16 },
  { "shipped", CELL_QUANTITY, 12 }, { "unit", CELL_TEXT, 8 },
};

static void
write_links (Book          *book,
             WflSimulation *sim)
{
  int W = wfl_simulation_get_n_weeks (sim);
  guint M = wfl_simulation_get_n_links (sim);

  begin_sheet (book, "links", link_columns, G_N_ELEMENTS (link_columns));
  for (int t = 0; t < W && book->error == LXW_NO_ERROR && !book->cancelled; t++)
    {
      WflDate date = wfl_simulation_get_week_date (sim, t);

      for (guint l = 0; l < M; l++)
        {
          guint from = wfl_simulation_get_link_from (sim, l);

          put_number (book, t);
          put_date (book, date);
          put_text (book, wfl_simulation_get_node_id (sim, from));
          put_text (book, wfl_simulation_get_node_id (sim, wfl_simulation_get_link_to (sim, l)));
          put_number (book, wfl_simulation_get_link_shipped (sim, l, t));
          put_text (book, wfl_simulation_get_node_unit (sim, from));
          if (!next_row (book))
            break;
        }
    }
  end_sheet (book, 4);
}

static const Column order_columns[] = {
  { "customer", CELL_TEXT, 16 }, { "order", CELL_TEXT, 16 }, { "quantity", CELL_QUANTITY, 12 },
  { "unit", CELL_TEXT, 8 }, { "placed", CELL_DATE, 11 }, { "due", CELL_DATE, 11 },
  { "filled", CELL_DATE, 11 }, { "delivered_by_due", CELL_QUANTITY, 16 }, { "lateness_weeks", CELL_INT, 14 },
  { "needed", CELL_QUANTITY, 12 }, { "cancelled", CELL_QUANTITY, 12 },
};

static void
write_orders (Book          *book,
              WflSimulation *sim)
{
  begin_sheet (book, "orders", order_columns, G_N_ELEMENTS (order_columns));
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    {
      const WflOrderResult *r = wfl_simulation_get_order (sim, o);

      put_text (book, wfl_simulation_get_node_id (sim, r->customer));
      put_text (book, r->id);
      put_number (book, r->quantity);
      put_text (book, wfl_simulation_get_node_unit (sim, r->customer));
      put_date (book, r->placed);
      put_date (book, r->due);
      put_date (book, r->filled_week >= 0 ? wfl_simulation_get_week_date (sim, r->filled_week) : WFL_DATE_NONE);
      put_number (book, r->delivered_by_due);
      put_number (book, r->filled_week >= 0 && r->due_week >= 0 ? r->lateness_weeks : NAN);
      put_number (book, r->needed);
      put_number (book, r->cancelled);
      if (!next_row (book))
        break;
    }
  end_sheet (book, 2);
}

static const Column stage_columns[] = {
  { "customer", CELL_TEXT, 16 }, { "order", CELL_TEXT, 16 }, { "stage", CELL_TEXT, 16 },
  { "start", CELL_DATE, 11 }, { "end", CELL_DATE, 11 }, { "wait_before_weeks", CELL_INT, 12 },
  { "kind", CELL_TEXT, 9 }, { "weeks", CELL_INT, 7 }, { "allocation_weeks", CELL_INT, 12 },
  { "wait_weeks", CELL_INT, 10 }, { "transit_weeks", CELL_INT, 10 }, { "made", CELL_DATE, 11 },
};

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

static void
write_stages (Book          *book,
              WflSimulation *sim)
{
  begin_sheet (book, "stages", stage_columns, G_N_ELEMENTS (stage_columns));
  for (guint o = 0; o < wfl_simulation_get_n_orders (sim) && book->error == LXW_NO_ERROR && !book->cancelled; o++)
    {
      const WflOrderResult *r = wfl_simulation_get_order (sim, o);

      for (guint k = 0; k < r->n_stages; k++)
        {
          const WflStage *st = &r->stages[k];

          put_text (book, wfl_simulation_get_node_id (sim, r->customer));
          put_text (book, r->id);
          put_text (book, wfl_simulation_get_node_id (sim, st->node));
          put_date (book, wfl_simulation_get_week_date (sim, st->start_week));
          put_date (book, wfl_simulation_get_week_date (sim, st->end_week));
          put_number (book, st->wait_before_weeks);
          put_text (book, stage_kind_name (st->kind));
          put_number (book, st->end_week - st->start_week);
          put_number (book, st->allocation_weeks);
          put_number (book, st->wait_weeks);
          put_number (book, st->transit_weeks);
          put_date (book, st->kind == WFL_STAGE_KIND_STOCK ? wfl_simulation_get_week_date (sim, st->made_week)
                                                           : WFL_DATE_NONE);
          if (!next_row (book))
            break;
        }
    }
  end_sheet (book, 3);
}

static const Column bottleneck_columns[] = {
  { "product", CELL_TEXT, 9 }, { "rank", CELL_INT, 6 }, { "node", CELL_TEXT, 16 }, { "name", CELL_TEXT, 28 },
  { "gain", CELL_QUANTITY, 12 }, { "gain_share", CELL_SHARE, 10 },
  { "lateness_change_weeks", CELL_SIGNED, 12 }, { "from", CELL_DATE, 11 }, { "to", CELL_DATE, 11 },
};

/* The ranking of the window, as --bottlenecks prints it; the window from
 * the first day of its first week to the last day of its last. */
static void
write_bottlenecks (Book          *book,
                   WflSimulation *sim,
                   GArray        *rows,
                   int            from_week,
                   int            to_week)
{
  WflDate from = wfl_simulation_get_week_date (sim, from_week);
  WflDate to = wfl_simulation_get_week_date (sim, to_week) + 6;
  guint rank = 0;

  begin_sheet (book, "bottlenecks", bottleneck_columns, G_N_ELEMENTS (bottleneck_columns));
  for (guint i = 0; i < rows->len; i++)
    {
      const WflBottleneck *row = &g_array_index (rows, WflBottleneck, i);

      rank = i > 0 && g_array_index (rows, WflBottleneck, i - 1).product == row->product ? rank + 1 : 1;
      put_text (book, wfl_simulation_get_product_unit (sim, row->product));
      put_number (book, rank);
      put_text (book, wfl_simulation_get_node_id (sim, row->node));
      put_text (book, wfl_simulation_get_node_name (sim, row->node));
      put_number (book, row->gain);
      put_number (book, row->share);
      put_number (book, row->lateness_change);
      put_date (book, from);
      put_date (book, to);
      if (!next_row (book))
        break;
    }
  end_sheet (book, 3);
}

/* The version-2 tables (quotas, grants, expansions, products) and the
 * comparison's deltas go from their CSV text into a sheet, field by
 * field, typed by column: the sheet then holds exactly what the CSV
 * holds, and a column added to a CSV table shows up in its sheet. */
typedef struct
{
  const char   *name;        /* the sheet */
  const Column *columns;     /* the CSV's columns, in its order */
  guint         n_columns;
  guint         n_key;       /* columns frozen beside the header */
} CsvSheet;

static const Column quota_columns[] = {
  { "from", CELL_TEXT, 16 }, { "to", CELL_TEXT, 16 }, { "period", CELL_TEXT, 10 },
  { "start", CELL_DATE, 11 }, { "end", CELL_DATE, 11 }, { "quota", CELL_QUANTITY, 12 },
  { "granted", CELL_QUANTITY, 12 }, { "given_up", CELL_QUANTITY, 12 }, { "allowed", CELL_QUANTITY, 12 },
  { "delivered", CELL_QUANTITY, 12 }, { "beyond_quota", CELL_QUANTITY, 12 },
};

static const Column grant_columns[] = {
  { "node", CELL_TEXT, 16 }, { "grant", CELL_INT, 6 }, { "donor", CELL_TEXT, 16 },
  { "recipient", CELL_TEXT, 16 }, { "period", CELL_TEXT, 10 }, { "start", CELL_DATE, 11 },
  { "end", CELL_DATE, 11 }, { "quantity", CELL_QUANTITY, 12 }, { "moved", CELL_QUANTITY, 12 },
  { "source", CELL_TEXT, 16 },
};

static const Column expansion_columns[] = {
  { "node", CELL_TEXT, 16 }, { "ordered", CELL_DATE, 11 }, { "supplier", CELL_TEXT, 16 },
  { "tools", CELL_QUANTITY, 10 }, { "tools_started", CELL_DATE, 11 }, { "tools_done", CELL_DATE, 11 },
  { "delivered", CELL_DATE, 11 }, { "qualified", CELL_DATE, 11 }, { "capacity", CELL_QUANTITY, 12 },
};

static const Column product_columns[] = {
  { "quarter", CELL_TEXT, 9 }, { "start", CELL_DATE, 11 }, { "end", CELL_DATE, 11 },
  { "product", CELL_TEXT, 12 }, { "delivered", CELL_QUANTITY, 12 }, { "compute", CELL_QUANTITY, 14 },
  { "equivalents", CELL_QUANTITY, 14 },
};

static const Column delta_columns[] = {
  { "subject", CELL_TEXT, 9 }, { "id", CELL_TEXT, 16 }, { "name", CELL_TEXT, 28 },
  { "product", CELL_TEXT, 9 }, { "measure", CELL_TEXT, 16 }, { "baseline", CELL_QUANTITY, 12 },
  { "variant", CELL_QUANTITY, 12 }, { "difference", CELL_SIGNED, 12 }, { "percent", CELL_SIGNED, 10 },
  { "differs", CELL_INT, 7 },
};

static const CsvSheet csv_sheets[] = {
  { "quotas", quota_columns, G_N_ELEMENTS (quota_columns), 3 },
  { "grants", grant_columns, G_N_ELEMENTS (grant_columns), 2 },
  { "expansions", expansion_columns, G_N_ELEMENTS (expansion_columns), 2 },
  { "products", product_columns, G_N_ELEMENTS (product_columns), 4 },
};

static const WflResultsCsv csv_tables[] = {
  WFL_RESULTS_CSV_QUOTAS, WFL_RESULTS_CSV_GRANTS, WFL_RESULTS_CSV_EXPANSIONS, WFL_RESULTS_CSV_PRODUCTS,
};

static const CsvSheet delta_sheet = { "deltas", delta_columns, G_N_ELEMENTS (delta_columns), 5 };

/* The next field of a CSV line at *p (RFC 4180 quoting, as the tables
 * write text with a comma or a quote); NULL at the line's end. */
static char *
next_field (const char **p,
            const char  *end,
            gboolean    *more)
{
  g_autoptr(GString) field = g_string_new (NULL);
  const char *q = *p;

  if (q < end && *q == '"')
    {
      for (q++; q < end; q++)
        {
          if (*q == '"' && q + 1 < end && q[1] == '"')
            g_string_append_c (field, *q++);
          else if (*q == '"')
            {
              q++;
              break;
            }
          else
            g_string_append_c (field, *q);
        }
    }
  for (; q < end && *q != ',' && *q != '\n' && *q != '\r'; q++)
    g_string_append_c (field, *q);
  *more = q < end && *q == ',';
  if (q < end && *q == ',')
    q++;
  else
    {
      while (q < end && (*q == '\r' || *q == '\n'))
        q++;
    }
  *p = q;
  return g_string_free (g_steal_pointer (&field), FALSE);
}

static void
put_field (Book       *book,
           const char *text)
{
  double value;

  if (text[0] == '\0' || book->col >= book->n_columns)
    {
      put_blank (book);
      return;
    }
  switch (book->columns[book->col].kind)
    {
    case CELL_DATE:
      put_date (book, wfl_date_parse (text));
      break;
    case CELL_TEXT:
      put_text (book, text);
      break;
    case CELL_INT:
    case CELL_QUANTITY:
    case CELL_SHARE:
    case CELL_SIGNED:
    case N_CELL_KINDS:
    default:
      if (wfl_parse_double (text, &value))
        put_number (book, value);
      else
        put_text (book, text);
      break;
    }
}

/* A sheet of the CSV text, its header row skipped (the sheet's is the
 * columns'). */
static void
write_csv_sheet (Book           *book,
                 const CsvSheet *sheet,
                 GBytes         *csv)
{
  gsize length;
  const char *p = g_bytes_get_data (csv, &length);
  const char *end = p + length;
  gboolean header = TRUE;

  begin_sheet (book, sheet->name, sheet->columns, sheet->n_columns);
  while (p < end && book->sheet != NULL)
    {
      gboolean more = TRUE;

      while (more)
        {
          g_autofree char *field = next_field (&p, end, &more);

          if (!header)
            put_field (book, field);
        }
      if (header)
        header = FALSE;
      else if (!next_row (book))
        break;
    }
  end_sheet (book, sheet->n_key);
}

static void
add_formats (Book *book)
{
  static const char *number_formats[N_CELL_KINDS] = {
    [CELL_INT] = "0",
    [CELL_QUANTITY] = "#,##0.00",
    [CELL_SHARE] = "0.0%",
    [CELL_DATE] = "yyyy-mm-dd",
    [CELL_TEXT] = "@",
    [CELL_SIGNED] = "+0.00;-0.00;0.00",
  };

  book->header = workbook_add_format (book->workbook);
  format_set_bold (book->header);
  format_set_bottom (book->header, LXW_BORDER_THIN);
  for (int k = 0; k < N_CELL_KINDS; k++)
    {
      book->formats[k] = workbook_add_format (book->workbook);
      format_set_num_format (book->formats[k], number_formats[k]);
    }
}

static gboolean
rows_fit (WflSimulation  *sim,
          GError        **error)
{
  gsize weeks = wfl_simulation_get_n_weeks (sim);
  gsize rows[] = { weeks * wfl_simulation_get_n_nodes (sim), weeks * wfl_simulation_get_n_links (sim) };
  const char *names[] = { "nodes", "links" };
  gsize stages = 0;

  for (guint o = 0; o < wfl_simulation_get_n_orders (sim); o++)
    stages += wfl_simulation_get_order (sim, o)->n_stages;
  for (guint i = 0; i < G_N_ELEMENTS (rows) + 1; i++)
    {
      gsize n = i < G_N_ELEMENTS (rows) ? rows[i] : stages;

      if (n + 1 > WFL_RESULTS_XLSX_MAX_ROWS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       /* Translators: %s is a sheet's name (nodes, links, stages) */
                       _("The table “%s” has %lu rows, more than a spreadsheet holds "
                         "(%d); write the results as CSV instead"),
                       i < G_N_ELEMENTS (rows) ? names[i] : "stages", (unsigned long) n,
                       WFL_RESULTS_XLSX_MAX_ROWS - 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* Writes the workbook into path; the error of libxlsxwriter, if any. */
static lxw_error
write_workbook (WflSimulation  *sim,
                GArray         *ranking,
                GBytes         *deltas,
                int             from_week,
                int             to_week,
                const char     *path,
                const char     *tmpdir,
                GCancellable   *cancellable,
                gboolean       *cancelled)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = (char *) tmpdir, .use_zip64 = LXW_TRUE };
  lxw_doc_properties properties = { .title = (char *) "Waferline results", .author = (char *) "Waferline" };
  Book book = { 0 };
  lxw_error closed;

  book.workbook = workbook_new_opt (path, &options);
  if (book.workbook == NULL)
    return LXW_ERROR_CREATING_TMPFILE;
  book.cancellable = cancellable;
  book.epoch = wfl_date_from_ymd (1899, 12, 30);
  book.first_day = wfl_date_from_ymd (1900, 3, 1);
  check (&book, workbook_set_properties (book.workbook, &properties));
  add_formats (&book);

  write_nodes (&book, sim);
  if (book.error == LXW_NO_ERROR && !book.cancelled)
    write_links (&book, sim);
  if (book.error == LXW_NO_ERROR && !book.cancelled)
    write_orders (&book, sim);
  if (book.error == LXW_NO_ERROR && !book.cancelled)
    write_stages (&book, sim);
  if (ranking != NULL && book.error == LXW_NO_ERROR && !book.cancelled)
    write_bottlenecks (&book, sim, ranking, from_week, to_week);
  for (guint i = 0; i < G_N_ELEMENTS (csv_sheets) && book.error == LXW_NO_ERROR && !book.cancelled; i++)
    {
      g_autoptr(GBytes) csv = wfl_results_csv_to_bytes (sim, csv_tables[i]);

      write_csv_sheet (&book, &csv_sheets[i], csv);
    }
  if (deltas != NULL && book.error == LXW_NO_ERROR && !book.cancelled)
    write_csv_sheet (&book, &delta_sheet, deltas);

  closed = workbook_close (book.workbook);
  *cancelled = book.cancelled;
  return book.error != LXW_NO_ERROR ? book.error : closed;
}

static void
remove_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

gboolean
wfl_results_xlsx_write (WflSimulation   *simulation,
                        GArray          *ranking,
                        int              from_week,
                        int              to_week,
                        GFile           *file,
                        GCancellable    *cancellable,
                        GError         **error)
{
  return wfl_results_xlsx_write_compared (simulation, ranking, from_week, to_week, NULL, FALSE,
                                          file, cancellable, error);
}

gboolean
wfl_results_xlsx_write_compared (WflSimulation   *simulation,
                                 GArray          *ranking,
                                 int              from_week,
                                 int              to_week,
                                 WflComparison   *comparison,
                                 gboolean         differences_only,
                                 GFile           *file,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  g_autoptr(GBytes) deltas = NULL;

  /* compare.csv's numbers are in the C form whatever the locale. */
  if (comparison != NULL)
    deltas = wfl_comparison_to_csv (comparison, differences_only);
  return wfl_results_xlsx_write_deltas (simulation, ranking, from_week, to_week, deltas, file,
                                        cancellable, error);
}

gboolean
wfl_results_xlsx_write_deltas (WflSimulation   *simulation,
                               GArray          *ranking,
                               int              from_week,
                               int              to_week,
                               GBytes          *deltas,
                               GFile           *file,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  locale_t c_locale, old_locale;
  gboolean cancelled = FALSE;
  lxw_error result;
  gsize size;
  gboolean ok;

  g_return_val_if_fail (WFL_IS_SIMULATION (simulation), FALSE);
  g_return_val_if_fail (wfl_simulation_has_run (simulation), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!rows_fit (simulation, error))
    return FALSE;
  from_week = CLAMP (from_week, 0, wfl_simulation_get_n_weeks (simulation) - 1);
  to_week = CLAMP (to_week, from_week, wfl_simulation_get_n_weeks (simulation) - 1);

  tmpdir = g_dir_make_tmp ("waferline-xlsx-XXXXXX", &local_error);
  if (tmpdir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not make a temporary folder: %s"),
                   local_error->message);
      return FALSE;
    }
  path = g_build_filename (tmpdir, "results.xlsx", NULL);

  c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  old_locale = uselocale (c_locale);
  result = write_workbook (simulation, ranking, deltas, from_week, to_week, path, tmpdir, cancellable, &cancelled);
  uselocale (old_locale);
  freelocale (c_locale);

  if (cancelled)
    ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
  else if (result != LXW_NO_ERROR)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s are the file and the spreadsheet library's reason */
                   _("Could not write “%s”: %s"), name, lxw_strerror (result));
      ok = FALSE;
    }
  else if (!g_file_get_contents (path, &contents, &size, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", local_error->message);
      ok = FALSE;
    }
  else
    ok = wfl_atomic_file_write (file, contents, size, cancellable, error);

  remove_folder (tmpdir);
  return ok;
}
