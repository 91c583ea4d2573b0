/* wfl-experiment-xlsx.c: an experiment's tables as a workbook
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-experiment"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "wfl-atomic-file.h"
#include "wfl-experiment-xlsx.h"

/* Reads one field of a CSV line from *p (RFC 4180 quotes) into field;
 * TRUE when a comma follows (the line has more fields). */
static gboolean
next_field (const char **p,
            GString     *field)
{
  const char *s = *p;

  g_string_truncate (field, 0);
  if (*s == '"')
    {
      for (s++; *s != '\0'; s++)
        {
          if (*s == '"' && s[1] == '"')
            g_string_append_c (field, *s++);
          else if (*s == '"')
            {
              s++;
              break;
            }
          else
            g_string_append_c (field, *s);
        }
    }
  for (; *s != '\0' && *s != ',' && *s != '\n'; s++)
    g_string_append_c (field, *s);
  *p = *s == ',' ? s + 1 : s;
  return *s == ',';
}

static lxw_error
write_sheet (lxw_workbook *workbook,
             const char   *name,
             const char   *csv)
{
  g_autofree char *title = g_strndup (name, strcspn (name, "."));
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, title);
  g_autoptr(GString) field = g_string_new (NULL);
  lxw_row_t row = 0;

  if (sheet == NULL)
    return LXW_ERROR_MEMORY_MALLOC_FAILED;
  for (const char *p = csv; *p != '\0'; row++)
    {
      lxw_col_t col = 0;
      gboolean more;

      do
        {
          lxw_error err = LXW_NO_ERROR;
          double v;

          more = next_field (&p, field);
          if (field->len > 0 && row > 0 && wfl_parse_double (field->str, &v))
            err = worksheet_write_number (sheet, row, col, v, NULL);
          else if (field->len > 0)
            err = worksheet_write_string (sheet, row, col, field->str, NULL);
          if (err != LXW_NO_ERROR)
            return err;
          col++;
        }
      while (more);
      if (*p == '\n')
        p++;
    }
  return LXW_NO_ERROR;
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
wfl_experiment_xlsx_write (const WflExperimentTables  *tables,
                           GFile                      *file,
                           GCancellable               *cancellable,
                           GError                    **error)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE };
  lxw_workbook *workbook;
  lxw_error result = LXW_NO_ERROR, closed;
  gsize size;
  gboolean ok;

  tmpdir = g_dir_make_tmp ("waferline-xlsx-XXXXXX", &local_error);
  if (tmpdir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not make a temporary folder: %s"),
                   local_error->message);
      return FALSE;
    }
  path = g_build_filename (tmpdir, "results.xlsx", NULL);
  options.tmpdir = tmpdir;
  workbook = workbook_new_opt (path, &options);
  if (workbook == NULL)
    result = LXW_ERROR_CREATING_TMPFILE;
  for (guint i = 0; workbook != NULL && result == LXW_NO_ERROR && i < tables->n; i++)
    result = write_sheet (workbook, tables->names[i], tables->tables[i]->str);
  if (workbook != NULL)
    {
      closed = workbook_close (workbook);
      if (result == LXW_NO_ERROR)
        result = closed;
    }

  if (result != LXW_NO_ERROR)
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
