/* wfl-import-table.c: a table of text cells from CSV or tab-separated text
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-import.h"

/* The cells live in one buffer, each ended by a NUL, found through one
 * offset a cell and one index a row: a table of two million empty cells
 * takes 24 MB, not a pointer and an allocation each. */
struct _WflImportTable
{
  GString *text;
  GArray  *cells;     /* of guint32: offset of each cell's text */
  GArray  *rows;      /* of guint32: index of each row's first cell; one more at the end */
  GArray  *numbers;   /* of guint32: each row's number in the text (empty rows are dropped) */
  guint    n_columns;
  char     separator;
};

void
wfl_import_table_free (WflImportTable *self)
{
  if (self == NULL)
    return;
  g_string_free (self->text, TRUE);
  g_array_unref (self->cells);
  g_array_unref (self->rows);
  g_array_unref (self->numbers);
  g_free (self);
}

guint
wfl_import_table_get_n_rows (const WflImportTable *self)
{
  return self->rows->len - 1;
}

guint
wfl_import_table_get_n_columns (const WflImportTable *self)
{
  return self->n_columns;
}

const char *
wfl_import_table_get_cell (const WflImportTable *self,
                           guint                 row,
                           guint                 column)
{
  guint first, end;

  if (row + 1 >= self->rows->len)
    return "";
  first = g_array_index (self->rows, guint32, row);
  end = g_array_index (self->rows, guint32, row + 1);
  if (first + column >= end)
    return "";
  return self->text->str + g_array_index (self->cells, guint32, first + column);
}

guint
wfl_import_table_get_row_number (const WflImportTable *self,
                                 guint                 row)
{
  return row < self->numbers->len ? g_array_index (self->numbers, guint32, row) : 0;
}

char
wfl_import_table_get_separator (const WflImportTable *self)
{
  return self->separator;
}

char *
wfl_import_column_name (guint column)
{
  char name[16];
  int i = sizeof name - 1;

  name[i] = '\0';
  do
    {
      name[--i] = 'A' + column % 26;
      column = column / 26;
    }
  while (column-- > 0 && i > 0);
  return g_strdup (name + i);
}

/* A tab anywhere in the first line makes tab-separated text (what a
 * spreadsheet copies); else the more frequent of ';' and ','. */
static char
detect_separator (const char *text,
                  gsize       length)
{
  gsize commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == '\t')
        return '\t';
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
    }
  return semicolons > commas ? ';' : ',';
}

typedef struct
{
  WflImportTable *table;
  guint           row;       /* 1-based, as a spreadsheet counts */
  guint           column;    /* 0-based within the row */
  gboolean        row_empty; /* every cell of the row so far is empty */
  gsize           cell_start;
} Parser;

static gboolean
fail (GError    **error,
      guint       row,
      guint       column,
      const char *message)
{
  g_autofree char *name = wfl_import_column_name (column);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%u:%s: %s", row, name, message);
  return FALSE;
}

static gboolean
end_cell (Parser  *p,
          GError **error)
{
  WflImportTable *t = p->table;
  guint32 offset = p->cell_start;

  if (p->column >= WFL_IMPORT_MAX_COLUMNS)
    return fail (error, p->row, p->column, _("more than 256 columns cannot be imported"));
  if (t->cells->len >= WFL_IMPORT_MAX_CELLS)
    return fail (error, p->row, p->column, _("the table has more than 2,000,000 cells, more than can be imported"));
  if (t->text->len > p->cell_start)
    p->row_empty = FALSE;
  g_string_append_c (t->text, '\0');
  g_array_append_val (t->cells, offset);
  p->column++;
  p->cell_start = t->text->len;
  return TRUE;
}

