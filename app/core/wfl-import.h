/* wfl-import.h: a capacity schedule, a mix or an order book from a spreadsheet
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-document.h"

G_BEGIN_DECLS

/* Bounds on what is read, so that a hostile table is refused in bounded
 * time and memory (docs/architecture.md, "Spreadsheet import"). */
#define WFL_IMPORT_MAX_BYTES   (16 * 1024 * 1024)
#define WFL_IMPORT_MAX_ROWS    100000
#define WFL_IMPORT_MAX_COLUMNS 256
#define WFL_IMPORT_MAX_CELLS   2000000

/* Problems are reported at most this many; the rest are counted. */
#define WFL_IMPORT_MAX_PROBLEMS 200

/* A table of text cells, read from CSV (comma or semicolon) or
 * tab-separated text such as a spreadsheet puts on the clipboard: RFC
 * 4180 quoting, any line end.  Rows are numbered from 1 as a spreadsheet
 * numbers them (a quoted cell with a line break is one row). */
typedef struct _WflImportTable WflImportTable;

/* G_IO_ERROR_INVALID_DATA with "ROW:COLUMN: message" (an unclosed quote,
 * a NUL byte, text that is not UTF-8, too many rows, columns or cells),
 * or G_IO_ERROR_NO_SPACE when the text is larger than
 * WFL_IMPORT_MAX_BYTES. */
WflImportTable *wfl_import_table_parse       (const char            *text,
                                              gsize                  length,
                                              GError               **error) G_GNUC_WARN_UNUSED_RESULT;
/* Reads at most WFL_IMPORT_MAX_BYTES of file (a larger file is refused
 * before it is read), then parses it. */
WflImportTable *wfl_import_table_load        (GFile                 *file,
                                              GCancellable          *cancellable,
                                              GError               **error) G_GNUC_WARN_UNUSED_RESULT;
void            wfl_import_table_free        (WflImportTable        *self);
guint           wfl_import_table_get_n_rows  (const WflImportTable  *self);
guint           wfl_import_table_get_n_columns (const WflImportTable *self);
/* The cell's text; "" beyond a row's end.  row and column from 0. */
const char     *wfl_import_table_get_cell    (const WflImportTable  *self,
                                              guint                  row,
                                              guint                  column);
/* The row's number in the text, from 1 (rows of empty cells only are
 * skipped but counted). */
guint           wfl_import_table_get_row_number (const WflImportTable *self,
                                                 guint                 row);
/* '\t', ',' or ';' */
char            wfl_import_table_get_separator (const WflImportTable *self);
/* "A", "B", … "Z", "AA": a column as a spreadsheet names it. */
char           *wfl_import_column_name       (guint                  column) G_GNUC_WARN_UNUSED_RESULT;

typedef enum
{
  WFL_IMPORT_CAPACITY,   /* a node's capacity schedule */
  WFL_IMPORT_MIX,        /* a link's mix schedule */
  WFL_IMPORT_ORDERS,     /* a customer's order book */
} WflImportKind;

typedef enum
{
  WFL_IMPORT_FIELD_DATE,         /* schedules */
  WFL_IMPORT_FIELD_VALUE,        /* schedules */
  WFL_IMPORT_FIELD_INTERPOLATE,  /* schedules, optional: step or linear */
  WFL_IMPORT_FIELD_ID,           /* orders, optional (made up when empty) */
  WFL_IMPORT_FIELD_QUANTITY,     /* orders */
  WFL_IMPORT_FIELD_PLACED,       /* orders */
  WFL_IMPORT_FIELD_DUE,          /* orders, optional */
  WFL_IMPORT_FIELD_PRIORITY,     /* orders, optional */
  WFL_IMPORT_FIELD_SOURCE,       /* optional: a source id of the scenario */
  WFL_IMPORT_FIELD_CONFIDENCE,   /* optional: high, medium or low */
  WFL_IMPORT_N_FIELDS,
} WflImportField;

/* Which column holds each field (-1: none), and whether the first row
 * is a header that is not imported. */
typedef struct
{
  WflImportKind kind;
  gboolean      header;
  int           columns[WFL_IMPORT_N_FIELDS];
} WflImportMapping;

gboolean    wfl_import_field_applies   (WflImportKind     kind,
                                        WflImportField    field);
gboolean    wfl_import_field_required  (WflImportKind     kind,
                                        WflImportField    field);
/* The field's name for the user (translated). */
const char *wfl_import_field_get_title (WflImportField    field);
/* A header row when the first row names fields (date, capacity,
 * quantity, placed…, in English or the user's language) or holds no
 * number and no date; columns matched by those names, else by position. */
void        wfl_import_mapping_guess   (WflImportMapping     *mapping,
                                        WflImportKind         kind,
                                        const WflImportTable *table);

/* What a table makes under a mapping: a schedule or an order book,
 * checked against the scenario, ready to replace the target's. */
typedef struct _WflImport WflImport;

/* Checks every row; returns NULL and the problems (char *, "ROW:COLUMN:
 * message", in row order, at most WFL_IMPORT_MAX_PROBLEMS plus a last
 * line saying how many more) when there are any, so that nothing changes
 * unless every row is right.  The target is the node node_id
 * (capacity, orders: a customer) or the link of index link (mix). */
WflImport  *wfl_import_build           (const WflImportTable     *table,
                                        const WflImportMapping   *mapping,
                                        WflScenario              *scenario,
                                        const char               *node_id,
                                        int                       link,
                                        GPtrArray               **problems) G_GNUC_WARN_UNUSED_RESULT;
void        wfl_import_free            (WflImport                *self);
guint       wfl_import_get_n_items     (const WflImport          *self);
/* Replaces the target's schedule or orders in one undoable edit;
 * FALSE when nothing changed (or the target is gone). */
gboolean    wfl_import_apply           (WflImport                *self,
                                        WflDocument              *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflImportTable, wfl_import_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflImport, wfl_import_free)

G_END_DECLS
