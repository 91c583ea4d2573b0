/* wfl-scenario-xml-write.c: writing scenario files (format version 1)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-scenario-xml"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "wfl-scenario-xml-private.h"

/* Writing
 * =======
 *
 * The canonical form: elements and attributes in the order of
 * docs/scenario-format.md and data/waferline.rng, two-space indentation, one
 * element a line, numbers in the shortest form that reads back to the same
 * double, defaults left out.  Elements and attributes of other namespaces
 * are not kept (the model records have no place for them).
 */

/* Appends text escaped for XML content or a double-quoted attribute
 * value.  Characters XML 1.0 cannot carry become U+FFFD. */
static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  g_autofree char *valid = NULL;
  const char *start = text;
  const char *p;

  if (!g_utf8_validate (text, -1, NULL))
    start = text = valid = g_utf8_make_valid (text, -1);

  for (p = text; *p != '\0'; p++)
    {
      const char *replacement = NULL;
      guchar c = (guchar) *p;
      gsize skip = 1;

      switch (c)
        {
        case '&': replacement = "&amp;"; break;
        case '<': replacement = "&lt;"; break;
        case '>': replacement = attribute ? NULL : "&gt;"; break;
        case '"': replacement = attribute ? "&quot;" : NULL; break;
        case '\t': replacement = attribute ? "&#9;" : NULL; break;
        case '\n': replacement = attribute ? "&#10;" : NULL; break;
        case '\r': replacement = "&#13;"; break;
        case 0xEF:
          /* U+FFFE and U+FFFF are not XML characters. */
          if ((guchar) p[1] == 0xBF && ((guchar) p[2] == 0xBE || (guchar) p[2] == 0xBF))
            {
              replacement = "\xEF\xBF\xBD";
              skip = 3;
            }
          break;
        default:
          if (c < 0x20)
            replacement = "\xEF\xBF\xBD";
          break;
        }

      if (replacement != NULL)
        {
          g_string_append_len (out, start, p - start);
          g_string_append (out, replacement);
          p += skip - 1;
          start = p + 1;
        }
    }
  g_string_append_len (out, start, p - start);
}

