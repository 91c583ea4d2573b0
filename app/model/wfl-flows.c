/* wfl-flows.c: read a table of flows from CSV (RFC 4180)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-flows"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-flows.h"
#include "wfl-model-types.h"
#include "wfl-number-private.h"

G_DEFINE_QUARK (wfl-flows-error-quark, wfl_flows_error)

/* Sets "line N: message", or "FILE:N: message" when where is given. */
static void set_line_error (GError     **error,
                            int          code,
                            const char  *where,
                            int          line,
                            const char  *format,
                            ...) G_GNUC_PRINTF (5, 6);

static void
set_line_error (GError     **error,
                int          code,
                const char  *where,
                int          line,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = wfl_message_cut_quotes (g_strdup_vprintf (format, args));
  va_end (args);

  if (where != NULL)
    g_set_error (error, WFL_FLOWS_ERROR, code, "%s:%d: %s", where, line, message);
  else
    /* Translators: %d is a line number, %s the problem found on that line. */
    g_set_error (error, WFL_FLOWS_ERROR, code, _("line %d: %s"), line, message);
}

typedef struct
{
  const char *p;
  const char *end;
  int         line;       /* line of p */
} Reader;

/* Reads one record into fields (of char*, owned).  Returns FALSE at the
 * end of the input; sets error on a syntax error. */
static gboolean
read_record (Reader     *r,
             const char *where,
             GPtrArray  *fields,
             int        *record_line,
             GError    **error)
{
  GString *field = g_string_new (NULL);

  g_ptr_array_set_size (fields, 0);
  *record_line = r->line;

  if (r->p >= r->end)
    {
      g_string_free (field, TRUE);
      return FALSE;
    }

  for (;;)
    {
      gboolean quoted = FALSE;

      g_string_truncate (field, 0);

      if (r->p < r->end && *r->p == '"')
        {
          int quote_line = r->line;

          quoted = TRUE;
          r->p++;
          for (;;)
            {
              if (r->p >= r->end)
                {
                  set_line_error (error, WFL_FLOWS_ERROR_SYNTAX, where, quote_line, _("a quoted field is not closed"));
                  g_string_free (field, TRUE);
                  return FALSE;
                }
              if (*r->p == '"')
                {
                  if (r->p + 1 < r->end && r->p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      r->p += 2;
                      continue;
                    }
                  r->p++;
                  break;
                }
              if (*r->p == '\n')
                r->line++;
              else if (*r->p == '\r' && !(r->p + 1 < r->end && r->p[1] == '\n'))
                r->line++;
              g_string_append_c (field, *r->p);
              r->p++;
            }
        }

      /* The unquoted part (or what follows a closing quote). */
      while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
        {
          if (quoted)
            {
              /* Only blanks may follow a closing quote. */
              if (*r->p != ' ' && *r->p != '\t')
                {
                  set_line_error (error, WFL_FLOWS_ERROR_SYNTAX, where, r->line, _("unexpected text after a closing quote"));
                  g_string_free (field, TRUE);
                  return FALSE;
                }
            }
          else
            g_string_append_c (field, *r->p);
          r->p++;
        }

      g_ptr_array_add (fields, g_strdup (field->str));

      if (r->p >= r->end)
        break;
      if (*r->p == ',')
        {
          r->p++;
          continue;
        }
      /* End of line: CRLF, LF or a lone CR. */
      if (*r->p == '\r')
        r->p++;
      if (r->p < r->end && *r->p == '\n')
        r->p++;
      r->line++;
      break;
    }

  g_string_free (field, TRUE);
  return TRUE;
}

/* A decimal number with '.' as the decimal mark and an optional exponent. */
static gboolean
parse_number (const char *text,
              double     *value)
{
  return _wfl_number_parse (text, value);
}

static guint
intern_name (WflFlows   *flows,
             GHashTable *index,
             const char *name)
{
  gpointer found;

  if (g_hash_table_lookup_extended (index, name, NULL, &found))
    return GPOINTER_TO_UINT (found);

  g_ptr_array_add (flows->names, g_strdup (name));
  g_hash_table_insert (index, flows->names->pdata[flows->names->len - 1],
                       GUINT_TO_POINTER (flows->names->len - 1));
  return flows->names->len - 1;
}

static gboolean
is_blank_record (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *f = fields->pdata[i];

      for (; *f; f++)
        if (!g_ascii_isspace (*f))
          return FALSE;
    }
  return fields->len <= 1;
}

static int
find_column (GPtrArray  *header,
             const char *name)
{
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *h = g_strstrip (g_strdup (header->pdata[i]));

      if (g_ascii_strcasecmp (h, name) == 0)
        return (int) i;
    }
  return -1;
}

/* The value field of a row: a finite number ≥ 0 (never −0). */
static gboolean
read_value (const char  *value_text,
            const char  *where,
            int          line,
            double      *value,
            GError     **error)
{
  if (*value_text == '\0')
    {
      set_line_error (error, WFL_FLOWS_ERROR_ROW, where, line, _("the value is empty"));
      return FALSE;
    }
  if (!parse_number (value_text, value))
    {
      set_line_error (error, WFL_FLOWS_ERROR_ROW, where, line,
                      _("the value “%s” is not a number (use “.” as the decimal mark)"),
                      value_text);
      return FALSE;
    }
  if (!isfinite (*value))
    {
      set_line_error (error, WFL_FLOWS_ERROR_ROW, where, line, _("the value “%s” is too large"), value_text);
      return FALSE;
    }
  if (*value < 0)
    {
      set_line_error (error, WFL_FLOWS_ERROR_ROW, where, line, _("the value %s is negative"), value_text);
      return FALSE;
    }
  if (*value > WFL_FLOWS_MAX_VALUE)
    {
      g_autofree char *max = wfl_format_figure (WFL_FLOWS_MAX_VALUE);

      set_line_error (error, WFL_FLOWS_ERROR_ROW, where, line,
                      _("the value %s is larger than %s, the largest a flow may have"), value_text, max);
      return FALSE;
    }
  if (*value == 0)
    *value = 0;   /* no negative zero */
  return TRUE;
}

