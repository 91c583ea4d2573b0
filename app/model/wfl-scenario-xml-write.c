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

#include "wfl-atomic-file.h"
#include "wfl-scenario-xml-loader-private.h"

/* Writing
 * =======
 *
 * The canonical form: elements and attributes in the order of
 * docs/scenario-format.md and data/waferline.rng, two-space indentation, one
 * element a line, numbers in the shortest form that reads back to the same
 * double, defaults left out.  Elements and attributes of other namespaces
 * are not kept (the model records have no place for them).
 */

/* GString's appends are calls that check for overlapping text: the
 * million small appends of a large file go through these instead. */
static inline void
put_len (GString    *out,
         const char *text,
         gsize       length)
{
  if (G_UNLIKELY (out->len + length >= out->allocated_len))
    {
      g_string_append_len (out, text, length);
      return;
    }
  memcpy (out->str + out->len, text, length);
  out->len += length;
  out->str[out->len] = '\0';
}

static inline void
put (GString    *out,
     const char *text)
{
  put_len (out, text, strlen (text));
}

static inline void
put_c (GString *out,
       char     c)
{
  if (G_UNLIKELY (out->len + 1 >= out->allocated_len))
    {
      g_string_append_c (out, c);
      return;
    }
  out->str[out->len++] = c;
  out->str[out->len] = '\0';
}

/* Whether text is plain ASCII with nothing to escape (as an attribute
 * value or as content): most ids, names and sources are. */
static inline gboolean
is_plain (const char *text,
          gboolean    attribute,
          gsize      *length)
{
  const guchar *p = (const guchar *) text;
  guchar quote = attribute ? '"' : '>';

  for (; *p != '\0'; p++)
    if (*p < 0x20 || *p >= 0x80 || *p == '&' || *p == '<' || *p == quote)
      return FALSE;
  *length = (const char *) p - text;
  return TRUE;
}

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
  gsize length;

  if (is_plain (text, attribute, &length))
    {
      put_len (out, text, length);
      return;
    }
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
          put_len (out, start, p - start);
          put (out, replacement);
          p += skip - 1;
          start = p + 1;
        }
    }
  put_len (out, start, p - start);
}

static void
indent (GString *out,
        int      level)
{
  static const char spaces[] = "                ";

  for (; level > 8; level -= 8)
    put_len (out, spaces, 16);
  put_len (out, spaces, 2 * level);
}

static void
attr_string (GString    *out,
             const char *name,
             const char *value)
{
  if (value == NULL)
    return;
  put_c (out, ' ');
  put (out, name);
  put (out, "=\"");
  append_escaped (out, value, TRUE);
  put_c (out, '"');
}

static inline void
append_number (GString *out,
               double   value)
{
  if (G_UNLIKELY (out->len + WFL_FORMAT_DOUBLE_SIZE >= out->allocated_len))
    {
      wfl_string_append_double (out, value);
      return;
    }
  out->len += wfl_format_double_buf (value, out->str + out->len);
}

/* ' NAME="', the start of an attribute (printf is slow for the 10⁵
 * attributes of a large scenario). */
static void
attr_start (GString    *out,
            const char *name)
{
  put_c (out, ' ');
  put (out, name);
  put_len (out, "=\"", 2);
}

/* The decimal digits of value, zero-padded to width. */
static void
append_int (GString *out,
            gint64   value,
            int      width)
{
  char buf[24];
  int n = 0;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    buf[sizeof buf - ++n] = '0' + magnitude % 10;
  while ((magnitude /= 10) > 0 || n < width);
  if (value < 0)
    buf[sizeof buf - ++n] = '-';
  put_len (out, buf + sizeof buf - n, n);
}

static void
attr_number (GString    *out,
             const char *name,
             double      value)
{
  attr_start (out, name);
  append_number (out, value);
  put_c (out, '"');
}

static void
attr_int (GString    *out,
          const char *name,
          int         value)
{
  attr_start (out, name);
  append_int (out, value, 0);
  put_c (out, '"');
}