/* Ends a row; a row of empty cells only is dropped (but counted). */
static gboolean
end_row (Parser  *p,
         GError **error)
{
  WflImportTable *t = p->table;
  guint32 first = g_array_index (t->rows, guint32, t->rows->len - 1);

  if (!end_cell (p, error))
    return FALSE;
  if (p->row_empty)
    {
      g_string_truncate (t->text, g_array_index (t->cells, guint32, first));
      g_array_set_size (t->cells, first);
    }
  else
    {
      guint32 end = t->cells->len;
      guint32 number = p->row;

      if (t->rows->len > WFL_IMPORT_MAX_ROWS)
        return fail (error, p->row, 0, _("more than 100,000 rows cannot be imported"));
      t->n_columns = MAX (t->n_columns, p->column);
      g_array_append_val (t->rows, end);
      g_array_append_val (t->numbers, number);
    }
  p->row++;
  p->column = 0;
  p->row_empty = TRUE;
  p->cell_start = t->text->len;
  return TRUE;
}

WflImportTable *
wfl_import_table_parse (const char  *text,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(WflImportTable) table = g_new0 (WflImportTable, 1);
  Parser p = { table, 1, 0, TRUE, 0 };
  const char *bad_utf8 = NULL;
  guint32 zero = 0;
  gsize i = 0;

  table->text = g_string_sized_new (MIN (length, WFL_IMPORT_MAX_BYTES) + 64);
  table->cells = g_array_new (FALSE, FALSE, sizeof (guint32));
  table->rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  table->numbers = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (table->rows, zero);

  if (length > WFL_IMPORT_MAX_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("The table is %lu bytes; at most 16 MiB can be imported"), (unsigned long) length);
      return NULL;
    }
  /* Text only: find the first NUL or invalid byte, then say where. */
  if (!g_utf8_validate_len (text, length, &bad_utf8))
    bad_utf8 = bad_utf8 != NULL ? bad_utf8 : text;
  table->separator = detect_separator (text, length);

  while (i < length)
    {
      char c = text[i];

      if (text + i == bad_utf8)
        {
          fail (error, p.row, p.column, c == '\0' ? _("the table holds a NUL byte: it is not text")
                                                  : _("the text is not UTF-8"));
          return NULL;
        }
      if (c == '"' && table->text->len == p.cell_start)
        {
          guint start_row = p.row, start_column = p.column;

          /* A quoted cell: "" is a quote, separators and line ends are text. */
          for (i++;; i++)
            {
              if (i >= length)
                {
                  fail (error, start_row, start_column, _("a quote is opened and never closed"));
                  return NULL;
                }
              if (text + i == bad_utf8)
                {
                  fail (error, p.row, p.column, text[i] == '\0' ? _("the table holds a NUL byte: it is not text")
                                                                : _("the text is not UTF-8"));
                  return NULL;
                }
              if (text[i] == '"' && i + 1 < length && text[i + 1] == '"')
                {
                  g_string_append_c (table->text, '"');
                  i++;
                }
              else if (text[i] == '"')
                break;
              else
                g_string_append_c (table->text, text[i]);
            }
          i++;
          /* Text marks the cell as not empty even when it is "". */
          p.row_empty = FALSE;
          if (i < length && text[i] != table->separator && text[i] != '\n' && text[i] != '\r')
            {
              fail (error, p.row, p.column, _("text follows a closing quote; double the quotes inside a quoted cell"));
              return NULL;
            }
          continue;
        }
      if (c == table->separator)
        {
          if (!end_cell (&p, error))
            return NULL;
        }
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;
          if (!end_row (&p, error))
            return NULL;
        }
      else
        g_string_append_c (table->text, c);
      i++;
    }
  if (table->text->len > p.cell_start || p.column > 0 || !p.row_empty)
    if (!end_row (&p, error))
      return NULL;
  return g_steal_pointer (&table);
}

WflImportTable *
wfl_import_table_load (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *buffer = NULL;
  gsize read = 0;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_get_size (info) > WFL_IMPORT_MAX_BYTES)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   /* Translators: %s is a file, %lu its size */
                   _("“%s” is %lu bytes; at most 16 MiB can be imported"), name,
                   (unsigned long) g_file_info_get_size (info));
      return NULL;
    }
  /* One byte more than allowed tells a file that grew. */
  buffer = g_malloc (WFL_IMPORT_MAX_BYTES + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, WFL_IMPORT_MAX_BYTES + 1, &read,
                                cancellable, error))
    return NULL;
  return wfl_import_table_parse (buffer, read, error);
}