static WflFlows *
parse_flows (const char  *data,
             gssize       length,
             const char  *where,
             GError     **error)
{
  g_autoptr(WflFlows) flows = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  const char *invalid = NULL;
  gboolean have_header = FALSE;
  int col[3] = { 0, 1, 2 };
  guint n_cols = 3;
  int line;
  Reader r;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      int bad_line = 1;

      for (const char *p = data; p < invalid; p++)
        if (*p == '\n')
          bad_line++;
      set_line_error (error, WFL_FLOWS_ERROR_ENCODING, where, bad_line, _("the text is not valid UTF-8"));
      return NULL;
    }

  r.p = data;
  r.end = data + length;
  r.line = 1;
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    r.p += 3;

  flows = g_new0 (WflFlows, 1);
  flows->names = g_ptr_array_new_with_free_func (g_free);
  flows->flows = g_array_new (FALSE, FALSE, sizeof (WflFlow));

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *source = NULL;
      g_autofree char *target = NULL;
      g_autofree char *value_text = NULL;
      gpointer found;
      guint s, t;
      double value;
      gint64 key;

      if (!read_record (&r, where, fields, &line, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          break;
        }

      if (is_blank_record (fields))
        continue;

      if (!have_header)
        {
          int cs = find_column (fields, "source");
          int ct = find_column (fields, "target");
          int cv = find_column (fields, "value");

          if (cs >= 0 && ct >= 0 && cv >= 0)
            {
              col[0] = cs;
              col[1] = ct;
              col[2] = cv;
            }
          else if (fields->len < 3)
            {
              set_line_error (error, WFL_FLOWS_ERROR_HEADER, where, line, _("the header row needs three columns: source,target,value"));
              return NULL;
            }
          /* Every row has as many fields as the header. */
          n_cols = MAX ((guint) MAX (MAX (col[0], col[1]), col[2]) + 1, fields->len);
          have_header = TRUE;
          continue;
        }

      if (fields->len != n_cols)
        {
          set_line_error (error, WFL_FLOWS_ERROR_ROW, where, line,
                          _("expected %u fields (source,target,value), found %u"),
                          n_cols, fields->len);
          return NULL;
        }

      source = g_strstrip (g_strdup (fields->pdata[col[0]]));
      target = g_strstrip (g_strdup (fields->pdata[col[1]]));
      value_text = g_strstrip (g_strdup (fields->pdata[col[2]]));

      if (*source == '\0' || *target == '\0')
        {
          set_line_error (error, WFL_FLOWS_ERROR_ROW, where, line, "%s",
                          *source == '\0' ? _("the source name is empty")
                                           : _("the target name is empty"));
          return NULL;
        }
      if (!read_value (value_text, where, line, &value, error))
        return NULL;

      s = intern_name (flows, names, source);
      t = intern_name (flows, names, target);
      flows->n_rows++;

      key = ((gint64) s << 32) | t;
      if (g_hash_table_lookup_extended (pairs, &key, NULL, &found))
        {
          g_array_index (flows->flows, WflFlow, GPOINTER_TO_UINT (found)).value += value;
        }
      else
        {
          WflFlow flow = { s, t, value, line };

          if (flows->flows->len >= WFL_FLOWS_MAX_FLOWS)
            {
              set_line_error (error, WFL_FLOWS_ERROR_TOO_LARGE, where, line,
                              _("the table has more than %d different flows (source and target pairs), "
                                "more than a chart can show"), WFL_FLOWS_MAX_FLOWS);
              return NULL;
            }

          g_array_append_val (flows->flows, flow);
          g_hash_table_insert (pairs, g_memdup2 (&key, sizeof key),
                               GUINT_TO_POINTER (flows->flows->len - 1));
        }
    }

  if (!have_header)
    {
      set_line_error (error, WFL_FLOWS_ERROR_HEADER, where, r.line, _("the table is empty; it needs a header row source,target,value"));
      return NULL;
    }

  return g_steal_pointer (&flows);
}

WflFlows *
wfl_flows_new_from_data (const char  *data,
                         gssize       length,
                         GError     **error)
{
  return parse_flows (data, length, NULL, error);
}

WflFlows *
wfl_flows_new_from_file (GFile   *file,
                         GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || g_file_info_get_size (info) <= WFL_FLOWS_MAX_FILE_SIZE)
    {
      if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
        return NULL;
    }
  if (contents == NULL || length > WFL_FLOWS_MAX_FILE_SIZE)
    {
      g_autofree char *limit = g_format_size_full (WFL_FLOWS_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, WFL_FLOWS_ERROR, WFL_FLOWS_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %s, the limit for flow tables"), name, limit);
      return NULL;
    }

  return parse_flows (contents, length, name, error);
}

void
wfl_flows_free (WflFlows *flows)
{
  if (flows == NULL)
    return;
  g_ptr_array_unref (flows->names);
  g_array_unref (flows->flows);
  g_free (flows);
}

guint
wfl_flows_get_n_nodes (const WflFlows *flows)
{
  return flows->names->len;
}

const char *
wfl_flows_get_name (const WflFlows *flows,
                    guint           node)
{
  g_return_val_if_fail (node < flows->names->len, NULL);
  return flows->names->pdata[node];
}