/* YYYY-MM-DD, as wfl_date_format() writes it. */
static void
attr_date (GString    *out,
           const char *name,
           WflDate     date)
{
  int y, m, d;
  char *p;

  if (date == WFL_DATE_NONE)
    return;
  wfl_date_to_ymd (date, &y, &m, &d);
  attr_start (out, name);
  if (G_UNLIKELY (y > 9999 || out->len + 12 >= out->allocated_len))
    {
      append_int (out, y, 4);
      put_c (out, '-');
      append_int (out, m, 2);
      put_c (out, '-');
      append_int (out, d, 2);
      put_c (out, '"');
      return;
    }
  p = out->str + out->len;
  p[0] = '0' + y / 1000;
  p[1] = '0' + y / 100 % 10;
  p[2] = '0' + y / 10 % 10;
  p[3] = '0' + y % 10;
  p[4] = '-';
  p[5] = '0' + m / 10;
  p[6] = '0' + m % 10;
  p[7] = '-';
  p[8] = '0' + d / 10;
  p[9] = '0' + d % 10;
  p[10] = '"';
  p[11] = '\0';
  out->len += 11;
}

static void
attr_enum (GString    *out,
           const char *name,
           const char *nick)
{
  if (nick == NULL)
    return;
  attr_start (out, name);
  put (out, nick);
  put_c (out, '"');
}

/* <NAME>, </NAME> and their line ends. */
static void
open_tag (GString    *out,
          const char *name,
          gboolean    newline)
{
  put_c (out, '<');
  put (out, name);
  put_len (out, ">\n", newline ? 2 : 1);
}

static void
close_tag (GString    *out,
           const char *name)
{
  put_len (out, "</", 2);
  put (out, name);
  put_len (out, ">\n", 2);
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
  open_tag (out, name, FALSE);
  append_escaped (out, text, FALSE);
  close_tag (out, name);
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
schedule_points (GString           *out,
                 int                level,
                 const WflSchedule *schedule)
{
  guint n = wfl_schedule_get_n_points (schedule);

  for (guint i = 0; i < n; i++)
    {
      const WflPoint *point = wfl_schedule_get_point (schedule, i);

      indent (out, level);
      put (out, "<point");
      attr_date (out, "date", point->date);
      attr_number (out, "value", point->value);
      if (point->interpolate != WFL_INTERPOLATE_STEP)
        attr_enum (out, "interpolate", wfl_interpolate_to_string (point->interpolate));
      attr_string (out, "source", point->source);
      attr_confidence (out, point->confidence);
      put (out, "/>\n");
    }
}

static void
schedule_element (GString           *out,
                  int                level,
                  const char        *name,
                  const WflSchedule *schedule)
{
  if (wfl_schedule_get_n_points (schedule) == 0 || schedule_is_attribute (schedule))
    return;

  indent (out, level);
  open_tag (out, name, TRUE);
  schedule_points (out, level + 1, schedule);
  indent (out, level);
  close_tag (out, name);
}

/* Version 2: allocation and availability ------------------------------------ */

static void
write_grants (GString       *out,
              const WflNode *node)
{
  for (guint i = 0; node->grants != NULL && i < node->grants->len; i++)
    {
      const WflGrant *grant = g_ptr_array_index (node->grants, i);

      indent (out, 3);
      put (out, "<grant");
      attr_string (out, "donor", grant->donor);
      attr_string (out, "recipient", grant->recipient);
      attr_number (out, "quantity", grant->quantity);
      attr_date (out, "from", grant->from);
      attr_date (out, "to", grant->to);
      attr_string (out, "source", grant->source);
      attr_confidence (out, grant->confidence);
      put (out, "/>\n");
    }
}

/* <availability> with its dated <open> and <close> changes. */
static void
write_availability (GString           *out,
                    const WflSchedule *availability)
{
  guint n = wfl_schedule_get_n_points (availability);

  if (n == 0)
    return;
  indent (out, 3);
  put (out, "<availability>\n");
  for (guint i = 0; i < n; i++)
    {
      const WflPoint *point = wfl_schedule_get_point (availability, i);

      indent (out, 4);
      put (out, point->value > 0 ? "<open" : "<close");
      attr_date (out, "date", point->date);
      attr_string (out, "source", point->source);
      attr_confidence (out, point->confidence);
      put (out, "/>\n");
    }
  indent (out, 3);
  put (out, "</availability>\n");
}

static gboolean
schedule_needs_element (const WflSchedule *schedule)
{
  return wfl_schedule_get_n_points (schedule) > 0 && !schedule_is_attribute (schedule);
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
      put (out, "<expansion");
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
      put (out, "/>\n");
    }
}

/* --- Version-2 vocabulary: demand ------------------------------------ */

static gboolean
booked_to_needed_is_element (const WflNode *node)
{
  return wfl_schedule_get_n_points (node->booked_to_needed) > 0 &&
         !schedule_is_attribute (node->booked_to_needed);
}