static void
indent (GString *out,
        int      level)
{
  for (int i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
attr_string (GString    *out,
             const char *name,
             const char *value)
{
  if (value == NULL)
    return;
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

static gboolean
format_round_trips (char       *buf,
                    gsize       size,
                    const char *format,
                    double      value)
{
  g_ascii_formatd (buf, size, format, value);
  return g_ascii_strtod (buf, NULL) == value;
}

/* The text of wfl_format_double(), found faster: it tries 1, 2, 3…
 * significant digits until the text reads back, which takes 17 tries for
 * most computed values.  Here whole numbers and values that need 16 or 17
 * digits take a short cut to the same text. */
char *
_wfl_scenario_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  int precision;

  if (isfinite (value) && value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value + 0);

  if (!isfinite (value) || format_round_trips (buf, sizeof buf, "%.15g", value))
    return wfl_format_double (value);

  precision = format_round_trips (buf, sizeof buf, "%.16g", value) ? 16 : 17;
  if (precision == 17)
    format_round_trips (buf, sizeof buf, "%.17g", value);

  if (strchr (buf, 'e') != NULL && fabs (value) >= 1e-6 && fabs (value) < 1e17)
    {
      int exponent = (int) floor (log10 (fabs (value)));
      int decimals = MAX (0, precision - 1 - exponent);
      char format[16];
      char plain[64];

      g_snprintf (format, sizeof format, "%%.%df", decimals);
      if (format_round_trips (plain, sizeof plain, format, value))
        return g_strdup (plain);
    }
  return g_strdup (buf);
}

static void
append_number (GString *out,
               double   value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value + 0);
  else
    {
      g_autofree char *text = _wfl_scenario_format_number (value);

      g_string_append (out, text);
    }
}

static void
attr_number (GString    *out,
             const char *name,
             double      value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  append_number (out, value);
  g_string_append_c (out, '"');
}

static void
attr_int (GString    *out,
          const char *name,
          int         value)
{
  g_string_append_printf (out, " %s=\"%d\"", name, value);
}

static void
attr_date (GString    *out,
           const char *name,
           WflDate     date)
{
  int y, m, d;

  if (date == WFL_DATE_NONE)
    return;
  wfl_date_to_ymd (date, &y, &m, &d);
  g_string_append_printf (out, " %s=\"%04d-%02d-%02d\"", name, y, m, d);
}

static void
attr_enum (GString    *out,
           const char *name,
           const char *nick)
{
  if (nick != NULL)
    g_string_append_printf (out, " %s=\"%s\"", name, nick);
}

static void
attr_confidence (GString       *out,
                 WflConfidence  confidence)
{
  if (confidence != WFL_CONFIDENCE_NONE)
    attr_enum (out, "confidence", wfl_confidence_to_string (confidence));
}

static void
text_element (GString    *out,
              int         level,
              const char *name,
              const char *text)
{
  if (text == NULL)
    return;
  indent (out, level);
  g_string_append_printf (out, "<%s>", name);
  append_escaped (out, text, FALSE);
  g_string_append_printf (out, "</%s>\n", name);
}

/* A schedule that fits an attribute: one undated step point without
 * provenance. */
static gboolean
schedule_is_attribute (const WflSchedule *schedule)
{
  const WflPoint *point;

  if (!wfl_schedule_is_constant (schedule))
    return FALSE;
  point = wfl_schedule_get_point (schedule, 0);
  return point->interpolate == WFL_INTERPOLATE_STEP &&
         point->source == NULL &&
         point->confidence == WFL_CONFIDENCE_NONE;
}

static void
attr_schedule (GString           *out,
               const char        *name,
               const WflSchedule *schedule,
               gboolean           has_default,
               double             default_value)
{
  double value;

  if (schedule == NULL || !schedule_is_attribute (schedule))
    return;
  value = wfl_schedule_get_point (schedule, 0)->value;
  if (has_default && value == default_value)
    return;
  attr_number (out, name, value);
}

static void
schedule_element (GString           *out,
                  int                level,
                  const char        *name,
                  const WflSchedule *schedule)
{
  guint n = wfl_schedule_get_n_points (schedule);

  if (n == 0 || schedule_is_attribute (schedule))
    return;

  indent (out, level);
  g_string_append_printf (out, "<%s>\n", name);
  for (guint i = 0; i < n; i++)
    {
      const WflPoint *point = wfl_schedule_get_point (schedule, i);

      indent (out, level + 1);
      g_string_append (out, "<point");
      attr_date (out, "date", point->date);
      attr_number (out, "value", point->value);
      if (point->interpolate != WFL_INTERPOLATE_STEP)
        attr_enum (out, "interpolate", wfl_interpolate_to_string (point->interpolate));
      attr_string (out, "source", point->source);
      attr_confidence (out, point->confidence);
      g_string_append (out, "/>\n");
    }
  indent (out, level);
  g_string_append_printf (out, "</%s>\n", name);
}

/* Capacity expansions (version 2), after the orders. */
static void
write_expansions (GString       *out,
                  const WflNode *node)
{
  for (guint i = 0; i < node->expansions->len; i++)
    {
      const WflExpansion *expansion = g_ptr_array_index (node->expansions, i);

      indent (out, 3);
      g_string_append (out, "<expansion");
      attr_date (out, "ordered", expansion->ordered);
      attr_number (out, "capacity", expansion->capacity);
      if (expansion->lead_weeks != 0)
        attr_int (out, "lead-weeks", expansion->lead_weeks);
      if (expansion->qualification_weeks != 0)
        attr_int (out, "qualification-weeks", expansion->qualification_weeks);
      attr_string (out, "supplier", expansion->supplier);
      if (expansion->tools != 1)
        attr_number (out, "tools", expansion->tools);
      attr_string (out, "source", expansion->source);
      attr_confidence (out, expansion->confidence);
      g_string_append (out, "/>\n");
    }
}

static void
write_node (GString       *out,
            const WflNode *node)
{
  gboolean has_children;

  indent (out, 2);
  g_string_append (out, "<node");
  attr_string (out, "id", node->id);
  attr_enum (out, "kind", wfl_node_kind_to_string (node->kind));
  attr_string (out, "name", node->name);
  attr_string (out, "unit", node->unit);
  attr_string (out, "group", node->group);
  attr_schedule (out, "capacity", node->capacity, FALSE, 0);
  if (node->lead_weeks != 0)
    attr_int (out, "lead-weeks", node->lead_weeks);
  attr_schedule (out, "yield", node->yield, TRUE, 1);
  if (node->allocation != WFL_ALLOCATION_PROPORTIONAL)
    attr_enum (out, "allocation", wfl_allocation_to_string (node->allocation));
  if (node->initial_rate != 0)
    attr_number (out, "initial-rate", node->initial_rate);
  if (node->initial_stock != 0)
    attr_number (out, "initial-stock", node->initial_stock);
  attr_string (out, "source", node->source);
  attr_confidence (out, node->confidence);

  has_children = (wfl_schedule_get_n_points (node->capacity) > 0 && !schedule_is_attribute (node->capacity)) ||
                 (wfl_schedule_get_n_points (node->yield) > 0 && !schedule_is_attribute (node->yield)) ||
                 node->note != NULL ||
                 (node->orders != NULL && node->orders->len > 0) ||
                 node->expansions->len > 0;
  if (!has_children)
    {
      g_string_append (out, "/>\n");
      return;
    }
  g_string_append (out, ">\n");

  schedule_element (out, 3, "capacity", node->capacity);
  schedule_element (out, 3, "yield", node->yield);
  text_element (out, 3, "note", node->note);
  for (guint i = 0; node->orders != NULL && i < node->orders->len; i++)
    {
      const WflOrder *order = g_ptr_array_index (node->orders, i);

      indent (out, 3);
      g_string_append (out, "<order");
      attr_string (out, "id", order->id);
      attr_number (out, "quantity", order->quantity);
      attr_date (out, "placed", order->placed);
      attr_date (out, "due", order->due);
      if (order->priority != 1)
        attr_int (out, "priority", order->priority);
      attr_string (out, "source", order->source);
      attr_confidence (out, order->confidence);
      g_string_append (out, "/>\n");
    }
  write_expansions (out, node);

  indent (out, 2);
  g_string_append (out, "</node>\n");
}

static void
write_link (GString       *out,
            const WflLink *link)
{
  indent (out, 2);
  g_string_append (out, "<link");
  attr_string (out, "from", link->from);
  attr_string (out, "to", link->to);
  if (link->input != NULL && g_strcmp0 (link->input, link->from) != 0)
    attr_string (out, "input", link->input);
  if (link->per_unit != 1)
    attr_number (out, "per-unit", link->per_unit);
  if (link->transit_weeks != 0)
    attr_int (out, "transit-weeks", link->transit_weeks);
  if (link->cover_weeks != 0)
    attr_int (out, "cover-weeks", link->cover_weeks);
  attr_schedule (out, "mix", link->mix, TRUE, 1);
  if (link->priority != 1)
    attr_int (out, "priority", link->priority);
  if (link->share != 1)
    attr_number (out, "share", link->share);
  attr_string (out, "source", link->source);
  attr_confidence (out, link->confidence);

  if (wfl_schedule_get_n_points (link->mix) == 0 || schedule_is_attribute (link->mix))
    {
      g_string_append (out, "/>\n");
      return;
    }
  g_string_append (out, ">\n");
  schedule_element (out, 3, "mix", link->mix);
  indent (out, 2);
  g_string_append (out, "</link>\n");
}

static void
write_views (GString        *out,
             const WflViews *views)
{
  gboolean has_sankey = views->has_sankey || views->pins->len > 0;

  if (!has_sankey && !views->has_gantt)
    return;

  g_string_append (out, "\n  <views>\n");
  if (has_sankey)
    {
      indent (out, 2);
      g_string_append (out, "<sankey");
      attr_date (out, "from", views->sankey_from);
      attr_date (out, "to", views->sankey_to);
      if (views->pins->len == 0)
        g_string_append (out, "/>\n");
      else
        {
          g_string_append (out, ">\n");
          for (guint i = 0; i < views->pins->len; i++)
            {
              const WflPin *pin = g_ptr_array_index (views->pins, i);

              indent (out, 3);
              g_string_append (out, "<pin");
              attr_string (out, "node", pin->node);
              if (pin->column >= 0)
                attr_int (out, "column", pin->column);
              if (!isnan (pin->position))
                attr_number (out, "position", pin->position);
              g_string_append (out, "/>\n");
            }
          indent (out, 2);
          g_string_append (out, "</sankey>\n");
        }
    }
  if (views->has_gantt)
    {
      indent (out, 2);
      g_string_append (out, "<gantt");
      if (views->gantt_mode != WFL_GANTT_MODE_ORDERS)
        attr_enum (out, "mode", wfl_gantt_mode_to_string (views->gantt_mode));
      if (views->gantt_zoom != WFL_ZOOM_MONTH)
        attr_enum (out, "zoom", wfl_zoom_to_string (views->gantt_zoom));
      attr_date (out, "as-of", views->gantt_as_of);
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </views>\n");
}

static GString *
to_string (WflScenario *self)
{
  GString *out;
  guint n_sources = wfl_scenario_get_n_sources (self);
  guint n_nodes = wfl_scenario_get_n_nodes (self);
  guint n_links = wfl_scenario_get_n_links (self);
  gsize guess = 512 + 160 * n_sources;

  for (guint i = 0; i < n_nodes; i++)
    {
      const WflNode *node = wfl_scenario_get_node (self, i);

      guess += 200 + 100 * (wfl_schedule_get_n_points (node->capacity) + wfl_schedule_get_n_points (node->yield) +
                            node->orders->len);
    }
  guess += 150 * n_links;
  out = g_string_sized_new (guess);

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (out, "<scenario xmlns=\"%s\" format-version=\"%d\">\n",
                          WFL_SCENARIO_NAMESPACE, WFL_SCENARIO_FORMAT_VERSION);
  text_element (out, 1, "title", wfl_scenario_get_title (self));
  text_element (out, 1, "description", wfl_scenario_get_description (self));
  g_string_append (out, "  <calendar");
  attr_date (out, "start", wfl_scenario_get_start (self));
  attr_int (out, "weeks", wfl_scenario_get_weeks (self));
  g_string_append (out, "/>\n");

  if (n_sources > 0)
    {
      g_string_append (out, "\n  <sources>\n");
      for (guint i = 0; i < n_sources; i++)
        {
          const WflSource *source = wfl_scenario_get_source (self, i);

          g_string_append (out, "    <source");
          attr_string (out, "id", source->id);
          if (source->basis != WFL_BASIS_NONE)
            attr_enum (out, "basis", wfl_basis_to_string (source->basis));
          attr_string (out, "title", source->title);
          attr_string (out, "date", source->date);
          attr_string (out, "url", source->url);
          g_string_append (out, "/>\n");
        }
      g_string_append (out, "  </sources>\n");
    }

  if (n_nodes > 0)
    {
      g_string_append (out, "\n  <nodes>\n");
      for (guint i = 0; i < n_nodes; i++)
        write_node (out, wfl_scenario_get_node (self, i));
      g_string_append (out, "  </nodes>\n");
    }

  if (n_links > 0)
    {
      g_string_append (out, "\n  <links>\n");
      for (guint i = 0; i < n_links; i++)
        write_link (out, wfl_scenario_get_link (self, i));
      g_string_append (out, "  </links>\n");
    }

  write_views (out, wfl_scenario_get_views (self));
  g_string_append (out, "</scenario>\n");
  return out;
}

GBytes *
wfl_scenario_to_bytes (WflScenario *self)
{
  GString *out;

  g_return_val_if_fail (WFL_IS_SCENARIO (self), NULL);

  out = to_string (self);
  return g_string_free_to_bytes (out);
}

gboolean
wfl_scenario_write (WflScenario    *self,
                    GOutputStream  *stream,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (WFL_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = wfl_scenario_to_bytes (self);
  data = g_bytes_get_data (bytes, &size);
  return g_output_stream_write_all (stream, data, size, NULL, cancellable, error) &&
         g_output_stream_flush (stream, cancellable, error);
}

static gboolean
save_error (GError     **error,
            int          errsv,
            const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Could not save “%s”: %s"), name, g_strerror (errsv));
  return FALSE;
}

/* Writes to a new temporary file beside the target, flushes it to disk and
 * renames it over the target, so that the target is either the old file or
 * the complete new one. */
static gboolean
save_local (const char    *path,
            const char    *data,
            gsize          size,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  GStatBuf st;
  gboolean exists;
  int fd;
  int errsv;
  gsize done = 0;

  /* Write through a symbolic link rather than replace it. */
  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    target = realpath (path, NULL);
  if (target == NULL)
    target = g_strdup (path);

  exists = g_stat (target, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    return save_error (error, S_ISDIR (st.st_mode) ? EISDIR : EINVAL, path);

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return save_error (error, errno, path);

  /* g_mkstemp_full() makes the file 0600 whatever the mode says: give it
   * the mode of the file it replaces, or 0666 less the umask. */
  if (exists)
    {
      if (fchmod (fd, st.st_mode & 07777) != 0)
        goto fail;
    }
  else
    {
      mode_t mask = umask (0);

      umask (mask);
      if (fchmod (fd, 0666 & ~mask) != 0)
        goto fail;
    }

  while (done < size)
    {
      gssize n = write (fd, data + done, MIN (size - done, (gsize) 1 << 20));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          goto fail;
        }
      done += (gsize) n;
    }

  if (g_fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (g_rename (tmp, target) != 0)
    goto fail;

  /* Make the rename itself durable. */
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      g_fsync (fd);
      close (fd);
    }
  return TRUE;

fail:
  errsv = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return save_error (error, errsv, path);
}

gboolean
wfl_scenario_save_file (WflScenario   *self,
                        GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (WFL_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  bytes = wfl_scenario_to_bytes (self);
  data = g_bytes_get_data (bytes, &size);

  path = g_file_get_path (file);
  if (path != NULL)
    return save_local (path, data, size, cancellable, error);

  /* Not a local file: GIO's replace writes a temporary file and renames
   * it too where the backend can. */
  return g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  cancellable, error);
}