static void
write_forecasts (GString       *out,
                 const WflNode *node)
{
  for (guint i = 0; i < node->forecasts->len; i++)
    {
      const WflForecast *forecast = g_ptr_array_index (node->forecasts, i);

      indent (out, 3);
      put (out, "<forecast");
      attr_string (out, "product", forecast->product);
      attr_int (out, "horizon-weeks", forecast->horizon_weeks);
      attr_string (out, "source", forecast->source);
      attr_confidence (out, forecast->confidence);
      put (out, ">\n");
      schedule_points (out, 4, forecast->rate);
      indent (out, 3);
      put (out, "</forecast>\n");
    }
}

static void
write_products (GString     *out,
                WflScenario *self)
{
  guint n = wfl_scenario_get_n_products (self);

  if (n == 0 && wfl_scenario_get_compute_unit (self) == NULL &&
      wfl_scenario_get_reference_product (self) == NULL)
    return;
  put (out, "\n  <products");
  attr_string (out, "compute-unit", wfl_scenario_get_compute_unit (self));
  attr_string (out, "reference", wfl_scenario_get_reference_product (self));
  if (n == 0)
    {
      put (out, "/>\n");
      return;
    }
  put (out, ">\n");
  for (guint i = 0; i < n; i++)
    {
      const WflProduct *product = wfl_scenario_get_product (self, i);

      put (out, "    <product");
      attr_string (out, "id", product->id);
      attr_string (out, "name", product->name);
      if (!isnan (product->compute))
        attr_number (out, "compute", product->compute);
      attr_string (out, "source", product->source);
      attr_confidence (out, product->confidence);
      put (out, "/>\n");
    }
  put (out, "  </products>\n");
}

static void
write_node (GString       *out,
            const WflNode *node)
{
  gboolean has_children;

  indent (out, 2);
  put (out, "<node");
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
  if (node->quota_period != WFL_PERIOD_QUARTER)
    attr_enum (out, "quota-period", wfl_period_to_string (node->quota_period));
  if (node->initial_rate != 0)
    attr_number (out, "initial-rate", node->initial_rate);
  if (node->initial_stock != 0)
    attr_number (out, "initial-stock", node->initial_stock);
  attr_string (out, "source", node->source);
  attr_confidence (out, node->confidence);
  attr_string (out, "product", node->product);
  attr_schedule (out, "booked-to-needed", node->booked_to_needed, TRUE, 1);

  has_children = (wfl_schedule_get_n_points (node->capacity) > 0 && !schedule_is_attribute (node->capacity)) ||
                 (wfl_schedule_get_n_points (node->yield) > 0 && !schedule_is_attribute (node->yield)) ||
                 node->note != NULL ||
                 (node->orders != NULL && node->orders->len > 0) ||
                 booked_to_needed_is_element (node) || node->forecasts->len > 0 ||
                 (node->grants != NULL && node->grants->len > 0) ||
                 node->expansions->len > 0;
  if (!has_children)
    {
      put (out, "/>\n");
      return;
    }
  put (out, ">\n");

  schedule_element (out, 3, "capacity", node->capacity);
  schedule_element (out, 3, "yield", node->yield);
  schedule_element (out, 3, "booked-to-needed", node->booked_to_needed);
  text_element (out, 3, "note", node->note);
  for (guint i = 0; node->orders != NULL && i < node->orders->len; i++)
    {
      const WflOrder *order = g_ptr_array_index (node->orders, i);

      indent (out, 3);
      put (out, "<order");
      attr_string (out, "id", order->id);
      attr_number (out, "quantity", order->quantity);
      attr_date (out, "placed", order->placed);
      attr_date (out, "due", order->due);
      if (order->priority != 1)
        attr_int (out, "priority", order->priority);
      attr_string (out, "source", order->source);
      attr_confidence (out, order->confidence);
      attr_string (out, "product", order->product);
      attr_date (out, "cancelled", order->cancelled);
      put (out, "/>\n");
    }
  write_forecasts (out, node);
  write_grants (out, node);
  write_expansions (out, node);

  indent (out, 2);
  put (out, "</node>\n");
}

static void
write_link (GString       *out,
            const WflLink *link)
{
  indent (out, 2);
  put (out, "<link");
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
  attr_schedule (out, "weight", link->weight, TRUE, 1);
  attr_schedule (out, "quota", link->quota, FALSE, 0);

  if (!schedule_needs_element (link->mix) && !schedule_needs_element (link->weight) &&
      !schedule_needs_element (link->quota) && wfl_schedule_get_n_points (link->availability) == 0)
    {
      put (out, "/>\n");
      return;
    }
  put (out, ">\n");
  schedule_element (out, 3, "mix", link->mix);
  schedule_element (out, 3, "weight", link->weight);
  schedule_element (out, 3, "quota", link->quota);
  write_availability (out, link->availability);
  indent (out, 2);
  put (out, "</link>\n");
}

static void
write_views (GString        *out,
             const WflViews *views)
{
  gboolean has_sankey = views->has_sankey || views->pins->len > 0;

  if (!has_sankey && !views->has_gantt && views->measure == WFL_MEASURE_UNITS)
    return;

  put (out, "\n  <views");
  if (views->measure != WFL_MEASURE_UNITS)
    attr_enum (out, "measure", wfl_measure_to_string (views->measure));
  put (out, ">\n");
  if (has_sankey)
    {
      indent (out, 2);
      put (out, "<sankey");
      attr_date (out, "from", views->sankey_from);
      attr_date (out, "to", views->sankey_to);
      if (views->pins->len == 0)
        put (out, "/>\n");
      else
        {
          put (out, ">\n");
          for (guint i = 0; i < views->pins->len; i++)
            {
              const WflPin *pin = g_ptr_array_index (views->pins, i);

              indent (out, 3);
              put (out, "<pin");
              attr_string (out, "node", pin->node);
              if (pin->column >= 0)
                attr_int (out, "column", pin->column);
              if (!isnan (pin->position))
                attr_number (out, "position", pin->position);
              put (out, "/>\n");
            }
          indent (out, 2);
          put (out, "</sankey>\n");
        }
    }
  if (views->has_gantt)
    {
      indent (out, 2);
      put (out, "<gantt");
      if (views->gantt_mode != WFL_GANTT_MODE_ORDERS)
        attr_enum (out, "mode", wfl_gantt_mode_to_string (views->gantt_mode));
      if (views->gantt_zoom != WFL_ZOOM_MONTH)
        attr_enum (out, "zoom", wfl_zoom_to_string (views->gantt_zoom));
      attr_date (out, "as-of", views->gantt_as_of);
      put (out, "/>\n");
    }
  put (out, "  </views>\n");
}

typedef struct
{
  WflScenario *scenario;
  guint        from, to;
  GString     *out;
} NodeShare;

static gpointer
write_nodes_thread (gpointer data)
{
  NodeShare *share = data;

  for (guint i = share->from; i < share->to; i++)
    write_node (share->out, wfl_scenario_get_node (share->scenario, i));
  return NULL;
}

/* The nodes hold most of a large file (their schedules, a number each
 * point): a second thread writes the later half of them beside this one. */
static gsize
guess_node_size (const WflNode *node)
{
  return 200 + 100 * (wfl_schedule_get_n_points (node->capacity) + wfl_schedule_get_n_points (node->yield) +
                      node->orders->len);
}

static void
write_nodes (GString     *out,
             WflScenario *self)
{
  guint n_nodes = wfl_scenario_get_n_nodes (self);
  NodeShare share = { self, n_nodes, n_nodes, NULL };
  GThread *thread = NULL;
  gsize size = 0;

  for (guint i = 0; i < n_nodes; i++)
    size += guess_node_size (wfl_scenario_get_node (self, i));

  if (size > 1024 * 1024 && g_get_num_processors () > 1)
    {
      gsize half = 0;

      /* Where the first half of the text ends, by the same guess. */
      for (share.from = 0; share.from < n_nodes && half < size / 2; share.from++)
        half += guess_node_size (wfl_scenario_get_node (self, share.from));
      share.out = g_string_sized_new (size - half + 1);
      thread = g_thread_new ("wfl-save", write_nodes_thread, &share);
    }

  for (guint i = 0; i < share.from; i++)
    write_node (out, wfl_scenario_get_node (self, i));

  if (thread != NULL)
    {
      g_thread_join (thread);
      g_string_append_len (out, share.out->str, share.out->len);
      g_string_free (share.out, TRUE);
    }
}

/* The text before the nodes: the declaration, title, calendar, sources,
 * products, and the nodes' opening tag. */
static void
write_head (GString     *out,
            WflScenario *self)
{
  guint n_sources = wfl_scenario_get_n_sources (self);

  put (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (out, "<scenario xmlns=\"%s\" format-version=\"%d\">\n",
                          WFL_SCENARIO_NAMESPACE, WFL_SCENARIO_FORMAT_VERSION);
  text_element (out, 1, "title", wfl_scenario_get_title (self));
  text_element (out, 1, "description", wfl_scenario_get_description (self));
  put (out, "  <calendar");
  attr_date (out, "start", wfl_scenario_get_start (self));
  attr_int (out, "weeks", wfl_scenario_get_weeks (self));
  put (out, "/>\n");

  if (n_sources > 0)
    {
      put (out, "\n  <sources>\n");
      for (guint i = 0; i < n_sources; i++)
        {
          const WflSource *source = wfl_scenario_get_source (self, i);

          put (out, "    <source");
          attr_string (out, "id", source->id);
          if (source->basis != WFL_BASIS_NONE)
            attr_enum (out, "basis", wfl_basis_to_string (source->basis));
          attr_string (out, "title", source->title);
          attr_string (out, "date", source->date);
          attr_string (out, "url", source->url);
          put (out, "/>\n");
        }
      put (out, "  </sources>\n");
    }

  write_products (out, self);

  if (wfl_scenario_get_n_nodes (self) > 0)
    put (out, "\n  <nodes>\n");
}

/* The text after the nodes: their closing tag, the links, uncertainty
 * and experiments, views. */
static void
write_tail (GString     *out,
            WflScenario *self)
{
  guint n_links = wfl_scenario_get_n_links (self);

  if (wfl_scenario_get_n_nodes (self) > 0)
    put (out, "  </nodes>\n");

  if (n_links > 0)
    {
      put (out, "\n  <links>\n");
      for (guint i = 0; i < n_links; i++)
        write_link (out, wfl_scenario_get_link (self, i));
      put (out, "  </links>\n");
    }

  _wfl_uncertainty_xml_write (out, self);
  write_views (out, wfl_scenario_get_views (self));
  put (out, "</scenario>\n");
}

static gsize
guess_size (WflScenario *self)
{
  guint n_nodes = wfl_scenario_get_n_nodes (self);
  gsize guess = 512 + 160 * wfl_scenario_get_n_sources (self);

  for (guint i = 0; i < n_nodes; i++)
    guess += guess_node_size (wfl_scenario_get_node (self, i));
  return guess + 150 * wfl_scenario_get_n_links (self);
}

static GString *
to_string (WflScenario *self)
{
  GString *out = g_string_sized_new (guess_size (self));

  write_head (out, self);
  write_nodes (out, self);
  write_tail (out, self);
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

/* --- Saving a large scenario in pieces ------------------------------------ */

/* A large file is made in pieces (the head, runs of nodes of about
 * CHUNK bytes, the tail) by two threads, and written piece by piece, in
 * order, as each is ready: the disk writes the first pieces while the
 * later ones are made, and the final flush has little left to wait for
 * (the file's stream starts the write-back of every MiB it is given,
 * wfl-atomic-file.c).  The bytes are those of wfl_scenario_to_bytes(). */
#define CHUNK (256 * 1024)

typedef struct
{
  WflScenario *scenario;
  guint        n_chunks;
  guint       *first;     /* per chunk 1 … n_chunks − 2: its first node; first[n_chunks − 1] = n_nodes */
  GString    **text;      /* per chunk, once made */
  GPtrArray   *spare;     /* of GString: texts written, to make again (under lock) */
  gint         next;      /* the next chunk to make (atomic) */
  gint         stop;      /* the writer gave up (atomic) */
  GMutex       lock;
  GCond        made;
} Pieces;

/* g_string_free() as a GDestroyNotify (its second argument TRUE). */
static void
free_string (gpointer string)
{
  g_string_free (string, TRUE);
}

static void
make_piece (Pieces *p,
            guint   c)
{
  GString *out = NULL;

  g_mutex_lock (&p->lock);
  if (p->spare->len > 0)
    out = g_ptr_array_steal_index_fast (p->spare, p->spare->len - 1);
  g_mutex_unlock (&p->lock);
  if (out == NULL)
    out = g_string_sized_new (CHUNK + CHUNK / 4);

  if (c == 0)
    write_head (out, p->scenario);
  else if (c == p->n_chunks - 1)
    write_tail (out, p->scenario);
  else
    for (guint i = p->first[c - 1]; i < p->first[c]; i++)
      write_node (out, wfl_scenario_get_node (p->scenario, i));

  g_mutex_lock (&p->lock);
  p->text[c] = out;
  g_cond_broadcast (&p->made);
  g_mutex_unlock (&p->lock);
}

static gpointer
make_pieces_thread (gpointer data)
{
  Pieces *p = data;

  for (;;)
    {
      guint c = (guint) g_atomic_int_add (&p->next, 1);

      if (c >= p->n_chunks || g_atomic_int_get (&p->stop))
        return NULL;
      make_piece (p, c);
    }
}

/* Splits the nodes into runs of about CHUNK bytes by their guessed size:
 * p->first[k] is where run k + 1 begins (first[0] = 0).  Returns the
 * guessed size of the file (guess_size()). */
static gsize
plan_pieces (Pieces *p)
{
  guint n_nodes = wfl_scenario_get_n_nodes (p->scenario);
  GArray *first = g_array_new (FALSE, FALSE, sizeof (guint));
  gsize run = 0, size = 512 + 160 * wfl_scenario_get_n_sources (p->scenario) +
                        150 * wfl_scenario_get_n_links (p->scenario);
  guint zero = 0;

  g_array_append_val (first, zero);
  for (guint i = 0; i < n_nodes; i++)
    {
      gsize node_size = guess_node_size (wfl_scenario_get_node (p->scenario, i));

      run += node_size;
      size += node_size;
      if (run >= CHUNK && i + 1 < n_nodes)
        {
          guint next = i + 1;

          g_array_append_val (first, next);
          run = 0;
        }
    }
  g_array_append_val (first, n_nodes);
  /* Chunks: the head, one per run, the tail. */
  p->n_chunks = first->len + 1;
  p->first = (guint *) g_array_free (first, FALSE);
  p->text = g_new0 (GString *, p->n_chunks);
  return size;
}

static gboolean
save_in_pieces (Pieces        *pieces,
                WflAtomicFile *file,
                GCancellable  *cancellable,
                GError       **error)
{
  Pieces p = *pieces;
  GThread *threads[2] = { NULL, NULL };
  guint n_threads = g_get_num_processors () > 1 ? 2 : 1;
  gboolean ok = TRUE;

  p.spare = g_ptr_array_new_with_free_func (free_string);
  g_mutex_init (&p.lock);
  g_cond_init (&p.made);
  for (guint k = 0; k < n_threads; k++)
    threads[k] = g_thread_new ("wfl-save", make_pieces_thread, &p);

  for (guint c = 0; c < p.n_chunks; c++)
    {
      GString *text;

      g_mutex_lock (&p.lock);
      while (p.text[c] == NULL)
        g_cond_wait (&p.made, &p.lock);
      text = p.text[c];
      p.text[c] = NULL;
      g_mutex_unlock (&p.lock);

      ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           wfl_atomic_file_append (file, text->str, text->len, cancellable, error);
      /* Made again by the next piece (the pages are there already). */
      g_string_truncate (text, 0);
      g_mutex_lock (&p.lock);
      g_ptr_array_add (p.spare, text);
      g_mutex_unlock (&p.lock);
      if (!ok)
        {
          g_atomic_int_set (&p.stop, 1);
          break;
        }
    }

  for (guint k = 0; k < n_threads; k++)
    g_thread_join (threads[k]);
  for (guint c = 0; c < p.n_chunks; c++)
    if (p.text[c] != NULL)
      g_string_free (p.text[c], TRUE);
  g_free (p.text);
  g_free (p.first);
  g_ptr_array_unref (p.spare);
  g_mutex_clear (&p.lock);
  g_cond_clear (&p.made);
  return ok;
}

gboolean
wfl_scenario_save_file (WflScenario   *self,
                        GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  Pieces pieces = { .scenario = self };
  WflAtomicFile *atomic;

  g_return_val_if_fail (WFL_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (plan_pieces (&pieces) < 4 * CHUNK)
    {
      g_autoptr(GBytes) bytes = wfl_scenario_to_bytes (self);
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      g_free (pieces.first);
      g_free (pieces.text);
      return wfl_atomic_file_write (file, data, size, cancellable, error);
    }

  atomic = wfl_atomic_file_begin (file, cancellable, error);
  if (atomic == NULL)
    {
      g_free (pieces.first);
      g_free (pieces.text);
      return FALSE;
    }
  if (!save_in_pieces (&pieces, atomic, cancellable, error))
    {
      wfl_atomic_file_abort (atomic);
      return FALSE;
    }
  return wfl_atomic_file_commit (atomic, cancellable, error);
}
